// The result types of the analyses as Python classes: every field read-only under its C++ name
// (Eigen members as NumPy views that keep the result alive; models as copies that can be scored),
// with their reports.
#include "bindings.h"

namespace staffeval::python {

namespace {

// The outputs the command line writes, as text: to_json() and, where the library has one,
// to_csv() (docs/cli.md describes both).
template <class T, class Class>
void add_json(Class& cls) {
  cls.def("to_json", [](const T& x, int indent) { return to_json(x, indent); }, py::arg("indent") = 2);
}
template <class T, class Class>
void add_csv(Class& cls) {
  cls.def("to_csv", [](const T& x, bool excel_bom) {
    CsvOptions o;
    o.excel_bom = excel_bom;
    return to_csv(x, o);
  }, py::arg("excel_bom") = false);
}

// `language`: "zh" or "en", the language of the result's reports and tables; setting it
// switches them (warnings and notes keep the language they were composed in).
template <class T, class Class>
void add_language(Class& cls) {
  cls.def_property(
      "language", [](const T& x) { return std::string(to_string(x.language)); },
      [](T& x, const std::string& v) {
        const auto l = parse_language(v);
        if (!l) throw py::value_error("language: \"" + v + "\" is not zh or en");
        x.language = *l;
      });
}

}  // namespace

void bind_results(py::module_& m) {
  py::class_<Interval>(m, "Interval")
      .def_readonly("low", &Interval::low)
      .def_readonly("high", &Interval::high)
      .def("__repr__", [](const Interval& i) { return "Interval(" + std::to_string(i.low) + ", " + std::to_string(i.high) + ")"; });
  py::class_<SobolIndices>(m, "SobolIndices")
      .def_readonly("first", &SobolIndices::first)
      .def_readonly("first_jansen", &SobolIndices::first_jansen)
      .def_readonly("total", &SobolIndices::total)
      .def_readonly("first_low", &SobolIndices::first_low)
      .def_readonly("first_high", &SobolIndices::first_high)
      .def_readonly("first_jansen_low", &SobolIndices::first_jansen_low)
      .def_readonly("first_jansen_high", &SobolIndices::first_jansen_high)
      .def_readonly("total_low", &SobolIndices::total_low)
      .def_readonly("total_high", &SobolIndices::total_high)
      .def_readonly("variance", &SobolIndices::variance)
      .def_readonly("mean", &SobolIndices::mean)
      .def_readonly("base_samples", &SobolIndices::base_samples)
      .def_readonly("constant", &SobolIndices::constant);
  py::class_<ChoiceEffect>(m, "ChoiceEffect")
      .def_readonly("choice", &ChoiceEffect::choice)
      .def_readonly("alternatives", &ChoiceEffect::alternatives)
      .def_readonly("samples", &ChoiceEffect::samples)
      .def_readonly("mean_abs_rank_shift", &ChoiceEffect::mean_abs_rank_shift)
      .def_readonly("grade_change_share", &ChoiceEffect::grade_change_share);
  py::class_<MonteCarloResult>(m, "MonteCarloResult")
      .def_readonly("unit_ids", &MonteCarloResult::unit_ids)
      .def_readonly("unit_names", &MonteCarloResult::unit_names)
      .def_readonly("grade_names", &MonteCarloResult::grade_names)
      .def_readonly("samples", &MonteCarloResult::samples)
      .def_readonly("linear", &MonteCarloResult::linear)
      .def_readonly("not_linear", &MonteCarloResult::not_linear)
      .def_readonly("top_k", &MonteCarloResult::top_k)
      .def_readonly("robust_threshold", &MonteCarloResult::robust_threshold)
      .def_readonly("edge_samples", &MonteCarloResult::edge_samples)
      .def_readonly("edge_labels", &MonteCarloResult::edge_labels)
      .def_readonly("nominal_score", &MonteCarloResult::nominal_score)
      .def_readonly("nominal_rank", &MonteCarloResult::nominal_rank)
      .def_readonly("nominal_grade", &MonteCarloResult::nominal_grade)
      .def_readonly("score_mean", &MonteCarloResult::score_mean)
      .def_readonly("score_median", &MonteCarloResult::score_median)
      .def_readonly("score_p5", &MonteCarloResult::score_p5)
      .def_readonly("score_p95", &MonteCarloResult::score_p95)
      .def_readonly("rank_mean", &MonteCarloResult::rank_mean)
      .def_readonly("rank_median", &MonteCarloResult::rank_median)
      .def_readonly("rank_p5", &MonteCarloResult::rank_p5)
      .def_readonly("rank_p95", &MonteCarloResult::rank_p95)
      .def_readonly("top_k_probability", &MonteCarloResult::top_k_probability)
      .def_readonly("grade_probability", &MonteCarloResult::grade_probability)
      .def_readonly("rank_acceptability", &MonteCarloResult::rank_acceptability)
      .def_readonly("grade_stability", &MonteCarloResult::grade_stability)
      .def_readonly("first_units", &MonteCarloResult::first_units)
      .def_readonly("central_weights", &MonteCarloResult::central_weights)
      .def_readonly("mean_abs_rank_shift", &MonteCarloResult::mean_abs_rank_shift)
      .def_readonly("robust_share", &MonteCarloResult::robust_share)
      .def_readonly("fragile", &MonteCarloResult::fragile)
      .def_readonly("choices", &MonteCarloResult::choices)
      .def_readonly("warnings", &MonteCarloResult::warnings)
      .def("brief_report", &MonteCarloResult::brief_report)
      .def("full_report", &MonteCarloResult::full_report);
  py::class_<SobolAnalysisResult>(m, "SobolAnalysisResult")
      .def_readonly("unit_ids", &SobolAnalysisResult::unit_ids)
      .def_readonly("unit_names", &SobolAnalysisResult::unit_names)
      .def_readonly("inputs", &SobolAnalysisResult::inputs)
      .def_readonly("input_edges", &SobolAnalysisResult::input_edges)
      .def_readonly("base", &SobolAnalysisResult::base)
      .def_readonly("runs", &SobolAnalysisResult::runs)
      .def_readonly("linear", &SobolAnalysisResult::linear)
      .def_readonly("not_linear", &SobolAnalysisResult::not_linear)
      .def_readonly("nominal_score", &SobolAnalysisResult::nominal_score)
      .def_readonly("nominal_rank", &SobolAnalysisResult::nominal_rank)
      .def_readonly("rank_shift", &SobolAnalysisResult::rank_shift)
      .def_readonly("units", &SobolAnalysisResult::units)
      .def_readonly("score", &SobolAnalysisResult::score)
      .def_readonly("rank", &SobolAnalysisResult::rank)
      .def("brief_report", &SobolAnalysisResult::brief_report)
      .def("full_report", &SobolAnalysisResult::full_report);
  py::class_<OatResult>(m, "OatResult")
      .def_readonly("unit_ids", &OatResult::unit_ids)
      .def_readonly("grade_names", &OatResult::grade_names)
      .def_readonly("edge_labels", &OatResult::edge_labels)
      .def_readonly("changes", &OatResult::changes)
      .def_readonly("nominal_score", &OatResult::nominal_score)
      .def_readonly("nominal_rank", &OatResult::nominal_rank)
      .def_readonly("nominal_grade", &OatResult::nominal_grade)
      .def_readonly("score", &OatResult::score)
      .def_readonly("rank", &OatResult::rank)
      .def_readonly("grade", &OatResult::grade)
      .def_readonly("mean_abs_rank_shift", &OatResult::mean_abs_rank_shift)
      .def_readonly("grade_changes", &OatResult::grade_changes)
      .def_readonly("deciding_edge", &OatResult::deciding_edge)
      .def_readonly("deciding_change", &OatResult::deciding_change)
      .def("brief_report", &OatResult::brief_report)
      .def("full_report", &OatResult::full_report);
  py::class_<CriticalPair>(m, "CriticalPair")
      .def_readonly("down", &CriticalPair::down)
      .def_readonly("up", &CriticalPair::up);
  py::class_<CriticalResult>(m, "CriticalResult")
      .def_readonly("unit_ids", &CriticalResult::unit_ids)
      .def_readonly("unit_names", &CriticalResult::unit_names)
      .def_readonly("grade_names", &CriticalResult::grade_names)
      .def_readonly("edge_labels", &CriticalResult::edge_labels)
      .def_readonly("exact", &CriticalResult::exact)
      .def_readonly("not_linear", &CriticalResult::not_linear)
      .def_property_readonly("rescale", [](const CriticalResult& x) { return std::string(to_string(x.rescale)); })
      .def_readonly("top_k", &CriticalResult::top_k)
      .def_readonly("nominal_score", &CriticalResult::nominal_score)
      .def_readonly("nominal_rank", &CriticalResult::nominal_rank)
      .def_readonly("nominal_grade", &CriticalResult::nominal_grade)
      .def_readonly("range_low", &CriticalResult::range_low)
      .def_readonly("range_high", &CriticalResult::range_high)
      .def_readonly("grade_down", &CriticalResult::grade_down)
      .def_readonly("grade_up", &CriticalResult::grade_up)
      .def_readonly("grade_to_down", &CriticalResult::grade_to_down)
      .def_readonly("grade_to_up", &CriticalResult::grade_to_up)
      .def_readonly("deciding_edge", &CriticalResult::deciding_edge)
      .def_readonly("deciding_change", &CriticalResult::deciding_change)
      .def_readonly("top_k_change", &CriticalResult::top_k_change)
      .def_readonly("pairs", &CriticalResult::pairs)
      .def_readonly("pair_swap", &CriticalResult::pair_swap)
      .def("brief_report", &CriticalResult::brief_report)
      .def("full_report", &CriticalResult::full_report);
  py::class_<RemovalResult>(m, "RemovalResult")
      .def_readonly("unit_ids", &RemovalResult::unit_ids)
      .def_readonly("unit_names", &RemovalResult::unit_names)
      .def_readonly("grade_names", &RemovalResult::grade_names)
      .def_readonly("removed", &RemovalResult::removed)
      .def_readonly("removed_names", &RemovalResult::removed_names)
      .def_readonly("nominal_score", &RemovalResult::nominal_score)
      .def_readonly("nominal_rank", &RemovalResult::nominal_rank)
      .def_readonly("nominal_grade", &RemovalResult::nominal_grade)
      .def_readonly("score", &RemovalResult::score)
      .def_readonly("rank", &RemovalResult::rank)
      .def_readonly("grade", &RemovalResult::grade)
      .def_readonly("mean_abs_rank_shift", &RemovalResult::mean_abs_rank_shift)
      .def_readonly("max_abs_rank_shift", &RemovalResult::max_abs_rank_shift)
      .def_readonly("grade_changes", &RemovalResult::grade_changes)
      .def("brief_report", &RemovalResult::brief_report)
      .def("full_report", &RemovalResult::full_report);
  py::class_<Burden>(m, "Burden")
      .def_readonly("indicators", &Burden::indicators)
      .def_readonly("fields", &Burden::fields)
      .def_readonly("minutes_per_unit", &Burden::minutes_per_unit)
      .def_readonly("uncosted", &Burden::uncosted)
      .def_readonly("indicator_ids", &Burden::indicator_ids)
      .def_readonly("indicator_fields", &Burden::indicator_fields);
  py::class_<Comparison::Match>(m, "Match")
      .def_readonly("a", &Comparison::Match::a)
      .def_readonly("b", &Comparison::Match::b)
      .def_readonly("shared_fields", &Comparison::Match::shared_fields);
  py::class_<Comparison>(m, "Comparison")
      .def_readonly("label_a", &Comparison::label_a)
      .def_readonly("label_b", &Comparison::label_b)
      .def_readonly("unit_ids", &Comparison::unit_ids)
      .def_readonly("only_a", &Comparison::only_a)
      .def_readonly("only_b", &Comparison::only_b)
      .def_readonly("rank_a", &Comparison::rank_a)
      .def_readonly("rank_b", &Comparison::rank_b)
      .def_readonly("spearman", &Comparison::spearman)
      .def_readonly("kendall_tau_a", &Comparison::kendall_tau_a)
      .def_readonly("kendall_tau_b", &Comparison::kendall_tau_b)
      .def_readonly("gamma", &Comparison::gamma)
      .def_readonly("weighted_rank", &Comparison::weighted_rank)
      .def_readonly("ws", &Comparison::ws)
      .def_readonly("spearman_interval", &Comparison::spearman_interval)
      .def_readonly("tau_b_interval", &Comparison::tau_b_interval)
      .def_readonly("kappa_interval", &Comparison::kappa_interval)
      .def_readonly("kappa_linear_interval", &Comparison::kappa_linear_interval)
      .def_readonly("top_k", &Comparison::top_k)
      .def_readonly("top_k_common", &Comparison::top_k_common)
      .def_readonly("top_k_overlap", &Comparison::top_k_overlap)
      .def_readonly("mean_abs_rank_shift", &Comparison::mean_abs_rank_shift)
      .def_readonly("max_abs_rank_shift", &Comparison::max_abs_rank_shift)
      .def_readonly("grade_names", &Comparison::grade_names)
      .def_readonly("grade_table", &Comparison::grade_table)
      .def_readonly("grade_agreement", &Comparison::grade_agreement)
      .def_readonly("kappa", &Comparison::kappa)
      .def_readonly("kappa_linear", &Comparison::kappa_linear)
      .def_readonly("grade_changes", &Comparison::grade_changes)
      .def_readonly("grade_a", &Comparison::grade_a)
      .def_readonly("grade_b", &Comparison::grade_b)
      .def_readonly("has_burden", &Comparison::has_burden)
      .def_readonly("burden_a", &Comparison::burden_a)
      .def_readonly("burden_b", &Comparison::burden_b)
      .def_readonly("correspondence", &Comparison::correspondence)
      .def_readonly("correspondence_from", &Comparison::correspondence_from)
      .def_readonly("unmatched_a", &Comparison::unmatched_a)
      .def_readonly("unmatched_b", &Comparison::unmatched_b)
      .def("brief_report", &Comparison::brief_report)
      .def("full_report", &Comparison::full_report);
  py::class_<RedundancyResult::Pair>(m, "CorrelatedPair")
      .def_readonly("a", &RedundancyResult::Pair::a)
      .def_readonly("b", &RedundancyResult::Pair::b)
      .def_readonly("pearson", &RedundancyResult::Pair::pearson)
      .def_readonly("spearman", &RedundancyResult::Pair::spearman);
  py::class_<RedundancyResult::GroupAlpha>(m, "GroupAlpha")
      .def_readonly("group", &RedundancyResult::GroupAlpha::group)
      .def_readonly("items", &RedundancyResult::GroupAlpha::items)
      .def_readonly("units", &RedundancyResult::GroupAlpha::units)
      .def_readonly("alpha", &RedundancyResult::GroupAlpha::alpha)
      .def_readonly("alpha_if_dropped", &RedundancyResult::GroupAlpha::alpha_if_dropped);
  py::class_<RedundancyResult>(m, "RedundancyResult")
      .def_readonly("indicators", &RedundancyResult::indicators)
      .def_readonly("names", &RedundancyResult::names)
      .def_readonly("pearson", &RedundancyResult::pearson)
      .def_readonly("spearman", &RedundancyResult::spearman)
      .def_readonly("flagged", &RedundancyResult::flagged)
      .def_readonly("alphas", &RedundancyResult::alphas)
      .def_readonly("explained", &RedundancyResult::explained)
      .def_readonly("sd", &RedundancyResult::sd)
      .def_readonly("full_share", &RedundancyResult::full_share)
      .def_readonly("weak", &RedundancyResult::weak)
      .def_readonly("removal", &RedundancyResult::removal)
      .def_readonly("has_removal", &RedundancyResult::has_removal)
      .def_readonly("threshold", &RedundancyResult::threshold)
      .def("brief_report", &RedundancyResult::brief_report)
      .def("full_report", &RedundancyResult::full_report);
  py::class_<FlattenResult>(m, "FlattenResult")
      .def_property_readonly("model", [](const FlattenResult& x) { return std::make_shared<IndicatorModel>(x.model); })
      .def_readonly("indicators", &FlattenResult::indicators)
      .def_readonly("weights", &FlattenResult::weights)
      .def_readonly("exact", &FlattenResult::exact)
      .def_readonly("notes", &FlattenResult::notes)
      .def("brief_report", &FlattenResult::brief_report)
      .def("full_report", &FlattenResult::full_report);
  py::class_<ReducedSet>(m, "ReducedSet")
      .def_readonly("indicators", &ReducedSet::indicators)
      .def_readonly("tau_b", &ReducedSet::tau_b)
      .def_readonly("grade_agreement", &ReducedSet::grade_agreement)
      .def_readonly("minutes_per_unit", &ReducedSet::minutes_per_unit)
      .def_readonly("fields", &ReducedSet::fields)
      .def_readonly("rejected", &ReducedSet::rejected);
  py::class_<ReduceResult>(m, "ReduceResult")
      .def_readonly("reference", &ReduceResult::reference)
      .def_readonly("trajectory", &ReduceResult::trajectory)
      .def_readonly("removed", &ReduceResult::removed)
      .def_readonly("found", &ReduceResult::found)
      .def_readonly("chosen", &ReduceResult::chosen)
      .def_readonly("evaluated", &ReduceResult::evaluated)
      .def_readonly("search", &ReduceResult::search)
      .def_readonly("fold_tau_b", &ReduceResult::fold_tau_b)
      .def_readonly("fold_grade_agreement", &ReduceResult::fold_grade_agreement)
      .def_readonly("cv_tau_b", &ReduceResult::cv_tau_b)
      .def_readonly("cv_grade_agreement", &ReduceResult::cv_grade_agreement)
      .def_property_readonly("weights", [](const ReduceResult& x) { return std::string(to_string(x.weights)); })
      .def_property_readonly("model", [](const ReduceResult& x) { return std::make_shared<IndicatorModel>(x.model); })
      .def_property_readonly("pruned", [](const ReduceResult& x) { return std::make_shared<IndicatorModel>(x.pruned); })
      .def_readonly("rejected", &ReduceResult::rejected)
      .def_readonly("first_rejection", &ReduceResult::first_rejection)
      .def_readonly("notes", &ReduceResult::notes)
      .def_readonly("min_tau_b", &ReduceResult::min_tau_b)
      .def_readonly("min_grade_agreement", &ReduceResult::min_grade_agreement)
      .def_readonly("has_holdout", &ReduceResult::has_holdout)
      .def_readonly("holdout_file", &ReduceResult::holdout_file)
      .def_readonly("holdout_tau_b", &ReduceResult::holdout_tau_b)
      .def_readonly("holdout_grade_agreement", &ReduceResult::holdout_grade_agreement)
      .def("brief_report", &ReduceResult::brief_report)
      .def("full_report", &ReduceResult::full_report);
  py::class_<JudgmentDiagnostic>(m, "JudgmentDiagnostic")
      .def_readonly("row", &JudgmentDiagnostic::row)
      .def_readonly("col", &JudgmentDiagnostic::col)
      .def_readonly("value", &JudgmentDiagnostic::value)
      .def_readonly("consistent", &JudgmentDiagnostic::consistent)
      .def_readonly("ci_share", &JudgmentDiagnostic::ci_share);
  py::class_<RevisionStep>(m, "RevisionStep")
      .def_readonly("row", &RevisionStep::row)
      .def_readonly("col", &RevisionStep::col)
      .def_readonly("from", &RevisionStep::from)
      .def_readonly("to", &RevisionStep::to)
      .def_readonly("cr_after", &RevisionStep::cr_after);
  py::class_<AhpResult>(m, "AhpResult")
      .def_readonly("names", &AhpResult::names)
      .def_readonly("weights", &AhpResult::weights)
      .def_readonly("matrix", &AhpResult::matrix)
      .def_readonly("completed", &AhpResult::completed)
      .def_property_readonly("priority", [](const AhpResult& x) { return std::string(to_string(x.priority)); })
      .def_property_readonly("random_index_table", [](const AhpResult& x) { return std::string(to_string(x.random_index_table)); })
      .def_property_readonly("completion", [](const AhpResult& x) { return std::string(to_string(x.completion)); })
      .def_readonly("lambda_max", &AhpResult::lambda_max)
      .def_readonly("ci", &AhpResult::ci)
      .def_readonly("ri", &AhpResult::ri)
      .def_readonly("cr", &AhpResult::cr)
      .def_readonly("threshold", &AhpResult::threshold)
      .def_readonly("consistent", &AhpResult::consistent)
      .def_readonly("ri_source", &AhpResult::ri_source)
      .def_readonly("inconsistent", &AhpResult::inconsistent)
      .def_readonly("revision", &AhpResult::revision)
      .def_readonly("warnings", &AhpResult::warnings)
      .def("brief_report", &AhpResult::brief_report)
      .def("full_report", &AhpResult::full_report);
  py::class_<PanelResult>(m, "PanelResult")
      .def_readonly("combined", &PanelResult::combined)
      .def_readonly("experts", &PanelResult::experts)
      .def_readonly("expert_names", &PanelResult::expert_names)
      .def_readonly("expert_weights", &PanelResult::expert_weights)
      .def_property_readonly("aggregation", [](const PanelResult& x) { return std::string(to_string(x.aggregation)); })
      .def_property_readonly("aip_mean", [](const PanelResult& x) { return std::string(to_string(x.aip_mean)); })
      .def_readonly("warnings", &PanelResult::warnings)
      .def("brief_report", &PanelResult::brief_report)
      .def("full_report", &PanelResult::full_report);
  py::class_<WeightResult>(m, "WeightResult")
      .def_readonly("method", &WeightResult::method)
      .def_readonly("names", &WeightResult::names)
      .def_readonly("weights", &WeightResult::weights)
      .def_readonly("diagnostics", &WeightResult::diagnostics)
      .def_readonly("figures", &WeightResult::figures)
      .def_readonly("basis", &WeightResult::basis)
      .def_readonly("costs_reversed", &WeightResult::costs_reversed)
      .def_readonly("units", &WeightResult::units)
      .def_readonly("warnings", &WeightResult::warnings)
      .def("brief_report", &WeightResult::brief_report)
      .def("full_report", &WeightResult::full_report);
  py::class_<MethodResult>(m, "MethodResult")
      .def_property_readonly("kind", [](const MethodResult& x) { return std::string(to_string(x.kind)); })
      .def_readonly("method", &MethodResult::method)
      .def_readonly("normalization", &MethodResult::normalization)
      .def_readonly("parameters", &MethodResult::parameters)
      .def_readonly("figures", &MethodResult::figures)
      .def_readonly("unit_ids", &MethodResult::unit_ids)
      .def_readonly("criteria", &MethodResult::criteria)
      .def_readonly("score", &MethodResult::score)
      .def_readonly("lower_is_better", &MethodResult::lower_is_better)
      .def_readonly("share", &MethodResult::share)
      .def_readonly("share_of", &MethodResult::share_of)
      .def_readonly("rank", &MethodResult::rank)
      .def_readonly("intermediates", &MethodResult::intermediates)
      .def_readonly("compromise", &MethodResult::compromise)
      .def_readonly("acceptable_advantage", &MethodResult::acceptable_advantage)
      .def_readonly("acceptable_stability", &MethodResult::acceptable_stability)
      .def_readonly("warnings", &MethodResult::warnings)
      .def("brief_report", &MethodResult::brief_report)
      .def("full_report", &MethodResult::full_report);
  py::class_<GroupWeights>(m, "GroupWeights")
      .def_readonly("group", &GroupWeights::group)
      .def_readonly("method", &GroupWeights::method)
      .def_readonly("children", &GroupWeights::children)
      .def_readonly("weights", &GroupWeights::weights)
      .def_readonly("cr", &GroupWeights::cr)
      .def_readonly("consistent", &GroupWeights::consistent)
      .def_readonly("report", &GroupWeights::report)
      .def_readonly("warnings", &GroupWeights::warnings);
  py::class_<ModelWeights>(m, "ModelWeights")
      .def_readonly("node_ids", &ModelWeights::node_ids)
      .def_readonly("depth", &ModelWeights::depth)
      .def_readonly("is_group", &ModelWeights::is_group)
      .def_readonly("local", &ModelWeights::local)
      .def_readonly("global", &ModelWeights::global)
      .def_readonly("points", &ModelWeights::points)
      .def_readonly("groups", &ModelWeights::groups)
      .def_readonly("warnings", &ModelWeights::warnings)
      .def("brief_report", &ModelWeights::brief_report)
      .def("full_report", &ModelWeights::full_report);

  py::class_<DeaResult> dea(m, "DeaResult");
  dea
      .def_readonly("unit_ids", &DeaResult::unit_ids)
      .def_readonly("inputs", &DeaResult::inputs)
      .def_readonly("outputs", &DeaResult::outputs)
      .def_property_readonly("model", [](const DeaResult& x) { return std::string(to_string(x.model)); })
      .def_property_readonly("orientation", [](const DeaResult& x) { return std::string(to_string(x.orientation)); })
      .def_readonly("efficiency", &DeaResult::efficiency)
      .def_readonly("theta", &DeaResult::theta)
      .def_readonly("phi", &DeaResult::phi)
      .def_readonly("ccr", &DeaResult::ccr)
      .def_readonly("bcc", &DeaResult::bcc)
      .def_readonly("scale_efficiency", &DeaResult::scale_efficiency)
      .def_readonly("returns_to_scale", &DeaResult::returns_to_scale)
      .def_readonly("input_slacks", &DeaResult::input_slacks)
      .def_readonly("output_slacks", &DeaResult::output_slacks)
      .def_readonly("input_targets", &DeaResult::input_targets)
      .def_readonly("output_targets", &DeaResult::output_targets)
      .def_readonly("input_excess", &DeaResult::input_excess)
      .def_readonly("output_shortfall", &DeaResult::output_shortfall)
      .def_readonly("lambdas", &DeaResult::lambdas)
      .def_readonly("super_efficiency", &DeaResult::super_efficiency)
      .def_readonly("super", &DeaResult::super)
      .def_readonly("rank", &DeaResult::rank)
      .def_readonly("warnings", &DeaResult::warnings);
  py::class_<MalmquistResult> malmquist(m, "MalmquistResult");
  malmquist
      .def_readonly("unit_ids", &MalmquistResult::unit_ids)
      .def_readonly("malmquist", &MalmquistResult::malmquist)
      .def_readonly("efficiency_change", &MalmquistResult::efficiency_change)
      .def_readonly("technical_change", &MalmquistResult::technical_change)
      .def_readonly("d00", &MalmquistResult::d00)
      .def_readonly("d01", &MalmquistResult::d01)
      .def_readonly("d10", &MalmquistResult::d10)
      .def_readonly("d11", &MalmquistResult::d11)
      .def_readonly("warnings", &MalmquistResult::warnings);
  py::class_<ObstacleResult> obstacle(m, "ObstacleResult");
  obstacle
      .def_readonly("unit_ids", &ObstacleResult::unit_ids)
      .def_readonly("indicators", &ObstacleResult::indicators)
      .def_readonly("indicator_names", &ObstacleResult::indicator_names)
      .def_readonly("score", &ObstacleResult::score)
      .def_readonly("rank", &ObstacleResult::rank)
      .def_readonly("degree", &ObstacleResult::degree)
      .def_readonly("lost_points", &ObstacleResult::lost_points);

  dea.def("brief_report", &DeaResult::brief_report).def("full_report", &DeaResult::full_report);
  malmquist.def("brief_report", &MalmquistResult::brief_report).def("full_report", &MalmquistResult::full_report);
  obstacle.def("brief_report", &ObstacleResult::brief_report)
      .def("full_report", &ObstacleResult::full_report, py::arg("top") = 3)
      .def("top", &ObstacleResult::top, py::arg("unit"), py::arg("top") = 3)
      .def("to_json", [](const ObstacleResult& x, std::size_t top, int indent) { return to_json(x, top, indent); },
           py::arg("top") = 3, py::arg("indent") = 2)
      .def("to_csv", [](const ObstacleResult& x, std::size_t top) { return to_csv(x, top); }, py::arg("top") = 3);
  // Their outputs as the command line writes them.
  auto existing = [&m](const char* name) { return m.attr(name); };
  {
    auto cls = py::reinterpret_borrow<py::class_<AhpResult>>(existing("AhpResult"));
    add_json<AhpResult>(cls);
    add_language<AhpResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<PanelResult>>(existing("PanelResult"));
    add_json<PanelResult>(cls);
    add_language<PanelResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<WeightResult>>(existing("WeightResult"));
    add_json<WeightResult>(cls);
    add_language<WeightResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<ModelWeights>>(existing("ModelWeights"));
    add_json<ModelWeights>(cls);
    add_language<ModelWeights>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<MethodResult>>(existing("MethodResult"));
    add_json<MethodResult>(cls);
    add_language<MethodResult>(cls);
    add_csv<MethodResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<MonteCarloResult>>(existing("MonteCarloResult"));
    add_json<MonteCarloResult>(cls);
    add_language<MonteCarloResult>(cls);
    add_csv<MonteCarloResult>(cls);
    cls.def("samples_csv", [](const MonteCarloResult& x) { return samples_csv(x); });
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<OatResult>>(existing("OatResult"));
    add_json<OatResult>(cls);
    add_language<OatResult>(cls);
    add_csv<OatResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<RemovalResult>>(existing("RemovalResult"));
    add_json<RemovalResult>(cls);
    add_language<RemovalResult>(cls);
    add_csv<RemovalResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<FlattenResult>>(existing("FlattenResult"));
    add_json<FlattenResult>(cls);
    add_language<FlattenResult>(cls);
    add_csv<FlattenResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<Comparison>>(existing("Comparison"));
    add_json<Comparison>(cls);
    add_language<Comparison>(cls);
    add_csv<Comparison>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<RedundancyResult>>(existing("RedundancyResult"));
    add_json<RedundancyResult>(cls);
    add_language<RedundancyResult>(cls);
    add_csv<RedundancyResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<ReduceResult>>(existing("ReduceResult"));
    add_json<ReduceResult>(cls);
    add_language<ReduceResult>(cls);
    add_csv<ReduceResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<SobolAnalysisResult>>(existing("SobolAnalysisResult"));
    add_json<SobolAnalysisResult>(cls);
    add_language<SobolAnalysisResult>(cls);
    add_csv<SobolAnalysisResult>(cls);
  }
  {
    auto cls = py::reinterpret_borrow<py::class_<CriticalResult>>(existing("CriticalResult"));
    add_json<CriticalResult>(cls);
    add_language<CriticalResult>(cls);
    add_csv<CriticalResult>(cls);
  }
  py::class_<FuzzyResult> fuzzy(m, "FuzzyResult");
  fuzzy.def_readonly("unit_ids", &FuzzyResult::unit_ids)
      .def_readonly("grades", &FuzzyResult::grades)
      .def_readonly("op", &FuzzyResult::op)
      .def_readonly("membership", &FuzzyResult::membership)
      .def_readonly("grade", &FuzzyResult::grade)
      .def_readonly("score", &FuzzyResult::score)
      .def_readonly("rank", &FuzzyResult::rank)
      .def_readonly("clarity", &FuzzyResult::clarity)
      .def_readonly("warnings", &FuzzyResult::warnings)
      .def("brief_report", &FuzzyResult::brief_report)
      .def("full_report", &FuzzyResult::full_report);
  add_json<FuzzyResult>(fuzzy);
  add_language<FuzzyResult>(fuzzy);
  add_language<DeaResult>(dea);
  add_language<MalmquistResult>(malmquist);
  add_language<ObstacleResult>(obstacle);
  add_csv<FuzzyResult>(fuzzy);
  add_json<DeaResult>(dea);
  add_csv<DeaResult>(dea);
  add_json<MalmquistResult>(malmquist);
  add_csv<MalmquistResult>(malmquist);
}

}  // namespace staffeval::python
