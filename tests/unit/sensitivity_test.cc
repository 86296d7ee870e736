// Uncertainty specifications and the Monte Carlo analysis of weights: located errors, a
// hand-computed replay, nominal ranks under barely moving weights, thread counts.
#include <cmath>
#include <fstream>
#include <iterator>

#include <fmt/format.h>

#include "test_util.h"

namespace staffeval {
namespace {

const std::string kEx = STAFFEVAL_EXAMPLES_DIR;

std::string read_text(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

const char* kTwo =
    "id: two\nweights: relative\nindicators:\n"
    "  - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
    "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n";

TEST(UncertaintySpec, ReadsAndExpandsGroups) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  const UncertaintySpec spec = load_uncertainty_from_string(
      "weights:\n  - {group: top, draw: dirichlet, concentration: 50}\n  - {group: A1, draw: percent, percent: 20}\n",
      "u.yaml", model);
  ASSERT_EQ(spec.weights.size(), 2u);
  EXPECT_EQ(spec.weights[0].group, "");
  EXPECT_EQ(spec.weights[0].concentration, 50);
  EXPECT_EQ(spec.weights[1].group, "A1");
  EXPECT_EQ(spec.weights[1].draw, WeightDraw::kPercent);
  EXPECT_EQ(spec.weights[1].percent, 20);
  EXPECT_EQ(spec.weights[1].location.line, 3);
  const UncertaintySpec all = load_uncertainty_from_string("weights:\n  - {group: all, draw: uniform}\n", "u.yaml", model);
  std::size_t groups = 0;
  for (const auto& n : model.nodes) groups += n.group;
  EXPECT_EQ(all.weights.size(), groups + 1);
}

TEST(UncertaintySpec, EveryProblemIsLocated) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  try {
    load_uncertainty_from_string("weights:\n"
                                 "  - {group: A11, draw: dirichlet}\n"
                                 "  - {group: top, draw: percent, concentration: 5}\n"
                                 "  - {group: top, draw: percent, percent: 150}\n"
                                 "  - {group: A1, draw: sideways}\n"
                                 "  - {group: A1, draw: uniform, spread: 2}\n"
                                 "samples: 10\n",
                                 "u.yaml", model);
    FAIL() << "no error";
  } catch (const ModelError& e) {
    ASSERT_EQ(e.diagnostics().size(), 8u);
    EXPECT_EQ(e.diagnostics()[0].message(), "u.yaml:7:1: samples: unknown key (keys here: weights, judgments, thresholds, noise, inclusion, missing, choices)");
    EXPECT_EQ(e.diagnostics()[1].message(),
              "u.yaml:2:13: weights[0].group = A11: is not a group of the model three-level (did you mean `A1`?)");
    std::string m;
    for (const auto& d : e.diagnostics()) m += d.message() + "\n";
    EXPECT_NE(m.find("weights[1].concentration = 5: is a key of the dirichlet draw, not of percent"), std::string::npos) << m;
    EXPECT_NE(m.find("weights[2].percent = 150: must be in (0, 100]"), std::string::npos) << m;
    EXPECT_NE(m.find("weights[2].group = top: names the weights of the top level a second time"), std::string::npos) << m;
    EXPECT_NE(m.find("weights[3].draw = sideways: must be one of dirichlet, uniform, percent"), std::string::npos) << m;
    EXPECT_NE(m.find("weights[4].spread"), std::string::npos) << m;
  }
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("weights:\n  - {group: A1.1, draw: uniform}\n", "u.yaml", model),
                             ModelError, "is an indicator: only groups");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("weights: []\n", "u.yaml", model), ModelError,
                             "u.yaml:1:10: weights = []: is empty");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("# nothing\n", "u.yaml", model), ModelError, "u.yaml");
}

// Three replayed samples on two units, scores by hand: u1 = 100 x wA, u2 = 100 x wB.
TEST(MonteCarlo, ReplayedSamplesByHand) {
  const IndicatorModel model = load_model_from_string(kTwo, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\n", "two.csv");
  const Plan plan = compile(model, table);
  ASSERT_EQ(plan.edges().size(), 2u);
  const int a = plan.node_ids()[static_cast<std::size_t>(plan.edges()[0].child)] == "A" ? 0 : 1;
  Eigen::MatrixXd w(3, 2);
  w(0, a) = 0.7, w(0, 1 - a) = 0.3;
  w(1, a) = 0.4, w(1, 1 - a) = 0.6;
  w(2, a) = 0.5, w(2, 1 - a) = 0.5;
  MonteCarloOptions o;
  o.replay = w;
  o.top_k = 1;
  o.acceptability_ranks = 2;
  const MonteCarloResult m = monte_carlo(plan, table, UncertaintySpec{}, o);
  ASSERT_EQ(m.samples, 3u);
  // u1 scores 70, 40, 50: ranks 1, 2, 1 (50 ties with u2's 50).
  EXPECT_NEAR(m.score_mean[0], 160.0 / 3, 1e-9);
  EXPECT_NEAR(m.score_median[0], 50, 1e-9);
  EXPECT_NEAR(m.score_p5[0], 41, 1e-9);   // 40 + 0.1 x (50 - 40)
  EXPECT_NEAR(m.score_p95[0], 68, 1e-9);  // 50 + 0.9 x (70 - 50)
  EXPECT_NEAR(m.rank_mean[0], 4.0 / 3, 1e-12);
  EXPECT_EQ(m.rank_median[0], 1);
  EXPECT_NEAR(m.rank_p95[0], 1.9, 1e-12);
  EXPECT_NEAR(m.top_k_probability[0], 2.0 / 3, 1e-12);
  EXPECT_NEAR(m.rank_acceptability(0, 0), 2.0 / 3, 1e-12);
  EXPECT_NEAR(m.rank_acceptability(0, 1), 1.0 / 3, 1e-12);
  // Nominal: both 50, rank 1, 不合格. u1 is 合格 at 70, u2 at 60 (the band's minimum).
  EXPECT_EQ(m.nominal_rank[0], 1);
  EXPECT_NEAR(m.grade_probability(0, 2), 1.0 / 3, 1e-12);
  EXPECT_NEAR(m.grade_probability(1, 2), 1.0 / 3, 1e-12);
  EXPECT_NEAR(m.grade_stability[1], 2.0 / 3, 1e-12);
  // |rank - 1| over 6 unit-samples: u1 once, u2 once.
  EXPECT_NEAR(m.mean_abs_rank_shift, 2.0 / 6, 1e-12);
  EXPECT_EQ(m.robust_share, 0.0);
  ASSERT_EQ(m.fragile.size(), 2u);
  // Central weights: u1 comes first in samples 1 and 3 (a tie), u2 in 2 and 3.
  ASSERT_EQ(m.first_units, (std::vector<std::size_t>{0, 1}));
  EXPECT_NEAR(m.central_weights(0, a), 0.6, 1e-12);
  EXPECT_NEAR(m.central_weights(0, 1 - a), 0.4, 1e-12);
  EXPECT_NEAR(m.central_weights(1, a), 0.45, 1e-12);
  EXPECT_NEAR(m.central_weights(1, 1 - a), 0.55, 1e-12);
  o.replay.resize(1, 3);
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(plan, table, UncertaintySpec{}, o), OptionsError, "one column per edge");
}

// Ranks come from the exact scores: two scores that round to one float are still two ranks, and
// equal scores share one.
// Percentiles of scores and ranks against sorting every unit's samples: 1,201 replayed samples
// (more than a batch holds), 60 units with ties between units and a unit whose score never moves.
TEST(MonteCarlo, PercentilesAgreeWithSortingEverySample) {
  const IndicatorModel model = load_model_from_string(
      "id: three\nweights: relative\nindicators:\n"
      "  - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: C, value: c, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n",
      "three.yaml");
  std::string csv = "id,a,b,c\n";
  constexpr int kUnits = 60;
  double x[kUnits][3];
  std::uint64_t state = 12345;
  auto next = [&] {  // a fixed LCG: the test's own numbers
    state = state * 6364136223846793005ULL + 1442695040888963407ULL;
    return static_cast<double>(state >> 11) / 9007199254740992.0;
  };
  for (int i = 0; i < kUnits; ++i) {
    for (int j = 0; j < 3; ++j) x[i][j] = std::round(1000 * next()) / 10;
    if (i == 7) x[i][0] = x[i][1] = x[i][2] = 0;       // never moves
    if (i == 9) std::copy_n(x[8], 3, x[i]);            // ties with unit 8 in every sample
    csv += fmt::format("u{},{},{},{}\n", i, x[i][0], x[i][1], x[i][2]);
  }
  const Table table = parse_table(csv, "three.csv");
  const Plan plan = compile(model, table);
  constexpr int kSamples = 1201;
  Eigen::MatrixXd w(kSamples, 3);
  for (int s = 0; s < kSamples; ++s) {
    for (int j = 0; j < 3; ++j) w(s, j) = 0.2 + next();
    w.row(s) /= w.row(s).sum();
  }
  MonteCarloOptions o;
  o.replay = w;
  const MonteCarloResult m = monte_carlo(plan, table, UncertaintySpec{}, o);
  ASSERT_TRUE(m.linear);
  // The edges follow the model's order A, B, C.
  std::vector<std::vector<double>> scores(kUnits), ranks(kUnits);
  for (int s = 0; s < kSamples; ++s) {
    double t[kUnits];
    for (int i = 0; i < kUnits; ++i) t[i] = 0 + x[i][0] * w(s, 0) + x[i][1] * w(s, 1) + x[i][2] * w(s, 2);
    for (int i = 0; i < kUnits; ++i) {
      int better = 0;
      for (int q = 0; q < kUnits; ++q) better += t[q] > t[i];
      scores[static_cast<std::size_t>(i)].push_back(t[i]);
      ranks[static_cast<std::size_t>(i)].push_back(better + 1);
    }
  }
  auto pct = [](std::vector<double> v, double p) {
    std::sort(v.begin(), v.end());
    const double h = (static_cast<double>(v.size()) - 1) * p;
    const auto k = static_cast<std::size_t>(std::floor(h));
    return v[k] + (h - std::floor(h)) * (v[std::min(k + 1, v.size() - 1)] - v[k]);
  };
  for (int i = 0; i < kUnits; ++i) {
    const auto& sc = scores[static_cast<std::size_t>(i)];
    const auto& rk = ranks[static_cast<std::size_t>(i)];
    SCOPED_TRACE(i);
    EXPECT_NEAR(m.score_p5[i], pct(sc, 0.05), 1e-9);
    EXPECT_NEAR(m.score_median[i], pct(sc, 0.5), 1e-9);
    EXPECT_NEAR(m.score_p95[i], pct(sc, 0.95), 1e-9);
    EXPECT_EQ(m.rank_p5[i], pct(rk, 0.05));
    EXPECT_EQ(m.rank_median[i], pct(rk, 0.5));
    EXPECT_EQ(m.rank_p95[i], pct(rk, 0.95));
  }
  EXPECT_EQ(m.score_p5[7], 0);
  EXPECT_EQ(m.score_p95[7], 0);
  EXPECT_EQ(m.rank_p5[7], kUnits);
  EXPECT_EQ(m.rank_median[8], m.rank_median[9]);
}

TEST(MonteCarlo, RanksSeparateScoresCloserThanAFloat) {
  const IndicatorModel model = load_model_from_string(kTwo, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\nu3,0,100\n", "two.csv");
  const Plan plan = compile(model, table);
  const int a = plan.node_ids()[static_cast<std::size_t>(plan.edges()[0].child)] == "A" ? 0 : 1;
  Eigen::MatrixXd w(2, 2);
  w(0, a) = 0.5, w(0, 1 - a) = 0.5 + 1e-13;  // u2 = u3 above u1 by 1e-11 points
  w(1, a) = 0.5 + 1e-13, w(1, 1 - a) = 0.5;  // u1 above
  MonteCarloOptions o;
  o.replay = w;
  o.acceptability_ranks = 3;
  const MonteCarloResult m = monte_carlo(plan, table, UncertaintySpec{}, o);
  EXPECT_EQ(m.rank_acceptability(0, 0), 0.5);  // u1: rank 3, then 1
  EXPECT_EQ(m.rank_acceptability(0, 2), 0.5);
  EXPECT_EQ(m.rank_acceptability(1, 0), 0.5);  // u2 and u3 tie: rank 1, then 2
  EXPECT_EQ(m.rank_acceptability(2, 1), 0.5);
  EXPECT_EQ(m.rank_acceptability(2, 2), 0.0);
}

// Weights that barely move (Dirichlet concentration 1e9) reproduce the nominal ranks and grades.
TEST(MonteCarlo, BarelyMovingWeightsKeepTheNominalResult) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  const Plan plan = compile(model, table);
  const UncertaintySpec spec =
      load_uncertainty_from_string("weights:\n  - {group: all, draw: dirichlet, concentration: 1e12}\n", "u.yaml", model);
  MonteCarloOptions o;
  o.samples = 20;
  const MonteCarloResult m = monte_carlo(plan, table, spec, o);
  for (std::size_t i = 0; i < m.unit_ids.size(); ++i) {
    if (m.nominal_rank[i] <= 0) continue;
    EXPECT_EQ(m.rank_median[static_cast<Eigen::Index>(i)], m.nominal_rank[i]) << m.unit_ids[i];
    EXPECT_NEAR(m.score_mean[static_cast<Eigen::Index>(i)], m.nominal_score[static_cast<Eigen::Index>(i)], 1e-3);
  }
  EXPECT_LT(m.mean_abs_rank_shift, 0.05);
}

// Every sample draws from its own stream: 1, 2 and 3 threads give the same numbers bit for bit,
// and replaying the written samples reproduces them.
TEST(MonteCarlo, ThreadCountsAndReplayChangeNothing) {
  const IndicatorModel model = load_model(kEx + "/single-level.yaml");
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  const Plan plan = compile(model, table);
  const UncertaintySpec spec =
      load_uncertainty_from_string("weights:\n  - {group: top, draw: dirichlet, concentration: 30}\n", "u.yaml", model);
  MonteCarloOptions o;
  o.samples = 70;  // more than one batch
  o.threads = 1;
  const MonteCarloResult one = monte_carlo(plan, table, spec, o);
  EXPECT_GT(one.mean_abs_rank_shift, 0);
  EXPECT_FALSE(one.fragile.empty());
  auto same = [](const MonteCarloResult& a, const MonteCarloResult& b) {
    EXPECT_TRUE(a.edge_samples.cwiseEqual(b.edge_samples).all());
    using Field = Eigen::VectorXd MonteCarloResult::*;
    for (Field p : {&MonteCarloResult::score_mean, &MonteCarloResult::score_p5, &MonteCarloResult::score_p95,
                    &MonteCarloResult::rank_mean, &MonteCarloResult::rank_p95, &MonteCarloResult::grade_stability})
      EXPECT_TRUE(((a.*p).array() == (b.*p).array() || ((a.*p).array().isNaN() && (b.*p).array().isNaN())).all());
    EXPECT_EQ(a.mean_abs_rank_shift, b.mean_abs_rank_shift);
    EXPECT_EQ(a.fragile, b.fragile);
  };
  for (int threads : {2, 3}) {
    o.threads = threads;
    same(one, monte_carlo(plan, table, spec, o));
  }
  o.replay = one.edge_samples;
  same(one, monte_carlo(plan, table, UncertaintySpec{}, o));
  // The top level's weights keep their sum (the model's points) in every sample.
  for (Eigen::Index s = 0; s < one.edge_samples.rows(); ++s)
    EXPECT_NEAR(one.edge_samples.row(s).sum(), plan.model().total, 1e-9);
}

// Samples evaluated in shards (as on several machines) and gathered give the analysis a single
// run gives, bit for bit: weight-only uncertainty (the linear form), uncertainty that needs every
// sample evaluated (indicator rounding, grade thresholds, noise), and modelling choices.
TEST(MonteCarlo, ShardsGatheredGiveTheSameAnalysis) {
  struct Case {
    std::string model, spec;
  };
  for (const Case& c : {Case{"three-level.yaml", "three-level.uncertainty.yaml"},
                        Case{"single-level.yaml", "single-level.uncertainty-more.yaml"},
                        Case{"weighted.yaml", "weighted.choices.yaml"}}) {
    SCOPED_TRACE(c.spec);
    const IndicatorModel model = load_model(kEx + "/" + c.model);
    const Table table = load_table(kEx + "/units.csv", table_options(model));
    const Plan plan = compile(model, table);
    const UncertaintySpec spec = load_uncertainty(kEx + "/" + c.spec, model);
    MonteCarloOptions o;
    o.samples = 97;
    o.seed = 11;
    if (c.model == "three-level.yaml") o.scoring.rounding = RoundingPolicy{};  // linear
    const MonteCarloResult whole = monte_carlo(plan, table, spec, o);
    std::vector<MonteCarloShard> shards;
    for (auto [first, count] : {std::pair<std::size_t, std::size_t>{60, 37}, {0, 1}, {1, 59}})
      shards.push_back(monte_carlo_samples(plan, table, spec, o, first, count));
    const MonteCarloResult gathered = monte_carlo(plan, table, spec, o, shards);
    EXPECT_EQ(gathered.linear, whole.linear);
    using Field = Eigen::VectorXd MonteCarloResult::*;
    for (Field p : {&MonteCarloResult::score_mean, &MonteCarloResult::score_median, &MonteCarloResult::score_p5,
                    &MonteCarloResult::score_p95, &MonteCarloResult::rank_mean, &MonteCarloResult::rank_median,
                    &MonteCarloResult::rank_p5, &MonteCarloResult::rank_p95, &MonteCarloResult::top_k_probability,
                    &MonteCarloResult::grade_stability})
      EXPECT_TRUE(((gathered.*p).array() == (whole.*p).array() || ((gathered.*p).array().isNaN() && (whole.*p).array().isNaN())).all());
    EXPECT_TRUE(gathered.grade_probability.cwiseEqual(whole.grade_probability).all() ||
                (gathered.grade_probability.array().isNaN() == whole.grade_probability.array().isNaN()).all());
    EXPECT_TRUE(gathered.central_weights.cwiseEqual(whole.central_weights).all() || whole.central_weights.hasNaN());
    EXPECT_EQ(gathered.mean_abs_rank_shift, whole.mean_abs_rank_shift);
    EXPECT_EQ(gathered.fragile, whole.fragile);
    ASSERT_EQ(gathered.choices.size(), whole.choices.size());
    for (std::size_t k = 0; k < whole.choices.size(); ++k) {
      EXPECT_EQ(gathered.choices[k].samples, whole.choices[k].samples);
      EXPECT_EQ(gathered.choices[k].mean_abs_rank_shift, whole.choices[k].mean_abs_rank_shift);
    }
    // A sample missing, or in two shards, is refused.
    std::vector<MonteCarloShard> gap(shards.begin(), shards.begin() + 2);
    STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(plan, table, spec, o, gap), OptionsError, "sample 1: is in no shard");
    shards.push_back(shards[1]);
    STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(plan, table, spec, o, shards), OptionsError, "sample 0: is in two shards");
    STAFFEVAL_EXPECT_THROW_MSG(monte_carlo_samples(plan, table, spec, o, 90, 8), OptionsError, "go beyond the analysis's 97");
  }
}

// A Sobol' design evaluated in shards and gathered gives the indices a single run gives, with
// shard ends inside the analysis's blocks of runs, on the linear form and on evaluated runs.
TEST(SobolAnalysis, ShardsGatheredGiveTheSameIndices) {
  for (const char* spec_file : {"three-level.uncertainty.yaml", "weighted.choices.yaml"}) {
    SCOPED_TRACE(spec_file);
    const std::string model_file = std::string(spec_file) == "weighted.choices.yaml" ? "weighted.yaml" : "three-level.yaml";
    const IndicatorModel model = load_model(kEx + "/" + model_file);
    const Table table = load_table(kEx + "/units.csv", table_options(model));
    const Plan plan = compile(model, table);
    const UncertaintySpec spec = load_uncertainty(kEx + "/" + spec_file, model);
    SobolAnalysisOptions o;
    o.base = 64;
    o.bootstrap = 50;
    o.units = {"U001", "U150"};
    const SobolAnalysisResult whole = sobol_analysis(plan, table, spec, o);
    const std::size_t third = whole.runs / 3 + 5;  // not a multiple of the blocks
    std::vector<SobolShard> shards{sobol_runs(plan, table, spec, o, third, whole.runs - third),
                                   sobol_runs(plan, table, spec, o, 0, third)};
    EXPECT_EQ(shards[0].runs, whole.runs);
    EXPECT_EQ(sobol_runs(plan, table, spec, o, 0, 0).runs, whole.runs);
    const SobolAnalysisResult gathered = sobol_analysis(plan, table, spec, o, shards);
    auto same = [](const SobolIndices& a, const SobolIndices& b) {
      for (auto p : {&SobolIndices::first, &SobolIndices::total, &SobolIndices::first_low, &SobolIndices::total_high})
        EXPECT_TRUE(((a.*p).array() == (b.*p).array() || ((a.*p).array().isNaN() && (b.*p).array().isNaN())).all());
    };
    same(gathered.rank_shift, whole.rank_shift);
    ASSERT_EQ(gathered.rank.size(), 2u);
    same(gathered.rank[1], whole.rank[1]);
    same(gathered.score[0], whole.score[0]);
    shards.pop_back();
    STAFFEVAL_EXPECT_THROW_MSG(sobol_analysis(plan, table, spec, o, shards), OptionsError, "run 0: is in no shard");
    STAFFEVAL_EXPECT_THROW_MSG(sobol_runs(plan, table, spec, o, whole.runs - 1, 2), OptionsError, "go beyond the design's");
  }
}

// Weight-only uncertainty of an arithmetic model without rounding is one matrix product: the
// same scores and ranks as evaluating the plan with each sample's weights.
TEST(MonteCarlo, TheLinearFormAgreesWithReevaluation) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  const Plan plan = compile(model, table);
  const UncertaintySpec spec = load_uncertainty(kEx + "/three-level.uncertainty.yaml", model);
  MonteCarloOptions o;
  o.samples = 40;
  o.scoring.rounding = RoundingPolicy{};  // none
  o.scoring.missing = MissingPolicy::kZero;  // no unit renormalises over fewer indicators
  const MonteCarloResult m = monte_carlo(plan, table, spec, o);
  ASSERT_TRUE(m.linear);
  const std::size_t n = table.size();
  Eigen::VectorXd score_sum = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(n));
  Eigen::VectorXd rank_sum = score_sum;
  ScoringOptions so = o.scoring;
  for (Eigen::Index s = 0; s < m.edge_samples.rows(); ++s) {
    so.edge_weights = m.edge_samples.row(s).transpose();
    const ScoringResult r = evaluate(plan, table, so);
    score_sum += r.total;
    for (std::size_t i = 0; i < n; ++i) rank_sum[static_cast<Eigen::Index>(i)] += r.rank[i];
  }
  for (std::size_t i = 0; i < n; ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    EXPECT_NEAR(m.score_mean[I], score_sum[I] / 40, 1e-9) << m.unit_ids[i];
    EXPECT_EQ(m.rank_mean[I], rank_sum[I] / 40) << m.unit_ids[i];
  }
  // Indicator rounding is not linear in the weights: every sample is evaluated.
  o.scoring.rounding = RoundingPolicy{RoundingScope::kIndicator, 2, RoundingMode::kHalfUp};
  EXPECT_FALSE(monte_carlo(plan, table, spec, o).linear);
}

// One weight at a time, by hand on the two-indicator model: A +50% (proportional) makes the
// shares 0.75 / 0.25, so u1 = 75 (rank 1, 合格), u3 = 50 (2), u2 = 25 (3); no change is the
// nominal result.
TEST(OneAtATime, ByHand) {
  const IndicatorModel model = load_model_from_string(kTwo, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\nu3,50,50\n", "two.csv");
  const Plan plan = compile(model, table);
  OatOptions o;
  o.steps = 2;  // -50%, 0, +50%
  const OatResult r = one_at_a_time(plan, table, o);
  ASSERT_EQ(r.changes, (std::vector<double>{-0.5, 0, 0.5}));
  const std::size_t a = r.edge_labels[0] == "top/A" ? 0 : 1;
  const auto up = static_cast<Eigen::Index>(r.column(a, 2)), none = static_cast<Eigen::Index>(r.column(a, 1));
  EXPECT_DOUBLE_EQ(r.score(0, up), 75);
  EXPECT_DOUBLE_EQ(r.score(1, up), 25);
  EXPECT_EQ(r.rank(0, up), 1);
  EXPECT_EQ(r.rank(1, up), 3);
  EXPECT_EQ(r.rank(2, up), 2);
  EXPECT_DOUBLE_EQ(r.mean_abs_rank_shift(static_cast<Eigen::Index>(a), 2), 1.0);
  EXPECT_EQ(r.grade_changes(static_cast<Eigen::Index>(a), 2), 1);
  for (Eigen::Index i = 0; i < 3; ++i) EXPECT_EQ(r.score(i, none), r.nominal_score[i]);
  EXPECT_EQ(r.mean_abs_rank_shift(static_cast<Eigen::Index>(a), 1), 0);
  // u1 becomes 合格 (75) with A +50% or B -50%, u2 with B +50% or A -50%; ties go to the first
  // weight, then the smaller change. u3 stays at 50 whatever moves.
  EXPECT_EQ(r.deciding_edge[0], 0);
  EXPECT_EQ(r.deciding_change[0], a == 0 ? 0.5 : -0.5);
  EXPECT_EQ(r.deciding_edge[1], 0);
  EXPECT_EQ(r.deciding_change[1], a == 0 ? -0.5 : 0.5);
  EXPECT_EQ(r.deciding_edge[2], -1);
  // Equal rescaling that would take a weight below 0 is not run: shares 0.5, 0.45, 0.05 and the
  // first +50% would leave the third 0.05 - 0.125.
  const IndicatorModel three = load_model_from_string(
      "id: three\nweights: relative\nindicators:\n"
      "  - {id: A, value: a, weight: 50, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: B, value: b, weight: 45, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: C, value: c, weight: 5, rule: {type: linear, worst: 0, best: 100}}\n",
      "three.yaml");
  const Table t3 = parse_table("id,a,b,c\nu1,100,0,0\nu2,0,100,0\n", "three.csv");
  o.rescale = Rescale::kEqual;
  const OatResult q = one_at_a_time(compile(three, t3), t3, o);
  EXPECT_TRUE(std::isnan(q.mean_abs_rank_shift(0, 2)));
  EXPECT_EQ(q.grade_changes(0, 2), -1);
  EXPECT_EQ(q.rank(0, static_cast<Eigen::Index>(q.column(0, 2))), 0);
  EXPECT_DOUBLE_EQ(q.score(0, static_cast<Eigen::Index>(q.column(0, 0))), 25);  // A -50%: 0.25
  o.steps = 0;
  STAFFEVAL_EXPECT_THROW_MSG(one_at_a_time(plan, table, o), OptionsError, "OatOptions::steps");
}

// Two indicators of equal weight; u1 has all of A, u2 all of B, u3 half of each: 50 points each,
// all rank 1 and 不合格. Without A: u2 100 (rank 1, 优秀), u3 50 (2), u1 0 (3).
TEST(Removal, ByHand) {
  const IndicatorModel model = load_model_from_string(kTwo, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\nu3,50,50\n", "two.csv");
  const RemovalResult r = removal(compile(model, table), table);
  ASSERT_EQ(r.removed, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(r.nominal_rank, (std::vector<int>{1, 1, 1}));
  EXPECT_EQ(r.score(1, 0), 100);
  EXPECT_EQ(r.rank(0, 0), 3);
  EXPECT_EQ(r.rank(1, 0), 1);
  EXPECT_EQ(r.rank(2, 0), 2);
  EXPECT_DOUBLE_EQ(r.mean_abs_rank_shift[0], 1.0);  // (2 + 0 + 1) / 3
  EXPECT_EQ(r.max_abs_rank_shift[0], 2);
  EXPECT_EQ(r.grade_changes[0], (std::vector<std::size_t>{1}));  // u2 becomes 优秀
  EXPECT_EQ(r.grade(1, 0), 0);
  EXPECT_EQ(r.grade_changes[1], (std::vector<std::size_t>{0}));  // without B, u1
  EXPECT_NE(r.brief_report().find("changes 1 grade(s)"), std::string::npos) << r.brief_report();
}

// Removing every indicator of a three-level model in turn, and every group: thread counts
// change nothing.
TEST(Removal, ThreeLevelThreadsAgree) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  const Table table = load_table(kEx + "/units.csv", table_options(model));
  const Plan plan = compile(model, table);
  RemovalOptions o;
  o.threads = 1;
  const RemovalResult one = removal(plan, table, o);
  o.threads = 2;
  const RemovalResult two = removal(plan, table, o);
  EXPECT_EQ(one.removed.size(), plan.leaf_nodes().size() + plan.group_nodes().size());
  EXPECT_TRUE(one.rank == two.rank);
  EXPECT_TRUE((one.score.array() == two.score.array() || (one.score.array().isNaN() && two.score.array().isNaN())).all());
  EXPECT_GT(one.mean_abs_rank_shift.maxCoeff(), 0);
}

// Critical changes by hand on the two-indicator model. Moving A by c (proportional): shares
// 0.5 (1 + c) and 0.5 (1 - c), so u1 (100, 0) = 50 + 50c, u2 (0, 100) = 50 - 50c and
// u3 (70, 76) = 73 - 3c.
TEST(Critical, ByHandOnALinearModel) {
  const IndicatorModel model = load_model_from_string(kTwo, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\nu3,70,76\n", "two.csv");
  const Plan plan = compile(model, table);
  const int a = plan.node_ids()[static_cast<std::size_t>(plan.edges()[0].child)] == "A" ? 0 : 1;
  CriticalOptions o;
  o.scoring.rounding = RoundingPolicy{};  // none
  o.top_k = 1;
  o.pairs = {{"u1", "u3"}};
  const CriticalResult r = critical_changes(plan, table, o);
  ASSERT_TRUE(r.exact);
  EXPECT_EQ(r.range_low[static_cast<std::size_t>(a)], -1);
  EXPECT_EQ(r.range_high[static_cast<std::size_t>(a)], 1);  // A's share reaches 1
  // u1 reaches 合格 (60) at +20%; u2 at -20%; u3 (合格, 73) stays within 70-76 over [-1, 1].
  EXPECT_NEAR(r.grade_up(0, a), 0.2, 1e-12);
  EXPECT_EQ(r.grade_names[static_cast<std::size_t>(r.grade_to_up(0, a))], "合格");
  EXPECT_TRUE(std::isnan(r.grade_down(0, a)));
  EXPECT_NEAR(r.grade_down(1, a), -0.2, 1e-12);
  EXPECT_TRUE(std::isnan(r.grade_down(2, a)) && std::isnan(r.grade_up(2, a)));
  EXPECT_EQ(r.deciding_edge[0], a);
  // u1 ties u3 at 50 + 50c = 73 - 3c: c = 23/53; going down they only part further.
  EXPECT_NEAR(r.pair_swap[0][static_cast<std::size_t>(a)].up, 23.0 / 53, 1e-12);
  EXPECT_TRUE(std::isnan(r.pair_swap[0][static_cast<std::size_t>(a)].down));
  // The top 1 (u3) changes when u1 ties it (+23/53) or u2 does (50 - 50c = 73 - 3c: c = -23/47).
  EXPECT_NEAR(r.top_k_change[static_cast<std::size_t>(a)].up, 23.0 / 53, 1e-12);
  EXPECT_NEAR(r.top_k_change[static_cast<std::size_t>(a)].down, -23.0 / 47, 1e-12);
  // Totals rounded to whole points (half up): u1 shows 60 from 59.5, at c = 0.19.
  o.scoring.rounding = RoundingPolicy{RoundingScope::kTotal, 0, RoundingMode::kHalfUp};
  const CriticalResult rounded = critical_changes(plan, table, o);
  ASSERT_TRUE(rounded.exact);
  EXPECT_NEAR(rounded.grade_up(0, a), 0.19, 1e-12);
  o.pairs = {{"u1", "nobody"}};
  STAFFEVAL_EXPECT_THROW_MSG(critical_changes(plan, table, o), OptionsError, "nobody");
}

// Every reported change is confirmed by evaluating the plan: at the change the unit's grade is
// another, a hair before it is still the nominal one. Exact on the linear form of the three-level
// example (its first 80 units); bracketed to the tolerance when indicator rounding makes totals
// not linear.
TEST(Critical, ConfirmedByEvaluatingThePlan) {
  const IndicatorModel model = load_model(kEx + "/three-level.yaml");
  std::string csv = read_text(kEx + "/units.csv");
  std::size_t end = 0;
  for (int line = 0; line < 81; ++line) end = csv.find('\n', end) + 1;
  const Table table = parse_table(csv.substr(0, end), "units.csv", table_options(model));
  const Plan plan = compile(model, table);
  for (const bool linear : {true, false}) {
    CriticalOptions o;
    o.top_k = 0;
    o.scoring.missing = MissingPolicy::kZero;
    o.scoring.rounding = linear ? RoundingPolicy{} : RoundingPolicy{RoundingScope::kIndicator, 1, RoundingMode::kHalfUp};
    o.tolerance = 1e-7;
    const CriticalResult r = critical_changes(plan, table, o);
    EXPECT_EQ(r.exact, linear);
    const auto group_of = [&](std::size_t e) {
      for (const auto& g : plan.groups())
        for (int x : g.edges)
          if (x == static_cast<int>(e)) return &g;
      return &plan.top();
    };
    ScoringOptions so = o.scoring;
    const ScoringResult nominal = evaluate(plan, table, so);
    auto grade_at = [&](std::size_t e, double c, std::size_t i) {
      const PlanGroup& g = *group_of(e);
      double sum = 0;
      for (int x : g.edges) sum += nominal.edge_weights[x];
      const double p = nominal.edge_weights[static_cast<Eigen::Index>(e)] / sum;
      Eigen::VectorXd w = nominal.edge_weights;
      for (int x : g.edges)
        w[x] = x == static_cast<int>(e) ? p * (1 + c) * sum : nominal.edge_weights[x] * (1 - p * (1 + c)) / (1 - p);
      so.edge_weights = w;
      return evaluate(plan, table, so).grade[i];
    };
    int checked = 0;
    for (std::size_t i = 0; i < r.unit_ids.size() && checked < 12; i += 7) {
      const int e = r.deciding_edge[i];
      if (e < 0) continue;
      const double c = r.deciding_change[i];
      const double before = linear ? c - 1e-9 * (c > 0 ? 1 : -1) : c - o.tolerance * (c > 0 ? 1 : -1) * 1.01;
      // Exact: solved on the linear form, whose totals agree with the evaluation's to rounding
      // error, so at the change itself the evaluation may still be a hair short.
      const double at = linear ? c + 1e-9 * (c > 0 ? 1 : -1) : c;
      EXPECT_NE(grade_at(static_cast<std::size_t>(e), at, i), r.nominal_grade[i]) << r.unit_ids[i] << " " << c;
      EXPECT_EQ(grade_at(static_cast<std::size_t>(e), before, i), r.nominal_grade[i]) << r.unit_ids[i];
      ++checked;
    }
    EXPECT_GE(checked, 6);
  }
}

// Thread counts change nothing.
TEST(Critical, ThreadCountsAgree) {
  const IndicatorModel model = load_model(kEx + "/single-level.yaml");
  std::string csv = read_text(kEx + "/units.csv");
  std::size_t end = 0;
  for (int line = 0; line < 61; ++line) end = csv.find('\n', end) + 1;
  const Table table = parse_table(csv.substr(0, end), "units.csv", table_options(model));
  const Plan plan = compile(model, table);
  CriticalOptions o;
  o.grid = 4;
  o.tolerance = 1e-3;
  o.threads = 1;
  const std::string one = to_json(critical_changes(plan, table, o));
  o.threads = 2;
  EXPECT_EQ(one, to_json(critical_changes(plan, table, o)));
}

// Sobol' indices of a model's weights. G2's two indicators have equal values in every unit, so
// its weights move nothing: their total indices are 0 and G1's carry the whole variance.
const char* kGroups =
    "id: groups\nweights: relative\nrounding: {scope: none}\nindicators:\n"
    "  - id: G1\n    weight: 1\n    children:\n"
    "      - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
    "      - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
    "  - id: G2\n    weight: 1\n    children:\n"
    "      - {id: C, value: c, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
    "      - {id: D, value: d, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n";

TEST(SobolAnalysis, InputsThatMoveNothingGetNoVariance) {
  const IndicatorModel model = load_model_from_string(kGroups, "groups.yaml");
  const Table table = parse_table("id,a,b,c,d\nu1,90,10,50,50\nu2,20,80,55,55\nu3,60,40,40,40\nu4,30,75,70,70\n", "g.csv");
  const Plan plan = compile(model, table);
  const UncertaintySpec spec = load_uncertainty_from_string(
      "weights:\n  - {group: G1, draw: percent, percent: 50}\n  - {group: G2, draw: percent, percent: 50}\n", "u.yaml", model);
  SobolAnalysisOptions o;
  o.base = 512;
  o.bootstrap = 50;
  o.unit_bootstrap = 0;
  const SobolAnalysisResult r = sobol_analysis(plan, table, spec, o);
  ASSERT_EQ(r.inputs, (std::vector<std::string>{"G1/A", "G1/B", "G2/C", "G2/D"}));
  EXPECT_TRUE(r.linear);
  EXPECT_EQ(r.runs, 512u * 6);
  ASSERT_EQ(r.units.size(), 4u);
  for (std::size_t c = 0; c < 4; ++c) {
    ASSERT_FALSE(r.score[c].constant) << c;
    EXPECT_NEAR(r.score[c].total[2], 0, 1e-12) << c;
    EXPECT_NEAR(r.score[c].total[3], 0, 1e-12) << c;
    EXPECT_NEAR(r.score[c].first[2], 0, 1e-12) << c;
    // The score depends on the ratio of G1's two weights only: A's and B's indices are equal by
    // symmetry (within the design's error), and together with their interaction they make 1.
    EXPECT_GT(r.score[c].total[0] + r.score[c].total[1], 0.95) << c;
    EXPECT_NEAR(r.score[c].total[0], r.score[c].total[1], 0.1) << c;
    EXPECT_NEAR(r.score[c].first_jansen[0] + r.score[c].first_jansen[1], 0.95, 0.1) << c;
  }
  EXPECT_FALSE(std::isnan(r.rank_shift.total_low[0]));
  // Thread counts change nothing.
  o.threads = 1;
  const std::string one = to_json(sobol_analysis(plan, table, spec, o));
  o.threads = 2;
  EXPECT_EQ(one, to_json(sobol_analysis(plan, table, spec, o)));
  o.units = {"u2", "nobody"};
  STAFFEVAL_EXPECT_THROW_MSG(sobol_analysis(plan, table, spec, o), OptionsError, "nobody");
  o.units = {};
  o.base = 1;
  STAFFEVAL_EXPECT_THROW_MSG(sobol_analysis(plan, table, spec, o), OptionsError, "base");
}

// An indicator set that leaves a group without indicators is refused with its line.
TEST(MonteCarloBeyondWeights, SetsMustKeepEveryGroup) {
  const IndicatorModel model = load_model_from_string(kGroups, "groups.yaml");
  const Table table = parse_table("id,a,b,c,d\nu1,90,10,50,50\nu2,20,80,55,55\n", "g.csv");
  const Plan plan = compile(model, table);
  const UncertaintySpec spec =
      load_uncertainty_from_string("inclusion:\n  sets:\n    - [A, C]\n    - [A, B]\n", "u.yaml", model);
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(plan, table, spec), ModelError,
                             "u.yaml:4:7: inclusion.sets[1] = G2: leaves this group without any indicator");
}

// Where the totals are not linear (indicators rounded), every run evaluates the plan; with the
// rounding too fine to matter the indices are those of the linear form.
TEST(SobolAnalysis, ReevaluationAgreesWithTheLinearForm) {
  const IndicatorModel model = load_model_from_string(kGroups, "groups.yaml");
  const Table table = parse_table("id,a,b,c,d\nu1,90,10,50,20\nu2,20,80,55,95\nu3,60,40,40,10\n", "g.csv");
  const Plan plan = compile(model, table);
  const UncertaintySpec spec = load_uncertainty_from_string("weights:\n  - {group: all, draw: dirichlet, concentration: 20}\n", "u.yaml", model);
  SobolAnalysisOptions o;
  o.base = 128;
  o.bootstrap = 0;
  o.unit_bootstrap = 0;
  const SobolAnalysisResult linear = sobol_analysis(plan, table, spec, o);
  ASSERT_TRUE(linear.linear);
  o.scoring.rounding = RoundingPolicy{RoundingScope::kIndicator, 12, RoundingMode::kHalfUp};
  const SobolAnalysisResult evaluated = sobol_analysis(plan, table, spec, o);
  ASSERT_FALSE(evaluated.linear);
  EXPECT_EQ(evaluated.not_linear, "indicators are rounded");
  for (std::size_t c = 0; c < linear.units.size(); ++c)
    for (Eigen::Index j = 0; j < linear.score[c].total.size(); ++j)
      EXPECT_NEAR(linear.score[c].total[j], evaluated.score[c].total[j], 1e-6) << c << " " << j;
}

// Every long analysis reports its progress from the calling thread, ends at (total, total), and
// stops with Cancelled when the callback says so.
TEST(Progress, ReportsAndCancels) {
  const IndicatorModel model = load_model(kEx + "/single-level.yaml");
  std::string csv = read_text(kEx + "/units.csv");
  std::size_t end = 0;
  for (int line = 0; line < 41; ++line) end = csv.find('\n', end) + 1;
  const Table table = parse_table(csv.substr(0, end), "units.csv", table_options(model));
  const Plan plan = compile(model, table);
  const UncertaintySpec spec = load_uncertainty(kEx + "/single-level.uncertainty.yaml", model);
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const Progress record = [&](std::size_t done, std::size_t total) {
    calls.emplace_back(done, total);
    return true;
  };
  const Progress stop = [](std::size_t done, std::size_t) { return done == 0; };
  auto check = [&](const char* what) {
    ASSERT_GE(calls.size(), 2u) << what;
    for (std::size_t k = 1; k < calls.size(); ++k) EXPECT_GE(calls[k].first, calls[k - 1].first) << what;
    EXPECT_EQ(calls.back().first, calls.back().second) << what;
    calls.clear();
  };
  MonteCarloOptions mc;
  mc.samples = 200;
  mc.progress = record;
  monte_carlo(plan, table, spec, mc);
  check("mc");
  mc.progress = stop;
  EXPECT_THROW(monte_carlo(plan, table, spec, mc), Cancelled);
  SobolAnalysisOptions so;
  so.base = 16;
  so.bootstrap = so.unit_bootstrap = 0;
  so.progress = record;
  sobol_analysis(plan, table, spec, so);
  check("sobol");
  so.progress = stop;
  EXPECT_THROW(sobol_analysis(plan, table, spec, so), Cancelled);
  OatOptions oat;
  oat.progress = record;
  one_at_a_time(plan, table, oat);
  check("oat");
  oat.progress = stop;
  EXPECT_THROW(one_at_a_time(plan, table, oat), Cancelled);
  CriticalOptions cr;
  cr.grid = 2;
  cr.tolerance = 1e-2;
  cr.progress = record;
  critical_changes(plan, table, cr);
  check("critical");
  cr.progress = stop;
  EXPECT_THROW(critical_changes(plan, table, cr), Cancelled);
  RemovalOptions rm;
  rm.progress = record;
  removal(plan, table, rm);
  check("removal");
  rm.progress = stop;
  EXPECT_THROW(removal(plan, table, rm), Cancelled);
}

// Beyond the weights: grade thresholds, inclusion of indicators, the missing-value policy and
// measurement noise, each sampled by the Monte Carlo analysis.
const char* kTwoFields =
    "id: two\nweights: relative\nrounding: {scope: none}\nfields:\n  a: {label: A}\n  b: {label: B}\nindicators:\n"
    "  - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
    "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n";

TEST(UncertaintySpec, BeyondWeightsIsReadAndChecked) {
  const IndicatorModel model = load_model_from_string(kTwoFields, "two.yaml");
  const UncertaintySpec spec = load_uncertainty_from_string(
      "thresholds: {points: 2}\nnoise:\n  - {field: all, relative: 0.05}\ninclusion: {drop: 0.2, keep: [A]}\n"
      "missing: [skip, zero]\n",
      "u.yaml", model);
  EXPECT_TRUE(spec.weights.empty());
  EXPECT_EQ(spec.threshold_points, 2);
  ASSERT_EQ(spec.noise.size(), 2u);
  EXPECT_EQ(spec.noise[1].field, "b");
  EXPECT_EQ(spec.drop, 0.2);
  EXPECT_EQ(spec.keep, std::vector<std::string>{"A"});
  EXPECT_EQ(spec.missing, (std::vector<MissingPolicy>{MissingPolicy::kSkip, MissingPolicy::kZero}));
  EXPECT_TRUE(spec.beyond_weights());
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("thresholds: {points: 6}\n", "u.yaml", model), ModelError,
                             "u.yaml:1:22: thresholds.points = 6: must be less than half the smallest gap");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("noise:\n  - {field: c, relative: 0.1}\n", "u.yaml", model),
                             ModelError, "u.yaml:2:13: noise[0].field = c: is not a field of the model two");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("noise:\n  - {field: a, relative: 2}\n", "u.yaml", model),
                             ModelError, "noise[0].relative = 2: must be in (0, 1]");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("inclusion: {drop: 0.1, keep: [Z]}\n", "u.yaml", model),
                             ModelError, "inclusion.keep[0] = Z: is not an indicator of the model two");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("missing: [zero, fail]\n", "u.yaml", model), ModelError,
                             "missing[1] = fail: cannot be sampled");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("missing: [zero, zero]\n", "u.yaml", model), ModelError,
                             "missing[1] = zero: is listed twice");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("seed: 3\n", "u.yaml", model), ModelError, "seed");
}

// u1 scores 60.5, half a point above 合格 (60): with the minimums within +-1 point it fails when
// 合格's minimum moves above 60.5, P = 0.25.
TEST(MonteCarloBeyondWeights, ThresholdsMove) {
  const IndicatorModel model = load_model_from_string(kTwoFields, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,21\nu2,0,0\n", "two.csv");
  const Plan plan = compile(model, table);
  MonteCarloOptions o;
  o.samples = 4000;
  const MonteCarloResult m = monte_carlo(plan, table, load_uncertainty_from_string("thresholds: {points: 1}\n", "u.yaml", model), o);
  EXPECT_NEAR(m.grade_probability(0, 3), 0.25, 0.03);  // 4000 samples: standard error 0.007
  EXPECT_NEAR(m.grade_probability(0, 2), 0.75, 0.03);
  EXPECT_EQ(m.grade_probability(1, 3), 1.0);
  EXPECT_EQ(m.score_p5[0], 60.5);
  // The same through re-evaluation (a sampled missing-value policy forces it), with the same draws.
  const MonteCarloResult again = monte_carlo(
      plan, table, load_uncertainty_from_string("thresholds: {points: 1}\nmissing: [skip]\n", "u.yaml", model), o);
  EXPECT_FALSE(again.linear);
  EXPECT_EQ(again.grade_probability(0, 3), m.grade_probability(0, 3));
  EXPECT_EQ(again.grade_probability(1, 3), 1.0);
}

// u1 (100, 0) with each indicator left out with probability 0.5: both kept 50, A left out 0,
// B left out 100, both drawn out keeps both (50).
TEST(MonteCarloBeyondWeights, IndicatorsLeftOut) {
  const IndicatorModel model = load_model_from_string(kTwoFields, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,50,50\n", "two.csv");
  const Plan plan = compile(model, table);
  MonteCarloOptions o;
  o.samples = 2000;
  const MonteCarloResult m = monte_carlo(plan, table, load_uncertainty_from_string("inclusion: {drop: 0.5}\n", "u.yaml", model), o);
  EXPECT_TRUE(m.linear);
  std::size_t one_left = 0;
  for (Eigen::Index s = 0; s < m.edge_samples.rows(); ++s) {
    const int zeros = (m.edge_samples(s, 0) == 0) + (m.edge_samples(s, 1) == 0);
    EXPECT_LT(zeros, 2);
    one_left += zeros == 1;
  }
  EXPECT_NEAR(static_cast<double>(one_left) / 2000, 0.5, 0.05);
  EXPECT_NEAR(m.score_mean[0], 50, 3);
  EXPECT_EQ(m.score_p5[0], 0);
  EXPECT_EQ(m.score_p95[0], 100);
  EXPECT_EQ(m.score_p5[1], 50);  // 50 whatever is left out
  // Alternative sets: {A} or {A, B}, equally likely: u1 scores 100 or 50.
  const MonteCarloResult sets =
      monte_carlo(plan, table, load_uncertainty_from_string("inclusion: {sets: [[A], [A, B]]}\n", "u.yaml", model), o);
  EXPECT_EQ(sets.score_p5[0], 50);
  EXPECT_EQ(sets.score_p95[0], 100);
  EXPECT_NEAR(sets.score_mean[0], 75, 3);
  STAFFEVAL_EXPECT_THROW_MSG(
      load_uncertainty_from_string("inclusion: {sets: [[A], [C]]}\n", "u.yaml", model), ModelError,
      "inclusion.sets[1][0] = C: is not an indicator");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("inclusion: {drop: 0.1, sets: [[A], [B]]}\n", "u.yaml", model),
                             ModelError, "alternative to drop");
  // Kept indicators never leave.
  const MonteCarloResult kept =
      monte_carlo(plan, table, load_uncertainty_from_string("inclusion: {drop: 0.5, keep: [A, B]}\n", "u.yaml", model), o);
  EXPECT_EQ(kept.score_p5[0], 50);
  EXPECT_EQ(kept.score_p95[0], 50);
}

// u3 lacks b: skipped it scores 80 (A alone), as zero 40.
TEST(MonteCarloBeyondWeights, MissingValuePolicies) {
  const IndicatorModel model = load_model_from_string(kTwoFields, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\nu3,80,\n", "two.csv");
  const Plan plan = compile(model, table);
  MonteCarloOptions o;
  o.samples = 400;
  const MonteCarloResult zero = monte_carlo(plan, table, load_uncertainty_from_string("missing: [zero]\n", "u.yaml", model), o);
  EXPECT_FALSE(zero.linear);
  EXPECT_EQ(zero.score_p5[2], 40);
  EXPECT_EQ(zero.score_p95[2], 40);
  EXPECT_EQ(zero.nominal_score[2], 80);
  const MonteCarloResult both =
      monte_carlo(plan, table, load_uncertainty_from_string("missing: [skip, zero]\n", "u.yaml", model), o);
  EXPECT_EQ(both.score_p5[2], 40);
  EXPECT_EQ(both.score_p95[2], 80);
  EXPECT_NEAR(both.score_mean[2], 60, 6);
}

// Relative noise on field a: u1's score moves, u2's a = 0 stays 0 (zeros and signs are kept);
// thread counts change nothing.
TEST(MonteCarloBeyondWeights, MeasurementNoise) {
  const IndicatorModel model = load_model_from_string(kTwoFields, "two.yaml");
  const Table table = parse_table("id,a,b\nu1,50,50\nu2,0,100\nu3,40,70\n", "two.csv");
  const Plan plan = compile(model, table);
  const UncertaintySpec spec = load_uncertainty_from_string("noise:\n  - {field: a, relative: 0.1}\n", "u.yaml", model);
  MonteCarloOptions o;
  o.samples = 300;
  o.threads = 1;
  const MonteCarloResult one = monte_carlo(plan, table, spec, o);
  EXPECT_LT(one.score_p5[0], 48.5);
  EXPECT_GT(one.score_p95[0], 51.5);
  EXPECT_NEAR(one.score_mean[0], 50, 0.5);  // the factor's mean is 1
  EXPECT_EQ(one.score_p5[1], 50);
  EXPECT_EQ(one.score_p95[1], 50);
  o.threads = 2;
  EXPECT_EQ(to_json(one), to_json(monte_carlo(plan, table, spec, o)));
  // The Sobol' analysis apportions weights only: it refuses the rest, naming the line.
  STAFFEVAL_EXPECT_THROW_MSG(sobol_analysis(plan, table, spec), OptionsError, "u.yaml:2");
}

// A plain decision matrix: replayed weights give, per sample, the ranks rank_alternatives() gives.
TEST(MatrixMonteCarlo, ReplayAgreesWithRankingEachSample) {
  DecisionMatrix dm;
  dm.values.resize(5, 3);
  dm.values << 7, 3, 120, 5, 6, 90, 9, 2, 150, 4, 8, 60, 6, 5, 100;
  dm.unit_ids = {"a", "b", "c", "d", "e"};
  dm.criteria = {"x", "y", "cost"};
  dm.directions = {Direction::kBenefit, Direction::kBenefit, Direction::kCost};
  const Eigen::VectorXd w = Eigen::Vector3d(0.4, 0.4, 0.2);
  MethodOptions method;
  method.method = Method::kTopsis;
  MonteCarloOptions o;
  o.replay.resize(3, 3);
  o.replay << 0.4, 0.4, 0.2, 0.8, 0.1, 0.1, 0.1, 0.8, 0.1;
  o.acceptability_ranks = 5;
  const MonteCarloResult m = monte_carlo(dm, w, method, MatrixUncertainty{}, o);
  ASSERT_EQ(m.samples, 3u);
  EXPECT_TRUE(m.grade_names.empty());
  EXPECT_TRUE(std::isnan(m.robust_share));
  Eigen::VectorXd rank_sum = Eigen::VectorXd::Zero(5);
  for (Eigen::Index s = 0; s < 3; ++s) {
    const MethodResult r = rank_alternatives(dm, o.replay.row(s).transpose(), method);
    for (std::size_t i = 0; i < 5; ++i) rank_sum[static_cast<Eigen::Index>(i)] += r.rank[i];
  }
  const MethodResult nominal = rank_alternatives(dm, w, method);
  for (std::size_t i = 0; i < 5; ++i) {
    EXPECT_EQ(m.rank_mean[static_cast<Eigen::Index>(i)], rank_sum[static_cast<Eigen::Index>(i)] / 3) << i;
    EXPECT_EQ(m.nominal_rank[i], nominal.rank[i]);
  }
  // Drawn weights barely moving keep the nominal ranks; a VIKOR parameter over its whole range
  // moves them; a parameter the method does not read is refused, as is an empty uncertainty.
  MatrixUncertainty still;
  still.weights = WeightUncertainty{};
  still.weights->concentration = 1e12;
  o.replay.resize(0, 0);
  o.samples = 50;
  const MonteCarloResult s = monte_carlo(dm, w, method, still, o);
  for (std::size_t i = 0; i < 5; ++i) EXPECT_EQ(s.rank_median[static_cast<Eigen::Index>(i)], nominal.rank[i]);
  MethodOptions vikor;
  vikor.method = Method::kVikor;
  MatrixUncertainty v;
  v.parameters = {{"v", 0.0, 1.0}};
  o.samples = 200;
  EXPECT_GT(monte_carlo(dm, w, vikor, v, o).mean_abs_rank_shift, 0);
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(dm, w, method, v, o), OptionsError, "is not a parameter of topsis");
  v.parameters = {{"v", 0.5, 1.5}};
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(dm, w, vikor, v, o), OptionsError, "needs low < high within [0, 1]");
  STAFFEVAL_EXPECT_THROW_MSG(monte_carlo(dm, w, method, MatrixUncertainty{}, o), OptionsError, "makes neither");
}

// AHP judgments moved along the 1-9 scale: with move 1 the one judgment (A over B, 3) becomes 2
// or 4 in every sample, so the weights are (2/3, 1/3) or (4/5, 1/5), about equally often.
TEST(MonteCarloBeyondWeights, JudgmentsMove) {
  const char* yaml =
      "id: ahp2\nweights: relative\nrounding: {scope: none}\nweighting: {method: ahp, matrix: [[1, 3], [1/3, 1]]}\n"
      "indicators:\n"
      "  - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
      "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n";
  const IndicatorModel model = load_model_from_string(yaml, "ahp2.yaml");
  const Table table = parse_table("id,a,b\nu1,100,0\nu2,0,100\n", "two.csv");
  const Plan plan = compile(model, table);
  const int a = plan.node_ids()[static_cast<std::size_t>(plan.edges()[0].child)] == "A" ? 0 : 1;
  MonteCarloOptions o;
  o.samples = 400;
  const MonteCarloResult m =
      monte_carlo(plan, table, load_uncertainty_from_string("judgments:\n  - {group: top, move: 1}\n", "u.yaml", model), o);
  std::size_t two = 0;
  for (Eigen::Index s = 0; s < m.edge_samples.rows(); ++s) {
    const double share = m.edge_samples(s, a) / m.edge_samples.row(s).sum();
    const bool is_two = std::fabs(share - 2.0 / 3) < 1e-9, is_four = std::fabs(share - 0.8) < 1e-9;
    EXPECT_TRUE(is_two || is_four) << share;
    two += is_two;
  }
  EXPECT_NEAR(static_cast<double>(two) / 400, 0.5, 0.1);
  EXPECT_NEAR(m.score_p5[0], 200.0 / 3, 1e-9);  // u1 = 100 x A's share
  EXPECT_NEAR(m.score_p95[0], 80, 1e-9);
  STAFFEVAL_EXPECT_THROW_MSG(
      load_uncertainty_from_string("judgments:\n  - {group: top, bootstrap: true}\n", "u.yaml", model), ModelError,
      "needs a panel");
  STAFFEVAL_EXPECT_THROW_MSG(
      load_uncertainty_from_string("judgments:\n  - {group: top, move: 0}\n", "u.yaml", model), ModelError, "moves nothing");
  STAFFEVAL_EXPECT_THROW_MSG(load_uncertainty_from_string("weights:\n  - {group: top, draw: uniform}\njudgments:\n  - "
                                                          "{group: top, move: 0.5}\n",
                                                          "u.yaml", model),
                             ModelError, "already has its weights drawn");
  const IndicatorModel written = load_model_from_string(kTwoFields, "two.yaml");
  STAFFEVAL_EXPECT_THROW_MSG(
      load_uncertainty_from_string("judgments:\n  - {group: top, move: 0.5}\n", "u.yaml", written), ModelError,
      "is not weighted by AHP judgments");
}

}  // namespace
}  // namespace staffeval
