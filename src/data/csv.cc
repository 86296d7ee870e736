// The CSV reader: encodings, RFC 4180 quoting, lenient number cells, located problems.
#include <algorithm>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
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

bool parse_plain(std::string_view s, double* out) {
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

std::string Table::unit_label(std::size_t i) const {
  return fmt::format("{}:{}: unit \"{}\"", file, i < rows.size() ? rows[i] : 0, detail::printable(ids[i], 100));
}

std::vector<std::string> Table::unit_labels() const {
  std::vector<std::string> out;
  out.reserve(size());
  for (std::size_t i = 0; i < size(); ++i) out.push_back(unit_label(i));
  return out;
}

int Table::find_unit(std::string_view id) const {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == id) return static_cast<int>(i);
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
                        Encoding* used) {
  std::string_view text;
  Diagnostic problem;
  if (!detail::decode_text(bytes, name, wanted, converted, &text, used, &problem))
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
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
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
  std::vector<std::string> ids, names, class_labels;
  std::vector<int> unit_class;  // into class_labels
  std::vector<std::size_t> rows;
  Eigen::MatrixXd values;
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
  auto equal_ci = [&](std::string_view w) {
    if (t.size() != w.size()) return false;
    for (std::size_t i = 0; i < w.size(); ++i)
      if (std::tolower(static_cast<unsigned char>(t[i])) != w[i]) return false;
    return true;
  };
  for (const char* w : {"total", "totals", "sum", "subtotal", "grand total"})
    if (equal_ci(w)) return true;
  return false;
}

void parse_part(const Layout& layout, const std::vector<std::string>& columns, const std::string& file, char delimiter,
                Part* part) {
  CsvScanner scanner(part->text, delimiter, part->first_line);
  part->values.resize(static_cast<Eigen::Index>(part->capacity), static_cast<Eigen::Index>(layout.ncols));
  part->ids.reserve(part->capacity);
  part->names.reserve(part->capacity);
  part->unit_class.reserve(part->capacity);
  part->rows.reserve(part->capacity);
  std::unordered_map<std::string, int> class_index;
  std::string_view last_class;
  int last_class_index = -1;
  std::vector<std::string_view> fields;
  std::size_t line = 0;
  std::size_t& n = part->n;
  while (scanner.next(&fields, &line, &part->error)) {
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
    for (const auto& [text, header] : {std::pair{id, layout.id_header}, std::pair{name, std::string("name")},
                                       std::pair{cls, std::string("class")}})
      if (has_control(text))
        part->problems.add(file, -1, line, fmt::format("unit \"{}\", {} column", id, header), std::string(text),
                           "holds a control character");
    if (looks_like_totals(id) || looks_like_totals(name))
      part->problems.add(file, -1, line, fmt::format("unit \"{}\"", id), std::string(name.empty() ? id : name),
                         "the row looks like a totals row (合计/总计/小计/Total), not a unit: delete it if it sums "
                         "other rows",
                         Severity::kWarning, fmt::format("单位“{}”", id),
                         "此行像是合计行（合计/总计/小计/Total），不是单位：如是其他行的合计，请删除");
    part->ids.emplace_back(id);
    part->names.emplace_back(name);
    // Rows of one class often come together: skip the hash lookup when the class repeats.
    if (last_class_index < 0 || cls != last_class) {
      auto [it, added] = class_index.emplace(std::string(cls), static_cast<int>(part->class_labels.size()));
      if (added) part->class_labels.emplace_back(cls);
      last_class_index = it->second;
      last_class = cls;
    }
    part->unit_class.push_back(last_class_index);
    part->rows.push_back(line);
    for (std::size_t f = 0; f < fields.size(); ++f) {
      const int c = layout.value_col[f];
      if (c < 0) continue;
      bool ok = true;
      const double v = parse_cell(fields[f], &ok);
      part->values(static_cast<Eigen::Index>(n), c) = v;
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
  }
}

// Upper bound on the records of `s`, which holds `lf` line feeds: line breaks of every
// convention (LF, CRLF, and a lone CR as old Mac files have) plus one.
std::size_t record_bound(std::string_view s, std::size_t lf) {
  if (s.find('\r') == std::string_view::npos) return lf + 1;
  std::size_t lone_cr = 0;
  for (std::size_t i = 0; i < s.size(); ++i)
    if (s[i] == '\r' && (i + 1 == s.size() || s[i + 1] != '\n')) ++lone_cr;
  return lf + lone_cr + 1;
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

Table parse_table(std::string_view bytes, const std::string& name, const TableOptions& options) {
  options.validate();
  Table table;
  table.file = name;
  std::string converted;
  const std::string_view text = decode(bytes, name, options.encoding, &converted, &table.encoding);
  CsvScanner scanner(text, options.delimiter);
  std::size_t line = 0;
  const std::vector<std::string> header = header_of(&scanner, name, &line);
  int id_col = -1, name_col = -1, class_col = -1;
  std::vector<int> value_col(header.size(), -1);
  std::unordered_map<std::string_view, std::size_t> seen;
  seen.reserve(header.size());
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
    else {
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
  auto parse_parts = [&](std::size_t nparts) {
    const std::vector<std::size_t> cut = split_points(text, body, nparts);
    parts.assign(nparts, Part{});
    std::vector<std::size_t> newlines(nparts), bound(nparts);
    auto run = [&](auto&& work) { detail::parallel_for(nparts, nparts, [&](std::size_t t, std::size_t) { work(t); }); };
    run([&](std::size_t t) {
      const std::string_view part = text.substr(cut[t], cut[t + 1] - cut[t]);
      newlines[t] = static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
      bound[t] = record_bound(part, newlines[t]);
    });
    // Parts after the first start as many lines further as the line breaks before them (a
    // lone CR ends a line too).
    std::size_t first_line = scanner.line();
    for (std::size_t t = 0; t < nparts; ++t) {
      parts[t].text = text.substr(cut[t], cut[t + 1] - cut[t]);
      parts[t].first_line = first_line;
      parts[t].capacity = bound[t];
      first_line += bound[t] - 1;
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
  const std::size_t nparts = parts.size();

  std::size_t n = 0;
  for (const auto& part : parts) n += part.n;
  const std::size_t ncols = layout.ncols;
  if (nparts == 1) {
    table.values = std::move(parts[0].values);
    if (parts[0].n != parts[0].capacity) {
      Eigen::MatrixXd exact = table.values.topRows(static_cast<Eigen::Index>(n));
      table.values = std::move(exact);
    }
  } else {
    table.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(ncols));
  }
  table.ids.reserve(n);
  table.names.reserve(n);
  table.unit_class.reserve(n);
  table.rows.reserve(n);
  std::unordered_map<std::string, int> class_index;
  std::size_t offset = 0, blank_rows = 0, first_blank = 0;
  for (auto& part : parts) {
    if (nparts > 1)
      for (std::size_t c = 0; c < ncols; ++c)
        table.values.col(static_cast<Eigen::Index>(c))
            .segment(static_cast<Eigen::Index>(offset), static_cast<Eigen::Index>(part.n)) =
            part.values.col(static_cast<Eigen::Index>(c)).head(static_cast<Eigen::Index>(part.n));
    std::vector<int> remap(part.class_labels.size());
    for (std::size_t k = 0; k < part.class_labels.size(); ++k) {
      auto [it, added] = class_index.emplace(part.class_labels[k], static_cast<int>(table.classes.size()));
      if (added) table.classes.push_back(part.class_labels[k]);
      remap[k] = it->second;
    }
    for (int c : part.unit_class) table.unit_class.push_back(remap[static_cast<std::size_t>(c)]);
    std::move(part.ids.begin(), part.ids.end(), std::back_inserter(table.ids));
    std::move(part.names.begin(), part.names.end(), std::back_inserter(table.names));
    table.rows.insert(table.rows.end(), part.rows.begin(), part.rows.end());
    std::move(part.problems.list.begin(), part.problems.list.end(), std::back_inserter(table.problems));
    if (part.blank_rows && blank_rows == 0) first_blank = part.first_blank;
    blank_rows += part.blank_rows;
    offset += part.n;
    part.values.resize(0, 0);
  }
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
  // of row indices (no allocation per id).
  std::size_t slots = 16;
  while (slots < 2 * n) slots <<= 1;
  std::vector<std::uint32_t> slot(slots, UINT32_MAX);
  const std::hash<std::string_view> hash;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t h = hash(table.ids[i]) & (slots - 1);
    while (slot[h] != UINT32_MAX && table.ids[slot[h]] != table.ids[i]) h = (h + 1) & (slots - 1);
    if (slot[h] == UINT32_MAX) {
      slot[h] = static_cast<std::uint32_t>(i);
      continue;
    }
    notes.add(name, -1, table.rows[i], fmt::format("column \"{}\"", layout.id_header), table.ids[i],
              fmt::format("duplicate unit id (first on line {})", table.rows[slot[h]]));
  }
  std::move(notes.list.begin(), notes.list.end(), std::back_inserter(table.problems));
  return table;
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
  return parse_table(file.view(), path, options);
}

Eigen::MatrixXd select_columns(const Table& table, const std::vector<std::string>& columns) {
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
  Eigen::MatrixXd x(table.values.rows(), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < index.size(); ++j) x.col(static_cast<Eigen::Index>(j)) = table.values.col(index[j]);
  return x;
}

DecisionMatrix decision_matrix(const Table& table, const std::vector<std::string>& columns,
                               const std::vector<Direction>& directions) {
  if (!directions.empty() && directions.size() != columns.size())
    throw OptionsError("directions", fmt::format("{} entries", directions.size()),
                       fmt::format("must have one per column ({})", columns.size()));
  DecisionMatrix m;
  m.values = select_columns(table, columns);
  m.unit_ids = table.ids;
  if (detail::any_named(table.names)) m.unit_names = table.names;
  m.criteria = columns;
  m.directions = directions.empty() ? std::vector<Direction>(columns.size(), Direction::kBenefit) : directions;
  m.unit_labels = table.unit_labels();
  return m;
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
  CsvScanner scanner(decode(file.view(), path, options.encoding, &converted, &used), options.delimiter);
  std::size_t line = 0;
  return header_of(&scanner, path, &line);
}

}  // namespace staffeval
