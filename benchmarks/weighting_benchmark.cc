// Weighting methods: AHP (with and without the revision search) and objective weights on
// decision matrices of the sizes evaluations meet.
#include <algorithm>
#include <cmath>
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "staffeval/staffeval.h"

namespace {

// A judgment matrix on the 1-9 scale near the consistent one of random weights; `noise` moves
// judgments by up to that many scale steps (0 = consistent up to rounding to the scale).
staffeval::JudgmentMatrix judgments(int n, int noise, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> w(1.0, 9.0);
  std::uniform_int_distribution<int> step(-noise, noise);
  std::vector<double> v(static_cast<std::size_t>(n));
  for (auto& x : v) x = w(rng);
  staffeval::JudgmentMatrix m;
  m.file = "bench.csv";
  m.values.resize(n, n);
  for (int i = 0; i < n; ++i) {
    m.names.push_back("e" + std::to_string(i));
    m.values(i, i) = 1;
    for (int j = i + 1; j < n; ++j) {
      const double r = v[static_cast<std::size_t>(i)] / v[static_cast<std::size_t>(j)];
      // Nearest scale value, moved by the noise.
      const int k = std::clamp(static_cast<int>(std::lround(r >= 1 ? r : -1 / r)) + step(rng), -9, 9);
      const double a = k >= 1 ? k : (k <= -1 ? -1.0 / k : 1.0);
      m.values(i, j) = a;
      m.values(j, i) = 1 / a;
    }
  }
  return m;
}

void BM_AhpEigenvector(benchmark::State& state) {
  const auto m = judgments(static_cast<int>(state.range(0)), 0, 1);
  staffeval::AhpOptions o;
  o.suggest_revision = false;
  for (auto _ : state) benchmark::DoNotOptimize(staffeval::ahp(m, o).cr);
}

// An inconsistent matrix: the revision search tries every judgment at every scale value.
void BM_AhpWithRevision(benchmark::State& state) {
  const auto m = judgments(static_cast<int>(state.range(0)), 4, 2);
  staffeval::AhpOptions o;
  o.threshold = 0.01;
  for (auto _ : state) benchmark::DoNotOptimize(staffeval::ahp(m, o).revision.size());
}

void BM_Objective(benchmark::State& state, staffeval::ObjectiveMethod method) {
  const auto units = static_cast<Eigen::Index>(state.range(0));
  constexpr int kColumns = 30;
  std::mt19937_64 rng(7);
  std::normal_distribution<double> d(50.0, 15.0);
  Eigen::MatrixXd x(units, kColumns);
  for (Eigen::Index j = 0; j < kColumns; ++j)
    for (Eigen::Index i = 0; i < units; ++i) x(i, j) = std::abs(d(rng));
  std::vector<std::string> names;
  for (int j = 0; j < kColumns; ++j) names.push_back("c" + std::to_string(j));
  const std::vector<staffeval::Direction> dirs(kColumns, staffeval::Direction::kBenefit);
  staffeval::ObjectiveOptions o;
  o.method = method;
  for (auto _ : state) benchmark::DoNotOptimize(staffeval::objective_weights(x, names, dirs, o).weights.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * units);
}

void BM_Entropy(benchmark::State& state) { BM_Objective(state, staffeval::ObjectiveMethod::kEntropy); }

// A panel of 20 experts judging n elements (each near the same weights, with their own noise),
// aggregated by judgments (AIJ: one AHP of the geometric-mean matrix after each expert's).
void BM_AhpPanel(benchmark::State& state) {
  const int n = static_cast<int>(state.range(0));
  std::vector<staffeval::JudgmentMatrix> experts;
  for (unsigned e = 0; e < 20; ++e) {
    experts.push_back(judgments(n, 1, 100 + e));
    experts.back().file = "expert" + std::to_string(e) + ".csv";
    experts.back().names = experts.front().names;
  }
  staffeval::PanelOptions o;
  o.ahp.suggest_revision = false;
  for (auto _ : state) benchmark::DoNotOptimize(staffeval::ahp_panel(experts, o).combined.weights.data());
}
void BM_Critic(benchmark::State& state) { BM_Objective(state, staffeval::ObjectiveMethod::kCritic); }

}  // namespace

BENCHMARK(BM_AhpEigenvector)->DenseRange(3, 15);
BENCHMARK(BM_AhpPanel)->Arg(5)->Arg(9)->Arg(15)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_AhpWithRevision)->Arg(5)->Arg(9)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Entropy)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Critic)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
