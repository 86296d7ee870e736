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
#include "common/tasks.h"
#include "numerics/mcda/mcda.h"

namespace staffeval {

namespace detail::mcda {

std::string unit_name(const SharedStrings& ids, Eigen::Index i) {
  return static_cast<std::size_t>(i) < ids.size() ? fmt::format("unit \"{}\"", ids.view(static_cast<std::size_t>(i)))
                                                  : fmt::format("unit {}", i + 1);
}

std::string criterion_name(const std::vector<std::string>& c, Eigen::Index j) {
  return static_cast<std::size_t>(j) < c.size() ? fmt::format("criterion \"{}\"", c[static_cast<std::size_t>(j)])
                                                : fmt::format("criterion {}", j + 1);
}

std::vector<ColumnStats> matrix_stats(const Eigen::MatrixXd& x, std::size_t threads) {
  std::vector<ColumnStats> stats(static_cast<std::size_t>(x.cols()));
  parallel_for(stats.size(), threads, [&](std::size_t j, std::size_t) {
    stats[j] = column_stats(x.col(static_cast<Eigen::Index>(j)).data(), static_cast<std::size_t>(x.rows()));
  });
  return stats;
}

bool no_gaps(const Eigen::MatrixXd& x, const std::vector<ColumnStats>& stats) {
  for (const ColumnStats& s : stats)
    if (s.count < static_cast<std::size_t>(x.rows())) return false;
  return true;
}

std::vector<Eigen::Index> complete_rows(const Eigen::MatrixXd& x, const std::vector<ColumnStats>& stats) {
  std::vector<char> missing(static_cast<std::size_t>(x.rows()), 0);
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    if (stats[static_cast<std::size_t>(j)].count < static_cast<std::size_t>(x.rows()))
      for (Eigen::Index i = 0; i < x.rows(); ++i) missing[static_cast<std::size_t>(i)] |= std::isnan(x(i, j)) ? 1 : 0;
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < x.rows(); ++i)
    if (!missing[static_cast<std::size_t>(i)]) keep.push_back(i);
  return keep;
}

namespace {
// The largest magnitude of a column's values (0 when it has none).
double top_magnitude(const ColumnStats& s) { return s.count ? std::max(std::fabs(s.min), std::fabs(s.max)) : 0.0; }
}  // namespace

void check_range(const Eigen::MatrixXd& x, const std::vector<ColumnStats>& stats, const SharedStrings& ids,
                 const std::vector<std::string>& criteria) {
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    if (!(top_magnitude(stats[static_cast<std::size_t>(j)]) > kMaxMagnitude)) continue;  // +-inf included
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (std::fabs(x(i, j)) > kMaxMagnitude)
        throw DataError(fmt::format("{}, {} = {:g}: beyond ±1e300, the range of values staffeval computes with",
                                    unit_name(ids, i), criterion_name(criteria, j), x(i, j)));
  }
}

// Every normalisation and method here is invariant to a positive scale of a column, so columns of
// 1e200 or 1e-310 values are brought near 1 first.
Eigen::VectorXd column_scales(const std::vector<ColumnStats>& stats) {
  Eigen::VectorXd s = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(stats.size()));
  for (std::size_t j = 0; j < stats.size(); ++j) {
    const double top = top_magnitude(stats[j]);
    if (needs_scaling(top)) s[static_cast<Eigen::Index>(j)] = pow2_scale(top);
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

ColumnNormalizer::ColumnNormalizer(const double* col, std::size_t rows, const ColumnStats& stats, Normalization norm,
                                   bool cost, const SharedStrings& ids,
                                   const std::vector<std::string>& criteria, Eigen::Index j)
    : norm_(norm), cost_(cost), lo_(stats.min), hi_(stats.max) {
  // Values the normalisation cannot take: > 0 for a cost (reciprocals), >= 0 for a benefit.
  const bool positive_needed = norm == Normalization::kSum || norm == Normalization::kLinearMax;
  if (positive_needed && stats.count && (cost ? !(lo_ > 0) : lo_ < 0))
    for (std::size_t i = 0; i < rows; ++i) {
      const double v = col[i];
      if (!std::isnan(v) && (cost ? !(v > 0) : v < 0))
        throw DataError(fmt::format("{}, {} = {:g}: {} normalisation needs values {} 0",
                                    unit_name(ids, static_cast<Eigen::Index>(i)), criterion_name(criteria, j), v,
                                    to_string(norm), cost ? ">" : ">="));
    }
  // Column sums on a fixed-point grid: the same whatever the order of the units. Only the sums
  // the normalisation uses: sum (and, for a cost, the sum of reciprocals) or the sum of squares.
  const double top = top_magnitude(stats);
  // (Terms a block at a time, added in four-lane vectors: grid_sum_filled().)
  auto terms = [col](auto term) {
    return [col, term](std::size_t first, std::size_t count, double* out) {
      for (std::size_t i = 0; i < count; ++i) out[i] = term(col[first + i]);
    };
  };
  if (norm == Normalization::kSum) {
    sum_ = grid_sum_filled(rows, top, terms([](double v) { return std::isnan(v) ? 0.0 : v; }));
    if (cost)  // NaN > 0 is false
      inv_sum_ = grid_sum_filled(rows, lo_ > 0 ? 1 / lo_ : 1.0, terms([](double v) { return v > 0 ? 1 / v : 0.0; }));
  } else if (norm == Normalization::kVector) {
    norm2_ = std::sqrt(grid_sum_filled(rows, top * top, terms([](double v) { return std::isnan(v) ? 0.0 : v * v; })));
  }
  if (stats.count == 0) return;
  if (norm == Normalization::kLinearMax && !cost && !(hi_ > 0))
    throw DataError(fmt::format("{}: every value is 0: linear-max normalisation divides by the maximum",
                                criterion_name(criteria, j)));
  if (norm == Normalization::kSum && !cost && !(sum_ > 0))
    throw DataError(fmt::format("{}: the values sum to 0: sum normalisation divides by the sum", criterion_name(criteria, j)));
}

void ColumnNormalizer::map(const double* x, std::size_t n, double* out) const {
  // NaN propagates through every formula (the constant ones keep it explicitly); each case is a
  // loop the compiler can run in vector registers.
  const double lo = lo_, hi = hi_;
  switch (norm_) {
    case Normalization::kMinMax:
      if (!(hi > lo)) {
        for (std::size_t i = 0; i < n; ++i) out[i] = std::isnan(x[i]) ? x[i] : 1.0;
      } else if (cost_) {
        for (std::size_t i = 0; i < n; ++i) out[i] = (hi - x[i]) / (hi - lo);
      } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = (x[i] - lo) / (hi - lo);
      }
      return;
    case Normalization::kLinearMax:
      if (cost_) {
        for (std::size_t i = 0; i < n; ++i) out[i] = lo / x[i];
      } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = x[i] / hi;
      }
      return;
    case Normalization::kSum:
      if (cost_) {
        const double inv_sum = inv_sum_;
        for (std::size_t i = 0; i < n; ++i) out[i] = (1 / x[i]) / inv_sum;
      } else {
        const double sum = sum_;
        for (std::size_t i = 0; i < n; ++i) out[i] = x[i] / sum;
      }
      return;
    case Normalization::kVector: {
      if (!(norm2_ > 0)) {
        for (std::size_t i = 0; i < n; ++i) out[i] = std::isnan(x[i]) ? x[i] : (cost_ ? 1.0 : 0.0);
        return;
      }
      const double norm2 = norm2_;
      if (cost_) {
        for (std::size_t i = 0; i < n; ++i) out[i] = 1 - x[i] / norm2;
      } else {
        for (std::size_t i = 0; i < n; ++i) out[i] = x[i] / norm2;
      }
      return;
    }
  }
}

Eigen::MatrixXd normalized(const Input& in) {
  const Eigen::MatrixXd& x = in.x;
  Eigen::MatrixXd r(x.rows(), x.cols());
  const auto rows = static_cast<std::size_t>(x.rows());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const auto J = static_cast<std::size_t>(j);
    const ColumnNormalizer f(x.col(j).data(), rows, in.stats[J], in.normalization,
                             in.directions[J] == Direction::kCost, in.unit_ids, in.criteria, j);
    f.map(x.col(j).data(), rows, r.col(j).data());
  }
  return r;
}

}  // namespace detail::mcda

Eigen::MatrixXd normalize(const Eigen::MatrixXd& x_in, const std::vector<Direction>& dirs, Normalization norm,
                          const SharedStrings& ids, const std::vector<std::string>& criteria) {
  if (static_cast<std::size_t>(x_in.cols()) != dirs.size())
    throw DataError(fmt::format("{} criteria but {} directions", x_in.cols(), dirs.size()));
  std::vector<detail::ColumnStats> stats = detail::mcda::matrix_stats(x_in, 1);
  detail::mcda::check_range(x_in, stats, ids, criteria);
  // Scaled columns are a copy; columns in range are read where they are.
  const Eigen::VectorXd scales = detail::mcda::column_scales(stats);
  Eigen::MatrixXd scaled;
  if (!(scales.array() == 1.0).all()) {
    scaled = x_in * scales.asDiagonal();
    stats = detail::mcda::matrix_stats(scaled, 1);
  }
  const Eigen::MatrixXd& x = scaled.size() ? scaled : x_in;
  const MethodOptions options;
  const Eigen::VectorXd none;
  return detail::mcda::normalized({x, dirs, none, norm, options, ids, criteria, none, none, stats});
}

std::vector<int> competition_ranks(const Eigen::VectorXd& score, bool lower_is_better) {
  const auto n = static_cast<std::size_t>(score.size());
  // Lower is better: the negated scores, highest first (NaN stays NaN).
  Eigen::VectorXd negated;
  if (lower_is_better) negated = -score;
  const double* sc = lower_is_better ? negated.data() : score.data();
  std::vector<detail::RankItem> items, tmp;
  const std::size_t m = detail::order_by_score(sc, n, &items, &tmp);
  std::vector<int> rank;
  detail::resize_for_writing(&rank, n);  // zeros: the rank of a unit without a score
  for (std::size_t k = 0; k < m; ++k) {
    const std::uint32_t pos = items[k].pos;
    const bool tie = k > 0 && sc[pos] == sc[items[k - 1].pos];
    rank[pos] = tie ? rank[items[k - 1].pos] : static_cast<int>(k) + 1;
  }
  return rank;
}

}  // namespace staffeval
