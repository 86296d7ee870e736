// The vector kernel of p ln p (entropy weights).
#include "common/log_kernel.h"

#include <cstdint>
#include <cstring>

#include "common/lanes.h"

namespace staffeval::detail {

namespace {

typedef double V4 __attribute__((vector_size(32)));
typedef std::int64_t I4 __attribute__((vector_size(32)));
typedef std::uint64_t U4 __attribute__((vector_size(32)));

// p ln p for four values (see the header). The constants are fdlibm's: ln 2 in two parts (the
// high part has 32 significant bits, so k ln2_hi is exact for |k| < 2^20) and the coefficients
// of the minimax polynomial R(z) ~ (ln((1 + s) / (1 - s)) - 2s) / s, z = s^2, |error| < 2^-58.9.
// (Values in and out through memory: a function taking or returning a 32-byte vector would
// change its calling convention between the versions; inlined, the copies vanish.)
__attribute__((always_inline)) inline void x_log_x4(const double* in, double* out) {
  V4 p;
  std::memcpy(&p, in, sizeof p);
  constexpr double ln2_hi = 6.93147180369123816490e-01, ln2_lo = 1.90821492927058770002e-10;
  constexpr double lg1 = 6.666666666666735130e-01, lg2 = 3.999999999940941908e-01,
                   lg3 = 2.857142874366239149e-01, lg4 = 2.222219843214978396e-01,
                   lg5 = 1.818357216161805012e-01, lg6 = 1.531383769920937332e-01,
                   lg7 = 1.479819860511658591e-01;
  // Subnormal values are scaled into the normal range first: 2^54 p, k - 54.
  const I4 tiny = p < 0x1p-1022;
  const V4 x = tiny ? p * 0x1p54 : p;
  U4 bits;
  std::memcpy(&bits, &x, sizeof bits);
  // The high word, shifted so that the exponent steps up where the mantissa passes sqrt(2):
  // k = exponent + (m >= sqrt(2)), and m's high word rebased to [sqrt(2)/2, sqrt(2)).
  U4 high = (bits >> 32) + (0x3ff00000 - 0x3fe6a09e);
  const I4 k = __builtin_convertvector(high >> 20, I4) - 0x3ff + (tiny & -54);
  high = (high & 0x000fffff) + 0x3fe6a09e;
  bits = (high << 32) | (bits & 0xffffffff);
  V4 m;
  std::memcpy(&m, &bits, sizeof m);
  const V4 f = m - 1.0;
  const V4 hfsq = 0.5 * f * f;
  const V4 s = f / (2.0 + f);
  const V4 z = s * s, w = z * z;
  const V4 t1 = w * (lg2 + w * (lg4 + w * lg6));
  const V4 t2 = z * (lg1 + w * (lg3 + w * (lg5 + w * lg7)));
  const V4 r = t2 + t1;
  // k as a double: |k| < 2^51, so adding it to the bits of 1.5 x 2^52 and subtracting that
  // number is exact (no 64-bit integer conversion, which AVX2 lacks).
  const I4 magic = {0x4338000000000000, 0x4338000000000000, 0x4338000000000000, 0x4338000000000000};
  const I4 kbits = k + magic;
  V4 dk;
  std::memcpy(&dk, &kbits, sizeof dk);
  dk -= 0x1.8p52;
  const V4 log = s * (hfsq + r) + dk * ln2_lo - hfsq + f + dk * ln2_hi;
  const V4 zero = {0, 0, 0, 0};
  const V4 t = p > 0.0 ? p * log : zero;
  std::memcpy(out, &t, sizeof t);
}

}  // namespace

STAFFEVAL_MULTIVERSION
void x_log_x(const double* p, std::size_t n, double* out) {
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) x_log_x4(p + i, out + i);
  if (i < n) {  // one to three left: the same arithmetic, padded with ones
    double in[4] = {1.0, 1.0, 1.0, 1.0}, t[4];
    std::memcpy(in, p + i, (n - i) * sizeof(double));
    x_log_x4(in, t);
    std::memcpy(out + i, t, (n - i) * sizeof(double));
  }
}

}  // namespace staffeval::detail
