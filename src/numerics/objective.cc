// Objective weights from data (entropy, CRITIC, dispersion, independence, PCA), rank-order
// weights, combinations of weight vectors, and the string forms of the weighting enums.
#include <algorithm>
#include <unordered_map>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/exact_sum.h"
#include "common/log_kernel.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/numeric.h"
#include "common/strings.h"
#include "common/text_table.h"
#include "numerics/mcda/mcda.h"
#include "staffeval/weighting.h"

namespace staffeval {

namespace {

// Sums over the units below (means, standard deviations, entropies, correlation products) are
// exact on a fixed grid (common/exact_sum.h), so they do not depend on the order of the units:
// permuting the units of the data leaves the weights the same bit for bit, and the columns (or
// blocks of units) can be shared out between threads without changing a bit either.

// One column on the method's basis, computed from the data where it is needed (no copy of the
// matrix): divided by its largest magnitude, then as the basis says (see objective_weights()),
// which is a subtraction, a multiplication and an addition per value.
struct BasisColumn {
  const double* x = nullptr;  // the complete units' values
  double origin = 0, a = 1, b = 0;  // the value on the basis: (x - origin) a + b
  double top = 0;             // the largest magnitude on the basis (bounds every value)
  double deviation = 0;       // the largest distance from the mean, where a method needs it
  double mean = 0;            // the order-free mean on the basis, where a method needs it

  double at(double v) const { return (v - origin) * a + b; }
  double operator()(std::size_t i) const { return at(x[i]); }
};

// The order-free mean of a column of m values, each of magnitude at most `bound`.
double mean_of(const BasisColumn& z, std::size_t m, double bound) {
  auto values = [&z](std::size_t first, std::size_t count, double* out) {
    for (std::size_t i = 0; i < count; ++i) out[i] = z(first + i);
  };
  return detail::grid_sum_filled(m, bound, values) / static_cast<double>(m);
}

// Standard deviation of a column (sample or population), two-pass, from order-free sums.
double stddev(const BasisColumn& z, std::size_t m, bool sample) {
  const double mean = z.mean;
  // The largest squared deviation bounds every term.
  auto squares = [&z, mean](std::size_t first, std::size_t count, double* out) {
    for (std::size_t i = 0; i < count; ++i) {
      const double d = z(first + i) - mean;
      out[i] = d * d;
    }
  };
  const double ss = detail::grid_sum_filled(m, z.deviation * z.deviation, squares);
  const auto n = static_cast<double>(m);
  return std::sqrt(ss / (sample ? n - 1 : n));
}

// The rows of `z` in a canonical order (by a hash of their bits, ties by value), for the one
// method whose computation is not a set of sums (least squares, for the independence weights):
// it then sees the units in an order that does not depend on their order in the data. Equal
// rows are interchangeable.
void canonical_rows(Eigen::MatrixXd* z) {
  const Eigen::Index m = z->rows(), n = z->cols();
  std::vector<std::uint64_t> key(static_cast<std::size_t>(m), 1469598103934665603ull);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < m; ++i) {
      double v = (*z)(i, j);
      if (v == 0) v = 0;  // -0 and +0 are the same value
      std::uint64_t bits;
      std::memcpy(&bits, &v, sizeof bits);
      std::uint64_t& h = key[static_cast<std::size_t>(i)];
      h = (h ^ bits) * 1099511628211ull;
      h ^= h >> 29;
    }
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) {
    const auto ka = key[static_cast<std::size_t>(a)], kb = key[static_cast<std::size_t>(b)];
    if (ka != kb) return ka < kb;
    for (Eigen::Index j = 0; j < n; ++j)
      if ((*z)(a, j) != (*z)(b, j)) return (*z)(a, j) < (*z)(b, j);
    return false;
  });
  Eigen::MatrixXd sorted(m, n);
  for (Eigen::Index j = 0; j < n; ++j)
    for (Eigen::Index i = 0; i < m; ++i) sorted(i, j) = (*z)(order[static_cast<std::size_t>(i)], j);
  *z = std::move(sorted);
}

// Pearson correlations of the given (varying) columns, from order-free sums of the products of
// the centred columns, each divided by its largest deviation so that every product is at most 1 in
// magnitude (correlations are scale-free), block by block of units on every core.
// (The columns' means are set.)
Eigen::MatrixXd correlations(const std::vector<BasisColumn>& z, std::size_t m, const std::vector<Eigen::Index>& cols,
                             int threads) {
  const auto v = cols.size();
  std::vector<double> mean(v), scale(v);
  for (std::size_t k = 0; k < v; ++k) {
    const BasisColumn& c = z[static_cast<std::size_t>(cols[k])];
    mean[k] = c.mean;
    scale[k] = c.deviation > 0 ? c.deviation : 1.0;
  }
  constexpr std::size_t kBlock = detail::ProductSums::kBlock;
  const std::size_t blocks = (m + kBlock - 1) / kBlock;
  const std::size_t workers = std::min(detail::thread_count(threads), std::max<std::size_t>(blocks, 1));
  std::vector<detail::ProductSums> sums(workers, detail::ProductSums(v));
  std::vector<std::vector<double>> scratch(workers, std::vector<double>(v * kBlock));
  detail::parallel_for(blocks, workers, [&](std::size_t b, std::size_t w) {
    const std::size_t first = b * kBlock, rows = std::min(kBlock, m - first);
    double* c = scratch[w].data();
    for (std::size_t k = 0; k < v; ++k) {
      const BasisColumn& column = z[static_cast<std::size_t>(cols[k])];
      for (std::size_t i = 0; i < rows; ++i) c[k * kBlock + i] = (column(first + i) - mean[k]) / scale[k];
    }
    sums[w].add_block(c, kBlock, rows);
  });
  for (std::size_t w = 1; w < workers; ++w) sums[0].merge(sums[w]);
  const auto V = static_cast<Eigen::Index>(v);
  Eigen::MatrixXd r(V, V);
  Eigen::VectorXd norm(V);
  for (Eigen::Index a = 0; a < V; ++a) norm[a] = std::sqrt(sums[0].sum(static_cast<std::size_t>(a), static_cast<std::size_t>(a)));
  for (Eigen::Index a = 0; a < V; ++a)
    for (Eigen::Index b = 0; b < V; ++b)
      r(a, b) = a == b ? 1.0
                       : std::clamp(sums[0].sum(static_cast<std::size_t>(a), static_cast<std::size_t>(b)) / (norm[a] * norm[b]),
                                    -1.0, 1.0);
  return r;
}

// Weights proportional to mantissa_j * exp(log_scale_j): raw weights that may lie beyond the
// range of a double (a standard deviation of 1e200-sized values next to one of 1e-170-sized
// values) are normalised in log space.
WeightResult finish(WeightResult r, const Eigen::VectorXd& mantissa, const Eigen::VectorXd& log_scale,
                    const std::string& what) {
  const auto n = mantissa.size();
  if (n > 0 && log_scale.maxCoeff() == log_scale.minCoeff() && std::isfinite(mantissa.sum())) {
    // One scale for all (the min-max and shares bases): plain normalisation.
    const double s = mantissa.sum();
    if (!(s > 0)) throw ComputeError(fmt::format("{}: the weights sum to {} (no column carries information)", what, s));
    r.weights = mantissa / s;
    return r;
  }
  double top = -std::numeric_limits<double>::infinity();
  for (Eigen::Index j = 0; j < n; ++j) {
    if (!std::isfinite(mantissa[j]) || !std::isfinite(log_scale[j]))
      throw ComputeError(fmt::format("{}: the weight of \"{}\" is not a finite number", what, r.names[static_cast<std::size_t>(j)]));
    if (mantissa[j] > 0) top = std::max(top, std::log(mantissa[j]) + log_scale[j]);
  }
  Eigen::VectorXd w(n);
  for (Eigen::Index j = 0; j < n; ++j) w[j] = mantissa[j] * std::exp(log_scale[j] - top);
  const double s = w.sum();
  if (!(s > 0) || !std::isfinite(s))
    throw ComputeError(fmt::format("{}: the weights sum to {} (no column carries information)", what, s));
  r.weights = w / s;
  return r;
}

// ---------------------------------------------------------------------------------------------
// String forms


constexpr EnumEntry<PriorityMethod> kPriorityMethods[] = {
    {PriorityMethod::kEigenvector, "eigenvector", "eigen", "the principal (Perron) eigenvector, Saaty (1977)"},
    {PriorityMethod::kGeometricMean, "geometric_mean", "geometric-mean|gm", "normalised row geometric means"},
    {PriorityMethod::kColumnAverage, "column_average", "column-average|nca",
     "row means of the column-normalised matrix"},
};

constexpr EnumEntry<RandomIndexTable> kRandomIndexTables[] = {
    {RandomIndexTable::kSaaty1980, "saaty1980", "saaty", "Saaty (1980), n <= 11"},
    {RandomIndexTable::kSaaty2005, "saaty2005", "", "Saaty (2005), n <= 15"},
    {RandomIndexTable::kDoneganDodd1991, "donegan-dodd", "donegan_dodd|dd", "Donegan & Dodd (1991), n <= 100"},
    {RandomIndexTable::kAlonsoLamata2006, "alonso-lamata", "alonso_lamata|al", "Alonso & Lamata (2006), n <= 15"},
};

constexpr EnumEntry<Completion> kCompletions[] = {
    {Completion::kLlsm, "llsm", "", "logarithmic least squares over the known judgments"},
    {Completion::kHarker, "harker", "", "Harker's (1987) eigenvector with blanks as 0"},
    {Completion::kLambdaMin, "lambda_min", "lambda-min", "the completion minimising lambda_max"},
};

constexpr EnumEntry<PanelAggregation> kPanelAggregations[] = {
    {PanelAggregation::kAij, "aij", "", "weighted geometric mean of the judgments, then one AHP"},
    {PanelAggregation::kAip, "aip", "", "each expert's priorities, then their weighted mean"},
};

constexpr EnumEntry<PanelMean> kPanelMeans[] = {
    {PanelMean::kGeometric, "geometric", "", "weighted geometric mean of the priorities"},
    {PanelMean::kArithmetic, "arithmetic", "", "weighted arithmetic mean of the priorities"},
};

constexpr EnumEntry<ObjectiveMethod> kObjectiveMethods[] = {
    {ObjectiveMethod::kEntropy, "entropy", "", "entropy weights (熵权法)"},
    {ObjectiveMethod::kCritic, "critic", "", "contrast intensity times conflict (CRITIC)"},
    {ObjectiveMethod::kStdDev, "std", "sd", "proportional to the standard deviation (标准差法)"},
    {ObjectiveMethod::kCv, "cv", "", "proportional to the coefficient of variation (变异系数法)"},
    {ObjectiveMethod::kVariance, "variance", "", "proportional to the variance (均方差法)"},
    {ObjectiveMethod::kIndependence, "independence", "",
     "proportional to 1 / the multiple correlation with the other columns (独立性权系数法)"},
    {ObjectiveMethod::kPca, "pca", "", "loadings of the first principal component"},
};

constexpr EnumEntry<WeightBasis> kWeightBases[] = {
    {WeightBasis::kRaw, "raw", "", "the values as given"},
    {WeightBasis::kMinMax, "minmax", "", "(x - min) / (max - min) per column"},
    {WeightBasis::kShares, "shares", "", "the model's leaf shares"},
};

constexpr EnumEntry<RankOrderMethod> kRankOrderMethods[] = {
    {RankOrderMethod::kRoc, "roc", "", "rank-order centroid (Barron & Barrett 1996)"},
    {RankOrderMethod::kRankSum, "rs", "", "rank sum (Stillwell et al. 1981)"},
    {RankOrderMethod::kReciprocal, "rr", "", "rank reciprocal (Stillwell et al. 1981)"},
};

constexpr EnumEntry<CombineMethod> kCombineMethods[] = {
    {CombineMethod::kLinear, "linear", "", "alpha w_1 + (1 - alpha) w_2"},
    {CombineMethod::kMultiplicative, "multiplicative", "", "the product of the vectors, renormalised"},
    {CombineMethod::kGameTheory, "game_theory", "game-theory", "game-theory combination (博弈论组合赋权)"},
};

}  // namespace

STAFFEVAL_ENUM_TABLE(PriorityMethod, "priority method", kPriorityMethods)
STAFFEVAL_ENUM_TABLE(RandomIndexTable, "random-index table", kRandomIndexTables)
STAFFEVAL_ENUM_TABLE(Completion, "completion method", kCompletions)
STAFFEVAL_ENUM_TABLE(PanelAggregation, "panel aggregation", kPanelAggregations)
STAFFEVAL_ENUM_TABLE(PanelMean, "panel mean", kPanelMeans)
STAFFEVAL_ENUM_TABLE(ObjectiveMethod, "objective weighting method", kObjectiveMethods)
STAFFEVAL_ENUM_TABLE(WeightBasis, "weight basis", kWeightBases)
STAFFEVAL_ENUM_TABLE(RankOrderMethod, "rank-order method", kRankOrderMethods)
STAFFEVAL_ENUM_TABLE(CombineMethod, "combination method", kCombineMethods)

std::string_view to_string(PriorityMethod v) { return enum_table<PriorityMethod>().name(v); }
std::string_view to_string(RandomIndexTable v) { return enum_table<RandomIndexTable>().name(v); }
std::string_view to_string(Completion v) { return enum_table<Completion>().name(v); }
std::string_view to_string(PanelAggregation v) { return enum_table<PanelAggregation>().name(v); }
std::string_view to_string(PanelMean v) { return enum_table<PanelMean>().name(v); }
std::string_view to_string(ObjectiveMethod v) { return enum_table<ObjectiveMethod>().name(v); }
std::string_view to_string(WeightBasis v) { return enum_table<WeightBasis>().name(v); }
std::string_view to_string(RankOrderMethod v) { return enum_table<RankOrderMethod>().name(v); }
std::string_view to_string(CombineMethod v) { return enum_table<CombineMethod>().name(v); }
std::optional<PriorityMethod> parse_priority_method(std::string_view s) { return parse_enum<PriorityMethod>(s); }
std::optional<RandomIndexTable> parse_random_index(std::string_view s) { return parse_enum<RandomIndexTable>(s); }
std::optional<Completion> parse_completion(std::string_view s) { return parse_enum<Completion>(s); }
std::optional<PanelAggregation> parse_panel_aggregation(std::string_view s) { return parse_enum<PanelAggregation>(s); }
std::optional<PanelMean> parse_panel_mean(std::string_view s) { return parse_enum<PanelMean>(s); }
std::optional<ObjectiveMethod> parse_objective_method(std::string_view s) { return parse_enum<ObjectiveMethod>(s); }
std::optional<WeightBasis> parse_weight_basis(std::string_view s) { return parse_enum<WeightBasis>(s); }
std::optional<RankOrderMethod> parse_rank_order_method(std::string_view s) { return parse_enum<RankOrderMethod>(s); }
std::optional<CombineMethod> parse_combine_method(std::string_view s) { return parse_enum<CombineMethod>(s); }

// ---------------------------------------------------------------------------------------------
// Objective weights

void ObjectiveOptions::validate() const {
  if (!(entropy_shift >= 0) || !std::isfinite(entropy_shift))
    throw OptionsError("ObjectiveOptions::entropy_shift", fmt::format("{}", entropy_shift), "must be finite and >= 0");
  if (threads < 0) throw OptionsError("ObjectiveOptions::threads", fmt::format("{}", threads), "must be >= 0");
}

WeightResult objective_weights(const DecisionMatrix& m, const ObjectiveOptions& options) {
  return objective_weights(m.values, m.criteria, m.directions, options,
                           [&m](std::size_t i) { return m.label(i); });
}

WeightResult objective_weights(const Eigen::MatrixXd& x, const std::vector<std::string>& names,
                               const std::vector<Direction>& directions, const ObjectiveOptions& options,
                               const std::vector<std::string>& unit_labels) {
  return objective_weights(x, names, directions, options, [&unit_labels](std::size_t i) {
    return i < unit_labels.size() ? unit_labels[i] : fmt::format("unit {}", i + 1);
  });
}

WeightResult objective_weights(const Eigen::MatrixXd& x_in, const std::vector<std::string>& names,
                               const std::vector<Direction>& directions, const ObjectiveOptions& o,
                               const std::function<std::string(std::size_t)>& unit_label) {
  o.validate();
  const auto n = static_cast<std::size_t>(x_in.cols());
  if (names.size() != n || directions.size() != n)
    throw DataError(fmt::format("objective weights: {} columns but {} names and {} directions", n, names.size(),
                                directions.size()));
  if (n == 0) throw DataError("objective weights: no columns");
  const std::string what = fmt::format("{} weights", to_string(o.method));
  WeightResult r;
  r.method = std::string(to_string(o.method));
  r.names = names;
  r.language = o.language.value_or(detail::language_of_names(names));
  const Language l = r.language;
  r.basis = std::string(to_string(o.basis));
  r.costs_reversed = o.reverse_costs && o.basis != WeightBasis::kShares &&
                     std::find(directions.begin(), directions.end(), Direction::kCost) != directions.end();
  auto unit = [&](Eigen::Index i) {
    return unit_label ? unit_label(static_cast<std::size_t>(i)) : fmt::format("unit {}", i + 1);
  };
  // Units with a missing value in any column are left out: every method needs whole rows. Which
  // columns have one is found from each column's count on every core (one vectorised pass); the
  // list of units kept is made only when some are left out.
  const std::size_t threads = detail::thread_count(o.threads);
  const auto rows_all = static_cast<std::size_t>(x_in.rows());
  const std::vector<detail::ColumnStats> stats = detail::mcda::matrix_stats(x_in, threads);
  const bool all_rows = detail::mcda::no_gaps(x_in, stats);
  std::vector<Eigen::Index> keep;
  if (!all_rows) {
    keep = detail::mcda::complete_rows(x_in, stats);
    r.warnings.push_back(detail::trf(l, "{} unit(s) with missing values left out", "{} 个单位有缺失值，未纳入计算", rows_all - keep.size()));
  }
  const std::size_t kept = all_rows ? rows_all : keep.size();
  // The i-th complete unit's row in x_in.
  auto row = [&](Eigen::Index i) { return all_rows ? i : keep[static_cast<std::size_t>(i)]; };
  const auto m = static_cast<Eigen::Index>(kept);
  if (m < 2)
    throw ComputeError(fmt::format("{}: {} complete unit(s): at least 2 are needed to measure variation", what, m));
  r.units = kept;
  const auto N = static_cast<Eigen::Index>(n);
  if (o.method == ObjectiveMethod::kEntropy && o.basis != WeightBasis::kMinMax)
    for (Eigen::Index i = 0; i < m; ++i)
      for (Eigen::Index j = 0; j < N; ++j)
        if (x_in(row(i), j) < 0)
          throw ComputeError(fmt::format("{}: {}, column \"{}\" = {:g} on the {} basis: entropy needs values >= 0 (use the "
                                         "minmax basis)",
                                         what, unit(row(i)), names[static_cast<std::size_t>(j)],
                                         x_in(row(i), j), r.basis));
  // Every column is divided by its largest magnitude first (its scale, kept in log form): the
  // methods then work on values within [-1, 1], where squares and sums neither overflow nor
  // underflow whatever the units of measurement, and scale-free methods (cv, CRITIC's
  // correlations, PCA, entropy) give the same weights for 1e-170 and 1e200 columns. The values
  // on the basis are computed where they are used (BasisColumn); only the complete units'
  // values are copied, when some units are left out.
  Eigen::MatrixXd complete;
  if (!all_rows) {
    complete.resize(m, N);
    for (Eigen::Index j = 0; j < N; ++j)
      for (Eigen::Index i = 0; i < m; ++i) complete(i, j) = x_in(row(i), j);
  }
  const Eigen::MatrixXd& x = all_rows ? x_in : complete;
  const auto rows = static_cast<std::size_t>(m);
  Eigen::VectorXd log_scale = Eigen::VectorXd::Zero(N);
  std::vector<char> constant(n, 0);
  std::vector<BasisColumn> z(n);
  detail::parallel_for(n, threads, [&](std::size_t jj, std::size_t) {
    const auto j = static_cast<Eigen::Index>(jj);
    BasisColumn& c = z[jj];
    c.x = x.col(j).data();
    // The range of the complete units' values: the count's when every unit is complete.
    double lo = stats[jj].min, hi = stats[jj].max;
    if (!all_rows) {
      lo = hi = c.x[0];
      for (std::size_t i = 1; i < rows; ++i) {
        lo = c.x[i] < lo ? c.x[i] : lo;
        hi = c.x[i] > hi ? c.x[i] : hi;
      }
    }
    constant[jj] = !(hi > lo);
    const double scale = std::max(std::fabs(lo), std::fabs(hi));
    const double s = scale > 0 ? scale : 1.0;
    const bool reverse = o.reverse_costs && directions[jj] == Direction::kCost;
    // Raw: x / s, (hi + lo - x) / s reversed. Min-max: (x - lo) / (hi - lo), 1 - that reversed,
    // 0 for a constant column; the subtraction first, which is exact for values close to lo,
    // keeps the steps of a column whose values differ in their last bits (|x| <= 1e300, so
    // hi - lo is finite). Shares: x / s.
    switch (o.basis) {
      case WeightBasis::kRaw:
        c.origin = reverse ? hi + lo : 0.0;
        c.a = (reverse ? -1.0 : 1.0) / s;
        break;
      case WeightBasis::kMinMax:
        if (hi > lo) {
          c.origin = lo;
          c.a = (reverse ? -1.0 : 1.0) / (hi - lo);
          c.b = reverse ? 1.0 : 0.0;
        } else {
          c.a = 0;
        }
        break;
      case WeightBasis::kShares:
        c.a = 1.0 / s;
        break;
    }
    if (o.method == ObjectiveMethod::kEntropy) c.b += o.entropy_shift;
    if (o.basis != WeightBasis::kMinMax && scale > 0) log_scale[j] = std::log(scale);
    // Values on the basis lie within [-1, 1] (plus the shift) up to rounding, which a column of
    // nearly equal values can make larger: the bounds of the sums are the values' own, not
    // assumed. A value on the basis is a monotone function of the value (a subtraction, a
    // multiplication and an addition, each rounded, and rounding is monotone), and so is its
    // distance from a mean: the largest magnitudes are those at the two ends of the range,
    // computed by the same code as every other value (no pass over the column).
    auto farther = [](double bound, double v) {
      const double t = std::fabs(v);
      return t > bound ? t : bound;
    };
    c.top = farther(farther(0.0, c.at(lo)), c.at(hi));
    if (o.method != ObjectiveMethod::kEntropy && o.method != ObjectiveMethod::kIndependence) {
      c.mean = mean_of(c, rows, c.top);
      c.deviation = farther(farther(0.0, c.at(lo) - c.mean), c.at(hi) - c.mean);
    }
  });
  std::vector<std::string> flat;
  for (std::size_t j = 0; j < n; ++j)
    if (constant[j]) flat.push_back(names[j]);
  if (!flat.empty()) {
    std::string list;
    for (const auto& f : flat) list += (list.empty() ? "" : ", ") + f;
    r.warnings.push_back(detail::trf(l, "no variation in {}: weight 0", "{} 在各单位间没有差异：权重为 0", list));
  }
  if (flat.size() == n) throw ComputeError(fmt::format("{}: no column varies across the units", what));
  Eigen::VectorXd raw = Eigen::VectorXd::Zero(N);
  Eigen::VectorXd raw_log = Eigen::VectorXd::Zero(N);  // raw weight j = raw[j] * exp(raw_log[j])
  // Standard deviations in scaled units; the reported ones are in the data's units.
  // (Entropy, independence and PCA do not use them.)
  Eigen::VectorXd sd_scaled = Eigen::VectorXd::Zero(N), sd = Eigen::VectorXd::Zero(N);
  if (o.method == ObjectiveMethod::kStdDev || o.method == ObjectiveMethod::kVariance ||
      o.method == ObjectiveMethod::kCv || o.method == ObjectiveMethod::kCritic) {
    detail::parallel_for(n, threads, [&](std::size_t j, std::size_t) {
      sd_scaled[static_cast<Eigen::Index>(j)] = constant[j] ? 0.0 : stddev(z[j], rows, o.sample_sd);
    });
    for (Eigen::Index j = 0; j < N; ++j) sd[j] = sd_scaled[j] * std::exp(log_scale[j]);
  }
  auto beyond_range = [&](const Eigen::VectorXd& v, const char* en, const char* zh) {
    Eigen::VectorXd out = v;
    for (Eigen::Index j = 0; j < N; ++j)
      if (!std::isfinite(out[j])) {
        r.warnings.push_back(detail::trf(l, "the {} of \"{}\" is beyond the range of double numbers: not shown",
                                         "“{1}”的{0}超出双精度数的范围：不显示", detail::tr(l, en, zh),
                                         names[static_cast<std::size_t>(j)]));
        out[j] = std::numeric_limits<double>::quiet_NaN();
      }
    return out;
  };
  // Columns that vary, for the correlation-based methods.
  std::vector<Eigen::Index> vary;
  for (Eigen::Index j = 0; j < N; ++j)
    if (!constant[static_cast<std::size_t>(j)]) vary.push_back(j);
  switch (o.method) {
    case ObjectiveMethod::kEntropy: {
      const double k = 1.0 / std::log(static_cast<double>(m));
      Eigen::VectorXd e(N), d(N);
      detail::parallel_for(n, threads, [&](std::size_t jj, std::size_t) {
        const auto j = static_cast<Eigen::Index>(jj);
        const BasisColumn& c = z[jj];
        // One pass: the sums s of the values c on the basis and t of c ln c, both exact, a block
        // at a time (c ln c four values at a time, detail::x_log_x). With the shares p = c / s,
        // the sum of p ln p is then t / s - ln s. Each c ln c lies in [-1/e, 0] for c <= 1 (0 ln 0
        // = 0), and below top ln top for a larger top (a shift).
        constexpr std::size_t kBlock = detail::GridSum::kBlock;
        detail::GridSum sum_c(c.top), sum_c_ln_c(c.top > 1 ? std::max(0.5, c.top * std::log(c.top) * 1.001) : 0.5);
        std::vector<double> values(std::min(rows, kBlock)), terms(values.size());
        for (std::size_t first = 0; first < rows; first += kBlock) {
          const std::size_t count = std::min(kBlock, rows - first);
          for (std::size_t i = 0; i < count; ++i) values[i] = c(first + i);
          sum_c.add_block(values.data(), count);
          detail::x_log_x(values.data(), count, terms.data());
          sum_c_ln_c.add_block(terms.data(), count);
        }
        const double s = sum_c.value(), t = sum_c_ln_c.value();
        // The sums are NaN only if a term broke its bound, which the bounds above rule out: a
        // clear error rather than an entropy clamped from NaN.
        if (std::isnan(s) || std::isnan(t))
          throw ComputeError(fmt::format("{}: column \"{}\": a term beyond the bound of its exact sum", what,
                                         names[jj]));
        // A zero column carries no information: entropy 1. An entropy is at least 0 (rounding
        // could take a column held by one unit just below it; never -0 either).
        e[j] = s > 0 && !constant[jj] ? std::max(0.0, k * (std::log(s) - t / s)) : 1.0;
        d[j] = std::max(0.0, 1.0 - e[j]);
      });
      r.diagnostics = {{"entropy", e}, {"divergence", d}};
      raw = d;
      break;
    }
    case ObjectiveMethod::kStdDev:
      r.diagnostics = {{"sd", beyond_range(sd, "standard deviation", "标准差")}};
      raw = sd_scaled;
      raw_log = log_scale;
      break;
    case ObjectiveMethod::kVariance:
      r.diagnostics = {{"variance", beyond_range(sd.array().square().matrix(), "variance", "方差")}};
      raw = sd_scaled.array().square().matrix();
      raw_log = 2 * log_scale;
      break;
    case ObjectiveMethod::kCv: {
      Eigen::VectorXd cv(N), mean(N);
      for (Eigen::Index j = 0; j < N; ++j) {
        const double mean_scaled = z[static_cast<std::size_t>(j)].mean;
        mean[j] = mean_scaled * std::exp(log_scale[j]);
        if (constant[static_cast<std::size_t>(j)]) {
          cv[j] = 0;
          continue;
        }
        if (mean_scaled == 0)
          throw ComputeError(fmt::format("{}: column \"{}\" has mean 0 on the {} basis: its coefficient of variation "
                                         "is undefined",
                                         what, names[static_cast<std::size_t>(j)], r.basis));
        cv[j] = sd_scaled[j] / std::fabs(mean_scaled);  // scale-free
      }
      r.diagnostics = {{"mean", mean}, {"sd", beyond_range(sd, "standard deviation", "标准差")}, {"cv", cv}};
      raw = cv;
      break;
    }
    case ObjectiveMethod::kCritic: {
      // Constant columns carry no information and take no part in the others' conflict.
      Eigen::VectorXd conflict = Eigen::VectorXd::Zero(N), info = Eigen::VectorXd::Zero(N);
      if (vary.size() == 1) {
        // No other column to conflict with: the one varying column carries all information.
        raw[vary[0]] = 1;
        r.warnings.push_back(detail::tr(l, "one varying column: it takes the whole weight", "只有一列有差异：它取得全部权重"));
        r.diagnostics = {{"sd", beyond_range(sd, "standard deviation", "标准差")}, {"conflict", conflict}, {"information", info}};
        break;
      }
      const Eigen::MatrixXd corr = correlations(z, rows, vary, o.threads);
      for (std::size_t a = 0; a < vary.size(); ++a) {
        const Eigen::Index j = vary[a];
        conflict[j] = (1.0 - corr.row(static_cast<Eigen::Index>(a)).array()).sum();
        raw[j] = sd_scaled[j] * conflict[j];
        info[j] = sd[j] * conflict[j];
      }
      raw_log = log_scale;
      r.diagnostics = {{"sd", beyond_range(sd, "standard deviation", "标准差")}, {"conflict", conflict},
                       {"information", beyond_range(info, "information", "信息量")}};
      break;
    }
    case ObjectiveMethod::kIndependence: {
      // R_j: multiple correlation of column j with the other varying columns (least squares
      // with an intercept; collinear columns give R = 1).
      Eigen::VectorXd rr = Eigen::VectorXd::Zero(N);
      if (vary.size() == 1) {
        raw[vary[0]] = 1;
        r.warnings.push_back(detail::tr(l, "one varying column: it takes the whole weight", "只有一列有差异：它取得全部权重"));
        r.diagnostics = {{"r", rr}};
        break;
      }
      // The basis values, with the units in a canonical order (least squares is not a sum).
      Eigen::MatrixXd zm(m, N);
      for (Eigen::Index j = 0; j < N; ++j)
        for (std::size_t i = 0; i < rows; ++i) zm(static_cast<Eigen::Index>(i), j) = z[static_cast<std::size_t>(j)](i);
      canonical_rows(&zm);
      for (Eigen::Index j : vary) {
        Eigen::MatrixXd a(m, static_cast<Eigen::Index>(vary.size()));
        a.col(0).setOnes();
        Eigen::Index c = 1;
        for (Eigen::Index k : vary)
          if (k != j) a.col(c++) = zm.col(k);
        const Eigen::VectorXd y = zm.col(j);
        const Eigen::VectorXd beta = a.completeOrthogonalDecomposition().solve(y);
        const double sse = (y - a * beta).squaredNorm();
        const double sst = (y.array() - y.mean()).square().sum();
        const double r2 = std::clamp(1 - sse / sst, 0.0, 1.0);
        rr[j] = std::sqrt(r2);
        double floor_r = rr[j];
        if (floor_r < 1e-6) {
          floor_r = 1e-6;
          r.warnings.push_back(detail::trf(l, "column \"{}\" is uncorrelated with the others (R < 1e-6): R taken as 1e-6",
                                           "“{}”列与其他列不相关（R < 1e-6）：R 取 1e-6",
                                           names[static_cast<std::size_t>(j)]));
        }
        raw[j] = 1 / floor_r;
      }
      r.diagnostics = {{"r", rr}};
      break;
    }
    case ObjectiveMethod::kPca: {
      const auto v = static_cast<Eigen::Index>(vary.size());
      Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd> es(correlations(z, rows, vary, o.threads));
      Eigen::VectorXd pc = es.eigenvectors().col(v - 1);  // eigenvalues ascend
      if (pc.sum() < 0) pc = -pc;
      Eigen::VectorXd loading = Eigen::VectorXd::Zero(N);
      for (Eigen::Index a = 0; a < v; ++a) loading[vary[a]] = pc[a];
      r.diagnostics = {{"loading", loading}};
      r.figures = {{"explained_variance", es.eigenvalues()[v - 1] / es.eigenvalues().sum()}};
      if ((loading.array() < 0).any())
        r.warnings.push_back(detail::tr(l,
                                        "some first-component loadings are negative: those indicators pull against the "
                                        "composite, and their weights are negative",
                                        "第一主成分的部分载荷为负：这些指标与综合得分方向相反，其权重为负"));
      raw = loading;
      break;
    }
  }
  if (o.method == ObjectiveMethod::kPca) {
    // Loadings may be negative: normalise by their sum as they are.
    const double s = raw.sum();
    if (!(std::fabs(s) > 0) || !std::isfinite(s))
      throw ComputeError(fmt::format("{}: the loadings sum to {}", what, s));
    r.weights = raw / s;
    return r;
  }
  return finish(std::move(r), raw, raw_log, what);
}

// ---------------------------------------------------------------------------------------------
// Rank-order weights and combinations

WeightResult rank_order_weights(const std::vector<std::string>& order, RankOrderMethod method) {
  const auto n = static_cast<Eigen::Index>(order.size());
  if (n == 0) throw DataError("rank-order weights: the order is empty");
  for (std::size_t a = 0; a < order.size(); ++a)
    if (order[a].empty()) throw DataError(fmt::format("rank-order weights: element {} of the order is empty", a + 1));
  for (std::size_t a = 0; a < order.size(); ++a)
    for (std::size_t b = a + 1; b < order.size(); ++b)
      if (order[a] == order[b]) throw DataError(fmt::format("rank-order weights: \"{}\" is listed twice", order[a]));
  WeightResult r;
  r.method = std::string(to_string(method));
  r.names = order;
  r.language = detail::language_of_names(order);
  Eigen::VectorXd w(n);
  const auto N = static_cast<double>(n);
  for (Eigen::Index k = 1; k <= n; ++k) {
    switch (method) {
      case RankOrderMethod::kRoc: {
        double s = 0;
        for (Eigen::Index i = k; i <= n; ++i) s += 1.0 / static_cast<double>(i);
        w[k - 1] = s / N;
        break;
      }
      case RankOrderMethod::kRankSum: w[k - 1] = 2 * (N + 1 - static_cast<double>(k)) / (N * (N + 1)); break;
      case RankOrderMethod::kReciprocal: w[k - 1] = 1.0 / static_cast<double>(k); break;
    }
  }
  r.weights = w / w.sum();
  return r;
}

void CombineOptions::validate() const {
  if (!(alpha >= 0 && alpha <= 1)) throw OptionsError("CombineOptions::alpha", fmt::format("{}", alpha), "must be in [0, 1]");
}

Eigen::VectorXd weights_in_order(const WeightResult& set, const std::vector<std::string>& names,
                                 const std::string& label) {
  if (set.names.size() != names.size())
    throw DataError(fmt::format("{}: {} elements, expected {}", label, set.names.size(), names.size()));
  std::unordered_map<std::string_view, Eigen::Index> at;
  for (std::size_t i = 0; i < set.names.size(); ++i) at.emplace(set.names[i], static_cast<Eigen::Index>(i));
  Eigen::VectorXd v(static_cast<Eigen::Index>(names.size()));
  for (std::size_t i = 0; i < names.size(); ++i) {
    const auto it = at.find(names[i]);
    if (it == at.end()) throw DataError(fmt::format("{}: no weight for \"{}\"", label, names[i]));
    v[static_cast<Eigen::Index>(i)] = set.weights[it->second];
  }
  return v;
}

WeightResult combine_weights(const std::vector<WeightResult>& sets, const CombineOptions& o) {
  if (sets.empty()) throw DataError("combining weights needs at least two sets, got 0");
  std::vector<Eigen::VectorXd> aligned;
  for (std::size_t k = 0; k < sets.size(); ++k)
    aligned.push_back(weights_in_order(sets[k], sets[0].names, fmt::format("weight set {} ({})", k + 1, sets[k].method)));
  return combine_weights(aligned, sets[0].names, o);
}

WeightResult combine_weights(const std::vector<Eigen::VectorXd>& sets_in, const std::vector<std::string>& names,
                             const CombineOptions& o) {
  o.validate();
  if (sets_in.size() < 2) throw DataError(fmt::format("combining weights needs at least two sets, got {}", sets_in.size()));
  if (o.method == CombineMethod::kLinear && sets_in.size() != 2)
    throw DataError(fmt::format("the linear blend combines exactly two sets, got {}", sets_in.size()));
  const auto n = static_cast<Eigen::Index>(names.size());
  std::vector<Eigen::VectorXd> sets;
  for (std::size_t k = 0; k < sets_in.size(); ++k) {
    const Eigen::VectorXd& s = sets_in[k];
    if (s.size() != n)
      throw DataError(fmt::format("weight set {} has {} weights for {} names", k + 1, s.size(), n));
    for (Eigen::Index j = 0; j < n; ++j)
      if (!std::isfinite(s[j]) || s[j] < 0)
        throw DataError(fmt::format("weight set {}, \"{}\" = {}: weights must be finite and >= 0", k + 1,
                                    names[static_cast<std::size_t>(j)], s[j]));
    if (!(s.sum() > 0)) throw DataError(fmt::format("weight set {} sums to 0", k + 1));
    sets.push_back(detail::normalised_weights(s));
  }
  WeightResult r;
  r.method = std::string(to_string(o.method));
  r.names = names;
  r.language = detail::language_of_names(names);
  for (std::size_t k = 0; k < sets.size(); ++k) r.diagnostics.emplace_back(fmt::format("set{}", k + 1), sets[k]);
  Eigen::VectorXd w;
  switch (o.method) {
    case CombineMethod::kLinear:
      w = o.alpha * sets[0] + (1 - o.alpha) * sets[1];
      r.figures = {{"alpha", o.alpha}};
      break;
    case CombineMethod::kMultiplicative:
      w = Eigen::VectorXd::Ones(n);
      for (const auto& s : sets) w = w.cwiseProduct(s);
      if (!(w.sum() > 0))
        throw ComputeError("multiplicative combination: every product is 0 (no element has a positive weight in every set)");
      break;
    case CombineMethod::kGameTheory: {
      const auto K = static_cast<Eigen::Index>(sets.size());
      Eigen::MatrixXd g(K, K);
      Eigen::VectorXd rhs(K);
      for (Eigen::Index a = 0; a < K; ++a) {
        for (Eigen::Index b = 0; b < K; ++b) g(a, b) = sets[static_cast<std::size_t>(a)].dot(sets[static_cast<std::size_t>(b)]);
        rhs[a] = g(a, a);
      }
      // Identical sets make the system singular: the minimum-norm solution splits evenly.
      Eigen::VectorXd alpha = g.completeOrthogonalDecomposition().solve(rhs).cwiseAbs();
      alpha /= alpha.sum();
      w = Eigen::VectorXd::Zero(n);
      for (Eigen::Index a = 0; a < K; ++a) {
        w += alpha[a] * sets[static_cast<std::size_t>(a)];
        r.figures.emplace_back(fmt::format("coefficient{}", a + 1), alpha[a]);
      }
      break;
    }
  }
  r.weights = w / w.sum();
  return r;
}

// ---------------------------------------------------------------------------------------------
// Reports

std::string WeightResult::brief_report() const {
  const Language l = language;
  std::string out = detail::trf(l, "{} weights of {} elements", "{} 权重，{} 个元素", method, names.size());
  if (!basis.empty())
    out += detail::trf(l, " on the {} basis{} over {} units", "，基于 {} 矩阵{}，{} 个单位", basis,
                       costs_reversed ? detail::tr(l, " (cost columns reversed)", "（成本型列已反向）") : "", units);
  for (const auto& [k, v] : figures) out += fmt::format("{}{} {:.4g}", detail::tr(l, ", ", "，"), k, v);
  return out;
}

std::string WeightResult::full_report() const {
  const Language l = language;
  std::string out = brief_report() + "\n\n";
  std::vector<std::string> head{detail::tr(l, "element", "元素"), detail::tr(l, "weight", "权重")};
  for (const auto& d : diagnostics) head.push_back(d.first);
  std::vector<std::vector<std::string>> rows;
  for (std::size_t j = 0; j < names.size(); ++j) {
    const auto J = static_cast<Eigen::Index>(j);
    std::vector<std::string> row{names[j], fmt::format("{:.4f}", weights[J])};
    for (const auto& d : diagnostics) row.push_back(fmt::format("{:.4f}", d.second[J]));
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), true);
  right[0] = false;
  out += detail::text_table(head, rows, right);
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
