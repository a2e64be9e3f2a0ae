#include "base58.h"

#include <vector>

namespace air::net {

namespace {
constexpr char kAlphabet[] = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
}

// Each leading zero byte is one '1'; the rest is the big-endian number in base 58 (quadratic
// schoolbook conversion: inputs here are short).
std::string base58Encode(std::string_view bytes) {
  size_t zeros = 0;
  while (zeros < bytes.size() && bytes[zeros] == 0) ++zeros;
  std::vector<uint8_t> digits; // base-58 digits, least significant first
  for (size_t i = zeros; i < bytes.size(); ++i) {
    unsigned carry = static_cast<unsigned char>(bytes[i]);
    for (uint8_t &d : digits) {
      carry += static_cast<unsigned>(d) << 8;
      d = static_cast<uint8_t>(carry % 58);
      carry /= 58;
    }
    while (carry) {
      digits.push_back(static_cast<uint8_t>(carry % 58));
      carry /= 58;
    }
  }
  std::string out(zeros, '1');
  for (auto it = digits.rbegin(); it != digits.rend(); ++it) out += kAlphabet[*it];
  return out;
}

std::optional<std::string> base58Decode(std::string_view text) {
  int value[128];
  for (int &v : value) v = -1;
  for (int i = 0; i < 58; ++i) value[static_cast<unsigned char>(kAlphabet[i])] = i;
  size_t ones = 0;
  while (ones < text.size() && text[ones] == '1') ++ones;
  std::vector<uint8_t> bytes; // least significant first
  for (size_t i = ones; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c >= 128 || value[c] < 0) return std::nullopt;
    unsigned carry = static_cast<unsigned>(value[c]);
    for (uint8_t &b : bytes) {
      carry += static_cast<unsigned>(b) * 58;
      b = static_cast<uint8_t>(carry & 0xff);
      carry >>= 8;
    }
    while (carry) {
      bytes.push_back(static_cast<uint8_t>(carry & 0xff));
      carry >>= 8;
    }
  }
  std::string out(ones, '\0');
  for (auto it = bytes.rbegin(); it != bytes.rend(); ++it) out += static_cast<char>(*it);
  return out;
}

} // namespace air::net
