// `staffeval compare`: two evaluations of the same units, or two result files, compared.
#include <cmath>
#include <iostream>

#include <fmt/format.h>

#include "common.h"

namespace staffeval::cli {

namespace {

// A result file (any CSV with an id column and a score or rank column, such as `score` and
// `rank` write) as a ranking; its grade column, when it has one, read as the table's label
// column (text, one label per unit).
Ranking read_ranking(const std::string& path, const std::string& id_column, const std::string& by,
                     const std::string& grade_column, const std::string& encoding) {
  TableOptions to;
  to.encoding = *parse_encoding(encoding);
  to.id_column = id_column;
  to.threads = threads();
  to.name_column.clear();
  const std::vector<std::string> header = read_csv_header(path, to);
  const bool graded = std::find(header.begin(), header.end(), grade_column) != header.end();
  to.class_column = graded ? grade_column : std::string();
  to.require_class_column = graded;
  const Table t = load_table(path, to);
  const Eigen::MatrixXd v = select_columns(t, {by});
  Ranking r;
  r.label = path;
  r.unit_ids = t.ids;
  r.value.assign(v.data(), v.data() + v.rows());
  r.higher_is_better = by != "rank";
  if (graded) {
    for (int c : t.unit_class) r.grade.push_back(t.classes[static_cast<std::size_t>(c)]);
    r.grade_names = t.classes;  // in order of first appearance
  }
  return r;
}

}  // namespace

void add_compare(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, with, with_data, format = "text", out, by = "score", id_column = "id", grade_column = "grade";
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
  add_inputs(cmd, "--results", &a->results, "two result files (CSV with an id and a score or rank column) instead")
      ->expected(2);
  cmd->add_option("--by", a->by, "result files: the column compared (score: higher is better; rank: lower is better)")
      ->capture_default_str()
      ->check(CLI::IsMember({"score", "rank"}));
  cmd->add_option("--id-column", a->id_column, "result files: the unit id column")->capture_default_str();
  cmd->add_option("--grade-column", a->grade_column, "result files: the grade column, when they have one")->capture_default_str();
  cmd->add_option("--top-k", a->top_k, "the overlap of the two top k")->capture_default_str()->check(CLI::Range(1, 1000000));
  cmd->add_option("--bootstrap", a->bootstrap, "resamples of the units for the intervals (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--seed", a->seed, "seed of the bootstrap")->capture_default_str();
  cmd->add_option("--format", a->format, "text, csv or json")->capture_default_str()->check(CLI::IsMember({"text", "csv", "json"}));
  add_output(cmd, "--out", &a->out, "write to this file (atomically) instead of standard output");
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, for Excel");
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
        c = compare(read_ranking(a->results[0], a->id_column, a->by, a->grade_column, a->data.encoding),
                    read_ranking(a->results[1], a->id_column, a->by, a->grade_column, a->data.encoding), o);
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
        } else {
          DataInput second = a->data;
          second.path = a->with_data;
          const Table t2 = second.load(model);
          const ScoringResult rb = evaluate(compile(model, t2), t2, a->scoring.options(model));
          c = compare(ra, a->data.path, rb, a->with_data, o);
        }
      }
      if (a->format == "json") emit(a->out, to_json(c));
      else if (a->format == "csv") emit(a->out, to_csv(c, CsvOptions{a->excel}));
      else emit(a->out, c.full_report());
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
