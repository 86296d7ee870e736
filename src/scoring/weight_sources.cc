// Weight sources: the fixed part of written, judgment and rank-order weights, computed once when
// the plan is compiled, and data-driven objective weights (alone or blended) per evaluation.
#include "scoring/weight_sources.h"

#include <algorithm>
#include <optional>

#include <fmt/format.h>

namespace staffeval::detail {

namespace {

FixedWeights written_weights(const Eigen::VectorXd& written) {
  FixedWeights f;
  f.weights = written / written.sum();
  f.method = "written";
  return f;
}

// The AHP weights of one matrix or a panel; throws the AHP code's DataError / OptionsError.
// The revision search runs only with `suggest_revision`, to say how to fix an inconsistent model.
FixedWeights ahp_weights(const AhpJudgments& spec, const std::vector<std::string>& children, const std::string& file,
                         bool suggest_revision, AhpResult* combined) {
  FixedWeights f;
  AhpOptions options = spec.options;
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
    *combined = ahp(ms[0], options);
    f.method = "ahp";
  } else {
    PanelOptions p;
    p.ahp = options;
    p.aggregation = spec.aggregation;
    p.aip_mean = spec.aip_mean;
    p.expert_weights = spec.expert_weights;
    const PanelResult panel = ahp_panel(ms, p);
    *combined = panel.combined;
    f.method = fmt::format("ahp panel of {} ({})", ms.size(), to_string(spec.aggregation));
    f.warnings = panel.warnings;
    f.consistent = panel.consistent();
  }
  f.weights = combined->weights;
  f.cr = combined->cr;
  if (ms.size() == 1) f.consistent = combined->consistent;
  f.report = combined->brief_report();
  for (const auto& w : combined->warnings) f.warnings.push_back(w);
  return f;
}

FixedWeights rank_order_weights(const RankOrderWeights& spec, const std::vector<std::string>& children) {
  FixedWeights f;
  const WeightResult r = rank_order_weights(spec.order, spec.method);
  f.weights.resize(static_cast<Eigen::Index>(children.size()));
  for (std::size_t i = 0; i < children.size(); ++i) {
    const auto it = std::find(r.names.begin(), r.names.end(), children[i]);
    f.weights[static_cast<Eigen::Index>(i)] = r.weights[it - r.names.begin()];
  }
  f.method = fmt::format("rank_order ({})", to_string(spec.method));
  f.report = r.brief_report();
  return f;
}

// Objective weights from the data, alone (no `combine`) or blended with the fixed ones.
class ObjectiveSource final : public WeightSource {
 public:
  ObjectiveSource(FixedWeights fixed, ObjectiveOptions options, std::optional<CombineOptions> combine)
      : WeightSource(std::move(fixed)), options_(options), combine_(combine) {}
  bool data_driven() const override { return true; }
  WeightBasis basis() const override { return options_.basis; }
  void weigh(const Eigen::MatrixXd& x, const std::vector<std::string>& child_ids,
             const std::vector<Direction>& directions, GroupWeights* g) const override {
    const WeightResult o = objective_weights(x, child_ids, directions, options_);
    g->warnings.insert(g->warnings.end(), o.warnings.begin(), o.warnings.end());
    if (!combine_) {
      g->method = o.method;
      g->weights = o.weights;
      g->report = o.brief_report();
      g->cr = std::numeric_limits<double>::quiet_NaN();
      g->consistent = true;
      return;
    }
    const FixedWeights& f = fixed();
    const WeightResult c = combine_weights({f.weights, o.weights}, child_ids, *combine_);
    g->method = combine_->method == CombineMethod::kLinear
                    ? fmt::format("{} + {} (linear, alpha {:g})", f.method, o.method, combine_->alpha)
                    : fmt::format("{} + {} ({})", f.method, o.method, to_string(combine_->method));
    g->weights = c.weights;
    g->report = (f.report.empty() ? std::string() : f.report + "; ") + o.brief_report();
  }

 private:
  ObjectiveOptions options_;
  std::optional<CombineOptions> combine_;
};

}  // namespace

void WeightSource::weigh(const Eigen::MatrixXd&, const std::vector<std::string>&, const std::vector<Direction>&,
                         GroupWeights*) const {}

std::shared_ptr<const WeightSource> make_weight_source(const IndicatorModel& model, const WeightingSpec& spec,
                                                       const std::string& owner,
                                                       const std::vector<std::string>& children,
                                                       const Eigen::VectorXd& written,
                                                       std::vector<Diagnostic>* diagnostics) {
  FixedWeights fixed = written_weights(written);
  if (const auto* a = std::get_if<AhpJudgments>(&spec.source)) {
    const SourceLocation& at = a->matrix_locations.empty() ? spec.location : a->matrix_locations[0];
    const std::string field = owner + (a->matrices.size() == 1 ? ".matrix" : ".matrices");
    // The judgments themselves: reciprocity, positivity, connectivity, then consistency.
    try {
      AhpResult combined;
      FixedWeights f = ahp_weights(*a, children, model.file, false, &combined);
      if (!f.consistent && !a->allow_inconsistent) {
        std::string help;
        if (!combined.inconsistent.empty()) {
          const auto& j = combined.inconsistent[0];
          help = fmt::format("; the judgment {} / {} contributes most", children[j.row], children[j.col]);
        }
        // The revision search runs only here, on the way to an error.
        AhpResult revised;
        ahp_weights(*a, children, model.file, true, &revised);
        if (!revised.revision.empty()) {
          const auto& s = revised.revision[0];
          help += fmt::format("; revising {} / {} from {:.4g} to {:.4g} gives CR {:.4f}", children[s.row],
                              children[s.col], s.from, s.to, s.cr_after);
        }
        diagnostics->push_back({Severity::kError, at, field, fmt::format("CR {:.4f}", f.cr),
                                fmt::format("the judgments are inconsistent (CR must be < {}){} (or set "
                                            "allow_inconsistent: true)",
                                            a->options.threshold, help)});
      } else {
        fixed = std::move(f);
      }
    } catch (const Error& e) {
      // The AHP messages name the element pair: keep them, located at the matrix.
      std::string what = e.what();
      const std::string prefix = model.file + ": ";
      if (what.rfind(prefix, 0) == 0) what = what.substr(prefix.size());
      diagnostics->push_back({Severity::kError, at, field, "", what});
    }
  } else if (const auto* r = std::get_if<RankOrderWeights>(&spec.source)) {
    fixed = rank_order_weights(*r, children);
  }
  if (const auto* o = std::get_if<ObjectiveWeights>(&spec.source))
    return std::make_shared<ObjectiveSource>(std::move(fixed), o->options, std::nullopt);
  if (spec.blend) return std::make_shared<ObjectiveSource>(std::move(fixed), spec.blend->objective, spec.blend->combine);
  return std::make_shared<WeightSource>(std::move(fixed));
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

}  // namespace staffeval::detail
