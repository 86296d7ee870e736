// Obstacle degrees (障碍度): which indicators hold each unit's score back most.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <fmt/format.h>

#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/analyses.h"
#include "staffeval/methods.h"
#include "staffeval/scoring.h"

namespace staffeval {

ObstacleResult obstacle_degrees(const ScoringResult& r) {
  if (r.kept == Kept::kTotals)
    throw OptionsError("obstacle degrees need each indicator's share: evaluate with detail shares or full");
  const Plan& p = r.plan;
  ObstacleResult o;
  o.unit_ids = r.unit_ids;
  o.language = r.language;
  if (detail::any_named(r.unit_names)) o.unit_names = r.unit_names;
  o.indicators = p.leaf_ids();
  for (int leaf_node : p.leaf_nodes()) {
    const Node& node = p.model().nodes[static_cast<std::size_t>(leaf_node)];
    o.indicator_names.push_back(node.name.empty() ? node.name_en : node.name);
  }
  o.score = r.total;
  o.rank = r.rank;
  const auto units = static_cast<Eigen::Index>(r.size());
  const auto leaves = static_cast<Eigen::Index>(p.leaf_nodes().size());
  const Eigen::VectorXd& points = r.node_points.size() ? r.node_points : p.node_points();
  o.degree.resize(units, leaves);
  o.lost_points.resize(units, leaves);
  for (Eigen::Index i = 0; i < units; ++i) {
    double total = 0;
    for (Eigen::Index j = 0; j < leaves; ++j) {
      const double share = r.leaf_shares(i, j);
      const double lost = std::isnan(share) ? std::numeric_limits<double>::quiet_NaN()
                                            : points[p.leaf_nodes()[static_cast<std::size_t>(j)]] * (1 - share);
      o.lost_points(i, j) = lost;
      if (!std::isnan(lost)) total += lost;
    }
    for (Eigen::Index j = 0; j < leaves; ++j) {
      const double lost = o.lost_points(i, j);
      o.degree(i, j) = std::isnan(lost) ? lost : (total > 0 ? lost / total : 0.0);
    }
  }
  return o;
}

ObstacleResult ObstacleResult::only(std::size_t unit) const {
  if (unit >= unit_ids.size())
    throw OptionsError("ObstacleResult::only", fmt::format("{}", unit), fmt::format("must be < {} (the units)", unit_ids.size()));
  const auto u = static_cast<Eigen::Index>(unit);
  ObstacleResult o;
  o.unit_ids = {unit_ids[unit]};
  o.language = language;
  if (!unit_names.empty()) o.unit_names = {unit_names[unit]};
  o.indicators = indicators;
  o.indicator_names = indicator_names;
  o.score = Eigen::VectorXd::Constant(1, score[u]);
  o.rank = {rank[unit]};
  o.degree = degree.row(u);
  o.lost_points = lost_points.row(u);
  return o;
}

std::vector<std::size_t> ObstacleResult::top(std::size_t unit, std::size_t k) const {
  std::vector<std::size_t> idx;
  const auto u = static_cast<Eigen::Index>(unit);
  for (std::size_t j = 0; j < indicators.size(); ++j) {
    const double d = degree(u, static_cast<Eigen::Index>(j));
    if (!std::isnan(d) && d > 0) idx.push_back(j);
  }
  std::stable_sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
    return degree(u, static_cast<Eigen::Index>(a)) > degree(u, static_cast<Eigen::Index>(b));
  });
  if (idx.size() > k) idx.resize(k);
  return idx;
}

std::string ObstacleResult::brief_report() const {
  // The indicator most often the first obstacle.
  std::vector<int> first(indicators.size(), 0);
  for (std::size_t i = 0; i < unit_ids.size(); ++i) {
    const auto t = top(i, 1);
    if (!t.empty()) ++first[t[0]];
  }
  const auto most = static_cast<std::size_t>(std::max_element(first.begin(), first.end()) - first.begin());
  return detail::trf(language, "obstacle degrees of {} indicators for {} units; most often the first obstacle: {} ({} units)",
                     "{1} 个单位在 {0} 项指标上的障碍度；最常见的首要障碍：{2}（{3} 个单位）", indicators.size(),
                     unit_ids.size(), indicators.empty() ? "-" : indicators[most], indicators.empty() ? 0 : first[most]);
}

std::string ObstacleResult::full_report(std::size_t k) const {
  std::string out = brief_report() + "\n\n";
  const std::vector<std::size_t> order = detail::order_by_rank(rank);
  const Language l = language;
  std::vector<std::string> head{detail::tr(l, "rank", "排名"), detail::tr(l, "id", "代码"), detail::tr(l, "score", "总分")};
  for (std::size_t q = 0; q < k; ++q) head.push_back(detail::trf(l, "obstacle {}", "障碍 {}", q + 1));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i : order) {
    const auto I = static_cast<Eigen::Index>(i);
    std::vector<std::string> row{rank[i] ? std::to_string(rank[i]) : "-", unit_ids[i],
                                 std::isnan(score[I]) ? "-" : fmt::format("{:.2f}", score[I])};
    for (std::size_t j : top(i, k)) {
      const std::string label = indicator_names[j].empty() ? indicators[j] : indicators[j] + " " + indicator_names[j];
      row.push_back(fmt::format("{} {:.1f}%", label, 100 * degree(I, static_cast<Eigen::Index>(j))));
    }
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), false);
  right[0] = right[2] = true;
  detail::insert_name_column(&head, &rows, &right, unit_names, order, 2, detail::tr(l, "name", "名称"));
  out += detail::text_table(head, rows, right);
  return out;
}

}  // namespace staffeval
