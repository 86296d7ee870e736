// WPM, the weighted product model: prod_j r_ij^w_j over the normalised matrix (Bridgman 1922;
// Miller & Starr 1969).
#include "numerics/mcda/mcda.h"

namespace staffeval::detail::mcda {

void wpm(const Input& in, Output* out) {
  out->score = weighted_product(normalized(in), in.weights);
}

}  // namespace staffeval::detail::mcda
