// Owns the text of every file the front end reads and maps byte offsets to line:column.
// Locations everywhere in the compiler are (FileId, byte offset); llvm::SourceMgr does the
// line-table work and the caret rendering.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "llvm/Support/SourceMgr.h"

namespace aqua {

struct FileId {
  uint32_t index = 0; // 0 = no file; otherwise llvm::SourceMgr's buffer id
  bool valid() const { return index != 0; }
  friend bool operator==(FileId, FileId) = default;
};

// A half-open byte range in one file.
struct SourceRange {
  FileId file;
  uint32_t begin = 0;
  uint32_t end = 0;
};

struct LineColumn {
  uint32_t line = 0;   // 1-based
  uint32_t column = 0; // 1-based, in bytes
};

class SourceManager {
public:
  // Adds a file's text; `path` is how diagnostics name it.
  FileId addFile(std::string path, std::string text);
  // Reads a file from disk; returns an invalid id (and sets `error`) when it cannot be read.
  FileId loadFile(const std::string &path, std::string &error);

  std::string_view path(FileId file) const;
  std::string_view text(FileId file) const;
  LineColumn lineColumn(FileId file, uint32_t offset) const;
  // Offset of a 1-based line:column (clamped to the file).
  uint32_t offsetOf(FileId file, LineColumn position) const;
  // Offset of a 1-based line and a column counted in code points from 0 (ANTLR's positions).
  uint32_t offsetOfCodePoint(FileId file, uint32_t line, uint32_t codePoints) const;
  llvm::SMLoc smLoc(FileId file, uint32_t offset) const;

  llvm::SourceMgr &llvm() { return sourceMgr_; }
  const llvm::SourceMgr &llvm() const { return sourceMgr_; }

private:
  // Offsets where each line starts, built on first use: offsetOf is called per token.
  const std::vector<uint32_t> &lineStarts(FileId file) const;

  llvm::SourceMgr sourceMgr_;
  mutable std::vector<std::vector<uint32_t>> lineStarts_;
};

} // namespace aqua
