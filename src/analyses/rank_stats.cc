// Rank statistics shared by the indicator-set analyses (rank_stats.h).
#include "analyses/rank_stats.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <utility>

namespace staffeval::detail {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

// Average ranks (1 = best) of `key` over the units `rows`: ties share the mean of their
// positions. `higher` says whether a larger key is better.
std::vector<double> average_ranks(const std::vector<double>& key, const std::vector<std::size_t>& rows, bool higher) {
  const std::size_t n = rows.size();
  // (key, position) pairs sorted by value, positions breaking ties: a stable order, sorted in
  // place without looking the keys up through `rows` at every comparison. Negated keys put the
  // larger first when higher is better.
  std::vector<std::pair<double, std::size_t>> order(n);
  for (std::size_t i = 0; i < n; ++i) order[i] = {higher ? -key[rows[i]] : key[rows[i]], i};
  std::sort(order.begin(), order.end());
  std::vector<double> rank(n);
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && order[j].first == order[i].first) ++j;
    const double mean = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2;
    for (std::size_t k = i; k < j; ++k) rank[order[k].second] = mean;
    i = j;
  }
  return rank;
}

double pearson(const std::vector<double>& x, const std::vector<double>& y) {
  if (x.size() < 3) return kNaN;
  const auto n = static_cast<double>(x.size());
  const double mx = std::accumulate(x.begin(), x.end(), 0.0) / n, my = std::accumulate(y.begin(), y.end(), 0.0) / n;
  double sxy = 0, sxx = 0, syy = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    sxy += (x[i] - mx) * (y[i] - my);
    sxx += (x[i] - mx) * (x[i] - mx);
    syy += (y[i] - my) * (y[i] - my);
  }
  return sxx > 0 && syy > 0 ? sxy / std::sqrt(sxx * syy) : kNaN;
}

// Kendall's concordance counts in O(n log n) (Knight 1966): pairs sorted by x then y, the
// discordant pairs counted as the swaps of a merge sort on y.
Concordance concordance(const std::vector<double>& x, const std::vector<double>& y) {
  const std::size_t n = x.size();
  std::vector<std::pair<double, double>> xy(n);
  for (std::size_t i = 0; i < n; ++i) xy[i] = {x[i], y[i]};
  std::sort(xy.begin(), xy.end());
  auto pairs = [](double t) { return t * (t - 1) / 2; };
  double n1 = 0, n3 = 0;  // pairs tied in x; tied in both
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && xy[j].first == xy[i].first) ++j;
    n1 += pairs(static_cast<double>(j - i));
    for (std::size_t k = i; k < j;) {
      std::size_t l = k + 1;
      while (l < j && xy[l].second == xy[k].second) ++l;
      n3 += pairs(static_cast<double>(l - k));
      k = l;
    }
    i = j;
  }
  // Swaps of a stable merge sort of y in that order: the pairs with x < x' and y > y'.
  std::vector<double> v(n), tmp(n);
  for (std::size_t i = 0; i < n; ++i) v[i] = xy[i].second;
  double swaps = 0;
  for (std::size_t width = 1; width < n; width *= 2)
    for (std::size_t lo = 0; lo < n; lo += 2 * width) {
      const std::size_t mid = std::min(n, lo + width), hi = std::min(n, lo + 2 * width);
      std::size_t i = lo, j = mid, k = lo;
      while (i < mid && j < hi) {
        if (v[j] < v[i]) {
          swaps += static_cast<double>(mid - i);
          tmp[k++] = v[j++];
        } else {
          tmp[k++] = v[i++];
        }
      }
      while (i < mid) tmp[k++] = v[i++];
      while (j < hi) tmp[k++] = v[j++];
      std::copy(tmp.begin() + static_cast<std::ptrdiff_t>(lo), tmp.begin() + static_cast<std::ptrdiff_t>(hi),
                v.begin() + static_cast<std::ptrdiff_t>(lo));
    }
  double n2 = 0;  // pairs tied in y (v is now sorted)
  for (std::size_t i = 0; i < n;) {
    std::size_t j = i + 1;
    while (j < n && v[j] == v[i]) ++j;
    n2 += pairs(static_cast<double>(j - i));
    i = j;
  }
  const double n0 = pairs(static_cast<double>(n));
  const double untied = n0 - n1 - n2 + n3;  // C + D
  const double diff = untied - 2 * swaps;   // C - D
  Concordance c;
  c.tau_a = n0 > 0 ? diff / n0 : kNaN;
  const double den = (n0 - n1) * (n0 - n2);
  c.tau_b = den > 0 ? diff / std::sqrt(den) : kNaN;
  c.gamma = untied > 0 ? diff / untied : kNaN;
  return c;
}

std::vector<double> average_ranks(const std::vector<double>& v) {
  std::vector<std::size_t> rows(v.size());
  std::iota(rows.begin(), rows.end(), 0);
  return average_ranks(v, rows, false);
}

}  // namespace staffeval::detail
