// ahp(): judgments checked, completed, prioritised; consistency (CI, CR), per-judgment
// diagnostics and the suggested revision; its reports.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/language.h"
#include "common/numeric.h"
#include "numerics/ahp/ahp_internal.h"
#include "common/text_table.h"

namespace staffeval {

namespace detail::ahp {

Core core(const Eigen::MatrixXd& given, const AhpOptions& o) {
  Core c;
  const auto n = static_cast<std::size_t>(given.rows());
  c.matrix = complete(given, o.completion);
  c.weights = priorities(c.matrix, o.priority, &c.lambda);
  c.ri = random_index(n, o.random_index, &c.ri_source);
  if (n > 2) {
    c.ci = (c.lambda - static_cast<double>(n)) / static_cast<double>(n - 1);  // >= 0: lambda >= n
    c.cr = c.ci / c.ri;
  } else {
    c.lambda = static_cast<double>(n);
    c.ci = c.cr = 0;
  }
  return c;
}

}  // namespace detail::ahp

using namespace detail::ahp;

void check_judgments(const JudgmentMatrix& m, double tolerance) {
  const std::size_t n = m.size();
  if (static_cast<std::size_t>(m.values.rows()) != n || static_cast<std::size_t>(m.values.cols()) != n)
    throw DataError(fmt::format("{}: {} names but a {} x {} matrix", m.file, n, m.values.rows(), m.values.cols()));
  if (n == 0) throw DataError(fmt::format("{}: the matrix has no elements", m.file));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = i + 1; k < n; ++k)
      if (m.names[i] == m.names[k])
        throw DataError(fmt::format("{}: element \"{}\" is named twice", m.file, m.names[i]));
  const auto& a = m.values;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const auto I = static_cast<Eigen::Index>(i), J = static_cast<Eigen::Index>(j);
      const double v = a(I, J);
      if (std::isnan(v)) {
        if (i == j) throw DataError(fmt::format("{} = blank: the diagonal is 1", m.cell(i, j)));
        if (!std::isnan(a(J, I)))
          throw DataError(fmt::format("{} is blank but its reciprocal row \"{}\", column \"{}\" = {}: leave both blank "
                                    "or give both",
                                    m.cell(i, j), m.names[j], m.names[i], judgment_text(a(J, I))));
        continue;
      }
      if (!std::isfinite(v) || v <= 0)
        throw DataError(fmt::format("{} = {:g}: judgments must be positive (1-9 and reciprocals)", m.cell(i, j), v));
      if (v > kMaxJudgment || v < 1 / kMaxJudgment)
        throw DataError(fmt::format("{} = {:g}: beyond the range of judgments staffeval accepts (1e-9 to 1e9); a "
                                    "ratio beyond a billion is no pairwise comparison: give the weights directly",
                                    m.cell(i, j), v));
      if (i == j && std::fabs(v - 1) > tolerance)
        throw DataError(fmt::format("{} = {:g}: the diagonal must be 1", m.cell(i, j), v));
      if (j > i && !std::isnan(a(J, I)) && std::fabs(v * a(J, I) - 1) > tolerance)
        throw DataError(fmt::format("{} = {} but column \"{}\", row \"{}\" = {}: the matrix is not reciprocal "
                                    "(a_ij * a_ji = {:.4g}, must be 1)",
                                    m.cell(i, j), judgment_text(v), m.names[i], m.names[j], judgment_text(a(J, I)),
                                    v * a(J, I)));
    }
  // The known judgments must connect every element, or their weights are not determined.
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (!std::isnan(a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)))) parent[find(i)] = find(j);
  for (std::size_t i = 1; i < n; ++i)
    if (find(i) != find(0))
      throw DataError(fmt::format("{}: no chain of judgments links \"{}\" to \"{}\": the weights are not determined "
                                  "(add a judgment between the two groups)",
                                  m.file, m.names[i], m.names[0]));
}

void AhpOptions::validate() const {
  if (!(threshold > 0 && threshold < 1))
    throw OptionsError("AhpOptions::threshold", fmt::format("{}", threshold), "must be in (0, 1)");
  if (!(reciprocal_tolerance >= 0 && reciprocal_tolerance <= 0.1))
    throw OptionsError("AhpOptions::reciprocal_tolerance", fmt::format("{}", reciprocal_tolerance), "must be in [0, 0.1]");
  if (top_judgments < 0)
    throw OptionsError("AhpOptions::top_judgments", fmt::format("{}", top_judgments), "must be >= 0");
}

AhpResult ahp(const JudgmentMatrix& m, const AhpOptions& o) {
  o.validate();
  check_judgments(m, o.reciprocal_tolerance);
  // Typed judgments such as 0.333 are replaced by the exact reciprocal of their partner, so
  // that the matrix is exactly reciprocal (the value above the diagonal wins).
  Eigen::MatrixXd given = m.values;
  const Eigen::Index n = given.rows();
  for (Eigen::Index i = 0; i < n; ++i) {
    given(i, i) = 1;
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (!std::isnan(given(i, j))) given(j, i) = 1 / given(i, j);
  }
  AhpResult r;
  r.names = m.names;
  r.language = o.language.value_or(detail::language_of_names(m.names));
  const Language l = r.language;
  r.priority = o.priority;
  r.random_index_table = o.random_index;
  r.completion = o.completion;
  r.threshold = o.threshold;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (std::isnan(given(i, j))) r.completed.emplace_back(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  const Core c = core(given, o);
  r.matrix = c.matrix;
  r.weights = c.weights;
  r.lambda_max = c.lambda;
  r.ci = c.ci;
  r.ri = c.ri;
  r.cr = c.cr;
  r.ri_source = c.ri_source;
  r.consistent = r.cr < o.threshold;
  if (random_index_extrapolated(n, o.random_index)) r.warnings.push_back("RI: " + r.ri_source);
  // Judgments beyond Saaty's scale are legitimate (ratios of measured quantities) but unusual.
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (given(i, j) > 9 + 1e-9 || given(i, j) < 1 / 9.0 - 1e-9) {
        r.warnings.push_back(detail::trf(l, "{} = {}: beyond the 1-9 scale", "{} = {}：超出 1-9 标度", m.cell(static_cast<std::size_t>(i), static_cast<std::size_t>(j)),
                                         judgment_text(given(i, j))));
      }
  if (n > 2) {
    std::vector<JudgmentDiagnostic> d;
    const double nn = static_cast<double>(n * (n - 1));
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j) {
        const double e = c.matrix(i, j) * c.weights[j] / c.weights[i];
        d.push_back({static_cast<std::size_t>(i), static_cast<std::size_t>(j), c.matrix(i, j),
                     c.weights[i] / c.weights[j], (e + 1 / e - 2) / nn});
      }
    std::stable_sort(d.begin(), d.end(),
                     [](const JudgmentDiagnostic& a, const JudgmentDiagnostic& b) { return a.ci_share > b.ci_share; });
    d.resize(std::min(d.size(), static_cast<std::size_t>(o.top_judgments)));
    r.inconsistent = std::move(d);
  }
  if (!r.consistent && o.suggest_revision) {
    r.revision = revise(given, o);
    if (r.revision.empty())
      r.warnings.push_back(detail::trf(l,
                                       "no revision on the 1-9 scale within {} changes brings CR under {}: revisit the "
                                       "judgments as a whole",
                                       "在 1-9 标度上修改不超过 {} 处判断都无法使 CR 低于 {}：请整体重新考虑判断",
                                       n, o.threshold));
  }
  if (!r.consistent)
    r.warnings.insert(r.warnings.begin(),
                      detail::trf(l, "{}: CR = {:.4f} >= {}: the judgments are inconsistent", "{}：CR = {:.4f} >= {}：判断矩阵不一致",
                                  m.file, r.cr, o.threshold));
  return r;
}

std::string AhpResult::brief_report() const {
  const Language l = language;
  return detail::trf(l, "AHP {} over {} elements: lambda_max {:.4f}, CI {:.4f}, CR {:.4f} ({}){}",
                     "层次分析法（{}），{} 个元素：lambda_max {:.4f}，CI {:.4f}，CR {:.4f}（{}）{}", to_string(priority),
                     names.size(), lambda_max, ci, cr, detail::tr(l, consistent ? "consistent" : "inconsistent", consistent ? "一致" : "不一致"),
                     completed.empty() ? "" : detail::trf(l, "; {} judgment(s) completed by {}", "；{} 个判断由 {} 补全", completed.size(), to_string(completion)));
}

std::string AhpResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < names.size(); ++i)
    rows.push_back({names[i], fmt::format("{:.4f}", weights[static_cast<Eigen::Index>(i)])});
  out += detail::text_table({tr(l, "element", "元素"), tr(l, "weight", "权重")}, rows, {false, true});
  out += detail::trf(l, "\nlambda_max = {:.6f}\nCI = {:.6f}\nRI = {:.4f} ({})\nCR = {:.6f}: {} (threshold {})\n",
                     "\nlambda_max = {:.6f}\nCI = {:.6f}\nRI = {:.4f}（{}）\nCR = {:.6f}：{}（阈值 {}）\n", lambda_max, ci, ri, ri_source, cr,
                     tr(l, consistent ? "consistent" : "inconsistent", consistent ? "一致" : "不一致"), threshold);
  for (auto [i, j] : completed)
    out += detail::trf(l, "completed by {}: {} / {} = {:.6g}\n", "由 {} 补全：{} / {} = {:.6g}\n", to_string(completion), names[i], names[j],
                       matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
  if (!inconsistent.empty() && ci > 0) {
    out += tr(l, "\njudgments contributing most to the inconsistency:\n", "\n对不一致贡献最大的判断：\n");
    std::vector<std::vector<std::string>> d;
    for (const auto& j : inconsistent)
      d.push_back({names[j.row] + " / " + names[j.col], judgment_text(j.value), fmt::format("{:.3f}", j.consistent),
                   fmt::format("{:.1f}%", ci > 0 ? 100 * j.ci_share / ci : 0.0)});
    out += detail::text_table({tr(l, "judgment", "判断"), tr(l, "given", "给定值"), tr(l, "consistent with the weights", "与权重一致的值"),
                               tr(l, "share of CI", "占 CI 比例")},
                              d, {false, true, true, true});
  }
  if (!revision.empty()) {
    out += tr(l, "\nsuggested revision:\n", "\n建议修改：\n");
    for (const auto& s : revision)
      out += detail::trf(l, "  {} / {}: {} -> {} (CR then {:.4f})\n", "  {} / {}：{} -> {}（修改后 CR {:.4f}）\n", names[s.row], names[s.col],
                         judgment_text(s.from), judgment_text(s.to), s.cr_after);
  }
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
