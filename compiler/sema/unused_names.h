// Warnings the reference compiler lacks, from the editor index of a checked file: locals and
// arguments never read, imports nothing is taken from. Only the file the user asked about is
// reported; its imports (libraries, the bundled stdlib) are not.
//
// A name is used when the index has a reference to it in the checked file other than its
// declaration and the import line that brings it: a read, a call, a type annotation, a push to a
// stream (`s <<- v`, `s <- f()`: writing to a stream is using it), an `export` of it, a `M.` prefix
// of a `use`d module. What the index cannot tell (which names sit on import lines, what the header
// re-exports, which arrows must keep their signature) comes from the front end in NameFacts.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "compiler/diag/diagnostic.h"
#include "compiler/sema/symbol_index.h"

namespace aqua::sema {

struct NameFacts {
  struct ImportItem {
    SourceRange name;             // the imported name on the import line (the index refers to it there)
    SourceRange item;             // `name` or `name as alias`
    std::string local;            // what the file calls it
    std::vector<SymbolId> brings; // its declaration(s) in the imported file
  };
  struct Import {
    SourceRange statement;        // the whole `import ...` line(s)
    SourceRange file;             // the quoted file name
    bool whole = false;           // `import "f"`: everything f declares
    std::vector<ImportItem> items; // `import a, b as c from "f"`
    std::vector<std::pair<std::string, SymbolId>> brings; // whole imports: each name with its declaration
  };
  std::vector<Import> imports;
  // The header's `declares`: an imported name the file declares is re-exported to its importers
  // (aqua-language.md 4.3), so it is not unused. `declares *` re-exports every import.
  bool declaresAll = false;
  std::set<std::string> declares;
  // Functions named by `export`: their arguments are the script's API (the client passes them by
  // name and position), so an unused one is not reported.
  std::set<uint32_t> exported;
  // Functions and closures passed, returned or stored as values: where they go fixes their
  // signature, so their unused arguments are not reported either.
  std::set<uint32_t> arrowValues;
  std::set<uint32_t> loopVariables; // `for x <- xs`, `for k, v <- m`, `parseq x <- xs on ...`
  std::set<uint32_t> caughtErrors;  // `catch e`
  // Names bound by position (`a, b <- f()`, `for k, v <- m`): one can only be dropped when no later
  // one is used.
  std::vector<std::vector<SymbolId>> positional;
};

void reportUnusedNames(const SymbolIndex &index, FileId file, std::string_view text, const NameFacts &facts,
                       DiagnosticSink &sink);

} // namespace aqua::sema
