// The vector kernel of the order-free product sums.
#include "common/exact_sum.h"

#include <cmath>
#include <cstring>

#include "common/lanes.h"

namespace staffeval::detail {

namespace {

typedef double V4 __attribute__((vector_size(32)));

// Adds t (integer multiples of 2^-40 below 2^40 in magnitude, lane by lane, or a double) to the
// integer-valued sums: its integer part (rounded to the nearest by adding and subtracting
// 1.5 x 2^52) to `high`, the remainder's multiples of 2^-40 to `low`. Every step is exact, so
// the sums do not depend on the order of the terms. (By reference: a function taking a 32-byte
// vector by value would change its calling convention between the versions; inlined, nothing
// is passed.)
template <class T>
__attribute__((always_inline)) inline void split_add(const T& t, T& high, T& low) {
  constexpr double kRound = 0x1.8p52, kUp = 0x1p40;
  const T r = (t + kRound) - kRound;
  high += r;
  low += ((t - r) * kUp + kRound) - kRound;
}

}  // namespace

// Four lanes, in two chains, eight rows a step: arithmetic only (no comparison), which GCC
// compiles to one AVX2 register per vector, or two SSE2 ones in the baseline. The sums are exact,
// so adding them in lanes gives the same integers as one by one.
STAFFEVAL_MULTIVERSION
void product_block_sum(const double* xa, const double* xb, std::size_t rows, double* high, double* low) {
  constexpr double kUp = 0x1p40;
  V4 h0 = {0, 0, 0, 0}, h1 = h0, l0 = h0, l1 = h0;
  std::size_t i = 0;
  for (; i + 8 <= rows; i += 8) {
    V4 u0, v0, u1, v1;
    std::memcpy(&u0, xa + i, sizeof u0);
    std::memcpy(&v0, xb + i, sizeof v0);
    std::memcpy(&u1, xa + i + 4, sizeof u1);
    std::memcpy(&v1, xb + i + 4, sizeof v1);
    split_add<V4>(u0 * v0 * kUp, h0, l0);  // |x_a x_b 2^40| <= 2^40
    split_add<V4>(u1 * v1 * kUp, h1, l1);
  }
  const V4 hs = h0 + h1, ls = l0 + l1;
  double h = (hs[0] + hs[1]) + (hs[2] + hs[3]), l = (ls[0] + ls[1]) + (ls[2] + ls[3]);
  for (; i < rows; ++i) split_add<double>(xa[i] * xb[i] * kUp, h, l);
  *high = h;
  *low = l;
}

// Eight terms a step in four-lane vectors, two chains; the largest magnitude by comparisons,
// which the AVX-512 and AVX2 versions make in registers.
STAFFEVAL_MULTIVERSION
double grid_block_sum(const double* terms, std::size_t count, double scale, double* high, double* low) {
  V4 h0 = {0, 0, 0, 0}, h1 = h0, l0 = h0, l1 = h0, top0 = h0, top1 = h0;
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    V4 u0, u1;
    std::memcpy(&u0, terms + i, sizeof u0);
    std::memcpy(&u1, terms + i + 4, sizeof u1);
    const V4 t0 = u0 * scale, t1 = u1 * scale;
    const V4 a0 = t0 < 0 ? -t0 : t0, a1 = t1 < 0 ? -t1 : t1;  // NaN stays NaN
    top0 = a0 > top0 ? a0 : top0;
    top1 = a1 > top1 ? a1 : top1;
    split_add(t0, h0, l0);
    split_add(t1, h1, l1);
  }
  const V4 hs = h0 + h1, ls = l0 + l1, ts = top0 > top1 ? top0 : top1;
  double h = (hs[0] + hs[1]) + (hs[2] + hs[3]), l = (ls[0] + ls[1]) + (ls[2] + ls[3]);
  double top = std::fmax(std::fmax(ts[0], ts[1]), std::fmax(ts[2], ts[3]));
  for (; i < count; ++i) {
    const double t = terms[i] * scale;
    top = std::fabs(t) > top ? std::fabs(t) : top;
    split_add(t, h, l);
  }
  *high = h;
  *low = l;
  return top;
}

}  // namespace staffeval::detail
