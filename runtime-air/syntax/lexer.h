// AIR tokens exactly as AquaVM 0.62's lexer produces them (air-semantics.md §1.1, §1.4): the
// bare-token state machine (numbers, sigils, lambdas), its error texts and spans, and the lambda
// sub-parser whose error texts are Rust Debug renderings of LALRPOP errors.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "air/ast.h"
#include "air/parser.h"

namespace air::syntax {

// Grammar terminals in LALRPOP's order (quoted ones first, then names in ASCII order): the order
// of "expected ..." lists. The last two are tokens no grammar rule accepts.
enum class Term : uint8_t {
  LParen, RParen, LBracket, RBracket,
  Boolean, CanonStream, CanonStreamMap, CanonStreamMapWithLambda, CanonStreamWithLambda, Error,
  ErrorWithLambda, F64, I64, InitPeerId, LastError, LastErrorWithLambda, Literal, Scalar,
  ScalarWithLambda, Stream, StreamMap, TTL, Timestamp,
  Ap, Call, Canon, Fail, Fold, Match, Mismatch, Never, New, Next, Null, Par, Seq, Xor,
  StreamWithLambda, StreamMapWithLambda,
  Count
};
using TermSet = uint64_t;
constexpr TermSet bit(Term t) { return TermSet{1} << static_cast<unsigned>(t); }
std::string_view termName(Term t);
// `expected A or B or ...` / `expected <nothing>`, in terminal order.
std::string expectedText(TermSet set);

struct Token {
  Term term = Term::LParen;
  Span span;
  Value value;           // operand terminals: kind, text, numbers (span = token span)
  Lambda lambda;         // the *WithLambda terminals
};

// Pulls tokens one at a time, like the iterator LALRPOP drives: a lexical error surfaces only
// when the parser asks for that token.
class Lexer {
public:
  explicit Lexer(std::string_view text) : text_(text) {}
  enum class Result { Token, End, Error };
  Result next(Token &token, ParseError &error);

private:
  Result bare(size_t start, Token &token, ParseError &error);
  std::string_view text_;
  size_t pos_ = 0;
};

// Parses a lambda suffix (".$.a.[0]!", ".length"); returns "" or AquaVM's error text.
std::string parseLambda(std::string_view text, Lambda &out);

} // namespace air::syntax
