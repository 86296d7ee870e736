// One-at-a-time weight sensitivity (sensitivity.h): each weight moved over a range.
#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "analyses/linear_form.h"
#include "analyses/progress.h"
#include "analyses/subject.h"
#include "staffeval/sensitivity.h"

namespace staffeval {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr EnumEntry<Rescale> kRescales[] = {
    {Rescale::kProportional, "proportional", "", "the other weights keep their ratios"},
    {Rescale::kEqual, "equal", "", "the other weights change by equal amounts"},
};
}  // namespace

STAFFEVAL_ENUM_TABLE(Rescale, "rescaling", kRescales)
std::string_view to_string(Rescale v) { return enum_table<Rescale>().name(v); }

namespace {

void check(const OatOptions& o) {
  if (o.threads < 0) throw OptionsError("OatOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  if (o.steps < 1) throw OptionsError("OatOptions::steps", fmt::format("{}", o.steps), "must be >= 1");
  if (!(o.low >= -1)) throw OptionsError("OatOptions::low", fmt::format("{}", o.low), "must be >= -1 (a weight cannot fall below 0)");
  if (!(o.high >= o.low) || !std::isfinite(o.high))
    throw OptionsError("OatOptions::high", fmt::format("{}", o.high), fmt::format("must be finite and >= low ({})", o.low));
}

OatResult one_at_a_time(const detail::Subject& subject, const OatOptions& o) {
  const std::size_t threads = detail::thread_count(o.threads);
  const Eigen::VectorXd& w0 = subject.weights;
  OatResult r;
  r.unit_ids = subject.unit_ids;
  r.grade_names = subject.grade_names;
  r.edge_labels = subject.edge_labels;
  for (int s = 0; s <= o.steps; ++s) {
    double c = o.low + (o.high - o.low) * s / o.steps;
    if (std::fabs(c) < 1e-12) c = 0;
    r.changes.push_back(c);
    if (o.low == o.high) break;
  }
  r.nominal_score = subject.nominal.total;
  r.nominal_rank = subject.nominal.rank;
  r.nominal_grade = subject.nominal.grade;
  const std::size_t n = subject.size(), E = static_cast<std::size_t>(w0.size()), C = r.changes.size();
  const auto N = static_cast<Eigen::Index>(n);
  r.score.resize(N, static_cast<Eigen::Index>(E * C));
  r.rank.resize(N, static_cast<Eigen::Index>(E * C));
  r.grade.resize(N, static_cast<Eigen::Index>(E * C));
  r.mean_abs_rank_shift = Eigen::MatrixXd::Constant(static_cast<Eigen::Index>(E), static_cast<Eigen::Index>(C), kNaN);
  r.grade_changes = Eigen::MatrixXi::Constant(static_cast<Eigen::Index>(E), static_cast<Eigen::Index>(C), -1);
  std::vector<detail::Subject::Scratch> scratch(threads, subject.scratch());
  detail::parallel_for_reporting(E * C, threads, o.progress, [&](std::size_t job, std::size_t t) {
    const std::size_t e = job / C, s = job % C;
    const auto col = static_cast<Eigen::Index>(job);
    bool ok = false;
    const Eigen::VectorXd w =
        detail::moved_weights(*subject.group_of_edge[e], w0, static_cast<int>(e), r.changes[s], o.rescale, &ok);
    if (!ok) {
      for (std::size_t i = 0; i < n; ++i) {
        r.score(static_cast<Eigen::Index>(i), col) = kNaN;
        r.rank(static_cast<Eigen::Index>(i), col) = 0;
        r.grade(static_cast<Eigen::Index>(i), col) = -1;
      }
      return;
    }
    const detail::Outcome& res = subject.evaluate(w, scratch[t]);
    double shift = 0;
    std::size_t count = 0;
    int changed = 0;
    for (std::size_t i = 0; i < n; ++i) {
      const auto I = static_cast<Eigen::Index>(i);
      r.score(I, col) = res.total[I];
      r.rank(I, col) = res.rank[i];
      r.grade(I, col) = res.grade[i];
      if (res.rank[i] > 0 && r.nominal_rank[i] > 0) {
        shift += std::abs(res.rank[i] - r.nominal_rank[i]);
        ++count;
      }
      changed += res.grade[i] != r.nominal_grade[i];
    }
    r.mean_abs_rank_shift(static_cast<Eigen::Index>(e), static_cast<Eigen::Index>(s)) = count ? shift / static_cast<double>(count) : kNaN;
    r.grade_changes(static_cast<Eigen::Index>(e), static_cast<Eigen::Index>(s)) = changed;
  });
  // The deciding weight of each unit: the smallest |change| that changes its grade (ties: the
  // first weight in model order, then the negative change).
  r.deciding_edge.assign(n, -1);
  r.deciding_change.assign(n, kNaN);
  for (std::size_t i = 0; i < n; ++i) {
    if (r.nominal_grade[i] < 0) continue;
    for (std::size_t e = 0; e < E; ++e)
      for (std::size_t s = 0; s < C; ++s) {
        const int g = r.grade(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(r.column(e, s)));
        const double c = r.changes[s];
        if (g < 0 || g == r.nominal_grade[i]) continue;
        if (r.deciding_edge[i] < 0 || std::fabs(c) < std::fabs(r.deciding_change[i])) {
          r.deciding_edge[i] = static_cast<int>(e);
          r.deciding_change[i] = c;
        }
      }
  }
  return r;
}

}  // namespace

OatResult one_at_a_time(const Plan& plan, const Table& table, const OatOptions& o) {
  check(o);
  const detail::Subject subject(plan, table, o.scoring, o.threads);
  OatResult r = one_at_a_time(subject, o);
  r.language = o.scoring.language.value_or(model_language(plan.model()));
  return r;
}

OatResult one_at_a_time(const DecisionMatrix& matrix, const Eigen::VectorXd& weights, const MethodOptions& method,
                        const OatOptions& o) {
  check(o);
  const detail::Subject subject(matrix, weights, method);
  return one_at_a_time(subject, o);
}

std::string OatResult::brief_report() const {
  return detail::trf(language, "one weight at a time: {} weights x {} changes ({:+g}% to {:+g}%) over {} units",
                     "单因素（逐个权重）分析：{} 个权重 × {} 档变动（{:+g}% 至 {:+g}%），{} 个单位", edge_labels.size(),
                     changes.size(), changes.empty() ? 0.0 : 100 * changes.front(), changes.empty() ? 0.0 : 100 * changes.back(),
                     unit_ids.size());
}

std::string OatResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  std::vector<std::size_t> order(edge_labels.size());
  std::iota(order.begin(), order.end(), 0);
  auto worst = [&](std::size_t e) {
    double m = -1;
    for (Eigen::Index s = 0; s < mean_abs_rank_shift.cols(); ++s) {
      const double v = mean_abs_rank_shift(static_cast<Eigen::Index>(e), s);
      if (!std::isnan(v)) m = std::max(m, v);
    }
    return m;
  };
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return worst(a) > worst(b); });
  std::vector<std::vector<std::string>> rows;
  for (std::size_t e : order) {
    const auto E = static_cast<Eigen::Index>(e);
    int most = 0;
    double at_low = kNaN, at_high = kNaN;
    for (Eigen::Index s = 0; s < grade_changes.cols(); ++s) most = std::max(most, grade_changes(E, s));
    if (mean_abs_rank_shift.cols()) {
      at_low = mean_abs_rank_shift(E, 0);
      at_high = mean_abs_rank_shift(E, mean_abs_rank_shift.cols() - 1);
    }
    auto f = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.2f}", v); };
    rows.push_back({edge_labels[e], f(at_low), f(at_high), f(worst(e) < 0 ? kNaN : worst(e)), fmt::format("{}", most)});
  }
  const Language l = language;
  using detail::tr;
  std::vector<std::string> head{tr(l, "weight", "权重"),
                                detail::trf(l, "shift at {:+g}%", "{:+g}% 时排名变动", changes.empty() ? 0.0 : 100 * changes.front()),
                                detail::trf(l, "shift at {:+g}%", "{:+g}% 时排名变动", changes.empty() ? 0.0 : 100 * changes.back()),
                                tr(l, "largest shift", "最大排名变动"), tr(l, "most grades changed", "最多等级改变数")};
  if (grade_names.empty()) {  // a decision matrix has no grades
    head.pop_back();
    for (auto& row : rows) row.pop_back();
  }
  std::vector<bool> right(head.size(), true);
  right[0] = false;
  out += detail::text_table(head, rows, right);
  // The units whose grade the smallest changes decide.
  std::vector<std::size_t> close;
  for (std::size_t i = 0; i < deciding_edge.size(); ++i)
    if (deciding_edge[i] >= 0) close.push_back(i);
  std::stable_sort(close.begin(), close.end(), [&](std::size_t a, std::size_t b) {
    return std::fabs(deciding_change[a]) < std::fabs(deciding_change[b]);
  });
  if (!close.empty()) {
    out += detail::trf(l, "\n{} unit(s) change grade when one weight moves within the range; the closest:\n",
                       "\n{} 个单位在单个权重于该范围内变动时改变等级；最接近的：\n", close.size());
    std::vector<std::vector<std::string>> urows;
    for (std::size_t k = 0; k < close.size() && k < 15; ++k) {
      const std::size_t i = close[k];
      const auto col = static_cast<Eigen::Index>(
          column(static_cast<std::size_t>(deciding_edge[i]),
                 static_cast<std::size_t>(std::find(changes.begin(), changes.end(), deciding_change[i]) - changes.begin())));
      const int to = grade(static_cast<Eigen::Index>(i), col);
      urows.push_back({unit_ids[i], fmt::format("{:.2f}", nominal_score[static_cast<Eigen::Index>(i)]),
                       grade_names[static_cast<std::size_t>(nominal_grade[i])], edge_labels[static_cast<std::size_t>(deciding_edge[i])],
                       fmt::format("{:+g}%", 100 * deciding_change[i]), to >= 0 ? grade_names[static_cast<std::size_t>(to)] : "-"});
    }
    out += detail::text_table({tr(l, "id", "单位代码"), tr(l, "score", "得分"), tr(l, "grade", "等级"),
                               tr(l, "deciding weight", "决定性权重"), tr(l, "change", "变动"), tr(l, "grade then", "变动后等级")},
                              urows,
                              {false, true, false, false, true, false});
  }
  return out;
}

}  // namespace staffeval
