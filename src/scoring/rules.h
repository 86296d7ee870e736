// Scoring rules applied to one leaf's column of raw values (private).
#pragma once

#include <cstdint>
#include <vector>

#include "staffeval/model.h"
#include "staffeval/scoring.h"

namespace staffeval::detail {

// Fills `share` (in [0, 1]) and `branch` for every unit; a NaN value gets a NaN share and the
// skipped branch (the caller applies other missing-value policies afterwards). `cohort[i]` in
// [0, k) is unit i's cohort. `stats` receives one entry per cohort; when `stats_ready` it already
// holds the whole cohorts' statistics the rule needs (count, min, max, mean, and the sd for
// z-scores and the median for median thresholds), so `x` may be a block of a larger column.
// Without `want_branches` the codes are scratch: a rule may leave them unwritten.
void apply_rule(const Rule& rule, const double* x, std::size_t n, const int* cohort, int k,
                double* share, std::uint8_t* branch, std::vector<CohortStats>* stats,
                bool stats_ready, bool want_branches = true);

// Whether a rule reads its cohorts' medians (a deduction with a median threshold).
bool needs_median(const Rule& r);
// Whether a rule reads its cohorts' means (a deduction with a mean threshold; z-scores read the
// mean along with the standard deviation).
bool needs_mean(const Rule& r);

// Statistics per cohort over the non-NaN values (median and sd only when asked for; NaN-free
// zero otherwise). With `with_sd` or `exact_mean` the mean (and sd) do not depend on the order of
// the units, bit for bit; otherwise the mean is a plain (vectorised) sum, for reports.
std::vector<CohortStats> cohort_statistics(const double* x, std::size_t n, const int* cohort,
                                           int k, bool with_median, bool with_sd, bool exact_mean = false);

}  // namespace staffeval::detail
