/// @file types.h
/// The enumerations shared by models, options and results, with their one string form each.
///
/// Every enum has one table (enum_table.h) with its spellings, aliases and descriptions;
/// `to_string(E)` and `parse_<e>(std::string_view) -> std::optional<E>` read that table. YAML
/// models, the command line and reports all use these spellings.
#pragma once

#include <optional>
#include <string_view>

#include "staffeval/enum_table.h"
#include "staffeval/export.h"

namespace staffeval {

/// The library's version, `MAJOR.MINOR.PATCH` (the project version of the build).
STAFFEVAL_EXPORT std::string_view version();

/// How a leaf's raw value becomes a share of its full marks (see docs/model-format.md).
enum class RuleKind {
  kMinMax,          ///< `minmax`: (x - min) / (max - min) within the cohort (COINr n_minx).
  kZScore,          ///< `zscore`: mean + sd * z on a 0-100 scale, clamped.
  kPercentile,      ///< `percentile`: (rank - 1) / (n - 1) within the cohort, ties averaged.
  kDistanceToBest,  ///< `distance_to_best`: 1 - |x - best| / |best|, floored at 0.
  kProportional,    ///< `proportional` (比例法): x / max for benefit, min / x for cost.
  kLinear,          ///< `linear`: 0 at `worst`, full at `best`, linear between, clamped.
  kTargetRange,     ///< `target_range` (区间型): full inside [low, high], linear to 0 outside.
  kIdeal,           ///< `ideal` (中间型): full at the ideal point, linear to 0 with distance.
  kPiecewise,       ///< `piecewise`: linear interpolation between (x, marks) breakpoints.
  kBands,           ///< `bands`: step bands, the marks of the highest band whose minimum x reaches.
  kDeduction,       ///< `deduction` (扣完为止): full minus marks per unit beyond a threshold.
  kChecklist,       ///< `checklist`: k of n items (partial items count fractionally).
  kCompliance,      ///< `compliance`: yes (non-zero) gives full marks, no gives `no` marks.
  kSurvey,          ///< `survey`: (s - floor) / (ceiling - floor), clamped.
};

/// Where a deduction rule's threshold comes from.
enum class ThresholdStat {
  kFixed,   ///< `fixed`: the number written as `threshold` (default).
  kMedian,  ///< `median`: the median of the unit's cohort.
  kMean,    ///< `mean`: the mean of the unit's cohort.
};

/// Whether a higher raw value is better (benefit, 极大型) or worse (cost, 极小型).
enum class Direction { kBenefit, kCost };

/// How a group node combines its children's 0-100 scores.
enum class Aggregation {
  kArithmetic,  ///< `arithmetic`: sum w_i s_i / sum w_i.
  kGeometric,   ///< `geometric`: prod s_i^(w_i / W); every child score must be > 0.
  kHarmonic,    ///< `harmonic`: W / sum(w_i / s_i); every child score must be > 0.
  kPower,       ///< `power`: (sum w_i s_i^p / W)^(1/p) with the node's `power` p != 0.
};

/// What happens to a unit whose raw value for a leaf is missing.
enum class MissingPolicy {
  kSkip,        ///< `skip`: leave the leaf out and renormalise its siblings' weights (default).
  kZero,        ///< `zero`: the leaf scores 0.
  kMean,        ///< `mean`: impute the mean raw value of all units.
  kMedian,      ///< `median`: impute the median raw value of all units.
  kPeerMean,    ///< `peer_mean`: impute the mean raw value of the unit's peer group (class).
  kPeerMedian,  ///< `peer_median`: impute the median raw value of the unit's peer group.
  kFail,        ///< `fail`: stop with a DataError naming the row and column.
};

/// What a formula makes of a missing input (an indicator's `missing_inputs`).
enum class MissingInputs {
  kMissing,  ///< `missing`: the formula's value is missing, whatever its functions (default).
  kZero,     ///< `zero`: missing inputs are read as 0 (for counts where blank means none).
};

/// What a grade cap does when its condition cannot be decided (an input is missing).
enum class CapMissing {
  kSkip,   ///< `skip`: not applied; the unit's note and the warnings say so (default).
  kApply,  ///< `apply`: applied, as if the condition held; the note says why.
  kFail,   ///< `fail`: a DataError naming the unit, its line and the cap.
};

/// What the data coverage of a unit is measured on.
enum class CoverageBasis {
  kWeight,      ///< `weight`: the share of the indicators' global weight whose values are present.
  kIndicators,  ///< `indicators`: the share of indicators whose values are present.
};

/// Which units a cohort-relative rule compares a unit with.
enum class Cohort {
  kPeerGroup,  ///< `peer_group`: units of the same class (all units when there is no class column).
  kAll,        ///< `all`: every unit.
};

/// How points and weights in a model are written.
enum class WeightMode {
  kPoints,    ///< `points` (分值): children sum to the parent's points, top level to `total`.
  kRelative,  ///< `relative`: any non-negative numbers, normalised within each parent.
};

/// Tie-breaking of rounding at exactly half a unit of the last kept decimal.
enum class RoundingMode {
  kHalfUp,    ///< `half_up` (四舍五入): away from zero, on the value's 15-digit decimal form.
  kHalfEven,  ///< `half_even` (banker's rounding).
};

/// Where rounding is applied.
enum class RoundingScope {
  kNone,       ///< `none`: no rounding at all.
  kIndicator,  ///< `indicator`: each leaf's points, then the total.
  kTotal,      ///< `total`: only the total score.
};

/// Text encoding of a CSV file.
enum class Encoding {
  kAuto,     ///< `auto`: strict UTF-8 if the bytes are valid UTF-8, otherwise GB18030.
  kUtf8,     ///< `utf-8`.
  kGb18030,  ///< `gb18030` (a superset of GBK and GB2312, as Excel writes on Chinese Windows).
};

/// How much per-indicator detail an evaluation keeps.
enum class Kept {
  kTotals,  ///< `totals`: totals, group scores, ranks, grades and caps only (fastest).
  kShares,  ///< `shares`: plus every indicator's share of full marks (per-indicator points).
  kFull,    ///< `full`: plus raw values and rule branches (explanations, detail columns).
};

/// Language of the texts written for people: reports, explanations, warnings, headers, summaries.
enum class Language {
  kEn,  ///< `en`: English.
  kZh,  ///< `zh`: Chinese (简体中文).
};

/// Where a unit under a veto (一票否决: a cap to the lowest grade) is ranked.
enum class VetoRank {
  kByScore,  ///< `by_score`: it keeps its place by score; only its grade is capped.
  kLast,     ///< `last`: after every unit not vetoed, vetoed units ordered by score among themselves.
};

template <>
STAFFEVAL_EXPORT const EnumTable<RuleKind>& enum_table<RuleKind>();
template <>
STAFFEVAL_EXPORT const EnumTable<Direction>& enum_table<Direction>();
template <>
STAFFEVAL_EXPORT const EnumTable<ThresholdStat>& enum_table<ThresholdStat>();
template <>
STAFFEVAL_EXPORT const EnumTable<Aggregation>& enum_table<Aggregation>();
template <>
STAFFEVAL_EXPORT const EnumTable<MissingPolicy>& enum_table<MissingPolicy>();
template <>
STAFFEVAL_EXPORT const EnumTable<MissingInputs>& enum_table<MissingInputs>();
template <>
STAFFEVAL_EXPORT const EnumTable<CapMissing>& enum_table<CapMissing>();
template <>
STAFFEVAL_EXPORT const EnumTable<CoverageBasis>& enum_table<CoverageBasis>();
template <>
STAFFEVAL_EXPORT const EnumTable<Cohort>& enum_table<Cohort>();
template <>
STAFFEVAL_EXPORT const EnumTable<WeightMode>& enum_table<WeightMode>();
template <>
STAFFEVAL_EXPORT const EnumTable<RoundingMode>& enum_table<RoundingMode>();
template <>
STAFFEVAL_EXPORT const EnumTable<RoundingScope>& enum_table<RoundingScope>();
template <>
STAFFEVAL_EXPORT const EnumTable<Encoding>& enum_table<Encoding>();
template <>
STAFFEVAL_EXPORT const EnumTable<Kept>& enum_table<Kept>();
template <>
STAFFEVAL_EXPORT const EnumTable<Language>& enum_table<Language>();
template <>
STAFFEVAL_EXPORT const EnumTable<VetoRank>& enum_table<VetoRank>();

STAFFEVAL_EXPORT std::string_view to_string(Kept v);
STAFFEVAL_EXPORT std::optional<Kept> parse_kept(std::string_view s);
STAFFEVAL_EXPORT std::string_view to_string(RuleKind v);
STAFFEVAL_EXPORT std::string_view to_string(Direction v);
STAFFEVAL_EXPORT std::string_view to_string(ThresholdStat v);
STAFFEVAL_EXPORT std::string_view to_string(Aggregation v);
STAFFEVAL_EXPORT std::string_view to_string(MissingPolicy v);
STAFFEVAL_EXPORT std::string_view to_string(Cohort v);
STAFFEVAL_EXPORT std::string_view to_string(MissingInputs v);
STAFFEVAL_EXPORT std::string_view to_string(CapMissing v);
STAFFEVAL_EXPORT std::string_view to_string(CoverageBasis v);
STAFFEVAL_EXPORT std::string_view to_string(WeightMode v);
STAFFEVAL_EXPORT std::string_view to_string(RoundingMode v);
STAFFEVAL_EXPORT std::string_view to_string(RoundingScope v);
STAFFEVAL_EXPORT std::string_view to_string(Encoding v);
STAFFEVAL_EXPORT std::string_view to_string(Language v);
STAFFEVAL_EXPORT std::string_view to_string(VetoRank v);
/// Accepts `en`/`english`, `zh`/`chinese`/`cn`.
STAFFEVAL_EXPORT std::optional<Language> parse_language(std::string_view s);
STAFFEVAL_EXPORT std::optional<VetoRank> parse_veto_rank(std::string_view s);

STAFFEVAL_EXPORT std::optional<RuleKind> parse_rule_kind(std::string_view s);
/// Accepts `benefit`, `cost`, `+`, `-`, `1`, `-1`, `max`, `min`.
STAFFEVAL_EXPORT std::optional<Direction> parse_direction(std::string_view s);
STAFFEVAL_EXPORT std::optional<Aggregation> parse_aggregation(std::string_view s);
STAFFEVAL_EXPORT std::optional<MissingPolicy> parse_missing_policy(std::string_view s);
STAFFEVAL_EXPORT std::optional<Cohort> parse_cohort(std::string_view s);
STAFFEVAL_EXPORT std::optional<MissingInputs> parse_missing_inputs(std::string_view s);
STAFFEVAL_EXPORT std::optional<CapMissing> parse_cap_missing(std::string_view s);
STAFFEVAL_EXPORT std::optional<CoverageBasis> parse_coverage_basis(std::string_view s);
STAFFEVAL_EXPORT std::optional<WeightMode> parse_weight_mode(std::string_view s);
STAFFEVAL_EXPORT std::optional<RoundingMode> parse_rounding_mode(std::string_view s);
STAFFEVAL_EXPORT std::optional<RoundingScope> parse_rounding_scope(std::string_view s);
/// Accepts `auto`, `utf-8`/`utf8`, `gb18030`/`gbk`/`gb2312` (case-insensitive).
STAFFEVAL_EXPORT std::optional<Encoding> parse_encoding(std::string_view s);

}  // namespace staffeval
