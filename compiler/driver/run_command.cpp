// `aquac run`: compile a function (or take a scenario's AIR) and run it on the in-process network
// of runtime-air/net. Scenario mode prints the oracle's report; Aqua mode prints the function's
// result, or its error with the failing instruction and peer.
#include "compiler/driver/options.h"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <ostream>
#include <sstream>

#include "air/json_text.h"
#include "air/network.h"
#include "compiler/driver/compile_to_air.h"

namespace aqua::driver {

namespace {

namespace fs = std::filesystem;
using llvm::json::Value;

bool readJsonFile(const std::string &path, Value &out, std::ostream &err, const char *what) {
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    err << "aquac run: cannot read " << what << " '" << path << "'\n";
    return false;
  }
  std::stringstream ss;
  ss << in.rdbuf();
  std::string error;
  if (!air::parseJson(ss.str(), out, error)) {
    err << path << ": error: " << what << " is not valid JSON: " << error << "\n";
    return false;
  }
  return true;
}

// Compiles `func` of `file`; nullopt (with diagnostics on `err`) on failure.
std::optional<std::string> compile(const std::string &file, const std::string &func,
                                   const std::vector<std::string> &importDirs, std::ostream &err) {
  CompileOptions options;
  options.files = {file};
  options.importDirs = importDirs;
  return compileToAir(file, func, options, err);
}

int runScenario(const RunOptions &options, std::ostream &out, std::ostream &err) {
  Value json(nullptr);
  if (!readJsonFile(options.scenario, json, err, "scenario")) return 2;
  air::net::Scenario scenario;
  std::string error;
  if (!air::net::parseScenario(json, scenario, error)) {
    err << options.scenario << ": error: invalid scenario: " << error << "\n";
    return 2;
  }
  scenario.dir = fs::path(options.scenario).parent_path().string();
  std::string air = scenario.air;
  if (!options.scenarioAir || air.empty()) {
    if (scenario.aqua.empty() || scenario.func.empty()) {
      err << options.scenario << ": error: the scenario names no \"aqua\" file and \"func\" to compile"
          << (options.scenarioAir ? " and has no \"air\"" : " (use --scenario-air to run its \"air\")") << "\n";
      return 2;
    }
    std::vector<std::string> imports = options.importDirs;
    for (const std::string &dir : scenario.imports) imports.push_back((fs::path(scenario.dir) / dir).string());
    auto compiled = compile((fs::path(scenario.dir) / scenario.aqua).string(), scenario.func, imports, err);
    if (!compiled) return 1;
    air = *compiled;
  }
  air::net::Network network(std::move(scenario));
  air::net::RunReport report = network.run(air);
  out << air::toJsonText(report.toJson(options.timing), 2) << "\n";
  if (options.trace == TraceFormat::Text) err << air::net::renderJournalText(report);
  if (options.trace == TraceFormat::Json) err << air::net::renderJournalJson(report);
  if (options.trace == TraceFormat::Mermaid) err << air::net::renderJournalMermaid(report);
  return 0;
}

// Argument names of an exported function, from its signature JSON (aqua-language.md §7.3).
std::vector<std::string> argumentNames(const std::string &signatureJson) {
  std::vector<std::string> names;
  Value sig(nullptr);
  std::string error;
  if (!air::parseJson(signatureJson, sig, error)) return names;
  const llvm::json::Object *o = sig.getAsObject();
  const llvm::json::Object *arrow = o ? o->getObject("arrow") : nullptr;
  const llvm::json::Object *domain = arrow ? arrow->getObject("domain") : nullptr;
  const llvm::json::Object *fields = domain ? domain->getObject("fields") : nullptr;
  if (fields)
    for (const auto &entry : *fields) names.push_back(entry.first.str());
  return names;
}

// `aquac run FILE --timing`: where the interpreter's time went, on stderr.
void printTimingSummary(const air::net::RunReport &report, std::ostream &err) {
  double total = 0;
  size_t slowest = 0;
  for (size_t i = 0; i < report.invokeMs.size(); ++i) {
    total += report.invokeMs[i];
    if (report.invokeMs[i] > report.invokeMs[slowest]) slowest = i;
  }
  auto ms = [](double value) {
    char text[32];
    std::snprintf(text, sizeof text, "%.3f ms", value);
    return std::string(text);
  };
  err << "timing: " << report.invokeMs.size() << " interpreter invocations, " << ms(total) << " in all";
  if (!report.invokeMs.empty())
    err << "; slowest: invocation " << slowest + 1 << ", " << ms(report.invokeMs[slowest]);
  err << "\n";
}

int runAqua(const RunOptions &options, std::ostream &out, std::ostream &err) {
  CompileOptions compileOptions;
  compileOptions.files = {options.file};
  compileOptions.importDirs = options.importDirs;
  auto module = loadLoweredModule(options.file, compileOptions, err);
  if (!module) return 1;
  const lower::LoweredFunction *function = nullptr;
  std::string available;
  for (const lower::LoweredFunction &f : module->functions) {
    if (f.name == options.func) function = &f;
    available += (available.empty() ? "" : ", ") + f.name;
  }
  if (!function) {
    err << options.file << ": error: no exported function '" << options.func << "'"
        << (available.empty() ? " (the file exports no functions; add `export " + options.func + "`)"
                              : "; exported functions: " + available)
        << "\n";
    return 1;
  }

  air::net::Scenario scenario;
  for (uint32_t i = 0; i < options.peers; ++i) scenario.peers.push_back("p" + std::to_string(i));
  scenario.initPeer = "p0";
  scenario.relay = options.peers > 1 ? "p1" : "p0";
  scenario.maxSteps = options.maxSteps;
  scenario.localNode = true; // a node's builtins on every peer (scenario mode keeps the oracle's)

  if (!options.argsFile.empty()) {
    Value args(nullptr);
    if (!readJsonFile(options.argsFile, args, err, "arguments file")) return 2;
    if (!args.getAsObject()) {
      err << options.argsFile << ": error: the arguments file must hold a JSON object {\"name\": value}\n";
      return 2;
    }
    scenario.args = *args.getAsObject();
  }
  for (const std::string &arg : options.args) {
    size_t eq = arg.find('=');
    if (eq == std::string::npos || eq == 0) {
      err << "aquac run: --arg takes NAME=JSON, not '" << arg << "'\n";
      return 2;
    }
    Value value(nullptr);
    std::string error;
    if (!air::parseJson(arg.substr(eq + 1), value, error)) {
      err << "aquac run: --arg " << arg.substr(0, eq) << ": the value is not JSON (" << error
          << "); quote strings, e.g. --arg " << arg.substr(0, eq) << "='\"text\"'\n";
      return 2;
    }
    scenario.args[arg.substr(0, eq)] = std::move(value);
  }
  std::vector<std::string> expected = argumentNames(function->signatureJson);
  for (const std::string &name : expected)
    if (!scenario.args.get(name)) {
      err << "aquac run: missing argument '" << name << "' of " << options.func << "; give --arg " << name
          << "=JSON or --args-file\n";
      return 2;
    }
  for (const auto &entry : scenario.args)
    if (std::find(expected.begin(), expected.end(), entry.first.str()) == expected.end()) {
      err << "aquac run: " << options.func << " has no argument '" << entry.first.str() << "'"
          << (expected.empty() ? "" : " (its arguments: ") ;
      for (size_t i = 0; i < expected.size(); ++i) err << (i ? ", " : "") << expected[i];
      err << (expected.empty() ? "\n" : ")\n");
      return 2;
    }

  if (!options.servicesFile.empty()) {
    Value services(nullptr);
    if (!readJsonFile(options.servicesFile, services, err, "services file")) return 2;
    const llvm::json::Object *map = services.getAsObject();
    if (!map) {
      err << options.servicesFile << ": error: the services file must map \"service.function[@peer]\" to answers\n";
      return 2;
    }
    for (const auto &entry : *map) {
      air::net::ServiceSpec spec;
      std::string error;
      if (!air::net::parseServiceSpec(entry.second, spec, error)) {
        err << options.servicesFile << ": error: service \"" << entry.first.str() << "\": " << error << "\n";
        return 2;
      }
      scenario.services.emplace_back(entry.first.str(), std::move(spec));
    }
  }

  air::net::Network network(std::move(scenario));
  for (const std::string &service : options.services) {
    size_t eq = service.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == service.size()) {
      err << "aquac run: --service takes NAME=COMMAND (NAME is the service id), not '" << service << "'\n";
      return 2;
    }
    network.addHandler(air::net::processService(service.substr(0, eq), service.substr(eq + 1)));
  }

  air::net::RunReport report = network.run(printAir(function->script));
  if (options.trace == TraceFormat::Text) err << air::net::renderJournalText(report);
  if (options.trace == TraceFormat::Json) err << air::net::renderJournalJson(report);
  if (options.trace == TraceFormat::Mermaid) err << air::net::renderJournalMermaid(report);
  if (options.timing) printTimingSummary(report, err);

  int status = 0;
  for (const Value &error : report.errors) {
    const llvm::json::Object *e = error.getAsObject();
    if (!e) continue;
    status = 1;
    std::string peer = e->getString("peer").getValueOr("?").str();
    if (e->getString("kind").getValueOr("") == "errorHandlingSrv") {
      const llvm::json::Array *args = e->getArray("args");
      const llvm::json::Object *object = args && !args->empty() ? (*args)[0].getAsObject() : nullptr;
      std::string message = object ? object->getString("message").getValueOr("").str() : air::toJsonText(error);
      err << options.file << ": error: " << options.func << " failed: " << message << "\n";
      if (object) {
        if (auto code = object->getInteger("error_code")) err << "  error code: " << *code << "\n";
        if (auto instruction = object->getString("instruction")) err << "  instruction: " << instruction->str() << "\n";
        if (auto failedPeer = object->getString("peer_id")) err << "  on peer: " << failedPeer->str() << "\n";
      }
    } else {
      err << options.file << ": error: the interpreter failed on peer " << peer << " (code "
          << e->getInteger("ret_code").getValueOr(0) << "): " << e->getString("error_message").getValueOr("").str()
          << "\n";
    }
  }
  if (!report.quiescent) {
    err << options.file << ": error: the particle was still running after " << report.invocations
        << " interpreter invocations (raise --max-steps if it really needs more)\n";
    status = 1;
  }
  if (status != 0) return status;
  if (report.responses.empty()) {
    out << "null\n";
    return 0;
  }
  const llvm::json::Array *values = report.responses.front().getAsArray();
  if (values && values->size() == 1) out << air::toJsonText((*values)[0], 2) << "\n";
  else out << air::toJsonText(report.responses.front(), 2) << "\n";
  return 0;
}

} // namespace

int runRun(const RunOptions &options, std::ostream &out, std::ostream &err) {
  if (!options.scenario.empty()) return runScenario(options, out, err);
  return runAqua(options, out, err);
}

} // namespace aqua::driver
