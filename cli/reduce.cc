// `staffeval reduce`: the smallest-burden single-level model that keeps a target fidelity.
#include <iostream>

#include <fmt/format.h>

#include "common.h"

namespace staffeval::cli {

void add_reduce(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, format = "text", out, model_out, pruned_out, search = "auto", weights = "renormalise", holdout;
    std::vector<std::string> pinned;
    double min_tau_b = 0.9, min_grades = 0.9;
    int beam = 5, folds = 5;
    std::uint64_t seed = 1;
    bool excel = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "reduce", "the single-level model with the least collection burden that keeps a target fidelity to the reference");
  add_input(cmd, "--model", &a->model, "the reference model (YAML)")->required();
  a->data.add_options(cmd, true);
  add_input(cmd, "--holdout-data", &a->holdout, "a second data set (another year): the chosen model's fidelity on it");
  cmd->add_option("--min-tau-b", a->min_tau_b, "Kendall's tau-b to keep against the reference's totals")->capture_default_str();
  cmd->add_option("--min-grade-agreement", a->min_grades, "share of units whose grade must stay")->capture_default_str();
  cmd->add_option("--pin", a->pinned, "indicators that must stay (comma-separated)")->delimiter(',');
  add_enum<ReduceSearch>(cmd, "--search", &a->search, "how to search")->capture_default_str();
  add_enum<ReduceWeights>(cmd, "--weights", &a->weights, "how the kept indicators are weighed")->capture_default_str();
  cmd->add_option("--beam-width", a->beam, "beam search: sets carried to the next size")->capture_default_str()->check(CLI::Range(1, 1000));
  cmd->add_option("--folds", a->folds, "cross-validation over units (0 = none)")->capture_default_str()->check(CLI::Range(0, 1000));
  cmd->add_option("--seed", a->seed, "seed of the folds")->capture_default_str();
  add_output(cmd, "--model-out", &a->model_out, "write the chosen model (YAML) to this file, atomically");
  add_output(cmd, "--pruned-out", &a->pruned_out,
             "--weights rederive: write the reference without the left-out indicators, its weighting methods kept (YAML)");
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      if (!a->model_out.empty() && a->model_out == a->out)
        throw OptionsError("--model-out", a->model_out, "is also --out: give two files");
      if (!a->pruned_out.empty() && (a->pruned_out == a->out || a->pruned_out == a->model_out))
        throw OptionsError("--pruned-out", a->pruned_out, "is also another output: give separate files");
      const ReduceWeights weights = *parse_enum<ReduceWeights>(a->weights);
      if (!a->pruned_out.empty() && weights != ReduceWeights::kRederive)
        throw OptionsError("--pruned-out", a->pruned_out, "needs --weights rederive (renormalised weights leave only the flat model)");
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      ReduceOptions o;
      o.min_tau_b = a->min_tau_b;
      o.min_grade_agreement = a->min_grades;
      o.pinned = a->pinned;
      o.search = *parse_enum<ReduceSearch>(a->search);
      o.beam_width = a->beam;
      o.weights = weights;
      o.folds = a->folds;
      o.seed = a->seed;
      o.scoring = a->scoring.options(model);
      o.threads = threads();
      ReduceResult r;
      if (a->holdout.empty()) {
        r = reduce(compile(model, table), table, o);
      } else {
        DataInput second = a->data;
        second.path = a->holdout;
        r = reduce(compile(model, table), table, second.load(model), o);
      }
      std::string wanted = a->model_out;
      if (!a->pruned_out.empty()) wanted += (wanted.empty() ? "" : " or ") + a->pruned_out;
      if (!wanted.empty() && !r.found)
        throw ComputeError(fmt::format("no set of indicators keeps tau-b >= {:g} and grade agreement >= {:g}: nothing "
                                       "written to {} (lower the targets, or pin fewer)",
                                       o.min_tau_b, o.min_grade_agreement, wanted));
      if (!a->model_out.empty()) emit(a->model_out, to_yaml(r.model));
      if (!a->pruned_out.empty()) emit(a->pruned_out, to_yaml(r.pruned));
      emit_report(a->format, a->out, a->excel, r);
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
