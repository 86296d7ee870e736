// The fields of every scoring rule, in one table: the YAML reader checks and reads a rule's keys
// from it and the writer writes them from it (internal to the model layer).
#ifndef STAFFEVAL_MODEL_RULE_FIELDS_H_
#define STAFFEVAL_MODEL_RULE_FIELDS_H_

#include <cstdint>
#include <initializer_list>

#include "staffeval/model.h"

namespace staffeval::detail {

// Every key a rule may have, in the order the writer puts them, with the rule types that read it
// and how it is written. The key check, the reader and the writer all walk this one table: a new
// rule parameter is one row here (and its meaning in scoring/rules.cc).
enum class RuleShape {
  kType,       // `type`
  kDirection,  // benefit / cost
  kCohort,     // written only when not the default
  kNumber,     // a number, written when set (not NaN)
  kChanged,    // a number, written only when not the default
  kRange,      // [low, high] into `a`, `b`; written when not the default
  kSide,       // {zero_at: x} into `a` or {deduct: d, per: p} into the slope `b`; the slope written
  kPoints,     // [x, marks] pairs (`label` names x)
  kThreshold,  // a number, or the name of a cohort statistic
};

constexpr std::uint32_t kinds(std::initializer_list<RuleKind> list) {
  std::uint32_t m = 0;
  for (RuleKind k : list) m |= 1u << static_cast<unsigned>(k);
  return m;
}
inline constexpr std::uint32_t kAllKinds = ~0u;
inline constexpr std::uint32_t kCohortRelative =
    kinds({RuleKind::kMinMax, RuleKind::kZScore, RuleKind::kPercentile, RuleKind::kDistanceToBest, RuleKind::kProportional});

struct RuleField {
  const char* key;
  RuleShape shape;
  std::uint32_t kinds;
  double Rule::*a = nullptr;
  double Rule::*b = nullptr;
  const char* label = nullptr;
};

inline const RuleField kRuleFields[] = {
    {"type", RuleShape::kType, kAllKinds},
    {"direction", RuleShape::kDirection, kCohortRelative | kinds({RuleKind::kDeduction})},
    {"cohort", RuleShape::kCohort, kCohortRelative | kinds({RuleKind::kIdeal, RuleKind::kDeduction})},
    {"full", RuleShape::kNumber, kAllKinds, &Rule::full},
    {"range", RuleShape::kRange, kCohortRelative, &Rule::range_low, &Rule::range_high},
    {"mean", RuleShape::kNumber, kinds({RuleKind::kZScore}), &Rule::z_mean},
    {"sd", RuleShape::kNumber, kinds({RuleKind::kZScore}), &Rule::z_sd},
    {"worst", RuleShape::kNumber, kinds({RuleKind::kLinear}), &Rule::worst},
    {"best", RuleShape::kNumber, kinds({RuleKind::kLinear}), &Rule::best},
    {"low", RuleShape::kNumber, kinds({RuleKind::kTargetRange}), &Rule::low},
    {"high", RuleShape::kNumber, kinds({RuleKind::kTargetRange}), &Rule::high},
    {"low_zero", RuleShape::kNumber, kinds({RuleKind::kTargetRange}), &Rule::low_zero},
    {"high_zero", RuleShape::kNumber, kinds({RuleKind::kTargetRange}), &Rule::high_zero},
    {"below", RuleShape::kSide, kinds({RuleKind::kTargetRange}), &Rule::low_zero, &Rule::low_slope},
    {"above", RuleShape::kSide, kinds({RuleKind::kTargetRange}), &Rule::high_zero, &Rule::high_slope},
    {"ideal", RuleShape::kNumber, kinds({RuleKind::kIdeal}), &Rule::ideal},
    {"tolerance", RuleShape::kNumber, kinds({RuleKind::kIdeal}), &Rule::tolerance},
    {"breakpoints", RuleShape::kPoints, kinds({RuleKind::kPiecewise}), nullptr, nullptr, "x"},
    {"bands", RuleShape::kPoints, kinds({RuleKind::kBands}), nullptr, nullptr, "min"},
    {"otherwise", RuleShape::kChanged, kinds({RuleKind::kBands}), &Rule::below},
    {"threshold", RuleShape::kThreshold, kinds({RuleKind::kDeduction}), &Rule::threshold},
    {"per", RuleShape::kNumber, kinds({RuleKind::kDeduction}), &Rule::per},
    {"deduct", RuleShape::kNumber, kinds({RuleKind::kDeduction}), &Rule::deduct},
    {"floor", RuleShape::kNumber, kinds({RuleKind::kDeduction}), &Rule::floor},
    {"items", RuleShape::kNumber, kinds({RuleKind::kChecklist}), &Rule::items},
    {"no", RuleShape::kChanged, kinds({RuleKind::kCompliance}), &Rule::no},
    {"zero_at", RuleShape::kNumber, kinds({RuleKind::kSurvey}), &Rule::zero_at},
    {"full_at", RuleShape::kNumber, kinds({RuleKind::kSurvey}), &Rule::full_at},
};

inline bool reads(const RuleField& f, RuleKind kind) { return (f.kinds >> static_cast<unsigned>(kind)) & 1u; }

}  // namespace staffeval::detail

#endif  // STAFFEVAL_MODEL_RULE_FIELDS_H_
