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

#include <algorithm>
#include <cstddef>
#include <memory>
#include <new>
#include <utility>
#include <vector>

#include "AquaParser.h"

namespace aqua::grammar {

// Owns the nodes of a tree built by parseFileByDescent (the generated parser's nodes belong to
// the parser instead). Nodes are placed one after another in large blocks: a 7,000-line file
// has ~100,000 of them, and a heap allocation each was a twentieth of its compile.
class ParseTreeArena {
public:
  ParseTreeArena() = default;
  ParseTreeArena(const ParseTreeArena &) = delete;
  ParseTreeArena &operator=(const ParseTreeArena &) = delete;
  ParseTreeArena(ParseTreeArena &&other) noexcept { *this = std::move(other); }
  ParseTreeArena &operator=(ParseTreeArena &&other) noexcept {
    if (this == &other) return *this;
    truncate(0);
    blocks_ = std::move(other.blocks_);
    nodes_ = std::move(other.nodes_);
    next_ = std::exchange(other.next_, nullptr);
    end_ = std::exchange(other.end_, nullptr);
    other.blocks_.clear();
    other.nodes_.clear();
    return *this;
  }
  ~ParseTreeArena() { truncate(0); }

  template <class Node, class... Args> Node *make(Args &&...args) {
    static_assert(alignof(Node) <= alignof(std::max_align_t));
    Node *node = new (allocate(sizeof(Node))) Node(std::forward<Args>(args)...);
    nodes_.push_back(node);
    return node;
  }
  size_t size() const { return nodes_.size(); }
  // Destroys the nodes made after the first `size` ones (an abandoned alternative); their space
  // is not reused.
  void truncate(size_t size) {
    while (nodes_.size() > size) {
      nodes_.back()->~ParseTree(); // virtual: the node's own destructor
      nodes_.pop_back();
    }
  }

private:
  void *allocate(size_t bytes) {
    constexpr size_t kAlign = alignof(std::max_align_t), kBlock = 64 * 1024;
    bytes = (bytes + kAlign - 1) / kAlign * kAlign;
    if (bytes > size_t(end_ - next_)) {
      blocks_.push_back(std::make_unique<std::byte[]>(std::max(bytes, kBlock)));
      next_ = blocks_.back().get();
      end_ = next_ + std::max(bytes, kBlock);
    }
    void *at = next_;
    next_ += bytes;
    return at;
  }

  std::vector<std::unique_ptr<std::byte[]>> blocks_;
  std::byte *next_ = nullptr, *end_ = nullptr;
  std::vector<antlr4::tree::ParseTree *> nodes_; // in order of construction
};

// Parses the whole token stream (filled, with NEWLINE / INDENT / DEDENT) as `file`; nullptr when
// the generated parser has to do it. The stream is not moved; the tree points at its tokens.
AquaParser::FileContext *parseFileByDescent(antlr4::BufferedTokenStream &tokens, ParseTreeArena &arena);

} // namespace aqua::grammar
