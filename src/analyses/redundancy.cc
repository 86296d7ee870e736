// Redundancy of a model's indicators (indicator_sets.h): correlations, Cronbach's alpha per
// group, PCA, indicators that barely discriminate, and each one's removal impact.
#include <algorithm>
#include <cmath>
#include <numeric>

#include <Eigen/Eigenvalues>
#include <fmt/format.h>

#include "analyses/rank_stats.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/indicator_sets.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double variance(const std::vector<double>& v) {
  const auto n = static_cast<double>(v.size());
  if (v.size() < 2) return kNaN;
  const double m = std::accumulate(v.begin(), v.end(), 0.0) / n;
  double s = 0;
  for (double x : v) s += (x - m) * (x - m);
  return s / (n - 1);
}

// Cronbach's alpha of the columns `items` of x (units with every item present).
double alpha_of(const std::vector<std::vector<double>>& items) {
  const std::size_t k = items.size();
  if (k < 2 || items[0].size() < 2) return kNaN;
  double sum_var = 0;
  std::vector<double> total(items[0].size(), 0.0);
  for (const auto& it : items) {
    sum_var += variance(it);
    for (std::size_t i = 0; i < it.size(); ++i) total[i] += it[i];
  }
  const double vt = variance(total);
  return vt > 0 ? static_cast<double>(k) / static_cast<double>(k - 1) * (1 - sum_var / vt) : kNaN;
}

}  // namespace

RedundancyResult redundancy(const Plan& plan, const Table& table, const RedundancyOptions& o) {
  if (!(o.threshold > 0 && o.threshold <= 1))
    throw OptionsError("RedundancyOptions::threshold", fmt::format("{}", o.threshold), "must be in (0, 1]");
  if (!(o.full_marks_share > 0 && o.full_marks_share <= 1))
    throw OptionsError("RedundancyOptions::full_marks_share", fmt::format("{}", o.full_marks_share), "must be in (0, 1]");
  if (!(o.near_constant_sd >= 0))
    throw OptionsError("RedundancyOptions::near_constant_sd", fmt::format("{}", o.near_constant_sd), "must be >= 0");
  if (o.threads < 0) throw OptionsError("RedundancyOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  ScoringOptions so = o.scoring;
  so.threads = o.threads;
  so.keep = Kept::kFull;
  const ScoringResult r = evaluate(plan, table, so);
  const IndicatorModel& model = plan.model();
  RedundancyResult out;
  out.language = r.language;
  out.threshold = o.threshold;
  out.indicators = plan.leaf_ids();
  for (const auto& id : out.indicators) out.names.push_back(model.nodes[static_cast<std::size_t>(model.find_node(id))].name);
  const auto L = static_cast<Eigen::Index>(out.indicators.size());
  const Eigen::MatrixXd& s = r.leaf_shares;  // units x leaves
  const Eigen::Index n = s.rows();
  out.pearson = Eigen::MatrixXd::Constant(L, L, kNaN);
  out.spearman = out.pearson;
  // A column without missing values is ranked once: its pairs with another such column are over
  // every unit. Pairs with missing values are ranked over the units both have.
  std::vector<std::vector<double>> column_ranks(static_cast<std::size_t>(L));
  for (Eigen::Index a = 0; a < L; ++a)
    if (!s.col(a).hasNaN()) column_ranks[static_cast<std::size_t>(a)] = detail::average_ranks(std::vector<double>(s.col(a).begin(), s.col(a).end()));
  for (Eigen::Index a = 0; a < L; ++a)
    for (Eigen::Index b = a; b < L; ++b) {
      std::vector<double> x, y;
      for (Eigen::Index i = 0; i < n; ++i)
        if (!std::isnan(s(i, a)) && !std::isnan(s(i, b))) {
          x.push_back(s(i, a));
          y.push_back(s(i, b));
        }
      out.pearson(a, b) = out.pearson(b, a) = detail::pearson(x, y);
      const auto& ra = column_ranks[static_cast<std::size_t>(a)];
      const auto& rb = column_ranks[static_cast<std::size_t>(b)];
      out.spearman(a, b) = out.spearman(b, a) = !ra.empty() && !rb.empty()
                                                    ? detail::pearson(ra, rb)
                                                    : detail::pearson(detail::average_ranks(x), detail::average_ranks(y));
      if (a == b) continue;
      const double p = out.pearson(a, b), q = out.spearman(a, b);
      if (std::fabs(p) >= o.threshold || std::fabs(q) >= o.threshold)
        out.flagged.push_back({static_cast<std::size_t>(a), static_cast<std::size_t>(b), p, q});
    }
  std::stable_sort(out.flagged.begin(), out.flagged.end(), [](const auto& x, const auto& y) {
    auto m = [](const RedundancyResult::Pair& p) {
      return std::max(std::isnan(p.pearson) ? 0.0 : std::fabs(p.pearson), std::isnan(p.spearman) ? 0.0 : std::fabs(p.spearman));
    };
    return m(x) > m(y);
  });
  // PCA of the correlation matrix (pairs without a correlation count as 0, the diagonal as 1).
  Eigen::MatrixXd c = out.pearson;
  for (Eigen::Index a = 0; a < L; ++a)
    for (Eigen::Index b = 0; b < L; ++b)
      if (std::isnan(c(a, b))) c(a, b) = a == b ? 1.0 : 0.0;
  Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> eig(c);
  Eigen::VectorXd ev = eig.eigenvalues().reverse().cwiseMax(0.0);
  out.explained = ev / ev.sum();
  // Per indicator: spread and full marks.
  out.sd = Eigen::VectorXd::Constant(L, kNaN);
  out.full_share = Eigen::VectorXd::Constant(L, kNaN);
  for (Eigen::Index j = 0; j < L; ++j) {
    std::vector<double> v;
    std::size_t full = 0;
    for (Eigen::Index i = 0; i < n; ++i)
      if (!std::isnan(s(i, j))) {
        v.push_back(s(i, j));
        full += s(i, j) >= 1.0 - 1e-12;
      }
    if (v.empty()) continue;
    out.sd[j] = std::sqrt(variance(v));
    out.full_share[j] = static_cast<double>(full) / static_cast<double>(v.size());
    if (!(out.sd[j] >= o.near_constant_sd) || out.full_share[j] >= o.full_marks_share) out.weak.push_back(static_cast<std::size_t>(j));
  }
  // Cronbach's alpha per group: its children's scores (0-100), units with all of them.
  auto child_scores = [&](int node, Eigen::Index i) {
    const int leaf = plan.leaf_index(node);
    return leaf >= 0 ? 100 * s(i, leaf) : r.group_scores(i, plan.group_index(node));
  };
  auto alpha_group = [&](const PlanGroup& g, const std::string& id) {
    if (g.children.size() < 2) return;
    RedundancyResult::GroupAlpha a;
    a.group = id;
    for (int child : g.children) a.items.push_back(plan.node_ids()[static_cast<std::size_t>(child)]);
    std::vector<std::vector<double>> items(g.children.size());
    for (Eigen::Index i = 0; i < n; ++i) {
      bool complete = true;
      for (int child : g.children) complete = complete && !std::isnan(child_scores(child, i));
      if (!complete) continue;
      ++a.units;
      for (std::size_t k = 0; k < g.children.size(); ++k) items[k].push_back(child_scores(g.children[k], i));
    }
    a.alpha = alpha_of(items);
    for (std::size_t k = 0; k < items.size(); ++k) {
      std::vector<std::vector<double>> rest = items;
      rest.erase(rest.begin() + static_cast<std::ptrdiff_t>(k));
      a.alpha_if_dropped.push_back(alpha_of(rest));
    }
    out.alphas.push_back(std::move(a));
  };
  alpha_group(plan.top(), "");
  for (const auto& g : plan.groups()) alpha_group(g, plan.node_ids()[static_cast<std::size_t>(g.node)]);
  if (o.removal) {
    RemovalOptions ro;
    ro.scoring = o.scoring;
    ro.threads = o.threads;
    ro.groups = false;
    out.removal = removal(plan, table, ro);
    out.has_removal = true;
  }
  return out;
}

namespace {
std::string num(double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.3f}", v); }
}  // namespace

std::string RedundancyResult::brief_report() const {
  const Language l = language;
  std::string pc;
  for (Eigen::Index k = 0; k < std::min<Eigen::Index>(3, explained.size()); ++k)
    pc += fmt::format("{}{:.0f}%", k ? detail::tr(l, ", ", "、") : "", 100 * explained[k]);
  return detail::trf(l,
                     "redundancy of {} indicators: {} pair(s) correlated at |r| >= {:g}, {} barely discriminate; the first "
                     "principal components explain {}",
                     "{} 个指标的冗余分析：{} 对指标相关 |r| >= {:g}，{} 个几乎没有区分度；前几个主成分解释 {}",
                     indicators.size(), flagged.size(), threshold, weak.size(), pc);
}

std::string RedundancyResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n";
  if (!flagged.empty()) {
    out += detail::trf(l, "\npairs correlated at |r| >= {:g} (Pearson or Spearman):\n", "\n相关系数 |r| >= {:g} 的指标对（Pearson 或 Spearman）：\n",
                       threshold);
    std::vector<std::vector<std::string>> rows;
    for (const auto& p : flagged) rows.push_back({indicators[p.a], indicators[p.b], num(p.pearson), num(p.spearman)});
    out += detail::text_table({tr(l, "indicator", "指标"), tr(l, "indicator", "指标"), "Pearson", "Spearman"}, rows,
                              {false, false, true, true});
  }
  out += tr(l, "\nindicators (share sd, share of units at full marks, removal impact):\n",
            "\n各指标（得分率标准差、满分单位占比、删除影响）：\n");
  std::vector<std::vector<std::string>> rows;
  for (std::size_t j = 0; j < indicators.size(); ++j) {
    const auto J = static_cast<Eigen::Index>(j);
    const bool w = std::find(weak.begin(), weak.end(), j) != weak.end();
    std::vector<std::string> row{indicators[j], names[j], num(sd[J]), fmt::format("{:.1f}%", 100 * full_share[J]),
                                 w ? tr(l, "weak", "弱") : ""};
    if (has_removal) {
      row.push_back(num(removal.mean_abs_rank_shift[J]));
      row.push_back(fmt::format("{}", removal.grade_changes[j].size()));
    }
    rows.push_back(std::move(row));
  }
  std::vector<std::string> head{tr(l, "indicator", "指标"), tr(l, "name", "名称"), tr(l, "sd", "标准差"),
                                tr(l, "at full marks", "满分占比"), tr(l, "discriminates", "区分度")};
  if (has_removal) {
    head.push_back(tr(l, "rank shift if removed", "删除后排名变动"));
    head.push_back(tr(l, "grades changed", "等级改变数"));
  }
  std::vector<bool> right(head.size(), true);
  right[0] = right[1] = right[4] = false;
  out += detail::text_table(head, rows, right);
  if (!alphas.empty()) {
    out += tr(l, "\nCronbach's alpha of each group's children (and with each left out):\n",
              "\n各分组下级指标的 Cronbach's alpha（及逐个删除后的值）：\n");
    std::vector<std::vector<std::string>> a;
    for (const auto& g : alphas) {
      std::string dropped;
      for (std::size_t k = 0; k < g.items.size(); ++k)
        dropped += fmt::format("{}{} {}", k ? tr(l, ", ", "，") : "", g.items[k], num(g.alpha_if_dropped[k]));
      a.push_back({g.group.empty() ? std::string(tr(l, "top", "顶层")) : g.group, fmt::format("{}", g.units), num(g.alpha), dropped});
    }
    out += detail::text_table({tr(l, "group", "分组"), tr(l, "units", "单位数"), "alpha", tr(l, "alpha without", "删除后 alpha")}, a,
                              {false, true, true, false});
  }
  out += tr(l, "\nprincipal components of the correlation matrix, share of variance:", "\n相关矩阵的主成分，方差贡献率：");
  for (Eigen::Index k = 0; k < explained.size(); ++k) out += fmt::format(" {:.1f}%", 100 * explained[k]);
  out += "\n";
  return out;
}

}  // namespace staffeval
