// Vectorised kernels of the evaluation; see kernels.h for why they are bit-identical everywhere.
#include "scoring/kernels.h"

#include <cstring>
#include <limits>

#include "common/lanes.h"

namespace staffeval::detail {

using namespace lanes;

MinMaxMap minmax_map(double min, double max, bool benefit, double lo, double span) {
  // One division for the column, a multiplication per value.
  const double inv = 1.0 / (max - min);
  return {benefit ? min : max, benefit ? inv : -inv, lo, span};
}

// The kernels below work on two-lane vectors: every x86-64 (and AArch64) processor compares and
// selects pairs natively, where GCC 12 lowers comparisons of wider vectors than the target has
// into scalar code. Each result lane depends on its own input only, so the grouping of lanes
// changes no bit. The loops unroll four pairs per step.
namespace {
constexpr std::size_t kStep = 8;  // values per step: four pairs

// The share of two values (NaN lanes give garbage: callers mask them).
inline V2 minmax_share(V2 v, V2 base, V2 factor, V2 lo, V2 span, V2* t_out) {
  const V2 t = (v - base) * factor;
  const V2 c = t < splat2(0.0) ? splat2(0.0) : (t > splat2(1.0) ? splat2(1.0) : t);
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
  typedef std::uint8_t B2 __attribute__((vector_size(2)));
  const double nan = std::numeric_limits<double>::quiet_NaN();
  const V2 vbase = splat2(map.base), vfactor = splat2(map.factor), vlo = splat2(map.lo),
           vspan = splat2(map.span), v0 = splat2(0.0), v1 = splat2(1.0), vnan = splat2(nan);
  const M2 c_value = splat2_mask(value), c_full = splat2_mask(full),
           c_zero = splat2_mask(zero), c_skip = splat2_mask(skipped);
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    // Blocks of several columns are read in turn; prefetching keeps each short stream flowing.
    __builtin_prefetch(x + i + 128);
    for (std::size_t k = 0; k < kStep; k += 2) {
      const V2 v = load2(x + i + k);
      V2 t;
      const V2 s = minmax_share(v, vbase, vfactor, vlo, vspan, &t);
      const M2 missing = v != v;
      store2(share + i + k, missing ? vnan : s);
      if (branch) {
        const M2 code = missing ? c_skip : (t >= v1 ? c_full : (t <= v0 ? c_zero : c_value));
        const B2 bytes = __builtin_convertvector(code, B2);
        std::memcpy(branch + i + k, &bytes, sizeof bytes);
      }
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
  const V2 vbase = splat2(map.base), vfactor = splat2(map.factor), vlo = splat2(map.lo),
           vspan = splat2(map.span), vc = splat2(c);
  std::size_t i = 0;
  for (; i + kStep <= n; i += kStep) {
    __builtin_prefetch(x + i + 128);
    for (std::size_t k = 0; k < kStep; k += 2) {
      V2 t;
      const V2 s = minmax_share(load2(x + i + k), vbase, vfactor, vlo, vspan, &t);
      store2(out + i + k, (first ? splat2(0.0) : load2(out + i + k)) + vc * s);
    }
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
  typedef std::int32_t I2 __attribute__((vector_size(8)));
  std::size_t unscored = 0;
  std::size_t i = 0;
  for (; i + 2 <= n; i += 2) {
    const V2 t = load2(total + i);
    M2 g = splat2_mask(0);
    for (int q = 0; q + 1 < bands; ++q) g -= t < splat2(mins[q]);  // -1 per lane below the band
    const M2 missing = t != t;
    g = missing ? splat2_mask(-1) : g;
    unscored += static_cast<std::size_t>(-(missing[0] + missing[1]));
    const I2 out = __builtin_convertvector(g, I2);
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
