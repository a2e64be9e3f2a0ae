// AIR parser, printer and validator: every AIR in the shared conformance corpora parses, prints,
// and re-parses to the same text; AquaVM's parse-time errors come out with its wording.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "air/parser.h"
#include "air/printer.h"
#include "llvm/Support/JSON.h"
#include "tests/support/corpus.h"

namespace fs = std::filesystem;

namespace {

const fs::path kShared = aqua::testing::sharedDir() / "conformance";

std::string readFile(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// All AIR texts of scenario files in `dir` ("air" field), keyed by file name.
std::vector<std::pair<std::string, std::string>> scenarioAirs(const fs::path &dir) {
  std::vector<std::pair<std::string, std::string>> out;
  if (!fs::exists(dir)) return out;
  for (const auto &entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.size() < 14 || name.substr(name.size() - 14) != ".scenario.json") continue;
    auto json = llvm::json::parse(readFile(entry.path()));
    REQUIRE(static_cast<bool>(json));
    if (auto *obj = json->getAsObject())
      if (auto air = obj->getString("air")) out.emplace_back(name, air->str());
  }
  std::sort(out.begin(), out.end());
  return out;
}

air::ParseResult parseOk(const std::string &text) {
  air::ParseResult result = air::parse(text);
  INFO(air::renderParseErrors(text, result.errors));
  REQUIRE(result.ok());
  return result;
}

} // namespace

TEST_CASE("print then parse round-trips every conformance AIR", "[air][printer]") {
  size_t checked = 0;
  for (const char *corpus : {"air", "run"}) {
    for (auto &[name, text] : scenarioAirs(kShared / corpus)) {
      air::ParseResult first = air::parse(text);
      if (!first.ok()) continue; // cases about parse errors; checked below
      INFO(name);
      std::string printed = air::print(first.script);
      air::ParseResult second = parseOk(printed);
      CHECK(air::print(second.script) == printed);
      ++checked;
    }
  }
  CHECK(checked > 200);
}

TEST_CASE("the printer reproduces the reference compiler's layout", "[air][printer]") {
  // Compiled AIR in the run corpus is printed by the reference compiler: ours must be identical.
  size_t identical = 0, total = 0;
  for (auto &[name, text] : scenarioAirs(kShared / "run")) {
    air::ParseResult result = air::parse(text);
    if (!result.ok()) continue;
    ++total;
    if (air::print(result.script) == text) ++identical;
    else INFO(name);
  }
  CHECK(total > 100);
  CHECK(identical == total);
}

TEST_CASE("parse-time errors use AquaVM's messages", "[air][parser]") {
  for (const char *name : {"variable_not_found_parse_time", "number_literal_u64_overflow",
                           "number_literal_exponent", "canon_single_char_name_lambda"}) {
    INFO(name);
    auto scenario = llvm::json::parse(readFile(kShared / "air" / (std::string(name) + ".scenario.json")));
    auto expected = llvm::json::parse(readFile(kShared / "air" / (std::string(name) + ".expected.json")));
    REQUIRE(static_cast<bool>(scenario));
    REQUIRE(static_cast<bool>(expected));
    std::string text = scenario->getAsObject()->getString("air")->str();
    air::ParseResult result = air::parse(text);
    REQUIRE_FALSE(result.ok());
    CHECK(air::renderParseErrors(text, result.errors) ==
          expected->getAsObject()->getString("final_error_message")->str());
  }
}

TEST_CASE("validator rules", "[air][validator]") {
  auto firstError = [](const std::string &text) {
    air::ParseResult r = air::parse(text);
    return r.errors.empty() ? std::string() : r.errors.front().message;
  };
  CHECK(firstError("(call \"p\" (\"s\" \"f\") [x] x)") == "variable 'x' wasn't defined");
  CHECK(firstError("(next i)") == "iterable 'i' wasn't defined");
  CHECK(firstError("(fail 0 \"m\")") == "error code 0 with fail is unsupported");
  CHECK(firstError("(fold [] i (seq (next i) (next i)))") ==
        "multiple next instructions for iterator 'i' found for one fold, that is prohibited");
  CHECK(firstError("(fold [] i (new i (null)))") == "new can't be applied to a 'i' because it's an iterator");
  CHECK(firstError("(fold [] i (fold [] i (null)))") == "multiple iterable values found for iterator name 'i'");
  CHECK(firstError("(seq (ap 1 $s) (fold $s i (seq (next i) (null))))") == "fold can not have instructions after next");
  CHECK(firstError("(seq (ap 1 $s) (fold $s i (seq (null) (next i))))").empty());
  CHECK(firstError("(fold [] i (seq (next i) (null)))").empty());
  CHECK(firstError("(fold $s i (next i))") == "variable '$s' wasn't defined");
  CHECK(firstError("(seq (call %init_peer_id% (\"s\" \"f\") [] x) (call x.$.a.[0]! (\"s\" \"f\") [x.length]))").empty());
  CHECK(firstError("(call \"p\" (\"s\" \"f\") [\"unclosed)").find("unclosed quote") != std::string::npos);
  CHECK(firstError("(ap 1.234567891234 x)") == "this float is too big, a float could contain less than 12 digits");
  CHECK(firstError("(ap .5 x)").find("leading dot") == 0);
  CHECK(firstError("(seq (null))") == "expected \"(\"");
  CHECK(firstError("(null) (null)") == "expected <nothing>"); // AquaVM: an extra instruction is unexpected
  CHECK_FALSE(firstError("").empty());
  CHECK_FALSE(firstError("(bogus)").empty());
}

TEST_CASE("deep nesting parses and prints without recursion", "[air][parser]") {
  const int depth = 200000;
  std::string text;
  for (int i = 0; i < depth; ++i) text += "(seq (null) ";
  text += "(null)";
  text.append(depth, ')');
  air::ParseResult result = parseOk(text);
  CHECK(result.script.instrs.size() == 2 * depth + 1);
  // Printing indents one space per level, so print a subtree of moderate depth.
  air::InstrId inner = result.script.root;
  for (int i = 0; i < depth - 3000; ++i) inner = result.script[inner].child[1];
  CHECK(air::print(result.script, inner).size() > 3000u * 3000u / 2);
}

TEST_CASE("hostile bytes never crash the parser", "[air][parser]") {
  std::string text = "(seq (call %init_peer_id% (\"s\" \"f\") [] x) (call x (\"s\" \"f\") [x.$.[0]] y))";
  uint32_t seed = 12345;
  for (int round = 0; round < 20000; ++round) {
    std::string mutated = text;
    for (int k = 0; k < 3; ++k) {
      seed = seed * 1103515245u + 12345u;
      size_t pos = (seed >> 8) % mutated.size();
      seed = seed * 1103515245u + 12345u;
      mutated[pos] = static_cast<char>(seed >> 16);
    }
    air::ParseResult result = air::parse(mutated);
    if (result.ok()) CHECK_FALSE(air::print(result.script).empty());
    else CHECK_FALSE(air::renderParseErrors(mutated, result.errors).empty());
  }
}
