// AIR text -> air::Script, with AquaVM's grammar (air-semantics.md §1) and the validation its
// parser performs (§1.3). Never throws and never recurses per nesting level: any input, however
// deep or malformed, ends in a Script or in errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "air/ast.h"

namespace air {

struct ParseError {
  Span span;           // bytes of the offending token or instruction
  std::string message; // AquaVM's wording, e.g. "variable 'x' wasn't defined"
  uint32_t line = 0;   // 1-based line and column (in characters) of span.begin; set by parse()
  uint32_t column = 0;
};

struct ParseResult {
  Script script;
  std::vector<ParseError> errors;
  bool ok() const { return errors.empty(); }
};

struct ParseOptions {
  bool validate = true; // run the §1.3 validator after a successful parse
};

ParseResult parse(std::string_view text, ParseOptions options = {});

// The report AquaVM returns for ret_code 1 ("air can't be parsed:\nerror: \n  ┌─ script.air:L:C
// ..."), in codespan's layout: the first error with its source line and caret range.
std::string renderParseErrors(std::string_view text, const std::vector<ParseError> &errors);

// Fills ParseError::line/column from the spans (parse() does this already).
void locateParseErrors(std::string_view text, std::vector<ParseError> &errors);

// 1-based line and column (in characters) of a byte offset.
struct LineCol {
  uint32_t line = 1;
  uint32_t column = 1;
};
LineCol lineColOf(std::string_view text, uint32_t offset);

} // namespace air
