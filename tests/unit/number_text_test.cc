// Numbers in every CSV the library writes: the shortest form that reads back to the same double,
// byte for byte as std::to_chars writes it (the contract of the CSV dialect, which a faster
// formatter must keep), over edge cases and millions of values.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <limits>
#include <random>

#include "test_util.h"

namespace staffeval {
namespace {

// What the CSV writers promise for a finite number: std::to_chars' shortest form, -0 as 0.
std::string expected(double v) {
  if (v == 0) v = 0;
  char buf[32];
  return std::string(buf, std::to_chars(buf, buf + sizeof buf, v).ptr);
}

// Writes `values` as the score column of a method result's CSV and checks each cell.
void check_cells(const std::vector<double>& values) {
  MethodResult r;
  const std::size_t n = values.size();
  r.unit_ids = std::vector<std::string>(n, "u");
  r.score = Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(n));
  r.rank.assign(n, 1);
  const std::string csv = to_csv(r);
  std::size_t pos = csv.find("\r\n") + 2;  // past the header
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t end = csv.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos) << "row " << i;
    // "u,<number>,1"
    const std::string cell = csv.substr(pos + 2, end - pos - 4);
    pos = end + 2;
    const std::string want = std::isfinite(values[i]) ? expected(values[i]) : "";
    double back = std::nan("");
    if (!cell.empty()) std::from_chars(cell.data(), cell.data() + cell.size(), back);
    const bool reads_back = cell.empty() ? !std::isfinite(values[i]) : back == values[i];
    if ((cell != want || !reads_back) && ++mismatches <= 10) {
      std::uint64_t bits;
      std::memcpy(&bits, &values[i], 8);
      ADD_FAILURE() << "bits 0x" << std::hex << bits << std::dec << ": wrote " << cell << ", to_chars writes " << want;
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(pos, csv.size());
}

TEST(CsvNumbers, EdgeCasesAsToChars) {
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v = {0.0, -0.0, 1, -1, 0.1, 0.2, 0.3, 1.0 / 3, 2.0 / 3, 100, 1e15, 1e16, 1e17, 1e21, 1e22,
                           1e23, 9007199254740993.0, 123456789012345680000.0, 5e-324, -5e-324,
                           std::numeric_limits<double>::min(), std::numeric_limits<double>::max(),
                           std::numeric_limits<double>::lowest(), std::numeric_limits<double>::denorm_min(),
                           std::nextafter(std::numeric_limits<double>::min(), 0.0), 1e-5, 1e-4, 1.5e-4, 0.001,
                           1.2345e-7, 35.41580789584373, 0.005404225239181684, 98.71, 6.625, 99.995,
                           std::nan(""), inf, -inf};
  for (int e = -325; e <= 308; ++e) {
    const double p = std::pow(10.0, e);
    v.insert(v.end(), {p, std::nextafter(p, 0.0), std::nextafter(p, inf), 1.5 * p, 9.999999999999999 * p});
  }
  for (int e = -1074; e <= 1023; ++e) {
    const double p = std::ldexp(1.0, e);
    v.insert(v.end(), {p, std::nextafter(p, 0.0), std::nextafter(p, inf), -p});
  }
  check_cells(v);
  // Hand-checked forms: fixed when not longer than scientific, scientific otherwise.
  MethodResult r;
  r.unit_ids = {"a", "b", "c", "d", "e", "f"};
  r.score = (Eigen::VectorXd(6) << 1e22, 1e-5, 0.0001, 123456, 1.5e300, -0.0).finished();  // 0.0001: 6 bytes, 1e-04: 5
  r.rank.assign(6, 1);
  EXPECT_EQ(to_csv(r), "id,score,rank\r\na,1e+22,1\r\nb,1e-05,1\r\nc,1e-04,1\r\nd,123456,1\r\ne,1.5e+300,1\r\nf,0,1\r\n");
}

TEST(CsvNumbers, MillionsOfValuesAsToChars) {
  std::mt19937_64 g(20261206);
  std::vector<double> v;
  // Every bit pattern of a finite double, uniformly.
  while (v.size() < 1000000) {
    const std::uint64_t bits = g();
    double x;
    std::memcpy(&x, &bits, 8);
    if (std::isfinite(x)) v.push_back(x);
  }
  check_cells(v);
  // Points and scores as results hold them: products and quotients of values on [0, 100].
  v.clear();
  std::uniform_real_distribution<double> u(0, 100);
  for (int i = 0; i < 1000000; ++i) v.push_back(i % 2 ? u(g) * u(g) / 100 : u(g) / (1 + u(g)));
  check_cells(v);
  // Values with a few decimals, as tables and rounded scores hold them.
  v.clear();
  for (int i = 0; i <= 1000000; ++i) v.push_back(i % 3 ? i / 100.0 : i / 10000.0);
  check_cells(v);
}

// The writer has its own routine for magnitudes in [2^-198, 2^53) and hands the rest to to_chars:
// both signs at every decade of that range and across its two ends, the lengths where the fixed
// form turns scientific (0.001 / 0.0001) and where the integer part takes 8 bytes with a sign.
TEST(CsvNumbers, EveryDecadeOfTheFastRangeWithBothSignsAsToChars) {
  std::mt19937_64 g(20261207);
  std::uniform_real_distribution<double> mantissa(1, 10);
  std::vector<double> v;
  for (int e = -62; e <= 17; ++e)
    for (int i = 0; i < 4000; ++i) {
      const double x = mantissa(g) * std::pow(10.0, e);
      v.push_back(i % 2 ? -x : x);
      // Few digits: the same value cut to 1..17 significant digits.
      char text[40];
      std::snprintf(text, sizeof text, "%.*e", i % 17, x);
      const double cut = std::strtod(text, nullptr);
      v.push_back(i % 3 ? cut : -cut);
    }
  for (double end : {std::ldexp(1.0, -198), std::ldexp(1.0, 53)})
    for (int i = -50; i <= 50; ++i) {
      double x = end;
      for (int s = 0; s < std::abs(i); ++s) x = std::nextafter(x, i < 0 ? 0.0 : 1e300);
      v.insert(v.end(), {x, -x});
    }
  for (double x : {0.001, 0.0001, 0.00012345678901234567, 0.0012345678901234567, 12345678.901234567,
                   123456789.01234567, 99999999.99999999, 9999999.999999999, 0.1, 0.5, 1.5, 4503599627370495.5})
    v.insert(v.end(), {x, -x, std::nextafter(x, 0.0), -std::nextafter(x, 1.0)});
  check_cells(v);
}

// The score table keeps the text of numbers it has written (values repeat in units' tables) and
// writes columns of new values directly: every cell of every way in and out of that memory is
// to_chars' text. Column a takes 5 values (always found), b rates to 2 decimals (sometimes), c a
// new value every row (written directly after its first tries), d new values, then 7 values,
// then new ones again (in and out of direct writing); e a long text that is never kept (24
// bytes), among short ones.
TEST(CsvNumbers, ScoreTablesWriteRepeatedAndNewValuesAsToChars) {
  std::string model = "id: m\nweights: relative\nindicators:\n";
  for (const char* id : {"a", "b", "c", "d", "e"})
    model +=
        std::string("  - {id: ") + id + ", weight: 1, value: " + id + ", rule: {type: minmax}}\n";
  std::mt19937_64 g(7);
  std::uniform_real_distribution<double> u(0, 1);
  std::string data = "id,a,b,c,d,e\n";
  char cell[40];
  for (int i = 0; i < 20000; ++i) {
    data += "u" + std::to_string(i);
    data += "," + std::to_string(i * 7 % 5 * 1.5);
    std::snprintf(cell, sizeof cell, ",%.2f", std::round(u(g) * 10000) / 100);
    data += cell;
    std::snprintf(cell, sizeof cell, ",%.17g", u(g));
    data += cell;
    std::snprintf(cell, sizeof cell, ",%.17g", i >= 8000 && i < 14000 ? i % 7 / 3.0 : u(g));
    data += cell;
    data += i % 3 ? ",-2.2250738585072014e-308" : (i % 2 ? ",1" : ",2");
    data += "\n";
  }
  const ScoringResult r = testing::score(model, data);
  OutputOptions o;
  o.leaf_detail = true;
  const std::string csv = to_csv(r, o);
  const std::size_t nodes = r.plan.node_ids().size(), leaves = r.plan.leaf_ids().size();
  ASSERT_EQ(leaves, 5u);
  std::size_t pos = csv.find("\r\n") + 2, mismatches = 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    const std::size_t end = csv.find("\r\n", pos);
    ASSERT_NE(end, std::string::npos) << "row " << i;
    std::vector<std::string> cells;
    for (std::size_t a = pos;;) {
      const std::size_t b = std::min(csv.find(',', a), end);
      cells.push_back(csv.substr(a, b - a));
      if (b == end) break;
      a = b + 1;
    }
    pos = end + 2;
    ASSERT_EQ(cells.size(), 9 + nodes + 2 * leaves) << "row " << i;
    std::vector<double> want;
    for (std::size_t k = 0; k < nodes; ++k) want.push_back(r.points(i, k));
    for (std::size_t j = 0; j < leaves; ++j) {
      const auto ii = static_cast<Eigen::Index>(i), jj = static_cast<Eigen::Index>(j);
      want.insert(want.end(), {r.leaf_values(ii, jj), r.leaf_shares(ii, jj)});
    }
    for (std::size_t c = 0; c < want.size(); ++c) {
      const std::string text = std::isfinite(want[c]) ? expected(want[c]) : "";
      if (cells[9 + c] != text && ++mismatches <= 10)
        ADD_FAILURE() << "row " << i << " column " << 9 + c << ": wrote " << cells[9 + c]
                      << ", to_chars writes " << text;
    }
  }
  EXPECT_EQ(mismatches, 0u);
  EXPECT_EQ(pos, csv.size());
  EXPECT_NE(csv.find(",-2.2250738585072014e-308,"), std::string::npos);
  // The file, formatted by one to three workers (each with its own memory), holds the same bytes.
  const std::string path = ::testing::TempDir() + "memo.csv";
  for (int threads : {1, 2, 3}) {
    o.threads = threads;
    write_csv(r, path, o);
    std::ifstream in(path, std::ios::binary);
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>()),
              csv)
        << threads;
  }
}

// The text table of a ranking: the layout (columns two spaces apart, ids and names left-aligned
// and padded by display width, numbers right-aligned, trailing spaces trimmed, best rank first,
// unranked units last, VIKOR's Q left out, a grade in "{:g}"), by hand.
TEST(TextNumbers, RankingTableLayout) {
  MethodResult r;
  r.method = "topsis";
  r.normalization = "vector";
  r.unit_ids = std::vector<std::string>{"u1", "unit-2", "u3", "u4"};
  r.unit_names = std::vector<std::string>{"甲单位", "b", "", "丁"};
  r.score = (Eigen::VectorXd(4) << 0.25, 0.5, std::nan(""), -0.00001).finished();
  r.rank = {2, 1, 0, 3};
  r.intermediates = {{"Q", (Eigen::VectorXd(4) << 1, 2, 3, 4).finished()},
                     {"d_plus", (Eigen::VectorXd(4) << 12.34567, 0.03125, 1e-9, 123456.78906).finished()},
                     {"grade", (Eigen::VectorXd(4) << 1, 2.5, std::nan(""), 1e7).finished()}};
  const std::string report = r.full_report();
  const std::string table = report.substr(report.find("\n\n") + 2);
  EXPECT_EQ(table,
            "rank  id      name      score       d_plus  grade\n"
            "   1  unit-2  b        0.5000       0.0312    2.5\n"
            "   2  u1      甲单位   0.2500      12.3457      1\n"
            "   3  u4      丁      -0.0000  123456.7891  1e+07\n"
            "   -  u3                    -       0.0000      -\n");
}

// Every number of a ranking's text table is written as "{:.4f}" writes it (printf's %.4f, the
// exact value correctly rounded, ties to even), over edge cases, exact ties and 400,000 values
// of every magnitude.
TEST(TextNumbers, RankingTableNumbersAsFixedFourDecimals) {
  std::mt19937_64 rng(17);
  std::uniform_real_distribution<double> u(0, 1);
  const double inf = std::numeric_limits<double>::infinity();
  std::vector<double> v = {0.0, -0.0, 0.5, 1.5, 2.5, 0.00005, 0.00015, 0.99995, 9.99995, 0.03125, 0.15625,
                           4503599627370495.5, 4503599627370496.0, 9007199254740993.0, 1e300, -1e-320, 5e-324,
                           std::numeric_limits<double>::max(), -std::numeric_limits<double>::max(), inf, -inf};
  for (int i = 0; i < 400000; ++i) {
    double x = u(rng);
    switch (i % 5) {
      case 1: x = std::ldexp(x, static_cast<int>(rng() % 140) - 70); break;
      case 2: x = std::ldexp(static_cast<double>(rng() % 100000), -static_cast<int>(rng() % 40)); break;  // ties
      case 3: x = std::nextafter(std::round(x * 1e6) / 1e4 + 5e-5, rng() % 2 ? 0.0 : 1.0); break;  // near ties
      case 4: {
        const std::uint64_t bits = rng();
        std::memcpy(&x, &bits, sizeof x);
        if (std::isnan(x)) x = 1;
        break;
      }
      default: break;
    }
    v.push_back(rng() % 2 ? -x : x);
  }
  MethodResult r;
  const std::size_t n = v.size();
  r.unit_ids = std::vector<std::string>(n, "u");
  r.score = Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(n));
  r.rank.assign(n, 1);
  const std::string report = r.full_report();
  std::size_t pos = report.find('\n', report.find("\n\n") + 2) + 1;  // past the header line
  std::size_t mismatches = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t end = report.find('\n', pos);
    ASSERT_NE(end, std::string::npos) << "row " << i;
    const std::string line = report.substr(pos, end - pos);
    pos = end + 1;
    const std::string cell = line.substr(line.find_last_of(' ') + 1);  // "1  u  <number>", right-aligned
    char text[400];
    const std::string want(text, std::to_chars(text, text + sizeof text, v[i], std::chars_format::fixed, 4).ptr);
    if (cell != want && ++mismatches <= 10) ADD_FAILURE() << v[i] << ": wrote " << cell << ", %.4f writes " << want;
  }
  EXPECT_EQ(mismatches, 0u);
}

}  // namespace
}  // namespace staffeval
