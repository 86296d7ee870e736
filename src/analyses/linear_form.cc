// The linear form of an evaluation and weight moves (linear_form.h).
#include "analyses/linear_form.h"

#include <algorithm>
#include <cmath>
#include <variant>

#include "common/language.h"

namespace staffeval::detail {

void leaf_globals(const Plan& plan, const double* w, double* out) {
  std::vector<double> global(plan.node_ids().size(), 0.0);
  auto spread = [&](const PlanGroup& g, double parent) {
    double sum = 0;
    for (int e : g.edges) sum += w[e];
    if (!(sum > 0)) return;
    for (std::size_t k = 0; k < g.children.size(); ++k)
      global[static_cast<std::size_t>(g.children[k])] += parent * w[g.edges[k]] / sum;
  };
  spread(plan.top(), 1.0);
  const auto& groups = plan.groups();
  for (auto it = groups.rbegin(); it != groups.rend(); ++it) spread(*it, global[static_cast<std::size_t>(it->node)]);
  const auto& leaves = plan.leaf_nodes();
  for (std::size_t j = 0; j < leaves.size(); ++j) out[j] = global[static_cast<std::size_t>(leaves[j])];
}

Linear linear_form(const Plan& plan, const Table& table, const ScoringOptions& base) {
  Linear lin;
  const IndicatorModel& model = plan.model();
  const Language l = base.language.value_or(model_language(model));
  auto arithmetic = [](const GroupScoring& g) {
    const auto* m = std::get_if<WeightedMean>(&g);
    return m && m->aggregation == Aggregation::kArithmetic;
  };
  if (!arithmetic(model.scoring)) {
    lin.why_not = tr(l, "the top level is not a weighted arithmetic mean", "顶层不是加权算术平均");
    return lin;
  }
  for (const auto& n : model.nodes)
    if (n.group && !arithmetic(n.scoring)) {
      lin.why_not = trf(l, "group {} is not a weighted arithmetic mean", "分组 {} 不是加权算术平均", n.id);
      return lin;
    }
  ScoringOptions o = base;
  o.keep = Kept::kShares;
  const ScoringResult r = evaluate(plan, table, o);
  if (r.rounding.scope == RoundingScope::kIndicator) {
    lin.why_not = tr(l, "indicators are rounded", "指标得分经过取整");
    return lin;
  }
  for (Eigen::Index i = 0; i < r.leaf_shares.rows(); ++i)
    if (!r.leaf_shares.row(i).allFinite()) {  // the unit's weights are renormalised over fewer leaves
      lin.why_not = trf(l, "unit {} lacks an indicator (its weights are renormalised)", "单位 {} 缺少某项指标（其权重重新归一）",
                        table.ids[static_cast<std::size_t>(i)]);
      return lin;
    }
  lin.shares = r.leaf_shares;
  lin.points_per_weight = model.weights == WeightMode::kPoints ? model.total : 100.0;
  lin.rounding = r.rounding;
  for (const auto& g : model.grades) lin.band_min.push_back(g.min);
  lin.cap_floor.assign(r.size(), -1);
  for (std::size_t i = 0; i < r.size(); ++i)
    for (int c : r.caps[i]) {
      const std::string& name = model.caps[static_cast<std::size_t>(c)].max_grade;
      for (std::size_t g = 0; g < model.grades.size(); ++g)
        if (model.grades[g].name == name) lin.cap_floor[i] = std::max(lin.cap_floor[i], static_cast<int>(g));
    }
  // The form must give the evaluation's own totals, or it is not used.
  Eigen::VectorXd g(static_cast<Eigen::Index>(plan.leaf_ids().size()));
  leaf_globals(plan, r.edge_weights.data(), g.data());
  const Eigen::VectorXd t = lin.shares * (g * lin.points_per_weight);
  for (Eigen::Index i = 0; i < t.size(); ++i) {
    const double v = lin.rounding.scope == RoundingScope::kTotal ? round_to(t[i], lin.rounding.decimals, lin.rounding.mode) : t[i];
    if (!(std::fabs(v - r.total[i]) <= 1e-9 * std::max(1.0, std::fabs(r.total[i])))) {
      lin.why_not = trf(l, "the leaves' points do not reproduce the total of unit {}", "各指标得分之和不等于单位 {} 的总分",
                        table.ids[static_cast<std::size_t>(i)]);
      return lin;
    }
  }
  lin.ok = true;
  return lin;
}

double Linear::finish(double total) const {
  return rounding.scope == RoundingScope::kTotal ? round_to(total, rounding.decimals, rounding.mode) : total;
}

int Linear::grade(std::size_t i, double t) const {
  int g = 0;
  while (g + 1 < static_cast<int>(band_min.size()) && t < band_min[static_cast<std::size_t>(g)]) ++g;
  return std::max(g, cap_floor[i]);
}

namespace {

// Tiles of kTileS samples x kTileU units summed in registers over the leaves; the order of
// operations is the scalar one (0 + a0 p0 + a1 p1 + ...), tiles only change which sums run side
// by side. Built twice, for AVX2 and for the baseline, chosen when the library loads; neither
// contracts a multiply and an add (AVX2 alone has no fused multiply-add), so both give the same
// doubles.
constexpr std::size_t kTileS = 4, kTileU = 8;

#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__) && !defined(__SANITIZE_ADDRESS__)
#define STAFFEVAL_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define STAFFEVAL_CLONES
#endif

STAFFEVAL_CLONES
void totals_kernel(const double* shares, std::size_t rows, const double* points, std::size_t S, std::size_t L,
                   std::size_t i0, std::size_t i1, std::size_t s0, std::size_t s1, bool by_sample, double* out,
                   std::size_t ld) {
  auto put = [&](std::size_t i, std::size_t s, double v) {
    if (by_sample) out[(s - s0) * ld + (i - i0)] = v;
    else out[(i - i0) * ld + (s - s0)] = v;
  };
  auto one = [&](std::size_t i, std::size_t s) {
    double acc = 0.0;
    for (std::size_t j = 0; j < L; ++j) acc += shares[j * rows + i] * points[j * S + s];
    put(i, s, acc);
  };
  std::size_t s = s0;
  for (; s + kTileS <= s1; s += kTileS) {
    std::size_t i = i0;
    for (; i + kTileU <= i1; i += kTileU) {
      double acc[kTileS][kTileU] = {};
      for (std::size_t j = 0; j < L; ++j) {
        const double* a = shares + j * rows + i;
        const double* p = points + j * S + s;
        for (std::size_t k = 0; k < kTileS; ++k)
          for (std::size_t u = 0; u < kTileU; ++u) acc[k][u] += a[u] * p[k];
      }
      for (std::size_t k = 0; k < kTileS; ++k)
        for (std::size_t u = 0; u < kTileU; ++u) put(i + u, s + k, acc[k][u]);
    }
    for (; i < i1; ++i)
      for (std::size_t k = 0; k < kTileS; ++k) one(i, s + k);
  }
  for (; s < s1; ++s)
    for (std::size_t i = i0; i < i1; ++i) one(i, s);
}

}  // namespace

void linear_totals(const Eigen::MatrixXd& shares, const RowMatrix& points, std::size_t i0, std::size_t i1,
                   std::size_t s0, std::size_t s1, bool by_sample, double* out, std::size_t ld) {
  totals_kernel(shares.data(), static_cast<std::size_t>(shares.rows()), points.data(), static_cast<std::size_t>(points.cols()),
                static_cast<std::size_t>(points.rows()), i0, i1, s0, s1, by_sample, out, ld);
}

std::vector<const PlanGroup*> group_of_edges(const Plan& plan) {
  std::vector<const PlanGroup*> group_of(plan.edges().size(), nullptr);
  for (int e : plan.top().edges) group_of[static_cast<std::size_t>(e)] = &plan.top();
  for (const auto& g : plan.groups())
    for (int e : g.edges) group_of[static_cast<std::size_t>(e)] = &g;
  return group_of;
}

Eigen::VectorXd moved_weights(const PlanGroup& g, const Eigen::VectorXd& w0, int e, double change, Rescale rescale,
                              bool* valid) {
  double sum = 0;
  for (int x : g.edges) sum += w0[x];
  Eigen::VectorXd w = w0;
  bool ok = sum > 0;
  if (ok && g.edges.size() > 1) {  // a lone child's share is 1 whatever its weight
    const double old_share = w0[e] / sum;
    const double new_share = old_share * (1 + change);
    const double others = 1 - old_share;
    const auto m = static_cast<double>(g.edges.size() - 1);
    if (new_share > 1 + 1e-12) ok = false;
    for (int x : g.edges) {
      const double share = w0[x] / sum;
      double v;
      if (x == e) v = new_share;
      else if (rescale == Rescale::kProportional) v = others > 0 ? share * (1 - new_share) / others : (1 - new_share) / m;
      else v = share - (new_share - old_share) / m;
      if (v < -1e-12) ok = false;
      w[x] = (v < 0 && v >= -1e-12 ? 0.0 : v) * sum;  // a rounding error, not a negative weight
    }
  }
  if (valid) *valid = ok;
  return w;
}

std::pair<double, double> change_range(const PlanGroup& g, const Eigen::VectorXd& w0, int e, Rescale rescale) {
  double sum = 0;
  for (int x : g.edges) sum += w0[x];
  if (!(sum > 0) || g.edges.size() < 2 || !(w0[e] > 0)) return {0.0, 0.0};
  const double p = w0[e] / sum;
  double high = (1 - p) / p;  // the moved share reaches 1
  if (rescale == Rescale::kEqual) {
    const auto m = static_cast<double>(g.edges.size() - 1);
    for (int x : g.edges)
      if (x != e) high = std::min(high, m * (w0[x] / sum) / p);  // another weight reaches 0
  }
  return {-1.0, high};
}

}  // namespace staffeval::detail
