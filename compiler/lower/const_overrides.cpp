// `--const` overrides (see const_overrides.h).
#include "compiler/lower/const_overrides.h"

#include <regex>

namespace aqua::lower {

std::string applyConstOverrides(raw::Module &module, const std::vector<std::string> &entries) {
  static const std::regex form(R"(^\s*([A-Z][A-Z0-9_]*)\s*=\s*(.*?)\s*$)");
  static const std::regex number(R"(^-?(0|[1-9][0-9]*)(\.[0-9]+)?$)");
  for (const auto &entry : entries) {
    std::smatch m;
    if (!std::regex_match(entry, m, form)) return "Invalid constant definition '" + entry + "'.";
    std::string value = m[2];
    bool ok = value == "true" || value == "false" || std::regex_match(value, number) ||
              (value.size() >= 2 && value.front() == '"' && value.back() == '"');
    if (!ok) return "Invalid constant definition '" + entry + "'.";
    auto lit = std::make_shared<raw::Value>();
    lit->kind = raw::Value::Kind::Literal;
    lit->text = value;
    module.constants[m[1]] = lit;
  }
  return "";
}

} // namespace aqua::lower
