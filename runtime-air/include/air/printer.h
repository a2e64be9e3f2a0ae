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
// How AquaVM names an instruction in error objects (field `instruction`): `call p ("s" "f") [a] r`,
// `fold xs i`, `fail 3 "msg"`, `match a b`, ... (air-semantics.md §1.2).
std::string displayInstruction(const Script &script, InstrId id);
inline std::string printInstructionDisplay(const Script &script, InstrId id) { return displayInstruction(script, id); }

} // namespace air
