// Competition ranks of one sample's scores in linear time. Internal.
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <vector>

namespace staffeval::detail {

// Competition ranks of `score` (1 = best, ties share the best rank, NaN ranks 0). A stable
// least-significant-digit radix sort of order-preserving 32-bit keys of the scores rounded to
// float (three 11-bit digits, all histograms from one read; a digit every key shares is
// skipped), then each run of equal float keys put in order by the exact scores: rounding to
// float never reverses two scores, so the result is the order of the doubles, in linear time.
// Below 512 units the (key, index) pairs are sorted as 64-bit integers instead, then fixed up
// the same way.
struct Ranker {
  std::vector<std::uint32_t> key, key2;
  std::vector<std::uint32_t> idx, idx2;

  static std::uint32_t float_key(double v) {
    if (std::isnan(v)) return 0xffffffffu;  // last
    const float f = static_cast<float>(v) == 0.0f ? 0.0f : static_cast<float>(v);  // -0 and 0 are one key
    std::uint32_t b;
    std::memcpy(&b, &f, sizeof b);
    const std::uint32_t up = (b >> 31) ? ~b : (b | 0x80000000u);  // ascending with the value
    return ~up - (~up == 0xffffffffu);  // descending scores ascend; below the NaN key
  }

  void operator()(const double* score, std::size_t n, int* rank) {
    idx.resize(n);
    key.resize(n);
    if (n < kSmall) {  // the histograms would cost more than sorting: sort (key, index) pairs
      packed.resize(n);
      for (std::size_t i = 0; i < n; ++i) packed[i] = std::uint64_t{float_key(score[i])} << 32 | i;
      std::sort(packed.begin(), packed.end());
      for (std::size_t k = 0; k < n; ++k) {
        key[k] = static_cast<std::uint32_t>(packed[k] >> 32);
        idx[k] = static_cast<std::uint32_t>(packed[k]);
      }
      order_runs(score, n);
      assign(score, n, rank);
      return;
    }
    key2.resize(n);
    idx2.resize(n);
    constexpr int kBits = 11, kDigits = 3;
    constexpr std::size_t kBuckets = std::size_t{1} << kBits;
    std::uint32_t count[kDigits][kBuckets] = {};
    for (std::size_t i = 0; i < n; ++i) {
      const std::uint32_t k = float_key(score[i]);
      key[i] = k;
      idx[i] = static_cast<std::uint32_t>(i);
      for (int d = 0; d < kDigits; ++d) ++count[d][(k >> (d * kBits)) & (kBuckets - 1)];
    }
    for (int d = 0; d < kDigits; ++d) {
      const int shift = d * kBits;
      if (n == 0 || count[d][(key[0] >> shift) & (kBuckets - 1)] == n) continue;  // one digit for all
      std::uint32_t sum = 0;
      for (auto& c : count[d]) {
        const std::uint32_t t = c;
        c = sum;
        sum += t;
      }
      for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t to = count[d][(key[i] >> shift) & (kBuckets - 1)]++;
        key2[to] = key[i];
        idx2[to] = idx[i];
      }
      key.swap(key2);
      idx.swap(idx2);
    }
    order_runs(score, n);
    assign(score, n, rank);
  }

 private:
  static constexpr std::size_t kSmall = 512;
  std::vector<std::uint64_t> packed;
  // Runs of one float key: in order of the exact scores (descending), by insertion; runs are
  // short unless scores tie, and ties are already in order.
  void order_runs(const double* score, std::size_t n) {
    for (std::size_t a = 0; a < n;) {
      std::size_t b = a + 1;
      while (b < n && key[b] == key[a]) ++b;
      if (b - a > 1 && key[a] != 0xffffffffu)
        for (std::size_t k = a + 1; k < b; ++k) {
          const std::uint32_t v = idx[k];
          std::size_t j = k;
          for (; j > a && score[idx[j - 1]] < score[v]; --j) idx[j] = idx[j - 1];
          idx[j] = v;
        }
      a = b;
    }
  }
  // Competition ranks from idx (scores in descending order, NaN last).
  void assign(const double* score, std::size_t n, int* rank) const {
    for (std::size_t k = 0; k < n; ++k) {
      const std::uint32_t i = idx[k];
      if (std::isnan(score[i])) rank[i] = 0;
      else rank[i] = k > 0 && score[idx[k - 1]] == score[i] ? rank[idx[k - 1]] : static_cast<int>(k + 1);
    }
  }
};

}  // namespace staffeval::detail
