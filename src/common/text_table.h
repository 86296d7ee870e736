// Plain-text tables for reports, aligned by terminal display width (private).
#pragma once

#include <string>
#include <string_view>
#include <vector>

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

}  // namespace staffeval::detail
