// The one task scheduler of the library (private): every computation that runs on several cores
// (reading CSV, scoring, writing CSV) runs its items through these two functions, with the thread
// count of its options (0 = one per core). Items never share results, so what they produce is
// bit-identical whatever the count.
#pragma once

#include <algorithm>
#include <atomic>
#include <condition_variable>
#include <cstddef>
#include <exception>
#include <mutex>
#include <thread>
#include <vector>

namespace staffeval::detail {

// The threads a `threads` option asks for: itself when > 0, else one per core.
inline std::size_t thread_count(int threads) {
  return threads > 0 ? static_cast<std::size_t>(threads) : std::max(1u, std::thread::hardware_concurrency());
}

// Runs body(i, worker) for i in [0, count) on up to `threads` threads (worker < threads; the
// calling thread is worker 0). If items fail, the exception of the smallest failing item is
// rethrown, as a sequential loop would.
template <class Body>
void parallel_for(std::size_t count, std::size_t threads, Body&& body) {
  threads = std::max<std::size_t>(1, std::min(threads, count));
  if (threads == 1) {
    for (std::size_t i = 0; i < count; ++i) body(i, std::size_t{0});
    return;
  }
  std::atomic<std::size_t> next{0};
  std::atomic<std::size_t> first_failure{count};
  std::vector<std::exception_ptr> errors(count);
  auto work = [&](std::size_t t) {
    for (std::size_t i; (i = next.fetch_add(1)) < count;) {
      if (i > first_failure.load()) continue;
      try {
        body(i, t);
      } catch (...) {
        errors[i] = std::current_exception();
        std::size_t f = first_failure.load();
        while (i < f && !first_failure.compare_exchange_weak(f, i)) {
        }
      }
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 1; t < threads; ++t) pool.emplace_back(work, t);
  work(0);
  for (auto& th : pool) th.join();
  if (first_failure.load() < count) std::rethrow_exception(errors[first_failure.load()]);
}

// Produces `count` chunks on `threads` workers and consumes them on the calling thread in
// order: produce(c, slot, worker) fills slot `slot` (in [0, window)) with chunk c on worker
// `worker` (in [0, min(threads, count)): for what a worker keeps between its chunks),
// consume(c, slot) takes it. At most `window` chunks wait at once, so memory stays bounded. An
// exception from consume (a failed write) stops the workers and is rethrown; produce must not
// throw.
template <class Produce, class Consume>
void ordered_pipeline(std::size_t count, std::size_t threads, std::size_t window, Produce&& produce,
                      Consume&& consume) {
  threads = std::max<std::size_t>(1, std::min(threads, count));
  window = std::max<std::size_t>(1, window);
  std::vector<char> ready(window, 0);
  std::mutex mutex;
  std::condition_variable changed;
  std::size_t next = 0, done = 0;
  bool failed = false;
  auto work = [&](std::size_t worker) {
    for (;;) {
      std::size_t c;
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return failed || next >= count || next < done + window; });
        if (failed || next >= count) return;
        c = next++;
      }
      produce(c, c % window, worker);
      {
        std::lock_guard<std::mutex> lock(mutex);
        ready[c % window] = 1;
      }
      changed.notify_all();
    }
  };
  std::vector<std::thread> pool;
  for (std::size_t t = 0; t < threads; ++t) pool.emplace_back(work, t);
  try {
    while (done < count) {
      {
        std::unique_lock<std::mutex> lock(mutex);
        changed.wait(lock, [&] { return ready[done % window] != 0; });
      }
      consume(done, done % window);
      {
        std::lock_guard<std::mutex> lock(mutex);
        ready[done % window] = 0;
        ++done;
      }
      changed.notify_all();
    }
  } catch (...) {
    {
      std::lock_guard<std::mutex> lock(mutex);
      failed = true;
    }
    changed.notify_all();
    for (auto& th : pool) th.join();
    throw;
  }
  for (auto& th : pool) th.join();
}

}  // namespace staffeval::detail
