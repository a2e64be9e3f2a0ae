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

std::string printLambda(const Lambda &lambda) {
  if (lambda.isLength) return ".length";
  std::string out = ".$";
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
  return out;
}

namespace {

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

} // namespace

std::string printValue(const Script &script, ValueId id) {
  const Value &v = script[id];
  std::string out;
  switch (v.kind) {
  case ValueKind::InitPeerId: out = "%init_peer_id%"; break;
  case ValueKind::Timestamp: out = "%timestamp%"; break;
  case ValueKind::Ttl: out = "%ttl%"; break;
  case ValueKind::LastError: out = "%last_error%"; break;
  case ValueKind::Error: out = ":error:"; break;
  case ValueKind::String: out = "\"" + v.text + "\""; break;
  case ValueKind::Int: out = std::to_string(v.intValue); break;
  case ValueKind::Float: out = formatFloat(v.floatValue); break;
  case ValueKind::Bool: out = v.boolValue ? "true" : "false"; break;
  case ValueKind::EmptyArray: out = "[]"; break;
  case ValueKind::Scalar:
  case ValueKind::Stream:
  case ValueKind::StreamMap:
  case ValueKind::CanonStream:
  case ValueKind::CanonStreamMap: out = v.text; break;
  }
  if (v.lambda.valid()) out += printLambda(script[v.lambda]);
  return out;
}

namespace {

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
std::string head(const Script &s, InstrId id) {
  const Instr &in = s[id];
  switch (in.kind) {
  case InstrKind::Canon:
  case InstrKind::CanonMap:
  case InstrKind::CanonMapScalar:
    return "(canon " + printValue(s, in.v[0]) + " " + printValue(s, in.v[1]) + "  " + printValue(s, in.v[2]) + ")";
  case InstrKind::Call: {
    std::string display = displayInstruction(s, id);
    if (!in.v[3].valid()) display.pop_back(); // the display form ends "[...] " without an output
    return "(" + display + ")";
  }
  default: return "(" + displayInstruction(s, id) + (isCompound(in.kind) ? "" : ")");
  }
}

} // namespace

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
    out += head(script, item.id);
    out += '\n';
    if (!isCompound(in.kind)) continue;
    stack.push_back({item.id, item.depth, true});
    if (in.child[1].valid()) stack.push_back({in.child[1], item.depth + 1, false});
    if (in.child[0].valid()) stack.push_back({in.child[0], item.depth + 1, false});
  }
  return out;
}

std::string print(const Script &script) { return print(script, script.root); }

std::string displayInstruction(const Script &script, InstrId id) {
  const Instr &in = script[id];
  auto val = [&](int i) { return printValue(script, in.v[i]); };
  std::string out(keyword(in.kind));
  switch (in.kind) {
  case InstrKind::Call: {
    out += " " + val(0) + " (" + val(1) + " " + val(2) + ") [";
    for (uint32_t i = 0; i < in.argsCount; ++i) {
      if (i) out += ' ';
      out += printValue(script, script.callArgs[in.argsBegin + i]);
    }
    out += "] ";
    if (in.v[3].valid()) out += val(3);
    return out;
  }
  case InstrKind::Canon:
  case InstrKind::CanonMap:
  case InstrKind::CanonMapScalar: return out + " " + val(0) + " " + val(1) + " " + val(2);
  case InstrKind::Ap: return out + " " + val(0) + " " + val(1);
  case InstrKind::ApMap: return out + " (" + val(0) + " " + val(1) + ") " + val(2);
  case InstrKind::New:
  case InstrKind::Next: return out + " " + val(0);
  case InstrKind::Fail: return in.v[1].valid() ? out + " " + val(0) + " " + val(1) : out + " " + val(0);
  case InstrKind::Fold:
  case InstrKind::Match:
  case InstrKind::Mismatch: return out + " " + val(0) + " " + val(1);
  default: return out;
  }
}

} // namespace air
