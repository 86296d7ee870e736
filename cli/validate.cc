// `staffeval validate`: every diagnostic of a model (and of a data file against it).
#include <fmt/format.h>

#include "common.h"

namespace staffeval::cli {

void add_validate(CLI::App& app, Runner* run) {
  struct Args {
    std::string model;
    DataInput data;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("validate", "list every problem of a model and, with --data, of a data file");
  add_input(cmd, "model", &a->model, "indicator model (YAML)")->required();
  a->data.add_options(cmd, false);
  cmd->callback([a, run] {
    *run = [a] {
      IndicatorModel model;
      auto diags = read_model(a->model, &model);
      for (auto& d : check_weightings(model)) diags.push_back(std::move(d));
      const Language lang = language_or(model_language(model));
      const bool zh = lang == Language::kZh;
      std::string out;
      std::size_t errors = 0, warnings = 0;
      for (const auto& d : diags) {
        out += d.to_string(lang) + "\n";
        (d.severity == Severity::kError ? errors : warnings)++;
      }
      if (errors) {
        write_stdout(out + (zh ? fmt::format("{}：{} 个错误，{} 个警告\n", a->model, errors, warnings)
                                : fmt::format("{}: {} error(s), {} warning(s)\n", a->model, errors, warnings)));
        return kModel;
      }
      out += zh ? fmt::format("{}：模型 {} {} 有效（{} 个节点）\n", a->model, model.id, model.version, model.nodes.size())
                : fmt::format("{}: model {} {} is valid ({} nodes)\n", a->model, model.id, model.version,
                              model.nodes.size());
      if (a->data.path.empty()) {
        write_stdout(out);
        return kOk;
      }
      // The model's findings are shown even when the data cannot be read.
      write_stdout(out);
      out.clear();
      const Table& table = keep_until_exit(a->data.load(model, true));  // the columns the model reads
      const auto data_diags = check_data(model, table);
      std::size_t derr = 0, dwarn = 0;
      for (const auto& d : data_diags) {
        out += d.to_string(lang) + "\n";
        (d.severity == Severity::kError ? derr : dwarn)++;
      }
      write_stdout(out + (zh ? fmt::format("{}：{} 个单位，{} 个错误，{} 个警告\n", a->data.path, table.size(), derr, dwarn)
                             : fmt::format("{}: {} units, {} error(s), {} warning(s)\n", a->data.path, table.size(),
                                           derr, dwarn)));
      return derr ? kData : kOk;
    };
  });
}

}  // namespace staffeval::cli
