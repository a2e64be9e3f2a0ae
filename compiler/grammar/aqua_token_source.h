// The Aqua lexer with indentation: wraps the scanner (aqua_scanner.h) and turns line breaks into
// NEWLINE / INDENT / DEDENT (aqua-language.md §1.6). Indentation is compared as strings; line
// breaks inside brackets, after a comma or an infix operator, or before a line that starts with
// `&&`/`||` continue the line.
#pragma once

#include <deque>
#include <memory>
#include <string>
#include <vector>

#include "aqua_scanner.h"

namespace aqua::grammar {

struct IndentError {
  size_t line = 0;
  size_t column = 0;
  std::string message;
};

class AquaTokenSource : public AquaScanner {
public:
  explicit AquaTokenSource(antlr4::CharStream *input) : AquaScanner(input) {}
  std::unique_ptr<antlr4::Token> nextToken() override;

  const std::vector<IndentError> &indentErrors() const { return indentErrors_; }
  // Deepest bracket nesting seen: the parser rejects absurd depths before recursing.
  size_t maxDepth() const { return maxDepth_; }

private:
  std::unique_ptr<antlr4::Token> make(size_t type, const antlr4::Token &at, std::string text);
  void handleLineBreak(std::unique_ptr<antlr4::Token> nl);

  std::deque<std::unique_ptr<antlr4::Token>> pending_;
  std::vector<std::string> indents_{""};
  size_t depth_ = 0;
  size_t maxDepth_ = 0;
  size_t lastType_ = 0; // last default-channel token handed out
  bool atEof_ = false;
  std::vector<IndentError> indentErrors_;
};

} // namespace aqua::grammar
