// Hand-built intermediate models lowered to AIR, checked against the reference compiler's output.
#include "compiler/lower/emit_air.h"
#include "compiler/lower/model.h"
#include "compiler/lower/topology.h"
#include "test_printer.h"

#include <catch2/catch.hpp>

using namespace aqua::lower;

namespace {

OpPtr getData(const std::string &name, const std::string &var) {
  return makeCall(Val::initPeer(), Val::str("getDataSrv"), name, {}, Val::var(var));
}

std::string lowerToText(const OpPtr &body, bool relay = true, bool noXor = false) {
  TopologyOptions opts;
  if (relay) opts.relay = Val::var("-relay-");
  opts.noXor = noXor;
  auto resolved = resolveTopology(body, opts);
  auto wrapped = makeXor(resolved, makeCall(Val::initPeer(), Val::str("errorHandlingSrv"), "error",
                                            {Val::error(), Val::num("0")}, std::nullopt));
  return lower_test::render(emitAir(wrapped));
}

} // namespace

TEST_CASE("on peer from the top level hops through the relay and back") {
  auto body = makeSeq({getData("-relay-", "-relay-"), getData("peer", "-peer-arg-"),
                       makeOn(Val::var("-peer-arg-"), {}, {},
                              makeCall(std::nullopt, Val::str("peer"), "identify", {}, Val::var("ret"))),
                       makeCall(Val::initPeer(), Val::str("callbackSrv"), "response", {Val::var("ret")},
                                std::nullopt)});
  const char *expected = R"((xor
 (seq
  (seq
   (seq
    (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
    (call %init_peer_id% ("getDataSrv" "peer") [] -peer-arg-)
   )
   (xor
    (seq
     (seq
      (new $-hop-
       (new #-hopc-
        (canon -relay- $-hop-  #-hopc-)
       )
      )
      (call -peer-arg- ("peer" "identify") [] ret)
     )
     (new $-hop-
      (new #-hopc-
       (canon -relay- $-hop-  #-hopc-)
      )
     )
    )
    (seq
     (seq
      (new $-hop-
       (new #-hopc-
        (canon -relay- $-hop-  #-hopc-)
       )
      )
      (new $-hop-
       (new #-hopc-
        (canon %init_peer_id% $-hop-  #-hopc-)
       )
      )
     )
     (fail :error:)
    )
   )
  )
  (call %init_peer_id% ("callbackSrv" "response") [ret])
 )
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])
))";
  CHECK(lowerToText(body) == lower_test::normalize(expected));
}

TEST_CASE("nested on goes direct and the inner block takes the exit over") {
  auto call = [](const std::string &peer, const std::string &res) {
    return makeCall(std::nullopt, Val::str("info"), "get", {}, Val::var(res));
  };
  auto body = makeSeq(
      {getData("-relay-", "-relay-"), getData("a", "-a-arg-"), getData("b", "-b-arg-"),
       makeOn(Val::var("-a-arg-"), {}, {},
              makeSeq({call("a", "ret"), makeOn(Val::var("-b-arg-"), {}, {}, call("b", "ret-0"))})),
       makeCall(Val::initPeer(), Val::str("callbackSrv"), "response",
                {Val::var("ret"), Val::var("ret-0")}, std::nullopt)});
  const char *expected = R"((xor (seq (seq (seq (seq
     (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
     (call %init_peer_id% ("getDataSrv" "a") [] -a-arg-))
    (call %init_peer_id% ("getDataSrv" "b") [] -b-arg-))
   (xor (seq (seq
      (new $-hop- (new #-hopc- (canon -relay- $-hop-  #-hopc-)))
      (call -a-arg- ("info" "get") [] ret))
     (xor (seq (call -b-arg- ("info" "get") [] ret-0)
       (new $-hop- (new #-hopc- (canon -relay- $-hop-  #-hopc-))))
      (fail :error:)))
    (seq (seq
      (new $-hop- (new #-hopc- (canon -relay- $-hop-  #-hopc-)))
      (new $-hop- (new #-hopc- (canon %init_peer_id% $-hop-  #-hopc-))))
     (fail :error:))))
  (call %init_peer_id% ("callbackSrv" "response") [ret ret-0]))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))";
  CHECK(lowerToText(body) == lower_test::normalize(expected));
}

TEST_CASE("on the relay itself needs no hops") {
  auto body = makeSeq({getData("-relay-", "-relay-"),
                       makeOn(Val::var("-relay-"), {}, {},
                              makeCall(std::nullopt, Val::str("peer"), "timestamp_ms", {}, Val::var("ret-0")))});
  const char *expected = R"((xor (seq
    (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
    (xor (call -relay- ("peer" "timestamp_ms") [] ret-0) (fail :error:)))
  (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))";
  CHECK(lowerToText(body) == lower_test::normalize(expected));
}
