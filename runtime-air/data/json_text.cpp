#include "air/json_text.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdio>
#include <vector>

namespace air {

std::string jsNumberText(double value) {
  if (std::isnan(value) || std::isinf(value)) return "null"; // as JSON.stringify does
  if (value == 0) return "0";
  char buffer[64];
  auto [end, ec] = std::to_chars(buffer, buffer + sizeof buffer, value);
  std::string text(buffer, end);
  // to_chars gives "1e+21" style already; JavaScript switches to exponent form at 1e21 and
  // below 1e-6, to_chars (shortest) may choose either: normalise the plain-integer range.
  double magnitude = std::fabs(value);
  if (magnitude < 1e21 && magnitude >= 1e-6 && text.find('e') != std::string::npos) {
    // Print in fixed notation with the shortest digits.
    int precision = 0;
    for (; precision < 20; ++precision) {
      std::snprintf(buffer, sizeof buffer, "%.*f", precision, value);
      if (std::strtod(buffer, nullptr) == value) break;
    }
    text = buffer;
  }
  return text;
}

namespace {

void appendString(std::string &out, llvm::StringRef s) {
  out += '"';
  for (unsigned char c : s) {
    switch (c) {
    case '"': out += "\\\""; break;
    case '\\': out += "\\\\"; break;
    case '\n': out += "\\n"; break;
    case '\r': out += "\\r"; break;
    case '\t': out += "\\t"; break;
    case '\b': out += "\\b"; break;
    case '\f': out += "\\f"; break;
    default:
      if (c < 0x20) {
        char buffer[8];
        std::snprintf(buffer, sizeof buffer, "\\u%04x", c);
        out += buffer;
      } else {
        out += static_cast<char>(c);
      }
    }
  }
  out += '"';
}

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
    if (auto i = v.getAsInteger()) out += std::to_string(*i);
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
