// SAW, simple additive weighting: sum_j w_j r_ij over the normalised matrix (Churchman & Ackoff
// 1954; MacCrimmon 1968).
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void saw(const Input& in, Output* out) {
  out->score = normalized(in) * in.weights;
}

}  // namespace staffeval::detail::mcda
