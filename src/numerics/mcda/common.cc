// What every evaluation method shares: names in messages, the data range, column scaling, the
// normalisations and competition ranks.
#include <algorithm>
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/exact_sum.h"
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

Eigen::MatrixXd scaled_columns(const Eigen::MatrixXd& x) {
  const Eigen::VectorXd s = column_scales(x);
  if ((s.array() == 1.0).all()) return x;
  return x * s.asDiagonal();
}

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

using detail::mcda::scaled_columns;
using detail::mcda::kNaN;

Eigen::MatrixXd normalize(const Eigen::MatrixXd& x_in, const std::vector<Direction>& dirs, Normalization norm,
                          const std::vector<std::string>& ids, const std::vector<std::string>& criteria) {
  if (static_cast<std::size_t>(x_in.cols()) != dirs.size())
    throw DataError(fmt::format("{} criteria but {} directions", x_in.cols(), dirs.size()));
  detail::mcda::check_range(x_in, ids, criteria);
  const Eigen::MatrixXd x = scaled_columns(x_in);
  Eigen::MatrixXd r(x.rows(), x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    const bool cost = dirs[static_cast<std::size_t>(j)] == Direction::kCost;
    const auto col = x.col(j);
    double lo = std::numeric_limits<double>::infinity(), hi = -lo, sum = 0, inv_sum = 0, sq = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double v = col[i];
      if (std::isnan(v)) continue;
      const bool positive_needed = norm == Normalization::kSum || norm == Normalization::kLinearMax;
      if (positive_needed && (cost ? !(v > 0) : v < 0))
        throw DataError(fmt::format("{}, {} = {:g}: {} normalisation needs values {} 0", detail::mcda::unit_name(ids, i),
                                    detail::mcda::criterion_name(criteria, j), v, to_string(norm), cost ? ">" : ">="));
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    // Column sums on a fixed-point grid: the same whatever the order of the units.
    const double top = std::max(std::fabs(lo), std::fabs(hi));
    // Only the sums the normalisation uses: sum (and, for a cost, the sum of reciprocals) or the
    // sum of squares.
    detail::FixedSum fsum(top), finv(cost && lo > 0 ? 1 / lo : 1.0), fsq(top * top);
    if (norm == Normalization::kSum) {
      for (Eigen::Index i = 0; i < x.rows(); ++i) {
        const double v = col[i];
        if (std::isnan(v)) continue;
        fsum.add(v);
        if (cost && v > 0) finv.add(1 / v);
      }
    } else if (norm == Normalization::kVector) {
      for (Eigen::Index i = 0; i < x.rows(); ++i)
        if (!std::isnan(col[i])) fsq.add(col[i] * col[i]);
    }
    sum = fsum.value();
    inv_sum = finv.value();
    sq = fsq.value();
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double v = col[i];
      double out = kNaN;
      if (!std::isnan(v)) {
        switch (norm) {
          case Normalization::kMinMax:
            out = hi > lo ? (cost ? (hi - v) / (hi - lo) : (v - lo) / (hi - lo)) : 1.0;
            break;
          case Normalization::kLinearMax:
            if (!cost && !(hi > 0))
              throw DataError(fmt::format("{}: every value is 0: linear-max normalisation divides by the maximum",
                                          detail::mcda::criterion_name(criteria, j)));
            out = cost ? lo / v : v / hi;
            break;
          case Normalization::kSum:
            if (!cost && !(sum > 0))
              throw DataError(fmt::format("{}: the values sum to 0: sum normalisation divides by the sum",
                                          detail::mcda::criterion_name(criteria, j)));
            out = cost ? (1 / v) / inv_sum : v / sum;
            break;
          case Normalization::kVector: {
            const double norm2 = std::sqrt(sq);
            const double t = norm2 > 0 ? v / norm2 : 0.0;
            out = cost ? 1 - t : t;
            break;
          }
        }
      }
      r(i, j) = out;
    }
  }
  return r;
}

std::vector<int> competition_ranks(const Eigen::VectorXd& score, bool lower_is_better) {
  const auto n = static_cast<std::size_t>(score.size());
  std::vector<std::size_t> order;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(score[static_cast<Eigen::Index>(i)])) order.push_back(i);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const double sa = score[static_cast<Eigen::Index>(a)], sb = score[static_cast<Eigen::Index>(b)];
    return lower_is_better ? sa < sb : sa > sb;
  });
  std::vector<int> rank(n, 0);
  for (std::size_t k = 0; k < order.size(); ++k) {
    const bool tie = k > 0 && score[static_cast<Eigen::Index>(order[k])] == score[static_cast<Eigen::Index>(order[k - 1])];
    rank[order[k]] = tie ? rank[order[k - 1]] : static_cast<int>(k) + 1;
  }
  return rank;
}

}  // namespace staffeval
