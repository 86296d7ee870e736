// `staffeval weights`: AHP judgments, objective weights from data, rank-order weights and
// combinations, as a readable table or JSON.
#include <fstream>
#include <iostream>

#include <fmt/format.h>
#include <iterator>

#include "common.h"

namespace staffeval::cli {

namespace {

// --format and --out, shared by every weights command. Every weights result speaks a language
// (a model's, or that of the elements' names); --lang, when given, decides it.

struct Output {
  std::string format = "text";
  std::string out;
  void add_options(CLI::App* cmd) {
    cmd->add_option("--format", format, "output: text (a table), json or xlsx (an Excel workbook; needs --out)")
        ->capture_default_str()
        ->check(CLI::IsMember({"text", "json", "xlsx"}));
    add_output(cmd, "--out", &out, "write to this file (atomically) instead of standard output");
  }
  template <class R>
  void write(R r) const {
    r.language = language_or(r.language);
    if (format == "xlsx") {
      require_xlsx_file(out);
      write_xlsx(weights_workbook(to_json(r), r.brief_report(), r.language), out);
      return;
    }
    emit(out, format == "json" ? to_json(r) : r.full_report());
  }
};

void add_ahp(CLI::App* weights, Runner* run) {
  struct Args {
    std::vector<std::string> matrices;
    std::string priority = "eigenvector", ri = "saaty1980", completion = "llsm", group = "aij",
                aip_mean = "geometric", expert_weights;
    double threshold = 0.1;
    bool allow_inconsistent = false;
    Output output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = weights->add_subcommand("ahp", "AHP weights from one judgment matrix or a panel's matrices");
  add_inputs(cmd, "--matrix", &a->matrices,
             "judgment matrix CSV (names in the first row and column; blank = missing); repeat for a panel")
      ->required();
  add_enum<PriorityMethod>(cmd, "--priority", &a->priority, "how priorities are derived")->capture_default_str();
  add_enum<RandomIndexTable>(cmd, "--ri", &a->ri, "random-index table")->capture_default_str();
  cmd->add_option("--threshold", a->threshold, "CR at or above this is inconsistent")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  add_enum<Completion>(cmd, "--completion", &a->completion, "how missing judgments are completed")
      ->capture_default_str();
  add_enum<PanelAggregation>(cmd, "--group", &a->group, "panel aggregation (judgments or priorities)")
      ->capture_default_str();
  add_enum<PanelMean>(cmd, "--aip-mean", &a->aip_mean, "mean of priorities under aip")->capture_default_str();
  cmd->add_option("--expert-weights", a->expert_weights, "panel: one weight per --matrix, comma-separated");
  cmd->add_flag("--allow-inconsistent", a->allow_inconsistent,
                "exit 0 even when CR reaches the threshold (the report is written either way)");
  a->output.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      AhpOptions o;
      o.priority = *parse_enum<PriorityMethod>(a->priority);
      o.random_index = *parse_enum<RandomIndexTable>(a->ri);
      o.completion = *parse_enum<Completion>(a->completion);
      o.threshold = a->threshold;
      if (!language_option().empty()) o.language = parse_language(language_option());
      std::vector<JudgmentMatrix> ms;
      for (const auto& f : a->matrices) ms.push_back(read_judgment_matrix(f));
      // The report is written either way; inconsistent judgments end with a data-error exit
      // unless accepted, so that scripts notice.
      auto verdict = [&](const std::string& inconsistency, Language l) {
        if (inconsistency.empty() || a->allow_inconsistent) return kOk;
        std::cerr << inconsistency
                  << (l == Language::kZh ? "：判断矩阵不一致（见建议修改；--allow-inconsistent 接受这些判断）"
                                         : ": the judgments are inconsistent (see the suggested revision; "
                                           "--allow-inconsistent accepts them)")
                  << "\nstaffeval: data error\n";
        return kData;
      };
      if (ms.size() == 1 && a->expert_weights.empty()) {
        const AhpResult r = ahp(ms[0], o);
        a->output.write(r);
        return verdict(r.consistent ? std::string() : fmt::format("{}: CR = {:.4g} >= {}", ms[0].file, r.cr, o.threshold),
                       r.language);
      }
      PanelOptions p;
      p.ahp = o;
      p.aggregation = *parse_enum<PanelAggregation>(a->group);
      p.aip_mean = *parse_enum<PanelMean>(a->aip_mean);
      p.expert_weights = parse_numbers(a->expert_weights, "--expert-weights");
      const PanelResult r = ahp_panel(ms, p);
      a->output.write(r);
      return verdict(r.inconsistency(), r.language);
    };
  });
}

void add_objective(CLI::App* weights, Runner* run, ObjectiveMethod method, const std::string& help) {
  struct Args {
    std::string model, basis, sd = "sample";
    bool no_reverse = false;
    double shift = 0;
    PlainMatrixInput matrix;
    Output output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = weights->add_subcommand(std::string(to_string(method)), help);
  add_input(cmd, "--model", &a->model, "weigh the leaves of this model (with --data)");
  a->matrix.add_options(cmd, false);
  add_enum<WeightBasis>(cmd, "--basis", &a->basis,
                        "matrix the method runs on (shares: models only); default minmax for --columns, shares for "
                        "--model");
  cmd->add_flag("--no-reverse-costs", a->no_reverse, "do not reverse cost columns before computing");
  cmd->add_option("--sd", a->sd, "standard deviation: sample (n - 1) or population (n)")
      ->capture_default_str()
      ->check(CLI::IsMember({"sample", "population"}));
  if (method == ObjectiveMethod::kEntropy)
    cmd->add_option("--shift", a->shift, "added to every value before the entropy (e.g. 0.0001)")->check(CLI::NonNegativeNumber);
  a->output.add_options(cmd);
  cmd->callback([a, run, method] {
    *run = [a, method] {
      ObjectiveOptions o;
      o.method = method;
      if (!a->basis.empty()) o.basis = *parse_weight_basis(a->basis);
      o.reverse_costs = !a->no_reverse;
      o.sample_sd = a->sd == "sample";
      o.entropy_shift = a->shift;
      o.threads = threads();
      if (!language_option().empty()) o.language = parse_language(language_option());
      if (!a->model.empty()) {
        // A model's leaves are weighed on what its rules make of them unless told otherwise.
        if (a->basis.empty()) o.basis = WeightBasis::kShares;
        if (!a->matrix.columns.empty() || !a->matrix.types.empty())
          throw OptionsError("--columns and --types are for a plain decision matrix; with --model the leaves are weighed");
        const IndicatorModel model = load_model(a->model);
        const Table table = a->matrix.data.load(model);
        ScoringOptions so;
        so.keep = o.basis == WeightBasis::kShares ? Kept::kShares : Kept::kFull;
        a->output.write(objective_weights(evaluate(compile(model, table), table, so), o));
        return kOk;
      }
      if (a->matrix.columns.empty()) throw OptionsError("give --columns (a plain decision matrix) or --model");
      if (o.basis == WeightBasis::kShares) throw OptionsError("--basis shares needs --model");
      const auto m = a->matrix.load();
      a->output.write(objective_weights(m, o));
      return kOk;
    };
  });
}

void add_rank_order(CLI::App* weights, Runner* run) {
  struct Args {
    std::string method = "roc", order;
    Output output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = weights->add_subcommand("rank-order", "weights from an importance order (most important first)");
  add_enum<RankOrderMethod>(cmd, "--method", &a->method, "rank centroid, rank sum or rank reciprocal")
      ->capture_default_str();
  cmd->add_option("--order", a->order, "elements, most important first, comma-separated")->required();
  a->output.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      a->output.write(rank_order_weights(parse_names(a->order, "--order"), *parse_enum<RankOrderMethod>(a->method)));
      return kOk;
    };
  });
}

void add_combine(CLI::App* weights, Runner* run) {
  struct Args {
    std::string method = "linear", names;
    std::vector<std::string> sets, from;
    double alpha = 0.5;
    Output output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = weights->add_subcommand("combine", "combine subjective and objective weights");
  add_enum<CombineMethod>(cmd, "--method", &a->method, "how the sets are combined")->capture_default_str();
  add_inputs(cmd, "--from", &a->from, "a JSON file written by another `weights` command; repeat");
  cmd->add_option("--names", a->names, "element names for --set, comma-separated");
  cmd->add_option("--set", a->sets, "weights in --names order, comma-separated; repeat");
  cmd->add_option("--alpha", a->alpha, "linear: share of the first set")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  a->output.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      std::vector<std::string> names;
      std::vector<Eigen::VectorXd> sets;
      for (const auto& f : a->from) {
        const WeightResult w = weights_from_json(read_file(f), f);
        if (names.empty()) names = w.names;
        sets.push_back(weights_in_order(w, names, f));
      }
      if (!a->sets.empty()) {
        if (a->names.empty()) throw OptionsError("--set needs --names");
        const auto given = parse_names(a->names, "--names");
        if (!names.empty() && given != names) throw OptionsError("--names differ from the elements of the --from files");
        names = given;
        for (const auto& s : a->sets) {
          const auto v = parse_numbers(s, "--set " + s);
          sets.push_back(Eigen::Map<const Eigen::VectorXd>(v.data(), static_cast<Eigen::Index>(v.size())));
        }
      }
      CombineOptions o;
      o.method = *parse_combine_method(a->method);
      o.alpha = a->alpha;
      a->output.write(combine_weights(sets, names, o));
      return kOk;
    };
  });
}

void add_model(CLI::App* weights, Runner* run) {
  struct Args {
    std::string model;
    DataInput data;
    Output output;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = weights->add_subcommand(
      "model", "a model's local and global weights, synthesised down the hierarchy (AHP matrices per group)");
  add_input(cmd, "--model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, false);
  a->output.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = load_model(a->model);
      if (a->data.path.empty()) {
        a->output.write(model_weights(model));
        return kOk;
      }
      // With data, data-driven weightings (entropy, ...) are resolved on it.
      const Table table = a->data.load(model);
      ScoringOptions so;
      so.keep = Kept::kTotals;
      if (!language_option().empty()) so.language = parse_language(language_option());
      a->output.write(model_weights(evaluate(compile(model, table), table, so)));
      return kOk;
    };
  });
}

}  // namespace

void add_weights(CLI::App& app, Runner* run) {
  CLI::App* weights = app.add_subcommand("weights", "compute weights: AHP, objective methods, rank order, combinations");
  weights->require_subcommand(1);
  add_ahp(weights, run);
  add_objective(weights, run, ObjectiveMethod::kEntropy, "entropy weights (熵权法)");
  add_objective(weights, run, ObjectiveMethod::kCritic, "CRITIC weights (contrast and conflict)");
  add_objective(weights, run, ObjectiveMethod::kStdDev, "standard-deviation weights");
  add_objective(weights, run, ObjectiveMethod::kCv, "coefficient-of-variation weights (变异系数法)");
  add_objective(weights, run, ObjectiveMethod::kVariance, "variance weights (均方差法)");
  add_objective(weights, run, ObjectiveMethod::kIndependence, "independence weights (复相关系数)");
  add_objective(weights, run, ObjectiveMethod::kPca, "first-principal-component weights");
  add_rank_order(weights, run);
  add_combine(weights, run);
  add_model(weights, run);
}

}  // namespace staffeval::cli
