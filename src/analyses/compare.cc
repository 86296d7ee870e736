// Two evaluations of the same units compared (indicator_sets.h): rank correlations, shifts and
// grade agreement, with bootstrap intervals over the units.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <unordered_map>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common/language.h"
#include "common/random.h"
#include "analyses/rank_stats.h"
#include "common/text_table.h"
#include "staffeval/indicator_sets.h"

namespace staffeval {

namespace {

using detail::average_ranks;
using detail::concordance;
using detail::Concordance;
using detail::pearson;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Cohen's kappa of a square table, unweighted or with linear weights 1 - |i - j| / (G - 1).
double kappa_of(const Eigen::MatrixXi& t, bool linear) {
  const Eigen::Index G = t.rows();
  const double n = t.sum();
  if (n <= 0 || G < 1) return kNaN;
  Eigen::VectorXd row = t.cast<double>().rowwise().sum(), col = t.cast<double>().colwise().sum().transpose();
  double po = 0, pe = 0;
  for (Eigen::Index i = 0; i < G; ++i)
    for (Eigen::Index j = 0; j < G; ++j) {
      const double w = linear ? (G > 1 ? 1.0 - static_cast<double>(std::abs(i - j)) / static_cast<double>(G - 1) : 1.0)
                              : (i == j ? 1.0 : 0.0);
      po += w * t(i, j) / n;
      pe += w * row[i] * col[j] / (n * n);
    }
  return pe < 1 ? (po - pe) / (1 - pe) : kNaN;
}

// Linear interpolation between order statistics of the finite values.
double percentile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return !std::isfinite(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  return v[lo] + (h - std::floor(h)) * (v[std::min(lo + 1, v.size() - 1)] - v[lo]);
}

// Rank statistics of the units `rows` (indices into the compared units' keys).
struct Stats {
  double spearman, tau_b, kappa, kappa_linear;
};

}  // namespace

Ranking ranking_of(const ScoringResult& result, const std::string& label) {
  Ranking r;
  r.label = label;
  r.unit_ids = result.unit_ids;
  r.value.assign(result.total.data(), result.total.data() + result.total.size());
  for (const auto& g : result.plan.model().grades) r.grade_names.push_back(g.name);
  for (int g : result.grade) r.grade.push_back(g >= 0 ? r.grade_names[static_cast<std::size_t>(g)] : std::string());
  return r;
}

Comparison compare(const Ranking& a, const Ranking& b, const CompareOptions& o) {
  if (o.top_k < 1) throw OptionsError("CompareOptions::top_k", fmt::format("{}", o.top_k), "must be >= 1");
  if (o.bootstrap < 0) throw OptionsError("CompareOptions::bootstrap", fmt::format("{}", o.bootstrap), "must be >= 0");
  if (!(o.confidence > 0 && o.confidence < 1))
    throw OptionsError("CompareOptions::confidence", fmt::format("{}", o.confidence), "must be in (0, 1)");
  auto check = [](const Ranking& r) {
    if (r.value.size() != r.unit_ids.size() || (!r.grade.empty() && r.grade.size() != r.unit_ids.size()))
      throw DataError(fmt::format("{}: {} units, {} values, {} grades: one of each per unit", r.label, r.unit_ids.size(),
                                  r.value.size(), r.grade.size()));
    std::unordered_map<std::string, std::size_t> at;
    for (std::size_t i = 0; i < r.unit_ids.size(); ++i) {
      if (!at.emplace(r.unit_ids[i], i).second)
        throw DataError(fmt::format("{}: unit \"{}\" appears twice (rows {} and {} of the units)", r.label, r.unit_ids[i],
                                    at[r.unit_ids[i]] + 1, i + 1));
      if (std::isinf(r.value[i]))
        throw DataError(fmt::format("{}: unit \"{}\" has the value {}: not a score or rank", r.label, r.unit_ids[i], r.value[i]));
    }
    return at;
  };
  const auto in_a = check(a), in_b = check(b);
  Comparison c;
  c.label_a = a.label;
  c.label_b = b.label;
  std::vector<std::size_t> ra, rb;  // rows in a and b of the compared units
  for (std::size_t i = 0; i < a.unit_ids.size(); ++i) {
    const auto it = in_b.find(a.unit_ids[i]);
    const bool scored_a = !std::isnan(a.value[i]);
    if (it == in_b.end() || std::isnan(b.value[it->second])) {
      if (scored_a) c.only_a.push_back(a.unit_ids[i]);
      continue;
    }
    if (!scored_a) {
      c.only_b.push_back(a.unit_ids[i]);
      continue;
    }
    c.unit_ids.push_back(a.unit_ids[i]);
    ra.push_back(i);
    rb.push_back(it->second);
  }
  for (std::size_t j = 0; j < b.unit_ids.size(); ++j)
    if (!std::isnan(b.value[j]) && !in_a.count(b.unit_ids[j])) c.only_b.push_back(b.unit_ids[j]);
  const std::size_t n = c.unit_ids.size();
  if (n < 3)
    throw DataError(fmt::format("{} and {} score {} unit(s) in common: at least 3 are needed to compare rankings", a.label,
                                b.label, n));
  c.rank_a = average_ranks(a.value, ra, a.higher_is_better);
  c.rank_b = average_ranks(b.value, rb, b.higher_is_better);
  // Grades, when both give them: a's grade names, then any only b has.
  const bool graded = !a.grade.empty() && !b.grade.empty();
  std::vector<int> ga(n, -1), gb(n, -1);
  if (graded) {
    c.grade_names = a.grade_names;
    auto index_of = [&](const std::string& g) {
      if (g.empty()) return -1;
      auto it = std::find(c.grade_names.begin(), c.grade_names.end(), g);
      if (it == c.grade_names.end()) {
        c.grade_names.push_back(g);
        return static_cast<int>(c.grade_names.size() - 1);
      }
      return static_cast<int>(it - c.grade_names.begin());
    };
    for (const auto& g : b.grade_names) (void)index_of(g);
    for (std::size_t k = 0; k < n; ++k) {
      c.grade_a.push_back(a.grade[ra[k]]);
      c.grade_b.push_back(b.grade[rb[k]]);
      ga[k] = index_of(a.grade[ra[k]]);
      gb[k] = index_of(b.grade[rb[k]]);
    }
  }
  const auto G = static_cast<Eigen::Index>(c.grade_names.size());
  auto table_of = [&](const std::vector<std::size_t>& rows) {
    Eigen::MatrixXi t = Eigen::MatrixXi::Zero(G, G);
    for (std::size_t k : rows)
      if (ga[k] >= 0 && gb[k] >= 0) ++t(ga[k], gb[k]);
    return t;
  };
  // Everything that depends on which units are in: the full set, or a bootstrap resample.
  auto stats_of = [&](const std::vector<std::size_t>& rows) {
    std::vector<double> ka, kb;
    for (std::size_t k : rows) {
      ka.push_back(a.value[ra[k]]);
      kb.push_back(b.value[rb[k]]);
    }
    std::vector<std::size_t> all(rows.size());
    std::iota(all.begin(), all.end(), 0);
    const std::vector<double> xa = average_ranks(ka, all, a.higher_is_better), xb = average_ranks(kb, all, b.higher_is_better);
    Stats s{pearson(xa, xb), concordance(xa, xb).tau_b, kNaN, kNaN};
    if (graded) {
      const Eigen::MatrixXi t = table_of(rows);
      s.kappa = kappa_of(t, false);
      s.kappa_linear = kappa_of(t, true);
    }
    return s;
  };
  std::vector<std::size_t> all(n);
  std::iota(all.begin(), all.end(), 0);
  const Stats s = stats_of(all);
  c.spearman = s.spearman;
  const Concordance k = concordance(c.rank_a, c.rank_b);
  c.kendall_tau_a = k.tau_a;
  c.kendall_tau_b = k.tau_b;
  c.gamma = k.gamma;
  const auto N = static_cast<double>(n);
  double rw = 0, ws = 0, shift = 0, max_shift = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double x = c.rank_a[i], y = c.rank_b[i];
    rw += (x - y) * (x - y) * ((N - x + 1) + (N - y + 1));
    ws += std::pow(2.0, -x) * std::abs(x - y) / std::max(std::abs(x - 1), std::abs(x - N));
    shift += std::abs(x - y);
    max_shift = std::max(max_shift, std::abs(x - y));
  }
  c.weighted_rank = 1 - 6 * rw / (N * N * N * N + N * N * N - N * N - N);
  c.ws = 1 - ws;
  c.mean_abs_rank_shift = shift / N;
  c.max_abs_rank_shift = max_shift;
  // Top k by competition ranks (ties at the k-th place are all in).
  c.top_k = o.top_k;
  auto top = [&](const std::vector<double>& avg) {
    std::vector<double> sorted = avg;
    std::sort(sorted.begin(), sorted.end());
    std::vector<char> in(n, 0);
    std::size_t count = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto better = static_cast<std::size_t>(std::lower_bound(sorted.begin(), sorted.end(), avg[i]) - sorted.begin());
      in[i] = better < static_cast<std::size_t>(o.top_k);
      count += in[i];
    }
    return std::make_pair(in, count);
  };
  const auto [top_a, count_a] = top(c.rank_a);
  const auto [top_b, count_b] = top(c.rank_b);
  for (std::size_t i = 0; i < n; ++i) c.top_k_common += top_a[i] && top_b[i];
  c.top_k_overlap = static_cast<double>(c.top_k_common) / static_cast<double>(std::max(count_a, count_b));
  if (graded) {
    c.grade_table = table_of(all);
    std::size_t agree = 0, both = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (ga[i] < 0 || gb[i] < 0) continue;
      ++both;
      if (ga[i] == gb[i]) ++agree;
      else c.grade_changes.push_back(i);
    }
    c.grade_agreement = both ? static_cast<double>(agree) / static_cast<double>(both) : kNaN;
    c.kappa = s.kappa;
    c.kappa_linear = s.kappa_linear;
  }
  // Bootstrap over the units, resample r from the stream (seed, r).
  if (o.bootstrap > 0) {
    std::vector<double> sp, tb, ka, kl;
    std::vector<std::size_t> rows(n);
    for (int r = 0; r < o.bootstrap; ++r) {
      detail::Random rng(o.seed, static_cast<std::uint64_t>(r));
      for (auto& x : rows) x = static_cast<std::size_t>(rng.below(n));
      const Stats bs = stats_of(rows);
      sp.push_back(bs.spearman);
      tb.push_back(bs.tau_b);
      ka.push_back(bs.kappa);
      kl.push_back(bs.kappa_linear);
    }
    const double lo = (1 - o.confidence) / 2, hi = 1 - lo;
    c.spearman_interval = {percentile(sp, lo), percentile(sp, hi)};
    c.tau_b_interval = {percentile(tb, lo), percentile(tb, hi)};
    if (graded) {
      c.kappa_interval = {percentile(ka, lo), percentile(ka, hi)};
      c.kappa_linear_interval = {percentile(kl, lo), percentile(kl, hi)};
    }
  }
  return c;
}

Comparison compare(const ScoringResult& a, const std::string& label_a, const ScoringResult& b, const std::string& label_b,
                   const CompareOptions& o) {
  Comparison c = compare(ranking_of(a, label_a), ranking_of(b, label_b), o);
  c.language = a.language;
  c.has_burden = true;
  c.burden_a = burden(a.plan.model());
  c.burden_b = burden(b.plan.model());
  if (&a.plan.model() != &b.plan.model() && a.plan.model().id != b.plan.model().id) {
    // Inferred: each indicator of a with the indicators of b whose raw fields are most like its
    // own (Jaccard similarity of the two field sets, the best and at least 1/2; ties all kept).
    c.correspondence_from = "shared fields";
    std::vector<char> used_b(c.burden_b.indicator_ids.size(), 0);
    for (std::size_t i = 0; i < c.burden_a.indicator_ids.size(); ++i) {
      const auto& fa = c.burden_a.indicator_fields[i];
      std::vector<std::pair<double, Comparison::Match>> candidates;
      double best = 0;
      for (std::size_t j = 0; j < c.burden_b.indicator_ids.size(); ++j) {
        const auto& fb = c.burden_b.indicator_fields[j];
        Comparison::Match m{c.burden_a.indicator_ids[i], c.burden_b.indicator_ids[j], {}};
        for (const auto& f : fa)
          if (std::find(fb.begin(), fb.end(), f) != fb.end()) m.shared_fields.push_back(f);
        if (m.shared_fields.empty()) continue;
        const double jaccard = static_cast<double>(m.shared_fields.size()) /
                               static_cast<double>(fa.size() + fb.size() - m.shared_fields.size());
        best = std::max(best, jaccard);
        candidates.emplace_back(jaccard, std::move(m));
      }
      bool any = false;
      for (auto& [jaccard, m] : candidates)
        if (jaccard == best && best >= 0.5) {
          any = true;
          const auto j = static_cast<std::size_t>(
              std::find(c.burden_b.indicator_ids.begin(), c.burden_b.indicator_ids.end(), m.b) - c.burden_b.indicator_ids.begin());
          used_b[j] = 1;
          c.correspondence.push_back(std::move(m));
        }
      if (!any) c.unmatched_a.push_back(c.burden_a.indicator_ids[i]);
    }
    for (std::size_t j = 0; j < used_b.size(); ++j)
      if (!used_b[j]) c.unmatched_b.push_back(c.burden_b.indicator_ids[j]);
  }
  return c;
}

void set_correspondence(Comparison& c, const std::vector<std::pair<std::string, std::string>>& mapping,
                        const std::vector<std::string>& what, const std::string& source) {
  if (!c.has_burden)
    throw DataError(fmt::format("{}: a mapping of indicators needs two models compared, not result files", source));
  auto has = [](const Burden& b, const std::string& id) {
    return std::find(b.indicator_ids.begin(), b.indicator_ids.end(), id) != b.indicator_ids.end();
  };
  std::vector<Comparison::Match> out;
  for (std::size_t k = 0; k < mapping.size(); ++k) {
    const auto& [ia, ib] = mapping[k];
    const std::string at = k < what.size() ? what[k] : fmt::format("{}: pair {}", source, k + 1);
    if (!ia.empty() && !has(c.burden_a, ia))
      throw DataError(fmt::format("{}: \"{}\" is not an indicator of {}", at, ia, c.label_a));
    if (!ib.empty() && !has(c.burden_b, ib))
      throw DataError(fmt::format("{}: \"{}\" is not an indicator of {}", at, ib, c.label_b));
    if (ia.empty() && ib.empty()) throw DataError(fmt::format("{}: names no indicator", at));
    if (!ia.empty() && !ib.empty()) out.push_back({ia, ib, {}});
  }
  c.correspondence = std::move(out);
  c.correspondence_from = source;
  c.unmatched_a.clear();
  c.unmatched_b.clear();
  for (const auto& id : c.burden_a.indicator_ids)
    if (std::none_of(c.correspondence.begin(), c.correspondence.end(), [&](const auto& m) { return m.a == id; }))
      c.unmatched_a.push_back(id);
  for (const auto& id : c.burden_b.indicator_ids)
    if (std::none_of(c.correspondence.begin(), c.correspondence.end(), [&](const auto& m) { return m.b == id; }))
      c.unmatched_b.push_back(id);
}

namespace {
std::string num(double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.4f}", v); }
std::string range(const Interval& i) {
  return std::isnan(i.low) ? std::string() : fmt::format("[{:.4f}, {:.4f}]", i.low, i.high);
}
}  // namespace

std::string Comparison::brief_report() const {
  const Language l = language;
  std::string out = detail::trf(l, "{} against {} over {} units: Spearman {}, Kendall tau-b {}, top {} overlap {}/{}",
                                "{} 与 {} 比较（{} 个单位）：Spearman {}，Kendall tau-b {}，前 {} 名重合 {}/{}", label_b, label_a,
                                unit_ids.size(), num(spearman), num(kendall_tau_b), top_k, top_k_common, top_k);
  if (!grade_names.empty())
    out += detail::trf(l, ", grades agree for {:.1f}% (kappa {}), {} change", "，等级一致 {:.1f}%（kappa {}），{} 个改变",
                       100 * grade_agreement, num(kappa), grade_changes.size());
  if (has_burden && burden_a.minutes_per_unit > 0)
    out += detail::trf(l, "; collection {:g} of {:g} minutes per unit ({:.0f}% saved)", "；每单位填报 {:g} 分钟（原 {:g} 分钟，节省 {:.0f}%）",
                       burden_b.minutes_per_unit, burden_a.minutes_per_unit,
                       100 * (1 - burden_b.minutes_per_unit / burden_a.minutes_per_unit));
  return out;
}
std::string Comparison::full_report() const {
  const Language l = language;
  using detail::tr;
  using detail::trf;
  std::string out = brief_report() + "\n\n";
  std::vector<std::vector<std::string>> rows{
      {tr(l, "Spearman's rho", "Spearman 等级相关系数"), num(spearman), range(spearman_interval)},
      {"Kendall's tau-a", num(kendall_tau_a), ""},
      {"Kendall's tau-b", num(kendall_tau_b), range(tau_b_interval)},
      {tr(l, "Goodman-Kruskal gamma", "Goodman-Kruskal gamma 系数"), num(gamma), ""},
      {tr(l, "weighted rank correlation r_w", "加权等级相关 r_w"), num(weighted_rank), ""},
      {tr(l, "WS rank similarity", "WS 排名相似度"), num(ws), ""},
      {trf(l, "top {} overlap", "前 {} 名重合率", top_k), num(top_k_overlap), trf(l, "{} in both", "{} 个同在", top_k_common)},
      {tr(l, "mean |rank shift|", "平均排名变动"), fmt::format("{:.2f}", mean_abs_rank_shift),
       trf(l, "largest {:g}", "最大 {:g}", max_abs_rank_shift)}};
  if (!grade_names.empty()) {
    rows.push_back({tr(l, "grade agreement", "等级一致率"), num(grade_agreement),
                    l == Language::kZh ? fmt::format("{} 个单位中 {} 个改变", unit_ids.size(), grade_changes.size())
                                       : fmt::format("{} of {} change", grade_changes.size(), unit_ids.size())});
    rows.push_back({"Cohen's kappa", num(kappa), range(kappa_interval)});
    rows.push_back({tr(l, "Cohen's kappa (linear weights)", "Cohen's kappa（线性加权）"), num(kappa_linear), range(kappa_linear_interval)});
  }
  out += detail::text_table({tr(l, "measure", "指标"), tr(l, "value", "数值"), tr(l, "interval", "区间")}, rows, {false, true, false});
  if (has_burden) {
    const double units = static_cast<double>(unit_ids.size());
    auto line = [&](const std::string& label, const Burden& b) {
      return std::vector<std::string>{label, fmt::format("{}", b.indicators), fmt::format("{}", b.fields.size()),
                                      fmt::format("{:g}", b.minutes_per_unit), fmt::format("{:g}", b.minutes_per_unit * units)};
    };
    out += tr(l, "\ncollection burden (minutes from the fields' cost_minutes):\n", "\n填报负担（按字段的 cost_minutes 计，分钟）：\n");
    std::vector<std::vector<std::string>> b{line(label_a, burden_a), line(label_b, burden_b)};
    const double saved = burden_a.minutes_per_unit - burden_b.minutes_per_unit;
    b.push_back({tr(l, "saved", "节省"), fmt::format("{}", static_cast<long long>(burden_a.indicators) - static_cast<long long>(burden_b.indicators)),
                 fmt::format("{}", static_cast<long long>(burden_a.fields.size()) - static_cast<long long>(burden_b.fields.size())),
                 burden_a.minutes_per_unit > 0 ? fmt::format("{:g} ({:.0f}%)", saved, 100 * saved / burden_a.minutes_per_unit)
                                               : fmt::format("{:g}", saved),
                 fmt::format("{:g}", saved * units)});
    out += detail::text_table({"", tr(l, "indicators", "指标数"), tr(l, "fields", "字段数"), tr(l, "minutes per unit", "每单位分钟"),
                               trf(l, "for {} units", "{} 个单位合计", unit_ids.size())},
                              b, {false, true, true, true, true});
    for (const auto* x : {&burden_a, &burden_b})
      if (!x->uncosted.empty())
        out += trf(l, "note: {} field(s) of {} have no cost_minutes (counted as 0): {}\n",
                   "注意：{} 个字段（{}）未设 cost_minutes（按 0 计）：{}\n", x->uncosted.size(),
                   x == &burden_a ? label_a : label_b, fmt::join(x->uncosted, ", "));
  }
  if (!correspondence_from.empty()) {
    const std::string from = correspondence_from == "shared fields" ? tr(l, "shared fields", "共用字段") : correspondence_from;
    out += trf(l, "\nindicators of {} and their counterparts in {} (from {}):\n", "\n{} 的指标及其在 {} 中的对应指标（依据{}）：\n",
               label_a, label_b, from);
    std::vector<std::vector<std::string>> m;
    for (const auto& x : correspondence) m.push_back({x.a, x.b, fmt::format("{}", fmt::join(x.shared_fields, ", "))});
    out += detail::text_table({label_a, label_b, tr(l, "shared fields", "共用字段")}, m, {false, false, false});
    if (!unmatched_a.empty()) out += trf(l, "only in {}: {}\n", "仅 {} 有：{}\n", label_a, fmt::join(unmatched_a, ", "));
    if (!unmatched_b.empty()) out += trf(l, "only in {}: {}\n", "仅 {} 有：{}\n", label_b, fmt::join(unmatched_b, ", "));
  }
  if (!only_a.empty() || !only_b.empty())
    out += trf(l, "\nnot compared: {} unit(s) scored only by {}, {} only by {}\n", "\n未比较：{} 个单位仅 {} 评分，{} 个仅 {} 评分\n",
               only_a.size(), label_a, only_b.size(), label_b);
  if (!grade_names.empty()) {
    out += trf(l, "\ngrades: {} (rows) against {} (columns)\n", "\n等级对照：{}（行）与 {}（列）\n", label_a, label_b);
    std::vector<std::string> head{""};
    for (const auto& g : grade_names) head.push_back(g);
    std::vector<std::vector<std::string>> t;
    for (Eigen::Index i = 0; i < grade_table.rows(); ++i) {
      std::vector<std::string> row{grade_names[static_cast<std::size_t>(i)]};
      for (Eigen::Index j = 0; j < grade_table.cols(); ++j) row.push_back(fmt::format("{}", grade_table(i, j)));
      t.push_back(row);
    }
    std::vector<bool> right(head.size(), true);
    right[0] = false;
    out += detail::text_table(head, t, right);
    if (!grade_changes.empty()) {
      constexpr std::size_t kShown = 30;
      const bool cut = grade_changes.size() > kShown;
      out += cut ? trf(l, "\nunits whose grade changes (first {}):\n", "\n等级改变的单位（前 {} 个）：\n", kShown)
                 : tr(l, "\nunits whose grade changes:\n", "\n等级改变的单位：\n");
      std::vector<std::vector<std::string>> u;
      for (std::size_t q = 0; q < std::min(kShown, grade_changes.size()); ++q) {
        const std::size_t i = grade_changes[q];
        u.push_back({unit_ids[i], fmt::format("{:g}", rank_a[i]), grade_a[i], fmt::format("{:g}", rank_b[i]), grade_b[i]});
      }
      out += detail::text_table({tr(l, "id", "单位代码"), trf(l, "rank {}", "{} 排名", label_a), tr(l, "grade", "等级"),
                                 trf(l, "rank {}", "{} 排名", label_b), tr(l, "grade", "等级")},
                                u, {false, true, false, true, false});
    }
  }
  return out;
}

}  // namespace staffeval
