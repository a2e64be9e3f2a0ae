// Parse-error reports byte for byte against the real AquaVM (npm @fluencelabs/avm 0.62.0): each
// data/aquavm_parse_errors*.json holds [{air, ret_code, message}] recorded with
// tests/tools/aquavm_parse_errors.mjs (ret_code 0: the script is valid).
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "air/parser.h"
#include "llvm/Support/JSON.h"

namespace fs = std::filesystem;

namespace {

std::string readAll(const fs::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

} // namespace

TEST_CASE("parse errors are reported as AquaVM reports them", "[air][parser][aquavm]") {
  fs::path dir = fs::path(AQUA_SOURCE_DIR) / "tests" / "unit" / "air_syntax" / "data";
  size_t cases = 0, failed = 0;
  for (const auto &entry : fs::directory_iterator(dir)) {
    std::string name = entry.path().filename().string();
    if (name.rfind("aquavm_parse_errors", 0) != 0) continue;
    auto json = llvm::json::parse(readAll(entry.path()));
    REQUIRE(static_cast<bool>(json));
    for (const llvm::json::Value &item : *json->getAsArray()) {
      const llvm::json::Object &o = *item.getAsObject();
      std::string air = o.getString("air")->str();
      int64_t retCode = *o.getInteger("ret_code");
      std::string expected = o.getString("message")->str();
      air::ParseResult r = air::parse(air);
      std::string actual = r.ok() ? "" : air::renderParseErrors(air, r.errors);
      if (retCode != 1) expected = ""; // a valid script (it ran, or failed at run time)
      ++cases;
      if (actual != expected) {
        ++failed;
        INFO(name << ": " << air);
        CHECK(actual == expected);
      }
    }
  }
  CHECK(cases > 0);
  CHECK(failed == 0);
}
