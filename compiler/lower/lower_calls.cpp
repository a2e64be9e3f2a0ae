// Calls: service methods become `call`, callbacks of the exported function go through
// callbackSrv, functions/closures/ability arrows are inlined with their arguments bound
// (aqua-language.md 5.2, 5.12).
#include "compiler/lower/lowering_context.h"

namespace aqua::lower {
namespace {

using VK = raw::Value::Kind;

// Call arguments: a stream is passed as one canonicalised snapshot `#s_canon`.
Val lowerCallArg(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &a, std::vector<OpPtr> &out) {
  if (a->kind == VK::Var) {
    auto b = env->find(a->text);
    if (b && b->kind == Binding::Kind::Stream) {
      Val canon = Val::var("#" + cx.names.fresh(b->val.text.substr(1) + "_canon"));
      out.push_back(makeCanon(std::nullopt, b->val, canon));
      return canon;
    }
  }
  return lowerDataValue(cx, env, a, out, false);
}

BindingPtr serviceBinding(const raw::TypePtr &type, Val id) {
  auto b = std::make_shared<Binding>();
  b->kind = Binding::Kind::Service;
  b->type = type;
  b->serviceId = std::move(id);
  return b;
}

// A method of a service or ability: resolves the receiver.
BindingPtr resolveReceiver(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &recv) {
  if (recv->kind == VK::Var) {
    if (auto b = env->find(recv->text)) return b;
    auto svc = cx.module.services.find(recv->text);
    if (svc != cx.module.services.end()) {
      if (!svc->second->hasDefaultServiceId)
        throw LoweringError("Service ID is undefined for `" + recv->text + "`");
      return serviceBinding(svc->second, Val::str(svc->second->defaultServiceId));
    }
    throw LoweringError("unknown receiver `" + recv->text + "`");
  }
  if (recv->kind == VK::Field) {
    BindingPtr outer = resolveReceiver(cx, env, recv->base);
    if (outer->kind == Binding::Kind::Ability) {
      auto it = outer->fields.find(recv->text);
      if (it != outer->fields.end()) return it->second;
    }
    throw LoweringError("cannot resolve `" + recv->text + "`");
  }
  throw LoweringError("unsupported call receiver");
}

std::vector<BindingPtr> callService(LoweringContext &cx, const EnvPtr &env, const BindingPtr &svc,
                                    const raw::Value &call, std::vector<OpPtr> &out) {
  std::vector<Val> args;
  for (const auto &a : call.items) args.push_back(lowerCallArg(cx, env, a, out));
  raw::TypePtr method;
  for (const auto &f : svc->type->fields)
    if (f.first == call.text) method = f.second;
  std::optional<Val> result;
  std::vector<BindingPtr> results;
  if (method && !method->codomain.empty()) {
    result = Val::var(cx.names.fresh("ret"));
    results.push_back(dataBinding(*result, method->codomain[0]));
  }
  out.push_back(makeCall(std::nullopt, svc->serviceId, call.text, std::move(args), result));
  return results;
}

std::vector<BindingPtr> callCallback(LoweringContext &cx, const EnvPtr &env, const BindingPtr &cb,
                                     const raw::Value &call, std::vector<OpPtr> &out) {
  std::vector<Val> args;
  for (const auto &a : call.items) args.push_back(lowerCallArg(cx, env, a, out));
  std::vector<BindingPtr> results;
  std::optional<Val> result;
  const auto &codomain = cb->type ? cb->type->codomain : std::vector<raw::TypePtr>{};
  if (!codomain.empty()) {
    std::string first = cx.names.fresh("init_call_res0");
    result = Val::var(first);
    std::string stem = first.substr(0, first.size() - (first == "init_call_res0" ? 1 : 0));
    for (size_t i = 0; i < codomain.size(); ++i)
      results.push_back(dataBinding(i == 0 ? *result : Val::var("init_call_res" + std::to_string(i)), codomain[i]));
  }
  OpPtr invoke = makeCall(Val::initPeer(), Val::str("callbackSrv"), cb->callbackName, std::move(args), result);
  // Inside `on`, a callback runs on the client the way `on INIT_PEER_ID via HOST_PEER_ID` would:
  // back through the relay (a client is reached only through it), and on an error back to the
  // `on` peer for the enclosing error handling (as the reference routes it).
  if (!cx.onStack.empty()) invoke = makeOn(Val::initPeer(), {cx.hostPeer()}, {false}, invoke);
  else invoke = makeXor(invoke, makeFail(Val::error()));
  out.push_back(invoke);
  return results;
}

std::vector<BindingPtr> inlineArrow(LoweringContext &cx, const EnvPtr &env, const BindingPtr &arrow,
                                    const raw::Value &call, std::vector<OpPtr> &out) {
  const raw::Func &fn = *arrow->func;
  auto inner = cx.newEnv(arrow->captured);
  for (size_t i = 0; i < fn.abilities.size() && i < call.abilityArgs.size(); ++i)
    inner->vars[fn.abilities[i].first] = lowerArgument(cx, env, call.abilityArgs[i], out);
  for (size_t i = 0; i < fn.args.size() && i < call.items.size(); ++i) {
    const auto &param = fn.args[i];
    BindingPtr b;
    if (param.second && param.second->kind == raw::Type::Kind::Stream) {
      b = lowerArgument(cx, env, call.items[i], out);
    } else if (param.second && (param.second->kind == raw::Type::Kind::Arrow ||
                                param.second->kind == raw::Type::Kind::Ability ||
                                param.second->kind == raw::Type::Kind::Service)) {
      b = lowerArgument(cx, env, call.items[i], out);
    } else {
      b = dataBinding(lowerDataValue(cx, env, call.items[i], out, false), param.second);
    }
    inner->vars[param.first] = b;
  }
  std::vector<OpPtr> body;
  std::vector<OpPtr> savedOns;
  bool capture = !arrow->capturedOns.empty();
  if (capture) {
    savedOns = cx.onStack;
    cx.onStack = arrow->capturedOns;
  }
  std::vector<OpPtr> ops = lowerBlock(cx, inner, fn.body);
  std::vector<BindingPtr> results;
  for (size_t i = 0; i < fn.returns.size(); ++i) {
    raw::TypePtr rt = i < fn.results.size() ? fn.results[i] : nullptr;
    if (rt && (rt->kind == raw::Type::Kind::Stream || rt->kind == raw::Type::Kind::Arrow ||
               rt->kind == raw::Type::Kind::Ability)) {
      results.push_back(lowerArgument(cx, inner, fn.returns[i], ops));
    } else {
      results.push_back(dataBinding(lowerDataValue(cx, inner, fn.returns[i], ops, true), rt));
    }
  }
  if (capture) {
    cx.onStack = savedOns;
    OpPtr b = makeSeq(ops);
    // The closure runs where it was defined: wrap it in the captured `on` frames.
    for (auto it = arrow->capturedOns.rbegin(); it != arrow->capturedOns.rend(); ++it) {
      b = makeOn((*it)->a, (*it)->vias, (*it)->viaIsCollection, b);
      b->parseqBranch = true; // captured topology: no enforced exit, no error wrapper
      b->noErrorWrap = true;
    }
    out.push_back(b);
  } else {
    for (auto &op : ops) out.push_back(op);
  }
  return results;
}

} // namespace

BindingPtr resolveCallable(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &callee) {
  if (auto b = env->find(callee->text)) return b;
  auto fn = cx.module.funcs.find(callee->text);
  if (fn == cx.module.funcs.end()) throw LoweringError("unknown function `" + callee->text + "`");
  auto b = std::make_shared<Binding>();
  b->kind = Binding::Kind::Arrow;
  b->func = fn->second;
  return b;
}

std::vector<BindingPtr> lowerCall(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &callPtr,
                                  std::vector<OpPtr> &out) {
  const raw::Value &call = *callPtr;
  BindingPtr target;
  if (call.isMethod) {
    BindingPtr recv = resolveReceiver(cx, env, call.base);
    if (recv->kind == Binding::Kind::Service) return callService(cx, env, recv, call, out);
    if (recv->kind != Binding::Kind::Ability) throw LoweringError("method call on a non-ability");
    auto it = recv->fields.find(call.text);
    if (it == recv->fields.end()) throw LoweringError("ability has no arrow `" + call.text + "`");
    target = it->second;
  } else {
    auto nameOnly = std::make_shared<raw::Value>();
    nameOnly->text = call.text;
    target = resolveCallable(cx, env, nameOnly);
  }
  switch (target->kind) {
  case Binding::Kind::Arrow: return inlineArrow(cx, env, target, call, out);
  case Binding::Kind::Callback: return callCallback(cx, env, target, call, out);
  case Binding::Kind::ServiceMethod: {
    raw::Value renamed = call;
    renamed.text = target->callbackName;
    auto svc = std::make_shared<Binding>(*target);
    svc->kind = Binding::Kind::Service;
    return callService(cx, env, svc, renamed, out);
  }
  default: throw LoweringError("`" + call.text + "` is not callable");
  }
}

} // namespace aqua::lower
