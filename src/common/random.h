// Random numbers that are the same on every platform and standard library: the engines of
// <random> are specified exactly, its distributions are not, so the variates are drawn here.
// Every sample of an analysis has its own stream, derived from the seed and the sample's index,
// so results do not depend on the number of threads or the order samples run in.
#pragma once

#include <cmath>
#include <cstdint>
#include <random>

namespace staffeval::detail {

// SplitMix64 (Steele, Lea & Flood 2014): one well-mixed 64-bit word from another.
inline std::uint64_t splitmix64(std::uint64_t x) {
  x += 0x9e3779b97f4a7c15ULL;
  x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
  x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

class Random {
 public:
  // The stream of `index` (a sample, a bootstrap resample) under `seed`.
  Random(std::uint64_t seed, std::uint64_t index) : engine_(splitmix64(splitmix64(seed) ^ splitmix64(index + 1))) {}

  std::uint64_t bits() { return engine_(); }
  // Uniform on [0, 1) with 53 random bits.
  double uniform() { return static_cast<double>(engine_() >> 11) * 0x1.0p-53; }
  // Uniform on (0, 1): never 0, for logarithms.
  double open_uniform() { return (static_cast<double>(engine_() >> 11) + 0.5) * 0x1.0p-53; }
  // Uniform integer in [0, n), n > 0, without modulo bias: words below 2^64 mod n are redrawn.
  std::uint64_t below(std::uint64_t n) {
    const std::uint64_t threshold = (0 - n) % n;
    for (;;) {
      const std::uint64_t r = engine_();
      if (r >= threshold) return r % n;
    }
  }
  // Standard normal (Marsaglia's polar method; the second variate is kept for the next call).
  double normal() {
    if (have_spare_) {
      have_spare_ = false;
      return spare_;
    }
    double u, v, s;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    const double f = std::sqrt(-2 * std::log(s) / s);
    spare_ = v * f;
    have_spare_ = true;
    return u * f;
  }
  // Gamma(shape, 1) (Marsaglia & Tsang 2000; shape < 1 boosted by U^(1/shape)).
  double gamma(double shape) {
    if (shape < 1) return gamma(shape + 1) * std::pow(open_uniform(), 1 / shape);
    const double d = shape - 1.0 / 3, c = 1 / std::sqrt(9 * d);
    for (;;) {
      double x, v;
      do {
        x = normal();
        v = 1 + c * x;
      } while (v <= 0);
      v = v * v * v;
      const double u = open_uniform();
      if (u < 1 - 0.0331 * x * x * x * x) return d * v;
      if (std::log(u) < 0.5 * x * x + d * (1 - v + std::log(v))) return d * v;
    }
  }

 private:
  std::mt19937_64 engine_;
  double spare_ = 0;
  bool have_spare_ = false;
};

}  // namespace staffeval::detail
