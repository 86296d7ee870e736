// Loading data files and writing outputs for every subcommand.
#include "common.h"

#include <iostream>

namespace staffeval::cli {

void DataInput::add_options(CLI::App* app, bool required) {
  auto* opt = app->add_option("--data", path, "institution data (CSV, one row per unit)");
  if (required) opt->required();
  opt->check(CLI::ExistingFile);
  app->add_option("--encoding", encoding, "CSV encoding: auto (UTF-8, else GB18030), utf-8, gb18030")
      ->capture_default_str()
      ->check([](const std::string& s) {
        return parse_encoding(s) ? std::string() : std::string("must be auto, utf-8 or gb18030");
      });
}

Table DataInput::load(const IndicatorModel& model) const {
  TableOptions opt;
  opt.encoding = *parse_encoding(encoding);
  opt.id_column = model.id_column;
  opt.name_column = model.name_column;
  opt.class_column = model.class_column;
  return load_table(path, opt);
}

void ScoringInput::add_options(CLI::App* app) {
  app->add_flag("--no-peer-groups", no_peer_groups,
                "compare every unit with all units in cohort-relative rules");
  app->add_option("--missing", missing, "override the model's missing-value policy")
      ->check(CLI::IsMember({"skip", "zero", "mean", "median", "peer_mean", "peer_median", "fail"}));
  app->add_option("--rounding", rounding_scope, "override rounding scope: none, indicator, total")
      ->check(CLI::IsMember({"none", "indicator", "total"}));
  app->add_option("--decimals", decimals, "override rounding decimals")->check(CLI::Range(0, 12));
  app->add_option("--rounding-mode", rounding_mode, "override rounding mode: half_up, half_even")
      ->check(CLI::IsMember({"half_up", "half_even"}));
}

ScoringOptions ScoringInput::options(const IndicatorModel& model) const {
  ScoringOptions opt;
  opt.peer_groups = !no_peer_groups;
  if (!missing.empty()) opt.missing = parse_missing_policy(missing);
  if (!rounding_scope.empty() || decimals >= 0 || !rounding_mode.empty()) {
    RoundingPolicy r = model.rounding;
    if (!rounding_scope.empty()) r.scope = *parse_rounding_scope(rounding_scope);
    if (decimals >= 0) r.decimals = decimals;
    if (!rounding_mode.empty()) r.mode = *parse_rounding_mode(rounding_mode);
    opt.rounding = r;
  }
  return opt;
}

void emit(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    write_file_atomic(path, content);
  }
}

}  // namespace staffeval::cli
