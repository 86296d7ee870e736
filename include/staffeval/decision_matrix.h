/// @file decision_matrix.h
/// A plain decision matrix: units (rows) on criteria (columns) with their directions, as the
/// evaluation methods, objective weights and the bindings take it.
#pragma once

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/export.h"
#include "staffeval/shared_strings.h"
#include "staffeval/types.h"

namespace staffeval {

/// Units on criteria. Built from a data table with decision_matrix() (data.h), or in code.
struct STAFFEVAL_EXPORT DecisionMatrix {
  Eigen::MatrixXd values;               ///< units x criteria; NaN where a value is missing.
  /// One per row; a table's ids are shared, not copied (decision_matrix()).
  SharedStrings unit_ids;
  SharedStrings unit_names;  ///< One per row, or empty: no names (results carry them).
  std::vector<std::string> criteria;    ///< One per column.
  std::vector<Direction> directions;    ///< One per column (benefit: higher is better).
  /// Where unit (row) i comes from, for messages: `data.csv:7: unit "U3"`. May be empty
  /// (messages then say `unit 8`). decision_matrix() sets it from the table's file, lines and
  /// ids, and a label is made only when a message needs it.
  std::function<std::string(std::size_t)> unit_label;

  /// unit_label(i), or `unit {i + 1}` when there is none.
  std::string label(std::size_t i) const {
    return unit_label ? unit_label(i) : "unit " + std::to_string(i + 1);
  }
};

}  // namespace staffeval
