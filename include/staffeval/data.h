/// @file data.h
/// Institution data: one row per unit, read from CSV (UTF-8 or GB18030) into Eigen columns.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "staffeval/decision_matrix.h"
#include "staffeval/error.h"
#include "staffeval/export.h"
#include "staffeval/shared_strings.h"
#include "staffeval/types.h"

namespace staffeval {

/// A problem found while reading a table, with the column it concerns.
struct STAFFEVAL_EXPORT TableProblem : Diagnostic {
  int column = -1;  ///< Column index; -1 for a problem of the whole row.
};

/// How to read a CSV file.
struct STAFFEVAL_EXPORT TableOptions {
  /// Text encoding. `kAuto` tries strict UTF-8 first and falls back to GB18030, because GB18030
  /// decodes almost any byte string and would silently garble a UTF-8 file if tried first. A
  /// file whose lines mix the two encodings is a DataError naming the first line to fix.
  Encoding encoding = Encoding::kAuto;
  /// Header of the unit id column (values unique and non-empty). Empty = the first column,
  /// whatever its header (plain decision matrices).
  std::string id_column = "id";
  /// Header of the unit name column; empty = no names. Absent from the file: no names, unless
  /// `require_name_column`.
  std::string name_column = "name";
  /// Header of the peer-group class column; empty = one class. Absent from the file: one class,
  /// unless `require_class_column`.
  std::string class_column = "class";
  /// A missing name (class) column is a DataError instead of "no names" ("one class"): set when
  /// a model names the column explicitly (`data: {class: ...}`), so that a renamed or misspelt
  /// column can never silently change peer groups.
  bool require_name_column = false;
  bool require_class_column = false;
  /// The value columns to read, by header; empty = every one. The file's other columns are
  /// skipped unread: they take no memory and their cells are never checked (a bad cell there is
  /// no problem), while every row's field count, the quoting and the encoding are checked over
  /// the whole file as always. A header listed here that the file lacks is not an error when
  /// reading: the table simply has no such column, and compile() names it when a model uses it.
  /// `model_columns()` lists what a model reads; the table's columns keep the file's order.
  std::vector<std::string> columns;
  /// Field separator (text files).
  char delimiter = ',';
  /// The worksheet of an Excel workbook (.xlsx) to read; empty = the first. Naming a sheet for a
  /// text file is an OptionsError (an option that would be ignored).
  std::string sheet;
  /// Threads parsing a large file: 0 = one per core. The table is the same for any number.
  int threads = 0;
  /// Files with at least this many bytes after the header are parsed in parallel parts (cut at
  /// record boundaries and checked: a cut that falls inside a quoted field makes the whole file
  /// parse sequentially). Lower it to exercise the parallel path on small files.
  std::size_t parallel_min_bytes = std::size_t{8} << 20;

  /// @throws OptionsError when the delimiter is a quote or newline, or threads < 0.
  void validate() const;
};

/// A table of units. Numeric columns are parsed leniently: percentages (`91.67%` -> 0.9167),
/// thousands separators (`1,320`), full-width digits, yes/no words (是/否, yes/no, √/×, 部分 = 0.5);
/// blank, `NA`, `N/A`, `—`, `-`, `/` are missing (NaN). Cells that are none of these are kept as
/// `problems` and only become errors when a model uses their column.
struct STAFFEVAL_EXPORT Table {
  std::string file;                  ///< File name for messages.
  Encoding encoding = Encoding::kUtf8;  ///< Encoding actually used.
  /// Unit ids, in file order, and names (empty strings without a name column). Copies of the
  /// table and the results evaluated on it share them rather than copying (SharedStrings).
  SharedStrings ids;
  SharedStrings names;
  std::vector<int> unit_class;       ///< Class index of each unit into `classes`.
  std::vector<std::string> classes;  ///< Class labels in order of first appearance.
  bool has_class_column = false;
  std::vector<std::string> columns;  ///< Headers of the value columns (id/name/class excluded).
  Eigen::MatrixXd values;            ///< units x columns, NaN where missing.
  std::vector<std::size_t> rows;     ///< File line of each unit (1-based).
  std::size_t header_line = 1;       ///< File line of the header row.
  /// Problems found while reading: cells that are not numbers (field = `column "x"`), rows with
  /// the wrong number of fields, duplicate or empty ids, control characters in ids, names or
  /// classes (errors; in unused columns harmless), and warnings (blank rows skipped, rows that
  /// look like totals).
  std::vector<TableProblem> problems;

  std::size_t size() const { return ids.size(); }
  /// Index of a column by header, or -1.
  int column_index(std::string_view header) const;
  /// Index of a unit by id, or -1.
  int find_unit(std::string_view id) const;
  /// Unit i as messages name it: `file:line: unit "id"`.
  std::string unit_label(std::size_t i) const;
  /// unit_label() of every unit, in table order.
  std::vector<std::string> unit_labels() const;
};

/// Reads a CSV file. Rows whose cells are all blank (Excel's trailing `,,,,` rows) are skipped
/// with a warning; rows that look like a totals row (合计, 总计, 小计, Total) are kept with a
/// warning. Warnings are in `Table::problems` with Severity::kWarning.
/// @throws DataError when the file cannot be read, is not valid in the chosen encoding (or mixes
///         encodings), holds a NUL byte, has no id column, a duplicate header, a required name
///         or class column missing, a quoted field never closed or followed by text, or no
///         units at all. Cell-level problems are returned in `Table::problems` instead.
STAFFEVAL_EXPORT Table load_table(const std::string& path, const TableOptions& options = {});

/// Reads CSV text already in memory; `name` is used as the file name in messages.
STAFFEVAL_EXPORT Table parse_table(std::string_view bytes, const std::string& name,
                                   const TableOptions& options = {});

/// The header row of a CSV file, decoded and split as load_table() does (blank leading lines
/// skipped, quoted headers with line breaks kept whole).
/// @throws DataError when the file cannot be read, is empty, or cannot be decoded.
STAFFEVAL_EXPORT std::vector<std::string> read_csv_header(const std::string& path, const TableOptions& options = {});

/// The named columns of `table` as a units x columns matrix (a plain decision matrix), NaN where
/// a cell is missing.
/// @throws DataError listing every named column the table lacks (with the nearest header when one
///         is close), every name asked for twice or empty, and every error of the table (bad
///         cell, bad row, duplicate id) that touches these columns, each with file and line.
STAFFEVAL_EXPORT Eigen::MatrixXd select_columns(const Table& table, const std::vector<std::string>& columns);

/// The named columns of `table` as a decision matrix: values as select_columns() gives them, the
/// table's unit ids, the columns as criteria with `directions` (empty: every column a benefit)
/// and each unit's file and line as its label.
/// @throws DataError as select_columns(); OptionsError when `directions` has another length.
STAFFEVAL_EXPORT DecisionMatrix decision_matrix(const Table& table, const std::vector<std::string>& columns,
                                                const std::vector<Direction>& directions = {});
/// As above, taking the table over: when its columns are `columns` in that order (a table read
/// with TableOptions::columns set to them, from a file that has them in that order), its values
/// become the matrix's without a copy; otherwise they are selected as above.
STAFFEVAL_EXPORT DecisionMatrix decision_matrix(Table&& table, const std::vector<std::string>& columns,
                                                const std::vector<Direction>& directions = {});

/// Parses one cell the way the CSV reader does. Returns NaN for missing; sets `*ok` to false
/// (and returns NaN) when the text is not a number.
STAFFEVAL_EXPORT double parse_cell(std::string_view text, bool* ok);

}  // namespace staffeval
