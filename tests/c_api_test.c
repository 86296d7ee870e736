/* The C API from C99: hand-computed scores, ranks, grades and shares of a small model, the
 * shipped examples (a model against itself, the three-level against the single-level model),
 * AHP and objective weights, a decision matrix, Monte Carlo and Sobol', and every error path a
 * caller can reach, with its located message. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "staffeval/staffeval_c.h"

static int failures = 0;

#define CHECK(cond)                                                         \
  do {                                                                      \
    if (!(cond)) {                                                          \
      fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
      ++failures;                                                           \
    }                                                                       \
  } while (0)

/* A call that must succeed. */
#define OK(call)                                                                                      \
  do {                                                                                                \
    staffeval_status s_ = (call);                                                                     \
    if (s_ != STAFFEVAL_OK) {                                                                         \
      fprintf(stderr, "%s:%d: %s returned %s: %s\n", __FILE__, __LINE__, #call, staffeval_status_name(s_), \
              staffeval_last_error());                                                                \
      ++failures;                                                                                     \
    }                                                                                                 \
  } while (0)

/* A call that must fail with `status` and a message containing `text`. */
#define FAILS(call, status, text)                                                                       \
  do {                                                                                                  \
    staffeval_status s_ = (call);                                                                       \
    if (s_ != (status) || strstr(staffeval_last_error(), (text)) == NULL) {                             \
      fprintf(stderr, "%s:%d: %s returned %s (\"%s\"), expected %s with \"%s\"\n", __FILE__, __LINE__, #call, \
              staffeval_status_name(s_), staffeval_last_error(), staffeval_status_name(status), (text)); \
      ++failures;                                                                                       \
    }                                                                                                   \
  } while (0)

#define NEAR(a, b, tol) CHECK(fabs((a) - (b)) <= (tol))

static const char* kTiny =
    "id: tiny\n"
    "weights: relative\n"
    "indicators:\n"
    "  - {id: A, value: a, weight: 3, rule: {type: linear, worst: 0, best: 100}}\n"
    "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n";

static const char* kSpec = "weights:\n  - {group: top, draw: percent, percent: 50}\n";

static void tiny_model(void) {
  staffeval_model* model = NULL;
  staffeval_table* table = NULL;
  staffeval_result* result = NULL;
  const char* id = NULL;
  size_t count = 0, rows = 0, cols = 0;
  /* u1: (3 x 100 + 60) / 4 = 90 (优秀); u2: (240 + 100) / 4 = 85 (良好); u3: (150 + 10) / 4 = 40
   * (不合格); u4 lacks A, three quarters of the weight: below the coverage rule, not scored. */
  const double values[] = {100, 60, 80, 100, 50, 10, NAN, 100};
  const char* columns[] = {"a", "b"};
  const char* ids[] = {"u1", "u2", "u3", "u4"};
  double totals[4], shares[4];
  int32_t ranks[4], grades[4];
  char text[4096];
  size_t length = 0;

  OK(staffeval_model_parse(kTiny, "tiny.yaml", &model));
  OK(staffeval_model_id(model, &id));
  CHECK(strcmp(id, "tiny") == 0);
  OK(staffeval_model_indicator_count(model, &count));
  CHECK(count == 2);
  OK(staffeval_model_indicator_id(model, 1, &id));
  CHECK(strcmp(id, "B") == 0);

  OK(staffeval_table_from_arrays(values, 4, 2, columns, ids, NULL, "memory", &table));
  OK(staffeval_table_size(table, &rows, &cols));
  CHECK(rows == 4 && cols == 2);
  OK(staffeval_score(model, table, 1, &result));
  staffeval_table_free(table); /* the result keeps its own copy */
  OK(staffeval_result_units(result, &count));
  CHECK(count == 4);
  OK(staffeval_result_unit_id(result, 2, &id));
  CHECK(strcmp(id, "u3") == 0);
  {
    const char* bytes = NULL;
    size_t size = 0;
    OK(staffeval_result_unit_id_bytes(result, 3, &bytes, &size));
    CHECK(size == 2 && memcmp(bytes, "u4", 2) == 0);
    FAILS(staffeval_result_unit_id_bytes(result, 4, &bytes, &size), STAFFEVAL_ERROR_ARGUMENT, "unit");
    FAILS(staffeval_result_unit_id_bytes(result, 0, &bytes, NULL), STAFFEVAL_ERROR_ARGUMENT, "size");
  }
  OK(staffeval_result_totals(result, totals, 4));
  NEAR(totals[0], 90, 1e-12);
  NEAR(totals[1], 85, 1e-12);
  NEAR(totals[2], 40, 1e-12);
  CHECK(isnan(totals[3]));
  OK(staffeval_result_ranks(result, ranks, 4));
  CHECK(ranks[0] == 1 && ranks[1] == 2 && ranks[2] == 3 && ranks[3] == 0);
  OK(staffeval_result_grades(result, grades, 4));
  CHECK(grades[0] == 0 && grades[1] == 1 && grades[2] == 3 && grades[3] == -1);
  OK(staffeval_result_grade_count(result, &count));
  CHECK(count == 4);
  OK(staffeval_result_grade_name(result, 0, &id));
  CHECK(strcmp(id, "优秀") == 0);
  OK(staffeval_result_group_count(result, &count));
  CHECK(count == 0);
  OK(staffeval_result_indicator_count(result, &count));
  CHECK(count == 2);
  OK(staffeval_result_indicator_id(result, 0, &id));
  CHECK(strcmp(id, "A") == 0);
  OK(staffeval_result_indicator_shares(result, 1, shares, 4));
  NEAR(shares[0], 0.6, 1e-12);
  NEAR(shares[1], 1.0, 1e-12);
  NEAR(shares[2], 0.1, 1e-12);

  /* The explanation: ask for the length, then read it whole; a short buffer is refused. */
  FAILS(staffeval_result_explain(result, "u1", NULL, 0, &length), STAFFEVAL_ERROR_BUFFER, "needs");
  CHECK(length > 0 && length < sizeof text);
  FAILS(staffeval_result_explain(result, "u1", text, 8, &length), STAFFEVAL_ERROR_BUFFER, "the buffer has 8");
  OK(staffeval_result_explain(result, "u1", text, sizeof text, &length));
  CHECK(strlen(text) == length);
  CHECK(strstr(text, "u1") != NULL && strstr(text, "90") != NULL);
  FAILS(staffeval_result_explain(result, "nobody", text, sizeof text, &length), STAFFEVAL_ERROR_DATA, "nobody");

  /* Lengths, indices and NULLs. */
  FAILS(staffeval_result_totals(result, totals, 3), STAFFEVAL_ERROR_ARGUMENT, "3 elements given, the object has 4");
  FAILS(staffeval_result_grade_name(result, 4, &id), STAFFEVAL_ERROR_ARGUMENT, "grade 4 is out of range (there are 4)");
  FAILS(staffeval_result_indicator_shares(result, 2, shares, 4), STAFFEVAL_ERROR_ARGUMENT, "indicator 2 is out of range");
  FAILS(staffeval_result_group_scores(result, 0, shares, 4), STAFFEVAL_ERROR_ARGUMENT, "group 0 is out of range");
  FAILS(staffeval_result_totals(NULL, totals, 4), STAFFEVAL_ERROR_ARGUMENT, "result is NULL");
  FAILS(staffeval_result_ranks(result, NULL, 4), STAFFEVAL_ERROR_ARGUMENT, "ranks (the output) is NULL");
  FAILS(staffeval_score(model, NULL, 1, &result), STAFFEVAL_ERROR_ARGUMENT, "table is NULL");

  /* Monte Carlo: u3 (at most 50 points whatever the weights) stays last and 不合格; u4 has no
   * nominal score. */
  {
    staffeval_table* t = NULL;
    staffeval_analysis* mc = NULL;
    staffeval_analysis* so = NULL;
    double p5[4], median[4], p95[4], stability[4], first[2], total[2];
    const char* label = NULL;
    OK(staffeval_table_from_arrays(values, 4, 2, columns, ids, NULL, "memory", &t));
    OK(staffeval_monte_carlo(model, t, kSpec, 400, 7, 2, &mc));
    OK(staffeval_analysis_units(mc, &count));
    CHECK(count == 4);
    OK(staffeval_analysis_rank_band(mc, p5, median, p95, 4));
    CHECK(p5[2] == 3 && median[2] == 3 && p95[2] == 3);
    CHECK(p5[0] >= 1 && p5[0] <= median[0] && median[0] <= p95[0] && p95[0] <= 2);
    CHECK(isnan(median[3]));
    OK(staffeval_analysis_grade_stability(mc, stability, 4));
    NEAR(stability[2], 1.0, 0);
    CHECK(stability[0] > 0 && stability[0] <= 1);
    FAILS(staffeval_analysis_input_count(mc, &count), STAFFEVAL_ERROR_ARGUMENT, "this is a Monte Carlo analysis");
    FAILS(staffeval_monte_carlo(model, t, "weights:\n  - {group: Q, draw: percent}\n", 10, 1, 1, &mc),
          STAFFEVAL_ERROR_MODEL, "Q");

    OK(staffeval_sobol(model, t, kSpec, 256, 3, 2, &so));
    OK(staffeval_analysis_input_count(so, &count));
    CHECK(count == 2);
    OK(staffeval_analysis_input_label(so, 0, &label));
    CHECK(strstr(label, "A") != NULL);
    OK(staffeval_analysis_rank_shift_indices(so, first, total, 2));
    CHECK(isfinite(first[0]) && isfinite(total[0]) && isfinite(total[1]));
    /* Two weights renormalised: what moves one moves the other, and neither is idle. */
    CHECK(total[0] > 0.1 && total[1] > 0.1);
    FAILS(staffeval_analysis_rank_band(so, p5, median, p95, 4), STAFFEVAL_ERROR_ARGUMENT, "this is a Sobol' analysis");
    FAILS(staffeval_sobol(model, t, kSpec, 1, 3, 1, &so), STAFFEVAL_ERROR_OPTIONS, "base");
    staffeval_analysis_free(so);
    staffeval_analysis_free(mc);
    staffeval_table_free(t);
  }
  staffeval_result_free(result);
  staffeval_model_free(model);
}

static void shipped_examples(void) {
  staffeval_model* three = NULL;
  staffeval_model* single = NULL;
  staffeval_table* units = NULL;
  staffeval_result* a = NULL;
  staffeval_result* b = NULL;
  staffeval_comparison c;
  size_t count = 0, rows = 0, cols = 0;
  const char* id = NULL;
  double* scores;
  OK(staffeval_model_load(STAFFEVAL_EXAMPLES_DIR "/three-level.yaml", &three));
  OK(staffeval_model_load(STAFFEVAL_EXAMPLES_DIR "/single-level.yaml", &single));
  OK(staffeval_table_load(STAFFEVAL_EXAMPLES_DIR "/units.csv", three, &units));
  OK(staffeval_table_size(units, &rows, &cols));
  CHECK(rows == 300);
  OK(staffeval_score(three, units, 0, &a));
  OK(staffeval_score(single, units, 0, &b));
  {
    /* Ids read from the file (packed), as bytes: the first and last rows of units.csv. */
    const char* bytes = NULL;
    size_t size = 0;
    OK(staffeval_result_unit_id_bytes(a, 0, &bytes, &size));
    CHECK(size == 4 && memcmp(bytes, "U001", 4) == 0);
    OK(staffeval_result_unit_id_bytes(a, 299, &bytes, &size));
    CHECK(size == 4 && memcmp(bytes, "U300", 4) == 0);
  }
  OK(staffeval_result_group_count(a, &count));
  CHECK(count > 4);
  OK(staffeval_result_group_id(a, count - 1, &id));
  CHECK(strlen(id) > 0);
  scores = malloc(rows * sizeof *scores);
  OK(staffeval_result_group_scores(a, 0, scores, rows));
  CHECK(scores[0] >= 0 && scores[0] <= 100);
  free(scores);

  /* A result against itself. */
  OK(staffeval_compare(a, a, &c));
  CHECK(c.units == 300);
  NEAR(c.spearman, 1, 1e-12);
  NEAR(c.kendall_tau_b, 1, 1e-12);
  NEAR(c.kappa, 1, 1e-12);
  NEAR(c.mean_abs_rank_shift, 0, 0);
  /* The three-level model against the single-level one (README, docs/indicator-sets.md). */
  OK(staffeval_compare(a, b, &c));
  NEAR(c.spearman, 0.9286, 5e-5);
  NEAR(c.kendall_tau_b, 0.7662, 5e-5);
  NEAR(c.grade_agreement, 218.0 / 300.0, 1e-12);
  NEAR(c.kappa, 0.559, 5e-4);

  staffeval_result_free(a);
  staffeval_result_free(b);
  staffeval_table_free(units);
  staffeval_model_free(single);
  staffeval_model_free(three);
}

/* The whole of a small file, NUL-terminated (NULL when it cannot be read); *size its length. */
static char* slurp(const char* path, size_t* size) {
  FILE* f = fopen(path, "rb");
  char* text;
  long n;
  if (!f) return NULL;
  fseek(f, 0, SEEK_END);
  n = ftell(f);
  fseek(f, 0, SEEK_SET);
  text = malloc((size_t)n + 1);
  if (text && fread(text, 1, (size_t)n, f) != (size_t)n) {
    free(text);
    text = NULL;
  }
  if (text) text[n] = '\0';
  if (size) *size = (size_t)n;
  fclose(f);
  return text;
}

static size_t count_lines(const char* text) {
  size_t n = 0;
  for (; *text; ++text) n += *text == '\n';
  return n;
}

/* Files, workbooks, reports and batch runs: what staffeval score --format, staffeval report and
 * staffeval batch write, from C. */
static void outputs(void) {
  staffeval_model* three = NULL;
  staffeval_model* single = NULL;
  staffeval_table* units = NULL;
  staffeval_result* zh = NULL;
  staffeval_result* en = NULL;
  staffeval_result* other = NULL;
  staffeval_batch* batch = NULL;
  staffeval_batch_status status = STAFFEVAL_BATCH_OK;
  const char* name = NULL;
  const char* error = NULL;
  const char* bad_analysis[] = {"{\"analysis\": \"monte_carlo\", \"unit_ids\": [\"nobody\"]}"};
  char* text;
  char* report;
  size_t size = 0, count = 0, n_units = 0, scored = 0, length = 0;
  int code = -1;
  FILE* f;
  OK(staffeval_model_load(STAFFEVAL_EXAMPLES_DIR "/three-level.yaml", &three));
  OK(staffeval_model_load(STAFFEVAL_EXAMPLES_DIR "/single-level.yaml", &single));
  OK(staffeval_table_load(STAFFEVAL_EXAMPLES_DIR "/units.csv", three, &units));
  OK(staffeval_score(three, units, 0, &zh));
  OK(staffeval_score_in(three, units, 0, "en", &en));
  OK(staffeval_score(single, units, 0, &other));
  FAILS(staffeval_score_in(three, units, 0, "fr", &en), STAFFEVAL_ERROR_OPTIONS, "must be zh or en");

  /* CSV: a header and 300 units; Chinese headers for the Chinese model, English on request. */
  OK(staffeval_result_write(zh, "csv", STAFFEVAL_OUT_DIR "/zh.csv"));
  text = slurp(STAFFEVAL_OUT_DIR "/zh.csv", NULL);
  CHECK(text && count_lines(text) == 301 && strncmp(text, "单位代码,", strlen("单位代码,")) == 0);
  free(text);
  OK(staffeval_result_write(en, "csv", STAFFEVAL_OUT_DIR "/en.csv"));
  text = slurp(STAFFEVAL_OUT_DIR "/en.csv", NULL);
  CHECK(text && count_lines(text) == 301 && strncmp(text, "id,", 3) == 0);
  free(text);
  OK(staffeval_result_write(en, "text", STAFFEVAL_OUT_DIR "/en.txt"));
  text = slurp(STAFFEVAL_OUT_DIR "/en.txt", NULL);
  CHECK(text && strstr(text, "300 units") != NULL);
  free(text);
  OK(staffeval_result_write(zh, "json", STAFFEVAL_OUT_DIR "/zh.json"));
  text = slurp(STAFFEVAL_OUT_DIR "/zh.json", NULL);
  CHECK(text && text[0] == '{' && strstr(text, "\"U021\"") != NULL);
  free(text);
  /* An Excel workbook is a zip archive. */
  OK(staffeval_result_write(zh, "xlsx", STAFFEVAL_OUT_DIR "/zh.xlsx"));
  text = slurp(STAFFEVAL_OUT_DIR "/zh.xlsx", &size);
  CHECK(text && size > 1000 && text[0] == 'P' && text[1] == 'K');
  free(text);
  FAILS(staffeval_result_write(zh, "pdf", STAFFEVAL_OUT_DIR "/zh.pdf"), STAFFEVAL_ERROR_OPTIONS,
        "must be csv, json, text or xlsx");
  FAILS(staffeval_result_write(zh, "csv", STAFFEVAL_EXAMPLES_DIR "/units.csv"), STAFFEVAL_ERROR_OPTIONS,
        "is an input of the result");
  FAILS(staffeval_result_write(zh, "text", STAFFEVAL_EXAMPLES_DIR "/three-level.yaml"), STAFFEVAL_ERROR_OPTIONS,
        "is an input of the result");
  FAILS(staffeval_result_write(zh, "csv", STAFFEVAL_OUT_DIR "/no-such-folder/zh.csv"), STAFFEVAL_ERROR_OUTPUT,
        "no-such-folder");

  /* The HTML report, self-contained, with a comparison; an analysis of other units is refused and
   * nothing is written. */
  OK(staffeval_result_write_report(zh, other, NULL, 0, NULL, STAFFEVAL_OUT_DIR "/report.html"));
  report = slurp(STAFFEVAL_OUT_DIR "/report.html", &size);
  CHECK(report && strncmp(report, "<!DOCTYPE html>", 15) == 0 && size > 500000);
  /* Its title, and scripts inline: nothing is fetched when it is opened. */
  CHECK(report && strstr(report, "机构编制使用效益评估指标体系（三级）") != NULL);
  CHECK(report && strstr(report, "<script src") == NULL && strstr(report, "<link") == NULL);
  free(report);
  FAILS(staffeval_result_write_report(zh, NULL, bad_analysis, 1, "t", STAFFEVAL_OUT_DIR "/bad.html"),
        STAFFEVAL_ERROR_DATA, "analysis 1");
  CHECK(slurp(STAFFEVAL_OUT_DIR "/bad.html", NULL) == NULL);
  FAILS(staffeval_result_write_report(zh, NULL, NULL, 2, NULL, STAFFEVAL_OUT_DIR "/bad.html"), STAFFEVAL_ERROR_ARGUMENT,
        "analyses is NULL");

  /* A batch of two jobs, one of them on a broken file: the other is written, the broken one is
   * reported with its file and row, and the exit code is the data error's. */
  f = fopen(STAFFEVAL_OUT_DIR "/broken.csv", "w");
  CHECK(f != NULL);
  if (f) {
    fputs("id,name,class,approved_est\nU001,甲,综合管理类,many\n", f);
    fclose(f);
  }
  f = fopen(STAFFEVAL_OUT_DIR "/batch.yaml", "w");
  CHECK(f != NULL);
  if (f) {
    fputs("jobs:\n"
          "  - model: " STAFFEVAL_EXAMPLES_DIR "/single-level.yaml\n"
          "    data: " STAFFEVAL_EXAMPLES_DIR "/units.csv\n"
          "    name: good\n"
          "    out: {csv: batch/good.csv}\n"
          "  - model: " STAFFEVAL_EXAMPLES_DIR "/single-level.yaml\n"
          "    data: broken.csv\n"
          "    name: broken\n"
          "    out: {csv: batch/broken.csv}\n",
          f);
    fclose(f);
  }
  OK(staffeval_batch_run(STAFFEVAL_OUT_DIR "/batch.yaml", 2, 1, "en", &batch));
  OK(staffeval_batch_job_count(batch, &count));
  CHECK(count == 2);
  OK(staffeval_batch_job(batch, 0, &name, &status, &n_units, &scored, &error));
  CHECK(strcmp(name, "good") == 0 && status == STAFFEVAL_BATCH_OK && n_units == 300 && scored == 300 && error[0] == '\0');
  OK(staffeval_batch_job(batch, 1, &name, &status, NULL, NULL, &error));
  CHECK(strcmp(name, "broken") == 0 && status == STAFFEVAL_BATCH_FAILED && strstr(error, "broken.csv") != NULL);
  CHECK(slurp(STAFFEVAL_OUT_DIR "/batch/broken.csv", NULL) == NULL);
  text = slurp(STAFFEVAL_OUT_DIR "/batch/good.csv", NULL);
  CHECK(text && count_lines(text) == 301);
  free(text);
  OK(staffeval_batch_exit_code(batch, &code));
  CHECK(code == 4);
  FAILS(staffeval_batch_report(batch, NULL, 0, &length), STAFFEVAL_ERROR_BUFFER, "the batch report needs");
  CHECK(length > 0);
  text = malloc(length + 1);
  OK(staffeval_batch_report(batch, text, length + 1, &length));
  CHECK(strstr(text, "2 jobs") != NULL && strstr(text, "broken") != NULL);
  free(text);
  FAILS(staffeval_batch_job(batch, 2, &name, NULL, NULL, NULL, NULL), STAFFEVAL_ERROR_ARGUMENT, "job 2 is out of range");
  staffeval_batch_free(batch);
  FAILS(staffeval_batch_run(STAFFEVAL_OUT_DIR "/no-such-manifest.yaml", 0, 0, NULL, &batch), STAFFEVAL_ERROR_DATA,
        "no-such-manifest.yaml");

  staffeval_result_free(other);
  staffeval_result_free(en);
  staffeval_result_free(zh);
  staffeval_table_free(units);
  staffeval_model_free(single);
  staffeval_model_free(three);
}

static void weights_and_methods(void) {
  /* Saaty's example: priorities 0.637, 0.258, 0.105, CR 0.033 (RI 0.58). */
  const double judgments[] = {1, 3, 5, 1.0 / 3, 1, 3, 1.0 / 5, 1.0 / 3, 1};
  /* Entropy: a constant column weighs 0, two identical columns share the rest equally. */
  const double x[] = {1, 5, 1, 2, 5, 2, 3, 5, 3};
  /* TOPSIS: the first row is ideal on both criteria (benefit, cost), the last anti-ideal. */
  const double m[] = {10, 1, 5, 5, 1, 10};
  const int32_t cost[] = {0, 1};
  const double w[] = {0.5, 0.5};
  staffeval_weights* weights = NULL;
  double out[3], cr = 0, score[3];
  int32_t rank[3];
  size_t count = 0;
  OK(staffeval_weights_ahp(judgments, 3, &weights));
  OK(staffeval_weights_count(weights, &count));
  CHECK(count == 3);
  OK(staffeval_weights_values(weights, out, 3));
  NEAR(out[0], 0.6370, 5e-4);
  NEAR(out[1], 0.2583, 5e-4);
  NEAR(out[2], 0.1047, 5e-4);
  NEAR(out[0] + out[1] + out[2], 1, 1e-12);
  OK(staffeval_weights_cr(weights, &cr));
  CHECK(cr > 0.02 && cr < 0.05);
  staffeval_weights_free(weights);

  OK(staffeval_weights_objective(x, 3, 3, NULL, "entropy", &weights));
  OK(staffeval_weights_values(weights, out, 3));
  NEAR(out[0], 0.5, 1e-12);
  NEAR(out[1], 0.0, 1e-12);
  NEAR(out[2], 0.5, 1e-12);
  OK(staffeval_weights_cr(weights, &cr));
  CHECK(isnan(cr));
  FAILS(staffeval_weights_values(weights, out, 2), STAFFEVAL_ERROR_ARGUMENT, "2 elements given, the object has 3");
  staffeval_weights_free(weights);
  FAILS(staffeval_weights_objective(x, 3, 3, NULL, "entropyy", &weights), STAFFEVAL_ERROR_OPTIONS, "entropy, critic");
  FAILS(staffeval_weights_objective(x, 1, 3, NULL, "critic", &weights), STAFFEVAL_ERROR_COMPUTE, "");

  OK(staffeval_rank_matrix(m, 3, 2, cost, w, "topsis", score, rank));
  NEAR(score[0], 1.0, 1e-12);
  NEAR(score[2], 0.0, 1e-12);
  CHECK(score[1] > 0 && score[1] < 1);
  CHECK(rank[0] == 1 && rank[1] == 2 && rank[2] == 3);
  FAILS(staffeval_rank_matrix(m, 3, 2, cost, w, "topsys", score, rank), STAFFEVAL_ERROR_OPTIONS, "topsis");
  FAILS(staffeval_rank_matrix(m, 3, 2, cost, NULL, "topsis", score, rank), STAFFEVAL_ERROR_ARGUMENT, "weights is NULL");
}

static void refusals(void) {
  staffeval_model* model = NULL;
  staffeval_table* table = NULL;
  staffeval_result* result = NULL;
  const double values[] = {1, 2, INFINITY, 4};
  const char* columns[] = {"a", "b"};
  const char* twice[] = {"u1", "u1"};
  const char* ids[] = {"u1", "u2"};
  /* Model errors carry their location. */
  FAILS(staffeval_model_parse("id: x\nweights: relative\nindicators: 3\n", "bad.yaml", &model), STAFFEVAL_ERROR_MODEL,
        "bad.yaml:3");
  FAILS(staffeval_model_load("no-such-model.yaml", &model), STAFFEVAL_ERROR_MODEL, "no-such-model.yaml");
  FAILS(staffeval_model_parse(NULL, NULL, &model), STAFFEVAL_ERROR_ARGUMENT, "yaml is NULL");
  FAILS(staffeval_model_parse(kTiny, NULL, NULL), STAFFEVAL_ERROR_ARGUMENT, "out (the output) is NULL");
  CHECK(model == NULL);
  /* Data errors name the table, unit and column. */
  FAILS(staffeval_table_load("no-such-units.csv", NULL, &table), STAFFEVAL_ERROR_DATA, "no-such-units.csv");
  FAILS(staffeval_table_from_arrays(values, 2, 2, columns, twice, NULL, "mem", &table), STAFFEVAL_ERROR_DATA,
        "unit \"u1\" appears twice");
  FAILS(staffeval_table_from_arrays(values, 2, 2, columns, ids, NULL, "mem", &table), STAFFEVAL_ERROR_DATA,
        "mem: unit \"u2\", column \"a\": an infinite value");
  FAILS(staffeval_table_from_arrays(values, 0, 2, columns, ids, NULL, "mem", &table), STAFFEVAL_ERROR_DATA, "no units");
  CHECK(table == NULL);
  /* A model reading a column the table lacks; threads < 0. */
  {
    const double ok[] = {1, 2, 3, 4};
    const char* other[] = {"a", "c"};
    OK(staffeval_model_parse(kTiny, "tiny.yaml", &model));
    OK(staffeval_table_from_arrays(ok, 2, 2, other, ids, NULL, "mem", &table));
    FAILS(staffeval_score(model, table, 1, &result), STAFFEVAL_ERROR_DATA, "unknown column \"b\"");
    FAILS(staffeval_score(model, table, -1, &result), STAFFEVAL_ERROR_OPTIONS, "threads = -1");
    CHECK(result == NULL);
    staffeval_table_free(table);
    staffeval_model_free(model);
  }
  FAILS(staffeval_weights_ahp(NULL, 3, NULL), STAFFEVAL_ERROR_ARGUMENT, "out (the output) is NULL");
  /* The last error is the thread's last failure; freeing NULL is allowed. */
  CHECK(strlen(staffeval_last_error()) > 0);
  staffeval_model_free(NULL);
  staffeval_table_free(NULL);
  staffeval_result_free(NULL);
  staffeval_weights_free(NULL);
  staffeval_analysis_free(NULL);
  staffeval_batch_free(NULL);
  CHECK(strcmp(staffeval_status_name(STAFFEVAL_ERROR_BUFFER), "STAFFEVAL_ERROR_BUFFER") == 0);
}

int main(void) {
  CHECK(staffeval_abi_version() == STAFFEVAL_C_ABI_VERSION);
  CHECK(strlen(staffeval_version()) > 0);
  CHECK(strcmp(staffeval_last_error(), "") == 0);
  tiny_model();
  shipped_examples();
  outputs();
  weights_and_methods();
  refusals();
  if (failures) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  printf("C API: all checks passed\n");
  return 0;
}
