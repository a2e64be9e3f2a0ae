// Splits one fuzz input into parts separated by a marker line, so one byte string can carry an
// AIR script, two data blobs and call results. Missing parts are empty.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>
#include <vector>

namespace aqua::fuzz {

inline constexpr std::string_view kPartSeparator = "\n%%%%\n";

inline std::vector<std::string_view> splitParts(const uint8_t *data, size_t size, size_t count) {
  std::string_view rest(reinterpret_cast<const char *>(data), size);
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    size_t at = rest.find(kPartSeparator);
    if (at == std::string_view::npos)
      break;
    parts.push_back(rest.substr(0, at));
    rest.remove_prefix(at + kPartSeparator.size());
  }
  parts.push_back(rest);
  parts.resize(count);
  return parts;
}

} // namespace aqua::fuzz
