// Uncertain weights of a specification: resolving, drawing and placing them (uncertain_weights.h).
#include "analyses/uncertain_weights.h"

#include <algorithm>
#include <cmath>

#include <boost/math/special_functions/gamma.hpp>
#include <fmt/format.h>

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

}  // namespace staffeval::detail
