// `staffeval explain`: the audit trail of one unit, point by point.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_explain(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, id;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("explain", "explain how one unit earned every point");
  add_input(cmd, "--model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, true);
  cmd->add_option("--id", a->id, "unit id")->required();
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      const ScoringOptions opt = a->scoring.options(model);
      const ScoringResult result = evaluate(compile(model, table), table, opt);
      const std::string head = result.language == Language::kZh
                                   ? "模型 " + model.id + " " + model.version + "（" + a->model + "）\n"
                                   : "model " + model.id + " " + model.version + " (" + a->model + ")\n";
      write_stdout(head + explain(result, table, a->id).text());
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
