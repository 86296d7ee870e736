// Library-level checks of the rules in docs/robustness.md: missing formula inputs, undecided
// caps, data coverage, outputs that never overwrite inputs or leave partial files, numbers at the
// ends of the double range, AHP with large judgments and a bounded revision search.
#include <sys/stat.h>
#include <unistd.h>

#include <cmath>
#include <fstream>
#include <random>

#include "test_util.h"

namespace staffeval {
namespace {

using testing::fmt_double;
using testing::score;

const std::string kCapModel =
    "id: c\nweights: relative\nindicators:\n  - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 10}}\n"
    "grades:\n  - {name: 优秀, min: 90}\n  - {name: 良好, min: 80}\n  - {name: 合格, min: 0}\n"
    "caps:\n  - {id: red, when: x > y, max_grade: 良好";

TEST(MissingInputs, AFormulaWithAMissingInputIsMissingWhateverItsFunctions) {
  const std::string model = "id: f\nweights: relative\nmissing: zero\nindicators:\n"
                            "  - {id: v, weight: 1, value: \"2*max(0, x - y) + min(x, y) + (x > y)\", "
                            "rule: {type: linear, worst: 10, best: 0}}\n";
  ScoringOptions all;
  all.min_coverage = 0;  // score the units without data too, to see the policy at work
  const auto r = score(model, "id,x,y\nU1,1,2\nU2,,2\nU3,3,\n", all);
  // U1: 0 + 1 + 0 = 1 -> 90 points. U2 and U3: missing -> the zero policy, 0 points (muparser
  // would have given max(0, NaN - 2) = 0 and so a near-full score).
  EXPECT_DOUBLE_EQ(r.total[0], 90);
  EXPECT_TRUE(std::isnan(r.leaf_values(1, 0)));
  EXPECT_EQ(r.total[1], 0);
  EXPECT_EQ(r.total[2], 0);
  // With the default minimum coverage they have no data to be scored on.
  const auto d = score(model, "id,x,y\nU1,1,2\nU2,,2\nU3,3,\n");
  EXPECT_FALSE(d.scored(1));
  EXPECT_EQ(d.note(1), "not scored: data for 0% of the weight (minimum 50%)");
}

TEST(MissingInputs, ZeroReadsBlankInputsAsZeroForThatIndicator) {
  const std::string model = "id: f\nweights: relative\nindicators:\n"
                            "  - {id: v, weight: 1, value: 2*over + 3*divisions, missing_inputs: zero, "
                            "rule: {type: deduction, deduct: 1, floor: 0, full: 10}}\n";
  const auto r = score(model, "id,over,divisions\nU1,1,\nU2,,\n");
  EXPECT_EQ(r.leaf_values(0, 0), 2);  // 2*1 + 3*0
  EXPECT_EQ(r.leaf_values(1, 0), 0);
  EXPECT_DOUBLE_EQ(r.total[0], 80);
  EXPECT_DOUBLE_EQ(r.total[1], 100);
  // It round-trips.
  const auto m = load_model_from_string(model, "m.yaml");
  EXPECT_EQ(load_model_from_string(to_yaml(m), "again.yaml").nodes[0].missing_inputs, MissingInputs::kZero);
}

TEST(Caps, AnUndecidedCapIsRecordedAndFollowsIfMissing) {
  const std::string data = "id,a,x,y\nU1,10,1,\nU2,10,2,1\nU3,10,1,2\n";
  for (const auto& [mode, applied] : {std::pair{"skip", false}, std::pair{"apply", true}}) {
    const auto r = score(kCapModel + ", if_missing: " + mode + "}\n", data);
    ASSERT_EQ(r.unknown_caps.size(), 1u) << mode;
    EXPECT_EQ(r.unknown_caps[0].unit, 0u);
    EXPECT_EQ(r.unknown_caps[0].applied, applied);
    EXPECT_EQ(r.grade_name(0), applied ? "良好" : "优秀") << mode;
    EXPECT_EQ(r.grade_name(1), "良好");  // decided: x > y
    EXPECT_EQ(r.grade_name(2), "优秀");
    EXPECT_EQ(r.note(0), std::string("cap red (x > y) undecided, data missing: ") + (applied ? "applied" : "not applied"));
    EXPECT_EQ(r.note(1), "");
    ASSERT_FALSE(r.warnings.empty());
    EXPECT_NE(r.warnings.back().find(std::string("(if_missing: ") + mode + ")"), std::string::npos) << r.warnings.back();
  }
  STAFFEVAL_EXPECT_THROW_MSG(score(kCapModel + ", if_missing: fail}\n", data), DataError,
                             "d.csv:2: unit \"U1\", cap \"red\" (x > y): the condition cannot be decided (y missing)");
}

TEST(Coverage, UnitsBelowTheMinimumAreNotScoredAndLeaveTheCohorts) {
  const std::string model = "id: cov\nweights: relative\nindicators:\n"
                            "  - {id: a, weight: 3, value: a, rule: {type: minmax}}\n"
                            "  - {id: b, weight: 1, value: b, rule: {type: minmax}}\n";
  // T has only b (a quarter of the weight) and a huge b: were it in the cohort, U1's b would
  // score 0 instead of 100.
  const auto r = score(model, "id,a,b\nU1,1,5\nU2,3,1\nT,,1000\n");
  EXPECT_FALSE(r.scored(2));
  EXPECT_EQ(r.rank[2], 0);
  EXPECT_EQ(r.grade[2], -1);
  EXPECT_DOUBLE_EQ(r.coverage[2], 0.25);
  EXPECT_EQ(r.note(2), "not scored: data for 25% of the weight (minimum 50%)");
  EXPECT_EQ(r.brief_report().rfind("scored 2 of 3 units on 2 indicators", 0), 0u) << r.brief_report();
  EXPECT_DOUBLE_EQ(r.total[0], 25);   // a: 0, b: 100 (max of U1 and U2)
  EXPECT_DOUBLE_EQ(r.total[1], 75);   // a: 100, b: 0
  EXPECT_EQ(r.cohort_stats[1][0].max, 5);
  // By indicators, T has half: at the minimum, scored.
  ScoringOptions by_count;
  by_count.coverage_basis = CoverageBasis::kIndicators;
  EXPECT_TRUE(score(model, "id,a,b\nU1,1,5\nU2,3,1\nT,,1000\n", by_count).scored(2));
  ScoringOptions none;
  none.min_coverage = 0;
  EXPECT_TRUE(score(model, "id,a,b\nU1,1,5\nU2,3,1\nT,,1000\n", none).scored(2));
  ScoringOptions bad;
  bad.min_coverage = 1.5;
  STAFFEVAL_EXPECT_THROW_MSG(score(model, "id,a,b\nU1,1,5\n", bad), OptionsError, "ScoringOptions::min_coverage = 1.5");
}

// Coverage is worked out in blocks of units on every core: every unit gets its own share of the
// weight, and the units left out are the same, in the same order, whatever the thread count.
TEST(Coverage, EveryUnitOfALargeTableGetsItsOwnCoverageOnAnyThreadCount) {
  const std::string model = "id: cov\nweights: relative\nindicators:\n"
                            "  - {id: a, weight: 3, value: a, rule: {type: minmax}}\n"
                            "  - {id: b, weight: 1, value: b, rule: {type: minmax}}\n";
  const int n = 150000;  // three blocks of 65,536 units and a part of one
  std::string csv = "id,a,b\n";
  for (int i = 0; i < n; ++i)
    csv += "U" + std::to_string(i) + "," + (i % 3 == 0 ? "" : std::to_string(i % 7)) + "," +
           (i % 5 == 0 ? "" : std::to_string(i % 11)) + "\n";
  for (int threads : {1, 2, 3}) {
    ScoringOptions options;
    options.threads = threads;
    const auto r = score(model, csv, options);
    ASSERT_EQ(r.coverage.size(), n);
    int left_out = 0;
    for (int i = 0; i < n; ++i) {
      const double want = (i % 3 == 0 ? 0.0 : 0.75) + (i % 5 == 0 ? 0.0 : 0.25);
      ASSERT_EQ(r.coverage[i], want) << "unit " << i << ", threads " << threads;
      ASSERT_EQ(r.scored(static_cast<std::size_t>(i)), i % 3 != 0) << "unit " << i << ", threads " << threads;
      left_out += i % 3 == 0;
    }
    EXPECT_EQ(r.brief_report().rfind("scored " + std::to_string(n - left_out) + " of " + std::to_string(n) + " units", 0), 0u) << r.brief_report();
  }
}

TEST(Outputs, NeverOverAnInputAndNeverPartial) {
  const std::string dir = ::testing::TempDir();
  const std::string a = dir + "same_a.csv", link = dir + "same_link.csv";
  { std::ofstream(a) << "x"; }
  ::unlink(link.c_str());
  ASSERT_EQ(::symlink(a.c_str(), link.c_str()), 0);
  EXPECT_TRUE(same_file(a, link));
  EXPECT_TRUE(same_file(a, dir + "./same_a.csv"));
  EXPECT_FALSE(same_file(a, dir + "nonexistent.csv"));
  STAFFEVAL_EXPECT_THROW_MSG(write_file_atomic(dir + "no/such/folder/out.csv", "data"), OutputError,
                             "cannot create the output file: No such file or directory");
  STAFFEVAL_EXPECT_THROW_MSG(write_file_atomic(dir, "data"), OutputError, "it is a folder");
  // A replaced file keeps its permissions.
  const std::string p = dir + "perm.csv";
  { std::ofstream(p) << "old"; }
  ASSERT_EQ(::chmod(p.c_str(), 0640), 0);
  write_file_atomic(p, "new");
  struct stat st {};
  ASSERT_EQ(::stat(p.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 0777, 0640u);
}

TEST(Numbers, ValuesBeyondTheRangeAreLocatedErrors) {
  const Table t = parse_table("id,x\nU1,1e300\nU2,-1.5e300\n", "d.csv");
  ASSERT_EQ(t.problems.size(), 1u);
  EXPECT_EQ(t.problems[0].to_string(),
            "d.csv:3: unit \"U2\", column \"x\" = -1.5e300: beyond ±1e300, the range of values staffeval computes with");
  STAFFEVAL_EXPECT_THROW_MSG(rank_alternatives(testing::rows({{1, 2}, {3e300, 4}}), {"u1", "u2"}, {"a", "b"},
                                               {Direction::kBenefit, Direction::kBenefit}, Eigen::Vector2d(1, 1), {}),
                             DataError, "unit \"u2\", criterion \"a\" = 3e+300: beyond ±1e300");
}

TEST(Numbers, ZScoresAndMinMaxAtTheEndsOfTheRange) {
  const std::string model = "id: z\nweights: relative\nindicators:\n"
                            "  - {id: z, weight: 1, value: v, rule: {type: zscore, cohort: all}}\n"
                            "  - {id: m, weight: 1, value: v, rule: {type: minmax, cohort: all}}\n";
  // Symmetric values: mean 0, z = +-1 -> 60 and 40; min-max 100, 0, 50.
  for (double s : {1.0, 1e300, 1e-300, 1e-310}) {
    const std::string data = "id,v\nU1," + fmt_double(s) + "\nU2," + fmt_double(-s) + "\nU3,0\n";
    const auto r = score(model, data);
    EXPECT_NEAR(r.total[0], 80, 1e-9) << s;
    EXPECT_NEAR(r.total[1], 20, 1e-9) << s;
    EXPECT_NEAR(r.total[2], 50, 1e-9) << s;
  }
}

TEST(Ahp, LargeJudgmentsGiveTheExactLambdaAndNeverANegativeCr) {
  // For a 3 x 3 reciprocal matrix lambda_max = 1 + r^(1/3) + r^(-1/3) with r = a13 / (a12 a23).
  for (double a : {9.0, 1e3, 1e6, 1e9}) {
    JudgmentMatrix m;
    m.file = "m.csv";
    m.names = {"a", "b", "c"};
    m.values = testing::rows({{1, a, 2}, {1 / a, 1, 3}, {0.5, 1.0 / 3, 1}});
    const AhpResult r = ahp(m);
    const double q = std::cbrt(a * 3 / 2);
    EXPECT_NEAR(r.lambda_max, 1 + q + 1 / q, 1e-9 * (1 + q)) << a;
    EXPECT_GE(r.cr, 0) << a;
    EXPECT_NEAR(r.weights.sum(), 1, 1e-12);
  }
  JudgmentMatrix big;
  big.file = "m.csv";
  big.names = {"a", "b"};
  big.values = testing::rows({{1, 1e10}, {1e-10, 1}});
  STAFFEVAL_EXPECT_THROW_MSG(ahp(big), DataError, "= 1e+10: beyond the range of judgments staffeval accepts (1e-9 to 1e9)");
  // A consistent matrix of large ratios: CR exactly 0.
  JudgmentMatrix consistent;
  consistent.file = "m.csv";
  consistent.names = {"a", "b", "c"};
  consistent.values = testing::rows({{1, 1e4, 1e8}, {1e-4, 1, 1e4}, {1e-8, 1e-4, 1}});
  EXPECT_EQ(ahp(consistent).cr, 0);
}

TEST(Ahp, TheRevisionSearchIsBoundedAndNeverRunsWhileScoring) {
  std::mt19937 rng(3);
  const double scale[] = {1.0 / 9, 1.0 / 7, 1.0 / 5, 1.0 / 3, 1, 3, 5, 7, 9};
  const int n = 30;
  JudgmentMatrix m;
  m.file = "r.csv";
  m.values.resize(n, n);
  for (int i = 0; i < n; ++i) {
    m.names.push_back("e" + std::to_string(i));
    m.values(i, i) = 1;
    for (int j = i + 1; j < n; ++j) {
      m.values(i, j) = scale[rng() % 9];
      m.values(j, i) = 1 / m.values(i, j);
    }
  }
  const AhpResult r = ahp(m);
  EXPECT_FALSE(r.consistent);
  EXPECT_LE(r.revision.size(), static_cast<std::size_t>(n));
  // In a model with allow_inconsistent the weights are used as they are, with no search.
  std::string yaml = "id: w\nweights: relative\nweighting:\n  method: ahp\n  allow_inconsistent: true\n  matrix:\n";
  for (int i = 0; i < n; ++i) {
    yaml += "    - [";
    for (int j = 0; j < n; ++j) yaml += (j ? ", " : "") + fmt_double(m.values(i, j));
    yaml += "]\n";
  }
  yaml += "indicators:\n";
  for (int i = 0; i < n; ++i) yaml += "  - {id: i" + std::to_string(i) + ", value: v, rule: {type: linear, worst: 0, best: 10}}\n";
  const auto s = score(yaml, "id,v\nU1,5\nU2,10\n");
  ASSERT_EQ(s.weightings.size(), 1u);
  EXPECT_FALSE(s.weightings[0].consistent);
  EXPECT_DOUBLE_EQ(s.total[1], 100);
}

}  // namespace
}  // namespace staffeval
