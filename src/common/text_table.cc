// Plain-text tables for reports, aligned by terminal display width.
#include "common/text_table.h"

#include <algorithm>
#include <charconv>
#include <cstring>
#include <cstdint>

namespace staffeval::detail {

namespace {
__extension__ typedef unsigned __int128 UInt128;  // GCC and Clang
}  // namespace

std::size_t display_width(std::string_view s) {
  std::size_t w = 0;
  for (std::size_t i = 0; i < s.size();) {
    const auto c = static_cast<unsigned char>(s[i]);
    const int len = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : 4;
    unsigned cp = len == 1 ? c : c & (0x7F >> len);
    for (int k = 1; k < len && i + static_cast<std::size_t>(k) < s.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]) & 0x3F);
    const bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                      (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                      (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
                      (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
    w += wide ? 2 : 1;
    i += static_cast<std::size_t>(len);
  }
  return w;
}

void append_text_table(std::string* table, const std::vector<TextColumn>& columns, std::size_t rows,
                       const std::vector<std::size_t>& order) {
  const std::size_t n = columns.size();
  if (n == 0) {  // empty lines
    table->append(rows + 1, '\n');
    return;
  }
  std::vector<std::size_t> width(n, 0);
  // The cells' bytes and display columns, for the table's size: a line is its cells' bytes, the
  // fills (the column's width less the cell's), the separators and the line break.
  std::size_t bytes = 0, shown = 0;
  std::string cell;
  for (std::size_t c = 0; c < n; ++c) {
    width[c] = display_width(columns[c].head);
    for (std::size_t r = 0; r < rows; ++r) {
      cell.clear();
      columns[c].cell(r, &cell);
      const std::size_t w = display_width(cell);
      width[c] = std::max(width[c], w);
      bytes += cell.size();
      shown += w;
    }
  }
  std::size_t line = 2 * n - 1, head = line;  // separators and line break; and the header's
  for (std::size_t c = 0; c < n; ++c) {
    line += width[c];
    head += width[c] + columns[c].head.size();
  }
  std::string& out = *table;
  out.reserve(out.size() + head + (bytes > shown ? bytes - shown : 0) + rows * line);
  // One line: the cells two spaces apart and padded to their column, trailing spaces trimmed.
  auto write_line = [&](auto&& text_of) {
    const std::size_t start = out.size();
    for (std::size_t c = 0; c < n; ++c) {
      const std::string_view text = text_of(c);
      const std::size_t w = display_width(text), fill = w < width[c] ? width[c] - w : 0;
      if (c) out += "  ";
      if (columns[c].right) out.append(fill, ' ');
      out += text;
      if (!columns[c].right) out.append(fill, ' ');
    }
    std::size_t end = out.size();
    while (end > start && out[end - 1] == ' ') --end;
    out.resize(end);
    out += '\n';
  };
  write_line([&](std::size_t c) { return std::string_view(columns[c].head); });
  constexpr std::size_t kAhead = 8;  // rows
  for (std::size_t r = 0; r < rows; ++r) {
    const std::size_t unit = order.empty() ? r : order[r];
    if (!order.empty() && r + kAhead < rows)
      for (const TextColumn& column : columns)
        if (column.prefetch) column.prefetch(order[r + kAhead]);
    write_line([&](std::size_t c) {
      cell.clear();
      columns[c].cell(unit, &cell);
      return std::string_view(cell);
    });
  }
}

std::string text_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& right) {
  std::vector<TextColumn> columns(head.size());
  for (std::size_t c = 0; c < head.size(); ++c) {
    columns[c].head = head[c];
    columns[c].right = c < right.size() && right[c];
    columns[c].cell = [&rows, c](std::size_t r, std::string* out) {
      if (c < rows[r].size()) *out += rows[r][c];
    };
  }
  std::string out;
  append_text_table(&out, columns, rows.size());
  return out;
}

void append_fixed(std::string* out, double x, int decimals) {
  static constexpr std::uint64_t kPow10[] = {1, 10, 100, 1000, 10000, 100000, 1000000, 10000000, 100000000,
                                             1000000000};
  std::uint64_t bits = 0;
  std::memcpy(&bits, &x, sizeof bits);
  const auto biased = static_cast<int>((bits >> 52) & 0x7FF);
  if (decimals >= 0 && decimals <= 9 && biased < 1075) {  // |x| < 2^52: x = m 2^-s, s >= 1
    const std::uint64_t hidden = biased ? std::uint64_t{1} << 52 : 0;
    const std::uint64_t m = (bits & ((std::uint64_t{1} << 52) - 1)) | hidden;
    const int s = 1075 - (biased ? biased : 1);
    const UInt128 p = static_cast<UInt128>(m) * kPow10[decimals];  // x 10^d = p 2^-s, p < 2^83
    UInt128 n = 0;
    if (s < 128) {
      n = p >> s;
      const UInt128 rest = p & ((UInt128{1} << s) - 1), half = UInt128{1} << (s - 1);
      if (rest > half || (rest == half && (n & 1))) ++n;
    }  // else x 10^d < 2^-44: 0
    if (n < (UInt128{1} << 63)) {
      const auto digits = static_cast<std::uint64_t>(n);
      const std::uint64_t whole = digits / kPow10[decimals];
      std::uint64_t part = digits % kPow10[decimals];
      char text[48];
      char* end = text + sizeof text;
      char* q = end;
      for (int k = 0; k < decimals; ++k) {
        *--q = static_cast<char>('0' + part % 10);
        part /= 10;
      }
      if (decimals > 0) *--q = '.';
      std::uint64_t w = whole;
      do {
        *--q = static_cast<char>('0' + w % 10);
        w /= 10;
      } while (w);
      if (bits >> 63) *--q = '-';
      out->append(q, static_cast<std::size_t>(end - q));
      return;
    }
  }
  char text[400];  // |x| <= DBL_MAX: 309 digits, a sign, a point and the decimals
  const char* end = std::to_chars(text, text + sizeof text, x, std::chars_format::fixed, decimals).ptr;
  out->append(text, static_cast<std::size_t>(end - text));
}

bool any_named(const std::vector<std::string>& names) {
  return std::any_of(names.begin(), names.end(), [](const std::string& n) { return !n.empty(); });
}

bool any_named(const SharedStrings& names) {
  for (std::size_t i = 0; i < names.size(); ++i)
    if (!names.view(i).empty()) return true;
  return false;
}

void insert_name_column(std::vector<std::string>* head, std::vector<std::vector<std::string>>* rows,
                        std::vector<bool>* right, const std::vector<std::string>& names,
                        const std::vector<std::size_t>& order, std::size_t at, const std::string& title) {
  if (!any_named(names)) return;
  head->insert(head->begin() + static_cast<std::ptrdiff_t>(at), title);
  right->insert(right->begin() + static_cast<std::ptrdiff_t>(at), false);
  for (std::size_t r = 0; r < rows->size(); ++r) {
    auto& row = (*rows)[r];
    row.insert(row.begin() + static_cast<std::ptrdiff_t>(at), names[order.empty() ? r : order[r]]);
  }
}

std::vector<std::size_t> order_by_rank(const std::vector<int>& rank) {
  // A counting sort on the ranks (competition ranks lie in 1..n; anything else, 0 included,
  // goes last, as a stable sort with those keys last would put it).
  const std::size_t n = rank.size();
  auto key = [n](int r) { return r > 0 && static_cast<std::size_t>(r) <= n ? static_cast<std::size_t>(r) - 1 : n; };
  std::vector<std::size_t> start(n + 2, 0);
  for (int r : rank) ++start[key(r) + 1];
  for (std::size_t k = 1; k < start.size(); ++k) start[k] += start[k - 1];
  std::vector<std::size_t> order(n);
  for (std::size_t i = 0; i < n; ++i) order[start[key(rank[i])]++] = i;
  return order;
}

}  // namespace staffeval::detail
