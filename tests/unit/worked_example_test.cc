// The worked example of the domain notes (section 3.3), reproduced exactly with the shipped model.
#include "test_util.h"

namespace staffeval {
namespace {

// The enforcement bureau of the example, and a peer whose workload per capita (30.0) is the
// class maximum the example names.
const char* kData =
    "id,name,class,approved_est,actual_on_est,leaders_approved,leaders_actual,divisions_approved,"
    "divisions_actual,off_est,off_est_quota,tasks_planned,tasks_completed,sd_breakdown,sd_transform,"
    "sd_boundary,sd_responsibility,sd_configuration,workload_units,frontline_staff,not_on_post,"
    "staff_le35,error_records,satisfaction,serious_violation\n"
    "W,区综合行政执法局,执法监管类,60,55,5,6,8,8,150,140,20,18,是,是,部分,是,是,\"1,320\",42,2,9,1,86.5,0\n"
    "P,同类单位,执法监管类,40,40,4,4,6,6,40,50,10,10,1,1,1,1,1,1200,30,0,10,0,90,0\n";

ScoringResult run(RoundingScope scope) {
  const auto model = load_model(std::string(STAFFEVAL_EXAMPLES_DIR) + "/single-level.yaml");
  const auto table = parse_table(kData, "worked.csv");
  ScoringOptions opt;
  opt.rounding = RoundingPolicy{scope, 2, RoundingMode::kHalfUp};
  return evaluate(compile(model, table), table, opt);
}

TEST(WorkedExample, IndicatorPointsMatchTheDomainNotes) {
  const ScoringResult r = run(RoundingScope::kIndicator);
  const double expected[] = {12.00, 8.00, 6.43, 10.80, 7.20, 9.60, 8.00, 4.00, 4.91, 5.00, 6.63};
  for (int j = 0; j < 11; ++j) EXPECT_NEAR(r.points(0, static_cast<std::size_t>(j)), expected[j], 1e-9) << "S" << j + 1;
}

TEST(WorkedExample, SumOfRoundedIndicatorsIs8257) {
  const ScoringResult r = run(RoundingScope::kIndicator);
  EXPECT_EQ(r.total[0], 82.57);
  EXPECT_EQ(r.grade_name(0), "良好");
  // One leader over quota: the red-line cap applies, but 良好 is already below it.
  ASSERT_EQ(r.caps[0].size(), 1u);
  EXPECT_EQ(r.plan.model().caps[static_cast<std::size_t>(r.caps[0][0])].id, "over_leaders");
}

TEST(WorkedExample, JsonCarriesEveryPointWithItsBranch) {
  const std::string json = to_json(run(RoundingScope::kIndicator), -1);  // compact
  // Keys in a fixed order (units, nodes and indicators in model order), so files diff well.
  EXPECT_EQ(json.rfind(R"({"model":{"id":"single-level",)", 0), 0u) << json.substr(0, 80);
  EXPECT_NE(json.find(R"("S01":{"value":0.9166666666666666,"share":1.0,"points":12.0,"contribution":12.0,"branch":"in_range"})"),
            std::string::npos);
  EXPECT_NE(json.find(R"("S03":{"value":1.0714285714285714,"share":0.643,"points":6.43,"contribution":6.43,"branch":"value"})"),
            std::string::npos);
  EXPECT_NE(json.find(R"("caps":[{"id":"over_leaders","max_grade":"良好")"), std::string::npos);
  EXPECT_NE(json.find(R"("caps_undecided":[],"coverage":1.0,"note":"")"), std::string::npos);
  EXPECT_NE(json.find(R"("rounding":{"scope":"indicator","decimals":2,"mode":"half_up"})"), std::string::npos);
  EXPECT_NE(json.find(R"("coverage":{"min":0.5,"of":"weight"})"), std::string::npos);
  // The streamed document is the one to_json() returns, pretty or compact.
  for (int threads : {0, 1, 2}) {
    std::string streamed;
    write_json(run(RoundingScope::kIndicator), [&](std::string_view piece) { streamed += piece; }, -1, threads);
    EXPECT_EQ(streamed, json) << threads;
  }
}

TEST(WorkedExample, RoundingOnlyTheTotalGives8256) {
  const ScoringResult r = run(RoundingScope::kTotal);
  EXPECT_EQ(r.total[0], 82.56);
  const ScoringResult raw = run(RoundingScope::kNone);
  EXPECT_NEAR(raw.total[0], 12 + 8 + (10 - 0.5 * (150.0 / 140 - 1) / 0.01) + 10.8 + 7.2 + 9.6 + 8 + 4 +
                                6 * (9.0 / 55) / 0.2 + 5 + 6.625,
              1e-9);
}

}  // namespace
}  // namespace staffeval
