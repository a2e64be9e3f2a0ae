// A hand-written recursive-descent parser for AquaParser.g4 that builds the generated parser's own
// parse tree (the same context classes, children, start and stop tokens), without ANTLR's
// adaptive prediction. ANTLR predicts on a DFA that starts empty in every process, which made
// parsing most of a fresh `aquac compile`; this parser decides each choice from a few tokens.
//
// It is a fast path, not a second grammar: on input it cannot parse, or where it cannot tell
// two alternatives apart cheaply, it gives up and the caller parses with the generated parser,
// which reports the errors. What it returns must be exactly the tree the generated parser builds:
// unit.grammar's descent tests compare both on every .aqua file we have and on mutated ones.
#pragma once

#include <memory>
#include <vector>

#include "AquaParser.h"

namespace aqua::grammar {

// Owns the nodes of a tree built by parseFileByDescent (the generated parser's nodes belong to
// the parser instead).
class ParseTreeArena {
public:
  template <class Node, class... Args> Node *make(Args &&...args) {
    auto node = std::make_unique<Node>(std::forward<Args>(args)...);
    Node *raw = node.get();
    nodes_.push_back(std::move(node));
    return raw;
  }
  size_t size() const { return nodes_.size(); }
  // Frees the nodes made after the first `size` ones (an abandoned alternative).
  void truncate(size_t size) { nodes_.resize(size); }

private:
  std::vector<std::unique_ptr<antlr4::tree::ParseTree>> nodes_;
};

// Parses the whole token stream (filled, with NEWLINE / INDENT / DEDENT) as `file`; nullptr when
// the generated parser has to do it. The stream is not moved; the tree points at its tokens.
AquaParser::FileContext *parseFileByDescent(antlr4::BufferedTokenStream &tokens, ParseTreeArena &arena);

} // namespace aqua::grammar
