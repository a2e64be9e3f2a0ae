// Inlining (closures, abilities, arrows as arguments), structs, callbacks and stream arguments,
// checked against the reference's AIR for the same programs (aqua-language.md 5.1, 5.11, 5.12).
#include "air/printer.h"
#include "compiler/lower/emit_air.h"
#include "compiler/lower/lower_function.h"

#include <catch2/catch.hpp>

using namespace aqua::lower;
using raw::Stmt;
using raw::Type;
using raw::Value;

namespace {

std::shared_ptr<Type> ty(Type::Kind k, const std::string &name = "", raw::TypePtr elem = nullptr) {
  auto t = std::make_shared<Type>();
  t->kind = k;
  t->name = name;
  t->elem = elem;
  return t;
}
raw::TypePtr sc(const std::string &n) { return ty(Type::Kind::Scalar, n); }
raw::TypePtr arrow(std::vector<raw::TypePtr> d, std::vector<raw::TypePtr> c) {
  auto t = ty(Type::Kind::Arrow);
  t->domain = std::move(d);
  t->codomain = std::move(c);
  return t;
}
std::shared_ptr<Value> val(Value::Kind k, const std::string &text = "", raw::ValuePtr base = nullptr,
                           raw::ValuePtr other = nullptr) {
  auto v = std::make_shared<Value>();
  v->kind = k;
  v->text = text;
  v->base = base;
  v->other = other;
  return v;
}
raw::ValuePtr var(const std::string &n) { return val(Value::Kind::Var, n); }
raw::ValuePtr lit(const std::string &n) { return val(Value::Kind::Literal, n); }
std::shared_ptr<Value> call(const std::string &fn, std::vector<raw::ValuePtr> args, const std::string &recv = "") {
  auto v = val(Value::Kind::Call, fn, recv.empty() ? nullptr : var(recv));
  v->isMethod = !recv.empty();
  v->items = std::move(args);
  return v;
}
std::shared_ptr<Stmt> stmt(Stmt::Kind k, std::vector<std::string> names = {}, raw::ValuePtr value = nullptr) {
  auto s = std::make_shared<Stmt>();
  s->kind = k;
  s->names = std::move(names);
  s->value = std::move(value);
  return s;
}
raw::TypePtr service(const std::string &id, std::vector<std::pair<std::string, raw::TypePtr>> methods) {
  auto t = ty(Type::Kind::Service);
  t->defaultServiceId = id;
  t->hasDefaultServiceId = true;
  t->fields = std::move(methods);
  return t;
}
std::string lowered(const raw::Module &m, const raw::Func &f, LowerOptions o = {}) {
  return air::print(lowerToScript(m, f, o));
}
std::string compact(std::string s) {
  std::string out;
  bool space = false;
  for (char c : s) {
    if (c == ' ' || c == '\n') { space = true; continue; }
    if (space && !out.empty() && c != ')' && out.back() != '(') out += ' ';
    space = false;
    out += c;
  }
  return out;
}

} // namespace

TEST_CASE("closure and ability arrows are inlined (useAbility, norelay)") {
  raw::Module m;
  m.services["Srv"] = service("srv", {{"echo", arrow({sc("string")}, {sc("string")})}});
  auto logger = ty(Type::Kind::Ability, "Logger");
  logger->fields = {{"prefix", sc("string")}, {"log", arrow({sc("string")}, {sc("string")})}};
  auto withLogger = std::make_shared<raw::Func>();
  withLogger->abilities = {{"Logger", logger}};
  withLogger->args = {{"m", sc("string")}};
  withLogger->results = {sc("string")};
  withLogger->body = {stmt(Stmt::Kind::Call, {"x"}, call("log", {var("m")}, "Logger"))};
  withLogger->returns = {var("x")};
  m.funcs["withLogger"] = withLogger;

  auto closure = std::make_shared<raw::Func>();
  closure->args = {{"msg", sc("string")}};
  closure->results = {sc("string")};
  closure->body = {stmt(Stmt::Kind::Call, {"r"}, call("echo", {var("msg")}, "Srv"))};
  closure->returns = {var("r")};
  auto defClosure = stmt(Stmt::Kind::Closure, {"log"});
  defClosure->closure = closure;
  auto construct = val(Value::Kind::Construct, "Logger");
  construct->type = logger;
  construct->named = {{"prefix", lit("\"pfx\"")}, {"log", var("log")}};
  auto callIt = call("withLogger", {var("m")});
  callIt->abilityArgs = {var("L")};
  auto f = std::make_shared<raw::Func>();
  f->args = {{"m", sc("string")}};
  f->results = {sc("string")};
  f->body = {defClosure, stmt(Stmt::Kind::Assign, {"L"}, construct), stmt(Stmt::Kind::Call, {"res"}, callIt)};
  f->returns = {var("res")};
  CHECK(compact(lowered(m, *f, {false, false})) == compact(R"((xor
 (seq
  (seq
   (call %init_peer_id% ("getDataSrv" "m") [] -m-arg-)
   (call %init_peer_id% ("srv" "echo") [-m-arg-] ret)
  )
  (call %init_peer_id% ("callbackSrv" "response") [ret])
 )
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])
))"));
}

TEST_CASE("an arrow argument is inlined and arithmetic on literals folds (closure_passed_as_arg)") {
  raw::Module m;
  auto apply = std::make_shared<raw::Func>();
  apply->args = {{"f", arrow({sc("u32")}, {sc("u32")})}, {"v", sc("u32")}};
  apply->results = {sc("u32")};
  apply->body = {stmt(Stmt::Kind::Call, {"r"}, call("f", {var("v")}))};
  apply->returns = {var("r")};
  m.funcs["apply"] = apply;
  auto dbl = std::make_shared<raw::Func>();
  dbl->args = {{"n", sc("u32")}};
  dbl->results = {sc("u32")};
  dbl->returns = {val(Value::Kind::Arith, "*", var("n"), lit("2"))};
  auto def = stmt(Stmt::Kind::Closure, {"double"});
  def->closure = dbl;
  auto f = std::make_shared<raw::Func>();
  f->results = {sc("u32")};
  f->body = {def, stmt(Stmt::Kind::Call, {"r"}, call("apply", {var("double"), lit("21")}))};
  f->returns = {var("r")};
  CHECK(compact(lowered(m, *f)) == compact(R"((xor
 (seq
  (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
  (call %init_peer_id% ("callbackSrv" "response") [42])
 )
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])
))"));
}

TEST_CASE("struct construction, copy and field flattening (structs, norelay)") {
  raw::Module m;
  auto point = ty(Type::Kind::Struct, "Point");
  point->fields = {{"x", sc("u32")}, {"y", sc("u32")}, {"tag", ty(Type::Kind::Option, "", sc("string"))}};
  m.services["S"] = service("s", {{"pt", arrow({}, {point})}});
  auto construct = val(Value::Kind::Construct, "Point");
  construct->type = point;
  construct->named = {{"x", var("a")}, {"y", lit("2")}, {"tag", val(Value::Kind::Nil)}};
  auto copy = val(Value::Kind::Copy, "", var("p"));
  std::const_pointer_cast<Value>(copy->base)->type = point;
  copy->named = {{"y", lit("5")}};
  auto f = std::make_shared<raw::Func>();
  f->args = {{"a", sc("u32")}};
  f->results = {point, sc("u32")};
  f->body = {stmt(Stmt::Kind::Assign, {"p"}, construct), stmt(Stmt::Kind::Assign, {"q"}, copy),
             stmt(Stmt::Kind::Call, {"r"}, call("pt", {}, "S"))};
  f->returns = {var("q"), val(Value::Kind::Field, "y", var("r"))};
  CHECK(compact(lowered(m, *f, {false, false})) == compact(R"((xor
 (seq
  (seq
   (seq
    (seq
     (seq
      (call %init_peer_id% ("getDataSrv" "a") [] -a-arg-)
      (new %Point_obj_map
       (seq
        (seq
         (seq
          (ap ("tag" []) %Point_obj_map)
          (ap ("x" -a-arg-) %Point_obj_map)
         )
         (ap ("y" 2) %Point_obj_map)
        )
        (canon %init_peer_id% %Point_obj_map  Point_obj)
       )
      )
     )
     (new %Point_obj_copy_map
      (seq
       (seq
        (seq
         (ap ("tag" Point_obj.$.tag) %Point_obj_copy_map)
         (ap ("x" Point_obj.$.x) %Point_obj_copy_map)
        )
        (ap ("y" 5) %Point_obj_copy_map)
       )
       (canon %init_peer_id% %Point_obj_copy_map  Point_obj_copy)
      )
     )
    )
    (call %init_peer_id% ("s" "pt") [] ret)
   )
   (ap ret.$.y ret_flat)
  )
  (call %init_peer_id% ("callbackSrv" "response") [Point_obj_copy ret_flat])
 )
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])
))"));
}

TEST_CASE("callback arguments go through callbackSrv; stream arguments are re-pushed") {
  raw::Module m;
  auto withCb = std::make_shared<raw::Func>();
  withCb->args = {{"x", sc("string")}, {"cb", arrow({sc("string")}, {sc("string")})}};
  withCb->results = {sc("string")};
  withCb->body = {stmt(Stmt::Kind::Call, {"r"}, call("cb", {var("x")}))};
  withCb->returns = {var("r")};
  CHECK(compact(lowered(m, *withCb)) ==
        compact(R"((xor (seq (seq (seq (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-) (call %init_peer_id% ("getDataSrv" "x") [] -x-arg-)) (xor (call %init_peer_id% ("callbackSrv" "cb") [-x-arg-] init_call_res0) (fail :error:))) (call %init_peer_id% ("callbackSrv" "response") [init_call_res0])) (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))"));

  auto strm = std::make_shared<raw::Func>();
  strm->args = {{"s", ty(Type::Kind::Stream, "", sc("string"))}, {"n", sc("u32")}};
  strm->results = {ty(Type::Kind::Array, "", sc("string"))};
  strm->body = {stmt(Stmt::Kind::Push, {"s"}, lit("\"x\""))};
  strm->returns = {var("s")};
  CHECK(compact(lowered(m, *strm)) ==
        compact(R"((xor (seq (seq (seq (seq (seq (seq (seq (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-) (call %init_peer_id% ("getDataSrv" "s") [] s-iter) ) (fold s-iter s-item-0 (seq (ap s-item-0 $-s-arg-) (next s-item-0) ) (null) ) ) (call %init_peer_id% ("getDataSrv" "n") [] -n-arg-) ) (ap "x" $-s-arg-) ) (canon %init_peer_id% $-s-arg-  #-s-fix-0) ) (ap #-s-fix-0 -s-flat-0) ) (call %init_peer_id% ("callbackSrv" "response") [-s-flat-0]) ) (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0]) ))"));
}

TEST_CASE("arithmetic and boolean lowering with constant folding (arith, norelay, K = 7)") {
  raw::Module m;
  m.constants["N"] = lit("3");
  m.constants["K"] = lit("7");
  auto f = std::make_shared<raw::Func>();
  f->args = {{"a", sc("u32")}, {"b", sc("i64")}};
  f->results = {sc("i64"), sc("u32"), sc("bool")};
  auto c = val(Value::Kind::Arith, "+", var("a"), val(Value::Kind::Arith, "*", var("b"), lit("2")));
  auto d = val(Value::Kind::Arith, "+", val(Value::Kind::Arith, "*", var("N"), var("K")), lit("1"));
  auto g = val(Value::Kind::Or, "", val(Value::Kind::Compare, ">=", var("a"), lit("3")),
               val(Value::Kind::Not, "", val(Value::Kind::Equality, "==", var("b"), lit("2"))));
  f->body = {stmt(Stmt::Kind::Assign, {"c"}, c), stmt(Stmt::Kind::Assign, {"d"}, d), stmt(Stmt::Kind::Assign, {"g"}, g)};
  f->returns = {var("c"), var("d"), var("g")};
  CHECK(compact(lowered(m, *f, {false, false})) == compact(R"((xor (seq (seq (seq (seq (seq (seq
      (call %init_peer_id% ("getDataSrv" "a") [] -a-arg-)
      (call %init_peer_id% ("getDataSrv" "b") [] -b-arg-))
      (call %init_peer_id% ("math" "mul") [-b-arg- 2] mul))
     (call %init_peer_id% ("math" "add") [-a-arg- mul] add))
    (call %init_peer_id% ("cmp" "gte") [-a-arg- 3] gte))
   (xor
    (match gte true
     (ap gte or)
    )
    (seq
     (seq
      (xor
       (match -b-arg- 2
        (ap true eq)
       )
       (ap false eq)
      )
      (xor
       (match eq true
        (ap false not)
       )
       (ap true not)
      )
     )
     (ap not or)
    )
   )
  )
  (call %init_peer_id% ("callbackSrv" "response") [add 22 or]))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))"));
}

TEST_CASE("an xor before an on block walks towards it in every branch; par branches come back") {
  raw::Module m;
  m.services["G"] = service("g", {{"get", arrow({}, {sc("string")})}});
  auto get = [] { return stmt(Stmt::Kind::Call, {}, call("get", {}, "G")); };
  auto tryS = stmt(Stmt::Kind::Try);
  tryS->body = {get()};
  tryS->catches = {{"e", {get()}}};
  auto onS = stmt(Stmt::Kind::On);
  onS->peer = var("p");
  onS->body = {get()};
  auto f = std::make_shared<raw::Func>();
  f->args = {{"p", sc("string")}};
  f->body = {tryS, onS, get()};
  const std::string hop = "(new $-hop- (new #-hopc- (canon -relay- $-hop-  #-hopc-)))";
  const std::string hopInit = "(new $-hop- (new #-hopc- (canon %init_peer_id% $-hop-  #-hopc-)))";
  CHECK(compact(lowered(m, *f)) ==
        compact("(xor (seq (seq (seq (seq (call %init_peer_id% (\"getDataSrv\" \"-relay-\") [] -relay-) "
                "(call %init_peer_id% (\"getDataSrv\" \"p\") [] -p-arg-)) "
                "(xor (seq (call %init_peer_id% (\"g\" \"get\") [] ret) " + hop + ") "
                "(seq (call %init_peer_id% (\"g\" \"get\") [] ret-0) " + hop + "))) "
                "(xor (seq (seq " + hop + " (call -p-arg- (\"g\" \"get\") [] ret-1)) " + hop + ") "
                "(seq (seq " + hop + " " + hopInit + ") (fail :error:)))) "
                "(call %init_peer_id% (\"g\" \"get\") [] ret-2)) "
                "(call %init_peer_id% (\"errorHandlingSrv\" \"error\") [:error: 0]))"));

  auto q = stmt(Stmt::Kind::On);
  q->peer = var("q");
  q->body = {stmt(Stmt::Kind::Call, {"y"}, call("get", {}, "G"))};
  auto parS = stmt(Stmt::Kind::Par);
  parS->body = {q};
  auto first = stmt(Stmt::Kind::Call, {"x"}, call("get", {}, "G"));
  auto g = std::make_shared<raw::Func>();
  g->args = {{"q", sc("string")}};
  g->results = {sc("string")};
  g->body = {first, parS};
  g->returns = {var("y")};
  CHECK(compact(lowered(m, *g)) ==
        compact("(xor (seq (seq (seq (call %init_peer_id% (\"getDataSrv\" \"-relay-\") [] -relay-) "
                "(call %init_peer_id% (\"getDataSrv\" \"q\") [] -q-arg-)) "
                "(par (call %init_peer_id% (\"g\" \"get\") [] ret) "
                "(xor (seq (seq (seq " + hop + " (call -q-arg- (\"g\" \"get\") [] ret-0)) " + hop + ") " + hopInit + ") "
                "(seq (seq " + hop + " " + hopInit + ") (fail :error:))))) "
                "(call %init_peer_id% (\"callbackSrv\" \"response\") [ret-0])) "
                "(call %init_peer_id% (\"errorHandlingSrv\" \"error\") [:error: 0]))"));
}
