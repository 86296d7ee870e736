// Shared pieces of the staffeval command-line tool: loading inputs the same way in every command.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include <CLI/CLI.hpp>

#include "staffeval/staffeval.h"

namespace staffeval::cli {

// Exit codes (CLI11 style): 0 ok, 1 internal error, 2 usage, 3 model error, 4 data error.
enum ExitCode { kOk = 0, kInternal = 1, kUsage = 2, kModel = 3, kData = 4 };

// A subcommand registers its options on `app` and sets `run` to the action.
using Runner = std::function<int()>;

// Options for reading a data file, shared by the commands that read one.
struct DataInput {
  std::string path;
  std::string encoding = "auto";
  void add_options(CLI::App* app, bool required);
  // Reads the table with the model's id/name/class columns.
  Table load(const IndicatorModel& model) const;
};

// The scoring overrides shared by `score` and `explain`, so both report the same numbers.
struct ScoringInput {
  std::string missing, rounding_scope, rounding_mode;
  int decimals = -1;
  bool no_peer_groups = false;
  void add_options(CLI::App* app);
  ScoringOptions options(const IndicatorModel& model) const;
};

// A comma-separated list, items trimmed.
std::vector<std::string> split_list(const std::string& s);
// A comma-separated list of numbers; `option` names the option in messages.
std::vector<double> parse_numbers(const std::string& list, const std::string& option);

// Reads a data file whose unit ids are in `id_column`, or in the first column when it is empty;
// no name or class column.
Table load_plain_table(const std::string& path, const std::string& encoding, const std::string& id_column);

// A plain decision matrix: --data, --columns, --types and --id-column (default: the first
// column), shared by the commands that rank or weigh columns of a CSV file.
struct PlainMatrixInput {
  std::string columns, types, id_column;
  DataInput data;
  void add_options(CLI::App* app, bool columns_required);
  struct Loaded {
    Table table;
    std::vector<std::string> columns;
    std::vector<Direction> directions;
    Eigen::MatrixXd x;
  };
  Loaded load() const;
};

// Writes to `path` atomically, or to standard output when `path` is empty or "-".
void emit(const std::string& path, const std::string& content);

void add_score(CLI::App& app, Runner* run);
void add_validate(CLI::App& app, Runner* run);
void add_explain(CLI::App& app, Runner* run);
void add_import_coinr(CLI::App& app, Runner* run);
void add_weights(CLI::App& app, Runner* run);
void add_rank(CLI::App& app, Runner* run);
void add_dea(CLI::App& app, Runner* run);
void add_diagnose(CLI::App& app, Runner* run);

}  // namespace staffeval::cli
