// Rank statistics shared by compare(), redundancy() and reduce(): average ranks, Pearson's r
// and Kendall's concordance counts. Internal.
#pragma once

#include <cstddef>
#include <limits>
#include <vector>

namespace staffeval::detail {

// Average ranks (1 = best) of `key` over the units `rows`: ties share the mean of their
// positions. `higher` says whether a larger key is better.
std::vector<double> average_ranks(const std::vector<double>& key, const std::vector<std::size_t>& rows, bool higher);
// Average ranks of every value of `v`, smallest first.
std::vector<double> average_ranks(const std::vector<double>& v);

// Pearson's correlation; NaN for fewer than 3 pairs or without spread.
double pearson(const std::vector<double>& x, const std::vector<double>& y);

// Kendall's tau-a, tau-b and Goodman-Kruskal gamma in O(n log n) (Knight 1966).
struct Concordance {
  double tau_a = std::numeric_limits<double>::quiet_NaN();
  double tau_b = std::numeric_limits<double>::quiet_NaN();
  double gamma = std::numeric_limits<double>::quiet_NaN();
};
Concordance concordance(const std::vector<double>& x, const std::vector<double>& y);

}  // namespace staffeval::detail
