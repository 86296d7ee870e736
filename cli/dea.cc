// `staffeval dea`: data envelopment analysis of the units of a CSV file, and the Malmquist
// index against another year's file.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_dea(CLI::App& app, Runner* run) {
  struct Args {
    std::string inputs, outputs, id_column, name_column, model = "ccr", orientation = "input", compare, format = "text", out;
    bool super = false, excel = false;
    DataInput data;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("dea", "data envelopment analysis: efficiency, redundant inputs, super-efficiency, Malmquist");
  a->data.add_options(cmd, true);
  cmd->add_option("--inputs", a->inputs, "input columns (e.g. headcount, budget), comma-separated")->required();
  cmd->add_option("--outputs", a->outputs, "output columns (e.g. workload), comma-separated")->required();
  cmd->add_option("--id-column", a->id_column, "the unit id column (default: the first column)");
  add_name_column_option(cmd, &a->name_column);
  add_enum<DeaModel>(cmd, "--model", &a->model, "returns to scale (ccr constant, bcc variable)")->capture_default_str();
  add_enum<DeaOrientation>(cmd, "--orientation", &a->orientation, "what the radial measure moves")->capture_default_str();
  cmd->add_flag("--super", a->super, "also compute super-efficiency and rank by it");
  add_input(cmd, "--compare-year", &a->compare,
            "an earlier year's file with the same columns: the Malmquist index from that year to --data's year "
            "(units matched by id)");
  cmd->add_option("--format", a->format, "text, csv or json")->capture_default_str()->check(CLI::IsMember({"text", "csv", "json"}));
  add_output(cmd, "--out", &a->out, "write to this file (atomically) instead of standard output");
  cmd->add_flag("--excel", a->excel, "CSV with a UTF-8 byte-order mark, for Excel");
  cmd->callback([a, run] {
    *run = [a] {
      const auto in = parse_names(a->inputs, "--inputs"), out = parse_names(a->outputs, "--outputs");
      const Table now = load_plain_table(a->data, a->id_column, a->name_column);
      const bool named = has_names(now);
      if (!a->compare.empty()) {
        DataInput earlier = a->data;  // the same encoding and sheet
        earlier.path = a->compare;
        const Table then = load_plain_table(earlier, a->id_column);
        MalmquistOptions mo;
        mo.threads = threads();
        MalmquistResult m = malmquist(then, now, in, out, mo);
        if (named)
          for (const auto& id : m.unit_ids) {
            const int u = now.find_unit(id);
            m.unit_names.push_back(u < 0 ? std::string() : now.names[static_cast<std::size_t>(u)]);
          }
        m.language = language_or(Language::kEn);
        if (a->format == "json") emit(a->out, to_json(m));
        else if (a->format == "csv") emit(a->out, to_csv(m, CsvOptions{a->excel}));
        else emit(a->out, m.full_report());
        return kOk;
      }
      DeaOptions o;
      o.model = *parse_enum<DeaModel>(a->model);
      o.orientation = *parse_enum<DeaOrientation>(a->orientation);
      o.super_efficiency = a->super;
      o.threads = threads();
      DeaResult r = dea(select_columns(now, in), select_columns(now, out), now.ids, in, out, o);
      if (named) r.unit_names = now.names;
      r.language = language_or(Language::kEn);
      if (a->format == "json") emit(a->out, to_json(r));
      else if (a->format == "csv") emit(a->out, to_csv(r, CsvOptions{a->excel}));
      else emit(a->out, r.full_report());
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
