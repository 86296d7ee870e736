// Reading uncertainty specifications (uncertainty.h) with located diagnostics.
#include <algorithm>
#include <functional>
#include <limits>
#include <optional>
#include <variant>

#include <fmt/format.h>

#include "common/enum_define.h"
#include "model/yaml_reader.h"
#include "staffeval/uncertainty.h"

namespace staffeval {

namespace {

constexpr EnumEntry<WeightDraw> kWeightDraws[] = {
    {WeightDraw::kDirichlet, "dirichlet", "", "Dirichlet centred on the nominal weights (concentration)"},
    {WeightDraw::kUniform, "uniform", "", "uniform on the simplex"},
    {WeightDraw::kPercent, "percent", "", "each weight within +-percent%, renormalised"},
};

constexpr EnumEntry<ChoiceAspect> kChoiceAspects[] = {
    {ChoiceAspect::kWeighting, "weighting", "", "the method a group's weights come from"},
    {ChoiceAspect::kBlend, "blend", "", "a group's weights blended with an objective method, alpha in a range"},
    {ChoiceAspect::kRule, "rule", "", "the scoring rule (normalisation) of indicators"},
    {ChoiceAspect::kAggregation, "aggregation", "", "how a group combines its children"},
    {ChoiceAspect::kMethod, "method", "", "the evaluation method that scores a group"},
};

// Rules that a choice may put in place of an indicator's: those that need no parameters of
// their own (the cohort-relative normalisations).
bool interchangeable(RuleKind k) {
  return k == RuleKind::kMinMax || k == RuleKind::kZScore || k == RuleKind::kPercentile ||
         k == RuleKind::kDistanceToBest || k == RuleKind::kProportional;
}

// Groups of the model: nodes with children.
std::vector<std::string> group_ids(const IndicatorModel& model) {
  std::vector<std::string> groups;
  for (const auto& n : model.nodes)
    if (n.group) groups.push_back(n.id);
  return groups;
}

// judgments, thresholds, noise, inclusion and missing.
void read_beyond_weights(detail::Reader& r, const YAML::Node& root, const IndicatorModel& model, UncertaintySpec* spec) {
  if (const YAML::Node list = root["judgments"]) {
    r.each_mapping(list, "judgments", "a mapping with `group:` and `move:` or `bootstrap:`", [&](const YAML::Node& item, const std::string& path) {
      r.check_keys(item, path, {"group", "move", "bootstrap"});
      JudgmentUncertainty j;
      j.location = r.at(item);
      std::string group;
      if (!r.get_string(item, "group", path, &group)) {
        if (!item["group"]) r.require(item, "group", path + ".group", "is required: a group weighted by AHP, or `top`");
        return;
      }
      const WeightingSpec* w = nullptr;
      if (group == "top") {
        w = &model.weighting;
      } else {
        const int node = model.find_node(group);
        if (node >= 0 && model.nodes[static_cast<std::size_t>(node)].group) {
          w = &model.nodes[static_cast<std::size_t>(node)].weighting;
          j.group = group;
        }
      }
      const auto* ahp = w ? std::get_if<AhpJudgments>(&w->source) : nullptr;
      if (!ahp) {
        r.error(item["group"], path + ".group", group,
                w ? fmt::format("is not weighted by AHP judgments (its weights are {})", w->source_name())
                  : fmt::format("is not a group of the model {}", model.id));
        return;
      }
      if (w->blend) {
        r.error(item["group"], path + ".group", group,
                "blends its AHP weights with an objective method: moving its judgments is not supported");
        return;
      }
      if (item["move"] && r.get_double(item, "move", path, &j.move) && !(j.move >= 0 && j.move <= 1))
        r.error(item["move"], path + ".move", detail::Reader::text(item["move"]), "must be in [0, 1]");
      if (const YAML::Node b = item["bootstrap"]) {
        if (!b.IsScalar() || (b.Scalar() != "true" && b.Scalar() != "false"))
          r.error(b, path + ".bootstrap", detail::Reader::text(b), "must be true or false");
        else j.bootstrap = b.Scalar() == "true";
        if (j.bootstrap && ahp->matrices.size() < 2)
          r.error(b, path + ".bootstrap", "true", "needs a panel: the group has one expert's matrix");
      }
      if (!(j.move > 0) && !j.bootstrap)
        r.error(item, path, group, "moves nothing: give `move:` > 0 or `bootstrap: true`");
      for (const auto& seen : spec->judgments)
        if (seen.group == j.group) r.error(item["group"], path + ".group", group, "is named a second time");
      for (const auto& wu : spec->weights)
        if (wu.group == j.group)
          r.error(item["group"], path + ".group", group, "already has its weights drawn under `weights:`: one or the other");
      spec->judgments.push_back(j);
    });
  }
  if (const YAML::Node t = root["thresholds"]) {
    spec->thresholds_location = r.at(t);
    if (!t.IsMap()) {
      r.error(t, "thresholds", detail::Reader::text(t), "must be a mapping with `points:`");
    } else {
      r.check_keys(t, "thresholds", {"points"});
      double p = 0;
      if (!t["points"]) r.require(t, "points", "thresholds.points", "is required: how far each grade minimum moves (+- points)");
      else if (r.get_double(t, "points", "thresholds", &p)) {
        double gap = std::numeric_limits<double>::infinity();
        for (std::size_t g = 1; g + 1 < model.grades.size(); ++g) gap = std::min(gap, model.grades[g - 1].min - model.grades[g].min);
        if (model.grades.size() < 2)
          r.error(t["points"], "thresholds.points", detail::Reader::text(t["points"]),
                  fmt::format("the model {} has no grade minimums to move", model.id));
        else if (!(p > 0)) r.error(t["points"], "thresholds.points", detail::Reader::text(t["points"]), "must be > 0");
        else if (!(2 * p < gap))
          r.error(t["points"], "thresholds.points", detail::Reader::text(t["points"]),
                  fmt::format("must be less than half the smallest gap between two grade minimums ({:g}), or minimums could cross", gap));
        else spec->threshold_points = p;
      }
    }
  }
  if (const YAML::Node list = root["noise"]) {
    std::vector<std::string> ids;
    for (const auto& f : model.fields) ids.push_back(f.id);
    r.each_mapping(list, "noise", "a mapping with `field:` and `relative:`", [&](const YAML::Node& item, const std::string& path) {
      r.check_keys(item, path, {"field", "relative"});
      FieldNoise f;
      f.location = r.at(item);
      std::string field;
      if (!r.get_string(item, "field", path, &field)) {
        if (!item["field"]) r.require(item, "field", path + ".field", "is required: a field id of the model or `all`");
        return;
      }
      if (!item["relative"]) r.require(item, "relative", path + ".relative", "is required: the relative error, in (0, 1]");
      else if (r.get_double(item, "relative", path, &f.relative) && !(f.relative > 0 && f.relative <= 1))
        r.error(item["relative"], path + ".relative", detail::Reader::text(item["relative"]), "must be in (0, 1]");
      std::vector<std::string> targets;
      if (field == "all") {
        if (ids.empty())
          r.error(item["field"], path + ".field", field, fmt::format("the model {} declares no fields (`fields:`)", model.id));
        targets = ids;
      } else if (std::find(ids.begin(), ids.end(), field) != ids.end()) {
        targets.push_back(field);
      } else {
        const std::string near = detail::closest(field, ids);
        r.error(item["field"], path + ".field", field,
                near.empty() ? fmt::format("is not a field of the model {} (declared under `fields:`)", model.id)
                             : fmt::format("is not a field of the model {} (did you mean `{}`?)", model.id, near));
        return;
      }
      for (const auto& id : targets) {
        bool twice = false;
        for (const auto& seen : spec->noise) twice = twice || seen.field == id;
        if (twice) {
          r.error(item["field"], path + ".field", field, fmt::format("gives the noise of {} a second time", id));
          continue;
        }
        FieldNoise copy = f;
        copy.field = id;
        spec->noise.push_back(copy);
      }
    });
  }
  if (const YAML::Node inc = root["inclusion"]) {
    spec->inclusion_location = r.at(inc);
    if (!inc.IsMap()) {
      r.error(inc, "inclusion", detail::Reader::text(inc), "must be a mapping with `drop:` (and `keep:`), or `sets:`");
    } else {
      r.check_keys(inc, "inclusion", {"drop", "keep", "sets"});
      std::vector<std::string> leaves;
      for (const auto& n : model.nodes)
        if (!n.group) leaves.push_back(n.id);
      // An indicator id of the model, or a located error.
      auto indicator = [&](const YAML::Node& n, const std::string& path, std::string* id) {
        *id = n.IsScalar() ? n.Scalar() : detail::Reader::text(n);
        if (std::find(leaves.begin(), leaves.end(), *id) != leaves.end()) return true;
        const std::string near = detail::closest(*id, leaves);
        r.error(n, path, *id,
                near.empty() ? fmt::format("is not an indicator of the model {}", model.id)
                             : fmt::format("is not an indicator of the model {} (did you mean `{}`?)", model.id, near));
        return false;
      };
      double p = 0;
      if (const YAML::Node sets = inc["sets"]) {
        if (inc["drop"] || inc["keep"])
          r.error(sets, "inclusion.sets", detail::Reader::text(sets), "is an alternative to drop and keep: give one or the other");
        if (!sets.IsSequence() || sets.size() < 2) {
          r.error(sets, "inclusion.sets", detail::Reader::text(sets), "must be a list of at least two indicator lists");
        } else {
          for (std::size_t k = 0; k < sets.size(); ++k) {
            const std::string path = fmt::format("inclusion.sets[{}]", k);
            if (!sets[k].IsSequence() || sets[k].size() == 0) {
              r.error(sets[k], path, detail::Reader::text(sets[k]), "must be a non-empty list of indicator ids");
              continue;
            }
            std::vector<std::string> set;
            for (std::size_t q = 0; q < sets[k].size(); ++q) {
              std::string id;
              if (!indicator(sets[k][q], fmt::format("{}[{}]", path, q), &id)) continue;
              if (std::find(set.begin(), set.end(), id) != set.end())
                r.error(sets[k][q], fmt::format("{}[{}]", path, q), id, "is listed twice in this set");
              else set.push_back(id);
            }
            spec->sets.push_back(std::move(set));
            spec->set_locations.push_back(r.at(sets[k]));
          }
        }
      } else if (!inc["drop"]) r.require(inc, "drop", "inclusion.drop", "is required: the probability that an indicator is left out (or give `sets:`)");
      else if (r.get_double(inc, "drop", "inclusion", &p)) {
        if (!(p > 0 && p < 1)) r.error(inc["drop"], "inclusion.drop", detail::Reader::text(inc["drop"]), "must be in (0, 1)");
        else spec->drop = p;
      }
      if (const YAML::Node keep = inc["keep"]) {
        if (!keep.IsSequence()) {
          r.error(keep, "inclusion.keep", detail::Reader::text(keep), "must be a list of indicator ids");
        } else {
          for (std::size_t k = 0; k < keep.size(); ++k) {
            std::string id;
            if (indicator(keep[k], fmt::format("inclusion.keep[{}]", k), &id)) spec->keep.push_back(id);
          }
        }
      }
    }
  }
  if (const YAML::Node m = root["missing"]) {
    spec->missing_location = r.at(m);
    if (!m.IsSequence() || m.size() == 0) {
      r.error(m, "missing", detail::Reader::text(m), fmt::format("must be a non-empty list of {}", enum_table<MissingPolicy>().choices()));
    } else {
      for (std::size_t k = 0; k < m.size(); ++k) {
        const std::string path = fmt::format("missing[{}]", k);
        const auto v = m[k].IsScalar() ? parse_enum<MissingPolicy>(m[k].Scalar()) : std::nullopt;
        if (!v) {
          r.error(m[k], path, detail::Reader::text(m[k]), fmt::format("must be one of {}", enum_table<MissingPolicy>().choices()));
        } else if (*v == MissingPolicy::kFail) {
          r.error(m[k], path, "fail", "cannot be sampled: a sample would stop the analysis at the first missing value");
        } else if (std::find(spec->missing.begin(), spec->missing.end(), *v) != spec->missing.end()) {
          r.error(m[k], path, m[k].Scalar(), "is listed twice (each policy is equally likely; list it once)");
        } else {
          spec->missing.push_back(*v);
        }
      }
    }
  }
}

// `choices:` modelling choices, each with one aspect.
void read_choices(detail::Reader& r, const YAML::Node& list, const IndicatorModel& model, UncertaintySpec* spec) {
  std::vector<std::string> leaves, groups{"top"};
  for (const auto& n : model.nodes) (n.group ? groups : leaves).push_back(n.id);
  r.each_mapping(list, "choices", "a mapping with `group:` or `indicators:` and one of weighting, blend, rule, aggregation, method",
                 [&](const YAML::Node& item, const std::string& path) {
    r.check_keys(item, path, {"group", "indicators", "weighting", "blend", "alpha", "rule", "aggregation", "method"});
    ModelChoice c;
    c.location = r.at(item);
    std::vector<ChoiceAspect> given;
    for (const auto& e : enum_table<ChoiceAspect>())
      if (item[std::string(e.name)]) given.push_back(e.value);
    if (given.size() != 1) {
      r.error(item, path, detail::Reader::text(item),
              given.empty() ? "names no choice: give one of weighting, blend, rule, aggregation, method"
                            : "gives more than one choice: one per item (list another item for the next)");
      return;
    }
    c.aspect = given[0];
    const std::string aspect(to_string(c.aspect));
    const YAML::Node alts = item[aspect];
    // The alternatives, checked by `valid` (empty = fine, else why not).
    auto read_alternatives = [&](const std::function<std::string(const std::string&)>& valid) {
      if (!alts.IsSequence() || alts.size() < 2) {
        r.error(alts, path + "." + aspect, detail::Reader::text(alts), "must be a list of at least two alternatives");
        return;
      }
      for (std::size_t k = 0; k < alts.size(); ++k) {
        const std::string at = fmt::format("{}.{}[{}]", path, aspect, k);
        const std::string name = alts[k].IsScalar() ? alts[k].Scalar() : detail::Reader::text(alts[k]);
        const std::string why = alts[k].IsScalar() ? valid(name) : std::string("must be a name");
        if (!why.empty()) r.error(alts[k], at, name, why);
        else if (std::find(c.alternatives.begin(), c.alternatives.end(), name) != c.alternatives.end())
          r.error(alts[k], at, name, "is listed twice (each alternative is equally likely; list it once)");
        else c.alternatives.push_back(name);
      }
    };
    if (c.aspect == ChoiceAspect::kRule) {
      if (item["group"]) r.error(item["group"], path + ".group", detail::Reader::text(item["group"]), "does not apply to a rule: name `indicators:`");
      const YAML::Node ind = item["indicators"];
      if (!ind) {
        r.require(item, "indicators", path + ".indicators", "is required: a list of indicator ids, or `all`");
        return;
      }
      if (ind.IsScalar() && ind.Scalar() == "all") {
        for (const auto& n : model.nodes)
          if (!n.group && interchangeable(n.rule.kind)) c.indicators.push_back(n.id);
        if (c.indicators.empty())
          r.error(ind, path + ".indicators", "all", fmt::format("the model {} has no indicator with a cohort-relative rule (minmax, zscore, percentile, distance_to_best, proportional): name the indicators", model.id));
      } else if (!ind.IsSequence() || ind.size() == 0) {
        r.error(ind, path + ".indicators", detail::Reader::text(ind), "must be `all` or a non-empty list of indicator ids");
      } else {
        for (std::size_t k = 0; k < ind.size(); ++k) {
          const std::string id = ind[k].IsScalar() ? ind[k].Scalar() : detail::Reader::text(ind[k]);
          const std::string at = fmt::format("{}.indicators[{}]", path, k);
          if (std::find(leaves.begin(), leaves.end(), id) == leaves.end()) {
            const std::string near = detail::closest(id, leaves);
            r.error(ind[k], at, id, near.empty() ? fmt::format("is not an indicator of the model {}", model.id)
                                                  : fmt::format("is not an indicator of the model {} (did you mean `{}`?)", model.id, near));
          } else if (std::find(c.indicators.begin(), c.indicators.end(), id) != c.indicators.end()) {
            r.error(ind[k], at, id, "is listed twice");
          } else {
            c.indicators.push_back(id);
          }
        }
      }
      for (const auto& seen : spec->choices)
        for (const auto& id : c.indicators)
          if (seen.aspect == ChoiceAspect::kRule && std::find(seen.indicators.begin(), seen.indicators.end(), id) != seen.indicators.end())
            r.error(ind, path + ".indicators", id, "already has its rule chosen by an earlier item");
      read_alternatives([](const std::string& name) -> std::string {
        const auto k = parse_enum<RuleKind>(name);
        if (k && interchangeable(*k)) return {};
        return "must be one of minmax, zscore, percentile, distance_to_best, proportional (rules that need no parameters of their own)";
      });
      spec->choices.push_back(std::move(c));
      return;
    }
    // The other aspects are about a group.
    if (item["indicators"]) r.error(item["indicators"], path + ".indicators", detail::Reader::text(item["indicators"]), fmt::format("does not apply to {}: name `group:`", aspect));
    std::string group;
    if (!r.get_string(item, "group", path, &group)) {
      if (!item["group"]) r.require(item, "group", path + ".group", "is required: a group's id or `top`");
      return;
    }
    const Node* node = nullptr;
    if (group != "top") {
      const int at = model.find_node(group);
      if (at < 0 || !model.nodes[static_cast<std::size_t>(at)].group) {
        const std::string near = detail::closest(group, groups);
        r.error(item["group"], path + ".group", group,
                at >= 0 ? std::string("is an indicator: a choice of its rule takes `indicators:`")
                : near.empty() ? fmt::format("is not a group of the model {}", model.id)
                               : fmt::format("is not a group of the model {} (did you mean `{}`?)", model.id, near));
        return;
      }
      node = &model.nodes[static_cast<std::size_t>(at)];
      c.group = group;
    }
    const WeightingSpec& weighting = node ? node->weighting : model.weighting;
    const GroupScoring& scoring = node ? node->scoring : model.scoring;
    const std::string whose = node ? group : std::string("the top level");
    for (const auto& seen : spec->choices) {
      if (seen.aspect == ChoiceAspect::kRule || seen.group != c.group) continue;
      const bool weights = c.aspect == ChoiceAspect::kWeighting || c.aspect == ChoiceAspect::kBlend;
      const bool seen_weights = seen.aspect == ChoiceAspect::kWeighting || seen.aspect == ChoiceAspect::kBlend;
      if (weights == seen_weights) {
        r.error(item["group"], path + ".group", group,
                fmt::format("already has a choice of its {} (an earlier item): one per group", weights ? "weights" : "scoring"));
        break;
      }
    }
    if (c.aspect == ChoiceAspect::kWeighting || c.aspect == ChoiceAspect::kBlend) {
      for (const auto& j : spec->judgments)
        if (j.group == c.group)
          r.error(item["group"], path + ".group", group, "has its judgments moved under `judgments:`: one or the other");
      if (!std::holds_alternative<WeightedMean>(scoring) && !std::holds_alternative<MethodOptions>(scoring))
        r.error(item["group"], path + ".group", group, "is scored by fuzzy evaluation, whose weights are its own");
    }
    if (item["alpha"] && c.aspect != ChoiceAspect::kBlend)
      r.error(item["alpha"], path + ".alpha", detail::Reader::text(item["alpha"]), fmt::format("is a key of a blend, not of {} (it would be ignored)", aspect));
    switch (c.aspect) {
      case ChoiceAspect::kWeighting: {
        const std::string own = weighting.source_name();
        read_alternatives([&](const std::string& name) -> std::string {
          if (name == "nominal" || name == "written" || name == "equal" || parse_enum<ObjectiveMethod>(name)) return {};
          if (name == own && !weighting.blend) return {};
          return fmt::format("must be nominal, written, equal or an objective method ({}){}", enum_table<ObjectiveMethod>().choices(),
                             own != "written" ? fmt::format(" or `{}`, the group's own", own) : std::string());
        });
        break;
      }
      case ChoiceAspect::kBlend: {
        if (!r.get_enum(item, "blend", path, &c.blend)) break;
        if (std::holds_alternative<ObjectiveWeights>(weighting.source))
          r.error(item["blend"], path + ".blend", item["blend"].Scalar(),
                  fmt::format("{} takes its weights from {} alone: there is no subjective weighting to blend with", whose, weighting.source_name()));
        if (weighting.blend && weighting.blend->combine.method != CombineMethod::kLinear)
          r.error(item["blend"], path + ".blend", item["blend"].Scalar(),
                  fmt::format("{} blends by {}, which has no alpha", whose, to_string(weighting.blend->combine.method)));
        if (weighting.blend && weighting.blend->objective.method != c.blend)
          r.error(item["blend"], path + ".blend", item["blend"].Scalar(),
                  fmt::format("{} already blends with {}: name that method", whose, to_string(weighting.blend->objective.method)));
        const YAML::Node a = item["alpha"];
        if (!a) {
          r.require(item, "alpha", path + ".alpha", "is required: alpha's range, [low, high] within [0, 1]");
        } else if (!a.IsSequence() || a.size() != 2) {
          r.error(a, path + ".alpha", detail::Reader::text(a), "must be [low, high] within [0, 1]");
        } else if (r.get_double(a[0], path + ".alpha[0]", &c.alpha_low) && r.get_double(a[1], path + ".alpha[1]", &c.alpha_high) &&
                   !(c.alpha_low >= 0 && c.alpha_high <= 1 && c.alpha_low < c.alpha_high)) {
          r.error(a, path + ".alpha", detail::Reader::text(a), "must be [low, high] with 0 <= low < high <= 1");
        }
        break;
      }
      case ChoiceAspect::kAggregation:
        if (!std::holds_alternative<WeightedMean>(scoring)) {
          r.error(item["group"], path + ".group", group, fmt::format("is scored by an evaluation method, not a weighted mean: choose its `method:`"));
          break;
        }
        read_alternatives([](const std::string& name) -> std::string {
          const auto a = parse_enum<Aggregation>(name);
          if (a && *a != Aggregation::kPower) return {};
          return "must be one of arithmetic, geometric, harmonic (a power mean needs its exponent)";
        });
        break;
      case ChoiceAspect::kMethod:
        if (std::holds_alternative<FuzzyScoring>(scoring)) {
          r.error(item["group"], path + ".group", group, "is scored by fuzzy evaluation: its method is not offered as a choice");
          break;
        }
        read_alternatives([](const std::string& name) -> std::string {
          if (name == "weighted_mean" || parse_enum<Method>(name)) return {};
          return fmt::format("must be weighted_mean or one of {}", enum_table<Method>().choices());
        });
        break;
      case ChoiceAspect::kRule: break;
    }
    spec->choices.push_back(std::move(c));
  });
}

UncertaintySpec read_spec(const std::string& bytes, const std::string& name, const IndicatorModel& model) {
  UncertaintySpec spec;
  spec.file = name;
  detail::Reader r(name, nullptr);
  const YAML::Node root = detail::load_document(bytes, name, "uncertainty specification", &r);
  if (!root.IsMap()) {
    r.error(root, "(file)", detail::Reader::text(root), "must be a mapping with `weights:`");
    throw ModelError(std::move(r.diagnostics()));
  }
  r.check_keys(root, "", {"weights", "judgments", "thresholds", "noise", "inclusion", "missing", "choices"});
  const std::vector<std::string> groups = group_ids(model);
  if (const YAML::Node list = root["weights"]) {
    if (list.IsSequence() && list.size() == 0)
      r.error(list, "weights", "[]", "is empty: name at least one group whose weights are uncertain");
    std::vector<std::string> seen;
    r.each_mapping(list, "weights", "a mapping with `group:` and `draw:`", [&](const YAML::Node& item, const std::string& path) {
      r.check_keys(item, path, {"group", "draw", "concentration", "percent"});
      WeightUncertainty w;
      w.location = r.at(item);
      std::string group;
      if (!r.get_string(item, "group", path, &group)) {
        if (!item["group"]) r.require(item, "group", path + ".group", "is required: a group's id, `top` or `all`");
        return;
      }
      if (!item["draw"]) r.require(item, "draw", path + ".draw", fmt::format("is required: one of {}", enum_table<WeightDraw>().choices()));
      else r.get_enum(item, "draw", path, &w.draw);
      const bool has_c = r.get_double(item, "concentration", path, &w.concentration);
      const bool has_p = r.get_double(item, "percent", path, &w.percent);
      if (has_c && w.draw != WeightDraw::kDirichlet)
        r.error(item["concentration"], path + ".concentration", detail::Reader::text(item["concentration"]),
                fmt::format("is a key of the dirichlet draw, not of {} (it would be ignored)", to_string(w.draw)));
      if (has_p && w.draw != WeightDraw::kPercent)
        r.error(item["percent"], path + ".percent", detail::Reader::text(item["percent"]),
                fmt::format("is a key of the percent draw, not of {} (it would be ignored)", to_string(w.draw)));
      if (has_c && !(w.concentration > 0))
        r.error(item["concentration"], path + ".concentration", detail::Reader::text(item["concentration"]), "must be > 0");
      if (has_p && !(w.percent > 0 && w.percent <= 100))
        r.error(item["percent"], path + ".percent", detail::Reader::text(item["percent"]), "must be in (0, 100]");
      std::vector<std::string> targets;
      if (group == "all") {
        targets.emplace_back();
        targets.insert(targets.end(), groups.begin(), groups.end());
      } else if (group == "top") {
        targets.emplace_back();
      } else if (std::find(groups.begin(), groups.end(), group) != groups.end()) {
        targets.push_back(group);
      } else {
        const int node = model.find_node(group);
        std::vector<std::string> choices = groups;
        choices.insert(choices.begin(), {"top", "all"});
        const std::string near = detail::closest(group, choices);
        r.error(item["group"], path + ".group", group,
                node >= 0 ? std::string("is an indicator: only groups (and the top level) have weights to move")
                          : near.empty() ? fmt::format("is not a group of the model {} (groups: top, all, {})", model.id,
                                                       fmt::join(groups, ", "))
                                         : fmt::format("is not a group of the model {} (did you mean `{}`?)", model.id, near));
        return;
      }
      for (const auto& t : targets) {
        if (std::find(seen.begin(), seen.end(), t) != seen.end()) {
          r.error(item["group"], path + ".group", group,
                  fmt::format("names the weights of {} a second time", t.empty() ? std::string("the top level") : t));
          continue;
        }
        seen.push_back(t);
        WeightUncertainty copy = w;
        copy.group = t;
        spec.weights.push_back(copy);
      }
    });
  }
  read_beyond_weights(r, root, model, &spec);
  if (const YAML::Node list = root["choices"]) read_choices(r, list, model, &spec);
  if (!root["weights"] && !root["judgments"] && !root["thresholds"] && !root["noise"] && !root["inclusion"] && !root["missing"] &&
      !root["choices"])
    r.require(root, "weights", "weights",
              "is required, or one of judgments, thresholds, noise, inclusion, missing, choices: the specification makes nothing uncertain");
  if (!r.diagnostics().empty()) throw ModelError(std::move(r.diagnostics()));
  return spec;
}

}  // namespace

STAFFEVAL_ENUM_TABLE(WeightDraw, "weight draw", kWeightDraws)
STAFFEVAL_ENUM_TABLE(ChoiceAspect, "choice", kChoiceAspects)

std::string_view to_string(ChoiceAspect v) { return enum_table<ChoiceAspect>().name(v); }

std::string ModelChoice::label() const {
  if (aspect == ChoiceAspect::kRule)
    return indicators.size() == 1 ? fmt::format("rule of {}", indicators[0]) : fmt::format("rule of {} indicators", indicators.size());
  const std::string whose = group.empty() ? std::string("the top level") : group;
  if (aspect == ChoiceAspect::kBlend) return fmt::format("blend of {} with {}", whose, to_string(blend));
  return fmt::format("{} of {}", to_string(aspect), whose);
}

std::string_view to_string(WeightDraw v) { return enum_table<WeightDraw>().name(v); }

UncertaintySpec load_uncertainty(const std::string& path, const IndicatorModel& model) {
  return read_spec(detail::read_file(path, "uncertainty specification"), path, model);
}

UncertaintySpec load_uncertainty_from_string(const std::string& yaml, const std::string& name, const IndicatorModel& model) {
  return read_spec(yaml, name, model);
}

}  // namespace staffeval
