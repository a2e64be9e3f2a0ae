// Shared set-up of the AIR fuzz targets: fixed particle parameters and small limits, so that a
// fuzz input cannot legitimately spend seconds or gigabytes (that would hide real hangs).
#pragma once

#include "air/interpreter.h"

namespace aqua::fuzz {

inline air::Limits fuzzLimits() {
  air::Limits limits;
  limits.maxScriptBytes = 1u << 20;
  limits.maxDataBytes = 4u << 20;
  limits.maxCallResultBytes = 1u << 20;
  limits.maxStreamSize = 1u << 16;
  limits.maxSteps = 1u << 20;
  return limits;
}

inline const air::RunParams &fuzzParams() {
  static const air::RunParams params = [] {
    air::RunParams p;
    p.initPeerId = "12D3KooWInitPeer";
    p.currentPeerId = "12D3KooWInitPeer";
    p.timestamp = 1700000000000;
    p.ttl = 120000;
    p.particleId = "particle-fuzz";
    return p;
  }();
  return params;
}

// An outcome must be self-consistent whatever the input: an error has a code and a message.
inline void checkOutcome(const air::Outcome &outcome) {
  if (outcome.retCode != 0 && outcome.errorMessage.empty())
    __builtin_trap();
}

} // namespace aqua::fuzz
