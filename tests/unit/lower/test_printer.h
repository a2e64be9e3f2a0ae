// Test-only compact AIR rendering of an air::Script (the project printer is runtime-air's; this
// one only serves unit tests that compare token streams, so whitespace is normalised).
#pragma once

#include "air/ast.h"

#include <string>

namespace lower_test {

inline std::string valueText(const air::Script &s, air::ValueId id) {
  const air::Value &v = s[id];
  std::string out;
  switch (v.kind) {
  case air::ValueKind::InitPeerId: out = "%init_peer_id%"; break;
  case air::ValueKind::Timestamp: out = "%timestamp%"; break;
  case air::ValueKind::Ttl: out = "%ttl%"; break;
  case air::ValueKind::LastError: out = "%last_error%"; break;
  case air::ValueKind::Error: out = ":error:"; break;
  case air::ValueKind::String: out = "\"" + v.text + "\""; break;
  case air::ValueKind::Int:
  case air::ValueKind::Float: out = v.text; break;
  case air::ValueKind::Bool: out = v.boolValue ? "true" : "false"; break;
  case air::ValueKind::EmptyArray: out = "[]"; break;
  default: out = v.text; break;
  }
  if (v.lambda.valid()) {
    const air::Lambda &l = s[v.lambda];
    if (l.isLength) return out + ".length";
    out += ".$";
    for (const auto &a : l.path) {
      if (a.kind == air::Accessor::Kind::Field) out += "." + a.name;
      else if (a.kind == air::Accessor::Kind::Index) out += ".[" + std::to_string(a.index) + "]";
      else out += ".[" + a.name + "]";
      if (a.flatten) out += "!";
    }
  }
  return out;
}

inline std::string render(const air::Script &s, air::InstrId id) {
  const air::Instr &in = s[id];
  std::string kw;
  switch (in.kind) {
  case air::InstrKind::Seq: kw = "seq"; break;
  case air::InstrKind::Par: kw = "par"; break;
  case air::InstrKind::Xor: kw = "xor"; break;
  case air::InstrKind::Never: kw = "never"; break;
  case air::InstrKind::Null: kw = "null"; break;
  case air::InstrKind::Match: kw = "match"; break;
  case air::InstrKind::Mismatch: kw = "mismatch"; break;
  default: break;
  }
  auto v = [&](int i) { return valueText(s, in.v[i]); };
  auto c = [&](int i) { return render(s, in.child[i]); };
  switch (in.kind) {
  case air::InstrKind::Call: {
    std::string out = "(call " + v(0) + " (" + v(1) + " " + v(2) + ") [";
    for (auto p = s.argsBegin(in); p != s.argsEnd(in); ++p)
      out += (p == s.argsBegin(in) ? "" : " ") + valueText(s, *p);
    out += "]";
    if (in.v[3].valid()) out += " " + v(3);
    return out + ")";
  }
  case air::InstrKind::Canon:
  case air::InstrKind::CanonMap:
  case air::InstrKind::CanonMapScalar: return "(canon " + v(0) + " " + v(1) + " " + v(2) + ")";
  case air::InstrKind::Ap: return "(ap " + v(0) + " " + v(1) + ")";
  case air::InstrKind::ApMap: return "(ap (" + v(0) + " " + v(1) + ") " + v(2) + ")";
  case air::InstrKind::Seq:
  case air::InstrKind::Par:
  case air::InstrKind::Xor: return "(" + kw + " " + c(0) + " " + c(1) + ")";
  case air::InstrKind::Never:
  case air::InstrKind::Null: return "(" + kw + ")";
  case air::InstrKind::New: return "(new " + v(0) + " " + c(0) + ")";
  case air::InstrKind::Fail:
    return in.v[1].valid() ? "(fail " + v(0) + " " + v(1) + ")" : "(fail " + v(0) + ")";
  case air::InstrKind::Fold:
    return "(fold " + v(0) + " " + v(1) + " " + c(0) + (in.child[1].valid() ? " " + c(1) : "") + ")";
  case air::InstrKind::Next: return "(next " + v(0) + ")";
  case air::InstrKind::Match:
  case air::InstrKind::Mismatch: return "(" + kw + " " + v(0) + " " + v(1) + " " + c(0) + ")";
  }
  return "?";
}

inline std::string render(const air::Script &s) { return render(s, s.root); }

// Collapses whitespace so reference texts (indented) compare with render() output.
inline std::string normalize(const std::string &text) {
  std::string out;
  bool space = false;
  for (char ch : text) {
    if (ch == ' ' || ch == '\n' || ch == '\t' || ch == '\r') {
      space = true;
      continue;
    }
    if (space && !out.empty() && ch != ')' && out.back() != '(') out += ' ';
    space = false;
    out += ch;
  }
  return out;
}

} // namespace lower_test
