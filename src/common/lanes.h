// Two-lane double vectors for hot loops (private), in GCC's and Clang's vector types.
//
// Two lanes are one SSE2 (or NEON) register, which every x86-64 and AArch64 processor adds,
// compares and selects natively. Wider vector types are no faster here: GCC 12 lowers comparisons
// and selections of vectors wider than the target's registers into scalar code with spills, so
// loops unroll several pairs per step instead.
//
// A function marked STAFFEVAL_MULTIVERSION is compiled three times on x86-64 with GCC (AVX-512,
// AVX2 and the baseline) and picked at load time; the lane-wise semantics are the same for each,
// and the library builds with -ffp-contract=off, so every version gives the same results bit for
// bit.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define STAFFEVAL_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define STAFFEVAL_MULTIVERSION
#endif

namespace staffeval::detail::lanes {

typedef double V2 __attribute__((vector_size(16)));
typedef std::int64_t M2 __attribute__((vector_size(16)));  // comparison results: 0 or -1

inline V2 splat2(double v) { return V2{v, v}; }
inline M2 splat2_mask(std::int64_t v) { return M2{v, v}; }
inline V2 load2(const double* p) {
  V2 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store2(double* p, V2 v) { std::memcpy(p, &v, sizeof v); }

}  // namespace staffeval::detail::lanes
