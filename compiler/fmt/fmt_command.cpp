// `aquac fmt FILE... [--check] [--stdin]`: files are rewritten only when their layout changes,
// through a temporary file renamed over the original (an interrupted run never leaves half a
// file); `--check` writes nothing and lists the files that would change.
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <ostream>
#include <sstream>

#include <unistd.h>

#include "compiler/driver/options.h"
#include "compiler/fmt/format.h"

namespace aqua::driver {

namespace {

namespace fs = std::filesystem;

bool readFile(const std::string &path, std::string &text, std::string &error) {
  std::error_code ec;
  if (fs::is_directory(path, ec)) {
    error = "is a directory";
    return false;
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    error = std::strerror(errno);
    return false;
  }
  text.assign(std::istreambuf_iterator<char>(in), {});
  if (in.bad()) {
    error = "read error";
    return false;
  }
  return true;
}

// Writes `text` next to `path` and renames it over `path`, keeping the file's permissions.
bool replaceFile(const std::string &path, const std::string &text, std::string &error) {
  fs::path target(path);
  fs::path temp = target;
  temp += ".aquac-fmt-" + std::to_string(::getpid()) + ".tmp";
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out || !(out << text) || !out.flush()) {
      error = "cannot write " + temp.string();
      std::error_code ec;
      fs::remove(temp, ec);
      return false;
    }
  }
  std::error_code ec;
  fs::permissions(temp, fs::status(target, ec).permissions(), ec);
  fs::rename(temp, target, ec);
  if (ec) {
    error = "cannot replace the file: " + ec.message();
    fs::remove(temp, ec);
    return false;
  }
  return true;
}

void report(std::ostream &err, const std::string &name, const format::FormatResult &r) {
  err << name << ":" << r.line << ":" << r.column << ": error: " << r.error << "\n";
}

} // namespace

int runFmt(const FmtOptions &options, std::ostream &out, std::ostream &err) {
  if (options.fromStdin) {
    if (!options.files.empty()) {
      err << "aquac fmt: --stdin formats standard input; give no files with it\n";
      return 2;
    }
    std::string text(std::istreambuf_iterator<char>(std::cin), {});
    format::FormatResult r = format::formatSource(text);
    if (!r.ok) {
      report(err, "<stdin>", r);
      return 1;
    }
    if (options.check) {
      if (r.text != text) out << "<stdin>\n";
      return r.text != text ? 1 : 0;
    }
    out << r.text;
    return 0;
  }
  if (options.files.empty()) {
    err << "aquac fmt: give files to format, or --stdin\n";
    return 2;
  }
  bool failed = false, changed = false;
  for (const std::string &file : options.files) {
    std::string text, error;
    if (!readFile(file, text, error)) {
      err << file << ": error: cannot read file: " << error << "\n";
      failed = true;
      continue;
    }
    format::FormatResult r = format::formatSource(text);
    if (!r.ok) {
      report(err, file, r);
      failed = true;
      continue;
    }
    if (r.text == text) continue;
    changed = true;
    if (options.check) {
      out << file << "\n";
      continue;
    }
    if (!replaceFile(file, r.text, error)) {
      err << file << ": error: " << error << "\n";
      failed = true;
    }
  }
  if (failed) return 1;
  return options.check && changed ? 1 : 0;
}

} // namespace aqua::driver
