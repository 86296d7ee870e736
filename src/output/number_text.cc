// The shortest decimal form of a double that reads back to the same double, byte for byte as
// std::to_chars(first, last, value) writes it: fixed notation unless scientific is shorter.
//
// Values of magnitude in [2^-198, 2^53) (every score, point and share a model can give, and far
// beyond) take the Schubfach algorithm (R. Giulietti, "The Schubfach way to render doubles",
// 2020): three 64 x 128-bit products against a power of ten, then at most two comparisons. Anything
// else (huge, tiny or subnormal values, where to_chars' fixed form of a large integer is its exact
// value) is left to std::to_chars itself. tests/unit/number_text_test.cc checks the two byte for
// byte on every power of two and ten and millions of values.
#include <bit>
#include <charconv>
#include <cstdint>
#include <cstring>

#include "output/format.h"

namespace staffeval::detail {
namespace {

__extension__ typedef unsigned __int128 UInt128;

// Powers of ten 10^e, e in [0, kMaxPow], as g = ceil(10^e / 2^r) with r chosen so that
// 2^127 <= g < 2^128 (exact for e <= 38, an overestimate by less than one unit above).
constexpr int kMaxPow = 80;

struct Pow10 {
  std::uint64_t hi[kMaxPow + 1];
  std::uint64_t lo[kMaxPow + 1];
};

constexpr Pow10 make_pow10() {
  Pow10 t{};
  std::uint64_t w[5] = {1, 0, 0, 0, 0};  // 10^e, 64-bit words from the lowest (10^80 < 2^266)
  for (int e = 0; e <= kMaxPow; ++e) {
    int bits = 320;
    while (bits > 0 && ((w[(bits - 1) / 64] >> ((bits - 1) % 64)) & 1) == 0) --bits;
    std::uint64_t hi = 0, lo = 0;
    bool sticky = false;
    for (int b = 0; b < bits; ++b) {
      const bool bit = (w[b / 64] >> (b % 64)) & 1;
      const int to = b - (bits - 128);  // the top bit lands on bit 127
      if (to < 0) sticky = sticky || bit;
      else if (to < 64) lo |= std::uint64_t(bit) << to;
      else hi |= std::uint64_t(bit) << (to - 64);
    }
    if (sticky && ++lo == 0) ++hi;  // never carries out: the top 128 bits are not all ones
    t.hi[e] = hi;
    t.lo[e] = lo;
    std::uint64_t carry = 0;  // w *= 10
    for (auto& word : w) {
      const UInt128 x = UInt128(word) * 10 + carry;
      word = static_cast<std::uint64_t>(x);
      carry = static_cast<std::uint64_t>(x >> 64);
    }
  }
  return t;
}

constexpr Pow10 kPow10 = make_pow10();
static_assert(kPow10.hi[0] == 0x8000000000000000u && kPow10.lo[0] == 0);
static_assert(kPow10.hi[1] == 0xA000000000000000u && kPow10.lo[1] == 0);
static_assert(kPow10.hi[38] == 0x96769950B50D88F4u && kPow10.lo[38] == 0x1314448000000000u);  // 10^38 exactly

// The top 64 bits of g * cp (a 192-bit product), with its lowest bit set when the 64 bits below
// them say the product is not exact: the round-to-odd of the paper.
inline std::uint64_t round_to_odd(std::uint64_t g_hi, std::uint64_t g_lo, std::uint64_t cp) {
  const UInt128 x = UInt128(g_lo) * cp;
  const UInt128 y = UInt128(g_hi) * cp;
  const auto x1 = static_cast<std::uint64_t>(x >> 64);
  const auto y0 = static_cast<std::uint64_t>(y);
  const auto y1 = static_cast<std::uint64_t>(y >> 64);
  const std::uint64_t z = y0 + x1;
  return (y1 + (z < y0)) | (z > 1);
}

// The shortest correctly rounded digits and decimal exponent of the normal double c * 2^q
// (c with its hidden bit), for q in [-250, 0].
inline void to_decimal(std::uint64_t fraction, int biased_exponent, std::uint64_t* digits, int* exponent) {
  const std::uint64_t c = fraction | (std::uint64_t(1) << 52);
  const int q = biased_exponent - 1075;
  // Integers below 2^53: the value itself.
  if (-q < 53 && (c & ((std::uint64_t(1) << -q) - 1)) == 0) {
    *digits = c >> -q;
    *exponent = 0;
    return;
  }
  const bool even = (c & 1) == 0;
  const bool closer = fraction == 0 && biased_exponent > 1;  // the lower neighbour is half as far
  const std::uint64_t cbl = 4 * c - 2 + closer, cb = 4 * c, cbr = 4 * c + 2;
  // k = floor(log10(2^q)), or floor(log10(3/4 2^q)) when the lower neighbour is closer.
  const int k = (q * 1262611 - (closer ? 524031 : 0)) >> 22;
  const int h = q + ((-k * 1741647) >> 19) + 1;  // q + floor(log2(10^-k)) + 1, in [1, 4]
  const std::uint64_t g_hi = kPow10.hi[-k], g_lo = kPow10.lo[-k];
  const std::uint64_t vbl = round_to_odd(g_hi, g_lo, cbl << h);
  const std::uint64_t vb = round_to_odd(g_hi, g_lo, cb << h);
  const std::uint64_t vbr = round_to_odd(g_hi, g_lo, cbr << h);
  const std::uint64_t lower = vbl + !even, upper = vbr - !even;
  const std::uint64_t s = vb / 4;
  if (s >= 10) {  // one digit fewer, when exactly one of its two candidates is inside
    const std::uint64_t sp = s / 10;
    const bool up_inside = lower <= 40 * sp, wp_inside = 40 * sp + 40 <= upper;
    if (up_inside != wp_inside) {
      *digits = sp + wp_inside;
      *exponent = k + 1;
      return;
    }
  }
  const bool u_inside = lower <= 4 * s, w_inside = 4 * s + 4 <= upper;
  if (u_inside != w_inside) {
    *digits = s + w_inside;
    *exponent = k;
    return;
  }
  const std::uint64_t mid = 4 * s + 2;  // both inside: the closer one, the even one on a tie
  *digits = s + (vb > mid || (vb == mid && (s & 1) != 0));
  *exponent = k;
}

constexpr char kPairs[] =
    "00010203040506070809101112131415161718192021222324252627282930313233343536373839"
    "40414243444546474849505152535455565758596061626364656667686970717273747576777879"
    "8081828384858687888990919293949596979899";

constexpr std::uint64_t kPow10Int[] = {1,
                                       10,
                                       100,
                                       1000,
                                       10000,
                                       100000,
                                       1000000,
                                       10000000,
                                       100000000,
                                       1000000000,
                                       10000000000,
                                       100000000000,
                                       1000000000000,
                                       10000000000000,
                                       100000000000000,
                                       1000000000000000,
                                       10000000000000000,
                                       100000000000000000,
                                       1000000000000000000};

// Writes v < 10^8 as exactly 8 digits: four independent pairs.
inline void put8(char* p, std::uint32_t v) {
  const std::uint32_t a = v / 10000, b = v % 10000;
  std::memcpy(p, kPairs + 2 * (a / 100), 2);
  std::memcpy(p + 2, kPairs + 2 * (a % 100), 2);
  std::memcpy(p + 4, kPairs + 2 * (b / 100), 2);
  std::memcpy(p + 6, kPairs + 2 * (b % 100), 2);
}

// Stores v < 10^8 as exactly 8 digits in one 8-byte store, the digits made in a register (SWAR):
// 4 + 4 digits in 32-bit lanes, 2 + 2 in 16-bit lanes, 1 + 1 in bytes, the first digit in the
// lowest byte (first in memory on this little-endian target).
inline void store8(char* p, std::uint64_t v) {
  static_assert(std::endian::native == std::endian::little);
  const std::uint64_t x = v / 10000 | (v % 10000) << 32;
  const std::uint64_t hundreds = ((x * 10486) >> 20) & 0x0000007F0000007Fu;  // lane / 100
  const std::uint64_t y = hundreds | (x - hundreds * 100) << 16;
  const std::uint64_t tens = ((y * 103) >> 10) & 0x000F000F000F000Fu;  // lane / 10
  const std::uint64_t z = (tens | (y - tens * 10) << 8) + 0x3030303030303030u;
  std::memcpy(p, &z, 8);
}

}  // namespace

char* put_shortest(char* p, double v) {
  std::uint64_t bits;
  std::memcpy(&bits, &v, sizeof bits);
  const std::uint64_t fraction = bits & ((std::uint64_t(1) << 52) - 1);
  const int biased_exponent = static_cast<int>((bits >> 52) & 0x7FF);
  // q = biased_exponent - 1075 in [-250, 0]: magnitudes in [2^-198, 2^53).
  if (biased_exponent < 1075 - 250 || biased_exponent > 1075) return std::to_chars(p, p + 25, v).ptr;
  std::uint64_t d;
  int k;
  to_decimal(fraction, biased_exponent, &d, &k);
  while (d % 10 == 0) {  // d > 0
    d /= 10;
    ++k;
  }
  // Number of digits n: from the bit length, then one comparison.
  int n = ((64 - std::countl_zero(d)) * 1233) >> 12;
  n += d >= kPow10Int[n];
  const int point = n + k;  // the value is 0.digits * 10^point
  // The usual cases, written with 8-byte stores only, straight to p (which has room for 25 bytes;
  // bytes past the returned end may be overwritten).
  const int sign = static_cast<int>(bits >> 63);
  if (point > 0 && point < n && point + sign <= 8) {  // dd.ddd: fixed is the shorter form
    p[0] = '-';
    p += sign;
    const std::uint64_t whole = static_cast<std::uint64_t>(sign ? -v : v);  // the integer part
    const int fraction_digits = n - point;  // <= 16
    const std::uint64_t rest = d - whole * kPow10Int[fraction_digits];
    store8(p, whole * kPow10Int[8 - point]);  // left-aligned; the point and fraction overwrite the rest
    p[point] = '.';
    const std::uint64_t f = rest * kPow10Int[16 - fraction_digits];  // 16 digits, left-aligned
    store8(p + point + 1, f / 100000000);
    store8(p + point + 9, f % 100000000);
    return p + n + 1;
  }
  if (point <= 0 && -point <= 2 + (n > 1)) {  // 0.0ddd: fixed is not longer than scientific
    p[0] = '-';
    p += sign;
    std::memcpy(p, "0.000000", 8);
    char* q = p + 2 - point;
    std::uint64_t f = d * kPow10Int[17 - n];  // 17 digits, left-aligned
    *q = static_cast<char>('0' + f / 10000000000000000u);
    f %= 10000000000000000u;
    store8(q + 1, f / 100000000);
    store8(q + 9, f % 100000000);
    return q + n;
  }
  const int sci_exponent = point - 1;
  const int abs_exponent = sci_exponent < 0 ? -sci_exponent : sci_exponent;
  const int sci_size = n + (n > 1) + 4;  // e, sign and two digits: |exponent| < 100 below 2^53
  const int fixed_size = point <= 0 ? 2 - point + n : (point < n ? n + 1 : point);
  // d (< 10^17) as 24 digits with leading zeros, then zeros: its n digits start at `digits`.
  // Every copy below has a fixed size (no calls); the text is built in `out` and copied at once.
  char buf[48];
  const std::uint64_t upper = d / 100000000;
  put8(buf, static_cast<std::uint32_t>(upper / 100000000));
  put8(buf + 8, static_cast<std::uint32_t>(upper % 100000000));
  put8(buf + 16, static_cast<std::uint32_t>(d % 100000000));
  std::memset(buf + 24, '0', 24);
  const char* digits = buf + 24 - n;
  char out[48];
  out[0] = '-';
  char* o = out + (bits >> 63);
  int size;
  if (fixed_size <= sci_size) {
    size = fixed_size;
    if (point <= 0) {  // 0.0ddd (point >= -3 here: a longer run of zeros is longer than scientific)
      std::memcpy(o, "0.000", 5);
      std::memcpy(o + 2 - point, digits, 17);
    } else if (point < n) {  // dd.ddd
      std::memcpy(o, digits, 16);
      o[point] = '.';
      std::memcpy(o + point + 1, digits + point, 16);
    } else {  // ddd000 (point <= 16: below 2^53)
      std::memcpy(o, digits, 16);
    }
  } else {  // d.ddde-XX
    o[0] = digits[0];
    o[1] = '.';
    std::memcpy(o + 2, digits + 1, 16);
    char* e = o + (n > 1 ? n + 1 : 1);
    e[0] = 'e';
    e[1] = sci_exponent < 0 ? '-' : '+';
    std::memcpy(e + 2, kPairs + 2 * abs_exponent, 2);  // abs_exponent < 100 here: below 2^53
    size = static_cast<int>(e + 4 - o);
  }
  size += static_cast<int>(o - out);
  std::memcpy(p, out, 24);
  return p + size;
}

}  // namespace staffeval::detail
