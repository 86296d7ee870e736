// Excel (.xlsx) worksheets as CSV text for the table reader (private to the data layer).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace staffeval::detail {

// Whether `path` names an Excel workbook (.xlsx or .xlsm, any case).
bool is_xlsx(std::string_view path);

// A worksheet as CSV text: one line per sheet row (line n = row n; rows without values are empty
// lines), every row padded to the widest, each cell's text as a CSV export would hold it: numbers
// as stored (full precision), shared and inline strings, TRUE/FALSE, error values (#DIV/0!, #N/A)
// as their text. `header` is the first row with any value.
struct XlsxSheet {
  std::string name;  // the sheet's name
  std::string csv;
  std::vector<std::string> header;
};

// Reads sheet `sheet` of `path` (empty: the first sheet).
// Throws DataError for a file that is not an xlsx package, a sheet that does not exist (listing
// those that do), malformed XML (member and line), or a formula cell without a stored value.
XlsxSheet read_xlsx_sheet(const std::string& path, const std::string& sheet);

// "D7" for column 3 (0-based) of row 7.
std::string cell_name(std::size_t column, std::size_t row);

}  // namespace staffeval::detail
