// The C API (air/air.h) over the C++ library: copies in, copies out, no exception crosses it.
#include "air/air.h"

#include <cstdlib>
#include <cstring>
#include <string>

#include "air/interpreter.h"
#include "air/json_text.h"
#include "air/parser.h"
#include "air/printer.h"

struct air_interpreter {
  air::Interpreter impl;
};

namespace {

char *copyString(const std::string &s) {
  char *out = static_cast<char *>(std::malloc(s.size() + 1));
  if (!out) return nullptr;
  std::memcpy(out, s.data(), s.size());
  out[s.size()] = '\0';
  return out;
}

std::string_view view(const char *p, size_t n) { return p ? std::string_view(p, n) : std::string_view(); }

} // namespace

extern "C" {

int air_validate(const char *script, size_t script_len, char **report) {
  try {
    air::ParseResult result = air::parse(view(script, script_len));
    if (result.ok()) return 0;
    if (report) *report = copyString(air::renderParseErrors(view(script, script_len), result.errors));
    return 1;
  } catch (...) {
    if (report) *report = copyString("internal error");
    return 1;
  }
}

int air_format(const char *script, size_t script_len, char **out) {
  try {
    air::ParseResult result = air::parse(view(script, script_len));
    if (!result.ok()) {
      if (out) *out = copyString(air::renderParseErrors(view(script, script_len), result.errors));
      return 1;
    }
    if (out) *out = copyString(air::print(result.script));
    return 0;
  } catch (...) {
    if (out) *out = copyString("internal error");
    return 1;
  }
}

air_interpreter *air_interpreter_new(void) {
  try {
    return new air_interpreter{};
  } catch (...) {
    return nullptr;
  }
}

void air_interpreter_free(air_interpreter *interpreter) { delete interpreter; }

int air_invoke(air_interpreter *interpreter, const char *script, size_t script_len, const char *prev_data,
               size_t prev_len, const char *current_data, size_t current_len, const char *init_peer_id,
               const char *current_peer_id, uint64_t timestamp, uint32_t ttl, const char *particle_id,
               const char *call_results_json, air_outcome *outcome) {
  if (!interpreter || !script || !init_peer_id || !current_peer_id || !outcome) return -1;
  try {
    air::CallResults results;
    if (call_results_json) {
      llvm::json::Value parsed(nullptr);
      std::string error;
      if (!air::parseJson(call_results_json, parsed, error) || !parsed.getAsObject()) return -1;
      for (const auto &[key, value] : *parsed.getAsObject()) {
        const llvm::json::Object *o = value.getAsObject();
        unsigned long id = std::strtoul(key.str().c_str(), nullptr, 10);
        if (!o || id == 0 || id > UINT32_MAX) return -1;
        auto rc = o->getInteger("ret_code");
        auto text = o->getString("result");
        if (!rc || !text) return -1;
        results[static_cast<uint32_t>(id)] = air::CallResult{static_cast<int32_t>(*rc), text->str()};
      }
    }
    air::RunParams params;
    params.initPeerId = init_peer_id;
    params.currentPeerId = current_peer_id;
    params.timestamp = timestamp;
    params.ttl = ttl;
    params.particleId = particle_id ? particle_id : "";
    air::Outcome o = interpreter->impl.invoke(view(script, script_len), view(prev_data, prev_len),
                                              view(current_data, current_len), params, results);
    llvm::json::Array peers;
    for (const std::string &p : o.nextPeers) peers.push_back(p);
    llvm::json::Object requests;
    for (const auto &[id, r] : o.callRequests) {
      llvm::json::Array tetraplets;
      for (const auto &list : r.tetraplets) {
        llvm::json::Array ts;
        for (const air::Tetraplet &t : list)
          ts.push_back(llvm::json::Object{{"peer_pk", t.peerPk}, {"service_id", t.serviceId},
                                          {"function_name", t.functionName}, {"lens", t.lens}});
        tetraplets.push_back(std::move(ts));
      }
      llvm::json::Value args(nullptr);
      std::string error;
      air::parseJson(r.argumentsJson, args, error);
      requests[std::to_string(id)] = llvm::json::Object{{"service_id", r.serviceId}, {"function_name", r.functionName},
                                                        {"arguments", std::move(args)},
                                                        {"tetraplets", std::move(tetraplets)}};
    }
    outcome->ret_code = o.retCode;
    outcome->error_message = copyString(o.errorMessage);
    outcome->data = copyString(o.data);
    outcome->data_len = o.data.size();
    outcome->next_peers = copyString(air::toJsonText(llvm::json::Value(std::move(peers))));
    outcome->call_requests = copyString(air::toJsonText(llvm::json::Value(std::move(requests))));
    return 0;
  } catch (...) {
    return -1;
  }
}

void air_outcome_free(air_outcome *outcome) {
  if (!outcome) return;
  std::free(outcome->error_message);
  std::free(outcome->data);
  std::free(outcome->next_peers);
  std::free(outcome->call_requests);
  *outcome = air_outcome{};
}

void air_string_free(char *s) { std::free(s); }

} // extern "C"
