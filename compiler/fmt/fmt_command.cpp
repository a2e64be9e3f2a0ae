// `aquac fmt`. Scaffold: replaced by the real implementation.
#include "compiler/driver/options.h"

#include <ostream>

namespace aqua::driver {

int runFmt(const FmtOptions &, std::ostream &, std::ostream &err) {
  err << "aquac fmt: not implemented yet\n";
  return 2;
}

} // namespace aqua::driver
