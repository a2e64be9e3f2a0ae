// Warnings the reference compiler lacks (unused names and imports, constant conditions,
// unreachable code): each test checks a small program and looks at what was reported, where, and
// with which tag.
#include <catch2/catch.hpp>

#include "tests/unit/checker/check_helper.h"

using namespace checker_test;
using K = aqua::DiagKind;
using V = std::vector<std::string>;

namespace {

// `aqua M` and service S take lines 1-6: programs start on line 7.
std::string program(const std::string &body) { return std::string("aqua M\n\n") + kService + body; }

} // namespace

// --- Unused locals ---------------------------------------------------------------------------

TEST_CASE("an unused local is reported at its name, tagged unnecessary", "[warnings]") {
  auto c = check(program("func f() -> u32:\n  a <- S.get()\n  b <- S.get()\n  <- a\n"));
  CHECK(c->of(K::UnusedVariable) == V{"9:3 b"});
  REQUIRE(c->sink.all().size() == 1);
  const aqua::Diagnostic &d = c->sink.all()[0];
  CHECK(d.message == "`b` is never used; remove it, or use it");
  CHECK(d.tag == aqua::DiagTag::Unnecessary);
  CHECK(d.severity == aqua::Severity::Warning);
  CHECK(std::string(aqua::info(d.kind).code) == "W0003");
  CHECK_FALSE(c->sink.hasErrors());
}

TEST_CASE("a local used only in a nested block is used", "[warnings]") {
  auto c = check(program("func f(xs: []u32) -> u32:\n  a <- S.get()\n  b <- S.get()\n  c = 2\n"
                         "  if a == 1:\n    for x <- xs:\n      on \"peer\":\n        S.put(b)\n        S.put(x + c)\n  <- a\n"));
  CHECK(c->warnings() == 0);
}

TEST_CASE("locals of every form: assignment, closure, stream, on-block binding", "[warnings]") {
  auto c = check(program("func f() -> u32:\n  x = 1\n  g = (a: u32) -> u32:\n    <- a\n  s: *u32\n"
                         "  on \"p\":\n    r <- S.get()\n  <- 1\n"));
  CHECK(c->of(K::UnusedVariable) == V{"8:3 x", "9:3 g", "11:3 s", "13:5 r"});
}

TEST_CASE("a stream only written to counts as used", "[warnings]") {
  auto c = check(program("func f(xs: []u32):\n  s: *u32\n  t: *u32\n  for x <- xs par:\n    s <<- x\n"
                         "    t <- S.get()\n"));
  CHECK(c->warnings() == 0);
}

TEST_CASE("an unused loop variable is reported as one", "[warnings]") {
  auto c = check(program("func f(xs: []u32):\n  for x <- xs:\n    S.put(1)\n  for y <- xs par:\n    S.put(y)\n"
                         "  parseq p <- xs on \"peer\":\n    S.put(2)\n"));
  CHECK(c->of(K::UnusedVariable) == V{"8:7 x", "12:10 p"});
  CHECK(c->messages(K::UnusedVariable) == V{"loop variable `x` is never used", "loop variable `p` is never used"});
}

TEST_CASE("an unused catch variable is reported as the caught error", "[warnings]") {
  auto c = check(program("func f() -> string:\n  res: *string\n  try:\n    S.put(1)\n  catch e:\n    S.put(2)\n"
                         "  try:\n    S.put(3)\n  catch e2:\n    res <<- e2.message\n  <- res!\n"));
  CHECK(c->of(K::UnusedVariable) == V{"11:9 e"});
  CHECK(c->messages(K::UnusedVariable) == V{"caught error `e` is never used"});
}

TEST_CASE("names bound by position: one is kept while a later one is used", "[warnings]") {
  std::string pair = "func pair() -> u32, u32:\n  <- 1, 2\n\n";
  auto held = check(program(pair + "func f() -> u32:\n  a, b <- pair()\n  <- b\n"));
  CHECK(held->warnings() == 0);
  auto last = check(program(pair + "func f() -> u32:\n  a, b <- pair()\n  <- a\n"));
  CHECK(last->of(K::UnusedVariable) == V{"11:6 b"});
}

// --- Unused arguments ------------------------------------------------------------------------

TEST_CASE("unused arguments of functions and closures", "[warnings]") {
  auto c = check(program("func f(used: u32, unused: u32) -> u32:\n  g = (a: u32, b: u32) -> u32:\n    <- a\n"
                         "  r <- g(used, 1)\n  <- r\n"));
  CHECK(c->of(K::UnusedParameter) == V{"7:19 unused", "8:16 b"});
  CHECK(c->messages(K::UnusedParameter) == V{"argument `unused` of `f` is never used", "argument `b` of `g` is never used"});
  CHECK(c->first(K::UnusedParameter)->tag == aqua::DiagTag::Unnecessary);
}

TEST_CASE("an unused ability argument is reported", "[warnings]") {
  auto c = check(program("ability Ab:\n  v: u32\n\nfunc f{Ab}() -> u32:\n  <- 1\n\n"
                         "func g() -> u32:\n  ab = Ab(v = 1)\n  r <- f{ab}()\n  <- r\n"));
  CHECK(c->of(K::UnusedParameter) == V{"10:8 Ab"});
}

TEST_CASE("arguments of exported functions are API and not reported", "[warnings]") {
  auto c = check("aqua M\n\nexport f, g as other\n\nfunc f(a: u32) -> u32:\n  <- 1\n\n"
                 "func g(b: u32) -> u32:\n  <- 2\n\nfunc h(c: u32) -> u32:\n  <- 3\n");
  CHECK(c->of(K::UnusedParameter) == V{"11:8 c"});
}

TEST_CASE("arrows used as values keep their signature: their arguments are not reported", "[warnings]") {
  auto c = check(program("func apply(cb: u32, u32 -> u32) -> u32:\n  r <- cb(1, 2)\n  <- r\n\n"
                         "func first(a: u32, b: u32) -> u32:\n  <- a\n\n"
                         "func f() -> u32, u32:\n  second = (a: u32, b: u32) -> u32:\n    <- b\n"
                         "  x <- apply(first)\n  y <- apply(second)\n  <- x, y\n"));
  CHECK(c->warnings() == 0);
}

// --- Unused imports --------------------------------------------------------------------------

namespace {
const std::map<std::string, std::string> kLib{
    {"lib.aqua", "aqua Lib declares *\n\nconst LIMIT = 3\n\ndata Rec:\n  a: u32\n\nalias Id: string\n\n"
                 "func one() -> u32:\n  <- 1\n\nfunc two() -> u32:\n  <- 2\n"},
    {"other.aqua", "aqua Other declares *\n\nfunc three() -> u32:\n  <- 3\n"}};
}

TEST_CASE("unused imports: a name, a whole file, a use prefix", "[warnings]") {
  auto c = check("aqua M\n\nimport one, two from \"lib.aqua\"\nimport \"other.aqua\"\nuse \"lib.aqua\" as L\n\n"
                 "func f() -> u32:\n  x <- one()\n  <- x\n",
                 kLib);
  CHECK(c->of(K::UnusedImport) == V{"3:13 two", "4:8 \"other.aqua\"", "5:19 L"});
  CHECK(c->messages(K::UnusedImport) ==
        V{"`two` is imported but never used; remove the import",
          "\"other.aqua\" is imported but nothing from it is used; remove the import",
          "module `L` is used (`use`) but nothing from it is taken; remove the import"});
  for (const aqua::Diagnostic &d : c->sink.all()) CHECK(d.tag == aqua::DiagTag::Unnecessary);
}

TEST_CASE("imports used by a call, a type, a constant, an alias, a use prefix", "[warnings]") {
  auto c = check("aqua M\n\nimport one from \"lib.aqua\"\nimport \"other.aqua\"\nuse \"lib.aqua\" as L\n"
                 "import LIMIT, Rec, Id from \"lib.aqua\"\n\n"
                 "func f(r: Rec, id: Id) -> u32:\n  x <- one()\n  y <- three()\n  z <- L.two()\n"
                 "  <- x + y + z + LIMIT + r.a\n",
                 kLib);
  CHECK(c->of(K::UnusedImport).empty());
  // A `use` prefix in a type annotation only.
  auto typeOnly = check("aqua M\n\nuse \"lib.aqua\" as L\n\nfunc f(r: L.Rec) -> u32:\n  <- r.a\n", kLib);
  CHECK(typeOnly->warnings() == 0);
}

TEST_CASE("a whole import is used through what it brings along", "[warnings]") {
  std::map<std::string, std::string> files{
      {"base.aqua", "aqua Base declares *\n\nfunc base() -> u32:\n  <- 1\n"},
      {"mid.aqua", "aqua Mid declares *\n\nimport \"base.aqua\"\n\nfunc mid() -> u32:\n  r <- base()\n  <- r\n"}};
  auto c = check("aqua M\n\nimport \"mid.aqua\"\n\nfunc f() -> u32:\n  r <- base()\n  <- r\n", files);
  CHECK(c->of(K::UnusedImport).empty());
}

TEST_CASE("re-exported imports are not unused: declares *, declares a name, export", "[warnings]") {
  // `declares *` re-exports everything the file imports (aqua-language.md 4.3).
  auto all = check("aqua M declares *\n\nimport one, two from \"lib.aqua\"\nimport \"other.aqua\"\n\n"
                   "func f() -> u32:\n  <- 1\n",
                   kLib);
  CHECK(all->of(K::UnusedImport).empty());
  // `declares two` re-exports `two` only.
  auto named = check("aqua M declares f, two\n\nimport one, two from \"lib.aqua\"\n\nfunc f() -> u32:\n  <- 1\n", kLib);
  CHECK(named->of(K::UnusedImport) == V{"3:8 one"});
  // An imported function exported as a script is used.
  auto exported = check("aqua M\n\nexport three\n\nimport \"other.aqua\"\n", kLib);
  CHECK(exported->warnings() == 0);
}

TEST_CASE("the bundled stdlib import: used through one service, unused otherwise", "[warnings]") {
  auto used = check("aqua M\n\nimport \"@fluencelabs/aqua-lib/builtin.aqua\"\n\n"
                    "func f() -> string:\n  p <- Peer.identify()\n  <- p.peer_id\n");
  CHECK(used->warnings() == 0);
  auto unused = check("aqua M\n\nimport \"@fluencelabs/aqua-lib/builtin.aqua\"\n\nfunc f() -> u32:\n  <- 1\n");
  CHECK(unused->of(K::UnusedImport) == V{"3:8 \"@fluencelabs/aqua-lib/builtin.aqua\""});
}

// --- Scope of the warnings -------------------------------------------------------------------

TEST_CASE("imported files produce no warnings, only the file asked about", "[warnings]") {
  std::map<std::string, std::string> files{
      {"lib.aqua", "aqua Lib declares *\n\nimport \"other.aqua\"\n\nfunc one(unused: u32) -> u32:\n  x = 5\n"
                   "  if true:\n    y = 1\n  for z <- [1]:\n    x2 = 2\n  <- 1\n"},
      {"other.aqua", "aqua Other declares *\n\nfunc three() -> u32:\n  <- 3\n"}};
  auto c = check("aqua M\n\nimport one from \"lib.aqua\"\n\nfunc f() -> u32:\n  r <- one(1)\n  <- r\n", files);
  CHECK(c->sink.all().empty());
}

TEST_CASE("no unused-name warnings while the file has errors", "[warnings]") {
  auto c = check(program("func f() -> u32:\n  a <- S.get()\n  <- missing\n"));
  CHECK(c->sink.hasErrors());
  CHECK(c->warnings() == 0);
}

TEST_CASE("errors of an earlier file checked into the same sink do not silence the next file", "[warnings]") {
  fs::path dir = fs::temp_directory_path() / ("aquac-checker-two-" + std::to_string(::getpid()));
  fs::create_directories(dir);
  std::ofstream(dir / "bad.aqua") << "aqua Bad\n\nfunc f() -> u32:\n  <- missing\n";
  std::ofstream(dir / "good.aqua") << "aqua Good\n\nfunc g() -> u32:\n  x = 1\n  <- 2\n";
  aqua::SourceManager sources;
  aqua::DiagnosticSink sink;
  for (const char *name : {"bad.aqua", "good.aqua"}) {
    aqua::driver::Frontend frontend(sources, sink, aqua::sema::ImportResolver({}));
    frontend.load((dir / name).string());
  }
  fs::remove_all(dir);
  size_t unused = 0;
  for (const aqua::Diagnostic &d : sink.all()) unused += d.kind == K::UnusedVariable;
  CHECK(sink.hasErrors());
  CHECK(unused == 1);
}

// --- Constant conditions and unreachable code ------------------------------------------------

TEST_CASE("conditions of literals that fold, and the branch that never runs", "[warnings]") {
  auto c = check(program("func f(x: u32):\n  if 1 == 2:\n    S.put(1)\n  else:\n    S.put(2)\n"
                         "  if true || x == 1:\n    S.put(3)\n  else:\n    S.put(4)\n"
                         "  if !(\"a\" != \"a\") && 2 >= 1:\n    S.put(5)\n"
                         "  if x == 1:\n    S.put(6)\n"
                         "  if 18446744073709551615 == 18446744073709551614:\n    S.put(7)\n"));
  CHECK(c->of(K::ConstantCondition) ==
        V{"8:6 1 == 2", "12:6 true || x == 1", "16:6 !(\"a\" != \"a\") && 2 >= 1",
          "20:6 18446744073709551615 == 18446744073709551614"});
  CHECK(c->messages(K::ConstantCondition) ==
        V{"this condition is always false", "this condition is always true", "this condition is always true",
          "this condition is always false"});
  CHECK(c->of(K::UnreachableCode) == V{"9:5 S.put(1)", "12:14 x == 1", "15:5 S.put(4)", "21:5 S.put(7)"});
  for (const aqua::Diagnostic &d : c->sink.all())
    if (d.kind == K::UnreachableCode) CHECK(d.tag == aqua::DiagTag::Unnecessary);
  CHECK_FALSE(c->sink.hasErrors());
}

TEST_CASE("the right side of && / || that the left side decides never runs", "[warnings]") {
  auto c = check(program("func f(x: u32):\n  if false && S.get() == 1:\n    S.put(1)\n"
                         "  if x == 1 && false:\n    S.put(2)\n"
                         "  if false && true:\n    S.put(3)\n"));
  CHECK(c->of(K::UnreachableCode) ==
        V{"8:15 S.get() == 1", "9:5 S.put(1)", "11:5 S.put(2)", "13:5 S.put(3)"});
  // `x == 1 && false`: x == 1 runs; the condition is still always false.
  CHECK(c->of(K::ConstantCondition) == V{"8:6 false && S.get() == 1", "10:6 x == 1 && false", "12:6 false && true"});
}

TEST_CASE("constants with a known value fold; `?=`, overridden and shadowing names do not", "[warnings]") {
  std::string consts = "const DEBUG = false\nconst LEVEL = 3\nconst SAME = LEVEL\nconst DEFAULT ?= 1\n\n";
  auto c = check(std::string("aqua M\n\n") + consts + kService +
                 "func f(x: u32):\n  if DEBUG:\n    S.put(1)\n  if LEVEL > 2 && SAME == 3:\n    S.put(2)\n"
                 "  if DEFAULT == 1:\n    S.put(3)\n  if DEBUG || x == 1:\n    S.put(4)\n");
  CHECK(c->of(K::ConstantCondition) == V{"13:6 DEBUG", "15:6 LEVEL > 2 && SAME == 3"});
  CHECK(c->of(K::UnreachableCode) == V{"14:5 S.put(1)"});
  // `--const DEBUG=true`: the file's value is not the one compiled.
  Options overridden{{"DEBUG=true", "LEVEL = 1"}};
  auto o = check(std::string("aqua M\n\n") + consts + kService +
                     "func f():\n  if DEBUG:\n    S.put(1)\n  if SAME == 3:\n    S.put(2)\n",
                 {}, overridden);
  CHECK(o->of(K::ConstantCondition).empty());
}

TEST_CASE("imported constants fold too", "[warnings]") {
  auto c = check("aqua M\n\nimport LIMIT from \"lib.aqua\"\n\nservice S(\"s\"):\n  put(x: u32)\n\n"
                 "func f():\n  if LIMIT == 3:\n    S.put(1)\n  else:\n    S.put(2)\n",
                 kLib);
  CHECK(c->of(K::ConstantCondition) == V{"9:6 LIMIT == 3"});
  CHECK(c->of(K::UnreachableCode) == V{"12:5 S.put(2)"});
}

TEST_CASE("warnings do not make a program fail", "[warnings]") {
  auto c = check(program("func f():\n  x = 1\n  if false:\n    S.put(1)\n"));
  CHECK(c->warnings() == 3);
  CHECK_FALSE(c->sink.hasErrors());
}
