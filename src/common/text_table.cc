// Plain-text tables for reports, aligned by terminal display width.
#include "common/text_table.h"

#include <algorithm>
#include <cstdint>
#include <numeric>

namespace staffeval::detail {

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

std::string pad(const std::string& s, std::size_t width) {
  const std::size_t w = display_width(s);
  return w >= width ? s : s + std::string(width - w, ' ');
}

std::string text_table(const std::vector<std::string>& head, const std::vector<std::vector<std::string>>& rows,
                       const std::vector<bool>& right) {
  std::vector<std::size_t> width(head.size(), 0);
  auto measure = [&](const std::vector<std::string>& r) {
    for (std::size_t c = 0; c < r.size() && c < width.size(); ++c) width[c] = std::max(width[c], display_width(r[c]));
  };
  measure(head);
  for (const auto& r : rows) measure(r);
  auto line = [&](const std::vector<std::string>& r) {
    std::string out;
    for (std::size_t c = 0; c < width.size(); ++c) {
      const std::string cell = c < r.size() ? r[c] : std::string();
      const std::size_t w = display_width(cell);
      const std::string fill(w < width[c] ? width[c] - w : 0, ' ');
      if (c) out += "  ";
      out += c < right.size() && right[c] ? fill + cell : cell + fill;
    }
    out.erase(out.find_last_not_of(' ') + 1);
    return out + "\n";
  };
  std::string out = line(head);
  for (const auto& r : rows) out += line(r);
  return out;
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
  std::vector<std::size_t> order(rank.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    return (rank[a] ? rank[a] : INT32_MAX) < (rank[b] ? rank[b] : INT32_MAX);
  });
  return order;
}

}  // namespace staffeval::detail
