// One traversal of an AIR script on one peer (air-semantics.md §2): instructions read and write
// the merged particle data, local calls become call requests, remote ones route the particle.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "air/ast.h"
#include "air/interpreter.h"
#include "runtime-air/data/particle_data.h"

namespace air::exec {

using data::JValue;
using data::Stored;
using data::ValuePtr;
using data::makeTetraplet;

// A catchable error (10000..): xor catches it.
struct CatchableError {
  int64_t code = 0;
  std::string message;
  std::string instruction;
  std::optional<std::string> peerId;
  // For `fail`: the object %last_error% takes (and the one :error: re-raises), when it differs
  // from the default shape built from the fields above.
  std::optional<JValue> lastErrorObject;
  std::optional<JValue> errorObject;
};

// An uncatchable error (20000..): aborts the invocation.
struct UncatchableError {
  int64_t code = 0;
  std::string message;
};

struct ExecResult {
  int64_t retCode = 0;
  std::string errorMessage;
  std::vector<std::string> nextPeers;
  std::map<uint32_t, CallRequest> callRequests;
  bool uncatchable = false;
};

// The items of folds over arrays, kept by the interpreter from one invocation to the next: a
// particle's fold is replayed on every invocation over the same stored array object, and making
// its items (a value and a tetraplet each) was most of a long fold's cost.
struct FoldItemsCache {
  struct Entry {
    ValuePtr array;             // identity (and kept alive, so the address is not reused)
    data::TetrapletPtr base;
    std::shared_ptr<const std::vector<Stored>> items;
  };
  static constexpr size_t kMaxEntries = 16;
  std::vector<Entry> entries; // most recent last
};

class Executor {
public:
  Executor(const Script &script, data::ParticleData &data, const RunParams &params, const CallResults &results,
           const Limits &limits, FoldItemsCache *foldItems = nullptr);
  ExecResult run();

private:
  struct Binding {
    Stored value;
    uint32_t foldDepth = 0;
    bool cleared = false; // `new x` scope with x not set yet
  };
  struct Canon {
    std::vector<Stored> elements;
    bool isMap = false;
    bool cleared = false;
  };
  struct FoldFrame {
    InstrId fold;
    std::string iterator;
    std::vector<Stored> items;         // streams and canons
    std::shared_ptr<const std::vector<Stored>> arrayItems; // arrays (shared with FoldItemsCache)
    std::vector<std::string> itemKeys; // streams: iteration keys (others: the index)

    const std::vector<Stored> &list() const { return arrayItems ? *arrayItems : items; }
    std::string itemKey(size_t i) const { return stream.empty() ? std::to_string(i) : itemKeys[i]; }
    std::string stream;                // non-empty: a stream (or stream map) instance that may grow
    size_t index = 0;
    bool advanced = false; // the current iteration already moved on (`next` ran)
    std::string outerKey;
  };

  bool exec(InstrId id);
  bool execCall(InstrId id);
  // The items of a fold over an array value (from foldItems_ when the same value was folded before).
  std::shared_ptr<const std::vector<Stored>> arrayItems(const Stored &array, const llvm::json::Array &elements);
  bool execCanon(InstrId id);
  bool execAp(InstrId id);
  bool execApMap(InstrId id);
  bool execPar(InstrId id);
  bool execXor(InstrId id);
  bool execNew(InstrId id);
  bool execFail(InstrId id);
  bool execFold(InstrId id);
  bool execNext(InstrId id);
  bool execMatch(InstrId id, bool wantEqual);
  bool runIteration(FoldFrame &frame, const Instr &fold);
  bool advance(FoldFrame &frame);

  // Values. `resolve` returns nullopt when a variable is not set yet (join).
  std::optional<Stored> resolve(ValueId id, InstrId at);
  std::optional<std::vector<Stored>> resolveCanon(const Value &v, InstrId at);
  Stored applyLambda(const Stored &base, const Lambda &lambda, InstrId at);
  Stored literal(JValue value) const;
  JValue literalValue(const Value &v) const;
  std::vector<std::optional<Stored>> literals_; // by ValueId: literal values, built on first use

  // Scopes.
  void bindScalar(const std::string &name, Stored value, InstrId at);
  void pushScope();
  void popScope();
  std::string streamInstance(const std::string &name) const;

  std::string instanceKey(InstrId id) const;
  std::string display(InstrId id) const;
  [[noreturn]] void raise(int64_t code, std::string message, InstrId at, std::optional<std::string> peer = {});
  void noteCatchable(const CatchableError &e);
  JValue errorObject(const CatchableError &e) const;
  void addNextPeer(const std::string &peer);

  const Script &script_;
  data::ParticleData &data_;
  const RunParams &params_;
  const CallResults &results_;
  const Limits &limits_;
  FoldItemsCache *foldItems_;

  std::unordered_map<std::string, std::vector<Binding>> scalars_;
  std::unordered_map<std::string, std::vector<Canon>> canons_;
  std::unordered_map<std::string, std::vector<std::string>> streams_; // name -> instance ids (new)
  std::vector<std::vector<std::pair<int, std::string>>> scopes_; // [0, scopeDepth_) are open
  size_t scopeDepth_ = 0;    // what each scope bound: (kind, name)
  std::vector<FoldFrame> folds_;
  uint32_t foldDepth_ = 0;
  std::string keyContext_; // iteration context appended to instance keys
  uint64_t steps_ = 0;
  uint32_t depth_ = 0;

  JValue lastError_;
  bool lastErrorSettable_ = true;
  std::optional<Tetraplet> lastErrorTetraplet_;
  JValue currentError_;
  std::vector<CatchableError> caught_;
  std::optional<std::string> callPeer_; // set while a call resolves its arguments // errors whose xor handlers are running (innermost last)
  std::vector<std::string> nextPeers_;
  std::map<uint32_t, CallRequest> requests_;
  std::unordered_map<uint32_t, bool> consumedResults_;
};

} // namespace air::exec
