// The checks AquaVM's parser runs on what it reduced (air-semantics.md §1.3), fed one instruction
// at a time in reduction order, as AquaVM's VariableValidator is: definitions before use (by
// textual start, scope not considered; only the first unresolved use of a name is checked),
// `next` inside its fold, one `next` per fold, `new` on iterators, nested iterator reuse,
// `fail 0`, and AquaVM's "nothing after next in stream folds" stack machine.
#pragma once

#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "air/ast.h"
#include "air/parser.h"

namespace air::syntax {

class Validator {
public:
  explicit Validator(const Script &script) : s_(script) {}
  // An instruction was reduced (its children before it). Not called for error placeholders.
  void instruction(InstrId id);
  // Appends the errors in AquaVM's order.
  void finish(std::vector<ParseError> &errors);

private:
  enum class Check : uint8_t {
    PivotalNext, Merging, PopStack1, PopStack2, Replacing, ReplacingWithCheck, Xoring,
    PopStack1ReplacingWithCheck, Simple
  };
  struct Entry {
    Check kind;
    std::string iterator; // PivotalNext and the *WithCheck kinds
    Span span;
  };

  void use(ValueId id, Span span);
  void useName(const std::string &name, Span span);
  void useLambda(const Value &v, Span span);
  void define(const std::string &name, Span span);
  bool isDefined(const std::string &name, Span use) const;
  const Span *closestFold(const std::string &iterator, Span span) const;

  void machine(Check kind, Span span, const std::string &iterator = {});
  void withCheck(Check kind, const std::string &iterator, Span span);
  void afterNextCheck(const std::string &iterator);
  void disable() {
    stack_.clear();
    enabled_ = false;
  }

  const Script &s_;
  std::unordered_map<std::string, Span> definitions_;
  std::unordered_map<std::string, std::vector<Span>> iterators_;
  std::vector<std::string> iteratorOrder_;
  std::vector<std::pair<std::string, Span>> unresolvedVariables_; // first unresolved use per name
  std::unordered_set<std::string> unresolvedSeen_;
  std::vector<std::pair<std::string, Span>> unresolvedIterables_;
  std::unordered_set<std::string> iterablesSeen_;
  std::unordered_map<std::string, std::vector<Span>> nexts_;
  std::vector<std::string> nextOrder_;
  std::vector<std::pair<std::string, Span>> newCandidates_;
  std::vector<Span> failZero_;

  std::vector<Entry> stack_;
  std::unordered_map<std::string, Span> potentiallyMalformed_;
  std::vector<Span> malformed_;
  bool enabled_ = true;
};

} // namespace air::syntax
