// Vectorised kernels of the evaluation; see kernels.h for why they are bit-identical everywhere.
#include "scoring/kernels.h"

#include <cstring>
#include <limits>

#include "common/lanes.h"

// The 64-byte vector helpers below are inlined into each clone; GCC's note that passing such
// vectors by value would change the ABI without AVX concerns no call that leaves this file.
#pragma GCC diagnostic ignored "-Wpsabi"

namespace staffeval::detail {

using namespace lanes;

MinMaxMap minmax_map(double min, double max, bool benefit, double lo, double span) {
  // One division for the column, a multiplication per value.
  const double inv = 1.0 / (max - min);
  return {benefit ? min : max, benefit ? inv : -inv, lo, span};
}

namespace {
// The share of eight values (NaN lanes give garbage: callers mask them).
inline V8 minmax_share(V8 v, V8 base, V8 factor, V8 lo, V8 span, V8* t_out) {
  const V8 t = (v - base) * factor;
  const V8 c = t < splat(0.0) ? splat(0.0) : (t > splat(1.0) ? splat(1.0) : t);
  *t_out = t;
  return lo + span * c;
}
inline double minmax_share(double v, const MinMaxMap& m, double* t_out) {
  const double t = (v - m.base) * m.factor;
  const double c = t < 0.0 ? 0.0 : (t > 1.0 ? 1.0 : t);
  *t_out = t;
  return m.lo + m.span * c;
}
}  // namespace

STAFFEVAL_MULTIVERSION
void minmax_shares(const double* x, std::size_t n, const MinMaxMap& map, double* share,
                   std::uint8_t* branch, std::uint8_t value, std::uint8_t full, std::uint8_t zero,
                   std::uint8_t skipped) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const V8 vbase = splat(map.base), vfactor = splat(map.factor), vlo = splat(map.lo),
           vspan = splat(map.span), v0 = splat(0.0), v1 = splat(1.0), vnan = splat(nan);
  const M8 c_value = splat_mask(value), c_full = splat_mask(full), c_zero = splat_mask(zero),
           c_skip = splat_mask(skipped);
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    // Blocks of several columns are read in turn; prefetching keeps each short stream flowing.
    __builtin_prefetch(x + i + 128);
    const V8 v = load(x + i);
    V8 t;
    const V8 s = minmax_share(v, vbase, vfactor, vlo, vspan, &t);
    const M8 missing = v != v;
    store(share + i, missing ? vnan : s);
    if (branch) {
      const M8 code = missing ? c_skip : (t >= v1 ? c_full : (t <= v0 ? c_zero : c_value));
      const B8 bytes = __builtin_convertvector(code, B8);
      std::memcpy(branch + i, &bytes, sizeof bytes);
    }
  }
  for (; i < n; ++i) {
    const double v = x[i];
    double t;
    const double s = minmax_share(v, map, &t);
    const bool missing = v != v;
    share[i] = missing ? nan : s;
    if (branch) branch[i] = missing ? skipped : (t >= 1.0 ? full : (t <= 0.0 ? zero : value));
  }
}

STAFFEVAL_MULTIVERSION
void minmax_accumulate(const double* x, std::size_t n, const MinMaxMap& map, double c, bool first,
                       double* out) {
  const V8 vbase = splat(map.base), vfactor = splat(map.factor), vlo = splat(map.lo),
           vspan = splat(map.span), vc = splat(c);
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    __builtin_prefetch(x + i + 128);
    V8 t;
    const V8 s = minmax_share(load(x + i), vbase, vfactor, vlo, vspan, &t);
    store(out + i, (first ? splat(0.0) : load(out + i)) + vc * s);
  }
  for (; i < n; ++i) {
    double t;
    const double s = minmax_share(x[i], map, &t);
    out[i] = (first ? 0.0 : out[i]) + c * s;
  }
}

STAFFEVAL_MULTIVERSION
std::size_t grade_bands(const double* total, std::size_t n, const double* mins, int bands,
                        int* grade) {
  typedef std::int32_t I8 __attribute__((vector_size(32)));
  std::size_t unscored = 0;
  std::size_t i = 0;
  for (; i + kLanes <= n; i += kLanes) {
    const V8 t = load(total + i);
    M8 g = splat_mask(0);
    for (int q = 0; q + 1 < bands; ++q) g -= t < splat(mins[q]);  // -1 per lane below the band
    const M8 missing = t != t;
    g = missing ? splat_mask(-1) : g;
    unscored += static_cast<std::size_t>(-(missing[0] + missing[1] + missing[2] + missing[3] +
                                           missing[4] + missing[5] + missing[6] + missing[7]));
    const I8 out = __builtin_convertvector(g, I8);
    std::memcpy(grade + i, &out, sizeof out);
  }
  for (; i < n; ++i) {
    const double t = total[i];
    int g = 0;
    for (int q = 0; q + 1 < bands; ++q) g += t < mins[q] ? 1 : 0;
    const bool missing = t != t;
    unscored += missing ? 1 : 0;
    grade[i] = missing ? -1 : g;
  }
  return unscored;
}

STAFFEVAL_MULTIVERSION
void scale_into(double c, const double* s, std::size_t n, double* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] = 0.0 + c * s[i];
}

STAFFEVAL_MULTIVERSION
void axpy(double c, const double* s, std::size_t n, double* out) {
  for (std::size_t i = 0; i < n; ++i) out[i] += c * s[i];
}

}  // namespace staffeval::detail
