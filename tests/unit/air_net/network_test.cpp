// The multi-peer harness (runtime-air/net) against the oracle's network rules
// (shared/oracle/README.md, run.mjs): FIFO events, next peers by name, batch and single call
// results, service lookup order, builtins, placeholders, step limit and the report's JSON.
// Most cases plug a scripted fake VM so that only the harness is under test.
#include <catch2/catch.hpp>

#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "air/json_text.h"
#include "air/network.h"

using air::CallRequest;
using air::CallResults;
using air::Outcome;
using air::net::Network;
using llvm::json::Value;

namespace {

// One invocation as a fake VM saw it.
struct Seen {
  std::string peer; // peer id
  std::string script;
  std::string prevData;
  std::string currentData;
  CallResults callResults;
};

using Behaviour = std::function<Outcome(const Seen &, size_t nthOnPeer)>;

class FakeVm final : public air::net::PeerVm {
public:
  FakeVm(Behaviour behaviour, std::shared_ptr<std::vector<Seen>> log) : behaviour_(std::move(behaviour)), log_(std::move(log)) {}
  Outcome invoke(std::string_view script, std::string_view prevData, std::string_view currentData,
                 const air::RunParams &params, const CallResults &callResults) override {
    Seen seen{params.currentPeerId, std::string(script), std::string(prevData), std::string(currentData), callResults};
    log_->push_back(seen);
    return behaviour_(seen, count_++);
  }

private:
  Behaviour behaviour_;
  std::shared_ptr<std::vector<Seen>> log_;
  size_t count_ = 0;
};

struct Harness {
  std::shared_ptr<std::vector<Seen>> log = std::make_shared<std::vector<Seen>>();
  air::net::PeerVmFactory factory(Behaviour behaviour) {
    auto shared = log;
    return [behaviour, shared] { return std::make_unique<FakeVm>(behaviour, shared); };
  }
};

air::net::Scenario scenarioFrom(const std::string &json) {
  auto parsed = llvm::json::parse(json);
  REQUIRE(static_cast<bool>(parsed));
  air::net::Scenario s;
  std::string error;
  INFO(error);
  REQUIRE(air::net::parseScenario(*parsed, s, error));
  return s;
}

std::string id(const char *name) { return Network::peerIdOf(name); }

CallRequest request(const std::string &service, const std::string &fn, const std::string &argsJson) {
  CallRequest r;
  r.serviceId = service;
  r.functionName = fn;
  r.argumentsJson = argsJson;
  return r;
}

// Runs `scenario` with a VM whose first invocation on the init peer issues `requests`; returns
// the results the second invocation received.
CallResults answersTo(const std::string &scenarioJson, std::map<uint32_t, CallRequest> requests,
                      air::net::RunReport *reportOut = nullptr) {
  Harness h;
  Network net(scenarioFrom(scenarioJson), h.factory([&](const Seen &, size_t n) {
    Outcome o;
    if (n == 0) o.callRequests = requests;
    return o;
  }));
  air::net::RunReport report = net.run("(null)");
  REQUIRE(h.log->size() == 2);
  if (reportOut) *reportOut = std::move(report);
  return (*h.log)[1].callResults;
}

} // namespace

TEST_CASE("peer ids are deterministic libp2p-looking strings", "[air][net]") {
  CHECK(id("p0") == id("p0"));
  CHECK(id("p0") != id("p1"));
  CHECK(id("p0").rfind("12D3KooW", 0) == 0);
  CHECK(id("p0").size() == 52);
}

TEST_CASE("events are FIFO, next peers go in peer-name order, unknown ids are dropped", "[air][net]") {
  Harness h;
  air::net::Scenario s = scenarioFrom(R"J({"air": "(null)", "peers": ["p0", "p1", "p2", "p10"]})J");
  auto nameOf = [](const std::string &peerId) {
    for (const char *n : {"p0", "p1", "p2", "p10"})
      if (id(n) == peerId) return std::string(n);
    return std::string("?");
  };
  Network net(std::move(s), h.factory([nameOf](const Seen &seen, size_t n) {
    Outcome o;
    o.data = "data-from-" + nameOf(seen.peer) + "-" + std::to_string(n);
    if (seen.peer == id("p0") && n == 0) o.nextPeers = {id("p2"), "12D3KooWnobody", id("p10"), id("p1")};
    if (seen.peer == id("p1")) o.nextPeers = {id("p0")};
    return o;
  }));
  air::net::RunReport report = net.run("(null)");
  std::vector<std::string> order;
  for (const Seen &s : *h.log) order.push_back(s.peer);
  // p1 < p10 < p2 by name; p1's message to p0 is queued after those.
  CHECK(order == std::vector<std::string>{id("p0"), id("p1"), id("p10"), id("p2"), id("p0")});
  CHECK((*h.log)[1].prevData.empty());
  CHECK((*h.log)[1].currentData == "data-from-p0-0");
  CHECK((*h.log)[4].prevData == "data-from-p0-0"); // p0's own stored data
  CHECK((*h.log)[4].currentData == "data-from-p1-0");
  CHECK(report.droppedNextPeers == std::vector<std::string>{"12D3KooWnobody"});
  CHECK(report.invocations == 5);
  CHECK(report.quiescent);
  CHECK(report.dataSizes.size() == 4);
}

TEST_CASE("each invocation's interpreter time is reported, in order, as timings_ms when asked", "[air][net]") {
  Harness h;
  air::net::Scenario s = scenarioFrom(R"J({"air": "(null)", "peers": ["p0", "p1"]})J");
  Network net(std::move(s), h.factory([](const Seen &seen, size_t) {
    Outcome o;
    if (seen.peer == id("p0")) o.nextPeers = {id("p1")};
    // The second invocation (on p1) is the slow one; sleeping lasts at least this long.
    else std::this_thread::sleep_for(std::chrono::milliseconds(30));
    return o;
  }));
  air::net::RunReport report = net.run("(null)");
  REQUIRE(report.invocations == 2);
  REQUIRE(report.invokeMs.size() == 2);
  CHECK(report.invokeMs[0] >= 0);
  CHECK(report.invokeMs[1] >= 30);
  Value plain = report.toJson();
  CHECK(plain.getAsObject()->get("timings_ms") == nullptr); // deterministic output by default
  Value timed = report.toJson(true);
  const llvm::json::Array *timings = timed.getAsObject()->getArray("timings_ms");
  REQUIRE(timings);
  REQUIRE(timings->size() == 2);
  CHECK((*timings)[1].getAsNumber().getValueOr(0) >= 30);
}

TEST_CASE("all call results of one invocation come back together by default", "[air][net]") {
  std::map<uint32_t, CallRequest> requests{{3, request("op", "identity", "[3]")},
                                           {1, request("op", "identity", "[1]")},
                                           {2, request("op", "identity", "[2]")}};
  CallResults results = answersTo(R"J({"air": "(null)"})J", requests);
  REQUIRE(results.size() == 3);
  CHECK(results[1].retCode == 0);
  CHECK(results[1].resultJson == "1");
  CHECK(results[3].resultJson == "3");
}

TEST_CASE("single mode feeds each call result in its own invocation, in key order", "[air][net]") {
  Harness h;
  Network net(scenarioFrom(R"J({"air": "(null)", "call_results": "single"})J"), h.factory([](const Seen &, size_t n) {
    Outcome o;
    if (n == 0) o.callRequests = {{7, request("op", "array", "[7]")}, {2, request("op", "array", "[2]")}};
    return o;
  }));
  net.run("(null)");
  REQUIRE(h.log->size() == 3);
  REQUIRE((*h.log)[1].callResults.size() == 1);
  CHECK((*h.log)[1].callResults.begin()->first == 2);
  CHECK((*h.log)[1].callResults.begin()->second.resultJson == "[2]");
  CHECK((*h.log)[2].callResults.begin()->first == 7);
  CHECK((*h.log)[2].currentData.empty());
}

TEST_CASE("scenario services are looked up as svc.fn@peer, svc.fn, svc.*@peer, svc.*", "[air][net]") {
  const char *scenario = R"J({"air": "(null)", "services": {
      "svc.fn@p0": {"result": "fn at p0"}, "svc.fn": {"result": "fn anywhere"},
      "svc.*@p0": {"result": "any fn at p0"}, "svc.*": {"result": "any fn anywhere"},
      "op.identity": {"result": "scripted beats builtin"}}})J";
  CallResults r = answersTo(scenario, {{1, request("svc", "fn", "[]")},
                                       {2, request("svc", "other", "[]")},
                                       {3, request("op", "identity", "[5]")}});
  CHECK(r[1].resultJson == "\"fn at p0\"");
  CHECK(r[2].resultJson == "\"any fn at p0\"");
  CHECK(r[3].resultJson == "\"scripted beats builtin\"");

  const char *elsewhere = R"J({"air": "(null)", "services": {"svc.fn@p1": {"result": 1}, "svc.*": {"result": 2}}})J";
  CallResults r2 = answersTo(elsewhere, {{1, request("svc", "fn", "[]")}});
  CHECK(r2[1].resultJson == "2");
}

TEST_CASE("scripted service kinds", "[air][net]") {
  const char *scenario = R"J({"air": "(null)", "services": {
      "e.fail": {"error": "boom"}, "e.code": {"error": {"why": "x"}, "ret_code": 42},
      "e.echo": {"echo": true}, "e.args": {"echo_args": true}, "e.nop": {"noop": true},
      "e.seq": {"results": [{"result": 1}, {"error": "second"}, {"result": 3}]}}})J";
  Harness h;
  Network net(scenarioFrom(scenario), h.factory([](const Seen &, size_t n) {
    Outcome o;
    if (n == 0)
      o.callRequests = {{1, request("e", "fail", "[]")}, {2, request("e", "code", "[]")},
                        {3, request("e", "echo", "[9]")},  {4, request("e", "echo", "[1,2]")},
                        {5, request("e", "args", "[9]")},  {6, request("e", "nop", "[]")},
                        {7, request("e", "seq", "[]")},    {8, request("e", "seq", "[]")},
                        {9, request("e", "seq", "[]")},    {10, request("e", "seq", "[]")}};
    return o;
  }));
  net.run("(null)");
  CallResults r = (*h.log)[1].callResults;
  CHECK(r[1].retCode == 1);
  CHECK(r[1].resultJson == "\"boom\"");
  CHECK(r[2].retCode == 42);
  CHECK(r[2].resultJson == "{\"why\":\"x\"}");
  CHECK(r[3].resultJson == "9");
  CHECK(r[4].resultJson == "[1,2]");
  CHECK(r[5].resultJson == "[9]");
  CHECK(r[6].resultJson == "{}");
  CHECK(r[7].resultJson == "1");
  CHECK(r[8].retCode == 1);
  CHECK(r[9].resultJson == "3");
  CHECK(r[10].resultJson == "3"); // the last entry repeats
}

TEST_CASE("builtin services answer as the oracle's", "[air][net]") {
  const char *scenario = R"J({"air": "(null)", "peers": ["p0", "p1"], "relay": "p1", "args": {"x": 5, "who": "{{p1}}"},
                             "timestamp": 1700000000123})J";
  std::map<uint32_t, CallRequest> calls;
  uint32_t k = 0;
  auto add = [&](const char *svc, const char *fn, const char *args) { calls[++k] = request(svc, fn, args); };
  add("getDataSrv", "x", "[]");                          // 1
  add("getDataSrv", "-relay-", "[]");                    // 2
  add("getDataSrv", "who", "[]");                        // 3
  add("getDataSrv", "missing", "[]");                    // 4
  add("op", "concat", "[[1],[2,3]]");                    // 5
  add("op", "concat_strings", "[\"a\",\"b\"]");          // 6
  add("op", "array_length", "[[1,2,3]]");                // 7
  add("math", "div", "[-7,2]");                          // 8
  add("math", "rem", "[-7,2]");                          // 9
  add("math", "div", "[-9223372036854775808,-1]");       // 10: overflows an i64
  add("math", "add", "[9223372036854775807,1]");         // 11
  add("math", "div", "[1,0]");                           // 12
  add("cmp", "gte", "[2,2]");                            // 13
  add("cmp", "cmp", "[1,2]");                            // 14
  add("array", "dedup", "[[1,2,1,{\"a\":1},{\"a\":1}]]"); // 15
  add("array", "sdiff", "[[1,2,3],[2,3,4]]");            // 16
  add("json", "obj", "[\"a\",1,\"b\",[2]]");             // 17
  add("json", "puts", "[{\"a\":1},\"b\",2,\"c\",3]");    // 18
  add("json", "parse", "[\"{\\\"k\\\":[1,2]}\"]");       // 19
  add("debug", "stringify", "[]");                       // 20
  add("peer", "timestamp_sec", "[]");                    // 21
  add("nosuch", "thing", "[1,\"two\"]");                 // 22
  add("math", "nosuch", "[1,2]");                        // 23
  add("math", "add", "[1]");                             // 24
  add("math", "pow", "[2,10]");                          // 25
  add("array", "sum", "[[1,2,3.5]]");                    // 26
  CallResults r = answersTo(scenario, calls);
  CHECK(r[1].resultJson == "5");
  CHECK(r[2].resultJson == "\"" + id("p1") + "\"");
  CHECK(r[3].resultJson == "\"" + id("p1") + "\"");
  CHECK(r[4].retCode == 1);
  CHECK(r[4].resultJson ==
        "\"Service call failed. fnName=\\\"missing\\\" serviceId=\\\"getDataSrv\\\" error: getDataSrv: no argument missing\"");
  CHECK(r[5].resultJson == "[1,2,3]");
  CHECK(r[6].resultJson == "\"ab\"");
  CHECK(r[7].resultJson == "3");
  CHECK(r[8].resultJson == "-3");
  CHECK(r[9].resultJson == "-1");
  CHECK(r[10].retCode == 0);
  CHECK(r[10].resultJson == "9223372036854776000");
  CHECK(r[11].resultJson == "9223372036854776000");
  CHECK(r[12].retCode == 1);
  CHECK(r[12].resultJson.find("division by zero") != std::string::npos);
  CHECK(r[13].resultJson == "true");
  CHECK(r[14].resultJson == "-1");
  CHECK(r[15].resultJson == "[1,2,{\"a\":1}]");
  CHECK(r[16].resultJson == "[1,4]");
  CHECK(r[17].resultJson == "{\"a\":1,\"b\":[2]}");
  CHECK(r[18].resultJson == "{\"a\":1,\"b\":2,\"c\":3}");
  CHECK(r[19].resultJson == "{\"k\":[1,2]}");
  CHECK(r[20].resultJson == "\"\\\"<empty argument list>\\\"\"");
  CHECK(r[21].resultJson == "1700000000");
  CHECK(r[22].retCode == 1);
  CHECK(r[22].resultJson ==
        "\"No service found for service call: serviceId='nosuch', fnName='thing' args='[1,\\\"two\\\"]'\"");
  CHECK(r[23].retCode == 1);
  CHECK(r[23].resultJson.find("No service found") != std::string::npos);
  CHECK(r[24].resultJson ==
        "\"Service call failed. fnName=\\\"add\\\" serviceId=\\\"math\\\" error: math.add expects 2 numbers\"");
  CHECK(r[25].resultJson == "1024");
  CHECK(r[26].resultJson == "6.5");
}

TEST_CASE("callbackSrv, errorHandlingSrv and run-console are recorded in the report", "[air][net]") {
  air::net::RunReport report;
  answersTo(R"J({"air": "(null)", "peers": ["p0", "p1"]})J",
            {{1, request("callbackSrv", "response", "[1,\"" + id("p1") + "\"]")},
             {2, request("callbackSrv", "response", "[2]")},
             {3, request("callbackSrv", "other", "[]")},
             {4, request("errorHandlingSrv", "error", "[{\"m\":1},0]")},
             {5, request("run-console", "print", "[\"hi\"]")}},
            &report);
  std::string json = air::toJsonText(report.toJson(), 2);
  auto parsed = llvm::json::parse(json);
  REQUIRE(static_cast<bool>(parsed));
  const llvm::json::Object &o = *parsed->getAsObject();
  CHECK(air::toJsonText(*o.get("result")) == "[1,\"{{p1}}\"]");
  CHECK(air::toJsonText(*o.get("responses")) == "[[1,\"{{p1}}\"],[2]]");
  CHECK(air::toJsonText(*o.get("errors")) == "[{\"args\":[{\"m\":1},0],\"kind\":\"errorHandlingSrv\",\"peer\":\"p0\"}]");
  CHECK(air::toJsonText(*o.get("console")) == "[[\"hi\"]]");
  CHECK(o.get("dropped_next_peers") == nullptr);
  // Calls are sorted canonically and use {{pN}} for known peer ids.
  const llvm::json::Array &calls = *o.getArray("calls");
  REQUIRE(calls.size() == 5);
  // By canonical text: ["hi"] < [1,...] < [2] < [] < [{...}].
  CHECK(air::toJsonText(calls[0]) == "{\"args\":[\"hi\"],\"function\":\"print\",\"peer\":\"p0\",\"service\":\"run-console\"}");
  CHECK(air::toJsonText(calls[1]) ==
        "{\"args\":[1,\"{{p1}}\"],\"function\":\"response\",\"peer\":\"p0\",\"service\":\"callbackSrv\"}");
  CHECK(*calls[3].getAsObject()->getString("function") == "other");
  CHECK(*calls[4].getAsObject()->getString("service") == "errorHandlingSrv");
}

TEST_CASE("placeholders: {{pN}} in air, args and service results; ids back to {{pN}} in reports", "[air][net]") {
  Harness h;
  air::net::Scenario s = scenarioFrom(R"J({"air": "(call \"{{p1}}\" (\"s\" \"f\") [\"{{p9}}\" \"{{{p2}}\"])", "peers": ["p0", "p1", "p2"],
      "services": {"s.f": {"result": {"{{p2}}": "{{p1}}"}}}})J");
  std::string air = s.air;
  Network net(std::move(s), h.factory([](const Seen &, size_t n) {
    Outcome o;
    if (n == 0) {
      o.callRequests = {{1, request("s", "f", "[]")}};
      o.retCode = 10000;
      o.errorMessage = "failed on " + id("p2");
    }
    return o;
  }));
  air::net::RunReport report = net.run(air);
  REQUIRE(h.log->size() == 2);
  // Unknown names and non-name text stay; {{{p2}} keeps its first brace.
  CHECK((*h.log)[0].script == "(call \"" + id("p1") + "\" (\"s\" \"f\") [\"{{p9}}\" \"{" + id("p2") + "\"])");
  CHECK((*h.log)[1].callResults.at(1).resultJson == "{\"" + id("p2") + "\":\"" + id("p1") + "\"}");
  CHECK(report.finalRetCode == 0);
  std::string json = air::toJsonText(report.toJson());
  CHECK(json.find("\"error_message\":\"failed on {{p2}}\"") != std::string::npos);
  CHECK(json.find("\"invocation\":1") != std::string::npos);
  CHECK(json.find(id("p2")) == std::string::npos);
}

TEST_CASE("max_steps stops a particle that never settles", "[air][net]") {
  Harness h;
  Network net(scenarioFrom(R"J({"air": "(null)", "max_steps": 7})J"), h.factory([](const Seen &, size_t) {
    Outcome o;
    o.nextPeers = {id("p0")};
    return o;
  }));
  air::net::RunReport report = net.run("(null)");
  CHECK(report.invocations == 7);
  CHECK_FALSE(report.quiescent);
  CHECK(h.log->size() == 7);
}

TEST_CASE("record_tetraplets adds the VM's tetraplets to each call", "[air][net]") {
  air::net::RunReport report;
  CallRequest r = request("op", "noop", "[1]");
  r.tetraplets = {{air::Tetraplet{id("p0"), "svc", "fn", ".$.a"}}};
  answersTo(R"J({"air": "(null)", "record_tetraplets": true})J", {{1, r}}, &report);
  REQUIRE(report.calls.size() == 1);
  CHECK(air::toJsonText(*report.calls[0].getAsObject()->get("tetraplets")) ==
        "[[{\"function_name\":\"fn\",\"lens\":\".$.a\",\"peer_pk\":\"{{p0}}\",\"service_id\":\"svc\"}]]");
}

TEST_CASE("the report prints as the oracle does: sorted keys, 2-space indent", "[air][net]") {
  Harness h;
  Network net(scenarioFrom(R"J({"air": "(null)"})J"), h.factory([](const Seen &, size_t) { return Outcome{}; }));
  air::net::RunReport report = net.run("(null)");
  CHECK(air::toJsonText(report.toJson(), 2) == R"J({
  "calls": [],
  "data_sizes": {
    "p0": 0
  },
  "errors": [],
  "final_error_message": "",
  "final_ret_code": 0,
  "invocations": 1,
  "quiescent": true,
  "result": null
})J");
}

TEST_CASE("scenario files: defaults and invalid fields", "[air][net]") {
  air::net::Scenario s = scenarioFrom(R"J({"air": "(null)"})J");
  CHECK(s.initPeer == "p0");
  CHECK(s.timestamp == 1700000000000ull);
  CHECK(s.ttl == 120000u);
  CHECK(s.particleId == "particle-00000000-0000-0000-0000-000000000001");
  CHECK(s.maxSteps == 10000u);
  CHECK_FALSE(s.singleCallResults);

  auto invalid = [](const char *json) {
    auto parsed = llvm::json::parse(json);
    REQUIRE(static_cast<bool>(parsed));
    air::net::Scenario out;
    std::string error;
    bool ok = air::net::parseScenario(*parsed, out, error);
    CHECK_FALSE(error.empty());
    return !ok;
  };
  CHECK(invalid("[]"));
  CHECK(invalid(R"J({"peers": ["p0"]})J"));
  CHECK(invalid(R"J({"air": "(null)", "call_results": "some"})J"));
  CHECK(invalid(R"J({"air": "(null)", "services": {"a.b": {"bogus": 1}}})J"));
  CHECK(invalid(R"J({"air": "(null)", "ttl": -1})J"));
  CHECK(invalid(R"J({"air": "(null)", "args": [1]})J"));
  CHECK(invalid(R"J({"air": 5})J"));
}

TEST_CASE("end to end on the real interpreter: a hop to p1 and back", "[air][net]") {
  air::net::Scenario s = scenarioFrom(R"J({"air": "(seq (call \"{{p1}}\" (\"op\" \"identity\") [\"hello\"] x) (call %init_peer_id% (\"callbackSrv\" \"response\") [x %init_peer_id%]))",
                                         "peers": ["p0", "p1"]})J");
  std::string air = s.air;
  Network net(std::move(s));
  air::net::RunReport report = net.run(air);
  std::string json = air::toJsonText(report.toJson());
  INFO(json);
  REQUIRE(report.responses.size() == 1);
  CHECK(air::toJsonText(report.responses[0]) == "[\"hello\",\"{{p0}}\"]");
  CHECK(report.finalRetCode == 0);
  CHECK(report.quiescent);
  CHECK(report.calls.size() == 2);
}

TEST_CASE("numbers print as JavaScript prints them", "[air][net][json]") {
  // Expected texts from node's String(x).
  std::vector<std::pair<double, const char *>> cases = {
      {1, "1"}, {0.1, "0.1"}, {-2.5, "-2.5"}, {1e21, "1e+21"}, {1e-7, "1e-7"}, {1.5e-7, "1.5e-7"},
      {123456789012345680000.0, "123456789012345680000"}, {9223372036854775808.0, "9223372036854776000"},
      {1e300, "1e+300"}, {-1e-300, "-1e-300"}, {0.000001, "0.000001"}, {0.0000012345, "0.0000012345"},
      {100, "100"}, {1.5, "1.5"}, {5e-324, "5e-324"}, {2.5e20, "250000000000000000000"}, {4.35, "4.35"},
      {0.1 + 0.2, "0.30000000000000004"}};
  for (auto &[value, text] : cases) {
    INFO(text);
    CHECK(air::jsNumberText(value) == text);
  }
  CHECK(air::toJsonText(Value(9223372036854775808.0)) == "9223372036854776000");
  CHECK(air::toJsonText(Value(static_cast<uint64_t>(9223372036854775808ull))) == "9223372036854775808");
  CHECK(air::toJsonText(Value(static_cast<int64_t>(-9223372036854775807ll - 1))) == "-9223372036854775808");
}
