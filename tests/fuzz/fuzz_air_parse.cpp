// Fuzz target: the AIR parser and printer alone. Any bytes end in a Script or in errors (never a
// crash, hang or deep recursion); errors render; a parsed script prints to text that parses
// again to a script that prints identically (print is a fixed point after one round).
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

#include "air/parser.h"
#include "air/printer.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  if (size > (1u << 20))
    return 0;
  std::string_view text(reinterpret_cast<const char *>(data), size);
  for (bool validate : {true, false}) {
    air::ParseResult parsed = air::parse(text, {validate});
    if (!parsed.ok()) {
      for (const auto &e : parsed.errors)
        if (e.span.begin > e.span.end || e.span.end > size || e.message.empty())
          __builtin_trap(); // spans must lie inside the text, messages must say something
      std::string report = air::renderParseErrors(text, parsed.errors);
      if (report.empty())
        __builtin_trap();
      continue;
    }
    std::string once = air::print(parsed.script);
    air::ParseResult again = air::parse(once, {validate});
    if (!again.ok())
      __builtin_trap(); // the printer wrote AIR its own parser rejects
    if (air::print(again.script) != once)
      __builtin_trap(); // printing is not stable
  }
  return 0;
}
