// sema::TypeTable types -> the lowering's raw::Type (memoised per TypeId).
#pragma once

#include "compiler/lower/raw.h"
#include "compiler/sema/types.h"

#include <unordered_map>

namespace aqua::lower {

class RawTypeConverter {
public:
  explicit RawTypeConverter(const sema::TypeTable &table) : table_(table) {}
  raw::TypePtr convert(sema::TypeId id);
  // The items of a Product type (argument lists, results).
  std::vector<raw::TypePtr> items(sema::TypeId product);
  std::vector<std::string> labels(sema::TypeId product);

private:
  const sema::TypeTable &table_;
  std::unordered_map<uint32_t, raw::TypePtr> memo_;
};

} // namespace aqua::lower
