// aquac: command-line driver. The only file that includes CLI11 (it is slow to compile); every
// command's logic is a function of compiler/driver taking an options struct.
#include <CLI/CLI.hpp>

#include <iostream>
#include <malloc.h>
#include <map>

#include "compiler/driver/options.h"

namespace {

using namespace aqua::driver;

const std::map<std::string, DiagFormat> kDiagFormats = {
    {"text", DiagFormat::Text}, {"json", DiagFormat::Json},
    {"sarif", DiagFormat::Sarif}, {"github", DiagFormat::Github}};

const std::map<std::string, CompileTarget> kTargets = {
    {"air", CompileTarget::Air}, {"json", CompileTarget::Json},
    {"ts", CompileTarget::Ts}, {"js", CompileTarget::Js}};

const std::map<std::string, TraceFormat> kTraceFormats = {
    {"text", TraceFormat::Text}, {"json", TraceFormat::Json}, {"mermaid", TraceFormat::Mermaid}};

} // namespace

int main(int argc, char **argv) {
  // The front end runs on a thread with a large stack (deep nesting); glibc would give that thread
  // its own arena, grown a page at a time by mprotect (~170 system calls for a small compile).
  mallopt(M_ARENA_MAX, 1);
  CLI::App app{"aquac: compiler, checker, formatter and local runner for the Aqua language"};
  app.set_version_flag("--version", std::string("aquac ") + AQUAC_VERSION);
  app.require_subcommand(1);
  bool color = false;
  app.add_flag("--color", color, "Colour diagnostics");

  CheckOptions check;
  auto *checkCmd = app.add_subcommand("check", "Parse and type-check Aqua files");
  checkCmd->add_option("files", check.files, "Aqua files")->required()->check(CLI::ExistingFile);
  checkCmd->add_option("-I,--import", check.importDirs, "Import search directory");
  checkCmd->add_option("--format", check.format, "Diagnostic format")
      ->transform(CLI::CheckedTransformer(kDiagFormats, CLI::ignore_case));

  CompileOptions compile;
  auto *compileCmd = app.add_subcommand("compile", "Compile Aqua files to AIR, JSON, TS or JS");
  compileCmd->add_option("files", compile.files, "Aqua files")->required()->check(CLI::ExistingFile);
  compileCmd->add_option("-o,--output", compile.outDir, "Output directory")->required();
  compileCmd->add_option("--target", compile.target, "Output kind")
      ->transform(CLI::CheckedTransformer(kTargets, CLI::ignore_case));
  compileCmd->add_option("-I,--import", compile.importDirs, "Import search directory");
  compileCmd->add_flag("--no-relay", compile.noRelay, "Do not route through the relay");
  compileCmd->add_flag("--no-xor", compile.noXor, "Do not wrap calls in xor error handlers");
  compileCmd->add_option("--const", compile.constants, "Override a constant: NAME=VALUE");
  compileCmd->add_option("--format", compile.format, "Diagnostic format")
      ->transform(CLI::CheckedTransformer(kDiagFormats, CLI::ignore_case));

  RunOptions run;
  std::string trace;
  auto *runCmd = app.add_subcommand("run", "Compile a function and run it on a local network");
  runCmd->add_option("file", run.file, "Aqua file")->check(CLI::ExistingFile);
  runCmd->add_option("-f,--func", run.func, "Function to run");
  runCmd->add_option("--arg", run.args, "Argument: NAME=JSON");
  runCmd->add_option("--args-file", run.argsFile, "JSON object of arguments")->check(CLI::ExistingFile);
  runCmd->add_option("--peers", run.peers, "Number of simulated peers")->check(CLI::Range(1, 1000));
  runCmd->add_option("--services", run.servicesFile, "Service definitions (JSON)")->check(CLI::ExistingFile);
  runCmd->add_option("--service", run.services, "External-process service: NAME=COMMAND");
  runCmd->add_option("--trace", trace, "Show the particle's journey: text, json or mermaid")
      ->expected(0, 1)->default_str("text");
  runCmd->add_option("--max-steps", run.maxSteps, "Interpreter invocations before giving up");
  runCmd->add_option("-I,--import", run.importDirs, "Import search directory");
  runCmd->add_option("--scenario", run.scenario, "Run an oracle scenario file")->check(CLI::ExistingFile);
  runCmd->add_flag("--scenario-air", run.scenarioAir, "Run the scenario's AIR instead of compiling");
  runCmd->add_flag("--timing", run.timing,
                   "Time each interpreter invocation (scenario: \"timings_ms\" in the report; else a summary on stderr)");
  runCmd->footer(
      "Services: every peer (p0 the client, p1 its relay, p2...) answers aqua-lib's builtins locally:\n"
      "  Op, Peer, Kademlia, Srv, Dist, Script, Sig (simulated key), Vault, Math, Compare, Array, Json,\n"
      "  Debug, Console. Srv/Dist/Script are in-memory registries: a service made with Srv.create is\n"
      "  listed and aliased but its wasm does not run; answer it by alias with --services/--service.\n"
      "  Stat, Worker, Subnet and interfaces of modules fail with 'not available on the local network'.\n"
      "  --services and --service take precedence over builtins. --scenario runs answer exactly like\n"
      "  the oracle (run.mjs). Details: runtime-air/docs/local-network.md");

  FmtOptions fmt;
  auto *fmtCmd = app.add_subcommand("fmt", "Format Aqua files in place");
  fmtCmd->add_option("files", fmt.files, "Aqua files"); // unreadable ones: reported by runFmt, exit 1
  fmtCmd->add_flag("--check", fmt.check, "List files that would change; exit 1 if any");
  fmtCmd->add_flag("--stdin", fmt.fromStdin, "Format standard input to standard output");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError &e) {
    int code = app.exit(e);
    return code == 0 ? 0 : 2;
  }

  if (*checkCmd) {
    check.color = color;
    check.disableFree = true; // the process ends here
    return runCheck(check, std::cout, std::cerr);
  }
  if (*compileCmd) {
    compile.color = color;
    compile.disableFree = true; // the process ends here
    return runCompile(compile, std::cout, std::cerr);
  }
  if (*runCmd) {
    run.color = color;
    if (runCmd->count("--trace") > 0) {
      auto it = kTraceFormats.find(trace.empty() ? "text" : trace);
      if (it == kTraceFormats.end()) {
        std::cerr << "aquac run: --trace takes text, json or mermaid, not '" << trace << "'\n";
        return 2;
      }
      run.trace = it->second;
    }
    if (run.scenario.empty() && (run.file.empty() || run.func.empty())) {
      std::cerr << "aquac run: give FILE.aqua -f FUNC, or --scenario S.json\n";
      return 2;
    }
    return runRun(run, std::cout, std::cerr);
  }
  if (*fmtCmd) {
    if (fmt.files.empty() && !fmt.fromStdin) {
      std::cerr << "aquac fmt: give files to format, or --stdin\n";
      return 2;
    }
    return runFmt(fmt, std::cout, std::cerr);
  }
  return 2;
}
