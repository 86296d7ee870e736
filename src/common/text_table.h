// Plain-text tables for reports, aligned by terminal display width (private).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "staffeval/shared_strings.h"

namespace staffeval::detail {

// Columns a UTF-8 string takes in a terminal: East Asian wide characters (CJK ideographs, kana,
// Hangul, full-width forms) take two, so Chinese names line up in tables.
std::size_t display_width(std::string_view s);

// `s` left-aligned in `width` display columns.
std::string pad(const std::string& s, std::size_t width);

// A table with a header row: columns two spaces apart, each left- or right-aligned
// (`right[c]`), trailing spaces trimmed, one line per row.
std::string text_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& right);

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
