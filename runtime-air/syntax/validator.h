// The checks AquaVM's parser runs after the grammar (air-semantics.md §1.3): definitions before
// use (textual order, not scope), `next` inside its fold, iterator misuse, `fail 0`, and no
// instruction after `next` in folds over streams.
#pragma once

#include <vector>

#include "air/ast.h"
#include "air/parser.h"

namespace air::syntax {

void validate(const Script &script, std::vector<ParseError> &errors);

} // namespace air::syntax
