// Renders parse errors the way AquaVM reports them: "air can't be parsed:\n" and one codespan
// diagnostic (codespan-reporting 0.11, default config) holding every error as a primary label on
// "script.air". The layout rules below follow that renderer: labels grouped by line, carets and
// hanging messages for one-line labels, gutter art for labels spanning lines, "·" for skipped
// lines, tabs to 4 columns.
#include "air/parser.h"

#include <algorithm>
#include <map>
#include <optional>

#include "unicode.h"

namespace air {

namespace {

using syntax::decodeUtf8;

bool isContinuationByte(char c) { return (static_cast<unsigned char>(c) & 0xC0) == 0x80; }

uint32_t charCount(std::string_view s) {
  uint32_t n = 0;
  for (char c : s)
    if (!isContinuationByte(c)) ++n;
  return n;
}

struct Lines {
  std::vector<size_t> starts;
  size_t size;
  explicit Lines(std::string_view text) : starts{0}, size(text.size()) {
    for (size_t i = 0; i < text.size(); ++i)
      if (text[i] == '\n') starts.push_back(i + 1);
  }
  size_t indexOf(size_t byte) const {
    return static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), byte) - starts.begin()) - 1;
  }
  size_t begin(size_t line) const { return line < starts.size() ? starts[line] : size; }
  size_t end(size_t line) const { return begin(line + 1); } // includes the line break
};

struct Char {
  size_t byte;  // offset in the line
  size_t bytes; // UTF-8 length
  unsigned width;
};

// The characters of a (trimmed) source line with codespan's column widths.
std::vector<Char> charsOf(std::string_view line) {
  std::vector<Char> out;
  unsigned column = 0;
  for (size_t i = 0; i < line.size();) {
    auto d = decodeUtf8(line, i);
    unsigned width = d.cp == '\t' ? 4 - column % 4 : syntax::displayWidth(d.cp);
    out.push_back({i, d.length, width});
    column += width;
    i += d.length;
  }
  return out;
}

struct SingleLabel {
  size_t start, end; // offsets in the line, end > start
  const std::string *message;
};
struct MultiLabel {
  enum Kind { Top, Left, Bottom } kind;
  size_t index;  // column of the label in the gutter
  size_t offset; // Top: start offset; Bottom: end offset
  const std::string *message;
};
struct LineLabels {
  size_t number = 0;
  std::vector<SingleLabel> singles;
  std::vector<MultiLabel> multis;
  bool mustRender = false;
};

bool overlaps(size_t a0, size_t a1, size_t b0, size_t b1) { return std::max(a0, b0) < std::min(a1, b1); }

class Renderer {
public:
  Renderer(std::string_view text, std::string &out) : text_(text), lines_(text), out_(out) {}

  void render(const std::vector<ParseError> &errors) {
    std::map<size_t, LineLabels> lines;
    size_t numMulti = 0;
    size_t locusStart = errors.front().span.begin;
    for (const ParseError &e : errors) {
      size_t start = e.span.begin, end = std::max(e.span.end, e.span.begin);
      locusStart = std::min(locusStart, start);
      size_t startLine = lines_.indexOf(start), endLine = lines_.indexOf(end);
      padding_ = std::max({padding_, digits(startLine + 1), digits(endLine + 1)});
      auto line = [&](size_t index) -> LineLabels & {
        LineLabels &l = lines[index];
        l.number = index + 1;
        return l;
      };
      if (startLine == endLine) {
        size_t labelStart = start - lines_.begin(startLine);
        size_t labelEnd = std::max(end - lines_.begin(startLine), labelStart + 1);
        LineLabels &l = line(startLine);
        auto at = std::lower_bound(l.singles.begin(), l.singles.end(), std::make_pair(labelStart, labelEnd),
                                   [](const SingleLabel &s, std::pair<size_t, size_t> key) {
                                     return std::make_pair(s.start, s.end) < key;
                                   });
        l.singles.insert(at, SingleLabel{labelStart, labelEnd, &e.message});
        l.mustRender = true;
        continue;
      }
      size_t index = numMulti++;
      LineLabels &first = line(startLine);
      first.multis.push_back({MultiLabel::Top, index, start - lines_.begin(startLine), nullptr});
      first.mustRender = true;
      for (size_t k = startLine + 1; k < endLine; ++k) {
        padding_ = std::max(padding_, digits(k + 1));
        LineLabels &middle = line(k);
        middle.multis.push_back({MultiLabel::Left, index, 0, nullptr});
        middle.mustRender = middle.mustRender || k - startLine <= 3 || endLine - k <= 1;
      }
      LineLabels &last = line(endLine);
      last.multis.push_back({MultiLabel::Bottom, index, end - lines_.begin(endLine), &e.message});
      last.mustRender = true;
    }
    numMulti_ = numMulti;

    out_ += "error: \n";
    size_t locusLine = lines_.indexOf(locusStart);
    size_t lineBegin = lines_.begin(locusLine);
    size_t columnEnd = std::min({locusStart, lines_.end(locusLine), text_.size()});
    out_ += std::string(padding_ + 1, ' ') + "┌─ script.air:" + std::to_string(locusLine + 1) + ":" +
            std::to_string(charCount(text_.substr(lineBegin, columnEnd - lineBegin)) + 1) + "\n";
    emptyLine({});

    std::vector<size_t> shown;
    for (const auto &[index, l] : lines)
      if (l.mustRender) shown.push_back(index);
    for (size_t i = 0; i < shown.size(); ++i) {
      const LineLabels &l = lines[shown[i]];
      source(shown[i], l.number, l.singles, l.multis);
      if (i + 1 == shown.size()) break;
      size_t gap = shown[i + 1] - shown[i];
      if (gap == 2) {
        auto next = lines.find(shown[i] + 1);
        static const std::vector<MultiLabel> none;
        source(shown[i] + 1, shown[i] + 2, {}, next == lines.end() ? none : next->second.multis);
      } else if (gap > 2) {
        gutter();
        out_ += "·";
        innerGutter(l.multis);
        out_ += "\n";
      }
    }
    out_ += "\n";
  }

private:
  static size_t digits(size_t n) {
    size_t d = 0;
    for (; n; n /= 10) ++d;
    return d;
  }
  void gutter() { out_ += std::string(padding_ + 1, ' '); }
  void emptyLine(const std::vector<MultiLabel> &multis) {
    gutter();
    out_ += "│";
    innerGutter(multis);
    out_ += "\n";
  }
  void innerGutter(const std::vector<MultiLabel> &multis) {
    size_t k = 0;
    for (size_t column = 0; column < numMulti_; ++column) {
      if (k < multis.size() && multis[k].index == column) {
        out_ += multis[k].kind == MultiLabel::Top ? "  " : " │";
        ++k;
      } else {
        out_ += "  ";
      }
    }
  }

  std::string_view lineText(size_t index) const {
    size_t begin = lines_.begin(index), end = lines_.end(index);
    std::string_view s = text_.substr(begin, end - begin);
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r' || s.back() == '\0')) s.remove_suffix(1);
    return s;
  }

  size_t leadingWhitespace(std::string_view s) const {
    size_t i = 0;
    while (i < s.size()) {
      auto d = decodeUtf8(s, i);
      if (!syntax::isWhitespace(d.cp)) break;
      i += d.length;
    }
    return i;
  }

  void source(size_t index, size_t number, const std::vector<SingleLabel> &singles,
              const std::vector<MultiLabel> &multis) {
    std::string_view src = lineText(index);
    std::vector<Char> chars = charsOf(src);
    size_t indent = leadingWhitespace(src);

    std::string num = std::to_string(number);
    out_ += std::string(padding_ > num.size() ? padding_ - num.size() : 0, ' ') + num + " │";
    size_t k = 0;
    for (size_t column = 0; column < numMulti_; ++column) {
      if (k < multis.size() && multis[k].index == column) {
        const MultiLabel &m = multis[k++];
        if (m.kind == MultiLabel::Top) out_ += m.offset <= indent ? " ╭" : "  ";
        else out_ += " │";
      } else {
        out_ += "  ";
      }
    }
    out_ += " ";
    for (const Char &c : chars) {
      if (src[c.byte] == '\t') out_.append(c.width, ' ');
      else out_.append(src.substr(c.byte, c.bytes));
    }
    out_ += "\n";

    if (!singles.empty()) singleLabels(src, chars, singles, multis);

    for (size_t i = 0; i < multis.size(); ++i) {
      const MultiLabel &m = multis[i];
      if (m.kind == MultiLabel::Left || (m.kind == MultiLabel::Top && m.offset <= indent)) continue;
      gutter();
      out_ += "│";
      enum { None, UnderTop, UnderBottom } underline = None;
      size_t j = 0;
      auto column = [&]() { out_ += underline == None ? "  " : "──"; };
      for (size_t col = 0; col < numMulti_; ++col) {
        if (j < multis.size() && multis[j].index == col) {
          const MultiLabel &other = multis[j];
          bool leftBar = other.kind == MultiLabel::Left || (other.kind == MultiLabel::Top && i > j) ||
                         (other.kind == MultiLabel::Bottom && i < j);
          if (leftBar) {
            out_ += underline == None ? " │" : "─│";
          } else if (i == j) {
            underline = other.kind == MultiLabel::Top ? UnderTop : UnderBottom;
            out_ += other.kind == MultiLabel::Top ? " ╭" : " ╰";
          } else {
            column();
          }
          ++j;
        } else {
          column();
        }
      }
      if (m.kind == MultiLabel::Top) {
        for (const Char &c : chars)
          if (c.byte < m.offset + 1) repeat("─", c.width);
        out_ += "^\n";
      } else {
        for (const Char &c : chars)
          if (c.byte < m.offset) repeat("─", c.width);
        out_ += "^";
        if (m.message && !m.message->empty()) out_ += " " + *m.message;
        out_ += "\n";
      }
    }
  }

  void repeat(const char *glyph, unsigned count) {
    for (unsigned i = 0; i < count; ++i) out_ += glyph;
  }

  void singleLabels(std::string_view src, const std::vector<Char> &chars, const std::vector<SingleLabel> &singles,
                    const std::vector<MultiLabel> &multis) {
    size_t numMessages = 0, maxStart = 0, maxEnd = 0;
    constexpr size_t kNone = SIZE_MAX; // no trailing label (std::optional trips -Wmaybe-uninitialized)
    size_t trailing = kNone;
    for (size_t i = 0; i < singles.size(); ++i) {
      const SingleLabel &l = singles[i];
      if (!l.message->empty()) ++numMessages;
      maxStart = std::max(maxStart, l.start);
      maxEnd = std::max(maxEnd, l.end);
      if (l.end == maxEnd) {
        if (l.message->empty()) trailing = kNone;
        else trailing = i;
      }
    }
    if (trailing != kNone)
      for (size_t i = 0; i < singles.size(); ++i)
        if (i != trailing && overlaps(singles[trailing].start, singles[trailing].end, singles[i].start, singles[i].end)) {
          trailing = kNone;
          break;
        }

    gutter();
    out_ += "│";
    innerGutter(multis);
    out_ += " ";
    std::vector<Char> withPlaceholder = chars;
    withPlaceholder.push_back({src.size(), 1, 1});
    for (const Char &c : withPlaceholder) {
      bool labelled = false;
      for (const SingleLabel &l : singles)
        labelled = labelled || overlaps(l.start, l.end, c.byte, c.byte + c.bytes);
      if (labelled) out_.append(c.width, '^');
      else if (c.byte < maxEnd) out_.append(c.width, ' ');
    }
    if (trailing != kNone) out_ += " " + *singles[trailing].message;
    out_ += "\n";

    std::vector<size_t> hanging;
    for (size_t i = 0; i < singles.size(); ++i)
      if (!singles[i].message->empty() && (trailing == kNone || trailing != i)) hanging.push_back(i);
    if (numMessages <= (trailing != kNone ? 1u : 0u)) return;
    auto pointers = [&](size_t upTo) {
      for (const Char &c : chars) {
        if (c.byte >= upTo) break;
        bool pointer = false;
        for (size_t h : hanging)
          pointer = pointer || (singles[h].start >= c.byte && singles[h].start < c.byte + c.bytes);
        unsigned spaces = c.width;
        if (pointer) {
          out_ += "│";
          spaces = c.width > 0 ? c.width - 1 : 0;
        }
        if (c.byte <= maxStart) out_.append(spaces, ' ');
      }
    };
    gutter();
    out_ += "│";
    innerGutter(multis);
    out_ += " ";
    pointers(src.size());
    out_ += "\n";
    for (auto it = hanging.rbegin(); it != hanging.rend(); ++it) {
      gutter();
      out_ += "│";
      innerGutter(multis);
      out_ += " ";
      pointers(singles[*it].start);
      out_ += *singles[*it].message + "\n";
    }
  }

  std::string_view text_;
  Lines lines_;
  std::string &out_;
  size_t padding_ = 0;
  size_t numMulti_ = 0;
};

} // namespace

void locateParseErrors(std::string_view text, std::vector<ParseError> &errors) {
  if (errors.empty()) return;
  Lines lines(text);
  for (ParseError &e : errors) {
    size_t offset = std::min<size_t>(e.span.begin, text.size());
    size_t line = lines.indexOf(offset);
    e.line = static_cast<uint32_t>(line + 1);
    e.column = charCount(text.substr(lines.begin(line), offset - lines.begin(line))) + 1;
  }
}

LineCol lineColOf(std::string_view text, uint32_t offset) {
  Lines lines(text);
  size_t at = std::min<size_t>(offset, text.size());
  size_t line = lines.indexOf(at);
  return {static_cast<uint32_t>(line + 1), charCount(text.substr(lines.begin(line), at - lines.begin(line))) + 1};
}

std::string renderParseErrors(std::string_view text, const std::vector<ParseError> &errors) {
  std::string out = "air can't be parsed:\n";
  if (errors.empty()) return out + "error: \n\n";
  Renderer(text, out).render(errors);
  return out;
}

} // namespace air
