// JSON of weighting results, and reading weights back for combinations.
#include <cmath>

#include <fmt/format.h>

#include "output/format.h"
#include "staffeval/output.h"

namespace staffeval {

namespace {

using detail::Json;
const auto number = detail::json_number;

Json named(const std::vector<std::string>& names, const Eigen::VectorXd& v) {
  Json o = Json::object();
  for (std::size_t i = 0; i < names.size(); ++i) o[names[i]] = number(v[static_cast<Eigen::Index>(i)]);
  return o;
}

Json ahp_json(const AhpResult& r) {
  Json j;
  j["method"] = "ahp";
  j["priority"] = std::string(to_string(r.priority));
  j["weights"] = named(r.names, r.weights);
  j["lambda_max"] = number(r.lambda_max);
  j["ci"] = number(r.ci);
  j["ri"] = number(r.ri);
  j["cr"] = number(r.cr);
  j["consistent"] = r.consistent;
  j["threshold"] = r.threshold;
  j["random_index"] = std::string(to_string(r.random_index_table));
  j["ri_source"] = r.ri_source;
  Json completed = Json::array();
  for (auto [i, k] : r.completed)
    completed.push_back({{"row", r.names[i]},
                         {"column", r.names[k]},
                         {"value", r.matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(k))}});
  j["completion"] = r.completed.empty() ? Json(nullptr) : Json(std::string(to_string(r.completion)));
  j["completed"] = completed;
  Json inc = Json::array();
  for (const auto& d : r.inconsistent)
    inc.push_back({{"row", r.names[d.row]},
                   {"column", r.names[d.col]},
                   {"value", d.value},
                   {"consistent_value", d.consistent},
                   {"ci_share", d.ci_share}});
  j["inconsistent_judgments"] = inc;
  Json rev = Json::array();
  for (const auto& s : r.revision)
    rev.push_back({{"row", r.names[s.row]}, {"column", r.names[s.col]}, {"from", s.from}, {"to", s.to}, {"cr_after", s.cr_after}});
  j["revision"] = rev;
  j["warnings"] = r.warnings;
  return j;
}

}  // namespace

std::string to_json(const AhpResult& r, int indent) { return ahp_json(r).dump(indent) + "\n"; }

std::string to_json(const PanelResult& p, int indent) {
  Json j = ahp_json(p.combined);
  j["aggregation"] = std::string(to_string(p.aggregation));
  if (p.aggregation == PanelAggregation::kAip) j["aip_mean"] = std::string(to_string(p.aip_mean));
  Json experts = Json::array();
  for (std::size_t k = 0; k < p.experts.size(); ++k) {
    const AhpResult& e = p.experts[k];
    experts.push_back({{"file", p.expert_names[k]},
                       {"expert_weight", p.expert_weights[static_cast<Eigen::Index>(k)]},
                       {"weights", named(e.names, e.weights)},
                       {"lambda_max", number(e.lambda_max)},
                       {"ci", number(e.ci)},
                       {"cr", number(e.cr)},
                       {"consistent", e.consistent}});
  }
  j["experts"] = experts;
  Json warnings = p.combined.warnings;
  for (const auto& w : p.warnings) warnings.push_back(w);
  j["warnings"] = warnings;
  return j.dump(indent) + "\n";
}

std::string to_json(const WeightResult& r, int indent) {
  Json j;
  j["method"] = r.method;
  j["weights"] = named(r.names, r.weights);
  if (!r.basis.empty()) {
    j["basis"] = r.basis;
    j["costs_reversed"] = r.costs_reversed;
    j["units"] = r.units;
  }
  Json d = Json::object();
  for (const auto& [k, v] : r.diagnostics) d[k] = named(r.names, v);
  j["diagnostics"] = d;
  for (const auto& [k, v] : r.figures) j[k] = number(v);
  j["warnings"] = r.warnings;
  return j.dump(indent) + "\n";
}

std::string to_json(const ModelWeights& m, int indent) {
  Json j;
  j["method"] = "model";
  Json leaves = Json::object(), nodes = Json::object();
  for (std::size_t i = 0; i < m.node_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    if (!m.is_group[i]) leaves[m.node_ids[i]] = number(m.global[I]);
    nodes[m.node_ids[i]] = {{"local", number(m.local[I])},
                            {"global", number(m.global[I])},
                            {"points", number(m.points[I])},
                            {"depth", m.depth[i]}};
    if (i < m.node_names.size() && !m.node_names[i].empty()) nodes[m.node_ids[i]]["name"] = m.node_names[i];
  }
  j["weights"] = leaves;
  j["nodes"] = nodes;
  Json groups = Json::array();
  for (const auto& g : m.groups)
    groups.push_back({{"group", g.group.empty() ? Json(nullptr) : Json(g.group)},
                      {"method", g.method},
                      {"weights", named(g.children, g.weights)},
                      {"cr", number(g.cr)},
                      {"consistent", g.consistent}});
  j["groups"] = groups;
  j["warnings"] = m.warnings;
  return j.dump(indent) + "\n";
}

WeightResult weights_from_json(std::string_view text, const std::string& name) {
  Json j;
  try {
    j = Json::parse(text.begin(), text.end());
  } catch (const Json::parse_error& e) {
    throw DataError(fmt::format("{}: not JSON ({})", name, e.what()));
  }
  if (!j.is_object() || !j.contains("weights") || !j["weights"].is_object() || j["weights"].empty())
    throw DataError(fmt::format("{}: no \"weights\" object (the output of a `staffeval weights` command is expected)", name));
  WeightResult r;
  r.method = j.contains("method") && j["method"].is_string() ? j["method"].get<std::string>() : name;
  r.weights.resize(static_cast<Eigen::Index>(j["weights"].size()));
  Eigen::Index k = 0;
  for (const auto& [key, value] : j["weights"].items()) {
    if (!value.is_number())
      throw DataError(fmt::format("{}: weights.{} = {}: not a number", name, key, value.dump()));
    r.names.push_back(key);
    r.weights[k++] = value.get<double>();
  }
  return r;
}

}  // namespace staffeval
