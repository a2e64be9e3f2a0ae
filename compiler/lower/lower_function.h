// Entry point of the lowering: one exported function of a raw module -> AIR (air::Script).
#pragma once

#include "air/ast.h"
#include "compiler/lower/lowering_context.h"
#include "compiler/lower/raw.h"

namespace aqua::lower {

// The whole function as a resolved model (wrapper included). Throws LoweringError.
OpPtr lowerExportedFunction(const raw::Module &module, const raw::Func &func, const LowerOptions &options);

// The same as an air::Script.
air::Script lowerToScript(const raw::Module &module, const raw::Func &func, const LowerOptions &options);

} // namespace aqua::lower
