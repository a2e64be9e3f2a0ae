// Lowered scripts printed with runtime-air's printer match the reference byte for byte.
#include "air/printer.h"
#include "compiler/lower/emit_air.h"
#include "compiler/lower/function_wrapper.h"

#include <catch2/catch.hpp>

using namespace aqua::lower;

TEST_CASE("printed wrapper with an on block is byte-identical to the reference") {
  WrapperInput in;
  in.args = {{"peer", WrapperArg::Kind::Data}};
  in.body = makeOn(Val::var("-peer-arg-"), {}, {},
                   makeCall(std::nullopt, Val::str("peer"), "identify", {}, Val::var("ret")));
  in.results = {Val::var("ret")};
  const std::string expected = R"((xor
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
  CHECK(air::print(emitAir(wrapExportedFunction(in))) == expected + "\n");
}

TEST_CASE("literals print as the reference spells them") {
  auto op = makeSeq({makeAp(Val::flt("1.5"), Val::var("a")), makeAp(Val::num("-3"), Val::var("b")),
                     makeAp(Val::str("x y"), Val::var("c")), makeAp(Val::emptyArray(), Val::var("d")),
                     makeApMap(Val::str("k"), Val::boolean(true), Val::var("%m"))});
  CHECK(air::print(emitAir(op)) ==
        "(seq\n (seq\n  (seq\n   (seq\n    (ap 1.5 a)\n    (ap -3 b)\n   )\n   (ap \"x y\" c)\n  )\n"
        "  (ap [] d)\n )\n (ap (\"k\" true) %m)\n)\n");
}
