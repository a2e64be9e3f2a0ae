// The particle data of our interpreter: what one peer knows about the execution, keyed by stable
// instruction-instance keys instead of trace positions, so that merging two peers' data is a
// union (see runtime-air/docs/data-format.md).
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "air/interpreter.h"
#include "llvm/Support/JSON.h"

namespace air::data {

using JValue = llvm::json::Value;
using ValuePtr = std::shared_ptr<const JValue>;

using TetrapletPtr = std::shared_ptr<const Tetraplet>;
inline TetrapletPtr makeTetraplet(Tetraplet t) { return std::make_shared<const Tetraplet>(std::move(t)); }

// A value with its provenance. Both are shared and immutable: a value is copied (bound to a
// variable, iterated, replayed from the data) far more often than it is made.
struct Stored {
  ValuePtr value;
  TetrapletPtr tetraplet;

  const Tetraplet &provenance() const {
    static const Tetraplet kNone;
    return tetraplet ? *tetraplet : kNone;
  }
};

// What happened at one instruction instance (a call, a canon).
struct State {
  enum class Kind : uint8_t { Sent, Executed, Failed, Canon } kind = Kind::Sent;
  std::string sentBy;   // Sent: the peer that sent (or issued) the request
  uint32_t callId = 0;  // Sent by this peer as a local call request: its id (0 = none)
  std::string valueKey; // Executed: key of the value in `values` (empty: result unused)
  int32_t retCode = 0;  // Failed
  std::string message;  // Failed: the service's result text
  std::vector<std::string> elements; // Canon: value keys of the snapshot, in order
};

struct ParticleData {
  uint32_t lastCallId = 0;
  // Ordered by key: encode() writes them in key order after every invocation.
  std::map<std::string, State> states;
  std::map<std::string, Stored> values;
  // Stream instance -> value keys in the order this peer learned about them.
  std::unordered_map<std::string, std::vector<std::string>> streams;
  std::unordered_map<std::string, std::unordered_set<std::string>> streamMembers;
  // encode()'s text of each entry of `values`, by key. A stored value never changes and the data
  // is encoded after every invocation: each value is turned into text once.
  mutable std::unordered_map<std::string, std::string> encodedValues;

  void appendToStream(const std::string &stream, const std::string &valueKey);
};

// Decodes `bytes` (empty = empty data). Returns false with a message on malformed input.
bool decode(std::string_view bytes, ParticleData &out, std::string &error);
std::string encode(const ParticleData &data);

// prev (this peer's) merged with current (arrived): union of states and values, prev's stream
// order first. lastCallId comes from prev only.
void merge(ParticleData &prev, ParticleData &&current);

} // namespace air::data
