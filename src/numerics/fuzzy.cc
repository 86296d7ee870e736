// Fuzzy comprehensive evaluation: membership from votes or from values, composition, readings.
#include <algorithm>
#include <cmath>
#include <iterator>
#include <numeric>

#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/numeric.h"
#include "common/strings.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/methods.h"

namespace staffeval {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}

namespace {
constexpr EnumEntry<FuzzyOperator> kFuzzyOperators[] = {
    {FuzzyOperator::kWeightedAverage, "weighted", "", "b_k = sum_j w_j r_jk: every criterion counts"},
    {FuzzyOperator::kMinMax, "min-max", "", "b_k = max_j min(w_j, r_jk): the dominant criterion decides"},
    {FuzzyOperator::kProductMax, "product-max", "", "b_k = max_j w_j r_jk"},
    {FuzzyOperator::kMinSum, "min-sum", "", "b_k = min(1, sum_j min(w_j, r_jk))"},
};
}  // namespace

STAFFEVAL_ENUM_TABLE(FuzzyOperator, "fuzzy operator", kFuzzyOperators)

std::string_view to_string(FuzzyOperator v) { return enum_table<FuzzyOperator>().name(v); }
std::optional<FuzzyOperator> parse_fuzzy_operator(std::string_view s) { return parse_enum<FuzzyOperator>(s); }

void FuzzyOptions::validate() const {
  if (grades.size() < 2)
    throw OptionsError("FuzzyOptions::grades", fmt::format("{} grade(s)", grades.size()), "at least two are needed");
  if (grade_scores.size() != 0 && static_cast<std::size_t>(grade_scores.size()) != grades.size())
    throw OptionsError("FuzzyOptions::grade_scores", fmt::format("{} values", grade_scores.size()),
                       fmt::format("needs one per grade ({})", grades.size()));
  if (grade_scores.size() != 0 && !grade_scores.allFinite())
    throw OptionsError("FuzzyOptions::grade_scores", "", "must be finite");
}

Eigen::MatrixXd membership_from_votes(const Eigen::MatrixXd& votes) {
  Eigen::MatrixXd r(votes.rows(), votes.cols());
  for (Eigen::Index j = 0; j < votes.rows(); ++j) {
    for (Eigen::Index k = 0; k < votes.cols(); ++k)
      if (!(votes(j, k) >= 0))
        throw DataError(fmt::format("criterion {}, grade {}: {} votes: counts must be >= 0", j + 1, k + 1, votes(j, k)));
    const double total = votes.row(j).sum();
    r.row(j) = total > 0 ? Eigen::RowVectorXd(votes.row(j) / total) : Eigen::RowVectorXd::Constant(votes.cols(), kNaN);
  }
  return r;
}

std::vector<Eigen::MatrixXd> membership_from_values(const Eigen::MatrixXd& x, const std::vector<Eigen::VectorXd>& centers) {
  if (static_cast<std::size_t>(x.cols()) != centers.size())
    throw DataError(fmt::format("{} criteria but centers for {}", x.cols(), centers.size()));
  const Eigen::Index grades = centers.empty() ? 0 : centers[0].size();
  for (std::size_t j = 0; j < centers.size(); ++j) {
    const Eigen::VectorXd& c = centers[j];
    if (c.size() != grades || grades < 2)
      throw DataError(fmt::format("criterion {}: {} centers, one per grade ({}) is needed", j + 1, c.size(), grades));
    const bool down = c[1] < c[0];
    for (Eigen::Index k = 1; k < grades; ++k)
      if (down ? !(c[k] < c[k - 1]) : !(c[k] > c[k - 1]))
        throw DataError(fmt::format("criterion {}: centers must run strictly from the best grade's value to the worst's "
                                    "(descending for a benefit criterion, ascending for a cost one)",
                                    j + 1));
  }
  std::vector<Eigen::MatrixXd> out;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    Eigen::MatrixXd r = Eigen::MatrixXd::Zero(x.cols(), grades);
    for (Eigen::Index j = 0; j < x.cols(); ++j) {
      const double v = x(i, j);
      const Eigen::VectorXd& c = centers[static_cast<std::size_t>(j)];
      if (std::isnan(v)) {
        r.row(j).setConstant(kNaN);
        continue;
      }
      // Orient so that centers ascend from the worst grade: t runs along the value axis.
      const bool down = c[1] < c[0];
      auto at = [&](Eigen::Index k) { return down ? -c[k] : c[k]; };
      const double t = down ? -v : v;
      if (t <= at(0)) {
        r(j, 0) = 1;
      } else if (t >= at(grades - 1)) {
        r(j, grades - 1) = 1;
      } else {
        for (Eigen::Index k = 0; k + 1 < grades; ++k)
          if (t >= at(k) && t <= at(k + 1)) {
            const double share = (at(k + 1) - t) / (at(k + 1) - at(k));
            r(j, k) = share;
            r(j, k + 1) = 1 - share;
            break;
          }
      }
    }
    out.push_back(std::move(r));
  }
  return out;
}

FuzzyResult fuzzy_evaluate(const std::vector<Eigen::MatrixXd>& memberships, const std::vector<std::string>& ids,
                           const Eigen::VectorXd& weights_in, const FuzzyOptions& o) {
  o.validate();
  if (memberships.size() != ids.size())
    throw DataError(fmt::format("{} membership matrices for {} units", memberships.size(), ids.size()));
  const auto grades = static_cast<Eigen::Index>(o.grades.size());
  const Eigen::Index n = weights_in.size();
  if (!(weights_in.array() >= 0).all() || !(weights_in.sum() > 0)) throw DataError("weights must be >= 0 and not all 0");
  FuzzyResult r;
  r.unit_ids = ids;
  r.grades = o.grades;
  r.op = std::string(to_string(o.op));
  Eigen::VectorXd scores = o.grade_scores;
  if (scores.size() == 0) scores = Eigen::VectorXd::LinSpaced(grades, 100.0, 0.0);
  const auto units = static_cast<Eigen::Index>(ids.size());
  r.membership = Eigen::MatrixXd::Constant(units, grades, kNaN);
  r.score = Eigen::VectorXd::Constant(units, kNaN);
  r.clarity = Eigen::VectorXd::Constant(units, kNaN);
  r.grade.assign(static_cast<std::size_t>(units), -1);
  std::size_t empty = 0;
  for (Eigen::Index i = 0; i < units; ++i) {
    const Eigen::MatrixXd& m = memberships[static_cast<std::size_t>(i)];
    if (m.rows() != n || m.cols() != grades)
      throw DataError(fmt::format("unit \"{}\": a {} x {} membership matrix, {} criteria x {} grades expected",
                                  ids[static_cast<std::size_t>(i)], m.rows(), m.cols(), n, grades));
    // Criteria without membership (missing) are skipped and the weights renormalised.
    Eigen::VectorXd w = weights_in;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (m.row(j).array().isNaN().any()) {
        w[j] = 0;
        continue;
      }
      for (Eigen::Index k = 0; k < grades; ++k)
        if (m(j, k) < -1e-12 || m(j, k) > 1 + 1e-12)
          throw DataError(fmt::format("unit \"{}\", criterion {}, grade \"{}\": membership {} is outside [0, 1]",
                                      ids[static_cast<std::size_t>(i)], j + 1, o.grades[static_cast<std::size_t>(k)], m(j, k)));
    }
    if (!(w.sum() > 0)) {
      ++empty;
      continue;
    }
    w = detail::normalised_weights(w);
    Eigen::RowVectorXd b = Eigen::RowVectorXd::Zero(grades);
    for (Eigen::Index j = 0; j < n; ++j) {
      if (w[j] == 0 && m.row(j).array().isNaN().any()) continue;
      for (Eigen::Index k = 0; k < grades; ++k) {
        const double v = m(j, k);
        switch (o.op) {
          case FuzzyOperator::kWeightedAverage: b[k] += w[j] * v; break;
          case FuzzyOperator::kMinMax: b[k] = std::max(b[k], std::min(w[j], v)); break;
          case FuzzyOperator::kProductMax: b[k] = std::max(b[k], w[j] * v); break;
          case FuzzyOperator::kMinSum: b[k] += std::min(w[j], v); break;
        }
      }
    }
    if (o.op == FuzzyOperator::kMinSum) b = b.cwiseMin(1.0);
    const double total = b.sum();
    if (total > 0) b /= total;
    r.membership.row(i) = b;
    Eigen::Index best = 0;
    for (Eigen::Index k = 1; k < grades; ++k)
      if (b[k] > b[best]) best = k;  // ties keep the better (earlier) grade
    r.grade[static_cast<std::size_t>(i)] = static_cast<int>(best);
    r.score[i] = b.dot(scores.transpose());
    r.clarity[i] = (static_cast<double>(grades) * b[best] - 1) / static_cast<double>(grades - 1);
  }
  if (empty) r.warnings.push_back(fmt::format("{} unit(s) without any membership: no grade", empty));
  r.rank = competition_ranks(r.score);
  return r;
}

std::string FuzzyResult::brief_report() const {
  std::vector<int> count(grades.size(), 0);
  for (int g : grade)
    if (g >= 0) ++count[static_cast<std::size_t>(g)];
  std::string dist;
  for (std::size_t k = 0; k < grades.size(); ++k) dist += fmt::format("{}{} {}", k ? ", " : "", grades[k], count[k]);
  return detail::trf(language, "fuzzy comprehensive evaluation ({}) of {} units: {}", "模糊综合评价（{}）：{} 个单位，{}", op,
                     unit_ids.size(), dist);
}

std::string FuzzyResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  const Language l = language;
  const std::vector<std::size_t> order = detail::order_by_rank(rank);
  // The table column by column (a million units are laid out without a string per cell), best
  // rank first.
  auto number = [](auto value, int decimals) {
    return [value, decimals](std::size_t i, std::string* out) {
      const double x = value(i);
      if (std::isnan(x)) *out += '-';
      else detail::append_fixed(out, x, decimals);
    };
  };
  std::vector<detail::TextColumn> columns;
  columns.push_back({detail::tr(l, "rank", "排名"), true, [&](std::size_t i, std::string* out) {
                       if (rank[i]) fmt::format_to(std::back_inserter(*out), "{}", rank[i]);
                       else *out += '-';
                     }});
  columns.push_back({detail::tr(l, "id", "单位代码"), false, [&](std::size_t i, std::string* out) { *out += unit_ids[i]; }});
  if (detail::any_named(unit_names))
    columns.push_back({detail::tr(l, "name", "单位名称"), false,
                       [&](std::size_t i, std::string* out) { *out += unit_names[i]; }});
  columns.push_back({detail::tr(l, "score", "得分"), true,
                     number([this](std::size_t i) { return score[static_cast<Eigen::Index>(i)]; }, 2)});
  columns.push_back({detail::tr(l, "grade", "等级"), false, [&](std::size_t i, std::string* out) {
                       if (grade[i] >= 0) *out += grades[static_cast<std::size_t>(grade[i])];
                       else *out += '-';
                     }});
  // A column per grade; its memberships where the matrix has them.
  for (std::size_t g = 0; g < grades.size(); ++g) {
    const auto k = static_cast<Eigen::Index>(g);
    auto cells = number([this, k](std::size_t i) { return membership(static_cast<Eigen::Index>(i), k); }, 3);
    columns.push_back({grades[g], true, [this, k, cells](std::size_t i, std::string* out) {
                         if (k < membership.cols()) cells(i, out);
                       }});
  }
  detail::append_text_table(&out, columns, order.size(), order);
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
