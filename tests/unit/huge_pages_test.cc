// Huge pages only on request: the table a large CSV is read into carries the kernel's
// MADV_HUGEPAGE mark ("hg" among its mapping's VmFlags in /proc/self/smaps) exactly when
// STAFFEVAL_HUGE_PAGES=1. ctest runs this test twice: as discovered (the variable unset) and as
// huge_pages.requested (set to 1).
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <gtest/gtest.h>

#include "staffeval/data.h"

namespace {

// The VmFlags line of the mapping that holds `p` ("" when none does), with a space at each end.
std::string vm_flags_of(const void* p) {
  const auto a = reinterpret_cast<std::uintptr_t>(p);
  std::ifstream in("/proc/self/smaps");
  std::string line;
  bool inside = false;
  while (std::getline(in, line)) {
    if (line.rfind("VmFlags:", 0) == 0) {
      if (inside) return " " + line + " ";
      continue;
    }
    // A mapping's first line: "begin-end perms offset device inode [path]" (field lines have a
    // colon right after their name instead).
    std::uintptr_t begin = 0, end = 0;
    char dash = 0;
    std::istringstream head(line);
    if (line.find(':') > line.find(' ') && head >> std::hex >> begin >> dash >> end && dash == '-')
      inside = begin <= a && a < end;
  }
  return "";
}

}  // namespace

TEST(HugePages, AskedForOnlyWhenRequested) {
  const char* env = std::getenv("STAFFEVAL_HUGE_PAGES");
  const bool requested = env != nullptr && std::string(env) == "1";
  if (requested && !std::ifstream("/sys/kernel/mm/transparent_hugepage/enabled"))
    GTEST_SKIP() << "this kernel has no transparent huge pages";
  // 600,000 units x 6 values: a 29 MB matrix and a 4.8 MB list of file lines.
  std::string csv = "id,a,b,c,d,e,f\n";
  for (int i = 0; i < 600000; ++i) csv += "u" + std::to_string(i) + ",1.5,2,3.25,4,5,6\n";
  const staffeval::Table t = staffeval::parse_table(csv, "big.csv");
  ASSERT_EQ(t.values.rows(), 600000);
  EXPECT_EQ(t.values(599999, 2), 3.25);
  const double* middle = t.values.data() + t.values.size() / 2;
  const std::string flags = vm_flags_of(middle);
  ASSERT_FALSE(flags.empty()) << "no mapping holds the table's values";
  EXPECT_EQ(flags.find(" hg ") != std::string::npos, requested) << flags;
  const std::string list_flags = vm_flags_of(t.rows.data() + t.rows.size() / 2);
  EXPECT_EQ(list_flags.find(" hg ") != std::string::npos, requested) << list_flags;
}
