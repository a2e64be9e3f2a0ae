#include "compiler/lsp/transport.h"

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>

#include <poll.h>
#include <unistd.h>

#include "llvm/Support/raw_ostream.h"

namespace aqua::lsp {

namespace {

// Where the header ends and how long the body is; nullopt while the header is incomplete.
struct Frame {
  size_t headerEnd = 0;  // offset of the body
  size_t length = 0;     // Content-Length
  bool valid = true;     // false: the header has no usable Content-Length
  bool tooLarge = false; // a usable length above kMaxMessageBytes: the body is skipped
};

std::optional<Frame> parseHeader(const std::string &buffer) {
  size_t end = buffer.find("\r\n\r\n");
  size_t sep = 4;
  if (end == std::string::npos) {
    // Tolerate bare LF headers (hand-written transcripts, some clients).
    end = buffer.find("\n\n");
    sep = 2;
    if (end == std::string::npos) return std::nullopt;
  }
  Frame frame;
  frame.headerEnd = end + sep;
  frame.valid = false;
  size_t line = 0;
  while (line < end) {
    size_t eol = buffer.find('\n', line);
    if (eol == std::string::npos || eol > end) eol = end;
    std::string_view header(buffer.data() + line, eol - line);
    if (!header.empty() && header.back() == '\r') header.remove_suffix(1);
    constexpr std::string_view kLength = "content-length:";
    if (header.size() > kLength.size()) {
      std::string lower(header.substr(0, kLength.size()));
      for (char &c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      if (lower == kLength) {
        std::string_view v = header.substr(kLength.size());
        while (!v.empty() && v.front() == ' ') v.remove_prefix(1);
        auto [ptr, ec] = std::from_chars(v.data(), v.data() + v.size(), frame.length);
        frame.valid = ec == std::errc() && ptr == v.data() + v.size();
        frame.tooLarge = frame.valid && frame.length > kMaxMessageBytes;
      }
    }
    line = eol + 1;
  }
  return frame;
}

} // namespace

bool Transport::fill(int timeoutMs) {
  if (eof_) return false;
  if (timeoutMs >= 0) {
    pollfd p{in_, POLLIN, 0};
    int r;
    do r = ::poll(&p, 1, timeoutMs);
    while (r < 0 && errno == EINTR);
    if (r <= 0) return false;
  }
  char chunk[65536];
  ssize_t n;
  do n = ::read(in_, chunk, sizeof chunk);
  while (n < 0 && errno == EINTR);
  if (n <= 0) {
    eof_ = true;
    return false;
  }
  buffer_.append(chunk, static_cast<size_t>(n));
  return true;
}

bool Transport::haveFrame() const {
  if (skip_ > 0) return false;
  auto frame = parseHeader(buffer_);
  if (!frame) return buffer_.size() > kMaxHeaderBytes; // garbage: reported as malformed
  return !frame->valid || frame->tooLarge || buffer_.size() >= frame->headerEnd + frame->length;
}

bool Transport::ready(int timeoutMs) {
  if (haveFrame()) return true;
  // Read whatever is already there, then wait at most once.
  while (fill(0))
    if (haveFrame()) return true;
  if (timeoutMs > 0 && fill(timeoutMs)) {
    while (fill(0)) {}
    return haveFrame();
  }
  return haveFrame() || (eof_ && !buffer_.empty());
}

Transport::ReadResult Transport::read() {
  ReadResult result;
  for (;;) {
    if (skip_ > 0) {
      size_t n = std::min(skip_, buffer_.size());
      buffer_.erase(0, n);
      skip_ -= n;
      if (skip_ > 0) {
        if (!fill(-1)) break;
        continue;
      }
    }
    auto frame = parseHeader(buffer_);
    if (!frame && buffer_.size() > kMaxHeaderBytes) {
      buffer_.clear();
      result.status = ReadStatus::Malformed;
      result.error = "no message header in the first " + std::to_string(kMaxHeaderBytes) + " bytes";
      return result;
    }
    if (frame && (!frame->valid || frame->tooLarge)) {
      buffer_.erase(0, frame->headerEnd);
      result.status = ReadStatus::Malformed;
      if (frame->tooLarge) {
        skip_ = frame->length;
        result.error = "message of " + std::to_string(frame->length) + " bytes is larger than the limit of " +
                       std::to_string(kMaxMessageBytes);
      } else {
        result.error = "missing or invalid Content-Length header";
      }
      return result;
    }
    if (frame && buffer_.size() >= frame->headerEnd + frame->length) {
      std::string body = buffer_.substr(frame->headerEnd, frame->length);
      buffer_.erase(0, frame->headerEnd + frame->length);
      llvm::Expected<llvm::json::Value> parsed = llvm::json::parse(body);
      if (!parsed) {
        result.status = ReadStatus::Malformed;
        result.error = llvm::toString(parsed.takeError());
        return result;
      }
      result.status = ReadStatus::Message;
      result.message = std::move(*parsed);
      return result;
    }
    if (!fill(-1)) break;
  }
  result.status = ReadStatus::Eof;
  buffer_.clear();
  return result;
}

void Transport::write(const llvm::json::Value &message) {
  std::string body;
  llvm::raw_string_ostream os(body);
  os << message;
  os.flush();
  std::string out = "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
  size_t done = 0;
  while (done < out.size()) {
    ssize_t n = ::write(out_, out.data() + done, out.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return; // the client went away; reading will see EOF
    done += static_cast<size_t>(n);
  }
}

} // namespace aqua::lsp
