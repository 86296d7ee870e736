// Shared pieces of the JSON and CSV writers of analyses (private).
#pragma once

#include <algorithm>
#include <bit>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/strings.h"
#include "staffeval/shared_strings.h"

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

// put_number() with a memory of the text of numbers it wrote, for columns of numbers: a table of
// up to 65,536 entries (2 MiB) found by a hash of the double's bits, one entry a slot, the latest
// number taking it. Tables of units repeat their values (headcounts, yes/no answers, rates to two
// decimals, and so every point they give), and copying 24 bytes of text costs a fraction of making
// the digits. A column whose numbers are seldom found (measurements, scores: every value new) is
// written directly for a while, so it costs next to nothing. The text is a function of the bits
// alone: what it writes is byte for byte put_number()'s whatever the order or mix of values. One
// per thread: it is not shared.
class NumberMemo {
 public:
  // For about `numbers` numbers in `columns` columns: a sixteenth as many entries, 64 to 65,536.
  NumberMemo(std::size_t numbers, std::size_t columns)
      : shift_(64 - std::bit_width(std::clamp<std::size_t>(numbers / 16, 64, kMaxSize) - 1)),
        entries_(new Entry[std::size_t(1) << (64 - shift_)]()),
        columns_(columns) {}

  // Starts fetching the entry put(v, column) will look at (nothing for a column written directly).
  void prefetch(double v, std::size_t column) const {
    if (columns_[column].direct > 0) return;
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);
    __builtin_prefetch(&entries_[slot(bits)]);
  }

  // As put_number(p, v) for a number of column `column`. Needs room for 25 bytes; bytes past the
  // returned end may be overwritten.
  char* put(char* p, double v, std::size_t column) {
    Column& c = columns_[column];
    if (c.direct > 0) {
      --c.direct;
      return put_number(p, v);
    }
    if (!std::isfinite(v) || v == 0) return put_number(p, v);
    std::uint64_t bits;
    std::memcpy(&bits, &v, sizeof bits);  // never 0 (+0 is written above): 0 marks a free slot
    Entry& e = entries_[slot(bits)];
    char* end;
    const bool found = e.bits == bits;
    if (found) {
      std::memcpy(p, e.text, sizeof e.text);
      end = p + static_cast<unsigned char>(e.text[kLength]);
    } else {
      end = put_shortest(p, v);
      const auto size = static_cast<std::size_t>(end - p);
      if (size <= kLength) {  // texts of 24 bytes and more (rare: tiny or huge values) are not kept
        e.bits = bits;
        std::memcpy(e.text, p, kLength);  // the bytes past the text are never shown
        e.text[kLength] = static_cast<char>(size);
      }
    }
    // Every 256 numbers looked up, a column with fewer than one in eight found is written
    // directly for its next 4,096, then tried again.
    c.found += found;
    if (++c.tried == kTried) {
      if (c.found < kTried / 8) c.direct = kDirect;
      c.tried = c.found = 0;
    }
    return end;
  }

 private:
  std::size_t slot(std::uint64_t bits) const { return (bits * 0x9E3779B97F4A7C15u) >> shift_; }
  static constexpr std::size_t kMaxSize = std::size_t(1) << 16;
  static constexpr std::size_t kLength = 23;  // the longest text kept; its size in the last byte
  static constexpr std::uint32_t kTried = 256, kDirect = 4096;
  struct Entry {
    std::uint64_t bits;
    char text[kLength + 1];
  };
  struct Column {
    std::uint32_t tried = 0, found = 0, direct = 0;
  };
  int shift_;
  std::unique_ptr<Entry[]> entries_;
  std::vector<Column> columns_;
};

// An append-only byte buffer that grows without initialising (std::string::resize would zero
// every reserved byte): rows are formatted straight into it.
class Buffer {
 public:
  // Makes room for `n` more bytes and returns where they go; commit() says how many were used.
  char* reserve(std::size_t n) {
    if (size_ + n > capacity_) {
      const std::size_t cap = std::max(size_ + n, capacity_ * 2 + 4096);
      std::unique_ptr<char[]> bigger(new char[cap]);
      if (size_) std::memcpy(bigger.get(), data_.get(), size_);
      data_ = std::move(bigger);
      capacity_ = cap;
    }
    return data_.get() + size_;
  }
  void commit(char* end) { size_ = static_cast<std::size_t>(end - data_.get()); }
  void append(std::string_view s) {
    if (s.empty()) return;  // an empty buffer has no storage yet: no copy to or from nothing
    char* p = reserve(s.size());
    std::memcpy(p, s.data(), s.size());
    commit(p + s.size());
  }
  void clear() { size_ = 0; }
  std::string_view view() const { return {data_.get(), size_}; }

 private:
  std::unique_ptr<char[]> data_;
  std::size_t size_ = 0;
  std::size_t capacity_ = 0;
};

// A JSON object written in pieces around one array of units: the keys before the array dumped
// whole (the head), each unit dumped alone and indented to its depth, keys after the array one
// by one; the text is byte for byte the one a single dump of the whole object gives (`indent`
// as Json::dump: < 0 one compact line).
class JsonUnits {
 public:
  explicit JsonUnits(int indent)
      : indent_(indent),
        nl_(indent >= 0 ? "\n" : ""),
        pad1_(indent >= 0 ? std::string(static_cast<std::size_t>(indent), ' ') : ""),
        pad2_(pad1_ + pad1_) {}
  // The head without its closing brace, then the array's key and its opening bracket.
  std::string open(const Json& head, std::string_view key) const {
    std::string text = head.dump(indent_);
    text.pop_back();  // the closing brace
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ')) text.pop_back();
    return text + "," + nl_ + pad1_ + "\"" + std::string(key) + "\":" + (indent_ >= 0 ? " [" : "[");
  }
  // Unit `i` of the array (0: the first, without a comma before it).
  void unit(Buffer* out, std::size_t i, const Json& u) const {
    if (i) out->append(",");
    out->append(nl_);
    out->append(pad2_);
    indented(out, u.dump(indent_), pad2_);
  }
  // The array's closing bracket (after `units` units).
  std::string close(std::size_t units) const { return (units ? nl_ + pad1_ : std::string()) + "]"; }
  // A key after the array and its value.
  void key(Buffer* out, std::string_view name, const Json& value) const {
    out->append("," + nl_ + pad1_ + "\"" + std::string(name) + "\":" + (indent_ >= 0 ? " " : ""));
    indented(out, value.dump(indent_), pad1_);
  }
  // The object's closing brace and the text's last line break.
  std::string end() const { return nl_ + "}\n"; }

 private:
  // `text` with every line after the first indented by `prefix`.
  static void indented(Buffer* out, std::string_view text, std::string_view prefix) {
    std::size_t from = 0;
    for (std::size_t nl = text.find('\n'); nl != std::string_view::npos; nl = text.find('\n', from)) {
      out->append(text.substr(from, nl + 1 - from));
      out->append(prefix);
      from = nl + 1;
    }
    out->append(text.substr(from));
  }
  int indent_;
  std::string nl_, pad1_, pad2_;
};

// Rows per chunk of stream_chunks() for rows of about `numbers_per_row` numbers: chunks of about
// 512 KiB (16,384 rows at most), so the 4 x threads chunks in flight stay small beside the
// result (every node's points make rows of 600 bytes and more: about 600 rows a chunk).
inline std::size_t chunk_rows(std::size_t numbers_per_row) {
  const std::size_t row_bytes = 64 + 20 * numbers_per_row;
  return std::clamp<std::size_t>((std::size_t(1) << 19) / row_bytes, 256, 16384);
}

// Formats rows [begin, end) into a buffer, on worker `worker` (for what a worker keeps between
// its chunks, as number memos).
using ChunkFormat = std::function<void(std::size_t begin, std::size_t end, Buffer* out, std::size_t worker)>;
// Takes chunk `chunk` of `chunks`, in order.
using ChunkSink = std::function<void(std::size_t chunk, std::size_t chunks, std::string_view text)>;

// Formats `rows` rows in chunks of `rows_per_chunk` on up to `threads` workers and hands the
// chunks to `sink` in row order on the calling thread, a few chunks in memory at a time: a large
// table is written on every core without its whole text in memory. An exception from `sink` (a
// failed write) stops the workers and is rethrown; `format` must not throw.
void stream_chunks(std::size_t rows, std::size_t rows_per_chunk, std::size_t threads, const ChunkFormat& format,
                   const ChunkSink& sink);

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
  CsvText& unit_head(bool names) {
    field("id");
    if (names) field("name");
    return *this;
  }
  CsvText& unit_head(const std::vector<std::string>& names) { return unit_head(!names.empty()); }
  CsvText& unit_head(const SharedStrings& names) { return unit_head(!names.empty()); }
  // Unit i's id, and its name when the result has names.
  CsvText& unit(const std::vector<std::string>& ids, const std::vector<std::string>& names, std::size_t i) {
    field(ids[i]);
    if (!names.empty()) field(names[i]);
    return *this;
  }
  // The same from shared lists, read where they are (a packed list is not unpacked).
  CsvText& unit(const SharedStrings& ids, const SharedStrings& names, std::size_t i) {
    field(ids.view(i));
    if (!names.empty()) field(names.view(i));
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
