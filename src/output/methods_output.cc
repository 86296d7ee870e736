// JSON and CSV of rankings by the evaluation methods.
#include <cmath>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "staffeval/output.h"

namespace staffeval {

namespace {

using Json = nlohmann::ordered_json;

Json number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// RFC 4180 quoting where needed.
std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// Shortest round-trip form, empty for NaN.
std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

}  // namespace

std::string to_json(const MethodResult& r, int indent) {
  Json j;
  j["method"] = r.method;
  j["normalization"] = r.normalization;
  Json params = Json::object();
  for (const auto& [k, v] : r.parameters) params[k] = v;
  j["parameters"] = params;
  for (const auto& [k, v] : r.figures) j[k] = number(v);
  j["lower_is_better"] = r.lower_is_better;
  j["criteria"] = r.criteria;
  if (r.method == "vikor") {
    Json set = Json::array();
    for (std::size_t k : r.compromise) set.push_back(r.unit_ids[k]);
    j["compromise"] = set;
    j["acceptable_advantage"] = r.acceptable_advantage;
    j["acceptable_stability"] = r.acceptable_stability;
  }
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json u;
    u["id"] = r.unit_ids[i];
    u["score"] = number(r.score[I]);
    u["rank"] = r.rank[i];
    for (const auto& [name, v] : r.intermediates) u[name] = number(v[I]);
    units.push_back(std::move(u));
  }
  j["units"] = units;
  j["warnings"] = r.warnings;
  return j.dump(indent) + "\n";
}

std::string to_csv(const MethodResult& r, bool excel_bom) {
  std::string out = excel_bom ? "\xEF\xBB\xBF" : "";
  out += "id,score,rank";
  for (const auto& iv : r.intermediates)
    if (iv.first != "Q") out += "," + csv_field(iv.first);
  out += "\n";
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    out += csv_field(r.unit_ids[i]) + "," + csv_number(r.score[I]) + "," + std::to_string(r.rank[i]);
    for (const auto& iv : r.intermediates)
      if (iv.first != "Q") out += "," + csv_number(iv.second[I]);
    out += "\n";
  }
  return out;
}

}  // namespace staffeval
