// `staffeval score`: the result table of every unit as CSV, JSON or a text report.
#include <iostream>
#include <utility>

#include "common.h"

namespace staffeval::cli {

void add_score(CLI::App& app, Runner* run) {
  struct Args {
    std::string model, out, format = "csv";
    bool excel = false, detail = false, zh = false, no_points = false;
    DataInput data;
    ScoringInput scoring;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("score", "score every unit and write the result table");
  add_input(cmd, "--model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, true);
  a->scoring.add_options(cmd);
  add_output(cmd, "--out", &a->out, "output file (written whole or not at all); default: standard output");
  cmd->add_option("--format", a->format, "csv, json, text or xlsx (an Excel workbook: summary, ranking, points, deductions, caps; needs --out)")
      ->capture_default_str()
      ->check(CLI::IsMember({"csv", "json", "text", "xlsx"}));
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, so Excel shows Chinese text");
  cmd->add_flag("--zh", a->zh, "the same as --lang zh (Chinese headers, warnings and report)");
  cmd->add_flag("--detail", a->detail, "add each indicator's raw value and share to the CSV");
  cmd->add_flag("--no-points", a->no_points, "leave out the per-node points columns of the CSV");
  cmd->callback([a, run] {
    *run = [a] {
      if (a->zh) language_option() = "zh";
      const IndicatorModel model = load_model(a->model);
      Table table = a->data.load(model, true);  // only the columns the model reads
      ScoringOptions opt = a->scoring.options(model);
      // Keep only the detail the chosen output shows: large tables score much faster.
      const bool csv = a->format == "csv";
      if (a->format == "xlsx") require_xlsx_file(a->out);
      opt.keep = a->format == "json" || a->format == "xlsx" || a->detail ? Kept::kFull
                   : csv && !a->no_points          ? Kept::kShares
                                                   : Kept::kTotals;
      const Plan plan = compile(model, table);
      // The table is not needed after scoring: the result takes over its ids and names.
      const ScoringResult& result = keep_until_exit(evaluate(plan, std::move(table), opt));
      table = Table();  // its values too: writing needs only the result
      const bool to_file = !a->out.empty() && a->out != "-";
      if (csv) {
        OutputOptions o;
        o.excel_bom = a->excel;
        o.chinese_headers = result.language == Language::kZh;
        o.leaf_detail = a->detail;
        o.node_points = !a->no_points;
        o.threads = threads();
        if (to_file) write_csv(result, a->out, o);
        else emit("", to_csv(result, o));
      } else if (a->format == "xlsx") {
        write_xlsx(to_workbook(result), a->out);
      } else if (a->format == "json") {
        if (to_file) write_json(result, a->out, 2, threads());
        else write_json(result, [](std::string_view piece) { write_stdout(piece); }, 2, threads());
      } else {
        emit(a->out, result.full_report());
      }
      if (to_file) {
        std::cerr << result.brief_report() << "\n";
        for (const auto& w : result.warnings) std::cerr << warning_prefix(result.language) << w << "\n";
      } else if (a->format != "text") {
        for (const auto& w : result.warnings) std::cerr << warning_prefix(result.language) << w << "\n";
      }
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
