#include "validator.h"

#include <string>
#include <unordered_map>

namespace air::syntax {

namespace {

bool earlier(Span a, Span b) { return a.begin < b.begin || (a.begin == b.begin && a.end < b.end); }

bool isVariable(ValueKind kind) {
  return kind == ValueKind::Scalar || kind == ValueKind::Stream || kind == ValueKind::StreamMap ||
         kind == ValueKind::CanonStream || kind == ValueKind::CanonStreamMap;
}

class Validator {
public:
  Validator(const Script &script, std::vector<ParseError> &errors) : s_(script), errors_(errors) {}

  void run() {
    collectDefinitions();
    walk();
  }

private:
  struct FoldScope {
    std::string iterator;
    bool overStream = false;
    uint32_t nextCount = 0;
  };

  void define(ValueId id, Span where) {
    if (!id.valid()) return;
    const Value &v = s_[id];
    if (!isVariable(v.kind)) return;
    auto [it, inserted] = firstDefinition_.emplace(v.text, where);
    if (!inserted && earlier(where, it->second)) it->second = where;
  }

  void collectDefinitions() {
    for (const Instr &in : s_.instrs) {
      switch (in.kind) {
      case InstrKind::Call: define(in.v[3], in.span); break;
      case InstrKind::Ap: define(in.v[1], in.span); break;
      case InstrKind::ApMap: define(in.v[2], in.span); break;
      case InstrKind::Canon:
      case InstrKind::CanonMap:
      case InstrKind::CanonMapScalar: define(in.v[2], in.span); break;
      case InstrKind::New: define(in.v[0], in.span); break;
      default: break;
      }
    }
  }

  bool isActiveIterator(const std::string &name) const {
    for (const FoldScope &f : folds_)
      if (f.iterator == name) return true;
    return false;
  }

  void requireDefined(const std::string &name, Span use) {
    if (isActiveIterator(name)) return;
    auto it = firstDefinition_.find(name);
    if (it != firstDefinition_.end() && earlier(it->second, use)) return;
    errors_.push_back({use, "variable '" + name + "' wasn't defined"});
  }

  void use(ValueId id, Span instrSpan, bool streamsToo = false) {
    if (!id.valid()) return;
    const Value &v = s_[id];
    bool checked = v.kind == ValueKind::Scalar || v.kind == ValueKind::CanonStream ||
                   v.kind == ValueKind::CanonStreamMap ||
                   (streamsToo && (v.kind == ValueKind::Stream || v.kind == ValueKind::StreamMap));
    if (checked) requireDefined(v.text, instrSpan);
    if (v.lambda.valid())
      for (const Accessor &a : s_[v.lambda].path)
        if (a.kind == Accessor::Kind::ByVariable) requireDefined(a.name, instrSpan);
  }

  void checkInstr(InstrId id) {
    const Instr &in = s_[id];
    switch (in.kind) {
    case InstrKind::Call:
      use(in.v[0], in.span);
      use(in.v[1], in.span);
      use(in.v[2], in.span);
      for (const ValueId *a = s_.argsBegin(in); a != s_.argsEnd(in); ++a) use(*a, in.span);
      break;
    case InstrKind::Canon:
    case InstrKind::CanonMap:
    case InstrKind::CanonMapScalar: use(in.v[0], in.span); break;
    case InstrKind::Ap: use(in.v[0], in.span); break;
    case InstrKind::ApMap:
      use(in.v[0], in.span);
      use(in.v[1], in.span);
      break;
    case InstrKind::Fail:
      if (s_[in.v[0]].kind == ValueKind::Int && s_[in.v[0]].intValue == 0)
        errors_.push_back({in.span, "error code 0 with fail is unsupported"});
      use(in.v[0], in.span);
      break;
    case InstrKind::Match:
    case InstrKind::Mismatch:
      use(in.v[0], in.span);
      use(in.v[1], in.span);
      break;
    case InstrKind::Fold: use(in.v[0], in.span, /*streamsToo=*/true); break;
    case InstrKind::New: {
      const std::string &name = s_[in.v[0]].text;
      if (isActiveIterator(name))
        errors_.push_back({in.span, "new can't be applied to a '" + name + "' because it's an iterator"});
      break;
    }
    case InstrKind::Next: {
      const std::string &name = s_[in.v[0]].text;
      FoldScope *scope = nullptr;
      for (auto it = folds_.rbegin(); it != folds_.rend(); ++it)
        if (it->iterator == name) {
          scope = &*it;
          break;
        }
      if (!scope) {
        errors_.push_back({in.span, "iterable '" + name + "' wasn't defined"});
      } else if (++scope->nextCount > 1) {
        errors_.push_back({in.span, "multiple next instructions for iterator '" + name +
                                        "' found for one fold, that is prohibited"});
      }
      break;
    }
    case InstrKind::Seq:
    case InstrKind::Par: {
      const Instr &left = s_[in.child[0]];
      if (left.kind == InstrKind::Next) {
        const std::string &name = s_[left.v[0]].text;
        for (auto it = folds_.rbegin(); it != folds_.rend(); ++it)
          if (it->iterator == name) {
            if (it->overStream) errors_.push_back({left.span, "fold can not have instructions after next"});
            break;
          }
      }
      break;
    }
    default: break;
    }
  }

  // Depth-first, left to right, with explicit enter/exit events for folds.
  void walk() {
    struct Item {
      InstrId id;
      bool exitFold;
    };
    if (!s_.root.valid()) return;
    std::vector<Item> stack{{s_.root, false}};
    while (!stack.empty()) {
      Item item = stack.back();
      stack.pop_back();
      if (item.exitFold) {
        folds_.pop_back();
        continue;
      }
      const Instr &in = s_[item.id];
      checkInstr(item.id);
      if (in.kind == InstrKind::Fold) {
        const std::string &iterator = s_[in.v[1]].text;
        if (isActiveIterator(iterator))
          errors_.push_back({in.span, "multiple iterable values found for iterator name '" + iterator + "'"});
        ValueKind iterable = s_[in.v[0]].kind;
        // The last instruction runs after the iteration: the iterator is not in scope there.
        if (in.child[1].valid()) stack.push_back({in.child[1], false});
        stack.push_back({item.id, true});
        stack.push_back({in.child[0], false});
        folds_.push_back({iterator, iterable == ValueKind::Stream || iterable == ValueKind::StreamMap, 0});
        continue;
      }
      if (in.child[1].valid()) stack.push_back({in.child[1], false});
      if (in.child[0].valid()) stack.push_back({in.child[0], false});
    }
  }

  const Script &s_;
  std::vector<ParseError> &errors_;
  std::unordered_map<std::string, Span> firstDefinition_;
  std::vector<FoldScope> folds_;
};

} // namespace

void validate(const Script &script, std::vector<ParseError> &errors) { Validator(script, errors).run(); }

} // namespace air::syntax
