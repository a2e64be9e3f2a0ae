// The exported function: binds its arguments to the wrapper's variables, lowers the body and the
// returned values, and wraps it all (function_wrapper.cpp).
#include "compiler/lower/lower_function.h"

#include "compiler/lower/emit_air.h"
#include "compiler/lower/function_wrapper.h"

namespace aqua::lower {

OpPtr lowerExportedFunction(const raw::Module &module, const raw::Func &func, const LowerOptions &options) {
  LoweringContext cx{module, options, {}, {}, nullptr, {}};
  auto env = cx.newEnv();
  WrapperInput input;
  input.relay = options.relay;
  input.noXor = options.noXor;
  for (const auto &[name, type] : func.args) {
    WrapperArg arg{name, WrapperArg::Kind::Data};
    auto b = std::make_shared<Binding>();
    b->type = type;
    if (type && type->kind == raw::Type::Kind::Stream) {
      arg.kind = WrapperArg::Kind::Stream;
      b->kind = Binding::Kind::Stream;
      b->val = Val::var(streamArgVarName(name));
    } else if (type && type->kind == raw::Type::Kind::Arrow) {
      arg.kind = WrapperArg::Kind::Arrow;
      b->kind = Binding::Kind::Callback;
      b->callbackName = name;
    } else {
      b->kind = Binding::Kind::Data;
      b->val = Val::var(argVarName(name));
    }
    env->vars[name] = b;
    input.args.push_back(arg);
  }
  cx.streamScope = &input.hoistedStreams;
  std::vector<OpPtr> ops = lowerBlock(cx, env, func.body);
  for (size_t i = 0; i < func.returns.size(); ++i) {
    const auto &ret = func.returns[i];
    bool streamResult = i < func.results.size() && func.results[i] &&
                        func.results[i]->kind == raw::Type::Kind::Stream;
    auto b = ret->kind == raw::Value::Kind::Var ? env->find(ret->text) : nullptr;
    if (streamResult && b && b->kind == Binding::Kind::Stream) {
      // A stream result is handed over as one canonicalised snapshot.
      std::string stem = b->val.text.substr(1);
      Val canon = Val::var("#" + cx.names.fresh(stem + "_canon"));
      ops.push_back(makeCanon(std::nullopt, b->val, canon));
      input.results.push_back(canon);
      continue;
    }
    input.results.push_back(lowerDataValue(cx, env, ret, ops, true));
  }
  input.body = ops.empty() ? nullptr : makeSeq(ops);
  return wrapExportedFunction(input);
}

air::Script lowerToScript(const raw::Module &module, const raw::Func &func, const LowerOptions &options) {
  return emitAir(lowerExportedFunction(module, func, options));
}

} // namespace aqua::lower
