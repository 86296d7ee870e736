// Sobol' design (Boost.Random's sequence, scrambled) and the Sobol' index estimators.
#include <algorithm>
#include <cmath>
#include <vector>

#include <boost/random/sobol.hpp>
#include <fmt/format.h>

#include "common/random.h"
#include "staffeval/error.h"
#include "staffeval/sobol.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Linear matrix scrambling and a digital shift of one coordinate (Matoušek 1998): the bits of
// x, most significant first, times a random lower-triangular matrix with a unit diagonal over
// GF(2), then XOR a random word. column[j] is the image of bit j (counted from the top).
struct Scramble {
  std::uint64_t column[64];
  std::uint64_t shift;

  explicit Scramble(detail::Random& r) {
    for (int j = 0; j < 64; ++j) {
      const std::uint64_t diagonal = std::uint64_t{1} << (63 - j);
      column[j] = diagonal | (r.bits() & (diagonal - 1));
    }
    shift = r.bits();
  }
  double operator()(std::uint64_t x) const {
    std::uint64_t y = shift;
    for (int j = 0; x != 0; ++j, x <<= 1)
      if (x >> 63) y ^= column[j];
    return (static_cast<double>(y >> 11) + 0.5) * 0x1.0p-53;
  }
};

struct Estimates {
  Eigen::VectorXd first, first_jansen, total;
  double variance = 0, mean = 0;
};

// The three estimators over the base points, each counted `count[i]` times (all once when
// `count` is null): a bootstrap resample as multiplicities, so the sums run over contiguous
// memory in base-point order.
Estimates estimate(const Eigen::VectorXd& fa, const Eigen::VectorXd& fb, const Eigen::MatrixXd& fab, const double* count) {
  const auto n = static_cast<std::size_t>(fa.size());
  const double* a = fa.data();
  const double* b = fb.data();
  auto c = [&](std::size_t i) { return count ? count[i] : 1.0; };
  Estimates e;
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) sum += c(i) * (a[i] + b[i]);
  e.mean = sum / static_cast<double>(2 * n);
  double ss = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double da = a[i] - e.mean, db = b[i] - e.mean;
    ss += c(i) * (da * da + db * db);
  }
  e.variance = ss / static_cast<double>(2 * n);
  const Eigen::Index k = fab.cols();
  e.first.resize(k);
  e.first_jansen.resize(k);
  e.total.resize(k);
  const auto A = fa.array(), B = fb.array();
  const auto N = static_cast<Eigen::Index>(n);
  for (Eigen::Index j = 0; j < k; ++j) {
    const auto AB = fab.col(j).array();
    // Eigen's vectorised sums: a fixed order of additions for a given build.
    double s1, jb, ja;
    if (count) {
      const Eigen::Map<const Eigen::ArrayXd> C(count, N);
      s1 = (C * B * (AB - A)).sum();
      jb = (C * (B - AB).square()).sum();
      ja = (C * (A - AB).square()).sum();
    } else {
      s1 = (B * (AB - A)).sum();
      jb = (B - AB).square().sum();
      ja = (A - AB).square().sum();
    }
    const double md = static_cast<double>(n);
    e.first[j] = s1 / md / e.variance;
    e.first_jansen[j] = (e.variance - jb / md / 2) / e.variance;
    e.total[j] = ja / md / 2 / e.variance;
  }
  return e;
}

// The bootstrap's resamples as multiplicities (B rows of n counts), resample b drawn from the
// stream (seed, b). Every output of an analysis resamples the same base points, so a thread
// keeps the last ones it drew.
const std::vector<double>& resample_counts(std::size_t n, std::size_t B, std::uint64_t seed) {
  thread_local std::vector<double> counts;
  thread_local std::size_t last_n = 0, last_b = 0;
  thread_local std::uint64_t last_seed = 0;
  if (last_n == n && last_b == B && last_seed == seed && counts.size() == n * B) return counts;
  counts.assign(n * B, 0.0);
  for (std::size_t b = 0; b < B; ++b) {
    detail::Random r(seed, b);
    for (std::size_t i = 0; i < n; ++i) counts[b * n + static_cast<std::size_t>(r.below(static_cast<std::uint64_t>(n)))] += 1;
  }
  last_n = n;
  last_b = B;
  last_seed = seed;
  return counts;
}

// Linear interpolation between order statistics (Hyndman & Fan type 7, NumPy's default).
double percentile(std::vector<double> v, double p) {
  v.erase(std::remove_if(v.begin(), v.end(), [](double x) { return std::isnan(x); }), v.end());
  if (v.empty()) return kNaN;
  std::sort(v.begin(), v.end());
  const double h = (static_cast<double>(v.size()) - 1) * p;
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, v.size() - 1);
  return v[lo] + (h - static_cast<double>(lo)) * (v[hi] - v[lo]);
}

}  // namespace

SobolDesign sobol_design(std::size_t n, std::size_t k, std::uint64_t seed) {
  using Table = boost::random::default_sobol_table;
  if (n == 0) throw OptionsError("sobol_design: n", "0", "needs at least one base point");
  if (k == 0) throw OptionsError("sobol_design: k", "0", "needs at least one input");
  // A copy: the table declares max_dimension without defining it, so binding it to a reference
  // (as fmt::format does) fails to link in unoptimised builds.
  const std::size_t max_dimension = Table::max_dimension;
  if (2 * k > max_dimension)
    throw OptionsError("sobol_design: k", fmt::format("{}", k),
                       fmt::format("at most {} inputs (the direction numbers cover {} dimensions)", max_dimension / 2,
                                   max_dimension));
  const std::size_t dims = 2 * k;
  detail::Random r(seed, 0);
  std::vector<Scramble> scramble;
  scramble.reserve(dims);
  for (std::size_t d = 0; d < dims; ++d) scramble.emplace_back(r);
  SobolDesign design;
  const auto N = static_cast<Eigen::Index>(n), K = static_cast<Eigen::Index>(k);
  design.a.resize(N, K);
  design.b.resize(N, K);
  // Boost's engine starts after the sequence's first point (all zeros); it is put back, so that
  // the first 2^m points keep the balance of a digital net.
  boost::random::sobol engine(dims);
  for (Eigen::Index i = 0; i < N; ++i)
    for (std::size_t d = 0; d < dims; ++d) {
      const double u = scramble[d](i == 0 ? 0 : engine());
      const auto j = static_cast<Eigen::Index>(d % k);
      (d < k ? design.a : design.b)(i, j) = u;
    }
  return design;
}

Eigen::MatrixXd sobol_radial(const SobolDesign& design, Eigen::Index j) {
  if (j < 0 || j >= design.a.cols())
    throw OptionsError("sobol_radial: j", fmt::format("{}", j), fmt::format("must be in [0, {})", design.a.cols()));
  Eigen::MatrixXd ab = design.a;
  ab.col(j) = design.b.col(j);
  return ab;
}

SobolIndices sobol_indices(const Eigen::VectorXd& f_a, const Eigen::VectorXd& f_b, const Eigen::MatrixXd& f_ab,
                           const SobolOptions& o) {
  if (o.bootstrap < 0) throw OptionsError("SobolOptions::bootstrap", fmt::format("{}", o.bootstrap), "must be >= 0");
  if (!(o.confidence > 0 && o.confidence < 1))
    throw OptionsError("SobolOptions::confidence", fmt::format("{}", o.confidence), "must be in (0, 1)");
  const Eigen::Index n = f_a.size();
  if (n < 2) throw DataError(fmt::format("Sobol' indices: {} base point(s); at least 2 are needed", n));
  if (f_b.size() != n || f_ab.rows() != n || f_ab.cols() < 1)
    throw DataError(fmt::format("Sobol' indices: f(A) has {} values, f(B) {}, f(A_B) {} x {}: they must be n, n and "
                                "n x k with k >= 1",
                                n, f_b.size(), f_ab.rows(), f_ab.cols()));
  for (Eigen::Index i = 0; i < n; ++i) {
    if (!std::isfinite(f_a[i])) throw DataError(fmt::format("Sobol' indices: f(A) row {} = {}: not a finite output", i + 1, f_a[i]));
    if (!std::isfinite(f_b[i])) throw DataError(fmt::format("Sobol' indices: f(B) row {} = {}: not a finite output", i + 1, f_b[i]));
    for (Eigen::Index j = 0; j < f_ab.cols(); ++j)
      if (!std::isfinite(f_ab(i, j)))
        throw DataError(fmt::format("Sobol' indices: f(A_B) row {}, input {} = {}: not a finite output", i + 1, j + 1, f_ab(i, j)));
  }
  const Eigen::Index k = f_ab.cols();
  SobolIndices out;
  out.base_samples = static_cast<std::size_t>(n);
  const Estimates e = estimate(f_a, f_b, f_ab, nullptr);
  out.mean = e.mean;
  out.variance = e.variance;
  const Eigen::VectorXd nan = Eigen::VectorXd::Constant(k, kNaN);
  out.first_low = out.first_high = out.first_jansen_low = out.first_jansen_high = out.total_low = out.total_high = nan;
  // No spread at all (or only rounding noise of a constant): nothing to apportion.
  if (!(e.variance > 1e-24 * std::max(1.0, e.mean * e.mean))) {
    out.constant = true;
    out.first = out.first_jansen = out.total = nan;
    return out;
  }
  out.first = e.first;
  out.first_jansen = e.first_jansen;
  out.total = e.total;
  if (o.bootstrap == 0) return out;
  const auto B = static_cast<std::size_t>(o.bootstrap);
  std::vector<std::vector<double>> s1(static_cast<std::size_t>(k)), s1j(static_cast<std::size_t>(k)),
      st(static_cast<std::size_t>(k));
  const std::vector<double>& counts = resample_counts(static_cast<std::size_t>(n), B, o.seed);
  for (std::size_t b = 0; b < B; ++b) {
    const Estimates eb = estimate(f_a, f_b, f_ab, counts.data() + b * static_cast<std::size_t>(n));
    const bool spread = eb.variance > 1e-24 * std::max(1.0, eb.mean * eb.mean);
    for (Eigen::Index j = 0; j < k; ++j) {
      const auto J = static_cast<std::size_t>(j);
      s1[J].push_back(spread ? eb.first[j] : kNaN);
      s1j[J].push_back(spread ? eb.first_jansen[j] : kNaN);
      st[J].push_back(spread ? eb.total[j] : kNaN);
    }
  }
  const double lo = (1 - o.confidence) / 2, hi = 1 - lo;
  for (Eigen::Index j = 0; j < k; ++j) {
    const auto J = static_cast<std::size_t>(j);
    out.first_low[j] = percentile(s1[J], lo);
    out.first_high[j] = percentile(s1[J], hi);
    out.first_jansen_low[j] = percentile(s1j[J], lo);
    out.first_jansen_high[j] = percentile(s1j[J], hi);
    out.total_low[j] = percentile(st[J], lo);
    out.total_high[j] = percentile(st[J], hi);
  }
  return out;
}

}  // namespace staffeval
