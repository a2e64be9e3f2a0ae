// A raw module's exported functions -> AIR scripts plus signatures and exported services, the
// data every output target (air, json, ts, js) is written from.
#pragma once

#include "air/ast.h"
#include "compiler/lower/lower_function.h"
#include "compiler/lower/raw.h"

#include <string>
#include <vector>

namespace aqua::lower {

struct LoweredFunction {
  std::string name;          // public (export) name
  air::Script script;
  std::string signatureJson; // aqua-language.md 7.3
};

struct LoweredModule {
  std::vector<LoweredFunction> functions;                         // in export order
  std::vector<std::pair<std::string, std::string>> services;     // (name, definition JSON)
  std::vector<std::string> errors;                                // lowering failures, per function
};

LoweredModule lowerModule(const raw::Module &module, const LowerOptions &options,
                          const std::vector<std::string> &exportedServices = {});

} // namespace aqua::lower
