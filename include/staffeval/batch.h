/// @file batch.h
/// Many evaluations in one call, as offices run them (every county of a city, every year,
/// several candidate models): a manifest of jobs, each a model, a data file (or a pattern that
/// expands over files) and its outputs, run in parallel; a failing job does not stop the others.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/types.h"

namespace staffeval {

/// One output of a job: its format (`csv`, `json`, `text`, `xlsx`) and file.
struct STAFFEVAL_EXPORT BatchOutput {
  std::string format;
  std::string path;
};

/// One evaluation: a model scored on a data file, written to its outputs.
struct STAFFEVAL_EXPORT BatchJob {
  std::string name;   ///< Shown in the summary (default: the data file's name without extension).
  std::string model;  ///< Paths as the manifest gives them, resolved against its folder.
  std::string data;
  std::string sheet;  ///< The worksheet of an .xlsx data file (empty: the first).
  std::vector<BatchOutput> outputs;
  std::optional<Language> language;  ///< Unset: the model's.
  SourceLocation location;           ///< The job's entry in the manifest.
};

/// A manifest read by load_batch(): the jobs in order, patterns expanded.
struct STAFFEVAL_EXPORT BatchManifest {
  std::string file;
  std::vector<BatchJob> jobs;
};

/// Reads a batch manifest (YAML):
/// @code
///   jobs:
///     - model: models/single-level.yaml
///       data: "data/2024/*.csv"          # a pattern: one job per file, in name order
///       name: "2024 {stem}"              # optional; {stem}: the data file's name without extension
///       sheet: 单位数据                   # optional: the worksheet of .xlsx data files
///       out: {csv: "out/2024/{stem}.csv", xlsx: "out/2024/{stem}.xlsx"}
///       lang: zh                          # optional
/// @endcode
/// Relative paths are taken from the manifest's folder. A pattern that matches no file, an
/// unknown key or format, an output named twice (in one job or across jobs) or an output that is
/// a job's input is a ModelError naming the manifest's line and column.
/// @throws ModelError, DataError when the file cannot be read.
STAFFEVAL_EXPORT BatchManifest load_batch(const std::string& path);

/// How one job ended.
enum class BatchStatus {
  kOk,        ///< Scored and written.
  kUpToDate,  ///< Skipped: every output is newer than the model, the data and the manifest.
  kFailed,    ///< Its error is in BatchJobResult::error; nothing of it was written.
};

/// The summary line of one job.
struct STAFFEVAL_EXPORT BatchJobResult {
  std::string name, model, data;
  BatchStatus status = BatchStatus::kOk;
  std::size_t units = 0, scored = 0, warnings = 0;
  /// Units per grade, best first (grade names in `grades`); empty for skipped and failed jobs.
  std::vector<std::string> grades;
  std::vector<std::size_t> grade_counts;
  std::string error;  ///< The message of a failed job (file, line and field).
  int exit_code = 0;  ///< Of a failed job: 3 model, 4 data, 5 output (as the command line's).
  Language language = Language::kEn;  ///< Of the job's outputs (its `lang:`, else its model's).
};

struct STAFFEVAL_EXPORT BatchOptions {
  int threads = 0;     ///< Jobs run at once (0 = one per core); each job scores on one thread.
  bool force = false;  ///< Run jobs whose outputs are up to date too.
  /// The language of jobs without a `lang:` and of the summary; unset: each model's, and the
  /// summary's that of the first job run.
  std::optional<Language> language;
  /// Called as jobs finish (done, total), under a lock, from the thread that ran the job;
  /// returning false stops starting new jobs (throws Cancelled once the running ones end).
  std::function<bool(std::size_t done, std::size_t total)> progress;
};

/// The outcome of every job, in manifest order.
struct STAFFEVAL_EXPORT BatchResult {
  std::vector<BatchJobResult> jobs;
  /// Of the reports: BatchOptions::language, else that of the first job run, else English.
  Language language = Language::kEn;
  std::size_t failed() const;
  /// The highest exit code of the failed jobs (0 when none failed).
  int exit_code() const;
  /// `12 jobs: 10 ok, 1 up to date, 1 failed`.
  std::string brief_report() const;
  /// A table of every job (name, status, units, scored, grade counts, warnings), then each
  /// failed job's error.
  std::string full_report() const;
};

/// Runs every job of `manifest`. A job that fails is reported with its error and the others go
/// on; each output is written whole or not at all.
STAFFEVAL_EXPORT BatchResult run_batch(const BatchManifest& manifest, const BatchOptions& options = {});

/// The summary as CSV: name, model, data, status, units, scored, one column per grade, warnings,
/// error.
STAFFEVAL_EXPORT std::string to_csv(const BatchResult& result);

}  // namespace staffeval
