// Compile + evaluate throughput at 1k, 100k and 1M units x 30 indicators.
#include <random>
#include <string>

#include <benchmark/benchmark.h>

#include "staffeval/staffeval.h"

namespace {

constexpr int kIndicators = 30;

// 30 min-max indicators (every third a cost) in 5 groups of 6, relative weights.
staffeval::IndicatorModel make_model() {
  std::string yaml = "id: bench\nweights: relative\nindicators:\n";
  for (int g = 0; g < 5; ++g) {
    yaml += "  - id: G" + std::to_string(g) + "\n    weight: " + std::to_string(g + 1) + "\n    children:\n";
    for (int k = 0; k < 6; ++k) {
      const int j = g * 6 + k;
      yaml += "      - {id: x" + std::to_string(j) + ", weight: " + std::to_string(k + 1) + ", value: c" +
              std::to_string(j) + ", rule: {type: minmax" + (j % 3 == 0 ? ", direction: cost" : "") + "}}\n";
    }
  }
  return staffeval::load_model_from_string(yaml, "bench.yaml");
}

staffeval::Table make_table(std::size_t n) {
  staffeval::Table t;
  t.file = "bench.csv";
  std::mt19937_64 rng(42);
  std::normal_distribution<double> d(50.0, 15.0);
  t.values.resize(static_cast<Eigen::Index>(n), kIndicators);
  for (int c = 0; c < kIndicators; ++c) {
    t.columns.push_back("c" + std::to_string(c));
    for (std::size_t i = 0; i < n; ++i) t.values(static_cast<Eigen::Index>(i), c) = d(rng);
  }
  t.ids.resize(n);
  t.names.resize(n);
  for (std::size_t i = 0; i < n; ++i) t.ids[i] = "U" + std::to_string(i);
  t.unit_class.assign(n, 0);
  t.classes = {""};
  t.rows.resize(n);
  for (std::size_t i = 0; i < n; ++i) t.rows[i] = i + 2;
  return t;
}

// Re-evaluates one compiled plan into one result (its storage reused), as repeated analyses do.
void evaluate_repeatedly(benchmark::State& state, staffeval::Kept keep, int threads) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto plan = staffeval::compile(model, table);
  staffeval::ScoringOptions options;
  options.keep = keep;
  options.threads = threads;
  staffeval::ScoringResult result;
  for (auto _ : state) {
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

BENCHMARK(BM_Evaluate)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
// Args: units, threads (0 = one per core).
BENCHMARK(BM_EvaluateLean)
    ->Args({1000, 1})
    ->Args({100000, 1})
    ->Args({1000000, 1})
    ->Args({1000000, 0})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_CompileAndEvaluate)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_ParseCsv)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
