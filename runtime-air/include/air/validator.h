// Validation of AIR scripts with AquaVM's parse-time rules (air-semantics.md §1.3): definitions
// before use in textual order, `next` inside its fold, iterator misuse, `fail 0`, nothing after
// `next` in folds over streams.
#pragma once

#include <string_view>
#include <vector>

#include "air/ast.h"
#include "air/parser.h"

namespace air {

// The errors AquaVM's parser would report for `text` (grammar and validation); empty = valid.
std::vector<ParseError> validate(std::string_view text);
// For a built Script (e.g. the compiler's lowering, whose nodes have no spans): validates the
// script's printed text, so the spans of the errors refer to print(script).
std::vector<ParseError> validate(const Script &script);

} // namespace air
