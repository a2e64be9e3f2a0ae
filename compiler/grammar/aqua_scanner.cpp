#include "aqua_scanner.h"

#include <string_view>

#include "ANTLRInputStream.h"
#include "CommonToken.h"

namespace aqua::grammar {

namespace {

// ANTLRInputStream keeps the decoded text in a protected member: read it in place.
struct InputData : antlr4::ANTLRInputStream {
  static const UTF32String &of(const antlr4::ANTLRInputStream &s) { return s.*(&InputData::_data); }
};

bool isDigit(size_t c) { return c >= '0' && c <= '9'; }
bool isLower(size_t c) { return c >= 'a' && c <= 'z'; }
bool isUpper(size_t c) { return c >= 'A' && c <= 'Z'; }
bool isNameChar(size_t c) { return isLower(c) || isUpper(c) || isDigit(c) || c == '_'; }

// The keyword a lower-case name spells, or LOWER. Longest match wins in ANTLR and a keyword rule
// comes before LOWER, so a name is a keyword exactly when the whole name is one.
size_t keywordOr(std::u32string_view name) {
  struct Keyword {
    std::u32string_view text;
    size_t type;
  };
  static constexpr Keyword kKeywords[] = {
      {U"aqua", AquaLexer::AQUA},       {U"module", AquaLexer::MODULE},
      {U"declares", AquaLexer::DECLARES}, {U"import", AquaLexer::IMPORT},
      {U"use", AquaLexer::USE},         {U"from", AquaLexer::FROM},
      {U"as", AquaLexer::AS},           {U"export", AquaLexer::EXPORT},
      {U"data", AquaLexer::DATA},       {U"alias", AquaLexer::ALIAS},
      {U"service", AquaLexer::SERVICE}, {U"ability", AquaLexer::ABILITY},
      {U"const", AquaLexer::CONST},     {U"func", AquaLexer::FUNC},
      {U"on", AquaLexer::ON},           {U"via", AquaLexer::VIA},
      {U"for", AquaLexer::FOR},         {U"par", AquaLexer::PAR},
      {U"try", AquaLexer::TRY},         {U"rec", AquaLexer::REC},
      {U"co", AquaLexer::CO},           {U"join", AquaLexer::JOIN},
      {U"parseq", AquaLexer::PARSEQ},   {U"if", AquaLexer::IF},
      {U"else", AquaLexer::ELSE},       {U"otherwise", AquaLexer::OTHERWISE},
      {U"catch", AquaLexer::CATCH},     {U"copy", AquaLexer::COPY},
      {U"true", AquaLexer::TRUE},       {U"false", AquaLexer::FALSE},
  };
  if (name.size() > 9) return AquaLexer::LOWER;
  for (const Keyword &k : kKeywords)
    if (k.text == name) return k.type;
  return AquaLexer::LOWER;
}

// UTF-8 of code points that came from decoding valid UTF-8 (ANTLRInputStream rejects the rest).
std::string utf8Of(const char32_t *text, size_t length) {
  std::string out;
  out.reserve(length);
  for (size_t i = 0; i < length; ++i) {
    char32_t c = text[i];
    if (c < 0x80) {
      out.push_back(static_cast<char>(c));
    } else if (c < 0x800) {
      out.push_back(static_cast<char>(0xC0 | (c >> 6)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else if (c < 0x10000) {
      out.push_back(static_cast<char>(0xE0 | (c >> 12)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    } else {
      out.push_back(static_cast<char>(0xF0 | (c >> 18)));
      out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
      out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
    }
  }
  return out;
}

} // namespace

AquaScanner::AquaScanner(antlr4::CharStream *input) : input_(input) {
  if (auto *stream = dynamic_cast<antlr4::ANTLRInputStream *>(input)) {
    const UTF32String &data = InputData::of(*stream);
    data_ = reinterpret_cast<const char32_t *>(data.data());
    size_ = data.size();
  } else {
    for (size_t i = 0; i < input->size(); ++i) copy_.push_back(static_cast<char32_t>(input->LA(static_cast<ssize_t>(i) + 1)));
    data_ = copy_.data();
    size_ = copy_.size();
  }
}

size_t AquaScanner::scanLength(size_t &type) const {
  using L = AquaLexer;
  const size_t c = peek(), c1 = peek(1);
  auto one = [&](size_t t) -> size_t {
    type = t;
    return 1;
  };
  auto oneOrTwo = [&](size_t second, size_t two, size_t single) -> size_t {
    type = c1 == second ? two : single;
    return c1 == second ? 2 : 1;
  };
  if (isLower(c) || isUpper(c)) {
    size_t n = 1;
    while (isNameChar(peek(n))) ++n;
    type = isUpper(c) ? static_cast<size_t>(L::UPPER) : keywordOr(std::u32string_view(data_ + pos_, n));
    return n;
  }
  if (isDigit(c)) {
    size_t n = 1;
    while (isDigit(peek(n))) ++n;
    if (peek(n) == '.' && isDigit(peek(n + 1))) {
      n += 2;
      while (isDigit(peek(n))) ++n;
      type = L::FLOAT;
      return n;
    }
    type = L::INT;
    return n;
  }
  switch (c) {
  case ' ':
  case '\t': {
    size_t n = 1;
    while (peek(n) == ' ' || peek(n) == '\t') ++n;
    type = L::WS;
    return n;
  }
  case '\r':
  case '\n': {
    size_t n = (c1 == '\r' || c1 == '\n') && c1 != c ? 2 : 1; // \r\n and \n\r are one break
    while (peek(n) == ' ' || peek(n) == '\t') ++n;
    type = L::NL;
    return n;
  }
  case '"': {
    size_t n = 1;
    while (pos_ + n < size_ && data_[pos_ + n] != '"') ++n;
    if (pos_ + n < size_) {
      type = L::STRING;
      return n + 1;
    }
    return one(L::ERROR_CHAR); // no closing quote
  }
  case '-':
    if (c1 == '-') {
      size_t n = 2;
      while (pos_ + n < size_ && data_[pos_ + n] != '\r' && data_[pos_ + n] != '\n') ++n;
      type = L::COMMENT;
      return n;
    }
    return oneOrTwo('>', L::ARROW_RIGHT, L::MINUS);
  case '<':
    if (c1 == '<' && peek(2) == '-') {
      type = L::PUSH;
      return 3;
    }
    if (c1 == '-') {
      type = L::ARROW_LEFT;
      return 2;
    }
    return oneOrTwo('=', L::LTE, L::LT);
  case '%': {
    static constexpr std::u32string_view kInit = U"%init_peer_id%";
    if (size_ - pos_ >= kInit.size() && std::u32string_view(data_ + pos_, kInit.size()) == kInit) {
      type = L::INIT_PEER_ID;
      return kInit.size();
    }
    return one(L::PERCENT);
  }
  case '*': return oneOrTwo('*', L::POW, L::STAR);
  case '&': return oneOrTwo('&', L::AND, L::ERROR_CHAR);
  case '|': return oneOrTwo('|', L::OR, L::ERROR_CHAR);
  case '=': return oneOrTwo('=', L::EQ, L::ASSIGN);
  case '!': return oneOrTwo('=', L::NEQ, L::BANG);
  case '>': return oneOrTwo('=', L::GTE, L::GT);
  case '?': return oneOrTwo('=', L::OPT_ASSIGN, L::QUESTION);
  case '+': return one(L::PLUS);
  case '/': return one(L::SLASH);
  case ':': return one(L::COLON);
  case ',': return one(L::COMMA);
  case '.': return one(L::DOT);
  case '(': return one(L::LPAREN);
  case ')': return one(L::RPAREN);
  case '[': return one(L::LBRACKET);
  case ']': return one(L::RBRACKET);
  case '{': return one(L::LBRACE);
  case '}': return one(L::RBRACE);
  case U'⊤': return one(L::TOP);
  case U'⊥': return one(L::BOTTOM);
  default: return one(L::ERROR_CHAR);
  }
}

void AquaScanner::advance(size_t n) {
  // As ANTLR counts: only '\n' starts a new line.
  for (size_t end = pos_ + n; pos_ < end; ++pos_) {
    if (data_[pos_] == '\n') {
      ++line_;
      column_ = 0;
    } else {
      ++column_;
    }
  }
}

std::unique_ptr<antlr4::Token> AquaScanner::nextToken() {
  std::pair<antlr4::TokenSource *, antlr4::CharStream *> source(this, input_);
  if (pos_ >= size_) {
    auto eof = std::make_unique<antlr4::CommonToken>(source, antlr4::Token::EOF, antlr4::Token::DEFAULT_CHANNEL, pos_, pos_ - 1);
    eof->setLine(line_);
    eof->setCharPositionInLine(column_);
    return eof;
  }
  size_t type = 0;
  size_t length = scanLength(type);
  size_t channel = type == AquaLexer::COMMENT || type == AquaLexer::WS ? antlr4::Token::HIDDEN_CHANNEL : antlr4::Token::DEFAULT_CHANNEL;
  auto token = std::make_unique<antlr4::CommonToken>(source, type, channel, pos_, pos_ + length - 1);
  // Without its own text a token converts its characters from UTF-32 each time it is asked
  // (ANTLR's getText goes through std::wstring_convert); the front end asks for every name and
  // literal, often several times. Hidden tokens (spaces, comments) are rarely asked.
  if (channel == antlr4::Token::DEFAULT_CHANNEL) token->setText(utf8Of(data_ + pos_, length));
  token->setLine(line_);
  token->setCharPositionInLine(column_);
  advance(length);
  return token;
}

} // namespace aqua::grammar
