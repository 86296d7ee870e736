// The CSV reader: encodings, RFC 4180 quoting, lenient number cells, located problems.
#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <functional>
#include <iterator>
#include <limits>
#include <unordered_map>
#include <unordered_set>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "common/encoding.h"
#include "common/large_buffer.h"
#include "common/numeric.h"
#include "common/strings.h"
#include "common/tasks.h"
#include "common/text_table.h"
#include "data/text.h"
#include "data/xlsx.h"
#include "staffeval/data.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

bool is_space(unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; }

std::string_view trim(std::string_view s) {
  for (;;) {
    while (!s.empty() && is_space(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
    while (!s.empty() && is_space(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
    // Ideographic space (U+3000) and no-break space (U+00A0) are common in Excel exports.
    if (s.size() >= 3 && s.substr(0, 3) == "\xE3\x80\x80") s.remove_prefix(3);
    else if (s.size() >= 3 && s.substr(s.size() - 3) == "\xE3\x80\x80") s.remove_suffix(3);
    else if (s.size() >= 2 && s.substr(0, 2) == "\xC2\xA0") s.remove_prefix(2);
    else if (s.size() >= 2 && s.substr(s.size() - 2) == "\xC2\xA0") s.remove_suffix(2);
    else return s;
  }
}

// Plain decimals as machines and spreadsheets write them ("-12.375", "0.4311", "3e5"), read
// without the general parser when the result is exact by construction: at most 19 significant
// digits whose integer fits in 53 bits, scaled by a power of ten up to 10^22 (itself exact), so
// one multiplication or division rounds once, correctly (Clinger 1990), and the value is the one
// std::from_chars gives. Reads the longest such number at `p` and returns the byte after it and
// the value, or nullptr when the text there is not one (or not exact this way): the general path
// then decides.
//
// Short numbers (up to 7 digits either side of the point, no exponent: most cells) are read 8
// bytes at a time: the digits found and their value taken with a few multiplications
// (Lemire's method), without a branch per digit.
constexpr double kPow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                             1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

// The number of leading ASCII digits among the 8 bytes at `p` (8 when all are), and in `*value`
// their value.
inline int leading_digits(const char* p, std::uint64_t* value) {
  std::uint64_t v;
  std::memcpy(&v, p, 8);  // the first byte is the lowest (x86-64 and every little-endian machine)
  const std::uint64_t d = v ^ 0x3030303030303030ull;  // digits become 0..9
  // A byte's top bit is set when it is not 0..9 (no carry crosses a byte: 0x7F + 0x76 < 0x100).
  const std::uint64_t other = (((d & 0x7F7F7F7F7F7F7F7Full) + 0x7676767676767676ull) | d) & 0x8080808080808080ull;
  const int k = other ? __builtin_ctzll(other) / 8 : 8;
  if (k == 0) {
    *value = 0;
    return 0;
  }
  std::uint64_t x = d << (8 * (8 - k));  // the k digits at the top, zeros (leading zeros) below
  x = (x * 10 + (x >> 8)) & 0x00FF00FF00FF00FFull;
  x = (x * 100 + (x >> 16)) & 0x0000FFFF0000FFFFull;
  x = (x * 10000 + (x >> 32)) & 0x00000000FFFFFFFFull;
  *value = x;
  return k;
}

// A scanned number: the byte after it (nullptr: not one read this way) and its value.
struct Scanned {
  const char* next;
  double value;
};

Scanned scan_general_decimal(const char* p, const char* end);

// The short form inline (where the record loop keeps the value in a register), the rest out of
// line.
[[gnu::always_inline]] inline Scanned scan_simple_decimal(const char* p, const char* end) {
  if (end - p >= 18) {
    // Room for a sign, 8 bytes, a point and 8 more, and the byte after: the short form.
    const char* q = p;
    const bool negative = *q == '-';
    if (*q == '-' || *q == '+') ++q;
    std::uint64_t whole = 0, fraction = 0;
    const int k1 = leading_digits(q, &whole);
    int k2 = 0;
    if (k1 < 8) {
      q += k1;
      if (*q == '.') k2 = leading_digits(++q, &fraction);
      q += k2;
      if (k2 < 8 && k1 + k2 > 0 && *q != 'e' && *q != 'E') {
        static constexpr std::uint64_t kScale[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000};
        double v = static_cast<double>(whole * kScale[k2] + fraction);  // at most 14 digits: exact
        if (k2 > 0) v /= kPow10[k2];
        return {q, negative ? -v : v};
      }
    }
  }
  return scan_general_decimal(p, end);
}

[[gnu::noinline]] Scanned scan_general_decimal(const char* p, const char* end) {
  if (p == end) return {nullptr, 0};
  bool negative = false;
  if (*p == '-' || *p == '+') {
    negative = *p == '-';
    ++p;
  }
  std::uint64_t mantissa = 0;
  int digits = 0, significant = 0, exponent = 0;
  for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits) {
    if (mantissa == 0 && *p == '0') continue;  // leading zeros are not significant
    if (++significant > 19) return {nullptr, 0};
    mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
  }
  if (p != end && *p == '.') {
    ++p;
    for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p, ++digits) {
      --exponent;
      if (mantissa == 0 && *p == '0') continue;
      if (++significant > 19) return {nullptr, 0};
      mantissa = mantissa * 10 + static_cast<unsigned>(*p - '0');
    }
  }
  if (digits == 0) return {nullptr, 0};
  if (p != end && (*p == 'e' || *p == 'E')) {
    ++p;
    bool negative_exponent = false;
    if (p != end && (*p == '-' || *p == '+')) {
      negative_exponent = *p == '-';
      ++p;
    }
    int e = 0, e_digits = 0;
    for (; p != end && static_cast<unsigned>(*p - '0') < 10; ++p)
      if (++e_digits > 4) return {nullptr, 0};
      else e = e * 10 + (*p - '0');
    if (e_digits == 0) return {nullptr, 0};
    exponent += negative_exponent ? -e : e;
  }
  if (mantissa > (std::uint64_t{1} << 53)) return {nullptr, 0};
  double v = static_cast<double>(mantissa);
  if (mantissa == 0) v = 0;
  else if (exponent < 0 && exponent >= -22) v /= kPow10[-exponent];
  else if (exponent > 0 && exponent <= 22) v *= kPow10[exponent];
  else if (exponent != 0) return {nullptr, 0};
  return {p, negative ? -v : v};
}

bool parse_plain(std::string_view s, double* out) {
  if (!s.empty()) {
    const Scanned n = scan_simple_decimal(s.data(), s.data() + s.size());
    if (n.next == s.data() + s.size()) {
      *out = n.value;
      return true;
    }
  }
  if (s.empty()) return false;
  if (s.front() == '+') s.remove_prefix(1);
  if (s.empty()) return false;
  const auto r = std::from_chars(s.data(), s.data() + s.size(), *out);
  return r.ec == std::errc() && r.ptr == s.data() + s.size() && std::isfinite(*out);
}

// Maps full-width ASCII (U+FF01..U+FF5E) to ASCII; leaves other text as it is.
std::string halfwidth(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (std::size_t i = 0; i < s.size(); ++i) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0xEF && i + 2 < s.size()) {
      const auto b1 = static_cast<unsigned char>(s[i + 1]);
      const auto b2 = static_cast<unsigned char>(s[i + 2]);
      unsigned cp = ((c & 0x0F) << 12) | ((b1 & 0x3F) << 6) | (b2 & 0x3F);
      if (cp >= 0xFF01 && cp <= 0xFF5E) {
        out.push_back(static_cast<char>(cp - 0xFF01 + 0x21));
        i += 2;
        continue;
      }
    }
    out.push_back(static_cast<char>(c));
  }
  return out;
}

bool is_missing_token(std::string_view s) {
  static const char* const kMissing[] = {"", "NA", "N/A", "n/a", "na", "NaN", "nan", "NULL",
                                         "null", "-", "/", "#N/A", "\xE2\x80\x94",
                                         "\xE2\x80\x94\xE2\x80\x94", "\xE2\x80\x93", "--"};
  for (const char* m : kMissing)
    if (s == m) return true;
  return false;
}

bool parse_word(std::string_view s, double* out) {
  std::string t(s);
  std::transform(t.begin(), t.end(), t.begin(), [](unsigned char c) { return std::tolower(c); });
  static const std::pair<const char*, double> kWords[] = {
      {"yes", 1}, {"y", 1}, {"true", 1}, {"no", 0}, {"n", 0}, {"false", 0}, {"partial", 0.5},
      {"\xE6\x98\xAF", 1},          // 是
      {"\xE5\x90\xA6", 0},          // 否
      {"\xE2\x88\x9A", 1},          // √
      {"\xE2\x9C\x93", 1},          // ✓
      {"\xC3\x97", 0},              // ×
      {"\xE2\x9C\x97", 0},          // ✗
      {"\xE9\x83\xA8\xE5\x88\x86", 0.5},  // 部分
      {"\xE7\xAC\xA6\xE5\x90\x88", 1},    // 符合
      {"\xE4\xB8\x8D\xE7\xAC\xA6\xE5\x90\x88", 0},  // 不符合
  };
  for (const auto& [w, v] : kWords)
    if (t == w) {
      *out = v;
      return true;
    }
  return false;
}

// "1,320" or "12,345,678.5": commas only between groups of exactly three digits.
bool strip_thousands(std::string_view s, std::string* out) {
  auto digits = [](std::string_view d) {
    return !d.empty() && d.find_first_not_of("0123456789") == std::string_view::npos;
  };
  std::string_view ip = s.substr(0, s.find('.'));
  if (!ip.empty() && (ip[0] == '-' || ip[0] == '+')) ip.remove_prefix(1);
  const std::size_t first = ip.find(',');
  if (first == std::string_view::npos || first == 0 || first > 3 || !digits(ip.substr(0, first)))
    return false;
  std::size_t i = first;
  while (i < ip.size()) {
    if (ip[i] != ',' || i + 4 > ip.size() || !digits(ip.substr(i + 1, 3))) return false;
    i += 4;
  }
  out->clear();
  for (char c : s)
    if (c != ',') out->push_back(c);
  return true;
}

}  // namespace

double parse_cell(std::string_view text, bool* ok) {
  *ok = true;
  double v = 0;
  // Fast path: a plain number, as machines write them.
  if (parse_plain(text, &v)) return v;
  std::string_view s = trim(text);
  if (parse_plain(s, &v)) return v;
  std::string norm = halfwidth(s);
  s = trim(norm);
  if (is_missing_token(s)) return kNaN;
  if (parse_plain(s, &v)) return v;
  if (parse_word(s, &v)) return v;
  double scale = 1.0;
  if (!s.empty() && s.back() == '%') {
    scale = 0.01;
    s.remove_suffix(1);
    s = trim(s);
  }
  if (parse_plain(s, &v)) return v * scale;
  std::string plain;
  if (strip_thousands(s, &plain) && parse_plain(plain, &v)) return v * scale;
  *ok = false;
  return kNaN;
}

void TableOptions::validate() const {
  if (threads < 0) throw OptionsError("TableOptions::threads", fmt::format("{}", threads), "must be >= 0 (0 = one per core)");
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
    throw OptionsError(fmt::format("TableOptions::delimiter = {:?}: must not be a quote or newline",
                                   delimiter));
}

int Table::column_index(std::string_view header) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == header) return static_cast<int>(i);
  return -1;
}

namespace {

// `file:line: unit "id"`, as Table::unit_label() and decision matrices name units.
std::string unit_label_of(const std::string& file, std::size_t line, std::string_view id) {
  return fmt::format("{}:{}: unit \"{}\"", file, line, detail::printable(id, 100));
}

}  // namespace

std::string Table::unit_label(std::size_t i) const {
  return unit_label_of(file, i < rows.size() ? rows[i] : 0, ids.view(i));
}

std::vector<std::string> Table::unit_labels() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.push_back(unit_label(i));
  return out;
}

int Table::find_unit(std::string_view id) const {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids.view(i) == id) return static_cast<int>(i);
  return -1;
}

namespace {

// Splits CSV text into records. Fields are views into the text, except quoted fields with
// doubled quotes, which are unescaped into `scratch` storage that lives as long as the record.
// A quote opens a quoted field only at the start of a field (RFC 4180); elsewhere it is text.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, char delim, std::size_t first_line = 1)
      : text_(text), delim_(delim), line_(first_line) {}

  // Offset of the next unread byte, and the line it starts.
  std::size_t position() const { return pos_; }
  std::size_t line() const { return line_; }
  std::string_view text() const { return text_; }
  // Moves past one record of one line that the caller read itself, ending at `next`.
  void skip_line(std::size_t next) {
    pos_ = next;
    ++line_;
  }

  // Reads the next non-empty record; returns false at the end or on an error (then `*error` is
  // set). `line` is the record's first line. Empty lines are skipped; a line of delimiters is a
  // record of blank fields.
  bool next(std::vector<std::string_view>* fields, std::size_t* line, std::string* error) {
    for (;;) {
      if (pos_ >= text_.size()) return false;
      fields->clear();
      scratch_.clear();
      *line = line_;
      bool any = false;
      for (;;) {
        std::string_view field;
        if (pos_ < text_.size() && text_[pos_] == '"') {
          if (!quoted(&field, error)) return false;
        } else {
          const std::size_t start = pos_;
          while (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r') ++pos_;
          field = text_.substr(start, pos_ - start);
        }
        any = any || !field.empty();
        fields->push_back(field);
        if (pos_ < text_.size() && text_[pos_] == delim_) {
          ++pos_;
          any = true;
          continue;
        }
        break;
      }
      if (pos_ < text_.size() && text_[pos_] == '\r') ++pos_;
      if (pos_ < text_.size() && text_[pos_] == '\n') ++pos_;
      ++line_;
      if (any) return true;
    }
  }

 private:
  bool quoted(std::string_view* field, std::string* error) {
    const std::size_t open_line = line_;
    ++pos_;
    const std::size_t start = pos_;
    bool escaped = false;
    for (;;) {
      const std::size_t q = text_.find('"', pos_);
      if (q == std::string_view::npos) {
        *error = fmt::format("{}: a quoted field opened on this line is never closed", open_line);
        return false;
      }
      for (std::size_t i = pos_; i < q; ++i)
        if (text_[i] == '\n' || (text_[i] == '\r' && (i + 1 >= q || text_[i + 1] != '\n'))) ++line_;
      if (q + 1 < text_.size() && text_[q + 1] == '"') {
        escaped = true;
        pos_ = q + 2;
        continue;
      }
      std::string_view raw = text_.substr(start, q - start);
      pos_ = q + 1;
      // Blanks between the closing quote and the delimiter are tolerated; other text is an
      // error, since where the field ends would be a guess.
      while (pos_ < text_.size() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
      if (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' && text_[pos_] != '\r') {
        std::size_t stop = pos_;
        while (stop < text_.size() && stop - pos_ < 20 && text_[stop] != delim_ && text_[stop] != '\n' &&
               text_[stop] != '\r')
          ++stop;
        *error = fmt::format("{}: text after the closing quote of a quoted field (\"{}\"{}): quote the whole "
                             "field and double the quotes inside it",
                             line_, detail::printable(raw, 20), detail::printable(text_.substr(pos_, stop - pos_), 20));
        return false;
      }
      if (escaped) {
        scratch_.emplace_back();
        std::string& s = scratch_.back();
        for (std::size_t i = 0; i < raw.size(); ++i) {
          s.push_back(raw[i]);
          if (raw[i] == '"') ++i;
        }
        *field = s;
      } else {
        *field = raw;
      }
      return true;
    }
  }

  std::string_view text_;
  char delim_;
  std::size_t pos_ = 0;
  std::size_t line_;
  std::deque<std::string> scratch_;
};

// Decodes a file's bytes (see detail::decode_text), throwing DataError with the location.
std::string_view decode(std::string_view bytes, const std::string& name, Encoding wanted, std::string* converted,
                        Encoding* used, int threads = 1) {
  std::string_view text;
  Diagnostic problem;
  if (!detail::decode_text(bytes, name, wanted, converted, &text, used, &problem, detail::thread_count(threads)))
    throw DataError(std::vector<Diagnostic>{problem});
  return text;
}

// A read-only view of a whole file: mapped when possible (no copy of large files), read otherwise
// (pipes and other streams).
class FileBytes {
 public:
  explicit FileBytes(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) throw DataError(fmt::format("{}: cannot open data file: {}", path, std::strerror(errno)));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
      ::close(fd);
      throw DataError(fmt::format("{}: cannot open data file: it is a folder", path));
    }
    if (S_ISREG(st.st_mode) && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
        (void)::madvise(map_, size_, MADV_SEQUENTIAL);
      }
    }
    if (!map_) {
      char buf[1 << 16];
      for (;;) {
        const ssize_t k = ::read(fd, buf, sizeof buf);
        if (k == 0) break;
        if (k < 0) {
          if (errno == EINTR) continue;
          const int err = errno;
          ::close(fd);
          throw DataError(fmt::format("{}: cannot read data file: {}", path, std::strerror(err)));
        }
        copy_.append(buf, static_cast<std::size_t>(k));
      }
    }
    ::close(fd);
  }
  ~FileBytes() {
    if (map_) ::munmap(map_, size_);
  }
  FileBytes(const FileBytes&) = delete;
  FileBytes& operator=(const FileBytes&) = delete;
  std::string_view view() const {
    return map_ ? std::string_view(static_cast<const char*>(map_), size_) : std::string_view(copy_);
  }
  // Gives back the mapped pages wholly inside [begin, end) that have been read: they stop
  // counting towards the process's memory and, should they be read again, come back from the
  // kernel's cache of the file with the same bytes. A read copy is kept as it is.
  void release(const char* begin, const char* end) const {
    if (!map_) return;
    const auto* base = static_cast<const char*>(map_);
    if (begin < base || end > base + size_) return;
    const auto page = static_cast<std::uintptr_t>(::sysconf(_SC_PAGESIZE));
    const auto b = (reinterpret_cast<std::uintptr_t>(begin) + page - 1) / page * page;
    const auto e = reinterpret_cast<std::uintptr_t>(end) / page * page;
    if (e > b) (void)::madvise(reinterpret_cast<void*>(b), e - b, MADV_DONTNEED);
  }

 private:
  void* map_ = nullptr;
  std::size_t size_ = 0;
  std::string copy_;
};

// Problems found while reading, in file order, with the column of each (-1 for a row).
struct Problems {
  std::vector<TableProblem> list;

  // Built field by field: brace-initialising a Diagnostic here trips GCC 12's
  // -Wmaybe-uninitialized false positive.
  void add(const std::string& file, int column, std::size_t line, std::string field, std::string value,
           std::string rule, Severity severity = Severity::kError, std::string field_zh = {},
           std::string rule_zh = {}) {
    TableProblem d;
    d.field_zh = std::move(field_zh);
    d.rule_zh = std::move(rule_zh);
    d.severity = severity;
    d.location.file = file;
    d.location.line = static_cast<int>(line);
    d.field = std::move(field);
    d.value = std::move(value);
    d.rule = std::move(rule);
    d.column = column;
    list.push_back(std::move(d));
  }
};

// Where the id, name, class and value columns are.
struct Layout {
  std::size_t fields = 0;
  int id_col = -1, name_col = -1, class_col = -1;
  std::string id_header;
  std::vector<int> value_col;  // per field: value column index or -1
  std::size_t ncols = 0;
};

// The rows of one part of a file, parsed on their own (parts are joined in file order).
struct Part {
  std::string_view text;
  std::size_t first_line = 1;
  std::size_t capacity = 0;  // upper bound on rows: newlines + 1
  std::size_t n = 0;
  std::vector<std::string> class_labels;
  // The part's ids and names, packed (joined in file order into the table's lists).
  SharedStrings::Packer ids, names;
  // The part's units in the table's lists, which all parts share, from the part's first row on
  // (as the values below): class (into class_labels until the parts are joined) and file line.
  int* unit_class = nullptr;
  std::size_t* rows = nullptr;
  // The part's rows of the value matrix, which all parts share: value (i, c) of the part is
  // values[c * stride + i].
  double* values = nullptr;
  std::size_t stride = 0;
  // Gives back text already read (the file's mapped pages), or nothing.
  const std::function<void(const char*, const char*)>* release = nullptr;
  Problems problems;
  std::size_t blank_rows = 0, first_blank = 0;
  std::string error;
};

bool blank(std::string_view s) { return trim(s).empty(); }

// Control characters other than tab and line breaks (which cells edited in Excel may hold) are
// never text: an id with one would print as garbage in every output.
bool has_control(std::string_view s) {
  for (unsigned char c : s)
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F) return true;
  return false;
}

// Text that makes a row look like a spreadsheet's totals row rather than a unit. Called for the
// id and name of every row, so the common case (an ASCII id, a name without 计) is decided
// without allocating.
bool looks_like_totals(std::string_view text) {
  std::string_view t = trim(text);
  if (t.empty()) return false;
  // 合计, 总计, 小计, 共计 all end in 计 (E8 AE A1).
  if (t.find("\xE8\xAE\xA1") != std::string_view::npos) {
    static const char* const kChinese[] = {"\xE5\x90\x88\xE8\xAE\xA1",   // 合计
                                           "\xE6\x80\xBB\xE8\xAE\xA1",   // 总计
                                           "\xE5\xB0\x8F\xE8\xAE\xA1",   // 小计
                                           "\xE5\x85\xB1\xE8\xAE\xA1"};  // 共计
    for (const char* w : kChinese)
      if (t.find(w) != std::string_view::npos) return true;
  }
  // The English words, any case (ASCII only: no locale), compared only at their lengths.
  static constexpr std::string_view kWords[] = {"total", "totals", "sum", "subtotal", "grand total"};
  for (std::string_view w : kWords) {
    if (t.size() != w.size()) continue;
    std::size_t i = 0;
    while (i < w.size() && (t[i] >= 'A' && t[i] <= 'Z' ? static_cast<char>(t[i] + ('a' - 'A')) : t[i]) == w[i]) ++i;
    if (i == w.size()) return true;
  }
  return false;
}

// Reads the common record without the general scanner: one line, quoted fields only as Excel
// writes them for `1,320` or a name with a comma (closed on the same line, no doubled quote, the
// delimiter or line end right after), every value cell a number or word parse_cell() accepts
// within the range, an id that is not blank, and nothing a check below would report (control
// characters, a totals row). Numbers are read where they stand, so most cells are scanned once.
// Returns false, having stored nothing, for any other record, which the general path then reads
// and reports on.
bool simple_record(const Layout& layout, char delimiter, const char* p, const char* end, double* row,
                   std::string_view* id, std::string_view* name, std::string_view* cls, const char** next) {
  auto at_field_end = [&](const char* q) { return q == end || *q == delimiter || *q == '\n' || *q == '\r'; };
  auto field_end = [&](const char* q) {
    while (!at_field_end(q)) ++q;
    return q;
  };
  *name = *cls = {};
  for (std::size_t f = 0; f < layout.fields; ++f) {
    const int c = layout.value_col[f];
    if (p != end && *p == '"') {
      // The content between the quotes is the field, as the general scanner gives it.
      const char* open = p + 1;
      const auto* close = static_cast<const char*>(std::memchr(open, '"', static_cast<std::size_t>(end - open)));
      if (!close || !at_field_end(close + 1)) return false;  // unclosed, doubled quote, or text after it
      const auto span = static_cast<std::size_t>(close - open);
      if (std::memchr(open, '\n', span) || std::memchr(open, '\r', span)) return false;  // spans lines
      const std::string_view content(open, span);
      if (c >= 0) {
        bool ok = false;
        const double v = parse_cell(content, &ok);
        if (!ok || std::fabs(v) > detail::kMaxMagnitude) return false;
        row[c] = v;
      } else {
        const std::string_view text = trim(content);
        if (static_cast<int>(f) == layout.id_col) *id = text;
        else if (static_cast<int>(f) == layout.name_col) *name = text;
        else if (static_cast<int>(f) == layout.class_col) *cls = text;
      }
      p = close + 1;
    } else if (c >= 0) {
      const Scanned scanned = scan_simple_decimal(p, end);
      double v = scanned.value;
      const char* q = scanned.next;
      if (!q || !at_field_end(q)) {
        q = field_end(p);
        bool ok = false;
        v = parse_cell(std::string_view(p, static_cast<std::size_t>(q - p)), &ok);
        if (!ok) return false;
      }
      if (std::fabs(v) > detail::kMaxMagnitude) return false;
      row[c] = v;
      p = q;
    } else {
      const char* q = field_end(p);
      const std::string_view text = trim(std::string_view(p, static_cast<std::size_t>(q - p)));
      if (static_cast<int>(f) == layout.id_col) *id = text;
      else if (static_cast<int>(f) == layout.name_col) *name = text;
      else if (static_cast<int>(f) == layout.class_col) *cls = text;
      p = q;
    }
    if (f + 1 < layout.fields) {
      if (p == end || *p != delimiter) return false;
      ++p;
    } else if (p != end) {
      if (*p == '\r') ++p;
      else if (*p != '\n') return false;  // more fields than the header
      if (p != end && *p == '\n') ++p;
    }
  }
  if (id->empty() || has_control(*id) || has_control(*name) || has_control(*cls) || looks_like_totals(*id) ||
      looks_like_totals(*name))
    return false;
  *next = p;
  return true;
}

void parse_part(const Layout& layout, const std::vector<std::string>& columns, const std::string& file, char delimiter,
                Part* part) {
  CsvScanner scanner(part->text, delimiter, part->first_line);
  std::unordered_map<std::string, int> class_index;
  std::string_view last_class;
  int last_class_index = -1;
  std::vector<std::string_view> fields;
  std::vector<double> row(layout.ncols);
  std::size_t line = 0;
  std::size_t& n = part->n;
  auto value = [&](int c) -> double& { return part->values[static_cast<std::size_t>(c) * part->stride + n]; };
  auto add_unit = [&](std::string_view id, std::string_view name, std::string_view cls, std::size_t at) {
    // Every record ends at a line break or at the end of the text, which bound the part's rows.
    if (n >= part->capacity)
      throw std::logic_error(fmt::format("{}:{}: more units than line breaks", file, at));
    part->ids.push_back(id);
    part->names.push_back(name);
    // Rows of one class often come together: skip the hash lookup when the class repeats.
    if (last_class_index < 0 || cls != last_class) {
      auto [it, added] = class_index.emplace(std::string(cls), static_cast<int>(part->class_labels.size()));
      if (added) part->class_labels.emplace_back(cls);
      last_class_index = it->second;
      last_class = cls;
    }
    part->unit_class[n] = last_class_index;
    part->rows[n] = at;
  };
  const std::string_view text = scanner.text();
  const char* const end = text.data() + text.size();
  // Read text is given back every few megabytes, so a large file is not held in memory twice
  // (as text and as values).
  constexpr std::size_t kReleaseStep = std::size_t{8} << 20;
  std::size_t released = 0;
  auto release_read = [&] {
    if (part->release && scanner.position() - released >= kReleaseStep) {
      (*part->release)(text.data() + released, text.data() + scanner.position());
      released = scanner.position();
    }
  };
  // The matrix's pages are mapped 32,768 rows (256 KiB of each column) ahead of the row being
  // written, one call per column (detail::populate_for_writing), rather than faulted in a page at
  // a time as values land on them. Only rows about to be written are mapped: the values grow as
  // the text read is given back, and the two are never held in full together. (8,192 rows ahead
  // made four times the calls and cost 5-10% of `validate` on 1M x 30; 32,768 and about 45,000
  // came out even.)
  constexpr std::size_t ahead_rows = 32768;
  std::size_t mapped = 0;  // rows [0, mapped) of every column have been mapped
  auto map_ahead = [&] {
    if (n + ahead_rows / 2 < mapped || mapped >= part->capacity) return;
    const std::size_t to = std::min(part->capacity, std::max(mapped, n) + ahead_rows);
    for (std::size_t c = 0; c < layout.ncols; ++c)
      detail::populate_for_writing(part->values + c * part->stride + mapped, (to - mapped) * sizeof(double));
    mapped = to;
  };
  map_ahead();
  for (;;) {
    if (scanner.position() < text.size()) {
      std::string_view id, name, cls;
      const char* next = nullptr;
      if (simple_record(layout, delimiter, text.data() + scanner.position(), end, row.data(), &id, &name, &cls, &next)) {
        add_unit(id, name, cls, scanner.line());
        for (std::size_t c = 0; c < layout.ncols; ++c) value(static_cast<int>(c)) = row[c];
        ++n;
        scanner.skip_line(static_cast<std::size_t>(next - text.data()));
        release_read();
        map_ahead();
        continue;
      }
    }
    if (!scanner.next(&fields, &line, &part->error)) break;
    // Rows of nothing but separators and blanks (Excel's trailing ",,,," rows) are not units.
    if (std::all_of(fields.begin(), fields.end(), blank)) {
      if (part->blank_rows++ == 0) part->first_blank = line;
      continue;
    }
    if (fields.size() != layout.fields) {
      part->problems.add(file, -1, line, fmt::format("row {}", line), fmt::format("{} fields", fields.size()),
                         fmt::format("the header has {} fields", layout.fields));
      continue;
    }
    const std::string_view id = trim(fields[static_cast<std::size_t>(layout.id_col)]);
    if (id.empty()) {
      part->problems.add(file, -1, line, fmt::format("column \"{}\"", layout.id_header), "\"\"",
                         "the unit id is empty, but the row holds data: give the unit an id");
      continue;
    }
    const std::string_view name =
        layout.name_col >= 0 ? trim(fields[static_cast<std::size_t>(layout.name_col)]) : std::string_view();
    const std::string_view cls =
        layout.class_col >= 0 ? trim(fields[static_cast<std::size_t>(layout.class_col)]) : std::string_view();
    for (const auto& [text, header] : {std::pair<std::string_view, std::string_view>{id, layout.id_header},
                                       std::pair<std::string_view, std::string_view>{name, "name"},
                                       std::pair<std::string_view, std::string_view>{cls, "class"}})
      if (has_control(text))
        part->problems.add(file, -1, line, fmt::format("unit \"{}\", {} column", id, header), std::string(text),
                           "holds a control character");
    if (looks_like_totals(id) || looks_like_totals(name))
      part->problems.add(file, -1, line, fmt::format("unit \"{}\"", id), std::string(name.empty() ? id : name),
                         "the row looks like a totals row (合计/总计/小计/Total), not a unit: delete it if it sums "
                         "other rows",
                         Severity::kWarning, fmt::format("单位“{}”", id),
                         "此行像是合计行（合计/总计/小计/Total），不是单位：如是其他行的合计，请删除");
    add_unit(id, name, cls, line);
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const int c = layout.value_col[f];
      if (c < 0) continue;
      bool ok = true;
      const double v = parse_cell(fields[f], &ok);
      value(c) = v;
      if (!ok)
        part->problems.add(file, c, line,
                           fmt::format("unit \"{}\", column \"{}\"", id, columns[static_cast<std::size_t>(c)]),
                           fmt::format("\"{}\"", trim(fields[f])), "not a number");
      else if (std::fabs(v) > detail::kMaxMagnitude)
        part->problems.add(file, c, line,
                           fmt::format("unit \"{}\", column \"{}\"", id, columns[static_cast<std::size_t>(c)]),
                           fmt::format("{}", trim(fields[f])),
                           "beyond ±1e300, the range of values staffeval computes with");
    }
    ++n;
    release_read();
    map_ahead();
  }
}

// The line breaks of `s`: every convention (LF, CRLF, and a lone CR as old Mac files have). Line
// feeds are counted, and carriage returns looked for, in one vectorised pass.
std::size_t line_breaks(std::string_view s) {
  std::size_t lf = 0;
  unsigned char cr = 0;
  for (const char c : s) {
    lf += c == '\n' ? 1 : 0;
    cr |= c == '\r' ? 1 : 0;
  }
  if (!cr) return lf;
  std::size_t lone_cr = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) ++lone_cr;
  return lf + lone_cr;
}

// Upper bound on the records of `s`, which holds `breaks` line breaks: one per break, and one
// more for text after the last.
std::size_t record_bound(std::string_view s, std::size_t breaks) {
  return breaks + (s.empty() || s.back() == '\n' || s.back() == '\r' ? 0 : 1);
}

// Splits `text` (from `begin`) into about `parts` pieces after newlines that look like record
// boundaries (quotes toggle a quoted state). The guess can be wrong (a bare quote inside an
// unquoted field flips it): parse_table() checks every part and falls back to one sequential
// parse when a cut fell inside a quoted field.
std::vector<std::size_t> split_points(std::string_view text, std::size_t begin, std::size_t parts) {
  std::vector<std::size_t> cut{begin};
  bool quoted = false;
  std::size_t pos = begin;
  for (std::size_t t = 1; t < parts; ++t) {
    const std::size_t target = std::max(pos, begin + (text.size() - begin) * t / parts);
    while (const void* q = std::memchr(text.data() + pos, '"', target - pos)) {
      quoted = !quoted;
      pos = static_cast<std::size_t>(static_cast<const char*>(q) - text.data()) + 1;
    }
    pos = target;
    while (pos < text.size()) {
      const char c = text[pos++];
      if (c == '"') quoted = !quoted;
      else if (c == '\n' && !quoted) break;
    }
    cut.push_back(pos);
  }
  cut.push_back(text.size());
  return cut;
}

// The header row: the first record of the decoded text.
std::vector<std::string> header_of(CsvScanner* scanner, const std::string& name, std::size_t* line) {
  std::vector<std::string_view> fields;
  std::string error;
  if (!scanner->next(&fields, line, &error)) {
    if (!error.empty()) throw DataError(fmt::format("{}:{}", name, error));
    throw DataError(fmt::format("{}: the file is empty (a header row is needed)", name));
  }
  std::vector<std::string> header;
  for (auto f : fields) header.emplace_back(trim(f));
  return header;
}

}  // namespace

namespace detail {

CsvRecords read_csv_records(const std::string& path) {
  const FileBytes file(path);
  return parse_csv_records(file.view(), path);
}

CsvRecords parse_csv_records(std::string_view bytes, const std::string& path) {
  std::string converted;
  Encoding used;
  CsvScanner scanner(decode(bytes, path, Encoding::kAuto, &converted, &used), ',');
  CsvRecords out;
  std::vector<std::string_view> fields;
  std::size_t line = 0;
  std::string error;
  while (scanner.next(&fields, &line, &error)) {
    out.records.emplace_back();
    for (auto f : fields) out.records.back().emplace_back(trim(f));
    out.lines.push_back(line);
  }
  if (!error.empty()) throw DataError(fmt::format("{}:{}", path, error));
  return out;
}

}  // namespace detail

namespace {

// parse_table(), giving back through `release` (when set) the bytes it has read and will not
// read again unless it must parse the file once more.
Table parse_table_releasing(std::string_view bytes, const std::string& name, const TableOptions& options,
                            const std::function<void(const char*, const char*)>* release) {
  options.validate();
  Table table;
  table.file = name;
  std::string converted;
  const std::string_view text = decode(bytes, name, options.encoding, &converted, &table.encoding, options.threads);
  // Converted text (from GB18030, say) is a copy: the file's bytes are read through and no longer
  // needed. Otherwise the text is the file, kept mapped for the passes below (given back as the
  // records are parsed): mapping it in again for each pass cost more than the passes.
  const auto at = reinterpret_cast<std::uintptr_t>(text.data()), from = reinterpret_cast<std::uintptr_t>(bytes.data());
  if (release && (at < from || at > from + bytes.size())) (*release)(bytes.data(), bytes.data() + bytes.size());
  CsvScanner scanner(text, options.delimiter);
  std::size_t line = 0;
  const std::vector<std::string> header = header_of(&scanner, name, &line);
  int id_col = -1, name_col = -1, class_col = -1;
  std::vector<int> value_col(header.size(), -1);
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(header.size());
  const std::unordered_set<std::string_view> wanted(options.columns.begin(), options.columns.end());
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    if (h.empty()) {
      if (i == 0 && options.id_column.empty())
        throw DataError(fmt::format("{}:{}: the first column (the unit ids) has no header: name it, or name the id "
                                    "column explicitly",
                                    name, line));
      continue;  // unnamed columns (trailing commas from Excel) are not data
    }
    // A header given twice would make "which column?" a guess; hashing keeps this linear in
    // the number of columns.
    const auto [it, added] = seen.emplace(h, i);
    if (!added)
      throw DataError(fmt::format("{}:{}: column \"{}\" (col {}): duplicate header (first in col {})", name, line,
                                  detail::printable(h, 100), i + 1, it->second + 1));
    if (options.id_column.empty() ? i == 0 : h == options.id_column) id_col = static_cast<int>(i);
    // An empty option means "no such column": it never matches an empty header cell.
    else if (h == options.name_column) name_col = static_cast<int>(i);
    else if (h == options.class_column) class_col = static_cast<int>(i);
    else if (wanted.empty() || wanted.count(h)) {
      value_col[i] = static_cast<int>(table.columns.size());
      table.columns.push_back(h);
    }
  }
  auto header_list = [&] {
    std::string list;
    for (std::size_t i = 0; i < header.size() && i < 30; ++i) list += (i ? ", " : "") + detail::printable(header[i], 40);
    if (header.size() > 30) list += fmt::format(", ... ({} columns)", header.size());
    return list;
  };
  if (id_col < 0)
    throw DataError(fmt::format("{}:{}: no id column \"{}\" in the header (columns: {})", name, line,
                                options.id_column, header_list()));
  if (options.require_name_column && name_col < 0)
    throw DataError(fmt::format("{}:{}: no name column \"{}\" in the header, which the model names (data.name) "
                                "(columns: {})",
                                name, line, options.name_column, header_list()));
  if (options.require_class_column && class_col < 0)
    throw DataError(fmt::format("{}:{}: no class column \"{}\" in the header, which the model names (data.class): "
                                "without it there are no peer groups (columns: {})",
                                name, line, options.class_column, header_list()));
  table.has_class_column = class_col >= 0;
  table.header_line = line;
  Layout layout;
  layout.fields = header.size();
  layout.id_col = id_col;
  layout.id_header = header[static_cast<std::size_t>(id_col)];
  layout.name_col = name_col;
  layout.class_col = class_col;
  layout.value_col = value_col;
  layout.ncols = table.columns.size();

  // Large files are cut at record boundaries and parsed on every core; parts join in file order,
  // so the table (and every message) is the same as a sequential read would give.
  const std::size_t body = scanner.position();
  const std::size_t threads = detail::thread_count(options.threads);
  const std::size_t wanted_parts =
      text.size() - body >= std::max<std::size_t>(options.parallel_min_bytes, 1) ? threads : 1;
  std::vector<Part> parts;
  // Every part writes its rows straight into one matrix (each from its own first row), so the
  // values are never copied; when all records turn out to be units, it becomes the table's.
  Eigen::MatrixXd shared;
  std::size_t total_capacity = 0;
  auto parse_parts = [&](std::size_t nparts) {
    const std::vector<std::size_t> cut = split_points(text, body, nparts);
    parts.clear();
    parts.resize(nparts);  // fresh parts (their packers hold memory of their own)
    std::vector<std::size_t> breaks(nparts);
    auto run = [&](auto&& work) { detail::parallel_for(nparts, nparts, [&](std::size_t t, std::size_t) { work(t); }); };
    run([&](std::size_t t) {
      const std::string_view part = text.substr(cut[t], cut[t + 1] - cut[t]);
      breaks[t] = line_breaks(part);
    });
    // Parts after the first start as many lines further as the line breaks before them.
    std::size_t first_line = scanner.line();
    total_capacity = 0;
    for (std::size_t t = 0; t < nparts; ++t) {
      parts[t].text = text.substr(cut[t], cut[t + 1] - cut[t]);
      parts[t].first_line = first_line;
      parts[t].capacity = record_bound(parts[t].text, breaks[t]);
      first_line += breaks[t];
      total_capacity += parts[t].capacity;
    }
    shared.resize(static_cast<Eigen::Index>(total_capacity), static_cast<Eigen::Index>(layout.ncols));
    detail::advise_huge_pages(shared.data(), static_cast<std::size_t>(shared.size()) * sizeof(double));
    // The lists are built side by side (fresh memory: the kernel clears each page as it is
    // first touched).
    detail::parallel_for(2, total_capacity >= (std::size_t{1} << 16) ? threads : 1, [&](std::size_t list, std::size_t) {
      if (list == 0) detail::assign_huge(&table.unit_class, total_capacity, 0);
      if (list == 1) detail::assign_huge(&table.rows, total_capacity, std::size_t{0});
    });
    std::size_t first_row = 0;
    for (auto& part : parts) {
      // Ids and names are packed as they are read: their characters bound by the part's text.
      part.ids = SharedStrings::Packer(part.text.size(), part.capacity);
      part.names = SharedStrings::Packer(part.text.size(), part.capacity);
      part.unit_class = table.unit_class.data() + first_row;
      part.rows = table.rows.data() + first_row;
      part.values = shared.data() + first_row;
      part.stride = total_capacity;
      part.release = release;
      first_row += part.capacity;
    }
    run([&](std::size_t t) { parse_part(layout, table.columns, name, options.delimiter, &parts[t]); });
  };
  parse_parts(wanted_parts);
  // A part that ends in an unclosed quote (or any error) may have been cut inside a quoted field:
  // only a sequential parse can tell, and it gives the file's true records and first error.
  const bool failed = std::any_of(parts.begin(), parts.end(), [](const Part& p) { return !p.error.empty(); });
  if (failed && parts.size() > 1) parse_parts(1);
  for (const auto& part : parts)
    if (!part.error.empty()) throw DataError(fmt::format("{}:{}", name, part.error));

  std::size_t n = 0;
  for (const auto& part : parts) n += part.n;
  const std::size_t ncols = layout.ncols;
  if (n == total_capacity) {
    table.values = std::move(shared);
  } else {
    // Blank, rejected or multi-line records left rows unused: gather the units' rows.
    table.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(ncols));
    std::size_t offset = 0;
    for (const auto& part : parts) {
      for (std::size_t c = 0; c < ncols; ++c)
        std::copy_n(part.values + c * part.stride, part.n, table.values.data() + c * n + offset);
      offset += part.n;
    }
    shared.resize(0, 0);
  }
  // Each part's units, joined in file order where parts (or skipped records) left gaps; classes
  // renumbered in order of first appearance in the file.
  std::unordered_map<std::string, int> class_index;
  std::size_t blank_rows = 0, first_blank = 0, offset = 0;
  std::vector<SharedStrings::Packer> id_parts, name_parts;
  for (auto& part : parts) {
    std::vector<int> remap(part.class_labels.size());
    for (std::size_t k = 0; k < part.class_labels.size(); ++k) {
      auto [it, added] = class_index.emplace(part.class_labels[k], static_cast<int>(table.classes.size()));
      if (added) table.classes.push_back(part.class_labels[k]);
      remap[k] = it->second;
    }
    const auto from = static_cast<std::size_t>(part.rows - table.rows.data());
    for (std::size_t i = 0; i < part.n; ++i) {
      // offset <= from: moving forward never overwrites a unit not yet moved
      table.unit_class[offset + i] = remap[static_cast<std::size_t>(table.unit_class[from + i])];
      if (offset != from) table.rows[offset + i] = table.rows[from + i];
    }
    offset += part.n;
    id_parts.push_back(std::move(part.ids));
    name_parts.push_back(std::move(part.names));
    std::move(part.problems.list.begin(), part.problems.list.end(), std::back_inserter(table.problems));
    if (part.blank_rows && blank_rows == 0) first_blank = part.first_blank;
    blank_rows += part.blank_rows;
  }
  table.ids = SharedStrings::packed(std::move(id_parts));
  table.names = SharedStrings::packed(std::move(name_parts));
  table.unit_class.resize(n);
  table.rows.resize(n);
  Problems notes;
  if (blank_rows)
    notes.add(name, -1, first_blank, "rows", fmt::format("{} blank", blank_rows),
              "rows with nothing but separators were skipped (the first on this line)", Severity::kWarning, "空行",
              "只有分隔符的行已跳过（第一行在此行号）");
  if (n == 0) {
    // A header without units scores nothing: say so instead of writing an empty result.
    throw DataError(fmt::format("{}: no units: the file has a header row but no data rows{}", name,
                                table.problems.empty() ? std::string()
                                                       : "; " + table.problems.front().to_string()));
  }
  // Duplicate ids are found after the fact, over the joined ids, with an open-addressing table
  // of row indices (no allocation per id). The ids' hashes are computed on every core first, so
  // that this pass fetches each id's slot well ahead of using it, and ids are compared only where
  // their hashes match. (32-bit hashes: the lists are at their largest here.)
  std::size_t slots = 16;
  while (slots < 2 * n) slots <<= 1;
  const std::size_t mask = slots - 1;
  std::vector<std::uint32_t> hashes;
  detail::resize_for_writing(&hashes, n);
  constexpr std::size_t kHashChunk = std::size_t{1} << 16;
  detail::parallel_for((n + kHashChunk - 1) / kHashChunk, threads, [&](std::size_t c, std::size_t) {
    const std::hash<std::string_view> hash;
    for (std::size_t i = c * kHashChunk, last = std::min(n, i + kHashChunk); i < last; ++i)
      hashes[i] = static_cast<std::uint32_t>(hash(table.ids.view(i)));
  });
  std::vector<std::uint32_t> slot;
  detail::assign_huge(&slot, slots, UINT32_MAX);
  constexpr std::size_t kAhead = 16;
  for (std::size_t i = 0; i < n; ++i) {
    if (i + kAhead < n) __builtin_prefetch(&slot[hashes[i + kAhead] & mask]);
    std::size_t h = hashes[i] & mask;
    while (slot[h] != UINT32_MAX && (hashes[slot[h]] != hashes[i] || table.ids.view(slot[h]) != table.ids.view(i)))
      h = (h + 1) & mask;
    if (slot[h] == UINT32_MAX) {
      slot[h] = static_cast<std::uint32_t>(i);
      continue;
    }
    notes.add(name, -1, table.rows[i], fmt::format("column \"{}\"", layout.id_header),
              std::string(table.ids.view(i)), fmt::format("duplicate unit id (first on line {})", table.rows[slot[h]]));
  }
  std::move(notes.list.begin(), notes.list.end(), std::back_inserter(table.problems));
  return table;
}

}  // namespace

Table parse_table(std::string_view bytes, const std::string& name, const TableOptions& options) {
  return parse_table_releasing(bytes, name, options, nullptr);
}

namespace {

// An Excel worksheet read through the CSV reader, so that every cell rule and check is the same;
// messages name the file and sheet (`units.xlsx[Sheet1]:7:`), and a cell's problem its cell (D7).
Table load_xlsx_table(const std::string& path, const TableOptions& options) {
  if (options.encoding != Encoding::kAuto && options.encoding != Encoding::kUtf8)
    throw OptionsError("encoding", std::string(to_string(options.encoding)),
                       fmt::format("{} is an Excel workbook, whose text is always UTF-8: leave the encoding to auto", path));
  if (options.delimiter != ',')
    throw OptionsError("delimiter", std::string(1, options.delimiter),
                       fmt::format("is for text files; {} is an Excel workbook", path));
  const detail::XlsxSheet sheet = detail::read_xlsx_sheet(path, options.sheet);
  TableOptions o = options;
  o.encoding = Encoding::kUtf8;
  o.sheet.clear();
  Table table = parse_table(sheet.csv, fmt::format("{}[{}]", path, sheet.name), o);
  std::unordered_map<std::string, std::size_t> position;
  for (std::size_t k = 0; k < sheet.header.size(); ++k) position.emplace(std::string(trim(sheet.header[k])), k);
  for (TableProblem& p : table.problems) {
    if (p.column < 0 || p.location.line <= 0) continue;
    const auto it = position.find(table.columns[static_cast<std::size_t>(p.column)]);
    if (it == position.end()) continue;
    const std::string cell = detail::cell_name(it->second, static_cast<std::size_t>(p.location.line));
    p.field = fmt::format("cell {}, {}", cell, p.field);
    if (!p.field_zh.empty()) p.field_zh = fmt::format("单元格 {}，{}", cell, p.field_zh);
  }
  return table;
}

}  // namespace

Table load_table(const std::string& path, const TableOptions& options) {
  if (detail::is_xlsx(path)) return load_xlsx_table(path, options);
  if (!options.sheet.empty())
    throw OptionsError("sheet", options.sheet, fmt::format("names a worksheet of an Excel workbook; {} is a text file", path));
  const FileBytes file(path);
  const std::function<void(const char*, const char*)> release = [&](const char* b, const char* e) {
    file.release(b, e);
  };
  return parse_table_releasing(file.view(), path, options, &release);
}

namespace {

// The table's column index of each of `columns`, after every check select_columns() makes.
std::vector<int> checked_columns(const Table& table, const std::vector<std::string>& columns) {
  std::vector<Diagnostic> errors;
  std::vector<int> index;
  for (std::size_t a = 0; a < columns.size(); ++a) {
    const std::string& c = columns[a];
    Diagnostic d;
    d.location.file = table.file;
    d.location.line = static_cast<int>(table.header_line);
    d.field = fmt::format("column \"{}\"", c);
    if (c.empty()) {
      d.field = fmt::format("column {} of the list", a + 1);
      d.rule = "is empty: name a column";
      errors.push_back(std::move(d));
    } else if (std::find(columns.begin(), columns.begin() + static_cast<long>(a), c) != columns.begin() + static_cast<long>(a)) {
      d.rule = "is asked for twice: it would count twice";
      errors.push_back(std::move(d));
    }
    const int k = table.column_index(c);
    if (k < 0 && !c.empty()) {
      const std::string near = detail::closest(c, table.columns);
      d.rule = near.empty() ? "not in the header" : fmt::format("not in the header (did you mean \"{}\"?)", near);
      errors.push_back(std::move(d));
    }
    index.push_back(k);
  }
  for (const TableProblem& p : table.problems) {
    if (p.severity != Severity::kError) continue;
    if (p.column < 0 || std::find(index.begin(), index.end(), p.column) != index.end()) errors.push_back(p);
  }
  if (!errors.empty()) throw DataError(std::move(errors));
  return index;
}

Eigen::MatrixXd copy_columns(const Table& table, const std::vector<int>& index) {
  Eigen::MatrixXd x(table.values.rows(), static_cast<Eigen::Index>(index.size()));
  for (std::size_t j = 0; j < index.size(); ++j) x.col(static_cast<Eigen::Index>(j)) = table.values.col(index[j]);
  return x;
}

}  // namespace

Eigen::MatrixXd select_columns(const Table& table, const std::vector<std::string>& columns) {
  return copy_columns(table, checked_columns(table, columns));
}

namespace {

// `taken`: the same table when its values and lines may be taken over, else null.
DecisionMatrix decision_matrix_of(const Table& table, Table* taken, const std::vector<std::string>& columns,
                                  const std::vector<Direction>& directions) {
  if (!directions.empty() && directions.size() != columns.size())
    throw OptionsError("directions", fmt::format("{} entries", directions.size()),
                       fmt::format("must have one per column ({})", columns.size()));
  DecisionMatrix m;
  // The checks (and messages) of select_columns() either way; its copy only when the table's
  // values cannot be taken over: every column of the table, in its order.
  const std::vector<int> index = checked_columns(table, columns);
  bool whole = taken && static_cast<Eigen::Index>(index.size()) == table.values.cols();
  for (std::size_t j = 0; whole && j < index.size(); ++j) whole = index[j] == static_cast<int>(j);
  if (whole) m.values = std::move(taken->values);
  else m.values = copy_columns(table, index);
  m.unit_ids = table.ids;
  if (detail::any_named(table.names)) m.unit_names = table.names;
  m.criteria = columns;
  m.directions = directions.empty() ? std::vector<Direction>(columns.size(), Direction::kBenefit) : directions;
  // Units are named in messages only: the label is made then, from the file, the lines (a copy,
  // or the table's own when it is taken over) and the shared ids.
  auto lines =
      std::make_shared<const std::vector<std::size_t>>(taken ? std::move(taken->rows) : table.rows);
  m.unit_label = [file = table.file, lines, ids = table.ids](std::size_t i) {
    return unit_label_of(file, i < lines->size() ? (*lines)[i] : 0,
                         i < ids.size() ? ids.view(i) : std::string_view());
  };
  return m;
}

}  // namespace

DecisionMatrix decision_matrix(const Table& table, const std::vector<std::string>& columns,
                               const std::vector<Direction>& directions) {
  return decision_matrix_of(table, nullptr, columns, directions);
}

DecisionMatrix decision_matrix(Table&& table, const std::vector<std::string>& columns,
                               const std::vector<Direction>& directions) {
  return decision_matrix_of(table, &table, columns, directions);
}

std::vector<std::string> read_csv_header(const std::string& path, const TableOptions& options) {
  if (detail::is_xlsx(path)) {
    std::vector<std::string> header;
    for (const auto& h : detail::read_xlsx_sheet(path, options.sheet).header) header.emplace_back(trim(h));
    return header;
  }
  const FileBytes file(path);
  std::string converted;
  Encoding used;
  // A header line of plain ASCII (no quotes, no control characters) reads the same in every
  // encoding the reader accepts: only that line is decoded. Otherwise the whole file is, as
  // reading it does (whether it is UTF-8 or GB18030 is a property of the whole file).
  std::string_view bytes = file.view();
  const std::size_t end = bytes.find('\n');
  bool plain = end != std::string_view::npos, blank = true;
  for (std::size_t i = 0; plain && i < end; ++i) {
    const auto c = static_cast<unsigned char>(bytes[i]);
    plain = c < 0x80 && c != '"' && (c >= 0x20 || c == '\t' || (c == '\r' && i + 1 == end));
    blank = blank && (c == ' ' || c == '\t' || c == '\r');
  }
  if (plain && !blank) bytes = bytes.substr(0, end + 1);
  CsvScanner scanner(decode(bytes, path, options.encoding, &converted, &used, options.threads), options.delimiter);
  std::size_t line = 0;
  return header_of(&scanner, path, &line);
}

}  // namespace staffeval
