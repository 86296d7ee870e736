// Benchmarking indicator sets: flattening a hierarchy into one level; comparing two evaluations
// (correlations and kappa by hand with ties, r_w and WS against a published example).
#include <cmath>

#include <fmt/format.h>

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

namespace staffeval {
namespace {

Ranking ranks(const std::string& label, const std::vector<std::string>& ids, const std::vector<double>& r) {
  Ranking x;
  x.label = label;
  x.unit_ids = ids;
  x.value = r;
  x.higher_is_better = false;
  return x;
}

// Ties in both: a = 1, 2, 2, 4, 5, 6 against b = 2, 1, 3, 3, 5, 6 (by hand: 15 pairs, one tied in
// each, 12 concordant and 1 discordant of the other 13: C - D = 11).
TEST(Compare, CorrelationsWithTiesByHand) {
  const std::vector<std::string> ids{"u1", "u2", "u3", "u4", "u5", "u6"};
  CompareOptions o;
  o.bootstrap = 0;
  o.top_k = 2;
  const Comparison c = compare(ranks("a", ids, {1, 2, 2, 4, 5, 6}), ranks("b", ids, {2, 1, 3, 3, 5, 6}), o);
  EXPECT_EQ(c.rank_a, (std::vector<double>{1, 2.5, 2.5, 4, 5, 6}));
  EXPECT_EQ(c.rank_b, (std::vector<double>{2, 1, 3.5, 3.5, 5, 6}));
  EXPECT_NEAR(c.kendall_tau_a, 11.0 / 15, 1e-15);
  EXPECT_NEAR(c.kendall_tau_b, 11.0 / 14, 1e-15);  // sqrt((15 - 1)(15 - 1))
  EXPECT_NEAR(c.gamma, 11.0 / 13, 1e-15);
  EXPECT_NEAR(c.spearman, 0.8676470588235294, 1e-12);  // Pearson of the average ranks
  EXPECT_NEAR(c.mean_abs_rank_shift, (1 + 1.5 + 1 + 0.5 + 0 + 0) / 6, 1e-15);
  EXPECT_EQ(c.max_abs_rank_shift, 1.5);
  // Top 2: a {u1, u2, u3} (u2 and u3 tie at 2), b {u1, u2}: 2 in both, of 3.
  EXPECT_EQ(c.top_k_common, 2u);
  EXPECT_NEAR(c.top_k_overlap, 2.0 / 3, 1e-15);
  EXPECT_TRUE(c.grade_names.empty());
  EXPECT_TRUE(std::isnan(c.kappa));
}

// Paradowski, Bączkiewicz & Watrąbski (2021), Procedia Computer Science 192, 1347-1358: two
// rankings of 12 alternatives with r_w 0.96 and WS 0.90 (exactly 163/169 and 3571/3960 here).
TEST(Compare, WeightedRankAndWsAgainstThePublishedExample) {
  std::vector<std::string> ids;
  for (int i = 1; i <= 12; ++i) ids.push_back("a" + std::to_string(i));
  CompareOptions o;
  o.bootstrap = 0;
  const Comparison c = compare(ranks("x", ids, {7, 11, 2, 1, 4, 9, 6, 3, 5, 10, 8, 12}),
                               ranks("y", ids, {7, 11, 3, 2, 4, 9, 6, 1, 5, 10, 8, 12}), o);
  EXPECT_NEAR(c.weighted_rank, 163.0 / 169, 1e-12);
  EXPECT_NEAR(c.ws, 3571.0 / 3960, 1e-12);
  EXPECT_EQ(std::round(c.weighted_rank * 100) / 100, 0.96);
  EXPECT_EQ(std::round(c.ws * 100) / 100, 0.90);
}

// Cohen's kappa by hand on 10 units in 3 grades: agreement 0.7, chance 0.34, kappa 0.36 / 0.66;
// linear weights: 0.8 against 0.55, kappa 0.25 / 0.45.
TEST(Compare, GradeAgreementAndKappaByHand) {
  std::vector<std::string> ids;
  std::vector<double> score;
  for (int i = 0; i < 10; ++i) {
    ids.push_back("u" + std::to_string(i));
    score.push_back(100 - i);
  }
  Ranking a, b;
  a.label = "a";
  b.label = "b";
  a.unit_ids = b.unit_ids = ids;
  a.value = b.value = score;
  a.grade_names = b.grade_names = {"A", "B", "C"};
  a.grade = {"A", "A", "A", "B", "B", "B", "C", "C", "C", "C"};
  b.grade = {"A", "A", "B", "B", "B", "C", "C", "C", "C", "A"};
  CompareOptions o;
  o.bootstrap = 200;
  const Comparison c = compare(a, b, o);
  EXPECT_NEAR(c.grade_agreement, 0.7, 1e-15);
  EXPECT_NEAR(c.kappa, 0.36 / 0.66, 1e-12);
  EXPECT_NEAR(c.kappa_linear, 0.25 / 0.45, 1e-12);
  EXPECT_EQ(c.grade_changes, (std::vector<std::size_t>{2, 5, 9}));
  EXPECT_EQ(c.grade_table(2, 0), 1);
  EXPECT_LE(c.kappa_interval.low, c.kappa);
  EXPECT_GE(c.kappa_interval.high, c.kappa);
  EXPECT_EQ(c.spearman, 1);  // the scores are the same
}

// A model against itself: every coefficient 1, no shift, no grade change; units scored by one
// side only are listed, not compared; duplicates and too few units are refused.
TEST(Compare, AModelAgainstItself) {
  const IndicatorModel model = load_model(kEx + "/single-level.yaml");
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  const ScoringResult r = evaluate(compile(model, table), table);
  const Comparison c = compare(ranking_of(r, "a"), ranking_of(r, "b"));
  EXPECT_EQ(c.spearman, 1);
  EXPECT_EQ(c.kendall_tau_b, 1);
  EXPECT_EQ(c.gamma, 1);
  EXPECT_EQ(c.weighted_rank, 1);
  EXPECT_EQ(c.ws, 1);
  EXPECT_EQ(c.kappa, 1);
  EXPECT_EQ(c.kappa_linear, 1);
  EXPECT_EQ(c.mean_abs_rank_shift, 0);
  EXPECT_EQ(c.top_k_overlap, 1);
  EXPECT_TRUE(c.grade_changes.empty());
  EXPECT_EQ(c.spearman_interval.low, 1);
  Ranking fewer = ranking_of(r, "b");
  fewer.value[0] = std::numeric_limits<double>::quiet_NaN();
  EXPECT_EQ(compare(ranking_of(r, "a"), fewer).only_a, (std::vector<std::string>{r.unit_ids[0]}));
  Ranking twice = ranking_of(r, "twice");
  twice.unit_ids[1] = twice.unit_ids[0];
  STAFFEVAL_EXPECT_THROW_MSG(compare(ranking_of(r, "a"), twice), DataError, "appears twice");
  STAFFEVAL_EXPECT_THROW_MSG(compare(ranks("a", {"x", "y"}, {1, 2}), ranks("b", {"x", "y"}, {2, 1})), DataError,
                             "at least 3 are needed");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// A duplicate is flagged, a constant indicator does not discriminate, and Cronbach's alpha of a
// two-item group by hand: items 10, 50, 90 and 20, 40, 90 (variances 1600 and 1300, their sums'
// 5700): alpha = 2 (1 - 2900 / 5700).
TEST(Redundancy, DuplicatesConstantsAndAlphaByHand) {
  const IndicatorModel model = load_model_from_string(
      "id: red\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 2\n    children:\n"
      "      - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: C, value: c, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: D, value: d, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n",
      "red.yaml");
  const Table table = parse_table("id,a,b,c,d\nu1,10,20,50,10\nu2,50,40,50,50\nu3,90,90,50,90\n", "red.csv");
  RedundancyOptions o;
  const RedundancyResult r = redundancy(compile(model, table), table, o);
  ASSERT_EQ(r.indicators, (std::vector<std::string>{"A", "B", "C", "D"}));
  // A and D are the same column; A and B rank the three units alike (Spearman 1) too.
  const auto ad = std::find_if(r.flagged.begin(), r.flagged.end(), [](const auto& p) { return p.a == 0 && p.b == 3; });
  ASSERT_NE(ad, r.flagged.end());
  EXPECT_NEAR(ad->pearson, 1, 1e-12);
  EXPECT_NEAR(ad->spearman, 1, 1e-12);
  for (const auto& p : r.flagged) EXPECT_NE(p.b, 2u);  // C correlates with nothing
  EXPECT_TRUE(std::isnan(r.pearson(0, 2)));  // C has no spread
  EXPECT_EQ(r.weak, (std::vector<std::size_t>{2}));
  EXPECT_EQ(r.sd[2], 0);
  const auto g = std::find_if(r.alphas.begin(), r.alphas.end(), [](const auto& x) { return x.group == "G"; });
  ASSERT_NE(g, r.alphas.end());
  EXPECT_EQ(g->units, 3u);
  EXPECT_NEAR(g->alpha, 2 * (1 - 2900.0 / 5700), 1e-12);
  EXPECT_NEAR(r.explained.sum(), 1, 1e-12);
  ASSERT_TRUE(r.has_removal);
  EXPECT_EQ(r.removal.removed.size(), 4u);  // indicators only
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// The slim model against the full one: each model's burden, the indicators matched by the raw
// fields they read (B1.1 and S01 read the same two), and a mapping in their place.
TEST(Compare, BurdenAndCorrespondenceOfTwoModels) {
  const IndicatorModel full = load_model(kEx + "/three-level.yaml"), slim = load_model(kEx + "/single-level.yaml");
  const Table table = load_table(kEx + "/units.csv", table_options(full));
  CompareOptions o;
  o.bootstrap = 0;
  const Comparison c = compare(evaluate(compile(full, table), table), "full", evaluate(compile(slim, table), table), "slim", o);
  ASSERT_TRUE(c.has_burden);
  EXPECT_EQ(c.burden_a.indicators, 28u);
  EXPECT_EQ(c.burden_b.indicators, 11u);
  double minutes = 0;  // the slim model's fields, each counted once
  for (const auto& f : c.burden_b.fields) minutes += slim.fields[static_cast<std::size_t>(slim.find_field(f))].cost_minutes;
  EXPECT_EQ(c.burden_b.minutes_per_unit, minutes);
  EXPECT_EQ(c.correspondence_from, "shared fields");
  auto matched = [&](const std::string& a, const std::string& b) {
    return std::any_of(c.correspondence.begin(), c.correspondence.end(), [&](const auto& m) { return m.a == a && m.b == b; });
  };
  EXPECT_TRUE(matched("B1.1", "S01"));
  EXPECT_TRUE(matched("D1.1", "S11"));
  EXPECT_FALSE(matched("B1.1", "S06"));  // one shared field of three: not the best match
  Comparison mapped = c;
  set_correspondence(mapped, {{"A1.1", "S02"}, {"B2.1", ""}}, {"m.csv:2", "m.csv:3"}, "m.csv");
  ASSERT_EQ(mapped.correspondence.size(), 1u);
  EXPECT_EQ(mapped.correspondence_from, "m.csv");
  EXPECT_EQ(mapped.unmatched_b.size(), 10u);
  STAFFEVAL_EXPECT_THROW_MSG(set_correspondence(mapped, {{"Z9", "S01"}}, {"m.csv:2"}, "m.csv"), DataError,
                             "m.csv:2: \"Z9\" is not an indicator of full");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// Reduce on synthetic data: three independent signals A, B, C, an exact duplicate D of A and a
// pure-noise N that barely moves (50 +- 1 on a 0-100 scale). The noise goes first, then one of
// the duplicates (which saves no collection time: the other still reads the field); C is pinned
// and never goes.
TEST(Reduce, NoiseAndDuplicatesGoFirstPinnedStay) {
  const IndicatorModel model = load_model_from_string(
      "id: syn\nweights: relative\n"
      "fields:\n  a: {cost_minutes: 10}\n  b: {cost_minutes: 10}\n  c: {cost_minutes: 10}\n  n: {cost_minutes: 10}\n"
      "indicators:\n"
      "  - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: C, value: c, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: D, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: N, value: n, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n",
      "syn.yaml");
  std::uint64_t state = 99;
  auto next = [&] {
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  std::string csv = "id,a,b,c,n\n";
  for (int i = 0; i < 80; ++i)
    csv += fmt::format("u{},{:.2f},{:.2f},{:.2f},{:.2f}\n", i, 100 * next(), 100 * next(), 100 * next(), 49 + 2 * next());
  const Table table = parse_table(csv, "syn.csv");
  ReduceOptions o;
  o.pinned = {"C"};
  o.folds = 0;
  o.min_tau_b = 0.8;
  o.min_grade_agreement = 0.7;
  const ReduceResult r = reduce(compile(model, table), table, o);
  EXPECT_EQ(r.search, "exhaustive");
  EXPECT_EQ(r.evaluated, 16u);  // 2^4 sets of the four removable indicators
  ASSERT_EQ(r.removed.size(), 4u);
  EXPECT_EQ(r.removed[0], "N");
  EXPECT_TRUE(r.removed[1] == "A" || r.removed[1] == "D") << r.removed[1];
  EXPECT_EQ(r.trajectory[1].minutes_per_unit, r.trajectory[0].minutes_per_unit);  // the field is still read
  EXPECT_EQ(std::count(r.removed.begin(), r.removed.end(), "C"), 0);
  EXPECT_EQ(r.reference.tau_b, 1);
  ASSERT_TRUE(r.found);
  EXPECT_EQ(std::count(r.chosen.indicators.begin(), r.chosen.indicators.end(), "N"), 0);
  EXPECT_EQ(std::count(r.chosen.indicators.begin(), r.chosen.indicators.end(), "C"), 1);
  EXPECT_GE(r.chosen.tau_b, 0.8);
  // The chosen model is a valid single-level model of its indicators.
  EXPECT_EQ(r.model.nodes.size(), r.chosen.indicators.size());
  EXPECT_TRUE(validate(r.model).empty());
  // Cross-validation: a held-out fidelity per fold.
  o.folds = 4;
  const ReduceResult cv = reduce(compile(model, table), table, o);
  EXPECT_EQ(cv.fold_tau_b.size(), 4u);
  EXPECT_FALSE(std::isnan(cv.cv_tau_b));
  // A second data set: the chosen model evaluated on it against the reference. The same units
  // again give the fidelity the search measured (the written model scores as the set did).
  o.folds = 0;
  const ReduceResult again = reduce(compile(model, table), table, table, o);
  ASSERT_TRUE(again.has_holdout);
  EXPECT_NEAR(again.holdout_tau_b, again.chosen.tau_b, 1e-12);
  EXPECT_NEAR(again.holdout_grade_agreement, again.chosen.grade_agreement, 1e-12);
  o.pinned = {"Z"};
  STAFFEVAL_EXPECT_THROW_MSG(reduce(compile(model, table), table, o), OptionsError, "is not an indicator of syn");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

const std::string kModels = STAFFEVAL_EXAMPLES_DIR;

// A leaf under two groups of a points model: its full marks are its points in both (10), which
// the flat model keeps when it gives the leaf its effective weight.
TEST(Flatten, ALeafUnderTwoGroupsOfAPointsModelKeepsItsFullMarks) {
  const IndicatorModel model = load_model_from_string(
      "id: dag\nweights: points\ntotal: 100\nmissing: zero\nindicators:\n"
      "  - id: G1\n    points: 50\n    children:\n"
      "      - {id: Y, value: y, points: 30, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - id: G2\n    points: 50\n    children:\n"
      "      - {id: Z, value: z, points: 40, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: X, value: x, parents: {G1: 20, G2: 10}, rule: {type: linear, worst: 0, best: 100}}\n",
      "dag.yaml");
  const FlattenResult flat = flatten(model);
  ASSERT_EQ(flat.model.nodes[2].id, "X");
  EXPECT_EQ(flat.model.nodes[2].rule.full, 30.0);
  const Table table = parse_table("id,x,y,z\nu1,50,100,0\nu2,100,0,25\nu3,10,60,90\n", "dag.csv");
  expect_same_scores(model, flat, table);
}

// Relative weights: A (0.6: a1, a2 equal) and B (0.4: b1). Without a1, a2 takes A's whole
// weight (renormalised within its group), not a share of the model's.
TEST(WithoutIndicators, WrittenWeightsRenormaliseWithinTheirGroup) {
  const IndicatorModel model = load_model_from_string(
      "id: rel\nweights: relative\nindicators:\n"
      "  - id: A\n    weight: 0.6\n    children:\n"
      "      - {id: a1, value: x, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "      - {id: a2, value: y, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - id: B\n    weight: 0.4\n    children:\n"
      "      - {id: b1, value: z, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n",
      "rel.yaml");
  const IndicatorModel pruned = without_indicators(model, {"a1"});
  EXPECT_TRUE(validate(pruned).empty());
  const ModelWeights w = model_weights(pruned);
  ASSERT_EQ(w.node_ids, (std::vector<std::string>{"A", "a2", "B", "b1"}));
  EXPECT_DOUBLE_EQ(w.global[1], 0.6);
  EXPECT_DOUBLE_EQ(w.global[3], 0.4);
  // Without both of A's children, A goes too and B carries everything.
  const IndicatorModel only_b = without_indicators(model, {"a1", "a2"});
  ASSERT_EQ(only_b.nodes.size(), 2u);
  EXPECT_EQ(only_b.nodes[0].id, "B");
  EXPECT_DOUBLE_EQ(model_weights(only_b).global[1], 1.0);
  STAFFEVAL_EXPECT_THROW_MSG(without_indicators(model, {"a1", "a2", "b1"}), OptionsError, "without any indicator");
  STAFFEVAL_EXPECT_THROW_MSG(without_indicators(model, {"A"}), OptionsError, "is a group of rel");
  STAFFEVAL_EXPECT_THROW_MSG(without_indicators(model, {"q"}), OptionsError, "is not an indicator of rel");
}

// Points: the group keeps its points, its remaining children are scaled to them, and each
// leaf's marks keep their scale (full marks made explicit), so a unit's share of a kept
// indicator is unchanged and the group's score is the mean of what is left.
TEST(WithoutIndicators, PointsModelKeepsGroupPointsAndFullMarks) {
  const IndicatorModel model = load_model(kModels + "/three-level.yaml");
  const Table table = load_table(kModels + "/units.csv", table_options(model));
  const IndicatorModel pruned = without_indicators(model, {"A1.1"});
  EXPECT_TRUE(validate(pruned).empty());
  EXPECT_EQ(pruned.nodes.size(), model.nodes.size() - 1);
  const ModelWeights before = model_weights(model), after = model_weights(pruned);
  auto points = [](const ModelWeights& w, const std::string& id) {
    const auto k = std::find(w.node_ids.begin(), w.node_ids.end(), id) - w.node_ids.begin();
    return w.points[k];
  };
  // Groups keep their points; A1.1's sibling(s) in A1 take its points.
  for (const char* g : {"A", "A1", "A2", "B", "C", "D"}) EXPECT_NEAR(points(after, g), points(before, g), 1e-9) << g;
  double siblings = 0;
  for (const auto& n : model.nodes)
    if (!n.parents.empty() && n.parents[0].parent == "A1" && n.id != "A1.1") siblings += points(before, n.id);
  for (const auto& n : model.nodes) {
    if (n.parents.empty() || n.parents[0].parent != "A1" || n.id == "A1.1") continue;
    EXPECT_NEAR(points(after, n.id), points(before, n.id) * points(before, "A1") / siblings, 1e-9) << n.id;
  }
  ScoringOptions o;
  o.missing = MissingPolicy::kZero;
  o.rounding = RoundingPolicy{};  // indicator points would be rounded at their new scale
  const ScoringResult a = evaluate(compile(model, table), table, o);
  const ScoringResult b = evaluate(compile(pruned, table), table, o);
  auto node = [](const IndicatorModel& m, const char* id) { return static_cast<std::size_t>(m.find_node(id)); };
  for (std::size_t i = 0; i < 40; ++i) {
    SCOPED_TRACE(table.ids[i]);
    // Untouched groups and kept indicators score as before.
    for (const char* id : {"A2", "B", "C", "D", "A1.2"}) EXPECT_NEAR(b.node_score(i, node(pruned, id)), a.node_score(i, node(model, id)), 1e-9) << id;
    // A1 is the points-weighted mean of the indicators it keeps.
    double sum = 0;
    for (const auto& n : model.nodes)
      if (!n.parents.empty() && n.parents[0].parent == "A1" && n.id != "A1.1")
        sum += points(before, n.id) * a.node_score(i, node(model, n.id.c_str()));
    EXPECT_NEAR(b.node_score(i, node(pruned, "A1")), sum / siblings, 1e-9);
  }
}

// AHP judgments lose the removed child's row and column; the order of importance loses it; the
// panel's blank judgments can leave the rest unlinked, which reduce() counts as a set it
// cannot weigh and never chooses.
TEST(WithoutIndicators, MethodsRederiveTheirWeights) {
  const IndicatorModel model = load_model(kModels + "/weighted.yaml");
  const IndicatorModel pruned = without_indicators(model, {"S10"});
  EXPECT_TRUE(validate(pruned).empty());
  const int g = pruned.find_node("M");
  ASSERT_GE(g, 0);
  const auto& ro = std::get<RankOrderWeights>(pruned.nodes[static_cast<std::size_t>(g)].weighting.source);
  EXPECT_EQ(ro.order, (std::vector<std::string>{"S05", "S09"}));
  // The top level's AHP without a dimension: the sub-matrix's priorities.
  const IndicatorModel no_d = without_indicators(model, {"S05", "S09", "S10"});
  const auto& before = std::get<AhpJudgments>(model.weighting.source).matrices[0];
  const auto& after = std::get<AhpJudgments>(no_d.weighting.source).matrices[0];
  ASSERT_EQ(after.rows(), before.rows() - 1);
  JudgmentMatrix sub;
  sub.values = after;
  for (Eigen::Index i = 0; i < after.rows(); ++i) sub.names.push_back(fmt::format("c{}", i));
  const AhpResult expected = ahp(sub);
  const Table table = load_table(kModels + "/units.csv", table_options(model));
  const ScoringResult scored = evaluate(compile(no_d, table), table);
  ASSERT_EQ(scored.weightings.back().group, "");
  ASSERT_EQ(scored.weightings.back().weights.size(), after.rows());
  for (Eigen::Index i = 0; i < after.rows(); ++i) EXPECT_NEAR(scored.weightings.back().weights[i], expected.weights[i], 1e-12);

  ReduceOptions o;
  o.weights = ReduceWeights::kRederive;
  o.folds = 0;
  o.search = ReduceSearch::kGreedy;
  const ReduceResult r = reduce(compile(model, table), table, o);
  EXPECT_GT(r.rejected, 0u);
  EXPECT_NE(r.first_rejection.find("no chain of judgments"), std::string::npos) << r.first_rejection;
  ASSERT_TRUE(r.found);
  EXPECT_TRUE(r.chosen.rejected.empty());
  EXPECT_GE(r.chosen.tau_b, 0.9);
  // The pruned model, scored again, is the chosen set's fidelity; it keeps its methods.
  EXPECT_FALSE(r.pruned.weighting.empty());
  const ReduceResult again = reduce(compile(model, table), table, table, o);
  EXPECT_NEAR(again.holdout_tau_b, again.chosen.tau_b, 1e-12);
  EXPECT_NEAR(again.holdout_grade_agreement, again.chosen.grade_agreement, 1e-12);
}

// On a single-level model of written weights, re-deriving is renormalising.
TEST(Reduce, RederivedAndRenormalisedAgreeOnOneLevel) {
  const IndicatorModel model = load_model(kModels + "/single-level.yaml");
  const Table table = load_table(kModels + "/units.csv", table_options(model));
  ReduceOptions o;
  o.folds = 0;
  o.search = ReduceSearch::kGreedy;
  const ReduceResult a = reduce(compile(model, table), table, o);
  o.weights = ReduceWeights::kRederive;
  const ReduceResult b = reduce(compile(model, table), table, o);
  ASSERT_TRUE(a.found && b.found);
  EXPECT_EQ(a.chosen.indicators, b.chosen.indicators);
  // The same weights up to the last bits, which can move a total rounded to 2 decimals.
  EXPECT_NEAR(a.chosen.tau_b, b.chosen.tau_b, 1e-3);
  ASSERT_EQ(a.trajectory.size(), b.trajectory.size());
  for (std::size_t k = 0; k < a.trajectory.size(); ++k) EXPECT_EQ(a.removed[k], b.removed[k]);
  EXPECT_EQ(b.rejected, 0u);
}

}  // namespace
}  // namespace staffeval
