// The language of results (model setting, names, option) and where a vetoed unit is ranked.
#include "test_util.h"

namespace staffeval {
namespace {

using testing::score;

// Five units, one indicator worth its value in points, and a veto (a cap to the lowest grade)
// on `bad > 0`: U1 (95) and U4 (70) are vetoed.
std::string veto_model(const std::string& extra) {
  return "id: v\nname: 编制使用评估\n" + extra +
         "indicators:\n"
         "  - {id: a, name: 完成率, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
         "caps:\n"
         "  - {id: misuse, when: bad > 0, max_grade: 不合格, reason: 违规使用编制}\n";
}
const char* kVetoData =
    "id,name,class,a,bad\n"
    "U1,甲,A,95,1\n"
    "U2,乙,A,90,0\n"
    "U3,丙,B,80,0\n"
    "U4,丁,B,70,1\n"
    "U5,戊,A,60,0\n";

TEST(VetoRank, ByScoreKeepsThePlaceOnlyTheGradeFalls) {
  const ScoringResult r = score(veto_model(""), kVetoData);
  EXPECT_EQ(r.rank, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(r.class_rank, (std::vector<int>{1, 2, 1, 2, 3}));
  EXPECT_EQ(r.grade_name(0), "不合格");
  EXPECT_EQ(r.grade_name(1), "优秀");
  EXPECT_EQ(r.grade_name(3), "不合格");
}

TEST(VetoRank, LastPutsVetoedUnitsAfterAllOthersByScoreAmongThemselves) {
  const ScoringResult r = score(veto_model("veto_rank: last\n"), kVetoData);
  // Not vetoed: U2 90, U3 80, U5 60 -> 1, 2, 3; vetoed: U1 95, U4 70 -> 4, 5.
  EXPECT_EQ(r.rank, (std::vector<int>{4, 1, 2, 5, 3}));
  // Class A: U2, U5, then U1; class B: U3, then U4.
  EXPECT_EQ(r.class_rank, (std::vector<int>{3, 1, 1, 2, 2}));
  EXPECT_EQ(r.total[0], 95);  // the score is not changed
}

TEST(VetoRank, ALowerCapIsNoVeto) {
  // A cap to 良好 is not a veto: the unit keeps its place under veto_rank: last.
  const std::string m = "id: v\nveto_rank: last\nindicators:\n"
                        "  - {id: a, points: 100, value: a, rule: {type: linear, worst: 0, best: 100}}\n"
                        "caps:\n  - {id: c, when: bad > 0, max_grade: 良好, reason: r}\n";
  const ScoringResult r = score(m, kVetoData);
  EXPECT_EQ(r.rank, (std::vector<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(r.grade_name(0), "良好");
}

TEST(VetoRank, AnUnscoredVetoedUnitHasNoRank) {
  const std::string data = "id,name,class,a,bad\nU1,甲,A,,1\nU2,乙,A,90,0\nU3,丙,A,95,1\n";
  const ScoringResult r = score(veto_model("veto_rank: last\n"), data);
  // U1 has no data: no score, no rank; U3 (95) is vetoed, so U2 (90) comes first.
  EXPECT_EQ(r.rank, (std::vector<int>{0, 1, 2}));
}

TEST(VetoRank, TheExplanationSaysWhichRuleApplied) {
  const IndicatorModel last = load_model_from_string(veto_model("veto_rank: last\n"), "m.yaml");
  const Table t = parse_table(kVetoData, "d.csv", table_options(last));
  const ScoringResult r = evaluate(compile(last, t), t);
  const std::string zh = explain(r, t, "U1").text();
  EXPECT_NE(zh.find("一票否决"), std::string::npos) << zh;
  EXPECT_NE(zh.find("一票否决的单位排在其他所有单位之后（veto_rank: last）"), std::string::npos) << zh;
  EXPECT_NE(zh.find("总分 95，排名 4，类内排名 3，等级 不合格"), std::string::npos) << zh;
  // A unit without a veto is told nothing about it.
  EXPECT_EQ(explain(r, t, "U2").text().find("veto_rank"), std::string::npos);

  const IndicatorModel by_score = load_model_from_string(veto_model(""), "m.yaml");
  ScoringOptions en;
  en.language = Language::kEn;
  const ScoringResult e = evaluate(compile(by_score, t), t, en);
  const std::string text = explain(e, t, "U1").text();
  EXPECT_NE(text.find("a vetoed unit keeps its place by score (veto_rank: by_score)"), std::string::npos) << text;
}

TEST(Language, FollowsTheNamesUnlessTheModelOrTheOptionSaysOtherwise) {
  const auto zh = load_model_from_string(veto_model(""), "m.yaml");
  EXPECT_EQ(model_language(zh), Language::kZh);
  const auto en = load_model_from_string(
      "id: e\nname: Staffing use\nindicators:\n  - {id: a, name: Completion, points: 100, value: a, "
      "rule: {type: linear, worst: 0, best: 100}}\n",
      "m.yaml");
  EXPECT_EQ(model_language(en), Language::kEn);
  const auto fixed = load_model_from_string(veto_model("language: en\n"), "m.yaml");
  EXPECT_EQ(model_language(fixed), Language::kEn);
  EXPECT_EQ(score(veto_model("language: en\n"), kVetoData).language, Language::kEn);
  EXPECT_EQ(score(veto_model(""), kVetoData).language, Language::kZh);
  ScoringOptions o;
  o.language = Language::kEn;
  const ScoringResult r = score(veto_model(""), kVetoData, o);
  EXPECT_EQ(r.language, Language::kEn);
  EXPECT_NE(r.brief_report().find("scored 5 units on 1 indicators (2 classes); model v; rounding none; 2 capped"), std::string::npos) << r.brief_report();
  EXPECT_NE(score(veto_model(""), kVetoData).brief_report().find("已评分 5 个单位，指标 1 个（2 个类别）；模型 v；取舍：不取舍；受限 2 个"), std::string::npos);
}

TEST(Language, SettingsRoundTripAndBadValuesAreLocated) {
  const auto m = load_model_from_string(veto_model("language: zh\nveto_rank: last\n"), "m.yaml");
  const auto again = load_model_from_string(to_yaml(m), "again.yaml");
  ASSERT_TRUE(again.language.has_value());
  EXPECT_EQ(*again.language, Language::kZh);
  EXPECT_EQ(again.veto_rank, VetoRank::kLast);
  // Unset stays unset (the names decide), by_score is the default.
  const auto plain = load_model_from_string(to_yaml(load_model_from_string(veto_model(""), "m.yaml")), "p.yaml");
  EXPECT_FALSE(plain.language.has_value());
  EXPECT_EQ(plain.veto_rank, VetoRank::kByScore);
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(veto_model("language: fr\n"), "m.yaml"), ModelError,
                             "m.yaml:3:11: model.language = fr: must be one of en, zh");
  STAFFEVAL_EXPECT_THROW_MSG(load_model_from_string(veto_model("veto_rank: first\n"), "m.yaml"), ModelError,
                             "m.yaml:3:12: model.veto_rank = first: must be one of by_score, last");
}

TEST(Language, DataWarningsAreInTheResultsLanguage) {
  const std::string data = std::string(kVetoData) + "合计,,,395,2\n";
  const ScoringResult zh = score(veto_model(""), data);
  ASSERT_FALSE(zh.warnings.empty());
  EXPECT_NE(zh.warnings[0].find("此行像是合计行"), std::string::npos) << zh.warnings[0];
  ScoringOptions o;
  o.language = Language::kEn;
  const ScoringResult en = score(veto_model(""), data, o);
  EXPECT_NE(en.warnings[0].find("the row looks like a totals row"), std::string::npos) << en.warnings[0];
}

}  // namespace
}  // namespace staffeval
