// Shared pieces of the JSON and CSV writers of analyses (private).
#pragma once

#include <cmath>
#include <string>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

namespace staffeval::detail {

// Objects keep their keys in insertion order (element names in model order).
using Json = nlohmann::ordered_json;

// A finite number, or null (JSON has no NaN).
inline Json json_number(double v) { return std::isfinite(v) ? Json(v) : Json(nullptr); }

// An RFC 4180 field: quoted when it holds a comma, quote or line break.
inline std::string csv_field(const std::string& s) {
  if (s.find_first_of(",\"\r\n") == std::string::npos) return s;
  std::string out = "\"";
  for (char c : s) out += c == '"' ? std::string("\"\"") : std::string(1, c);
  return out + "\"";
}

// The shortest form that reads back to the same double; empty for NaN.
inline std::string csv_number(double v) { return std::isfinite(v) ? fmt::format("{}", v) : std::string(); }

}  // namespace staffeval::detail
