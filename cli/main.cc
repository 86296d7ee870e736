// staffeval: the command-line front end. Parses arguments, calls the library, maps errors to exit codes.
#include <csignal>
#include <iostream>

#include "common.h"

int main(int argc, char** argv) {
  using namespace staffeval;
  CLI::App app{"staffeval: evaluate how efficiently institutions use their staffing establishment"};
  app.require_subcommand(1);
  app.set_version_flag("--version", "staffeval " + std::string(version()));
  // Accepted before or after the command's name; results are the same whatever the count.
  app.add_option("--threads", cli::threads(), "threads for reading, scoring, writing, objective weights, TOPSIS and DEA (0 = one per core)")
      ->check(CLI::Range(0, 4096));
  cli::add_enum<Language>(&app, "--lang", &cli::language_option(),
                          "language of reports, explanations, warnings and headers (default: the model's, "
                          "Chinese when its names are)");
  app.fallthrough();
  cli::Runner run;
  cli::add_score(app, &run);
  cli::add_validate(app, &run);
  cli::add_explain(app, &run);
  cli::add_import_coinr(app, &run);
  cli::add_flatten(app, &run);
  cli::add_compare(app, &run);
  cli::add_redundancy(app, &run);
  cli::add_reduce(app, &run);
  cli::add_weights(app, &run);
  cli::add_rank(app, &run);
  cli::add_dea(app, &run);
  cli::add_diagnose(app, &run);
  cli::add_sensitivity(app, &run);
  cli::add_batch(app, &run);
  cli::add_report(app, &run);
  // A file size limit (ulimit -f) must end in a write error we report, not in a signal.
  std::signal(SIGXFSZ, SIG_IGN);
  const std::string unknown = cli::unknown_words(app, argc, argv);
  if (!unknown.empty()) {
    std::cerr << unknown << "\nstaffeval: usage error\n";
    return cli::kUsage;
  }
  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? cli::kOk : cli::kUsage;
  }
  try {
    cli::check_files(app);
    return run();
  } catch (const ModelError& e) {
    for (const auto& d : e.diagnostics()) std::cerr << d.to_string() << "\n";
    if (e.diagnostics().empty()) std::cerr << e.what() << "\n";
    std::cerr << "staffeval: model error\n";
    return cli::kModel;
  } catch (const DataError& e) {
    const auto& ds = e.diagnostics();
    for (std::size_t i = 0; i < ds.size() && i < 50; ++i) std::cerr << ds[i].to_string() << "\n";
    if (ds.size() > 50) std::cerr << "... and " << ds.size() - 50 << " more (staffeval validate lists all)\n";
    if (ds.empty()) std::cerr << e.what() << "\n";
    std::cerr << "staffeval: data error\n";
    return cli::kData;
  } catch (const ComputeError& e) {
    std::cerr << e.what() << "\nstaffeval: cannot compute\n";
    return cli::kData;
  } catch (const OptionsError& e) {
    std::cerr << cli::usage_message(e) << "\nstaffeval: usage error\n";
    return cli::kUsage;
  } catch (const OutputError& e) {
    std::cerr << e.what() << "\nstaffeval: output not written\n";
    return cli::kOutput;
  } catch (const Cancelled& e) {
    std::cerr << "\nstaffeval: interrupted: " << e.what() << "\n";
    return cli::kInterrupted;
  } catch (const Error& e) {
    std::cerr << "staffeval: " << e.what() << "\n";
    return cli::kInternal;
  } catch (const std::exception& e) {
    std::cerr << "staffeval: internal error: " << e.what() << "\n";
    return cli::kInternal;
  }
}
