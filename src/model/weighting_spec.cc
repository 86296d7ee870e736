// Where a group's children take their weights from: the spec's names and its checks.
#include "model/weighting_spec.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace staffeval {

std::string WeightingSpec::source_name() const {
  struct Name {
    std::string operator()(const WrittenWeights&) const { return "written"; }
    std::string operator()(const AhpJudgments&) const { return "ahp"; }
    std::string operator()(const RankOrderWeights&) const { return "rank_order"; }
    std::string operator()(const ObjectiveWeights& o) const { return std::string(to_string(o.options.method)); }
  };
  return std::visit(Name{}, source);
}

const ObjectiveOptions* WeightingSpec::objective() const {
  if (const auto* o = std::get_if<ObjectiveWeights>(&source)) return &o->options;
  return blend ? &blend->objective : nullptr;
}

namespace detail {

std::vector<Diagnostic> check_weighting(const IndicatorModel& model, const WeightingSpec& spec,
                                        const std::string& owner, const std::vector<std::string>& children,
                                        const std::vector<bool>& child_is_leaf) {
  std::vector<Diagnostic> out;
  auto error = [&](const SourceLocation& loc, std::string field, std::string value, std::string rule) {
    out.push_back({Severity::kError, loc, std::move(field), std::move(value), std::move(rule)});
  };
  const std::size_t n = children.size();
  const auto* ahp = std::get_if<AhpJudgments>(&spec.source);
  if (ahp) {
    try {
      ahp->options.validate();
    } catch (const OptionsError& e) {
      error(spec.location, owner + ".threshold", fmt::format("{}", ahp->options.threshold), "must be in (0, 1)");
    }
  }
  try {
    if (const ObjectiveOptions* o = spec.objective()) o->validate();
    if (spec.blend) spec.blend->combine.validate();
  } catch (const OptionsError& e) {
    error(spec.location, owner, "", e.what());
  }
  if (ahp) {
    if (ahp->matrices.empty()) error(spec.location, owner + ".matrix", "", "ahp needs a judgment `matrix` (or `matrices`)");
    for (std::size_t k = 0; k < ahp->matrices.size(); ++k) {
      const auto& m = ahp->matrices[k];
      const std::string field = ahp->matrices.size() == 1 ? owner + ".matrix" : fmt::format("{}.matrices[{}]", owner, k);
      if (static_cast<std::size_t>(m.rows()) != n)
        error(ahp->matrix_locations[k], field, fmt::format("{} x {}", m.rows(), m.cols()),
              fmt::format("must be {} x {}: one row and column per child, in the children's order", n, n));
    }
    if (!ahp->expert_weights.empty() && ahp->expert_weights.size() != ahp->matrices.size())
      error(spec.location, owner + ".expert_weights", fmt::format("{} entries", ahp->expert_weights.size()),
            fmt::format("must have one weight per matrix ({})", ahp->matrices.size()));
  }
  if (const auto* ro = std::get_if<RankOrderWeights>(&spec.source)) {
    std::vector<std::string> a = ro->order, b = children;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b)
      error(spec.location, owner + ".order", fmt::format("{} ids", ro->order.size()),
            "must list every child id exactly once, most important first");
  }
  const ObjectiveOptions* objective = spec.objective();
  if (objective && objective->basis != WeightBasis::kShares &&
      std::find(child_is_leaf.begin(), child_is_leaf.end(), false) != child_is_leaf.end())
    error(spec.location, owner + ".basis", std::string(to_string(objective->basis)),
          "the raw and minmax bases need indicators as children; a group child has only its score (use shares)");
  if (spec.data_driven() && model.rounding.scope == RoundingScope::kIndicator)
    error(spec.location, owner + ".method", objective ? std::string(to_string(objective->method)) : spec.source_name(),
          "weights computed from the data change every indicator's points, so they cannot be rounded per "
          "indicator (use rounding scope total)");
  return out;
}

}  // namespace detail
}  // namespace staffeval
