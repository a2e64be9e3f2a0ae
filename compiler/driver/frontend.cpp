// Parse tree -> checked raw model. One FileModule per loaded file; names visible in a file are
// its own definitions plus what its imports bring in. Values get the types the lowering needs.
#include "compiler/driver/frontend.h"
#include "compiler/sema/unused_names.h"

#include <algorithm>
#include <filesystem>
#include <cstring>
#include <functional>
#include <optional>
#include <set>

#include "AquaParser.h"
#include "air/large_stack.h"
#include "antlr4-runtime.h"
#include "compiler/grammar/aqua_token_source.h"
#include "compiler/grammar/descent_parser.h"
#include "compiler/grammar/tree_cast.h"
#include "llvm/Support/JSON.h"

namespace aqua::driver {

namespace raw = lower::raw;
using grammar::AquaParser;
using raw::Type;
using raw::TypePtr;
using raw::Value;
using raw::ValuePtr;
using raw::Stmt;
using raw::StmtPtr;
using VK = raw::Value::Kind;
using SK = raw::Stmt::Kind;

namespace {

constexpr size_t kMaxBracketDepth = 200;
constexpr size_t kMaxStatementTokens = 5000;

TypePtr scalar(const std::string &name) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Scalar;
  t->name = name;
  return t;
}
// The type of a number literal: unsigned (any number type), signed (signed or float), float.
TypePtr numberLiteral(Type::Literal kind) {
  auto t = std::make_shared<Type>();
  t->kind = Type::Kind::Scalar;
  t->literal = kind;
  t->name = kind == Type::Literal::Unsigned ? "u32" : kind == Type::Literal::Signed ? "i64" : "f64";
  return t;
}
TypePtr collection(Type::Kind kind, TypePtr elem) {
  auto t = std::make_shared<Type>();
  t->kind = kind;
  t->elem = std::move(elem);
  return t;
}
TypePtr bottom() {
  static TypePtr b = [] {
    auto t = std::make_shared<Type>();
    t->kind = Type::Kind::Bottom;
    return t;
  }();
  return b;
}
TypePtr top() {
  static TypePtr b = [] {
    auto t = std::make_shared<Type>();
    t->kind = Type::Kind::Top;
    return t;
  }();
  return b;
}

bool isScalarName(const std::string &n) {
  static const std::set<std::string> names{"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64",
                                           "f32", "f64", "bool", "string"};
  return names.count(n) > 0;
}

std::string typeText(const TypePtr &t) {
  if (!t) return "?";
  switch (t->kind) {
  case Type::Kind::Scalar:
    switch (t->literal) {
    case Type::Literal::Unsigned: return "unsigned literal";
    case Type::Literal::Signed: return "signed literal";
    case Type::Literal::Float: return "float literal";
    case Type::Literal::None: break;
    }
    return t->name;
  case Type::Kind::Array: return "[]" + typeText(t->elem);
  case Type::Kind::Option: return "?" + typeText(t->elem);
  case Type::Kind::Stream: return "*" + typeText(t->elem);
  case Type::Kind::Struct:
  case Type::Kind::Ability:
  case Type::Kind::Service: return t->name;
  case Type::Kind::Arrow: {
    std::string out = "(";
    for (size_t i = 0; i < t->domain.size(); ++i) out += (i ? ", " : "") + typeText(t->domain[i]);
    out += ") -> ";
    if (t->codomain.empty()) return out + "()";
    for (size_t i = 0; i < t->codomain.size(); ++i) out += (i ? ", " : "") + typeText(t->codomain[i]);
    return out;
  }
  case Type::Kind::Top: return "⊤";
  case Type::Kind::Bottom: return "⊥";
  }
  return "?";
}

bool isIntName(const std::string &n) { return n.size() > 1 && (n[0] == 'u' || n[0] == 'i') && n != "string"; }

// Scalar subtyping (aqua-language.md 3.2): integers widen within their signedness, unsigned fits
// the next wider signed type, small integers fit floats; i64/u64 fit no float.
bool scalarSubtype(const std::string &given, const std::string &want) {
  if (given == want) return true;
  static const std::map<std::string, std::set<std::string>> wider{
      {"u8", {"u16", "u32", "u64", "i16", "i32", "i64", "f32", "f64"}},
      {"u16", {"u32", "u64", "i32", "i64", "f32", "f64"}},
      {"u32", {"u64", "i64", "f64"}},
      {"i8", {"i16", "i32", "i64", "f32", "f64"}},
      {"i16", {"i32", "i64", "f32", "f64"}},
      {"i32", {"i64", "f64"}},
      {"f32", {"f64"}}};
  auto it = wider.find(given);
  return it != wider.end() && it->second.count(want) > 0;
}

// The scalars a (literal) type stands for.
bool scalarInSet(const Type &t, const std::string &name) {
  bool isInt = isIntName(name), isFloat = name == "f32" || name == "f64";
  switch (t.literal) {
  case Type::Literal::Unsigned: return isInt || isFloat;
  case Type::Literal::Signed: return (isInt && name[0] == 'i') || isFloat;
  case Type::Literal::Float: return isFloat;
  case Type::Literal::None: return t.name == name;
  }
  return false;
}

// Data types can be struct fields and collection elements (streams, arrows, abilities, services can't).
bool isData(const TypePtr &t) {
  if (!t) return true;
  switch (t->kind) {
  case Type::Kind::Stream:
  case Type::Kind::Arrow:
  case Type::Kind::Ability:
  case Type::Kind::Service: return false;
  default: return true;
  }
}

bool isNumberType(const TypePtr &t) {
  return t && t->kind == Type::Kind::Scalar && (t->literal != Type::Literal::None || isIntName(t->name) ||
                                                t->name == "f32" || t->name == "f64");
}
bool isFloatType(const TypePtr &t) {
  return t && t->kind == Type::Kind::Scalar &&
         (t->literal == Type::Literal::Float || (t->literal == Type::Literal::None && t->name[0] == 'f'));
}
bool isUnsignedType(const TypePtr &t) {
  return t && t->kind == Type::Kind::Scalar &&
         (t->literal == Type::Literal::Unsigned || (t->literal == Type::Literal::None && t->name[0] == 'u'));
}

bool acceptsScalar(const Type &want, const Type &given) {
  static const char *all[] = {"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64"};
  if (given.literal == Type::Literal::None && want.literal == Type::Literal::None)
    return scalarSubtype(given.name, want.name);
  if (want.literal == Type::Literal::None) { // a literal fits if one of its scalars does
    for (const char *n : all)
      if (scalarInSet(given, n) && scalarSubtype(n, want.name)) return true;
    return false;
  }
  // Wanted: a literal type (comparisons); every scalar of `given` must be in its set.
  for (const char *n : all)
    if (scalarInSet(given, n) && !scalarInSet(want, n)) return false;
  return given.literal != Type::Literal::None || scalarInSet(want, given.name);
}

// Acceptance: kinds must agree, scalars by subtyping, structures structurally.
bool accepts(const TypePtr &want, const TypePtr &given) {
  if (!want || !given) return true;
  if (want->kind == Type::Kind::Top || given->kind == Type::Kind::Bottom) return true;
  if (want->kind == Type::Kind::Scalar && given->kind == Type::Kind::Scalar) return acceptsScalar(*want, *given);
  if (want->kind == Type::Kind::Array || want->kind == Type::Kind::Option) {
    if (given->kind == Type::Kind::Array || given->kind == Type::Kind::Option || given->kind == Type::Kind::Stream)
      return accepts(want->elem, given->elem);
    return false;
  }
  if (want->kind == Type::Kind::Stream) return given->kind == Type::Kind::Stream;
  if (want->kind == Type::Kind::Struct) {
    if (given->kind != Type::Kind::Struct) return false;
    for (const auto &f : want->fields) {
      auto it = std::find_if(given->fields.begin(), given->fields.end(), [&](const auto &g) { return g.first == f.first; });
      if (it == given->fields.end() || !accepts(f.second, it->second)) return false;
    }
    return true;
  }
  if (want->kind == Type::Kind::Arrow) {
    if (given->kind != Type::Kind::Arrow) return false;
    if (want->domain.size() != given->domain.size() || want->codomain.size() != given->codomain.size()) return false;
    for (size_t i = 0; i < want->domain.size(); ++i)
      if (!accepts(given->domain[i], want->domain[i])) return false;
    for (size_t i = 0; i < want->codomain.size(); ++i)
      if (!accepts(want->codomain[i], given->codomain[i])) return false;
    return true;
  }
  return want->kind == given->kind || want->kind == Type::Kind::Ability || want->kind == Type::Kind::Service;
}

// The text of a parse tree as ANTLR's getText() spells it (its tokens, no hidden ones), without
// the std::stringstream RuleContext::getText builds per node: names are read this way everywhere
// and getText was half of a re-check's time.
void appendText(antlr4::tree::ParseTree *t, std::string &out) {
  if (t->children.empty()) {
    if (auto *terminal = grammar::treeCast<antlr4::tree::TerminalNode>(t)) out += terminal->getSymbol()->getText();
    return;
  }
  for (antlr4::tree::ParseTree *c : t->children) appendText(c, out);
}
std::string textOf(antlr4::tree::ParseTree *t) {
  std::string out;
  if (t) appendText(t, out);
  return out;
}

// Constant folding of an `if` condition: literals, `true`/`false`, constants whose value is known,
// and `== != < <= > >= && || !` over them (`1 == 1`, `!false && "a" != "b"`, `DEBUG && x`).
struct Folded {
  enum class Kind { Bool, Number, String } kind;
  bool b = false;
  long double n = 0; // exact for every u64 and i64 literal
  std::string s;
  friend bool operator==(const Folded &x, const Folded &y) {
    return x.kind == y.kind && (x.kind == Kind::Bool ? x.b == y.b : x.kind == Kind::Number ? x.n == y.n : x.s == y.s);
  }
};
// A literal as the source spells it: `true`, `"a"`, `-1`, `2.5`.
std::optional<Folded> foldLiteral(const std::string &text) {
  if (text == "true" || text == "false") return Folded{Folded::Kind::Bool, text == "true", 0, {}};
  if (!text.empty() && text.front() == '"') return Folded{Folded::Kind::String, false, 0, text};
  char *end = nullptr;
  long double v = std::strtold(text.c_str(), &end);
  if (!text.empty() && end && *end == '\0') return Folded{Folded::Kind::Number, false, v, {}};
  return std::nullopt;
}
struct ConstantFolder {
  // The value of a name, when it is a constant with a known value.
  std::function<std::optional<Folded>(const std::string &)> name;
  // Called with the right side of an `&&` / `||` whose left side alone decides: it never runs
  // (aqua-language.md 5.8: the right side is evaluated only when needed).
  std::function<void(AquaParser::ExprContext *, bool isAnd)> deadOperand;

  std::optional<Folded> atom(AquaParser::AtomContext *a, bool report) {
    if (!a || !a->postfix().empty()) return std::nullopt;
    auto *prim = a->prim();
    if (auto *lit = grammar::treeCast<AquaParser::LiteralPrimContext>(prim)) return foldLiteral(textOf(lit->literal()));
    if (auto *np = grammar::treeCast<AquaParser::NamePrimContext>(prim)) return name ? name(textOf(np)) : std::nullopt;
    if (auto *no = grammar::treeCast<AquaParser::NotPrimContext>(prim)) {
      auto inner = atom(no->atom(), report);
      if (inner && inner->kind == Folded::Kind::Bool) return Folded{Folded::Kind::Bool, !inner->b, 0, {}};
      return std::nullopt;
    }
    if (auto *paren = grammar::treeCast<AquaParser::ParenPrimContext>(prim)) return expr(paren->expr(), report);
    return std::nullopt;
  }
  std::optional<Folded> expr(AquaParser::ExprContext *e, bool report) {
    if (auto *a = grammar::treeCast<AquaParser::AtomExprContext>(e)) return atom(a->atom(), report);
    auto boolean = [](bool v) { return Folded{Folded::Kind::Bool, v, 0, {}}; };
    if (auto *eq = grammar::treeCast<AquaParser::EqExprContext>(e)) {
      auto l = expr(eq->expr(0), report), r = expr(eq->expr(1), report);
      if (!l || !r || l->kind != r->kind) return std::nullopt;
      return boolean(eq->EQ() ? *l == *r : !(*l == *r));
    }
    if (auto *cmp = grammar::treeCast<AquaParser::CmpExprContext>(e)) {
      auto l = expr(cmp->expr(0), report), r = expr(cmp->expr(1), report);
      if (!l || !r || l->kind != Folded::Kind::Number || r->kind != Folded::Kind::Number) return std::nullopt;
      if (cmp->GT()) return boolean(l->n > r->n);
      if (cmp->GTE()) return boolean(l->n >= r->n);
      if (cmp->LT()) return boolean(l->n < r->n);
      return boolean(l->n <= r->n);
    }
    auto logic = [&](AquaParser::ExprContext *a, AquaParser::ExprContext *b, bool isAnd) -> std::optional<Folded> {
      auto l = expr(a, report);
      // `false && x` and `true || x` decide alone, and x never runs.
      bool decides = l && l->kind == Folded::Kind::Bool && l->b != isAnd;
      auto r = expr(b, report && !decides);
      if (decides) {
        if (report && deadOperand && !r) deadOperand(b, isAnd);
        return boolean(l->b);
      }
      // `x && false` and `x || true`: x runs, the result is known.
      bool lb = l && l->kind == Folded::Kind::Bool, rb = r && r->kind == Folded::Kind::Bool;
      if (rb && r->b != isAnd) return boolean(r->b);
      if (lb && rb) return boolean(isAnd ? l->b && r->b : l->b || r->b);
      return std::nullopt;
    };
    if (auto *a = grammar::treeCast<AquaParser::AndExprContext>(e)) return logic(a->expr(0), a->expr(1), true);
    if (auto *o = grammar::treeCast<AquaParser::OrExprContext>(e)) return logic(o->expr(0), o->expr(1), false);
    return std::nullopt;
  }
};

class SyntaxErrorListener : public antlr4::BaseErrorListener {
public:
  SyntaxErrorListener(SourceManager &sources, DiagnosticSink &sink, FileId file, antlr4::CommonTokenStream *tokens)
      : sources_(sources), sink_(sink), file_(file), tokens_(tokens) {}
  void syntaxError(antlr4::Recognizer *, antlr4::Token *offending, size_t line, size_t column, const std::string &msg,
                   std::exception_ptr) override {
    if (offending && offending->getType() == grammar::AquaLexer::INDENT) {
      uint32_t at = sources_.offsetOf(file_, {static_cast<uint32_t>(offending->getLine()), 1});
      uint32_t width = static_cast<uint32_t>(offending->getText().size());
      if (++count_ <= 20)
        sink_.emit(DiagKind::UnexpectedIndentation, SourceRange{file_, at, at + (width > 0 ? width : 1)},
                   "this line is indented deeper than the block it belongs to; use the block's indentation");
      return;
    }
    // A bracket left open on an earlier line: point at it rather than where the parser noticed.
    if (offending && tokens_ && offending->getTokenIndex() != INVALID_INDEX) {
      std::vector<antlr4::Token *> open;
      for (size_t i = 0; i < offending->getTokenIndex() && i < tokens_->size(); ++i) {
        antlr4::Token *t = tokens_->get(i);
        size_t type = t->getType();
        if (type == grammar::AquaLexer::LPAREN || type == grammar::AquaLexer::LBRACKET || type == grammar::AquaLexer::LBRACE)
          open.push_back(t);
        else if ((type == grammar::AquaLexer::RPAREN || type == grammar::AquaLexer::RBRACKET ||
                  type == grammar::AquaLexer::RBRACE) && !open.empty())
          open.pop_back();
      }
      if (!open.empty() && open.back()->getLine() < line) {
        antlr4::Token *bracket = open.back();
        uint32_t at = sources_.offsetOfCodePoint(file_, static_cast<uint32_t>(bracket->getLine()),
                                                 static_cast<uint32_t>(bracket->getCharPositionInLine()));
        // Each unclosed bracket once, however many times the parser stumbles after it.
        bool reported = std::any_of(sink_.all().begin(), sink_.all().end(), [&](const Diagnostic &d) {
          return d.kind == DiagKind::SyntaxError && d.range.file == file_ && d.range.begin == at;
        });
        if (!reported && ++count_ <= 20)
          sink_.emit(DiagKind::SyntaxError, SourceRange{file_, at, at + 1},
                     "`" + bracket->getText() + "` is never closed; close it before the end of the statement");
        return;
      }
    }
    // A block opener (`if c:`) with nothing indented under it: point at the opener.
    if (msg.rfind("missing INDENT", 0) == 0 && offending && tokens_ && offending->getTokenIndex() != INVALID_INDEX) {
      for (size_t i = offending->getTokenIndex(); i-- > 0;) {
        antlr4::Token *t = tokens_->get(i);
        if (t->getChannel() != antlr4::Token::DEFAULT_CHANNEL || t->getType() == grammar::AquaLexer::NEWLINE) continue;
        uint32_t at = sources_.offsetOf(file_, {static_cast<uint32_t>(t->getLine()), 1});
        std::string_view text = sources_.text(file_);
        while (at < text.size() && (text[at] == ' ' || text[at] == '\t')) ++at;
        uint32_t end = at;
        while (end < text.size() && text[end] != '\n') ++end;
        if (++count_ <= 20)
          sink_.emit(DiagKind::SyntaxError, SourceRange{file_, at, std::max(end, at + 1)},
                     "this block has no body: indent the statements that belong to it under this line");
        sawError_ = true;
        return;
      }
    }
    // After a first error, a complaint about the end of the file only repeats it.
    if (sawError_ && offending && offending->getType() == antlr4::Token::EOF) return;
    sawError_ = true;
    uint32_t begin = sources_.offsetOfCodePoint(file_, static_cast<uint32_t>(line), static_cast<uint32_t>(column));
    uint32_t length = 1;
    if (offending && offending->getType() != antlr4::Token::EOF && !offending->getText().empty() &&
        offending->getText()[0] != '\n')
      length = static_cast<uint32_t>(offending->getText().size());
    std::string message = msg;
    // A list of every token that could start a statement helps nobody.
    if (size_t set = message.find(" expecting {"); set != std::string::npos &&
        std::count(message.begin() + static_cast<long>(set), message.end(), ',') > 8)
      message.erase(set);
    // ANTLR's token names read badly; say what the user wrote.
    for (auto [from, to] : std::initializer_list<std::pair<const char *, const char *>>{
             {"NEWLINE", "end of line"}, {"INDENT", "an indented block"}, {"DEDENT", "end of block"},
             {"'\\n'", "end of line"}, {"<EOF>", "end of file"}}) {
      size_t pos;
      while ((pos = message.find(from)) != std::string::npos) message.replace(pos, std::strlen(from), to);
    }
    if (++count_ <= 20) sink_.emit(DiagKind::SyntaxError, SourceRange{file_, begin, begin + length}, message);
  }

private:
  SourceManager &sources_;
  DiagnosticSink &sink_;
  FileId file_;
  antlr4::CommonTokenStream *tokens_;
  int count_ = 0;
  bool sawError_ = false;
};

} // namespace

// A loaded file: its parse and what it defines.
struct FileModule {
  std::string path;
  FileId file;
  std::string name;
  bool declaresAll = false;
  std::set<std::string> declares;
  std::map<std::string, TypePtr> types;
  std::map<std::string, TypePtr> services;
  std::map<std::string, raw::FuncPtr> funcs;
  std::map<std::string, ValuePtr> constants;
  std::map<std::string, FileModule *> uses; // `use` prefixes
  std::vector<std::pair<std::string, std::string>> exports;
  std::vector<std::string> exportedServices;
  std::map<std::string, sema::SymbolId> aliasSymbols; // aliases resolve to their type; the index keeps the alias
  std::map<std::string, SourceRange> definedAt;        // top-level definitions of this file, for redefinition notes
  bool isMain = false;                                 // the file asked about (warnings are for it only)
  // Kept alive while the tree is converted.
  std::unique_ptr<antlr4::ANTLRInputStream> input;
  std::unique_ptr<grammar::AquaTokenSource> lexer;
  std::unique_ptr<antlr4::CommonTokenStream> tokens;
  grammar::ParseTreeArena tree; // the tree when the descent parser built it
  std::unique_ptr<AquaParser> parser; // the generated parser, when it had to (and then owns the tree)
  bool loading = false;
  bool ok = true;

  bool declared(const std::string &n) const { return declaresAll || declares.count(n); }
};

struct Frontend::Impl {
  SourceManager &sources;
  DiagnosticSink &sink;
  sema::ImportResolver resolver;
  std::map<std::string, std::unique_ptr<FileModule>> files;
  // Everything loaded, for the raw module (lowering inlines any function it reaches).
  std::map<std::string, raw::FuncPtr> allFuncs;
  std::map<std::string, TypePtr> allServices;
  // Set while checking `M.f(...)` for a `use`d module M: calls resolve in M instead of the file.
  FileModule *callIn = nullptr;
  // How many results each checked call returns (bindings check their count).
  std::map<const Value *, size_t> callResults;
  // The last `<- ...` checked: errors about returned values point at it.
  SourceRange lastReturn;
  std::map<std::string, ValuePtr> allConstants;
  // Editor support (both optional). Without an editor's index the front end keeps its own for
  // the unused-name warnings, without the hover texts (`details`: signatures, types, doc comments).
  sema::SymbolIndex *index = nullptr;
  bool details = false;
  sema::SymbolIndex ownIndex;
  // Warnings for the main file: `if`s whose condition folds (by statement), values of plain
  // `const X = v` (`?=` ones are meant to be overridden), constants set from outside (`--const`),
  // and what the unused-name pass needs beyond the index.
  std::map<const raw::Stmt *, bool> constantIfs;
  std::map<const Value *, Folded> knownConstants;
  std::set<std::string> overriddenConstants;
  sema::NameFacts facts;
  const std::map<std::string, std::string> *unsaved = nullptr;
  // The index's view of definitions: imports share the defining file's objects, so a reference
  // anywhere finds the declaration by the object it resolves to.
  std::map<const void *, sema::SymbolId> symbolOf;
  std::map<std::pair<const void *, std::string>, sema::SymbolId> memberOf; // fields, service functions

  Impl(SourceManager &s, DiagnosticSink &d, sema::ImportResolver r) : sources(s), sink(d), resolver(std::move(r)) {}

  SourceRange rangeOf(FileModule &m, antlr4::ParserRuleContext *ctx) {
    if (!ctx || !ctx->getStart()) return SourceRange{m.file, 0, 0};
    auto *start = ctx->getStart();
    uint32_t begin = offsetOf(m, start);
    auto *stop = ctx->getStop();
    uint32_t end = begin + static_cast<uint32_t>(start->getText().size());
    if (stop && stop->getLine() == start->getLine() && stop->getType() != antlr4::Token::EOF)
      end = offsetOf(m, stop) + static_cast<uint32_t>(stop->getText().size());
    return SourceRange{m.file, begin, std::max(end, begin + 1)};
  }
  SourceRange rangeOf(FileModule &m, antlr4::tree::TerminalNode *node) {
    auto *t = node->getSymbol();
    uint32_t begin = offsetOf(m, t);
    return SourceRange{m.file, begin, begin + static_cast<uint32_t>(t->getText().size())};
  }

  // Byte offset of a token: ANTLR counts columns in code points, the source manager in bytes.
  uint32_t offsetOf(FileModule &m, antlr4::Token *t) {
    return sources.offsetOfCodePoint(m.file, static_cast<uint32_t>(t->getLine()),
                                     static_cast<uint32_t>(t->getCharPositionInLine()));
  }

  // The whole of a construct, over as many lines as it takes.
  // `trim`: end at the last real token. A block's stop token is a virtual NEWLINE/DEDENT placed
  // at the next line; scopes keep it (a local is visible on a new line typed at the block's end),
  // declarations shown in an outline don't.
  SourceRange extentOf(FileModule &m, antlr4::ParserRuleContext *ctx, bool trim = false) {
    if (!ctx || !ctx->getStart()) return SourceRange{m.file, 0, 0};
    uint32_t begin = offsetOf(m, ctx->getStart());
    antlr4::Token *stop = ctx->getStop();
    while (trim && stop && stop->getTokenIndex() > ctx->getStart()->getTokenIndex() &&
           (stop->getType() == grammar::AquaLexer::NEWLINE || stop->getType() == grammar::AquaLexer::DEDENT ||
            stop->getType() == grammar::AquaLexer::INDENT || stop->getChannel() != antlr4::Token::DEFAULT_CHANNEL))
      stop = m.tokens->get(stop->getTokenIndex() - 1);
    uint32_t end = begin;
    if (stop && stop->getType() != antlr4::Token::EOF && stop->getTokenIndex() >= ctx->getStart()->getTokenIndex())
      end = offsetOf(m, stop) + static_cast<uint32_t>(stop->getText().size());
    return SourceRange{m.file, begin, std::max(end, begin)};
  }
  // The statements of a block, from the first to the end of the last (not the line break before).
  SourceRange statementsOf(FileModule &m, AquaParser::BlockContext *b) {
    auto stmts = b->stmt();
    if (stmts.empty()) return extentOf(m, b, true);
    SourceRange first = extentOf(m, stmts.front(), true), last = extentOf(m, stmts.back(), true);
    return SourceRange{m.file, first.begin, std::max(first.end, last.end)};
  }
  SourceRange nameRange(FileModule &m, antlr4::tree::TerminalNode *node) {
    if (!node) return SourceRange{};
    uint32_t begin = offsetOf(m, node->getSymbol());
    return SourceRange{m.file, begin, begin + static_cast<uint32_t>(textOf(node).size())};
  }
  SourceRange nameRange(FileModule &m, antlr4::ParserRuleContext *ctx) {
    if (!ctx || !ctx->getStart()) return SourceRange{};
    uint32_t begin = offsetOf(m, ctx->getStart());
    return SourceRange{m.file, begin, begin + static_cast<uint32_t>(textOf(ctx).size())};
  }

  // Editor index. Everything below is a no-op without an index.
  sema::SymbolId declare(sema::Symbol symbol, const void *object = nullptr) {
    if (!index) return {};
    sema::SymbolId id = index->add(std::move(symbol));
    if (object) symbolOf.emplace(object, id);
    return id;
  }
  void refer(SourceRange at, sema::SymbolId id) {
    if (index && at.file.valid()) index->reference(at, id);
  }
  void referObject(SourceRange at, const void *object) {
    if (!index || !object) return;
    if (auto it = symbolOf.find(object); it != symbolOf.end()) refer(at, it->second);
  }
  void referMember(SourceRange at, const TypePtr &owner, const std::string &member) {
    if (!index || !owner) return;
    if (auto it = memberOf.find({owner.get(), member}); it != memberOf.end()) refer(at, it->second);
  }
  sema::SymbolId typeSymbol(const TypePtr &t) {
    if (!index || !t) return {};
    auto it = symbolOf.find(t.get());
    return it == symbolOf.end() ? sema::SymbolId{} : it->second;
  }
  // `--` comment lines directly above a declaration.
  std::string docAbove(FileModule &m, antlr4::ParserRuleContext *ctx) {
    if (!details || !ctx || !ctx->getStart()) return "";
    std::vector<std::string> lines;
    size_t line = ctx->getStart()->getLine();
    for (size_t i = ctx->getStart()->getTokenIndex(); i-- > 0;) {
      antlr4::Token *t = m.tokens->get(i);
      if (t->getType() == grammar::AquaLexer::WS || t->getType() == grammar::AquaLexer::NEWLINE ||
          t->getType() == grammar::AquaLexer::INDENT || t->getType() == grammar::AquaLexer::DEDENT)
        continue;
      if (t->getType() == grammar::AquaLexer::COMMENT && t->getLine() + 1 == line) {
        std::string text = t->getText().substr(2);
        if (!text.empty() && text[0] == ' ') text.erase(0, 1);
        lines.push_back(text);
        line = t->getLine();
        continue;
      }
      break;
    }
    std::string doc;
    for (auto it = lines.rbegin(); it != lines.rend(); ++it) doc += (doc.empty() ? "" : "\n") + *it;
    return doc;
  }
  // Source text of a construct on one line: how a signature is shown on hover.
  std::string flatText(FileModule &m, antlr4::ParserRuleContext *ctx) {
    if (!details) return "";
    SourceRange r = extentOf(m, ctx, true);
    std::string_view text = sources.text(m.file).substr(r.begin, r.end - r.begin);
    std::string out;
    bool space = false;
    for (char c : text) {
      if (c == ' ' || c == '\t' || c == '\n' || c == '\r') { space = !out.empty(); continue; }
      if (space && c != ')' && c != ']' && !(out.back() == '(' || out.back() == '[')) out += ' ';
      space = false;
      out += c;
    }
    return out;
  }

  template <typename... Args> Diagnostic &error(FileModule &m, SourceRange r, DiagKind kind, Args &&...args) {
    Diagnostic &d = sink.emit(kind, r, std::forward<Args>(args)...);
    if (info(kind).severity == Severity::Error) m.ok = false;
    return d;
  }

  FileModule *load(const std::string &path, FileModule *importer, SourceRange importRange);
  void header(FileModule &m, AquaParser::FileContext *file);
  void definitions(FileModule &m, AquaParser::FileContext *file);
  // Brings `name` of `from` into `into` as `as`; returns its declaration in the index.
  std::vector<sema::SymbolId> bring(FileModule &into, FileModule &from, const std::string &name, const std::string &as,
                                    SourceRange at);

  // Types.
  TypePtr type(FileModule &m, AquaParser::TypeContext *t);
  TypePtr basicType(FileModule &m, AquaParser::BasicTypeContext *t);
  TypePtr typeOrParen(FileModule &m, AquaParser::TypeOrParenContext *t);
  TypePtr arrowTypeOf(FileModule &m, AquaParser::ArrowTypeContext *a);
  TypePtr arrowOf(FileModule &m, AquaParser::ArrowSigContext *sig, raw::Func *func);
  TypePtr lookupType(FileModule &m, const std::string &dotted, SourceRange at);

  // Bodies.
  struct Scope {
    std::map<std::string, TypePtr> vars;
    std::map<std::string, sema::SymbolId> ids; // the index's symbol of each var (editor support)
    Scope *parent = nullptr;
    SourceRange extent; // where its names are visible
    sema::SymbolId findId(const std::string &n) const {
      for (const Scope *s = this; s; s = s->parent) {
        if (s->vars.count(n)) {
          auto it = s->ids.find(n);
          return it == s->ids.end() ? sema::SymbolId{} : it->second;
        }
      }
      return {};
    }
    TypePtr find(const std::string &n) const {
      for (const Scope *s = this; s; s = s->parent) {
        auto it = s->vars.find(n);
        if (it != s->vars.end()) return it->second;
      }
      return nullptr;
    }
    bool has(const std::string &n) const {
      for (const Scope *s = this; s; s = s->parent)
        if (s->vars.count(n)) return true;
      return false;
    }
  };
  struct FuncCtx {
    FileModule &m;
    std::string name;
    sema::SymbolId symbol; // the function in the editor index
  };
  // Binds a local name in `scope` and declares it in the index.
  void bindLocal(FuncCtx &f, Scope &scope, const std::string &name, TypePtr type, SourceRange at, bool inferred,
                 sema::SymbolKind kind = sema::SymbolKind::Variable) {
    scope.vars[name] = type;
    if (!index) return;
    if (kind == sema::SymbolKind::Variable && type && type->kind == Type::Kind::Stream) kind = sema::SymbolKind::Stream;
    sema::Symbol sym;
    sym.name = name;
    sym.kind = kind;
    sym.name_range = at;
    sym.extent = scope.extent;
    sym.detail = details && type ? typeText(type) : "";
    sym.parent = f.symbol;
    sym.type = typeSymbol(type);
    sym.type_inferred = inferred;
    scope.ids[name] = declare(std::move(sym));
  }
  raw::FuncPtr function(FileModule &m, const std::string &name, AquaParser::ArrowSigContext *sig,
                        AquaParser::BlockContext *body, Scope *outer, bool noTopology, sema::SymbolId symbol,
                        SourceRange extent);
  std::vector<StmtPtr> block(FuncCtx &f, AquaParser::BlockContext *b, Scope &scope, std::vector<ValuePtr> *returns,
                             const raw::Func *owner);
  ValuePtr expr(FuncCtx &f, AquaParser::ExprContext *e, Scope &scope);
  ValuePtr atom(FuncCtx &f, AquaParser::AtomContext *a, Scope &scope);
  ValuePtr prim(FuncCtx &f, AquaParser::PrimContext *p, Scope &scope);
  ValuePtr call(FuncCtx &f, const std::string &name, AquaParser::AbilityArgsContext *abilities,
                const std::vector<AquaParser::ExprContext *> &args, ValuePtr receiver, Scope &scope,
                antlr4::ParserRuleContext *at, SourceRange nameAt);
  ValuePtr construct(FuncCtx &f, const std::string &typeName, const std::vector<AquaParser::NamedArgContext *> &args,
                     Scope &scope, antlr4::ParserRuleContext *at, SourceRange nameAt, FileModule *in = nullptr);
  TypePtr typeOfName(FuncCtx &f, const std::string &name, Scope &scope);
  // Misspelled names: the closest candidate (see closest()) becomes "; did you mean `x`?"
  // in the message and a fix-it replacing the name with x.
  static bool isTransposition(const std::string &a, const std::string &b) {
    if (a.size() != b.size()) return false;
    size_t i = 0;
    while (i < a.size() && a[i] == b[i]) ++i;
    return i + 1 < a.size() && a[i] == b[i + 1] && a[i + 1] == b[i] && a.compare(i + 2, std::string::npos, b, i + 2) == 0;
  }
  static std::string closest(const std::string &name, const std::vector<std::string> &candidates) {
    std::string best;
    // Close enough to be an obvious fix: one edit in a short name, two from four characters on
    // (`zz` is not `a`, `valeu` is `value`); a swap of neighbours counts as one edit.
    unsigned bestDistance = name.size() >= 4 ? 3 : 2;
    auto lengthGap = [&](const std::string &c) { return c.size() > name.size() ? c.size() - name.size() : name.size() - c.size(); };
    for (const std::string &candidate : candidates) {
      if (candidate == name || candidate.empty() || candidate[0] == '#') continue;
      unsigned d = llvm::StringRef(name).edit_distance(candidate, true, bestDistance);
      if (isTransposition(name, candidate)) d = 1; // `u23` for `u32`, `lenght` for `length`
      // Ties go to the candidate of the closest length: `u23` is `u32` rather than `u8`.
      if (d < bestDistance || (d == bestDistance && !best.empty() && lengthGap(candidate) < lengthGap(best)))
        bestDistance = d, best = candidate;
    }
    return best;
  }
  static std::string didYouMean(const std::string &best) { return best.empty() ? "" : "; did you mean `" + best + "`?"; }
  static Diagnostic &fixName(Diagnostic &d, SourceRange nameAt, const std::string &best) {
    if (!best.empty() && nameAt.file.valid() && nameAt.end > nameAt.begin) d.fixits.push_back({nameAt, best});
    return d;
  }
  // A value or function name: variables in scope, the file's functions and constants.
  std::string suggestion(const std::string &name, Scope &scope, FileModule &m);
  Diagnostic &undefinedName(FileModule &m, DiagKind kind, SourceRange range, SourceRange nameAt,
                            const std::string &name, Scope &scope) {
    std::string best = suggestion(name, scope, m);
    return fixName(error(m, range, kind, name, didYouMean(best)), nameAt, best);
  }
  template <typename Map> static std::vector<std::string> keysOf(const Map &map) {
    std::vector<std::string> out;
    for (const auto &entry : map) out.push_back(entry.first);
    return out;
  }
  // Editor index and warning facts of the main file.
  bool recordFacts(const FileModule &m) const { return m.isMain && index; }
  sema::SymbolId symbolFor(const void *object) const {
    auto it = symbolOf.find(object);
    return it == symbolOf.end() ? sema::SymbolId{} : it->second;
  }
  // A function or closure used as a value (passed, returned, stored): its signature is fixed.
  void arrowValue(const FileModule &m, sema::SymbolId id) {
    if (id.valid() && recordFacts(m)) facts.arrowValues.insert(id.index);
  }
  // A constant's value when it is known: a plain `const` not overridden and not shadowed.
  std::optional<Folded> constantValue(FileModule &m, Scope &scope, const std::string &name) {
    if (scope.has(name) || overriddenConstants.count(name)) return std::nullopt;
    auto c = m.constants.find(name);
    if (c == m.constants.end()) return std::nullopt;
    auto k = knownConstants.find(c->second.get());
    return k == knownConstants.end() ? std::nullopt : std::optional<Folded>(k->second);
  }
};

Frontend::Frontend(SourceManager &sources, DiagnosticSink &diagnostics, sema::ImportResolver resolver)
    : impl_(std::make_unique<Impl>(sources, diagnostics, std::move(resolver))) {}
Frontend::~Frontend() = default;

void Frontend::setSymbolIndex(sema::SymbolIndex *index) {
  impl_->index = index;
  impl_->details = index != nullptr;
}
void Frontend::setUnsavedFiles(const std::map<std::string, std::string> *files) { impl_->unsaved = files; }
void Frontend::setConstantOverrides(const std::vector<std::string> &entries) {
  for (const std::string &entry : entries) {
    std::string name = entry.substr(0, entry.find('='));
    name.erase(0, name.find_first_not_of(" \t"));
    name.erase(name.find_last_not_of(" \t") + 1);
    impl_->overriddenConstants.insert(name);
  }
}

FrontendResult Frontend::load(const std::string &path) {
  FrontendResult result;
  // The unused-name warnings are computed from the index: build one when the caller has none.
  // It lives as long as the front end, like the symbol ids the front end keeps.
  if (!impl_->index) impl_->index = &impl_->ownIndex;
  // Parse trees of deep expressions are walked recursively (by ANTLR and by us).
  FileModule *m = nullptr;
  size_t errorsBefore = impl_->sink.errorCount();
  impl_->facts = {};
  air::runWithLargeStack([&] { m = impl_->load(path, nullptr, {}); });
  if (!m) return result;
  // Unused names of the file asked about, once it and its imports check: after an error, uses
  // are missing from what could not be checked.
  if (impl_->sink.errorCount() == errorsBefore && m->file.valid() && m->isMain)
    sema::reportUnusedNames(*impl_->index, m->file, impl_->sources.text(m->file), impl_->facts, impl_->sink);
  result.module.funcs = impl_->allFuncs;
  for (const auto &[n, f] : m->funcs) result.module.funcs[n] = f;
  result.module.services = impl_->allServices;
  for (const auto &[n, s] : m->services) result.module.services[n] = s;
  result.module.constants = impl_->allConstants;
  for (const auto &[n, c] : m->constants) result.module.constants[n] = c;
  result.module.exports = m->exports;
  result.exportedServices = m->exportedServices;
  result.ok = !impl_->sink.hasErrors();
  return result;
}

FileModule *Frontend::Impl::load(const std::string &path, FileModule *importer, SourceRange importRange) {
  auto found = files.find(path);
  if (found != files.end()) {
    if (found->second->loading && importer) {
      error(*importer, importRange, DiagKind::ImportCycle, importer->path + " -> " + path);
      return nullptr;
    }
    return found->second.get();
  }
  std::string readError;
  FileId file;
  if (auto u = unsaved ? unsaved->find(path) : std::map<std::string, std::string>::const_iterator{};
      unsaved && u != unsaved->end())
    file = sources.addFile(path, u->second);
  else
    file = sources.loadFile(path, readError);
  if (!file.valid()) {
    sink.emit(DiagKind::FileUnreadable, importRange, path + ": " + readError);
    return nullptr;
  }
  auto owned = std::make_unique<FileModule>();
  FileModule &m = *owned;
  files[path] = std::move(owned);
  m.path = path;
  m.file = file;
  m.loading = true;
  m.isMain = importer == nullptr;
  std::string_view text = sources.text(file);
  // Input checks the ANTLR runtime cannot do gracefully.
  if (text.find('\0') != std::string_view::npos) {
    uint32_t at = static_cast<uint32_t>(text.find('\0'));
    error(m, SourceRange{file, at, at + 1}, DiagKind::BinaryFile);
    m.loading = false;
    return &m;
  }
  if (!llvm::json::isUTF8(llvm::StringRef(text.data(), text.size()))) {
    size_t bad = 0;
    while (bad < text.size() && llvm::json::isUTF8(llvm::StringRef(text.data(), bad + 1))) ++bad;
    // isUTF8 of a prefix may fail mid-sequence: report the first offset where the valid prefix ends.
    error(m, SourceRange{file, static_cast<uint32_t>(bad), static_cast<uint32_t>(bad + 1)}, DiagKind::InvalidUtf8);
    m.loading = false;
    return &m;
  }
  try {
    m.input = std::make_unique<antlr4::ANTLRInputStream>(std::string(text));
    m.lexer = std::make_unique<grammar::AquaTokenSource>(m.input.get());
    m.lexer->removeErrorListeners();
    m.tokens = std::make_unique<antlr4::CommonTokenStream>(m.lexer.get());
    m.tokens->fill();
    if (m.lexer->maxDepth() > kMaxBracketDepth) {
      error(m, SourceRange{file, 0, 1}, DiagKind::NestingTooDeep, std::to_string(m.lexer->maxDepth()) + " nested brackets", std::to_string(kMaxBracketDepth) + " levels");
      m.loading = false;
      return &m;
    }
    // Bound the depth of parse trees: one statement of more than kMaxStatementTokens tokens (a
    // generated 100,000-term sum, a wall of `!`) is rejected before ANTLR builds it.
    {
      size_t run = 0;
      for (size_t i = 0; i < m.tokens->size(); ++i) {
        antlr4::Token *t = m.tokens->get(i);
        if (t->getType() == grammar::AquaLexer::NEWLINE || t->getType() == grammar::AquaLexer::INDENT) run = 0;
        else if (t->getChannel() == antlr4::Token::DEFAULT_CHANNEL && ++run > kMaxStatementTokens) {
          uint32_t at = sources.offsetOf(file, {static_cast<uint32_t>(t->getLine()), 1});
          error(m, SourceRange{file, at, at + 1}, DiagKind::NestingTooDeep, "more than " + std::to_string(kMaxStatementTokens) + " tokens", std::to_string(kMaxStatementTokens) + " tokens");
          m.loading = false;
          return &m;
        }
      }
    }
    for (const auto &e : m.lexer->indentErrors()) {
      uint32_t at = sources.offsetOf(file, {static_cast<uint32_t>(e.line), static_cast<uint32_t>(e.column)});
      error(m, SourceRange{file, at, at + 1}, DiagKind::UnexpectedIndentation,
            "dedent to a level that no enclosing block has");
    }
    size_t before = sink.errorCount();
    AquaParser::FileContext *tree = grammar::parseFileByDescent(*m.tokens, m.tree);
    if (!tree) {
      // Invalid or unusual input: the generated parser decides and reports the first error. Its
      // two stages: SLL prediction decides every valid file; only when it fails is the file
      // parsed again with full LL and error reporting.
      m.parser = std::make_unique<AquaParser>(m.tokens.get());
      m.parser->removeErrorListeners();
      SyntaxErrorListener listener(sources, sink, file, m.tokens.get());
      m.tokens->seek(0);
      m.parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
      m.parser->setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
      try {
        tree = m.parser->file();
      } catch (const antlr4::ParseCancellationException &) {
        m.tokens->seek(0);
        m.parser->reset();
        m.parser->setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
        m.parser->getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
        m.parser->addErrorListener(&listener);
        tree = m.parser->file();
      }
      m.parser->removeErrorListeners();
    }
    if (sink.errorCount() > before) {
      m.ok = false;
      m.loading = false;
      return &m;
    }
    header(m, tree);
    definitions(m, tree);
  } catch (const std::exception &e) {
    error(m, SourceRange{file, 0, 1}, DiagKind::SyntaxError, std::string("cannot parse this file: ") + e.what());
  }
  m.loading = false;
  return &m;
}

std::vector<sema::SymbolId> Frontend::Impl::bring(FileModule &into, FileModule &from, const std::string &name,
                                                  const std::string &as, SourceRange at) {
  bool any = false;
  std::vector<sema::SymbolId> brings;
  if (index) {
    const void *object = nullptr;
    sema::SymbolId id;
    if (auto alias = from.aliasSymbols.find(name); alias != from.aliasSymbols.end())
      id = into.aliasSymbols[as] = alias->second; // an alias resolves to its type; uses refer to the alias
    else if (auto it = from.types.find(name); it != from.types.end()) object = it->second.get();
    else if (auto s = from.services.find(name); s != from.services.end()) object = s->second.get();
    else if (auto fn = from.funcs.find(name); fn != from.funcs.end()) object = fn->second.get();
    else if (auto c = from.constants.find(name); c != from.constants.end()) object = c->second.get();
    if (object) id = symbolFor(object);
    refer(SourceRange{at.file, at.begin, at.begin + static_cast<uint32_t>(name.size())}, id);
    if (id.valid()) brings.push_back(id);
  }
  if (auto it = from.types.find(name); it != from.types.end()) into.types[as] = it->second, any = true;
  if (auto it = from.services.find(name); it != from.services.end()) into.services[as] = it->second, any = true;
  if (auto it = from.funcs.find(name); it != from.funcs.end()) into.funcs[as] = it->second, any = true;
  if (auto it = from.constants.find(name); it != from.constants.end()) into.constants[as] = it->second, any = true;
  if (!any || !from.declared(name)) error(into, at, DiagKind::ImportedNameMissing, name, from.path);
  return brings;
}

void Frontend::Impl::header(FileModule &m, AquaParser::FileContext *file) {
  bool first = true;
  bool sawDefinition = false;
  if (file->topItem().empty()) error(m, SourceRange{m.file, 0, 0}, DiagKind::MissingHeader);
  for (auto *item : file->topItem()) {
    if (item->dataDef() || item->aliasDef() || item->serviceDef() || item->abilityDef() || item->constDef() ||
        item->funcDef())
      sawDefinition = true;
    else if (sawDefinition && (item->importDecl() || item->useDecl()))
      error(m, rangeOf(m, item), DiagKind::ImportAfterDefinitions);
    if (auto *h = item->header()) {
      if (h->MODULE()) {
        SourceRange keyword = rangeOf(m, h->MODULE());
        error(m, keyword, DiagKind::ModuleKeyword).fixits.push_back({keyword, "aqua"});
      }
      else if (!first) error(m, rangeOf(m, h), DiagKind::HeaderNotFirst, textOf(h->dotted()));
      m.name = textOf(h->dotted());
      if (h->STAR()) m.declaresAll = true;
      for (auto *n : h->anyName()) m.declares.insert(textOf(n));
      if (recordFacts(m)) {
        facts.declaresAll = m.declaresAll;
        facts.declares.insert(m.declares.begin(), m.declares.end());
      }
    } else if (first) {
      error(m, rangeOf(m, item), DiagKind::MissingHeader);
    }
    first = false;
    auto resolve = [&](antlr4::tree::TerminalNode *str) -> FileModule * {
      std::string spec = textOf(str).substr(1, textOf(str).size() - 2);
      sema::ImportResolution r = resolver.resolve(m.path, spec);
      if (r.path.empty()) {
        std::string tried;
        for (const auto &t : r.tried) tried += (tried.empty() ? "" : ", ") + t;
        error(m, rangeOf(m, str), DiagKind::ImportNotFound, spec, tried);
        return nullptr;
      }
      FileModule *dep = load(r.path, &m, rangeOf(m, str));
      if (dep && !dep->ok) m.ok = false;
      return dep;
    };
    if (auto *imp = item->importDecl()) {
      FileModule *dep = resolve(imp->STRING());
      if (!dep) continue;
      sema::NameFacts::Import fact{extentOf(m, imp, true), rangeOf(m, imp->STRING()), imp->itemAs().empty(), {}, {}};
      if (imp->itemAs().empty()) {
        auto all = [&](auto &from, auto &into) {
          for (auto &[n, x] : from)
            if (dep->declared(n)) {
              into[n] = x;
              sema::SymbolId id;
              if (auto alias = dep->aliasSymbols.find(n); alias != dep->aliasSymbols.end() &&
                  static_cast<const void *>(&from) == static_cast<const void *>(&dep->types))
                id = m.aliasSymbols[n] = alias->second;
              else if (index)
                id = symbolFor(x.get());
              if (recordFacts(m)) fact.brings.emplace_back(n, id);
            }
        };
        all(dep->types, m.types);
        all(dep->services, m.services);
        all(dep->funcs, m.funcs);
        all(dep->constants, m.constants);
      }
      for (auto *ia : imp->itemAs()) {
        std::string name = textOf(ia->dottedAny()->anyName());
        std::string as = ia->AS() ? textOf(ia->anyName()) : name;
        SourceRange at = nameRange(m, ia->dottedAny());
        std::vector<sema::SymbolId> brings = bring(m, *dep, name, as, at);
        fact.items.push_back({SourceRange{at.file, at.begin, at.begin + static_cast<uint32_t>(name.size())},
                              extentOf(m, ia, true), as, std::move(brings)});
      }
      if (recordFacts(m)) facts.imports.push_back(std::move(fact));
    } else if (auto *use = item->useDecl()) {
      FileModule *dep = resolve(use->STRING());
      if (!dep) continue;
      std::string prefix = use->AS() ? textOf(use->UPPER()) : dep->name;
      m.uses[prefix] = dep;
      if (index) {
        sema::Symbol sym;
        sym.name = prefix;
        sym.kind = sema::SymbolKind::Module;
        sym.name_range = use->AS() ? nameRange(m, use->UPPER()) : nameRange(m, use->STRING());
        sym.extent = extentOf(m, use, true);
        sym.detail = "use " + textOf(use->STRING()) + " (" + dep->path + ")";
        declare(std::move(sym), dep);
      }
      // The lowering sees flat names; used definitions keep theirs.
      for (auto &[n, s] : dep->services) allServices.emplace(n, s);
      for (auto &[n, f] : dep->funcs) allFuncs.emplace(n, f);
      for (auto &[n, c] : dep->constants) allConstants.emplace(n, c);
    }
  }
}

TypePtr Frontend::Impl::lookupType(FileModule &m, const std::string &dotted, SourceRange at) {
  size_t dot = dotted.rfind('.');
  FileModule *in = &m;
  std::string name = dotted;
  if (dot != std::string::npos) {
    auto u = m.uses.find(dotted.substr(0, dot));
    if (u == m.uses.end()) {
      error(m, at, DiagKind::UndefinedType, dotted, "");
      return nullptr;
    }
    in = u->second;
    name = dotted.substr(dot + 1);
    referObject(SourceRange{at.file, at.begin, at.begin + static_cast<uint32_t>(dot)}, in); // the `use` prefix
  }
  // The reference covers the last part of a dotted name.
  SourceRange nameAt{at.file, at.end >= name.size() ? at.end - static_cast<uint32_t>(name.size()) : at.begin, at.end};
  auto it = in->types.find(name);
  if (it != in->types.end()) {
    if (auto alias = in->aliasSymbols.find(name); alias != in->aliasSymbols.end()) refer(nameAt, alias->second);
    else referObject(nameAt, it->second.get());
    return it->second;
  }
  auto s = in->services.find(name);
  if (s != in->services.end()) {
    referObject(nameAt, s->second.get());
    return s->second;
  }
  std::vector<std::string> candidates = keysOf(in->types), services = keysOf(in->services);
  candidates.insert(candidates.end(), services.begin(), services.end());
  if (in == &m) candidates.insert(candidates.end(), {"string", "bool"}); // `Strng`, `Bool`
  std::string best = closest(name, candidates);
  fixName(error(m, at, DiagKind::UndefinedType, dotted, didYouMean(best)), nameAt, best);
  return nullptr;
}

TypePtr Frontend::Impl::basicType(FileModule &m, AquaParser::BasicTypeContext *t) {
  auto elementOf = [&](const char *what, AquaParser::BasicTypeContext *inner) {
    TypePtr elem = basicType(m, inner);
    if (!isData(elem)) error(m, rangeOf(m, inner), DiagKind::NotData, what, typeText(elem));
    return elem;
  };
  if (auto *a = grammar::treeCast<AquaParser::ArrayTypeContext>(t)) return collection(Type::Kind::Array, elementOf("an array", a->basicType()));
  if (auto *s = grammar::treeCast<AquaParser::StreamTypeContext>(t)) return collection(Type::Kind::Stream, elementOf("a stream", s->basicType()));
  if (auto *o = grammar::treeCast<AquaParser::OptionTypeContext>(t)) return collection(Type::Kind::Option, elementOf("an option", o->basicType()));
  if (auto *mp = grammar::treeCast<AquaParser::StreamMapTypeContext>(t)) return collection(Type::Kind::Stream, basicType(m, mp->basicType()));
  if (grammar::treeCast<AquaParser::TopTypeContext>(t)) return top();
  if (grammar::treeCast<AquaParser::BottomTypeContext>(t)) return bottom();
  if (auto *s = grammar::treeCast<AquaParser::ScalarTypeContext>(t)) {
    std::string n = textOf(s);
    if (!isScalarName(n)) {
      std::string best = closest(n, {"u8", "u16", "u32", "u64", "i8", "i16", "i32", "i64", "f32", "f64", "bool", "string"});
      fixName(error(m, rangeOf(m, s), DiagKind::UndefinedType, n,
                    best.empty() ? "; scalar types are u8 u16 u32 u64 i8 i16 i32 i64 f32 f64 bool string" : didYouMean(best)),
              rangeOf(m, s), best);
      return nullptr;
    }
    return scalar(n);
  }
  auto *named = grammar::treeCast<AquaParser::NamedTypeContext>(t);
  return named ? lookupType(m, textOf(named), nameRange(m, named)) : nullptr;
}

TypePtr Frontend::Impl::typeOrParen(FileModule &m, AquaParser::TypeOrParenContext *t) {
  return t->basicType() ? basicType(m, t->basicType()) : type(m, t->type());
}

TypePtr Frontend::Impl::type(FileModule &m, AquaParser::TypeContext *t) {
  if (t->basicType()) return basicType(m, t->basicType());
  return arrowTypeOf(m, t->arrowType());
}

TypePtr Frontend::Impl::arrowTypeOf(FileModule &m, AquaParser::ArrowTypeContext *a) {
  auto arrow = std::make_shared<Type>();
  arrow->kind = Type::Kind::Arrow;
  for (auto *d : a->typeOrParen()) arrow->domain.push_back(typeOrParen(m, d));
  if (a->typeList())
    for (auto *c : a->typeList()->typeOrParen()) arrow->codomain.push_back(typeOrParen(m, c));
  return arrow;
}

TypePtr Frontend::Impl::arrowOf(FileModule &m, AquaParser::ArrowSigContext *sig, raw::Func *func) {
  auto arrow = std::make_shared<Type>();
  arrow->kind = Type::Kind::Arrow;
  if (sig->abilities())
    for (auto *d : sig->abilities()->dotted()) {
      TypePtr t = lookupType(m, textOf(d), rangeOf(m, d));
      std::string name = textOf(d).substr(textOf(d).rfind('.') + 1);
      if (func) func->abilities.emplace_back(name, t);
    }
  for (auto *p : sig->param()) {
    TypePtr t = type(m, p->type());
    arrow->domain.push_back(t);
    arrow->argNames.push_back(textOf(p->anyName()));
    if (func) func->args.emplace_back(textOf(p->anyName()), t);
  }
  if (sig->typeList())
    for (auto *c : sig->typeList()->typeOrParen()) arrow->codomain.push_back(typeOrParen(m, c));
  else if (auto *result = sig->arrowType())
    arrow->codomain.push_back(arrowTypeOf(m, result));
  if (func) func->results = arrow->codomain;
  return arrow;
}

void Frontend::Impl::definitions(FileModule &m, AquaParser::FileContext *file) {
  auto defineOnce = [&](const std::string &name, antlr4::ParserRuleContext *at) {
    if (m.types.count(name) || m.services.count(name) || m.funcs.count(name) || m.constants.count(name)) {
      Diagnostic &d = error(m, rangeOf(m, at), DiagKind::Redefinition, name);
      if (auto first = m.definedAt.find(name); first != m.definedAt.end())
        d.notes.push_back({first->second, "`" + name + "` is first defined here"});
      return false;
    }
    m.definedAt.emplace(name, rangeOf(m, at));
    return true;
  };
  // One top-level declaration (and its members) in the editor index.
  auto declareTop = [&](sema::SymbolKind kind, const std::string &name, SourceRange nameAt,
                        antlr4::ParserRuleContext *decl, std::string detail, const void *object) {
    if (!index) return sema::SymbolId{};
    sema::Symbol sym;
    sym.name = name;
    sym.kind = kind;
    sym.name_range = nameAt;
    sym.extent = extentOf(m, decl, true);
    sym.detail = std::move(detail);
    sym.doc = docAbove(m, decl);
    return declare(std::move(sym), object);
  };
  auto declareMember = [&](sema::SymbolId owner, const TypePtr &ownerType, sema::SymbolKind kind,
                           AquaParser::AnyNameContext *nameCtx, antlr4::ParserRuleContext *decl, const TypePtr &type) {
    if (!index) return;
    sema::Symbol sym;
    sym.name = textOf(nameCtx);
    sym.kind = kind;
    sym.name_range = nameRange(m, nameCtx);
    sym.extent = extentOf(m, decl, true);
    sym.detail = flatText(m, decl);
    sym.doc = docAbove(m, decl);
    sym.parent = owner;
    sym.type = typeSymbol(type);
    std::pair<const void *, std::string> key{ownerType.get(), sym.name};
    memberOf[key] = declare(std::move(sym));
  };
  for (auto *item : file->topItem()) {
    if (auto *d = item->dataDef()) {
      std::string name = textOf(d->UPPER());
      if (!defineOnce(name, d)) continue;
      auto t = std::make_shared<Type>();
      t->kind = Type::Kind::Struct;
      t->name = name;
      sema::SymbolId id = declareTop(sema::SymbolKind::Struct, name, nameRange(m, d->UPPER()), d, "data " + name, t.get());
      for (auto *f : d->fieldDecl()) {
        t->fields.emplace_back(textOf(f->anyName()), type(m, f->type()));
        if (!isData(t->fields.back().second))
          error(m, rangeOf(m, f), DiagKind::NotData, "a struct field", typeText(t->fields.back().second));
        declareMember(id, t, sema::SymbolKind::Field, f->anyName(), f, t->fields.back().second);
      }
      m.types[name] = t;
    } else if (auto *a = item->aliasDef()) {
      std::string name = textOf(a->UPPER());
      if (!defineOnce(name, a)) continue;
      m.types[name] = type(m, a->type());
      sema::SymbolId id = declareTop(sema::SymbolKind::Alias, name, nameRange(m, a->UPPER()), a, flatText(m, a), nullptr);
      if (index) {
        m.aliasSymbols[name] = id;
        (*index)[id].type = typeSymbol(m.types[name]);
      }
    } else if (auto *s = item->serviceDef()) {
      std::string name = textOf(s->UPPER());
      if (!defineOnce(name, s)) continue;
      auto t = std::make_shared<Type>();
      t->kind = Type::Kind::Service;
      t->name = name;
      if (auto *id = s->expr()) {
        std::string text = textOf(id);
        if (auto c = m.constants.find(text); c != m.constants.end()) referObject(nameRange(m, id), c->second.get());
        if (text.size() >= 2 && text.front() == '"') {
          t->hasDefaultServiceId = true;
          t->defaultServiceId = text.substr(1, text.size() - 2);
        }
      }
      std::string header = "service " + name + (s->expr() ? "(" + textOf(s->expr()) + ")" : "");
      sema::SymbolId id = declareTop(sema::SymbolKind::Service, name, nameRange(m, s->UPPER()), s, header, t.get());
      for (auto *mem : s->member()) {
        TypePtr ft = mem->type() ? type(m, mem->type()) : arrowOf(m, mem->arrowSig(), nullptr);
        if (ft && ft->kind != Type::Kind::Arrow)
          error(m, rangeOf(m, mem), DiagKind::ServiceMemberNotArrow, textOf(mem->anyName()));
        if (ft && ft->kind == Type::Kind::Arrow && ft->codomain.size() > 1)
          error(m, rangeOf(m, mem), DiagKind::ServiceMultipleResults);
        t->fields.emplace_back(textOf(mem->anyName()), ft);
        declareMember(id, t, sema::SymbolKind::ServiceFunction, mem->anyName(), mem, ft);
      }
      m.services[name] = t;
      allServices[name] = t;
    } else if (auto *ab = item->abilityDef()) {
      std::string name = textOf(ab->UPPER());
      if (!defineOnce(name, ab)) continue;
      auto t = std::make_shared<Type>();
      t->kind = Type::Kind::Ability;
      t->name = name;
      sema::SymbolId id = declareTop(sema::SymbolKind::Ability, name, nameRange(m, ab->UPPER()), ab, "ability " + name, t.get());
      for (auto *mem : ab->member()) {
        t->fields.emplace_back(textOf(mem->anyName()),
                               mem->type() ? type(m, mem->type()) : arrowOf(m, mem->arrowSig(), nullptr));
        declareMember(id, t, sema::SymbolKind::Field, mem->anyName(), mem, t->fields.back().second);
      }
      m.types[name] = t;
    } else if (auto *c = item->constDef()) {
      std::string name = textOf(c->UPPER());
      if (c->OPT_ASSIGN() && m.constants.count(name)) continue;
      if (!defineOnce(name, c)) continue;
      Scope empty;
      FuncCtx f{m, "", {}};
      ValuePtr v = expr(f, c->expr(), empty);
      if (v && v->kind != VK::Literal && !(v->kind == VK::Var && m.constants.count(v->text)) &&
          v->kind != VK::InitPeer && v->kind != VK::Nil && v->kind != VK::HostPeer) {
        error(m, rangeOf(m, c->expr()), DiagKind::TypeMismatch, "a string, number or boolean literal (or a constant)",
              "an expression");
        continue;
      }
      if (v) {
        m.constants[name] = v;
        allConstants[name] = v;
        // Known values for folding conditions: `const X = literal` or `= OTHER` with a known value.
        // `?=` marks a default meant to be overridden (`--const`), so its value is not known.
        if (!c->OPT_ASSIGN()) {
          std::optional<Folded> known;
          if (v->kind == VK::Literal) known = foldLiteral(v->text);
          else if (v->kind == VK::Var && !overriddenConstants.count(v->text))
            if (auto k = knownConstants.find(m.constants[v->text].get()); k != knownConstants.end()) known = k->second;
          if (known) knownConstants.emplace(v.get(), *known);
        }
        declareTop(sema::SymbolKind::Constant, name, nameRange(m, c->UPPER()), c, flatText(m, c), v.get());
      }
    } else if (auto *fn = item->funcDef()) {
      std::string name = textOf(fn->lowerName());
      if (!defineOnce(name, fn)) continue;
      sema::SymbolId id = declareTop(sema::SymbolKind::Function, name, nameRange(m, fn->lowerName()), fn,
                                     "func " + name + flatText(m, fn->arrowSig()), nullptr);
      raw::FuncPtr func = function(m, name, fn->arrowSig(), fn->block(), nullptr, false, id, extentOf(m, fn));
      if (index) symbolOf.emplace(func.get(), id);
      m.funcs[name] = func;
      allFuncs[name] = func;
    }
  }
  for (auto *item : file->topItem()) {
    auto *h = item->header();
    if (!h) continue;
    for (auto *n : h->anyName())
      if (!m.types.count(textOf(n)) && !m.services.count(textOf(n)) && !m.funcs.count(textOf(n)) &&
          !m.constants.count(textOf(n)))
        error(m, rangeOf(m, n), DiagKind::DeclaredNameMissing, textOf(n));
  }
  for (auto *item : file->topItem()) {
    auto *e = item->exportDecl();
    if (!e) continue;
    for (auto *ia : e->itemAs()) {
      std::string name = textOf(ia->dottedAny()->anyName());
      std::string as = ia->AS() ? textOf(ia->anyName()) : name;
      if (index) {
        SourceRange at = nameRange(m, ia->dottedAny());
        if (auto fn = m.funcs.find(name); fn != m.funcs.end()) referObject(at, fn->second.get());
        else if (auto sv = m.services.find(name); sv != m.services.end()) referObject(at, sv->second.get());
        else if (auto ty = m.types.find(name); ty != m.types.end()) referObject(at, ty->second.get());
        else if (auto c = m.constants.find(name); c != m.constants.end()) referObject(at, c->second.get());
      }
      if (auto fn = m.funcs.find(name); fn != m.funcs.end()) {
        if (sema::SymbolId id = symbolFor(fn->second.get()); id.valid() && recordFacts(m)) facts.exported.insert(id.index);
        bool returnsArrow = std::any_of(fn->second->results.begin(), fn->second->results.end(), [](const TypePtr &t) {
          return t && (t->kind == Type::Kind::Arrow || t->kind == Type::Kind::Ability);
        });
        if (!fn->second->abilities.empty())
          error(m, rangeOf(m, ia), DiagKind::ExportFunctionShape, name, "takes an ability");
        else if (returnsArrow)
          error(m, rangeOf(m, ia), DiagKind::ExportFunctionShape, name, "returns an arrow or an ability");
      }
      if (auto ty = m.types.find(name); ty != m.types.end() && ty->second && ty->second->kind == Type::Kind::Ability)
        error(m, rangeOf(m, ia), DiagKind::ExportAbility, name);
      if (m.funcs.count(name)) m.exports.emplace_back(as, name);
      else if (m.services.count(name)) m.exportedServices.push_back(name);
      else if (!m.types.count(name) && !m.constants.count(name)) error(m, rangeOf(m, ia), DiagKind::ExportUnknown, name);
    }
  }
}

raw::FuncPtr Frontend::Impl::function(FileModule &m, const std::string &name, AquaParser::ArrowSigContext *sig,
                                      AquaParser::BlockContext *body, Scope *outer, bool noTopology,
                                      sema::SymbolId symbol, SourceRange extent) {
  auto func = std::make_shared<raw::Func>();
  func->name = name;
  func->noTopology = noTopology;
  arrowOf(m, sig, func.get());
  Scope scope;
  scope.parent = outer;
  scope.extent = extent;
  FuncCtx f{m, name, symbol};
  auto abilityNames = sig->abilities() ? sig->abilities()->dotted() : std::vector<AquaParser::DottedContext *>{};
  for (size_t k = 0; k < func->abilities.size(); ++k) {
    SourceRange at = k < abilityNames.size() ? nameRange(m, abilityNames[k]) : SourceRange{};
    at.begin = at.end - std::min<uint32_t>(at.end - at.begin, static_cast<uint32_t>(func->abilities[k].first.size()));
    bindLocal(f, scope, func->abilities[k].first, func->abilities[k].second, at, false, sema::SymbolKind::Parameter);
  }
  auto params = sig->param();
  for (size_t k = 0; k < func->args.size(); ++k) {
    if (scope.vars.count(func->args[k].first) && k < params.size())
      error(m, rangeOf(m, params[k]->anyName()), DiagKind::Redefinition, func->args[k].first);
    bindLocal(f, scope, func->args[k].first, func->args[k].second,
              k < params.size() ? nameRange(m, params[k]->anyName()) : SourceRange{}, false,
              sema::SymbolKind::Parameter);
  }
  std::vector<ValuePtr> returns;
  lastReturn = rangeOf(m, sig);
  func->body = block(f, body, scope, &returns, func.get());
  func->returns = std::move(returns);
  if (!func->results.empty() && func->returns.empty())
    error(m, rangeOf(m, sig), DiagKind::MissingReturn, name);
  else if (func->results.empty() && !func->returns.empty())
    error(m, lastReturn, DiagKind::UnexpectedReturn, name);
  else if (func->results.size() != func->returns.size())
    error(m, lastReturn, DiagKind::ReturnCount, name, func->returns.size(), func->results.size());
  return func;
}

std::string Frontend::Impl::suggestion(const std::string &name, Scope &scope, FileModule &m) {
  std::vector<std::string> candidates;
  for (const Scope *s = &scope; s; s = s->parent)
    for (const auto &[n, t] : s->vars) candidates.push_back(n);
  for (const auto &[n, f] : m.funcs) candidates.push_back(n);
  for (const auto &[n, c] : m.constants) candidates.push_back(n);
  return closest(name, candidates);
}

TypePtr Frontend::Impl::typeOfName(FuncCtx &f, const std::string &name, Scope &scope) {
  if (TypePtr t = scope.find(name)) return t;
  if (auto c = f.m.constants.find(name); c != f.m.constants.end()) return c->second->type;
  return nullptr;
}

std::vector<StmtPtr> Frontend::Impl::block(FuncCtx &f, AquaParser::BlockContext *b, Scope &scope,
                                           std::vector<ValuePtr> *returns, const raw::Func *owner) {
  std::vector<StmtPtr> out;
  FileModule &m = f.m;
  auto stmts = b->stmt();
  for (size_t i = 0; i < stmts.size(); ++i) {
    auto *st = stmts[i];
    auto s = std::make_shared<Stmt>();
    auto inner = [&](AquaParser::BlockContext *blk, Scope *into = nullptr) {
      Scope local;
      local.parent = &scope;
      local.extent = extentOf(m, blk);
      return block(f, blk, into ? *into : local, nullptr, owner);
    };
    // `par on ...:` / `co for ...:` run the statement in parallel with what precedes it.
    auto wrapParCo = [&](std::shared_ptr<Stmt> inner) -> std::shared_ptr<Stmt> {
      if (!st->PAR() && !st->CO()) return inner;
      if (st->PAR() && out.empty()) error(m, rangeOf(m, st), DiagKind::ParWithoutPrevious);
      auto wrap = std::make_shared<Stmt>();
      wrap->kind = st->PAR() ? SK::Par : SK::Co;
      wrap->body = {std::move(inner)};
      return wrap;
    };
    auto lastKind = [&]() -> std::optional<SK> {
      if (out.empty()) return std::nullopt;
      return out.back()->kind;
    };
    if (auto *simple = st->simpleStmt()) {
      std::function<void(AquaParser::SimpleStmtContext *, Stmt &)> convert = [&](AquaParser::SimpleStmtContext *ss,
                                                                               Stmt &target) {
        if (auto *ret = grammar::treeCast<AquaParser::ReturnStmtContext>(ss)) {
          if (!returns || i + 1 != stmts.size()) {
            error(m, rangeOf(m, ret), DiagKind::ReturnNotLast);
            return;
          }
          for (auto *e : ret->expr()) returns->push_back(expr(f, e, scope));
          lastReturn = rangeOf(m, ret);
          if (owner)
            for (size_t k = 0; k < returns->size() && k < owner->results.size(); ++k)
              if ((*returns)[k] && !accepts(owner->results[k], (*returns)[k]->type))
                error(m, rangeOf(m, ret->expr(k)), DiagKind::TypeMismatch, typeText(owner->results[k]),
                      typeText((*returns)[k]->type));
          target.kind = SK::Join; // placeholder, removed below
          target.names = {"<return>"};
        } else if (auto *par = grammar::treeCast<AquaParser::ParLineStmtContext>(ss)) {
          if (grammar::treeCast<AquaParser::AssignStmtContext>(par->simpleStmt()))
            error(m, rangeOf(m, par), DiagKind::ParCoPrefix, par->PAR() ? "par" : "co");
          auto innerStmt = std::make_shared<Stmt>();
          convert(par->simpleStmt(), *innerStmt);
          target.kind = par->PAR() ? SK::Par : SK::Co;
          target.body = {innerStmt};
          if (par->PAR() && out.empty()) error(m, rangeOf(m, par), DiagKind::ParWithoutPrevious);
        } else if (auto *join = grammar::treeCast<AquaParser::JoinStmtContext>(ss)) {
          target.kind = SK::Join;
          for (auto *e : join->expr()) target.values.push_back(expr(f, e, scope));
        } else if (auto *push = grammar::treeCast<AquaParser::PushStmtContext>(ss)) {
          std::string name = textOf(push->anyName());
          TypePtr t = typeOfName(f, name, scope);
          refer(nameRange(m, push->anyName()), scope.findId(name));
          if (!t)
            undefinedName(m, DiagKind::UndefinedName, rangeOf(m, push->anyName()), nameRange(m, push->anyName()), name, scope);
          else if (t->kind != Type::Kind::Stream) error(m, rangeOf(m, push), DiagKind::NotAStream, name, typeText(t));
          target.kind = SK::Push;
          target.names = {name};
          target.value = expr(f, push->expr(push->expr().size() - 1), scope);
          if (t && t->kind == Type::Kind::Stream && target.value && !accepts(t->elem, target.value->type))
            error(m, rangeOf(m, push), DiagKind::TypeMismatch, typeText(t->elem), typeText(target.value->type));
        } else if (auto *decl = grammar::treeCast<AquaParser::DeclStreamStmtContext>(ss)) {
          TypePtr t = type(m, decl->type());
          std::string name = textOf(decl->anyName());
          if (t && t->kind != Type::Kind::Stream) {
            // `x: u32` -> `x: *u32`
            SourceRange typeAt = rangeOf(m, decl->type());
            error(m, rangeOf(m, decl), DiagKind::StreamDeclarationType, name, typeText(t))
                .fixits.push_back({SourceRange{typeAt.file, typeAt.begin, typeAt.begin}, "*"});
          }
          target.kind = SK::DeclStream;
          target.names = {name};
          target.type = t;
          bindLocal(f, scope, name, t, nameRange(m, decl->anyName()), false);
        } else if (auto *assign = grammar::treeCast<AquaParser::AssignStmtContext>(ss)) {
          std::string name = textOf(assign->anyName());
          target.kind = SK::Assign;
          target.names = {name};
          if (scope.has(name) || m.constants.count(name))
            error(m, rangeOf(m, assign->anyName()), DiagKind::Redefinition, name);
          target.value = expr(f, assign->expr(), scope);
          if (target.value && (target.value->kind == VK::Array || target.value->kind == VK::Option ||
                               target.value->kind == VK::StreamLiteral) && target.value->items.empty())
            error(m, rangeOf(m, assign->expr()), DiagKind::TypeMismatch, "a value with a type",
                  "an empty collection; declare a stream instead (`" + name + ": *T`) or use `nil`");
          bindLocal(f, scope, name, target.value ? target.value->type : nullptr, nameRange(m, assign->anyName()), true);
        } else if (auto *bind = grammar::treeCast<AquaParser::BindStmtContext>(ss)) {
          target.kind = SK::Call;
          for (auto *n : bind->names()->anyName()) target.names.push_back(textOf(n));
          target.value = expr(f, bind->expr(), scope);
          if (target.value && target.value->kind == VK::Call)
            if (auto c = callResults.find(target.value.get()); c != callResults.end()) {
              if (c->second == 0)
                error(m, rangeOf(m, bind), DiagKind::BindNothing, target.value->text, target.names[0]);
              else if (c->second < target.names.size())
                error(m, rangeOf(m, bind), DiagKind::BindTooMany, target.value->text, c->second, target.names.size());
            }
          TypePtr result = target.value ? target.value->type : nullptr;
          // A call's results: the codomain of the arrow it calls (kept on the value as `type` of the
          // first result; several results bind the following ones).
          for (size_t k = 0; k < target.names.size(); ++k) {
            TypePtr t = nullptr;
            if (target.value && target.value->kind == VK::Call && target.value->base == nullptr && k == 0) t = result;
            else if (k == 0) t = result;
            // Existing streams receive values (`s <- f()` pushes to stream s).
            TypePtr existing = scope.find(target.names[k]);
            SourceRange nameAt = nameRange(m, bind->names()->anyName(k));
            if (existing && existing->kind == Type::Kind::Stream) {
              refer(nameAt, scope.findId(target.names[k]));
              continue;
            }
            if (scope.has(target.names[k]))
              error(m, rangeOf(m, bind->names()->anyName(k)), DiagKind::Redefinition, target.names[k]);
            bindLocal(f, scope, target.names[k], t, nameAt, true);
          }
          if (recordFacts(m) && target.names.size() > 1) {
            std::vector<sema::SymbolId> bound;
            for (const std::string &n : target.names) bound.push_back(scope.findId(n));
            facts.positional.push_back(std::move(bound));
          }
          if (target.value && target.value->kind == VK::Call && target.value->other) {
            // `other` carries the full codomain as an arrow type (see call()).
            const auto &codomain = target.value->other->type->codomain;
            for (size_t k = 1; k < target.names.size() && k < codomain.size(); ++k) {
              TypePtr existing = scope.find(target.names[k]);
              if (!(existing && existing->kind == Type::Kind::Stream)) {
                scope.vars[target.names[k]] = codomain[k];
                if (index)
                  if (auto id = scope.ids.find(target.names[k]); id != scope.ids.end()) {
                    (*index)[id->second].detail = details ? typeText(codomain[k]) : "";
                    (*index)[id->second].type = typeSymbol(codomain[k]);
                  }
              }
            }
            target.value = std::make_shared<Value>(*target.value);
            const_cast<Value &>(*target.value).other = nullptr;
          }
        } else if (auto *sid = grammar::treeCast<AquaParser::ServiceIdStmtContext>(ss)) {
          std::string name = textOf(sid->dotted());
          if (size_t dot = name.rfind('.'); dot != std::string::npos)
            if (auto u = m.uses.find(name.substr(0, dot)); u != m.uses.end()) {
              SourceRange at = nameRange(m, sid->dotted());
              referObject(SourceRange{at.file, at.begin, at.begin + static_cast<uint32_t>(dot)}, u->second);
            }
          name = name.substr(name.rfind('.') + 1);
          if (!m.services.count(name) && !allServices.count(name)) {
            SourceRange at = nameRange(m, sid->dotted());
            at.begin = at.end - static_cast<uint32_t>(name.size());
            std::string best = closest(name, keysOf(m.services));
            fixName(error(m, rangeOf(m, sid->dotted()), DiagKind::UndefinedName, name, didYouMean(best)), at, best);
          }
          else if (index) {
            SourceRange at = nameRange(m, sid->dotted());
            at.begin = at.end - static_cast<uint32_t>(name.size());
            referObject(at, (m.services.count(name) ? m.services[name] : allServices[name]).get());
          }
          target.kind = SK::ServiceId;
          target.names = {name};
          scope.vars["#service-id:" + name] = nullptr;
          target.value = expr(f, sid->expr(), scope);
        } else if (auto *callSt = grammar::treeCast<AquaParser::CallStmtContext>(ss)) {
          target.kind = SK::Call;
          target.value = expr(f, callSt->expr(), scope);
          if (target.value && target.value->kind != VK::Call) error(m, rangeOf(m, callSt), DiagKind::NotACall);
          if (target.value && target.value->kind == VK::Call && target.value->other) {
            target.value = std::make_shared<Value>(*target.value);
            const_cast<Value &>(*target.value).other = nullptr;
          }
        }
      };
      convert(simple, *s);
      if (!s->names.empty() && s->names[0] == "<return>") continue;
    } else if (auto *on = st->onStmt()) {
      s->kind = SK::On;
      s->peer = expr(f, on->expr(0), scope);
      for (size_t k = 1; k < on->expr().size(); ++k) s->vias.push_back(expr(f, on->expr(k), scope));
      s->body = inner(on->block(), &scope); // names bound under `on` stay visible after it
      s = wrapParCo(s);
    } else if (auto *fr = st->forStmt()) {
      s->kind = SK::For;
      s->value = expr(f, fr->expr(), scope);
      s->forMode = fr->PAR() ? "par" : fr->TRY() ? "try" : fr->REC() ? "rec" : "";
      Scope local;
      local.parent = &scope;
      local.extent = extentOf(m, fr);
      TypePtr it = s->value ? s->value->type : nullptr;
      if (it && (it->kind == Type::Kind::Scalar || it->kind == Type::Kind::Struct))
        error(m, rangeOf(m, fr->expr()), DiagKind::NotIterable, typeText(it));
      std::vector<sema::SymbolId> bound;
      for (auto *n : fr->anyName()) {
        if (scope.has(textOf(n))) error(m, rangeOf(m, n), DiagKind::Redefinition, textOf(n));
        s->names.push_back(textOf(n));
        bindLocal(f, local, textOf(n), it ? it->elem : nullptr, nameRange(m, n), true);
        bound.push_back(local.findId(textOf(n)));
        if (recordFacts(m) && bound.back().valid()) facts.loopVariables.insert(bound.back().index);
      }
      if (recordFacts(m) && bound.size() > 1) facts.positional.push_back(std::move(bound));
      s->body = block(f, fr->block(), local, nullptr, owner);
      s = wrapParCo(s);
    } else if (auto *ifs = st->ifStmt()) {
      s->kind = SK::If;
      s->value = expr(f, ifs->expr(), scope);
      if (s->value && s->value->type && !(s->value->type->kind == Type::Kind::Scalar && s->value->type->name == "bool"))
        error(m, rangeOf(m, ifs->expr()), DiagKind::TypeMismatch, "bool", typeText(s->value->type));
      s->body = inner(ifs->block());
      if (m.isMain) {
        ConstantFolder folder{[&](const std::string &name) { return constantValue(m, scope, name); },
                              [&](AquaParser::ExprContext *right, bool isAnd) {
                                error(m, extentOf(m, right, true), DiagKind::UnreachableCode,
                                      isAnd ? "the left side of `&&` is always false"
                                            : "the left side of `||` is always true")
                                    .tag = DiagTag::Unnecessary;
                              }};
        if (auto folded = folder.expr(ifs->expr(), true); folded && folded->kind == Folded::Kind::Bool) {
          error(m, rangeOf(m, ifs->expr()), DiagKind::ConstantCondition, folded->b ? "true" : "false");
          if (!folded->b)
            error(m, statementsOf(m, ifs->block()), DiagKind::UnreachableCode, "the `if` condition is always false")
                .tag = DiagTag::Unnecessary;
          constantIfs[s.get()] = folded->b;
        }
      }
    } else if (auto *el = st->elseStmt()) {
      if (lastKind() != SK::If || out.back()->hasElse) {
        error(m, rangeOf(m, el), DiagKind::ElseWithoutIf);
        continue;
      }
      if (auto c = constantIfs.find(out.back().get()); c != constantIfs.end() && c->second)
        error(m, statementsOf(m, el->block()), DiagKind::UnreachableCode, "the `if` condition is always true")
            .tag = DiagTag::Unnecessary;
      auto prev = std::make_shared<Stmt>(*out.back());
      prev->hasElse = true;
      prev->elseBody = inner(el->block());
      out.back() = prev;
      continue;
    } else if (auto *ow = st->otherwiseStmt()) {
      if (out.empty()) {
        error(m, rangeOf(m, ow), DiagKind::OtherwiseWithoutPrevious);
        continue;
      }
      s->kind = SK::Otherwise;
      s->body = inner(ow->block());
    } else if (auto *tr = st->tryStmt()) {
      s->kind = SK::Try;
      s->body = inner(tr->block());
    } else if (auto *ca = st->catchStmt()) {
      if (lastKind() != SK::Try) {
        error(m, rangeOf(m, ca), DiagKind::CatchWithoutTry);
        continue;
      }
      Scope local;
      local.parent = &scope;
      local.extent = extentOf(m, ca);
      auto errType = std::make_shared<Type>();
      errType->kind = Type::Kind::Struct;
      errType->name = "LastError";
      errType->fields = {{"error_code", scalar("i64")}, {"message", scalar("string")},
                         {"instruction", scalar("string")}, {"peer_id", scalar("string")}};
      bindLocal(f, local, textOf(ca->anyName()), errType, nameRange(m, ca->anyName()), true);
      if (sema::SymbolId id = local.findId(textOf(ca->anyName())); id.valid() && recordFacts(m))
        facts.caughtErrors.insert(id.index);
      auto prev = std::make_shared<Stmt>(*out.back());
      prev->catches.emplace_back(textOf(ca->anyName()), block(f, ca->block(), local, nullptr, owner));
      out.back() = prev;
      continue;
    } else if (auto *ps = st->parseqStmt()) {
      s->kind = SK::Parseq;
      s->value = expr(f, ps->expr(0), scope);
      Scope local;
      local.parent = &scope;
      local.extent = extentOf(m, ps);
      s->names = {textOf(ps->anyName())};
      bindLocal(f, local, s->names[0], s->value && s->value->type ? s->value->type->elem : nullptr,
                nameRange(m, ps->anyName()), true);
      if (sema::SymbolId id = local.findId(s->names[0]); id.valid() && recordFacts(m)) facts.loopVariables.insert(id.index);
      s->peer = expr(f, ps->expr(1), local);
      for (size_t k = 2; k < ps->expr().size(); ++k) s->vias.push_back(expr(f, ps->expr(k), local));
      s->body = block(f, ps->block(), local, nullptr, owner);
    } else if (auto *cl = st->closureStmt()) {
      s->kind = SK::Closure;
      std::string name = textOf(cl->anyName());
      s->names = {name};
      // Declared before its body is checked so the index has its parameters' owner; the type
      // (known after) is filled in below.
      sema::SymbolId closureId;
      if (index) {
        sema::Symbol sym;
        sym.name = name;
        sym.kind = sema::SymbolKind::Variable;
        sym.name_range = nameRange(m, cl->anyName());
        sym.extent = scope.extent;
        sym.parent = f.symbol;
        closureId = declare(std::move(sym));
      }
      s->closure = function(m, name, cl->arrowSig(), cl->block(), &scope, cl->FUNC() != nullptr, closureId,
                            extentOf(m, cl));
      auto arrow = std::make_shared<Type>();
      arrow->kind = Type::Kind::Arrow;
      for (const auto &a : s->closure->args) arrow->domain.push_back(a.second), arrow->argNames.push_back(a.first);
      arrow->codomain = s->closure->results;
      scope.vars[name] = arrow;
      if (closureId.valid()) {
        scope.ids[name] = closureId;
        (*index)[closureId].detail = name + flatText(m, cl->arrowSig());
      }
    }
    out.push_back(s);
  }
  return out;
}

ValuePtr Frontend::Impl::expr(FuncCtx &f, AquaParser::ExprContext *e, Scope &scope) {
  if (!e) return nullptr;
  if (auto *a = grammar::treeCast<AquaParser::AtomExprContext>(e)) return atom(f, a->atom(), scope);
  auto v = std::make_shared<Value>();
  auto binary = [&](AquaParser::ExprContext *l, AquaParser::ExprContext *r, VK kind, std::string op) {
    v->kind = kind;
    v->text = std::move(op);
    v->base = expr(f, l, scope);
    v->other = expr(f, r, scope);
  };
  auto typeOf = [](const ValuePtr &x) { return x ? x->type : nullptr; };
  auto numeric = [&](const ValuePtr &x) {
    TypePtr t = typeOf(x);
    return !t || t->kind == Type::Kind::Bottom ||
           (t->kind == Type::Kind::Scalar && t->name != "string" && t->name != "bool");
  };
  if (auto *p = grammar::treeCast<AquaParser::PowExprContext>(e)) binary(p->expr(0), p->expr(1), VK::Arith, "**");
  else if (auto *m = grammar::treeCast<AquaParser::MulExprContext>(e)) binary(m->expr(0), m->expr(1), VK::Arith, m->STAR() ? "*" : m->SLASH() ? "/" : "%");
  else if (auto *ad = grammar::treeCast<AquaParser::AddExprContext>(e)) binary(ad->expr(0), ad->expr(1), VK::Arith, ad->PLUS() ? "+" : "-");
  else if (auto *c = grammar::treeCast<AquaParser::CmpExprContext>(e))
    binary(c->expr(0), c->expr(1), VK::Compare, c->GT() ? ">" : c->GTE() ? ">=" : c->LT() ? "<" : "<=");
  else if (auto *q = grammar::treeCast<AquaParser::EqExprContext>(e)) binary(q->expr(0), q->expr(1), VK::Equality, q->EQ() ? "==" : "!=");
  else if (auto *an = grammar::treeCast<AquaParser::AndExprContext>(e)) binary(an->expr(0), an->expr(1), VK::And, "&&");
  else if (auto *o = grammar::treeCast<AquaParser::OrExprContext>(e)) binary(o->expr(0), o->expr(1), VK::Or, "||");
  FileModule &mod = f.m;
  switch (v->kind) {
  case VK::Arith: {
    for (const ValuePtr &x : {v->base, v->other}) {
      TypePtr t = typeOf(x);
      bool isFloat = t && t->kind == Type::Kind::Scalar && t->name[0] == 'f';
      if (!numeric(x) || (isFloat && v->text != "*"))
        error(mod, rangeOf(mod, e), DiagKind::TypeMismatch, "an integer", typeText(t));
    }
    TypePtr l = typeOf(v->base), r = typeOf(v->other);
    if (v->text == "**" && r && isNumberType(r) && !isUnsignedType(r))
      error(mod, rangeOf(mod, e), DiagKind::TypeMismatch, "an unsigned integer exponent", typeText(r));
    // The result is the join of the operand types; float `*` is typed i64 as the reference does.
    if (isFloatType(l) || isFloatType(r)) v->type = scalar("i64");
    else if (l && r && isNumberType(l) && isNumberType(r)) v->type = accepts(l, r) ? l : accepts(r, l) ? r : scalar("i64");
    else v->type = l && l->kind == Type::Kind::Scalar ? l : scalar("i64");
    break;
  }
  case VK::Compare:
    for (const ValuePtr &x : {v->base, v->other}) {
      TypePtr t = typeOf(x);
      if (!numeric(x) || (t && t->kind == Type::Kind::Scalar && t->name[0] == 'f'))
        error(mod, rangeOf(mod, e), DiagKind::TypeMismatch, "an integer", typeText(t));
    }
    v->type = scalar("bool");
    break;
  case VK::Equality: {
    TypePtr l = typeOf(v->base), r = typeOf(v->other);
    if (l && r && !accepts(l, r) && !accepts(r, l)) error(mod, rangeOf(mod, e), DiagKind::IncomparableTypes, typeText(l), typeText(r));
    v->type = scalar("bool");
    break;
  }
  case VK::And:
  case VK::Or:
    for (const ValuePtr &x : {v->base, v->other}) {
      TypePtr t = typeOf(x);
      if (t && !(t->kind == Type::Kind::Scalar && t->name == "bool"))
        error(mod, rangeOf(mod, e), DiagKind::TypeMismatch, "bool", typeText(t));
    }
    v->type = scalar("bool");
    break;
  default: break;
  }
  return v;
}

ValuePtr Frontend::Impl::atom(FuncCtx &f, AquaParser::AtomContext *a, Scope &scope) {
  FileModule &m = f.m;
  auto posts = a->postfix();
  size_t start = 0;
  ValuePtr v;
  // `Mod.Name...` with a `use` prefix, and `Srv.method(...)`: resolve the receiver first.
  auto *np = grammar::treeCast<AquaParser::NamePrimContext>(a->prim());
  if (np && !scope.has(textOf(np)) && m.uses.count(textOf(np)) && !posts.empty()) {
    FileModule *used = m.uses[textOf(np)];
    referObject(nameRange(m, np), used);
    if (auto *field = grammar::treeCast<AquaParser::FieldPostContext>(posts[0])) {
      auto base = std::make_shared<Value>();
      base->kind = VK::Var;
      base->text = textOf(field->anyName());
      SourceRange at = nameRange(m, field->anyName());
      if (auto c = used->constants.find(base->text); c != used->constants.end())
        base->type = c->second->type, referObject(at, c->second.get());
      else if (auto s = used->services.find(base->text); s != used->services.end())
        base->type = s->second, referObject(at, s->second.get());
      v = base;
      start = 1;
    } else if (auto *method = grammar::treeCast<AquaParser::MethodPostContext>(posts[0])) {
      std::string name = textOf(method->anyName());
      if (!used->funcs.count(name)) {
        std::string best = closest(name, keysOf(used->funcs));
        fixName(error(m, rangeOf(m, method), DiagKind::UndefinedFunction, name, didYouMean(best)),
                nameRange(m, method->anyName()), best);
      }
      // A function of the used module: call it by name.
      FileModule *saved = &m;
      (void)saved;
      if (auto fn = used->funcs.find(name); fn != used->funcs.end())
        referObject(nameRange(m, method->anyName()), fn->second.get());
      callIn = used;
      v = call(f, name, method->abilityArgs(), method->expr(), nullptr, scope, method, SourceRange{});
      callIn = nullptr;
      start = 1;
    } else if (auto *qc = grammar::treeCast<AquaParser::QualifiedConstructPostContext>(posts[0])) {
      v = construct(f, textOf(qc->UPPER()), qc->namedArg(), scope, qc, nameRange(m, qc->UPPER()), used);
      start = 1;
    }
  }
  if (!v) v = prim(f, a->prim(), scope);
  for (size_t i = start; i < posts.size(); ++i) {
    auto *p = posts[i];
    auto next = std::make_shared<Value>();
    TypePtr baseType = v ? v->type : nullptr;
    if (auto *method = grammar::treeCast<AquaParser::MethodPostContext>(p)) {
      v = call(f, textOf(method->anyName()), method->abilityArgs(), method->expr(), v, scope, method,
               nameRange(m, method->anyName()));
      continue;
    }
    if (auto *cp = grammar::treeCast<AquaParser::CopyPostContext>(p)) {
      next->kind = VK::Copy;
      next->base = v;
      next->type = baseType;
      if (baseType && baseType->kind != Type::Kind::Struct && baseType->kind != Type::Kind::Bottom)
        error(m, rangeOf(m, cp), DiagKind::CopyNotData, typeText(baseType));
      for (auto *na : cp->namedArg()) {
        std::string field = textOf(na->anyName());
        referMember(nameRange(m, na->anyName()), baseType, field);
        ValuePtr value = na->expr() ? expr(f, na->expr(), scope) : nullptr;
        if (!value) {
          auto var = std::make_shared<Value>();
          var->kind = VK::Var;
          var->text = field;
          var->type = scope.find(field);
          refer(nameRange(m, na->anyName()), scope.findId(field));
          value = var;
        }
        if (baseType && baseType->kind == Type::Kind::Struct) {
          auto fit = std::find_if(baseType->fields.begin(), baseType->fields.end(), [&](const auto &x) { return x.first == field; });
          if (fit == baseType->fields.end()) {
            std::string best = closest(field, keysOf(baseType->fields));
            fixName(error(m, rangeOf(m, na), DiagKind::UnknownField, baseType->name, field, didYouMean(best)),
                    nameRange(m, na->anyName()), best);
          }
          else if (!accepts(fit->second, value->type))
            error(m, rangeOf(m, na), DiagKind::TypeMismatch, typeText(fit->second), typeText(value->type));
        }
        next->named.emplace_back(field, value);
      }
      v = next;
      continue;
    }
    if (auto *fp = grammar::treeCast<AquaParser::FieldPostContext>(p)) {
      std::string field = textOf(fp->anyName());
      if (field == "length" && (!baseType || baseType->kind == Type::Kind::Array || baseType->kind == Type::Kind::Option ||
                                baseType->kind == Type::Kind::Stream)) {
        next->kind = VK::Length;
        next->base = v;
        next->type = scalar("u32");
        v = next;
        continue;
      }
      next->kind = VK::Field;
      next->base = v;
      next->text = field;
      if (baseType && (baseType->kind == Type::Kind::Struct || baseType->kind == Type::Kind::Ability)) {
        auto it = std::find_if(baseType->fields.begin(), baseType->fields.end(), [&](const auto &x) { return x.first == field; });
        if (it == baseType->fields.end()) {
          std::string available;
          for (const auto &x : baseType->fields) available += (available.empty() ? "" : ", ") + ("`" + x.first + "`");
          std::string best = closest(field, keysOf(baseType->fields));
          fixName(error(m, rangeOf(m, fp), DiagKind::UnknownField, baseType->name, field,
                        best.empty() ? "; available: " + available : didYouMean(best)),
                  nameRange(m, fp->anyName()), best);
        } else {
          next->type = it->second;
          referMember(nameRange(m, fp->anyName()), baseType, field);
        }
      } else if (baseType && baseType->kind != Type::Kind::Top && baseType->kind != Type::Kind::Bottom &&
                 baseType->kind != Type::Kind::Service) {
        error(m, rangeOf(m, fp), DiagKind::UnknownField, typeText(baseType), field, "");
      }
      v = next;
      continue;
    }
    if (auto *ip = grammar::treeCast<AquaParser::IndexPostContext>(p)) {
      next->kind = VK::Index;
      next->base = v;
      next->other = expr(f, ip->expr(), scope);
      if (next->other && next->other->kind == VK::Literal && !next->other->text.empty() && next->other->text[0] == '-')
        error(m, rangeOf(m, ip), DiagKind::NotIndexable, "a negative index (collection indexes must be non-negative)");
      else if (next->other && next->other->type && (!isNumberType(next->other->type) || isFloatType(next->other->type)))
        error(m, rangeOf(m, ip->expr()), DiagKind::TypeMismatch, "an integer index", typeText(next->other->type));
      if (baseType && baseType->kind == Type::Kind::Option) error(m, rangeOf(m, ip), DiagKind::OptionIndex);
      if (baseType && baseType->kind != Type::Kind::Array && baseType->kind != Type::Kind::Option &&
          baseType->kind != Type::Kind::Stream && baseType->kind != Type::Kind::Bottom)
        error(m, rangeOf(m, ip), DiagKind::NotIndexable, typeText(baseType));
      next->type = baseType ? baseType->elem : nullptr;
      v = next;
      continue;
    }
    if (auto *bp = grammar::treeCast<AquaParser::BangPostContext>(p)) {
      next->kind = VK::Index;
      next->base = v;
      auto idx = std::make_shared<Value>();
      idx->kind = VK::Literal;
      idx->text = bp->INT() ? textOf(bp->INT()) : "0";
      if (bp->INT() && baseType && baseType->kind == Type::Kind::Option) error(m, rangeOf(m, bp), DiagKind::OptionIndex);
      idx->type = scalar("u32");
      next->other = idx;
      next->type = baseType ? baseType->elem : nullptr;
      v = next;
      continue;
    }
    if (auto *qc = grammar::treeCast<AquaParser::QualifiedConstructPostContext>(p)) {
      v = construct(f, textOf(qc->UPPER()), qc->namedArg(), scope, qc, nameRange(m, qc->UPPER()));
      continue;
    }
  }
  return v;
}

ValuePtr Frontend::Impl::construct(FuncCtx &f, const std::string &typeName,
                                   const std::vector<AquaParser::NamedArgContext *> &args, Scope &scope,
                                   antlr4::ParserRuleContext *at, SourceRange nameAt, FileModule *in) {
  FileModule &m = f.m;
  FileModule &owner = in ? *in : m;
  auto v = std::make_shared<Value>();
  v->kind = VK::Construct;
  v->text = typeName;
  auto it = owner.types.find(typeName);
  if (it == owner.types.end()) {
    std::string best = closest(typeName, keysOf(owner.types));
    fixName(error(m, rangeOf(m, at), DiagKind::UndefinedType, typeName, didYouMean(best)), nameAt, best);
  } else {
    v->type = it->second;
    referObject(nameAt, it->second.get());
  }
  std::set<std::string> given;
  for (auto *na : args) {
    std::string field = textOf(na->anyName());
    referMember(nameRange(m, na->anyName()), v->type, field);
    ValuePtr value;
    if (na->expr()) {
      value = expr(f, na->expr(), scope);
    } else {
      auto var = std::make_shared<Value>();
      var->kind = VK::Var;
      var->text = field;
      var->type = typeOfName(f, field, scope);
      refer(nameRange(m, na->anyName()), scope.findId(field));
      if (var->type && var->type->kind == Type::Kind::Arrow) arrowValue(m, scope.findId(field));
      else if (!var->type && m.funcs.count(field)) {
        referObject(nameRange(m, na->anyName()), m.funcs[field].get());
        arrowValue(m, symbolFor(m.funcs[field].get()));
      }
      if (!var->type && !m.funcs.count(field))
        undefinedName(m, DiagKind::UndefinedName, rangeOf(m, na), nameRange(m, na->anyName()), field, scope);
      value = var;
    }
    if (!given.insert(field).second) error(m, rangeOf(m, na), DiagKind::DuplicateArgument, field);
    if (v->type) {
      auto fit = std::find_if(v->type->fields.begin(), v->type->fields.end(), [&](const auto &x) { return x.first == field; });
      if (fit == v->type->fields.end()) {
        // The reference warns and keeps the extra field in the constructed object.
        sink.emit(DiagKind::UnexpectedArgument, rangeOf(m, na), field, typeName);
      } else if (value && !accepts(fit->second, value->type)) {
        error(m, rangeOf(m, na), DiagKind::TypeMismatch, typeText(fit->second), typeText(value->type));
      }
    }
    v->named.emplace_back(field, value);
  }
  if (v->type)
    for (const auto &fd : v->type->fields)
      if (!given.count(fd.first) && !(fd.second && fd.second->kind == Type::Kind::Option))
        error(m, rangeOf(m, at), DiagKind::MissingField, fd.first, typeText(fd.second), typeName);
  return v;
}

ValuePtr Frontend::Impl::call(FuncCtx &f, const std::string &name, AquaParser::AbilityArgsContext *abilities,
                              const std::vector<AquaParser::ExprContext *> &args, ValuePtr receiver, Scope &scope,
                              antlr4::ParserRuleContext *at, SourceRange nameAt) {
  FileModule &m = f.m;
  auto v = std::make_shared<Value>();
  v->kind = VK::Call;
  v->text = name;
  v->base = receiver;
  v->isMethod = receiver != nullptr;
  for (auto *e : args) v->items.push_back(expr(f, e, scope));
  if (abilities)
    for (auto *e : abilities->expr()) v->abilityArgs.push_back(expr(f, e, scope));
  TypePtr arrow;
  std::string owner;
  if (receiver) {
    TypePtr rt = receiver->type;
    if (!rt && receiver->kind == VK::Var) {
      if (auto s = m.services.find(receiver->text); s != m.services.end()) rt = s->second;
      else if (auto s2 = allServices.find(receiver->text); s2 != allServices.end()) rt = s2->second;
      else if (!scope.has(receiver->text))
        undefinedName(m, DiagKind::UndefinedName, rangeOf(m, at), SourceRange{}, receiver->text, scope);
    }
    if (rt && rt->kind == Type::Kind::Service && !rt->hasDefaultServiceId && receiver->kind == VK::Var &&
        receiver->text == rt->name && !scope.has("#service-id:" + rt->name))
      error(m, rangeOf(m, at), DiagKind::ServiceIdUndefined, rt->name);
    if (rt && (rt->kind == Type::Kind::Service || rt->kind == Type::Kind::Ability)) {
      owner = rt->name;
      auto it = std::find_if(rt->fields.begin(), rt->fields.end(), [&](const auto &x) { return x.first == name; });
      if (it == rt->fields.end()) {
        std::string available;
        for (const auto &x : rt->fields) available += (available.empty() ? "" : ", ") + ("`" + x.first + "`");
        std::string best = closest(name, keysOf(rt->fields));
        fixName(error(m, rangeOf(m, at), DiagKind::UndefinedMethod, rt->name, name,
                      best.empty() ? "; available: " + available : didYouMean(best)),
                nameAt, best);
      } else {
        arrow = it->second;
        referMember(nameAt, rt, name);
      }
    }
  } else if (TypePtr t = scope.find(name)) {
    refer(nameAt, scope.findId(name));
    if (t->kind != Type::Kind::Arrow) error(m, rangeOf(m, at), DiagKind::NotCallable, name, typeText(t));
    else arrow = t;
  } else if (auto fn = (callIn ? callIn : &m)->funcs.find(name); fn != (callIn ? callIn : &m)->funcs.end()) {
    referObject(nameAt, fn->second.get());
    if (fn->second->abilities.size() != v->abilityArgs.size())
      error(m, rangeOf(m, at), DiagKind::ArgumentCount, name + "{...} abilities", fn->second->abilities.size(),
            v->abilityArgs.size());
    auto t = std::make_shared<Type>();
    t->kind = Type::Kind::Arrow;
    for (const auto &a : fn->second->args) t->domain.push_back(a.second);
    t->codomain = fn->second->results;
    arrow = t;
  } else if (callIn) {
    // `M.f()` with no `f` in M: reported where the prefix was resolved (atom()).
  } else if (name == f.name) {
    error(m, rangeOf(m, at), DiagKind::Recursion, name);
  } else {
    undefinedName(m, DiagKind::UndefinedFunction, rangeOf(m, at), nameAt, name, scope);
  }
  if (arrow) {
    if (arrow->domain.size() != v->items.size()) {
      error(m, rangeOf(m, at), DiagKind::ArgumentCount, owner.empty() ? name : owner + "." + name,
            arrow->domain.size(), v->items.size());
    } else {
      for (size_t i = 0; i < v->items.size(); ++i)
        if (v->items[i] && !accepts(arrow->domain[i], v->items[i]->type))
          error(m, rangeOf(m, args[i]), DiagKind::TypeMismatch, typeText(arrow->domain[i]), typeText(v->items[i]->type));
    }
    v->type = arrow->codomain.empty() ? nullptr : arrow->codomain[0];
    callResults[v.get()] = arrow->codomain.size();
    if (arrow->codomain.size() > 1) {
      auto carrier = std::make_shared<Value>();
      carrier->type = arrow;
      v->other = carrier; // consumed by the bind statement for the further results
    }
  }
  return v;
}

ValuePtr Frontend::Impl::prim(FuncCtx &f, AquaParser::PrimContext *p, Scope &scope) {
  FileModule &m = f.m;
  auto v = std::make_shared<Value>();
  if (auto *lit = grammar::treeCast<AquaParser::LiteralPrimContext>(p)) {
    auto *l = lit->literal();
    v->kind = VK::Literal;
    v->text = textOf(l);
    if (l->TRUE() || l->FALSE()) v->type = scalar("bool");
    else if (l->STRING()) v->type = scalar("string");
    else if (l->FLOAT()) v->type = numberLiteral(Type::Literal::Float);
    else v->type = numberLiteral(l->MINUS() ? Type::Literal::Signed : Type::Literal::Unsigned);
    return v;
  }
  if (grammar::treeCast<AquaParser::InitPeerPrimContext>(p)) {
    v->kind = VK::InitPeer;
    v->type = scalar("string");
    return v;
  }
  if (auto *col = grammar::treeCast<AquaParser::CollectionPrimContext>(p)) {
    v->kind = col->QUESTION() ? VK::Option : col->STAR() ? VK::StreamLiteral : VK::Array;
    for (auto *e : col->expr()) v->items.push_back(expr(f, e, scope));
    // The element type is the least upper bound of the items' types (⊤ when they don't meet).
    TypePtr elem = v->items.empty() || !v->items[0] ? bottom() : v->items[0]->type;
    for (size_t k = 1; k < v->items.size() && elem; ++k) {
      TypePtr t = v->items[k] ? v->items[k]->type : nullptr;
      if (!t || accepts(elem, t)) continue;
      elem = accepts(t, elem) ? t : top();
    }
    v->type = collection(v->kind == VK::Option ? Type::Kind::Option
                                               : v->kind == VK::StreamLiteral ? Type::Kind::Stream : Type::Kind::Array,
                         elem);
    return v;
  }
  if (auto *c = grammar::treeCast<AquaParser::ConstructPrimContext>(p))
    return construct(f, textOf(c->UPPER()), c->namedArg(), scope, c, nameRange(m, c->UPPER()));
  if (auto *c = grammar::treeCast<AquaParser::CallPrimContext>(p))
    return call(f, textOf(c->lowerName()), c->abilityArgs(), c->expr(), nullptr, scope, c,
                nameRange(m, c->lowerName()));
  if (auto *n = grammar::treeCast<AquaParser::NotPrimContext>(p)) {
    v->kind = VK::Not;
    v->base = atom(f, n->atom(), scope);
    if (v->base && v->base->type && !(v->base->type->kind == Type::Kind::Scalar && v->base->type->name == "bool"))
      error(m, rangeOf(m, n), DiagKind::TypeMismatch, "bool", typeText(v->base->type));
    v->type = scalar("bool");
    return v;
  }
  if (auto *par = grammar::treeCast<AquaParser::ParenPrimContext>(p)) return expr(f, par->expr(), scope);
  auto *np = grammar::treeCast<AquaParser::NamePrimContext>(p);
  std::string name = textOf(np);
  static const std::map<std::string, VK> builtins{{"INIT_PEER_ID", VK::InitPeer}, {"HOST_PEER_ID", VK::HostPeer},
                                                   {"PARTICLE_TTL", VK::Ttl}, {"PARTICLE_TIMESTAMP", VK::Timestamp},
                                                   {"LAST_ERROR", VK::LastError}, {"nil", VK::Nil}};
  if (!scope.has(name)) {
    if (auto b = builtins.find(name); b != builtins.end()) {
      v->kind = b->second;
      switch (b->second) {
      case VK::Ttl: v->type = scalar("u32"); break;
      case VK::Timestamp: v->type = scalar("u64"); break;
      case VK::Nil: v->type = collection(Type::Kind::Option, bottom()); break;
      case VK::LastError: {
        auto t = std::make_shared<Type>();
        t->kind = Type::Kind::Struct;
        t->name = "LastError";
        t->fields = {{"error_code", scalar("i64")}, {"message", scalar("string")},
                     {"instruction", scalar("string")}, {"peer_id", scalar("string")}};
        v->type = t;
        break;
      }
      default: v->type = scalar("string"); break;
      }
      return v;
    }
  }
  v->kind = VK::Var;
  v->text = name;
  v->type = typeOfName(f, name, scope);
  SourceRange at = nameRange(m, np);
  if (scope.has(name)) {
    refer(at, scope.findId(name));
    if (v->type && v->type->kind == Type::Kind::Arrow) arrowValue(m, scope.findId(name));
  } else if (auto c = m.constants.find(name); c != m.constants.end()) {
    referObject(at, c->second.get());
  }
  if (!v->type && !scope.has(name)) {
    if (auto s = m.services.find(name); s != m.services.end()) v->type = s->second, referObject(at, s->second.get());
    else if (auto s2 = allServices.find(name); s2 != allServices.end()) v->type = s2->second, referObject(at, s2->second.get());
    else if (m.funcs.count(name)) {
      auto fn = m.funcs[name];
      referObject(at, fn.get());
      arrowValue(m, symbolFor(fn.get()));
      auto t = std::make_shared<Type>();
      t->kind = Type::Kind::Arrow;
      for (const auto &a : fn->args) t->domain.push_back(a.second);
      t->codomain = fn->results;
      v->type = t;
    } else if (!m.uses.count(name)) {
      undefinedName(m, DiagKind::UndefinedName, rangeOf(m, np), nameRange(m, np), name, scope);
    }
  }
  return v;
}

} // namespace aqua::driver
