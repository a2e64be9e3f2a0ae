// Checks a small program (with files beside it) through the front end and looks at what was
// reported: kind, place, text under the range, tag, fix-its.
#pragma once

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "compiler/driver/frontend.h"

namespace checker_test {

namespace fs = std::filesystem;

struct Checked {
  aqua::SourceManager sources;
  aqua::DiagnosticSink sink;

  std::string textOf(aqua::SourceRange r) const {
    return std::string(sources.text(r.file).substr(r.begin, r.end - r.begin));
  }
  std::string where(aqua::SourceRange r) const {
    aqua::LineColumn lc = sources.lineColumn(r.file, r.begin);
    return std::to_string(lc.line) + ":" + std::to_string(lc.column);
  }
  // Diagnostics of `kind`, as "line:col text-under-range".
  std::vector<std::string> of(aqua::DiagKind kind) const {
    std::vector<std::string> out;
    for (const aqua::Diagnostic &d : sink.all())
      if (d.kind == kind) out.push_back(where(d.range) + " " + textOf(d.range));
    return out;
  }
  // Messages of `kind`.
  std::vector<std::string> messages(aqua::DiagKind kind) const {
    std::vector<std::string> out;
    for (const aqua::Diagnostic &d : sink.all())
      if (d.kind == kind) out.push_back(d.message);
    return out;
  }
  const aqua::Diagnostic *first(aqua::DiagKind kind) const {
    for (const aqua::Diagnostic &d : sink.all())
      if (d.kind == kind) return &d;
    return nullptr;
  }
  size_t warnings() const {
    size_t n = 0;
    for (const aqua::Diagnostic &d : sink.all()) n += d.severity == aqua::Severity::Warning;
    return n;
  }
  // The checked file's text after applying the fix-its of `d`.
  std::string fixed(const aqua::Diagnostic &d) const {
    std::string text(sources.text(d.range.file));
    std::vector<aqua::FixIt> fixes = d.fixits;
    std::sort(fixes.begin(), fixes.end(), [](const auto &a, const auto &b) { return a.range.begin > b.range.begin; });
    for (const aqua::FixIt &f : fixes) text.replace(f.range.begin, f.range.end - f.range.begin, f.replacement);
    return text;
  }
};

struct Options {
  std::vector<std::string> constOverrides;
};

// Checks `main` as <dir>/main.aqua with `files` written beside it (the bundled stdlib is an import
// root).
inline std::unique_ptr<Checked> check(const std::string &main, const std::map<std::string, std::string> &files = {},
                                      const Options &options = {}) {
  static int counter = 0;
  fs::path dir = fs::temp_directory_path() /
                 ("aquac-checker-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
  fs::create_directories(dir);
  for (const auto &[name, text] : files) {
    fs::create_directories((dir / name).parent_path());
    std::ofstream(dir / name) << text;
  }
  std::ofstream(dir / "main.aqua") << main;
  auto c = std::make_unique<Checked>();
  std::vector<std::string> importDirs{(fs::path(AQUA_SOURCE_DIR) / "stdlib").string()};
  aqua::driver::Frontend frontend(c->sources, c->sink, aqua::sema::ImportResolver(importDirs));
  frontend.setConstantOverrides(options.constOverrides);
  frontend.load(fs::weakly_canonical(dir / "main.aqua").string());
  c->sink.sort(); // by place, as the driver prints them
  fs::remove_all(dir);
  return c;
}

inline const char *kService = "service S(\"s\"):\n  get() -> u32\n  put(x: u32)\n\n";

} // namespace checker_test
