// The checks of a model's `weighting` entries (private). Checks of structure and references
// only: the judgments themselves are weighed, and their consistency checked, when the plan is
// compiled.
#pragma once

#include <string>
#include <vector>

#include "staffeval/model.h"

namespace staffeval::detail {

// Every problem of one `weighting` entry; `owner` is the field path of the group
// (`indicators(P1).weighting` or `weighting`).
std::vector<Diagnostic> check_weighting(const IndicatorModel& model, const WeightingSpec& spec,
                                        const std::string& owner, const std::vector<std::string>& children,
                                        const std::vector<bool>& child_is_leaf);

}  // namespace staffeval::detail
