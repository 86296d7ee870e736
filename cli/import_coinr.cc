// `staffeval import-coinr`: convert a COINr / COIN Tool iMeta table into a staffeval model.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_import_coinr(CLI::App& app, Runner* run) {
  struct Args {
    std::string imeta, out;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand("import-coinr", "convert a COINr iMeta framework table into a model");
  add_input(cmd, "imeta", &a->imeta, "iMeta CSV (Level, iCode, iName, Parent, Direction, Weight, Type)")->required();
  add_output(cmd, "--out", &a->out, "model file to write; default: standard output");
  cmd->callback([a, run] {
    *run = [a] {
      const IndicatorModel model = import_coinr(a->imeta);
      emit(a->out, to_yaml(model));
      if (!a->out.empty()) {
        if (language_or(model_language(model)) == Language::kZh)
          std::cerr << "已写出 " << a->out << "：" << model.nodes.size() << " 个节点\n";
        else
          std::cerr << "wrote " << a->out << ": " << model.nodes.size() << " nodes\n";
      }
      return kOk;
    };
  });
}

}  // namespace staffeval::cli
