// Fuzz target: arbitrary bytes as an AIR script (parser, validation, execution with empty data).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_air_common.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static air::Interpreter interpreter(aqua::fuzz::fuzzLimits());
  std::string_view script(reinterpret_cast<const char *>(data), size);
  air::Outcome outcome = interpreter.invoke(script, {}, {}, aqua::fuzz::fuzzParams(), {});
  aqua::fuzz::checkOutcome(outcome);
  // Feeding the produced data back must work: our own output is always valid input.
  if (outcome.retCode == 0 && !outcome.data.empty()) {
    air::Outcome again = interpreter.invoke(script, outcome.data, outcome.data,
                                            aqua::fuzz::fuzzParams(), {});
    aqua::fuzz::checkOutcome(again);
  }
  return 0;
}
