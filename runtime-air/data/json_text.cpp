#include "air/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace air {

std::string jsNumberText(double value) {
  if (std::isnan(value) || std::isinf(value)) return "null"; // as JSON.stringify does
  if (value == 0) return "0";
  // ECMAScript Number::toString: the shortest round-trip digits, laid out by the exponent.
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, std::fabs(value), std::chars_format::scientific);
  std::string sci(buffer, end); // d[.ddd]e±x
  size_t e = sci.find('e');
  std::string digits = sci.substr(0, 1) + (e > 1 ? sci.substr(2, e - 2) : "");
  int n = std::atoi(sci.c_str() + e + 1) + 1; // position of the decimal point
  int k = static_cast<int>(digits.size());
  std::string text = value < 0 ? "-" : "";
  if (k <= n && n <= 21) {
    text += digits + std::string(static_cast<size_t>(n - k), '0');
  } else if (0 < n && n <= 21) {
    text += digits.substr(0, static_cast<size_t>(n)) + "." + digits.substr(static_cast<size_t>(n));
  } else if (-6 < n && n <= 0) {
    text += "0." + std::string(static_cast<size_t>(-n), '0') + digits;
  } else {
    int exponent = n - 1;
    text += digits.substr(0, 1) + (k > 1 ? "." + digits.substr(1) : "") + "e" + (exponent >= 0 ? "+" : "-") +
            std::to_string(std::abs(exponent));
  }
  return text;
}

// Runs of characters that need no escape are copied at once: data encoding spends its time here.
void appendJsonString(std::string &out, std::string_view s) {
  out += '"';
  size_t run = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 && c != '"' && c != '\\') continue;
    out.append(s.data() + run, i - run);
    run = i + 1;
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default: {
      char buffer[8];
      std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
      out += buffer;
    }
    }
  }
  out.append(s.data() + run, s.size() - run);
  out += '"';
}

namespace {

void appendString(std::string &out, llvm::StringRef s) { appendJsonString(out, std::string_view(s.data(), s.size())); }

void write(std::string &out, const llvm::json::Value &v, unsigned indent, unsigned depth) {
  auto newline = [&](unsigned level) {
    if (!indent) return;
    out += '\n';
    out.append(static_cast<size_t>(indent) * level, ' ');
  };
  switch (v.kind()) {
  case llvm::json::Value::Null: out += "null"; break;
  case llvm::json::Value::Boolean: out += *v.getAsBoolean() ? "true" : "false"; break;
  case llvm::json::Value::Number:
    // A double of exactly 2^63 passes getAsInteger's range check and converts out of range.
    if (*v.getAsNumber() == 9223372036854775808.0 && !v.getAsUINT64()) out += jsNumberText(*v.getAsNumber());
    else if (auto i = v.getAsInteger()) out += std::to_string(*i);
    else if (auto u = v.getAsUINT64()) out += std::to_string(*u);
    else out += jsNumberText(*v.getAsNumber());
    break;
  case llvm::json::Value::String: appendString(out, *v.getAsString()); break;
  case llvm::json::Value::Array: {
    const auto &array = *v.getAsArray();
    if (array.empty()) {
      out += "[]";
      break;
    }
    out += '[';
    for (size_t i = 0; i < array.size(); ++i) {
      if (i) out += ',';
      newline(depth + 1);
      write(out, array[i], indent, depth + 1);
    }
    newline(depth);
    out += ']';
    break;
  }
  case llvm::json::Value::Object: {
    const auto &object = *v.getAsObject();
    if (object.empty()) {
      out += "{}";
      break;
    }
    std::vector<llvm::StringRef> keys;
    for (const auto &entry : object) keys.push_back(entry.first);
    std::sort(keys.begin(), keys.end());
    out += '{';
    for (size_t i = 0; i < keys.size(); ++i) {
      if (i) out += ',';
      newline(depth + 1);
      appendString(out, keys[i]);
      out += indent ? ": " : ":";
      write(out, *object.get(keys[i]), indent, depth + 1);
    }
    newline(depth);
    out += '}';
    break;
  }
  }
}

} // namespace

std::string toJsonText(const llvm::json::Value &value, unsigned indent) {
  std::string out;
  write(out, value, indent, 0);
  return out;
}

bool parseJson(std::string_view text, llvm::json::Value &out, std::string &error) {
  // llvm::json parses recursively: refuse absurd nesting before it can exhaust the stack.
  constexpr int kMaxDepth = 512;
  int depth = 0;
  bool inString = false;
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (inString) {
      if (c == '\\') ++i;
      else if (c == '"') inString = false;
    } else if (c == '"') {
      inString = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) {
        error = "JSON nested deeper than " + std::to_string(kMaxDepth) + " levels (at byte " + std::to_string(i) + ")";
        return false;
      }
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  auto parsed = llvm::json::parse(llvm::StringRef(text.data(), text.size()));
  if (!parsed) {
    error = llvm::toString(parsed.takeError());
    return false;
  }
  out = std::move(*parsed);
  return true;
}

bool jsonEquals(const llvm::json::Value &a, const llvm::json::Value &b) {
  if (a.kind() == llvm::json::Value::Number && b.kind() == llvm::json::Value::Number) {
    auto ai = a.getAsInteger(), bi = b.getAsInteger();
    if (ai && bi) return *ai == *bi;
    return *a.getAsNumber() == *b.getAsNumber();
  }
  if (a.kind() != b.kind()) return false;
  if (auto *aa = a.getAsArray()) {
    const auto &ba = *b.getAsArray();
    if (aa->size() != ba.size()) return false;
    for (size_t i = 0; i < aa->size(); ++i)
      if (!jsonEquals((*aa)[i], ba[i])) return false;
    return true;
  }
  if (auto *ao = a.getAsObject()) {
    const auto &bo = *b.getAsObject();
    if (ao->size() != bo.size()) return false;
    for (const auto &entry : *ao) {
      const llvm::json::Value *other = bo.get(entry.first);
      if (!other || !jsonEquals(entry.second, *other)) return false;
    }
    return true;
  }
  return a == b;
}

} // namespace air
