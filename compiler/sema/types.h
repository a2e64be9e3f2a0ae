// Aqua's types (aqua-language.md §3): an interning table addressed by TypeId, with the
// subtyping relation of the reference compiler (§3.2) and printing in its notation.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace aqua::sema {

struct TypeId {
  uint32_t index = 0; // 0 = invalid / error type
  bool valid() const { return index != 0; }
  friend bool operator==(TypeId, TypeId) = default;
};

enum class TypeKind : uint8_t {
  Error,      // recovery: accepted everywhere, never reported twice
  Scalar,     // u8 ... f64, bool, string
  Literal,    // unsigned/signed/float/bool/string literal
  Top,        // ⊤
  Bottom,     // ⊥
  Array,      // []T
  Option,     // ?T
  Stream,     // *T
  StreamMap,  // %T
  Canon,      // a stream read as a value
  Struct,     // data
  Ability,
  Service,
  Arrow,
  Product     // argument lists / several results
};

enum class Scalar : uint8_t { U8, U16, U32, U64, I8, I16, I32, I64, F32, F64, Bool, String };
enum class LiteralKind : uint8_t { Unsigned, Signed, Float, Bool, String };

struct Field {
  std::string name;
  TypeId type;
};

struct Type {
  TypeKind kind = TypeKind::Error;
  Scalar scalar = Scalar::U8;
  LiteralKind literal = LiteralKind::Unsigned;
  TypeId element;                // Array/Option/Stream/StreamMap/Canon
  std::string name;              // Struct/Ability/Service
  std::vector<Field> fields;     // Struct/Ability/Service members, Product labels (may be empty names)
  std::vector<TypeId> abilities; // Arrow: `{A, B}` parameters
  TypeId domain, codomain;       // Arrow: Products
  std::string defaultServiceId;  // Service (text of the default id literal), empty if none
  bool hasDefaultServiceId = false;
};

class TypeTable {
public:
  TypeTable();

  TypeId error() const { return TypeId{1}; }
  TypeId top() const { return top_; }
  TypeId bottom() const { return bottom_; }
  TypeId scalar(Scalar s) const { return scalars_[static_cast<size_t>(s)]; }
  TypeId literal(LiteralKind k) const { return literals_[static_cast<size_t>(k)]; }
  TypeId boolType() const { return scalar(Scalar::Bool); }
  TypeId stringType() const { return scalar(Scalar::String); }

  TypeId array(TypeId element);
  TypeId option(TypeId element);
  TypeId stream(TypeId element);
  TypeId streamMap(TypeId element);
  TypeId canon(TypeId element);
  TypeId product(std::vector<Field> items);
  TypeId arrow(std::vector<TypeId> abilities, TypeId domain, TypeId codomain);
  // Named types are never interned: each definition is its own type.
  TypeId add(Type type);

  const Type &operator[](TypeId id) const { return types_[id.index]; }
  Type &mutableType(TypeId id) { return types_[id.index]; }

  // `sub` is accepted where `super` is expected.
  bool isSubtype(TypeId sub, TypeId super) const;
  // Data types can be values in AIR: scalars, literals, ⊤, ⊥, arrays, options, canons, structs.
  bool isData(TypeId t) const;
  bool isInteger(TypeId t) const;
  bool isFloat(TypeId t) const;
  bool isUnsigned(TypeId t) const;
  // Least upper bound for collection literals and if/else joins (⊤ when unrelated).
  TypeId join(TypeId a, TypeId b);
  // Type of `a op b` for + - * / % ** on integers (§3.4); invalid when unknown.
  TypeId arithmeticResult(TypeId a, TypeId b);

  std::string print(TypeId t) const;
  static std::string_view scalarName(Scalar s);
  static bool parseScalar(std::string_view name, Scalar &out);

private:
  TypeId intern(Type type, std::string key);
  std::vector<Type> types_;
  std::unordered_map<std::string, TypeId> interned_;
  TypeId top_, bottom_;
  TypeId scalars_[12];
  TypeId literals_[5];
};

} // namespace aqua::sema
