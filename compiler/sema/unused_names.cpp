#include "compiler/sema/unused_names.h"

#include <algorithm>
#include <unordered_set>

namespace aqua::sema {

namespace {

// The lines `range` covers, with the line break after them: what removing a header line removes.
SourceRange wholeLines(std::string_view text, SourceRange range) {
  uint32_t begin = std::min<uint32_t>(range.begin, static_cast<uint32_t>(text.size()));
  while (begin > 0 && text[begin - 1] != '\n') --begin;
  size_t end = text.find('\n', std::max(range.end, range.begin));
  end = end == std::string_view::npos ? text.size() : end + 1;
  return SourceRange{range.file, begin, static_cast<uint32_t>(end)};
}

std::string quoted(std::string_view text, SourceRange r) {
  return "`" + std::string(text.substr(r.begin, r.end - r.begin)) + "`";
}

} // namespace

void reportUnusedNames(const SymbolIndex &index, FileId file, std::string_view text, const NameFacts &facts,
                       DiagnosticSink &sink) {
  const auto &symbols = index.symbols();
  // Import lines name what they bring: that is not a use.
  std::unordered_set<uint32_t> onImportLine;
  for (const NameFacts::Import &imp : facts.imports)
    for (const NameFacts::ImportItem &item : imp.items) onImportLine.insert(item.name.begin);
  std::vector<uint32_t> uses(symbols.size(), 0);
  for (const Occurrence &o : index.occurrences()) {
    if (o.range.file != file || o.declaration || !o.symbol.valid() || o.symbol.index >= symbols.size()) continue;
    if (onImportLine.count(o.range.begin)) continue;
    ++uses[o.symbol.index];
  }
  auto used = [&](SymbolId id) { return id.valid() && id.index < uses.size() && uses[id.index] > 0; };
  auto unnecessary = [](Diagnostic &d) -> Diagnostic & {
    d.tag = DiagTag::Unnecessary;
    return d;
  };

  // `a, b <- f()`: `a` cannot go while `b` is used.
  std::unordered_set<uint32_t> heldByPosition;
  for (const auto &names : facts.positional) {
    bool laterUsed = false;
    for (size_t k = names.size(); k-- > 0;) {
      if (laterUsed && names[k].valid()) heldByPosition.insert(names[k].index);
      laterUsed = laterUsed || used(names[k]);
    }
  }

  for (uint32_t i = 0; i < symbols.size(); ++i) {
    const Symbol &s = symbols[i];
    if (s.name_range.file != file || uses[i] > 0) continue;
    const Symbol *owner = s.parent.valid() ? &index[s.parent] : nullptr;
    if (s.kind == SymbolKind::Variable || s.kind == SymbolKind::Stream) {
      // Top-level names are the module's API; locals (variables, streams, closures) have an owner.
      if (!owner || heldByPosition.count(i)) continue;
      if (facts.loopVariables.count(i))
        unnecessary(sink.emit(DiagKind::UnusedVariable, s.name_range, "loop variable `" + s.name + "`", ""));
      else if (facts.caughtErrors.count(i))
        unnecessary(sink.emit(DiagKind::UnusedVariable, s.name_range, "caught error `" + s.name + "`", ""));
      else
        unnecessary(sink.emit(DiagKind::UnusedVariable, s.name_range, "`" + s.name + "`", "; remove it, or use it"));
    } else if (s.kind == SymbolKind::Parameter) {
      // Arguments of functions and closures (names in arrow types have no symbol). Exported
      // functions and arrows used as values keep their signature: see NameFacts.
      if (!owner || facts.exported.count(s.parent.index) || facts.arrowValues.count(s.parent.index)) continue;
      unnecessary(sink.emit(DiagKind::UnusedParameter, s.name_range, s.name, owner->name));
    } else if (s.kind == SymbolKind::Module) {
      // `use "f" as M` with no `M.` anywhere. (`use` prefixes are not re-exported.)
      Diagnostic &d = unnecessary(sink.emit(
          DiagKind::UnusedImport, s.name_range, "module `" + s.name + "` is used (`use`) but nothing from it is taken"));
      if (s.extent.file == file) d.fixits.push_back({wholeLines(text, s.extent), ""});
    }
  }

  auto reexported = [&](const std::string &name) { return facts.declaresAll || facts.declares.count(name) > 0; };
  for (const NameFacts::Import &imp : facts.imports) {
    if (imp.whole) {
      // `import "f"`: nothing f brings is used, and the header re-exports none of it.
      if (facts.declaresAll) continue;
      bool any = false;
      for (const auto &[name, id] : imp.brings) any = any || used(id) || facts.declares.count(name);
      if (!any)
        unnecessary(sink.emit(DiagKind::UnusedImport, imp.file,
                              std::string(text.substr(imp.file.begin, imp.file.end - imp.file.begin)) +
                                  " is imported but nothing from it is used"))
            .fixits.push_back({wholeLines(text, imp.statement), ""});
      continue;
    }
    // `import a, b from "f"`: each name. When none is used the fix removes the line.
    std::vector<bool> unused(imp.items.size());
    size_t count = 0;
    for (size_t k = 0; k < imp.items.size(); ++k) {
      const NameFacts::ImportItem &item = imp.items[k];
      unused[k] = !item.brings.empty() && !reexported(item.local) &&
                  std::none_of(item.brings.begin(), item.brings.end(), used);
      count += unused[k];
    }
    for (size_t k = 0; k < imp.items.size(); ++k) {
      if (!unused[k]) continue;
      const NameFacts::ImportItem &item = imp.items[k];
      SourceRange remove = count == imp.items.size() ? wholeLines(text, imp.statement)
                           : k + 1 < imp.items.size()
                               ? SourceRange{file, item.item.begin, imp.items[k + 1].item.begin} // `a, `
                               : SourceRange{file, imp.items[k - 1].item.end, item.item.end};   // `, b`
      unnecessary(sink.emit(DiagKind::UnusedImport, item.name, quoted(text, item.item) + " is imported but never used"))
          .fixits.push_back({remove, ""});
    }
  }
}

} // namespace aqua::sema
