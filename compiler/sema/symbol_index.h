// What the checker learned about names, for editors: every declaration (a Symbol) and every
// place a name refers to one (an Occurrence). The front end fills it while it checks; the language
// server answers hover, definition, references, rename, outline, completion and semantic tokens
// from it. Symbols live in one array and refer to each other by index.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "compiler/diag/source_manager.h"

namespace aqua::sema {

enum class SymbolKind : uint8_t {
  Function,        // func
  Service,         // service
  Ability,         // ability
  Struct,          // data
  Alias,           // alias
  Constant,        // const
  Field,           // a field of a data type or of an ability
  ServiceFunction, // an arrow of a service
  Parameter,       // an argument of a function or of a closure
  Variable,        // a value bound by `<-`, `=`, `for`, `catch`
  Stream,          // a variable of stream type (`$s`, `*T`)
  Module,          // a `use` prefix or the module header
};

struct SymbolId {
  static constexpr uint32_t kNone = UINT32_MAX;
  uint32_t index = kNone;
  bool valid() const { return index != kNone; }
  friend bool operator==(SymbolId, SymbolId) = default;
};

struct Symbol {
  std::string name;
  SymbolKind kind = SymbolKind::Variable;
  SourceRange name_range; // the name where it is declared
  SourceRange extent;     // the whole declaration (a function with its body, a data type with
                          // fields); for a local, the block it is visible in
  std::string detail;     // its type or signature as Aqua spells it: `u32`, `func (x: u32) -> string`
  std::string doc;        // `--` comment lines right above the declaration, markers stripped
  SymbolId parent;        // the data type of a field, the service of its function, the function of a local
  SymbolId type;          // the data type / service / ability its type names, for `.` completion
  bool type_inferred = false; // no type was written at the declaration (an inlay hint shows it)
};

struct Occurrence {
  SourceRange range;
  SymbolId symbol;
  bool declaration = false;
};

class SymbolIndex {
public:
  SymbolId add(Symbol symbol);
  // Records the declaration's own occurrence as well.
  void reference(SourceRange range, SymbolId symbol);

  const Symbol &operator[](SymbolId id) const { return symbols_[id.index]; }
  Symbol &operator[](SymbolId id) { return symbols_[id.index]; }
  const std::vector<Symbol> &symbols() const { return symbols_; }
  const std::vector<Occurrence> &occurrences() const { return occurrences_; }

  // The occurrence covering `offset` in `file` (the innermost when several do), or null.
  const Occurrence *at(FileId file, uint32_t offset) const;
  // Every occurrence of `symbol`, its declaration included, in source order.
  std::vector<Occurrence> occurrencesOf(SymbolId symbol) const;
  // Symbols whose parent is `symbol` (fields, service functions, locals of a function).
  std::vector<SymbolId> childrenOf(SymbolId symbol) const;
  // Top-level declarations of `file` (no parent), in source order.
  std::vector<SymbolId> topLevel(FileId file) const;
  // Parameters and variables of the function enclosing `offset` that are declared before it.
  std::vector<SymbolId> localsBefore(FileId file, uint32_t offset) const;

private:
  std::vector<Symbol> symbols_;
  std::vector<Occurrence> occurrences_;
};

const char *symbolKindName(SymbolKind kind);

} // namespace aqua::sema
