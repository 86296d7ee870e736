// `staffeval report`: one self-contained HTML file with the evaluation, its charts and, when
// given, its sensitivity and a comparison with another model.
#include "common.h"

namespace staffeval::cli {

void add_report(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, compare, out, title, label, compare_label;
    std::vector<std::string> sensitivity;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("report", "an HTML report with charts, readable offline and printable");
  add_input(cmd, "--model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, true);
  add_inputs(cmd, "--sensitivity", &a->sensitivity,
             "JSON of `sensitivity mc` (rank intervals, grades not robust) or `sensitivity oat` (tornado) on the same "
             "model and data; may be given twice");
  add_input(cmd, "--compare", &a->compare, "another model (YAML) evaluated on the same data, compared rank by rank");
  cmd->add_option("--label", a->label, "this model's label in the comparison (default: its id)");
  cmd->add_option("--compare-label", a->compare_label, "the other model's label (default: its id)");
  cmd->add_option("--title", a->title, "the report's title (default: the model's name)");
  add_output(cmd, "--out", &a->out, "the HTML file to write (atomically)")->required();
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      const ScoringResult result = evaluate(compile(model, table), table, a->scoring.options(model));
      ReportInput in;
      in.result = &result;
      in.table = &table;
      in.title = a->title;
      in.label = a->label;
      in.other_label = a->compare_label;
      for (const auto& path : a->sensitivity) in.analyses.push_back({path, read_file(path)});
      ScoringResult other;
      if (!a->compare.empty()) {
        const IndicatorModel second = load_model(a->compare);
        const Table t2 = a->data.load(second);
        ScoringOptions o2 = a->scoring.options(second);
        o2.language = result.language;
        other = evaluate(compile(second, t2), t2, o2);
        in.other = &other;
      } else if (!a->compare_label.empty()) {
        throw OptionsError("--compare-label", a->compare_label, "labels the model of --compare; give --compare");
      }
      emit(a->out, html_report(in));
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
