// Numeric range and scaling shared by every computation on data (private).
#pragma once

#include <cmath>

namespace staffeval::detail {

// The largest magnitude a data value may have. Beyond it the squares, sums and ranges the
// methods form could leave the range of doubles; no count, ratio or budget comes near it, so a
// larger value is refused as a data error rather than computed into garbage.
constexpr double kMaxMagnitude = 1e300;

// A power of two that brings `max_abs` (> 0) into [0.5, 1) (subnormal values: into the normal
// range). Multiplying by a power of two is
// exact (barring overflow and underflow), so a column scaled by it gives bit-for-bit the results
// of the unscaled column wherever those were representable, and finite, accurate ones where the
// unscaled squares or ranges would overflow or underflow (values near 1e300 or below 1e-150).
inline double pow2_scale(double max_abs) {
  if (!(max_abs > 0) || !std::isfinite(max_abs)) return 1.0;
  int e = 0;
  std::frexp(max_abs, &e);
  // Subnormal values would need more than 2^1023: 2^1000 already makes them normal numbers.
  return std::ldexp(1.0, e > 1000 ? -1000 : (e < -1000 ? 1000 : -e));
}

// Non-negative weights (an Eigen vector) divided by their sum, also when the sum overflows
// (weights near the top of the double range): they are then scaled by a power of two first,
// which gives the same normalised weights.
template <class Vector>
Vector normalised_weights(const Vector& w) {
  const double s = w.sum();
  if (std::isfinite(s)) return w / s;
  const Vector scaled = w * pow2_scale(w.maxCoeff());
  return scaled / scaled.sum();
}

// Whether values of magnitude up to `max_abs` need scaling before squares or reciprocals.
inline bool needs_scaling(double max_abs) { return max_abs > 1e150 || (max_abs > 0 && max_abs < 1e-150); }

}  // namespace staffeval::detail
