/// @file scoring.h
/// Compiling a model against a table into a flat plan, evaluating it, and explaining the result.
#pragma once

#include <algorithm>
#include <cstdint>
#include <limits>
#include <memory>
#include <optional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/data.h"
#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/model.h"
#include "staffeval/types.h"

namespace staffeval {

namespace detail {
struct PlanImpl;
struct PlanAccess;
struct ResultAccess;
struct Workspace;

// The scratch buffers of one result, which only the library reaches. A copy starts without
// them, so no two results share state and copies may be evaluated into concurrently.
class ScratchHandle {
 public:
  ScratchHandle() = default;
  ScratchHandle(const ScratchHandle&) {}
  ScratchHandle& operator=(const ScratchHandle&) {
    ptr_.reset();
    return *this;
  }
  ScratchHandle(ScratchHandle&&) noexcept = default;
  ScratchHandle& operator=(ScratchHandle&&) noexcept = default;
  ~ScratchHandle() = default;

 private:
  friend struct ResultAccess;
  std::shared_ptr<Workspace> ptr_;
};
}  // namespace detail

/// One edge of a plan: node `child` under node `parent` (-1: the top level). Edge e carries
/// ScoringResult::edge_weights[e] and is replaced by ScoringOptions::edge_weights[e].
struct STAFFEVAL_EXPORT PlanEdge {
  int parent = -1;
  int child = -1;
};

/// A group of a plan (node -1: the top level) with its children (node indices) and the edges
/// that carry their weights, in model order.
struct STAFFEVAL_EXPORT PlanGroup {
  int node = -1;
  std::vector<int> children;
  std::vector<int> edges;
};

/// A model compiled against a table's columns: formulas bound to column indices, rules as data,
/// aggregation as weight vectors in topological order. Cheap to copy (shared, immutable).
/// Re-evaluating a plan with other weights or options does not recompile anything.
/// A default-constructed plan is empty (no nodes). Plans are read through this view only.
class STAFFEVAL_EXPORT Plan {
 public:
  Plan();
  ~Plan();
  Plan(const Plan&);
  Plan& operator=(const Plan&);

  const IndicatorModel& model() const;
  /// Leaves in model order; index j is column j of ScoringResult::leaf_values / leaf_shares.
  const std::vector<std::string>& leaf_ids() const;
  /// All nodes (groups and leaves) in model order (the `node` index of ScoringResult accessors).
  const std::vector<std::string>& node_ids() const;
  /// Node index of each group, children before parents; index g is column g of
  /// ScoringResult::group_scores.
  const std::vector<int>& group_nodes() const;
  /// Node index of each leaf.
  const std::vector<int>& leaf_nodes() const;
  /// Nominal points of each node: its global weight times the model total (100 by default).
  const Eigen::VectorXd& node_points() const;
  /// Global weight of each node (product of normalised local weights, summed over DAG paths).
  const Eigen::VectorXd& node_weights() const;
  /// Depth of each node (1 for top-level nodes).
  const std::vector<int>& node_depths() const;
  /// Every edge (parent link), indexed like ScoringResult::edge_weights.
  const std::vector<PlanEdge>& edges() const;
  /// The groups, children before parents; index g is column g of ScoringResult::group_scores.
  const std::vector<PlanGroup>& groups() const;
  /// The top level: the model's top-level nodes and their edges.
  const PlanGroup& top() const;
  /// Leaf index of a node (its column of leaf_values / leaf_shares), or -1 for a group.
  int leaf_index(int node) const;
  /// Group index of a node (its column of group_scores), or -1 for a leaf.
  int group_index(int node) const;

 private:
  friend struct detail::PlanAccess;  // the scoring layer's way to the compiled plan
  friend STAFFEVAL_EXPORT Plan compile(const IndicatorModel&, const Table&);
  explicit Plan(std::shared_ptr<const detail::PlanImpl> impl);
  std::shared_ptr<const detail::PlanImpl> impl_;
};

/// How to read a data file for `model`: its id column, and its name and class columns (required
/// when the model names them, else `name` and `class` when present).
STAFFEVAL_EXPORT TableOptions table_options(const IndicatorModel& model, Encoding encoding = Encoding::kAuto);

/// The value columns `model` can read, by header, for TableOptions::columns: every indicator's
/// value and cap's condition as it stands (compile() takes a column of that header first) and
/// their formulas' variables (fields also through their headers), then every declared field
/// (whose bounds compile() checks). The list may hold names no file has (a formula's text, a
/// field's id next to its header): the reader finds nothing under them. A table read with these
/// columns scores, checks and reports exactly as one read whole, since problems in the other
/// columns are never reported for the model; only the list of cell problems that comes with an
/// unknown column (check_data()) leaves out those of columns the model does not read.
STAFFEVAL_EXPORT std::vector<std::string> model_columns(const IndicatorModel& model);

/// Compiles a validated model against the columns of `table`.
/// @throws ModelError when the model is invalid or a formula does not parse.
/// @throws DataError when a column the model needs is missing or holds cells that are not numbers
///         (every such cell is listed in DataError::diagnostics()).
STAFFEVAL_EXPORT Plan compile(const IndicatorModel& model, const Table& table);

/// The checks of a model that need its judgments weighed: every AHP matrix (or panel) computed,
/// with blank, non-reciprocal or out-of-range judgments and an inconsistency without
/// `allow_inconsistent` reported at the matrix, as compile() reports them. validate() checks the
/// model's structure and references only; this adds what `staffeval validate` shows about the
/// judgments. Empty when the model has structural errors (validate() lists those).
STAFFEVAL_EXPORT std::vector<Diagnostic> check_weightings(const IndicatorModel& model);

/// The weights that the model's `weighting:` entries fix before any data is seen, one record per
/// such group (children first, the top level last): AHP and rank-order weights, and the written
/// weights of a data-driven group (whose weights come with each evaluation). Judgments that
/// cannot be weighed are added to `problems` (as check_weightings() gives them) and keep their
/// written weights. Requires a model without structural errors (validate()).
STAFFEVAL_EXPORT std::vector<GroupWeights> fixed_weightings(const IndicatorModel& model,
                                                           std::vector<Diagnostic>* problems);

/// Every problem of `table` for `model`: missing columns, non-numeric cells in used columns,
/// duplicate ids, values below a field's `min`, zero denominators in formulas. Never throws on
/// data; throws ModelError if the model itself is invalid.
STAFFEVAL_EXPORT std::vector<Diagnostic> check_data(const IndicatorModel& model,
                                                    const Table& table);

/// Options of evaluate().
struct STAFFEVAL_EXPORT ScoringOptions {
  /// Compare units with their peer group (class column) in cohort-relative rules and peer
  /// imputation. Off: every unit is one cohort. Class ranks are always within the class column.
  bool peer_groups = true;
  /// Overrides the model's missing-value policy for every leaf without its own policy.
  std::optional<MissingPolicy> missing;
  /// Overrides the model's rounding policy.
  std::optional<RoundingPolicy> rounding;
  /// Overrides the model's minimum data coverage (CoverageRule::min). Range [0, 1].
  std::optional<double> min_coverage;
  /// Overrides what the coverage is measured on (CoverageRule::of).
  std::optional<CoverageBasis> coverage_basis;
  /// How much per-indicator detail the result keeps. `kFull` (default) keeps raw values, shares
  /// and rule branches (needed by explain() and detail columns); `kShares` keeps shares (enough
  /// for per-indicator points); `kTotals` keeps totals, group scores, ranks, grades and caps,
  /// which is what repeated evaluations (sensitivity, comparisons) need and much faster on large
  /// tables.
  Kept keep = Kept::kFull;
  /// Threads to use: 0 (default) = one per core, 1 = the calling thread only. Results are
  /// bit-identical whatever the number.
  int threads = 0;
  /// Optional weights replacing the model's local weights, one per edge of the plan in the order
  /// of Plan::edges() (used by sensitivity analyses). Empty = the model's weights.
  Eigen::VectorXd edge_weights;
  /// Language of the result's warnings, notes, reports and explanations; unset: the model's
  /// (model_language()).
  std::optional<Language> language;

  /// @throws OptionsError naming the field, its value and the rule.
  void validate() const;
};

/// Statistics of one leaf's raw values over one cohort (peer group or all units), after
/// imputation, as used by the cohort-relative rules. NaN where not computed.
struct STAFFEVAL_EXPORT CohortStats {
  int count = 0;
  double min = 0.0;
  double max = 0.0;
  double mean = 0.0;
  double sd = 0.0;      ///< Sample standard deviation (n - 1).
  double median = 0.0;
};

/// A group (or the top level) scored by an evaluation method: what was run.
struct STAFFEVAL_EXPORT GroupEvaluation {
  std::string group;          ///< Group id; empty for the top level.
  std::string method;         ///< `topsis`, ...
  std::string normalization;  ///< As the method reports it.
  /// What the group's score is 100 times (MethodResult::share_of).
  std::string share_of;
  std::vector<std::pair<std::string, double>> parameters;
  std::vector<std::string> warnings;
};

/// The caps that applied to each unit of a result: per unit, indices into plan.model().caps in
/// the model's order. Most units have none, and those take no memory (a list for each of a
/// million units would be 24 MB): `caps[i]` reads a unit's list (an empty one when none applied).
class UnitCaps {
 public:
  UnitCaps() = default;
  /// `units` units, none capped.
  explicit UnitCaps(std::size_t units) : units_(units) {}
  /// One list per unit (empty lists for units without caps), each list ascending.
  /// @throws std::invalid_argument for a list out of order or holding a cap twice.
  UnitCaps(const std::vector<std::vector<int>>& per_unit) : units_(per_unit.size()) {  // NOLINT: as the lists
    for (std::size_t i = 0; i < per_unit.size(); ++i)
      for (int c : per_unit[i]) add(i, c);
  }

  /// The number of units.
  std::size_t size() const { return units_; }
  /// The caps of `unit` (< size()), ascending; empty when none applied.
  const std::vector<int>& operator[](std::size_t unit) const {
    if (capped_.empty() || unit > capped_.back()) return none();
    const auto it = std::lower_bound(capped_.begin(), capped_.end(), unit);
    return it != capped_.end() && *it == unit ? lists_[static_cast<std::size_t>(it - capped_.begin())] : none();
  }
  /// The units with at least one cap, ascending.
  const std::vector<std::size_t>& capped_units() const { return capped_; }
  /// One list per unit.
  std::vector<std::vector<int>> per_unit() const {
    std::vector<std::vector<int>> out(units_);
    for (std::size_t k = 0; k < capped_.size(); ++k) out[capped_[k]] = lists_[k];
    return out;
  }

  /// `units` units, none capped (the lists' memory goes back).
  void reset(std::size_t units) {
    units_ = units;
    capped_.clear();
    lists_.clear();
  }
  /// Cap `cap` applied to `unit`. Units come in ascending order, and a unit's caps in ascending
  /// order one after another.
  /// @throws std::invalid_argument for a unit beyond size() or out of that order.
  void add(std::size_t unit, int cap) {
    if (unit >= units_ || (!capped_.empty() && unit < capped_.back()) ||
        (!capped_.empty() && unit == capped_.back() && cap <= lists_.back().back()))
      throw std::invalid_argument("UnitCaps::add: unit " + std::to_string(unit) + ", cap " + std::to_string(cap) +
                                  ": out of order or beyond the units");
    if (capped_.empty() || unit != capped_.back()) {
      capped_.push_back(unit);
      lists_.emplace_back();
    }
    lists_.back().push_back(cap);
  }

  friend bool operator==(const UnitCaps& a, const UnitCaps& b) {
    return a.units_ == b.units_ && a.capped_ == b.capped_ && a.lists_ == b.lists_;
  }
  friend bool operator!=(const UnitCaps& a, const UnitCaps& b) { return !(a == b); }
  friend bool operator==(const UnitCaps& a, const std::vector<std::vector<int>>& b) { return a.per_unit() == b; }
  friend bool operator!=(const UnitCaps& a, const std::vector<std::vector<int>>& b) { return !(a == b); }
  /// Prints the lists, one per unit: `{0}, {}, {0, 1}`.
  friend std::ostream& operator<<(std::ostream& os, const UnitCaps& c) {
    for (std::size_t i = 0; i < c.units_; ++i) {
      os << (i ? ", {" : "{");
      for (std::size_t k = 0; k < c[i].size(); ++k) os << (k ? ", " : "") << c[i][k];
      os << "}";
    }
    return os;
  }

 private:
  static const std::vector<int>& none() {
    static const std::vector<int> empty;
    return empty;
  }
  std::size_t units_ = 0;
  std::vector<std::size_t> capped_;     // ascending
  std::vector<std::vector<int>> lists_;  // lists_[k]: the caps of unit capped_[k]
};

/// Rounds `x` to `decimals` decimals. Half-up rounds ties away from zero, judged on the value's
/// 15-significant-digit decimal form (as spreadsheets do), so 1.005 rounds to 1.01.
STAFFEVAL_EXPORT double round_to(double x, int decimals, RoundingMode mode);

/// The score of every unit, with enough detail to explain every point.
struct STAFFEVAL_EXPORT ScoringResult {
  Plan plan;                         ///< The plan evaluated (model, ids, nominal points).
  /// The table's unit ids and names, shared with it rather than copied (SharedStrings).
  SharedStrings unit_ids;
  SharedStrings unit_names;
  std::vector<std::string> class_labels;  ///< The table's class labels (Table::classes).
  RoundingPolicy rounding;           ///< Rounding actually applied.
  /// Edge weights actually used (the model's, or ScoringOptions::edge_weights).
  Eigen::VectorXd edge_weights;
  /// Points of every node under those weights (Plan::node_ids() order): the plan's nominal
  /// points unless weights came from the data or from ScoringOptions::edge_weights.
  Eigen::VectorXd node_points;
  /// Groups whose children's weights a weighting method set, children first, the top level
  /// last; empty when ScoringOptions::edge_weights replaced the model's weights.
  std::vector<GroupWeights> weightings;
  /// Groups (and the top level) scored by an evaluation method (`method:` in the model),
  /// children first. A model with such groups keeps at least Kept::kShares.
  std::vector<GroupEvaluation> evaluations;
  bool peer_groups = true;
  /// The detail kept (ScoringOptions::keep). Without shares, leaf scores, points and
  /// contributions are NaN; without full detail, leaf_values and branches are empty.
  Kept kept = Kept::kFull;
  /// Total score (0-100 index of the root, times total/100 in a points model). NaN when every
  /// indicator of the unit is missing.
  Eigen::VectorXd total;
  /// units x groups: every group's score on a 0-100 index (NaN when all its children are missing),
  /// columns in Plan::group_nodes() order. A leaf's score is 100 x its share; node_score() gives
  /// either by node index.
  Eigen::MatrixXd group_scores;
  /// units x leaves: raw values after imputation (NaN where missing). Empty below Kept::kFull.
  Eigen::MatrixXd leaf_values;
  /// units x leaves: share of full marks in [0, 1] after rounding (NaN where skipped).
  Eigen::MatrixXd leaf_shares;
  /// units x leaves: rule branch codes (see explain()); bit 7 set = imputed value.
  Eigen::Matrix<std::uint8_t, Eigen::Dynamic, Eigen::Dynamic> branches;
  /// The short name of a branch code (`value`, `full`, `zero`, `in_range`, `below_range`,
  /// `above_range`, `constant_cohort`, `yes`, `no`, `missing_skipped`, `missing_zero`, `band:<i>`,
  /// `segment:<i>`, with `+imputed` when the value was imputed), as JSON shows it.
  static std::string branch_name(std::uint8_t code);
  std::vector<int> rank;        ///< 1 = best, ties share the best rank (1, 2, 2, 4); 0 = no score.
  std::vector<int> class_rank;  ///< Rank within the unit's class.
  std::vector<int> grade;       ///< Index into plan.model().grades; -1 when there is no score.
  /// Caps that applied, per unit: `caps[i]` holds indices into plan.model().caps (empty for most
  /// units).
  UnitCaps caps;
  /// A cap whose condition could not be decided for a unit (an input missing), and whether it
  /// was applied (Cap::if_missing).
  struct UnknownCap {
    std::size_t unit = 0;
    int cap = 0;  ///< Index into plan.model().caps.
    bool applied = false;
  };
  /// Every undecided cap, by unit (few units have any).
  std::vector<UnknownCap> unknown_caps;
  /// Per unit, the share of weight (or of indicators, CoverageRule::of) whose values are present
  /// in the data (imputed values do not count); 1 for complete rows.
  Eigen::VectorXd coverage;
  /// The coverage rule applied (the model's, or the options' overrides).
  CoverageRule coverage_rule;
  /// Per leaf, the statistics of each cohort (one entry for `cohort: all` rules or without peer
  /// groups, else one per class in Table::classes order).
  std::vector<std::vector<CohortStats>> cohort_stats;
  /// Class index of each unit (into the table's classes).
  std::vector<int> unit_class;
  /// What a reader must know (data quality, undecided caps, methods), in the result's language.
  std::vector<std::string> warnings;
  /// Language of warnings, notes, reports and explanations (ScoringOptions::language, else the
  /// model's).
  Language language = Language::kEn;

  std::size_t size() const { return unit_ids.size(); }
  /// Score (0-100 index) of node k (Plan::node_ids() order) for unit i; NaN when skipped.
  double node_score(std::size_t unit, std::size_t node) const;
  /// Class label of unit i ("" without a class column).
  const std::string& class_name(std::size_t unit) const {
    return class_labels[static_cast<std::size_t>(unit_class[unit])];
  }
  /// Earned points of node k for unit i: a leaf's share times its points under the weights used, a
  /// group's score / 100 times its points (the number the score CSV and JSON write).
  double points(std::size_t unit, std::size_t node) const;
  /// The one formula behind points() and every writer of points, from figures a writer keeps per
  /// column: a leaf's `share` of full marks, or a group's `score` (0-100), out of `most` points.
  /// Under indicator rounding (`rounding.scope`) the points are shown rounded, which also
  /// restores a leaf's exact rounded value from its share.
  static double leaf_points(double share, double most, const RoundingPolicy& rounding) {
    const double p = share * most;
    return rounding.scope == RoundingScope::kIndicator ? round_to(p, rounding.decimals, rounding.mode) : p;
  }
  static double group_points(double score, double most, const RoundingPolicy& rounding) {
    return leaf_points(score / 100.0, most, rounding);
  }
  /// Contribution of each leaf to unit i's total, in points: the leaf's score times its effective
  /// global weight (under the weights used) after missing leaves were skipped. Sums to the total when every aggregation is
  /// arithmetic; a first-order attribution otherwise; NaN below a group scored by an evaluation
  /// method (the total is then no weighted sum of the leaves).
  Eigen::VectorXd contributions(std::size_t unit) const;
  /// Grade name of unit i ("" without a score).
  std::string grade_name(std::size_t unit) const;
  /// Units per grade, in the order of plan.model().grades (best first); units without a score
  /// are in none.
  std::vector<std::size_t> grade_counts() const;
  /// Whether unit i has a score (false when its coverage is below the minimum, or every
  /// indicator is missing).
  bool scored(std::size_t unit) const;
  /// What a reader of unit i's row must know, in words: why it has no score, which caps could
  /// not be decided. Empty for most units.
  std::string note(std::size_t unit) const;
  /// One line: `scored 300 units on 11 indicators (4 classes); model single-level 2024.1; ...`.
  std::string brief_report() const;
  /// A table of every unit: rank, id, name, class, score, grade, caps (best first).
  std::string full_report() const;

 private:
  friend struct detail::ResultAccess;
  detail::ScratchHandle scratch_;  // buffers reused when the result is evaluated into again
};

/// Scores every unit of `table` with `plan`.
/// @throws OptionsError for invalid options, DataError under the `fail` missing policy,
///         ComputeError for a geometric/harmonic mean over a score <= 0.
/// **Example**
/// @code
///   auto model = staffeval::load_model("examples/single-level.yaml");
///   auto table = staffeval::load_table("examples/units.csv");
///   auto result = staffeval::evaluate(staffeval::compile(model, table), table);
///   std::cout << result.full_report();
/// @endcode
STAFFEVAL_EXPORT ScoringResult evaluate(const Plan& plan, const Table& table,
                                        const ScoringOptions& options = {});

/// As evaluate(), for a table the caller no longer needs: the table is left without its values,
/// unit ids and names. The values are let go as soon as the evaluation has read them for the last
/// time (before the ranks' buffers are taken), so that a large table's peak memory is the table
/// or the result's ranks, not both; the ids and names the result alone then holds (every result
/// shares them with its table rather than copying them). Everything else in the table stays as
/// it was.
STAFFEVAL_EXPORT ScoringResult evaluate(const Plan& plan, Table&& table, const ScoringOptions& options = {});

/// As evaluate(), into an existing result whose storage is reused when the table has the same
/// size: the form for analyses that re-evaluate one plan many times (no fresh memory per run).
STAFFEVAL_EXPORT void evaluate(const Plan& plan, const Table& table, const ScoringOptions& options,
                               ScoringResult* result);

/// One line of an explanation: a leaf or group of one unit, and how its points were earned.
struct STAFFEVAL_EXPORT ExplanationLine {
  std::string node_id;
  std::string name;
  int depth = 1;
  bool leaf = false;
  double value = 0.0;         ///< Raw value (leaves).
  double share = 0.0;         ///< Share of full marks (leaves) or score / 100 (groups).
  double points = 0.0;        ///< Earned points.
  double max_points = 0.0;    ///< Nominal points.
  double contribution = 0.0;  ///< Contribution to the total (leaves).
  std::string formula;        ///< Data column or formula of the raw value, with input values.
  std::string branch;         ///< The rule branch taken, in words.
};

/// The audit trail of one unit.
struct STAFFEVAL_EXPORT Explanation {
  std::string unit_id;
  std::string unit_name;
  std::string unit_class;
  double total = 0.0;
  int rank = 0;
  int class_rank = 0;
  std::string grade;
  std::string score_grade;           ///< Grade by score alone, before caps.
  std::vector<std::string> caps;     ///< Caps applied, with their reasons.
  /// Caps whose condition read a missing value, and what was done (Cap::if_missing).
  std::vector<std::string> undecided_caps;
  double coverage = 1.0;             ///< Share of weight (or indicators) with data.
  std::string note;                  ///< ScoringResult::note(): why no score, undecided caps.
  std::vector<ExplanationLine> lines;  ///< Every node, depth first in model order.
  std::string rounding;              ///< The rounding policy in words.
  /// How a veto places the unit in the ranking (IndicatorModel::veto_rank), in words; empty
  /// when no veto applies to the unit.
  std::string veto_rank;
  Language language = Language::kEn;  ///< The result's language (ScoringResult::language).
  /// The explanation in plain language, point by point.
  std::string text() const;
};

/// Explains unit `unit_id` of a result point by point.
/// @throws DataError when the id is not in the result.
STAFFEVAL_EXPORT Explanation explain(const ScoringResult& result, const Table& table,
                                     const std::string& unit_id);

/// Explains unit `unit` (an index into ScoringResult::unit_ids) point by point, without looking
/// its id up: what a report of every unit uses.
/// @throws OptionsError when `unit` is out of range or the result keeps less than full detail.
STAFFEVAL_EXPORT Explanation explain_at(const ScoringResult& result, const Table& table, std::size_t unit);

}  // namespace staffeval
