// The one AIR model of the project: the parser produces it, the compiler's lowering builds it,
// the printer prints it and the interpreter executes it.
//
// Data-oriented: a Script owns flat arrays of instructions, values and lambdas; nodes refer to
// each other by typed 32-bit ids. Ids are stable, cheap to copy, and let side tables (trace
// positions, validation results) be plain vectors indexed by id.
#pragma once

#include <cstdint>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace air {

inline constexpr uint32_t kNoIndex = std::numeric_limits<uint32_t>::max();

struct InstrId {
  uint32_t index = kNoIndex;
  bool valid() const { return index != kNoIndex; }
  friend bool operator==(InstrId, InstrId) = default;
};
struct ValueId {
  uint32_t index = kNoIndex;
  bool valid() const { return index != kNoIndex; }
  friend bool operator==(ValueId, ValueId) = default;
};
struct LambdaId {
  uint32_t index = kNoIndex;
  bool valid() const { return index != kNoIndex; }
  friend bool operator==(LambdaId, LambdaId) = default;
};

// Byte offsets into the script text ([begin, end)); {0, 0} for built (not parsed) nodes.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
};

enum class InstrKind : uint8_t {
#define AIR_INSTR(Name, keyword) Name,
#include "air/instr_kinds.def"
};
std::string_view keyword(InstrKind kind);

// Values: everything that can stand in an operand position. The variable kinds carry their
// full name including the sigil ("$s", "#c", "#$c", "%m", "#%m"), as AquaVM stores it.
enum class ValueKind : uint8_t {
  InitPeerId,    // %init_peer_id%
  Timestamp,     // %timestamp%
  Ttl,           // %ttl%
  LastError,     // %last_error% (optional lambda)
  Error,         // :error: (optional lambda)
  String,        // "literal" (no escapes; raw bytes between the quotes)
  Int,           // i64 literal
  Float,         // f64 literal
  Bool,          // true / false
  EmptyArray,    // []
  Scalar,        // x (optional lambda)
  Stream,        // $s
  StreamMap,     // %m
  CanonStream,   // #c or #$c (optional lambda)
  CanonStreamMap // #%m (optional lambda)
};

struct Value {
  ValueKind kind = ValueKind::Scalar;
  Span span;
  std::string text;   // variable name with sigil, or string literal contents
  int64_t intValue = 0;
  double floatValue = 0;
  bool boolValue = false;
  LambdaId lambda;    // invalid = no lambda
};

// One step of a `.$...` path.
struct Accessor {
  enum class Kind : uint8_t {
    Field,      // .name
    Index,      // .[3]
    ByVariable  // .[name]: field or index chosen by the run-time value of scalar `name`
  };
  Kind kind = Kind::Field;
  uint32_t index = 0;   // for Index
  std::string name;     // for Field and ByVariable
  bool flatten = false; // trailing '!' (accepted and ignored by AquaVM, kept for printing)
};

struct Lambda {
  bool isLength = false;          // `.length`
  std::vector<Accessor> path;     // `.$.a.[0]...` when !isLength
};

// One instruction. Operand and child slots by kind:
//   Call:            v[0]=peer v[1]=service v[2]=function v[3]=output (invalid: none),
//                    args = values[argsBegin, argsBegin+argsCount) of Script::callArgs
//   Canon:           v[0]=peer v[1]=source ($s or %m) v[2]=target (#c, #%m or scalar)
//   Ap:              v[0]=argument v[1]=result (scalar or $stream)
//   ApMap:           v[0]=key v[1]=value v[2]=%map
//   Seq, Par, Xor:   child[0], child[1]
//   Never, Null:     -
//   New:             v[0]=name, child[0]=body
//   Fail:            v[0]=code (Int) and v[1]=message (String), or v[0]=scalar/canon lambda/
//                    :error:/%last_error% and v[1] invalid
//   Fold:            v[0]=iterable v[1]=iterator (scalar), child[0]=body, child[1]=last (optional)
//   Next:            v[0]=iterator
//   Match, Mismatch: v[0], v[1], child[0]=body
struct Instr {
  InstrKind kind = InstrKind::Null;
  Span span;
  ValueId v[4];
  InstrId child[2];
  uint32_t argsBegin = 0;
  uint32_t argsCount = 0;
};

// A whole AIR script. Add nodes bottom-up; `root` is the top instruction.
class Script {
public:
  InstrId root;
  std::vector<Instr> instrs;
  std::vector<Value> values;
  std::vector<Lambda> lambdas;
  std::vector<ValueId> callArgs;

  const Instr &operator[](InstrId id) const { return instrs[id.index]; }
  Instr &operator[](InstrId id) { return instrs[id.index]; }
  const Value &operator[](ValueId id) const { return values[id.index]; }
  Value &operator[](ValueId id) { return values[id.index]; }
  const Lambda &operator[](LambdaId id) const { return lambdas[id.index]; }

  InstrId add(Instr instr) {
    instrs.push_back(std::move(instr));
    return InstrId{static_cast<uint32_t>(instrs.size() - 1)};
  }
  ValueId add(Value value) {
    values.push_back(std::move(value));
    return ValueId{static_cast<uint32_t>(values.size() - 1)};
  }
  LambdaId add(Lambda lambda) {
    lambdas.push_back(std::move(lambda));
    return LambdaId{static_cast<uint32_t>(lambdas.size() - 1)};
  }
  // The arguments of a Call instruction.
  const ValueId *argsBegin(const Instr &call) const { return callArgs.data() + call.argsBegin; }
  const ValueId *argsEnd(const Instr &call) const {
    return callArgs.data() + call.argsBegin + call.argsCount;
  }
};

} // namespace air
