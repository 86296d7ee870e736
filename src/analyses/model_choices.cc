// Modelling choices: variants of a model, compiled once per combination (model_choices.h).
#include "analyses/model_choices.h"

#include <algorithm>
#include <cmath>

#include <fmt/format.h>

namespace staffeval::detail {

namespace {

constexpr int kBlendSlots = 4;  // a blend's samples are summarised by quarters of alpha's range

WeightingSpec& weighting_of(IndicatorModel& m, const std::string& group) {
  return group.empty() ? m.weighting : m.nodes[static_cast<std::size_t>(m.find_node(group))].weighting;
}
GroupScoring& scoring_of(IndicatorModel& m, const std::string& group) {
  return group.empty() ? m.scoring : m.nodes[static_cast<std::size_t>(m.find_node(group))].scoring;
}

// The edges of a group (empty id: the top level) in the plan.
std::vector<int> edges_of(const Plan& plan, const std::string& group) {
  if (group.empty()) return plan.top().edges;
  for (const auto& g : plan.groups())
    if (plan.node_ids()[static_cast<std::size_t>(g.node)] == group) return g.edges;
  return {};
}

// Children of a group get equal written weights: in a points model, equal shares of the
// group's points (of the total at the top level), else 1 each.
void equal_weights(IndicatorModel& m, const std::string& group) {
  std::vector<ParentLink*> links;
  for (auto& n : m.nodes)
    for (auto& link : n.parents)
      if (link.parent == group) links.push_back(&link);
  if (links.empty()) return;
  double sum = static_cast<double>(links.size());
  if (m.weights == WeightMode::kPoints) {
    sum = m.total;
    if (!group.empty()) {
      const Node& g = m.nodes[static_cast<std::size_t>(m.find_node(group))];
      if (!g.parents.empty()) sum = g.parents.front().weight;
    }
  }
  double given = 0;
  for (std::size_t k = 0; k + 1 < links.size(); ++k) {
    links[k]->weight = sum / static_cast<double>(links.size());
    given += links[k]->weight;
  }
  links.back()->weight = sum - given;  // the sum exactly
}

}  // namespace

Variants::Variants(const Plan& plan, const Table& table, const ScoringOptions& options, const UncertaintySpec& spec)
    : plan_(plan), table_(table), options_(options), choices_(spec.choices) {
  options_.edge_weights.resize(0);
  options_.keep = Kept::kTotals;
  for (const auto& c : choices_)
    blend_edges_.push_back(c.aspect == ChoiceAspect::kBlend ? edges_of(plan, c.group) : std::vector<int>{});
  // Every alternative on its own, the rest of the model as it is.
  for (std::size_t c = 0; c < choices_.size(); ++c) {
    const std::size_t count = choices_[c].aspect == ChoiceAspect::kBlend ? 1 : choices_[c].alternatives.size();
    for (std::size_t a = 0; a < count; ++a) {
      std::vector<int> index(choices_.size(), -1);
      if (choices_[c].aspect != ChoiceAspect::kBlend) index[c] = static_cast<int>(a);
      const std::string what =
          choices_[c].aspect == ChoiceAspect::kBlend
              ? fmt::format("{}: {}", choices_[c].location.to_string(), choices_[c].label())
              : fmt::format("{}: {}, alternative `{}`", choices_[c].location.to_string(), choices_[c].label(),
                            choices_[c].alternatives[a]);
      try {
        (void)make(index);
      } catch (const ModelError& e) {
        std::vector<Diagnostic> d = e.diagnostics();
        for (auto& x : d) x.rule = fmt::format("under {}: {}", what, x.rule);
        throw ModelError(std::move(d));
      } catch (const DataError& e) {
        throw DataError(fmt::format("under {}: {}", what, e.what()));
      } catch (const ComputeError& e) {
        throw ComputeError(fmt::format("under {}: {}", what, e.what()));
      }
    }
  }
}

IndicatorModel Variants::model_with(const std::vector<int>& index) const {
  IndicatorModel m = plan_.model();
  for (std::size_t c = 0; c < choices_.size(); ++c) {
    const ModelChoice& ch = choices_[c];
    if (index[c] < 0) continue;
    const std::string& alt = ch.alternatives[static_cast<std::size_t>(index[c])];
    switch (ch.aspect) {
      case ChoiceAspect::kWeighting: {
        WeightingSpec& w = weighting_of(m, ch.group);
        if (alt == "nominal" || alt == w.source_name()) break;
        const SourceLocation at = w.location;
        if (alt == "written" || alt == "equal") {
          w = WeightingSpec{};
          if (alt == "equal") equal_weights(m, ch.group);
        } else {
          ObjectiveWeights o;
          o.options.method = *parse_enum<ObjectiveMethod>(alt);
          w = WeightingSpec{};
          w.source = o;
        }
        w.location = at;
        break;
      }
      case ChoiceAspect::kRule:
        for (const auto& id : ch.indicators) m.nodes[static_cast<std::size_t>(m.find_node(id))].rule.kind = *parse_enum<RuleKind>(alt);
        break;
      case ChoiceAspect::kAggregation: {
        GroupScoring& s = scoring_of(m, ch.group);
        WeightedMean wm = std::get<WeightedMean>(s);
        wm.aggregation = *parse_enum<Aggregation>(alt);
        s = wm;
        break;
      }
      case ChoiceAspect::kMethod: {
        GroupScoring& s = scoring_of(m, ch.group);
        if (alt == "weighted_mean") {
          s = WeightedMean{};
        } else {
          MethodOptions mo = std::holds_alternative<MethodOptions>(s) ? std::get<MethodOptions>(s) : MethodOptions{};
          mo.method = *parse_enum<Method>(alt);
          s = mo;
        }
        break;
      }
      case ChoiceAspect::kBlend: break;
    }
  }
  return m;
}

std::unique_ptr<Variant> Variants::make(const std::vector<int>& index) const {
  auto v = std::make_unique<Variant>();
  const IndicatorModel m = model_with(index);
  v->plan = compile(m, table_);
  ScoringResult r;
  evaluate(v->plan, table_, options_, &r);
  v->weights = r.edge_weights;
  for (std::size_t c = 0; c < choices_.size(); ++c) {
    if (choices_[c].aspect != ChoiceAspect::kBlend) {
      v->blends.emplace_back();
      continue;
    }
    // The group's own source alone, then the objective method alone.
    IndicatorModel own = m, objective = m;
    ObjectiveWeights o;
    o.options.method = choices_[c].blend;
    if (const auto& b = weighting_of(own, choices_[c].group).blend) o.options = b->objective;  // the model's own blend
    weighting_of(own, choices_[c].group).blend.reset();
    WeightingSpec& w = weighting_of(objective, choices_[c].group);
    w.source = o;
    w.blend.reset();
    ScoringResult a, b;
    evaluate(compile(own, table_), table_, options_, &a);
    evaluate(compile(objective, table_), table_, options_, &b);
    v->blends.emplace_back(a.edge_weights, b.edge_weights);
  }
  return v;
}

ChoicePick Variants::draw(Random& r) const {
  ChoicePick p;
  for (const auto& c : choices_) {
    if (c.aspect == ChoiceAspect::kBlend) {
      p.index.push_back(-1);
      p.alpha.push_back(c.alpha_low + (c.alpha_high - c.alpha_low) * r.uniform());
    } else {
      p.index.push_back(static_cast<int>(r.below(c.alternatives.size())));
      p.alpha.push_back(0);
    }
  }
  return p;
}

ChoicePick Variants::place(const double* u) const {
  ChoicePick p;
  for (std::size_t k = 0; k < choices_.size(); ++k) {
    const ModelChoice& c = choices_[k];
    if (c.aspect == ChoiceAspect::kBlend) {
      p.index.push_back(-1);
      p.alpha.push_back(c.alpha_low + (c.alpha_high - c.alpha_low) * u[k]);
    } else {
      const auto m = static_cast<double>(c.alternatives.size());
      p.index.push_back(static_cast<int>(std::min(m - 1, std::floor(u[k] * m))));
      p.alpha.push_back(0);
    }
  }
  return p;
}

const Variant& Variants::get(const ChoicePick& pick) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto& slot = cache_[pick.index];
  if (!slot) slot = make(pick.index);
  return *slot;
}

Eigen::VectorXd Variants::weights(const Variant& v, const ChoicePick& pick) const {
  Eigen::VectorXd w = v.weights;
  for (std::size_t c = 0; c < choices_.size(); ++c) {
    if (choices_[c].aspect != ChoiceAspect::kBlend) continue;
    const auto& [own, objective] = v.blends[c];
    double sum = 0, so = 0, sb = 0;
    for (int e : blend_edges_[c]) {
      sum += w[e];
      so += own[e];
      sb += objective[e];
    }
    const double a = pick.alpha[c];
    for (int e : blend_edges_[c]) w[e] = sum * (a * own[e] / so + (1 - a) * objective[e] / sb);
  }
  return w;
}

std::string Variants::alternative(std::size_t c, const ChoicePick& pick) const {
  return alternatives(c)[static_cast<std::size_t>(slot(c, pick))];
}

std::vector<std::string> Variants::alternatives(std::size_t c) const {
  const ModelChoice& ch = choices_[c];
  if (ch.aspect != ChoiceAspect::kBlend) return ch.alternatives;
  std::vector<std::string> out;
  const double step = (ch.alpha_high - ch.alpha_low) / kBlendSlots;
  for (int q = 0; q < kBlendSlots; ++q)
    out.push_back(fmt::format("alpha {:g}-{:g}", ch.alpha_low + q * step, q + 1 == kBlendSlots ? ch.alpha_high : ch.alpha_low + (q + 1) * step));
  return out;
}

int Variants::slot(std::size_t c, const ChoicePick& pick) const {
  const ModelChoice& ch = choices_[c];
  if (ch.aspect != ChoiceAspect::kBlend) return pick.index[c];
  const double t = (pick.alpha[c] - ch.alpha_low) / (ch.alpha_high - ch.alpha_low);
  return std::clamp(static_cast<int>(std::floor(t * kBlendSlots)), 0, kBlendSlots - 1);
}

}  // namespace staffeval::detail
