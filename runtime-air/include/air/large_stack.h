// Runs a function on a thread with a large stack (reserved address space, committed only as
// used), so deep recursion over hostile input (long folds, deep parse trees) cannot overflow the
// caller's stack. Exceptions thrown by `work` are rethrown in the caller.
#pragma once

#include <condition_variable>
#include <exception>
#include <functional>
#include <mutex>
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

// A thread with a large stack that runs its owner's jobs one at a time, for work repeated many
// times (the interpreter, once per invocation of a particle). A new thread per job mapped a fresh
// stack each time and faulted its pages in again; this one keeps them. `run` blocks until the job
// is done and rethrows what it threw; callers on several threads take turns.
class LargeStackWorker {
public:
  explicit LargeStackWorker(size_t stackBytes = size_t(512) << 20) {
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, stackBytes);
    started_ = pthread_create(&thread_, &attr, &LargeStackWorker::loop, this) == 0;
    pthread_attr_destroy(&attr);
  }
  ~LargeStackWorker() {
    if (!started_) return;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stop_ = true;
    }
    wake_.notify_all();
    pthread_join(thread_, nullptr);
  }
  LargeStackWorker(const LargeStackWorker &) = delete;
  LargeStackWorker &operator=(const LargeStackWorker &) = delete;

  void run(const std::function<void()> &work) {
    if (!started_) return runWithLargeStack(work); // no thread available when constructed
    std::lock_guard<std::mutex> turn(callers_);
    std::exception_ptr error;
    {
      std::unique_lock<std::mutex> lock(mutex_);
      job_ = &work;
      error_ = nullptr;
      wake_.notify_all();
      wake_.wait(lock, [this] { return job_ == nullptr; });
      error = error_;
    }
    if (error) std::rethrow_exception(error);
  }

private:
  static void *loop(void *arg) {
    auto &self = *static_cast<LargeStackWorker *>(arg);
    std::unique_lock<std::mutex> lock(self.mutex_);
    for (;;) {
      self.wake_.wait(lock, [&self] { return self.stop_ || self.job_ != nullptr; });
      if (self.job_ == nullptr) return nullptr; // stopped, nothing left to do
      const std::function<void()> *work = self.job_;
      lock.unlock();
      std::exception_ptr error;
      try {
        (*work)();
      } catch (...) {
        error = std::current_exception();
      }
      lock.lock();
      self.error_ = error;
      self.job_ = nullptr;
      self.wake_.notify_all();
    }
  }

  std::mutex callers_; // one job at a time
  std::mutex mutex_;   // guards job_, error_, stop_
  std::condition_variable wake_;
  const std::function<void()> *job_ = nullptr;
  std::exception_ptr error_;
  bool stop_ = false;
  bool started_ = false;
  pthread_t thread_{};
};

} // namespace air
