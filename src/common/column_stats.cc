// One pass over a column of values, eight lanes (four pairs) at a time.
#include "common/column_stats.h"

#include <limits>

#include "common/lanes.h"

namespace staffeval::detail {

using namespace lanes;

// Eight lanes as four pairs: two-lane vectors are what every x86-64 (and AArch64) processor
// compares and selects natively, where GCC splits wider comparisons into scalar code; the loop
// is bound by memory either way. Lane q holds the values x[i] with i % 8 == q.
ColumnStats column_stats(const double* x, std::size_t n) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  constexpr std::size_t kLanes = 8, kPairs = kLanes / 2;
  V2 lo[kPairs], hi[kPairs], sum[kPairs];
  M2 count[kPairs];
  for (std::size_t k = 0; k < kPairs; ++k) {
    lo[k] = splat2(kInf);
    hi[k] = splat2(-kInf);
    sum[k] = splat2(0.0);
    count[k] = splat2_mask(0);
  }
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes)
    for (std::size_t k = 0; k < kPairs; ++k) {
      const V2 v = load2(x + i + 2 * k);
      const M2 present = v == v;  // -1 per present lane
      count[k] -= present;
      sum[k] += present ? v : splat2(0.0);
      lo[k] = v < lo[k] ? v : lo[k];  // a NaN lane compares false and keeps the running value
      hi[k] = v > hi[k] ? v : hi[k];
    }
  ColumnStats s;
  s.min = kInf;
  s.max = -kInf;
  double lane_sum[kLanes];
  for (std::size_t q = 0; q < kLanes; ++q) {
    const std::size_t k = q / 2, h = q % 2;
    s.count += static_cast<std::size_t>(count[k][h]);
    s.min = lo[k][h] < s.min ? lo[k][h] : s.min;
    s.max = hi[k][h] > s.max ? hi[k][h] : s.max;
    lane_sum[q] = sum[k][h];
  }
  // Lane sums are combined pairwise in a fixed order.
  s.sum = ((lane_sum[0] + lane_sum[1]) + (lane_sum[2] + lane_sum[3])) +
          ((lane_sum[4] + lane_sum[5]) + (lane_sum[6] + lane_sum[7]));
  for (; i < n; ++i) {
    const double v = x[i];
    if (v != v) continue;
    ++s.count;
    s.sum += v;
    s.min = v < s.min ? v : s.min;
    s.max = v > s.max ? v : s.max;
  }
  return s;
}

}  // namespace staffeval::detail
