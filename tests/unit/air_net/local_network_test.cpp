// The local node services of `aquac run FILE -f FUNC` (runtime-air/net/local_network.h): the
// codecs they rest on (SHA-256, HMAC, base58; vectors from FIPS 180-4, RFC 4231 and Python's
// hashlib), each service's local behaviour, the "not available on the local network" errors, and
// that scenario mode (no local network) still answers exactly as the oracle, run.mjs, does.
#include <catch2/catch.hpp>

#include <memory>

#include "air/json_text.h"
#include "air/network.h"
#include "runtime-air/net/base58.h"
#include "runtime-air/net/builtins.h"
#include "runtime-air/net/local_network.h"
#include "runtime-air/net/sha256.h"

using air::net::BuiltinContext;
using air::net::LocalNetwork;
using air::net::Network;
using llvm::json::Value;

namespace {

std::string id(const std::string &name) { return Network::peerIdOf(name); }
std::string hex(const air::net::Digest256 &d) { return air::net::toHex(air::net::digestBytes(d)); }
std::string text(const Value &v) { return air::toJsonText(v); }

Value json(const std::string &s) {
  Value v(nullptr);
  std::string error;
  INFO(s);
  REQUIRE(air::parseJson(s, v, error));
  return v;
}

// A local network of peers p0 (the client), p1, ..., calling builtins directly.
struct Local {
  std::unique_ptr<LocalNetwork> network;
  BuiltinContext ctx;

  explicit Local(int peers = 4) {
    std::vector<std::pair<std::string, std::string>> list;
    for (int i = 0; i < peers; ++i) list.emplace_back("p" + std::to_string(i), id("p" + std::to_string(i)));
    network = std::make_unique<LocalNetwork>(list, "p0");
    ctx.local = network.get();
    ctx.timestamp = 1700000000000;
    ctx.particleId = "particle-1";
    ctx.initPeerId = id("p0");
  }

  air::net::ServiceCall make(const std::string &peer, const std::string &service, const std::string &fn,
                             const std::string &args) {
    air::net::ServiceCall call;
    call.peer = peer;
    call.service = service;
    call.function = fn;
    call.args = *json(args).getAsArray();
    return call;
  }
  Value call(const std::string &peer, const std::string &service, const std::string &fn, const std::string &args) {
    auto result = air::net::callBuiltin(ctx, make(peer, service, fn, args));
    REQUIRE(result.has_value());
    return *result;
  }
  std::string str(const std::string &peer, const std::string &service, const std::string &fn, const std::string &args) {
    Value v = call(peer, service, fn, args);
    REQUIRE(v.getAsString());
    return v.getAsString()->str();
  }
  // The message of a ServiceFailure (a "Service call failed. ..." reply).
  std::string failure(const std::string &peer, const std::string &service, const std::string &fn,
                      const std::string &args) {
    try {
      air::net::callBuiltin(ctx, make(peer, service, fn, args));
    } catch (const air::net::ServiceFailure &f) {
      return f.what();
    }
    FAIL("no ServiceFailure from " << service << "." << fn);
    return "";
  }
  std::string unavailable(const std::string &peer, const std::string &service, const std::string &fn,
                          const std::string &args) {
    try {
      air::net::callBuiltin(ctx, make(peer, service, fn, args));
    } catch (const air::net::ServiceUnavailable &u) {
      return u.what();
    }
    FAIL("no ServiceUnavailable from " << service << "." << fn);
    return "";
  }
};

const std::string kWasm = "[0,97,115,109,1,0,0,0]"; // the smallest wasm module
const std::string kWasmHash = "93a44bbb96c751218e4c00d479e4c14358122a389acca16205b1e4d0dc5f9476";

// Adds the module, a blueprint of it and a service on `peer`; returns the service id.
std::string deploy(Local &l, const std::string &peer, const std::string &name) {
  Value config = l.call(peer, "dist", "default_module_config", "[\"" + name + "\"]");
  std::string hash = l.str(peer, "dist", "add_module", "[" + kWasm + "," + text(config) + "]");
  std::string blueprint = l.str(peer, "dist", "make_blueprint", "[\"" + name + "\",[\"" + hash + "\"]]");
  std::string blueprintId = l.str(peer, "dist", "add_blueprint", "[" + text(Value(blueprint)) + "]");
  return l.str(peer, "srv", "create", "[\"" + blueprintId + "\"]");
}

} // namespace

TEST_CASE("sha256, hmac-sha256 and base58 match published vectors", "[air][net][local]") {
  using air::net::sha256;
  CHECK(hex(sha256("")) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  CHECK(hex(sha256("abc")) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  CHECK(hex(sha256("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq")) ==
        "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
  // Padding that fits in the last block, that needs one more, and a whole block.
  CHECK(hex(sha256(std::string(55, 'a'))) == "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
  CHECK(hex(sha256(std::string(56, 'a'))) == "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
  CHECK(hex(sha256(std::string(64, 'a'))) == "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
  CHECK(hex(sha256(std::string(1000, 'a'))) == "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3");
  // RFC 4231 cases 2 and 6 (a key longer than the block is hashed first).
  CHECK(hex(air::net::hmacSha256("Jefe", "what do ya want for nothing?")) ==
        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
  CHECK(hex(air::net::hmacSha256(std::string(131, '\xaa'), "Test Using Larger Than Block-Size Key - Hash Key First")) ==
        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54");

  CHECK(air::net::base58Encode("hello world") == "StV1DL6CwTryKyV");
  CHECK(air::net::base58Encode(std::string("\0\0\1\2", 4)) == "115T"); // leading zeros are '1's
  CHECK(air::net::base58Encode("") == "");
  CHECK(air::net::base58Decode("StV1DL6CwTryKyV") == std::optional<std::string>("hello world"));
  CHECK(air::net::base58Decode("1112") == std::optional<std::string>(std::string("\0\0\0\1", 4)));
  CHECK(air::net::base58Decode("") == std::optional<std::string>(""));
  CHECK_FALSE(air::net::base58Decode("0OIl").has_value()); // not in the alphabet
  CHECK_FALSE(air::net::base58Decode("ab\xc3\xa9").has_value());
  std::string all;
  for (int i = 0; i < 256; ++i) all += static_cast<char>(i);
  CHECK(air::net::base58Decode(air::net::base58Encode(all)) == std::optional<std::string>(all));
}

TEST_CASE("local Op: base58, sha256 multihash, and the oracle's helpers", "[air][net][local]") {
  Local l;
  CHECK(l.str("p0", "op", "string_to_b58", "[\"hello world\"]") == "StV1DL6CwTryKyV");
  CHECK(l.str("p0", "op", "string_from_b58", "[\"StV1DL6CwTryKyV\"]") == "hello world");
  CHECK(text(l.call("p0", "op", "bytes_from_b58", "[\"115T\"]")) == "[0,0,1,2]");
  CHECK(l.str("p0", "op", "bytes_to_b58", "[[0,0,1,2]]") == "115T");
  CHECK(l.str("p1", "op", "sha256_string", "[\"abc\"]") == "QmatYkNGZnELf8cAGdyJpUca2PyY4szai3RHyyWofNY1pY");
  CHECK(l.str("p1", "op", "sha256_string", "[\"abc\", [true]]") == "DYu3G8aGTMBW1WrTw76zxQJQU4DHLw9MLyy7peG4LKkY");
  Value bytes = l.call("p1", "op", "sha256_string", "[\"abc\", [], [true]]");
  REQUIRE(bytes.getAsArray());
  CHECK(bytes.getAsArray()->size() == 34); // 0x12 0x20 + digest
  CHECK(text((*bytes.getAsArray())[0]) == "18");

  CHECK(l.failure("p0", "op", "string_from_b58", "[\"0OIl\"]") == "not a base58 string");
  CHECK(l.failure("p0", "op", "string_from_b58", "[\"" + air::net::base58Encode("\xff\xfe") + "\"]") ==
        "the decoded bytes are not valid UTF-8");
  CHECK(l.failure("p0", "op", "bytes_to_b58", "[[1,256]]") ==
        "argument bs of bytes_to_b58 must hold bytes (integers 0..255)");
  CHECK(l.failure("p0", "op", "string_to_b58", "[1]") == "argument s of string_to_b58 must be a string");
  // The oracle's op functions answer the same on the local network.
  CHECK(l.str("p0", "op", "concat_strings", "[\"a\",\"b\",\"c\"]") == "abc");
  CHECK(text(l.call("p0", "op", "array_length", "[[1,2]]")) == "2");
  CHECK(text(l.call("p0", "op", "identity", "[[\"x\"]]")) == "[\"x\"]");
}

TEST_CASE("local Peer: identity, a ticking clock, the network's peers as contacts", "[air][net][local]") {
  Local l;
  Value info = l.call("p2", "peer", "identify", "[]");
  CHECK(text(*info.getAsObject()->get("external_addresses")) == "[\"/memory/2\"]");
  CHECK(info.getAsObject()->getString("node_version") == llvm::StringRef("aquac-local-network"));

  l.ctx.invocation = 3;
  CHECK(text(l.call("p0", "peer", "timestamp_ms", "[]")) == "1700000000003");
  l.ctx.invocation = 1500;
  CHECK(text(l.call("p0", "peer", "timestamp_ms", "[]")) == "1700000001500");
  CHECK(text(l.call("p0", "peer", "timestamp_sec", "[]")) == "1700000001");

  CHECK(text(l.call("p1", "peer", "is_connected", "[\"" + id("p3") + "\"]")) == "true");
  CHECK(text(l.call("p1", "peer", "is_connected", "[\"" + id("elsewhere") + "\"]")) == "false");
  CHECK(l.failure("p1", "peer", "is_connected", "[\"not a peer id\"]") == "invalid peer id 'not a peer id'");
  CHECK(text(l.call("p1", "peer", "connect", "[\"" + id("p2") + "\", [\"/memory/2\"]]")) == "true");
  CHECK(text(l.call("p1", "peer", "connect", "[\"" + id("elsewhere") + "\", []]")) == "false");
  CHECK(text(l.call("p1", "peer", "get_contact", "[\"" + id("p3") + "\"]")) ==
        "[{\"addresses\":[\"/memory/3\"],\"peer_id\":\"" + id("p3") + "\"}]");
  CHECK(text(l.call("p1", "peer", "get_contact", "[\"" + id("elsewhere") + "\"]")) == "[]");

  CHECK(l.str("p0", "peer", "timeout", "[1000, \"late\"]") == "late");
  CHECK(l.str("p0", "peer", "timeout", "[\"250\", \"late\"]") == "late");
  CHECK(text(l.call("p0", "peer", "timeout", "[5]")) == "{}");
  CHECK(l.failure("p0", "peer", "timeout", "[-1, \"x\"]") ==
        "argument duration_ms of timeout must be a non-negative integer");
}

TEST_CASE("local Kademlia: neighbours by XOR distance, merge sorts and dedups", "[air][net][local]") {
  Local l(6);
  // Orders computed independently (Python: hashlib + base58) for these peer ids.
  auto names = [&](const Value &ids) {
    std::string out;
    for (const Value &v : *ids.getAsArray())
      for (int i = 0; i < 6; ++i)
        if (v.getAsString()->str() == id("p" + std::to_string(i))) out += "p" + std::to_string(i) + " ";
    return out;
  };
  CHECK(names(l.call("p1", "kad", "neighborhood", "[\"abc\", [], []]")) == "p4 p5 p3 p2 ");
  CHECK(names(l.call("p1", "kad", "neighborhood", "[\"abc\", [true], []]")) == "p3 p2 p5 p4 ");
  CHECK(names(l.call("p1", "kad", "neighborhood", "[\"abc\", [], [2]]")) == "p4 p5 ");
  // The asking peer is never its own neighbour; the client (p0) is not a Kademlia node.
  CHECK(names(l.call("p2", "kad", "neighborhood", "[\"Cn8eVZg\"]")) == "p1 p3 p4 p5 ");
  Local alone(1);
  CHECK(text(alone.call("p0", "kad", "neighborhood", "[\"abc\"]")) == "[]");
  CHECK(l.failure("p1", "kad", "neighborhood", "[\"0\"]") == "key '0' is not base58");

  CHECK(text(l.call("p1", "kad", "merge", "[\"abc\", [\"def\", \"ghi\"], [\"abc\", \"xyz\", \"def\"]]")) ==
        "[\"abc\",\"ghi\",\"def\",\"xyz\"]");
  CHECK(text(l.call("p1", "kad", "merge", "[\"abc\", [\"def\", \"ghi\"], [\"abc\", \"xyz\"], [2]]")) ==
        "[\"abc\",\"ghi\"]");
  CHECK(l.failure("p1", "kad", "merge", "[\"abc\", [\"I\"], []]") == "item 'I' is not base58");
}

TEST_CASE("local Dist: module configs, modules and blueprints per peer", "[air][net][local]") {
  Local l;
  CHECK(text(l.call("p1", "dist", "default_module_config", "[\"m\"]")) ==
        "{\"logger_enabled\":[],\"logging_mask\":[],\"max_heap_size\":[],\"mem_pages_count\":[],\"name\":\"m\","
        "\"wasi\":[]}");
  CHECK(text(l.call("p1", "dist", "make_module_config",
                    "[\"m\", [4], [], [true], [[\"/f\"]], [[[\"K\",\"V\"]]], [], [], [3]]")) ==
        "{\"logger_enabled\":[true],\"logging_mask\":[3],\"max_heap_size\":[],\"mem_pages_count\":[4],\"name\":\"m\","
        "\"wasi\":[{\"envs\":[[[\"K\",\"V\"]]],\"mapped_dirs\":[],\"mounted_binaries\":[]}]}");

  Value config = l.call("p1", "dist", "default_module_config", "[\"m\"]");
  CHECK(l.str("p1", "dist", "add_module", "[" + kWasm + "," + text(config) + "]") == kWasmHash);
  CHECK(l.str("p1", "dist", "add_module", "[\"AGFzbQEAAAA=\"," + text(config) + "]") == kWasmHash); // base64
  CHECK(l.failure("p1", "dist", "add_module", "[[1,2,3,4]," + text(config) + "]") ==
        "the module bytes are not a wasm module (they do not start with \\0asm)");
  CHECK(l.failure("p1", "dist", "add_module", "[" + kWasm + ", {}]") ==
        "the module config must be a ModuleConfig with a name");
  CHECK(text(l.call("p1", "dist", "list_modules", "[]")) ==
        "[{\"config\":" + text(config) + ",\"hash\":\"" + kWasmHash + "\",\"name\":\"m\"}]");
  CHECK(text(l.call("p2", "dist", "list_modules", "[]")) == "[]"); // every peer has its own

  std::string blueprint = l.str("p1", "dist", "make_blueprint", "[\"bp\", [\"" + kWasmHash + "\"]]");
  CHECK(blueprint == "{\"dependencies\":[\"" + kWasmHash + "\"],\"name\":\"bp\"}");
  std::string blueprintId = l.str("p1", "dist", "add_blueprint", "[" + text(Value(blueprint)) + "]");
  CHECK(blueprintId == air::net::toHex(air::net::digestBytes(air::net::sha256(blueprint))));
  CHECK(l.str("p1", "dist", "add_blueprint", "[" + text(Value(blueprint)) + "]") == blueprintId); // deterministic
  CHECK(text(l.call("p1", "dist", "list_blueprints", "[]")) ==
        "[{\"dependencies\":[\"" + kWasmHash + "\"],\"id\":\"" + blueprintId + "\",\"name\":\"bp\"}]");
  CHECK(text(l.call("p1", "dist", "get_blueprint", "[\"" + blueprintId + "\"]")) ==
        "{\"dependencies\":[\"" + kWasmHash + "\"],\"id\":\"" + blueprintId + "\",\"name\":\"bp\"}");
  CHECK(l.failure("p2", "dist", "add_blueprint", "[" + text(Value(blueprint)) + "]") ==
        "blueprint 'bp' depends on module '" + kWasmHash + "', which is not on p2 (add it with Dist.add_module)");
  CHECK(l.failure("p1", "dist", "add_blueprint", "[\"bp\"]").rfind("the blueprint is not JSON text", 0) == 0);
  CHECK(l.failure("p1", "dist", "get_blueprint", "[\"nope\"]") == "no blueprint with id 'nope' on p1");

  // Through the vault: a module's bytes and a blueprint's text.
  std::string wasmPath = l.str("p1", "vault", "put", "[\"\\u0000asm\\u0001\\u0000\\u0000\\u0000\"]");
  CHECK(l.str("p1", "dist", "add_module_from_vault", "[\"" + wasmPath + "\"," + text(config) + "]") == kWasmHash);
  CHECK(l.str("p1", "dist", "add_module_bytes_from_vault", "[\"named\", \"" + wasmPath + "\"]") == kWasmHash);
  std::string blueprintPath = l.str("p1", "vault", "put", "[" + text(Value(blueprint)) + "]");
  CHECK(l.str("p1", "dist", "load_blueprint", "[\"" + blueprintPath + "\"]") == blueprint);

  CHECK(l.failure("p1", "dist", "get_module_interface", "[\"nope\"]") == "no module with hash 'nope' on p1");
  CHECK(l.unavailable("p1", "dist", "get_module_interface", "[\"" + kWasmHash + "\"]") ==
        "Dist.get_module_interface is not available on the local network (it needs a real Fluence node to read the "
        "module's interface types); provide it with --services or --service (service id \"dist\")");
}

TEST_CASE("local Srv: create, aliases, info, list, remove", "[air][net][local]") {
  Local l;
  CHECK(l.failure("p1", "srv", "create", "[\"nope\"]") ==
        "no blueprint with id 'nope' on p1 (add it with Dist.add_blueprint)");
  std::string a = deploy(l, "p1", "alpha");
  std::string b = deploy(l, "p1", "beta");
  CHECK(a.size() == 36);
  CHECK(a[14] == '4'); // UUID v4 shape
  CHECK(a != b);
  CHECK(deploy(*std::make_unique<Local>(), "p1", "alpha") == a); // deterministic across runs

  l.call("p1", "srv", "add_alias", "[\"greeter\", \"" + a + "\"]");
  CHECK(l.str("p1", "srv", "resolve_alias", "[\"greeter\"]") == a);
  CHECK(text(l.call("p1", "srv", "resolve_alias_opt", "[\"greeter\"]")) == "[\"" + a + "\"]");
  CHECK(text(l.call("p1", "srv", "resolve_alias_opt", "[\"nobody\"]")) == "[]");
  CHECK(l.failure("p1", "srv", "resolve_alias", "[\"nobody\"]") == "no service with alias 'nobody' on p1");
  CHECK(l.failure("p2", "srv", "resolve_alias", "[\"greeter\"]") == "no service with alias 'greeter' on p2");
  CHECK(l.failure("p1", "srv", "add_alias", "[\"op\", \"" + a + "\"]") ==
        "cannot add alias 'op': a builtin service has this name");

  Value info = l.call("p1", "srv", "info", "[\"greeter\"]");
  CHECK(text(info) == "{\"aliases\":[\"greeter\"],\"blueprint_id\":" +
                          text(*l.call("p1", "srv", "info", "[\"" + a + "\"]").getAsObject()->get("blueprint_id")) +
                          ",\"id\":\"" + a + "\",\"owner_id\":\"" + id("p0") +
                          "\",\"service_type\":\"service\",\"worker_id\":\"" + id("p1") + "\"}");
  // An alias moves to the service it is given to last.
  l.call("p1", "srv", "add_alias", "[\"greeter\", \"" + b + "\"]");
  CHECK(l.str("p1", "srv", "resolve_alias", "[\"greeter\"]") == b);
  CHECK(text(*l.call("p1", "srv", "info", "[\"" + a + "\"]").getAsObject()->get("aliases")) == "[]");
  CHECK(l.network->aliasesOf("p1", b) == std::vector<std::string>{"greeter"});

  CHECK(l.call("p1", "srv", "list", "[]").getAsArray()->size() == 2);
  CHECK(l.unavailable("p1", "srv", "get_interface", "[\"" + a + "\"]").rfind("Srv.get_interface is not available", 0) ==
        0);
  CHECK(l.failure("p1", "srv", "get_interface", "[\"nope\"]") == "no service with id or alias 'nope' on p1");
  // A created service is registered, but its wasm does not run.
  CHECK(l.unavailable("p1", "greeter", "hello", "[\"x\"]") ==
        "service 'greeter' (created on p1 by Srv.create from blueprint 'beta') cannot run on the local network: its "
        "wasm modules need a real Fluence node; provide its functions with --services (\"greeter.hello\") or "
        "--service greeter=COMMAND");
  CHECK_FALSE(air::net::callBuiltin(l.ctx, l.make("p2", "greeter", "hello", "[]")).has_value()); // not on p2

  l.call("p1", "srv", "remove", "[\"greeter\"]");
  CHECK(l.failure("p1", "srv", "info", "[\"" + b + "\"]") == "no service with id or alias '" + b + "' on p1");
  l.call("p1", "srv", "remove", "[\"" + a + "\"]");
  CHECK(text(l.call("p1", "srv", "list", "[]")) == "[]");
  CHECK(l.failure("p1", "srv", "remove", "[\"" + a + "\"]") == "no service with id or alias '" + a + "' on p1");
}

TEST_CASE("local Script: a registry of scripts that never run", "[air][net][local]") {
  Local l;
  std::string s1 = l.str("p1", "script", "add", "[\"(null)\", []]");
  std::string s2 = l.str("p1", "script", "add", "[\"(seq (null) (null))\", [\"60\"]]");
  std::string path = l.str("p1", "vault", "put", "[\"(never)\"]");
  std::string s3 = l.str("p1", "script", "add_from_vault", "[\"" + path + "\", [5]]");
  CHECK(text(l.call("p1", "script", "list", "[]")) ==
        "[{\"failures\":0,\"id\":\"" + s1 + "\",\"interval\":\"\",\"owner\":\"" + id("p0") +
            "\",\"src\":\"(null)\"},"
            "{\"failures\":0,\"id\":\"" +
            s2 + "\",\"interval\":\"60\",\"owner\":\"" + id("p0") +
            "\",\"src\":\"(seq (null) (null))\"},"
            "{\"failures\":0,\"id\":\"" +
            s3 + "\",\"interval\":\"5\",\"owner\":\"" + id("p0") + "\",\"src\":\"(never)\"}]");
  CHECK(text(l.call("p1", "script", "remove", "[\"" + s1 + "\"]")) == "true");
  CHECK(text(l.call("p1", "script", "remove", "[\"" + s1 + "\"]")) == "false");
  CHECK(l.call("p1", "script", "list", "[]").getAsArray()->size() == 2);
  CHECK(text(l.call("p2", "script", "list", "[]")) == "[]");
}

TEST_CASE("local Sig: a simulated key per peer", "[air][net][local]") {
  Local l;
  Value signed1 = l.call("p1", "sig", "sign", "[[1,2,3]]");
  const llvm::json::Object &result = *signed1.getAsObject();
  CHECK(result.getBoolean("success") == llvm::Optional<bool>(true));
  CHECK(text(*result.get("error")) == "[]");
  const Value &signature = (*result.getArray("signature"))[0];
  CHECK(signature.getAsArray()->size() == 64);
  CHECK(text(l.call("p1", "sig", "sign", "[[1,2,3]]")) == text(signed1)); // deterministic
  CHECK(text(l.call("p1", "sig", "verify", "[" + text(signature) + ", [1,2,3]]")) == "true");
  CHECK(text(l.call("p1", "sig", "verify", "[" + text(signature) + ", [1,2,4]]")) == "false");
  CHECK(text(l.call("p2", "sig", "verify", "[" + text(signature) + ", [1,2,3]]")) == "false"); // another key
  CHECK(l.str("p2", "sig", "get_peer_id", "[]") == id("p2"));
  CHECK(text(l.call("p1", "sig", "sign", "[\"text\"]")) ==
        "{\"error\":[\"argument data of sign must be an array of bytes\"],\"signature\":[],\"success\":false}");
}

TEST_CASE("local Vault: files of this particle on this peer", "[air][net][local]") {
  Local l;
  std::string path = l.str("p1", "vault", "put", "[\"some text\"]");
  CHECK(path.rfind("/tmp/vault/particle-1/", 0) == 0);
  CHECK(l.str("p1", "vault", "cat", "[\"" + path + "\"]") == "some text");
  CHECK(l.str("p1", "vault", "put", "[\"other\"]") != path);
  CHECK(l.failure("p2", "vault", "cat", "[\"" + path + "\"]") == "Error reading vault file `" + path + "`");
  l.ctx.particleId = "particle-2";
  CHECK(l.failure("p1", "vault", "cat", "[\"" + path + "\"]") == "Error reading vault file `" + path + "`");
}

TEST_CASE("local Json and Array extras of a node", "[air][net][local]") {
  Local l;
  CHECK(text(l.call("p0", "json", "obj_pairs", "[[[\"a\",1],[\"b\",[2]]]]")) == "{\"a\":1,\"b\":[2]}");
  CHECK(text(l.call("p0", "json", "puts_pairs", "[{\"a\":1},[[\"a\",2],[\"c\",3]]]")) == "{\"a\":2,\"c\":3}");
  CHECK(l.failure("p0", "json", "obj_pairs", "[[[\"a\"]]]") ==
        "argument pairs of obj_pairs must be an array of [key, value] pairs");
  CHECK(text(l.call("p0", "array", "slice", "[[1,2,3,4],1,3]")) == "[2,3]");
  CHECK(l.failure("p0", "array", "slice", "[[1,2],1,3]") ==
        "slice indexes out of bounds: start 1, end 3, array length 2");
  CHECK(text(l.call("p0", "array", "length", "[[1,2,3]]")) == "3");
  // The oracle's json and math still answer on the local network.
  CHECK(text(l.call("p0", "json", "obj", "[\"k\",1]")) == "{\"k\":1}");
  CHECK(text(l.call("p0", "math", "add", "[2,3]")) == "5");
}

TEST_CASE("services a local network cannot have fail with a clear message", "[air][net][local]") {
  Local l;
  CHECK(l.unavailable("p1", "stat", "service_stat", "[\"x\"]") ==
        "Stat.service_stat is not available on the local network (it needs a real Fluence node); provide it with "
        "--services or --service (service id \"stat\")");
  CHECK(l.unavailable("p1", "stat", "service_memory", "[\"x\"]").rfind("Stat.service_memory is not available", 0) == 0);
  for (const char *fn : {"create", "get_worker_id", "remove", "list", "activate", "deactivate", "is_active"})
    CHECK(l.unavailable("p1", "worker", fn, "[]").rfind(std::string("Worker.") + fn + " is not available", 0) == 0);
  CHECK(l.unavailable("p1", "subnet", "resolve", "[\"deal\"]").rfind("Subnet.resolve is not available", 0) == 0);
  // Unknown functions and services are still "No service found" (nullopt).
  CHECK_FALSE(air::net::callBuiltin(l.ctx, l.make("p1", "srv", "nosuch", "[]")).has_value());
  CHECK_FALSE(air::net::callBuiltin(l.ctx, l.make("p1", "nosuch", "fn", "[]")).has_value());
}

namespace {

// A VM whose first invocation issues `requests` and whose second records the results.
class RequestingVm final : public air::net::PeerVm {
public:
  RequestingVm(std::map<uint32_t, air::CallRequest> requests, std::shared_ptr<air::CallResults> seen)
      : requests_(std::move(requests)), seen_(std::move(seen)) {}
  air::Outcome invoke(std::string_view, std::string_view, std::string_view, const air::RunParams &,
                      const air::CallResults &results) override {
    air::Outcome o;
    if (count_++ == 0)
      o.callRequests = requests_;
    else
      *seen_ = results;
    return o;
  }

private:
  std::map<uint32_t, air::CallRequest> requests_;
  std::shared_ptr<air::CallResults> seen_;
  size_t count_ = 0;
};

air::CallRequest request(const std::string &service, const std::string &fn, const std::string &args) {
  air::CallRequest r;
  r.serviceId = service;
  r.functionName = fn;
  r.argumentsJson = args;
  return r;
}

air::CallResults answers(air::net::Scenario scenario, std::map<uint32_t, air::CallRequest> requests,
                         const std::function<void(Network &)> &setup = {}) {
  auto seen = std::make_shared<air::CallResults>();
  Network net(std::move(scenario), [&] { return std::make_unique<RequestingVm>(requests, seen); });
  if (setup) setup(net);
  net.run("(null)");
  return *seen;
}

air::net::Scenario scenario(bool localNode) {
  air::net::Scenario s;
  s.peers = {"p0", "p1"};
  s.localNode = localNode;
  return s;
}

} // namespace

TEST_CASE("scenario mode answers only what the oracle (run.mjs) answers", "[air][net][local]") {
  std::map<uint32_t, air::CallRequest> calls = {
      {1, request("op", "string_to_b58", "[\"a\"]")},
      {2, request("srv", "list", "[]")},
      {3, request("kad", "neighborhood", "[\"abc\"]")},
      {4, request("stat", "service_stat", "[\"x\"]")},
      {5, request("peer", "is_connected", "[\"no-peer\"]")},
      {6, request("peer", "identify", "[]")},
      {7, request("sig", "get_peer_id", "[]")},
      {8, request("vault", "put", "[\"x\"]")},
  };
  air::CallResults oracle = answers(scenario(false), calls);
  CHECK(oracle[1].retCode == 1);
  CHECK(oracle[1].resultJson ==
        "\"No service found for service call: serviceId='op', fnName='string_to_b58' args='[\\\"a\\\"]'\"");
  CHECK(oracle[2].resultJson == "\"No service found for service call: serviceId='srv', fnName='list' args='[]'\"");
  CHECK(oracle[3].resultJson.find("No service found for service call: serviceId='kad'") == 1);
  CHECK(oracle[4].resultJson.find("No service found for service call: serviceId='stat'") == 1);
  CHECK(oracle[5].resultJson == "true"); // the oracle's peer is connected to anything
  CHECK(oracle[6].resultJson.find("\"node_version\":\"oracle\"") != std::string::npos);
  CHECK(oracle[7].resultJson.find("No service found for service call: serviceId='sig'") == 1);
  CHECK(oracle[8].resultJson.find("No service found for service call: serviceId='vault'") == 1);

  air::CallResults local = answers(scenario(true), calls);
  CHECK(local[1].resultJson == "\"2g\"");
  CHECK(local[2].resultJson == "[]");
  CHECK(local[4].retCode == 1);
  // Not wrapped in "Service call failed": the message is the whole error.
  CHECK(local[4].resultJson ==
        "\"Stat.service_stat is not available on the local network (it needs a real Fluence node); provide it with "
        "--services or --service (service id \\\"stat\\\")\"");
  CHECK(local[5].retCode == 1); // "no-peer" is no peer id
  CHECK(local[6].resultJson.find("\"node_version\":\"aquac-local-network\"") != std::string::npos);
  CHECK(local[7].resultJson == "\"" + id("p0") + "\"");
}

TEST_CASE("on the local network --services and --service answer a created service by its alias", "[air][net][local]") {
  // Deploy on p0 in one particle, then call the service by id in the next.
  air::net::Scenario s = scenario(true);
  s.services.emplace_back("greeter.hello",
                          air::net::ServiceSpec{air::net::ServiceSpec::Kind::Result, Value("hi"), 0, {}});
  auto seen = std::make_shared<air::CallResults>();
  std::map<uint32_t, air::CallRequest> step;
  std::string serviceA, serviceB;
  Network net(s, [&] {
    struct Vm final : air::net::PeerVm {
      std::function<air::Outcome(const air::CallResults &)> f;
      air::Outcome invoke(std::string_view, std::string_view, std::string_view, const air::RunParams &,
                          const air::CallResults &r) override {
        return f(r);
      }
    };
    auto vm = std::make_unique<Vm>();
    vm->f = [&, first = true](const air::CallResults &r) mutable {
      air::Outcome o;
      if (first)
        o.callRequests = step;
      else
        *seen = r;
      first = !first;
      return o;
    };
    return vm;
  });
  auto run = [&](std::map<uint32_t, air::CallRequest> requests) {
    step = std::move(requests);
    net.run("(null)");
    return *seen;
  };
  air::CallResults r = run({{1, request("dist", "add_module", "[" + kWasm + ",{\"name\":\"m\"}]")}});
  REQUIRE(r[1].retCode == 0);
  r = run({{1, request("dist", "add_blueprint",
                       "[\"{\\\"name\\\":\\\"g\\\",\\\"dependencies\\\":[\\\"" + kWasmHash + "\\\"]}\"]")}});
  REQUIRE(r[1].retCode == 0);
  std::string blueprintId = json(r[1].resultJson).getAsString()->str();
  r = run({{1, request("srv", "create", "[\"" + blueprintId + "\"]")},
           {2, request("srv", "create", "[\"" + blueprintId + "\"]")}});
  serviceA = json(r[1].resultJson).getAsString()->str();
  serviceB = json(r[2].resultJson).getAsString()->str();
  r = run({{1, request("srv", "add_alias", "[\"greeter\", \"" + serviceA + "\"]")}});
  REQUIRE(r[1].retCode == 0);
  net.addHandler([](const air::net::ServiceCall &call) -> std::optional<air::net::ServiceReply> {
    if (call.service != "native") return std::nullopt;
    return air::net::ServiceReply{0, Value("native " + call.function)};
  });
  r = run({{1, request(serviceA, "hello", "[]")}, {2, request(serviceB, "hello", "[]")}});
  CHECK(r[1].resultJson == "\"hi\""); // the scripted greeter.hello, found through the alias
  CHECK(r[2].retCode == 1);
  CHECK(r[2].resultJson.find("cannot run on the local network") != std::string::npos);
  r = run(
      {{1, request("srv", "add_alias", "[\"native\", \"" + serviceB + "\"]")}, {2, request(serviceB, "ping", "[]")}});
  CHECK(r[2].resultJson == "\"native ping\""); // a native handler, found through the alias
}
