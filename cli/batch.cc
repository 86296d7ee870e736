// `staffeval batch`: many evaluations from one manifest, in parallel, with a summary of every job.
#include <iostream>

#include "common.h"

namespace staffeval::cli {

void add_batch(CLI::App& app, Runner* run) {
  struct Args {
    std::string manifest, summary, format = "text";
    bool force = false, quiet = false;
  };
  auto a = std::make_shared<Args>();
  CLI::App* cmd = app.add_subcommand(
      "batch", "run the evaluations of a manifest (every county, every year, several models) in parallel");
  add_input(cmd, "manifest", &a->manifest, "the manifest (YAML): jobs of a model, a data file or pattern, and outputs")
      ->required();
  cmd->add_flag("--force", a->force, "run jobs whose outputs are already up to date too");
  add_output(cmd, "--summary", &a->summary, "also write the summary of every job to this CSV file");
  cmd->add_option("--format", a->format, "the summary on standard output: text or csv")
      ->capture_default_str()
      ->check(CLI::IsMember({"text", "csv"}));
  cmd->add_flag("--quiet", a->quiet, "no progress bar on standard error");
  cmd->callback([a, run] {
    *run = [a] {
      const BatchManifest m = load_batch(a->manifest);
      BatchOptions o;
      o.threads = threads();
      o.force = a->force;
      o.progress = progress_bar("batch", a->quiet);
      if (!language_option().empty()) o.language = parse_language(language_option());
      const BatchResult r = run_batch(m, o);
      if (!a->summary.empty()) emit(a->summary, to_csv(r));
      emit("", a->format == "csv" ? to_csv(r) : r.full_report());
      // A failed job makes the exit code non-zero: the highest of the failures' codes.
      return r.exit_code();
    };
  });
}

}  // namespace staffeval::cli
