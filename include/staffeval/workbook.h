/// @file workbook.h
/// Excel workbooks (.xlsx) of results: a summary sheet and one sheet per table, Chinese or
/// English headers, frozen header rows, number formats and grades coloured by band. Written
/// whole or not at all, like every output.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "staffeval/export.h"
#include "staffeval/types.h"

namespace staffeval {

struct ScoringResult;

/// One sheet: a header row and rows of cells as text (numbers in the shortest form that reads
/// back to the same double, as the CSV writers write them; an empty cell is blank).
struct STAFFEVAL_EXPORT WorkbookSheet {
  std::string name;  ///< At most 31 characters, none of []:*?/\ (Excel's rules).
  std::vector<std::string> head;
  std::vector<std::vector<std::string>> rows;
  /// Per column: its cells are numbers (written as numbers; a cell that is not one is an error).
  /// Columns not marked are text, whatever they look like (ids such as 001 stay 001).
  std::vector<bool> numeric;
  /// Per numeric column: its Excel number format (empty: two decimals, or none for integers).
  std::vector<std::string> format;
  /// The column holding grade names, coloured by band (Workbook::grades); -1: none.
  int grade_column = -1;
};

/// A workbook: its sheets in order, and the grade bands (best first) that colour grade cells.
struct STAFFEVAL_EXPORT Workbook {
  std::vector<WorkbookSheet> sheets;
  std::vector<std::string> grades;
};

/// The workbook of a scoring result, in its language: 汇总 (the model, units, grade
/// distribution, warnings), 排名 (the ranking, best first, grades coloured), 得分 (every node's
/// points: the CSV of to_csv(), cell by cell), 扣分 (every indicator below full marks: points,
/// full marks, points lost, the rule branch) and 限制条件 (the caps and vetoes that applied, and
/// those undecided for missing data, with their reasons).
STAFFEVAL_EXPORT Workbook to_workbook(const ScoringResult& result);

/// A workbook of any result written as CSV (to_csv of a ranking, comparison, sensitivity
/// analysis or weights): a summary sheet holding `summary` line by line, then the CSV as a sheet
/// named `table` (columns whose every cell is a number become numbers; the first column, the
/// ids, stays text).
/// @throws DataError when `csv` is not well-formed CSV.
STAFFEVAL_EXPORT Workbook csv_workbook(std::string_view csv, const std::string& summary, const std::string& table,
                                       Language language);

/// A workbook of weights from their JSON (to_json of an AHP, panel, objective, combined or model
/// weighting): a summary sheet holding `report` line by line, the weights (element, weight) and,
/// for a model's weights, every node (id, name, depth, local, global, points).
/// @throws DataError when `json` holds no "weights" object.
STAFFEVAL_EXPORT Workbook weights_workbook(std::string_view json, const std::string& report, Language language);

/// Writes `workbook` to `path` (.xlsx) through a temporary file and a rename: whole or not at all.
/// @throws OutputError when it cannot be written; OptionsError for an invalid sheet (a name
///         Excel refuses, a number cell that is not a number).
STAFFEVAL_EXPORT void write_xlsx(const Workbook& workbook, const std::string& path);

}  // namespace staffeval
