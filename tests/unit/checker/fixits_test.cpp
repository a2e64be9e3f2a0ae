// Fix-its: every "did you mean `x`?" replaces the misspelled name with x; `module` becomes
// `aqua`; a non-stream declaration gets its `*`; unused imports are removed. And how the text, JSON
// and SARIF renderers show them.
#include <catch2/catch.hpp>

#include <sstream>

#include "compiler/diag/render.h"
#include "tests/unit/checker/check_helper.h"

using namespace checker_test;
using K = aqua::DiagKind;

namespace {

std::string program(const std::string &body) { return std::string("aqua M\n\n") + kService + body; }

// The one diagnostic of `kind`, with exactly one fix-it; returns the file fixed by it.
std::string fixOf(const Checked &c, K kind) {
  const aqua::Diagnostic *d = c.first(kind);
  REQUIRE(d);
  REQUIRE(d->fixits.size() == 1);
  return c.fixed(*d);
}

// Every "did you mean `x`?" has a fix-it replacing the text it points at with x.
void checkSuggestionsHaveFixits(const Checked &c) {
  for (const aqua::Diagnostic &d : c.sink.all()) {
    size_t at = d.message.find("did you mean `");
    if (at == std::string::npos) continue;
    std::string suggested = d.message.substr(at + 14, d.message.find('`', at + 14) - at - 14);
    INFO(d.message);
    REQUIRE(d.fixits.size() == 1);
    CHECK(d.fixits[0].replacement == suggested);
  }
}

} // namespace

TEST_CASE("fix-it: a misspelled variable, argument or constant", "[fixits]") {
  auto c = check("aqua M\n\nconst LIMIT = 3\n\nfunc f(value: u32) -> u32:\n  x = valeu + LIMTI\n  <- x\n");
  checkSuggestionsHaveFixits(*c);
  REQUIRE(c->of(K::UndefinedName).size() == 2);
  const aqua::Diagnostic &valeu = c->sink.all()[0], &limti = c->sink.all()[1];
  CHECK(valeu.message == "name `valeu` is not defined in this scope; did you mean `value`?");
  CHECK(c->textOf(valeu.fixits[0].range) == "valeu");
  CHECK(c->textOf(limti.fixits[0].range) == "LIMTI");
  CHECK(limti.fixits[0].replacement == "LIMIT");
  CHECK(c->fixed(valeu).find("x = value + LIMTI") != std::string::npos);
}

TEST_CASE("fix-it: a misspelled function, in a call and as a value", "[fixits]") {
  auto c = check(program("func double(x: u32) -> u32:\n  <- x * 2\n\nfunc f() -> u32:\n  r <- doubel(1)\n  <- r\n"));
  CHECK(fixOf(*c, K::UndefinedFunction).find("r <- double(1)") != std::string::npos);
  CHECK(c->textOf(c->first(K::UndefinedFunction)->fixits[0].range) == "doubel");
}

TEST_CASE("fix-it: pushes, constructor shorthands, service ids", "[fixits]") {
  auto push = check(program("func f() -> []u32:\n  results: *u32\n  reslts <<- 1\n  <- results\n"));
  CHECK(fixOf(*push, K::UndefinedName).find("  results <<- 1") != std::string::npos);
  auto shorthand = check(program("data P:\n  name: string\n\nfunc f(name: string) -> P:\n  <- P(nme)\n"));
  checkSuggestionsHaveFixits(*shorthand);
  auto sid = check(program("func f():\n  Ss \"other\"\n  S.put(1)\n"));
  CHECK(fixOf(*sid, K::UndefinedName).find("  S \"other\"") != std::string::npos);
}

TEST_CASE("fix-it: types, scalar types, fields, service functions, functions of a used module", "[fixits]") {
  std::map<std::string, std::string> files{{"lib.aqua", "aqua Lib declares *\n\nfunc one() -> u32:\n  <- 1\n"}};
  auto c = check("aqua M\n\nuse \"lib.aqua\" as L\n\ndata Point:\n  xx: u32\n\nservice Srv(\"s\"):\n  get() -> u32\n\n"
                 "func f(r: Pont, q: strng, n: u23, p: Point) -> u32:\n  a = p.xy\n  b <- Srv.gte()\n  c <- L.onr()\n"
                 "  d = Piont(xx = 1)\n  e = p.copy(xy = 2)\n  <- 1\n",
                 files);
  checkSuggestionsHaveFixits(*c);
  std::vector<std::string> replaced;
  for (const aqua::Diagnostic &d : c->sink.all())
    for (const aqua::FixIt &f : d.fixits) replaced.push_back(c->textOf(f.range) + "->" + f.replacement);
  CHECK(replaced == std::vector<std::string>{"Pont->Point", "strng->string", "u23->u32", "xy->xx", "gte->get", "onr->one",
                                             "Piont->Point", "xy->xx"});
  // One error for `L.onr()`, not two.
  CHECK(c->of(K::UndefinedFunction).size() == 1);
}

TEST_CASE("no fix-it without a close enough name", "[fixits]") {
  auto c = check("aqua M\n\nfunc f(value: u32) -> u32:\n  <- completelyDifferent\n");
  REQUIRE(c->sink.all().size() == 1);
  CHECK(c->sink.all()[0].fixits.empty());
  CHECK(c->sink.all()[0].message == "name `completelyDifferent` is not defined in this scope");
}

TEST_CASE("fix-it: `module` becomes `aqua`", "[fixits]") {
  auto c = check("module M\n\nfunc f() -> u32:\n  <- 1\n");
  CHECK(fixOf(*c, K::ModuleKeyword).substr(0, 7) == "aqua M\n");
  CHECK(c->textOf(c->first(K::ModuleKeyword)->fixits[0].range) == "module");
}

TEST_CASE("fix-it: a declaration without a value becomes a stream", "[fixits]") {
  auto c = check("aqua M\n\nfunc f() -> []u32:\n  xs: u32\n  <- xs\n");
  CHECK(fixOf(*c, K::StreamDeclarationType).find("  xs: *u32\n") != std::string::npos);
}

TEST_CASE("fix-it: unused imports are removed (a name, the whole line)", "[fixits]") {
  std::map<std::string, std::string> files{
      {"lib.aqua", "aqua Lib declares *\n\nfunc one() -> u32:\n  <- 1\n\nfunc two() -> u32:\n  <- 2\n"
                   "\nfunc three() -> u32:\n  <- 3\n"},
      {"other.aqua", "aqua Other declares *\n\nfunc four() -> u32:\n  <- 4\n"}};
  std::string body = "\nfunc f() -> u32:\n  x <- two()\n  <- x\n";
  auto middle = check("aqua M\n\nimport one, two, three from \"lib.aqua\"\n" + body, files);
  REQUIRE(middle->sink.all().size() == 2);
  CHECK(middle->fixed(middle->sink.all()[0]) == "aqua M\n\nimport two, three from \"lib.aqua\"\n" + body);
  CHECK(middle->fixed(middle->sink.all()[1]) == "aqua M\n\nimport one, two from \"lib.aqua\"\n" + body);
  auto whole = check("aqua M\n\nimport one from \"lib.aqua\"\nimport \"other.aqua\"\nuse \"lib.aqua\" as L\n"
                     "import two from \"lib.aqua\"\n" + body,
                     files);
  REQUIRE(whole->sink.all().size() == 3);
  for (const aqua::Diagnostic &d : whole->sink.all())
    CHECK(whole->fixed(d).find(std::string(whole->textOf(d.range))) == std::string::npos);
  CHECK(whole->fixed(whole->sink.all()[0]) ==
        "aqua M\n\nimport \"other.aqua\"\nuse \"lib.aqua\" as L\nimport two from \"lib.aqua\"\n" + body);
}

// --- Rendering -------------------------------------------------------------------------------

TEST_CASE("text output shows a replacement under the range and spells out removals", "[fixits][render]") {
  auto c = check("module M\n\nimport \"@fluencelabs/aqua-lib/builtin.aqua\"\n\nfunc f(value: u32) -> u32:\n  <- valeu\n");
  std::ostringstream out;
  aqua::renderText(c->sources, c->sink.all(), out);
  std::string text = out.str();
  CHECK(text.find(" 1 | module M\n   | ^~~~~~\n   | aqua\n") != std::string::npos);
  CHECK(text.find(" 6 |   <- valeu\n   |      ^~~~~\n   |      value\n") != std::string::npos);
  // Unused-import removals are shown once the file has no error.
  auto u = check("aqua M\n\nimport \"@fluencelabs/aqua-lib/builtin.aqua\"\n\nfunc f() -> u32:\n  <- 1\n");
  std::ostringstream removal;
  aqua::renderText(u->sources, u->sink.all(), removal);
  CHECK(removal.str().find(" 3 | import \"@fluencelabs/aqua-lib/builtin.aqua\"\n   |        ^~~") != std::string::npos);
  CHECK(removal.str().find("~\nfix-it: remove line 3\n") != std::string::npos);
}

TEST_CASE("json output carries a fixits array, sarif a fixes array", "[fixits][render]") {
  auto c = check("aqua M\n\nfunc f(value: u32) -> u32:\n  <- valeu\n");
  std::ostringstream json;
  aqua::renderJson(c->sources, c->sink.all(), json);
  CHECK(json.str().find("\"fixits\": [\n      {\n        \"column\": 6,\n        \"endColumn\": 11,\n"
                        "        \"endLine\": 4,\n        \"line\": 4,\n        \"replacement\": \"value\"\n") !=
        std::string::npos);
  std::ostringstream sarif;
  aqua::renderSarif(c->sources, c->sink.all(), sarif);
  std::string s = sarif.str();
  CHECK(s.find("\"fixes\": [") != std::string::npos);
  CHECK(s.find("\"deletedRegion\": {\n                        \"endColumn\": 11,") != std::string::npos);
  CHECK(s.find("\"insertedContent\": {\n                        \"text\": \"value\"") != std::string::npos);
  // No fix-it: no key.
  auto none = check("aqua M\n\nfunc f() -> u32:\n  <- zzzzzz\n");
  std::ostringstream plain;
  aqua::renderJson(none->sources, none->sink.all(), plain);
  CHECK(plain.str().find("fixits") == std::string::npos);
}
