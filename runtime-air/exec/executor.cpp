// Instruction semantics (air-semantics.md §2, §4). Every instruction instance has a key: the
// instruction id plus the fold iterations around it; data is looked up and written by key.
#include "executor.h"

#include <algorithm>

#include "air/json_text.h"
#include "air/printer.h"

namespace air::exec {

namespace {

using llvm::json::Array;
using llvm::json::Object;

enum ScopeKind { kScalar = 0, kCanon = 1, kStream = 2 };

ValuePtr makeValue(JValue v) { return std::make_shared<const JValue>(std::move(v)); }

JValue noError() { return JValue(Object{{"error_code", 0}, {"message", ""}}); }

// AquaVM compares JSON values with number kinds: 1 and 1.0 differ.
bool strictEquals(const JValue &a, const JValue &b) {
  if (a.kind() != b.kind()) return false;
  switch (a.kind()) {
  case JValue::Number: {
    auto ai = a.getAsInteger(), bi = b.getAsInteger();
    if (ai && bi) return *ai == *bi;
    return *a.getAsNumber() == *b.getAsNumber();
  }
  case JValue::Array: {
    const Array &x = *a.getAsArray(), &y = *b.getAsArray();
    if (x.size() != y.size()) return false;
    for (size_t i = 0; i < x.size(); ++i)
      if (!strictEquals(x[i], y[i])) return false;
    return true;
  }
  case JValue::Object: {
    const Object &x = *a.getAsObject(), &y = *b.getAsObject();
    if (x.size() != y.size()) return false;
    for (const auto &entry : x) {
      const JValue *other = y.get(entry.first);
      if (!other || !strictEquals(entry.second, *other)) return false;
    }
    return true;
  }
  default: return a == b;
  }
}

} // namespace

Executor::Executor(const Script &script, data::ParticleData &data, const RunParams &params,
                   const CallResults &results, const Limits &limits, FoldItemsCache *foldItems)
    : script_(script), data_(data), params_(params), results_(results), limits_(limits), foldItems_(foldItems),
      lastError_(noError()),
      currentError_(noError()) {}

ExecResult Executor::run() {
  ExecResult result;
  try {
    exec(script_.root);
  } catch (const CatchableError &e) {
    result.retCode = e.code;
    result.errorMessage = e.message;
  } catch (const UncatchableError &e) {
    result.retCode = e.code;
    result.errorMessage = e.message;
    result.uncatchable = true;
    return result;
  }
  result.nextPeers = std::move(nextPeers_);
  result.callRequests = std::move(requests_);
  if (result.retCode == 0) {
    std::string unprocessed;
    for (const auto &[id, r] : results_)
      if (!consumedResults_.count(id))
        unprocessed += (unprocessed.empty() ? "" : ", ") + ("\"" + std::to_string(id) + "\"");
    if (!unprocessed.empty()) {
      result.retCode = 30000;
      result.errorMessage = "after finishing execution of supplied AIR, there are some unprocessed call results: {" +
                            unprocessed + "}, probably a wrong call_id used";
    }
  }
  return result;
}

std::string Executor::instanceKey(InstrId id) const { return std::to_string(id.index) + keyContext_; }

std::string Executor::display(InstrId id) const { return displayInstruction(script_, id); }

void Executor::addNextPeer(const std::string &peer) {
  if (std::find(nextPeers_.begin(), nextPeers_.end(), peer) == nextPeers_.end()) nextPeers_.push_back(peer);
}

JValue Executor::errorObject(const CatchableError &e) const {
  if (e.errorObject) return *e.errorObject;
  Object o{{"error_code", e.code}, {"instruction", e.instruction}, {"message", e.message}};
  if (e.peerId) o["peer_id"] = *e.peerId;
  return JValue(std::move(o));
}

void Executor::noteCatchable(const CatchableError &e) {
  currentError_ = errorObject(e);
  if (e.code == 10001 || e.code == 10002 || !lastErrorSettable_) return;
  lastError_ = e.lastErrorObject ? *e.lastErrorObject : errorObject(e);
  lastErrorSettable_ = false;
}

void Executor::raise(int64_t code, std::string message, InstrId at, std::optional<std::string> peer) {
  CatchableError e;
  e.code = code;
  e.message = std::move(message);
  e.instruction = display(at);
  e.peerId = peer ? std::move(peer) : callPeer_;
  noteCatchable(e);
  throw e;
}

JValue Executor::literalValue(const Value &v) const {
  switch (v.kind) {
  case ValueKind::InitPeerId: return JValue(params_.initPeerId);
  case ValueKind::Timestamp: return JValue(static_cast<int64_t>(params_.timestamp));
  case ValueKind::Ttl: return JValue(static_cast<int64_t>(params_.ttl));
  case ValueKind::String: return JValue(v.text);
  case ValueKind::Int: return JValue(v.intValue);
  case ValueKind::Float: return JValue(v.floatValue);
  case ValueKind::Bool: return JValue(v.boolValue);
  case ValueKind::EmptyArray: return JValue(Array{});
  default: return JValue(nullptr);
  }
}

Stored Executor::literal(JValue value) const {
  return Stored{makeValue(std::move(value)), makeTetraplet(Tetraplet{params_.initPeerId, "", "", ""})};
}

// ---------------------------------------------------------------- scopes

// Scopes are reused, not freed: a fold opens one per iteration, on every replay.
void Executor::pushScope() {
  if (scopeDepth_ == scopes_.size()) scopes_.emplace_back();
  else scopes_[scopeDepth_].clear();
  ++scopeDepth_;
}

void Executor::popScope() {
  auto &scope = scopes_[scopeDepth_ - 1];
  for (auto it = scope.rbegin(); it != scope.rend(); ++it) {
    switch (it->first) {
    case kScalar: scalars_[it->second].pop_back(); break;
    case kCanon: canons_[it->second].pop_back(); break;
    case kStream: streams_[it->second].pop_back(); break;
    }
  }
  --scopeDepth_;
}

void Executor::bindScalar(const std::string &name, Stored value, InstrId at) {
  for (const FoldFrame &f : folds_)
    if (f.iterator == name)
      throw UncatchableError{20004, "variable '" + name + "' can't be shadowed, because it is an iterable"};
  auto &stack = scalars_[name];
  if (!stack.empty() && stack.back().cleared) {
    stack.back().value = std::move(value);
    stack.back().cleared = false;
    return;
  }
  if (!stack.empty() && foldDepth_ == 0 && stack.back().foldDepth == 0)
    throw UncatchableError{20007, "trying to shadow variable '" + name +
                                      "', but shadowing is allowed only inside fold blocks"};
  stack.push_back(Binding{std::move(value), foldDepth_, false});
  if (scopeDepth_ > 0) scopes_[scopeDepth_ - 1].emplace_back(kScalar, name);
}

std::string Executor::streamInstance(const std::string &name) const {
  auto it = streams_.find(name);
  if (it == streams_.end() || it->second.empty()) return name;
  return it->second.back();
}

// ---------------------------------------------------------------- values

Stored Executor::applyLambda(const Stored &base, const Lambda &lambda, InstrId at) {
  if (lambda.isLength) {
    const Array *a = base.value->getAsArray();
    if (!a)
      raise(10010, "the length functor could applied only to an array-like value, but it's applied to '" +
                       toJsonText(*base.value) + "'",
            at);
    return Stored{makeValue(JValue(static_cast<int64_t>(a->size()))), makeTetraplet(Tetraplet{"", "", "", ".length"})};
  }
  const JValue *cur = base.value.get();
  for (const Accessor &acc : lambda.path) {
    std::string field = acc.name;
    bool byIndex = acc.kind == Accessor::Kind::Index;
    uint32_t index = acc.index;
    if (acc.kind == Accessor::Kind::ByVariable) {
      auto &stack = scalars_[acc.name];
      if (stack.empty() || stack.back().cleared)
        raise(10003, "variable with name '" + acc.name + "' wasn't defined during script execution", at);
      const JValue &key = *stack.back().value.value;
      if (auto s = key.getAsString()) {
        field = s->str();
      } else if (auto i = key.getAsInteger(); i && *i >= 0 && *i <= UINT32_MAX) {
        byIndex = true;
        index = static_cast<uint32_t>(*i);
      } else {
        raise(10007, "scalar accessor `" + acc.name + "` should has number or string type", at);
      }
    }
    if (byIndex) {
      const Array *a = cur->getAsArray();
      if (!a)
        raise(10007, "value '" + toJsonText(*cur) + "' is not an array-type to match idx accessor with idx = '" +
                         std::to_string(index) + "'",
              at);
      if (index >= a->size())
        raise(10007, "value '" + toJsonText(*cur) + "' does not contain element for idx = '" + std::to_string(index) + "'",
              at);
      cur = &(*a)[index];
    } else {
      const Object *o = cur->getAsObject();
      if (!o)
        raise(10007, "value '" + toJsonText(*cur) + "' is not an map-type to match field accessor with field_name = '" +
                         field + "'",
              at);
      const JValue *next = o->get(field);
      if (!next)
        raise(10007, "value '" + toJsonText(*cur) + "' does not contain element with field name = '" + field + "'", at);
      cur = next;
    }
  }
  Tetraplet t = base.provenance();
  t.lens += printLambda(lambda);
  return Stored{makeValue(*cur), makeTetraplet(std::move(t))};
}

std::optional<Stored> Executor::resolve(ValueId id, InstrId at) {
  const Value &v = script_[id];
  Stored out;
  switch (v.kind) {
  case ValueKind::InitPeerId:
  case ValueKind::Timestamp:
  case ValueKind::Ttl:
  case ValueKind::String:
  case ValueKind::Int:
  case ValueKind::Float:
  case ValueKind::Bool:
  case ValueKind::EmptyArray: {
    // Literals are the same for the whole invocation: built once (a replayed fold resolves the
    // same call triplets a thousand times).
    if (literals_.size() < script_.values.size()) literals_.resize(script_.values.size());
    std::optional<Stored> &cached = literals_[id.index];
    if (!cached) cached = literal(literalValue(v));
    return cached;
  }
  case ValueKind::LastError:
  case ValueKind::Error:
    out = Stored{makeValue(v.kind == ValueKind::LastError ? lastError_ : currentError_),
                 makeTetraplet(lastErrorTetraplet_.value_or(Tetraplet{params_.initPeerId, "", "", ""}))};
    break;
  case ValueKind::Scalar: {
    auto it = scalars_.find(v.text);
    if (it == scalars_.end() || it->second.empty()) return std::nullopt;
    if (it->second.back().cleared)
      raise(10009, "variable with name '" + v.text + "' was cleared by new and then wasn't set", at);
    out = it->second.back().value;
    break;
  }
  case ValueKind::CanonStream:
  case ValueKind::CanonStreamMap: {
    auto it = canons_.find(v.text);
    if (it == canons_.end() || it->second.empty() || it->second.back().cleared) return std::nullopt;
    const Canon &canon = it->second.back();
    if (v.kind == ValueKind::CanonStreamMap) {
      // As a value: {key: [values...]}; with a lambda the first accessor picks a key.
      Object map;
      for (const Stored &pair : canon.elements) {
        const Object *p = pair.value->getAsObject();
        if (!p || !p->get("key") || !p->get("value")) continue;
        const JValue &k = *p->get("key");
        std::string key = k.getAsString() ? k.getAsString()->str() : toJsonText(k);
        JValue *slot = map.get(key);
        if (!slot) slot = &(map[key] = Array{});
        slot->getAsArray()->push_back(*p->get("value"));
      }
      out = Stored{makeValue(JValue(std::move(map))), makeTetraplet(Tetraplet{params_.currentPeerId, "", "", ""})};
      if (v.lambda.valid()) {
        const Lambda &lambda = script_[v.lambda];
        if (lambda.isLength) {
          return Stored{makeValue(JValue(static_cast<int64_t>(canon.elements.size()))),
                        makeTetraplet(Tetraplet{params_.currentPeerId, "", "", "length"})};
        }
        return applyLambda(out, lambda, at);
      }
      return out;
    }
    if (v.lambda.valid()) {
      const Lambda &lambda = script_[v.lambda];
      if (lambda.isLength)
        return Stored{makeValue(JValue(static_cast<int64_t>(canon.elements.size()))),
                      makeTetraplet(Tetraplet{params_.currentPeerId, ".length", "", ""})};
      const Accessor &first = lambda.path.front();
      uint32_t index = first.index;
      if (first.kind == Accessor::Kind::Field)
        raise(10007, "field accessor '" + first.name + "' can't be applied to a stream", at);
      if (first.kind == Accessor::Kind::ByVariable) {
        auto sit = scalars_.find(first.name);
        if (sit == scalars_.end() || sit->second.empty()) return std::nullopt;
        auto i = sit->second.back().value.value->getAsInteger();
        if (!i || *i < 0) raise(10007, "scalar accessor `" + first.name + "` should has number or string type", at);
        index = static_cast<uint32_t>(*i);
      }
      if (canon.elements.empty()) raise(10007, "lambda is applied to an empty stream", at);
      if (index >= canon.elements.size())
        raise(10007, "lambda is applied to a stream that have only '" + std::to_string(canon.elements.size()) +
                         "' elements, but '" + std::to_string(index) + "' requested",
              at);
      Lambda rest;
      rest.path.assign(lambda.path.begin() + 1, lambda.path.end());
      const Stored &element = canon.elements[index];
      if (rest.path.empty()) return element;
      return applyLambda(element, rest, at);
    }
    Array values;
    for (const Stored &e : canon.elements) values.push_back(*e.value);
    return Stored{makeValue(JValue(std::move(values))), makeTetraplet(Tetraplet{params_.currentPeerId, "", "", ""})};
  }
  case ValueKind::Stream:
  case ValueKind::StreamMap: return std::nullopt; // the parser does not allow these as values
  }
  if (v.lambda.valid()) return applyLambda(out, script_[v.lambda], at);
  return out;
}

std::optional<std::vector<Stored>> Executor::resolveCanon(const Value &v, InstrId at) {
  auto it = canons_.find(v.text);
  if (it == canons_.end() || it->second.empty() || it->second.back().cleared) return std::nullopt;
  return it->second.back().elements;
}

// ---------------------------------------------------------------- instructions

bool Executor::exec(InstrId id) {
  if (++steps_ > limits_.maxSteps) throw UncatchableError{20000, "execution step limit exceeded"};
  if (++depth_ > 200000) throw UncatchableError{20000, "execution nesting limit exceeded"};
  struct DepthGuard {
    uint32_t &d;
    ~DepthGuard() { --d; }
  } guard{depth_};
  const Instr &in = script_[id];
  switch (in.kind) {
  case InstrKind::Call: return execCall(id);
  case InstrKind::Canon:
  case InstrKind::CanonMap:
  case InstrKind::CanonMapScalar: return execCanon(id);
  case InstrKind::Ap: return execAp(id);
  case InstrKind::ApMap: return execApMap(id);
  case InstrKind::Seq: return exec(in.child[0]) && exec(in.child[1]);
  case InstrKind::Par: return execPar(id);
  case InstrKind::Xor: return execXor(id);
  case InstrKind::Never: return false;
  case InstrKind::Null: return true;
  case InstrKind::New: return execNew(id);
  case InstrKind::Fail: return execFail(id);
  case InstrKind::Fold: return execFold(id);
  case InstrKind::Next: return execNext(id);
  case InstrKind::Match: return execMatch(id, true);
  case InstrKind::Mismatch: return execMatch(id, false);
  }
  return true;
}

bool Executor::execCall(InstrId id) {
  const Instr &in = script_[id];
  std::optional<Stored> triplet[3];
  for (int i = 0; i < 3; ++i) {
    triplet[i] = resolve(in.v[i], id);
    if (!triplet[i]) return false; // join
  }
  std::string parts[3];
  for (int i = 0; i < 3; ++i) {
    auto s = triplet[i]->value->getAsString();
    if (!s)
      raise(10011, "call cannot resolve non-String triplet variable part `" + printValue(script_, in.v[i]) +
                       "` with value '" + toJsonText(*triplet[i]->value) + "'",
            id);
    parts[i] = s->str();
  }
  const std::string &peer = parts[0];
  const bool local = peer == params_.currentPeerId;
  const std::string key = instanceKey(id);

  // `stored`: the value is already in data_.values under `key` (a replayed call).
  auto bindOutput = [&](const Stored &value, bool stored = false) {
    if (!in.v[3].valid()) return;
    const Value &out = script_[in.v[3]];
    if (out.kind == ValueKind::Stream) {
      if (!stored) data_.values.try_emplace(key, value);
      data_.appendToStream(streamInstance(out.text), key);
    } else {
      bindScalar(out.text, value, id);
    }
  };
  auto failWith = [&](int32_t retCode, const std::string &message) {
    raise(10000, "Local service error, ret_code is " + std::to_string(retCode) + ", error message is '" + message + "'",
          id, peer);
  };

  auto it = data_.states.find(key);
  if (it != data_.states.end()) {
    data::State &state = it->second;
    switch (state.kind) {
    case data::State::Kind::Executed: {
      if (state.valueKey.empty()) return true;
      auto v = data_.values.find(state.valueKey);
      if (v == data_.values.end()) throw UncatchableError{20010, "value for CID \"" + state.valueKey + "\" not found"};
      bindOutput(v->second, v->first == key);
      return true;
    }
    case data::State::Kind::Failed: failWith(state.retCode, state.message); __builtin_unreachable();
    case data::State::Kind::Canon: throw UncatchableError{20000, "on instruction '" + display(id) + "' trace handler encountered an error: a canon state where a call was expected"};
    case data::State::Kind::Sent:
      if (state.sentBy == params_.currentPeerId && state.callId != 0) {
        auto r = results_.find(state.callId);
        if (r == results_.end()) return false; // still waiting for the service
        consumedResults_[state.callId] = true;
        const CallResult &result = r->second;
        if (result.retCode != 0) {
          state = data::State{data::State::Kind::Failed, {}, 0, {}, result.retCode, result.resultJson, {}};
          failWith(result.retCode, result.resultJson);
        }
        JValue parsed(nullptr);
        std::string error;
        if (!parseJson(result.resultJson, parsed, error)) {
          std::string message = "call result '" + result.resultJson + "' is not valid JSON: " + error;
          state = data::State{data::State::Kind::Failed, {}, 0, {}, 2147483647, message, {}};
          failWith(2147483647, message);
        }
        Stored value{makeValue(std::move(parsed)), makeTetraplet(Tetraplet{peer, parts[1], parts[2], ""})};
        std::string valueKey;
        if (in.v[3].valid()) {
          valueKey = key;
          data_.values.emplace(key, value);
        }
        state = data::State{data::State::Kind::Executed, {}, 0, valueKey, 0, {}, {}};
        bindOutput(value);
        return true;
      }
      if (!local) return false; // someone else's pending call
      break;                      // a request sent to us: execute it now
    }
  }

  if (!local) {
    data_.states[key] = data::State{data::State::Kind::Sent, params_.currentPeerId, 0, {}, 0, {}, {}};
    addNextPeer(peer);
    return false;
  }
  // A local call: resolve the arguments (join if any is not set yet) and issue a request.
  // Errors while resolving them carry the call's peer.
  callPeer_ = peer;
  struct ClearPeer {
    std::optional<std::string> &p;
    ~ClearPeer() { p.reset(); }
  } clearPeer{callPeer_};
  Array args;
  std::vector<std::vector<Tetraplet>> tetraplets;
  for (const ValueId *a = script_.argsBegin(in); a != script_.argsEnd(in); ++a) {
    const Value &arg = script_[*a];
    if ((arg.kind == ValueKind::CanonStream || arg.kind == ValueKind::CanonStreamMap) && !arg.lambda.valid()) {
      auto elements = resolveCanon(arg, id);
      if (!elements) return false;
      auto whole = resolve(*a, id);
      args.push_back(*whole->value);
      std::vector<Tetraplet> ts;
      for (const Stored &e : *elements) ts.push_back(e.provenance());
      tetraplets.push_back(std::move(ts));
      continue;
    }
    auto value = resolve(*a, id);
    if (!value) return false;
    args.push_back(*value->value);
    tetraplets.push_back({value->provenance()});
  }
  uint32_t callId = ++data_.lastCallId;
  CallRequest request;
  request.serviceId = parts[1];
  request.functionName = parts[2];
  request.argumentsJson = toJsonText(JValue(std::move(args)));
  request.tetraplets = std::move(tetraplets);
  requests_[callId] = std::move(request);
  data_.states[key] = data::State{data::State::Kind::Sent, params_.currentPeerId, callId, {}, 0, {}, {}};
  return false;
}

bool Executor::execCanon(InstrId id) {
  const Instr &in = script_[id];
  auto peerValue = resolve(in.v[0], id);
  if (!peerValue) return false;
  auto peerText = peerValue->value->getAsString();
  if (!peerText)
    raise(10011, "call cannot resolve non-String triplet variable part `" + printValue(script_, in.v[0]) +
                     "` with value '" + toJsonText(*peerValue->value) + "'",
          id);
  const std::string peer = peerText->str();
  const std::string key = instanceKey(id);
  const Value &target = script_[in.v[2]];

  std::vector<Stored> elements;
  auto it = data_.states.find(key);
  bool have = it != data_.states.end() && it->second.kind == data::State::Kind::Canon;
  if (have) {
    for (const std::string &k : it->second.elements) elements.push_back(data_.values.at(k));
  } else {
    if (peer != params_.currentPeerId) {
      if (it == data_.states.end()) {
        data_.states[key] = data::State{data::State::Kind::Sent, params_.currentPeerId, 0, {}, 0, {}, {}};
        addNextPeer(peer);
      }
      return false;
    }
    data::State state;
    state.kind = data::State::Kind::Canon;
    auto s = data_.streams.find(streamInstance(script_[in.v[1]].text));
    if (s != data_.streams.end()) state.elements = s->second;
    for (const std::string &k : state.elements) elements.push_back(data_.values.at(k));
    data_.states[key] = std::move(state);
  }

  if (in.kind == InstrKind::CanonMapScalar) {
    Object map;
    for (const Stored &pair : elements) {
      const Object *p = pair.value->getAsObject();
      if (!p || !p->get("key") || !p->get("value")) continue;
      const JValue &k = *p->get("key");
      std::string mapKey = k.getAsString() ? k.getAsString()->str() : toJsonText(k);
      if (!map.get(mapKey)) map[mapKey] = *p->get("value");
    }
    bindScalar(target.text, Stored{makeValue(JValue(std::move(map))), makeTetraplet(Tetraplet{peer, "", "", ""})}, id);
    return true;
  }
  auto &stack = canons_[target.text];
  if (!stack.empty() && stack.back().cleared) {
    stack.back() = Canon{std::move(elements), in.kind == InstrKind::CanonMap, false};
  } else {
    stack.push_back(Canon{std::move(elements), in.kind == InstrKind::CanonMap, false});
    if (scopeDepth_ > 0) scopes_[scopeDepth_ - 1].emplace_back(kCanon, target.text);
  }
  return true;
}

bool Executor::execAp(InstrId id) {
  const Instr &in = script_[id];
  const Value &source = script_[in.v[0]];
  std::optional<Stored> value;
  if ((source.kind == ValueKind::CanonStream) && !source.lambda.valid()) {
    value = resolve(in.v[0], id);
  } else {
    value = resolve(in.v[0], id);
  }
  if (!value) return false;
  const Value &target = script_[in.v[1]];
  if (target.kind == ValueKind::Stream) {
    std::string key = instanceKey(id);
    data_.values.emplace(key, *value);
    data_.appendToStream(streamInstance(target.text), key);
    if (data_.streams[streamInstance(target.text)].size() >= 1024)
      throw UncatchableError{20013, "stream size goes over the allowed limit of 1024"};
    return true;
  }
  bindScalar(target.text, std::move(*value), id);
  return true;
}

bool Executor::execApMap(InstrId id) {
  const Instr &in = script_[id];
  auto key = resolve(in.v[0], id);
  if (!key) return false;
  auto value = resolve(in.v[1], id);
  if (!value) return false;
  const Value &map = script_[in.v[2]];
  const JValue &k = *key->value;
  bool integral = k.getAsInteger().hasValue();
  if (!k.getAsString() && !integral) raise(10012, "unsupported type for " + map.text + " map's key", id);
  std::string instance = instanceKey(id);
  Stored pair{makeValue(JValue(Object{{"key", k}, {"value", *value->value}})), value->tetraplet};
  data_.values.emplace(instance, std::move(pair));
  data_.appendToStream(streamInstance(map.text), instance);
  return true;
}

bool Executor::execPar(InstrId id) {
  const Instr &in = script_[id];
  std::optional<CatchableError> leftError, rightError;
  bool left = false, right = false;
  try {
    left = exec(in.child[0]);
  } catch (const CatchableError &e) {
    leftError = e;
  }
  try {
    right = exec(in.child[1]);
  } catch (const CatchableError &e) {
    rightError = e;
  }
  if (leftError && rightError) throw *leftError;
  if (left || right) lastErrorSettable_ = true;
  return left || right;
}

bool Executor::execXor(InstrId id) {
  const Instr &in = script_[id];
  try {
    return exec(in.child[0]);
  } catch (const CatchableError &e) {
    JValue saved = currentError_;
    currentError_ = errorObject(e);
    lastErrorSettable_ = true;
    caught_.push_back(e);
    struct Restore {
      Executor &self;
      JValue saved;
      ~Restore() {
        self.currentError_ = noError();
        self.caught_.pop_back();
      }
    } restore{*this, std::move(saved)};
    return exec(in.child[1]);
  }
}

bool Executor::execNew(InstrId id) {
  // `new` scopes its one variable only; other names set inside belong to the enclosing scope.
  const Instr &in = script_[id];
  const Value &v = script_[in.v[0]];
  int kind = kScalar;
  switch (v.kind) {
  case ValueKind::Scalar: scalars_[v.text].push_back(Binding{Stored{}, foldDepth_, true}); break;
  case ValueKind::CanonStream:
  case ValueKind::CanonStreamMap:
    kind = kCanon;
    canons_[v.text].push_back(Canon{{}, v.kind == ValueKind::CanonStreamMap, true});
    break;
  default:
    kind = kStream;
    streams_[v.text].push_back(v.text + "@" + instanceKey(id));
    break;
  }
  struct Pop {
    Executor &self;
    int kind;
    const std::string &name;
    ~Pop() {
      if (kind == kScalar) self.scalars_[name].pop_back();
      else if (kind == kCanon) self.canons_[name].pop_back();
      else self.streams_[name].pop_back();
    }
  } pop{*this, kind, v.text};
  return exec(in.child[0]);
}

bool Executor::execFail(InstrId id) {
  const Instr &in = script_[id];
  const Value &v = script_[in.v[0]];
  CatchableError e;
  e.instruction = display(id);
  if (v.kind == ValueKind::Error && !caught_.empty()) {
    // Re-raise the error being handled, unchanged.
    CatchableError original = caught_.back();
    if (lastErrorSettable_) {
      lastError_ = errorObject(original);
      lastErrorSettable_ = false;
    }
    throw original;
  }
  JValue object(nullptr);
  if (v.kind == ValueKind::Int) {
    object = JValue(Object{{"error_code", v.intValue},
                           {"instruction", e.instruction},
                           {"message", script_[in.v[1]].text},
                           {"peer_id", params_.initPeerId}});
  } else {
    auto value = resolve(in.v[0], id);
    if (!value) return false;
    object = *value->value;
    std::string text = toJsonText(object);
    const Object *o = object.getAsObject();
    if (v.kind == ValueKind::LastError || v.kind == ValueKind::Error) {
      if (o && o->getInteger("error_code").getValueOr(0) == 0) raise(10008, "error code must be non-zero, but it is zero", id);
    }
    if (!o) raise(10008, "scalar should have an object type to be converted into error object, but '" + text + "' doesn't have", id);
    if (!o->get("error_code")) raise(10008, "scalar '" + text + "' must have field with name 'error_code'", id);
    if (!o->get("message")) raise(10008, "scalar '" + text + "' must have field with name 'message'", id);
    if (!o->getInteger("error_code")) raise(10008, "error_code of scalar '" + text + "' must have i64 type", id);
    if (!o->getString("message")) raise(10008, "message of scalar '" + text + "' must have string type", id);
    if (*o->getInteger("error_code") == 0) raise(10008, "error code must be non-zero, but it is zero", id);
  }
  e.code = 10006;
  e.message = "fail with '" + toJsonText(object) + "' is used without corresponding xor";
  e.lastErrorObject = object;
  noteCatchable(e);
  throw e;
}

bool Executor::execMatch(InstrId id, bool wantEqual) {
  const Instr &in = script_[id];
  auto left = resolve(in.v[0], id);
  if (!left) return false;
  auto right = resolve(in.v[1], id);
  if (!right) return false;
  bool equal = strictEquals(*left->value, *right->value);
  if (equal != wantEqual) {
    CatchableError e;
    e.code = wantEqual ? 10001 : 10002;
    e.message = wantEqual ? "compared values do not match" : "compared values do not mismatch";
    e.instruction = display(id);
    noteCatchable(e);
    throw e;
  }
  return exec(in.child[0]);
}

std::shared_ptr<const std::vector<Stored>> Executor::arrayItems(const Stored &array, const Array &elements) {
  if (foldItems_)
    for (const FoldItemsCache::Entry &e : foldItems_->entries)
      if (e.array == array.value && e.base == array.tetraplet) return e.items;
  auto items = std::make_shared<std::vector<Stored>>();
  items->reserve(elements.size());
  for (size_t i = 0; i < elements.size(); ++i) {
    Tetraplet t = array.provenance();
    t.lens += ".$.[" + std::to_string(i) + "]";
    items->push_back(Stored{makeValue(elements[i]), makeTetraplet(std::move(t))});
  }
  if (foldItems_) {
    auto &entries = foldItems_->entries;
    if (entries.size() >= FoldItemsCache::kMaxEntries) entries.erase(entries.begin());
    entries.push_back({array.value, array.tetraplet, items});
  }
  return items;
}

bool Executor::execFold(InstrId id) {
  const Instr &in = script_[id];
  const Value &iterable = script_[in.v[0]];
  FoldFrame frame;
  frame.fold = id;
  frame.iterator = script_[in.v[1]].text;
  frame.outerKey = keyContext_;
  switch (iterable.kind) {
  case ValueKind::Stream:
  case ValueKind::StreamMap: {
    frame.stream = streamInstance(iterable.text);
    auto s = data_.streams.find(frame.stream);
    if (s == data_.streams.end() || s->second.empty()) return false; // nothing yet
    for (const std::string &k : s->second) {
      frame.items.push_back(data_.values.at(k));
      frame.itemKeys.push_back(k);
    }
    break;
  }
  case ValueKind::CanonStream:
  case ValueKind::CanonStreamMap:
    if (!iterable.lambda.valid()) {
      auto elements = resolveCanon(iterable, id);
      if (!elements) return false;
      frame.items = std::move(*elements);
      break;
    }
    [[fallthrough]];
  default: {
    auto value = resolve(in.v[0], id);
    if (!value) return false;
    const Array *a = value->value->getAsArray();
    if (!a)
      raise(10005, "expression '" + printValue(script_, in.v[0]) + "' returned non-array value '" +
                       toJsonText(*value->value) + "' for fold iterable",
            id);
    frame.arrayItems = arrayItems(*value, *a);
    break;
  }
  }
  if (frame.list().empty()) return true;
  folds_.push_back(std::move(frame));
  struct PopFrame {
    Executor &self;
    ~PopFrame() { self.folds_.pop_back(); }
  } pop{*this};
  return runIteration(folds_.back(), in);
}

// Runs the body for folds_[..].index with the iterator bound; catchable errors in a stream
// fold's iteration are swallowed and the fold moves on.
bool Executor::runIteration(FoldFrame &frame, const Instr &fold) {
  size_t frameIndex = static_cast<size_t>(&frame - &folds_[0]);
  std::string savedContext = keyContext_;
  keyContext_ = frame.outerKey + "/" + std::to_string(frame.fold.index) + ":" + frame.itemKey(frame.index);
  pushScope();
  ++foldDepth_;
  scalars_[frame.iterator].push_back(Binding{frame.list()[frame.index], foldDepth_, false});
  scopes_[scopeDepth_ - 1].emplace_back(kScalar, frame.iterator);
  bool complete = false;
  size_t startIndex = frame.index;
  bool swallowed = false;
  try {
    complete = exec(fold.child[0]);
  } catch (const CatchableError &) {
    if (folds_[frameIndex].stream.empty()) {
      --foldDepth_;
      popScope();
      keyContext_ = savedContext;
      throw;
    }
    swallowed = true;
  } catch (...) {
    --foldDepth_;
    popScope();
    keyContext_ = savedContext;
    throw;
  }
  --foldDepth_;
  popScope();
  keyContext_ = savedContext;
  if (swallowed && folds_[frameIndex].index == startIndex && !folds_[frameIndex].advanced) {
    // The failed iteration did not reach its `next`: continue with the following element.
    folds_[frameIndex].advanced = true;
    complete = advance(folds_[frameIndex]);
  }
  return complete;
}

bool Executor::advance(FoldFrame &frame) {
  size_t frameIndex = static_cast<size_t>(&frame - &folds_[0]);
  const Instr &fold = script_[frame.fold];
  if (!frame.stream.empty()) {
    // The stream may have grown during this fold (recursive streams).
    const auto &keys = data_.streams[frame.stream];
    while (frame.items.size() < keys.size()) {
      frame.items.push_back(data_.values.at(keys[frame.items.size()]));
      frame.itemKeys.push_back(keys[frame.itemKeys.size()]);
    }
  }
  if (frame.index + 1 < frame.list().size()) {
    size_t saved = frame.index;
    bool savedAdvanced = frame.advanced;
    frame.index = saved + 1;
    frame.advanced = false;
    bool complete = runIteration(folds_[frameIndex], fold);
    folds_[frameIndex].index = saved;
    folds_[frameIndex].advanced = savedAdvanced;
    return complete;
  }
  if (fold.child[1].valid()) return exec(fold.child[1]);
  // No last instruction: an implicit (never) for streams and for `par` bodies, (null) otherwise.
  if (!frame.stream.empty()) return false;
  return script_[fold.child[0]].kind != InstrKind::Par;
}

bool Executor::execNext(InstrId id) {
  const std::string &iterator = script_[script_[id].v[0]].text;
  for (size_t i = folds_.size(); i-- > 0;) {
    if (folds_[i].iterator != iterator) continue;
    folds_[i].advanced = true;
    return advance(folds_[i]);
  }
  throw UncatchableError{20003, "fold state not found for iterator '" + iterator + "'"};
}

} // namespace air::exec
