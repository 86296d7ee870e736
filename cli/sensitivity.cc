// `staffeval sensitivity`: how far scores, ranks and grades move when what a specification calls
// uncertain moves.
#include <time.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdlib>
#include <cstdio>
#include <iostream>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "common.h"

namespace staffeval::cli {

namespace {

// A result in the --format asked for, to --out or standard output.
template <class Args, class Result>
void emit_result(const Args& a, const Result& r) {
  emit_report(a.format, a.out, a.excel, r);
}

// A whole string as a finite number.
bool parse_double(const std::string& text, double* out) {
  char* end = nullptr;
  const double v = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(v)) return false;
  *out = v;
  return true;
}

// A plain decision matrix instead of a model (no --model): the inputs of `rank` and, for mc and
// sobol, what moves.
struct MatrixArgs {
  std::string columns, types, id_column, method, weights, draw;
  double concentration = 100, percent = 10;
  std::vector<std::string> vary;

  void add(CLI::App* cmd, bool moves) {
    cmd->add_option("--columns", columns, "decision matrix: the criteria, columns of the data file");
    cmd->add_option("--types", types, "decision matrix: + (benefit) or - (cost) per column; default all +");
    cmd->add_option("--id-column", id_column, "decision matrix: the unit id column (default: the first column)");
    cmd->add_option("--method", method, "decision matrix: the evaluation method (" + enum_table<Method>().choices() + ")");
    cmd->add_option("--weights", weights, "decision matrix: one weight per column, comma-separated; default equal");
    if (!moves) return;
    cmd->add_option("--draw", draw, "decision matrix: how the weights move: " + enum_table<WeightDraw>().choices());
    cmd->add_option("--concentration", concentration, "decision matrix, --draw dirichlet: the concentration")->capture_default_str();
    cmd->add_option("--percent", percent, "decision matrix, --draw percent: each weight within +-this %")->capture_default_str();
    cmd->add_option("--vary", vary, "decision matrix: a method parameter uniform on a range, NAME=LOW:HIGH (v=0.3:0.7)");
  }
  // Refuses every matrix flag next to --model (a model's uncertainty is in --spec).
  void refuse_with_model() const {
    for (const auto& [flag, given] : std::vector<std::pair<const char*, bool>>{
             {"--columns", !columns.empty()}, {"--types", !types.empty()}, {"--id-column", !id_column.empty()},
             {"--method", !method.empty()}, {"--weights", !weights.empty()}, {"--draw", !draw.empty()},
             {"--vary", !vary.empty()}})
      if (given) throw OptionsError(flag, "", "is for a decision matrix (without --model); a model's uncertainty is in --spec");
  }
  struct Loaded {
    DecisionMatrix matrix;
    Eigen::VectorXd weights;
    MethodOptions method;
  };
  // The matrix, its weights and method; refuses a model's scoring flags, which it has no use for.
  Loaded load(const DataInput& data, const ScoringInput& scoring) const {
    if (columns.empty() || method.empty())
      throw OptionsError("--model", "", "give a model, or a decision matrix with --columns and --method");
    const std::string flag = scoring.given();
    if (!flag.empty()) throw OptionsError(flag, "", "is for a model (--model); a decision matrix is ranked by its --method");
    PlainMatrixInput input;
    input.data = data;
    input.columns = columns;
    input.types = types;
    input.id_column = id_column;
    Loaded l;
    l.matrix = input.load();
    const auto m = parse_method(method);
    if (!m) throw OptionsError("--method", method, "must be one of " + enum_table<Method>().choices());
    l.method.method = *m;
    l.weights = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(l.matrix.criteria.size()));
    if (!weights.empty()) {
      const auto given = parse_numbers(weights, "--weights");
      if (given.size() != l.matrix.criteria.size())
        throw OptionsError("--weights", weights, fmt::format("has {} entries for {} columns", given.size(), l.matrix.criteria.size()));
      l.weights = Eigen::Map<const Eigen::VectorXd>(given.data(), static_cast<Eigen::Index>(given.size()));
    }
    return l;
  }
  // What moves: --draw and --vary.
  MatrixUncertainty uncertainty() const {
    MatrixUncertainty u;
    if (!draw.empty()) {
      WeightUncertainty wu;
      const auto d = parse_enum<WeightDraw>(draw);
      if (!d) throw OptionsError("--draw", draw, "must be one of " + enum_table<WeightDraw>().choices());
      wu.draw = *d;
      if (!(concentration > 0)) throw OptionsError("--concentration", fmt::format("{}", concentration), "must be > 0");
      if (!(percent > 0 && percent <= 100)) throw OptionsError("--percent", fmt::format("{}", percent), "must be in (0, 100]");
      wu.concentration = concentration;
      wu.percent = percent;
      u.weights = wu;
    }
    for (const auto& v : vary) {
      const auto eq = v.find('='), colon = v.find(':');
      double low = 0, high = 0;
      if (eq == std::string::npos || colon == std::string::npos || colon < eq ||
          !parse_double(v.substr(eq + 1, colon - eq - 1), &low) || !parse_double(v.substr(colon + 1), &high))
        throw OptionsError("--vary", v, "needs NAME=LOW:HIGH, as v=0.3:0.7");
      u.parameters.push_back({v.substr(0, eq), low, high});
    }
    return u;
  }
};

struct McArgs {
    std::string model, spec, format = "text", out, save_samples, replay;
    MatrixArgs matrix;
    std::size_t samples = 1000;
    std::uint64_t seed = 1;
    int top_k = 10, acceptability = 3;
    double robust = 0.95;
    bool excel = false, quiet = false;
    DataInput data;
    ScoringInput scoring;
};

// `sensitivity mc` on a plain decision matrix: the weights (--draw) and the method's parameters
// (--vary) move.
int run_matrix_mc(const McArgs& a) {
  if (!a.spec.empty()) throw OptionsError("--spec", a.spec, "is for a model (--model); a decision matrix takes --draw and --vary");
  const MatrixArgs::Loaded in = a.matrix.load(a.data, a.scoring);
  const MatrixUncertainty u = a.matrix.uncertainty();
  if (!u.weights && u.parameters.empty() && a.replay.empty())
    throw OptionsError("--draw", "", "a decision matrix needs --draw (the weights move), --vary (a parameter moves) or --replay");
  MonteCarloOptions o;
  o.samples = a.samples;
  o.seed = a.seed;
  o.threads = threads();
  o.top_k = a.top_k;
  o.acceptability_ranks = a.acceptability;
  o.robust_share = a.robust;
  if (!a.replay.empty()) {
    const Table t = load_plain_table(DataInput{a.replay}, "sample");
    if (t.columns != in.matrix.criteria)
      throw DataError(fmt::format("{}: the columns are {}, where the criteria {} are expected (as the samples were written)",
                                  t.file, fmt::join(t.columns, ","), fmt::join(in.matrix.criteria, ",")));
    o.replay = t.values;
  }
  o.progress = progress_bar("Monte Carlo", a.quiet);
  const MonteCarloResult r = monte_carlo(in.matrix, in.weights, in.method, u, o);
  for (const auto& warning : r.warnings) std::cerr << "warning: " << warning << "\n";
  if (!a.save_samples.empty()) emit(a.save_samples, samples_csv(r, CsvOptions{a.excel}));
  emit_result(a, r);
  return kOk;
}

void add_mc(CLI::App* sensitivity, Runner* run) {
  using Args = McArgs;
  auto a = std::make_shared<Args>();
  CLI::App* cmd = sensitivity->add_subcommand(
      "mc", "Monte Carlo: per unit the distribution of score, rank and grade when the weights move");
  add_input(cmd, "--model", &a->model, "indicator model (YAML); without it, a decision matrix (--columns, --method)");
  a->data.add_options(cmd, true);
  add_input(cmd, "--spec", &a->spec, "uncertainty specification (YAML): what moves, and how");
  a->matrix.add(cmd, true);
  cmd->add_option("--samples", a->samples, "number of samples")->capture_default_str()->check(CLI::Range(1, 100000000));
  cmd->add_option("--seed", a->seed, "seed of the samples (the same seed gives the same samples)")->capture_default_str();
  cmd->add_option("--top-k", a->top_k, "report the probability of ranking in the top k")->capture_default_str();
  cmd->add_option("--acceptability", a->acceptability, "report P(rank = r) for r = 1..this")->capture_default_str();
  cmd->add_option("--robust", a->robust, "a grade is robust when it holds in at least this share of samples")
      ->capture_default_str();
  add_input(cmd, "--replay", &a->replay, "replay the weight samples of this file (written by --save-samples)");
  add_output(cmd, "--save-samples", &a->save_samples, "write the samples' edge weights to this CSV file");
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  cmd->add_flag("--quiet", a->quiet, "no progress bar on standard error");
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a]() -> int {
      if (!a->save_samples.empty() && a->save_samples == a->out)
        throw OptionsError("--save-samples", a->save_samples, "is also --out: give two files");
      if (a->model.empty()) return run_matrix_mc(*a);
      a->matrix.refuse_with_model();
      if (a->spec.empty() == a->replay.empty())
        throw OptionsError("--spec", "", "give either --spec (draw samples) or --replay (replay saved ones)");
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      const Plan plan = compile(model, table);
      MonteCarloOptions o;
      o.samples = a->samples;
      o.seed = a->seed;
      o.threads = threads();
      o.top_k = a->top_k;
      o.acceptability_ranks = a->acceptability;
      o.robust_share = a->robust;
      o.scoring = a->scoring.options(model);
      UncertaintySpec spec;
      if (!a->spec.empty()) spec = load_uncertainty(a->spec, model);
      else o.replay = edge_samples(load_plain_table(DataInput{a->replay}, "sample"), plan);
      o.progress = progress_bar("Monte Carlo", a->quiet);
      const MonteCarloResult r = monte_carlo(plan, table, spec, o);
      for (const auto& warning : r.warnings) std::cerr << "warning: " << warning << "\n";
      if (!a->save_samples.empty()) emit(a->save_samples, samples_csv(r, CsvOptions{a->excel}));
      emit_result(*a, r);
      return kOk;
    };
  });
}

void add_sobol(CLI::App* sensitivity, Runner* run) {
  struct Args {
    std::string model, spec, format = "text", out;
    MatrixArgs matrix;
    std::vector<std::string> units;
    std::size_t base = 1024;
    std::uint64_t seed = 1;
    int bootstrap = 1000, unit_bootstrap = 100;
    bool excel = false, quiet = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = sensitivity->add_subcommand(
      "sobol", "Sobol' indices: which uncertain weight or choice drives the rank shift, and each unit's score and rank");
  add_input(cmd, "--model", &a->model, "indicator model (YAML); without it, a decision matrix (--columns, --method)");
  a->data.add_options(cmd, true);
  add_input(cmd, "--spec", &a->spec, "uncertainty specification (YAML): which weights and choices move, and how");
  a->matrix.add(cmd, true);
  cmd->add_option("--base", a->base, "base points of the Sobol' design (evaluations: base x (inputs + 2))")
      ->capture_default_str()
      ->check(CLI::Range(2, 10000000));
  cmd->add_option("--seed", a->seed, "seed of the design's scrambling and the bootstrap")->capture_default_str();
  cmd->add_option("--units", a->units, "ids of the units whose score and rank get indices (default: all)")->delimiter(',');
  cmd->add_option("--bootstrap", a->bootstrap, "bootstrap resamples for the rank shift's intervals (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  cmd->add_option("--unit-bootstrap", a->unit_bootstrap, "bootstrap resamples for each unit's intervals (0 = none)")
      ->capture_default_str()
      ->check(CLI::Range(0, 1000000));
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  cmd->add_flag("--quiet", a->quiet, "no progress bar on standard error");
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      SobolAnalysisOptions o;
      o.base = a->base;
      o.seed = a->seed;
      o.units = a->units;
      o.bootstrap = a->bootstrap;
      o.unit_bootstrap = a->unit_bootstrap;
      o.threads = threads();
      if (a->model.empty()) {
        if (!a->spec.empty())
          throw OptionsError("--spec", a->spec, "is for a model (--model); a decision matrix takes --draw and --vary");
        const MatrixArgs::Loaded in = a->matrix.load(a->data, a->scoring);
        o.progress = progress_bar("Sobol'", a->quiet);
        emit_result(*a, sobol_analysis(in.matrix, in.weights, in.method, a->matrix.uncertainty(), o));
        return kOk;
      }
      a->matrix.refuse_with_model();
      if (a->spec.empty()) throw OptionsError("--spec", "", "is required with --model: what moves, and how");
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      const Plan plan = compile(model, table);
      o.scoring = a->scoring.options(model);
      o.progress = progress_bar("Sobol'", a->quiet);
      const SobolAnalysisResult r = sobol_analysis(plan, table, load_uncertainty(a->spec, model), o);
      emit_result(*a, r);
      return kOk;
    };
  });
}

void add_oat(CLI::App* sensitivity, Runner* run) {
  struct Args {
    std::string model, format = "text", out, rescale = "proportional";
    MatrixArgs matrix;
    double low = -0.5, high = 0.5;
    int steps = 10;
    bool excel = false, quiet = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = sensitivity->add_subcommand(
      "oat", "one weight at a time over a range, the others of its group making room: rank shifts and grade changes");
  add_input(cmd, "--model", &a->model, "indicator model (YAML); without it, a decision matrix (--columns, --method)");
  a->data.add_options(cmd, true);
  a->matrix.add(cmd, false);
  cmd->add_option("--low", a->low, "the smallest relative change (-0.5 = -50%)")->capture_default_str();
  cmd->add_option("--high", a->high, "the largest relative change")->capture_default_str();
  cmd->add_option("--steps", a->steps, "steps between them")->capture_default_str();
  add_enum<Rescale>(cmd, "--rescale", &a->rescale, "how the other weights of the group make room")->capture_default_str();
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  cmd->add_flag("--quiet", a->quiet, "no progress bar on standard error");
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      OatOptions o;
      o.low = a->low;
      o.high = a->high;
      o.steps = a->steps;
      o.rescale = *parse_enum<Rescale>(a->rescale);
      o.threads = threads();
      if (a->model.empty()) {
        const MatrixArgs::Loaded in = a->matrix.load(a->data, a->scoring);
        o.progress = progress_bar("one at a time", a->quiet);
        emit_result(*a, one_at_a_time(in.matrix, in.weights, in.method, o));
        return kOk;
      }
      a->matrix.refuse_with_model();
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      o.scoring = a->scoring.options(model);
      o.progress = progress_bar("one at a time", a->quiet);
      const OatResult r = one_at_a_time(compile(model, table), table, o);
      emit_result(*a, r);
      return kOk;
    };
  });
}

void add_critical(CLI::App* sensitivity, Runner* run) {
  struct Args {
    std::string model, format = "text", out, rescale = "proportional";
    MatrixArgs matrix;
    std::vector<std::string> pairs;
    int top_k = 10, grid = 40;
    double tolerance = 1e-6;
    bool excel = false, quiet = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = sensitivity->add_subcommand(
      "critical", "for each weight, the smallest change that changes a unit's grade, swaps two units or changes the top k");
  add_input(cmd, "--model", &a->model, "indicator model (YAML); without it, a decision matrix (--columns, --method)");
  a->data.add_options(cmd, true);
  a->matrix.add(cmd, false);
  cmd->add_option("--pair", a->pairs, "two unit ids, A,B: the smallest change of each weight that swaps them (repeatable)");
  cmd->add_option("--top-k", a->top_k, "the smallest change that changes the top k (0 = not asked)")->capture_default_str();
  add_enum<Rescale>(cmd, "--rescale", &a->rescale, "how the other weights of the group make room")->capture_default_str();
  cmd->add_option("--grid", a->grid, "models not linear in the weights: grid points scanned per direction")->capture_default_str();
  cmd->add_option("--tolerance", a->tolerance, "models not linear in the weights: the bisection's final bracket")
      ->capture_default_str();
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  cmd->add_flag("--quiet", a->quiet, "no progress bar on standard error");
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      CriticalOptions o;
      for (const auto& p : a->pairs) {
        const auto comma = p.find(',');
        if (comma == std::string::npos || comma == 0 || comma + 1 == p.size() || p.find(',', comma + 1) != std::string::npos)
          throw OptionsError("--pair", p, "needs two unit ids separated by one comma, as A,B");
        o.pairs.emplace_back(p.substr(0, comma), p.substr(comma + 1));
      }
      o.top_k = a->top_k;
      o.grid = a->grid;
      o.tolerance = a->tolerance;
      o.rescale = *parse_enum<Rescale>(a->rescale);
      o.threads = threads();
      if (a->model.empty()) {
        const MatrixArgs::Loaded in = a->matrix.load(a->data, a->scoring);
        o.progress = progress_bar("critical changes", a->quiet);
        emit_result(*a, critical_changes(in.matrix, in.weights, in.method, o));
        return kOk;
      }
      a->matrix.refuse_with_model();
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      o.scoring = a->scoring.options(model);
      o.progress = progress_bar("critical changes", a->quiet);
      const CriticalResult r = critical_changes(compile(model, table), table, o);
      emit_result(*a, r);
      return kOk;
    };
  });
}

void add_removal(CLI::App* sensitivity, Runner* run) {
  struct Args {
    std::string model, format = "text", out;
    MatrixArgs matrix;
    bool no_groups = false, excel = false, quiet = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = sensitivity->add_subcommand(
      "removal", "each indicator (and group) left out in turn, its siblings' weights renormalised: rank and grade changes");
  add_input(cmd, "--model", &a->model, "indicator model (YAML); without it, a decision matrix (--columns, --method)");
  a->data.add_options(cmd, true);
  a->matrix.add(cmd, false);
  cmd->add_flag("--no-groups", a->no_groups, "remove indicators only, not groups");
  add_report_options(cmd, &a->format, &a->out, &a->excel);
  cmd->add_flag("--quiet", a->quiet, "no progress bar on standard error");
  a->scoring.add_options(cmd);
  cmd->callback([a, run] {
    *run = [a] {
      RemovalOptions o;
      o.threads = threads();
      if (a->model.empty()) {
        if (a->no_groups) throw OptionsError("--no-groups", "", "is for a model: a decision matrix has no groups");
        const MatrixArgs::Loaded in = a->matrix.load(a->data, a->scoring);
        o.progress = progress_bar("removal", a->quiet);
        emit_result(*a, removal(in.matrix, in.weights, in.method, o));
        return kOk;
      }
      a->matrix.refuse_with_model();
      const IndicatorModel model = load_model(a->model);
      const Table table = a->data.load(model);
      o.scoring = a->scoring.options(model);
      o.groups = !a->no_groups;
      o.progress = progress_bar("removal", a->quiet);
      const RemovalResult r = removal(compile(model, table), table, o);
      emit_result(*a, r);
      return kOk;
    };
  });
}

}  // namespace

void add_sensitivity(CLI::App& app, Runner* run) {
  CLI::App* sensitivity =
      app.add_subcommand("sensitivity", "uncertainty and sensitivity: how far scores, ranks and grades move");
  sensitivity->require_subcommand(1);
  add_mc(sensitivity, run);
  add_sobol(sensitivity, run);
  add_oat(sensitivity, run);
  add_critical(sensitivity, run);
  add_removal(sensitivity, run);
}

}  // namespace staffeval::cli
