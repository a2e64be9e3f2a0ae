// AIR text from the AST: the pretty layout of the reference compiler (one instruction per line,
// one space of indent per level, compound instructions close on their own line).
#pragma once

#include <string>

#include "air/ast.h"

namespace air {

std::string print(const Script &script);
// One instruction (and its subtree) starting at `id`.
std::string print(const Script &script, InstrId id);
// A single operand as AIR spells it (literal quoted, lambda attached).
std::string printValue(const Script &script, ValueId id);
std::string printLambda(const Lambda &lambda);

} // namespace air
