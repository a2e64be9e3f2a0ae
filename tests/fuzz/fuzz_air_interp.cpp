// Fuzz target: AIR script x prev data x current data x call results, the whole invoke() surface a
// node exposes to the network. Parts are separated by "\n%%%%\n"; call results are lines
// "ID RETCODE JSON" (e.g. `1 0 {"a": [1]}`).
#include <charconv>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "fuzz_air_common.h"
#include "fuzz_split.h"

namespace {

air::CallResults parseCallResults(std::string_view text) {
  air::CallResults results;
  while (!text.empty() && results.size() < 64) {
    size_t eol = text.find('\n');
    std::string_view line = text.substr(0, eol);
    text.remove_prefix(eol == std::string_view::npos ? text.size() : eol + 1);
    uint32_t id = 0;
    int32_t code = 0;
    auto r1 = std::from_chars(line.data(), line.data() + line.size(), id);
    if (r1.ec != std::errc() || r1.ptr == line.data() + line.size())
      continue;
    auto r2 = std::from_chars(r1.ptr + 1, line.data() + line.size(), code);
    if (r2.ec != std::errc())
      continue;
    std::string_view json(r2.ptr, line.data() + line.size() - r2.ptr);
    if (!json.empty())
      json.remove_prefix(1);
    results[id] = air::CallResult{code, std::string(json)};
  }
  return results;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static air::Interpreter interpreter(aqua::fuzz::fuzzLimits());
  auto parts = aqua::fuzz::splitParts(data, size, 4);
  air::CallResults results = parseCallResults(parts[3]);
  air::Outcome outcome =
      interpreter.invoke(parts[0], parts[1], parts[2], aqua::fuzz::fuzzParams(), results);
  aqua::fuzz::checkOutcome(outcome);
  // Answer every call request of the outcome and invoke again: exercises the resume path.
  if (outcome.retCode == 0 && !outcome.callRequests.empty()) {
    air::CallResults answers;
    for (const auto &[id, request] : outcome.callRequests)
      answers[id] = air::CallResult{0, request.argumentsJson};
    air::Outcome next = interpreter.invoke(parts[0], outcome.data, {}, aqua::fuzz::fuzzParams(), answers);
    aqua::fuzz::checkOutcome(next);
  }
  return 0;
}
