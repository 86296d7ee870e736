// String forms of the shared enumerations: the one place where each spelling is defined.
#include "staffeval/types.h"

#include <string>

#include "common/strings.h"

namespace staffeval {

std::string_view to_string(RuleKind v) {
  switch (v) {
    case RuleKind::kMinMax: return "minmax";
    case RuleKind::kZScore: return "zscore";
    case RuleKind::kPercentile: return "percentile";
    case RuleKind::kDistanceToBest: return "distance_to_best";
    case RuleKind::kProportional: return "proportional";
    case RuleKind::kLinear: return "linear";
    case RuleKind::kTargetRange: return "target_range";
    case RuleKind::kIdeal: return "ideal";
    case RuleKind::kPiecewise: return "piecewise";
    case RuleKind::kBands: return "bands";
    case RuleKind::kDeduction: return "deduction";
    case RuleKind::kChecklist: return "checklist";
    case RuleKind::kCompliance: return "compliance";
    case RuleKind::kSurvey: return "survey";
  }
  return "?";
}

std::optional<RuleKind> parse_rule_kind(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "minmax") return RuleKind::kMinMax;
  if (t == "zscore") return RuleKind::kZScore;
  if (t == "percentile") return RuleKind::kPercentile;
  if (t == "distance_to_best") return RuleKind::kDistanceToBest;
  if (t == "proportional") return RuleKind::kProportional;
  if (t == "linear") return RuleKind::kLinear;
  if (t == "target_range") return RuleKind::kTargetRange;
  if (t == "ideal") return RuleKind::kIdeal;
  if (t == "piecewise") return RuleKind::kPiecewise;
  if (t == "bands") return RuleKind::kBands;
  if (t == "deduction") return RuleKind::kDeduction;
  if (t == "checklist") return RuleKind::kChecklist;
  if (t == "compliance") return RuleKind::kCompliance;
  if (t == "survey") return RuleKind::kSurvey;
  if (t == "min_max") return RuleKind::kMinMax;
  if (t == "z_score") return RuleKind::kZScore;
  if (t == "rank") return RuleKind::kPercentile;
  if (t == "ratio_to_best") return RuleKind::kProportional;
  if (t == "range") return RuleKind::kTargetRange;
  if (t == "step") return RuleKind::kBands;
  if (t == "yes_no") return RuleKind::kCompliance;
  return std::nullopt;
}

std::string_view to_string(Direction v) {
  switch (v) {
    case Direction::kBenefit: return "benefit";
    case Direction::kCost: return "cost";
  }
  return "?";
}

std::optional<Direction> parse_direction(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "benefit") return Direction::kBenefit;
  if (t == "cost") return Direction::kCost;
  if (t == "+") return Direction::kBenefit;
  if (t == "1") return Direction::kBenefit;
  if (t == "+1") return Direction::kBenefit;
  if (t == "max") return Direction::kBenefit;
  if (t == "higher") return Direction::kBenefit;
  if (t == "-") return Direction::kCost;
  if (t == "-1") return Direction::kCost;
  if (t == "min") return Direction::kCost;
  if (t == "lower") return Direction::kCost;
  return std::nullopt;
}

std::string_view to_string(Aggregation v) {
  switch (v) {
    case Aggregation::kArithmetic: return "arithmetic";
    case Aggregation::kGeometric: return "geometric";
    case Aggregation::kHarmonic: return "harmonic";
    case Aggregation::kPower: return "power";
  }
  return "?";
}

std::optional<Aggregation> parse_aggregation(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "arithmetic") return Aggregation::kArithmetic;
  if (t == "geometric") return Aggregation::kGeometric;
  if (t == "harmonic") return Aggregation::kHarmonic;
  if (t == "power") return Aggregation::kPower;
  return std::nullopt;
}

std::string_view to_string(MissingPolicy v) {
  switch (v) {
    case MissingPolicy::kSkip: return "skip";
    case MissingPolicy::kZero: return "zero";
    case MissingPolicy::kMean: return "mean";
    case MissingPolicy::kMedian: return "median";
    case MissingPolicy::kPeerMean: return "peer_mean";
    case MissingPolicy::kPeerMedian: return "peer_median";
    case MissingPolicy::kFail: return "fail";
  }
  return "?";
}

std::string_view to_string(MissingInputs v) {
  switch (v) {
    case MissingInputs::kMissing: return "missing";
    case MissingInputs::kZero: return "zero";
  }
  return "?";
}

std::optional<MissingInputs> parse_missing_inputs(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "missing") return MissingInputs::kMissing;
  if (t == "zero") return MissingInputs::kZero;
  return std::nullopt;
}

std::string_view to_string(CapMissing v) {
  switch (v) {
    case CapMissing::kSkip: return "skip";
    case CapMissing::kApply: return "apply";
    case CapMissing::kFail: return "fail";
  }
  return "?";
}

std::optional<CapMissing> parse_cap_missing(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "skip") return CapMissing::kSkip;
  if (t == "apply") return CapMissing::kApply;
  if (t == "fail") return CapMissing::kFail;
  return std::nullopt;
}

std::string_view to_string(CoverageBasis v) {
  switch (v) {
    case CoverageBasis::kWeight: return "weight";
    case CoverageBasis::kIndicators: return "indicators";
  }
  return "?";
}

std::optional<CoverageBasis> parse_coverage_basis(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "weight") return CoverageBasis::kWeight;
  if (t == "indicators") return CoverageBasis::kIndicators;
  return std::nullopt;
}

std::optional<MissingPolicy> parse_missing_policy(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "skip") return MissingPolicy::kSkip;
  if (t == "zero") return MissingPolicy::kZero;
  if (t == "mean") return MissingPolicy::kMean;
  if (t == "median") return MissingPolicy::kMedian;
  if (t == "peer_mean") return MissingPolicy::kPeerMean;
  if (t == "peer_median") return MissingPolicy::kPeerMedian;
  if (t == "fail") return MissingPolicy::kFail;
  return std::nullopt;
}

std::string_view to_string(Cohort v) {
  switch (v) {
    case Cohort::kPeerGroup: return "peer_group";
    case Cohort::kAll: return "all";
  }
  return "?";
}

std::optional<Cohort> parse_cohort(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "peer_group") return Cohort::kPeerGroup;
  if (t == "all") return Cohort::kAll;
  return std::nullopt;
}

std::string_view to_string(WeightMode v) {
  switch (v) {
    case WeightMode::kPoints: return "points";
    case WeightMode::kRelative: return "relative";
  }
  return "?";
}

std::optional<WeightMode> parse_weight_mode(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "points") return WeightMode::kPoints;
  if (t == "relative") return WeightMode::kRelative;
  return std::nullopt;
}

std::string_view to_string(RoundingMode v) {
  switch (v) {
    case RoundingMode::kHalfUp: return "half_up";
    case RoundingMode::kHalfEven: return "half_even";
  }
  return "?";
}

std::optional<RoundingMode> parse_rounding_mode(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "half_up") return RoundingMode::kHalfUp;
  if (t == "half_even") return RoundingMode::kHalfEven;
  if (t == "half-up") return RoundingMode::kHalfUp;
  if (t == "half-even") return RoundingMode::kHalfEven;
  if (t == "bankers") return RoundingMode::kHalfEven;
  return std::nullopt;
}

std::string_view to_string(RoundingScope v) {
  switch (v) {
    case RoundingScope::kNone: return "none";
    case RoundingScope::kIndicator: return "indicator";
    case RoundingScope::kTotal: return "total";
  }
  return "?";
}

std::optional<RoundingScope> parse_rounding_scope(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "none") return RoundingScope::kNone;
  if (t == "indicator") return RoundingScope::kIndicator;
  if (t == "total") return RoundingScope::kTotal;
  return std::nullopt;
}

std::string_view to_string(Encoding v) {
  switch (v) {
    case Encoding::kAuto: return "auto";
    case Encoding::kUtf8: return "utf-8";
    case Encoding::kGb18030: return "gb18030";
  }
  return "?";
}

std::optional<Encoding> parse_encoding(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "auto") return Encoding::kAuto;
  if (t == "utf-8") return Encoding::kUtf8;
  if (t == "gb18030") return Encoding::kGb18030;
  if (t == "utf8") return Encoding::kUtf8;
  if (t == "gbk") return Encoding::kGb18030;
  if (t == "gb2312") return Encoding::kGb18030;
  if (t == "cp936") return Encoding::kGb18030;
  return std::nullopt;
}

std::string_view to_string(Detail v) {
  switch (v) {
    case Detail::kTotals: return "totals";
    case Detail::kShares: return "shares";
    case Detail::kFull: return "full";
  }
  return "?";
}

std::optional<Detail> parse_detail(std::string_view s) {
  const std::string t = detail::lower(s);
  if (t == "totals") return Detail::kTotals;
  if (t == "shares") return Detail::kShares;
  if (t == "full") return Detail::kFull;
  return std::nullopt;
}

}  // namespace staffeval
