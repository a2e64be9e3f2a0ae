#include "compiler/sema/unused_names.h"

#include <algorithm>
#include <set>

namespace aqua::sema {

namespace {

// The line of `text` containing `offset`, without its indentation.
std::string_view lineAt(std::string_view text, uint32_t offset) {
  size_t begin = text.rfind('\n', offset == 0 ? 0 : offset - 1);
  begin = begin == std::string_view::npos || offset == 0 ? 0 : begin + 1;
  size_t end = text.find('\n', offset);
  std::string_view line = text.substr(begin, (end == std::string_view::npos ? text.size() : end) - begin);
  while (!line.empty() && (line.front() == ' ' || line.front() == '\t')) line.remove_prefix(1);
  return line;
}

bool startsWithWord(std::string_view line, std::string_view word) {
  return line.substr(0, word.size()) == word && line.size() > word.size() &&
         (line[word.size()] == ' ' || line[word.size()] == '\t');
}

// Naming a symbol in `import a from`, `use ... as M` or `export a` is not using it.
bool onImportLine(std::string_view text, uint32_t offset) {
  std::string_view line = lineAt(text, offset);
  return startsWithWord(line, "import") || startsWithWord(line, "use") || startsWithWord(line, "from");
}

} // namespace

void reportUnusedNames(const SymbolIndex &index, FileId file, std::string_view text,
                       const std::vector<WholeImport> &wholeImports, DiagnosticSink &sink) {
  const auto &symbols = index.symbols();
  // How each symbol is mentioned in this file, apart from its declaration and import lines.
  std::vector<uint32_t> uses(symbols.size(), 0);
  for (const Occurrence &o : index.occurrences()) {
    if (o.range.file != file || o.declaration || !o.symbol.valid()) continue;
    if (onImportLine(text, o.range.begin)) continue;
    ++uses[o.symbol.index];
  }

  for (uint32_t i = 0; i < symbols.size(); ++i) {
    const Symbol &s = symbols[i];
    if (s.name_range.file != file || uses[i] > 0) continue;
    const Symbol *owner = s.parent.valid() ? &index[s.parent] : nullptr;
    if (s.kind == SymbolKind::Variable || s.kind == SymbolKind::Stream) {
      if (!owner) continue;
      // `for x <- xs`, `parseq x <- ...` and `catch e` must name what they bind even when unused.
      std::string_view line = lineAt(text, s.name_range.begin);
      if (startsWithWord(line, "for") || startsWithWord(line, "parseq") || startsWithWord(line, "catch")) continue;
      sink.emit(DiagKind::UnusedVariable, s.name_range, s.name).tag = DiagTag::Unnecessary;
    } else if (s.kind == SymbolKind::Parameter) {
      // Arguments of functions and closures. (Names in arrow types have no symbol.)
      if (!owner) continue;
      sink.emit(DiagKind::UnusedParameter, s.name_range, s.name, owner->name).tag = DiagTag::Unnecessary;
    } else if (s.kind == SymbolKind::Module) {
      sink.emit(DiagKind::UnusedImport, s.name_range, "module `" + s.name + "` is used (`use`) but nothing from it is taken")
          .tag = DiagTag::Unnecessary;
    }
  }

  // `import a, b from "f"`: each name that is not used.
  std::set<std::pair<uint32_t, uint32_t>> reported;
  for (const Occurrence &o : index.occurrences()) {
    if (o.range.file != file || o.declaration || !o.symbol.valid() || uses[o.symbol.index] > 0) continue;
    const Symbol &s = index[o.symbol];
    if (s.parent.valid() || s.name_range.file == file || s.kind == SymbolKind::Module) continue;
    std::string_view line = lineAt(text, o.range.begin);
    if (!startsWithWord(line, "import") && !startsWithWord(line, "from")) continue;
    if (!reported.emplace(o.range.begin, o.range.end).second) continue;
    sink.emit(DiagKind::UnusedImport, o.range,
              "`" + std::string(text.substr(o.range.begin, o.range.end - o.range.begin)) + "` is imported but never used")
        .tag = DiagTag::Unnecessary;
  }

  // `import "f"`: nothing declared in f (or in what f brings along) is used.
  for (const WholeImport &w : wholeImports) {
    bool used = false;
    for (uint32_t i = 0; i < symbols.size() && !used; ++i) {
      if (uses[i] == 0) continue;
      FileId declaredIn = symbols[i].name_range.file;
      used = std::find(w.provides.begin(), w.provides.end(), declaredIn) != w.provides.end();
    }
    if (!used)
      sink.emit(DiagKind::UnusedImport, w.at,
                std::string(text.substr(w.at.begin, w.at.end - w.at.begin)) + " is imported but nothing from it is used")
          .tag = DiagTag::Unnecessary;
  }
}

} // namespace aqua::sema
