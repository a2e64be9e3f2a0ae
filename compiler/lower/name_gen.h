// Deterministic fresh AIR names in the reference's style: the first `ret` is `ret`, then `ret-0`,
// `ret-1`...; indexed names (fold iterators, canon fixes) always carry a counter (`x-0`).
#pragma once

#include <map>
#include <string>

namespace aqua::lower {

class NameGen {
public:
  std::string fresh(const std::string &base) {
    auto [it, inserted] = counters_.try_emplace(base, -1);
    if (inserted) return base;
    return base + "-" + std::to_string(++it->second);
  }
  std::string indexed(const std::string &base) {
    auto [it, inserted] = counters_.try_emplace("#" + base, -1);
    return base + "-" + std::to_string(++it->second);
  }

private:
  std::map<std::string, int> counters_;
};

} // namespace aqua::lower
