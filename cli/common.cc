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

void emit(const std::string& path, const std::string& content) {
  if (path.empty() || path == "-") {
    std::cout << content;
    std::cout.flush();
  } else {
    write_file_atomic(path, content);
  }
}

}  // namespace staffeval::cli
