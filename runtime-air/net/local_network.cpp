// The local node services: the network and node state, argument readers, the dispatch table, and
// the services that need no registry (op, peer, kad, sig, vault, json and array extras, and the
// ones a local network cannot have). srv, dist and script are in local_deploy.cpp.
#include "local_network.h"

#include <algorithm>
#include <unordered_map>

#include "air/json_text.h"
#include "base58.h"
#include "sha256.h"

namespace air::net {

using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

// ------------------------------------------------------------------------------------------ state

std::string LocalNode::newId(std::string_view kind) {
  std::string seed = id + "/" + std::string(kind) + "/" + std::to_string(idCounter++);
  Digest256 d = sha256(seed);
  d[6] = static_cast<uint8_t>((d[6] & 0x0f) | 0x40); // version 4
  d[8] = static_cast<uint8_t>((d[8] & 0x3f) | 0x80); // RFC 4122 variant
  std::string hex = toHex(std::string_view(reinterpret_cast<const char *>(d.data()), 16));
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" + hex.substr(16, 4) + "-" +
         hex.substr(20, 12);
}

LocalService *LocalNode::findService(const std::string &idOrAlias) {
  for (LocalService &s : services)
    if (s.id == idOrAlias) return &s;
  for (LocalService &s : services)
    if (std::find(s.aliases.begin(), s.aliases.end(), idOrAlias) != s.aliases.end()) return &s;
  return nullptr;
}

const LocalModule *LocalNode::findModule(const std::string &hash) const {
  for (const LocalModule &m : modules)
    if (m.hash == hash) return &m;
  return nullptr;
}

const LocalBlueprint *LocalNode::findBlueprint(const std::string &blueprintId) const {
  for (const LocalBlueprint &b : blueprints)
    if (b.id == blueprintId) return &b;
  return nullptr;
}

std::string LocalNode::secret() const { return std::string(digestBytes(sha256("aquac local network key of " + id))); }

LocalNetwork::LocalNetwork(const std::vector<std::pair<std::string, std::string>> &peers, std::string initPeer)
    : initPeer_(std::move(initPeer)) {
  for (const auto &[name, id] : peers) {
    LocalNode node;
    node.name = name;
    node.id = id;
    node.index = nodes_.size();
    nodes_.push_back(std::move(node));
  }
}

LocalNode *LocalNetwork::node(const std::string &name) {
  for (LocalNode &n : nodes_)
    if (n.name == name) return &n;
  return nullptr;
}

bool LocalNetwork::isPeer(const std::string &id) const {
  for (const LocalNode &n : nodes_)
    if (n.id == id) return true;
  return false;
}

std::vector<std::string> LocalNetwork::aliasesOf(const std::string &name, const std::string &serviceId) const {
  for (const LocalNode &n : nodes_)
    if (n.name == name)
      for (const LocalService &s : n.services)
        if (s.id == serviceId) return s.aliases;
  return {};
}

// ------------------------------------------------------------------------------ argument readers

void LocalCall::fail(const std::string &message) const { throw ServiceFailure(message); }

void LocalCall::unavailable(const std::string &why) const {
  throw ServiceUnavailable(aquaServiceName(call.service) + "." + call.function +
                           " is not available on the local network (" + why +
                           "); provide it with --services or --service (service id \"" + call.service + "\")");
}

const Value &LocalCall::required(size_t i, const char *name) const {
  if (i >= args.size()) fail(call.function + " expects " + std::to_string(i + 1) + "+ arguments: missing " + name);
  return args[i];
}

std::string LocalCall::string(size_t i, const char *name) const {
  auto s = required(i, name).getAsString();
  if (!s) fail(std::string("argument ") + name + " of " + call.function + " must be a string");
  return s->str();
}

std::string LocalCall::bytes(size_t i, const char *name) const {
  const Array *a = required(i, name).getAsArray();
  if (!a) fail(std::string("argument ") + name + " of " + call.function + " must be an array of bytes");
  std::string out;
  for (const Value &v : *a) {
    auto b = v.getAsInteger();
    if (!b || *b < 0 || *b > 255)
      fail(std::string("argument ") + name + " of " + call.function + " must hold bytes (integers 0..255)");
    out += static_cast<char>(*b);
  }
  return out;
}

std::vector<std::string> LocalCall::strings(size_t i, const char *name) const {
  const Array *a = required(i, name).getAsArray();
  std::vector<std::string> out;
  if (a)
    for (const Value &v : *a)
      if (auto s = v.getAsString()) out.push_back(s->str());
  if (!a || out.size() != a->size())
    fail(std::string("argument ") + name + " of " + call.function + " must be an array of strings");
  return out;
}

const Value *LocalCall::option(size_t i) const {
  if (i >= args.size() || args[i].kind() == Value::Null) return nullptr;
  if (const Array *a = args[i].getAsArray()) {
    if (a->empty()) return nullptr;
    if (a->size() == 1) return &(*a)[0];
  }
  return &args[i];
}

std::optional<uint64_t> LocalCall::optionalCount(size_t i, const char *name) const {
  const Value *v = option(i);
  if (!v) return std::nullopt;
  auto n = v->getAsInteger();
  if (!n || *n < 0) fail(std::string("argument ") + name + " of " + call.function + " must be a non-negative integer");
  return static_cast<uint64_t>(*n);
}

std::optional<bool> LocalCall::optionalBool(size_t i, const char *name) const {
  const Value *v = option(i);
  if (!v) return std::nullopt;
  auto b = v->getAsBoolean();
  if (!b) fail(std::string("argument ") + name + " of " + call.function + " must be a boolean");
  return *b;
}

const std::string &LocalCall::vaultFile(const std::string &path) const {
  auto it = node.vault.find(path);
  if (it == node.vault.end() || path.rfind("/tmp/vault/" + ctx.particleId + "/", 0) != 0)
    fail("Error reading vault file `" + path + "`");
  return it->second;
}

Value bytesValue(std::string_view bytes) {
  Array out;
  for (unsigned char c : bytes) out.push_back(static_cast<int64_t>(c));
  return Value(std::move(out));
}
Value noneValue() { return Value(Array{}); }
Value someValue(Value v) { return Value(Array{std::move(v)}); }

namespace {

// ------------------------------------------------------------------------------------------- op

Value opStringToB58(LocalCall &c) { return Value(base58Encode(c.string(0, "s"))); }

Value opStringFromB58(LocalCall &c) {
  auto decoded = base58Decode(c.string(0, "b"));
  if (!decoded) c.fail("not a base58 string");
  if (!llvm::json::isUTF8(*decoded)) c.fail("the decoded bytes are not valid UTF-8");
  return Value(*decoded);
}

Value opBytesToB58(LocalCall &c) { return Value(base58Encode(c.bytes(0, "bs"))); }

Value opBytesFromB58(LocalCall &c) {
  auto decoded = base58Decode(c.string(0, "b"));
  if (!decoded) c.fail("not a base58 string");
  return bytesValue(*decoded);
}

// sha256_string(s, digest_only?, as_bytes?): the sha2-256 multihash (0x12 0x20 digest) of s's
// UTF-8 bytes, or the bare digest; base58, or bytes.
Value opSha256String(LocalCall &c) {
  Digest256 digest = sha256(c.string(0, "s"));
  std::string out = c.optionalBool(1, "digest_only").value_or(false) ? "" : std::string("\x12\x20", 2);
  out += digestBytes(digest);
  if (c.optionalBool(2, "as_bytes").value_or(false)) return bytesValue(out);
  return Value(base58Encode(out));
}

// ----------------------------------------------------------------------------------------- peer

// A peer id argument: must at least be base58 (a node parses it as a libp2p peer id).
std::string peerIdArg(LocalCall &c, size_t i) {
  std::string id = c.string(i, "peer");
  if (id.empty() || !base58Decode(id)) c.fail("invalid peer id '" + id + "'");
  return id;
}

Value peerIdentify(LocalCall &c) {
  return Value(Object{{"external_addresses", Array{c.node.address()}},
                      {"node_version", "aquac-local-network"},
                      {"air_version", "avm-0.62.0"},
                      {"spell_version", ""},
                      {"allowed_binaries", Array{}}});
}

// The local clock starts at the particle's timestamp and ticks one millisecond per interpreter
// invocation: deterministic, and later calls never see an earlier time.
uint64_t nowMs(const LocalCall &c) { return c.ctx.timestamp + c.ctx.invocation; }
Value peerTimestampMs(LocalCall &c) { return Value(static_cast<int64_t>(nowMs(c))); }
Value peerTimestampSec(LocalCall &c) { return Value(static_cast<int64_t>(nowMs(c) / 1000)); }

// Every peer of the network is directly reachable; no other peer exists.
Value peerIsConnected(LocalCall &c) { return Value(c.network.isPeer(peerIdArg(c, 0))); }
Value peerConnect(LocalCall &c) { return Value(c.network.isPeer(peerIdArg(c, 0))); }

Value peerGetContact(LocalCall &c) {
  std::string id = peerIdArg(c, 0);
  for (const LocalNode &n : c.network.nodes())
    if (n.id == id) return someValue(Value(Object{{"peer_id", id}, {"addresses", Array{n.address()}}}));
  return noneValue();
}

// timeout(duration_ms, message?): answers at once (the simulation has no wall clock), so a race
// against a call that needs another hop is won by the timer.
Value peerTimeout(LocalCall &c) {
  const Value &duration = c.required(0, "duration_ms");
  bool valid = duration.getAsInteger() && *duration.getAsInteger() >= 0;
  if (auto s = duration.getAsString())
    valid = !s->empty() && s->find_first_not_of("0123456789") == llvm::StringRef::npos;
  if (!valid) c.fail("argument duration_ms of timeout must be a non-negative integer");
  if (c.args.size() < 2) return Value(Object{});
  return Value(c.string(1, "message"));
}

// ------------------------------------------------------------------------------------------ kad

using KadKey = Digest256;

bool closer(const KadKey &target, const KadKey &a, const KadKey &b) {
  for (size_t i = 0; i < target.size(); ++i) {
    uint8_t da = a[i] ^ target[i], db = b[i] ^ target[i];
    if (da != db) return da < db;
  }
  return false;
}

std::string decodeB58Arg(LocalCall &c, const std::string &text, const char *what) {
  auto decoded = base58Decode(text);
  if (!decoded) c.fail(std::string(what) + " '" + text + "' is not base58");
  return *decoded;
}

constexpr uint64_t kKademliaK = 20;

// neighborhood(key, already_hashed?, count?): the peers of the network (not the client, not the
// asking peer) closest to the key by XOR distance of SHA-256 keys, as libp2p's Kademlia orders
// them; the key is wrapped as a sha2-256 multihash unless already_hashed.
Value kadNeighborhood(LocalCall &c) {
  std::string key = decodeB58Arg(c, c.string(0, "key"), "key");
  if (!c.optionalBool(1, "already_hashed").value_or(false)) {
    std::string multihash = "\x12";
    for (uint64_t n = key.size();; n >>= 7) { // unsigned varint of the length
      multihash += static_cast<char>((n & 0x7f) | (n >= 0x80 ? 0x80 : 0));
      if (n < 0x80) break;
    }
    key = multihash + key;
  }
  KadKey target = sha256(key);
  uint64_t count = c.optionalCount(2, "count").value_or(kKademliaK);
  bool clientIsNode = c.network.nodes().size() == 1;
  std::vector<std::pair<KadKey, std::string>> members;
  for (const LocalNode &n : c.network.nodes())
    if (n.name != c.node.name && (clientIsNode || n.name != c.network.initPeer()))
      members.emplace_back(sha256(*base58Decode(n.id)), n.id);
  std::stable_sort(members.begin(), members.end(),
                   [&](const auto &a, const auto &b) { return closer(target, a.first, b.first); });
  Array out;
  for (const auto &member : members)
    if (out.size() < count) out.push_back(member.second);
  return Value(std::move(out));
}

// merge(target, left, right, count?): both lists by XOR distance to the target (SHA-256 keys of
// the decoded bytes), duplicates dropped, at most count (default 20).
Value kadMerge(LocalCall &c) {
  KadKey target = sha256(decodeB58Arg(c, c.string(0, "target"), "target"));
  std::vector<std::pair<KadKey, std::string>> keys;
  for (size_t i : {1, 2})
    for (const std::string &item : c.strings(i, i == 1 ? "left" : "right")) {
      std::string bytes = decodeB58Arg(c, item, "item");
      keys.emplace_back(sha256(bytes), base58Encode(bytes));
    }
  std::stable_sort(keys.begin(), keys.end(),
                   [&](const auto &a, const auto &b) { return closer(target, a.first, b.first); });
  keys.erase(std::unique(keys.begin(), keys.end(), [](const auto &a, const auto &b) { return a.second == b.second; }),
             keys.end());
  uint64_t count = c.optionalCount(3, "count").value_or(kKademliaK);
  Array out;
  for (const auto &key : keys)
    if (out.size() < count) out.push_back(key.second);
  return Value(std::move(out));
}

// ------------------------------------------------------------------------------------------ sig

// A simulated signature: 64 bytes of HMAC-SHA-256 under the peer's secret (not Ed25519), so only
// the same peer verifies it, as only the key's owner would with a real key.
std::string simulatedSignature(const LocalNode &node, const std::string &data) {
  std::string key = node.secret();
  return std::string(digestBytes(hmacSha256(key, std::string(1, '\0') + data))) +
         std::string(digestBytes(hmacSha256(key, std::string(1, '\1') + data)));
}

// sign(data) -> SignResult; a bad argument is a failed SignResult, as a node reports it.
Value sigSign(LocalCall &c) {
  try {
    std::string data = c.bytes(0, "data");
    return Value(Object{{"success", true},
                        {"error", noneValue()},
                        {"signature", someValue(bytesValue(simulatedSignature(c.node, data)))}});
  } catch (const ServiceFailure &failure) {
    return Value(Object{
        {"success", false}, {"error", someValue(Value(std::string(failure.what())))}, {"signature", noneValue()}});
  }
}

Value sigVerify(LocalCall &c) {
  std::string signature = c.bytes(0, "signature");
  return Value(signature == simulatedSignature(c.node, c.bytes(1, "data")));
}

Value sigGetPeerId(LocalCall &c) { return Value(c.node.id); }

// ---------------------------------------------------------------------------------------- vault

// put(data) -> a virtual path in this particle's vault on this peer.
Value vaultPut(LocalCall &c) {
  std::string data = c.string(0, "data");
  std::string path = "/tmp/vault/" + c.ctx.particleId + "/" + c.node.newId("vault");
  c.node.vault[path] = std::move(data);
  return Value(path);
}

Value vaultCat(LocalCall &c) { return Value(c.vaultFile(c.string(0, "path"))); }

// ------------------------------------------------------------------------------ json, array extras

Object withPairs(LocalCall &c, Object object, size_t i) {
  const Array *pairs = c.required(i, "pairs").getAsArray();
  if (!pairs) c.fail("argument pairs of " + c.call.function + " must be an array of [key, value] pairs");
  for (const Value &pair : *pairs) {
    const Array *kv = pair.getAsArray();
    if (!kv || kv->size() != 2 || !(*kv)[0].getAsString())
      c.fail("argument pairs of " + c.call.function + " must be an array of [key, value] pairs");
    object[(*kv)[0].getAsString()->str()] = (*kv)[1];
  }
  return object;
}

Value jsonObjPairs(LocalCall &c) { return Value(withPairs(c, Object{}, 0)); }

Value jsonPutsPairs(LocalCall &c) {
  const Object *object = c.required(0, "obj").getAsObject();
  if (!object) c.fail("argument obj of puts_pairs must be an object");
  return Value(withPairs(c, *object, 1));
}

Value arraySlice(LocalCall &c) {
  const Array *array = c.required(0, "array").getAsArray();
  if (!array) c.fail("argument array of slice must be an array");
  auto start = c.required(1, "start").getAsInteger(), end = c.required(2, "end").getAsInteger();
  if (!start || !end || *start < 0 || *end < 0) c.fail("the start and end of slice must be non-negative integers");
  if (*start > *end || static_cast<size_t>(*end) > array->size())
    c.fail("slice indexes out of bounds: start " + std::to_string(*start) + ", end " + std::to_string(*end) +
           ", array length " + std::to_string(array->size()));
  Array out;
  for (int64_t i = *start; i < *end; ++i) out.push_back((*array)[static_cast<size_t>(i)]);
  return Value(std::move(out));
}

Value arrayLength(LocalCall &c) {
  const Array *array = c.required(0, "array").getAsArray();
  if (!array) c.fail("argument array of length must be an array");
  return Value(static_cast<int64_t>(array->size()));
}

// --------------------------------------------------------------------------------------- tables

const std::vector<LocalFunction> kLocalFunctions = {
    {"op", "string_to_b58", opStringToB58},
    {"op", "string_from_b58", opStringFromB58},
    {"op", "bytes_to_b58", opBytesToB58},
    {"op", "bytes_from_b58", opBytesFromB58},
    {"op", "sha256_string", opSha256String},
    {"peer", "identify", peerIdentify},
    {"peer", "timestamp_ms", peerTimestampMs},
    {"peer", "timestamp_sec", peerTimestampSec},
    {"peer", "is_connected", peerIsConnected},
    {"peer", "connect", peerConnect},
    {"peer", "get_contact", peerGetContact},
    {"peer", "timeout", peerTimeout},
    {"kad", "neighborhood", kadNeighborhood},
    {"kad", "merge", kadMerge},
    {"sig", "sign", sigSign},
    {"sig", "verify", sigVerify},
    {"sig", "get_peer_id", sigGetPeerId},
    {"vault", "put", vaultPut},
    {"vault", "cat", vaultCat},
    {"json", "obj_pairs", jsonObjPairs},
    {"json", "puts_pairs", jsonPutsPairs},
    {"array", "slice", arraySlice},
    {"array", "length", arrayLength},
    // Statistics of running wasm services, workers of deals and subnets need a real node.
    {"stat", "service_stat", nullptr},
    {"stat", "service_memory", nullptr},
    {"worker", "create", nullptr},
    {"worker", "get_worker_id", nullptr},
    {"worker", "remove", nullptr},
    {"worker", "list", nullptr},
    {"worker", "activate", nullptr},
    {"worker", "deactivate", nullptr},
    {"worker", "is_active", nullptr},
    {"subnet", "resolve", nullptr},
};

struct ServiceName {
  const char *id;
  const char *aqua;
};
// Every builtin service id a peer answers (the oracle's and the node's), with its aqua-lib name.
const ServiceName kServiceNames[] = {{"op", "Op"},
                                     {"peer", "Peer"},
                                     {"kad", "Kademlia"},
                                     {"srv", "Srv"},
                                     {"dist", "Dist"},
                                     {"script", "Script"},
                                     {"sig", "Sig"},
                                     {"stat", "Stat"},
                                     {"vault", "Vault"},
                                     {"debug", "Debug"},
                                     {"run-console", "Console"},
                                     {"math", "Math"},
                                     {"cmp", "Compare"},
                                     {"array", "Array"},
                                     {"json", "Json"},
                                     {"worker", "Worker"},
                                     {"subnet", "Subnet"},
                                     {"getDataSrv", "getDataSrv"},
                                     {"callbackSrv", "callbackSrv"},
                                     {"errorHandlingSrv", "errorHandlingSrv"}};

const std::unordered_map<std::string, const LocalFunction *> &dispatchTable() {
  static const auto table = [] {
    std::unordered_map<std::string, const LocalFunction *> map;
    for (const auto *functions : {&kLocalFunctions, &kLocalDeployFunctions})
      for (const LocalFunction &f : *functions) map[std::string(f.service) + "." + f.function] = &f;
    return map;
  }();
  return table;
}

} // namespace

std::string aquaServiceName(const std::string &serviceId) {
  for (const ServiceName &name : kServiceNames)
    if (serviceId == name.id) return name.aqua;
  return serviceId;
}

bool isBuiltinServiceId(const std::string &serviceId) {
  for (const ServiceName &name : kServiceNames)
    if (serviceId == name.id) return true;
  return false;
}

std::optional<Value> callLocalBuiltin(BuiltinContext &ctx, const ServiceCall &call) {
  LocalNode *node = ctx.local->node(call.peer);
  if (!node) return std::nullopt;
  LocalCall local{ctx, *ctx.local, *node, call, call.args};
  auto it = dispatchTable().find(call.service + "." + call.function);
  if (it != dispatchTable().end()) {
    if (!it->second->handler) local.unavailable();
    return it->second->handler(local);
  }
  // A service created with Srv.create (called by id or alias): registered, but no wasm runs here.
  if (!isBuiltinServiceId(call.service))
    if (const LocalService *service = node->findService(call.service)) {
      const LocalBlueprint *blueprint = node->findBlueprint(service->blueprintId);
      std::string name = service->aliases.empty() ? service->id : service->aliases.front();
      throw ServiceUnavailable("service '" + call.service + "' (created on " + node->name +
                               " by Srv.create from blueprint '" +
                               (blueprint ? blueprint->name : service->blueprintId) +
                               "') cannot run on the local network: its wasm modules need a real Fluence node; "
                               "provide its functions with --services (\"" +
                               name + "." + call.function + "\") or --service " + name + "=COMMAND");
    }
  return std::nullopt;
}

} // namespace air::net
