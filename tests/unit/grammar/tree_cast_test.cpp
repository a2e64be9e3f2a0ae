// tree_cast.h against dynamic_cast: the cached answers must be dynamic_cast's, for rule contexts,
// their labelled alternatives, terminals and error nodes, past the cache's eight entries.
#include <catch2/catch.hpp>

#include <memory>
#include <vector>

#include "AquaParser.h"
#include "CommonToken.h"
#include "compiler/grammar/tree_cast.h"
#include "tree/ErrorNodeImpl.h"
#include "tree/TerminalNodeImpl.h"

using aqua::grammar::AquaParser;
using antlr4::tree::ParseTree;

namespace {

struct Nodes {
  antlr4::CommonToken name{AquaParser::LOWER, "x"};
  antlr4::CommonToken plus{AquaParser::PLUS, "+"};
  AquaParser::ExprContext expr{nullptr, 0};
  AquaParser::PrimContext prim{nullptr, 0};
  std::vector<std::unique_ptr<ParseTree>> owned;
  std::vector<ParseTree *> all;

  template <typename T, typename... Args> T *add(Args &&...args) {
    auto node = std::make_unique<T>(std::forward<Args>(args)...);
    T *raw = node.get();
    owned.push_back(std::move(node));
    all.push_back(raw);
    return raw;
  }
  Nodes() {
    add<AquaParser::AddExprContext>(&expr);
    add<AquaParser::MulExprContext>(&expr);
    add<AquaParser::AtomExprContext>(&expr);
    add<AquaParser::NamePrimContext>(&prim);
    add<AquaParser::LiteralPrimContext>(&prim);
    add<AquaParser::ParenPrimContext>(&prim);
    add<AquaParser::BlockContext>(nullptr, 0);
    add<AquaParser::TypeContext>(nullptr, 0);
    add<AquaParser::ExprContext>(nullptr, 0);
    add<antlr4::tree::TerminalNodeImpl>(&name);
    add<antlr4::tree::ErrorNodeImpl>(&plus);
  }
};

template <typename T> void agreesWithDynamicCast(const std::vector<ParseTree *> &nodes) {
  for (int pass = 0; pass < 3; ++pass) // the first fills the cache, the others read it
    for (ParseTree *node : nodes) {
      INFO("pass " << pass << ", node " << typeid(*node).name() << ", target " << typeid(T).name());
      CHECK(aqua::grammar::treeCast<T>(node) == dynamic_cast<T *>(node));
    }
}

} // namespace

TEST_CASE("treeCast answers as dynamic_cast for every node kind, also past the cache's size") {
  Nodes n;
  agreesWithDynamicCast<AquaParser::ExprContext>(n.all);
  agreesWithDynamicCast<AquaParser::AddExprContext>(n.all);
  agreesWithDynamicCast<AquaParser::PrimContext>(n.all);
  agreesWithDynamicCast<AquaParser::NamePrimContext>(n.all);
  agreesWithDynamicCast<antlr4::ParserRuleContext>(n.all);
  agreesWithDynamicCast<antlr4::tree::TerminalNode>(n.all);
  CHECK(aqua::grammar::treeCast<AquaParser::ExprContext>(nullptr) == nullptr);
}

TEST_CASE("the rewritten accessors find the i-th child of a kind, tokens by type, error nodes included") {
  Nodes n;
  AquaParser::AddExprContext add(&n.expr);
  std::vector<ParseTree *> kids{n.all[0], n.all[9], n.all[1], n.all[10], n.all[3]}; // add, x, mul, +, name
  add.children = kids;
  CHECK(add.expr(0) == n.all[0]);
  CHECK(add.expr(1) == n.all[1]);
  CHECK(add.expr(2) == nullptr);
  CHECK(add.expr().size() == 2);
  CHECK(add.PLUS() == dynamic_cast<antlr4::tree::TerminalNode *>(n.all[10])); // an error node is a terminal
  CHECK(aqua::grammar::tokenChildren(&add, AquaParser::LOWER).size() == 1);
  CHECK(aqua::grammar::tokenChild(&add, AquaParser::LOWER, 1) == nullptr);
  CHECK(aqua::grammar::ruleChildren<AquaParser::PrimContext>(&add).size() == 1);
  add.children.clear(); // the nodes are owned by `n`
}
