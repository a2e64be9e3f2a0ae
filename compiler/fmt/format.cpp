// The Aqua formatter. It lays out the token stream of the indentation-aware lexer
// (AquaTokenSource): NEWLINE / INDENT / DEDENT give the block structure, so indentation is
// recomputed from it (2 spaces a level) instead of copied; spacing between tokens follows a few
// rules (operators spaced, brackets and `.` tight, prefixes attached); comments and blank lines
// (runs of them collapsed to one) are kept where they were. The result is checked: it must lex
// to the same logical token stream as the input, or nothing is returned.
#include "compiler/fmt/format.h"

#include <algorithm>
#include <memory>
#include <optional>
#include <vector>

#include "AquaLexer.h"
#include "AquaParser.h"
#include "air/large_stack.h"
#include "antlr4-runtime.h"
#include "compiler/grammar/aqua_token_source.h"
#include "llvm/Support/JSON.h"

namespace aqua::format {

namespace {

using grammar::AquaLexer;

// Limits that keep hostile input cheap (the front end has the same ones).
constexpr size_t kMaxBracketDepth = 200;
constexpr size_t kMaxTokens = 5'000'000;
constexpr size_t kMaxStatementTokens = 5000;
// Two spaces a level: the style of aqua-lib, Fluence's documentation and most Aqua code.
constexpr size_t kIndent = 2;

class FirstError : public antlr4::BaseErrorListener {
public:
  void syntaxError(antlr4::Recognizer *, antlr4::Token *, size_t line, size_t column, const std::string &msg,
                   std::exception_ptr) override {
    if (seen) return;
    seen = true;
    this->line = static_cast<uint32_t>(line);
    this->column = static_cast<uint32_t>(column + 1);
    message = msg;
    // A list of every token that could come next helps nobody (`aquac check` says it better).
    if (size_t set = message.find(" expecting {"); set != std::string::npos &&
        std::count(message.begin() + static_cast<long>(set), message.end(), ',') > 8)
      message.erase(set);
    message += " (`aquac check` explains syntax errors in detail)";
  }
  bool seen = false;
  uint32_t line = 0, column = 0;
  std::string message;
};

bool isOpener(size_t t) { return t == AquaLexer::LPAREN || t == AquaLexer::LBRACKET || t == AquaLexer::LBRACE; }
bool isCloser(size_t t) { return t == AquaLexer::RPAREN || t == AquaLexer::RBRACKET || t == AquaLexer::RBRACE; }

// One token of the logical stream, with what layout needs to know about it.
struct Tok {
  size_t type;
  std::string text;
  size_t line;        // 1-based source line
  bool tight = false; // nothing between it and the token before it in the source
};

// The logical token stream (default channel plus NEWLINE/INDENT/DEDENT) and the comments, as the
// check after formatting compares them.
struct Structure {
  std::vector<std::pair<size_t, std::string>> tokens;
  std::vector<std::string> comments;
  friend bool operator==(const Structure &, const Structure &) = default;
};

std::string trimRight(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

struct Lexed {
  std::vector<Tok> tokens; // everything AquaTokenSource hands out but whitespace, EOF excluded
  Structure structure;
  size_t maxDepth = 0;
  size_t longestStatement = 0; // tokens in the longest logical line
};

Lexed lex(const std::string &text) {
  Lexed out;
  antlr4::ANTLRInputStream input(text);
  grammar::AquaTokenSource lexer(&input);
  lexer.removeErrorListeners();
  bool afterSpace = true;
  size_t statement = 0;
  for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
    size_t type = t->getType();
    bool tight = !afterSpace;
    afterSpace = type == AquaLexer::WS;
    if (type == AquaLexer::WS) continue;
    if (type == AquaLexer::NEWLINE || type == AquaLexer::INDENT || type == AquaLexer::DEDENT) afterSpace = true;
    std::string spelled = t->getText();
    if (type == AquaLexer::COMMENT) {
      spelled = trimRight(spelled);
      out.structure.comments.push_back(spelled);
    } else {
      // INDENT's text is the indentation itself: only the structure counts.
      out.structure.tokens.emplace_back(type, type == AquaLexer::INDENT ? "" : spelled);
    }
    if (type == AquaLexer::NEWLINE) statement = 0;
    else if (type != AquaLexer::COMMENT) out.longestStatement = std::max(out.longestStatement, ++statement);
    out.tokens.push_back({type, std::move(spelled), t->getLine(), tight});
    if (out.tokens.size() > kMaxTokens) break;
  }
  out.maxDepth = lexer.maxDepth();
  return out;
}

class Printer {
public:
  std::string run(const std::vector<Tok> &tokens) {
    for (size_t i = 0; i < tokens.size(); ++i) {
      const Tok &t = tokens[i];
      switch (t.type) {
      case AquaLexer::NEWLINE:
        endLogicalLine();
        break;
      case AquaLexer::INDENT:
        ++level_;
        blockStart_ = true;
        break;
      case AquaLexer::DEDENT:
        if (level_ > 0) --level_;
        break;
      case AquaLexer::COMMENT:
        comment(t);
        break;
      default:
        code(t);
        break;
      }
    }
    flushComments();
    // One newline at the end, none before the first line.
    while (!out_.empty() && out_.back() == '\n') out_.pop_back();
    if (!out_.empty()) out_ += '\n';
    return out_;
  }

private:
  struct PendingComment {
    std::string text;
    size_t line;
  };

  bool operandEnd(size_t type) const {
    switch (type) {
    case AquaLexer::LOWER:
    case AquaLexer::UPPER:
    case AquaLexer::INT:
    case AquaLexer::FLOAT:
    case AquaLexer::STRING:
    case AquaLexer::TRUE:
    case AquaLexer::FALSE:
    case AquaLexer::INIT_PEER_ID:
    case AquaLexer::TOP:
    case AquaLexer::BOTTOM:
    case AquaLexer::RPAREN:
    case AquaLexer::RBRACE:
    case AquaLexer::COPY:
      return true;
    case AquaLexer::RBRACKET:
      return !prevEmptyBrackets_;
    case AquaLexer::BANG:
      return prevPostfix_;
    default:
      return false;
    }
  }

  // Keyword tokens are spelled in lower-case letters only (`func`, `use`, `on`, ...).
  static bool keywordLike(size_t type) { return type >= AquaLexer::AQUA && type <= AquaLexer::FALSE; }

  // Whether a space separates `prev` from `cur` on one line.
  bool space(size_t prev, const Tok &curTok) {
    size_t cur = curTok.type;
    if (prev == AquaLexer::DOT || cur == AquaLexer::DOT) return false;
    if (cur == AquaLexer::COMMA || cur == AquaLexer::COLON) return false;
    if (isOpener(prev) || isCloser(cur)) return false;
    if (prevPrefix_) return false;
    // A keyword used as a name (`func use{A}()`, `use()`) keeps its call tight as written.
    if ((cur == AquaLexer::LPAREN || cur == AquaLexer::LBRACE) && curTok.tight && keywordLike(prev)) return false;
    if (cur == AquaLexer::LPAREN)
      return !(prev == AquaLexer::LOWER || prev == AquaLexer::UPPER || prev == AquaLexer::COPY ||
               prev == AquaLexer::RBRACE || prev == AquaLexer::RPAREN);
    if (cur == AquaLexer::LBRACKET) return !operandEnd(prev);
    if (cur == AquaLexer::LBRACE) return !(prev == AquaLexer::LOWER || prev == AquaLexer::UPPER);
    if (cur == AquaLexer::BANG && operandEnd(prev)) return false;               // xs!
    if (prev == AquaLexer::BANG && prevPostfix_ && cur == AquaLexer::INT) return false; // xs!2
    return true;
  }

  void code(const Tok &t) {
    flushComments();
    if (lineTokens_ == 0) {
      startLine(t, level_);
    } else if (t.line > lastLine_) {
      // A line break the language continues (inside brackets, after an operator or a comma).
      // Two levels a bracket (one would line up with a block's body), a closer back at its opener's.
      size_t indent = isCloser(t.type) ? level_ + 2 * (depth_ > 0 ? depth_ - 1 : 0) : level_ + 2 * std::max<size_t>(1, depth_);
      out_ += '\n'; // blank lines inside a continuation are dropped
      out_.append(indent * kIndent, ' ');
    } else if (space(prevType_, t)) {
      out_ += ' ';
    }
    emit(t);
  }

  void emit(const Tok &t) {
    // Classify before printing what comes next.
    bool prefix = false, postfix = false;
    if (t.type == AquaLexer::BANG) postfix = operandEnd(prevType_) && lineTokens_ > 0;
    if (t.type == AquaLexer::BANG && !postfix) prefix = true;
    if ((t.type == AquaLexer::MINUS || t.type == AquaLexer::STAR || t.type == AquaLexer::PERCENT) &&
        !(lineTokens_ > 0 && operandEnd(prevType_)))
      prefix = true;
    if (t.type == AquaLexer::QUESTION) prefix = true;
    bool emptyBrackets = t.type == AquaLexer::RBRACKET && prevType_ == AquaLexer::LBRACKET;
    // `declares *`, `import * from`: a lone `*` is not a prefix of anything.
    if (t.type == AquaLexer::STAR && (prevType_ == AquaLexer::DECLARES || prevType_ == AquaLexer::IMPORT ||
                                      prevType_ == AquaLexer::EXPORT))
      prefix = false;
    out_ += t.text;
    if (isOpener(t.type)) ++depth_;
    if (isCloser(t.type) && depth_ > 0) --depth_;
    prevType_ = t.type;
    prevPrefix_ = prefix || emptyBrackets;
    prevPostfix_ = postfix;
    prevEmptyBrackets_ = emptyBrackets;
    lastLine_ = t.line;
    ++lineTokens_;
  }

  void comment(const Tok &t) {
    if (lineTokens_ > 0 && t.line == lastLine_) {
      out_ += ' ';
      out_ += t.text;
      lastLine_ = t.line;
      return;
    }
    pending_.push_back({t.text, t.line});
  }

  // Comments on their own lines go with the code that follows them, at its indentation (the
  // lexer hands them out before the NEWLINE/INDENT/DEDENT of that code, so they wait for it);
  // inside a continued line, at the continuation's.
  void flushComments() {
    for (const PendingComment &c : pending_) {
      if (lineTokens_ > 0) {
        out_ += '\n';
        out_.append((level_ + 2 * std::max<size_t>(1, depth_)) * kIndent, ' ');
        out_ += c.text;
      } else {
        endLogicalLineIfOpen();
        blankLineBefore(c.line);
        out_.append(level_ * kIndent, ' ');
        out_ += c.text;
        out_ += '\n';
        atLineStart_ = true;
      }
      lastLine_ = c.line;
    }
    pending_.clear();
  }

  void startLine(const Tok &t, size_t level) {
    endLogicalLineIfOpen();
    blankLineBefore(t.line);
    out_.append(level * kIndent, ' ');
    atLineStart_ = false;
  }

  // A blank line before source line `line` when the source had one, except at the start of the
  // file or of a block.
  void blankLineBefore(size_t line) {
    if (haveOutput_ && !blockStart_ && line > lastLine_ + 1) out_ += '\n';
    haveOutput_ = true;
    blockStart_ = false;
  }

  void endLogicalLineIfOpen() {
    if (!atLineStart_ && !out_.empty() && out_.back() != '\n') out_ += '\n';
    atLineStart_ = true;
  }

  void endLogicalLine() {
    endLogicalLineIfOpen();
    lineTokens_ = 0;
    depth_ = 0;
    prevType_ = 0;
    prevPrefix_ = prevPostfix_ = prevEmptyBrackets_ = false;
  }

  std::string out_;
  std::vector<PendingComment> pending_;
  size_t level_ = 0;
  size_t depth_ = 0;
  size_t lineTokens_ = 0; // tokens on the current logical line so far
  size_t lastLine_ = 0;   // source line of the last thing printed
  size_t prevType_ = 0;
  bool prevPrefix_ = false, prevPostfix_ = false, prevEmptyBrackets_ = false;
  bool atLineStart_ = true;
  bool haveOutput_ = false;
  bool blockStart_ = false;
};

FormatResult fail(std::string error, uint32_t line = 1, uint32_t column = 1) {
  FormatResult r;
  r.error = std::move(error);
  r.line = line;
  r.column = column;
  return r;
}

FormatResult formatChecked(const std::string &text) {
  // Input the ANTLR runtime cannot take gracefully.
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    uint32_t line = static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n')) + 1;
    return fail("file looks binary (contains a NUL byte); Aqua sources are text", line);
  }
  if (!llvm::json::isUTF8(text)) return fail("file is not valid UTF-8");

  Lexed before = lex(text);
  if (before.tokens.size() > kMaxTokens) return fail("file too large to format (more than 5,000,000 tokens)");
  if (before.longestStatement > kMaxStatementTokens)
    return fail("a statement of " + std::to_string(before.longestStatement) + " tokens; the formatter takes at most " +
                std::to_string(kMaxStatementTokens) + " (split it with intermediate variables)");
  if (before.maxDepth > kMaxBracketDepth)
    return fail("brackets nested " + std::to_string(before.maxDepth) + " deep; the formatter takes at most " +
                std::to_string(kMaxBracketDepth));
  // Only a file that parses is formatted: its layout is then known to mean what it says.
  FirstError errors;
  {
    antlr4::ANTLRInputStream input(text);
    grammar::AquaTokenSource lexer(&input);
    lexer.removeErrorListeners();
    antlr4::CommonTokenStream tokens(&lexer);
    grammar::AquaParser parser(&tokens);
    parser.setBuildParseTree(false); // only the verdict is needed: no tree, a fraction of the memory
    parser.removeErrorListeners();
    parser.addErrorListener(&errors);
    parser.file();
    if (!errors.seen && !lexer.indentErrors().empty()) {
      const grammar::IndentError &e = lexer.indentErrors().front();
      return fail("unexpected indentation: " + e.message, static_cast<uint32_t>(e.line),
                  static_cast<uint32_t>(e.column));
    }
  }
  if (errors.seen) return fail(errors.message, errors.line, errors.column);

  Printer printer;
  FormatResult r;
  r.text = printer.run(before.tokens);
  // The guarantee: the same program, token for token, block for block, comment for comment.
  if (lex(r.text).structure != before.structure)
    return fail("internal formatter error: the layout would change the program; the file is left as it is "
                "(please report it)");
  r.ok = true;
  return r;
}

} // namespace

FormatResult formatSource(std::string_view source) {
  FormatResult result;
  std::string text(source);
  try {
    // Deeply nested input recurses in the parser: on a large stack, like the front end.
    air::runWithLargeStack([&] { result = formatChecked(text); });
  } catch (const std::exception &e) {
    result = fail(std::string("internal formatter error: ") + e.what());
  }
  return result;
}

} // namespace aqua::format
