// Aggregation, missing data, weights, caps, rounding, ranks, peer groups and invariants.
#include <cmath>
#include <fstream>
#include <iterator>
#include <sstream>
#include <stdexcept>

#include "test_util.h"

namespace staffeval {
namespace {

using testing::same_value;
using testing::score;

// Two leaves under one group: a = 0.25 -> score 25, b = 1 -> score 100, weights 1 : 3.
std::string two_leaf_model(const std::string& aggregation, const std::string& extra = "") {
  return "id: agg\nweights: relative\nindicators:\n"
         "  - id: G\n    weight: 1\n    aggregation: " + aggregation + "\n" + extra +
         "    children:\n"
         "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
         "      - {id: b, weight: 3, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
}
const char* kTwoLeafData = "id,a,b\nu1,0.25,1\n";

TEST(Aggregation, WeightedArithmeticMean) {
  EXPECT_NEAR(score(two_leaf_model("arithmetic"), kTwoLeafData).total[0], (25 + 300) / 4.0, 1e-12);
}

TEST(Aggregation, WeightedGeometricMean) {
  EXPECT_NEAR(score(two_leaf_model("geometric"), kTwoLeafData).total[0],
              std::pow(25.0, 0.25) * std::pow(100.0, 0.75), 1e-9);
}

TEST(Aggregation, WeightedHarmonicMean) {
  EXPECT_NEAR(score(two_leaf_model("harmonic"), kTwoLeafData).total[0], 4.0 / (1 / 25.0 + 3 / 100.0), 1e-9);
}

TEST(Aggregation, WeightedPowerMean) {
  EXPECT_NEAR(score(two_leaf_model("power", "    power: 2\n"), kTwoLeafData).total[0], 87.5, 1e-9);
}

TEST(Aggregation, GeometricMeanOfZeroIsAClearError) {
  STAFFEVAL_EXPECT_THROW_MSG(score(two_leaf_model("geometric"), "id,a,b\nu1,0,1\n"), ComputeError,
                             "unit \"u1\" has a = 0");
}

TEST(Weights, PointsAndRelativeWeightsAgree) {
  const std::string points =
      "id: p\nweights: points\nindicators:\n"
      "  - {id: a, points: 30, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, points: 70, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  const std::string relative =
      "id: r\nweights: relative\nindicators:\n"
      "  - {id: a, weight: 3, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, weight: 7, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  const char* data = "id,a,b\nu1,0.5,0.2\nu2,1,0\n";
  const auto p = score(points, data), r = score(relative, data);
  EXPECT_NEAR(p.total[0], 0.3 * 50 + 0.7 * 20, 1e-12);
  EXPECT_NEAR(p.total[0], r.total[0], 1e-12);
  EXPECT_NEAR(p.total[1], r.total[1], 1e-12);
  EXPECT_NEAR(p.points(0, 0), 15, 1e-12);
  EXPECT_NEAR(p.plan.node_points()[1], 70, 1e-12);
}

TEST(Weights, IndicatorFeedingTwoParentsCountsInBoth) {
  const std::string model =
      "id: dag\nweights: relative\nindicators:\n"
      "  - {id: G1, weight: 1, children: [{id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}]}\n"
      "  - {id: G2, weight: 1, children: [{id: b, weight: 1, value: b, rule: {type: linear, worst: 0, best: 1}}]}\n"
      "  - {id: s, parents: {G1: 1, G2: 1}, value: s, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = score(model, "id,a,b,s\nu1,1,0,0.5\n");
  // G1 = (100 + 50) / 2 = 75, G2 = (0 + 50) / 2 = 25, total = 50; s holds half of each group.
  EXPECT_NEAR(r.total[0], 50, 1e-12);
  EXPECT_NEAR(r.plan.node_weights()[4], 0.5, 1e-12);
  const Eigen::VectorXd c = r.contributions(0);
  EXPECT_NEAR(c.sum(), r.total[0], 1e-12);
  EXPECT_NEAR(c[2], 25, 1e-12);
}

const char* kMissingModel =
    "id: miss\nweights: points\nmissing: {policy}\nindicators:\n"
    "  - {id: a, points: 50, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
    "  - {id: b, points: 50, value: b, rule: {type: linear, worst: 0, best: 100}}\n";
const char* kMissingData = "id,class,a,b\nu1,A,20,80\nu2,A,,60\nu3,A,60,40\nu4,B,90,100\n";

std::string with_policy(const std::string& policy) {
  std::string m = kMissingModel;
  m.replace(m.find("{policy}"), 8, policy);
  return m;
}

TEST(Missing, SkipRenormalisesWithinParent) {
  const auto r = score(with_policy("skip"), kMissingData);
  EXPECT_NEAR(r.total[1], 60, 1e-12);  // only b, with the whole weight
  EXPECT_TRUE(std::isnan(r.leaf_shares(1, 0)));
}

TEST(Missing, ZeroScoresNothing) {
  EXPECT_NEAR(score(with_policy("zero"), kMissingData).total[1], 30, 1e-12);
}

TEST(Missing, MeanAndMedianImputeTheRawValue) {
  // Present values of a: 20, 60, 90 -> mean 56.667, median 60.
  EXPECT_NEAR(score(with_policy("mean"), kMissingData).total[1], 0.5 * (170.0 / 3) + 30, 1e-9);
  EXPECT_NEAR(score(with_policy("median"), kMissingData).total[1], 30 + 30, 1e-12);
}

TEST(Missing, PeerGroupImputation) {
  // Class A values of a: 20, 60 -> mean 40 = median 40.
  EXPECT_NEAR(score(with_policy("peer_mean"), kMissingData).total[1], 20 + 30, 1e-12);
  EXPECT_NEAR(score(with_policy("peer_median"), kMissingData).total[1], 20 + 30, 1e-12);
}

TEST(Missing, FailNamesRowAndIndicator) {
  STAFFEVAL_EXPECT_THROW_MSG(score(with_policy("fail"), kMissingData), DataError,
                             "d.csv:3: unit \"u2\", indicator \"a\"");
}

TEST(Missing, PerIndicatorOverrideAndOptionOverride) {
  std::string m = with_policy("skip");
  m.replace(m.find("best: 100}}\n  - {id: b"), 11, "best: 100}, missing: zero}");
  EXPECT_NEAR(score(m, kMissingData).total[1], 30, 1e-12);
  ScoringOptions opt;
  opt.missing = MissingPolicy::kZero;
  EXPECT_NEAR(score(with_policy("skip"), kMissingData, opt).total[1], 30, 1e-12);
}

TEST(Ranks, TiesShareTheBestRank) {
  const std::string m = "id: r\nweights: points\nindicators:\n  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n";
  const auto r = score(m, "id,class,a\nu1,A,90\nu2,B,80\nu3,A,80\nu4,A,70\nu5,B,\n");
  EXPECT_EQ(r.rank, (std::vector<int>{1, 2, 2, 4, 0}));
  EXPECT_EQ(r.class_rank, (std::vector<int>{1, 1, 2, 3, 0}));
  EXPECT_EQ(r.grade_name(0), "优秀");
  EXPECT_EQ(r.grade_name(1), "良好");
  EXPECT_EQ(r.grade_name(3), "合格");
  EXPECT_EQ(r.grade_name(4), "");
}

// The ranking sorts on a 32-bit key over the score range: scores closer than the key's
// resolution share a key and must still be told apart, and ties must still be shared.
TEST(Ranks, MatchCountingBetterScoresAcrossTiesAndNearTies) {
  const std::string m = "id: r\nweights: points\nindicators:\n  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n";
  std::string csv = "id,class,a\n";
  const char* values[] = {"0", "100", "50", "50.000000000001", "50", "49.999999999999", "75.5", "75.5"};
  for (int i = 0; i < 3000; ++i)
    csv += "u" + std::to_string(i) + "," + (i % 3 ? "A" : "B") + "," + values[(i * 7) % 8] + "\n";
  const auto r = score(m, csv);
  const std::size_t n = r.unit_ids.size();
  ASSERT_EQ(n, 3000u);
  for (std::size_t i = 0; i < n; ++i) {
    int better = 0, better_in_class = 0;
    for (std::size_t j = 0; j < n; ++j) {
      if (r.total[static_cast<Eigen::Index>(j)] <= r.total[static_cast<Eigen::Index>(i)]) continue;
      ++better;
      if (r.unit_class[j] == r.unit_class[i]) ++better_in_class;
    }
    ASSERT_EQ(r.rank[i], better + 1) << r.unit_ids[i];
    ASSERT_EQ(r.class_rank[i], better_in_class + 1) << r.unit_ids[i];
  }
  // The three middle values keep their order although they share a sort key.
  int r_hi = 0, r_mid = 0, r_lo = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double t = r.total[static_cast<Eigen::Index>(i)];
    if (t > 50 && t < 50.1) r_hi = r.rank[i];
    if (t == 50) r_mid = r.rank[i];
    if (t < 50 && t > 49.9) r_lo = r.rank[i];
  }
  EXPECT_LT(r_hi, r_mid);
  EXPECT_LT(r_mid, r_lo);
}

TEST(Grades, BoundaryScoreBelongsToTheHigherBand) {
  const std::string m = "id: g\nweights: points\nindicators:\n  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n";
  const auto r = score(m, "id,a\nu1,90\nu2,89.999\nu3,60\nu4,59.99\n");
  EXPECT_EQ(r.grade_name(0), "优秀");
  EXPECT_EQ(r.grade_name(1), "良好");
  EXPECT_EQ(r.grade_name(2), "合格");
  EXPECT_EQ(r.grade_name(3), "不合格");
}

TEST(Caps, ConditionCapsTheGradeAndVetoFails) {
  const std::string m =
      "id: c\nweights: points\nindicators:\n"
      "  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "caps:\n"
      "  - {id: red_line, when: over > 0, max_grade: 良好, reason: 超编}\n"
      "  - {id: veto, when: serious > 0, max_grade: 不合格, reason: 一票否决}\n";
  const auto r = score(m, "id,a,over,serious\nu1,95,1,0\nu2,95,0,0\nu3,95,0,1\nu4,85,1,0\nu5,95,,0\n");
  EXPECT_EQ(r.grade_name(0), "良好");
  EXPECT_EQ(r.caps[0], std::vector<int>{0});
  EXPECT_EQ(r.grade_name(1), "优秀");
  EXPECT_EQ(r.grade_name(2), "不合格");
  EXPECT_EQ(r.grade_name(3), "良好");  // already below the cap: unchanged
  EXPECT_EQ(r.grade_name(4), "优秀");  // condition unknown: not applied, warned
  ASSERT_EQ(r.warnings.size(), 1u);
  EXPECT_NE(r.warnings[0].find("red_line"), std::string::npos);
  EXPECT_NEAR(r.total[0], 95, 1e-12);  // a cap changes the grade, never the score
}

// Several caps on units that interleave: each unit lists its caps in the model's order, units
// without a cap list none, and the result keeps lists only for the capped units.
TEST(Caps, SeveralCapsPerUnitInTheModelsOrder) {
  const std::string m =
      "id: c\nweights: points\nindicators:\n"
      "  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "caps:\n"
      "  - {id: first, when: x > 0, max_grade: 良好, reason: 甲}\n"
      "  - {id: second, when: y > 0, max_grade: 合格, reason: 乙}\n"
      "  - {id: third, when: z > 0, max_grade: 良好, reason: 丙}\n";
  const auto r = score(m, "id,a,x,y,z\nu1,95,0,1,1\nu2,95,1,0,0\nu3,95,0,0,0\nu4,95,1,1,1\nu5,95,0,0,1\n");
  EXPECT_EQ(r.caps, (std::vector<std::vector<int>>{{1, 2}, {0}, {}, {0, 1, 2}, {2}}));
  EXPECT_EQ(r.caps.capped_units(), (std::vector<std::size_t>{0, 1, 3, 4}));
  EXPECT_TRUE(r.caps[2].empty());
  EXPECT_EQ(r.caps.size(), 5u);
  EXPECT_EQ(r.grade_name(0), "合格");
  EXPECT_EQ(r.grade_name(4), "良好");
  EXPECT_EQ(r.caps.per_unit()[3], (std::vector<int>{0, 1, 2}));
}

TEST(Caps, UnitCapsTakeUnitsInOrder) {
  UnitCaps c(4);
  c.add(1, 0);
  c.add(1, 2);
  c.add(3, 1);
  EXPECT_EQ(c, (std::vector<std::vector<int>>{{}, {0, 2}, {}, {1}}));
  EXPECT_THROW(c.add(2, 0), std::invalid_argument);  // behind unit 3
  EXPECT_THROW(c.add(3, 1), std::invalid_argument);  // the same cap twice
  EXPECT_THROW(c.add(4, 0), std::invalid_argument);  // beyond the units
  EXPECT_NE(c, UnitCaps(4));
  std::ostringstream text;
  text << c;
  EXPECT_EQ(text.str(), "{}, {0, 2}, {}, {1}");
  c.reset(2);
  EXPECT_EQ(c, UnitCaps(2));
  EXPECT_TRUE(c[1].empty());
}

// A result evaluated into again keeps no caps of the previous data, and a copy of a result
// evaluated into does not disturb the original.
TEST(Caps, ReEvaluationAndCopiesKeepCapsOfTheirOwnData) {
  const auto model = load_model_from_string(
      "id: c\nweights: points\nindicators:\n"
      "  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "caps:\n  - {id: red_line, when: over > 0, max_grade: 良好, reason: 超编}\n",
      "m.yaml");
  const Table first = parse_table("id,a,over\nu1,95,1\nu2,95,0\nu3,95,1\n", "1.csv");
  const Table second = parse_table("id,a,over\nu1,95,0\nu2,95,1\nu3,95,0\n", "2.csv");
  const Plan plan = compile(model, first);
  ScoringResult r;
  evaluate(plan, first, {}, &r);
  EXPECT_EQ(r.caps, (std::vector<std::vector<int>>{{0}, {}, {0}}));
  ScoringResult copy = r;
  evaluate(plan, second, {}, &r);
  EXPECT_EQ(r.caps, (std::vector<std::vector<int>>{{}, {0}, {}}));
  EXPECT_EQ(r.grade_name(0), "优秀");
  EXPECT_EQ(r.grade_name(1), "良好");
  EXPECT_EQ(copy.caps, (std::vector<std::vector<int>>{{0}, {}, {0}}));
  evaluate(plan, second, {}, &copy);
  EXPECT_EQ(copy.caps, r.caps);
}

// A table handed over to evaluate() is left without ids and names, which the result alone
// holds; the result is the one the other form gives (caps, data-driven weights), and evaluating
// into it again takes the ids of the new table as usual.
TEST(Evaluate, ConsumedTableGivesTheSameResult) {
  const auto model = load_model_from_string(
      "id: c\nweights: relative\nindicators:\n"
      "  - id: G\n    weighting: {method: entropy}\n    children:\n"
      "      - {id: a, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: b, value: b, rule: {type: linear, worst: 0, best: 10}}\n"
      "caps:\n  - {id: red_line, when: over > 0, max_grade: 良好, reason: 超编}\n",
      "m.yaml");
  const std::string csv = "id,name,a,b,over\nu1,甲,95,3,1\nu2,乙,40,9,0\nu3,丙,70,5,0\n";
  const Table kept = parse_table(csv, "t.csv");
  const Plan plan = compile(model, kept);
  const ScoringResult copied = evaluate(plan, kept);
  Table consumed = parse_table(csv, "t.csv");
  ScoringResult moved = evaluate(plan, std::move(consumed));
  EXPECT_TRUE(consumed.ids.empty());
  EXPECT_TRUE(consumed.names.empty());
  EXPECT_EQ(consumed.values.size(), 0);  // let go once read, before the ranks
  EXPECT_EQ(consumed.columns, kept.columns);  // the rest stays
  EXPECT_EQ(moved.unit_ids, (std::vector<std::string>{"u1", "u2", "u3"}));
  EXPECT_EQ(moved.unit_names, (std::vector<std::string>{"甲", "乙", "丙"}));
  EXPECT_EQ(moved.total, copied.total);
  EXPECT_EQ(moved.rank, copied.rank);
  EXPECT_EQ(moved.class_rank, copied.class_rank);
  EXPECT_EQ(moved.grade, copied.grade);
  EXPECT_EQ(moved.caps, copied.caps);
  EXPECT_EQ(moved.caps, (std::vector<std::vector<int>>{{0}, {}, {}}));
  ASSERT_EQ(moved.weightings.size(), 1u);
  EXPECT_EQ(moved.weightings[0].weights, copied.weightings[0].weights);
  EXPECT_NE(moved.weightings[0].weights[0], 0.5);  // the entropy weights differ from equal ones
  const Table other = parse_table("id,name,a,b,over\nv1,丁,10,1,0\nv2,戊,20,2,0\nv3,己,30,3,0\n", "o.csv");
  evaluate(plan, other, {}, &moved);
  EXPECT_EQ(moved.unit_ids, other.ids);
  EXPECT_EQ(moved.unit_names, other.names);
}

// A consumed table whose columns are the leaves, in order, lends its value matrix to the shares
// a result keeps without the values (every node's points): each share is written over its value.
// The shares are those of the other form, through the vectorised min-max kernel, a percentile
// rule (scored over the whole column first), missing values scoring 0 (found from the shares,
// NaN where values are missing) and missing values skipped. Where a later phase still reads the
// values (a cap's condition, imputation) or the columns are not the leaves', the shares take
// memory of their own.
TEST(Evaluate, ConsumedTableLendsItsValuesToTheShares) {
  const std::string head =
      "id: s\nweights: relative\nindicators:\n"
      "  - {id: a, value: a, rule: {type: minmax}}\n"
      "  - {id: b, value: b, rule: {type: percentile, direction: cost}}\n"
      "  - {id: c, value: c, missing: zero, rule: {type: linear, worst: 0, best: 10}}\n"
      "  - {id: d, value: d, rule: {type: linear, worst: 10, best: 0}}\n";
  std::string csv = "id,name,a,b,c,d\n";
  for (int i = 0; i < 5000; ++i)  // blocks of several threads
    csv += "u" + std::to_string(i) + ",单位" + std::to_string(i) + "," + std::to_string(i % 97) + "," +
           std::to_string((i * 7) % 13) + "," + (i % 5 == 0 ? std::string() : std::to_string(i % 11)) + "," +
           (i % 7 == 0 ? std::string() : std::to_string(i % 10)) + "\n";
  ScoringOptions shares;
  shares.keep = Kept::kShares;
  shares.threads = 2;
  auto check = [&](const std::string& model_text, const std::string& data, bool in_place) -> ScoringResult {
    SCOPED_TRACE(model_text);
    const auto model = load_model_from_string(model_text, "m.yaml");
    const Table kept = parse_table(data, "t.csv");
    const Plan plan = compile(model, kept);
    const ScoringResult copied = evaluate(plan, kept, shares);
    Table consumed = parse_table(data, "t.csv");
    const double* values = consumed.values.data();
    const ScoringResult moved = evaluate(plan, std::move(consumed), shares);
    EXPECT_EQ(consumed.values.size(), 0);
    EXPECT_EQ(moved.leaf_shares.data() == values, in_place);
    EXPECT_EQ(moved.leaf_shares.rows(), copied.leaf_shares.rows());
    EXPECT_EQ(moved.leaf_shares.cols(), copied.leaf_shares.cols());
    if (moved.leaf_shares.size() != copied.leaf_shares.size()) return moved;
    // Equal, NaN (skipped) where the other form has NaN.
    EXPECT_TRUE(moved.leaf_shares.array().isNaN().matrix() == copied.leaf_shares.array().isNaN().matrix());
    const Eigen::MatrixXd moved_present = moved.leaf_shares.array().isNaN().select(0.0, moved.leaf_shares);
    const Eigen::MatrixXd copied_present = copied.leaf_shares.array().isNaN().select(0.0, copied.leaf_shares);
    EXPECT_TRUE(moved_present == copied_present);
    EXPECT_EQ(moved.total, copied.total);
    EXPECT_EQ(moved.rank, copied.rank);
    EXPECT_EQ(moved.grade, copied.grade);
    EXPECT_EQ(to_csv(moved), to_csv(copied));
    return moved;
  };
  const ScoringResult r = check(head, csv, true);
  // Hand-checked shares of u5 (a 5, b 35 % 13 = 9, c missing -> 0, d 5 % 10 = 5).
  EXPECT_DOUBLE_EQ(r.leaf_shares(5, 0), 5.0 / 96);
  EXPECT_DOUBLE_EQ(r.leaf_shares(5, 2), 0.0);
  EXPECT_DOUBLE_EQ(r.leaf_shares(5, 3), 0.5);
  EXPECT_TRUE(std::isnan(r.leaf_shares(7, 3)));  // d missing: skipped
  // b = 0 for the 385 units i = 0, 13, ...: tied, they share the mean of positions 0..384.
  EXPECT_DOUBLE_EQ(r.leaf_shares(0, 1), 1.0 - 192.0 / 4999);
  check(head + "caps:\n  - {id: cap, when: a > 90, max_grade: 合格, reason: r}\n", csv, false);
  std::string imputed = head;
  imputed.replace(imputed.find("missing: zero"), 13, "missing: mean");
  check(imputed, csv, false);
  // An extra column: the table's columns are not the leaves'.
  std::string extra = "id,name,a,b,c,d,e\n";
  for (std::size_t p = csv.find('\n') + 1; p < csv.size();) {
    const std::size_t e = csv.find('\n', p);
    extra += csv.substr(p, e - p) + ",1\n";
    p = e + 1;
  }
  check(head, extra, false);
}

// A table read from a file holds its ids and names packed (their characters in a few blocks, one
// per part the reader divided the file into), in file order across parts and skipped rows; the
// reader's duplicate check, scoring, and writing CSV and JSON read them where they are, so no
// vector of a million std::strings is ever made for them.
TEST(Evaluate, ReadIdsAndNamesStayPackedThroughScoringAndWriting) {
  const auto model = load_model_from_string(
      "id: c\nweights: relative\nindicators:\n  - {id: a, value: a, rule: {type: linear, worst: 0, best: 10}}\n",
      "m.yaml");
  auto csv_of = [](bool duplicate) {
    std::string csv = "id,name,a\n";
    for (int i = 0; i < 3000; ++i) {
      csv += "u" + std::to_string(i) + ",第" + std::to_string(i) + "号单位," + std::to_string(i % 11) + "\n";
      if (i == 1500) csv += ",,\n";                               // a blank row
      if (i == 2000 && duplicate) csv += "u7,重复的编号,3\n";  // in the second part
    }
    return csv;
  };
  TableOptions options;
  options.threads = 2;
  options.parallel_min_bytes = 0;
  const Table twice = parse_table(csv_of(true), "t.csv", options);
  ASSERT_EQ(twice.size(), 3001u);
  EXPECT_TRUE(twice.ids.packed_only());
  EXPECT_EQ(twice.ids.view(2001), "u7");
  EXPECT_EQ(twice.names.view(2001), "重复的编号");
  EXPECT_EQ(twice.names.view(3000), "第2999号单位");
  bool duplicate = false;
  for (const auto& p : twice.problems)
    duplicate = duplicate || (p.location.line == 2004 && p.to_string().find("duplicate unit id (first on line 9)") !=
                                                               std::string::npos);
  EXPECT_TRUE(duplicate);
  EXPECT_TRUE(twice.ids.packed_only());

  Table table = parse_table(csv_of(false), "t.csv", options);
  ASSERT_EQ(table.size(), 3000u);
  EXPECT_TRUE(table.ids.packed_only());
  EXPECT_TRUE(table.names.packed_only());
  EXPECT_EQ(table.ids.view(1501), "u1501");
  EXPECT_EQ(table.rows[1501], 1504u);  // after the blank row
  // Each part reserved its whole text for ids; packing kept what was written.
  std::size_t id_chars = 0;
  for (std::size_t i = 0; i < table.size(); ++i) id_chars += table.ids.view(i).size();
  EXPECT_LE(table.ids.packed_bytes(), id_chars + id_chars / 8 + 512);
  EXPECT_GE(table.ids.packed_bytes(), id_chars);
  const Plan plan = compile(model, table);
  const ScoringResult r = evaluate(plan, std::move(table));
  EXPECT_TRUE(r.unit_ids.packed_only());
  const std::string out = to_csv(r);
  EXPECT_NE(out.find("\nu2999,第2999号单位,"), std::string::npos);
  const std::string json = to_json(r);
  EXPECT_NE(json.find("\"第1501号单位\""), std::string::npos);
  EXPECT_TRUE(r.unit_ids.packed_only());
  EXPECT_TRUE(r.unit_names.packed_only());
  // Asked for as a vector, the list makes one.
  EXPECT_EQ(r.unit_ids[2001], "u2001");
  EXPECT_FALSE(r.unit_ids.packed_only());
}

// A consumed table's values go before ranking: vetoed units (veto_rank: last, capped to the
// lowest grade by a condition on a column) are still ranked after the others, in their class too.
TEST(Evaluate, ConsumedTableRanksVetoedUnitsAsTheOtherForm) {
  const auto model = load_model_from_string(
      "id: v\nveto_rank: last\nindicators:\n"
      "  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
      "caps:\n  - {id: misuse, when: bad > 0, max_grade: 不合格, reason: 违规使用编制}\n",
      "m.yaml");
  const std::string csv = "id,name,class,a,bad\nU1,甲,A,95,1\nU2,乙,A,90,0\nU3,丙,B,80,0\nU4,丁,B,70,1\nU5,戊,A,60,0\n";
  const Table kept = parse_table(csv, "t.csv", table_options(model));
  const Plan plan = compile(model, kept);
  const ScoringResult copied = evaluate(plan, kept);
  Table consumed = parse_table(csv, "t.csv", table_options(model));
  const ScoringResult moved = evaluate(plan, std::move(consumed));
  EXPECT_EQ(consumed.values.size(), 0);
  // Not vetoed: U2 90, U3 80, U5 60 -> 1, 2, 3; vetoed: U1 95, U4 70 -> 4, 5.
  EXPECT_EQ(moved.rank, (std::vector<int>{4, 1, 2, 5, 3}));
  EXPECT_EQ(moved.class_rank, (std::vector<int>{3, 1, 1, 2, 2}));
  EXPECT_EQ(moved.rank, copied.rank);
  EXPECT_EQ(moved.class_rank, copied.class_rank);
  EXPECT_EQ(moved.grade, copied.grade);
  EXPECT_EQ(moved.grade_name(0), "不合格");
  EXPECT_EQ(moved.caps, (std::vector<std::vector<int>>{{0}, {}, {}, {0}, {}}));
}

// A result shares its table's ids and names instead of copying them, on any thread count; a
// change to the table afterwards (copy on write) leaves the result as it was, and evaluating
// another table into the same result shares that table's.
TEST(Evaluate, ResultsShareTheTablesIdsAndNames) {
  const auto model = load_model_from_string(
      "id: c\nweights: relative\nindicators:\n  - {id: a, value: a, rule: {type: linear, worst: 0, best: 10}}\n",
      "m.yaml");
  constexpr std::size_t n = 200000;
  auto table_of = [&](const char* prefix) {
    std::string csv = "id,name,a\n";
    for (std::size_t i = 0; i < n; ++i)
      csv += prefix + std::to_string(i) + ",单位名称比较长的第" + std::to_string(i) + "号事业单位," +
             std::to_string(i % 11) + "\n";
    return parse_table(csv, "t.csv");
  };
  Table first = table_of("u");
  const Table second = table_of("v");
  const Plan plan = compile(model, first);
  for (int threads : {1, 2}) {
    ScoringOptions options;
    options.threads = threads;
    ScoringResult r = evaluate(plan, first, options);
    ASSERT_EQ(r.unit_ids.size(), n);
    EXPECT_TRUE(r.unit_ids.shares(first.ids));
    EXPECT_TRUE(r.unit_names.shares(first.names));
    EXPECT_EQ(r.unit_ids[n - 1], "u199999");
    EXPECT_EQ(r.unit_names[70000], "单位名称比较长的第70000号事业单位");
    EXPECT_NEAR(r.total[70000], 70.0, 1e-9);  // a = 70000 % 11 = 7 of 10
    // The table changed after the evaluation: the result keeps the ids it was evaluated with.
    Table edited = first;
    edited.ids.edit()[5] = "changed";
    edited.names.edit()[5] = "改名";
    EXPECT_EQ(edited.ids[5], "changed");
    EXPECT_EQ(first.ids[5], "u5");
    EXPECT_EQ(r.unit_ids[5], "u5");
    EXPECT_EQ(r.unit_names[5], "单位名称比较长的第5号事业单位");
    EXPECT_FALSE(edited.ids.shares(r.unit_ids));
    evaluate(plan, edited, options, &r);
    EXPECT_EQ(r.unit_ids[5], "changed");
    EXPECT_EQ(r.unit_names[5], "改名");
    evaluate(plan, second, options, &r);
    EXPECT_TRUE(r.unit_ids.shares(second.ids));
    EXPECT_EQ(r.unit_ids[0], "v0");
    EXPECT_EQ(r.unit_names, second.names);
  }
}

// A table read with only the columns a model reads scores and checks exactly as a whole one.
TEST(ModelColumns, IndicatorsCapsAndFieldsThroughTheirHeaders) {
  const auto model = load_model_from_string(
      "id: c\nweights: relative\nfields:\n  est: {header: 核定编制数, min: 0}\n  spare: {max: 10}\n"
      "indicators:\n"
      "  - {id: a, value: actual / est, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, value: sat, rule: {type: linear, worst: 0, best: 100}}\n"
      "caps:\n  - {id: red_line, when: over > 0, max_grade: 良好, reason: 超编}\n",
      "m.yaml");
  // Each value and condition as it stands (a column of that header comes first), its variables,
  // fields through their headers, then every declared field.
  EXPECT_EQ(model_columns(model), (std::vector<std::string>{"actual / est", "actual", "est", "核定编制数", "sat",
                                                            "over > 0", "over", "spare"}));
  const std::string csv =
      "id,name,note,actual,核定编制数,sat,junk,over,spare\n"
      "u1,甲,memo1,30,40,80,abc,1,9\nu2,乙,memo2,20,20,60,1,0,3\nu3,丙,memo3,35,30,90,,0,4\n";
  const Table whole = parse_table(csv, "t.csv");
  TableOptions options;
  options.columns = model_columns(model);
  const Table slim = parse_table(csv, "t.csv", options);
  EXPECT_EQ(slim.columns, (std::vector<std::string>{"actual", "核定编制数", "sat", "over", "spare"}));
  EXPECT_EQ(whole.problems.size(), 4u);  // text in note and junk, which the model never reads
  EXPECT_TRUE(slim.problems.empty());
  const ScoringResult a = evaluate(compile(model, whole), whole);
  const ScoringResult b = evaluate(compile(model, slim), slim);
  EXPECT_EQ(a.total, b.total);
  EXPECT_EQ(a.rank, b.rank);
  EXPECT_EQ(a.grade, b.grade);
  EXPECT_EQ(a.caps, b.caps);
  EXPECT_EQ(b.caps, (std::vector<std::vector<int>>{{0}, {}, {}}));
  EXPECT_NEAR(b.total[2], 100.0 * (0.5 * 1.0 + 0.5 * 0.9), 1e-9);  // 35/30 above best: full marks
  // The declared field's bounds are checked on both: spare = 12 > 10.
  std::string bad = csv;
  bad.replace(bad.find(",1,9\n"), 5, ",1,12\n");
  const auto da = check_data(model, parse_table(bad, "t.csv")), db = check_data(model, parse_table(bad, "t.csv", options));
  ASSERT_EQ(db.size(), 1u);
  ASSERT_EQ(da.size(), 1u);
  EXPECT_EQ(da[0].to_string(), db[0].to_string());
  EXPECT_NE(db[0].to_string().find("must be <= 10"), std::string::npos) << db[0].to_string();
}

TEST(Rounding, HalfUpJudgesTheDecimalForm) {
  EXPECT_EQ(round_to(6.625, 2, RoundingMode::kHalfUp), 6.63);
  EXPECT_EQ(round_to(6.625, 2, RoundingMode::kHalfEven), 6.62);
  EXPECT_EQ(round_to(1.005, 2, RoundingMode::kHalfUp), 1.01);
  EXPECT_EQ(round_to(2.675, 2, RoundingMode::kHalfUp), 2.68);
  EXPECT_EQ(round_to(0.125, 2, RoundingMode::kHalfEven), 0.12);
  EXPECT_EQ(round_to(0.135, 2, RoundingMode::kHalfEven), 0.14);
  EXPECT_EQ(round_to(-1.005, 2, RoundingMode::kHalfUp), -1.01);
  EXPECT_EQ(round_to(82.5627, 2, RoundingMode::kHalfUp), 82.56);
  EXPECT_EQ(round_to(2.5, 0, RoundingMode::kHalfEven), 2.0);
  EXPECT_EQ(round_to(2.5, 0, RoundingMode::kHalfUp), 3.0);
}

TEST(Rounding, PointsFormulaSharedByWriters) {
  // The formula behind ScoringResult::points() and the score CSV: share x points, score / 100 x
  // points, rounded only under indicator rounding.
  RoundingPolicy none, r;
  r.scope = RoundingScope::kIndicator;
  r.decimals = 1;
  none.decimals = 1;
  EXPECT_EQ(ScoringResult::leaf_points(0.5, 8.0, none), 4.0);
  EXPECT_EQ(ScoringResult::leaf_points(0.1234, 50.0, none), 0.1234 * 50.0);
  EXPECT_EQ(ScoringResult::leaf_points(0.1234, 50.0, r), 6.2);
  EXPECT_EQ(ScoringResult::leaf_points(0.0017, 50.0, r), 0.1);  // 0.085 half up
  EXPECT_EQ(ScoringResult::group_points(75.0, 20.0, none), 15.0);
  EXPECT_EQ(ScoringResult::group_points(12.34, 50.0, r), 6.2);   // 6.17
  EXPECT_TRUE(std::isnan(ScoringResult::leaf_points(std::nan(""), 10.0, r)));
  EXPECT_EQ(ScoringResult::group_points(25.0, 1.0, r), 0.3);  // a tie, 0.25, half up
  r.mode = RoundingMode::kHalfEven;
  EXPECT_EQ(ScoringResult::group_points(25.0, 1.0, r), 0.2);  // and half even
}

TEST(Rounding, ScopeIndicatorRoundsEachLeafsPoints) {
  const std::string m =
      "id: r\nweights: points\nrounding: {scope: indicator, decimals: 1}\nindicators:\n"
      "  - {id: a, points: 50, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: b, points: 50, value: b, rule: {type: linear, worst: 0, best: 1}}\n";
  // a: 50 * 0.1234 = 6.17 -> 6.2; b: 50 * 0.0017 = 0.085 -> 0.1; total 6.3 (unrounded 6.255).
  const auto r = score(m, "id,a,b\nu1,0.1234,0.0017\n");
  EXPECT_NEAR(r.points(0, 0), 6.2, 1e-12);
  EXPECT_NEAR(r.total[0], 6.3, 1e-12);
  ScoringOptions opt;
  opt.rounding = RoundingPolicy{RoundingScope::kTotal, 1, RoundingMode::kHalfUp};
  EXPECT_NEAR(score(m, "id,a,b\nu1,0.1234,0.0017\n", opt).total[0], 6.3, 1e-12);
  opt.rounding = RoundingPolicy{RoundingScope::kNone, 1, RoundingMode::kHalfUp};
  EXPECT_NEAR(score(m, "id,a,b\nu1,0.1234,0.0017\n", opt).total[0], 6.255, 1e-12);
}

TEST(PeerGroups, OptionTurnsCohortsOff) {
  const std::string m = "id: p\nweights: points\nindicators:\n  - {id: a, points: 100, value: a, rule: {type: proportional}}\n";
  const char* data = "id,class,a\nu1,A,10\nu2,A,20\nu3,B,40\n";
  EXPECT_NEAR(score(m, data).total[1], 100, 1e-12);
  ScoringOptions opt;
  opt.peer_groups = false;
  EXPECT_NEAR(score(m, data, opt).total[1], 50, 1e-12);
}

TEST(Invariants, ReorderingIndicatorsChangesNothing) {
  const std::string m1 =
      "id: o\nweights: points\nindicators:\n"
      "  - {id: a, points: 40, value: a, rule: {type: minmax}}\n"
      "  - {id: b, points: 60, value: b, rule: {type: zscore}}\n";
  const std::string m2 =
      "id: o\nweights: points\nindicators:\n"
      "  - {id: b, points: 60, value: b, rule: {type: zscore}}\n"
      "  - {id: a, points: 40, value: a, rule: {type: minmax}}\n";
  const char* data = "id,a,b\nu1,1,7\nu2,5,3\nu3,2,9\nu4,8,1\n";
  const auto r1 = score(m1, data), r2 = score(m2, data);
  for (int i = 0; i < 4; ++i) EXPECT_EQ(r1.total[i], r2.total[i]);
  EXPECT_EQ(r1.rank, r2.rank);
}

TEST(Invariants, EqualRowsGetBitIdenticalScoresAnywhere) {
  const std::string m = "id: e\nweights: relative\nindicators:\n"
                        "  - {id: a, weight: 0.3, value: a, rule: {type: minmax}}\n"
                        "  - {id: b, weight: 0.7, value: b / c, rule: {type: zscore}}\n";
  std::string data = "id,a,b,c\n";
  for (int i = 0; i < 37; ++i)
    data += "u" + std::to_string(i) + "," + (i % 5 == 0 ? "3.3,7.1,1.7" : std::to_string(i) + ",2," + std::to_string(i + 1)) + "\n";
  const auto r = score(m, data);
  for (int i = 5; i < 37; i += 5) EXPECT_EQ(r.total[i], r.total[0]) << i;
  for (int i = 5; i < 37; i += 5) EXPECT_EQ(r.rank[static_cast<std::size_t>(i)], r.rank[0]);
}

TEST(Invariants, SameInputsGiveByteIdenticalOutput) {
  const std::string m = two_leaf_model("arithmetic");
  const char* data = "id,a,b\nu1,0.25,1\nu2,0.5,0.5\n";
  EXPECT_EQ(to_csv(score(m, data)), to_csv(score(m, data)));
  EXPECT_EQ(to_json(score(m, data)), to_json(score(m, data)));
}

TEST(Invariants, ThreadCountChangesNothing) {
  // Several evaluation blocks, missing values, imputation, classes, a formula and a cap.
  const std::string m = "id: thr\nweights: relative\nmissing: peer_median\nindicators:\n"
                        "  - {id: a, weight: 2, value: a, rule: {type: minmax}}\n"
                        "  - {id: b, weight: 1, value: a / b, rule: {type: zscore}, missing: skip}\n"
                        "  - {id: c, weight: 1, value: b, rule: {type: deduction, threshold: median, deduct: 2}}\n"
                        "caps: [{when: b > 5, max_grade: 良好}]\n";
  std::string data = "id,class,a,b\n";
  for (int i = 0; i < 70000; ++i)
    data += "u" + std::to_string(i) + "," + (i % 5 ? "P" : "Q") + "," + (i % 101 == 3 ? "" : std::to_string((i * 31) % 997)) +
            "," + (i % 211 == 7 ? "" : std::to_string(1 + i % 9)) + "\n";
  ScoringOptions one, many;
  one.threads = 1;
  many.threads = 4;
  const auto r1 = score(m, data, one), r4 = score(m, data, many);
  for (Eigen::Index i = 0; i < r1.total.size(); ++i) ASSERT_TRUE(same_value(r1.total[i], r4.total[i])) << i;
  EXPECT_EQ(r1.rank, r4.rank);
  EXPECT_EQ(r1.grade, r4.grade);
  EXPECT_EQ(r1.warnings, r4.warnings);
  EXPECT_EQ(to_csv(r1), to_csv(r4));
  // The same error, whatever the threads: the first failing unit in table order.
  std::string zeros = "id,a,b\n";
  for (int i = 0; i < 50000; ++i) zeros += "u" + std::to_string(i) + "," + (i == 20000 || i == 45000 ? "0" : "0.5") + ",1\n";
  for (int t : {1, 3})
    try {
      ScoringOptions o;
      o.threads = t;
      score(two_leaf_model("geometric"), zeros, o);
      ADD_FAILURE() << "no error with " << t << " threads";
    } catch (const ComputeError& e) {
      EXPECT_NE(std::string(e.what()).find("unit \"u20000\""), std::string::npos) << e.what();
    }
}

TEST(Output, StreamedCsvFileEqualsTheInMemoryCsv) {
  // More rows than one formatting chunk, so several threads format parts of the file.
  std::string data = "id,a,b\n";
  for (int i = 0; i < 40000; ++i) data += "u" + std::to_string(i) + "," + std::to_string(i % 97 / 97.0) + ",0.5\n";
  const auto r = score(two_leaf_model("arithmetic"), data);
  OutputOptions o;
  o.excel_bom = true;
  o.leaf_detail = true;
  const std::string path = ::testing::TempDir() + "streamed.csv";
  write_csv(r, path, o);
  std::ifstream in(path, std::ios::binary);
  const std::string file((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_EQ(file, to_csv(r, o));
  EXPECT_EQ(file.substr(0, 3), "\xEF\xBB\xBF");
  // The same bytes whatever the number of formatting threads.
  for (int threads : {1, 2, 3, 8}) {
    o.threads = threads;
    write_csv(r, path, o);
    std::ifstream again(path, std::ios::binary);
    EXPECT_EQ(std::string((std::istreambuf_iterator<char>(again)), std::istreambuf_iterator<char>()), file) << threads;
  }
  o.threads = -1;
  STAFFEVAL_EXPECT_THROW_MSG(write_csv(r, path, o), OptionsError, "OutputOptions::threads = -1: must be >= 0");
}

TEST(Output, StreamedJsonOnEveryCoreEqualsTheWholeText) {
  // More units than one chunk of the JSON writer (256 units), pretty and compact.
  std::string data = "id,a,b\n";
  for (int i = 0; i < 1000; ++i) data += "u" + std::to_string(i) + "," + std::to_string(i % 89 / 89.0) + ",0.5\n";
  const auto r = score(two_leaf_model("arithmetic"), data);
  const std::string path = ::testing::TempDir() + "streamed.json";
  for (int indent : {2, -1}) {
    const std::string whole = to_json(r, indent);
    EXPECT_NE(whole.find(indent < 0 ? "{\"id\":\"u999\"," : "\"id\": \"u999\","), std::string::npos);
    testing::expect_streamed(whole, path, [&](const auto& to, int threads) { write_json(r, to, indent, threads); });
  }
  STAFFEVAL_EXPECT_THROW_MSG(write_json(r, path, 2, -1), OptionsError, "threads = -1: must be >= 0");
}

TEST(Invariants, ContributionsSumToTheTotal) {
  const auto r = score(with_policy("skip"), kMissingData);
  for (std::size_t i = 0; i < r.size(); ++i) EXPECT_NEAR(r.contributions(i).sum(), r.total[static_cast<Eigen::Index>(i)], 1e-9);
  // Under replaced weights too: a = 1, b = 3 instead of 50 / 50.
  ScoringOptions o;
  o.edge_weights = Eigen::Vector2d(1, 3);
  const auto rw = score(with_policy("skip"), kMissingData, o);
  EXPECT_NEAR(rw.total[0], 0.25 * 20 + 0.75 * 80, 1e-12);
  for (std::size_t i = 0; i < rw.size(); ++i) EXPECT_NEAR(rw.contributions(i).sum(), rw.total[static_cast<Eigen::Index>(i)], 1e-9);
}

TEST(Invariants, LeanEvaluationGivesTheSameTotalsAndRanks) {
  // Enough units for several evaluation blocks, a missing value, a class column and a
  // percentile rule (scored over the whole cohort before the blocks).
  const std::string m = "id: lean\nweights: relative\nmissing: peer_mean\nindicators:\n"
                        "  - {id: G, weight: 1, aggregation: geometric, children: [\n"
                        "      {id: a, weight: 2, value: a, rule: {type: minmax, range: [10, 100]}},\n"
                        "      {id: b, weight: 1, value: a * b, rule: {type: percentile, range: [5, 100]}}]}\n"
                        "  - {id: c, weight: 1, value: c, rule: {type: zscore, direction: cost}, missing: skip}\n";
  std::string data = "id,class,a,b,c\n";
  for (int i = 0; i < 5000; ++i)
    data += "u" + std::to_string(i) + "," + (i % 3 ? "X" : "Y") + "," + (i % 97 == 5 ? "" : std::to_string((i * 37) % 101)) +
            "," + std::to_string(1 + i % 7) + "," + (i % 89 == 3 ? "" : std::to_string((i * 13) % 53)) + "\n";
  const auto full = score(m, data);
  ScoringOptions lean_opt;
  lean_opt.keep = Kept::kTotals;
  const auto lean = score(m, data, lean_opt);
  ASSERT_EQ(lean.leaf_shares.size(), 0);
  for (Eigen::Index i = 0; i < full.total.size(); ++i) ASSERT_TRUE(same_value(lean.total[i], full.total[i])) << i;
  EXPECT_EQ(lean.rank, full.rank);
  EXPECT_EQ(lean.class_rank, full.class_rank);
  for (Eigen::Index i = 0; i < full.group_scores.rows(); ++i)
    for (Eigen::Index g = 0; g < full.group_scores.cols(); ++g)
      ASSERT_TRUE(same_value(lean.group_scores(i, g), full.group_scores(i, g))) << i << " " << g;
  EXPECT_TRUE(std::isnan(lean.node_score(0, 1)));
  EXPECT_THROW(explain(lean, parse_table(data, "d.csv"), "u1"), OptionsError);
  ScoringOptions shares_opt;
  shares_opt.keep = Kept::kShares;
  const auto shares = score(m, data, shares_opt);
  EXPECT_EQ(shares.leaf_values.size(), 0);
  EXPECT_TRUE(shares.leaf_shares.cwiseEqual(full.leaf_shares).count() + full.leaf_shares.array().isNaN().count() ==
              full.leaf_shares.size());
  for (Eigen::Index i = 0; i < full.total.size(); ++i) ASSERT_TRUE(same_value(shares.total[i], full.total[i])) << i;
}

// Totals-only evaluations score complete min-max leaves inside their parent's weighted mean;
// totals and group scores must equal the full evaluation's bit for bit, whichever leaves
// qualify (here: G1's; not the DAG leaf s, nor G2 with its missing value and linear leaf).
TEST(Invariants, LeanMinMaxInsideTheMeanEqualsTheFullEvaluation) {
  const std::string m =
      "id: fused\nweights: relative\nindicators:\n"
      "  - {id: G1, weight: 2, children: [\n"
      "      {id: a, weight: 1, value: a, rule: {type: minmax}},\n"
      "      {id: b, weight: 3, value: b, rule: {type: minmax, direction: cost, range: [20, 100]}}]}\n"
      "  - {id: G2, weight: 1, children: [\n"
      "      {id: c, weight: 1, value: c, rule: {type: minmax}},\n"
      "      {id: d, weight: 1, value: d, rule: {type: linear, worst: 0, best: 50}}]}\n"
      "  - {id: s, parents: {G1: 1, G2: 1}, value: a, rule: {type: minmax, direction: cost}}\n";
  std::string data = "id,a,b,c,d\n";
  for (int i = 0; i < 5000; ++i)
    data += "u" + std::to_string(i) + "," + std::to_string((i * 37) % 101) + "," +
            std::to_string(((i * 53) % 211) / 7.0) + "," + (i == 4321 ? "" : std::to_string((i * 11) % 31)) +
            "," + std::to_string(i % 50) + "\n";
  const auto full = score(m, data);
  ScoringOptions lean_opt;
  lean_opt.keep = Kept::kTotals;
  const auto lean = score(m, data, lean_opt);
  for (Eigen::Index i = 0; i < full.total.size(); ++i) {
    ASSERT_TRUE(same_value(lean.total[i], full.total[i])) << i;
    for (Eigen::Index g = 0; g < full.group_scores.cols(); ++g)
      ASSERT_EQ(lean.group_scores(i, g), full.group_scores(i, g)) << i << " " << g;
  }
  // u1: a = 37 (min 0, max 100), b = 7.571429 (53 / 7 to six places; min 0, max 30), s = cost
  // min-max of a.
  const double a = 37.0 / 100, b = 20 + 80 * (30 - 7.571429) / 30, s = 100 - 37;
  EXPECT_NEAR(lean.group_scores(1, 0), (100 * a + 3 * b + s) / 5, 1e-9);
  EXPECT_EQ(lean.rank, full.rank);
}

TEST(Options, InvalidOptionsNameFieldAndRule) {
  ScoringOptions opt;
  opt.rounding = RoundingPolicy{RoundingScope::kTotal, 14, RoundingMode::kHalfUp};
  STAFFEVAL_EXPECT_THROW_MSG(opt.validate(), OptionsError, "rounding.decimals = 14: must be in [0, 12]");
}

TEST(Reports, BriefAndFullReport) {
  const auto r = score(two_leaf_model("arithmetic"), "id,a,b\nu1,0.25,1\nu2,1,1\n");
  EXPECT_EQ(r.brief_report().rfind("scored 2 units on 2 indicators (1 classes); model agg", 0), 0u);
  const std::string full = r.full_report();
  EXPECT_LT(full.find("u2"), full.find("u1"));  // best first
  EXPECT_NE(full.find("81.25"), std::string::npos);
}

TEST(Explain, NamesRuleBranchAndInputs) {
  const auto model = load_model_from_string(two_leaf_model("arithmetic"), "m.yaml");
  const auto table = parse_table("id,a,b\nu1,0.25,1\n", "d.csv");
  const auto r = evaluate(compile(model, table), table);
  const Explanation e = explain(r, table, "u1");
  ASSERT_EQ(e.lines.size(), 3u);
  EXPECT_EQ(e.lines[1].node_id, "a");
  EXPECT_NEAR(e.lines[1].contribution, 6.25, 1e-12);
  EXPECT_NE(e.lines[1].branch.find("linear from 0 (0) to 1 (100)"), std::string::npos);
  EXPECT_NE(e.text().find("total 81.25 points"), std::string::npos);
  STAFFEVAL_EXPECT_THROW_MSG(explain(r, table, "zz"), DataError, "no unit with id \"zz\"");
}

}  // namespace
}  // namespace staffeval
