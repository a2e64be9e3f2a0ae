// Recursive descent over AquaParser.g4, building the generated parser's context classes.
//
// Each choice is decided the way ANTLR's full-LL prediction decides it, which for this grammar
// comes down to three rules:
//  - where only one alternative can parse the rest of the input, a few tokens of lookahead name
//    it (the comments at each choice say why those tokens suffice);
//  - where two alternatives can both parse the same tokens (the grammar is ambiguous: `par <- x`
//    is a `par` line and a bind to a variable named `par`), ANTLR takes the first alternative,
//    so the alternatives are tried in order over the same tokens (see `attempt`);
//  - loops (`postfix*`, the operator loop of `expr`) are greedy, as ANTLR's are.
// Whatever fails throws NoParse; the caller then parses with the generated parser.
#include "compiler/grammar/descent_parser.h"

#include <utility>

namespace aqua::grammar {
namespace {

using P = AquaParser;
using antlr4::ParserRuleContext;
using antlr4::Token;

// Thrown where the input does not parse along the path taken; caught by `attempt` or at the top.
struct NoParse {};

// ANTLR records the ATN state a rule was invoked from; nothing in aquac reads it.
constexpr size_t kInvokingState = 0;

bool isLowerName(size_t type) {
  switch (type) {
  case P::LOWER: case P::AQUA: case P::MODULE: case P::DECLARES: case P::IMPORT: case P::USE: case P::FROM:
  case P::AS: case P::EXPORT: case P::DATA: case P::ALIAS: case P::SERVICE: case P::ABILITY: case P::CONST:
  case P::FUNC: case P::ON: case P::VIA: case P::FOR: case P::PAR: case P::TRY: case P::REC: case P::CO:
  case P::JOIN: case P::PARSEQ: case P::IF: case P::ELSE: case P::OTHERWISE: case P::CATCH: case P::COPY:
    return true;
  default:
    return false;
  }
}

bool isAnyName(size_t type) { return type == P::UPPER || isLowerName(type); }

// The precedence `expr` gives an infix operator (its alternatives' order: `**` binds tightest),
// or -1 for a token that is not one.
int precedenceOf(size_t type) {
  switch (type) {
  case P::POW: return 8;
  case P::STAR: case P::SLASH: case P::PERCENT: return 7;
  case P::PLUS: case P::MINUS: return 6;
  case P::GT: case P::GTE: case P::LT: case P::LTE: return 5;
  case P::EQ: case P::NEQ: return 4;
  case P::AND: return 3;
  case P::OR: return 2;
  default: return -1;
  }
}

// The context of an operator node, made from a base context as ANTLR's labeled alternatives are.
P::ExprContext *makeOperatorContext(ParseTreeArena &arena, size_t op, P::ExprContext *base) {
  switch (precedenceOf(op)) {
  case 8: return arena.make<P::PowExprContext>(base);
  case 7: return arena.make<P::MulExprContext>(base);
  case 6: return arena.make<P::AddExprContext>(base);
  case 5: return arena.make<P::CmpExprContext>(base);
  case 4: return arena.make<P::EqExprContext>(base);
  case 3: return arena.make<P::AndExprContext>(base);
  default: return arena.make<P::OrExprContext>(base);
  }
}

class Descent {
public:
  Descent(std::vector<Token *> tokens, ParseTreeArena &arena) : toks_(std::move(tokens)), arena_(arena) {}

  P::FileContext *file() {
    auto *c = open<P::FileContext>(nullptr);
    while (la() == P::NEWLINE) terminal(c);
    while (la() != Token::EOF) {
      topItem(c);
      while (la() == P::NEWLINE) terminal(c);
    }
    terminal(c);
    c->stop = toks_.back(); // after matching EOF, ANTLR's stop is EOF itself
    return c;
  }

private:
  // --- tokens and nodes --------------------------------------------------------------------

  size_t la(size_t k = 0) const {
    size_t i = pos_ + k;
    return i < toks_.size() ? toks_[i]->getType() : Token::EOF;
  }

  template <class Ctx> Ctx *open(ParserRuleContext *parent) {
    auto *c = arena_.make<Ctx>(parent, kInvokingState);
    c->children.reserve(3); // most nodes have 1-3 children; 3 pointers fit malloc's smallest chunk
    c->start = toks_[pos_];
    return c;
  }

  // A labeled alternative (`# arrayType`): ANTLR makes the rule's context, then copies it.
  template <class Labeled, class Base> Labeled *openLabeled(ParserRuleContext *parent) {
    Base base(parent, kInvokingState);
    base.start = toks_[pos_];
    return arena_.make<Labeled>(&base);
  }

  // Ends a rule: its stop token is the last one consumed, and it becomes its parent's child.
  template <class Ctx> Ctx *finish(Ctx *c) {
    c->stop = toks_[pos_ - 1];
    if (c->parent) c->parent->children.push_back(c);
    return c;
  }

  void terminal(ParserRuleContext *c) {
    auto *t = arena_.make<antlr4::tree::TerminalNodeImpl>(toks_[pos_]);
    t->setParent(c);
    c->children.push_back(t);
    if (toks_[pos_]->getType() != Token::EOF) ++pos_;
  }

  void match(ParserRuleContext *c, size_t type) {
    if (la() != type) throw NoParse{};
    terminal(c);
  }

  // Parses one alternative into `parent`; when it fails, forgets everything it built and
  // consumed and returns false.
  template <class Parse> bool attempt(ParserRuleContext *parent, Parse &&parse) {
    size_t nodes = arena_.size(), at = pos_, children = parent->children.size();
    try {
      parse();
      return true;
    } catch (const NoParse &) {
      parent->children.resize(children);
      arena_.truncate(nodes);
      pos_ = at;
      return false;
    }
  }

  // --- names ---------------------------------------------------------------------------------

  void lowerName(ParserRuleContext *parent) {
    if (!isLowerName(la())) throw NoParse{};
    auto *c = open<P::LowerNameContext>(parent);
    terminal(c);
    finish(c);
  }

  void anyName(ParserRuleContext *parent) {
    auto *c = open<P::AnyNameContext>(parent);
    if (la() == P::UPPER) terminal(c);
    else lowerName(c);
    finish(c);
  }

  // UPPER (DOT UPPER)*: nothing that may follow a dotted name starts with `.`, so DOT UPPER
  // continues it.
  void dotted(ParserRuleContext *parent) {
    auto *c = open<P::DottedContext>(parent);
    match(c, P::UPPER);
    while (la() == P::DOT && la(1) == P::UPPER) {
      terminal(c);
      terminal(c);
    }
    finish(c);
  }

  // (UPPER DOT)* anyName: an item name is never followed by `.`, so UPPER DOT is a qualifier.
  void dottedAny(ParserRuleContext *parent) {
    auto *c = open<P::DottedAnyContext>(parent);
    while (la() == P::UPPER && la(1) == P::DOT) {
      terminal(c);
      terminal(c);
    }
    anyName(c);
    finish(c);
  }

  void names(ParserRuleContext *parent) {
    auto *c = open<P::NamesContext>(parent);
    anyName(c);
    while (la() == P::COMMA) {
      terminal(c);
      anyName(c);
    }
    finish(c);
  }

  // --- top level -----------------------------------------------------------------------------

  void topItem(ParserRuleContext *parent) {
    auto *c = open<P::TopItemContext>(parent);
    switch (la()) {
    case P::AQUA: case P::MODULE: header(c); match(c, P::NEWLINE); break;
    case P::IMPORT: importDecl(c); match(c, P::NEWLINE); break;
    case P::USE: useDecl(c); match(c, P::NEWLINE); break;
    case P::EXPORT: exportDecl(c); match(c, P::NEWLINE); break;
    case P::DATA: dataDef(c); break;
    case P::ALIAS: aliasDef(c); match(c, P::NEWLINE); break;
    case P::SERVICE: serviceDef(c); break;
    case P::ABILITY: abilityDef(c); break;
    case P::CONST: constDef(c); match(c, P::NEWLINE); break;
    case P::FUNC: funcDef(c); break;
    default: throw NoParse{};
    }
    finish(c);
  }

  void header(ParserRuleContext *parent) {
    auto *c = open<P::HeaderContext>(parent);
    terminal(c); // aqua | module
    dotted(c);
    if (la() == P::DECLARES) {
      terminal(c);
      if (la() == P::STAR) {
        terminal(c);
      } else {
        anyName(c);
        while (la() == P::COMMA) {
          terminal(c);
          anyName(c);
        }
      }
    }
    finish(c);
  }

  void itemAs(ParserRuleContext *parent) {
    auto *c = open<P::ItemAsContext>(parent);
    dottedAny(c);
    if (la() == P::AS) { // `as` cannot follow an item otherwise (COMMA, FROM or NEWLINE do)
      terminal(c);
      anyName(c);
    }
    finish(c);
  }

  void itemList(ParserRuleContext *c) {
    itemAs(c);
    while (la() == P::COMMA) {
      terminal(c);
      itemAs(c);
    }
  }

  void importDecl(ParserRuleContext *parent) {
    auto *c = open<P::ImportDeclContext>(parent);
    terminal(c);
    if (la() == P::STRING) {
      terminal(c);
    } else {
      itemList(c);
      match(c, P::FROM);
      match(c, P::STRING);
    }
    finish(c);
  }

  void useDecl(ParserRuleContext *parent) {
    auto *c = open<P::UseDeclContext>(parent);
    terminal(c);
    if (la() == P::STRING) {
      terminal(c);
    } else {
      itemList(c);
      match(c, P::FROM);
      match(c, P::STRING);
    }
    if (la() == P::AS) {
      terminal(c);
      match(c, P::UPPER);
    }
    finish(c);
  }

  void exportDecl(ParserRuleContext *parent) {
    auto *c = open<P::ExportDeclContext>(parent);
    terminal(c);
    itemList(c);
    finish(c);
  }

  void dataDef(ParserRuleContext *parent) {
    auto *c = open<P::DataDefContext>(parent);
    terminal(c);
    match(c, P::UPPER);
    match(c, P::COLON);
    match(c, P::NEWLINE);
    match(c, P::INDENT);
    do {
      fieldDecl(c);
      match(c, P::NEWLINE);
    } while (la() != P::DEDENT);
    terminal(c);
    finish(c);
  }

  void fieldDecl(ParserRuleContext *parent) {
    auto *c = open<P::FieldDeclContext>(parent);
    anyName(c);
    match(c, P::COLON);
    type(c, false);
    finish(c);
  }

  void aliasDef(ParserRuleContext *parent) {
    auto *c = open<P::AliasDefContext>(parent);
    terminal(c);
    match(c, P::UPPER);
    match(c, P::COLON);
    type(c, false);
    finish(c);
  }

  template <class Ctx> void membersBlock(Ctx *c) {
    match(c, P::COLON);
    match(c, P::NEWLINE);
    match(c, P::INDENT);
    do {
      member(c);
      match(c, P::NEWLINE);
    } while (la() != P::DEDENT);
    terminal(c);
  }

  void serviceDef(ParserRuleContext *parent) {
    auto *c = open<P::ServiceDefContext>(parent);
    terminal(c);
    match(c, P::UPPER);
    if (la() == P::LPAREN) {
      terminal(c);
      expr(c, 0);
      match(c, P::RPAREN);
    }
    membersBlock(c);
    finish(c);
  }

  void abilityDef(ParserRuleContext *parent) {
    auto *c = open<P::AbilityDefContext>(parent);
    terminal(c);
    match(c, P::UPPER);
    membersBlock(c);
    finish(c);
  }

  // anyName COLON type | anyName arrowSig: an arrow signature starts with `{` or `(`.
  void member(ParserRuleContext *parent) {
    auto *c = open<P::MemberContext>(parent);
    anyName(c);
    if (la() == P::COLON) {
      terminal(c);
      type(c, false);
    } else {
      arrowSig(c);
    }
    finish(c);
  }

  void constDef(ParserRuleContext *parent) {
    auto *c = open<P::ConstDefContext>(parent);
    terminal(c);
    match(c, P::UPPER);
    if (la() != P::ASSIGN && la() != P::OPT_ASSIGN) throw NoParse{};
    terminal(c);
    expr(c, 0);
    finish(c);
  }

  void funcDef(ParserRuleContext *parent) {
    auto *c = open<P::FuncDefContext>(parent);
    terminal(c);
    lowerName(c);
    arrowSig(c);
    match(c, P::COLON);
    block(c);
    finish(c);
  }

  // --- types ---------------------------------------------------------------------------------

  // The index after a typeOrParen starting at `i`, or 0 when none starts there. Only for
  // lookahead: the parse proper checks the tokens again.
  size_t skipTypeOrParen(size_t i) const {
    auto at = [&](size_t k) { return k < toks_.size() ? toks_[k]->getType() : Token::EOF; };
    if (at(i) == P::LPAREN) {
      size_t depth = 0;
      for (; i < toks_.size(); ++i) {
        if (at(i) == P::LPAREN) ++depth;
        else if (at(i) == P::RPAREN && --depth == 0) return i + 1;
        else if (at(i) == P::NEWLINE || at(i) == Token::EOF) return 0;
      }
      return 0;
    }
    for (;;) {
      switch (at(i)) {
      case P::LBRACKET:
        if (at(i + 1) != P::RBRACKET) return 0;
        i += 2;
        continue;
      case P::STAR: case P::QUESTION: case P::PERCENT:
        ++i;
        continue;
      case P::TOP: case P::BOTTOM: case P::LOWER:
        return i + 1;
      case P::UPPER:
        ++i;
        while (at(i) == P::DOT && at(i + 1) == P::UPPER) i += 2;
        return i;
      default:
        return 0;
      }
    }
  }

  // Whether the type at the current token is an arrow type: the parameter types before the
  // arrow are a comma-separated list of typeOrParen, and no other type has `->` after such a
  // list (a parameter's basic type is followed by `, name:` or `)`, where the list stops).
  bool startsArrowType() const {
    size_t i = pos_;
    if (la() == P::LBRACE || la() == P::ARROW_RIGHT) return true;
    for (;;) {
      i = skipTypeOrParen(i);
      if (i == 0 || i >= toks_.size()) return false;
      size_t next = toks_[i]->getType();
      if (next == P::ARROW_RIGHT) return true;
      if (next != P::COMMA) return false;
      ++i;
    }
  }

  // `inParam`: the type is a function parameter's, so a `, name:` after it starts the next
  // parameter rather than continuing a result list.
  void type(ParserRuleContext *parent, bool inParam) {
    auto *c = open<P::TypeContext>(parent);
    if (startsArrowType()) arrowType(c, inParam);
    else basicType(c);
    finish(c);
  }

  void typeOrParen(ParserRuleContext *parent) {
    auto *c = open<P::TypeOrParenContext>(parent);
    if (la() == P::LPAREN) {
      terminal(c);
      type(c, false);
      match(c, P::RPAREN);
    } else {
      basicType(c);
    }
    finish(c);
  }

  void typeList(ParserRuleContext *parent, bool inParam) {
    auto *c = open<P::TypeListContext>(parent);
    typeOrParen(c);
    while (la() == P::COMMA && !(inParam && isAnyName(la(1)) && la(2) == P::COLON)) {
      terminal(c);
      typeOrParen(c);
    }
    finish(c);
  }

  void abilities(ParserRuleContext *parent) {
    auto *c = open<P::AbilitiesContext>(parent);
    terminal(c);
    dotted(c);
    while (la() == P::COMMA) {
      terminal(c);
      dotted(c);
    }
    match(c, P::RBRACE);
    finish(c);
  }

  void arrowType(ParserRuleContext *parent, bool inParam) {
    auto *c = open<P::ArrowTypeContext>(parent);
    if (la() == P::LBRACE) abilities(c);
    if (la() != P::ARROW_RIGHT) {
      typeOrParen(c);
      while (la() == P::COMMA) {
        terminal(c);
        typeOrParen(c);
      }
    }
    match(c, P::ARROW_RIGHT);
    if (la() == P::LPAREN && la(1) == P::RPAREN) { // `-> ()`: a parenthesised type is never empty
      terminal(c);
      terminal(c);
    } else {
      typeList(c, inParam);
    }
    finish(c);
  }

  void basicType(ParserRuleContext *parent) {
    P::BasicTypeContext *c = nullptr;
    switch (la()) {
    case P::LBRACKET:
      c = openLabeled<P::ArrayTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      match(c, P::RBRACKET);
      basicType(c);
      break;
    case P::STAR:
      c = openLabeled<P::StreamTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      basicType(c);
      break;
    case P::QUESTION:
      c = openLabeled<P::OptionTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      basicType(c);
      break;
    case P::PERCENT:
      c = openLabeled<P::StreamMapTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      basicType(c);
      break;
    case P::TOP:
      c = openLabeled<P::TopTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      break;
    case P::BOTTOM:
      c = openLabeled<P::BottomTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      break;
    case P::LOWER:
      c = openLabeled<P::ScalarTypeContext, P::BasicTypeContext>(parent);
      terminal(c);
      break;
    case P::UPPER:
      c = openLabeled<P::NamedTypeContext, P::BasicTypeContext>(parent);
      dotted(c);
      break;
    default:
      throw NoParse{};
    }
    finish(c);
  }

  void param(ParserRuleContext *parent) {
    auto *c = open<P::ParamContext>(parent);
    anyName(c);
    match(c, P::COLON);
    type(c, true);
    finish(c);
  }

  void arrowSig(ParserRuleContext *parent) {
    auto *c = open<P::ArrowSigContext>(parent);
    if (la() == P::LBRACE) abilities(c);
    match(c, P::LPAREN);
    if (la() != P::RPAREN) {
      param(c);
      while (la() == P::COMMA) {
        terminal(c);
        param(c);
      }
    }
    match(c, P::RPAREN);
    if (la() == P::ARROW_RIGHT) { // a signature is followed by `:` or a line break
      terminal(c);
      if (startsArrowType()) arrowType(c, false);
      else typeList(c, false);
    }
    finish(c);
  }

  // --- statements ----------------------------------------------------------------------------

  void block(ParserRuleContext *parent) {
    auto *c = open<P::BlockContext>(parent);
    match(c, P::NEWLINE);
    match(c, P::INDENT);
    do stmt(c);
    while (la() != P::DEDENT && la() != Token::EOF);
    match(c, P::DEDENT);
    finish(c);
  }

  // The index of the NEWLINE (or whatever else) that ends the logical line starting here.
  size_t lineEnd() const {
    size_t i = pos_;
    while (i < toks_.size()) {
      size_t t = toks_[i]->getType();
      if (t == P::NEWLINE || t == P::INDENT || t == P::DEDENT || t == Token::EOF) break;
      ++i;
    }
    return i;
  }

  // A statement whose line ends with `:` opens a block (no simple statement ends with `:`, every
  // block statement does); the first tokens then tell which.
  void stmt(ParserRuleContext *parent) {
    auto *c = open<P::StmtContext>(parent);
    size_t end = lineEnd();
    if (end == pos_) throw NoParse{};
    if (toks_[end - 1]->getType() != P::COLON) {
      simpleStmt(c, end);
      match(c, P::NEWLINE);
    } else if (isAnyName(la()) && la(1) == P::ASSIGN) {
      closureStmt(c); // `on = (x: u32) -> u32:` is a closure even though `on` opens blocks
    } else {
      switch (la()) {
      case P::ON: onStmt(c); break;
      case P::FOR: forStmt(c); break;
      case P::IF: ifStmt(c); break;
      case P::ELSE: keywordBlock<P::ElseStmtContext>(c); break;
      case P::OTHERWISE: keywordBlock<P::OtherwiseStmtContext>(c); break;
      case P::TRY: keywordBlock<P::TryStmtContext>(c); break;
      case P::CATCH: catchStmt(c); break;
      case P::PARSEQ: parseqStmt(c); break;
      case P::PAR: case P::CO:
        terminal(c);
        if (la() == P::ON) onStmt(c);
        else if (la() == P::FOR) forStmt(c);
        else throw NoParse{};
        break;
      default: throw NoParse{};
      }
    }
    finish(c);
  }

  // Tries `parse` as the whole line [pos_, end): false (and nothing consumed) when it is not.
  template <class Parse> bool wholeLine(ParserRuleContext *parent, size_t end, Parse &&parse) {
    return attempt(parent, [&] {
      parse();
      if (pos_ != end) throw NoParse{};
    });
  }

  // The alternatives overlap (`par <- x`, `join (x)`, `Srv (x)` each parse two ways), and the
  // generated parser takes the first that parses the whole line: so does this, in the grammar's
  // order, skipping those whose first two tokens cannot match.
  void simpleStmt(ParserRuleContext *parent, size_t end) {
    size_t first = la(), second = la(1);
    if (first == P::ARROW_LEFT) {
      auto *c = openLabeled<P::ReturnStmtContext, P::SimpleStmtContext>(parent);
      terminal(c);
      exprList(c);
      finish(c);
      if (pos_ != end) throw NoParse{};
      return;
    }
    if ((first == P::PAR || first == P::CO) && wholeLine(parent, end, [&] {
          auto *c = openLabeled<P::ParLineStmtContext, P::SimpleStmtContext>(parent);
          terminal(c);
          simpleStmt(c, end);
          finish(c);
        }))
      return;
    if (first == P::JOIN && wholeLine(parent, end, [&] {
          auto *c = openLabeled<P::JoinStmtContext, P::SimpleStmtContext>(parent);
          terminal(c);
          exprList(c);
          finish(c);
        }))
      return;
    if (isAnyName(first)) {
      if (second == P::PUSH && wholeLine(parent, end, [&] {
            auto *c = openLabeled<P::PushStmtContext, P::SimpleStmtContext>(parent);
            anyName(c);
            terminal(c);
            expr(c, 0);
            if (la() == P::COMMA) {
              terminal(c);
              expr(c, 0);
            }
            finish(c);
          }))
        return;
      if (second == P::COLON && wholeLine(parent, end, [&] {
            auto *c = openLabeled<P::DeclStreamStmtContext, P::SimpleStmtContext>(parent);
            anyName(c);
            terminal(c);
            type(c, false);
            finish(c);
          }))
        return;
      if (second == P::ASSIGN && wholeLine(parent, end, [&] {
            auto *c = openLabeled<P::AssignStmtContext, P::SimpleStmtContext>(parent);
            anyName(c);
            terminal(c);
            expr(c, 0);
            finish(c);
          }))
        return;
      if ((second == P::ARROW_LEFT || second == P::COMMA) && wholeLine(parent, end, [&] {
            auto *c = openLabeled<P::BindStmtContext, P::SimpleStmtContext>(parent);
            names(c);
            match(c, P::ARROW_LEFT);
            expr(c, 0);
            finish(c);
          }))
        return;
    }
    if (first == P::UPPER && startsExprAfterDotted() && wholeLine(parent, end, [&] {
          auto *c = openLabeled<P::ServiceIdStmtContext, P::SimpleStmtContext>(parent);
          dotted(c);
          expr(c, 0);
          finish(c);
        }))
      return;
    auto *c = openLabeled<P::CallStmtContext, P::SimpleStmtContext>(parent);
    expr(c, 0);
    finish(c);
    if (pos_ != end) throw NoParse{};
  }

  // Whether an expression can start after the dotted name here (`Srv "id"`, not `Srv.call()`).
  bool startsExprAfterDotted() const {
    size_t i = pos_ + 1;
    while (i + 1 < toks_.size() && toks_[i]->getType() == P::DOT && toks_[i + 1]->getType() == P::UPPER) i += 2;
    if (i >= toks_.size()) return false;
    size_t t = toks_[i]->getType();
    switch (t) {
    case P::TRUE: case P::FALSE: case P::INT: case P::FLOAT: case P::STRING: case P::MINUS: case P::INIT_PEER_ID:
    case P::LBRACKET: case P::QUESTION: case P::STAR: case P::UPPER: case P::BANG: case P::LPAREN:
      return true;
    default:
      return isLowerName(t);
    }
  }

  void exprList(ParserRuleContext *c) {
    expr(c, 0);
    while (la() == P::COMMA) {
      terminal(c);
      expr(c, 0);
    }
  }

  // ON expr (VIA expr)* COLON block
  void onTail(ParserRuleContext *c) {
    expr(c, 0);
    while (la() == P::VIA) {
      terminal(c);
      expr(c, 0);
    }
    match(c, P::COLON);
    block(c);
  }

  void onStmt(ParserRuleContext *parent) {
    auto *c = open<P::OnStmtContext>(parent);
    terminal(c);
    onTail(c);
    finish(c);
  }

  void forStmt(ParserRuleContext *parent) {
    auto *c = open<P::ForStmtContext>(parent);
    terminal(c);
    anyName(c);
    if (la() == P::COMMA) {
      terminal(c);
      anyName(c);
    }
    match(c, P::ARROW_LEFT);
    expr(c, 0);
    if (la() == P::PAR || la() == P::TRY || la() == P::REC) terminal(c); // no expression goes on with these
    match(c, P::COLON);
    block(c);
    finish(c);
  }

  void ifStmt(ParserRuleContext *parent) {
    auto *c = open<P::IfStmtContext>(parent);
    terminal(c);
    expr(c, 0);
    match(c, P::COLON);
    block(c);
    finish(c);
  }

  // else / otherwise / try: KEYWORD COLON block
  template <class Ctx> void keywordBlock(ParserRuleContext *parent) {
    auto *c = open<Ctx>(parent);
    terminal(c);
    match(c, P::COLON);
    block(c);
    finish(c);
  }

  void catchStmt(ParserRuleContext *parent) {
    auto *c = open<P::CatchStmtContext>(parent);
    terminal(c);
    anyName(c);
    match(c, P::COLON);
    block(c);
    finish(c);
  }

  void parseqStmt(ParserRuleContext *parent) {
    auto *c = open<P::ParseqStmtContext>(parent);
    terminal(c);
    anyName(c);
    match(c, P::ARROW_LEFT);
    expr(c, 0);
    match(c, P::ON);
    onTail(c);
    finish(c);
  }

  void closureStmt(ParserRuleContext *parent) {
    auto *c = open<P::ClosureStmtContext>(parent);
    anyName(c);
    terminal(c);
    if (la() == P::FUNC) terminal(c); // a signature starts with `{` or `(`
    arrowSig(c);
    match(c, P::COLON);
    block(c);
    finish(c);
  }

  // --- expressions ---------------------------------------------------------------------------

  // Precedence climbing, building the nodes ANTLR's left-recursion rewrite builds: the left
  // operand becomes the first child of each operator node; `**` is right-associative.
  P::ExprContext *expr(ParserRuleContext *parent, int precedence) {
    P::ExprContext base(parent, kInvokingState);
    base.start = toks_[pos_];
    P::ExprContext *left = arena_.make<P::AtomExprContext>(&base);
    atom(left);
    left->stop = toks_[pos_ - 1];
    for (;;) {
      size_t op = la();
      int opPrecedence = precedenceOf(op);
      if (opPrecedence < precedence || opPrecedence < 0) break;
      P::ExprContext opBase(parent, kInvokingState);
      P::ExprContext *node = makeOperatorContext(arena_, op, &opBase);
      node->start = left->start;
      left->parent = node;
      left->stop = toks_[pos_ - 1];
      node->children.push_back(left);
      terminal(node);
      expr(node, op == P::POW ? opPrecedence : opPrecedence + 1);
      left = node;
    }
    left->stop = toks_[pos_ - 1];
    left->parent = parent;
    parent->children.push_back(left);
    return left;
  }

  void atom(ParserRuleContext *parent) {
    auto *c = open<P::AtomContext>(parent);
    prim(c);
    // Greedy, as ANTLR's loop: in `!a.b` the field belongs to `a`.
    while (la() == P::DOT || la() == P::LBRACKET || la() == P::BANG) postfix(c);
    finish(c);
  }

  void literal(ParserRuleContext *parent) {
    auto *c = open<P::LiteralContext>(parent);
    if (la() == P::MINUS) {
      terminal(c);
      if (la() != P::INT && la() != P::FLOAT) throw NoParse{};
    }
    terminal(c);
    finish(c);
  }

  void prim(ParserRuleContext *parent) {
    P::PrimContext *c = nullptr;
    size_t first = la();
    switch (first) {
    case P::TRUE: case P::FALSE: case P::INT: case P::FLOAT: case P::STRING: case P::MINUS:
      c = openLabeled<P::LiteralPrimContext, P::PrimContext>(parent);
      literal(c);
      break;
    case P::INIT_PEER_ID:
      c = openLabeled<P::InitPeerPrimContext, P::PrimContext>(parent);
      terminal(c);
      break;
    case P::LBRACKET: case P::QUESTION: case P::STAR:
      c = openLabeled<P::CollectionPrimContext, P::PrimContext>(parent);
      if (first != P::LBRACKET) terminal(c);
      match(c, P::LBRACKET);
      if (la() != P::RBRACKET) exprList(c);
      match(c, P::RBRACKET);
      break;
    case P::BANG:
      c = openLabeled<P::NotPrimContext, P::PrimContext>(parent);
      terminal(c);
      atom(c);
      break;
    case P::LPAREN:
      c = openLabeled<P::ParenPrimContext, P::PrimContext>(parent);
      terminal(c);
      expr(c, 0);
      match(c, P::RPAREN);
      break;
    case P::UPPER:
      // No expression is followed by `(`, so UPPER `(` constructs and lower `(` or `{` calls.
      if (la(1) == P::LPAREN) {
        c = openLabeled<P::ConstructPrimContext, P::PrimContext>(parent);
        terminal(c);
        namedArgs(c);
      } else {
        c = openLabeled<P::NamePrimContext, P::PrimContext>(parent);
        anyName(c);
      }
      break;
    default:
      if (!isLowerName(first)) throw NoParse{};
      if (la(1) == P::LPAREN || la(1) == P::LBRACE) {
        c = openLabeled<P::CallPrimContext, P::PrimContext>(parent);
        lowerName(c);
        callArgs(c);
      } else {
        c = openLabeled<P::NamePrimContext, P::PrimContext>(parent);
        anyName(c);
      }
      break;
    }
    finish(c);
  }

  // abilityArgs? LPAREN (expr (COMMA expr)*)? RPAREN
  void callArgs(ParserRuleContext *c) {
    if (la() == P::LBRACE) {
      auto *a = open<P::AbilityArgsContext>(c);
      terminal(a);
      exprList(a);
      match(a, P::RBRACE);
      finish(a);
    }
    match(c, P::LPAREN);
    if (la() != P::RPAREN) exprList(c);
    match(c, P::RPAREN);
  }

  // LPAREN (namedArg (COMMA namedArg)*)? RPAREN
  void namedArgs(ParserRuleContext *c) {
    match(c, P::LPAREN);
    if (la() != P::RPAREN) {
      namedArg(c);
      while (la() == P::COMMA) {
        terminal(c);
        namedArg(c);
      }
    }
    match(c, P::RPAREN);
  }

  void namedArg(ParserRuleContext *parent) {
    auto *c = open<P::NamedArgContext>(parent);
    anyName(c);
    if (la() == P::ASSIGN) {
      terminal(c);
      expr(c, 0);
    }
    finish(c);
  }

  void postfix(ParserRuleContext *parent) {
    if (la() == P::LBRACKET) {
      auto *c = openLabeled<P::IndexPostContext, P::PostfixContext>(parent);
      terminal(c);
      expr(c, 0);
      match(c, P::RBRACKET);
      finish(c);
      return;
    }
    if (la() == P::BANG) {
      auto *c = openLabeled<P::BangPostContext, P::PostfixContext>(parent);
      terminal(c);
      if (la() == P::INT) terminal(c);
      finish(c);
      return;
    }
    // DOT: `.copy(a)` is both a copy and a method call, `.Foo(a)` both a method call and a
    // construct; the grammar's order decides, over the same tokens.
    size_t name = la(1);
    bool call = la(2) == P::LPAREN;
    if (name == P::COPY && call && attempt(parent, [&] { copyPost(parent); })) return;
    if (isAnyName(name) && (call || la(2) == P::LBRACE)) {
      if (name != P::UPPER || !call) {
        methodPost(parent);
        return;
      }
      if (attempt(parent, [&] { methodPost(parent); })) return;
      auto *c = openLabeled<P::QualifiedConstructPostContext, P::PostfixContext>(parent);
      terminal(c);
      terminal(c);
      namedArgs(c);
      finish(c);
      return;
    }
    auto *c = openLabeled<P::FieldPostContext, P::PostfixContext>(parent);
    terminal(c);
    anyName(c);
    finish(c);
  }

  void copyPost(ParserRuleContext *parent) {
    auto *c = openLabeled<P::CopyPostContext, P::PostfixContext>(parent);
    terminal(c);
    terminal(c);
    namedArgs(c);
    finish(c);
  }

  void methodPost(ParserRuleContext *parent) {
    auto *c = openLabeled<P::MethodPostContext, P::PostfixContext>(parent);
    terminal(c);
    anyName(c);
    callArgs(c);
    finish(c);
  }

  std::vector<Token *> toks_; // default channel, ending with EOF
  size_t pos_ = 0;
  ParseTreeArena &arena_;
};

} // namespace

AquaParser::FileContext *parseFileByDescent(antlr4::BufferedTokenStream &tokens, ParseTreeArena &arena) {
  std::vector<Token *> visible;
  visible.reserve(tokens.size());
  for (Token *t : tokens.getTokens())
    if (t->getChannel() == Token::DEFAULT_CHANNEL) visible.push_back(t);
  if (visible.empty() || visible.back()->getType() != Token::EOF) return nullptr;
  size_t mark = arena.size();
  try {
    return Descent(std::move(visible), arena).file();
  } catch (const NoParse &) {
    arena.truncate(mark);
    return nullptr;
  }
}

} // namespace aqua::grammar
