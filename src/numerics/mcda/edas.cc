// EDAS, evaluation based on distance from average solution (Keshavarz Ghorabaee, Zavadskas,
// Olfat & Turskis, Informatica 26(3), 2015): with the average AV_j of each criterion,
//   PDA_ij = max(0, x_ij - AV_j) / |AV_j|, NDA_ij = max(0, AV_j - x_ij) / |AV_j| (cost: swapped),
//   SP_i = sum_j w_j PDA_ij, SN_i = sum_j w_j NDA_ij,
//   NSP_i = SP_i / max SP, NSN_i = 1 - SN_i / max SN, AS_i = (NSP_i + NSN_i) / 2, higher better.
// When no unit lies above (below) the average anywhere, NSP = 0 (NSN = 1) for every unit.
#include <cmath>

#include <fmt/format.h>

#include "common/exact_sum.h"
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void edas(const Input& in, Output* out) {
  const Eigen::MatrixXd& x = in.x;
  const Eigen::Index m = x.rows(), n = x.cols();
  Eigen::VectorXd sp = Eigen::VectorXd::Zero(m), sn = Eigen::VectorXd::Zero(m);
  for (Eigen::Index j = 0; j < n; ++j) {
    // The average on a fixed-point grid: the same whatever the order of the units.
    FixedSum sum(x.col(j).cwiseAbs().maxCoeff());
    for (Eigen::Index i = 0; i < m; ++i) sum.add(x(i, j));
    const double av = sum.value() / static_cast<double>(m);
    if (av == 0)
      throw DataError(fmt::format("{}: the average is 0, and EDAS measures distances as shares of the average",
                                  criterion_name(in.criteria, j)));
    const double scale = std::fabs(av);
    const bool cost = in.directions[static_cast<std::size_t>(j)] == Direction::kCost;
    for (Eigen::Index i = 0; i < m; ++i) {
      const double above = std::fmax(0.0, x(i, j) - av) / scale, below = std::fmax(0.0, av - x(i, j)) / scale;
      sp[i] += in.weights[j] * (cost ? below : above);
      sn[i] += in.weights[j] * (cost ? above : below);
    }
  }
  const double sp_max = sp.maxCoeff(), sn_max = sn.maxCoeff();
  const Eigen::VectorXd nsp = sp_max > 0 ? Eigen::VectorXd(sp / sp_max) : Eigen::VectorXd::Zero(m);
  const Eigen::VectorXd nsn = sn_max > 0 ? Eigen::VectorXd((1.0 - (sn / sn_max).array()).matrix()) : Eigen::VectorXd::Ones(m);
  out->score = (nsp + nsn) / 2;
  out->normalization = "average";
  out->intermediates = {{"SP", sp}, {"SN", sn}, {"NSP", nsp}, {"NSN", nsn}};
}

}  // namespace staffeval::detail::mcda
