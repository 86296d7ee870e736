/// @file model.h
/// The indicator model: a validated tree (or explicit DAG) of indicators with weights, scoring
/// rules, grade bands, caps and a rounding policy, loaded from YAML or built in code.
#pragma once

#include <limits>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <variant>
#include <vector>

#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/methods.h"
#include "staffeval/types.h"
#include "staffeval/weighting.h"

namespace staffeval {

/// A scoring rule: maps one raw value to a share in [0, 1] of the leaf's full marks.
///
/// Marks (`full`, `deduct`, breakpoint marks, ...) are written in the rule's own scale, whose full
/// marks are `full`; when `full` is not given it is the leaf's points in a points model and 100 in
/// a relative model. Only the fields of the rule's kind are read; the rest keep their defaults.
/// Cohort-relative rules (minmax, zscore, percentile, distance_to_best, proportional, and `ideal`
/// without `tolerance`) compare units within `cohort`.
struct STAFFEVAL_EXPORT Rule {
  static constexpr double kUnset = std::numeric_limits<double>::quiet_NaN();

  RuleKind kind = RuleKind::kMinMax;
  /// Benefit (higher is better) or cost. Used by the cohort-relative rules and `deduction`
  /// (cost: deduct for x above the threshold; benefit: deduct for x below it).
  Direction direction = Direction::kBenefit;
  /// Full marks in the rule's scale; unset means the leaf's points (or 100 in a relative model).
  double full = kUnset;
  /// Cohort-relative rules: output range as percent of full marks, [range_low, range_high] in
  /// [0, 100]. Default [0, 100]: the worst unit of the cohort gets 0, the best full marks.
  double range_low = 0.0;
  double range_high = 100.0;
  /// Cohort the relative rules compare with.
  Cohort cohort = Cohort::kPeerGroup;
  /// zscore: the output is `z_mean + z_sd * z` percent of full marks, clamped to the range.
  double z_mean = 50.0;
  double z_sd = 10.0;
  /// linear: raw value that earns 0 (`worst`) and full marks (`best`); either order.
  double worst = kUnset;
  double best = kUnset;
  /// target_range: full marks for low <= x <= high; 0 at `low_zero` (< low) and at `high_zero`
  /// (> high), linear in between. `high_zero == high` means anything above high earns 0.
  double low = kUnset;
  double high = kUnset;
  double low_zero = kUnset;
  double high_zero = kUnset;
  /// target_range alternative to low_zero / high_zero: marks lost per unit of x below `low` /
  /// above `high` (e.g. 0.3 marks per percentage point = 30 per unit of a ratio).
  double low_slope = kUnset;
  double high_slope = kUnset;
  /// ideal: full marks at `ideal`, 0 at distance `tolerance`; without tolerance the farthest unit
  /// of the cohort gets 0 (WtTopsis zj2max).
  double ideal = kUnset;
  double tolerance = kUnset;
  /// piecewise: (x, marks) breakpoints in increasing x; flat beyond the ends.
  /// bands: (minimum x, marks) in increasing x; below the first minimum earns `below` marks.
  std::vector<std::pair<double, double>> breakpoints;
  double below = 0.0;
  /// deduction: marks = full - deduct * (excess / per), floored at `floor`, where excess is how
  /// far x lies beyond `threshold` (above it for cost, below it for benefit).
  double threshold = 0.0;
  /// deduction: `threshold: median` or `threshold: mean` puts the threshold at the cohort's
  /// median or mean instead of the number `threshold`.
  ThresholdStat threshold_stat = ThresholdStat::kFixed;
  double per = 1.0;
  double deduct = 1.0;
  double floor = 0.0;
  /// checklist: number of items n; the raw value is the count k (partial items fractional).
  double items = kUnset;
  /// compliance: marks for a "no" (zero) value; a non-zero value earns full marks.
  double no = 0.0;
  /// survey: raw value at which 0 marks (`zero_at`) and full marks (`full_at`) are reached.
  double zero_at = 0.0;
  double full_at = 100.0;
};

/// An edge from a node to one of its parents, with the node's weight (or points) in that parent.
struct STAFFEVAL_EXPORT ParentLink {
  std::string parent;  ///< Parent id; empty for a top-level node.
  double weight = 1.0; ///< Points in a points model, relative weight otherwise.
  SourceLocation location;         ///< Where the parent is named (or the node, when nested).
  SourceLocation weight_location;  ///< Where the weight is written (or the node).
};

/// A group's children keep the weights (or points) written on them.
struct STAFFEVAL_EXPORT WrittenWeights {};

/// Weights from AHP judgments: one expert's matrix, or a panel's.
struct STAFFEVAL_EXPORT AhpJudgments {
  /// One judgment matrix per expert, rows and columns in the order of the children, NaN for a
  /// blank judgment.
  std::vector<Eigen::MatrixXd> matrices;
  std::vector<SourceLocation> matrix_locations;
  AhpOptions options;
  PanelAggregation aggregation = PanelAggregation::kAij;
  PanelMean aip_mean = PanelMean::kGeometric;
  std::vector<double> expert_weights;
  /// Accept a matrix whose CR reaches the threshold (otherwise a model error when compiling).
  bool allow_inconsistent = false;
};

/// Weights from the children's order of importance.
struct STAFFEVAL_EXPORT RankOrderWeights {
  std::vector<std::string> order;  ///< Child ids, most important first.
  RankOrderMethod method = RankOrderMethod::kRoc;
};

/// Weights computed by an objective method (`options.method`) from the data being scored; the
/// basis defaults to the children's shares (a group child's score / 100).
struct STAFFEVAL_EXPORT ObjectiveWeights {
  ObjectiveOptions options = ObjectiveOptions::with_basis(WeightBasis::kShares);
};

/// A blend of a group's weights (written, AHP or rank order) with an objective method's.
struct STAFFEVAL_EXPORT WeightBlend {
  ObjectiveOptions objective = ObjectiveOptions::with_basis(WeightBasis::kShares);
  CombineOptions combine;
};

/// Where a group's children take their weights from (docs/model-format.md, "Weights from
/// methods"): a weight source, optionally blended with an objective method.
struct STAFFEVAL_EXPORT WeightingSpec {
  using Source = std::variant<WrittenWeights, AhpJudgments, RankOrderWeights, ObjectiveWeights>;
  Source source;
  std::optional<WeightBlend> blend;
  SourceLocation location;

  /// The written weights, unblended.
  bool empty() const { return std::holds_alternative<WrittenWeights>(source) && !blend; }
  /// True when the weights depend on the data being scored (an objective method is involved).
  bool data_driven() const { return std::holds_alternative<ObjectiveWeights>(source) || blend.has_value(); }
  /// The source's name as the model writes it: `written`, `ahp`, `rank_order` or the objective
  /// method (`entropy`, ...).
  std::string source_name() const;
  /// The objective options in use (the source's or the blend's); nullptr when none.
  const ObjectiveOptions* objective() const;
};

/// The weights of one group's children that a weighting method produced (a model's
/// `weighting:`), with the method's consistency figures.
struct STAFFEVAL_EXPORT GroupWeights {
  std::string group;                  ///< Group id; empty for the top level.
  std::string method;                 ///< E.g. `ahp`, `entropy`, `ahp + entropy (linear, alpha 0.6)`.
  std::vector<std::string> children;  ///< Child ids, in the group's order.
  Eigen::VectorXd weights;            ///< Local weights within the group, summing to 1.
  /// AHP consistency ratio (NaN without AHP, or for an AIP panel) and verdict.
  double cr = std::numeric_limits<double>::quiet_NaN();
  bool consistent = true;
  std::string report;                 ///< The method's one-line report.
  std::vector<std::string> warnings;
};

/// A group scored by a weighted mean of its children's scores (the default).
struct STAFFEVAL_EXPORT WeightedMean {
  Aggregation aggregation = Aggregation::kArithmetic;
  double power = 1.0;  ///< Exponent of the power mean.
};

/// A group scored by fuzzy comprehensive evaluation: the children's shares (0-1) get
/// memberships from `centers` (the share at which each grade is full, best first), and the
/// group's score is sum_k b_k s_k with the grade scores (0-100).
struct STAFFEVAL_EXPORT FuzzyScoring {
  FuzzyOptions options;
  Eigen::VectorXd centers;
};

/// How a group (or the model's top level) is scored from its children: a weighted mean, an
/// evaluation method over the whole cohort (docs/model-format.md, "Evaluation methods": the
/// group's 0-100 score is 100 x the method's index with the children's weights; VIKOR
/// 100 x (1 - Q)), or fuzzy comprehensive evaluation.
using GroupScoring = std::variant<WeightedMean, MethodOptions, FuzzyScoring>;

/// One indicator (leaf) or group of indicators.
struct STAFFEVAL_EXPORT Node {
  std::string id;       ///< ASCII identifier, unique in the model (e.g. `B1.1`).
  std::string name;     ///< Label (Chinese or any UTF-8), e.g. `编制使用率`.
  std::string name_en;  ///< English label.
  std::string description;
  /// Parents with this node's weight in each. One entry for a tree; several only when the model
  /// declares them explicitly with `parents:` (a DAG).
  std::vector<ParentLink> parents;
  /// True when the node was declared as a group (has a `children` key or other nodes name it as
  /// parent). A group must have at least one child.
  bool group = false;
  // --- groups ---
  GroupScoring scoring;      ///< How the group is scored (`aggregation:` or `method:`).
  SourceLocation scoring_location;  ///< Where `method:` is written (or the node).
  WeightingSpec weighting;   ///< Children's weights from a method (empty: as written).
  // --- leaves ---
  /// A data column id or a muparser formula over column ids, e.g. `actual_on_est / approved_est`.
  std::string value;
  std::string unit;    ///< Unit of the raw value, for reports.
  std::string source;  ///< Where the raw data come from, for reports.
  Rule rule;
  std::optional<MissingPolicy> missing;  ///< Overrides the model's missing-value policy.
  /// A formula with a missing input is missing (then the missing-value policy applies), whatever
  /// its functions and operators; `kZero` reads missing inputs as 0 instead.
  MissingInputs missing_inputs = MissingInputs::kMissing;
  SourceLocation location;
};

/// A raw data field (a CSV column the model uses), with its labels and collection cost.
struct STAFFEVAL_EXPORT Field {
  std::string id;       ///< Identifier used in formulas.
  std::string header;   ///< CSV header when it differs from the id (e.g. `核定编制数`).
  std::string label;
  std::string label_en;
  std::string unit;
  std::string source;
  double cost_minutes = 0.0;  ///< Minutes needed to collect the field for one unit.
  double min = Rule::kUnset;  ///< Smallest valid value (e.g. 0 for a headcount); unset = none.
  double max = Rule::kUnset;  ///< Largest valid value; unset = none.
  SourceLocation location;
};

/// A grade band: units scoring at least `min` get this grade (bands are tried from the top).
struct STAFFEVAL_EXPORT GradeBand {
  std::string name;     ///< e.g. `优秀`.
  std::string name_en;  ///< e.g. `excellent`.
  double min = 0.0;
};

/// A grade cap or veto (一票否决): when the condition holds the grade is at most `max_grade`.
struct STAFFEVAL_EXPORT Cap {
  std::string id;
  std::string when;       ///< muparser condition over column ids, e.g. `over_est > 0`.
  std::string max_grade;  ///< Name of the best grade still allowed (the lowest grade = veto).
  std::string reason;     ///< Shown in results and explanations.
  /// When the condition reads a missing value it is neither true nor false: by default the cap
  /// is not applied and the unit's note says so; `kApply` applies it; `kFail` stops.
  CapMissing if_missing = CapMissing::kSkip;
  SourceLocation location;
};

/// The least data a unit needs to be scored. A unit whose observed (not imputed) values cover
/// less than `min` is not scored: no total, rank or grade, and its note gives the coverage. Such
/// units do not enter cohort statistics or evaluation methods either, so a spreadsheet's totals
/// row with a few summed cells cannot distort the others' scores.
struct STAFFEVAL_EXPORT CoverageRule {
  /// Share in [0, 1]. Half of the weight by default: below it a score would rest more on the
  /// missing-value policy than on the unit's data. 0 scores every unit with any value.
  double min = 0.5;
  CoverageBasis of = CoverageBasis::kWeight;
};

/// How and where scores are rounded. Recorded in every result.
struct STAFFEVAL_EXPORT RoundingPolicy {
  RoundingScope scope = RoundingScope::kNone;
  int decimals = 2;  ///< Decimals kept, in [0, 12].
  RoundingMode mode = RoundingMode::kHalfUp;
};

/// A complete indicator model. Build it in code or with load_model(); validate() lists problems.
struct STAFFEVAL_EXPORT IndicatorModel {
  std::string id;
  std::string version;
  std::string name;
  std::string name_en;
  std::string description;
  std::string file;  ///< File the model was loaded from (for messages); may be empty.
  WeightMode weights = WeightMode::kPoints;
  double total = 100.0;  ///< Points of the whole model (points mode).
  MissingPolicy missing = MissingPolicy::kSkip;
  GroupScoring scoring;  ///< How top-level nodes combine (`aggregation:` or `method:`).
  SourceLocation scoring_location;
  WeightingSpec weighting;  ///< Top-level nodes' weights from a method (empty: as written).
  RoundingPolicy rounding;
  CoverageRule coverage;  ///< The least data a unit needs to be scored.
  /// Language of reports, explanations and warnings (`language:`); unset: model_language()
  /// decides from the names.
  std::optional<Language> language;
  /// Where a vetoed unit (one capped to the lowest grade) is ranked (`veto_rank:`).
  VetoRank veto_rank = VetoRank::kByScore;
  /// Data column holding the unit id.
  std::string id_column = "id";
  /// Data columns holding the unit name and the peer-group class. Unset (the default): `name`
  /// and `class` when the data has them. Set: that column, which the data must have (a
  /// DataError otherwise); set to "" for none.
  std::optional<std::string> name_column;
  std::optional<std::string> class_column;
  std::vector<Field> fields;
  std::vector<Node> nodes;        ///< In the order written (depth first for nested models).
  std::vector<GradeBand> grades;  ///< Best first; default 优秀 90, 良好 80, 合格 60, 不合格 0.
  std::vector<Cap> caps;
  /// Where each key was written, by field path (`total`, `grades[2].min`, `indicators(S01).value`,
  /// `indicators(S01).rule.full`, ...), as the YAML reader found them; empty for models built in
  /// code. Messages about the model use it through where().
  std::map<std::string, SourceLocation> locations;

  /// The location of a field path: the path's own entry, else that of the nearest enclosing path
  /// (`grades[2].min` -> `grades[2]` -> `grades`), else the model file without a line.
  SourceLocation where(std::string_view path) const;

  /// Index of the node with this id, or -1.
  int find_node(std::string_view node_id) const;
  /// Index of the field with this id, or -1.
  int find_field(std::string_view field_id) const;
};

/// The language a model's results speak: its `language:` setting, else Chinese when its name,
/// grades or node names are written in Chinese characters, else English.
STAFFEVAL_EXPORT Language model_language(const IndicatorModel& model);

/// The default grade bands: 优秀 >= 90, 良好 >= 80, 合格 >= 60, 不合格 below.
STAFFEVAL_EXPORT std::vector<GradeBand> default_grades();

/// Every problem of a model: hierarchy (duplicate ids, dangling parents, cycles, empty groups),
/// weights that do not add up, rule parameters out of range, grades and caps. Never throws.
STAFFEVAL_EXPORT std::vector<Diagnostic> validate(const IndicatorModel& model);

/// Reads a YAML model (see docs/model-format.md) and validates it.
/// @throws ModelError with the file, line and column of every problem (YAML syntax included).
/// **Example**
/// @code
///   auto model = staffeval::load_model("examples/single-level.yaml");
/// @endcode
STAFFEVAL_EXPORT IndicatorModel load_model(const std::string& path);

/// As load_model(), from YAML text; `name` is used as the file name in messages.
STAFFEVAL_EXPORT IndicatorModel load_model_from_string(const std::string& yaml,
                                                       const std::string& name = "<string>");

/// Reads a YAML model and returns every diagnostic (shape and meaning) instead of throwing, for
/// `staffeval validate`. `model` receives what could be read. Throws ModelError only when the
/// file cannot be read or is not YAML at all.
STAFFEVAL_EXPORT std::vector<Diagnostic> read_model(const std::string& path, IndicatorModel* model);

/// Serialises a model to YAML in the documented format (round-trips through load_model()).
STAFFEVAL_EXPORT std::string to_yaml(const IndicatorModel& model);

/// What collecting a model's data costs: the raw fields its indicators and caps read.
struct STAFFEVAL_EXPORT Burden {
  std::size_t indicators = 0;          ///< Leaves.
  /// The distinct raw fields read (field ids; a column the model reads without declaring it
  /// under `fields:` by its name), in the order first read.
  std::vector<std::string> fields;
  double minutes_per_unit = 0;         ///< The fields' `cost_minutes`, summed.
  /// Fields without a `cost_minutes` (or not declared): their cost is unknown, counted as 0.
  std::vector<std::string> uncosted;
  /// Each indicator (leaf, model order) and the fields its value reads.
  std::vector<std::string> indicator_ids;
  std::vector<std::vector<std::string>> indicator_fields;
  /// The collection time for a cohort of `units`.
  double minutes(std::size_t units) const { return minutes_per_unit * static_cast<double>(units); }
};

/// The collection burden of `model` (formulas parsed without data).
/// @throws ModelError when a value or cap formula does not parse.
STAFFEVAL_EXPORT Burden burden(const IndicatorModel& model);

/// Converts a COINr / JRC COIN Tool framework table (iMeta: Level, iCode, iName, Parent,
/// Direction, Weight, Type) into a model: min-max 0-100 with the given directions, arithmetic
/// means with the given weights, missing values skipped, relative weights, unit id column `uCode`,
/// name column `uName`. Rows of type Group and Denominator are ignored.
/// @throws DataError naming the row and column of a malformed table.
STAFFEVAL_EXPORT IndicatorModel import_coinr(const std::string& imeta_csv_path);

}  // namespace staffeval
