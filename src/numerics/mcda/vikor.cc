// VIKOR: group utility S, individual regret R and their compromise Q (Opricovic & Tzeng 2004);
// lower Q is better. Also the compromise solution and its two conditions.
#include <algorithm>
#include <numeric>

#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void vikor(const Input& in, Output* out) {
  const Eigen::MatrixXd& x = in.x;
  const Eigen::Index m = x.rows(), n = x.cols();
  const double v = in.options.v;
  Eigen::VectorXd s = Eigen::VectorXd::Zero(m), rr = Eigen::VectorXd::Zero(m);
  for (Eigen::Index j = 0; j < n; ++j) {
    const bool cost = in.directions[static_cast<std::size_t>(j)] == Direction::kCost;
    const ColumnStats& st = in.stats[static_cast<std::size_t>(j)];
    const double fbest = cost ? st.min : st.max;
    const double fworst = cost ? st.max : st.min;
    if (fbest == fworst) continue;  // a criterion where all agree separates no one
    for (Eigen::Index i = 0; i < m; ++i) {
      const double d = in.weights[j] * (fbest - x(i, j)) / (fbest - fworst);
      s[i] += d;
      rr[i] = std::max(rr[i], d);
    }
  }
  const double s_best = s.minCoeff(), s_worst = s.maxCoeff(), r_best = rr.minCoeff(), r_worst = rr.maxCoeff();
  Eigen::VectorXd q(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    // A term whose units all agree (S- = S* or R- = R*) contributes 0, never NaN.
    const double qs = s_worst > s_best ? (s[i] - s_best) / (s_worst - s_best) : 0.0;
    const double qr = r_worst > r_best ? (rr[i] - r_best) / (r_worst - r_best) : 0.0;
    q[i] = v * qs + (1 - v) * qr;
  }
  out->score = q;
  out->share = (1.0 - q.array()).matrix();
  out->lower_is_better = true;
  out->normalization = "vikor";
  out->intermediates = {{"S", s}, {"R", rr}, {"Q", q}};
  std::vector<Eigen::Index> by_q(static_cast<std::size_t>(m));
  std::iota(by_q.begin(), by_q.end(), Eigen::Index{0});
  std::stable_sort(by_q.begin(), by_q.end(), [&](Eigen::Index a, Eigen::Index b) { return q[a] < q[b]; });
  const Eigen::Index first = by_q[0];
  if (m < 2) {
    out->compromise = {first};
    return;
  }
  const double dq = 1.0 / static_cast<double>(m - 1);
  out->acceptable_advantage = q[by_q[1]] - q[first] >= dq - 1e-12;
  out->acceptable_stability = s[first] <= s_best || rr[first] <= r_best;
  if (!out->acceptable_advantage) {
    for (Eigen::Index k : by_q)
      if (q[k] - q[first] < dq - 1e-12) out->compromise.push_back(k);
  } else if (!out->acceptable_stability) {
    out->compromise = {first, by_q[1]};
  } else {
    out->compromise = {first};
  }
}

}  // namespace staffeval::detail::mcda
