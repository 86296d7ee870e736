// Ranking units by score (private).
#pragma once

#include <vector>

#include <Eigen/Core>

#include "scoring/plan.h"

namespace staffeval::detail {

// Competition ranks ("1224") of `score`, best (highest) first, NaN scores rank 0: overall into
// `rank` and within each of `groups` classes (`group[i]`) into `group_rank`. Deterministic:
// equal scores keep input order. Buffers live in `ws`.
void rank_units(const Eigen::VectorXd& score, const std::vector<int>& group, int groups, Workspace* ws,
                std::vector<int>* rank, std::vector<int>* group_rank);

}  // namespace staffeval::detail
