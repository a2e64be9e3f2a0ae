#include "compiler/sema/import_resolver.h"

#include <cstdlib>
#include <filesystem>

#include "llvm/Support/FileSystem.h"

namespace aqua::sema {

namespace fs = std::filesystem;

namespace {

std::string withExtension(const std::string &path) {
  if (path.size() >= 5 && path.compare(path.size() - 5, 5, ".aqua") == 0) return path;
  return path + ".aqua";
}

bool isFile(const fs::path &p) {
  std::error_code ec;
  return fs::is_regular_file(p, ec);
}

std::string canonicalPath(const fs::path &p) {
  std::error_code ec;
  fs::path c = fs::weakly_canonical(p, ec);
  return (ec ? p : c).string();
}

} // namespace

std::string ImportResolver::defaultStdlibDir() {
  if (const char *env = std::getenv("AQUAC_STDLIB")) return env;
  static int anchor;
  std::string exe = llvm::sys::fs::getMainExecutable(nullptr, &anchor);
  if (exe.empty()) return {};
  fs::path dir = fs::path(exe).parent_path();
  return (dir.parent_path() / "share" / "aquac" / "stdlib").string();
}

ImportResolver::ImportResolver(std::vector<std::string> importDirs, std::string stdlibDir)
    : importDirs_(std::move(importDirs)), stdlibDir_(std::move(stdlibDir)) {}

ImportResolution ImportResolver::resolve(const std::string &importingFile, const std::string &importPath) const {
  ImportResolution r;
  std::string relative = withExtension(importPath);
  auto attempt = [&](const fs::path &candidate) {
    r.tried.push_back(candidate.string());
    if (isFile(candidate)) {
      r.path = canonicalPath(candidate);
      return true;
    }
    return false;
  };
  fs::path importing = fs::path(importingFile).parent_path();
  if (fs::path(relative).is_absolute()) {
    attempt(relative);
    return r;
  }
  if (attempt(importing / relative)) return r;
  for (const std::string &dir : importDirs_)
    if (attempt(fs::path(dir) / relative)) return r;
  std::error_code ec;
  for (fs::path dir = fs::absolute(importing, ec); !dir.empty(); dir = dir.parent_path()) {
    if (attempt(dir / "node_modules" / relative)) return r;
    if (dir == dir.parent_path()) break;
  }
  if (!stdlibDir_.empty()) attempt(fs::path(stdlibDir_) / relative);
  return r;
}

} // namespace aqua::sema
