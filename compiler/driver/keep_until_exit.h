// For a process about to exit (the aquac tool, CheckOptions::disableFree): big structures are left
// to the OS instead of being freed node by node. They stay reachable from a global list, so leak
// checkers do not report them (llvm::BuryPointer keeps only 16).
#pragma once

#include <memory>
#include <mutex>
#include <vector>

namespace aqua::driver {

template <typename T> T &keepUntilExit(std::unique_ptr<T> object) {
  static std::mutex mutex;
  static auto *kept = new std::vector<const void *>; // never freed, on purpose
  T &ref = *object;
  std::lock_guard<std::mutex> lock(mutex);
  kept->push_back(object.release());
  return ref;
}

} // namespace aqua::driver
