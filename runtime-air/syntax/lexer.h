// AIR tokens (air-semantics.md §1.1): punctuation, string literals and "bare" tokens, which the
// parser classifies into keywords, special values, numbers and variables with lambdas.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "air/ast.h"
#include "air/parser.h"

namespace air::syntax {

enum class TokenKind : uint8_t { LParen, RParen, LBracket, RBracket, String, Bare, End };

struct Token {
  TokenKind kind = TokenKind::End;
  Span span;
  std::string_view text; // string contents without quotes, or the bare token
};

// Splits the whole text; stops at the first lexical error (appended to `errors`).
std::vector<Token> tokenize(std::string_view text, std::vector<ParseError> &errors);

// A bare token classified as an operand. `error` is set when the token cannot be a value.
struct ClassifiedValue {
  Value value;
  Lambda lambda;
  bool hasLambda = false;
  std::string error;
  Span errorSpan;
};
ClassifiedValue classifyBare(const Token &token);

bool isInstructionKeyword(std::string_view word);

} // namespace air::syntax
