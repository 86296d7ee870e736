// Properties every evaluation must have, checked on generated inputs: permuting units permutes
// every result, rescaling a column leaves scale-free rules and rankings alone, the parallel CSV
// reader agrees with the sequential one on any input, and thread counts change nothing.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <numeric>
#include <random>
#include <sstream>

#include "../gb18030.h"
#include "test_util.h"

namespace staffeval {
namespace {

using testing::same_value;

const std::string kExamples = STAFFEVAL_EXAMPLES_DIR;

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

// The data rows of a CSV (header first) split on LF; the examples hold no quoted line breaks.
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);)
    if (!line.empty()) out.push_back(line);
  return out;
}

ScoringResult score_file(const std::string& model_path, const std::string& csv, const ScoringOptions& o = {}) {
  const IndicatorModel model = load_model(model_path);
  const Table table = parse_table(csv, "d.csv", table_options(model));
  return evaluate(compile(model, table), table, o);
}

// ---------------------------------------------------------------------------------------------
// Permuting units permutes every result.

TEST(Property, PermutingUnitsPermutesEveryResult) {
  const auto rows = lines_of(read_file(kExamples + "/units.csv"));
  // The examples, and a model whose groups are scored by evaluation methods over the units.
  const std::string methods = ::testing::TempDir() + "methods_model.yaml";
  {
    std::ofstream out(methods);
    out << "id: methods\nweights: relative\nmissing: mean\nmethod: topsis\nindicators:\n"
           "  - {id: G, weight: 2, method: vikor, children: [\n"
           "      {id: u, weight: 1, value: actual_on_est / approved_est, rule: {type: zscore}},\n"
           "      {id: t, weight: 1, value: tasks_completed / tasks_planned, rule: {type: minmax}}]}\n"
           "  - {id: s, weight: 1, value: satisfaction, rule: {type: survey, zero_at: 60, full_at: 100}}\n";
  }
  for (const std::string model : {"single-level", "three-level", "peer-relative", "weighted", "methods"}) {
    const std::string path = model == "methods" ? methods : kExamples + "/" + model + ".yaml";
    std::string original = rows[0] + "\n";
    for (std::size_t i = 1; i < rows.size(); ++i) original += rows[i] + "\n";
    std::vector<std::size_t> order(rows.size() - 1);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::mt19937 rng(7);
    std::shuffle(order.begin(), order.end(), rng);
    std::string shuffled = rows[0] + "\n";
    for (std::size_t k : order) shuffled += rows[k + 1] + "\n";
    const ScoringResult a = score_file(path, original), b = score_file(path, shuffled);
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < order.size(); ++k) {
      const std::size_t i = order[k];  // unit i of `a` is unit k of `b`
      const auto I = static_cast<Eigen::Index>(i), K = static_cast<Eigen::Index>(k);
      ASSERT_EQ(a.unit_ids[i], b.unit_ids[k]);
      ASSERT_TRUE(same_value(a.total[I], b.total[K])) << model << " " << a.unit_ids[i];
      EXPECT_EQ(a.rank[i], b.rank[k]) << model << " " << a.unit_ids[i];
      EXPECT_EQ(a.class_rank[i], b.class_rank[k]) << model << " " << a.unit_ids[i];
      EXPECT_EQ(a.grade[i], b.grade[k]) << model << " " << a.unit_ids[i];
      EXPECT_EQ(a.caps[i], b.caps[k]) << model << " " << a.unit_ids[i];
      EXPECT_EQ(a.note(i), b.note(k)) << model << " " << a.unit_ids[i];
      for (Eigen::Index g = 0; g < a.group_scores.cols(); ++g)
        ASSERT_TRUE(same_value(a.group_scores(I, g), b.group_scores(K, g))) << model;
      for (Eigen::Index j = 0; j < a.leaf_shares.cols(); ++j)
        ASSERT_TRUE(same_value(a.leaf_shares(I, j), b.leaf_shares(K, j))) << model;
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Rescaling a column.

// Distinct values (no ties a rescaling could reorder), with some missing.
std::string scaled_data(double scale, int n, unsigned seed) {
  std::mt19937 rng(seed);
  std::uniform_real_distribution<double> u(1, 100);
  std::string csv = "id,class,a,b,c\n";
  for (int i = 0; i < n; ++i) {
    char buf[160];
    std::snprintf(buf, sizeof buf, "U%d,%s,%.17g,%.17g,%.17g\n", i, i % 3 ? "P" : "Q", u(rng) * scale,
                  i % 11 == 4 ? std::nan("") : u(rng), u(rng));
    std::string row = buf;
    const auto nan = row.find("nan");
    if (nan != std::string::npos) row.replace(nan, 3, "");
    csv += row;
  }
  return csv;
}

TEST(Property, RescalingAColumnLeavesScaleFreeRulesAndRanksAlone) {
  const std::string model =
      "id: s\nweights: relative\nindicators:\n"
      "  - {id: a, weight: 3, value: a, rule: {type: minmax, direction: cost}}\n"
      "  - {id: z, weight: 2, value: a, rule: {type: zscore, cohort: all}}\n"
      "  - {id: p, weight: 1, value: a, rule: {type: percentile}}\n"
      "  - {id: b, weight: 2, value: b, rule: {type: minmax}}\n"
      "  - {id: c, weight: 1, value: c, rule: {type: zscore}}\n";
  const auto base = testing::score(model, scaled_data(1, 400, 11));
  // Powers of two are exact: bit-identical. Other factors, extreme ones included: equal to
  // rounding, and the same ranks.
  for (double scale : {0.5, 1024.0, 3.7, 1e-6, 1e6, 1e-250, 1e250}) {
    const auto r = testing::score(model, scaled_data(scale, 400, 11));
    const bool exact = scale == 0.5 || scale == 1024.0;
    for (Eigen::Index i = 0; i < base.total.size(); ++i) {
      if (exact) ASSERT_TRUE(same_value(r.total[i], base.total[i])) << scale << " unit " << i;
      else ASSERT_NEAR(r.total[i], base.total[i], 1e-9 * std::max(1.0, std::fabs(base.total[i]))) << scale << " unit " << i;
    }
    EXPECT_EQ(r.rank, base.rank) << scale;
    EXPECT_EQ(r.class_rank, base.class_rank) << scale;
    EXPECT_EQ(r.grade, base.grade) << scale;
  }
}

TEST(Property, RescalingAColumnLeavesMethodRankingsAlone) {
  std::mt19937 rng(5);
  std::uniform_real_distribution<double> u(1, 100);
  const Eigen::Index m = 60, n = 4;
  Eigen::MatrixXd x(m, n);
  for (Eigen::Index i = 0; i < m; ++i)
    for (Eigen::Index j = 0; j < n; ++j) x(i, j) = u(rng);
  std::vector<std::string> ids, names{"a", "b", "c", "d"};
  for (Eigen::Index i = 0; i < m; ++i) ids.push_back("U" + std::to_string(i));
  const std::vector<Direction> dirs{Direction::kBenefit, Direction::kCost, Direction::kBenefit, Direction::kBenefit};
  const Eigen::Vector4d w(0.4, 0.3, 0.2, 0.1);
  for (Method method : {Method::kSaw, Method::kWpm, Method::kTopsis, Method::kVikor, Method::kGra, Method::kRsr}) {
    MethodOptions o;
    o.method = method;
    const MethodResult base = rank_alternatives(x, ids, names, dirs, w, o);
    for (double scale : {1e-200, 7.0, 1e200}) {
      Eigen::MatrixXd y = x;
      y.col(0) *= scale;
      y.col(2) /= scale;
      const MethodResult r = rank_alternatives(y, ids, names, dirs, w, o);
      EXPECT_EQ(r.rank, base.rank) << to_string(method) << " " << scale;
      for (Eigen::Index i = 0; i < m; ++i)
        ASSERT_NEAR(r.score[i], base.score[i], 1e-9) << to_string(method) << " " << scale;
    }
  }
  // Scale-free objective weights give a column and any positive multiple of it the same weight.
  for (ObjectiveMethod method : {ObjectiveMethod::kEntropy, ObjectiveMethod::kCv, ObjectiveMethod::kIndependence,
                                 ObjectiveMethod::kPca}) {
    ObjectiveOptions o;
    o.method = method;
    o.basis = WeightBasis::kRaw;
    const std::vector<Direction> benefit(4, Direction::kBenefit);
    const WeightResult base = objective_weights(x, names, benefit, o);
    for (double scale : {1e-170, 3.0, 1e200}) {
      Eigen::MatrixXd y = x;
      y.col(1) *= scale;
      const WeightResult r = objective_weights(y, names, benefit, o);
      for (Eigen::Index j = 0; j < n; ++j)
        EXPECT_NEAR(r.weights[j], base.weights[j], 1e-9) << to_string(method) << " " << scale << " " << names[j];
    }
  }
}

// ---------------------------------------------------------------------------------------------
// The CSV reader: parallel and sequential parses agree on any input.

std::string random_field(std::mt19937& rng) {
  static const std::vector<std::string> kText = {"甲单位", "综合管理类", "a,b", "say \"hi\"", "TV 5\" screen", "line\nbreak",
                                                 "crlf\r\nbreak", "", " spaced ", "1,320", "91.5%", "是", "—", "x"};
  const std::string t = kText[rng() % kText.size()];
  const bool needs_quotes = t.find_first_of(",\"\r\n") != std::string::npos && t.find("TV 5") == std::string::npos;
  if (!needs_quotes) return rng() % 4 == 0 ? std::to_string(rng() % 1000) : t;
  std::string q = "\"";
  for (char c : t) q += c == '"' ? std::string("\"\"") : std::string(1, c);
  return q + "\"";
}

std::string random_csv(std::mt19937& rng, int rows) {
  std::string csv = "id,name,class,v,w\n";
  for (int r = 0; r < rows; ++r) {
    switch (rng() % 29) {
      case 0: csv += "\n"; continue;                  // an empty line
      case 1: csv += ",,,,\n"; continue;              // a blank row
      case 2: csv += "U" + std::to_string(r) + ",x\n"; continue;  // too few fields
      default: break;
    }
    csv += "U" + std::to_string(r % (rows - 3));  // some duplicate ids
    for (int f = 0; f < 4; ++f) csv += "," + random_field(rng);
    csv += rng() % 7 ? "\n" : "\r\n";
  }
  return csv;
}


// The whole table, or the message of the error, as one string to compare.
std::string parsed(const std::string& bytes, int threads) {
  TableOptions o;
  o.threads = threads;
  o.parallel_min_bytes = threads > 1 ? 0 : std::size_t{1} << 40;
  try {
    const Table t = parse_table(bytes, "r.csv", o);
    std::ostringstream out;
    out.precision(17);
    for (std::size_t i = 0; i < t.size(); ++i) {
      out << t.ids[i] << "|" << t.names[i] << "|" << (t.classes.empty() ? std::string() : t.classes[static_cast<std::size_t>(t.unit_class[i])]) << "|" << t.rows[i];
      for (Eigen::Index c = 0; c < t.values.cols(); ++c) out << "|" << t.values(static_cast<Eigen::Index>(i), c);
      out << "\n";
    }
    for (const auto& d : t.problems) out << d.to_string() << " @" << d.column << "\n";
    out << t.problems.size() << " " << static_cast<int>(t.encoding) << "\n";
    return out.str();
  } catch (const DataError& e) {
    return std::string("error: ") + e.what();
  }
}

TEST(Property, ParallelAndSequentialCsvParsesAgree) {
  std::mt19937 rng(2024);
  for (int round = 0; round < 60; ++round) {
    std::string csv = random_csv(rng, 40 + static_cast<int>(rng() % 400));
    if (round % 3 == 1) csv = testing::to_gb18030(csv);
    if (round % 10 == 7) csv += "U999,\"never closed\n";  // an error the parts must report alike
    const std::string sequential = parsed(csv, 1);
    for (int threads : {2, 3, 5, 8}) ASSERT_EQ(parsed(csv, threads), sequential) << "round " << round << ", " << threads << " threads";
  }
}

// ---------------------------------------------------------------------------------------------
// Thread counts change nothing.

TEST(Property, ThreadCountsChangeNothingOnTheExamples) {
  const std::string units = read_file(kExamples + "/units.csv");
  // Enough rows for several evaluation blocks: the example's rows, repeated with new ids.
  const auto rows = lines_of(units);
  std::string big = rows[0] + "\n";
  for (int copy = 0; copy < 80; ++copy)
    for (std::size_t i = 1; i < rows.size(); ++i) big += "C" + std::to_string(copy) + rows[i] + "\n";
  for (const char* model : {"single-level", "three-level", "peer-relative", "weighted"}) {
    ScoringOptions one;
    one.threads = 1;
    const ScoringResult base = score_file(kExamples + "/" + model + ".yaml", big, one);
    const std::string base_csv = to_csv(base);
    for (int threads : {2, 3, 7}) {
      ScoringOptions o;
      o.threads = threads;
      const ScoringResult r = score_file(kExamples + "/" + model + ".yaml", big, o);
      EXPECT_EQ(to_csv(r), base_csv) << model << " " << threads;
      EXPECT_EQ(r.warnings, base.warnings) << model << " " << threads;
    }
  }
}

}  // namespace
}  // namespace staffeval
