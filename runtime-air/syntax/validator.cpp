#include "validator.h"

#include <algorithm>
#include <optional>

namespace air::syntax {

namespace {

// AquaVM orders spans by their start only.
bool before(Span a, Span b) { return a.begin < b.begin; }
bool containsPosition(Span s, uint32_t p) { return s.begin < p && p < s.end; }
bool containsSpan(Span outer, Span inner) {
  return containsPosition(outer, inner.begin) && containsPosition(outer, inner.end);
}

bool isStreamLike(ValueKind k) { return k == ValueKind::Stream || k == ValueKind::StreamMap; }

} // namespace

void Validator::useName(const std::string &name, Span span) {
  if (isDefined(name, span)) return;
  if (unresolvedSeen_.insert(name).second) unresolvedVariables_.emplace_back(name, span);
}

void Validator::useLambda(const Value &v, Span span) {
  if (!v.lambda.valid()) return;
  for (const Accessor &a : s_[v.lambda].path)
    if (a.kind == Accessor::Kind::ByVariable) useName(a.name, span);
}

// A value in an operand position that AquaVM checks: scalars, canon streams and canon maps, with
// the scalars named inside their lambdas.
void Validator::use(ValueId id, Span span) {
  if (!id.valid()) return;
  const Value &v = s_[id];
  switch (v.kind) {
  case ValueKind::Scalar:
  case ValueKind::CanonStream:
  case ValueKind::CanonStreamMap:
    useName(v.text, span);
    useLambda(v, span);
    break;
  default: break;
  }
}

void Validator::define(const std::string &name, Span span) {
  auto [it, inserted] = definitions_.emplace(name, span);
  if (!inserted && it->second.begin > span.begin) it->second = span;
}

bool Validator::isDefined(const std::string &name, Span use) const {
  auto d = definitions_.find(name);
  if (d != definitions_.end() && before(d->second, use)) return true;
  auto it = iterators_.find(name);
  if (it == iterators_.end()) return false;
  for (Span s : it->second)
    if (before(s, use)) return true;
  return false;
}

const Span *Validator::closestFold(const std::string &iterator, Span span) const {
  auto it = iterators_.find(iterator);
  if (it == iterators_.end()) return nullptr;
  const Span *found = nullptr;
  for (const Span &s : it->second) // sorted by start in finish()
    if (containsSpan(s, span)) found = &s;
  return found;
}

void Validator::instruction(InstrId id) {
  const Instr &in = s_[id];
  const Span span = in.span;
  switch (in.kind) {
  case InstrKind::Call:
    use(in.v[0], span);
    use(in.v[1], span);
    use(in.v[2], span);
    for (const ValueId *a = s_.argsBegin(in); a != s_.argsEnd(in); ++a) use(*a, span);
    machine(Check::Simple, span);
    if (in.v[3].valid()) define(s_[in.v[3]].text, span);
    break;
  case InstrKind::Canon:
  case InstrKind::CanonMap:
  case InstrKind::CanonMapScalar:
    define(s_[in.v[2]].text, span);
    machine(Check::Simple, span);
    break;
  case InstrKind::Match:
  case InstrKind::Mismatch:
    use(in.v[0], span);
    use(in.v[1], span);
    machine(Check::Replacing, span);
    break;
  case InstrKind::Fold: {
    const Value &iterable = s_[in.v[0]];
    const std::string &iterator = s_[in.v[1]].text;
    bool hasLast = in.child[1].valid();
    if (isStreamLike(iterable.kind)) {
      useName(iterable.text, span);
      auto [it, inserted] = iterators_.try_emplace(iterator);
      if (inserted) iteratorOrder_.push_back(iterator);
      it->second.push_back(span);
      machine(hasLast ? Check::PopStack1ReplacingWithCheck : Check::ReplacingWithCheck, span, iterator);
    } else {
      use(in.v[0], span);
      auto [it, inserted] = iterators_.try_emplace(iterator);
      if (inserted) iteratorOrder_.push_back(iterator);
      it->second.push_back(span);
      machine(hasLast ? Check::PopStack2 : Check::PopStack1, span);
    }
    break;
  }
  case InstrKind::New: {
    const std::string &name = s_[in.v[0]].text;
    newCandidates_.emplace_back(name, span);
    define(name, span);
    machine(Check::Replacing, span);
    break;
  }
  case InstrKind::Next: {
    const std::string &name = s_[in.v[0]].text;
    if (iterablesSeen_.insert(name).second) unresolvedIterables_.emplace_back(name, span);
    auto [it, inserted] = nexts_.try_emplace(name);
    if (inserted) nextOrder_.push_back(name);
    it->second.push_back(span);
    machine(Check::PivotalNext, span, name);
    break;
  }
  case InstrKind::Ap:
    use(in.v[0], span);
    define(s_[in.v[1]].text, span);
    machine(Check::Simple, span);
    break;
  case InstrKind::ApMap:
    use(in.v[0], span); // the key only: AquaVM does not check the value
    define(s_[in.v[2]].text, span);
    machine(Check::Simple, span);
    break;
  case InstrKind::Fail:
    if (s_[in.v[0]].kind == ValueKind::Int && s_[in.v[0]].intValue == 0 && in.v[1].valid()) failZero_.push_back(span);
    machine(Check::Simple, span);
    break;
  case InstrKind::Seq:
  case InstrKind::Par: machine(Check::Merging, span); break;
  case InstrKind::Xor: machine(Check::Xoring, span); break;
  case InstrKind::Never:
  case InstrKind::Null: machine(Check::Simple, span); break;
  }
}

// AquaVM's AfterNextCheckMachine: a stack of reduced instructions' shapes that finds a `next`
// followed by something else in a fold over a stream.
void Validator::machine(Check kind, Span span, const std::string &iterator) {
  if (!enabled_) return;
  auto pop = [&]() -> std::optional<Entry> {
    if (stack_.empty()) return std::nullopt;
    Entry e = std::move(stack_.back());
    stack_.pop_back();
    return e;
  };
  switch (kind) {
  case Check::Replacing: {
    auto child = pop();
    if (!child) return disable();
    if (child->kind == Check::PivotalNext) stack_.push_back({Check::PivotalNext, child->iterator, span});
    else stack_.push_back({Check::Replacing, {}, span});
    return;
  }
  case Check::Xoring: {
    auto right = pop();
    auto left = pop();
    if (!left || !right) return disable();
    bool l = left->kind == Check::PivotalNext, r = right->kind == Check::PivotalNext;
    if (l && r) return disable();
    if (l) stack_.push_back({Check::PivotalNext, left->iterator, span});
    else if (r) stack_.push_back({Check::PivotalNext, right->iterator, span});
    else stack_.push_back({Check::Xoring, {}, span});
    return;
  }
  case Check::Merging: {
    auto right = pop();
    auto left = pop();
    if (!left || !right) return disable();
    bool l = left->kind == Check::PivotalNext, r = right->kind == Check::PivotalNext;
    if (l && r && left->iterator == right->iterator) {
      stack_.push_back({Check::PivotalNext, left->iterator, span});
    } else if (l) {
      stack_.push_back({Check::Merging, {}, span});
      potentiallyMalformed_.try_emplace(left->iterator, span);
    } else if (r) {
      stack_.push_back({Check::PivotalNext, right->iterator, span});
    } else {
      stack_.push_back({Check::Merging, {}, span});
    }
    return;
  }
  case Check::ReplacingWithCheck: return withCheck(kind, iterator, span);
  case Check::PopStack1ReplacingWithCheck:
    pop();
    return withCheck(kind, iterator, span);
  case Check::PivotalNext:
  case Check::Simple: stack_.push_back({kind, iterator, span}); return;
  case Check::PopStack1:
    pop();
    stack_.push_back({kind, {}, span});
    return;
  case Check::PopStack2:
    pop();
    pop();
    stack_.push_back({kind, {}, span});
    return;
  }
}

void Validator::withCheck(Check kind, const std::string &iterator, Span span) {
  if (stack_.empty()) {
    enabled_ = false;
    return;
  }
  Entry child = std::move(stack_.back());
  stack_.pop_back();
  afterNextCheck(iterator);
  if (child.kind == Check::PivotalNext && child.iterator == iterator) {
    potentiallyMalformed_.erase(iterator);
    stack_.push_back({Check::Simple, {}, span});
  } else if (child.kind == Check::PivotalNext) {
    stack_.push_back({Check::PivotalNext, child.iterator, span});
  } else {
    stack_.push_back({kind, iterator, span});
  }
}

void Validator::afterNextCheck(const std::string &iterator) {
  auto it = potentiallyMalformed_.find(iterator);
  if (it != potentiallyMalformed_.end()) malformed_.push_back(it->second);
}

void Validator::finish(std::vector<ParseError> &errors) {
  for (auto &[name, spans] : iterators_)
    std::stable_sort(spans.begin(), spans.end(), [](Span a, Span b) { return a.begin < b.begin; });
  for (const auto &[name, span] : unresolvedVariables_)
    if (!isDefined(name, span)) errors.push_back({span, "variable '" + name + "' wasn't defined"});
  for (const auto &[name, span] : unresolvedIterables_)
    if (!closestFold(name, span)) errors.push_back({span, "iterable '" + name + "' wasn't defined"});
  for (const std::string &name : nextOrder_) {
    std::vector<const Span *> folds;
    for (Span span : nexts_[name]) {
      const Span *fold = closestFold(name, span);
      if (!fold) continue;
      if (std::find(folds.begin(), folds.end(), fold) != folds.end())
        errors.push_back({span, "multiple next instructions for iterator '" + name +
                                    "' found for one fold, that is prohibited"});
      else folds.push_back(fold);
    }
  }
  for (const auto &[name, span] : newCandidates_)
    if (closestFold(name, span))
      errors.push_back({span, "new can't be applied to a '" + name + "' because it's an iterator"});
  for (const std::string &name : iteratorOrder_) {
    const std::vector<Span> &spans = iterators_[name];
    const Span *previous = nullptr;
    for (const Span &span : spans) {
      if (previous && containsSpan(*previous, span))
        errors.push_back({span, "multiple iterable values found for iterator name '" + name + "'"});
      else previous = &span;
    }
  }
  for (Span span : failZero_) errors.push_back({span, "error code 0 with fail is unsupported"});
  for (Span span : malformed_) errors.push_back({span, "fold can not have instructions after next"});
}

} // namespace air::syntax
