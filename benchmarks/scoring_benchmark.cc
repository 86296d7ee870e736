// Compile + evaluate throughput at 1k, 100k and 1M units x 30 indicators.
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "bench_data.h"
#include "staffeval/staffeval.h"

namespace {

using staffeval::bench::kIndicators;
using staffeval::bench::make_model;
using staffeval::bench::make_table;

// Re-evaluates one compiled plan into one result (its storage reused), as repeated analyses do,
// or (`fresh`) into a new result each time, as a first evaluation in a process does.
void evaluate_repeatedly(benchmark::State& state, staffeval::Kept keep, int threads, bool fresh = false) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto plan = staffeval::compile(model, table);
  staffeval::ScoringOptions options;
  options.keep = keep;
  options.threads = threads;
  staffeval::ScoringResult result;
  for (auto _ : state) {
    if (fresh) result = staffeval::ScoringResult();  // the old result's memory goes back first
    staffeval::evaluate(plan, table, options, &result);
    benchmark::DoNotOptimize(result.total.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

// Full detail on one core (the target is per core).
void BM_Evaluate(benchmark::State& state) { evaluate_repeatedly(state, staffeval::Kept::kFull, 1); }

// Totals, group scores and ranks only; range(1) threads (0 = one per core).
void BM_EvaluateLean(benchmark::State& state) {
  evaluate_repeatedly(state, staffeval::Kept::kTotals, static_cast<int>(state.range(1)));
}

// As BM_EvaluateLean, each evaluation into a new result: what a first evaluation costs over a
// warm one (the result's arrays and workspace allocated and their pages faulted in afresh; the
// ids and names are shared with the table, not copied).
void BM_EvaluateFresh(benchmark::State& state) {
  evaluate_repeatedly(state, staffeval::Kept::kTotals, static_cast<int>(state.range(1)), true);
}

void BM_CompileAndEvaluate(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  staffeval::ScoringOptions options;
  options.threads = 1;
  for (auto _ : state) {
    auto result = staffeval::evaluate(staffeval::compile(model, table), table, options);
    benchmark::DoNotOptimize(result.total.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n));
}

void BM_ParseCsv(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto table = make_table(n);
  std::string csv = "id";
  for (const auto& c : table.columns) csv += "," + c;
  csv += "\n";
  char buf[32];
  for (std::size_t i = 0; i < n; ++i) {
    csv += table.ids[i];
    for (int c = 0; c < kIndicators; ++c) {
      std::snprintf(buf, sizeof buf, ",%.6g", table.values(static_cast<Eigen::Index>(i), c));
      csv += buf;
    }
    csv += "\n";
  }
  for (auto _ : state) {
    auto t = staffeval::parse_table(csv, "bench.csv");
    benchmark::DoNotOptimize(t.values.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}

}  // namespace

// Monte Carlo of the top-level and group weights (Dirichlet, concentration 100) with per-unit
// rank and score percentiles: range(0) units x 30 indicators, range(1) samples, both cores. The
// model is arithmetic without rounding: the linear form (one matrix product per batch).
void BM_MonteCarlo(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto plan = staffeval::compile(model, table);
  const auto spec = staffeval::load_uncertainty_from_string(
      "weights:\n  - {group: all, draw: dirichlet, concentration: 100}\n", "bench.uncertainty.yaml", model);
  staffeval::MonteCarloOptions options;
  options.samples = static_cast<std::size_t>(state.range(1));
  for (auto _ : state) {
    auto result = staffeval::monte_carlo(plan, table, spec, options);
    benchmark::DoNotOptimize(result.rank_median.data());
    state.counters["linear"] = result.linear ? 1 : 0;
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * n * static_cast<std::size_t>(state.range(1))));
}

// One re-evaluation of a model the size of the ASEM sustainable connectivity index (51 units x
// 49 min-max indicators in 8 groups) with new edge weights, as a sensitivity sample does: one
// thread, totals and ranks kept, the result's storage reused.
void BM_ReevaluateAsem(benchmark::State& state) {
  constexpr int kAsem = 49, kGroups = 8;
  std::string yaml = "id: asem\nweights: relative\nindicators:\n";
  for (int g = 0, j = 0; g < kGroups; ++g) {
    yaml += "  - id: G" + std::to_string(g) + "\n    weight: 1\n    children:\n";
    for (; j < kAsem * (g + 1) / kGroups; ++j)
      yaml += "      - {id: x" + std::to_string(j) + ", weight: 1, value: c" + std::to_string(j) + ", rule: {type: minmax" +
              (j % 4 == 0 ? ", direction: cost" : "") + "}}\n";
  }
  const auto model = staffeval::load_model_from_string(yaml, "asem.yaml");
  staffeval::Table t;
  t.file = "asem.csv";
  std::mt19937_64 rng(7);
  std::normal_distribution<double> d(50.0, 15.0);
  constexpr std::size_t n = 51;
  t.values.resize(n, kAsem);
  for (int c = 0; c < kAsem; ++c) {
    t.columns.push_back("c" + std::to_string(c));
    for (std::size_t i = 0; i < n; ++i) t.values(static_cast<Eigen::Index>(i), c) = d(rng);
  }
  for (std::size_t i = 0; i < n; ++i) {
    t.ids.edit().push_back("U" + std::to_string(i));
    t.names.edit().emplace_back();
    t.rows.push_back(i + 2);
  }
  t.unit_class.assign(n, 0);
  t.classes = {""};
  const auto plan = staffeval::compile(model, t);
  staffeval::ScoringOptions o;
  o.threads = 1;
  o.keep = staffeval::Kept::kTotals;
  staffeval::ScoringResult r;
  staffeval::evaluate(plan, t, o, &r);
  Eigen::VectorXd w = r.edge_weights;
  std::size_t k = 0;
  for (auto _ : state) {
    w[static_cast<Eigen::Index>(k++ % static_cast<std::size_t>(w.size()))] *= 1.0001;  // a new sample's weights
    o.edge_weights = w;
    staffeval::evaluate(plan, t, o, &r);
    benchmark::DoNotOptimize(r.total.data());
  }
}

// The Sobol' estimators with 200 bootstrap resamples over n base points and 30 inputs.
void BM_SobolIndices(benchmark::State& state) {
  const auto n = static_cast<Eigen::Index>(state.range(0));
  std::mt19937_64 rng(3);
  std::normal_distribution<double> d(0.0, 1.0);
  Eigen::VectorXd fa(n), fb(n);
  Eigen::MatrixXd fab(n, 30);
  for (Eigen::Index i = 0; i < n; ++i) {
    fa[i] = d(rng);
    fb[i] = d(rng);
    for (Eigen::Index j = 0; j < 30; ++j) fab(i, j) = d(rng);
  }
  staffeval::SobolOptions options;
  options.bootstrap = 200;
  for (auto _ : state) {
    auto s = staffeval::sobol_indices(fa, fb, fab, options);
    benchmark::DoNotOptimize(s.total.data());
  }
}

BENCHMARK(BM_Evaluate)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
// Args: units, threads (0 = one per core).
BENCHMARK(BM_EvaluateLean)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Args({1000000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_EvaluateFresh)->Args({1000000, 1})->Args({1000000, 0})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CompileAndEvaluate)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseCsv)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_MonteCarlo)->Args({1000, 1000})->Args({10000, 1000})->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_SobolIndices)->Arg(1024)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ReevaluateAsem)->Unit(benchmark::kMicrosecond);
BENCHMARK_MAIN();
