// Code actions (the checker's fix-its as quick fixes) and formatting (aquac fmt's layout, sent
// as the smallest line edits so the editor keeps cursors and folds where nothing changed).
#include <algorithm>

#include "compiler/fmt/format.h"
#include "compiler/lsp/server.h"

namespace aqua::lsp {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

namespace {

bool overlaps(uint32_t aBegin, uint32_t aEnd, uint32_t bBegin, uint32_t bEnd) {
  return aBegin <= bEnd && bBegin <= aEnd;
}

std::vector<std::string_view> splitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t at = 0;
  while (at < text.size()) {
    size_t nl = text.find('\n', at);
    size_t end = nl == std::string_view::npos ? text.size() : nl + 1;
    lines.push_back(text.substr(at, end - at));
    at = end;
  }
  return lines;
}

struct Hunk {
  uint32_t oldBegin, oldEnd; // lines of the old text replaced
  uint32_t newBegin, newEnd; // by these lines of the new text
};

// Line hunks turning `a` into `b`: common ends trimmed, the middle by LCS when it is small.
std::vector<Hunk> diffLines(const std::vector<std::string_view> &a, const std::vector<std::string_view> &b) {
  uint32_t prefix = 0;
  while (prefix < a.size() && prefix < b.size() && a[prefix] == b[prefix]) ++prefix;
  uint32_t suffix = 0;
  while (suffix < a.size() - prefix && suffix < b.size() - prefix && a[a.size() - 1 - suffix] == b[b.size() - 1 - suffix])
    ++suffix;
  uint32_t n = static_cast<uint32_t>(a.size()) - prefix - suffix, m = static_cast<uint32_t>(b.size()) - prefix - suffix;
  if (n == 0 && m == 0) return {};
  constexpr uint64_t kMaxCells = 4'000'000;
  if (static_cast<uint64_t>(n + 1) * (m + 1) > kMaxCells) return {{prefix, prefix + n, prefix, prefix + m}};
  std::vector<uint32_t> lcs(static_cast<size_t>(n + 1) * (m + 1), 0);
  auto at = [&](uint32_t i, uint32_t j) -> uint32_t & { return lcs[static_cast<size_t>(i) * (m + 1) + j]; };
  for (uint32_t i = n; i-- > 0;)
    for (uint32_t j = m; j-- > 0;)
      at(i, j) = a[prefix + i] == b[prefix + j] ? at(i + 1, j + 1) + 1 : std::max(at(i + 1, j), at(i, j + 1));
  std::vector<Hunk> hunks;
  uint32_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[prefix + i] == b[prefix + j]) {
      ++i, ++j;
      continue;
    }
    Hunk h{prefix + i, prefix + i, prefix + j, prefix + j};
    while ((i < n || j < m) && !(i < n && j < m && a[prefix + i] == b[prefix + j])) {
      if (j < m && (i == n || at(i, j + 1) >= at(i + 1, j))) ++j;
      else ++i;
    }
    h.oldEnd = prefix + i;
    h.newEnd = prefix + j;
    hunks.push_back(h);
  }
  return hunks;
}

} // namespace

Server::Reply Server::codeAction(const Object &params) {
  auto t = target(params, false);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  Target &at = std::get<Target>(t);
  const Analysis &a = *at.analysis;
  const Document &doc = *at.doc;
  const Object *r = params.getObject("range");
  auto start = r ? parsePosition(r->get("start")) : std::nullopt;
  auto end = r ? parsePosition(r->get("end")) : std::nullopt;
  if (!start || !end) return RequestError{kInvalidParams, "missing or malformed range"};
  uint32_t from = doc.lines.offset(doc.text, *start, encoding());
  uint32_t to = doc.lines.offset(doc.text, *end, encoding());
  if (const Object *context = params.getObject("context"))
    if (const Array *only = context->getArray("only")) {
      bool wanted = false;
      for (const Value &k : *only)
        if (auto s = k.getAsString(); s && (*s == "quickfix" || s->startswith("quickfix."))) wanted = true;
      if (!wanted) return Value(Array{});
    }
  Array actions;
  for (const Diagnostic &d : a.diagnostics.all()) {
    if (d.fixits.empty() || d.range.file != a.main || !overlaps(d.range.begin, d.range.end, from, to)) continue;
    Array edits;
    for (const FixIt &f : d.fixits)
      if (f.range.file == a.main) edits.push_back(Object{{"range", range(a, f.range)}, {"newText", f.replacement}});
    if (edits.empty()) continue;
    // The title says what the edit does: the replacement, or a removal.
    const FixIt &first = d.fixits.front();
    std::string title = first.replacement.empty() ? "Remove `" + std::string(a.text(a.main).substr(first.range.begin, first.range.end - first.range.begin)) + "`"
                        : first.range.begin == first.range.end ? "Insert `" + first.replacement + "`"
                                                               : "Replace with `" + first.replacement + "`";
    Object changes{{doc.uri, std::move(edits)}};
    actions.push_back(Object{{"title", title},
                             {"kind", "quickfix"},
                             {"diagnostics", Array{diagnosticJson(a, d)}},
                             {"isPreferred", d.fixits.size() == 1},
                             {"edit", Object{{"changes", std::move(changes)}}}});
  }
  return Value(std::move(actions));
}

Server::Reply Server::formatting(const Object &params, bool ranged) {
  auto t = target(params, false);
  if (auto *e = std::get_if<RequestError>(&t)) return *e;
  const Document &doc = *std::get<Target>(t).doc;
  if (doc.text.size() > kMaxAnalyzedBytes)
    return RequestError{kRequestFailed, "this file is too large to format in the editor; run `aquac fmt` on it"};
  format::FormatResult formatted = format::formatSource(doc.text);
  if (!formatted.ok)
    return RequestError{kRequestFailed, "cannot format " + doc.uri + ":" + std::to_string(formatted.line) + ":" +
                                            std::to_string(formatted.column) + ": " + formatted.error};
  uint32_t firstLine = 0, lastLine = UINT32_MAX;
  if (ranged) {
    const Object *r = params.getObject("range");
    auto start = r ? parsePosition(r->get("start")) : std::nullopt;
    auto end = r ? parsePosition(r->get("end")) : std::nullopt;
    if (!start || !end) return RequestError{kInvalidParams, "missing or malformed range"};
    firstLine = start->line;
    lastLine = end->character == 0 && end->line > start->line ? end->line - 1 : end->line;
  }
  std::vector<std::string_view> before = splitLines(doc.text), after = splitLines(formatted.text);
  Array edits;
  for (const Hunk &h : diffLines(before, after)) {
    // A hunk belongs to the range when it touches one of its lines (an insertion: its position).
    uint32_t hunkLast = h.oldEnd > h.oldBegin ? h.oldEnd - 1 : h.oldBegin;
    if (hunkLast < firstLine || h.oldBegin > lastLine) continue;
    std::string text;
    for (uint32_t i = h.newBegin; i < h.newEnd; ++i) text += after[i];
    uint32_t begin = h.oldBegin < before.size() ? doc.lines.lineStart(h.oldBegin) : static_cast<uint32_t>(doc.text.size());
    uint32_t end = h.oldEnd < before.size() ? doc.lines.lineStart(h.oldEnd) : static_cast<uint32_t>(doc.text.size());
    edits.push_back(Object{{"range", range(doc, begin, end)}, {"newText", std::move(text)}});
  }
  return Value(std::move(edits));
}

} // namespace aqua::lsp
