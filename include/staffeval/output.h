/// @file output.h
/// Writing results: CSV (optionally with a UTF-8 BOM for Excel) and JSON, written whole or not at all.
#pragma once

#include <cstdio>
#include <functional>
#include <string>
#include <string_view>

#include "staffeval/dea.h"
#include "staffeval/export.h"
#include "staffeval/methods.h"
#include "staffeval/analyses.h"
#include "staffeval/indicator_sets.h"
#include "staffeval/scoring.h"
#include "staffeval/sensitivity.h"
#include "staffeval/weighting.h"

namespace staffeval {

/// What the result table holds.
/// What every CSV writer takes. Every CSV is RFC 4180 with CRLF row ends, numbers in the
/// shortest form that reads back to the same double and an empty field for a missing one.
struct STAFFEVAL_EXPORT CsvOptions {
  /// Prefix the CSV with a UTF-8 byte-order mark so that Excel shows Chinese text correctly.
  bool excel_bom = false;
};

/// Options of the result table's CSV (to_csv(const ScoringResult&), write_csv()).
struct STAFFEVAL_EXPORT OutputOptions : CsvOptions {
  /// Add one column of earned points per node (groups and leaves, model order).
  bool node_points = true;
  /// Add raw value and share columns per leaf (`<id>.value`, `<id>.share`).
  bool leaf_detail = false;
  /// Chinese column headers (单位代码, 总分, 等级, ...) and node names instead of ids.
  bool chinese_headers = false;
  /// Threads formatting rows in write_csv() (0 = one per core); the file is the same whatever
  /// the count.
  int threads = 0;
};

/// The result table as CSV: id, name, class, score, grade, rank, class_rank, caps, note (why a
/// unit has no score, caps undecided for missing data; usually empty), then per node its earned
/// points. Units are in input order. Numbers are written in the shortest form that
/// reads back to the same double, so equal inputs give byte-identical files.
STAFFEVAL_EXPORT std::string to_csv(const ScoringResult& result, const OutputOptions& options = {});

/// Writes the CSV of to_csv() to `path` whole or not at all, formatting rows on every core
/// (OutputOptions::threads) and
/// streaming them out (no copy of the whole table in memory). The output is byte-identical to
/// to_csv().
/// @throws OutputError when the file cannot be written (the previous file, if any, is left as it was).
STAFFEVAL_EXPORT void write_csv(const ScoringResult& result, const std::string& path,
                                const OutputOptions& options = {});

/// The result as JSON: model id and version, options used (peer groups, rounding, missing policy,
/// coverage), warnings, and per unit `id`, `name`, `class`, `score`, `rank`, `class_rank`,
/// `grade`, `caps`, `caps_undecided` (caps whose condition read a missing value: `id`,
/// `if_missing`, `applied`), `coverage`, `note` (why a unit has no score, undecided caps),
/// `nodes` (id -> score, points) and `indicators` (id -> value, share, points, contribution,
/// branch: the rule branch taken, e.g. `in_range`, `zero`, `band:2`, `missing_skipped`), keys in
/// model order. Values the result did not keep (ScoringOptions::keep) are null, as are numbers
/// that do not exist (a unit without a score). `indent` < 0 writes one compact line.
STAFFEVAL_EXPORT std::string to_json(const ScoringResult& result, int indent = 2);

/// The JSON of to_json(), handed to `sink` in pieces while it is produced, so that memory does
/// not grow with the number of units; the units are formatted on `threads` cores (0 = one per
/// core) and the text is to_json()'s whatever the count.
/// @throws OptionsError when threads < 0; what `sink` throws.
STAFFEVAL_EXPORT void write_json(const ScoringResult& result, const std::function<void(std::string_view)>& sink,
                                 int indent = 2, int threads = 0);

/// The JSON of to_json() written to `path` whole or not at all, as write_json() above.
/// @throws OutputError when the file cannot be written.
STAFFEVAL_EXPORT void write_json(const ScoringResult& result, const std::string& path, int indent = 2,
                                 int threads = 0);

/// JSON of an AHP result: `{"method": "ahp", "weights": {"name": w, ...}, "lambda_max", "ci",
/// "ri", "cr", "consistent", ...}` with the completion, the judgments contributing most to the
/// inconsistency and the suggested revision. Elements keep their matrix order.
STAFFEVAL_EXPORT std::string to_json(const AhpResult& result, int indent = 2);
/// JSON of a panel: the combined weights and figures at the top level (as for one matrix), the
/// aggregation, and `experts`: each expert's file, weight, weights and consistency.
STAFFEVAL_EXPORT std::string to_json(const PanelResult& result, int indent = 2);
/// JSON of objective, rank-order or combined weights: `{"method", "weights", "diagnostics":
/// {"entropy": {"name": v, ...}, ...}, ...}`.
STAFFEVAL_EXPORT std::string to_json(const WeightResult& result, int indent = 2);
/// JSON of a model's weights: `{"method": "model", "weights": {leaf: global weight}, "nodes":
/// {id: {local, global, points, depth}}, "groups": [...]}`.
STAFFEVAL_EXPORT std::string to_json(const ModelWeights& result, int indent = 2);
/// JSON of a ranking: the method, its normalisation and parameters at the top level, then
/// `units`: per unit `id`, `score`, `rank` and the method's intermediate values (`d_plus`,
/// `d_minus` for TOPSIS; `S`, `R`, `Q` for VIKOR, whose score is Q). VIKOR adds the
/// compromise solution and its conditions.
STAFFEVAL_EXPORT std::string to_json(const MethodResult& result, int indent = 2);
/// The JSON of to_json() handed to `sink` in pieces, the units formatted on `threads` cores (0 =
/// one per core), a few pieces in memory at a time; the text is to_json()'s whatever the count.
/// @throws OptionsError when threads < 0; what `sink` throws.
STAFFEVAL_EXPORT void write_json(const MethodResult& result, const std::function<void(std::string_view)>& sink,
                                 int indent = 2, int threads = 0);
/// The same written to `path` whole or not at all.
/// @throws OutputError when the file cannot be written (the previous file is left as it was).
STAFFEVAL_EXPORT void write_json(const MethodResult& result, const std::string& path, int indent = 2,
                                 int threads = 0);
/// CSV of a ranking: `id` (and `name` when the units have names), `score`, `rank` and one
/// column per intermediate value (VIKOR's `Q` is its score), units in input order.
STAFFEVAL_EXPORT std::string to_csv(const MethodResult& result, const CsvOptions& options = {});
/// The CSV of to_csv() handed to `sink` in pieces of about 512 KiB in file order, the rows
/// formatted on `threads` cores (0 = one per core), a few pieces in memory at a time. The text
/// is byte-identical to to_csv() whatever the count.
/// @throws OptionsError when threads < 0; what `sink` throws.
STAFFEVAL_EXPORT void write_csv(const MethodResult& result, const std::function<void(std::string_view)>& sink,
                                const CsvOptions& options = {}, int threads = 0);
/// The same written to `path` whole or not at all.
/// @throws OutputError when the file cannot be written (the previous file is left as it was).
STAFFEVAL_EXPORT void write_csv(const MethodResult& result, const std::string& path,
                                const CsvOptions& options = {}, int threads = 0);
/// JSON of a DEA: model, orientation, then `units`: per unit `id`, `efficiency`, `rank`,
/// `theta` or `phi`, `ccr`, `bcc`, `scale_efficiency`, `returns_to_scale`, `super_efficiency`,
/// and per input/output the slack, target and excess (or shortfall), and the peers (lambdas > 0).
STAFFEVAL_EXPORT std::string to_json(const DeaResult& result, int indent = 2);
/// CSV of a DEA: one row per unit with the columns of the JSON (peers as `id:lambda;...`).
STAFFEVAL_EXPORT std::string to_csv(const DeaResult& result, const CsvOptions& options = {});
/// JSON and CSV of a Malmquist index: per unit the index, its two parts and the four distances.
STAFFEVAL_EXPORT std::string to_json(const MalmquistResult& result, int indent = 2);
STAFFEVAL_EXPORT std::string to_csv(const MalmquistResult& result, const CsvOptions& options = {});
/// JSON of obstacle degrees: per unit `id`, `score`, `rank` and `obstacles`, its `top`
/// indicators by degree (`indicator`, `name`, `degree`, `lost_points`).
STAFFEVAL_EXPORT std::string to_json(const ObstacleResult& result, std::size_t top = 3, int indent = 2);
/// CSV of obstacle degrees: `id,score,rank`, then `obstacle1,degree1,...` for the `top` ones.
STAFFEVAL_EXPORT std::string to_csv(const ObstacleResult& result, std::size_t top = 3,
                                       const CsvOptions& options = {});
/// JSON of a fuzzy comprehensive evaluation: the grades, the operator, and per unit `id`,
/// `score`, `rank`, `grade` (maximum membership) and `membership` (grade -> b).
STAFFEVAL_EXPORT std::string to_json(const FuzzyResult& result, int indent = 2);
/// CSV of a fuzzy comprehensive evaluation: `id,score,rank,grade` and one column per grade.
STAFFEVAL_EXPORT std::string to_csv(const FuzzyResult& result, const CsvOptions& options = {});
/// JSON of a Monte Carlo analysis: `analysis`, `samples`, the summary (`mean_abs_rank_shift`,
/// `robust_share`, `robust_threshold`, `fragile` ids), `grades`, and per unit `id`, `name`,
/// nominal `score`, `rank`, `grade`, then `score_mean`, `score_median`, `score_p5`, `score_p95`,
/// the same for `rank_`, `top_k` (P(rank <= k)), `grade_stability`, `grade_probability`
/// (grade -> P) and `rank_acceptability` (P(rank = 1), P(rank = 2), ...).
STAFFEVAL_EXPORT std::string to_json(const MonteCarloResult& result, int indent = 2);
/// CSV of a Monte Carlo analysis, one row per unit with the fields of the JSON (one column per
/// grade probability `p_<grade>` and rank acceptability `p_rank<r>`).
STAFFEVAL_EXPORT std::string to_csv(const MonteCarloResult& result, const CsvOptions& options = {});
/// The samples' edge weights: `sample` and one column per edge label, one row per sample (read
/// back with load_table(..., id column `sample`) and edge_samples()).
STAFFEVAL_EXPORT std::string samples_csv(const MonteCarloResult& result, const CsvOptions& options = {});
/// JSON of a one-at-a-time analysis: `changes`, and per weight `weight` (its edge label),
/// `mean_abs_rank_shift` and `grade_changes` per change (null / -1 for steps not run) and, per
/// unit, `score_low` and `score_high` (its score range over the weight's changes: the tornado).
STAFFEVAL_EXPORT std::string to_json(const OatResult& result, int indent = 2);
/// CSV of a one-at-a-time analysis, one row per weight and change: `weight,change,
/// mean_abs_rank_shift,grade_changes`.
STAFFEVAL_EXPORT std::string to_csv(const OatResult& result, const CsvOptions& options = {});
/// JSON of a removal analysis: per removed node `node`, `name`, `mean_abs_rank_shift`,
/// `max_abs_rank_shift` and `grade_changes` (each unit's `id`, `from` and `to` grade).
STAFFEVAL_EXPORT std::string to_json(const RemovalResult& result, int indent = 2);
/// CSV of a removal analysis, one row per removed node: `node,name,mean_abs_rank_shift,
/// max_abs_rank_shift,grade_changes`.
STAFFEVAL_EXPORT std::string to_csv(const RemovalResult& result, const CsvOptions& options = {});

/// A flattening: the indicators with their effective weights and points, whether the flat model
/// is exact, and the notes (the flat model itself: to_yaml(result.model)).
STAFFEVAL_EXPORT std::string to_json(const FlattenResult& result, int indent = 2);
/// One row per indicator: id, name, effective weight, weight (points) in the flat model.
STAFFEVAL_EXPORT std::string to_csv(const FlattenResult& result, const CsvOptions& options = {});
/// A comparison: the coefficients with their intervals (null when undefined), the top k, the
/// shifts, the grade table and agreement, the units whose grade changes, the units compared on
/// one side only, and each side's burden when known.
STAFFEVAL_EXPORT std::string to_json(const Comparison& result, int indent = 2);
/// One row per compared unit: `id,rank_a,rank_b,shift,grade_a,grade_b,grade_changed`.
STAFFEVAL_EXPORT std::string to_csv(const Comparison& result, const CsvOptions& options = {});
/// A redundancy analysis: `indicators` (each with `sd`, `full_share`, `weak` and, when removal
/// ran, `mean_abs_rank_shift_if_removed` and `grades_changed_if_removed`), the `pearson` and
/// `spearman` matrices, the `flagged` pairs, `alphas` per group and `explained` (PCA).
STAFFEVAL_EXPORT std::string to_json(const RedundancyResult& result, int indent = 2);
/// The correlation matrices as one CSV: `method,indicator,` then one column per indicator.
STAFFEVAL_EXPORT std::string to_csv(const RedundancyResult& result, const CsvOptions& options = {});
/// A reduction: the targets, `found`, the `chosen` set and the `reference` (indicators, tau_b,
/// grade_agreement, fields, minutes_per_unit), the greedy `trajectory` (with the indicator each
/// step `removed`), the sets `evaluated`, and the cross-validation per fold and on average.
STAFFEVAL_EXPORT std::string to_json(const ReduceResult& result, int indent = 2);
/// The greedy trajectory, one row per step: `removed,indicators,tau_b,grade_agreement,fields,
/// minutes_per_unit`.
STAFFEVAL_EXPORT std::string to_csv(const ReduceResult& result, const CsvOptions& options = {});
/// JSON of a Sobol' analysis: `inputs`, `base`, `runs`, the indices of the mean absolute rank
/// shift (`rank_shift`: per input `first`, `first_jansen`, `total` and their intervals, null when
/// the output does not vary) and per unit the same for its `score` and `rank`.
STAFFEVAL_EXPORT std::string to_json(const SobolAnalysisResult& result, int indent = 2);
/// CSV of a Sobol' analysis, one row per unit and input: `id,name,input,score_first,
/// score_first_jansen,score_total,rank_first,rank_first_jansen,rank_total`.
STAFFEVAL_EXPORT std::string to_csv(const SobolAnalysisResult& result, const CsvOptions& options = {});
/// JSON of critical weight changes: per unit the deciding weight and, per weight, the smallest
/// decrease and increase that change its grade (with the grade reached); per weight its range and
/// the top-k changes; the pairs' swaps.
STAFFEVAL_EXPORT std::string to_json(const CriticalResult& result, int indent = 2);
/// CSV of critical weight changes, one row per unit and weight: `id,name,weight,down,grade_down,
/// up,grade_up` (relative changes; empty when nothing changes within the weight's range).
STAFFEVAL_EXPORT std::string to_csv(const CriticalResult& result, const CsvOptions& options = {});
/// Reads back the `method` and `weights` of any weights JSON written above (for combining).
/// @throws DataError naming `name` when the text is not JSON or has no `weights` object of numbers.
STAFFEVAL_EXPORT WeightResult weights_from_json(std::string_view text, const std::string& name);

/// A file written through a temporary file in the same folder and renamed into place by
/// commit(): readers never see a partial file, and a failure (or destruction without commit)
/// leaves the previous file as it was. A replaced file keeps its permissions.
class STAFFEVAL_EXPORT AtomicFile {
 public:
  /// @throws OutputError (with the operating system's reason) when `path` is a folder or the
  ///         temporary file cannot be created (missing folder, read-only file system, ...).
  explicit AtomicFile(const std::string& path);
  ~AtomicFile();
  AtomicFile(const AtomicFile&) = delete;
  AtomicFile& operator=(const AtomicFile&) = delete;
  /// Reserves disk space for about `bytes` bytes ahead of writing (a hint: much faster large
  /// writes on file systems with delayed allocation; ignored where unsupported).
  void reserve(std::size_t bytes);
  /// @throws OutputError with the reason (disk full, file too large, ...) when the data cannot
  ///         be written; the temporary file is removed.
  void write(std::string_view data);
  /// Closes the file and renames it into place. @throws OutputError on failure.
  void commit();

 private:
  [[noreturn]] void fail(const char* what, int err);
  std::string path_;
  std::string tmp_;
  int fd_ = -1;
  std::size_t written_ = 0;
  bool reserved_ = false;
};

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so the
/// file is either written whole or left as it was.
/// @throws OutputError when the file cannot be written.
STAFFEVAL_EXPORT void write_file_atomic(const std::string& path, std::string_view content);

/// True when `a` and `b` name the same existing file (the same device and inode: links and
/// different spellings of one path are the same file). False when either does not exist.
STAFFEVAL_EXPORT bool same_file(const std::string& a, const std::string& b);

}  // namespace staffeval
