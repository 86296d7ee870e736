// AHP priorities: the Perron eigenvector (balanced, log-space), row geometric means, normalised
// column averages.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/numeric.h"
#include "numerics/ahp/ahp_internal.h"

namespace staffeval {

namespace detail::ahp {

// The Perron root and vector (summing to 1) of a positive (or, for Harker's matrix,
// irreducible non-negative) matrix. Power iteration from the row geometric means converges
// fast for judgment matrices (the second eigenvalue is small); a general eigensolver takes over
// if it does not.
//
// A positive matrix is balanced first: B = D^-1 A D with D the row geometric means (taken in
// logs), so b_ij = a_ij g_j / g_i is near 1 for near-consistent judgments whatever their size.
// B has A's eigenvalues, and A's Perron vector is D times B's; a consistent matrix gives B of all
// ones and lambda = n exactly. Without balancing, judgments of 1e20 lose lambda_max to rounding.
std::pair<double, Eigen::VectorXd> perron_plain(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  double lambda = 0;
  for (int it = 0; it < 100000; ++it) {
    Eigen::VectorXd y = a * w;
    lambda = y.sum();
    y /= lambda;
    const double change = (y - w).cwiseAbs().maxCoeff();
    w = y;
    if (change < 1e-15) return {lambda, w};
  }
  Eigen::EigenSolver<Eigen::MatrixXd> es(a);
  Eigen::Index k = 0;
  es.eigenvalues().real().maxCoeff(&k);
  Eigen::VectorXd v = es.eigenvectors().col(k).real();
  v /= v.sum();
  return {es.eigenvalues()[k].real(), v};
}

// Weights exp(l_i) normalised to sum 1, computed without overflow.
Eigen::VectorXd normalised_exp(const Eigen::VectorXd& l) {
  const Eigen::VectorXd e = (l.array() - l.maxCoeff()).exp().matrix();
  return e / e.sum();
}

std::pair<double, Eigen::VectorXd> perron(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  if (!(a.array() > 0).all()) return perron_plain(a);
  Eigen::VectorXd lg(n);
  for (Eigen::Index i = 0; i < n; ++i) lg[i] = a.row(i).array().log().mean();
  Eigen::MatrixXd b(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) b(i, j) = std::exp(std::log(a(i, j)) + lg[j] - lg[i]);
  auto [lambda, v] = perron_plain(b);
  return {lambda, normalised_exp((v.array().log().matrix() + lg))};
}

// lambda_max >= n for every positive reciprocal matrix, with equality only when it is
// consistent (Saaty 1977); a value a rounding below n is n.
double at_least_n(double lambda, Eigen::Index n) { return std::max(lambda, static_cast<double>(n)); }

Eigen::VectorXd priorities(const Eigen::MatrixXd& a, PriorityMethod m, double* lambda) {
  const Eigen::Index n = a.rows();
  Eigen::VectorXd w(n);
  switch (m) {
    case PriorityMethod::kEigenvector: {
      auto [l, v] = perron(a);
      *lambda = at_least_n(l, n);
      return v;
    }
    case PriorityMethod::kGeometricMean: {
      Eigen::VectorXd lg(n);
      for (Eigen::Index i = 0; i < n; ++i) lg[i] = a.row(i).array().log().mean();
      w = normalised_exp(lg);
      break;
    }
    case PriorityMethod::kColumnAverage: {
      const Eigen::RowVectorXd col = a.colwise().sum();
      for (Eigen::Index i = 0; i < n; ++i) w[i] = (a.row(i).array() / col.array()).mean();
      w /= w.sum();
      break;
    }
  }
  // The usual estimate for the approximate methods: the mean of (A w)_i / w_i, each term
  // a_ij w_j / w_i formed in logs so that large judgments cannot overflow it.
  double sum = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) sum += std::exp(std::log(a(i, j)) + std::log(w[j]) - std::log(w[i]));
  *lambda = at_least_n(sum / static_cast<double>(n), n);
  return w;
}

}  // namespace detail::ahp

}  // namespace staffeval
