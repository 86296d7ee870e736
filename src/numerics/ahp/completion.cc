// Completion of missing judgments: logarithmic least squares, Harker (1987), minimum lambda_max.
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

// Completion of the missing judgments (NaN) of a checked matrix.
Eigen::MatrixXd complete(const Eigen::MatrixXd& given, Completion method) {
  const Eigen::Index n = given.rows();
  Eigen::MatrixXd a = given;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> blanks;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (std::isnan(a(i, j))) blanks.emplace_back(i, j);
  if (blanks.empty()) return a;
  auto fill_from = [&](const Eigen::VectorXd& w) {
    for (auto [i, j] : blanks) {
      a(i, j) = w[i] / w[j];
      a(j, i) = w[j] / w[i];
    }
  };
  // LLSM: the Laplacian system of the known comparisons, with sum(ln w) = 0 added (the graph is
  // connected, so L + J is non-singular).
  auto llsm = [&]() {
    Eigen::MatrixXd lap = Eigen::MatrixXd::Ones(n, n);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) {
        if (i == j || std::isnan(given(i, j))) continue;
        lap(i, i) += 1;
        lap(i, j) -= 1;
        b[i] += std::log(given(i, j));
      }
    const Eigen::VectorXd v = lap.partialPivLu().solve(b);
    return Eigen::VectorXd(v.array().exp());
  };
  switch (method) {
    case Completion::kLlsm:
      fill_from(llsm());
      break;
    case Completion::kHarker: {
      Eigen::MatrixXd b = given;
      for (Eigen::Index i = 0; i < n; ++i) {
        int blank = 0;
        for (Eigen::Index j = 0; j < n; ++j)
          if (std::isnan(b(i, j))) {
            b(i, j) = 0;
            ++blank;
          }
        b(i, i) = 1 + blank;
      }
      fill_from(perron(b).second);
      break;
    }
    case Completion::kLambdaMin: {
      // lambda_max is a convex function of the logs of the missing judgments (Bozóki, Fülöp &
      // Rónyai 2010): cyclic coordinate descent, each coordinate by golden-section search.
      fill_from(llsm());
      auto lambda_at = [&](Eigen::Index i, Eigen::Index j, double t) {
        a(i, j) = std::exp(t);
        a(j, i) = std::exp(-t);
        return perron(a).first;
      };
      const double phi = (std::sqrt(5.0) - 1) / 2;
      for (int cycle = 0; cycle < 1000; ++cycle) {
        double moved = 0;
        for (auto [i, j] : blanks) {
          const double t0 = std::log(a(i, j));
          double lo = t0 - 10, hi = t0 + 10;
          double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
          double f1 = lambda_at(i, j, x1), f2 = lambda_at(i, j, x2);
          while (hi - lo > 1e-12) {
            if (f1 < f2) {
              hi = x2;
              x2 = x1;
              f2 = f1;
              x1 = hi - phi * (hi - lo);
              f1 = lambda_at(i, j, x1);
            } else {
              lo = x1;
              x1 = x2;
              f1 = f2;
              x2 = lo + phi * (hi - lo);
              f2 = lambda_at(i, j, x2);
            }
          }
          const double t = (lo + hi) / 2;
          lambda_at(i, j, t);
          moved = std::max(moved, std::fabs(t - t0));
        }
        if (moved < 1e-10) break;
      }
      break;
    }
  }
  return a;
}

}  // namespace detail::ahp

}  // namespace staffeval
