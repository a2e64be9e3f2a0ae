// Checked casts between parse-tree node types without a dynamic_cast per call. ANTLR's child
// accessors (`ctx->expr(i)`, `ctx->NAME()`) test every child with dynamic_cast, and libstdc++'s
// dynamic_cast compares type names with strcmp: a quarter of a large compile went there. Here the
// answer for each dynamic type is computed once by dynamic_cast and kept in a small per-thread
// cache keyed by the type_info's address (a type seen under two type_info objects only costs a
// second entry). The generated parser's accessors are rewritten to use these functions
// (cmake/AquaParserPostprocess.cmake).
#pragma once

#include <cstddef>
#include <typeinfo>
#include <vector>

#include "ParserRuleContext.h"
#include "Token.h"
#include "tree/ParseTree.h"
#include "tree/TerminalNode.h"

namespace aqua::grammar {

// `node` as a T, or null when it is not one. T must derive from ParseTree without a virtual base
// on the way (true of every rule context and of TerminalNode), so a static_cast is exact once the
// dynamic type is known to be a T.
template <typename T> T *treeCast(antlr4::tree::ParseTree *node) {
  if (!node) return nullptr;
  struct Entry {
    const std::type_info *type = nullptr;
    bool isT = false;
  };
  constexpr unsigned kEntries = 8; // a call site sees a few node types
  thread_local Entry cache[kEntries];
  thread_local unsigned nextSlot = 0;
  const std::type_info *type = &typeid(*node);
  for (const Entry &entry : cache)
    if (entry.type == type) return entry.isT ? static_cast<T *>(node) : nullptr;
  T *cast = dynamic_cast<T *>(node);
  cache[nextSlot++ % kEntries] = Entry{type, cast != nullptr};
  return cast;
}

// The i-th child that is a T (ParserRuleContext::getRuleContext).
template <typename T> T *ruleChild(antlr4::ParserRuleContext *ctx, size_t i) {
  for (antlr4::tree::ParseTree *child : ctx->children)
    if (T *typed = treeCast<T>(child); typed && i-- == 0) return typed;
  return nullptr;
}

// Every child that is a T (ParserRuleContext::getRuleContexts).
template <typename T> std::vector<T *> ruleChildren(antlr4::ParserRuleContext *ctx) {
  std::vector<T *> out;
  for (antlr4::tree::ParseTree *child : ctx->children)
    if (T *typed = treeCast<T>(child)) out.push_back(typed);
  return out;
}

// The i-th token child of type `tokenType` (ParserRuleContext::getToken).
inline antlr4::tree::TerminalNode *tokenChild(antlr4::ParserRuleContext *ctx, size_t tokenType, size_t i) {
  for (antlr4::tree::ParseTree *child : ctx->children)
    if (auto *terminal = treeCast<antlr4::tree::TerminalNode>(child);
        terminal && terminal->getSymbol()->getType() == tokenType && i-- == 0)
      return terminal;
  return nullptr;
}

// Every token child of type `tokenType` (ParserRuleContext::getTokens).
inline std::vector<antlr4::tree::TerminalNode *> tokenChildren(antlr4::ParserRuleContext *ctx, size_t tokenType) {
  std::vector<antlr4::tree::TerminalNode *> out;
  for (antlr4::tree::ParseTree *child : ctx->children)
    if (auto *terminal = treeCast<antlr4::tree::TerminalNode>(child);
        terminal && terminal->getSymbol()->getType() == tokenType)
      out.push_back(terminal);
  return out;
}

} // namespace aqua::grammar
