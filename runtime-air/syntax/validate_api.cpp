// air::validate: the public entry points of validator.h over parse().
#include "air/validator.h"

#include "air/printer.h"

namespace air {

std::vector<ParseError> validate(std::string_view text) { return parse(text).errors; }

std::vector<ParseError> validate(const Script &script) {
  if (!script.root.valid()) return {ParseError{Span{0, 0}, "expected \"(\"", 1, 1}};
  return parse(print(script)).errors;
}

} // namespace air
