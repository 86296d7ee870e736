// `staffeval compare`: two evaluations of the same units, or two result files, compared.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iostream>

#include <fmt/format.h>

#include "common.h"

namespace staffeval::cli {

namespace {

// A result file (any CSV with an id column and a score or rank column, such as `score` and
// `rank` write) as a ranking; its grade column, when it has one, read as the table's label
// column (text, one label per unit).
Ranking read_ranking(const std::string& path, std::string id_column, std::string by, std::string grade_column,
                     const std::string& encoding, bool* chinese_headers) {
  TableOptions to;
  to.encoding = *parse_encoding(encoding);
  to.threads = threads();
  to.name_column.clear();
  to.id_column = id_column;
  const std::vector<std::string> header = read_csv_header(path, to);
  // A result written in Chinese (单位代码, 总分, 排名, 等级) is read by the same names.
  const auto has = [&header](const std::string& c) { return std::find(header.begin(), header.end(), c) != header.end(); };
  const auto chinese = [&](std::string* column, const char* en, const char* zh) {
    if (*column == en && !has(*column) && has(zh)) {
      *column = zh;
      *chinese_headers = true;
    }
  };
  chinese(&id_column, "id", "单位代码");
  chinese(&by, "score", "总分");
  chinese(&by, "rank", "排名");
  chinese(&grade_column, "grade", "等级");
  to.id_column = id_column;
  const bool graded = std::find(header.begin(), header.end(), grade_column) != header.end();
  to.class_column = graded ? grade_column : std::string();
  to.require_class_column = graded;
  const Table t = load_table(path, to);
  const Eigen::MatrixXd v = select_columns(t, {by});
  Ranking r;
  r.label = path;
  r.unit_ids = t.ids;
  r.value.assign(v.data(), v.data() + v.rows());
  r.higher_is_better = by != "rank" && by != "排名";
  if (graded) {
    for (int c : t.unit_class) r.grade.push_back(t.classes[static_cast<std::size_t>(c)]);
    r.grade_names = t.classes;  // in order of first appearance
  }
  return r;
}

// A mapping of two models' indicators: a CSV file of two columns (a header row, then one pair of
// indicator ids per row, the first model's first; an empty cell: no counterpart). Ids are plain
// identifiers, so a quote is refused rather than half-read.
std::vector<std::pair<std::string, std::string>> read_mapping(const std::string& path, std::vector<std::string>* where) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot be read", path));
  std::vector<std::pair<std::string, std::string>> out;
  std::string line;
  for (std::size_t n = 1; std::getline(in, line); ++n) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    if (n == 1 && line.rfind("\xEF\xBB\xBF", 0) == 0) line.erase(0, 3);
    if (n == 1 || line.find_first_not_of(" \t,") == std::string::npos) continue;  // the header, blank rows
    if (line.find('"') != std::string::npos)
      throw DataError(fmt::format("{}:{}: a quote: a mapping holds plain indicator ids, two per row", path, n));
    const auto comma = line.find(',');
    if (comma == std::string::npos || line.find(',', comma + 1) != std::string::npos)
      throw DataError(fmt::format("{}:{}: \"{}\": needs two indicator ids separated by one comma", path, n, line));
    auto trim = [](std::string s) {
      s.erase(0, s.find_first_not_of(" \t"));
      s.erase(s.find_last_not_of(" \t") + 1);
      return s;
    };
    out.emplace_back(trim(line.substr(0, comma)), trim(line.substr(comma + 1)));
    where->push_back(fmt::format("{}:{}", path, n));
  }
  if (out.empty()) throw DataError(fmt::format("{}: no pairs of indicators after the header", path));
  return out;
}

}  // namespace

void add_compare(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, with, with_data, mapping, format = "text", out, by = "score", id_column = "id", grade_column = "grade";
    std::vector<std::string> results;
    int top_k = 10, bootstrap = 1000;
    std::uint64_t seed = 1;
    bool excel = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "compare", "two evaluations of the same units: rank correlations, rank shifts, grade agreement and burden");
  add_input(cmd, "--model", &a->model, "indicator model (YAML): the reference evaluation");
  a->data.add_options(cmd, false);
  add_input(cmd, "--with", &a->with, "a second model, on the same data (a slim model against the full one)");
  add_input(cmd, "--with-data", &a->with_data, "a second data set for the same model (another year, verified data)");
  add_input(cmd, "--mapping", &a->mapping, "with --with: which indicators correspond (CSV: a header, then `A-id,B-id` per row)");
  add_inputs(cmd, "--results", &a->results, "two result files (CSV with an id and a score or rank column) instead")
      ->expected(2);
  cmd->add_option("--by", a->by, "result files: the column compared (score: higher is better; rank: lower is better)")
      ->capture_default_str()
      ->check(CLI::IsMember({"score", "rank"}));
  cmd->add_option("--id-column", a->id_column, "result files: the unit id column (单位代码 when the file is in Chinese)")->capture_default_str();
  cmd->add_option("--grade-column", a->grade_column, "result files: the grade column, when they have one")->capture_default_str();
  cmd->add_option("--top-k", a->top_k, "the overlap of the two top k")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--bootstrap", a->bootstrap, "resamples of the units for the intervals (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", a->seed, "seed of the bootstrap")->capture_default_str();
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      CompareOptions o;
      o.top_k = a->top_k;
      o.bootstrap = a->bootstrap;
      o.seed = a->seed;
      Comparison c;
      if (!a->results.empty()) {
        for (const auto& [flag, given] : std::vector<std::pair<const char*, bool>>{
                 {"--model", !a->model.empty()}, {"--data", !a->data.path.empty()}, {"--with", !a->with.empty()},
                 {"--with-data", !a->with_data.empty()}})
          if (given) throw OptionsError(flag, "", "compares evaluations; --results compares two result files: one or the other");
        const std::string flag = a->scoring.given();
        if (!flag.empty()) throw OptionsError(flag, "", "is for evaluating a model; result files are already scored");
        // Result files with Chinese headers (score --lang zh) get a Chinese report.
        bool chinese = false;
        c = compare(read_ranking(a->results[0], a->id_column, a->by, a->grade_column, a->data.encoding, &chinese),
                    read_ranking(a->results[1], a->id_column, a->by, a->grade_column, a->data.encoding, &chinese), o);
        c.language = language_or(chinese ? Language::kZh : Language::kEn);
      } else {
        if (a->model.empty() || a->data.path.empty())
          throw OptionsError("--model", a->model, "give --model and --data with --with or --with-data, or --results A.csv B.csv");
        if (a->with.empty() == a->with_data.empty())
          throw OptionsError("--with", a->with, "give one of --with (a second model) or --with-data (a second data set)");
        const IndicatorModel model = load_model(a->model);
        const Table table = a->data.load(model);
        const ScoringResult ra = evaluate(compile(model, table), table, a->scoring.options(model));
        if (!a->with.empty()) {
          const IndicatorModel other = load_model(a->with);
          const Table t2 = a->data.load(other);
          const ScoringResult rb = evaluate(compile(other, t2), t2, a->scoring.options(other));
          c = compare(ra, model.id, rb, other.id, o);
          if (!a->mapping.empty()) {
            std::vector<std::string> where;
            const auto pairs = read_mapping(a->mapping, &where);
            set_correspondence(c, pairs, where, a->mapping);
          }
        } else {
          if (!a->mapping.empty()) throw OptionsError("--mapping", a->mapping, "maps the indicators of two models: give --with");
          DataInput second = a->data;
          second.path = a->with_data;
          const Table t2 = second.load(model);
          const ScoringResult rb = evaluate(compile(model, t2), t2, a->scoring.options(model));
          c = compare(ra, a->data.path, rb, a->with_data, o);
        }
      }
      c.language = language_or(c.language);
      emit_report(a->format, a->out, a->excel, c);
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
