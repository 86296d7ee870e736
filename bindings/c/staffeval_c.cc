// The C API (staffeval_c.h): conversions and error translation over the library's public API,
// no logic of its own. Every entry point runs its body through guard(), which turns any
// exception into a status and the thread's last error.
#include "staffeval/staffeval_c.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <exception>
#include <filesystem>
#include <memory>
#include <new>
#include <optional>
#include <string>
#include <unordered_set>
#include <vector>

#include "staffeval/staffeval.h"

struct staffeval_model {
  staffeval::IndicatorModel model;
  std::vector<std::string> indicators;  // leaves, model order
};
struct staffeval_table {
  staffeval::Table table;
};
struct staffeval_result {
  std::shared_ptr<const staffeval::Table> table;
  staffeval::ScoringResult result;
  std::vector<std::string> grade_names, group_ids;
};
struct staffeval_weights {
  std::vector<double> values;
  double cr = std::numeric_limits<double>::quiet_NaN();
};
struct staffeval_analysis {
  bool sobol = false;
  staffeval::MonteCarloResult mc;
  staffeval::SobolAnalysisResult so;
};
struct staffeval_batch {
  staffeval::BatchResult result;
};

namespace {

thread_local std::string last_error;

// An argument the caller got wrong: a NULL pointer, a length, an index.
struct ArgumentError : std::exception {
  explicit ArgumentError(std::string m) : message(std::move(m)) {}
  const char* what() const noexcept override { return message.c_str(); }
  std::string message;
};
// A buffer too small for the text: the length needed has been stored.
struct BufferError : ArgumentError {
  using ArgumentError::ArgumentError;
};

template <class Body>
staffeval_status guard(Body&& body) noexcept {
  try {
    body();
    return STAFFEVAL_OK;
  } catch (const BufferError& e) {
    last_error = e.what();
    return STAFFEVAL_ERROR_BUFFER;
  } catch (const ArgumentError& e) {
    last_error = e.what();
    return STAFFEVAL_ERROR_ARGUMENT;
  } catch (const staffeval::ModelError& e) {
    last_error = e.what();
    for (std::size_t k = 1; k < e.diagnostics().size(); ++k) last_error += "\n" + e.diagnostics()[k].to_string();
    return STAFFEVAL_ERROR_MODEL;
  } catch (const staffeval::DataError& e) {
    last_error = e.what();
    for (std::size_t k = 1; k < e.diagnostics().size(); ++k) last_error += "\n" + e.diagnostics()[k].to_string();
    return STAFFEVAL_ERROR_DATA;
  } catch (const staffeval::OptionsError& e) {
    last_error = e.what();
    return STAFFEVAL_ERROR_OPTIONS;
  } catch (const staffeval::ComputeError& e) {
    last_error = e.what();
    return STAFFEVAL_ERROR_COMPUTE;
  } catch (const staffeval::OutputError& e) {
    last_error = e.what();
    return STAFFEVAL_ERROR_OUTPUT;
  } catch (const std::bad_alloc&) {
    last_error = "out of memory";
    return STAFFEVAL_ERROR_MEMORY;
  } catch (const std::exception& e) {
    last_error = std::string("internal error: ") + e.what();
    return STAFFEVAL_ERROR_INTERNAL;
  } catch (...) {
    last_error = "internal error: an unknown exception";
    return STAFFEVAL_ERROR_INTERNAL;
  }
}

template <class T>
const T& need(const T* p, const char* what) {
  if (!p) throw ArgumentError(std::string(what) + " is NULL");
  return *p;
}
template <class T>
void need_out(T* p, const char* what) {
  if (!p) throw ArgumentError(std::string(what) + " (the output) is NULL");
}
void need_length(std::size_t given, std::size_t expected, const char* what) {
  if (given != expected)
    throw ArgumentError(std::string(what) + ": " + std::to_string(given) + " elements given, the object has " +
                        std::to_string(expected));
}
void need_index(std::size_t index, std::size_t count, const char* what) {
  if (index >= count)
    throw ArgumentError(std::string(what) + " " + std::to_string(index) + " is out of range (there are " +
                        std::to_string(count) + ")");
}
const char* need_string(const char* s, const char* what) {
  if (!s) throw ArgumentError(std::string(what) + " is NULL");
  return s;
}

// "zh", "en" or NULL (unset).
std::optional<staffeval::Language> language_of(const char* language) {
  if (!language) return std::nullopt;
  const auto l = staffeval::parse_language(language);
  if (!l) throw staffeval::OptionsError("language", language, "must be zh or en (or NULL for the model's)");
  return l;
}

// An output path that is not one of the result's inputs (its model or its data file).
std::string output_path(const char* path, const staffeval_result& r) {
  const std::string p = need_string(path, "path");
  if (p.empty()) throw ArgumentError("path is empty");
  for (const std::string& input : {r.result.plan.model().file, r.table->file}) {
    std::error_code ec;
    if (!input.empty() && std::filesystem::equivalent(p, input, ec))
      throw staffeval::OptionsError("path", p, "is an input of the result (" + input + "): outputs are never written over inputs");
  }
  return p;
}

// Text into the caller's buffer (the staffeval_result_explain() convention).
void copy_text(const std::string& text, char* buffer, std::size_t capacity, std::size_t* length, const std::string& what) {
  need_out(length, "length");
  *length = text.size();
  if (!buffer || capacity < text.size() + 1)
    throw BufferError(what + " needs " + std::to_string(text.size() + 1) + " bytes, the buffer has " +
                      std::to_string(buffer ? capacity : 0));
  std::memcpy(buffer, text.c_str(), text.size() + 1);
}

// A row-major caller matrix as Eigen's (column-major) matrix.
Eigen::MatrixXd matrix_of(const double* values, std::size_t rows, std::size_t cols, const char* what) {
  if (rows && cols && !values) throw ArgumentError(std::string(what) + " is NULL");
  Eigen::MatrixXd x(static_cast<Eigen::Index>(rows), static_cast<Eigen::Index>(cols));
  for (std::size_t i = 0; i < rows; ++i)
    for (std::size_t j = 0; j < cols; ++j) x(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = values[i * cols + j];
  return x;
}

std::vector<staffeval::Direction> directions_of(const int32_t* cost, std::size_t cols) {
  std::vector<staffeval::Direction> d(cols, staffeval::Direction::kBenefit);
  if (cost)
    for (std::size_t j = 0; j < cols; ++j)
      if (cost[j]) d[j] = staffeval::Direction::kCost;
  return d;
}

template <class E>
E parse_name(const char* s, const char* what) {
  const auto v = staffeval::enum_table<E>().parse(need_string(s, what));
  if (!v) throw staffeval::OptionsError(what, s, "must be one of " + staffeval::enum_table<E>().choices());
  return *v;
}

template <class T, class S>
void copy_out(const S& source, T* out, std::size_t n, const char* what) {
  need_out(out, what);
  need_length(n, static_cast<std::size_t>(source.size()), what);
  for (std::size_t i = 0; i < n; ++i) out[i] = static_cast<T>(source[static_cast<decltype(source.size())>(i)]);
}

staffeval::UncertaintySpec spec_of(const char* yaml, const staffeval::IndicatorModel& model) {
  return staffeval::load_uncertainty_from_string(need_string(yaml, "spec_yaml"), "<spec>", model);
}

}  // namespace

extern "C" {

const char* staffeval_version(void) { return STAFFEVAL_C_VERSION; }
int staffeval_abi_version(void) { return STAFFEVAL_C_ABI_VERSION; }
const char* staffeval_last_error(void) { return last_error.c_str(); }

const char* staffeval_status_name(staffeval_status status) {
  switch (status) {
    case STAFFEVAL_OK: return "STAFFEVAL_OK";
    case STAFFEVAL_ERROR_MODEL: return "STAFFEVAL_ERROR_MODEL";
    case STAFFEVAL_ERROR_DATA: return "STAFFEVAL_ERROR_DATA";
    case STAFFEVAL_ERROR_OPTIONS: return "STAFFEVAL_ERROR_OPTIONS";
    case STAFFEVAL_ERROR_COMPUTE: return "STAFFEVAL_ERROR_COMPUTE";
    case STAFFEVAL_ERROR_OUTPUT: return "STAFFEVAL_ERROR_OUTPUT";
    case STAFFEVAL_ERROR_ARGUMENT: return "STAFFEVAL_ERROR_ARGUMENT";
    case STAFFEVAL_ERROR_BUFFER: return "STAFFEVAL_ERROR_BUFFER";
    case STAFFEVAL_ERROR_MEMORY: return "STAFFEVAL_ERROR_MEMORY";
    case STAFFEVAL_ERROR_INTERNAL: return "STAFFEVAL_ERROR_INTERNAL";
  }
  return "unknown status";
}

// ---- Models ---------------------------------------------------------------------------------

namespace {
staffeval_model* wrap(staffeval::IndicatorModel m) {
  auto h = std::make_unique<staffeval_model>();
  h->model = std::move(m);
  for (const auto& n : h->model.nodes)
    if (!n.group) h->indicators.push_back(n.id);
  return h.release();
}
}  // namespace

staffeval_status staffeval_model_load(const char* path, staffeval_model** out) {
  return guard([&] {
    need_out(out, "out");
    *out = wrap(staffeval::load_model(need_string(path, "path")));
  });
}

staffeval_status staffeval_model_parse(const char* yaml, const char* name, staffeval_model** out) {
  return guard([&] {
    need_out(out, "out");
    *out = wrap(staffeval::load_model_from_string(need_string(yaml, "yaml"), name ? name : "<string>"));
  });
}

void staffeval_model_free(staffeval_model* model) { delete model; }

staffeval_status staffeval_model_id(const staffeval_model* model, const char** out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(model, "model").model.id.c_str();
  });
}

staffeval_status staffeval_model_indicator_count(const staffeval_model* model, size_t* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(model, "model").indicators.size();
  });
}

staffeval_status staffeval_model_indicator_id(const staffeval_model* model, size_t k, const char** out) {
  return guard([&] {
    const auto& m = need(model, "model");
    need_out(out, "out");
    need_index(k, m.indicators.size(), "indicator");
    *out = m.indicators[k].c_str();
  });
}

// ---- Tables ---------------------------------------------------------------------------------

staffeval_status staffeval_table_load(const char* path, const staffeval_model* model, staffeval_table** out) {
  return guard([&] {
    need_out(out, "out");
    const staffeval::TableOptions options = model ? staffeval::table_options(model->model) : staffeval::TableOptions{};
    auto h = std::make_unique<staffeval_table>();
    h->table = staffeval::load_table(need_string(path, "path"), options);
    *out = h.release();
  });
}

staffeval_status staffeval_table_from_arrays(const double* values, size_t rows, size_t cols, const char* const* columns,
                                             const char* const* unit_ids, const char* const* classes, const char* name,
                                             staffeval_table** out) {
  return guard([&] {
    need_out(out, "out");
    if (rows == 0) throw staffeval::DataError(std::string(name ? name : "<memory>") + ": no units (rows = 0)");
    if (cols && !columns) throw ArgumentError("columns is NULL");
    if (!unit_ids) throw ArgumentError("unit_ids is NULL");
    auto h = std::make_unique<staffeval_table>();
    staffeval::Table& t = h->table;
    t.file = name ? name : "<memory>";
    std::unordered_set<std::string> seen;
    for (std::size_t j = 0; j < cols; ++j) {
      const std::string c = need_string(columns[j], ("columns[" + std::to_string(j) + "]").c_str());
      if (c.empty()) throw staffeval::DataError(t.file + ": column " + std::to_string(j + 1) + " has no name");
      if (!seen.insert(c).second) throw staffeval::DataError(t.file + ": column \"" + c + "\" appears twice");
      t.columns.push_back(c);
    }
    seen.clear();
    std::vector<std::string> labels;
    for (std::size_t i = 0; i < rows; ++i) {
      const std::string id = need_string(unit_ids[i], ("unit_ids[" + std::to_string(i) + "]").c_str());
      if (id.empty()) throw staffeval::DataError(t.file + ": unit " + std::to_string(i + 1) + " has an empty id");
      if (!seen.insert(id).second)
        throw staffeval::DataError(t.file + ": unit \"" + id + "\" appears twice (row " + std::to_string(i + 1) + ")");
      t.ids.edit().push_back(id);
      t.names.edit().emplace_back();
      t.rows.push_back(i + 1);
    }
    t.values = matrix_of(values, rows, cols, "values");
    for (std::size_t i = 0; i < rows; ++i)
      for (std::size_t j = 0; j < cols; ++j)
        if (std::isinf(t.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))))
          throw staffeval::DataError(t.file + ": unit \"" + std::string(t.ids.view(i)) + "\", column \"" + t.columns[j] +
                                     "\": an infinite value (use NaN for a missing one)");
    t.header_line = 0;
    t.unit_class.assign(rows, 0);
    if (classes) {
      t.classes.clear();
      t.has_class_column = true;
      for (std::size_t i = 0; i < rows; ++i) {
        const std::string c = need_string(classes[i], ("classes[" + std::to_string(i) + "]").c_str());
        auto it = std::find(t.classes.begin(), t.classes.end(), c);
        if (it == t.classes.end()) it = t.classes.insert(t.classes.end(), c);
        t.unit_class[i] = static_cast<int>(it - t.classes.begin());
      }
    } else {
      t.classes = {""};
    }
    *out = h.release();
  });
}

void staffeval_table_free(staffeval_table* table) { delete table; }

staffeval_status staffeval_table_size(const staffeval_table* table, size_t* rows, size_t* cols) {
  return guard([&] {
    const auto& t = need(table, "table").table;
    need_out(rows, "rows");
    need_out(cols, "cols");
    *rows = t.size();
    *cols = t.columns.size();
  });
}

// ---- Scoring --------------------------------------------------------------------------------

staffeval_status staffeval_score(const staffeval_model* model, const staffeval_table* table, int threads,
                                 staffeval_result** out) {
  return staffeval_score_in(model, table, threads, nullptr, out);
}

staffeval_status staffeval_score_in(const staffeval_model* model, const staffeval_table* table, int threads,
                                    const char* language, staffeval_result** out) {
  return guard([&] {
    const auto& m = need(model, "model").model;
    const auto& t = need(table, "table").table;
    need_out(out, "out");
    if (threads < 0) throw staffeval::OptionsError("threads", std::to_string(threads), "must be >= 0 (0 = one per core)");
    auto h = std::make_unique<staffeval_result>();
    h->table = std::make_shared<const staffeval::Table>(t);
    staffeval::ScoringOptions o;
    o.threads = threads;
    o.language = language_of(language);
    h->result = staffeval::evaluate(staffeval::compile(m, *h->table), *h->table, o);
    for (const auto& g : h->result.plan.model().grades) h->grade_names.push_back(g.name);
    for (int v : h->result.plan.group_nodes())
      h->group_ids.push_back(h->result.plan.model().nodes[static_cast<std::size_t>(v)].id);
    *out = h.release();
  });
}

void staffeval_result_free(staffeval_result* result) { delete result; }

staffeval_status staffeval_result_units(const staffeval_result* result, size_t* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(result, "result").result.size();
  });
}

staffeval_status staffeval_result_unit_id(const staffeval_result* result, size_t unit, const char** out) {
  return guard([&] {
    const auto& r = need(result, "result").result;
    need_out(out, "out");
    need_index(unit, r.size(), "unit");
    *out = r.unit_ids[unit].c_str();
  });
}

staffeval_status staffeval_result_unit_id_bytes(const staffeval_result* result, size_t unit, const char** data,
                                                size_t* size) {
  return guard([&] {
    const auto& r = need(result, "result").result;
    need_out(data, "data");
    need_out(size, "size");
    need_index(unit, r.size(), "unit");
    const std::string_view id = r.unit_ids.view(unit);
    *data = id.data();
    *size = id.size();
  });
}

staffeval_status staffeval_result_totals(const staffeval_result* result, double* out, size_t n) {
  return guard([&] { copy_out(need(result, "result").result.total, out, n, "totals"); });
}

staffeval_status staffeval_result_ranks(const staffeval_result* result, int32_t* out, size_t n) {
  return guard([&] { copy_out(need(result, "result").result.rank, out, n, "ranks"); });
}

staffeval_status staffeval_result_grades(const staffeval_result* result, int32_t* out, size_t n) {
  return guard([&] { copy_out(need(result, "result").result.grade, out, n, "grades"); });
}

staffeval_status staffeval_result_grade_count(const staffeval_result* result, size_t* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(result, "result").grade_names.size();
  });
}

staffeval_status staffeval_result_grade_name(const staffeval_result* result, size_t grade, const char** out) {
  return guard([&] {
    const auto& r = need(result, "result");
    need_out(out, "out");
    need_index(grade, r.grade_names.size(), "grade");
    *out = r.grade_names[grade].c_str();
  });
}

staffeval_status staffeval_result_group_count(const staffeval_result* result, size_t* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(result, "result").group_ids.size();
  });
}

staffeval_status staffeval_result_group_id(const staffeval_result* result, size_t group, const char** out) {
  return guard([&] {
    const auto& r = need(result, "result");
    need_out(out, "out");
    need_index(group, r.group_ids.size(), "group");
    *out = r.group_ids[group].c_str();
  });
}

staffeval_status staffeval_result_group_scores(const staffeval_result* result, size_t group, double* out, size_t n) {
  return guard([&] {
    const auto& r = need(result, "result");
    need_index(group, r.group_ids.size(), "group");
    copy_out(r.result.group_scores.col(static_cast<Eigen::Index>(group)), out, n, "group scores");
  });
}

staffeval_status staffeval_result_indicator_count(const staffeval_result* result, size_t* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(result, "result").result.plan.leaf_ids().size();
  });
}

staffeval_status staffeval_result_indicator_id(const staffeval_result* result, size_t indicator, const char** out) {
  return guard([&] {
    const auto& ids = need(result, "result").result.plan.leaf_ids();
    need_out(out, "out");
    need_index(indicator, ids.size(), "indicator");
    *out = ids[indicator].c_str();
  });
}

staffeval_status staffeval_result_indicator_shares(const staffeval_result* result, size_t indicator, double* out, size_t n) {
  return guard([&] {
    const auto& r = need(result, "result").result;
    need_index(indicator, r.plan.leaf_ids().size(), "indicator");
    copy_out(r.leaf_shares.col(static_cast<Eigen::Index>(indicator)), out, n, "indicator shares");
  });
}

staffeval_status staffeval_result_explain(const staffeval_result* result, const char* unit_id, char* buffer,
                                          size_t capacity, size_t* length) {
  return guard([&] {
    const auto& r = need(result, "result");
    need_out(length, "length");
    const std::string text = staffeval::explain(r.result, *r.table, need_string(unit_id, "unit_id")).text();
    copy_text(text, buffer, capacity, length, "the explanation of \"" + std::string(unit_id) + "\"");
  });
}

// ---- Weights --------------------------------------------------------------------------------

staffeval_status staffeval_weights_ahp(const double* matrix, size_t n, staffeval_weights** out) {
  return guard([&] {
    need_out(out, "out");
    if (n == 0) throw ArgumentError("a judgment matrix needs n >= 1");
    staffeval::JudgmentMatrix m;
    m.file = "<judgments>";
    for (std::size_t i = 0; i < n; ++i) m.names.push_back("c" + std::to_string(i + 1));
    m.values = matrix_of(matrix, n, n, "matrix");
    staffeval::check_judgments(m);
    const staffeval::AhpResult r = staffeval::ahp(m);
    auto h = std::make_unique<staffeval_weights>();
    h->values.assign(r.weights.data(), r.weights.data() + r.weights.size());
    h->cr = r.cr;
    *out = h.release();
  });
}

staffeval_status staffeval_weights_objective(const double* values, size_t rows, size_t cols, const int32_t* cost,
                                             const char* method, staffeval_weights** out) {
  return guard([&] {
    need_out(out, "out");
    staffeval::ObjectiveOptions o;
    o.method = parse_name<staffeval::ObjectiveMethod>(method, "method");
    std::vector<std::string> names;
    for (std::size_t j = 0; j < cols; ++j) names.push_back("c" + std::to_string(j + 1));
    const staffeval::WeightResult r =
        staffeval::objective_weights(matrix_of(values, rows, cols, "values"), names, directions_of(cost, cols), o);
    auto h = std::make_unique<staffeval_weights>();
    h->values.assign(r.weights.data(), r.weights.data() + r.weights.size());
    *out = h.release();
  });
}

void staffeval_weights_free(staffeval_weights* weights) { delete weights; }

staffeval_status staffeval_weights_count(const staffeval_weights* weights, size_t* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(weights, "weights").values.size();
  });
}

staffeval_status staffeval_weights_values(const staffeval_weights* weights, double* out, size_t n) {
  return guard([&] { copy_out(need(weights, "weights").values, out, n, "weights"); });
}

staffeval_status staffeval_weights_cr(const staffeval_weights* weights, double* out) {
  return guard([&] {
    need_out(out, "out");
    *out = need(weights, "weights").cr;
  });
}

// ---- Methods --------------------------------------------------------------------------------

staffeval_status staffeval_rank_matrix(const double* values, size_t rows, size_t cols, const int32_t* cost,
                                       const double* weights, const char* method, double* score_out, int32_t* rank_out) {
  return guard([&] {
    need_out(score_out, "score_out");
    need_out(rank_out, "rank_out");
    if (cols && !weights) throw ArgumentError("weights is NULL");
    staffeval::MethodOptions o;
    o.method = parse_name<staffeval::Method>(method, "method");
    std::vector<std::string> ids, criteria;
    for (std::size_t i = 0; i < rows; ++i) ids.push_back("row " + std::to_string(i + 1));
    for (std::size_t j = 0; j < cols; ++j) criteria.push_back("column " + std::to_string(j + 1));
    const Eigen::VectorXd w = Eigen::Map<const Eigen::VectorXd>(weights, static_cast<Eigen::Index>(cols));
    const staffeval::MethodResult r = staffeval::rank_alternatives(matrix_of(values, rows, cols, "values"), ids, criteria,
                                                                   directions_of(cost, cols), w, o);
    for (std::size_t i = 0; i < rows; ++i) {
      score_out[i] = r.score[static_cast<Eigen::Index>(i)];
      rank_out[i] = r.rank[i];
    }
  });
}

// ---- Sensitivity ----------------------------------------------------------------------------

staffeval_status staffeval_monte_carlo(const staffeval_model* model, const staffeval_table* table, const char* spec_yaml,
                                       size_t samples, uint64_t seed, int threads, staffeval_analysis** out) {
  return guard([&] {
    const auto& m = need(model, "model").model;
    const auto& t = need(table, "table").table;
    need_out(out, "out");
    staffeval::MonteCarloOptions o;
    o.samples = samples;
    o.seed = seed;
    o.threads = threads;
    auto h = std::make_unique<staffeval_analysis>();
    h->mc = staffeval::monte_carlo(staffeval::compile(m, t), t, spec_of(spec_yaml, m), o);
    *out = h.release();
  });
}

staffeval_status staffeval_sobol(const staffeval_model* model, const staffeval_table* table, const char* spec_yaml,
                                 size_t base, uint64_t seed, int threads, staffeval_analysis** out) {
  return guard([&] {
    const auto& m = need(model, "model").model;
    const auto& t = need(table, "table").table;
    need_out(out, "out");
    staffeval::SobolAnalysisOptions o;
    o.base = base;
    o.seed = seed;
    o.threads = threads;
    auto h = std::make_unique<staffeval_analysis>();
    h->sobol = true;
    h->so = staffeval::sobol_analysis(staffeval::compile(m, t), t, spec_of(spec_yaml, m), o);
    *out = h.release();
  });
}

void staffeval_analysis_free(staffeval_analysis* analysis) { delete analysis; }

namespace {
const staffeval_analysis& analysis_of(const staffeval_analysis* a, bool sobol) {
  const auto& h = need(a, "analysis");
  if (h.sobol != sobol)
    throw ArgumentError(sobol ? "this is a Monte Carlo analysis: Sobol' indices come from staffeval_sobol()"
                              : "this is a Sobol' analysis: rank bands come from staffeval_monte_carlo()");
  return h;
}
}  // namespace

staffeval_status staffeval_analysis_units(const staffeval_analysis* analysis, size_t* out) {
  return guard([&] {
    const auto& h = need(analysis, "analysis");
    need_out(out, "out");
    *out = h.sobol ? h.so.unit_ids.size() : h.mc.unit_ids.size();
  });
}

staffeval_status staffeval_analysis_rank_band(const staffeval_analysis* analysis, double* p5, double* median, double* p95,
                                              size_t n) {
  return guard([&] {
    const auto& mc = analysis_of(analysis, false).mc;
    need_out(p5, "p5");
    need_out(median, "median");
    need_out(p95, "p95");
    copy_out(mc.rank_p5, p5, n, "p5");
    copy_out(mc.rank_median, median, n, "median");
    copy_out(mc.rank_p95, p95, n, "p95");
  });
}

staffeval_status staffeval_analysis_grade_stability(const staffeval_analysis* analysis, double* out, size_t n) {
  return guard([&] { copy_out(analysis_of(analysis, false).mc.grade_stability, out, n, "grade stability"); });
}

staffeval_status staffeval_analysis_input_count(const staffeval_analysis* analysis, size_t* out) {
  return guard([&] {
    const auto& so = analysis_of(analysis, true).so;
    need_out(out, "out");
    *out = so.inputs.size();
  });
}

staffeval_status staffeval_analysis_input_label(const staffeval_analysis* analysis, size_t input, const char** out) {
  return guard([&] {
    const auto& so = analysis_of(analysis, true).so;
    need_out(out, "out");
    need_index(input, so.inputs.size(), "input");
    *out = so.inputs[input].c_str();
  });
}

staffeval_status staffeval_analysis_rank_shift_indices(const staffeval_analysis* analysis, double* first, double* total,
                                                       size_t n) {
  return guard([&] {
    const auto& so = analysis_of(analysis, true).so;
    need_out(first, "first");
    need_out(total, "total");
    copy_out(so.rank_shift.first, first, n, "first-order indices");
    copy_out(so.rank_shift.total, total, n, "total indices");
  });
}

// ---- Compare --------------------------------------------------------------------------------

staffeval_status staffeval_compare(const staffeval_result* a, const staffeval_result* b, staffeval_comparison* out) {
  return guard([&] {
    const auto& ra = need(a, "a").result;
    const auto& rb = need(b, "b").result;
    need_out(out, "out");
    staffeval::CompareOptions o;
    o.bootstrap = 0;
    const staffeval::Comparison c =
        staffeval::compare(staffeval::ranking_of(ra, ra.plan.model().id), staffeval::ranking_of(rb, rb.plan.model().id), o);
    staffeval_comparison r;
    r.units = c.unit_ids.size();
    r.spearman = c.spearman;
    r.kendall_tau_a = c.kendall_tau_a;
    r.kendall_tau_b = c.kendall_tau_b;
    r.gamma = c.gamma;
    r.weighted_rank = c.weighted_rank;
    r.ws = c.ws;
    r.mean_abs_rank_shift = c.mean_abs_rank_shift;
    r.max_abs_rank_shift = c.max_abs_rank_shift;
    r.top_k_overlap = c.top_k_overlap;
    r.grade_agreement = c.grade_agreement;
    r.kappa = c.kappa;
    r.kappa_linear = c.kappa_linear;
    *out = r;
  });
}

// ---- Outputs ---------------------------------------------------------------------------------

staffeval_status staffeval_result_write(const staffeval_result* result, const char* format, const char* path) {
  return guard([&] {
    const auto& h = need(result, "result");
    const std::string f = need_string(format, "format");
    const std::string p = output_path(path, h);
    const staffeval::ScoringResult& r = h.result;
    if (f == "csv") {
      staffeval::OutputOptions o;
      o.chinese_headers = r.language == staffeval::Language::kZh;
      staffeval::write_file_atomic(p, staffeval::to_csv(r, o));
    } else if (f == "json") {
      staffeval::write_file_atomic(p, staffeval::to_json(r));
    } else if (f == "text") {
      staffeval::write_file_atomic(p, r.full_report());
    } else if (f == "xlsx") {
      staffeval::write_xlsx(staffeval::to_workbook(r), p);
    } else {
      throw staffeval::OptionsError("format", f, "must be csv, json, text or xlsx");
    }
  });
}

staffeval_status staffeval_result_write_report(const staffeval_result* result, const staffeval_result* other,
                                               const char* const* analyses, size_t n_analyses, const char* title,
                                               const char* path) {
  return guard([&] {
    const auto& h = need(result, "result");
    const std::string p = output_path(path, h);
    if (n_analyses > 0 && !analyses) throw ArgumentError("analyses is NULL but n_analyses is " + std::to_string(n_analyses));
    staffeval::ReportInput in;
    in.result = &h.result;
    in.table = h.table.get();
    for (std::size_t k = 0; k < n_analyses; ++k)
      in.analyses.push_back({"analysis " + std::to_string(k + 1), need_string(analyses[k], "an analysis")});
    in.other = other ? &other->result : nullptr;
    if (title) in.title = title;
    staffeval::write_file_atomic(p, staffeval::html_report(in));
  });
}

// ---- Batch runs --------------------------------------------------------------------------------

staffeval_status staffeval_batch_run(const char* manifest, int threads, int force, const char* language,
                                     staffeval_batch** out) {
  return guard([&] {
    const std::string m = need_string(manifest, "manifest");
    need_out(out, "out");
    if (threads < 0) throw staffeval::OptionsError("threads", std::to_string(threads), "must be >= 0 (0 = one per core)");
    staffeval::BatchOptions o;
    o.threads = threads;
    o.force = force != 0;
    o.language = language_of(language);
    auto h = std::make_unique<staffeval_batch>();
    h->result = staffeval::run_batch(staffeval::load_batch(m), o);
    *out = h.release();
  });
}

void staffeval_batch_free(staffeval_batch* batch) { delete batch; }

staffeval_status staffeval_batch_job_count(const staffeval_batch* batch, size_t* out) {
  return guard([&] {
    const auto& h = need(batch, "batch");
    need_out(out, "out");
    *out = h.result.jobs.size();
  });
}

staffeval_status staffeval_batch_job(const staffeval_batch* batch, size_t job, const char** name,
                                     staffeval_batch_status* status, size_t* units, size_t* scored, const char** error) {
  return guard([&] {
    const auto& h = need(batch, "batch");
    need_index(job, h.result.jobs.size(), "job");
    const staffeval::BatchJobResult& j = h.result.jobs[job];
    if (name) *name = j.name.c_str();
    if (status)
      *status = j.status == staffeval::BatchStatus::kOk         ? STAFFEVAL_BATCH_OK
                : j.status == staffeval::BatchStatus::kUpToDate ? STAFFEVAL_BATCH_UP_TO_DATE
                                                                : STAFFEVAL_BATCH_FAILED;
    if (units) *units = j.units;
    if (scored) *scored = j.scored;
    if (error) *error = j.error.c_str();
  });
}

staffeval_status staffeval_batch_exit_code(const staffeval_batch* batch, int* out) {
  return guard([&] {
    const auto& h = need(batch, "batch");
    need_out(out, "out");
    *out = h.result.exit_code();
  });
}

staffeval_status staffeval_batch_report(const staffeval_batch* batch, char* buffer, size_t capacity, size_t* length) {
  return guard([&] {
    const auto& h = need(batch, "batch");
    copy_text(h.result.full_report(), buffer, capacity, length, "the batch report");
  });
}

}  // extern "C"
