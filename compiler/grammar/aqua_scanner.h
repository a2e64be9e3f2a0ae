// The Aqua lexer, written by hand. AquaLexer.g4 stays the specification (and gives the token
// types); this scanner produces the same tokens as the generated AquaLexer — type, channel,
// start/stop code-point indices, line, column — without ANTLR's lexer ATN, whose cold start
// costs more than the rest of a small compile's lexing (tests/unit/grammar compares the two).
#pragma once

#include <memory>
#include <string>

#include "AquaLexer.h" // token type constants only
#include "CommonTokenFactory.h"
#include "TokenSource.h"

namespace aqua::grammar {

class AquaScanner : public antlr4::TokenSource {
public:
  explicit AquaScanner(antlr4::CharStream *input);

  // The next raw token: keywords, operators, literals, names, COMMENT and WS (hidden channel),
  // NL (a line break with the next line's indentation), ERROR_CHAR (one character the grammar
  // has no token for), then EOF forever.
  std::unique_ptr<antlr4::Token> nextToken() override;

  size_t getLine() const override { return line_; }
  size_t getCharPositionInLine() override { return column_; }
  antlr4::CharStream *getInputStream() override { return input_; }
  std::string getSourceName() override { return input_->getSourceName(); }
  antlr4::TokenFactory<antlr4::CommonToken> *getTokenFactory() override { return antlr4::CommonTokenFactory::DEFAULT.get(); }

  // The code point `ahead` positions after the next unread one (EOF past the end).
  size_t peek(size_t ahead = 0) const { return pos_ + ahead < size_ ? data_[pos_ + ahead] : antlr4::Token::EOF; }
  // Accepted for compatibility with code written for an ANTLR lexer; the scanner reports nothing.
  void removeErrorListeners() {}

private:
  // Length of the token at pos_ and its type.
  size_t scanLength(size_t &type) const;
  void advance(size_t n);

  antlr4::CharStream *input_;
  std::u32string copy_; // only when the input is not an ANTLRInputStream
  const char32_t *data_ = nullptr;
  size_t size_ = 0;
  size_t pos_ = 0;
  size_t line_ = 1;
  size_t column_ = 0;
};

} // namespace aqua::grammar
