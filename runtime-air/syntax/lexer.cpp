// The AIR lexer and the lambda parser, reproducing AquaVM 0.62's behaviour: which token a bare
// word becomes, and for malformed words the same error text and the same byte span.
#include "lexer.h"

#include <charconv>
#include <cstdlib>
#include <optional>
#include <vector>

#include "unicode.h"

namespace air::syntax {

namespace {

constexpr std::string_view kTermNames[] = {
    "\"(\"", "\")\"", "\"[\"", "\"]\"", "Boolean", "CanonStream", "CanonStreamMap", "CanonStreamMapWithLambda",
    "CanonStreamWithLambda", "Error", "ErrorWithLambda", "F64", "I64", "InitPeerId", "LastError",
    "LastErrorWithLambda", "Literal", "Scalar", "ScalarWithLambda", "Stream", "StreamMap", "TTL", "Timestamp",
    "ap", "call", "canon", "fail", "fold", "match_", "mismatch", "never", "new", "next", "null", "par", "seq",
    "xor", "StreamWithLambda", "StreamMapWithLambda"};
static_assert(sizeof kTermNames / sizeof kTermNames[0] == static_cast<size_t>(Term::Count));

bool isAirAlphanumeric(char32_t c) { return isAlphanumeric(c) || c == '_' || c == '-'; }

bool isLensAllowed(char32_t c) {
  switch (c) {
  case '$': case '@': case '[': case ']': case '(': case ')': case ':': case '?': case '.': case '*': case ',':
  case '"': case '\'': return true;
  default: return isAirAlphanumeric(c);
  }
}

// ---------------------------------------------------------------------------------------------
// Lambda parser. Tokens: ".$" / ".length" (first token only), "." "[" "]" "!" numbers, names.

enum class LTok : uint8_t { Bang, Dot, PathStart, LBracket, RBracket, Length, Number, Name };

struct LToken {
  LTok kind;
  size_t begin, end;
  uint32_t number = 0;
  std::string_view name;
};

std::string rustDebugString(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

std::string debugToken(const LToken &t) {
  std::string body;
  switch (t.kind) {
  case LTok::Bang: body = "FlatteningSign"; break;
  case LTok::Dot: body = "ValuePathSelector"; break;
  case LTok::PathStart: body = "ValuePathStarter"; break;
  case LTok::LBracket: body = "OpenSquareBracket"; break;
  case LTok::RBracket: body = "CloseSquareBracket"; break;
  case LTok::Length: body = "LengthFunctor"; break;
  case LTok::Number: body = "NumberAccessor(" + std::to_string(t.number) + ")"; break;
  case LTok::Name: body = "StringAccessor(" + rustDebugString(t.name) + ")"; break;
  }
  return "(" + std::to_string(t.begin) + ", " + body + ", " + std::to_string(t.end) + ")";
}

// Terminal sets of the lambda grammar, bit per LTok, in LALRPOP's order for "expected".
using LSet = unsigned;
constexpr LSet lbit(LTok t) { return 1u << static_cast<unsigned>(t); }

std::string debugExpected(LSet set) {
  static constexpr std::string_view names[] = {"\"!\"", "\".\"", "\".$\"", "\"[\"", "\"]\"",
                                               "length_functor", "number_accessor", "string_accessor"};
  std::string out = "[";
  bool first = true;
  for (unsigned i = 0; i < 8; ++i)
    if (set & (1u << i)) {
      if (!first) out += ", ";
      first = false;
      out += rustDebugString(names[i]);
    }
  return out + "]";
}

class LambdaParser {
public:
  explicit LambdaParser(std::string_view text) : s_(text) {}

  std::string run(Lambda &out) {
    enum State { Start, AfterLength, Loop, AfterDot, AfterOpen, AfterIndex, AfterName, AfterAccessor, Done };
    State state = Start;
    bool pathStarted = false;
    Accessor pending;
    std::vector<std::string> recoveries;
    std::optional<LToken> look;
    std::string fatal;
    auto fetch = [&]() -> bool { // false on a lexical (fatal) error
      look.reset();
      return lex(look, fatal);
    };
    if (!fetch()) return fatal;
    auto accepts = [&](State st) -> LSet {
      switch (st) {
      case Start: return lbit(LTok::PathStart) | lbit(LTok::Length);
      case AfterLength: return 0;
      case Loop: return lbit(LTok::Dot) | lbit(LTok::LBracket);
      case AfterDot: return lbit(LTok::LBracket) | lbit(LTok::Name);
      case AfterOpen: return lbit(LTok::Number) | lbit(LTok::Name);
      case AfterIndex:
      case AfterName: return lbit(LTok::RBracket);
      case AfterAccessor: return lbit(LTok::Bang) | lbit(LTok::Dot) | lbit(LTok::LBracket);
      case Done: return 0;
      }
      return 0;
    };
    // EOF is accepted where the rule can end.
    auto acceptsEnd = [&](State st) { return st == AfterLength || st == Loop || st == AfterAccessor || st == Done; };
    while (true) {
      if (!look) {
        if (acceptsEnd(state)) break;
      } else if (accepts(state) & lbit(look->kind)) {
        const LToken t = *look;
        switch (state) {
        case Start:
          if (t.kind == LTok::Length) {
            out.isLength = true;
            state = AfterLength;
          } else {
            pathStarted = true;
            state = Loop;
          }
          break;
        case Loop:
        case AfterAccessor:
          if (state == AfterAccessor && t.kind == LTok::Bang) {
            out.path.back().flatten = true;
            state = Loop;
            break;
          }
          pending = Accessor{};
          state = t.kind == LTok::Dot ? AfterDot : AfterOpen;
          break;
        case AfterDot:
          if (t.kind == LTok::LBracket) {
            state = AfterOpen;
          } else {
            pending.kind = Accessor::Kind::Field;
            pending.name = std::string(t.name);
            out.path.push_back(pending);
            state = AfterAccessor;
          }
          break;
        case AfterOpen:
          if (t.kind == LTok::Number) {
            pending.kind = Accessor::Kind::Index;
            pending.index = t.number;
            state = AfterIndex;
          } else {
            pending.kind = Accessor::Kind::ByVariable;
            pending.name = std::string(t.name);
            state = AfterName;
          }
          break;
        case AfterIndex:
        case AfterName:
          out.path.push_back(pending);
          state = AfterAccessor;
          break;
        default: break;
        }
        if (!fetch()) return fatal;
        continue;
      }
      // Error: LALRPOP records it, then looks for a state that takes the error token and the
      // lookahead, dropping input tokens until one does.
      std::string error = look ? "UnrecognizedToken { token: " + debugToken(*look) + ", expected: " +
                                     debugExpected(accepts(state)) + " }"
                               : "UnrecognizedEof { location: " + std::to_string(lastEnd_) +
                                     ", expected: " + debugExpected(accepts(state)) + " }";
      std::vector<std::string> dropped;
      while (true) {
        bool lookIsEnd = !look;
        bool loopTakes = pathStarted && (lookIsEnd || look->kind == LTok::Dot || look->kind == LTok::LBracket);
        if (loopTakes) {
          state = Loop; // the partial accessor becomes an error accessor
          break;
        }
        if (lookIsEnd) {
          state = Done; // the whole lambda becomes an error
          break;
        }
        dropped.push_back(debugToken(*look));
        if (!fetch()) return fatal;
      }
      std::string droppedText = "[";
      for (size_t i = 0; i < dropped.size(); ++i) droppedText += (i ? ", " : "") + dropped[i];
      recoveries.push_back("ErrorRecovery { error: " + error + ", dropped_tokens: " + droppedText + "] }");
    }
    if (!recoveries.empty()) {
      std::string text = "[";
      for (size_t i = 0; i < recoveries.size(); ++i) text += (i ? ", " : "") + recoveries[i];
      return text + "]";
    }
    if (!out.isLength && out.path.empty()) return "provided lambda expression doesn't contain any accessor";
    return "";
  }

private:
  // Next token into `t` (nullopt at the end); false with `fatal` set on a lexical error.
  bool lex(std::optional<LToken> &t, std::string &fatal) {
    if (first_) {
      first_ = false;
      if (s_ == ".length") {
        t = LToken{LTok::Length, 0, 7, 0, {}};
      } else if (s_.substr(0, 2) == ".$") {
        t = LToken{LTok::PathStart, 0, 2, 0, {}};
      } else {
        fatal = "User { error: UnexpectedSymbol(0, " + std::to_string(s_.size()) + ") }";
        return false;
      }
      pos_ = t->end;
      lastEnd_ = t->end;
      return true;
    }
    if (pos_ >= s_.size()) return true;
    size_t start = pos_;
    Decoded d = decodeUtf8(s_, pos_);
    char32_t c = d.cp;
    if (c == '[' || c == ']' || c == '.' || c == '!') {
      LTok kind = c == '[' ? LTok::LBracket : c == ']' ? LTok::RBracket : c == '.' ? LTok::Dot : LTok::Bang;
      t = LToken{kind, start, start + 1, 0, {}};
    } else if (c >= '0' && c <= '9') {
      size_t end = start;
      while (end < s_.size() && s_[end] >= '0' && s_[end] <= '9') ++end;
      uint32_t value = 0;
      auto [ptr, ec] = std::from_chars(s_.data() + start, s_.data() + end, value);
      if (ec != std::errc()) {
        fatal = "User { error: ParseIntError(" + std::to_string(start) + ", " + std::to_string(end) +
                ", ParseIntError { kind: PosOverflow }) }";
        return false;
      }
      t = LToken{LTok::Number, start, end, value, {}};
    } else if (isAirAlphanumeric(c)) {
      size_t end = start + d.length;
      while (end < s_.size()) {
        Decoded n = decodeUtf8(s_, end);
        if (!isAirAlphanumeric(n.cp)) break;
        end += n.length;
      }
      t = LToken{LTok::Name, start, end, 0, s_.substr(start, end - start)};
    } else {
      fatal = "User { error: UnexpectedSymbol(" + std::to_string(start) + ", " + std::to_string(start + 1) + ") }";
      return false;
    }
    pos_ = t->end;
    lastEnd_ = t->end;
    return true;
  }

  std::string_view s_;
  size_t pos_ = 0;
  size_t lastEnd_ = 0;
  bool first_ = true;
};

// ---------------------------------------------------------------------------------------------
// Bare words.

enum class Tag : uint8_t { None, Stream, StreamMap, Canon, CanonStream, CanonStreamMap };

Tag tagOf(char32_t c) {
  return c == '$' ? Tag::Stream : c == '#' ? Tag::Canon : c == '%' ? Tag::StreamMap : Tag::None;
}

std::string rustParseIntError(std::string_view s) {
  size_t i = 0;
  bool negative = false;
  if (!s.empty() && (s[0] == '+' || s[0] == '-')) {
    negative = s[0] == '-';
    i = 1;
  }
  if (i == s.size()) return s.empty() ? "cannot parse integer from empty string" : "invalid digit found in string";
  for (size_t k = i; k < s.size(); ++k)
    if (s[k] < '0' || s[k] > '9') return "invalid digit found in string";
  return negative ? "number too small to fit in target type" : "number too large to fit in target type";
}

} // namespace

std::string_view termName(Term t) { return kTermNames[static_cast<size_t>(t)]; }

std::string expectedText(TermSet set) {
  std::string out = "expected ";
  bool any = false;
  for (unsigned i = 0; i < static_cast<unsigned>(Term::Count); ++i)
    if (set & (TermSet{1} << i)) {
      if (any) out += " or ";
      out += kTermNames[i];
      any = true;
    }
  if (!any) out += "<nothing>";
  return out;
}

std::string parseLambda(std::string_view text, Lambda &out) {
  out = Lambda{};
  return LambdaParser(text).run(out);
}

Lexer::Result Lexer::next(Token &token, ParseError &error) {
  const size_t n = text_.size();
  while (pos_ < n) {
    size_t start = pos_;
    Decoded d = decodeUtf8(text_, pos_);
    char32_t c = d.cp;
    if (c == '(' || c == ')' || c == '[' || c == ']') {
      token = Token{};
      token.term = c == '(' ? Term::LParen : c == ')' ? Term::RParen : c == '[' ? Term::LBracket : Term::RBracket;
      token.span = Span{static_cast<uint32_t>(start), static_cast<uint32_t>(start + 1)};
      pos_ = start + 1;
      return Result::Token;
    }
    if (c == ';') {
      size_t newline = text_.find('\n', start);
      pos_ = newline == std::string_view::npos ? n : newline + 1;
      continue;
    }
    if (isWhitespace(c)) {
      pos_ += d.length;
      continue;
    }
    if (c == '"') {
      size_t close = text_.find('"', start + 1);
      if (close == std::string_view::npos) {
        error = ParseError{Span{static_cast<uint32_t>(start), static_cast<uint32_t>(n)},
                           "this string literal has unclosed quote"};
        pos_ = n;
        return Result::Error;
      }
      token = Token{};
      token.term = Term::Literal;
      token.span = Span{static_cast<uint32_t>(start), static_cast<uint32_t>(close + 1)};
      token.value.kind = ValueKind::String;
      token.value.span = token.span;
      token.value.text = std::string(text_.substr(start + 1, close - start - 1));
      pos_ = close + 1;
      return Result::Token;
    }
    return bare(start, token, error);
  }
  return Result::End;
}

Lexer::Result Lexer::bare(size_t start, Token &token, ParseError &error) {
  // The word ends at whitespace or at a bracket that closes more than the word opened; brackets
  // are counted from the second character on, round and square separately.
  const size_t n = text_.size();
  size_t end = start + decodeUtf8(text_, start).length;
  long round = 0, square = 0;
  while (end < n) {
    Decoded d = decodeUtf8(text_, end);
    if (d.cp == '(') ++round;
    else if (d.cp == ')') --round;
    else if (d.cp == '[') ++square;
    else if (d.cp == ']') --square;
    if (isWhitespace(d.cp) || round < 0 || square < 0) break;
    end += d.length;
  }
  pos_ = end;
  std::string_view s = text_.substr(start, end - start);
  const uint32_t P = static_cast<uint32_t>(start);
  token = Token{};
  token.span = Span{P, static_cast<uint32_t>(end)};
  token.value.span = token.span;
  auto fail = [&](uint32_t from, uint32_t to, std::string message) {
    error = ParseError{Span{from, to}, std::move(message)};
    return Result::Error;
  };

  static constexpr std::pair<std::string_view, Term> kKeywords[] = {
      {"call", Term::Call}, {"canon", Term::Canon}, {"ap", Term::Ap},       {"seq", Term::Seq},
      {"par", Term::Par},   {"fail", Term::Fail},   {"fold", Term::Fold},   {"xor", Term::Xor},
      {"never", Term::Never}, {"new", Term::New},   {"next", Term::Next},   {"null", Term::Null},
      {"match", Term::Match}, {"mismatch", Term::Mismatch}};
  for (const auto &[word, term] : kKeywords)
    if (s == word) {
      token.term = term;
      return Result::Token;
    }
  if (s == "%init_peer_id%") {
    token.term = Term::InitPeerId;
    token.value.kind = ValueKind::InitPeerId;
    return Result::Token;
  }
  auto errorValue = [&](std::string_view prefix, Term plain, Term withLambda, ValueKind kind) {
    token.value.kind = kind;
    if (s.size() == prefix.size()) {
      token.term = plain;
      return Result::Token;
    }
    std::string message = parseLambda(s.substr(prefix.size()), token.lambda);
    if (!message.empty()) return fail(P + static_cast<uint32_t>(prefix.size()), static_cast<uint32_t>(end), message);
    token.term = withLambda;
    return Result::Token;
  };
  if (s.substr(0, 7) == ":error:") return errorValue(":error:", Term::Error, Term::ErrorWithLambda, ValueKind::Error);
  if (s.substr(0, 12) == "%last_error%")
    return errorValue("%last_error%", Term::LastError, Term::LastErrorWithLambda, ValueKind::LastError);
  if (s == "%timestamp%") {
    token.term = Term::Timestamp;
    token.value.kind = ValueKind::Timestamp;
    return Result::Token;
  }
  if (s == "%ttl%") {
    token.term = Term::TTL;
    token.value.kind = ValueKind::Ttl;
    return Result::Token;
  }
  if (s == "true" || s == "false") {
    token.term = Term::Boolean;
    token.value.kind = ValueKind::Bool;
    token.value.boolValue = s == "true";
    return Result::Token;
  }

  // Numbers and variables, one character at a time.
  size_t dot = std::string_view::npos;
  bool nonNumeric = false, digitMet = false;
  Tag tag = Tag::None;
  const size_t len = s.size();
  for (size_t o = 0; o < len;) {
    Decoded d = decodeUtf8(s, o);
    const char32_t c = d.cp;
    const uint32_t at = P + static_cast<uint32_t>(o);
    bool handled = false;
    if (!nonNumeric) {
      if (o == 0 && (c == '-' || c == '+')) {
        handled = true;
      } else if (isNumeric(c)) {
        digitMet = true;
        handled = true;
      } else if (dot == std::string_view::npos && c == '.') {
        if (o == 0) return fail(P, P, "leading dot without any symbols before - please write 0 if it's float or "
                                      "variable name if it's a lambda");
        dot = o;
        if (!digitMet)
          return fail(at, at, "leading dot without any symbols before - please write 0 if it's float or variable "
                              "name if it's a lambda");
        handled = true;
      } else {
        if (dot != std::string_view::npos) return fail(at, at, "a digit could contain only digits or one dot");
        nonNumeric = true;
      }
    }
    if (!handled) {
      Tag deduced = c == '$' && tag == Tag::Canon ? Tag::CanonStream : c == '%' ? Tag::CanonStreamMap : tag;
      if (o == 1 && (deduced == Tag::CanonStream || deduced == Tag::CanonStreamMap)) {
        if (len == 2) return fail(at, at, "a canon name should be non empty");
        tag = deduced;
      } else if (o == 0 && tagOf(c) != Tag::None) {
        if (len == 1) return fail(at, at, "a tagged name should be non empty");
        tag = tagOf(c);
      } else if (dot == std::string_view::npos && c == '.') {
        if (o == 0)
          return fail(P, P, "leading dot without any symbols before - please write 0 if it's float or variable "
                            "name if it's a lambda");
        if (tag != Tag::None && o <= 2) return fail(at - 1, at - 1, "a canon name should be non empty");
        dot = o;
      } else if (dot != std::string_view::npos) {
        if (!isLensAllowed(c) && !(o == len - 1 && c == '!')) return fail(at, at, "invalid character in lambda");
      } else if (!isAirAlphanumeric(c)) {
        return fail(at, at, "only alphanumeric, '_', and '-' characters are allowed in this position");
      }
    }
    o += d.length;
  }

  if (!nonNumeric) {
    if (dot == std::string_view::npos) {
      int64_t value = 0;
      std::string_view digits = s[0] == '+' ? s.substr(1) : s;
      bool plainAscii = !digits.empty() && digits != "-";
      for (size_t k = plainAscii && digits[0] == '-' ? 1 : 0; plainAscii && k < digits.size(); ++k)
        plainAscii = digits[k] >= '0' && digits[k] <= '9';
      if (!plainAscii || std::from_chars(digits.data(), digits.data() + digits.size(), value).ec != std::errc())
        return fail(P, static_cast<uint32_t>(end), rustParseIntError(s));
      token.term = Term::I64;
      token.value.kind = ValueKind::Int;
      token.value.intValue = value;
      return Result::Token;
    }
    if (len > 11) return fail(P, static_cast<uint32_t>(end), "this float is too big, a float could contain less than 12 digits");
    for (char ch : s)
      if (static_cast<unsigned char>(ch) >= 0x80) return fail(P, static_cast<uint32_t>(end), "invalid float literal");
    token.term = Term::F64;
    token.value.kind = ValueKind::Float;
    token.value.floatValue = std::strtod(std::string(s).c_str(), nullptr);
    return Result::Token;
  }

  std::string_view name = dot == std::string_view::npos ? s : s.substr(0, dot);
  token.value.text = std::string(name);
  bool withLambda = dot != std::string_view::npos;
  if (withLambda) {
    std::string message = parseLambda(s.substr(dot), token.lambda);
    if (!message.empty()) return fail(P + static_cast<uint32_t>(dot), static_cast<uint32_t>(end), message);
  }
  switch (tag) {
  case Tag::None:
    token.term = withLambda ? Term::ScalarWithLambda : Term::Scalar;
    token.value.kind = ValueKind::Scalar;
    break;
  case Tag::Stream:
    token.term = withLambda ? Term::StreamWithLambda : Term::Stream;
    token.value.kind = ValueKind::Stream;
    break;
  case Tag::StreamMap:
    token.term = withLambda ? Term::StreamMapWithLambda : Term::StreamMap;
    token.value.kind = ValueKind::StreamMap;
    break;
  case Tag::Canon:
  case Tag::CanonStream:
    token.term = withLambda ? Term::CanonStreamWithLambda : Term::CanonStream;
    token.value.kind = ValueKind::CanonStream;
    break;
  case Tag::CanonStreamMap:
    token.term = withLambda ? Term::CanonStreamMapWithLambda : Term::CanonStreamMap;
    token.value.kind = ValueKind::CanonStreamMap;
    break;
  }
  return Result::Token;
}

} // namespace air::syntax
