// Uncertain weights of a specification: resolving, drawing and placing them (uncertain_weights.h).
#include "analyses/uncertain_weights.h"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>
#include <fmt/format.h>

#include "staffeval/weighting.h"

namespace staffeval::detail {

std::vector<Target> resolve(const Plan& plan, const UncertaintySpec& spec) {
  std::vector<Target> targets;
  std::vector<Diagnostic> problems;
  for (const auto& u : spec.weights) {
    const PlanGroup* g = nullptr;
    if (u.group.empty()) {
      g = &plan.top();
    } else {
      const auto& ids = plan.node_ids();
      const auto it = std::find(ids.begin(), ids.end(), u.group);
      const int node = it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
      for (const auto& pg : plan.groups())
        if (pg.node == node && node >= 0) g = &pg;
    }
    if (!g) {
      problems.push_back({Severity::kError, u.location, "weights.group", u.group,
                          fmt::format("is not a group of the model the plan was compiled from ({})", plan.model().id)});
      continue;
    }
    targets.push_back({g->edges, u});
  }
  if (!problems.empty()) throw ModelError(std::move(problems));
  return targets;
}

// One sample's weights of one group, keeping the group's nominal sum. Zero nominal weights stay
// zero under the Dirichlet and percent draws (a Dirichlet cannot centre on them).
void draw(const Target& t, const Eigen::VectorXd& nominal, Random& r, double* row) {
  double sum = 0;
  for (int e : t.edges) sum += nominal[e];
  std::vector<double> v(t.edges.size());
  double total = 0;
  for (std::size_t k = 0; k < t.edges.size(); ++k) {
    const double w = sum > 0 ? nominal[t.edges[k]] / sum : 0;
    switch (t.u.draw) {
      case WeightDraw::kDirichlet: v[k] = w > 0 ? r.gamma(t.u.concentration * w) : 0.0; break;
      case WeightDraw::kUniform: v[k] = -std::log(r.open_uniform()); break;
      case WeightDraw::kPercent: v[k] = w * (1 + t.u.percent / 100 * (2 * r.uniform() - 1)); break;
    }
    total += v[k];
  }
  const double scale = sum > 0 ? sum : 1.0;
  for (std::size_t k = 0; k < t.edges.size(); ++k)
    row[t.edges[k]] = total > 0 ? v[k] / total * scale : nominal[t.edges[k]];
}

std::vector<JudgmentTarget> resolve_judgments(const Plan& plan, const UncertaintySpec& spec) {
  std::vector<JudgmentTarget> targets;
  std::vector<Diagnostic> problems;
  const IndicatorModel& model = plan.model();
  for (const auto& u : spec.judgments) {
    const PlanGroup* g = nullptr;
    const WeightingSpec* w = nullptr;
    if (u.group.empty()) {
      g = &plan.top();
      w = &model.weighting;
    } else {
      const auto& ids = plan.node_ids();
      const auto it = std::find(ids.begin(), ids.end(), u.group);
      const int node = it == ids.end() ? -1 : static_cast<int>(it - ids.begin());
      for (const auto& pg : plan.groups())
        if (pg.node == node && node >= 0) g = &pg;
      const int m = model.find_node(u.group);
      if (m >= 0) w = &model.nodes[static_cast<std::size_t>(m)].weighting;
    }
    const auto* ahp = w ? std::get_if<AhpJudgments>(&w->source) : nullptr;
    if (!g || !ahp) {
      problems.push_back({Severity::kError, u.location, "judgments.group", u.group.empty() ? "top" : u.group,
                          fmt::format("is not a group weighted by AHP in the model the plan was compiled from ({})", model.id)});
      continue;
    }
    JudgmentTarget t;
    t.edges = g->edges;
    for (int c : g->children) t.children.push_back(plan.node_ids()[static_cast<std::size_t>(c)]);
    t.ahp = ahp;
    t.u = u;
    targets.push_back(std::move(t));
  }
  if (!problems.empty()) throw ModelError(std::move(problems));
  return targets;
}

void move_judgments(const JudgmentTarget& t, const Eigen::VectorXd& nominal, Random& r, double* row, bool* consistent) {
  // Saaty's scale, 1/9 ... 1 ... 9: a judgment steps to the neighbour of its nearest point.
  static const std::vector<double> scale = [] {
    std::vector<double> s;
    for (int k = 9; k >= 2; --k) s.push_back(1.0 / k);
    for (int k = 1; k <= 9; ++k) s.push_back(k);
    return s;
  }();
  const std::size_t experts = t.ahp->matrices.size();
  std::vector<JudgmentMatrix> ms;
  std::vector<double> expert_weights;
  for (std::size_t k = 0; k < experts; ++k) {
    const std::size_t e = t.u.bootstrap ? static_cast<std::size_t>(r.below(experts)) : k;
    JudgmentMatrix m;
    m.file = fmt::format("expert {}", e + 1);
    m.names = t.children;
    m.values = t.ahp->matrices[e];
    if (t.u.move > 0)
      for (Eigen::Index i = 0; i < m.values.rows(); ++i)
        for (Eigen::Index j = i + 1; j < m.values.cols(); ++j) {
          const double v = m.values(i, j);
          if (!std::isfinite(v) || !(r.uniform() < t.u.move)) continue;
          std::size_t at = 0;
          for (std::size_t q = 1; q < scale.size(); ++q)
            if (std::fabs(std::log(scale[q] / v)) < std::fabs(std::log(scale[at] / v))) at = q;
          const bool up = r.uniform() < 0.5;
          at = up ? std::min(at + 1, scale.size() - 1) : (at == 0 ? 0 : at - 1);
          m.values(i, j) = scale[at];
          m.values(j, i) = 1 / scale[at];
        }
    ms.push_back(std::move(m));
    if (!t.ahp->expert_weights.empty()) expert_weights.push_back(t.ahp->expert_weights[e]);
  }
  AhpOptions options = t.ahp->options;
  options.suggest_revision = false;
  Eigen::VectorXd w;
  if (ms.size() == 1) {
    const AhpResult a = ahp(ms[0], options);
    w = a.weights;
    *consistent = a.consistent;
  } else {
    PanelOptions p;
    p.ahp = options;
    p.aggregation = t.ahp->aggregation;
    p.aip_mean = t.ahp->aip_mean;
    p.expert_weights = expert_weights;
    const PanelResult panel = ahp_panel(ms, p);
    w = panel.combined.weights;
    *consistent = panel.consistent();
  }
  double sum = 0;
  for (int e : t.edges) sum += nominal[e];
  for (std::size_t k = 0; k < t.edges.size(); ++k) row[t.edges[k]] = w[static_cast<Eigen::Index>(k)] * sum;
}

void place(const Target& t, const Eigen::VectorXd& nominal, const double* u, double* row) {
  double sum = 0;
  for (int e : t.edges) sum += nominal[e];
  std::vector<double> v(t.edges.size());
  double total = 0;
  for (std::size_t k = 0; k < t.edges.size(); ++k) {
    const double w = sum > 0 ? nominal[t.edges[k]] / sum : 0;
    const double x = std::min(u[k], 1 - 1e-16);  // a quantile at 1 would be infinite
    switch (t.u.draw) {
      case WeightDraw::kDirichlet: v[k] = w > 0 ? boost::math::gamma_p_inv(t.u.concentration * w, x) : 0.0; break;
      case WeightDraw::kUniform: v[k] = -std::log1p(-x); break;
      case WeightDraw::kPercent: v[k] = w * (1 + t.u.percent / 100 * (2 * x - 1)); break;
    }
    total += v[k];
  }
  const double scale = sum > 0 ? sum : 1.0;
  for (std::size_t k = 0; k < t.edges.size(); ++k)
    row[t.edges[k]] = total > 0 ? v[k] / total * scale : nominal[t.edges[k]];
}

std::vector<MethodRange> method_ranges(const MethodOptions& method, const MatrixUncertainty& u) {
  std::vector<MethodRange> ranges;
  const auto params = method_parameters(method.method);
  for (const auto& range : u.parameters) {
    const MethodParameter* p = nullptr;
    for (const auto& q : params)
      if (q.name == range.parameter) p = &q;
    if (!p)
      throw OptionsError("MatrixUncertainty::parameters", range.parameter,
                         fmt::format("is not a parameter of {}, which would ignore it", to_string(method.method)));
    const bool low_ok = p->low_open ? range.low > p->low : range.low >= p->low;
    if (!(low_ok && range.high <= p->high && range.low < range.high))
      throw OptionsError("MatrixUncertainty::parameters", fmt::format("{} in [{}, {}]", range.parameter, range.low, range.high),
                         fmt::format("needs low < high within {}{}, {}]", p->low_open ? "(" : "[", p->low, p->high));
    ranges.emplace_back(p->field, range);
  }
  return ranges;
}

}  // namespace staffeval::detail
