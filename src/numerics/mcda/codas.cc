// CODAS, combinative distance-based assessment (Keshavarz Ghorabaee, Zavadskas, Turskis &
// Antucheviciene, Economic Computation and Economic Cybernetics Studies and Research 50(3), 2016):
// on the weighted normalised matrix v (linear-max by default), with the negative-ideal point
// ns_j = min_i v_ij, the Euclidean and taxicab distances E_i and T_i to it, and
//   H_i = sum_k (E_i - E_k) + psi(E_i - E_k) (T_i - T_k),  psi(d) = 1 if |d| >= tau else 0,
// higher is better. The double sum is formed in O(m log m): with the units sorted by E, those
// within tau of a unit are one run, and every sum is exact on a fixed-point grid, so the result
// does not depend on the order of the units.
#include <algorithm>
#include <cmath>
#include <numeric>

#include "common/exact_sum.h"
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

namespace {

// Values in [0, bound] as integers on a grid of 2^-100 times the bound's power of two.
struct Grid {
  explicit Grid(double bound) {
    std::frexp(bound > 0 && std::isfinite(bound) ? bound : 1.0, &exponent);
    scale = std::ldexp(1.0, 100 - exponent);
  }
  Int128 operator()(double v) const { return static_cast<Int128>(std::nearbyint(v * scale)); }
  double value(Int128 k) const { return std::ldexp(static_cast<double>(k), exponent - 100); }
  int exponent = 0;
  double scale = 1.0;
};

}  // namespace

void codas(const Input& in, Output* out) {
  const Eigen::MatrixXd v =
      normalized(in) * in.weights.asDiagonal();
  const Eigen::Index m = v.rows();
  if (m > (Eigen::Index{1} << 26)) throw DataError("CODAS compares at most 2^26 units");
  const Eigen::RowVectorXd ns = v.colwise().minCoeff();
  Eigen::VectorXd e(m), t(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const Eigen::RowVectorXd d = v.row(i) - ns;
    e[i] = d.norm();
    t[i] = d.cwiseAbs().sum();
  }
  const double tau = in.options.tau;
  const Grid ge(e.maxCoeff()), gt(t.maxCoeff());
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::sort(order.begin(), order.end(), [&](Eigen::Index a, Eigen::Index b) { return e[a] < e[b]; });
  std::vector<double> sorted_e(order.size());
  std::vector<Int128> prefix_t(order.size() + 1, 0);
  Int128 sum_e = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    sorted_e[k] = e[order[k]];
    prefix_t[k + 1] = prefix_t[k] + gt(t[order[k]]);
    sum_e += ge(e[order[k]]);
  }
  const Int128 sum_t = prefix_t.back();
  Eigen::VectorXd h(m);
  for (Eigen::Index i = 0; i < m; ++i) {
    const double ei = e[i];
    // The run of units within tau of unit i (psi = 0 there): below it ei - e_k >= tau, above it
    // e_k - ei >= tau.
    const auto lo = std::partition_point(sorted_e.begin(), sorted_e.end(), [&](double ek) { return ei - ek >= tau; });
    const auto hi = std::partition_point(lo, sorted_e.end(), [&](double ek) { return !(ek - ei >= tau); });
    const auto near_begin = static_cast<std::size_t>(lo - sorted_e.begin());
    const auto near_end = static_cast<std::size_t>(hi - sorted_e.begin());
    const auto far = static_cast<Int128>(static_cast<std::size_t>(m) - (near_end - near_begin));
    const Int128 far_t = sum_t - (prefix_t[near_end] - prefix_t[near_begin]);
    h[i] = ge.value(static_cast<Int128>(m) * ge(ei) - sum_e) + gt.value(far * gt(t[i]) - far_t);
  }
  const double lo = h.minCoeff(), hi = h.maxCoeff();
  out->score = h;
  out->share = hi > lo ? Eigen::VectorXd(((h.array() - lo) / (hi - lo)).matrix()) : Eigen::VectorXd::Ones(m);
  out->intermediates = {{"E", e}, {"T", t}};
}

}  // namespace staffeval::detail::mcda
