// The scoring rules: cohort-relative normalisations and the absolute rules offices write.
#include "scoring/rules.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include "common/exact_sum.h"
#include "common/numeric.h"
#include "scoring/kernels.h"
#include "scoring/plan.h"

namespace staffeval::detail {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

double clamp01(double t) { return t < 0 ? 0.0 : (t > 1 ? 1.0 : t); }

}  // namespace

bool needs_median(const Rule& r) { return r.kind == RuleKind::kDeduction && r.threshold_stat == ThresholdStat::kMedian; }
bool needs_mean(const Rule& r) { return r.kind == RuleKind::kDeduction && r.threshold_stat == ThresholdStat::kMean; }

std::vector<CohortStats> cohort_statistics(const double* x, std::size_t n, const int* cohort,
                                           int k, bool with_median, bool with_sd, bool exact_mean) {
  std::vector<CohortStats> s(static_cast<std::size_t>(k));
  for (auto& c : s) {
    c.min = std::numeric_limits<double>::infinity();
    c.max = -std::numeric_limits<double>::infinity();
  }
  std::vector<double> sum(k, 0.0);
  if (k == 1) {
    // One cohort (no classes, or `cohort: all`): the vectorised kernel.
    const ColumnStats cs = column_stats(x, n);
    s[0].count = static_cast<int>(cs.count);
    s[0].min = cs.min;
    s[0].max = cs.max;
    sum[0] = cs.sum;
  } else {
    for (std::size_t i = 0; i < n; ++i) {
      if (std::isnan(x[i])) continue;
      CohortStats& c = s[cohort[i]];
      ++c.count;
      c.min = std::min(c.min, x[i]);
      c.max = std::max(c.max, x[i]);
      sum[cohort[i]] += x[i];
    }
  }
  // Values near the ends of the data range (up to 1e300, or below 1e-150 down to subnormals)
  // would overflow or underflow in sums and squares: the sums are then taken over the values
  // times a power of two (exact), and the results scaled back.
  double max_abs = 0;
  for (const auto& c : s)
    if (c.count) max_abs = std::max({max_abs, std::fabs(c.min), std::fabs(c.max)});
  const double scale = needs_scaling(max_abs) ? pow2_scale(max_abs) : 1.0;
  // Means and standard deviations a rule or an imputation uses are sums whose value must not
  // depend on the order of the units (permuting units permutes every result): they are summed
  // on a fixed-point grid (FixedSum). Other cohorts' means are for reports only.
  if (exact_mean || with_sd) {
    std::vector<FixedSum> fixed;
    for (const auto& c : s) fixed.emplace_back(c.count ? std::max(std::fabs(c.min), std::fabs(c.max)) * scale : 1.0);
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(x[i])) fixed[static_cast<std::size_t>(k == 1 ? 0 : cohort[i])].add(x[i] * scale);
    for (int c = 0; c < k; ++c) sum[c] = fixed[static_cast<std::size_t>(c)].value();
  } else if (scale != 1.0) {
    std::fill(sum.begin(), sum.end(), 0.0);
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(x[i])) sum[k == 1 ? 0 : cohort[i]] += x[i] * scale;
  }
  // The mean in scaled units first, then in the data's units.
  std::vector<double> mean_scaled(k);
  for (int c = 0; c < k; ++c) {
    mean_scaled[c] = s[c].count ? sum[c] / s[c].count : kNaN;
    s[c].mean = mean_scaled[c] / scale;
  }
  // Two-pass variance, the squared deviations summed on a fixed-point grid bounded by the
  // cohort's squared range.
  std::vector<FixedSum> ss;
  for (int c = 0; c < k && with_sd; ++c) {
    const double range = s[c].count ? (s[c].max - s[c].min) * scale : 0.0;
    ss.emplace_back(range * range);
  }
  for (std::size_t i = 0; with_sd && i < n; ++i) {
    if (std::isnan(x[i])) continue;
    const int c = k == 1 ? 0 : cohort[i];
    const double d = scale == 1.0 ? x[i] - s[c].mean : x[i] * scale - mean_scaled[c];
    ss[static_cast<std::size_t>(c)].add(d * d);
  }
  for (int c = 0; c < k; ++c) {
    s[c].sd = with_sd && s[c].count > 1 ? std::sqrt(ss[static_cast<std::size_t>(c)].value() / (s[c].count - 1)) / scale : 0.0;
    if (s[c].count == 0) s[c].min = s[c].max = kNaN;
    s[c].median = kNaN;
  }
  if (with_median) {
    std::vector<std::vector<double>> v(k);
    for (std::size_t i = 0; i < n; ++i)
      if (!std::isnan(x[i])) v[cohort[i]].push_back(x[i]);
    for (int c = 0; c < k; ++c) {
      auto& a = v[c];
      if (a.empty()) continue;
      const std::size_t m = a.size() / 2;
      std::nth_element(a.begin(), a.begin() + static_cast<long>(m), a.end());
      double med = a[m];
      if (a.size() % 2 == 0) {
        const double lower = *std::max_element(a.begin(), a.begin() + static_cast<long>(m));
        med = 0.5 * (lower + med);
      }
      s[c].median = med;
    }
  }
  return s;
}

namespace {

// The rules proper. kOneCohort drops the per-unit cohort lookup (the common case: no classes or
// `cohort: all`), so the loops compile to straight streams over the column.
template <bool kOneCohort>
void apply_rule_impl(const Rule& r, const double* x, std::size_t n, const int* cohort,
                     double* share, std::uint8_t* branch, bool want_branches,
                     const std::vector<CohortStats>& st) {
  // Missing values are written too (NaN share, skipped branch), so callers need no fill pass.
#define STAFFEVAL_SKIP_MISSING(v)  \
  if (std::isnan(v)) {             \
    share[i] = kNaN;               \
    branch[i] = kMissingSkipped;   \
    continue;                      \
  }
#define STAFFEVAL_COHORT(i) (kOneCohort ? 0 : cohort[i])
  const bool benefit = r.direction == Direction::kBenefit;
  const double lo = r.range_low / 100.0, hi = r.range_high / 100.0;
  // Cohort-relative rules produce t in [0, 1], mapped onto the output range.
  auto put = [&](std::size_t i, double t, std::uint8_t b) {
    share[i] = lo + (hi - lo) * clamp01(t);
    branch[i] = b;
  };
  const double full = r.full;
  auto marks = [&](std::size_t i, double m, std::uint8_t b) {
    share[i] = clamp01(m / full);
    branch[i] = b;
  };
  switch (r.kind) {
    case RuleKind::kMinMax:
      // The vectorised kernel multiplies by 1 / (max - min); a range of subnormal values (below
      // 5.6e-309) has no finite reciprocal, and the loop below divides instead.
      if (kOneCohort && st[0].max > st[0].min && std::isfinite(1.0 / (st[0].max - st[0].min))) {
        minmax_shares(x, n, minmax_map(st[0].min, st[0].max, benefit, lo, hi - lo), share,
                      want_branches ? branch : nullptr, kValue, kFull, kZero, kMissingSkipped);
        break;
      }
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const CohortStats& c = st[STAFFEVAL_COHORT(i)];
        if (!(c.max > c.min)) {
          put(i, 1.0, kConstantCohort);
          continue;
        }
        const double t = benefit ? (x[i] - c.min) / (c.max - c.min) : (c.max - x[i]) / (c.max - c.min);
        put(i, t, t >= 1 ? kFull : (t <= 0 ? kZero : kValue));
      }
      break;
    case RuleKind::kZScore:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const CohortStats& c = st[STAFFEVAL_COHORT(i)];
        if (!(c.sd > 0)) {
          share[i] = clamp01(r.z_mean / 100.0);
          share[i] = std::clamp(share[i], lo, hi);
          branch[i] = kConstantCohort;
          continue;
        }
        double z = (x[i] - c.mean) / c.sd;
        if (!benefit) z = -z;
        const double v = (r.z_mean + r.z_sd * z) / 100.0;
        share[i] = std::clamp(v, lo, hi);
        branch[i] = v >= hi ? kFull : (v <= lo ? kZero : kValue);
      }
      break;
    case RuleKind::kPercentile: {
      std::vector<std::vector<std::size_t>> members(st.size());
      for (std::size_t i = 0; i < n; ++i) {
        if (!std::isnan(x[i])) {
          members[STAFFEVAL_COHORT(i)].push_back(i);
        } else {
          share[i] = kNaN;
          branch[i] = kMissingSkipped;
        }
      }
      for (auto& idx : members) {
        std::sort(idx.begin(), idx.end(), [&](std::size_t a, std::size_t b) {
          return x[a] < x[b] || (x[a] == x[b] && a < b);
        });
        const std::size_t m = idx.size();
        for (std::size_t s = 0; s < m;) {
          std::size_t e = s;
          while (e + 1 < m && x[idx[e + 1]] == x[idx[s]]) ++e;
          // Tied values share the mean of their positions (fractional ranking).
          const double pos = 0.5 * static_cast<double>(s + e);
          for (std::size_t q = s; q <= e; ++q) {
            if (m == 1) {
              put(idx[q], 1.0, kConstantCohort);
              continue;
            }
            double t = pos / static_cast<double>(m - 1);
            if (!benefit) t = 1.0 - t;
            put(idx[q], t, t >= 1 ? kFull : (t <= 0 ? kZero : kValue));
          }
          s = e + 1;
        }
      }
      break;
    }
    case RuleKind::kDistanceToBest:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const CohortStats& c = st[STAFFEVAL_COHORT(i)];
        const double best = benefit ? c.max : c.min;
        if (x[i] == best) {
          put(i, 1.0, kFull);
          continue;
        }
        const double t = best == 0 ? 0.0 : 1.0 - std::fabs(x[i] - best) / std::fabs(best);
        put(i, t, t <= 0 ? kZero : kValue);
      }
      break;
    case RuleKind::kProportional:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const CohortStats& c = st[STAFFEVAL_COHORT(i)];
        double t;
        if (benefit) t = c.max > 0 ? x[i] / c.max : (x[i] == c.max ? 1.0 : 0.0);
        else t = x[i] > 0 ? c.min / x[i] : (x[i] == c.min ? 1.0 : 0.0);
        if (c.count > 0 && c.min == c.max) {
          put(i, 1.0, kConstantCohort);
          continue;
        }
        put(i, t, t >= 1 ? kFull : (t <= 0 ? kZero : kValue));
      }
      break;
    case RuleKind::kLinear:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const double t = (x[i] - r.worst) / (r.best - r.worst);
        share[i] = clamp01(t);
        branch[i] = t >= 1 ? kFull : (t <= 0 ? kZero : kValue);
      }
      break;
    case RuleKind::kTargetRange:
      for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        STAFFEVAL_SKIP_MISSING(v)
        if (v >= r.low && v <= r.high) {
          share[i] = 1.0;
          branch[i] = kInRange;
        } else if (v < r.low) {
          const double t = (v - r.low_zero) / (r.low - r.low_zero);
          share[i] = clamp01(t);
          branch[i] = t <= 0 ? kZero : kBelowRange;
        } else {
          const double t = r.high_zero > r.high ? (r.high_zero - v) / (r.high_zero - r.high) : 0.0;
          share[i] = clamp01(t);
          branch[i] = t <= 0 ? kZero : kAboveRange;
        }
      }
      break;
    case RuleKind::kIdeal:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        double tol = r.tolerance;
        if (std::isnan(tol)) {
          const CohortStats& c = st[STAFFEVAL_COHORT(i)];
          tol = std::max(std::fabs(c.max - r.ideal), std::fabs(c.min - r.ideal));
        }
        const double d = std::fabs(x[i] - r.ideal);
        if (d == 0 || !(tol > 0)) {
          share[i] = d == 0 ? 1.0 : 0.0;
          branch[i] = d == 0 ? kFull : kZero;
          continue;
        }
        const double t = 1.0 - d / tol;
        share[i] = clamp01(t);
        branch[i] = t <= 0 ? kZero : kValue;
      }
      break;
    case RuleKind::kPiecewise: {
      const auto& bp = r.breakpoints;
      for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        STAFFEVAL_SKIP_MISSING(v)
        if (v <= bp.front().first) {
          marks(i, bp.front().second, kSegmentBase);
          continue;
        }
        if (v >= bp.back().first) {
          marks(i, bp.back().second, static_cast<std::uint8_t>(kSegmentBase + bp.size()));
          continue;
        }
        std::size_t s = 1;
        while (v > bp[s].first) ++s;
        const auto [x0, y0] = bp[s - 1];
        const auto [x1, y1] = bp[s];
        marks(i, y0 + (y1 - y0) * (v - x0) / (x1 - x0), static_cast<std::uint8_t>(kSegmentBase + s));
      }
      break;
    }
    case RuleKind::kBands: {
      const auto& bp = r.breakpoints;
      for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        STAFFEVAL_SKIP_MISSING(v)
        int band = -1;
        for (std::size_t b = 0; b < bp.size(); ++b)
          if (v >= bp[b].first) band = static_cast<int>(b);
        if (band < 0) marks(i, r.below, kBelowRange);
        else marks(i, bp[band].second, static_cast<std::uint8_t>(kBandBase + band));
      }
      break;
    }
    case RuleKind::kDeduction:
      for (std::size_t i = 0; i < n; ++i) {
        const double v = x[i];
        STAFFEVAL_SKIP_MISSING(v)
        double thr = r.threshold;
        if (r.threshold_stat == ThresholdStat::kMedian) thr = st[STAFFEVAL_COHORT(i)].median;
        else if (r.threshold_stat == ThresholdStat::kMean) thr = st[STAFFEVAL_COHORT(i)].mean;
        const double excess = benefit ? std::max(0.0, thr - v) : std::max(0.0, v - thr);
        if (excess == 0) {
          marks(i, full, kFull);
          continue;
        }
        const double m = full - r.deduct * excess / r.per;
        if (m <= r.floor) marks(i, r.floor, kZero);
        else marks(i, m, kValue);
      }
      break;
    case RuleKind::kChecklist:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const double t = x[i] / r.items;
        share[i] = clamp01(t);
        branch[i] = t >= 1 ? kFull : (t <= 0 ? kZero : kValue);
      }
      break;
    case RuleKind::kCompliance:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        if (x[i] != 0) marks(i, full, kYes);
        else marks(i, r.no, kNo);
      }
      break;
    case RuleKind::kSurvey:
      for (std::size_t i = 0; i < n; ++i) {
        STAFFEVAL_SKIP_MISSING(x[i])
        const double t = (x[i] - r.zero_at) / (r.full_at - r.zero_at);
        share[i] = clamp01(t);
        branch[i] = t >= 1 ? kFull : (t <= 0 ? kZero : kValue);
      }
      break;
  }
#undef STAFFEVAL_SKIP_MISSING
#undef STAFFEVAL_COHORT
}

}  // namespace

void apply_rule(const Rule& r, const double* x, std::size_t n, const int* cohort, int k,
                double* share, std::uint8_t* branch, std::vector<CohortStats>* stats,
                bool stats_ready, bool want_branches) {
  // The sample sd costs a second pass (only z-scores need it), the median a sort. Statistics
  // handed in ready must be complete for the rule: a block of units is not its cohort.
  if (!stats_ready)
    *stats = cohort_statistics(x, n, cohort, k, needs_median(r), r.kind == RuleKind::kZScore, needs_mean(r));
  if (k == 1) apply_rule_impl<true>(r, x, n, cohort, share, branch, want_branches, *stats);
  else apply_rule_impl<false>(r, x, n, cohort, share, branch, want_branches, *stats);
}

}  // namespace staffeval::detail
