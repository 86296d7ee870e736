// `staffeval rank`: ranks the units of a plain decision matrix with TOPSIS, VIKOR, SAW, WPM,
// WASPAS, grey relational analysis or the rank-sum ratio.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_rank(CLI::App& app, Runner* run) {
  struct Args {
    std::string method, weights, normalization, format = "text", out, ideal, anti_ideal, rsr_cuts;
    double v = 0.5, rho = 0.5, lambda = 0.5;
    bool excel = false;
    PlainMatrixInput matrix;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("rank", "rank the units of a decision matrix by TOPSIS, VIKOR, SAW, WPM, WASPAS, GRA or RSR");
  cmd->add_option("--method", a->method, "topsis, vikor, saw, wpm, waspas, gra or rsr")
      ->required()
      ->check([](const std::string& s) { return parse_method(s) ? std::string() : std::string("not a known method"); });
  a->matrix.add_options(cmd, true);
  cmd->add_option("--weights", a->weights, "one weight per column, comma-separated (normalised); default equal");
  cmd->add_option("--normalization", a->normalization,
                  "minmax, vector, linear-max or sum; default per method (see README), always echoed in the output")
      ->check([](const std::string& s) {
        return parse_normalization(s) ? std::string() : std::string("must be minmax, vector, linear-max or sum");
      });
  cmd->add_option("--v", a->v, "VIKOR: weight of the group utility S (v)")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--rho", a->rho, "GRA: distinguishing coefficient")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--lambda", a->lambda, "WASPAS: share of SAW")->capture_default_str()->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--rsr-cuts", a->rsr_cuts, "RSR: grade boundaries on the probit scale, ascending (default 4,6)");
  cmd->add_option("--ideal", a->ideal, "TOPSIS: fixed ideal point, one raw value per column (with --anti-ideal)");
  cmd->add_option("--anti-ideal", a->anti_ideal, "TOPSIS: fixed anti-ideal point, one raw value per column");
  cmd->add_option("--format", a->format, "text, csv or json")->capture_default_str()->check(CLI::IsMember({"text", "csv", "json"}));
  cmd->add_option("--out", a->out, "write to this file (atomically) instead of standard output");
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, for Excel");
  cmd->callback([a, run] {
    *run = [a] {
      const auto m = a->matrix.load();
      MethodOptions o;
      o.method = *parse_method(a->method);
      if (!a->normalization.empty()) o.normalization = parse_normalization(a->normalization);
      o.v = a->v;
      o.rho = a->rho;
      o.lambda = a->lambda;
      if (!a->rsr_cuts.empty()) o.rsr_cuts = parse_numbers(a->rsr_cuts, "--rsr-cuts");
      if (!a->ideal.empty() || !a->anti_ideal.empty()) {
        if (o.method != Method::kTopsis) throw OptionsError("--ideal and --anti-ideal are for --method topsis");
        const auto ideal = parse_numbers(a->ideal, "--ideal"), anti = parse_numbers(a->anti_ideal, "--anti-ideal");
        o.ideal = Eigen::Map<const Eigen::VectorXd>(ideal.data(), static_cast<Eigen::Index>(ideal.size()));
        o.anti_ideal = Eigen::Map<const Eigen::VectorXd>(anti.data(), static_cast<Eigen::Index>(anti.size()));
      }
      Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(m.columns.size()));
      if (!a->weights.empty()) {
        const auto given = parse_numbers(a->weights, "--weights");
        if (given.size() != m.columns.size())
          throw OptionsError("--weights has " + std::to_string(given.size()) + " entries for " +
                             std::to_string(m.columns.size()) + " columns");
        w = Eigen::Map<const Eigen::VectorXd>(given.data(), static_cast<Eigen::Index>(given.size()));
      }
      const MethodResult r = rank_alternatives(m.x, m.table.ids, m.columns, m.directions, w, o);
      if (a->format == "json") emit(a->out, to_json(r));
      else if (a->format == "csv") emit(a->out, to_csv(r, a->excel));
      else emit(a->out, r.full_report());
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
