// Lowering of Aqua values: literals, names, properties, collections, structs, arithmetic and
// boolean operators (aqua-language.md 5.8, 5.10, 5.11, 5.13).
#include "compiler/lower/lowering_context.h"

#include <algorithm>
#include <cmath>

namespace aqua::lower {

BindingPtr dataBinding(Val v, raw::TypePtr type) {
  auto b = std::make_shared<Binding>();
  b->kind = Binding::Kind::Data;
  b->val = std::move(v);
  b->type = std::move(type);
  return b;
}

namespace {


using VK = raw::Value::Kind;

// The binding a path through abilities names (`a`, `a.b`, `a.b.c`), or null when it is not one.
BindingPtr abilityPathBinding(const EnvPtr &env, const raw::ValuePtr &v) {
  if (!v) return nullptr;
  if (v->kind == VK::Var) return env->find(v->text);
  if (v->kind != VK::Field) return nullptr;
  BindingPtr outer = abilityPathBinding(env, v->base);
  if (!outer || outer->kind != Binding::Kind::Ability) return nullptr;
  auto it = outer->fields.find(v->text);
  return it == outer->fields.end() ? nullptr : it->second;
}

std::string literalToVal(const std::string &text, Val &out) {
  if (!text.empty() && text.front() == '"') {
    out = Val::str(text.substr(1, text.size() - 2));
  } else if (text == "true" || text == "false") {
    out = Val::boolean(text == "true");
  } else if (text.find('.') != std::string::npos) {
    out = Val::flt(text);
  } else {
    out = Val::num(text);
  }
  return {};
}

std::string baseName(const Val &v) {
  std::string s = v.text;
  while (!s.empty() && (s[0] == '$' || s[0] == '#' || s[0] == '%')) s.erase(0, 1);
  return s;
}

bool isIntLiteral(const Val &v) { return v.kind == Val::Kind::Int && !v.hasLambda(); }

// A value used inside another lambda (an index) must be a plain scalar.
Val plain(LoweringContext &cx, Val v, std::vector<OpPtr> &pre) {
  if (!v.hasLambda()) return v;
  Val flat = Val::var(cx.names.fresh(baseName(v) + "_flat"));
  pre.push_back(makeAp(v, flat));
  return flat;
}

Val streamCanon(LoweringContext &cx, const Val &stream, const std::string &aquaName, std::vector<OpPtr> &pre) {
  std::string fix = cx.names.indexed("-" + aquaName + "-fix");
  std::string flat = "-" + aquaName + "-flat" + fix.substr(fix.rfind('-'));
  pre.push_back(makeCanon(std::nullopt, stream, Val::var("#" + fix)));
  pre.push_back(makeAp(Val::var("#" + fix), Val::var(flat)));
  return Val::var(flat);
}

// `s[idx]` on a stream waits until idx+1 elements exist: the stream gate.
Val streamGate(LoweringContext &cx, const Val &stream, const Val &countVal, std::vector<OpPtr> &pre) {
  std::string base = baseName(stream);
  Val test = Val::var("$" + cx.names.fresh(base + "_test"));
  Val iter = Val::var(cx.names.fresh(base + "_fold_var"));
  Val iterCanon = Val::var("#" + cx.names.fresh(base + "_iter_canon"));
  Val resultCanon = Val::var("#" + cx.names.fresh(base + "_result_canon"));
  Val gate = Val::var(cx.names.fresh(base + "_gate"));
  Val len = iterCanon;
  len.isLength = true;
  OpPtr foldBody = makeSeq({makeSeq({makeAp(iter, test), makeCanon(std::nullopt, test, iterCanon)}),
                            makeXor(makeMatch(true, len, countVal, makeNull()), makeNext(iter))});
  OpPtr body = makeSeq({makeFold(stream, iter, foldBody, makeNever()),
                        makeCanon(std::nullopt, test, resultCanon), makeAp(resultCanon, gate)});
  pre.push_back(makeNew(test, body));
  return gate;
}

Val gateCount(LoweringContext &cx, const Val &idx, std::vector<OpPtr> &pre) {
  if (isIntLiteral(idx)) return Val::num(std::to_string(std::stoll(idx.text) + 1));
  Val inc = Val::var(cx.names.fresh("incr_idx"));
  pre.push_back(makeCall(std::nullopt, Val::str("math"), "add", {idx, Val::num("1")}, inc));
  return inc;
}

std::optional<long long> asInt(const Val &v) {
  if (!isIntLiteral(v)) return std::nullopt;
  try {
    return std::stoll(v.text);
  } catch (...) {
    return std::nullopt;
  }
}

Val lowerArith(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  Val l = lowerValue(cx, env, v.base, pre);
  Val r = lowerValue(cx, env, v.other, pre);
  auto li = asInt(l), ri = asInt(r);
  const std::string &op = v.text;
  if (li && ri) {
    long long a = *li, b = *ri, res = 0;
    bool ok = true;
    if (op == "+") res = a + b;
    else if (op == "-") res = a - b;
    else if (op == "*") res = a * b;
    else if (op == "/") { if (b == 0) ok = false; else res = a / b; }
    else if (op == "%") { if (b == 0) ok = false; else res = a % b; }
    else if (op == "**") { if (b < 0) ok = false; else { res = 1; for (long long i = 0; i < b; ++i) res *= a; } }
    if (ok) return Val::num(std::to_string(res));
  }
  std::string fn = op == "+" ? "add" : op == "-" ? "sub" : op == "*" ? "mul" : op == "/" ? "div"
                 : op == "%" ? "rem" : "pow";
  bool isFloat = (v.base->type && v.base->type->isFloat()) || (v.other->type && v.other->type->isFloat()) ||
                 l.kind == Val::Kind::Float || r.kind == Val::Kind::Float;
  if (fn == "mul" && isFloat) fn = "fmul";
  Val res = Val::var(cx.names.fresh(fn));
  pre.push_back(makeCall(std::nullopt, Val::str("math"), fn, {l, r}, res));
  return res;
}

Val lowerCompare(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  Val l = lowerValue(cx, env, v.base, pre);
  Val r = lowerValue(cx, env, v.other, pre);
  auto li = asInt(l), ri = asInt(r);
  const std::string &op = v.text;
  if (li && ri) {
    bool res = op == ">" ? *li > *ri : op == ">=" ? *li >= *ri : op == "<" ? *li < *ri : *li <= *ri;
    return Val::boolean(res);
  }
  std::string fn = op == ">" ? "gt" : op == ">=" ? "gte" : op == "<" ? "lt" : "lte";
  Val res = Val::var(cx.names.fresh(fn));
  pre.push_back(makeCall(std::nullopt, Val::str("cmp"), fn, {l, r}, res));
  return res;
}

Val lowerEquality(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  Val l = lowerValue(cx, env, v.base, pre);
  Val r = lowerValue(cx, env, v.other, pre);
  bool eq = v.text == "==";
  if (l.isLiteral() && r.isLiteral() && !l.hasLambda() && !r.hasLambda())
    return Val::boolean((l == r) == eq);
  Val res = Val::var(cx.names.fresh(eq ? "eq" : "neq"));
  pre.push_back(makeXor(makeMatch(eq, l, r, makeAp(Val::boolean(true), res)), makeAp(Val::boolean(false), res)));
  return res;
}

Val lowerAndOr(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  bool isAnd = v.kind == VK::And;
  Val l = lowerValue(cx, env, v.base, pre);
  if (l.kind == Val::Kind::Bool) {
    bool lb = l.text == "true";
    if (isAnd && !lb) return l;
    if (!isAnd && lb) return l;
    return lowerValue(cx, env, v.other, pre);
  }
  std::vector<OpPtr> rpre;
  Val r = lowerValue(cx, env, v.other, rpre);
  if (r.kind == Val::Kind::Bool && rpre.empty()) {
    bool rb = r.text == "true";
    if (isAnd && rb) return l;   // x && true = x
    if (!isAnd && !rb) return l; // x || false = x
  }
  Val res = Val::var(cx.names.fresh(isAnd ? "and" : "or"));
  rpre.push_back(makeAp(r, res));
  pre.push_back(makeXor(makeMatch(true, l, Val::boolean(!isAnd), makeAp(l, res)), makeSeq(rpre)));
  return res;
}

Val lowerNot(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  Val x = lowerValue(cx, env, v.base, pre);
  if (x.kind == Val::Kind::Bool) return Val::boolean(x.text != "true");
  Val res = Val::var(cx.names.fresh("not"));
  pre.push_back(makeXor(makeMatch(true, x, Val::boolean(true), makeAp(Val::boolean(false), res)),
                        makeAp(Val::boolean(true), res)));
  return res;
}

Val lowerCollection(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  if (v.items.empty()) return Val::emptyArray();
  if (v.kind == VK::StreamLiteral) {
    Val s = Val::var("$" + cx.names.indexed("stream-anon"));
    if (cx.streamScope) cx.streamScope->push_back(s.text);
    for (const auto &item : v.items) {
      Val x = lowerDataValue(cx, env, item, pre, false);
      pre.push_back(makeAp(x, s));
    }
    return s;
  }
  bool option = v.kind == VK::Option;
  std::string base = option ? "option-inline" : "array-inline";
  Val s = Val::var("$" + cx.names.fresh(base));
  std::vector<OpPtr> body;
  for (const auto &item : v.items) {
    Val x = lowerDataValue(cx, env, item, body, false);
    OpPtr ap = makeAp(x, s);
    body.push_back(option ? makeXor(ap, makeNull()) : ap);
  }
  Val canon = Val::var("#" + cx.names.indexed(base));
  body.push_back(makeCanon(std::nullopt, s, canon));
  pre.push_back(makeNew(s, makeSeq(body)));
  return canon;
}

Val buildStruct(LoweringContext &cx, const std::string &mapBase, std::vector<std::pair<std::string, Val>> fields,
                std::vector<OpPtr> &pre) {
  std::sort(fields.begin(), fields.end(), [](auto &a, auto &b) { return a.first < b.first; });
  Val map = Val::var("%" + cx.names.fresh(mapBase + "_map"));
  Val obj = Val::var(cx.names.fresh(mapBase));
  std::vector<OpPtr> body;
  for (auto &[k, val] : fields) body.push_back(makeApMap(Val::str(k), val, map));
  body.push_back(makeCanon(std::nullopt, map, obj));
  pre.push_back(makeNew(map, makeSeq(body)));
  return obj;
}

Val lowerConstruct(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  std::vector<std::pair<std::string, Val>> fields;
  // An extra argument is only a warning, and the reference keeps it in the object.
  for (const auto &[name, value] : v.named)
    fields.emplace_back(name, lowerDataValue(cx, env, value, pre, false));
  return buildStruct(cx, v.text + "_obj", std::move(fields), pre);
}

Val lowerCopy(LoweringContext &cx, const EnvPtr &env, const raw::Value &v, std::vector<OpPtr> &pre) {
  Val base = lowerValue(cx, env, v.base, pre);
  std::vector<std::pair<std::string, Val>> fields;
  std::map<std::string, Val> changed;
  for (const auto &[name, value] : v.named) changed[name] = lowerDataValue(cx, env, value, pre, false);
  raw::TypePtr t = v.base->type;
  if (t) {
    for (const auto &f : t->fields) {
      auto it = changed.find(f.first);
      fields.emplace_back(f.first, it != changed.end() ? it->second : base.field(f.first));
    }
  }
  std::string name = t ? t->name : "obj";
  return buildStruct(cx, baseName(base) + "_copy", std::move(fields), pre);
}

} // namespace

BindingPtr lowerArgument(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &value,
                         std::vector<OpPtr> &pre) {
  if (value->kind == VK::Var) {
    if (auto b = env->find(value->text)) {
      if (b->kind != Binding::Kind::Data) return b;
    }
    auto svc = cx.module.services.find(value->text);
    if (svc != cx.module.services.end() && !env->find(value->text)) {
      auto b = std::make_shared<Binding>();
      b->kind = Binding::Kind::Service;
      b->type = svc->second;
      b->serviceId = Val::str(svc->second->defaultServiceId);
      return b;
    }
    auto fn = cx.module.funcs.find(value->text);
    if (fn != cx.module.funcs.end() && !env->find(value->text)) {
      auto b = std::make_shared<Binding>();
      b->kind = Binding::Kind::Arrow;
      b->func = fn->second;
      return b;
    }
  }
  if (value->kind == VK::Field && value->base->kind != VK::Var) {
    if (auto b = abilityPathBinding(env, value)) return b; // a path through nested abilities
  }
  if (value->kind == VK::Field && value->base->kind == VK::Var) {
    auto b = env->find(value->base->text);
    if (b && b->kind == Binding::Kind::Ability) {
      auto it = b->fields.find(value->text);
      if (it != b->fields.end()) return it->second;
    }
    // `Srv.method` as an arrow value.
    BindingPtr svc = b && b->kind == Binding::Kind::Service ? b : nullptr;
    if (!b) {
      auto it = cx.module.services.find(value->base->text);
      if (it != cx.module.services.end()) {
        svc = std::make_shared<Binding>();
        svc->type = it->second;
        svc->serviceId = Val::str(it->second->defaultServiceId);
      }
    }
    if (svc) {
      auto m = std::make_shared<Binding>();
      m->kind = Binding::Kind::ServiceMethod;
      m->type = svc->type;
      m->serviceId = svc->serviceId;
      m->callbackName = value->text;
      return m;
    }
  }
  if (value->kind == VK::Construct && value->type && value->type->kind == raw::Type::Kind::Ability) {
    auto b = std::make_shared<Binding>();
    b->kind = Binding::Kind::Ability;
    b->type = value->type;
    for (const auto &[name, v] : value->named) b->fields[name] = lowerArgument(cx, env, v, pre);
    return b;
  }
  if (value->kind == VK::StreamLiteral) {
    auto b = std::make_shared<Binding>();
    b->kind = Binding::Kind::Stream;
    b->val = lowerValue(cx, env, value, pre);
    b->type = value->type;
    return b;
  }
  return dataBinding(lowerValue(cx, env, value, pre), value->type);
}

Val lowerDataValue(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &value,
                   std::vector<OpPtr> &pre, bool flattenFields) {
  if (value->kind == VK::Var) {
    auto b = env->find(value->text);
    if (b && b->kind == Binding::Kind::Stream) return streamCanon(cx, b->val, value->text, pre);
  }
  if (value->kind == VK::StreamLiteral) {
    Val s = lowerValue(cx, env, value, pre);
    return streamCanon(cx, s, "s", pre);
  }
  Val v = lowerValue(cx, env, value, pre);
  if (v.isVar() && v.text[0] == '$') return streamCanon(cx, v, baseName(v), pre);
  if (!flattenFields || v.isLength) return v;
  if (value->kind == VK::Field && v.isLiteral()) {
    // A literal read through ability fields is materialised the way the reference does it.
    Val ap = Val::var(cx.names.fresh("literal_ap"));
    Val props = Val::var(cx.names.fresh("literal_props"));
    pre.push_back(makeAp(v, ap));
    pre.push_back(makeAp(ap, props));
    return props;
  }
  // Handed-over values read fields one step at a time: (ap x.$.a x_flat) (ap x_flat.$.b x_flat_flat).
  Val acc = v;
  acc.path.clear();
  for (const auto &step : v.path) {
    acc.path.push_back(step);
    if (step.kind != air::Accessor::Kind::Field) continue;
    std::string stem = acc.kind == Val::Kind::Error ? ":error:" : baseName(acc);
    Val flat = Val::var(cx.names.fresh(stem + "_flat"));
    pre.push_back(makeAp(acc, flat));
    acc = flat;
  }
  return acc;
}

Val lowerValue(LoweringContext &cx, const EnvPtr &env, const raw::ValuePtr &value, std::vector<OpPtr> &pre) {
  const raw::Value &v = *value;
  switch (v.kind) {
  case VK::Literal: {
    Val out;
    literalToVal(v.text, out);
    return out;
  }
  case VK::InitPeer: return Val::initPeer();
  case VK::HostPeer: return cx.hostPeer();
  case VK::Ttl: return Val{Val::Kind::Ttl, "%ttl%", {}, false};
  case VK::Timestamp: return Val{Val::Kind::Timestamp, "%timestamp%", {}, false};
  case VK::LastError: return Val::error();
  case VK::Nil: return Val::emptyArray();
  case VK::Var: {
    if (auto b = env->find(v.text)) {
      if (b->kind == Binding::Kind::Data || b->kind == Binding::Kind::Stream) return b->val;
      throw LoweringError("`" + v.text + "` is not a data value");
    }
    auto c = cx.module.constants.find(v.text);
    if (c != cx.module.constants.end()) return lowerValue(cx, env, c->second, pre);
    throw LoweringError("unknown name `" + v.text + "` in lowering");
  }
  case VK::Field: {
    {
      auto b = abilityPathBinding(env, v.base);
      if (b && b->kind == Binding::Kind::Ability) {
        auto it = b->fields.find(v.text);
        if (it == b->fields.end()) throw LoweringError("ability has no field `" + v.text + "`");
        if (it->second->kind == Binding::Kind::Data || it->second->kind == Binding::Kind::Stream)
          return it->second->val;
        throw LoweringError("ability field `" + v.text + "` is not data");
      }
    }
    Val base = lowerValue(cx, env, v.base, pre);
    if (base.isVar() && base.text[0] == '$') base = streamCanon(cx, base, baseName(base), pre);
    return base.field(v.text);
  }
  case VK::Index: {
    // `s[e - 1]` on a stream waits for `e` elements: no `math.add` to undo the `- 1`, and the index
    // itself is computed after the gate (as the reference does).
    if (v.base->kind == VK::Var && v.other && v.other->kind == VK::Arith && v.other->text == "-" && v.other->other &&
        v.other->other->kind == VK::Literal && v.other->other->text == "1" && v.other->base &&
        v.other->base->kind != VK::Literal) {
      auto b = env->find(v.base->text);
      if (b && b->kind == Binding::Kind::Stream) {
        Val count = plain(cx, lowerValue(cx, env, v.other->base, pre), pre);
        Val gate = streamGate(cx, b->val, count, pre);
        Val last = Val::var(cx.names.fresh("sub"));
        pre.push_back(makeCall(std::nullopt, Val::str("math"), "sub", {count, Val::num("1")}, last));
        return gate.indexBy(last.text);
      }
    }
    Val idx = lowerValue(cx, env, v.other, pre);
    if (v.base->kind == VK::Var) {
      auto b = env->find(v.base->text);
      if (b && b->kind == Binding::Kind::Stream) {
        Val gate = streamGate(cx, b->val, gateCount(cx, plain(cx, idx, pre), pre), pre);
        return isIntLiteral(idx) ? gate.index(static_cast<uint32_t>(std::stoll(idx.text)))
                                 : gate.indexBy(plain(cx, idx, pre).text);
      }
    }
    Val base = lowerValue(cx, env, v.base, pre);
    if (isIntLiteral(idx)) return base.index(static_cast<uint32_t>(std::stoll(idx.text)));
    return base.indexBy(plain(cx, idx, pre).text);
  }
  case VK::Length: {
    if (v.base->kind == VK::Var) {
      auto b = env->find(v.base->text);
      if (b && b->kind == Binding::Kind::Stream) {
        std::string base = baseName(b->val);
        Val functor = Val::var("#" + cx.names.fresh(base + "_to_functor"));
        Val len = Val::var(cx.names.fresh(base + "_length"));
        pre.push_back(makeCanon(std::nullopt, b->val, functor));
        Val l = functor;
        l.isLength = true;
        pre.push_back(makeAp(l, len));
        return len;
      }
    }
    Val base = plain(cx, lowerValue(cx, env, v.base, pre), pre);
    if (base.kind == Val::Kind::EmptyArray) return Val::num("0");
    std::string b = baseName(base);
    Val functor = Val::var(cx.names.fresh(b + "_to_functor"));
    Val len = Val::var(cx.names.fresh(b + "_length"));
    pre.push_back(makeAp(base, functor));
    Val l = functor;
    l.isLength = true;
    pre.push_back(makeAp(l, len));
    return len;
  }
  case VK::Call: {
    auto results = lowerCall(cx, env, value, pre);
    if (results.empty()) throw LoweringError("call used as a value returns nothing");
    return results[0]->val;
  }
  case VK::Array:
  case VK::Option:
  case VK::StreamLiteral: return lowerCollection(cx, env, v, pre);
  case VK::Construct: return lowerConstruct(cx, env, v, pre);
  case VK::Copy: return lowerCopy(cx, env, v, pre);
  case VK::Arith: return lowerArith(cx, env, v, pre);
  case VK::Compare: return lowerCompare(cx, env, v, pre);
  case VK::Equality: return lowerEquality(cx, env, v, pre);
  case VK::And:
  case VK::Or: return lowerAndOr(cx, env, v, pre);
  case VK::Not: return lowerNot(cx, env, v, pre);
  }
  throw LoweringError("unsupported value");
}

} // namespace aqua::lower
