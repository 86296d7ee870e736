// A model without some of its indicators, each group's weights re-derived by its own method
// (indicator_sets.h).
#include <algorithm>
#include <cmath>
#include <set>
#include <variant>

#include <fmt/format.h>

#include "analyses/full_marks.h"
#include "model/hierarchy.h"
#include "staffeval/indicator_sets.h"

namespace staffeval {

namespace {

// A group's AHP judgments or order of importance without the children at `gone` (positions in
// the group's order), `kept` children remaining; with one left, its weight is 1.
void prune_source(WeightingSpec::Source* source, const std::vector<std::size_t>& gone, std::size_t kept,
                  const std::set<std::string>& removed) {
  if (auto* ahp = std::get_if<AhpJudgments>(source)) {
    if (kept <= 1) {
      *source = WrittenWeights{};  // one child: weight 1 whatever the judgments said
      return;
    }
    for (auto& m : ahp->matrices) {
      std::vector<Eigen::Index> stay;
      for (Eigen::Index i = 0; i < m.rows(); ++i)
        if (std::find(gone.begin(), gone.end(), static_cast<std::size_t>(i)) == gone.end()) stay.push_back(i);
      Eigen::MatrixXd sub(static_cast<Eigen::Index>(stay.size()), static_cast<Eigen::Index>(stay.size()));
      for (std::size_t r = 0; r < stay.size(); ++r)
        for (std::size_t c = 0; c < stay.size(); ++c)
          sub(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = m(stay[r], stay[c]);
      m = std::move(sub);
    }
  } else if (auto* ro = std::get_if<RankOrderWeights>(source)) {
    ro->order.erase(std::remove_if(ro->order.begin(), ro->order.end(), [&](const std::string& id) { return removed.count(id) > 0; }),
                    ro->order.end());
    if (kept <= 1) *source = WrittenWeights{};
  }
}

}  // namespace

IndicatorModel without_indicators(const IndicatorModel& model, const std::vector<std::string>& ids) {
  std::set<std::string> removed;
  for (const auto& id : ids) {
    const int k = model.find_node(id);
    if (k < 0) throw OptionsError("without_indicators", id, fmt::format("is not an indicator of {}", model.id));
    if (model.nodes[static_cast<std::size_t>(k)].group)
      throw OptionsError("without_indicators", id, fmt::format("is a group of {}, not an indicator", model.id));
    removed.insert(id);
  }
  std::vector<Diagnostic> diags;
  const detail::Hierarchy h = detail::build_hierarchy(model, &diags);
  for (const auto& d : diags)
    if (d.severity == Severity::kError) throw ModelError(std::move(diags));
  const std::size_t n = model.nodes.size();
  const bool points = model.weights == WeightMode::kPoints;

  // A group goes when it keeps no child; children before parents.
  std::vector<char> gone(n, 0);
  for (int v : h.order) {
    const Node& node = model.nodes[static_cast<std::size_t>(v)];
    if (!h.is_group[static_cast<std::size_t>(v)]) {
      gone[static_cast<std::size_t>(v)] = removed.count(node.id) > 0;
      continue;
    }
    bool any = false;
    for (int e : h.children[static_cast<std::size_t>(v)]) any = any || !gone[static_cast<std::size_t>(h.edges[e].child)];
    gone[static_cast<std::size_t>(v)] = !any;
  }
  std::size_t top_kept = 0;
  for (int e : h.top) top_kept += !gone[static_cast<std::size_t>(h.edges[e].child)];
  if (top_kept == 0) throw OptionsError("without_indicators", fmt::format("{} indicators", removed.size()),
                                        fmt::format("would leave {} without any indicator", model.id));

  IndicatorModel out = model;
  // Points: each kept child scaled so that a group's children still add up to the group's
  // points (and the top level to the total), parents first; full marks made explicit, as they
  // would otherwise follow the new points.
  std::vector<double> factor(n, 1.0);  // of a group's children's points
  double top_factor = 1.0;
  auto scale_of = [&](const std::vector<int>& edges, double target) {
    double kept = 0;
    for (int e : edges)
      if (!gone[static_cast<std::size_t>(h.edges[e].child)]) kept += h.edges[e].weight;
    return kept > 0 ? target / kept : 1.0;
  };
  if (points) {
    top_factor = scale_of(h.top, model.total);
    std::vector<double> new_points(n, 0.0);
    for (auto it = h.order.rbegin(); it != h.order.rend(); ++it) {  // parents first
      const auto v = static_cast<std::size_t>(*it);
      if (gone[v]) continue;
      double p = 0;
      for (const auto& e : h.edges)
        if (e.child == static_cast<int>(v)) p += e.weight * (e.parent < 0 ? top_factor : factor[static_cast<std::size_t>(e.parent)]);
      new_points[v] = p;
      if (h.is_group[v]) factor[v] = scale_of(h.children[v], p);
    }
  }
  // Each group's (and the top level's) weighting without the removed children.
  auto prune_spec = [&](WeightingSpec* spec, const std::vector<int>& edges) {
    std::vector<std::size_t> positions;
    for (std::size_t k = 0; k < edges.size(); ++k)
      if (gone[static_cast<std::size_t>(h.edges[edges[k]].child)]) positions.push_back(k);
    if (positions.empty()) return;
    prune_source(&spec->source, positions, edges.size() - positions.size(), removed);
  };
  prune_spec(&out.weighting, h.top);
  for (std::size_t v = 0; v < n; ++v)
    if (h.is_group[v] && !gone[v]) prune_spec(&out.nodes[v].weighting, h.children[v]);

  std::vector<Node> nodes;
  for (std::size_t v = 0; v < n; ++v) {
    if (gone[v]) continue;
    Node node = out.nodes[v];
    detail::make_full_marks_explicit(node, model);
    node.parents.erase(std::remove_if(node.parents.begin(), node.parents.end(),
                                      [&](const ParentLink& link) {
                                        const int p = link.parent.empty() ? -1 : model.find_node(link.parent);
                                        return p >= 0 && gone[static_cast<std::size_t>(p)];
                                      }),
                       node.parents.end());
    if (points)
      for (auto& link : node.parents) {
        const int p = link.parent.empty() ? -1 : model.find_node(link.parent);
        link.weight *= p < 0 ? top_factor : factor[static_cast<std::size_t>(p)];
      }
    nodes.push_back(std::move(node));
  }
  out.nodes = std::move(nodes);
  out.id = model.id;
  return out;
}

}  // namespace staffeval
