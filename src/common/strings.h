// Small string helpers shared by the enum spellings (private).
#pragma once

#include <cctype>
#include <string>
#include <string_view>

namespace staffeval::detail {

// ASCII lower case: enum spellings are matched case-insensitively.
inline std::string lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace staffeval::detail
