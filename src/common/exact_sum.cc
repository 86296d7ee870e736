// The vector kernel of the order-free product sums.
#include "common/exact_sum.h"

#include <cmath>
#include <cstring>

#include "common/lanes.h"

namespace staffeval::detail {

// Four lanes, in two chains, eight rows a step: arithmetic only (no comparison), which GCC
// compiles to one AVX2 register per vector, or two SSE2 ones in the baseline. The sums are exact,
// so adding them in lanes gives the same integers as one by one.
STAFFEVAL_MULTIVERSION
void product_block_sum(const double* xa, const double* xb, std::size_t rows, double* high, double* low) {
  typedef double V4 __attribute__((vector_size(32)));
  constexpr double kRound = 0x1.8p52, kUp = 0x1p40;
  const V4 round = {kRound, kRound, kRound, kRound}, up = {kUp, kUp, kUp, kUp};
  V4 h0 = {0, 0, 0, 0}, h1 = h0, l0 = h0, l1 = h0;
  std::size_t i = 0;
  for (; i + 8 <= rows; i += 8) {
    V4 u0, v0, u1, v1;
    std::memcpy(&u0, xa + i, sizeof u0);
    std::memcpy(&v0, xb + i, sizeof v0);
    std::memcpy(&u1, xa + i + 4, sizeof u1);
    std::memcpy(&v1, xb + i + 4, sizeof v1);
    const V4 t0 = u0 * v0 * up, t1 = u1 * v1 * up;  // |t| <= 2^40
    const V4 r0 = (t0 + round) - round, r1 = (t1 + round) - round;
    h0 += r0;
    h1 += r1;
    l0 += ((t0 - r0) * up + round) - round;
    l1 += ((t1 - r1) * up + round) - round;
  }
  const V4 hs = h0 + h1, ls = l0 + l1;
  double h = (hs[0] + hs[1]) + (hs[2] + hs[3]), l = (ls[0] + ls[1]) + (ls[2] + ls[3]);
  for (; i < rows; ++i) {
    const double t = xa[i] * xb[i] * kUp;
    const double r = (t + kRound) - kRound;
    h += r;
    l += ((t - r) * kUp + kRound) - kRound;
  }
  *high = h;
  *low = l;
}

// Eight terms a step in four-lane vectors, two chains; the largest magnitude by comparisons,
// which the AVX-512 and AVX2 versions make in registers.
STAFFEVAL_MULTIVERSION
double grid_block_sum(const double* terms, std::size_t count, double scale, double* high, double* low) {
  typedef double V4 __attribute__((vector_size(32)));
  constexpr double kRound = 0x1.8p52, kUp = 0x1p40;
  const V4 vscale = {scale, scale, scale, scale}, round = {kRound, kRound, kRound, kRound},
           up = {kUp, kUp, kUp, kUp};
  V4 h0 = {0, 0, 0, 0}, h1 = h0, l0 = h0, l1 = h0, top0 = h0, top1 = h0;
  std::size_t i = 0;
  for (; i + 8 <= count; i += 8) {
    V4 u0, u1;
    std::memcpy(&u0, terms + i, sizeof u0);
    std::memcpy(&u1, terms + i + 4, sizeof u1);
    const V4 t0 = u0 * vscale, t1 = u1 * vscale;
    const V4 a0 = t0 < 0 ? -t0 : t0, a1 = t1 < 0 ? -t1 : t1;  // NaN stays NaN
    top0 = a0 > top0 ? a0 : top0;
    top1 = a1 > top1 ? a1 : top1;
    const V4 r0 = (t0 + round) - round, r1 = (t1 + round) - round;
    h0 += r0;
    h1 += r1;
    l0 += ((t0 - r0) * up + round) - round;
    l1 += ((t1 - r1) * up + round) - round;
  }
  const V4 hs = h0 + h1, ls = l0 + l1, ts = top0 > top1 ? top0 : top1;
  double h = (hs[0] + hs[1]) + (hs[2] + hs[3]), l = (ls[0] + ls[1]) + (ls[2] + ls[3]);
  double top = std::fmax(std::fmax(ts[0], ts[1]), std::fmax(ts[2], ts[3]));
  for (; i < count; ++i) {
    const double t = terms[i] * scale;
    top = std::fabs(t) > top ? std::fabs(t) : top;
    const double r = (t + kRound) - kRound;
    h += r;
    l += ((t - r) * kUp + kRound) - kRound;
  }
  *high = h;
  *low = l;
  return top;
}

}  // namespace staffeval::detail
