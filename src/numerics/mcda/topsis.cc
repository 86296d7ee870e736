// TOPSIS: closeness D- / (D+ + D-) of the weighted normalised rows to the ideal and anti-ideal
// points (Hwang & Yoon 1981); with fixed points, each criterion is (x - anti) / (ideal - anti).
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void topsis(const Input& in, Output* out) {
  const Eigen::Index m = in.x.rows(), n = in.x.cols();
  const bool fixed = in.ideal.size() != 0;
  Eigen::MatrixXd r;
  Eigen::RowVectorXd best(n), worst(n);
  if (fixed) {
    r.resize(m, n);
    for (Eigen::Index j = 0; j < n; ++j) r.col(j) = (in.x.col(j).array() - in.anti_ideal[j]) / (in.ideal[j] - in.anti_ideal[j]);
    best = in.weights.transpose();
    worst.setZero();
    out->normalization = "fixed";
  } else {
    r = normalize(in.x, in.directions, in.normalization, in.unit_ids, in.criteria);
  }
  const Eigen::MatrixXd v = r * in.weights.asDiagonal();
  if (!fixed) {
    best = v.colwise().maxCoeff();
    worst = v.colwise().minCoeff();
  }
  Eigen::VectorXd dp(m), dm(m);
  out->score.resize(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    dp[i] = (v.row(i) - best).norm();
    dm[i] = (v.row(i) - worst).norm();
    // Ideal and anti-ideal coincide only when every unit is the same: all are ideal.
    out->score[i] = dp[i] + dm[i] > 0 ? dm[i] / (dp[i] + dm[i]) : 1.0;
  }
  out->intermediates = {{"d_plus", dp}, {"d_minus", dm}};
}

}  // namespace staffeval::detail::mcda
