// The editor index the front end fills: each test checks a program and asks what a name at a
// place refers to, as hover, go-to-definition and rename do.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <set>

#include "compiler/driver/frontend.h"
#include "tests/support/corpus.h"

namespace fs = std::filesystem;
using aqua::sema::Symbol;
using aqua::sema::SymbolId;
using aqua::sema::SymbolKind;

namespace {

struct Indexed {
  aqua::SourceManager sources;
  aqua::DiagnosticSink sink;
  aqua::sema::SymbolIndex index;
  std::map<std::string, std::string> unsaved;
  aqua::FileId file;
  std::string text;
  bool ok = false;

  // Offset of the `nth` occurrence of `needle` in the main file, plus `shift`.
  uint32_t offset(std::string_view needle, int nth = 0, uint32_t shift = 0) const {
    size_t at = text.find(needle);
    for (int i = 0; i < nth && at != std::string::npos; ++i) at = text.find(needle, at + 1);
    REQUIRE(at != std::string::npos);
    return static_cast<uint32_t>(at) + shift;
  }
  // The symbol the name starting at that place refers to.
  const Symbol *at(std::string_view needle, int nth = 0, uint32_t shift = 0) const {
    const aqua::sema::Occurrence *o = index.at(file, offset(needle, nth, shift));
    return o ? &index[o->symbol] : nullptr;
  }
  SymbolId idAt(std::string_view needle, int nth = 0) const {
    const aqua::sema::Occurrence *o = index.at(file, offset(needle, nth));
    return o ? o->symbol : SymbolId{};
  }
  std::string textOf(aqua::SourceRange r) const { return text.substr(r.begin, r.end - r.begin); }
};

// Checks `text` as an unsaved buffer named /virtual/main.aqua (nothing on disk).
std::unique_ptr<Indexed> indexed(std::string text, std::string path = "/virtual/main.aqua") {
  auto r = std::make_unique<Indexed>();
  r->text = text;
  r->unsaved[path] = std::move(text);
  aqua::driver::Frontend frontend(r->sources, r->sink, aqua::sema::ImportResolver({}));
  frontend.setSymbolIndex(&r->index);
  frontend.setUnsavedFiles(&r->unsaved);
  r->ok = frontend.load(path).ok;
  for (uint32_t i = 1; i <= r->sources.llvm().getNumBuffers(); ++i)
    if (r->sources.path(aqua::FileId{i}) == path) r->file = aqua::FileId{i};
  return r;
}

const char *kProgram = R"(aqua Main declares *

-- A person we greet.
-- Two lines of doc.
data Person:
  name: string
  age: u32

alias Name: string

const GREETING = "hello"

service Greeter("greeter"):
  greet(p: Person) -> string
  shout(s: string) -> string

-- Adds two numbers.
func add(a: u32, b: u32) -> u32:
  <- a

func main(p: Person, items: []string) -> string:
  x <- Greeter.greet(p)
  y <- Greeter.shout(p.name)
  for item <- items:
    z <- Greeter.shout(item)
  n = add(p.age, 1)
  s: *string
  s <<- GREETING
  double = (v: u32) -> u32:
    <- add(v, v)
  m <- Greeter.shout(x)
  <- y
)";

} // namespace

TEST_CASE("top-level declarations carry kind, detail and doc", "[index]") {
  auto r = indexed(kProgram);
  REQUIRE(r->ok);
  const Symbol *person = r->at("Person:");
  REQUIRE(person);
  CHECK(person->kind == SymbolKind::Struct);
  CHECK(person->doc == "A person we greet.\nTwo lines of doc.");
  CHECK(r->textOf(person->name_range) == "Person");
  CHECK(r->textOf(person->extent).rfind("data Person:", 0) == 0);
  const Symbol *add = r->at("add(a");
  REQUIRE(add);
  CHECK(add->kind == SymbolKind::Function);
  CHECK(add->detail == "func add(a: u32, b: u32) -> u32");
  CHECK(add->doc == "Adds two numbers.");
  const Symbol *greeter = r->at("Greeter(");
  REQUIRE(greeter);
  CHECK(greeter->kind == SymbolKind::Service);
  CHECK(greeter->detail == "service Greeter(\"greeter\")");
  CHECK(r->index.childrenOf(r->idAt("Greeter(")).size() == 2);
  CHECK(r->at("GREETING =")->kind == SymbolKind::Constant);
  CHECK(r->at("Name:")->kind == SymbolKind::Alias);
}

TEST_CASE("references resolve to their declarations", "[index]") {
  auto r = indexed(kProgram);
  REQUIRE(r->ok);
  // A type in a signature, a parameter, a field, a service function, a function, a constant.
  CHECK(r->idAt("Person)") == r->idAt("Person:"));
  CHECK(r->idAt("p.name") == r->idAt("p: Person", 1));
  const Symbol *field = r->at("p.name", 0, 2);
  REQUIRE(field);
  CHECK(field->kind == SymbolKind::Field);
  CHECK(field->name == "name");
  CHECK(r->index[field->parent].name == "Person");
  CHECK(r->idAt("greet(p)") == r->idAt("greet(p: Person)"));
  CHECK(r->at("greet(p)")->kind == SymbolKind::ServiceFunction);
  CHECK(r->idAt("add(p.age") == r->idAt("add(a"));
  CHECK(r->idAt("GREETING\n") == r->idAt("GREETING ="));
  CHECK(r->idAt("Greeter.greet") == r->idAt("Greeter("));
  // Every use of `add`, declaration first.
  auto uses = r->index.occurrencesOf(r->idAt("add(a"));
  REQUIRE(uses.size() == 3);
  CHECK(uses[0].declaration);
  CHECK(r->textOf(uses[2].range) == "add");
}

TEST_CASE("locals: inferred types, streams, scopes of blocks, closures", "[index]") {
  auto r = indexed(kProgram);
  REQUIRE(r->ok);
  const Symbol *x = r->at("x <-");
  REQUIRE(x);
  CHECK(x->kind == SymbolKind::Variable);
  CHECK(x->detail == "string");
  CHECK(x->type_inferred);
  CHECK(r->index[x->parent].name == "main");
  CHECK(r->idAt("x)") == r->idAt("x <-"));
  const Symbol *s = r->at("s: *string");
  REQUIRE(s);
  CHECK(s->kind == SymbolKind::Stream);
  CHECK_FALSE(s->type_inferred);
  CHECK(r->idAt("s <<-") == r->idAt("s: *string"));
  const Symbol *p = r->at("p: Person", 1);
  CHECK(p->kind == SymbolKind::Parameter);
  CHECK(p->type == r->idAt("Person:")); // `.` after p completes Person's fields
  // `item` is visible inside the loop only; `z` inside its block only.
  auto namesAt = [&](uint32_t offset) {
    std::set<std::string> names;
    for (SymbolId id : r->index.localsBefore(r->file, offset)) names.insert(r->index[id].name);
    return names;
  };
  auto inLoop = namesAt(r->offset("z <-"));
  CHECK(inLoop.count("item"));
  CHECK(inLoop.count("x"));
  auto after = namesAt(r->offset("n = add"));
  CHECK_FALSE(after.count("item"));
  CHECK_FALSE(after.count("z"));
  CHECK(after.count("y"));
  // A closure and its parameter.
  const Symbol *dbl = r->at("double =");
  REQUIRE(dbl);
  CHECK(dbl->detail == "double(v: u32) -> u32");
  const Symbol *v = r->at("v, v)");
  REQUIRE(v);
  CHECK(v->kind == SymbolKind::Parameter);
  CHECK(r->index[v->parent].name == "double");
}

TEST_CASE("ranges are bytes on lines with non-ASCII text", "[index]") {
  auto r = indexed("aqua M declares *\n\nservice S(\"s\"):\n  f(a: string, b: string) -> string\n\n"
                   "func main() -> string:\n  x <- S.f(\"héllo ünïcode\", \"é\")\n  y <- S.f(\"ö\", x)\n  <- y\n");
  REQUIRE(r->ok);
  const Symbol *x = r->at("x)");
  REQUIRE(x);
  CHECK(x->name == "x");
  CHECK(r->textOf(x->name_range) == "x");
  auto uses = r->index.occurrencesOf(r->idAt("x <-"));
  REQUIRE(uses.size() == 2);
  CHECK(r->textOf(uses[1].range) == "x");
}

TEST_CASE("imported names refer to the declaration in the imported file", "[index]") {
  fs::path dir = fs::temp_directory_path() / "aquac-index-test";
  fs::create_directories(dir);
  std::ofstream(dir / "lib.aqua") << "aqua Lib declares *\n\n-- Doubles.\nfunc twice(x: u32) -> u32:\n  <- x\n";
  std::string main = "aqua Main declares *\n\nimport twice from \"lib.aqua\"\nuse \"lib.aqua\" as L\n\n"
                     "func main() -> u32:\n  a <- twice(1)\n  b <- L.twice(a)\n  <- b\n";
  std::string path = fs::weakly_canonical(dir / "main.aqua").string();
  auto r = indexed(main, path);
  INFO((r->sink.all().empty() ? "" : r->sink.all()[0].message));
  REQUIRE(r->ok);
  const Symbol *twice = r->at("twice(1)");
  REQUIRE(twice);
  CHECK(twice->doc == "Doubles.");
  CHECK(r->sources.path(twice->name_range.file).find("lib.aqua") != std::string_view::npos);
  CHECK(r->idAt("twice from") == r->idAt("twice(1)"));
  CHECK(r->idAt("twice(a)") == r->idAt("twice(1)"));
  CHECK(r->at("L.twice")->kind == SymbolKind::Module);
  fs::remove_all(dir);
}

TEST_CASE("every corpus program indexes with ranges inside its files", "[index][corpus]") {
  fs::path corpus = aqua::testing::sharedDir() / "conformance" / "compile";
  REQUIRE(fs::exists(corpus));
  size_t files = 0, occurrences = 0;
  for (const auto &entry : fs::recursive_directory_iterator(corpus)) {
    if (entry.path().extension() != ".aqua") continue;
    aqua::SourceManager sources;
    aqua::DiagnosticSink sink;
    aqua::sema::SymbolIndex index;
    std::vector<std::string> dirs{(fs::path(AQUA_SOURCE_DIR) / "stdlib").string()};
    aqua::driver::Frontend frontend(sources, sink, aqua::sema::ImportResolver(dirs));
    frontend.setSymbolIndex(&index);
    frontend.load(fs::weakly_canonical(entry.path()).string());
    ++files;
    for (const auto &o : index.occurrences()) {
      INFO(entry.path().string());
      REQUIRE(o.symbol.index < index.symbols().size());
      REQUIRE(o.range.file.valid());
      REQUIRE(o.range.begin <= o.range.end);
      REQUIRE(o.range.end <= sources.text(o.range.file).size());
      // A reference spells the name it refers to, or the name an import renamed it to (a `use`
      // prefix refers to its module).
      const Symbol &s = index[o.symbol];
      std::string_view text = sources.text(o.range.file);
      std::string spelled(text.substr(o.range.begin, o.range.end - o.range.begin));
      if (s.kind != SymbolKind::Module && spelled != s.name)
        CHECK(text.find(s.name + " as " + spelled) != std::string_view::npos);
      ++occurrences;
    }
  }
  CHECK(files > 100);
  CHECK(occurrences > 1000);
}
