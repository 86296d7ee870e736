// The audit trail of one unit and the one-line / table reports of a result.
#include <algorithm>
#include <cmath>

#include <fmt/format.h>

#include "common/language.h"
#include "common/text_table.h"
#include "scoring/plan.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

using detail::PlanImpl;
using detail::tr;
using detail::trf;

std::string num(double v, Language lang = Language::kEn) {
  if (std::isnan(v)) return tr(lang, "missing", "缺失");
  return fmt::format("{:.6g}", v);
}

std::string aggregation_words(Aggregation a, Language l) {
  if (l == Language::kEn) return std::string(to_string(a));
  switch (a) {
    case Aggregation::kArithmetic: return "加权算术";
    case Aggregation::kGeometric: return "加权几何";
    case Aggregation::kHarmonic: return "加权调和";
    case Aggregation::kPower: return "加权幂";
  }
  return std::string(to_string(a));
}

std::string marks(double share, double full) { return num(share * full); }

// The rule branch taken, in words.
std::string describe(const Rule& r, double x, double share, std::uint8_t code, const CohortStats* c, Language l) {
  const bool imputed = code & detail::kImputedFlag;
  const std::uint8_t b = code & static_cast<std::uint8_t>(~detail::kImputedFlag);
  const double full = r.full;
  auto n = [l](double v) { return num(v, l); };
  auto pts = [&] { return marks(share, full); };
  std::string pre = imputed ? trf(l, "value missing, imputed as {}; ", "数值缺失，按 {} 插补；", n(x)) : "";
  if (b == detail::kMissingSkipped)
    return tr(l, "value missing: skipped, the weights of its siblings renormalised", "数值缺失：跳过，同级指标权重重新归一");
  if (b == detail::kMissingZero) return tr(l, "value missing: scored 0 (missing-value policy zero)", "数值缺失：按缺失值规则记 0 分");
  const std::string dir = r.direction == Direction::kBenefit ? tr(l, "higher is better", "越高越好")
                                                             : tr(l, "lower is better", "越低越好");
  const std::string range = (r.range_low == 0 && r.range_high == 100)
                                ? ""
                                : trf(l, ", mapped onto [{}%, {}%] of full marks", "，映射到满分的 [{}%, {}%]",
                                      r.range_low, r.range_high);
  switch (r.kind) {
    case RuleKind::kMinMax:
      if (b == detail::kConstantCohort)
        return pre + tr(l, "every unit of the cohort has the same value: full marks", "同组各单位数值相同：得满分");
      return pre + trf(l, "min-max in cohort ({}): min {}, max {} -> {:.4f} of full marks{}",
                       "组内极值法（{}）：最小 {}，最大 {} -> 得分率 {:.4f}{}", dir, n(c->min), n(c->max), share, range);
    case RuleKind::kZScore:
      return pre + trf(l, "z-score in cohort ({}): mean {}, sd {} -> {}% {:+.4g} x z = {:.4f}{}",
                       "组内标准分（{}）：均值 {}，标准差 {} -> {}% {:+.4g} x z = {:.4f}{}", dir, n(c->mean),
                       n(c->sd), r.z_mean, r.z_sd, share, range);
    case RuleKind::kPercentile:
      return pre + trf(l, "percentile rank among {} units of the cohort ({}) -> {:.4f}{}",
                       "在同组 {} 个单位中的百分位（{}）-> {:.4f}{}", c->count, dir, share, range);
    case RuleKind::kDistanceToBest:
      return pre + trf(l, "distance to the best unit of the cohort ({}) = {} -> {:.4f}{}",
                       "与同组最优单位（{}）的距离 = {} -> {:.4f}{}",
                       r.direction == Direction::kBenefit ? n(c->max) : n(c->min), dir, share, range);
    case RuleKind::kProportional:
      return pre + (r.direction == Direction::kBenefit
                        ? trf(l, "proportional to the best (比例法): {} / {} = {:.4f}{}", "比例法：{} / {} = {:.4f}{}",
                              n(x), n(c->max), share, range)
                        : trf(l, "proportional to the best (比例法): {} / {} = {:.4f}{}", "比例法：{} / {} = {:.4f}{}",
                              n(c->min), n(x), share, range));
    case RuleKind::kLinear:
      if (b == detail::kFull) return pre + trf(l, "at or beyond {}: full marks {}", "达到或超过 {}：得满分 {}", n(r.best), n(full));
      if (b == detail::kZero) return pre + trf(l, "at or beyond {}: 0 marks", "达到或超过 {}：得 0 分", n(r.worst));
      return pre + trf(l, "linear from {} (0) to {} ({}): {} marks", "在 {}（0 分）与 {}（{} 分）之间线性计分：得 {} 分",
                       n(r.worst), n(r.best), n(full), pts());
    case RuleKind::kTargetRange:
      if (b == detail::kInRange)
        return pre + trf(l, "inside the target range [{}, {}]: full marks {}", "在合理区间 [{}, {}] 内：得满分 {}",
                         n(r.low), n(r.high), n(full));
      if (b == detail::kBelowRange)
        return pre + trf(l, "below the target range [{}, {}], falling to 0 at {}: {} marks",
                         "低于合理区间 [{}, {}]，至 {} 降为 0：得 {} 分", n(r.low), n(r.high), n(r.low_zero), pts());
      if (b == detail::kAboveRange)
        return pre + trf(l, "above the target range [{}, {}], falling to 0 at {}: {} marks",
                         "高于合理区间 [{}, {}]，至 {} 降为 0：得 {} 分", n(r.low), n(r.high), n(r.high_zero), pts());
      return pre + trf(l, "outside the target range [{}, {}] beyond the zero point: 0 marks",
                       "超出合理区间 [{}, {}] 的零分点：得 0 分", n(r.low), n(r.high));
    case RuleKind::kIdeal:
      return pre + trf(l, "distance {} from the ideal {}: {} marks", "与理想值 {1} 相差 {0}：得 {2} 分",
                       n(std::fabs(x - r.ideal)), n(r.ideal), pts());
    case RuleKind::kPiecewise: {
      const int s = b - detail::kSegmentBase;
      if (s <= 0)
        return pre + trf(l, "at or below the first breakpoint {}: {} marks", "不高于第一个分段点 {}：得 {} 分",
                         n(r.breakpoints.front().first), pts());
      if (s >= static_cast<int>(r.breakpoints.size()))
        return pre + trf(l, "at or above the last breakpoint {}: {} marks", "不低于最后一个分段点 {}：得 {} 分",
                         n(r.breakpoints.back().first), pts());
      return pre + trf(l, "between breakpoints ({}, {}) and ({}, {}): {} marks", "在分段点 ({}, {}) 与 ({}, {}) 之间：得 {} 分",
                       n(r.breakpoints[s - 1].first), n(r.breakpoints[s - 1].second), n(r.breakpoints[s].first),
                       n(r.breakpoints[s].second), pts());
    }
    case RuleKind::kBands:
      if (b == detail::kBelowRange)
        return pre + trf(l, "below every band (lowest starts at {}): {} marks", "低于所有档次（最低档自 {} 起）：得 {} 分",
                         n(r.breakpoints.front().first), pts());
      return pre + trf(l, "band from {}: {} marks", "自 {} 起的档次：得 {} 分", n(r.breakpoints[b - detail::kBandBase].first),
                       pts());
    case RuleKind::kDeduction: {
      double thr = r.threshold;
      std::string thr_text = n(thr);
      if (r.threshold_stat == ThresholdStat::kMedian)
        thr = c->median, thr_text = trf(l, "the cohort median {}", "同组中位数 {}", n(thr));
      if (r.threshold_stat == ThresholdStat::kMean) thr = c->mean, thr_text = trf(l, "the cohort mean {}", "同组均值 {}", n(thr));
      const bool cost = r.direction == Direction::kCost;
      if (b == detail::kFull)
        return pre + trf(l, "not {} {}: no deduction, full marks {}", "未{} {}：不扣分，得满分 {}",
                         cost ? tr(l, "above", "超过") : tr(l, "below", "低于"), thr_text, n(full));
      const double excess = std::fabs(x - thr);
      const std::string calc =
          trf(l, "{0} {1} by {3}: {4} - {5} x {3} / {6} = {7}", "{0} {1}，{2} {3}：{4} - {5} x {3} / {6} = {7}",
              cost ? tr(l, "above", "超过") : tr(l, "below", "低于"), thr_text, cost ? "超出" : "差", n(excess), n(full),
              n(r.deduct), n(r.per), n(full - r.deduct * excess / r.per));
      if (b == detail::kZero) return pre + calc + trf(l, ", floored at {} (扣完为止)", "，扣至 {} 为止（扣完为止）", n(r.floor));
      return pre + calc;
    }
    case RuleKind::kChecklist:
      return pre + trf(l, "checklist: {} of {} items: {} marks", "清单：{1} 项中完成 {0} 项：得 {2} 分", n(x), n(r.items), pts());
    case RuleKind::kCompliance:
      return pre + (b == detail::kYes ? trf(l, "compliant: full marks {}", "符合：得满分 {}", n(full))
                                      : trf(l, "not compliant: {} marks", "不符合：得 {} 分", n(r.no)));
    case RuleKind::kSurvey:
      return pre + trf(l, "survey score {} between {} (0) and {} (full): {} marks",
                       "测评分 {}，在 {}（0 分）与 {}（满分）之间：得 {} 分", n(x), n(r.zero_at), n(r.full_at), pts());
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
  for (std::size_t i = 0; i < result.size(); ++i)
    if (result.unit_ids.view(i) == unit_id) return explain_at(result, table, i);
  throw DataError(fmt::format("{}: no unit with id \"{}\"", table.file, unit_id));
}

Explanation explain_at(const ScoringResult& result, const Table& table, std::size_t u) {
  if (u >= result.size())
    throw OptionsError(fmt::format("explain_at: unit {} of a result of {} units", u, result.size()));
  const std::string unit_id(result.unit_ids.view(u));
  if (result.kept != Kept::kFull)
    throw OptionsError(fmt::format("explain: the result was evaluated with ScoringOptions::keep = {}; "
                                   "evaluate keeping full detail (Kept::kFull) to explain a unit",
                                   to_string(result.kept)));
  const PlanImpl& p = detail::PlanAccess::impl(result.plan);
  const IndicatorModel& m = p.model;
  const auto ui = static_cast<Eigen::Index>(u);
  const Language l = result.language;
  Explanation ex;
  ex.language = l;
  ex.unit_id = unit_id;
  ex.unit_name = result.unit_names.view(u);
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
    const bool veto = cap.max_grade == m.grades.back().name;
    ex.caps.push_back(trf(l, "{} ({}): {} {}{}", "{}（{}）：{}{}{}", cap.id, cap.when,
                          veto ? tr(l, "veto, grade", "一票否决，等级为") : tr(l, "at most", "等级至多为"), cap.max_grade,
                          cap.reason.empty() ? "" : trf(l, " - {}", " —— {}", cap.reason)));
    if (veto)
      ex.veto_rank = m.veto_rank == VetoRank::kLast
                         ? tr(l, "vetoed units are ranked after every other unit (veto_rank: last)",
                              "一票否决的单位排在其他所有单位之后（veto_rank: last）")
                         : tr(l, "a vetoed unit keeps its place by score (veto_rank: by_score)",
                              "一票否决的单位按得分保留名次（veto_rank: by_score）");
  }
  for (const auto& uc : result.unknown_caps)
    if (uc.unit == u) {
      const Cap& cap = m.caps[static_cast<std::size_t>(uc.cap)];
      ex.undecided_caps.push_back(trf(l, "{} ({}): condition unknown, data missing; {} (if_missing: {})",
                                      "{}（{}）：数据缺失，条件无法判断；{}（if_missing: {}）", cap.id, cap.when,
                                      uc.applied ? tr(l, "applied", "已适用") : tr(l, "not applied", "未适用"),
                                      to_string(cap.if_missing)));
    }
  ex.coverage = result.coverage.size() ? result.coverage[ui] : 1.0;
  ex.note = result.note(u);
  const auto& r = result.rounding;
  ex.rounding = r.scope == RoundingScope::kNone
                    ? tr(l, "no rounding", "不取舍")
                    : trf(l, "{} decimals, {}, applied to {}", "保留 {} 位小数，{}，用于{}", r.decimals,
                          l == Language::kZh ? (r.mode == RoundingMode::kHalfUp ? "四舍五入" : "银行家舍入")
                                             : std::string(to_string(r.mode)),
                          r.scope == RoundingScope::kIndicator ? tr(l, "each indicator's points and the total", "各指标得分及总分")
                                                               : tr(l, "the total only", "仅总分"));
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
        line.formula = trf(l, "column {}", "数据列 {}", table.columns[leaf.column]);
      } else {
        std::string inputs;
        for (std::size_t v = 0; v < leaf.formula.columns.size(); ++v)
          inputs += fmt::format("{}{} = {}", v ? ", " : "", leaf.formula.variables[v],
                                num(table.values(ui, leaf.formula.columns[v]), l));
        line.formula = trf(l, "{} with {}", "{}，其中 {}", leaf.formula.text, inputs);
      }
      const auto& stats = result.cohort_stats[static_cast<std::size_t>(j)];
      const CohortStats* cs = stats.size() == 1 ? &stats[0]
                              : stats.empty()   ? nullptr
                                                : &stats[static_cast<std::size_t>(result.unit_class[u])];
      CohortStats empty;
      line.branch = describe(leaf.rule, line.value, line.share, result.branches(ui, ji), cs ? cs : &empty, l);
    } else {
      const auto* mean = std::get_if<WeightedMean>(&node.scoring);
      line.branch = std::isnan(score) ? tr(l, "every child missing: skipped", "下级指标全部缺失：跳过")
                    : mean            ? trf(l, "{} mean of its children", "下级指标的{}平均", aggregation_words(mean->aggregation, l))
                                      : std::string();
      for (const auto& e : result.evaluations)
        if (e.group == node.id)
          line.branch = trf(l, "{} of its children x 100 ({} normalisation)", "下级指标的 {} x 100（{} 标准化）",
                            e.share_of.empty() ? e.method : e.share_of, e.normalization);
      for (const auto& g : result.weightings)
        if (g.group == node.id) {
          line.branch += trf(l, ", weighted by {}", "，权重由 {} 确定", g.method);
          if (!std::isnan(g.cr)) line.branch += trf(l, ", CR {:.4f}", "，一致性比率 CR {:.4f}", g.cr);
        }
    }
    ex.lines.push_back(std::move(line));
  }
  return ex;
}

std::string Explanation::text() const {
  const Language l = language;
  auto n = [l](double v) { return num(v, l); };
  std::string out = trf(l, "unit {}{}{}\n", "单位 {}{}{}\n", unit_id, unit_name.empty() ? "" : " " + unit_name,
                        unit_class.empty() ? "" : trf(l, " (class {})", "（类别 {}）", unit_class));
  if (std::isnan(total)) {
    out += note.substr(0, note.find(tr(l, ";", "；"))) + "\n";
  } else {
    out += trf(l, "total {} points, rank {}, rank in class {}, grade {}\n", "总分 {}，排名 {}，类内排名 {}，等级 {}\n",
               n(total), rank, class_rank, grade);
  }
  if (!caps.empty()) {
    out += trf(l, "grade by score {}; capped:\n", "按得分等级为 {}；受限于：\n", score_grade);
    for (const auto& c : caps) out += fmt::format("  - {}\n", c);
    if (!veto_rank.empty()) out += fmt::format("  {}\n", veto_rank);
  }
  if (!undecided_caps.empty()) {
    out += tr(l, "caps not decided (missing data):\n", "未能判断的限制条件（数据缺失）：\n");
    for (const auto& c : undecided_caps) out += fmt::format("  - {}\n", c);
  }
  if (coverage < 1) out += trf(l, "data coverage: {:.1f}%\n", "数据覆盖率：{:.1f}%\n", 100 * coverage);
  out += trf(l, "rounding: {}\n\n", "取舍规则：{}\n\n", rounding);
  for (const auto& line : lines) {
    const std::string indent(static_cast<std::size_t>(2 * (line.depth - 1)), ' ');
    if (!line.leaf) {
      out += trf(l, "{}{} {}: {} of {} points ({})\n", "{}{} {}：{} 分（满分 {}）（{}）\n", indent, line.node_id, line.name,
                 n(line.points), n(line.max_points), line.branch);
      continue;
    }
    if (std::isnan(line.share))
      out += trf(l, "{}{} {}: skipped of {} points\n", "{}{} {}：跳过（满分 {}）\n", indent, line.node_id, line.name,
                 n(line.max_points));
    else
      out += trf(l, "{}{} {}: {} of {} points\n", "{}{} {}：{} 分（满分 {}）\n", indent, line.node_id, line.name,
                 n(line.points), n(line.max_points));
    out += trf(l, "{}    value {} = {}\n", "{}    数值 {} = {}\n", indent, n(line.value), line.formula);
    out += trf(l, "{}    rule: {}\n", "{}    规则：{}\n", indent, line.branch);
    if (std::isnan(line.contribution) && !std::isnan(line.share))
      out += trf(l, "{}    contribution to the total: not additive (an evaluation method combines it)\n",
                 "{}    对总分的贡献：不可加（由评价方法合成）\n", indent);
    else
      out += trf(l, "{}    contribution to the total: {}\n", "{}    对总分的贡献：{}\n", indent, n(line.contribution));
  }
  return out;
}

bool ScoringResult::scored(std::size_t unit) const { return !std::isnan(total[static_cast<Eigen::Index>(unit)]); }

std::string ScoringResult::note(std::size_t unit) const {
  std::string out;
  const auto& m = plan.model();
  const auto u = static_cast<Eigen::Index>(unit);
  const Language l = language;
  if (!scored(unit)) {
    const double c = coverage.size() ? coverage[u] : 1.0;
    if (c < coverage_rule.min - 1e-12)
      out = trf(l, "not scored: data for {:.0f}% of the {} (minimum {:g}%)", "未计分：数据覆盖{1}的 {0:.0f}%（最低 {2:g}%）",
                std::floor(100 * c + 0.5),
                coverage_rule.of == CoverageBasis::kWeight ? tr(l, "weight", "权重") : tr(l, "indicators", "指标"),
                100 * coverage_rule.min);
    else
      out = tr(l, "not scored: every indicator is missing", "未计分：所有指标均缺失");
  }
  const auto first = std::lower_bound(unknown_caps.begin(), unknown_caps.end(), unit,
                                      [](const UnknownCap& c, std::size_t i) { return c.unit < i; });
  for (auto it = first; it != unknown_caps.end() && it->unit == unit; ++it) {
    const Cap& cap = m.caps[static_cast<std::size_t>(it->cap)];
    out += trf(l, "{}cap {} ({}) undecided, data missing: {}", "{}限制条件 {}（{}）因数据缺失无法判断：{}",
               out.empty() ? "" : tr(l, "; ", "；"), cap.id, cap.when,
               it->applied ? tr(l, "applied", "已适用") : tr(l, "not applied", "未适用"));
  }
  return out;
}

std::string ScoringResult::brief_report() const {
  const auto& m = plan.model();
  const Language l = language;
  std::size_t classes = 0;
  for (int c : unit_class) classes = std::max<std::size_t>(classes, static_cast<std::size_t>(c) + 1);
  const std::size_t capped = caps.capped_units().size();
  std::size_t with_score = 0;
  for (Eigen::Index i = 0; i < total.size(); ++i) with_score += std::isnan(total[i]) ? 0 : 1;
  const std::string units = with_score == size() ? trf(l, "{} units", "{} 个单位", size())
                                                 : trf(l, "{} of {} units", "{1} 个单位中的 {0} 个", with_score, size());
  std::string rounding_text = tr(l, "none", "不取舍");
  if (rounding.scope != RoundingScope::kNone)
    rounding_text = l == Language::kZh
                        ? fmt::format("{}保留 {} 位小数（{}）", rounding.scope == RoundingScope::kIndicator ? "各指标及总分" : "总分",
                                      rounding.decimals, rounding.mode == RoundingMode::kHalfUp ? "四舍五入" : "银行家舍入")
                        : fmt::format("{} to {} decimals {}", to_string(rounding.scope), rounding.decimals,
                                      to_string(rounding.mode));
  const std::string model_text = m.version.empty() ? m.id : m.id + " " + m.version;
  return trf(l, "scored {} on {} indicators ({} classes); model {}; rounding {}; {} capped; {} warnings",
             "已评分 {}，指标 {} 个（{} 个类别）；模型 {}；取舍：{}；受限 {} 个；警告 {} 条", units,
             plan.leaf_ids().size(), classes, model_text, rounding_text, capped, warnings.size()) +
         (weightings.empty() ? std::string()
                             : trf(l, "; {} group(s) weighted by methods", "；{} 组权重由方法确定", weightings.size()));
}

std::string ScoringResult::full_report() const {
  const Language l = language;
  const std::vector<std::size_t> order = detail::order_by_rank(rank);
  std::vector<std::string> head = {tr(l, "rank", "排名"),  tr(l, "id", "代码"),        tr(l, "name", "名称"),
                                         tr(l, "class", "类别"), tr(l, "score", "总分"),     tr(l, "grade", "等级"),
                                         tr(l, "in cls", "类内"), tr(l, "caps", "限制条件"), ""};
  std::vector<std::vector<std::string>> rows;
  rows.reserve(size());
  for (std::size_t i : order) {
    std::string capnames;
    for (int c : caps[i]) capnames += (capnames.empty() ? "" : ",") + plan.model().caps[static_cast<std::size_t>(c)].id;
    const double t = total[static_cast<Eigen::Index>(i)];
    rows.push_back({rank[i] ? std::to_string(rank[i]) : "-", unit_ids[i], unit_names[i], class_name(i),
                    std::isnan(t) ? std::string("-") : fmt::format("{:.2f}", t), grade_name(i),
                    class_rank[i] ? std::to_string(class_rank[i]) : "-", capnames,
                    scored(i) && unknown_caps.empty() ? std::string() : note(i)});
  }
  // Columns empty for every unit (no names, no classes, no caps) are left out.
  std::vector<bool> right = {true, false, false, false, true, false, true, false, false};
  for (std::size_t c = head.size(); c-- > 0;) {
    if (!head[c].empty() && c != 2 && c != 3 && c != 7) continue;
    if (std::any_of(rows.begin(), rows.end(), [c](const auto& r) { return !r[c].empty(); })) continue;
    head.erase(head.begin() + static_cast<std::ptrdiff_t>(c));
    right.erase(right.begin() + static_cast<std::ptrdiff_t>(c));
    for (auto& r : rows) r.erase(r.begin() + static_cast<std::ptrdiff_t>(c));
  }
  std::string out = brief_report() + "\n";
  out += detail::text_table(head, rows, right);
  for (const auto& e : evaluations) {
    std::string params;
    for (const auto& [k, v] : e.parameters) params += fmt::format(", {} = {:g}", k, v);
    out += trf(l, "{} scored by {} ({}{})\n", "{} 由 {} 计分（{}{}）\n",
               e.group.empty() ? std::string(tr(l, "the total", "总分")) : e.group, e.method, e.normalization, params);
  }
  for (const auto& g : weightings) {
    out += trf(l, "weights of {} by {}:", "{} 的权重由 {} 确定：",
               g.group.empty() ? std::string(tr(l, "the top level", "一级指标")) : g.group, g.method);
    for (std::size_t k = 0; k < g.children.size(); ++k)
      out += fmt::format(" {} {:.4f}", g.children[k], g.weights[static_cast<Eigen::Index>(k)]);
    if (!std::isnan(g.cr))
      out += trf(l, " (CR {:.4f}{})", "（CR {:.4f}{}）", g.cr, g.consistent ? "" : tr(l, ", inconsistent", "，不一致"));
    out += "\n";
  }
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

std::string ScoringResult::branch_name(std::uint8_t code) { return detail::branch_name(code); }

}  // namespace staffeval
