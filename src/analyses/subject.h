// What a weight analysis studies: a plan evaluated on a table, or a decision matrix ranked by an
// evaluation method. Both are edges whose weights move within groups (a matrix: its criteria, in
// one group) and an evaluation under other weights, so that one-at-a-time, removal, critical and
// Sobol' analyses are written once. Internal.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/sensitivity.h"

namespace staffeval::detail {

/// One evaluation's outcome per unit.
struct Outcome {
  Eigen::VectorXd total;  ///< The score as reported (a method's own score: VIKOR's Q, ...).
  Eigen::VectorXd key;    ///< Higher is better (a plan: the total; a method: its share).
  std::vector<int> rank, grade;  ///< grade -1 where there is none (a decision matrix).
};

class Subject {
 public:
  /// A plan on a table, evaluated once with `options` (validated; on `threads` threads) for the
  /// nominal result. @throws OptionsError for invalid options; as evaluate().
  Subject(const Plan& plan, const Table& table, const ScoringOptions& options, int threads);
  /// A decision matrix with its weights (one per criterion, finite and >= 0) and method.
  /// @throws OptionsError for weights of the wrong number or value.
  Subject(const DecisionMatrix& matrix, const Eigen::VectorXd& weights, const MethodOptions& method);
  Subject(const Subject&) = delete;  // group_of_edge points into groups
  Subject& operator=(const Subject&) = delete;

  /// The plan, or nullptr for a decision matrix.
  const Plan* plan() const { return plan_; }
  const Table* table() const { return table_; }
  const ScoringOptions& options() const { return options_; }
  const MethodOptions& method() const { return method_; }
  std::size_t size() const { return unit_ids.size(); }

  std::vector<std::string> unit_ids, unit_names, edge_labels, grade_names, warnings;
  Eigen::VectorXd weights;  ///< Nominal edge weights.
  Outcome nominal;
  /// The groups edges move in (a plan: the top level and its groups; a matrix: one, all criteria)
  /// and each edge's.
  std::vector<PlanGroup> groups;
  std::vector<const PlanGroup*> group_of_edge;

  /// Per-thread space for evaluate().
  struct Scratch {
    ScoringOptions options;
    ScoringResult result;
    Outcome outcome;
  };
  Scratch scratch() const;
  /// The outcome under edge weights `w` (and, for a matrix, method options `method`, else the
  /// subject's); `plan` replaces the subject's plan (a variant with the same edges).
  const Outcome& evaluate(const Eigen::VectorXd& w, Scratch& s, const MethodOptions* method = nullptr,
                          const Plan* plan = nullptr) const;

 private:
  const Plan* plan_ = nullptr;
  const Table* table_ = nullptr;
  const DecisionMatrix* matrix_ = nullptr;
  ScoringOptions options_;
  MethodOptions method_;
};

}  // namespace staffeval::detail
