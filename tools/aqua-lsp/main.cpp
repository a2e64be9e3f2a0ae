// aqua-lsp: the Aqua language server over stdio. Everything is in compiler/lsp; this parses
// the few command-line options an editor passes.
#include <cstdio>
#include <cstring>
#include <string>

#include <unistd.h>

#include "compiler/lsp/server.h"

namespace {

constexpr const char *kUsage =
    "usage: aqua-lsp [--stdio] [-I DIR]... [--debounce-ms N]\n"
    "\n"
    "The Aqua language server (LSP 3.17) over stdin/stdout. Editors start it; see the README's\n"
    "\"Editor setup\" for VS Code and Neovim.\n"
    "\n"
    "  --stdio           talk over stdin/stdout (the default and only transport)\n"
    "  -I DIR            import directory, searched before the client's aqua.importDirs\n"
    "  --debounce-ms N   publish diagnostics after N ms without edits (default 200; 0: at once)\n"
    "  --version         print the version\n"
    "  --help            print this help\n";

bool parseCount(const char *text, int &out) {
  char *end = nullptr;
  long v = std::strtol(text, &end, 10);
  if (!*text || *end || v < 0 || v > 60000) return false;
  out = static_cast<int>(v);
  return true;
}

} // namespace

int main(int argc, char **argv) {
  aqua::lsp::ServerOptions options;
  options.version = AQUAC_VERSION;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    auto value = [&](const char *name) -> const char * {
      if (i + 1 >= argc) {
        std::fprintf(stderr, "aqua-lsp: %s needs a value\n%s", name, kUsage);
        std::exit(2);
      }
      return argv[++i];
    };
    if (arg == "--help" || arg == "-h") {
      std::fputs(kUsage, stdout);
      return 0;
    }
    if (arg == "--version") {
      std::printf("aqua-lsp %s\n", AQUAC_VERSION);
      return 0;
    }
    if (arg == "--stdio") continue;
    if (arg == "-I") {
      options.importDirs.emplace_back(value("-I"));
    } else if (arg.rfind("-I", 0) == 0) {
      options.importDirs.push_back(arg.substr(2));
    } else if (arg == "--debounce-ms" || arg.rfind("--debounce-ms=", 0) == 0) {
      const char *v = arg == "--debounce-ms" ? value("--debounce-ms") : argv[i] + std::strlen("--debounce-ms=");
      if (!parseCount(v, options.debounceMs)) {
        std::fprintf(stderr, "aqua-lsp: --debounce-ms expects a number of milliseconds from 0 to 60000, got '%s'\n", v);
        return 2;
      }
    } else {
      std::fprintf(stderr, "aqua-lsp: unknown option '%s'\n%s", arg.c_str(), kUsage);
      return 2;
    }
  }
  aqua::lsp::Transport transport(STDIN_FILENO, STDOUT_FILENO);
  aqua::lsp::Server server(transport, std::move(options));
  return server.run();
}
