// Judgment matrices read from CSV (names in the first row and column, blank = missing, `1/3`
// fractions), through the one CSV reader.
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>

#include <fmt/format.h>

#include "data/text.h"
#include "staffeval/data.h"
#include "staffeval/weighting.h"

namespace staffeval {

namespace {
constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
}  // namespace

std::string JudgmentMatrix::cell(std::size_t i, std::size_t j) const {
  const std::string where = i < lines.size() ? fmt::format("{}:{}", file, lines[i]) : file;
  return fmt::format("{}: row \"{}\", column \"{}\"", where, names[i], names[j]);
}

JudgmentMatrix parse_judgment_matrix(std::string_view csv, const std::string& name) {
  const detail::CsvRecords rec = detail::parse_csv_records(csv, name);
  JudgmentMatrix m;
  m.file = name;
  if (rec.records.empty()) throw DataError(fmt::format("{}: the file is empty (a header row of element names is needed)", name));
  const auto& header = rec.records[0];
  for (std::size_t c = 1; c < header.size(); ++c) {
    if (header[c].empty())
      throw DataError(fmt::format("{}:{}: column {}: an element name is needed", name, rec.lines[0], c + 1));
    m.names.push_back(header[c]);
  }
  const std::size_t n = m.names.size();
  if (n == 0) throw DataError(fmt::format("{}:{}: no element names after the corner cell", name, rec.lines[0]));
  std::vector<std::size_t> rows;
  for (std::size_t r = 1; r < rec.records.size(); ++r) {
    const auto& f = rec.records[r];
    if (std::all_of(f.begin(), f.end(), [](const std::string& s) { return s.empty(); })) continue;
    rows.push_back(r);
  }
  if (rows.size() != n)
    throw DataError(fmt::format("{}: {} element names in the header but {} rows: the matrix must be square",
                                name, n, rows.size()));
  m.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const auto& f = rec.records[rows[i]];
    const std::size_t line = rec.lines[rows[i]];
    m.lines.push_back(line);
    if (f.empty() || f[0] != m.names[i])
      throw DataError(fmt::format("{}:{}: row {} is named \"{}\" but column {} is \"{}\": rows and columns must "
                                  "list the elements in the same order",
                                  name, line, i + 1, f.empty() ? "" : f[0], i + 1, m.names[i]));
    if (f.size() > n + 1)
      throw DataError(fmt::format("{}:{}: row \"{}\" has {} judgments, the header names {} elements", name, line,
                                  m.names[i], f.size() - 1, n));
    for (std::size_t j = 0; j < n; ++j) {
      const std::string cell = j + 1 < f.size() ? f[j + 1] : std::string();
      double v = kNaN;
      if (!cell.empty()) {
        const auto slash = cell.find('/');
        bool ok = true;
        if (slash != std::string::npos && slash > 0 && slash + 1 < cell.size()) {
          bool ok1 = true, ok2 = true;
          const double num = parse_cell(cell.substr(0, slash), &ok1);
          const double den = parse_cell(cell.substr(slash + 1), &ok2);
          ok = ok1 && ok2 && !std::isnan(num) && !std::isnan(den) && den != 0;
          v = ok ? num / den : kNaN;
        } else {
          v = parse_cell(cell, &ok);
        }
        if (!ok)
          throw DataError(fmt::format("{}:{}: row \"{}\", column \"{}\" = \"{}\": not a number or fraction", name,
                                      line, m.names[i], m.names[j], cell));
      }
      if (i == j && std::isnan(v)) v = 1;
      m.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
    }
  }
  return m;
}

JudgmentMatrix read_judgment_matrix(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot open the judgment matrix file", path));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_judgment_matrix(bytes, path);
}

}  // namespace staffeval
