// Modelling choices of an uncertainty specification (reading them, every problem located; the
// Monte Carlo and Sobol' analyses over them, checked by hand on three units), and the weight
// analyses of a plain decision matrix checked against ranking the moved weights directly.
#include <cmath>

#include "test_util.h"

namespace staffeval {
namespace {

// Written weights 1 : 3 on two min-max indicators. Nominal: u1 25, u2 75, u3 40 (A's min-max
// share 0.1, B's 0.5). With equal weights every unit of u1, u2 scores 50 and u3 30; with A by
// percentile (u3's share 0.5) u3 scores 50 under 1 : 3.
const char* kModel =
    "id: ch\nweights: relative\nindicators:\n"
    "  - {id: A, value: a, weight: 1, rule: {type: minmax}}\n"
    "  - {id: B, value: b, weight: 3, rule: {type: minmax}}\n";
const char* kData = "id,a,b\nu1,100,0\nu2,0,100\nu3,10,50\n";

struct Fixture {
  IndicatorModel model = load_model_from_string(kModel, "ch.yaml");
  Table table = parse_table(kData, "ch.csv");
  Plan plan = compile(model, table);
  UncertaintySpec spec(const std::string& yaml) const { return load_uncertainty_from_string(yaml, "u.yaml", model); }
};

TEST(ModelChoices, ReadWithEveryProblemLocated) {
  const Fixture f;
  const UncertaintySpec ok = f.spec(
      "choices:\n"
      "  - {group: top, weighting: [written, equal, entropy]}\n"
      "  - {indicators: all, rule: [minmax, percentile]}\n"
      "  - {group: top, method: [weighted_mean, topsis]}\n");
  ASSERT_EQ(ok.choices.size(), 3u);
  EXPECT_EQ(ok.choices[0].aspect, ChoiceAspect::kWeighting);
  EXPECT_EQ(ok.choices[0].label(), "weighting of the top level");
  EXPECT_EQ(ok.choices[1].indicators, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(ok.choices[1].label(), "rule of 2 indicators");
  EXPECT_EQ(ok.choices[2].alternatives, (std::vector<std::string>{"weighted_mean", "topsis"}));
  EXPECT_EQ(ok.choices[2].location.line, 4);
  EXPECT_TRUE(ok.choices_beyond_weights());
  EXPECT_TRUE(ok.beyond_weights());
  try {
    f.spec("choices:\n"
           "  - {group: top, weighting: [written, written]}\n"
           "  - {group: top, weighting: [bogus, equal]}\n"
           "  - {group: top, aggregation: [arithmetic, power]}\n"
           "  - {indicators: [Z], rule: [minmax, zscore]}\n"
           "  - {indicators: [A], rule: [minmax, linear]}\n"
           "  - {group: top, weighting: [written, equal], rule: [minmax, zscore]}\n"
           "  - {group: top, blend: entropy, alpha: [0.9, 0.1]}\n"
           "  - {group: top}\n"
           "  - {group: A, aggregation: [arithmetic, geometric]}\n"
           "  - {group: top, method: [topsis]}\n");
    FAIL() << "no error";
  } catch (const ModelError& e) {
    std::string m;
    for (const auto& d : e.diagnostics()) m += d.message() + "\n";
    EXPECT_NE(m.find("u.yaml:2:39: choices[0].weighting[1] = written: is listed twice"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[1].weighting[0] = bogus: must be nominal, written, equal or an objective method"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[2].aggregation[1] = power: must be one of arithmetic, geometric, harmonic (a power mean needs its exponent)"),
              std::string::npos) << m;
    EXPECT_NE(m.find("choices[3].indicators[0] = Z: is not an indicator of the model ch"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[4].rule[1] = linear: must be one of minmax, zscore"), std::string::npos) << m;
    EXPECT_NE(m.find("u.yaml:7:5: choices[5]"), std::string::npos) << m;
    EXPECT_NE(m.find("gives more than one choice"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[6].alpha"), std::string::npos) << m;
    EXPECT_NE(m.find("must be [low, high] with 0 <= low < high <= 1"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[7]"), std::string::npos) << m;
    EXPECT_NE(m.find("names no choice"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[8].group = A: is an indicator"), std::string::npos) << m;
    EXPECT_NE(m.find("choices[9].method = [...]: must be a list of at least two alternatives"), std::string::npos) << m;
    // The top level's weights are chosen by the first item: the second and seventh say so, once.
    EXPECT_NE(m.find("u.yaml:3:13: choices[1].group = top: already has a choice of its weights"), std::string::npos) << m;
    EXPECT_EQ(m.find("choices[6].group = top: already"), m.rfind("choices[6].group = top: already")) << m;
  }
}

TEST(ModelChoices, WeightingAlternativesByHand) {
  const Fixture f;
  MonteCarloOptions o;
  o.samples = 400;
  const MonteCarloResult m = monte_carlo(f.plan, f.table, f.spec("choices:\n  - {group: top, weighting: [written, equal]}\n"), o);
  EXPECT_TRUE(m.linear);  // a choice of weights only keeps the linear form
  ASSERT_EQ(m.choices.size(), 1u);
  const ChoiceEffect& e = m.choices[0];
  EXPECT_EQ(e.choice, "weighting of the top level");
  ASSERT_EQ(e.samples.size(), 2u);
  EXPECT_EQ(e.samples[0] + e.samples[1], 400u);
  EXPECT_GT(e.samples[0], 150u);  // each about half of 400
  EXPECT_GT(e.samples[1], 150u);
  // The written weights are the nominal ones: no shift. Equal weights tie u1 and u2 at 50 (rank
  // 1) and put u3 (30) third: |1 - 3| + |1 - 1| + |3 - 2| over 3 units.
  EXPECT_EQ(e.mean_abs_rank_shift[0], 0);
  EXPECT_NEAR(e.mean_abs_rank_shift[1], 1.0, 1e-12);
  EXPECT_EQ(e.grade_change_share[0], 0);
  EXPECT_NEAR(m.score_p5[0], 25, 1e-9);
  EXPECT_NEAR(m.score_p95[0], 50, 1e-9);
  EXPECT_NEAR(m.score_p5[2], 30, 1e-9);
  EXPECT_NEAR(m.score_p95[2], 40, 1e-9);
  // Equal weights and drawn weights around them: the draw centres on the chosen alternative.
  const MonteCarloResult drawn = monte_carlo(
      f.plan, f.table,
      f.spec("weights:\n  - {group: top, draw: dirichlet, concentration: 1000000}\n"
             "choices:\n  - {group: top, weighting: [equal, written]}\n"),
      o);
  EXPECT_NEAR(drawn.score_p5[0], 25, 0.1);
  EXPECT_NEAR(drawn.score_p95[0], 50, 0.1);
}

// A blend's samples mix the written share of A (1/4) with entropy's by alpha in [0.3, 0.7].
TEST(ModelChoices, BlendsMixTheTwoWeightingsByAlpha) {
  const Fixture f;
  const IndicatorModel by_entropy = load_model_from_string(
      std::string(kModel) + "weighting: {method: entropy, basis: shares}\n", "entropy.yaml");
  const ScoringResult e = evaluate(compile(by_entropy, f.table), f.table);
  const double entropy_a = e.edge_weights[0] / e.edge_weights.sum();
  ASSERT_GT(std::abs(entropy_a - 0.25), 0.05);
  MonteCarloOptions o;
  o.samples = 300;
  const MonteCarloResult m =
      monte_carlo(f.plan, f.table, f.spec("choices:\n  - {group: top, blend: entropy, alpha: [0.3, 0.7]}\n"), o);
  EXPECT_TRUE(m.linear);
  EXPECT_EQ(m.choices[0].choice, "blend of the top level with entropy");
  EXPECT_EQ(m.choices[0].alternatives[0], "alpha 0.3-0.4");
  double low = 1, high = 0;
  for (Eigen::Index s = 0; s < m.edge_samples.rows(); ++s) {
    const double a = m.edge_samples(s, 0) / m.edge_samples.row(s).sum();
    const double alpha = (a - entropy_a) / (0.25 - entropy_a);  // a = alpha / 4 + (1 - alpha) entropy_a
    low = std::min(low, alpha);
    high = std::max(high, alpha);
  }
  EXPECT_GE(low, 0.3 - 1e-9);
  EXPECT_LE(high, 0.7 + 1e-9);
  EXPECT_LT(low, 0.32);  // 300 uniform draws reach near both ends
  EXPECT_GT(high, 0.68);
}

TEST(ModelChoices, RulesAreEvaluatedAgain) {
  const Fixture f;
  MonteCarloOptions o;
  o.samples = 200;
  const MonteCarloResult m =
      monte_carlo(f.plan, f.table, f.spec("choices:\n  - {indicators: [A], rule: [minmax, percentile]}\n"), o);
  EXPECT_FALSE(m.linear);
  EXPECT_NE(m.not_linear.find("chooses between rules"), std::string::npos);
  EXPECT_NEAR(m.score_p5[2], 40, 1e-9);   // min-max
  EXPECT_NEAR(m.score_p95[2], 50, 1e-9);  // percentile
  EXPECT_EQ(m.rank_p95[2], 2);            // u3 stays between u2 and u1
  EXPECT_EQ(m.choices[0].mean_abs_rank_shift[1], 0);
  // Thread counts change nothing.
  o.threads = 1;
  const MonteCarloResult one = monte_carlo(f.plan, f.table, f.spec("choices:\n  - {indicators: [A], rule: [minmax, percentile]}\n"), o);
  o.threads = 3;
  const MonteCarloResult three = monte_carlo(f.plan, f.table, f.spec("choices:\n  - {indicators: [A], rule: [minmax, percentile]}\n"), o);
  EXPECT_EQ(to_json(one), to_json(three));
  EXPECT_EQ(one.choices[0].samples, three.choices[0].samples);
}

TEST(ModelChoices, AFailingAlternativeIsNamed) {
  const Fixture f;
  MonteCarloOptions o;
  o.samples = 10;
  // u1's B share is 0: a geometric mean cannot score it.
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(f.plan, f.table, f.spec("choices:\n  - {group: top, aggregation: [arithmetic, geometric]}\n"), o),
                             ComputeError, "under u.yaml:2:5: aggregation of the top level, alternative `geometric`:");
  o.replay = Eigen::MatrixXd::Constant(2, 2, 0.5);
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(f.plan, f.table, f.spec("choices:\n  - {group: top, weighting: [written, equal]}\n"), o),
                             OptionsError, "replayed weights would override the weighting of the top level");
}

TEST(ModelChoices, SobolPutsTheVarianceOnTheOnlyChoice) {
  const Fixture f;
  SobolAnalysisOptions o;
  o.base = 512;
  o.bootstrap = 0;
  o.unit_bootstrap = 0;
  const SobolAnalysisResult r =
      sobol_analysis(f.plan, f.table, f.spec("choices:\n  - {group: top, weighting: [written, equal]}\n"), o);
  ASSERT_EQ(r.inputs, (std::vector<std::string>{"weighting of the top level"}));
  EXPECT_EQ(r.input_edges, (std::vector<int>{-1}));
  // One input: AB_1 is B, so the Jansen total index is mean((fA - fB)^2) / 2 / V, which estimates
  // V / V; with two equally likely values of the rank shift (0 and 1) and 512 base points its
  // error is a few percent.
  EXPECT_NEAR(r.rank_shift.total[0], 1.0, 0.1);
  EXPECT_NEAR(r.rank_shift.first[0], 1.0, 0.1);
  // With a weight drawn too, the choice still drives the rank shift.
  const SobolAnalysisResult both = sobol_analysis(
      f.plan, f.table,
      f.spec("weights:\n  - {group: top, draw: percent, percent: 5}\nchoices:\n  - {group: top, weighting: [written, equal]}\n"), o);
  ASSERT_EQ(both.inputs.size(), 3u);
  EXPECT_GT(both.rank_shift.total[2], both.rank_shift.total[0]);
  EXPECT_GT(both.rank_shift.total[2], both.rank_shift.total[1]);
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

DecisionMatrix five_units() {
  DecisionMatrix dm;
  dm.values.resize(5, 3);
  dm.values << 7, 3, 120, 5, 6, 90, 9, 2, 150, 4, 8, 60, 6, 5, 100;
  dm.unit_ids = {"a", "b", "c", "d", "e"};
  dm.criteria = {"x", "y", "cost"};
  dm.directions = {Direction::kBenefit, Direction::kBenefit, Direction::kCost};
  return dm;
}

// One at a time and removal on a decision matrix agree with ranking the moved weights directly.
TEST(MatrixSensitivity, OneAtATimeAndRemovalRankTheMovedWeights) {
  const DecisionMatrix dm = five_units();
  const Eigen::VectorXd w = Eigen::Vector3d(0.5, 0.3, 0.2);
  MethodOptions topsis;
  topsis.method = Method::kTopsis;
  const MethodResult nominal = rank_alternatives(dm, w, topsis);
  OatOptions oo;
  oo.low = -0.4;
  oo.high = 0.4;
  oo.steps = 4;
  const OatResult oat = one_at_a_time(dm, w, topsis, oo);
  ASSERT_EQ(oat.edge_labels, dm.criteria);
  ASSERT_EQ(oat.changes.size(), 5u);
  EXPECT_TRUE(oat.grade_names.empty());
  for (std::size_t e = 0; e < 3; ++e)
    for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(oat.rank(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(oat.column(e, 2))), nominal.rank[i]);
  // x moved +40%: 0.7, the others scaled by 0.3 / 0.5 (proportional): 0.18, 0.12.
  const MethodResult up = rank_alternatives(dm, Eigen::Vector3d(0.7, 0.18, 0.12), topsis);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(oat.rank(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(oat.column(0, 4))), up.rank[i]);
    EXPECT_NEAR(oat.score(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(oat.column(0, 4))), up.score[static_cast<Eigen::Index>(i)], 1e-12);
  }
  const RemovalResult rem = removal(dm, w, topsis);
  ASSERT_EQ(rem.removed, dm.criteria);
  const MethodResult without_y = rank_alternatives(dm, Eigen::Vector3d(0.5, 0, 0.2), topsis);
  double shift = 0;
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(rem.rank(static_cast<Eigen::Index>(i), 1), without_y.rank[i]);
    shift += std::abs(without_y.rank[i] - nominal.rank[i]);
  }
  EXPECT_NEAR(rem.mean_abs_rank_shift[1], shift / 5, 1e-12);
  STAFFEVAL_EXPECT_THROW_MSG(one_at_a_time(dm, Eigen::Vector2d(1, 1), topsis, oo), OptionsError, "needs one per criterion (3)");
  STAFFEVAL_EXPECT_THROW_MSG(removal(dm, Eigen::Vector3d(1, -1, 1), topsis), OptionsError, "must be finite and >= 0");
}

// Critical changes on a decision matrix, confirmed by ranking just before and just after each.
TEST(MatrixSensitivity, CriticalChangesAreConfirmedByRanking) {
  const DecisionMatrix dm = five_units();
  const Eigen::VectorXd w = Eigen::Vector3d(0.5, 0.3, 0.2);
  MethodOptions topsis;
  topsis.method = Method::kTopsis;
  CriticalOptions o;
  o.top_k = 2;
  o.pairs = {{"a", "d"}, {"b", "e"}};
  const CriticalResult r = critical_changes(dm, w, topsis, o);
  EXPECT_FALSE(r.exact);
  EXPECT_TRUE(r.grade_names.empty());
  const MethodResult nominal = rank_alternatives(dm, w, topsis);
  std::size_t confirmed = 0;
  for (std::size_t p = 0; p < r.pairs.size(); ++p)
    for (std::size_t e = 0; e < 3; ++e)
      for (const double c : {r.pair_swap[p][e].down, r.pair_swap[p][e].up}) {
        if (std::isnan(c)) continue;
        const auto [a, b] = r.pairs[p];
        auto order = [&](double change) {
          Eigen::VectorXd moved = w;
          const double rest = w.sum() - w[static_cast<Eigen::Index>(e)];
          moved[static_cast<Eigen::Index>(e)] = w[static_cast<Eigen::Index>(e)] * (1 + change);
          for (Eigen::Index j = 0; j < 3; ++j)
            if (j != static_cast<Eigen::Index>(e)) moved[j] = w[j] * (rest - w[static_cast<Eigen::Index>(e)] * change) / rest;
          const MethodResult m = rank_alternatives(dm, moved, topsis);
          return m.share[static_cast<Eigen::Index>(a)] > m.share[static_cast<Eigen::Index>(b)];
        };
        const bool before = nominal.share[static_cast<Eigen::Index>(r.pairs[p].first)] >
                            nominal.share[static_cast<Eigen::Index>(r.pairs[p].second)];
        const double step = 4 * o.tolerance * (c > 0 ? 1 : -1);
        EXPECT_EQ(order(c - step), before) << p << " " << e << " " << c;
        EXPECT_NE(order(c + step), before) << p << " " << e << " " << c;
        ++confirmed;
      }
  EXPECT_GT(confirmed, 0u);
}

// Sobol' on a decision matrix: a method parameter alone carries all the variance; with the
// weights too, every criterion is an input.
TEST(MatrixSensitivity, SobolOverWeightsAndParameters) {
  const DecisionMatrix dm = five_units();
  const Eigen::VectorXd w = Eigen::Vector3d(0.4, 0.4, 0.2);
  MethodOptions vikor;
  vikor.method = Method::kVikor;
  MatrixUncertainty u;
  u.parameters = {{"v", 0.0, 1.0}};
  SobolAnalysisOptions o;
  o.base = 512;
  o.bootstrap = 0;
  o.unit_bootstrap = 0;
  const SobolAnalysisResult one = sobol_analysis(dm, w, vikor, u, o);
  ASSERT_EQ(one.inputs, (std::vector<std::string>{"parameter v"}));
  ASSERT_FALSE(one.rank_shift.constant);
  EXPECT_NEAR(one.rank_shift.total[0], 1.0, 0.1);  // one input: the Jansen total estimates V / V
  u.weights = WeightUncertainty{};
  u.weights->draw = WeightDraw::kPercent;
  u.weights->percent = 50;
  const SobolAnalysisResult all = sobol_analysis(dm, w, vikor, u, o);
  EXPECT_EQ(all.inputs, (std::vector<std::string>{"x", "y", "cost", "parameter v"}));
  EXPECT_EQ(all.input_edges, (std::vector<int>{0, 1, 2, -1}));
  EXPECT_EQ(all.runs, 512u * 6);
  STAFFEVAL_EXPECT_THROW_MSG(sobol_analysis(dm, w, vikor, MatrixUncertainty{}, o), OptionsError, "makes neither");
}

}  // namespace
}  // namespace staffeval
