// The groups whose weights a specification makes uncertain, and how one sample's weights are
// drawn (Monte Carlo) or placed from given uniforms (Sobol'). Internal.
#pragma once

#include <vector>

#include <Eigen/Core>

#include "common/random.h"
#include "staffeval/sensitivity.h"

namespace staffeval::detail {

/// The edges of one uncertain group and how they move.
struct Target {
  std::vector<int> edges;
  WeightUncertainty u;
};

/// The specification's groups in the plan. @throws ModelError for a group the plan does not have.
std::vector<Target> resolve(const Plan& plan, const UncertaintySpec& spec);

/// One sample's weights of one group into `row` (edge-indexed), keeping the group's nominal sum.
/// Zero nominal weights stay zero under the Dirichlet and percent draws.
void draw(const Target& t, const Eigen::VectorXd& nominal, Random& r, double* row);

/// The same from one uniform u in [0, 1) per edge of the group (a design's coordinates), each
/// mapped by the quantile function of its draw: percent w (1 + p (2u - 1)); uniform simplex and
/// Dirichlet through Gamma(1) and Gamma(c w) quantiles, then normalised.
void place(const Target& t, const Eigen::VectorXd& nominal, const double* u, double* row);

/// A group weighted by AHP whose judgments move.
struct JudgmentTarget {
  std::vector<int> edges;
  std::vector<std::string> children;  ///< Child ids, in the judgments' order.
  const AhpJudgments* ahp = nullptr;
  JudgmentUncertainty u;
};

/// The specification's judgment groups in the plan. @throws ModelError for a group the plan does
/// not have or that is not weighted by AHP there.
std::vector<JudgmentTarget> resolve_judgments(const Plan& plan, const UncertaintySpec& spec);

/// One sample's weights of a judgment group into `row`, keeping the group's nominal sum: the
/// judgments moved (and experts resampled), then their AHP weights. `consistent` says whether
/// the moved judgments pass the consistency test.
void move_judgments(const JudgmentTarget& t, const Eigen::VectorXd& nominal, Random& r, double* row, bool* consistent);

/// The method parameters a decision matrix's uncertainty moves, each with its range.
/// @throws OptionsError for a parameter the method does not read, or a range outside the
///         parameter's own (or empty).
using MethodRange = std::pair<double MethodOptions::*, MatrixUncertainty::Range>;
std::vector<MethodRange> method_ranges(const MethodOptions& method, const MatrixUncertainty& u);

}  // namespace staffeval::detail
