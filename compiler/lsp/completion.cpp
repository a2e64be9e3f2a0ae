// Completion (names in scope, members after `.`, keywords, snippets, import paths) and signature
// help. Both look at the text before the cursor to know the context, then ask the symbol index;
// while the line being typed does not parse they use the newest analysis that did.
#include <algorithm>
#include <filesystem>
#include <set>

#include "compiler/lsp/server.h"
#include "compiler/sema/import_resolver.h"

namespace aqua::lsp {

namespace fs = std::filesystem;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;
using sema::SymbolKind;

namespace {

// LSP CompletionItemKind values.
constexpr int kMethod = 2, kFunction = 3, kField = 5, kVariable = 6, kClass = 7, kInterface = 8, kModule = 9,
              kKeyword = 14, kSnippet = 15, kFile = 17, kFolder = 19, kConstant = 21, kStruct = 22, kTypeParameter = 25;

int itemKind(SymbolKind k) {
  switch (k) {
  case SymbolKind::Function: return kFunction;
  case SymbolKind::Service: return kClass;
  case SymbolKind::Ability: return kInterface;
  case SymbolKind::Struct:
  case SymbolKind::Alias: return kStruct;
  case SymbolKind::Constant: return kConstant;
  case SymbolKind::Field: return kField;
  case SymbolKind::ServiceFunction: return kMethod;
  case SymbolKind::Module: return kModule;
  default: return kVariable;
  }
}

constexpr const char *kKeywords[] = {"aqua", "import", "use", "from", "as", "export", "declares", "data", "alias",
                                     "service", "ability", "const", "func", "on", "via", "for", "par", "try", "rec",
                                     "co", "join", "parseq", "if", "else", "otherwise", "catch", "true", "false", "nil"};
constexpr const char *kTypes[] = {"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "string"};

struct Snippet {
  const char *label;
  const char *body;
  const char *detail;
};
constexpr Snippet kSnippets[] = {
    {"func", "func ${1:name}(${2}) -> ${3:string}:\n\t${0}", "function definition"},
    {"service", "service ${1:Name}(\"${2:id}\"):\n\t${3:fn}(${4}) -> ${5:string}", "service declaration"},
    {"data", "data ${1:Name}:\n\t${2:field}: ${3:string}", "data type"},
    {"ability", "ability ${1:Name}:\n\t${2:member}: ${3:string}", "ability declaration"},
    {"on", "on ${1:peer} via ${2:relay}:\n\t${0}", "run a block on a peer"},
    {"for", "for ${1:x} <- ${2:xs}:\n\t${0}", "loop over a collection or stream"},
    {"for par", "for ${1:x} <- ${2:xs} par:\n\t${0}", "parallel loop"},
    {"if", "if ${1:condition}:\n\t${2}\nelse:\n\t${0}", "conditional"},
    {"try", "try:\n\t${1}\ncatch ${2:e}:\n\t${0}", "recover from an error"},
    {"import", "import \"${1:@fluencelabs/aqua-lib/builtin.aqua}\"", "import a module"},
};

bool isWordChar(char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; }

// `Owner.` or `owner.partial` right before the cursor: the owner's name.
std::optional<std::string> memberOwner(std::string_view before) {
  size_t end = before.size();
  while (end > 0 && isWordChar(before[end - 1])) --end; // the partial member
  if (end == 0 || before[end - 1] != '.') return std::nullopt;
  size_t dot = end - 1;
  // Skip an index or call before the dot (`xs[0].`, `f().` are not completed).
  size_t start = dot;
  while (start > 0 && isWordChar(before[start - 1])) --start;
  if (start == dot) return std::nullopt;
  return std::string(before.substr(start, dot - start));
}

// The file a `use` prefix stands for (the Module symbol's detail ends with "(path)").
std::string modulePath(const sema::Symbol &s) {
  size_t open = s.detail.rfind(" (");
  if (open == std::string::npos || s.detail.back() != ')') return {};
  return s.detail.substr(open + 2, s.detail.size() - open - 3);
}

// What `name` means at `offset`: a local before it, a top-level name of the file, or of an
// imported one.
sema::SymbolId lookup(const Analysis &a, uint32_t offset, const std::string &name) {
  std::vector<sema::SymbolId> locals = a.index.localsBefore(a.main, offset);
  for (auto it = locals.rbegin(); it != locals.rend(); ++it)
    if (a.index[*it].name == name) return *it;
  for (sema::SymbolId id : a.index.topLevel(a.main))
    if (a.index[id].name == name) return id;
  const auto &symbols = a.index.symbols();
  for (uint32_t i = 0; i < symbols.size(); ++i)
    if (!symbols[i].parent.valid() && symbols[i].name == name) return sema::SymbolId{i};
  return {};
}

// The members `owner.` offers.
std::vector<sema::SymbolId> membersOf(const Analysis &a, sema::SymbolId owner) {
  const sema::Symbol &s = a.index[owner];
  switch (s.kind) {
  case SymbolKind::Service:
  case SymbolKind::Ability:
  case SymbolKind::Struct:
    return a.index.childrenOf(owner);
  case SymbolKind::Module: {
    FileId file = a.fileOf(modulePath(s));
    return file.valid() ? a.index.topLevel(file) : std::vector<sema::SymbolId>{};
  }
  default:
    if (s.type.valid()) return membersOf(a, s.type);
    return {};
  }
}

Object item(const Analysis &a, sema::SymbolId id) {
  const sema::Symbol &s = a.index[id];
  Object o{{"label", s.name}, {"kind", itemKind(s.kind)}};
  if (!s.detail.empty()) o["detail"] = s.detail;
  if (!s.doc.empty()) o["documentation"] = Object{{"kind", "markdown"}, {"value", s.doc}};
  return o;
}

} // namespace

Server::Reply Server::completion(const Object &params) {
  auto t = target(params, true);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  Target &at = std::get<Target>(t);
  Document &doc = *at.doc;
  uint32_t lineStart = doc.lines.lineStart(doc.lines.position(doc.text, at.offset, PositionEncoding::Utf8).line);
  std::string_view before = std::string_view(doc.text).substr(lineStart, at.offset - lineStart);
  Array items;
  std::set<std::string> labels;
  auto add = [&](Object o) {
    std::string label = o.getString("label")->str();
    if (labels.insert(label).second) items.push_back(std::move(o));
  };

  // Inside the string of an import line: files and folders.
  size_t quotes = std::count(before.begin(), before.end(), '"');
  std::string_view trimmed = before.substr(std::min(before.find_first_not_of(" \t"), before.size()));
  bool importLine = trimmed.rfind("import", 0) == 0 || trimmed.rfind("use", 0) == 0 || trimmed.rfind("from", 0) == 0;
  if (quotes % 2 == 1) {
    if (!importLine) return Value(Object{{"isIncomplete", false}, {"items", Array{}}});
    std::string typed(before.substr(before.rfind('"') + 1));
    std::string dirPart = typed.substr(0, typed.rfind('/') == std::string::npos ? 0 : typed.rfind('/') + 1);
    std::vector<fs::path> roots{fs::path(doc.path).parent_path()};
    for (const std::string &d : importDirs()) roots.emplace_back(d);
    std::string lib = "@fluencelabs/aqua-lib/";
    fs::path stdlib = sema::ImportResolver::defaultStdlibDir();
    if (dirPart.rfind(lib, 0) == 0) roots = {stdlib / "@fluencelabs" / "aqua-lib"};
    else if (dirPart.empty()) add(Object{{"label", lib}, {"kind", kFolder}, {"insertText", lib}});
    std::string inDir = dirPart.rfind(lib, 0) == 0 ? dirPart.substr(lib.size()) : dirPart;
    for (const fs::path &root : roots) {
      std::error_code ec;
      for (fs::directory_iterator it(root / inDir, ec), end; !ec && it != end; it.increment(ec)) {
        std::string name = it->path().filename().string();
        if (name.empty() || name[0] == '.') continue;
        if (it->is_directory(ec)) add(Object{{"label", name + "/"}, {"kind", kFolder}});
        else if (it->path().extension() == ".aqua") add(Object{{"label", name}, {"kind", kFile}});
      }
    }
    // Directory order is the file system's: sort for stable answers.
    std::sort(items.begin(), items.end(), [](const Value &x, const Value &y) {
      return *x.getAsObject()->getString("label") < *y.getAsObject()->getString("label");
    });
    return Value(Object{{"isIncomplete", false}, {"items", std::move(items)}});
  }
  // Inside a comment: nothing.
  if (before.find("--") != std::string_view::npos && quotes == 0) return Value(Object{{"isIncomplete", false}, {"items", Array{}}});

  uint32_t offset = at.offset;
  const Analysis *a = indexedAnalysis(doc, offset);

  // After `owner.`: its members.
  if (auto owner = memberOwner(before)) {
    if (a) {
      sema::SymbolId id = lookup(*a, offset, *owner);
      if (id.valid())
        for (sema::SymbolId m : membersOf(*a, id)) add(item(*a, m));
    }
    return Value(Object{{"isIncomplete", false}, {"items", std::move(items)}});
  }

  if (a) {
    std::vector<sema::SymbolId> locals = a->index.localsBefore(a->main, offset);
    for (auto it = locals.rbegin(); it != locals.rend(); ++it) add(item(*a, *it));
    for (sema::SymbolId id : a->index.topLevel(a->main)) add(item(*a, id));
    // Names imported from other files: those the file names (`import a, b from "f"` records a
    // reference) and everything of files imported whole (`import "f"`).
    std::set<uint32_t> wholeFiles;
    sema::ImportResolver resolver(importDirs());
    std::string_view text = a->text(a->main);
    for (size_t at = 0; at < text.size();) {
      size_t eol = std::min(text.find('\n', at), text.size());
      std::string_view line = text.substr(at, eol - at);
      at = eol + 1;
      if (line.rfind("import \"", 0) != 0) continue;
      size_t close = line.find('"', 8);
      if (close == std::string_view::npos || line.find_first_not_of(" \t\r", close + 1) != std::string_view::npos) continue;
      sema::ImportResolution r = resolver.resolve(a->path, std::string(line.substr(8, close - 8)));
      if (FileId f = r.path.empty() ? FileId{} : a->fileOf(r.path); f.valid()) wholeFiles.insert(f.index);
    }
    std::set<uint32_t> named;
    for (const sema::Occurrence &o : a->index.occurrences())
      if (o.range.file == a->main) named.insert(o.symbol.index);
    const auto &symbols = a->index.symbols();
    for (uint32_t i = 0; i < symbols.size(); ++i) {
      const sema::Symbol &s = symbols[i];
      if (s.parent.valid() || s.name_range.file == a->main || s.kind == SymbolKind::Module) continue;
      if (named.count(i) || wholeFiles.count(s.name_range.file.index)) add(item(*a, sema::SymbolId{i}));
    }
  }
  for (const char *k : kKeywords) add(Object{{"label", k}, {"kind", kKeyword}});
  for (const char *type : kTypes) add(Object{{"label", type}, {"kind", kTypeParameter}, {"detail", "builtin type"}});
  if (clientSupportsSnippets())
    for (const Snippet &s : kSnippets)
      items.push_back(Object{{"label", s.label}, {"kind", kSnippet}, {"detail", s.detail},
                             {"insertText", s.body}, {"insertTextFormat", 2}, {"sortText", std::string("~") + s.label}});
  return Value(Object{{"isIncomplete", false}, {"items", std::move(items)}});
}

namespace {

// Splits "name(a: A, b: (B, C) -> D) -> R" into its parameters at depth-0 commas.
std::vector<std::string> parameters(std::string_view label) {
  std::vector<std::string> out;
  size_t open = label.find('(');
  if (open == std::string_view::npos) return out;
  int depth = 0;
  size_t start = open + 1;
  for (size_t i = open; i < label.size(); ++i) {
    char c = label[i];
    if (c == '(' || c == '[') ++depth;
    else if (c == ')' || c == ']') {
      if (--depth == 0) {
        std::string_view p = label.substr(start, i - start);
        while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
        if (!p.empty()) out.emplace_back(p);
        break;
      }
    } else if (c == ',' && depth == 1) {
      std::string_view p = label.substr(start, i - start);
      while (!p.empty() && p.front() == ' ') p.remove_prefix(1);
      out.emplace_back(p);
      start = i + 1;
    }
  }
  return out;
}

} // namespace

Server::Reply Server::signatureHelp(const Object &params) {
  auto t = target(params, true);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  Target &at = std::get<Target>(t);
  std::string_view text = at.doc->text;
  // Walk back to the unmatched `(` of the call the cursor is in, counting commas on the way.
  constexpr uint32_t kMaxLookBack = 8192;
  uint32_t limit = at.offset > kMaxLookBack ? at.offset - kMaxLookBack : 0;
  int depth = 0;
  uint32_t commas = 0;
  uint32_t i = at.offset;
  bool found = false;
  while (i > limit) {
    char c = text[--i];
    if (c == '"') { // skip a string literal backwards
      while (i > limit && text[--i] != '"') {}
      continue;
    }
    if (c == ')' || c == ']') ++depth;
    else if (c == '(' || c == '[') {
      if (depth == 0) {
        if (c == '(') found = true;
        if (found) break;
        // An unmatched `[` (a collection literal) is part of the current argument.
        continue;
      }
      --depth;
    } else if (c == ',' && depth == 0) ++commas;
  }
  if (!found) return nullptr;
  uint32_t end = i;
  uint32_t start = end;
  while (start > 0 && (isWordChar(text[start - 1]) || text[start - 1] == '.')) --start;
  std::string callee(text.substr(start, end - start));
  if (callee.empty()) return nullptr;

  uint32_t offset = at.offset;
  const Analysis *a = indexedAnalysis(*at.doc, offset);
  if (!a) return nullptr;
  sema::SymbolId id;
  size_t dot = callee.rfind('.');
  if (dot != std::string::npos) {
    sema::SymbolId owner = lookup(*a, offset, callee.substr(0, callee.find('.')));
    if (owner.valid())
      for (sema::SymbolId m : membersOf(*a, owner))
        if (a->index[m].name == callee.substr(dot + 1)) id = m;
  } else {
    id = lookup(*a, offset, callee);
  }
  if (!id.valid()) return nullptr;
  const sema::Symbol &s = a->index[id];
  std::string label;
  if (s.kind == SymbolKind::Struct || s.kind == SymbolKind::Ability) {
    // Construction: `Name(field = value, ...)`.
    label = s.name + "(";
    bool first = true;
    for (sema::SymbolId f : a->index.childrenOf(id)) {
      label += (first ? "" : ", ") + a->index[f].detail;
      first = false;
    }
    label += ")";
  } else {
    label = s.detail;
    if (label.rfind("func ", 0) == 0) label = label.substr(5);
    if (label.find('(') == std::string::npos) return nullptr; // not an arrow
    if (s.kind == SymbolKind::ServiceFunction && s.parent.valid()) label = a->index[s.parent].name + "." + label;
  }
  Array paramsJson;
  std::vector<std::string> list = parameters(label.substr(label.find('(')));
  for (const std::string &p : list) paramsJson.push_back(Object{{"label", p}});
  Object signature{{"label", label}, {"parameters", std::move(paramsJson)}};
  if (!s.doc.empty()) signature["documentation"] = Object{{"kind", "markdown"}, {"value", s.doc}};
  return Value(Object{{"signatures", Array{std::move(signature)}},
                      {"activeSignature", 0},
                      {"activeParameter", list.empty() ? 0 : std::min<uint32_t>(commas, static_cast<uint32_t>(list.size() - 1))}});
}

} // namespace aqua::lsp
