// The CSV reader: encodings, RFC 4180 quoting, lenient number cells, located problems.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <deque>
#include <fstream>
#include <iterator>
#include <limits>
#include <thread>
#include <unordered_map>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fmt/format.h>

#include "data/text.h"
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
  if (id_column.empty()) throw OptionsError("TableOptions::id_column = \"\": must name a column");
  if (delimiter == '"' || delimiter == '\n' || delimiter == '\r')
    throw OptionsError(fmt::format("TableOptions::delimiter = {:?}: must not be a quote or newline",
                                   delimiter));
}

int Table::column_index(std::string_view header) const {
  for (std::size_t i = 0; i < columns.size(); ++i)
    if (columns[i] == header) return static_cast<int>(i);
  return -1;
}

int Table::find_unit(std::string_view id) const {
  for (std::size_t i = 0; i < ids.size(); ++i)
    if (ids[i] == id) return static_cast<int>(i);
  return -1;
}

namespace {

// Splits CSV text into records. Fields are views into the text, except quoted fields with
// doubled quotes, which are unescaped into `scratch` storage that lives as long as the record.
class CsvScanner {
 public:
  CsvScanner(std::string_view text, char delim, std::size_t first_line = 1)
      : text_(text), delim_(delim), line_(first_line) {}

  // Offset of the next unread byte, and the line it starts.
  std::size_t position() const { return pos_; }
  std::size_t line() const { return line_; }

  // Reads the next non-empty record; returns false at the end. `line` is the record's first line.
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
          while (pos_ < text_.size() && text_[pos_] != delim_ && text_[pos_] != '\n' &&
                 text_[pos_] != '\r')
            ++pos_;
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
        *error = fmt::format("quoted field opened on line {} is never closed", open_line);
        return false;
      }
      line_ += static_cast<std::size_t>(std::count(text_.begin() + pos_, text_.begin() + q, '\n'));
      if (q + 1 < text_.size() && text_[q + 1] == '"') {
        escaped = true;
        pos_ = q + 2;
        continue;
      }
      std::string_view raw = text_.substr(start, q - start);
      pos_ = q + 1;
      // Text between the closing quote and the delimiter is tolerated only if blank.
      while (pos_ < text_.size() && text_[pos_] == ' ') ++pos_;
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

// Strips a BOM and converts to UTF-8: strict UTF-8 first, then GB18030 (see TableOptions).
std::string_view decode(std::string_view bytes, const std::string& name, Encoding wanted,
                        std::string* converted, Encoding* used) {
  std::string_view text = bytes;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  Encoding enc = wanted;
  if (enc == Encoding::kAuto) enc = detail::is_valid_utf8(text) ? Encoding::kUtf8 : Encoding::kGb18030;
  if (enc == Encoding::kUtf8 && wanted == Encoding::kUtf8 && !detail::is_valid_utf8(text))
    throw DataError(fmt::format("{}: not valid UTF-8 (try --encoding gb18030)", name));
  if (enc == Encoding::kGb18030) {
    std::size_t bad = 0;
    if (!detail::gb18030_to_utf8(text, converted, &bad)) {
      const auto line = 1 + std::count(text.begin(), text.begin() + static_cast<long>(bad), '\n');
      throw DataError(fmt::format("{}:{}: not valid UTF-8 or GB18030 text (byte offset {})", name,
                                  line, bad));
    }
    text = *converted;
  }
  *used = enc;
  return text;
}

// A read-only view of a whole file: mapped when possible (no copy of large files), read otherwise.
class FileBytes {
 public:
  explicit FileBytes(const std::string& path) {
    const int fd = ::open(path.c_str(), O_RDONLY);
    if (fd < 0) throw DataError(fmt::format("{}: cannot open data file", path));
    struct stat st {};
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
      void* p = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
      if (p != MAP_FAILED) {
        map_ = p;
        size_ = static_cast<std::size_t>(st.st_size);
      }
    }
    ::close(fd);
    if (!map_) {
      std::ifstream in(path, std::ios::binary);
      if (!in) throw DataError(fmt::format("{}: cannot open data file", path));
      copy_.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    }
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
  std::vector<Diagnostic> list;
  std::vector<int> columns;

  // Built field by field: brace-initialising a Diagnostic here trips GCC 12's
  // -Wmaybe-uninitialized false positive.
  void add(const std::string& file, int column, std::size_t line, std::string field,
           std::string value, std::string rule) {
    Diagnostic d;
    d.location.file = file;
    d.location.line = static_cast<int>(line);
    d.field = std::move(field);
    d.value = std::move(value);
    d.rule = std::move(rule);
    list.push_back(std::move(d));
    columns.push_back(column);
  }
};

// Where the id, name, class and value columns are.
struct Layout {
  std::size_t fields = 0;
  int id_col = -1, name_col = -1, class_col = -1;
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
  std::string error;
};

void parse_part(const Layout& layout, const std::vector<std::string>& columns,
                const TableOptions& options, const std::string& file, Part* part) {
  CsvScanner scanner(part->text, options.delimiter, part->first_line);
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
    if (fields.size() != layout.fields) {
      part->problems.add(file, -1, line, fmt::format("row {}", line), fmt::format("{} fields", fields.size()),
                         fmt::format("the header has {} fields; row skipped", layout.fields));
      continue;
    }
    const std::string_view id = trim(fields[static_cast<std::size_t>(layout.id_col)]);
    if (id.empty()) {
      part->problems.add(file, -1, line, fmt::format("column \"{}\"", options.id_column), "\"\"",
                         "the unit id is empty; row skipped");
      continue;
    }
    part->ids.emplace_back(id);
    part->names.emplace_back(layout.name_col >= 0 ? trim(fields[static_cast<std::size_t>(layout.name_col)])
                                                  : std::string_view());
    const std::string_view cls =
        layout.class_col >= 0 ? trim(fields[static_cast<std::size_t>(layout.class_col)]) : std::string_view();
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

// Splits `text` (from `begin`) into about `parts` pieces at record boundaries: a newline that is
// not inside a quoted field (quotes, doubled or not, toggle the state).
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
  if (!error.empty()) throw DataError(fmt::format("{}: {}", path, error));
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
  std::vector<std::string_view> fields;
  std::size_t line = 0;
  std::string error;
  if (!scanner.next(&fields, &line, &error)) {
    if (!error.empty()) throw DataError(fmt::format("{}: {}", name, error));
    throw DataError(fmt::format("{}: the file is empty (a header row is needed)", name));
  }
  std::vector<std::string> header;
  for (auto f : fields) header.emplace_back(trim(f));
  int id_col = -1, name_col = -1, class_col = -1;
  std::vector<int> value_col(header.size(), -1);
  for (std::size_t i = 0; i < header.size(); ++i) {
    const std::string& h = header[i];
    if (h == options.id_column && id_col < 0) id_col = static_cast<int>(i);
    // An empty option means "no such column": it never matches an empty header cell.
    else if (!h.empty() && h == options.name_column && name_col < 0) name_col = static_cast<int>(i);
    else if (!h.empty() && h == options.class_column && class_col < 0) class_col = static_cast<int>(i);
    else if (h.empty()) continue;  // unnamed columns (trailing commas from Excel) are not data
    else {
      if (std::find(table.columns.begin(), table.columns.end(), h) != table.columns.end())
        throw DataError(fmt::format("{}:{}: column \"{}\" (col {}): duplicate header", name, line, h, i + 1));
      value_col[i] = static_cast<int>(table.columns.size());
      table.columns.push_back(h);
    }
  }
  if (id_col < 0)
    throw DataError(fmt::format("{}:{}: no id column \"{}\" in the header (columns: {})", name, line,
                                options.id_column, fmt::join(header, ", ")));
  table.has_class_column = class_col >= 0;
  Layout layout;
  layout.fields = header.size();
  layout.id_col = id_col;
  layout.name_col = name_col;
  layout.class_col = class_col;
  layout.value_col = value_col;
  layout.ncols = table.columns.size();

  // Large files are cut at record boundaries and parsed on every core; parts join in file order,
  // so the table (and every message) is the same as a sequential read would give.
  const std::size_t body = scanner.position();
  const std::size_t threads = std::max(1u, std::thread::hardware_concurrency());
  const std::size_t nparts = text.size() - body > (std::size_t{8} << 20) ? threads : 1;
  const std::vector<std::size_t> cut = split_points(text, body, nparts);
  std::vector<Part> parts(nparts);
  std::vector<std::size_t> newlines(nparts), bound(nparts);
  auto run = [&](auto&& work) {
    std::vector<std::thread> pool;
    for (std::size_t t = 1; t < nparts; ++t) pool.emplace_back(work, t);
    work(0);
    for (auto& th : pool) th.join();
  };
  run([&](std::size_t t) {
    const std::string_view part = text.substr(cut[t], cut[t + 1] - cut[t]);
    newlines[t] = static_cast<std::size_t>(std::count(part.begin(), part.end(), '\n'));
    bound[t] = record_bound(part, newlines[t]);
  });
  // Parts after the first start as many lines further as the line feeds before them.
  std::size_t first_line = scanner.line();
  for (std::size_t t = 0; t < nparts; ++t) {
    parts[t].text = text.substr(cut[t], cut[t + 1] - cut[t]);
    parts[t].first_line = first_line;
    parts[t].capacity = bound[t];
    first_line += newlines[t];
  }
  run([&](std::size_t t) { parse_part(layout, table.columns, options, name, &parts[t]); });
  for (const auto& part : parts)
    if (!part.error.empty()) throw DataError(fmt::format("{}: {}", name, part.error));

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
  std::size_t offset = 0;
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
    table.problem_columns.insert(table.problem_columns.end(), part.problems.columns.begin(),
                                 part.problems.columns.end());
    offset += part.n;
    part.values.resize(0, 0);
  }
  // Duplicate ids are found after the fact, over the joined ids, with an open-addressing table
  // of row indices (no allocation per id).
  std::size_t slots = 16;
  while (slots < 2 * n) slots <<= 1;
  std::vector<std::uint32_t> slot(slots, UINT32_MAX);
  const std::hash<std::string_view> hash;
  Problems dups;
  for (std::size_t i = 0; i < n; ++i) {
    std::size_t h = hash(table.ids[i]) & (slots - 1);
    while (slot[h] != UINT32_MAX && table.ids[slot[h]] != table.ids[i]) h = (h + 1) & (slots - 1);
    if (slot[h] == UINT32_MAX) {
      slot[h] = static_cast<std::uint32_t>(i);
      continue;
    }
    dups.add(name, -1, table.rows[i], fmt::format("column \"{}\"", options.id_column), table.ids[i],
             fmt::format("duplicate unit id (first on line {})", table.rows[slot[h]]));
  }
  std::move(dups.list.begin(), dups.list.end(), std::back_inserter(table.problems));
  table.problem_columns.insert(table.problem_columns.end(), dups.columns.begin(), dups.columns.end());
  return table;
}

Table load_table(const std::string& path, const TableOptions& options) {
  const FileBytes file(path);
  return parse_table(file.view(), path, options);
}

Eigen::MatrixXd select_columns(const Table& table, const std::vector<std::string>& columns) {
  std::vector<Diagnostic> errors;
  std::vector<int> index;
  for (const auto& c : columns) {
    const int k = table.column_index(c);
    if (k < 0) {
      Diagnostic d;
      d.location.file = table.file;
      d.location.line = 1;
      d.field = fmt::format("column \"{}\"", c);
      d.rule = "not in the header";
      errors.push_back(std::move(d));
    }
    index.push_back(k);
  }
  for (std::size_t i = 0; i < table.problems.size(); ++i) {
    const int c = i < table.problem_columns.size() ? table.problem_columns[i] : -1;
    if (c < 0 || std::find(index.begin(), index.end(), c) != index.end()) errors.push_back(table.problems[i]);
  }
  if (!errors.empty()) throw DataError(std::move(errors));
  Eigen::MatrixXd x(table.values.rows(), static_cast<Eigen::Index>(columns.size()));
  for (std::size_t j = 0; j < index.size(); ++j) x.col(static_cast<Eigen::Index>(j)) = table.values.col(index[j]);
  return x;
}

std::vector<std::string> read_csv_header(const std::string& path, const TableOptions& options) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot open data file", path));
  // Up to the first line break: decoding a cut multi-byte character is then impossible.
  std::string line;
  std::getline(in, line);
  if (line.empty() && !in) throw DataError(fmt::format("{}: the file is empty (a header row is needed)", path));
  std::string converted;
  Encoding used;
  CsvScanner scanner(decode(line, path, options.encoding, &converted, &used), options.delimiter);
  std::vector<std::string_view> fields;
  std::size_t at = 0;
  std::string error;
  if (!scanner.next(&fields, &at, &error)) throw DataError(fmt::format("{}: {}", path, error.empty() ? "no header row" : error));
  std::vector<std::string> header;
  for (auto f : fields) header.emplace_back(trim(f));
  return header;
}

}  // namespace staffeval
