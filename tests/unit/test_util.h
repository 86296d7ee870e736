// Helpers shared by the unit tests: tiny models and tables built in code.
#pragma once

#include <cmath>
#include <cstdio>
#include <fstream>
#include <functional>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include <gtest/gtest.h>

#include "staffeval/staffeval.h"

namespace staffeval::testing {

inline ScoringResult score(const std::string& model_yaml, const std::string& csv,
                           const ScoringOptions& options = {}) {
  const IndicatorModel model = load_model_from_string(model_yaml, "m.yaml");
  const Table table = parse_table(csv, "d.csv", table_options(model));
  return evaluate(compile(model, table), table, options);
}

// Equal doubles, or both NaN (a unit without a score on both sides).
// The bytes of a file.
inline std::string file_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

// A streaming writer gives `whole` for every thread count, to a sink and to the file `path`:
// write(target, threads) with the target a sink (counting its pieces into `pieces`) or the path.
template <class Write>
void expect_streamed(const std::string& whole, const std::string& path, Write write, std::size_t* pieces = nullptr) {
  for (int threads : {0, 1, 2, 3}) {
    std::string streamed;
    std::size_t count = 0;
    write(std::function<void(std::string_view)>([&](std::string_view piece) { streamed += piece, ++count; }), threads);
    EXPECT_EQ(streamed, whole) << threads << " threads";
    if (pieces) *pieces = count;
    write(path, threads);
    EXPECT_EQ(file_text(path), whole) << threads << " threads, " << path;
  }
}

inline bool same_value(double a, double b) { return (std::isnan(a) && std::isnan(b)) || a == b; }

// A double as text that reads back to the same value (for data and models built in tests).
inline std::string fmt_double(double v) {
  char buf[40];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A matrix written row by row.
inline Eigen::MatrixXd rows(const std::vector<std::vector<double>>& r) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(r.size()), static_cast<Eigen::Index>(r[0].size()));
  for (std::size_t i = 0; i < r.size(); ++i)
    for (std::size_t j = 0; j < r[0].size(); ++j) m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = r[i][j];
  return m;
}

// Checks that `stmt` throws `Exc` whose message contains `needle`.
#define STAFFEVAL_EXPECT_THROW_MSG(stmt, Exc, needle)                          \
  do {                                                                         \
    try {                                                                      \
      stmt;                                                                    \
      ADD_FAILURE() << "no exception thrown";                                  \
    } catch (const Exc& e) {                                                   \
      EXPECT_NE(std::string(e.what()).find(needle), std::string::npos)         \
          << "message: " << e.what() << "\nexpected to contain: " << (needle); \
    }                                                                          \
  } while (0)

}  // namespace staffeval::testing
