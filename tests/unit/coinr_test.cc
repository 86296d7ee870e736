// Cross-check of the COINr import on the ASEM data shipped beside the project (skipped without it).
#include <cmath>
#include <filesystem>

#include "test_util.h"

namespace staffeval {
namespace {

const std::string kAsem = std::string(STAFFEVAL_SHARED_DATA_DIR) + "/asem";

class Coinr : public ::testing::Test {
 protected:
  void SetUp() override {
    if (!std::filesystem::exists(kAsem + "/iMeta.csv"))
      GTEST_SKIP() << "ASEM data not found at " << kAsem << ": COINr cross-check skipped";
  }
};

TEST_F(Coinr, ImportsTheFrameworkStructure) {
  const IndicatorModel m = import_coinr(kAsem + "/iMeta.csv");
  int leaves = 0, groups = 0;
  for (const auto& n : m.nodes) (n.group ? groups : leaves)++;
  EXPECT_EQ(leaves, 49);
  EXPECT_EQ(groups, 8 + 2 + 1);
  EXPECT_EQ(m.id_column, "uCode");
  const Node& tariff = m.nodes[static_cast<std::size_t>(m.find_node("Tariff"))];
  EXPECT_EQ(tariff.rule.direction, Direction::kCost);
  EXPECT_EQ(tariff.parents[0].parent, "Instit");
  // The written YAML loads back as a valid model.
  EXPECT_NO_THROW(load_model_from_string(to_yaml(m), "asem.yaml"));
}

TEST_F(Coinr, ScoresLikeCoinrsDefaultPipeline) {
  const IndicatorModel m = import_coinr(kAsem + "/iMeta.csv");
  TableOptions opt;
  opt.id_column = "uCode";
  opt.name_column = "uName";
  opt.class_column = "";
  const Table t = load_table(kAsem + "/iData.csv", opt);
  ASSERT_EQ(t.size(), 51u);
  const ScoringResult r = evaluate(compile(m, t), t);
  // Independent recomputation of one pillar (Physical: 8 indicators) for every country:
  // min-max to [0, 100] over all units, then the mean of the indicators present.
  const std::vector<std::string> physical = {"LPI", "Flights", "Ship", "Bord", "Elec", "Gas", "ConSpeed", "Cov4G"};
  const int node = m.find_node("Physical");
  for (std::size_t i = 0; i < t.size(); ++i) {
    double sum = 0;
    int count = 0;
    for (const auto& code : physical) {
      const auto col = t.values.col(t.column_index(code));
      const double x = col[static_cast<Eigen::Index>(i)];
      if (std::isnan(x)) continue;
      double lo = INFINITY, hi = -INFINITY;
      for (Eigen::Index k = 0; k < col.size(); ++k)
        if (!std::isnan(col[k])) lo = std::min(lo, col[k]), hi = std::max(hi, col[k]);
      sum += 100 * (x - lo) / (hi - lo);
      ++count;
    }
    EXPECT_NEAR(r.node_score(i, static_cast<std::size_t>(node)), sum / count, 1e-9) << t.ids[i];
  }
  // The index is the mean of its two sub-indices.
  const int conn = m.find_node("Conn"), sust = m.find_node("Sust");
  for (std::size_t i = 0; i < t.size(); ++i) {
    const auto ii = static_cast<Eigen::Index>(i);
    EXPECT_NEAR(r.total[ii], 0.5 * (r.node_score(i, static_cast<std::size_t>(conn)) + r.node_score(i, static_cast<std::size_t>(sust))), 1e-9);
  }
  // Every country is scored and ranked.
  for (int rank : r.rank) EXPECT_GT(rank, 0);
}

}  // namespace
}  // namespace staffeval
