#include "builtins.h"

#include <cmath>
#include <cstdint>

#include "air/json_text.h"
#include "local_network.h"

namespace air::net {

namespace {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

void need(bool condition, const std::string &message) {
  if (!condition) throw ServiceFailure(message);
}

bool isNumber(const Value &v) { return v.kind() == Value::Number; }

// Arithmetic keeps integers exact when both operands are integers and the result fits, like a
// node would; otherwise it is done in doubles as the JavaScript host does (never overflows).
Value arithmetic(const std::string &fn, const Value &a, const Value &b) {
  auto ai = a.getAsInteger(), bi = b.getAsInteger();
  double x = *a.getAsNumber(), y = *b.getAsNumber();
  int64_t r = 0;
  bool ints = ai && bi;
  if (fn == "add") return ints && !__builtin_add_overflow(*ai, *bi, &r) ? Value(r) : Value(x + y);
  if (fn == "sub") return ints && !__builtin_sub_overflow(*ai, *bi, &r) ? Value(r) : Value(x - y);
  if (fn == "mul") return ints && !__builtin_mul_overflow(*ai, *bi, &r) ? Value(r) : Value(x * y);
  if (fn == "fmul") return Value(std::floor(x * y));
  // INT64_MIN / -1 does not fit (and traps): the double path handles it.
  bool exactDivision = ints && !(*ai == INT64_MIN && *bi == -1);
  if (fn == "div") {
    need(y != 0, "division by zero");
    return exactDivision ? Value(*ai / *bi) : Value(std::trunc(x / y));
  }
  if (fn == "rem") {
    need(y != 0, "division by zero");
    return exactDivision ? Value(*ai % *bi) : Value(std::fmod(x, y));
  }
  if (fn == "pow") {
    double p = std::pow(x, y);
    if (ints && *bi >= 0 && std::fabs(p) < 9007199254740992.0) return Value(static_cast<int64_t>(p));
    return Value(p);
  }
  if (fn == "log") return Value(std::log(y) / std::log(x));
  return Value(nullptr);
}

bool contains(const Array &array, const Value &v) {
  std::string key = canonicalText(v);
  for (const Value &w : array)
    if (canonicalText(w) == key) return true;
  return false;
}

// One function per oracle service; each answers as run.mjs's `builtin` does, including which
// argument checks come before the "no such function" answer (nullopt).
using Answer = std::optional<Value> (*)(BuiltinContext &, const ServiceCall &);

std::optional<Value> getDataSrv(BuiltinContext &ctx, const ServiceCall &call) {
  const std::string &fn = call.function;
  if (fn == "-relay-") return Value(ctx.relayId);
  const Value *v = ctx.args ? ctx.args->get(fn) : nullptr;
  need(v != nullptr, "getDataSrv: no argument " + fn);
  return *v;
}

std::optional<Value> callbackSrv(BuiltinContext &ctx, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn == "response") ctx.responses.push_back(Value(Array(args)));
  return Value(Object{});
}

std::optional<Value> errorHandlingSrv(BuiltinContext &ctx, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn != "error") return std::nullopt;
  ctx.errors.push_back(Object{{"kind", "errorHandlingSrv"}, {"peer", call.peer}, {"args", Array(args)}});
  return Value(Object{});
}

std::optional<Value> runConsole(BuiltinContext &ctx, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn != "print") return std::nullopt;
  ctx.console.push_back(Array(args));
  return Value(Object{});
}

std::optional<Value> op(BuiltinContext &, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn == "noop") return Value(Object{});
  if (fn == "identity") {
    need(args.size() <= 1, "identity accepts up to 1 argument");
    return args.empty() ? Value(Object{}) : args[0];
  }
  if (fn == "array") return Value(Array(args));
  if (fn == "array_length") {
    need(args.size() == 1 && args[0].getAsArray(), "array_length expects an array");
    return Value(static_cast<int64_t>(args[0].getAsArray()->size()));
  }
  if (fn == "concat") {
    Array out;
    for (const Value &a : args) {
      need(a.getAsArray() != nullptr, "concat expects arrays");
      for (const Value &item : *a.getAsArray()) out.push_back(item);
    }
    return Value(std::move(out));
  }
  if (fn == "concat_strings") {
    std::string out;
    for (const Value &a : args) {
      need(a.getAsString().hasValue(), "concat_strings expects strings");
      out += a.getAsString()->str();
    }
    return Value(out);
  }
  return std::nullopt;
}

std::optional<Value> peer(BuiltinContext &ctx, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn == "identify")
    return Value(Object{{"external_addresses", Array{}}, {"node_version", "oracle"},
                        {"air_version", "avm-0.62.0"}, {"spell_version", ""}, {"allowed_binaries", Array{}}});
  if (fn == "timestamp_ms") return Value(static_cast<int64_t>(ctx.timestamp));
  if (fn == "timestamp_sec") return Value(static_cast<int64_t>(ctx.timestamp / 1000));
  if (fn == "is_connected") return Value(true);
  if (fn == "timeout") {
    need(args.size() == 2 && isNumber(args[0]), "timeout expects [ms, message]");
    return args[1];
  }
  return std::nullopt;
}

std::optional<Value> math(BuiltinContext &, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  static const char *known[] = {"add", "sub", "mul", "fmul", "div", "rem", "pow", "log"};
  bool isKnown = false;
  for (const char *k : known) isKnown = isKnown || fn == k;
  need(args.size() == 2 && isNumber(args[0]) && isNumber(args[1]), "math." + fn + " expects 2 numbers");
  if (!isKnown) return std::nullopt;
  return arithmetic(fn, args[0], args[1]);
}

std::optional<Value> cmp(BuiltinContext &, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  need(args.size() == 2 && isNumber(args[0]) && isNumber(args[1]), "cmp." + fn + " expects 2 numbers");
  double x = *args[0].getAsNumber(), y = *args[1].getAsNumber();
  if (fn == "gt") return Value(x > y);
  if (fn == "gte") return Value(x >= y);
  if (fn == "lt") return Value(x < y);
  if (fn == "lte") return Value(x <= y);
  if (fn == "cmp") return Value(static_cast<int64_t>(x == y ? 0 : x > y ? 1 : -1));
  return std::nullopt;
}

std::optional<Value> array(BuiltinContext &, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  need(!args.empty() && args[0].getAsArray(), "array." + fn + " expects an array");
  const Array &xs = *args[0].getAsArray();
  static const Array kEmpty;
  const Array &ys = args.size() > 1 && args[1].getAsArray() ? *args[1].getAsArray() : kEmpty;
  if (fn == "sum") {
    Value total(static_cast<int64_t>(0));
    for (const Value &x : xs) {
      need(isNumber(x), "array.sum expects numbers");
      total = arithmetic("add", total, x);
    }
    return total;
  }
  Array out;
  if (fn == "dedup") {
    for (const Value &v : xs)
      if (!contains(out, v)) out.push_back(v);
    return Value(std::move(out));
  }
  if (fn == "intersect" || fn == "diff") {
    for (const Value &v : xs)
      if (contains(ys, v) == (fn == "intersect")) out.push_back(v);
    return Value(std::move(out));
  }
  if (fn == "sdiff") {
    for (const Value &v : xs)
      if (!contains(ys, v)) out.push_back(v);
    for (const Value &v : ys)
      if (!contains(xs, v)) out.push_back(v);
    return Value(std::move(out));
  }
  return std::nullopt;
}

std::optional<Value> json(BuiltinContext &, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn == "obj") {
    need(args.size() % 2 == 0, "json.obj expects key/value pairs");
    Object o;
    for (size_t i = 0; i < args.size(); i += 2) {
      need(args[i].getAsString().hasValue(), "json.obj expects string keys");
      o[args[i].getAsString()->str()] = args[i + 1];
    }
    return Value(std::move(o));
  }
  if (fn == "put" || fn == "puts") {
    need(args.size() >= 3 && args.size() % 2 == 1 && args[0].getAsObject(),
         fn == "put" ? "json.put expects [obj, key, value]" : "json.puts expects [obj, k, v, ...]");
    need(fn == "puts" || args.size() == 3, "json.put expects [obj, key, value]");
    Object o = *args[0].getAsObject();
    for (size_t i = 1; i < args.size(); i += 2) {
      need(args[i].getAsString().hasValue(), "json." + fn + " expects string keys");
      o[args[i].getAsString()->str()] = args[i + 1];
    }
    return Value(std::move(o));
  }
  if (fn == "stringify") {
    need(args.size() == 1, "json.stringify expects 1 argument");
    return Value(toJsonText(args[0]));
  }
  if (fn == "parse") {
    need(args.size() == 1 && args[0].getAsString(), "json.parse expects a string");
    Value parsed(nullptr);
    std::string error;
    need(parseJson(*args[0].getAsString(), parsed, error), error);
    return parsed;
  }
  return std::nullopt;
}

std::optional<Value> debug(BuiltinContext &, const ServiceCall &call) {
  const std::string &fn = call.function;
  const Array &args = call.args;
  if (fn != "stringify") return std::nullopt;
  if (args.empty()) return Value(toJsonText(Value("<empty argument list>")));
  return Value(toJsonText(args.size() == 1 ? args[0] : Value(Array(args))));
}

const std::pair<const char *, Answer> kOracleServices[] = {
    {"getDataSrv", getDataSrv}, {"callbackSrv", callbackSrv}, {"errorHandlingSrv", errorHandlingSrv},
    {"run-console", runConsole}, {"op", op}, {"peer", peer}, {"math", math}, {"cmp", cmp},
    {"array", array}, {"json", json}, {"debug", debug}};

} // namespace

std::string canonicalText(const Value &value) { return toJsonText(value, 0); }

std::optional<Value> callBuiltin(BuiltinContext &ctx, const ServiceCall &call) {
  if (ctx.local)
    if (auto value = callLocalBuiltin(ctx, call)) return value;
  for (const auto &[service, answer] : kOracleServices)
    if (call.service == service) return answer(ctx, call);
  return std::nullopt;
}

} // namespace air::net
