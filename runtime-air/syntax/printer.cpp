// Pretty printer. Iterative (explicit stack) so that arbitrarily deep scripts cannot overflow the
// C++ stack.
#include "air/printer.h"

#include <cstdio>

namespace air {

std::string_view keyword(InstrKind kind) {
  switch (kind) {
#define AIR_INSTR(Name, kw) \
  case InstrKind::Name:     \
    return kw;
#include "air/instr_kinds.def"
  }
  return "?";
}

namespace {

// Every piece is appended to one output string: a printed script of a large program is a megabyte
// made of short pieces, and building each piece as its own string was most of the printing time.
void appendLambda(std::string &out, const Lambda &lambda) {
  if (lambda.isLength) {
    out += ".length";
    return;
  }
  out += ".$";
  for (const Accessor &a : lambda.path) {
    switch (a.kind) {
    case Accessor::Kind::Field:
      out += '.';
      out += a.name;
      break;
    case Accessor::Kind::Index:
      out += ".[";
      out += std::to_string(a.index);
      out += ']';
      break;
    case Accessor::Kind::ByVariable:
      out += ".[";
      out += a.name;
      out += ']';
      break;
    }
    if (a.flatten) out += '!';
  }
}

std::string formatFloat(double value) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.17g", value);
  std::string text = buffer;
  // Shortest text that reads back to the same double.
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) {
      text = buffer;
      break;
    }
  }
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}

void appendValue(std::string &out, const Script &script, ValueId id) {
  const Value &v = script[id];
  switch (v.kind) {
  case ValueKind::InitPeerId: out += "%init_peer_id%"; break;
  case ValueKind::Timestamp: out += "%timestamp%"; break;
  case ValueKind::Ttl: out += "%ttl%"; break;
  case ValueKind::LastError: out += "%last_error%"; break;
  case ValueKind::Error: out += ":error:"; break;
  case ValueKind::String:
    out += '"';
    out += v.text;
    out += '"';
    break;
  case ValueKind::Int: out += std::to_string(v.intValue); break;
  case ValueKind::Float: out += formatFloat(v.floatValue); break;
  case ValueKind::Bool: out += v.boolValue ? "true" : "false"; break;
  case ValueKind::EmptyArray: out += "[]"; break;
  case ValueKind::Scalar:
  case ValueKind::Stream:
  case ValueKind::StreamMap:
  case ValueKind::CanonStream:
  case ValueKind::CanonStreamMap: out += v.text; break;
  }
  if (v.lambda.valid()) appendLambda(out, script[v.lambda]);
}

// AquaVM's display string of an instruction (displayInstruction).
void appendDisplay(std::string &out, const Script &script, InstrId id) {
  const Instr &in = script[id];
  auto val = [&](int i) {
    out += ' ';
    appendValue(out, script, in.v[i]);
  };
  out += keyword(in.kind);
  switch (in.kind) {
  case InstrKind::Call:
    val(0);
    out += " (";
    appendValue(out, script, in.v[1]);
    val(2);
    out += ") [";
    for (uint32_t i = 0; i < in.argsCount; ++i) {
      if (i) out += ' ';
      appendValue(out, script, script.callArgs[in.argsBegin + i]);
    }
    out += "] ";
    if (in.v[3].valid()) appendValue(out, script, in.v[3]);
    return;
  case InstrKind::Canon:
  case InstrKind::CanonMap:
  case InstrKind::CanonMapScalar:
    val(0);
    val(1);
    val(2);
    return;
  case InstrKind::Ap:
    val(0);
    val(1);
    return;
  case InstrKind::ApMap:
    out += " (";
    appendValue(out, script, in.v[0]);
    val(1);
    out += ')';
    val(2);
    return;
  case InstrKind::New:
  case InstrKind::Next: val(0); return;
  case InstrKind::Fail:
    val(0);
    if (in.v[1].valid()) val(1);
    return;
  case InstrKind::Fold:
  case InstrKind::Match:
  case InstrKind::Mismatch:
    val(0);
    val(1);
    return;
  default: return;
  }
}

bool isCompound(InstrKind kind) {
  switch (kind) {
  case InstrKind::Seq:
  case InstrKind::Par:
  case InstrKind::Xor:
  case InstrKind::New:
  case InstrKind::Fold:
  case InstrKind::Match:
  case InstrKind::Mismatch: return true;
  default: return false;
  }
}

// The opening line of an instruction without indentation, newline or (for compound ones) the
// closing parenthesis: AquaVM's display string in parentheses, with the compiler's two spaces
// before a canon target.
void appendHead(std::string &out, const Script &s, InstrId id) {
  const Instr &in = s[id];
  out += '(';
  switch (in.kind) {
  case InstrKind::Canon:
  case InstrKind::CanonMap:
  case InstrKind::CanonMapScalar:
    out += "canon ";
    appendValue(out, s, in.v[0]);
    out += ' ';
    appendValue(out, s, in.v[1]);
    out += "  ";
    appendValue(out, s, in.v[2]);
    out += ')';
    return;
  case InstrKind::Call:
    appendDisplay(out, s, id);
    if (!in.v[3].valid()) out.pop_back(); // the display form ends "[...] " without an output
    out += ')';
    return;
  default:
    appendDisplay(out, s, id);
    if (!isCompound(in.kind)) out += ')';
    return;
  }
}

} // namespace

std::string printLambda(const Lambda &lambda) {
  std::string out;
  appendLambda(out, lambda);
  return out;
}

std::string printValue(const Script &script, ValueId id) {
  std::string out;
  appendValue(out, script, id);
  return out;
}

std::string displayInstruction(const Script &script, InstrId id) {
  std::string out;
  appendDisplay(out, script, id);
  return out;
}

std::string print(const Script &script, InstrId root) {
  std::string out;
  if (!root.valid()) return out;
  // Work items: an instruction to open, or a closing parenthesis at some depth.
  struct Item {
    InstrId id;
    uint32_t depth;
    bool close;
  };
  std::vector<Item> stack{{root, 0, false}};
  while (!stack.empty()) {
    Item item = stack.back();
    stack.pop_back();
    out.append(item.depth, ' ');
    if (item.close) {
      out += ")\n";
      continue;
    }
    const Instr &in = script[item.id];
    appendHead(out, script, item.id);
    out += '\n';
    if (!isCompound(in.kind)) continue;
    stack.push_back({item.id, item.depth, true});
    if (in.child[1].valid()) stack.push_back({in.child[1], item.depth + 1, false});
    if (in.child[0].valid()) stack.push_back({in.child[0], item.depth + 1, false});
  }
  return out;
}

std::string print(const Script &script) { return print(script, script.root); }

} // namespace air
