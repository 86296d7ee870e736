// What the command line needs from the library, tested as a binding would call it: decision
// matrices from tables, weight sets aligned by name, a panel's verdict, two periods matched by
// id, survey votes as memberships, one unit of an obstacle analysis.
#include <cmath>

#include "test_util.h"

namespace staffeval {
namespace {

TEST(DecisionMatrixFromTable, ColumnsIdsDirectionsAndLabels) {
  const Table t = parse_table("id,a,b,c\nu1,1,2,3\nu2,4,,6\n", "d.csv");
  const DecisionMatrix m = decision_matrix(t, {"c", "a"}, {Direction::kCost, Direction::kBenefit});
  EXPECT_EQ(m.criteria, (std::vector<std::string>{"c", "a"}));
  EXPECT_EQ(m.unit_ids, (std::vector<std::string>{"u1", "u2"}));
  EXPECT_EQ(m.values(0, 0), 3.0);
  EXPECT_EQ(m.values(1, 1), 4.0);
  EXPECT_EQ(m.directions[0], Direction::kCost);
  EXPECT_EQ(m.label(1), "d.csv:3: unit \"u2\"");
  EXPECT_EQ(m.label(0), t.unit_label(0));
  // A matrix made in code has no labels: messages number its rows.
  EXPECT_EQ(DecisionMatrix{}.label(6), "unit 7");
  // Every column a benefit by default; the blank cell stays missing.
  const DecisionMatrix all = decision_matrix(t, {"b"});
  EXPECT_EQ(all.directions, std::vector<Direction>{Direction::kBenefit});
  EXPECT_TRUE(std::isnan(all.values(1, 0)));
  STAFFEVAL_EXPECT_THROW_MSG(decision_matrix(t, {"a", "b"}, {Direction::kCost}), OptionsError,
                             "directions = 1 entries: must have one per column (2)");
  STAFFEVAL_EXPECT_THROW_MSG(decision_matrix(t, {"x"}), DataError, "column \"x\"");
  // The methods take it as they take its parts.
  const DecisionMatrix full = decision_matrix(t, {"a", "c"});
  MethodOptions o;
  o.method = Method::kTopsis;
  const MethodResult r1 = rank_alternatives(full, Eigen::Vector2d(1, 1), o);
  const MethodResult r2 = rank_alternatives(full.values, full.unit_ids, full.criteria, full.directions, Eigen::Vector2d(1, 1), o);
  EXPECT_EQ(r1.score, r2.score);
  EXPECT_EQ(r1.rank, (std::vector<int>{2, 1}));
}

// Taking the table over: its values become the matrix without a copy when the columns are the
// table's in its order, and are selected (the same values and checks) otherwise.
TEST(DecisionMatrixFromTable, TakesTheValuesOverWhenTheColumnsLineUp) {
  const Table t = parse_table("id,a,b,c\nu1,1,2,3\nu2,4,,6\n", "d.csv");
  Table whole = t;
  const double* data = whole.values.data();
  const DecisionMatrix moved = decision_matrix(std::move(whole), {"a", "b", "c"});
  EXPECT_EQ(moved.values.data(), data);
  const DecisionMatrix copied = decision_matrix(t, {"a", "b", "c"});
  EXPECT_TRUE(moved.values.isApprox(copied.values) || moved.values.hasNaN());
  for (Eigen::Index i = 0; i < 2; ++i)
    for (Eigen::Index j = 0; j < 3; ++j)
      EXPECT_TRUE(moved.values(i, j) == copied.values(i, j) || (std::isnan(moved.values(i, j)) && std::isnan(copied.values(i, j))));
  EXPECT_EQ(moved.unit_ids, copied.unit_ids);
  // The lines are taken over with the values: the labels are those of the table kept.
  for (std::size_t i = 0; i < 2; ++i) EXPECT_EQ(moved.label(i), copied.label(i));
  EXPECT_EQ(moved.label(1), "d.csv:3: unit \"u2\"");
  // A refused value names its unit by file and line, whether the table was taken or kept (the
  // gap on line 3 leaves that unit out; the refused one is on line 5).
  const Table negative = parse_table("id,a,b\nu1,1,2\nu2,,3\nu3,2,5\nu4,-4,1\n", "n.csv");
  ObjectiveOptions raw;
  raw.basis = WeightBasis::kRaw;
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(decision_matrix(negative, {"a", "b"}), raw), ComputeError,
                             "n.csv:5: unit \"u4\", column \"a\" = -4");
  STAFFEVAL_EXPECT_THROW_MSG(objective_weights(decision_matrix(Table(negative), {"a", "b"}), raw), ComputeError,
                             "n.csv:5: unit \"u4\", column \"a\" = -4");
  // Another order or a subset: selected, as from a table kept.
  Table again = t;
  const DecisionMatrix reordered = decision_matrix(std::move(again), {"c", "a"});
  EXPECT_EQ(reordered.values(0, 0), 3.0);
  EXPECT_EQ(reordered.values(1, 1), 4.0);
  EXPECT_EQ(reordered.values.cols(), 2);
  // The checks are select_columns()'s either way.
  STAFFEVAL_EXPECT_THROW_MSG(decision_matrix(Table(t), {"a", "b", "x"}), DataError, "column \"x\"");
  STAFFEVAL_EXPECT_THROW_MSG(decision_matrix(Table(t), {"a", "a", "c"}), DataError, "is asked for twice");
  const Table bad = parse_table("id,a,b\nu1,1,x\n", "e.csv");
  STAFFEVAL_EXPECT_THROW_MSG(decision_matrix(Table(bad), {"a", "b"}), DataError, "e.csv:2");
}

TEST(WeightSets, AlignedByNameNotPosition) {
  WeightResult a, b;
  a.method = "ahp";
  a.names = {"x", "y", "z"};
  a.weights = Eigen::Vector3d(0.5, 0.3, 0.2);
  b.method = "entropy";
  b.names = {"z", "x", "y"};
  b.weights = Eigen::Vector3d(0.6, 0.1, 0.3);
  EXPECT_EQ(weights_in_order(b, a.names, "b.json"), Eigen::Vector3d(0.1, 0.3, 0.6));
  CombineOptions o;
  o.alpha = 0.5;
  const WeightResult c = combine_weights({a, b}, o);
  EXPECT_EQ(c.names, a.names);
  EXPECT_NEAR(c.weights[0], 0.30, 1e-12);  // (0.5 + 0.1) / 2
  EXPECT_NEAR(c.weights[1], 0.30, 1e-12);  // (0.3 + 0.3) / 2
  EXPECT_NEAR(c.weights[2], 0.40, 1e-12);  // (0.2 + 0.6) / 2
  b.names[0] = "w";
  STAFFEVAL_EXPECT_THROW_MSG(combine_weights({a, b}, o), DataError, "weight set 2 (entropy): no weight for \"z\"");
  b.names.pop_back();
  STAFFEVAL_EXPECT_THROW_MSG(weights_in_order(b, a.names, "b.json"), DataError, "b.json: 2 elements, expected 3");
}

TEST(PanelVerdict, AijJudgesTheAggregateAipEveryExpert) {
  const JudgmentMatrix good = parse_judgment_matrix(",a,b,c\na,1,2,4\nb,1/2,1,2\nc,1/4,1/2,1\n", "good.csv");
  const JudgmentMatrix bad = parse_judgment_matrix(",a,b,c\na,1,3,1/3\nb,1/3,1,3\nc,3,1/3,1\n", "bad.csv");
  PanelOptions p;
  p.aggregation = PanelAggregation::kAip;
  const PanelResult aip = ahp_panel({good, bad}, p);
  EXPECT_FALSE(aip.consistent());
  EXPECT_EQ(aip.inconsistency().rfind("bad.csv: CR = 1.149", 0), 0u) << aip.inconsistency();
  p.aggregation = PanelAggregation::kAij;
  const PanelResult agreed = ahp_panel({good, good}, p);
  EXPECT_TRUE(agreed.consistent());
  EXPECT_EQ(agreed.inconsistency(), "");
}

TEST(MalmquistByTable, UnitsMatchedByIdInTheLaterOrder) {
  const Table before = parse_table("id,x,y\nb,2,2\na,1,1\nc,4,2\n", "2023.csv");
  const Table after = parse_table("id,x,y\na,1,2\nb,2,2\nd,1,1\n", "2024.csv");
  const MalmquistResult m = malmquist(before, after, {"x"}, {"y"});
  ASSERT_EQ(m.unit_ids, (std::vector<std::string>{"a", "b", "d"}));
  // The same as the matrix form with the earlier rows put in the later order.
  Eigen::MatrixXd x0(2, 1), y0(2, 1), x1(2, 1), y1(2, 1);
  x0 << 1, 2;
  y0 << 1, 2;
  x1 << 1, 2;
  y1 << 2, 2;
  const MalmquistResult ref = malmquist(x0, y0, x1, y1, {"a", "b"});
  EXPECT_DOUBLE_EQ(m.malmquist[0], ref.malmquist[0]);
  EXPECT_DOUBLE_EQ(m.malmquist[1], ref.malmquist[1]);
  EXPECT_TRUE(std::isnan(m.malmquist[2]));
  ASSERT_FALSE(m.warnings.empty());
  EXPECT_EQ(m.warnings[0], "1 unit(s) of 2024.csv are not in 2023.csv: no index for them");
}

TEST(VoteMemberships, ColumnsPerCriterionAndGrade) {
  const Table t = parse_table("id,q1:好,q1:差,q2:好,q2:差\nu1,3,1,,\nu2,0,4,2,0\n", "votes.csv");
  const auto m = vote_memberships(t, {"q1", "q2"}, {"好", "差"});
  ASSERT_EQ(m.size(), 2u);
  EXPECT_EQ(m[0](0, 0), 0.75);
  EXPECT_EQ(m[0](0, 1), 0.25);
  EXPECT_TRUE(std::isnan(m[0](1, 0)));  // no votes on q2: skipped, not a zero membership
  EXPECT_EQ(m[1](1, 0), 1.0);
  EXPECT_EQ(m[1](1, 1), 0.0);
  // A blank count beside counts is no count of nobody: located, not read as 0.
  const Table gap = parse_table("id,q1:好,q1:差\nu1,3,1\nu2,2,\n", "votes.csv");
  STAFFEVAL_EXPECT_THROW_MSG(vote_memberships(gap, {"q1"}, {"好", "差"}), DataError,
                             "votes.csv:3: unit \"u2\", column \"q1:差\": vote count missing");
  STAFFEVAL_EXPECT_THROW_MSG(vote_memberships(t, {"q3"}, {"好"}), DataError, "column \"q3:好\"");
}

TEST(ObstacleOnly, OneUnitKeepsItsOverallRank) {
  const auto r = testing::score("id: m\nweights: relative\nindicators:\n"
                                "  - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 10}}\n"
                                "  - {id: b, weight: 3, value: b, rule: {type: linear, worst: 0, best: 10}}\n",
                                "id,a,b\nu1,10,5\nu2,5,10\n");
  const ObstacleResult o = obstacle_degrees(r);
  const ObstacleResult one = o.only(0);
  EXPECT_EQ(one.unit_ids, std::vector<std::string>{"u1"});
  EXPECT_EQ(one.rank, std::vector<int>{2});
  EXPECT_EQ(one.degree.rows(), 1);
  EXPECT_EQ(one.degree(0, 1), 1.0);  // u1 lost points on b only
  EXPECT_EQ(one.lost_points(0, 1), o.lost_points(0, 1));
  STAFFEVAL_EXPECT_THROW_MSG(o.only(2), OptionsError, "ObstacleResult::only = 2: must be < 2");
}

}  // namespace
}  // namespace staffeval
