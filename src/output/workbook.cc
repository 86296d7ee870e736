// Excel workbooks of results (libxlsxwriter), written through a temporary file and a rename.
#include "staffeval/workbook.h"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <numeric>

#include <unistd.h>

#include <fmt/format.h>
#include <nlohmann/json.hpp>
#include <xlsxwriter.h>

#include "common/language.h"
#include "common/text_table.h"
#include "data/text.h"
#include "staffeval/error.h"
#include "staffeval/output.h"
#include "staffeval/scoring.h"

namespace staffeval {

namespace {

using detail::tr;

// The number a cell's text holds, when all of it is one.
bool parse_number(const std::string& s, double* v) {
  if (s.empty()) return false;
  const char* end = s.data() + s.size();
  const auto [p, ec] = std::from_chars(s.data(), end, *v);
  return ec == std::errc() && p == end && std::isfinite(*v);
}

// Marks the columns whose every non-empty cell is a number (at least one), except the first
// `text_columns` and those of names, classes and grades (a unit named 2023 stays text).
void mark_numeric(WorkbookSheet* s, std::size_t text_columns) {
  static const char* const kText[] = {"id", "name", "class", "grade", "grade_a", "grade_b", "单位代码", "单位名称", "类别", "等级"};
  s->numeric.assign(s->head.size(), false);
  for (std::size_t c = text_columns; c < s->head.size(); ++c) {
    if (std::find(std::begin(kText), std::end(kText), s->head[c]) != std::end(kText)) continue;
    bool any = false, all = true;
    for (const auto& row : s->rows) {
      if (c >= row.size() || row[c].empty()) continue;
      double v = 0;
      any = true;
      if (!parse_number(row[c], &v)) {
        all = false;
        break;
      }
    }
    s->numeric[c] = any && all;
  }
}

WorkbookSheet summary_sheet(Language l, const std::vector<std::pair<std::string, std::string>>& items) {
  WorkbookSheet s;
  s.name = tr(l, "summary", "汇总");
  s.head = {tr(l, "item", "项目"), tr(l, "value", "内容")};
  for (const auto& [k, v] : items) s.rows.push_back({k, v});
  s.numeric = {false, false};
  return s;
}

std::string number_text(double v) {
  if (std::isnan(v)) return {};
  return fmt::format("{}", v);  // shortest form that reads back to the same double
}

}  // namespace

Workbook to_workbook(const ScoringResult& r) {
  const Language l = r.language;
  const auto& model = r.plan.model();
  Workbook w;
  for (const auto& g : model.grades) w.grades.push_back(g.name);

  // Summary: the model, the units, the grade distribution, the warnings.
  std::vector<std::pair<std::string, std::string>> items;
  items.emplace_back(tr(l, "model", "模型"), model.version.empty() ? model.id : model.id + " " + model.version);
  if (!model.name.empty()) items.emplace_back(tr(l, "model name", "模型名称"), model.name);
  items.emplace_back(tr(l, "units", "单位数"), std::to_string(r.size()));
  const std::vector<std::size_t> per_grade = r.grade_counts();
  std::size_t scored = 0;
  for (std::size_t i = 0; i < r.size(); ++i) scored += r.scored(i) ? 1 : 0;
  items.emplace_back(tr(l, "scored", "已评分"), std::to_string(scored));
  items.emplace_back(tr(l, "indicators", "指标数"), std::to_string(r.plan.leaf_ids().size()));
  for (std::size_t g = 0; g < model.grades.size(); ++g)
    items.emplace_back(detail::trf(l, "grade {}", "等级 {}", model.grades[g].name), std::to_string(per_grade[g]));
  items.emplace_back(tr(l, "summary", "概要"), r.brief_report());
  for (const auto& warning : r.warnings) items.emplace_back(tr(l, "warning", "警告"), warning);
  w.sheets.push_back(summary_sheet(l, items));

  // The result table as the CSV writes it (the points of every node), cell by cell.
  OutputOptions o;
  o.chinese_headers = l == Language::kZh;
  const auto records = detail::parse_csv_records(to_csv(r, o), "result").records;
  WorkbookSheet points;
  points.name = tr(l, "points", "得分");
  points.head = records.front();
  points.rows.assign(records.begin() + 1, records.end());
  mark_numeric(&points, 3);  // id, name, class stay text
  points.grade_column = 4;

  // The ranking: its first nine columns, best first (units without a score last).
  WorkbookSheet ranking;
  ranking.name = tr(l, "ranking", "排名");
  ranking.head.assign(points.head.begin(), points.head.begin() + 9);
  const std::vector<std::size_t> order = detail::order_by_rank(r.rank);
  for (std::size_t i : order) ranking.rows.emplace_back(points.rows[i].begin(), points.rows[i].begin() + 9);
  ranking.numeric.assign(points.numeric.begin(), points.numeric.begin() + 9);
  ranking.grade_column = 4;

  // Deductions: every indicator of a scored unit below its full marks.
  WorkbookSheet lost;
  lost.name = tr(l, "deductions", "扣分");
  lost.head = {tr(l, "id", "单位代码"),         tr(l, "name", "单位名称"),     tr(l, "indicator", "指标"),
               tr(l, "indicator name", "指标名称"), tr(l, "points", "得分"),      tr(l, "full marks", "满分"),
               tr(l, "points lost", "失分"),     tr(l, "rule branch", "计分分支")};
  const auto& leaf_nodes = r.plan.leaf_nodes();
  const Eigen::VectorXd& full = r.plan.node_points();
  const bool branches = r.branches.rows() == static_cast<Eigen::Index>(r.size()) && r.branches.cols() > 0;
  for (std::size_t i = 0; i < r.size(); ++i) {
    if (!r.scored(i)) continue;
    for (std::size_t j = 0; j < leaf_nodes.size(); ++j) {
      const auto k = static_cast<std::size_t>(leaf_nodes[j]);
      const double got = r.points(i, k), max = full[static_cast<Eigen::Index>(k)];
      if (std::isnan(got) || !(got < max - 1e-12)) continue;
      const int node = model.find_node(r.plan.leaf_ids()[j]);
      lost.rows.push_back({std::string(r.unit_ids.view(i)), std::string(r.unit_names.view(i)), r.plan.leaf_ids()[j],
                           node < 0 ? std::string() : model.nodes[static_cast<std::size_t>(node)].name, number_text(got),
                           // Lost points to 1e-9: 12 - 9.22 is 2.78, not 2.7799999999999994.
                           number_text(max), number_text(std::round((max - got) * 1e9) / 1e9),
                           branches ? ScoringResult::branch_name(r.branches(static_cast<Eigen::Index>(i),
                                                                            static_cast<Eigen::Index>(j)))
                                    : std::string()});
    }
  }
  lost.numeric = {false, false, false, false, true, true, true, false};

  // Caps and vetoes that applied, and those undecided for missing data.
  WorkbookSheet caps;
  caps.name = tr(l, "caps", "限制条件");
  caps.head = {tr(l, "id", "单位代码"),    tr(l, "name", "单位名称"), tr(l, "cap", "限制条件"),
               tr(l, "condition", "条件"), tr(l, "at most", "等级至多为"), tr(l, "kind", "类型"),
               tr(l, "reason", "原因")};
  const auto cap_row = [&](std::size_t i, int c, const std::string& kind) {
    const Cap& cap = model.caps[static_cast<std::size_t>(c)];
    caps.rows.push_back({std::string(r.unit_ids.view(i)), std::string(r.unit_names.view(i)), cap.id, cap.when, cap.max_grade, kind, cap.reason});
  };
  for (std::size_t i = 0; i < r.size(); ++i)
    for (int c : r.caps[i]) {
      const bool veto = model.caps[static_cast<std::size_t>(c)].max_grade == model.grades.back().name;
      cap_row(i, c, veto ? tr(l, "veto", "一票否决") : tr(l, "applied", "已适用"));
    }
  for (const auto& u : r.unknown_caps)
    cap_row(u.unit, u.cap,
            u.applied ? tr(l, "undecided (missing data), applied", "数据缺失无法判断，已适用")
                      : tr(l, "undecided (missing data), not applied", "数据缺失无法判断，未适用"));
  caps.numeric.assign(caps.head.size(), false);
  caps.grade_column = 4;

  w.sheets.push_back(std::move(ranking));
  w.sheets.push_back(std::move(points));
  w.sheets.push_back(std::move(lost));
  w.sheets.push_back(std::move(caps));
  return w;
}

Workbook csv_workbook(std::string_view csv, const std::string& summary, const std::string& table, Language language) {
  Workbook w;
  std::vector<std::pair<std::string, std::string>> items;
  std::size_t start = 0;
  while (start < summary.size()) {
    std::size_t end = summary.find('\n', start);
    if (end == std::string::npos) end = summary.size();
    if (end > start) items.emplace_back(items.empty() ? tr(language, "summary", "概要") : "", summary.substr(start, end - start));
    start = end + 1;
  }
  w.sheets.push_back(summary_sheet(language, items));
  const auto records = detail::parse_csv_records(csv, table).records;
  if (records.empty()) throw DataError(fmt::format("{}: no rows to write", table));
  WorkbookSheet s;
  s.name = table;
  s.head = records.front();
  s.rows.assign(records.begin() + 1, records.end());
  mark_numeric(&s, 1);
  w.sheets.push_back(std::move(s));
  return w;
}

Workbook weights_workbook(std::string_view json, const std::string& report, Language l) {
  const nlohmann::ordered_json j = nlohmann::ordered_json::parse(json.begin(), json.end(), nullptr, false);
  if (j.is_discarded() || !j.contains("weights") || !j["weights"].is_object())
    throw DataError("weights: no \"weights\" object to write");
  Workbook w = csv_workbook("x\n", report, "-", l);
  w.sheets.pop_back();
  WorkbookSheet s;
  s.name = tr(l, "weights", "权重");
  s.head = {tr(l, "element", "指标"), tr(l, "weight", "权重")};
  for (const auto& [k, v] : j["weights"].items()) s.rows.push_back({k, v.is_number() ? number_text(v.get<double>()) : ""});
  s.numeric = {false, true};
  s.format = {"", "0.0000"};
  w.sheets.push_back(std::move(s));
  if (j.contains("nodes") && j["nodes"].is_object()) {
    WorkbookSheet n;
    n.name = tr(l, "nodes", "节点");
    n.head = {tr(l, "node", "指标"), tr(l, "name", "名称"), tr(l, "depth", "层级"),
              tr(l, "local", "局部权重"), tr(l, "global", "全局权重"), tr(l, "points", "分值")};
    const auto num = [](const nlohmann::ordered_json& o, const char* k) {
      return o.contains(k) && o[k].is_number() ? number_text(o[k].get<double>()) : std::string();
    };
    for (const auto& [k, o] : j["nodes"].items())
      n.rows.push_back({k, o.value("name", std::string()), num(o, "depth"), num(o, "local"), num(o, "global"), num(o, "points")});
    n.numeric = {false, false, true, true, true, true};
    n.format = {"", "", "0", "0.0000", "0.0000", "0.00"};
    w.sheets.push_back(std::move(n));
  }
  return w;
}

namespace {

// Band colours, best first (green, blue, amber, red; more bands take the last).
constexpr lxw_color_t kBandFill[] = {0xC6EFCE, 0xDDEBF7, 0xFFEB9C, 0xFFC7CE};
constexpr lxw_color_t kBandFont[] = {0x006100, 0x1F4E78, 0x9C5700, 0x9C0006};

void check_sheet_name(const std::string& name) {
  if (name.empty() || detail::display_width(name) > 31 || name.find_first_of("[]:*?/\\") != std::string::npos)
    throw OptionsError("WorkbookSheet::name", name, "must be 1 to 31 characters, none of []:*?/\\");
}

struct XlsxWriter {
  lxw_workbook* wb = nullptr;
  std::string path;
  explicit XlsxWriter(const std::string& p) : path(p) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to a scratch file as written: memory stays flat
    wb = workbook_new_opt(path.c_str(), &options);
    if (!wb) throw OutputError(fmt::format("{}: cannot create the workbook; nothing written", path));
  }
  ~XlsxWriter() {
    if (wb) workbook_close(wb);  // only on an error path: the file is removed afterwards
  }
  void close() {
    const lxw_error e = workbook_close(wb);
    wb = nullptr;
    if (e != LXW_NO_ERROR) throw OutputError(fmt::format("{}: cannot write the workbook: {}; nothing written", path, lxw_strerror(e)));
  }
};

void check(lxw_error e, const std::string& sheet, std::size_t row, std::size_t col) {
  if (e != LXW_NO_ERROR)
    throw OutputError(fmt::format("sheet {}, row {}, column {}: {}", sheet, row + 1, col + 1, lxw_strerror(e)));
}

void write_sheet(lxw_workbook* wb, const Workbook& book, const WorkbookSheet& s) {
  lxw_worksheet* ws = workbook_add_worksheet(wb, s.name.c_str());
  if (!ws) throw OptionsError("WorkbookSheet::name", s.name, "is given twice (sheet names must differ)");
  lxw_format* head = workbook_add_format(wb);
  format_set_bold(head);
  format_set_bg_color(head, 0xD9D9D9);
  format_set_border(head, LXW_BORDER_THIN);
  format_set_text_wrap(head);
  format_set_align(head, LXW_ALIGN_VERTICAL_CENTER);
  std::vector<lxw_format*> band;
  for (std::size_t g = 0; g < book.grades.size(); ++g) {
    lxw_format* f = workbook_add_format(wb);
    const std::size_t c = std::min<std::size_t>(g * 4 / std::max<std::size_t>(book.grades.size(), 1), 3);
    const std::size_t k = book.grades.size() <= 4 ? std::min<std::size_t>(g, 3) : c;
    format_set_bg_color(f, kBandFill[k]);
    format_set_font_color(f, kBandFont[k]);
    band.push_back(f);
  }
  // Per column: its number format (integers without decimals), and its width.
  const std::size_t cols = s.head.size();
  std::vector<lxw_format*> fmt_of(cols, nullptr);
  std::vector<std::size_t> width(cols, 6);
  for (std::size_t c = 0; c < cols; ++c) width[c] = std::max<std::size_t>(width[c], detail::display_width(s.head[c]) + 2);
  for (std::size_t c = 0; c < cols; ++c) {
    if (c >= s.numeric.size() || !s.numeric[c]) continue;
    std::string f = c < s.format.size() ? s.format[c] : std::string();
    if (f.empty()) {
      bool integral = true;
      for (const auto& row : s.rows) {
        double v = 0;
        if (c < row.size() && parse_number(row[c], &v) && v != std::floor(v)) integral = false;
      }
      f = integral ? "0" : "0.00##";
    }
    fmt_of[c] = workbook_add_format(wb);
    format_set_num_format(fmt_of[c], f.c_str());
  }
  for (std::size_t c = 0; c < cols; ++c) check(worksheet_write_string(ws, 0, static_cast<lxw_col_t>(c), s.head[c].c_str(), head), s.name, 0, c);
  for (std::size_t r = 0; r < s.rows.size(); ++r) {
    const auto& row = s.rows[r];
    const auto xr = static_cast<lxw_row_t>(r + 1);
    for (std::size_t c = 0; c < row.size() && c < cols; ++c) {
      const std::string& cell = row[c];
      if (cell.empty()) continue;
      const auto xc = static_cast<lxw_col_t>(c);
      if (c < s.numeric.size() && s.numeric[c]) {
        double v = 0;
        if (!parse_number(cell, &v))
          throw OptionsError(fmt::format("WorkbookSheet {} row {} column {}", s.name, r + 1, s.head[c]), cell, "is not a number");
        check(worksheet_write_number(ws, xr, xc, v, fmt_of[c]), s.name, r + 1, c);
        width[c] = std::max<std::size_t>(width[c], std::min<std::size_t>(cell.size(), 12) + 2);
        continue;
      }
      lxw_format* f = nullptr;
      if (static_cast<int>(c) == s.grade_column) {
        const auto it = std::find(book.grades.begin(), book.grades.end(), cell);
        if (it != book.grades.end()) f = band[static_cast<std::size_t>(it - book.grades.begin())];
      }
      check(worksheet_write_string(ws, xr, xc, cell.c_str(), f), s.name, r + 1, c);
      width[c] = std::max<std::size_t>(width[c], std::min<std::size_t>(detail::display_width(cell), 60) + 2);
    }
  }
  for (std::size_t c = 0; c < cols; ++c)
    worksheet_set_column(ws, static_cast<lxw_col_t>(c), static_cast<lxw_col_t>(c), static_cast<double>(width[c]), nullptr);
  worksheet_freeze_panes(ws, 1, 0);
  if (cols > 0 && !s.rows.empty())
    worksheet_autofilter(ws, 0, 0, static_cast<lxw_row_t>(s.rows.size()), static_cast<lxw_col_t>(cols - 1));
}

}  // namespace

void write_xlsx(const Workbook& book, const std::string& path) {
  for (const auto& s : book.sheets) check_sheet_name(s.name);
  // The library writes to a file name: a private scratch file first, then its bytes go to `path`
  // like every output (a temporary file beside it and a rename).
  const char* dir = std::getenv("TMPDIR");
  std::string scratch = std::string(dir && *dir ? dir : "/tmp") + "/staffeval-xlsx-XXXXXX";
  const int fd = ::mkstemp(scratch.data());
  if (fd < 0)
    throw OutputError(fmt::format("{}: cannot create a scratch file ({}); nothing written", path, std::strerror(errno)));
  ::close(fd);
  std::string bytes;
  try {
    XlsxWriter x(scratch);
    for (const auto& s : book.sheets) write_sheet(x.wb, book, s);
    x.close();
    std::ifstream in(scratch, std::ios::binary);
    bytes.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    if (!in.good() && !in.eof()) throw OutputError(fmt::format("{}: cannot read the workbook back; nothing written", path));
  } catch (...) {
    ::unlink(scratch.c_str());
    throw;
  }
  ::unlink(scratch.c_str());
  write_file_atomic(path, bytes);
}

}  // namespace staffeval
