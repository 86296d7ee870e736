// `staffeval flatten`: a hierarchical model as one level of indicators with their effective
// weights.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_flatten(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, out, format = "text";
    bool excel = false;
    DataInput data;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "flatten", "a hierarchical model as one level of indicators weighted by their effective weights");
  add_input(cmd, "model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, false);
  add_output(cmd, "--out", &a->out, "write the single-level model (YAML) to this file, atomically");
  cmd->add_option("--format", a->format, "the report on standard output: text, csv or json")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, for Excel");
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      // Weights that come from the data need it; fixed ones (written, AHP, rank order) do not.
      FlattenResult r;
      if (a->data.path.empty()) {
        r = flatten(model, language_or(model_language(model)));
      } else {
        const Table table = a->data.load(model);
        ScoringOptions o;
        o.threads = threads();
        o.keep = Kept::kTotals;
        o.language = language_or(model_language(model));
        r = flatten(evaluate(compile(model, table), table, o));
      }
      for (const auto& n : r.notes) std::cerr << (r.language == Language::kZh ? "说明：" : "note: ") << n << "\n";
      if (!a->out.empty()) emit(a->out, to_yaml(r.model));
      if (a->format == "json") emit("", to_json(r));
      else if (a->format == "csv") emit("", to_csv(r, CsvOptions{a->excel}));
      else emit("", r.full_report());
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
