// main() for fuzz targets built without libFuzzer (GCC builds, AFL++, CI replay).
//
//   TARGET FILE|DIR...                         run each input once (regression replay; AFL's @@)
//   TARGET -fuzz SECONDS -out DIR [-seed N] [-max_len N] [-dict FILE] CORPUS_DIR...
//       a simple mutation fuzzer without coverage feedback: stacks random byte edits, chunk
//       copies, splices with other corpus files and dictionary tokens. Before each execution the
//       input is written to DIR/current, so when the process dies (crash, sanitizer report, or the
//       per-input alarm below) that file is the reproducer; run-fuzz.sh files it under crashes/.
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <random>
#include <string>
#include <vector>

#include <unistd.h>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

namespace {

namespace fs = std::filesystem;

constexpr unsigned kPerInputSeconds = 20; // a hang is a finding

std::string readFile(const fs::path &p) {
  std::ifstream f(p, std::ios::binary);
  return {std::istreambuf_iterator<char>(f), {}};
}

void collect(const fs::path &p, std::vector<fs::path> &out) {
  std::error_code ec;
  if (fs::is_directory(p, ec)) {
    for (const auto &e : fs::recursive_directory_iterator(p, ec))
      if (e.is_regular_file() && e.path().filename().string()[0] != '.')
        out.push_back(e.path());
  } else if (fs::is_regular_file(p, ec)) {
    out.push_back(p);
  }
}

void onAlarm(int) {
  static const char msg[] = "standalone fuzz driver: input took too long (hang?)\n";
  (void)!::write(2, msg, sizeof msg - 1);
  ::_exit(77);
}

int runOne(const std::string &input) {
  ::alarm(kPerInputSeconds);
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t *>(input.data()), input.size());
  ::alarm(0);
  return 0;
}

// Tokens of both languages: mutations that insert them reach deeper than random bytes.
const char *const kTokens[] = {
    "func ", "data ", "service ", "ability ", "alias ", "const ", "aqua ", "import ", "use ",
    "export ", "from ", "declares ", "on ", "via ", "for ", " par", " try", "par ", "co ",
    "join ", "if ", "else:", "otherwise:", "try:", "catch e:", "<- ", "<<- ", "-> ", ": ",
    "\n  ", "\n    ", "[]", "?", "*", "%", "u32", "string", "bool", "nil", "true", "!", ".length",
    "(seq ", "(par ", "(xor ", "(fold ", "(next ", "(call ", "(ap ", "(canon ", "(match ",
    "(mismatch ", "(new ", "(fail ", "(never)", "(null)", "%init_peer_id%", ":error:",
    "%last_error%", "$s", "#c", "#$c", "%m", "#%m", ".$.", ".[0]", "\"", ")", "(", "[", "]",
    "\n%%%%\n", "{\"", "\":", "null", "1e308", "-9223372036854775808", "18446744073709551616"};

class Mutator {
public:
  Mutator(uint64_t seed, size_t maxLen, std::vector<std::string> dict)
      : rng_(seed), maxLen_(maxLen), dict_(std::move(dict)) {
    for (const char *t : kTokens)
      dict_.emplace_back(t);
  }

  std::string mutate(std::string s, const std::vector<std::string> &corpus) {
    int rounds = 1 + static_cast<int>(pick(8));
    for (int r = 0; r < rounds; ++r) {
      size_t pos = s.empty() ? 0 : pick(s.size() + 1);
      switch (pick(9)) {
      case 0: // flip a bit
        if (!s.empty())
          s[pos % s.size()] ^= static_cast<char>(1u << pick(8));
        break;
      case 1: // random byte
        s.insert(pos, 1, static_cast<char>(pick(256)));
        break;
      case 2: // erase a chunk
        if (!s.empty())
          s.erase(pos % s.size(), 1 + pick(32));
        break;
      case 3: { // duplicate a chunk
        if (s.empty())
          break;
        size_t from = pick(s.size());
        s.insert(pos, s.substr(from, 1 + pick(64)));
        break;
      }
      case 4: case 5: // dictionary token
        s.insert(pos, dict_[pick(dict_.size())]);
        break;
      case 6: { // splice with another corpus entry
        const std::string &other = corpus[pick(corpus.size())];
        if (other.empty())
          break;
        size_t from = pick(other.size());
        s = s.substr(0, pos) + other.substr(from, 1 + pick(256));
        break;
      }
      case 7: // truncate
        s.resize(pos);
        break;
      default: // interesting characters
        s.insert(pos, std::string(1 + pick(4), "\n\t (\"\\\0\xff"[pick(8)]));
        break;
      }
    }
    if (s.size() > maxLen_)
      s.resize(maxLen_);
    return s;
  }

private:
  size_t pick(size_t n) { return n == 0 ? 0 : std::uniform_int_distribution<size_t>(0, n - 1)(rng_); }
  std::mt19937_64 rng_;
  size_t maxLen_;
  std::vector<std::string> dict_;
};

// One line of a libFuzzer/AFL dictionary: `name="value"` with \\, \" and \xNN escapes.
std::string parseDictLine(const std::string &line) {
  size_t open = line.find('"'), close = line.rfind('"');
  if (line.empty() || line[0] == '#' || open == std::string::npos || close <= open)
    return {};
  std::string out;
  for (size_t i = open + 1; i < close; ++i) {
    if (line[i] == '\\' && i + 1 < close) {
      if (line[i + 1] == 'x' && i + 3 < close) {
        out += static_cast<char>(std::strtol(line.substr(i + 2, 2).c_str(), nullptr, 16));
        i += 3;
      } else {
        out += line[++i];
      }
    } else {
      out += line[i];
    }
  }
  return out;
}

int usage(const char *argv0) {
  std::fprintf(stderr,
               "usage: %s FILE|DIR...                 replay inputs\n"
               "       %s -fuzz SECONDS -out DIR [-seed N] [-max_len N] [-dict FILE] CORPUS...\n",
               argv0, argv0);
  return 2;
}

} // namespace

int main(int argc, char **argv) {
  std::signal(SIGALRM, onAlarm);
  double seconds = 0;
  uint64_t seed = static_cast<uint64_t>(std::chrono::steady_clock::now().time_since_epoch().count());
  size_t maxLen = 64 * 1024;
  fs::path outDir;
  std::vector<std::string> dict;
  std::vector<fs::path> inputs;
  for (int i = 1; i < argc; ++i) {
    std::string a = argv[i];
    auto value = [&]() -> std::string { return i + 1 < argc ? argv[++i] : ""; };
    if (a == "-fuzz") seconds = std::atof(value().c_str());
    else if (a == "-out") outDir = value();
    else if (a == "-seed") seed = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "-max_len") maxLen = std::strtoull(value().c_str(), nullptr, 10);
    else if (a == "-dict") {
      std::ifstream f(value());
      for (std::string line; std::getline(f, line);)
        if (auto token = parseDictLine(line); !token.empty())
          dict.push_back(token);
    } else if (!a.empty() && a[0] == '-') return usage(argv[0]);
    else collect(a, inputs);
  }

  if (seconds <= 0) { // replay
    if (inputs.empty())
      return usage(argv[0]);
    for (const auto &p : inputs)
      runOne(readFile(p));
    std::printf("replayed %zu inputs without a finding\n", inputs.size());
    return 0;
  }

  if (outDir.empty())
    return usage(argv[0]);
  fs::create_directories(outDir);
  std::vector<std::string> corpus;
  for (const auto &p : inputs)
    corpus.push_back(readFile(p));
  if (corpus.empty())
    corpus.emplace_back();
  for (const auto &c : corpus) // the seeds themselves first
    runOne(c);
  Mutator mutator(seed, maxLen, std::move(dict));
  std::mt19937_64 pickRng(seed ^ 0x9e3779b97f4a7c15ull);
  const fs::path current = outDir / "current";
  auto start = std::chrono::steady_clock::now();
  uint64_t execs = 0;
  while (std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count() < seconds) {
    std::string input = mutator.mutate(corpus[pickRng() % corpus.size()], corpus);
    {
      std::ofstream f(current, std::ios::binary | std::ios::trunc);
      f.write(input.data(), static_cast<std::streamsize>(input.size()));
    }
    runOne(input);
    ++execs;
  }
  double elapsed = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  fs::remove(current);
  std::printf("fuzzed %llu inputs in %.0f s (%.0f/s), seed %llu, corpus %zu: no finding\n",
              static_cast<unsigned long long>(execs), elapsed, execs / elapsed,
              static_cast<unsigned long long>(seed), corpus.size());
  return 0;
}
