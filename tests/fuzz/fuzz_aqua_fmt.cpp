// Fuzz target: the formatter. For any input it accepts, formatting is idempotent
// (fmt(fmt(x)) == fmt(x)) and the result still passes `aquac check` when the input did.
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <cstdlib>

#include <unistd.h>

#include "compiler/driver/options.h"

namespace {

namespace fs = std::filesystem;

fs::path workFile() {
  static const fs::path file = [] {
    fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    fs::path d = base / ("aqua-fuzz-fmt-" + std::to_string(::getpid()));
    fs::create_directories(d);
    return d / "input.aqua";
  }();
  static const bool cleanup =
      (std::atexit([] { std::error_code ec; fs::remove_all(workFile().parent_path(), ec); }), true);
  (void)cleanup;
  return file;
}

std::string readAll(const fs::path &p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

int check(const fs::path &p) {
  aqua::driver::CheckOptions options;
  options.files = {p.string()};
  std::ostringstream out, err;
  return aqua::driver::runCheck(options, out, err);
}

int format(const fs::path &p) {
  aqua::driver::FmtOptions options;
  options.files = {p.string()};
  std::ostringstream out, err;
  int code = aqua::driver::runFmt(options, out, err);
  if (code != 0 && code != 1 && code != 2)
    __builtin_trap();
  return code;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const fs::path file = workFile();
  {
    std::ofstream f(file, std::ios::binary | std::ios::trunc);
    f.write(reinterpret_cast<const char *>(data), static_cast<std::streamsize>(size));
  }
  int checkedBefore = check(file);
  if (format(file) != 0)
    return 0;
  std::string once = readAll(file);
  if (checkedBefore == 0 && check(file) != 0)
    __builtin_trap(); // formatting broke a valid program
  if (format(file) != 0)
    __builtin_trap(); // the formatter rejects its own output
  if (readAll(file) != once)
    __builtin_trap(); // not idempotent
  return 0;
}
