// `staffeval diagnose`: the indicators that hold each unit's score back most (obstacle degrees).
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_diagnose(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, id, format = "text", out;
    std::size_t top = 3;
    bool excel = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("diagnose", "obstacle degrees (障碍度): what each unit should fix first");
  add_input(cmd, "--model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, true);
  cmd->add_option("--top", a->top, "obstacles listed per unit")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--id", a->id, "only this unit");
  cmd->add_option("--format", a->format, "text, csv or json")->capture_default_str()->check(CLI::IsMember({"text", "csv", "json"}));
  add_output(cmd, "--out", &a->out, "write to this file (atomically) instead of standard output");
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, for Excel");
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      ScoringOptions opt = a->scoring.options(model);
      opt.keep = Kept::kShares;
      ObstacleResult r = obstacle_degrees(evaluate(compile(model, table), table, opt));
      if (!a->id.empty()) {
        const int u = table.find_unit(a->id);
        if (u < 0) throw DataError(table.file + ": no unit \"" + a->id + "\"");
        r = r.only(static_cast<std::size_t>(u));  // its rank stays the overall one
      }
      if (a->format == "json") emit(a->out, to_json(r, a->top));
      else if (a->format == "csv") emit(a->out, to_csv(r, a->top, CsvOptions{a->excel}));
      else emit(a->out, r.full_report(a->top));
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
