// The builtin services every simulated peer answers (those of the oracle, run.mjs):
// getDataSrv, callbackSrv, errorHandlingSrv, run-console, op, peer, math, cmp, array, json, debug.
#pragma once

#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "air/network.h"

namespace air::net {

// A builtin given bad arguments: becomes ret_code 1 "Service call failed. ...".
struct ServiceFailure : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct BuiltinContext {
  const llvm::json::Object *args = nullptr; // getDataSrv answers (placeholders substituted)
  std::string relayId;
  uint64_t timestamp = 0;
  std::vector<llvm::json::Value> responses;
  llvm::json::Array errors;
  llvm::json::Array console;
};

// nullopt: no such builtin. Throws ServiceFailure on bad arguments.
std::optional<llvm::json::Value> callBuiltin(BuiltinContext &context, const ServiceCall &call);

// Canonical JSON text (sorted keys), used to order calls and compare values.
std::string canonicalText(const llvm::json::Value &value);

} // namespace air::net
