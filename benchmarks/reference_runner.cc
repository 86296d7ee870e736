// The library on the NumPy reference's workloads (score, weights, topsis, mc), on the same files
// and with the same conventions, timed step by step the way the reference times them (median,
// min and max of --repeats runs), with results for the agreement checks of compare_reference.sh.
//
//   staffeval_reference_runner WORKLOAD --model M.yaml --data D.csv --weights W.csv
//                              [--repeats R] [--replay SAMPLES.csv] [--full] --out OUT.json
//
// M.yaml is the one-level model the reference's model_from_weights.py writes for W.csv (min-max
// over all units, weights summing to 1, no rounding), so the library's totals are the reference's
// scores. `mc` replays the reference's weight samples (--save-samples: S x K, no header).
#include <algorithm>
#include <chrono>
#include <cmath>
#include <fstream>
#include <functional>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "staffeval/staffeval.h"

namespace {

using Clock = std::chrono::steady_clock;
using nlohmann::json;

struct Args {
  std::string workload, model, data, weights, replay, out;
  int repeats = 5;
  bool full = false;
};

[[noreturn]] void usage(const std::string& why) {
  std::cerr << "staffeval_reference_runner: " << why
            << "\nusage: staffeval_reference_runner score|weights|topsis|mc --model M.yaml --data D.csv --weights W.csv"
               " [--repeats R] [--replay S.csv] [--full] --out OUT.json\n";
  std::exit(2);
}

Args parse(int argc, char** argv) {
  Args a;
  if (argc < 2) usage("no workload");
  a.workload = argv[1];
  for (int i = 2; i < argc; ++i) {
    const std::string k = argv[i];
    auto value = [&]() -> std::string {
      if (i + 1 >= argc) usage(k + " needs a value");
      return argv[++i];
    };
    if (k == "--model") a.model = value();
    else if (k == "--data") a.data = value();
    else if (k == "--weights") a.weights = value();
    else if (k == "--replay") a.replay = value();
    else if (k == "--out") a.out = value();
    else if (k == "--repeats") a.repeats = std::stoi(value());
    else if (k == "--full") a.full = true;
    else usage("unknown argument " + k);
  }
  if (a.model.empty() || a.data.empty() || a.weights.empty() || a.out.empty()) usage("--model, --data, --weights and --out are required");
  if (a.repeats < 1) usage("--repeats must be >= 1");
  return a;
}

// Seconds of each run of `fn`, as the reference reports them.
template <class F>
json bench(int repeats, F&& fn) {
  std::vector<double> t;
  for (int r = 0; r < repeats; ++r) {
    const auto start = Clock::now();
    fn();
    t.push_back(std::chrono::duration<double>(Clock::now() - start).count());
  }
  std::vector<double> sorted = t;
  std::sort(sorted.begin(), sorted.end());
  const std::size_t m = sorted.size();
  const double median = m % 2 ? sorted[m / 2] : 0.5 * (sorted[m / 2 - 1] + sorted[m / 2]);
  return {{"median_s", median}, {"min_s", sorted.front()}, {"max_s", sorted.back()}, {"repeats", repeats}};
}

// The weights file of gen_data.py: indicator,weight,direction (weights renormalised to sum 1).
struct Weights {
  std::vector<std::string> names;
  std::vector<staffeval::Direction> directions;
  Eigen::VectorXd w;
};

Weights read_weights(const std::string& path) {
  std::ifstream f(path);
  if (!f) usage("cannot read " + path);
  std::string line;
  std::getline(f, line);
  Weights out;
  std::vector<double> w;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    std::stringstream s(line);
    std::string name, weight, direction;
    std::getline(s, name, ',');
    std::getline(s, weight, ',');
    std::getline(s, direction, ',');
    out.names.push_back(name);
    w.push_back(std::stod(weight));
    out.directions.push_back(direction.rfind("cost", 0) == 0 ? staffeval::Direction::kCost : staffeval::Direction::kBenefit);
  }
  out.w = Eigen::Map<Eigen::VectorXd>(w.data(), static_cast<Eigen::Index>(w.size()));
  out.w /= out.w.sum();
  return out;
}

// The reference's sample files: one row per sample, comma-separated, no header.
Eigen::MatrixXd read_samples(const std::string& path, std::size_t k) {
  std::ifstream f(path);
  if (!f) usage("cannot read " + path);
  std::vector<double> v;
  std::string line;
  std::size_t rows = 0;
  while (std::getline(f, line)) {
    if (line.empty()) continue;
    std::stringstream s(line);
    std::string cell;
    std::size_t cols = 0;
    while (std::getline(s, cell, ',')) {
      v.push_back(std::stod(cell));
      ++cols;
    }
    if (cols != k) usage(path + ": a sample has " + std::to_string(cols) + " weights, the model " + std::to_string(k));
    ++rows;
  }
  Eigen::MatrixXd m(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(k));
  for (std::size_t r = 0; r < rows; ++r)
    for (std::size_t c = 0; c < k; ++c) m(static_cast<Eigen::Index>(r), static_cast<Eigen::Index>(c)) = v[r * k + c];
  return m;
}

json array(const Eigen::VectorXd& v) { return std::vector<double>(v.data(), v.data() + v.size()); }

}  // namespace

int main(int argc, char** argv) {
  using namespace staffeval;
  const Args a = parse(argc, argv);
  try {
    const Weights w = read_weights(a.weights);
    const IndicatorModel model = load_model(a.model);
    json timings, result;
    // Reading is timed as the reference's loader is, once per repeat.
    Table table;
    timings["parse"] = bench(a.repeats, [&] { table = load_table(a.data, table_options(model)); });
    const Eigen::Index n = static_cast<Eigen::Index>(table.size());
    if (a.workload == "score") {
      Plan plan = compile(model, table);
      ScoringOptions o;
      o.keep = Kept::kTotals;
      ScoringResult r;
      // The first evaluation in the process, then warm ones (into the same result, as repeated
      // runs of an analysis do).
      timings["evaluate_first"] = bench(1, [&] { r = evaluate(plan, table, o); });
      timings["compile"] = bench(a.repeats, [&] { plan = compile(model, table); });
      timings["evaluate"] = bench(a.repeats, [&] { evaluate(plan, table, o, &r); });
      timings["total"] = bench(a.repeats, [&] { r = evaluate(compile(model, table), table, o); });
      result["score_sum"] = r.total.sum();
      result["score_min"] = r.total.minCoeff();
      result["score_max"] = r.total.maxCoeff();
      if (a.full) {
        result["score"] = array(r.total);
        result["rank"] = r.rank;
      }
    } else if (a.workload == "weights") {
      const Eigen::MatrixXd x = select_columns(table, w.names);
      ObjectiveOptions entropy, critic;
      entropy.method = ObjectiveMethod::kEntropy;
      critic.method = ObjectiveMethod::kCritic;
      WeightResult we, wc;
      timings["entropy"] = bench(a.repeats, [&] { we = objective_weights(x, w.names, w.directions, entropy); });
      timings["critic"] = bench(a.repeats, [&] { wc = objective_weights(x, w.names, w.directions, critic); });
      timings["total"] = bench(a.repeats, [&] {
        we = objective_weights(x, w.names, w.directions, entropy);
        wc = objective_weights(x, w.names, w.directions, critic);
      });
      result["entropy_weights"] = array(we.weights);
      result["critic_weights"] = array(wc.weights);
    } else if (a.workload == "topsis") {
      const Eigen::MatrixXd x = select_columns(table, w.names);
      MethodOptions o;
      o.method = Method::kTopsis;
      o.normalization = Normalization::kVector;
      MethodResult r;
      timings["total"] = bench(a.repeats, [&] { r = rank_alternatives(x, table.ids, w.names, w.directions, w.w, o); });
      result["closeness_sum"] = r.score.sum();
      if (a.full) result["closeness"] = array(r.score);
    } else if (a.workload == "mc") {
      if (a.replay.empty()) usage("mc replays the reference's samples: give --replay");
      const Plan plan = compile(model, table);
      MonteCarloOptions o;
      o.replay = read_samples(a.replay, w.names.size());
      o.samples = static_cast<std::size_t>(o.replay.rows());
      MonteCarloResult r;
      timings["total"] = bench(a.repeats, [&] { r = monte_carlo(plan, table, UncertaintySpec{}, o); });
      result["samples"] = r.samples;
      result["linear"] = r.linear;
      result["mean_p5"] = r.rank_p5.mean();
      result["mean_median"] = r.rank_median.mean();
      result["mean_p95"] = r.rank_p95.mean();
      if (a.full) {
        result["p5"] = array(r.rank_p5);
        result["median"] = array(r.rank_median);
        result["p95"] = array(r.rank_p95);
      }
    } else {
      usage("unknown workload " + a.workload);
    }
    const json out{{"workload", a.workload}, {"n", n}, {"k", w.names.size()}, {"timings", timings}, {"result", result}};
    std::ofstream f(a.out);
    f << out.dump(1) << "\n";
    if (!f) usage("cannot write " + a.out);
    json line{{"workload", a.workload}, {"n", n}};
    for (const auto& [step, t] : timings.items()) line[step] = t["median_s"];
    std::cout << line.dump() << "\n";
  } catch (const staffeval::Error& e) {
    std::cerr << "staffeval_reference_runner: " << e.what() << "\n";
    return 4;
  }
  return 0;
}
