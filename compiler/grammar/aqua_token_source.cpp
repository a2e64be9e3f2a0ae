#include "aqua_token_source.h"

#include "CommonToken.h"

namespace aqua::grammar {

namespace {

bool continuesLine(size_t type) {
  switch (type) {
  case AquaLexer::COMMA:
  case AquaLexer::PLUS:
  case AquaLexer::MINUS:
  case AquaLexer::SLASH:
  case AquaLexer::PERCENT:
  case AquaLexer::POW:
  case AquaLexer::AND:
  case AquaLexer::OR:
  case AquaLexer::EQ:
  case AquaLexer::NEQ:
  case AquaLexer::GT:
  case AquaLexer::GTE:
  case AquaLexer::LT:
  case AquaLexer::LTE: return true;
  default: return false;
  }
}

} // namespace

std::unique_ptr<antlr4::Token> AquaTokenSource::make(size_t type, const antlr4::Token &at, std::string text) {
  // Synthetic tokens keep a source: ANTLR's error recovery asks tokens for their token source.
  auto token = std::make_unique<antlr4::CommonToken>(
      std::pair<antlr4::TokenSource *, antlr4::CharStream *>(this, getInputStream()), type, antlr4::Token::DEFAULT_CHANNEL,
      at.getStartIndex(), at.getStartIndex());
  bool nextLine = type == AquaLexer::INDENT || type == AquaLexer::DEDENT;
  // INDENT/DEDENT belong to the line that starts the block (or leaves it), at its indentation.
  token->setLine(nextLine ? at.getLine() + 1 : at.getLine());
  token->setCharPositionInLine(nextLine ? text.size() : at.getCharPositionInLine());
  token->setText(std::move(text));
  token->setStartIndex(at.getStartIndex());
  token->setStopIndex(at.getStartIndex() == INVALID_INDEX ? INVALID_INDEX : at.getStartIndex());
  token->setTokenIndex(at.getTokenIndex());
  return token;
}

void AquaTokenSource::handleLineBreak(std::unique_ptr<antlr4::Token> nl) {
  if (depth_ > 0 || continuesLine(lastType_) || lastType_ == 0 || lastType_ == AquaLexer::NEWLINE) return;
  // Blank lines, comment-only lines and a following line that starts with && or || do not end
  // the logical line.
  size_t c1 = peek(), c2 = peek(1);
  if (c1 == '\n' || c1 == '\r' || c1 == antlr4::Token::EOF) return;
  if (c1 == '-' && c2 == '-') return;
  if ((c1 == '&' && c2 == '&') || (c1 == '|' && c2 == '|')) return;
  std::string text = nl->getText();
  size_t start = text.find_first_not_of("\r\n");
  std::string indent = start == std::string::npos ? "" : text.substr(start);
  pending_.push_back(make(AquaLexer::NEWLINE, *nl, "\n"));
  lastType_ = AquaLexer::NEWLINE;
  const std::string &top = indents_.back();
  if (indent == top) return;
  if (indent.size() > top.size() && indent.compare(0, top.size(), top) == 0) {
    indents_.push_back(indent);
    pending_.push_back(make(AquaLexer::INDENT, *nl, indent));
    return;
  }
  while (indents_.size() > 1 && indents_.back() != indent && indents_.back().compare(0, indent.size(), indent) == 0 &&
         indents_.back().size() > indent.size()) {
    indents_.pop_back();
    pending_.push_back(make(AquaLexer::DEDENT, *nl, ""));
  }
  if (indents_.back() != indent) {
    indentErrors_.push_back({nl->getLine() + 1, indent.size() + 1, "Unexpected indentation"});
    // Recover: treat the line as belonging to the innermost block.
  }
}

std::unique_ptr<antlr4::Token> AquaTokenSource::nextToken() {
  while (pending_.empty()) {
    std::unique_ptr<antlr4::Token> t = AquaScanner::nextToken();
    size_t type = t->getType();
    if (type == antlr4::Token::EOF) {
      if (!atEof_) {
        atEof_ = true;
        if (lastType_ != AquaLexer::NEWLINE && lastType_ != 0) pending_.push_back(make(AquaLexer::NEWLINE, *t, "\n"));
        while (indents_.size() > 1) {
          indents_.pop_back();
          pending_.push_back(make(AquaLexer::DEDENT, *t, ""));
        }
      }
      pending_.push_back(std::move(t));
      break;
    }
    if (type == AquaLexer::NL) {
      handleLineBreak(std::move(t));
      continue;
    }
    if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL) return t;
    switch (type) {
    case AquaLexer::LPAREN:
    case AquaLexer::LBRACKET:
    case AquaLexer::LBRACE:
      ++depth_;
      if (depth_ > maxDepth_) maxDepth_ = depth_;
      break;
    case AquaLexer::RPAREN:
    case AquaLexer::RBRACKET:
    case AquaLexer::RBRACE:
      if (depth_ > 0) --depth_;
      break;
    default: break;
    }
    lastType_ = type;
    return t;
  }
  std::unique_ptr<antlr4::Token> t = std::move(pending_.front());
  pending_.pop_front();
  return t;
}

} // namespace aqua::grammar
