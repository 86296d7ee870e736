// Sums that do not depend on the order of their terms (private).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace staffeval::detail {

__extension__ typedef __int128 Int128;  // GCC and Clang: a 128-bit integer
__extension__ typedef unsigned __int128 UInt128;

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

// The double nearest to total x 2^exponent, converted in two halves (a direct conversion of a
// 128-bit integer is a library call), rounded the same way for the same integer.
inline double scaled_integer(Int128 total, int exponent) {
  const bool negative = total < 0;
  const auto magnitude = static_cast<UInt128>(negative ? -total : total);
  const double v = static_cast<double>(static_cast<std::uint64_t>(magnitude >> 64)) * 0x1p64 +
                   static_cast<double>(static_cast<std::uint64_t>(magnitude));
  return std::ldexp(negative ? -v : v, exponent);
}

// The sums of x_a(i) x_b(i) 2^40 over rows [0, rows) (rows <= 2^12, |x| <= 1), each term split
// into its integer part, added into `*high`, and the multiples of 2^-40 of the remainder, added
// into `*low`: integer-valued doubles, exact whatever the order. Compiled for AVX-512, AVX2 and
// the baseline (exact_sum.cc); every version gives the same integers.
void product_block_sum(const double* xa, const double* xb, std::size_t rows, double* high,
                       double* low);

// The sums of terms[i] x scale over i < count (count <= 2^12, |terms[i] x scale| <= 2^40), split
// as product_block_sum()'s into `*high` and `*low`; returns the largest |terms[i] x scale| (a NaN
// term makes the sums NaN). Compiled for AVX-512, AVX2 and the baseline (exact_sum.cc).
double grid_block_sum(const double* terms, std::size_t count, double scale, double* high, double* low);

// Sums of products of columns, all of magnitude at most 1 (the cross products of a correlation
// matrix), that do not depend on the order of the rows and take vector instructions: each
// product is split into its multiples of 2^-40 and the remainder's multiples of 2^-80, both held
// as integer-valued doubles (exact: scaling by a power of two, rounding once to an integer by
// adding and subtracting 1.5 x 2^52), which add exactly in double arithmetic for up to 2^12
// rows; each block's sums then go into 128-bit integers. So the sum of x_a(i) x_b(i) over the
// rows is exact on a grid of 2^-80 (far below what a double sum of such terms keeps), whatever
// the order of the rows or the way they are shared out between threads.
class ProductSums {
 public:
  static constexpr std::size_t kBlock = 4096;  // rows per block: 2^12 x 2^40 < 2^53

  explicit ProductSums(std::size_t columns)
      : columns_(columns), high_(columns * (columns + 1) / 2), low_(columns * (columns + 1) / 2) {}

  // Adds rows [0, rows) of the columns x + k * stride (k < columns), rows <= kBlock.
  void add_block(const double* x, std::size_t stride, std::size_t rows) {
    std::size_t pair = 0;
    for (std::size_t a = 0; a < columns_; ++a)
      for (std::size_t b = a; b < columns_; ++b, ++pair) {
        double high = 0, low = 0;
        product_block_sum(x + a * stride, x + b * stride, rows, &high, &low);
        high_[pair] += static_cast<std::int64_t>(high);
        low_[pair] += static_cast<std::int64_t>(low);
      }
  }
  // Adds another accumulator's sums (exact, so the order of merging does not matter).
  void merge(const ProductSums& o) {
    for (std::size_t p = 0; p < high_.size(); ++p) {
      high_[p] += o.high_[p];
      low_[p] += o.low_[p];
    }
  }
  // The sum of x_a x_b over every row added (a, b < columns).
  double sum(std::size_t a, std::size_t b) const {
    if (a > b) std::swap(a, b);
    const std::size_t pair = a * columns_ - a * (a - 1) / 2 + (b - a);
    return scaled_integer(high_[pair] * (Int128{1} << 40) + low_[pair], -80);
  }

 private:
  std::size_t columns_;
  std::vector<Int128> high_, low_;
};

// A sum of terms each of magnitude at most `bound`, exact on a grid of 2^-80 times the bound's
// power of two and so independent of the order of the terms, as FixedSum's but several times
// faster over long columns: terms come a block at a time, each is split into two integer-valued
// doubles as in ProductSums, added exactly in double arithmetic within the block (four
// independent lanes), then in 128-bit integers. A term beyond the bound (or not finite) makes the
// sum NaN.
class GridSum {
 public:
  // Terms per block: kBlock terms below 2^40 once scaled add exactly (2^12 x 2^40 < 2^53).
  static constexpr std::size_t kBlock = 4096;

  explicit GridSum(double bound) {
    std::frexp(bound > 0 && std::isfinite(bound) ? bound : 1.0, &exponent_);
    scale_ = std::ldexp(1.0, 40 - exponent_);  // |term| < 2^e, so |term x scale| < 2^40
  }
  // Adds terms[0..count), count <= kBlock (in four-lane vectors: grid_block_sum()).
  void add_block(const double* terms, std::size_t count) {
    if (broken_) return;
    double h = 0, l = 0;
    const double top = grid_block_sum(terms, count, scale_, &h, &l);
    if (!(top <= 0x1p40) || std::isnan(h + l)) {
      broken_ = true;
      return;
    }
    high_ += static_cast<std::int64_t>(h);
    low_ += static_cast<std::int64_t>(l);
  }
  double value() const {
    return broken_ ? std::nan("")
                   : scaled_integer(high_ * (Int128{1} << 40) + low_, exponent_ - 80);
  }

 private:
  Int128 high_ = 0, low_ = 0;  // the integer parts; the remainders' multiples of 2^-40
  double scale_ = 1.0;
  int exponent_ = 0;
  bool broken_ = false;
};

// The GridSum of term(0), ..., term(n - 1), each of magnitude at most `bound`, the terms made a
// block at a time: fill(first, count, out) writes term(first), ..., term(first + count - 1) into
// out[0..count) (a loop of their own, which the compiler can vectorise), and the block is added
// in four-lane vectors (grid_block_sum()).
template <class Fill>
double grid_sum_filled(std::size_t n, double bound, Fill&& fill) {
  GridSum sum(bound);
  std::vector<double> block(std::min(n, GridSum::kBlock));
  for (std::size_t first = 0; first < n; first += GridSum::kBlock) {
    const std::size_t count = std::min(GridSum::kBlock, n - first);
    fill(first, count, block.data());
    sum.add_block(block.data(), count);
  }
  return sum.value();
}

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
