/// @file sensitivity.h
/// Sensitivity and uncertainty analyses of an evaluation: how far scores, ranks and grades move
/// when what the specification (uncertainty.h) calls uncertain moves.
#pragma once

#include <cstdint>
#include <functional>
#include <limits>
#include <optional>
#include <utility>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/export.h"
#include "staffeval/decision_matrix.h"
#include "staffeval/methods.h"
#include "staffeval/scoring.h"
#include "staffeval/sobol.h"
#include "staffeval/uncertainty.h"

namespace staffeval {

/// Called by a long analysis from the calling thread, now and then, with the work done and the
/// total (in the analysis's own units: samples, evaluations, weights); returning false stops the
/// analysis, which then throws Cancelled. Empty: no calls.
using Progress = std::function<bool(std::size_t done, std::size_t total)>;

/// Options of monte_carlo().
struct STAFFEVAL_EXPORT MonteCarloOptions {
  std::size_t samples = 1000;
  /// Seed of the samples: sample s draws from its own stream (seed, s), so results do not
  /// depend on the thread count.
  std::uint64_t seed = 1;
  int threads = 0;  ///< 0 = one per core.
  Progress progress;  ///< Reports and cancellation (see Progress).
  int top_k = 10;   ///< MonteCarloResult::top_k is P(rank <= top_k).
  /// Rank acceptability (SMAA) is reported for ranks 1..acceptability_ranks.
  int acceptability_ranks = 3;
  /// A unit's grade is robust when it holds in at least this share of samples. In (0, 1].
  double robust_share = 0.95;
  /// The evaluation's options (missing values, peer groups, rounding, coverage); `keep`,
  /// `threads` and `edge_weights` are set per sample.
  ScoringOptions scoring;
  /// Replay: samples x Plan::edges() edge weights (as MonteCarloResult::edge_samples wrote
  /// them) instead of drawing; `samples` is then their number.
  Eigen::MatrixXd replay;
};

/// Per unit (rows in the table's order) and overall. Statistics are over the samples in which
/// the unit has a score; a unit without a nominal score has NaN statistics.
/// How the samples that took each alternative of a modelling choice (UncertaintySpec::choices)
/// fared against the nominal result: a choice whose alternatives differ is one the ranking
/// depends on.
struct STAFFEVAL_EXPORT ChoiceEffect {
  std::string choice;                       ///< ModelChoice::label().
  std::vector<std::string> alternatives;    ///< As written (a blend: quarters of alpha's range).
  std::vector<std::size_t> samples;         ///< Samples that took each.
  std::vector<double> mean_abs_rank_shift;  ///< Over those samples' ranked units (NaN: none took it).
  std::vector<double> grade_change_share;   ///< Share of those samples' graded units whose grade
                                            ///< differs from the nominal one (NaN: no grades).
};

struct STAFFEVAL_EXPORT MonteCarloResult {
  std::vector<std::string> unit_ids, unit_names;
  std::vector<std::string> grade_names;  ///< The model's grades, best first.
  std::size_t samples = 0;
  /// True when the samples were scored as one matrix product of the leaves' shares and points
  /// (weight-only uncertainty of a model of weighted arithmetic means with no missing shares
  /// and no indicator rounding); false when each sample re-evaluated the plan.
  bool linear = false;
  std::string not_linear;  ///< When not linear: why (a group, rounding, a unit lacking an indicator).
  int top_k = 0;
  double robust_threshold = 0;
  /// samples x edges: the edge weights of every sample (write them out to replay).
  Eigen::MatrixXd edge_samples;
  /// One label per edge, `parent/child` (`top/child` at the top level), as edge_labels() gives.
  std::vector<std::string> edge_labels;
  Eigen::VectorXd nominal_score;
  std::vector<int> nominal_rank, nominal_grade;
  /// Score: mean, median, 5th and 95th percentiles (linear interpolation, NumPy's default).
  Eigen::VectorXd score_mean, score_median, score_p5, score_p95;
  /// Rank (competition ranks as the evaluation gives them, 1 = best): the same statistics.
  Eigen::VectorXd rank_mean, rank_median, rank_p5, rank_p95;
  Eigen::VectorXd top_k_probability;    ///< P(rank <= top_k).
  Eigen::MatrixXd grade_probability;    ///< units x grades.
  Eigen::MatrixXd rank_acceptability;   ///< units x acceptability ranks: P(rank == r).
  Eigen::VectorXd grade_stability;      ///< P(grade == nominal grade).
  /// SMAA central weights: the units that come first in at least one sample (ascending row
  /// numbers) and, per such unit, the mean edge weights of the samples in which it does
  /// (first_units.size() x edges): the typical weights that make that unit the best.
  std::vector<std::size_t> first_units;
  Eigen::MatrixXd central_weights;
  /// Mean over samples and units of |rank - nominal rank|.
  double mean_abs_rank_shift = 0;
  /// Share of the units with a nominal grade whose grade holds in >= robust_threshold of samples.
  double robust_share = 0;
  /// The units whose grade does not hold that often, least stable first.
  std::vector<std::size_t> fragile;
  /// One entry per modelling choice of the specification, in its order.
  std::vector<ChoiceEffect> choices;
  std::vector<std::string> warnings;
  /// Language of the reports: the scoring options', else the model's; English for a decision
  /// matrix. The warnings are English.
  Language language = Language::kEn;

  std::string brief_report() const;
  std::string full_report() const;
};

/// The labels of a plan's edges (Plan::edges() order): `parent/child`, `top/child` at the top level.
STAFFEVAL_EXPORT std::vector<std::string> edge_labels(const Plan& plan);

/// Weight samples read back from a table whose columns are edge labels (the file
/// samples_csv() writes, ids being sample numbers), in Plan::edges() order.
/// @throws DataError naming the file and the missing, extra or misplaced column, or a cell that is
///         missing or negative (with its line).
STAFFEVAL_EXPORT Eigen::MatrixXd edge_samples(const Table& table, const Plan& plan);

/// Monte Carlo uncertainty analysis of what the specification makes uncertain: every sample
/// takes one alternative of every modelling choice (the model with them in place, compiled once
/// per combination), draws the uncertain groups' weights around that model's weights (other
/// groups keep the weights of its nominal evaluation, data-driven ones included), applies the
/// rest (judgments, inclusion, thresholds, noise, missing-value policy) and evaluates.
/// @throws OptionsError for bad options, replay weights of the wrong shape, or replayed weights
///         with a choice of weighting (the replay would override it); ModelError when the
///         specification names a group the plan does not have; as evaluate(), naming the choice
///         and alternative under which an evaluation failed.
STAFFEVAL_EXPORT MonteCarloResult monte_carlo(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                              const MonteCarloOptions& options = {});

/// What samples [first, first + count) of a Monte Carlo analysis give, to be evaluated on other
/// machines and gathered: per sample (sample-major, `units` values each) the totals, ranks and
/// grades.
struct STAFFEVAL_EXPORT MonteCarloShard {
  std::size_t first = 0, count = 0, units = 0;
  std::vector<double> total;  ///< count x units; NaN: not scored.
  std::vector<int> rank;      ///< count x units; 0: not scored.
  std::vector<int> grade;     ///< count x units; -1: none.
};

/// Evaluates samples [first, first + count) of the analysis monte_carlo(plan, table, spec,
/// options) runs, each from its own random streams (seed, sample), through the same code: the
/// shard holds exactly the totals, ranks and grades that analysis computes for them.
/// @throws OptionsError when the range goes beyond options.samples (or the replayed samples);
///         as monte_carlo().
STAFFEVAL_EXPORT MonteCarloShard monte_carlo_samples(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                                     const MonteCarloOptions& options, std::size_t first, std::size_t count);

/// The analysis from shards computed elsewhere (monte_carlo_samples() with the same plan, table,
/// specification and options): the result is identical to monte_carlo()'s, for any split.
/// @throws OptionsError when the shards do not cover samples [0, samples) exactly once, or their
///         units differ from the table's; as monte_carlo().
STAFFEVAL_EXPORT MonteCarloResult monte_carlo(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                              const MonteCarloOptions& options, const std::vector<MonteCarloShard>& shards);

/// Options of sobol_analysis().
struct STAFFEVAL_EXPORT SobolAnalysisOptions {
  /// Base points n of the design: the plan is evaluated n (k + 2) times for k uncertain weights.
  std::size_t base = 1024;
  std::uint64_t seed = 1;  ///< Seed of the design's scrambling and of the bootstrap.
  int threads = 0;         ///< 0 = one per core.
  Progress progress;  ///< Reports and cancellation (see Progress).
  /// Units (ids) whose score and rank get indices; empty = every unit. Their outputs are kept
  /// (16 bytes per unit and run, at most 1 GiB).
  std::vector<std::string> units;
  /// Bootstrap resamples for the intervals of the mean absolute rank shift's indices, and of
  /// each unit's (0 = no intervals).
  int bootstrap = 1000;
  int unit_bootstrap = 100;
  double confidence = 0.95;
  /// The evaluation's options; `edge_weights` and `keep` are set per run.
  ScoringOptions scoring;
};

/// Variance-based sensitivity of the weights and modelling choices a specification makes
/// uncertain: every uncertain weight is one input, uniform on [0, 1) in a scrambled Sobol' design
/// and mapped onto its draw by the draw's quantile function (percent: w (1 + p (2u - 1));
/// Dirichlet and uniform simplex: Gamma quantiles, normalised within the group); every modelling
/// choice is one input too, its m alternatives the slices [a/m, (a+1)/m) of it (a blend's alpha
/// linear in it), the weights drawn around those of the run's alternatives. First-order (Saltelli 2010 and Jansen) and total
/// (Jansen) indices of the mean absolute rank shift against the nominal ranking, and of the score
/// and rank of every chosen unit.
struct STAFFEVAL_EXPORT SobolAnalysisResult {
  /// Of the reports and notes: the scoring options' language, else the model's; callers may set it.
  Language language = Language::kEn;
  std::vector<std::string> unit_ids, unit_names;
  /// The uncertain weights' edge labels, then the modelling choices' labels, in design order.
  std::vector<std::string> inputs;
  std::vector<int> input_edges;     ///< Their edges (Plan::edges() order); -1 for a choice.
  std::size_t base = 0, runs = 0;
  bool linear = false;
  std::string not_linear;
  Eigen::VectorXd nominal_score;
  std::vector<int> nominal_rank;
  SobolIndices rank_shift;
  /// Rows of the units analysed, and per such unit the indices of its score and of its rank.
  std::vector<std::size_t> units;
  std::vector<SobolIndices> score, rank;

  std::string brief_report() const;
  /// The inputs by total index for the rank shift, then per unit the input that drives its rank.
  std::string full_report() const;
};

/// @throws OptionsError for base < 2, an unknown unit id, too many outputs to keep, bad bootstrap
///         options or threads < 0; ModelError for a specification naming no group of the plan;
///         as evaluate().
STAFFEVAL_EXPORT SobolAnalysisResult sobol_analysis(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                                    const SobolAnalysisOptions& options = {});

/// What runs [first, first + count) of a Sobol' analysis's design give (SobolAnalysisResult::runs
/// in all), to be evaluated on other machines and gathered: per run (run-major, `units` values
/// each) the totals and ranks.
struct STAFFEVAL_EXPORT SobolShard {
  std::size_t first = 0, count = 0, units = 0;
  std::size_t runs = 0;       ///< Runs of the whole design (a shard of count 0 asks for it alone).
  std::vector<double> total;  ///< count x units.
  std::vector<int> rank;      ///< count x units; 0: not ranked.
};

/// Evaluates runs [first, first + count) of the design sobol_analysis(plan, table, spec, options)
/// evaluates, through the same code.
/// @throws OptionsError when the range goes beyond the design's runs; as sobol_analysis().
STAFFEVAL_EXPORT SobolShard sobol_runs(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                       const SobolAnalysisOptions& options, std::size_t first, std::size_t count);

/// The analysis from shards computed elsewhere (sobol_runs() with the same arguments): identical
/// to sobol_analysis()'s for any split.
/// @throws OptionsError when the shards do not cover every run exactly once or their units differ
///         from the table's; as sobol_analysis().
STAFFEVAL_EXPORT SobolAnalysisResult sobol_analysis(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                                    const SobolAnalysisOptions& options, const std::vector<SobolShard>& shards);

/// What is uncertain when a plain decision matrix is ranked by an evaluation method (the inputs
/// of `rank`): its criteria weights and the method's parameters.
struct STAFFEVAL_EXPORT MatrixUncertainty {
  /// A method parameter (method_parameters(): `v`, `rho`, `lambda`, `tau`) uniform on [low, high].
  struct Range {
    std::string parameter;
    double low = 0, high = 0;
  };
  /// The criteria weights, moved as a group's weights are (its `group` is not used); none = fixed.
  std::optional<WeightUncertainty> weights;
  std::vector<Range> parameters;
};

/// Monte Carlo of a decision matrix's ranking: every sample draws the weights and parameters
/// and ranks the units with the method (rank_alternatives()). Scores are the method's own
/// (MethodResult::score: closeness, VIKOR's Q where lower is better, ...); there are no grades,
/// so the result has no grade statistics and robust_share is NaN. `options.scoring` is not used;
/// `options.replay` holds samples x criteria weights. Weight samples come from the stream
/// (seed, s), parameters from a second stream of each sample, as in the model's analysis.
/// @throws OptionsError for weights of the wrong size or negative, a parameter the method does not
///         read or a range outside the parameter's; as rank_alternatives().
STAFFEVAL_EXPORT MonteCarloResult monte_carlo(const DecisionMatrix& matrix, const Eigen::VectorXd& weights,
                                              const MethodOptions& method, const MatrixUncertainty& uncertainty,
                                              const MonteCarloOptions& options = {});

/// Sobol' indices of a decision matrix's ranking: each criterion's weight (when the weights are
/// uncertain: placed by the draw's quantile function, as a model's are) and each method parameter
/// (uniform on its range) is one input, labelled by the criterion and `parameter NAME`. Scores
/// are the method's own. `options.scoring` is not used.
/// @throws OptionsError as sobol_analysis() and as monte_carlo() for a decision matrix.
STAFFEVAL_EXPORT SobolAnalysisResult sobol_analysis(const DecisionMatrix& matrix, const Eigen::VectorXd& weights,
                                                    const MethodOptions& method, const MatrixUncertainty& uncertainty,
                                                    const SobolAnalysisOptions& options = {});

/// How the other weights of a group make room when one weight moves.
enum class Rescale {
  kProportional,  ///< `proportional`: in proportion to their nominal weights (their ratios hold).
  kEqual,         ///< `equal`: by equal amounts; a step that would take one below 0 is not run.
};
template <>
STAFFEVAL_EXPORT const EnumTable<Rescale>& enum_table<Rescale>();
STAFFEVAL_EXPORT std::string_view to_string(Rescale v);

/// Options of one_at_a_time().
struct STAFFEVAL_EXPORT OatOptions {
  /// The relative changes of each weight, from `low` to `high` in `steps` equal steps
  /// (-0.5 to 0.5 in 10 steps: -50%, -40%, ..., +50%; 0 is always included when in range).
  double low = -0.5, high = 0.5;
  int steps = 10;
  Rescale rescale = Rescale::kProportional;
  /// The evaluation's options; `edge_weights` and `keep` are set per step.
  ScoringOptions scoring;
  int threads = 0;  ///< 0 = one per core.
  Progress progress;  ///< Reports and cancellation (see Progress).
};

/// Every weight (edge of the plan) moved one at a time over the changes, the others of its
/// group making room. Steps are columns e * changes.size() + s of the unit matrices.
struct STAFFEVAL_EXPORT OatResult {
  std::vector<std::string> unit_ids, grade_names;
  std::vector<std::string> edge_labels;  ///< The moved weights (`parent/child`).
  std::vector<double> changes;           ///< Relative changes, e.g. -0.5 ... 0.5.
  Eigen::VectorXd nominal_score;
  std::vector<int> nominal_rank, nominal_grade;
  /// units x (edges x changes): score, rank (0 = none) and grade (-1 = none) at every step; a step
  /// that cannot be run (a weight below 0 under equal rescaling) has NaN scores and rank 0.
  Eigen::MatrixXd score;
  Eigen::MatrixXi rank, grade;
  /// edges x changes: mean |rank - nominal rank| and the number of units whose grade changes
  /// (NaN and -1 for steps not run).
  Eigen::MatrixXd mean_abs_rank_shift;
  Eigen::MatrixXi grade_changes;
  /// Per unit, the weight (edge index) whose smallest change on the grid changes the unit's
  /// grade, and that change (-1 and NaN when no change on the grid does): the weight that
  /// decides a unit on a grade boundary.
  std::vector<int> deciding_edge;
  std::vector<double> deciding_change;

  std::size_t column(std::size_t edge, std::size_t step) const { return edge * changes.size() + step; }
  /// Language of the reports: the scoring options', else the model's; English for a decision matrix.
  Language language = Language::kEn;
  std::string brief_report() const;
  /// The tornado: each weight's largest mean rank shift and grade changes over its range, largest first.
  std::string full_report() const;
};

/// @throws OptionsError for low > high, low < -1, steps < 1 or threads < 0; as evaluate().
STAFFEVAL_EXPORT OatResult one_at_a_time(const Plan& plan, const Table& table, const OatOptions& options = {});
/// The same for a decision matrix ranked by `method`: its criteria are the edges, all in one
/// group; scores are the method's own; there are no grades. `options.scoring` is not used.
/// @throws OptionsError as above, or for weights of the wrong size or negative; as
///         rank_alternatives().
STAFFEVAL_EXPORT OatResult one_at_a_time(const DecisionMatrix& matrix, const Eigen::VectorXd& weights,
                                         const MethodOptions& method, const OatOptions& options = {});

/// Options of critical_changes().
struct STAFFEVAL_EXPORT CriticalOptions {
  Rescale rescale = Rescale::kProportional;
  /// Pairs of unit ids: for each weight, the smallest change that swaps the two.
  std::vector<std::pair<std::string, std::string>> pairs;
  /// For each weight, the smallest change that changes the set of the top k units (0 = none).
  int top_k = 10;
  /// Where the total is not linear in the weights: the grid scanned over each direction of a
  /// weight's range before bisection, and the bisection's final bracket (relative change).
  int grid = 40;
  double tolerance = 1e-6;
  /// The evaluation's options; `edge_weights` and `keep` are set per change.
  ScoringOptions scoring;
  int threads = 0;  ///< 0 = one per core.
  Progress progress;  ///< Reports and cancellation (see Progress).
};

/// The smallest decrease and increase of one weight at which something happens: `down` <= 0
/// and `up` >= 0 relative changes (w (1 + change)), NaN when nothing happens within the weight's
/// range. At the change itself the event has happened (a unit reaches the next band or ties the
/// other unit) or happens just beyond it (a unit falls below its band's minimum).
struct STAFFEVAL_EXPORT CriticalPair {
  double down = std::numeric_limits<double>::quiet_NaN();
  double up = std::numeric_limits<double>::quiet_NaN();
};

/// Critical weight changes: for each weight (edge), the smallest change that changes each unit's
/// grade, swaps each given pair, or changes the top k. Exact where the total is linear in the
/// weight (every group a weighted arithmetic mean, no unit missing an indicator, no indicator
/// rounding): the unit's total is a line in the change, its crossing with the band minimum or the
/// other unit is solved, and under rounding of totals or caps the change is confirmed (and if
/// need be moved) on the rounded, capped result. Otherwise found by a grid scan and bisection
/// (`exact` is false and the changes are brackets to `tolerance`).
struct STAFFEVAL_EXPORT CriticalResult {
  /// Of the reports and notes: the scoring options' language, else the model's; callers may set it.
  Language language = Language::kEn;
  std::vector<std::string> unit_ids, unit_names, grade_names;
  std::vector<std::string> edge_labels;
  bool exact = false;
  std::string not_linear;  ///< When not exact: why the totals are not linear in the weights.
  Rescale rescale = Rescale::kProportional;
  int top_k = 0;
  Eigen::VectorXd nominal_score;
  std::vector<int> nominal_rank, nominal_grade;
  /// Per edge, the range of relative changes that keeps every weight of its group >= 0.
  std::vector<double> range_low, range_high;
  /// units x edges: the grade changes (and the grade reached, -1 = none) going down and up.
  Eigen::MatrixXd grade_down, grade_up;
  Eigen::MatrixXi grade_to_down, grade_to_up;
  /// Per unit, the edge and change of smallest |change| over grade_down and grade_up (-1, NaN: none).
  std::vector<int> deciding_edge;
  std::vector<double> deciding_change;
  /// Per edge, the top k changes.
  std::vector<CriticalPair> top_k_change;
  /// pairs[p] (unit rows) and, per pair and edge, the swap.
  std::vector<std::pair<std::size_t, std::size_t>> pairs;
  std::vector<std::vector<CriticalPair>> pair_swap;

  std::string brief_report() const;
  /// Per weight the units it decides and the top k change; the units closest to a grade change.
  std::string full_report() const;
};

/// @throws OptionsError for a pair naming an unknown unit, top_k < 0, grid < 1, tolerance <= 0 or
///         threads < 0; as evaluate().
STAFFEVAL_EXPORT CriticalResult critical_changes(const Plan& plan, const Table& table, const CriticalOptions& options = {});
/// The same for a decision matrix ranked by `method` (its criteria the edges, in one group): the
/// top k and pairs by the method's ranking (its index, higher is better), by scan and bisection
/// (a method is not linear in the weights); there are no grades. `options.scoring` is not used.
/// @throws OptionsError as above, or for weights of the wrong size or negative; as
///         rank_alternatives().
STAFFEVAL_EXPORT CriticalResult critical_changes(const DecisionMatrix& matrix, const Eigen::VectorXd& weights,
                                                 const MethodOptions& method, const CriticalOptions& options = {});

/// Options of removal().
struct STAFFEVAL_EXPORT RemovalOptions {
  /// The evaluation's options; `edge_weights` and `keep` are set per removal.
  ScoringOptions scoring;
  int threads = 0;  ///< 0 = one per core.
  Progress progress;  ///< Reports and cancellation (see Progress).
  /// Also remove each group (with everything below it), after the indicators.
  bool groups = true;
};

/// Each indicator (and group) removed in turn, its siblings' weights renormalised: how far ranks
/// and grades move. Removed nodes are in model order, indicators first.
struct STAFFEVAL_EXPORT RemovalResult {
  /// Of the reports and notes: the scoring options' language, else the model's; callers may set it.
  Language language = Language::kEn;
  std::vector<std::string> unit_ids, unit_names, grade_names;
  std::vector<std::string> removed;  ///< Node ids.
  std::vector<std::string> removed_names;
  Eigen::VectorXd nominal_score;
  std::vector<int> nominal_rank, nominal_grade;
  /// units x removed nodes: score, rank (0 = no score) and grade (-1 = none) without the node.
  Eigen::MatrixXd score;
  Eigen::MatrixXi rank, grade;
  /// Per removed node: mean and largest |rank - nominal rank| over the units scored both ways,
  /// and the units whose grade changes.
  Eigen::VectorXd mean_abs_rank_shift, max_abs_rank_shift;
  std::vector<std::vector<std::size_t>> grade_changes;

  std::string brief_report() const;
  /// The removed nodes by mean rank shift, largest first, with the units whose grade changes.
  std::string full_report() const;
};

/// @throws OptionsError for threads < 0; as evaluate().
STAFFEVAL_EXPORT RemovalResult removal(const Plan& plan, const Table& table, const RemovalOptions& options = {});
/// The same for a decision matrix ranked by `method`: each criterion removed in turn (its weight
/// 0); a matrix has no groups, so `options.groups` has nothing to add, and `options.scoring` is
/// not used. @throws OptionsError for weights of the wrong size or negative; as rank_alternatives().
STAFFEVAL_EXPORT RemovalResult removal(const DecisionMatrix& matrix, const Eigen::VectorXd& weights,
                                       const MethodOptions& method, const RemovalOptions& options = {});

}  // namespace staffeval
