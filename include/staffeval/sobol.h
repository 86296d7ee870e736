/// @file sobol.h
/// Variance-based sensitivity analysis: a scrambled Sobol' design and the first-order and total
/// Sobol' indices estimated from outputs on it. The estimators take outputs computed by anyone
/// (the model analyses, or a caller's own function on the design), so they can be checked on
/// functions whose indices are known.
#pragma once

#include <cstdint>
#include <string>

#include <Eigen/Core>

#include "staffeval/export.h"

namespace staffeval {

/// n base points of k uncertain inputs, each uniform on [0, 1): two independent halves A and B
/// (coordinates 1..k and k+1..2k of the first n points of a 2k-dimensional Sobol' sequence from
/// Boost.Random, its first point, all zeros, included so that 2^m points keep the balance of a
/// digital net), each coordinate scrambled by a random linear matrix and a
/// random digital shift drawn from `seed` (Matoušek 1998; as SciPy's default scrambling). Map a
/// column onto an input's range by its quantile function.
struct STAFFEVAL_EXPORT SobolDesign {
  Eigen::MatrixXd a;  ///< n x k.
  Eigen::MatrixXd b;  ///< n x k.
};

/// @throws OptionsError when n or k is 0, or 2k exceeds the dimensions of the direction-number
///         table (3667).
STAFFEVAL_EXPORT SobolDesign sobol_design(std::size_t n, std::size_t k, std::uint64_t seed);

/// A with column j replaced by B's (the radial points A_B^(j) of Saltelli 2010).
STAFFEVAL_EXPORT Eigen::MatrixXd sobol_radial(const SobolDesign& design, Eigen::Index j);

/// Options of sobol_indices().
struct STAFFEVAL_EXPORT SobolOptions {
  /// Bootstrap resamples (over the n base points) for the confidence intervals; 0 = none.
  int bootstrap = 1000;
  /// Coverage of the percentile intervals, in (0, 1).
  double confidence = 0.95;
  /// Seed of the resampling.
  std::uint64_t seed = 1;
};

/// Indices of each input j, with V the variance of f over A and B together (divisor 2n):
/// - `first`: Saltelli et al. (2010), S_j = mean(f(B) (f(A_B^j) - f(A))) / V;
/// - `first_jansen`: Jansen (1999), S_j = (V - mean((f(B) - f(A_B^j))^2) / 2) / V;
/// - `total`: Jansen (1999), the estimator Saltelli et al. (2010) recommend,
///   ST_j = mean((f(A) - f(A_B^j))^2) / 2 / V.
/// Percentile bootstrap intervals for each (NaN bounds without bootstrap). When f does not vary
/// (V = 0) there is no variance to apportion: `constant` is true and every index is NaN.
struct STAFFEVAL_EXPORT SobolIndices {
  Eigen::VectorXd first, first_jansen, total;
  Eigen::VectorXd first_low, first_high, first_jansen_low, first_jansen_high, total_low, total_high;
  double variance = 0;
  double mean = 0;
  std::size_t base_samples = 0;
  bool constant = false;
};

/// Indices from f(A) (n), f(B) (n) and f(A_B^j) (n x k, column j for input j).
/// @throws DataError when the shapes disagree or an output is not finite (naming it);
///         OptionsError for bootstrap < 0 or a confidence outside (0, 1).
STAFFEVAL_EXPORT SobolIndices sobol_indices(const Eigen::VectorXd& f_a, const Eigen::VectorXd& f_b,
                                            const Eigen::MatrixXd& f_ab, const SobolOptions& options = {});

}  // namespace staffeval
