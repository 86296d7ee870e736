// The public read-only view of a plan: edges, groups and the top level as the result's edge
// weights and group scores index them; a default plan is empty, not undefined.
#include "test_util.h"

namespace staffeval {
namespace {

TEST(PlanView, EdgesGroupsAndTopIndexTheResult) {
  const std::string m =
      "id: v\nweights: relative\nindicators:\n"
      "  - id: G\n    weight: 3\n    children:\n"
      "      - {id: a, weight: 1, value: a, rule: {type: linear, worst: 0, best: 1}}\n"
      "      - {id: b, weight: 2, value: b, rule: {type: linear, worst: 0, best: 1}}\n"
      "  - {id: c, weight: 1, value: c, rule: {type: linear, worst: 0, best: 1}}\n";
  const auto r = testing::score(m, "id,a,b,c\nu1,0.5,1,0\n");
  const Plan& p = r.plan;
  ASSERT_EQ(p.node_ids(), (std::vector<std::string>{"G", "a", "b", "c"}));
  ASSERT_EQ(p.edges().size(), 4u);
  ASSERT_EQ(p.groups().size(), 1u);
  const PlanGroup& g = p.groups()[0];
  EXPECT_EQ(g.node, 0);
  EXPECT_EQ(g.children, (std::vector<int>{1, 2}));
  EXPECT_EQ(p.top().node, -1);
  EXPECT_EQ(p.top().children, (std::vector<int>{0, 3}));
  // Each edge's weight is the written one, at the edge's index.
  for (std::size_t k = 0; k < g.edges.size(); ++k) {
    const PlanEdge& e = p.edges()[static_cast<std::size_t>(g.edges[k])];
    EXPECT_EQ(e.parent, 0);
    EXPECT_EQ(e.child, g.children[k]);
  }
  EXPECT_EQ(r.edge_weights[g.edges[1]], 2.0);
  EXPECT_EQ(r.edge_weights[p.top().edges[0]], 3.0);
  EXPECT_EQ(p.leaf_index(1), 0);
  EXPECT_EQ(p.leaf_index(0), -1);
  EXPECT_EQ(p.group_index(0), 0);
  EXPECT_EQ(p.group_index(3), -1);
  EXPECT_EQ(p.leaf_index(99), -1);
  // G = (1 x 50 + 2 x 100) / 3; the total = (3 G + 0) / 4.
  EXPECT_NEAR(r.group_scores(0, p.group_index(0)), 250.0 / 3, 1e-12);
  EXPECT_NEAR(r.total[0], 250.0 / 4, 1e-12);
  EXPECT_EQ(ScoringResult::branch_name(r.branches(0, 1)), "full");
}

TEST(PlanView, ADefaultPlanIsEmpty) {
  const Plan p;
  EXPECT_TRUE(p.model().nodes.empty());
  EXPECT_TRUE(p.node_ids().empty());
  EXPECT_TRUE(p.edges().empty());
  EXPECT_TRUE(p.groups().empty());
  EXPECT_EQ(p.top().node, -1);
  EXPECT_EQ(p.leaf_index(0), -1);
}

}  // namespace
}  // namespace staffeval
