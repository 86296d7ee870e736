// Ranking methods against published examples, degenerate inputs and rank reversal.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <random>

#include "test_util.h"

namespace staffeval {
namespace {

using testing::rows;

std::vector<std::string> ids(std::size_t n, const char* prefix = "A") {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i + 1));
  return out;
}

// Papathanasiou & Ploskas (2018), Multiple Criteria Decision Aid, chapters TOPSIS and VIKOR:
// six alternatives, four benefit criteria.
const Eigen::MatrixXd kPapathanasiou =
    rows({{8, 7, 2, 1}, {5, 3, 7, 5}, {7, 5, 6, 4}, {9, 9, 7, 3}, {11, 10, 3, 7}, {6, 9, 5, 4}});
const Eigen::Vector4d kPapathanasiouWeights(0.4, 0.3, 0.1, 0.2);

MethodResult run(Method method, const Eigen::MatrixXd& x, const std::vector<Direction>& d, const Eigen::VectorXd& w,
                 MethodOptions o = {}) {
  o.method = method;
  return rank_alternatives(x, ids(static_cast<std::size_t>(x.rows())), ids(static_cast<std::size_t>(x.cols()), "C"), d, w, o);
}

TEST(Topsis, PapathanasiouPloskas2018) {
  const auto r = run(Method::kTopsis, kPapathanasiou, std::vector<Direction>(4, Direction::kBenefit), kPapathanasiouWeights);
  const double published[] = {0.387, 0.327, 0.391, 0.615, 0.868, 0.493};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(r.score[i], published[i], 5e-4) << i;
  EXPECT_EQ(r.rank, (std::vector<int>{5, 6, 4, 2, 1, 3}));
  EXPECT_EQ(r.normalization, "vector");
  // Closeness = D- / (D+ + D-).
  const auto& dp = r.intermediates[0].second;
  const auto& dm = r.intermediates[1].second;
  EXPECT_NEAR(r.score[0], dm[0] / (dp[0] + dm[0]), 1e-15);
}

// Ersoy (2021), LogForum 17(3): entropy-weighted TOPSIS with two cost criteria.
TEST(Topsis, Ersoy2021WithCostCriteria) {
  const auto x = rows({{256, 8, 41, 1.6, 1.77, 7347.16},
                       {256, 8, 32, 1.0, 1.8, 6919.99},
                       {256, 8, 53, 1.6, 1.9, 8400},
                       {256, 8, 41, 1.0, 1.75, 6808.9},
                       {512, 8, 35, 1.6, 1.7, 8479.99},
                       {256, 4, 35, 1.6, 1.7, 7499.99}});
  std::vector<Direction> d(6, Direction::kBenefit);
  d[4] = d[5] = Direction::kCost;
  Eigen::VectorXd w(6);
  w << 0.405, 0.221, 0.134, 0.199, 0.007, 0.034;
  const auto r = run(Method::kTopsis, x, d, w);
  const double published[] = {0.308, 0.254, 0.327, 0.263, 0.857, 0.192};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(r.score[i], published[i], 5e-3) << i;
}

TEST(Vikor, PapathanasiouPloskas2018) {
  MethodOptions o;
  o.v = 0.625;
  const auto r = run(Method::kVikor, kPapathanasiou, std::vector<Direction>(4, Direction::kBenefit), kPapathanasiouWeights, o);
  const double published[] = {0.640, 1.000, 0.693, 0.271, 0.000, 0.694};
  for (int i = 0; i < 6; ++i) EXPECT_NEAR(r.score[i], published[i], 5e-4) << i;
  EXPECT_TRUE(r.lower_is_better);
  EXPECT_EQ(r.rank, (std::vector<int>{3, 6, 4, 2, 1, 5}));
  // A5 has Q 0 and the next (A4) 0.271 >= DQ = 1/5: advantage; A5 is also best by S and R.
  EXPECT_TRUE(r.acceptable_advantage);
  EXPECT_TRUE(r.acceptable_stability);
  EXPECT_EQ(r.compromise, (std::vector<std::size_t>{4}));
}

TEST(Vikor, ConditionsFailingGiveACompromiseSet) {
  // Two units close in Q: no acceptable advantage, both in the compromise set.
  const auto x = rows({{10, 1}, {9.9, 1.1}, {1, 10}});
  const auto r = run(Method::kVikor, x, {Direction::kBenefit, Direction::kCost}, Eigen::Vector2d(0.5, 0.5));
  EXPECT_FALSE(r.acceptable_advantage);
  EXPECT_EQ(r.compromise, (std::vector<std::size_t>{0, 1}));
  EXPECT_FALSE(r.warnings.empty());
}

TEST(Vikor, EqualUnitsNeverGiveNaN) {
  // S* = S- and R* = R-: every Q is 0, all tie at rank 1.
  const auto r = run(Method::kVikor, rows({{3, 4}, {3, 4}, {3, 4}}), {Direction::kBenefit, Direction::kBenefit},
                     Eigen::Vector2d(1, 1));
  EXPECT_TRUE(r.score.allFinite());
  EXPECT_EQ(r.rank, (std::vector<int>{1, 1, 1}));
}

// Tuş & Aytaç Adalı (2019), Opsearch 56(2): WASPAS with CRITIC weights and linear normalisation.
TEST(Waspas, TusAdali2019) {
  const auto x = rows({{5000, 3, 3, 4, 3, 2},
                       {680, 5, 3, 2, 2, 1},
                       {2000, 3, 2, 3, 4, 3},
                       {600, 4, 3, 1, 2, 2},
                       {800, 2, 4, 3, 3, 4}});
  std::vector<Direction> d(6, Direction::kBenefit);
  d[0] = Direction::kCost;
  ObjectiveOptions critic;
  critic.method = ObjectiveMethod::kCritic;
  critic.reverse_costs = false;
  const auto w = objective_weights(x, ids(6, "C"), d, critic).weights;
  const auto r = run(Method::kWaspas, x, d, w);
  const double published[] = {0.5622, 0.6575, 0.6192, 0.6409, 0.722};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(r.score[i], published[i], 5e-4) << i;
  EXPECT_EQ(r.normalization, "linear-max");
  // The joint criterion is the mean of its two parts at lambda 0.5.
  EXPECT_NEAR(r.score[0], 0.5 * (r.intermediates[0].second[0] + r.intermediates[1].second[0]), 1e-15);
}

TEST(SawWpm, HandComputed) {
  // Two units, a benefit and a cost criterion, weights 3 : 1.
  const auto x = rows({{2, 4}, {4, 2}});
  const std::vector<Direction> d{Direction::kBenefit, Direction::kCost};
  MethodOptions o;
  o.normalization = Normalization::kLinearMax;
  auto r = run(Method::kSaw, x, d, Eigen::Vector2d(3, 1), o);
  // Unit 1: 0.75 * 2/4 + 0.25 * 2/4 = 0.5; unit 2: 0.75 * 1 + 0.25 * 1 = 1.
  EXPECT_NEAR(r.score[0], 0.5, 1e-15);
  EXPECT_NEAR(r.score[1], 1.0, 1e-15);
  r = run(Method::kWpm, x, d, Eigen::Vector2d(3, 1), o);
  EXPECT_NEAR(r.score[0], std::pow(0.5, 0.75) * std::pow(0.5, 0.25), 1e-15);
  o.normalization = Normalization::kSum;
  r = run(Method::kSaw, x, d, Eigen::Vector2d(1, 1), o);
  // Sum: benefit 2/6, 4/6; cost (1/4)/(3/4) = 1/3, (1/2)/(3/4) = 2/3.
  EXPECT_NEAR(r.score[0], (1.0 / 3 + 1.0 / 3) / 2, 1e-15);
}

// Yıldırım & Önder (eds.), Çok Kriterli Karar Verme Yöntemleri (2015), the grey relational
// example (as reproduced by JMcDM): min-max orientation, rho 0.5.
TEST(Gra, YildirimOnder2015) {
  const auto x = rows({{105000, 105, 10, 4, 300, 10},
                       {120000, 110, 15, 4, 500, 8},
                       {150000, 120, 12, 3, 550, 12},
                       {115000, 105, 20, 4, 600, 9},
                       {135000, 115, 15, 5, 400, 9}});
  const std::vector<Direction> d{Direction::kCost,    Direction::kBenefit, Direction::kCost,
                                 Direction::kBenefit, Direction::kBenefit, Direction::kCost};
  Eigen::VectorXd w(6);
  w << 0.05, 0.20, 0.10, 0.15, 0.10, 0.40;
  const auto r = run(Method::kGra, x, d, w);
  const double published[] = {0.525, 0.7007142857142857, 0.5464285714285715, 0.5762820512820512, 0.650952380952381};
  for (int i = 0; i < 5; ++i) EXPECT_NEAR(r.score[i], published[i], 1e-12) << i;
  EXPECT_EQ(r.rank[1], 1);
}

// The SAW example of JMcDM's test suite (4 alternatives, 4 criteria, one cost), x / max and
// min / x normalisation.
TEST(SawWpm, LinearMaxExample) {
  const auto x = rows({{25, 65, 7, 20}, {21, 78, 6, 24}, {19, 53, 5, 33}, {22, 25, 2, 31}});
  const std::vector<Direction> d{Direction::kBenefit, Direction::kBenefit, Direction::kCost, Direction::kBenefit};
  MethodOptions o;
  o.normalization = Normalization::kLinearMax;
  const auto r = run(Method::kSaw, x, d, Eigen::Vector4d(0.25, 0.25, 0.25, 0.25), o);
  const double expected[] = {0.681277, 0.725151, 0.709871, 0.784976};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.score[i], expected[i], 1e-6) << i;
}

TEST(Gra, HandComputed) {
  // Min-max: unit 1 (1, 0), unit 2 (0, 1), unit 3 (0.5, 0.5); reference (1, 1); deltas in
  // {0, 0.5, 1}: dmin 0, dmax 1, xi = 0.5 / (delta + 0.5).
  const auto x = rows({{10, 1}, {0, 3}, {5, 2}});
  const auto r = run(Method::kGra, x, {Direction::kBenefit, Direction::kBenefit}, Eigen::Vector2d(0.6, 0.4));
  EXPECT_NEAR(r.score[0], 0.6 * 1 + 0.4 * (0.5 / 1.5), 1e-15);
  EXPECT_NEAR(r.score[2], 0.5, 1e-15);
  EXPECT_EQ(r.rank, (std::vector<int>{1, 2, 3}));
}

// Rank reversal: adding a unit changes TOPSIS's data-derived ideal and can swap two others;
// fixed ideal points make each unit's closeness its own.
TEST(Topsis, FixedIdealPointsPreventRankReversal) {
  const std::vector<Direction> d{Direction::kBenefit, Direction::kBenefit};
  const Eigen::Vector2d w(0.5, 0.5);
  const auto base = rows({{9, 5}, {7, 6}, {5, 6}});
  const auto more = rows({{9, 5}, {7, 6}, {5, 6}, {1, 1}});
  MethodOptions o;
  o.normalization = Normalization::kMinMax;
  const auto a = run(Method::kTopsis, base, d, w, o);
  const auto b = run(Method::kTopsis, more, d, w, o);
  // Without A4, A2 (0.691) leads A1 (0.5); a poor A4 widens the second criterion's range and
  // A1 (0.865) overtakes A2 (0.833).
  EXPECT_LT(a.rank[1], a.rank[0]);
  EXPECT_LT(b.rank[0], b.rank[1]) << "the added unit reverses A1 and A2 under data-derived ideals";
  o.ideal = Eigen::Vector2d(10, 10);
  o.anti_ideal = Eigen::Vector2d(0, 0);
  const auto c = run(Method::kTopsis, base, d, w, o);
  const auto e = run(Method::kTopsis, more, d, w, o);
  EXPECT_EQ(c.normalization, "fixed");
  EXPECT_EQ(c.score[0], e.score[0]);
  EXPECT_EQ(c.score[1], e.score[1]);
  EXPECT_EQ(c.rank[0] < c.rank[1], e.rank[0] < e.rank[1]);
}

// TOPSIS over many units (several blocks on each core): the closeness of the textbook formula
// (vector normalisation, weighted, distances to the column extremes), the same bits on one
// thread or two, and ranks that follow the closeness with ties sharing the best rank.
TEST(Topsis, ManyUnitsMatchTheFormulaOnAnyThreadCount) {
  const Eigen::Index m = 40009, n = 4;
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(1, 100);
  Eigen::MatrixXd x(m, n);
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < n; ++j) x(i, j) = j == 3 ? std::floor(u(rng) / 10) : u(rng);
  x.row(7) = x.row(3);  // a tie
  const std::vector<Direction> d{Direction::kBenefit, Direction::kCost, Direction::kBenefit, Direction::kCost};
  const Eigen::Vector4d w(0.4, 0.3, 0.2, 0.1);
  MethodOptions o;
  o.threads = 1;
  const auto one = run(Method::kTopsis, x, d, w, o);
  o.threads = 2;
  const auto two = run(Method::kTopsis, x, d, w, o);
  Eigen::MatrixXd v(m, n);
  for (Eigen::Index j = 0; j < n; ++j) {
    long double sq = 0;
    for (Eigen::Index i = 0; i < m; ++i) sq += static_cast<long double>(x(i, j)) * x(i, j);
    for (Eigen::Index i = 0; i < m; ++i) {
      const double t = static_cast<double>(x(i, j) / std::sqrt(sq));
      v(i, j) = (d[static_cast<std::size_t>(j)] == Direction::kCost ? 1 - t : t) * w[j];
    }
  }
  const Eigen::RowVectorXd best = v.colwise().maxCoeff(), worst = v.colwise().minCoeff();
  for (Eigen::Index i = 0; i < m; ++i) {
    const double dp = (v.row(i) - best).norm(), dm = (v.row(i) - worst).norm();
    ASSERT_NEAR(one.score[i], dm / (dp + dm), 1e-13) << i;
    ASSERT_EQ(one.score[i], two.score[i]) << i;
    ASSERT_EQ(one.rank[static_cast<std::size_t>(i)], two.rank[static_cast<std::size_t>(i)]) << i;
  }
  EXPECT_EQ(one.rank[3], one.rank[7]);
  for (Eigen::Index i = 0; i + 1 < m; ++i) {
    const auto a = static_cast<std::size_t>(i), b = a + 1;
    if (one.score[i] > one.score[i + 1]) {
      EXPECT_LT(one.rank[a], one.rank[b]);
    } else if (one.score[i] < one.score[i + 1]) {
      EXPECT_GT(one.rank[a], one.rank[b]);
    } else {
      EXPECT_EQ(one.rank[a], one.rank[b]);
    }
  }
  o.threads = -1;
  STAFFEVAL_EXPECT_THROW_MSG(run(Method::kTopsis, x, d, w, o), OptionsError, "MethodOptions::threads");
}

TEST(Methods, DegenerateInputs) {
  const std::vector<Direction> d{Direction::kBenefit, Direction::kCost};
  // A constant column: min-max gives 1 everywhere, every method stays finite.
  for (auto m : {Method::kSaw, Method::kWpm, Method::kWaspas, Method::kTopsis, Method::kVikor, Method::kGra,
                 Method::kRsr}) {
    const auto r = run(m, rows({{1, 5}, {2, 5}, {3, 5}}), d, Eigen::Vector2d(1, 1));
    EXPECT_TRUE(r.score.allFinite()) << to_string(m);
    EXPECT_EQ(r.rank[2], 1) << to_string(m);  // the best on the criterion that varies
  }
  // A single unit ranks first with a finite score.
  for (auto m : {Method::kSaw, Method::kTopsis, Method::kVikor, Method::kGra, Method::kRsr}) {
    const auto r = run(m, rows({{1, 5}}), d, Eigen::Vector2d(1, 1));
    EXPECT_EQ(r.rank, std::vector<int>{1}) << to_string(m);
    EXPECT_TRUE(r.score.allFinite()) << to_string(m);
  }
  // A missing value: the unit is left out with a warning.
  const auto r = run(Method::kTopsis, rows({{1, 5}, {std::nan(""), 4}, {3, 2}}), d, Eigen::Vector2d(1, 1));
  EXPECT_EQ(r.rank[1], 0);
  EXPECT_TRUE(std::isnan(r.score[1]));
  EXPECT_FALSE(r.warnings.empty());
  // Values a normalisation cannot take are errors naming unit and criterion.
  MethodOptions o;
  o.normalization = Normalization::kLinearMax;
  STAFFEVAL_EXPECT_THROW_MSG(run(Method::kSaw, rows({{1, 0}, {2, 3}}), d, Eigen::Vector2d(1, 1), o), DataError,
                             "unit \"A1\", criterion \"C2\" = 0: linear-max normalisation needs values > 0");
  STAFFEVAL_EXPECT_THROW_MSG(run(Method::kSaw, rows({{1, 2}}), d, Eigen::Vector2d(0, 0)), DataError, "sum to 0");
  o = {};
  o.v = 2;
  STAFFEVAL_EXPECT_THROW_MSG(run(Method::kVikor, rows({{1, 2}}), d, Eigen::Vector2d(1, 1), o), OptionsError,
                             "MethodOptions::v = 2");
}

// The result shares the ids it is given (a table's, not copied); units left out keep their place
// (score NaN, rank 0) and the others have exactly the scores, intermediates and compromise set
// of the method run without them.
TEST(Methods, ResultSharesTheIdsAndKeepsUnitsInPlace) {
  const SharedStrings all = ids(5);
  const Eigen::MatrixXd x = rows({{8, 7, 2}, {5, std::nan(""), 7}, {7, 5, 6}, {9, 9, 7}, {11, 10, 3}});
  const Eigen::MatrixXd without = rows({{8, 7, 2}, {7, 5, 6}, {9, 9, 7}, {11, 10, 3}});
  const std::vector<Direction> d{Direction::kBenefit, Direction::kCost, Direction::kBenefit};
  const Eigen::Vector3d w(0.5, 0.3, 0.2);
  const std::vector<std::string> crit = ids(3, "C");
  for (Method m : {Method::kTopsis, Method::kVikor}) {
    MethodOptions o;
    o.method = m;
    const MethodResult r = rank_alternatives(x, all, crit, d, w, o);
    EXPECT_TRUE(r.unit_ids.shares(all)) << to_string(m);
    const MethodResult s = rank_alternatives(without, {"A1", "A3", "A4", "A5"}, crit, d, w, o);
    EXPECT_TRUE(std::isnan(r.score[1]));
    EXPECT_EQ(r.rank[1], 0);
    const int from[] = {0, 2, 3, 4};
    for (int k = 0; k < 4; ++k) {
      EXPECT_EQ(r.score[from[k]], s.score[k]) << to_string(m) << " " << k;
      EXPECT_EQ(r.share[from[k]], s.share[k]) << to_string(m) << " " << k;
      ASSERT_EQ(r.intermediates.size(), s.intermediates.size());
      for (std::size_t v = 0; v < r.intermediates.size(); ++v)
        EXPECT_EQ(r.intermediates[v].second[from[k]], s.intermediates[v].second[k]) << r.intermediates[v].first;
    }
    for (std::size_t c = 0; c < s.compromise.size(); ++c)
      EXPECT_EQ(r.compromise.at(c), static_cast<std::size_t>(from[s.compromise[c]]));
  }
  // Every unit kept: the kernel's vectors are the result's, the share the score itself.
  MethodOptions o;
  const MethodResult r = rank_alternatives(without, ids(4), crit, d, w, o);
  EXPECT_EQ(r.share, r.score);
  EXPECT_EQ(r.intermediates.at(0).first, "d_plus");
  EXPECT_EQ(r.intermediates.at(0).second.size(), 4);
  // An error after a left-out unit names the unit it is about, not its position among the kept.
  o.method = Method::kSaw;
  o.normalization = Normalization::kLinearMax;
  const Eigen::MatrixXd bad = rows({{8, 7, 2}, {5, std::nan(""), 7}, {7, 5, 6}, {9, 0, 7}, {11, 10, 3}});
  STAFFEVAL_EXPECT_THROW_MSG(rank_alternatives(bad, all, crit, d, w, o), DataError, "unit \"A4\", criterion \"C2\" = 0");
}

TEST(Methods, CompetitionRanks) {
  EXPECT_EQ(competition_ranks(Eigen::Vector4d(3, 5, 5, 1)), (std::vector<int>{3, 1, 1, 4}));
  EXPECT_EQ(competition_ranks(Eigen::Vector4d(3, 5, 5, 1), true), (std::vector<int>{2, 3, 3, 1}));
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

TEST(Rsr, RanksProbitsAndGradesHandComputed) {
  // One benefit criterion 10, 20, 30, 40: ranks 1-4, RSR = rank / 4. Percentiles 1/4, 2/4,
  // 3/4 and, for the top, 1 - 1/16; probit = 5 + z(p).
  Eigen::MatrixXd x(4, 1);
  x << 10, 20, 30, 40;
  MethodOptions o;
  o.method = Method::kRsr;
  const auto r = rank_alternatives(x, {"a", "b", "c", "d"}, {"c1"}, {Direction::kBenefit}, Eigen::VectorXd::Ones(1), o);
  EXPECT_NEAR(r.score[0], 0.25, 1e-15);
  EXPECT_NEAR(r.score[3], 1.0, 1e-15);
  const auto& probit = r.intermediates[0].second;
  EXPECT_NEAR(probit[0], 5 - 0.6744897501960817, 1e-12);
  EXPECT_NEAR(probit[1], 5.0, 1e-12);
  EXPECT_NEAR(probit[3], 5 + 1.5341205443525463, 1e-12);
  const auto& grade = r.intermediates[2].second;
  EXPECT_EQ(grade[3], 1.0);  // probit >= 6: the best of three grades
  EXPECT_EQ(grade[0], 2.0);  // 4.33: the middle grade
  EXPECT_EQ(r.rank, (std::vector<int>{4, 3, 2, 1}));
  // The least-squares line through (probit, RSR).
  const Eigen::Vector4d rsr(0.25, 0.5, 0.75, 1.0);
  const double pm = probit.mean(), sm = rsr.mean();
  const double b = ((probit.array() - pm) * (rsr.array() - sm)).sum() / (probit.array() - pm).square().sum();
  EXPECT_NEAR(r.figures[1].second, b, 1e-12);
  EXPECT_NEAR(r.figures[0].second, sm - b * pm, 1e-12);
  EXPECT_NEAR(r.intermediates[1].second[2], sm - b * pm + b * probit[2], 1e-12);
}

TEST(Rsr, CostCriteriaTiesAndWeights) {
  // A cost criterion ranks the lowest value best; ties share their average rank.
  Eigen::MatrixXd x(3, 2);
  x << 1, 5,
       1, 3,
       2, 4;
  MethodOptions o;
  o.method = Method::kRsr;
  const auto r = rank_alternatives(x, {"a", "b", "c"}, {"cost", "benefit"}, {Direction::kCost, Direction::kBenefit},
                                   Eigen::Vector2d(3, 1), o);
  // cost ranks: a, b tie for best (2.5 each), c 1; benefit ranks a 3, b 1, c 2.
  EXPECT_NEAR(r.score[0], (0.75 * 2.5 + 0.25 * 3) / 3, 1e-15);
  EXPECT_NEAR(r.score[2], (0.75 * 1 + 0.25 * 2) / 3, 1e-15);
  // Equal rows: one RSR for all, no regression, finite everywhere.
  Eigen::MatrixXd same(3, 1);
  same << 2, 2, 2;
  const auto s = rank_alternatives(same, {"a", "b", "c"}, {"c"}, {Direction::kBenefit}, Eigen::VectorXd::Ones(1), o);
  EXPECT_TRUE(s.score.allFinite());
  EXPECT_EQ(s.rank, (std::vector<int>{1, 1, 1}));
  EXPECT_FALSE(s.warnings.empty());
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

TEST(Obstacle, DegreesHandComputed) {
  // a (60 points) half earned loses 30, b (40 points) three quarters earned loses 10:
  // degrees 30/40 and 10/40. A unit with full marks has no obstacle.
  const std::string m =
      "id: o\nweights: points\nindicators:\n"
      "  - {id: a, name: 甲, points: 60, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, points: 40, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, "id,a,b\nu1,0.5,0.75\nu2,1,1\nu3,,0.5\n");
  const ObstacleResult o = obstacle_degrees(r);
  EXPECT_NEAR(o.degree(0, 0), 0.75, 1e-12);
  EXPECT_NEAR(o.lost_points(0, 1), 10, 1e-12);
  EXPECT_EQ(o.top(0, 3), (std::vector<std::size_t>{0, 1}));
  EXPECT_EQ(o.degree(1, 0), 0.0);
  EXPECT_TRUE(o.top(1, 3).empty());
  // A missing indicator is no obstacle (it was skipped): b takes the whole degree.
  EXPECT_TRUE(std::isnan(o.degree(2, 0)));
  EXPECT_NEAR(o.degree(2, 1), 1.0, 1e-12);
  EXPECT_NE(o.full_report(2).find("a 甲 75.0%"), std::string::npos);
  ScoringOptions lean;
  lean.keep = Kept::kTotals;
  STAFFEVAL_EXPECT_THROW_MSG(obstacle_degrees(testing::score(m, "id,a,b\nu1,1,1\n", lean)), OptionsError, "detail");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

TEST(Fuzzy, VotesWeightedAverageAndMinMax) {
  // Two criteria surveyed on 优/良/中/差: 10 votes each.
  Eigen::MatrixXd votes(2, 4);
  votes << 5, 3, 2, 0,
           2, 4, 3, 1;
  const Eigen::MatrixXd r = membership_from_votes(votes);
  EXPECT_NEAR(r(1, 1), 0.4, 1e-15);
  FuzzyOptions o;
  o.grades = {"优", "良", "中", "差"};
  o.grade_scores = Eigen::Vector4d(95, 85, 70, 50);
  const auto f = fuzzy_evaluate({r}, {"u1"}, Eigen::Vector2d(0.6, 0.4), o);
  // B = 0.6 (0.5, 0.3, 0.2, 0) + 0.4 (0.2, 0.4, 0.3, 0.1).
  EXPECT_NEAR(f.membership(0, 0), 0.38, 1e-12);
  EXPECT_NEAR(f.membership(0, 3), 0.04, 1e-12);
  EXPECT_EQ(f.grade[0], 0);
  EXPECT_NEAR(f.score[0], 0.38 * 95 + 0.34 * 85 + 0.24 * 70 + 0.04 * 50, 1e-9);
  o.op = FuzzyOperator::kMinMax;
  const auto z = fuzzy_evaluate({r}, {"u1"}, Eigen::Vector2d(0.6, 0.4), o);
  // b = (0.5, 0.4, 0.3, 0.1) before normalising by 1.3.
  EXPECT_NEAR(z.membership(0, 1), 0.4 / 1.3, 1e-12);
  EXPECT_NE(z.full_report().find("优"), std::string::npos);
}

TEST(Fuzzy, MembershipFromValues) {
  // A benefit criterion full at 90 / 80 / 70 / 60 and a cost one at 1 / 2 / 3 / 4.
  Eigen::MatrixXd x(3, 2);
  x << 85, 2.25,
       95, 1,
       50, std::nan("");
  const auto m = membership_from_values(x, {Eigen::Vector4d(90, 80, 70, 60), Eigen::Vector4d(1, 2, 3, 4)});
  EXPECT_NEAR(m[0](0, 0), 0.5, 1e-15);
  EXPECT_NEAR(m[0](0, 1), 0.5, 1e-15);
  EXPECT_NEAR(m[0](1, 1), 0.75, 1e-15);
  EXPECT_NEAR(m[0](1, 2), 0.25, 1e-15);
  EXPECT_EQ(m[1](0, 0), 1.0);
  EXPECT_EQ(m[2](0, 3), 1.0);
  EXPECT_TRUE(std::isnan(m[2](1, 0)));
  FuzzyOptions o;
  o.grades = {"A", "B", "C", "D"};
  const auto f = fuzzy_evaluate(m, {"u1", "u2", "u3"}, Eigen::Vector2d(1, 1), o);
  // u3's missing cost criterion is skipped: all weight on D.
  EXPECT_EQ(f.grade[2], 3);
  EXPECT_NEAR(f.score[2], 0, 1e-12);  // evenly spaced scores 100 / 66.7 / 33.3 / 0
  EXPECT_EQ(f.rank[1], 1);
  STAFFEVAL_EXPECT_THROW_MSG(membership_from_values(x, {Eigen::Vector4d(90, 95, 70, 60), Eigen::Vector4d(1, 2, 3, 4)}),
                             DataError, "criterion 1: centers must run strictly");
  o.grades = {"only"};
  STAFFEVAL_EXPECT_THROW_MSG(fuzzy_evaluate(m, {"u1", "u2", "u3"}, Eigen::Vector2d(1, 1), o), OptionsError, "at least two");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

const char* kMethodData = "id,a,b,c\nu1,0.9,0.2,0.5\nu2,0.4,0.8,0.1\nu3,0.6,0.6,0.9\nu4,0.1,0.3,0.3\n";

TEST(ModelMethods, TopLevelTopsisOverTheChildrensShares) {
  const std::string m =
      "id: t\nweights: relative\nmethod: topsis\nindicators:\n"
      "  - {id: a, weight: 2, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, kMethodData);
  Eigen::MatrixXd x(4, 2);
  x << 0.9, 0.2, 0.4, 0.8, 0.6, 0.6, 0.1, 0.3;
  MethodOptions o;
  const auto direct = rank_alternatives(x, {"u1", "u2", "u3", "u4"}, {"a", "b"}, {Direction::kBenefit, Direction::kBenefit},
                                        Eigen::Vector2d(2, 1), o);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.total[i], 100 * direct.score[i], 1e-9);
  EXPECT_EQ(r.rank, direct.rank);
  ASSERT_EQ(r.evaluations.size(), 1u);
  EXPECT_EQ(r.evaluations[0].method, "topsis");
  EXPECT_EQ(r.evaluations[0].normalization, "vector");
  EXPECT_NE(to_json(r).find("\"evaluations\""), std::string::npos);
}

TEST(ModelMethods, GroupVikorAndTheMeanAboveIt) {
  // G is scored 100 (1 - Q) over a and b; the root averages G and c (weights 1 : 1).
  const std::string m =
      "id: v\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 1\n    method: {name: vikor, v: 0.5}\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, kMethodData);
  Eigen::MatrixXd x(4, 2);
  x << 0.9, 0.2, 0.4, 0.8, 0.6, 0.6, 0.1, 0.3;
  MethodOptions o;
  o.method = Method::kVikor;
  const auto v = rank_alternatives(x, {"u1", "u2", "u3", "u4"}, {"a", "b"}, {Direction::kBenefit, Direction::kBenefit},
                                   Eigen::Vector2d(1, 1), o);
  const double c[] = {50, 10, 90, 30};
  for (int i = 0; i < 4; ++i) {
    EXPECT_NEAR(r.group_scores(i, 0), 100 * (1 - v.score[i]), 1e-9) << i;
    EXPECT_NEAR(r.total[i], (100 * (1 - v.score[i]) + c[i]) / 2, 1e-9) << i;
  }
  // A lean evaluation keeps the shares the method needs and gives the same totals.
  ScoringOptions lean;
  lean.keep = Kept::kTotals;
  const auto l = testing::score(m, kMethodData, lean);
  EXPECT_EQ(l.kept, Kept::kShares);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(l.total[i], r.total[i]);
  const std::string why = explain(r, parse_table(kMethodData, "d.csv"), "u1").text();
  EXPECT_NE(why.find("1 - VIKOR Q (lower Q is better) of its children x 100"), std::string::npos) << why;
  // Leaves under the VIKOR group have no additive contribution; c (under the mean) has.
  const Eigen::VectorXd contrib = r.contributions(0);
  EXPECT_TRUE(std::isnan(contrib[0]));
  EXPECT_NEAR(contrib[2], 50.0 / 2, 1e-9);
  EXPECT_NE(why.find("not additive"), std::string::npos);
}

TEST(ModelMethods, SpecErrorsAndRoundTrip) {
  const std::string head = "id: e\nweights: relative\nindicators:\n";
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(head + "  - {id: G, weight: 1, method: topsis, aggregation: geometric, "
                                                           "children: [{id: a, weight: 1, value: a, rule: {type: minmax}}]}\n",
                                                    "m.yaml"),
                             ModelError, "has no aggregation");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(head + "  - {id: a, weight: 1, method: topsis, value: a, rule: {type: minmax}}\n",
                                                    "m.yaml"),
                             ModelError, "an indicator has no children to evaluate");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string("id: e\nweights: relative\nmethod: dea\nindicators:\n"
                                                    "  - {id: a, weight: 1, value: a, rule: {type: minmax}}\n",
                                                    "m.yaml"),
                             ModelError, "m.yaml:3:9: method = dea: must be one of saw, wpm, waspas, topsis, vikor, gra, rsr");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string("id: e\nweights: relative\nmethod: {name: vikor, v: 3}\nindicators:\n"
                                                    "  - {id: a, weight: 1, value: a, rule: {type: minmax}}\n",
                                                    "m.yaml"),
                             ModelError, "MethodOptions::v = 3");
  const auto model = load_model_from_string(
      "id: rt\nweights: relative\nmethod: {name: gra, rho: 0.4, normalization: minmax}\nindicators:\n"
      "  - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 1}}\n",
      "m.yaml");
  const auto again = load_model_from_string(to_yaml(model), "again.yaml");
  ASSERT_TRUE(std::holds_alternative<MethodOptions>(again.scoring));
  EXPECT_EQ(std::get<MethodOptions>(again.scoring).method, Method::kGra);
  EXPECT_EQ(std::get<MethodOptions>(again.scoring).rho, 0.4);
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

TEST(ModelMethods, FuzzyGroupOverShares) {
  // a = 0.85 is half 优 and half 良 (full at 0.9 and 0.8), b = 0.95 wholly 优: B = (0.75, 0.25,
  // 0, 0) with weights 1 : 1, score 0.75 x 95 + 0.25 x 85.
  const std::string m =
      "id: f\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 1\n"
      "    method: {name: fuzzy, grades: [优, 良, 中, 差], grade_scores: [95, 85, 70, 50], centers: [0.9, 0.8, 0.7, 0.6]}\n"
      "    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, "id,a,b\nu1,0.85,0.95\nu2,0.5,0.5\n");
  EXPECT_NEAR(r.total[0], 0.75 * 95 + 0.25 * 85, 1e-9);
  EXPECT_NEAR(r.total[1], 50, 1e-9);
  ASSERT_EQ(r.evaluations.size(), 1u);
  EXPECT_EQ(r.evaluations[0].method, "fuzzy");
  const auto again = load_model_from_string(to_yaml(load_model_from_string(m, "m.yaml")), "again.yaml");
  ASSERT_TRUE(std::holds_alternative<FuzzyScoring>(again.nodes[0].scoring));
  EXPECT_EQ(std::get<FuzzyScoring>(again.nodes[0].scoring).centers.size(), 4);
  STAFFEVAL_EXPECT_THROW_MSG(
      load_model_from_string("id: f\nweights: relative\nmethod: {name: fuzzy, grades: [A, B], centers: [0.9]}\nindicators:\n"
                             "  - {id: a, weight: 1, value: a, rule: {type: minmax}}\n",
                             "m.yaml"),
      ModelError, "needs one share per grade (2)");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

std::vector<std::string> names(std::size_t n, const char* prefix) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i + 1));
  return out;
}

MethodResult run_method(Method method, const Eigen::MatrixXd& x, const std::vector<Direction>& d,
                        const Eigen::VectorXd& w, MethodOptions o = {}) {
  o.method = method;
  return rank_alternatives(x, names(static_cast<std::size_t>(x.rows()), "A"),
                           names(static_cast<std::size_t>(x.cols()), "C"), d, w, o);
}

// EDAS: eight alternatives, two benefit and two cost criteria, equal weights; the appraisal
// scores published with the JMcDM package (Satman, Yildirim & Kisi 2021), checked by hand.
TEST(Edas, PublishedEightAlternatives) {
  const Eigen::MatrixXd x = rows({{5000, 5, 5300, 450},
                                  {4500, 5, 5000, 400},
                                  {4500, 4, 4700, 400},
                                  {4000, 4, 4200, 400},
                                  {5000, 4, 7100, 500},
                                  {5000, 5, 5400, 450},
                                  {5500, 5, 6200, 500},
                                  {5000, 4, 5800, 450}});
  const std::vector<Direction> d{Direction::kBenefit, Direction::kBenefit, Direction::kCost, Direction::kCost};
  const auto r = run_method(Method::kEdas, x, d, Eigen::Vector4d(0.25, 0.25, 0.25, 0.25));
  const double expected[] = {0.759594, 0.886016, 0.697472, 0.739658, 0.059083, 0.731833, 0.641691, 0.385194};
  for (int i = 0; i < 8; ++i) EXPECT_NEAR(r.score[i], expected[i], 1e-6) << i;
  EXPECT_EQ(r.rank, (std::vector<int>{2, 1, 5, 3, 8, 4, 6, 7}));
  EXPECT_EQ(r.normalization, "average");
  EXPECT_EQ(r.method, "edas");
  // By hand for A2: AV = (4812.5, 4.5, 5462.5, 443.75); SP = 0.25 (0.5/4.5 + 462.5/5462.5 +
  // 43.75/443.75) = 0.0735877..., SN = 0.25 (312.5/4812.5) = 0.0162338...
  const auto sp = std::find_if(r.intermediates.begin(), r.intermediates.end(), [](const auto& p) { return p.first == "SP"; });
  ASSERT_NE(sp, r.intermediates.end());
  EXPECT_NEAR(sp->second[1], 0.25 * (0.5 / 4.5 + 462.5 / 5462.5 + 43.75 / 443.75), 1e-12);
  for (int i = 0; i < 8; ++i) EXPECT_EQ(r.share[i], r.score[i]);
}

TEST(Edas, DegenerateInputs) {
  // Every unit equal: no one above or below the average, every score 0.5, one shared rank.
  const Eigen::MatrixXd same = rows({{3, 7}, {3, 7}, {3, 7}});
  const auto r = run_method(Method::kEdas, same, {Direction::kBenefit, Direction::kCost}, Eigen::Vector2d(1, 1));
  for (int i = 0; i < 3; ++i) EXPECT_EQ(r.score[i], 0.5);
  EXPECT_EQ(r.rank, (std::vector<int>{1, 1, 1}));
  // An average of 0 cannot measure distances: a located error, not NaN.
  const Eigen::MatrixXd zero = rows({{-1, 1}, {1, 2}});
  STAFFEVAL_EXPECT_THROW_MSG(run_method(Method::kEdas, zero, {Direction::kBenefit, Direction::kBenefit}, Eigen::Vector2d(1, 1)),
                             DataError, "criterion \"C1\": the average is 0");
}

// CODAS: the robot selection example of Keshavarz Ghorabaee, Zavadskas, Turskis &
// Antucheviciene (2016), seven robots, five criteria (repeatability a cost), tau = 0.02; H as
// published (also by JMcDM), ranking A2 > A3 > A1 > A7 > A4 > A6 > A5.
const Eigen::MatrixXd kRobots = rows({{60, 0.4, 2540, 500, 990},
                                      {6.35, 0.15, 1016, 3000, 1041},
                                      {6.8, 0.1, 1727.2, 1500, 1676},
                                      {10, 0.2, 1000, 2000, 965},
                                      {2.5, 0.1, 560, 500, 915},
                                      {4.5, 0.08, 1016, 350, 508},
                                      {3, 0.1, 1778, 1000, 920}});
const std::vector<Direction> kRobotDirections{Direction::kBenefit, Direction::kCost, Direction::kBenefit,
                                              Direction::kBenefit, Direction::kBenefit};
Eigen::VectorXd robot_weights() {
  Eigen::VectorXd w(5);
  w << 0.036, 0.192, 0.326, 0.326, 0.12;
  return w;
}

TEST(Codas, RobotSelection2016) {
  const auto r = run_method(Method::kCodas, kRobots, kRobotDirections, robot_weights());
  const double expected[] = {0.512176491, 1.463300035, 1.07153259, -0.212467998, -1.851520552, -1.17167677, 0.188656204};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(r.score[i], expected[i], 1e-8) << i;
  EXPECT_EQ(r.rank, (std::vector<int>{3, 1, 2, 5, 7, 6, 4}));
  EXPECT_EQ(r.normalization, "linear-max");
  ASSERT_EQ(r.parameters.size(), 1u);
  EXPECT_EQ(r.parameters[0], (std::pair<std::string, double>{"tau", 0.02}));
  // The share a model group would score: H rescaled over the units.
  EXPECT_EQ(r.share[1], 1.0);
  EXPECT_EQ(r.share[4], 0.0);
  EXPECT_NEAR(r.share[0], (0.512176491 + 1.851520552) / (1.463300035 + 1.851520552), 1e-8);
}

// The O(m log m) double sum against the definition, on random matrices with many near ties
// around tau, and the same results whatever the order of the units.
TEST(Codas, FastSumEqualsTheDefinitionAndIgnoresOrder) {
  std::mt19937 gen(7);
  std::uniform_int_distribution<int> level(1, 6);
  for (int trial = 0; trial < 20; ++trial) {
    const int m = 5 + trial * 3, n = 3;
    Eigen::MatrixXd x(m, n);
    for (int i = 0; i < m; ++i)
      for (int j = 0; j < n; ++j) x(i, j) = level(gen);  // coarse values: many equal distances
    const Eigen::Vector3d w(0.5, 0.3, 0.2);
    const std::vector<Direction> d{Direction::kBenefit, Direction::kCost, Direction::kBenefit};
    MethodOptions o;
    o.tau = trial % 2 ? 0.05 : 0.0;
    const auto r = run_method(Method::kCodas, x, d, w, o);
    // The definition, from the reported distances.
    const auto& e = std::find_if(r.intermediates.begin(), r.intermediates.end(), [](const auto& p) { return p.first == "E"; })->second;
    const auto& t = std::find_if(r.intermediates.begin(), r.intermediates.end(), [](const auto& p) { return p.first == "T"; })->second;
    for (int i = 0; i < m; ++i) {
      double h = 0;
      for (int k = 0; k < m; ++k) h += (e[i] - e[k]) + (std::fabs(e[i] - e[k]) >= o.tau ? t[i] - t[k] : 0.0);
      EXPECT_NEAR(r.score[i], h, 1e-12 * m) << "trial " << trial << " unit " << i;
    }
    // Reversed rows give the reversed results, bit for bit.
    const Eigen::MatrixXd reversed = x.colwise().reverse();
    const auto rr = run_method(Method::kCodas, reversed, d, w, o);
    for (int i = 0; i < m; ++i) EXPECT_EQ(rr.score[m - 1 - i], r.score[i]);
  }
}

TEST(ModelMethods, EdasAndCodasGroupsFromTheModel) {
  // G is scored 100 x the CODAS share over a and b; the top level is EDAS over G and c.
  const std::string m =
      "id: c\nweights: relative\nmethod: edas\nindicators:\n"
      "  - id: G\n    weight: 1\n    method: {name: codas, tau: 0.03}\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, kMethodData);
  Eigen::MatrixXd x(4, 2);
  x << 0.9, 0.2, 0.4, 0.8, 0.6, 0.6, 0.1, 0.3;
  MethodOptions o;
  o.method = Method::kCodas;
  o.tau = 0.03;
  const std::vector<std::string> units{"u1", "u2", "u3", "u4"};
  const auto g = rank_alternatives(x, units, {"a", "b"}, {Direction::kBenefit, Direction::kBenefit}, Eigen::Vector2d(1, 1), o);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.group_scores(i, 0), 100 * g.share[i], 1e-9) << i;
  // The total: EDAS over the shares of G and c.
  Eigen::MatrixXd top(4, 2);
  const double c[] = {0.5, 0.1, 0.9, 0.3};
  for (int i = 0; i < 4; ++i) top.row(i) << g.share[i], c[i];
  o = MethodOptions{};
  o.method = Method::kEdas;
  const auto t = rank_alternatives(top, units, {"G", "c"}, {Direction::kBenefit, Direction::kBenefit}, Eigen::Vector2d(1, 1), o);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.total[i], 100 * t.score[i], 1e-9) << i;
  ASSERT_EQ(r.evaluations.size(), 2u);
  const std::string why = explain(r, parse_table(kMethodData, "d.csv"), "u1").text();
  EXPECT_NE(why.find("CODAS H rescaled over the units (lowest 0, highest 1) of its children x 100"), std::string::npos) << why;
  // Written and read back with the parameter.
  const auto again = load_model_from_string(to_yaml(load_model_from_string(m, "m.yaml")), "again.yaml");
  EXPECT_EQ(std::get<MethodOptions>(again.scoring).method, Method::kEdas);
  EXPECT_EQ(std::get<MethodOptions>(again.nodes[0].scoring).method, Method::kCodas);
  EXPECT_EQ(std::get<MethodOptions>(again.nodes[0].scoring).tau, 0.03);
  // A parameter of another method would be ignored: a model error at its line.
  STAFFEVAL_EXPECT_THROW_MSG(
      load_model_from_string("id: e\nweights: relative\nmethod: {name: topsis, tau: 0.03}\nindicators:\n"
                             "  - {id: a, weight: 1, value: a, rule: {type: minmax}}\n",
                             "m.yaml"),
      ModelError, "m.yaml:3:29: method.tau = 0.03: is not a parameter of topsis, which would ignore it (it takes none)");
  STAFFEVAL_EXPECT_THROW_MSG(
      load_model_from_string("id: e\nweights: relative\nmethod: {name: codas, tau: -1}\nindicators:\n"
                             "  - {id: a, weight: 1, value: a, rule: {type: minmax}}\n",
                             "m.yaml"),
      ModelError, "MethodOptions::tau = -1");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// Every CSV writer speaks one dialect: CRLF row ends, quoted fields, shortest numbers, a BOM on
// request, the same as the result table's.
TEST(CsvDialect, RankingCsvIsTheResultTablesDialect) {
  Eigen::MatrixXd x(2, 2);
  x << 1, 2, 3, 4;
  MethodOptions o;
  o.method = Method::kSaw;
  const auto r = rank_alternatives(x, {"u,1", "u\"2"}, {"a", "b"}, {Direction::kBenefit, Direction::kBenefit},
                                   Eigen::Vector2d(0.5, 0.5), o);
  const std::string csv = to_csv(r);
  EXPECT_EQ(csv.substr(0, csv.find("\r\n") + 2), "id,score,rank\r\n");
  EXPECT_NE(csv.find("\r\n\"u,1\","), std::string::npos) << csv;
  EXPECT_NE(csv.find("\r\n\"u\"\"2\",1,1\r\n"), std::string::npos) << csv;
  EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), std::count(csv.begin(), csv.end(), '\r'));
  CsvOptions bom;
  bom.excel_bom = true;
  EXPECT_EQ(to_csv(r, bom), "\xEF\xBB\xBF" + csv);
}

// A ranking's CSV, column by column: names when the units have them, an empty field for a
// missing number, the rank as it is (0: not ranked), VIKOR's Q left out (it is the score).
TEST(CsvDialect, RankingCsvColumns) {
  MethodResult r;
  r.unit_ids = {"u1", "u,2"};
  r.unit_names = {"甲", ""};
  r.score = Eigen::Vector2d(0.25, std::nan(""));
  r.rank = {1, 0};
  r.intermediates = {{"S", Eigen::Vector2d(0.5, 1e-300)}, {"Q", Eigen::Vector2d(0.25, 9)}, {"R", Eigen::Vector2d(-0.0, 2)}};
  EXPECT_EQ(to_csv(r), "id,name,score,rank,S,R\r\nu1,甲,0.25,1,0.5,0\r\n\"u,2\",,,0,1e-300,2\r\n");
  std::string streamed;
  write_csv(r, [&](std::string_view piece) { streamed += piece; });
  EXPECT_EQ(streamed, to_csv(r));
}

// A ranking's JSON, byte for byte, pretty and compact: the head's keys, each unit at its depth
// (null for a missing number, nothing for names when there are none), then the warnings.
TEST(RankingJson, LayoutPrettyAndCompact) {
  MethodResult r;
  r.kind = Method::kTopsis;
  r.method = "topsis";
  r.normalization = "vector";
  r.criteria = {"a", "b"};
  r.unit_ids = {"u1", "u2"};
  r.score = Eigen::Vector2d(0.75, std::nan(""));
  r.rank = {1, 0};
  r.intermediates = {{"d_plus", Eigen::Vector2d(0.25, 1)}};
  r.warnings = {"w1"};
  EXPECT_EQ(to_json(r),
            "{\n  \"method\": \"topsis\",\n  \"normalization\": \"vector\",\n  \"parameters\": {},\n"
            "  \"lower_is_better\": false,\n  \"criteria\": [\n    \"a\",\n    \"b\"\n  ],\n  \"units\": [\n"
            "    {\n      \"id\": \"u1\",\n      \"score\": 0.75,\n      \"rank\": 1,\n      \"d_plus\": 0.25\n    },\n"
            "    {\n      \"id\": \"u2\",\n      \"score\": null,\n      \"rank\": 0,\n      \"d_plus\": 1.0\n    }\n"
            "  ],\n  \"warnings\": [\n    \"w1\"\n  ]\n}\n");
  EXPECT_EQ(to_json(r, -1),
            "{\"method\":\"topsis\",\"normalization\":\"vector\",\"parameters\":{},\"lower_is_better\":false,"
            "\"criteria\":[\"a\",\"b\"],\"units\":[{\"id\":\"u1\",\"score\":0.75,\"rank\":1,\"d_plus\":0.25},"
            "{\"id\":\"u2\",\"score\":null,\"rank\":0,\"d_plus\":1.0}],\"warnings\":[\"w1\"]}\n");
  MethodResult none;
  none.method = "saw";
  EXPECT_EQ(to_json(none, -1),
            "{\"method\":\"saw\",\"normalization\":\"\",\"parameters\":{},\"lower_is_better\":false,"
            "\"criteria\":[],\"units\":[],\"warnings\":[]}\n");
  EXPECT_EQ(to_json(none, 1),
            "{\n \"method\": \"saw\",\n \"normalization\": \"\",\n \"parameters\": {},\n"
            " \"lower_is_better\": false,\n \"criteria\": [],\n \"units\": [],\n \"warnings\": []\n}\n");
}

// The JSON streamed on every core, to a sink or a file: to_json()'s bytes whatever the count.
TEST(RankingJson, StreamedEqualsTheWholeText) {
  const Eigen::Index n = 3000;  // several chunks of units
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 10);
  Eigen::MatrixXd x(n, 2);
  std::vector<std::string> ids;
  for (Eigen::Index i = 0; i < n; ++i) {
    x(i, 0) = std::round(u(rng));
    x(i, 1) = u(rng);
    ids.push_back("单位" + std::to_string(i));
  }
  MethodOptions o;
  o.method = Method::kVikor;
  MethodResult r = rank_alternatives(x, ids, {"a", "b"}, {Direction::kBenefit, Direction::kCost}, Eigen::Vector2d(0.6, 0.4), o);
  r.unit_names = std::vector<std::string>(static_cast<std::size_t>(n), "名 \"q\"");
  for (int indent : {2, -1}) {
    const std::string whole = to_json(r, indent);
    EXPECT_NE(whole.find(indent < 0 ? "\"compromise\":[" : "\"compromise\": ["), std::string::npos);
    EXPECT_EQ(whole.substr(whole.size() - 2), "}\n");
    testing::expect_streamed(whole, ::testing::TempDir() + "ranking_streamed.json",
                             [&](const auto& to, int threads) { write_json(r, to, indent, threads); });
  }
  STAFFEVAL_EXPECT_THROW_MSG(write_json(r, [](std::string_view) {}, 2, -1), OptionsError, "threads = -1: must be >= 0");
  STAFFEVAL_EXPECT_THROW_MSG(write_json(r, ::testing::TempDir() + "no such folder/r.json"), OutputError,
                             "cannot create the output file");
}

// Streamed on every core, in pieces, to a sink or a file: the bytes of to_csv() whatever the
// number of threads; a file that cannot be written leaves nothing behind.
TEST(CsvDialect, RankingCsvStreamedEqualsTheInMemoryCsv) {
  const Eigen::Index n = 20000;  // several formatting chunks
  std::mt19937 rng(7);
  std::uniform_real_distribution<double> u(0, 100);
  Eigen::MatrixXd x(n, 3);
  std::vector<std::string> ids, names;
  for (Eigen::Index i = 0; i < n; ++i) {
    for (Eigen::Index j = 0; j < 3; ++j) x(i, j) = std::round(u(rng) * 10) / 10;
    ids.push_back("u" + std::to_string(i));
    names.push_back(i % 3 ? "单位" + std::to_string(i) : "a \"quoted\", name");
  }
  MethodOptions o;
  o.method = Method::kVikor;
  MethodResult r = rank_alternatives(x, ids, {"a", "b", "c"}, std::vector<Direction>(3, Direction::kBenefit),
                                     Eigen::Vector3d(0.5, 0.3, 0.2), o);
  r.unit_names = names;
  CsvOptions bom;
  bom.excel_bom = true;
  const std::string whole = to_csv(r, bom);
  EXPECT_EQ(whole.substr(0, 27), "\xEF\xBB\xBFid,name,score,rank,S,R\r\n");
  EXPECT_EQ(static_cast<Eigen::Index>(std::count(whole.begin(), whole.end(), '\n')), n + 1);
  const std::string path = ::testing::TempDir() + "ranking_streamed.csv";
  std::size_t pieces = 0;
  testing::expect_streamed(whole, path, [&](const auto& to, int threads) { write_csv(r, to, bom, threads); }, &pieces);
  EXPECT_GT(pieces, 3u);  // the header, then chunks of rows
  STAFFEVAL_EXPECT_THROW_MSG(write_csv(r, path, bom, -1), OptionsError, "threads = -1: must be >= 0");
  const std::string nowhere = ::testing::TempDir() + "no such folder/ranking.csv";
  STAFFEVAL_EXPECT_THROW_MSG(write_csv(r, nowhere, bom), OutputError, "cannot create the output file");
  EXPECT_FALSE(std::ifstream(nowhere).good());
  // A sink that fails (a full disk) stops the writing with its error.
  std::size_t calls = 0;
  EXPECT_THROW(write_csv(
                   r,
                   [&](std::string_view) {
                     if (++calls == 3) throw OutputError("disk full");
                   },
                   bom, 2),
               OutputError);
  EXPECT_EQ(calls, 3u);
}

}  // namespace
}  // namespace staffeval
