// Topology-heavy conformance programs rebuilt as raw trees (shared/conformance/compile/*).
#include "compiler/lower/lower_function.h"
#include "test_printer.h"

#include <catch2/catch.hpp>

using namespace aqua::lower;
using raw::Stmt;
using raw::Type;
using raw::Value;

namespace {

raw::TypePtr ty(Type::Kind k, const std::string &name = "", raw::TypePtr elem = nullptr) {
  auto t = std::make_shared<Type>();
  t->kind = k;
  t->name = name;
  t->elem = elem;
  return t;
}
raw::TypePtr str() { return ty(Type::Kind::Scalar, "string"); }

raw::ValuePtr val(Value::Kind k, const std::string &text = "", raw::ValuePtr base = nullptr,
                  raw::ValuePtr other = nullptr) {
  auto v = std::make_shared<Value>();
  v->kind = k;
  v->text = text;
  v->base = base;
  v->other = other;
  return v;
}
raw::ValuePtr var(const std::string &n) { return val(Value::Kind::Var, n); }

raw::ValuePtr method(const std::string &recv, const std::string &m, std::vector<raw::ValuePtr> args = {}) {
  auto v = std::make_shared<Value>();
  v->kind = Value::Kind::Call;
  v->isMethod = true;
  v->base = var(recv);
  v->text = m;
  v->items = std::move(args);
  return v;
}

raw::StmtPtr stmt(Stmt::Kind k, std::vector<std::string> names = {}, raw::ValuePtr value = nullptr,
                  std::vector<raw::StmtPtr> body = {}) {
  auto s = std::make_shared<Stmt>();
  s->kind = k;
  s->names = std::move(names);
  s->value = std::move(value);
  s->body = std::move(body);
  return s;
}

raw::StmtPtr on(raw::ValuePtr peer, std::vector<raw::StmtPtr> body) {
  auto s = std::make_shared<Stmt>();
  s->kind = Stmt::Kind::On;
  s->peer = std::move(peer);
  s->body = std::move(body);
  return s;
}

raw::TypePtr svcA() {
  auto getT = ty(Type::Kind::Arrow);
  std::const_pointer_cast<Type>(getT)->codomain = {ty(Type::Kind::Scalar, "u32")};
  auto t = ty(Type::Kind::Service);
  auto mt = std::const_pointer_cast<Type>(t);
  mt->defaultServiceId = "a";
  mt->hasDefaultServiceId = true;
  mt->fields = {{"get", getT}};
  return t;
}

std::string expectedOf(const char *text) {
  // The conformance texts, with the hop macro expanded.
  std::string s = text, out;
  const std::string macro = "(HOP ";
  size_t pos = 0;
  while (true) {
    size_t k = s.find(macro, pos);
    if (k == std::string::npos) break;
    out += s.substr(pos, k - pos);
    size_t end = s.find(')', k);
    std::string peer = s.substr(k + macro.size(), end - k - macro.size());
    out += "(new $-hop- (new #-hopc- (canon " + peer + " $-hop-  #-hopc-)))";
    pos = end + 1;
  }
  out += s.substr(pos);
  return lower_test::normalize(out);
}

} // namespace

TEST_CASE("join_stream_index: for par over on blocks, then a stream gate") {
  raw::Module m;
  m.services["A"] = svcA();
  auto f = std::make_shared<raw::Func>();
  f->args = {{"ps", ty(Type::Kind::Array, "", str())}};
  f->results = {ty(Type::Kind::Array, "", str())};
  auto decl = stmt(Stmt::Kind::DeclStream, {"res"});
  auto loop = stmt(Stmt::Kind::For, {"p"}, var("ps"), {on(var("p"), {stmt(Stmt::Kind::Call, {"res"}, method("A", "get"))})});
  std::const_pointer_cast<Stmt>(loop)->forMode = "par";
  auto join = stmt(Stmt::Kind::Join);
  std::const_pointer_cast<Stmt>(join)->values = {val(Value::Kind::Index, "", var("res"), val(Value::Kind::Literal, "1"))};
  f->body = {decl, loop, join};
  f->returns = {var("res")};
  CHECK(lower_test::render(lowerToScript(m, *f, {})) == expectedOf(R"((xor (new $res (seq (seq (seq (seq (seq (seq (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-) (call %init_peer_id% ("getDataSrv" "ps") [] -ps-arg-)) (par (fold -ps-arg- p-0 (par (xor (seq (seq (seq (seq (HOP -relay-) (call p-0 ("a" "get") [] ret)) (ap ret $res)) (HOP -relay-)) (HOP %init_peer_id%)) (seq (seq (HOP -relay-) (HOP %init_peer_id%)) (fail :error:))) (next p-0)) (never)) (null))) (new $res_test (seq (seq (fold $res res_fold_var (seq (seq (ap res_fold_var $res_test) (canon %init_peer_id% $res_test  #res_iter_canon)) (xor (match #res_iter_canon.length 2 (null)) (next res_fold_var))) (never)) (canon %init_peer_id% $res_test  #res_result_canon)) (ap #res_result_canon res_gate)))) (canon %init_peer_id% $res  #-res-fix-0)) (ap #-res-fix-0 -res-flat-0)) (call %init_peer_id% ("callbackSrv" "response") [-res-flat-0]))) (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))"));
}

TEST_CASE("if_inside_on: the exit hops go to the end of every completing xor branch") {
  raw::Module m;
  m.services["A"] = svcA();
  auto f = std::make_shared<raw::Func>();
  f->args = {{"p", str()}};
  f->results = {ty(Type::Kind::Array, "", ty(Type::Kind::Scalar, "u32"))};
  auto cond = val(Value::Kind::Compare, ">", var("v"), val(Value::Kind::Literal, "10"));
  auto push = stmt(Stmt::Kind::Push, {"out"}, var("v"));
  f->body = {stmt(Stmt::Kind::DeclStream, {"out"}),
             on(var("p"), {stmt(Stmt::Kind::Call, {"v"}, method("A", "get")), stmt(Stmt::Kind::If, {}, cond, {push})})};
  f->returns = {var("out")};
  CHECK(lower_test::render(lowerToScript(m, *f, {})) == expectedOf(R"((xor (new $out (seq (seq (seq (seq (seq (call %init_peer_id% ("getDataSrv" "-relay-") [] -relay-) (call %init_peer_id% ("getDataSrv" "p") [] -p-arg-)) (xor (seq (seq (seq (HOP -relay-) (call -p-arg- ("a" "get") [] ret)) (call -p-arg- ("cmp" "gt") [ret 10] gt)) (new -if-error- (xor (seq (match gt true (ap ret $out)) (HOP -relay-)) (seq (seq (ap :error: -if-error-) (xor (seq (match :error:.$.error_code 10001 (null)) (HOP -relay-)) (fail -if-error-))) (HOP -relay-))))) (seq (seq (HOP -relay-) (HOP %init_peer_id%)) (fail :error:)))) (canon %init_peer_id% $out  #-out-fix-0)) (ap #-out-fix-0 -out-flat-0)) (call %init_peer_id% ("callbackSrv" "response") [-out-flat-0]))) (call %init_peer_id% ("errorHandlingSrv" "error") [:error: 0])))"));
}
