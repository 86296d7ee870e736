// The extension module `staffeval._staffeval`: conversions (NumPy in and out, names to
// enumerations) and error translation over the library's public API, no logic of its own.
// Computations run with the GIL released; long analyses call back for progress with it held,
// where Ctrl-C (a pending KeyboardInterrupt) stops them.
#include <cmath>
#include <memory>
#include <optional>
#include <unordered_set>

#include "bindings.h"

namespace staffeval::python {

namespace {

// ---- Errors ---------------------------------------------------------------------------------

py::list diagnostics_of(const std::vector<Diagnostic>& diagnostics) {
  py::list out;
  for (const auto& d : diagnostics) {
    py::dict x;
    x["severity"] = d.severity == Severity::kError ? "error" : "warning";
    x["file"] = d.location.file;
    x["line"] = d.location.line;
    x["column"] = d.location.column;
    x["field"] = d.field;
    x["value"] = d.value;
    x["rule"] = d.rule;
    x["message"] = d.to_string();
    out.append(std::move(x));
  }
  return out;
}

void raise(const char* name, const std::string& message, py::list diagnostics) {
  const py::object cls = py::module_::import("staffeval._errors").attr(name);
  const py::object error = cls(message, diagnostics);
  PyErr_SetObject(cls.ptr(), error.ptr());
}

void translate(std::exception_ptr p) {
  try {
    if (p) std::rethrow_exception(p);
  } catch (const ModelError& e) {
    raise("ModelError", e.what(), diagnostics_of(e.diagnostics()));
  } catch (const DataError& e) {
    raise("DataError", e.what(), diagnostics_of(e.diagnostics()));
  } catch (const OptionsError& e) {
    py::list d;
    if (!e.field().empty()) {
      py::dict x;
      x["field"] = e.field();
      x["value"] = e.value();
      x["rule"] = e.rule();
      x["message"] = std::string(e.what());
      d.append(std::move(x));
    }
    raise("OptionsError", e.what(), d);
  } catch (const ComputeError& e) {
    raise("ComputeError", e.what(), py::list());
  } catch (const OutputError& e) {
    raise("OutputError", e.what(), py::list());
  } catch (const Cancelled& e) {
    raise("Cancelled", e.what(), py::list());
  } catch (const Error& e) {
    raise("Error", e.what(), py::list());
  }
}

// ---- Conversions ----------------------------------------------------------------------------

template <class E>
E parse(const char* field, const std::string& value) {
  const auto v = enum_table<E>().parse(value);
  if (!v) throw OptionsError(field, value, "must be one of " + enum_table<E>().choices());
  return *v;
}

// Any array-like of numbers as a float64 matrix or vector: NumPy converts another dtype
// (integers, float32, booleans); any layout, strided views included, is read in place and
// copied once into the Eigen storage the library's functions take.
using InMatrix = py::array_t<double, py::array::forcecast>;
using InVector = py::array_t<double, py::array::forcecast>;

Eigen::MatrixXd matrix_of(const InMatrix& a, const char* what) {
  if (a.ndim() != 2) throw OptionsError(what, std::to_string(a.ndim()) + " dimensions", "must be a 2-dimensional array");
  const auto v = a.unchecked<2>();
  Eigen::MatrixXd x(v.shape(0), v.shape(1));
  for (py::ssize_t j = 0; j < v.shape(1); ++j)
    for (py::ssize_t i = 0; i < v.shape(0); ++i) x(i, j) = v(i, j);
  return x;
}

Eigen::VectorXd vector_of(const InVector& a, const char* what) {
  if (a.ndim() != 1) throw OptionsError(what, std::to_string(a.ndim()) + " dimensions", "must be a 1-dimensional array");
  const auto v = a.unchecked<1>();
  Eigen::VectorXd x(v.shape(0));
  for (py::ssize_t i = 0; i < v.shape(0); ++i) x[i] = v(i);
  return x;
}

std::vector<Direction> directions_of(const std::optional<std::vector<bool>>& cost, std::size_t n) {
  std::vector<Direction> d(n, Direction::kBenefit);
  if (cost) {
    if (cost->size() != n)
      throw OptionsError("cost", std::to_string(cost->size()) + " flags", "must give one per column (" + std::to_string(n) + ")");
    for (std::size_t j = 0; j < n; ++j)
      if ((*cost)[j]) d[j] = Direction::kCost;
  }
  return d;
}

std::vector<std::string> default_names(const std::optional<std::vector<std::string>>& names, std::size_t n, const char* prefix,
                                       const char* what) {
  if (names) {
    if (names->size() != n)
      throw OptionsError(what, std::to_string(names->size()) + " names", "must give one per element (" + std::to_string(n) + ")");
    return *names;
  }
  std::vector<std::string> out;
  for (std::size_t i = 0; i < n; ++i) out.push_back(prefix + std::to_string(i + 1));
  return out;
}

template <class T>
py::array_t<T> array_of(const std::vector<int>& v) {
  py::array_t<T> out(static_cast<py::ssize_t>(v.size()));
  auto w = out.template mutable_unchecked<1>();
  for (std::size_t i = 0; i < v.size(); ++i) w(static_cast<py::ssize_t>(i)) = static_cast<T>(v[i]);
  return out;
}

// A progress callback for the library: with the GIL, a pending KeyboardInterrupt stops the
// analysis (the interrupt is raised when it returns), then the caller's callback
// (done, total) -> anything but False to go on. An exception in it stops the analysis and is
// raised instead.
struct Reporter {
  py::object callback;
  std::optional<py::error_already_set> error;

  Progress progress() {
    return [this](std::size_t done, std::size_t total) {
      py::gil_scoped_acquire gil;
      if (PyErr_CheckSignals() != 0) {
        error.emplace();
        return false;
      }
      if (callback.is_none()) return true;
      try {
        const py::object go = callback(done, total);
        return go.is_none() || go.cast<bool>();
      } catch (py::error_already_set& e) {
        error.emplace(std::move(e));
        return false;
      }
    };
  }
  // Runs `body` without the GIL; a stop asked by Python re-raises Python's exception.
  template <class Body>
  auto run(Body&& body) -> decltype(body()) {
    try {
      py::gil_scoped_release nogil;
      return body();
    } catch (const Cancelled&) {
      if (error) throw std::move(*error);
      throw;
    }
  }
};

template <class Body>
auto without_gil(Body&& body) -> decltype(body()) {
  py::gil_scoped_release nogil;
  return body();
}

// A sensitivity analysis of a model on a table: its options with the thread count and progress
// set, run without the GIL.
template <class Options, class Analysis>
auto analyse(const IndicatorModel& model, const Table& table, py::object progress, int threads, Options o, Analysis&& analysis) {
  Reporter rep{std::move(progress), {}};
  o.threads = threads;
  o.progress = rep.progress();
  return rep.run([&] { return analysis(compile(model, table), table, o); });
}

// Shards of a Monte Carlo or Sobol' analysis as dicts of NumPy arrays (so that they pickle and
// travel between machines), and back.
template <class T>
py::array_t<T> rows_of(const std::vector<T>& v, std::size_t count, std::size_t units) {
  py::array_t<T> out({static_cast<py::ssize_t>(count), static_cast<py::ssize_t>(units)});
  if (!v.empty()) std::copy(v.begin(), v.end(), out.mutable_data());
  return out;
}
template <class T>
std::vector<T> vector_from(const py::dict& d, const char* key, std::size_t expected) {
  const auto a = py::cast<py::array_t<T, py::array::c_style | py::array::forcecast>>(d[key]);
  if (static_cast<std::size_t>(a.size()) != expected)
    throw OptionsError(std::string("shard[\"") + key + "\"]", std::to_string(a.size()) + " values",
                       "must hold count x units = " + std::to_string(expected));
  return std::vector<T>(a.data(), a.data() + a.size());
}
py::dict dict_of(const MonteCarloShard& x) {
  py::dict d;
  d["first"] = x.first;
  d["count"] = x.count;
  d["units"] = x.units;
  d["total"] = rows_of(x.total, x.count, x.units);
  d["rank"] = rows_of(x.rank, x.count, x.units);
  d["grade"] = rows_of(x.grade, x.count, x.units);
  return d;
}
MonteCarloShard mc_shard_of(const py::dict& d) {
  MonteCarloShard x;
  x.first = d["first"].cast<std::size_t>();
  x.count = d["count"].cast<std::size_t>();
  x.units = d["units"].cast<std::size_t>();
  x.total = vector_from<double>(d, "total", x.count * x.units);
  x.rank = vector_from<int>(d, "rank", x.count * x.units);
  x.grade = vector_from<int>(d, "grade", x.count * x.units);
  return x;
}
py::dict dict_of(const SobolShard& x) {
  py::dict d;
  d["first"] = x.first;
  d["count"] = x.count;
  d["units"] = x.units;
  d["runs"] = x.runs;
  d["total"] = rows_of(x.total, x.count, x.units);
  d["rank"] = rows_of(x.rank, x.count, x.units);
  return d;
}
SobolShard sobol_shard_of(const py::dict& d) {
  SobolShard x;
  x.first = d["first"].cast<std::size_t>();
  x.count = d["count"].cast<std::size_t>();
  x.units = d["units"].cast<std::size_t>();
  x.total = vector_from<double>(d, "total", x.count * x.units);
  x.rank = vector_from<int>(d, "rank", x.count * x.units);
  return x;
}

// A decision matrix ranked by an evaluation method, from the facade's dict: `x` (units x
// criteria), `weights`, `cost` flags, `ids`, `criteria` (None: numbered), and `method` (a dict
// with the method's name and its parameters).
struct MatrixSubject {
  DecisionMatrix matrix;
  Eigen::VectorXd weights;
  MethodOptions method;
};
MatrixSubject matrix_subject_of(const py::dict& s) {
  MatrixSubject out;
  DecisionMatrix& d = out.matrix;
  d.values = matrix_of(py::cast<InMatrix>(s["x"]), "x");
  const auto rows = static_cast<std::size_t>(d.values.rows()), cols = static_cast<std::size_t>(d.values.cols());
  d.unit_ids = default_names(py::cast<std::optional<std::vector<std::string>>>(s["ids"]), rows, "row ", "ids");
  d.criteria = default_names(py::cast<std::optional<std::vector<std::string>>>(s["criteria"]), cols, "column ", "criteria");
  d.directions = directions_of(py::cast<std::optional<std::vector<bool>>>(s["cost"]), cols);
  out.weights = vector_of(py::cast<InVector>(s["weights"]), "weights");
  const py::dict m = s["method"];
  MethodOptions& o = out.method;
  o.method = parse<Method>("method", m["method"].cast<std::string>());
  if (!m["normalization"].is_none()) o.normalization = parse<Normalization>("normalization", m["normalization"].cast<std::string>());
  o.v = m["v"].cast<double>();
  o.rho = m["rho"].cast<double>();
  o.lambda = m["lambda"].cast<double>();
  return out;
}

// A sensitivity analysis of a decision matrix, as analyse() for a model.
template <class Options, class Analysis>
auto analyse_matrix(const py::dict& subject, py::object progress, int threads, Options o, Analysis&& analysis) {
  const MatrixSubject a = matrix_subject_of(subject);
  Reporter rep{std::move(progress), {}};
  o.threads = threads;
  o.progress = rep.progress();
  return rep.run([&] { return analysis(a, o); });
}

// What moves when a matrix is ranked: the criteria weights (drawn as `draw` says; none = fixed)
// and the method's parameters (name, low, high).
MatrixUncertainty matrix_uncertainty_of(const std::optional<std::string>& draw, double concentration, double percent,
                                        const std::vector<std::tuple<std::string, double, double>>& parameters) {
  MatrixUncertainty u;
  if (draw) {
    WeightUncertainty wu;
    wu.draw = parse<WeightDraw>("draw", *draw);
    wu.concentration = concentration;
    wu.percent = percent;
    u.weights = wu;
  }
  for (const auto& [name, low, high] : parameters) u.parameters.push_back({name, low, high});
  return u;
}

// ---- Scoring --------------------------------------------------------------------------------

// A result with the table it was scored on (explanations read the raw values).
struct Result {
  std::shared_ptr<const Table> table;
  ScoringResult r;
};

ScoringOptions scoring_options(const std::optional<std::string>& missing, bool peer_groups,
                               const std::optional<double>& min_coverage, const std::string& keep, int threads,
                               const std::optional<std::string>& language) {
  ScoringOptions o;
  if (language) o.language = parse<Language>("language", *language);
  if (missing) o.missing = parse<MissingPolicy>("missing", *missing);
  o.peer_groups = peer_groups;
  o.min_coverage = min_coverage;
  o.keep = parse<Kept>("keep", keep);
  o.threads = threads;
  return o;
}

std::shared_ptr<Table> table_from_arrays(const InMatrix& values, const std::vector<std::string>& columns,
                                         const std::vector<std::string>& ids, const std::optional<std::vector<std::string>>& names,
                                         const std::optional<std::vector<std::string>>& classes, const std::string& name) {
  auto t = std::make_shared<Table>();
  t->file = name;
  t->values = matrix_of(values, "values");
  const auto rows = static_cast<std::size_t>(t->values.rows()), cols = static_cast<std::size_t>(t->values.cols());
  if (columns.size() != cols)
    throw DataError(name + ": " + std::to_string(columns.size()) + " column names for " + std::to_string(cols) + " columns");
  if (ids.size() != rows) throw DataError(name + ": " + std::to_string(ids.size()) + " unit ids for " + std::to_string(rows) + " rows");
  if (rows == 0) throw DataError(name + ": no units");
  std::unordered_set<std::string> seen;
  for (std::size_t j = 0; j < cols; ++j) {
    if (columns[j].empty()) throw DataError(name + ": column " + std::to_string(j + 1) + " has no name");
    if (!seen.insert(columns[j]).second) throw DataError(name + ": column \"" + columns[j] + "\" appears twice");
  }
  seen.clear();
  for (std::size_t i = 0; i < rows; ++i) {
    if (ids[i].empty()) throw DataError(name + ": row " + std::to_string(i + 1) + " has an empty unit id");
    if (!seen.insert(ids[i]).second)
      throw DataError(name + ": unit \"" + ids[i] + "\" appears twice (row " + std::to_string(i + 1) + ")");
    for (std::size_t j = 0; j < cols; ++j)
      if (std::isinf(t->values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j))))
        throw DataError(name + ": unit \"" + ids[i] + "\", column \"" + columns[j] + "\": an infinite value (NaN is missing)");
  }
  t->columns = columns;
  t->ids = ids;
  t->names = names ? *names : std::vector<std::string>(rows);
  if (t->names.size() != rows) throw DataError(name + ": " + std::to_string(t->names.size()) + " names for " + std::to_string(rows) + " units");
  t->rows.resize(rows);
  for (std::size_t i = 0; i < rows; ++i) t->rows[i] = i + 1;
  t->header_line = 0;
  t->unit_class.assign(rows, 0);
  if (classes) {
    if (classes->size() != rows)
      throw DataError(name + ": " + std::to_string(classes->size()) + " classes for " + std::to_string(rows) + " units");
    t->has_class_column = true;
    for (std::size_t i = 0; i < rows; ++i) {
      auto it = std::find(t->classes.begin(), t->classes.end(), (*classes)[i]);
      if (it == t->classes.end()) it = t->classes.insert(t->classes.end(), (*classes)[i]);
      t->unit_class[i] = static_cast<int>(it - t->classes.begin());
    }
  } else {
    t->classes = {""};
  }
  return t;
}

UncertaintySpec spec_of(const std::string& text, const std::string& name, const IndicatorModel& model) {
  return load_uncertainty_from_string(text, name, model);
}

}  // namespace

void define_module(py::module_& m) {
  m.doc() = "staffeval's extension module (private: use the staffeval package)";
  py::register_exception_translator(translate);
  m.attr("__version__") = STAFFEVAL_PYTHON_VERSION;

  // ---- Models and tables ----
  py::class_<IndicatorModel, std::shared_ptr<IndicatorModel>>(m, "Model")
      .def_readonly("id", &IndicatorModel::id)
      .def_readonly("name", &IndicatorModel::name)
      .def_readonly("name_en", &IndicatorModel::name_en)
      .def_readonly("description", &IndicatorModel::description)
      .def_readonly("file", &IndicatorModel::file)
      .def_property_readonly("indicators",
                             [](const IndicatorModel& x) {
                               std::vector<std::string> ids;
                               for (const auto& n : x.nodes)
                                 if (!n.group) ids.push_back(n.id);
                               return ids;
                             })
      .def_property_readonly("groups",
                             [](const IndicatorModel& x) {
                               std::vector<std::string> ids;
                               for (const auto& n : x.nodes)
                                 if (n.group) ids.push_back(n.id);
                               return ids;
                             })
      .def_property_readonly("grade_names",
                             [](const IndicatorModel& x) {
                               std::vector<std::string> names;
                               for (const auto& g : x.grades) names.push_back(g.name);
                               return names;
                             })
      .def_property_readonly("id_column", [](const IndicatorModel& x) { return x.id_column; })
      .def("to_yaml", [](const IndicatorModel& x) { return to_yaml(x); })
      .def("burden", [](const IndicatorModel& x) { return burden(x); })
      .def("model_weights", [](const IndicatorModel& x) { return model_weights(x); });
  m.def("load_model", [](const std::string& path) { return std::make_shared<IndicatorModel>(load_model(path)); });
  m.def("load_model_from_string", [](const std::string& yaml, const std::string& name) {
    return std::make_shared<IndicatorModel>(load_model_from_string(yaml, name));
  });

  py::class_<Table, std::shared_ptr<Table>>(m, "Table")
      .def_readonly("file", &Table::file)
      .def_readonly("ids", &Table::ids)
      .def_readonly("names", &Table::names)
      .def_readonly("columns", &Table::columns)
      .def_readonly("classes", &Table::classes)
      .def_readonly("values", &Table::values)
      .def_property_readonly("unit_class", [](const Table& t) { return array_of<std::int32_t>(t.unit_class); })
      .def_property_readonly("warnings",
                             [](const Table& t) {
                               std::vector<std::string> out;
                               for (const auto& p : t.problems) out.push_back(p.to_string());
                               return out;
                             })
      .def("__len__", &Table::size);
  m.def(
      "load_table",
      [](const std::string& path, const std::shared_ptr<IndicatorModel>& model, const std::string& encoding,
         const std::string& sheet) {
        TableOptions o = model ? table_options(*model) : TableOptions{};
        o.encoding = parse<Encoding>("encoding", encoding);
        o.sheet = sheet;
        return std::make_shared<Table>(without_gil([&] { return load_table(path, o); }));
      },
      py::arg("path"), py::arg("model") = nullptr, py::arg("encoding") = "auto", py::arg("sheet") = "");
  m.def("parse_cell", [](const std::string& text) {
    bool ok = false;
    const double v = parse_cell(text, &ok);
    return std::make_pair(v, ok);
  });
  m.def("table_from_arrays", &table_from_arrays, py::arg("values"), py::arg("columns"), py::arg("ids"),
        py::arg("names") = py::none(), py::arg("classes") = py::none(), py::arg("name") = "<memory>");

  // Arrays of a result are read-only views into it (no copy per access); ranks and grades, held
  // as int vectors, are converted once by the facade.
  py::class_<Result, std::shared_ptr<Result>>(m, "Result")
      .def_property_readonly("unit_ids", [](const Result& x) { return x.r.unit_ids; })
      .def_property_readonly("unit_names", [](const Result& x) { return x.r.unit_names; })
      .def_property_readonly("total", [](const Result& x) -> const Eigen::VectorXd& { return x.r.total; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("rank", [](const Result& x) { return array_of<std::int32_t>(x.r.rank); })
      .def_property_readonly("class_rank", [](const Result& x) { return array_of<std::int32_t>(x.r.class_rank); })
      .def_property_readonly("grade_index", [](const Result& x) { return array_of<std::int32_t>(x.r.grade); })
      .def_property_readonly("grade_names",
                             [](const Result& x) {
                               std::vector<std::string> names;
                               for (const auto& g : x.r.plan.model().grades) names.push_back(g.name);
                               return names;
                             })
      .def_property_readonly("unit_class",
                             [](const Result& x) {
                               std::vector<std::string> out;
                               for (std::size_t i = 0; i < x.r.size(); ++i) out.push_back(x.r.class_name(i));
                               return out;
                             })
      .def_property_readonly("group_ids",
                             [](const Result& x) {
                               std::vector<std::string> ids;
                               for (int v : x.r.plan.group_nodes()) ids.push_back(x.r.plan.model().nodes[static_cast<std::size_t>(v)].id);
                               return ids;
                             })
      .def_property_readonly("group_scores", [](const Result& x) -> const Eigen::MatrixXd& { return x.r.group_scores; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("indicator_ids", [](const Result& x) { return x.r.plan.leaf_ids(); })
      .def_property_readonly("leaf_shares", [](const Result& x) -> const Eigen::MatrixXd& { return x.r.leaf_shares; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("leaf_values", [](const Result& x) -> const Eigen::MatrixXd& { return x.r.leaf_values; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("coverage", [](const Result& x) -> const Eigen::VectorXd& { return x.r.coverage; },
                             py::return_value_policy::reference_internal)
      .def_property_readonly("weightings", [](const Result& x) { return x.r.weightings; })
      .def_property_readonly("warnings", [](const Result& x) { return x.r.warnings; })
      .def_property_readonly("model", [](const Result& x) { return std::make_shared<IndicatorModel>(x.r.plan.model()); })
      .def("note", [](const Result& x, std::size_t unit) {
        if (unit >= x.r.size()) throw py::index_error("unit " + std::to_string(unit) + " out of range");
        return x.r.note(unit);
      })
      .def("explain", [](const Result& x, const std::string& unit_id) { return explain(x.r, *x.table, unit_id).text(); })
      .def("model_weights", [](const Result& x) { return model_weights(x.r); })
      .def(
          "to_csv",
          [](const Result& x, bool node_points, bool leaf_detail, std::optional<bool> chinese_headers, bool excel_bom) {
            OutputOptions o;
            o.node_points = node_points;
            o.leaf_detail = leaf_detail;
            o.chinese_headers = chinese_headers.value_or(x.r.language == Language::kZh);
            o.excel_bom = excel_bom;
            return to_csv(x.r, o);
          },
          py::arg("node_points") = true, py::arg("leaf_detail") = false, py::arg("chinese_headers") = py::none(),
          py::arg("excel_bom") = false)
      .def("to_json", [](const Result& x, int indent) { return to_json(x.r, indent); }, py::arg("indent") = 2)
      .def_property_readonly("language", [](const Result& x) { return std::string(to_string(x.r.language)); })
      .def("write_xlsx", [](const Result& x, const std::string& path) { write_xlsx(to_workbook(x.r), path); })
      .def(
          "to_html",
          [](const Result& x, const std::vector<std::pair<std::string, std::string>>& analyses, const Result* other,
             const std::string& label, const std::string& other_label, const std::string& title) {
            ReportInput in;
            in.result = &x.r;
            in.table = x.table.get();
            for (const auto& [source, json] : analyses) in.analyses.push_back({source, json});
            in.other = other ? &other->r : nullptr;
            in.label = label;
            in.other_label = other_label;
            in.title = title;
            return html_report(in);
          },
          py::arg("analyses"), py::arg("other").none(true), py::arg("label"), py::arg("other_label"), py::arg("title"))
      .def("brief_report", [](const Result& x) { return x.r.brief_report(); })
      .def("full_report", [](const Result& x) { return x.r.full_report(); })
      .def("__len__", [](const Result& x) { return x.r.size(); });
  m.def(
      "score",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::optional<std::string>& missing,
         bool peer_groups, const std::optional<double>& min_coverage, const std::string& keep, int threads,
         const std::optional<std::string>& language) {
        const ScoringOptions o = scoring_options(missing, peer_groups, min_coverage, keep, threads, language);
        auto res = std::make_shared<Result>();
        res->table = table;
        res->r = without_gil([&] { return evaluate(compile(*model, *table), *table, o); });
        return res;
      },
      py::arg("model"), py::arg("table"), py::arg("missing") = py::none(), py::arg("peer_groups") = true,
      py::arg("min_coverage") = py::none(), py::arg("keep") = "full", py::arg("threads") = 0,
      py::arg("language") = py::none());

  bind_results(m);

  // ---- Batch runs ----
  py::enum_<BatchStatus>(m, "BatchStatus")
      .value("ok", BatchStatus::kOk)
      .value("up_to_date", BatchStatus::kUpToDate)
      .value("failed", BatchStatus::kFailed);
  py::class_<BatchJobResult>(m, "BatchJobResult")
      .def_readonly("name", &BatchJobResult::name)
      .def_readonly("model", &BatchJobResult::model)
      .def_readonly("data", &BatchJobResult::data)
      .def_readonly("status", &BatchJobResult::status)
      .def_readonly("units", &BatchJobResult::units)
      .def_readonly("scored", &BatchJobResult::scored)
      .def_readonly("warnings", &BatchJobResult::warnings)
      .def_property_readonly("grade_counts", [](const BatchJobResult& j) {
        py::dict d;
        for (std::size_t g = 0; g < j.grades.size(); ++g) d[py::str(j.grades[g])] = j.grade_counts[g];
        return d;
      })
      .def_readonly("error", &BatchJobResult::error)
      .def_readonly("exit_code", &BatchJobResult::exit_code)
      .def("__repr__", [](const BatchJobResult& j) { return "<staffeval.BatchJobResult " + j.name + ">"; });
  py::class_<BatchResult>(m, "BatchResult")
      .def_readonly("jobs", &BatchResult::jobs)
      .def_property_readonly("failed", &BatchResult::failed)
      .def_property_readonly("exit_code", &BatchResult::exit_code)
      .def("brief_report", &BatchResult::brief_report)
      .def("full_report", &BatchResult::full_report)
      .def("to_csv", [](const BatchResult& r) { return to_csv(r); });
  m.def(
      "batch",
      [](const std::string& manifest, int threads, bool force, const std::optional<std::string>& language) {
        BatchOptions o;
        o.threads = threads;
        o.force = force;
        if (language) o.language = parse<Language>("language", *language);
        return without_gil([&] { return run_batch(load_batch(manifest), o); });
      },
      py::arg("manifest"), py::arg("threads") = 0, py::arg("force") = false, py::arg("language") = py::none());

  // ---- Weights and methods ----
  m.def(
      "ahp",
      [](const InMatrix& matrix, const std::optional<std::vector<std::string>>& names, const std::string& priority, double threshold,
         const std::optional<std::string>& language) {
        JudgmentMatrix j;
        j.file = "<judgments>";
        j.values = matrix_of(matrix, "matrix");
        j.names = default_names(names, static_cast<std::size_t>(j.values.rows()), "c", "names");
        check_judgments(j);
        AhpOptions o;
        o.priority = parse<PriorityMethod>("priority", priority);
        o.threshold = threshold;
        if (language) o.language = parse<Language>("language", *language);
        return ahp(j, o);
      },
      py::arg("matrix"), py::arg("names") = py::none(), py::arg("priority") = "eigenvector", py::arg("threshold") = 0.1,
      py::arg("language") = py::none());
  m.def(
      "ahp_panel",
      [](const std::vector<InMatrix>& matrices, const std::optional<std::vector<std::string>>& names, const std::string& aggregation,
         const std::vector<double>& expert_weights, const std::optional<std::string>& language) {
        std::vector<JudgmentMatrix> js;
        for (std::size_t e = 0; e < matrices.size(); ++e) {
          JudgmentMatrix j;
          j.file = "<expert " + std::to_string(e + 1) + ">";
          j.values = matrix_of(matrices[e], "matrices");
          j.names = default_names(names, static_cast<std::size_t>(j.values.rows()), "c", "names");
          js.push_back(std::move(j));
        }
        PanelOptions o;
        o.aggregation = parse<PanelAggregation>("aggregation", aggregation);
        o.expert_weights = expert_weights;
        if (language) o.ahp.language = parse<Language>("language", *language);
        return ahp_panel(js, o);
      },
      py::arg("matrices"), py::arg("names") = py::none(), py::arg("aggregation") = "aij",
      py::arg("expert_weights") = std::vector<double>{}, py::arg("language") = py::none());
  m.def(
      "objective_weights",
      [](const InMatrix& x, const std::string& method, const std::optional<std::vector<std::string>>& names,
         const std::optional<std::vector<bool>>& cost, const std::string& basis, const std::optional<std::string>& language) {
        const Eigen::MatrixXd v = matrix_of(x, "x");
        ObjectiveOptions o;
        if (language) o.language = parse<Language>("language", *language);
        o.method = parse<ObjectiveMethod>("method", method);
        o.basis = parse<WeightBasis>("basis", basis);
        const auto n = static_cast<std::size_t>(v.cols());
        return without_gil([&] { return objective_weights(v, default_names(names, n, "c", "names"), directions_of(cost, n), o); });
      },
      py::arg("x"), py::arg("method") = "entropy", py::arg("names") = py::none(), py::arg("cost") = py::none(),
      py::arg("basis") = "minmax", py::arg("language") = py::none());
  m.def(
      "rank_order_weights",
      [](const std::vector<std::string>& order, const std::string& method) {
        return rank_order_weights(order, parse<RankOrderMethod>("method", method));
      },
      py::arg("order"), py::arg("method") = "roc");
  m.def(
      "rank_alternatives",
      [](const InMatrix& x, const InVector& weights, const std::string& method, const std::optional<std::vector<bool>>& cost,
         const std::optional<std::vector<std::string>>& ids, const std::optional<std::vector<std::string>>& criteria,
         const std::optional<std::string>& normalization, double v, double rho, double lambda) {
        const Eigen::MatrixXd values = matrix_of(x, "x");
        const auto rows = static_cast<std::size_t>(values.rows()), cols = static_cast<std::size_t>(values.cols());
        MethodOptions o;
        o.method = parse<Method>("method", method);
        if (normalization) o.normalization = parse<Normalization>("normalization", *normalization);
        o.v = v;
        o.rho = rho;
        o.lambda = lambda;
        const Eigen::VectorXd w = vector_of(weights, "weights");
        return without_gil([&] {
          return rank_alternatives(values, default_names(ids, rows, "row ", "ids"), default_names(criteria, cols, "column ", "criteria"),
                                   directions_of(cost, cols), w, o);
        });
      },
      py::arg("x"), py::arg("weights"), py::arg("method") = "topsis", py::arg("cost") = py::none(), py::arg("ids") = py::none(),
      py::arg("criteria") = py::none(), py::arg("normalization") = py::none(), py::arg("v") = 0.5, py::arg("rho") = 0.5,
      py::arg("lambda_") = 0.5);

  // ---- Sensitivity ----
  m.def(
      "monte_carlo",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::string& spec,
         const std::string& spec_name, std::size_t samples, std::uint64_t seed, int threads, double robust_share, int top_k,
         py::object progress) {
        const UncertaintySpec s = spec_of(spec, spec_name, *model);
        MonteCarloOptions o;
        o.samples = samples;
        o.seed = seed;
        o.robust_share = robust_share;
        o.top_k = top_k;
        return analyse(*model, *table, std::move(progress), threads, o,
                       [&](const Plan& p, const Table& t, const MonteCarloOptions& x) { return monte_carlo(p, t, s, x); });
      },
      py::arg("model"), py::arg("table"), py::arg("spec"), py::arg("spec_name") = "<spec>", py::arg("samples") = 1000,
      py::arg("seed") = 1, py::arg("threads") = 0, py::arg("robust_share") = 0.95, py::arg("top_k") = 10,
      py::arg("progress") = py::none());
  // The same analysis in shards: a range of samples evaluated (anywhere), and the analysis from
  // the gathered shards; identical to monte_carlo() for any split.
  auto mc_options = [](std::size_t samples, std::uint64_t seed, int threads, double robust_share, int top_k) {
    MonteCarloOptions o;
    o.samples = samples;
    o.seed = seed;
    o.threads = threads;
    o.robust_share = robust_share;
    o.top_k = top_k;
    return o;
  };
  m.def(
      "monte_carlo_samples",
      [mc_options](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::string& spec,
                   const std::string& spec_name, std::size_t samples, std::uint64_t seed, int threads, double robust_share,
                   int top_k, std::size_t first, std::size_t count) {
        const UncertaintySpec s = spec_of(spec, spec_name, *model);
        const MonteCarloOptions o = mc_options(samples, seed, threads, robust_share, top_k);
        return dict_of(without_gil([&] { return monte_carlo_samples(compile(*model, *table), *table, s, o, first, count); }));
      },
      py::arg("model"), py::arg("table"), py::arg("spec"), py::arg("spec_name"), py::arg("samples"), py::arg("seed"),
      py::arg("threads"), py::arg("robust_share"), py::arg("top_k"), py::arg("first"), py::arg("count"));
  m.def(
      "monte_carlo_gather",
      [mc_options](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::string& spec,
                   const std::string& spec_name, std::size_t samples, std::uint64_t seed, int threads, double robust_share,
                   int top_k, const std::vector<py::dict>& parts) {
        const UncertaintySpec s = spec_of(spec, spec_name, *model);
        const MonteCarloOptions o = mc_options(samples, seed, threads, robust_share, top_k);
        std::vector<MonteCarloShard> shards;
        for (const auto& d : parts) shards.push_back(mc_shard_of(d));
        return without_gil([&] { return monte_carlo(compile(*model, *table), *table, s, o, shards); });
      },
      py::arg("model"), py::arg("table"), py::arg("spec"), py::arg("spec_name"), py::arg("samples"), py::arg("seed"),
      py::arg("threads"), py::arg("robust_share"), py::arg("top_k"), py::arg("shards"));
  auto sobol_options = [](std::size_t base, std::uint64_t seed, int threads, int bootstrap, const std::vector<std::string>& units) {
    SobolAnalysisOptions o;
    o.base = base;
    o.seed = seed;
    o.threads = threads;
    o.bootstrap = bootstrap;
    o.units = units;
    return o;
  };
  m.def(
      "sobol_runs",
      [sobol_options](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::string& spec,
                      const std::string& spec_name, std::size_t base, std::uint64_t seed, int threads, int bootstrap,
                      const std::vector<std::string>& units, std::size_t first, std::size_t count) {
        const UncertaintySpec s = spec_of(spec, spec_name, *model);
        const SobolAnalysisOptions o = sobol_options(base, seed, threads, bootstrap, units);
        return dict_of(without_gil([&] { return sobol_runs(compile(*model, *table), *table, s, o, first, count); }));
      },
      py::arg("model"), py::arg("table"), py::arg("spec"), py::arg("spec_name"), py::arg("base"), py::arg("seed"),
      py::arg("threads"), py::arg("bootstrap"), py::arg("units"), py::arg("first"), py::arg("count"));
  m.def(
      "sobol_gather",
      [sobol_options](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::string& spec,
                      const std::string& spec_name, std::size_t base, std::uint64_t seed, int threads, int bootstrap,
                      const std::vector<std::string>& units, const std::vector<py::dict>& parts) {
        const UncertaintySpec s = spec_of(spec, spec_name, *model);
        const SobolAnalysisOptions o = sobol_options(base, seed, threads, bootstrap, units);
        std::vector<SobolShard> shards;
        for (const auto& d : parts) shards.push_back(sobol_shard_of(d));
        return without_gil([&] { return sobol_analysis(compile(*model, *table), *table, s, o, shards); });
      },
      py::arg("model"), py::arg("table"), py::arg("spec"), py::arg("spec_name"), py::arg("base"), py::arg("seed"),
      py::arg("threads"), py::arg("bootstrap"), py::arg("units"), py::arg("shards"));
  m.def(
      "sobol_analysis",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, const std::string& spec,
         const std::string& spec_name, std::size_t base, std::uint64_t seed, int threads, int bootstrap,
         const std::vector<std::string>& units, py::object progress) {
        const UncertaintySpec s = spec_of(spec, spec_name, *model);
        SobolAnalysisOptions o;
        o.base = base;
        o.seed = seed;
        o.bootstrap = bootstrap;
        o.units = units;
        return analyse(*model, *table, std::move(progress), threads, o,
                       [&](const Plan& p, const Table& t, const SobolAnalysisOptions& x) { return sobol_analysis(p, t, s, x); });
      },
      py::arg("model"), py::arg("table"), py::arg("spec"), py::arg("spec_name") = "<spec>", py::arg("base") = 1024,
      py::arg("seed") = 1, py::arg("threads") = 0, py::arg("bootstrap") = 200, py::arg("units") = std::vector<std::string>{},
      py::arg("progress") = py::none());
  m.def(
      "one_at_a_time",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, double low, double high, int steps,
         const std::string& rescale, int threads, py::object progress) {
        OatOptions o;
        o.low = low;
        o.high = high;
        o.steps = steps;
        o.rescale = parse<Rescale>("rescale", rescale);
        return analyse(*model, *table, std::move(progress), threads, o,
                       [](const Plan& p, const Table& t, const OatOptions& x) { return one_at_a_time(p, t, x); });
      },
      py::arg("model"), py::arg("table"), py::arg("low") = OatOptions{}.low, py::arg("high") = OatOptions{}.high,
      py::arg("steps") = OatOptions{}.steps, py::arg("rescale") = std::string(to_string(OatOptions{}.rescale)),
      py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "critical_changes",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table,
         const std::vector<std::pair<std::string, std::string>>& pairs, int top_k, const std::string& rescale, int threads,
         py::object progress) {
        CriticalOptions o;
        o.pairs = pairs;
        o.top_k = top_k;
        o.rescale = parse<Rescale>("rescale", rescale);
        return analyse(*model, *table, std::move(progress), threads, o,
                       [](const Plan& p, const Table& t, const CriticalOptions& x) { return critical_changes(p, t, x); });
      },
      py::arg("model"), py::arg("table"), py::arg("pairs") = std::vector<std::pair<std::string, std::string>>{},
      py::arg("top_k") = CriticalOptions{}.top_k, py::arg("rescale") = std::string(to_string(CriticalOptions{}.rescale)),
      py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "removal",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, bool groups, int threads,
         py::object progress) {
        RemovalOptions o;
        o.groups = groups;
        return analyse(*model, *table, std::move(progress), threads, o,
                       [](const Plan& p, const Table& t, const RemovalOptions& x) { return removal(p, t, x); });
      },
      py::arg("model"), py::arg("table"), py::arg("groups") = false, py::arg("threads") = 0, py::arg("progress") = py::none());
  // The same analyses of a decision matrix ranked by an evaluation method: `subject` holds the
  // matrix and its method (matrix_subject_of()).
  m.def(
      "monte_carlo_matrix",
      [](const py::dict& subject, const std::optional<std::string>& draw, double concentration, double percent,
         const std::vector<std::tuple<std::string, double, double>>& parameters, std::size_t samples, std::uint64_t seed,
         int threads, py::object progress) {
        const MatrixUncertainty u = matrix_uncertainty_of(draw, concentration, percent, parameters);
        MonteCarloOptions o;
        o.samples = samples;
        o.seed = seed;
        return analyse_matrix(subject, std::move(progress), threads, o, [&](const MatrixSubject& a, const MonteCarloOptions& x) {
          return monte_carlo(a.matrix, a.weights, a.method, u, x);
        });
      },
      py::arg("subject"), py::arg("draw") = py::none(), py::arg("concentration") = 100.0, py::arg("percent") = 10.0,
      py::arg("parameters") = std::vector<std::tuple<std::string, double, double>>{}, py::arg("samples") = 1000,
      py::arg("seed") = 1, py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "sobol_matrix",
      [](const py::dict& subject, const std::optional<std::string>& draw, double concentration, double percent,
         const std::vector<std::tuple<std::string, double, double>>& parameters, std::size_t base, std::uint64_t seed,
         int bootstrap, int threads, py::object progress) {
        const MatrixUncertainty u = matrix_uncertainty_of(draw, concentration, percent, parameters);
        SobolAnalysisOptions o;
        o.base = base;
        o.seed = seed;
        o.bootstrap = bootstrap;
        return analyse_matrix(subject, std::move(progress), threads, o, [&](const MatrixSubject& a, const SobolAnalysisOptions& x) {
          return sobol_analysis(a.matrix, a.weights, a.method, u, x);
        });
      },
      py::arg("subject"), py::arg("draw") = py::none(), py::arg("concentration") = 100.0, py::arg("percent") = 10.0,
      py::arg("parameters") = std::vector<std::tuple<std::string, double, double>>{}, py::arg("base") = 1024,
      py::arg("seed") = 1, py::arg("bootstrap") = 200, py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "one_at_a_time_matrix",
      [](const py::dict& subject, double low, double high, int steps, const std::string& rescale, int threads,
         py::object progress) {
        OatOptions o;
        o.low = low;
        o.high = high;
        o.steps = steps;
        o.rescale = parse<Rescale>("rescale", rescale);
        return analyse_matrix(subject, std::move(progress), threads, o, [](const MatrixSubject& a, const OatOptions& x) {
          return one_at_a_time(a.matrix, a.weights, a.method, x);
        });
      },
      py::arg("subject"), py::arg("low") = OatOptions{}.low, py::arg("high") = OatOptions{}.high,
      py::arg("steps") = OatOptions{}.steps, py::arg("rescale") = std::string(to_string(OatOptions{}.rescale)),
      py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "critical_changes_matrix",
      [](const py::dict& subject, const std::vector<std::pair<std::string, std::string>>& pairs, int top_k,
         const std::string& rescale, int threads, py::object progress) {
        CriticalOptions o;
        o.pairs = pairs;
        o.top_k = top_k;
        o.rescale = parse<Rescale>("rescale", rescale);
        return analyse_matrix(subject, std::move(progress), threads, o, [](const MatrixSubject& a, const CriticalOptions& x) {
          return critical_changes(a.matrix, a.weights, a.method, x);
        });
      },
      py::arg("subject"), py::arg("pairs") = std::vector<std::pair<std::string, std::string>>{},
      py::arg("top_k") = CriticalOptions{}.top_k, py::arg("rescale") = std::string(to_string(CriticalOptions{}.rescale)),
      py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "removal_matrix",
      [](const py::dict& subject, int threads, py::object progress) {
        return analyse_matrix(subject, std::move(progress), threads, RemovalOptions{},
                              [](const MatrixSubject& a, const RemovalOptions& x) { return removal(a.matrix, a.weights, a.method, x); });
      },
      py::arg("subject"), py::arg("threads") = 0, py::arg("progress") = py::none());
  m.def(
      "sobol_indices",
      [](const InVector& f_a, const InVector& f_b, const InMatrix& f_ab, int bootstrap, double confidence, std::uint64_t seed) {
        SobolOptions o;
        o.bootstrap = bootstrap;
        o.confidence = confidence;
        o.seed = seed;
        const Eigen::VectorXd a = vector_of(f_a, "f_a"), b = vector_of(f_b, "f_b");
        const Eigen::MatrixXd ab = matrix_of(f_ab, "f_ab");
        return without_gil([&] { return sobol_indices(a, b, ab, o); });
      },
      py::arg("f_a"), py::arg("f_b"), py::arg("f_ab"), py::arg("bootstrap") = SobolOptions{}.bootstrap,
      py::arg("confidence") = SobolOptions{}.confidence, py::arg("seed") = SobolOptions{}.seed);

  // ---- DEA, obstacle degrees ----
  m.def(
      "dea",
      [](const InMatrix& inputs, const InMatrix& outputs, const std::optional<std::vector<std::string>>& ids,
         const std::optional<std::vector<std::string>>& input_names, const std::optional<std::vector<std::string>>& output_names,
         const std::string& model, const std::string& orientation, bool super_efficiency, int threads) {
        const Eigen::MatrixXd x = matrix_of(inputs, "inputs"), y = matrix_of(outputs, "outputs");
        DeaOptions o;
        o.model = parse<DeaModel>("model", model);
        o.orientation = parse<DeaOrientation>("orientation", orientation);
        o.super_efficiency = super_efficiency;
        o.threads = threads;
        const auto n = static_cast<std::size_t>(x.rows());
        const auto u = default_names(ids, n, "unit ", "ids");
        const auto in = default_names(input_names, static_cast<std::size_t>(x.cols()), "input ", "input_names");
        const auto out = default_names(output_names, static_cast<std::size_t>(y.cols()), "output ", "output_names");
        return without_gil([&] { return dea(x, y, u, in, out, o); });
      },
      py::arg("inputs"), py::arg("outputs"), py::arg("ids") = py::none(), py::arg("input_names") = py::none(),
      py::arg("output_names") = py::none(), py::arg("model") = "ccr", py::arg("orientation") = "input",
      py::arg("super_efficiency") = false, py::arg("threads") = 0);
  m.def(
      "malmquist",
      [](const InMatrix& inputs0, const InMatrix& outputs0, const InMatrix& inputs1, const InMatrix& outputs1,
         const std::optional<std::vector<std::string>>& ids, int threads) {
        const Eigen::MatrixXd x0 = matrix_of(inputs0, "inputs0"), y0 = matrix_of(outputs0, "outputs0");
        const Eigen::MatrixXd x1 = matrix_of(inputs1, "inputs1"), y1 = matrix_of(outputs1, "outputs1");
        MalmquistOptions o;
        o.threads = threads;
        const auto u = default_names(ids, static_cast<std::size_t>(x0.rows()), "unit ", "ids");
        return without_gil([&] { return malmquist(x0, y0, x1, y1, u, o); });
      },
      py::arg("inputs0"), py::arg("outputs0"), py::arg("inputs1"), py::arg("outputs1"), py::arg("ids") = py::none(),
      py::arg("threads") = 0);
  m.def("obstacle_degrees", [](const std::shared_ptr<Result>& r) { return obstacle_degrees(r->r); });
  m.def(
      "combine_weights",
      [](const std::vector<InVector>& sets, const std::vector<std::string>& names, const std::string& method, double alpha) {
        std::vector<Eigen::VectorXd> v;
        for (const auto& x : sets) v.push_back(vector_of(x, "sets"));
        CombineOptions o;
        o.method = parse<CombineMethod>("method", method);
        o.alpha = alpha;
        return combine_weights(v, names, o);
      },
      py::arg("sets"), py::arg("names"), py::arg("method") = "linear", py::arg("alpha") = 0.5);

  m.def(
      "fuzzy_evaluate",
      [](const std::vector<InMatrix>& memberships, const std::optional<std::vector<std::string>>& ids, const InVector& weights,
         const std::vector<std::string>& grades, const std::optional<InVector>& grade_scores, const std::string& op) {
        std::vector<Eigen::MatrixXd> ms;
        for (const auto& x : memberships) ms.push_back(matrix_of(x, "memberships"));
        const std::size_t n = ms.size();  // one criteria x grades matrix per unit
        FuzzyOptions o;
        o.grades = grades;
        if (grade_scores) o.grade_scores = vector_of(*grade_scores, "grade_scores");
        o.op = parse<FuzzyOperator>("operator", op);
        return fuzzy_evaluate(ms, default_names(ids, n, "unit ", "ids"), vector_of(weights, "weights"), o);
      },
      py::arg("memberships"), py::arg("ids"), py::arg("weights"), py::arg("grades"), py::arg("grade_scores") = py::none(),
      py::arg("op") = "weighted");
  m.def("membership_from_votes", [](const InMatrix& votes) { return membership_from_votes(matrix_of(votes, "votes")); });
  m.def("membership_from_values", [](const InMatrix& x, const std::vector<InVector>& centers) {
    std::vector<Eigen::VectorXd> c;
    for (const auto& v : centers) c.push_back(vector_of(v, "centers"));
    return membership_from_values(matrix_of(x, "x"), c);
  });

  // ---- Validation, import, files ----
  m.def("read_model", [](const std::string& path) {
    IndicatorModel model;
    const std::vector<Diagnostic> d = read_model(path, &model);
    return diagnostics_of(d);
  });
  m.def("check_data", [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table) {
    return diagnostics_of(check_data(*model, *table));
  });
  m.def("import_coinr", [](const std::string& path) { return std::make_shared<IndicatorModel>(import_coinr(path)); });
  m.def("write_file_atomic", [](const std::string& path, const std::string& text) {
    without_gil([&] { write_file_atomic(path, text); });
  });

  // ---- Indicator sets ----
  m.def(
      "compare",
      [](const std::shared_ptr<Result>& a, const std::string& label_a, const std::shared_ptr<Result>& b, const std::string& label_b,
         int top_k, int bootstrap, double confidence, std::uint64_t seed) {
        CompareOptions o;
        o.top_k = top_k;
        o.bootstrap = bootstrap;
        o.confidence = confidence;
        o.seed = seed;
        return without_gil([&] { return compare(a->r, label_a, b->r, label_b, o); });
      },
      py::arg("a"), py::arg("label_a"), py::arg("b"), py::arg("label_b"), py::arg("top_k") = CompareOptions{}.top_k,
      py::arg("bootstrap") = CompareOptions{}.bootstrap, py::arg("confidence") = CompareOptions{}.confidence,
      py::arg("seed") = CompareOptions{}.seed);
  m.def(
      "flatten",
      [](const std::shared_ptr<IndicatorModel>& model, const std::optional<std::string>& language) {
        return flatten(*model, language ? std::optional<Language>(parse<Language>("language", *language)) : std::nullopt);
      },
      py::arg("model"), py::arg("language") = py::none());
  m.def("flatten_result", [](const std::shared_ptr<Result>& result) { return flatten(result->r); });
  m.def("without_indicators", [](const std::shared_ptr<IndicatorModel>& model, const std::vector<std::string>& ids) {
    return std::make_shared<IndicatorModel>(without_indicators(*model, ids));
  });
  m.def(
      "redundancy",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, double threshold, bool with_removal,
         int threads) {
        RedundancyOptions o;
        o.threshold = threshold;
        o.removal = with_removal;
        o.threads = threads;
        return without_gil([&] { return redundancy(compile(*model, *table), *table, o); });
      },
      py::arg("model"), py::arg("table"), py::arg("threshold") = RedundancyOptions{}.threshold,
      py::arg("removal") = RedundancyOptions{}.removal, py::arg("threads") = 0);
  m.def(
      "reduce",
      [](const std::shared_ptr<IndicatorModel>& model, const std::shared_ptr<Table>& table, double min_tau_b,
         double min_grade_agreement, const std::vector<std::string>& pinned, const std::string& search, int beam_width,
         const std::string& weights, int folds, std::uint64_t seed, const std::shared_ptr<Table>& holdout, int threads) {
        ReduceOptions o;
        o.min_tau_b = min_tau_b;
        o.min_grade_agreement = min_grade_agreement;
        o.pinned = pinned;
        o.search = parse<ReduceSearch>("search", search);
        o.beam_width = beam_width;
        o.weights = parse<ReduceWeights>("weights", weights);
        o.folds = folds;
        o.seed = seed;
        o.threads = threads;
        return without_gil([&] {
          const Plan plan = compile(*model, *table);
          return holdout ? reduce(plan, *table, *holdout, o) : reduce(plan, *table, o);
        });
      },
      py::arg("model"), py::arg("table"), py::arg("min_tau_b") = ReduceOptions{}.min_tau_b,
      py::arg("min_grade_agreement") = ReduceOptions{}.min_grade_agreement, py::arg("pinned") = std::vector<std::string>{},
      py::arg("search") = "auto", py::arg("beam_width") = ReduceOptions{}.beam_width, py::arg("weights") = "renormalise",
      py::arg("folds") = ReduceOptions{}.folds, py::arg("seed") = ReduceOptions{}.seed, py::arg("holdout") = nullptr,
      py::arg("threads") = 0);
}

}  // namespace staffeval::python

PYBIND11_MODULE(_staffeval, m) { staffeval::python::define_module(m); }
