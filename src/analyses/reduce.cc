// The smallest-burden single-level model that keeps a target fidelity to a reference model
// (indicator_sets.h): greedy backward elimination, beam or exhaustive search, cross-validated.
#include <algorithm>
#include <cmath>
#include <map>
#include <numeric>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "analyses/rank_stats.h"
#include "common/enum_define.h"
#include "common/random.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/indicator_sets.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

constexpr EnumEntry<ReduceSearch> kSearches[] = {
    {ReduceSearch::kAuto, "auto", "", "exhaustive up to 12 removable indicators, beam search beyond"},
    {ReduceSearch::kGreedy, "greedy", "", "backward elimination only"},
    {ReduceSearch::kBeam, "beam", "", "the beam_width best sets of each size carried to the next"},
    {ReduceSearch::kExhaustive, "exhaustive", "", "every set of the removable indicators"},
};

constexpr EnumEntry<ReduceWeights> kWeights[] = {
    {ReduceWeights::kRenormalise, "renormalise", "renormalize", "the kept indicators' effective weights rescaled"},
    {ReduceWeights::kRederive, "rederive", "", "each group's weights re-derived by its method without the left-out indicators"},
};

using Mask = std::vector<char>;  // per indicator of the flat model: kept

// The ids a mask leaves out.
std::vector<std::string> left_out(const Mask& keep, const std::vector<std::string>& ids) {
  std::vector<std::string> out;
  for (std::size_t j = 0; j < keep.size(); ++j)
    if (!keep[j]) out.push_back(ids[j]);
  return out;
}

// Evaluations of the flat model with some indicators left out, each set evaluated once (on all
// units: cohort-relative rules keep their cohort), and fidelity to the reference on given units.
// Weights re-derived: the reference without the left-out indicators, compiled and evaluated as
// it is (a set whose weights cannot be derived is rejected with the reason).
class Sets {
 public:
  Sets(const Plan& flat, const Table& table, const ScoringOptions& options, const ScoringResult& reference,
       const Burden& burden, const std::vector<std::string>& cap_fields, const IndicatorModel& model, ReduceWeights how)
      : flat_(flat), table_(table), options_(options), reference_(reference), burden_(burden), cap_fields_(cap_fields),
        model_(model), how_(how) {
    options_.keep = Kept::kTotals;
    const ScoringResult nominal = evaluate(flat_, table_, options_);
    weights_ = nominal.edge_weights;
    // Edge of each indicator (a single level: one edge per indicator, in model order).
    for (int leaf : flat_.leaf_nodes())
      for (std::size_t e = 0; e < flat_.edges().size(); ++e)
        if (flat_.edges()[e].child == leaf) edge_.push_back(static_cast<int>(e));
  }

  std::size_t evaluated() const { return cache_.size(); }
  std::size_t rejected() const { return rejected_; }
  const std::string& first_rejection() const { return first_rejection_; }

  // Fidelity and burden of a set on the units `rows`.
  ReducedSet measure(const Mask& keep, const std::vector<std::size_t>& rows) {
    const auto& [total, grade, rejected] = outcome(keep);
    ReducedSet s;
    s.rejected = rejected;
    std::vector<std::string> fields = cap_fields_;
    for (std::size_t j = 0; j < keep.size(); ++j) {
      if (!keep[j]) continue;
      s.indicators.push_back(burden_.indicator_ids[j]);
      for (const auto& f : burden_.indicator_fields[j])
        if (std::find(fields.begin(), fields.end(), f) == fields.end()) fields.push_back(f);
    }
    s.fields = fields.size();
    for (const auto& f : fields) {
      const int k = model_.find_field(f);
      if (k >= 0) s.minutes_per_unit += model_.fields[static_cast<std::size_t>(k)].cost_minutes;
    }
    if (!rejected.empty()) {
      s.tau_b = s.grade_agreement = kNaN;
      return s;
    }
    // Kendall's tau-b of the totals over the units both score (of values: ranks order them alike).
    std::vector<double> a, b;
    std::size_t agree = 0, graded = 0;
    for (std::size_t i : rows) {
      const double x = reference_.total[static_cast<Eigen::Index>(i)];
      if (!std::isnan(x) && !std::isnan(total[i])) {
        a.push_back(x);
        b.push_back(total[i]);
      }
      if (reference_.grade[i] >= 0 && grade[i] >= 0 && !std::isnan(total[i])) {
        ++graded;
        agree += reference_.grade[i] == grade[i];
      }
    }
    s.tau_b = a.size() >= 3 ? detail::concordance(a, b).tau_b : kNaN;
    s.grade_agreement = graded ? static_cast<double>(agree) / static_cast<double>(graded) : kNaN;
    return s;
  }

 private:
  struct Outcome {
    std::vector<double> total;
    std::vector<int> grade;
    std::string rejected;
  };
  const Outcome& outcome(const Mask& keep) {
    const std::string key(keep.begin(), keep.end());
    auto it = cache_.find(key);
    if (it != cache_.end()) return it->second;
    if (how_ == ReduceWeights::kRederive) {
      try {
        const IndicatorModel pruned = without_indicators(reference_.plan.model(), left_out(keep, burden_.indicator_ids));
        const ScoringResult r = evaluate(compile(pruned, table_), table_, options_);
        return cache_[key] = {std::vector<double>(r.total.data(), r.total.data() + r.total.size()), r.grade, {}};
      } catch (const ModelError& e) {
        const std::string why = fmt::format("without {}: {}", fmt::join(left_out(keep, burden_.indicator_ids), ", "), e.what());
        if (rejected_++ == 0) first_rejection_ = why;
        return cache_[key] = {{}, {}, why};
      }
    }
    ScoringOptions o = options_;
    o.edge_weights = weights_;
    for (std::size_t j = 0; j < keep.size(); ++j)
      if (!keep[j]) o.edge_weights[edge_[j]] = 0;
    const ScoringResult r = evaluate(flat_, table_, o);
    return cache_[key] = {std::vector<double>(r.total.data(), r.total.data() + r.total.size()), r.grade, {}};
  }

  const Plan& flat_;
  const Table& table_;
  ScoringOptions options_;
  const ScoringResult& reference_;
  const Burden& burden_;
  std::vector<std::string> cap_fields_;
  const IndicatorModel& model_;
  ReduceWeights how_;
  Eigen::VectorXd weights_;
  std::vector<int> edge_;
  std::map<std::string, Outcome> cache_;
  std::size_t rejected_ = 0;
  std::string first_rejection_;
};

bool feasible(const ReducedSet& s, const ReduceOptions& o) {
  return s.tau_b >= o.min_tau_b && s.grade_agreement >= o.min_grade_agreement;
}
// Least burden, then fewer indicators, then higher fidelity.
bool better(const ReducedSet& a, const ReducedSet& b) {
  if (a.minutes_per_unit != b.minutes_per_unit) return a.minutes_per_unit < b.minutes_per_unit;
  if (a.indicators.size() != b.indicators.size()) return a.indicators.size() < b.indicators.size();
  if (a.tau_b != b.tau_b) return a.tau_b > b.tau_b;
  return a.grade_agreement > b.grade_agreement;
}
// Higher fidelity first (tau-b, then grade agreement), then least burden.
bool closer(const ReducedSet& a, const ReducedSet& b) {
  const double ta = std::isnan(a.tau_b) ? -2 : a.tau_b, tb = std::isnan(b.tau_b) ? -2 : b.tau_b;
  if (ta != tb) return ta > tb;
  if (a.grade_agreement != b.grade_agreement) return a.grade_agreement > b.grade_agreement;
  return a.minutes_per_unit < b.minutes_per_unit;
}

struct Search {
  std::vector<ReducedSet> trajectory;
  std::vector<std::string> removed;
  bool found = false;
  ReducedSet best;
  Mask best_mask;
};

// One search on the units `rows`: the greedy trajectory always, and the best feasible set the
// chosen method finds.
Search search(Sets& sets, const std::vector<char>& pinned, const std::vector<std::size_t>& rows, const ReduceOptions& o,
              ReduceSearch how, const std::vector<std::string>& ids) {
  const std::size_t L = pinned.size();
  Search out;
  auto consider = [&](const Mask& m, const ReducedSet& s) {
    if (feasible(s, o) && (!out.found || better(s, out.best))) {
      out.found = true;
      out.best = s;
      out.best_mask = m;
    }
  };
  const Mask all(L, 1);
  consider(all, sets.measure(all, rows));
  // Greedy backward elimination.
  Mask current = all;
  for (;;) {
    std::size_t kept = static_cast<std::size_t>(std::count(current.begin(), current.end(), 1));
    if (kept <= 1) break;
    bool any = false;
    Mask best_mask;
    ReducedSet best;
    std::size_t best_j = 0;
    for (std::size_t j = 0; j < L; ++j) {
      if (!current[j] || pinned[j]) continue;
      Mask m = current;
      m[j] = 0;
      const ReducedSet s = sets.measure(m, rows);
      consider(m, s);
      if (!any || closer(s, best)) {
        any = true;
        best = s;
        best_mask = m;
        best_j = j;
      }
    }
    if (!any) break;
    current = best_mask;
    out.trajectory.push_back(best);
    out.removed.push_back(ids[best_j]);
  }
  if (how == ReduceSearch::kBeam) {
    std::vector<Mask> frontier{all};
    while (!frontier.empty()) {
      std::map<std::string, Mask> next;
      for (const Mask& f : frontier)
        for (std::size_t j = 0; j < L; ++j) {
          if (!f[j] || pinned[j] || std::count(f.begin(), f.end(), 1) <= 1) continue;
          Mask m = f;
          m[j] = 0;
          next.emplace(std::string(m.begin(), m.end()), m);
        }
      std::vector<std::pair<ReducedSet, Mask>> scored;
      for (auto& [key, m] : next) {
        const ReducedSet s = sets.measure(m, rows);
        consider(m, s);
        scored.emplace_back(s, m);
      }
      std::stable_sort(scored.begin(), scored.end(), [](const auto& x, const auto& y) { return closer(x.first, y.first); });
      frontier.clear();
      for (std::size_t k = 0; k < scored.size() && k < static_cast<std::size_t>(o.beam_width); ++k) frontier.push_back(scored[k].second);
    }
  } else if (how == ReduceSearch::kExhaustive) {
    std::vector<std::size_t> removable;
    for (std::size_t j = 0; j < L; ++j)
      if (!pinned[j]) removable.push_back(j);
    for (std::uint64_t bits = 1; bits < (std::uint64_t{1} << removable.size()); ++bits) {
      Mask m = all;
      for (std::size_t k = 0; k < removable.size(); ++k)
        if (bits >> k & 1) m[removable[k]] = 0;
      if (std::count(m.begin(), m.end(), 1) == 0) continue;
      consider(m, sets.measure(m, rows));
    }
  }
  return out;
}

// The flat model with only the indicators of `keep`, their weights renormalised (a points
// model's to its total).
IndicatorModel renormalised(const IndicatorModel& flat, const Mask& keep) {
  IndicatorModel m = flat;
  m.nodes.clear();
  double kept = 0;
  for (std::size_t j = 0; j < keep.size(); ++j)
    if (keep[j]) {
      m.nodes.push_back(flat.nodes[j]);
      kept += flat.nodes[j].parents.front().weight;
    }
  if (m.weights == WeightMode::kPoints && kept > 0) {
    double given = 0;
    for (std::size_t k = 0; k < m.nodes.size(); ++k) {
      double& w = m.nodes[k].parents.front().weight;
      w = k + 1 < m.nodes.size() ? w * m.total / kept : m.total - given;
      given += w;
    }
  }
  return m;
}

}  // namespace

STAFFEVAL_ENUM_TABLE(ReduceSearch, "search", kSearches)
std::string_view to_string(ReduceSearch v) { return enum_table<ReduceSearch>().name(v); }
STAFFEVAL_ENUM_TABLE(ReduceWeights, "weights", kWeights)
std::string_view to_string(ReduceWeights v) { return enum_table<ReduceWeights>().name(v); }

ReduceResult reduce(const Plan& reference, const Table& table, const ReduceOptions& o) {
  for (const auto& [name, v] : {std::pair<const char*, double>{"min_tau_b", o.min_tau_b}, {"min_grade_agreement", o.min_grade_agreement}})
    if (!(v >= -1 && v <= 1)) throw OptionsError(fmt::format("ReduceOptions::{}", name), fmt::format("{}", v), "must be in [-1, 1]");
  if (o.beam_width < 1) throw OptionsError("ReduceOptions::beam_width", fmt::format("{}", o.beam_width), "must be >= 1");
  if (o.folds < 0 || o.folds == 1) throw OptionsError("ReduceOptions::folds", fmt::format("{}", o.folds), "must be 0 (none) or >= 2");
  ScoringOptions so = o.scoring;
  so.threads = o.threads;
  so.keep = Kept::kTotals;
  const ScoringResult ref = evaluate(reference, table, so);
  const FlattenResult flat = flatten(ref);
  const Plan flat_plan = compile(flat.model, table);
  const Burden b = burden(flat.model);
  IndicatorModel caps_only = flat.model;
  caps_only.nodes.clear();
  const std::vector<std::string> cap_fields = burden(caps_only).fields;
  const std::size_t L = b.indicator_ids.size();
  std::vector<char> pinned(L, 0);
  for (const auto& id : o.pinned) {
    const auto it = std::find(b.indicator_ids.begin(), b.indicator_ids.end(), id);
    if (it == b.indicator_ids.end())
      throw OptionsError("ReduceOptions::pinned", id, fmt::format("is not an indicator of {}", reference.model().id));
    pinned[static_cast<std::size_t>(it - b.indicator_ids.begin())] = 1;
  }
  const auto removable = static_cast<std::size_t>(std::count(pinned.begin(), pinned.end(), 0));
  ReduceSearch how = o.search;
  if (how == ReduceSearch::kAuto) how = removable <= 12 ? ReduceSearch::kExhaustive : ReduceSearch::kBeam;
  if (how == ReduceSearch::kExhaustive && removable > 20)
    throw OptionsError("ReduceOptions::search", "exhaustive",
                       fmt::format("{} removable indicators make {} sets: use beam (or pin some)", removable, std::uint64_t{1} << removable));

  Sets sets(flat_plan, table, so, ref, b, cap_fields, flat.model, o.weights);
  std::vector<std::size_t> all(table.size());
  std::iota(all.begin(), all.end(), 0);
  const Search s = search(sets, pinned, all, o, how, b.indicator_ids);
  ReduceResult r;
  r.language = ref.language;
  r.min_tau_b = o.min_tau_b;
  r.min_grade_agreement = o.min_grade_agreement;
  r.reference = sets.measure(Mask(L, 1), all);
  r.trajectory = s.trajectory;
  r.removed = s.removed;
  r.found = s.found;
  r.search = how == ReduceSearch::kBeam ? fmt::format("beam (width {})", o.beam_width) : std::string(to_string(how));
  r.weights = o.weights;
  r.rejected = sets.rejected();
  r.first_rejection = sets.first_rejection();
  if (s.found) {
    r.chosen = s.best;
    if (o.weights == ReduceWeights::kRederive) {
      r.pruned = without_indicators(reference.model(), left_out(s.best_mask, b.indicator_ids));
      r.pruned.id = reference.model().id + "-pruned";
      const FlattenResult chosen = flatten(evaluate(compile(r.pruned, table), table, so));
      r.model = chosen.model;
      r.notes = chosen.notes;
    } else {
      r.model = renormalised(flat.model, s.best_mask);
    }
    r.model.id = reference.model().id + "-reduced";
    r.model.name = reference.model().name.empty() ? std::string() : reference.model().name + "（精简）";
    r.model.name_en = reference.model().name_en.empty() ? std::string() : reference.model().name_en + " (reduced)";
    r.model.description = fmt::format("{} reduced to {} of its {} indicators, weights {} (tau-b {:.3f}, grade agreement {:.3f} on "
                                      "the data it was reduced on).",
                                      reference.model().id, s.best.indicators.size(), L,
                                      o.weights == ReduceWeights::kRederive ? "re-derived by its methods on that data"
                                                                            : "renormalised",
                                      s.best.tau_b, s.best.grade_agreement);
    std::vector<Diagnostic> problems = validate(r.model);
    for (const auto& d : problems)
      if (d.severity == Severity::kError) throw ModelError(std::move(problems));
  }
  // Cross-validation over units: the search on all folds but one, fidelity on the one left out.
  if (o.folds >= 2) {
    const std::size_t n = table.size();
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), 0);
    detail::Random rng(o.seed, 0);
    for (std::size_t i = n; i > 1; --i) std::swap(order[i - 1], order[static_cast<std::size_t>(rng.below(i))]);
    const auto F = static_cast<std::size_t>(o.folds);
    for (std::size_t f = 0; f < F; ++f) {
      std::vector<std::size_t> train, test;
      for (std::size_t k = 0; k < n; ++k) (k % F == f ? test : train).push_back(order[k]);
      std::sort(train.begin(), train.end());
      std::sort(test.begin(), test.end());
      const Search fs = search(sets, pinned, train, o, how, b.indicator_ids);
      if (!fs.found) {
        r.fold_tau_b.push_back(kNaN);
        r.fold_grade_agreement.push_back(kNaN);
        continue;
      }
      const ReducedSet held = sets.measure(fs.best_mask, test);
      r.fold_tau_b.push_back(held.tau_b);
      r.fold_grade_agreement.push_back(held.grade_agreement);
    }
    auto mean = [](const std::vector<double>& v) {
      double s = 0;
      std::size_t k = 0;
      for (double x : v)
        if (std::isfinite(x)) {
          s += x;
          ++k;
        }
      return k ? s / static_cast<double>(k) : kNaN;
    };
    r.cv_tau_b = mean(r.fold_tau_b);
    r.cv_grade_agreement = mean(r.fold_grade_agreement);
  }
  r.evaluated = sets.evaluated();
  return r;
}

ReduceResult reduce(const Plan& reference, const Table& table, const Table& holdout, const ReduceOptions& o) {
  ReduceResult r = reduce(reference, table, o);
  r.has_holdout = true;
  r.holdout_file = holdout.file;
  if (!r.found) return r;
  ScoringOptions so = o.scoring;
  so.threads = o.threads;
  so.keep = Kept::kTotals;
  const IndicatorModel& model = reference.model();
  const IndicatorModel& chosen = r.weights == ReduceWeights::kRederive ? r.pruned : r.model;
  const ScoringResult a = evaluate(compile(model, holdout), holdout, so);
  const ScoringResult b = evaluate(compile(chosen, holdout), holdout, so);
  CompareOptions co;
  co.bootstrap = 0;
  co.top_k = 1;
  const Comparison c = compare(ranking_of(a, model.id), ranking_of(b, chosen.id), co);
  r.holdout_tau_b = c.kendall_tau_b;
  r.holdout_grade_agreement = c.grade_agreement;
  return r;
}

namespace {
std::string num(double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.3f}", v); }
}  // namespace

std::string ReduceResult::brief_report() const {
  const Language l = language;
  using detail::tr;
  const std::string how =
      detail::trf(l, "{}, weights {}, {} sets{}", "{}，权重{}，{} 个指标集{}", search,
                  weights == ReduceWeights::kRederive ? tr(l, "re-derived", "重新推导") : tr(l, "renormalised", "重新归一"), evaluated,
                  rejected ? detail::trf(l, " ({} could not be weighted)", "（{} 个无法赋权）", rejected) : std::string());
  if (!found)
    return detail::trf(l, "reduce ({}): no set keeps tau-b >= {:g} and grade agreement >= {:g}",
                       "精简（{}）：没有指标集能保持 tau-b >= {:g} 且等级一致率 >= {:g}", how, min_tau_b, min_grade_agreement);
  return detail::trf(
      l, "reduce ({}): {} of {} indicators keep tau-b {} and grade agreement {} (targets {:g}, {:g}) {}{}",
      "精简（{}）：{} 个指标（共 {} 个）保持 tau-b {}、等级一致率 {}（目标 {:g}、{:g}）{}{}", how, chosen.indicators.size(),
      reference.indicators.size(), num(chosen.tau_b), num(chosen.grade_agreement), min_tau_b, min_grade_agreement,
      reference.minutes_per_unit > 0
          ? detail::trf(l, "at {:g} of {:g} minutes per unit", "，每个单位 {:g} 分钟（原 {:g} 分钟）", chosen.minutes_per_unit,
                        reference.minutes_per_unit)
          : std::string(tr(l, "(no collection costs given: the fewest indicators)", "（未给出采集成本：取指标最少者）")),
      (std::isnan(cv_tau_b) ? std::string()
                            : detail::trf(l, "; cross-validated over units: tau-b {}, grade agreement {}",
                                          "；按单位交叉验证：tau-b {}，等级一致率 {}", num(cv_tau_b), num(cv_grade_agreement))) +
          (has_holdout ? detail::trf(l, "; on {}: tau-b {}, grade agreement {}", "；在 {} 上：tau-b {}，等级一致率 {}", holdout_file,
                                     num(holdout_tau_b), num(holdout_grade_agreement))
                       : std::string()));
}

std::string ReduceResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n";
  if (found) out += detail::trf(l, "\nchosen: {}\n", "\n选定：{}\n", fmt::join(chosen.indicators, tr(l, ", ", "、")));
  out += tr(l, "\ngreedy backward elimination (the removal that keeps the ranking closest at each step):\n",
            "\n贪心逐步剔除（每一步删除使排名最接近原排名的指标）：\n");
  std::vector<std::vector<std::string>> rows{{"-", fmt::format("{}", reference.indicators.size()), num(reference.tau_b),
                                              num(reference.grade_agreement), fmt::format("{}", reference.fields),
                                              fmt::format("{:g}", reference.minutes_per_unit)}};
  for (std::size_t k = 0; k < trajectory.size(); ++k) {
    const ReducedSet& s = trajectory[k];
    rows.push_back({removed[k], fmt::format("{}", s.indicators.size()), num(s.tau_b), num(s.grade_agreement),
                    fmt::format("{}", s.fields), fmt::format("{:g}", s.minutes_per_unit)});
  }
  out += detail::text_table({tr(l, "removed", "删除"), tr(l, "indicators", "指标数"), "tau-b", tr(l, "grades agree", "等级一致率"),
                             tr(l, "fields", "字段数"), tr(l, "minutes per unit", "每单位分钟")},
                            rows, {false, true, true, true, true, true});
  if (!fold_tau_b.empty()) {
    out += tr(l, "\ncross-validation (chosen on the other folds, measured on this one):", "\n交叉验证（在其他折上选定，在本折上测量）：");
    for (std::size_t f = 0; f < fold_tau_b.size(); ++f) out += fmt::format(" {}/{}", num(fold_tau_b[f]), num(fold_grade_agreement[f]));
    out += "\n";
  }
  if (rejected)
    out += detail::trf(l, "\n{} sets could not be weighted; the first: {}\n", "\n{} 个指标集无法赋权；第一个：{}\n", rejected,
                       first_rejection);
  for (const auto& n : notes) out += tr(l, "note: ", "说明：") + n + "\n";
  return out;
}

}  // namespace staffeval
