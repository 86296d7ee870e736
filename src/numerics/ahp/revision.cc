// The bounded revision search for inconsistent matrices (documented at ahp()).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/numeric.h"
#include "numerics/ahp/ahp_internal.h"

namespace staffeval {

namespace detail::ahp {

const double kScale[] = {1.0 / 9, 1.0 / 8, 1.0 / 7, 1.0 / 6, 1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1,
                         2,       3,       4,       5,       6,       7,       8,       9};

// The position on the 1-9 scale nearest to v (in log distance).
int nearest_scale(double v) {
  int best = 0;
  for (int k = 1; k < 17; ++k)
    if (std::fabs(std::log(kScale[k] / v)) < std::fabs(std::log(kScale[best] / v))) best = k;
  return best;
}

// The revision search documented at ahp(). A single change is looked for among every scale value
// of the judgments contributing most to CI (all judgments for n <= 10, else the 2n largest
// contributions; given judgments only: a missing one is completed, not revised): the smallest
// change |ln(to / from)| that brings CR under the threshold. Failing that, rounds move one of
// the 2n largest contributors to the scale value nearest the ratio its weights imply, the move
// lowering CR most, for at most n rounds. Every CR is computed exactly. In all at most
// 16 max(45, 2n) + n (2n) AHP evaluations: polynomial in n (the former exhaustive stepwise
// search took minutes at n = 60).
std::vector<RevisionStep> revise(const Eigen::MatrixXd& given, const AhpOptions& o) {
  const Eigen::Index n = given.rows();
  struct Candidate {
    Eigen::Index i, j;
    double to, cr, cost;
  };
  auto with = [&](const Eigen::MatrixXd& m, Eigen::Index i, Eigen::Index j, double v) {
    Eigen::MatrixXd t = m;
    t(i, j) = v;
    t(j, i) = 1 / v;
    return t;
  };
  // The given judgments by their part in CI, largest first: (i, j, consistent ratio).
  struct Share {
    Eigen::Index i, j;
    double share, ratio;
  };
  auto contributors = [&](const Eigen::MatrixXd& m, std::size_t keep) {
    const Core base = core(m, o);
    std::vector<Share> shares;
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j) {
        if (std::isnan(m(i, j))) continue;
        const double ratio = base.weights[i] / base.weights[j];
        const double e = std::exp(std::log(m(i, j)) - std::log(ratio));
        shares.push_back({i, j, e + 1 / e - 2, ratio});
      }
    std::stable_sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) { return a.share > b.share; });
    if (shares.size() > keep) shares.resize(keep);
    return shares;
  };
  const std::size_t wide = n <= 10 ? std::size_t{45} : static_cast<std::size_t>(2 * n);
  // One change, if one suffices.
  const Candidate* best = nullptr;
  Candidate pick{};
  for (const auto& sh : contributors(given, wide)) {
    const double from = given(sh.i, sh.j);
    for (double v : kScale) {
      const double cost = std::fabs(std::log(v / from));
      if (cost < 1e-9 || (best && cost > best->cost + 1e-12)) continue;
      const double cr = core(with(given, sh.i, sh.j, v), o).cr;
      if (!(cr < o.threshold)) continue;
      if (!best || cost < best->cost - 1e-12 || cr < best->cr) {
        pick = {sh.i, sh.j, v, cr, cost};
        best = &pick;
      }
    }
  }
  if (best)
    return {{static_cast<std::size_t>(best->i), static_cast<std::size_t>(best->j), given(best->i, best->j), best->to,
             best->cr}};
  // Otherwise step by step.
  std::vector<RevisionStep> steps;
  Eigen::MatrixXd m = given;
  for (Eigen::Index round = 0; round < n; ++round) {
    const Candidate* step = nullptr;
    Candidate c{};
    for (const auto& sh : contributors(m, static_cast<std::size_t>(2 * n))) {
      const double target = kScale[nearest_scale(sh.ratio)];
      if (std::fabs(std::log(target / m(sh.i, sh.j))) < 1e-9) continue;
      const double cr = core(with(m, sh.i, sh.j, target), o).cr;
      if (!step || cr < step->cr) {
        c = {sh.i, sh.j, target, cr, 0};
        step = &c;
      }
    }
    if (!step) break;
    steps.push_back({static_cast<std::size_t>(step->i), static_cast<std::size_t>(step->j), m(step->i, step->j), step->to,
                     step->cr});
    m = with(m, step->i, step->j, step->to);
    if (step->cr < o.threshold) return steps;
  }
  return {};
}

std::string judgment_text(double v) {
  // Judgments below 1 read better as fractions of the scale.
  if (v < 1) {
    const double r = 1 / v;
    if (std::fabs(r - std::round(r)) < 1e-9) return fmt::format("1/{:g}", std::round(r));
  }
  return fmt::format("{:.4g}", v);
}

}  // namespace detail::ahp

}  // namespace staffeval
