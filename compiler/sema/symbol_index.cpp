#include "compiler/sema/symbol_index.h"

#include <algorithm>

namespace aqua::sema {

namespace {

bool contains(const SourceRange &r, FileId file, uint32_t offset) {
  return r.file == file && r.begin <= offset && offset <= r.end;
}

bool before(const SourceRange &a, const SourceRange &b) {
  if (a.file.index != b.file.index) return a.file.index < b.file.index;
  return a.begin < b.begin;
}

} // namespace

SymbolId SymbolIndex::add(Symbol symbol) {
  SymbolId id{static_cast<uint32_t>(symbols_.size())};
  if (symbol.name_range.file.valid())
    occurrences_.push_back({symbol.name_range, id, true});
  symbols_.push_back(std::move(symbol));
  return id;
}

void SymbolIndex::reference(SourceRange range, SymbolId symbol) {
  if (!symbol.valid() || !range.file.valid()) return;
  occurrences_.push_back({range, symbol, false});
}

const Occurrence *SymbolIndex::at(FileId file, uint32_t offset) const {
  const Occurrence *best = nullptr;
  for (const Occurrence &o : occurrences_) {
    if (!contains(o.range, file, offset)) continue;
    if (!best || o.range.end - o.range.begin < best->range.end - best->range.begin) best = &o;
  }
  return best;
}

std::vector<Occurrence> SymbolIndex::occurrencesOf(SymbolId symbol) const {
  std::vector<Occurrence> out;
  for (const Occurrence &o : occurrences_)
    if (o.symbol == symbol) out.push_back(o);
  std::sort(out.begin(), out.end(), [](const Occurrence &a, const Occurrence &b) { return before(a.range, b.range); });
  // The same place can be recorded twice (a name checked on two paths); keep one.
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Occurrence &a, const Occurrence &b) {
                          return a.range.file == b.range.file && a.range.begin == b.range.begin;
                        }),
            out.end());
  return out;
}

std::vector<SymbolId> SymbolIndex::childrenOf(SymbolId symbol) const {
  std::vector<SymbolId> out;
  for (uint32_t i = 0; i < symbols_.size(); ++i)
    if (symbols_[i].parent == symbol) out.push_back(SymbolId{i});
  return out;
}

std::vector<SymbolId> SymbolIndex::topLevel(FileId file) const {
  std::vector<SymbolId> out;
  for (uint32_t i = 0; i < symbols_.size(); ++i)
    if (!symbols_[i].parent.valid() && symbols_[i].name_range.file == file) out.push_back(SymbolId{i});
  std::sort(out.begin(), out.end(), [&](SymbolId a, SymbolId b) {
    return symbols_[a.index].name_range.begin < symbols_[b.index].name_range.begin;
  });
  return out;
}

std::vector<SymbolId> SymbolIndex::localsBefore(FileId file, uint32_t offset) const {
  std::vector<SymbolId> out;
  for (uint32_t i = 0; i < symbols_.size(); ++i) {
    const Symbol &s = symbols_[i];
    if (s.kind != SymbolKind::Parameter && s.kind != SymbolKind::Variable && s.kind != SymbolKind::Stream) continue;
    if (!s.parent.valid() || s.name_range.file != file || s.name_range.begin > offset) continue;
    const Symbol &owner = symbols_[s.parent.index];
    if (!contains(owner.extent, file, offset)) continue;
    // A local declared in a nested block is visible only inside that block.
    if (s.extent.file.valid() && !contains(s.extent, file, offset)) continue;
    out.push_back(SymbolId{i});
  }
  return out;
}

const char *symbolKindName(SymbolKind kind) {
  switch (kind) {
  case SymbolKind::Function: return "func";
  case SymbolKind::Service: return "service";
  case SymbolKind::Ability: return "ability";
  case SymbolKind::Struct: return "data";
  case SymbolKind::Alias: return "alias";
  case SymbolKind::Constant: return "const";
  case SymbolKind::Field: return "field";
  case SymbolKind::ServiceFunction: return "service function";
  case SymbolKind::Parameter: return "parameter";
  case SymbolKind::Variable: return "variable";
  case SymbolKind::Stream: return "stream";
  case SymbolKind::Module: return "module";
  }
  return "symbol";
}

} // namespace aqua::sema
