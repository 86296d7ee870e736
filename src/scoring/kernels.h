// Hot loops of the evaluation, written with explicit two-lane vectors (private).
//
// Each kernel is compiled three times on x86-64 (AVX-512, AVX2 and the baseline) and picked at
// load time; every version performs the same IEEE operations lane by lane in the same order (no
// FMA contraction: the library builds with -ffp-contract=off), so results are bit-identical on
// every machine and a unit's arithmetic never depends on its position in the table.
#pragma once

#include <cstddef>
#include <cstdint>

#include "common/column_stats.h"

namespace staffeval::detail {

// The min-max map of one cohort with min < max: t = (x - base) * factor, which is (x - min) * r
// (benefit) or (max - x) * r (cost, as (x - max) * -r: the same IEEE result) with
// r = 1 / (max - min); share = lo + span * clamp(t, 0, 1).
struct MinMaxMap {
  double base, factor, lo, span;
};
MinMaxMap minmax_map(double min, double max, bool benefit, double lo, double span);

// Min-max shares of x[0..n); NaN x gives a NaN share. Branch codes (when `branch` is not null):
// `value`, `full` (t >= 1), `zero` (t <= 0), `skipped` (NaN).
void minmax_shares(const double* x, std::size_t n, const MinMaxMap& map, double* share,
                   std::uint8_t* branch, std::uint8_t value, std::uint8_t full, std::uint8_t zero,
                   std::uint8_t skipped);

// Adds c * share to out[i] for NaN-free x (`first`: writes 0 + c * share, as scale_into does),
// with the share minmax_shares computes: the leaf is scored inside its parent's weighted sum.
void minmax_accumulate(const double* x, std::size_t n, const MinMaxMap& map, double c, bool first,
                       double* out);

// Grade band of each total: the number of band minimums (mins[0] > mins[1] > ...) above it,
// the last band taking every lower score; -1 for a NaN total. Returns the number of NaN totals.
std::size_t grade_bands(const double* total, std::size_t n, const double* mins, int bands,
                        int* grade);

// out[i] = 0 + c * s[i] for i in [0, n): what axpy gives on zeros, without the zeros.
void scale_into(double c, const double* s, std::size_t n, double* out);

// out[i] += c * s[i] for i in [0, n).
void axpy(double c, const double* s, std::size_t n, double* out);

}  // namespace staffeval::detail
