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
#include "compiler/sema/symbol_index.h"

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

  // For editors: record declarations and references into `index` while loading (null: don't).
  void setSymbolIndex(sema::SymbolIndex *index);
  // For editors: texts to use instead of the files on disk, by the path the resolver produces
  // (absolute, normalised). The map must outlive load().
  void setUnsavedFiles(const std::map<std::string, std::string> *files);
  // `--const NAME=VALUE` entries the lowering will apply: those constants' values in the file are
  // not known, so conditions on them are not reported as constant.
  void setConstantOverrides(const std::vector<std::string> &entries);

private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

} // namespace aqua::driver
