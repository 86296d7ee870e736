// The enumeration tables: every spelling reads back as its value, no spelling means two values,
// every value has a description, and the old parse_*/to_string functions agree with the tables.
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "staffeval/staffeval.h"

namespace staffeval {
namespace {

std::string upper(std::string_view s) {
  std::string out(s);
  for (char& c : out)
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  return out;
}

template <class E>
void check_table() {
  const EnumTable<E>& t = enum_table<E>();
  SCOPED_TRACE(std::string(t.what));
  ASSERT_GT(t.size, 1u);
  EXPECT_FALSE(t.what.empty());
  std::set<std::string> spellings;
  std::set<int> values;
  for (const auto& e : t) {
    EXPECT_TRUE(values.insert(static_cast<int>(e.value)).second) << e.name << " is listed twice";
    EXPECT_FALSE(e.description.empty()) << e.name;
    EXPECT_EQ(t.name(e.value), e.name);
    EXPECT_EQ(to_string(e.value), e.name);
    EXPECT_EQ(t.parse(e.name), e.value);
    EXPECT_EQ(t.parse(upper(e.name)), e.value) << "spellings are read without regard to case";
    EXPECT_TRUE(spellings.insert(std::string(e.name)).second) << e.name << " spells two values";
    std::string_view rest = e.aliases;
    while (!rest.empty()) {
      const auto bar = rest.find('|');
      const std::string alias(rest.substr(0, bar));
      EXPECT_FALSE(alias.empty()) << e.name << " has an empty alias";
      EXPECT_EQ(t.parse(alias), e.value) << alias;
      EXPECT_TRUE(spellings.insert(alias).second) << alias << " spells two values";
      rest = bar == std::string_view::npos ? std::string_view() : rest.substr(bar + 1);
    }
  }
  // The values are the enumeration's 0..n-1, each once.
  EXPECT_EQ(*values.begin(), 0);
  EXPECT_EQ(*values.rbegin(), static_cast<int>(t.size) - 1);
  EXPECT_FALSE(t.parse(""));
  EXPECT_FALSE(t.parse("no such value"));
  EXPECT_FALSE(t.parse(std::string(t.begin()->name) + " "));
}

TEST(EnumTable, EveryTableIsWhole) {
  check_table<RuleKind>();
  check_table<Direction>();
  check_table<ThresholdStat>();
  check_table<Aggregation>();
  check_table<MissingPolicy>();
  check_table<MissingInputs>();
  check_table<CapMissing>();
  check_table<CoverageBasis>();
  check_table<Cohort>();
  check_table<WeightMode>();
  check_table<RoundingMode>();
  check_table<RoundingScope>();
  check_table<Encoding>();
  check_table<Kept>();
  check_table<Method>();
  check_table<Normalization>();
  check_table<FuzzyOperator>();
  check_table<PriorityMethod>();
  check_table<RandomIndexTable>();
  check_table<Completion>();
  check_table<PanelAggregation>();
  check_table<PanelMean>();
  check_table<ObjectiveMethod>();
  check_table<WeightBasis>();
  check_table<RankOrderMethod>();
  check_table<CombineMethod>();
  check_table<DeaModel>();
  check_table<DeaOrientation>();
}

TEST(EnumTable, ChoicesAndAliases) {
  EXPECT_EQ(enum_table<Direction>().choices(), "benefit, cost");
  EXPECT_EQ(enum_table<Encoding>().choices(" | "), "auto | utf-8 | gb18030");
  EXPECT_EQ(parse_enum<Direction>("-1"), Direction::kCost);
  EXPECT_EQ(parse_enum<Encoding>("GBK"), Encoding::kGb18030);
  EXPECT_EQ(parse_enum<RuleKind>("step"), RuleKind::kBands);
  EXPECT_EQ(parse_enum<DeaModel>("vrs"), DeaModel::kBcc);
  EXPECT_EQ(parse_direction("higher"), Direction::kBenefit);
  EXPECT_EQ(enum_table<Method>().names().front(), "saw");
}

}  // namespace
}  // namespace staffeval
