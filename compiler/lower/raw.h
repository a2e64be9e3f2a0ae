// The lowering's input: checked Aqua as a small "raw" tree (the reference's RawTag/ValueRaw
// level). ast_to_raw.cpp fills it from the AST and the semantic model; everything after it
// (inlining, topology, AIR) only sees this. Names are already resolved: a RawValue::Var names a
// local, an argument or a constant; calls name their target kind.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace aqua::lower::raw {

struct Type;
using TypePtr = std::shared_ptr<const Type>;

struct Type {
  enum class Kind { Scalar, Array, Option, Stream, Struct, Ability, Service, Arrow, Top, Bottom };
  Kind kind = Kind::Scalar;
  std::string name;                                   // scalar name (u32, string, ...), struct name
  TypePtr elem;                                       // Array/Option/Stream
  std::vector<std::pair<std::string, TypePtr>> fields; // Struct/Ability/Service (declaration order)
  std::vector<std::string> argNames;                  // Arrow (may be empty)
  std::vector<TypePtr> domain, codomain;              // Arrow
  std::string defaultServiceId;                       // Service
  bool hasDefaultServiceId = false;
  // A literal's type is a set of scalars (`5` fits any number type); `name` is then the scalar
  // the lowering uses for it (u32, i64, f64).
  enum class Literal : uint8_t { None, Unsigned, Signed, Float } literal = Literal::None;

  bool isFloat() const { return kind == Kind::Scalar && (name == "f32" || name == "f64"); }
};

struct Func;
struct Stmt;
struct Value;
using ValuePtr = std::shared_ptr<const Value>;
using StmtPtr = std::shared_ptr<const Stmt>;
using FuncPtr = std::shared_ptr<const Func>;

struct Value {
  enum class Kind {
    Literal,     // text: AIR spelling ("\"s\"", "1", "-2", "1.5", "true")
    Var,         // name: local/argument/closure/ability/service name
    InitPeer, HostPeer, Ttl, Timestamp, LastError, Nil,
    Field,       // base.field (struct field, ability field, module prefix already removed)
    Index,       // base[index]; base! is Index with literal 0
    Length,      // base.length
    Call,        // callee(args): see Call below
    Array, Option, StreamLiteral, // [..], ?[..], *[..]
    Construct,   // Struct or ability construction: typeName(fields)
    Copy,        // base.copy(fields)
    Arith,       // op in + - * / % **
    Compare,     // op in > >= < <=
    Equality,    // op in == !=
    And, Or, Not
  };
  Kind kind = Kind::Literal;
  std::string text;      // Literal text, Var name, Field name, op, Construct type name
  ValuePtr base;         // Field/Index/Length/Copy/Not, left operand of binary ops
  ValuePtr other;        // Index expression, right operand
  std::vector<ValuePtr> items;                          // collection items, call args
  std::vector<std::pair<std::string, ValuePtr>> named;  // Construct/Copy fields
  std::vector<ValuePtr> abilityArgs;                    // f{A, B}(...)
  TypePtr type;          // the checked type of the value
  // Call only: `callee` names a function, closure or arrow argument (Var), or a method of a
  // service/ability value `base.text`.
  bool isMethod = false;
};

struct Stmt {
  enum class Kind {
    Call,        // [results <-] value(Call)
    Assign,      // name = value
    Push,        // name <<- value
    DeclStream,  // name: *T
    Closure,     // name = (args) -> R: body   (func: noTopology)
    ServiceId,   // Srv value
    On,          // on peer via vias: body
    For,         // for name <- iterable [par|try|rec]: body
    Parseq,      // parseq name <- iterable on peer via vias: body
    If,          // if cond: body, else: elseBody
    Try,         // try: body; catches
    Otherwise,   // applies to the previous statement: body
    Par, Co,     // prefix of `body` (one statement)
    Join,        // join values
  };
  Kind kind = Kind::Call;
  std::vector<std::string> names;  // results of Call, Assign/Push/Decl/Closure/For/Parseq target
  ValuePtr value;                  // Call/Assign/Push/ServiceId value, If condition, For iterable
  ValuePtr peer;                   // On/Parseq
  std::vector<ValuePtr> vias;
  std::vector<StmtPtr> body;
  std::vector<StmtPtr> elseBody;
  bool hasElse = false;
  std::vector<std::pair<std::string, std::vector<StmtPtr>>> catches; // Try
  std::string forMode;             // "", "par", "try", "rec"
  FuncPtr closure;                 // Closure
  std::vector<ValuePtr> values;    // Join
  TypePtr type;                    // DeclStream element type
};

struct Func {
  std::string name;
  std::vector<std::pair<std::string, TypePtr>> abilities; // {A, B}
  std::vector<std::pair<std::string, TypePtr>> args;
  std::vector<TypePtr> results;
  std::vector<StmtPtr> body;
  std::vector<ValuePtr> returns;
  bool noTopology = false;         // `func` closures: no topology capture
};

// Everything the lowering of one file needs: its functions (imported ones included), services
// by name, constants by name (already folded to literals).
struct Module {
  std::map<std::string, FuncPtr> funcs;
  std::map<std::string, TypePtr> services;  // Type::Kind::Service
  std::map<std::string, ValuePtr> constants;
  std::vector<std::pair<std::string, std::string>> exports; // (public name, function name)
};

} // namespace aqua::lower::raw
