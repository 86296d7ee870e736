// Excel (.xlsx) worksheets read as CSV text: libzip opens the package, expat streams the
// workbook, its relationships, the shared strings and the sheet. Every cell becomes the text a CSV
// export would hold (numbers in full precision), so the table reader applies the very same cell
// rules; rows keep their sheet row numbers as line numbers.
#include "data/xlsx.h"

#include <algorithm>
#include <cstring>
#include <memory>

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include "common/strings.h"
#include "staffeval/error.h"

namespace staffeval::detail {

namespace {

// An element's local name: "x:c" and "c" are both "c" (some writers prefix the main namespace).
std::string_view local(const XML_Char* name) {
  std::string_view s(name);
  const std::size_t colon = s.rfind(':');
  return colon == std::string_view::npos ? s : s.substr(colon + 1);
}

const XML_Char* attribute(const XML_Char** atts, std::string_view wanted) {
  for (std::size_t k = 0; atts[k]; k += 2)
    if (local(atts[k]) == wanted) return atts[k + 1];
  return nullptr;
}

class Package {
 public:
  explicit Package(const std::string& path) : path_(path) {
    int error = 0;
    zip_ = zip_open(path.c_str(), ZIP_RDONLY, &error);
    if (!zip_) {
      zip_error_t e;
      zip_error_init_with_code(&e, error);
      const std::string why = zip_error_strerror(&e);
      zip_error_fini(&e);
      throw DataError(fmt::format("{}: cannot be read as an Excel workbook (.xlsx, a zip package): {}", path, why));
    }
  }
  ~Package() {
    if (zip_) zip_discard(zip_);
  }
  Package(const Package&) = delete;
  Package& operator=(const Package&) = delete;

  bool has(const std::string& member) const { return zip_name_locate(zip_, member.c_str(), 0) >= 0; }

  // Streams a member through `parser`; `what` names it in errors.
  void parse(const std::string& member, XML_Parser parser) const {
    const zip_int64_t index = zip_name_locate(zip_, member.c_str(), 0);
    if (index < 0) throw DataError(fmt::format("{}: the workbook has no {}: not an Excel .xlsx file", path_, member));
    zip_file_t* f = zip_fopen_index(zip_, static_cast<zip_uint64_t>(index), 0);
    if (!f) throw DataError(fmt::format("{}: {} cannot be read: {}", path_, member, zip_strerror(zip_)));
    std::unique_ptr<zip_file_t, int (*)(zip_file_t*)> guard(f, zip_fclose);
    std::vector<char> buffer(1 << 16);
    for (;;) {
      const zip_int64_t n = zip_fread(f, buffer.data(), buffer.size());
      if (n < 0) throw DataError(fmt::format("{}: {} cannot be read: {}", path_, member, zip_file_strerror(f)));
      const bool last = n == 0;
      if (XML_Parse(parser, buffer.data(), static_cast<int>(n), last) == XML_STATUS_ERROR)
        throw DataError(fmt::format("{}: {} line {}: malformed XML: {}", path_, member, XML_GetCurrentLineNumber(parser),
                                    XML_ErrorString(XML_GetErrorCode(parser))));
      if (last) break;
    }
  }

 private:
  std::string path_;
  zip_t* zip_ = nullptr;
};

// An expat parser calling a handler object's start(), end() and text().
template <class Handler>
void parse_with(const Package& package, const std::string& member, Handler* handler) {
  std::unique_ptr<std::remove_pointer_t<XML_Parser>, void (*)(XML_Parser)> parser(XML_ParserCreate("UTF-8"),
                                                                                   XML_ParserFree);
  if (!parser) throw std::bad_alloc();
  XML_SetUserData(parser.get(), handler);
  XML_SetElementHandler(
      parser.get(),
      [](void* h, const XML_Char* name, const XML_Char** atts) { static_cast<Handler*>(h)->start(local(name), atts); },
      [](void* h, const XML_Char* name) { static_cast<Handler*>(h)->end(local(name)); });
  XML_SetCharacterDataHandler(parser.get(), [](void* h, const XML_Char* s, int len) {
    static_cast<Handler*>(h)->text(std::string_view(s, static_cast<std::size_t>(len)));
  });
  // A worksheet error thrown inside a callback must not unwind through expat's C frames: the
  // handler keeps it and parsing stops.
  try {
    package.parse(member, parser.get());
  } catch (const DataError&) {
    if (!handler->error.empty()) throw DataError(handler->error);
    throw;
  }
  if (!handler->error.empty()) throw DataError(handler->error);
}

struct Handler {
  std::string error;
  void text(std::string_view) {}
};

// xl/workbook.xml: the sheets' names and relationship ids, in workbook order.
struct WorkbookHandler : Handler {
  std::vector<std::pair<std::string, std::string>> sheets;  // name, r:id
  void start(std::string_view name, const XML_Char** atts) {
    if (name != "sheet") return;
    const XML_Char* n = attribute(atts, "name");
    const XML_Char* id = attribute(atts, "id");  // r:id
    if (n && id) sheets.emplace_back(n, id);
  }
  void end(std::string_view) {}
};

// xl/_rels/workbook.xml.rels: relationship id -> target part.
struct RelsHandler : Handler {
  std::vector<std::pair<std::string, std::string>> targets;
  void start(std::string_view name, const XML_Char** atts) {
    if (name != "Relationship") return;
    const XML_Char* id = attribute(atts, "Id");
    const XML_Char* target = attribute(atts, "Target");
    if (id && target) targets.emplace_back(id, target);
  }
  void end(std::string_view) {}
};

// xl/sharedStrings.xml: the text of every <si>, its runs joined, phonetic guides (<rPh>) left out.
struct SharedStringsHandler : Handler {
  std::vector<std::string> strings;
  std::string current;
  bool in_si = false, in_t = false;
  int phonetic = 0;
  void start(std::string_view name, const XML_Char**) {
    if (name == "si") {
      in_si = true;
      current.clear();
    } else if (name == "rPh") {
      ++phonetic;
    } else if (name == "t" && in_si && phonetic == 0) {
      in_t = true;
    }
  }
  void end(std::string_view name) {
    if (name == "si") {
      strings.push_back(std::move(current));
      current.clear();
      in_si = false;
    } else if (name == "rPh") {
      --phonetic;
    } else if (name == "t") {
      in_t = false;
    }
  }
  void text(std::string_view s) {
    if (in_t) current += s;
  }
};

// "C" of "C12" as a 0-based column, or -1.
int column_of(std::string_view ref) {
  int col = 0;
  std::size_t k = 0;
  for (; k < ref.size() && ref[k] >= 'A' && ref[k] <= 'Z'; ++k) col = col * 26 + (ref[k] - 'A' + 1);
  if (k == 0 || k > 3) return -1;
  return col - 1;
}

// "12" of "C12", or 0.
std::size_t row_of(std::string_view ref) {
  std::size_t k = 0, row = 0;
  while (k < ref.size() && ref[k] >= 'A' && ref[k] <= 'Z') ++k;
  for (; k < ref.size(); ++k) {
    if (ref[k] < '0' || ref[k] > '9') return 0;
    row = row * 10 + static_cast<std::size_t>(ref[k] - '0');
  }
  return row;
}

void csv_field(std::string* out, std::string_view s) {
  if (!detail::needs_csv_quotes(s)) {
    *out += s;
    return;
  }
  *out += '"';
  for (const char c : s) {
    if (c == '"') *out += '"';
    *out += c;
  }
  *out += '"';
}

// A worksheet: each row becomes one CSV line, at its own line number.
struct SheetHandler : Handler {
  const std::vector<std::string>* shared = nullptr;
  std::string where;  // "file[sheet]" for errors
  std::string csv;
  std::size_t lines = 0;          // CSV lines written so far (= the last sheet row written)
  std::size_t row = 0;            // the row being read
  std::vector<std::string> cells; // its cells' texts, by column
  std::string type, value, ref, inline_text;
  bool has_formula = false, has_value = false, in_v = false, in_is_t = false, in_cell = false;
  int next_col = 0, max_col = 0;
  std::vector<std::string> header;  // the first row with any text

  void start(std::string_view name, const XML_Char** atts) {
    if (!error.empty()) return;
    if (name == "row") {
      const XML_Char* r = attribute(atts, "r");
      row = r ? row_of(r) : row + 1;
      if (r && row == 0) error = fmt::format("{}: row \"{}\": not a row number", where, r);
      if (row <= lines) error = fmt::format("{}: row {} comes after row {}: rows out of order", where, row, lines);
      cells.clear();
      next_col = 0;
    } else if (name == "c") {
      const XML_Char* r = attribute(atts, "r");
      const XML_Char* t = attribute(atts, "t");
      ref = r ? r : fmt::format("{}{}", column_name(next_col), row);
      type = t ? t : "n";
      value.clear();
      inline_text.clear();
      has_formula = has_value = false;
      in_cell = true;
      const int col = r ? column_of(r) : next_col;
      if (col < 0 || col > 16383) error = fmt::format("{}: cell \"{}\": not a cell reference", where, ref);
      next_col = col + 1;
    } else if (name == "v" && in_cell) {
      in_v = true;
      has_value = true;
    } else if (name == "f" && in_cell) {
      has_formula = true;
    } else if (name == "t" && in_cell && type == "inlineStr") {
      in_is_t = true;
      has_value = true;
    }
  }

  void end(std::string_view name) {
    if (!error.empty()) return;
    if (name == "v") {
      in_v = false;
    } else if (name == "t") {
      in_is_t = false;
    } else if (name == "c") {
      in_cell = false;
      const int col = next_col - 1;
      std::string text;
      // A formula whose value was never computed (files written by programs, not saved by Excel)
      // has no value or an empty numeric one: reading it as blank would make a number missing.
      if (has_formula && (!has_value || (type == "n" && value.empty()))) {
        error = fmt::format("{}: cell {} holds a formula without a computed value: open the file in Excel (or "
                            "WPS) and save it, so that every formula's value is stored",
                            where, ref);
        return;
      }
      if (type == "s") {
        char* end = nullptr;
        const unsigned long k = std::strtoul(value.c_str(), &end, 10);
        if (value.empty() || *end != '\0' || k >= shared->size()) {
          error = fmt::format("{}: cell {}: shared string {} does not exist", where, ref, value);
          return;
        }
        text = (*shared)[k];
      } else if (type == "inlineStr") {
        text = inline_text;
      } else if (type == "b") {
        text = value == "1" ? "TRUE" : "FALSE";
      } else {  // n, str, e (an error such as #DIV/0! stays text: never a number), d (an ISO date)
        text = value;
      }
      if (static_cast<std::size_t>(col) >= cells.size()) cells.resize(static_cast<std::size_t>(col) + 1);
      cells[static_cast<std::size_t>(col)] = std::move(text);
    } else if (name == "row") {
      flush_row();
    }
  }

  void text(std::string_view s) {
    if (in_v) value += s;
    else if (in_is_t) inline_text += s;
  }

  static std::string column_name(int col) {
    std::string s;
    for (int c = col + 1; c > 0; c = (c - 1) / 26) s.insert(s.begin(), static_cast<char>('A' + (c - 1) % 26));
    return s;
  }

  // Writes the row at its own line: empty lines for the rows in between (the table reader skips
  // empty lines), and an empty line for a row of empty cells (formatting without values).
  void flush_row() {
    while (lines + 1 < row) {
      csv += '\n';
      ++lines;
    }
    const bool any = std::any_of(cells.begin(), cells.end(), [](const std::string& c) { return !c.empty(); });
    if (any) {
      if (header.empty()) header = cells;
      max_col = std::max(max_col, static_cast<int>(cells.size()));
      for (std::size_t k = 0; k < cells.size(); ++k) {
        if (k) csv += ',';
        csv_field(&csv, cells[k]);
      }
      row_cells.push_back({csv.size(), cells.size()});
    }
    csv += '\n';
    ++lines;
  }

  // Where each written row ends in `csv` (its line break's offset) and how many cells it has, so
  // that rows can be padded to the widest one afterwards (as a CSV export pads them).
  struct RowSpan {
    std::size_t end, cells;
  };
  std::vector<RowSpan> row_cells;
};

}  // namespace

bool is_xlsx(std::string_view path) {
  if (path.size() < 5) return false;
  std::string ext(path.substr(path.size() - 5));
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return ext == ".xlsx" || ext == ".xlsm";
}

std::string cell_name(std::size_t column, std::size_t row) {
  return SheetHandler::column_name(static_cast<int>(column)) + std::to_string(row);
}

XlsxSheet read_xlsx_sheet(const std::string& path, const std::string& sheet) {
  const Package package(path);
  WorkbookHandler workbook;
  parse_with(package, "xl/workbook.xml", &workbook);
  if (workbook.sheets.empty()) throw DataError(fmt::format("{}: the workbook has no worksheet", path));
  std::size_t chosen = 0;
  if (!sheet.empty()) {
    const auto it = std::find_if(workbook.sheets.begin(), workbook.sheets.end(),
                                 [&](const auto& s) { return s.first == sheet; });
    if (it == workbook.sheets.end()) {
      std::string names;
      for (const auto& s : workbook.sheets) names += (names.empty() ? "" : ", ") + s.first;
      throw DataError(fmt::format("{}: no worksheet \"{}\" (the workbook has: {})", path, sheet, names));
    }
    chosen = static_cast<std::size_t>(it - workbook.sheets.begin());
  }
  const auto& [sheet_name, rel_id] = workbook.sheets[chosen];
  RelsHandler rels;
  parse_with(package, "xl/_rels/workbook.xml.rels", &rels);
  const auto rel = std::find_if(rels.targets.begin(), rels.targets.end(), [&](const auto& r) { return r.first == rel_id; });
  if (rel == rels.targets.end())
    throw DataError(fmt::format("{}: worksheet \"{}\" has no part in the package (relationship {})", path, sheet_name, rel_id));
  // Targets are relative to xl/, or absolute within the package.
  const std::string member = rel->second.rfind('/', 0) == 0 ? rel->second.substr(1) : "xl/" + rel->second;

  SharedStringsHandler strings;
  if (package.has("xl/sharedStrings.xml")) parse_with(package, "xl/sharedStrings.xml", &strings);
  SheetHandler handler;
  handler.shared = &strings.strings;
  handler.where = fmt::format("{}[{}]", path, sheet_name);
  parse_with(package, member, &handler);

  // Pad every row to the widest, as a CSV export does: a row one cell short is not a row of
  // fewer fields, its last cells are empty.
  XlsxSheet out;
  out.name = sheet_name;
  out.header = std::move(handler.header);
  out.csv.reserve(handler.csv.size() + handler.row_cells.size() * 4);
  std::size_t from = 0;
  for (const auto& span : handler.row_cells) {
    out.csv.append(handler.csv, from, span.end - from);
    out.csv.append(static_cast<std::size_t>(handler.max_col) - span.cells, ',');
    from = span.end;
  }
  out.csv.append(handler.csv, from, std::string::npos);
  return out;
}

}  // namespace staffeval::detail
