// JSON and CSV of the sensitivity analyses.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "output/format.h"
#include "staffeval/output.h"

namespace staffeval {

namespace {
using detail::CsvText;
using detail::Json;
Json number(double v) { return detail::json_number(v); }

std::string grade_of(const MonteCarloResult& r, int g) {
  return g >= 0 && static_cast<std::size_t>(g) < r.grade_names.size() ? r.grade_names[static_cast<std::size_t>(g)] : std::string();
}
}  // namespace

std::string to_json(const MonteCarloResult& r, int indent) {
  Json j;
  j["analysis"] = "monte_carlo";
  j["samples"] = r.samples;
  j["scored_by"] = r.linear ? "matrix product of leaf shares and points" : "re-evaluation of the plan";
  if (!r.linear) j["not_linear"] = r.not_linear;
  j["mean_abs_rank_shift"] = number(r.mean_abs_rank_shift);
  j["robust_share"] = number(r.robust_share);
  j["robust_threshold"] = r.robust_threshold;
  Json fragile = Json::array();
  for (std::size_t i : r.fragile) fragile.push_back(r.unit_ids[i]);
  j["fragile"] = fragile;
  j["top_k"] = r.top_k;
  j["grades"] = r.grade_names;
  j["warnings"] = r.warnings;
  if (!r.choices.empty()) {
    Json choices = Json::array();
    for (const auto& c : r.choices) {
      Json alts = Json::array();
      for (std::size_t a = 0; a < c.alternatives.size(); ++a)
        alts.push_back({{"alternative", c.alternatives[a]},
                        {"samples", c.samples[a]},
                        {"mean_abs_rank_shift", number(c.mean_abs_rank_shift[a])},
                        {"grade_change_share", number(c.grade_change_share[a])}});
      choices.push_back({{"choice", c.choice}, {"alternatives", alts}});
    }
    j["choices"] = choices;
  }
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json u;
    u["id"] = r.unit_ids[i];
    u["name"] = i < r.unit_names.size() ? r.unit_names[i] : std::string();
    u["score"] = number(r.nominal_score[I]);
    u["rank"] = r.nominal_rank[i];
    u["grade"] = r.nominal_grade[i] >= 0 ? Json(grade_of(r, r.nominal_grade[i])) : Json(nullptr);
    u["score_mean"] = number(r.score_mean[I]);
    u["score_median"] = number(r.score_median[I]);
    u["score_p5"] = number(r.score_p5[I]);
    u["score_p95"] = number(r.score_p95[I]);
    u["rank_mean"] = number(r.rank_mean[I]);
    u["rank_median"] = number(r.rank_median[I]);
    u["rank_p5"] = number(r.rank_p5[I]);
    u["rank_p95"] = number(r.rank_p95[I]);
    u["top_k"] = number(r.top_k_probability[I]);
    u["grade_stability"] = number(r.grade_stability[I]);
    Json gp = Json::object();
    for (Eigen::Index g = 0; g < r.grade_probability.cols(); ++g)
      gp[r.grade_names[static_cast<std::size_t>(g)]] = number(r.grade_probability(I, g));
    u["grade_probability"] = gp;
    Json ra = Json::array();
    for (Eigen::Index k = 0; k < r.rank_acceptability.cols(); ++k) ra.push_back(number(r.rank_acceptability(I, k)));
    u["rank_acceptability"] = ra;
    units.push_back(std::move(u));
  }
  j["units"] = units;
  Json central = Json::array();
  for (std::size_t k = 0; k < r.first_units.size(); ++k) {
    const std::size_t i = r.first_units[k];
    Json c;
    c["id"] = r.unit_ids[i];
    c["p_first"] = r.rank_acceptability.cols() > 0 ? number(r.rank_acceptability(static_cast<Eigen::Index>(i), 0)) : Json(nullptr);
    Json w = Json::object();
    for (std::size_t e = 0; e < r.edge_labels.size(); ++e)
      w[r.edge_labels[e]] = number(r.central_weights(static_cast<Eigen::Index>(k), static_cast<Eigen::Index>(e)));
    c["weights"] = w;
    central.push_back(std::move(c));
  }
  j["central_weights"] = central;
  return j.dump(indent) + "\n";
}

std::string to_csv(const MonteCarloResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("id").field("name").field("score").field("rank").field("grade");
  for (const char* f : {"score_mean", "score_median", "score_p5", "score_p95", "rank_mean", "rank_median", "rank_p5",
                        "rank_p95"})
    out.field(f);
  out.field(fmt::format("p_top{}", r.top_k)).field("grade_stability");
  for (const auto& g : r.grade_names) out.field("p_" + g);
  for (Eigen::Index k = 0; k < r.rank_acceptability.cols(); ++k) out.field(fmt::format("p_rank{}", k + 1));
  out.end_row();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    out.field(r.unit_ids[i]).field(i < r.unit_names.size() ? r.unit_names[i] : std::string()).number(r.nominal_score[I]);
    if (r.nominal_rank[i] > 0) out.integer(r.nominal_rank[i]);
    else out.empty();
    out.field(grade_of(r, r.nominal_grade[i]));
    for (const Eigen::VectorXd* v : {&r.score_mean, &r.score_median, &r.score_p5, &r.score_p95, &r.rank_mean, &r.rank_median,
                                     &r.rank_p5, &r.rank_p95, &r.top_k_probability, &r.grade_stability})
      out.number((*v)[I]);
    for (Eigen::Index g = 0; g < r.grade_probability.cols(); ++g) out.number(r.grade_probability(I, g));
    for (Eigen::Index k = 0; k < r.rank_acceptability.cols(); ++k) out.number(r.rank_acceptability(I, k));
    out.end_row();
  }
  return out.take();
}

std::string samples_csv(const MonteCarloResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("sample");
  for (const auto& l : r.edge_labels) out.field(l);
  out.end_row();
  for (Eigen::Index s = 0; s < r.edge_samples.rows(); ++s) {
    out.integer(s + 1);
    for (Eigen::Index e = 0; e < r.edge_samples.cols(); ++e) out.number(r.edge_samples(s, e));
    out.end_row();
  }
  return out.take();
}

std::string to_json(const OatResult& r, int indent) {
  Json j;
  j["analysis"] = "one_at_a_time";
  j["changes"] = r.changes;
  Json weights = Json::array();
  const std::size_t C = r.changes.size();
  for (std::size_t e = 0; e < r.edge_labels.size(); ++e) {
    const auto E = static_cast<Eigen::Index>(e);
    Json shift = Json::array(), changed = Json::array();
    for (std::size_t s = 0; s < C; ++s) {
      shift.push_back(number(r.mean_abs_rank_shift(E, static_cast<Eigen::Index>(s))));
      changed.push_back(r.grade_changes(E, static_cast<Eigen::Index>(s)));
    }
    Json units = Json::array();
    for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
      double lo = std::numeric_limits<double>::infinity(), hi = -lo;
      for (std::size_t s = 0; s < C; ++s) {
        const double v = r.score(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r.column(e, s)));
        if (std::isnan(v)) continue;
        lo = std::min(lo, v);
        hi = std::max(hi, v);
      }
      units.push_back({{"id", r.unit_ids[i]}, {"score_low", number(lo)}, {"score_high", number(hi)}});
    }
    weights.push_back({{"weight", r.edge_labels[e]}, {"mean_abs_rank_shift", shift}, {"grade_changes", changed}, {"units", units}});
  }
  j["weights"] = weights;
  Json deciding = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    if (r.deciding_edge[i] < 0) continue;
    deciding.push_back({{"id", r.unit_ids[i]},
                        {"weight", r.edge_labels[static_cast<std::size_t>(r.deciding_edge[i])]},
                        {"change", r.deciding_change[i]}});
  }
  j["deciding_weights"] = deciding;
  return j.dump(indent) + "\n";
}

std::string to_csv(const OatResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("weight").field("change").field("mean_abs_rank_shift").field("grade_changes");
  out.end_row();
  for (std::size_t e = 0; e < r.edge_labels.size(); ++e)
    for (std::size_t s = 0; s < r.changes.size(); ++s) {
      const int changed = r.grade_changes(static_cast<Eigen::Index>(e), static_cast<Eigen::Index>(s));
      out.field(r.edge_labels[e]).number(r.changes[s]);
      out.number(r.mean_abs_rank_shift(static_cast<Eigen::Index>(e), static_cast<Eigen::Index>(s)));
      if (changed >= 0) out.integer(changed);
      else out.empty();
      out.end_row();
    }
  return out.take();
}

std::string to_json(const RemovalResult& r, int indent) {
  Json j;
  j["analysis"] = "removal";
  j["units"] = r.unit_ids.size();
  Json removed = Json::array();
  for (std::size_t k = 0; k < r.removed.size(); ++k) {
    const auto K = static_cast<Eigen::Index>(k);
    Json changes = Json::array();
    for (std::size_t i : r.grade_changes[k]) {
      const int to = r.grade(static_cast<Eigen::Index>(i), K);
      changes.push_back({{"id", r.unit_ids[i]},
                         {"from", r.nominal_grade[i] >= 0 ? Json(r.grade_names[static_cast<std::size_t>(r.nominal_grade[i])]) : Json(nullptr)},
                         {"to", to >= 0 ? Json(r.grade_names[static_cast<std::size_t>(to)]) : Json(nullptr)}});
    }
    removed.push_back({{"node", r.removed[k]},
                       {"name", r.removed_names[k]},
                       {"mean_abs_rank_shift", number(r.mean_abs_rank_shift[K])},
                       {"max_abs_rank_shift", number(r.max_abs_rank_shift[K])},
                       {"grade_changes", changes}});
  }
  j["removed"] = removed;
  return j.dump(indent) + "\n";
}

std::string to_json(const FlattenResult& r, int indent) {
  Json j;
  j["analysis"] = "flatten";
  j["model"] = r.model.id;
  j["exact"] = r.exact;
  j["notes"] = r.notes;
  Json indicators = Json::array();
  for (std::size_t k = 0; k < r.indicators.size(); ++k)
    indicators.push_back({{"id", r.indicators[k]},
                          {"name", r.model.nodes[k].name},
                          {"effective_weight", number(r.weights[static_cast<Eigen::Index>(k)])},
                          {"weight", number(r.model.nodes[k].parents.front().weight)}});
  j["indicators"] = indicators;
  return j.dump(indent) + "\n";
}

std::string to_csv(const FlattenResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("indicator").field("name").field("effective_weight").field("weight");
  out.end_row();
  for (std::size_t k = 0; k < r.indicators.size(); ++k) {
    out.field(r.indicators[k]).field(r.model.nodes[k].name).number(r.weights[static_cast<Eigen::Index>(k)]);
    out.number(r.model.nodes[k].parents.front().weight);
    out.end_row();
  }
  return out.take();
}

std::string to_json(const Comparison& c, int indent) {
  Json j;
  j["analysis"] = "compare";
  j["a"] = c.label_a;
  j["b"] = c.label_b;
  j["units"] = c.unit_ids.size();
  j["only_a"] = c.only_a;
  j["only_b"] = c.only_b;
  auto with = [&](double v, const Interval& i) {
    Json x{{"value", number(v)}};
    x["low"] = number(i.low);
    x["high"] = number(i.high);
    return x;
  };
  j["spearman"] = with(c.spearman, c.spearman_interval);
  j["kendall_tau_a"] = number(c.kendall_tau_a);
  j["kendall_tau_b"] = with(c.kendall_tau_b, c.tau_b_interval);
  j["gamma"] = number(c.gamma);
  j["weighted_rank_correlation"] = number(c.weighted_rank);
  j["ws"] = number(c.ws);
  j["top_k"] = {{"k", c.top_k}, {"common", c.top_k_common}, {"overlap", number(c.top_k_overlap)}};
  j["mean_abs_rank_shift"] = number(c.mean_abs_rank_shift);
  j["max_abs_rank_shift"] = number(c.max_abs_rank_shift);
  if (!c.grade_names.empty()) {
    Json g;
    g["grades"] = c.grade_names;
    Json table = Json::array();
    for (Eigen::Index i = 0; i < c.grade_table.rows(); ++i) {
      Json row = Json::array();
      for (Eigen::Index k = 0; k < c.grade_table.cols(); ++k) row.push_back(c.grade_table(i, k));
      table.push_back(row);
    }
    g["table"] = table;
    g["agreement"] = number(c.grade_agreement);
    g["kappa"] = with(c.kappa, c.kappa_interval);
    g["kappa_linear"] = with(c.kappa_linear, c.kappa_linear_interval);
    Json changes = Json::array();
    for (std::size_t i : c.grade_changes)
      changes.push_back({{"id", c.unit_ids[i]},
                         {"rank_a", number(c.rank_a[i])},
                         {"grade_a", c.grade_a[i]},
                         {"rank_b", number(c.rank_b[i])},
                         {"grade_b", c.grade_b[i]}});
    g["changes"] = changes;
    j["grades"] = g;
  }
  if (!c.correspondence_from.empty()) {
    Json m = Json::array();
    for (const auto& x : c.correspondence) m.push_back({{"a", x.a}, {"b", x.b}, {"shared_fields", x.shared_fields}});
    j["correspondence"] = {{"from", c.correspondence_from}, {"pairs", m}, {"only_a", c.unmatched_a}, {"only_b", c.unmatched_b}};
  }
  if (c.has_burden) {
    auto b = [&](const Burden& x) {
      return Json{{"indicators", x.indicators}, {"fields", x.fields}, {"minutes_per_unit", number(x.minutes_per_unit)},
                  {"uncosted", x.uncosted}};
    };
    j["burden"] = {{"a", b(c.burden_a)}, {"b", b(c.burden_b)},
                   {"minutes_saved_per_unit", number(c.burden_a.minutes_per_unit - c.burden_b.minutes_per_unit)}};
  }
  return j.dump(indent) + "\n";
}

std::string to_csv(const Comparison& c, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("id").field("rank_a").field("rank_b").field("shift").field("grade_a").field("grade_b").field("grade_changed");
  out.end_row();
  for (std::size_t i = 0; i < c.unit_ids.size(); ++i) {
    out.field(c.unit_ids[i]).number(c.rank_a[i]).number(c.rank_b[i]).number(c.rank_b[i] - c.rank_a[i]);
    const bool graded = !c.grade_a.empty();
    out.field(graded ? c.grade_a[i] : std::string()).field(graded ? c.grade_b[i] : std::string());
    out.integer(graded && c.grade_a[i] != c.grade_b[i] ? 1 : 0);
    out.end_row();
  }
  return out.take();
}

std::string to_json(const RedundancyResult& r, int indent) {
  Json j;
  j["analysis"] = "redundancy";
  j["threshold"] = r.threshold;
  Json inds = Json::array();
  for (std::size_t k = 0; k < r.indicators.size(); ++k) {
    const auto K = static_cast<Eigen::Index>(k);
    Json x{{"id", r.indicators[k]}, {"name", r.names[k]}, {"sd", number(r.sd[K])}, {"full_share", number(r.full_share[K])},
           {"weak", std::find(r.weak.begin(), r.weak.end(), k) != r.weak.end()}};
    if (r.has_removal) {
      x["mean_abs_rank_shift_if_removed"] = number(r.removal.mean_abs_rank_shift[K]);
      x["grades_changed_if_removed"] = r.removal.grade_changes[k].size();
    }
    inds.push_back(x);
  }
  j["indicators"] = inds;
  auto matrix = [&](const Eigen::MatrixXd& m) {
    Json rows = Json::array();
    for (Eigen::Index a = 0; a < m.rows(); ++a) {
      Json row = Json::array();
      for (Eigen::Index b = 0; b < m.cols(); ++b) row.push_back(number(m(a, b)));
      rows.push_back(row);
    }
    return rows;
  };
  j["pearson"] = matrix(r.pearson);
  j["spearman"] = matrix(r.spearman);
  Json flagged = Json::array();
  for (const auto& p : r.flagged)
    flagged.push_back({{"a", r.indicators[p.a]}, {"b", r.indicators[p.b]}, {"pearson", number(p.pearson)}, {"spearman", number(p.spearman)}});
  j["flagged"] = flagged;
  Json alphas = Json::array();
  for (const auto& g : r.alphas) {
    Json dropped = Json::array();
    for (double a : g.alpha_if_dropped) dropped.push_back(number(a));
    alphas.push_back({{"group", g.group.empty() ? std::string("top") : g.group}, {"items", g.items}, {"units", g.units},
                      {"alpha", number(g.alpha)}, {"alpha_if_dropped", dropped}});
  }
  j["alphas"] = alphas;
  Json ex = Json::array();
  for (Eigen::Index k = 0; k < r.explained.size(); ++k) ex.push_back(number(r.explained[k]));
  j["explained"] = ex;
  return j.dump(indent) + "\n";
}

std::string to_csv(const RedundancyResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("method").field("indicator");
  for (const auto& id : r.indicators) out.field(id);
  out.end_row();
  for (const auto& [name, m] : {std::pair<const char*, const Eigen::MatrixXd*>{"pearson", &r.pearson}, {"spearman", &r.spearman}})
    for (Eigen::Index a = 0; a < m->rows(); ++a) {
      out.field(name).field(r.indicators[static_cast<std::size_t>(a)]);
      for (Eigen::Index b = 0; b < m->cols(); ++b) out.number((*m)(a, b));
      out.end_row();
    }
  return out.take();
}

std::string to_json(const ReduceResult& r, int indent) {
  auto set = [&](const ReducedSet& s) {
    Json j{{"indicators", s.indicators}, {"tau_b", number(s.tau_b)}, {"grade_agreement", number(s.grade_agreement)},
           {"fields", s.fields}, {"minutes_per_unit", number(s.minutes_per_unit)}};
    if (!s.rejected.empty()) j["rejected"] = s.rejected;
    return j;
  };
  Json j;
  j["analysis"] = "reduce";
  j["search"] = r.search;
  j["weights"] = to_string(r.weights);
  j["rejected"] = r.rejected;
  if (r.rejected) j["first_rejection"] = r.first_rejection;
  j["notes"] = r.notes;
  j["min_tau_b"] = r.min_tau_b;
  j["min_grade_agreement"] = r.min_grade_agreement;
  j["found"] = r.found;
  j["reference"] = set(r.reference);
  if (r.found) j["chosen"] = set(r.chosen);
  Json t = Json::array();
  for (std::size_t k = 0; k < r.trajectory.size(); ++k) {
    Json step = set(r.trajectory[k]);
    step["removed"] = r.removed[k];
    t.push_back(step);
  }
  j["trajectory"] = t;
  j["evaluated"] = r.evaluated;
  Json folds = Json::array();
  for (std::size_t f = 0; f < r.fold_tau_b.size(); ++f)
    folds.push_back({{"tau_b", number(r.fold_tau_b[f])}, {"grade_agreement", number(r.fold_grade_agreement[f])}});
  j["cross_validation"] = {{"folds", folds}, {"tau_b", number(r.cv_tau_b)}, {"grade_agreement", number(r.cv_grade_agreement)}};
  if (r.has_holdout)
    j["holdout"] = {{"file", r.holdout_file}, {"tau_b", number(r.holdout_tau_b)}, {"grade_agreement", number(r.holdout_grade_agreement)}};
  return j.dump(indent) + "\n";
}

std::string to_csv(const ReduceResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("removed").field("indicators").field("tau_b").field("grade_agreement").field("fields").field("minutes_per_unit");
  out.end_row();
  auto row = [&](const std::string& removed, const ReducedSet& s) {
    out.field(removed).integer(static_cast<long long>(s.indicators.size())).number(s.tau_b).number(s.grade_agreement);
    out.integer(static_cast<long long>(s.fields)).number(s.minutes_per_unit);
    out.end_row();
  };
  row("", r.reference);
  for (std::size_t k = 0; k < r.trajectory.size(); ++k) row(r.removed[k], r.trajectory[k]);
  return out.take();
}

std::string to_csv(const RemovalResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("node").field("name").field("mean_abs_rank_shift").field("max_abs_rank_shift").field("grade_changes");
  out.end_row();
  for (std::size_t k = 0; k < r.removed.size(); ++k) {
    const auto K = static_cast<Eigen::Index>(k);
    out.field(r.removed[k]).field(r.removed_names[k]).number(r.mean_abs_rank_shift[K]).number(r.max_abs_rank_shift[K]);
    out.integer(static_cast<long long>(r.grade_changes[k].size()));
    out.end_row();
  }
  return out.take();
}

namespace {
std::string grade_name(const std::vector<std::string>& names, int g) {
  return g >= 0 && static_cast<std::size_t>(g) < names.size() ? names[static_cast<std::size_t>(g)] : std::string();
}
}  // namespace

std::string to_json(const CriticalResult& r, int indent) {
  Json j;
  j["analysis"] = "critical";
  j["exact"] = r.exact;
  if (!r.exact) j["not_linear"] = r.not_linear;
  j["rescale"] = std::string(to_string(r.rescale));
  j["top_k"] = r.top_k;
  j["grades"] = r.grade_names;
  Json weights = Json::array();
  for (std::size_t e = 0; e < r.edge_labels.size(); ++e) {
    Json w;
    w["weight"] = r.edge_labels[e];
    w["range"] = Json::array({number(r.range_low[e]), number(r.range_high[e])});
    w["top_k_down"] = number(r.top_k_change[e].down);
    w["top_k_up"] = number(r.top_k_change[e].up);
    weights.push_back(std::move(w));
  }
  j["weights"] = weights;
  Json units = Json::array();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    Json u;
    u["id"] = r.unit_ids[i];
    u["name"] = i < r.unit_names.size() ? r.unit_names[i] : std::string();
    u["score"] = number(r.nominal_score[I]);
    u["grade"] = r.nominal_grade[i] >= 0 ? Json(grade_name(r.grade_names, r.nominal_grade[i])) : Json(nullptr);
    if (r.deciding_edge[i] >= 0) {
      const auto e = static_cast<Eigen::Index>(r.deciding_edge[i]);
      const double c = r.deciding_change[i];
      u["deciding_weight"] = r.edge_labels[static_cast<std::size_t>(e)];
      u["deciding_change"] = number(c);
      u["grade_then"] = grade_name(r.grade_names, c < 0 ? r.grade_to_down(I, e) : r.grade_to_up(I, e));
    } else {
      u["deciding_weight"] = nullptr;
      u["deciding_change"] = nullptr;
      u["grade_then"] = nullptr;
    }
    Json changes = Json::array();
    for (std::size_t e = 0; e < r.edge_labels.size(); ++e) {
      const auto Ec = static_cast<Eigen::Index>(e);
      if (std::isnan(r.grade_down(I, Ec)) && std::isnan(r.grade_up(I, Ec))) continue;
      Json c;
      c["weight"] = r.edge_labels[e];
      c["down"] = number(r.grade_down(I, Ec));
      c["grade_down"] = r.grade_to_down(I, Ec) >= 0 ? Json(grade_name(r.grade_names, r.grade_to_down(I, Ec))) : Json(nullptr);
      c["up"] = number(r.grade_up(I, Ec));
      c["grade_up"] = r.grade_to_up(I, Ec) >= 0 ? Json(grade_name(r.grade_names, r.grade_to_up(I, Ec))) : Json(nullptr);
      changes.push_back(std::move(c));
    }
    u["grade_changes"] = changes;
    units.push_back(std::move(u));
  }
  j["units"] = units;
  Json pairs = Json::array();
  for (std::size_t p = 0; p < r.pairs.size(); ++p) {
    Json q;
    q["units"] = Json::array({r.unit_ids[r.pairs[p].first], r.unit_ids[r.pairs[p].second]});
    Json swaps = Json::array();
    for (std::size_t e = 0; e < r.edge_labels.size(); ++e) {
      Json s;
      s["weight"] = r.edge_labels[e];
      s["down"] = number(r.pair_swap[p][e].down);
      s["up"] = number(r.pair_swap[p][e].up);
      swaps.push_back(std::move(s));
    }
    q["swaps"] = swaps;
    pairs.push_back(std::move(q));
  }
  j["pairs"] = pairs;
  return j.dump(indent) + "\n";
}

std::string to_csv(const CriticalResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  out.field("id").field("name").field("weight").field("down").field("grade_down").field("up").field("grade_up");
  out.end_row();
  for (std::size_t i = 0; i < r.unit_ids.size(); ++i)
    for (std::size_t e = 0; e < r.edge_labels.size(); ++e) {
      const auto I = static_cast<Eigen::Index>(i), Ec = static_cast<Eigen::Index>(e);
      out.field(r.unit_ids[i]).field(i < r.unit_names.size() ? r.unit_names[i] : std::string()).field(r.edge_labels[e]);
      out.number(r.grade_down(I, Ec)).field(grade_name(r.grade_names, r.grade_to_down(I, Ec)));
      out.number(r.grade_up(I, Ec)).field(grade_name(r.grade_names, r.grade_to_up(I, Ec)));
      out.end_row();
    }
  return out.take();
}

namespace {
Json sobol_json(const SobolIndices& s, const std::vector<std::string>& inputs) {
  Json j;
  j["constant"] = s.constant;
  j["mean"] = number(s.mean);
  j["variance"] = number(s.variance);
  Json per = Json::array();
  for (std::size_t k = 0; k < inputs.size(); ++k) {
    const auto K = static_cast<Eigen::Index>(k);
    auto at = [&](const Eigen::VectorXd& v) { return K < v.size() ? number(v[K]) : Json(nullptr); };
    Json x;
    x["input"] = inputs[k];
    x["first"] = at(s.first);
    x["first_low"] = at(s.first_low);
    x["first_high"] = at(s.first_high);
    x["first_jansen"] = at(s.first_jansen);
    x["total"] = at(s.total);
    x["total_low"] = at(s.total_low);
    x["total_high"] = at(s.total_high);
    per.push_back(std::move(x));
  }
  j["indices"] = per;
  return j;
}
}  // namespace

std::string to_json(const SobolAnalysisResult& r, int indent) {
  Json j;
  j["analysis"] = "sobol";
  j["inputs"] = r.inputs;
  j["base"] = r.base;
  j["runs"] = r.runs;
  j["scored_by"] = r.linear ? "matrix product of leaf shares and points" : "re-evaluation of the plan";
  if (!r.linear) j["not_linear"] = r.not_linear;
  j["rank_shift"] = sobol_json(r.rank_shift, r.inputs);
  Json units = Json::array();
  for (std::size_t c = 0; c < r.units.size(); ++c) {
    const std::size_t i = r.units[c];
    Json u;
    u["id"] = r.unit_ids[i];
    u["name"] = i < r.unit_names.size() ? r.unit_names[i] : std::string();
    u["nominal_score"] = number(r.nominal_score[static_cast<Eigen::Index>(i)]);
    u["nominal_rank"] = r.nominal_rank[i];
    u["score"] = sobol_json(r.score[c], r.inputs);
    u["rank"] = sobol_json(r.rank[c], r.inputs);
    units.push_back(std::move(u));
  }
  j["units"] = units;
  return j.dump(indent) + "\n";
}

std::string to_csv(const SobolAnalysisResult& r, const CsvOptions& o) {
  CsvText out(o.excel_bom);
  for (const char* h : {"id", "name", "input", "score_first", "score_first_jansen", "score_total", "rank_first",
                        "rank_first_jansen", "rank_total"})
    out.field(h);
  out.end_row();
  for (std::size_t c = 0; c < r.units.size(); ++c) {
    const std::size_t i = r.units[c];
    for (std::size_t k = 0; k < r.inputs.size(); ++k) {
      const auto K = static_cast<Eigen::Index>(k);
      out.field(r.unit_ids[i]).field(i < r.unit_names.size() ? r.unit_names[i] : std::string()).field(r.inputs[k]);
      for (const SobolIndices* s : {&r.score[c], &r.rank[c]}) {
        out.number(K < s->first.size() ? s->first[K] : std::numeric_limits<double>::quiet_NaN());
        out.number(K < s->first_jansen.size() ? s->first_jansen[K] : std::numeric_limits<double>::quiet_NaN());
        out.number(K < s->total.size() ? s->total[K] : std::numeric_limits<double>::quiet_NaN());
      }
      out.end_row();
    }
  }
  return out.take();
}

}  // namespace staffeval
