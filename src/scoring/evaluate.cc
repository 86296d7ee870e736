// Evaluating a plan over a table: values, missing data, rules, aggregation, rounding, ranks, grades.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "scoring/plan.h"
#include "scoring/rules.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
using detail::PlanImpl;

// Competition ranking ("1224"), best = highest score; NaN scores get rank 0. One sort of
// (score, position) pairs serves the overall and the in-class ranks; equal scores share a rank
// and are ordered by input position, so the result is deterministic.
void rank_units(const Eigen::VectorXd& score, const std::vector<int>& group, int groups,
                std::vector<int>* rank, std::vector<int>* group_rank) {
  const std::size_t n = static_cast<std::size_t>(score.size());
  struct Key {
    double score;
    std::uint32_t index;
  };
  std::vector<Key> keys;
  keys.reserve(n);
  for (std::size_t i = 0; i < n; ++i)
    if (!std::isnan(score[static_cast<Eigen::Index>(i)]))
      keys.push_back({score[static_cast<Eigen::Index>(i)], static_cast<std::uint32_t>(i)});
  std::sort(keys.begin(), keys.end(), [](const Key& a, const Key& b) {
    return a.score > b.score || (a.score == b.score && a.index < b.index);
  });
  rank->assign(n, 0);
  group_rank->assign(n, 0);
  std::vector<int> seen(static_cast<std::size_t>(groups), 0);
  std::vector<double> last(static_cast<std::size_t>(groups), kNaN);
  std::vector<int> last_rank(static_cast<std::size_t>(groups), 0);
  double overall_last = kNaN;
  int overall_rank = 0;
  for (std::size_t k = 0; k < keys.size(); ++k) {
    const auto [s, i] = keys[k];
    if (s != overall_last) {
      overall_rank = static_cast<int>(k) + 1;
      overall_last = s;
    }
    (*rank)[i] = overall_rank;
    const auto g = static_cast<std::size_t>(group[i]);
    ++seen[g];
    if (s != last[g]) {
      last[g] = s;
      last_rank[g] = seen[g];
    }
    (*group_rank)[i] = last_rank[g];
  }
}

MissingPolicy policy_of(const PlanImpl& plan, const detail::LeafPlan& leaf,
                        const ScoringOptions& options) {
  if (leaf.own_missing) return *leaf.own_missing;
  if (options.missing) return *options.missing;
  return plan.model.missing;
}

// Aggregates the children of one group into `out` (0-100 index), skipping NaN children and
// renormalising the weights of the others. Loops run child by child over all units, so every
// unit's arithmetic is the same sequence of operations whatever its position (no SIMD-tail
// differences between equal rows).
void aggregate(const detail::GroupPlan& g, const Eigen::VectorXd& w, const Eigen::MatrixXd& scores,
               const PlanImpl& plan, const std::vector<std::string>& ids, double* out,
               std::vector<double>* acc, std::vector<double>* wsum) {
  const std::size_t n = static_cast<std::size_t>(scores.rows());
  std::fill(acc->begin(), acc->end(), 0.0);
  std::fill(wsum->begin(), wsum->end(), 0.0);
  double* a = acc->data();
  double* ws = wsum->data();
  const Aggregation agg = g.aggregation;
  const double p = g.power;
  const std::string& gid = g.node < 0 ? std::string("(model)") : plan.node_ids[g.node];
  for (std::size_t k = 0; k < g.children.size(); ++k) {
    const double wk = w[g.edges[k]];
    if (wk == 0) continue;
    const double* s = scores.col(g.children[k]).data();
    switch (agg) {
      case Aggregation::kArithmetic:
        for (std::size_t i = 0; i < n; ++i)
          if (!std::isnan(s[i])) {
            a[i] += wk * s[i];
            ws[i] += wk;
          }
        break;
      case Aggregation::kGeometric:
      case Aggregation::kHarmonic:
        for (std::size_t i = 0; i < n; ++i) {
          if (std::isnan(s[i])) continue;
          if (!(s[i] > 0))
            throw ComputeError(fmt::format(
                "node \"{}\": {} mean needs scores > 0, but unit \"{}\" has {} = {} (use "
                "arithmetic or power aggregation, or a rule range above 0)",
                gid, to_string(agg), ids[i], plan.node_ids[g.children[k]], s[i]));
          a[i] += agg == Aggregation::kGeometric ? wk * std::log(s[i]) : wk / s[i];
          ws[i] += wk;
        }
        break;
      case Aggregation::kPower:
        for (std::size_t i = 0; i < n; ++i) {
          if (std::isnan(s[i])) continue;
          if (p < 0 && !(s[i] > 0))
            throw ComputeError(fmt::format(
                "node \"{}\": power mean with p = {} needs scores > 0, but unit \"{}\" has {} = {}",
                gid, p, ids[i], plan.node_ids[g.children[k]], s[i]));
          a[i] += wk * std::pow(s[i], p);
          ws[i] += wk;
        }
        break;
    }
  }
  for (std::size_t i = 0; i < n; ++i) {
    if (!(ws[i] > 0)) {
      out[i] = kNaN;
      continue;
    }
    switch (agg) {
      case Aggregation::kArithmetic: out[i] = a[i] / ws[i]; break;
      case Aggregation::kGeometric: out[i] = std::exp(a[i] / ws[i]); break;
      case Aggregation::kHarmonic: out[i] = ws[i] / a[i]; break;
      case Aggregation::kPower: out[i] = std::pow(a[i] / ws[i], 1.0 / p); break;
    }
  }
}

double median_of(std::vector<double> v) {
  if (v.empty()) return kNaN;
  const std::size_t m = v.size() / 2;
  std::nth_element(v.begin(), v.begin() + static_cast<long>(m), v.end());
  double med = v[m];
  if (v.size() % 2 == 0) med = 0.5 * (med + *std::max_element(v.begin(), v.begin() + static_cast<long>(m)));
  return med;
}

}  // namespace

double round_to(double x, int decimals, RoundingMode mode) {
  if (!std::isfinite(x)) return x;
  const double scale = std::pow(10.0, decimals);
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
  if (rounding && (rounding->decimals < 0 || rounding->decimals > 12))
    throw OptionsError(fmt::format("ScoringOptions::rounding.decimals = {}: must be in [0, 12]",
                                   rounding->decimals));
  for (Eigen::Index e = 0; e < edge_weights.size(); ++e)
    if (!std::isfinite(edge_weights[e]) || edge_weights[e] < 0)
      throw OptionsError(fmt::format("ScoringOptions::edge_weights[{}] = {}: must be finite and >= 0",
                                     e, edge_weights[e]));
}

ScoringResult evaluate(const Plan& plan, const Table& table, const ScoringOptions& options) {
  ScoringResult result;
  evaluate(plan, table, options, &result);
  return result;
}

void evaluate(const Plan& plan_handle, const Table& table, const ScoringOptions& options,
              ScoringResult* out) {
  options.validate();
  const PlanImpl& plan = plan_handle.impl();
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
  res.warnings.clear();
  res.plan = plan_handle;
  res.peer_groups = options.peer_groups;
  res.rounding = options.rounding ? *options.rounding : plan.model.rounding;
  const std::size_t n = table.size();
  const auto N = static_cast<Eigen::Index>(n);
  const std::size_t L = plan.leaves.size();
  res.unit_ids = table.ids;
  res.unit_names = table.names;
  res.unit_class = table.unit_class;
  res.unit_classes.resize(n);
  for (std::size_t i = 0; i < n; ++i) res.unit_classes[i] = table.classes[table.unit_class[i]];
  const int nclass = static_cast<int>(std::max<std::size_t>(1, table.classes.size()));
  const std::vector<int> all_zero(n, 0);
  const bool peers = options.peer_groups && table.has_class_column;

  res.leaf_values.resize(N, static_cast<Eigen::Index>(L));
  res.leaf_shares.resize(N, static_cast<Eigen::Index>(L));
  res.branches.resize(N, static_cast<Eigen::Index>(L));
  res.node_scores.resize(N, static_cast<Eigen::Index>(plan.node_ids.size()));
  res.cohort_stats.resize(L);
  const auto& rnd = res.rounding;

  for (std::size_t j = 0; j < L; ++j) {
    const detail::LeafPlan& leaf = plan.leaves[j];
    const std::string& lid = plan.leaf_ids[j];
    double* x = res.leaf_values.col(static_cast<Eigen::Index>(j)).data();
    double* sh = res.leaf_shares.col(static_cast<Eigen::Index>(j)).data();
    std::uint8_t* br = res.branches.col(static_cast<Eigen::Index>(j)).data();
    if (leaf.column >= 0) {
      std::copy_n(table.values.col(leaf.column).data(), n, x);
    } else {
      detail::evaluate_formula(leaf.formula, table.values, x);
      std::size_t bad = 0;
      std::size_t first = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (!std::isfinite(x[i])) {
          if (!std::isnan(x[i]) || [&] {
                for (int c : leaf.formula.columns)
                  if (std::isnan(table.values(static_cast<Eigen::Index>(i), c))) return false;
                return true;
              }()) {
            if (bad++ == 0) first = i;
          }
          x[i] = kNaN;
        }
      if (bad)
        res.warnings.push_back(fmt::format(
            "{}:{}: indicator \"{}\" = {}: no finite value for {} unit(s) (zero denominator?), "
            "first \"{}\"; treated as missing",
            table.file, table.rows[first], lid, leaf.formula.text, bad, table.ids[first]));
    }
    std::fill_n(sh, n, kNaN);
    std::fill_n(br, n, static_cast<std::uint8_t>(detail::kMissingSkipped));

    const MissingPolicy policy = policy_of(plan, leaf, options);
    const int* cohort = (peers && leaf.rule.cohort == Cohort::kPeerGroup) ? table.unit_class.data()
                                                                          : all_zero.data();
    const int k = (peers && leaf.rule.cohort == Cohort::kPeerGroup) ? nclass : 1;
    std::size_t missing = 0;
    for (std::size_t i = 0; i < n; ++i) missing += std::isnan(x[i]) ? 1 : 0;
    std::vector<std::size_t> imputed;
    if (missing) {
      if (policy == MissingPolicy::kFail) {
        for (std::size_t i = 0; i < n; ++i)
          if (std::isnan(x[i]))
            throw DataError(fmt::format(
                "{}:{}: unit \"{}\", indicator \"{}\" ({}): value missing and the missing-value "
                "policy is fail",
                table.file, table.rows[i], table.ids[i], lid,
                leaf.column >= 0 ? table.columns[leaf.column] : leaf.formula.text));
      }
      if (policy == MissingPolicy::kMean || policy == MissingPolicy::kMedian ||
          policy == MissingPolicy::kPeerMean || policy == MissingPolicy::kPeerMedian) {
        const bool by_peer = (policy == MissingPolicy::kPeerMean || policy == MissingPolicy::kPeerMedian) &&
                             table.has_class_column;
        const bool med = policy == MissingPolicy::kMedian || policy == MissingPolicy::kPeerMedian;
        const int* grp = by_peer ? table.unit_class.data() : all_zero.data();
        const int kk = by_peer ? nclass : 1;
        std::vector<double> fill(kk, kNaN);
        if (med) {
          std::vector<std::vector<double>> vals(kk);
          for (std::size_t i = 0; i < n; ++i)
            if (!std::isnan(x[i])) vals[grp[i]].push_back(x[i]);
          for (int c = 0; c < kk; ++c) fill[c] = median_of(std::move(vals[c]));
        } else {
          auto stats = detail::cohort_statistics(x, n, grp, kk, false, false);
          for (int c = 0; c < kk; ++c) fill[c] = stats[c].mean;
        }
        std::size_t unfilled = 0;
        for (std::size_t i = 0; i < n; ++i)
          if (std::isnan(x[i])) {
            x[i] = fill[grp[i]];
            if (std::isnan(x[i])) ++unfilled;
            else imputed.push_back(i);
          }
        if (unfilled)
          res.warnings.push_back(fmt::format(
              "indicator \"{}\": {} missing value(s) could not be imputed (no values in the "
              "cohort); skipped",
              lid, unfilled));
      }
    }
    detail::apply_rule(leaf.rule, x, n, cohort, k, sh, br, &res.cohort_stats[j]);
    for (std::size_t i : imputed) br[i] |= detail::kImputedFlag;
    if (missing && policy == MissingPolicy::kZero) {
      for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(x[i])) {
          sh[i] = 0.0;
          br[i] = detail::kMissingZero;
        }
    }
    if (rnd.scope == RoundingScope::kIndicator && leaf.points > 0) {
      for (std::size_t i = 0; i < n; ++i)
        if (!std::isnan(sh[i])) sh[i] = round_to(sh[i] * leaf.points, rnd.decimals, rnd.mode) / leaf.points;
    }
    double* s = res.node_scores.col(leaf.node).data();
    for (std::size_t i = 0; i < n; ++i) s[i] = 100.0 * sh[i];
  }

  std::vector<double> acc(n), wsum(n);
  for (const auto& g : plan.groups)
    aggregate(g, w, res.node_scores, plan, table.ids, res.node_scores.col(g.node).data(), &acc, &wsum);
  res.total.resize(N);
  aggregate(plan.root, w, res.node_scores, plan, table.ids, res.total.data(), &acc, &wsum);
  if (plan.scale != 1.0) res.total *= plan.scale;
  if (rnd.scope != RoundingScope::kNone)
    for (Eigen::Index i = 0; i < N; ++i) res.total[i] = round_to(res.total[i], rnd.decimals, rnd.mode);

  rank_units(res.total, table.unit_class, nclass, &res.rank, &res.class_rank);

  const auto& grades = plan.model.grades;
  res.grade.assign(n, -1);
  for (std::size_t i = 0; i < n; ++i) {
    const double t = res.total[static_cast<Eigen::Index>(i)];
    if (std::isnan(t)) continue;
    int g = static_cast<int>(grades.size()) - 1;
    for (std::size_t b = 0; b < grades.size(); ++b)
      if (t >= grades[b].min) {
        g = static_cast<int>(b);
        break;
      }
    res.grade[i] = g;
  }
  res.caps.resize(n);
  for (auto& c : res.caps) c.clear();
  std::vector<double> cond(n);
  for (std::size_t c = 0; c < plan.caps.size(); ++c) {
    const detail::Formula& f = plan.caps[c].condition;
    detail::evaluate_formula(f, table.values, cond.data());
    // Comparisons with NaN are false in muparser; a condition over missing data is unknown.
    for (int col : f.columns)
      for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(table.values(static_cast<Eigen::Index>(i), col))) cond[i] = kNaN;
    std::size_t unknown = 0;
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(cond[i])) {
        ++unknown;
        continue;
      }
      if (cond[i] == 0 || res.grade[i] < 0) continue;
      res.caps[i].push_back(static_cast<int>(c));
      res.grade[i] = std::max(res.grade[i], plan.caps[c].grade);
    }
    if (unknown)
      res.warnings.push_back(fmt::format("cap \"{}\" ({}): condition unknown for {} unit(s) with "
                                         "missing data; not applied to them",
                                         plan.model.caps[c].id, plan.model.caps[c].when, unknown));
  }
  std::size_t unscored = 0;
  for (std::size_t i = 0; i < n; ++i) unscored += std::isnan(res.total[static_cast<Eigen::Index>(i)]) ? 1 : 0;
  if (unscored)
    res.warnings.push_back(fmt::format("{} unit(s) have no score: every indicator is missing", unscored));
}

double ScoringResult::points(std::size_t unit, std::size_t node) const {
  const double p = node_scores(static_cast<Eigen::Index>(unit), static_cast<Eigen::Index>(node)) /
                   100.0 * plan.node_points()[static_cast<Eigen::Index>(node)];
  // Under indicator rounding the points were rounded; undo the share round trip's binary noise.
  if (rounding.scope == RoundingScope::kIndicator) return round_to(p, rounding.decimals, rounding.mode);
  return p;
}

Eigen::VectorXd ScoringResult::contributions(std::size_t unit) const {
  const PlanImpl& p = plan.impl();
  const auto i = static_cast<Eigen::Index>(unit);
  // Effective weights top-down: a parent's weight is shared among its scored children.
  Eigen::VectorXd eff = Eigen::VectorXd::Zero(static_cast<Eigen::Index>(p.node_ids.size()));
  auto spread = [&](const detail::GroupPlan& g, double pw) {
    double sum = 0;
    for (std::size_t k = 0; k < g.children.size(); ++k)
      if (!std::isnan(node_scores(i, g.children[k]))) sum += p.edge_weights[g.edges[k]];
    if (!(sum > 0)) return;
    for (std::size_t k = 0; k < g.children.size(); ++k)
      if (!std::isnan(node_scores(i, g.children[k])))
        eff[g.children[k]] += pw * p.edge_weights[g.edges[k]] / sum;
  };
  spread(p.root, 1.0);
  for (auto it = p.groups.rbegin(); it != p.groups.rend(); ++it) spread(*it, eff[it->node]);
  Eigen::VectorXd out(static_cast<Eigen::Index>(p.leaves.size()));
  for (std::size_t j = 0; j < p.leaves.size(); ++j) {
    const double s = node_scores(i, p.leaves[j].node);
    out[static_cast<Eigen::Index>(j)] = std::isnan(s) ? 0.0 : eff[p.leaves[j].node] * s * p.scale;
  }
  return out;
}

std::string ScoringResult::grade_name(std::size_t unit) const {
  const int g = grade[unit];
  return g < 0 ? std::string() : plan.model().grades[static_cast<std::size_t>(g)].name;
}

}  // namespace staffeval
