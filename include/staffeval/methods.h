/// @file methods.h
/// Evaluation methods beyond weighted points, on a decision matrix (units x criteria): SAW, WPM,
/// WASPAS, TOPSIS, VIKOR and grey relational analysis, each with an explicit normalisation.
///
/// Every method returns one score per unit and a rank (1 = best, ties share the best rank,
/// the score's direction handled by the method: VIKOR's Q is better when lower).
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "staffeval/decision_matrix.h"
#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/shared_strings.h"
#include "staffeval/types.h"

namespace staffeval {

/// Ranking methods on a decision matrix.
enum class Method {
  kSaw,     ///< `saw`: simple additive weighting, sum_j w_j r_ij (Churchman & Ackoff 1954).
  kWpm,     ///< `wpm`: weighted product, prod_j r_ij^w_j (Bridgman 1922; Miller & Starr 1969).
  kWaspas,  ///< `waspas`: lambda SAW + (1 - lambda) WPM (Zavadskas et al. 2012).
  kTopsis,  ///< `topsis`: closeness D- / (D+ + D-) to the ideal (Hwang & Yoon 1981).
  kVikor,   ///< `vikor`: compromise ranking by Q from S and R (Opricovic & Tzeng 2004); lower is better.
  kGra,     ///< `gra`: grey relational grade against the ideal sequence (Deng 1982).
  kRsr,     ///< `rsr`: weighted rank-sum ratio with probit grading (田凤调 1988).
  kEdas,    ///< `edas`: appraisal score from the positive and negative distances to the average
            ///< solution (Keshavarz Ghorabaee, Zavadskas, Olfat & Turskis 2015).
  kCodas,   ///< `codas`: assessment score from the Euclidean and taxicab distances to the
            ///< negative-ideal solution (Keshavarz Ghorabaee, Zavadskas, Turskis & Antucheviciene 2016).
};

/// How criteria are made comparable. Every normalisation here yields "higher is better" values:
/// cost criteria are oriented as stated.
enum class Normalization {
  kMinMax,     ///< `minmax`: (x - min) / (max - min); cost (max - x) / (max - min). A constant column is 1.
  kLinearMax,  ///< `linear-max`: x / max; cost min / x (values must be > 0).
  kSum,        ///< `sum`: x / sum x; cost (1/x) / sum(1/x) (values must be > 0).
  kVector,     ///< `vector`: x / sqrt(sum x^2); cost 1 - x / sqrt(sum x^2). Distances (TOPSIS)
               ///< are the same as with the unoriented column and the minimum as ideal.
};

template <>
STAFFEVAL_EXPORT const EnumTable<Method>& enum_table<Method>();
template <>
STAFFEVAL_EXPORT const EnumTable<Normalization>& enum_table<Normalization>();
STAFFEVAL_EXPORT std::string_view to_string(Method v);
STAFFEVAL_EXPORT std::string_view to_string(Normalization v);
STAFFEVAL_EXPORT std::optional<Method> parse_method(std::string_view s);
/// Accepts `minmax`, `linear-max` (`linear_max`, `linear`), `sum`, `vector`.
STAFFEVAL_EXPORT std::optional<Normalization> parse_normalization(std::string_view s);

/// The normalisation a method uses when none is given: SAW min-max, WPM, WASPAS and CODAS
/// linear-max (products and ratios need values > 0), TOPSIS vector (Hwang & Yoon), GRA min-max.
/// VIKOR, RSR and EDAS normalise in their own way and take none.
STAFFEVAL_EXPORT Normalization default_normalization(Method method);

/// Options of rank_alternatives().
struct STAFFEVAL_EXPORT MethodOptions {
  Method method = Method::kTopsis;
  /// Empty = default_normalization(method). Ignored by VIKOR (reported as `vikor`).
  std::optional<Normalization> normalization;
  /// VIKOR: weight of the group utility S against the individual regret R. [0, 1].
  double v = 0.5;
  /// GRA: distinguishing coefficient rho. (0, 1].
  double rho = 0.5;
  /// WASPAS: share of SAW in the joint criterion. [0, 1].
  double lambda = 0.5;
  /// CODAS: threshold of the Euclidean distances below which two units are compared by their
  /// Euclidean distance alone (the taxicab distance joins beyond it). [0, 1]; the authors advise
  /// 0.01 to 0.05.
  double tau = 0.02;
  /// RSR: grade boundaries on the probit scale, ascending; k cuts give k + 1 grades. The
  /// default (4, 6) is the usual three grades at the mean +- one standard deviation.
  std::vector<double> rsr_cuts{4.0, 6.0};
  /// TOPSIS: fixed ideal and anti-ideal points in raw units, one per criterion (both or
  /// neither). With them each criterion is normalised as (x - anti) / (ideal - anti), so a
  /// unit's closeness depends on its own values only and adding or removing units never
  /// reverses a ranking.
  Eigen::VectorXd ideal, anti_ideal;
  /// Threads for TOPSIS's columns and units (0 = one per core). The result is the same bit for
  /// bit whatever the count. >= 0.
  int threads = 0;

  /// @throws OptionsError naming the field.
  void validate() const;
};

/// A scalar parameter of the evaluation methods (a MethodOptions field): what the model reader,
/// the model writer and the `rank` command's flags (`--NAME`) are made from.
struct STAFFEVAL_EXPORT MethodParameter {
  std::string_view name;  ///< `v`, `rho`, `lambda`, `tau`.
  double MethodOptions::*field;
  double low, high;  ///< The allowed range, [low, high] or (low, high] when `low_open`.
  bool low_open;
  std::string_view description;
};

/// Every scalar parameter of every method.
STAFFEVAL_EXPORT const std::vector<MethodParameter>& method_parameters();
/// The scalar parameters `method` reads (VIKOR: v; GRA: rho; WASPAS: lambda; CODAS: tau).
STAFFEVAL_EXPORT std::vector<MethodParameter> method_parameters(Method method);

/// Result of rank_alternatives().
struct STAFFEVAL_EXPORT MethodResult {
  Method kind = Method::kTopsis;  ///< The method (MethodOptions::method).
  std::string method;         ///< Its name: `topsis`, ...
  std::string normalization;  ///< The normalisation used (`vector`, ..., `fixed` or `vikor`).
  /// Parameters echoed (v, rho, lambda, RSR cuts) as name/value pairs.
  std::vector<std::pair<std::string, double>> parameters;
  /// Fitted figures: RSR's regression RSR = a + b probit (`a`, `b`, `r2`) and the grade
  /// thresholds on the fitted RSR (`threshold1`, ...).
  std::vector<std::pair<std::string, double>> figures;
  /// One per unit: the ids given to rank_alternatives(), shared with them when they were a
  /// SharedStrings (a table's ids: no copy), as ScoringResult shares its table's.
  SharedStrings unit_ids;
  /// One per unit, or empty: no names known (shown next to the ids where given).
  SharedStrings unit_names;
  std::vector<std::string> criteria;
  Eigen::VectorXd score;      ///< Closeness, Q, grade, ...
  bool lower_is_better = false;  ///< VIKOR's Q.
  /// The index on [0, 1], higher is better, that a model group scores as 100 x share: the
  /// score itself for most methods, 1 - Q for VIKOR, CODAS's H rescaled by its range.
  Eigen::VectorXd share;
  /// What `share` is, for explanations: `topsis`, `1 - VIKOR Q (lower Q is better)`, ...
  std::string share_of;
  std::vector<int> rank;      ///< 1 = best; ties share the best rank; 0 when the score is NaN.
  /// Per-unit intermediate values by name: `d_plus`, `d_minus` (TOPSIS); `S`, `R`, `Q` (VIKOR);
  /// `saw`, `wpm` (WASPAS); `probit`, `rsr_fitted`, `grade` (RSR: grade 1 = best).
  std::vector<std::pair<std::string, Eigen::VectorXd>> intermediates;
  /// VIKOR: the compromise solution (unit indices, best Q first) and its two conditions.
  std::vector<std::size_t> compromise;
  bool acceptable_advantage = true;  ///< Q(a'') - Q(a') >= 1 / (m - 1).
  bool acceptable_stability = true;  ///< a' is also best by S or by R.
  std::vector<std::string> warnings;
  /// Language of the reports (set by the caller; the warnings are English).
  Language language = Language::kEn;

  /// One line: `topsis (vector) over 6 units and 4 criteria: best U5 (0.8676)`.
  std::string brief_report() const;
  /// A table of units by rank with the score and the intermediate values.
  std::string full_report() const;
};

/// Ranks units (rows of `x`) on criteria (columns) with directions and weights (any
/// non-negative numbers, normalised). Units with a missing value are left out with a warning
/// (their rank is 0 and score NaN).
///
/// **Example**
/// @code
///   staffeval::MethodOptions o;
///   o.method = staffeval::Method::kVikor;
///   auto r = staffeval::rank_alternatives(x, ids, criteria, directions, weights, o);
///   std::cout << r.full_report();
/// @endcode
/// The result shares `unit_ids` (a table's ids, Table::ids, are not copied; a
/// std::vector<std::string> converts, which copies it once).
/// @throws DataError when sizes disagree or a value is not allowed by the normalisation
///         (naming unit and criterion); OptionsError for invalid options.
STAFFEVAL_EXPORT MethodResult rank_alternatives(const Eigen::MatrixXd& x, const SharedStrings& unit_ids,
                                                const std::vector<std::string>& criteria,
                                                const std::vector<Direction>& directions,
                                                const Eigen::VectorXd& weights,
                                                const MethodOptions& options = {});

/// As above, on a decision matrix (its values, unit ids, criteria and directions).
STAFFEVAL_EXPORT MethodResult rank_alternatives(const DecisionMatrix& matrix, const Eigen::VectorXd& weights,
                                                const MethodOptions& options = {});

/// The oriented normalised matrix (higher is better) the methods work on; exposed for reports
/// and tests. Columns with a missing value keep NaN there.
/// @throws DataError as rank_alternatives().
STAFFEVAL_EXPORT Eigen::MatrixXd normalize(const Eigen::MatrixXd& x, const std::vector<Direction>& directions,
                                           Normalization normalization,
                                           const SharedStrings& unit_ids = {},
                                           const std::vector<std::string>& criteria = {});

/// Competition ranks ("1224") of `score`, best first (highest, or lowest when
/// `lower_is_better`); NaN scores get rank 0.
STAFFEVAL_EXPORT std::vector<int> competition_ranks(const Eigen::VectorXd& score, bool lower_is_better = false);

/// Fuzzy composition operators M(., .) for B = W o R (Zadeh's notation).
enum class FuzzyOperator {
  kWeightedAverage,  ///< `weighted`: M(., +), b_k = sum_j w_j r_jk: every criterion counts. Default.
  kMinMax,           ///< `min-max`: M(^, v), b_k = max_j min(w_j, r_jk): the dominant criterion decides.
  kProductMax,       ///< `product-max`: M(., v), b_k = max_j w_j r_jk.
  kMinSum,           ///< `min-sum`: M(^, +), b_k = min(1, sum_j min(w_j, r_jk)).
};
template <>
STAFFEVAL_EXPORT const EnumTable<FuzzyOperator>& enum_table<FuzzyOperator>();
STAFFEVAL_EXPORT std::string_view to_string(FuzzyOperator v);
STAFFEVAL_EXPORT std::optional<FuzzyOperator> parse_fuzzy_operator(std::string_view s);

/// Options of fuzzy_evaluate().
struct STAFFEVAL_EXPORT FuzzyOptions {
  /// The comment set V, best grade first (e.g. 优, 良, 中, 差). At least two.
  std::vector<std::string> grades;
  /// A score per grade for the score-vector reading (e.g. 95, 85, 70, 50); empty = evenly
  /// spaced from 100 (best) to 0.
  Eigen::VectorXd grade_scores;
  FuzzyOperator op = FuzzyOperator::kWeightedAverage;
  void validate() const;
};

/// Result of fuzzy_evaluate().
struct STAFFEVAL_EXPORT FuzzyResult {
  std::vector<std::string> unit_ids, grades;
  /// One per unit, or empty: no names known (shown next to the ids where given).
  std::vector<std::string> unit_names;

  std::string op;
  /// units x grades: the evaluation vector B, normalised to sum 1.
  Eigen::MatrixXd membership;
  /// Maximum-membership reading: the grade index with the largest b (ties: the better grade).
  std::vector<int> grade;
  /// Score-vector reading: sum_k b_k s_k.
  Eigen::VectorXd score;
  std::vector<int> rank;  ///< By score.
  /// Maximum-membership reliability per unit: how clearly the top grade wins,
  /// (K b_max - 1) / (K - 1), in [0, 1] (0: all grades equal, 1: one grade only).
  Eigen::VectorXd clarity;
  std::vector<std::string> warnings;
  /// Language of the reports (set by the caller; the warnings are English).
  Language language = Language::kEn;
  std::string brief_report() const;
  std::string full_report() const;
};

/// Fuzzy comprehensive evaluation (模糊综合评价): each unit's membership matrix R (criteria x
/// grades, rows summing to 1) composed with the weights W.
/// @throws DataError for shapes that disagree or memberships outside [0, 1].
STAFFEVAL_EXPORT FuzzyResult fuzzy_evaluate(const std::vector<Eigen::MatrixXd>& memberships,
                                            const std::vector<std::string>& unit_ids, const Eigen::VectorXd& weights,
                                            const FuzzyOptions& options);

/// Membership from survey votes: votes (criteria x grades) counts, each row divided by its
/// total. A criterion without votes gets a NaN row (it is skipped in the composition).
STAFFEVAL_EXPORT Eigen::MatrixXd membership_from_votes(const Eigen::MatrixXd& votes);

/// Membership from indicator values through piecewise-linear (triangular) functions: for
/// criterion j, `centers[j]` gives the value at which each grade (best first) is full; a value
/// between two centers belongs to both grades in linear proportion, beyond the outer centers
/// wholly to the outer grade. Centers run from best to worst, so they descend for a benefit
/// criterion and ascend for a cost one. Returns one criteria x grades matrix per unit (NaN
/// rows for missing values).
/// @throws DataError when a criterion's centers are not strictly monotone or their number is not
///         the number of grades.
STAFFEVAL_EXPORT std::vector<Eigen::MatrixXd> membership_from_values(const Eigen::MatrixXd& x,
                                                                     const std::vector<Eigen::VectorXd>& centers);

}  // namespace staffeval
