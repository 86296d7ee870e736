// Validation of a model's hierarchy, weights, rules, grades and caps (Boost.Graph stays here).
#include <cmath>
#include <map>
#include <set>

#include <boost/graph/adjacency_list.hpp>
#include <boost/graph/depth_first_search.hpp>
#include <boost/graph/topological_sort.hpp>
#include <fmt/format.h>

#include "model/formula.h"
#include "model/hierarchy.h"
#include "model/weighting_spec.h"
#include "staffeval/model.h"

namespace staffeval {
namespace detail {

namespace {

using Graph = boost::adjacency_list<boost::vecS, boost::vecS, boost::directedS>;

// Records the first back edge's cycle: the path from its target down the DFS tree to its source.
struct CycleFinder : boost::default_dfs_visitor {
  std::vector<int>* cycle;
  std::vector<int>* parent_of;
  explicit CycleFinder(std::vector<int>* c, std::vector<int>* p) : cycle(c), parent_of(p) {}
  void tree_edge(Graph::edge_descriptor e, const Graph& g) const {
    (*parent_of)[boost::target(e, g)] = static_cast<int>(boost::source(e, g));
  }
  void back_edge(Graph::edge_descriptor e, const Graph& g) const {
    if (!cycle->empty()) return;
    const int from = static_cast<int>(boost::source(e, g));
    const int to = static_cast<int>(boost::target(e, g));
    std::vector<int> path{from};
    for (int v = from; v != to && v >= 0;) {
      v = (*parent_of)[v];
      path.push_back(v);
    }
    cycle->assign(path.rbegin(), path.rend());
  }
};

bool valid_id(const std::string& id) {
  if (id.empty()) return false;
  for (unsigned char c : id)
    if (!(std::isalnum(c) || c == '_' || c == '.' || c == '-')) return false;
  return true;
}

}  // namespace

Hierarchy build_hierarchy(const IndicatorModel& model, std::vector<Diagnostic>* diagnostics) {
  auto error = [&](const SourceLocation& loc, std::string field, std::string value,
                   std::string rule) {
    diagnostics->push_back({Severity::kError, loc, std::move(field), std::move(value), std::move(rule)});
  };
  const int n = static_cast<int>(model.nodes.size());
  Hierarchy h;
  h.children.resize(n);
  h.is_group.assign(n, false);
  std::map<std::string, int> index;
  for (int i = 0; i < n; ++i) {
    const Node& node = model.nodes[i];
    const std::string path = fmt::format("indicators({})", node.id);
    if (!valid_id(node.id)) {
      error(node.location, fmt::format("indicators[{}].id", i), fmt::format("\"{}\"", node.id),
            "must be non-empty ASCII letters, digits, '_', '.' or '-'");
    }
    auto [it, inserted] = index.emplace(node.id, i);
    if (!inserted) {
      error(node.location, path + ".id", node.id,
            fmt::format("duplicate id (first defined at line {}); to feed several parents, list "
                        "them once with `parents:`",
                        model.nodes[it->second].location.line));
    }
    h.is_group[i] = node.group;
  }
  Graph g(n);
  for (int i = 0; i < n; ++i) {
    const Node& node = model.nodes[i];
    std::set<std::string> seen;
    for (const ParentLink& link : node.parents) {
      const std::string path = fmt::format("indicators({})", node.id);
      if (!seen.insert(link.parent).second) {
        error(link.location, path + ".parents", link.parent, "parent listed twice");
        continue;
      }
      if (link.parent.empty()) {
        h.top.push_back(static_cast<int>(h.edges.size()));
        h.edges.push_back({-1, i, link.weight, &link});
        continue;
      }
      auto it = index.find(link.parent);
      if (it == index.end()) {
        error(link.location, path + ".parent", link.parent, "no indicator or group has this id");
        continue;
      }
      if (it->second == i) {
        error(link.location, path + ".parent", link.parent, "a node cannot be its own parent");
        continue;
      }
      const int p = it->second;
      h.children[p].push_back(static_cast<int>(h.edges.size()));
      h.edges.push_back({p, i, link.weight, &link});
      h.is_group[p] = true;
      boost::add_edge(p, i, g);
    }
  }
  std::vector<int> parent_of(n, -1);
  CycleFinder finder(&h.cycle, &parent_of);
  boost::depth_first_search(g, boost::visitor(finder));
  if (!h.cycle.empty()) {
    h.acyclic = false;
    std::string path;
    for (int v : h.cycle) path += model.nodes[v].id + " -> ";
    path += model.nodes[h.cycle.front()].id;
    error(model.nodes[h.cycle.front()].location,
          fmt::format("indicators({}).parent", model.nodes[h.cycle.front()].id), path,
          "the hierarchy has a cycle");
  } else {
    std::vector<Graph::vertex_descriptor> topo;
    boost::topological_sort(g, std::back_inserter(topo));  // children first
    for (auto v : topo) h.order.push_back(static_cast<int>(v));
  }
  if (h.acyclic && h.top.empty() && n > 0)
    error(model.where("indicators"), "indicators", "", "no top-level indicator (every node has a parent)");
  for (int i = 0; i < n; ++i) {
    const Node& node = model.nodes[i];
    const std::string path = fmt::format("indicators({})", node.id);
    if (h.is_group[i]) {
      if (h.children[i].empty())
        error(node.location, path + ".children", "[]", "a group needs at least one child");
      if (!node.value.empty())
        error(node.location, path + ".value", node.value, "a group has children and cannot have a value");
    } else if (node.value.empty()) {
      error(node.location, path + ".value", "", "is required for an indicator (or give children)");
    }
  }
  return h;
}

}  // namespace detail

namespace {

void check_rule(const IndicatorModel& model, const Node& node, double leaf_points, std::vector<Diagnostic>* out) {
  const Rule& r = node.rule;
  const std::string p = fmt::format("indicators({}).rule", node.id);
  auto error = [&](std::string field, double value, std::string rule) {
    const SourceLocation loc = model.where(p + "." + field);
    out->push_back({Severity::kError, loc.line ? loc : node.location, p + "." + field,
                    std::isnan(value) ? std::string() : fmt::format("{}", value), std::move(rule)});
  };
  auto need = [&](const char* field, double v) {
    if (std::isnan(v)) error(field, v, fmt::format("is required for a {} rule", to_string(r.kind)));
    return !std::isnan(v);
  };
  const double full = std::isnan(r.full) ? leaf_points : r.full;
  if (!std::isnan(r.full) && !(r.full > 0)) error("full", r.full, "must be > 0");
  if (r.range_low < 0 || r.range_low > 100) error("range[0]", r.range_low, "must be in [0, 100]");
  if (r.range_high < r.range_low || r.range_high > 100)
    error("range[1]", r.range_high, "must be in [range[0], 100]");
  switch (r.kind) {
    case RuleKind::kZScore:
      if (!(r.z_sd > 0)) error("sd", r.z_sd, "must be > 0");
      break;
    case RuleKind::kLinear:
      if (need("worst", r.worst) && need("best", r.best) && r.worst == r.best)
        error("best", r.best, "must differ from worst");
      break;
    case RuleKind::kTargetRange:
      if (need("low", r.low) && need("high", r.high)) {
        if (r.low > r.high) error("low", r.low, fmt::format("must be <= high ({})", r.high));
        if (!std::isnan(r.low_zero) && r.low_zero >= r.low)
          error("low_zero", r.low_zero, fmt::format("must be < low ({})", r.low));
        if (!std::isnan(r.high_zero) && r.high_zero < r.high)
          error("high_zero", r.high_zero, fmt::format("must be >= high ({})", r.high));
        if (!std::isnan(r.low_slope) && !(r.low_slope > 0)) error("below.deduct", r.low_slope, "must be > 0");
        if (!std::isnan(r.high_slope) && !(r.high_slope > 0)) error("above.deduct", r.high_slope, "must be > 0");
        if (std::isnan(r.low_zero) && std::isnan(r.low_slope))
          error("below", r.low_zero, "is required: {zero_at: x} or {deduct: d, per: p}");
        if (std::isnan(r.high_zero) && std::isnan(r.high_slope))
          error("above", r.high_zero, "is required: {zero_at: x} or {deduct: d, per: p}");
      }
      break;
    case RuleKind::kIdeal:
      need("ideal", r.ideal);
      if (!std::isnan(r.tolerance) && !(r.tolerance > 0)) error("tolerance", r.tolerance, "must be > 0");
      break;
    case RuleKind::kPiecewise:
    case RuleKind::kBands: {
      const char* key = r.kind == RuleKind::kBands ? "bands" : "breakpoints";
      if (r.breakpoints.size() < (r.kind == RuleKind::kBands ? 1u : 2u))
        error(key, Rule::kUnset, r.kind == RuleKind::kBands ? "needs at least one band"
                                                            : "needs at least two breakpoints");
      for (std::size_t i = 0; i < r.breakpoints.size(); ++i) {
        const auto [x, y] = r.breakpoints[i];
        if (i > 0 && !(x > r.breakpoints[i - 1].first))
          error(fmt::format("{}[{}][0]", key, i), x, "x must increase strictly");
        if (y < 0 || y > full + 1e-9)
          error(fmt::format("{}[{}][1]", key, i), y, fmt::format("marks must be in [0, {}]", full));
      }
      if (r.below < 0 || r.below > full + 1e-9) error("otherwise", r.below, fmt::format("must be in [0, {}]", full));
      break;
    }
    case RuleKind::kDeduction:
      if (!(r.per > 0)) error("per", r.per, "must be > 0");
      if (r.deduct < 0) error("deduct", r.deduct, "must be >= 0");
      if (r.floor < 0 || r.floor > full + 1e-9) error("floor", r.floor, fmt::format("must be in [0, {}]", full));
      break;
    case RuleKind::kChecklist:
      if (need("items", r.items) && !(r.items > 0)) error("items", r.items, "must be > 0");
      break;
    case RuleKind::kCompliance:
      if (r.no < 0 || r.no > full + 1e-9) error("no", r.no, fmt::format("must be in [0, {}]", full));
      break;
    case RuleKind::kSurvey:
      if (!(r.full_at > r.zero_at)) error("full_at", r.full_at, fmt::format("must be > zero_at ({})", r.zero_at));
      break;
    default:
      break;
  }
}

}  // namespace

std::vector<Diagnostic> validate(const IndicatorModel& model) {
  std::vector<Diagnostic> out;
  auto error = [&](const SourceLocation& loc, std::string field, std::string value, std::string rule) {
    out.push_back({Severity::kError, loc, std::move(field), std::move(value), std::move(rule)});
  };
  auto at = [&](const std::string& path) { return model.where(path); };
  if (model.id.empty()) error(at("id"), "id", "", "is required");
  if (model.nodes.empty()) error(at("indicators"), "indicators", "[]", "a model needs at least one indicator");
  if (!(model.total > 0)) error(at("total"), "total", fmt::format("{}", model.total), "must be > 0");
  if (const auto* mean = std::get_if<WeightedMean>(&model.scoring); mean && mean->aggregation == Aggregation::kPower && mean->power == 0)
    error(at("power"), "power", "0", "must be non-zero (use geometric for the limit p -> 0)");
  if (model.id_column.empty()) error(at("data.id"), "data.id", "\"\"", "must name the id column");

  detail::Hierarchy h = detail::build_hierarchy(model, &out);
  const bool points = model.weights == WeightMode::kPoints;
  const char* wkey = points ? "points" : "weight";
  for (const auto& e : h.edges) {
    if (!std::isfinite(e.weight) || e.weight < 0)
      error(e.link->weight_location, fmt::format("indicators({}).{}", model.nodes[e.child].id, wkey),
            fmt::format("{}", e.weight), "must be >= 0");
  }
  // Points must add up: a group's children to the group's points, the top level to `total`.
  auto sum_of = [&](const std::vector<int>& edges) {
    double s = 0;
    for (int e : edges) s += h.edges[e].weight;
    return s;
  };
  constexpr double kTol = 1e-6;
  auto check_group_weighting = [&](const WeightingSpec& spec, const std::string& owner, const std::vector<int>& edges) {
    std::vector<std::string> names;
    std::vector<bool> leaf;
    for (int e : edges) {
      const int child = h.edges[e].child;
      names.push_back(model.nodes[child].id);
      leaf.push_back(!h.is_group[child]);
    }
    for (auto& d : detail::check_weighting(model, spec, owner, names, leaf)) out.push_back(std::move(d));
  };
  for (std::size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    const auto* mean = std::get_if<WeightedMean>(&node.scoring);
    if (mean && mean->aggregation == Aggregation::kPower && mean->power == 0)
      error(at(fmt::format("indicators({}).power", node.id)), fmt::format("indicators({}).power", node.id), "0",
            "must be non-zero");
    if (!mean && !h.is_group[i])
      error(node.scoring_location, fmt::format("indicators({}).method", node.id),
            std::holds_alternative<FuzzyScoring>(node.scoring) ? std::string("fuzzy")
                                                               : std::string(to_string(std::get<MethodOptions>(node.scoring).method)),
            "an indicator has no children to evaluate (its `rule` scores it)");
    if (!node.weighting.empty() && !h.is_group[i])
      error(node.weighting.location, fmt::format("indicators({}).weighting", node.id), "",
            "an indicator has no children to weigh");
    if (!h.is_group[i] || h.children[i].empty()) continue;
    const double s = sum_of(h.children[i]);
    if (!node.weighting.empty()) {
      // The method sets the children's weights; points stay the group's own.
      check_group_weighting(node.weighting, fmt::format("indicators({}).weighting", node.id), h.children[i]);
      continue;
    }
    if (points) {
      if (node.parents.size() > 1) {
        error(node.location, fmt::format("indicators({}).parents", node.id), "",
              "in a points model only indicators, not groups, may have several parents");
        continue;
      }
      const double own = node.parents.empty() ? 0.0 : node.parents[0].weight;
      if (std::fabs(s - own) > kTol * std::max(1.0, own))
        error(node.location, fmt::format("indicators({}).children", node.id), fmt::format("{:g}", s),
              fmt::format("children's points must sum to the group's points ({:g})", own));
    } else if (!(s > 0)) {
      error(node.location, fmt::format("indicators({}).children", node.id), fmt::format("{:g}", s),
            "children's weights must not all be zero");
    }
  }
  if (!model.weighting.empty() && !h.top.empty()) check_group_weighting(model.weighting, "weighting", h.top);
  if (!h.top.empty() && model.weighting.empty()) {
    const double s = sum_of(h.top);
    const SourceLocation& first_top = model.nodes[h.edges[h.top.front()].child].location;
    if (points && std::fabs(s - model.total) > kTol * std::max(1.0, model.total))
      error(first_top, "indicators", fmt::format("{:g}", s),
            fmt::format("top-level points must sum to total ({:g})", model.total));
    if (!points && !(s > 0)) error(first_top, "indicators", "0", "top-level weights must not all be zero");
  }
  // Leaf points are needed for rule checks (marks cannot exceed full marks).
  std::vector<double> leaf_points(model.nodes.size(), 100.0);
  if (points)
    for (std::size_t i = 0; i < model.nodes.size(); ++i)
      if (model.nodes[i].parents.size() == 1) leaf_points[i] = model.nodes[i].parents[0].weight;
  for (std::size_t i = 0; i < model.nodes.size(); ++i)
    if (!h.is_group[i]) check_rule(model, model.nodes[i], leaf_points[i], &out);
  // Formulas are read now, without data: a syntax error is the model's, found by validate.
  for (std::size_t i = 0; i < model.nodes.size(); ++i) {
    const Node& node = model.nodes[i];
    if (h.is_group[i] || node.value.empty()) continue;
    bool column = false;
    for (const auto& f : model.fields) column = column || f.id == node.value || f.header == node.value;
    const detail::FormulaSyntax syntax = detail::parse_formula(node.value);
    if (!syntax.ok && !column)
      error(model.where(fmt::format("indicators({}).value", node.id)), fmt::format("indicators({}).value", node.id),
            fmt::format("\"{}\"", node.value),
            fmt::format("formula error at position {}: {} (a column whose header is no formula name is declared "
                        "under `fields:` with `header:`)",
                        syntax.position, syntax.message));
  }

  if (model.grades.empty()) error(at("grades"), "grades", "[]", "at least one grade band is needed");
  std::set<std::string> grade_names;
  for (std::size_t i = 0; i < model.grades.size(); ++i) {
    const auto& g = model.grades[i];
    const std::string gp = fmt::format("grades[{}]", i);
    if (g.name.empty()) error(at(gp + ".name"), gp + ".name", "\"\"", "is required");
    if (!grade_names.insert(g.name).second) error(at(gp + ".name"), gp + ".name", g.name, "duplicate grade name");
    if (i > 0 && !(g.min < model.grades[i - 1].min))
      error(at(gp + ".min"), gp + ".min", fmt::format("{:g}", g.min),
            fmt::format("must be below the previous band's min ({:g}); list the best grade first",
                        model.grades[i - 1].min));
  }
  // Every score gets a grade: scores can be as low as 0, so the lowest band must reach down to
  // it (otherwise whether a 15.5 is graded, and how, would be a guess).
  if (!model.grades.empty() && model.grades.back().min > 0) {
    const std::string gp = fmt::format("grades[{}].min", model.grades.size() - 1);
    error(at(gp), gp, fmt::format("{:g}", model.grades.back().min),
          fmt::format("the lowest band must start at 0 (scores can be as low as 0, and scores below {:g} would have "
                      "no grade); add a band such as {{name: 不合格, min: 0}}",
                      model.grades.back().min));
  }
  for (std::size_t i = 0; i < model.caps.size(); ++i) {
    const auto& c = model.caps[i];
    const std::string cp = fmt::format("caps[{}]", i);
    if (!grade_names.count(c.max_grade)) error(at(cp + ".max_grade"), cp + ".max_grade", c.max_grade, "is not a grade name");
    if (c.when.empty()) {
      error(at(cp + ".when"), cp + ".when", "\"\"", "is required");
      continue;
    }
    const detail::FormulaSyntax syntax = detail::parse_formula(c.when);
    if (!syntax.ok)
      error(at(cp + ".when"), cp + ".when", fmt::format("\"{}\"", c.when),
            fmt::format("formula error at position {}: {}", syntax.position, syntax.message));
  }
  std::set<std::string> field_ids;
  for (const auto& f : model.fields) {
    if (!field_ids.insert(f.id).second)
      error(f.location, "fields." + f.id, "", "duplicate field id");
    if (!std::isnan(f.min) && !std::isnan(f.max) && f.min > f.max)
      error(at("fields." + f.id + ".min"), "fields." + f.id + ".min", fmt::format("{:g}", f.min),
            fmt::format("must be <= max ({:g})", f.max));
    if (f.cost_minutes < 0)
      error(at("fields." + f.id + ".cost_minutes"), "fields." + f.id + ".cost_minutes", fmt::format("{:g}", f.cost_minutes),
            "must be >= 0");
  }
  if (!(model.coverage.min >= 0 && model.coverage.min <= 1))
    error(at("coverage.min"), "coverage.min", fmt::format("{:g}", model.coverage.min), "must be in [0, 1] (a share of the weight or of the indicators)");
  if (model.rounding.decimals < 0 || model.rounding.decimals > 12)
    error(at("rounding.decimals"), "rounding.decimals", fmt::format("{}", model.rounding.decimals), "must be in [0, 12]");
  return out;
}

}  // namespace staffeval
