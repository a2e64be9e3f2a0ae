#include "compiler/diag/diagnostic.h"

#include <algorithm>

#include <fmt/args.h>
#include <fmt/format.h>

namespace aqua {

namespace {
constexpr DiagKindInfo kInfos[] = {
#define AQUA_DIAG(Name, code, severity, format) {#Name, code, Severity::severity, format},
#include "compiler/diag/kinds.def"
};
} // namespace

const DiagKindInfo &info(DiagKind kind) { return kInfos[static_cast<size_t>(kind)]; }

std::string formatMessage(std::string_view format, std::initializer_list<std::string> args) {
  fmt::dynamic_format_arg_store<fmt::format_context> store;
  for (const std::string &arg : args) store.push_back(std::string_view(arg));
  return fmt::vformat(format, store);
}

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
