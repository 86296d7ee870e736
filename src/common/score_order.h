// Units in order of score, highest first (private): the one sort behind every competition rank
// ("1224") of the library, the scoring layer's and the evaluation methods'.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <vector>

#include "common/large_buffer.h"

namespace staffeval::detail {

struct RankItem {
  std::uint32_t key, pos;
};

// Orders the units of sc[0, n) that have a score (not NaN) by score, highest first, equal scores
// by position, into items[0, m), and returns m. Deterministic. `items` and `tmp` only grow (so
// that a caller reusing them does not have them zeroed again).
//
// Each scored unit becomes an 8-byte item: a 32-bit key that maps the score range [min, max]
// monotonically onto [0, 2^32) (descending score = ascending key), and its position. An LSD radix
// sort in 11-bit digits (counters in L1, all three histograms from one pass; digits all items
// share are skipped) orders the keys; equal keys hold every tie and the rare distinct scores
// that share a key, and those runs are ordered by the exact score (stably: positions stay in
// order).
inline std::size_t order_by_score(const double* sc, std::size_t n, std::vector<RankItem>* items_out,
                                  std::vector<RankItem>* tmp_out) {
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t i = 0; i < n; ++i) {
    lo = sc[i] < lo ? sc[i] : lo;  // NaN compares false
    hi = sc[i] > hi ? sc[i] : hi;
  }
  // (hi - v) * inv lies in [0, 1] up to one rounding; the factor stays below 2^32. A range too
  // small for its inverse gives one key: the exact comparison of the runs then orders everything.
  const double inv = hi > lo ? 1.0 / (hi - lo) : 0.0;
  const double factor = std::isfinite(inv) ? inv * 4294967040.0 : 0.0;
  constexpr int kBits = 11;
  constexpr std::uint32_t kMask = (1u << kBits) - 1;
  constexpr int kPasses = 3;
  auto& items = *items_out;
  auto& tmp = *tmp_out;
  if (items.size() < n) resize_for_writing(&items, n);
  if (tmp.size() < n) resize_for_writing(&tmp, n);
  std::vector<std::uint32_t> count(kPasses << kBits, 0u);
  std::size_t m = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double v = sc[i];
    if (v != v) continue;
    double d = (hi - v) * factor;  // NaN or beyond the range only with infinite scores
    d = d >= 0 ? (d < 4294967040.0 ? d : 4294967040.0) : 0.0;
    const auto key = static_cast<std::uint32_t>(d);
    items[m++] = {key, static_cast<std::uint32_t>(i)};
    ++count[key & kMask];
    ++count[(1u << kBits) + ((key >> kBits) & kMask)];
    ++count[(2u << kBits) + (key >> (2 * kBits))];
  }
  for (int p = 0; p < kPasses; ++p) {
    std::uint32_t* c = count.data() + (static_cast<std::size_t>(p) << kBits);
    if (std::any_of(c, c + (1u << kBits), [&](std::uint32_t x) { return x == m; })) continue;
    std::uint32_t sum = 0;
    for (std::uint32_t d = 0; d <= kMask; ++d) {
      const std::uint32_t t = c[d];
      c[d] = sum;
      sum += t;
    }
    const int shift = p * kBits;
    for (std::size_t q = 0; q < m; ++q) tmp[c[(items[q].key >> shift) & kMask]++] = items[q];
    items.swap(tmp);
  }
  for (std::size_t s = 0; s < m;) {
    std::size_t e = s + 1;
    while (e < m && items[e].key == items[s].key) ++e;
    // Stable radix passes left the run in position order; order it by exact score first.
    if (e - s > 1)
      std::stable_sort(items.begin() + static_cast<std::ptrdiff_t>(s), items.begin() + static_cast<std::ptrdiff_t>(e),
                       [sc](const RankItem& a, const RankItem& b) { return sc[a.pos] > sc[b.pos]; });
    s = e;
  }
  return m;
}

}  // namespace staffeval::detail
