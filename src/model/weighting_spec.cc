// Weights of a group's children from a weighting method: checks and the fixed part.
#include "model/weighting_spec.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace staffeval {

bool WeightingSpec::data_driven() const {
  return !combine_with.empty() || (!method.empty() && method != "ahp" && method != "rank_order");
}

namespace detail {

FixedWeights fixed_weights(const WeightingSpec& spec, const std::vector<std::string>& children,
                           const Eigen::VectorXd& written, const std::string& file, bool suggest_revision) {
  FixedWeights f;
  if (spec.method == "ahp") {
    AhpOptions options = spec.ahp;
    options.suggest_revision = suggest_revision;
    std::vector<JudgmentMatrix> ms;
    for (std::size_t k = 0; k < spec.matrices.size(); ++k) {
      JudgmentMatrix m;
      m.file = spec.matrices.size() == 1 ? file : fmt::format("{} (expert {})", file, k + 1);
      m.names = children;
      m.values = spec.matrices[k];
      ms.push_back(std::move(m));
    }
    if (ms.size() == 1) {
      f.ahp = ahp(ms[0], options);
      f.method = "ahp";
    } else {
      PanelOptions p;
      p.ahp = options;
      p.aggregation = spec.aggregation;
      p.aip_mean = spec.aip_mean;
      p.expert_weights = spec.expert_weights;
      const PanelResult panel = ahp_panel(ms, p);
      f.ahp = panel.combined;
      f.method = fmt::format("ahp panel of {} ({})", ms.size(), to_string(spec.aggregation));
      f.warnings = panel.warnings;
      if (spec.aggregation == PanelAggregation::kAip)
        f.consistent = std::all_of(panel.experts.begin(), panel.experts.end(),
                                   [](const AhpResult& e) { return e.consistent; });
    }
    f.weights = f.ahp.weights;
    f.cr = f.ahp.cr;
    if (spec.matrices.size() == 1 || spec.aggregation == PanelAggregation::kAij) f.consistent = f.ahp.consistent;
    f.report = f.ahp.brief_report();
    for (const auto& w : f.ahp.warnings) f.warnings.push_back(w);
    return f;
  }
  if (spec.method == "rank_order") {
    const WeightResult r = rank_order_weights(spec.order, spec.rank_method);
    f.weights.resize(static_cast<Eigen::Index>(children.size()));
    for (std::size_t i = 0; i < children.size(); ++i) {
      const auto it = std::find(r.names.begin(), r.names.end(), children[i]);
      f.weights[static_cast<Eigen::Index>(i)] = r.weights[it - r.names.begin()];
    }
    f.method = fmt::format("rank_order ({})", to_string(spec.rank_method));
    f.report = r.brief_report();
    return f;
  }
  f.weights = written / written.sum();
  f.method = "written";
  return f;
}

GroupWeights group_weights(const FixedWeights& f, const std::string& group, const std::vector<std::string>& children) {
  GroupWeights g;
  g.group = group;
  g.method = f.method;
  g.children = children;
  g.weights = f.weights;
  g.cr = f.cr;
  g.consistent = f.consistent;
  g.report = f.report;
  g.warnings = f.warnings;
  return g;
}

std::vector<std::string> weighting_warnings(const std::vector<GroupWeights>& groups) {
  std::vector<std::string> out;
  for (const auto& g : groups)
    for (const auto& w : g.warnings)
      out.push_back(fmt::format("weights of {}: {}", g.group.empty() ? std::string("the top level") : g.group, w));
  return out;
}

std::vector<Diagnostic> check_weighting(const IndicatorModel& model, const WeightingSpec& spec,
                                        const std::string& owner, const std::vector<std::string>& children,
                                        const std::vector<bool>& child_is_leaf, const Eigen::VectorXd& written) {
  std::vector<Diagnostic> out;
  auto error = [&](const SourceLocation& loc, std::string field, std::string value, std::string rule) {
    out.push_back({Severity::kError, loc, std::move(field), std::move(value), std::move(rule)});
  };
  const std::size_t n = children.size();
  try {
    spec.ahp.validate();
  } catch (const OptionsError& e) {
    error(spec.location, owner + ".threshold", fmt::format("{}", spec.ahp.threshold), "must be in (0, 1)");
  }
  try {
    spec.objective.validate();
    spec.combine.validate();
  } catch (const OptionsError& e) {
    error(spec.location, owner, "", e.what());
  }
  if (spec.method == "ahp") {
    if (spec.matrices.empty()) error(spec.location, owner + ".matrix", "", "ahp needs a judgment `matrix` (or `matrices`)");
    for (std::size_t k = 0; k < spec.matrices.size(); ++k) {
      const auto& m = spec.matrices[k];
      const std::string field = spec.matrices.size() == 1 ? owner + ".matrix" : fmt::format("{}.matrices[{}]", owner, k);
      if (static_cast<std::size_t>(m.rows()) != n)
        error(spec.matrix_locations[k], field, fmt::format("{} x {}", m.rows(), m.cols()),
              fmt::format("must be {} x {}: one row and column per child, in the children's order", n, n));
    }
    if (!spec.expert_weights.empty() && spec.expert_weights.size() != spec.matrices.size())
      error(spec.location, owner + ".expert_weights", fmt::format("{} entries", spec.expert_weights.size()),
            fmt::format("must have one weight per matrix ({})", spec.matrices.size()));
  }
  if (spec.method == "rank_order") {
    std::vector<std::string> a = spec.order, b = children;
    std::sort(a.begin(), a.end());
    std::sort(b.begin(), b.end());
    if (a != b)
      error(spec.location, owner + ".order", fmt::format("{} ids", spec.order.size()),
            "must list every child id exactly once, most important first");
  }
  if (spec.data_driven() && spec.objective.basis != WeightBasis::kShares &&
      std::find(child_is_leaf.begin(), child_is_leaf.end(), false) != child_is_leaf.end())
    error(spec.location, owner + ".basis", std::string(to_string(spec.objective.basis)),
          "the raw and minmax bases need indicators as children; a group child has only its score (use shares)");
  if (spec.data_driven() && model.rounding.scope == RoundingScope::kIndicator)
    error(spec.location, owner + ".method", spec.method.empty() ? spec.combine_with : spec.method,
          "weights computed from the data change every indicator's points, so they cannot be rounded per "
          "indicator (use rounding scope total)");
  if (!out.empty() || (spec.method != "ahp" && spec.method != "rank_order")) return out;
  // The judgments themselves: reciprocity, positivity, connectivity, then consistency.
  try {
    const FixedWeights f = fixed_weights(spec, children, written, model.file, !spec.allow_inconsistent);
    if (!f.consistent && !spec.allow_inconsistent) {
      std::string help;
      if (!f.ahp.inconsistent.empty()) {
        const auto& j = f.ahp.inconsistent[0];
        help = fmt::format("; the judgment {} / {} contributes most", children[j.row], children[j.col]);
      }
      if (!f.ahp.revision.empty()) {
        const auto& s = f.ahp.revision[0];
        help += fmt::format("; revising {} / {} from {:.4g} to {:.4g} gives CR {:.4f}", children[s.row], children[s.col],
                            s.from, s.to, s.cr_after);
      }
      error(spec.matrix_locations.empty() ? spec.location : spec.matrix_locations[0],
            owner + (spec.matrices.size() == 1 ? ".matrix" : ".matrices"), fmt::format("CR {:.4f}", f.cr),
            fmt::format("the judgments are inconsistent (CR must be < {}){} (or set allow_inconsistent: true)",
                        spec.ahp.threshold, help));
    }
  } catch (const Error& e) {
    // The AHP messages name the element pair: keep them, located at the matrix.
    std::string what = e.what();
    const std::string prefix = model.file + ": ";
    if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
    error(spec.matrix_locations.empty() ? spec.location : spec.matrix_locations[0],
          owner + (spec.matrices.size() == 1 ? ".matrix" : ".matrices"), "", what);
  }
  return out;
}

}  // namespace detail
}  // namespace staffeval
