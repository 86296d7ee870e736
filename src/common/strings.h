// Small string helpers shared by the enum spellings and the readers (private).
#pragma once

#include <algorithm>
#include <cctype>
#include <string>
#include <string_view>
#include <vector>

namespace staffeval::detail {

// Whether a CSV field holds a comma, quote or line break, and so needs quotes. One pass without
// early exit, which the compiler vectorises (`find_first_of` calls memchr once per byte).
inline bool needs_csv_quotes(std::string_view field) {
  bool q = false;
  for (const char c : field) q |= (c == ',') | (c == '"') | (c == '\r') | (c == '\n');
  return q;
}

// ASCII lower case: enum spellings are matched case-insensitively.
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Levenshtein distance (insertions, deletions, substitutions; a swap of neighbours counts one).
inline std::size_t edit_distance(std::string_view a, std::string_view b) {
  std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1), prev2(b.size() + 1);
  for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
  for (std::size_t i = 1; i <= a.size(); ++i) {
    cur[0] = i;
    for (std::size_t j = 1; j <= b.size(); ++j) {
      cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) cur[j] = std::min(cur[j], prev2[j - 2] + 1);
    }
    prev2 = prev;
    prev = cur;
  }
  return prev[b.size()];
}

// The candidate closest to `word` (case-insensitively) when close enough to be a typo of it
// (at most a third of its letters, and at most 3, differ); empty otherwise.
inline std::string closest(std::string_view word, const std::vector<std::string>& candidates) {
  const std::string w = lower(word);
  std::string best;
  std::size_t best_d = std::min<std::size_t>(3, std::max<std::size_t>(1, w.size() / 3)) + 1;
  for (const auto& c : candidates) {
    const std::size_t d = edit_distance(w, lower(c));
    if (d < best_d) {
      best_d = d;
      best = c;
    }
  }
  return best;
}

}  // namespace staffeval::detail
