// The tables of the shared enumerations: the one place where each spelling is defined.
#include "staffeval/types.h"

#include "common/enum_define.h"

namespace staffeval {

std::string_view version() { return STAFFEVAL_VERSION; }

namespace {

constexpr EnumEntry<RuleKind> kRuleKinds[] = {
    {RuleKind::kMinMax, "minmax", "min_max", "(x - min) / (max - min) within the cohort"},
    {RuleKind::kZScore, "zscore", "z_score", "mean + sd * z on a 0-100 scale, clamped"},
    {RuleKind::kPercentile, "percentile", "rank", "(rank - 1) / (n - 1) within the cohort, ties averaged"},
    {RuleKind::kDistanceToBest, "distance_to_best", "", "1 - |x - best| / |best|, floored at 0"},
    {RuleKind::kProportional, "proportional", "ratio_to_best", "x / max for benefit, min / x for cost (比例法)"},
    {RuleKind::kLinear, "linear", "", "0 at `worst`, full marks at `best`, linear between, clamped"},
    {RuleKind::kTargetRange, "target_range", "range", "full marks inside [low, high], linear to 0 outside (区间型)"},
    {RuleKind::kIdeal, "ideal", "", "full marks at the ideal point, linear to 0 with distance (中间型)"},
    {RuleKind::kPiecewise, "piecewise", "", "linear interpolation between (x, marks) breakpoints"},
    {RuleKind::kBands, "bands", "step", "the marks of the highest band whose minimum x reaches"},
    {RuleKind::kDeduction, "deduction", "", "full marks minus marks per unit beyond a threshold (扣完为止)"},
    {RuleKind::kChecklist, "checklist", "", "k of n items, partial items counting fractionally"},
    {RuleKind::kCompliance, "compliance", "yes_no", "yes (non-zero) earns full marks, no earns `no` marks"},
    {RuleKind::kSurvey, "survey", "", "(s - zero_at) / (full_at - zero_at), clamped"},
};

constexpr EnumEntry<Direction> kDirections[] = {
    {Direction::kBenefit, "benefit", "+|1|+1|max|higher", "higher is better (极大型)"},
    {Direction::kCost, "cost", "-|-1|min|lower", "lower is better (极小型)"},
};

constexpr EnumEntry<ThresholdStat> kThresholdStats[] = {
    {ThresholdStat::kFixed, "fixed", "", "the number written as the threshold"},
    {ThresholdStat::kMedian, "median", "", "the median of the unit's cohort"},
    {ThresholdStat::kMean, "mean", "", "the mean of the unit's cohort"},
};

constexpr EnumEntry<Aggregation> kAggregations[] = {
    {Aggregation::kArithmetic, "arithmetic", "", "sum w_i s_i / sum w_i"},
    {Aggregation::kGeometric, "geometric", "", "prod s_i^(w_i / W); every child score must be > 0"},
    {Aggregation::kHarmonic, "harmonic", "", "W / sum(w_i / s_i); every child score must be > 0"},
    {Aggregation::kPower, "power", "", "(sum w_i s_i^p / W)^(1/p) with the node's `power` p != 0"},
};

constexpr EnumEntry<MissingPolicy> kMissingPolicies[] = {
    {MissingPolicy::kSkip, "skip", "", "leave the leaf out and renormalise its siblings' weights"},
    {MissingPolicy::kZero, "zero", "", "the leaf scores 0"},
    {MissingPolicy::kMean, "mean", "", "impute the mean raw value of all units"},
    {MissingPolicy::kMedian, "median", "", "impute the median raw value of all units"},
    {MissingPolicy::kPeerMean, "peer_mean", "", "impute the mean raw value of the unit's peer group"},
    {MissingPolicy::kPeerMedian, "peer_median", "", "impute the median raw value of the unit's peer group"},
    {MissingPolicy::kFail, "fail", "", "stop with a data error naming the row and column"},
};

constexpr EnumEntry<MissingInputs> kMissingInputs[] = {
    {MissingInputs::kMissing, "missing", "", "a formula with a missing input is missing"},
    {MissingInputs::kZero, "zero", "", "missing inputs are read as 0"},
};

constexpr EnumEntry<CapMissing> kCapMissing[] = {
    {CapMissing::kSkip, "skip", "", "an undecided cap is not applied; the unit's note says so"},
    {CapMissing::kApply, "apply", "", "an undecided cap is applied, as if its condition held"},
    {CapMissing::kFail, "fail", "", "an undecided cap is a data error"},
};

constexpr EnumEntry<CoverageBasis> kCoverageBases[] = {
    {CoverageBasis::kWeight, "weight", "", "the share of the indicators' global weight present"},
    {CoverageBasis::kIndicators, "indicators", "", "the share of indicators present"},
};

constexpr EnumEntry<Cohort> kCohorts[] = {
    {Cohort::kPeerGroup, "peer_group", "", "units of the same class (all units without a class column)"},
    {Cohort::kAll, "all", "", "every unit"},
};

constexpr EnumEntry<WeightMode> kWeightModes[] = {
    {WeightMode::kPoints, "points", "", "children sum to the parent's points (分值), the top level to `total`"},
    {WeightMode::kRelative, "relative", "", "any non-negative numbers, normalised within each parent"},
};

constexpr EnumEntry<RoundingMode> kRoundingModes[] = {
    {RoundingMode::kHalfUp, "half_up", "half-up", "halves away from zero (四舍五入)"},
    {RoundingMode::kHalfEven, "half_even", "half-even|bankers", "halves to the even digit (banker's rounding)"},
};

constexpr EnumEntry<RoundingScope> kRoundingScopes[] = {
    {RoundingScope::kNone, "none", "", "no rounding"},
    {RoundingScope::kIndicator, "indicator", "", "each leaf's points, then the total"},
    {RoundingScope::kTotal, "total", "", "the total score only"},
};

constexpr EnumEntry<Encoding> kEncodings[] = {
    {Encoding::kAuto, "auto", "", "strict UTF-8 when the bytes are valid UTF-8, otherwise GB18030"},
    {Encoding::kUtf8, "utf-8", "utf8", "UTF-8"},
    {Encoding::kGb18030, "gb18030", "gbk|gb2312|cp936", "GB18030, a superset of GBK and GB2312"},
};

constexpr EnumEntry<Kept> kDetails[] = {
    {Kept::kTotals, "totals", "", "totals, group scores, ranks, grades and caps only"},
    {Kept::kShares, "shares", "", "plus every indicator's share of full marks"},
    {Kept::kFull, "full", "", "plus raw values and rule branches"},
};

constexpr EnumEntry<Language> kLanguages[] = {
    {Language::kEn, "en", "english", "English"},
    {Language::kZh, "zh", "chinese|cn|zh-cn", "Chinese (简体中文)"},
};

constexpr EnumEntry<VetoRank> kVetoRanks[] = {
    {VetoRank::kByScore, "by_score", "score|keep", "a vetoed unit keeps its place by score"},
    {VetoRank::kLast, "last", "end", "vetoed units are ranked after every other unit"},
};

}  // namespace

STAFFEVAL_ENUM_TABLE(RuleKind, "rule type", kRuleKinds)
STAFFEVAL_ENUM_TABLE(Direction, "direction", kDirections)
STAFFEVAL_ENUM_TABLE(ThresholdStat, "threshold statistic", kThresholdStats)
STAFFEVAL_ENUM_TABLE(Aggregation, "aggregation", kAggregations)
STAFFEVAL_ENUM_TABLE(MissingPolicy, "missing-value policy", kMissingPolicies)
STAFFEVAL_ENUM_TABLE(MissingInputs, "missing-input rule", kMissingInputs)
STAFFEVAL_ENUM_TABLE(CapMissing, "undecided-cap rule", kCapMissing)
STAFFEVAL_ENUM_TABLE(CoverageBasis, "coverage basis", kCoverageBases)
STAFFEVAL_ENUM_TABLE(Cohort, "cohort", kCohorts)
STAFFEVAL_ENUM_TABLE(WeightMode, "weight mode", kWeightModes)
STAFFEVAL_ENUM_TABLE(RoundingMode, "rounding mode", kRoundingModes)
STAFFEVAL_ENUM_TABLE(RoundingScope, "rounding scope", kRoundingScopes)
STAFFEVAL_ENUM_TABLE(Encoding, "encoding", kEncodings)
STAFFEVAL_ENUM_TABLE(Kept, "kept", kDetails)
STAFFEVAL_ENUM_TABLE(Language, "language", kLanguages)
STAFFEVAL_ENUM_TABLE(VetoRank, "veto ranking", kVetoRanks)

std::string_view to_string(RuleKind v) { return enum_table<RuleKind>().name(v); }
std::string_view to_string(Direction v) { return enum_table<Direction>().name(v); }
std::string_view to_string(ThresholdStat v) { return enum_table<ThresholdStat>().name(v); }
std::string_view to_string(Aggregation v) { return enum_table<Aggregation>().name(v); }
std::string_view to_string(MissingPolicy v) { return enum_table<MissingPolicy>().name(v); }
std::string_view to_string(MissingInputs v) { return enum_table<MissingInputs>().name(v); }
std::string_view to_string(CapMissing v) { return enum_table<CapMissing>().name(v); }
std::string_view to_string(CoverageBasis v) { return enum_table<CoverageBasis>().name(v); }
std::string_view to_string(Cohort v) { return enum_table<Cohort>().name(v); }
std::string_view to_string(WeightMode v) { return enum_table<WeightMode>().name(v); }
std::string_view to_string(RoundingMode v) { return enum_table<RoundingMode>().name(v); }
std::string_view to_string(RoundingScope v) { return enum_table<RoundingScope>().name(v); }
std::string_view to_string(Encoding v) { return enum_table<Encoding>().name(v); }
std::string_view to_string(Kept v) { return enum_table<Kept>().name(v); }
std::string_view to_string(Language v) { return enum_table<Language>().name(v); }
std::string_view to_string(VetoRank v) { return enum_table<VetoRank>().name(v); }

std::optional<RuleKind> parse_rule_kind(std::string_view s) { return parse_enum<RuleKind>(s); }
std::optional<Direction> parse_direction(std::string_view s) { return parse_enum<Direction>(s); }
std::optional<Aggregation> parse_aggregation(std::string_view s) { return parse_enum<Aggregation>(s); }
std::optional<MissingPolicy> parse_missing_policy(std::string_view s) { return parse_enum<MissingPolicy>(s); }
std::optional<MissingInputs> parse_missing_inputs(std::string_view s) { return parse_enum<MissingInputs>(s); }
std::optional<CapMissing> parse_cap_missing(std::string_view s) { return parse_enum<CapMissing>(s); }
std::optional<CoverageBasis> parse_coverage_basis(std::string_view s) { return parse_enum<CoverageBasis>(s); }
std::optional<Cohort> parse_cohort(std::string_view s) { return parse_enum<Cohort>(s); }
std::optional<WeightMode> parse_weight_mode(std::string_view s) { return parse_enum<WeightMode>(s); }
std::optional<RoundingMode> parse_rounding_mode(std::string_view s) { return parse_enum<RoundingMode>(s); }
std::optional<RoundingScope> parse_rounding_scope(std::string_view s) { return parse_enum<RoundingScope>(s); }
std::optional<Encoding> parse_encoding(std::string_view s) { return parse_enum<Encoding>(s); }
std::optional<Kept> parse_kept(std::string_view s) { return parse_enum<Kept>(s); }
std::optional<Language> parse_language(std::string_view s) { return parse_enum<Language>(s); }
std::optional<VetoRank> parse_veto_rank(std::string_view s) { return parse_enum<VetoRank>(s); }

}  // namespace staffeval
