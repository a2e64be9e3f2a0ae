#include "compiler/diag/source_manager.h"

#include "llvm/Support/MemoryBuffer.h"

namespace aqua {

FileId SourceManager::addFile(std::string path, std::string text) {
  auto buffer = llvm::MemoryBuffer::getMemBufferCopy(text, path);
  unsigned id = sourceMgr_.AddNewSourceBuffer(std::move(buffer), llvm::SMLoc());
  return FileId{id};
}

FileId SourceManager::loadFile(const std::string &path, std::string &error) {
  auto buffer = llvm::MemoryBuffer::getFile(path, /*IsText=*/false, /*RequiresNullTerminator=*/true);
  if (!buffer) {
    error = buffer.getError().message();
    return FileId{};
  }
  unsigned id = sourceMgr_.AddNewSourceBuffer(std::move(*buffer), llvm::SMLoc());
  return FileId{id};
}

std::string_view SourceManager::path(FileId file) const {
  if (!file.valid()) return "<unknown>";
  auto name = sourceMgr_.getMemoryBuffer(file.index)->getBufferIdentifier();
  return {name.data(), name.size()};
}

std::string_view SourceManager::text(FileId file) const {
  auto buffer = sourceMgr_.getMemoryBuffer(file.index)->getBuffer();
  return {buffer.data(), buffer.size()};
}

llvm::SMLoc SourceManager::smLoc(FileId file, uint32_t offset) const {
  auto buffer = sourceMgr_.getMemoryBuffer(file.index)->getBuffer();
  if (offset > buffer.size()) offset = static_cast<uint32_t>(buffer.size());
  return llvm::SMLoc::getFromPointer(buffer.data() + offset);
}

LineColumn SourceManager::lineColumn(FileId file, uint32_t offset) const {
  if (!file.valid()) return {};
  auto [line, column] = sourceMgr_.getLineAndColumn(smLoc(file, offset), file.index);
  return {line, column};
}

const std::vector<uint32_t> &SourceManager::lineStarts(FileId file) const {
  if (lineStarts_.size() <= file.index) lineStarts_.resize(file.index + 1);
  std::vector<uint32_t> &starts = lineStarts_[file.index];
  if (starts.empty()) {
    std::string_view all = text(file);
    starts.push_back(0);
    for (size_t i = 0; i < all.size(); ++i)
      if (all[i] == '\n') starts.push_back(static_cast<uint32_t>(i + 1));
  }
  return starts;
}

uint32_t SourceManager::offsetOf(FileId file, LineColumn position) const {
  if (!file.valid()) return 0;
  std::string_view all = text(file);
  const std::vector<uint32_t> &starts = lineStarts(file);
  size_t line = position.line > 0 ? position.line - 1 : 0;
  if (line >= starts.size()) return static_cast<uint32_t>(all.size());
  size_t offset = starts[line];
  size_t lineEnd = line + 1 < starts.size() ? starts[line + 1] - 1 : all.size();
  size_t column = position.column > 0 ? position.column - 1 : 0;
  return static_cast<uint32_t>(std::min(offset + column, lineEnd));
}

uint32_t SourceManager::offsetOfCodePoint(FileId file, uint32_t line, uint32_t codePoints) const {
  uint32_t at = offsetOf(file, {line, 1});
  std::string_view all = text(file);
  for (; codePoints > 0 && at < all.size(); --codePoints) {
    ++at;
    while (at < all.size() && (static_cast<unsigned char>(all[at]) & 0xC0) == 0x80) ++at;
  }
  return at;
}

} // namespace aqua
