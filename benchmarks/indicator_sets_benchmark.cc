// Benchmarking indicator sets: flatten, compare, redundancy and reduce on the shared 30-indicator
// model (5 groups of 6) at 1k to 1M units.
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_data.h"
#include "staffeval/staffeval.h"

namespace {

using staffeval::bench::make_model;
using staffeval::bench::make_table;

// The model without the last three indicators of each group (15 of 30 kept).
staffeval::IndicatorModel slim_model(const staffeval::IndicatorModel& full) {
  std::vector<std::string> out;
  for (int g = 0; g < 5; ++g)
    for (int k = 3; k < 6; ++k) out.push_back("x" + std::to_string(g * 6 + k));
  return staffeval::without_indicators(full, out);
}

void BM_Flatten(benchmark::State& state) {
  const auto model = make_model();
  for (auto _ : state) {
    auto flat = staffeval::flatten(model);
    benchmark::DoNotOptimize(flat.weights.data());
  }
}

void BM_WithoutIndicators(benchmark::State& state) {
  const auto model = make_model();
  for (auto _ : state) {
    auto slim = slim_model(model);
    benchmark::DoNotOptimize(slim.nodes.data());
  }
}

// Two evaluations of the same units compared (correlations, shifts, grades); range(1) bootstrap
// resamples.
void BM_Compare(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  staffeval::ScoringOptions so;
  so.keep = staffeval::Kept::kTotals;
  const auto a = staffeval::evaluate(staffeval::compile(model, table), table, so);
  const auto b = staffeval::evaluate(staffeval::compile(slim_model(model), table), table, so);
  staffeval::CompareOptions o;
  o.bootstrap = static_cast<int>(state.range(1));
  for (auto _ : state) {
    auto c = staffeval::compare(a, "full", b, "slim", o);
    benchmark::DoNotOptimize(c.spearman);
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// Correlation matrices, alpha, PCA, weak indicators and (range(1) = 1) each indicator's removal.
void BM_Redundancy(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto plan = staffeval::compile(model, table);
  staffeval::RedundancyOptions o;
  o.removal = state.range(1) != 0;
  for (auto _ : state) {
    auto r = staffeval::redundancy(plan, table, o);
    benchmark::DoNotOptimize(r.pearson.data());
  }
}

// The least-burden set keeping tau-b 0.9: greedy elimination (465 sets of 30 indicators) or beam
// search, weights renormalised (range(2) = 0) or re-derived (1), no cross-validation.
void BM_Reduce(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto plan = staffeval::compile(model, table);
  staffeval::ReduceOptions o;
  o.folds = 0;
  o.min_grade_agreement = 0;
  o.search = state.range(1) ? staffeval::ReduceSearch::kBeam : staffeval::ReduceSearch::kGreedy;
  o.weights = state.range(2) ? staffeval::ReduceWeights::kRederive : staffeval::ReduceWeights::kRenormalise;
  for (auto _ : state) {
    auto r = staffeval::reduce(plan, table, o);
    benchmark::DoNotOptimize(r.evaluated);
    state.counters["sets"] = static_cast<double>(r.evaluated);
  }
}

}  // namespace

BENCHMARK(BM_Flatten)->Unit(benchmark::kMicrosecond);
BENCHMARK(BM_WithoutIndicators)->Unit(benchmark::kMicrosecond);
// Args: units, bootstrap resamples.
BENCHMARK(BM_Compare)->Args({1000, 0})->Args({100000, 0})->Args({1000000, 0})->Args({1000, 1000})->Unit(benchmark::kMillisecond);
// Args: units, removal impact.
BENCHMARK(BM_Redundancy)->Args({1000, 1})->Args({100000, 0})->Args({100000, 1})->Unit(benchmark::kMillisecond);
// Args: units, beam search, weights re-derived.
BENCHMARK(BM_Reduce)
    ->Args({1000, 0, 0})
    ->Args({1000, 0, 1})
    ->Args({1000, 1, 0})
    ->Args({10000, 0, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
