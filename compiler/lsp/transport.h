// JSON-RPC 2.0 over a byte stream with LSP's `Content-Length` framing (base protocol of LSP 3.17).
// Reads from a file descriptor with its own buffer so the server can ask whether another message
// is already waiting (debouncing and cancellation look ahead without blocking).
#pragma once

#include <optional>
#include <string>

#include "llvm/Support/JSON.h"

namespace aqua::lsp {

class Transport {
public:
  Transport(int inFd, int outFd) : in_(inFd), out_(outFd) {}

  enum class ReadStatus { Message, Eof, Malformed };
  struct ReadResult {
    ReadStatus status = ReadStatus::Eof;
    llvm::json::Value message = nullptr;
    std::string error; // for Malformed: what was wrong (the server answers with a ParseError)
  };
  // Blocks until a whole message (or end of input) arrives.
  ReadResult read();
  // True when a message can be read without waiting longer than `timeoutMs` (0: don't wait).
  bool ready(int timeoutMs);

  void write(const llvm::json::Value &message);

private:
  // Fills buffer_ with at least one more byte; false at end of input or on an error.
  bool fill(int timeoutMs);
  bool haveFrame() const;

  int in_;
  int out_;
  std::string buffer_;
  bool eof_ = false;
  size_t skip_ = 0; // body bytes of an oversized message still to discard
};

// Limits on what a client may send: one message at most this many bytes (a 10 MB document fits).
inline constexpr size_t kMaxMessageBytes = 64u << 20;
inline constexpr size_t kMaxHeaderBytes = 4096;

} // namespace aqua::lsp
