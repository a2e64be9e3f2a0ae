// The front end as one library call: parse Aqua files (ANTLR grammar + indentation token source),
// resolve imports, check names and types, and build the lowering's input (compiler/lower/raw.h)
// for one file with everything it imports.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/lower/raw.h"
#include "compiler/sema/import_resolver.h"

namespace aqua::driver {

struct FrontendResult {
  lower::raw::Module module;
  std::vector<std::string> exportedServices;
  bool ok = false;
};

class Frontend {
public:
  Frontend(SourceManager &sources, DiagnosticSink &diagnostics, sema::ImportResolver resolver);
  ~Frontend();

  // Loads `path` and its imports; diagnostics go to the sink. `ok` is false when any error was
  // reported.
  FrontendResult load(const std::string &path);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace aqua::driver
