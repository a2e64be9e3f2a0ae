// `--const NAME=VALUE` overrides for a raw module (values: numbers, true/false, "strings").
#pragma once

#include "compiler/lower/raw.h"

#include <string>
#include <vector>

namespace aqua::lower {

// Returns an error message for a malformed entry, or "" when all were applied.
std::string applyConstOverrides(raw::Module &module, const std::vector<std::string> &entries);

} // namespace aqua::lower
