// AquaScanner (hand-written) against the lexer ANTLR generates from AquaLexer.g4, the
// specification: the same tokens, field by field, on every Aqua file we have and on generated
// text full of the lexer's corner cases.
#include <catch2/catch.hpp>

#include <filesystem>
#include <random>
#include <sstream>

#include "AquaLexer.h"
#include "antlr4-runtime.h"
#include "compiler/grammar/aqua_scanner.h"
#include "tests/support/corpus.h"

namespace fs = std::filesystem;
using aqua::grammar::AquaLexer;
using aqua::grammar::AquaScanner;

namespace {

std::string describe(const antlr4::Token &t) {
  std::ostringstream out;
  out << "type " << t.getType() << " channel " << t.getChannel() << " start " << t.getStartIndex() << " stop "
      << t.getStopIndex() << " line " << t.getLine() << " col " << t.getCharPositionInLine() << " text '" << t.getText()
      << "'";
  return out.str();
}

// Empty when both lexers agree on every token of `text`, else the first difference.
std::string compareLexers(const std::string &text) {
  antlr4::ANTLRInputStream specInput(text), scannerInput(text);
  AquaLexer spec(&specInput);
  spec.removeErrorListeners();
  AquaScanner scanner(&scannerInput);
  for (size_t i = 0;; ++i) {
    std::unique_ptr<antlr4::Token> want = spec.nextToken(), got = scanner.nextToken();
    std::string w = describe(*want), g = describe(*got);
    if (w != g) return "token " + std::to_string(i) + ": AquaLexer " + w + ", AquaScanner " + g;
    if (want->getType() == antlr4::Token::EOF) {
      if (scanner.nextToken()->getType() != antlr4::Token::EOF) return "no EOF after EOF";
      return "";
    }
  }
}

} // namespace

TEST_CASE("the scanner lexes every Aqua file of the corpus, stdlib, examples and tests like AquaLexer", "[scanner][corpus]") {
  size_t files = 0;
  for (const fs::path &path : aqua::testing::aquaCorpusFiles()) {
    std::string text = aqua::testing::readFile(path);
    std::string difference;
    try {
      difference = compareLexers(text);
    } catch (const std::range_error &) {
      continue; // not UTF-8: the front end reports it before lexing
    }
    INFO(path.string());
    CHECK(difference == "");
    ++files;
  }
  CHECK(files > 300);
}

TEST_CASE("the scanner agrees with AquaLexer on the lexer's corner cases", "[scanner]") {
  const char *cases[] = {
      "", " ", "\t \t", "\n", "\r", "\r\n", "\n\r", "\n\n", "\r\r", "\n\r\n", "\r\n\r\n  x", "x\n  \ty\r  z",
      "%init_peer_id%", "%init_peer_id", "%init_peer_id%%", "%", "%%init_peer_id%",
      "<<-", "<<", "<-", "<=", "<", "<<<-", "->", "-", "--", "-- comment\nx", "---", "-->", "--\r\nx",
      "**", "***", "*", "&&", "&", "&&&", "||", "|", "==", "===", "=", "!=", "!", "!!", ">=", ">", "?=", "?",
      "1", "12", "1.", "1.5", "1.5.3", "1..2", ".5", "1.x", "007", "1e5",
      "\"\"", "\"abc\"", "\"abc", "\"a\nb\"", "\"a\\\"b\"", "\"\"\"",
      "aqua", "aquax", "Aqua", "func", "funcs", "f_1", "_x", "X_y9", "copy", "true", "falsey", "otherwise",
      "parseq", "par", "co", "coo", "on", "via", "module", "declares",
      "⊤", "⊥", "é", "日本", "x⊤y", "💧", "a\u00a0b", "\x7f", "@", "#", "$", "~", "`", "^", ";", "\\", "'",
      "func f(x: u32) -> u32:\n  <- x + 1\n", "a.b.c(d)[0]!2", "xs!", "[]u8", "?string", "*u32", "%u32",
      "x <<- y\n", "on p via q:\n  r <- S.f()\n", "\t\tfunc", "  \r  \n",
  };
  for (const char *text : cases) {
    INFO(text);
    CHECK(compareLexers(text) == "");
  }
}

TEST_CASE("the scanner agrees with AquaLexer on random text built from the lexer's characters", "[scanner][random]") {
  // Pieces that start, end or break tokens; joined at random so that every pair meets.
  const std::vector<std::string> pieces = {
      "a", "Z", "x1", "_", "aqua", "func", "on", "par", "copy", "0", "9", "1.", ".", "5", "\"", "\"s\"", "-", "--",
      ">", "<", "<-", "<<", "=", "!", "?", "*", "%", "%init_peer_id%", "&", "|", "+", "/", ":", ",", "(", ")",
      "[", "]", "{", "}", " ", "\t", "\n", "\r", "\r\n", "⊤", "⊥", "é", "@", "#",
  };
  std::mt19937 random(20261125);
  for (int round = 0; round < 20000; ++round) {
    std::string text;
    size_t count = random() % 24;
    for (size_t i = 0; i < count; ++i) text += pieces[random() % pieces.size()];
    std::string difference = compareLexers(text);
    if (!difference.empty()) {
      INFO("text: " << text);
      CHECK(difference == "");
      break;
    }
  }
}
