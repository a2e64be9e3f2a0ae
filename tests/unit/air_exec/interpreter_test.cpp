// The interpreter instruction by instruction on one or two peers, driven directly through
// air::Interpreter (the conformance suites cover whole scenarios against the real AquaVM).
#include <catch2/catch.hpp>

#include <string>

#include "air/interpreter.h"
#include "air/json_text.h"

namespace {

// A single peer "a" running `script` until it asks for nothing more, answering every call
// with `answer(service, function, argsJson)`.
struct LocalRun {
  air::Outcome last;
  std::vector<std::string> calls; // "service.function args"
  int invocations = 0;
};

template <typename Answer> LocalRun runLocal(const std::string &script, Answer answer) {
  air::Interpreter vm;
  air::RunParams params{"a", "a", 1700000000000ull, 120000, "particle", ""};
  LocalRun run;
  std::string data;
  air::CallResults results;
  do {
    run.last = vm.invoke(script, data, "", params, results);
    ++run.invocations;
    data = run.last.data;
    results.clear();
    for (const auto &[id, request] : run.last.callRequests) {
      run.calls.push_back(request.serviceId + "." + request.functionName + " " + request.argumentsJson);
      results[id] = answer(request.serviceId, request.functionName, request.argumentsJson);
    }
  } while (!results.empty() && run.invocations < 100);
  return run;
}

air::CallResult ok(std::string json) { return air::CallResult{0, std::move(json)}; }
auto echo = [](const std::string &, const std::string &, const std::string &args) { return ok(args); };

bool called(const LocalRun &run, const std::string &prefix) {
  for (const std::string &c : run.calls)
    if (c.rfind(prefix, 0) == 0) return true;
  return false;
}

} // namespace

TEST_CASE("a local call becomes a request and its result binds the output", "[exec][call]") {
  LocalRun run = runLocal("(seq (call \"a\" (\"s\" \"f\") [1 \"x\"] r) (call \"a\" (\"s\" \"g\") [r]))",
                          [](auto &, const std::string &fn, auto &) { return ok(fn == "f" ? "42" : "{}"); });
  CHECK(run.last.retCode == 0);
  CHECK(run.calls == std::vector<std::string>{"s.f [1,\"x\"]", "s.g [42]"});
}

TEST_CASE("a call for another peer routes the particle there", "[exec][call]") {
  air::Interpreter vm;
  air::Outcome o = vm.invoke("(call \"b\" (\"s\" \"f\") [] r)", "", "", {"a", "a", 0, 0, "p", ""}, {});
  CHECK(o.retCode == 0);
  CHECK(o.nextPeers == std::vector<std::string>{"b"});
  CHECK(o.callRequests.empty());
  // Peer b executes it with the data that arrived.
  air::Interpreter vmB;
  air::Outcome onB = vmB.invoke("(call \"b\" (\"s\" \"f\") [] r)", "", o.data, {"a", "b", 0, 0, "p", ""}, {});
  CHECK(onB.callRequests.size() == 1);
}

TEST_CASE("a service error is catchable 10000 and xor runs its right branch", "[exec][xor][errors]") {
  LocalRun run = runLocal(
      "(xor (call \"a\" (\"s\" \"bad\") [] r) (call \"a\" (\"log\" \"err\") [:error:.$.error_code :error:.$.message]))",
      [](const std::string &svc, auto &, auto &) { return svc == "s" ? air::CallResult{3, "\"boom\""} : ok("{}"); });
  CHECK(run.last.retCode == 0);
  CHECK(called(run, "log.err [10000,\"Local service error, ret_code is 3, error message is '\\\"boom\\\"'\"]"));
}

TEST_CASE("uncaught errors end the particle with AquaVM's codes", "[exec][errors]") {
  auto code = [](const std::string &script) { return runLocal(script, echo).last.retCode; };
  CHECK(code("(match 1 2 (null))") == 10001);
  CHECK(code("(mismatch 1 1 (null))") == 10002);
  CHECK(code("(seq (ap 5 n) (fold n i (null)))") == 10005);
  CHECK(code("(fail 7 \"stop\")") == 10006);
  CHECK(code("(seq (ap 1 x) (ap x.$.field y))") == 10007);
  CHECK(code("(seq (ap 1 x) (ap x.length y))") == 10010);
  CHECK(code("(seq (ap 1 x) (ap 2 x))") == 20007);
  CHECK(code("(call x (\"s\" \"f\") [])") == 1); // undefined at parse time
}

TEST_CASE("par runs both branches; seq waits for its left side", "[exec][par][seq]") {
  air::Interpreter vm;
  air::Outcome o = vm.invoke(
      "(seq (par (call \"a\" (\"s\" \"l\") [] x) (call \"a\" (\"s\" \"r\") [] y)) (call \"a\" (\"s\" \"after\") [x y]))",
      "", "", {"a", "a", 0, 0, "p", ""}, {});
  REQUIRE(o.callRequests.size() == 2); // both branches, nothing after the seq yet
  CHECK(o.callRequests.begin()->second.functionName == "l");
}

TEST_CASE("fold with next visits every element in order; with next first, in reverse", "[exec][fold]") {
  LocalRun forward = runLocal("(seq (call \"a\" (\"s\" \"xs\") [] xs) (fold xs i (seq (call \"a\" (\"s\" \"v\") [i]) (next i))))",
                              [](auto &, const std::string &fn, auto &args) { return ok(fn == "xs" ? "[1,2,3]" : args); });
  CHECK(forward.calls == std::vector<std::string>{"s.xs []", "s.v [1]", "s.v [2]", "s.v [3]"});
  LocalRun parallel = runLocal("(seq (call \"a\" (\"s\" \"xs\") [] xs) (fold xs i (par (next i) (call \"a\" (\"s\" \"v\") [i]))))",
                               [](auto &, const std::string &fn, auto &args) { return ok(fn == "xs" ? "[1,2,3]" : args); });
  CHECK(parallel.calls == std::vector<std::string>{"s.xs []", "s.v [3]", "s.v [2]", "s.v [1]"});
}

TEST_CASE("streams, canon and new", "[exec][streams]") {
  LocalRun run = runLocal("(seq (seq (ap 1 $s) (new $s (ap 2 $s))) (seq (ap 3 $s) (seq (canon \"a\" $s #cc) "
                          "(call \"a\" (\"s\" \"out\") [#cc #cc.length]))))",
                          echo);
  CHECK(run.last.retCode == 0);
  CHECK(called(run, "s.out [[1,3],2]")); // the value written under `new $s` stays inside it
}

TEST_CASE("a stream map canonicalised to a scalar keeps the first value per key", "[exec][maps]") {
  LocalRun run = runLocal("(seq (seq (ap (\"k\" 1) %m) (ap (\"k\" 2) %m)) (seq (canon \"a\" %m obj) "
                          "(call \"a\" (\"s\" \"out\") [obj])))",
                          echo);
  CHECK(called(run, "s.out [{\"k\":1}]"));
}

TEST_CASE("call results nobody asked for are reported (30000)", "[exec][errors]") {
  air::Interpreter vm;
  air::Outcome o = vm.invoke("(null)", "", "", {"a", "a", 0, 0, "p", ""}, {{7, air::CallResult{0, "1"}}});
  CHECK(o.retCode == 30000);
}

TEST_CASE("malformed data is a preparation error, not a crash", "[exec][data]") {
  air::Interpreter vm;
  for (const std::string &bad : std::vector<std::string>{"not json", "{}", "{\"format\":\"aquac-data/1\"}", std::string("\0\xff", 2)}) {
    air::Outcome o = vm.invoke("(null)", "", bad, {"a", "a", 0, 0, "p", ""}, {});
    CHECK(o.retCode == 2);
  }
}

namespace {
bool validUtf8(const std::string &s) {
  for (size_t i = 0; i < s.size();) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    size_t n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return false;
    for (size_t k = 1; k < n; ++k)
      if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
    i += n;
  }
  return true;
}
} // namespace

// Found by fuzz.smoke.air_script: a string literal with a bad byte reached llvm::json::Value
// (an assertion in checked builds). The C API may hand us any bytes; they read as U+FFFD.
TEST_CASE("texts that are not UTF-8 (script, peer ids, call results) read as U+FFFD", "[exec][utf8]") {
  air::Interpreter vm;
  air::RunParams params{"a\xff", "a\xff", 0, 0, "p\xc3", ""};
  air::Outcome o = vm.invoke("(seq (call %init_peer_id% (\"s\xe5\" \"f\") [\"x\xe5y\"] r) (call %init_peer_id% (\"s\" \"g\") [r]))",
                             "", "", params, {});
  REQUIRE(o.retCode == 0);
  REQUIRE(o.callRequests.size() == 1);
  const air::CallRequest &request = o.callRequests.begin()->second;
  CHECK(request.serviceId == "s\xef\xbf\xbd");
  CHECK(request.argumentsJson == "[\"x\xef\xbf\xbdy\"]");
  CHECK(validUtf8(o.data));
  // A failed call whose message is not UTF-8: the error, the data and the outcome stay UTF-8.
  air::Outcome failed = vm.invoke("(call %init_peer_id% (\"s\" \"f\") [] r)", "", "", params, {});
  REQUIRE(failed.callRequests.size() == 1);
  air::CallResults results;
  results[failed.callRequests.begin()->first] = air::CallResult{1, "bad \xff message"};
  air::Outcome after = vm.invoke("(call %init_peer_id% (\"s\" \"f\") [] r)", failed.data, "", params, results);
  CHECK(after.retCode == 10000);
  CHECK(validUtf8(after.errorMessage));
  CHECK(validUtf8(after.data));
  CHECK(after.errorMessage.find("bad \xef\xbf\xbd message") != std::string::npos);
}
