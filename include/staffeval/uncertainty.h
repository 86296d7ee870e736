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

/// An uncertainty specification.
struct STAFFEVAL_EXPORT UncertaintySpec {
  std::string file;
  /// One entry per group whose weights are uncertain, in the specification's order (`all`
  /// expanded to the top level and every group in model order).
  std::vector<WeightUncertainty> weights;
};

/// Reads a specification and checks it against `model`: unknown keys, groups the model does not
/// have (or indicators, which have no weights to move), a group named twice, keys of another
/// draw and values out of range are located diagnostics, all of them reported at once.
/// @throws ModelError with every diagnostic.
STAFFEVAL_EXPORT UncertaintySpec load_uncertainty(const std::string& path, const IndicatorModel& model);
STAFFEVAL_EXPORT UncertaintySpec load_uncertainty_from_string(const std::string& yaml, const std::string& name,
                                                              const IndicatorModel& model);

}  // namespace staffeval
