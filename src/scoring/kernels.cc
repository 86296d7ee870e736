// Vectorised kernels of the evaluation; see kernels.h for why they are bit-identical everywhere.
#include "scoring/kernels.h"

#include <cstring>
#include <limits>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define STAFFEVAL_MULTIVERSION __attribute__((target_clones("avx2", "default")))
#else
#define STAFFEVAL_MULTIVERSION
#endif

// The 32-byte vector helpers below are inlined into each clone; GCC's note that passing such
// vectors by value would change the ABI without AVX concerns no call that leaves this file.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace staffeval::detail {

namespace {
typedef double V4 __attribute__((vector_size(32)));
typedef std::int64_t M4 __attribute__((vector_size(32)));
typedef std::uint8_t B4 __attribute__((vector_size(4)));

inline V4 splat(double v) { return V4{v, v, v, v}; }
inline V4 load(const double* p) {
  V4 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, V4 v) { std::memcpy(p, &v, sizeof v); }
}  // namespace

STAFFEVAL_MULTIVERSION
ColumnStats column_stats(const double* x, std::size_t n) {
  constexpr double kInf = std::numeric_limits<double>::infinity();
  V4 lo = splat(kInf), hi = splat(-kInf), sum = splat(0.0);
  M4 count = {0, 0, 0, 0};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    const V4 v = load(x + i);
    const M4 present = v == v;  // -1 per present lane
    count -= present;
    sum += present ? v : splat(0.0);
    lo = v < lo ? v : lo;  // a NaN lane compares false and keeps the running value
    hi = v > hi ? v : hi;
  }
  ColumnStats s;
  s.min = kInf;
  s.max = -kInf;
  for (int q = 0; q < 4; ++q) {
    s.count += static_cast<std::size_t>(count[q]);
    s.min = lo[q] < s.min ? lo[q] : s.min;
    s.max = hi[q] > s.max ? hi[q] : s.max;
  }
  s.sum = (sum[0] + sum[1]) + (sum[2] + sum[3]);
  for (; i < n; ++i) {
    const double v = x[i];
    if (v != v) continue;
    ++s.count;
    s.sum += v;
    s.min = v < s.min ? v : s.min;
    s.max = v > s.max ? v : s.max;
  }
  return s;
}

STAFFEVAL_MULTIVERSION
void minmax_shares(const double* x, std::size_t n, double min, double max, bool benefit, double lo,
                   double span, double* share, std::uint8_t* branch, std::uint8_t value,
                   std::uint8_t full, std::uint8_t zero, std::uint8_t skipped) {
  // One division for the column, a multiplication per value.
  const double inv = 1.0 / (max - min);
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const V4 vmin = splat(min), vmax = splat(max), vinv = splat(inv), vlo = splat(lo),
           vspan = splat(span), v0 = splat(0.0), v1 = splat(1.0);
  const M4 c_value = {value, value, value, value}, c_full = {full, full, full, full},
           c_zero = {zero, zero, zero, zero}, c_skip = {skipped, skipped, skipped, skipped};
  std::size_t i = 0;
  for (; i + 4 <= n; i += 4) {
    // Blocks of several columns are read in turn; prefetching keeps each short stream flowing.
    __builtin_prefetch(x + i + 128);
    const V4 v = load(x + i);
    const V4 t = benefit ? (v - vmin) * vinv : (vmax - v) * vinv;
    const V4 c = t < v0 ? v0 : (t > v1 ? v1 : t);
    const M4 missing = v != v;
    store(share + i, missing ? splat(nan) : vlo + vspan * c);
    const M4 code = missing ? c_skip : (t >= v1 ? c_full : (t <= v0 ? c_zero : c_value));
    const B4 bytes = __builtin_convertvector(code, B4);
    std::memcpy(branch + i, &bytes, sizeof bytes);
  }
  for (; i < n; ++i) {
    const double v = x[i];
    const double t = benefit ? (v - min) * inv : (max - v) * inv;
    const double c = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
    const bool missing = v != v;
    share[i] = missing ? nan : lo + span * c;
    branch[i] = missing ? skipped : (t >= 1.0 ? full : (t <= 0.0 ? zero : value));
  }
}

STAFFEVAL_MULTIVERSION
void axpy(double c, const double* s, std::size_t n, double* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] += c * s[i];
}

}  // namespace staffeval::detail
