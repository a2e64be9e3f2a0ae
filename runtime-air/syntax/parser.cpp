// AIR parser: tokens -> air::Script. Compound instructions are parsed with an explicit frame stack,
// so nesting depth is bounded by memory, not by the C++ stack.
#include "air/parser.h"

#include "lexer.h"
#include "validator.h"

namespace air {

namespace {

using syntax::ClassifiedValue;
using syntax::Token;
using syntax::TokenKind;

// Which operand kinds a position accepts (air-semantics.md §1.2).
enum Accept : uint32_t {
  kInitPeer = 1u << 0, kTimestamp = 1u << 1, kTtl = 1u << 2, kLastError = 1u << 3, kError = 1u << 4,
  kString = 1u << 5, kInt = 1u << 6, kFloat = 1u << 7, kBool = 1u << 8, kEmptyArray = 1u << 9,
  kScalar = 1u << 10, kStream = 1u << 11, kStreamMap = 1u << 12, kCanon = 1u << 13, kCanonMap = 1u << 14,
  // lambda allowed on these
  kLambdaScalar = 1u << 15, kLambdaCanon = 1u << 16, kLambdaCanonMap = 1u << 17, kLambdaError = 1u << 18,
  // Scalar without lambda only (bare canon map is not an `ap` argument)
};

constexpr uint32_t kAnyValue = kInitPeer | kTimestamp | kTtl | kLastError | kError | kString | kInt | kFloat |
                               kBool | kEmptyArray | kScalar | kCanon | kCanonMap | kLambdaScalar |
                               kLambdaCanon | kLambdaCanonMap | kLambdaError;
constexpr uint32_t kPeerId = kInitPeer | kString | kScalar | kLambdaScalar | kLambdaCanon | kLambdaCanonMap;
constexpr uint32_t kStrVal = kString | kScalar | kLambdaScalar | kLambdaCanon | kLambdaCanonMap;

uint32_t bitOf(ValueKind kind) {
  switch (kind) {
  case ValueKind::InitPeerId: return kInitPeer;
  case ValueKind::Timestamp: return kTimestamp;
  case ValueKind::Ttl: return kTtl;
  case ValueKind::LastError: return kLastError;
  case ValueKind::Error: return kError;
  case ValueKind::String: return kString;
  case ValueKind::Int: return kInt;
  case ValueKind::Float: return kFloat;
  case ValueKind::Bool: return kBool;
  case ValueKind::EmptyArray: return kEmptyArray;
  case ValueKind::Scalar: return kScalar;
  case ValueKind::Stream: return kStream;
  case ValueKind::StreamMap: return kStreamMap;
  case ValueKind::CanonStream: return kCanon;
  case ValueKind::CanonStreamMap: return kCanonMap;
  }
  return 0;
}

uint32_t lambdaBitOf(ValueKind kind) {
  switch (kind) {
  case ValueKind::Scalar: return kLambdaScalar;
  case ValueKind::CanonStream: return kLambdaCanon;
  case ValueKind::CanonStreamMap: return kLambdaCanonMap;
  case ValueKind::Error:
  case ValueKind::LastError: return kLambdaError;
  default: return 0;
  }
}

struct Frame {
  Instr instr;
  uint32_t children = 0;
  uint32_t minChildren = 0;
  uint32_t maxChildren = 0;
};

class Parser {
public:
  Parser(std::string_view text, std::vector<Token> tokens, ParseResult &result)
      : text_(text), tokens_(std::move(tokens)), result_(result), script_(result.script) {}

  void run() {
    std::vector<Frame> stack;
    InstrId root;
    while (true) {
      if (!stack.empty() && peek().kind == TokenKind::RParen) {
        Frame frame = std::move(stack.back());
        stack.pop_back();
        if (frame.children < frame.minChildren) return error(peek().span, "expected \"(\"");
        frame.instr.span.end = next().span.end;
        InstrId id = script_.add(std::move(frame.instr));
        if (!attach(stack, root, id)) return;
        if (stack.empty()) break;
        continue;
      }
      if (!stack.empty() && stack.back().children >= stack.back().maxChildren)
        return error(peek().span, "expected \")\"");
      const Token &open = next();
      if (open.kind != TokenKind::LParen) return unexpected(open, "expected \"(\"");
      const Token &keywordToken = next();
      if (keywordToken.kind != TokenKind::Bare) return unexpected(keywordToken, "expected an instruction");
      Frame frame;
      frame.instr.span.begin = open.span.begin;
      if (!parseHead(keywordToken, frame)) return;
      if (frame.maxChildren == 0) {
        const Token &close = next();
        if (close.kind != TokenKind::RParen) return unexpected(close, "expected \")\"");
        frame.instr.span.end = close.span.end;
        InstrId id = script_.add(std::move(frame.instr));
        if (!attach(stack, root, id)) return;
        if (stack.empty()) break;
        continue;
      }
      stack.push_back(std::move(frame));
    }
    script_.root = root;
    if (peek().kind != TokenKind::End) error(peek().span, "extra token");
  }

private:
  const Token &peek() const { return tokens_[pos_]; }
  const Token &next() {
    const Token &t = tokens_[pos_];
    if (pos_ + 1 < tokens_.size()) ++pos_;
    return t;
  }

  void error(Span span, std::string message) { result_.errors.push_back({span, std::move(message)}); }
  void unexpected(const Token &t, std::string message) {
    if (t.kind == TokenKind::End) return error(t.span, "unexpected end of the script: " + message);
    error(t.span, std::move(message));
  }

  bool attach(std::vector<Frame> &stack, InstrId &root, InstrId id) {
    if (stack.empty()) {
      root = id;
      return true;
    }
    Frame &parent = stack.back();
    parent.instr.child[parent.children++] = id;
    return true;
  }

  // Reads one operand; `accept` lists the allowed kinds. Returns an invalid id on error.
  ValueId operand(uint32_t accept, const char *what) {
    const Token &t = next();
    if (t.kind == TokenKind::String) {
      if (!(accept & kString)) return reject(t, what);
      Value v;
      v.kind = ValueKind::String;
      v.span = t.span;
      v.text = std::string(t.text);
      return script_.add(std::move(v));
    }
    if (t.kind == TokenKind::LBracket) {
      const Token &close = next();
      if (close.kind != TokenKind::RBracket || !(accept & kEmptyArray)) return reject(close, what);
      Value v;
      v.kind = ValueKind::EmptyArray;
      v.span = Span{t.span.begin, close.span.end};
      return script_.add(std::move(v));
    }
    if (t.kind != TokenKind::Bare || syntax::isInstructionKeyword(t.text)) return reject(t, what);
    ClassifiedValue c = syntax::classifyBare(t);
    if (!c.error.empty()) {
      error(c.errorSpan, c.error);
      return ValueId{};
    }
    uint32_t bit = c.hasLambda ? lambdaBitOf(c.value.kind) : bitOf(c.value.kind);
    if (!bit || !(accept & bit)) return reject(t, what);
    if (c.hasLambda) c.value.lambda = script_.add(std::move(c.lambda));
    return script_.add(std::move(c.value));
  }

  ValueId reject(const Token &t, const char *what) {
    unexpected(t, std::string("expected ") + what);
    return ValueId{};
  }

  bool expect(TokenKind kind, const char *text) {
    const Token &t = next();
    if (t.kind == kind) return true;
    unexpected(t, std::string("expected \"") + text + "\"");
    return false;
  }

  bool parseHead(const Token &keywordToken, Frame &frame) {
    std::string_view kw = keywordToken.text;
    Instr &in = frame.instr;
    auto ok = [](ValueId id) { return id.valid(); };
    if (kw == "call") {
      in.kind = InstrKind::Call;
      if (!ok(in.v[0] = operand(kPeerId, "a peer id"))) return false;
      if (!expect(TokenKind::LParen, "(")) return false;
      if (!ok(in.v[1] = operand(kStrVal, "a service id"))) return false;
      if (!ok(in.v[2] = operand(kStrVal, "a function name"))) return false;
      if (!expect(TokenKind::RParen, ")")) return false;
      if (!expect(TokenKind::LBracket, "[")) return false;
      std::vector<ValueId> args;
      while (peek().kind != TokenKind::RBracket) {
        if (peek().kind == TokenKind::End) return expect(TokenKind::RBracket, "]");
        ValueId arg = operand(kAnyValue, "an argument value");
        if (!ok(arg)) return false;
        args.push_back(arg);
      }
      next();
      in.argsBegin = static_cast<uint32_t>(script_.callArgs.size());
      in.argsCount = static_cast<uint32_t>(args.size());
      script_.callArgs.insert(script_.callArgs.end(), args.begin(), args.end());
      if (peek().kind != TokenKind::RParen) {
        if (!ok(in.v[3] = operand(kScalar | kStream, "a call output (scalar or stream)"))) return false;
      }
      return true;
    }
    if (kw == "canon") {
      if (!ok(in.v[0] = operand(kPeerId, "a peer id"))) return false;
      if (!ok(in.v[1] = operand(kStream | kStreamMap, "a stream or a stream map"))) return false;
      bool fromMap = script_[in.v[1]].kind == ValueKind::StreamMap;
      uint32_t target = fromMap ? (kCanonMap | kScalar) : kCanon;
      if (!ok(in.v[2] = operand(target, fromMap ? "a canon map or a scalar" : "a canon stream"))) return false;
      if (!fromMap) in.kind = InstrKind::Canon;
      else in.kind = script_[in.v[2]].kind == ValueKind::Scalar ? InstrKind::CanonMapScalar : InstrKind::CanonMap;
      return true;
    }
    if (kw == "ap") {
      if (peek().kind == TokenKind::LParen) {
        next();
        in.kind = InstrKind::ApMap;
        if (!ok(in.v[0] = operand(kString | kInt | kScalar | kLambdaScalar | kLambdaCanon, "a map key"))) return false;
        if (!ok(in.v[1] = operand(kAnyValue & ~kCanonMap, "a value"))) return false;
        if (!expect(TokenKind::RParen, ")")) return false;
        return ok(in.v[2] = operand(kStreamMap, "a stream map"));
      }
      in.kind = InstrKind::Ap;
      if (!ok(in.v[0] = operand(kAnyValue & ~kCanonMap, "a value"))) return false;
      return ok(in.v[1] = operand(kScalar | kStream, "a scalar or a stream"));
    }
    if (kw == "seq" || kw == "par" || kw == "xor") {
      in.kind = kw == "seq" ? InstrKind::Seq : kw == "par" ? InstrKind::Par : InstrKind::Xor;
      frame.minChildren = frame.maxChildren = 2;
      return true;
    }
    if (kw == "never" || kw == "null") {
      in.kind = kw == "never" ? InstrKind::Never : InstrKind::Null;
      return true;
    }
    if (kw == "new") {
      in.kind = InstrKind::New;
      frame.minChildren = frame.maxChildren = 1;
      return ok(in.v[0] = operand(kScalar | kStream | kStreamMap | kCanon | kCanonMap, "a variable"));
    }
    if (kw == "fail") {
      in.kind = InstrKind::Fail;
      if (peek().kind == TokenKind::Bare) {
        ClassifiedValue c = syntax::classifyBare(peek());
        if (c.error.empty() && c.value.kind == ValueKind::Int) {
          if (!ok(in.v[0] = operand(kInt, "an error code"))) return false;
          return ok(in.v[1] = operand(kString, "an error message"));
        }
      }
      return ok(in.v[0] = operand(kScalar | kLambdaScalar | kLambdaCanon | kLastError | kError,
                                  "a scalar, an error or an error code"));
    }
    if (kw == "fold") {
      in.kind = InstrKind::Fold;
      frame.minChildren = 1;
      frame.maxChildren = 2;
      if (!ok(in.v[0] = operand(kScalar | kLambdaScalar | kCanon | kCanonMap | kLambdaCanonMap | kEmptyArray |
                                    kStream | kStreamMap,
                                "an iterable"))) return false;
      return ok(in.v[1] = operand(kScalar, "an iterator name"));
    }
    if (kw == "next") {
      in.kind = InstrKind::Next;
      return ok(in.v[0] = operand(kScalar, "an iterator name"));
    }
    if (kw == "match" || kw == "mismatch") {
      in.kind = kw == "match" ? InstrKind::Match : InstrKind::Mismatch;
      frame.minChildren = frame.maxChildren = 1;
      if (!ok(in.v[0] = operand(kAnyValue, "a value"))) return false;
      return ok(in.v[1] = operand(kAnyValue, "a value"));
    }
    error(keywordToken.span, "expected an instruction (call, canon, ap, seq, par, xor, new, fail, fold, next, "
                             "match, mismatch, null, never)");
    return false;
  }

  std::string_view text_;
  std::vector<Token> tokens_;
  size_t pos_ = 0;
  ParseResult &result_;
  Script &script_;
};

} // namespace

ParseResult parse(std::string_view text, ParseOptions options) {
  ParseResult result;
  std::vector<syntax::Token> tokens = syntax::tokenize(text, result.errors);
  if (!result.errors.empty()) {
    locateParseErrors(text, result.errors);
    return result;
  }
  Parser(text, std::move(tokens), result).run();
  if (result.errors.empty() && !result.script.root.valid())
    result.errors.push_back({Span{0, 0}, "expected an instruction"});
  if (result.errors.empty() && options.validate) syntax::validate(result.script, result.errors);
  locateParseErrors(text, result.errors);
  return result;
}

} // namespace air
