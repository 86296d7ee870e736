// AHP internals shared by its files (private): Perron vectors and priorities, completion of
// missing judgments, the core figures of a matrix and the revision search.
#pragma once

#include <limits>
#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "staffeval/weighting.h"

namespace staffeval::detail::ahp {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Judgments beyond [1 / kMaxJudgment, kMaxJudgment] are refused (see check_judgments()).
constexpr double kMaxJudgment = 1e9;

// The Perron root and vector (summing to 1) of a positive matrix (priorities.cc).
std::pair<double, Eigen::VectorXd> perron(const Eigen::MatrixXd& a);
// Priorities of a complete matrix by `m`; *lambda receives lambda_max (priorities.cc).
Eigen::VectorXd priorities(const Eigen::MatrixXd& a, PriorityMethod m, double* lambda);
// The matrix with its missing judgments (NaN) completed (completion.cc).
Eigen::MatrixXd complete(const Eigen::MatrixXd& given, Completion method);

// The core figures of a matrix (no diagnostics): completed matrix, weights, lambda, CI, CR
// (consistency.cc).
struct Core {
  Eigen::MatrixXd matrix;
  Eigen::VectorXd weights;
  double lambda = 0, ci = 0, ri = 0, cr = 0;
  std::string ri_source;
};
Core core(const Eigen::MatrixXd& given, const AhpOptions& o);

// Whether RI(n) of `table` is extrapolated (n beyond the table) rather than tabulated or
// interpolated: a warning for the report (random_index.cc).
bool random_index_extrapolated(std::size_t n, RandomIndexTable table);

// The bounded revision search documented at ahp() (revision.cc).
std::vector<RevisionStep> revise(const Eigen::MatrixXd& given, const AhpOptions& o);
// A judgment as text: fractions of the scale below 1 (`1/3`).
std::string judgment_text(double v);

}  // namespace staffeval::detail::ahp
