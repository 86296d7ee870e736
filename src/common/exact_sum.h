// Sums that do not depend on the order of their terms (private).
#pragma once

#include <cmath>
#include <cstddef>
#include <cstdint>

namespace staffeval::detail {

__extension__ typedef __int128 Int128;  // GCC and Clang: a 128-bit integer

// A sum of doubles, each of magnitude at most `bound`, that is the same whatever the order of
// the terms: every term is placed on a fixed-point grid of 2^-100 times the bound's power of two
// (exactly, by a power-of-two scale, then rounded once to an integer) and the integers are added
// in 128 bits, which is associative. So permuting the units of a table permutes the results of
// everything computed from such sums (cohort means and standard deviations, normalisations,
// objective weights) bit for bit. The grid loses nothing a double sum would keep: a term smaller
// than 2^-100 of the bound is below the last bit of any sum it could join. Up to 2^26 terms.
class FixedSum {
 public:
  explicit FixedSum(double bound) {
    int e = 0;
    std::frexp(bound > 0 && std::isfinite(bound) ? bound : 1.0, &e);
    exponent_ = e;
    scale_ = std::ldexp(1.0, 100 - e);
  }
  void add(double x) {
    const double scaled = std::nearbyint(x * scale_);
    // Terms beyond the bound (or not finite) break the caller's contract; the sum then says so
    // by being NaN rather than by overflowing the integer.
    if (!(std::fabs(scaled) <= 0x1p120)) {
      broken_ = true;
      return;
    }
    // The integer in two 64-bit parts (a direct conversion to 128 bits is a slow library call):
    // `high` has at most scaled's 53 significant bits, so high x 2^60 and the remainder are exact.
    const double high = std::trunc(scaled * 0x1p-60);
    const auto low = static_cast<std::int64_t>(scaled - high * 0x1p60);
    sum_ += static_cast<Int128>(static_cast<std::int64_t>(high)) * (Int128{1} << 60) + low;
  }
  double value() const {
    return broken_ ? std::nan("") : std::ldexp(static_cast<double>(sum_), exponent_ - 100);
  }

 private:
  Int128 sum_ = 0;
  double scale_ = 1.0;
  int exponent_ = 0;
  bool broken_ = false;
};

// The order-independent sum of x[0..n), NaN terms skipped.
inline double order_free_sum(const double* x, std::size_t n) {
  double bound = 0;
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(x[i])) bound = std::fmax(bound, std::fabs(x[i]));
  FixedSum s(bound);
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(x[i])) s.add(x[i]);
  return s.value();
}

}  // namespace staffeval::detail
