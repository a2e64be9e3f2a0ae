// An in-process network of simulated peers, each running its own AIR interpreter, that carries
// one particle from the init peer until nothing is left to do. The rules (event queue, peer
// naming, builtin services, scenario format, report) are those of the oracle in
// shared/oracle/run.mjs, so results compare one to one with the real AquaVM's. `aquac run` and
// node test harnesses use it.
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "air/interpreter.h"
#include "llvm/Support/JSON.h"

namespace air::net {

// A scripted answer of a service (the scenario "services" entries).
struct ServiceSpec {
  enum class Kind { Result, Error, Echo, EchoArgs, Noop, Sequence };
  Kind kind = Kind::Noop;
  llvm::json::Value value = nullptr; // Result: the value; Error: the message
  int32_t retCode = 0;
  std::vector<ServiceSpec> sequence; // successive calls; the last repeats
};

struct Scenario {
  std::string description;
  std::string air;           // AIR text with {{pN}} placeholders
  std::string aqua;          // or an Aqua file (relative to `dir`) and a function to compile
  std::string func;
  std::vector<std::string> imports;
  std::string dir;           // folder of the scenario file
  llvm::json::Object args;   // getDataSrv answers
  std::vector<std::string> peers;
  std::string initPeer = "p0";
  std::string relay;         // default: init peer
  std::vector<std::pair<std::string, ServiceSpec>> services; // "svc.fn@peer" keys
  uint64_t timestamp = 1700000000000ull;
  uint32_t ttl = 120000;
  std::string particleId = "particle-00000000-0000-0000-0000-000000000001";
  bool singleCallResults = false; // "call_results": "single"
  bool recordTetraplets = false;
  uint64_t maxSteps = 10000;
  // The developer's local network (`aquac run FILE -f FUNC`): peers also answer a Fluence node's
  // builtins (Srv, Dist, Kademlia, Sig, Vault, ...; runtime-air/docs/local-network.md). Never set
  // from a scenario file: scenario runs answer exactly as the oracle, run.mjs.
  bool localNode = false;
};

// Reads a scenario; returns false with a message naming the bad field.
bool parseScenario(const llvm::json::Value &json, Scenario &out, std::string &error);
bool parseServiceSpec(const llvm::json::Value &json, ServiceSpec &out, std::string &error);

// One service call as the network sees it.
struct ServiceCall {
  std::string peer; // peer name (p0, p1, ...)
  std::string service;
  std::string function;
  llvm::json::Array args;
  std::vector<std::vector<Tetraplet>> tetraplets;
};
struct ServiceReply {
  int32_t retCode = 0;
  llvm::json::Value result = nullptr; // value, or the error message (retCode != 0)
};
// A native service: answers the calls it knows, returns nullopt for the others.
using ServiceHandler = std::function<std::optional<ServiceReply>(const ServiceCall &)>;

// What one peer's interpreter does; the default is air::Interpreter, tests and nodes may plug
// another VM.
class PeerVm {
public:
  virtual ~PeerVm() = default;
  virtual Outcome invoke(std::string_view script, std::string_view prevData, std::string_view currentData,
                         const RunParams &params, const CallResults &callResults) = 0;
};
using PeerVmFactory = std::function<std::unique_ptr<PeerVm>()>;
PeerVmFactory defaultVmFactory(Limits limits = {});

// One step of the particle's journey, for --trace.
struct JournalEntry {
  enum class Kind { Invoke, Call, Reply, Send, Drop };
  Kind kind = Kind::Invoke;
  uint64_t invocation = 0;
  std::string peer;           // where it happened
  std::string target;         // Send: receiving peer; Drop: unknown peer id
  std::string service, function;
  llvm::json::Value payload = nullptr; // Call: args; Reply: result
  int64_t retCode = 0;        // Invoke: interpreter ret code; Reply: service ret code
  std::string message;        // Invoke: interpreter error message
  size_t dataSize = 0;        // Invoke: stored data size after the invocation
};

struct RunReport {
  std::vector<llvm::json::Value> responses;        // callbackSrv.response argument arrays
  llvm::json::Array errors;                        // errorHandlingSrv + interpreter errors
  llvm::json::Array calls;                         // every service call (sorted canonically)
  llvm::json::Array console;
  std::vector<std::string> droppedNextPeers;
  uint64_t invocations = 0;
  std::optional<int64_t> finalRetCode;
  std::string finalErrorMessage;
  bool quiescent = true;
  std::map<std::string, size_t> dataSizes;
  std::vector<JournalEntry> journal;
  std::vector<double> invokeMs; // each invocation's time in its peer's interpreter, in order

  // The oracle's output object (keys sorted when printed with air::toJsonText).
  // `withTimings` adds "timings_ms" (invokeMs), as the oracle's --timing does.
  llvm::json::Value toJson(bool withTimings = false) const;
};

class Network {
public:
  explicit Network(Scenario scenario, PeerVmFactory factory = defaultVmFactory());
  ~Network();

  // Native services, consulted after the scenario's scripted services and before builtins.
  void addHandler(ServiceHandler handler);
  // The deterministic peer id of a peer name ("12D3KooW..." style, never seen in reports).
  static std::string peerIdOf(const std::string &name);

  // Runs the particle with `air` (placeholders already in place or not) to quiescence or the
  // step limit.
  RunReport run(const std::string &air);

private:
  struct State;
  std::unique_ptr<State> state_;
};

} // namespace air::net

namespace air::net {

// A service answered by an external program: for each call of `service` (any function), runs
// `command` through /bin/sh with {"function": F, "args": [...]} as JSON on stdin; the program
// prints the result JSON on stdout and exits 0, or exits non-zero (stderr becomes the error
// message). A program that runs longer than `timeoutMs` is killed and the call fails.
ServiceHandler processService(std::string service, std::string command, unsigned timeoutMs = 10000);

// Renders a run's journal: text (one line per step), json, or a Mermaid sequence diagram.
std::string renderJournalText(const RunReport &report);
std::string renderJournalJson(const RunReport &report);
std::string renderJournalMermaid(const RunReport &report);

} // namespace air::net
