// The HTML report: tables written here (they read and print without scripts), charts drawn in
// the browser by the embedded ECharts from the data block this file writes.
#include "staffeval/report.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>
#include <set>
#include <string_view>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/language.h"
#include "common/text_table.h"
#include "output/report_assets.h"
#include "staffeval/analyses.h"
#include "staffeval/data.h"
#include "staffeval/error.h"
#include "staffeval/indicator_sets.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

using detail::tr;
using detail::trf;
using Json = nlohmann::json;

// Band colours of the grades, best first (green, blue, amber, red; more grades take the last).
constexpr const char* kBand[] = {"#2e7d32", "#1f6fb2", "#e0a100", "#c62828"};
constexpr const char* kBandLight[] = {"#e3f1e4", "#e1edf8", "#fdf3d6", "#f9e0e0"};

std::size_t band(std::size_t grade) { return std::min<std::size_t>(grade, 3); }

std::string esc(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (const char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

// A number for a table cell: `digits` decimals, a dash when there is none.
std::string cell(double v, int digits = 2) {
  if (!std::isfinite(v)) return "–";
  return fmt::format("{:.{}f}", v, digits);
}

Json num(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// The unit as a reader knows it: its name, else its id.
std::string unit_label(const std::vector<std::string>& ids, const std::vector<std::string>& names, std::size_t i) {
  return i < names.size() && !names[i].empty() ? names[i] : ids[i];
}

std::string grade_cell(const ScoringResult& r, std::size_t i) {
  if (r.grade[i] < 0) return "<td>–</td>";
  const auto g = static_cast<std::size_t>(r.grade[i]);
  return fmt::format("<td class=\"grade band{}\">{}</td>", band(g), esc(r.plan.model().grades[g].name));
}

// Units best first, units without a score last (in data order).
std::vector<std::size_t> by_rank(const ScoringResult& r) { return detail::order_by_rank(r.rank); }

// A field of an analysis' JSON, or a located error.
const Json& need(const Json& j, const char* key, const std::string& where) {
  if (!j.is_object() || !j.contains(key)) throw DataError(fmt::format("{}: no field \"{}\"", where, key));
  return j.at(key);
}

double need_number(const Json& j, const char* key, const std::string& where) {
  const Json& v = need(j, key, where);
  if (!v.is_number()) throw DataError(fmt::format("{}.{}: not a number ({})", where, key, v.dump()));
  return v.get<double>();
}

// The unit index of each id of an analysis, which must name exactly the result's units.
std::map<std::string, std::size_t> unit_index(const ScoringResult& r) {
  std::map<std::string, std::size_t> index;
  for (std::size_t i = 0; i < r.size(); ++i) index.emplace(r.unit_ids.view(i), i);
  return index;
}

struct Builder {
  const ReportInput& in;
  const ScoringResult& r;
  const IndicatorModel& model;
  Language l;
  std::string html;
  Json data;
  std::vector<std::pair<std::string, std::string>> toc;  // section id, heading

  Builder(const ReportInput& input)
      : in(input), r(*input.result), model(input.result->plan.model()), l(input.result->language) {}

  void section(const std::string& id, const std::string& heading) {
    if (!toc.empty()) html += "</section>\n";
    toc.emplace_back(id, heading);
    html += fmt::format("<section id=\"{}\">\n<h2>{}</h2>\n", id, esc(heading));
  }
  // A row of a two-column (item, value) table.
  void row(const std::string& item, const std::string& value) {
    html += fmt::format("<tr><th>{}</th><td>{}</td></tr>\n", esc(item), esc(value));
  }
  void chart(const std::string& id, const std::string& caption) {
    html += fmt::format("<figure><div class=\"chart\" id=\"{}\"></div><figcaption>{}</figcaption></figure>\n", id,
                        esc(caption));
  }

  std::string title() const {
    if (!in.title.empty()) return in.title;
    return trf(l, "{}: evaluation report", "{}评估报告", model.name.empty() ? model.id : model.name);
  }

  void summary() {
    section("summary", tr(l, "Summary", "概况"));
    std::size_t scored = 0;
    std::vector<double> totals;
    for (std::size_t i = 0; i < r.size(); ++i)
      if (r.scored(i)) {
        ++scored;
        totals.push_back(r.total[static_cast<Eigen::Index>(i)]);
      }
    std::sort(totals.begin(), totals.end());
    const double mean = totals.empty() ? NAN : std::accumulate(totals.begin(), totals.end(), 0.0) / double(totals.size());
    const double median = totals.empty() ? NAN
                          : totals.size() % 2 ? totals[totals.size() / 2]
                                              : (totals[totals.size() / 2 - 1] + totals[totals.size() / 2]) / 2;
    html += "<table class=\"kv\">\n";
    row(tr(l, "Model", "模型"), model.version.empty() ? model.id : model.id + " " + model.version);
    if (!model.name.empty()) row(tr(l, "Model name", "模型名称"), model.name);
    row(tr(l, "Units", "单位数"), std::to_string(r.size()));
    row(tr(l, "Scored", "已评分"), std::to_string(scored));
    row(tr(l, "Indicators", "指标数"), std::to_string(r.plan.leaf_ids().size()));
    row(tr(l, "Mean score", "平均分"), cell(mean));
    row(tr(l, "Median score", "中位数"), cell(median));
    if (!totals.empty()) row(tr(l, "Range", "分数范围"), cell(totals.front()) + " – " + cell(totals.back()));
    html += "</table>\n";

    const std::vector<std::size_t> counts = r.grade_counts();
    html += fmt::format("<table class=\"data narrow\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                        tr(l, "Grade", "等级"), tr(l, "From score", "分数线"), tr(l, "Units", "单位数"),
                        tr(l, "Share", "占比"));
    Json grades = Json::array();
    for (std::size_t g = 0; g < model.grades.size(); ++g) {
      const auto& gb = model.grades[g];
      html += fmt::format("<tr><td class=\"grade band{}\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                          band(g), esc(gb.name), cell(gb.min, 1), counts[g],
                          scored ? cell(100.0 * double(counts[g]) / double(scored), 1) + "%" : "–");
      grades.push_back({{"name", gb.name}, {"min", gb.min}, {"count", counts[g]}, {"color", kBand[band(g)]},
                        {"light", kBandLight[band(g)]}});
    }
    html += "</tbody></table>\n";
    data["grades"] = grades;
    chart("chart-grades", tr(l, "Units per grade", "各等级单位数"));
    if (!r.warnings.empty()) {
      html += fmt::format("<h3>{}</h3>\n<ul class=\"warnings\">\n", tr(l, "Data warnings", "数据警告"));
      for (const auto& w : r.warnings) html += "<li>" + esc(w) + "</li>\n";
      html += "</ul>\n";
    } else {
      html += fmt::format("<p class=\"note\">{}</p>\n", tr(l, "No data warnings.", "无数据警告。"));
    }
  }

  void units() {
    Json units = Json::array();
    for (std::size_t i = 0; i < r.size(); ++i) {
      units.push_back({{"id", r.unit_ids.view(i)},
                       {"name", r.unit_names.view(i)},
                       {"cls", r.unit_class[i]},
                       {"score", num(r.total[static_cast<Eigen::Index>(i)])},
                       {"rank", r.rank[i]},
                       {"grade", r.grade[i]}});
    }
    data["units"] = std::move(units);
    data["classes"] = r.class_labels;
  }

  void ranking() {
    section("ranking", tr(l, "Ranking and grades", "排名与等级"));
    chart("chart-ranking", tr(l, "Scores, best first, coloured by grade; the shaded bands are the grades' score ranges",
                              "各单位得分（按排名），颜色为等级；底色为各等级的分数区间"));
    const bool classes = r.class_labels.size() > 1 || (r.class_labels.size() == 1 && !r.class_labels[0].empty());
    html += fmt::format("<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th>{}<th>{}</th><th>{}</th>{}</tr></thead><tbody>\n",
                        tr(l, "Rank", "排名"), tr(l, "Id", "单位代码"), tr(l, "Name", "单位名称"),
                        classes ? fmt::format("<th>{}</th><th>{}</th>", tr(l, "Class", "类别"), tr(l, "Rank in class", "类别内排名")) : "",
                        tr(l, "Score", "得分"), tr(l, "Grade", "等级"), fmt::format("<th>{}</th>", tr(l, "Note", "说明")));
    for (std::size_t i : by_rank(r)) {
      std::string note;
      for (int c : r.caps[i]) {
        const Cap& cap = model.caps[static_cast<std::size_t>(c)];
        if (!note.empty()) note += "; ";
        note += cap.reason.empty() ? cap.id : cap.reason;
      }
      if (!r.scored(i)) note = r.note(i);
      html += fmt::format("<tr><td class=\"num\">{}</td><td>{}</td><td>{}</td>{}<td class=\"num\">{}</td>{}<td>{}</td></tr>\n",
                          r.rank[i] ? std::to_string(r.rank[i]) : "–", esc(r.unit_ids.view(i)), esc(r.unit_names.view(i)),
                          classes ? fmt::format("<td>{}</td><td class=\"num\">{}</td>", esc(r.class_name(i)),
                                                r.class_rank[i] ? std::to_string(r.class_rank[i]) : "–")
                                  : "",
                          cell(r.total[static_cast<Eigen::Index>(i)]), grade_cell(r, i), esc(note));
    }
    html += "</tbody></table>\n";
  }

  void distribution() {
    section("distribution", tr(l, "Score distribution per class", "各类别得分分布"));
    chart("chart-classes", tr(l, "Box: quartiles and range of each class's scores; dots: the units",
                              "箱线：各类别得分的四分位数与范围；圆点：各单位"));
  }

  void profiles() {
    section("profiles", tr(l, "Profile by dimension", "分维度画像"));
    const PlanGroup& top = r.plan.top();
    Json dims = Json::array();
    for (int node : top.children) {
      const int m = model.find_node(r.plan.node_ids()[static_cast<std::size_t>(node)]);
      dims.push_back({{"id", r.plan.node_ids()[static_cast<std::size_t>(node)]},
                      {"name", m < 0 ? std::string() : model.nodes[static_cast<std::size_t>(m)].name}});
    }
    // Each unit's score (0-100) on each top-level node, and each class's mean over its scored units.
    Json unit_dims = Json::array();
    const std::size_t C = std::max<std::size_t>(r.class_labels.size(), 1);
    std::vector<std::vector<double>> sum(C, std::vector<double>(top.children.size(), 0.0));
    std::vector<std::vector<std::size_t>> n(C, std::vector<std::size_t>(top.children.size(), 0));
    for (std::size_t i = 0; i < r.size(); ++i) {
      Json row = Json::array();
      for (std::size_t d = 0; d < top.children.size(); ++d) {
        const double s = r.node_score(i, static_cast<std::size_t>(top.children[d]));
        row.push_back(num(s));
        if (r.scored(i) && std::isfinite(s)) {
          const auto c = static_cast<std::size_t>(std::max(r.unit_class[i], 0));
          sum[c][d] += s;
          ++n[c][d];
        }
      }
      unit_dims.push_back(std::move(row));
    }
    Json class_dims = Json::array();
    for (std::size_t c = 0; c < C; ++c) {
      Json row = Json::array();
      for (std::size_t d = 0; d < top.children.size(); ++d) row.push_back(n[c][d] ? Json(sum[c][d] / double(n[c][d])) : Json(nullptr));
      class_dims.push_back(std::move(row));
    }
    data["dims"] = dims;
    data["unit_dims"] = unit_dims;
    data["class_dims"] = class_dims;
    html += fmt::format("<p class=\"controls\"><label>{} <select id=\"unit-select\"></select></label></p>\n",
                        tr(l, "Unit", "单位"));
    chart("chart-radar", tr(l, "The unit's score (0-100) on each top-level dimension against the mean of its class",
                            "该单位各一级维度得分（0-100）与其类别平均值对比"));
  }

  void obstacles() {
    section("obstacles", tr(l, "Obstacles and lost points per unit", "各单位障碍因素与失分"));
    html += fmt::format("<p class=\"note\">{}</p>\n",
                        tr(l, "Obstacle degree: the indicator's share of everything that keeps the unit from full marks, weighted by the indicator's weight. "
                              "Lost points: each indicator scored below its full marks, with the rule branch that decided it.",
                           "障碍度：该指标在单位全部失分因素中所占的比重（按指标权重计）。失分：每个未得满分的指标，以及决定其得分的计分规则分支。"));
    const ObstacleResult ob = obstacle_degrees(r);
    html += fmt::format("<table class=\"data obstacles\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                        tr(l, "Rank", "排名"), tr(l, "Unit", "单位"), tr(l, "Score", "得分"),
                        tr(l, "Largest obstacles (degree)", "主要障碍因素（障碍度）"),
                        tr(l, "Points lost, by rule branch", "失分及计分分支"));
    for (std::size_t i : by_rank(r)) {
      if (!r.scored(i)) continue;
      std::string obs;
      for (std::size_t j : ob.top(i, 3)) {
        const double d = ob.degree(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j));
        if (!(d > 0)) continue;
        obs += fmt::format("<li>{} <span class=\"num\">{}%</span></li>",
                           esc(ob.indicator_names[j].empty() ? ob.indicators[j] : ob.indicator_names[j]), cell(100 * d, 1));
      }
      const Explanation ex = explain_at(r, *in.table, i);
      // Indicators below full marks, and those skipped for a missing value (they lose no points
      // of their own: their weight went to their siblings).
      std::vector<const ExplanationLine*> lost, skipped;
      for (const auto& line : ex.lines) {
        if (!line.leaf) continue;
        if (std::isnan(line.share)) skipped.push_back(&line);
        else if (line.points < line.max_points - 1e-9) lost.push_back(&line);
      }
      std::stable_sort(lost.begin(), lost.end(), [](const ExplanationLine* a, const ExplanationLine* b) {
        return a->max_points - a->points > b->max_points - b->points;
      });
      std::string costs;
      for (const ExplanationLine* line : lost)
        costs += fmt::format("<li>{} <span class=\"num lost\">−{}</span> <span class=\"branch\">{}</span></li>",
                             esc(line->name.empty() ? line->node_id : line->name),
                             cell(std::round((line->max_points - line->points) * 1e9) / 1e9), esc(line->branch));
      for (const ExplanationLine* line : skipped)
        costs += fmt::format("<li>{} <span class=\"num\">{}</span> <span class=\"branch\">{}</span></li>",
                             esc(line->name.empty() ? line->node_id : line->name), tr(l, "skipped", "跳过"), esc(line->branch));
      html += fmt::format("<tr><td class=\"num\">{}</td><td>{}<br><span class=\"id\">{}</span></td><td class=\"num\">{}</td><td><ul>{}</ul></td><td><ul>{}</ul></td></tr>\n",
                          r.rank[i], esc(unit_label(r.unit_ids, r.unit_names, i)),
                          r.unit_names.view(i).empty() ? "" : esc(r.unit_ids.view(i)), cell(r.total[static_cast<Eigen::Index>(i)]),
                          obs.empty() ? "<li>–</li>" : obs,
                          costs.empty() ? fmt::format("<li>{}</li>", tr(l, "full marks everywhere", "各指标均得满分")) : costs);
    }
    html += "</tbody></table>\n";
  }

  void weights() {
    section("model", tr(l, "Model, weights and consistency", "模型、权重与一致性"));
    const ModelWeights w = model_weights(r);
    chart("chart-weights", tr(l, "Points of each indicator (its global weight times the model's total)",
                              "各指标分值（全局权重 × 总分）"));
    Json leaves = Json::array();
    html += fmt::format("<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                        tr(l, "Id", "代码"), tr(l, "Name", "名称"), tr(l, "Weight in group", "组内权重"),
                        tr(l, "Global weight", "全局权重"), tr(l, "Points", "分值"));
    for (std::size_t k = 0; k < w.node_ids.size(); ++k) {
      const auto K = static_cast<Eigen::Index>(k);
      html += fmt::format("<tr class=\"{}\"><td style=\"padding-left:{}em\">{}</td><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>\n",
                          w.is_group[k] ? "group" : "leaf", 0.3 + 1.2 * (w.depth[k] - 1), esc(w.node_ids[k]), esc(w.node_names[k]),
                          cell(w.local[K], 4), cell(w.global[K], 4), cell(w.points[K], 2));
      if (!w.is_group[k])
        leaves.push_back({{"id", w.node_ids[k]}, {"name", w.node_names[k]}, {"points", num(w.points[K])}});
    }
    html += "</tbody></table>\n";
    data["leaves"] = leaves;
    html += fmt::format("<h3>{}</h3>\n", tr(l, "How the weights were set", "权重的确定与一致性检验"));
    if (w.groups.empty()) {
      html += fmt::format("<p class=\"note\">{}</p>\n", tr(l, "Every weight is given in the model (no judgment matrices, no consistency check).",
                                                           "所有权重均由模型直接给定（无判断矩阵，无需一致性检验）。"));
    } else {
      html += fmt::format("<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                          tr(l, "Group", "指标组"), tr(l, "Method", "方法"), tr(l, "CR", "一致性比率 CR"),
                          tr(l, "Consistent", "一致性"), tr(l, "Report", "说明"));
      for (const auto& g : w.groups) {
        html += fmt::format("<tr><td>{}</td><td>{}</td><td class=\"num\">{}</td><td>{}</td><td>{}</td></tr>\n",
                            esc(g.group.empty() ? tr(l, "(top level)", "（第一层）") : g.group), esc(g.method), cell(g.cr, 4),
                            std::isnan(g.cr) ? "–" : g.consistent ? tr(l, "yes", "通过") : tr(l, "NO", "未通过"),
                            esc(g.report));
      }
      html += "</tbody></table>\n";
    }
    if (!w.warnings.empty()) {
      html += "<ul class=\"warnings\">\n";
      for (const auto& x : w.warnings) html += "<li>" + esc(x) + "</li>\n";
      html += "</ul>\n";
    }
  }

  // A Monte Carlo analysis: rank intervals and the grades that are not robust.
  void monte_carlo(const ReportAnalysis& a, const Json& j) {
    const std::string& src = a.source;
    const Json& units = need(j, "units", src);
    if (!units.is_array()) throw DataError(fmt::format("{}.units: not a list", src));
    const auto index = unit_index(r);
    if (units.size() != r.size())
      throw DataError(fmt::format("{}: {} units, but the evaluation has {}: the analysis was run on other data", src,
                                  units.size(), r.size()));
    const double threshold = need_number(j, "robust_threshold", src);
    Json out = Json::array();
    struct Fragile {
      std::size_t unit;
      double stability;
      const Json* probability;
    };
    std::vector<Fragile> fragile;
    for (std::size_t k = 0; k < units.size(); ++k) {
      const std::string where = fmt::format("{}.units[{}]", src, k);
      const Json& u = units[k];
      const Json& id = need(u, "id", where);
      if (!id.is_string()) throw DataError(fmt::format("{}.id: not a string ({})", where, id.dump()));
      const auto it = index.find(id.get<std::string>());
      if (it == index.end())
        throw DataError(fmt::format("{}.id: unit \"{}\" is not in the evaluation: the analysis was run on other data", where,
                                    id.get<std::string>()));
      const std::size_t i = it->second;
      const double mine = r.total[static_cast<Eigen::Index>(i)];
      const Json& score = need(u, "score", where);
      const bool theirs_missing = score.is_null();
      if (theirs_missing != !std::isfinite(mine) ||
          (!theirs_missing && (!score.is_number() || std::abs(score.get<double>() - mine) > 1e-6 * std::max(1.0, std::abs(mine)))))
        throw DataError(fmt::format("{}.score: {} there, {} in this evaluation: the analysis was run on another model or data",
                                    where, score.dump(), fmt::format("{}", mine)));
      if (theirs_missing) continue;
      const double p5 = need_number(u, "rank_p5", where), p95 = need_number(u, "rank_p95", where),
                   median = need_number(u, "rank_median", where), stability = need_number(u, "grade_stability", where);
      out.push_back({{"unit", i}, {"p5", p5}, {"median", median}, {"p95", p95}, {"stability", stability}});
      if (stability < threshold) fragile.push_back({i, stability, &need(u, "grade_probability", where)});
    }
    data["mc"] = {{"units", out}, {"threshold", threshold}};

    section("uncertainty", tr(l, "Rank uncertainty", "排名的不确定性"));
    html += fmt::format("<p class=\"note\">{}</p>\n",
                        trf(l, "{} samples of the uncertain inputs (from {}); mean absolute rank shift {}.",
                            "对不确定输入抽样 {} 次（来自 {}）；平均排名变动 {} 位。",
                            need(j, "samples", src).dump(), src, cell(need_number(j, "mean_abs_rank_shift", src))));
    chart("chart-intervals", tr(l, "Each unit's rank: the bar spans the 5th to 95th percentile, the dot is the median, the diamond the rank of this evaluation",
                                "各单位排名：横条为 5%–95% 区间，圆点为中位数，菱形为本次评估的排名"));
    html += fmt::format("<h3>{}</h3>\n", trf(l, "Grades that are not robust (kept in less than {}% of samples)",
                                             "等级不稳健的单位（保持原等级的样本少于 {}%）", cell(100 * threshold, 0)));
    if (fragile.empty()) {
      html += fmt::format("<p class=\"note\">{}</p>\n", tr(l, "Every unit keeps its grade in enough samples.", "所有单位的等级均稳健。"));
      return;
    }
    std::sort(fragile.begin(), fragile.end(), [](const Fragile& a, const Fragile& b) { return a.stability < b.stability; });
    html += fmt::format("<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                        tr(l, "Unit", "单位"), tr(l, "Rank", "排名"), tr(l, "Grade", "等级"),
                        tr(l, "Kept in", "保持原等级的概率"), tr(l, "Grade probabilities", "各等级概率"));
    for (const Fragile& f : fragile) {
      std::string probs;
      if (f.probability->is_object())
        for (const auto& [g, p] : f.probability->items())
          if (p.is_number() && p.get<double>() > 0) probs += fmt::format("{} {}% ", esc(g), cell(100 * p.get<double>(), 1));
      html += fmt::format("<tr><td>{}</td><td class=\"num\">{}</td>{}<td class=\"num\">{}%</td><td>{}</td></tr>\n",
                          esc(unit_label(r.unit_ids, r.unit_names, f.unit)), r.rank[f.unit], grade_cell(r, f.unit),
                          cell(100 * f.stability, 1), probs);
    }
    html += "</tbody></table>\n";
  }

  // A one-at-a-time analysis: the tornado of the weights.
  void one_at_a_time(const ReportAnalysis& a, const Json& j) {
    const std::string& src = a.source;
    const Json& changes = need(j, "changes", src);
    if (!changes.is_array() || changes.empty()) throw DataError(fmt::format("{}.changes: not a list of changes", src));
    std::size_t lo = 0, hi = 0;  // the largest decrease and the largest increase
    for (std::size_t s = 0; s < changes.size(); ++s) {
      if (!changes[s].is_number()) throw DataError(fmt::format("{}.changes[{}]: not a number ({})", src, s, changes[s].dump()));
      if (changes[s].get<double>() < changes[lo].get<double>()) lo = s;
      if (changes[s].get<double>() > changes[hi].get<double>()) hi = s;
    }
    const Json& weights = need(j, "weights", src);
    if (!weights.is_array()) throw DataError(fmt::format("{}.weights: not a list", src));
    const auto index = unit_index(r);
    Json bars = Json::array();
    for (std::size_t e = 0; e < weights.size(); ++e) {
      const std::string where = fmt::format("{}.weights[{}]", src, e);
      const Json& w = weights[e];
      const Json& shift = need(w, "mean_abs_rank_shift", where);
      if (!shift.is_array() || shift.size() != changes.size())
        throw DataError(fmt::format("{}.mean_abs_rank_shift: {} values for {} changes", where, shift.is_array() ? shift.size() : 0,
                                    changes.size()));
      const Json& units = need(w, "units", where);
      for (std::size_t k = 0; units.is_array() && k < units.size(); ++k) {
        const Json& id = need(units[k], "id", fmt::format("{}.units[{}]", where, k));
        if (!id.is_string() || !index.count(id.get<std::string>()))
          throw DataError(fmt::format("{}.units[{}].id: unit {} is not in the evaluation: the analysis was run on other data",
                                      where, k, id.dump()));
      }
      bars.push_back({{"label", need(w, "weight", where)}, {"down", shift[lo]}, {"up", shift[hi]}});
    }
    data["oat"] = {{"down", changes[lo]}, {"up", changes[hi]}, {"weights", bars}};
    section("oat", tr(l, "Sensitivity to each weight", "各权重的敏感性"));
    chart("chart-tornado",
          trf(l, "Mean absolute rank shift when one weight moves by {:+g}% (left) or {:+g}% (right), the others rescaled",
              "单个权重变动 {:+g}%（左）或 {:+g}%（右）、其余权重按比例调整时的平均排名变动", 100 * changes[lo].get<double>(),
              100 * changes[hi].get<double>()));
    const Json& deciding = j.contains("deciding_weights") ? j.at("deciding_weights") : Json::array();
    if (deciding.is_array() && !deciding.empty()) {
      html += fmt::format("<h3>{}</h3>\n<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                          tr(l, "Units whose grade one weight change decides", "单个权重变动即改变等级的单位"),
                          tr(l, "Unit", "单位"), tr(l, "Grade", "等级"), tr(l, "Weight", "权重"), tr(l, "Change", "变动"));
      for (std::size_t k = 0; k < deciding.size(); ++k) {
        const std::string where = fmt::format("{}.deciding_weights[{}]", src, k);
        const Json& id = need(deciding[k], "id", where);
        const auto it = id.is_string() ? index.find(id.get<std::string>()) : index.end();
        if (it == index.end())
          throw DataError(fmt::format("{}.id: unit {} is not in the evaluation: the analysis was run on other data", where, id.dump()));
        const double change = need_number(deciding[k], "change", where);
        const Json& weight = need(deciding[k], "weight", where);
        html += fmt::format("<tr><td>{}</td>{}<td>{}</td><td class=\"num\">{:+g}%</td></tr>\n",
                            esc(unit_label(r.unit_ids, r.unit_names, it->second)), grade_cell(r, it->second),
                            esc(weight.is_string() ? weight.get<std::string>() : weight.dump()), 100 * change);
      }
      html += "</tbody></table>\n";
    }
  }

  void analyses() {
    std::set<std::string> seen;
    for (const ReportAnalysis& a : in.analyses) {
      Json j;
      try {
        j = Json::parse(a.json);
      } catch (const Json::parse_error& e) {
        throw DataError(fmt::format("{}: not JSON: {}", a.source, e.what()));
      }
      const Json& kind = need(j, "analysis", a.source);
      const std::string k = kind.is_string() ? kind.get<std::string>() : kind.dump();
      if (k != "monte_carlo" && k != "one_at_a_time")
        throw DataError(fmt::format("{}.analysis: \"{}\": a report shows monte_carlo (staffeval sensitivity mc) and "
                                    "one_at_a_time (staffeval sensitivity oat) analyses",
                                    a.source, k));
      if (!seen.insert(k).second) throw DataError(fmt::format("{}: a second {} analysis; give one of each kind", a.source, k));
      if (k == "monte_carlo") monte_carlo(a, j);
      else one_at_a_time(a, j);
    }
  }

  void comparison() {
    const ScoringResult& o = *in.other;
    const std::string la = in.label.empty() ? model.id : in.label;
    const std::string lb = in.other_label.empty() ? o.plan.model().id : in.other_label;
    if (la == lb) throw OptionsError("report: both models are labelled \"" + la + "\"; give them different labels");
    const Comparison c = compare(r, la, o, lb);
    section("comparison", trf(l, "Comparison with {}", "与 {} 的比较", lb));
    html += "<table class=\"kv\">\n";
    row(tr(l, "Units compared", "参与比较的单位"), std::to_string(c.unit_ids.size()));
    row(tr(l, "Spearman's rho", "Spearman 等级相关系数"),
        fmt::format("{} [{}, {}]", cell(c.spearman, 3), cell(c.spearman_interval.low, 3), cell(c.spearman_interval.high, 3)));
    row(tr(l, "Kendall's tau-b", "Kendall tau-b"), cell(c.kendall_tau_b, 3));
    row(trf(l, "Top {} in common", "前 {} 名重合", c.top_k), fmt::format("{} ({}%)", c.top_k_common, cell(100 * c.top_k_overlap, 0)));
    row(tr(l, "Mean / largest rank shift", "平均 / 最大排名变动"),
        cell(c.mean_abs_rank_shift, 2) + " / " + cell(c.max_abs_rank_shift, 0));
    if (!c.grade_names.empty()) {
      row(tr(l, "Same grade", "等级一致"), cell(100 * c.grade_agreement, 1) + "%");
      row(tr(l, "Cohen's kappa (linear)", "Cohen kappa（线性加权）"), cell(c.kappa, 3) + " (" + cell(c.kappa_linear, 3) + ")");
    }
    if (c.has_burden) {
      row(trf(l, "Indicators ({} / {})", "指标数（{} / {}）", la, lb),
          fmt::format("{} / {}", c.burden_a.indicators, c.burden_b.indicators));
      row(trf(l, "Fields collected ({} / {})", "采集字段数（{} / {}）", la, lb),
          fmt::format("{} / {}", c.burden_a.fields.size(), c.burden_b.fields.size()));
      if (c.burden_a.minutes_per_unit > 0 || c.burden_b.minutes_per_unit > 0)
        row(trf(l, "Minutes per unit ({} / {})", "每单位填报分钟数（{} / {}）", la, lb),
            fmt::format("{} / {}", cell(c.burden_a.minutes_per_unit, 1), cell(c.burden_b.minutes_per_unit, 1)));
    }
    if (!c.only_a.empty() || !c.only_b.empty())
      row(tr(l, "Scored by one model only", "仅一方评分的单位"),
          fmt::format("{} / {}", c.only_a.size(), c.only_b.size()));
    html += "</table>\n";
    Json pts = Json::array();
    for (std::size_t k = 0; k < c.unit_ids.size(); ++k)
      pts.push_back({{"id", c.unit_ids[k]}, {"a", c.rank_a[k]}, {"b", c.rank_b[k]}, {"ga", c.grade_a[k]}, {"gb", c.grade_b[k]}});
    data["cmp"] = {{"a", la}, {"b", lb}, {"units", pts}};
    chart("chart-compare", trf(l, "Rank under {} (across) against rank under {} (up); units off the diagonal moved, red ones changed grade",
                               "{}下的排名（横轴）与{}下的排名（纵轴）；偏离对角线的单位名次有变动，红点为等级改变的单位", la, lb));
    if (c.grade_names.empty()) return;
    html += fmt::format("<h3>{}</h3>\n<table class=\"data narrow\"><thead><tr><th>{}</th>",
                        tr(l, "Grades under both models", "两个模型下的等级对照"), esc(la + " \\ " + lb));
    for (const auto& g : c.grade_names) html += "<th>" + esc(g) + "</th>";
    html += "</tr></thead><tbody>\n";
    for (std::size_t a = 0; a < c.grade_names.size(); ++a) {
      html += "<tr><th>" + esc(c.grade_names[a]) + "</th>";
      for (std::size_t b = 0; b < c.grade_names.size(); ++b)
        html += fmt::format("<td class=\"num{}\">{}</td>", a == b ? " diag" : "",
                            c.grade_table(static_cast<Eigen::Index>(a), static_cast<Eigen::Index>(b)));
      html += "</tr>\n";
    }
    html += "</tbody></table>\n";
    if (c.grade_changes.empty()) return;
    const auto ids = unit_index(r);
    html += fmt::format("<h3>{}</h3>\n<table class=\"data\"><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead><tbody>\n",
                        tr(l, "Units whose grade changes", "等级发生变化的单位"), tr(l, "Unit", "单位"),
                        trf(l, "Grade ({})", "等级（{}）", la), trf(l, "Grade ({})", "等级（{}）", lb),
                        trf(l, "Rank ({})", "排名（{}）", la), trf(l, "Rank ({})", "排名（{}）", lb));
    for (std::size_t k : c.grade_changes) {
      const std::size_t i = ids.at(c.unit_ids[k]);
      html += fmt::format("<tr><td>{}</td><td>{}</td><td>{}</td><td class=\"num\">{:g}</td><td class=\"num\">{:g}</td></tr>\n",
                          esc(unit_label(r.unit_ids, r.unit_names, i)), esc(c.grade_a[k]), esc(c.grade_b[k]), c.rank_a[k],
                          c.rank_b[k]);
    }
    html += "</tbody></table>\n";
  }

  Json labels() const {
    return {{"unit", tr(l, "Unit", "单位")},
            {"score", tr(l, "Score", "得分")},
            {"rank", tr(l, "Rank", "排名")},
            {"grade", tr(l, "Grade", "等级")},
            {"units", tr(l, "Units", "单位数")},
            {"class_mean", tr(l, "Class mean", "类别平均")},
            {"all", tr(l, "All units", "全部单位")},
            {"points", tr(l, "Points", "分值")},
            {"median", tr(l, "Median rank", "排名中位数")},
            {"band", tr(l, "5-95% band", "5%–95% 区间")},
            {"nominal", tr(l, "Rank in this evaluation", "本次排名")},
            {"shift", tr(l, "Mean absolute rank shift", "平均排名变动")},
            {"same_grade", tr(l, "Same grade", "等级不变")},
            {"changed_grade", tr(l, "Grade changed", "等级改变")},
            {"no_radar", tr(l, "The model has fewer than three top-level dimensions; the profile is shown as bars.",
                            "模型的一级维度少于三个，画像以条形图显示。")}};
  }
};

constexpr std::string_view kHead = R"(<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="staffeval {version}">
<title>{title}</title>
<style>
)";

}  // namespace

std::string html_report(const ReportInput& in) {
  if (!in.result) throw OptionsError("html_report: no result to report");
  if (in.result->kept != Kept::kFull)
    throw OptionsError("html_report: the result keeps less than full detail; evaluate with Kept::kFull");
  if (!in.table) throw OptionsError("html_report: the table the result was evaluated on is needed (rule branches in words)");
  if (in.result->size() == 0) throw DataError("html_report: the evaluation has no units");
  Builder b(in);
  const Language l = b.l;
  b.data["lang"] = l == Language::kZh ? "zh" : "en";
  b.data["t"] = b.labels();
  b.data["mc"] = nullptr;
  b.data["oat"] = nullptr;
  b.data["cmp"] = nullptr;
  b.units();
  b.summary();
  b.ranking();
  b.distribution();
  b.profiles();
  b.obstacles();
  b.weights();
  b.analyses();
  if (in.other) b.comparison();
  b.html += "</section>\n";

  const std::string title = b.title();
  std::string out;
  out.reserve(b.html.size() + detail::assets::echarts_js.size() + 64 * 1024);
  out += fmt::format(fmt::runtime(kHead), fmt::arg("lang", l == Language::kZh ? "zh-CN" : "en"),
                     fmt::arg("version", STAFFEVAL_VERSION), fmt::arg("title", esc(title)));
  out += detail::assets::report_css;
  out += "</style>\n</head>\n<body>\n<header>\n";
  out += fmt::format("<h1>{}</h1>\n<p class=\"sub\">{}</p>\n", esc(title),
                     esc(trf(l, "Model {}{} · {} units · staffeval {}", "模型 {}{} · {} 个单位 · staffeval {}", b.model.id,
                             b.model.version.empty() ? "" : " " + b.model.version, b.r.size(), STAFFEVAL_VERSION)));
  out += "<nav><ol>";
  for (const auto& [id, heading] : b.toc) out += fmt::format("<li><a href=\"#{}\">{}</a></li>", id, esc(heading));
  out += "</ol></nav>\n</header>\n<main>\n";
  out += b.html;
  out += "</main>\n<script type=\"application/json\" id=\"report-data\">";
  // '<' escaped inside the JSON so that no value can end the script element.
  const std::string json = b.data.dump(-1, ' ', false, Json::error_handler_t::replace);
  for (const char c : json) {
    if (c == '<') out += "\\u003c";
    else out += c;
  }
  out += "</script>\n<script>\n";
  out += detail::assets::echarts_js;
  out += "\n</script>\n<script>\n";
  out += detail::assets::report_js;
  out += "\n</script>\n</body>\n</html>\n";
  return out;
}

}  // namespace staffeval
