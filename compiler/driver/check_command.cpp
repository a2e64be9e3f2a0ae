// `aquac check`. Scaffold: replaced by the real implementation.
#include "compiler/driver/options.h"

#include <ostream>

namespace aqua::driver {

int runCheck(const CheckOptions &, std::ostream &, std::ostream &err) {
  err << "aquac check: not implemented yet\n";
  return 2;
}

} // namespace aqua::driver
