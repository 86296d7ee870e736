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
  // Squared distances summed criterion by criterion, down the columns (the matrix is stored by
  // column): each unit's sum still runs over the criteria in order.
  Eigen::ArrayXd dp = Eigen::ArrayXd::Zero(m), dm = Eigen::ArrayXd::Zero(m);
  for (Eigen::Index j = 0; j < n; ++j) {
    dp += (v.col(j).array() - best[j]).square();
    dm += (v.col(j).array() - worst[j]).square();
  }
  dp = dp.sqrt();
  dm = dm.sqrt();
  // Ideal and anti-ideal coincide only when every unit is the same: all are ideal.
  out->score = (dp + dm > 0).select(dm / (dp + dm), 1.0).matrix();
  out->intermediates = {{"d_plus", dp.matrix()}, {"d_minus", dm.matrix()}};
}

}  // namespace staffeval::detail::mcda
