// Critical weight changes (sensitivity.h): the smallest change of each weight that changes a
// unit's grade, swaps two units or changes the top k.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "analyses/linear_form.h"
#include "analyses/progress.h"
#include "analyses/subject.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/sensitivity.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// The first change in (0, end] (or [end, 0) for end < 0) at which `event` holds, assuming it
// holds from there on to `end`: NaN when it does not hold at `end`. `guess` (NaN: none) narrows
// the bracket first; bisection then runs until the bracket is two neighbouring doubles (exact)
// or narrower than `tolerance` (bracketed).
double first_change(const std::function<bool(double)>& event, double end, double guess, double tolerance) {
  if (end == 0 || !event(end)) return kNaN;
  double a = 0, b = end;  // event(a) false (nominal), event(b) true
  if (std::isfinite(guess) && guess * end > 0 && std::fabs(guess) < std::fabs(end)) {
    const double tiny = std::max(std::fabs(guess) * 1e-12, 1e-300);
    const double toward = guess > 0 ? -tiny : tiny;
    if (event(guess)) {
      b = guess;
      if (!event(guess + toward)) a = guess + toward;
    } else {
      a = guess;
      if (event(guess - toward)) b = guess - toward;
    }
  }
  for (int k = 0; k < 2000; ++k) {
    const double mid = a + (b - a) / 2;
    if (mid == a || mid == b || std::fabs(b - a) <= tolerance) break;
    (event(mid) ? b : a) = mid;
  }
  return b;
}

// Competition ranks of finished totals (NaN: no rank), 1 = best.
void competition_ranks(const std::vector<double>& t, std::vector<int>& rank, std::vector<std::size_t>& order) {
  const std::size_t n = t.size();
  order.resize(n);
  std::iota(order.begin(), order.end(), 0);
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    if (std::isnan(t[a]) != std::isnan(t[b])) return std::isnan(t[b]);
    return t[a] > t[b];
  });
  rank.assign(n, 0);
  for (std::size_t k = 0; k < n; ++k) {
    const std::size_t i = order[k];
    if (std::isnan(t[i])) continue;
    rank[i] = k > 0 && t[order[k - 1]] == t[i] ? rank[order[k - 1]] : static_cast<int>(k + 1);
  }
}

}  // namespace

namespace {

void check(const CriticalOptions& o) {
  if (o.threads < 0) throw OptionsError("CriticalOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  if (o.top_k < 0) throw OptionsError("CriticalOptions::top_k", fmt::format("{}", o.top_k), "must be >= 0 (0 = none)");
  if (o.grid < 1) throw OptionsError("CriticalOptions::grid", fmt::format("{}", o.grid), "must be >= 1");
  if (!(o.tolerance > 0)) throw OptionsError("CriticalOptions::tolerance", fmt::format("{}", o.tolerance), "must be > 0");
}

// The analysis of a subject, with the linear form of its plan (ok: exact; else bisection).
CriticalResult critical_changes(const detail::Subject& subject, const detail::Linear& lin, const std::string& source,
                                const CriticalOptions& o) {
  const std::size_t threads = detail::thread_count(o.threads);
  const detail::Outcome& nominal = subject.nominal;
  const Eigen::VectorXd& w0 = subject.weights;
  const std::size_t n = subject.size(), E = static_cast<std::size_t>(w0.size());

  CriticalResult r;
  r.unit_ids = subject.unit_ids;
  r.unit_names = subject.unit_names;
  r.grade_names = subject.grade_names;
  r.edge_labels = subject.edge_labels;
  r.rescale = o.rescale;
  r.top_k = o.top_k;
  r.nominal_score = nominal.total;
  r.nominal_rank = nominal.rank;
  r.nominal_grade = nominal.grade;
  for (const auto& [a, b] : o.pairs) {
    auto row = [&](const std::string& id) {
      const auto it = std::find(r.unit_ids.begin(), r.unit_ids.end(), id);
      if (it == r.unit_ids.end()) throw OptionsError("CriticalOptions::pairs", id, fmt::format("is not a unit of {}", source));
      return static_cast<std::size_t>(it - r.unit_ids.begin());
    };
    const std::size_t ra = row(a), rb = row(b);
    if (ra == rb) throw OptionsError("CriticalOptions::pairs", a + "," + b, "names one unit twice");
    r.pairs.emplace_back(ra, rb);
  }
  const auto& group_of = subject.group_of_edge;
  r.exact = lin.ok;
  r.not_linear = lin.why_not;
  const Plan* plan = subject.plan();
  const std::size_t L = plan ? plan->leaf_ids().size() : 0;
  const auto N = static_cast<Eigen::Index>(n);
  r.grade_down = r.grade_up = Eigen::MatrixXd::Constant(N, static_cast<Eigen::Index>(E), kNaN);
  r.grade_to_down = r.grade_to_up = Eigen::MatrixXi::Constant(N, static_cast<Eigen::Index>(E), -1);
  r.range_low.assign(E, 0);
  r.range_high.assign(E, 0);
  r.top_k_change.assign(E, {});
  r.pair_swap.assign(r.pairs.size(), std::vector<CriticalPair>(E));
  // The nominal top k (competition ranks: ties at the k-th place are all in).
  std::vector<char> in_top(n, 0);
  for (std::size_t i = 0; i < n; ++i) in_top[i] = nominal.rank[i] > 0 && nominal.rank[i] <= o.top_k;
  const double tolerance = lin.ok ? 0.0 : o.tolerance;

  std::vector<detail::Subject::Scratch> scratch(threads, subject.scratch());

  detail::parallel_for_reporting(E, threads, o.progress, [&](std::size_t e, std::size_t t) {
    const auto [low, high] = detail::change_range(*group_of[e], w0, static_cast<int>(e), o.rescale);
    r.range_low[e] = low;
    r.range_high[e] = high;
    if (low == 0 && high == 0) return;
    auto weights_at = [&](double change) {
      return detail::moved_weights(*group_of[e], w0, static_cast<int>(e), change, o.rescale, nullptr);
    };
    // Totals (finished: rounded as the evaluation rounds them) and grades at a change.
    std::vector<double> total(n);
    std::vector<int> grade(n);
    // Linear: a unit's unrounded total is t0 + change x slope.
    std::vector<double> t0(n), slope(n);
    if (lin.ok) {
      Eigen::VectorXd g0(static_cast<Eigen::Index>(L)), g1(static_cast<Eigen::Index>(L));
      detail::leaf_globals(*plan, w0.data(), g0.data());
      const Eigen::VectorXd w1 = weights_at(1.0);
      detail::leaf_globals(*plan, w1.data(), g1.data());
      const Eigen::VectorXd a = lin.shares * (g0 * lin.points_per_weight);
      const Eigen::VectorXd d = lin.shares * ((g1 - g0) * lin.points_per_weight);
      for (std::size_t i = 0; i < n; ++i) {
        t0[i] = a[static_cast<Eigen::Index>(i)];
        slope[i] = d[static_cast<Eigen::Index>(i)];
      }
    }
    auto unit_total = [&](std::size_t i, double change) { return lin.finish(t0[i] + change * slope[i]); };
    auto evaluate_at = [&](double change) {  // every unit's total and grade
      if (lin.ok) {
        for (std::size_t i = 0; i < n; ++i) {
          total[i] = unit_total(i, change);
          grade[i] = lin.grade(i, total[i]);
        }
        return;
      }
      const detail::Outcome& res = subject.evaluate(weights_at(change), scratch[t]);
      for (std::size_t i = 0; i < n; ++i) {
        total[i] = res.key[static_cast<Eigen::Index>(i)];
        grade[i] = res.grade[i];
      }
    };
    for (const double end : {low, high}) {
      if (end == 0) continue;
      const bool up = end > 0;
      // Grades.
      std::vector<double> bracket_end(n, kNaN);
      if (!lin.ok) {
        for (int j = 1; j <= o.grid; ++j) {
          const double c = end * j / o.grid;
          evaluate_at(c);
          for (std::size_t i = 0; i < n; ++i)
            if (std::isnan(bracket_end[i]) && nominal.grade[i] >= 0 && grade[i] != nominal.grade[i]) bracket_end[i] = c;
        }
      }
      for (std::size_t i = 0; i < n; ++i) {
        const int g0 = nominal.grade[i];
        if (g0 < 0) continue;
        double change;
        if (lin.ok) {
          if (slope[i] == 0) continue;
          // The band edge the total moves towards: the next band's minimum, or its own band's.
          const bool rising = (slope[i] > 0) == up;
          const std::size_t G = lin.band_min.size();
          double target = kNaN;
          if (rising && g0 >= 1) target = lin.band_min[static_cast<std::size_t>(g0) - 1];
          if (!rising && static_cast<std::size_t>(g0) + 1 < G) target = lin.band_min[static_cast<std::size_t>(g0)];
          if (std::isnan(target)) continue;
          const double guess = (target - t0[i]) / slope[i];
          change = first_change([&](double c) { return lin.grade(i, unit_total(i, c)) != g0; }, end, guess, 0.0);
        } else {
          if (std::isnan(bracket_end[i])) continue;
          const double from = bracket_end[i] - end / o.grid;
          change = first_change(
              [&](double c) { return subject.evaluate(weights_at(from + c), scratch[t]).grade[i] != g0; },
              bracket_end[i] - from, kNaN, tolerance);
          if (!std::isnan(change)) change += from;
        }
        if (std::isnan(change)) continue;
        int to;
        if (lin.ok) {
          to = lin.grade(i, unit_total(i, change));
        } else {
          to = subject.evaluate(weights_at(change), scratch[t]).grade[i];
        }
        const auto I = static_cast<Eigen::Index>(i), Ec = static_cast<Eigen::Index>(e);
        (up ? r.grade_up : r.grade_down)(I, Ec) = change;
        (up ? r.grade_to_up : r.grade_to_down)(I, Ec) = to;
      }
      // Whole-cohort events: the top k and the pairs, each by a scan (not linear) or a guess
      // from the lines' crossings (linear), then bisection.
      std::vector<int> rank;
      std::vector<std::size_t> order;
      auto top_changed = [&](double c) {
        evaluate_at(c);
        competition_ranks(total, rank, order);
        for (std::size_t i = 0; i < n; ++i)
          if ((rank[i] > 0 && rank[i] <= o.top_k) != static_cast<bool>(in_top[i])) return true;
        return false;
      };
      auto scan_then_bisect = [&](const std::function<bool(double)>& event, double guess) {
        if (lin.ok) return first_change(event, end, guess, tolerance);
        for (int j = 1; j <= o.grid; ++j) {
          const double c = end * j / o.grid;
          if (event(c)) {
            const double from = c - end / o.grid;
            const double x = first_change([&](double d) { return event(from + d); }, c - from, kNaN, tolerance);
            return std::isnan(x) ? x : from + x;
          }
        }
        return kNaN;
      };
      if (o.top_k > 0) {
        double guess = kNaN;
        if (lin.ok)
          for (std::size_t a = 0; a < n; ++a) {
            if (!in_top[a]) continue;
            for (std::size_t b = 0; b < n; ++b) {
              if (in_top[b] || nominal.rank[b] <= 0 || slope[a] == slope[b]) continue;
              const double c = (t0[b] - t0[a]) / (slope[a] - slope[b]);
              if (c * end > 0 && (std::isnan(guess) || std::fabs(c) < std::fabs(guess))) guess = c;
            }
          }
        const double c = scan_then_bisect(top_changed, guess);
        (up ? r.top_k_change[e].up : r.top_k_change[e].down) = c;
      }
      for (std::size_t p = 0; p < r.pairs.size(); ++p) {
        const auto [a, b] = r.pairs[p];
        const double ta = nominal.key[static_cast<Eigen::Index>(a)], tb = nominal.key[static_cast<Eigen::Index>(b)];
        if (std::isnan(ta) || std::isnan(tb)) continue;
        const int before = ta > tb ? 1 : ta < tb ? -1 : 0;
        auto swapped = [&](double c) {
          double x, y;
          if (lin.ok) {
            x = unit_total(a, c);
            y = unit_total(b, c);
          } else {
            evaluate_at(c);
            x = total[a];
            y = total[b];
          }
          const int now = x > y ? 1 : x < y ? -1 : 0;
          return now != before;
        };
        const double guess = lin.ok && slope[a] != slope[b] ? (t0[b] - t0[a]) / (slope[a] - slope[b]) : kNaN;
        const double c = scan_then_bisect(swapped, guess);
        (up ? r.pair_swap[p][e].up : r.pair_swap[p][e].down) = c;
      }
    }
  }, threads);  // a chunk per thread: a weight can take seconds
  // The deciding weight of each unit: the smallest |change| (ties: the first edge, then down).
  r.deciding_edge.assign(n, -1);
  r.deciding_change.assign(n, kNaN);
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t e = 0; e < E; ++e)
      for (const double c : {r.grade_down(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(e)),
                             r.grade_up(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(e))})
        if (!std::isnan(c) && (r.deciding_edge[i] < 0 || std::fabs(c) < std::fabs(r.deciding_change[i]))) {
          r.deciding_edge[i] = static_cast<int>(e);
          r.deciding_change[i] = c;
        }
  return r;
}

}  // namespace

CriticalResult critical_changes(const Plan& plan, const Table& table, const CriticalOptions& o) {
  check(o);
  const detail::Subject subject(plan, table, o.scoring, o.threads);
  CriticalResult r = critical_changes(subject, detail::linear_form(plan, table, subject.options()), table.file, o);
  r.language = o.scoring.language.value_or(model_language(plan.model()));
  return r;
}

CriticalResult critical_changes(const DecisionMatrix& matrix, const Eigen::VectorXd& weights, const MethodOptions& method,
                                const CriticalOptions& o) {
  check(o);
  const detail::Subject subject(matrix, weights, method);
  detail::Linear lin;
  lin.why_not = fmt::format("a decision matrix is ranked by {}", to_string(method.method));
  return critical_changes(subject, lin, "the decision matrix", o);
}

namespace {
std::string percent(double c) { return std::isnan(c) ? std::string("-") : fmt::format("{:+.2f}%", 100 * c); }
}  // namespace

std::string CriticalResult::brief_report() const {
  const Language l = language;
  using detail::tr;
  std::size_t decided = 0;
  for (int e : deciding_edge) decided += e >= 0;
  const std::string how = exact ? tr(l, "exact: totals linear in the weights", "精确：总分是权重的线性函数")
                                : detail::trf(l, "bracketed by bisection: {}", "二分法夹逼：{}", not_linear);
  if (grade_names.empty())  // a decision matrix: no grades, the top k and pairs
    return detail::trf(l, "critical weight changes ({}, {} rescaling) of {} weights over {} units: the top {} and the pairs below",
                       "临界权重变动（{}，重新归一方式 {}）：{} 个权重，{} 个单位：前 {} 名及下列单位对", how, to_string(rescale),
                       edge_labels.size(), unit_ids.size(), top_k);
  return detail::trf(l,
                     "critical weight changes ({}, {} rescaling): {} of {} units change grade when one of {} weights "
                     "moves within its range",
                     "临界权重变动（{}，重新归一方式 {}）：{} 个单位（共 {} 个）在 {} 个权重之一于其范围内变动时改变等级",
                     exact ? how : detail::trf(l, "bracketed by bisection: totals not linear in the weights, as {}",
                                               "二分法夹逼：总分不是权重的线性函数，因为{}", not_linear),
                     to_string(rescale), decided, unit_ids.size(), edge_labels.size());
}

std::string CriticalResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n";
  std::vector<std::size_t> units;
  for (std::size_t i = 0; i < deciding_edge.size(); ++i)
    if (deciding_edge[i] >= 0) units.push_back(i);
  std::stable_sort(units.begin(), units.end(),
                   [&](std::size_t a, std::size_t b) { return std::fabs(deciding_change[a]) < std::fabs(deciding_change[b]); });
  if (!units.empty()) {
    constexpr std::size_t kShown = 20;
    out += detail::trf(l, "\nthe units closest to a grade change{}:\n", "\n最接近改变等级的单位{}：\n",
                       units.size() > kShown ? detail::trf(l, " (first {} of {})", "（前 {} 个，共 {} 个）", kShown, units.size()) : "");
    std::vector<std::vector<std::string>> rows;
    for (std::size_t k = 0; k < std::min(kShown, units.size()); ++k) {
      const std::size_t i = units[k];
      const auto I = static_cast<Eigen::Index>(i);
      const auto e = static_cast<Eigen::Index>(deciding_edge[i]);
      const double c = deciding_change[i];
      const int to = c < 0 ? grade_to_down(I, e) : grade_to_up(I, e);
      rows.push_back({unit_ids[i], i < unit_names.size() ? unit_names[i] : std::string(), fmt::format("{:.2f}", nominal_score[I]),
                      grade_names[static_cast<std::size_t>(nominal_grade[i])], edge_labels[static_cast<std::size_t>(e)],
                      percent(c), to >= 0 ? grade_names[static_cast<std::size_t>(to)] : std::string("-")});
    }
    out += detail::text_table({tr(l, "id", "单位代码"), tr(l, "name", "单位名称"), tr(l, "score", "得分"), tr(l, "grade", "等级"),
                               tr(l, "deciding weight", "决定性权重"), tr(l, "change", "变动"), tr(l, "grade then", "变动后等级")},
                              rows, {false, false, true, false, false, true, false});
  }
  out += detail::trf(l, "\nper weight (range of change; the smallest decrease and increase that change the top {}):\n",
                     "\n各权重（变动范围；改变前 {} 名的最小下调与上调）：\n", top_k);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t e = 0; e < edge_labels.size(); ++e) {
    std::size_t decides = 0;
    for (int d : deciding_edge) decides += d == static_cast<int>(e);
    rows.push_back({edge_labels[e], percent(range_low[e]) + tr(l, " to ", " 至 ") + percent(range_high[e]),
                    top_k > 0 ? percent(top_k_change[e].down) : "-", top_k > 0 ? percent(top_k_change[e].up) : "-",
                    fmt::format("{}", decides)});
  }
  out += detail::text_table({tr(l, "weight", "权重"), tr(l, "range", "范围"), tr(l, "top k: down", "前 k 名：下调"), tr(l, "up", "上调"),
                             tr(l, "units it decides", "决定等级的单位数")},
                            rows, {false, false, true, true, true});
  for (std::size_t p = 0; p < pairs.size(); ++p) {
    out += detail::trf(l, "\n{} and {} (scores {:.2f} and {:.2f}) swap when:\n", "\n{} 与 {}（得分 {:.2f} 与 {:.2f}）在下列变动时互换名次：\n",
                       unit_ids[pairs[p].first], unit_ids[pairs[p].second],
                       nominal_score[static_cast<Eigen::Index>(pairs[p].first)],
                       nominal_score[static_cast<Eigen::Index>(pairs[p].second)]);
    std::vector<std::vector<std::string>> prow;
    for (std::size_t e = 0; e < edge_labels.size(); ++e)
      if (!std::isnan(pair_swap[p][e].down) || !std::isnan(pair_swap[p][e].up))
        prow.push_back({edge_labels[e], percent(pair_swap[p][e].down), percent(pair_swap[p][e].up)});
    if (prow.empty()) out += tr(l, "  no single weight's change within its range swaps them\n", "  任何单个权重在其范围内变动都不会使二者互换\n");
    else out += detail::text_table({tr(l, "weight", "权重"), tr(l, "down", "下调"), tr(l, "up", "上调")}, prow, {false, true, true});
  }
  return out;
}

}  // namespace staffeval
