// Shared pieces of the staffeval command-line tool: loading inputs the same way in every command.
#pragma once

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include <CLI/CLI.hpp>

#include "staffeval/staffeval.h"

namespace staffeval::cli {

// Exit codes (CLI11 style): 0 ok, 1 internal error, 2 usage, 3 model error, 4 data error,
// 5 an output could not be written (the message gives the operating system's reason).
enum ExitCode { kOk = 0, kInternal = 1, kUsage = 2, kModel = 3, kData = 4, kOutput = 5, kInterrupted = 130 };

// Input and output files are registered with the option that names them, so that one check
// after parsing (check_files) refuses, for every command, an output that is one of its inputs.
// An input must exist; `-` is standard input where the command reads a stream.
CLI::Option* add_input(CLI::App* cmd, const std::string& name, std::string* path, const std::string& help);
CLI::Option* add_inputs(CLI::App* cmd, const std::string& name, std::vector<std::string>* paths,
                        const std::string& help);
CLI::Option* add_output(CLI::App* cmd, const std::string& name, std::string* path, const std::string& help);
// Throws OptionsError naming both options when an output of a parsed subcommand of `app` is the
// same file (by identity: links and other spellings included) as one of its inputs.
void check_files(const CLI::App& app);

// An option whose value is one of an enumeration's spellings (enum_table.h): the help ends with
// the choices, a wrong value is refused with them, and the command reads the value with the same
// table (parse_enum<E>), so a new value needs no edit here.
template <class E>
CLI::Option* add_enum(CLI::App* cmd, const std::string& name, std::string* value, const std::string& help) {
  const EnumTable<E>& t = enum_table<E>();
  return cmd->add_option(name, *value, help + ": " + t.choices())->check([&t](const std::string& s) {
    return t.parse(s) ? std::string() : "must be one of " + t.choices();
  });
}

// Before CLI11 parses: a misspelt subcommand or `--flag` is a usage error with the nearest
// spelling ("unknown option --colums (did you mean --columns?)"), reported ahead of follow-on
// complaints such as a required option missing. Returns the message, empty when all is known.
std::string unknown_words(const CLI::App& app, int argc, const char* const* argv);

// An OptionsError in the words of the command line: the library's option (`MethodOptions::v`)
// shown as the flag that sets it (`--v`).
std::string usage_message(const OptionsError& e);

// The `--threads` option of every command (0 = one per core): reading, scoring and writing take it.
int& threads();

// The `--lang` option of every command: the language of reports, explanations, warnings and
// headers ("" = not given).
std::string& language_option();
// The language asked for with --lang, or `fallback` (the model's, or that of the data's names).
Language language_or(Language fallback);
// The stderr prefix of a warning in `lang`.
const char* warning_prefix(Language lang);

// A subcommand registers its options on `app` and sets `run` to the action.
using Runner = std::function<int()>;

// Options for reading a data file, shared by the commands that read one.
struct DataInput {
  DataInput() = default;
  explicit DataInput(std::string file) : path(std::move(file)) {}
  std::string path;
  std::string encoding = "auto";
  std::string sheet;  // the worksheet of an .xlsx file; empty: the first
  void add_options(CLI::App* app, bool required);
  // Reads the table with the model's id/name/class columns: every value column, or (`only_model`)
  // just those the model reads, for commands that use the model and nothing else (score, validate).
  Table load(const IndicatorModel& model, bool only_model = false) const;
};

// The scoring overrides shared by `score` and `explain`, so both report the same numbers.
struct ScoringInput {
  std::string missing, rounding_scope, rounding_mode, coverage_of;
  int decimals = -1;
  double min_coverage = -1;
  bool no_peer_groups = false;
  void add_options(CLI::App* app);
  ScoringOptions options(const IndicatorModel& model) const;
  // The first of these flags given ("" when none), for commands that refuse them (a decision
  // matrix has no model to score).
  std::string given() const;
};

// A comma-separated list, items trimmed.
std::vector<std::string> split_list(const std::string& s);
// A comma-separated list of names for `flag`: an empty item or a name given twice is a usage
// error naming the flag (a column counted twice, a weight for nothing).
std::vector<std::string> parse_names(const std::string& list, const std::string& flag);
// A comma-separated list of numbers; `option` names the option in messages.
std::vector<double> parse_numbers(const std::string& list, const std::string& option);

// Reads a data file whose unit ids are in `id_column`, or in the first column when it is empty;
// the units' names from `name_column`, else from a `name` or `单位名称` column when the file has
// one; no class column.
Table load_plain_table(const DataInput& data, const std::string& id_column, const std::string& name_column = "",
                       const std::vector<std::string>& columns = {});
// Progress of a long run: a bar on standard error when it is a terminal (unless `quiet`), and
// Ctrl-C stops the run between two steps, before anything more is written.
Progress progress_bar(const std::string& what, bool quiet);

// True when some unit of `t` has a name.
bool has_names(const Table& t);
// The --name-column option of the commands that read a plain table.
void add_name_column_option(CLI::App* app, std::string* name_column);

// A plain decision matrix: --data, --columns, --types and --id-column (default: the first
// column), shared by the commands that rank or weigh columns of a CSV file.
struct PlainMatrixInput {
  std::string columns, types, id_column, name_column;
  DataInput data;
  void add_options(CLI::App* app, bool columns_required);
  DecisionMatrix load() const;
};

// The whole of a file, or a DataError naming it.
std::string read_file(const std::string& path);

// True when `path` names standard input or output: empty or "-".
bool is_stream(const std::string& path);

// Writes to `path` atomically, or to standard output when `path` is empty or "-".
// @throws OutputError with the operating system's reason when the write fails.
void emit(const std::string& path, std::string_view content);
// Writes all of `content` to standard output. @throws OutputError on failure (disk full, a
// closed pipe, a file size limit).
void write_stdout(std::string_view content);

// A result's report options: --format text|csv|json|xlsx, --out FILE and --excel.
void add_report_options(CLI::App* cmd, std::string* format, std::string* out, bool* excel);
// --format xlsx writes a file: `out` must name one. @throws OptionsError otherwise.
void require_xlsx_file(const std::string& out);
// A result in the format asked for (its to_json, to_csv or full_report; xlsx: a summary sheet
// with its report and its CSV as a sheet), to `out` or standard output.
// Results whose reports speak a language (a `language` member): --lang, when given, decides it.
template <class Result, class = void>
struct has_language : std::false_type {};
template <class Result>
struct has_language<Result, std::void_t<decltype(std::declval<Result&>().language = Language::kEn)>> : std::true_type {};

template <class Result>
void emit_report(const std::string& format, const std::string& out, bool excel, const Result& r) {
  if constexpr (has_language<Result>::value) {
    if (r.language != language_or(r.language)) {
      Result copy = r;
      copy.language = language_or(r.language);
      return emit_report(format, out, excel, copy);
    }
  }
  if (format == "json") {
    emit(out, to_json(r));
  } else if (format == "csv") {
    emit(out, to_csv(r, CsvOptions{excel}));
  } else if (format == "xlsx") {
    require_xlsx_file(out);
    Language lang = language_or(Language::kEn);
    if constexpr (has_language<Result>::value) lang = r.language;
    write_xlsx(csv_workbook(to_csv(r, CsvOptions{}), r.brief_report(), lang == Language::kZh ? "结果" : "results", lang), out);
  } else {
    emit(out, r.full_report());
  }
}

void add_score(CLI::App& app, Runner* run);
void add_validate(CLI::App& app, Runner* run);
void add_explain(CLI::App& app, Runner* run);
void add_import_coinr(CLI::App& app, Runner* run);
void add_flatten(CLI::App& app, Runner* run);
void add_compare(CLI::App& app, Runner* run);
void add_redundancy(CLI::App& app, Runner* run);
void add_reduce(CLI::App& app, Runner* run);
void add_weights(CLI::App& app, Runner* run);
void add_rank(CLI::App& app, Runner* run);
void add_dea(CLI::App& app, Runner* run);
void add_diagnose(CLI::App& app, Runner* run);
void add_sensitivity(CLI::App& app, Runner* run);
void add_batch(CLI::App& app, Runner* run);
void add_report(CLI::App& app, Runner* run);

// Keeps `value` until the process ends and never destroys it: a command's large result (a
// million units' strings) is left to the operating system at exit instead of being freed string
// by string (about 25 ms on 1M units). For the one run of a command per process; the list that
// holds it stays reachable, so leak checkers do not report it.
template <class T>
const T& keep_until_exit(T value) {
  static auto* const kept = new std::vector<std::unique_ptr<T>>();
  kept->push_back(std::make_unique<T>(std::move(value)));
  return *kept->back();
}

}  // namespace staffeval::cli
