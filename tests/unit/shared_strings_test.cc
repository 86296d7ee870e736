// SharedStrings: the unit ids and names that tables and results share.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "staffeval/shared_strings.h"

namespace staffeval {
namespace {

using Strings = std::vector<std::string>;

TEST(SharedStrings, CopiesShareAndEditsCopyFirst) {
  SharedStrings a = Strings{"u1", "u2", "u3"};
  const SharedStrings b = a;
  EXPECT_TRUE(a.shares(b));
  EXPECT_EQ(&a[0], &b[0]);  // one list of strings, not two
  a.edit()[1] = "x";        // b shares the list: a gets a copy of its own first
  EXPECT_FALSE(a.shares(b));
  EXPECT_EQ(a, (Strings{"u1", "x", "u3"}));
  EXPECT_EQ(b, (Strings{"u1", "u2", "u3"}));
  // A list nobody else holds is edited in place.
  const std::string* before = &a[0];
  a.edit()[0] = "y";
  EXPECT_EQ(&a[0], before);
  EXPECT_EQ(a[0], "y");
  a.edit().push_back("u4");
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(b, (Strings{"u1", "u2", "u3"}));
}

TEST(SharedStrings, ReadsAsAVector) {
  const SharedStrings none;
  EXPECT_TRUE(none.empty());
  EXPECT_EQ(none.size(), 0u);
  EXPECT_EQ(none.begin(), none.end());
  EXPECT_EQ(none, Strings{});
  const SharedStrings s{"甲", "乙"};
  const Strings& v = s;  // converts to the vector it holds, without a copy
  EXPECT_EQ(&v, &s.vector());
  EXPECT_EQ(v, (Strings{"甲", "乙"}));
  std::string joined;
  for (const auto& x : s) joined += x;
  EXPECT_EQ(joined, "甲乙");
  EXPECT_EQ(s.at(1), "乙");
  EXPECT_THROW((void)s.at(2), std::out_of_range);
  EXPECT_EQ(s.front(), "甲");
  EXPECT_EQ(s.back(), "乙");
}

TEST(SharedStrings, EqualByContents) {
  const SharedStrings a{"u1", "u2"}, b{"u1", "u2"}, c{"u2", "u1"};
  EXPECT_FALSE(a.shares(b));
  EXPECT_EQ(a, b);  // equal strings in the same order, though not shared
  EXPECT_NE(a, c);
  EXPECT_NE(a, SharedStrings{"u1"});
  EXPECT_EQ(a, (Strings{"u1", "u2"}));
  EXPECT_NE((Strings{"u1"}), a);
  // An empty vector and no list at all are the same: empty.
  SharedStrings e = Strings{};
  EXPECT_EQ(e, SharedStrings());
  e.edit().push_back("z");
  EXPECT_EQ(e, SharedStrings{"z"});
}

TEST(SharedStrings, ClearLeavesOtherHoldersTheirs) {
  SharedStrings a{"u1", "u2"};
  const SharedStrings b = a;
  a.clear();
  EXPECT_TRUE(a.empty());
  EXPECT_EQ(b, (Strings{"u1", "u2"}));
  a = Strings{"v"};
  EXPECT_EQ(a.size(), 1u);
  EXPECT_EQ(b.size(), 2u);
}

}  // namespace
}  // namespace staffeval
