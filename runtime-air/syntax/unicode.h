// The few Unicode facts AquaVM's lexer and its error renderer depend on: UTF-8 decoding, Rust's
// char::is_whitespace / is_alphanumeric / is_numeric, and display width (unicode-width). Invalid
// UTF-8 never reaches AquaVM (it takes a Rust String); here each bad byte decodes as U+FFFD.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace air::syntax {

struct Decoded {
  char32_t cp = 0;
  uint32_t length = 1; // bytes consumed, >= 1
};

inline Decoded decodeUtf8(std::string_view s, size_t i) {
  auto b = [&](size_t k) { return static_cast<unsigned char>(s[k]); };
  unsigned char c = b(i);
  if (c < 0x80) return {c, 1};
  auto cont = [&](size_t k) { return k < s.size() && (b(k) & 0xC0) == 0x80; };
  if (c >= 0xC2 && c < 0xE0 && cont(i + 1)) return {static_cast<char32_t>(((c & 0x1F) << 6) | (b(i + 1) & 0x3F)), 2};
  if (c >= 0xE0 && c < 0xF0 && cont(i + 1) && cont(i + 2)) {
    char32_t cp = ((c & 0x0F) << 12) | ((b(i + 1) & 0x3F) << 6) | (b(i + 2) & 0x3F);
    if (cp >= 0x800 && (cp < 0xD800 || cp > 0xDFFF)) return {cp, 3};
  }
  if (c >= 0xF0 && c < 0xF5 && cont(i + 1) && cont(i + 2) && cont(i + 3)) {
    char32_t cp = ((c & 0x07) << 18) | ((b(i + 1) & 0x3F) << 12) | ((b(i + 2) & 0x3F) << 6) | (b(i + 3) & 0x3F);
    if (cp >= 0x10000 && cp <= 0x10FFFF) return {cp, 4};
  }
  return {0xFFFD, 1};
}

bool isWhitespace(char32_t c);
bool isNumeric(char32_t c);
bool isAlphanumeric(char32_t c);
// Columns a character takes in a terminal (0 for controls and combining marks, 2 for wide).
unsigned displayWidth(char32_t c);

} // namespace air::syntax
