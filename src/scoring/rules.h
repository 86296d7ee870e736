// Scoring rules applied to one leaf's column of raw values (private).
#pragma once

#include <cstdint>
#include <vector>

#include "staffeval/model.h"
#include "staffeval/scoring.h"

namespace staffeval::detail {

// Fills `share` (in [0, 1]) and `branch` for every unit whose value is not NaN; NaN values are
// left untouched (the caller has set them per the missing-value policy). `cohort[i]` in [0, k)
// is unit i's cohort. `stats` receives one entry per cohort.
void apply_rule(const Rule& rule, const double* x, std::size_t n, const int* cohort, int k,
                double* share, std::uint8_t* branch, std::vector<CohortStats>* stats);

// Statistics per cohort over the non-NaN values (median and sd only when asked for; NaN-free
// zero otherwise).
std::vector<CohortStats> cohort_statistics(const double* x, std::size_t n, const int* cohort,
                                           int k, bool with_median, bool with_sd);

}  // namespace staffeval::detail
