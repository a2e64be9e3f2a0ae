// Conversion of checked types for the lowering (see sema_types_to_raw.h).
#include "compiler/lower/sema_types_to_raw.h"

namespace aqua::lower {

std::vector<raw::TypePtr> RawTypeConverter::items(sema::TypeId product) {
  std::vector<raw::TypePtr> out;
  if (!product.valid()) return out;
  const sema::Type &t = table_[product];
  if (t.kind != sema::TypeKind::Product) {
    out.push_back(convert(product));
    return out;
  }
  for (const auto &f : t.fields) out.push_back(convert(f.type));
  return out;
}

std::vector<std::string> RawTypeConverter::labels(sema::TypeId product) {
  std::vector<std::string> out;
  if (!product.valid()) return out;
  const sema::Type &t = table_[product];
  if (t.kind == sema::TypeKind::Product)
    for (const auto &f : t.fields) out.push_back(f.name);
  return out;
}

raw::TypePtr RawTypeConverter::convert(sema::TypeId id) {
  if (!id.valid()) return nullptr;
  auto found = memo_.find(id.index);
  if (found != memo_.end()) return found->second;
  auto out = std::make_shared<raw::Type>();
  memo_[id.index] = out; // before recursing: named types may refer to themselves indirectly
  const sema::Type &t = table_[id];
  using K = raw::Type::Kind;
  switch (t.kind) {
  case sema::TypeKind::Error:
  case sema::TypeKind::Top: out->kind = K::Top; break;
  case sema::TypeKind::Bottom: out->kind = K::Bottom; break;
  case sema::TypeKind::Scalar:
    out->kind = K::Scalar;
    out->name = std::string(sema::TypeTable::scalarName(t.scalar));
    break;
  case sema::TypeKind::Literal:
    out->kind = K::Scalar;
    switch (t.literal) {
    case sema::LiteralKind::Unsigned: out->name = "u64"; break;
    case sema::LiteralKind::Signed: out->name = "i64"; break;
    case sema::LiteralKind::Float: out->name = "f64"; break;
    case sema::LiteralKind::Bool: out->name = "bool"; break;
    case sema::LiteralKind::String: out->name = "string"; break;
    }
    break;
  case sema::TypeKind::Array:
  case sema::TypeKind::Canon:
    out->kind = K::Array;
    out->elem = convert(t.element);
    break;
  case sema::TypeKind::Option:
    out->kind = K::Option;
    out->elem = convert(t.element);
    break;
  case sema::TypeKind::Stream:
  case sema::TypeKind::StreamMap:
    out->kind = K::Stream;
    out->elem = convert(t.element);
    break;
  case sema::TypeKind::Struct:
  case sema::TypeKind::Ability:
  case sema::TypeKind::Service:
    out->kind = t.kind == sema::TypeKind::Struct ? K::Struct : t.kind == sema::TypeKind::Ability ? K::Ability : K::Service;
    out->name = t.name;
    out->defaultServiceId = t.defaultServiceId;
    out->hasDefaultServiceId = t.hasDefaultServiceId;
    for (const auto &f : t.fields) out->fields.emplace_back(f.name, convert(f.type));
    break;
  case sema::TypeKind::Arrow:
    out->kind = K::Arrow;
    out->domain = items(t.domain);
    out->argNames = labels(t.domain);
    out->codomain = items(t.codomain);
    break;
  case sema::TypeKind::Product: {
    // A bare product where one type is expected: its first item (or nothing).
    auto its = items(id);
    memo_[id.index] = its.empty() ? nullptr : its[0];
    return memo_[id.index];
  }
  }
  return out;
}

} // namespace aqua::lower
