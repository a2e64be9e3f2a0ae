// Topology resolution (see topology.h). A location is the stack of enclosing `on` frames, root
// first; the function itself runs in the frame `on %init_peer_id% via -relay-`.
#include "compiler/lower/topology.h"

#include <algorithm>

namespace aqua::lower {
namespace {

struct Hop {
  Val peer;
  bool collection = false; // walk every peer of an array/option via
  bool operator==(const Hop &o) const { return collection == o.collection && peer == o.peer; }
};

struct Frame {
  Val peer;
  std::vector<Hop> vias;
  bool operator==(const Frame &o) const { return peer == o.peer && vias == o.vias; }
};

using Location = std::vector<Frame>;

// The reference's path finder: drop the common prefix of the two locations, walk the remaining
// `via`s out of `from` (innermost first, reversed) and into `to`, then drop loops and the two end
// peers themselves.
std::vector<Hop> findPath(const Location &from, const Location &to) {
  const Val &fromPeer = from.back().peer;
  const Val &toPeer = to.back().peer;
  size_t common = 0;
  while (common < from.size() && common < to.size() && from[common] == to[common]) ++common;
  std::vector<Frame> fromRem(from.begin() + common, from.end());
  std::vector<Frame> toRem(to.begin() + common, to.end());
  bool samePeer = fromPeer == toPeer;
  if (fromRem.empty() && !samePeer) fromRem.push_back(from.back());
  if (toRem.empty() && !samePeer) toRem.push_back(to.back());
  std::vector<Hop> chain{Hop{fromPeer}};
  for (auto it = fromRem.rbegin(); it != fromRem.rend(); ++it)
    for (auto v = it->vias.rbegin(); v != it->vias.rend(); ++v) chain.push_back(*v);
  for (const auto &f : toRem)
    for (const auto &v : f.vias) chain.push_back(v);
  chain.push_back(Hop{toPeer});
  std::vector<Hop> opt;
  for (const auto &h : chain) {
    if (!opt.empty() && opt.back() == h) continue;
    auto found = std::find(opt.begin(), opt.end(), h);
    if (found != opt.end() && !h.collection) {
      opt.erase(found + 1, opt.end());
      continue;
    }
    opt.push_back(h);
  }
  if (!opt.empty() && !opt.front().collection && opt.front().peer == fromPeer) opt.erase(opt.begin());
  if (!opt.empty() && !opt.back().collection && opt.back().peer == toPeer) opt.pop_back();
  return opt;
}

OpPtr hopTo(const Val &peer) {
  return makeNew(Val::var("$-hop-"),
                 makeNew(Val::var("#-hopc-"), makeCanon(peer, Val::var("$-hop-"), Val::var("#-hopc-"))));
}

// Hops along `path`; a collection via is folded over (backwards: visit on the way back).
std::vector<OpPtr> hopsFor(const std::vector<Hop> &path, bool backwards) {
  std::vector<OpPtr> out;
  for (const auto &h : path) {
    if (!h.collection) {
      out.push_back(hopTo(h.peer));
      continue;
    }
    Val it = Val::var("-via-peer-");
    OpPtr body = backwards ? makeSeq({makeNext(it), hopTo(it)}) : makeSeq({hopTo(it), makeNext(it)});
    out.push_back(makeFold(h.peer, it, body, makeNull()));
  }
  return out;
}

// Whether a path is walked "back" (out of vias): decides the fold direction of collection vias.
std::vector<OpPtr> hopsOut(const std::vector<Hop> &path) { return hopsFor(path, true); }
std::vector<OpPtr> hopsIn(const std::vector<Hop> &path) { return hopsFor(path, false); }

// Appends `hops` after `op` completes. An xor gets them at the end of every branch that can
// complete (not after `fail`), which is where the reference puts them.
OpPtr withExit(const OpPtr &op, const std::vector<OpPtr> &hops);

OpPtr descend(const OpPtr &op, const std::vector<OpPtr> &hops) {
  switch (op->kind) {
  case OpKind::Seq: {
    auto copy = std::make_shared<Op>(*op);
    copy->children.back() = descend(copy->children.back(), hops);
    return copy;
  }
  case OpKind::New: {
    auto copy = std::make_shared<Op>(*op);
    copy->children[0] = descend(copy->children[0], hops);
    return copy;
  }
  case OpKind::Xor: {
    auto copy = std::make_shared<Op>(*op);
    for (auto &c : copy->children) {
      if (c->kind == OpKind::Fail) continue;
      std::vector<OpPtr> items{descend(c, hops)};
      items.insert(items.end(), hops.begin(), hops.end());
      c = makeSeq(items);
    }
    return copy;
  }
  default: return op;
  }
}

OpPtr withExit(const OpPtr &op, const std::vector<OpPtr> &hops) {
  if (hops.empty()) return op;
  switch (op->kind) {
  case OpKind::Seq: {
    auto copy = std::make_shared<Op>(*op);
    copy->children.back() = withExit(copy->children.back(), hops);
    return makeSeq({copy});
  }
  case OpKind::New:
  case OpKind::Xor: return descend(op, hops);
  default: {
    std::vector<OpPtr> items{op};
    items.insert(items.end(), hops.begin(), hops.end());
    return makeSeq(items);
  }
  }
}

const Op *stripNew(const OpPtr &op) {
  const Op *p = op.get();
  while (p->kind == OpKind::New) p = p->children[0].get();
  return p;
}

class Resolver {
public:
  explicit Resolver(const TopologyOptions &options) : options_(options) {}

  OpPtr resolve(const OpPtr &op, const Location &loc) {
    switch (op->kind) {
    case OpKind::Call:
    case OpKind::Canon: {
      if (op->peer) return op;
      auto copy = std::make_shared<Op>(*op);
      copy->peer = loc.back().peer;
      return copy;
    }
    case OpKind::Seq: return resolveSeq(op, loc);
    case OpKind::Par: {
      auto copy = std::make_shared<Op>(*op);
      for (auto &c : copy->children) c = resolveBranch(c, loc, /*enforce=*/true);
      return copy;
    }
    case OpKind::On: return resolveOn(op, loc, loc, false);
    default: {
      if (op->children.empty()) return op;
      auto copy = std::make_shared<Op>(*op);
      for (auto &c : copy->children) c = resolve(c, loc);
      return copy;
    }
    }
  }

private:
  const TopologyOptions &options_;

  // A par branch that ends on another peer comes back all the way (the target included).
  OpPtr resolveBranch(const OpPtr &op, const Location &loc, bool enforce) {
    if (op->kind == OpKind::On) return resolveOn(op, loc, loc, enforce && !op->parseqBranch);
    if (op->kind == OpKind::Seq && op->children.back()->kind == OpKind::On) {
      auto copy = std::make_shared<Op>(*op);
      OpPtr last = copy->children.back();
      copy->children.pop_back();
      OpPtr head = resolve(makeSeq(copy->children), loc);
      return makeSeq({head, resolveOn(last, loc, loc, enforce && !last->parseqBranch)});
    }
    return resolve(op, loc);
  }

  OpPtr resolveSeq(const OpPtr &op, const Location &loc) {
    std::vector<OpPtr> out;
    const auto &items = op->children;
    for (size_t i = 0; i < items.size(); ++i) {
      OpPtr r = resolve(items[i], loc);
      // An xor right before an `on` block walks towards it at the end of each branch.
      if (i + 1 < items.size() && items[i + 1]->kind == OpKind::On &&
          stripNew(items[i])->kind == OpKind::Xor) {
        Location next = loc;
        next.push_back(frameOf(*items[i + 1]));
        r = descend(r, hopsIn(findPath(loc, next)));
      }
      out.push_back(r);
    }
    return makeSeq(out);
  }

  static Frame frameOf(const Op &on) {
    Frame f{on.a, {}};
    for (size_t i = 0; i < on.vias.size(); ++i)
      f.vias.push_back(Hop{on.vias[i], i < on.viaIsCollection.size() && on.viaIsCollection[i]});
    return f;
  }

  // `exitTo`: where execution continues after the block; `enforce`: go all the way there.
  OpPtr resolveOn(const OpPtr &on, const Location &loc, const Location &exitTo, bool enforce) {
    Location inner = loc;
    inner.push_back(frameOf(*on));
    std::vector<OpPtr> items = hopsIn(findPath(loc, inner));
    const OpPtr &body = on->children[0];
    // The last statement of the body takes the exit over when it is itself an `on`.
    std::vector<OpPtr> stmts = body->kind == OpKind::Seq ? body->children : std::vector<OpPtr>{body};
    OpPtr tail = stmts.back();
    stmts.pop_back();
    if (!stmts.empty()) items.push_back(resolve(makeSeq(stmts), inner));
    if (stmts.empty() && tail->kind == OpKind::Null) {
      // Nothing runs there (e.g. only a closure definition): the reference walks in, not back.
      if (items.empty()) items.push_back(tail);
    } else if (on->noExit) {
      items.push_back(resolve(tail, inner));
    } else if (tail->kind == OpKind::On) {
      items.push_back(resolveOn(tail, inner, exitTo, enforce));
    } else {
      auto path = findPath(inner, exitTo);
      auto hops = hopsOut(path);
      if (enforce && !(exitTo.back().peer == inner.back().peer)) hops.push_back(hopTo(exitTo.back().peer));
      items.push_back(withExit(resolve(tail, inner), hops));
    }
    OpPtr block = makeSeq(items);
    if (options_.noXor || on->noErrorWrap) return block;
    auto errPath = findPath(inner, loc);
    auto errHops = hopsIn(errPath); // the reference walks collection vias forwards here
    if (!errHops.empty()) errHops.push_back(hopTo(loc.back().peer));
    errHops.push_back(makeFail(Val::error()));
    return makeXor(block, makeSeq(errHops));
  }
};

} // namespace

OpPtr resolveTopology(const OpPtr &body, const TopologyOptions &options) {
  Frame root{Val::initPeer(), {}};
  if (options.relay) root.vias.push_back(Hop{*options.relay});
  Resolver r(options);
  return r.resolve(body, Location{root});
}

} // namespace aqua::lower
