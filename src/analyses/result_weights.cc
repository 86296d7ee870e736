// Objective weights of a model's leaves from an evaluation (its shares or raw values).
#include <fmt/format.h>

#include "staffeval/analyses.h"
#include "staffeval/scoring.h"
#include "staffeval/weighting.h"

namespace staffeval {

WeightResult objective_weights(const ScoringResult& result, const ObjectiveOptions& o) {
  const bool shares = o.basis == WeightBasis::kShares;
  if (shares ? result.kept == Kept::kTotals : result.kept != Kept::kFull)
    throw OptionsError(fmt::format("objective weights on the {} basis need an evaluation with detail {}", to_string(o.basis),
                                   shares ? "shares or full" : "full"));
  std::vector<Direction> dirs;
  for (int node : result.plan.leaf_nodes()) dirs.push_back(result.plan.model().nodes[static_cast<std::size_t>(node)].rule.direction);
  ObjectiveOptions with_language = o;
  with_language.language = o.language.value_or(result.language);  // the evaluation's, not that of the leaf ids
  return objective_weights(shares ? result.leaf_shares : result.leaf_values, result.plan.leaf_ids(), dirs, with_language,
                           [&result](std::size_t i) {
                             return fmt::format("unit \"{}\"", result.unit_ids.view(i));
                           });
}

}  // namespace staffeval
