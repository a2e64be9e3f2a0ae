// Raw functions built by hand, lowered end to end, compared with the reference compiler's AIR.
#include "compiler/lower/lower_function.h"
#include "test_printer.h"

#include <catch2/catch.hpp>

using namespace aqua::lower;
using raw::Stmt;
using raw::Type;
using raw::Value;

namespace {

raw::TypePtr scalar(const std::string &n) {
  auto t = std::make_shared<Type>();
  t->name = n;
  return t;
}

raw::ValuePtr var(const std::string &n, raw::TypePtr t = nullptr) {
  auto v = std::make_shared<Value>();
  v->kind = Value::Kind::Var;
  v->text = n;
  v->type = t;
  return v;
}

raw::ValuePtr lit(const std::string &text) {
  auto v = std::make_shared<Value>();
  v->kind = Value::Kind::Literal;
  v->text = text;
  return v;
}

raw::ValuePtr method(const std::string &recv, const std::string &m, std::vector<raw::ValuePtr> args) {
  auto v = std::make_shared<Value>();
  v->kind = Value::Kind::Call;
  v->isMethod = true;
  v->base = var(recv);
  v->text = m;
  v->items = std::move(args);
  return v;
}

raw::TypePtr service(const std::string &id, std::vector<std::pair<std::string, raw::TypePtr>> methods) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Service;
  t->defaultServiceId = id;
  t->hasDefaultServiceId = true;
  t->fields = std::move(methods);
  return t;
}

raw::TypePtr arrow(std::vector<raw::TypePtr> dom, std::vector<raw::TypePtr> cod) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Arrow;
  t->domain = std::move(dom);
  t->codomain = std::move(cod);
  return t;
}

raw::StmtPtr callStmt(std::vector<std::string> names, raw::ValuePtr call) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::Call;
  s->names = std::move(names);
  s->value = std::move(call);
  return s;
}

} // namespace

TEST_CASE("hello: argument, service call, response") {
  raw::Module m;
  m.services["Greet"] = service("greet", {{"greet", arrow({scalar("string")}, {scalar("string")})}});
  auto f = std::make_shared<raw::Func>();
  f->name = "hello";
  f->args = {{"name", scalar("string")}};
  f->results = {scalar("string")};
  f->body = {callStmt({"res"}, method("Greet", "greet", {var("name")}))};
  f->returns = {var("res")};
  auto text = lower_test::render(lowerToScript(m, *f, {}));
  CHECK(text == lower_test::normalize(R"((xor
 (seq (seq (seq
    (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
    (call %init_peer_id% ("getDataSrv" "name") [] -name-arg-))
   (call %init_peer_id% ("greet" "greet") [-name-arg-] ret))
  (call %init_peer_id% ("callbackSrv" "response") [ret]))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))"));
}

TEST_CASE("if/else with the error-code machinery") {
  raw::Module m;
  m.services["L"] = service("l", {{"log", arrow({scalar("string")}, {})}});
  auto f = std::make_shared<raw::Func>();
  f->args = {{"flag", scalar("bool")}};
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::If;
  s->value = var("flag");
  s->body = {callStmt({}, method("L", "log", {lit("\"yes\"")}))};
  s->hasElse = true;
  s->elseBody = {callStmt({}, method("L", "log", {lit("\"no\"")}))};
  f->body = {s};
  auto text = lower_test::render(lowerToScript(m, *f, {}));
  CHECK(text == lower_test::normalize(R"((xor
 (seq (seq
   (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-)
   (call %init_peer_id% ("getDataSrv" "flag") [] -flag-arg-))
  (new -if-else-error- (new -else-error- (new -if-error-
     (xor
      (match -flag-arg- true (call %init_peer_id% ("l" "log") ["yes"]))
      (seq (ap :error: -if-error-)
       (xor
        (match :error:.$.error_code 10001 (call %init_peer_id% ("l" "log") ["no"]))
        (seq
         (seq (ap :error: -else-error-)
          (xor (match :error:.$.error_code 10001 (ap -if-error- -if-else-error-))
           (ap -else-error- -if-else-error-)))
         (fail -if-else-error-)))))))))
 (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))"));
}
