// Whole-file CSV records for small tables (judgment matrices, framework tables) (private).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace staffeval::detail {

// Every record of a CSV file as text (header first), decoded like load_table() decodes, with the
// file line of each record. Throws DataError when the file cannot be read or decoded.
struct CsvRecords {
  std::vector<std::vector<std::string>> records;
  std::vector<std::size_t> lines;
};
CsvRecords read_csv_records(const std::string& path);
// The same for bytes already in memory; `path` names them in messages.
CsvRecords parse_csv_records(std::string_view bytes, const std::string& path);

}  // namespace staffeval::detail
