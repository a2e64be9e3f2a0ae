// Fuzz target: arbitrary bytes as an Aqua source file through `aquac check` and `aquac compile`
// (lexer, parser, checker, lowering, AIR printing), in process. Built with GCC (ANTLR runtime):
// by the standalone driver, or by afl-g++-fast (tests/fuzz/run-fuzz.sh).
// Beyond "no crash": exit codes follow the CLI contract and errors come with a message.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <cstdlib>

#include <unistd.h>

#include "compiler/driver/options.h"

namespace {

namespace fs = std::filesystem;

const fs::path &workDir() {
  static const fs::path dir = [] {
    fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("aqua-fuzz-" + std::to_string(::getpid()));
    fs::create_directories(d / "out");
    return d;
  }();
  // AFL forks a process per input: leave no folder behind in /dev/shm. Registered after `dir`
  // is constructed, so it runs before `dir` is destroyed.
  static const bool cleanup = (std::atexit([] { std::error_code ec; fs::remove_all(workDir(), ec); }), true);
  (void)cleanup;
  return dir;
}

void expectContract(int code, const std::ostringstream &out, const std::ostringstream &err) {
  if (code != 0 && code != 1 && code != 2)
    __builtin_trap();
  if (code == 1 && err.str().empty() && out.str().empty())
    __builtin_trap(); // errors in the input must be reported
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const fs::path file = workDir() / "input.aqua";
  {
    std::ofstream f(file, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  }
  aqua::driver::CheckOptions check;
  check.files = {file.string()};
  std::ostringstream out, err;
  int checkCode = aqua::driver::runCheck(check, out, err);
  expectContract(checkCode, out, err);

  aqua::driver::CompileOptions compile;
  compile.files = {file.string()};
  compile.outDir = (workDir() / "out").string();
  std::ostringstream cout_, cerr_;
  int compileCode = aqua::driver::runCompile(compile, cout_, cerr_);
  expectContract(compileCode, cout_, cerr_);
  // check and compile share the front end: a program check accepts must compile, and vice versa.
  if ((checkCode == 0) != (compileCode == 0) && checkCode != 2 && compileCode != 2)
    __builtin_trap();
  return 0;
}
