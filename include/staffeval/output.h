/// @file output.h
/// Writing results: CSV (optionally with a UTF-8 BOM for Excel) and JSON, written whole or not at all.
#pragma once

#include <string>
#include <string_view>

#include "staffeval/export.h"
#include "staffeval/scoring.h"

namespace staffeval {

/// What the result table holds.
struct STAFFEVAL_EXPORT OutputOptions {
  /// Prefix the CSV with a UTF-8 byte-order mark so that Excel shows Chinese text correctly.
  bool excel_bom = false;
  /// Add one column of earned points per node (groups and leaves, model order).
  bool node_points = true;
  /// Add raw value and share columns per leaf (`<id>.value`, `<id>.share`).
  bool leaf_detail = false;
  /// Chinese column headers (单位代码, 总分, 等级, ...) and node names instead of ids.
  bool chinese_headers = false;
};

/// The result table as CSV: id, name, class, score, grade, rank, class_rank, caps, then per node
/// its earned points. Units are in input order. Numbers are written in the shortest form that
/// reads back to the same double, so equal inputs give byte-identical files.
STAFFEVAL_EXPORT std::string to_csv(const ScoringResult& result, const OutputOptions& options = {});

/// The result as JSON: model id and version, options used (peer groups, rounding, missing policy),
/// warnings, and per unit `id`, `name`, `class`, `score`, `rank`, `class_rank`, `grade`, `caps`,
/// `nodes` (id -> score, points) and `indicators` (id -> value, share, points, contribution).
STAFFEVAL_EXPORT std::string to_json(const ScoringResult& result, int indent = 2);

/// Writes `content` to `path` through a temporary file in the same folder and a rename, so the
/// file is either written whole or left as it was.
/// @throws Error when the file cannot be written.
STAFFEVAL_EXPORT void write_file_atomic(const std::string& path, std::string_view content);

}  // namespace staffeval
