// Natural logarithms of whole arrays in vector registers (private).
#pragma once

#include <cstddef>

namespace staffeval::detail {

// out[i] = p[i] ln p[i] for p[i] > 0, and 0 for p[i] = 0 (the limit), a negative value or NaN,
// for i < n; `out` may be `p`. The logarithm is computed four values at a time by the classic
// reduction (p = 2^k m, m in [sqrt(2)/2, sqrt(2)), ln m from the series of atanh(s) with
// s = (m - 1) / (m + 1), a minimax polynomial in s^2), the same as the C library's in fdlibm and
// musl: within 1 ulp of the exact logarithm, subnormal values included. Every value gets the
// same arithmetic wherever it stands (the last one to three values are padded to four), and the
// library builds without fused multiply-adds, so the results do not depend on n, on the position
// or on which of the AVX-512, AVX2 and baseline versions runs.
void x_log_x(const double* p, std::size_t n, double* out);

}  // namespace staffeval::detail
