// Shared pieces of the JSON and CSV writers of analyses (private).
#pragma once

#include <charconv>
#include <cmath>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/strings.h"

namespace staffeval::detail {

// Objects keep their keys in insertion order (element names in model order).
using Json = nlohmann::ordered_json;

// A finite number, or null (JSON has no NaN).
inline Json json_number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// The one CSV dialect of every writer: RFC 4180 (fields quoted when they hold a comma, quote or
// line break; CRLF row ends), numbers in the shortest form that reads back to the same double,
// nothing for a missing number, an optional UTF-8 byte-order mark for Excel.
constexpr std::string_view kCsvRowEnd = "\r\n";

// Writes a field, quoted when needed. Needs room for 2 * size + 2 bytes.
inline char* put_field(char* p, std::string_view field) {
  if (!needs_csv_quotes(field)) {
    std::memcpy(p, field.data(), field.size());
    return p + field.size();
  }
  *p++ = '"';
  for (char c : field) {
    if (c == '"') *p++ = '"';
    *p++ = c;
  }
  *p++ = '"';
  return p;
}

// Writes a finite nonzero number in the shortest form that reads back to it, byte for byte as
// std::to_chars(p, p + 25, v) (number_text.cc). Needs room for 25 bytes.
char* put_shortest(char* p, double v);

// Writes a number (nothing for NaN or an infinity; -0 as 0). Needs room for 25 bytes.
inline char* put_number(char* p, double v) {
  if (!std::isfinite(v)) return p;
  if (v == 0) {
    *p = '0';
    return p + 1;
  }
  return put_shortest(p, v);
}

inline char* put_int(char* p, long long v) { return std::to_chars(p, p + 21, v).ptr; }

// A CSV text built row by row, in the dialect above.
class CsvText {
 public:
  explicit CsvText(bool excel_bom) {
    if (excel_bom) out_ = "\xEF\xBB\xBF";
  }
  CsvText& field(std::string_view s) {
    separate();
    const std::size_t start = out_.size();
    out_.resize(start + 2 * s.size() + 2);
    out_.resize(static_cast<std::size_t>(put_field(out_.data() + start, s) - out_.data()));
    return *this;
  }
  CsvText& number(double v) {
    separate();
    char buf[32];
    out_.append(buf, static_cast<std::size_t>(put_number(buf, v) - buf));
    return *this;
  }
  CsvText& integer(long long v) {
    separate();
    char buf[24];
    out_.append(buf, static_cast<std::size_t>(put_int(buf, v) - buf));
    return *this;
  }
  CsvText& empty() {
    separate();
    return *this;
  }
  // The `id` header, and `name` when the result has names (`names` empty: none).
  CsvText& unit_head(const std::vector<std::string>& names) {
    field("id");
    if (!names.empty()) field("name");
    return *this;
  }
  // Unit i's id, and its name when the result has names.
  CsvText& unit(const std::vector<std::string>& ids, const std::vector<std::string>& names, std::size_t i) {
    field(ids[i]);
    if (!names.empty()) field(names[i]);
    return *this;
  }
  void end_row() {
    out_ += kCsvRowEnd;
    first_ = true;
  }
  std::string take() { return std::move(out_); }

 private:
  void separate() {
    if (!first_) out_ += ',';
    first_ = false;
  }
  std::string out_;
  bool first_ = true;
};

}  // namespace staffeval::detail
