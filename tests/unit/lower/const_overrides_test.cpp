// `--const` parsing.
#include "compiler/lower/const_overrides.h"

#include <catch2/catch.hpp>

using namespace aqua::lower;

TEST_CASE("const overrides: --const accepts NAME=VALUE and NAME = VALUE literals") {
  raw::Module m;
  CHECK(applyConstOverrides(m, {"K=7", "NAME = \"x\"", "FLAG = true", "F=-1.5"}).empty());
  CHECK(m.constants.at("K")->text == "7");
  CHECK(m.constants.at("NAME")->text == "\"x\"");
  CHECK(m.constants.at("FLAG")->text == "true");
  CHECK(m.constants.at("F")->text == "-1.5");
  CHECK(applyConstOverrides(m, {"lower=1"}) == "Invalid constant definition 'lower=1'.");
  CHECK(applyConstOverrides(m, {"K=abc"}) == "Invalid constant definition 'K=abc'.");
}
