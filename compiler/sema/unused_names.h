// Warnings the reference compiler lacks, from the editor index of a checked file: locals and
// arguments never read, imports nothing is taken from. Only the file the user asked about is
// reported; its imports (libraries, the bundled stdlib) are not.
#pragma once

#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/sema/symbol_index.h"

namespace aqua::sema {

// An `import "file"` of the whole file, with every file it makes names visible from (the file and
// what it imports in turn).
struct WholeImport {
  SourceRange at; // the file name in the import line
  std::vector<FileId> provides;
};

void reportUnusedNames(const SymbolIndex &index, FileId file, std::string_view text,
                       const std::vector<WholeImport> &wholeImports, DiagnosticSink &sink);

} // namespace aqua::sema
