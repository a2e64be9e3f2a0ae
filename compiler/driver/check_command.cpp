// `aquac check FILE... [-I DIR]... [--format text|json|sarif|github]`: parse and check, print
// every diagnostic, exit 1 when any is an error.
#include <memory>
#include <ostream>

#include "compiler/driver/frontend.h"
#include "compiler/driver/keep_until_exit.h"
#include "compiler/lower/compile_module.h"
#include "compiler/driver/options.h"

namespace aqua::driver {

void renderDiagnostics(const SourceManager &sources, DiagnosticSink &sink, DiagFormat format, bool color,
                       std::ostream &out);

int runCheck(const CheckOptions &options, std::ostream &out, std::ostream &err) {
  SourceManager sources;
  DiagnosticSink sink;
  for (const std::string &file : options.files) {
    auto owned = std::make_unique<Frontend>(sources, sink, sema::ImportResolver(options.importDirs));
    Frontend &frontend = options.disableFree ? keepUntilExit(std::move(owned)) : *owned;
    FrontendResult result = frontend.load(file);
    if (!result.ok) continue;
    // What check accepts must compile: run the lowering too and report what it cannot do.
    lower::LoweredModule lowered = lower::lowerModule(result.module, lower::LowerOptions{}, result.exportedServices);
    for (const std::string &error : lowered.errors) {
      FileId id;
      for (uint32_t i = 1; i <= sources.llvm().getNumBuffers(); ++i)
        if (sources.path(FileId{i}) == file) id = FileId{i};
      sink.emit(DiagKind::LoweringFailed, SourceRange{id, 0, 0}, error);
    }
  }
  // Machine formats go to stdout (for pipelines), text to stderr like a compiler's.
  bool machine = options.format != DiagFormat::Text;
  if (machine || !sink.all().empty()) renderDiagnostics(sources, sink, options.format, options.color, machine ? out : err);
  return sink.hasErrors() ? 1 : 0;
}

} // namespace aqua::driver
