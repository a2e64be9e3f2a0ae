// `aquac run`. Scaffold: replaced by the real implementation.
#include "compiler/driver/options.h"

#include <ostream>

namespace aqua::driver {

int runRun(const RunOptions &, std::ostream &, std::ostream &err) {
  err << "aquac run: not implemented yet\n";
  return 2;
}

} // namespace aqua::driver
