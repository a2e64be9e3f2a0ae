// AIR parser: tokens -> air::Script with AquaVM 0.62's grammar (air-semantics.md §1.2) and the
// behaviour of its LALRPOP-generated parser on bad input, so that error reports match the real
// VM's: the "expected ..." sets are what the LR automaton would accept at that point, and errors
// are recovered the LALRPOP way (an instruction slot that can take the error and the lookahead is
// searched from the innermost open instruction outwards; input is dropped until one exists).
// Lexical errors and tokens no rule accepts end the parse with that single error.
//
// Open instructions live on an explicit frame stack: nesting depth is bounded by memory only.
#include "air/parser.h"

#include <algorithm>
#include <limits>
#include <optional>

#include "lexer.h"
#include "validator.h"

namespace air {

namespace {

using syntax::bit;
using syntax::Lexer;
using syntax::Term;
using syntax::TermSet;
using syntax::Token;

constexpr TermSet operator|(Term a, Term b) { return bit(a) | bit(b); }
constexpr TermSet operator|(TermSet a, Term b) { return a | bit(b); }

constexpr TermSet kValue = Term::InitPeerId | Term::LastError | Term::LastErrorWithLambda | Term::Error |
                           Term::ErrorWithLambda | Term::Literal | Term::Timestamp | Term::TTL | Term::I64 |
                           Term::F64 | Term::Boolean | Term::LBracket | Term::Scalar | Term::ScalarWithLambda |
                           Term::CanonStream | Term::CanonStreamWithLambda | Term::CanonStreamMap |
                           Term::CanonStreamMapWithLambda;
constexpr TermSet kApArgument = kValue & ~bit(Term::CanonStreamMap);
constexpr TermSet kPeerId = Term::InitPeerId | Term::Literal | Term::Scalar | Term::ScalarWithLambda |
                            Term::CanonStreamWithLambda | Term::CanonStreamMapWithLambda;
constexpr TermSet kString = kPeerId & ~bit(Term::InitPeerId);
constexpr TermSet kKeywords = Term::Ap | Term::Call | Term::Canon | Term::Fail | Term::Fold | Term::Match |
                              Term::Mismatch | Term::Never | Term::New | Term::Next | Term::Null | Term::Par |
                              Term::Seq | Term::Xor;
constexpr TermSet kNewArgument = Term::Scalar | Term::Stream | Term::StreamMap | Term::CanonStream |
                                 Term::CanonStreamMap;
constexpr TermSet kFailBody = Term::Scalar | Term::ScalarWithLambda | Term::I64 | Term::CanonStreamWithLambda |
                              Term::LastError | Term::Error;
constexpr TermSet kFoldIterable = Term::Scalar | Term::ScalarWithLambda | Term::CanonStream | Term::CanonStreamMap |
                                  Term::CanonStreamMapWithLambda | Term::LBracket | Term::Stream | Term::StreamMap;
constexpr TermSet kMapKey = Term::Literal | Term::I64 | Term::Scalar | Term::ScalarWithLambda |
                            Term::CanonStreamWithLambda;

// Where an open instruction is in its production.
enum class Pos : uint8_t {
  Open, // after "(": a keyword
  CallPeer, CallLParen, CallService, CallFunction, CallRParen, CallArgsOpen, CallArgs, CallArgEmpty, CallOutput,
  CallEnd,
  CanonPeer, CanonSource, CanonStreamTarget, CanonMapTarget, CanonEnd,
  ApFirst, ApArgEmpty, ApResult, ApEnd, ApMapKey, ApMapValue, ApMapValueEmpty, ApMapRParen, ApMapMap, ApMapEnd,
  End, // never, null: ")"
  NewArgument,
  FailBody, FailMessage, FailEnd,
  FoldIterable, FoldIterableEmpty, FoldIterator,
  NextIterator, NextEnd,
  MatchLeft, MatchLeftEmpty, MatchRight, MatchRightEmpty,
  Children, // instruction slots, then ")"
};

struct Frame {
  Instr instr;
  Pos pos = Pos::Open;
  uint8_t children = 0, minChildren = 0, maxChildren = 0;
  uint32_t bracket = 0; // start of a pending "[" of an empty-array operand
};

TermSet slotsAccept(unsigned count, unsigned min, unsigned max) {
  if (count < min) return bit(Term::LParen);
  if (count < max) return Term::LParen | Term::RParen;
  return bit(Term::RParen);
}

TermSet accepts(const Frame &f) {
  switch (f.pos) {
  case Pos::Open: return kKeywords;
  case Pos::CallPeer:
  case Pos::CanonPeer: return kPeerId;
  case Pos::CallLParen: return bit(Term::LParen);
  case Pos::CallService:
  case Pos::CallFunction: return kString;
  case Pos::CallArgsOpen: return bit(Term::LBracket);
  case Pos::CallArgs: return kValue | Term::RBracket;
  case Pos::CallOutput: return Term::Scalar | Term::Stream | Term::RParen;
  case Pos::CanonSource: return Term::Stream | Term::StreamMap;
  case Pos::CanonStreamTarget: return bit(Term::CanonStream);
  case Pos::CanonMapTarget: return Term::CanonStreamMap | Term::Scalar;
  case Pos::ApFirst: return kApArgument | Term::LParen;
  case Pos::ApResult: return Term::Scalar | Term::Stream;
  case Pos::ApMapKey: return kMapKey;
  case Pos::ApMapValue: return kApArgument;
  case Pos::ApMapMap: return bit(Term::StreamMap);
  case Pos::NewArgument: return kNewArgument;
  case Pos::FailBody: return kFailBody;
  case Pos::FailMessage: return bit(Term::Literal);
  case Pos::FoldIterable: return kFoldIterable;
  case Pos::FoldIterator:
  case Pos::NextIterator: return bit(Term::Scalar);
  case Pos::MatchLeft:
  case Pos::MatchRight: return kValue;
  case Pos::CallArgEmpty:
  case Pos::ApArgEmpty:
  case Pos::ApMapValueEmpty:
  case Pos::FoldIterableEmpty:
  case Pos::MatchLeftEmpty:
  case Pos::MatchRightEmpty: return bit(Term::RBracket);
  case Pos::CallRParen:
  case Pos::CallEnd:
  case Pos::CanonEnd:
  case Pos::ApEnd:
  case Pos::ApMapRParen:
  case Pos::ApMapEnd:
  case Pos::End:
  case Pos::FailEnd:
  case Pos::NextEnd: return bit(Term::RParen);
  case Pos::Children: return slotsAccept(f.children, f.minChildren, f.maxChildren);
  }
  return 0;
}

class Parser {
public:
  Parser(std::string_view text, ParseResult &result, bool validate)
      : lexer_(text), textSize_(static_cast<uint32_t>(text.size())), result_(result),
        script_(result.script) {
    if (validate) validator_.emplace(script_);
  }

  void run() {
    if (!fetch()) return;
    while (true) {
      TermSet acc = current();
      if (atEnd_) {
        if (rootDone_) break;
        // AquaVM points one byte past the last token; spans stay inside the text, and the
        // renderer draws an empty span at the end as that one caret.
        errors_.push_back(
            {Span{lastEnd_, std::min(lastEnd_ + 1, textSize_)}, syntax::expectedText(acc)});
        if (!recover()) return;
        continue;
      }
      if (acc & bit(look_.term)) {
        shift();
        if (!fetch()) return;
        continue;
      }
      errors_.push_back({look_.span, syntax::expectedText(acc)});
      if (!recover()) return;
    }
    result_.errors = std::move(errors_);
    if (validator_) validator_->finish(result_.errors);
  }

private:
  TermSet current() const {
    if (frames_.empty()) return rootDone_ ? 0 : bit(Term::LParen);
    return accepts(frames_.back());
  }

  // Next token into look_; false when the parse ended on a fatal error.
  bool fetch() {
    ParseError error;
    switch (lexer_.next(look_, error)) {
    case Lexer::Result::End: atEnd_ = true; return true;
    case Lexer::Result::Error: return fatal(std::move(error));
    case Lexer::Result::Token: break;
    }
    lastEnd_ = look_.span.end;
    if (look_.term == Term::StreamWithLambda || look_.term == Term::StreamMapWithLambda)
      return fatal({look_.span, syntax::expectedText(current())});
    return true;
  }

  bool fatal(ParseError error) {
    result_.errors.clear();
    result_.errors.push_back(std::move(error));
    return false;
  }

  ValueId addValue() {
    Value v = std::move(look_.value);
    if (!look_.lambda.path.empty() || look_.lambda.isLength) v.lambda = script_.add(std::move(look_.lambda));
    return script_.add(std::move(v));
  }
  ValueId addEmptyArray(const Frame &f) {
    Value v;
    v.kind = ValueKind::EmptyArray;
    v.span = Span{f.bracket, look_.span.end};
    return script_.add(std::move(v));
  }

  void shift() {
    const Term t = look_.term;
    if (frames_.empty()) { // "(" of the root
      openFrame();
      return;
    }
    Frame &f = frames_.back();
    Instr &in = f.instr;
    switch (f.pos) {
    case Pos::Open: return keyword(f, t);
    case Pos::CallPeer:
      in.v[0] = addValue();
      f.pos = Pos::CallLParen;
      return;
    case Pos::CallLParen: f.pos = Pos::CallService; return;
    case Pos::CallService:
      in.v[1] = addValue();
      f.pos = Pos::CallFunction;
      return;
    case Pos::CallFunction:
      in.v[2] = addValue();
      f.pos = Pos::CallRParen;
      return;
    case Pos::CallRParen: f.pos = Pos::CallArgsOpen; return;
    case Pos::CallArgsOpen: f.pos = Pos::CallArgs; return;
    case Pos::CallArgs:
      if (t == Term::RBracket) f.pos = Pos::CallOutput;
      else if (t == Term::LBracket) startEmptyArray(f, Pos::CallArgEmpty);
      else args_.push_back(addValue());
      return;
    case Pos::CallArgEmpty:
      args_.push_back(addEmptyArray(f));
      f.pos = Pos::CallArgs;
      return;
    case Pos::CallOutput:
      if (t == Term::RParen) return close();
      in.v[3] = addValue();
      f.pos = Pos::CallEnd;
      return;
    case Pos::CanonPeer:
      in.v[0] = addValue();
      f.pos = Pos::CanonSource;
      return;
    case Pos::CanonSource:
      f.pos = t == Term::Stream ? Pos::CanonStreamTarget : Pos::CanonMapTarget;
      in.kind = t == Term::Stream ? InstrKind::Canon : InstrKind::CanonMap;
      in.v[1] = addValue();
      return;
    case Pos::CanonStreamTarget:
    case Pos::CanonMapTarget:
      if (t == Term::Scalar) in.kind = InstrKind::CanonMapScalar;
      in.v[2] = addValue();
      f.pos = Pos::CanonEnd;
      return;
    case Pos::ApFirst:
      if (t == Term::LParen) {
        in.kind = InstrKind::ApMap;
        f.pos = Pos::ApMapKey;
      } else if (t == Term::LBracket) {
        startEmptyArray(f, Pos::ApArgEmpty);
      } else {
        in.v[0] = addValue();
        f.pos = Pos::ApResult;
      }
      return;
    case Pos::ApArgEmpty:
      in.v[0] = addEmptyArray(f);
      f.pos = Pos::ApResult;
      return;
    case Pos::ApResult:
      in.v[1] = addValue();
      f.pos = Pos::ApEnd;
      return;
    case Pos::ApMapKey:
      in.v[0] = addValue();
      f.pos = Pos::ApMapValue;
      return;
    case Pos::ApMapValue:
      if (t == Term::LBracket) return startEmptyArray(f, Pos::ApMapValueEmpty);
      in.v[1] = addValue();
      f.pos = Pos::ApMapRParen;
      return;
    case Pos::ApMapValueEmpty:
      in.v[1] = addEmptyArray(f);
      f.pos = Pos::ApMapRParen;
      return;
    case Pos::ApMapRParen: f.pos = Pos::ApMapMap; return;
    case Pos::ApMapMap:
      in.v[2] = addValue();
      f.pos = Pos::ApMapEnd;
      return;
    case Pos::NewArgument:
      in.v[0] = addValue();
      enterChildren(f, 1, 1);
      return;
    case Pos::FailBody:
      in.v[0] = addValue();
      f.pos = t == Term::I64 ? Pos::FailMessage : Pos::FailEnd;
      return;
    case Pos::FailMessage:
      in.v[1] = addValue();
      f.pos = Pos::FailEnd;
      return;
    case Pos::FoldIterable:
      if (t == Term::LBracket) return startEmptyArray(f, Pos::FoldIterableEmpty);
      in.v[0] = addValue();
      f.pos = Pos::FoldIterator;
      return;
    case Pos::FoldIterableEmpty:
      in.v[0] = addEmptyArray(f);
      f.pos = Pos::FoldIterator;
      return;
    case Pos::FoldIterator:
      in.v[1] = addValue();
      enterChildren(f, 1, 2);
      return;
    case Pos::NextIterator:
      in.v[0] = addValue();
      f.pos = Pos::NextEnd;
      return;
    case Pos::MatchLeft:
    case Pos::MatchRight: {
      bool left = f.pos == Pos::MatchLeft;
      if (t == Term::LBracket) return startEmptyArray(f, left ? Pos::MatchLeftEmpty : Pos::MatchRightEmpty);
      in.v[left ? 0 : 1] = addValue();
      if (left) f.pos = Pos::MatchRight;
      else enterChildren(f, 1, 1);
      return;
    }
    case Pos::MatchLeftEmpty:
      in.v[0] = addEmptyArray(f);
      f.pos = Pos::MatchRight;
      return;
    case Pos::MatchRightEmpty:
      in.v[1] = addEmptyArray(f);
      enterChildren(f, 1, 1);
      return;
    case Pos::Children:
      if (t == Term::LParen) return openFrame();
      return close();
    case Pos::CallEnd:
    case Pos::CanonEnd:
    case Pos::ApEnd:
    case Pos::ApMapEnd:
    case Pos::End:
    case Pos::FailEnd:
    case Pos::NextEnd: return close();
    }
  }

  void startEmptyArray(Frame &f, Pos pos) {
    f.bracket = look_.span.begin;
    f.pos = pos;
  }
  static void enterChildren(Frame &f, uint8_t min, uint8_t max) {
    f.pos = Pos::Children;
    f.minChildren = min;
    f.maxChildren = max;
  }

  void openFrame() {
    Frame f;
    f.instr.span.begin = look_.span.begin;
    frames_.push_back(std::move(f));
  }

  void keyword(Frame &f, Term t) {
    Instr &in = f.instr;
    switch (t) {
    case Term::Call:
      in.kind = InstrKind::Call;
      f.pos = Pos::CallPeer;
      args_.clear();
      break;
    case Term::Canon:
      in.kind = InstrKind::Canon;
      f.pos = Pos::CanonPeer;
      break;
    case Term::Ap:
      in.kind = InstrKind::Ap;
      f.pos = Pos::ApFirst;
      break;
    case Term::Seq:
    case Term::Par:
    case Term::Xor:
      in.kind = t == Term::Seq ? InstrKind::Seq : t == Term::Par ? InstrKind::Par : InstrKind::Xor;
      enterChildren(f, 2, 2);
      break;
    case Term::Never:
    case Term::Null:
      in.kind = t == Term::Never ? InstrKind::Never : InstrKind::Null;
      f.pos = Pos::End;
      break;
    case Term::New:
      in.kind = InstrKind::New;
      f.pos = Pos::NewArgument;
      break;
    case Term::Fail:
      in.kind = InstrKind::Fail;
      f.pos = Pos::FailBody;
      break;
    case Term::Fold:
      in.kind = InstrKind::Fold;
      f.pos = Pos::FoldIterable;
      break;
    case Term::Next:
      in.kind = InstrKind::Next;
      f.pos = Pos::NextIterator;
      break;
    case Term::Match:
    case Term::Mismatch:
      in.kind = t == Term::Match ? InstrKind::Match : InstrKind::Mismatch;
      f.pos = Pos::MatchLeft;
      break;
    default: break;
    }
  }

  // ")" of the top frame: the instruction is reduced.
  void close() {
    Frame f = std::move(frames_.back());
    frames_.pop_back();
    f.instr.span.end = look_.span.end;
    if (f.instr.kind == InstrKind::Call) {
      f.instr.argsBegin = static_cast<uint32_t>(script_.callArgs.size());
      f.instr.argsCount = static_cast<uint32_t>(args_.size());
      script_.callArgs.insert(script_.callArgs.end(), args_.begin(), args_.end());
      args_.clear();
    }
    InstrId id = script_.add(std::move(f.instr));
    if (validator_) validator_->instruction(id);
    attach(id);
  }

  void attach(InstrId id) {
    if (frames_.empty()) {
      script_.root = id;
      rootDone_ = true;
      return;
    }
    Frame &parent = frames_.back();
    parent.instr.child[parent.children++] = id;
  }

  // LALRPOP's error recovery; false when it ended the parse (fatal error).
  bool recover() {
    while (true) {
      for (size_t fi = frames_.size(); fi-- > 0;) {
        Frame &f = frames_[fi];
        if (f.pos != Pos::Children) continue;
        for (int j = std::min<int>(f.children, f.maxChildren - 1); j >= 0; --j) {
          TermSet after = slotsAccept(static_cast<unsigned>(j + 1), f.minChildren, f.maxChildren);
          if (atEnd_ || !(after & bit(look_.term))) continue;
          frames_.resize(fi + 1);
          Frame &target = frames_.back();
          target.children = static_cast<uint8_t>(j);
          for (int k = j; k < 2; ++k) target.instr.child[k] = InstrId{};
          args_.clear();
          attach(errorPlaceholder());
          return true;
        }
      }
      if (atEnd_) { // the start state takes the error as the whole script, then the end
        frames_.clear();
        args_.clear();
        rootDone_ = false;
        attach(errorPlaceholder());
        return true;
      }
      if (!fetch()) return false; // drop the lookahead
    }
  }

  InstrId errorPlaceholder() {
    Instr error;
    error.kind = InstrKind::Null;
    error.span = errors_.back().span;
    return script_.add(std::move(error));
  }

  Lexer lexer_;
  uint32_t textSize_;
  ParseResult &result_;
  Script &script_;
  std::optional<syntax::Validator> validator_;
  std::vector<Frame> frames_;
  std::vector<ValueId> args_; // arguments of the call being parsed (calls do not nest)
  std::vector<ParseError> errors_;
  Token look_;
  bool atEnd_ = false;
  bool rootDone_ = false;
  uint32_t lastEnd_ = 0;
};

} // namespace

ParseResult parse(std::string_view text, ParseOptions options) {
  ParseResult result;
  if (text.size() >= std::numeric_limits<uint32_t>::max() - 1) {
    result.errors.push_back({Span{0, 0}, "the script is too large (4 GiB or more)"});
    locateParseErrors({}, result.errors);
    return result;
  }
  Parser(text, result, options.validate).run();
  locateParseErrors(text, result.errors);
  return result;
}

} // namespace air
