/// @file uncertainty.h
/// What is uncertain in an evaluation: a specification, read from YAML and checked against the
/// model it is about, that the sensitivity analyses (sensitivity.h) sample from.
#pragma once

#include <string>
#include <vector>

#include "staffeval/enum_table.h"
#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/model.h"
#include "staffeval/weighting.h"

namespace staffeval {

/// How a group's weights move around their nominal values.
enum class WeightDraw {
  kDirichlet,  ///< `dirichlet`: Dirichlet(concentration x nominal weights): centred on them.
  kUniform,    ///< `uniform`: uniform on the simplex (every weighting equally likely).
  kPercent,    ///< `percent`: each weight uniform within +-percent% of nominal, then renormalised.
};
template <>
STAFFEVAL_EXPORT const EnumTable<WeightDraw>& enum_table<WeightDraw>();
STAFFEVAL_EXPORT std::string_view to_string(WeightDraw v);

/// The weights of one group of the model (or of its top level) as uncertain.
struct STAFFEVAL_EXPORT WeightUncertainty {
  std::string group;  ///< A group's node id; empty for the top level.
  WeightDraw draw = WeightDraw::kDirichlet;
  double concentration = 100;  ///< Dirichlet: larger = closer to the nominal weights. > 0.
  double percent = 10;         ///< Percent: the half-width of each weight's range, in (0, 100].
  SourceLocation location;     ///< Where the specification names it.
};

/// Measurement error of one raw field: each value multiplied by a lognormal factor
/// exp(relative Z - relative^2 / 2), Z standard normal (mean 1, relative standard deviation about
/// `relative`; signs and zeros kept).
struct STAFFEVAL_EXPORT FieldNoise {
  std::string field;        ///< A field id of the model (`fields:`).
  double relative = 0.05;   ///< In (0, 1].
  SourceLocation location;
};

/// Expert judgment of a group weighted by AHP (`weighting: method: ahp`): each judgment above the
/// diagonal moves one step along the 1-9 scale (1/9, ..., 1/2, 1, 2, ..., 9; up or down equally
/// likely, held at the ends) with probability `move`, and a panel's experts are resampled with
/// replacement (`bootstrap`); the group's weights are the AHP weights of the moved judgments.
struct STAFFEVAL_EXPORT JudgmentUncertainty {
  std::string group;  ///< A group's node id; empty for the top level.
  double move = 0;    ///< In [0, 1].
  bool bootstrap = false;
  SourceLocation location;
};

/// What a model choice makes uncertain.
enum class ChoiceAspect {
  kWeighting,    ///< `weighting`: the method a group's weights come from (one of a list).
  kBlend,        ///< `blend`: a group's weights blended with an objective method, alpha in a range.
  kRule,         ///< `rule`: the scoring rule (normalisation) of indicators (one of a list).
  kAggregation,  ///< `aggregation`: how a group combines its children (one of a list).
  kMethod,       ///< `method`: the evaluation method that scores a group (one of a list).
};
template <>
STAFFEVAL_EXPORT const EnumTable<ChoiceAspect>& enum_table<ChoiceAspect>();
STAFFEVAL_EXPORT std::string_view to_string(ChoiceAspect v);

/// A modelling choice: each sample takes one of the alternatives, equally likely (a blend: alpha
/// uniform in [alpha_low, alpha_high]). Alternatives, by aspect:
/// - weighting: `nominal` (the model's own, also accepted under its name, e.g. `ahp`), `written`
///   (the weights written on the children), `equal`, or an objective method (`entropy`, `critic`,
///   `std`, `cv`, `variance`, `independence`, `pca`) on the children's shares;
/// - blend: the group's own weights w and the objective method's o as alpha w + (1 - alpha) o;
/// - rule: `minmax`, `zscore`, `percentile`, `distance_to_best`, `proportional` (the indicator's
///   direction, full marks, output range and cohort are kept);
/// - aggregation: `arithmetic`, `geometric`, `harmonic`;
/// - method: `weighted_mean` (the group's weighted arithmetic mean) or an evaluation method
///   (`topsis`, `vikor`, ...; its other options as the group's, or the defaults).
struct STAFFEVAL_EXPORT ModelChoice {
  ChoiceAspect aspect = ChoiceAspect::kWeighting;
  /// weighting, blend, aggregation, method: the group's node id; empty for the top level.
  std::string group;
  /// rule: the indicators the rule applies to (`all`: every indicator with a cohort-relative rule).
  std::vector<std::string> indicators;
  /// The alternatives as written (blend: none).
  std::vector<std::string> alternatives;
  /// blend: the objective method and alpha's range, within [0, 1].
  ObjectiveMethod blend = ObjectiveMethod::kEntropy;
  double alpha_low = 0, alpha_high = 1;
  SourceLocation location;

  /// A short description: `weighting of D1`, `rule of 12 indicators`, `method of the top level`.
  std::string label() const;
};

/// An uncertainty specification.
struct STAFFEVAL_EXPORT UncertaintySpec {
  std::string file;
  /// One entry per group whose weights are uncertain, in the specification's order (`all`
  /// expanded to the top level and every group in model order).
  std::vector<WeightUncertainty> weights;
  /// `judgments:` AHP judgments moved and panels resampled, per group.
  std::vector<JudgmentUncertainty> judgments;
  /// `thresholds: {points: p}`: every grade minimum but the last moves uniformly within +-p
  /// points, independently (p less than half the smallest gap between two minimums). 0 = fixed.
  double threshold_points = 0;
  SourceLocation thresholds_location;
  /// `noise:` measurement error of raw fields (`all` expanded to every field of the model).
  std::vector<FieldNoise> noise;
  /// `inclusion: {drop: p, keep: [...]}`: every indicator but those kept is left out of a sample
  /// with probability p (its weight 0, its siblings renormalised; a group keeps all its
  /// indicators in a sample that would drop every one). 0 = always included.
  double drop = 0;
  std::vector<std::string> keep;
  /// `inclusion: {sets: [[...], [...]]}`: each sample scores with one of these indicator sets,
  /// equally likely (the others' weights 0, siblings renormalised). A set that would leave a
  /// group without indicators is refused when the analysis starts. Exclusive with `drop`.
  std::vector<std::vector<std::string>> sets;
  std::vector<SourceLocation> set_locations;
  SourceLocation inclusion_location;
  /// `missing: [skip, zero, ...]`: each sample scores missing values by one of these policies,
  /// equally likely. Empty = the evaluation's own policy.
  std::vector<MissingPolicy> missing;
  SourceLocation missing_location;
  /// `choices:` modelling choices (weighting methods, rules, aggregations, evaluation methods).
  std::vector<ModelChoice> choices;

  /// Whether a choice changes more than weights (rules, aggregations, methods): the samples are
  /// then evaluated again rather than computed from the linear form.
  bool choices_beyond_weights() const {
    for (const auto& c : choices)
      if (c.aspect != ChoiceAspect::kWeighting && c.aspect != ChoiceAspect::kBlend) return true;
    return false;
  }

  /// Whether anything besides drawn weights is uncertain (the analyses that map each weight to
  /// one input refuse it).
  bool beyond_weights() const {
    return !judgments.empty() || threshold_points > 0 || !noise.empty() || drop > 0 || !sets.empty() || !missing.empty() ||
           !choices.empty();
  }
};

/// Reads a specification and checks it against `model`: unknown keys, groups the model does not
/// have (or indicators, which have no weights to move), a group named twice, keys of another
/// draw, fields and indicators the model does not have, thresholds for a model without grades
/// (or moves that would let two grade minimums cross) and values out of range are located
/// diagnostics, all of them reported at once.
/// @throws ModelError with every diagnostic.
STAFFEVAL_EXPORT UncertaintySpec load_uncertainty(const std::string& path, const IndicatorModel& model);
STAFFEVAL_EXPORT UncertaintySpec load_uncertainty_from_string(const std::string& yaml, const std::string& name,
                                                              const IndicatorModel& model);

}  // namespace staffeval
