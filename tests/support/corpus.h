// The Aqua files the grammar tests run on: the shared conformance corpus, our stdlib, examples
// and test programs.
#pragma once

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace aqua::testing {

inline std::string readFile(const std::filesystem::path &path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream s;
  s << in.rdbuf();
  return s.str();
}

// The shared reference material as configured (CMake's AQUA_SHARED_DIR, ../shared by default),
// the same folder the conformance tests are generated from.
inline std::filesystem::path sharedDir() { return std::filesystem::path(AQUA_SHARED_DIR); }

// Every .aqua file below the corpus roots, sorted (the same order, so the same random choices,
// everywhere). Empty when a root is missing: callers check a minimum count.
inline std::vector<std::filesystem::path> aquaCorpusFiles() {
  namespace fs = std::filesystem;
  std::vector<fs::path> roots = {sharedDir() / "conformance", fs::path(AQUA_SOURCE_DIR) / "stdlib",
                                 fs::path(AQUA_SOURCE_DIR) / "examples", fs::path(AQUA_SOURCE_DIR) / "tests"};
  std::vector<fs::path> paths;
  for (const fs::path &root : roots) {
    if (!fs::exists(root)) return {};
    for (const auto &entry : fs::recursive_directory_iterator(root))
      if (entry.is_regular_file() && entry.path().extension() == ".aqua") paths.push_back(entry.path());
  }
  std::sort(paths.begin(), paths.end());
  return paths;
}

} // namespace aqua::testing
