// Diagnostics as structured data: a kind (stable code + severity), a primary range, a message,
// notes at related places and fix-its. Emitters create them; consumers (the text/json/sarif/
// github renderers, the language server) decide how to show them.
#pragma once

#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

#include "compiler/diag/source_manager.h"

namespace aqua {

enum class Severity : uint8_t { Error, Warning, Note };

enum class DiagKind : uint16_t {
#define AQUA_DIAG(Name, code, severity, format) Name,
#include "compiler/diag/kinds.def"
};

inline constexpr size_t kDiagKindCount = 0
#define AQUA_DIAG(Name, code, severity, format) +1
#include "compiler/diag/kinds.def"
    ;

struct DiagKindInfo {
  std::string_view name;
  std::string_view code;
  Severity severity;
  std::string_view format;
};
const DiagKindInfo &info(DiagKind kind);

struct DiagNote {
  SourceRange range;
  std::string message;
};

struct FixIt {
  SourceRange range;       // text to replace (empty range = insertion)
  std::string replacement;
};

// Tags an editor shows specially (LSP DiagnosticTag).
enum class DiagTag : uint8_t { None, Unnecessary, Deprecated };

struct Diagnostic {
  DiagKind kind;
  Severity severity;
  SourceRange range;
  std::string message;
  std::vector<DiagNote> notes;
  std::vector<FixIt> fixits;
  DiagTag tag = DiagTag::None;
};

// `format` (kinds.def: fmt syntax, `{0}`, `{1}`...) with its arguments. Formatting lives in
// diagnostic.cpp, the one file that includes fmt.
std::string formatMessage(std::string_view format, std::initializer_list<std::string> args);

// An emitter's argument as message text: strings as they are, numbers in decimal.
template <typename T> std::string messageArgument(T &&value) {
  using V = std::decay_t<T>;
  static_assert(!std::is_same_v<V, char> && !std::is_same_v<V, bool>, "pass text, not a char or bool");
  if constexpr (std::is_arithmetic_v<V>) return std::to_string(value);
  else return std::string(std::forward<T>(value));
}

// Collects diagnostics in emission order. Emission sites name the kind; the format string
// lives in kinds.def so every message is greppable in one place.
class DiagnosticSink {
public:
  template <typename... Args>
  Diagnostic &emit(DiagKind kind, SourceRange range, Args &&...args) {
    const DiagKindInfo &k = info(kind);
    std::string message = formatMessage(k.format, {messageArgument(std::forward<Args>(args))...});
    return add(Diagnostic{kind, k.severity, range, std::move(message), {}, {}, DiagTag::None});
  }
  Diagnostic &add(Diagnostic diagnostic);

  const std::vector<Diagnostic> &all() const { return diagnostics_; }
  std::vector<Diagnostic> &all() { return diagnostics_; }
  size_t errorCount() const { return errors_; }
  bool hasErrors() const { return errors_ > 0; }
  void clear() { diagnostics_.clear(); errors_ = 0; }
  // Stable order for output: by file, offset, then emission order.
  void sort();

private:
  std::vector<Diagnostic> diagnostics_;
  size_t errors_ = 0;
};

} // namespace aqua
