// Evaluation methods on decision matrices: TOPSIS and VIKOR at scale, DEA per unit count.
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "staffeval/staffeval.h"

namespace {

Eigen::MatrixXd random_matrix(Eigen::Index rows, Eigen::Index cols, unsigned seed) {
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> d(1.0, 100.0);
  Eigen::MatrixXd x(rows, cols);
  for (Eigen::Index j = 0; j < cols; ++j)
    for (Eigen::Index i = 0; i < rows; ++i) x(i, j) = d(rng);
  return x;
}

std::vector<std::string> names(Eigen::Index n, const char* prefix) {
  std::vector<std::string> out;
  for (Eigen::Index i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i));
  return out;
}

void BM_Rank(benchmark::State& state, staffeval::Method method) {
  const Eigen::Index units = state.range(0), criteria = 30;
  const auto x = random_matrix(units, criteria, 3);
  // The ids as a table holds them (shared, not copied by each call), so that the loop times the
  // method, not the conversion of a million strings.
  const staffeval::SharedStrings ids = names(units, "U");
  const auto crit = names(criteria, "c");
  std::vector<staffeval::Direction> dirs(static_cast<std::size_t>(criteria), staffeval::Direction::kBenefit);
  for (std::size_t j = 0; j < dirs.size(); j += 3) dirs[j] = staffeval::Direction::kCost;
  staffeval::MethodOptions o;
  o.method = method;
  const Eigen::VectorXd w = Eigen::VectorXd::Ones(criteria);
  for (auto _ : state) benchmark::DoNotOptimize(staffeval::rank_alternatives(x, ids, crit, dirs, w, o).score.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * units);
}

void BM_Topsis(benchmark::State& state) { BM_Rank(state, staffeval::Method::kTopsis); }
void BM_Vikor(benchmark::State& state) { BM_Rank(state, staffeval::Method::kVikor); }

// DEA: two inputs (headcount, budget) and two outputs; three LPs per unit (the model, the
// other returns to scale, the slacks).
void BM_Dea(benchmark::State& state) {
  const Eigen::Index units = state.range(0);
  const auto x = random_matrix(units, 2, 5), y = random_matrix(units, 2, 6);
  const auto ids = names(units, "U");
  for (auto _ : state)
    benchmark::DoNotOptimize(staffeval::dea(x, y, ids, {"staff", "budget"}, {"cases", "services"}).efficiency.data());
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * units);
}

}  // namespace

BENCHMARK(BM_Topsis)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Vikor)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_Dea)->Arg(50)->Arg(300)->Unit(benchmark::kMillisecond);
// 3,000 units (CCR with slacks): one run is seconds.
BENCHMARK(BM_Dea)->Arg(3000)->Iterations(1)->Unit(benchmark::kMillisecond);
