// Weights of a group's children from a weighting method: the checks of a model's `weighting`
// entries and the fixed (judgment- or order-based) part of the weights (private).
#pragma once

#include <limits>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/model.h"

namespace staffeval::detail {

// The weights a spec fixes before any data is seen: AHP (one matrix or a panel), rank order, or
// the written weights when `spec.method` is empty or objective. `written` holds the children's
// written weights (points or relative). Also the AHP figures for reports.
struct FixedWeights {
  Eigen::VectorXd weights;  // sum to 1
  std::string method;       // "ahp", "ahp panel (aij)", "rank_order (roc)", "written"
  double cr = std::numeric_limits<double>::quiet_NaN();
  bool consistent = true;
  std::string report;  // brief report of the method
  std::vector<std::string> warnings;
  AhpResult ahp;       // the (combined) AHP result when method is AHP
};

// Throws DataError / OptionsError for a matrix or option the AHP code rejects. The revision
// search of an inconsistent matrix runs only with `suggest_revision` (to say how to fix a model
// that fails to load), never while scoring.
FixedWeights fixed_weights(const WeightingSpec& spec, const std::vector<std::string>& children,
                           const Eigen::VectorXd& written, const std::string& file, bool suggest_revision = false);

// The record of fixed weights for a result: group id ("" = the top level) and child ids.
GroupWeights group_weights(const FixedWeights& f, const std::string& group, const std::vector<std::string>& children);

// Every warning of the groups' weightings, as `weights of G: ...` lines.
std::vector<std::string> weighting_warnings(const std::vector<GroupWeights>& groups);

// Every problem of one `weighting` entry; `owner` is the field path of the group
// (`indicators(P1).weighting` or `weighting`).
std::vector<Diagnostic> check_weighting(const IndicatorModel& model, const WeightingSpec& spec,
                                        const std::string& owner, const std::vector<std::string>& children,
                                        const std::vector<bool>& child_is_leaf, const Eigen::VectorXd& written);

}  // namespace staffeval::detail
