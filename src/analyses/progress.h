// Progress and cancellation of the long analyses (sensitivity.h's Progress). Internal.
#pragma once

#include <algorithm>
#include <cstddef>

#include "common/tasks.h"
#include "staffeval/sensitivity.h"

namespace staffeval::detail {

/// Tells `progress` (if any) how far the work is; throws Cancelled when it asks to stop.
inline void report(const Progress& progress, std::size_t done, std::size_t total) {
  if (progress && !progress(done, total)) throw Cancelled("stopped before the end (nothing was written)");
}

/// parallel_for in chunks with a report after each (one chunk when nobody listens). Items are
/// independent, so the results do not depend on the chunks. `chunk` is the smallest chunk.
template <class Body>
void parallel_for_reporting(std::size_t count, std::size_t threads, const Progress& progress, Body&& body,
                            std::size_t chunk = 0) {
  if (!progress) {
    parallel_for(count, threads, body);
    return;
  }
  chunk = std::max({chunk, std::size_t{1}, (count + 199) / 200});
  report(progress, 0, count);
  for (std::size_t first = 0; first < count; first += chunk) {
    const std::size_t n = std::min(chunk, count - first);
    parallel_for(n, threads, [&](std::size_t i, std::size_t t) { body(first + i, t); });
    report(progress, first + n, count);
  }
}

}  // namespace staffeval::detail
