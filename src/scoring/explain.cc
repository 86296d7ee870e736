// The audit trail of one unit and the one-line / table reports of a result.
#include <cmath>

#include <fmt/format.h>

#include "common/text_table.h"
#include "scoring/plan.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

using detail::PlanImpl;

std::string num(double v) {
  if (std::isnan(v)) return "missing";
  return fmt::format("{:.6g}", v);
}

std::string marks(double share, double full) { return num(share * full); }

// The rule branch taken, in words.
std::string describe(const Rule& r, double x, double share, std::uint8_t code,
                     const CohortStats* c) {
  const bool imputed = code & detail::kImputedFlag;
  const std::uint8_t b = code & static_cast<std::uint8_t>(~detail::kImputedFlag);
  const double full = r.full;
  std::string pre = imputed ? fmt::format("value missing, imputed as {}; ", num(x)) : "";
  if (b == detail::kMissingSkipped) return "value missing: skipped, the weights of its siblings renormalised";
  if (b == detail::kMissingZero) return "value missing: scored 0 (missing-value policy zero)";
  const std::string dir = r.direction == Direction::kBenefit ? "higher is better" : "lower is better";
  const std::string range = (r.range_low == 0 && r.range_high == 100)
                                ? ""
                                : fmt::format(", mapped onto [{}%, {}%] of full marks", r.range_low, r.range_high);
  switch (r.kind) {
    case RuleKind::kMinMax:
      if (b == detail::kConstantCohort) return pre + "every unit of the cohort has the same value: full marks";
      return pre + fmt::format("min-max in cohort ({}): min {}, max {} -> {:.4f} of full marks{}", dir,
                               num(c->min), num(c->max), share, range);
    case RuleKind::kZScore:
      return pre + fmt::format("z-score in cohort ({}): mean {}, sd {} -> {}% {:+.4g} x z = {:.4f}{}", dir,
                               num(c->mean), num(c->sd), r.z_mean, r.z_sd, share, range);
    case RuleKind::kPercentile:
      return pre + fmt::format("percentile rank among {} units of the cohort ({}) -> {:.4f}{}", c->count,
                               dir, share, range);
    case RuleKind::kDistanceToBest:
      return pre + fmt::format("distance to the best unit of the cohort ({}) = {} -> {:.4f}{}",
                               r.direction == Direction::kBenefit ? num(c->max) : num(c->min), dir,
                               share, range);
    case RuleKind::kProportional:
      return pre + (r.direction == Direction::kBenefit
                        ? fmt::format("proportional to the best (比例法): {} / {} = {:.4f}{}", num(x), num(c->max), share, range)
                        : fmt::format("proportional to the best (比例法): {} / {} = {:.4f}{}", num(c->min), num(x), share, range));
    case RuleKind::kLinear:
      if (b == detail::kFull) return pre + fmt::format("at or beyond {}: full marks {}", num(r.best), num(full));
      if (b == detail::kZero) return pre + fmt::format("at or beyond {}: 0 marks", num(r.worst));
      return pre + fmt::format("linear from {} (0) to {} ({}): {} marks", num(r.worst), num(r.best),
                               num(full), marks(share, full));
    case RuleKind::kTargetRange:
      if (b == detail::kInRange)
        return pre + fmt::format("inside the target range [{}, {}]: full marks {}", num(r.low), num(r.high), num(full));
      if (b == detail::kBelowRange)
        return pre + fmt::format("below the target range [{}, {}], falling to 0 at {}: {} marks", num(r.low),
                                 num(r.high), num(r.low_zero), marks(share, full));
      if (b == detail::kAboveRange)
        return pre + fmt::format("above the target range [{}, {}], falling to 0 at {}: {} marks", num(r.low),
                                 num(r.high), num(r.high_zero), marks(share, full));
      return pre + fmt::format("outside the target range [{}, {}] beyond the zero point: 0 marks", num(r.low), num(r.high));
    case RuleKind::kIdeal:
      return pre + fmt::format("distance {} from the ideal {}: {} marks", num(std::fabs(x - r.ideal)),
                               num(r.ideal), marks(share, full));
    case RuleKind::kPiecewise: {
      const int s = b - detail::kSegmentBase;
      if (s <= 0) return pre + fmt::format("at or below the first breakpoint {}: {} marks", num(r.breakpoints.front().first), marks(share, full));
      if (s >= static_cast<int>(r.breakpoints.size()))
        return pre + fmt::format("at or above the last breakpoint {}: {} marks", num(r.breakpoints.back().first), marks(share, full));
      return pre + fmt::format("between breakpoints ({}, {}) and ({}, {}): {} marks", num(r.breakpoints[s - 1].first),
                               num(r.breakpoints[s - 1].second), num(r.breakpoints[s].first),
                               num(r.breakpoints[s].second), marks(share, full));
    }
    case RuleKind::kBands:
      if (b == detail::kBelowRange)
        return pre + fmt::format("below every band (lowest starts at {}): {} marks", num(r.breakpoints.front().first), marks(share, full));
      return pre + fmt::format("band from {}: {} marks", num(r.breakpoints[b - detail::kBandBase].first), marks(share, full));
    case RuleKind::kDeduction: {
      double thr = r.threshold;
      std::string thr_text = num(thr);
      if (r.threshold_stat == ThresholdStat::kMedian) thr = c->median, thr_text = fmt::format("the cohort median {}", num(thr));
      if (r.threshold_stat == ThresholdStat::kMean) thr = c->mean, thr_text = fmt::format("the cohort mean {}", num(thr));
      if (b == detail::kFull)
        return pre + fmt::format("not {} {}: no deduction, full marks {}", r.direction == Direction::kCost ? "above" : "below", thr_text, num(full));
      const double excess = std::fabs(x - thr);
      const std::string calc = fmt::format("{} {} by {}: {} - {} x {} / {} = {}", r.direction == Direction::kCost ? "above" : "below",
                                           thr_text, num(excess), num(full), num(r.deduct), num(excess), num(r.per),
                                           num(full - r.deduct * excess / r.per));
      if (b == detail::kZero) return pre + calc + fmt::format(", floored at {} (扣完为止)", num(r.floor));
      return pre + calc;
    }
    case RuleKind::kChecklist:
      return pre + fmt::format("checklist: {} of {} items: {} marks", num(x), num(r.items), marks(share, full));
    case RuleKind::kCompliance:
      return pre + (b == detail::kYes ? fmt::format("compliant: full marks {}", num(full))
                                      : fmt::format("not compliant: {} marks", num(r.no)));
    case RuleKind::kSurvey:
      return pre + fmt::format("survey score {} between {} (0) and {} (full): {} marks", num(x), num(r.zero_at),
                               num(r.full_at), marks(share, full));
  }
  return pre;
}

}  // namespace

namespace detail {

std::string branch_name(std::uint8_t code) {
  const std::uint8_t b = code & static_cast<std::uint8_t>(~kImputedFlag);
  std::string name;
  switch (b) {
    case kValue: name = "value"; break;
    case kFull: name = "full"; break;
    case kZero: name = "zero"; break;
    case kInRange: name = "in_range"; break;
    case kBelowRange: name = "below_range"; break;
    case kAboveRange: name = "above_range"; break;
    case kConstantCohort: name = "constant_cohort"; break;
    case kYes: name = "yes"; break;
    case kNo: name = "no"; break;
    case kMissingSkipped: name = "missing_skipped"; break;
    case kMissingZero: name = "missing_zero"; break;
    default:
      name = b >= kSegmentBase ? fmt::format("segment:{}", b - kSegmentBase)
                               : fmt::format("band:{}", b - kBandBase);
  }
  return (code & kImputedFlag) ? name + "+imputed" : name;
}

}  // namespace detail

Explanation explain(const ScoringResult& result, const Table& table, const std::string& unit_id) {
  std::size_t u = result.size();
  for (std::size_t i = 0; i < result.size(); ++i)
    if (result.unit_ids[i] == unit_id) {
      u = i;
      break;
    }
  if (u == result.size())
    throw DataError(fmt::format("{}: no unit with id \"{}\"", table.file, unit_id));
  if (result.kept != Kept::kFull)
    throw OptionsError(fmt::format("explain: the result was evaluated with ScoringOptions::keep = {}; "
                                   "evaluate keeping full detail (Kept::kFull) to explain a unit",
                                   to_string(result.kept)));
  const PlanImpl& p = detail::PlanAccess::impl(result.plan);
  const IndicatorModel& m = p.model;
  const auto ui = static_cast<Eigen::Index>(u);
  Explanation ex;
  ex.unit_id = unit_id;
  ex.unit_name = result.unit_names[u];
  ex.unit_class = result.class_name(u);
  ex.total = result.total[ui];
  ex.rank = result.rank[u];
  ex.class_rank = result.class_rank[u];
  ex.grade = result.grade_name(u);
  if (!std::isnan(ex.total)) {
    for (const auto& g : m.grades)
      if (ex.total >= g.min) {
        ex.score_grade = g.name;
        break;
      }
    if (ex.score_grade.empty()) ex.score_grade = m.grades.back().name;
  }
  for (int c : result.caps[u]) {
    const Cap& cap = m.caps[static_cast<std::size_t>(c)];
    ex.caps.push_back(fmt::format("{} ({}): at most {}{}", cap.id, cap.when, cap.max_grade,
                                  cap.reason.empty() ? "" : fmt::format(" - {}", cap.reason)));
  }
  for (const auto& uc : result.unknown_caps)
    if (uc.unit == u) {
      const Cap& cap = m.caps[static_cast<std::size_t>(uc.cap)];
      ex.undecided_caps.push_back(fmt::format("{} ({}): condition unknown, data missing; {} (if_missing: {})", cap.id,
                                              cap.when, uc.applied ? "applied" : "not applied", to_string(cap.if_missing)));
    }
  ex.coverage = result.coverage.size() ? result.coverage[ui] : 1.0;
  ex.note = result.note(u);
  const auto& r = result.rounding;
  ex.rounding = r.scope == RoundingScope::kNone
                    ? "no rounding"
                    : fmt::format("{} decimals, {}, applied to {}", r.decimals, to_string(r.mode),
                                  r.scope == RoundingScope::kIndicator ? "each indicator's points and the total" : "the total only");
  const Eigen::VectorXd contrib = result.contributions(u);
  for (std::size_t k = 0; k < m.nodes.size(); ++k) {
    const Node& node = m.nodes[k];
    ExplanationLine line;
    line.node_id = node.id;
    line.name = node.name.empty() ? node.name_en : node.name;
    line.depth = p.depth[k];
    line.max_points = (result.node_points.size() ? result.node_points : p.node_points)[static_cast<Eigen::Index>(k)];
    const double score = result.node_score(u, k);
    line.share = score / 100.0;
    line.points = std::isnan(score) ? 0.0 : result.points(u, k);
    const int j = p.node_leaf[k];
    if (j >= 0) {
      const auto ji = static_cast<Eigen::Index>(j);
      const detail::LeafPlan& leaf = p.leaves[static_cast<std::size_t>(j)];
      line.leaf = true;
      line.value = result.leaf_values(ui, ji);
      line.share = result.leaf_shares(ui, ji);
      line.contribution = contrib[ji];
      if (leaf.column >= 0) {
        line.formula = fmt::format("column {}", table.columns[leaf.column]);
      } else {
        std::string inputs;
        for (std::size_t v = 0; v < leaf.formula.columns.size(); ++v)
          inputs += fmt::format("{}{} = {}", v ? ", " : "", leaf.formula.variables[v],
                                num(table.values(ui, leaf.formula.columns[v])));
        line.formula = fmt::format("{} with {}", leaf.formula.text, inputs);
      }
      const auto& stats = result.cohort_stats[static_cast<std::size_t>(j)];
      const CohortStats* cs = stats.size() == 1 ? &stats[0]
                              : stats.empty()   ? nullptr
                                                : &stats[static_cast<std::size_t>(result.unit_class[u])];
      CohortStats empty;
      line.branch = describe(leaf.rule, line.value, line.share, result.branches(ui, ji), cs ? cs : &empty);
    } else {
      const auto* mean = std::get_if<WeightedMean>(&node.scoring);
      line.branch = std::isnan(score) ? "every child missing: skipped"
                    : mean            ? fmt::format("{} mean of its children", to_string(mean->aggregation))
                                      : std::string();
      for (const auto& e : result.evaluations)
        if (e.group == node.id)
          line.branch = fmt::format("{} of its children x 100 ({} normalisation)",
                                    e.share_of.empty() ? e.method : e.share_of, e.normalization);
      for (const auto& g : result.weightings)
        if (g.group == node.id) {
          line.branch += fmt::format(", weighted by {}", g.method);
          if (!std::isnan(g.cr)) line.branch += fmt::format(", CR {:.4f}", g.cr);
        }
    }
    ex.lines.push_back(std::move(line));
  }
  return ex;
}

std::string Explanation::text() const {
  std::string out = fmt::format("unit {}{}{}\n", unit_id, unit_name.empty() ? "" : " " + unit_name,
                                unit_class.empty() ? "" : fmt::format(" (class {})", unit_class));
  if (std::isnan(total)) {
    out += note.substr(0, note.find(';')) + "\n";
  } else {
    out += fmt::format("total {} points, rank {}, rank in class {}, grade {}\n", num(total), rank,
                       class_rank, grade);
  }
  if (!caps.empty()) {
    out += fmt::format("grade by score {}; capped:\n", score_grade);
    for (const auto& c : caps) out += fmt::format("  - {}\n", c);
  }
  if (!undecided_caps.empty()) {
    out += "caps not decided (missing data):\n";
    for (const auto& c : undecided_caps) out += fmt::format("  - {}\n", c);
  }
  if (coverage < 1) out += fmt::format("data coverage: {:.1f}%\n", 100 * coverage);
  out += fmt::format("rounding: {}\n\n", rounding);
  for (const auto& l : lines) {
    const std::string indent(static_cast<std::size_t>(2 * (l.depth - 1)), ' ');
    if (!l.leaf) {
      out += fmt::format("{}{} {}: {} of {} points ({})\n", indent, l.node_id, l.name, num(l.points),
                         num(l.max_points), l.branch);
      continue;
    }
    out += fmt::format("{}{} {}: {} of {} points\n", indent, l.node_id, l.name,
                       std::isnan(l.share) ? "skipped" : num(l.points), num(l.max_points));
    out += fmt::format("{}    value {} = {}\n", indent, num(l.value), l.formula);
    out += fmt::format("{}    rule: {}\n", indent, l.branch);
    if (std::isnan(l.contribution) && !std::isnan(l.share))
      out += fmt::format("{}    contribution to the total: not additive (an evaluation method combines it)\n", indent);
    else
      out += fmt::format("{}    contribution to the total: {}\n", indent, num(l.contribution));
  }
  return out;
}

bool ScoringResult::scored(std::size_t unit) const { return !std::isnan(total[static_cast<Eigen::Index>(unit)]); }

std::string ScoringResult::note(std::size_t unit) const {
  std::string out;
  const auto& m = plan.model();
  const auto u = static_cast<Eigen::Index>(unit);
  if (!scored(unit)) {
    const double c = coverage.size() ? coverage[u] : 1.0;
    if (c < coverage_rule.min - 1e-12)
      out = fmt::format("not scored: data for {:.0f}% of the {} (minimum {:g}%)", std::floor(100 * c + 0.5),
                        coverage_rule.of == CoverageBasis::kWeight ? "weight" : "indicators", 100 * coverage_rule.min);
    else
      out = "not scored: every indicator is missing";
  }
  const auto first = std::lower_bound(unknown_caps.begin(), unknown_caps.end(), unit,
                                      [](const UnknownCap& c, std::size_t i) { return c.unit < i; });
  for (auto it = first; it != unknown_caps.end() && it->unit == unit; ++it) {
    const Cap& cap = m.caps[static_cast<std::size_t>(it->cap)];
    out += fmt::format("{}cap {} ({}) undecided, data missing: {}", out.empty() ? "" : "; ", cap.id, cap.when,
                       it->applied ? "applied" : "not applied");
  }
  return out;
}

std::string ScoringResult::brief_report() const {
  const auto& m = plan.model();
  std::size_t classes = 0;
  for (int c : unit_class) classes = std::max<std::size_t>(classes, static_cast<std::size_t>(c) + 1);
  std::size_t capped = 0;
  for (const auto& c : caps) capped += c.empty() ? 0 : 1;
  std::size_t with_score = 0;
  for (Eigen::Index i = 0; i < total.size(); ++i) with_score += std::isnan(total[i]) ? 0 : 1;
  const std::string units = with_score == size() ? fmt::format("{} units", size())
                                                 : fmt::format("{} of {} units", with_score, size());
  return fmt::format("scored {} on {} indicators ({} classes); model {} {}; rounding {}; {} capped; {} warnings",
                     units, plan.leaf_ids().size(), classes, m.id, m.version,
                     rounding.scope == RoundingScope::kNone ? std::string("none")
                                                            : fmt::format("{} to {} decimals {}", to_string(rounding.scope),
                                                                          rounding.decimals, to_string(rounding.mode)),
                     capped, warnings.size()) +
         (weightings.empty() ? std::string() : fmt::format("; {} group(s) weighted by methods", weightings.size()));
}

std::string ScoringResult::full_report() const {
  std::vector<std::size_t> order(size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const int ra = rank[a] == 0 ? INT32_MAX : rank[a];
    const int rb = rank[b] == 0 ? INT32_MAX : rank[b];
    return ra < rb;
  });
  std::size_t id_w = 4, name_w = 4, class_w = 5;
  for (std::size_t i = 0; i < size(); ++i) {
    id_w = std::max(id_w, detail::display_width(unit_ids[i]));
    name_w = std::max(name_w, detail::display_width(unit_names[i]));
    class_w = std::max(class_w, detail::display_width(class_name(i)));
  }
  auto row = [&](const std::string& rk, const std::string& id, const std::string& name, const std::string& cls,
                 const std::string& score, const std::string& grade, const std::string& crk, const std::string& caps_text,
                 const std::string& note_text) {
    std::string line = fmt::format("{:>6}  {}  {}  {}  {:>8}  {}  {:>6}  {}{}{}", rk, detail::pad(id, id_w),
                                   detail::pad(name, name_w), detail::pad(cls, class_w), score, detail::pad(grade, 6), crk,
                                   caps_text, caps_text.empty() || note_text.empty() ? "" : "  ", note_text);
    line.erase(line.find_last_not_of(' ') + 1);
    return line + "\n";
  };
  std::string out = brief_report() + "\n";
  out += row("rank", "id", "name", "class", "score", "grade", "in cls", "caps", "");
  for (std::size_t i : order) {
    std::string capnames;
    for (int c : caps[i]) capnames += (capnames.empty() ? "" : ",") + plan.model().caps[static_cast<std::size_t>(c)].id;
    const double t = total[static_cast<Eigen::Index>(i)];
    out += row(rank[i] ? std::to_string(rank[i]) : "-", unit_ids[i], unit_names[i], class_name(i),
               std::isnan(t) ? std::string("-") : fmt::format("{:.2f}", t), grade_name(i),
               class_rank[i] ? std::to_string(class_rank[i]) : "-", capnames,
               scored(i) && unknown_caps.empty() ? std::string() : note(i));
  }
  for (const auto& e : evaluations) {
    std::string params;
    for (const auto& [k, v] : e.parameters) params += fmt::format(", {} = {:g}", k, v);
    out += fmt::format("{} scored by {} ({}{})\n", e.group.empty() ? std::string("the total") : e.group, e.method,
                       e.normalization, params);
  }
  for (const auto& g : weightings) {
    out += fmt::format("weights of {} by {}:", g.group.empty() ? std::string("the top level") : g.group, g.method);
    for (std::size_t k = 0; k < g.children.size(); ++k)
      out += fmt::format(" {} {:.4f}", g.children[k], g.weights[static_cast<Eigen::Index>(k)]);
    if (!std::isnan(g.cr)) out += fmt::format(" (CR {:.4f}{})", g.cr, g.consistent ? "" : ", inconsistent");
    out += "\n";
  }
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

std::string ScoringResult::branch_name(std::uint8_t code) { return detail::branch_name(code); }

}  // namespace staffeval
