// WASPAS, the weighted aggregated sum product assessment: lambda SAW + (1 - lambda) WPM
// (Zavadskas, Turskis, Antucheviciene & Zakarevicius 2012).
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void waspas(const Input& in, Output* out) {
  const Eigen::MatrixXd r = normalized(in);
  const Eigen::VectorXd saw = r * in.weights;
  const Eigen::VectorXd wpm = weighted_product(r, in.weights);
  const double lambda = in.options.lambda;
  out->score = lambda * saw + (1 - lambda) * wpm;
  out->intermediates = {{"saw", saw}, {"wpm", wpm}};
}

}  // namespace staffeval::detail::mcda
