// `aquac check FILE... [-I DIR]... [--format text|json|sarif|github]`: parse and check, print
// every diagnostic, exit 1 when any is an error.
#include <ostream>

#include "compiler/driver/frontend.h"
#include "compiler/driver/options.h"

namespace aqua::driver {

void renderDiagnostics(const SourceManager &sources, DiagnosticSink &sink, DiagFormat format, bool color,
                       std::ostream &out);

int runCheck(const CheckOptions &options, std::ostream &out, std::ostream &err) {
  SourceManager sources;
  DiagnosticSink sink;
  for (const std::string &file : options.files) {
    Frontend frontend(sources, sink, sema::ImportResolver(options.importDirs));
    frontend.load(file);
  }
  // Machine formats go to stdout (for pipelines), text to stderr like a compiler's.
  bool machine = options.format != DiagFormat::Text;
  if (machine || !sink.all().empty()) renderDiagnostics(sources, sink, options.format, options.color, machine ? out : err);
  return sink.hasErrors() ? 1 : 0;
}

} // namespace aqua::driver
