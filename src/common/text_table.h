// Plain-text tables for reports, aligned by terminal display width (private).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "staffeval/shared_strings.h"

namespace staffeval::detail {

// Columns a UTF-8 string takes in a terminal: East Asian wide characters (CJK ideographs, kana,
// Hangul, full-width forms) take two, so Chinese names line up in tables.
std::size_t display_width(std::string_view s);

// A table with a header row: columns two spaces apart, each left- or right-aligned
// (`right[c]`), trailing spaces trimmed, one line per row.
std::string text_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& right);

// Appends `x` with `decimals` digits after the point (0 to 17), exactly as printf's "%.*f" and
// fmt's "{:.4f}" write it: the exact binary value correctly rounded, ties to even, a minus sign
// for every negative value (-0.0000 included). With up to 9 decimals, values below 2^52 in
// magnitude are rounded in 128-bit integer arithmetic; others go through std::to_chars.
void append_fixed(std::string* out, double x, int decimals);

// A column of a table given column by column: its header, its alignment, and its cells, each
// appended to a string on request (the cell of unit i), so that a table of a million rows is
// laid out without holding a string per cell.
struct TextColumn {
  std::string head;
  bool right = true;
  std::function<void(std::size_t unit, std::string* out)> cell;
  // Optional: asks for what cell(unit) will read to be fetched into the cache. The rows are
  // written in an order of their own (best rank first), so each row's cells are read from
  // scattered places; the table asks a few rows ahead.
  std::function<void(std::size_t unit)> prefetch = {};
};

// The text_table() of `units` units given column by column, appended to `*out` (reserved once
// for the whole table), row r showing unit order[r] (empty `order`: unit r). Each cell is made
// twice: to measure its column, unit by unit in their own order (memory read in sequence), and
// to write it.
void append_text_table(std::string* out, const std::vector<TextColumn>& columns, std::size_t units,
                       const std::vector<std::size_t>& order = {});

// True when some unit has a name (results built without names leave them empty).
bool any_named(const std::vector<std::string>& names);
// The same, read where the names are (a packed list is not unpacked).
bool any_named(const SharedStrings& names);

// Inserts the units' names as column `at` (header `title`) when some unit has one; row r of
// `rows` shows unit order[r] (empty `order`: unit r).
// Row indices ordered best rank first (1, 2, 2, 4, ...), unranked rows (rank 0) last, ties and
// unranked rows in their original order: the order every ranked table is printed in.
std::vector<std::size_t> order_by_rank(const std::vector<int>& rank);

void insert_name_column(std::vector<std::string>* head, std::vector<std::vector<std::string>>* rows,
                        std::vector<bool>* right, const std::vector<std::string>& names,
                        const std::vector<std::size_t>& order, std::size_t at, const std::string& title = "name");

}  // namespace staffeval::detail
