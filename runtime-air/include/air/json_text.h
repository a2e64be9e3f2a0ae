// JSON text the way JavaScript's JSON.stringify writes it: shortest round-trip numbers
// (integral doubles without ".0"), sorted object keys, optional 2-space indentation. The oracle
// (run.mjs) prints its results like this, and so do `aquac run` and the harness.
#pragma once

#include <string>
#include <string_view>

#include "llvm/Support/JSON.h"

namespace air {

// `indent` = 0: compact; otherwise pretty with that many spaces per level.
std::string toJsonText(const llvm::json::Value &value, unsigned indent = 0);
// Appends `s` as a JSON string literal (quotes and escapes), as JSON.stringify writes it.
void appendJsonString(std::string &out, std::string_view s);
// JSON text of a number as JavaScript prints it.
std::string jsNumberText(double value);

// Parses JSON text; on failure returns false and sets `error` to a readable message with the
// position.
bool parseJson(std::string_view text, llvm::json::Value &out, std::string &error);

// Structural equality with JavaScript's number model (1 and 1.0 are equal).
bool jsonEquals(const llvm::json::Value &a, const llvm::json::Value &b);

} // namespace air
