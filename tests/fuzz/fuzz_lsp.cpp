// Fuzz target: the language server's message handling. The input becomes the client's side of a
// whole session, read by aqua::lsp::Server from a memfd (answers go to another memfd), with
// ServerOptions{debounceMs = 0} so nothing waits. Built with GCC (ANTLR runtime): by the
// standalone driver, or by afl-g++ (tests/fuzz/run-fuzz.sh -e afl lsp).
//
// Input: byte 0 holds flags, the rest is split into parts at "\n%%%%\n" (fuzz_split.h).
//   flags & 3 == 0: raw mode. The rest is the client's byte stream as is (framing, JSON-RPC),
//     with "${ROOT}" replaced by the workspace's URI (seeds: tests/lsp/transcripts, framed).
//   otherwise, structured mode: a valid session is built around the bytes.
//     flags bit 2: the client offers UTF-8 positions; bit 3: snippets and hierarchical symbols;
//     bit 4: dynamic registration of file watching; bit 5: end with shutdown + exit (else EOF);
//     bit 6: initializationOptions.importDirs ["libs"]; bit 7: a request before initialize, a
//     second initialize and requests before `initialized`.
//     Part 0 is the text of main.aqua (didOpen), followed by every request kind at positions
//     derived from the text. Every later part is 5 header bytes OP LINE CHAR M1 M2 and a text:
//     OP picks an event (full, incremental or double change, open/close, save, configuration,
//     workspace folders, an untitled buffer, another workspace file, an odd request, or the text
//     as a raw frame body or raw bytes), then the requests whose bit is set in M1:M2 are sent
//     at (LINE, CHAR) (0xff: a huge value; 0xfe: -1) within the text the harness last sent.
//
// Beyond "no crash, no sanitizer report, no hang": the server's output is well-formed frames of
// JSON objects; no request is answered with an internal error and no diagnostic is E0004 (an
// exception inside the front end); and in sessions without raw bytes every request is answered
// exactly once, main.aqua gets diagnostics published, and the exit code follows shutdown/exit.
#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include <sys/mman.h>
#include <unistd.h>

#include "compiler/lsp/server.h"
#include "fuzz_split.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/raw_ostream.h"

#ifndef AQUA_LSP_FUZZ_WORKSPACE
#define AQUA_LSP_FUZZ_WORKSPACE ""
#endif

namespace {

namespace fs = std::filesystem;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

[[noreturn]] void finding(const char *what, std::string_view detail = {}) {
  std::fprintf(stderr, "fuzz_lsp: %s%s%.*s\n", what, detail.empty() ? "" : ": ",
               static_cast<int>(std::min<size_t>(detail.size(), 2000)), detail.data());
  __builtin_trap();
}

// The workspace folder: a copy of tests/lsp/workspace (main.aqua, lib.aqua, libs/shared.aqua,
// uses_shared.aqua), so transcript seeds find the files they name.
struct Workspace {
  fs::path dir;
  std::string uri;
};

const Workspace &workspace() {
  static const Workspace ws = [] {
    fs::path base = fs::exists("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
    Workspace w;
    w.dir = base / ("aqua-fuzz-lsp-" + std::to_string(::getpid()));
    std::error_code ec;
    fs::create_directories(w.dir / "libs", ec);
    if (std::string_view(AQUA_LSP_FUZZ_WORKSPACE).size() && fs::exists(AQUA_LSP_FUZZ_WORKSPACE))
      fs::copy(AQUA_LSP_FUZZ_WORKSPACE, w.dir, fs::copy_options::recursive | fs::copy_options::overwrite_existing, ec);
    w.dir = fs::weakly_canonical(w.dir, ec);
    w.uri = aqua::lsp::uriFromPath(w.dir.string());
    return w;
  }();
  // AFL forks a process per input: leave no folder behind. Registered after `ws` is constructed,
  // so it runs before `ws` is destroyed.
  static const bool cleanup = (std::atexit([] { std::error_code ec; fs::remove_all(workspace().dir, ec); }), true);
  (void)cleanup;
  return ws;
}

std::string validUtf8(std::string_view s) {
  if (llvm::json::isUTF8(llvm::StringRef(s.data(), s.size()))) return std::string(s);
  return llvm::json::fixUTF8(llvm::StringRef(s.data(), s.size()));
}

// At most `n` bytes of valid UTF-8 text, cut at a character boundary.
std::string prefix(const std::string &text, size_t n) {
  if (text.size() <= n) return text;
  while (n > 0 && (static_cast<unsigned char>(text[n]) & 0xC0) == 0x80) --n;
  return text.substr(0, n);
}

std::string serialize(const Value &v) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << v;
  os.flush();
  return s;
}

uint64_t fnv(std::string_view s, uint64_t salt) {
  uint64_t h = 1469598103934665603ull ^ salt;
  for (unsigned char c : s) h = (h ^ c) * 1099511628211ull;
  return h;
}

// The client: builds the byte stream and remembers what it expects back.
class Client {
public:
  std::string stream;
  std::set<std::string> expected; // ids of requests that need exactly one answer
  bool raw = false;               // raw bytes went out: no protocol expectations
  bool shutdownSent = false, exitSent = false;
  std::string mainUri, libUri, untitledUri = "untitled:Untitled-1";
  std::string mainText;            // the last full text of main.aqua the client sent
  int64_t version = 1;

  void frame(std::string_view body) {
    stream += "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n";
    stream += body;
  }
  void send(Object message) {
    message["jsonrpc"] = "2.0";
    frame(serialize(Value(std::move(message))));
  }
  void notify(std::string method, Value params) {
    send(Object{{"method", std::move(method)}, {"params", std::move(params)}});
  }
  void request(std::string method, Value params, bool expectAnswer = true) {
    int64_t n = nextId_++;
    // Mostly numbers; every fifth id is a string.
    Value id = n % 5 == 0 ? Value("s" + std::to_string(n)) : Value(n);
    if (expectAnswer) expected.insert(aqua::lsp::idKey(id));
    send(Object{{"id", std::move(id)}, {"method", std::move(method)}, {"params", std::move(params)}});
  }
  int64_t peekId() const { return nextId_; }

private:
  int64_t nextId_ = 1;
};

// (line, character) for header bytes, within `text` when they are in range.
Value position(std::string_view text, uint8_t lineByte, uint8_t charByte) {
  int64_t line, character;
  std::vector<size_t> starts{0};
  for (size_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') starts.push_back(i + 1);
  if (lineByte == 0xff) line = int64_t(1) << 31;
  else if (lineByte == 0xfe) line = -1;
  else line = lineByte % (starts.size() + 1);
  if (charByte == 0xff) {
    character = int64_t(1) << 31;
  } else if (charByte == 0xfe) {
    character = -1;
  } else {
    size_t len = 0;
    if (line >= 0 && static_cast<size_t>(line) < starts.size()) {
      size_t end = text.find('\n', starts[line]);
      len = (end == std::string_view::npos ? text.size() : end) - starts[line];
    }
    character = charByte % (len + 3);
  }
  return Object{{"line", line}, {"character", character}};
}

Value textDocument(const std::string &uri) { return Object{{"uri", uri}}; }

constexpr int kRequestKinds = 16;

// Sends request kind `kind` about `uri` at `pos` (range: pos .. end).
void sendRequest(Client &c, int kind, const std::string &uri, const Value &pos, const Value &end, uint8_t pick) {
  auto at = [&] { return Object{{"textDocument", textDocument(uri)}, {"position", pos}}; };
  Value range = Object{{"start", pos}, {"end", end}};
  static const char *const kNames[] = {"x", "renamed", "", "1bad", "a b", "\xc3\xa4\xe2\x82\xac", "func", "_"};
  switch (kind) {
  case 0: c.request("textDocument/hover", at()); break;
  case 1: c.request(pick & 1 ? "textDocument/declaration" : "textDocument/definition", at()); break;
  case 2: {
    Object p = at();
    p["context"] = Object{{"includeDeclaration", (pick & 1) != 0}};
    c.request("textDocument/references", std::move(p));
    break;
  }
  case 3: c.request("textDocument/documentHighlight", at()); break;
  case 4: c.request("textDocument/prepareRename", at()); break;
  case 5: {
    Object p = at();
    p["newName"] = kNames[pick % 8];
    c.request("textDocument/rename", std::move(p));
    break;
  }
  case 6: {
    Object p = at();
    static const char *const kTriggers[] = {".", "\"", "/", "$", "(", "x"};
    if (pick & 1) p["context"] = Object{{"triggerKind", 2}, {"triggerCharacter", kTriggers[(pick >> 1) % 6]}};
    else p["context"] = Object{{"triggerKind", 1}};
    c.request("textDocument/completion", std::move(p));
    break;
  }
  case 7: c.request("textDocument/signatureHelp", at()); break;
  case 8:
    if (pick & 1) c.request("workspace/symbol", Object{{"query", kNames[(pick >> 1) % 8]}});
    else c.request("textDocument/documentSymbol", Object{{"textDocument", textDocument(uri)}});
    break;
  case 9: c.request("textDocument/semanticTokens/full", Object{{"textDocument", textDocument(uri)}}); break;
  case 10:
    c.request("textDocument/semanticTokens/range", Object{{"textDocument", textDocument(uri)}, {"range", range}});
    break;
  case 11: c.request("textDocument/foldingRange", Object{{"textDocument", textDocument(uri)}}); break;
  case 12: c.request("textDocument/inlayHint", Object{{"textDocument", textDocument(uri)}, {"range", range}}); break;
  case 13: {
    // A quick fix is asked for the range, with a diagnostic the client claims is there.
    Array diags;
    if (pick & 1)
      diags.push_back(Object{{"range", range}, {"severity", 1}, {"code", pick & 2 ? "E0101" : "W0001"},
                             {"source", "aquac"}, {"message", "m"}});
    c.request("textDocument/codeAction", Object{{"textDocument", textDocument(uri)}, {"range", range},
                                                {"context", Object{{"diagnostics", std::move(diags)}}}});
    break;
  }
  case 14:
    c.request("textDocument/formatting",
              Object{{"textDocument", textDocument(uri)},
                     {"options", Object{{"tabSize", int64_t(pick % 9)}, {"insertSpaces", (pick & 16) == 0}}}});
    break;
  default:
    c.request("textDocument/rangeFormatting",
              Object{{"textDocument", textDocument(uri)}, {"range", range},
                     {"options", Object{{"tabSize", 4}, {"insertSpaces", true}}}});
    break;
  }
}

void initialize(Client &c, uint8_t flags) {
  const Workspace &ws = workspace();
  Object capabilities;
  if (flags & 4) capabilities["general"] = Object{{"positionEncodings", Array{"utf-8", "utf-16"}}};
  if (flags & 8)
    capabilities["textDocument"] =
        Object{{"completion", Object{{"completionItem", Object{{"snippetSupport", true}}}}},
               {"documentSymbol", Object{{"hierarchicalDocumentSymbolSupport", true}}}};
  if (flags & 16)
    capabilities["workspace"] = Object{{"didChangeWatchedFiles", Object{{"dynamicRegistration", true}}}};
  Object params{{"processId", nullptr}, {"rootUri", ws.uri}, {"capabilities", std::move(capabilities)}};
  if (flags & 64) params["initializationOptions"] = Object{{"importDirs", Array{"libs"}}};
  if (flags & 128) {
    // Out of order: a request before initialize (ServerNotInitialized), a notification that is
    // dropped, then initialize twice.
    c.request("textDocument/hover", Object{{"textDocument", textDocument(c.mainUri)},
                                           {"position", Object{{"line", 0}, {"character", 0}}}});
    c.notify("textDocument/didOpen", Object{{"textDocument", Object{{"uri", c.mainUri}, {"languageId", "aqua"},
                                                                    {"version", 0}, {"text", "func"}}}});
  }
  c.request("initialize", Value(Object(params)));
  if (flags & 128) {
    c.request("initialize", Value(std::move(params)));
    c.request("textDocument/documentSymbol", Object{{"textDocument", textDocument(c.mainUri)}});
  }
  c.notify("initialized", Object{});
}

void didOpen(Client &c, const std::string &uri, std::string_view text, int64_t version) {
  c.notify("textDocument/didOpen", Object{{"textDocument", Object{{"uri", uri}, {"languageId", "aqua"},
                                                                  {"version", version}, {"text", validUtf8(text)}}}});
}

void buildStructured(Client &c, uint8_t flags, const std::vector<std::string_view> &parts) {
  initialize(c, flags);
  std::string first = validUtf8(parts[0]);
  didOpen(c, c.mainUri, first, c.version);
  c.mainText = first;
  // Every request kind once, at positions spread by a hash of the text.
  for (int kind = 0; kind < kRequestKinds; ++kind) {
    uint64_t h = fnv(first, static_cast<uint64_t>(kind));
    uint8_t l = static_cast<uint8_t>(h % 0xfd), ch = static_cast<uint8_t>((h >> 8) % 0xfd);
    sendRequest(c, kind, c.mainUri, position(first, l, ch), position(first, l + (h >> 16) % 4, ch),
                static_cast<uint8_t>(h >> 24));
  }

  for (size_t i = 1; i < parts.size() && i < 48; ++i) {
    std::string_view part = parts[i];
    uint8_t h[5] = {0, 0, 0, 0xff, 0xff};
    for (size_t k = 0; k < 5 && k < part.size(); ++k) h[k] = static_cast<uint8_t>(part[k]);
    std::string_view rawText = part.size() > 5 ? part.substr(5) : std::string_view{};
    std::string text = validUtf8(rawText);
    std::string target = c.mainUri;
    std::string &known = c.mainText;
    Value pos = position(known, h[1], h[2]);
    Value end = position(known, h[1] == 0xff || h[1] == 0xfe ? h[1] : static_cast<uint8_t>(h[1] + (h[3] & 3)),
                         h[2] ^ h[4]);
    switch (h[0] % 12) {
    case 0: // full change
      c.notify("textDocument/didChange",
               Object{{"textDocument", Object{{"uri", c.mainUri}, {"version", ++c.version}}},
                      {"contentChanges", Array{Object{{"text", text}}}}});
      known = text;
      break;
    case 1: // incremental change
      c.notify("textDocument/didChange",
               Object{{"textDocument", Object{{"uri", c.mainUri}, {"version", ++c.version}}},
                      {"contentChanges", Array{Object{{"range", Object{{"start", pos}, {"end", end}}}, {"text", text}}}}});
      break;
    case 2: // two changes in one notification: an insertion, then a deletion
      c.notify("textDocument/didChange",
               Object{{"textDocument", Object{{"uri", c.mainUri}, {"version", ++c.version}}},
                      {"contentChanges", Array{Object{{"range", Object{{"start", pos}, {"end", pos}}}, {"text", text}},
                                               Object{{"range", Object{{"start", end}, {"end", pos}}}, {"text", ""}}}}});
      break;
    case 3: // another workspace file (on disk too): opened or changed
      if (h[3] & 0x80)
        c.notify("textDocument/didChange", Object{{"textDocument", Object{{"uri", c.libUri}, {"version", ++c.version}}},
                                                  {"contentChanges", Array{Object{{"text", text}}}}});
      else
        didOpen(c, c.libUri, text, c.version);
      target = c.libUri;
      pos = position(text, h[1], h[2]);
      end = position(text, h[1], h[2] ^ h[4]);
      break;
    case 4: // close and reopen (or open again without closing)
      if (h[3] & 0x80)
        c.notify("textDocument/didClose", Object{{"textDocument", textDocument(c.mainUri)}});
      didOpen(c, c.mainUri, text, h[4] & 1 ? 0 : ++c.version);
      known = text;
      break;
    case 5: // save, files changed on disk
      c.notify("textDocument/didSave", Object{{"textDocument", textDocument(h[3] & 1 ? c.libUri : c.mainUri)}});
      c.notify("workspace/didChangeWatchedFiles",
               Object{{"changes", Array{Object{{"uri", c.libUri}, {"type", int64_t(1 + h[4] % 3)}}}}});
      break;
    case 6: { // settings: import directories named by the text (inside the workspace)
      std::string dir = prefix(text, 64);
      Array dirs{dir, "libs"};
      if (h[3] & 1) dirs.push_back(workspace().dir.string());
      c.notify("workspace/didChangeConfiguration", Object{{"settings", Object{{"aqua", Object{{"importDirs", std::move(dirs)}}}}}});
      break;
    }
    case 7: { // workspace folders: a subfolder added or removed
      std::string sub = prefix(text, 32);
      for (char &ch : sub)
        if (ch == '/' || ch == '.' || ch == '\\') ch = '_';
      Value folder = Object{{"uri", aqua::lsp::uriFromPath((workspace().dir / (sub.empty() ? "libs" : sub)).string())},
                            {"name", "f"}};
      Object event{{"added", Array{}}, {"removed", Array{}}};
      (*event.getArray(h[3] & 1 ? "removed" : "added")).push_back(std::move(folder));
      c.notify("workspace/didChangeWorkspaceFolders", Object{{"event", std::move(event)}});
      break;
    }
    case 8: // the text as a message body (framed: JSON-RPC and JSON parsing)
      c.frame(rawText);
      c.raw = true;
      break;
    case 9: // the text as raw bytes: framing
      c.stream += rawText;
      c.raw = true;
      break;
    case 10: // an untitled buffer (no file path)
      didOpen(c, c.untitledUri, text, 1);
      target = c.untitledUri;
      pos = position(text, h[1], h[2]);
      end = position(text, h[1], h[2] ^ h[4]);
      break;
    default: { // odd requests: unknown method, cancellation, params of the wrong shape
      c.notify("$/cancelRequest", Object{{"id", c.peekId() + (h[3] & 1)}});
      c.request(h[3] & 2 ? "textDocument/hover" : "aqua/" + prefix(text, 16), Value(prefix(text, 64)));
      c.request("textDocument/completion", Object{{"textDocument", prefix(text, 64)}, {"position", pos}});
      c.notify("$/setTrace", Object{{"value", "verbose"}});
      break;
    }
    }
    unsigned mask = static_cast<unsigned>(h[3]) << 8 | h[4];
    for (int kind = 0; kind < kRequestKinds; ++kind)
      if (mask & (1u << kind)) sendRequest(c, kind, target, pos, end, static_cast<uint8_t>(h[1] ^ h[2] ^ kind));
  }
  if (flags & 32) {
    c.request("shutdown", nullptr);
    c.shutdownSent = true;
    c.request("textDocument/hover", Object{{"textDocument", textDocument(c.mainUri)},
                                           {"position", Object{{"line", 0}, {"character", 0}}}});
    c.notify("exit", nullptr);
    c.exitSent = true;
  }
}

struct MemFd {
  int fd;
  explicit MemFd(const char *name) : fd(::memfd_create(name, MFD_CLOEXEC)) {
    if (fd < 0) std::abort();
  }
  ~MemFd() { ::close(fd); }
  MemFd(const MemFd &) = delete;
  MemFd &operator=(const MemFd &) = delete;
};

void writeAll(int fd, std::string_view data) {
  while (!data.empty()) {
    ssize_t n = ::write(fd, data.data(), data.size());
    if (n <= 0) std::abort();
    data.remove_prefix(static_cast<size_t>(n));
  }
}

std::string readAll(int fd) {
  std::string out;
  ::lseek(fd, 0, SEEK_SET);
  char buf[65536];
  for (ssize_t n; (n = ::read(fd, buf, sizeof buf)) > 0;) out.append(buf, static_cast<size_t>(n));
  return out;
}

void checkOutput(const Client &c, std::string_view out, int code) {
  std::map<std::string, int> answers;
  bool mainDiagnostics = false;
  while (!out.empty()) {
    constexpr std::string_view kHeader = "Content-Length: ";
    if (out.substr(0, kHeader.size()) != kHeader) finding("output frame without Content-Length", out.substr(0, 200));
    size_t headerEnd = out.find("\r\n\r\n");
    if (headerEnd == std::string_view::npos) finding("output header not terminated");
    size_t length = std::strtoull(std::string(out.substr(kHeader.size(), headerEnd - kHeader.size())).c_str(), nullptr, 10);
    if (out.size() < headerEnd + 4 + length) finding("output frame truncated");
    std::string_view body = out.substr(headerEnd + 4, length);
    out.remove_prefix(headerEnd + 4 + length);
    llvm::Expected<Value> parsed = llvm::json::parse(llvm::StringRef(body.data(), body.size()));
    if (!parsed) {
      llvm::consumeError(parsed.takeError());
      finding("the server wrote invalid JSON", body);
    }
    const Object *o = parsed->getAsObject();
    if (!o || o->getString("jsonrpc") != llvm::StringRef("2.0")) finding("output message is not a JSON-RPC object", body);
    if (const Object *error = o->getObject("error"))
      if (error->getInteger("code") == int64_t(aqua::lsp::kInternalError)) finding("internal error answer", body);
    auto method = o->getString("method");
    if (method && *method == "textDocument/publishDiagnostics") {
      const Object *params = o->getObject("params");
      if (!params) finding("publishDiagnostics without params", body);
      if (params->getString("uri") == llvm::StringRef(c.mainUri)) mainDiagnostics = true;
      if (const Array *diags = params->getArray("diagnostics"))
        for (const Value &d : *diags)
          if (const Object *dobj = d.getAsObject(); dobj && dobj->getString("code") == llvm::StringRef("E0004"))
            finding("internal error diagnostic (an exception in the front end)", body);
    }
    if (!method)
      if (const Value *id = o->get("id")) ++answers[aqua::lsp::idKey(*id)];
  }
  if (c.raw) return;
  for (const std::string &id : c.expected) {
    auto it = answers.find(id);
    if (it == answers.end()) finding("request not answered", id);
    if (it->second != 1) finding("request answered more than once", id);
  }
  if (!mainDiagnostics) finding("no diagnostics published for main.aqua");
  if (code != (c.shutdownSent ? 0 : 1)) finding("unexpected exit code");
}

void replace(std::string &s, std::string_view from, std::string_view to) {
  for (size_t at = s.find(from); at != std::string::npos; at = s.find(from, at + to.size()))
    s.replace(at, from.size(), to);
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size) {
  const Workspace &ws = workspace();
  Client client;
  client.mainUri = ws.uri + "/main.aqua";
  client.libUri = ws.uri + "/lib.aqua";
  uint8_t flags = size > 0 ? data[0] : 0;
  if (size > 0 && (flags & 3) == 0) {
    client.stream.assign(reinterpret_cast<const char *>(data) + 1, size - 1);
    replace(client.stream, "${ROOT}", ws.uri);
    client.raw = true;
  } else {
    std::vector<std::string_view> parts;
    std::string_view rest = size > 0 ? std::string_view(reinterpret_cast<const char *>(data) + 1, size - 1) : "";
    for (;;) {
      size_t at = rest.find(aqua::fuzz::kPartSeparator);
      if (at == std::string_view::npos) break;
      parts.push_back(rest.substr(0, at));
      rest.remove_prefix(at + aqua::fuzz::kPartSeparator.size());
    }
    parts.push_back(rest);
    buildStructured(client, flags, parts);
  }

  MemFd in("aqua-lsp-fuzz-in"), out("aqua-lsp-fuzz-out");
  writeAll(in.fd, client.stream);
  ::lseek(in.fd, 0, SEEK_SET);
  int code;
  {
    aqua::lsp::Transport transport(in.fd, out.fd);
    aqua::lsp::ServerOptions options;
    options.debounceMs = 0;
    aqua::lsp::Server server(transport, options);
    code = server.run();
  }
  std::string answers = readAll(out.fd);
  // Reproducing: AQUA_FUZZ_LSP_DUMP=PREFIX writes PREFIX.in (what the client sent) and PREFIX.out.
  if (const char *dump = std::getenv("AQUA_FUZZ_LSP_DUMP")) {
    std::string p = dump;
    if (FILE *f = std::fopen((p + ".in").c_str(), "wb")) { std::fwrite(client.stream.data(), 1, client.stream.size(), f); std::fclose(f); }
    if (FILE *f = std::fopen((p + ".out").c_str(), "wb")) { std::fwrite(answers.data(), 1, answers.size(), f); std::fclose(f); }
  }
  if (code != 0 && code != 1) finding("exit code other than 0 or 1");
  checkOutput(client, answers, code);
  return 0;
}
