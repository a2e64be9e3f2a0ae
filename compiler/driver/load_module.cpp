// loadLoweredModule: the front end (parse, imports, checks -> raw model) followed by lowering.
// Diagnostics are rendered to `err` in the requested format.
#include <memory>
#include <ostream>

#include "compiler/diag/render.h"
#include "compiler/driver/compile_to_air.h"
#include "compiler/driver/frontend.h"
#include "compiler/driver/keep_until_exit.h"
#include "compiler/lower/const_overrides.h"

namespace aqua::driver {

void renderDiagnostics(const SourceManager &sources, DiagnosticSink &sink, DiagFormat format, bool color,
                       std::ostream &out) {
  sink.sort();
  switch (format) {
  case DiagFormat::Text: renderText(sources, sink.all(), out, RenderOptions{color}); break;
  case DiagFormat::Json: renderJson(sources, sink.all(), out); break;
  case DiagFormat::Sarif: renderSarif(sources, sink.all(), out); break;
  case DiagFormat::Github: renderGithub(sources, sink.all(), out); break;
  }
}

std::optional<lower::LoweredModule> loadLoweredModule(const std::string &file, const CompileOptions &options,
                                                      std::ostream &err) {
  SourceManager sources;
  DiagnosticSink sink;
  auto owned = std::make_unique<Frontend>(sources, sink, sema::ImportResolver(options.importDirs));
  Frontend &frontend = options.disableFree ? keepUntilExit(std::move(owned)) : *owned;
  frontend.setConstantOverrides(options.constants);
  FrontendResult result = frontend.load(file);
  if (!sink.all().empty()) renderDiagnostics(sources, sink, options.format, options.color, err);
  if (!result.ok) return std::nullopt;
  std::string constError = lower::applyConstOverrides(result.module, options.constants);
  if (!constError.empty()) {
    err << "aquac: error: " << constError << "\n";
    return std::nullopt;
  }
  lower::LowerOptions lowerOptions;
  lowerOptions.relay = !options.noRelay;
  lowerOptions.noXor = options.noXor;
  return lower::lowerModule(result.module, lowerOptions, result.exportedServices);
}

} // namespace aqua::driver
