// Removal analysis (sensitivity.h): each indicator or group left out in turn.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <numeric>

#include <fmt/format.h>

#include "analyses/progress.h"
#include "analyses/subject.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/sensitivity.h"

namespace staffeval {

namespace {

// `removed[k]`: the edges that are 0 without the k-th removed node or criterion.
RemovalResult removal(const detail::Subject& subject, const std::vector<std::vector<int>>& removed_edges, RemovalResult r,
                      const RemovalOptions& o) {
  const std::size_t threads = detail::thread_count(o.threads);
  r.unit_ids = subject.unit_ids;
  r.unit_names = subject.unit_names;
  r.grade_names = subject.grade_names;
  r.nominal_score = subject.nominal.total;
  r.nominal_rank = subject.nominal.rank;
  r.nominal_grade = subject.nominal.grade;
  const std::size_t n = subject.size(), R = removed_edges.size();
  const auto N = static_cast<Eigen::Index>(n), RR = static_cast<Eigen::Index>(R);
  r.score.resize(N, RR);
  r.rank.resize(N, RR);
  r.grade.resize(N, RR);
  r.mean_abs_rank_shift = Eigen::VectorXd::Constant(RR, std::numeric_limits<double>::quiet_NaN());
  r.max_abs_rank_shift = r.mean_abs_rank_shift;
  r.grade_changes.assign(R, {});
  std::vector<detail::Subject::Scratch> scratch(threads, subject.scratch());
  detail::parallel_for_reporting(R, threads, o.progress, [&](std::size_t k, std::size_t t) {
    Eigen::VectorXd w = subject.weights;
    for (int e : removed_edges[k]) w[e] = 0;
    const detail::Outcome& res = subject.evaluate(w, scratch[t]);
    const auto K = static_cast<Eigen::Index>(k);
    double sum = 0, max = 0;
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto I = static_cast<Eigen::Index>(i);
      r.score(I, K) = res.total[I];
      r.rank(I, K) = res.rank[i];
      r.grade(I, K) = res.grade[i];
      if (res.rank[i] > 0 && r.nominal_rank[i] > 0) {
        const double d = std::abs(res.rank[i] - r.nominal_rank[i]);
        sum += d;
        max = std::max(max, d);
        ++count;
      }
      if (res.grade[i] != r.nominal_grade[i]) r.grade_changes[k].push_back(i);
    }
    if (count) {
      r.mean_abs_rank_shift[K] = sum / static_cast<double>(count);
      r.max_abs_rank_shift[K] = max;
    }
  });
  return r;
}

void check(const RemovalOptions& o) {
  if (o.threads < 0) throw OptionsError("RemovalOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
}

}  // namespace

RemovalResult removal(const Plan& plan, const Table& table, const RemovalOptions& o) {
  check(o);
  const detail::Subject subject(plan, table, o.scoring, o.threads);
  const IndicatorModel& model = plan.model();
  RemovalResult r;
  r.language = o.scoring.language.value_or(model_language(model));
  // Indicators first, then groups, each in model order; a node's removal zeroes its edges.
  std::vector<int> nodes;
  for (int leaf : plan.leaf_nodes()) nodes.push_back(leaf);
  if (o.groups)
    for (std::size_t k = 0; k < plan.node_ids().size(); ++k)
      if (plan.group_index(static_cast<int>(k)) >= 0) nodes.push_back(static_cast<int>(k));
  std::vector<std::vector<int>> removed_edges;
  for (int node : nodes) {
    const std::string& id = plan.node_ids()[static_cast<std::size_t>(node)];
    r.removed.push_back(id);
    const int at = model.find_node(id);
    r.removed_names.push_back(at >= 0 ? model.nodes[static_cast<std::size_t>(at)].name : std::string());
    removed_edges.emplace_back();
    for (std::size_t e = 0; e < plan.edges().size(); ++e)
      if (plan.edges()[e].child == node) removed_edges.back().push_back(static_cast<int>(e));
  }
  return removal(subject, removed_edges, std::move(r), o);
}

RemovalResult removal(const DecisionMatrix& matrix, const Eigen::VectorXd& weights, const MethodOptions& method,
                      const RemovalOptions& o) {
  check(o);
  const detail::Subject subject(matrix, weights, method);
  RemovalResult r;
  std::vector<std::vector<int>> removed_edges;
  for (std::size_t j = 0; j < matrix.criteria.size(); ++j) {
    r.removed.push_back(matrix.criteria[j]);
    r.removed_names.emplace_back();
    removed_edges.push_back({static_cast<int>(j)});
  }
  return removal(subject, removed_edges, std::move(r), o);
}

std::string RemovalResult::brief_report() const {
  const Language l = language;
  std::size_t worst = 0;
  for (std::size_t k = 1; k < removed.size(); ++k)
    if (mean_abs_rank_shift[static_cast<Eigen::Index>(k)] > mean_abs_rank_shift[static_cast<Eigen::Index>(worst)]) worst = k;
  if (removed.empty()) return detail::tr(l, "removal: nothing to remove", "逐项删除：没有可删除的项");
  if (grade_names.empty())
    return detail::trf(l, "removal of {} criteria in turn over {} units: leaving out {} moves ranks most (mean {:.2f}, at most {:g})",
                       "逐个删除 {} 个准则，{} 个单位：删除 {} 对排名影响最大（平均 {:.2f}，最多 {:g}）", removed.size(),
                       unit_ids.size(), removed[worst], mean_abs_rank_shift[static_cast<Eigen::Index>(worst)],
                       max_abs_rank_shift[static_cast<Eigen::Index>(worst)]);
  return detail::trf(l,
                     "removal of {} node(s) in turn over {} units: leaving out {} moves ranks most (mean {:.2f}, at most "
                     "{:g}) and changes {} grade(s)",
                     "逐个删除 {} 个节点，{} 个单位：删除 {} 对排名影响最大（平均 {:.2f}，最多 {:g}），改变 {} 个等级",
                     removed.size(), unit_ids.size(), removed[worst], mean_abs_rank_shift[static_cast<Eigen::Index>(worst)],
                     max_abs_rank_shift[static_cast<Eigen::Index>(worst)], grade_changes[worst].size());
}

std::string RemovalResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n\n";
  std::vector<std::size_t> order(removed.size());
  std::iota(order.begin(), order.end(), 0);
  auto shift = [&](std::size_t k) {
    const double v = mean_abs_rank_shift[static_cast<Eigen::Index>(k)];
    return std::isnan(v) ? -1.0 : v;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return shift(a) > shift(b); });
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k : order) {
    const auto K = static_cast<Eigen::Index>(k);
    std::string changed;
    for (std::size_t j = 0; j < grade_changes[k].size() && j < 5; ++j) {
      const std::size_t i = grade_changes[k][j];
      const auto grade_name = [&](int g) { return g >= 0 ? grade_names[static_cast<std::size_t>(g)] : std::string("-"); };
      changed += fmt::format("{}{} {}->{}", j ? tr(l, ", ", "，") : "", unit_ids[i], grade_name(nominal_grade[i]),
                             grade_name(grade(static_cast<Eigen::Index>(i), K)));
    }
    if (grade_changes[k].size() > 5)
      changed += detail::trf(l, ", ... ({} more)", "，……（另 {} 个）", grade_changes[k].size() - 5);
    rows.push_back({removed[k], removed_names[k],
                    std::isnan(mean_abs_rank_shift[K]) ? std::string("-") : fmt::format("{:.2f}", mean_abs_rank_shift[K]),
                    std::isnan(max_abs_rank_shift[K]) ? std::string("-") : fmt::format("{:g}", max_abs_rank_shift[K]),
                    fmt::format("{}", grade_changes[k].size()), changed});
  }
  if (grade_names.empty()) {  // a decision matrix: no names, no grades
    for (auto& row : rows) row = {row[0], row[2], row[3]};
    out += detail::text_table({tr(l, "removed", "删除项"), tr(l, "mean shift", "平均排名变动"), tr(l, "max shift", "最大排名变动")}, rows,
                              {false, true, true});
    return out;
  }
  out += detail::text_table({tr(l, "removed", "删除项"), tr(l, "name", "名称"), tr(l, "mean shift", "平均排名变动"),
                             tr(l, "max shift", "最大排名变动"), tr(l, "grades changed", "等级改变数"), tr(l, "units", "单位")},
                            rows, {false, false, true, true, true, false});
  return out;
}

}  // namespace staffeval
