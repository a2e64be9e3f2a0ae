// `aquac compile`. Scaffold: replaced by the real implementation.
#include "compiler/driver/options.h"

#include <ostream>

namespace aqua::driver {

int runCompile(const CompileOptions &, std::ostream &, std::ostream &err) {
  err << "aquac compile: not implemented yet\n";
  return 2;
}

} // namespace aqua::driver
