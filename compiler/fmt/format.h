// The Aqua formatter (aquac fmt, the language server's formatting): canonical layout from the
// token stream, comments and blank-line structure kept.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace aqua::format {

struct FormatResult {
  bool ok = false;
  std::string text;
  std::string error;
  uint32_t line = 0, column = 0;
};

FormatResult formatSource(std::string_view source);

} // namespace aqua::format
