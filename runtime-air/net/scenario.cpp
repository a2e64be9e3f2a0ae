// Scenario files (the oracle's format, see shared/oracle/README.md) -> air::net::Scenario.
#include "air/network.h"

namespace air::net {

namespace {

bool getString(const llvm::json::Object &o, const char *key, std::string &out, std::string &error) {
  const llvm::json::Value *v = o.get(key);
  if (!v) return true;
  auto s = v->getAsString();
  if (!s) {
    error = std::string("field \"") + key + "\" must be a string";
    return false;
  }
  out = s->str();
  return true;
}

bool getUnsigned(const llvm::json::Object &o, const char *key, uint64_t &out, std::string &error) {
  const llvm::json::Value *v = o.get(key);
  if (!v) return true;
  auto i = v->getAsInteger();
  if (!i || *i < 0) {
    error = std::string("field \"") + key + "\" must be a non-negative integer";
    return false;
  }
  out = static_cast<uint64_t>(*i);
  return true;
}

} // namespace

bool parseServiceSpec(const llvm::json::Value &json, ServiceSpec &out, std::string &error) {
  const llvm::json::Object *o = json.getAsObject();
  if (!o) {
    error = "a service must be an object such as {\"result\": ...}, {\"error\": \"...\"}, {\"echo\": true}";
    return false;
  }
  if (const llvm::json::Value *rc = o->get("ret_code")) {
    auto i = rc->getAsInteger();
    if (!i || *i < INT32_MIN || *i > INT32_MAX) {
      error = "\"ret_code\" must be a 32-bit integer";
      return false;
    }
    out.retCode = static_cast<int32_t>(*i);
  }
  if (const llvm::json::Value *results = o->get("results")) {
    const llvm::json::Array *array = results->getAsArray();
    if (!array || array->empty()) {
      error = "\"results\" must be a non-empty array of service answers";
      return false;
    }
    out.kind = ServiceSpec::Kind::Sequence;
    for (const llvm::json::Value &entry : *array) {
      ServiceSpec step;
      if (!parseServiceSpec(entry, step, error)) return false;
      out.sequence.push_back(std::move(step));
    }
    return true;
  }
  if (const llvm::json::Value *e = o->get("error")) {
    out.kind = ServiceSpec::Kind::Error;
    out.value = *e;
    if (!o->get("ret_code")) out.retCode = 1;
    return true;
  }
  if (o->getBoolean("echo").getValueOr(false)) {
    out.kind = ServiceSpec::Kind::Echo;
    return true;
  }
  if (o->getBoolean("echo_args").getValueOr(false)) {
    out.kind = ServiceSpec::Kind::EchoArgs;
    return true;
  }
  if (const llvm::json::Value *r = o->get("result")) {
    out.kind = ServiceSpec::Kind::Result;
    out.value = *r;
    return true;
  }
  if (o->getBoolean("noop").getValueOr(false)) {
    out.kind = ServiceSpec::Kind::Noop;
    return true;
  }
  error = "a service needs one of \"result\", \"error\", \"echo\", \"echo_args\", \"noop\" or \"results\"";
  return false;
}

bool parseScenario(const llvm::json::Value &json, Scenario &out, std::string &error) {
  const llvm::json::Object *o = json.getAsObject();
  if (!o) {
    error = "a scenario must be a JSON object";
    return false;
  }
  if (!getString(*o, "description", out.description, error) || !getString(*o, "air", out.air, error) ||
      !getString(*o, "aqua", out.aqua, error) || !getString(*o, "func", out.func, error) ||
      !getString(*o, "init_peer", out.initPeer, error) || !getString(*o, "relay", out.relay, error) ||
      !getString(*o, "particle_id", out.particleId, error))
    return false;
  uint64_t ttl = out.ttl;
  if (!getUnsigned(*o, "timestamp", out.timestamp, error) || !getUnsigned(*o, "ttl", ttl, error) ||
      !getUnsigned(*o, "max_steps", out.maxSteps, error))
    return false;
  if (ttl > UINT32_MAX) {
    error = "field \"ttl\" must fit in 32 bits";
    return false;
  }
  out.ttl = static_cast<uint32_t>(ttl);
  if (out.air.empty() && (out.aqua.empty() || out.func.empty())) {
    error = "a scenario needs \"air\", or \"aqua\" and \"func\"";
    return false;
  }
  if (const llvm::json::Value *args = o->get("args")) {
    if (!args->getAsObject()) {
      error = "field \"args\" must be an object of argument values";
      return false;
    }
    out.args = *args->getAsObject();
  }
  auto stringList = [&](const char *key, std::vector<std::string> &list) {
    const llvm::json::Value *v = o->get(key);
    if (!v) return true;
    const llvm::json::Array *array = v->getAsArray();
    if (!array) {
      error = std::string("field \"") + key + "\" must be an array of strings";
      return false;
    }
    for (const llvm::json::Value &item : *array) {
      auto s = item.getAsString();
      if (!s) {
        error = std::string("field \"") + key + "\" must be an array of strings";
        return false;
      }
      list.push_back(s->str());
    }
    return true;
  };
  if (!stringList("peers", out.peers) || !stringList("imports", out.imports)) return false;
  if (const llvm::json::Value *services = o->get("services")) {
    const llvm::json::Object *map = services->getAsObject();
    if (!map) {
      error = "field \"services\" must be an object mapping \"service.function[@peer]\" to answers";
      return false;
    }
    for (const auto &entry : *map) {
      ServiceSpec spec;
      if (!parseServiceSpec(entry.second, spec, error)) {
        error = "service \"" + entry.first.str() + "\": " + error;
        return false;
      }
      out.services.emplace_back(entry.first.str(), std::move(spec));
    }
  }
  if (const llvm::json::Value *mode = o->get("call_results")) {
    auto s = mode->getAsString();
    if (!s || (*s != "batch" && *s != "single")) {
      error = "field \"call_results\" must be \"batch\" or \"single\"";
      return false;
    }
    out.singleCallResults = *s == "single";
  }
  out.recordTetraplets = o->getBoolean("record_tetraplets").getValueOr(false);
  return true;
}

} // namespace air::net
