#include "compiler/lsp/server.h"

#include <algorithm>
#include <filesystem>

#include "llvm/Support/raw_ostream.h"

namespace aqua::lsp {

namespace fs = std::filesystem;
using llvm::json::Array;
using llvm::json::Object;
using llvm::json::Value;

std::string idKey(const Value &id) {
  std::string s;
  llvm::raw_string_ostream os(s);
  os << id;
  return os.str();
}

Server::Server(Transport &transport, ServerOptions options)
    : transport_(transport), options_(std::move(options)), importDirs_(options_.importDirs) {}
Server::~Server() = default;

// --- the loop ---------------------------------------------------------------------------------

bool Server::readAhead(int timeoutMs) {
  bool any = false;
  while (transport_.ready(any ? 0 : timeoutMs)) {
    Transport::ReadResult r = transport_.read();
    if (r.status == Transport::ReadStatus::Eof) {
      // End of input without `exit`: behave as if it came (the client is gone).
      Incoming in;
      in.message = Object{{"jsonrpc", "2.0"}, {"method", "exit"}};
      queue_.push_back(std::move(in));
      return true;
    }
    Incoming in;
    if (r.status == Transport::ReadStatus::Malformed) in.malformed = r.error;
    else in.message = std::move(r.message);
    // Cancellations take effect on requests still waiting in the queue.
    if (const Object *o = in.message.getAsObject()) {
      if (o->getString("method") == llvm::StringRef("$/cancelRequest"))
        if (const Object *p = o->getObject("params"))
          if (const Value *id = p->get("id")) cancelled_.insert(idKey(*id));
    }
    queue_.push_back(std::move(in));
    any = true;
  }
  return any;
}

int Server::run() {
  while (!exit_) {
    if (queue_.empty()) {
      if (publishAt_) {
        auto wait = std::chrono::duration_cast<std::chrono::milliseconds>(*publishAt_ - std::chrono::steady_clock::now());
        if (wait.count() <= 0 || !readAhead(static_cast<int>(wait.count()))) {
          publishStale();
          continue;
        }
      } else if (!readAhead(-1)) {
        // Blocking read: readAhead(-1) waits in read() through ready(-1)... ready() never blocks
        // forever with a negative timeout, so read one message directly.
        Transport::ReadResult r = transport_.read();
        Incoming in;
        if (r.status == Transport::ReadStatus::Eof) in.message = Object{{"jsonrpc", "2.0"}, {"method", "exit"}};
        else if (r.status == Transport::ReadStatus::Malformed) in.malformed = r.error;
        else in.message = std::move(r.message);
        queue_.push_back(std::move(in));
        readAhead(0);
      }
    }
    Incoming in = std::move(queue_.front());
    queue_.pop_front();
    if (!in.malformed.empty()) {
      transport_.write(Object{{"jsonrpc", "2.0"}, {"id", nullptr},
                              {"error", Object{{"code", kParseError}, {"message", in.malformed}}}});
      continue;
    }
    handle(in.message);
  }
  return shutdown_ ? 0 : 1;
}

void Server::handle(const Value &message) {
  const Object *o = message.getAsObject();
  if (!o) {
    transport_.write(Object{{"jsonrpc", "2.0"}, {"id", nullptr},
                            {"error", Object{{"code", kInvalidRequest}, {"message", "a message must be a JSON object"}}}});
    return;
  }
  auto method = o->getString("method");
  const Value *id = o->get("id");
  if (!method) {
    if (!id) {
      transport_.write(Object{{"jsonrpc", "2.0"}, {"id", nullptr},
                              {"error", Object{{"code", kInvalidRequest}, {"message", "a message needs a `method`"}}}});
    }
    return; // a response to one of our requests (registerCapability): nothing to do
  }
  static const Object kNoParams;
  const Object *params = o->getObject("params");
  if (!params) params = &kNoParams;
  if (id) handleRequest(*id, method->str(), *params);
  else handleNotification(method->str(), *params);
}

void Server::handleRequest(const Value &id, const std::string &method, const Object &params) {
  if (id.kind() != Value::Number && id.kind() != Value::String) {
    respond(nullptr, RequestError{kInvalidRequest, "a request id must be a number or a string"});
    return;
  }
  if (cancelled_.erase(idKey(id))) {
    respond(id, RequestError{kRequestCancelled, "request cancelled"});
    return;
  }
  if (method == "initialize") {
    if (initializeSeen_) {
      respond(id, RequestError{kInvalidRequest, "initialize was already received"});
      return;
    }
    respond(id, initialize(params));
    return;
  }
  if (!initializeSeen_) {
    respond(id, RequestError{kServerNotInitialized, "the server is not initialized yet: send `initialize` first"});
    return;
  }
  if (shutdown_) {
    respond(id, RequestError{kInvalidRequest, "the server is shutting down: only `exit` is accepted"});
    return;
  }
  if (method == "shutdown") {
    shutdown_ = true;
    respond(id, nullptr);
    return;
  }
  Reply reply = RequestError{kInternalError, "internal error"};
  try {
    reply = dispatch(method, params);
  } catch (const std::exception &e) {
    reply = RequestError{kInternalError, std::string("internal error: ") + e.what()};
  }
  respond(id, std::move(reply));
}

Server::Reply Server::dispatch(const std::string &method, const Object &params) {
  using Handler = Reply (Server::*)(const Object &);
  static const std::map<std::string, Handler> kHandlers = {
      {"textDocument/hover", &Server::hover},
      {"textDocument/definition", &Server::definition},
      {"textDocument/declaration", &Server::definition},
      {"textDocument/references", &Server::references},
      {"textDocument/documentHighlight", &Server::documentHighlight},
      {"textDocument/prepareRename", &Server::prepareRename},
      {"textDocument/rename", &Server::rename},
      {"textDocument/completion", &Server::completion},
      {"textDocument/signatureHelp", &Server::signatureHelp},
      {"textDocument/documentSymbol", &Server::documentSymbol},
      {"workspace/symbol", &Server::workspaceSymbol},
      {"textDocument/foldingRange", &Server::foldingRange},
      {"textDocument/inlayHint", &Server::inlayHint},
      {"textDocument/codeAction", &Server::codeAction},
  };
  if (auto it = kHandlers.find(method); it != kHandlers.end()) return (this->*it->second)(params);
  if (method == "textDocument/semanticTokens/full") return semanticTokens(params, false);
  if (method == "textDocument/semanticTokens/range") return semanticTokens(params, true);
  if (method == "textDocument/formatting") return formatting(params, false);
  if (method == "textDocument/rangeFormatting") return formatting(params, true);
  return RequestError{kMethodNotFound, "method not supported: " + method};
}

void Server::handleNotification(const std::string &method, const Object &params) {
  if (method == "exit") {
    exit_ = true;
    return;
  }
  if (!initializeSeen_ || shutdown_) return; // dropped, as the protocol says
  if (method == "initialized") initialized();
  else if (method == "textDocument/didOpen") didOpen(params);
  else if (method == "textDocument/didChange") didChange(params);
  else if (method == "textDocument/didClose") didClose(params);
  else if (method == "textDocument/didSave") {
    // On disk now: importers that are not open see it; and the lowering runs again.
    typing_.clear();
    textChanged(nullptr);
  }
  else if (method == "workspace/didChangeConfiguration") didChangeConfiguration(params);
  else if (method == "workspace/didChangeWorkspaceFolders") didChangeWorkspaceFolders(params);
  else if (method == "workspace/didChangeWatchedFiles") textChanged(nullptr);
  else if (method == "$/cancelRequest") {
    // Handled in readAhead; a cancellation of a request already answered is ignored.
    if (const Value *id = params.get("id")) cancelled_.erase(idKey(*id));
  }
  // Other notifications ($/setTrace, $/progress, ...) need nothing from us.
}

void Server::respond(const Value &id, Reply reply) {
  Object message{{"jsonrpc", "2.0"}, {"id", id}};
  if (auto *error = std::get_if<RequestError>(&reply))
    message["error"] = Object{{"code", error->code}, {"message", error->message}};
  else
    message["result"] = std::move(std::get<Value>(reply));
  transport_.write(Value(std::move(message)));
}

void Server::notify(std::string method, Value params) {
  transport_.write(Object{{"jsonrpc", "2.0"}, {"method", std::move(method)}, {"params", std::move(params)}});
}

void Server::requestClient(std::string method, Value params) {
  transport_.write(Object{{"jsonrpc", "2.0"}, {"id", "aqua-lsp-" + std::to_string(nextRequestId_++)},
                          {"method", std::move(method)}, {"params", std::move(params)}});
}

// --- lifecycle --------------------------------------------------------------------------------

namespace {

const Object *path(const Object &o, std::initializer_list<llvm::StringRef> keys) {
  const Object *at = &o;
  for (llvm::StringRef k : keys) {
    at = at->getObject(k);
    if (!at) return nullptr;
  }
  return at;
}

bool flag(const Object &o, std::initializer_list<llvm::StringRef> keys, llvm::StringRef leaf) {
  const Object *at = path(o, keys);
  return at && at->getBoolean(leaf).getValueOr(false);
}

} // namespace

Server::Reply Server::initialize(const Object &params) {
  initializeSeen_ = true;
  // UTF-8 positions when the client offers them: no conversion work at all.
  if (const Object *general = path(params, {"capabilities", "general"}))
    if (const Array *encodings = general->getArray("positionEncodings"))
      for (const Value &e : *encodings)
        if (e.getAsString() == llvm::StringRef("utf-8")) encoding_ = PositionEncoding::Utf8;
  snippets_ = [&] {
    const Object *item = path(params, {"capabilities", "textDocument", "completion", "completionItem"});
    return item && item->getBoolean("snippetSupport").getValueOr(false);
  }();
  hierarchicalSymbols_ = flag(params, {"capabilities", "textDocument", "documentSymbol"}, "hierarchicalDocumentSymbolSupport");
  watchRegistration_ = flag(params, {"capabilities", "workspace", "didChangeWatchedFiles"}, "dynamicRegistration");
  if (const Array *folders = params.getArray("workspaceFolders")) {
    for (const Value &f : *folders)
      if (const Object *fo = f.getAsObject())
        if (auto uri = fo->getString("uri"))
          if (std::string p = pathFromUri(*uri); !p.empty()) folders_.push_back(p);
  } else if (auto root = params.getString("rootUri")) {
    if (std::string p = pathFromUri(*root); !p.empty()) folders_.push_back(p);
  } else if (auto rootPath = params.getString("rootPath")) {
    folders_.push_back(rootPath->str());
  }
  readSettings(params.getObject("initializationOptions"));

  Array tokenTriggers{".", "\"", "/", "$"};
  Object capabilities{
      {"positionEncoding", encoding_ == PositionEncoding::Utf8 ? "utf-8" : "utf-16"},
      {"textDocumentSync", Object{{"openClose", true}, {"change", 2}, {"save", Object{{"includeText", false}}}}},
      {"hoverProvider", true},
      {"definitionProvider", true},
      {"declarationProvider", true},
      {"referencesProvider", true},
      {"documentHighlightProvider", true},
      {"renameProvider", Object{{"prepareProvider", true}}},
      {"completionProvider", Object{{"triggerCharacters", std::move(tokenTriggers)}, {"resolveProvider", false}}},
      {"signatureHelpProvider", Object{{"triggerCharacters", Array{"(", ","}}, {"retriggerCharacters", Array{","}}}},
      {"documentSymbolProvider", true},
      {"workspaceSymbolProvider", true},
      {"semanticTokensProvider", Object{{"legend", semanticTokensLegend()}, {"full", true}, {"range", true}}},
      {"foldingRangeProvider", true},
      {"inlayHintProvider", true},
      {"codeActionProvider", Object{{"codeActionKinds", Array{"quickfix"}}}},
      {"documentFormattingProvider", true},
      {"documentRangeFormattingProvider", true},
      {"workspace", Object{{"workspaceFolders", Object{{"supported", true}, {"changeNotifications", true}}}}},
  };
  return Value(Object{{"capabilities", std::move(capabilities)},
                      {"serverInfo", Object{{"name", "aqua-lsp"}, {"version", options_.version}}}});
}

void Server::initialized() {
  initializedSeen_ = true;
  // Imported files change on disk too (another editor, git): ask the client to tell us.
  if (watchRegistration_) {
    Object watcher{{"globPattern", "**/*.aqua"}};
    requestClient("client/registerCapability",
                  Object{{"registrations",
                          Array{Object{{"id", "aqua-watch-sources"},
                                       {"method", "workspace/didChangeWatchedFiles"},
                                       {"registerOptions", Object{{"watchers", Array{std::move(watcher)}}}}}}}});
  }
}

void Server::readSettings(const Object *settings) {
  if (!settings) return;
  // Both `{importDirs: [...]}` (initializationOptions) and `{aqua: {importDirs: [...]}}`.
  if (const Object *aqua = settings->getObject("aqua")) settings = aqua;
  if (const Array *dirs = settings->getArray("importDirs")) {
    clientImportDirs_.clear();
    for (const Value &d : *dirs)
      if (auto s = d.getAsString()) {
        fs::path p(s->str());
        // Relative import dirs are relative to the first workspace folder.
        if (p.is_relative() && !folders_.empty()) p = fs::path(folders_.front()) / p;
        clientImportDirs_.push_back(p.lexically_normal().string());
      }
  }
  importDirs_ = options_.importDirs;
  importDirs_.insert(importDirs_.end(), clientImportDirs_.begin(), clientImportDirs_.end());
}

void Server::didChangeConfiguration(const Object &params) {
  readSettings(params.getObject("settings"));
  textChanged(nullptr);
}

void Server::didChangeWorkspaceFolders(const Object &params) {
  const Object *event = params.getObject("event");
  if (!event) return;
  auto paths = [](const Array *list) {
    std::vector<std::string> out;
    if (list)
      for (const Value &f : *list)
        if (const Object *fo = f.getAsObject())
          if (auto uri = fo->getString("uri")) out.push_back(pathFromUri(*uri));
    return out;
  };
  for (const std::string &gone : paths(event->getArray("removed"))) std::erase(folders_, gone);
  for (const std::string &added : paths(event->getArray("added")))
    if (!added.empty()) folders_.push_back(added);
  textChanged(nullptr);
}

// --- text synchronisation and diagnostics ------------------------------------------------------

void Server::didOpen(const Object &params) {
  const Object *item = params.getObject("textDocument");
  if (!item) return;
  auto uri = item->getString("uri");
  auto text = item->getString("text");
  if (!uri || !text) return;
  Document &doc = documents_.open(uri->str(), text->str(), item->getInteger("version").getValueOr(0));
  unpublished_.insert(doc.uri);
  textChanged(&doc.path);
}

void Server::didChange(const Object &params) {
  const Object *item = params.getObject("textDocument");
  const Array *changes = params.getArray("contentChanges");
  if (!item || !changes) return;
  auto uri = item->getString("uri");
  Document *doc = uri ? documents_.find(uri->str()) : nullptr;
  if (!doc) return;
  for (const Value &c : *changes) {
    std::string error;
    const Object *change = c.getAsObject();
    if (!change || !documents_.applyChange(*doc, *change, encoding_, error)) {
      notify("window/logMessage", Object{{"type", 1}, {"message", "aqua-lsp: ignored a change of " + doc->uri + ": " +
                                                                      (change ? error : "not an object")}});
      return;
    }
  }
  doc->version = item->getInteger("version").getValueOr(doc->version + 1);
  typing_.insert(doc->path);
  unpublished_.insert(doc->uri);
  textChanged(&doc->path);
}

void Server::didClose(const Object &params) {
  const Object *item = params.getObject("textDocument");
  auto uri = item ? item->getString("uri") : llvm::None;
  if (!uri) return;
  if (Document *doc = documents_.find(uri->str())) {
    std::string closedPath = doc->path;
    analyses_.erase(doc->path);
    lastIndexed_.erase(doc->path);
    documents_.close(uri->str());
    unpublished_.erase(uri->str());
    published_.erase(uri->str());
    typing_.erase(closedPath);
    // Its diagnostics go away with it; importers now read the file from disk.
    notify("textDocument/publishDiagnostics", Object{{"uri", uri->str()}, {"diagnostics", Array{}}});
    textChanged(&closedPath);
  }
}

void Server::textChanged(const std::string *path) {
  // Analyses that read the changed text are rebuilt when next needed; open documents among them
  // get their diagnostics published again (debounced).
  auto drop = [&](auto &analyses) {
    for (auto it = analyses.begin(); it != analyses.end();) {
      if (!path || it->second->reads(*path)) it = analyses.erase(it);
      else ++it;
    }
  };
  for (const auto &[uri, doc] : documents_.all()) {
    auto it = analyses_.find(doc.path);
    if (!path || it == analyses_.end() || it->second->reads(*path)) unpublished_.insert(uri);
  }
  drop(analyses_);
  drop(workspace_);
  if (options_.debounceMs == 0) {
    publishStale();
    return;
  }
  publishAt_ = std::chrono::steady_clock::now() + std::chrono::milliseconds(options_.debounceMs);
}

void Server::publishStale() {
  publishAt_.reset();
  std::set<std::string> uris;
  uris.swap(unpublished_);
  for (const std::string &uri : uris)
    if (Document *doc = documents_.find(uri)) publish(*doc);
}

const Analysis &Server::analysisOf(Document &doc) {
  std::shared_ptr<const Analysis> &a = analyses_[doc.path];
  if (!a) {
    a = analyze(doc.path, documents_.unsaved(), importDirs_, /*lower=*/!typing_.count(doc.path));
    // Kept for completion while the next text does not parse; not for big files (memory).
    if (a->indexed && doc.text.size() <= kMaxAnalyzedBytes / 4) lastIndexed_[doc.path] = a;
    else if (!a->indexed && doc.text.size() > kMaxAnalyzedBytes / 4) lastIndexed_.erase(doc.path);
  }
  return *a;
}

const Analysis *Server::indexedAnalysis(Document &doc, uint32_t &offset) {
  const Analysis &current = analysisOf(doc);
  if (current.indexed) return &current;
  auto it = lastIndexed_.find(doc.path);
  if (it == lastIndexed_.end()) return nullptr;
  const Analysis &old = *it->second;
  uint32_t line = doc.lines.position(doc.text, offset, PositionEncoding::Utf8).line;
  const LineIndex &oldLines = old.lines(old.main);
  offset = oldLines.lineStart(std::min(line, oldLines.lineCount() - 1));
  return &old;
}

void Server::publish(Document &doc) {
  const Analysis &a = analysisOf(doc);
  Array diagnostics;
  for (const Diagnostic &d : a.diagnostics.all()) {
    // Problems in imported files are shown where the import is, by the front end; here only
    // those located in this document (or nowhere) are published for it.
    if (d.range.file.valid() && d.range.file != a.main) continue;
    diagnostics.push_back(diagnosticJson(a, d));
  }
  // Unchanged diagnostics of an unchanged document are not sent again (another file changed).
  std::string key = std::to_string(doc.version) + idKey(Value(Array(diagnostics)));
  if (auto it = published_.find(doc.uri); it != published_.end() && it->second == key) return;
  published_[doc.uri] = key;
  notify("textDocument/publishDiagnostics",
         Object{{"uri", doc.uri}, {"version", doc.version}, {"diagnostics", std::move(diagnostics)}});
}

llvm::json::Value Server::diagnosticJson(const Analysis &a, const Diagnostic &d) const {
  SourceRange r = d.range;
  if (!r.file.valid()) r = SourceRange{a.main, 0, 0};
  Object out{{"range", range(a, r)},
             {"severity", d.severity == Severity::Error ? 1 : d.severity == Severity::Warning ? 2 : 3},
             {"code", std::string(info(d.kind).code)},
             {"source", "aquac"},
             {"message", d.message}};
  if (d.tag != DiagTag::None) out["tags"] = Array{d.tag == DiagTag::Unnecessary ? 1 : 2};
  Array related;
  for (const DiagNote &n : d.notes)
    if (n.range.file.valid()) related.push_back(Object{{"location", location(a, n.range)}, {"message", n.message}});
  if (!related.empty()) out["relatedInformation"] = std::move(related);
  return Value(std::move(out));
}

// --- helpers for the features ------------------------------------------------------------------

std::variant<Server::Target, RequestError> Server::target(const Object &params, bool needPosition) {
  const Object *item = params.getObject("textDocument");
  auto uri = item ? item->getString("uri") : llvm::None;
  if (!uri) return RequestError{kInvalidParams, "missing textDocument.uri"};
  Document *doc = documents_.find(uri->str());
  if (!doc) return RequestError{kInvalidParams, "document is not open: " + uri->str()};
  Target t;
  t.doc = doc;
  t.analysis = &analysisOf(*doc);
  if (needPosition) {
    auto p = parsePosition(params.get("position"));
    if (!p) return RequestError{kInvalidParams, "missing or malformed position"};
    t.offset = doc->lines.offset(doc->text, *p, encoding_);
  }
  return t;
}

std::string Server::uriOf(std::string_view p) const {
  if (const Document *doc = const_cast<DocumentStore &>(documents_).findByPath(std::string(p))) return doc->uri;
  return uriFromPath(p);
}

llvm::json::Value Server::range(const Analysis &a, SourceRange r) const {
  std::string_view text = a.text(r.file);
  const LineIndex &lines = a.lines(r.file);
  return Object{{"start", toJson(lines.position(text, r.begin, encoding_))},
                {"end", toJson(lines.position(text, r.end, encoding_))}};
}

llvm::json::Value Server::range(const Document &doc, uint32_t begin, uint32_t end) const {
  return Object{{"start", toJson(doc.lines.position(doc.text, begin, encoding_))},
                {"end", toJson(doc.lines.position(doc.text, end, encoding_))}};
}

llvm::json::Value Server::location(const Analysis &a, SourceRange r) const {
  return Object{{"uri", uriOf(a.sources.path(r.file))}, {"range", range(a, r)}};
}

std::vector<const Analysis *> Server::workspaceAnalyses() {
  std::vector<const Analysis *> out;
  std::set<std::string> seen;
  for (auto &[uri, doc] : documents_.all()) {
    out.push_back(&analysisOf(const_cast<Document &>(doc)));
    seen.insert(doc.path);
  }
  // Files of the workspace folders, bounded: a folder with a huge tree must not stall the server.
  constexpr size_t kMaxWorkspaceFiles = 2000;
  size_t files = 0;
  for (const std::string &folder : folders_) {
    std::error_code ec;
    fs::recursive_directory_iterator it(folder, fs::directory_options::skip_permission_denied, ec), end;
    for (; !ec && it != end && files < kMaxWorkspaceFiles; it.increment(ec)) {
      const fs::path &p = it->path();
      std::string name = p.filename().string();
      if (it->is_directory(ec)) {
        if (name == "node_modules" || (!name.empty() && name[0] == '.') || name == "build") it.disable_recursion_pending();
        continue;
      }
      if (p.extension() != ".aqua") continue;
      std::string key = fs::weakly_canonical(p, ec).string();
      if (ec || !seen.insert(key).second) continue;
      ++files;
      std::unique_ptr<Analysis> &a = workspace_[key];
      if (!a) a = analyze(key, documents_.unsaved(), importDirs_);
      out.push_back(a.get());
    }
  }
  return out;
}

} // namespace aqua::lsp
