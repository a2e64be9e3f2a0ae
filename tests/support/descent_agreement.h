// Runs the descent parser (compiler/grammar/descent_parser.h) and the parser ANTLR generates from
// AquaParser.g4 on one text, the way the front end runs them, and compares their trees. Shared by
// unit.grammar's descent tests and the aqua_parse fuzz target.
#pragma once

#include <string>
#include <typeinfo>

#include "AquaParser.h"
#include "antlr4-runtime.h"
#include "compiler/grammar/aqua_token_source.h"
#include "compiler/grammar/descent_parser.h"

namespace aqua::testing {

using grammar::AquaParser;

struct ErrorCounter : antlr4::BaseErrorListener {
  size_t errors = 0;
  void syntaxError(antlr4::Recognizer *, antlr4::Token *, size_t, size_t, const std::string &,
                   std::exception_ptr) override {
    ++errors;
  }
};

// The tree as text: node kinds, token indexes, start/stop; a broken parent link shows as "!parent".
inline void dump(antlr4::tree::ParseTree *node, std::string &out) {
  if (auto *t = dynamic_cast<antlr4::tree::TerminalNode *>(node)) {
    out += "t" + std::to_string(t->getSymbol()->getTokenIndex()) + ' ';
    return;
  }
  auto *c = dynamic_cast<antlr4::ParserRuleContext *>(node);
  out += '(';
  out += typeid(*c).name();
  out += ' ' + std::to_string(c->getStart() ? c->getStart()->getTokenIndex() : 9999) + '-' +
         std::to_string(c->getStop() ? c->getStop()->getTokenIndex() : 9999) + ' ';
  for (antlr4::tree::ParseTree *child : c->children) {
    if (child->parent != c) out += "!parent ";
    dump(child, out);
  }
  out += ')';
}

struct Outcome {
  bool descentParsed = false;
  bool generatedParsed = false; // without syntax errors
  std::string descentTree, generatedTree;
};

inline Outcome parseBothWays(const std::string &text) {
  Outcome o;
  antlr4::ANTLRInputStream input(text);
  aqua::grammar::AquaTokenSource lexer(&input);
  lexer.removeErrorListeners();
  antlr4::CommonTokenStream tokens(&lexer);
  tokens.fill();
  // The front end stops before parsing these (and deeper brackets would only measure the stack).
  if (!lexer.indentErrors().empty() || lexer.maxDepth() > 200) return o;

  aqua::grammar::ParseTreeArena arena;
  if (AquaParser::FileContext *tree = aqua::grammar::parseFileByDescent(tokens, arena)) {
    o.descentParsed = true;
    dump(tree, o.descentTree);
  }

  AquaParser parser(&tokens);
  parser.removeErrorListeners();
  ErrorCounter counter;
  AquaParser::FileContext *tree = nullptr;
  parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::SLL);
  parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
  try {
    tree = parser.file();
  } catch (const antlr4::ParseCancellationException &) {
    tokens.seek(0);
    parser.reset();
    parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
    parser.getInterpreter<antlr4::atn::ParserATNSimulator>()->setPredictionMode(antlr4::atn::PredictionMode::LL);
    parser.addErrorListener(&counter);
    tree = parser.file();
  }
  o.generatedParsed = counter.errors == 0;
  if (o.generatedParsed) dump(tree, o.generatedTree);
  return o;
}

// Empty when the descent parser kept its promise on `text`, else what went wrong.
inline std::string checkAgreement(const std::string &text, bool mustParse) {
  Outcome o = parseBothWays(text);
  if (o.descentParsed && !o.generatedParsed) return "the descent parser accepted a file the generated parser rejects";
  if (o.descentParsed && o.descentTree != o.generatedTree)
    return "different trees:\n descent:   " + o.descentTree + "\n generated: " + o.generatedTree;
  if (mustParse && o.generatedParsed && !o.descentParsed) return "the descent parser gave up on a valid file";
  return "";
}

} // namespace aqua::testing
