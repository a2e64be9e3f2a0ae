// Hover, go to definition/declaration, references, document highlight and rename: all answered
// from the symbol index of the document's analysis. Across files a symbol is known by where it
// is declared (file and offset), since every analysis has its own symbol ids.
#include <algorithm>
#include <cctype>

#include "compiler/lsp/server.h"

namespace aqua::lsp {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;
using sema::SymbolKind;

namespace {

struct DeclKey {
  std::string path;
  uint32_t offset = 0;
  friend bool operator==(const DeclKey &, const DeclKey &) = default;
};

DeclKey keyOf(const Analysis &a, const sema::Symbol &s) {
  return {std::string(a.sources.path(s.name_range.file)), s.name_range.begin};
}

// The symbol with this declaration in another analysis, if that analysis saw it.
sema::SymbolId find(const Analysis &a, const DeclKey &key) {
  const auto &symbols = a.index.symbols();
  for (uint32_t i = 0; i < symbols.size(); ++i)
    if (symbols[i].name_range.begin == key.offset && a.sources.path(symbols[i].name_range.file) == key.path)
      return sema::SymbolId{i};
  return {};
}

// How the symbol is written in Aqua, for hovers.
std::string signature(const sema::SymbolIndex &index, const sema::Symbol &s) {
  std::string owner = s.parent.valid() ? index[s.parent].name : "";
  switch (s.kind) {
  case SymbolKind::Field:
  case SymbolKind::ServiceFunction:
    return owner.empty() ? s.detail : owner + "." + s.detail;
  case SymbolKind::Parameter:
  case SymbolKind::Variable:
  case SymbolKind::Stream:
    if (s.detail.rfind(s.name, 0) == 0) return s.detail; // a closure: `name(args) -> result`
    return s.detail.empty() ? s.name : s.name + ": " + s.detail;
  default:
    return s.detail.empty() ? std::string(symbolKindName(s.kind)) + " " + s.name : s.detail;
  }
}

bool hasMembers(SymbolKind k) {
  return k == SymbolKind::Struct || k == SymbolKind::Ability || k == SymbolKind::Service;
}

bool isIdentifier(std::string_view name, bool upper) {
  if (name.empty()) return false;
  unsigned char first = static_cast<unsigned char>(name[0]);
  if (upper ? !std::isupper(first) : !(std::islower(first) || first == '_')) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

// The occurrence under the cursor; an identifier ending right at the cursor counts too (the
// cursor is often placed just after a word).
const sema::Occurrence *occurrenceAt(const Analysis &a, uint32_t offset) {
  if (const sema::Occurrence *o = a.index.at(a.main, offset)) return o;
  std::string_view text = a.text(a.main);
  if (offset == 0 || offset > text.size()) return nullptr;
  unsigned char previous = static_cast<unsigned char>(text[offset - 1]);
  return std::isalnum(previous) || previous == '_' ? a.index.at(a.main, offset - 1) : nullptr;
}

// The request's document with its analysis and the name under the cursor (null when none).
struct NameAt {
  Server::Target target;
  const sema::Occurrence *occurrence = nullptr;
};
std::variant<NameAt, RequestError> nameAt(Server &server, const Object &params) {
  auto t = server.target(params, true);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  NameAt n{std::get<Server::Target>(t)};
  n.occurrence = occurrenceAt(*n.target.analysis, n.target.offset);
  return n;
}

} // namespace

Server::Reply Server::hover(const Object &params) {
  auto found = nameAt(*this, params);
  if (auto *e = std::get_if<RequestError>(&found)) return *e;
  const Target &at = std::get<NameAt>(found).target;
  const Analysis &a = *at.analysis;
  const sema::Occurrence *o = std::get<NameAt>(found).occurrence;
  if (!o) return nullptr;
  const sema::Symbol &s = a.index[o->symbol];
  std::string text = "```aqua\n" + signature(a.index, s);
  if (hasMembers(s.kind)) {
    std::vector<sema::SymbolId> members = a.index.childrenOf(o->symbol);
    if (!members.empty()) text += ":";
    for (sema::SymbolId m : members) text += "\n  " + a.index[m].detail;
  }
  text += "\n```";
  if (!s.doc.empty()) text += "\n\n" + s.doc;
  if (s.kind == SymbolKind::Module) text = "```aqua\n" + s.detail + "\n```";
  return Value(Object{{"contents", Object{{"kind", "markdown"}, {"value", text}}}, {"range", range(a, o->range)}});
}

Server::Reply Server::definition(const Object &params) {
  auto found = nameAt(*this, params);
  if (auto *e = std::get_if<RequestError>(&found)) return *e;
  const Target &at = std::get<NameAt>(found).target;
  const Analysis &a = *at.analysis;
  const sema::Occurrence *o = std::get<NameAt>(found).occurrence;
  if (!o) return nullptr;
  const sema::Symbol &s = a.index[o->symbol];
  if (!s.name_range.file.valid()) return nullptr;
  return Value(Array{location(a, s.name_range)});
}

Server::Reply Server::references(const Object &params) {
  auto t = target(params, true);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  const Target &at = std::get<Target>(t);
  const sema::Occurrence *o = occurrenceAt(*at.analysis, at.offset);
  if (!o) return Value(Array{});
  bool includeDeclaration = true;
  if (const Object *context = params.getObject("context"))
    includeDeclaration = context->getBoolean("includeDeclaration").getValueOr(true);
  DeclKey key = keyOf(*at.analysis, at.analysis->index[o->symbol]);
  // Locals are seen by this file alone; top-level names by every file that imports them.
  bool local = at.analysis->index[o->symbol].parent.valid() &&
               at.analysis->index[at.analysis->index[o->symbol].parent].kind == SymbolKind::Function;
  std::vector<const Analysis *> analyses = local ? std::vector<const Analysis *>{at.analysis} : workspaceAnalyses();
  // The same place is seen by several analyses (a file and the files importing it): once each.
  std::set<std::tuple<std::string, uint32_t, uint32_t>> seen;
  Array out;
  for (const Analysis *a : analyses) {
    sema::SymbolId id = find(*a, key);
    if (!id.valid()) continue;
    for (const sema::Occurrence &occ : a->index.occurrencesOf(id)) {
      if (occ.declaration && !includeDeclaration) continue;
      if (!seen.emplace(std::string(a->sources.path(occ.range.file)), occ.range.begin, occ.range.end).second) continue;
      out.push_back(location(*a, occ.range));
    }
  }
  return Value(std::move(out));
}

Server::Reply Server::documentHighlight(const Object &params) {
  auto found = nameAt(*this, params);
  if (auto *e = std::get_if<RequestError>(&found)) return *e;
  const Target &at = std::get<NameAt>(found).target;
  const Analysis &a = *at.analysis;
  const sema::Occurrence *o = std::get<NameAt>(found).occurrence;
  if (!o) return Value(Array{});
  Array out;
  for (const sema::Occurrence &occ : a.index.occurrencesOf(o->symbol))
    if (occ.range.file == a.main)
      out.push_back(Object{{"range", range(a, occ.range)}, {"kind", occ.declaration ? 3 : 2}});
  return Value(std::move(out));
}

Server::Reply Server::prepareRename(const Object &params) {
  auto found = nameAt(*this, params);
  if (auto *e = std::get_if<RequestError>(&found)) return *e;
  const Target &at = std::get<NameAt>(found).target;
  const Analysis &a = *at.analysis;
  const sema::Occurrence *o = std::get<NameAt>(found).occurrence;
  if (!o) return nullptr;
  const sema::Symbol &s = a.index[o->symbol];
  if (s.kind == SymbolKind::Module) return RequestError{kRequestFailed, "a module prefix is renamed in its `use` line"};
  // Declarations outside the workspace and the open files (the bundled stdlib, node_modules)
  // are not ours to change.
  std::string declPath(a.sources.path(s.name_range.file));
  if (!const_cast<DocumentStore &>(documents()).findByPath(declPath)) {
    bool inWorkspace = false;
    for (const Analysis *w : workspaceAnalyses())
      if (w->path == declPath) inWorkspace = true;
    if (!inWorkspace || declPath.find("/node_modules/") != std::string::npos)
      return RequestError{kRequestFailed, "`" + s.name + "` is declared outside the workspace (" + declPath + ")"};
  }
  // The occurrence may spell an import's new name (`import f as g`): rename what is written.
  std::string written(a.text(a.main).substr(o->range.begin, o->range.end - o->range.begin));
  if (written != s.name && written != "$" + s.name)
    return RequestError{kRequestFailed, "`" + written + "` is an import alias: rename it in the import"};
  return Value(Object{{"range", range(a, o->range)}, {"placeholder", written}});
}

Server::Reply Server::rename(const Object &params) {
  auto newName = params.getString("newName");
  if (!newName) return RequestError{kInvalidParams, "missing newName"};
  Reply prepared = prepareRename(params);
  if (std::holds_alternative<RequestError>(prepared)) return prepared;
  if (std::get<Value>(prepared).kind() == Value::Null) return RequestError{kRequestFailed, "no symbol to rename here"};
  auto t = target(params, true);
  const Target &at = std::get<Target>(t);
  const Analysis &a = *at.analysis;
  const sema::Occurrence *o = occurrenceAt(a, at.offset);
  const sema::Symbol &s = a.index[o->symbol];
  // Aqua's names carry their kind in their case: types, services and abilities are capitalised,
  // constants are upper case, functions and values are not; streams keep their `$`.
  std::string name = newName->str();
  std::string_view bare = name;
  bool stream = !bare.empty() && bare[0] == '$';
  if (stream) bare.remove_prefix(1);
  bool upper = !s.name.empty() && std::isupper(static_cast<unsigned char>(s.name[0]));
  if (!isIdentifier(bare, upper))
    return RequestError{kRequestFailed, "`" + name + "` is not a valid name for " + std::string(symbolKindName(s.kind)) +
                                            (upper ? " (it must start with a capital letter)" : " (it must start with a lower-case letter)")};
  if (s.kind == SymbolKind::Constant &&
      !std::all_of(bare.begin(), bare.end(), [](char c) { return !std::islower(static_cast<unsigned char>(c)); }))
    return RequestError{kRequestFailed, "constants are written in upper case: `" + name + "` is not"};
  // Another name visible at the declaration would be captured or clash.
  for (const sema::Symbol &other : a.index.symbols())
    if (other.name == std::string(bare) && other.parent == s.parent && &other != &s)
      return RequestError{kRequestFailed, "`" + std::string(bare) + "` is already declared here"};

  DeclKey key = keyOf(a, s);
  bool local = s.parent.valid() && a.index[s.parent].kind == SymbolKind::Function;
  std::vector<const Analysis *> analyses = local ? std::vector<const Analysis *>{&a} : workspaceAnalyses();
  std::map<std::string, Array> edits; // by URI
  std::set<std::tuple<std::string, uint32_t, uint32_t>> seen;
  for (const Analysis *w : analyses) {
    sema::SymbolId id = find(*w, key);
    if (!id.valid()) continue;
    for (const sema::Occurrence &occ : w->index.occurrencesOf(id)) {
      std::string path(w->sources.path(occ.range.file));
      if (!seen.emplace(path, occ.range.begin, occ.range.end).second) continue;
      std::string_view written = w->text(occ.range.file).substr(occ.range.begin, occ.range.end - occ.range.begin);
      // Only places spelling the name itself (not `use` prefixes or import aliases).
      std::string replacement;
      if (written == s.name) replacement = std::string(bare);
      else if (written == "$" + s.name) replacement = "$" + std::string(bare);
      else if (written.size() > s.name.size() && written.substr(written.size() - s.name.size()) == s.name &&
               written[written.size() - s.name.size() - 1] == '.')
        replacement = std::string(written.substr(0, written.size() - s.name.size())) + std::string(bare);
      else continue;
      edits[uriOf(path)].push_back(Object{{"range", range(*w, occ.range)}, {"newText", replacement}});
    }
  }
  Object changes;
  for (auto &[uri, list] : edits) changes[uri] = std::move(list);
  return Value(Object{{"changes", std::move(changes)}});
}

} // namespace aqua::lsp
