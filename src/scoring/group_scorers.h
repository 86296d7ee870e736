// Group scorers (private): how a group that is not a weighted mean of its children is scored
// over the whole cohort. The scoring layer's second extension point (the first is
// weight_sources.h): a new way to score a group is a GroupScoring alternative in the model, a
// class here and a case in make_group_scorer(); evaluate() calls only this interface.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/model.h"
#include "staffeval/scoring.h"

namespace staffeval::detail {

class GroupScorer {
 public:
  virtual ~GroupScorer() = default;
  // Scores the units compared (rows of `x`: their children's shares, each on [0, 1]) with the
  // children's weights: a 0-100 score per row into `scores`, and the record's method,
  // normalisation, parameters and warnings.
  virtual void score(const Eigen::MatrixXd& x, const SharedStrings& unit_ids,
                     const std::vector<std::string>& child_ids, const Eigen::VectorXd& weights,
                     Eigen::VectorXd* scores, GroupEvaluation* record) const = 0;
};

// The scorer of a group's spec; null for a weighted mean, which evaluate() computes unit by unit
// inside its blocks.
std::shared_ptr<const GroupScorer> make_group_scorer(const GroupScoring& spec);

}  // namespace staffeval::detail
