// Eight-lane double vectors for hot loops (private), in GCC's and Clang's vector types.
//
// A function marked STAFFEVAL_MULTIVERSION is compiled three times on x86-64 with GCC (AVX-512,
// AVX2 and the baseline) and picked at load time; the lane-wise semantics are the same for each
// (one AVX-512 register, two AVX2 registers or four SSE2 ones), and the library builds with
// -ffp-contract=off, so every version gives the same results bit for bit.
#pragma once

#include <cstdint>
#include <cstring>

#if defined(__GNUC__) && defined(__x86_64__) && !defined(__clang__)
#define STAFFEVAL_MULTIVERSION __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define STAFFEVAL_MULTIVERSION
#endif

// Vectors passed by value between these inline helpers never cross a call that leaves a
// translation unit, so GCC's note on the AVX calling convention does not apply.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wpsabi"

namespace staffeval::detail::lanes {

constexpr std::size_t kLanes = 8;
typedef double V8 __attribute__((vector_size(64)));
typedef std::int64_t M8 __attribute__((vector_size(64)));
typedef std::uint8_t B8 __attribute__((vector_size(8)));
// Two lanes: one SSE2 register. GCC 12 lowers comparisons and selections of wider vectors than
// the target has into scalar code, so loops built on them use pairs.
typedef double V2 __attribute__((vector_size(16)));
typedef std::int64_t M2 __attribute__((vector_size(16)));

inline V8 splat(double v) { return V8{v, v, v, v, v, v, v, v}; }
inline M8 splat_mask(std::int64_t v) { return M8{v, v, v, v, v, v, v, v}; }
inline V8 load(const double* p) {
  V8 v;
  std::memcpy(&v, p, sizeof v);
  return v;
}
inline void store(double* p, V8 v) { std::memcpy(p, &v, sizeof v); }

}  // namespace staffeval::detail::lanes

#pragma GCC diagnostic pop
