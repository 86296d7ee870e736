// GRA, grey relational analysis: the weighted grey relational grade of each normalised row
// against the ideal sequence, with distinguishing coefficient rho (Deng 1982).
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void gra(const Input& in, Output* out) {
  const Eigen::MatrixXd r = normalized(in);
  const Eigen::Index m = r.rows(), n = r.cols();
  const double rho = in.options.rho;
  const Eigen::RowVectorXd ref = r.colwise().maxCoeff();
  Eigen::MatrixXd delta(m, n);
  for (Eigen::Index i = 0; i < m; ++i) delta.row(i) = (ref - r.row(i)).cwiseAbs();
  const double dmin = delta.minCoeff(), dmax = delta.maxCoeff();
  Eigen::MatrixXd xi(m, n);
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < n; ++j)
      xi(i, j) = dmax > 0 ? (dmin + rho * dmax) / (delta(i, j) + rho * dmax) : 1.0;
  out->score = xi * in.weights;
}

}  // namespace staffeval::detail::mcda
