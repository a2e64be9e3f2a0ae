// air::Interpreter: one invocation = parse, decode and merge data, execute, encode. Execution
// runs on a thread with a large stack so that deep scripts and long folds cannot overflow it.
#include "air/interpreter.h"

#include <optional>


#include "air/large_stack.h"
#include "air/parser.h"
#include "executor.h"
#include "runtime-air/data/particle_data.h"
#include "llvm/Support/JSON.h"

namespace air {

struct Interpreter::Impl {
  Limits limits;
  // Parsed scripts are cached: a peer runs the same script on every invocation of a particle.
  std::string cachedText;
  std::unique_ptr<ParseResult> cached;
  // The data this interpreter produced last, decoded: a peer's next prev_data is usually exactly
  // that, so decoding it again (linear in the data) is skipped.
  std::string lastEncoded;
  data::ParticleData lastDecoded;
  bool haveLast = false;
  exec::FoldItemsCache foldItems;
};

namespace {
// The thread that runs invocations for interpreters called from this thread: one per calling
// thread (made on its first invocation), however many peers' interpreters the caller holds.
LargeStackWorker &workerOfThisThread() {
  thread_local LargeStackWorker worker;
  return worker;
}
} // namespace

Interpreter::Interpreter(Limits limits) : impl_(std::make_unique<Impl>()) { impl_->limits = limits; }
Interpreter::~Interpreter() = default;
Interpreter::Interpreter(Interpreter &&) noexcept = default;
Interpreter &Interpreter::operator=(Interpreter &&) noexcept = default;

namespace {

struct Job {
  const Script *script;
  data::ParticleData *data;
  const RunParams *params;
  const CallResults *results;
  const Limits *limits;
  exec::FoldItemsCache *foldItems;
  exec::ExecResult result;
  bool crashed = false;
  std::string crashMessage;
};

void *runJob(void *arg) {
  Job &job = *static_cast<Job *>(arg);
  try {
    exec::Executor executor(*job.script, *job.data, *job.params, *job.results, *job.limits, job.foldItems);
    job.result = executor.run();
  } catch (const std::exception &e) {
    job.crashed = true;
    job.crashMessage = e.what();
  } catch (...) {
    job.crashed = true;
    job.crashMessage = "unknown internal error";
  }
  return nullptr;
}

// AquaVM takes Rust Strings: its texts are UTF-8 by construction. Ours come from a C API and may
// not be; bad bytes become U+FFFD (as the AIR lexer reads them) before anything builds JSON from
// them (llvm::json::Value requires UTF-8: an assertion in checked builds).
bool utf8(std::string_view s) { return llvm::json::isUTF8(llvm::StringRef(s.data(), s.size())); }
std::string repaired(std::string_view s) { return llvm::json::fixUTF8(llvm::StringRef(s.data(), s.size())); }

} // namespace

Outcome Interpreter::invoke(std::string_view script, std::string_view prevData, std::string_view currentData,
                            const RunParams &params, const CallResults &callResults) {
  Outcome out = invokeUtf8(script, prevData, currentData, params, callResults);
  if (!utf8(out.errorMessage)) out.errorMessage = repaired(out.errorMessage);
  return out;
}

Outcome Interpreter::invokeUtf8(std::string_view script, std::string_view prevData, std::string_view currentData,
                                const RunParams &rawParams, const CallResults &rawResults) {
  std::optional<RunParams> fixedParams;
  if (!utf8(rawParams.initPeerId) || !utf8(rawParams.currentPeerId) || !utf8(rawParams.particleId)) {
    fixedParams = rawParams;
    fixedParams->initPeerId = repaired(rawParams.initPeerId);
    fixedParams->currentPeerId = repaired(rawParams.currentPeerId);
    fixedParams->particleId = repaired(rawParams.particleId);
  }
  const RunParams &params = fixedParams ? *fixedParams : rawParams;
  std::optional<CallResults> fixedResults;
  for (const auto &[id, result] : rawResults)
    if (!utf8(result.resultJson)) {
      if (!fixedResults) fixedResults = rawResults;
      (*fixedResults)[id].resultJson = repaired(result.resultJson);
    }
  const CallResults &callResults = fixedResults ? *fixedResults : rawResults;
  Outcome out;
  const Limits &limits = impl_->limits;
  // Every outcome but success leaves the data as it was (copied only then: it is the whole particle).
  auto unchanged = [&]() -> Outcome {
    out.data = std::string(prevData);
    return std::move(out);
  };
  if (script.size() > limits.maxScriptBytes) {
    out.retCode = 10;
    out.errorMessage = "air size: " + std::to_string(script.size()) + " bytes is bigger than the limit allowed: " +
                       std::to_string(limits.maxScriptBytes) + " bytes";
    return unchanged();
  }
  if (currentData.size() > limits.maxDataBytes) {
    out.retCode = 10;
    out.errorMessage = "Current_data particle size: " + std::to_string(currentData.size()) +
                       " bytes is bigger than the limit allowed: " + std::to_string(limits.maxDataBytes) + " bytes";
    return unchanged();
  }
  data::ParticleData prev, current;
  std::string error;
  bool cachedPrev = impl_->haveLast && prevData == impl_->lastEncoded;
  if (cachedPrev) prev = std::move(impl_->lastDecoded);
  impl_->haveLast = false;
  if ((!cachedPrev && !data::decode(prevData, prev, error)) || !data::decode(currentData, current, error)) {
    out.retCode = 2;
    out.errorMessage = "an error occurred while data deserialization: " + error;
    return unchanged();
  }
  std::string fixedScript;
  if (!utf8(script)) fixedScript = repaired(script);
  std::string_view text = fixedScript.empty() ? script : std::string_view(fixedScript);
  if (impl_->cachedText != script || !impl_->cached) {
    impl_->cached = std::make_unique<ParseResult>(parse(text));
    impl_->cachedText = std::string(script);
  }
  const ParseResult &parsed = *impl_->cached;
  if (!parsed.ok()) {
    out.retCode = 1;
    out.errorMessage = renderParseErrors(text, parsed.errors);
    return unchanged();
  }
  for (const auto &[id, result] : callResults) {
    if (result.resultJson.size() > limits.maxCallResultBytes) {
      out.retCode = 10;
      out.errorMessage = "Call result size is bigger than the limit allowed: " +
                         std::to_string(limits.maxCallResultBytes) + " bytes";
      return unchanged();
    }
  }
  data::merge(prev, std::move(current));
  Job job{&parsed.script, &prev, &params, &callResults, &limits, &impl_->foldItems, {}, false, {}};
  workerOfThisThread().run([&job] { runJob(&job); });
  if (job.crashed) {
    out.retCode = 20000;
    out.errorMessage = "internal error: " + job.crashMessage;
    return unchanged();
  }
  out.retCode = job.result.retCode;
  out.errorMessage = std::move(job.result.errorMessage);
  if (job.result.uncatchable) return unchanged();
  out.data = data::encode(prev);
  impl_->lastEncoded = out.data;
  impl_->lastDecoded = std::move(prev);
  impl_->haveLast = true;
  out.nextPeers = std::move(job.result.nextPeers);
  out.callRequests = std::move(job.result.callRequests);
  return out;
}

} // namespace air
