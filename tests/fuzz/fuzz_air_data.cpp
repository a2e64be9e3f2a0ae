// Fuzz target: arbitrary bytes as particle data (decoding and merging prev/current data) under a
// few fixed scripts that touch every kind of trace entry (call, par, fold, canon, ap).
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "fuzz_air_common.h"
#include "fuzz_split.h"

namespace {
const std::string_view kScripts[] = {
    R"((null))",
    R"((seq (call %init_peer_id% ("s" "f") [] x) (call %init_peer_id% ("s" "g") [x] y)))",
    R"((par (call %init_peer_id% ("s" "f") [] $a) (call "other" ("s" "g") [] $a)))",
    R"((seq (call %init_peer_id% ("s" "xs") [] xs) (fold xs i (seq (ap i $s) (next i)))))",
    R"((seq (seq (call %init_peer_id% ("s" "f") [] $r) (canon %init_peer_id% $r #c)) (xor (match #c.length 1 (null)) (fail 1 "x"))))",
    R"((seq (call %init_peer_id% ("s" "xs") [] xs) (fold xs i (par (call %init_peer_id% ("s" "f") [i] $r) (next i)))))",
    R"((seq (ap ("k" 1) %m) (canon %init_peer_id% %m #%c)))",
    R"((new $s (seq (call %init_peer_id% ("s" "f") [] $s) (never))))",
};
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  static air::Interpreter interpreter(aqua::fuzz::fuzzLimits());
  if (size == 0)
    return 0;
  std::string_view script = kScripts[data[0] % std::size(kScripts)];
  auto parts = aqua::fuzz::splitParts(data + 1, size - 1, 2);
  air::Outcome outcome = interpreter.invoke(script, parts[0], parts[1], aqua::fuzz::fuzzParams(), {});
  aqua::fuzz::checkOutcome(outcome);
  return 0;
}
