// Monte Carlo uncertainty analysis of a model's weights (sensitivity.h).
#include <algorithm>
#include <cmath>
#include <cstring>
#include <memory>
#include <limits>
#include <numeric>
#include <atomic>
#include <functional>
#include <variant>

#include <fmt/format.h>

#include "common/large_buffer.h"
#include "common/random.h"
#include "common/tasks.h"
#include "common/language.h"
#include "common/text_table.h"
#include "analyses/linear_form.h"
#include "analyses/model_choices.h"
#include "analyses/progress.h"
#include "analyses/ranker.h"
#include "analyses/subject.h"
#include "analyses/uncertain_weights.h"
#include "staffeval/sensitivity.h"

namespace staffeval {

namespace {

using detail::draw;
using detail::leaf_globals;
using detail::Linear;
using detail::linear_form;
using detail::linear_totals;
using detail::Ranker;
using detail::resolve;
using detail::RowMatrix;
using detail::Target;
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Ranks of one unit over the samples, as counts in the window [lo, lo + count.size()), grown
// once per batch to the batch's extremes so that counting does not test bounds.
struct RankCounts {
  int lo = 0;
  std::vector<std::uint32_t> count;
  std::size_t total = 0;

  // Makes [low, high] part of the window.
  void cover(int low, int high) {
    if (count.empty()) {
      lo = low;
      count.assign(static_cast<std::size_t>(high - low + 1), 0);
      return;
    }
    if (low < lo) {
      count.insert(count.begin(), static_cast<std::size_t>(lo - low), 0);
      lo = low;
    }
    if (high >= lo + static_cast<int>(count.size())) count.resize(static_cast<std::size_t>(high - lo + 1), 0);
  }
  // The k-th smallest rank (0-based).
  double kth(std::size_t k) const {
    std::size_t seen = 0;
    for (std::size_t b = 0; b < count.size(); ++b) {
      seen += count[b];
      if (k < seen) return lo + static_cast<double>(b);
    }
    return kNaN;
  }
  // Linear interpolation between order statistics (NumPy's default percentile).
  double percentile(double p) const {
    if (total == 0) return kNaN;
    const double h = (static_cast<double>(total) - 1) * p;
    const auto k = static_cast<std::size_t>(std::floor(h));
    const double a = kth(k), b = kth(std::min(k + 1, total - 1));
    return a + (h - static_cast<double>(k)) * (b - a);
  }
  std::uint32_t at(int rank) const {
    return rank >= lo && rank < lo + static_cast<int>(count.size()) ? count[static_cast<std::size_t>(rank - lo)] : 0;
  }
};

// The 5th, 50th and 95th percentiles by linear interpolation between order statistics (NumPy's
// default), exactly, in linear time: the values are counted into equal-width bins between their
// minimum and maximum (a monotone map, so bins hold consecutive order statistics), and only the
// bins holding the wanted order statistics are gathered and selected in. `v` is left as it was;
// `scratch` is reused between calls.
struct Percentiles {
  double p5, p50, p95;
};
Percentiles percentiles_of(const std::vector<double>& v, std::vector<std::uint32_t>& bins, std::vector<double>& scratch) {
  if (v.empty()) return {kNaN, kNaN, kNaN};
  const std::size_t n = v.size();
  const auto [lo_it, hi_it] = std::minmax_element(v.begin(), v.end());
  const double lo = *lo_it, hi = *hi_it;
  const double ps[3] = {0.05, 0.5, 0.95};
  std::size_t ks[3];
  double fs[3];
  for (int q = 0; q < 3; ++q) {
    const double h = (static_cast<double>(n) - 1) * ps[q];
    ks[q] = static_cast<std::size_t>(std::floor(h));
    fs[q] = h - std::floor(h);
  }
  if (!(hi > lo)) return {lo, lo, lo};
  const std::size_t B = std::clamp<std::size_t>(n / 4, 1, 4096);
  const double scale = static_cast<double>(B) / (hi - lo);
  auto bin = [&](double x) { return std::min(B - 1, static_cast<std::size_t>((x - lo) * scale)); };
  bins.assign(B + 1, 0);
  for (double x : v) ++bins[bin(x) + 1];
  for (std::size_t b = 0; b < B; ++b) bins[b + 1] += bins[b];  // bins[b]: order statistics before bin b
  // The bin of order statistic k.
  auto bin_of = [&](std::size_t k) { return static_cast<std::size_t>(std::upper_bound(bins.begin(), bins.end(), k) - bins.begin()) - 1; };
  // Wanted: each k and k + 1 (clipped), by bin; gathered in one pass.
  std::size_t want[6];
  for (int q = 0; q < 3; ++q) {
    want[2 * q] = bin_of(ks[q]);
    want[2 * q + 1] = bin_of(std::min(ks[q] + 1, n - 1));
  }
  std::size_t distinct[6];
  std::size_t nd = 0;
  for (std::size_t b : want) {  // kept sorted, by insertion
    std::size_t at = 0;
    while (at < nd && distinct[at] < b) ++at;
    if (at < nd && distinct[at] == b) continue;
    for (std::size_t d = nd; d > at; --d) distinct[d] = distinct[d - 1];
    distinct[at] = b;
    ++nd;
  }
  // Gathered bins laid end to end in bin order: order statistic k sits at start + (k - bins[b]).
  std::size_t offset[6], size = 0;
  for (std::size_t d = 0; d < nd; ++d) {
    offset[d] = size;
    size += bins[distinct[d] + 1] - bins[distinct[d]];
  }
  scratch.resize(size);
  std::size_t fill[6];
  std::copy(offset, offset + nd, fill);
  for (double x : v) {
    const std::size_t b = bin(x);
    for (std::size_t d = 0; d < nd; ++d)
      if (distinct[d] == b) scratch[fill[d]++] = x;
  }
  auto kth = [&](std::size_t k) {
    const std::size_t b = bin_of(k);
    const std::size_t d = static_cast<std::size_t>(std::find(distinct, distinct + nd, b) - distinct);
    const auto first = scratch.begin() + static_cast<std::ptrdiff_t>(offset[d]);
    const auto last = first + static_cast<std::ptrdiff_t>(bins[b + 1] - bins[b]);
    const auto at = first + static_cast<std::ptrdiff_t>(k - bins[b]);
    std::nth_element(first, at, last);
    return *at;
  };
  double out[3];
  for (int q = 0; q < 3; ++q) {
    const double a = kth(ks[q]);
    const double b = ks[q] + 1 < n ? kth(ks[q] + 1) : a;
    out[q] = a + fs[q] * (b - a);
  }
  return {out[0], out[1], out[2]};
}

// The options both Monte Carlo analyses read (replay: samples may be 0).
void check_options(const MonteCarloOptions& o) {
  if (o.replay.size() == 0 && o.samples == 0) throw OptionsError("MonteCarloOptions::samples", "0", "must be >= 1");
  if (o.threads < 0) throw OptionsError("MonteCarloOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  if (o.top_k < 1) throw OptionsError("MonteCarloOptions::top_k", fmt::format("{}", o.top_k), "must be >= 1");
  if (o.acceptability_ranks < 1)
    throw OptionsError("MonteCarloOptions::acceptability_ranks", fmt::format("{}", o.acceptability_ranks), "must be >= 1");
}

// Replayed weights: one column per `column` (`columns` of them), finite and >= 0.
void check_replay(const Eigen::MatrixXd& replay, Eigen::Index columns, const char* column, const char* per) {
  if (replay.cols() != columns)
    throw OptionsError("MonteCarloOptions::replay", fmt::format("{} x {}", replay.rows(), replay.cols()),
                       fmt::format("needs one column per {} ({})", per, columns));
  for (Eigen::Index s = 0; s < replay.rows(); ++s)
    for (Eigen::Index e = 0; e < columns; ++e)
      if (!std::isfinite(replay(s, e)) || replay(s, e) < 0)
        throw OptionsError("MonteCarloOptions::replay", fmt::format("sample {}, {} {} = {}", s + 1, column, e + 1, replay(s, e)),
                           "weights must be finite and >= 0");
}

// From the samples' totals, ranks and grades, batch by batch, to every statistic of `m` (whose
// nominal result and samples' weights are set). `batch_of(first, count, total, rank, grade)`
// fills `count` samples x n units; `scores_of(b0, b1, out)`, when given, computes units [b0, b1)
// x all samples again (row per unit) instead of keeping the scores.
using BatchFn = std::function<void(std::size_t, std::size_t, double*, int*, int*)>;
using ScoresFn = std::function<void(std::size_t, std::size_t, double*)>;
// `per_sample`, when given, gets per sample the summed |rank - nominal rank|, the units ranked,
// the graded units whose grade differs from the nominal one and the graded units.
struct SampleShift {
  double shift = 0;
  std::size_t ranked = 0, changed = 0, graded = 0;
};
void collect(MonteCarloResult& m, const MonteCarloOptions& o, std::size_t threads, const BatchFn& batch_of,
             const ScoresFn& scores_of, std::vector<SampleShift>* per_sample = nullptr) {
  const std::size_t n = m.unit_ids.size(), S = m.samples, G = m.grade_names.size();
  // Samples run in batches: every thread evaluates whole samples into its own result; then each
  // unit's statistics take the batch in sample order (units in parallel).
  const bool keep_scores = !scores_of;
  Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor> scores;
  if (keep_scores) scores.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(S));
  std::vector<RankCounts> ranks(n);
  std::vector<std::uint32_t> grades(n * G, 0);
  std::vector<std::size_t> scored(n, 0);
  std::vector<double> shift(n, 0.0);
  std::vector<std::size_t> shift_count(n, 0);
  // The units ranked first in each sample, for their central weights.
  std::vector<std::vector<std::uint32_t>> firsts(S);
  // Batches: every batch streams all units' rank windows through the cache once, so larger
  // batches miss the cache less per count, but the batch buffers (16 bytes per unit and sample,
  // mapped memory: every sample fills its rows) are fresh pages the first time they are filled,
  // and first touches cost more than the extra sweeps: kBatchBytes, within 32 to 1024 samples
  // and no more than there are (10,000 units: 209 samples, 32 MiB; 1,000 samples of 10,000
  // units took 0.35-0.37 s against 0.46-0.48 s with 128 MiB, the same results).
  constexpr std::size_t kBatchBytes = std::size_t{32} << 20;
  const std::size_t batch = std::min(S, std::clamp<std::size_t>(kBatchBytes / (16 * std::max<std::size_t>(n, 1)),
                                                               std::max<std::size_t>(32, 8 * threads), 1024));
  detail::LargeBuffer<double> b_total(batch * n);
  detail::LargeBuffer<int> b_rank(batch * n), b_grade(batch * n);
  // Every sample fills its rows of the batch buffers, and every batch a column of every unit's
  // scores: their pages are mapped in first, a share on every core, in a few calls rather than a
  // fault per page.
  {
    constexpr std::size_t kPart = std::size_t{4} << 20;  // bytes per call
    struct Span {
      void* p;
      std::size_t bytes;
    };
    std::vector<Span> spans;
    auto cut = [&](void* p, std::size_t bytes) {
      for (std::size_t at = 0; at < bytes; at += kPart)
        spans.push_back({static_cast<char*>(p) + at, std::min(kPart, bytes - at)});
    };
    cut(b_total.data(), batch * n * sizeof(double));
    cut(b_rank.data(), batch * n * sizeof(int));
    cut(b_grade.data(), batch * n * sizeof(int));
    if (keep_scores) cut(scores.data(), n * S * sizeof(double));
    detail::parallel_for(spans.size(), threads,
                         [&](std::size_t k, std::size_t) { detail::populate_for_writing(spans[k].p, spans[k].bytes); });
  }
  std::vector<std::vector<int>> tile_ranks(threads);
  detail::report(o.progress, 0, S);
  for (std::size_t first = 0; first < S; first += batch) {
    const std::size_t count = std::min(batch, S - first);
    if (first > 0) detail::report(o.progress, first, S);
    batch_of(first, count, b_total.data(), b_rank.data(), b_grade.data());
    if (per_sample)
      detail::parallel_for(count, threads, [&](std::size_t k, std::size_t) {
        SampleShift& x = (*per_sample)[first + k];
        for (std::size_t i = 0; i < n; ++i) {
          const int rank = b_rank[k * n + i];
          if (rank <= 0 || std::isnan(b_total[k * n + i]) || m.nominal_rank[i] <= 0) continue;
          x.shift += std::abs(rank - m.nominal_rank[i]);
          ++x.ranked;
          if (m.nominal_grade[i] >= 0 && b_grade[k * n + i] >= 0) {
            ++x.graded;
            x.changed += b_grade[k * n + i] != m.nominal_grade[i];
          }
        }
      });
    for (std::size_t k = 0; k < count; ++k)
      for (std::size_t i = 0; i < n; ++i)
        if (b_rank[k * n + i] == 1) firsts[first + k].push_back(static_cast<std::uint32_t>(i));
    // Tiles of 64 units x the batch: the batch's columns are read along units and each unit's
    // counts (and row of scores) from cache; every unit still takes its samples in order. A first
    // sweep takes everything but the rank counts and finds each unit's extreme ranks (an unranked
    // sample's rank set to 0), so that each window grows once and the second sweep only counts.
    const std::size_t chunk = 4096;
    constexpr std::size_t tile = 64;
    detail::parallel_for((n + chunk - 1) / chunk, threads, [&](std::size_t c, std::size_t t) {
      const std::size_t end = std::min(n, (c + 1) * chunk);
      std::vector<int>& by_unit = tile_ranks[t];  // the tile's ranks, unit by unit
      by_unit.resize(tile * count);
      for (std::size_t i0 = c * chunk; i0 < end; i0 += tile) {
        const std::size_t i1 = std::min(end, i0 + tile);
        int low[tile], high[tile];
        std::fill_n(low, tile, std::numeric_limits<int>::max());
        std::fill_n(high, tile, 0);
        for (std::size_t k = 0; k < count; ++k)
          for (std::size_t i = i0; i < i1; ++i) {
            const double score = b_total[k * n + i];
            if (keep_scores) scores(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(first + k)) = score;
            const int rank = b_rank[k * n + i];
            if (rank <= 0 || std::isnan(score)) {
              by_unit[(i - i0) * count + k] = 0;
              continue;
            }
            by_unit[(i - i0) * count + k] = rank;
            ++scored[i];
            low[i - i0] = std::min(low[i - i0], rank);
            high[i - i0] = std::max(high[i - i0], rank);
            const int grade = b_grade[k * n + i];
            if (grade >= 0) ++grades[i * G + static_cast<std::size_t>(grade)];
            if (m.nominal_rank[i] > 0) {
              shift[i] += std::abs(rank - m.nominal_rank[i]);
              ++shift_count[i];
            }
          }
        std::uint32_t* window[tile];
        for (std::size_t i = i0; i < i1; ++i) {
          RankCounts& rc = ranks[i];
          if (high[i - i0] == 0) continue;
          rc.cover(low[i - i0], high[i - i0]);
          window[i - i0] = rc.count.data();
          low[i - i0] = rc.lo;
        }
        // Unit by unit, so that its window stays in the nearest cache.
        for (std::size_t i = i0; i < i1; ++i) {
          if (high[i - i0] == 0) continue;
          std::uint32_t* w = window[i - i0];
          const int lo = low[i - i0];
          const int* r = by_unit.data() + (i - i0) * count;
          for (std::size_t k = 0; k < count; ++k)
            if (r[k] > 0) ++w[r[k] - lo];
        }
        for (std::size_t i = i0; i < i1; ++i) ranks[i].total = scored[i];
      }
    });
  }

  detail::report(o.progress, S, S);
  const auto N = static_cast<Eigen::Index>(n);
  const auto E = m.edge_samples.cols();
  for (auto* v : {&m.score_mean, &m.score_median, &m.score_p5, &m.score_p95, &m.rank_mean, &m.rank_median, &m.rank_p5,
                  &m.rank_p95, &m.top_k_probability, &m.grade_stability})
    *v = Eigen::VectorXd::Constant(N, kNaN);
  m.grade_probability = Eigen::MatrixXd::Constant(N, static_cast<Eigen::Index>(G), kNaN);
  m.rank_acceptability = Eigen::MatrixXd::Constant(N, o.acceptability_ranks, kNaN);
  // Per block of units in parallel (each writes its own entries); the summary after, in unit order.
  constexpr std::size_t kBlock = 64;
  std::vector<std::vector<double>> values_of(threads);
  std::vector<std::vector<double>> block_of(threads);
  std::vector<std::vector<std::uint32_t>> bins_of(threads);
  std::vector<std::vector<double>> gathered_of(threads);
  detail::parallel_for((n + kBlock - 1) / kBlock, threads, [&](std::size_t b, std::size_t t) {
    const std::size_t b0 = b * kBlock, b1 = std::min(n, b0 + kBlock);
    std::vector<double>& block = block_of[t];  // units of the block x samples (recomputed)
    if (!keep_scores) {
      block.resize((b1 - b0) * S);
      scores_of(b0, b1, block.data());
    }
    for (std::size_t i = b0; i < b1; ++i) {
      if (scored[i] == 0 || m.nominal_rank[i] <= 0) continue;
      std::vector<double>& values = values_of[t];
      const auto I = static_cast<Eigen::Index>(i);
      const double cnt = static_cast<double>(scored[i]);
      values.clear();
      for (std::size_t s = 0; s < S; ++s) {
        const double v = keep_scores ? scores(I, static_cast<Eigen::Index>(s)) : block[(i - b0) * S + s];
        if (!std::isnan(v)) values.push_back(v);
      }
      double sum = 0;
      for (double v : values) sum += v;
      m.score_mean[I] = sum / static_cast<double>(values.size());
      const Percentiles p = percentiles_of(values, bins_of[t], gathered_of[t]);
      m.score_median[I] = p.p50;
      m.score_p5[I] = p.p5;
      m.score_p95[I] = p.p95;
      const RankCounts& rc = ranks[i];
      double rsum = 0;
      std::size_t top = 0;
      for (std::size_t k = 0; k < rc.count.size(); ++k) {
        const int rank = rc.lo + static_cast<int>(k);
        rsum += static_cast<double>(rank) * rc.count[k];
        if (rank <= o.top_k) top += rc.count[k];
      }
      m.rank_mean[I] = rsum / cnt;
      m.rank_median[I] = rc.percentile(0.5);
      m.rank_p5[I] = rc.percentile(0.05);
      m.rank_p95[I] = rc.percentile(0.95);
      m.top_k_probability[I] = static_cast<double>(top) / cnt;
      for (int r = 1; r <= o.acceptability_ranks; ++r) m.rank_acceptability(I, r - 1) = rc.at(r) / cnt;
      for (std::size_t g = 0; g < G; ++g) m.grade_probability(I, static_cast<Eigen::Index>(g)) = grades[i * G + g] / cnt;
      if (m.nominal_grade[i] >= 0) m.grade_stability[I] = grades[i * G + static_cast<std::size_t>(m.nominal_grade[i])] / cnt;
    }
  });
  // Central weights (SMAA): the mean weights of the samples in which a unit comes first.
  {
    std::vector<std::size_t> row_of(n, SIZE_MAX);
    std::vector<std::size_t> wins;
    for (std::size_t s = 0; s < S; ++s)
      for (std::uint32_t i : firsts[s])
        if (row_of[i] == SIZE_MAX) {
          row_of[i] = m.first_units.size();
          m.first_units.push_back(i);
        }
    std::sort(m.first_units.begin(), m.first_units.end());
    for (std::size_t r = 0; r < m.first_units.size(); ++r) row_of[m.first_units[r]] = r;
    m.central_weights = Eigen::MatrixXd::Zero(static_cast<Eigen::Index>(m.first_units.size()), E);
    wins.assign(m.first_units.size(), 0);
    for (std::size_t s = 0; s < S; ++s)
      for (std::uint32_t i : firsts[s]) {
        m.central_weights.row(static_cast<Eigen::Index>(row_of[i])) += m.edge_samples.row(static_cast<Eigen::Index>(s));
        ++wins[row_of[i]];
      }
    for (std::size_t r = 0; r < wins.size(); ++r)
      m.central_weights.row(static_cast<Eigen::Index>(r)) /= static_cast<double>(wins[r]);
  }
  double shift_sum = 0;
  std::size_t shift_n = 0, with_grade = 0, robust = 0;
  for (std::size_t i = 0; i < n; ++i) {
    shift_sum += shift[i];
    shift_n += shift_count[i];
    if (scored[i] == 0 || m.nominal_rank[i] <= 0 || m.nominal_grade[i] < 0) continue;
    ++with_grade;
    if (m.grade_stability[static_cast<Eigen::Index>(i)] >= o.robust_share) ++robust;
    else m.fragile.push_back(i);
  }
  m.mean_abs_rank_shift = shift_n ? shift_sum / static_cast<double>(shift_n) : 0.0;
  m.robust_share = with_grade ? static_cast<double>(robust) / static_cast<double>(with_grade) : kNaN;
  std::stable_sort(m.fragile.begin(), m.fragile.end(), [&](std::size_t a, std::size_t b) {
    return m.grade_stability[static_cast<Eigen::Index>(a)] < m.grade_stability[static_cast<Eigen::Index>(b)];
  });
}

}  // namespace

std::vector<std::string> edge_labels(const Plan& plan) {
  std::vector<std::string> labels;
  for (const auto& e : plan.edges())
    labels.push_back((e.parent < 0 ? std::string("top") : plan.node_ids()[static_cast<std::size_t>(e.parent)]) + "/" +
                     plan.node_ids()[static_cast<std::size_t>(e.child)]);
  return labels;
}

Eigen::MatrixXd edge_samples(const Table& table, const Plan& plan) {
  const std::vector<std::string> labels = edge_labels(plan);
  if (table.columns != labels) {
    for (std::size_t k = 0; k < std::max(labels.size(), table.columns.size()); ++k) {
      if (k < labels.size() && k < table.columns.size() && labels[k] == table.columns[k]) continue;
      throw DataError(fmt::format("{}: column {} is {}, where the plan's edge {} is expected (the columns are the "
                                  "edges `parent/child` in the model's order, as the samples were written)",
                                  table.file, k + 2, k < table.columns.size() ? "\"" + table.columns[k] + "\"" : "missing",
                                  k < labels.size() ? "\"" + labels[k] + "\"" : "(none: one column too many)"));
    }
  }
  for (Eigen::Index i = 0; i < table.values.rows(); ++i)
    for (Eigen::Index j = 0; j < table.values.cols(); ++j) {
      const double v = table.values(i, j);
      if (!(v >= 0))
        throw DataError(fmt::format("{}:{}: sample \"{}\", column \"{}\" = {}: a weight must be a number >= 0", table.file,
                                    table.rows[static_cast<std::size_t>(i)], table.ids[static_cast<std::size_t>(i)],
                                    table.columns[static_cast<std::size_t>(j)], std::isnan(v) ? std::string("missing") : fmt::format("{}", v)));
    }
  if (table.values.rows() == 0) throw DataError(fmt::format("{}: no samples", table.file));
  return table.values;
}

namespace {

// One Monte Carlo analysis: everything is set up (nominal result, modelling choices, every
// sample's weights, the linear form), then either the whole analysis runs (`shard` and `shards`
// null), or samples [shard->first, + count) are evaluated into `shard` only, or the statistics
// are taken from `shards` evaluated elsewhere instead of evaluating.
MonteCarloResult run(const Plan& plan, const Table& table, const UncertaintySpec& spec, const MonteCarloOptions& o,
                     MonteCarloShard* shard, const std::vector<MonteCarloShard>* shards) {
  const bool replay = o.replay.size() != 0;
  check_options(o);
  if (!(o.robust_share > 0 && o.robust_share <= 1))
    throw OptionsError("MonteCarloOptions::robust_share", fmt::format("{}", o.robust_share), "must be in (0, 1]");
  if (spec.weights.empty() && !spec.beyond_weights() && !replay)
    throw OptionsError("UncertaintySpec::weights", "(none)", "the specification makes nothing uncertain");
  o.scoring.validate();
  const std::size_t threads = detail::thread_count(o.threads);

  ScoringOptions base = o.scoring;
  base.keep = Kept::kTotals;
  base.threads = o.threads;
  const ScoringResult nominal = evaluate(plan, table, base);
  const Eigen::VectorXd& w0 = nominal.edge_weights;
  const auto E = w0.size();
  const std::vector<Target> targets = resolve(plan, spec);
  std::unique_ptr<detail::Variants> variants;
  if (!spec.choices.empty()) {
    if (replay)
      for (const auto& c : spec.choices)
        if (c.aspect == ChoiceAspect::kWeighting || c.aspect == ChoiceAspect::kBlend)
          throw OptionsError("MonteCarloOptions::replay", fmt::format("{} samples", o.replay.rows()),
                             fmt::format("replayed weights would override the {} ({}) the specification chooses", c.label(),
                                         c.location.to_string()));
    variants = std::make_unique<detail::Variants>(plan, table, base, spec);
  }
  constexpr std::uint64_t kChoices = std::uint64_t{1} << 49;
  std::vector<detail::ChoicePick> picks;
  std::vector<const detail::Variant*> sample_variant;
  // Sample s's alternatives, from a stream of its own.
  auto pick = [&](std::size_t s) -> Eigen::VectorXd {
    detail::Random c(o.seed, kChoices + s);
    picks[s] = variants->draw(c);
    sample_variant[s] = &variants->get(picks[s]);
    return variants->weights(*sample_variant[s], picks[s]);
  };

  MonteCarloResult m;
  m.edge_labels = edge_labels(plan);
  m.unit_ids = table.ids;
  m.unit_names = table.names;
  for (const auto& g : plan.model().grades) m.grade_names.push_back(g.name);
  m.top_k = o.top_k;
  m.robust_threshold = o.robust_share;
  m.nominal_score = nominal.total;
  m.nominal_rank = nominal.rank;
  m.nominal_grade = nominal.grade;
  m.warnings = nominal.warnings;

  // The samples' edge weights.
  if (replay) {
    check_replay(o.replay, E, "edge", "edge of the plan");
    m.edge_samples = o.replay;
    if (variants) {
      picks.resize(static_cast<std::size_t>(o.replay.rows()));
      sample_variant.resize(picks.size());
      detail::parallel_for(picks.size(), threads, [&](std::size_t s, std::size_t) { (void)pick(s); });
    }
  } else {
    const std::vector<detail::JudgmentTarget> judgment_targets = detail::resolve_judgments(plan, spec);
    std::vector<std::atomic<std::size_t>> inconsistent(judgment_targets.size());
    m.edge_samples.resize(static_cast<Eigen::Index>(o.samples), E);
    // Indicators that may be left out: leaf edges not kept.
    std::vector<char> droppable(static_cast<std::size_t>(E), 0);
    if (spec.drop > 0) {
      const auto& ids = plan.node_ids();
      for (Eigen::Index e = 0; e < E; ++e) {
        const int child = plan.edges()[static_cast<std::size_t>(e)].child;
        const auto& leaves = plan.leaf_nodes();
        const bool leaf = std::find(leaves.begin(), leaves.end(), child) != leaves.end();
        const std::string& id = ids[static_cast<std::size_t>(child)];
        droppable[static_cast<std::size_t>(e)] = leaf && std::find(spec.keep.begin(), spec.keep.end(), id) == spec.keep.end();
      }
    }
    // Alternative indicator sets: per set, the edges it leaves out (leaf edges of indicators not
    // in it); a set that empties a group is refused.
    std::vector<std::vector<int>> set_out(spec.sets.size());
    for (std::size_t k = 0; k < spec.sets.size(); ++k) {
      Eigen::VectorXd on = Eigen::VectorXd::Ones(E);
      const auto& leaves = plan.leaf_nodes();
      for (Eigen::Index e = 0; e < E; ++e) {
        const int child = plan.edges()[static_cast<std::size_t>(e)].child;
        if (std::find(leaves.begin(), leaves.end(), child) == leaves.end()) continue;
        const std::string& id = plan.node_ids()[static_cast<std::size_t>(child)];
        if (std::find(spec.sets[k].begin(), spec.sets[k].end(), id) == spec.sets[k].end()) {
          on[e] = 0;
          set_out[k].push_back(static_cast<int>(e));
        }
      }
      // Groups bottom up: a group whose every edge is off is off in its parent too.
      auto empty = [&](const PlanGroup& g) {
        for (int e : g.edges)
          if (on[e] > 0) return false;
        return true;
      };
      const auto& groups = plan.groups();
      for (auto it = groups.rbegin(); it != groups.rend(); ++it)
        if (empty(*it)) {
          const std::string& id = plan.node_ids()[static_cast<std::size_t>(it->node)];
          throw ModelError({{Severity::kError, spec.set_locations[k], fmt::format("inclusion.sets[{}]", k), id,
                             "leaves this group without any indicator: every set must keep one in each group"}});
        }
      if (empty(plan.top()))
        throw ModelError({{Severity::kError, spec.set_locations[k], fmt::format("inclusion.sets[{}]", k), "top",
                           "leaves the model without any indicator"}});
    }
    if (variants) {
      picks.resize(o.samples);
      sample_variant.resize(o.samples);
    }
    detail::parallel_for(o.samples, threads, [&](std::size_t s, std::size_t) {
      detail::Random r(o.seed, s);
      // The weights the sample starts from: the nominal ones, or those of its alternatives.
      const Eigen::VectorXd centre = variants ? pick(s) : w0;
      Eigen::VectorXd row = centre;
      for (const auto& t : targets) draw(t, centre, r, row.data());
      for (std::size_t j = 0; j < judgment_targets.size(); ++j) {
        bool consistent = true;
        detail::move_judgments(judgment_targets[j], w0, r, row.data(), &consistent);
        if (!consistent) ++inconsistent[j];
      }
      // The indicator set (after the judgments, which set every weight of their group).
      if (!set_out.empty())
        for (int e : set_out[static_cast<std::size_t>(r.below(set_out.size()))]) row[e] = 0;
      if (spec.drop > 0) {
        const Eigen::VectorXd drawn = row;
        for (Eigen::Index e = 0; e < E; ++e)
          if (droppable[static_cast<std::size_t>(e)] && r.uniform() < spec.drop) row[e] = 0;
        // A group that would lose every indicator keeps them all.
        auto restore = [&](const PlanGroup& g) {
          double left = 0;
          for (int e : g.edges) left += row[e];
          if (left > 0) return;
          for (int e : g.edges) row[e] = drawn[e];
        };
        restore(plan.top());
        for (const auto& g : plan.groups()) restore(g);
      }
      m.edge_samples.row(static_cast<Eigen::Index>(s)) = row.transpose();
    });
    for (std::size_t j = 0; j < judgment_targets.size(); ++j)
      if (inconsistent[j] > 0) {
        const std::string& g = judgment_targets[j].u.group;
        m.warnings.push_back(fmt::format("{} of {} samples moved the judgments of {} to an inconsistent matrix (CR at or "
                                         "above the threshold); their weights were used as they are",
                                         inconsistent[j].load(), o.samples, g.empty() ? std::string("the top level") : g));
      }
  }
  const auto S = static_cast<std::size_t>(m.edge_samples.rows());
  m.samples = S;
  const std::size_t n = table.size();
  const std::size_t L = plan.leaf_ids().size();
  // Weight-only uncertainty of an arithmetic model is linear in the leaves' points: a sample's
  // totals are one column of (shares x points), computed again per block of units for the score
  // percentiles instead of kept. A re-evaluated sample's scores are kept.
  Linear lin;
  const Language lang = base.language.value_or(model_language(plan.model()));
  if (spec.choices_beyond_weights()) {
    lin.why_not = detail::tr(lang, "the specification chooses between rules, aggregations or evaluation methods",
                             "不确定性设定在规则、集结方式或评价方法之间选择");
  } else if (spec.noise.empty() && spec.missing.empty()) {
    lin = linear_form(plan, table, base);
  } else {
    lin.why_not = detail::tr(lang, "the specification moves raw values or the missing-value policy", "不确定性设定变动原始值或缺失值处理方式");
  }
  m.linear = lin.ok;
  m.not_linear = lin.why_not;
  // Beyond the weights, each sample draws from a second stream of its own: grade minimums, the
  // missing-value policy and the raw values' noise, in that order.
  const IndicatorModel& model = plan.model();
  constexpr std::uint64_t kExtras = std::uint64_t{1} << 48;
  std::vector<int> noisy_columns;
  std::vector<double> noise_sd;
  for (const auto& f : spec.noise) {
    const Field* field = nullptr;
    for (const auto& x : model.fields)
      if (x.id == f.field) field = &x;
    const std::string header = field && !field->header.empty() ? field->header : f.field;
    const auto it = std::find(table.columns.begin(), table.columns.end(), header);
    if (it == table.columns.end())
      throw DataError(fmt::format("{}: no column \"{}\" for the noise of field {} ({})", table.file, header, f.field,
                                  f.location.to_string()));
    noisy_columns.push_back(static_cast<int>(it - table.columns.begin()));
    noise_sd.push_back(f.relative);
  }
  std::vector<Table> noisy_tables(noisy_columns.empty() ? 0 : threads, table);
  // The worst grade a unit's caps allow (-1: none).
  auto cap_floor = [&](const std::vector<int>& caps) {
    int floor = -1;
    for (int c : caps) {
      const std::string& name = model.caps[static_cast<std::size_t>(c)].max_grade;
      for (std::size_t g = 0; g < model.grades.size(); ++g)
        if (model.grades[g].name == name) floor = std::max(floor, static_cast<int>(g));
    }
    return floor;
  };
  // Grades again under the sample's grade minimums.
  auto regrade = [&](detail::Random& extra, const double* total, int* grade, const std::function<int(std::size_t)>& floor_of) {
    std::vector<double> mins;
    for (const auto& g : model.grades) mins.push_back(g.min);
    for (std::size_t g = 0; g + 1 < mins.size(); ++g) mins[g] += spec.threshold_points * (2 * extra.uniform() - 1);
    for (std::size_t i = 0; i < n; ++i) {
      if (grade[i] < 0 || std::isnan(total[i])) continue;
      int g = 0;
      while (g + 1 < static_cast<int>(mins.size()) && total[i] < mins[static_cast<std::size_t>(g)]) ++g;
      grade[i] = std::max(g, floor_of(i));
    }
  };
  constexpr std::size_t kMaxScores = std::size_t{1} << 27;  // 1 GiB of scores
  if ((!lin.ok || shards) && n * S > kMaxScores)
    throw OptionsError("MonteCarloOptions::samples", fmt::format("{}", S),
                       fmt::format("{} units x {} samples exceed the {} score values kept for percentiles: at most {} "
                                   "samples for this table",
                                   n, S, kMaxScores, kMaxScores / std::max<std::size_t>(n, 1)));

  // Leaves x samples: the points every leaf carries in every sample (linear form only).
  RowMatrix points;
  if (lin.ok) {
    points.resize(static_cast<Eigen::Index>(L), static_cast<Eigen::Index>(S));
    detail::parallel_for(S, threads, [&](std::size_t s, std::size_t) {
      const Eigen::VectorXd w = m.edge_samples.row(static_cast<Eigen::Index>(s)).transpose();
      Eigen::VectorXd g(static_cast<Eigen::Index>(L));
      leaf_globals(plan, w.data(), g.data());
      points.col(static_cast<Eigen::Index>(s)) = g * lin.points_per_weight;
    });
  }
  auto finish_total = [&](double t) {
    return lin.rounding.scope == RoundingScope::kTotal ? round_to(t, lin.rounding.decimals, lin.rounding.mode) : t;
  };

  std::vector<ScoringResult> per_thread(threads);
  std::vector<ScoringOptions> per_thread_options(threads, base);
  for (auto& so : per_thread_options) so.threads = 1;
  std::vector<Ranker> rankers(threads);
  auto batch_of = [&](std::size_t first, std::size_t count, double* b_total, int* b_rank, int* b_grade) {
    if (lin.ok) {
      // The batch's totals by blocks of units (the block's shares stay in cache over the batch).
      constexpr std::size_t kUnits = 1024;
      detail::parallel_for((n + kUnits - 1) / kUnits, threads, [&](std::size_t b, std::size_t) {
        const std::size_t i0 = b * kUnits, i1 = std::min(n, i0 + kUnits);
        linear_totals(lin.shares, points, i0, i1, first, first + count, true, b_total + i0, n);
      });
      detail::parallel_for(count, threads, [&](std::size_t k, std::size_t t) {
        double* tot = b_total + k * n;
        int* grade = b_grade + k * n;
        for (std::size_t i = 0; i < n; ++i) {
          tot[i] = finish_total(tot[i]);
          int g = 0;
          while (g + 1 < static_cast<int>(lin.band_min.size()) && tot[i] < lin.band_min[static_cast<std::size_t>(g)]) ++g;
          grade[i] = std::max(g, lin.cap_floor[i]);
        }
        if (spec.threshold_points > 0) {
          detail::Random extra(o.seed, kExtras + first + k);
          regrade(extra, tot, grade, [&](std::size_t i) { return lin.cap_floor[i]; });
        }
        rankers[t](tot, n, b_rank + k * n);
      });
    } else {
      detail::parallel_for(count, threads, [&](std::size_t k, std::size_t t) {
        ScoringOptions& so = per_thread_options[t];
        so.edge_weights = m.edge_samples.row(static_cast<Eigen::Index>(first + k)).transpose();
        ScoringResult& r = per_thread[t];
        detail::Random extra(o.seed, kExtras + first + k);
        // The grade minimums' moves come first in the stream (applied after the evaluation).
        for (std::size_t g = 0; spec.threshold_points > 0 && g + 1 < model.grades.size(); ++g) (void)extra.uniform();
        if (!spec.missing.empty()) so.missing = spec.missing[extra.below(spec.missing.size())];
        const Table* data = &table;
        if (!noisy_columns.empty()) {
          Table& noisy = noisy_tables[t];
          for (std::size_t f = 0; f < noisy_columns.size(); ++f) {
            const auto c = static_cast<Eigen::Index>(noisy_columns[f]);
            const double sd = noise_sd[f];
            for (Eigen::Index i = 0; i < static_cast<Eigen::Index>(n); ++i) {
              const double v = table.values(i, c);
              noisy.values(i, c) = std::isfinite(v) && v != 0 ? v * std::exp(sd * extra.normal() - sd * sd / 2) : v;
            }
          }
          data = &noisy;
        }
        evaluate(variants ? sample_variant[first + k]->plan : plan, *data, so, &r);
        std::copy_n(r.total.data(), n, b_total + k * n);
        std::copy_n(r.rank.data(), n, b_rank + k * n);
        std::copy_n(r.grade.data(), n, b_grade + k * n);
        if (spec.threshold_points > 0) {
          detail::Random again(o.seed, kExtras + first + k);  // the same moves as drawn above
          regrade(again, b_total + k * n, b_grade + k * n, [&](std::size_t i) { return cap_floor(r.caps[i]); });
        }
      });
    }
  };
  auto scores_of = [&](std::size_t b0, std::size_t b1, double* out) {
    linear_totals(lin.shares, points, b0, b1, 0, S, false, out, S);
    for (std::size_t k = 0; k < (b1 - b0) * S; ++k) out[k] = finish_total(out[k]);
  };
  if (shard) {
    // Only the shard's samples, in batches of at most 256 through the same code.
    if (shard->first > S || shard->count > S - shard->first)
      throw OptionsError("monte_carlo_samples", fmt::format("samples {} to {}", shard->first, shard->first + shard->count),
                         fmt::format("go beyond the analysis's {} samples", S));
    shard->units = n;
    shard->total.resize(shard->count * n);
    shard->rank.resize(shard->count * n);
    shard->grade.resize(shard->count * n);
    constexpr std::size_t kShardBatch = 256;
    for (std::size_t k = 0; k < shard->count; k += kShardBatch) {
      const std::size_t c = std::min(kShardBatch, shard->count - k);
      detail::report(o.progress, k, shard->count);
      batch_of(shard->first + k, c, shard->total.data() + k * n, shard->rank.data() + k * n, shard->grade.data() + k * n);
    }
    detail::report(o.progress, shard->count, shard->count);
    return m;
  }
  BatchFn source = batch_of;
  if (shards) {
    // Every sample exactly once, from the shard holding it; the scores kept as they came.
    std::vector<const MonteCarloShard*> holder(S, nullptr);
    for (const auto& x : *shards) {
      if (x.units != n || x.total.size() != x.count * n || x.rank.size() != x.count * n || x.grade.size() != x.count * n)
        throw OptionsError("monte_carlo shards", fmt::format("samples {} to {}", x.first, x.first + x.count),
                           fmt::format("hold {} units' outputs, the table has {}", x.units, n));
      if (x.first > S || x.count > S - x.first)
        throw OptionsError("monte_carlo shards", fmt::format("samples {} to {}", x.first, x.first + x.count),
                           fmt::format("go beyond the analysis's {} samples", S));
      for (std::size_t s = x.first; s < x.first + x.count; ++s) {
        if (holder[s]) throw OptionsError("monte_carlo shards", fmt::format("sample {}", s), "is in two shards");
        holder[s] = &x;
      }
    }
    for (std::size_t s = 0; s < S; ++s)
      if (!holder[s]) throw OptionsError("monte_carlo shards", fmt::format("sample {}", s), "is in no shard");
    source = [holder, n](std::size_t first, std::size_t count, double* b_total, int* b_rank, int* b_grade) {
      for (std::size_t k = 0; k < count; ++k) {
        const MonteCarloShard& x = *holder[first + k];
        const std::size_t at = (first + k - x.first) * n;
        std::copy_n(x.total.data() + at, n, b_total + k * n);
        std::copy_n(x.rank.data() + at, n, b_rank + k * n);
        std::copy_n(x.grade.data() + at, n, b_grade + k * n);
      }
    };
  }
  std::vector<SampleShift> per_sample(variants ? S : 0);
  collect(m, o, threads, source, lin.ok && !shards ? ScoresFn(scores_of) : ScoresFn(), variants ? &per_sample : nullptr);
  // Per choice and alternative, the samples that took it against the nominal result.
  for (std::size_t c = 0; variants && c < spec.choices.size(); ++c) {
    ChoiceEffect e;
    e.choice = spec.choices[c].label();
    e.alternatives = variants->alternatives(c);
    const std::size_t A = e.alternatives.size();
    std::vector<SampleShift> sum(A);
    e.samples.assign(A, 0);
    for (std::size_t s = 0; s < S; ++s) {
      const auto a = static_cast<std::size_t>(variants->slot(c, picks[s]));
      ++e.samples[a];
      sum[a].shift += per_sample[s].shift;
      sum[a].ranked += per_sample[s].ranked;
      sum[a].changed += per_sample[s].changed;
      sum[a].graded += per_sample[s].graded;
    }
    for (const auto& x : sum) {
      e.mean_abs_rank_shift.push_back(x.ranked ? x.shift / static_cast<double>(x.ranked) : kNaN);
      e.grade_change_share.push_back(x.graded ? static_cast<double>(x.changed) / static_cast<double>(x.graded) : kNaN);
    }
    m.choices.push_back(std::move(e));
  }
  return m;
}

}  // namespace

MonteCarloResult monte_carlo(const Plan& plan, const Table& table, const UncertaintySpec& spec, const MonteCarloOptions& o) {
  MonteCarloResult r = run(plan, table, spec, o, nullptr, nullptr);
  r.language = o.scoring.language.value_or(model_language(plan.model()));
  return r;
}

MonteCarloShard monte_carlo_samples(const Plan& plan, const Table& table, const UncertaintySpec& spec,
                                    const MonteCarloOptions& o, std::size_t first, std::size_t count) {
  MonteCarloShard shard;
  shard.first = first;
  shard.count = count;
  (void)run(plan, table, spec, o, &shard, nullptr);
  return shard;
}

MonteCarloResult monte_carlo(const Plan& plan, const Table& table, const UncertaintySpec& spec, const MonteCarloOptions& o,
                             const std::vector<MonteCarloShard>& shards) {
  MonteCarloResult r = run(plan, table, spec, o, nullptr, &shards);
  r.language = o.scoring.language.value_or(model_language(plan.model()));
  return r;
}

MonteCarloResult monte_carlo(const DecisionMatrix& matrix, const Eigen::VectorXd& weights, const MethodOptions& method,
                             const MatrixUncertainty& u, const MonteCarloOptions& o) {
  const bool replay = o.replay.size() != 0;
  check_options(o);
  const auto K = static_cast<Eigen::Index>(matrix.criteria.size());
  const detail::Subject subject(matrix, weights, method);  // checks the weights
  const std::vector<detail::MethodRange> ranges = detail::method_ranges(method, u);
  if (!u.weights && ranges.empty() && !replay)
    throw OptionsError("MatrixUncertainty", "(none)", "makes neither the weights nor a parameter uncertain");
  const std::size_t threads = detail::thread_count(o.threads);
  const detail::Outcome& nominal = subject.nominal;

  MonteCarloResult m;
  m.unit_ids = matrix.unit_ids;
  m.unit_names.assign(matrix.unit_ids.size(), std::string());
  m.edge_labels = matrix.criteria;
  m.top_k = o.top_k;
  m.robust_threshold = o.robust_share;
  m.nominal_score = nominal.total;
  m.nominal_rank = nominal.rank;
  m.nominal_grade.assign(matrix.unit_ids.size(), -1);
  m.warnings = subject.warnings;
  m.not_linear = "a decision matrix is ranked by its method in every sample";
  if (replay) {
    check_replay(o.replay, K, "criterion", "criterion");
    m.edge_samples = o.replay;
  } else {
    m.edge_samples.resize(static_cast<Eigen::Index>(o.samples), K);
    Target all;
    for (Eigen::Index j = 0; j < K; ++j) all.edges.push_back(static_cast<int>(j));
    if (u.weights) all.u = *u.weights;
    detail::parallel_for(o.samples, threads, [&](std::size_t s, std::size_t) {
      detail::Random r(o.seed, s);
      Eigen::VectorXd row = weights;
      if (u.weights) draw(all, weights, r, row.data());
      m.edge_samples.row(static_cast<Eigen::Index>(s)) = row.transpose();
    });
  }
  m.samples = static_cast<std::size_t>(m.edge_samples.rows());
  constexpr std::uint64_t kExtras = std::uint64_t{1} << 48;
  const std::size_t n = matrix.unit_ids.size();
  if (n * m.samples > (std::size_t{1} << 27))
    throw OptionsError("MonteCarloOptions::samples", fmt::format("{}", m.samples),
                       fmt::format("{} units x {} samples exceed the 2^27 scores kept for percentiles", n, m.samples));
  auto batch_of = [&](std::size_t first, std::size_t count, double* total, int* rank, int* grade) {
    detail::parallel_for(count, threads, [&](std::size_t k, std::size_t) {
      MethodOptions mo = method;
      detail::Random extra(o.seed, kExtras + first + k);
      for (const auto& [field, range] : ranges) mo.*field = range.low + (range.high - range.low) * extra.uniform();
      const MethodResult r = rank_alternatives(matrix, m.edge_samples.row(static_cast<Eigen::Index>(first + k)).transpose(), mo);
      std::copy_n(r.score.data(), n, total + k * n);
      std::copy_n(r.rank.data(), n, rank + k * n);
      std::fill_n(grade + k * n, n, -1);
    });
  };
  collect(m, o, threads, batch_of, ScoresFn());
  return m;
}

std::string MonteCarloResult::brief_report() const {
  if (grade_names.empty()) {
    std::string firsts;
    for (std::size_t i : first_units)
      if (rank_acceptability.cols() > 0 && rank_acceptability(static_cast<Eigen::Index>(i), 0) >= 0.01)
        firsts += fmt::format(" {} {:.1f}%", unit_ids[i], 100 * rank_acceptability(static_cast<Eigen::Index>(i), 0));
    return detail::trf(language, "Monte Carlo over {} samples: mean absolute rank shift {:.2f}; first place:{}",
                       "蒙特卡洛模拟 {} 次：平均排名变动 {:.2f}；居首概率：{}", samples, mean_abs_rank_shift,
                       firsts.empty() ? std::string(" -") : firsts);
  }
  std::size_t with_grade = 0;
  for (int g : nominal_grade) with_grade += g >= 0;
  return detail::trf(language,
                     "Monte Carlo over {} samples: {} of {} graded units ({:.1f}%) keep their grade in at least {:g}% of "
                     "samples; {} do not; mean absolute rank shift {:.2f}",
                     "蒙特卡洛模拟 {} 次：{} 个定级单位中 {} 个（{:.1f}%）在至少 {:g}% 的样本中保持原等级；{} 个不能；平均排名变动 {:.2f}",
                     samples, language == Language::kZh ? with_grade : with_grade - fragile.size(),
                     language == Language::kZh ? with_grade - fragile.size() : with_grade, 100 * robust_share,
                     100 * robust_threshold, fragile.size(), mean_abs_rank_shift);
}

std::string MonteCarloResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n";
  if (!choices.empty()) {
    out += tr(l, "\nmodelling choices: the samples that took each alternative against the nominal result:\n",
              "\n建模选择：取各备选方案的样本与基准结果的比较：\n");
    std::vector<std::vector<std::string>> rows;
    for (const auto& c : choices)
      for (std::size_t a = 0; a < c.alternatives.size(); ++a)
        rows.push_back({a == 0 ? c.choice : std::string(), c.alternatives[a], fmt::format("{}", c.samples[a]),
                        std::isnan(c.mean_abs_rank_shift[a]) ? "-" : fmt::format("{:.2f}", c.mean_abs_rank_shift[a]),
                        std::isnan(c.grade_change_share[a]) ? "-" : fmt::format("{:.1f}%", 100 * c.grade_change_share[a])});
    out += detail::text_table({tr(l, "choice", "选择"), tr(l, "alternative", "备选"), tr(l, "samples", "样本数"),
                               tr(l, "mean |rank shift|", "平均排名变动"), tr(l, "grades changed", "等级改变")},
                              rows,
                              {false, false, true, true, true});
  }
  if (!first_units.empty() && rank_acceptability.cols() > 0) {
    std::vector<std::size_t> by_share = first_units;
    std::stable_sort(by_share.begin(), by_share.end(), [&](std::size_t a, std::size_t b) {
      return rank_acceptability(static_cast<Eigen::Index>(a), 0) > rank_acceptability(static_cast<Eigen::Index>(b), 0);
    });
    out += tr(l, "\ncome first in some samples (central weights in the JSON):", "\n在部分样本中居首（中心权重见 JSON）：");
    for (std::size_t i : by_share)
      out += fmt::format(" {} {:.1f}%", unit_ids[i], 100 * rank_acceptability(static_cast<Eigen::Index>(i), 0));
    out += "\n";
  }
  if (grade_names.empty()) {  // a decision matrix: the units by nominal rank with their bands
    std::vector<std::size_t> order;
    for (std::size_t i = 0; i < unit_ids.size(); ++i)
      if (nominal_rank[i] > 0) order.push_back(i);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return nominal_rank[a] < nominal_rank[b]; });
    std::vector<std::vector<std::string>> rows;
    for (std::size_t i : order) {
      const auto I = static_cast<Eigen::Index>(i);
      rows.push_back({unit_ids[i], fmt::format("{:.4g}", nominal_score[I]), fmt::format("{:.4g}-{:.4g}", score_p5[I], score_p95[I]),
                      fmt::format("{}", nominal_rank[i]), fmt::format("{:g}-{:g}", rank_p5[I], rank_p95[I]),
                      fmt::format("{:.1f}%", 100 * top_k_probability[I])});
    }
    out += "\n" + detail::text_table({tr(l, "id", "单位代码"), tr(l, "score", "得分"), "5-95%", tr(l, "rank", "排名"), "5-95%",
                                      detail::trf(l, "P(top {})", "P(前 {} 名)", top_k)},
                                     rows,
                                     {false, true, true, true, true, true});
    return out;
  }
  if (fragile.empty()) return out;
  out += tr(l, "\nunits whose grade is not robust (least stable first):\n", "\n等级不稳健的单位（最不稳定的在前）：\n");
  std::vector<std::string> head{tr(l, "id", "单位代码"), tr(l, "name", "单位名称"), tr(l, "score", "得分"), "5-95%",
                                tr(l, "rank", "排名"),   "5-95%",                  tr(l, "grade", "等级"),  tr(l, "holds", "保持概率")};
  for (const auto& g : grade_names) head.push_back("P(" + g + ")");
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i : fragile) {
    const auto I = static_cast<Eigen::Index>(i);
    std::vector<std::string> row{unit_ids[i],
                                 i < unit_names.size() ? unit_names[i] : std::string(),
                                 fmt::format("{:.2f}", nominal_score[I]),
                                 fmt::format("{:.2f}-{:.2f}", score_p5[I], score_p95[I]),
                                 fmt::format("{}", nominal_rank[i]),
                                 fmt::format("{:g}-{:g}", rank_p5[I], rank_p95[I]),
                                 grade_names[static_cast<std::size_t>(nominal_grade[i])],
                                 fmt::format("{:.1f}%", 100 * grade_stability[I])};
    for (Eigen::Index g = 0; g < grade_probability.cols(); ++g) row.push_back(fmt::format("{:.1f}%", 100 * grade_probability(I, g)));
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), true);
  right[0] = right[1] = false;
  right[6] = false;
  out += detail::text_table(head, rows, right);
  return out;
}

}  // namespace staffeval
