// `staffeval rank`: ranks the units of a plain decision matrix with TOPSIS, VIKOR, SAW, WPM,
// WASPAS, grey relational analysis or the rank-sum ratio.
#include <algorithm>
#include <cmath>
#include <iostream>
#include <map>

#include <fmt/format.h>

#include "common.h"

namespace staffeval::cli {

namespace {

// Fuzzy comprehensive evaluation on a plain data file: membership from values (--centers) or
// from survey votes (--votes, columns COLUMN:GRADE).
template <class Args>
int run_fuzzy(const Args& a) {
  FuzzyOptions o;
  o.grades = a.grades.empty() ? std::vector<std::string>{} : parse_names(a.grades, "--grades");
  if (!a.grade_scores.empty()) {
    const auto s = parse_numbers(a.grade_scores, "--grade-scores");
    o.grade_scores = Eigen::Map<const Eigen::VectorXd>(s.data(), static_cast<Eigen::Index>(s.size()));
  }
  o.op = *parse_enum<FuzzyOperator>(a.fuzzy_operator);
  o.validate();
  const auto criteria = parse_names(a.matrix.columns, "--columns");
  const Table table = load_plain_table(a.matrix.data, a.matrix.id_column, a.matrix.name_column);
  std::vector<Eigen::MatrixXd> memberships;
  if (a.votes) {
    memberships = vote_memberships(table, criteria, o.grades);
  } else {
    if (a.centers.empty()) throw OptionsError("fuzzy needs --centers (membership from values) or --votes");
    std::vector<Eigen::VectorXd> centers(criteria.size());
    for (const auto& spec : a.centers) {
      const auto eq = spec.find('=');
      const auto values = parse_numbers(eq == std::string::npos ? spec : spec.substr(eq + 1), "--centers");
      const Eigen::VectorXd c = Eigen::Map<const Eigen::VectorXd>(values.data(), static_cast<Eigen::Index>(values.size()));
      if (eq == std::string::npos) {
        for (auto& x : centers) x = c;
        continue;
      }
      const auto it = std::find(criteria.begin(), criteria.end(), spec.substr(0, eq));
      if (it == criteria.end()) throw OptionsError("--centers " + spec + ": \"" + spec.substr(0, eq) + "\" is not in --columns");
      centers[static_cast<std::size_t>(it - criteria.begin())] = c;
    }
    for (std::size_t j = 0; j < criteria.size(); ++j)
      if (centers[j].size() == 0) throw OptionsError("--centers: none for column \"" + criteria[j] + "\"");
    memberships = membership_from_values(select_columns(table, criteria), centers);
  }
  Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(criteria.size()));
  if (!a.weights.empty()) {
    const auto given = parse_numbers(a.weights, "--weights");
    if (given.size() != criteria.size())
      throw OptionsError("--weights has " + std::to_string(given.size()) + " entries for " + std::to_string(criteria.size()) +
                         " columns");
    w = Eigen::Map<const Eigen::VectorXd>(given.data(), static_cast<Eigen::Index>(given.size()));
  }
  FuzzyResult r = fuzzy_evaluate(memberships, table.ids, w, o);
  if (has_names(table)) r.unit_names = table.names;
  r.language = language_or(Language::kEn);
  if (a.format == "json") emit(a.out, to_json(r));
  else if (a.format == "csv") emit(a.out, to_csv(r, CsvOptions{a.excel}));
  else if (a.format == "xlsx") emit_report(a.format, a.out, a.excel, r);
  else emit(a.out, r.full_report());
  return kOk;
}

}  // namespace

void add_rank(CLI::App& app, Runner* run) {
  struct Args {
    std::string method, weights, normalization, format = "text", out, ideal, anti_ideal, rsr_cuts, grades, grade_scores,
        fuzzy_operator = "weighted";
    std::vector<std::string> centers;
    bool votes = false;
    std::map<std::string, double> parameters;  // the methods' scalar parameters, by name
    std::vector<std::pair<MethodParameter, CLI::Option*>> parameter_options;
    bool excel = false;
    PlainMatrixInput matrix;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("rank", "rank the units of a decision matrix by an evaluation method (" +
                                                 enum_table<Method>().choices() + ") or fuzzy evaluation");
  cmd->add_option("--method", a->method, "evaluation method: " + enum_table<Method>().choices() + ", fuzzy")
      ->required()
      ->check([](const std::string& s) {
        return s == "fuzzy" || parse_enum<Method>(s) ? std::string()
                                                     : "must be one of " + enum_table<Method>().choices() + ", fuzzy";
      });
  a->matrix.add_options(cmd, true);
  cmd->add_option("--weights", a->weights, "one weight per column, comma-separated (normalised); default equal");
  add_enum<Normalization>(cmd, "--normalization", &a->normalization,
                          "how criteria are made comparable (default per method, echoed in the output)");
  // One flag per scalar parameter of the methods (methods.h, method_parameters()).
  const MethodOptions defaults;
  for (const MethodParameter& p : method_parameters()) {
    const std::string name(p.name);
    double& value = a->parameters[name];
    value = defaults.*p.field;
    CLI::Option* opt = cmd->add_option("--" + name, value, std::string(p.description))
                           ->capture_default_str()
                           ->check(CLI::Range(p.low, p.high));
    a->parameter_options.emplace_back(p, opt);
  }
  cmd->add_option("--rsr-cuts", a->rsr_cuts, "RSR: grade boundaries on the probit scale, ascending (default 4,6)");
  cmd->add_option("--grades", a->grades, "fuzzy: the grades, best first, comma-separated (e.g. 优,良,中,差)");
  cmd->add_option("--grade-scores", a->grade_scores, "fuzzy: a score per grade (default evenly 100 to 0)");
  add_enum<FuzzyOperator>(cmd, "--operator", &a->fuzzy_operator, "fuzzy: composition operator")->capture_default_str();
  cmd->add_option("--centers", a->centers,
                  "fuzzy: COLUMN=v1,v2,... the value at which each grade is full, best grade first; repeat per column, "
                  "or give one list for every column");
  cmd->add_flag("--votes", a->votes,
                "fuzzy: membership from survey votes in columns named COLUMN:GRADE (counts) instead of --centers");
  cmd->add_option("--ideal", a->ideal, "TOPSIS: fixed ideal point, one raw value per column (with --anti-ideal)");
  cmd->add_option("--anti-ideal", a->anti_ideal, "TOPSIS: fixed anti-ideal point, one raw value per column");
  cmd->add_option("--format", a->format, "text, csv, json or xlsx (an Excel workbook; needs --out)")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "csv", "json", "xlsx"}));
  add_output(cmd, "--out", &a->out, "write to this file (atomically) instead of standard output");
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, for Excel");
  cmd->callback([a, run] {
    *run = [a]() -> int {
      if (a->method == "fuzzy") return run_fuzzy(*a);
      const auto m = a->matrix.load();
      MethodOptions o;
      o.method = *parse_enum<Method>(a->method);
      o.threads = threads();
      if (!a->normalization.empty()) o.normalization = parse_enum<Normalization>(a->normalization);
      for (const auto& [p, opt] : a->parameter_options) {
        bool used = false;
        for (const MethodParameter& q : method_parameters(o.method)) used = used || q.name == p.name;
        if (opt->count() > 0 && !used)
          throw OptionsError(fmt::format("--{} is not a parameter of {}, which would ignore it", p.name, to_string(o.method)));
        o.*p.field = a->parameters.at(std::string(p.name));
      }
      if (!a->rsr_cuts.empty()) o.rsr_cuts = parse_numbers(a->rsr_cuts, "--rsr-cuts");
      if (!a->ideal.empty() || !a->anti_ideal.empty()) {
        if (o.method != Method::kTopsis) throw OptionsError("--ideal and --anti-ideal are for --method topsis");
        const auto ideal = parse_numbers(a->ideal, "--ideal"), anti = parse_numbers(a->anti_ideal, "--anti-ideal");
        o.ideal = Eigen::Map<const Eigen::VectorXd>(ideal.data(), static_cast<Eigen::Index>(ideal.size()));
        o.anti_ideal = Eigen::Map<const Eigen::VectorXd>(anti.data(), static_cast<Eigen::Index>(anti.size()));
      }
      Eigen::VectorXd w = Eigen::VectorXd::Ones(static_cast<Eigen::Index>(m.criteria.size()));
      if (!a->weights.empty()) {
        const auto given = parse_numbers(a->weights, "--weights");
        for (double v : given)
          if (!(v >= 0)) throw OptionsError("--weights " + a->weights + ": weights must be >= 0");
        if (given.size() != m.criteria.size())
          throw OptionsError("--weights has " + std::to_string(given.size()) + " entries for " +
                             std::to_string(m.criteria.size()) + " columns");
        w = Eigen::Map<const Eigen::VectorXd>(given.data(), static_cast<Eigen::Index>(given.size()));
      }
      MethodResult r = rank_alternatives(m, w, o);
      r.language = language_or(Language::kEn);
      // CSV and JSON are formatted on every core and streamed out, never whole in memory.
      if (a->format == "json" && is_stream(a->out))
        write_json(r, [](std::string_view piece) { write_stdout(piece); }, 2, threads());
      else if (a->format == "json") write_json(r, a->out, 2, threads());
      else if (a->format == "csv" && is_stream(a->out))
        write_csv(r, [](std::string_view piece) { write_stdout(piece); }, CsvOptions{a->excel}, threads());
      else if (a->format == "csv") write_csv(r, a->out, CsvOptions{a->excel}, threads());
      else if (a->format == "xlsx") emit_report(a->format, a->out, a->excel, r);
      else emit(a->out, r.full_report());
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
