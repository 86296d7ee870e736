// Ranking units by score: overall and within class, ties sharing the best rank.
#include "scoring/rank.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "scoring/kernels.h"

namespace staffeval::detail {

// Competition ranking ("1224"), best = highest score; NaN scores get rank 0. One sort serves the
// overall and the in-class ranks: equal scores share a rank, and units are ordered by score and
// then input position, so the result is deterministic.
//
// Each scored unit becomes an 8-byte item: a 32-bit key that maps the score range [min, max]
// monotonically onto [0, 2^32) (descending score = ascending key), and its position. An LSD radix
// sort in 11-bit digits (counters in L1, all three histograms from one pass; digits all items
// share are skipped) orders the keys; equal keys hold every tie and the rare distinct scores
// that share a key, and those runs are ordered by the exact score and the position.
void rank_units(const Eigen::VectorXd& score, const std::vector<int>& group, int groups, Workspace* ws, std::vector<int>* rank, std::vector<int>* group_rank) {
  const std::size_t n = static_cast<std::size_t>(score.size());
  const double* sc = score.data();
  const ColumnStats range = column_stats(sc, n);  // NaN scores left out
  const double lo = range.min, hi = range.max;
  // (hi - v) * inv lies in [0, 1] up to one rounding; the factor stays below 2^32. A range too
  // small for its inverse gives one key: the exact comparison of the runs then orders everything.
  const double inv = hi > lo ? 1.0 / (hi - lo) : 0.0;
  const double factor = std::isfinite(inv) ? inv * 4294967040.0 : 0.0;
  constexpr int kBits = 11;
  constexpr std::uint32_t kMask = (1u << kBits) - 1;
  constexpr int kPasses = 3;
  // The item buffers only grow: shrinking them would make the next evaluation zero them again.
  auto& items = ws->rank_items;
  auto& tmp = ws->rank_tmp;
  if (items.size() < n) items.resize(n);
  if (tmp.size() < n) tmp.resize(n);
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
  // Every scored unit is written below; only unscored ones need an explicit 0.
  rank->resize(n);
  group_rank->resize(n);
  int* rk = rank->data();
  if (m < n)
    for (std::size_t i = 0; i < n; ++i)
      if (sc[i] != sc[i]) rk[i] = (*group_rank)[i] = 0;
  const bool by_group = groups > 1;
  std::vector<int> seen(static_cast<std::size_t>(groups), 0);
  std::vector<double> last(static_cast<std::size_t>(groups), 0.0);
  std::vector<int> last_rank(static_cast<std::size_t>(groups), 0);
  int overall = 0;
  for (std::size_t s = 0; s < m;) {
    std::size_t e = s + 1;
    while (e < m && items[e].key == items[s].key) ++e;
    if (e - s > 1) {
      // Stable radix passes left the run in position order; order it by exact score first.
      std::stable_sort(items.begin() + static_cast<std::ptrdiff_t>(s),
                       items.begin() + static_cast<std::ptrdiff_t>(e),
                       [sc](const RankItem& a, const RankItem& b) { return sc[a.pos] > sc[b.pos]; });
    }
    for (std::size_t q = s; q < e; ++q) {
      const std::uint32_t pos = items[q].pos;
      if (q == s || sc[pos] != sc[items[q - 1].pos]) overall = static_cast<int>(q) + 1;
      rk[pos] = overall;
      if (!by_group) continue;
      const auto g = static_cast<std::size_t>(group[pos]);
      if (seen[g]++ == 0 || sc[pos] != last[g]) {
        last[g] = sc[pos];
        last_rank[g] = seen[g];
      }
      (*group_rank)[pos] = last_rank[g];
    }
    s = e;
  }
  if (!by_group) std::copy_n(rk, n, group_rank->data());
}

}  // namespace staffeval::detail
