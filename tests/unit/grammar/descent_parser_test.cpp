// The descent parser (compiler/grammar/descent_parser.h) against the parser ANTLR generates from
// AquaParser.g4, run the way the front end runs it (SLL, then LL when SLL fails). Whenever the
// descent parser returns a tree, the generated parser must accept the file and build the same
// tree: the same context classes (labeled alternatives included), children, tokens, start and
// stop tokens and parent links. On every valid file of the corpus it must return a tree at all,
// or `aquac` would silently fall back to the slow path.
#include <catch2/catch.hpp>

#include <chrono>
#include <filesystem>
#include <random>

#include "tests/support/corpus.h"
#include "tests/support/descent_agreement.h"

namespace fs = std::filesystem;
using aqua::testing::checkAgreement;
using aqua::testing::Outcome;
using aqua::testing::aquaCorpusFiles;
using aqua::testing::parseBothWays;
using aqua::testing::readFile;

namespace {

std::vector<std::string> corpusTexts() {
  std::vector<std::string> texts;
  for (const fs::path &p : aquaCorpusFiles()) {
    std::string text = readFile(p);
    if (text.size() < 200000 && text.find('\0') == std::string::npos) texts.push_back(std::move(text));
  }
  return texts;
}

bool validUtf8(const std::string &text) {
  try {
    antlr4::ANTLRInputStream input(text);
    return true;
  } catch (const std::range_error &) {
    return false;
  }
}

} // namespace

TEST_CASE("the descent parser builds the generated parser's tree for every Aqua file we have", "[descent][corpus]") {
  size_t valid = 0;
  for (const std::string &text : corpusTexts()) {
    if (!validUtf8(text)) continue;
    std::string problem = checkAgreement(text, true);
    INFO(text.substr(0, 400));
    CHECK(problem == "");
    ++valid;
  }
  CHECK(valid > 300);
}

TEST_CASE("the descent parser resolves the grammar's ambiguities as ANTLR does", "[descent]") {
  // Each is valid and parses two ways; the generated parser takes the grammar's first alternative.
  const char *cases[] = {
      "func f():\n  par <- x\n",                       // a `par` line returning, not a bind to `par`
      "func f():\n  co x <- g()\n",                    // a `co` line
      "func f():\n  par(x)\n",                         // `par` then a parenthesised call statement
      "func f():\n  join (x)\n",                       // join, not a call of `join`
      "func f():\n  join(x, y)\n",
      "func f():\n  Srv (x)\n",                        // a service id, not a construct
      "func f():\n  Srv -1\n",                         // a service id, not a subtraction
      "func f():\n  Srv [1]\n",                        // a service id, not an index
      "func f():\n  Srv *[1]\n",
      "func f():\n  A.B(x)\n",                         // service id `A.B` of `(x)`
      "func f():\n  Srv.call(x)\n",                    // a call
      "func f():\n  Srv !x\n",
      "func f():\n  y <- x.copy(a)\n",                 // copy, not a method named copy
      "func f():\n  y <- x.copy(a = 1, b)\n",
      "func f():\n  y <- x.copy(1)\n",                 // only a method call
      "func f():\n  y <- x.copy{A}(a)\n",
      "func f():\n  y <- M.Foo(a)\n",                  // a method call, not a construct
      "func f():\n  y <- M.Foo(a = 1)\n",              // only a construct
      "func f():\n  y <- !a.b!2[0]\n",                 // postfixes belong to `a`
      "func f():\n  y <- a - -1 ** 2 ** 3 * 4 + 5 < 6 == 7 && 8 || !9\n",
      "func f():\n  y <- a-1\n",
      "func f():\n  y <- a!\n",
      "func f():\n  on = (x: u32) -> u32:\n    <- x\n", // a closure named `on`
      "func f():\n  for = func () -> u32:\n    <- 1\n",
      "func f():\n  on x via y via z:\n    g()\n",
      "func f():\n  par on x:\n    g()\n  co for y <- ys par:\n    g()\n",
      "func f():\n  parseq y <- ys on y via r:\n    g()\n",
      "func f():\n  if a == b:\n    g()\n  else:\n    h()\n  try:\n    g()\n  catch e:\n    h()\n  otherwise:\n    h()\n",
      "func f():\n  on <- g()\n  par, co <- h()\n  data: *string\n  x <<- y, z\n  x = y\n",
      "func f(cb: u32, string -> bool, n: u32) -> u32, string:\n  <- 1, \"a\"\n",
      "func f(cb: u32 -> bool, string, n: u32):\n  g()\n",
      "func f(cb: u32 -> (bool -> u32), n: u32) -> u32 -> string:\n  g()\n",
      "func f(cb: {A, B.C} -> (), x: ?[]*%Mod.T) -> {A} -> ():\n  g()\n",
      "func f(cb: -> u32) -> -> u32:\n  g()\n",
      "func f{A}(cb: (u32) -> u32):\n  g{A}(x)\n",
      "aqua M declares *\nimport \"a.aqua\"\nimport A.b as c, D from \"x\"\nuse \"y\" as Y\nuse a as b from \"z\" as Z\n"
      "export f as g, h\n",
      "module M.N declares a, B\nimport from as as from \"x\"\n",
      "data D:\n  a: u32\n  on: []string\n\nalias A: u32 -> bool, string\n",
      "service S(\"id\"):\n  f(x: u32) -> u32\n  g: string -> ()\n\nability Ab:\n  h: u32\n  k{A}()\n",
      "const C = 1\nconst D ?= -2.5\n",
      "func f() -> u32:\n  <- Mod.T(a = 1).copy(b = [1, 2], c = ?[], d = *[x]).field[i]!\n",
      "func f():\n  x <- %init_peer_id%\n  y <- true\n",
  };
  for (const char *text : cases) {
    INFO(text);
    Outcome o = parseBothWays(text);
    REQUIRE(o.generatedParsed); // a case the grammar rejects would prove nothing
    CHECK(o.descentParsed);
    CHECK(o.descentTree == o.generatedTree);
  }
}

TEST_CASE("the descent parser agrees with the generated parser on mutated corpus files", "[descent][random]") {
  // Token-sized edits (deleting, doubling, swapping, inserting the tokens the grammar's choices
  // turn on) make files that are mostly invalid, some valid in unexpected ways: the descent parser
  // must never accept what the generated parser rejects, nor build a different tree.
  const std::vector<std::string> pieces = {
      "par", "co", "join", "on", "via", "for", "copy", "func", "Srv", "M.T", "x", "<-", "<<-", "->", "=", ":",
      ",", "(", ")", "[", "]", "{", "}", "!", "!1", "-", "-1", "*", "?", ".", "..", "**", "&&", "==", "\"s\"",
      "()", "u32", "[]u8", "as", "from", "declares", "try", "catch", "else", "if", "%init_peer_id%",
  };
  std::vector<std::string> corpus;
  for (std::string &text : corpusTexts())
    if (text.size() < 1500 && validUtf8(text)) corpus.push_back(std::move(text));
  REQUIRE(corpus.size() > 50);
  std::mt19937 random(20261125);
  size_t valid = 0, rounds = 0, accepted = 0;
  auto started = std::chrono::steady_clock::now();
  for (; rounds < 30000; ++rounds) {
    std::string text = corpus[random() % corpus.size()];
    for (int edits = 1 + random() % 3; edits > 0; --edits) {
      // A random word boundary: the start of a run of non-space characters.
      size_t at = random() % (text.size() + 1);
      while (at < text.size() && at > 0 && !std::isspace(static_cast<unsigned char>(text[at - 1]))) --at;
      size_t wordEnd = at;
      while (wordEnd < text.size() && !std::isspace(static_cast<unsigned char>(text[wordEnd]))) ++wordEnd;
      switch (random() % 4) {
      case 0: text.erase(at, wordEnd - at); break;
      case 1: text.insert(at, text.substr(at, wordEnd - at) + " "); break;
      default: text.insert(at, pieces[random() % pieces.size()] + " "); break;
      }
    }
    Outcome o = parseBothWays(text);
    valid += o.generatedParsed;
    accepted += o.descentParsed;
    std::string problem;
    if (o.descentParsed && !o.generatedParsed) problem = "accepted an invalid file";
    else if (o.descentParsed && o.descentTree != o.generatedTree) problem = "different trees";
    if (!problem.empty()) {
      INFO("text:\n" << text << "\ndescent:   " << o.descentTree << "\ngenerated: " << o.generatedTree);
      CHECK(problem == "");
      break;
    }
    // A bound on time, not a result: slow machines (sanitizers) check fewer files.
    if (std::chrono::steady_clock::now() - started > std::chrono::seconds(60)) break;
  }
  INFO(rounds << " mutated files, " << valid << " valid, " << accepted << " parsed by descent");
  CHECK(valid > rounds / 20); // the mutations must still reach valid files, or the test proves little
  CHECK(accepted > valid / 2);
}
