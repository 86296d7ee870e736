/// @file indicator_sets.h
/// Benchmarking indicator sets against each other: a hierarchical model flattened into a
/// single-level one whose indicators carry their effective weights, and two evaluations of the
/// same units compared (rank correlations, rank shifts, grade agreement).
#pragma once

#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/enum_table.h"
#include "staffeval/export.h"
#include "staffeval/model.h"
#include "staffeval/scoring.h"
#include "staffeval/sensitivity.h"

namespace staffeval {

/// A model flattened into one level (flatten()).
struct STAFFEVAL_EXPORT FlattenResult {
  /// The single-level model: the leaves in model order, each weighted by its effective weight
  /// (points x the total in a points model), with every other setting kept (fields, rules with
  /// their full marks made explicit, missing-value policies, caps, grades, rounding, coverage).
  IndicatorModel model;
  std::vector<std::string> indicators;  ///< The leaves, in model order.
  /// Effective (global) weight of each: the product of the normalised weights along each path
  /// from the top, summed over the paths of an indicator under several groups; sums to 1.
  Eigen::VectorXd weights;
  /// True when the flat model scores as the hierarchy does: every group (and the top level) a
  /// weighted arithmetic mean. Otherwise `notes` says which groups it approximates, and how.
  bool exact = true;
  /// What the flat model approximates, and when its totals can differ (non-arithmetic groups,
  /// missing values skipped within a group).
  std::vector<std::string> notes;
  /// Of the report and notes: the model's (model_language()); callers may set it.
  Language language = Language::kEn;

  std::string brief_report() const;
  /// The indicators with their effective weights and points, then the notes.
  std::string full_report() const;
};

/// Flattens a model whose weights do not depend on the data (written, AHP, rank order), with
/// the weights its hierarchy gives (model_weights()).
/// @throws ModelError for an invalid model; OptionsError when a group's weights come from the
///         data (flatten an evaluation's result instead).
/// `language` (of the report and notes) unset: the model's (model_language()).
STAFFEVAL_EXPORT FlattenResult flatten(const IndicatorModel& model, std::optional<Language> language = std::nullopt);
/// Flattens the model of an evaluation with the weights that evaluation used (data-driven ones
/// as computed on its data, or ScoringOptions::edge_weights).
STAFFEVAL_EXPORT FlattenResult flatten(const ScoringResult& result);

/// Options of redundancy().
struct STAFFEVAL_EXPORT RedundancyOptions {
  /// Pairs of indicators whose Pearson or Spearman correlation reaches this (in absolute value)
  /// are flagged as possibly redundant.
  double threshold = 0.9;
  /// An indicator at full marks for at least this share of units barely discriminates.
  double full_marks_share = 0.8;
  /// An indicator whose shares' standard deviation is below this (on the 0-1 share scale) is
  /// near-constant.
  double near_constant_sd = 0.01;
  /// Also remove each indicator in turn (sensitivity removal()): its impact on ranks and grades.
  bool removal = true;
  ScoringOptions scoring;  ///< The evaluation's options.
  int threads = 0;         ///< 0 = one per core.
};

/// How much the indicators of a model say the same thing, and how much each one tells units apart.
struct STAFFEVAL_EXPORT RedundancyResult {
  /// Of the reports and notes: the scoring options' language, else the model's; callers may set it.
  Language language = Language::kEn;
  std::vector<std::string> indicators, names;  ///< The leaves, in model order.
  /// Correlations of the indicators' shares over the units (pairwise complete: a unit missing
  /// either is left out of that pair; NaN when fewer than 3 units or no spread).
  Eigen::MatrixXd pearson, spearman;
  struct Pair {
    std::size_t a = 0, b = 0;
    double pearson = 0, spearman = 0;
  };
  std::vector<Pair> flagged;  ///< Pairs at or above the threshold, strongest first.
  /// Cronbach's alpha of each group's children (their scores, 0-100: shares x 100 for
  /// indicators), over the units with every child scored, and alpha with each child left out.
  struct GroupAlpha {
    std::string group;  ///< Group id; empty for the top level.
    std::vector<std::string> items;
    std::size_t units = 0;
    double alpha = 0;
    std::vector<double> alpha_if_dropped;
  };
  std::vector<GroupAlpha> alphas;
  /// PCA of the Pearson correlation matrix: each component's share of the variance, largest first.
  Eigen::VectorXd explained;
  /// Per indicator: the standard deviation of its shares, the share of units at full marks,
  /// and whether it barely discriminates (near-constant, or at full marks too often).
  Eigen::VectorXd sd, full_share;
  std::vector<std::size_t> weak;
  /// Each indicator removed in turn (when asked): rank and grade changes.
  RemovalResult removal;
  bool has_removal = false;
  double threshold = 0;

  std::string brief_report() const;
  std::string full_report() const;
};

/// Redundancy of a model's indicators on a data set.
/// @throws OptionsError for bad options; as evaluate().
STAFFEVAL_EXPORT RedundancyResult redundancy(const Plan& plan, const Table& table, const RedundancyOptions& options = {});

/// One evaluation's verdict on each unit, as compare() reads it.
struct STAFFEVAL_EXPORT Ranking {
  std::string label;                  ///< What it is: a model id, a file name.
  std::vector<std::string> unit_ids;
  /// Either scores (higher is better) or ranks (1 = best; ties allowed), one per unit; NaN where
  /// the unit has none (it is then left out of the comparison).
  std::vector<double> value;
  bool higher_is_better = true;       ///< False when `value` holds ranks.
  std::vector<std::string> grade;     ///< Per unit, its grade's name ("" = none); may be empty.
  std::vector<std::string> grade_names;  ///< Best first, for the order of the agreement matrix.
};

/// The ranking of an evaluation: its totals, grades and the model's grade names.
STAFFEVAL_EXPORT Ranking ranking_of(const ScoringResult& result, const std::string& label);

/// Options of compare().
struct STAFFEVAL_EXPORT CompareOptions {
  int top_k = 10;        ///< The overlap of the two top k (competition ranks: ties at k are in).
  int bootstrap = 1000;  ///< Resamples of the units for the intervals (0 = none).
  double confidence = 0.95;
  std::uint64_t seed = 1;
};

/// A percentile bootstrap interval (NaN when not computed or undefined).
struct STAFFEVAL_EXPORT Interval {
  double low = std::numeric_limits<double>::quiet_NaN(), high = std::numeric_limits<double>::quiet_NaN();
};

/// Two evaluations of the same units compared: rank correlations, shifts and grade agreement.
/// Ranks are average ranks (ties share the mean of their positions) among the units both
/// evaluations score.
struct STAFFEVAL_EXPORT Comparison {
  std::string label_a, label_b;
  /// Of the reports: a's (compare() of two evaluations), else English; callers may set it.
  Language language = Language::kEn;
  std::vector<std::string> unit_ids;       ///< Units scored by both, in a's order.
  std::vector<std::string> only_a, only_b; ///< Units one of them does not score (not compared).
  std::vector<double> rank_a, rank_b;      ///< Average ranks, 1 = best.
  double spearman = 0;       ///< Spearman's rho: Pearson's correlation of the average ranks.
  double kendall_tau_a = 0;  ///< (C - D) / (n (n - 1) / 2).
  double kendall_tau_b = 0;  ///< (C - D) / sqrt((n0 - n1)(n0 - n2)), ties in either corrected.
  double gamma = 0;          ///< Goodman-Kruskal: (C - D) / (C + D).
  double weighted_rank = 0;  ///< r_w (Pinto da Costa & Soares 2005): differences at the top weigh more.
  double ws = 0;             ///< WS rank similarity (Sałabun & Urbaniak 2020), a as the reference.
  Interval spearman_interval, tau_b_interval, kappa_interval, kappa_linear_interval;
  int top_k = 0;
  std::size_t top_k_common = 0;  ///< Units in both top k.
  double top_k_overlap = 0;      ///< top_k_common / the larger of the two top k.
  double mean_abs_rank_shift = 0, max_abs_rank_shift = 0;  ///< |rank_b - rank_a| over the units.
  /// Grade agreement, when both give grades: the grades in order (a's, then any only b has),
  /// the table of a's grade (rows) against b's (columns), the share that agree, Cohen's kappa
  /// unweighted and linearly weighted (NaN when undefined: every unit in one grade in both), and
  /// the units whose grade differs (indices into unit_ids).
  std::vector<std::string> grade_names;
  Eigen::MatrixXi grade_table;
  double grade_agreement = std::numeric_limits<double>::quiet_NaN();
  double kappa = std::numeric_limits<double>::quiet_NaN(), kappa_linear = std::numeric_limits<double>::quiet_NaN();
  std::vector<std::size_t> grade_changes;
  std::vector<std::string> grade_a, grade_b;  ///< Per compared unit ("" = none).
  /// The collection burden of each side, when both are evaluations of models (else
  /// has_burden is false): the slim model's savings next to the fidelity it keeps.
  bool has_burden = false;
  Burden burden_a, burden_b;
  /// Which indicators of a correspond to which of b (two models): from a mapping, or inferred
  /// from the raw fields they read (every pair sharing a field, with the fields shared), and
  /// the indicators of each with no counterpart.
  struct Match {
    std::string a, b;
    std::vector<std::string> shared_fields;  ///< Empty for a pair from a mapping.
  };
  std::vector<Match> correspondence;
  std::string correspondence_from;  ///< `mapping` (a file's name), `shared fields`, or empty.
  std::vector<std::string> unmatched_a, unmatched_b;

  std::string brief_report() const;
  /// The coefficients with their intervals, the grade table and the units whose grade changes.
  std::string full_report() const;
};

/// Compares two evaluations of the same units (matched by id).
/// @throws DataError when an id appears twice in one of them, when fewer than 3 units are
///         scored by both, or when a value is not finite and not NaN; OptionsError for bad
///         options.
STAFFEVAL_EXPORT Comparison compare(const Ranking& a, const Ranking& b, const CompareOptions& options = {});
/// Compares two evaluations (two models on one data set, or one model on two), with each
/// model's collection burden and, for two different models, their indicators' correspondence
/// inferred from the raw fields they share.
STAFFEVAL_EXPORT Comparison compare(const ScoringResult& a, const std::string& label_a, const ScoringResult& b,
                                    const std::string& label_b, const CompareOptions& options = {});

/// Sets the correspondence of two compared models' indicators from a mapping (pairs of
/// indicator ids, a's first; an empty id: no counterpart), named `source` in reports.
/// @throws DataError naming the pair whose id neither model has (`what` says where it was read).
STAFFEVAL_EXPORT void set_correspondence(Comparison& comparison, const std::vector<std::pair<std::string, std::string>>& mapping,
                                         const std::vector<std::string>& what, const std::string& source);

/// How reduce() searches.
enum class ReduceSearch {
  kAuto,        ///< `auto`: exhaustive up to 12 removable indicators, beam search beyond.
  kGreedy,      ///< `greedy`: backward elimination only.
  kBeam,        ///< `beam`: the `beam_width` best sets of each size carried to the next.
  kExhaustive,  ///< `exhaustive`: every set (refused beyond 20 removable indicators).
};
template <>
STAFFEVAL_EXPORT const EnumTable<ReduceSearch>& enum_table<ReduceSearch>();
STAFFEVAL_EXPORT std::string_view to_string(ReduceSearch v);

/// How reduce() weighs the indicators a set keeps.
enum class ReduceWeights {
  /// `renormalise`: each kept indicator keeps its effective weight in the reference, the
  /// weights rescaled to add up again (a points model's to its total).
  kRenormalise,
  /// `rederive`: the reference without the left-out indicators (without_indicators()), each
  /// group's weights re-derived by its own method (AHP on the remaining judgments, rank order,
  /// objective methods on the remaining children, written weights within their group), then
  /// evaluated and flattened with the weights that evaluation used.
  kRederive,
};
template <>
STAFFEVAL_EXPORT const EnumTable<ReduceWeights>& enum_table<ReduceWeights>();
STAFFEVAL_EXPORT std::string_view to_string(ReduceWeights v);

/// The model without the indicators `ids` (leaves), each group's weights re-derived by its own
/// method: AHP judgment matrices lose the rows and columns of the removed children, orders of
/// importance lose them, objective methods weigh the remaining children, and written weights
/// are renormalised within their group (a points model's kept children scaled to the group's
/// points, the top level to the total, with full marks made explicit). A group left without
/// children goes too. Every other setting is kept.
/// @throws OptionsError for an id that is not an indicator of the model, or when nothing would
///         remain; ModelError for an invalid hierarchy.
STAFFEVAL_EXPORT IndicatorModel without_indicators(const IndicatorModel& model, const std::vector<std::string>& ids);

/// Options of reduce().
struct STAFFEVAL_EXPORT ReduceOptions {
  /// The fidelity a reduced model must keep to the reference: Kendall's tau-b of the totals and
  /// the share of units whose grade is the same.
  double min_tau_b = 0.9;
  double min_grade_agreement = 0.9;
  std::vector<std::string> pinned;  ///< Indicators that must stay.
  ReduceSearch search = ReduceSearch::kAuto;
  int beam_width = 5;
  ReduceWeights weights = ReduceWeights::kRenormalise;
  /// Cross-validation over units: the search runs on all but one of `folds` parts and the chosen
  /// set's fidelity is measured on the part left out (0 = none; at least 2 otherwise).
  int folds = 5;
  std::uint64_t seed = 1;  ///< Of the folds' assignment.
  ScoringOptions scoring;
  int threads = 0;
};

/// One set of indicators with its fidelity to the reference and its burden.
struct STAFFEVAL_EXPORT ReducedSet {
  std::vector<std::string> indicators;
  double tau_b = 0, grade_agreement = 0;
  double minutes_per_unit = 0;  ///< Collection time of its fields (and the caps').
  std::size_t fields = 0;
  /// Why the set could not be scored (weights re-derived: e.g. the remaining AHP judgments
  /// are inconsistent); empty when it was. Such a set is never chosen.
  std::string rejected;
};

/// The smallest-burden single-level model that keeps the target fidelity to a reference model.
struct STAFFEVAL_EXPORT ReduceResult {
  /// Of the reports and notes: the scoring options' language, else the model's; callers may set it.
  Language language = Language::kEn;
  ReducedSet reference;                 ///< All indicators (fidelity 1, unless missing values are skipped within groups).
  std::vector<ReducedSet> trajectory;   ///< Greedy backward elimination, one removal per step.
  std::vector<std::string> removed;     ///< The indicator each step removed.
  bool found = false;                   ///< Whether any set meets the target.
  ReducedSet chosen;                    ///< The least burden meeting it (then fewer indicators, then fidelity).
  std::size_t evaluated = 0;            ///< Sets evaluated.
  std::string search;                   ///< How: `exhaustive`, `beam (width 5)`, `greedy`.
  /// Cross-validated fidelity of the search (folds > 0): per fold, the held-out tau-b and grade
  /// agreement of the set chosen on the other folds, and their means.
  std::vector<double> fold_tau_b, fold_grade_agreement;
  double cv_tau_b = std::numeric_limits<double>::quiet_NaN(), cv_grade_agreement = std::numeric_limits<double>::quiet_NaN();
  ReduceWeights weights = ReduceWeights::kRenormalise;
  /// The chosen set as a single-level model: weights renormalised, or (re-derived) the weights
  /// the pruned reference's evaluation used on this data.
  IndicatorModel model;
  /// Weights re-derived: the chosen set as the reference without the other indicators
  /// (without_indicators()), its methods kept, to score other data with; else empty.
  IndicatorModel pruned;
  /// Sets that could not be scored (weights re-derived), and the first one's reason.
  std::size_t rejected = 0;
  std::string first_rejection;
  /// What the single-level model approximates (flatten()'s notes, weights re-derived).
  std::vector<std::string> notes;
  double min_tau_b = 0, min_grade_agreement = 0;
  /// The chosen model's fidelity to the reference on a second data set (another year), when
  /// one was given and a set was chosen.
  bool has_holdout = false;
  std::string holdout_file;
  double holdout_tau_b = std::numeric_limits<double>::quiet_NaN();
  double holdout_grade_agreement = std::numeric_limits<double>::quiet_NaN();

  std::string brief_report() const;
  std::string full_report() const;
};

/// Searches for the single-level model (the reference flattened, then indicators left out with
/// their weights renormalised or re-derived: ReduceOptions::weights) with the least collection burden that keeps `min_tau_b` and
/// `min_grade_agreement` to the reference's totals and grades on `table`.
/// @throws OptionsError for bad options or a pinned id the model does not have; as evaluate().
STAFFEVAL_EXPORT ReduceResult reduce(const Plan& reference, const Table& table, const ReduceOptions& options = {});
/// The same, and the chosen model's fidelity on `holdout` (a second data set of the same
/// fields: another year's), both models evaluated on it (weights re-derived: the pruned
/// reference, its data-driven weights derived on `holdout`).
STAFFEVAL_EXPORT ReduceResult reduce(const Plan& reference, const Table& table, const Table& holdout,
                                     const ReduceOptions& options = {});

}  // namespace staffeval
