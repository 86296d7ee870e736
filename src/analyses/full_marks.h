// Full marks made explicit on an indicator of a points model (private to analyses/): unset, they
// are the indicator's written points (summed over its groups), which a new weight would
// otherwise replace. Flattening and pruning give indicators new points and keep their marks.
#pragma once

#include <cmath>

#include "staffeval/model.h"

namespace staffeval::detail {

inline void make_full_marks_explicit(Node& leaf, const IndicatorModel& model) {
  if (model.weights != WeightMode::kPoints || leaf.group || !std::isnan(leaf.rule.full) || leaf.parents.empty()) return;
  double own = 0;
  for (const auto& link : leaf.parents) own += link.weight;
  leaf.rule.full = own;
}

}  // namespace staffeval::detail
