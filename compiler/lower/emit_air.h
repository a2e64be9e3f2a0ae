// Emission: a topology-resolved model (no On nodes, every call/canon with a peer) -> air::Script.
#pragma once

#include "air/ast.h"
#include "compiler/lower/model.h"

namespace aqua::lower {

air::Script emitAir(const OpPtr &root);

} // namespace aqua::lower
