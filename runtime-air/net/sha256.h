// SHA-256 (FIPS 180-4) and HMAC-SHA-256 (RFC 2104) for the local node services: Op.sha256_string,
// content ids of modules and blueprints, and the simulated signatures of Sig.
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace air::net {

using Digest256 = std::array<uint8_t, 32>;

Digest256 sha256(std::string_view bytes);
Digest256 hmacSha256(std::string_view key, std::string_view message);

// Lower-case hex of `bytes`.
std::string toHex(std::string_view bytes);
inline std::string_view digestBytes(const Digest256 &d) { return {reinterpret_cast<const char *>(d.data()), d.size()}; }

} // namespace air::net
