// The lowering's intermediate model of one function body: raw operations close to AIR, but with
// topology still abstract (`On` blocks; calls and canons without a peer run on "the current
// peer"). lower_* builds it from checked Aqua, topology.cpp resolves peers and hops, emit_air.cpp
// turns the result into an air::Script.
#pragma once

#include "air/ast.h"

#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace aqua::lower {

// An AIR operand.
struct Val {
  enum class Kind { InitPeer, Ttl, Timestamp, Error, LastError, String, Int, Float, Bool, EmptyArray, Var };
  Kind kind = Kind::Var;
  std::string text;                  // variable name with sigil; literal text (strings unquoted)
  std::vector<air::Accessor> path;   // `.$.a.[0]` lambda
  bool isLength = false;             // `.length` lambda

  static Val var(std::string name) { return Val{Kind::Var, std::move(name), {}, false}; }
  static Val str(std::string s) { return Val{Kind::String, std::move(s), {}, false}; }
  static Val num(std::string s) { return Val{Kind::Int, std::move(s), {}, false}; }
  static Val flt(std::string s) { return Val{Kind::Float, std::move(s), {}, false}; }
  static Val boolean(bool b) { return Val{Kind::Bool, b ? "true" : "false", {}, false}; }
  static Val initPeer() { return Val{Kind::InitPeer, "%init_peer_id%", {}, false}; }
  static Val error() { return Val{Kind::Error, ":error:", {}, false}; }
  static Val emptyArray() { return Val{Kind::EmptyArray, "[]", {}, false}; }

  bool isVar() const { return kind == Kind::Var; }
  bool isLiteral() const {
    return kind == Kind::String || kind == Kind::Int || kind == Kind::Float || kind == Kind::Bool;
  }
  bool hasLambda() const { return !path.empty() || isLength; }
  Val field(const std::string &name) const;
  Val index(uint32_t i) const;
  Val indexBy(const std::string &var) const;
  bool operator==(const Val &o) const;
  std::string debugText() const; // AIR spelling, for diagnostics and tests
};

enum class OpKind {
  Seq, Par, Xor,                 // n-ary; printed left-nested
  Null, Never,
  Call,                          // peer (optional: current), service, function, args, result
  Ap,                            // a -> b
  ApMap,                         // (a b) -> c
  Canon,                         // peer (optional), a = source, b = target
  New,                           // a = name, body
  Fold,                          // a = iterable, b = iterator, body, optional last
  Next,                          // a = iterator
  Match, Mismatch,               // a b, body
  Fail,                          // a (:error:, scalar) or a = code, b = message
  On,                            // peer a, vias, body; see topology.cpp
};

struct Op;
using OpPtr = std::shared_ptr<Op>;

struct Op {
  OpKind kind = OpKind::Null;
  std::vector<OpPtr> children;   // Seq/Par/Xor: all; New/Match/Mismatch/On: [body]; Fold: [body, last?]
  std::optional<Val> peer;       // Call, Canon
  Val service;
  std::string function;
  std::vector<Val> args;
  std::optional<Val> result;
  Val a, b, c;
  // On only.
  std::vector<Val> vias;
  std::vector<bool> viaIsCollection; // a via over an array/option is walked with a fold
  bool noExit = false;               // `co on`: nothing waits for the block, no way back
  bool parseqBranch = false;
  bool noErrorWrap = false;          // a closure's captured topology: hops but no xor/fail         // `parseq ... on`: exits like a seq branch, not a par one
};

// Builders.
OpPtr makeSeq(std::vector<OpPtr> items);   // flattens nested Seq, drops nothing; 1 item -> itself
OpPtr makePar(OpPtr l, OpPtr r);
OpPtr makeXor(OpPtr l, OpPtr r);
OpPtr makeNull();
OpPtr makeNever();
OpPtr makeCall(std::optional<Val> peer, Val service, std::string function, std::vector<Val> args,
               std::optional<Val> result);
OpPtr makeAp(Val from, Val to);
OpPtr makeApMap(Val key, Val value, Val map);
OpPtr makeCanon(std::optional<Val> peer, Val source, Val target);
OpPtr makeNew(Val name, OpPtr body);
OpPtr makeFold(Val iterable, Val iterator, OpPtr body, OpPtr last);
OpPtr makeNext(Val iterator);
OpPtr makeMatch(bool equal, Val l, Val r, OpPtr body);
OpPtr makeFail(Val error);
OpPtr makeOn(Val peer, std::vector<Val> vias, std::vector<bool> viaIsCollection, OpPtr body);

} // namespace aqua::lower
