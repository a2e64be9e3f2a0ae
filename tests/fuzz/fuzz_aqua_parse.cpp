// Fuzz target: the descent parser against the generated parser (tests/support/descent_agreement.h).
// A finding is an input the descent parser accepts while the generated parser rejects it, or
// where the two build different trees: `aquac` would then compile something else than the
// grammar says.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <stdexcept>
#include <string>

#include "tests/support/descent_agreement.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  std::string text(reinterpret_cast<const char *>(data), size);
  if (text.find('\0') != std::string::npos) return 0; // the front end rejects binary files first
  aqua::testing::Outcome outcome;
  try {
    outcome = aqua::testing::parseBothWays(text);
  } catch (const std::range_error &) {
    return 0; // not UTF-8: rejected before lexing
  }
  if (outcome.descentParsed && !outcome.generatedParsed) {
    std::fprintf(stderr, "descent parser accepted a file the generated parser rejects\n");
    std::abort();
  }
  if (outcome.descentParsed && outcome.descentTree != outcome.generatedTree) {
    std::fprintf(stderr, "different trees\n descent:   %s\n generated: %s\n", outcome.descentTree.c_str(),
                 outcome.generatedTree.c_str());
    std::abort();
  }
  return 0;
}
