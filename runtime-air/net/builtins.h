// The builtin services every simulated peer answers. Always: those of the oracle (run.mjs) —
// getDataSrv, callbackSrv, errorHandlingSrv, run-console, op, peer, math, cmp, array, json,
// debug — exactly as it answers them, so scenario runs compare one to one with the real AquaVM's.
// With `local` set (the developer's network of `aquac run FILE -f FUNC`), a LocalNetwork answers
// first with a node's services (local_network.h; runtime-air/docs/local-network.md).
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "air/network.h"

namespace air::net {

class LocalNetwork;

// A builtin given bad arguments: becomes ret_code 1 "Service call failed. ...".
struct ServiceFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

// A node service the local network cannot provide: ret_code 1 with exactly this message.
struct ServiceUnavailable : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BuiltinContext {
  const llvm::json::Object *args = nullptr; // getDataSrv answers (placeholders substituted)
  std::string relayId;
  uint64_t timestamp = 0;
  std::vector<llvm::json::Value> responses;
  llvm::json::Array errors;
  llvm::json::Array console;

  // The local node services, or null (scenario mode: the oracle's builtins only).
  LocalNetwork *local = nullptr;
  std::string particleId;
  std::string initPeerId;
  uint64_t invocation = 0; // interpreter invocations so far (the local clock's ticks)
};

// nullopt: no such builtin. Throws ServiceFailure on bad arguments, ServiceUnavailable for a
// node service the local network does not have.
std::optional<llvm::json::Value> callBuiltin(BuiltinContext &context, const ServiceCall &call);

// Canonical JSON text (sorted keys), used to order calls and compare values.
std::string canonicalText(const llvm::json::Value &value);

} // namespace air::net
