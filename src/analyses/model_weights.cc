// Synthesis of a model's weights down its hierarchy, without data.
#include <cmath>

#include <fmt/format.h>

#include "common/language.h"
#include "common/text_table.h"
#include "common/numeric.h"
#include "model/hierarchy.h"
#include "staffeval/analyses.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

// Every warning of the groups' weightings, as `weights of G: ...` lines.
std::vector<std::string> weighting_warnings(const std::vector<GroupWeights>& groups) {
  std::vector<std::string> out;
  for (const auto& g : groups)
    for (const auto& msg : g.warnings)
      out.push_back(fmt::format("weights of {}: {}", g.group.empty() ? std::string("the top level") : g.group, msg));
  return out;
}

}  // namespace

ModelWeights model_weights(const IndicatorModel& model) {
  std::vector<Diagnostic> diags = validate(model);
  for (const auto& d : diags)
    if (d.severity == Severity::kError) throw ModelError(std::move(diags));
  std::vector<Diagnostic> repeated;
  const detail::Hierarchy h = detail::build_hierarchy(model, &repeated);
  const std::size_t n = model.nodes.size();
  Eigen::VectorXd w(static_cast<Eigen::Index>(h.edges.size()));
  for (std::size_t e = 0; e < h.edges.size(); ++e) w[static_cast<Eigen::Index>(e)] = h.edges[e].weight;
  ModelWeights out;
  // Fixed weightings replace the written weights of their group's edges.
  auto check = [&](const WeightingSpec& spec, const std::string& group) {
    if (spec.data_driven())
      throw OptionsError(fmt::format("the weights of {} come from the data ({}): evaluate the model with data and "
                                     "read its weightings",
                                     group.empty() ? std::string("the top level") : group,
                                     spec.objective() ? std::string(to_string(spec.objective()->method))
                                                      : spec.source_name()));
  };
  for (int v : h.order)
    if (h.is_group[v] && !model.nodes[v].weighting.empty()) check(model.nodes[v].weighting, model.nodes[v].id);
  if (!model.weighting.empty()) check(model.weighting, "");
  std::vector<Diagnostic> problems;
  out.groups = fixed_weightings(model, &problems);
  if (!problems.empty()) throw ModelError(std::move(problems));
  for (const GroupWeights& g : out.groups) {
    const int v = g.group.empty() ? -1 : model.find_node(g.group);
    const std::vector<int>& edges = v < 0 ? h.top : h.children[static_cast<std::size_t>(v)];
    for (std::size_t k = 0; k < edges.size(); ++k) w[edges[k]] = g.weights[static_cast<Eigen::Index>(k)];
  }
  out.warnings = weighting_warnings(out.groups);
  // Local weights (normalised within each parent) and global weights, parents first.
  // Weights whose sum overflows are normalised times a power of two (exact).
  auto scale_of = [&](const std::vector<int>& edges) {
    double s = 0, top = 0;
    for (int e : edges) {
      s += w[e];
      top = std::max(top, w[e]);
    }
    return std::isfinite(s) ? 1.0 : detail::pow2_scale(top);
  };
  auto sum_of = [&](const std::vector<int>& edges, double scale) {
    double s = 0;
    for (int e : edges) s += w[e] * scale;
    return s;
  };
  out.local = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  out.global = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  std::vector<bool> local_set(n, false);
  auto spread = [&](const std::vector<int>& edges, double parent_global) {
    const double scale = scale_of(edges);
    const double s = sum_of(edges, scale);
    for (int e : edges) {
      const int c = h.edges[e].child;
      const double local = s > 0 ? (w[e] * scale) / s : 0.0;
      if (!local_set[static_cast<std::size_t>(c)]) {
        out.local[c] = local;
        local_set[static_cast<std::size_t>(c)] = true;
      }
      out.global[c] += parent_global * local;
    }
  };
  spread(h.top, 1.0);
  for (auto it = h.order.rbegin(); it != h.order.rend(); ++it)
    if (h.is_group[*it]) spread(h.children[*it], out.global[*it]);
  out.points = out.global * (model.weights == WeightMode::kPoints ? model.total : 100.0);
  // Depth: 1 + the shallowest parent's depth.
  out.depth.assign(n, 0);
  for (auto it = h.order.rbegin(); it != h.order.rend(); ++it) {
    int d = 0;
    for (const auto& e : h.edges)
      if (e.child == *it) {
        const int pd = e.parent < 0 ? 1 : out.depth[static_cast<std::size_t>(e.parent)] + 1;
        d = d == 0 ? pd : std::min(d, pd);
      }
    out.depth[static_cast<std::size_t>(*it)] = d;
  }
  out.language = model_language(model);
  for (const auto& node : model.nodes) {
    out.node_ids.push_back(node.id);
    out.node_names.push_back(node.name);
  }
  out.is_group = h.is_group;
  return out;
}

ModelWeights model_weights(const ScoringResult& r) {
  const Plan& p = r.plan;
  const std::size_t n = p.node_ids().size();
  ModelWeights out;
  out.node_ids = p.node_ids();
  out.language = r.language;
  for (const auto& id : out.node_ids) {
    const int k = p.model().find_node(id);
    out.node_names.push_back(k < 0 ? std::string() : p.model().nodes[static_cast<std::size_t>(k)].name);
  }
  out.depth = p.node_depths();
  out.is_group.assign(n, false);
  for (int g : p.group_nodes()) out.is_group[static_cast<std::size_t>(g)] = true;
  const bool points = p.model().weights == WeightMode::kPoints;
  out.points = r.node_points.size() ? r.node_points : p.node_points();
  out.global = out.points / (points ? p.model().total : 100.0);
  out.local = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  std::vector<bool> set(n, false);
  auto local = [&](const PlanGroup& g) {
    double s = 0;
    for (int e : g.edges) s += r.edge_weights[e];
    for (std::size_t k = 0; k < g.children.size(); ++k) {
      const auto c = static_cast<std::size_t>(g.children[k]);
      if (set[c]) continue;
      out.local[static_cast<Eigen::Index>(c)] = s > 0 ? r.edge_weights[g.edges[k]] / s : 0.0;
      set[c] = true;
    }
  };
  local(p.top());
  for (auto it = p.groups().rbegin(); it != p.groups().rend(); ++it) local(*it);
  out.groups = r.weightings;
  out.warnings = weighting_warnings(out.groups);
  return out;
}

std::string ModelWeights::brief_report() const {
  double leaf_sum = 0;
  for (std::size_t i = 0; i < node_ids.size(); ++i)
    if (!is_group[i]) leaf_sum += global[static_cast<Eigen::Index>(i)];
  return detail::trf(language, "weights of {} nodes ({} groups weighted by methods); leaves' global weights sum to {:.6f}",
                     "{} 个节点的权重（{} 组由方法确定）；末级指标全局权重之和为 {:.6f}", node_ids.size(), groups.size(),
                     leaf_sum);
}

std::string ModelWeights::full_report() const {
  std::string out = brief_report() + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < node_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    rows.push_back({std::string(2 * static_cast<std::size_t>(std::max(0, depth[i] - 1)), ' ') + node_ids[i],
                    fmt::format("{:.4f}", local[I]), fmt::format("{:.4f}", global[I]), fmt::format("{:.2f}", points[I])});
  }
  const Language l = language;
  std::vector<std::string> head{detail::tr(l, "node", "指标"), detail::tr(l, "local", "局部权重"),
                                detail::tr(l, "global", "全局权重"), detail::tr(l, "points", "分值")};
  std::vector<bool> right{false, true, true, true};
  detail::insert_name_column(&head, &rows, &right, node_names, {}, 1, detail::tr(l, "name", "名称"));
  out += detail::text_table(head, rows, right);
  for (const auto& g : groups) {
    out += detail::trf(l, "\n{} by {}", "\n{} 由 {} 确定", g.group.empty() ? std::string(detail::tr(l, "top level", "一级指标")) : g.group,
                       g.method);
    if (!std::isnan(g.cr))
      out += detail::trf(l, ": CR {:.4f} ({})", "：CR {:.4f}（{}）", g.cr,
                         g.consistent ? detail::tr(l, "consistent", "一致性可接受") : detail::tr(l, "inconsistent", "不一致"));
  }
  if (!groups.empty()) out += "\n";
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
