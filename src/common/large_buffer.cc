#include "common/large_buffer.h"

#include <cstdlib>
#include <string>

#include <fmt/format.h>

#include "staffeval/error.h"

namespace staffeval::detail {

namespace {

bool read_huge_pages_setting() {
  const char* v = std::getenv("STAFFEVAL_HUGE_PAGES");
  const std::string s = v ? v : "";
  if (s.empty() || s == "0") return false;
  if (s == "1") return true;
  throw OptionsError(fmt::format("environment variable STAFFEVAL_HUGE_PAGES = \"{}\": must be 0 or 1", s));
}

}  // namespace

bool huge_pages_requested() {
  static const bool requested = read_huge_pages_setting();  // a throw leaves it to be read again
  return requested;
}

}  // namespace staffeval::detail
