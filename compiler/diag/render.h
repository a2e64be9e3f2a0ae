// Diagnostic consumers: text (clang-style with source excerpt, caret range, notes and fix-its),
// JSON (one array for CI and editors), SARIF 2.1.0 (code scanning) and GitHub workflow
// annotations. All take the same Diagnostic objects.
#pragma once

#include <ostream>
#include <vector>

#include "compiler/diag/diagnostic.h"

namespace aqua {

struct RenderOptions {
  bool color = false;
};

void renderText(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out,
                RenderOptions options = {});
void renderJson(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out);
void renderSarif(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out);
void renderGithub(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out);

std::string_view severityName(Severity severity);

} // namespace aqua
