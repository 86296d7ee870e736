// Ranking methods on a decision matrix: normalisations, SAW, WPM, WASPAS, TOPSIS, VIKOR, GRA.
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/exact_sum.h"
#include "common/numeric.h"
#include "common/strings.h"
#include "common/text_table.h"
#include "staffeval/methods.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

std::string unit_name(const std::vector<std::string>& ids, Eigen::Index i) {
  return static_cast<std::size_t>(i) < ids.size() ? fmt::format("unit \"{}\"", ids[static_cast<std::size_t>(i)])
                                                  : fmt::format("unit {}", i + 1);
}
std::string criterion_name(const std::vector<std::string>& c, Eigen::Index j) {
  return static_cast<std::size_t>(j) < c.size() ? fmt::format("criterion \"{}\"", c[static_cast<std::size_t>(j)])
                                                : fmt::format("criterion {}", j + 1);
}

// Every value within the data range (see common/numeric.h), else a DataError naming the cell.
void check_range(const Eigen::MatrixXd& x, const std::vector<std::string>& ids, const std::vector<std::string>& criteria) {
  for (Eigen::Index j = 0; j < x.cols(); ++j)
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (std::fabs(x(i, j)) > detail::kMaxMagnitude || std::isinf(x(i, j)))
        throw DataError(fmt::format("{}, {} = {:g}: beyond ±1e300, the range of values staffeval computes with",
                                    unit_name(ids, i), criterion_name(criteria, j), x(i, j)));
}

// The power of two each column is multiplied by before its squares, sums and ranges are formed:
// 1 for ordinary values (so results are those of the unscaled column bit for bit), else one that
// brings the column's largest magnitude near 1 (columns of 1e200 or 1e-310 values). Every
// normalisation and method here is invariant to a positive scale of a column.
Eigen::VectorXd column_scales(const Eigen::MatrixXd& x) {
  Eigen::VectorXd s = Eigen::VectorXd::Ones(x.cols());
  for (Eigen::Index j = 0; j < x.cols(); ++j) {
    double top = 0;
    for (Eigen::Index i = 0; i < x.rows(); ++i)
      if (!std::isnan(x(i, j))) top = std::max(top, std::fabs(x(i, j)));
    if (detail::needs_scaling(top)) s[j] = detail::pow2_scale(top);
  }
  return s;
}

Eigen::MatrixXd scaled_columns(const Eigen::MatrixXd& x) {
  const Eigen::VectorXd s = column_scales(x);
  if ((s.array() == 1.0).all()) return x;
  return x * s.asDiagonal();
}

}  // namespace

namespace {

constexpr EnumEntry<Method> kMethods[] = {
    {Method::kSaw, "saw", "", "simple additive weighting"},
    {Method::kWpm, "wpm", "", "weighted product"},
    {Method::kWaspas, "waspas", "", "lambda SAW + (1 - lambda) WPM"},
    {Method::kTopsis, "topsis", "", "closeness to the ideal solution"},
    {Method::kVikor, "vikor", "", "compromise ranking by Q (lower is better)"},
    {Method::kGra, "gra", "", "grey relational grade"},
    {Method::kRsr, "rsr", "", "weighted rank-sum ratio with probit grading"},
};

constexpr EnumEntry<Normalization> kNormalizations[] = {
    {Normalization::kMinMax, "minmax", "min-max", "(x - min) / (max - min)"},
    {Normalization::kVector, "vector", "", "x / sqrt(sum x^2)"},
    {Normalization::kLinearMax, "linear-max", "linear_max|linear", "x / max (values > 0)"},
    {Normalization::kSum, "sum", "", "x / sum x (values > 0)"},
};

}  // namespace

STAFFEVAL_ENUM_TABLE(Method, "evaluation method", kMethods)
STAFFEVAL_ENUM_TABLE(Normalization, "normalization", kNormalizations)

std::string_view to_string(Method v) { return enum_table<Method>().name(v); }
std::string_view to_string(Normalization v) { return enum_table<Normalization>().name(v); }
std::optional<Method> parse_method(std::string_view s) { return parse_enum<Method>(s); }
std::optional<Normalization> parse_normalization(std::string_view s) { return parse_enum<Normalization>(s); }

Normalization default_normalization(Method m) {
  switch (m) {
    case Method::kWpm:
    case Method::kWaspas: return Normalization::kLinearMax;
    case Method::kTopsis: return Normalization::kVector;
    default: return Normalization::kMinMax;
  }
}

void MethodOptions::validate() const {
  if (!(v >= 0 && v <= 1)) throw OptionsError("MethodOptions::v", fmt::format("{}", v), "must be in [0, 1]");
  if (!(rho > 0 && rho <= 1)) throw OptionsError("MethodOptions::rho", fmt::format("{}", rho), "must be in (0, 1]");
  if (!(lambda >= 0 && lambda <= 1))
    throw OptionsError("MethodOptions::lambda", fmt::format("{}", lambda), "must be in [0, 1]");
  if (ideal.size() != anti_ideal.size())
    throw OptionsError("MethodOptions::anti_ideal", fmt::format("{} values for {} ideal values",
                                                              anti_ideal.size(), ideal.size()), "give both, one per criterion");
  for (std::size_t k = 0; k < rsr_cuts.size(); ++k)
    if (!std::isfinite(rsr_cuts[k]) || (k > 0 && !(rsr_cuts[k] > rsr_cuts[k - 1])))
      throw OptionsError("MethodOptions::rsr_cuts", fmt::format("{}", fmt::join(rsr_cuts, ",")),
                         "cuts must be finite and ascending");
  for (Eigen::Index j = 0; j < ideal.size(); ++j)
    if (!(std::fabs(ideal[j]) <= detail::kMaxMagnitude) || !(std::fabs(anti_ideal[j]) <= detail::kMaxMagnitude) ||
        ideal[j] == anti_ideal[j])
      throw OptionsError("MethodOptions::ideal", fmt::format("{} (anti-ideal {}) for criterion {}", ideal[j], anti_ideal[j], j + 1),
                         "must be within ±1e300 and differ from the anti-ideal");
}

Eigen::MatrixXd normalize(const Eigen::MatrixXd& x_in, const std::vector<Direction>& dirs, Normalization norm,
                          const std::vector<std::string>& ids, const std::vector<std::string>& criteria) {
  if (static_cast<std::size_t>(x_in.cols()) != dirs.size())
    throw DataError(fmt::format("{} criteria but {} directions", x_in.cols(), dirs.size()));
  check_range(x_in, ids, criteria);
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
        throw DataError(fmt::format("{}, {} = {:g}: {} normalisation needs values {} 0", unit_name(ids, i),
                                    criterion_name(criteria, j), v, to_string(norm), cost ? ">" : ">="));
      lo = std::min(lo, v);
      hi = std::max(hi, v);
    }
    // Column sums on a fixed-point grid: the same whatever the order of the units.
    const double top = std::max(std::fabs(lo), std::fabs(hi));
    detail::FixedSum fsum(top), finv(cost && lo > 0 ? 1 / lo : 1.0), fsq(top * top);
    for (Eigen::Index i = 0; i < x.rows(); ++i) {
      const double v = col[i];
      if (std::isnan(v)) continue;
      fsum.add(v);
      if (cost && v > 0) finv.add(1 / v);
      fsq.add(v * v);
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
                                          criterion_name(criteria, j)));
            out = cost ? lo / v : v / hi;
            break;
          case Normalization::kSum:
            if (!cost && !(sum > 0))
              throw DataError(fmt::format("{}: the values sum to 0: sum normalisation divides by the sum",
                                          criterion_name(criteria, j)));
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

MethodResult rank_alternatives(const Eigen::MatrixXd& x_in, const std::vector<std::string>& ids,
                               const std::vector<std::string>& criteria, const std::vector<Direction>& dirs,
                               const Eigen::VectorXd& weights_in, const MethodOptions& o) {
  o.validate();
  const Eigen::Index m_all = x_in.rows(), n = x_in.cols();
  if (static_cast<std::size_t>(m_all) != ids.size())
    throw DataError(fmt::format("{} rows but {} unit ids", m_all, ids.size()));
  if (static_cast<std::size_t>(n) != criteria.size() || static_cast<std::size_t>(n) != dirs.size() ||
      weights_in.size() != n)
    throw DataError(fmt::format("{} criteria but {} names, {} directions and {} weights", n, criteria.size(),
                                dirs.size(), weights_in.size()));
  if (o.ideal.size() != 0 && o.ideal.size() != n)
    throw OptionsError("MethodOptions::ideal", fmt::format("{} values", o.ideal.size()),
                       fmt::format("needs one per criterion ({})", n));
  for (Eigen::Index j = 0; j < n; ++j)
    if (!std::isfinite(weights_in[j]) || weights_in[j] < 0)
      throw DataError(fmt::format("weight of {} = {}: must be finite and >= 0", criterion_name(criteria, j), weights_in[j]));
  if (!(weights_in.sum() > 0)) throw DataError("the weights sum to 0");
  const Eigen::VectorXd w = detail::normalised_weights(weights_in);

  MethodResult r;
  r.method = std::string(to_string(o.method));
  r.unit_ids = ids;
  r.criteria = criteria;
  const Normalization norm = o.normalization.value_or(default_normalization(o.method));
  r.normalization = o.method == Method::kRsr     ? "ranks"
                    : o.method == Method::kVikor ? "vikor"
                    : (o.method == Method::kTopsis && o.ideal.size()) ? "fixed"
                                                                      : std::string(to_string(norm));
  // Units with a missing value take no part (every method compares whole rows).
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < m_all; ++i)
    if (!x_in.row(i).array().isNaN().any()) keep.push_back(i);
  if (keep.size() < static_cast<std::size_t>(m_all))
    r.warnings.push_back(fmt::format("{} unit(s) with missing values left out (no score, rank 0)",
                                     static_cast<std::size_t>(m_all) - keep.size()));
  if (keep.empty()) throw DataError("no unit has a value for every criterion");
  check_range(x_in, ids, criteria);
  const auto m = static_cast<Eigen::Index>(keep.size());
  Eigen::MatrixXd x(m, n);
  std::vector<std::string> kept_ids;
  for (Eigen::Index i = 0; i < m; ++i) {
    x.row(i) = x_in.row(keep[static_cast<std::size_t>(i)]);
    kept_ids.push_back(ids[static_cast<std::size_t>(keep[static_cast<std::size_t>(i)])]);
  }
  // Columns of extreme magnitude are scaled by a power of two (see column_scales()); a fixed
  // TOPSIS ideal point moves with its column.
  const Eigen::VectorXd scales = column_scales(x);
  x = x * scales.asDiagonal();
  Eigen::VectorXd ideal = o.ideal, anti_ideal = o.anti_ideal;
  if (ideal.size()) {
    ideal = ideal.cwiseProduct(scales);
    anti_ideal = anti_ideal.cwiseProduct(scales);
  }
  Eigen::VectorXd score(m);
  std::vector<std::pair<std::string, Eigen::VectorXd>> inter;

  switch (o.method) {
    case Method::kSaw:
    case Method::kWpm:
    case Method::kWaspas: {
      const Eigen::MatrixXd rn = normalize(x, dirs, norm, kept_ids, criteria);
      const Eigen::VectorXd saw = rn * w;
      Eigen::VectorXd wpm(m);
      for (Eigen::Index i = 0; i < m; ++i) {
        double p = 1;
        for (Eigen::Index j = 0; j < n; ++j)
          if (w[j] > 0) p *= std::pow(rn(i, j), w[j]);  // 0^0 would be 1: zero weights are skipped
        wpm[i] = p;
      }
      if (o.method == Method::kSaw) {
        score = saw;
      } else if (o.method == Method::kWpm) {
        score = wpm;
      } else {
        score = o.lambda * saw + (1 - o.lambda) * wpm;
        inter = {{"saw", saw}, {"wpm", wpm}};
        r.parameters = {{"lambda", o.lambda}};
      }
      break;
    }
    case Method::kTopsis: {
      Eigen::MatrixXd rn;
      Eigen::RowVectorXd best(n), worst(n);
      if (o.ideal.size()) {
        rn.resize(m, n);
        for (Eigen::Index j = 0; j < n; ++j)
          rn.col(j) = (x.col(j).array() - anti_ideal[j]) / (ideal[j] - anti_ideal[j]);
        best = w.transpose();
        worst.setZero();
      }
      const Eigen::MatrixXd v = (o.ideal.size() ? rn : normalize(x, dirs, norm, kept_ids, criteria)) * w.asDiagonal();
      if (!o.ideal.size()) {
        best = v.colwise().maxCoeff();
        worst = v.colwise().minCoeff();
      }
      Eigen::VectorXd dp(m), dm(m);
      for (Eigen::Index i = 0; i < m; ++i) {
        dp[i] = (v.row(i) - best).norm();
        dm[i] = (v.row(i) - worst).norm();
        // Ideal and anti-ideal coincide only when every unit is the same: all are ideal.
        score[i] = dp[i] + dm[i] > 0 ? dm[i] / (dp[i] + dm[i]) : 1.0;
      }
      inter = {{"d_plus", dp}, {"d_minus", dm}};
      break;
    }
    case Method::kVikor: {
      Eigen::VectorXd s = Eigen::VectorXd::Zero(m), rr = Eigen::VectorXd::Zero(m);
      for (Eigen::Index j = 0; j < n; ++j) {
        const bool cost = dirs[static_cast<std::size_t>(j)] == Direction::kCost;
        const double fbest = cost ? x.col(j).minCoeff() : x.col(j).maxCoeff();
        const double fworst = cost ? x.col(j).maxCoeff() : x.col(j).minCoeff();
        if (fbest == fworst) continue;  // a criterion where all agree separates no one
        for (Eigen::Index i = 0; i < m; ++i) {
          const double d = w[j] * (fbest - x(i, j)) / (fbest - fworst);
          s[i] += d;
          rr[i] = std::max(rr[i], d);
        }
      }
      const double s_best = s.minCoeff(), s_worst = s.maxCoeff(), r_best = rr.minCoeff(), r_worst = rr.maxCoeff();
      for (Eigen::Index i = 0; i < m; ++i) {
        // A term whose units all agree (S- = S* or R- = R*) contributes 0, never NaN.
        const double qs = s_worst > s_best ? (s[i] - s_best) / (s_worst - s_best) : 0.0;
        const double qr = r_worst > r_best ? (rr[i] - r_best) / (r_worst - r_best) : 0.0;
        score[i] = o.v * qs + (1 - o.v) * qr;
      }
      inter = {{"S", s}, {"R", rr}, {"Q", score}};
      r.lower_is_better = true;
      r.parameters = {{"v", o.v}};
      // The compromise solution and its two conditions.
      std::vector<Eigen::Index> by_q(static_cast<std::size_t>(m));
      std::iota(by_q.begin(), by_q.end(), Eigen::Index{0});
      std::stable_sort(by_q.begin(), by_q.end(), [&](Eigen::Index a, Eigen::Index b) { return score[a] < score[b]; });
      const Eigen::Index first = by_q[0];
      if (m >= 2) {
        const double dq = 1.0 / static_cast<double>(m - 1);
        r.acceptable_advantage = score[by_q[1]] - score[first] >= dq - 1e-12;
        r.acceptable_stability = s[first] <= s_best || rr[first] <= r_best;
        if (!r.acceptable_advantage) {
          for (Eigen::Index k : by_q)
            if (score[k] - score[first] < dq - 1e-12) r.compromise.push_back(static_cast<std::size_t>(keep[static_cast<std::size_t>(k)]));
        } else if (!r.acceptable_stability) {
          r.compromise = {static_cast<std::size_t>(keep[static_cast<std::size_t>(first)]),
                          static_cast<std::size_t>(keep[static_cast<std::size_t>(by_q[1])])};
        } else {
          r.compromise = {static_cast<std::size_t>(keep[static_cast<std::size_t>(first)])};
        }
      } else {
        r.compromise = {static_cast<std::size_t>(keep[0])};
      }
      break;
    }
    case Method::kGra: {
      const Eigen::MatrixXd rn = normalize(x, dirs, norm, kept_ids, criteria);
      const Eigen::RowVectorXd ref = rn.colwise().maxCoeff();
      Eigen::MatrixXd delta(m, n);
      for (Eigen::Index i = 0; i < m; ++i) delta.row(i) = (ref - rn.row(i)).cwiseAbs();
      const double dmin = delta.minCoeff(), dmax = delta.maxCoeff();
      Eigen::MatrixXd xi(m, n);
      for (Eigen::Index i = 0; i < m; ++i)
        for (Eigen::Index j = 0; j < n; ++j)
          xi(i, j) = dmax > 0 ? (dmin + o.rho * dmax) / (delta(i, j) + o.rho * dmax) : 1.0;
      score = xi * w;
      r.parameters = {{"rho", o.rho}};
      break;
    }
    case Method::kRsr: {
      // Ranks per criterion (1 = worst, m = best; ties share their average rank), the weighted
      // rank-sum ratio, its distribution on the probit scale, and a least-squares line.
      Eigen::MatrixXd ranks(m, n);
      for (Eigen::Index j = 0; j < n; ++j) {
        const bool cost = dirs[static_cast<std::size_t>(j)] == Direction::kCost;
        std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
        std::iota(order.begin(), order.end(), Eigen::Index{0});
        std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
          return cost ? x(a, j) > x(b, j) : x(a, j) < x(b, j);
        });
        for (std::size_t k = 0; k < order.size();) {
          std::size_t e = k + 1;
          while (e < order.size() && x(order[e], j) == x(order[k], j)) ++e;
          const double avg = (static_cast<double>(k + 1) + static_cast<double>(e)) / 2;
          for (std::size_t q = k; q < e; ++q) ranks(order[q], j) = avg;
          k = e;
        }
      }
      score = ranks * w / static_cast<double>(m);
      // Percentile of each distinct RSR: mean position / m, the top group 1 - 1/(4m).
      std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
      std::iota(order.begin(), order.end(), Eigen::Index{0});
      std::stable_sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return score[a] < score[b]; });
      Eigen::VectorXd probit(m);
      const boost::math::normal standard;
      for (std::size_t k = 0; k < order.size();) {
        std::size_t e = k + 1;
        while (e < order.size() && score[order[e]] == score[order[k]]) ++e;
        const double mean_position = (static_cast<double>(k + 1) + static_cast<double>(e)) / 2;
        const double p = e == order.size() ? 1 - 1 / (4.0 * static_cast<double>(m)) : mean_position / static_cast<double>(m);
        const double z = 5 + boost::math::quantile(standard, p);
        for (std::size_t q = k; q < e; ++q) probit[order[q]] = z;
        k = e;
      }
      const double pm = probit.mean(), sm = score.mean();
      const double sxx = (probit.array() - pm).square().sum();
      const double sxy = ((probit.array() - pm) * (score.array() - sm)).sum();
      const double b = sxx > 0 ? sxy / sxx : 0.0;
      const double a = sm - b * pm;
      const double syy = (score.array() - sm).square().sum();
      const double r2 = sxx > 0 && syy > 0 ? sxy * sxy / (sxx * syy) : 1.0;
      if (!(sxx > 0)) r.warnings.push_back("every unit has the same rank-sum ratio: no regression, one grade");
      const Eigen::VectorXd fitted = (a + b * probit.array()).matrix();
      Eigen::VectorXd grade(m);
      const auto cuts = static_cast<int>(o.rsr_cuts.size());
      for (Eigen::Index i = 0; i < m; ++i) {
        int above = 0;
        for (double c : o.rsr_cuts) above += probit[i] >= c ? 1 : 0;
        grade[i] = static_cast<double>(cuts + 1 - above);  // 1 = best
      }
      inter = {{"probit", probit}, {"rsr_fitted", fitted}, {"grade", grade}};
      for (std::size_t k = 0; k < o.rsr_cuts.size(); ++k) r.parameters.emplace_back(fmt::format("cut{}", k + 1), o.rsr_cuts[k]);
      r.figures = {{"a", a}, {"b", b}, {"r2", r2}};
      for (std::size_t k = 0; k < o.rsr_cuts.size(); ++k)
        r.figures.emplace_back(fmt::format("threshold{}", k + 1), a + b * o.rsr_cuts[k]);
      break;
    }
  }

  r.score = Eigen::VectorXd::Constant(m_all, kNaN);
  for (Eigen::Index i = 0; i < m; ++i) r.score[keep[static_cast<std::size_t>(i)]] = score[i];
  for (auto& [name, v] : inter) {
    Eigen::VectorXd full = Eigen::VectorXd::Constant(m_all, kNaN);
    for (Eigen::Index i = 0; i < m; ++i) full[keep[static_cast<std::size_t>(i)]] = v[i];
    r.intermediates.emplace_back(name, std::move(full));
  }
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
  return fmt::format("{} ({}{}) over {} units and {} criteria: best {} ({:.4f}){}", method, normalization, params,
                     unit_ids.size(), criteria.size(), found ? unit_ids[best] : std::string("-"),
                     found ? score[static_cast<Eigen::Index>(best)] : kNaN, lower_is_better ? ", lower is better" : "");
}

std::string MethodResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  std::vector<std::size_t> order(unit_ids.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int ra = rank[a] ? rank[a] : INT32_MAX, rb = rank[b] ? rank[b] : INT32_MAX;
    return ra < rb;
  });
  std::vector<std::string> head{"rank", "id", "score"};
  for (const auto& iv : intermediates)
    if (iv.first != "Q") head.push_back(iv.first);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i : order) {
    const auto I = static_cast<Eigen::Index>(i);
    std::vector<std::string> row{rank[i] ? std::to_string(rank[i]) : "-", unit_ids[i],
                                 std::isnan(score[I]) ? "-" : fmt::format("{:.4f}", score[I])};
    for (const auto& iv : intermediates)
      if (iv.first != "Q")
        row.push_back(std::isnan(iv.second[I])    ? "-"
                      : iv.first == "grade"       ? fmt::format("{:g}", iv.second[I])
                                                  : fmt::format("{:.4f}", iv.second[I]));
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), true);
  right[1] = false;
  out += detail::text_table(head, rows, right);
  if (method == "vikor") {
    std::string set;
    for (std::size_t k : compromise) set += (set.empty() ? "" : ", ") + unit_ids[k];
    out += fmt::format("\ncompromise solution: {}\nacceptable advantage: {}\nacceptable stability: {}\n", set,
                       acceptable_advantage ? "yes" : "no", acceptable_stability ? "yes" : "no");
  }
  if (method == "rsr" && figures.size() >= 3) {
    out += fmt::format("\nRSR = {:.4f} + {:.4f} probit (R^2 = {:.4f}); grade thresholds on the fitted RSR:", figures[0].second,
                       figures[1].second, figures[2].second);
    for (std::size_t k = 3; k < figures.size(); ++k) out += fmt::format(" {:.4f}", figures[k].second);
    out += " (grade 1 = best)\n";
  }
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace staffeval
