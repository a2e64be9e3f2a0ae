#include "compiler/lsp/analysis.h"

#include "compiler/driver/frontend.h"
#include "compiler/lower/compile_module.h"

namespace aqua::lsp {

FileId Analysis::fileOf(std::string_view p) const {
  for (uint32_t i = 1; i <= sources.llvm().getNumBuffers(); ++i)
    if (sources.path(FileId{i}) == p) return FileId{i};
  return {};
}

const LineIndex &Analysis::lines(FileId file) const {
  auto it = lines_.find(file.index);
  if (it == lines_.end()) it = lines_.emplace(file.index, LineIndex(sources.text(file))).first;
  return it->second;
}

std::unique_ptr<Analysis> analyze(const std::string &path, const std::map<std::string, std::string> &unsaved,
                                  const std::vector<std::string> &importDirs, bool lower) {
  auto a = std::make_unique<Analysis>();
  a->path = path;
  // A file of many megabytes takes seconds and gigabytes to check: the editor gets a note instead.
  if (auto u = unsaved.find(path); u != unsaved.end() && u->second.size() > kMaxAnalyzedBytes) {
    a->main = a->sources.addFile(path, u->second);
    a->diagnostics.emit(DiagKind::TooLargeForEditor, SourceRange{a->main, 0, 0},
                        std::to_string(u->second.size() >> 20), std::to_string(kMaxAnalyzedBytes >> 20));
    return a;
  }
  driver::Frontend frontend(a->sources, a->diagnostics, sema::ImportResolver(importDirs));
  frontend.setSymbolIndex(&a->index);
  frontend.setUnsavedFiles(&unsaved);
  driver::FrontendResult result;
  try {
    result = frontend.load(path);
  } catch (const std::exception &e) {
    // The front end reports bad input as diagnostics; anything thrown is our bug, shown as one.
    a->main = a->fileOf(path);
    a->diagnostics.emit(DiagKind::InternalError, SourceRange{a->main, 0, 0}, e.what());
    return a;
  }
  a->main = a->fileOf(path);
  a->indexed = a->main.valid() && !a->index.topLevel(a->main).empty();
  // What check accepts must compile: as `aquac check`, report what the lowering cannot do.
  if (result.ok && lower) {
    lower::LoweredModule lowered = lower::lowerModule(result.module, lower::LowerOptions{}, result.exportedServices);
    for (const std::string &error : lowered.errors)
      a->diagnostics.emit(DiagKind::LoweringFailed, SourceRange{a->main, 0, 0}, error);
  }
  return a;
}

} // namespace aqua::lsp
