// SharedStrings: the unit ids and names that tables and results share.
#include <gtest/gtest.h>

#include <string>
#include <thread>
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

// Packed lists (as the readers build them): strings of several packers, one after another, read
// through view() without a vector of std::string being made.
SharedStrings packed_of(const std::vector<Strings>& parts) {
  std::vector<SharedStrings::Packer> packers;
  for (const Strings& part : parts) {
    SharedStrings::Packer& p = packers.emplace_back(part.empty() ? 0 : 64, part.size());
    for (const auto& x : part) p.push_back(x);
    EXPECT_EQ(p.size(), part.size());
  }
  return SharedStrings::packed(std::move(packers));
}

TEST(SharedStrings, PackedReadsThroughViews) {
  // An empty part and an empty string among them; the parts' blocks join in order.
  const SharedStrings s = packed_of({{"u1", "", "单位三"}, {}, {"u4"}, {"一个超过十五个字节的单位名称"}});
  ASSERT_EQ(s.size(), 5u);
  EXPECT_TRUE(s.packed_only());
  EXPECT_EQ(s.view(0), "u1");
  EXPECT_EQ(s.view(1), "");
  EXPECT_EQ(s.view(2), "单位三");
  EXPECT_EQ(s.view(3), "u4");
  EXPECT_EQ(s.view(4), "一个超过十五个字节的单位名称");
  // Equality with either form reads views: the list stays packed.
  EXPECT_EQ(s, (Strings{"u1", "", "单位三", "u4", "一个超过十五个字节的单位名称"}));
  EXPECT_NE(s, (Strings{"u1", "", "单位三", "u4", "other"}));
  EXPECT_NE(s, (Strings{"u1"}));
  EXPECT_EQ(s, (SharedStrings{"u1", "", "单位三", "u4", "一个超过十五个字节的单位名称"}));
  EXPECT_EQ(s, packed_of({{"u1", ""}, {"单位三", "u4", "一个超过十五个字节的单位名称"}}));  // blocks cut elsewhere
  EXPECT_NE(s, packed_of({{"u1", "", "单位三", "u4", "x"}}));
  EXPECT_TRUE(s.packed_only());
  // Nothing packed is no list at all.
  EXPECT_EQ(packed_of({{}, {}}), SharedStrings());
  EXPECT_TRUE(packed_of({}).empty());
}

// A reader reserves for the worst case (every byte of its text an id): packing gives back what
// was not written, mapped pages without a copy, a heap block by an exact copy.
TEST(SharedStrings, PackingGivesBackWhatWasReservedAndNotWritten) {
  for (std::size_t reserve : {std::size_t{64} << 20, std::size_t{100} << 10}) {
    std::vector<SharedStrings::Packer> parts;
    parts.emplace_back(reserve, 3);
    for (const char* x : {"u1", "单位二", "u3"}) parts.back().push_back(x);
    EXPECT_GE(parts.back().reserved(), reserve);
    const SharedStrings s = SharedStrings::packed(std::move(parts));
    EXPECT_LE(s.packed_bytes(), std::size_t{4096}) << reserve;  // a page at most, not the reservation
    EXPECT_GE(s.packed_bytes(), std::size_t{13});
    EXPECT_EQ(s, (Strings{"u1", "单位二", "u3"}));
  }
  // Past its reservation a packer grows, keeping what it holds.
  SharedStrings::Packer small(4, 1);
  Strings expected;
  for (int i = 0; i < 5000; ++i) {
    expected.push_back(std::string(static_cast<std::size_t>(i % 40), 'a' + static_cast<char>(i % 26)) + std::to_string(i));
    small.push_back(expected.back());
  }
  std::vector<SharedStrings::Packer> one;
  one.push_back(std::move(small));
  const SharedStrings grown = SharedStrings::packed(std::move(one));
  EXPECT_EQ(grown, expected);
  EXPECT_TRUE(grown.packed_only());
  EXPECT_EQ(SharedStrings(expected).packed_bytes(), 0u);  // plain strings hold nothing packed
}

TEST(SharedStrings, PackedMakesItsVectorOnceWhenAskedFor) {
  const SharedStrings s = packed_of({{"a", "b"}, {"c"}});
  const SharedStrings copy = s;
  const Strings& v = s.vector();  // made now, and kept
  EXPECT_FALSE(s.packed_only());
  EXPECT_FALSE(copy.packed_only());  // the copy shares the list, vector and all
  EXPECT_EQ(v, (Strings{"a", "b", "c"}));
  EXPECT_EQ(&copy.vector(), &v);
  EXPECT_EQ(&s[2], &v[2]);
  EXPECT_EQ(s.view(1), "b");  // views still read the packed characters
  std::string joined;
  for (const auto& x : s) joined += x;
  EXPECT_EQ(joined, "abc");
}

TEST(SharedStrings, PackedVectorIsMadeOnceAcrossThreads) {
  Strings expected;
  for (int i = 0; i < 30000; ++i)
    expected.push_back("unit-" + std::to_string(i) + (i % 7 == 0 ? "-with-a-long-suffix" : ""));
  std::vector<Strings> parts(3);  // three blocks, in order
  for (std::size_t i = 0; i < expected.size(); ++i) parts[i * 3 / expected.size()].push_back(expected[i]);
  const SharedStrings s = packed_of(parts);
  std::vector<const Strings*> seen(4, nullptr);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < seen.size(); ++t) threads.emplace_back([&, t] { seen[t] = &s.vector(); });
  for (auto& t : threads) t.join();
  for (const Strings* v : seen) EXPECT_EQ(v, seen[0]);
  EXPECT_EQ(*seen[0], expected);
}

TEST(SharedStrings, EditingAPackedListUnpacksACopyOfItsOwn) {
  SharedStrings a = packed_of({{"u1", "u2"}, {"u3"}});
  const SharedStrings b = a;
  a.edit()[0] = "x";
  EXPECT_FALSE(a.shares(b));
  EXPECT_FALSE(a.packed_only());
  EXPECT_EQ(a, (Strings{"x", "u2", "u3"}));
  EXPECT_TRUE(b.packed_only());  // the other holder keeps its packed strings, unchanged
  EXPECT_EQ(b, (Strings{"u1", "u2", "u3"}));
  a.edit().push_back("u4");
  EXPECT_EQ(a.size(), 4u);
  EXPECT_EQ(a.view(3), "u4");
  // A list nobody else holds, already unpacked, gives its vector over without a copy.
  SharedStrings c = packed_of({{"p", "q"}});
  const std::string* made = &c.vector()[1];
  std::vector<std::string>& edited = c.edit();
  EXPECT_EQ(&edited[1], made);
  edited.pop_back();
  EXPECT_EQ(c, (Strings{"p"}));
  EXPECT_EQ(c.size(), 1u);
}

}  // namespace
}  // namespace staffeval
