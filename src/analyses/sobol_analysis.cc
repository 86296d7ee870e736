// Variance-based sensitivity (sensitivity.h) of a model's uncertain weights and modelling choices,
// or of a decision matrix's weights and method parameters: Sobol' indices of the mean absolute
// rank shift and of every unit's score and rank.
#include <algorithm>
#include <cmath>
#include <functional>
#include <limits>
#include <numeric>

#include <fmt/format.h>

#include "analyses/linear_form.h"
#include "analyses/model_choices.h"
#include "analyses/progress.h"
#include "analyses/ranker.h"
#include "analyses/subject.h"
#include "analyses/uncertain_weights.h"
#include "common/large_buffer.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "staffeval/sensitivity.h"

namespace staffeval {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

void check(const SobolAnalysisOptions& o) {
  if (o.base < 2) throw OptionsError("SobolAnalysisOptions::base", fmt::format("{}", o.base), "must be >= 2");
  if (o.threads < 0)
    throw OptionsError("SobolAnalysisOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  if (o.bootstrap < 0 || o.unit_bootstrap < 0)
    throw OptionsError("SobolAnalysisOptions::bootstrap", fmt::format("{}, {}", o.bootstrap, o.unit_bootstrap), "must be >= 0");
  if (!(o.confidence > 0 && o.confidence < 1))
    throw OptionsError("SobolAnalysisOptions::confidence", fmt::format("{}", o.confidence), "must be in (0, 1)");
}

// The units analysed (r.units) from the options, and the design's size (r.base, r.runs) for
// r.inputs; refuses more outputs than are kept.
void plan_runs(SobolAnalysisResult& r, const SobolAnalysisOptions& o, const std::string& source) {
  const std::size_t n = r.unit_ids.size();
  if (o.units.empty()) {
    for (std::size_t i = 0; i < n; ++i)
      if (r.nominal_rank[i] > 0) r.units.push_back(i);
  } else {
    for (const auto& id : o.units) {
      const auto it = std::find(r.unit_ids.begin(), r.unit_ids.end(), id);
      if (it == r.unit_ids.end()) throw OptionsError("SobolAnalysisOptions::units", id, fmt::format("is not a unit of {}", source));
      const auto i = static_cast<std::size_t>(it - r.unit_ids.begin());
      if (r.nominal_rank[i] <= 0) throw OptionsError("SobolAnalysisOptions::units", id, "has no score to analyse");
      r.units.push_back(i);
    }
  }
  const std::size_t N = o.base, k = r.inputs.size(), runs = N * (k + 2), m = r.units.size();
  r.base = N;
  r.runs = runs;
  constexpr std::size_t kMaxKept = std::size_t{1} << 26;  // 1 GiB of scores and ranks
  if (runs * m > kMaxKept)
    throw OptionsError("SobolAnalysisOptions::units", fmt::format("{} units", m),
                       fmt::format("{} runs x {} units exceed the {} outputs kept: choose at most {} units (--units)", runs,
                                   m, kMaxKept, kMaxKept / runs));
}

// A run's design point: A's row, B's row, or A's row with input j from B.
void point_of(const SobolDesign& design, std::size_t run, std::vector<double>& u) {
  const auto N = static_cast<std::size_t>(design.a.rows()), k = static_cast<std::size_t>(design.a.cols());
  const std::size_t row = run < 2 * N ? run % N : (run - 2 * N) % N;
  const Eigen::MatrixXd& half = run >= N && run < 2 * N ? design.b : design.a;
  u.resize(k);
  for (std::size_t j = 0; j < k; ++j) u[j] = half(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(j));
  if (run >= 2 * N) {
    const std::size_t j = (run - 2 * N) / N;
    u[j] = design.b(static_cast<Eigen::Index>(row), static_cast<Eigen::Index>(j));
  }
}

// Every run of the design through `block_of(first, count, thread, total, rank)` (every unit's
// totals and ranks of runs [first, first + count), a row of n per run), then the indices of the
// rank shift and of each analysed unit's score and rank.
constexpr std::size_t kRunBlock = 32;
using BlockFn = std::function<void(std::size_t, std::size_t, std::size_t, double*, int*)>;
void run_and_estimate(SobolAnalysisResult& r, const SobolAnalysisOptions& o, std::size_t threads, const BlockFn& block_of) {
  const std::size_t n = r.unit_ids.size(), N = r.base, runs = r.runs, m = r.units.size();
  Eigen::VectorXd shift(static_cast<Eigen::Index>(runs));
  // Units x runs: each unit's outputs contiguous for its estimators; a block of runs writes a
  // short stretch of each. Large: mapped memory, huge pages where the kernel offers them.
  detail::LargeBuffer<double> score(m * runs), rank(m * runs);
  struct Scratch {
    std::vector<double> total;
    std::vector<int> rank;
  };
  std::vector<Scratch> scratch(threads);
  const std::size_t blocks = (runs + kRunBlock - 1) / kRunBlock;
  detail::parallel_for_reporting(blocks, threads, o.progress, [&](std::size_t b, std::size_t t) {
    const std::size_t first = b * kRunBlock, count = std::min(kRunBlock, runs - first);
    Scratch& s = scratch[t];
    s.total.resize(kRunBlock * n);
    s.rank.resize(kRunBlock * n);
    block_of(first, count, t, s.total.data(), s.rank.data());
    for (std::size_t k = 0; k < count; ++k) {
      const int* ranks = s.rank.data() + k * n;
      double sum = 0;
      std::size_t counted = 0;
      for (std::size_t i = 0; i < n; ++i)
        if (ranks[i] > 0 && r.nominal_rank[i] > 0) {
          sum += std::abs(ranks[i] - r.nominal_rank[i]);
          ++counted;
        }
      shift[static_cast<Eigen::Index>(first + k)] = counted ? sum / static_cast<double>(counted) : kNaN;
    }
    for (std::size_t c = 0; c < m; ++c) {
      const std::size_t i = r.units[c];
      for (std::size_t k = 0; k < count; ++k) {
        score[c * runs + first + k] = s.total[k * n + i];
        const int rk = s.rank[k * n + i];
        rank[c * runs + first + k] = rk > 0 ? rk : kNaN;
      }
    }
  });
  const auto NN = static_cast<Eigen::Index>(N), K = static_cast<Eigen::Index>(r.inputs.size());
  auto indices = [&](const auto& f, int bootstrap) {
    Eigen::MatrixXd ab(NN, K);
    for (Eigen::Index j = 0; j < K; ++j) ab.col(j) = f.segment(2 * NN + j * NN, NN);
    SobolOptions so;
    so.bootstrap = bootstrap;
    so.confidence = o.confidence;
    so.seed = o.seed;
    return sobol_indices(f.head(NN), f.segment(NN, NN), ab, so);
  };
  r.rank_shift = indices(shift, o.bootstrap);
  r.score.resize(m);
  r.rank.resize(m);
  detail::parallel_for(m, threads, [&](std::size_t c, std::size_t) {
    const auto R = static_cast<Eigen::Index>(runs);
    r.score[c] = indices(Eigen::Map<const Eigen::VectorXd>(score.data() + c * runs, R), o.unit_bootstrap);
    r.rank[c] = indices(Eigen::Map<const Eigen::VectorXd>(rank.data() + c * runs, R), o.unit_bootstrap);
  });
}

// One Sobol' analysis of a model: set up, then every run evaluated and the indices estimated
// (`shard` and `shards` null), or runs [shard->first, + count) evaluated into `shard` only, or the
// indices estimated from `shards` evaluated elsewhere.
SobolAnalysisResult run(const Plan& plan, const Table& table, const UncertaintySpec& spec, const SobolAnalysisOptions& o,
                        SobolShard* shard, const std::vector<SobolShard>* shards) {
  check(o);
  if (!spec.judgments.empty() || spec.threshold_points > 0 || !spec.noise.empty() || spec.drop > 0 || !spec.sets.empty() ||
      !spec.missing.empty()) {
    const SourceLocation& at = !spec.judgments.empty()   ? spec.judgments.front().location
                               : spec.threshold_points > 0 ? spec.thresholds_location
                               : !spec.noise.empty()     ? spec.noise.front().location
                               : spec.drop > 0 || !spec.sets.empty() ? spec.inclusion_location
                                                                      : spec.missing_location;
    throw OptionsError("UncertaintySpec", at.to_string(),
                       "the Sobol' analysis apportions the variance among drawn weights and modelling choices only: "
                       "judgments, thresholds, noise, inclusion and missing would be ignored (run the Monte Carlo analysis "
                       "for them, or leave them out)");
  }
  if (spec.weights.empty() && spec.choices.empty())
    throw OptionsError("UncertaintySpec::weights", "(none)", "the specification makes neither weights nor choices uncertain");
  o.scoring.validate();
  const std::size_t threads = detail::thread_count(o.threads);
  ScoringOptions base = o.scoring;
  base.keep = Kept::kTotals;
  base.threads = o.threads;
  const ScoringResult nominal = evaluate(plan, table, base);
  const Eigen::VectorXd& w0 = nominal.edge_weights;
  const std::vector<detail::Target> targets = detail::resolve(plan, spec);
  const std::size_t n = table.size();

  SobolAnalysisResult r;
  r.unit_ids = table.ids;
  r.unit_names = table.names;
  r.nominal_score = nominal.total;
  r.nominal_rank = nominal.rank;
  const std::vector<std::string> labels = edge_labels(plan);
  for (const auto& t : targets)
    for (int e : t.edges) {
      r.inputs.push_back(labels[static_cast<std::size_t>(e)]);
      r.input_edges.push_back(e);
    }
  // Modelling choices follow the weights, one input each (its alternatives equally wide slices
  // of the input's range).
  const std::size_t weight_inputs = r.inputs.size();
  std::unique_ptr<detail::Variants> variants;
  if (!spec.choices.empty()) {
    variants = std::make_unique<detail::Variants>(plan, table, base, spec);
    for (const auto& c : spec.choices) {
      r.inputs.push_back(c.label());
      r.input_edges.push_back(-1);
    }
  }
  plan_runs(r, o, table.file);
  const SobolDesign design = sobol_design(r.base, r.inputs.size(), o.seed);
  detail::Linear lin;
  if (spec.choices_beyond_weights()) lin.why_not = "the specification chooses between rules, aggregations or evaluation methods";
  else lin = detail::linear_form(plan, table, base);
  r.linear = lin.ok;
  r.not_linear = lin.why_not;
  const std::size_t L = plan.leaf_ids().size();

  // The edge weights of a run and the plan it evaluates (its alternatives').
  auto weights_of = [&](std::size_t run, Eigen::VectorXd& w, std::vector<double>& u) -> const Plan& {
    point_of(design, run, u);
    const Plan* p = &plan;
    Eigen::VectorXd centre;
    if (variants) {
      const detail::ChoicePick pick = variants->place(u.data() + weight_inputs);
      const detail::Variant& v = variants->get(pick);
      centre = variants->weights(v, pick);
      p = &v.plan;
    }
    const Eigen::VectorXd& from = variants ? centre : w0;
    w = from;
    std::size_t at = 0;
    for (const auto& t : targets) {
      detail::place(t, from, u.data() + at, w.data());
      at += t.edges.size();
    }
    return *p;
  };
  struct Scratch {
    Eigen::VectorXd w;
    std::vector<double> u;
    detail::RowMatrix points;  // leaves x the block's runs
    Eigen::VectorXd g;
    detail::Ranker ranker;
    ScoringOptions options;
    ScoringResult result;
  };
  std::vector<Scratch> scratch(threads);
  for (auto& s : scratch) {
    s.options = base;
    s.options.threads = 1;
    s.points.resize(static_cast<Eigen::Index>(L), static_cast<Eigen::Index>(kRunBlock));
    s.g.resize(static_cast<Eigen::Index>(L));
  }
  const BlockFn evaluate_block = [&](std::size_t first, std::size_t count, std::size_t t, double* total, int* rank) {
    Scratch& s = scratch[t];
    if (lin.ok) {
      // The block's runs as one product of the units' shares with the runs' points.
      for (std::size_t k = 0; k < count; ++k) {
        (void)weights_of(first + k, s.w, s.u);
        detail::leaf_globals(plan, s.w.data(), s.g.data());
        s.points.col(static_cast<Eigen::Index>(k)) = s.g * lin.points_per_weight;
      }
      detail::linear_totals(lin.shares, s.points, 0, n, 0, count, true, total, n);
      for (std::size_t k = 0; k < count; ++k) {
        double* tk = total + k * n;
        for (std::size_t i = 0; i < n; ++i) tk[i] = lin.finish(tk[i]);
        s.ranker(tk, n, rank + k * n);
      }
      return;
    }
    for (std::size_t k = 0; k < count; ++k) {
      const Plan& run_plan = weights_of(first + k, s.w, s.u);
      s.options.edge_weights = s.w;
      evaluate(run_plan, table, s.options, &s.result);
      std::copy_n(s.result.total.data(), n, total + k * n);
      std::copy_n(s.result.rank.data(), n, rank + k * n);
    }
  };
  if (shard) {
    // Only the shard's runs, in the analysis's own blocks of the design (cut at the shard's ends).
    if (shard->first > r.runs || shard->count > r.runs - shard->first)
      throw OptionsError("sobol_runs", fmt::format("runs {} to {}", shard->first, shard->first + shard->count),
                         fmt::format("go beyond the design's {} runs", r.runs));
    shard->units = n;
    shard->runs = r.runs;
    shard->total.resize(shard->count * n);
    shard->rank.resize(shard->count * n);
    const std::size_t end = shard->first + shard->count;
    std::vector<std::size_t> starts;
    for (std::size_t at = shard->first; at < end; at = std::min(end, (at / kRunBlock + 1) * kRunBlock)) starts.push_back(at);
    detail::parallel_for_reporting(starts.size(), threads, o.progress, [&](std::size_t b, std::size_t t) {
      const std::size_t at = starts[b], next = b + 1 < starts.size() ? starts[b + 1] : end;
      evaluate_block(at, next - at, t, shard->total.data() + (at - shard->first) * n, shard->rank.data() + (at - shard->first) * n);
    });
    return r;
  }
  if (!shards) {
    run_and_estimate(r, o, threads, evaluate_block);
    return r;
  }
  // Every run exactly once, from the shard holding it.
  std::vector<const SobolShard*> holder(r.runs, nullptr);
  for (const auto& x : *shards) {
    if (x.units != n || x.total.size() != x.count * n || x.rank.size() != x.count * n)
      throw OptionsError("sobol_analysis shards", fmt::format("runs {} to {}", x.first, x.first + x.count),
                         fmt::format("hold {} units' outputs, the table has {}", x.units, n));
    if (x.first > r.runs || x.count > r.runs - x.first)
      throw OptionsError("sobol_analysis shards", fmt::format("runs {} to {}", x.first, x.first + x.count),
                         fmt::format("go beyond the design's {} runs", r.runs));
    for (std::size_t k = x.first; k < x.first + x.count; ++k) {
      if (holder[k]) throw OptionsError("sobol_analysis shards", fmt::format("run {}", k), "is in two shards");
      holder[k] = &x;
    }
  }
  for (std::size_t k = 0; k < r.runs; ++k)
    if (!holder[k]) throw OptionsError("sobol_analysis shards", fmt::format("run {}", k), "is in no shard");
  run_and_estimate(r, o, threads, [&](std::size_t first, std::size_t count, std::size_t, double* total, int* rank) {
    for (std::size_t k = 0; k < count; ++k) {
      const SobolShard& x = *holder[first + k];
      const std::size_t at = (first + k - x.first) * n;
      std::copy_n(x.total.data() + at, n, total + k * n);
      std::copy_n(x.rank.data() + at, n, rank + k * n);
    }
  });
  return r;
}

}  // namespace

SobolAnalysisResult sobol_analysis(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                   const SobolAnalysisOptions& o) {
  SobolAnalysisResult r = run(plan, table, spec, o, nullptr, nullptr);
  r.language = o.scoring.language.value_or(model_language(plan.model()));
  return r;
}

SobolShard sobol_runs(const Plan& plan, const Table& table, const UncertaintySpec& spec, const SobolAnalysisOptions& o,
                      std::size_t first, std::size_t count) {
  SobolShard shard;
  shard.first = first;
  shard.count = count;
  (void)run(plan, table, spec, o, &shard, nullptr);
  return shard;
}

SobolAnalysisResult sobol_analysis(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                   const SobolAnalysisOptions& o, const std::vector<SobolShard>& shards) {
  SobolAnalysisResult r = run(plan, table, spec, o, nullptr, &shards);
  r.language = o.scoring.language.value_or(model_language(plan.model()));
  return r;
}

SobolAnalysisResult sobol_analysis(const DecisionMatrix& matrix, const Eigen::VectorXd& weights, const MethodOptions& method,
                                   const MatrixUncertainty& u, const SobolAnalysisOptions& o) {
  check(o);
  const detail::Subject subject(matrix, weights, method);
  const auto ranges = detail::method_ranges(method, u);
  if (!u.weights && ranges.empty())
    throw OptionsError("MatrixUncertainty", "(none)", "makes neither the weights nor a parameter uncertain");
  const std::size_t threads = detail::thread_count(o.threads);
  SobolAnalysisResult r;
  r.unit_ids = subject.unit_ids;
  r.unit_names = subject.unit_names;
  r.nominal_score = subject.nominal.total;
  r.nominal_rank = subject.nominal.rank;
  detail::Target all;
  if (u.weights) {
    all.u = *u.weights;
    for (std::size_t j = 0; j < matrix.criteria.size(); ++j) {
      all.edges.push_back(static_cast<int>(j));
      r.inputs.push_back(matrix.criteria[j]);
      r.input_edges.push_back(static_cast<int>(j));
    }
  }
  for (const auto& range : u.parameters) {
    r.inputs.push_back("parameter " + range.parameter);
    r.input_edges.push_back(-1);
  }
  r.not_linear = fmt::format("a decision matrix is ranked by {}", to_string(method.method));
  plan_runs(r, o, "the decision matrix");
  const SobolDesign design = sobol_design(r.base, r.inputs.size(), o.seed);
  struct Scratch {
    std::vector<double> u;
    Eigen::VectorXd w;
    MethodOptions method;
    detail::Subject::Scratch s;
  };
  std::vector<Scratch> scratch(threads, Scratch{{}, {}, method, subject.scratch()});
  run_and_estimate(r, o, threads, [&](std::size_t first, std::size_t count, std::size_t t, double* total, int* rank) {
    Scratch& s = scratch[t];
    const std::size_t n = r.unit_ids.size();
    for (std::size_t k = 0; k < count; ++k) {
      point_of(design, first + k, s.u);
      s.w = subject.weights;
      if (u.weights) detail::place(all, subject.weights, s.u.data(), s.w.data());
      const std::size_t at = all.edges.size();
      for (std::size_t p = 0; p < ranges.size(); ++p)
        s.method.*ranges[p].first = ranges[p].second.low + (ranges[p].second.high - ranges[p].second.low) * s.u[at + p];
      const detail::Outcome& out = subject.evaluate(s.w, s.s, &s.method);
      std::copy_n(out.total.data(), n, total + k * n);
      std::copy_n(out.rank.data(), n, rank + k * n);
    }
  });
  return r;
}

namespace {
std::string index(double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.3f}", v); }
std::string interval(double lo, double hi) {
  return std::isnan(lo) ? std::string("-") : fmt::format("[{:.3f}, {:.3f}]", lo, hi);
}
// The input with the largest total index (-1 when the output is constant).
int driver(const SobolIndices& s) {
  if (s.constant || s.total.size() == 0) return -1;
  Eigen::Index best = 0;
  for (Eigen::Index j = 1; j < s.total.size(); ++j)
    if (s.total[j] > s.total[best]) best = j;
  return static_cast<int>(best);
}
}  // namespace

std::string SobolAnalysisResult::brief_report() const {
  const Language l = language;
  using detail::tr;
  const int d = driver(rank_shift);
  // Inputs without an edge: modelling choices (a model) or method parameters (a decision matrix).
  std::size_t choices = 0, parameters = 0;
  for (std::size_t j = 0; j < inputs.size(); ++j)
    if (input_edges[j] < 0) ++(inputs[j].rfind("parameter ", 0) == 0 ? parameters : choices);
  std::string what = detail::trf(l, "{} uncertain {}", "{} 个不确定的{}", inputs.size(),
                                 choices + parameters ? tr(l, "inputs", "输入") : tr(l, "weights", "权重"));
  if (choices + parameters)
    what += detail::trf(l, " ({} weights, {} {})", "（{} 个权重，{} 个{}）", inputs.size() - choices - parameters,
                        choices + parameters,
                        choices ? tr(l, "modelling choices", "建模选择") : tr(l, "method parameters", "方法参数"));
  return detail::trf(
      l, "Sobol' indices of {} ({} base points, {} evaluations{}): {}", "Sobol' 指数（{}；{} 个基点，{} 次评估{}）：{}", what, base,
      runs, linear ? tr(l, ", each one matrix-vector product", "，每次为一次矩阵-向量乘") : "",
      d < 0 ? std::string(tr(l, "the mean absolute rank shift does not vary", "平均绝对排名变动不随输入变化"))
            : detail::trf(l, "the mean absolute rank shift (mean {:.2f}) depends most on {} (total index {:.3f})",
                          "平均绝对排名变动（均值 {:.2f}）最依赖于 {}（总效应指数 {:.3f}）", rank_shift.mean,
                          inputs[static_cast<std::size_t>(d)], rank_shift.total[d]));
}

std::string SobolAnalysisResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n";
  if (!rank_shift.constant) {
    out += tr(l, "\nthe mean absolute rank shift, by total index:\n", "\n平均绝对排名变动，按总效应指数排序：\n");
    std::vector<std::size_t> order(inputs.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
      return rank_shift.total[static_cast<Eigen::Index>(a)] > rank_shift.total[static_cast<Eigen::Index>(b)];
    });
    std::vector<std::vector<std::string>> rows;
    for (std::size_t j : order) {
      const auto J = static_cast<Eigen::Index>(j);
      rows.push_back({inputs[j], index(rank_shift.first[J]), interval(rank_shift.first_low[J], rank_shift.first_high[J]),
                      index(rank_shift.first_jansen[J]), index(rank_shift.total[J]),
                      interval(rank_shift.total_low[J], rank_shift.total_high[J])});
    }
    out += detail::text_table({tr(l, "input", "输入"), tr(l, "first", "一阶"), tr(l, "interval", "区间"),
                               tr(l, "first (Jansen)", "一阶（Jansen）"), tr(l, "total", "总效应"), tr(l, "interval", "区间")},
                              rows, {false, true, true, true, true, true});
  }
  // Units whose rank varies most, with the weight that drives it.
  std::vector<std::size_t> order;
  for (std::size_t c = 0; c < units.size(); ++c)
    if (!rank[c].constant) order.push_back(c);
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return rank[a].variance > rank[b].variance; });
  constexpr std::size_t kShown = 20;
  out += detail::trf(l, "\n{} of {} units change rank; the input that drives each one's rank{}:\n",
                     "\n{} 个单位（共 {} 个）的排名会变动；决定各单位排名的输入{}：\n", order.size(), units.size(),
                     order.size() > kShown
                         ? detail::trf(l, " (the {} whose rank varies most)", "（排名变动最大的 {} 个）", kShown)
                         : "");
  std::vector<std::vector<std::string>> rows;
  for (std::size_t q = 0; q < std::min(kShown, order.size()); ++q) {
    const std::size_t c = order[q], i = units[c];
    const int dr = driver(rank[c]), ds = driver(score[c]);
    rows.push_back({unit_ids[i], i < unit_names.size() ? unit_names[i] : std::string(), fmt::format("{}", nominal_rank[i]),
                    fmt::format("{:.1f}", std::sqrt(rank[c].variance)),
                    dr < 0 ? "-" : inputs[static_cast<std::size_t>(dr)], dr < 0 ? "-" : index(rank[c].total[dr]),
                    ds < 0 ? "-" : inputs[static_cast<std::size_t>(ds)], ds < 0 ? "-" : index(score[c].total[ds])});
  }
  out += detail::text_table({tr(l, "id", "单位代码"), tr(l, "name", "单位名称"), tr(l, "rank", "排名"), tr(l, "rank sd", "排名标准差"),
                             tr(l, "rank driven by", "排名主要取决于"), tr(l, "total", "总效应"),
                             tr(l, "score driven by", "得分主要取决于"), tr(l, "total", "总效应")},
                            rows, {false, false, true, true, false, true, false, true});
  return out;
}

}  // namespace staffeval
