/* staffeval C API: scoring institutions against an indicator model, weights, evaluation
 * methods, Monte Carlo and Sobol' sensitivity, and comparisons of two results, from C or any
 * language with a C foreign-function interface.
 *
 * Conventions
 * - Every function returns a staffeval_status; STAFFEVAL_OK (0) is success. On failure
 *   staffeval_last_error() returns the message of the calling thread's last failure, located as
 *   the library locates it (file:line:column of a model, file, row and column of a data cell,
 *   the option and its value). Output arguments are left untouched on failure.
 * - Objects are opaque handles made by a function of their family and released by its
 *   staffeval_X_free() (which accepts NULL). Handles are immutable once made: several threads
 *   may read one handle at once.
 * - Arrays are passed as pointer and length. A length that does not match the object is an
 *   argument error naming both numbers; nothing is written then.
 * - Strings are UTF-8 and NUL-terminated. A `const char*` handed out stays valid until the
 *   handle it came from is freed.
 * - Missing values are NaN, in and out. No C++ exception ever crosses this interface.
 *
 * ABI
 * The shared library's soname carries STAFFEVAL_C_ABI_VERSION (libstaffeval_c.so.1). Within one
 * ABI version functions are only added, never changed or removed, enumerators are only added,
 * and staffeval_comparison is never reordered or shrunk; a change to any of those raises the
 * version. Compare staffeval_abi_version() with STAFFEVAL_C_ABI_VERSION at start-up. Only
 * `staffeval_`-prefixed symbols are exported.
 */
#ifndef STAFFEVAL_STAFFEVAL_C_H
#define STAFFEVAL_STAFFEVAL_C_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

#if defined(__GNUC__)
#define STAFFEVAL_C_API __attribute__((visibility("default")))
#else
#define STAFFEVAL_C_API
#endif

#define STAFFEVAL_C_ABI_VERSION 1

typedef enum staffeval_status {
  STAFFEVAL_OK = 0,
  STAFFEVAL_ERROR_MODEL = 1,     /* the model is malformed or meaningless */
  STAFFEVAL_ERROR_DATA = 2,      /* a data file or cell cannot be used */
  STAFFEVAL_ERROR_OPTIONS = 3,   /* an option is out of range or unknown */
  STAFFEVAL_ERROR_COMPUTE = 4,   /* the computation is impossible on these data */
  STAFFEVAL_ERROR_OUTPUT = 5,    /* an output cannot be written */
  STAFFEVAL_ERROR_ARGUMENT = 6,  /* a NULL pointer, a length that does not match, an index out of range */
  STAFFEVAL_ERROR_BUFFER = 7,    /* the caller's buffer is too small: *length holds the size needed */
  STAFFEVAL_ERROR_MEMORY = 8,    /* out of memory */
  STAFFEVAL_ERROR_INTERNAL = 9   /* a defect of staffeval: please report the message */
} staffeval_status;

typedef struct staffeval_model staffeval_model;
typedef struct staffeval_table staffeval_table;
typedef struct staffeval_result staffeval_result;
typedef struct staffeval_weights staffeval_weights;
typedef struct staffeval_analysis staffeval_analysis;
typedef struct staffeval_batch staffeval_batch;

/* The library's version ("0.1.0") and the ABI version the library was built with. */
STAFFEVAL_C_API const char* staffeval_version(void);
STAFFEVAL_C_API int staffeval_abi_version(void);
/* The message of the calling thread's last failed call ("" when none has failed). */
STAFFEVAL_C_API const char* staffeval_last_error(void);
/* The status's name, e.g. "STAFFEVAL_ERROR_DATA". */
STAFFEVAL_C_API const char* staffeval_status_name(staffeval_status status);

/* ---- Models ---------------------------------------------------------------------------- */

/* Reads and validates a YAML model (docs/model-format.md). */
STAFFEVAL_C_API staffeval_status staffeval_model_load(const char* path, staffeval_model** out);
/* The same from YAML text; `name` names it in messages (NULL: "<string>"). */
STAFFEVAL_C_API staffeval_status staffeval_model_parse(const char* yaml, const char* name, staffeval_model** out);
STAFFEVAL_C_API void staffeval_model_free(staffeval_model* model);
STAFFEVAL_C_API staffeval_status staffeval_model_id(const staffeval_model* model, const char** out);
/* Indicators (leaves) of the model, and the id of indicator k in model order. */
STAFFEVAL_C_API staffeval_status staffeval_model_indicator_count(const staffeval_model* model, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_model_indicator_id(const staffeval_model* model, size_t k, const char** out);

/* ---- Tables of units ------------------------------------------------------------------- */

/* Reads a CSV file of units (UTF-8 or GB18030). With a model, its id, name and class columns
 * are used (as `staffeval score` does); with NULL, the columns `id`, `name` and `class`. */
STAFFEVAL_C_API staffeval_status staffeval_table_load(const char* path, const staffeval_model* model,
                                                      staffeval_table** out);
/* A table from the caller's memory: `rows` units x `cols` columns of doubles, row-major, NaN
 * for a missing value (an infinity is refused, naming its unit and column); `columns` holds the
 * cols column names, `unit_ids` the rows unit ids (unique, not empty); `classes` (NULL: one
 * class) a peer-group label per unit. `name` names the table in messages (NULL: "<memory>"). */
STAFFEVAL_C_API staffeval_status staffeval_table_from_arrays(const double* values, size_t rows, size_t cols,
                                                             const char* const* columns, const char* const* unit_ids,
                                                             const char* const* classes, const char* name,
                                                             staffeval_table** out);
STAFFEVAL_C_API void staffeval_table_free(staffeval_table* table);
STAFFEVAL_C_API staffeval_status staffeval_table_size(const staffeval_table* table, size_t* rows, size_t* cols);

/* ---- Scoring --------------------------------------------------------------------------- */

/* Scores every unit of `table` by `model` (compiled against the table first), on `threads`
 * threads (0 = one per core). The result keeps what it needs of both: they may be freed. */
STAFFEVAL_C_API staffeval_status staffeval_score(const staffeval_model* model, const staffeval_table* table, int threads,
                                                 staffeval_result** out);
STAFFEVAL_C_API void staffeval_result_free(staffeval_result* result);
STAFFEVAL_C_API staffeval_status staffeval_result_units(const staffeval_result* result, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_result_unit_id(const staffeval_result* result, size_t unit, const char** out);
/* The same id as `*size` bytes of UTF-8 at `*data`, not NUL-terminated, read where the result
 * holds it. A table loaded from a file keeps its ids packed (their characters one after another);
 * staffeval_result_unit_id makes every id a string of its own the first time it is called (about
 * 100 MB for a million units), this function makes none. Valid until the result is freed. */
STAFFEVAL_C_API staffeval_status staffeval_result_unit_id_bytes(const staffeval_result* result, size_t unit,
                                                                const char** data, size_t* size);
/* Per unit, in table order (n = the result's units): total (NaN: not scored), rank (1 = best,
 * ties share the best; 0 = not scored), grade index (0 = best grade; -1 = none). */
STAFFEVAL_C_API staffeval_status staffeval_result_totals(const staffeval_result* result, double* out, size_t n);
STAFFEVAL_C_API staffeval_status staffeval_result_ranks(const staffeval_result* result, int32_t* out, size_t n);
STAFFEVAL_C_API staffeval_status staffeval_result_grades(const staffeval_result* result, int32_t* out, size_t n);
/* The model's grades, best first (e.g. "优秀"). */
STAFFEVAL_C_API staffeval_status staffeval_result_grade_count(const staffeval_result* result, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_result_grade_name(const staffeval_result* result, size_t grade, const char** out);
/* Groups (their 0-100 scores) and indicators (their share of full marks, 0-1), by index. */
STAFFEVAL_C_API staffeval_status staffeval_result_group_count(const staffeval_result* result, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_result_group_id(const staffeval_result* result, size_t group, const char** out);
STAFFEVAL_C_API staffeval_status staffeval_result_group_scores(const staffeval_result* result, size_t group, double* out,
                                                               size_t n);
STAFFEVAL_C_API staffeval_status staffeval_result_indicator_count(const staffeval_result* result, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_result_indicator_id(const staffeval_result* result, size_t indicator,
                                                               const char** out);
STAFFEVAL_C_API staffeval_status staffeval_result_indicator_shares(const staffeval_result* result, size_t indicator,
                                                                   double* out, size_t n);
/* The audit trail of one unit, point by point, as text. Writes at most `capacity` bytes
 * including the terminating NUL; *length receives the text's length without it. A buffer too
 * small (or NULL with capacity 0, to ask for the length) returns STAFFEVAL_ERROR_BUFFER. */
STAFFEVAL_C_API staffeval_status staffeval_result_explain(const staffeval_result* result, const char* unit_id,
                                                          char* buffer, size_t capacity, size_t* length);

/* ---- Weights --------------------------------------------------------------------------- */

/* AHP priorities (eigenvector method) of an n x n judgment matrix, row-major, NaN for a blank
 * judgment (completed as the library completes them). An inconsistent matrix (CR >= 0.1) is
 * still weighted: read its CR. */
STAFFEVAL_C_API staffeval_status staffeval_weights_ahp(const double* matrix, size_t n, staffeval_weights** out);
/* Objective weights of the columns of a rows x cols matrix (row-major, NaN missing): method
 * "entropy", "critic", "std", "cv", "variance", "independence" or "pca"; `cost` (NULL: all
 * benefit) flags the cost columns with non-zero values. */
STAFFEVAL_C_API staffeval_status staffeval_weights_objective(const double* values, size_t rows, size_t cols,
                                                             const int32_t* cost, const char* method,
                                                             staffeval_weights** out);
STAFFEVAL_C_API void staffeval_weights_free(staffeval_weights* weights);
STAFFEVAL_C_API staffeval_status staffeval_weights_count(const staffeval_weights* weights, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_weights_values(const staffeval_weights* weights, double* out, size_t n);
/* AHP's consistency ratio; NaN for objective weights. */
STAFFEVAL_C_API staffeval_status staffeval_weights_cr(const staffeval_weights* weights, double* out);

/* ---- Evaluation methods on a decision matrix ------------------------------------------- */

/* Ranks the rows of a rows x cols matrix (row-major) by `method` ("saw", "wpm", "waspas",
 * "topsis", "vikor", "gra", "rsr", "edas" or "codas": docs/methods.md) with the
 * criteria `weights` (cols, normalised) and `cost` flags (NULL: all benefit). Writes each row's
 * score (the method's own: VIKOR's Q is lower-is-better) and rank (1 = best; 0 for a row with a
 * missing value). */
STAFFEVAL_C_API staffeval_status staffeval_rank_matrix(const double* values, size_t rows, size_t cols,
                                                       const int32_t* cost, const double* weights, const char* method,
                                                       double* score_out, int32_t* rank_out);

/* ---- Sensitivity ----------------------------------------------------------------------- */

/* Monte Carlo uncertainty analysis of a model on a table: `spec_yaml` is an uncertainty
 * specification (docs/sensitivity.md), `samples` evaluations from `seed` (identical for any
 * thread count). */
STAFFEVAL_C_API staffeval_status staffeval_monte_carlo(const staffeval_model* model, const staffeval_table* table,
                                                       const char* spec_yaml, size_t samples, uint64_t seed, int threads,
                                                       staffeval_analysis** out);
/* Sobol' indices of the uncertain weights of the specification: `base` base points. */
STAFFEVAL_C_API staffeval_status staffeval_sobol(const staffeval_model* model, const staffeval_table* table,
                                                 const char* spec_yaml, size_t base, uint64_t seed, int threads,
                                                 staffeval_analysis** out);
STAFFEVAL_C_API void staffeval_analysis_free(staffeval_analysis* analysis);
STAFFEVAL_C_API staffeval_status staffeval_analysis_units(const staffeval_analysis* analysis, size_t* out);
/* Monte Carlo: per unit the 5th percentile, median and 95th percentile of its rank, and the
 * share of samples keeping its nominal grade (NaN for a unit without a nominal score). */
STAFFEVAL_C_API staffeval_status staffeval_analysis_rank_band(const staffeval_analysis* analysis, double* p5,
                                                              double* median, double* p95, size_t n);
STAFFEVAL_C_API staffeval_status staffeval_analysis_grade_stability(const staffeval_analysis* analysis, double* out,
                                                                    size_t n);
/* Sobol': the inputs (uncertain weights, by edge label), and per input the first-order
 * (Saltelli 2010) and total (Jansen) indices of the mean absolute rank shift. */
STAFFEVAL_C_API staffeval_status staffeval_analysis_input_count(const staffeval_analysis* analysis, size_t* out);
STAFFEVAL_C_API staffeval_status staffeval_analysis_input_label(const staffeval_analysis* analysis, size_t input,
                                                                const char** out);
STAFFEVAL_C_API staffeval_status staffeval_analysis_rank_shift_indices(const staffeval_analysis* analysis, double* first,
                                                                       double* total, size_t n);

/* ---- Outputs: files, Excel workbooks, HTML reports ------------------------------------- */

/* Scores as staffeval_score() in a language: "zh" or "en" for the warnings, notes, explanations
 * and every output of the result; NULL for the model's (its `language:`, else Chinese when its
 * names are Chinese). */
STAFFEVAL_C_API staffeval_status staffeval_score_in(const staffeval_model* model, const staffeval_table* table, int threads,
                                                    const char* language, staffeval_result** out);
/* Writes a result to `path` as `staffeval score --format` does: "csv" (every node's points;
 * Chinese headers for a Chinese result), "json", "text" (the full report) or "xlsx" (an Excel
 * workbook: summary, ranking, points per indicator, deductions and caps). The file is written
 * whole or not at all, and never over the model or the data the result came from. */
STAFFEVAL_C_API staffeval_status staffeval_result_write(const staffeval_result* result, const char* format,
                                                        const char* path);
/* Writes the self-contained HTML report of a result (charts embedded: it opens without a
 * network) to `path`, as `staffeval report`: `analyses` holds `n_analyses` JSON texts written
 * by `staffeval sensitivity mc|oat --format json` on the same evaluation (NULL when none);
 * `other` another model's result of the same units for the comparison section (NULL: none);
 * `title` NULL for the model's name. An analysis computed on other units or other scores is a
 * data error naming it ("analysis 2, ..."). */
STAFFEVAL_C_API staffeval_status staffeval_result_write_report(const staffeval_result* result, const staffeval_result* other,
                                                               const char* const* analyses, size_t n_analyses,
                                                               const char* title, const char* path);

/* ---- Batch runs ------------------------------------------------------------------------ */

typedef enum staffeval_batch_status {
  STAFFEVAL_BATCH_OK = 0,          /* scored and written */
  STAFFEVAL_BATCH_UP_TO_DATE = 1,  /* skipped: every output is newer than its inputs */
  STAFFEVAL_BATCH_FAILED = 2       /* nothing of it written: see its error */
} staffeval_batch_status;

/* Runs every job of a batch manifest (docs/cli.md, "Batch runs"), `threads` jobs at once
 * (0 = one per core), skipping up-to-date jobs unless `force`; `language` "zh", "en" or NULL
 * (each job's `lang:`, else its model's). A failing job does not stop the others and does not
 * fail this call: read each job's status, or staffeval_batch_exit_code(). A manifest that
 * cannot be read is a model or data error naming its line. */
STAFFEVAL_C_API staffeval_status staffeval_batch_run(const char* manifest, int threads, int force, const char* language,
                                                     staffeval_batch** out);
STAFFEVAL_C_API void staffeval_batch_free(staffeval_batch* batch);
STAFFEVAL_C_API staffeval_status staffeval_batch_job_count(const staffeval_batch* batch, size_t* out);
/* One job, in manifest order: its name, status, units and units scored, and the error of a
 * failed job ("" otherwise). Any output argument may be NULL. */
STAFFEVAL_C_API staffeval_status staffeval_batch_job(const staffeval_batch* batch, size_t job, const char** name,
                                                     staffeval_batch_status* status, size_t* units, size_t* scored,
                                                     const char** error);
/* 0 when no job failed, else the highest of the failed jobs' codes (3 model, 4 data, 5 output,
 * as the command line's). */
STAFFEVAL_C_API staffeval_status staffeval_batch_exit_code(const staffeval_batch* batch, int* out);
/* The summary table of every job, then each failed job's error, as text (the buffer convention
 * of staffeval_result_explain()). */
STAFFEVAL_C_API staffeval_status staffeval_batch_report(const staffeval_batch* batch, char* buffer, size_t capacity,
                                                        size_t* length);

/* ---- Comparing two results -------------------------------------------------------------- */

typedef struct staffeval_comparison {
  size_t units; /* scored by both */
  double spearman, kendall_tau_a, kendall_tau_b, gamma;
  double weighted_rank, ws; /* r_w and WS (Salabun) */
  double mean_abs_rank_shift, max_abs_rank_shift;
  double top_k_overlap; /* of the top 10 */
  double grade_agreement, kappa, kappa_linear; /* NaN when either result has no grades */
} staffeval_comparison;

/* Compares two results of the same units (matched by id): rank correlations, shifts and grade
 * agreement, as `staffeval compare` (without bootstrap intervals). */
STAFFEVAL_C_API staffeval_status staffeval_compare(const staffeval_result* a, const staffeval_result* b,
                                                   staffeval_comparison* out);

#ifdef __cplusplus
}
#endif

#endif /* STAFFEVAL_STAFFEVAL_C_H */
