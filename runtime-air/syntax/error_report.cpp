// Renders parse errors the way AquaVM reports them (codespan's layout), so that ret_code 1
// messages match the real VM's byte for byte in the common single-line case.
#include "air/parser.h"

#include <algorithm>

namespace air {

namespace {

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

uint32_t charCount(std::string_view s) {
  uint32_t n = 0;
  for (char c : s)
    if (!isContinuationByte(c)) ++n;
  return n;
}

struct LineInfo {
  uint32_t number = 1;
  uint32_t begin = 0; // byte offset of the line start
  uint32_t end = 0;   // byte offset of the line end (before '\n')
};

LineInfo lineOf(std::string_view text, uint32_t offset) {
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  LineInfo info;
  for (uint32_t i = 0; i < offset; ++i)
    if (text[i] == '\n') {
      ++info.number;
      info.begin = i + 1;
    }
  size_t newline = text.find('\n', offset);
  info.end = static_cast<uint32_t>(newline == std::string_view::npos ? text.size() : newline);
  return info;
}

} // namespace

LineCol lineColOf(std::string_view text, uint32_t offset) {
  LineInfo line = lineOf(text, offset);
  offset = std::min<uint32_t>(offset, static_cast<uint32_t>(text.size()));
  return {line.number, charCount(text.substr(line.begin, offset - line.begin)) + 1};
}

void locateParseErrors(std::string_view text, std::vector<ParseError> &errors) {
  if (errors.empty()) return;
  std::vector<uint32_t> lineStarts{0};
  for (uint32_t i = 0; i < text.size(); ++i)
    if (text[i] == '\n') lineStarts.push_back(i + 1);
  for (ParseError &e : errors) {
    uint32_t offset = std::min<uint32_t>(e.span.begin, static_cast<uint32_t>(text.size()));
    auto it = std::upper_bound(lineStarts.begin(), lineStarts.end(), offset);
    uint32_t lineStart = *(it - 1);
    e.line = static_cast<uint32_t>(it - lineStarts.begin());
    e.column = charCount(text.substr(lineStart, offset - lineStart)) + 1;
  }
}

std::string renderParseErrors(std::string_view text, const std::vector<ParseError> &errors) {
  std::string out = "air can't be parsed:\nerror: \n";
  if (errors.empty()) return out;
  // Every label in one diagnostic, located at the first one.
  uint32_t maxLine = 1;
  for (const ParseError &e : errors) maxLine = std::max(maxLine, lineOf(text, e.span.begin).number);
  std::string gutter(std::to_string(maxLine).size(), ' ');
  LineCol first = lineColOf(text, errors.front().span.begin);
  out += gutter + " ┌─ script.air:" + std::to_string(first.line) + ":" + std::to_string(first.column) + "\n";
  out += gutter + " │\n";
  for (const ParseError &e : errors) {
    LineInfo line = lineOf(text, e.span.begin);
    std::string number = std::to_string(line.number);
    out += std::string(gutter.size() - number.size(), ' ') + number + " │ " +
           std::string(text.substr(line.begin, line.end - line.begin)) + "\n";
    uint32_t column = charCount(text.substr(line.begin, e.span.begin - line.begin));
    uint32_t spanEnd = std::min(std::max(e.span.end, e.span.begin + 1), line.end);
    uint32_t width = std::max<uint32_t>(1, charCount(text.substr(e.span.begin, spanEnd - e.span.begin)));
    out += gutter + " │ " + std::string(column, ' ') + std::string(width, '^') + " " + e.message + "\n";
  }
  out += "\n";
  return out;
}

} // namespace air
