// Data envelopment analysis: textbook examples with known efficiencies and slacks, BCC, scale
// efficiency, super-efficiency, Malmquist, degenerate inputs.
#include <cmath>
#include <limits>
#include <random>

#include "test_util.h"

namespace staffeval {
namespace {

Eigen::MatrixXd col(std::initializer_list<double> v) {
  Eigen::MatrixXd m(static_cast<Eigen::Index>(v.size()), 1);
  Eigen::Index i = 0;
  for (double x : v) m(i++, 0) = x;
  return m;
}

std::vector<std::string> letters(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(std::string(1, static_cast<char>('A' + i)));
  return out;
}

// Cooper, Seiford & Tone (2007), Data Envelopment Analysis, ch. 3: eight stores, one input
// (employees) and one output (sales). CCR efficiency is each store's sales per employee over
// the best (B, 3/3 = 1).
const Eigen::MatrixXd kEmployees = col({2, 3, 3, 4, 5, 5, 6, 8});
const Eigen::MatrixXd kSales = col({1, 3, 2, 3, 4, 2, 3, 5});

TEST(Dea, CcrOneInputOneOutput) {
  const auto r = dea(kEmployees, kSales, letters(8), {"employees"}, {"sales"});
  const double expected[] = {0.5, 1, 2.0 / 3, 0.75, 0.8, 0.4, 0.5, 0.625};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(r.efficiency[i], expected[i], 1e-8) << r.unit_ids[static_cast<std::size_t>(i)];
  EXPECT_EQ(r.rank[1], 1);
  // A's redundant employees: 2 - 0.5 * 2 = 1.
  EXPECT_NEAR(r.input_excess(0, 0), 1, 1e-8);
  // Output orientation: phi = 1 / theta under CCR.
  DeaOptions o;
  o.orientation = DeaOrientation::kOutput;
  const auto out = dea(kEmployees, kSales, letters(8), {"employees"}, {"sales"}, o);
  EXPECT_NEAR(out.phi[0], 2, 1e-8);
  EXPECT_NEAR(out.efficiency[0], 0.5, 1e-8);
  EXPECT_NEAR(out.output_shortfall(0, 0), 1, 1e-8);
}

TEST(Dea, BccAndScaleEfficiency) {
  // The BCC frontier runs through A (2, 1), B (3, 3), E (5, 4) and H (8, 5). C (3, 2) lies
  // level with the A-B segment at 2.5 employees: theta 2.5 / 3; D (4, 3) is matched by B:
  // 3 / 4; F (5, 2) and G (6, 3): 2.5 / 5 and 3 / 6.
  DeaOptions o;
  o.model = DeaModel::kBcc;
  const auto r = dea(kEmployees, kSales, letters(8), {"employees"}, {"sales"}, o);
  const double expected[] = {1, 1, 2.5 / 3, 0.75, 1, 0.5, 0.5, 1};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(r.efficiency[i], expected[i], 1e-8) << r.unit_ids[static_cast<std::size_t>(i)];
  // Scale efficiency = CCR / BCC: A is BCC-efficient but CCR 0.5 (too small: increasing
  // returns); H (8, 5) CCR 0.625 (too large: decreasing).
  EXPECT_NEAR(r.scale_efficiency[0], 0.5, 1e-8);
  EXPECT_EQ(r.returns_to_scale[0], "increasing");
  EXPECT_NEAR(r.scale_efficiency[7], 0.625, 1e-8);
  EXPECT_EQ(r.returns_to_scale[7], "decreasing");
  EXPECT_EQ(r.returns_to_scale[1], "constant");
}

// Cooper, Seiford & Tone (2007), ch. 3: six units with two inputs and one unit of output.
// The CCR frontier is E (2, 4), D (4, 2), C (8, 1). A (4, 3) contracts onto D-E
// (x1 + x2 = 6): theta 6/7; B (7, 3) onto D-C (x1 + 4 x2 = 12): 12/19. F (10, 1) is on the
// frontier's extension: theta 1 with 2 units of x1 slack (C does it with 8).
TEST(Dea, CcrTwoInputsWithSlack) {
  Eigen::MatrixXd x(6, 2);
  x << 4, 3, 7, 3, 8, 1, 4, 2, 2, 4, 10, 1;
  const Eigen::MatrixXd y = Eigen::MatrixXd::Ones(6, 1);
  const auto r = dea(x, y, letters(6), {"x1", "x2"}, {"y"});
  EXPECT_NEAR(r.efficiency[0], 6.0 / 7, 1e-8);
  EXPECT_NEAR(r.efficiency[1], 12.0 / 19, 1e-8);
  for (int i = 2; i < 6; ++i) EXPECT_NEAR(r.efficiency[i], 1, 1e-8);
  EXPECT_NEAR(r.input_slacks(5, 0), 2, 1e-8);
  EXPECT_NEAR(r.input_slacks(5, 1), 0, 1e-8);
  EXPECT_NEAR(r.input_excess(5, 0), 2, 1e-8);
  // A's peers are D and E: 4 theta = 4 l_D + 2 l_E, 3 theta = 2 l_D + 4 l_E, l_D + l_E = 1.
  EXPECT_NEAR(r.lambdas(0, 3) + r.lambdas(0, 4), 1, 1e-8);
  EXPECT_NEAR(r.lambdas(0, 3), 5.0 / 7, 1e-8);
  EXPECT_FALSE(r.warnings.empty()) << "6 units for 2 inputs and 1 output are few";
}

TEST(Dea, SuperEfficiencyRanksTheEfficient) {
  DeaOptions o;
  o.super_efficiency = true;
  const auto r = dea(kEmployees, kSales, letters(8), {"employees"}, {"sales"}, o);
  // B against the others: the best other ratio is E's 0.8, so 1 / 0.8.
  EXPECT_NEAR(r.super_efficiency[1], 1.25, 1e-8);
  EXPECT_NEAR(r.super_efficiency[0], 0.5, 1e-8);
  EXPECT_EQ(r.rank[1], 1);
  // BCC super-efficiency can be infeasible: without H no convex combination of the others
  // reaches H's 5 sales. NaN and a warning, never a crash.
  o.model = DeaModel::kBcc;
  const auto b = dea(kEmployees, kSales, letters(8), {"employees"}, {"sales"}, o);
  EXPECT_TRUE(std::isnan(b.super_efficiency[7]));
  bool warned = false;
  for (const auto& w : b.warnings) warned = warned || w.find("unit \"H\": super-efficiency infeasible") != std::string::npos;
  EXPECT_TRUE(warned);
  EXPECT_EQ(b.rank[7], 1);  // H cannot be enveloped by the others: first
  EXPECT_EQ(b.rank[0], 2);  // then A (1.5)
}

TEST(Dea, MalmquistHandComputed) {
  // One input and one output: the CCR distance is productivity over the period's best.
  // Period 0: U1 (2, 2), U2 (2, 1); period 1: U1 (2, 3), U2 (2, 2). Best ratios 1 and 1.5.
  const auto m = malmquist(col({2, 2}), col({2, 1}), col({2, 2}), col({3, 2}), {"U1", "U2"});
  // U2: d00 = 0.5, d11 = 1 / 1.5, d01 = 1 / 1 (its new ratio against period 0's best),
  // d10 = 0.5 / 1.5.
  EXPECT_NEAR(m.d00[1], 0.5, 1e-8);
  EXPECT_NEAR(m.d11[1], 2.0 / 3, 1e-8);
  EXPECT_NEAR(m.d01[1], 1.0, 1e-8);
  EXPECT_NEAR(m.d10[1], 1.0 / 3, 1e-8);
  EXPECT_NEAR(m.efficiency_change[1], (2.0 / 3) / 0.5, 1e-8);
  EXPECT_NEAR(m.technical_change[1], std::sqrt((1.0 / (2.0 / 3)) * (0.5 / (1.0 / 3))), 1e-8);
  // With one input and one output the index is the productivity ratio: (2/2) / (1/2) = 2.
  EXPECT_NEAR(m.malmquist[1], 2, 1e-8);
  EXPECT_NEAR(m.malmquist[0], 1.5, 1e-8);
}

TEST(Dea, MalmquistKeepsTheWarningsOfBothPeriods) {
  const double nan = std::numeric_limits<double>::quiet_NaN();
  // U3 lacks its period-2 output: left out of the index, and period 2's warning says so.
  const auto m = malmquist(col({2, 2, 2}), col({2, 1, 1}), col({2, 2, 2}), col({3, 2, nan}), {"U1", "U2", "U3"});
  EXPECT_TRUE(std::isnan(m.malmquist[2]));
  EXPECT_NEAR(m.malmquist[1], 2, 1e-8);
  bool period2 = false;
  for (const auto& w : m.warnings) period2 = period2 || w.rfind("period 2: 1 unit(s) with missing values left out", 0) == 0;
  EXPECT_TRUE(period2) << ::testing::PrintToString(m.warnings);
}

// Units' programs are independent: any thread count gives every figure bit for bit and the
// warnings in unit order.
TEST(Dea, ThreadCountsChangeNothing) {
  std::mt19937_64 rng(7);
  std::uniform_real_distribution<double> u(1, 10);
  const Eigen::Index n = 120;
  Eigen::MatrixXd x(n, 2), y(n, 2);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < 2; ++j) {
      x(i, j) = u(rng);
      y(i, j) = u(rng);
    }
  std::vector<std::string> ids;
  for (Eigen::Index i = 0; i < n; ++i) ids.push_back("U" + std::to_string(i));
  DeaOptions o;
  o.model = DeaModel::kBcc;
  o.super_efficiency = true;  // some BCC super-efficiencies are infeasible: warnings
  o.threads = 1;
  const DeaResult one = dea(x, y, ids, {"a", "b"}, {"c", "d"}, o);
  ASSERT_FALSE(one.warnings.empty());
  for (int threads : {2, 3, 0}) {
    o.threads = threads;
    const DeaResult r = dea(x, y, ids, {"a", "b"}, {"c", "d"}, o);
    EXPECT_TRUE(r.efficiency.cwiseEqual(one.efficiency).all()) << threads;
    EXPECT_TRUE((r.super_efficiency.array() == one.super_efficiency.array() ||
                 (r.super_efficiency.array().isNaN() && one.super_efficiency.array().isNaN())).all());
    EXPECT_TRUE(r.input_slacks.cwiseEqual(one.input_slacks).all());
    EXPECT_TRUE(r.lambdas.cwiseEqual(one.lambdas).all());
    EXPECT_EQ(r.rank, one.rank);
    EXPECT_EQ(r.returns_to_scale, one.returns_to_scale);
    EXPECT_EQ(r.warnings, one.warnings);
  }
  MalmquistOptions mo;
  mo.threads = 1;
  const MalmquistResult m1 = malmquist(x, y, x * 0.9, y * 1.1, ids, mo);
  mo.threads = 2;
  const MalmquistResult m2 = malmquist(x, y, x * 0.9, y * 1.1, ids, mo);
  EXPECT_TRUE(m1.malmquist.cwiseEqual(m2.malmquist).all());
  EXPECT_NEAR(m1.malmquist[5], 1.1 / 0.9, 1e-8);  // every unit's productivity grew alike
  o.threads = -1;
  STAFFEVAL_EXPECT_THROW_MSG(dea(x, y, ids, {"a", "b"}, {"c", "d"}, o), OptionsError, "DeaOptions::threads");
  mo.threads = -2;
  STAFFEVAL_EXPECT_THROW_MSG(malmquist(x, y, x, y, ids, mo), OptionsError, "MalmquistOptions::threads");
}

// Hundreds of units, solved over the units that matter and from one unit's optimum to the next:
// one input and one output give the exact efficiency (ratio over the best ratio) for every unit;
// units with the same ratio tie; two inputs and outputs in another order give the same
// efficiencies; every unit's peers reach its targets exactly (no slack the data do not allow).
TEST(Dea, ManyUnitsAreSolvedExactly) {
  std::mt19937_64 rng(11);
  std::uniform_real_distribution<double> u(1, 10);
  const Eigen::Index n = 400;
  Eigen::MatrixXd x1(n, 1), y1(n, 1);
  for (Eigen::Index i = 0; i < n; ++i) {
    x1(i, 0) = std::round(u(rng) * 10);
    y1(i, 0) = std::round(u(rng) * 10);
  }
  x1(7, 0) = 2 * x1(3, 0);  // unit 7 has unit 3's ratio
  y1(7, 0) = 2 * y1(3, 0);
  std::vector<std::string> ids;
  for (Eigen::Index i = 0; i < n; ++i) ids.push_back("U" + std::to_string(i));
  const DeaResult one = dea(x1, y1, ids, {"x"}, {"y"});
  const double best = (y1.array() / x1.array()).maxCoeff();
  for (Eigen::Index i = 0; i < n; ++i) EXPECT_NEAR(one.efficiency[i], y1(i, 0) / x1(i, 0) / best, 1e-10) << i;
  EXPECT_EQ(one.rank[3], one.rank[7]);

  Eigen::MatrixXd x(n, 2), y(n, 2);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < 2; ++j) {
      x(i, j) = u(rng);
      y(i, j) = u(rng);
    }
  for (DeaModel model : {DeaModel::kCcr, DeaModel::kBcc}) {
    DeaOptions o;
    o.model = model;
    const DeaResult r = dea(x, y, ids, {"a", "b"}, {"c", "d"}, o);
    // The units in reverse order: other chains, other starting points.
    const Eigen::MatrixXd xr = x.colwise().reverse(), yr = y.colwise().reverse();
    std::vector<std::string> rids(ids.rbegin(), ids.rend());
    const DeaResult back = dea(xr, yr, rids, {"a", "b"}, {"c", "d"}, o);
    for (Eigen::Index i = 0; i < n; ++i) {
      EXPECT_NEAR(r.efficiency[i], back.efficiency[n - 1 - i], 1e-9) << i;
      // Peers' inputs and outputs are the unit's targets.
      const Eigen::RowVectorXd in = r.lambdas.row(i) * x, out = r.lambdas.row(i) * y;
      for (Eigen::Index j = 0; j < 2; ++j) {
        EXPECT_NEAR(in[j], r.input_targets(i, j), 1e-7 * (1 + x(i, j))) << i;
        EXPECT_NEAR(out[j], r.output_targets(i, j), 1e-7 * (1 + y(i, j))) << i;
      }
    }
  }
}

TEST(Dea, DegenerateInputs) {
  // All units efficient: identical ratios.
  const auto all = dea(col({1, 2, 3}), col({2, 4, 6}), letters(3), {"x"}, {"y"});
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(all.efficiency[i], 1, 1e-8);
  EXPECT_EQ(all.rank, (std::vector<int>{1, 1, 1}));
  // A single unit is efficient.
  const auto one = dea(col({5}), col({3}), {"solo"}, {"x"}, {"y"});
  EXPECT_NEAR(one.efficiency[0], 1, 1e-8);
  // Missing values: the unit is left out with a warning.
  const auto gap = dea(col({1, std::nan(""), 3}), col({2, 4, 3}), letters(3), {"x"}, {"y"});
  EXPECT_TRUE(std::isnan(gap.efficiency[1]));
  EXPECT_EQ(gap.rank[1], 0);
  // Negative values and units without output are errors naming unit and column.
  STAFFEVAL_EXPECT_THROW_MSG(dea(col({1, -2}), col({1, 1}), letters(2), {"staff"}, {"cases"}), DataError,
                             "unit \"B\", input \"staff\" = -2");
  STAFFEVAL_EXPECT_THROW_MSG(dea(col({1, 2}), col({1, 0}), letters(2), {"staff"}, {"cases"}), DataError,
                             "unit \"B\": every output is 0");
}

}  // namespace
}  // namespace staffeval
