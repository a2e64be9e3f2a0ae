#include "compiler/diag/render.h"

#include <algorithm>

#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

namespace aqua {

namespace {

struct Position {
  std::string file;
  LineColumn begin, end;
};

Position positionOf(const SourceManager &sources, const SourceRange &range) {
  Position p;
  p.file = std::string(sources.path(range.file));
  p.begin = sources.lineColumn(range.file, range.begin);
  p.end = sources.lineColumn(range.file, std::max(range.end, range.begin));
  return p;
}

const char *colorOf(Severity s) {
  switch (s) {
  case Severity::Error: return "\033[1;31m";
  case Severity::Warning: return "\033[1;35m";
  case Severity::Note: return "\033[1;36m";
  }
  return "";
}

std::string locationText(const SourceManager &sources, const SourceRange &range) {
  if (!range.file.valid()) return "aquac";
  LineColumn lc = sources.lineColumn(range.file, range.begin);
  return std::string(sources.path(range.file)) + ":" + std::to_string(lc.line) + ":" + std::to_string(lc.column);
}

// The source line of `range` with a caret under its first character and tildes to its end (on
// that line). Returns where that line starts and ends, for fix-its shown under it.
struct ExcerptLine {
  bool shown = false;
  size_t begin = 0, end = 0;
};
ExcerptLine excerpt(const SourceManager &sources, const SourceRange &range, std::ostream &out, bool color,
                    Severity severity) {
  if (!range.file.valid()) return {};
  std::string_view text = sources.text(range.file);
  uint32_t begin = std::min<uint32_t>(range.begin, static_cast<uint32_t>(text.size()));
  size_t lineStart = text.rfind('\n', begin == 0 ? 0 : begin - 1);
  lineStart = (lineStart == std::string_view::npos || begin == 0) ? 0 : lineStart + 1;
  if (begin > 0 && text[begin - 1] == '\n') lineStart = begin;
  size_t lineEnd = text.find('\n', begin);
  if (lineEnd == std::string_view::npos) lineEnd = text.size();
  std::string_view line = text.substr(lineStart, lineEnd - lineStart);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  LineColumn lc = sources.lineColumn(range.file, begin);
  std::string number = std::to_string(lc.line);
  out << " " << number << " | " << line << "\n";
  out << " " << std::string(number.size(), ' ') << " | ";
  std::string marker;
  for (size_t i = lineStart; i < begin; ++i) marker += text[i] == '\t' ? '\t' : ' ';
  size_t end = std::min<size_t>(std::max(range.end, begin + 1), lineStart + line.size());
  marker += '^';
  for (size_t i = begin + 1; i < end; ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) marker += '~';
  if (color) out << colorOf(severity) << marker << "\033[0m\n";
  else out << marker << "\n";
  return {true, lineStart, lineStart + line.size()};
}

// A fix-it the way clang shows one: a replacement or insertion on the excerpt's line is written
// under the text it replaces; anything else (a removal, another line, several lines) is spelled
// out on a `fix-it:` line.
void fixitLine(const SourceManager &sources, const FixIt &fix, const ExcerptLine &shown, const SourceRange &at,
               std::ostream &out, bool color) {
  std::string_view text = sources.text(fix.range.file);
  bool underLine = shown.shown && fix.range.file == at.file && fix.range.begin >= shown.begin &&
                   fix.range.end <= shown.end && !fix.replacement.empty() &&
                   fix.replacement.find('\n') == std::string::npos;
  if (underLine) {
    std::string number = std::to_string(sources.lineColumn(at.file, at.begin).line);
    std::string pad;
    for (size_t i = shown.begin; i < fix.range.begin; ++i) pad += text[i] == '\t' ? '\t' : ' ';
    out << " " << std::string(number.size(), ' ') << " | " << pad;
    if (color) out << "\033[0;32m" << fix.replacement << "\033[0m\n";
    else out << fix.replacement << "\n";
    return;
  }
  auto visible = [](std::string_view s) {
    std::string r;
    for (char c : s) r += c == '\n' ? std::string("\\n") : std::string(1, c);
    return "`" + r + "`";
  };
  std::string_view old = text.substr(fix.range.begin, fix.range.end - fix.range.begin);
  bool wholeLines = !old.empty() && old.back() == '\n' && (fix.range.begin == 0 || text[fix.range.begin - 1] == '\n');
  out << "fix-it: ";
  if (fix.replacement.empty() && wholeLines) {
    uint32_t first = sources.lineColumn(fix.range.file, fix.range.begin).line;
    uint32_t last = sources.lineColumn(fix.range.file, fix.range.end - 1).line;
    if (last != first) out << "remove lines " << first << "-" << last << "\n";
    else out << "remove line " << first << "\n";
    return;
  }
  if (fix.replacement.empty()) out << "remove " << visible(old);
  else if (old.empty()) out << "insert " << visible(fix.replacement);
  else out << "replace " << visible(old) << " with " << visible(fix.replacement);
  out << " at " << locationText(sources, fix.range) << "\n";
}

void writeJson(const llvm::json::Value &value, std::ostream &out) {
  std::string text;
  llvm::raw_string_ostream os(text);
  os << llvm::formatv("{0:2}", value);
  os.flush();
  out << text << "\n";
}

} // namespace

std::string_view severityName(Severity severity) {
  switch (severity) {
  case Severity::Error: return "error";
  case Severity::Warning: return "warning";
  case Severity::Note: return "note";
  }
  return "error";
}

void renderText(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out,
                RenderOptions options) {
  size_t errors = 0, warnings = 0;
  for (const Diagnostic &d : diagnostics) {
    const DiagKindInfo &kind = info(d.kind);
    if (options.color) out << "\033[1m";
    out << locationText(sources, d.range) << ": ";
    if (options.color) out << colorOf(d.severity);
    out << severityName(d.severity) << "[" << kind.code << "]: ";
    if (options.color) out << "\033[0m\033[1m";
    out << d.message;
    if (options.color) out << "\033[0m";
    out << "\n";
    ExcerptLine shown = excerpt(sources, d.range, out, options.color, d.severity);
    for (const FixIt &fix : d.fixits)
      if (fix.range.file.valid()) fixitLine(sources, fix, shown, d.range, out, options.color);
    for (const DiagNote &note : d.notes) {
      out << locationText(sources, note.range) << ": note: " << note.message << "\n";
      excerpt(sources, note.range, out, options.color, Severity::Note);
    }
    (d.severity == Severity::Error ? errors : warnings) += d.severity == Severity::Note ? 0 : 1;
  }
  if (errors || warnings) {
    out << errors << (errors == 1 ? " error" : " errors");
    if (warnings) out << " and " << warnings << (warnings == 1 ? " warning" : " warnings");
    out << " generated.\n";
  }
}

void renderJson(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out) {
  llvm::json::Array array;
  for (const Diagnostic &d : diagnostics) {
    Position p = positionOf(sources, d.range);
    llvm::json::Object o{{"file", p.file},
                         {"line", static_cast<int64_t>(p.begin.line)},
                         {"column", static_cast<int64_t>(p.begin.column)},
                         {"endLine", static_cast<int64_t>(p.end.line)},
                         {"endColumn", static_cast<int64_t>(p.end.column)},
                         {"severity", std::string(severityName(d.severity))},
                         {"code", std::string(info(d.kind).code)},
                         {"message", d.message}};
    if (!d.notes.empty()) {
      llvm::json::Array notes;
      for (const DiagNote &n : d.notes) {
        Position np = positionOf(sources, n.range);
        notes.push_back(llvm::json::Object{{"file", np.file},
                                           {"line", static_cast<int64_t>(np.begin.line)},
                                           {"column", static_cast<int64_t>(np.begin.column)},
                                           {"message", n.message}});
      }
      o["notes"] = std::move(notes);
    }
    if (!d.fixits.empty()) {
      llvm::json::Array fixes;
      for (const FixIt &f : d.fixits) {
        Position fp = positionOf(sources, f.range);
        fixes.push_back(llvm::json::Object{{"line", static_cast<int64_t>(fp.begin.line)},
                                           {"column", static_cast<int64_t>(fp.begin.column)},
                                           {"endLine", static_cast<int64_t>(fp.end.line)},
                                           {"endColumn", static_cast<int64_t>(fp.end.column)},
                                           {"replacement", f.replacement}});
      }
      o["fixits"] = std::move(fixes);
    }
    array.push_back(std::move(o));
  }
  writeJson(llvm::json::Value(std::move(array)), out);
}

void renderSarif(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out) {
  llvm::json::Array results;
  std::vector<std::string> ruleIds;
  for (const Diagnostic &d : diagnostics) {
    Position p = positionOf(sources, d.range);
    std::string code(info(d.kind).code);
    if (std::find(ruleIds.begin(), ruleIds.end(), code) == ruleIds.end()) ruleIds.push_back(code);
    llvm::json::Object region{{"startLine", static_cast<int64_t>(p.begin.line)},
                              {"startColumn", static_cast<int64_t>(p.begin.column)},
                              {"endLine", static_cast<int64_t>(p.end.line)},
                              {"endColumn", static_cast<int64_t>(p.end.column)}};
    llvm::json::Object location{{"physicalLocation",
                                 llvm::json::Object{{"artifactLocation", llvm::json::Object{{"uri", p.file}}},
                                                    {"region", std::move(region)}}}};
    llvm::json::Object result{
        {"ruleId", code},
        {"level", d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note"},
        {"message", llvm::json::Object{{"text", d.message}}},
        {"locations", llvm::json::Array{std::move(location)}}};
    // SARIF `fixes`: each fix-it is one replacement of a region of the file.
    llvm::json::Array fixes;
    for (const FixIt &f : d.fixits) {
      if (!f.range.file.valid()) continue;
      Position fp = positionOf(sources, f.range);
      llvm::json::Object deleted{{"startLine", static_cast<int64_t>(fp.begin.line)},
                                 {"startColumn", static_cast<int64_t>(fp.begin.column)},
                                 {"endLine", static_cast<int64_t>(fp.end.line)},
                                 {"endColumn", static_cast<int64_t>(fp.end.column)}};
      std::string description = f.replacement.empty() ? "Remove the text" : "Replace with `" + f.replacement + "`";
      fixes.push_back(llvm::json::Object{
          {"description", llvm::json::Object{{"text", description}}},
          {"artifactChanges",
           llvm::json::Array{llvm::json::Object{
               {"artifactLocation", llvm::json::Object{{"uri", fp.file}}},
               {"replacements", llvm::json::Array{llvm::json::Object{
                                    {"deletedRegion", std::move(deleted)},
                                    {"insertedContent", llvm::json::Object{{"text", f.replacement}}}}}}}}}});
    }
    if (!fixes.empty()) result["fixes"] = std::move(fixes);
    results.push_back(std::move(result));
  }
  llvm::json::Array rules;
  for (const std::string &id : ruleIds) {
    for (size_t k = 0; k < kDiagKindCount; ++k) {
      const DiagKindInfo &i = info(static_cast<DiagKind>(k));
      if (i.code == id) {
        rules.push_back(llvm::json::Object{{"id", id}, {"name", std::string(i.name)}});
        break;
      }
    }
  }
  llvm::json::Object log{
      {"version", "2.1.0"},
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"runs", llvm::json::Array{llvm::json::Object{
                   {"tool", llvm::json::Object{{"driver", llvm::json::Object{{"name", "aquac"},
                                                                              {"informationUri", "https://github.com/"},
                                                                              {"rules", std::move(rules)}}}}},
                   {"results", std::move(results)}}}}};
  writeJson(llvm::json::Value(std::move(log)), out);
}

void renderGithub(const SourceManager &sources, const std::vector<Diagnostic> &diagnostics, std::ostream &out) {
  auto escape = [](std::string s, bool property) {
    std::string r;
    for (char c : s) {
      if (c == '%') r += "%25";
      else if (c == '\r') r += "%0D";
      else if (c == '\n') r += "%0A";
      else if (property && c == ':') r += "%3A";
      else if (property && c == ',') r += "%2C";
      else r += c;
    }
    return r;
  };
  for (const Diagnostic &d : diagnostics) {
    Position p = positionOf(sources, d.range);
    out << "::" << (d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "notice")
        << " file=" << escape(p.file, true) << ",line=" << p.begin.line << ",col=" << p.begin.column
        << ",endLine=" << p.end.line << ",endColumn=" << p.end.column << ",title=" << info(d.kind).code
        << "::" << escape(d.message, false) << "\n";
  }
}

} // namespace aqua
