// `staffeval explain`: the audit trail of one unit, point by point.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_explain(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, id, missing;
    bool no_peer_groups = false;
    DataInput data;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("explain", "explain how one unit earned every point");
  cmd->add_option("--model", a->model, "indicator model (YAML)")->required()->check(CLI::ExistingFile);
  a->data.add_options(cmd, true);
  cmd->add_option("--id", a->id, "unit id")->required();
  cmd->add_flag("--no-peer-groups", a->no_peer_groups, "compare with all units in cohort-relative rules");
  cmd->add_option("--missing", a->missing, "override the model's missing-value policy")
      ->check(CLI::IsMember({"skip", "zero", "mean", "median", "peer_mean", "peer_median", "fail"}));
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      ScoringOptions opt;
      opt.peer_groups = !a->no_peer_groups;
      if (!a->missing.empty()) opt.missing = parse_missing_policy(a->missing);
      const ScoringResult result = evaluate(compile(model, table), table, opt);
      std::cout << "model " << model.id << " " << model.version << " (" << a->model << ")\n";
      std::cout << explain(result, table, a->id).text();
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
