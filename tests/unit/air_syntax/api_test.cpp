// Public syntax API details: error positions, the display-string alias, air::validate, and the
// print/parse round trip over the reference compiler's AIR (shared/conformance/compile).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "air/parser.h"
#include "air/printer.h"
#include "air/validator.h"
#include "llvm/Support/JSON.h"
#include "tests/support/corpus.h"

namespace fs = std::filesystem;

namespace {

const fs::path kCompile = aqua::testing::sharedDir() / "conformance" / "compile";

std::string readText(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace

TEST_CASE("parse errors carry 1-based line and column in characters", "[air][parser]") {
  std::string text = "(seq\n (call %init_peer_id% (\"s\" \"f\") [] x)\n (call \"é\" (\"s\" \"f\") [y])\n)";
  air::ParseResult r = air::parse(text);
  REQUIRE(r.errors.size() == 1);
  CHECK(r.errors[0].message == "variable 'y' wasn't defined");
  CHECK(r.errors[0].line == 3);
  CHECK(r.errors[0].column == 2);
  air::LineCol lc = air::lineColOf(text, r.errors[0].span.begin);
  CHECK(lc.line == 3);
  CHECK(lc.column == 2);

  air::ParseResult lexical = air::parse("(seq (null)\n   \"open");
  REQUIRE_FALSE(lexical.ok());
  CHECK(lexical.errors[0].line == 2);
  CHECK(lexical.errors[0].column == 4);
}

TEST_CASE("printInstructionDisplay gives AquaVM's instruction strings", "[air][printer]") {
  air::ParseResult r = air::parse(
      "(seq (call %init_peer_id% (\"s\" \"f\") [1 \"a\" []] r) (xor (fail 5 \"m\") (fold r.$.[0]! i (next i))))");
  REQUIRE(r.ok());
  const air::Script &s = r.script;
  air::InstrId call = s[s.root].child[0];
  air::InstrId xorId = s[s.root].child[1];
  CHECK(air::printInstructionDisplay(s, call) == "call %init_peer_id% (\"s\" \"f\") [1 \"a\" []] r");
  CHECK(air::printInstructionDisplay(s, s[xorId].child[0]) == "fail 5 \"m\"");
  CHECK(air::printInstructionDisplay(s, s[xorId].child[1]) == "fold r.$.[0]! i");
  CHECK(air::printInstructionDisplay(s, s.root) == "seq");
}

TEST_CASE("air::validate on text and on built scripts", "[air][validator]") {
  CHECK(air::validate("(null)").empty());
  auto errors = air::validate("(call x (\"s\" \"f\") [])");
  REQUIRE(errors.size() == 1);
  CHECK(errors[0].message == "variable 'x' wasn't defined");

  // A script built by hand (no spans), as the compiler's lowering does.
  air::Script built;
  air::Value peer;
  peer.kind = air::ValueKind::Scalar;
  peer.text = "nobody";
  air::Value svc;
  svc.kind = air::ValueKind::String;
  svc.text = "s";
  air::Instr call;
  call.kind = air::InstrKind::Call;
  call.v[0] = built.add(peer);
  call.v[1] = built.add(svc);
  call.v[2] = built.add(svc);
  built.root = built.add(call);
  auto builtErrors = air::validate(built);
  REQUIRE(builtErrors.size() == 1);
  CHECK(builtErrors[0].message == "variable 'nobody' wasn't defined");
  CHECK(air::validate(air::Script{}).size() == 1);
}

TEST_CASE("print then parse round-trips the reference compiler's AIR", "[air][printer]") {
  size_t functions = 0, identical = 0, rejected = 0;
  if (!fs::exists(kCompile)) return;
  for (const auto &entry : fs::directory_iterator(kCompile)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 14 || name.substr(name.size() - 14) != ".expected.json") continue;
    auto json = llvm::json::parse(readText(entry.path()));
    REQUIRE(static_cast<bool>(json));
    const llvm::json::Object *fns = json->getAsObject()->getObject("functions");
    if (!fns) continue;
    for (const auto &[fn, def] : *fns) {
      auto air = def.getAsObject()->getString("air");
      if (!air) continue;
      INFO(name << " " << fn.str());
      air::ParseResult first = air::parse(*air);
      if (!first.ok()) { // the reference compiler emits a few scripts AquaVM rejects
        ++rejected;
        continue;
      }
      std::string printed = air::print(first.script);
      air::ParseResult second = air::parse(printed);
      REQUIRE(second.ok());
      CHECK(air::print(second.script) == printed);
      ++functions;
      if (printed == *air) ++identical;
    }
  }
  CHECK(functions > 100);
  CHECK(rejected < 5);
  // The reference compiler's own text is reproduced byte for byte.
  CHECK(identical == functions);
}
