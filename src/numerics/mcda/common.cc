// What every evaluation method shares: names in messages, the data range, column scaling, the
// normalisations and competition ranks.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/exact_sum.h"
#include "common/score_order.h"
#include "common/numeric.h"
#include "numerics/mcda/mcda.h"

namespace staffeval {

namespace detail::mcda {

std::string unit_name(const std::vector<std::string>& ids, Eigen::Index i) {
  return static_cast<std::size_t>(i) < ids.size() ? fmt::format("unit \"{}\"", ids[static_cast<std::size_t>(i)])
                                                  : fmt::format("unit {}", i + 1);
}

std::string criterion_name(const std::vector<std::string>& c, Eigen::Index j) {
  return static_cast<std::size_t>(j) < c.size() ? fmt::format("criterion \"{}\"", c[static_cast<std::size_t>(j)])
                                                : fmt::format("criterion {}", j + 1);
}

void check_range(const Eigen::MatrixXd& x, const std::vector<std::string>& ids, const std::vector<std::string>& criteria) {
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (std::fabs(x(i, j)) > kMaxMagnitude || std::isinf(x(i, j)))
        throw DataError(fmt::format("{}, {} = {:g}: beyond ±1e300, the range of values staffeval computes with",
                                    unit_name(ids, i), criterion_name(criteria, j), x(i, j)));
}

// Every normalisation and method here is invariant to a positive scale of a column, so columns of
// 1e200 or 1e-310 values are brought near 1 first.
Eigen::VectorXd column_scales(const Eigen::MatrixXd& x) {
  Eigen::VectorXd s = Eigen::VectorXd::Ones(x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    double top = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (!std::isnan(x(i, j))) top = std::max(top, std::fabs(x(i, j)));
    if (needs_scaling(top)) s[j] = pow2_scale(top);
  }
  return s;
}

Eigen::VectorXd weighted_product(const Eigen::MatrixXd& r, const Eigen::VectorXd& w) {
  Eigen::VectorXd out(r.rows());
  for (Eigen::Index i = 0; i < r.rows(); ++i) {
    double p = 1;
    for (Eigen::Index j = 0; j < r.cols(); ++j)
      if (w[j] > 0) p *= std::pow(r(i, j), w[j]);  // 0^0 would be 1: zero weights are skipped
    out[i] = p;
  }
  return out;
}

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

}  // namespace
}  // namespace detail::mcda

namespace {
constexpr EnumEntry<Normalization> kNormalizations[] = {
    {Normalization::kMinMax, "minmax", "min-max", "(x - min) / (max - min)"},
    {Normalization::kVector, "vector", "", "x / sqrt(sum x^2)"},
    {Normalization::kLinearMax, "linear-max", "linear_max|linear", "x / max (values > 0)"},
    {Normalization::kSum, "sum", "", "x / sum x (values > 0)"},
};
}  // namespace

STAFFEVAL_ENUM_TABLE(Normalization, "normalization", kNormalizations)

std::string_view to_string(Normalization v) { return enum_table<Normalization>().name(v); }
std::optional<Normalization> parse_normalization(std::string_view s) { return parse_enum<Normalization>(s); }

using detail::mcda::kNaN;

namespace detail::mcda {

ColumnNormalizer::ColumnNormalizer(const double* col, std::size_t rows, Normalization norm, bool cost,
                                   const std::vector<std::string>& ids, const std::vector<std::string>& criteria,
                                   Eigen::Index j)
    : norm_(norm), cost_(cost) {
  lo_ = std::numeric_limits<double>::infinity();
  hi_ = -lo_;
  const bool positive_needed = norm == Normalization::kSum || norm == Normalization::kLinearMax;
  std::size_t present = 0;
  for (std::size_t i = 0; i < rows; ++i) {
    const double v = col[i];
    if (std::isnan(v)) continue;
    ++present;
    if (positive_needed && (cost ? !(v > 0) : v < 0))
      throw DataError(fmt::format("{}, {} = {:g}: {} normalisation needs values {} 0",
                                  unit_name(ids, static_cast<Eigen::Index>(i)), criterion_name(criteria, j), v,
                                  to_string(norm), cost ? ">" : ">="));
    lo_ = std::min(lo_, v);
    hi_ = std::max(hi_, v);
  }
  // Column sums on a fixed-point grid: the same whatever the order of the units. Only the sums
  // the normalisation uses: sum (and, for a cost, the sum of reciprocals) or the sum of squares.
  const double top = std::max(std::fabs(lo_), std::fabs(hi_));
  if (norm == Normalization::kSum) {
    sum_ = grid_sum(rows, top, [col](std::size_t i) { return std::isnan(col[i]) ? 0.0 : col[i]; });
    if (cost)
      inv_sum_ = grid_sum(rows, lo_ > 0 ? 1 / lo_ : 1.0,
                          [col](std::size_t i) { return col[i] > 0 ? 1 / col[i] : 0.0; });  // NaN > 0 is false
  } else if (norm == Normalization::kVector) {
    norm2_ = std::sqrt(grid_sum(rows, top * top, [col](std::size_t i) { return std::isnan(col[i]) ? 0.0 : col[i] * col[i]; }));
  }
  if (present == 0) return;
  if (norm == Normalization::kLinearMax && !cost && !(hi_ > 0))
    throw DataError(fmt::format("{}: every value is 0: linear-max normalisation divides by the maximum",
                                criterion_name(criteria, j)));
  if (norm == Normalization::kSum && !cost && !(sum_ > 0))
    throw DataError(fmt::format("{}: the values sum to 0: sum normalisation divides by the sum", criterion_name(criteria, j)));
}

}  // namespace detail::mcda

Eigen::MatrixXd normalize(const Eigen::MatrixXd& x_in, const std::vector<Direction>& dirs, Normalization norm,
                          const std::vector<std::string>& ids, const std::vector<std::string>& criteria) {
  if (static_cast<std::size_t>(x_in.cols()) != dirs.size())
    throw DataError(fmt::format("{} criteria but {} directions", x_in.cols(), dirs.size()));
  detail::mcda::check_range(x_in, ids, criteria);
  // Scaled columns are a copy; columns in range are read where they are.
  const Eigen::VectorXd scales = detail::mcda::column_scales(x_in);
  Eigen::MatrixXd scaled;
  if (!(scales.array() == 1.0).all()) scaled = x_in * scales.asDiagonal();
  const Eigen::MatrixXd& x = scaled.size() ? scaled : x_in;
  Eigen::MatrixXd r(x.rows(), x.cols());
  const auto rows = static_cast<std::size_t>(x.rows());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const double* col = x.col(j).data();
    const detail::mcda::ColumnNormalizer f(col, rows, norm, dirs[static_cast<std::size_t>(j)] == Direction::kCost, ids,
                                           criteria, j);
    double* out = r.col(j).data();
    for (std::size_t i = 0; i < rows; ++i) out[i] = f(col[i]);
  }
  return r;
}

std::vector<int> competition_ranks(const Eigen::VectorXd& score, bool lower_is_better) {
  const auto n = static_cast<std::size_t>(score.size());
  // Lower is better: the negated scores, highest first (NaN stays NaN).
  Eigen::VectorXd negated;
  if (lower_is_better) negated = -score;
  const double* sc = lower_is_better ? negated.data() : score.data();
  std::vector<detail::RankItem> items, tmp;
  const std::size_t m = detail::order_by_score(sc, n, &items, &tmp);
  std::vector<int> rank(n, 0);
  for (std::size_t k = 0; k < m; ++k) {
    const std::uint32_t pos = items[k].pos;
    const bool tie = k > 0 && sc[pos] == sc[items[k - 1].pos];
    rank[pos] = tie ? rank[items[k - 1].pos] : static_cast<int>(k) + 1;
  }
  return rank;
}

}  // namespace staffeval
