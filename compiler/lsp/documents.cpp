#include "compiler/lsp/documents.h"

#include <algorithm>
#include <filesystem>

namespace aqua::lsp {

LineIndex::LineIndex(std::string_view text) {
  bool ascii = true;
  for (uint32_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n') {
      starts_.push_back(i + 1);
      ascii_.push_back(ascii);
      ascii = true;
    } else if (static_cast<unsigned char>(text[i]) >= 0x80) {
      ascii = false;
    }
  }
  ascii_.push_back(ascii);
}

namespace {

// Length of the UTF-8 sequence starting with byte `c` (1 for stray continuation bytes).
uint32_t sequenceLength(unsigned char c) {
  if (c >= 0xF0) return 4;
  if (c >= 0xE0) return 3;
  if (c >= 0xC0) return 2;
  return 1;
}

uint32_t lineEnd(std::string_view text, uint32_t start) {
  size_t nl = text.find('\n', start);
  uint32_t end = nl == std::string_view::npos ? static_cast<uint32_t>(text.size()) : static_cast<uint32_t>(nl);
  if (end > start && text[end - 1] == '\r') --end;
  return end;
}

} // namespace

uint32_t LineIndex::offset(std::string_view text, Position p, PositionEncoding encoding) const {
  if (p.line >= starts_.size()) return static_cast<uint32_t>(text.size());
  uint32_t at = starts_[p.line];
  uint32_t end = lineEnd(text, at);
  if (encoding == PositionEncoding::Utf8 || ascii_[p.line])
    return static_cast<uint32_t>(std::min<uint64_t>(uint64_t(at) + p.character, end));
  uint32_t units = 0;
  while (at < end && units < p.character) {
    uint32_t len = std::min(sequenceLength(static_cast<unsigned char>(text[at])), end - at);
    units += len == 4 ? 2 : 1;
    at += len;
  }
  return at;
}

Position LineIndex::position(std::string_view text, uint32_t offset, PositionEncoding encoding) const {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  auto it = std::upper_bound(starts_.begin(), starts_.end(), offset);
  uint32_t line = static_cast<uint32_t>(it - starts_.begin()) - 1;
  uint32_t at = starts_[line];
  if (encoding == PositionEncoding::Utf8 || ascii_[line]) return {line, offset - at};
  return {line, units(text, line, offset)};
}

uint32_t LineIndex::units(std::string_view text, uint32_t line, uint32_t offset) const {
  uint32_t at = starts_[line], count = 0;
  if (memoLine_ == line && memoOffset_ <= offset) at = memoOffset_, count = memoUnits_;
  while (at < offset) {
    uint32_t len = sequenceLength(static_cast<unsigned char>(text[at]));
    count += len == 4 ? 2 : 1;
    at += len;
  }
  memoLine_ = line, memoOffset_ = at, memoUnits_ = count;
  return count;
}

std::string pathFromUri(std::string_view uri) {
  constexpr std::string_view kScheme = "file://";
  if (uri.substr(0, kScheme.size()) != kScheme) return {};
  uri.remove_prefix(kScheme.size());
  // file://host/path: only the local host is meaningful.
  if (!uri.empty() && uri.front() != '/') {
    size_t slash = uri.find('/');
    if (slash == std::string_view::npos) return {};
    uri.remove_prefix(slash);
  }
  std::string path;
  for (size_t i = 0; i < uri.size(); ++i) {
    auto hex = [](char c) -> int {
      if (c >= '0' && c <= '9') return c - '0';
      if (c >= 'a' && c <= 'f') return c - 'a' + 10;
      if (c >= 'A' && c <= 'F') return c - 'A' + 10;
      return -1;
    };
    if (uri[i] == '%' && i + 2 < uri.size() && hex(uri[i + 1]) >= 0 && hex(uri[i + 2]) >= 0) {
      path += static_cast<char>(hex(uri[i + 1]) * 16 + hex(uri[i + 2]));
      i += 2;
    } else {
      path += uri[i];
    }
  }
  return std::filesystem::path(path).lexically_normal().string();
}

std::string uriFromPath(std::string_view path) {
  std::string uri = "file://";
  for (unsigned char c : path) {
    if (std::isalnum(c) || c == '/' || c == '-' || c == '_' || c == '.' || c == '~' || c == '@' || c == '+') {
      uri += static_cast<char>(c);
    } else {
      static const char *digits = "0123456789ABCDEF";
      uri += '%';
      uri += digits[c >> 4];
      uri += digits[c & 15];
    }
  }
  return uri;
}

Document &DocumentStore::open(std::string uri, std::string text, int64_t version) {
  Document &doc = docs_[uri];
  doc.uri = uri;
  doc.path = pathFromUri(uri);
  if (!doc.path.empty()) {
    // The front end keys files by canonical path (symlinks resolved), as the import resolver does.
    std::error_code ec;
    std::string canonical = std::filesystem::weakly_canonical(doc.path, ec).string();
    if (!ec) doc.path = canonical;
  }
  if (doc.path.empty()) doc.path = uri; // untitled buffers: the URI names them
  doc.text = std::move(text);
  doc.version = version;
  doc.lines = LineIndex(doc.text);
  unsaved_[doc.path] = doc.text;
  return doc;
}

void DocumentStore::close(const std::string &uri) {
  auto it = docs_.find(uri);
  if (it == docs_.end()) return;
  unsaved_.erase(it->second.path);
  docs_.erase(it);
}

Document *DocumentStore::find(const std::string &uri) {
  auto it = docs_.find(uri);
  return it == docs_.end() ? nullptr : &it->second;
}

Document *DocumentStore::findByPath(const std::string &path) {
  for (auto &[uri, doc] : docs_)
    if (doc.path == path) return &doc;
  return nullptr;
}

bool DocumentStore::applyChange(Document &doc, const llvm::json::Object &change, PositionEncoding encoding,
                                std::string &error) {
  auto text = change.getString("text");
  if (!text) {
    error = "content change without `text`";
    return false;
  }
  if (const llvm::json::Object *range = change.getObject("range")) {
    auto start = parsePosition(range->get("start"));
    auto end = parsePosition(range->get("end"));
    if (!start || !end) {
      error = "content change with a malformed range";
      return false;
    }
    uint32_t from = doc.lines.offset(doc.text, *start, encoding);
    uint32_t to = doc.lines.offset(doc.text, *end, encoding);
    if (to < from) std::swap(from, to);
    doc.text.replace(from, to - from, text->str());
  } else {
    doc.text = text->str();
  }
  doc.lines = LineIndex(doc.text);
  unsaved_[doc.path] = doc.text;
  return true;
}

std::optional<Position> parsePosition(const llvm::json::Value *v) {
  const llvm::json::Object *o = v ? v->getAsObject() : nullptr;
  if (!o) return std::nullopt;
  auto line = o->getInteger("line");
  auto character = o->getInteger("character");
  if (!line || !character || *line < 0 || *character < 0 || *line > UINT32_MAX || *character > UINT32_MAX)
    return std::nullopt;
  return Position{static_cast<uint32_t>(*line), static_cast<uint32_t>(*character)};
}

llvm::json::Value toJson(Position p) {
  return llvm::json::Object{{"line", p.line}, {"character", p.character}};
}

} // namespace aqua::lsp
