// VIKOR: group utility S, individual regret R and their compromise Q (Opricovic & Tzeng 2004);
// lower Q is better. Also the compromise solution and its two conditions.
#include <algorithm>

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
  // Units in order of Q, ties by position (the order a stable sort by Q gives): only the best,
  // the runner-up and the units within DQ of the best are needed, not every unit sorted.
  auto before = [&q](Eigen::Index a, Eigen::Index b) { return q[a] < q[b] || (q[a] == q[b] && a < b); };
  Eigen::Index first = 0;
  for (Eigen::Index i = 1; i < m; ++i)
    if (before(i, first)) first = i;
  if (m < 2) {
    out->compromise = {first};
    return;
  }
  Eigen::Index second = first == 0 ? 1 : 0;
  for (Eigen::Index i = 0; i < m; ++i)
    if (i != first && before(i, second)) second = i;
  const double dq = 1.0 / static_cast<double>(m - 1);
  out->acceptable_advantage = q[second] - q[first] >= dq - 1e-12;
  out->acceptable_stability = s[first] <= s_best || rr[first] <= r_best;
  if (!out->acceptable_advantage) {
    for (Eigen::Index k = 0; k < m; ++k)
      if (q[k] - q[first] < dq - 1e-12) out->compromise.push_back(k);
    std::sort(out->compromise.begin(), out->compromise.end(), before);
  } else if (!out->acceptable_stability) {
    out->compromise = {first, second};
  } else {
    out->compromise = {first};
  }
}

}  // namespace staffeval::detail::mcda
