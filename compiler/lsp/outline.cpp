// The shape of a document: outline (document symbols), workspace symbols, semantic tokens,
// folding ranges and inlay hints.
#include <algorithm>
#include <cctype>
#include <map>

#include "antlr4-runtime.h"
#include "compiler/grammar/aqua_scanner.h"
#include "compiler/lsp/server.h"

namespace aqua::lsp {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;
using sema::SymbolKind;

namespace {

// LSP SymbolKind values.
int lspSymbolKind(SymbolKind k) {
  switch (k) {
  case SymbolKind::Function: return 12;
  case SymbolKind::Service: return 5;        // Class
  case SymbolKind::Ability: return 11;       // Interface
  case SymbolKind::Struct: return 23;
  case SymbolKind::Alias: return 26;         // TypeParameter
  case SymbolKind::Constant: return 14;
  case SymbolKind::Field: return 8;
  case SymbolKind::ServiceFunction: return 6; // Method
  case SymbolKind::Module: return 2;
  default: return 13;                         // Variable
  }
}

bool hasMembers(SymbolKind k) {
  return k == SymbolKind::Struct || k == SymbolKind::Ability || k == SymbolKind::Service;
}

// A declaration's extent must contain its name for LSP; fall back to the name.
SourceRange extentOf(const sema::Symbol &s) {
  if (s.extent.file == s.name_range.file && s.extent.begin <= s.name_range.begin && s.extent.end >= s.name_range.end)
    return s.extent;
  return s.name_range;
}

// Case-insensitive subsequence match, as editors' fuzzy symbol search expects.
bool matches(std::string_view name, std::string_view query) {
  size_t at = 0;
  for (char q : query) {
    while (at < name.size() && std::tolower(static_cast<unsigned char>(name[at])) != std::tolower(static_cast<unsigned char>(q))) ++at;
    if (at == name.size()) return false;
    ++at;
  }
  return true;
}

// --- semantic tokens ---

enum TokenType { tNamespace, tType, tStruct, tInterface, tClass, tFunction, tMethod, tParameter, tVariable,
                 tProperty, tKeyword, tString, tNumber, tComment, tOperator };
constexpr const char *kTokenTypes[] = {"namespace", "type", "struct", "interface", "class", "function", "method",
                                       "parameter", "variable", "property", "keyword", "string", "number", "comment",
                                       "operator"};
enum TokenModifier { mDeclaration = 1, mReadonly = 2, mDefaultLibrary = 4 };
constexpr const char *kTokenModifiers[] = {"declaration", "readonly", "defaultLibrary"};

std::pair<int, int> tokenKind(SymbolKind k) {
  switch (k) {
  case SymbolKind::Function: return {tFunction, 0};
  case SymbolKind::Service: return {tClass, 0};
  case SymbolKind::Ability: return {tInterface, 0};
  case SymbolKind::Struct: return {tStruct, 0};
  case SymbolKind::Alias: return {tType, 0};
  case SymbolKind::Constant: return {tVariable, mReadonly};
  case SymbolKind::Field: return {tProperty, 0};
  case SymbolKind::ServiceFunction: return {tMethod, 0};
  case SymbolKind::Parameter: return {tParameter, 0};
  case SymbolKind::Module: return {tNamespace, 0};
  default: return {tVariable, 0};
  }
}

bool isBuiltinType(std::string_view s) {
  static const char *kTypes[] = {"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "string"};
  return std::any_of(std::begin(kTypes), std::end(kTypes), [&](const char *t) { return s == t; });
}

struct RawToken {
  uint32_t begin, end; // bytes
  int type, modifiers;
};

// Lexes `text` (keywords, literals, comments) and colours names by what the index says they are.
std::vector<RawToken> lexTokens(const Analysis *a, std::string_view text) {
  std::vector<RawToken> out;
  // ANTLR positions are code points; map them to bytes.
  std::vector<uint32_t> byteOf;
  byteOf.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) byteOf.push_back(i);
  byteOf.push_back(static_cast<uint32_t>(text.size()));
  // Occurrences in this file by where they start (the innermost when several do).
  std::map<uint32_t, const sema::Occurrence *> occurrences;
  if (a)
    for (const sema::Occurrence &o : a->index.occurrences()) {
      if (o.range.file != a->main) continue;
      auto [it, inserted] = occurrences.emplace(o.range.begin, &o);
      if (!inserted && o.range.end - o.range.begin < it->second->range.end - it->second->range.begin) it->second = &o;
    }
  try {
    antlr4::ANTLRInputStream input{std::string(text)};
    grammar::AquaScanner lexer(&input);
    for (auto token = lexer.nextToken(); token->getType() != antlr4::Token::EOF; token = lexer.nextToken()) {
      size_t from = token->getStartIndex(), to = token->getStopIndex() + 1;
      if (from >= byteOf.size() || to >= byteOf.size() || to <= from) continue;
      RawToken r{byteOf[from], byteOf[to], -1, 0};
      size_t type = token->getType();
      std::string_view spelled = text.substr(r.begin, r.end - r.begin);
      if (type == grammar::AquaLexer::COMMENT) r.type = tComment;
      else if (type == grammar::AquaLexer::STRING) r.type = tString;
      else if (type == grammar::AquaLexer::INT || type == grammar::AquaLexer::FLOAT) r.type = tNumber;
      else if (type == grammar::AquaLexer::INIT_PEER_ID) {
        r.type = tVariable;
        r.modifiers = mReadonly | mDefaultLibrary;
      } else if (type >= grammar::AquaLexer::AQUA && type <= grammar::AquaLexer::FALSE) r.type = tKeyword;
      else if (type == grammar::AquaLexer::LOWER || type == grammar::AquaLexer::UPPER) {
        if (auto it = occurrences.find(r.begin); it != occurrences.end() && a) {
          auto [t, m] = tokenKind(a->index[it->second->symbol].kind);
          r.type = t;
          r.modifiers = m | (it->second->declaration ? mDeclaration : 0);
          r.end = std::min(r.end, it->second->range.end);
        } else if (isBuiltinType(spelled)) {
          r.type = tType;
          r.modifiers = mDefaultLibrary;
        } else if (spelled == "nil") {
          r.type = tKeyword;
        }
      }
      if (r.type >= 0) out.push_back(r);
    }
  } catch (const std::exception &) {
    // Text the lexer cannot read (invalid UTF-8): colour nothing rather than fail the request.
  }
  return out;
}

} // namespace

llvm::json::Value semanticTokensLegend() {
  Array types, modifiers;
  for (const char *t : kTokenTypes) types.push_back(t);
  for (const char *m : kTokenModifiers) modifiers.push_back(m);
  return Object{{"tokenTypes", std::move(types)}, {"tokenModifiers", std::move(modifiers)}};
}

Server::Reply Server::documentSymbol(const Object &params) {
  auto t = target(params, false);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  Target &at = std::get<Target>(t);
  uint32_t offset = 0;
  const Analysis *a = indexedAnalysis(*at.doc, offset);
  if (!a) return Value(Array{});
  // An older analysis describes an older text: its ranges would be wrong, so only the current.
  if (a != at.analysis) a = at.analysis;
  Array out;
  for (sema::SymbolId id : a->index.topLevel(a->main)) {
    const sema::Symbol &s = a->index[id];
    if (s.kind == SymbolKind::Module) continue;
    if (!clientSupportsHierarchicalSymbols()) {
      out.push_back(Object{{"name", s.name}, {"kind", lspSymbolKind(s.kind)}, {"location", location(*a, extentOf(s))}});
      if (hasMembers(s.kind))
        for (sema::SymbolId m : a->index.childrenOf(id))
          out.push_back(Object{{"name", a->index[m].name}, {"kind", lspSymbolKind(a->index[m].kind)},
                               {"location", location(*a, extentOf(a->index[m]))}, {"containerName", s.name}});
      continue;
    }
    Object symbol{{"name", s.name}, {"kind", lspSymbolKind(s.kind)}, {"range", range(*a, extentOf(s))},
                  {"selectionRange", range(*a, s.name_range)}};
    if (!s.detail.empty()) symbol["detail"] = s.detail;
    if (hasMembers(s.kind)) {
      Array children;
      for (sema::SymbolId m : a->index.childrenOf(id)) {
        const sema::Symbol &c = a->index[m];
        children.push_back(Object{{"name", c.name}, {"kind", lspSymbolKind(c.kind)}, {"detail", c.detail},
                                  {"range", range(*a, extentOf(c))}, {"selectionRange", range(*a, c.name_range)}});
      }
      symbol["children"] = std::move(children);
    }
    out.push_back(std::move(symbol));
  }
  return Value(std::move(out));
}

Server::Reply Server::workspaceSymbol(const Object &params) {
  std::string query = params.getString("query").getValueOr("").str();
  constexpr size_t kMaxResults = 1000;
  Array out;
  for (const Analysis *a : workspaceAnalyses()) {
    if (!a->main.valid()) continue;
    const auto &symbols = a->index.symbols();
    for (const sema::Symbol &s : symbols) {
      if (s.name_range.file != a->main || s.kind == SymbolKind::Module) continue;
      bool member = s.parent.valid() && hasMembers(a->index[s.parent].kind);
      if (s.parent.valid() && !member) continue; // locals are not workspace symbols
      if (!matches(s.name, query)) continue;
      Object o{{"name", s.name}, {"kind", lspSymbolKind(s.kind)}, {"location", location(*a, s.name_range)}};
      if (member) o["containerName"] = a->index[s.parent].name;
      out.push_back(std::move(o));
      if (out.size() >= kMaxResults) return Value(std::move(out));
    }
  }
  return Value(std::move(out));
}

Server::Reply Server::semanticTokens(const Object &params, bool ranged) {
  auto t = target(params, false);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  Target &at = std::get<Target>(t);
  const Document &doc = *at.doc;
  // Names are coloured from the current analysis only (an older one has other offsets).
  const Analysis *a = at.analysis->indexed ? at.analysis : nullptr;
  uint32_t from = 0, to = static_cast<uint32_t>(doc.text.size());
  if (ranged) {
    const Object *r = params.getObject("range");
    auto start = r ? parsePosition(r->get("start")) : std::nullopt;
    auto end = r ? parsePosition(r->get("end")) : std::nullopt;
    if (!start || !end) return RequestError{kInvalidParams, "missing or malformed range"};
    from = doc.lines.offset(doc.text, *start, encoding());
    to = doc.lines.offset(doc.text, *end, encoding());
  }
  Array data;
  Position previous{0, 0};
  for (const RawToken &token : lexTokens(a, doc.text)) {
    if (token.end <= from || token.begin >= to) continue;
    Position p = doc.lines.position(doc.text, token.begin, encoding());
    Position e = doc.lines.position(doc.text, token.end, encoding());
    if (e.line != p.line) continue; // tokens never span lines in Aqua; be safe
    uint32_t deltaLine = p.line - previous.line;
    uint32_t deltaStart = deltaLine == 0 ? p.character - previous.character : p.character;
    data.push_back(deltaLine);
    data.push_back(deltaStart);
    data.push_back(e.character - p.character);
    data.push_back(token.type);
    data.push_back(token.modifiers);
    previous = p;
  }
  return Value(Object{{"data", std::move(data)}});
}

Server::Reply Server::foldingRange(const Object &params) {
  auto t = target(params, false);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  const Document &doc = *std::get<Target>(t).doc;
  // From indentation, so folding works while the text does not parse.
  struct Line {
    int indent = -1; // -1: blank
    bool comment = false;
    bool import = false;
  };
  std::vector<Line> lines(doc.lines.lineCount());
  for (uint32_t i = 0; i < lines.size(); ++i) {
    uint32_t at = doc.lines.lineStart(i);
    uint32_t end = i + 1 < lines.size() ? doc.lines.lineStart(i + 1) : static_cast<uint32_t>(doc.text.size());
    std::string_view line = std::string_view(doc.text).substr(at, end - at);
    size_t first = line.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos) continue;
    lines[i].indent = static_cast<int>(first);
    std::string_view rest = line.substr(first);
    lines[i].comment = rest.rfind("--", 0) == 0;
    lines[i].import = rest.rfind("import ", 0) == 0 || rest.rfind("use ", 0) == 0 || rest.rfind("from ", 0) == 0;
  }
  Array out;
  for (uint32_t i = 0; i < lines.size(); ++i) {
    if (lines[i].indent < 0) continue;
    if (lines[i].comment && (i == 0 || !lines[i - 1].comment)) {
      uint32_t j = i;
      while (j + 1 < lines.size() && lines[j + 1].comment) ++j;
      if (j > i) out.push_back(Object{{"startLine", i}, {"endLine", j}, {"kind", "comment"}});
    }
    if (lines[i].import && (i == 0 || !lines[i - 1].import)) {
      uint32_t j = i;
      while (j + 1 < lines.size() && (lines[j + 1].import || lines[j + 1].indent < 0)) ++j;
      while (j > i && lines[j].indent < 0) --j;
      if (j > i) out.push_back(Object{{"startLine", i}, {"endLine", j}, {"kind", "imports"}});
    }
    if (lines[i].comment) continue;
    // A block: the following lines indented deeper (blank lines inside included).
    uint32_t last = i;
    for (uint32_t j = i + 1; j < lines.size(); ++j) {
      if (lines[j].indent < 0) continue;
      if (lines[j].indent <= lines[i].indent) break;
      last = j;
    }
    if (last > i) out.push_back(Object{{"startLine", i}, {"endLine", last}});
  }
  return Value(std::move(out));
}

Server::Reply Server::inlayHint(const Object &params) {
  auto t = target(params, false);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  Target &at = std::get<Target>(t);
  const Analysis &a = *at.analysis;
  const Document &doc = *at.doc;
  uint32_t from = 0, to = static_cast<uint32_t>(doc.text.size());
  if (const Object *r = params.getObject("range")) {
    auto start = parsePosition(r->get("start"));
    auto end = parsePosition(r->get("end"));
    if (start && end) {
      from = doc.lines.offset(doc.text, *start, encoding());
      to = doc.lines.offset(doc.text, *end, encoding());
    }
  }
  Array out;
  if (!a.indexed) return Value(std::move(out));
  for (const sema::Symbol &s : a.index.symbols()) {
    if (!s.type_inferred || s.name_range.file != a.main || s.detail.empty()) continue;
    if (s.name_range.end < from || s.name_range.begin > to) continue;
    if (s.kind != SymbolKind::Variable && s.kind != SymbolKind::Stream && s.kind != SymbolKind::Parameter) continue;
    if (s.detail.rfind(s.name + "(", 0) == 0) continue; // a closure: its signature is written
    out.push_back(Object{{"position", toJson(doc.lines.position(doc.text, s.name_range.end, encoding()))},
                         {"label", ": " + s.detail},
                         {"kind", 1},
                         {"paddingLeft", false},
                         {"paddingRight", false}});
  }
  return Value(std::move(out));
}

} // namespace aqua::lsp
