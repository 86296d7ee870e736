// `staffeval redundancy`: how much a model's indicators say the same thing.
#include "common.h"

namespace staffeval::cli {

void add_redundancy(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, format = "text", out;
    double threshold = 0.9, full_marks = 0.8, near_constant = 0.01;
    bool no_removal = false, excel = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "redundancy", "correlated indicators, Cronbach's alpha per group, PCA, indicators that barely discriminate");
  add_input(cmd, "--model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, true);
  cmd->add_option("--threshold", a->threshold, "flag pairs correlated at |r| >= this")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--full-marks", a->full_marks, "an indicator at full marks for this share of units barely discriminates")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--near-constant", a->near_constant, "an indicator whose shares' sd is below this is near-constant")
      ->capture_default_str();
  cmd->add_flag("--no-removal", a->no_removal, "skip each indicator's removal impact");
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      RedundancyOptions o;
      o.threshold = a->threshold;
      o.full_marks_share = a->full_marks;
      o.near_constant_sd = a->near_constant;
      o.removal = !a->no_removal;
      o.scoring = a->scoring.options(model);
      o.threads = threads();
      const RedundancyResult r = redundancy(compile(model, table), table, o);
      emit_report(a->format, a->out, a->excel, r);
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
