// `staffeval validate`: every diagnostic of a model (and of a data file against it).
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_validate(CLI::App& app, Runner* run) {
  struct Args {
    std::string model;
    DataInput data;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("validate", "list every problem of a model and, with --data, of a data file");
  cmd->add_option("model", a->model, "indicator model (YAML)")->required()->check(CLI::ExistingFile);
  a->data.add_options(cmd, false);
  cmd->callback([a, run] {
    *run = [a] {
      IndicatorModel model;
      const auto diags = read_model(a->model, &model);
      std::size_t errors = 0, warnings = 0;
      for (const auto& d : diags) {
        std::cout << d.to_string() << "\n";
        (d.severity == Severity::kError ? errors : warnings)++;
      }
      if (errors) {
        std::cout << a->model << ": " << errors << " error(s), " << warnings << " warning(s)\n";
        return kModel;
      }
      std::cout << a->model << ": model " << model.id << " " << model.version << " is valid ("
                << model.nodes.size() << " nodes)\n";
      if (a->data.path.empty()) return kOk;
      const Table table = a->data.load(model);
      const auto data_diags = check_data(model, table);
      std::size_t derr = 0, dwarn = 0;
      for (const auto& d : data_diags) {
        std::cout << d.to_string() << "\n";
        (d.severity == Severity::kError ? derr : dwarn)++;
      }
      std::cout << a->data.path << ": " << table.size() << " units, " << derr << " error(s), " << dwarn
                << " warning(s)\n";
      return derr ? kData : kOk;
    };
  });
}

}  // namespace staffeval::cli
