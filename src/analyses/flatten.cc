// A hierarchical model flattened into one level with its effective weights (indicator_sets.h).
#include <cmath>
#include <variant>

#include <fmt/format.h>

#include "analyses/full_marks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/analyses.h"
#include "staffeval/indicator_sets.h"

namespace staffeval {

namespace {

// How a group is scored, for the notes; empty for a weighted arithmetic mean.
std::string not_arithmetic(const GroupScoring& s, Language l) {
  if (const auto* wm = std::get_if<WeightedMean>(&s)) {
    if (wm->aggregation == Aggregation::kArithmetic) return {};
    if (wm->aggregation == Aggregation::kPower) return detail::trf(l, "a power mean (p = {:g})", "幂平均（p = {:g}）", wm->power);
    return l == Language::kZh ? std::string(wm->aggregation == Aggregation::kGeometric ? "几何平均" : "调和平均")
                              : fmt::format("a {} mean", to_string(wm->aggregation));
  }
  if (const auto* mo = std::get_if<MethodOptions>(&s))
    return detail::trf(l, "the evaluation method {}", "“{}”评价方法", to_string(mo->method));
  return detail::tr(l, "fuzzy comprehensive evaluation", "模糊综合评价");
}

FlattenResult flatten(const IndicatorModel& model, const ModelWeights& w, Language l) {
  FlattenResult r;
  r.language = l;
  IndicatorModel& flat = r.model;
  flat = model;
  flat.locations.clear();
  flat.file.clear();
  flat.id = model.id + "-flat";
  flat.name = model.name.empty() ? std::string() : model.name + "（单层）";
  flat.name_en = model.name_en.empty() ? std::string() : model.name_en + " (single-level)";
  flat.description = fmt::format("{} flattened into one level: each indicator weighted by its effective weight in {}.",
                                 model.id, model.id);
  flat.weighting = WeightingSpec{};
  flat.scoring = WeightedMean{};
  flat.nodes.clear();
  const bool points = model.weights == WeightMode::kPoints;
  std::vector<std::pair<std::string, std::string>> approximated;  // group, how it is scored
  if (const std::string how = not_arithmetic(model.scoring, l); !how.empty())
    approximated.emplace_back(detail::tr(l, "the top level", "顶层"), how);
  bool skips = model.missing == MissingPolicy::kSkip;
  std::vector<double> weights;
  for (std::size_t k = 0; k < model.nodes.size(); ++k) {
    const Node& node = model.nodes[k];
    if (node.group) {
      if (const std::string how = not_arithmetic(node.scoring, l); !how.empty()) approximated.emplace_back(node.id, how);
      continue;
    }
    Node leaf = node;
    leaf.location = SourceLocation{};
    detail::make_full_marks_explicit(leaf, model);
    const double global = w.global[static_cast<Eigen::Index>(k)];
    ParentLink link;
    link.weight = points ? global * model.total : global;
    leaf.parents = {link};
    if (node.missing) skips = skips || *node.missing == MissingPolicy::kSkip;
    else if (model.missing == MissingPolicy::kSkip) skips = true;
    r.indicators.push_back(node.id);
    weights.push_back(global);
    flat.nodes.push_back(std::move(leaf));
  }
  // A points model's indicators must add up to the total exactly: the rounding of the products is
  // taken up by the largest.
  if (points && !flat.nodes.empty()) {
    std::size_t largest = 0;
    double sum = 0;
    for (std::size_t k = 0; k < flat.nodes.size(); ++k) {
      sum += flat.nodes[k].parents.front().weight;
      if (flat.nodes[k].parents.front().weight > flat.nodes[largest].parents.front().weight) largest = k;
    }
    flat.nodes[largest].parents.front().weight += model.total - sum;
  }
  r.weights = Eigen::Map<const Eigen::VectorXd>(weights.data(), static_cast<Eigen::Index>(weights.size()));
  r.exact = approximated.empty();
  for (const auto& [group, how] : approximated)
    r.notes.push_back(detail::trf(l,
                                  "{} is scored by {}: the flat model takes a weighted arithmetic mean of its indicators "
                                  "with their effective weights instead, which approximates it (totals differ; ranks "
                                  "usually stay close: compare the two)",
                                  "{} 按{}计分：单层模型改为以有效权重对其指标取加权算术平均，只是近似（总分不同；"
                                  "排名通常接近：请比较二者）",
                                  group, how));
  bool nested = false;
  for (const auto& node : model.nodes) nested = nested || node.group;
  if (skips && nested)
    r.notes.push_back(detail::tr(l,
                                 "a missing value skipped (`missing: skip`) renormalises its siblings within their group in the "
                                 "hierarchy, but over all indicators in the flat model: units with missing values can score "
                                 "differently",
                                 "跳过的缺失值（`missing: skip`）在层次模型中只在本组内对同级指标重新归一，在单层模型中"
                                 "则对全部指标重新归一：有缺失值的单位得分可能不同"));
  std::vector<Diagnostic> problems = validate(flat);
  for (const auto& d : problems)
    if (d.severity == Severity::kError) throw ModelError(std::move(problems));
  return r;
}

}  // namespace

FlattenResult flatten(const IndicatorModel& model, std::optional<Language> language) {
  return flatten(model, model_weights(model), language.value_or(model_language(model)));
}

FlattenResult flatten(const ScoringResult& result) {
  return flatten(result.plan.model(), model_weights(result), result.language);
}

std::string FlattenResult::brief_report() const {
  const Language l = language;
  return detail::trf(l, "{}: {} indicators on one level ({})", "{}：单层 {} 个指标（{}）", model.id, indicators.size(),
                     exact ? detail::tr(l, "scores as the hierarchy does", "得分与层次模型相同")
                           : detail::tr(l, "an approximation: see the notes", "近似：见说明"));
}

std::string FlattenResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t k = 0; k < indicators.size(); ++k)
    rows.push_back({indicators[k], model.nodes[k].name, fmt::format("{:.6f}", weights[static_cast<Eigen::Index>(k)]),
                    fmt::format("{:.4f}", model.nodes[k].parents.front().weight)});
  out += detail::text_table({tr(l, "indicator", "指标"), tr(l, "name", "名称"), tr(l, "effective weight", "有效权重"),
                             model.weights == WeightMode::kPoints ? tr(l, "points", "分值") : tr(l, "weight", "权重")},
                            rows, {false, false, true, true});
  for (const auto& n : notes) out += tr(l, "note: ", "说明：") + n + "\n";
  return out;
}

}  // namespace staffeval
