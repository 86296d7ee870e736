// TOPSIS: closeness D- / (D+ + D-) of the weighted normalised rows to the ideal and anti-ideal
// points (Hwang & Yoon 1981); with fixed points, each criterion is (x - anti) / (ideal - anti).
#include <algorithm>
#include <cmath>
#include <optional>
#include <vector>

#include "common/tasks.h"
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void topsis(const Input& in, Output* out) {
  const Eigen::Index m = in.x.rows(), n = in.x.cols();
  const bool fixed = in.ideal.size() != 0;
  if (fixed) out->normalization = "fixed";
  // Each criterion's weighted normalised values are computed where they are used, a column at a
  // time, and the squared distances to the ideal and anti-ideal summed down the columns (the
  // matrix is stored by column): each unit's sum still runs over the criteria in order. The
  // values are in range and their columns scaled already (rank_alternatives()).
  // The distances and closeness are written a block of units at a time on every core (fresh
  // memory: its pages are first touched there, on every core, not cleared first on one).
  Eigen::VectorXd dp(m), dm(m), closeness(m);
  const auto rows = static_cast<std::size_t>(m);
  const auto cols = static_cast<std::size_t>(n);
  std::vector<const double*> column(cols);
  for (std::size_t j = 0; j < cols; ++j) column[j] = in.x.col(static_cast<Eigen::Index>(j)).data();
  // Each criterion's normalisation (its range and sums), on every core; then the weighted
  // ideal and anti-ideal: the weighted normalised values of the column's extremes.
  std::vector<std::optional<ColumnNormalizer>> f(cols);
  std::vector<double> best(cols), worst(cols);
  const std::size_t threads = thread_count(in.options.threads);
  parallel_for(cols, threads, [&](std::size_t j, std::size_t) {
    const auto J = static_cast<Eigen::Index>(j);
    const double w = in.weights[J];
    if (fixed) {
      best[j] = w;
      worst[j] = 0;
      return;
    }
    const bool cost = in.directions[j] == Direction::kCost;
    f[j].emplace(column[j], rows, in.stats[j], in.normalization, cost, in.unit_ids, in.criteria, J);
    const double at_hi = (*f[j])(f[j]->hi()) * w, at_lo = (*f[j])(f[j]->lo()) * w;
    best[j] = cost ? at_lo : at_hi;
    worst[j] = cost ? at_hi : at_lo;
  });
  // The squared distances, block by block of units on every core, each unit's sum running over
  // the criteria in order.
  constexpr std::size_t kBlock = 1 << 14;
  std::vector<std::vector<double>> buffers(threads, std::vector<double>(fixed ? 0 : kBlock));
  parallel_for((rows + kBlock - 1) / kBlock, threads, [&](std::size_t b, std::size_t thread) {
    const std::size_t first = b * kBlock, last = std::min(rows, first + kBlock);
    double* plus = dp.data() + first;
    double* minus = dm.data() + first;
    double* r = buffers[thread].data();
    const std::size_t count = last - first;
    std::fill_n(plus, count, 0.0);
    std::fill_n(minus, count, 0.0);
    for (std::size_t j = 0; j < cols; ++j) {
      const double w = in.weights[static_cast<Eigen::Index>(j)];
      const double* col = column[j];
      const double hi = best[j], lo = worst[j];
      if (fixed) {
        const double a = in.anti_ideal[static_cast<Eigen::Index>(j)];
        const double span = in.ideal[static_cast<Eigen::Index>(j)] - a;
        for (std::size_t i = 0; i < count; ++i) {
          const double v = (col[first + i] - a) / span * w;
          plus[i] += (v - hi) * (v - hi);
          minus[i] += (v - lo) * (v - lo);
        }
        continue;
      }
      f[j]->map(col + first, count, r);
      for (std::size_t i = 0; i < count; ++i) {
        const double v = r[i] * w;
        plus[i] += (v - hi) * (v - hi);
        minus[i] += (v - lo) * (v - lo);
      }
    }
    double* score = closeness.data() + first;
    for (std::size_t i = 0; i < count; ++i) {
      plus[i] = std::sqrt(plus[i]);
      minus[i] = std::sqrt(minus[i]);
      // Ideal and anti-ideal coincide only when every unit is the same: all are ideal.
      score[i] = plus[i] + minus[i] > 0 ? minus[i] / (plus[i] + minus[i]) : 1.0;
    }
  });
  out->score = std::move(closeness);
  // The distances are the result's intermediates (moved, not copied).
  out->intermediates.emplace_back("d_plus", std::move(dp));
  out->intermediates.emplace_back("d_minus", std::move(dm));
}

}  // namespace staffeval::detail::mcda
