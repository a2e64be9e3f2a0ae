// LargeStackWorker: the one thread per caller thread on which the interpreter runs invocations.
#include <catch2/catch.hpp>

#include <atomic>
#include <stdexcept>
#include <thread>
#include <vector>

#include "air/large_stack.h"

namespace {

// Recursion with a frame the default 8 MB stack cannot hold 20,000 times (~40 MB in all).
// The frame is read after the recursive call, so the compiler cannot turn it into a loop.
__attribute__((noinline)) int deep(int n) {
  volatile char frame[2048];
  frame[0] = char(n & 1);
  if (n == 0) return 0;
  int below = deep(n - 1);
  return below + frame[0];
}

} // namespace

TEST_CASE("a worker runs jobs on one thread of its own, one after another") {
  air::LargeStackWorker worker;
  std::thread::id first, second;
  worker.run([&] { first = std::this_thread::get_id(); });
  worker.run([&] { second = std::this_thread::get_id(); });
  CHECK(first == second);
  CHECK(first != std::this_thread::get_id());
}

TEST_CASE("a worker's stack holds recursion deeper than a default thread's") {
  air::LargeStackWorker worker;
  int result = -1;
  worker.run([&] { result = deep(20000); });
  CHECK(result == 10000);
}

TEST_CASE("an exception thrown by a job reaches the caller and the worker goes on") {
  air::LargeStackWorker worker;
  CHECK_THROWS_WITH(worker.run([] { throw std::runtime_error("job failed"); }), "job failed");
  bool ran = false;
  worker.run([&] { ran = true; });
  CHECK(ran);
}

TEST_CASE("callers on several threads take turns") {
  air::LargeStackWorker worker;
  std::atomic<int> inside{0};
  std::atomic<int> overlaps{0};
  int total = 0; // written only by jobs, so a data race here would mean jobs overlapped
  std::vector<std::thread> callers;
  for (int t = 0; t < 4; ++t)
    callers.emplace_back([&] {
      for (int i = 0; i < 200; ++i)
        worker.run([&] {
          if (inside.fetch_add(1) != 0) ++overlaps;
          ++total;
          inside.fetch_sub(1);
        });
    });
  for (auto &caller : callers) caller.join();
  CHECK(overlaps == 0);
  CHECK(total == 800);
}
