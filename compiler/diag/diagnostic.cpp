#include "compiler/diag/diagnostic.h"

#include <algorithm>

namespace aqua {

namespace {
constexpr DiagKindInfo kInfos[] = {
#define AQUA_DIAG(Name, code, severity, format) {#Name, code, Severity::severity, format},
#include "compiler/diag/kinds.def"
};
} // namespace

const DiagKindInfo &info(DiagKind kind) { return kInfos[static_cast<size_t>(kind)]; }

Diagnostic &DiagnosticSink::add(Diagnostic diagnostic) {
  if (diagnostic.severity == Severity::Error) ++errors_;
  diagnostics_.push_back(std::move(diagnostic));
  return diagnostics_.back();
}

void DiagnosticSink::sort() {
  std::stable_sort(diagnostics_.begin(), diagnostics_.end(), [](const Diagnostic &a, const Diagnostic &b) {
    if (a.range.file.index != b.range.file.index) return a.range.file.index < b.range.file.index;
    return a.range.begin < b.range.begin;
  });
}

} // namespace aqua
