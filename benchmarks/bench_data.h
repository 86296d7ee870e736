// The synthetic model and data the benchmarks share: 30 min-max indicators in 5 groups,
// normally distributed values (or rounded as in the offices' tables).
#pragma once

#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include "staffeval/staffeval.h"

namespace staffeval::bench {

constexpr int kIndicators = 30;

// 30 min-max indicators (every third a cost) in 5 groups of 6, relative weights.
inline IndicatorModel make_model() {
  std::string yaml = "id: bench\nweights: relative\nindicators:\n";
  for (int g = 0; g < 5; ++g) {
    yaml += "  - id: G" + std::to_string(g) + "\n    weight: " + std::to_string(g + 1) + "\n    children:\n";
    for (int k = 0; k < 6; ++k) {
      const int j = g * 6 + k;
      yaml += "      - {id: x" + std::to_string(j) + ", weight: " + std::to_string(k + 1) + ", value: c" +
              std::to_string(j) + ", rule: {type: minmax" + (j % 3 == 0 ? ", direction: cost" : "") + "}}\n";
    }
  }
  return load_model_from_string(yaml, "bench.yaml");
}

inline Table make_table(std::size_t n) {
  Table t;
  t.file = "bench.csv";
  std::mt19937_64 rng(42);
  std::normal_distribution<double> d(50.0, 15.0);
  t.values.resize(static_cast<Eigen::Index>(n), kIndicators);
  for (int c = 0; c < kIndicators; ++c) {
    t.columns.push_back("c" + std::to_string(c));
    for (std::size_t i = 0; i < n; ++i) t.values(static_cast<Eigen::Index>(i), c) = d(rng);
  }
  std::vector<std::string> ids(n);
  for (std::size_t i = 0; i < n; ++i) ids[i] = "U" + std::to_string(i);
  t.ids = std::move(ids);
  t.names = std::vector<std::string>(n);
  t.unit_class.assign(n, 0);
  t.classes = {""};
  t.rows.resize(n);
  for (std::size_t i = 0; i < n; ++i) t.rows[i] = i + 2;
  return t;
}

// make_table(n) with the values the offices' tables hold, as the reference's data generator
// makes them: by column in turn, rates in [0, 100] to 2 decimals, skewed amounts to 1 decimal,
// small integer scores 0..20, ratios to 4 decimals (so values repeat, as in real tables).
inline Table make_rounded_table(std::size_t n) {
  Table t = make_table(n);
  for (int c = 0; c < kIndicators; ++c)
    for (std::size_t i = 0; i < n; ++i) {
      double& x = t.values(static_cast<Eigen::Index>(i), c);
      const double z = (x - 50.0) / 15.0;  // standard normal
      switch (c % 4) {
        case 0:
          x = std::round(100.0 / (1.0 + std::exp(-z)) * 100.0) / 100.0;
          break;
        case 1:
          x = std::round(std::exp(3.0 + 1.2 * z) * 10.0) / 10.0;
          break;
        case 2:
          x = std::clamp(std::round(10.0 + 3.0 * z), 0.0, 20.0);
          break;
        default:
          x = std::round(std::exp(0.5 * z) * 10000.0) / 10000.0;
          break;
      }
    }
  return t;
}

}  // namespace staffeval::bench
