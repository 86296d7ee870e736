// Evaluating with weights from methods: the fixed ones the plan holds, and data-driven ones
// settled on the table being scored (children first, repeated until no weight changes).
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "scoring/evaluate.h"
#include "scoring/plan.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

using detail::PlanImpl;

GroupWeights fixed_record(const detail::GroupWeighting& gw, const PlanImpl& plan) {
  return detail::group_weights(gw.source->fixed(),
                               gw.node < 0 ? std::string() : plan.node_ids[static_cast<std::size_t>(gw.node)],
                               gw.child_ids);
}

// The weights of a data-driven source from an evaluation that kept shares (and values for the
// raw and min-max bases): each child's column in the source's basis, then the source weighs them.
GroupWeights data_weights(const detail::GroupWeighting& gw, const PlanImpl& plan, const ScoringResult& r) {
  const auto units = static_cast<Eigen::Index>(r.size());
  const auto n = static_cast<Eigen::Index>(gw.children.size());
  Eigen::MatrixXd x(units, n);
  std::vector<Direction> dirs(gw.children.size(), Direction::kBenefit);
  const bool shares = gw.source->basis() == WeightBasis::kShares;
  for (Eigen::Index k = 0; k < n; ++k) {
    const int child = gw.children[static_cast<std::size_t>(k)];
    const int leaf = plan.node_leaf[child];
    if (leaf >= 0) {
      x.col(k) = shares ? r.leaf_shares.col(leaf) : r.leaf_values.col(leaf);
      dirs[static_cast<std::size_t>(k)] = plan.leaves[static_cast<std::size_t>(leaf)].rule.direction;
    } else {
      x.col(k) = r.group_scores.col(plan.node_group[child]) / 100.0;
    }
  }
  GroupWeights g = fixed_record(gw, plan);
  gw.source->weigh(x, gw.child_ids, dirs, &g);
  return g;
}

void add_weighting_warnings(ScoringResult* r) {
  for (auto& w : detail::weighting_warnings(r->weightings)) r->warnings.push_back(std::move(w));
}

}  // namespace

namespace {

// evaluate(), with the table's value matrix to let go after its last reading (`spent`), or none.
void evaluate_into(const Plan& plan_handle, const Table& table, const ScoringOptions& options_in, ScoringResult* out,
                   Eigen::MatrixXd* spent);

}  // namespace

ScoringResult evaluate(const Plan& plan, const Table& table, const ScoringOptions& options) {
  ScoringResult result;
  evaluate_into(plan, table, options, &result, nullptr);
  return result;
}

ScoringResult evaluate(const Plan& plan, Table&& table, const ScoringOptions& options) {
  ScoringResult result;
  evaluate_into(plan, table, options, &result, &table.values);  // the values go before ranking
  table.ids.clear();
  table.names.clear();
  return result;
}

void evaluate(const Plan& plan, const Table& table, const ScoringOptions& options, ScoringResult* out) {
  evaluate_into(plan, table, options, out, nullptr);
}

namespace {

void evaluate_into(const Plan& plan_handle, const Table& table, const ScoringOptions& options_in, ScoringResult* out,
                   Eigen::MatrixXd* spent) {
  options_in.validate();
  const PlanImpl& plan = detail::PlanAccess::impl(plan_handle);
  // Groups scored by evaluation methods read their leaf children's shares over all units.
  ScoringOptions options = options_in;
  if (plan.has_methods && options.keep == Kept::kTotals) options.keep = Kept::kShares;
  if (options.edge_weights.size() != 0 || plan.weightings.empty()) {
    detail::evaluate_once(plan_handle, table, options, out, spent);
    out->weightings.clear();
    return;
  }
  if (!plan.data_driven) {
    detail::evaluate_once(plan_handle, table, options, out, spent);
    out->weightings.clear();
    for (const auto& gw : plan.weightings) out->weightings.push_back(fixed_record(gw, plan));
    add_weighting_warnings(out);
    return;
  }
  // Data-driven weights: evaluate, weigh each such group from its children's columns, and
  // repeat until no weight changes. Groups are weighed children first, so each pass settles at
  // least one more level; the last evaluation uses the settled weights and the caller's options.
  bool values_needed = false;
  for (const auto& gw : plan.weightings)
    values_needed = values_needed || (gw.source->data_driven() && gw.source->basis() != WeightBasis::kShares);
  ScoringOptions pre = options;
  pre.keep = values_needed ? Kept::kFull : Kept::kShares;
  pre.edge_weights = plan.edge_weights;
  ScoringResult scratch;
  std::vector<GroupWeights> records;
  for (std::size_t pass = 0; pass <= plan.weightings.size(); ++pass) {
    detail::evaluate_once(plan_handle, table, pre, &scratch);
    Eigen::VectorXd w = pre.edge_weights;
    records.clear();
    for (const auto& gw : plan.weightings) {
      records.push_back(gw.source->data_driven() ? data_weights(gw, plan, scratch) : fixed_record(gw, plan));
      for (std::size_t k = 0; k < gw.edges.size(); ++k)
        w[gw.edges[k]] = records.back().weights[static_cast<Eigen::Index>(k)] * gw.scale;
    }
    const bool settled = w == pre.edge_weights;
    pre.edge_weights = w;
    if (settled) break;
  }
  ScoringOptions final_options = options;
  final_options.edge_weights = pre.edge_weights;
  detail::evaluate_once(plan_handle, table, final_options, out, spent);
  out->weightings = std::move(records);
  add_weighting_warnings(out);
}

}  // namespace

}  // namespace staffeval
