// The compiled evaluation plan (private): leaves bound to columns or formulas, rules as data,
// groups in topological order with their edge weights.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "common/score_order.h"
#include "model/hierarchy.h"
#include "scoring/group_scorers.h"
#include "scoring/kernels.h"
#include "scoring/weight_sources.h"
#include "staffeval/model.h"
#include "staffeval/scoring.h"

namespace staffeval::detail {

// Rule branch codes stored per unit and leaf in ScoringResult::branches.
enum Branch : std::uint8_t {
  kValue = 0,            // the rule's formula applied between its limits
  kFull = 1,             // at or beyond the value earning full marks
  kZero = 2,             // at or beyond the value earning nothing (or the floor)
  kInRange = 3,          // inside the target range
  kBelowRange = 4,       // below the target range (or below every band)
  kAboveRange = 5,       // above the target range
  kConstantCohort = 6,   // every unit of the cohort has the same value
  kYes = 7,
  kNo = 8,
  kMissingSkipped = 9,
  kMissingZero = 10,
  kBandBase = 16,        // + band index (bands rule)
  kSegmentBase = 64,     // + segment index (piecewise rule)
  kImputedFlag = 0x80,
};
constexpr int kMaxBreakpoints = 40;

// The short name of a branch code, as JSON output shows it: `value`, `full`, `zero`, `in_range`,
// `below_range`, `above_range`, `constant_cohort`, `yes`, `no`, `missing_skipped`,
// `missing_zero`, `band:<i>`, `segment:<i>`, with `+imputed` when the value was imputed.
std::string branch_name(std::uint8_t code);

// A muparser formula and the table columns its variables are bound to.
struct Formula {
  std::string text;
  std::vector<std::string> variables;  // names as written
  std::vector<int> columns;            // table column of each variable
};

struct LeafPlan {
  int node = -1;
  int column = -1;          // direct data column, or -1 when `formula` is used
  Formula formula;
  Rule rule;                // with `full`, `low_zero`, `high_zero` resolved
  std::optional<MissingPolicy> own_missing;
  MissingInputs missing_inputs = MissingInputs::kMissing;
  double points = 0.0;      // nominal points
};

struct GroupPlan {
  int node = -1;            // -1 = the root
  Aggregation aggregation = Aggregation::kArithmetic;
  double power = 1.0;
  std::vector<int> children;  // node indices
  std::vector<int> edges;     // indices into PlanImpl::edges, parallel to children
  // Scored over whole columns (an evaluation method, fuzzy evaluation); null = the weighted mean.
  std::shared_ptr<const GroupScorer> scorer;
};

struct CapPlan {
  Formula condition;
  int grade = 0;  // index of the best grade allowed
};

struct FieldBound {
  int column = -1;
  int field = -1;
};

// A group (or the top level) whose children's weights come from a method.
struct GroupWeighting {
  int group = -1;  // index into PlanImpl::groups; -1 = the root
  int node = -1;   // node index; -1 = the root
  std::vector<int> edges;
  std::vector<int> children;  // node indices, in edge order
  std::vector<std::string> child_ids;
  std::shared_ptr<const WeightSource> source;
  double scale = 1.0;  // edge weights = local weights * scale (the written weights' sum)
};

struct PlanImpl {
  IndicatorModel model;
  std::vector<std::string> table_columns;  // schema the plan was compiled against
  std::vector<std::string> node_ids;
  std::vector<std::string> leaf_ids;
  std::vector<int> leaf_nodes;
  std::vector<int> node_leaf;              // leaf index of a node, or -1 for groups
  std::vector<int> node_group;             // group index of a node, or -1 for leaves
  std::vector<int> group_nodes;            // node index of each group (= groups[g].node)
  std::vector<int> depth;
  std::vector<LeafPlan> leaves;
  std::vector<GroupPlan> groups;           // children before parents
  GroupPlan root;
  std::vector<Edge> edges;
  Eigen::VectorXd edge_weights;            // per edge: written weights, or a method's fixed ones
  std::vector<GroupWeighting> weightings;  // children first, the root (if any) last
  bool data_driven = false;                // some weighting needs the data being scored
  bool has_methods = false;                // some group (or the root) is scored by a method
  Eigen::VectorXd node_points;
  Eigen::VectorXd node_weights;
  std::vector<CapPlan> caps;
  std::vector<FieldBound> bounds;          // fields with min/max to check
  double scale = 1.0;                      // total score = root index * scale
  // The public read-only view (Plan::edges(), groups(), top()), filled once at compile.
  std::vector<PlanEdge> view_edges;
  std::vector<PlanGroup> view_groups;
  PlanGroup view_top;
};

// The scoring layer's access to a plan's compiled form (Plan keeps it private).
struct PlanAccess {
  static const PlanImpl& impl(const Plan& p) { return *p.impl_; }
};

// The scoring layer's access to a result's scratch buffers (ScoringResult keeps them private).
struct ResultAccess {
  static std::shared_ptr<Workspace>& scratch(ScoringResult& r) { return r.scratch_.ptr_; }
};

// One unit in the ranking sort: its 32-bit score key and its position.

// A child of a group as the aggregation reads it: a column of scores times `scale` (100 for a
// leaf, whose column holds shares; 1 for a group). With `minmax`, `data` holds the leaf's raw
// values and the share is computed inside the weighted sum (totals-only evaluations).
struct ChildColumn {
  const double* data;
  double scale;
  bool has_nan;
  const MinMaxMap* minmax = nullptr;
};

// A cap that applied to a unit.
struct CappedUnit {
  std::uint32_t unit;
  int cap;
};

// Buffers an evaluation needs besides its outputs; kept in the result and reused, so repeated
// evaluations of large tables do not fault in fresh pages every time.
struct Workspace {
  std::vector<double> acc, wsum;
  std::vector<int> zeros;  // the one-cohort class vector
  std::vector<RankItem> rank_items, rank_tmp;
  std::vector<double> cond;
  std::vector<CappedUnit> capped;  // the caps that applied, cap by cap
  std::vector<double> block_shares;  // lean mode: one block of shares of every leaf
  std::vector<std::uint8_t> block_branches;
  std::vector<ChildColumn> cols;
  std::vector<std::unique_ptr<Workspace>> per_thread;  // scratch of each evaluation thread
};

// Global node weights from raw edge weights (normalised within each parent, summed over paths).
Eigen::VectorXd global_weights(const PlanImpl& plan, const Eigen::VectorXd& edge_weights);

// Evaluates a bound formula over every unit of a column-major table into `out`, as muparser
// computes it (NaN inputs in; what comes out depends on the functions).
void evaluate_formula(const Formula& f, const Eigen::MatrixXd& values, double* out);

// The raw values of a formula leaf for every unit, by the model's rule for missing inputs:
// NaN where an input is missing (or, under `missing_inputs: zero`, the formula with those inputs
// read as 0), NaN where the formula gives no finite number from present inputs. Returns the
// number of NaN values; `*nonfinite` counts the second kind and `*first_nonfinite` is the first
// such unit.
std::size_t formula_values(const LeafPlan& leaf, const Table& table, double* out, std::size_t* nonfinite,
                           std::size_t* first_nonfinite);

}  // namespace staffeval::detail
