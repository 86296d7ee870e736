// Model loading and validation: every model error with its location, DAGs, round trips.
#include <fstream>

#include "test_util.h"

namespace staffeval {
namespace {

const std::string kDataDir = STAFFEVAL_TEST_DATA_DIR;
const std::string kExamples = STAFFEVAL_EXAMPLES_DIR;

IndicatorModel load(const std::string& yaml) { return load_model_from_string(yaml, "m.yaml"); }

TEST(ModelLoad, ExamplesAreValid) {
  const auto single = load_model(kExamples + "/single-level.yaml");
  EXPECT_EQ(single.nodes.size(), 11u);
  EXPECT_EQ(single.caps.size(), 4u);
  const auto three = load_model(kExamples + "/three-level.yaml");
  EXPECT_EQ(three.nodes.size(), 4u + 12u + 28u);
  EXPECT_EQ(three.find_node("B1.1"), 13);
}

TEST(ModelErrors, MalformedYamlHasLineAndColumn) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators: [\n  {id: a, points: 3\n"), ModelError, "m.yaml:");
  try {
    load("id: x\nindicators:\n  - {id: a, points: [1, 2}\n");
    FAIL();
  } catch (const ModelError& e) {
    ASSERT_FALSE(e.diagnostics().empty());
    EXPECT_EQ(e.diagnostics()[0].location.line, 3);
  }
}

TEST(ModelErrors, DuplicateId) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nweights: relative\nindicators:\n"
                                  "  - {id: a, weight: 1, value: v, rule: {type: minmax}}\n"
                                  "  - {id: a, weight: 1, value: w, rule: {type: minmax}}\n"),
                             ModelError, "m.yaml:5:5: indicators(a).id = a: duplicate id (first defined at line 4)");
}

TEST(ModelErrors, DanglingParent) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nweights: relative\nindicators:\n"
                                  "  - {id: a, weight: 1, value: v, rule: {type: minmax}}\n"
                                  "  - {id: b, parent: nope, weight: 1, value: w, rule: {type: minmax}}\n"),
                             ModelError, "indicators(b).parent = nope: no indicator or group has this id");
}

TEST(ModelErrors, CycleIsNamedWithItsPath) {
  try {
    load_model(kDataDir + "/cycle.yaml");
    FAIL();
  } catch (const ModelError& e) {
    const std::string msg = e.what();
    EXPECT_NE(msg.find("cycle.yaml:"), std::string::npos) << msg;
    EXPECT_NE(msg.find("A -> B -> A"), std::string::npos) << msg;
    EXPECT_NE(msg.find("the hierarchy has a cycle"), std::string::npos) << msg;
  }
}

TEST(ModelErrors, EmptyGroup) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nweights: relative\nindicators:\n"
                                  "  - {id: a, weight: 1, value: v, rule: {type: minmax}}\n"
                                  "  - {id: g, weight: 1, children: []}\n"),
                             ModelError, "m.yaml:5:5: indicators(g).children = []: a group needs at least one child");
}

TEST(ModelErrors, PointsThatDoNotAddUp) {
  try {
    load_model(kDataDir + "/points_do_not_add_up.yaml");
    FAIL();
  } catch (const ModelError& e) {
    EXPECT_NE(std::string(e.what()).find("points_do_not_add_up.yaml:5:5: indicators(A).children = 50: "
                                         "children's points must sum to the group's points (60)"),
              std::string::npos)
        << e.what();
  }
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 90, value: v, rule: {type: minmax}}\n"),
                             ModelError, "indicators = 90: top-level points must sum to total (100)");
}

TEST(ModelErrors, NegativeWeight) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nweights: relative\nindicators:\n"
                                  "  - {id: a, weight: -0.2, value: v, rule: {type: minmax}}\n"
                                  "  - {id: b, weight: 1, value: w, rule: {type: minmax}}\n"),
                             ModelError, "m.yaml:4:21: indicators(a).weight = -0.2: must be >= 0");
}

TEST(ModelErrors, UnknownKeyAndWrongType) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, pionts: 100, value: v, rule: {type: minmax}}\n"),
                             ModelError, "indicators[0](a).pionts: unknown key");
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: lots, value: v, rule: {type: minmax}}\n"),
                             ModelError, "m.yaml:3:21: indicators[0](a).points = lots: must be a finite number");
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: fancy}}\n"),
                             ModelError, "rule.type = fancy: must be one of minmax");
}

TEST(ModelErrors, RuleParameters) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: target_range, low: 1, high: 0.9, low_zero: 0, high_zero: 1}}\n"),
                             ModelError, "indicators(a).rule.low = 1: must be <= high (0.9)");
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: piecewise, breakpoints: [[1, 0], [0, 100]]}}\n"),
                             ModelError, "rule.breakpoints[1][0] = 0: x must increase strictly");
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: linear, worst: 1}}\n"),
                             ModelError, "rule.best: is required for a linear rule");
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v}\n"), ModelError,
                             "indicators[0](a).rule: is required for an indicator");
}

TEST(ModelErrors, GradesAndCaps) {
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n"
                                  "grades: [{name: A, min: 50}, {name: B, min: 60}]\n"),
                             ModelError, "grades[1].min = 60: must be below the previous band's min (50)");
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n"
                                  "caps: [{when: v > 1, max_grade: 特优}]\n"),
                             ModelError, "caps[0].max_grade = 特优: is not a grade name");
}

TEST(ModelErrors, BadFormulaHasPosition) {
  const auto model = load("id: x\nindicators:\n  - {id: a, points: 100, value: v / (w, rule: {type: minmax}}\n");
  const auto table = parse_table("id,v,w\nu1,1,2\n", "d.csv");
  STAFFEVAL_EXPECT_THROW_MSG(compile(model, table), ModelError, "indicators(a).value = \"v / (w\": formula error");
}

TEST(ModelErrors, UnknownColumnIsADataError) {
  const auto model = load("id: x\nindicators:\n  - {id: a, points: 100, value: v / nope, rule: {type: minmax}}\n");
  const auto table = parse_table("id,v,w\nu1,1,2\n", "d.csv");
  STAFFEVAL_EXPECT_THROW_MSG(compile(model, table), DataError, "unknown column \"nope\"");
}

TEST(ModelErrors, EveryOtherErrorIsLocated) {
  // model text -> expected message (with its location)
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"indicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n", "m.yaml:1:1: id: is required"},
      {"id: x\nweights: relative\nindicators:\n  - {id: a, weight: 1, value: v, rule: {type: minmax}}\n"
       "  - {id: b, parent: b, weight: 1, value: w, rule: {type: minmax}}\n",
       "m.yaml:5:21: indicators(b).parent = b: a node cannot be its own parent"},
      {"id: x\nweights: relative\nindicators:\n  - {id: g, weight: 1, value: v, children: "
       "[{id: a, weight: 1, value: w, rule: {type: minmax}}]}\n",
       "m.yaml:4:5: indicators(g).value = v: a group has children and cannot have a value"},
      {"id: x\nweights: relative\nindicators:\n  - {id: a, weight: 1, points: 3, value: v, rule: {type: minmax}}\n",
       "m.yaml:4:32: indicators[0](a).points = 3: this model gives weights as relative: use `weight`"},
      {"id: x\nrounding: {scope: total, decimals: 13}\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n",
       "m.yaml:2:36: rounding.decimals = 13: must be an integer in [0, 12]"},
      {"id: x\nweights: relative\nindicators:\n  - {id: g, weight: 1, children: [{id: a, weight: 1, value: v, rule: {type: minmax}}]}\n"
       "  - {id: h, weight: 1, children: [{id: b, weight: 1, parent: g, value: w, rule: {type: minmax}}]}\n",
       "indicators[1](h).children[0](b).parent: a nested node has its parent already"},
      {"id: x\nindicators:\n  - {id: g, points: 50, children: [{id: a, points: 50, value: v, rule: {type: minmax}}]}\n"
       "  - {id: h, points: 50, children: [{id: b, points: 50, value: w, rule: {type: minmax}}]}\n"
       "  - {id: k, parents: {g: 0, h: 0}, children: [{id: c, points: 0, value: u, rule: {type: minmax}}]}\n",
       "indicators(k).parents: in a points model only indicators, not groups, may have several parents"},
      {"id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n"
       "grades: [{name: A, min: 90}, {name: A, min: 0}]\n",
       "grades[1].name = A: duplicate grade name"},
      {"id: x\nfields:\n  v: {min: 5, max: 1}\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n",
       "m.yaml:3:3: fields.v.min = 5: must be <= max (1)"},
      {"id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: target_range, low: 0.9, high: 1}}\n",
       "indicators(a).rule.below: is required: {zero_at: x} or {deduct: d, per: p}"},
      {"id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: deduction, per: 0}}\n",
       "indicators(a).rule.per = 0: must be > 0"},
      {"id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: bands, bands: [[0, 150]]}}\n",
       "indicators(a).rule.bands[0][1] = 150: marks must be in [0, 100]"},
      {"id: x\nindicators:\n  - {id: a b, points: 100, value: v, rule: {type: minmax}}\n",
       "indicators[0].id = \"a b\": must be non-empty ASCII letters, digits, '_', '.' or '-'"},
      {"id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax, range: [50, 20]}}\n",
       "indicators(a).rule.range[1] = 20: must be in [range[0], 100]"},
      {"id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\ncaps: [{max_grade: 良好}]\n",
       "m.yaml:4:8: caps[0].when: is required"},
  };
  for (const auto& [yaml, expected] : cases) STAFFEVAL_EXPECT_THROW_MSG(load(yaml), ModelError, expected);
}

TEST(ModelErrors, ValidationListsEveryProblem) {
  IndicatorModel m;
  const auto diags = read_model(kDataDir + "/many_errors.yaml", &m);
  EXPECT_GE(diags.size(), 3u);
  for (const auto& d : diags) EXPECT_GT(d.location.line, 0) << d.to_string();
}

TEST(ModelLoad, HeaderAliasMapsChineseColumns) {
  const auto model = load("id: x\nfields:\n  est: {header: 核定编制数}\n"
                          "indicators:\n  - {id: a, points: 100, value: est, rule: {type: minmax}}\n");
  const auto table = parse_table("id,核定编制数\nu1,10\nu2,20\n", "d.csv");
  const auto r = evaluate(compile(model, table), table);
  EXPECT_NEAR(r.total[1], 100, 1e-12);
}

TEST(ModelLoad, FieldBoundsAreDataErrors) {
  const auto model = load("id: x\nfields:\n  est: {min: 0}\n"
                          "indicators:\n  - {id: a, points: 100, value: est, rule: {type: minmax}}\n");
  const auto table = parse_table("id,est\nu1,10\nu2,-3\n", "d.csv");
  STAFFEVAL_EXPECT_THROW_MSG(compile(model, table), DataError,
                             "d.csv:3: unit \"u2\", column \"est\" = -3: must be >= 0");
}

TEST(ModelLoad, ToYamlRoundTrips) {
  for (const char* name : {"single-level", "three-level", "peer-relative"}) {
    const auto original = load_model(kExamples + "/" + name + ".yaml");
    const auto again = load_model_from_string(to_yaml(original), "round-trip.yaml");
    const auto table = load_table(kExamples + "/units.csv");
    const auto r1 = evaluate(compile(original, table), table);
    const auto r2 = evaluate(compile(again, table), table);
    ASSERT_EQ(r1.size(), r2.size());
    for (std::size_t i = 0; i < r1.size(); ++i)
      EXPECT_EQ(r1.total[static_cast<Eigen::Index>(i)], r2.total[static_cast<Eigen::Index>(i)]) << name << " " << i;
  }
}

}  // namespace
}  // namespace staffeval
