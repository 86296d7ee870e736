// Ranking units by score: overall and within class, ties sharing the best rank.
#include "scoring/rank.h"

#include <algorithm>
#include <cstring>
#include <limits>

#include "common/large_buffer.h"
#include "common/score_order.h"
#include "scoring/kernels.h"

namespace staffeval::detail {

// Competition ranking ("1224"), best = highest score; NaN scores get rank 0. One sort
// (order_by_score, common/score_order.h) serves the overall and the in-class ranks: equal
// scores share a rank, and units are ordered by score and then input position, so the result
// is deterministic.
void rank_units(const Eigen::VectorXd& score, const std::vector<int>& group, int groups, Workspace* ws, std::vector<int>* rank, std::vector<int>* group_rank) {
  const std::size_t n = static_cast<std::size_t>(score.size());
  const double* sc = score.data();
  // The item buffers only grow: shrinking them would make the next evaluation zero them again.
  auto& items = ws->rank_items;
  const std::size_t m = order_by_score(sc, n, &items, &ws->rank_tmp);
  // Every scored unit is written below; only unscored ones need an explicit 0.
  resize_for_writing(rank, n);
  resize_for_writing(group_rank, n);
  int* rk = rank->data();
  if (m < n)
    for (std::size_t i = 0; i < n; ++i)
      if (sc[i] != sc[i]) rk[i] = (*group_rank)[i] = 0;
  const bool by_group = groups > 1;
  std::vector<int> seen(static_cast<std::size_t>(groups), 0);
  std::vector<double> last(static_cast<std::size_t>(groups), 0.0);
  std::vector<int> last_rank(static_cast<std::size_t>(groups), 0);
  int overall = 0;
  for (std::size_t q = 0; q < m; ++q) {
    const std::uint32_t pos = items[q].pos;
    if (q == 0 || sc[pos] != sc[items[q - 1].pos]) overall = static_cast<int>(q) + 1;
    rk[pos] = overall;
    if (!by_group) continue;
    const auto g = static_cast<std::size_t>(group[pos]);
    if (seen[g]++ == 0 || sc[pos] != last[g]) {
      last[g] = sc[pos];
      last_rank[g] = seen[g];
    }
    (*group_rank)[pos] = last_rank[g];
  }
  if (!by_group) std::copy_n(rk, n, group_rank->data());
}

}  // namespace staffeval::detail
