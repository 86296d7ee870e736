// Text helpers of the CSV reader: encodings and whole-file records (private).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace staffeval::detail {

// True when `s` is well-formed UTF-8 (no overlong forms, surrogates or code points > U+10FFFF).
bool is_valid_utf8(std::string_view s);

// Converts GB18030 (and so GBK/GB2312) bytes to UTF-8 with iconv. Returns false and sets
// `*bad_offset` to the byte offset of the first invalid sequence on failure.
bool gb18030_to_utf8(std::string_view in, std::string* out, std::size_t* bad_offset);

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
