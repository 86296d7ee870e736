// Result tables as CSV and JSON, and files written whole or not at all.
#include <cmath>
#include <cstdio>
#include <fstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <unistd.h>

#include "data/text.h"
#include "scoring/plan.h"
#include "staffeval/output.h"

namespace staffeval {

std::string to_csv(const ScoringResult& r, const OutputOptions& o) {
  const auto& p = r.plan.impl();
  const auto& m = p.model;
  std::string out;
  out.reserve(r.size() * (64 + 12 * (o.node_points ? p.node_ids.size() : 0)));
  if (o.excel_bom) out += "\xEF\xBB\xBF";
  const bool zh = o.chinese_headers;
  const char* const kEn[] = {"id", "name", "class", "score", "grade", "rank", "class_rank", "caps"};
  const char* const kZh[] = {"单位代码", "单位名称", "类别", "总分", "等级", "排名", "类内排名", "封顶原因"};
  for (int c = 0; c < 8; ++c) {
    if (c) out += ',';
    detail::append_csv_field(&out, zh ? kZh[c] : kEn[c]);
  }
  auto node_label = [&](std::size_t k) {
    const Node& n = m.nodes[k];
    return zh && !n.name.empty() ? n.id + " " + n.name : n.id;
  };
  if (o.node_points)
    for (std::size_t k = 0; k < p.node_ids.size(); ++k) {
      out += ',';
      detail::append_csv_field(&out, node_label(k));
    }
  if (o.leaf_detail)
    for (std::size_t j = 0; j < p.leaf_ids.size(); ++j) {
      out += ',';
      detail::append_csv_field(&out, p.leaf_ids[j] + (zh ? ".原始值" : ".value"));
      out += ',';
      detail::append_csv_field(&out, p.leaf_ids[j] + (zh ? ".得分率" : ".share"));
    }
  out += "\r\n";
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    detail::append_csv_field(&out, r.unit_ids[i]);
    out += ',';
    detail::append_csv_field(&out, r.unit_names[i]);
    out += ',';
    detail::append_csv_field(&out, r.class_name(i));
    out += ',';
    detail::append_number(&out, r.total[ii]);
    out += ',';
    detail::append_csv_field(&out, r.grade_name(i));
    out += ',';
    if (r.rank[i] > 0) out += std::to_string(r.rank[i]);
    out += ',';
    if (r.class_rank[i] > 0) out += std::to_string(r.class_rank[i]);
    out += ',';
    std::string caps;
    for (int c : r.caps[i]) caps += (caps.empty() ? "" : ";") + m.caps[static_cast<std::size_t>(c)].id;
    detail::append_csv_field(&out, caps);
    if (o.node_points)
      for (std::size_t k = 0; k < p.node_ids.size(); ++k) {
        out += ',';
        detail::append_number(&out, r.points(i, k));
      }
    if (o.leaf_detail)
      for (std::size_t j = 0; j < p.leaf_ids.size(); ++j) {
        out += ',';
        detail::append_number(&out, r.leaf_values(ii, static_cast<Eigen::Index>(j)));
        out += ',';
        detail::append_number(&out, r.leaf_shares(ii, static_cast<Eigen::Index>(j)));
      }
    out += "\r\n";
  }
  return out;
}

namespace {
nlohmann::json number(double v) { return std::isnan(v) ? nlohmann::json(nullptr) : nlohmann::json(v); }
}  // namespace

std::string to_json(const ScoringResult& r, int indent) {
  using nlohmann::json;
  const auto& p = r.plan.impl();
  const auto& m = p.model;
  json j;
  j["model"] = {{"id", m.id}, {"version", m.version}, {"name", m.name}, {"file", m.file}};
  j["options"] = {{"peer_groups", r.peer_groups},
                  {"missing", std::string(to_string(m.missing))},
                  {"weights", std::string(to_string(m.weights))},
                  {"total", m.total},
                  {"rounding",
                   {{"scope", std::string(to_string(r.rounding.scope))},
                    {"decimals", r.rounding.decimals},
                    {"mode", std::string(to_string(r.rounding.mode))}}}};
  j["grades"] = json::array();
  for (const auto& g : m.grades) j["grades"].push_back({{"name", g.name}, {"name_en", g.name_en}, {"min", g.min}});
  j["warnings"] = r.warnings;
  json units = json::array();
  for (std::size_t i = 0; i < r.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    json u;
    u["id"] = r.unit_ids[i];
    u["name"] = r.unit_names[i];
    u["class"] = r.class_name(i);
    u["score"] = number(r.total[ii]);
    u["rank"] = r.rank[i];
    u["class_rank"] = r.class_rank[i];
    u["grade"] = r.grade_name(i);
    json caps = json::array();
    for (int c : r.caps[i]) {
      const Cap& cap = m.caps[static_cast<std::size_t>(c)];
      caps.push_back({{"id", cap.id}, {"max_grade", cap.max_grade}, {"reason", cap.reason}});
    }
    u["caps"] = caps;
    json nodes = json::object();
    for (std::size_t k = 0; k < p.node_ids.size(); ++k) {
      const double s = r.node_score(i, k);
      nodes[p.node_ids[k]] = {{"score", number(s)}, {"points", number(r.points(i, k))}};
    }
    u["nodes"] = nodes;
    const Eigen::VectorXd contrib = r.contributions(i);
    json inds = json::object();
    for (std::size_t l = 0; l < p.leaf_ids.size(); ++l) {
      const auto li = static_cast<Eigen::Index>(l);
      const double sh = r.leaf_shares(ii, li);
      inds[p.leaf_ids[l]] = {{"value", number(r.leaf_values(ii, li))},
                             {"share", number(sh)},
                             {"points", number(std::isnan(sh) ? sh : sh * p.leaves[l].points)},
                             {"contribution", contrib[li]},
                             {"branch", r.branches(ii, li)}};
    }
    u["indicators"] = inds;
    units.push_back(std::move(u));
  }
  j["units"] = std::move(units);
  return j.dump(indent) + "\n";
}

void write_file_atomic(const std::string& path, std::string_view content) {
  const std::string tmp = fmt::format("{}.tmp.{}", path, ::getpid());
  {
    std::ofstream out(tmp, std::ios::binary | std::ios::trunc);
    if (!out) throw Error(fmt::format("{}: cannot write (temporary file {} not created)", path, tmp));
    out.write(content.data(), static_cast<std::streamsize>(content.size()));
    out.flush();
    if (!out) {
      out.close();
      std::remove(tmp.c_str());
      throw Error(fmt::format("{}: write failed (disk full?); nothing written", path));
    }
  }
  if (std::rename(tmp.c_str(), path.c_str()) != 0) {
    std::remove(tmp.c_str());
    throw Error(fmt::format("{}: cannot replace the file; nothing written", path));
  }
}

}  // namespace staffeval
