// Base58 with the Bitcoin alphabet (what libp2p peer ids and Fluence's Op.*_b58 use).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace air::net {

std::string base58Encode(std::string_view bytes);
// nullopt when `text` has a character outside the alphabet.
std::optional<std::string> base58Decode(std::string_view text);

} // namespace air::net
