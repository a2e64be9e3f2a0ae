// In-process compilation entry points of `aquac compile` (compile_command.cpp), also used by
// `aquac run` to compile a scenario's `aqua` + `func`.
#pragma once

#include "air/ast.h"
#include "compiler/driver/options.h"
#include "compiler/lower/compile_module.h"

#include <iosfwd>
#include <optional>
#include <string>

namespace aqua::driver {

// Loads and checks `file` (imports, constants and flags from `options`), then lowers every
// exported function. Diagnostics go to `err`; nullopt when the file has errors.
std::optional<lower::LoweredModule> loadLoweredModule(const std::string &file, const CompileOptions &options,
                                                      std::ostream &err);

// The AIR text of exported function `function` of `file`; nullopt (diagnostics in `err`) on errors.
std::optional<std::string> compileToAir(const std::string &file, const std::string &function,
                                        const CompileOptions &options, std::ostream &err);

// The AIR text of a lowered script (runtime-air's printer).
std::string printAir(const air::Script &script);

} // namespace aqua::driver
