// Options of each aquac command as plain data. tools/aquac/main.cpp fills them from the command
// line (CLI11 stays there); tests and the language server call the driver functions directly.
// Exit codes everywhere: 0 success, 1 errors in the input, 2 usage errors.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <vector>

namespace aqua::driver {

enum class DiagFormat { Text, Json, Sarif, Github };

struct CheckOptions {
  std::vector<std::string> files;
  std::vector<std::string> importDirs;
  DiagFormat format = DiagFormat::Text;
  bool color = false;
  // The process ends after this call (the aquac tool): the front end's trees, tokens and tables
  // are left to the OS instead of being freed node by node, a tenth of a large compile (clang's
  // -disable-free). They stay reachable (keep_until_exit.h), so leak checkers stay quiet.
  bool disableFree = false;
};

enum class CompileTarget { Air, Json, Ts, Js };

struct CompileOptions {
  std::vector<std::string> files;
  std::string outDir;
  CompileTarget target = CompileTarget::Air;
  std::vector<std::string> importDirs;
  bool noRelay = false;
  bool noXor = false;
  std::vector<std::string> constants; // NAME=VALUE
  DiagFormat format = DiagFormat::Text;
  bool color = false;
  bool disableFree = false; // see CheckOptions
};

enum class TraceFormat { None, Text, Json, Mermaid };

struct RunOptions {
  // Aqua mode: compile `file` and run `func`.
  std::string file;
  std::string func;
  std::vector<std::string> args;      // NAME=JSON
  std::string argsFile;               // JSON object of arguments
  uint32_t peers = 3;
  std::string servicesFile;           // JSON service definitions
  std::vector<std::string> services;  // NAME=COMMAND (external-process services)
  TraceFormat trace = TraceFormat::None;
  uint64_t maxSteps = 10000;
  std::vector<std::string> importDirs;
  // Scenario mode (`--scenario S.json`): the oracle's scenario format.
  std::string scenario;
  bool scenarioAir = false;           // run the scenario's `air` instead of compiling its `aqua`
  bool timing = false;                // report each invocation's interpreter time
  bool color = false;
};

struct FmtOptions {
  std::vector<std::string> files;
  bool check = false;
  bool fromStdin = false;
};

int runCheck(const CheckOptions &options, std::ostream &out, std::ostream &err);
int runCompile(const CompileOptions &options, std::ostream &out, std::ostream &err);
int runRun(const RunOptions &options, std::ostream &out, std::ostream &err);
int runFmt(const FmtOptions &options, std::ostream &out, std::ostream &err);

} // namespace aqua::driver
