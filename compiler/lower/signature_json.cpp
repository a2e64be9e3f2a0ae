// Signature JSON (see signature_json.h). Key order follows the reference's output.
#include "compiler/lower/signature_json.h"

#include <cstdio>

#include "air/json_text.h"

namespace aqua::lower {

// One JSON string escaper for the project: runtime-air's.
std::string jsonString(const std::string &s) { return air::toJsonText(llvm::json::Value(s)); }

namespace {

std::string productJson(const std::vector<raw::TypePtr> &items) {
  if (items.empty()) return R"({"tag":"nil"})";
  std::string out = R"({"items":[)";
  for (size_t i = 0; i < items.size(); ++i) out += (i ? "," : "") + typeJson(items[i]);
  return out + R"(],"tag":"unlabeledProduct"})";
}

// An exported function without arguments has an empty labeled product (as the reference writes
// it); a service function without arguments has `nil`.
std::string labeledJson(const std::vector<std::pair<std::string, raw::TypePtr>> &fields, bool emptyIsNil = true) {
  if (fields.empty() && emptyIsNil) return R"({"tag":"nil"})";
  std::string out = R"({"fields":{)";
  for (size_t i = 0; i < fields.size(); ++i)
    out += (i ? "," : "") + jsonString(fields[i].first) + ":" + typeJson(fields[i].second);
  return out + R"(},"tag":"labeledProduct"})";
}

} // namespace

std::string typeJson(const raw::TypePtr &t) {
  using K = raw::Type::Kind;
  if (!t) return R"({"tag":"topType"})";
  switch (t->kind) {
  case K::Scalar: return R"({"name":)" + jsonString(t->name) + R"(,"tag":"scalar"})";
  case K::Array:
  case K::Stream: return R"({"type":)" + typeJson(t->elem) + R"(,"tag":"array"})";
  case K::Option: return R"({"type":)" + typeJson(t->elem) + R"(,"tag":"option"})";
  case K::Struct:
  case K::Ability: {
    std::string out = R"({"name":)" + jsonString(t->name) + R"(,"fields":{)";
    for (size_t i = 0; i < t->fields.size(); ++i)
      out += (i ? "," : "") + jsonString(t->fields[i].first) + ":" + typeJson(t->fields[i].second);
    return out + R"(},"tag":"struct"})";
  }
  case K::Arrow:
    return R"({"domain":)" + productJson(t->domain) + R"(,"codomain":)" + productJson(t->codomain) +
           R"(,"tag":"arrow"})";
  case K::Service: return R"({"tag":"topType"})";
  case K::Top: return R"({"tag":"topType"})";
  case K::Bottom: return R"({"tag":"bottomType"})";
  }
  return R"({"tag":"topType"})";
}

std::string functionSignatureJson(const std::string &publicName, const raw::Func &func) {
  return R"({"functionName":)" + jsonString(publicName) + R"(,"arrow":{"domain":)" + labeledJson(func.args, false) +
         R"(,"codomain":)" + productJson(func.results) +
         R"(,"tag":"arrow"},"names":{"relay":"-relay-","getDataSrv":"getDataSrv","callbackSrv":"callbackSrv",)"
         R"("responseSrv":"callbackSrv","responseFnName":"response","errorHandlingSrv":"errorHandlingSrv",)"
         R"("errorFnName":"error"}})";
}

std::string serviceDefinitionJson(const raw::TypePtr &service) {
  std::string out = "{";
  if (service->hasDefaultServiceId) out += R"("defaultServiceId":)" + jsonString(service->defaultServiceId) + ",";
  out += R"("functions":{"fields":{)";
  for (size_t i = 0; i < service->fields.size(); ++i) {
    const auto &m = service->fields[i].second;
    std::vector<std::pair<std::string, raw::TypePtr>> args;
    for (size_t k = 0; k < m->domain.size(); ++k)
      args.emplace_back(k < m->argNames.size() ? m->argNames[k] : "arg" + std::to_string(k), m->domain[k]);
    out += (i ? "," : "") + jsonString(service->fields[i].first) + R"(:{"domain":)" + labeledJson(args) +
           R"(,"codomain":)" + productJson(m->codomain) + R"(,"tag":"arrow"})";
  }
  return out + R"(},"tag":"labeledProduct"}})";
}

} // namespace aqua::lower
