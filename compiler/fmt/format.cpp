// The Aqua formatter. It lays out the token stream of the indentation-aware lexer
// (AquaTokenSource): NEWLINE / INDENT / DEDENT give the block structure, so indentation is
// recomputed from it (2 spaces a level) instead of copied; spacing between tokens follows a few
// rules (operators spaced, brackets and `.` tight, prefixes attached); comments and blank lines
// (runs of them collapsed to one) are kept where they were, and so are the line breaks inside a
// logical line (the language allows them in brackets and after operators), each continuation
// line one step (4 spaces) deeper than the line that opened its brackets. The result is checked:
// it must lex to the same logical token stream as the input, or nothing is returned.
//
// Cost: one lexing of the input (its tokens feed the parser too), one SLL parse without a tree
// (full LL only to explain a syntax error), one lexing of the output for the check.
#include "compiler/fmt/format.h"

#include <algorithm>
#include <memory>
#include <string_view>
#include <vector>

#include "AquaLexer.h"
#include "AquaParser.h"
#include "air/large_stack.h"
#include "antlr4-runtime.h"
#include "compiler/grammar/aqua_token_source.h"
#include "compiler/grammar/descent_parser.h"
#include "llvm/Support/JSON.h"

namespace aqua::format {

namespace {

using grammar::AquaLexer;

// Limits that keep hostile input cheap (the front end has the same ones).
constexpr size_t kMaxBracketDepth = 200;
constexpr size_t kMaxTokens = 5'000'000;
constexpr size_t kMaxStatementTokens = 5000;
// Two spaces a level: the style of aqua-lib, Fluence's documentation and most Aqua code (622 of
// the 753 indented lines of the shared corpus).
constexpr size_t kIndent = 2;
// A continuation line: two levels deeper, so it never lines up with a block's body.
constexpr size_t kContinuation = 2 * kIndent;

// The first syntax error, worded as `aquac check` words it (which says more).
class FirstError : public antlr4::BaseErrorListener {
public:
  void syntaxError(antlr4::Recognizer *, antlr4::Token *offending, size_t line, size_t column, const std::string &msg,
                   std::exception_ptr) override {
    if (seen) return;
    seen = true;
    this->line = static_cast<uint32_t>(line);
    this->column = static_cast<uint32_t>(column + 1);
    if (offending && offending->getType() == AquaLexer::INDENT) {
      this->column = 1;
      message = "unexpected indentation: this line is indented deeper than the block it belongs to; use the "
                "block's indentation";
      return;
    }
    message = msg;
    // A list of every token that could come next helps nobody.
    if (size_t set = message.find(" expecting {"); set != std::string::npos &&
        std::count(message.begin() + static_cast<long>(set), message.end(), ',') > 8)
      message.erase(set);
    // ANTLR's token names read badly; say what the user wrote.
    for (auto [from, to] : std::initializer_list<std::pair<std::string_view, std::string_view>>{
             {"NEWLINE", "end of line"},
             {"INDENT", "an indented block"},
             {"DEDENT", "end of block"},
             {"'\\n'", "end of line"},
             {"'<EOF>'", "end of file"},
             {"<EOF>", "end of file"}}) {
      for (size_t pos; (pos = message.find(from)) != std::string::npos;) message.replace(pos, from.size(), to);
    }
    message += " (`aquac check` explains syntax errors in detail)";
  }
  bool seen = false;
  uint32_t line = 0, column = 0;
  std::string message;
};

bool isOpener(size_t t) { return t == AquaLexer::LPAREN || t == AquaLexer::LBRACKET || t == AquaLexer::LBRACE; }
bool isCloser(size_t t) { return t == AquaLexer::RPAREN || t == AquaLexer::RBRACKET || t == AquaLexer::RBRACE; }
bool isSynthetic(size_t t) {
  return t == AquaLexer::NEWLINE || t == AquaLexer::INDENT || t == AquaLexer::DEDENT || t == antlr4::Token::EOF;
}

// Line breaks in `s` as the lexer's NL rule counts them: \r\n, \n\r, \n and \r are one each.
// (ANTLR's own line numbers count only \n, which would put a file with \r line ends on one line.)
size_t countBreaks(std::string_view s) {
  size_t n = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (c != '\n' && c != '\r') continue;
    ++n;
    if (i + 1 < s.size() && (s[i + 1] == '\n' || s[i + 1] == '\r') && s[i + 1] != c) ++i;
  }
  return n;
}

// One token of the logical stream, with what layout needs to know about it.
struct Tok {
  size_t type;
  std::string text;
  size_t line;        // first source line (counted by countBreaks, 1-based)
  size_t endLine;     // last source line: a string literal may span lines
  bool tight = false; // nothing between it and the token before it in the source
};

std::string trimRight(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) s.pop_back();
  return s;
}

struct Lexed {
  // Everything AquaTokenSource hands out but whitespace and EOF; NEWLINE/INDENT/DEDENT without
  // text (a synthetic token's text is whatever character its position holds, `\r` in a file with
  // \r\n line ends), comments without trailing blanks.
  std::vector<Tok> tokens;
  size_t longestStatement = 0; // tokens in the longest logical line
  bool tooLarge = false;
};

// Lexes `input` through `lexer`; every token (EOF included) is passed to `keep`, which may take it.
template <class Keep>
Lexed lex(antlr4::ANTLRInputStream &input, grammar::AquaTokenSource &lexer, Keep &&keep) {
  Lexed out;
  bool afterSpace = true;
  size_t statement = 0, line = 1, pos = 0, count = 0;
  for (;;) {
    std::unique_ptr<antlr4::Token> t = lexer.nextToken();
    size_t type = t->getType();
    if (type == antlr4::Token::EOF) {
      keep(std::move(t));
      break;
    }
    if (++count > kMaxTokens) {
      out.tooLarge = true;
      break;
    }
    bool synthetic = isSynthetic(type);
    bool tight = false;
    if (!synthetic) {
      // Whatever lies between two tokens handed out is line breaks (NL tokens, consumed by the
      // token source): count them.
      size_t start = t->getStartIndex();
      tight = !afterSpace && start == pos;
      if (start > pos)
        line += countBreaks(input.getText(antlr4::misc::Interval(static_cast<ssize_t>(pos),
                                                                 static_cast<ssize_t>(start) - 1)));
      pos = t->getStopIndex() + 1;
    }
    afterSpace = type == AquaLexer::WS;
    if (type == AquaLexer::WS) {
      keep(std::move(t));
      continue;
    }
    std::string spelled = synthetic ? std::string() : t->getText();
    if (type == AquaLexer::COMMENT) spelled = trimRight(std::move(spelled));
    if (type == AquaLexer::NEWLINE) statement = 0;
    else if (type != AquaLexer::COMMENT) out.longestStatement = std::max(out.longestStatement, ++statement);
    size_t endLine = type == AquaLexer::STRING ? line + countBreaks(spelled) : line;
    out.tokens.push_back({type, std::move(spelled), line, endLine, tight});
    line = endLine;
    keep(std::move(t));
  }
  return out;
}

class Printer {
public:
  std::string run(const std::vector<Tok> &tokens) {
    tokens_ = &tokens;
    for (next_ = 0; next_ < tokens.size();) {
      const Tok &t = tokens[next_++];
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

  // Keywords are contextual: they also name functions, arguments, fields and variables. Where the
  // token before one leaves no room for a keyword (after `.`, `,`, an opening bracket, `<-`, an
  // operator, `=` but for `= func`, or a keyword that wants a name or an expression: `func use`,
  // `if on`, `export data`), it is laid out as the name it is.
  size_t effectiveType(const Tok &t) const {
    if (!keywordLike(t.type) || t.type == AquaLexer::TRUE || t.type == AquaLexer::FALSE || lineTokens_ == 0)
      return t.type;
    bool name = false;
    switch (prevType_) {
    case AquaLexer::DOT:
    case AquaLexer::COMMA:
    case AquaLexer::LPAREN:
    case AquaLexer::LBRACKET:
    case AquaLexer::LBRACE:
    case AquaLexer::ARROW_LEFT:
    case AquaLexer::PUSH:
    case AquaLexer::OPT_ASSIGN:
    case AquaLexer::PLUS:
    case AquaLexer::MINUS:
    case AquaLexer::STAR:
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
    case AquaLexer::LTE:
      name = true;
      break;
    case AquaLexer::BANG:
      name = !prevPostfix_; // `!on`, but `on xs! via p:`
      break;
    case AquaLexer::ASSIGN:
      name = t.type != AquaLexer::FUNC; // `c = func (x: u32):` is a closure
      break;
    case AquaLexer::PAR:
    case AquaLexer::CO:
      break; // `par on p:`, `co for x <- xs:`: a statement follows
    default:
      name = keywordLike(prevType_) && prevType_ != AquaLexer::TRUE && prevType_ != AquaLexer::FALSE;
      break;
    }
    return name ? static_cast<size_t>(AquaLexer::LOWER) : t.type;
  }

  // Whether a space separates `prev` from `cur` (of effective type `cur`) on one line.
  bool space(size_t prev, size_t cur, bool tight) const {
    if (prev == AquaLexer::DOT || cur == AquaLexer::DOT) return false;
    if (cur == AquaLexer::COMMA || cur == AquaLexer::COLON) return false;
    if (isOpener(prev) || isCloser(cur)) return false;
    if (prevPrefix_) return false;
    // A bracket after a keyword where the position did not tell (a statement's first word):
    // only `func`, `if`, `on`, `via`, `join`, `par` and `co` take an expression or a signature
    // that may start with one, any other keyword is a name called (`use()`). Those seven are
    // keywords for sure on a block opener (`x = func (`, `if (`, `on (`, `via (`); elsewhere the
    // source decides (`join (x)` or a call `join(x)`).
    if ((cur == AquaLexer::LPAREN || cur == AquaLexer::LBRACE) && keywordLike(prev)) {
      switch (prev) {
      case AquaLexer::FUNC:
      case AquaLexer::IF:
      case AquaLexer::ON:
      case AquaLexer::VIA:
      case AquaLexer::JOIN:
      case AquaLexer::PAR:
      case AquaLexer::CO:
        return (blockOpener_ && keywordBeforeBracket_) || !tight;
      default:
        return false;
      }
    }
    if (cur == AquaLexer::LPAREN)
      return !(prev == AquaLexer::LOWER || prev == AquaLexer::UPPER || prev == AquaLexer::COPY ||
               prev == AquaLexer::RBRACE || prev == AquaLexer::RPAREN);
    if (cur == AquaLexer::LBRACKET) return !operandEnd(prev);
    if (cur == AquaLexer::LBRACE) return !(prev == AquaLexer::LOWER || prev == AquaLexer::UPPER);
    if (cur == AquaLexer::BANG && operandEnd(prev)) return false;                         // xs!
    if (prev == AquaLexer::BANG && prevPostfix_ && cur == AquaLexer::INT) return false; // xs!2
    return true;
  }

  // Indentation (in spaces) of a continuation line of the current logical line: one step deeper
  // than the line that opened the innermost open bracket (or than the logical line's first line);
  // a closer goes back to its opener's line.
  size_t continuationIndent(bool closer) const {
    if (!openers_.empty()) return closer ? openers_.back() : openers_.back() + kContinuation;
    return level_ * kIndent + kContinuation;
  }

  void newPhysicalLine(size_t indent) {
    out_ += '\n'; // blank lines inside a continuation are dropped
    out_.append(indent, ' ');
    lineIndent_ = indent;
  }

  void code(const Tok &t) {
    flushComments();
    size_t type = effectiveType(t);
    if (lineTokens_ == 0) {
      startLine(t);
    } else if (t.line > lastLine_) {
      // A line break the language continues (inside brackets, after an operator or a comma).
      newPhysicalLine(continuationIndent(isCloser(t.type)));
    } else if (space(prevType_, type, t.tight)) {
      out_ += ' ';
    }
    emit(t, type);
  }

  // `type`: the token's type, or LOWER for a keyword used as a name.
  void emit(const Tok &t, size_t type) {
    // Classify before printing what comes next.
    bool prefix = false, postfix = false;
    if (type == AquaLexer::BANG) postfix = operandEnd(prevType_) && lineTokens_ > 0;
    if (type == AquaLexer::BANG && !postfix) prefix = true;
    if ((type == AquaLexer::MINUS || type == AquaLexer::STAR || type == AquaLexer::PERCENT) &&
        !(lineTokens_ > 0 && operandEnd(prevType_)))
      prefix = true;
    if (type == AquaLexer::QUESTION) prefix = true;
    bool emptyBrackets = type == AquaLexer::RBRACKET && prevType_ == AquaLexer::LBRACKET;
    bool statementStart =
        lineTokens_ == 0 || (lineTokens_ == 1 && (prevType_ == AquaLexer::PAR || prevType_ == AquaLexer::CO));
    keywordBeforeBracket_ = (type == AquaLexer::FUNC && prevType_ == AquaLexer::ASSIGN) ||
                            ((type == AquaLexer::IF || type == AquaLexer::ON) && statementStart) ||
                            (type == AquaLexer::VIA && lineTokens_ > 0);
    // `declares *`, `import * from`: a lone `*` is not a prefix of anything.
    if (type == AquaLexer::STAR && (prevType_ == AquaLexer::DECLARES || prevType_ == AquaLexer::IMPORT ||
                                    prevType_ == AquaLexer::EXPORT))
      prefix = false;
    out_ += t.text;
    if (isOpener(type)) openers_.push_back(lineIndent_);
    if (isCloser(type) && !openers_.empty()) openers_.pop_back();
    prevType_ = type;
    prevPrefix_ = prefix || emptyBrackets;
    prevPostfix_ = postfix;
    prevEmptyBrackets_ = emptyBrackets;
    lastLine_ = t.endLine;
    ++lineTokens_;
  }

  void comment(const Tok &t) {
    if (lineTokens_ > 0 && t.line == lastLine_) {
      out_ += ' ';
      out_ += t.text;
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
        newPhysicalLine(continuationIndent(false));
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

  void startLine(const Tok &t) {
    // Whether this logical line opens a block (ends with `:`).
    blockOpener_ = false;
    for (size_t i = next_ - 1; i < tokens_->size() && (*tokens_)[i].type != AquaLexer::NEWLINE; ++i)
      if ((*tokens_)[i].type != AquaLexer::COMMENT) blockOpener_ = (*tokens_)[i].type == AquaLexer::COLON;
    endLogicalLineIfOpen();
    blankLineBefore(t.line);
    lineIndent_ = level_ * kIndent;
    out_.append(lineIndent_, ' ');
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
    openers_.clear();
    prevType_ = 0;
    prevPrefix_ = prevPostfix_ = prevEmptyBrackets_ = false;
  }

  const std::vector<Tok> *tokens_ = nullptr;
  size_t next_ = 0; // index of the token after the one being printed
  std::string out_;
  std::vector<PendingComment> pending_;
  std::vector<size_t> openers_; // per open bracket of the logical line: the indentation of its line
  size_t level_ = 0;
  size_t lineIndent_ = 0; // indentation of the physical line being printed
  size_t lineTokens_ = 0; // tokens on the current logical line so far
  size_t lastLine_ = 0;   // source line of the last thing printed (its last line)
  size_t prevType_ = 0;
  bool prevPrefix_ = false, prevPostfix_ = false, prevEmptyBrackets_ = false;
  bool blockOpener_ = false;          // the logical line ends with `:`
  bool keywordBeforeBracket_ = false; // the last token is a keyword in a place no name can be
  bool atLineStart_ = true;
  bool haveOutput_ = false;
  bool blockStart_ = false;
};

// The guarantee: `text` lexes to `tokens` (the input's), token for token, block for block,
// comment for comment; the line layout may differ.
bool sameProgram(const std::vector<Tok> &tokens, const std::string &text) {
  antlr4::ANTLRInputStream input(text);
  grammar::AquaTokenSource lexer(&input);
  lexer.removeErrorListeners();
  size_t i = 0;
  for (auto t = lexer.nextToken(); t->getType() != antlr4::Token::EOF; t = lexer.nextToken()) {
    size_t type = t->getType();
    if (type == AquaLexer::WS) continue;
    if (i == tokens.size() || tokens[i].type != type) return false;
    if (!isSynthetic(type)) {
      std::string spelled = t->getText();
      if (type == AquaLexer::COMMENT ? trimRight(std::move(spelled)) != tokens[i].text : spelled != tokens[i].text)
        return false;
    }
    ++i;
  }
  return i == tokens.size() && lexer.indentErrors().empty();
}

FormatResult fail(std::string error, uint32_t line = 1, uint32_t column = 1) {
  FormatResult r;
  r.error = std::move(error);
  r.line = line;
  r.column = column;
  return r;
}

// Parses the tokens; returns whether the file is valid. The descent parser decides valid files;
// the generated parser's SLL prediction whatever it leaves; only when that fails does a full LL
// parse find and report the first error.
bool parses(std::vector<std::unique_ptr<antlr4::Token>> tokens, FirstError &errors) {
  antlr4::ListTokenSource source(std::move(tokens));
  antlr4::CommonTokenStream stream(&source);
  stream.fill();
  grammar::ParseTreeArena arena;
  if (grammar::parseFileByDescent(stream, arena)) return true;
  grammar::AquaParser parser(&stream);
  parser.setBuildParseTree(false); // only the verdict is needed: no tree, a fraction of the memory
  parser.removeErrorListeners();
  auto *sim = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
  sim->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    parser.file();
    return true;
  } catch (const antlr4::ParseCancellationException &) {
  }
  stream.seek(0);
  parser.reset();
  parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
  sim->setPredictionMode(antlr4::atn::PredictionMode::LL);
  parser.addErrorListener(&errors);
  parser.file();
  return !errors.seen;
}

FormatResult formatChecked(const std::string &text) {
  // Input the ANTLR runtime cannot take gracefully.
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    uint32_t line = static_cast<uint32_t>(std::count(text.begin(), text.begin() + static_cast<long>(nul), '\n')) + 1;
    return fail("file looks binary (contains a NUL byte); Aqua sources are text", line);
  }
  if (!llvm::json::isUTF8(text)) return fail("file is not valid UTF-8");

  antlr4::ANTLRInputStream input(text);
  grammar::AquaTokenSource lexer(&input);
  lexer.removeErrorListeners();
  std::vector<std::unique_ptr<antlr4::Token>> parserTokens;
  Lexed before = lex(input, lexer, [&](std::unique_ptr<antlr4::Token> t) { parserTokens.push_back(std::move(t)); });
  if (before.tooLarge) return fail("file too large to format (more than 5,000,000 tokens)");
  if (before.longestStatement > kMaxStatementTokens)
    return fail("a statement of " + std::to_string(before.longestStatement) + " tokens; the formatter takes at most " +
                std::to_string(kMaxStatementTokens) + " (split it with intermediate variables)");
  if (lexer.maxDepth() > kMaxBracketDepth)
    return fail("brackets nested " + std::to_string(lexer.maxDepth()) + " deep; the formatter takes at most " +
                std::to_string(kMaxBracketDepth));
  // Only a file that parses is formatted: its layout is then known to mean what it says.
  FirstError errors;
  bool valid = parses(std::move(parserTokens), errors);
  // A dedent to no enclosing block's level: the parser may take the line as it comes (or stumble
  // over it later); the indentation is what is wrong.
  if (!lexer.indentErrors().empty()) {
    const grammar::IndentError &e = lexer.indentErrors().front();
    if (valid || e.line <= errors.line)
      return fail("unexpected indentation: dedent to a level that no enclosing block has",
                  static_cast<uint32_t>(e.line), static_cast<uint32_t>(e.column));
  }
  if (!valid) return fail(errors.message, errors.line, errors.column);

  Printer printer;
  FormatResult r;
  r.text = printer.run(before.tokens);
  if (!sameProgram(before.tokens, r.text))
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
