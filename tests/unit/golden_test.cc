// Golden end-to-end tests of the CLI on the shipped examples, compared numerically.
// Regenerate with STAFFEVAL_UPDATE_GOLDEN=1 and review the diff.
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <sstream>

#include "test_util.h"

namespace staffeval {
namespace {

std::vector<std::vector<std::string>> read_rows(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::vector<std::vector<std::string>> rows;
  std::string line;
  while (std::getline(in, line)) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    std::vector<std::string> fields;
    std::stringstream ss(line);
    std::string f;
    while (std::getline(ss, f, ',')) fields.push_back(f);
    if (!line.empty() && line.back() == ',') fields.emplace_back();
    rows.push_back(fields);
  }
  return rows;
}

bool is_number(const std::string& s, double* v) {
  if (s.empty()) return false;
  char* end = nullptr;
  *v = std::strtod(s.c_str(), &end);
  return end == s.c_str() + s.size();
}

void check_golden(const std::string& name, const std::string& args) {
  const std::string dir = std::string(STAFFEVAL_GOLDEN_DIR) + "/" + name;
  const std::string expected = dir + "/expected.csv";
  const std::string actual = ::testing::TempDir() + "golden_" + name + ".csv";
  const std::string cmd = std::string(STAFFEVAL_CLI) + " score " + args + " --out " + actual + " 2>/dev/null";
  ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
  const char* update = std::getenv("STAFFEVAL_UPDATE_GOLDEN");
  if (update && std::string(update) == "1") {
    std::ifstream src(actual, std::ios::binary);
    std::ofstream dst(expected, std::ios::binary);
    dst << src.rdbuf();
    GTEST_SKIP() << "updated " << expected;
  }
  const auto want = read_rows(expected), got = read_rows(actual);
  ASSERT_FALSE(want.empty()) << "missing " << expected << " (run with STAFFEVAL_UPDATE_GOLDEN=1)";
  ASSERT_EQ(got.size(), want.size());
  EXPECT_EQ(got[0], want[0]) << "header";
  for (std::size_t r = 1; r < want.size(); ++r) {
    ASSERT_EQ(got[r].size(), want[r].size()) << "row " << r;
    for (std::size_t c = 0; c < want[r].size(); ++c) {
      double a = 0, e = 0;
      if (is_number(want[r][c], &e) && is_number(got[r][c], &a))
        EXPECT_NEAR(a, e, 1e-9 * std::max(1.0, std::fabs(e))) << name << " row " << r << " " << want[0][c];
      else
        EXPECT_EQ(got[r][c], want[r][c]) << name << " row " << r << " " << want[0][c];
    }
  }
}

const std::string kEx = STAFFEVAL_EXAMPLES_DIR;

TEST(Golden, SingleLevelOnUnits) {
  check_golden("single-level", "--model " + kEx + "/single-level.yaml --data " + kEx + "/units.csv");
}

TEST(Golden, ThreeLevelOnUnits) {
  check_golden("three-level", "--model " + kEx + "/three-level.yaml --data " + kEx + "/units.csv");
}

TEST(Golden, WeightedOnUnits) {
  check_golden("weighted", "--lang en --model " + kEx + "/weighted.yaml --data " + kEx + "/units.csv");
}

TEST(Golden, PeerRelativeOnUnits) {
  check_golden("peer-relative", "--lang en --model " + kEx + "/peer-relative.yaml --data " + kEx + "/units.csv --detail");
}

}  // namespace
}  // namespace staffeval
