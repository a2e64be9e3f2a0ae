// The services of a Fluence node, simulated in process for the developer's local network
// (`aquac run FILE -f FUNC`): every peer answers a node's builtins with local state — service,
// module, blueprint and script registries, a vault per particle, a simulated key — and a clear
// "not available on the local network" error for what needs a real node. Scenario runs never use
// it (they answer as the oracle, run.mjs). runtime-air/docs/local-network.md lists every
// function's local semantics.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "builtins.h"

namespace air::net {

struct LocalModule {
  std::string name;
  std::string hash; // sha256 hex of the wasm bytes
  llvm::json::Value config = nullptr;
};

struct LocalBlueprint {
  std::string id; // sha256 hex of the blueprint's canonical JSON text
  std::string name;
  std::vector<std::string> dependencies; // module hashes
};

struct LocalService {
  std::string id;
  std::string blueprintId;
  std::string ownerId;
  std::vector<std::string> aliases;
};

struct LocalScript {
  std::string id;
  std::string source;
  std::string interval;
  std::string ownerId;
};

// One peer's node.
struct LocalNode {
  std::string name; // p0, p1, ...
  std::string id;
  size_t index = 0; // position in the network (its /memory/N address)
  std::vector<LocalModule> modules;
  std::vector<LocalBlueprint> blueprints;
  std::vector<LocalService> services;
  std::vector<LocalScript> scripts;
  std::map<std::string, std::string> vault; // virtual path -> content
  uint64_t idCounter = 0;

  // A fresh UUID-shaped id, deterministic: a hash of the peer, `kind` and a per-peer counter.
  std::string newId(std::string_view kind);
  LocalService *findService(const std::string &idOrAlias);
  const LocalModule *findModule(const std::string &hash) const;
  const LocalBlueprint *findBlueprint(const std::string &id) const;
  // The key Sig signs with (a simulation: HMAC-SHA-256 under a secret derived from the peer id).
  std::string secret() const;
  std::string address() const { return "/memory/" + std::to_string(index); }
};

class LocalNetwork {
public:
  // `peers`: (name, id) of every peer of the network in order; `initPeer`: the client's name.
  LocalNetwork(const std::vector<std::pair<std::string, std::string>> &peers, std::string initPeer);

  LocalNode *node(const std::string &name);
  const std::vector<LocalNode> &nodes() const { return nodes_; }
  const std::string &initPeer() const { return initPeer_; }
  bool isPeer(const std::string &id) const;
  // Aliases of the service `serviceId` created on peer `name` (to find --services answers for
  // calls addressed to the service's id).
  std::vector<std::string> aliasesOf(const std::string &name, const std::string &serviceId) const;

private:
  std::vector<LocalNode> nodes_;
  std::string initPeer_;
};

// One call as a local handler sees it, with argument readers that throw ServiceFailure naming
// the argument.
struct LocalCall {
  BuiltinContext &ctx;
  LocalNetwork &network;
  LocalNode &node;
  const ServiceCall &call;
  const llvm::json::Array &args;

  [[noreturn]] void fail(const std::string &message) const;
  // "<Service>.<function> is not available on the local network (<why>); provide it with ...".
  [[noreturn]] void unavailable(const std::string &why = "it needs a real Fluence node") const;
  const llvm::json::Value &required(size_t i, const char *name) const;
  std::string string(size_t i, const char *name) const;
  // []u8 as raw bytes.
  std::string bytes(size_t i, const char *name) const;
  std::vector<std::string> strings(size_t i, const char *name) const;
  // An optional argument: absent, null or [] -> nullptr; [x] -> x; anything else -> itself.
  const llvm::json::Value *option(size_t i) const;
  std::optional<uint64_t> optionalCount(size_t i, const char *name) const;
  std::optional<bool> optionalBool(size_t i, const char *name) const;
  // The vault file at `path` of this particle on this peer.
  const std::string &vaultFile(const std::string &path) const;
};

using LocalHandler = llvm::json::Value (*)(LocalCall &);
struct LocalFunction {
  const char *service; // service id
  const char *function;
  LocalHandler handler; // null: not available on the local network
};

// srv, dist and script (local_deploy.cpp).
extern const std::vector<LocalFunction> kLocalDeployFunctions;

// The Aqua name aqua-lib gives a builtin service id ("kad" -> "Kademlia"), or the id itself.
std::string aquaServiceName(const std::string &serviceId);
// Whether `serviceId` names a builtin service (such names cannot be aliases).
bool isBuiltinServiceId(const std::string &serviceId);

// The local node's answer, or nullopt to fall back to the oracle's builtins.
std::optional<llvm::json::Value> callLocalBuiltin(BuiltinContext &context, const ServiceCall &call);

// Helpers shared by the local services.
llvm::json::Value bytesValue(std::string_view bytes); // raw bytes -> [u8]
llvm::json::Value noneValue();                        // ?T nil: []
llvm::json::Value someValue(llvm::json::Value v);     // ?T of v: [v]

} // namespace air::net
