// Weighting: AHP against published examples, panels, completion, objective weights against
// published examples, rank-order weights, combinations and degenerate inputs.
#include <algorithm>
#include <cmath>
#include <numeric>
#include <random>

#include "test_util.h"

namespace staffeval {
namespace {

JudgmentMatrix matrix(const std::vector<std::string>& names, const std::vector<std::vector<double>>& rows) {
  JudgmentMatrix m;
  m.file = "m.csv";
  m.names = names;
  const auto n = static_cast<Eigen::Index>(names.size());
  m.values.resize(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) m.values(i, j) = rows[static_cast<std::size_t>(i)][static_cast<std::size_t>(j)];
  return m;
}

// From the upper triangle (row by row); NaN = missing.
JudgmentMatrix upper(const std::vector<std::string>& names, const std::vector<double>& upper_values) {
  const std::size_t n = names.size();
  std::vector<std::vector<double>> rows(n, std::vector<double>(n, 1.0));
  std::size_t k = 0;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j) {
      rows[i][j] = upper_values[k++];
      rows[j][i] = 1 / rows[i][j];
    }
  return matrix(names, rows);
}

const double kNaN = std::numeric_limits<double>::quiet_NaN();

// Saaty (2008), "Decision making with the analytic hierarchy process", Int. J. Services
// Sciences 1(1): relative consumption of drinks in the US.
JudgmentMatrix drinks() {
  return matrix({"coffee", "wine", "tea", "beer", "soda", "milk", "water"},
                {{1, 9, 5, 2, 1, 1, 1.0 / 2},
                 {1.0 / 9, 1, 1.0 / 3, 1.0 / 9, 1.0 / 9, 1.0 / 9, 1.0 / 9},
                 {1.0 / 5, 3, 1, 1.0 / 3, 1.0 / 4, 1.0 / 3, 1.0 / 9},
                 {1.0 / 2, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3},
                 {1, 9, 4, 2, 1, 2, 1.0 / 2},
                 {1, 9, 3, 1, 1.0 / 2, 1, 1.0 / 3},
                 {2, 9, 9, 3, 2, 3, 1}});
}

TEST(Ahp, SaatyDrinksExample) {
  AhpOptions o;
  o.random_index = RandomIndexTable::kDoneganDodd1991;
  const auto r = ahp(drinks(), o);
  const double published[] = {0.1775, 0.0191, 0.0418, 0.1164, 0.1896, 0.1288, 0.3268};
  for (int i = 0; i < 7; ++i) EXPECT_NEAR(r.weights[i], published[i], 5e-5) << r.names[static_cast<std::size_t>(i)];
  EXPECT_NEAR(r.weights.sum(), 1.0, 1e-12);
  EXPECT_NEAR(r.cr, 0.0235, 5e-5);
  EXPECT_TRUE(r.consistent);
  o.random_index = RandomIndexTable::kSaaty2005;
  EXPECT_NEAR(ahp(drinks(), o).cr, 0.022, 5e-4);
  // Saaty (1980): RI(7) = 1.32, so CR = CI / 1.32.
  const auto s = ahp(drinks());
  EXPECT_NEAR(s.ri, 1.32, 0);
  EXPECT_NEAR(s.cr, s.ci / 1.32, 1e-15);
  EXPECT_NEAR(s.ci, (s.lambda_max - 7) / 6, 1e-15);
}

// Wikipedia, "Analytic hierarchy process - car example": the criteria matrix.
TEST(Ahp, WikipediaCarCriteria) {
  AhpOptions o;
  o.random_index = RandomIndexTable::kDoneganDodd1991;
  const auto r = ahp(upper({"Cost", "Safety", "Style", "Capacity"}, {3, 7, 3, 9, 1, 1.0 / 7}), o);
  EXPECT_NEAR(r.weights[0], 0.510, 5e-4);
  EXPECT_NEAR(r.weights[1], 0.234, 5e-4);
  EXPECT_NEAR(r.weights[2], 0.041, 5e-4);
  EXPECT_NEAR(r.weights[3], 0.215, 5e-4);
  EXPECT_NEAR(r.cr, 0.08, 5e-3);
}

TEST(Ahp, ConsistentMatrixHasCrZero) {
  // a_ij = w_i / w_j for w = (8, 4, 2, 1).
  const auto r = ahp(upper({"a", "b", "c", "d"}, {2, 4, 8, 2, 4, 2}));
  EXPECT_EQ(r.ci, 0.0);
  EXPECT_EQ(r.cr, 0.0);
  EXPECT_TRUE(r.consistent);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.weights[i], std::pow(2.0, 3 - i) / 15, 1e-14);
  EXPECT_TRUE(r.revision.empty());
  for (auto p : {PriorityMethod::kGeometricMean, PriorityMethod::kColumnAverage}) {
    AhpOptions o;
    o.priority = p;
    const auto q = ahp(upper({"a", "b", "c", "d"}, {2, 4, 8, 2, 4, 2}), o);
    EXPECT_NEAR(q.weights[0], 8.0 / 15, 1e-14);
    EXPECT_NEAR(q.lambda_max, 4, 1e-12);
  }
}

TEST(Ahp, IntransitiveMatrixIsInconsistentAndRevisable) {
  // a > b, b > c, c > a, each 3: a circulant matrix, equal weights, lambda = 1 + 3 + 1/3.
  const auto r = ahp(upper({"a", "b", "c"}, {3, 1.0 / 3, 3}));
  EXPECT_NEAR(r.lambda_max, 13.0 / 3, 1e-12);
  EXPECT_NEAR(r.ci, (13.0 / 3 - 3) / 2, 1e-12);
  EXPECT_NEAR(r.cr, r.ci / 0.58, 1e-12);
  EXPECT_FALSE(r.consistent);
  for (int i = 0; i < 3; ++i) EXPECT_NEAR(r.weights[i], 1.0 / 3, 1e-12);
  // Every judgment contributes equally; their shares add up to CI.
  ASSERT_EQ(r.inconsistent.size(), 3u);
  double sum = 0;
  for (const auto& j : r.inconsistent) sum += j.ci_share;
  EXPECT_NEAR(sum, r.ci, 1e-12);
  // One change suffices (e.g. making one judgment 1/3 instead of 3 breaks the cycle).
  ASSERT_EQ(r.revision.size(), 1u);
  EXPECT_LT(r.revision[0].cr_after, 0.1);
  EXPECT_NE(r.full_report().find("suggested revision"), std::string::npos);
}

TEST(Ahp, RevisionTargetsTheOddJudgment) {
  // Consistent w = (8, 4, 2, 1) except a/d, given as 1/8 instead of 8.
  const auto r = ahp(upper({"a", "b", "c", "d"}, {2, 4, 1.0 / 8, 2, 4, 2}));
  ASSERT_FALSE(r.consistent);
  ASSERT_FALSE(r.inconsistent.empty());
  EXPECT_EQ(r.inconsistent[0].row, 0u);
  EXPECT_EQ(r.inconsistent[0].col, 3u);
  ASSERT_EQ(r.revision.size(), 1u);
  EXPECT_EQ(r.revision[0].row, 0u);
  EXPECT_EQ(r.revision[0].col, 3u);
  EXPECT_NEAR(r.revision[0].from, 1.0 / 8, 1e-12);
  EXPECT_GT(r.revision[0].to, 1.0);
  EXPECT_LT(r.revision[0].cr_after, 0.1);
}

TEST(Ahp, RandomIndexTablesAndBeyond) {
  EXPECT_EQ(random_index(2, RandomIndexTable::kSaaty1980), 0.0);
  EXPECT_EQ(random_index(9, RandomIndexTable::kSaaty1980), 1.45);
  EXPECT_EQ(random_index(9, RandomIndexTable::kSaaty2005), 1.45);
  EXPECT_EQ(random_index(5, RandomIndexTable::kAlonsoLamata2006), 1.1086);
  EXPECT_EQ(random_index(5, RandomIndexTable::kDoneganDodd1991), 1.0591);
  // Between Donegan & Dodd's 20 and 25: linear interpolation.
  EXPECT_NEAR(random_index(22, RandomIndexTable::kDoneganDodd1991), 1.5371 + (1.5619 - 1.5371) * 2 / 5, 1e-15);
  // Beyond Saaty (1980)'s n = 11: Alonso & Lamata's fit.
  std::string source;
  EXPECT_NEAR(random_index(12, RandomIndexTable::kSaaty1980, &source), (1.7699 * 12 - 4.3513) / 11, 1e-15);
  EXPECT_NE(source.find("beyond"), std::string::npos);
}

TEST(Ahp, TwoElementsHaveCrZero) {
  const auto r = ahp(upper({"a", "b"}, {5}));
  EXPECT_EQ(r.cr, 0.0);
  EXPECT_NEAR(r.weights[0], 5.0 / 6, 1e-14);
}

// Bozóki, Fülöp & Rónyai (2010), "On optimal completion of incomplete pairwise comparison
// matrices", Math. Comput. Modelling 52: the 4 x 4 example with c/d missing.
TEST(Ahp, LambdaMinCompletionOfThePublishedExample) {
  AhpOptions o;
  o.completion = Completion::kLambdaMin;
  o.random_index = RandomIndexTable::kDoneganDodd1991;
  const auto r = ahp(upper({"a", "b", "c", "d"}, {1, 5, 2, 3, 4, kNaN}), o);
  ASSERT_EQ(r.completed.size(), 1u);
  EXPECT_NEAR(r.matrix(2, 3), 0.730297106886979, 1e-6);
  const double published[] = {0.3738, 0.392, 0.0985, 0.1357};
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.weights[i], published[i], 5e-5);
  EXPECT_NEAR(r.cr, 0.0372, 5e-5);
  EXPECT_NE(r.brief_report().find("lambda_min"), std::string::npos);
}

TEST(Ahp, CompletionRecoversAKnownMissingJudgment) {
  // Consistent w = (8, 4, 2, 1) with a/d (= 8) and b/d (= 4) left blank.
  // LLSM and Harker are closed-form; lambda_min searches on lambda_max's flat minimum, whose
  // location function values pin down to about 1e-7.
  for (auto [c, tol] : {std::pair{Completion::kLlsm, 1e-12}, std::pair{Completion::kHarker, 1e-12},
                        std::pair{Completion::kLambdaMin, 1e-5}}) {
    AhpOptions o;
    o.completion = c;
    const auto r = ahp(upper({"a", "b", "c", "d"}, {2, 4, kNaN, 2, kNaN, 2}), o);
    EXPECT_NEAR(r.matrix(0, 3), 8, 8 * tol) << to_string(c);
    EXPECT_NEAR(r.matrix(1, 3), 4, 4 * tol) << to_string(c);
    EXPECT_NEAR(r.cr, 0, 1e-9) << to_string(c);
  }
  // LLSM on an inconsistent matrix: a/c given 4, b/c given 3, a/b missing: ln w solves the
  // Laplacian system, so a/b = exp((ln 4 - ln 3 + ...)): with a-c and b-c only, a/b = 4/3.
  const auto r = ahp(upper({"a", "b", "c"}, {kNaN, 4, 3}));
  EXPECT_NEAR(r.matrix(0, 1), 4.0 / 3, 1e-12);
}

TEST(Ahp, RejectsBadMatricesNamingTheCell) {
  auto bad = upper({"a", "b", "c"}, {2, 3, 4});
  bad.values(2, 1) = 0.5;  // should be 1/4
  STAFFEVAL_EXPECT_THROW_MSG(ahp(bad), DataError, "not reciprocal");
  STAFFEVAL_EXPECT_THROW_MSG(ahp(bad), DataError, "row \"b\", column \"c\"");
  auto neg = upper({"a", "b"}, {2});
  neg.values(0, 1) = -2;
  STAFFEVAL_EXPECT_THROW_MSG(ahp(neg), DataError, "must be positive");
  // a-b known, c-d known, nothing links the pairs.
  const auto split = upper({"a", "b", "c", "d"}, {2, kNaN, kNaN, kNaN, kNaN, 3});
  STAFFEVAL_EXPECT_THROW_MSG(ahp(split), DataError, "no chain of judgments");
  AhpOptions o;
  o.threshold = 1.5;
  STAFFEVAL_EXPECT_THROW_MSG(ahp(drinks(), o), OptionsError, "AhpOptions::threshold = 1.5");
}

TEST(Ahp, JudgmentsBeyondTheScaleAreWarnedAbout) {
  const auto r = ahp(upper({"a", "b"}, {12}));
  EXPECT_NEAR(r.weights[0], 12.0 / 13, 1e-14);
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("row \"a\", column \"b\" = 12: beyond the 1-9 scale"), std::string::npos);
}

TEST(Ahp, TypedReciprocalsAreAccepted) {
  // 0.333 for 1/3 passes the 1% reciprocity check and is read as 1/3.
  const auto m = matrix({"a", "b"}, {{1, 3}, {0.333, 1}});
  EXPECT_NEAR(ahp(m).weights[0], 0.75, 1e-14);
}

TEST(JudgmentMatrix, ParsesFractionsBlanksAndNamesCells) {
  const auto m = parse_judgment_matrix(",a,b,c\na,1,3,\nb,1/3,,2\nc,,1/2,1\n", "j.csv");
  ASSERT_EQ(m.size(), 3u);
  EXPECT_NEAR(m.values(1, 0), 1.0 / 3, 1e-15);
  EXPECT_EQ(m.values(1, 1), 1.0);  // blank diagonal
  EXPECT_TRUE(std::isnan(m.values(0, 2)));
  EXPECT_EQ(m.lines[2], 4u);
  STAFFEVAL_EXPECT_THROW_MSG(parse_judgment_matrix(",a,b\na,1,x\nb,1,1\n", "j.csv"), DataError,
                             "j.csv:2: row \"a\", column \"b\" = \"x\"");
  STAFFEVAL_EXPECT_THROW_MSG(parse_judgment_matrix(",a,b\nb,1,2\na,1/2,1\n", "j.csv"), DataError, "same order");
  STAFFEVAL_EXPECT_THROW_MSG(parse_judgment_matrix(",a,b\na,1,1/0\nb,0,1\n", "j.csv"), DataError,
                             "j.csv:2: row \"a\", column \"b\" = \"1/0\": not a number or fraction");
  STAFFEVAL_EXPECT_THROW_MSG(parse_judgment_matrix(",a,b\na,1,2\n", "j.csv"), DataError, "square");
}

TEST(Panel, AijIsTheWeightedGeometricMeanOfJudgments) {
  const auto e1 = upper({"a", "b", "c"}, {2, 4, 2});
  const auto e2 = upper({"a", "b", "c"}, {8, 4, 1.0 / 2});
  PanelOptions o;
  auto p = ahp_panel({e1, e2}, o);
  EXPECT_NEAR(p.combined.matrix(0, 1), 4, 1e-12);  // sqrt(2 * 8)
  EXPECT_NEAR(p.combined.matrix(1, 2), 1, 1e-12);  // sqrt(2 / 2)
  EXPECT_NEAR(p.combined.matrix(2, 1), 1, 1e-12);
  o.expert_weights = {3, 1};
  p = ahp_panel({e1, e2}, o);
  EXPECT_NEAR(p.combined.matrix(0, 1), std::pow(2.0, 1.5), 1e-12);  // 2^(3/4) * 8^(1/4)
  ASSERT_EQ(p.experts.size(), 2u);
  EXPECT_EQ(p.experts[0].cr, 0.0);
  EXPECT_NEAR(p.expert_weights[0], 0.75, 1e-15);
}

TEST(Panel, AipMeansOfPriorities) {
  const auto e1 = upper({"a", "b"}, {3});  // (0.75, 0.25)
  const auto e2 = upper({"a", "b"}, {1});  // (0.5, 0.5)
  PanelOptions o;
  o.aggregation = PanelAggregation::kAip;
  o.aip_mean = PanelMean::kArithmetic;
  auto p = ahp_panel({e1, e2}, o);
  EXPECT_NEAR(p.combined.weights[0], 0.625, 1e-14);
  EXPECT_TRUE(std::isnan(p.combined.cr));
  o.aip_mean = PanelMean::kGeometric;
  p = ahp_panel({e1, e2}, o);
  const double a = std::sqrt(0.75 * 0.5), b = std::sqrt(0.25 * 0.5);
  EXPECT_NEAR(p.combined.weights[0], a / (a + b), 1e-14);
}

TEST(Panel, FlagsInconsistentExpertsAndRejectsMismatchedElements) {
  const auto good = upper({"a", "b", "c"}, {2, 4, 2});
  const auto cyclic = upper({"a", "b", "c"}, {3, 1.0 / 3, 3});
  const auto p = ahp_panel({good, cyclic});
  ASSERT_EQ(p.warnings.size(), 1u);
  EXPECT_FALSE(p.experts[1].consistent);
  EXPECT_NE(p.full_report().find("inconsistent"), std::string::npos);
  STAFFEVAL_EXPECT_THROW_MSG(ahp_panel({good, upper({"a", "b", "x"}, {2, 4, 2})}), DataError, "elements differ");
}

// Objective weights against published examples.

using testing::rows;

std::vector<std::string> names(std::size_t n) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < n; ++j) out.push_back("c" + std::to_string(j + 1));
  return out;
}

// Xu (2004), EJOR 156(2): entropy of the raw matrix, all benefit criteria.
TEST(Objective, EntropyXu2004) {
  const auto x = rows({{30, 30, 38, 29}, {19, 54, 86, 29}, {19, 15, 85, 28.9}, {68, 70, 60, 29}});
  ObjectiveOptions o;
  o.basis = WeightBasis::kRaw;
  const auto r = objective_weights(x, names(4), std::vector<Direction>(4, Direction::kBenefit), o);
  const double published[] = {0.4630, 0.3992, 0.1378, 0.0000};
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(r.weights[j], published[j], 5e-5);
}

// Zavadskas & Podvezko (2016), IJITDM 15(2): entropy of the raw matrix without reversing costs.
TEST(Objective, EntropyZavadskasPodvezko2016) {
  const auto x = rows({{3.0, 100, 10, 7}, {2.5, 80, 8, 5}, {1.8, 50, 20, 11}, {2.2, 70, 12, 9}});
  ObjectiveOptions o;
  o.basis = WeightBasis::kRaw;
  o.reverse_costs = false;
  const std::vector<Direction> d{Direction::kCost, Direction::kBenefit, Direction::kCost, Direction::kBenefit};
  const auto r = objective_weights(x, names(4), d, o);
  const double published[] = {0.1146, 0.1981, 0.4185, 0.2689};
  for (int j = 0; j < 4; ++j) EXPECT_NEAR(r.weights[j], published[j], 5e-5);
  // Reversing the costs first changes the result (and is the default).
  o.reverse_costs = true;
  EXPECT_GT(std::fabs(objective_weights(x, names(4), d, o).weights[0] - 0.1146), 1e-3);
}

// Tuş & Aytaç Adalı (2019), Opsearch 56(2): CRITIC on the min-max normalised matrix; the
// published weights normalise the cost column (price) like the others, without reversing it.
TEST(Objective, CriticTusAdali2019) {
  const auto x = rows({{5000, 3, 3, 4, 3, 2},
                       {680, 5, 3, 2, 2, 1},
                       {2000, 3, 2, 3, 4, 3},
                       {600, 4, 3, 1, 2, 2},
                       {800, 2, 4, 3, 3, 4}});
  ObjectiveOptions o;
  o.method = ObjectiveMethod::kCritic;
  o.reverse_costs = false;
  std::vector<Direction> d(6, Direction::kBenefit);
  d[0] = Direction::kCost;
  const auto r = objective_weights(x, names(6), d, o);
  const double published[] = {0.157, 0.249, 0.168, 0.121, 0.154, 0.151};
  for (int j = 0; j < 6; ++j) EXPECT_NEAR(r.weights[j], published[j], 5e-4) << j;
  EXPECT_EQ(r.diagnostics.size(), 3u);
  // Reversing the cost column flips its correlations and so its conflict (the default).
  o.reverse_costs = true;
  EXPECT_NEAR(objective_weights(x, names(6), d, o).weights[0], 0.184, 5e-4);
}

// Sałabun, Wątróbski & Shekhovtsov (2020), Symmetry 12(9): standard-deviation weights.
TEST(Objective, StdSalabun2020) {
  const auto x = rows({{0.619, 0.449, 0.447}, {0.862, 0.466, 0.006}, {0.458, 0.698, 0.771}, {0.777, 0.631, 0.491},
                       {0.567, 0.992, 0.968}});
  ObjectiveOptions o;
  o.method = ObjectiveMethod::kStdDev;
  o.basis = WeightBasis::kRaw;
  const auto r = objective_weights(x, names(3), std::vector<Direction>(3, Direction::kBenefit), o);
  const double published[] = {0.217, 0.294, 0.488};
  for (int j = 0; j < 3; ++j) EXPECT_NEAR(r.weights[j], published[j], 5e-4);
}

TEST(Objective, DispersionMethodsHandComputed) {
  // Columns (1, 2, 3) and (2, 4, 6) on the raw basis: sd 1 and 2, means 2 and 4.
  const auto x = rows({{1, 2}, {2, 4}, {3, 6}});
  const std::vector<Direction> d(2, Direction::kBenefit);
  ObjectiveOptions o;
  o.basis = WeightBasis::kRaw;
  o.method = ObjectiveMethod::kVariance;
  EXPECT_NEAR(objective_weights(x, names(2), d, o).weights[0], 1.0 / 5, 1e-14);
  o.method = ObjectiveMethod::kCv;  // cv 0.5 and 0.5
  EXPECT_NEAR(objective_weights(x, names(2), d, o).weights[0], 0.5, 1e-14);
  o.method = ObjectiveMethod::kStdDev;
  EXPECT_NEAR(objective_weights(x, names(2), d, o).weights[0], 1.0 / 3, 1e-14);
}

TEST(Objective, IndependenceAndPca) {
  const std::vector<Direction> d(3, Direction::kBenefit);
  ObjectiveOptions o;
  o.basis = WeightBasis::kRaw;
  o.method = ObjectiveMethod::kIndependence;
  // Two columns: each one's multiple correlation is |r|, so the weights are equal.
  const auto x2 = rows({{1, 2}, {2, 1}, {4, 5}, {3, 3}});
  const auto r2 = objective_weights(x2, names(2), std::vector<Direction>(2, Direction::kBenefit), o);
  const Eigen::ArrayXd a = x2.col(0).array() - x2.col(0).mean(), b = x2.col(1).array() - x2.col(1).mean();
  const double r = (a * b).sum() / std::sqrt(a.square().sum() * b.square().sum());
  EXPECT_NEAR(r2.diagnostics[0].second[0], std::fabs(r), 1e-12);
  EXPECT_NEAR(r2.weights[0], 0.5, 1e-12);
  // c3 follows c1 closely, c2 is nearly independent of both: c2 gets the largest weight.
  const auto x3 = rows({{1, 5, 1.1}, {2, 3, 2.0}, {4, 4, 3.9}, {3, 1, 3.1}, {5, 2, 5.0}});
  const auto r3 = objective_weights(x3, names(3), d, o);
  EXPECT_GT(r3.weights[1], r3.weights[0]);
  EXPECT_GT(r3.weights[1], r3.weights[2]);
  o.method = ObjectiveMethod::kPca;
  // Two almost perfectly correlated columns: the first component loads them equally.
  const auto p = objective_weights(rows({{1, 2}, {2, 4}, {3, 7}, {4, 8}}), names(2), std::vector<Direction>(2, Direction::kBenefit), o);
  EXPECT_NEAR(p.weights[0], 0.5, 1e-12);  // a 2 x 2 correlation matrix: loadings (1, 1) / sqrt 2
  EXPECT_GT(p.figures[0].second, 0.95);
}

TEST(Objective, DegenerateInputsGiveDocumentedResults) {
  const std::vector<Direction> d(2, Direction::kBenefit);
  // A constant column: weight 0 and a warning, never NaN.
  for (auto m : {ObjectiveMethod::kEntropy, ObjectiveMethod::kCritic, ObjectiveMethod::kStdDev, ObjectiveMethod::kCv,
                 ObjectiveMethod::kVariance, ObjectiveMethod::kIndependence, ObjectiveMethod::kPca}) {
    ObjectiveOptions o;
    o.method = m;
    const auto r = objective_weights(rows({{1, 7}, {2, 7}, {4, 7}}), names(2), d, o);
    EXPECT_EQ(r.weights[1], 0.0) << to_string(m);
    EXPECT_EQ(r.weights[0], 1.0) << to_string(m);
    ASSERT_FALSE(r.warnings.empty()) << to_string(m);
  }
  ObjectiveOptions o;
  // Zero entries are fine for entropy (0 ln 0 = 0).
  const auto z = objective_weights(rows({{0, 1}, {1, 0}, {2, 5}}), names(2), d, o);
  EXPECT_TRUE(z.weights.allFinite());
  // A single unit, every column constant, negative raw values under entropy: clear errors.
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(rows({{1, 2}}), names(2), d, o), ComputeError, "at least 2");
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(rows({{1, 2}, {1, 2}}), names(2), d, o), ComputeError, "no column varies");
  o.basis = WeightBasis::kRaw;
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(rows({{-1, 2}, {1, 3}}), names(2), d, o), ComputeError,
                             "column \"c1\" = -1");
  // Rows with a missing value are left out with a warning.
  const auto m = objective_weights(rows({{1, 2}, {kNaN, 3}, {2, 5}, {4, 1}}), names(2), d, {});
  EXPECT_EQ(m.units, 3u);
  EXPECT_FALSE(m.warnings.empty());
  // The weights are exactly those of the complete rows alone, in a column after the gap too.
  for (ObjectiveMethod method : {ObjectiveMethod::kEntropy, ObjectiveMethod::kCritic}) {
    ObjectiveOptions q;
    q.method = method;
    const auto gap = objective_weights(rows({{1, 2, 3}, {2, 5, kNaN}, {2, 5, 1}, {4, 1, 7}}), names(3), {d[0], d[1], d[0]}, q);
    const auto whole = objective_weights(rows({{1, 2, 3}, {2, 5, 1}, {4, 1, 7}}), names(3), {d[0], d[1], d[0]}, q);
    EXPECT_EQ(gap.weights, whole.weights) << to_string(method);
    EXPECT_EQ(gap.units, 3u);
    EXPECT_TRUE(whole.warnings.empty());
  }
  // A value refused after a unit left out names its own row.
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(rows({{1, 2}, {kNaN, 3}, {2, 5}, {-4, 1}}), names(2), d, o),
                             ComputeError, "unit 4, column \"c1\" = -4");
}

TEST(Objective, FromAModelEvaluation) {
  const std::string model =
      "id: w\nweights: relative\nindicators:\n"
      "  - {id: a, weight: 1, value: a, rule: {type: minmax}}\n"
      "  - {id: b, weight: 1, value: b, rule: {type: minmax, direction: cost}}\n";
  const auto res = testing::score(model, "id,a,b\nu1,1,10\nu2,2,20\nu3,4,25\n");
  ObjectiveOptions o;
  o.method = ObjectiveMethod::kStdDev;
  const auto r = objective_weights(res, o);
  EXPECT_EQ(r.names, (std::vector<std::string>{"a", "b"}));
  // Min-max: a -> (0, 1/3, 1), b reversed -> (1, 1/3, 0): equal spread.
  EXPECT_NEAR(r.weights[0], 0.5, 1e-14);
  ScoringOptions lean;
  lean.keep = Kept::kTotals;
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(testing::score(model, "id,a,b\nu1,1,10\nu2,2,20\n", lean), o),
                             OptionsError, "detail full");
  // A refused value names its unit by id.
  ObjectiveOptions raw;
  raw.method = ObjectiveMethod::kEntropy;
  raw.basis = WeightBasis::kRaw;
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(testing::score(model, "id,a,b\nu1,1,10\nu2,2,20\nu3,-4,25\n"), raw),
                             ComputeError, "unit \"u3\", column \"a\" = -4");
}

// Over many units (several blocks of the order-free sums), entropy and CRITIC weights agree
// with the textbook formulas computed in long double, and every method gives the same weights
// bit for bit whatever the order of the units and the number of threads.
TEST(Objective, ManyUnitsMatchTheFormulasWhateverTheOrderAndThreads) {
  const Eigen::Index m = 20011, n = 5;
  std::mt19937 rng(11);
  std::uniform_real_distribution<double> u(0, 1);
  Eigen::MatrixXd x(m, n);
  for (Eigen::Index i = 0; i < m; ++i) {
    const double common = u(rng);
    x(i, 0) = 50 + 30 * u(rng);
    x(i, 1) = 1e6 * (common + 0.3 * u(rng));  // correlated with column 2
    x(i, 2) = 2 * common + u(rng) * u(rng);
    x(i, 3) = 1e-6 * std::exp(3 * u(rng));
    x(i, 4) = std::floor(10 * u(rng));  // ties
  }
  const std::vector<Direction> d{Direction::kBenefit, Direction::kCost, Direction::kBenefit, Direction::kCost,
                                 Direction::kBenefit};
  // The textbook formulas on the min-max basis (costs reversed), in long double.
  std::vector<std::vector<long double>> z(n, std::vector<long double>(static_cast<std::size_t>(m)));
  for (Eigen::Index j = 0; j < n; ++j) {
    const long double lo = x.col(j).minCoeff(), hi = x.col(j).maxCoeff();
    for (Eigen::Index i = 0; i < m; ++i) {
      const long double t = (x(i, j) - lo) / (hi - lo);
      z[j][static_cast<std::size_t>(i)] = d[static_cast<std::size_t>(j)] == Direction::kCost ? 1 - t : t;
    }
  }
  std::vector<long double> div(n), mean(n, 0), sd(n, 0);
  for (Eigen::Index j = 0; j < n; ++j) {
    long double s = 0, h = 0;
    for (long double v : z[j]) s += v;
    for (long double v : z[j])
      if (v > 0) h -= v / s * std::log(v / s);
    div[j] = 1 - h / std::log(static_cast<long double>(m));
    mean[j] = s / m;
    for (long double v : z[j]) sd[j] += (v - mean[j]) * (v - mean[j]);
    sd[j] = std::sqrt(sd[j] / (m - 1));
  }
  std::vector<long double> info(n, 0);
  for (Eigen::Index a = 0; a < n; ++a) {
    long double conflict = 0;
    for (Eigen::Index b = 0; b < n; ++b) {
      long double c = 0;
      for (std::size_t i = 0; i < static_cast<std::size_t>(m); ++i) c += (z[a][i] - mean[a]) * (z[b][i] - mean[b]);
      conflict += 1 - c / ((m - 1) * sd[a] * sd[b]);
    }
    info[a] = sd[a] * conflict;
  }
  const long double div_sum = std::accumulate(div.begin(), div.end(), 0.0L);
  const long double info_sum = std::accumulate(info.begin(), info.end(), 0.0L);
  ObjectiveOptions entropy, critic;
  critic.method = ObjectiveMethod::kCritic;
  const auto we = objective_weights(x, names(5), d, entropy), wc = objective_weights(x, names(5), d, critic);
  for (Eigen::Index j = 0; j < n; ++j) {
    EXPECT_NEAR(we.weights[j], static_cast<double>(div[j] / div_sum), 1e-12 * we.weights[j]) << j;
    EXPECT_NEAR(wc.weights[j], static_cast<double>(info[j] / info_sum), 1e-12 * wc.weights[j]) << j;
  }
  // Units shuffled, one thread or two: the same bits, for every method and basis.
  std::vector<Eigen::Index> order(static_cast<std::size_t>(m));
  std::iota(order.begin(), order.end(), Eigen::Index{0});
  std::shuffle(order.begin(), order.end(), rng);
  Eigen::MatrixXd shuffled(m, n);
  for (Eigen::Index i = 0; i < m; ++i) shuffled.row(i) = x.row(order[static_cast<std::size_t>(i)]);
  for (const ObjectiveMethod method : {ObjectiveMethod::kEntropy, ObjectiveMethod::kCritic, ObjectiveMethod::kStdDev,
                                       ObjectiveMethod::kCv, ObjectiveMethod::kVariance, ObjectiveMethod::kPca,
                                       ObjectiveMethod::kIndependence})
    for (const WeightBasis basis : {WeightBasis::kMinMax, WeightBasis::kRaw}) {
      ObjectiveOptions o;
      o.method = method;
      o.basis = basis;
      o.threads = 1;
      const Eigen::VectorXd one = objective_weights(x, names(5), d, o).weights;
      o.threads = 2;
      const Eigen::VectorXd two = objective_weights(x, names(5), d, o).weights;
      const Eigen::VectorXd moved = objective_weights(shuffled, names(5), d, o).weights;
      for (Eigen::Index j = 0; j < n; ++j) {
        EXPECT_EQ(one[j], two[j]) << to_string(method) << " " << to_string(basis) << " " << j;
        EXPECT_EQ(one[j], moved[j]) << to_string(method) << " " << to_string(basis) << " " << j;
      }
    }
  ObjectiveOptions bad;
  bad.threads = -1;
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(x, names(5), d, bad), OptionsError, "ObjectiveOptions::threads");
}

// Entropy's p ln p is computed four shares at a time: for every count of units around the lanes
// and the blocks of the order-free sums, and shares from 1 down to the subnormal range, the
// entropy of each column agrees with the formula in long double to a few units in the last place
// (or the grid of the sums).
TEST(Objective, EntropyMatchesTheFormulaAtEveryLengthAndScale) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(0, 1);
  for (const Eigen::Index m : {2, 3, 5, 6, 7, 13, 4095, 4096, 4097, 4099, 8194}) {
    Eigen::MatrixXd x(m, 4);
    for (Eigen::Index i = 0; i < m; ++i) {
      x(i, 0) = 1 + 99 * u(rng);
      x(i, 1) = std::exp(-700 * u(rng));  // magnitudes from 1 down to 1e-304
      x(i, 2) = i % 3 == 0 ? 0.0 : u(rng);  // zeros: 0 ln 0 = 0
      x(i, 3) = i % 2 == 0 ? std::ldexp(u(rng), -1060) : 1.0 + u(rng);  // subnormal shares
    }
    ObjectiveOptions o;
    o.basis = WeightBasis::kRaw;
    const auto r = objective_weights(x, names(4), std::vector<Direction>(4, Direction::kBenefit), o);
    ASSERT_EQ(r.diagnostics[0].first, "entropy");
    for (Eigen::Index j = 0; j < 4; ++j) {
      long double s = 0, h = 0;
      for (Eigen::Index i = 0; i < m; ++i) s += x(i, j);
      for (Eigen::Index i = 0; i < m; ++i)
        if (x(i, j) > 0) h -= x(i, j) / s * std::log(x(i, j) / s);
      const auto e = static_cast<double>(h / std::log(static_cast<long double>(m)));
      // Each share is rounded once, so each term carries an error of a few units in the last
      // place of the share: an entropy near 0 (one unit holding almost everything) is known to
      // about 1e-16 absolutely, not relatively; the sums add their grid, 2^-80 per term.
      const double grid = static_cast<double>(m) * 0x1p-80;
      EXPECT_NEAR(r.diagnostics[0].second[j], e, 1e-15 + grid) << m << " " << j;
      EXPECT_FALSE(std::signbit(r.diagnostics[0].second[j])) << m << " " << j;  // never -0
    }
  }
}

// A column whose values differ in their last bits: its values on the basis carry rounding as
// large as its spread, and every method still gives finite weights summing to 1 (the bounds of
// the order-free sums are measured, not assumed).
TEST(Objective, NearlyConstantColumnsGiveFiniteWeights) {
  const Eigen::Index m = 9000;
  Eigen::MatrixXd x(m, 3);
  std::mt19937 rng(3);
  std::uniform_real_distribution<double> u(0, 1);
  for (Eigen::Index i = 0; i < m; ++i) {
    x(i, 0) = 1e6 + std::ldexp(static_cast<double>(i % 5), -32);  // a few ulps of 1e6 apart
    x(i, 1) = u(rng);
    x(i, 2) = std::nextafter(0.3, 1.0) - (i % 2 ? std::ldexp(1.0, -54) : 0.0);
  }
  const std::vector<Direction> d{Direction::kCost, Direction::kBenefit, Direction::kBenefit};
  for (const ObjectiveMethod method : {ObjectiveMethod::kEntropy, ObjectiveMethod::kCritic, ObjectiveMethod::kStdDev,
                                       ObjectiveMethod::kCv, ObjectiveMethod::kVariance, ObjectiveMethod::kPca})
    for (const WeightBasis basis : {WeightBasis::kMinMax, WeightBasis::kRaw}) {
      ObjectiveOptions o;
      o.method = method;
      o.basis = basis;
      const auto r = objective_weights(x, names(3), d, o);
      EXPECT_TRUE(r.weights.allFinite()) << to_string(method) << " " << to_string(basis);
      EXPECT_NEAR(r.weights.sum(), 1.0, 1e-12) << to_string(method) << " " << to_string(basis);
    }
  // On the min-max basis the first column's five values are the steps 1, 0.75, 0.5, 0.25, 0
  // (a cost, reversed) exactly: sample variance 0.125 m / (m - 1).
  ObjectiveOptions o;
  o.method = ObjectiveMethod::kStdDev;
  const auto r = objective_weights(x, names(3), d, o);
  ASSERT_EQ(r.diagnostics[0].first, "sd");
  EXPECT_NEAR(r.diagnostics[0].second[0], std::sqrt(0.125 * m / (m - 1.0)), 1e-14);
}

TEST(RankOrder, PublishedFormulas) {
  const auto roc = rank_order_weights({"x", "y", "z"}, RankOrderMethod::kRoc);
  EXPECT_NEAR(roc.weights[0], (1 + 1.0 / 2 + 1.0 / 3) / 3, 1e-15);  // 0.6111
  EXPECT_NEAR(roc.weights[2], (1.0 / 3) / 3, 1e-15);
  const auto rs = rank_order_weights({"x", "y", "z"}, RankOrderMethod::kRankSum);
  EXPECT_NEAR(rs.weights[0], 0.5, 1e-15);
  const auto rr = rank_order_weights({"x", "y", "z"}, RankOrderMethod::kReciprocal);
  EXPECT_NEAR(rr.weights[1], 0.5 / (1 + 0.5 + 1.0 / 3), 1e-15);
  STAFFEVAL_EXPECT_THROW_MSG(rank_order_weights({"x", "x"}), DataError, "listed twice");
}

TEST(Combine, LinearMultiplicativeGameTheory) {
  const Eigen::Vector3d s(0.5, 0.3, 0.2), b(0.2, 0.2, 0.6);
  const std::vector<std::string> n = names(3);
  CombineOptions o;
  o.alpha = 0.7;
  auto r = combine_weights({s, b}, n, o);
  EXPECT_NEAR(r.weights[0], 0.7 * 0.5 + 0.3 * 0.2, 1e-15);
  o.method = CombineMethod::kMultiplicative;
  r = combine_weights({s, b}, n, o);
  EXPECT_NEAR(r.weights[2], 0.12 / (0.10 + 0.06 + 0.12), 1e-15);
  o.method = CombineMethod::kGameTheory;
  r = combine_weights({s, b}, n, o);
  // The optimality conditions: [s.s s.b; b.s b.b] a = [s.s; b.b].
  const double ss = s.dot(s), sb = s.dot(b), bb = b.dot(b);
  const double det = ss * bb - sb * sb;
  const double a1 = (ss * bb - sb * bb) / det, a2 = (ss * bb - sb * ss) / det;
  const double c1 = std::fabs(a1) / (std::fabs(a1) + std::fabs(a2));
  EXPECT_NEAR(r.weights[0], c1 * 0.5 + (1 - c1) * 0.2, 1e-12);
  // Identical sets combine to themselves.
  EXPECT_NEAR(combine_weights({s, s}, n, o).weights[1], 0.3, 1e-12);
  o.method = CombineMethod::kLinear;
  STAFFEVAL_EXPECT_THROW_MSG(combine_weights({s}, n, o), DataError, "at least two");
  STAFFEVAL_EXPECT_THROW_MSG(combine_weights({s, Eigen::Vector2d(1, 1)}, n, o), DataError, "2 weights for 3 names");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// Models whose groups take their children's weights from methods.

const char* kThreeLeaves = "id,a,b,c\nu1,100,50,0\nu2,0,100,50\nu3,50,0,100\n";

std::string ahp_model(const std::string& matrix, const std::string& extra = "") {
  return "id: w\nweights: relative\nindicators:\n"
         "  - id: G\n    weight: 1\n    weighting:\n      method: ahp\n      matrix: " + matrix + "\n" + extra +
         "    children:\n"
         "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
         "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n"
         "      - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 100}}\n";
}

TEST(ModelWeighting, AhpMatrixSetsTheChildrensWeights) {
  const auto r = testing::score(ahp_model("[[1, 2, 4], [1/2, 1, 2], [1/4, 1/2, 1]]"), kThreeLeaves);
  ASSERT_EQ(r.weightings.size(), 1u);
  EXPECT_EQ(r.weightings[0].group, "G");
  EXPECT_EQ(r.weightings[0].method, "ahp");
  EXPECT_NEAR(r.weightings[0].weights[0], 4.0 / 7, 1e-12);
  EXPECT_EQ(r.weightings[0].cr, 0.0);
  // u1: a = 100, b = 50, c = 0.
  EXPECT_NEAR(r.total[0], (4 * 100 + 2 * 50 + 0) / 7.0, 1e-9);
  EXPECT_NEAR(r.total[2], (4 * 50 + 0 + 100) / 7.0, 1e-9);
  EXPECT_NE(r.full_report().find("weights of G by ahp: a 0.5714 b 0.2857 c 0.1429 (CR 0.0000)"), std::string::npos);
  EXPECT_NE(to_json(r).find("\"weightings\""), std::string::npos);
  const std::string why = explain(r, parse_table(kThreeLeaves, "d.csv"), "u1").text();
  EXPECT_NE(why.find("arithmetic mean of its children, weighted by ahp, CR 0.0000"), std::string::npos) << why;
}

TEST(ModelWeighting, InconsistentMatrixIsAModelErrorAtTheMatrix) {
  // The model's structure is valid; the judgments are weighed, once, when the plan is compiled.
  const IndicatorModel model = load_model_from_string(ahp_model("[[1, 3, 1/3], [1/3, 1, 3], [3, 1/3, 1]]"), "m.yaml");
  const auto checks = check_weightings(model);
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_NE(checks[0].to_string().find("m.yaml:8:15: indicators(G).weighting.matrix = CR 1.1494"), std::string::npos);
  try {
    const Table t = parse_table(kThreeLeaves, "d.csv");
    compile(model, t);
    ADD_FAILURE() << "no error";
  } catch (const ModelError& e) {
    const std::string msg = e.diagnostics().at(0).to_string();
    SCOPED_TRACE(msg);
    EXPECT_NE(msg.find("m.yaml:8:15: indicators(G).weighting.matrix = CR 1.1494"), std::string::npos) << msg;
    EXPECT_NE(msg.find("inconsistent"), std::string::npos);
    EXPECT_NE(msg.find("allow_inconsistent"), std::string::npos);
  }
  // Accepted on request, with a warning in the result.
  const auto r = testing::score(ahp_model("[[1, 3, 1/3], [1/3, 1, 3], [3, 1/3, 1]]", "      allow_inconsistent: true\n"),
                                kThreeLeaves);
  EXPECT_FALSE(r.weightings[0].consistent);
  ASSERT_FALSE(r.warnings.empty());
  EXPECT_NE(r.warnings[0].find("inconsistent"), std::string::npos);
}

TEST(ModelWeighting, MatrixProblemsAreLocated) {
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(ahp_model("[[1, 2], [1/2, 1]]"), "m.yaml"), ModelError,
                             "must be 3 x 3");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(ahp_model("[[1, 2, x], [1/2, 1, 2], [1/4, 1/2, 1]]"), "m.yaml"),
                             ModelError, "weighting.matrix[0][2] = x");
  // Judgments that cannot be weighed are found when the plan is compiled, at the matrix.
  const Table t = parse_table(kThreeLeaves, "d.csv");
  STAFFEVAL_EXPECT_THROW_MSG(
      compile(load_model_from_string(ahp_model("[[1, 2, 4], [1/2, 1, 2], [1/4, 1/3, 1]]"), "m.yaml"), t),
      ModelError, "m.yaml:8:15: indicators(G).weighting.matrix");
  STAFFEVAL_EXPECT_THROW_MSG(
      compile(load_model_from_string(ahp_model("[[1, 2, 4], [1/2, 1, 2], [1/4, 1/3, 1]]"), "m.yaml"), t),
      ModelError, "not reciprocal");
}

TEST(ModelWeighting, PointsModelWithAhpAtTheTopLevel) {
  const std::string m =
      "id: p\nweights: points\nweighting: {method: ahp, matrix: [[1, 3], [1/3, 1]]}\nindicators:\n"
      "  - {id: a, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: b, value: b, rule: {type: linear, worst: 0, best: 100}}\n";
  const auto r = testing::score(m, "id,a,b\nu1,100,0\nu2,0,100\n");
  EXPECT_NEAR(r.total[0], 75, 1e-9);
  EXPECT_NEAR(r.total[1], 25, 1e-9);
  EXPECT_NEAR(r.node_points[0], 75, 1e-9);
  EXPECT_NEAR(r.points(1, 1), 25, 1e-9);
}

TEST(ModelWeighting, EntropyFromTheDataBeingScored) {
  // b is the same for everyone: no information, weight 0; a and c share the rest equally
  // (their shares are permutations of each other).
  const std::string m =
      "id: e\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 1\n    weighting: {method: entropy}\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 100}}\n";
  const auto r = testing::score(m, "id,a,b,c\nu1,100,50,20\nu2,20,50,60\nu3,60,50,100\n");
  ASSERT_EQ(r.weightings.size(), 1u);
  EXPECT_EQ(r.weightings[0].method, "entropy");
  EXPECT_EQ(r.weightings[0].weights[1], 0.0);
  EXPECT_NEAR(r.weightings[0].weights[0], 0.5, 1e-12);
  EXPECT_NEAR(r.total[0], (100 + 20) / 2.0, 1e-9);
  bool warned = false;
  for (const auto& w : r.warnings) warned = warned || w.find("weights of G: no variation in b") != std::string::npos;
  EXPECT_TRUE(warned);
  // The same weights as the library computes on the leaves' shares.
  ObjectiveOptions o;
  o.basis = WeightBasis::kShares;
  const auto direct = objective_weights(r, o);
  EXPECT_NEAR(direct.weights[0], r.weightings[0].weights[0], 1e-15);
}

TEST(ModelWeighting, DataDrivenGroupsSettleChildrenFirst) {
  // The top level is weighted by entropy over the groups' scores, which themselves depend on
  // G1's entropy weights: the result must equal weighing by hand in that order.
  const std::string m =
      "id: n\nweights: relative\nweighting: {method: std}\nindicators:\n"
      "  - id: G1\n    weight: 1\n    weighting: {method: std}\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 100}}\n";
  const std::string data = "id,a,b,c\nu1,100,0,10\nu2,0,20,30\nu3,50,10,80\nu4,20,40,20\n";
  const auto r = testing::score(m, data);
  ASSERT_EQ(r.weightings.size(), 2u);
  EXPECT_EQ(r.weightings[0].group, "G1");
  EXPECT_EQ(r.weightings[1].group, "");
  // By hand: std of a and b shares -> G1 weights -> G1 scores -> std of G1/100 and c shares.
  const Eigen::Vector4d a(1, 0, 0.5, 0.2), b(0, 0.2, 0.1, 0.4), c(0.1, 0.3, 0.8, 0.2);
  auto sd = [](const Eigen::Vector4d& v) { return std::sqrt((v.array() - v.mean()).square().sum() / 3); };
  const double wa = sd(a) / (sd(a) + sd(b));
  const Eigen::Vector4d g1 = wa * a + (1 - wa) * b;
  const double wg = sd(g1) / (sd(g1) + sd(c));
  EXPECT_NEAR(r.weightings[1].weights[0], wg, 1e-12);
  for (int i = 0; i < 4; ++i) EXPECT_NEAR(r.total[i], 100 * (wg * g1[i] + (1 - wg) * c[i]), 1e-9);
}

TEST(ModelWeighting, AhpBlendedWithEntropyAndRankOrder) {
  const std::string m =
      "id: c\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 1\n    weighting:\n      method: ahp\n      matrix: [[1, 3], [1/3, 1]]\n"
      "      combine: {with: entropy, method: linear, alpha: 0.5}\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - id: H\n    weight: 1\n    weighting: {method: rank_order, order: [d, c], rank_method: roc}\n    children:\n"
      "      - {id: c, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: d, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n";
  // a and b shares are permutations of each other: entropy weights are equal.
  const auto r = testing::score(m, "id,a,b\nu1,100,20\nu2,20,60\nu3,60,100\n");
  ASSERT_EQ(r.weightings.size(), 2u);
  EXPECT_EQ(r.weightings[0].method, "ahp + entropy (linear, alpha 0.5)");
  EXPECT_NEAR(r.weightings[0].weights[0], (0.75 + 0.5) / 2, 1e-12);
  EXPECT_EQ(r.weightings[1].method, "rank_order (roc)");
  EXPECT_NEAR(r.weightings[1].weights[1], 0.75, 1e-12);  // d first: ROC (1 + 1/2) / 2
}

TEST(ModelWeighting, SpecErrorsAreLocated) {
  const std::string base = "id: s\nweights: relative\nindicators:\n  - id: G\n    weight: 1\n    weighting: ";
  const std::string kids =
      "\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n";
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(base + "{method: rank_order, order: [a, x]}" + kids, "m.yaml"),
                             ModelError, "indicators(G).weighting.order");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(base + "{method: magic}" + kids, "m.yaml"), ModelError,
                             "m.yaml:6:25: indicators[0](G).weighting.method = magic: must be one of");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(base + "{method: entropy, combine: {with: critic}}" + kids, "m.yaml"),
                             ModelError, "not with another objective method");
  const std::string nested =
      "id: s\nweights: relative\nindicators:\n  - id: T\n    weight: 1\n    weighting: {method: entropy, basis: raw}\n"
      "    children:\n      - {id: G, weight: 1, children: [{id: a, weight: 1, value: a, rule: {type: minmax}}]}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: minmax}}\n";
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(nested, "m.yaml"), ModelError, "use shares");
}

TEST(ModelWeighting, RoundTripsThroughYaml) {
  const std::string m =
      "id: rt\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 1\n    weighting:\n      method: ahp\n"
      "      matrices: [[[1, 2, ~], [1/2, 1, 2], [~, 1/2, 1]], [[1, 4, 4], [1/4, 1, 1], [1/4, 1, 1]]]\n"
      "      aggregation: aij\n      combine: {with: critic, method: game_theory}\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 100}}\n";
  const auto model = load_model_from_string(m, "m.yaml");
  const auto again = load_model_from_string(to_yaml(model), "again.yaml");
  const auto& w = again.nodes[0].weighting;
  ASSERT_TRUE(std::holds_alternative<AhpJudgments>(w.source));
  const auto& ahp = std::get<AhpJudgments>(w.source);
  ASSERT_EQ(ahp.matrices.size(), 2u);
  EXPECT_TRUE(std::isnan(ahp.matrices[0](0, 2)));
  EXPECT_EQ(ahp.matrices[1](0, 1), 4.0);
  ASSERT_TRUE(w.blend.has_value());
  EXPECT_EQ(w.blend->objective.method, ObjectiveMethod::kCritic);
  EXPECT_EQ(w.blend->combine.method, CombineMethod::kGameTheory);
  EXPECT_TRUE(w.data_driven());
  EXPECT_EQ(w.source_name(), "ahp");
  const Table t = parse_table(kThreeLeaves, "d.csv");
  const auto r1 = evaluate(compile(model, t), t);
  const auto r2 = evaluate(compile(again, t), t);
  EXPECT_EQ(r1.total, r2.total);
  EXPECT_EQ(r1.weightings[0].method, "ahp panel of 2 (aij) + critic (game_theory)");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// Saaty (2005), Theory and Applications of the Analytic Network Process: choosing a city to
// live in. Five criteria judged against the goal, four cities judged under each criterion; the
// synthesised global weights of the cities are the published result.
TEST(ModelWeighting, SaatyCitiesHierarchySynthesis) {
  const std::string m = R"(id: cities
weights: relative
weighting:
  method: ahp
  matrix: [[1, .2, 3, .5, 5], [5, 1, 7, 1, 7], [1/3, 1/7, 1, .25, 3], [2, 1, 4, 1, 7], [.2, 1/7, 1/3, 1/7, 1]]
indicators:
  - {id: Culture, weight: 1, children: [], weighting: {method: ahp, matrix: [[1, .5, 1, .5], [2, 1, 2.5, 1], [1, 1/2.5, 1, 1/2.5], [2, 1, 2.5, 1]]}}
  - {id: Family, weight: 1, children: [], weighting: {method: ahp, matrix: [[1, 2, 1/3, 4], [.5, 1, 1/8, 2], [3, 8, 1, 9], [.25, .5, 1/9, 1]]}}
  - {id: Housing, weight: 1, children: [], weighting: {method: ahp, matrix: [[1, 5, .5, 2.5], [.2, 1, 1/9, .25], [2, 9, 1, 7], [1/2.5, 4, 1/7, 1]]}}
  - {id: Jobs, weight: 1, children: [], weighting: {method: ahp, matrix: [[1, .5, 3, 4], [2, 1, 6, 8], [1/3, 1/6, 1, 1], [.25, 1/8, 1, 1]]}}
  - {id: Transportation, weight: 1, children: [], weighting: {method: ahp, matrix: [[1, 1.5, .5, 4], [1/1.5, 1, 1/3.5, 2.5], [2, 3.5, 1, 9], [.25, 1/2.5, 1/9, 1]]}}
  - {id: Bethesda, parents: {Culture: 1, Family: 1, Housing: 1, Jobs: 1, Transportation: 1}, value: x, rule: {type: linear, worst: 0, best: 1}}
  - {id: Boston, parents: {Culture: 1, Family: 1, Housing: 1, Jobs: 1, Transportation: 1}, value: x, rule: {type: linear, worst: 0, best: 1}}
  - {id: Pittsburgh, parents: {Culture: 1, Family: 1, Housing: 1, Jobs: 1, Transportation: 1}, value: x, rule: {type: linear, worst: 0, best: 1}}
  - {id: SantaFe, parents: {Culture: 1, Family: 1, Housing: 1, Jobs: 1, Transportation: 1}, value: x, rule: {type: linear, worst: 0, best: 1}}
)";
  const auto model = load_model_from_string(m, "cities.yaml");
  const ModelWeights w = model_weights(model);
  ASSERT_EQ(w.groups.size(), 6u);
  const double published[] = {0.2291, 0.2747, 0.3852, 0.1110};
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(w.global[5 + c], published[c], 2e-4) << w.node_ids[static_cast<std::size_t>(5 + c)];
  EXPECT_NEAR(w.global.tail(4).sum(), 1.0, 1e-12);
  // The same synthesis from an evaluation: a unit with x = 1 everywhere scores 100.
  const Table t = parse_table("id,x\nu1,1\n", "d.csv");
  const auto r = evaluate(compile(model, t), t);
  const ModelWeights e = model_weights(r);
  for (int c = 0; c < 4; ++c) EXPECT_NEAR(e.global[5 + c], w.global[5 + c], 1e-12);
  EXPECT_NEAR(r.total[0], 100, 1e-9);
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

TEST(ModelWeighting, WrittenPointsStayFullMarksUnderAMethod) {
  // G has 40 points; AHP gives a 3/4 of them, b 1/4. a's written 10 points are its full marks
  // (the children's written points need not add up to G's under a method): 2 units over the
  // threshold cost 2 of 10 marks, a share of 0.8 of a's 30 points.
  const std::string m =
      "id: f\nweights: points\ntotal: 40\nindicators:\n"
      "  - id: G\n    points: 40\n    weighting: {method: ahp, matrix: [[1, 3], [1/3, 1]]}\n    children:\n"
      "      - {id: a, points: 10, value: a, rule: {type: deduction, direction: cost, threshold: 0, per: 1, deduct: 1}}\n"
      "      - {id: b, points: 20, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, "id,a,b\nu1,2,1\n");
  EXPECT_NEAR(r.leaf_shares(0, 0), 0.8, 1e-12);
  EXPECT_NEAR(r.points(0, 1), 40 * 0.75 * 0.8, 1e-9);
  EXPECT_NEAR(r.total[0], 40 * (0.75 * 0.8 + 0.25), 1e-9);
}

}  // namespace
}  // namespace staffeval
