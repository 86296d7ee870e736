// One pass over a column of values: count, range and sum (private; vectorised).
#pragma once

#include <cstddef>

namespace staffeval::detail {

struct ColumnStats {
  std::size_t count = 0;  // values that are not NaN
  double min = 0.0;       // +inf / -inf when count == 0
  double max = 0.0;
  double sum = 0.0;       // in lanes, combined in a fixed order: the same on every machine
};

// Count, min, max and sum of the non-NaN values of x[0..n).
ColumnStats column_stats(const double* x, std::size_t n);

}  // namespace staffeval::detail
