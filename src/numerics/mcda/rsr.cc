// RSR, the rank-sum ratio (田凤调 1988): ranks per criterion (1 = worst, m = best, ties averaged),
// the weighted rank-sum ratio, its distribution on the probit scale, a least-squares line, and
// grades cut on the probit scale.
#include <algorithm>
#include <numeric>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void rsr(const Input& in, Output* out) {
  const Eigen::MatrixXd& x = in.x;
  const Eigen::Index m = x.rows(), n = x.cols();
  const std::vector<double>& cuts = in.options.rsr_cuts;
  Eigen::MatrixXd ranks(m, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    const bool cost = in.directions[static_cast<std::size_t>(j)] == Direction::kCost;
    std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
    std::iota(order.begin(), order.end(), Eigen::Index{0});
    std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
      return cost ? x(a, j) > x(b, j) : x(a, j) < x(b, j);
    });
    for (std::size_t k = 0; k < order.size();) {
      std::size_t e = k + 1;
      while (e < order.size() && x(order[e], j) == x(order[k], j)) ++e;
      const double avg = (static_cast<double>(k + 1) + static_cast<double>(e)) / 2;
      for (std::size_t q = k; q < e; ++q) ranks(order[q], j) = avg;
      k = e;
    }
  }
  const Eigen::VectorXd score = ranks * in.weights / static_cast<double>(m);
  // Percentile of each distinct RSR: mean position / m, the top group 1 - 1/(4m).
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return score[a] < score[b]; });
  Eigen::VectorXd probit(m);
  const boost::math::normal standard;
  for (std::size_t k = 0; k < order.size();) {
    std::size_t e = k + 1;
    while (e < order.size() && score[order[e]] == score[order[k]]) ++e;
    const double mean_position = (static_cast<double>(k + 1) + static_cast<double>(e)) / 2;
    const double p = e == order.size() ? 1 - 1 / (4.0 * static_cast<double>(m)) : mean_position / static_cast<double>(m);
    const double z = 5 + boost::math::quantile(standard, p);
    for (std::size_t q = k; q < e; ++q) probit[order[q]] = z;
    k = e;
  }
  const double pm = probit.mean(), sm = score.mean();
  const double sxx = (probit.array() - pm).square().sum();
  const double sxy = ((probit.array() - pm) * (score.array() - sm)).sum();
  const double b = sxx > 0 ? sxy / sxx : 0.0;
  const double a = sm - b * pm;
  const double syy = (score.array() - sm).square().sum();
  const double r2 = sxx > 0 && syy > 0 ? sxy * sxy / (sxx * syy) : 1.0;
  if (!(sxx > 0)) out->warnings.push_back("every unit has the same rank-sum ratio: no regression, one grade");
  const Eigen::VectorXd fitted = (a + b * probit.array()).matrix();
  Eigen::VectorXd grade(m);
  const auto k_cuts = static_cast<int>(cuts.size());
  for (Eigen::Index i = 0; i < m; ++i) {
    int above = 0;
    for (double c : cuts) above += probit[i] >= c ? 1 : 0;
    grade[i] = static_cast<double>(k_cuts + 1 - above);  // 1 = best
  }
  out->score = score;
  out->normalization = "ranks";
  out->intermediates = {{"probit", probit}, {"rsr_fitted", fitted}, {"grade", grade}};
  for (std::size_t k = 0; k < cuts.size(); ++k) out->parameters.emplace_back(fmt::format("cut{}", k + 1), cuts[k]);
  out->figures = {{"a", a}, {"b", b}, {"r2", r2}};
  for (std::size_t k = 0; k < cuts.size(); ++k) out->figures.emplace_back(fmt::format("threshold{}", k + 1), a + b * cuts[k]);
}

}  // namespace staffeval::detail::mcda
