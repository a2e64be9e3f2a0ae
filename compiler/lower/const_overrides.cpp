// `--const` overrides (see const_overrides.h).
#include "compiler/lower/const_overrides.h"

#include <cctype>
#include <string_view>

namespace aqua::lower {

namespace {

std::string_view trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return s;
}

// NAME: [A-Z][A-Z0-9_]*
bool isConstantName(std::string_view s) {
  if (s.empty() || !std::isupper(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s)
    if (!std::isupper(static_cast<unsigned char>(c)) && !std::isdigit(static_cast<unsigned char>(c)) && c != '_')
      return false;
  return true;
}

// -?(0|[1-9][0-9]*)(\.[0-9]+)?
bool isNumber(std::string_view s) {
  if (!s.empty() && s[0] == '-') s.remove_prefix(1);
  size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  if (digits == 0 || (digits > 1 && s[0] == '0')) return false;
  s.remove_prefix(digits);
  if (s.empty()) return true;
  if (s[0] != '.' || s.size() < 2) return false;
  for (char c : s.substr(1))
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

} // namespace

// Hand-written rather than std::regex: building the regexes cost a quarter of a small compile.
std::string applyConstOverrides(raw::Module &module, const std::vector<std::string> &entries) {
  for (const auto &entry : entries) {
    size_t eq = entry.find('=');
    std::string_view name = eq == std::string::npos ? std::string_view{} : trim(std::string_view(entry).substr(0, eq));
    if (!isConstantName(name)) return "Invalid constant definition '" + entry + "'.";
    std::string value(trim(std::string_view(entry).substr(eq + 1)));
    bool ok = value == "true" || value == "false" || isNumber(value) ||
              (value.size() >= 2 && value.front() == '"' && value.back() == '"');
    if (!ok) return "Invalid constant definition '" + entry + "'.";
    auto lit = std::make_shared<raw::Value>();
    lit->kind = raw::Value::Kind::Literal;
    lit->text = value;
    module.constants[std::string(name)] = lit;
  }
  return "";
}

} // namespace aqua::lower
