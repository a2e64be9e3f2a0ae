#include "compiler/sema/types.h"

#include <algorithm>

namespace aqua::sema {

namespace {

constexpr std::string_view kScalarNames[] = {"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64",
                                            "f32", "f64", "bool", "string"};
constexpr std::string_view kLiteralNames[] = {"unsigned literal", "signed literal", "float literal",
                                             "bool literal", "string literal"};

bool isIntScalar(Scalar s) { return s <= Scalar::I64; }

// The scalar order of §3.2 (reflexive, transitive).
bool scalarSubtype(Scalar a, Scalar b) {
  if (a == b) return true;
  auto rank = [](Scalar s) { return static_cast<int>(s); };
  bool aUnsigned = a >= Scalar::U8 && a <= Scalar::U64;
  bool aSigned = a >= Scalar::I8 && a <= Scalar::I64;
  bool bUnsigned = b >= Scalar::U8 && b <= Scalar::U64;
  bool bSigned = b >= Scalar::I8 && b <= Scalar::I64;
  if (aUnsigned && bUnsigned) return rank(a) < rank(b);
  if (aSigned && bSigned) return rank(a) < rank(b);
  // unsigned fits the next wider signed: u8 <: i16, u16 <: i32, u32 <: i64
  if (aUnsigned && bSigned) return rank(b) - rank(Scalar::I8) > rank(a) - rank(Scalar::U8);
  if (b == Scalar::F32) return a == Scalar::I8 || a == Scalar::I16 || a == Scalar::U8 || a == Scalar::U16;
  if (b == Scalar::F64)
    return a == Scalar::F32 || a == Scalar::I8 || a == Scalar::I16 || a == Scalar::U8 || a == Scalar::U16 ||
           a == Scalar::I32 || a == Scalar::U32;
  return false;
}

// The scalars a literal kind stands for.
std::vector<Scalar> members(LiteralKind k) {
  switch (k) {
  case LiteralKind::Unsigned:
    return {Scalar::U8, Scalar::U16, Scalar::U32, Scalar::U64, Scalar::I8, Scalar::I16, Scalar::I32, Scalar::I64};
  case LiteralKind::Signed: return {Scalar::I8, Scalar::I16, Scalar::I32, Scalar::I64};
  case LiteralKind::Float: return {Scalar::F32, Scalar::F64};
  case LiteralKind::Bool: return {Scalar::Bool};
  case LiteralKind::String: return {Scalar::String};
  }
  return {};
}

} // namespace

std::string_view TypeTable::scalarName(Scalar s) { return kScalarNames[static_cast<size_t>(s)]; }

bool TypeTable::parseScalar(std::string_view name, Scalar &out) {
  for (size_t i = 0; i < std::size(kScalarNames); ++i)
    if (kScalarNames[i] == name) {
      out = static_cast<Scalar>(i);
      return true;
    }
  return false;
}

TypeTable::TypeTable() {
  types_.push_back(Type{}); // 0: invalid
  types_.push_back(Type{}); // 1: the error type
  Type t;
  t.kind = TypeKind::Top;
  top_ = intern(t, "top");
  t.kind = TypeKind::Bottom;
  bottom_ = intern(t, "bottom");
  for (size_t i = 0; i < 12; ++i) {
    Type s;
    s.kind = TypeKind::Scalar;
    s.scalar = static_cast<Scalar>(i);
    scalars_[i] = intern(s, "s" + std::to_string(i));
  }
  for (size_t i = 0; i < 5; ++i) {
    Type l;
    l.kind = TypeKind::Literal;
    l.literal = static_cast<LiteralKind>(i);
    literals_[i] = intern(l, "l" + std::to_string(i));
  }
}

TypeId TypeTable::intern(Type type, std::string key) {
  auto it = interned_.find(key);
  if (it != interned_.end()) return it->second;
  TypeId id = add(std::move(type));
  interned_.emplace(std::move(key), id);
  return id;
}

TypeId TypeTable::add(Type type) {
  types_.push_back(std::move(type));
  return TypeId{static_cast<uint32_t>(types_.size() - 1)};
}

#define AQUA_COLLECTION(fn, Kind, tag)                                   \
  TypeId TypeTable::fn(TypeId element) {                                 \
    Type t;                                                              \
    t.kind = TypeKind::Kind;                                             \
    t.element = element;                                                 \
    return intern(std::move(t), tag + std::to_string(element.index));   \
  }
AQUA_COLLECTION(array, Array, "a")
AQUA_COLLECTION(option, Option, "o")
AQUA_COLLECTION(stream, Stream, "s*")
AQUA_COLLECTION(streamMap, StreamMap, "m")
AQUA_COLLECTION(canon, Canon, "c")
#undef AQUA_COLLECTION

TypeId TypeTable::product(std::vector<Field> items) {
  std::string key = "p";
  for (const Field &f : items) key += "," + f.name + ":" + std::to_string(f.type.index);
  Type t;
  t.kind = TypeKind::Product;
  t.fields = std::move(items);
  return intern(std::move(t), key);
}

TypeId TypeTable::arrow(std::vector<TypeId> abilities, TypeId domain, TypeId codomain) {
  std::string key = "f" + std::to_string(domain.index) + ">" + std::to_string(codomain.index);
  for (TypeId a : abilities) key += "{" + std::to_string(a.index);
  Type t;
  t.kind = TypeKind::Arrow;
  t.abilities = std::move(abilities);
  t.domain = domain;
  t.codomain = codomain;
  return intern(std::move(t), key);
}

bool TypeTable::isSubtype(TypeId subId, TypeId superId) const {
  if (subId == superId) return true;
  const Type &sub = (*this)[subId];
  const Type &super = (*this)[superId];
  if (sub.kind == TypeKind::Error || super.kind == TypeKind::Error) return true;
  if (super.kind == TypeKind::Top) return sub.kind != TypeKind::Arrow && sub.kind != TypeKind::Service;
  if (sub.kind == TypeKind::Bottom) return true;
  switch (super.kind) {
  case TypeKind::Scalar:
    if (sub.kind == TypeKind::Scalar) return scalarSubtype(sub.scalar, super.scalar);
    if (sub.kind == TypeKind::Literal) {
      for (Scalar m : members(sub.literal))
        if (scalarSubtype(m, super.scalar)) return true;
    }
    return false;
  case TypeKind::Literal: {
    std::vector<Scalar> superMembers = members(super.literal);
    auto has = [&](Scalar s) { return std::find(superMembers.begin(), superMembers.end(), s) != superMembers.end(); };
    if (sub.kind == TypeKind::Scalar) return has(sub.scalar);
    if (sub.kind == TypeKind::Literal) {
      for (Scalar m : members(sub.literal))
        if (!has(m)) return false;
      return true;
    }
    return false;
  }
  case TypeKind::Array:
    if (sub.kind == TypeKind::Array || sub.kind == TypeKind::Option || sub.kind == TypeKind::Stream ||
        sub.kind == TypeKind::Canon)
      return isSubtype(sub.element, super.element);
    return false;
  case TypeKind::Option:
    if (sub.kind == TypeKind::Array || sub.kind == TypeKind::Option || sub.kind == TypeKind::Stream ||
        sub.kind == TypeKind::Canon)
      return isSubtype(sub.element, super.element);
    return false;
  case TypeKind::Canon:
    if (sub.kind == TypeKind::Canon || sub.kind == TypeKind::Stream) return isSubtype(sub.element, super.element);
    return false;
  case TypeKind::Stream:
  case TypeKind::StreamMap: return sub.kind == super.kind && isSubtype(sub.element, super.element);
  case TypeKind::Struct:
  case TypeKind::Ability:
  case TypeKind::Service:
    if (sub.kind != TypeKind::Struct && sub.kind != TypeKind::Ability && sub.kind != TypeKind::Service) return false;
    if ((sub.kind == TypeKind::Struct) != (super.kind == TypeKind::Struct)) return false;
    for (const Field &want : super.fields) {
      auto it = std::find_if(sub.fields.begin(), sub.fields.end(), [&](const Field &f) { return f.name == want.name; });
      if (it == sub.fields.end() || !isSubtype(it->type, want.type)) return false;
    }
    return true;
  case TypeKind::Arrow:
    if (sub.kind != TypeKind::Arrow) return false;
    return isSubtype(super.domain, sub.domain) && isSubtype(sub.codomain, super.codomain);
  case TypeKind::Product: {
    if (sub.kind != TypeKind::Product || sub.fields.size() < super.fields.size()) return false;
    for (size_t i = 0; i < super.fields.size(); ++i)
      if (!isSubtype(sub.fields[i].type, super.fields[i].type)) return false;
    return true;
  }
  default: return false;
  }
}

bool TypeTable::isData(TypeId id) const {
  switch ((*this)[id].kind) {
  case TypeKind::Error:
  case TypeKind::Scalar:
  case TypeKind::Literal:
  case TypeKind::Top:
  case TypeKind::Bottom:
  case TypeKind::Struct: return true;
  case TypeKind::Array:
  case TypeKind::Option:
  case TypeKind::Canon: return isData((*this)[id].element);
  default: return false;
  }
}

bool TypeTable::isInteger(TypeId id) const {
  const Type &t = (*this)[id];
  if (t.kind == TypeKind::Error || t.kind == TypeKind::Bottom) return true;
  if (t.kind == TypeKind::Scalar) return isIntScalar(t.scalar);
  return t.kind == TypeKind::Literal && (t.literal == LiteralKind::Unsigned || t.literal == LiteralKind::Signed);
}

bool TypeTable::isFloat(TypeId id) const {
  const Type &t = (*this)[id];
  if (t.kind == TypeKind::Scalar) return t.scalar == Scalar::F32 || t.scalar == Scalar::F64;
  return t.kind == TypeKind::Literal && t.literal == LiteralKind::Float;
}

bool TypeTable::isUnsigned(TypeId id) const {
  const Type &t = (*this)[id];
  if (t.kind == TypeKind::Scalar) return t.scalar >= Scalar::U8 && t.scalar <= Scalar::U64;
  return t.kind == TypeKind::Literal && t.literal == LiteralKind::Unsigned;
}

TypeId TypeTable::join(TypeId a, TypeId b) {
  if (isSubtype(a, b)) return b;
  if (isSubtype(b, a)) return a;
  const Type &ta = (*this)[a];
  const Type &tb = (*this)[b];
  if (ta.kind == tb.kind && (ta.kind == TypeKind::Array || ta.kind == TypeKind::Option)) {
    TypeId element = join(ta.element, tb.element);
    return ta.kind == TypeKind::Array ? array(element) : option(element);
  }
  if (isInteger(a) && isInteger(b)) return scalar(Scalar::I64);
  return top_;
}

TypeId TypeTable::arithmeticResult(TypeId a, TypeId b) {
  if (isSubtype(a, b)) return (*this)[b].kind == TypeKind::Literal && (*this)[a].kind == TypeKind::Scalar ? a : b;
  if (isSubtype(b, a)) return (*this)[a].kind == TypeKind::Literal && (*this)[b].kind == TypeKind::Scalar ? b : a;
  return TypeId{};
}

std::string TypeTable::print(TypeId id) const {
  if (!id.valid()) return "?";
  const Type &t = (*this)[id];
  switch (t.kind) {
  case TypeKind::Error: return "<error>";
  case TypeKind::Scalar: return std::string(scalarName(t.scalar));
  case TypeKind::Literal: return std::string(kLiteralNames[static_cast<size_t>(t.literal)]);
  case TypeKind::Top: return "⊤";
  case TypeKind::Bottom: return "⊥";
  case TypeKind::Array: return "[]" + print(t.element);
  case TypeKind::Option: return "?" + print(t.element);
  case TypeKind::Stream: return "*" + print(t.element);
  case TypeKind::StreamMap: return "%" + print(t.element);
  case TypeKind::Canon: return "#" + print(t.element);
  case TypeKind::Struct:
  case TypeKind::Ability:
  case TypeKind::Service: return t.name;
  case TypeKind::Product: {
    std::string out;
    for (size_t i = 0; i < t.fields.size(); ++i) {
      if (i) out += ", ";
      if (!t.fields[i].name.empty()) out += t.fields[i].name + ": ";
      out += print(t.fields[i].type);
    }
    return out;
  }
  case TypeKind::Arrow: {
    std::string out;
    if (!t.abilities.empty()) {
      out += "{";
      for (size_t i = 0; i < t.abilities.size(); ++i) out += (i ? ", " : "") + print(t.abilities[i]);
      out += "} ";
    }
    std::string domain = print(t.domain);
    out += domain.empty() ? "" : "(" + domain + ") ";
    std::string codomain = print(t.codomain);
    return out + "-> " + (codomain.empty() ? "()" : codomain);
  }
  }
  return "?";
}

} // namespace aqua::sema
