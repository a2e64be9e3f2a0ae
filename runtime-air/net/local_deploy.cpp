// The local node's deployment services: Srv (services and aliases), Dist (modules and
// blueprints) and Script (scheduled scripts), as in-memory registries per peer. Nothing is
// executed: a created service answers with a clear error unless --services/--service provide it
// (by its alias), and scripts are only listed.
#include <algorithm>

#include "air/json_text.h"
#include "local_network.h"
#include "sha256.h"

namespace air::net {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

Value stringArray(const std::vector<std::string> &items) {
  Array out;
  for (const std::string &s : items) out.push_back(s);
  return Value(std::move(out));
}

// ------------------------------------------------------------------------------------------ srv

Value serviceValue(const LocalNode &node, const LocalService &s) {
  return Value(Object{{"id", s.id},
                      {"blueprint_id", s.blueprintId},
                      {"service_type", "service"},
                      {"owner_id", s.ownerId},
                      {"aliases", stringArray(s.aliases)},
                      {"worker_id", node.id}});
}

LocalService &existingService(LocalCall &c, const std::string &idOrAlias) {
  LocalService *s = c.node.findService(idOrAlias);
  if (!s) c.fail("no service with id or alias '" + idOrAlias + "' on " + c.node.name);
  return *s;
}

Value srvCreate(LocalCall &c) {
  std::string blueprintId = c.string(0, "blueprint_id");
  if (!c.node.findBlueprint(blueprintId))
    c.fail("no blueprint with id '" + blueprintId + "' on " + c.node.name + " (add it with Dist.add_blueprint)");
  LocalService service;
  service.id = c.node.newId("service");
  service.blueprintId = blueprintId;
  service.ownerId = c.ctx.initPeerId;
  c.node.services.push_back(service);
  return Value(service.id);
}

Value srvRemove(LocalCall &c) {
  LocalService &s = existingService(c, c.string(0, "service_id"));
  std::string id = s.id;
  auto &services = c.node.services;
  services.erase(std::remove_if(services.begin(), services.end(), [&](const LocalService &x) { return x.id == id; }),
                 services.end());
  return Value(Object{});
}

Value srvList(LocalCall &c) {
  Array out;
  for (const LocalService &s : c.node.services) out.push_back(serviceValue(c.node, s));
  return Value(std::move(out));
}

// add_alias(alias, service_id): the alias moves to this service if another one had it.
Value srvAddAlias(LocalCall &c) {
  std::string alias = c.string(0, "alias");
  if (alias.empty()) c.fail("an alias cannot be empty");
  if (isBuiltinServiceId(alias)) c.fail("cannot add alias '" + alias + "': a builtin service has this name");
  LocalService &target = existingService(c, c.string(1, "service_id"));
  for (LocalService &s : c.node.services)
    s.aliases.erase(std::remove(s.aliases.begin(), s.aliases.end(), alias), s.aliases.end());
  target.aliases.push_back(alias);
  return Value(Object{});
}

LocalService *aliased(LocalCall &c, const std::string &alias) {
  for (LocalService &s : c.node.services)
    if (std::find(s.aliases.begin(), s.aliases.end(), alias) != s.aliases.end()) return &s;
  return nullptr;
}

Value srvResolveAlias(LocalCall &c) {
  std::string alias = c.string(0, "alias");
  LocalService *s = aliased(c, alias);
  if (!s) c.fail("no service with alias '" + alias + "' on " + c.node.name);
  return Value(s->id);
}

Value srvResolveAliasOpt(LocalCall &c) {
  LocalService *s = aliased(c, c.string(0, "alias"));
  return s ? someValue(Value(s->id)) : noneValue();
}

Value srvInfo(LocalCall &c) { return serviceValue(c.node, existingService(c, c.string(0, "service_id"))); }

// The interface lives in the modules' interface-types sections, which only Marine reads.
Value srvGetInterface(LocalCall &c) {
  existingService(c, c.string(0, "service_id"));
  c.unavailable("it needs a real Fluence node to read the interface types of the service's wasm modules");
}

// ----------------------------------------------------------------------------------------- dist

// ModuleConfig as aqua-lib declares it (options as [] or [x]).
Value moduleConfig(const std::string &name, Value memPages, Value maxHeap, Value logger, Value mask, Value wasi) {
  return Value(Object{{"name", name},
                      {"mem_pages_count", std::move(memPages)},
                      {"max_heap_size", std::move(maxHeap)},
                      {"logger_enabled", std::move(logger)},
                      {"logging_mask", std::move(mask)},
                      {"wasi", std::move(wasi)}});
}

Value optionArg(LocalCall &c, size_t i) {
  const Value *v = c.option(i);
  return v ? someValue(*v) : noneValue();
}

// make_module_config(name, mem_pages_count?, max_heap_size?, logger_enabled?, preopened_files?,
// envs?, mapped_dirs?, mounted_binaries?, logging_mask?); preopened_files is not part of
// ModuleConfig (nodes ignore it too).
Value distMakeModuleConfig(LocalCall &c) {
  std::string name = c.string(0, "name");
  Value wasi = noneValue();
  if (c.option(5) || c.option(6) || c.option(7)) {
    Object fields;
    fields["envs"] = optionArg(c, 5);
    fields["mapped_dirs"] = optionArg(c, 6);
    fields["mounted_binaries"] = optionArg(c, 7);
    wasi = someValue(Value(std::move(fields)));
  }
  return moduleConfig(name, optionArg(c, 1), optionArg(c, 2), optionArg(c, 3), optionArg(c, 8), std::move(wasi));
}

Value distDefaultModuleConfig(LocalCall &c) {
  return moduleConfig(c.string(0, "module_name"), noneValue(), noneValue(), noneValue(), noneValue(), noneValue());
}

std::optional<std::string> base64Decode(std::string_view text) {
  auto sextet = [](char ch) -> int {
    if (ch >= 'A' && ch <= 'Z') return ch - 'A';
    if (ch >= 'a' && ch <= 'z') return ch - 'a' + 26;
    if (ch >= '0' && ch <= '9') return ch - '0' + 52;
    if (ch == '+' || ch == '-') return 62;
    if (ch == '/' || ch == '_') return 63;
    return -1;
  };
  while (!text.empty() && text.back() == '=') text.remove_suffix(1);
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char ch : text) {
    int v = sextet(ch);
    if (v < 0) return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(v);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xff);
    }
  }
  return out;
}

// Registers a module under the sha256 hex of its bytes (a node uses blake3); the same bytes again
// replace the entry's name and config.
Value addModule(LocalCall &c, const std::string &wasm, Value config) {
  const Object *o = config.getAsObject();
  if (!o || !o->getString("name")) c.fail("the module config must be a ModuleConfig with a name");
  if (wasm.compare(0, 4, std::string("\0asm", 4)) != 0)
    c.fail("the module bytes are not a wasm module (they do not start with \\0asm)");
  LocalModule module{o->getString("name")->str(), toHex(digestBytes(sha256(wasm))), std::move(config)};
  auto &modules = c.node.modules;
  auto it = std::find_if(modules.begin(), modules.end(), [&](const LocalModule &m) { return m.hash == module.hash; });
  if (it != modules.end())
    *it = module;
  else
    modules.push_back(module);
  return Value(module.hash);
}

// add_module(wasm, config): the bytes as aqua-lib's []u8, or base64 text as a node takes them.
Value distAddModule(LocalCall &c) {
  std::string wasm;
  if (auto text = c.required(0, "wasm_b56_content").getAsString()) {
    auto decoded = base64Decode(*text);
    if (!decoded) c.fail("the module bytes are neither an array of bytes nor base64");
    wasm = *decoded;
  } else {
    wasm = c.bytes(0, "wasm_b56_content");
  }
  return addModule(c, wasm, c.required(1, "conf"));
}

Value distAddModuleFromVault(LocalCall &c) {
  std::string wasm = c.vaultFile(c.string(0, "path"));
  return addModule(c, wasm, c.required(1, "config"));
}

Value distAddModuleBytesFromVault(LocalCall &c) {
  std::string name = c.string(0, "name");
  std::string wasm = c.vaultFile(c.string(1, "module_cid"));
  return addModule(c, wasm, moduleConfig(name, noneValue(), noneValue(), noneValue(), noneValue(), noneValue()));
}

Value distListModules(LocalCall &c) {
  Array out;
  for (const LocalModule &m : c.node.modules)
    out.push_back(Object{{"name", m.name}, {"hash", m.hash}, {"config", m.config}});
  return Value(std::move(out));
}

Value distGetModuleInterface(LocalCall &c) {
  std::string hash = c.string(0, "module_hash");
  if (!c.node.findModule(hash)) c.fail("no module with hash '" + hash + "' on " + c.node.name);
  c.unavailable("it needs a real Fluence node to read the module's interface types");
}

// A blueprint travels as JSON text {"dependencies": [module hashes], "name": ...}.
std::string blueprintText(const std::string &name, const std::vector<std::string> &dependencies) {
  return toJsonText(Value(Object{{"name", name}, {"dependencies", stringArray(dependencies)}}));
}

LocalBlueprint parseBlueprint(LocalCall &c, const std::string &text) {
  Value parsed(nullptr);
  std::string error;
  if (!parseJson(text, parsed, error)) c.fail("the blueprint is not JSON text from Dist.make_blueprint: " + error);
  const Object *o = parsed.getAsObject();
  const Array *deps = o ? o->getArray("dependencies") : nullptr;
  if (!o || !o->getString("name") || !deps)
    c.fail("the blueprint must be {\"name\": ..., \"dependencies\": [...]} (made by Dist.make_blueprint)");
  LocalBlueprint blueprint;
  blueprint.name = o->getString("name")->str();
  for (const Value &d : *deps) {
    if (!d.getAsString()) c.fail("the blueprint's dependencies must be module hashes");
    std::string hash = d.getAsString()->str();
    if (hash.rfind("hash:", 0) == 0) hash = hash.substr(5);
    blueprint.dependencies.push_back(hash);
  }
  blueprint.id = toHex(digestBytes(sha256(blueprintText(blueprint.name, blueprint.dependencies))));
  return blueprint;
}

Value distMakeBlueprint(LocalCall &c) {
  return Value(blueprintText(c.string(0, "name"), c.strings(1, "dependencies")));
}

// add_blueprint(blueprint) -> its id, the sha256 hex of its canonical text; every dependency
// must be a module added on this peer.
Value distAddBlueprint(LocalCall &c) {
  LocalBlueprint blueprint = parseBlueprint(c, c.string(0, "blueprint"));
  for (const std::string &hash : blueprint.dependencies)
    if (!c.node.findModule(hash))
      c.fail("blueprint '" + blueprint.name + "' depends on module '" + hash + "', which is not on " + c.node.name +
             " (add it with Dist.add_module)");
  if (!c.node.findBlueprint(blueprint.id)) c.node.blueprints.push_back(blueprint);
  return Value(blueprint.id);
}

Value distLoadBlueprint(LocalCall &c) {
  LocalBlueprint blueprint = parseBlueprint(c, c.vaultFile(c.string(0, "blueprint_path")));
  return Value(blueprintText(blueprint.name, blueprint.dependencies));
}

Value blueprintValue(const LocalBlueprint &b) {
  return Value(Object{{"id", b.id}, {"name", b.name}, {"dependencies", stringArray(b.dependencies)}});
}

Value distListBlueprints(LocalCall &c) {
  Array out;
  for (const LocalBlueprint &b : c.node.blueprints) out.push_back(blueprintValue(b));
  return Value(std::move(out));
}

Value distGetBlueprint(LocalCall &c) {
  std::string id = c.string(0, "blueprint_id");
  const LocalBlueprint *b = c.node.findBlueprint(id);
  if (!b) c.fail("no blueprint with id '" + id + "' on " + c.node.name);
  return blueprintValue(*b);
}

// --------------------------------------------------------------------------------------- script

// add(air_script, interval?) -> script id. Scripts are registered, never run.
Value addScript(LocalCall &c, std::string source) {
  LocalScript script;
  script.id = c.node.newId("script");
  script.source = std::move(source);
  if (const Value *interval = c.option(1)) {
    if (auto s = interval->getAsString())
      script.interval = s->str();
    else if (auto n = interval->getAsInteger(); n && *n >= 0)
      script.interval = std::to_string(*n);
    else
      c.fail("argument interval of " + c.call.function + " must be a number of seconds");
  }
  script.ownerId = c.ctx.initPeerId;
  c.node.scripts.push_back(script);
  return Value(script.id);
}

Value scriptAdd(LocalCall &c) { return addScript(c, c.string(0, "air_script")); }
Value scriptAddFromVault(LocalCall &c) { return addScript(c, c.vaultFile(c.string(0, "path"))); }

Value scriptRemove(LocalCall &c) {
  std::string id = c.string(0, "script_id");
  auto &scripts = c.node.scripts;
  size_t before = scripts.size();
  scripts.erase(std::remove_if(scripts.begin(), scripts.end(), [&](const LocalScript &s) { return s.id == id; }),
                scripts.end());
  return Value(scripts.size() != before);
}

Value scriptList(LocalCall &c) {
  Array out;
  for (const LocalScript &s : c.node.scripts)
    out.push_back(
        Object{{"id", s.id}, {"src", s.source}, {"failures", 0}, {"interval", s.interval}, {"owner", s.ownerId}});
  return Value(std::move(out));
}

} // namespace

const std::vector<LocalFunction> kLocalDeployFunctions = {
    {"srv", "create", srvCreate},
    {"srv", "remove", srvRemove},
    {"srv", "list", srvList},
    {"srv", "add_alias", srvAddAlias},
    {"srv", "resolve_alias", srvResolveAlias},
    {"srv", "resolve_alias_opt", srvResolveAliasOpt},
    {"srv", "get_interface", srvGetInterface},
    {"srv", "info", srvInfo},
    {"dist", "make_module_config", distMakeModuleConfig},
    {"dist", "default_module_config", distDefaultModuleConfig},
    {"dist", "add_module", distAddModule},
    {"dist", "add_module_from_vault", distAddModuleFromVault},
    {"dist", "add_module_bytes_from_vault", distAddModuleBytesFromVault},
    {"dist", "list_modules", distListModules},
    {"dist", "get_module_interface", distGetModuleInterface},
    {"dist", "make_blueprint", distMakeBlueprint},
    {"dist", "add_blueprint", distAddBlueprint},
    {"dist", "load_blueprint", distLoadBlueprint},
    {"dist", "list_blueprints", distListBlueprints},
    {"dist", "get_blueprint", distGetBlueprint},
    {"script", "add", scriptAdd},
    {"script", "add_from_vault", scriptAddFromVault},
    {"script", "remove", scriptRemove},
    {"script", "list", scriptList},
};

} // namespace air::net
