// Where `import "x"` / `use "x"` files are found (aqua-language.md §4.3): relative to the
// importing file, then each -I directory, then `node_modules` folders walking up from the
// importing file, then aquac's bundled stdlib (which answers @fluencelabs/aqua-lib/...).
#pragma once

#include <string>
#include <vector>

namespace aqua::sema {

struct ImportResolution {
  std::string path;               // canonical path of the file found; empty when not found
  std::vector<std::string> tried; // every candidate, for the "could not be resolved" diagnostic
};

class ImportResolver {
public:
  explicit ImportResolver(std::vector<std::string> importDirs, std::string stdlibDir = defaultStdlibDir());

  ImportResolution resolve(const std::string &importingFile, const std::string &importPath) const;

  // <dir of the aquac binary>/../share/aquac/stdlib, or AQUAC_STDLIB from the environment.
  static std::string defaultStdlibDir();

private:
  std::vector<std::string> importDirs_;
  std::string stdlibDir_;
};

} // namespace aqua::sema
