// Compiling a model against a table: formulas bound to columns, weights to edges, data checked.
#include <algorithm>
#include <cmath>
#include <deque>
#include <limits>
#include <map>

#include <fmt/format.h>
#include <muParser.h>

#include "common/numeric.h"
#include "model/formula.h"
#include "scoring/plan.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace detail {

// Resolves a formula's variables to table columns. A variable is a field id (mapped through the
// field's `header` when it has one) or a column header.
std::vector<Diagnostic> bind_formula(const IndicatorModel& model, const Table& table,
                                     const SourceLocation& loc, const std::string& field,
                                     Formula* f) {
  std::vector<Diagnostic> out;
  const FormulaSyntax syntax = parse_formula(f->text);
  if (!syntax.ok) {
    out.push_back({Severity::kError, loc, field, fmt::format("\"{}\"", f->text),
                   fmt::format("formula error at position {}: {}", syntax.position, syntax.message)});
    return out;
  }
  f->variables = syntax.variables;
  f->columns.clear();
  for (const auto& v : f->variables) {
    std::string header = v;
    const int fi = model.find_field(v);
    if (fi >= 0 && !model.fields[fi].header.empty()) header = model.fields[fi].header;
    const int c = table.column_index(header);
    if (c < 0) {
      out.push_back({Severity::kError, loc, field, fmt::format("\"{}\"", f->text),
                     fmt::format("unknown column \"{}\" (not in {})", header, table.file)});
    }
    f->columns.push_back(c);
  }
  return out;
}

void evaluate_formula(const Formula& f, const Eigen::MatrixXd& values, double* out) {
  const auto n = static_cast<int>(values.rows());
  if (n == 0) return;
  mu::Parser p;
  configure_parser(&p);
  // Debian's muparser runs bulk evaluations on OpenMP threads, which then spin for a while
  // after each call: on small cohorts, evaluated again and again (reduce, sensitivity), that
  // spinning takes the other core from the work. Below kBulkFrom rows, row by row.
  constexpr int kBulkFrom = 4096;
  if (n < kBulkFrom) {
    std::vector<double> row(f.variables.size());
    for (std::size_t k = 0; k < f.variables.size(); ++k) p.DefineVar(f.variables[k], &row[k]);
    p.SetExpr(f.text);
    for (int i = 0; i < n; ++i) {
      for (std::size_t k = 0; k < row.size(); ++k) row[k] = values(i, f.columns[k]);
      out[i] = p.Eval();
    }
    return;
  }
  // Bulk mode reads variable k of row i at pointer[k] + i: column-major storage fits directly.
  for (std::size_t k = 0; k < f.variables.size(); ++k)
    p.DefineVar(f.variables[k], const_cast<double*>(values.col(f.columns[k]).data()));
  p.SetExpr(f.text);
  p.Eval(out, n);
}

std::size_t formula_values(const LeafPlan& leaf, const Table& table, double* out, std::size_t* nonfinite,
                           std::size_t* first_nonfinite) {
  const std::size_t n = table.size();
  const Formula& f = leaf.formula;
  // muparser propagates NaN through arithmetic but not through every function (max and min
  // drop it, comparisons turn it into 0), so missing inputs are decided here, per unit, before
  // the formula's value is looked at.
  std::vector<char> input_missing(n, 0);
  bool any_missing = false;
  for (int c : f.columns) {
    const double* col = table.values.col(c).data();
    for (std::size_t i = 0; i < n; ++i)
      if (std::isnan(col[i])) input_missing[i] = 1, any_missing = true;
  }
  if (any_missing && leaf.missing_inputs == MissingInputs::kZero) {
    Eigen::MatrixXd zeroed(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(f.columns.size()));
    Formula g = f;
    for (std::size_t k = 0; k < f.columns.size(); ++k) {
      zeroed.col(static_cast<Eigen::Index>(k)) = table.values.col(f.columns[k]).unaryExpr([](double v) { return std::isnan(v) ? 0.0 : v; });
      g.columns[k] = static_cast<int>(k);
    }
    evaluate_formula(g, zeroed, out);
    std::fill(input_missing.begin(), input_missing.end(), 0);
  } else {
    evaluate_formula(f, table.values, out);
  }
  std::size_t missing = 0;
  *nonfinite = 0;
  *first_nonfinite = 0;
  for (std::size_t i = 0; i < n; ++i) {
    if (input_missing[i]) {
      out[i] = std::numeric_limits<double>::quiet_NaN();
      ++missing;
    } else if (!(std::fabs(out[i]) <= kMaxMagnitude)) {  // not finite, or beyond the data range
      if ((*nonfinite)++ == 0) *first_nonfinite = i;
      out[i] = std::numeric_limits<double>::quiet_NaN();
      ++missing;
    }
  }
  return missing;
}

Eigen::VectorXd global_weights(const PlanImpl& plan, const Eigen::VectorXd& w) {
  Eigen::VectorXd g = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(plan.node_ids.size()));
  auto spread = [&](const GroupPlan& grp, double parent_weight) {
    double sum = 0, top = 0;
    for (int e : grp.edges) {
      sum += w[e];
      top = std::max(top, w[e]);
    }
    // Weights whose sum overflows are normalised times a power of two (exact).
    const double scale = std::isfinite(sum) ? 1.0 : pow2_scale(top);
    if (scale != 1.0) {
      sum = 0;
      for (int e : grp.edges) sum += w[e] * scale;
    }
    if (!(sum > 0)) return;
    for (std::size_t k = 0; k < grp.children.size(); ++k)
      g[grp.children[k]] += parent_weight * (w[grp.edges[k]] * scale) / sum;
  };
  spread(plan.root, 1.0);
  // Parents before children: walk the children-first order backwards.
  for (auto it = plan.groups.rbegin(); it != plan.groups.rend(); ++it) spread(*it, g[it->node]);
  return g;
}

}  // namespace detail

namespace {

using detail::PlanImpl;

void throw_if_errors(std::vector<Diagnostic> diagnostics, bool data) {
  for (const auto& d : diagnostics)
    if (d.severity == Severity::kError) {
      if (data) throw DataError(std::move(diagnostics));
      throw ModelError(std::move(diagnostics));
    }
}

// Built field by field: brace-initialising a Diagnostic trips GCC 12's -Wmaybe-uninitialized.
Diagnostic row_diagnostic(Severity severity, const Table& table, std::size_t unit, std::string field,
                          std::string value, std::string rule) {
  Diagnostic d;
  d.severity = severity;
  d.location.file = table.file;
  d.location.line = static_cast<int>(table.rows[unit]);
  d.field = std::move(field);
  d.value = std::move(value);
  d.rule = std::move(rule);
  return d;
}

// Data problems that stop scoring: rows that could not be read, bad cells in used columns,
// values outside a field's bounds.
std::vector<Diagnostic> data_problems(const PlanImpl& plan, const Table& table) {
  std::vector<bool> used(table.columns.size(), false);
  for (const auto& leaf : plan.leaves) {
    if (leaf.column >= 0) used[leaf.column] = true;
    for (int c : leaf.formula.columns)
      if (c >= 0) used[c] = true;
  }
  for (const auto& cap : plan.caps)
    for (int c : cap.condition.columns)
      if (c >= 0) used[c] = true;
  std::vector<Diagnostic> out;
  for (const TableProblem& p : table.problems)
    if (p.column < 0 || used[p.column]) out.push_back(p);
  for (const auto& b : plan.bounds) {
    const Field& f = plan.model.fields[b.field];
    const auto col = table.values.col(b.column);
    for (Eigen::Index i = 0; i < col.size(); ++i) {
      const double v = col[i];
      const bool low = !std::isnan(f.min) && v < f.min;
      const bool high = !std::isnan(f.max) && v > f.max;
      if (!low && !high) continue;
      out.push_back(row_diagnostic(
          Severity::kError, table, static_cast<std::size_t>(i),
          fmt::format("unit \"{}\", column \"{}\"", table.ids.view(i), table.columns[b.column]),
          fmt::format("{}", v),
          low ? fmt::format("must be >= {} (fields.{}.min in {})", f.min, f.id, plan.model.file)
              : fmt::format("must be <= {} (fields.{}.max in {})", f.max, f.id, plan.model.file)));
    }
  }
  return out;
}

// Builds the plan; model and binding diagnostics go to `model_diags`/`data_diags`.
std::shared_ptr<PlanImpl> build(const IndicatorModel& model, const Table& table,
                                std::vector<Diagnostic>* model_diags,
                                std::vector<Diagnostic>* data_diags) {
  auto plan = std::make_shared<PlanImpl>();
  plan->model = model;
  plan->table_columns = table.columns;
  const IndicatorModel& m = plan->model;
  // validate() reports the hierarchy's problems along with the rest; the graph itself is rebuilt
  // here for its edges and order, its (identical) findings discarded.
  *model_diags = validate(m);
  for (const auto& d : *model_diags)
    if (d.severity == Severity::kError) return plan;
  std::vector<Diagnostic> repeated;
  detail::Hierarchy h = detail::build_hierarchy(m, &repeated);

  const int n = static_cast<int>(m.nodes.size());
  plan->node_leaf.assign(n, -1);
  for (int i = 0; i < n; ++i) plan->node_ids.push_back(m.nodes[i].id);
  plan->edges = h.edges;
  plan->edge_weights.resize(static_cast<Eigen::Index>(h.edges.size()));
  for (std::size_t e = 0; e < h.edges.size(); ++e) plan->edge_weights[e] = h.edges[e].weight;
  auto set_scoring = [](const GroupScoring& spec, detail::GroupPlan* g) {
    if (const auto* mean = std::get_if<WeightedMean>(&spec)) {
      g->aggregation = mean->aggregation;
      g->power = mean->power;
    }
    g->scorer = detail::make_group_scorer(spec);
  };
  set_scoring(m.scoring, &plan->root);
  for (int e : h.top) {
    plan->root.children.push_back(h.edges[e].child);
    plan->root.edges.push_back(e);
  }
  for (int v : h.order) {
    if (!h.is_group[v]) continue;
    detail::GroupPlan g;
    g.node = v;
    set_scoring(m.nodes[v].scoring, &g);
    for (int e : h.children[v]) {
      g.children.push_back(h.edges[e].child);
      g.edges.push_back(e);
    }
    plan->groups.push_back(std::move(g));
  }
  plan->node_group.assign(n, -1);
  for (std::size_t g = 0; g < plan->groups.size(); ++g) {
    plan->node_group[plan->groups[g].node] = static_cast<int>(g);
    plan->group_nodes.push_back(plan->groups[g].node);
  }
  const bool points = m.weights == WeightMode::kPoints;
  plan->scale = points ? m.total / 100.0 : 1.0;
  // Rules' full marks come from the written points; weighting methods then set how much each
  // child counts (their fixed part here, data-driven parts at evaluation).
  const Eigen::VectorXd written_points =
      detail::global_weights(*plan, plan->edge_weights) * (points ? m.total : 100.0);
  auto add_weighting = [&](const WeightingSpec& spec, int group, int node, const std::vector<int>& edges) {
    detail::GroupWeighting gw;
    gw.group = group;
    gw.node = node;
    gw.edges = edges;
    Eigen::VectorXd written(static_cast<Eigen::Index>(edges.size()));
    for (std::size_t k = 0; k < edges.size(); ++k) {
      gw.children.push_back(h.edges[edges[k]].child);
      gw.child_ids.push_back(m.nodes[h.edges[edges[k]].child].id);
      written[static_cast<Eigen::Index>(k)] = plan->edge_weights[edges[k]];
    }
    if (!(written.sum() > 0)) written.setOnes();
    // Written weights whose sum overflows: the method's local weights stand for them as they are.
    gw.scale = std::isfinite(written.sum()) ? written.sum() : 1.0;
    const std::string owner = node < 0 ? std::string("weighting") : fmt::format("indicators({}).weighting", m.nodes[node].id);
    gw.source = detail::make_weight_source(m, spec, owner, gw.child_ids, written, model_diags);
    for (std::size_t k = 0; k < edges.size(); ++k)
      plan->edge_weights[edges[k]] = gw.source->fixed().weights[static_cast<Eigen::Index>(k)] * gw.scale;
    plan->data_driven = plan->data_driven || gw.source->data_driven();
    plan->weightings.push_back(std::move(gw));
  };
  for (std::size_t g = 0; g < plan->groups.size(); ++g) {
    const int v = plan->groups[g].node;
    if (!m.nodes[v].weighting.empty()) add_weighting(m.nodes[v].weighting, static_cast<int>(g), v, plan->groups[g].edges);
  }
  if (!m.weighting.empty()) add_weighting(m.weighting, -1, -1, plan->root.edges);
  plan->node_weights = detail::global_weights(*plan, plan->edge_weights);
  plan->node_points = plan->node_weights * (points ? m.total : 100.0);
  plan->has_methods = plan->root.scorer || std::any_of(plan->groups.begin(), plan->groups.end(),
                                                       [](const detail::GroupPlan& g) { return g.scorer != nullptr; });
  // Depth: 1 + the shallowest parent's depth.
  plan->depth.assign(n, 0);
  for (auto it = h.order.rbegin(); it != h.order.rend(); ++it) {
    const int v = *it;
    int d = 0;
    for (const auto& e : h.edges)
      if (e.child == v) d = (d == 0) ? (e.parent < 0 ? 1 : plan->depth[e.parent] + 1)
                                     : std::min(d, e.parent < 0 ? 1 : plan->depth[e.parent] + 1);
    plan->depth[v] = d;
  }

  for (int i = 0; i < n; ++i) {
    if (h.is_group[i]) continue;
    const Node& node = m.nodes[i];
    detail::LeafPlan leaf;
    leaf.node = i;
    leaf.points = plan->node_points[i];
    leaf.rule = node.rule;
    leaf.own_missing = node.missing;
    leaf.missing_inputs = node.missing_inputs;
    Rule& r = leaf.rule;
    // Full marks default to the leaf's points (points model) or 100; the marks of absolute rules
    // are written on that scale.
    // Under a weighting method the points written on the leaf are its full marks as written
    // (the parents' points need not add up there); elsewhere they equal written_points.
    bool under_method = false;
    double own = 0;
    for (const auto& e : h.edges)
      if (e.child == i) {
        own += e.weight;
        under_method = under_method || (e.parent < 0 ? !m.weighting.empty() : !m.nodes[e.parent].weighting.empty());
      }
    if (std::isnan(r.full)) r.full = points ? (under_method ? own : written_points[i]) : 100.0;
    if (r.kind == RuleKind::kTargetRange) {
      if (std::isnan(r.low_zero) && !std::isnan(r.low_slope)) r.low_zero = r.low - r.full / r.low_slope;
      if (std::isnan(r.high_zero) && !std::isnan(r.high_slope)) r.high_zero = r.high + r.full / r.high_slope;
    }
    if ((r.kind == RuleKind::kPiecewise || r.kind == RuleKind::kBands) &&
        r.breakpoints.size() > static_cast<std::size_t>(detail::kMaxBreakpoints))
      model_diags->push_back({Severity::kError, node.location,
                              fmt::format("indicators({}).rule", node.id),
                              fmt::format("{} breakpoints", r.breakpoints.size()),
                              fmt::format("at most {} are supported", detail::kMaxBreakpoints)});
    // A field (by id or header) or a column header names a column; anything else is a formula,
    // whose syntax validate() has checked: what can still fail here is the data's columns.
    std::string header = node.value;
    int fi = m.find_field(node.value);
    for (std::size_t f = 0; fi < 0 && f < m.fields.size(); ++f)
      if (m.fields[f].header == node.value) fi = static_cast<int>(f);
    if (fi >= 0 && !m.fields[fi].header.empty()) header = m.fields[fi].header;
    const int c = table.column_index(header);
    const SourceLocation where = m.where(fmt::format("indicators({}).value", node.id));
    if (c >= 0) {
      leaf.column = c;
    } else if (fi >= 0 && !detail::parse_formula(node.value).ok) {
      data_diags->push_back({Severity::kError, where, fmt::format("indicators({}).value", node.id),
                             fmt::format("\"{}\"", node.value),
                             fmt::format("unknown column \"{}\" (not in {})", header, table.file)});
    } else {
      leaf.formula.text = node.value;
      auto d = detail::bind_formula(m, table, where, fmt::format("indicators({}).value", node.id), &leaf.formula);
      for (auto& x : d) data_diags->push_back(std::move(x));
    }
    plan->node_leaf[i] = static_cast<int>(plan->leaves.size());
    plan->leaf_ids.push_back(node.id);
    plan->leaf_nodes.push_back(i);
    plan->leaves.push_back(std::move(leaf));
  }
  for (std::size_t k = 0; k < m.caps.size(); ++k) {
    const Cap& cap = m.caps[k];
    detail::CapPlan cp;
    cp.condition.text = cap.when;
    for (std::size_t g = 0; g < m.grades.size(); ++g)
      if (m.grades[g].name == cap.max_grade) cp.grade = static_cast<int>(g);
    auto d = detail::bind_formula(m, table, m.where(fmt::format("caps[{}].when", k)), fmt::format("caps[{}].when", k),
                                  &cp.condition);
    for (auto& x : d) data_diags->push_back(std::move(x));
    plan->caps.push_back(std::move(cp));
  }
  for (std::size_t k = 0; k < m.fields.size(); ++k) {
    const Field& f = m.fields[k];
    const int c = table.column_index(f.header.empty() ? f.id : f.header);
    if (c >= 0 && (!std::isnan(f.min) || !std::isnan(f.max)))
      plan->bounds.push_back({c, static_cast<int>(k)});
  }
  return plan;
}

}  // namespace

TableOptions table_options(const IndicatorModel& model, Encoding encoding) {
  TableOptions o;
  o.encoding = encoding;
  o.id_column = model.id_column;
  o.name_column = model.name_column.value_or("name");
  o.class_column = model.class_column.value_or("class");
  o.require_name_column = model.name_column && !model.name_column->empty();
  o.require_class_column = model.class_column && !model.class_column->empty();
  return o;
}

std::vector<std::string> model_columns(const IndicatorModel& model) {
  std::vector<std::string> out;
  auto add = [&](const std::string& name) {
    if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(name);
  };
  // A name as compile() resolves it: a field's header when it has one, and the name itself.
  auto add_name = [&](const std::string& name) {
    add(name);
    for (const Field& f : model.fields)
      if (f.id == name || f.header == name) add(f.header.empty() ? f.id : f.header);
  };
  auto add_formula = [&](const std::string& text) {
    add_name(text);
    const detail::FormulaSyntax syntax = detail::parse_formula(text);
    if (syntax.ok)
      for (const auto& v : syntax.variables) add_name(v);
  };
  for (const auto& node : model.nodes)
    if (!node.group) add_formula(node.value);
  for (const Cap& cap : model.caps) add_formula(cap.when);
  for (const Field& f : model.fields) add(f.header.empty() ? f.id : f.header);
  return out;
}

namespace {

void fill_view(PlanImpl* p) {
  p->view_edges.clear();
  for (const auto& e : p->edges) p->view_edges.push_back({e.parent, e.child});
  auto view = [](const detail::GroupPlan& g) { return PlanGroup{g.node, g.children, g.edges}; };
  p->view_groups.clear();
  for (const auto& g : p->groups) p->view_groups.push_back(view(g));
  p->view_top = view(p->root);
}

// What a default-constructed Plan holds: an empty model, no nodes.
std::shared_ptr<const PlanImpl> empty_plan() {
  static const std::shared_ptr<const PlanImpl> empty = std::make_shared<const PlanImpl>();
  return empty;
}

}  // namespace

Plan compile(const IndicatorModel& model, const Table& table) {
  std::vector<Diagnostic> model_diags, data_diags;
  auto plan = build(model, table, &model_diags, &data_diags);
  if (plan) fill_view(plan.get());
  throw_if_errors(std::move(model_diags), false);
  throw_if_errors(std::move(data_diags), true);
  throw_if_errors(data_problems(*plan, table), true);
  return Plan(plan);
}

std::vector<GroupWeights> fixed_weightings(const IndicatorModel& model, std::vector<Diagnostic>* problems) {
  std::vector<Diagnostic> repeated;
  const detail::Hierarchy h = detail::build_hierarchy(model, &repeated);
  std::vector<GroupWeights> out;
  auto weigh = [&](const WeightingSpec& spec, const std::string& group, const std::vector<int>& edges) {
    std::vector<std::string> ids;
    Eigen::VectorXd written(static_cast<Eigen::Index>(edges.size()));
    for (std::size_t k = 0; k < edges.size(); ++k) {
      ids.push_back(model.nodes[h.edges[edges[k]].child].id);
      written[static_cast<Eigen::Index>(k)] = h.edges[edges[k]].weight;
    }
    if (!(written.sum() > 0)) written.setOnes();
    const std::string owner = group.empty() ? std::string("weighting") : fmt::format("indicators({}).weighting", group);
    const auto source = detail::make_weight_source(model, spec, owner, ids, written, problems);
    out.push_back(detail::group_weights(source->fixed(), group, ids));
  };
  for (int v : h.order)
    if (h.is_group[v] && !model.nodes[v].weighting.empty())
      weigh(model.nodes[v].weighting, model.nodes[v].id, h.children[v]);
  if (!model.weighting.empty()) weigh(model.weighting, "", h.top);
  return out;
}

std::vector<Diagnostic> check_weightings(const IndicatorModel& model) {
  std::vector<Diagnostic> out = validate(model);
  for (const auto& d : out)
    if (d.severity == Severity::kError) return {};
  out.clear();
  fixed_weightings(model, &out);
  return out;
}

std::vector<Diagnostic> check_data(const IndicatorModel& model, const Table& table) {
  std::vector<Diagnostic> model_diags, data_diags;
  auto plan = build(model, table, &model_diags, &data_diags);
  throw_if_errors(std::move(model_diags), false);
  if (!data_diags.empty()) {
    // Unknown columns: the plan is incomplete, report them with the cell problems of known ones.
    for (const auto& p : table.problems) data_diags.push_back(p);
    return data_diags;
  }
  auto out = data_problems(*plan, table);
  // Formulas that give no finite number from present inputs: a zero denominator, a log of 0, ...
  std::vector<double> buf(table.size());
  for (const auto& leaf : plan->leaves) {
    if (leaf.column >= 0) continue;
    std::size_t nonfinite = 0, first = 0;
    detail::formula_values(leaf, table, buf.data(), &nonfinite, &first);
    for (std::size_t i = first; nonfinite && i < table.size(); ++i) {
      if (!std::isnan(buf[i])) continue;
      std::string inputs;
      bool all_present = true;
      for (std::size_t k = 0; k < leaf.formula.columns.size(); ++k) {
        const double v = table.values(static_cast<Eigen::Index>(i), leaf.formula.columns[k]);
        all_present = all_present && !std::isnan(v);
        inputs += fmt::format("{}{} = {}", k ? ", " : "", leaf.formula.variables[k], v);
      }
      if (!all_present && leaf.missing_inputs == MissingInputs::kMissing) continue;
      out.push_back(row_diagnostic(
          Severity::kWarning, table, i,
          fmt::format("unit \"{}\", indicator \"{}\"", table.ids.view(i), plan->model.nodes[leaf.node].id),
          fmt::format("{} with {}", leaf.formula.text, inputs),
          "no finite value (zero denominator?); the value is treated as missing"));
      out.back().field_zh = fmt::format("单位“{}”，指标“{}”", table.ids.view(i), plan->model.nodes[leaf.node].id);
      out.back().rule_zh = "计算结果不是有限数（分母为零？）；按缺失值处理";
    }
  }
  return out;
}

Plan::Plan() : impl_(empty_plan()) {}
Plan::~Plan() = default;
Plan::Plan(const Plan&) = default;
Plan& Plan::operator=(const Plan&) = default;
Plan::Plan(std::shared_ptr<const detail::PlanImpl> impl) : impl_(std::move(impl)) {}
const IndicatorModel& Plan::model() const { return impl_->model; }
const std::vector<std::string>& Plan::leaf_ids() const { return impl_->leaf_ids; }
const std::vector<std::string>& Plan::node_ids() const { return impl_->node_ids; }
const std::vector<int>& Plan::group_nodes() const { return impl_->group_nodes; }
const std::vector<int>& Plan::leaf_nodes() const { return impl_->leaf_nodes; }
const Eigen::VectorXd& Plan::node_points() const { return impl_->node_points; }
const Eigen::VectorXd& Plan::node_weights() const { return impl_->node_weights; }
const std::vector<int>& Plan::node_depths() const { return impl_->depth; }
const std::vector<PlanEdge>& Plan::edges() const { return impl_->view_edges; }
const std::vector<PlanGroup>& Plan::groups() const { return impl_->view_groups; }
const PlanGroup& Plan::top() const { return impl_->view_top; }
int Plan::leaf_index(int node) const {
  return node >= 0 && static_cast<std::size_t>(node) < impl_->node_leaf.size() ? impl_->node_leaf[static_cast<std::size_t>(node)] : -1;
}
int Plan::group_index(int node) const {
  return node >= 0 && static_cast<std::size_t>(node) < impl_->node_group.size() ? impl_->node_group[static_cast<std::size_t>(node)] : -1;
}

}  // namespace staffeval
