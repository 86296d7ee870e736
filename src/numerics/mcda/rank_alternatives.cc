// rank_alternatives(): checks the decision matrix, leaves out incomplete rows, scales extreme
// columns, runs the method's kernel (registry.cc) and assembles the result; and its reports.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <iterator>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "common/numeric.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "numerics/mcda/mcda.h"

namespace staffeval {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

MethodResult rank_alternatives(const DecisionMatrix& m, const Eigen::VectorXd& weights, const MethodOptions& o) {
  MethodResult r = rank_alternatives(m.values, m.unit_ids, m.criteria, m.directions, weights, o);
  r.unit_names = m.unit_names;
  return r;
}

MethodResult rank_alternatives(const Eigen::MatrixXd& x_in, const SharedStrings& ids,
                               const std::vector<std::string>& criteria, const std::vector<Direction>& dirs,
                               const Eigen::VectorXd& weights_in, const MethodOptions& o) {
  using detail::mcda::criterion_name;
  o.validate();
  const detail::mcda::MethodSpec& spec = detail::mcda::method_spec(o.method);
  const Eigen::Index m_all = x_in.rows(), n = x_in.cols();
  if (static_cast<std::size_t>(m_all) != ids.size())
    throw DataError(fmt::format("{} rows but {} unit ids", m_all, ids.size()));
  if (static_cast<std::size_t>(n) != criteria.size() || static_cast<std::size_t>(n) != dirs.size() ||
      weights_in.size() != n)
    throw DataError(fmt::format("{} criteria but {} names, {} directions and {} weights", n, criteria.size(),
                                dirs.size(), weights_in.size()));
  if (o.ideal.size() != 0 && o.method != Method::kTopsis)
    throw OptionsError("MethodOptions::ideal", fmt::format("{} values", o.ideal.size()), "is for TOPSIS only");
  if (o.ideal.size() != 0 && o.ideal.size() != n)
    throw OptionsError("MethodOptions::ideal", fmt::format("{} values", o.ideal.size()),
                       fmt::format("needs one per criterion ({})", n));
  for (Eigen::Index j = 0; j < n; ++j)
    if (!std::isfinite(weights_in[j]) || weights_in[j] < 0)
      throw DataError(fmt::format("weight of {} = {}: must be finite and >= 0", criterion_name(criteria, j), weights_in[j]));
  if (!(weights_in.sum() > 0)) throw DataError("the weights sum to 0");
  const Eigen::VectorXd w = detail::normalised_weights(weights_in);

  MethodResult r;
  r.kind = o.method;
  r.method = std::string(spec.entry.name);
  r.unit_ids = ids;
  r.criteria = criteria;
  const Normalization norm = o.normalization.value_or(spec.default_normalization);
  // One pass over each column (count, range) on every core: which columns have missing values,
  // whether every value is in range, which columns need scaling.
  const std::size_t threads = detail::thread_count(o.threads);
  std::vector<detail::ColumnStats> stats = detail::mcda::matrix_stats(x_in, threads);
  // Units with a missing value take no part (every method compares whole rows).
  // Found in the columns that have one (the matrix is stored by column).
  // The list of units kept is made only when some are left out.
  const bool all_kept = detail::mcda::no_gaps(x_in, stats);
  std::vector<Eigen::Index> keep;
  if (!all_kept) {
    keep = detail::mcda::complete_rows(x_in, stats);
    r.warnings.push_back(fmt::format("{} unit(s) with missing values left out (no score, rank 0)",
                                     static_cast<std::size_t>(m_all) - keep.size()));
    if (keep.empty()) throw DataError("no unit has a value for every criterion");
  }
  detail::mcda::check_range(x_in, stats, ids, criteria);
  const Eigen::Index m = all_kept ? m_all : static_cast<Eigen::Index>(keep.size());
  // The kernels read the complete units' values; they are copied only when some units are left
  // out or a column must be scaled.
  Eigen::MatrixXd kept;
  SharedStrings kept_ids;
  if (!all_kept) {
    kept.resize(m, n);
    for (Eigen::Index j = 0; j < n; ++j)
      for (Eigen::Index i = 0; i < m; ++i) kept(i, j) = x_in(keep[static_cast<std::size_t>(i)], j);
    std::vector<std::string> some;
    some.reserve(keep.size());
    for (Eigen::Index i : keep) some.emplace_back(ids.view(static_cast<std::size_t>(i)));
    kept_ids = std::move(some);
  }
  // Columns of extreme magnitude are scaled by a power of two; a fixed TOPSIS ideal point moves
  // with its column.
  // (Leaving units out cannot raise a column's largest magnitude, but can lower it.)
  if (!all_kept) stats = detail::mcda::matrix_stats(kept, threads);
  const Eigen::VectorXd scales = detail::mcda::column_scales(stats);
  const bool scaled = !(scales.array() == 1.0).all();
  if (scaled) {
    kept = (all_kept ? x_in : kept) * scales.asDiagonal();
    stats = detail::mcda::matrix_stats(kept, threads);
  }
  const Eigen::MatrixXd& x = all_kept && !scaled ? x_in : kept;
  Eigen::VectorXd ideal = o.ideal, anti_ideal = o.anti_ideal;
  if (ideal.size()) {
    ideal = ideal.cwiseProduct(scales);
    anti_ideal = anti_ideal.cwiseProduct(scales);
  }

  const detail::mcda::Input in{x, dirs, w, norm, o, all_kept ? ids : kept_ids, criteria, ideal, anti_ideal, stats};
  detail::mcda::Output out;
  spec.kernel(in, &out);

  r.normalization = out.normalization.empty() ? std::string(to_string(norm)) : out.normalization;
  for (const MethodParameter& p : method_parameters(o.method)) r.parameters.emplace_back(std::string(p.name), o.*p.field);
  for (auto& p : out.parameters) r.parameters.push_back(std::move(p));
  r.figures = std::move(out.figures);
  r.lower_is_better = out.lower_is_better;
  for (auto& wn : out.warnings) r.warnings.push_back(std::move(wn));
  // The kernel's vectors are the result's when every unit was kept (moved, not copied).
  auto spread = [&](Eigen::VectorXd&& v) {
    if (all_kept) return std::move(v);
    Eigen::VectorXd full = Eigen::VectorXd::Constant(m_all, kNaN);
    for (Eigen::Index i = 0; i < m; ++i) full[keep[static_cast<std::size_t>(i)]] = v[i];
    return full;
  };
  r.share = out.share.size() ? spread(std::move(out.share)) : Eigen::VectorXd();
  r.score = spread(std::move(out.score));
  if (r.share.size() == 0) r.share = r.score;
  r.share_of = spec.share_of.empty() ? r.method : std::string(spec.share_of);
  for (auto& [name, v] : out.intermediates) r.intermediates.emplace_back(name, spread(std::move(v)));
  for (Eigen::Index k : out.compromise)
    r.compromise.push_back(all_kept ? static_cast<std::size_t>(k) : static_cast<std::size_t>(keep[static_cast<std::size_t>(k)]));
  r.acceptable_advantage = out.acceptable_advantage;
  r.acceptable_stability = out.acceptable_stability;
  r.rank = competition_ranks(r.score, r.lower_is_better);
  if (o.method == Method::kVikor && !(r.acceptable_advantage && r.acceptable_stability))
    r.warnings.push_back(fmt::format("no single compromise solution ({}): the compromise set has {} units",
                                     !r.acceptable_advantage ? "acceptable advantage fails" : "acceptable stability fails",
                                     r.compromise.size()));
  return r;
}

std::string MethodResult::brief_report() const {
  std::size_t best = 0;
  bool found = false;
  for (std::size_t i = 0; i < rank.size(); ++i)
    if (rank[i] == 1 && !found) {
      best = i;
      found = true;
    }
  std::string params;
  for (const auto& [k, v] : parameters) params += fmt::format(", {} = {:g}", k, v);
  return detail::trf(language, "{} ({}{}) over {} units and {} criteria: best {} ({:.4f}){}",
                     "{}（{}{}）：{} 个单位、{} 个指标，最优 {}（{:.4f}）{}", method, normalization, params, unit_ids.size(),
                     criteria.size(), found ? std::string(unit_ids.view(best)) : std::string("-"),
                     found ? score[static_cast<Eigen::Index>(best)] : kNaN,
                     lower_is_better ? detail::tr(language, ", lower is better", "，越小越好") : "");
}

std::string MethodResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  const std::vector<std::size_t> order = detail::order_by_rank(rank);
  const Language l = language;
  // The table column by column (a million units are laid out without a string per cell), best
  // rank first. Four decimals, or "{:g}" for a grade.
  auto number = [](const Eigen::VectorXd& v, bool general) {
    return [&v, general](std::size_t i, std::string* out) {
      const double x = v[static_cast<Eigen::Index>(i)];
      if (std::isnan(x)) *out += '-';
      else if (general) fmt::format_to(std::back_inserter(*out), "{:g}", x);
      else detail::append_fixed(out, x, 4);
    };
  };
  auto fetch_number = [](const Eigen::VectorXd& v) {
    return [&v](std::size_t i) { __builtin_prefetch(v.data() + i); };
  };
  auto fetch_text = [](const SharedStrings& s) {
    return [&s](std::size_t i) { __builtin_prefetch(s.view(i).data()); };
  };
  std::vector<detail::TextColumn> columns;
  columns.push_back({detail::tr(l, "rank", "排名"), true,
                     [&](std::size_t i, std::string* out) {
                       if (rank[i]) fmt::format_to(std::back_inserter(*out), "{}", rank[i]);
                       else *out += '-';
                     },
                     [&](std::size_t i) { __builtin_prefetch(rank.data() + i); }});
  columns.push_back({detail::tr(l, "id", "单位代码"), false,
                     [&](std::size_t i, std::string* out) { *out += unit_ids.view(i); }, fetch_text(unit_ids)});
  if (detail::any_named(unit_names))
    columns.push_back({detail::tr(l, "name", "单位名称"), false,
                       [&](std::size_t i, std::string* out) { *out += unit_names.view(i); }, fetch_text(unit_names)});
  columns.push_back({detail::tr(l, "score", "得分"), true, number(score, false), fetch_number(score)});
  for (const auto& iv : intermediates)
    if (iv.first != "Q")
      columns.push_back({iv.first, true, number(iv.second, iv.first == "grade"), fetch_number(iv.second)});
  detail::append_text_table(&out, columns, order.size(), order);
  if (kind == Method::kVikor) {
    std::string set;
    for (std::size_t k : compromise) set += (set.empty() ? "" : ", ") + std::string(unit_ids.view(k));
    const auto yes = [&](bool b) { return b ? detail::tr(l, "yes", "满足") : detail::tr(l, "no", "不满足"); };
    out += detail::trf(l, "\ncompromise solution: {}\nacceptable advantage: {}\nacceptable stability: {}\n",
                       "\n折衷解：{}\n可接受优势条件：{}\n可接受稳定性条件：{}\n", set, yes(acceptable_advantage),
                       yes(acceptable_stability));
  }
  if (kind == Method::kRsr && figures.size() >= 3) {
    out += detail::trf(l, "\nRSR = {:.4f} + {:.4f} probit (R^2 = {:.4f}); grade thresholds on the fitted RSR:",
                       "\nRSR = {:.4f} + {:.4f} probit（R^2 = {:.4f}）；拟合 RSR 的分档界值：", figures[0].second,
                       figures[1].second, figures[2].second);
    for (std::size_t k = 3; k < figures.size(); ++k) out += fmt::format(" {:.4f}", figures[k].second);
    out += detail::tr(l, " (grade 1 = best)\n", "（第 1 档最优）\n");
  }
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
