// Reading uncertainty specifications (uncertainty.h) with located diagnostics.
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

// Groups of the model: nodes with children.
std::vector<std::string> group_ids(const IndicatorModel& model) {
  std::vector<std::string> groups;
  for (const auto& n : model.nodes)
    if (n.group) groups.push_back(n.id);
  return groups;
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
  r.check_keys(root, "", {"weights"});
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
  } else {
    r.require(root, "weights", "weights", "is required: the groups whose weights are uncertain");
  }
  if (!r.diagnostics().empty()) throw ModelError(std::move(r.diagnostics()));
  return spec;
}

}  // namespace

STAFFEVAL_ENUM_TABLE(WeightDraw, "weight draw", kWeightDraws)

std::string_view to_string(WeightDraw v) { return enum_table<WeightDraw>().name(v); }

UncertaintySpec load_uncertainty(const std::string& path, const IndicatorModel& model) {
  return read_spec(detail::read_file(path, "uncertainty specification"), path, model);
}

UncertaintySpec load_uncertainty_from_string(const std::string& yaml, const std::string& name, const IndicatorModel& model) {
  return read_spec(yaml, name, model);
}

}  // namespace staffeval
