// The rest of the pipeline at 1k, 100k and 1M units: compiling, evaluating models of other
// shapes (geometric groups, the shipped office model's rules, a group scored by TOPSIS), reading
// a realistic office table, writing CSV and JSON, and the one-at-a-time, critical-change and
// removal analyses.
#include <fstream>
#include <string>
#include <vector>

#include <benchmark/benchmark.h>

#include "bench_data.h"
#include "staffeval/staffeval.h"

namespace {

using staffeval::bench::make_model;
using staffeval::bench::make_rounded_table;
using staffeval::bench::make_table;

// The synthetic model with its five groups combined some other way: geometric means inside the
// groups, or TOPSIS on the top level.
staffeval::IndicatorModel variant(const std::string& group_line, const std::string& top_line) {
  std::string yaml = "id: bench\nweights: relative\n" + top_line + "indicators:\n";
  for (int g = 0; g < 5; ++g) {
    yaml += "  - id: G" + std::to_string(g) + "\n    weight: " + std::to_string(g + 1) + "\n" + group_line + "    children:\n";
    for (int k = 0; k < 6; ++k) {
      const int j = g * 6 + k;
      // Geometric means need scores > 0: min-max onto 1-100% of full marks.
      yaml += "      - {id: x" + std::to_string(j) + ", weight: " + std::to_string(k + 1) + ", value: c" + std::to_string(j) +
              ", rule: {type: minmax, range: [1, 100]" + (j % 3 == 0 ? ", direction: cost" : "") + "}}\n";
    }
  }
  return staffeval::load_model_from_string(yaml, "bench.yaml");
}

// The shipped single-level model's data (300 units) repeated to n units with new ids: the office
// rules (thresholds, ladders, deductions, caps, vetoes) on realistic values.
staffeval::Table office_table(const staffeval::IndicatorModel& model, std::size_t n) {
  const staffeval::Table base = staffeval::load_table(STAFFEVAL_EXAMPLES_DIR "/units.csv", staffeval::table_options(model));
  staffeval::Table t = base;
  const auto m = base.size();
  t.values.resize(static_cast<Eigen::Index>(n), base.values.cols());
  std::vector<std::string>& ids = t.ids.edit();
  std::vector<std::string>& names = t.names.edit();
  ids.resize(n);
  names.resize(n);
  t.unit_class.resize(n);
  t.rows.resize(n);
  for (std::size_t i = 0; i < n; ++i) {
    const std::size_t from = i % m;
    t.values.row(static_cast<Eigen::Index>(i)) = base.values.row(static_cast<Eigen::Index>(from));
    ids[i] = "U" + std::to_string(i);
    names[i] = base.names[from];
    t.unit_class[i] = base.unit_class[from];
    t.rows[i] = i + 2;
  }
  return t;
}

void evaluate_model(benchmark::State& state, const staffeval::IndicatorModel& model, const staffeval::Table& table) {
  const auto plan = staffeval::compile(model, table);
  staffeval::ScoringOptions options;
  options.keep = staffeval::Kept::kTotals;
  staffeval::ScoringResult result;
  for (auto _ : state) {
    staffeval::evaluate(plan, table, options, &result);
    benchmark::DoNotOptimize(result.total.data());
  }
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(table.size()));
}

void BM_Compile(benchmark::State& state) {
  const auto model = make_model();
  const auto table = make_table(static_cast<std::size_t>(state.range(0)));
  for (auto _ : state) {
    auto plan = staffeval::compile(model, table);
    benchmark::DoNotOptimize(&plan);
  }
}

void BM_EvaluateArithmetic(benchmark::State& state) {
  evaluate_model(state, make_model(), make_table(static_cast<std::size_t>(state.range(0))));
}

void BM_EvaluateGeometric(benchmark::State& state) {
  evaluate_model(state, variant("    aggregation: geometric\n", ""), make_table(static_cast<std::size_t>(state.range(0))));
}

void BM_EvaluateMcdaGroup(benchmark::State& state) {
  evaluate_model(state, variant("", "method: topsis\n"), make_table(static_cast<std::size_t>(state.range(0))));
}

void BM_EvaluateOfficeRules(benchmark::State& state) {
  const auto model = staffeval::load_model(STAFFEVAL_EXAMPLES_DIR "/single-level.yaml");
  evaluate_model(state, model, office_table(model, static_cast<std::size_t>(state.range(0))));
}

// The score CSV with every node's points (range(1) = 1) or without, as one string (to_csv, on
// one core), of normally distributed values (range(2) = 0) or values rounded as in the offices'
// tables (1), which repeat.
void BM_WriteCsv(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = state.range(2) != 0 ? make_rounded_table(n) : make_table(n);
  staffeval::ScoringOptions so;
  so.keep = staffeval::Kept::kShares;
  const auto result = staffeval::evaluate(staffeval::compile(model, table), table, so);
  staffeval::OutputOptions o;
  o.node_points = state.range(1) != 0;
  std::size_t bytes = 0;
  for (auto _ : state) {
    const std::string csv = staffeval::to_csv(result, o);
    bytes = csv.size();
    benchmark::DoNotOptimize(csv.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

// Reading a realistic office table (the shipped units.csv: 46 columns, Chinese names and
// classes, 是/否/部分 answers, quoted "1,040" workloads, missing cells as blank, — or /) repeated
// to range(0) units with new ids, on both cores: every column (range(1) = 0), or only the 22
// the single-level model reads (1), as `staffeval score` does.
void BM_ParseOfficeCsv(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  std::ifstream in(STAFFEVAL_EXAMPLES_DIR "/units.csv", std::ios::binary);
  std::string header;
  std::getline(in, header);
  std::vector<std::string> rows;
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) rows.push_back(line.substr(line.find(',')));  // all but the id
  std::string csv = header + "\n";
  csv.reserve(n * 200);
  for (std::size_t i = 0; i < n; ++i) csv += "U" + std::to_string(i) + rows[i % rows.size()] + "\n";
  const auto model = staffeval::load_model(STAFFEVAL_EXAMPLES_DIR "/single-level.yaml");
  staffeval::TableOptions options = staffeval::table_options(model);
  if (state.range(1) != 0) options.columns = staffeval::model_columns(model);
  for (auto _ : state) {
    auto t = staffeval::parse_table(csv, "office.csv", options);
    benchmark::DoNotOptimize(t.values.data());
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * csv.size()));
}

void BM_WriteJson(benchmark::State& state) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto result = staffeval::evaluate(staffeval::compile(model, table), table, staffeval::ScoringOptions{});
  std::size_t bytes = 0;
  for (auto _ : state) {
    bytes = 0;
    staffeval::write_json(result, [&](std::string_view piece) { bytes += piece.size(); });
  }
  state.SetBytesProcessed(static_cast<std::int64_t>(state.iterations() * bytes));
}

template <class Analysis>
void analyse(benchmark::State& state, Analysis&& run) {
  const auto n = static_cast<std::size_t>(state.range(0));
  const auto model = make_model();
  const auto table = make_table(n);
  const auto plan = staffeval::compile(model, table);
  for (auto _ : state) run(plan, table);
  state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations()) * static_cast<std::int64_t>(n));
}

void BM_OneAtATime(benchmark::State& state) {
  analyse(state, [](const staffeval::Plan& p, const staffeval::Table& t) {
    benchmark::DoNotOptimize(staffeval::one_at_a_time(p, t, staffeval::OatOptions{}).mean_abs_rank_shift.data());
  });
}

void BM_CriticalChanges(benchmark::State& state) {
  analyse(state, [](const staffeval::Plan& p, const staffeval::Table& t) {
    benchmark::DoNotOptimize(staffeval::critical_changes(p, t, staffeval::CriticalOptions{}).deciding_change.data());
  });
}

void BM_Removal(benchmark::State& state) {
  analyse(state, [](const staffeval::Plan& p, const staffeval::Table& t) {
    benchmark::DoNotOptimize(staffeval::removal(p, t, staffeval::RemovalOptions{}).mean_abs_rank_shift.data());
  });
}

}  // namespace

BENCHMARK(BM_Compile)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_EvaluateArithmetic)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateGeometric)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateMcdaGroup)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_EvaluateOfficeRules)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond)->UseRealTime();
// Args: units, only the model's columns (1) or every one (0).
BENCHMARK(BM_ParseOfficeCsv)
    ->Args({1000, 0})
    ->Args({100000, 0})
    ->Args({1000000, 0})
    ->Args({1000000, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
// Args: units, node points (1) or not (0).
BENCHMARK(BM_WriteCsv)
    ->Args({1000, 1, 0})
    ->Args({100000, 1, 0})
    ->Args({100000, 1, 1})
    ->Args({1000000, 0, 0})
    ->Args({1000000, 1, 0})
    ->Args({1000000, 1, 1})
    ->Unit(benchmark::kMillisecond)
    ->UseRealTime();
BENCHMARK(BM_WriteJson)->Arg(1000)->Arg(100000)->Arg(1000000)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_OneAtATime)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_CriticalChanges)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
BENCHMARK(BM_Removal)->Arg(1000)->Arg(100000)->Unit(benchmark::kMillisecond)->UseRealTime();
