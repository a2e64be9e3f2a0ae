// Builders and helpers of the intermediate model (model.h).
#include "compiler/lower/model.h"

namespace aqua::lower {

Val Val::field(const std::string &name) const {
  Val v = *this;
  air::Accessor acc;
  acc.kind = air::Accessor::Kind::Field;
  acc.name = name;
  v.path.push_back(acc);
  return v;
}

Val Val::index(uint32_t i) const {
  Val v = *this;
  air::Accessor acc;
  acc.kind = air::Accessor::Kind::Index;
  acc.index = i;
  v.path.push_back(acc);
  return v;
}

Val Val::indexBy(const std::string &var) const {
  Val v = *this;
  air::Accessor acc;
  acc.kind = air::Accessor::Kind::ByVariable;
  acc.name = var;
  v.path.push_back(acc);
  return v;
}

bool Val::operator==(const Val &o) const { return debugText() == o.debugText(); }

std::string Val::debugText() const {
  std::string s = kind == Kind::String ? "\"" + text + "\"" : text;
  if (isLength) return s + ".length";
  if (!path.empty()) {
    s += ".$";
    for (const auto &acc : path) {
      switch (acc.kind) {
      case air::Accessor::Kind::Field: s += "." + acc.name; break;
      case air::Accessor::Kind::Index: s += ".[" + std::to_string(acc.index) + "]"; break;
      case air::Accessor::Kind::ByVariable: s += ".[" + acc.name + "]"; break;
      }
      if (acc.flatten) s += "!";
    }
  }
  return s;
}

static OpPtr make(OpKind kind) {
  auto op = std::make_shared<Op>();
  op->kind = kind;
  return op;
}

OpPtr makeSeq(std::vector<OpPtr> items) {
  // A left child that is itself a seq prints the same when merged, so merging is always safe for
  // the first item; later seq items are merged too, which is how the reference chains blocks.
  std::vector<OpPtr> flat;
  for (auto &item : items) {
    if (!item) continue;
    if (item->kind == OpKind::Seq) {
      for (auto &c : item->children) flat.push_back(c);
    } else {
      flat.push_back(item);
    }
  }
  if (flat.empty()) return makeNull();
  if (flat.size() == 1) return flat[0];
  auto op = make(OpKind::Seq);
  op->children = std::move(flat);
  return op;
}

OpPtr makePar(OpPtr l, OpPtr r) {
  auto op = make(OpKind::Par);
  op->children = {std::move(l), std::move(r)};
  return op;
}

OpPtr makeXor(OpPtr l, OpPtr r) {
  auto op = make(OpKind::Xor);
  op->children = {std::move(l), std::move(r)};
  return op;
}

OpPtr makeNull() { return make(OpKind::Null); }
OpPtr makeNever() { return make(OpKind::Never); }

OpPtr makeCall(std::optional<Val> peer, Val service, std::string function, std::vector<Val> args,
               std::optional<Val> result) {
  auto op = make(OpKind::Call);
  op->peer = std::move(peer);
  op->service = std::move(service);
  op->function = std::move(function);
  op->args = std::move(args);
  op->result = std::move(result);
  return op;
}

OpPtr makeAp(Val from, Val to) {
  auto op = make(OpKind::Ap);
  op->a = std::move(from);
  op->b = std::move(to);
  return op;
}

OpPtr makeApMap(Val key, Val value, Val map) {
  auto op = make(OpKind::ApMap);
  op->a = std::move(key);
  op->b = std::move(value);
  op->c = std::move(map);
  return op;
}

OpPtr makeCanon(std::optional<Val> peer, Val source, Val target) {
  auto op = make(OpKind::Canon);
  op->peer = std::move(peer);
  op->a = std::move(source);
  op->b = std::move(target);
  return op;
}

OpPtr makeNew(Val name, OpPtr body) {
  auto op = make(OpKind::New);
  op->a = std::move(name);
  op->children = {std::move(body)};
  return op;
}

OpPtr makeFold(Val iterable, Val iterator, OpPtr body, OpPtr last) {
  auto op = make(OpKind::Fold);
  op->a = std::move(iterable);
  op->b = std::move(iterator);
  op->children = {std::move(body)};
  if (last) op->children.push_back(std::move(last));
  return op;
}

OpPtr makeNext(Val iterator) {
  auto op = make(OpKind::Next);
  op->a = std::move(iterator);
  return op;
}

OpPtr makeMatch(bool equal, Val l, Val r, OpPtr body) {
  auto op = make(equal ? OpKind::Match : OpKind::Mismatch);
  op->a = std::move(l);
  op->b = std::move(r);
  op->children = {std::move(body)};
  return op;
}

OpPtr makeFail(Val error) {
  auto op = make(OpKind::Fail);
  op->a = std::move(error);
  return op;
}

OpPtr makeOn(Val peer, std::vector<Val> vias, std::vector<bool> viaIsCollection, OpPtr body) {
  auto op = make(OpKind::On);
  op->a = std::move(peer);
  op->vias = std::move(vias);
  op->viaIsCollection = std::move(viaIsCollection);
  op->children = {std::move(body)};
  return op;
}

} // namespace aqua::lower
