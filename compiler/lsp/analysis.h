// One run of the front end for the language server: the sources it read, what it reported and
// the symbol index, kept as long as the texts it was built from are current.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/diag/source_manager.h"
#include "compiler/lsp/documents.h"
#include "compiler/sema/symbol_index.h"

namespace aqua::lsp {

struct Analysis {
  SourceManager sources;
  DiagnosticSink diagnostics;
  sema::SymbolIndex index;
  std::string path;   // the analysed file
  FileId main;        // its id in `sources` (invalid when it could not be read)
  bool indexed = false; // the main file parsed: its declarations are in the index

  FileId fileOf(std::string_view path) const;
  // Whether the analysis read `path` (the file itself or one of its imports).
  bool reads(std::string_view path) const { return fileOf(path).valid(); }
  std::string_view text(FileId file) const { return sources.text(file); }
  // Line tables of the analysed files (the main one is the document's own text).
  const LineIndex &lines(FileId file) const;

private:
  mutable std::map<uint32_t, LineIndex> lines_;
};

// Open documents larger than this are not checked (a 10 MB file takes ~15 s and ~3 GB).
inline constexpr size_t kMaxAnalyzedBytes = size_t(4) << 20;

// Checks `path` (its text from `unsaved` when open in the editor) with everything it imports, as
// `aquac check` would, and records the symbol index. `lower`: also run the lowering to AIR, as
// `aquac check` does, to report what it cannot compile (13% of a re-check: done on open and save,
// not on every keystroke).
std::unique_ptr<Analysis> analyze(const std::string &path, const std::map<std::string, std::string> &unsaved,
                                  const std::vector<std::string> &importDirs, bool lower = true);

} // namespace aqua::lsp
