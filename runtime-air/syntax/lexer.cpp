// AIR lexer and bare-token classification, following AquaVM's rules and error texts (§1.1, §1.4).
#include "lexer.h"

#include <cerrno>
#include <charconv>
#include <cstdlib>

namespace air::syntax {

namespace {

bool isSpace(unsigned char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; }
bool isAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool isAlnum(char c) {
  return isAsciiDigit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
         static_cast<unsigned char>(c) >= 0x80; // non-ASCII letters are alphanumeric to AquaVM
}
bool isNameChar(char c) { return isAlnum(c) || c == '_' || c == '-'; }

Span spanAt(const Token &t, size_t from, size_t length) {
  return Span{t.span.begin + static_cast<uint32_t>(from), t.span.begin + static_cast<uint32_t>(from + length)};
}

// Parses `.length` or `.$...` into `out`; returns an error text or "".
std::string parseLambda(std::string_view text, Lambda &out) {
  if (text == ".length") {
    out.isLength = true;
    return "";
  }
  for (char c : text) {
    bool allowed = isAlnum(c) || c == '_' || c == '-' || c == '$' || c == '@' || c == '[' || c == ']' ||
                   c == '(' || c == ')' || c == ':' || c == '?' || c == '.' || c == '*' || c == ',' ||
                   c == '"' || c == '\'' || c == '!';
    if (!allowed) return "invalid character in lambda";
  }
  if (text.substr(0, 2) != ".$") return "invalid character in lambda";
  size_t i = 2;
  if (i == text.size()) return "provided lambda expression doesn't contain any accessor";
  while (i < text.size()) {
    Accessor accessor;
    if (text[i] == '.') ++i;
    if (i < text.size() && text[i] == '[') {
      size_t close = text.find(']', i);
      if (close == std::string_view::npos) return "lambda parser error: unclosed '['";
      std::string_view inner = text.substr(i + 1, close - i - 1);
      if (inner.empty()) return "lambda parser error: empty accessor";
      bool numeric = true;
      for (char c : inner) numeric = numeric && isAsciiDigit(c);
      if (numeric) {
        uint64_t index = 0;
        auto [ptr, ec] = std::from_chars(inner.data(), inner.data() + inner.size(), index);
        if (ec != std::errc() || index > 0xffffffffull) return "lambda parser error: index is not a u32";
        accessor.kind = Accessor::Kind::Index;
        accessor.index = static_cast<uint32_t>(index);
      } else {
        for (char c : inner)
          if (!isNameChar(c)) return "lambda parser error: invalid scalar accessor";
        accessor.kind = Accessor::Kind::ByVariable;
        accessor.name = std::string(inner);
      }
      i = close + 1;
    } else {
      size_t start = i;
      while (i < text.size() && isNameChar(text[i])) ++i;
      if (i == start) return "lambda parser error: expected a field name or an index";
      accessor.kind = Accessor::Kind::Field;
      accessor.name = std::string(text.substr(start, i - start));
    }
    if (i < text.size() && text[i] == '!') {
      accessor.flatten = true;
      ++i;
    }
    out.path.push_back(std::move(accessor));
    if (i < text.size() && text[i] != '.' && text[i] != '[')
      return "lambda parser error: unexpected character after accessor";
  }
  return "";
}

// A numeric-looking token: returns true if it was handled as a number (possibly with an error).
bool classifyNumber(const Token &t, ClassifiedValue &out) {
  std::string_view s = t.text;
  size_t i = 0;
  if (s[0] == '+' || s[0] == '-') i = 1;
  if (i < s.size() && s[i] == '.') {
    out.error = "leading dot without any symbols before - please write 0 if it's float or variable name if it's a lambda";
    out.errorSpan = t.span;
    return true;
  }
  if (i >= s.size() || !isAsciiDigit(s[i])) return false;
  // Digits then a letter: a variable name (`1abc`, `1e3`).
  bool sawDot = false;
  for (size_t j = i; j < s.size(); ++j) {
    char c = s[j];
    if (isAsciiDigit(c)) continue;
    if (c == '.') {
      if (sawDot || j + 1 >= s.size() || !isAsciiDigit(s[j + 1])) {
        out.error = "a digit could contain only digits or one dot";
        out.errorSpan = t.span;
        return true;
      }
      sawDot = true;
      continue;
    }
    if (!sawDot && (isAlnum(c) || c == '_' || c == '-')) return false; // a name after all
    out.error = "a digit could contain only digits or one dot";
    out.errorSpan = t.span;
    return true;
  }
  if (sawDot) {
    if (s.size() > 11) {
      out.error = "this float is too big, a float could contain less than 12 digits";
      out.errorSpan = t.span;
      return true;
    }
    out.value.kind = ValueKind::Float;
    out.value.floatValue = std::strtod(std::string(s).c_str(), nullptr);
    return true;
  }
  std::string_view digits = s[0] == '+' ? s.substr(1) : s;
  int64_t v = 0;
  auto [ptr, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), v);
  if (ec == std::errc::result_out_of_range) {
    out.error = s[0] == '-' ? "number too small to fit in target type" : "number too large to fit in target type";
    out.errorSpan = t.span;
    return true;
  }
  out.value.kind = ValueKind::Int;
  out.value.intValue = v;
  return true;
}

} // namespace

bool isInstructionKeyword(std::string_view w) {
  return w == "call" || w == "canon" || w == "ap" || w == "seq" || w == "par" || w == "fail" || w == "fold" ||
         w == "xor" || w == "never" || w == "new" || w == "next" || w == "null" || w == "match" ||
         w == "mismatch";
}

std::vector<Token> tokenize(std::string_view text, std::vector<ParseError> &errors) {
  std::vector<Token> tokens;
  size_t i = 0;
  const size_t n = text.size();
  while (i < n) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (isSpace(c)) {
      ++i;
      continue;
    }
    // Unicode whitespace that Rust's char::is_whitespace accepts (NBSP excluded by Rust? no:
    // U+00A0 is whitespace there too).
    if (c == 0xC2 && i + 1 < n && (static_cast<unsigned char>(text[i + 1]) == 0xA0 ||
                                   static_cast<unsigned char>(text[i + 1]) == 0x85)) {
      i += 2;
      continue;
    }
    if (c == ';') {
      size_t newline = text.find('\n', i);
      i = newline == std::string_view::npos ? n : newline + 1;
      continue;
    }
    Token t;
    t.span.begin = static_cast<uint32_t>(i);
    if (c == '(' || c == ')' || c == '[' || c == ']') {
      t.kind = c == '(' ? TokenKind::LParen : c == ')' ? TokenKind::RParen : c == '[' ? TokenKind::LBracket : TokenKind::RBracket;
      t.span.end = static_cast<uint32_t>(i + 1);
      t.text = text.substr(i, 1);
      tokens.push_back(t);
      ++i;
      continue;
    }
    if (c == '"') {
      size_t close = text.find('"', i + 1);
      if (close == std::string_view::npos) {
        errors.push_back({Span{static_cast<uint32_t>(i), static_cast<uint32_t>(i + 1)},
                          "this string literal has unclosed quote"});
        return tokens;
      }
      t.kind = TokenKind::String;
      t.text = text.substr(i + 1, close - i - 1);
      t.span.end = static_cast<uint32_t>(close + 1);
      tokens.push_back(t);
      i = close + 1;
      continue;
    }
    // Bare token: up to whitespace or an unbalanced closing bracket.
    int balance = 0;
    size_t j = i;
    while (j < n) {
      unsigned char d = static_cast<unsigned char>(text[j]);
      if (isSpace(d)) break;
      if (d == '(' || d == '[') ++balance;
      if (d == ')' || d == ']') {
        if (balance == 0) break;
        --balance;
      }
      ++j;
    }
    t.kind = TokenKind::Bare;
    t.text = text.substr(i, j - i);
    t.span.end = static_cast<uint32_t>(j);
    tokens.push_back(t);
    i = j;
  }
  Token end;
  end.kind = TokenKind::End;
  end.span = Span{static_cast<uint32_t>(n), static_cast<uint32_t>(n)};
  tokens.push_back(end);
  return tokens;
}

ClassifiedValue classifyBare(const Token &t) {
  ClassifiedValue out;
  out.value.span = t.span;
  std::string_view s = t.text;
  auto fail = [&](std::string message, Span span) {
    out.error = std::move(message);
    out.errorSpan = span;
    return out;
  };
  if (s == "%init_peer_id%") { out.value.kind = ValueKind::InitPeerId; return out; }
  if (s == "%timestamp%") { out.value.kind = ValueKind::Timestamp; return out; }
  if (s == "%ttl%") { out.value.kind = ValueKind::Ttl; return out; }
  if (s.substr(0, 14) == "%init_peer_id%" || s.substr(0, 11) == "%timestamp%" || s.substr(0, 5) == "%ttl%")
    return fail("only alphanumeric, '_', and '-' characters are allowed in this position", t.span);
  auto errorLike = [&](std::string_view prefix, ValueKind kind) {
    out.value.kind = kind;
    std::string_view rest = s.substr(prefix.size());
    if (!rest.empty()) {
      std::string error = parseLambda(rest, out.lambda);
      if (!error.empty()) return fail(error, t.span);
      out.hasLambda = true;
    }
    return out;
  };
  if (s.substr(0, 7) == ":error:") return errorLike(":error:", ValueKind::Error);
  if (s.substr(0, 12) == "%last_error%") return errorLike("%last_error%", ValueKind::LastError);
  if (s == "true" || s == "false") {
    out.value.kind = ValueKind::Bool;
    out.value.boolValue = s == "true";
    return out;
  }
  if (classifyNumber(t, out)) return out;

  // A variable: sigils, a name, then an optional lambda after the first '.'.
  size_t dot = s.find('.');
  std::string_view name = s.substr(0, dot);
  std::string_view lambdaText = dot == std::string_view::npos ? std::string_view() : s.substr(dot);
  size_t sigil = 0;
  ValueKind kind = ValueKind::Scalar;
  if (!name.empty() && (name[0] == '$' || name[0] == '%' || name[0] == '#')) {
    if (name.size() >= 2 && name[1] == '%') {
      kind = ValueKind::CanonStreamMap;
      sigil = 2;
    } else if (name[0] == '#') {
      kind = ValueKind::CanonStream;
      sigil = name.size() >= 2 && name[1] == '$' ? 2 : 1;
    } else {
      kind = name[0] == '$' ? ValueKind::Stream : ValueKind::StreamMap;
      sigil = 1;
    }
  }
  std::string_view bare = name.substr(sigil);
  if (bare.empty()) {
    if (sigil == 2) return fail("a canon name should be non empty", spanAt(t, 0, 1));
    if (sigil == 1) return fail("a tagged name should be non empty", spanAt(t, 0, 1));
    return fail("this variable or constant shouldn't have empty name", spanAt(t, 0, 1));
  }
  for (size_t k = 0; k < bare.size(); ++k) {
    if (!isNameChar(bare[k]))
      return fail("only alphanumeric, '_', and '-' characters are allowed in this position", t.span);
  }
  if (!lambdaText.empty()) {
    // Quirk of AquaVM 0.62: a lambda on `#x` with a one-character name is rejected.
    if (kind == ValueKind::CanonStream && sigil == 1 && bare.size() == 1)
      return fail("a canon name should be non empty", spanAt(t, 1, 1));
    std::string error = parseLambda(lambdaText, out.lambda);
    if (!error.empty()) return fail(error, t.span);
    out.hasLambda = true;
  }
  out.value.kind = kind;
  out.value.text = std::string(name);
  return out;
}

} // namespace air::syntax
