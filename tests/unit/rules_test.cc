// Every scoring rule against hand-computed values, boundaries included.
#include <algorithm>
#include <cmath>
#include <vector>

#include "test_util.h"

namespace staffeval {
namespace {

// Scores one 10-point indicator `x` with `rule` over `values` (one unit each, one class unless
// `classes` is given) and returns the earned points.
std::vector<double> points(const std::string& rule, const std::vector<std::string>& values,
                           const std::vector<std::string>& classes = {}) {
  const std::string model = "id: t\nweights: points\ntotal: 10\nindicators:\n"
                            "  - {id: x, points: 10, value: v, rule: " + rule + "}\n";
  std::string csv = "id,class,v\n";
  for (std::size_t i = 0; i < values.size(); ++i)
    csv += "u" + std::to_string(i) + "," + (classes.empty() ? "A" : classes[i]) + "," + values[i] + "\n";
  const ScoringResult r = testing::score(model, csv);
  std::vector<double> out;
  for (std::size_t i = 0; i < r.size(); ++i) out.push_back(r.points(i, 0));
  return out;
}

void expect_points(const std::vector<double>& got, const std::vector<double>& want) {
  ASSERT_EQ(got.size(), want.size());
  for (std::size_t i = 0; i < got.size(); ++i) EXPECT_NEAR(got[i], want[i], 1e-9) << "unit " << i;
}

TEST(Rules, MinMaxBenefitCostAndRange) {
  expect_points(points("{type: minmax}", {"0", "5", "10"}), {0, 5, 10});
  expect_points(points("{type: minmax, direction: cost}", {"0", "5", "10"}), {10, 5, 0});
  expect_points(points("{type: minmax, range: [20, 100]}", {"0", "5", "10"}), {2, 6, 10});
}

TEST(Rules, MinMaxConstantCohortGetsFullMarks) {
  expect_points(points("{type: minmax}", {"3", "3"}), {10, 10});
}

TEST(Rules, MinMaxWithinPeerGroups) {
  expect_points(points("{type: minmax}", {"0", "10", "100", "200"}, {"A", "A", "B", "B"}), {0, 10, 0, 10});
  expect_points(points("{type: minmax, cohort: all}", {"0", "10", "100", "200"}, {"A", "A", "B", "B"}),
                {0, 0.5, 5, 10});
}

TEST(Rules, ZScoreUsesSampleStandardDeviation) {
  // mean 2, sample sd 1: z = -1, 0, 1 -> 40%, 50%, 60% of 10 points.
  expect_points(points("{type: zscore}", {"1", "2", "3"}), {4, 5, 6});
  expect_points(points("{type: zscore, direction: cost, mean: 50, sd: 20}", {"1", "2", "3"}), {7, 5, 3});
}

TEST(Rules, CohortStatisticsSpanEveryEvaluationBlock) {
  // Far more units than one evaluation block: z-scores, median thresholds and percentiles must
  // use the whole cohort, not the block a unit is scored in.
  const int n = 40000;
  std::vector<std::string> values;
  for (int i = 0; i < n; ++i) values.push_back(std::to_string(i));
  const double mean = (n - 1) / 2.0, sd = std::sqrt(n * (n + 1.0) / 12.0);
  const auto z = points("{type: zscore}", values);
  for (int i : {0, 1, 16383, 16384, 20000, 39999})
    EXPECT_NEAR(z[static_cast<std::size_t>(i)], std::clamp((50 + 10 * (i - mean) / sd) / 10, 0.0, 10.0), 1e-9) << i;
  // Median 19999.5: 39999 is 19999.5 above it, -0.0001 points per unit -> 10 - 1.99995.
  const auto d = points("{type: deduction, threshold: median, per: 1, deduct: 0.0001}", values);
  EXPECT_NEAR(d[39999], 10 - 1.99995, 1e-9);
  EXPECT_NEAR(d[16000], 10, 1e-12);
  const auto p = points("{type: percentile}", values);
  EXPECT_NEAR(p[30000], 10.0 * 30000 / (n - 1), 1e-9);
}

TEST(Rules, PercentileAveragesTies) {
  expect_points(points("{type: percentile}", {"10", "20", "20", "40"}), {0, 5, 5, 10});
}

TEST(Rules, DistanceToBest) {
  expect_points(points("{type: distance_to_best}", {"50", "80", "100"}), {5, 8, 10});
  // cost: best = 2; 1 - |4 - 2| / 2 = 0; 1 - |3 - 2| / 2 = 0.5.
  expect_points(points("{type: distance_to_best, direction: cost}", {"2", "3", "4"}), {10, 5, 0});
}

TEST(Rules, ProportionalToBest) {
  expect_points(points("{type: proportional}", {"24", "30"}), {8, 10});
  expect_points(points("{type: proportional, direction: cost}", {"2", "4"}), {10, 5});
}

TEST(Rules, LinearBetweenFixedBounds) {
  expect_points(points("{type: linear, worst: 0.4, best: 0.7}", {"0.3", "0.4", "0.55", "0.7", "0.9"}),
                {0, 0, 5, 10, 10});
  expect_points(points("{type: linear, worst: 10, best: 0}", {"0", "5", "12"}), {10, 5, 0});
}

TEST(Rules, TargetRangeWithDeductionBelowAndStepAbove) {
  // Full marks in [0.9, 1]; -0.6 per percentage point below (zero at 0.7 for 12 points, here
  // 10 points: zero at 0.9 - 10 / 60 = 0.7333); anything above 1 earns 0.
  expect_points(points("{type: target_range, low: 0.9, high: 1.0, below: {deduct: 0.6, per: 0.01}, "
                       "above: {zero_at: 1.0}}",
                       {"0.7", "0.8", "0.9", "1.0", "1.01"}),
                {0, 4, 10, 10, 0});
  expect_points(points("{type: target_range, low: 0.2, high: 0.4, low_zero: 0, high_zero: 0.6}",
                       {"0.1", "0.2", "0.3", "0.4", "0.5", "0.7"}),
                {5, 10, 10, 10, 5, 0});
}

TEST(Rules, IdealPoint) {
  expect_points(points("{type: ideal, ideal: 0.95, tolerance: 0.25}", {"0.95", "0.7", "1.2", "1.075"}),
                {10, 0, 0, 5});
  // Without tolerance the farthest unit (distance 0.5) gets 0.
  expect_points(points("{type: ideal, ideal: 1}", {"1", "0.5", "1.25"}), {10, 0, 5});
}

TEST(Rules, PiecewiseLinear) {
  expect_points(points("{type: piecewise, breakpoints: [[0, 0], [0.5, 6], [1, 10]]}",
                       {"-1", "0.25", "0.5", "0.75", "2"}),
                {0, 3, 6, 8, 10});
}

TEST(Rules, StepBands) {
  expect_points(points("{type: bands, bands: [[0.6, 4], [0.8, 8], [0.9, 10]], otherwise: 1}",
                       {"0.5", "0.6", "0.85", "0.9", "0.95"}),
                {1, 4, 8, 10, 10});
}

TEST(Rules, DeductionUntilZero) {
  expect_points(points("{type: deduction, direction: cost, threshold: 1, per: 0.01, deduct: 0.5}",
                       {"0.9", "1.0", "1.0714285714285714", "2.0"}),
                {10, 10, 10 - 0.5 * (0.0714285714285714 / 0.01), 0});
  expect_points(points("{type: deduction, direction: cost, deduct: 3, floor: 2}", {"0", "1", "5"}),
                {10, 7, 2});
  // Benefit direction: deduct for values below the threshold.
  expect_points(points("{type: deduction, direction: benefit, threshold: 0, per: 1, deduct: 0.2}",
                       {"5", "0", "-10"}),
                {10, 10, 8});
}

TEST(Rules, DeductionAgainstCohortMedian) {
  // Median 0.4: 0.5 is 10 points above, -0.1 each -> 9.
  expect_points(points("{type: deduction, threshold: median, per: 0.01, deduct: 0.1, direction: cost}",
                       {"0.3", "0.4", "0.5"}),
                {10, 10, 9});
}

TEST(Rules, ChecklistCountsPartialItems) {
  expect_points(points("{type: checklist, items: 5}", {"4.5", "5", "6", "0"}), {9, 10, 10, 0});
}

TEST(Rules, ComplianceYesNo) {
  expect_points(points("{type: compliance, \"no\": 2}", {"1", "0", "是", "否"}), {10, 2, 10, 2});
}

TEST(Rules, SurveyConversion) {
  expect_points(points("{type: survey, zero_at: 60, full_at: 100}", {"86.5", "50", "60", "100"}),
                {6.625, 0, 0, 10});
}

TEST(Rules, FullMarksScaleIsTheLeafPointsUnlessGiven) {
  // `full: 100` writes marks on a 100 scale: deduct 30 of 100 = 30% of the leaf's 10 points.
  expect_points(points("{type: deduction, full: 100, deduct: 30}", {"1"}), {7});
}

}  // namespace
}  // namespace staffeval
