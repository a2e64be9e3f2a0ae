// Topology resolution: decides where each call and canon runs and turns `On` blocks into AIR with
// relay hops (`(new $-hop- (new #-hopc- (canon PEER $-hop-  #-hopc-)))`), exit paths and the
// xor/fail error wrapper, following the reference compiler's path finding.
#pragma once

#include "compiler/lower/model.h"

#include <optional>

namespace aqua::lower {

struct TopologyOptions {
  std::optional<Val> relay; // `-relay-` unless --no-relay
  bool noXor = false;
};

// `body` runs on %init_peer_id% (behind the relay when there is one).
OpPtr resolveTopology(const OpPtr &body, const TopologyOptions &options);

} // namespace aqua::lower
