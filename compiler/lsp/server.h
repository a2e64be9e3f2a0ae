// aqua-lsp: a Language Server Protocol 3.17 server over stdio on the front-end libraries.
// One thread: messages are read ahead into a queue (so cancellations and debounced re-checks
// see what is waiting), handled in order, and every answer comes from an Analysis of the
// current texts. Features live in one file per group: navigation, completion, outline, edits.
#pragma once

#include <chrono>
#include <deque>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <variant>
#include <string>
#include <vector>

#include "compiler/lsp/analysis.h"
#include "compiler/lsp/documents.h"
#include "compiler/lsp/transport.h"
#include "llvm/Support/JSON.h"

namespace aqua::lsp {

struct ServerOptions {
  // Diagnostics are published once the text has been still this long; 0 publishes right
  // after each change (transcript tests).
  int debounceMs = 200;
  std::vector<std::string> importDirs; // from the command line, before the client's
  std::string version = "0";
};

// A failed request: an LSP ResponseError.
struct RequestError {
  int code;
  std::string message;
};
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
inline constexpr int kServerNotInitialized = -32002;
inline constexpr int kRequestFailed = -32803;
inline constexpr int kRequestCancelled = -32800;

class Server {
public:
  Server(Transport &transport, ServerOptions options);
  ~Server();
  // Serves until `exit`; the process exit code (0 after a shutdown request, 1 otherwise).
  int run();

  // --- used by the feature files ---
  using Reply = std::variant<llvm::json::Value, RequestError>;
  struct Target {
    Document *doc = nullptr;
    const Analysis *analysis = nullptr;
    uint32_t offset = 0; // byte offset of the request's position in doc->text
  };
  // The document named by params.textDocument.uri with an analysis of its current text, and the
  // offset of params.position when present.
  std::variant<Target, RequestError> target(const llvm::json::Object &params, bool needPosition);
  const Analysis &analysisOf(Document &doc);
  // The analysis to answer name questions from at `offset` of `doc`: the current one when the
  // text parsed, else the newest one that did, with `offset` moved to the start of the same line
  // there. Null when there is none.
  const Analysis *indexedAnalysis(Document &doc, uint32_t &offset);
  // Analyses of every .aqua file of the workspace folders and every open document (for
  // references and rename across files, and workspace symbols).
  std::vector<const Analysis *> workspaceAnalyses();

  llvm::json::Value range(const Analysis &a, SourceRange r) const;
  llvm::json::Value location(const Analysis &a, SourceRange r) const;
  llvm::json::Value range(const Document &doc, uint32_t begin, uint32_t end) const;
  std::string uriOf(std::string_view path) const;
  PositionEncoding encoding() const { return encoding_; }
  const DocumentStore &documents() const { return documents_; }
  const std::vector<std::string> &importDirs() const { return importDirs_; }
  bool clientSupportsSnippets() const { return snippets_; }
  bool clientSupportsHierarchicalSymbols() const { return hierarchicalSymbols_; }

private:
  struct Incoming {
    llvm::json::Value message = nullptr;
    std::string malformed; // non-empty: the message could not be read
  };

  bool readAhead(int timeoutMs);
  void handle(const llvm::json::Value &message);
  void handleRequest(const llvm::json::Value &id, const std::string &method, const llvm::json::Object &params);
  void handleNotification(const std::string &method, const llvm::json::Object &params);
  Reply dispatch(const std::string &method, const llvm::json::Object &params);
  void respond(const llvm::json::Value &id, Reply reply);
  void notify(std::string method, llvm::json::Value params);
  void requestClient(std::string method, llvm::json::Value params);

  Reply initialize(const llvm::json::Object &params);
  void initialized();
  void didOpen(const llvm::json::Object &params);
  void didChange(const llvm::json::Object &params);
  void didClose(const llvm::json::Object &params);
  void didChangeConfiguration(const llvm::json::Object &params);
  void didChangeWorkspaceFolders(const llvm::json::Object &params);
  // Drops the analyses that read `path` (every analysis when null) and schedules publishing.
  void textChanged(const std::string *path);
  void publishStale();
  void publish(Document &doc);
  llvm::json::Value diagnosticJson(const Analysis &a, const Diagnostic &d) const;
  void readSettings(const llvm::json::Object *settings);

  // Features (navigation.cpp, completion.cpp, outline.cpp, edits.cpp).
  Reply hover(const llvm::json::Object &params);
  Reply definition(const llvm::json::Object &params);
  Reply references(const llvm::json::Object &params);
  Reply documentHighlight(const llvm::json::Object &params);
  Reply prepareRename(const llvm::json::Object &params);
  Reply rename(const llvm::json::Object &params);
  Reply completion(const llvm::json::Object &params);
  Reply signatureHelp(const llvm::json::Object &params);
  Reply documentSymbol(const llvm::json::Object &params);
  Reply workspaceSymbol(const llvm::json::Object &params);
  Reply semanticTokens(const llvm::json::Object &params, bool ranged);
  Reply foldingRange(const llvm::json::Object &params);
  Reply inlayHint(const llvm::json::Object &params);
  Reply codeAction(const llvm::json::Object &params);
  Reply formatting(const llvm::json::Object &params, bool ranged);

  Transport &transport_;
  ServerOptions options_;
  std::deque<Incoming> queue_;
  std::set<std::string> cancelled_; // ids (as JSON text) of requests cancelled while queued
  DocumentStore documents_;
  std::map<std::string, std::shared_ptr<const Analysis>> analyses_; // by path: open documents
  // The newest analysis of each open document whose text parsed (completion while the line being
  // typed is broken answers from it).
  std::map<std::string, std::shared_ptr<const Analysis>> lastIndexed_;
  std::map<std::string, std::unique_ptr<Analysis>> workspace_; // by path: other workspace files
  std::set<std::string> typing_; // paths edited since their last open/save: re-checks skip the lowering
  std::map<std::string, std::string> published_; // URI -> diagnostics last sent (unchanged: not resent)
  std::set<std::string> unpublished_; // URIs whose diagnostics are stale
  std::optional<std::chrono::steady_clock::time_point> publishAt_;
  std::vector<std::string> folders_;    // workspace folder paths
  std::vector<std::string> importDirs_; // options_ + client's settings
  std::vector<std::string> clientImportDirs_;
  PositionEncoding encoding_ = PositionEncoding::Utf16;
  bool initializedSeen_ = false;
  bool initializeSeen_ = false;
  bool shutdown_ = false;
  bool exit_ = false;
  bool snippets_ = false;
  bool hierarchicalSymbols_ = false;
  bool watchRegistration_ = false;
  bool configurationPull_ = false;
  int64_t nextRequestId_ = 1;
};

// The JSON text of a request id, as a key.
std::string idKey(const llvm::json::Value &id);
// The semantic token types and modifiers we announce (outline.cpp).
llvm::json::Value semanticTokensLegend();

} // namespace aqua::lsp
