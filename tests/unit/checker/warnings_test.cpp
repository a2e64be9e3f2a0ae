// Warnings the reference compiler lacks (unused names and imports, constant conditions,
// unreachable branches) and fix-its: each test checks a small program and looks at what was
// reported, where, and with which tag.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>

#include "compiler/driver/frontend.h"

namespace fs = std::filesystem;

namespace {

struct Checked {
  aqua::SourceManager sources;
  aqua::DiagnosticSink sink;
  std::string text;

  // Diagnostics of `kind`, as "line:col text-under-range".
  std::vector<std::string> of(aqua::DiagKind kind) const {
    std::vector<std::string> out;
    for (const aqua::Diagnostic &d : sink.all()) {
      if (d.kind != kind) continue;
      aqua::LineColumn lc = sources.lineColumn(d.range.file, d.range.begin);
      std::string_view t = sources.text(d.range.file).substr(d.range.begin, d.range.end - d.range.begin);
      out.push_back(std::to_string(lc.line) + ":" + std::to_string(lc.column) + " " + std::string(t));
    }
    return out;
  }
  size_t warnings() const {
    size_t n = 0;
    for (const aqua::Diagnostic &d : sink.all()) n += d.severity == aqua::Severity::Warning;
    return n;
  }
};

// Checks `main` as <dir>/main.aqua with `files` written beside it.
std::unique_ptr<Checked> check(const std::string &main, const std::map<std::string, std::string> &files = {}) {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() / ("aquac-warnings-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  for (const auto &[name, text] : files) std::ofstream(dir / name) << text;
  std::ofstream(dir / "main.aqua") << main;
  auto c = std::make_unique<Checked>();
  c->text = main;
  std::vector<std::string> importDirs{(fs::path(AQUA_SOURCE_DIR) / "stdlib").string()};
  aqua::driver::Frontend frontend(c->sources, c->sink, aqua::sema::ImportResolver(importDirs));
  frontend.load(fs::weakly_canonical(dir / "main.aqua").string());
  fs::remove_all(dir);
  return c;
}

using K = aqua::DiagKind;
using V = std::vector<std::string>;

const char *kService = "service S(\"s\"):\n  get() -> u32\n  put(x: u32)\n\n";

} // namespace

TEST_CASE("unused locals are reported at their name, used ones are not", "[warnings]") {
  auto c = check(std::string("aqua M\n\n") + kService +
                 "func f() -> u32:\n  a <- S.get()\n  b <- S.get()\n  if a == 1:\n    S.put(b)\n  <- a\n");
  CHECK(c->of(K::UnusedVariable).empty()); // b is used only in the nested block
  auto d = check(std::string("aqua M\n\n") + kService + "func f() -> u32:\n  a <- S.get()\n  b <- S.get()\n  <- a\n");
  CHECK(d->of(K::UnusedVariable) == V{"9:3 b"});
  REQUIRE(d->sink.all().size() == 1);
  CHECK(d->sink.all()[0].tag == aqua::DiagTag::Unnecessary);
  CHECK(d->sink.all()[0].severity == aqua::Severity::Warning);
  CHECK_FALSE(d->sink.hasErrors());
}

TEST_CASE("a stream only written to counts as used; loop and catch names are not reported", "[warnings]") {
  auto c = check(std::string("aqua M\n\n") + kService +
                 "func f(xs: []u32):\n  s: *u32\n  for x <- xs:\n    s <<- 1\n  try:\n    S.put(1)\n  catch e:\n    S.put(2)\n");
  CHECK(c->warnings() == 0);
}

TEST_CASE("unused arguments of functions and closures", "[warnings]") {
  auto c = check(std::string("aqua M\n\n") + kService +
                 "func f(used: u32, unused: u32) -> u32:\n  g = (a: u32, b: u32) -> u32:\n    <- a\n  r <- g(used, 1)\n  <- r\n");
  CHECK(c->of(K::UnusedParameter) == V{"7:19 unused", "8:16 b"});
}

TEST_CASE("unused imports: a name, a whole file, a use prefix", "[warnings]") {
  std::map<std::string, std::string> files{
      {"lib.aqua", "aqua Lib declares *\n\nfunc one() -> u32:\n  <- 1\n\nfunc two() -> u32:\n  <- 2\n"},
      {"other.aqua", "aqua Other declares *\n\nfunc three() -> u32:\n  <- 3\n"}};
  auto c = check("aqua M\n\nimport one, two from \"lib.aqua\"\nimport \"other.aqua\"\nuse \"lib.aqua\" as L\n\n"
                 "func f() -> u32:\n  x <- one()\n  <- x\n",
                 files);
  CHECK(c->of(K::UnusedImport) == V{"5:19 L", "3:13 two", "4:8 \"other.aqua\""});
  auto used = check("aqua M\n\nimport one from \"lib.aqua\"\nimport \"other.aqua\"\nuse \"lib.aqua\" as L\n\n"
                    "func f() -> u32:\n  x <- one()\n  y <- three()\n  z <- L.two()\n  <- x + y + z\n",
                    files);
  CHECK(used->of(K::UnusedImport).empty());
}

TEST_CASE("a whole import is used through what it brings along", "[warnings]") {
  std::map<std::string, std::string> files{
      {"base.aqua", "aqua Base declares *\n\nfunc base() -> u32:\n  <- 1\n"},
      {"mid.aqua", "aqua Mid declares *\n\nimport \"base.aqua\"\n\nfunc mid() -> u32:\n  r <- base()\n  <- r\n"}};
  auto c = check("aqua M\n\nimport \"mid.aqua\"\n\nfunc f() -> u32:\n  r <- base()\n  <- r\n", files);
  CHECK(c->of(K::UnusedImport).empty());
}

TEST_CASE("warnings are for the file asked about, not its imports", "[warnings]") {
  std::map<std::string, std::string> files{
      {"lib.aqua", "aqua Lib declares *\n\nfunc one(unused: u32) -> u32:\n  x = 5\n  if true:\n    y = 1\n  <- 1\n"}};
  auto c = check("aqua M\n\nimport one from \"lib.aqua\"\n\nfunc f() -> u32:\n  r <- one(1)\n  <- r\n", files);
  CHECK(c->warnings() == 0);
}

TEST_CASE("constant conditions and the branch that never runs", "[warnings]") {
  auto c = check(std::string("aqua M\n\n") + kService +
                 "func f(x: u32):\n  if 1 == 2:\n    S.put(1)\n  else:\n    S.put(2)\n"
                 "  if true || x == 1:\n    S.put(3)\n  else:\n    S.put(4)\n"
                 "  if !(\"a\" != \"a\") && 2 >= 1:\n    S.put(5)\n"
                 "  if x == 1:\n    S.put(6)\n");
  CHECK(c->of(K::ConstantCondition) == V{"8:6 1 == 2", "12:6 true || x == 1", "16:6 !(\"a\" != \"a\") && 2 >= 1"});
  CHECK(c->of(K::UnreachableCode) == V{"9:5 S.put(1)", "15:5 S.put(4)"});
}

TEST_CASE("no warnings while the file has errors", "[warnings]") {
  auto c = check(std::string("aqua M\n\n") + kService + "func f() -> u32:\n  a <- S.get()\n  <- missing\n");
  CHECK(c->sink.hasErrors());
  CHECK(c->warnings() == 0);
}

TEST_CASE("fix-its: a misspelled name gets the suggestion, `module` becomes `aqua`", "[fixits]") {
  auto c = check("aqua M\n\nfunc f(value: u32) -> u32:\n  <- valeu\n");
  REQUIRE(c->sink.all().size() == 1);
  const aqua::Diagnostic &d = c->sink.all()[0];
  REQUIRE(d.fixits.size() == 1);
  CHECK(d.fixits[0].replacement == "value");
  CHECK(c->sources.text(d.range.file).substr(d.fixits[0].range.begin, d.fixits[0].range.end - d.fixits[0].range.begin) ==
        "valeu");
  auto m = check("module M\n\nfunc f() -> u32:\n  <- 1\n");
  bool fixed = false;
  for (const aqua::Diagnostic &e : m->sink.all())
    if (e.kind == K::ModuleKeyword) {
      REQUIRE(e.fixits.size() == 1);
      CHECK(e.fixits[0].replacement == "aqua");
      CHECK(e.fixits[0].range.end - e.fixits[0].range.begin == 6);
      fixed = true;
    }
  CHECK(fixed);
}
