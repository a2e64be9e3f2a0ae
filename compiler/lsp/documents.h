// The texts the editor has open, and LSP positions. LSP speaks of (line, character) where a
// character is a UTF-16 code unit unless the client agreed to UTF-8 (`positionEncoding`); the
// compiler speaks of byte offsets. Every conversion goes through LineIndex.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "llvm/Support/JSON.h"

namespace aqua::lsp {

enum class PositionEncoding { Utf16, Utf8 };

struct Position {
  uint32_t line = 0;
  uint32_t character = 0;
};

class LineIndex {
public:
  LineIndex() = default;
  explicit LineIndex(std::string_view text);

  // Byte offset of an LSP position; positions past a line's end clamp to it (as LSP requires).
  uint32_t offset(std::string_view text, Position p, PositionEncoding encoding) const;
  Position position(std::string_view text, uint32_t offset, PositionEncoding encoding) const;
  uint32_t lineCount() const { return static_cast<uint32_t>(starts_.size()); }
  uint32_t lineStart(uint32_t line) const { return starts_[line]; }

private:
  uint32_t units(std::string_view text, uint32_t line, uint32_t offset) const;

  std::vector<uint32_t> starts_{0};
  std::vector<bool> ascii_; // per line: bytes are characters (UTF-16 units) there
  // The last UTF-16 conversion on a non-ASCII line: requests walk lines in order (semantic
  // tokens of a 10 MB line), so each conversion continues from the previous one.
  mutable uint32_t memoLine_ = UINT32_MAX, memoOffset_ = 0, memoUnits_ = 0;
};

struct Document {
  std::string uri;
  std::string path; // absolute, normalised: the key the front end uses for unsaved files
  std::string text;
  int64_t version = 0;
  LineIndex lines;
};

// URI <-> path for `file:` URIs (percent-decoding, no authority). Empty when not a file URI.
std::string pathFromUri(std::string_view uri);
std::string uriFromPath(std::string_view path);

class DocumentStore {
public:
  Document &open(std::string uri, std::string text, int64_t version);
  void close(const std::string &uri);
  Document *find(const std::string &uri);
  Document *findByPath(const std::string &path);
  // Applies one `TextDocumentContentChangeEvent` (with a range: incremental; without: full).
  // False (and `error` set) when the change is malformed.
  bool applyChange(Document &doc, const llvm::json::Object &change, PositionEncoding encoding,
                   std::string &error);

  const std::map<std::string, Document> &all() const { return docs_; }
  // path -> text of every open document, for Frontend::setUnsavedFiles.
  const std::map<std::string, std::string> &unsaved() const { return unsaved_; }

private:
  std::map<std::string, Document> docs_;       // by URI
  std::map<std::string, std::string> unsaved_; // by path
};

// Parsing of LSP structures from JSON, tolerant of missing fields (they come from clients).
std::optional<Position> parsePosition(const llvm::json::Value *v);
llvm::json::Value toJson(Position p);

} // namespace aqua::lsp
