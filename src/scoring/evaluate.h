// One evaluation of a plan with given weights (private): evaluate() wraps it with the
// resolution of data-driven weights.
#pragma once

#include "staffeval/scoring.h"

namespace staffeval::detail {

// Everything evaluate() does except resolving weights from the data: the weights are
// options.edge_weights, or the plan's (written and fixed-method) weights.
// `spent`, when given, is the table's own value matrix, which the caller no longer needs: it is
// emptied as soon as the evaluation has read it for the last time (before ranking).
void evaluate_once(const Plan& plan, const Table& table, const ScoringOptions& options, ScoringResult* out,
                   Eigen::MatrixXd* spent = nullptr);

}  // namespace staffeval::detail
