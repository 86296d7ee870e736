// Loading data files and writing outputs for every subcommand.
#include "common.h"

#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>
#include <memory>
#include <sstream>

#include <fmt/format.h>

namespace staffeval::cli {

namespace {

// The files of one subcommand: (option name, path) pairs.
struct FileOptions {
  std::vector<std::pair<std::string, const std::string*>> inputs, outputs;
  std::vector<std::pair<std::string, const std::vector<std::string>*>> input_lists;
};

std::map<const CLI::App*, FileOptions>& file_options() {
  static std::map<const CLI::App*, FileOptions> registry;
  return registry;
}

void check_app(const CLI::App& app) {
  const auto it = file_options().find(&app);
  if (it != file_options().end()) {
    const FileOptions& f = it->second;
    std::vector<std::pair<std::string, std::string>> inputs;
    for (const auto& [name, path] : f.inputs)
      if (!is_stream(*path)) inputs.emplace_back(name, *path);
    for (const auto& [name, paths] : f.input_lists)
      for (const auto& p : *paths)
        if (!is_stream(p)) inputs.emplace_back(name, p);
    for (const auto& [oname, out] : f.outputs) {
      if (is_stream(*out)) continue;
      for (const auto& [iname, in] : inputs)
        if (same_file(*out, in))
          throw OptionsError(fmt::format("{} {} is the same file as {} {}: refusing to overwrite an input; "
                                         "write the result to another file",
                                         oname, *out, iname, in));
    }
  }
  for (const CLI::App* sub : app.get_subcommands()) check_app(*sub);
}

}  // namespace

// Standard input and output are streams, not files to compare.
bool is_stream(const std::string& path) { return path.empty() || path == "-"; }

CLI::Option* add_input(CLI::App* cmd, const std::string& name, std::string* path, const std::string& help) {
  file_options()[cmd].inputs.emplace_back(CLI::detail::split_names(name).front(), path);
  return cmd->add_option(name, *path, help)->check(CLI::ExistingFile);
}

CLI::Option* add_inputs(CLI::App* cmd, const std::string& name, std::vector<std::string>* paths,
                        const std::string& help) {
  file_options()[cmd].input_lists.emplace_back(CLI::detail::split_names(name).front(), paths);
  return cmd->add_option(name, *paths, help)->check(CLI::ExistingFile);
}

CLI::Option* add_output(CLI::App* cmd, const std::string& name, std::string* path, const std::string& help) {
  file_options()[cmd].outputs.emplace_back(CLI::detail::split_names(name).front(), path);
  return cmd->add_option(name, *path, help);
}

void check_files(const CLI::App& app) { check_app(app); }

std::string unknown_words(const CLI::App& app, int argc, const char* const* argv) {
  const CLI::App* current = &app;
  for (int k = 1; k < argc; ++k) {
    const std::string word = argv[k];
    if (word == "--") break;
    if (word.rfind("--", 0) == 0) {
      const std::string name = word.substr(0, word.find('='));
      std::vector<std::string> known;
      const CLI::Option* found = nullptr;
      for (const CLI::App* a = current; a; a = a->get_parent())
        for (const CLI::Option* o : a->get_options()) {
          for (const auto& l : o->get_lnames()) {
            known.push_back("--" + l);
            if (name == "--" + l) found = o;
          }
        }
      if (!found) {
        const std::string near = closest_name(name, known);
        return near.empty() ? fmt::format("unknown option {} (staffeval {} --help lists them)", name, current->get_name())
                            : fmt::format("unknown option {} (did you mean {}?)", name, near);
      }
      // The value of an option before the command's name (`--threads 2 score`) is no command.
      if (word.find('=') == std::string::npos && found->get_expected_min() > 0 && current == &app) ++k;
      continue;
    }
    if (word.empty() || word[0] == '-') continue;
    // A word that names a subcommand of the current command moves into it; the first word
    // after the program must be one.
    const CLI::App* sub = nullptr;
    std::vector<std::string> names;
    for (const CLI::App* s : current->get_subcommands({})) {
      names.push_back(s->get_name());
      if (s->get_name() == word) sub = s;
    }
    if (sub) {
      current = sub;
    } else if (current == &app || (!names.empty() && current->get_require_subcommand_min() > 0)) {
      const std::string near = closest_name(word, names);
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      return near.empty() ? fmt::format("unknown command {} (commands: {})", word, list)
                          : fmt::format("unknown command {} (did you mean {}?)", word, near);
    }
  }
  return "";
}

std::string usage_message(const OptionsError& e) {
  static const std::map<std::string, std::string> kFlags = {
      {"MethodOptions::v", "--v"},
      {"MethodOptions::rho", "--rho"},
      {"MethodOptions::lambda", "--lambda"},
      {"MethodOptions::ideal", "--ideal"},
      {"MethodOptions::anti_ideal", "--anti-ideal"},
      {"MethodOptions::rsr_cuts", "--rsr-cuts"},
      {"FuzzyOptions::grades", "--grades"},
      {"FuzzyOptions::grade_scores", "--grade-scores"},
      {"PanelOptions::expert_weights", "--expert-weights"},
      {"AhpOptions::threshold", "--threshold"},
      {"ObjectiveOptions::entropy_shift", "--shift"},
      {"CombineOptions::alpha", "--alpha"},
      {"ScoringOptions::min_coverage", "--min-coverage"},
      {"ScoringOptions::rounding.decimals", "--decimals"},
      {"TableOptions::threads", "--threads"},
      {"ScoringOptions::threads", "--threads"},
      {"OutputOptions::threads", "--threads"},
      {"DeaOptions::threads", "--threads"},
      {"MalmquistOptions::threads", "--threads"},
      {"MonteCarloOptions::threads", "--threads"},
      {"RemovalOptions::threads", "--threads"},
      {"OatOptions::threads", "--threads"},
      {"ObjectiveOptions::threads", "--threads"},
      {"MethodOptions::threads", "--threads"},
      {"OatOptions::steps", "--steps"},
      {"OatOptions::low", "--low"},
      {"OatOptions::high", "--high"},
      {"MonteCarloOptions::samples", "--samples"},
      {"MonteCarloOptions::top_k", "--top-k"},
      {"MonteCarloOptions::acceptability_ranks", "--acceptability"},
      {"MonteCarloOptions::robust_share", "--robust"},
  };
  const auto it = kFlags.find(e.field());
  if (it == kFlags.end()) return e.what();
  return e.value().empty() ? fmt::format("{}: {}", it->second, e.rule())
                           : fmt::format("{} {}: {}", it->second, e.value(), e.rule());
}

void write_stdout(std::string_view content) {
  std::cout.flush();
  while (!content.empty()) {
    const ssize_t k = ::write(STDOUT_FILENO, content.data(), content.size());
    if (k < 0) {
      if (errno == EINTR) continue;
      throw OutputError(fmt::format("standard output: write failed: {}", std::strerror(errno)));
    }
    content.remove_prefix(static_cast<std::size_t>(k));
  }
}

void DataInput::add_options(CLI::App* app, bool required) {
  auto* opt = add_input(app, "--data", &path, "institution data (CSV, or an Excel .xlsx workbook; one row per unit)");
  if (required) opt->required();
  add_enum<Encoding>(app, "--encoding", &encoding, "CSV encoding (auto: UTF-8, else GB18030)")->capture_default_str();
  app->add_option("--sheet", sheet, "the worksheet of an .xlsx data file (default: the first)");
}

int& threads() {
  static int count = 0;
  return count;
}

std::string& language_option() {
  static std::string lang;
  return lang;
}

Language language_or(Language fallback) {
  return language_option().empty() ? fallback : *parse_language(language_option());
}

const char* warning_prefix(Language lang) { return lang == Language::kZh ? "警告：" : "warning: "; }

Table DataInput::load(const IndicatorModel& model, bool only_model) const {
  TableOptions to = table_options(model, *parse_encoding(encoding));
  to.threads = threads();
  if (only_model) to.columns = model_columns(model);
  to.sheet = sheet;
  return load_table(path, to);
}

void ScoringInput::add_options(CLI::App* app) {
  app->add_flag("--no-peer-groups", no_peer_groups,
                "compare every unit with all units in cohort-relative rules");
  add_enum<MissingPolicy>(app, "--missing", &missing, "override the model's missing-value policy");
  add_enum<RoundingScope>(app, "--rounding", &rounding_scope, "override rounding scope");
  app->add_option("--decimals", decimals, "override rounding decimals")->check(CLI::Range(0, 12));
  add_enum<RoundingMode>(app, "--rounding-mode", &rounding_mode, "override rounding mode");
  app->add_option("--min-coverage", min_coverage,
                  "override the model's minimum data coverage: units with a smaller share of data are not scored")
      ->check(CLI::Range(0.0, 1.0));
  add_enum<CoverageBasis>(app, "--coverage-of", &coverage_of, "what the coverage is a share of");
}

std::string ScoringInput::given() const {
  if (no_peer_groups) return "--no-peer-groups";
  if (!missing.empty()) return "--missing";
  if (!rounding_scope.empty()) return "--rounding";
  if (decimals >= 0) return "--decimals";
  if (!rounding_mode.empty()) return "--rounding-mode";
  if (min_coverage >= 0) return "--min-coverage";
  if (!coverage_of.empty()) return "--coverage-of";
  return "";
}

ScoringOptions ScoringInput::options(const IndicatorModel& model) const {
  ScoringOptions opt;
  opt.threads = threads();
  if (!language_option().empty()) opt.language = parse_language(language_option());
  opt.peer_groups = !no_peer_groups;
  if (!missing.empty()) opt.missing = parse_missing_policy(missing);
  if (min_coverage >= 0) opt.min_coverage = min_coverage;
  if (!coverage_of.empty()) opt.coverage_basis = parse_coverage_basis(coverage_of);
  if (!rounding_scope.empty() || decimals >= 0 || !rounding_mode.empty()) {
    RoundingPolicy r = model.rounding;
    if (!rounding_scope.empty()) r.scope = *parse_rounding_scope(rounding_scope);
    if (decimals >= 0) r.decimals = decimals;
    if (!rounding_mode.empty()) r.mode = *parse_rounding_mode(rounding_mode);
    opt.rounding = r;
  }
  return opt;
}

std::vector<std::string> split_list(const std::string& s) {
  std::vector<std::string> out;
  std::string item;
  std::istringstream in(s);
  while (std::getline(in, item, ',')) {
    const auto b = item.find_first_not_of(" \t");
    const auto e = item.find_last_not_of(" \t");
    out.push_back(b == std::string::npos ? std::string() : item.substr(b, e - b + 1));
  }
  return out;
}

std::vector<std::string> parse_names(const std::string& list, const std::string& flag) {
  const auto names = split_list(list);
  for (std::size_t a = 0; a < names.size(); ++a) {
    if (names[a].empty())
      throw OptionsError(fmt::format("{} {}: item {} is empty", flag, list, a + 1));
    for (std::size_t b = 0; b < a; ++b)
      if (names[a] == names[b]) throw OptionsError(fmt::format("{} {}: \"{}\" is given twice", flag, list, names[a]));
  }
  if (names.empty()) throw OptionsError(fmt::format("{}: no names given", flag));
  return names;
}

std::vector<double> parse_numbers(const std::string& list, const std::string& option) {
  std::vector<double> out;
  for (const auto& w : split_list(list)) {
    try {
      std::size_t used = 0;
      out.push_back(std::stod(w, &used));
      if (used != w.size()) throw std::invalid_argument(w);
    } catch (const std::exception&) {
      throw OptionsError(option + " " + list + ": \"" + w + "\" is not a number");
    }
  }
  return out;
}

void PlainMatrixInput::add_options(CLI::App* app, bool columns_required) {
  data.add_options(app, true);
  auto* c = app->add_option("--columns", columns, "the criteria: columns of the data file, comma-separated");
  if (columns_required) c->required();
  app->add_option("--types", types, "+ (benefit) or - (cost) per column, comma-separated; default all +");
  app->add_option("--id-column", id_column, "the unit id column (default: the first column)");
  add_name_column_option(app, &name_column);
}

namespace {
volatile std::sig_atomic_t interrupted = 0;
volatile std::sig_atomic_t first_signal = 0;  // seconds (monotonic clock) of the first Ctrl-C

// The first Ctrl-C asks the analysis to stop at its next step; one pressed a second or more later
// ends the process at once. (A signal sent twice at one moment, as `timeout` does to the process
// and its group, counts once.)
extern "C" void on_interrupt(int) {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
  if (interrupted && now.tv_sec - first_signal >= 1) _exit(130);
  if (!interrupted) first_signal = static_cast<std::sig_atomic_t>(now.tv_sec);
  interrupted = 1;
}

}  // namespace

// The analyses' progress: a bar on standard error when it is a terminal (unless --quiet), and
// Ctrl-C stops the analysis between two steps, before anything is written.
Progress progress_bar(const std::string& what, bool quiet) {
  interrupted = 0;
  std::signal(SIGINT, on_interrupt);
  const bool draw = !quiet && isatty(STDERR_FILENO);
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [what, draw, last](std::size_t done, std::size_t total) {
    if (interrupted) return false;
    if (!draw) return true;
    const auto now = std::chrono::steady_clock::now();
    if (done < total && now - *last < std::chrono::milliseconds(100)) return true;
    *last = now;
    const double share = total ? static_cast<double>(done) / static_cast<double>(total) : 1.0;
    const int width = 30, filled = static_cast<int>(share * width);
    std::fprintf(stderr, "\r%s [%s%s] %3.0f%% (%zu/%zu)", what.c_str(), std::string(static_cast<std::size_t>(filled), '#').c_str(),
                 std::string(static_cast<std::size_t>(width - filled), ' ').c_str(), 100 * share, done, total);
    if (done >= total) std::fprintf(stderr, "\r%*s\r", static_cast<int>(what.size()) + width + 30, "");
    std::fflush(stderr);
    return true;
  };
}

bool has_names(const Table& t) {
  for (std::size_t i = 0; i < t.names.size(); ++i)
    if (!t.names.view(i).empty()) return true;
  return false;
}

void add_name_column_option(CLI::App* app, std::string* name_column) {
  app->add_option("--name-column", *name_column,
                  "the unit name column, shown next to the ids (default: `name` or 单位名称 when the file has one)");
}

DecisionMatrix PlainMatrixInput::load() const {
  const auto names = parse_names(columns, "--columns");
  std::vector<Direction> directions(names.size(), Direction::kBenefit);
  if (!types.empty()) {
    const auto t = split_list(types);
    if (t.size() != names.size())
      throw OptionsError("--types has " + std::to_string(t.size()) + " entries for " + std::to_string(names.size()) +
                         " columns");
    for (std::size_t j = 0; j < t.size(); ++j) {
      const auto d = parse_direction(t[j]);
      if (!d) throw OptionsError("--types: \"" + t[j] + "\" is not + or -");
      directions[j] = *d;
    }
  }
  // Only the criteria's columns are read (the table's values then become the matrix, without a
  // copy, when the file has them in the order given). A column the file lacks is simply not in
  // the table: the whole table is then read again, so that the error names what is missing with
  // the header's nearest match. Standard input is read once, whole.
  const bool stream = is_stream(data.path);
  Table table = load_plain_table(data, id_column, name_column, stream ? std::vector<std::string>{} : names);
  const bool all_there = std::all_of(names.begin(), names.end(),
                                     [&](const std::string& n) { return table.column_index(n) >= 0; });
  if (!all_there && !stream) table = load_plain_table(data, id_column, name_column);
  return decision_matrix(std::move(table), names, directions);
}

Table load_plain_table(const DataInput& data, const std::string& id_column, const std::string& name_column,
                       const std::vector<std::string>& columns) {
  const std::string& path = data.path;
  TableOptions to;
  to.columns = columns;
  to.encoding = *parse_encoding(data.encoding);
  to.sheet = data.sheet;
  to.id_column = id_column;  // empty: the first column
  to.threads = threads();
  to.class_column.clear();
  to.name_column = name_column;
  to.require_name_column = !name_column.empty();
  if (name_column.empty() && !is_stream(path)) {
    // Units' names, shown next to their ids, from a `name` (or 单位名称) column when there is one.
    const std::vector<std::string> header = read_csv_header(path, to);
    for (const char* candidate : {"name", "单位名称", "名称"})
      if (std::find(header.begin(), header.end(), candidate) != header.end() && id_column != candidate) {
        to.name_column = candidate;
        break;
      }
  }
  return load_table(path, to);
}

void add_report_options(CLI::App* cmd, std::string* format, std::string* out, bool* excel) {
  cmd->add_option("--format", *format, "text, csv, json or xlsx (an Excel workbook; needs --out)")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "csv", "json", "xlsx"}));
  add_output(cmd, "--out", out, "write to this file (atomically) instead of standard output");
  cmd->add_flag("--excel", *excel, "CSV with a UTF-8 byte-order mark, for Excel");
}

void require_xlsx_file(const std::string& out) {
  if (is_stream(out)) throw OptionsError("--format", "xlsx", "writes a workbook file: give --out FILE.xlsx");
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(path + ": cannot open");
  return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
}

void emit(const std::string& path, std::string_view content) {
  if (is_stream(path)) write_stdout(content);
  else write_file_atomic(path, content);
}

}  // namespace staffeval::cli
