// Lowering of statements: one handler per construct (aqua-language.md 5.3-5.7, 5.10).
#include "compiler/lower/lowering_context.h"

namespace aqua::lower {
namespace {

using SK = raw::Stmt::Kind;
using VK = raw::Value::Kind;

void bindResults(LoweringContext &cx, const EnvPtr &env, const std::vector<std::string> &names,
                 const std::vector<BindingPtr> &results, std::vector<OpPtr> &out) {
  for (size_t i = 0; i < names.size() && i < results.size(); ++i) {
    auto existing = env->find(names[i]);
    if (existing && existing->kind == Binding::Kind::Stream && results[i]->kind == Binding::Kind::Data) {
      out.push_back(makeAp(results[i]->val, existing->val)); // `s <- f()` pushes into stream s
      continue;
    }
    env->vars[names[i]] = results[i];
  }
}

void lowerAssign(LoweringContext &cx, const EnvPtr &env, const raw::Stmt &s, std::vector<OpPtr> &out) {
  const auto &v = s.value;
  if (v->kind == VK::Call) {
    bindResults(cx, env, s.names, lowerCall(cx, env, v, out), out);
    return;
  }
  env->vars[s.names.at(0)] = lowerArgument(cx, env, v, out);
}

OpPtr lowerIf(LoweringContext &cx, const EnvPtr &env, const raw::Stmt &s, std::vector<OpPtr> &out) {
  bool equal = true;
  Val l, r;
  if (s.value->kind == VK::Equality) {
    equal = s.value->text == "==";
    l = lowerValue(cx, env, s.value->base, out);
    r = lowerValue(cx, env, s.value->other, out);
  } else {
    l = lowerValue(cx, env, s.value, out);
    r = Val::boolean(true);
  }
  auto thenEnv = cx.newEnv(env);
  OpPtr thenOp = lowerScopedBlock(cx, thenEnv, s.body);
  OpPtr elseOp;
  if (s.hasElse) {
    auto elseEnv = cx.newEnv(env);
    elseOp = lowerScopedBlock(cx, elseEnv, s.elseBody);
  }
  OpPtr match = makeMatch(equal, l, r, thenOp);
  if (cx.options.noXor) return makeXor(match, elseOp ? elseOp : makeNull());
  // Tell "condition false" (error code 10001/10002) from "the branch failed" and re-raise the latter.
  Val code = Val::num(equal ? "10001" : "10002");
  Val errCode = Val::error().field("error_code");
  Val ifErr = Val::var("-if-error-");
  if (!elseOp) {
    return makeNew(ifErr, makeXor(match, makeSeq({makeAp(Val::error(), ifErr),
                                                  makeXor(makeMatch(true, errCode, code, makeNull()),
                                                          makeFail(ifErr))})));
  }
  Val elseErr = Val::var("-else-error-");
  Val bothErr = Val::var("-if-else-error-");
  OpPtr onElseFail = makeSeq({makeSeq({makeAp(Val::error(), elseErr),
                                       makeXor(makeMatch(true, errCode, code, makeAp(ifErr, bothErr)),
                                               makeAp(elseErr, bothErr))}),
                              makeFail(bothErr)});
  OpPtr body = makeXor(match, makeSeq({makeAp(Val::error(), ifErr),
                                       makeXor(makeMatch(true, errCode, code, elseOp), onElseFail)}));
  return makeNew(bothErr, makeNew(elseErr, makeNew(ifErr, body)));
}

OpPtr lowerFor(LoweringContext &cx, const EnvPtr &env, const raw::Stmt &s, std::vector<OpPtr> &out) {
  Val iterable;
  auto b = s.value->kind == VK::Var ? env->find(s.value->text) : nullptr;
  if (b && b->kind == Binding::Kind::Stream) {
    iterable = b->val;
  } else {
    iterable = lowerValue(cx, env, s.value, out); // fold takes lambdas (`xs.$.items`) as is
  }
  Val iter = Val::var(cx.names.indexed(s.names.at(0)));
  auto inner = cx.newEnv(env);
  inner->vars[s.names.at(0)] = dataBinding(iter, nullptr);
  if (s.kind == SK::Parseq) {
    std::vector<Val> vias;
    std::vector<bool> coll;
    Val peer = lowerValue(cx, inner, s.peer, out);
    for (const auto &v : s.vias) {
      vias.push_back(lowerValue(cx, inner, v, out));
      coll.push_back(v->type && (v->type->kind == raw::Type::Kind::Array || v->type->kind == raw::Type::Kind::Option));
    }
    OpPtr on = makeOn(peer, vias, coll, makeNull());
    cx.onStack.push_back(on);
    on->children[0] = lowerScopedBlock(cx, inner, s.body);
    cx.onStack.pop_back();
    on->parseqBranch = true;
    return makeFold(iterable, iter, makePar(on, makeNext(iter)), makeNever());
  }
  OpPtr body = lowerScopedBlock(cx, inner, s.body);
  if (s.forMode == "par" || s.forMode == "rec")
    return makePar(makeFold(iterable, iter, makePar(body, makeNext(iter)), makeNever()), makeNull());
  if (s.forMode == "try") return makeFold(iterable, iter, makeXor(body, makeNext(iter)), makeNull());
  return makeFold(iterable, iter, makeSeq({body, makeNext(iter)}), makeNull());
}

OpPtr lowerOn(LoweringContext &cx, const EnvPtr &env, const raw::Stmt &s, std::vector<OpPtr> &out) {
  Val peer = lowerValue(cx, env, s.peer, out);
  std::vector<Val> vias;
  std::vector<bool> coll;
  for (const auto &v : s.vias) {
    vias.push_back(lowerValue(cx, env, v, out));
    coll.push_back(v->type && (v->type->kind == raw::Type::Kind::Array || v->type->kind == raw::Type::Kind::Option));
  }
  OpPtr on = makeOn(peer, vias, coll, makeNull());
  cx.onStack.push_back(on);
  auto ops = lowerBlock(cx, env, s.body); // variables bound in `on` escape
  cx.onStack.pop_back();
  on->children[0] = makeSeq(ops);
  return on;
}

// One statement; returns its ops (value prerequisites first).
std::vector<OpPtr> lowerStmt(LoweringContext &cx, const EnvPtr &env, const raw::Stmt &s) {
  std::vector<OpPtr> out;
  switch (s.kind) {
  case SK::Call: bindResults(cx, env, s.names, lowerCall(cx, env, s.value, out), out); break;
  case SK::Assign: lowerAssign(cx, env, s, out); break;
  case SK::Push: {
    auto stream = env->find(s.names.at(0));
    if (!stream || stream->kind != Binding::Kind::Stream) throw LoweringError("push to a non-stream");
    Val v = lowerDataValue(cx, env, s.value, out, false);
    out.push_back(makeAp(v, stream->val));
    break;
  }
  case SK::DeclStream: {
    auto b = std::make_shared<Binding>();
    b->kind = Binding::Kind::Stream;
    b->val = Val::var("$" + cx.names.fresh(s.names.at(0)));
    b->type = s.type;
    env->vars[s.names.at(0)] = b;
    if (cx.streamScope) cx.streamScope->push_back(b->val.text);
    break;
  }
  case SK::Closure: {
    auto b = std::make_shared<Binding>();
    b->kind = Binding::Kind::Arrow;
    b->func = s.closure;
    b->captured = env;
    if (!s.closure->noTopology) b->capturedOns = cx.onStack;
    env->vars[s.names.at(0)] = b;
    break;
  }
  case SK::ServiceId: {
    auto svc = cx.module.services.find(s.names.at(0));
    auto b = std::make_shared<Binding>();
    b->kind = Binding::Kind::Service;
    b->type = svc != cx.module.services.end() ? svc->second : nullptr;
    b->serviceId = lowerValue(cx, env, s.value, out);
    env->vars[s.names.at(0)] = b;
    break;
  }
  case SK::On: out.push_back(lowerOn(cx, env, s, out)); break;
  case SK::For:
  case SK::Parseq: out.push_back(lowerFor(cx, env, s, out)); break;
  case SK::If: out.push_back(lowerIf(cx, env, s, out)); break;
  case SK::Try: {
    auto tryEnv = cx.newEnv(env);
    OpPtr acc = lowerScopedBlock(cx, tryEnv, s.body);
    for (const auto &[name, body] : s.catches) {
      auto catchEnv = cx.newEnv(env);
      catchEnv->vars[name] = dataBinding(Val::error(), nullptr);
      acc = makeXor(acc, lowerScopedBlock(cx, catchEnv, body));
    }
    out.push_back(acc);
    break;
  }
  case SK::Join:
    for (const auto &v : s.values) {
      if (v->kind == VK::Index) lowerValue(cx, env, v, out); // a stream gate
    }
    break;
  case SK::Otherwise:
  case SK::Par:
  case SK::Co: break; // combined with the previous statement in lowerBlock
  }
  return out;
}

} // namespace

std::vector<OpPtr> lowerBlock(LoweringContext &cx, const EnvPtr &env, const std::vector<raw::StmtPtr> &stmts) {
  std::vector<OpPtr> items;
  for (const auto &sp : stmts) {
    const raw::Stmt &s = *sp;
    if (s.kind == SK::Otherwise || s.kind == SK::Par) {
      OpPtr prev = items.empty() ? makeNull() : items.back();
      if (!items.empty()) items.pop_back();
      OpPtr branch;
      if (s.kind == SK::Otherwise) {
        auto inner = cx.newEnv(env);
        branch = lowerScopedBlock(cx, inner, s.body);
        items.push_back(makeXor(prev, branch));
      } else {
        branch = makeSeq(lowerBlock(cx, env, s.body));
        items.push_back(makePar(prev, branch));
      }
      continue;
    }
    if (s.kind == SK::Co) {
      OpPtr branch = makeSeq(lowerBlock(cx, env, s.body));
      if (branch->kind == OpKind::On) branch->noExit = true;
      items.push_back(makePar(branch, makeNull()));
      continue;
    }
    auto ops = lowerStmt(cx, env, s);
    // Statements that only bind names emit nothing; the others stay one item, so that a
    // following `par`/`otherwise` applies to the whole statement.
    if (!ops.empty()) items.push_back(makeSeq(ops));
  }
  return items;
}

OpPtr lowerScopedBlock(LoweringContext &cx, const EnvPtr &env, const std::vector<raw::StmtPtr> &stmts) {
  std::vector<std::string> streams;
  auto *saved = cx.streamScope;
  cx.streamScope = &streams;
  OpPtr body = makeSeq(lowerBlock(cx, env, stmts));
  cx.streamScope = saved;
  for (auto it = streams.rbegin(); it != streams.rend(); ++it) body = makeNew(Val::var(*it), body);
  return body;
}

} // namespace aqua::lower
