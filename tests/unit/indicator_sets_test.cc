// Benchmarking indicator sets: flattening a hierarchy into one level.
#include <cmath>

#include "test_util.h"

namespace staffeval {
namespace {

const std::string kEx = STAFFEVAL_EXAMPLES_DIR;

// The hierarchy and its flat model, both evaluated with missing values scored 0 (skipping one
// renormalises within its group in the hierarchy, over all indicators in the flat model).
void expect_same_scores(const IndicatorModel& model, const FlattenResult& flat, const Table& table) {
  ScoringOptions o;
  o.missing = MissingPolicy::kZero;
  const ScoringResult a = evaluate(compile(model, table), table, o);
  const ScoringResult b = evaluate(compile(flat.model, table), table, o);
  ASSERT_EQ(a.total.size(), b.total.size());
  for (Eigen::Index i = 0; i < a.total.size(); ++i) {
    SCOPED_TRACE(table.ids[static_cast<std::size_t>(i)]);
    EXPECT_NEAR(a.total[i], b.total[i], 1e-9);
    EXPECT_EQ(a.rank[static_cast<std::size_t>(i)], b.rank[static_cast<std::size_t>(i)]);
    EXPECT_EQ(a.grade[static_cast<std::size_t>(i)], b.grade[static_cast<std::size_t>(i)]);
  }
}

TEST(Flatten, ThreeLevelArithmeticModelScoresIdentically) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  const FlattenResult flat = flatten(model);
  EXPECT_TRUE(flat.exact);
  ASSERT_EQ(flat.indicators.size(), 28u);
  EXPECT_NEAR(flat.weights.sum(), 1.0, 1e-12);
  double points = 0;
  for (const auto& n : flat.model.nodes) {
    EXPECT_FALSE(n.group);
    ASSERT_EQ(n.parents.size(), 1u);
    EXPECT_EQ(n.parents[0].parent, "");
    points += n.parents[0].weight;
  }
  EXPECT_EQ(points, 100.0);
  EXPECT_TRUE(validate(flat.model).empty());
  // The note on skipped missing values (the model skips them).
  ASSERT_EQ(flat.notes.size(), 1u);
  EXPECT_NE(flat.notes[0].find("missing: skip"), std::string::npos);
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  expect_same_scores(model, flat, table);
  // Written out and read back, it is the same model.
  const IndicatorModel again = load_model_from_string(to_yaml(flat.model), "flat.yaml");
  expect_same_scores(model, FlattenResult{again, {}, {}, true, {}}, table);
}

// AHP between the dimensions, a panel, entropy on the data and rank order: flattened with the
// weights an evaluation used; the full marks written on the indicators are kept.
TEST(Flatten, WeightsFromMethodsAndDataAreTheEvaluationsOwn) {
  const IndicatorModel model = load_model(kEx + "/weighted.yaml");
  STAFFEVAL_EXPECT_THROW_MSG(flatten(model), OptionsError, "come from the data");
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  ScoringOptions o;
  o.missing = MissingPolicy::kZero;
  const ScoringResult evaluated = evaluate(compile(model, table), table, o);
  const FlattenResult flat = flatten(evaluated);
  EXPECT_TRUE(flat.exact);
  EXPECT_EQ(flat.indicators.size(), 11u);
  for (const auto& n : flat.model.nodes) EXPECT_FALSE(std::isnan(n.rule.full)) << n.id;
  expect_same_scores(model, flat, table);
}

// A group that is not a weighted arithmetic mean: the flat model approximates it, and says so.
TEST(Flatten, NonArithmeticGroupsAreNamed) {
  const IndicatorModel model = load_model_from_string(
      "id: geo\nweights: relative\nmissing: zero\nindicators:\n"
      "  - id: G\n    weight: 2\n    aggregation: geometric\n    children:\n"
      "      - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: B, value: b, weight: 3, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: C, value: c, weight: 2, rule: {type: linear, worst: 0, best: 100}}\n",
      "geo.yaml");
  const FlattenResult flat = flatten(model);
  EXPECT_FALSE(flat.exact);
  ASSERT_EQ(flat.notes.size(), 1u);
  EXPECT_NE(flat.notes[0].find("G is scored by a geometric mean"), std::string::npos) << flat.notes[0];
  // Effective weights: A 1/2 x 1/4, B 1/2 x 3/4, C 1/2.
  EXPECT_DOUBLE_EQ(flat.weights[0], 0.125);
  EXPECT_DOUBLE_EQ(flat.weights[1], 0.375);
  EXPECT_DOUBLE_EQ(flat.weights[2], 0.5);
}

}  // namespace
}  // namespace staffeval
