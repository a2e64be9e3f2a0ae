// State shared by the statement and value lowering of one exported function: the environment of
// Aqua names (bindings), fresh AIR names, the enclosing `on` blocks (for closures that capture
// topology) and options. Every non-exported function, closure and ability arrow is inlined.
#pragma once

#include "compiler/lower/model.h"
#include "compiler/lower/name_gen.h"
#include "compiler/lower/raw.h"

#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace aqua::lower {

struct Env;
using EnvPtr = std::shared_ptr<Env>;

// What an Aqua name denotes while lowering.
struct Binding {
  enum class Kind { Data, Stream, Arrow, Ability, Service, ServiceMethod, Callback };
  Kind kind = Kind::Data;
  Val val;                 // Data: the AIR value; Stream: `$name`
  raw::TypePtr type;
  // Arrow: a function or closure, inlined at each call, with the names it captured.
  raw::FuncPtr func;
  EnvPtr captured;
  std::vector<OpPtr> capturedOns; // `on` frames around a closure definition (no body)
  // Ability: its fields and arrows.
  std::map<std::string, std::shared_ptr<Binding>> fields;
  // Service: its type and id.
  Val serviceId;
  // Callback: the exported function's arrow argument name; ServiceMethod: the method name (with
  // `type`/`serviceId` of its service).
  std::string callbackName;
};
using BindingPtr = std::shared_ptr<Binding>;

struct Env {
  EnvPtr parent;
  std::map<std::string, BindingPtr> vars;

  BindingPtr find(const std::string &name) const {
    for (const Env *e = this; e; e = e->parent.get()) {
      auto it = e->vars.find(name);
      if (it != e->vars.end()) return it->second;
    }
    return nullptr;
  }
};

struct LoweringError : std::runtime_error {
  using std::runtime_error::runtime_error;
};

struct LowerOptions {
  bool relay = true;
  bool noXor = false;
};

struct LoweringContext {
  const raw::Module &module;
  LowerOptions options;
  NameGen names;
  std::vector<OpPtr> onStack;               // enclosing `on` ops (for topology capture)
  std::vector<std::string> *streamScope = nullptr; // where `new $s` goes for declared streams
  // Every scope made while lowering. A closure's binding holds the scope it was defined in, which
  // holds the binding: the destructor empties the scopes so those cycles do not leak.
  std::vector<EnvPtr> envs;

  EnvPtr newEnv(EnvPtr parent = nullptr) {
    auto env = std::make_shared<Env>();
    env->parent = std::move(parent);
    envs.push_back(env);
    return env;
  }
  ~LoweringContext() {
    for (const EnvPtr &env : envs) env->vars.clear();
  }

  Val hostPeer() const { return options.relay ? Val::var("-relay-") : Val::initPeer(); }
};

// Statement and value lowering (lower_statements.cpp, lower_values.cpp).
std::vector<OpPtr> lowerBlock(LoweringContext &cx, const EnvPtr &env,
                              const std::vector<raw::StmtPtr> &stmts);
// A block with its own stream scope: streams declared in it get `new` around the block.
OpPtr lowerScopedBlock(LoweringContext &cx, const EnvPtr &env,
                       const std::vector<raw::StmtPtr> &stmts);
Val lowerValue(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &value,
               std::vector<OpPtr> &pre);
// Values handed over as data (response, assignment of a stream to an array): streams are
// canonicalised, field lambdas flattened.
Val lowerDataValue(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &value,
                   std::vector<OpPtr> &pre, bool flattenFields);
// A binding for an argument position (arrows, abilities, streams stay bindings).
BindingPtr lowerArgument(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &value,
                         std::vector<OpPtr> &pre);
// Calls: returns the result bindings (one per result of the callee).
std::vector<BindingPtr> lowerCall(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &call,
                                  std::vector<OpPtr> &out);
BindingPtr resolveCallable(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &callee);

BindingPtr dataBinding(Val v, raw::TypePtr type);

} // namespace aqua::lower
