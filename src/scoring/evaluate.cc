// Evaluating a plan over a table: values, missing data, rules, aggregation, rounding, ranks, grades.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "common/language.h"
#include "common/large_buffer.h"
#include "common/numeric.h"
#include "common/tasks.h"
#include "scoring/evaluate.h"
#include "scoring/kernels.h"
#include "scoring/plan.h"
#include "scoring/rank.h"
#include "scoring/rules.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using detail::PlanImpl;

MissingPolicy policy_of(const PlanImpl& plan, const detail::LeafPlan& leaf,
                        const ScoringOptions& options) {
  if (leaf.own_missing) return *leaf.own_missing;
  if (options.missing) return *options.missing;
  return plan.model.missing;
}

using detail::ChildColumn;

// Aggregates one group's children into `out` (0-100 index). Loops run child by child over all
// units, so every unit's arithmetic is the same sequence of operations whatever its position
// (no SIMD-tail differences between equal rows). Without missing children the weights are
// normalised once; otherwise missing children are skipped and the others renormalised per unit.
void aggregate(const detail::GroupPlan& g, const Eigen::VectorXd& w, const std::vector<ChildColumn>& cols,
               const PlanImpl& plan, const SharedStrings& ids, std::size_t first, std::size_t n, double* out,
               detail::Workspace* ws) {
  const Aggregation agg = g.aggregation;
  const double p = g.power;
  const std::string& gid = g.node < 0 ? std::string("(model)") : plan.node_ids[g.node];
  double wtotal = 0, wmax = 0;
  bool any_nan = false;
  for (std::size_t k = 0; k < cols.size(); ++k) {
    wtotal += w[g.edges[k]];
    wmax = std::max(wmax, w[g.edges[k]]);
    any_nan = any_nan || (cols[k].has_nan && w[g.edges[k]] != 0);
  }
  // Relative weights near the top of the double range would overflow their sum: they are then
  // used times a power of two (exact; the normalised weights are the same).
  double wscale = 1.0;
  if (!std::isfinite(wtotal)) {
    wscale = detail::pow2_scale(wmax);
    wtotal = 0;
    for (std::size_t k = 0; k < cols.size(); ++k) wtotal += w[g.edges[k]] * wscale;
  }
  if (agg == Aggregation::kArithmetic && !any_nan && wtotal > 0) {
    // The first weighted child writes 0 + c * s (the same IEEE result as adding it to zeros).
    bool first = true;
    for (std::size_t k = 0; k < cols.size(); ++k) {
      const double c = cols[k].scale * (w[g.edges[k]] * wscale) / wtotal;
      if (c == 0) continue;
      if (cols[k].minmax) detail::minmax_accumulate(cols[k].data, n, *cols[k].minmax, c, first, out);
      else if (first) detail::scale_into(c, cols[k].data, n, out);
      else detail::axpy(c, cols[k].data, n, out);
      first = false;
    }
    if (first) std::fill_n(out, n, 0.0);
    return;
  }
  ws->acc.assign(n, 0.0);
  ws->wsum.assign(n, 0.0);
  double* a = ws->acc.data();
  double* sw = ws->wsum.data();
  auto child_error = [&](std::size_t k, std::size_t i, const char* what) {
    return ComputeError(fmt::format(
        "node \"{}\": {} needs scores > 0, but unit \"{}\" has {} = {} (use arithmetic "
        "aggregation, or a rule range above 0)",
        gid, what, ids.view(first + i), plan.node_ids[g.children[k]], cols[k].scale * cols[k].data[i]));
  };
  for (std::size_t k = 0; k < cols.size(); ++k) {
    const double wk = w[g.edges[k]] * wscale;
    if (wk == 0) continue;
    const double* s = cols[k].data;
    const double sc = cols[k].scale;
    switch (agg) {
      case Aggregation::kArithmetic:
        for (std::size_t i = 0; i < n; ++i)
          if (!std::isnan(s[i])) {
            a[i] += wk * (sc * s[i]);
            sw[i] += wk;
          }
        break;
      case Aggregation::kGeometric:
      case Aggregation::kHarmonic:
        for (std::size_t i = 0; i < n; ++i) {
          if (std::isnan(s[i])) continue;
          const double v = sc * s[i];
          if (!(v > 0)) throw child_error(k, i, agg == Aggregation::kGeometric ? "a geometric mean" : "a harmonic mean");
          a[i] += agg == Aggregation::kGeometric ? wk * std::log(v) : wk / v;
          sw[i] += wk;
        }
        break;
      case Aggregation::kPower:
        for (std::size_t i = 0; i < n; ++i) {
          if (std::isnan(s[i])) continue;
          const double v = sc * s[i];
          if (p < 0 && !(v > 0)) throw child_error(k, i, "a power mean with p < 0");
          a[i] += wk * std::pow(v, p);
          sw[i] += wk;
        }
        break;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(sw[i] > 0)) {
      out[i] = kNaN;
      continue;
    }
    switch (agg) {
      case Aggregation::kArithmetic: out[i] = a[i] / sw[i]; break;
      case Aggregation::kGeometric: out[i] = std::exp(a[i] / sw[i]); break;
      case Aggregation::kHarmonic: out[i] = sw[i] / a[i]; break;
      case Aggregation::kPower: out[i] = std::pow(a[i] / sw[i], 1.0 / p); break;
    }
  }
}

}  // namespace

double round_to(double x, int decimals, RoundingMode mode) {
  if (!std::isfinite(x)) return x;
  // Powers of ten up to 1e22 are exact doubles: the table gives what std::pow does, without the call.
  static constexpr double kPowers[] = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12};
  const double scale = decimals >= 0 && decimals <= 12 ? kPowers[decimals] : std::pow(10.0, decimals);
  const double s = x * scale;
  const double frac = s - std::floor(s);
  // Far from a tie the binary product decides safely; near one, judge on the 15-digit decimal
  // form of x (what a spreadsheet shows), so 1.005 is a tie and 6.625 too.
  if (std::fabs(frac - 0.5) > 1e-6) return std::round(s) / scale;
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.14e", std::fabs(x));
  const std::string t(buf);
  std::string digits = t.substr(0, 1) + t.substr(2, 14);
  const int exponent = std::atoi(t.c_str() + t.find('e') + 1);
  const int keep = exponent + 1 + decimals;
  if (keep >= 15) return x;
  if (keep < 0) return 0.0;
  long long k = keep > 0 ? std::stoll(digits.substr(0, static_cast<std::size_t>(keep))) : 0;
  const char next = digits[static_cast<std::size_t>(keep)];
  const bool rest_zero =
      digits.find_first_not_of('0', static_cast<std::size_t>(keep) + 1) == std::string::npos;
  bool up = next > '5' || (next == '5' && !rest_zero);
  if (next == '5' && rest_zero) up = mode == RoundingMode::kHalfUp || (k % 2 != 0);
  if (up) ++k;
  const double r = static_cast<double>(k) / scale;
  return x < 0 ? -r : r;
}

void ScoringOptions::validate() const {
  if (threads < 0)
    throw OptionsError("ScoringOptions::threads", fmt::format("{}", threads), "must be >= 0 (0 = one per core)");
  if (rounding && (rounding->decimals < 0 || rounding->decimals > 12))
    throw OptionsError("ScoringOptions::rounding.decimals", fmt::format("{}", rounding->decimals), "must be in [0, 12]");
  if (min_coverage && !(*min_coverage >= 0 && *min_coverage <= 1))
    throw OptionsError("ScoringOptions::min_coverage", fmt::format("{}", *min_coverage), "must be in [0, 1]");
  for (Eigen::Index e = 0; e < edge_weights.size(); ++e)
    if (!std::isfinite(edge_weights[e]) || edge_weights[e] < 0)
      throw OptionsError(fmt::format("ScoringOptions::edge_weights[{}] = {}: must be finite and >= 0",
                                     e, edge_weights[e]));
}

namespace {

// What evaluate() learns about a leaf over the whole table before the blockwise pass.
struct LeafPrep {
  const double* src = nullptr;      // raw values (table column, or a formula / imputed column)
  const double* original = nullptr;  // values before imputation (to flag imputed units)
  const int* cohort = nullptr;
  int k = 1;
  MissingPolicy policy = MissingPolicy::kSkip;
  std::size_t missing = 0;          // NaN raw values before imputation
  bool has_nan = false;             // some unit keeps a NaN share (skipped)
  bool precomputed = false;         // shares and branches already in full columns (percentile)
  std::vector<double> values;       // owned raw values when not a table column
  std::vector<double> unimputed;    // owned values before imputation (formula leaves)
  std::vector<double> shares;       // precomputed shares
  std::vector<std::uint8_t> branches;
};

// Groups scored by evaluation methods compare units over whole columns, so they run after the
// blocks, children first: each such group's column from its children's columns (100 x the
// method's index; VIKOR 100 x (1 - Q)), and every plain group above one of them aggregated again
// over the whole column.
void apply_methods(const PlanImpl& plan, const Eigen::VectorXd& w, const Table& table,
                   const std::vector<std::uint32_t>& excluded, ScoringResult* res, detail::Workspace* ws) {
  const std::size_t n = table.size();
  // Units not scored (too little data) take no part in a method's comparison.
  // Their ids are the table's (shared, not copied) when every unit takes part.
  std::vector<std::size_t> keep;
  SharedStrings keep_ids = table.ids;
  {
    std::vector<char> out(n, 0);
    for (std::uint32_t i : excluded) out[i] = 1;
    std::vector<std::string> some;
    for (std::size_t i = 0; i < n; ++i)
      if (!out[i]) {
        keep.push_back(i);
        if (!excluded.empty()) some.emplace_back(table.ids.view(i));
      }
    if (!excluded.empty()) keep_ids = std::move(some);
  }
  const auto K = static_cast<Eigen::Index>(keep.size());
  std::vector<bool> changed(plan.groups.size(), false);
  res->evaluations.clear();
  auto column = [&](int child) -> const double* {
    const int leaf = plan.node_leaf[child];
    return leaf >= 0 ? res->leaf_shares.col(leaf).data() : res->group_scores.col(plan.node_group[child]).data();
  };
  auto process = [&](const detail::GroupPlan& g, double* out) {
    bool below = false;
    for (int child : g.children)
      below = below || (plan.node_leaf[child] < 0 && changed[static_cast<std::size_t>(plan.node_group[child])]);
    if (!g.scorer && !below) return false;
    if (!g.scorer) {
      std::vector<ChildColumn> cols;
      for (int child : g.children)
        cols.push_back({column(child), plan.node_leaf[child] >= 0 ? 100.0 : 1.0, true});
      aggregate(g, w, cols, plan, table.ids, 0, n, out, ws);
      return true;
    }
    Eigen::MatrixXd x(K, static_cast<Eigen::Index>(g.children.size()));
    Eigen::VectorXd weights(static_cast<Eigen::Index>(g.children.size()));
    std::vector<std::string> names;
    for (std::size_t k = 0; k < g.children.size(); ++k) {
      const int child = g.children[k];
      const double scale = plan.node_leaf[child] >= 0 ? 1.0 : 0.01;  // children on [0, 1]
      const double* c = column(child);
      for (Eigen::Index r = 0; r < K; ++r) x(r, static_cast<Eigen::Index>(k)) = c[keep[static_cast<std::size_t>(r)]] * scale;
      weights[static_cast<Eigen::Index>(k)] = w[g.edges[k]];
      names.push_back(plan.node_ids[static_cast<std::size_t>(child)]);
    }
    GroupEvaluation e;
    e.group = g.node < 0 ? std::string() : plan.node_ids[static_cast<std::size_t>(g.node)];
    Eigen::VectorXd scores;
    g.scorer->score(x, keep_ids, names, weights, &scores, &e);
    for (std::uint32_t i : excluded) out[i] = kNaN;
    for (Eigen::Index k = 0; k < K; ++k) out[keep[static_cast<std::size_t>(k)]] = scores[k];
    res->evaluations.push_back(std::move(e));
    return true;
  };
  for (std::size_t gi = 0; gi < plan.groups.size(); ++gi)
    changed[gi] = process(plan.groups[gi], res->group_scores.col(static_cast<Eigen::Index>(gi)).data());
  process(plan.root, res->total.data());
  for (const auto& e : res->evaluations)
    for (const auto& wmsg : e.warnings)
      res->warnings.push_back(detail::trf(res->language, "{} of {}: {}", "{1} 的 {0}：{2}", e.method,
                                          e.group.empty() ? std::string(detail::tr(res->language, "the top level", "一级指标"))
                                                          : e.group,
                                          wmsg));
}

// Rows per block of the scoring pass: a block's shares of every leaf stay in cache while the
// groups are aggregated. Without kept shares the block's scratch must stay in L2 next to the
// streamed input, so blocks are smaller; with kept shares larger blocks stream better.
constexpr std::size_t kBlockKept = 16384;
constexpr std::size_t kBlockScratch = 4096;

// One evaluation's state, shared by its phases (evaluate_once() runs them in order).
struct Evaluation {
  Evaluation(const PlanImpl& p, const Table& t, const ScoringOptions& o, ScoringResult& r, detail::Workspace& s,
             const Eigen::VectorXd& weights)
      : plan(p), table(t), options(o), res(r), ws(s), w(weights) {}
  const PlanImpl& plan;
  const Table& table;
  const ScoringOptions& options;
  ScoringResult& res;
  detail::Workspace& ws;
  const Eigen::VectorXd& w;  // edge weights in use
  std::size_t n = 0, L = 0;  // units, leaves
  int nclass = 1;
  std::size_t threads = 1;
  bool peers = false;        // cohorts by class
  bool shares_kept = false;
  bool full_kept = false;
  bool shares_over_values = false;  // each leaf's shares are written over its own table column
  std::vector<LeafPrep> prep;                      // per leaf
  std::vector<std::vector<std::string>> leaf_warnings;
  std::vector<char> stats_done;                    // per leaf: cohort statistics final
  std::vector<std::uint32_t> excluded;             // units below the minimum coverage
  std::vector<int> class_ex, all_ex;               // cohorts with the excluded units apart
  int extra = 0;                                   // 1 when the excluded units form a cohort
  std::vector<bool> group_has_nan;
  std::vector<std::unique_ptr<detail::MinMaxMap>> fused;  // min-max leaves scored in their parent
  std::size_t unscored = 0;

  // The phases, in the order evaluate_once() runs them.
  void warn_missing_classes();  // peer groups asked for without a class column
  void read_leaves();           // pass 1a: raw values, missing data
  void apply_coverage();        // units with too little data leave every cohort
  void settle_missing();        // pass 1b: the missing-value policy, cohort statistics
  bool can_score_in_place() const;  // see evaluate_once()
  void plan_blocks();           // which leaves are scored inside their parent's mean
  void score_blocks();          // pass 2: shares and group scores, block by block
  void finish_totals();         // evaluation methods, exclusions, scale, rounding
  void grade_and_cap();         // the last phase to read the table's values
  void rank();
  void place_vetoed();
  void summarise();             // what the evaluation leaves out says so
};

// Peer groups asked for, but the data has no class column: say so, since the cohorts (and so
// the scores) are then the whole table.
void Evaluation::warn_missing_classes() {
  const bool no_classes_by_design = plan.model.class_column && plan.model.class_column->empty();
  if (options.peer_groups && !table.has_class_column && !no_classes_by_design) {
    bool peer_relative = false;
    for (const auto& leaf : plan.leaves) {
      const Rule& r = leaf.rule;
      const bool relative = r.kind == RuleKind::kMinMax || r.kind == RuleKind::kZScore || r.kind == RuleKind::kPercentile ||
                            r.kind == RuleKind::kDistanceToBest || r.kind == RuleKind::kProportional ||
                            (r.kind == RuleKind::kIdeal && std::isnan(r.tolerance)) ||
                            (r.kind == RuleKind::kDeduction && r.threshold_stat != ThresholdStat::kFixed);
      const MissingPolicy policy = policy_of(plan, leaf, options);
      peer_relative = peer_relative || (relative && r.cohort == Cohort::kPeerGroup) ||
                      policy == MissingPolicy::kPeerMean || policy == MissingPolicy::kPeerMedian;
    }
    if (peer_relative)
      res.warnings.push_back(detail::trf(res.language,
                                         "{}: no class column (\"{}\"): the peer-group rules compare every unit with all "
                                         "units (name the column in the model's data.class to make it required)",
                                         "{}：没有类别列（“{}”）：按同类比较的规则改为与全部单位比较（在模型的 data.class "
                                         "中写明该列即可要求数据提供）",
                                         table.file, plan.model.class_column.value_or("class")));
  }
}

void Evaluation::read_leaves() {
  // Pass 1a, per leaf over all units (leaves in parallel): raw values and missing data. Column
  // leaves get their cohort statistics here too (they count the present values); warnings are
  // kept per leaf and reported in leaf order.
  detail::parallel_for(L, threads, [&](std::size_t j, std::size_t) {
    const detail::LeafPlan& leaf = plan.leaves[j];
    LeafPrep& lp = prep[j];
    const bool by_class = peers && leaf.rule.cohort == Cohort::kPeerGroup;
    lp.cohort = by_class ? table.unit_class.data() : ws.zeros.data();
    lp.k = by_class ? nclass : 1;
    lp.policy = policy_of(plan, leaf, options);
    const Rule& r = leaf.rule;
    if (leaf.column >= 0) {
      lp.src = table.values.col(leaf.column).data();
      // The cohort statistics count the present values: no separate pass for the missing ones.
      res.cohort_stats[j] = detail::cohort_statistics(lp.src, n, lp.cohort, lp.k, detail::needs_median(r),
                                                      r.kind == RuleKind::kZScore, detail::needs_mean(r));
      std::size_t present = 0;
      for (const auto& c : res.cohort_stats[j]) present += static_cast<std::size_t>(c.count);
      lp.missing = n - present;
      stats_done[j] = 1;
    } else {
      lp.values.resize(n);
      std::size_t bad = 0, first = 0;
      lp.missing = detail::formula_values(leaf, table, lp.values.data(), &bad, &first);
      if (bad)
        leaf_warnings[j].push_back(fmt::format(
            "{}:{}: indicator \"{}\" = {}: no finite value within ±1e300 for {} unit(s) (zero denominator?), "
            "first \"{}\"; treated as missing",
            table.file, table.rows[first], plan.leaf_ids[j], leaf.formula.text, bad, table.ids.view(first)));
      lp.src = lp.values.data();
    }
    lp.original = lp.src;
  });
}

void Evaluation::apply_coverage() {
  const auto N = static_cast<Eigen::Index>(n);
  // Data coverage: units whose observed values fall short of the minimum are not scored and
  // leave every cohort (an extra cohort index holds them), so that a totals row or an empty
  // template row cannot move anyone else's score.
  res.coverage_rule = plan.model.coverage;
  if (options.min_coverage) res.coverage_rule.min = *options.min_coverage;
  if (options.coverage_basis) res.coverage_rule.of = *options.coverage_basis;
  res.coverage.resize(N);
  detail::populate_for_writing(res.coverage.data(), n * sizeof(double));
  res.coverage.setOnes();
  if (std::any_of(prep.begin(), prep.end(), [](const LeafPrep& lp) { return lp.missing > 0; })) {
    Eigen::VectorXd leaf_weight(static_cast<Eigen::Index>(L));
    if (res.coverage_rule.of == CoverageBasis::kWeight) {
      const Eigen::VectorXd g = detail::global_weights(plan, w);
      for (std::size_t j = 0; j < L; ++j) leaf_weight[static_cast<Eigen::Index>(j)] = g[plan.leaves[j].node];
    } else {
      leaf_weight.setOnes();
    }
    const double total_weight = leaf_weight.sum();
    // Blocks of units on every core: each unit's shares come off in leaf order, as one pass
    // over the units would take them, and the units short of the minimum join in unit order.
    constexpr std::size_t kBlock = std::size_t{1} << 16;
    std::vector<std::vector<std::uint32_t>> short_of((n + kBlock - 1) / kBlock);
    double* coverage = res.coverage.data();
    detail::parallel_for(short_of.size(), threads, [&](std::size_t b, std::size_t) {
      const std::size_t lo = b * kBlock, hi = std::min(n, lo + kBlock);
      for (std::size_t j = 0; j < L; ++j) {
        if (prep[j].missing == 0 || !(total_weight > 0)) continue;
        const double wj = leaf_weight[static_cast<Eigen::Index>(j)] / total_weight;
        const double* src = prep[j].src;
        for (std::size_t i = lo; i < hi; ++i)
          if (std::isnan(src[i])) coverage[i] -= wj;
      }
      for (std::size_t i = lo; i < hi; ++i) {
        coverage[i] = std::max(0.0, coverage[i]);
        // Shares are sums of weights: a hair of rounding must not decide a unit's fate.
        if (coverage[i] < res.coverage_rule.min - 1e-12) short_of[b].push_back(static_cast<std::uint32_t>(i));
      }
    });
    for (const auto& units : short_of) excluded.insert(excluded.end(), units.begin(), units.end());
  }
  // Cohort indices with the excluded units moved to an extra, last cohort.
  if (!excluded.empty()) {
    class_ex = table.unit_class;
    all_ex.assign(n, 0);
    for (std::uint32_t i : excluded) {
      class_ex[i] = nclass;
      all_ex[i] = 1;
    }
  }
  extra = excluded.empty() ? 0 : 1;
}

void Evaluation::settle_missing() {
  // Pass 1b, per leaf: the missing-value policy (fail, imputation) and the cohort statistics.
  detail::parallel_for(L, threads, [&](std::size_t j, std::size_t) {
    const detail::LeafPlan& leaf = plan.leaves[j];
    const std::string& lid = plan.leaf_ids[j];
    LeafPrep& lp = prep[j];
    const Rule& r = leaf.rule;
    if (extra) {
      const bool by_class = lp.k > 1;
      lp.cohort = by_class ? class_ex.data() : all_ex.data();
      lp.k += 1;
      stats_done[j] = 0;
    }
    const std::size_t missing = lp.missing;
    std::size_t imputed = 0;
    if (missing && lp.policy == MissingPolicy::kFail) {
      for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(lp.src[i]))
          throw DataError(fmt::format(
              "{}:{}: unit \"{}\", indicator \"{}\" ({}): value missing and the missing-value "
              "policy is fail",
              table.file, table.rows[i], table.ids.view(i), lid,
              leaf.column >= 0 ? table.columns[leaf.column] : leaf.formula.text));
    }
    if (missing && (lp.policy == MissingPolicy::kMean || lp.policy == MissingPolicy::kMedian ||
                    lp.policy == MissingPolicy::kPeerMean || lp.policy == MissingPolicy::kPeerMedian)) {
      const bool by_peer = (lp.policy == MissingPolicy::kPeerMean || lp.policy == MissingPolicy::kPeerMedian) &&
                           table.has_class_column;
      const bool med = lp.policy == MissingPolicy::kMedian || lp.policy == MissingPolicy::kPeerMedian;
      const int* grp = by_peer ? (extra ? class_ex.data() : table.unit_class.data()) : (extra ? all_ex.data() : ws.zeros.data());
      const auto fill = detail::cohort_statistics(lp.src, n, grp, (by_peer ? nclass : 1) + extra, med, false, !med);
      std::vector<double> filled(lp.src, lp.src + n);
      std::size_t unfilled = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(filled[i])) {
          filled[i] = med ? fill[static_cast<std::size_t>(grp[i])].median : fill[static_cast<std::size_t>(grp[i])].mean;
          if (std::isnan(filled[i])) ++unfilled;
          else ++imputed;
        }
      if (unfilled)
        leaf_warnings[j].push_back(detail::trf(res.language,
            "indicator \"{}\": {} missing value(s) could not be imputed (no values in the "
            "cohort); skipped",
            "指标“{}”：{} 个缺失值无法插补（同组没有数值）；已跳过", lid, unfilled));
      // The values before imputation stay reachable to flag imputed units.
      if (leaf.column < 0) {
        lp.unimputed = std::move(lp.values);
        lp.original = lp.unimputed.data();
      }
      lp.values = std::move(filled);
      lp.src = lp.values.data();
      stats_done[j] = 0;  // imputed values join the cohort
    }
    if (!stats_done[j])
      res.cohort_stats[j] = detail::cohort_statistics(lp.src, n, lp.cohort, lp.k, detail::needs_median(r),
                                                      r.kind == RuleKind::kZScore, detail::needs_mean(r));
    lp.has_nan = missing > imputed && lp.policy != MissingPolicy::kZero;
    if (r.kind == RuleKind::kPercentile) {
      // Ranks need the whole cohort at once: score the column now, copy it in the blocks.
      lp.shares.resize(n);
      lp.branches.resize(n);
      detail::apply_rule(r, lp.src, n, lp.cohort, lp.k, lp.shares.data(), lp.branches.data(),
                         &res.cohort_stats[j], true);
      lp.precomputed = true;
    }
  });
  for (auto& lw : leaf_warnings)
    for (auto& wmsg : lw) res.warnings.push_back(std::move(wmsg));
}

bool Evaluation::can_score_in_place() const {
  if (options.keep != Kept::kShares || !plan.caps.empty() || plan.has_methods ||
      table.values.cols() != static_cast<Eigen::Index>(L))
    return false;
  for (std::size_t j = 0; j < L; ++j) {
    const LeafPrep& lp = prep[j];
    if (plan.leaves[j].column != static_cast<int>(j) || lp.src != table.values.col(static_cast<Eigen::Index>(j)).data() ||
        lp.original != lp.src)
      return false;
  }
  return true;
}

void Evaluation::plan_blocks() {
  const RoundingPolicy& rnd = res.rounding;
  // Pass 2, block by block: shares of every leaf, then every group, while the block is in cache.
  group_has_nan.assign(plan.groups.size(), false);
  for (std::size_t gi = 0; gi < plan.groups.size(); ++gi)
    for (int child : plan.groups[gi].children) {
      const int leaf = plan.node_leaf[child];
      group_has_nan[gi] = group_has_nan[gi] ||
                          (leaf >= 0 ? prep[static_cast<std::size_t>(leaf)].has_nan
                                     : group_has_nan[static_cast<std::size_t>(plan.node_group[child])]);
    }
  // Totals only: a min-max leaf of one cohort, without missing values, whose one parent takes a
  // weighted arithmetic mean of complete children, is scored inside that mean (kernel
  // minmax_accumulate): its shares never go through memory. The arithmetic is the same.
  fused.resize(L);
  if (!shares_kept && rnd.scope != RoundingScope::kIndicator) {
    std::vector<int> parents(plan.node_ids.size(), 0);
    auto complete = [&](const detail::GroupPlan& g) {
      double wsum = 0;
      bool ok = g.aggregation == Aggregation::kArithmetic && !g.scorer;
      for (std::size_t k = 0; k < g.children.size(); ++k) {
        const int child = g.children[k];
        ++parents[static_cast<std::size_t>(child)];
        wsum += w[g.edges[k]];
        const int leaf = plan.node_leaf[child];
        ok = ok && !(leaf >= 0 ? prep[static_cast<std::size_t>(leaf)].has_nan
                               : group_has_nan[static_cast<std::size_t>(plan.node_group[child])]);
      }
      return ok && wsum > 0;
    };
    std::vector<char> fusable_parent(plan.node_ids.size(), 0);
    for (const auto& g : plan.groups)
      if (complete(g))
        for (int child : g.children) fusable_parent[static_cast<std::size_t>(child)] = 1;
    if (complete(plan.root))
      for (int child : plan.root.children) fusable_parent[static_cast<std::size_t>(child)] = 1;
    for (std::size_t j = 0; j < L; ++j) {
      const detail::LeafPlan& leaf = plan.leaves[j];
      const LeafPrep& lp = prep[j];
      const auto node = static_cast<std::size_t>(leaf.node);
      const Rule& r = leaf.rule;
      if (r.kind != RuleKind::kMinMax || lp.k != 1 || lp.precomputed || lp.missing != 0 ||
          parents[node] != 1 || !fusable_parent[node])
        continue;
      const CohortStats& st = res.cohort_stats[j][0];
      if (!(st.max > st.min) || !std::isfinite(1.0 / (st.max - st.min))) continue;
      // The same map apply_rule hands to minmax_shares.
      const double lo = r.range_low / 100.0, hi = r.range_high / 100.0;
      fused[j] = std::make_unique<detail::MinMaxMap>(
          detail::minmax_map(st.min, st.max, r.direction == Direction::kBenefit, lo, hi - lo));
    }
  }
}

void Evaluation::score_blocks() {
  const auto N = static_cast<Eigen::Index>(n);
  const RoundingPolicy& rnd = res.rounding;
  res.total.resize(N);
  detail::populate_for_writing(res.total.data(), n * sizeof(double));  // written whole below
  // Blocks are independent (pass 1 fixed every cohort statistic), so they run in parallel with
  // a scratch space per thread; a unit's arithmetic does not depend on the thread or block.
  const std::size_t kBlock = shares_kept ? kBlockKept : kBlockScratch;
  const std::size_t blocks = (n + kBlock - 1) / kBlock;
  // Per-thread scratch lives in the result's workspace, so repeated evaluations reuse it.
  auto& scratch = ws.per_thread;
  const std::size_t nthreads = std::max<std::size_t>(1, std::min(threads, blocks));
  while (scratch.size() < nthreads) scratch.push_back(std::make_unique<detail::Workspace>());
  const std::size_t rows_per_block = std::min(kBlock, n);
  for (std::size_t t = 0; t < nthreads; ++t) {
    scratch[t]->block_shares.resize(shares_kept ? 0 : rows_per_block * L);
    scratch[t]->block_branches.resize(full_kept ? 0 : rows_per_block);
  }
  detail::parallel_for(blocks, nthreads, [&](std::size_t blk, std::size_t t) {
    detail::Workspace& sc = *scratch[t];
    const std::size_t b = blk * kBlock;
    const std::size_t m = std::min(kBlock, n - b);
    const auto bi = static_cast<Eigen::Index>(b);
    auto share_block = [&](std::size_t j) {
      return shares_kept ? res.leaf_shares.col(static_cast<Eigen::Index>(j)).data() + b
                         : sc.block_shares.data() + j * rows_per_block;
    };
    for (std::size_t j = 0; j < L; ++j) {
      if (fused[j]) continue;  // scored inside its parent's mean
      const detail::LeafPlan& leaf = plan.leaves[j];
      const LeafPrep& lp = prep[j];
      // The raw values are copied into the result only when it keeps them; the rule reads them
      // where they are.
      const double* x = lp.src + b;
      if (full_kept) {
        double* kept = res.leaf_values.col(static_cast<Eigen::Index>(j)).data() + b;
        std::copy_n(x, m, kept);
        x = kept;  // just copied: read it back from cache
      }
      double* sh = share_block(j);
      std::uint8_t* br = full_kept ? res.branches.col(static_cast<Eigen::Index>(j)).data() + b
                                   : sc.block_branches.data();
      if (lp.precomputed) {
        std::copy_n(lp.shares.data() + b, m, sh);
        std::copy_n(lp.branches.data() + b, m, br);
      } else {
        // Complete statistics: apply_rule only reads them, so threads may share them.
        detail::apply_rule(leaf.rule, x, m, lp.cohort + b, lp.k, sh, br, &res.cohort_stats[j], true,
                           full_kept);
      }
      if (lp.original != lp.src)
        for (std::size_t i = 0; i < m; ++i)
          if (std::isnan(lp.original[b + i]) && !std::isnan(x[i])) br[i] |= detail::kImputedFlag;
      // Over its own values (shares_over_values: x is sh), x[i] is now the share, NaN exactly
      // where the value was missing: every rule writes NaN for a missing value, and only then.
      if (lp.policy == MissingPolicy::kZero)
        for (std::size_t i = 0; i < m; ++i)
          if (std::isnan(x[i])) {
            sh[i] = 0.0;
            br[i] = detail::kMissingZero;
          }
      if (rnd.scope == RoundingScope::kIndicator && leaf.points > 0)
        for (std::size_t i = 0; i < m; ++i)
          if (!std::isnan(sh[i])) sh[i] = round_to(sh[i] * leaf.points, rnd.decimals, rnd.mode) / leaf.points;
    }
    auto columns_of = [&](const detail::GroupPlan& g) -> const std::vector<ChildColumn>& {
      sc.cols.clear();
      for (int child : g.children) {
        const int leaf = plan.node_leaf[child];
        if (leaf >= 0) {
          const auto j = static_cast<std::size_t>(leaf);
          if (fused[j]) sc.cols.push_back({prep[j].src + b, 100.0, false, fused[j].get()});
          else sc.cols.push_back({share_block(j), 100.0, prep[j].has_nan});
        } else {
          const int gi = plan.node_group[child];
          sc.cols.push_back({res.group_scores.col(gi).data() + b, 1.0, group_has_nan[static_cast<std::size_t>(gi)]});
        }
      }
      return sc.cols;
    };
    for (std::size_t gi = 0; gi < plan.groups.size(); ++gi)
      aggregate(plan.groups[gi], w, columns_of(plan.groups[gi]), plan, table.ids, b, m,
                res.group_scores.col(static_cast<Eigen::Index>(gi)).data() + b, &sc);
    aggregate(plan.root, w, columns_of(plan.root), plan, table.ids, b, m, res.total.data() + bi, &sc);
  });
}

void Evaluation::finish_totals() {
  const auto N = static_cast<Eigen::Index>(n);
  const RoundingPolicy& rnd = res.rounding;
  if (plan.has_methods) apply_methods(plan, w, table, excluded, &res, &ws);
  else res.evaluations.clear();
  // Units below the minimum coverage are not scored: no total, so no rank and no grade.
  for (std::uint32_t i : excluded) {
    res.total[static_cast<Eigen::Index>(i)] = kNaN;
    res.group_scores.row(static_cast<Eigen::Index>(i)).setConstant(kNaN);
  }
  // The extra cohort of excluded units is an implementation device, not a class.
  if (extra)
    for (auto& st : res.cohort_stats)
      if (!st.empty()) st.pop_back();
  if (plan.scale != 1.0) res.total *= plan.scale;
  if (rnd.scope != RoundingScope::kNone)
    for (Eigen::Index i = 0; i < N; ++i) res.total[i] = round_to(res.total[i], rnd.decimals, rnd.mode);
}

void Evaluation::rank() { detail::rank_units(res.total, table.unit_class, nclass, &ws, &res.rank, &res.class_rank); }

void Evaluation::grade_and_cap() {
  // Band minimums strictly descend (validated): a unit's band is the number of minimums above
  // its score, the last band taking the rest.
  std::vector<double> mins;
  for (const auto& band : plan.model.grades) mins.push_back(band.min);
  detail::resize_for_writing(&res.grade, n);
  unscored =
      detail::grade_bands(res.total.data(), n, mins.data(), static_cast<int>(mins.size()), res.grade.data());
  // Few units are capped: the (unit, cap) pairs are gathered cap by cap, then put in unit order.
  ws.capped.clear();
  if (!plan.caps.empty()) ws.cond.resize(n);  // the conditions' values (a model without caps needs none)
  double* cond = ws.cond.data();
  res.unknown_caps.clear();
  for (std::size_t c = 0; c < plan.caps.size(); ++c) {
    const detail::Formula& f = plan.caps[c].condition;
    const Cap& cap = plan.model.caps[c];
    detail::evaluate_formula(f, table.values, cond);
    // A condition over a missing value is neither true nor false (muparser would read NaN
    // comparisons as false and max/min would drop it): the cap's if_missing decides.
    for (int col : f.columns)
      for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(table.values(static_cast<Eigen::Index>(i), col))) cond[i] = kNaN;
    std::size_t unknown = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (res.grade[i] < 0) continue;  // no score, no grade to cap
      bool apply = cond[i] != 0;
      if (!std::isfinite(cond[i])) {
        if (cap.if_missing == CapMissing::kFail) {
          std::string missing;
          for (std::size_t k = 0; k < f.columns.size(); ++k)
            if (std::isnan(table.values(static_cast<Eigen::Index>(i), f.columns[k])))
              missing += (missing.empty() ? "" : ", ") + f.variables[k];
          throw DataError(fmt::format("{}:{}: unit \"{}\", cap \"{}\" ({}): the condition cannot be decided ({}); "
                                      "the cap's if_missing is fail",
                                      table.file, table.rows[i], table.ids.view(i), cap.id, cap.when,
                                      missing.empty() ? std::string("no finite value") : missing + " missing"));
        }
        ++unknown;
        apply = cap.if_missing == CapMissing::kApply;
        res.unknown_caps.push_back({i, static_cast<int>(c), apply});
      }
      if (!apply) continue;
      ws.capped.push_back({static_cast<std::uint32_t>(i), static_cast<int>(c)});
      res.grade[i] = std::max(res.grade[i], plan.caps[c].grade);
    }
    if (unknown)
      res.warnings.push_back(detail::trf(res.language,
                                         "cap \"{}\" ({}): condition unknown for {} unit(s) with missing data; {} "
                                         "(if_missing: {})",
                                         "限制条件“{}”（{}）：{} 个单位数据缺失，条件无法判断；{}（if_missing: {}）",
                                         cap.id, cap.when, unknown,
                                         cap.if_missing == CapMissing::kApply
                                             ? detail::tr(res.language, "applied to them", "已对其适用")
                                             : detail::tr(res.language, "not applied to them", "未对其适用"),
                                         to_string(cap.if_missing)));
  }
  // Each cap's units came in order, and the caps in order: a stable sort by unit leaves each
  // unit's caps ascending.
  if (plan.caps.size() > 1)
    std::stable_sort(ws.capped.begin(), ws.capped.end(),
                     [](const detail::CappedUnit& a, const detail::CappedUnit& b) { return a.unit < b.unit; });
  res.caps.reset(n);
  for (const auto& p : ws.capped) res.caps.add(p.unit, p.cap);
  std::stable_sort(res.unknown_caps.begin(), res.unknown_caps.end(),
                   [](const ScoringResult::UnknownCap& a, const ScoringResult::UnknownCap& b) { return a.unit < b.unit; });
}

// Under `veto_rank: last` the units capped to the lowest grade (一票否决) follow every other
// scored unit, overall and in their class, ordered by score among themselves.
void Evaluation::place_vetoed() {
  if (plan.model.veto_rank != VetoRank::kLast || plan.caps.empty()) return;
  const int lowest = static_cast<int>(plan.model.grades.size()) - 1;
  std::vector<char> vetoed(n, 0);
  bool any = false;
  for (std::size_t i : res.caps.capped_units())
    for (int c : res.caps[i])
      if (plan.caps[static_cast<std::size_t>(c)].grade == lowest) vetoed[i] = 1, any = true;
  if (!any) return;
  Eigen::VectorXd kept_score = res.total, vetoed_score = res.total;
  for (std::size_t i = 0; i < n; ++i) (vetoed[i] ? kept_score : vetoed_score)[static_cast<Eigen::Index>(i)] = kNaN;
  std::vector<int> rank_kept, class_rank_kept, rank_vetoed, class_rank_vetoed;
  detail::rank_units(kept_score, table.unit_class, nclass, &ws, &rank_kept, &class_rank_kept);
  detail::rank_units(vetoed_score, table.unit_class, nclass, &ws, &rank_vetoed, &class_rank_vetoed);
  int kept_scored = 0;
  std::vector<int> kept_in_class(static_cast<std::size_t>(std::max(nclass, 1)), 0);
  for (std::size_t i = 0; i < n; ++i)
    if (rank_kept[i] > 0) ++kept_scored, ++kept_in_class[static_cast<std::size_t>(table.unit_class[i])];
  for (std::size_t i = 0; i < n; ++i) {
    if (vetoed[i]) {
      // A unit without a score has no rank, vetoed or not.
      res.rank[i] = rank_vetoed[i] > 0 ? kept_scored + rank_vetoed[i] : 0;
      res.class_rank[i] =
          rank_vetoed[i] > 0 ? kept_in_class[static_cast<std::size_t>(table.unit_class[i])] + class_rank_vetoed[i] : 0;
    } else {
      res.rank[i] = rank_kept[i];
      res.class_rank[i] = class_rank_kept[i];
    }
  }
}

// What the evaluation leaves out says so.
void Evaluation::summarise() {
  if (!excluded.empty())
    res.warnings.push_back(detail::trf(res.language,
                                       "{} unit(s) not scored: data coverage below {:g}% of {} (the first \"{}\", {:.0f}%)",
                                       "{0} 个单位未计分：数据覆盖率低于{2}的 {1:g}%（第一个是“{3}”，{4:.0f}%）",
                                       excluded.size(), 100 * res.coverage_rule.min,
                                       res.coverage_rule.of == CoverageBasis::kWeight
                                           ? detail::tr(res.language, "weight", "权重")
                                           : detail::tr(res.language, "indicators", "指标"),
                                       table.ids.view(excluded.front()), 100 * res.coverage[excluded.front()]));
  if (unscored > excluded.size())
    res.warnings.push_back(detail::trf(res.language, "{} unit(s) have no score: every indicator is missing",
                                       "{} 个单位没有得分：所有指标均缺失", unscored - excluded.size()));
}

}  // namespace

namespace detail {

void evaluate_once(const Plan& plan_handle, const Table& table, const ScoringOptions& options, ScoringResult* out,
                   Eigen::MatrixXd* spent) {
  const PlanImpl& plan = detail::PlanAccess::impl(plan_handle);
  if (table.columns != plan.table_columns)
    throw DataError(fmt::format("{}: the table's columns differ from those the plan was compiled "
                                "against; compile the model against this table",
                                table.file));
  if (options.edge_weights.size() != 0 &&
      options.edge_weights.size() != plan.edge_weights.size())
    throw OptionsError(fmt::format("ScoringOptions::edge_weights has {} entries: the plan has {} edges",
                                   options.edge_weights.size(), plan.edge_weights.size()));
  const Eigen::VectorXd& w = options.edge_weights.size() ? options.edge_weights : plan.edge_weights;

  ScoringResult& res = *out;
  std::shared_ptr<detail::Workspace>& held = detail::ResultAccess::scratch(res);
  if (!held) held = std::make_shared<detail::Workspace>();
  detail::Workspace& ws = *held;
  res.warnings.clear();
  res.language = options.language ? *options.language : model_language(plan.model);
  // What the reader noted (blank rows skipped, rows that look like totals) travels with the result.
  for (const auto& d : table.problems)
    if (d.severity == Severity::kWarning) res.warnings.push_back(d.message(res.language));
  res.plan = plan_handle;
  res.peer_groups = options.peer_groups;
  res.kept = options.keep;
  res.edge_weights = w;
  const bool points_model = plan.model.weights == WeightMode::kPoints;
  if (options.edge_weights.size() == 0) res.node_points = plan.node_points;
  else res.node_points = detail::global_weights(plan, w) * (points_model ? plan.model.total : 100.0);
  res.rounding = options.rounding ? *options.rounding : plan.model.rounding;
  const std::size_t n = table.size();
  const auto N = static_cast<Eigen::Index>(n);
  const std::size_t L = plan.leaves.size();
  // The result shares the table's ids and names (SharedStrings): no copy, however many units.
  res.unit_ids = table.ids;
  res.unit_names = table.names;
  detail::resize_for_writing(&res.unit_class, table.unit_class.size());
  std::copy(table.unit_class.begin(), table.unit_class.end(), res.unit_class.begin());
  res.class_labels = table.classes;
  if (res.class_labels.empty()) res.class_labels.emplace_back();
  const int nclass = static_cast<int>(std::max<std::size_t>(1, table.classes.size()));
  if (ws.zeros.size() != n) {  // all zeros, kept between evaluations
    ws.zeros.clear();
    detail::resize_for_writing(&ws.zeros, n);
  }
  const bool peers = options.peer_groups && table.has_class_column;
  const bool shares_kept = options.keep != Kept::kTotals;
  const bool full_kept = options.keep == Kept::kFull;
  res.leaf_values.resize(full_kept ? N : 0, static_cast<Eigen::Index>(L));
  // Sized as before (a result evaluated into again keeps its memory); where the shares are written
  // over the values instead, this block is given back untouched.
  res.leaf_shares.resize(shares_kept ? N : 0, static_cast<Eigen::Index>(L));
  res.branches.resize(full_kept ? N : 0, static_cast<Eigen::Index>(L));
  res.group_scores.resize(N, static_cast<Eigen::Index>(plan.groups.size()));
  detail::populate_for_writing(res.group_scores.data(), static_cast<std::size_t>(res.group_scores.size()) * sizeof(double));
  res.cohort_stats.resize(L);

  Evaluation e(plan, table, options, res, ws, w);
  e.n = n;
  e.L = L;
  e.nclass = nclass;
  e.threads = detail::thread_count(options.threads);
  e.peers = peers;
  e.shares_kept = shares_kept;
  e.full_kept = full_kept;
  e.prep.resize(L);
  e.leaf_warnings.resize(L);
  e.stats_done.assign(L, 0);
  if (options.peer_groups && !table.has_class_column) e.warn_missing_classes();
  e.read_leaves();
  e.apply_coverage();
  e.settle_missing();
  // A table given up (`spent`) whose value columns are the leaves' own, one for one and in
  // order, lends its value matrix to the shares when the result keeps them without the values:
  // each share is written over the value it comes from (the rules read each value before
  // writing its share), and nothing after the shares reads the values (no caps, no evaluation
  // methods, no imputation). The shares then take no memory of their own.
  if (spent && e.can_score_in_place()) {
    res.leaf_shares.swap(*spent);  // *spent, let go below, now holds the block sized above
    e.shares_over_values = true;
  }
  e.plan_blocks();
  e.score_blocks();
  e.finish_totals();
  e.grade_and_cap();
  // The values are read no further: a table the caller gave up lets them go before the ranks'
  // buffers are taken.
  if (spent) *spent = Eigen::MatrixXd();
  e.rank();
  e.place_vetoed();
  e.summarise();
}

}  // namespace detail

double ScoringResult::node_score(std::size_t unit, std::size_t node) const {
  const PlanImpl& p = detail::PlanAccess::impl(plan);
  const auto i = static_cast<Eigen::Index>(unit);
  const int leaf = p.node_leaf[node];
  if (leaf >= 0) return kept != Kept::kTotals ? 100.0 * leaf_shares(i, leaf) : kNaN;
  return group_scores(i, p.node_group[node]);
}

double ScoringResult::points(std::size_t unit, std::size_t node) const {
  const Eigen::VectorXd& pts = node_points.size() ? node_points : plan.node_points();
  const PlanImpl& pl = detail::PlanAccess::impl(plan);
  const auto i = static_cast<Eigen::Index>(unit);
  const double most = pts[static_cast<Eigen::Index>(node)];
  // A leaf's points from its share directly (not through its score of 100 x the share).
  const int leaf = pl.node_leaf[node];
  if (leaf < 0) return group_points(group_scores(i, pl.node_group[node]), most, rounding);
  return kept != Kept::kTotals ? leaf_points(leaf_shares(i, leaf), most, rounding) : kNaN;
}

Eigen::VectorXd ScoringResult::contributions(std::size_t unit) const {
  const PlanImpl& p = detail::PlanAccess::impl(plan);
  if (kept == Kept::kTotals) return Eigen::VectorXd::Constant(static_cast<Eigen::Index>(p.leaves.size()), kNaN);
  // Effective weights top-down: a parent's weight is shared among its scored children.
  Eigen::VectorXd eff = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p.node_ids.size()));
  auto spread = [&](const detail::GroupPlan& g, double pw) {
    double sum = 0;
    for (std::size_t k = 0; k < g.children.size(); ++k)
      if (!std::isnan(node_score(unit, static_cast<std::size_t>(g.children[k])))) sum += edge_weights[g.edges[k]];
    if (!(sum > 0)) return;
    for (std::size_t k = 0; k < g.children.size(); ++k)
      if (!std::isnan(node_score(unit, static_cast<std::size_t>(g.children[k]))))
        eff[g.children[k]] += pw * edge_weights[g.edges[k]] / sum;
  };
  spread(p.root, 1.0);
  for (auto it = p.groups.rbegin(); it != p.groups.rend(); ++it) spread(*it, eff[it->node]);
  // Below a group scored by an evaluation method the total is no weighted sum of the leaves:
  // their contributions are not defined (NaN).
  std::vector<bool> under_method(p.node_ids.size(), false);
  auto mark = [&](const detail::GroupPlan& g, bool inherited) {
    const bool m = inherited || g.scorer;
    for (int child : g.children) under_method[static_cast<std::size_t>(child)] = under_method[static_cast<std::size_t>(child)] || m;
  };
  mark(p.root, false);
  for (auto it = p.groups.rbegin(); it != p.groups.rend(); ++it) mark(*it, under_method[static_cast<std::size_t>(it->node)]);
  Eigen::VectorXd out(static_cast<Eigen::Index>(p.leaves.size()));
  for (std::size_t j = 0; j < p.leaves.size(); ++j) {
    const double s = node_score(unit, static_cast<std::size_t>(p.leaves[j].node));
    out[static_cast<Eigen::Index>(j)] = under_method[static_cast<std::size_t>(p.leaves[j].node)]
                                            ? kNaN
                                            : (std::isnan(s) ? 0.0 : eff[p.leaves[j].node] * s * p.scale);
  }
  return out;
}

std::string ScoringResult::grade_name(std::size_t unit) const {
  const int g = grade[unit];
  return g < 0 ? std::string() : plan.model().grades[static_cast<std::size_t>(g)].name;
}

std::vector<std::size_t> ScoringResult::grade_counts() const {
  std::vector<std::size_t> counts(plan.model().grades.size(), 0);
  for (int g : grade)
    if (g >= 0) ++counts[static_cast<std::size_t>(g)];
  return counts;
}

}  // namespace staffeval
