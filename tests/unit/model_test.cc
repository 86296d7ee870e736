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

TEST(ModelErrors, BadFormulaIsFoundWithoutData) {
  // Formula and cap syntax is the model's: validation finds it, no data needed.
  STAFFEVAL_EXPECT_THROW_MSG(load("id: x\nindicators:\n  - {id: a, points: 100, value: v / (w, rule: {type: minmax}}\n"),
                             ModelError, "m.yaml:3:33: indicators(a).value = \"v / (w\": formula error at position 8");
  STAFFEVAL_EXPECT_THROW_MSG(
      load("id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\ncaps:\n"
           "  - {when: v >> 3, max_grade: 合格}\n"),
      ModelError, "m.yaml:5:12: caps[0].when = \"v >> 3\": formula error at position 4");
  // Chinese headers are names like any other; a header that is no name is declared as a field.
  EXPECT_NO_THROW(load("id: x\nindicators:\n  - {id: a, points: 100, value: 实有人数 / 核定编制数, rule: {type: minmax}}\n"));
  const auto model = load("id: x\nfields:\n  n: {header: 编制 (人)}\nindicators:\n"
                          "  - {id: a, points: 100, value: n, rule: {type: minmax}}\n");
  const auto table = parse_table("id,编制 (人)\nu1,1\nu2,3\n", "d.csv");
  EXPECT_EQ(evaluate(compile(model, table), table).total[1], 100);
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
       "m.yaml:3:12: fields.v.min = 5: must be <= max (1)"},
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

// Every key of every rule type, set away from its default, is written and read back as it was.
TEST(ModelLoad, EveryRuleKeyRoundTrips) {
  const std::string rules[] = {
      "{type: minmax, direction: cost, cohort: all, full: 8, range: [10, 90]}",
      "{type: zscore, direction: cost, cohort: all, range: [5, 95], mean: 60, sd: 15}",
      "{type: percentile, cohort: all, range: [20, 100]}",
      "{type: distance_to_best, direction: cost}",
      "{type: proportional, direction: cost, range: [40, 100]}",
      "{type: linear, worst: 2, best: 0.5, full: 6}",
      "{type: target_range, low: 0.9, high: 1.0, below: {deduct: 0.3, per: 0.01}, above: {zero_at: 1.2}}",
      "{type: target_range, low: 0.9, high: 1.0, low_zero: 0.5, high_zero: 1.5}",
      "{type: ideal, ideal: 0.95, tolerance: 0.2, cohort: all}",
      "{type: piecewise, breakpoints: [[0, 0], [0.5, 6], [1, 10]]}",
      "{type: bands, bands: [[0.5, 4], [0.8, 8]], otherwise: 1}",
      "{type: deduction, direction: benefit, threshold: median, per: 2, deduct: 0.5, floor: 1, cohort: all}",
      "{type: deduction, threshold: 3, per: 1, deduct: 2}",
      "{type: checklist, items: 4}",
      "{type: compliance, no: 3}",
      "{type: survey, zero_at: 20, full_at: 95}",
  };
  for (const std::string& rule : rules) {
    SCOPED_TRACE(rule);
    const auto original = load("id: r\nweights: relative\nindicators:\n  - {id: a, weight: 1, value: x, rule: " + rule + "}\n");
    const auto again = load_model_from_string(to_yaml(original), "again.yaml");
    const Rule& x = original.nodes[0].rule;
    const Rule& y = again.nodes[0].rule;
    EXPECT_EQ(x.kind, y.kind);
    EXPECT_EQ(x.direction, y.direction);
    EXPECT_EQ(x.cohort, y.cohort);
    EXPECT_EQ(x.threshold_stat, y.threshold_stat);
    EXPECT_EQ(x.breakpoints, y.breakpoints);
    for (double Rule::*f : {&Rule::full, &Rule::range_low, &Rule::range_high, &Rule::z_mean, &Rule::z_sd,
                            &Rule::worst, &Rule::best, &Rule::low, &Rule::high, &Rule::low_zero, &Rule::high_zero,
                            &Rule::low_slope, &Rule::high_slope, &Rule::ideal, &Rule::tolerance, &Rule::below,
                            &Rule::threshold, &Rule::per, &Rule::deduct, &Rule::floor, &Rule::items, &Rule::no,
                            &Rule::zero_at, &Rule::full_at}) {
      if (std::isnan(x.*f)) EXPECT_TRUE(std::isnan(y.*f));
      else EXPECT_EQ(x.*f, y.*f);
    }
  }
  // The values set above were read, not left at their defaults.
  const auto z = load("id: r\nweights: relative\nindicators:\n  - {id: a, weight: 1, value: x, rule: " + rules[1] + "}\n");
  EXPECT_EQ(z.nodes[0].rule.z_mean, 60.0);
  EXPECT_EQ(z.nodes[0].rule.range_high, 95.0);
  const auto t = load("id: r\nweights: relative\nindicators:\n  - {id: a, weight: 1, value: x, rule: " + rules[6] + "}\n");
  EXPECT_DOUBLE_EQ(t.nodes[0].rule.low_slope, 30.0);
  EXPECT_EQ(t.nodes[0].rule.high_zero, 1.2);
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

// Every message of a model that fails to load, one per line.
std::string errors_of(const std::string& yaml) {
  try {
    load_model_from_string(yaml, "m.yaml");
  } catch (const ModelError& e) {
    std::string out;
    for (const auto& d : e.diagnostics()) out += d.to_string() + "\n";
    return out.empty() ? std::string(e.what()) + "\n" : out;
  }
  return "";
}

const std::string kHead = "id: m\nweights: relative\nindicators:\n";

TEST(ModelShape, DuplicateKeysAreErrorsWithBothLines) {
  EXPECT_EQ(errors_of(kHead + "  - id: a\n    weight: 1\n    weight: 5\n    value: x\n    rule: {type: minmax}\n"),
            "m.yaml:6:5: weight: key given twice in one mapping (first on line 5): which one holds would be a guess; "
            "keep one\n");
  EXPECT_NE(errors_of("id: m\nid: n\n" + kHead.substr(6) + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\n")
                .find("m.yaml:2:1: id: key given twice"),
            std::string::npos);
}

TEST(ModelShape, ASecondDocumentIsAnError) {
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\n---\nid: other\n"),
            "m.yaml:5:1: yaml = a second document: a model file holds one YAML document; the part after this line "
            "would be ignored\n");
  // A leading `---`, comments and a final `...` are one document.
  EXPECT_EQ(errors_of("# a model\n---\n" + kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\n...\n# end\n"),
            "");
  // yaml-cpp's LoadAll loops forever on a lone comma: the reader must not.
  EXPECT_NE(errors_of(",a\n"), "");
}

TEST(ModelShape, KeysOfAnotherRuleTypeAreErrors) {
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: linear, worst: 0, best: 1, range: [0, 50]}}\n"),
            "m.yaml:4:74: indicators[0](a).rule.range: is not a key of a linear rule, which would ignore it (keys of "
            "linear: type, full, worst, best)\n");
  EXPECT_NE(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: target_range, low: 1, high: 2, "
                              "below: {zero_at: 0}, above: {zero_at: 3}, direction: cost}}\n")
                .find("rule.direction: is not a key of a target_range rule"),
            std::string::npos);
}

TEST(ModelShape, TyposGetASuggestionAndNoFollowOnError) {
  // `valeu` is reported with its fix, and not again as "value is required".
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, valeu: x, rule: {type: minmax}}\n"),
            "m.yaml:4:24: indicators[0](a).valeu: unknown key (did you mean `value`?)\n");
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {tpye: minmax}}\n"),
            "m.yaml:4:41: indicators[0](a).rule.tpye: unknown key (did you mean `type`?)\n");
  EXPECT_EQ(errors_of("id: m\nweights: relative\nindicatros:\n  - {id: a, weight: 1, value: x, rule: {type: minmax}}\n"),
            "m.yaml:3:1: model.indicatros: unknown key (did you mean `indicators`?)\n");
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\ncaps:\n  - {wehn: x > 1, max_grade: 合格}\n"),
            "m.yaml:6:6: caps[0].wehn: unknown key (did you mean `when`?)\n");
  // Far from every key: the keys are listed instead.
  EXPECT_NE(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}, colour: red}\n")
                .find("indicators[0](a).colour: unknown key (keys here: id, name, name_en"),
            std::string::npos);
}

TEST(ModelShape, ModelLevelErrorsHaveLines) {
  EXPECT_EQ(errors_of("id: m\ntotal: -5\nindicators:\n  - {id: a, points: -5, value: x, rule: {type: minmax}}\n"),
            "m.yaml:2:8: total = -5: must be > 0\nm.yaml:4:21: indicators(a).points = -5: must be >= 0\n");
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\naggregation: power\npower: 0\n"),
            "m.yaml:6:8: power = 0: must be non-zero (use geometric for the limit p -> 0)\n");
  EXPECT_EQ(errors_of("id: m\nindicators: []\n"), "m.yaml:2:13: indicators = []: a model needs at least one indicator\n");
  EXPECT_NE(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\ngrades:\n  - {name: A, min: 90}\n"
                              "  - {name: B, min: 95}\n  - {name: C, min: 0}\n")
                .find("m.yaml:7:20: grades[1].min = 95: must be below the previous band's min (90)"),
            std::string::npos);
}

TEST(ModelShape, TheLowestGradeBandStartsAtZero) {
  EXPECT_EQ(errors_of(kHead + "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\ngrades:\n  - {name: 合格, min: 60}\n"
                              "  - {name: 基本合格, min: 50}\n"),
            "m.yaml:7:23: grades[1].min = 50: the lowest band must start at 0 (scores can be as low as 0, and scores "
            "below 50 would have no grade); add a band such as {name: 不合格, min: 0}\n");
}

TEST(ModelShape, DeepNestingPointsAtTheFlatForm) {
  std::string yaml = kHead;
  std::string indent = "  ";
  for (int d = 0; d < 300; ++d) {
    yaml += indent + "- id: g" + std::to_string(d) + "\n" + indent + "  weight: 1\n" + indent + "  children:\n";
    indent += "    ";
  }
  yaml += indent + "- {id: leaf, weight: 1, value: x, rule: {type: minmax}}\n";
  EXPECT_NE(errors_of(yaml).find("yaml: the file nests deeper than the YAML reader allows"), std::string::npos);
  // The flat form takes any depth: 5,000 levels.
  std::string flat = kHead + "  - {id: g0, weight: 1}\n";
  for (int d = 1; d < 5000; ++d)
    flat += "  - {id: g" + std::to_string(d) + ", parent: g" + std::to_string(d - 1) + ", weight: 1}\n";
  flat += "  - {id: leaf, parent: g4999, weight: 1, value: x, rule: {type: linear, worst: 0, best: 10}}\n";
  const IndicatorModel m = load_model_from_string(flat, "flat.yaml");
  const Table t = parse_table("id,x\nu1,5\nu2,10\n", "d.csv");
  const ScoringResult r = evaluate(compile(m, t), t);
  EXPECT_EQ(r.total[0], 50);
  EXPECT_EQ(r.total[1], 100);
}

TEST(ModelShape, GbModelsAreDecodedAndMixedOnesRefused) {
  // "id: m\nname: 评估\n..." with the name in GB18030 (C6 C0 B9 C0).
  const std::string gb = "id: m\nname: \xC6\xC0\xB9\xC0\nweights: relative\nindicators:\n"
                         "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\n";
  EXPECT_EQ(load_model_from_string(gb, "gb.yaml").name, "评估");
  const std::string mixed = "id: m\nname: \xC6\xC0\xB9\xC0\nname_en: 评估模型\nweights: relative\nindicators:\n"
                            "  - {id: a, weight: 1, value: x, rule: {type: minmax}}\n";
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(mixed, "mixed.yaml"), ModelError,
                             "mixed.yaml:3: encoding: this line is UTF-8 while 1 line(s), such as line 2, are "
                             "GB18030/GBK: the file mixes encodings");
}

}  // namespace
}  // namespace staffeval
