/// @file weighting.h
/// Weights: AHP judgments (single experts and panels), objective weights from data, rank-order
/// weights, and combinations of subjective and objective weights.
///
/// Every method returns weights that sum to 1 together with its diagnostics; every convention on
/// which published implementations disagree is an option with a stated default.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "staffeval/decision_matrix.h"
#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/types.h"

namespace staffeval {

// ---------------------------------------------------------------------------------------------
// AHP

/// A pairwise judgment matrix: a_ij says how much more important element i is than element j
/// (Saaty's 1-9 scale and reciprocals). NaN marks a missing judgment (a blank cell).
struct STAFFEVAL_EXPORT JudgmentMatrix {
  std::string file;                ///< File (or model node) for messages.
  std::vector<std::string> names;  ///< Element names, in row order.
  Eigen::MatrixXd values;          ///< n x n, NaN where a judgment is missing.
  std::vector<std::size_t> lines;  ///< File line of each row (empty when not read from a file).

  std::size_t size() const { return names.size(); }
  /// Location of cell (i, j) for messages: `file:line: row "a", column "b"`.
  std::string cell(std::size_t i, std::size_t j) const;
};

/// Reads a judgment matrix from a square CSV: the element names in the first row (after an empty
/// corner cell) and in the first column, in the same order; a blank cell is a missing judgment.
/// Cells may be numbers or fractions (`1/3`). The diagonal may be blank (it is 1).
/// @throws DataError naming file, line and cell for an unreadable file, a cell that is not a
///         number, names that differ between the first row and the first column, a matrix that
///         is not square.
STAFFEVAL_EXPORT JudgmentMatrix read_judgment_matrix(const std::string& path);
/// Parses judgment-matrix CSV text already in memory; `name` is used as the file name.
STAFFEVAL_EXPORT JudgmentMatrix parse_judgment_matrix(std::string_view csv, const std::string& name);

/// Checks a judgment matrix: square, names unique, every given judgment finite and > 0, the
/// diagonal 1, a_ij * a_ji = 1 within `tolerance` (relative), a missing judgment missing on both
/// sides, and the known judgments connecting every element (else weights are not determined).
/// @throws DataError naming the offending cell.
STAFFEVAL_EXPORT void check_judgments(const JudgmentMatrix& m, double tolerance = 0.01);

/// How priorities are derived from a (complete) judgment matrix.
enum class PriorityMethod {
  kEigenvector,    ///< `eigenvector`: the principal (Perron) eigenvector, Saaty (1977). Default.
  kGeometricMean,  ///< `geometric_mean`: normalised row geometric means (Crawford & Williams 1985).
  kColumnAverage,  ///< `column_average`: row means of the column-normalised matrix (Saaty's
                   ///< approximation, "normalised column average").
};

/// The random-index table that turns CI into CR = CI / RI(n).
enum class RandomIndexTable {
  kSaaty1980,         ///< `saaty1980`: Saaty, The Analytic Hierarchy Process (1980), n <= 11.
  kSaaty2005,         ///< `saaty2005`: Saaty, Theory and Applications of the ANP (2005), p. 31, n <= 15.
  kDoneganDodd1991,   ///< `donegan-dodd`: Donegan & Dodd, Math. Comput. Modelling 15(10), 1991,
                      ///< n <= 100 (linear interpolation between the tabulated sizes).
  kAlonsoLamata2006,  ///< `alonso-lamata`: Alonso & Lamata, Int. J. Uncertainty, Fuzziness and
                      ///< Knowledge-Based Systems 14(4), 2006, n <= 15.
};

/// How missing judgments are completed before priorities are derived.
enum class Completion {
  kLlsm,       ///< `llsm`: logarithmic least squares over the known judgments (Kwiesielewicz 1996;
               ///< Bozóki, Fülöp & Rónyai 2010): a_ij = w_i / w_j with w minimising
               ///< sum over known (ln a_ij - ln w_i + ln w_j)^2. Default: unique and closed-form.
  kHarker,     ///< `harker`: Harker (1987): the eigenvector of the matrix with blanks set to 0
               ///< and 1 + (blanks in the row) on the diagonal; a_ij = w_i / w_j.
  kLambdaMin,  ///< `lambda_min`: the completion minimising lambda_max (Bozóki, Fülöp & Rónyai
               ///< 2010), by cyclic coordinate search on the log of each missing judgment.
};

/// How a panel of experts is combined.
enum class PanelAggregation {
  kAij,  ///< `aij`: aggregation of individual judgments: element-wise weighted geometric mean
         ///< of the matrices (Forman & Peniwati 1998), then one AHP. Default.
  kAip,  ///< `aip`: aggregation of individual priorities: each expert's weights, then a weighted
         ///< geometric (default) or arithmetic mean, renormalised.
};

/// Mean used to aggregate individual priorities (AIP).
enum class PanelMean { kGeometric, kArithmetic };

template <>
STAFFEVAL_EXPORT const EnumTable<PriorityMethod>& enum_table<PriorityMethod>();
template <>
STAFFEVAL_EXPORT const EnumTable<RandomIndexTable>& enum_table<RandomIndexTable>();
template <>
STAFFEVAL_EXPORT const EnumTable<Completion>& enum_table<Completion>();
template <>
STAFFEVAL_EXPORT const EnumTable<PanelAggregation>& enum_table<PanelAggregation>();
template <>
STAFFEVAL_EXPORT const EnumTable<PanelMean>& enum_table<PanelMean>();
STAFFEVAL_EXPORT std::string_view to_string(PriorityMethod v);
STAFFEVAL_EXPORT std::string_view to_string(RandomIndexTable v);
STAFFEVAL_EXPORT std::string_view to_string(Completion v);
STAFFEVAL_EXPORT std::string_view to_string(PanelAggregation v);
STAFFEVAL_EXPORT std::string_view to_string(PanelMean v);
STAFFEVAL_EXPORT std::optional<PriorityMethod> parse_priority_method(std::string_view s);
STAFFEVAL_EXPORT std::optional<RandomIndexTable> parse_random_index(std::string_view s);
STAFFEVAL_EXPORT std::optional<Completion> parse_completion(std::string_view s);
STAFFEVAL_EXPORT std::optional<PanelAggregation> parse_panel_aggregation(std::string_view s);
STAFFEVAL_EXPORT std::optional<PanelMean> parse_panel_mean(std::string_view s);

/// RI(n) from a table. n <= 2 gives 0. Beyond the table's largest n, RI follows Alonso &
/// Lamata's fit of the mean random lambda_max, (1.7699 n - 4.3513) / (n - 1), and `*source`
/// (when given) says so.
STAFFEVAL_EXPORT double random_index(std::size_t n, RandomIndexTable table, std::string* source = nullptr);

/// Options of ahp().
struct STAFFEVAL_EXPORT AhpOptions {
  /// Priority derivation. The eigenvector is Saaty's method and the one CR is defined for.
  PriorityMethod priority = PriorityMethod::kEigenvector;
  /// Random-index table for CR. Saaty (1980) is the table most offices and textbooks print.
  RandomIndexTable random_index = RandomIndexTable::kSaaty1980;
  /// CR at or above this is inconsistent. Saaty's 0.1. Range (0, 1).
  double threshold = 0.1;
  /// Completion of missing judgments (only used when some are missing).
  Completion completion = Completion::kLlsm;
  /// Relative tolerance of the reciprocity check a_ij * a_ji = 1, so that 0.333 passes for 1/3.
  /// Range [0, 0.1].
  double reciprocal_tolerance = 0.01;
  /// How many of the judgments contributing most to the inconsistency are reported. >= 0.
  int top_judgments = 3;
  /// For an inconsistent matrix, search the smallest revision on the 1-9 scale that brings CR
  /// under the threshold.
  bool suggest_revision = true;
  /// Language of the warnings and reports; unset: Chinese when the elements' names are Chinese.
  std::optional<Language> language;

  /// @throws OptionsError naming the field, value and rule.
  void validate() const;
};

/// One judgment and its part in the inconsistency: with e = a_ij w_j / w_i,
/// lambda_max - n = (1/n) sum over i<j of (e + 1/e - 2) for the eigenvector, so each judgment's
/// share of CI is (e + 1/e - 2) / (n (n - 1)).
struct STAFFEVAL_EXPORT JudgmentDiagnostic {
  std::size_t row = 0, col = 0;
  double value = 0.0;       ///< a_ij as given (or completed).
  double consistent = 0.0;  ///< w_i / w_j: the value consistent with the weights.
  double ci_share = 0.0;    ///< this judgment's part of CI (the parts sum to CI).
};

/// One step of a suggested revision: judgment (row, col) moves from `from` to `to`.
struct STAFFEVAL_EXPORT RevisionStep {
  std::size_t row = 0, col = 0;
  double from = 0.0, to = 0.0;
  double cr_after = 0.0;  ///< CR once this and the earlier steps are applied.
};

/// Result of ahp().
struct STAFFEVAL_EXPORT AhpResult {
  /// Of the reports and warnings: AhpOptions::language, else Chinese when the elements' names are; callers may set it.
  Language language = Language::kEn;
  std::vector<std::string> names;
  Eigen::VectorXd weights;  ///< Priorities, summing to 1.
  Eigen::MatrixXd matrix;   ///< The matrix the priorities come from (completed where blank).
  /// Missing judgments filled in, as (row, col) with row < col; empty for a complete matrix.
  std::vector<std::pair<std::size_t, std::size_t>> completed;
  PriorityMethod priority = PriorityMethod::kEigenvector;
  RandomIndexTable random_index_table = RandomIndexTable::kSaaty1980;
  Completion completion = Completion::kLlsm;  ///< Meaningful only when `completed` is not empty.
  /// Principal eigenvalue. For the eigenvector method the Perron root itself; for the other
  /// priority methods the mean of (A w)_i / w_i (the usual estimate; >= the Perron root is not
  /// guaranteed).
  double lambda_max = 0.0;
  double ci = 0.0;  ///< (lambda_max - n) / (n - 1); 0 for n <= 2.
  double ri = 0.0;  ///< RI(n) from the table (0 for n <= 2).
  double cr = 0.0;  ///< CI / RI; 0 for n <= 2.
  double threshold = 0.1;
  bool consistent = true;  ///< cr < threshold.
  std::string ri_source;   ///< Which table entry (or fit) gave RI.
  /// The judgments contributing most to CI, largest first (AhpOptions::top_judgments of them).
  std::vector<JudgmentDiagnostic> inconsistent;
  /// For an inconsistent matrix: the smallest revision found that brings CR under the threshold
  /// (see ahp()); empty when consistent or when none was found.
  std::vector<RevisionStep> revision;
  std::vector<std::string> warnings;

  /// One line: `AHP eigenvector over 4 elements: lambda_max 4.2, CI 0.07, CR 0.08 (consistent)`.
  std::string brief_report() const;
  /// A table of the weights and the consistency figures, then the inconsistency help.
  std::string full_report() const;
};

/// Derives priorities and consistency from a judgment matrix (Saaty 1977, 1980).
///
/// Missing judgments are completed first (AhpOptions::completion). lambda_max, CI, CR and the
/// judgment diagnostics are computed on the completed matrix. For an inconsistent matrix the
/// revision search first looks for the single judgment change on the 1-9 scale (values 1/9 ...
/// 9) that brings CR under the threshold with the smallest change |ln(to / from)|; when no
/// single change suffices it applies, step by step, the change that lowers CR most, up to
/// n (n - 1) / 2 steps.
///
/// **Example**
/// @code
///   auto m = staffeval::read_judgment_matrix("criteria.csv");
///   auto r = staffeval::ahp(m);
///   std::cout << r.full_report();
/// @endcode
/// @throws DataError for a matrix check_judgments() rejects; OptionsError for invalid options.
STAFFEVAL_EXPORT AhpResult ahp(const JudgmentMatrix& matrix, const AhpOptions& options = {});

/// Options of ahp_panel().
struct STAFFEVAL_EXPORT PanelOptions {
  AhpOptions ahp;  ///< Applied to each expert (and to the AIJ matrix).
  PanelAggregation aggregation = PanelAggregation::kAij;
  /// Mean of individual priorities under AIP. Geometric keeps the Pareto and reciprocity
  /// properties (Forman & Peniwati 1998).
  PanelMean aip_mean = PanelMean::kGeometric;
  /// One weight per expert (any non-negative numbers, normalised); empty = equal weights.
  std::vector<double> expert_weights;

  void validate() const;
};

/// Result of ahp_panel().
struct STAFFEVAL_EXPORT PanelResult {
  /// Of the reports and warnings: the AhpOptions' language, else Chinese when the elements' names are; callers may set it.
  Language language = Language::kEn;
  /// The panel's weights. Under AIJ the full AHP of the aggregated matrix (with its own CR);
  /// under AIP the aggregated priorities, with lambda_max, CI and CR left NaN (undefined).
  AhpResult combined;
  std::vector<AhpResult> experts;  ///< Each expert's own AHP, in input order.
  std::vector<std::string> expert_names;  ///< The expert matrices' file names.
  Eigen::VectorXd expert_weights;         ///< Normalised.
  PanelAggregation aggregation = PanelAggregation::kAij;
  PanelMean aip_mean = PanelMean::kGeometric;
  std::vector<std::string> warnings;  ///< One per inconsistent expert, among others.

  /// The panel's verdict: under AIJ the aggregated matrix's consistency; under AIP (which has no
  /// CR of its own) every expert's.
  bool consistent() const;
  /// Empty when consistent(); otherwise what is inconsistent and its CR, e.g. `the panel's
  /// aggregated judgments: CR = 0.1345 >= 0.1` or `experts/b.csv: CR = 0.2 >= 0.1` (the first
  /// inconsistent expert under AIP).
  std::string inconsistency() const;

  std::string brief_report() const;
  std::string full_report() const;
};

/// Combines several experts' judgment matrices over the same elements (in the same order).
/// Under AIJ a judgment missing for some experts is the weighted geometric mean of those who
/// gave it (their weights renormalised); missing for all, it stays missing and is completed.
/// @throws DataError when the matrices' elements differ or a matrix is rejected.
STAFFEVAL_EXPORT PanelResult ahp_panel(const std::vector<JudgmentMatrix>& matrices,
                                       const PanelOptions& options = {});

// ---------------------------------------------------------------------------------------------
// Objective, rank-order and combined weights

/// Objective weighting methods.
enum class ObjectiveMethod {
  kEntropy,       ///< `entropy` (熵权法): p_ij = x_ij / sum_i x_ij, e_j = -(1/ln m) sum p ln p
                  ///< (0 ln 0 = 0), w_j = (1 - e_j) / sum (1 - e_k) (Shannon; Zeleny 1982).
  kCritic,        ///< `critic`: C_j = s_j sum_k (1 - r_jk), w = C / sum C (Diakoulaki,
                  ///< Mavrotas & Papayannakis 1995).
  kStdDev,        ///< `std` (标准差法): w proportional to the standard deviation.
  kCv,            ///< `cv` (变异系数法): w proportional to s_j / |mean_j|.
  kVariance,      ///< `variance` (均方差法): w proportional to the variance s_j^2.
  kIndependence,  ///< `independence` (独立性权系数法): w proportional to 1 / R_j, R_j the multiple
                  ///< correlation of column j with all the others.
  kPca,           ///< `pca`: loadings of the first principal component of the correlation
                  ///< matrix, normalised to sum 1 (they can be negative: a warning says so).
};

/// The matrix objective weights are computed on.
enum class WeightBasis {
  kRaw,     ///< `raw`: the values as given.
  kMinMax,  ///< `minmax`: (x - min) / (max - min) per column (cost columns reversed when asked).
  kShares,  ///< `shares`: the model's leaf shares (model mode only; rules already orient costs).
};

/// Rank-order weights from an importance order (most important first).
enum class RankOrderMethod {
  kRoc,         ///< `roc`: rank-order centroid, w_k = (1/n) sum_{i=k}^n 1/i (Barron & Barrett 1996).
  kRankSum,     ///< `rs`: w_k = 2 (n + 1 - k) / (n (n + 1)) (Stillwell et al. 1981).
  kReciprocal,  ///< `rr`: w_k = (1/k) / sum_i 1/i (Stillwell et al. 1981).
};

/// Combination of weight vectors.
enum class CombineMethod {
  kLinear,          ///< `linear`: alpha w_1 + (1 - alpha) w_2 (two vectors).
  kMultiplicative,  ///< `multiplicative`: prod_k w_k, renormalised.
  kGameTheory,      ///< `game_theory` (博弈论组合赋权): the combination sum a_k w_k minimising the
                    ///< deviation from every w_k (sum_j a_j w_k.w_j = w_k.w_k), coefficients
                    ///< |a| normalised (Lai et al., Natural Hazards 77, 2015).
};

template <>
STAFFEVAL_EXPORT const EnumTable<ObjectiveMethod>& enum_table<ObjectiveMethod>();
template <>
STAFFEVAL_EXPORT const EnumTable<WeightBasis>& enum_table<WeightBasis>();
template <>
STAFFEVAL_EXPORT const EnumTable<RankOrderMethod>& enum_table<RankOrderMethod>();
template <>
STAFFEVAL_EXPORT const EnumTable<CombineMethod>& enum_table<CombineMethod>();
STAFFEVAL_EXPORT std::string_view to_string(ObjectiveMethod v);
STAFFEVAL_EXPORT std::string_view to_string(WeightBasis v);
STAFFEVAL_EXPORT std::string_view to_string(RankOrderMethod v);
STAFFEVAL_EXPORT std::string_view to_string(CombineMethod v);
STAFFEVAL_EXPORT std::optional<ObjectiveMethod> parse_objective_method(std::string_view s);
STAFFEVAL_EXPORT std::optional<WeightBasis> parse_weight_basis(std::string_view s);
STAFFEVAL_EXPORT std::optional<RankOrderMethod> parse_rank_order_method(std::string_view s);
STAFFEVAL_EXPORT std::optional<CombineMethod> parse_combine_method(std::string_view s);

/// Options of objective_weights().
struct STAFFEVAL_EXPORT ObjectiveOptions {
  ObjectiveMethod method = ObjectiveMethod::kEntropy;
  /// The matrix the method runs on. Min-max makes columns of different units comparable and
  /// is what entropy and CRITIC are usually computed on in evaluation practice.
  WeightBasis basis = WeightBasis::kMinMax;
  /// Reverse cost columns first (min-max: 1 - t; raw: max + min - x, keeping range and spread),
  /// so that every column reads "higher is better". On by default: the published entropy and
  /// CRITIC procedures orient costs before computing.
  bool reverse_costs = true;
  /// Sample (n - 1) or population (n) standard deviation for std, cv, variance and CRITIC.
  /// Sample by default, as R's sd() and most CRITIC examples.
  bool sample_sd = true;
  /// Added to every value before entropy (some texts add 0.0001 after min-max to avoid ln 0;
  /// 0 ln 0 = 0 makes that unnecessary). >= 0.
  double entropy_shift = 0.0;
  /// Language of the warnings and reports; unset: Chinese when the criteria's names are Chinese.
  std::optional<Language> language;
  /// Threads for the sums over the units (0 = one per core). The weights are the same bit for
  /// bit whatever the count (and whatever the order of the units). >= 0.
  int threads = 0;

  void validate() const;
  /// The defaults with another basis (named, so that reordering the fields changes nothing).
  static ObjectiveOptions with_basis(WeightBasis b) {
    ObjectiveOptions o;
    o.basis = b;
    return o;
  }
};

/// Weights with their provenance and diagnostics.
struct STAFFEVAL_EXPORT WeightResult {
  /// Of the reports and warnings: ObjectiveOptions::language (objective methods), else Chinese when the elements' names are; callers may set it.
  Language language = Language::kEn;
  std::string method;              ///< `entropy`, `critic`, `roc`, `game_theory`, ...
  std::vector<std::string> names;  ///< One per weight.
  Eigen::VectorXd weights;         ///< Sum to 1.
  /// Per-weight diagnostics by name (e.g. `entropy`, `divergence` for entropy; `sd`,
  /// `conflict`, `information` for CRITIC; `r` for independence; `loading` for PCA).
  std::vector<std::pair<std::string, Eigen::VectorXd>> diagnostics;
  /// Scalar diagnostics (e.g. `explained_variance` for PCA, `alpha` for a linear blend).
  std::vector<std::pair<std::string, double>> figures;
  std::string basis;         ///< The matrix used (objective methods), else empty.
  bool costs_reversed = false;  ///< Cost columns were reversed first (objective methods).
  std::size_t units = 0;     ///< Units (rows) used (objective methods).
  std::vector<std::string> warnings;

  std::string brief_report() const;
  std::string full_report() const;
};

/// Objective weights of the columns of `x` (units x criteria). Rows with a missing value in
/// any column are left out (with a warning). A column without variation gets weight 0 (with a
/// warning) under entropy, CRITIC, std, cv and variance. Columns are divided by their largest
/// magnitude before any square or sum (and scale-dependent weights normalised in log space),
/// so values from 1e-300 to 1e300 give the weights exact arithmetic would: scale-free methods
/// (entropy on the raw basis, cv, CRITIC's correlations, independence, PCA) the same weights for
/// a column and any positive multiple of it.
/// `unit_labels` (optional, one per row) name units in messages, e.g. `data.csv:7: unit "U3"`.
/// @throws ComputeError when fewer than 2 units remain, when no column varies, for negative
///         values under entropy on the raw basis (naming the unit and column), for a zero mean
///         under cv; DataError when `names`/`directions` do not match the columns.
STAFFEVAL_EXPORT WeightResult objective_weights(const Eigen::MatrixXd& x,
                                                const std::vector<std::string>& names,
                                                const std::vector<Direction>& directions,
                                                const ObjectiveOptions& options = {},
                                                const std::vector<std::string>& unit_labels = {});

/// As above, with `unit_label(i)` naming unit (row) i in messages; it is called only when a
/// message names a unit, so no label is made for the units that need none.
STAFFEVAL_EXPORT WeightResult objective_weights(const Eigen::MatrixXd& x,
                                                const std::vector<std::string>& names,
                                                const std::vector<Direction>& directions,
                                                const ObjectiveOptions& options,
                                                const std::function<std::string(std::size_t)>& unit_label);

/// As above, on a decision matrix (criteria as names, its directions and DecisionMatrix::label()).
STAFFEVAL_EXPORT WeightResult objective_weights(const DecisionMatrix& matrix, const ObjectiveOptions& options = {});

/// Rank-order weights for `order` (most important first).
STAFFEVAL_EXPORT WeightResult rank_order_weights(const std::vector<std::string>& order,
                                                 RankOrderMethod method = RankOrderMethod::kRoc);

/// Options of combine_weights().
struct STAFFEVAL_EXPORT CombineOptions {
  CombineMethod method = CombineMethod::kLinear;
  /// Share of the first vector (usually the subjective one) under the linear blend. [0, 1].
  double alpha = 0.5;
  void validate() const;
};

/// Combines weight vectors over the same names (each non-negative; normalised first).
/// @throws DataError when lengths differ or fewer than two vectors are given (linear: exactly
///         two); ComputeError when the product of the multiplicative method is zero everywhere.
STAFFEVAL_EXPORT WeightResult combine_weights(const std::vector<Eigen::VectorXd>& sets,
                                              const std::vector<std::string>& names,
                                              const CombineOptions& options = {});

/// The weights of `set` in the order of `names`: weight sets may list their elements in any
/// order. `label` names the set in messages (a file name, say).
/// @throws DataError when the set has another number of elements or lacks one of `names`.
STAFFEVAL_EXPORT Eigen::VectorXd weights_in_order(const WeightResult& set, const std::vector<std::string>& names,
                                                  const std::string& label);

/// Combines weight sets that name their elements (the results of the weighting functions),
/// aligned by name in the first set's order.
/// @throws DataError as weights_in_order() (naming the set by its position and method) and as
///         combine_weights() above.
STAFFEVAL_EXPORT WeightResult combine_weights(const std::vector<WeightResult>& sets,
                                              const CombineOptions& options = {});

}  // namespace staffeval
