// A plan or a decision matrix as the subject of a weight analysis (subject.h).
#include "analyses/subject.h"

#include <cmath>

#include <fmt/format.h>

namespace staffeval::detail {

namespace {

void take(const ScoringResult& r, Outcome* o) {
  o->total = r.total;
  o->key = r.total;
  o->rank = r.rank;
  o->grade = r.grade;
}

void take(const MethodResult& r, Outcome* o) {
  o->total = r.score;
  o->key = r.share;
  o->rank = r.rank;
  o->grade.assign(r.rank.size(), -1);
}

}  // namespace

Subject::Subject(const Plan& plan, const Table& table, const ScoringOptions& options, int threads)
    : plan_(&plan), table_(&table), options_(options) {
  options_.validate();
  options_.keep = Kept::kTotals;
  options_.threads = threads;
  const ScoringResult r = staffeval::evaluate(plan, table, options_);
  take(r, &nominal);
  weights = r.edge_weights;
  warnings = r.warnings;
  unit_ids = table.ids;
  unit_names = table.names;
  edge_labels = staffeval::edge_labels(plan);
  for (const auto& g : plan.model().grades) grade_names.push_back(g.name);
  groups.push_back(plan.top());
  for (const auto& g : plan.groups()) groups.push_back(g);
  group_of_edge.assign(plan.edges().size(), nullptr);
  for (const auto& g : groups)
    for (int e : g.edges) group_of_edge[static_cast<std::size_t>(e)] = &g;
}

Subject::Subject(const DecisionMatrix& matrix, const Eigen::VectorXd& w, const MethodOptions& method)
    : matrix_(&matrix), method_(method) {
  const auto K = static_cast<Eigen::Index>(matrix.criteria.size());
  if (w.size() != K)
    throw OptionsError("weights", fmt::format("{} weights", w.size()), fmt::format("needs one per criterion ({})", K));
  for (Eigen::Index j = 0; j < K; ++j)
    if (!(w[j] >= 0) || !std::isfinite(w[j]))
      throw OptionsError("weights", fmt::format("{} = {}", matrix.criteria[static_cast<std::size_t>(j)], w[j]),
                         "must be finite and >= 0");
  const MethodResult r = rank_alternatives(matrix, w, method);
  take(r, &nominal);
  weights = w;
  warnings = r.warnings;
  unit_ids = matrix.unit_ids;
  unit_names.assign(unit_ids.size(), std::string());
  edge_labels = matrix.criteria;
  PlanGroup all;
  for (Eigen::Index j = 0; j < K; ++j) all.edges.push_back(static_cast<int>(j));
  groups.push_back(all);
  group_of_edge.assign(static_cast<std::size_t>(K), &groups.front());
}

Subject::Scratch Subject::scratch() const {
  Scratch s;
  s.options = options_;
  s.options.threads = 1;
  return s;
}

const Outcome& Subject::evaluate(const Eigen::VectorXd& w, Scratch& s, const MethodOptions* method, const Plan* plan) const {
  if (plan_) {
    s.options.edge_weights = w;
    staffeval::evaluate(plan ? *plan : *plan_, *table_, s.options, &s.result);
    take(s.result, &s.outcome);
  } else {
    take(rank_alternatives(*matrix_, w, method ? *method : method_), &s.outcome);
  }
  return s.outcome;
}

}  // namespace staffeval::detail
