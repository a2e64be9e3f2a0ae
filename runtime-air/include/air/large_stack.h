// Runs a function on a thread with a large stack (reserved address space, committed only as
// used), so deep recursion over hostile input (long folds, deep parse trees) cannot overflow the
// caller's stack. Exceptions thrown by `work` are rethrown in the caller.
#pragma once

#include <exception>
#include <functional>
#include <pthread.h>

namespace air {

inline void runWithLargeStack(const std::function<void()> &work, size_t stackBytes = size_t(512) << 20) {
  struct Job {
    const std::function<void()> *work;
    std::exception_ptr error;
  } job{&work, nullptr};
  auto entry = [](void *arg) -> void * {
    Job &j = *static_cast<Job *>(arg);
    try {
      (*j.work)();
    } catch (...) {
      j.error = std::current_exception();
    }
    return nullptr;
  };
  pthread_attr_t attr;
  pthread_attr_init(&attr);
  pthread_attr_setstacksize(&attr, stackBytes);
  pthread_t thread;
  if (pthread_create(&thread, &attr, entry, &job) != 0) {
    entry(&job); // no thread available: run here
  } else {
    pthread_join(thread, nullptr);
  }
  pthread_attr_destroy(&attr);
  if (job.error) std::rethrow_exception(job.error);
}

} // namespace air
