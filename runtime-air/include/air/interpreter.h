// The interpreter's public interface: one invocation on one peer, as a node runs AquaVM.
//
//   invoke(script, prev_data, current_data, params, call_results) -> Outcome
//
// `prevData` is what this peer stored after its previous invocation on this particle,
// `currentData` what arrived with the particle (or empty for a local call-results wake-up),
// `callResults` the answers to call requests this peer issued earlier. The outcome's `data`
// replaces the peer's stored data whatever the return code.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace air {

struct RunParams {
  std::string initPeerId;
  std::string currentPeerId;
  uint64_t timestamp = 0; // milliseconds
  uint32_t ttl = 0;       // milliseconds
  std::string particleId;
  std::string secretKey;  // peer's signing key bytes (unused until AquaVM's signed format lands)
};

// The answer of a service to one call request.
struct CallResult {
  int32_t retCode = 0;     // 0 = success
  std::string resultJson;  // JSON text: the returned value, or (retCode != 0) the error message
};
using CallResults = std::map<uint32_t, CallResult>;

// Provenance of one argument value ("security tetraplet").
struct Tetraplet {
  std::string peerPk;
  std::string serviceId;
  std::string functionName;
  std::string lens; // lambda applied to the value, e.g. ".$.a.[0]"
};

struct CallRequest {
  std::string serviceId;
  std::string functionName;
  std::string argumentsJson;                     // JSON array text
  std::vector<std::vector<Tetraplet>> tetraplets; // one list per argument
};

struct Outcome {
  int64_t retCode = 0;      // 0, or an AquaVM error code (1.., 10000.., 20000..)
  std::string errorMessage;
  std::string data;         // new data for this peer (and for the next peers)
  std::vector<std::string> nextPeers;
  std::map<uint32_t, CallRequest> callRequests;
};

// Run-time limits; exceeding one is an error with AquaVM's code, never a crash.
struct Limits {
  uint64_t maxScriptBytes = 64ull << 20;
  uint64_t maxDataBytes = 256ull << 20;
  uint32_t maxCallResultBytes = 64u << 20;
  uint32_t maxNestingDepth = 1000;
  uint64_t maxStreamSize = 1u << 24;
  uint64_t maxSteps = 1ull << 28;
};

class Interpreter {
public:
  explicit Interpreter(Limits limits = {});
  ~Interpreter();
  Interpreter(Interpreter &&) noexcept;
  Interpreter &operator=(Interpreter &&) noexcept;

  Outcome invoke(std::string_view script, std::string_view prevData, std::string_view currentData,
                 const RunParams &params, const CallResults &callResults);

private:
  // invoke() once every text is valid UTF-8.
  Outcome invokeUtf8(std::string_view script, std::string_view prevData, std::string_view currentData,
                     const RunParams &params, const CallResults &callResults);
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace air
