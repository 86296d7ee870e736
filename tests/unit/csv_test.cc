// The CSV reader: encodings, BOM, quoting, lenient numbers, and located problems.
#include <charconv>
#include <cmath>
#include <cstdint>
#include <cstring>

#include <fstream>
#include <random>

#include "../gb18030.h"
#include <fmt/format.h>

#include "test_util.h"

namespace staffeval {
namespace {

double cell(const char* text) {
  bool ok = false;
  const double v = parse_cell(text, &ok);
  EXPECT_TRUE(ok) << text;
  return v;
}

bool rejected(const char* text) {
  bool ok = true;
  parse_cell(text, &ok);
  return !ok;
}

TEST(Cells, PlainPercentThousandsAndFullWidth) {
  EXPECT_EQ(cell("42"), 42);
  EXPECT_EQ(cell(" 42 "), 42);
  EXPECT_EQ(cell("-1.5e2"), -150);
  EXPECT_EQ(cell("+3"), 3);
  EXPECT_NEAR(cell("91.67%"), 0.9167, 1e-15);
  EXPECT_EQ(cell("1,320"), 1320);
  EXPECT_EQ(cell("12,345,678.5"), 12345678.5);
  EXPECT_EQ(cell("１２３"), 123);        // full-width digits
  EXPECT_NEAR(cell("９１．５％"), 0.915, 1e-15);
  EXPECT_EQ(cell("\xE3\x80\x80" "7\xE3\x80\x80"), 7);  // ideographic spaces
}

// Decimals as machines write them, from a xorshift stream: an optional minus, up to
// `int_digits` - 1 digits, a point and up to `frac_digits` - 1 more (at least one digit in all),
// and one time in `exponent_every` an exponent in [-30, 30].
struct Decimals {
  std::uint64_t state;
  std::uint64_t next() {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
  }
  std::string operator()(int int_digits, int frac_digits, int exponent_every) {
    std::string s;
    if (next() % 3 == 0) s += '-';
    const int whole = static_cast<int>(next() % static_cast<std::uint64_t>(int_digits));
    const int fraction = static_cast<int>(next() % static_cast<std::uint64_t>(frac_digits));
    for (int d = 0; d < whole; ++d) s += static_cast<char>('0' + next() % 10);
    if (fraction > 0 || whole == 0) {
      s += '.';
      for (int d = 0; d < std::max(fraction, 1); ++d) s += static_cast<char>('0' + next() % 10);
    }
    if (next() % static_cast<std::uint64_t>(exponent_every) == 0)
      s += (next() % 2 ? "e" : "E") + std::to_string(static_cast<int>(next() % 61) - 30);
    return s;
  }
};

// Plain decimals are read by a shortcut where the result is exact by construction; every value
// must be the one the general parser gives, bit for bit (and -0 stays -0).
TEST(Cells, DecimalsReadExactlyAsTheGeneralParserReadsThem) {
  auto general = [](const std::string& s) {
    double v = 0;
    const char* b = s.data() + (s[0] == '+' ? 1 : 0);
    const auto r = std::from_chars(b, s.data() + s.size(), v);
    EXPECT_TRUE(r.ec == std::errc() && r.ptr == s.data() + s.size()) << s;
    return v;
  };
  auto same_bits = [&](const std::string& s) {
    const double a = cell(s.c_str()), b = general(s);
    std::uint64_t x, y;
    std::memcpy(&x, &a, 8);
    std::memcpy(&y, &b, 8);
    EXPECT_EQ(x, y) << s << ": " << a << " against " << b;
  };
  for (const char* s : {"0", "-0", "-0.0", "0.000", "5.", ".5", "-.25", "+7.5", "9007199254740992", "9007199254740993",
                        "12345678901234567890", "0.1", "0.3", "1e22", "1e23", "1e-22", "1e-23", "4.9e-324",
                        "1.7976931348623157e308", "123456.789e-5", "00000000000000000000001.5", "0.00000000000000000001",
                        "3E5", "2.5e+3", "1234567890123456789", "0.9999999999999999999"})
    same_bits(s);
  Decimals decimal{88172645463325252ull};
  for (int k = 0; k < 200000; ++k) same_bits(decimal(12, 12, 8));
  // Not numbers, whichever path looks at them.
  for (const char* s : {"1e", "1e+", "1.2.3", "--1", "1-", "e5", ".", "1e99999", "0x10"}) EXPECT_TRUE(rejected(s)) << s;
}

// Inside a table, cells are read where they stand (8 bytes at a time for short numbers): every
// value is still the general parser's, bit for bit, whatever its length, sign or exponent, in
// both halves of a file read on two cores.
TEST(Cells, TableCellsReadExactlyAsTheGeneralParserReadsThem) {
  Decimals decimal{0x9E3779B97F4A7C15ull};
  std::string csv = "id,a,b,c,d\n";
  std::vector<std::string> cells;
  const int rows = 20000;
  for (int i = 0; i < rows; ++i) {
    csv += "U" + std::to_string(i);
    for (int j = 0; j < 4; ++j) {
      // Column 2 has long fractions, column 3 long integer parts: both paths are taken.
      const std::string v = decimal(j == 3 ? 20 : 9, j == 2 ? 20 : 9, 10);
      csv += "," + v;
      cells.push_back(v);
    }
    csv += "\n";
  }
  TableOptions options;
  options.parallel_min_bytes = 1;
  options.threads = 2;
  const Table t = parse_table(csv, "cells.csv", options);
  ASSERT_TRUE(t.problems.empty()) << t.problems.front().to_string();
  ASSERT_EQ(t.size(), static_cast<std::size_t>(rows));
  for (int i = 0; i < rows; ++i)
    for (int j = 0; j < 4; ++j) {
      const std::string& text = cells[static_cast<std::size_t>(i * 4 + j)];
      double want = 0;
      std::from_chars(text.data(), text.data() + text.size(), want);
      const double got = t.values(i, j);
      std::uint64_t x, y;
      std::memcpy(&x, &got, 8);
      std::memcpy(&y, &want, 8);
      ASSERT_EQ(x, y) << "row " << i << " column " << j << ": " << text;
    }
}

TEST(Cells, MissingTokens) {
  for (const char* m : {"", "NA", "N/A", "n/a", "—", "-", "/", "／", "#N/A", "  "})
    EXPECT_TRUE(std::isnan(cell(m))) << m;
}

TEST(Cells, YesNoWords) {
  EXPECT_EQ(cell("是"), 1);
  EXPECT_EQ(cell("否"), 0);
  EXPECT_EQ(cell("部分"), 0.5);
  EXPECT_EQ(cell("Yes"), 1);
  EXPECT_EQ(cell("√"), 1);
  EXPECT_EQ(cell("×"), 0);
}

TEST(Cells, RejectsAmbiguousText) {
  EXPECT_TRUE(rejected("abc"));
  EXPECT_TRUE(rejected("1,5"));     // a decimal comma is not a thousands separator
  EXPECT_TRUE(rejected("1,2345"));
  EXPECT_TRUE(rejected("12%%"));
  EXPECT_TRUE(rejected("inf"));
}

TEST(Table, Utf8WithBomAndClasses) {
  const Table t = parse_table("\xEF\xBB\xBFid,name,class,x\nU1,甲,A,1\nU2,乙,B,2\nU3,丙,A,3\n", "t.csv");
  EXPECT_EQ(t.encoding, Encoding::kUtf8);
  ASSERT_EQ(t.size(), 3u);
  EXPECT_EQ(t.names[1], "乙");
  EXPECT_EQ(t.classes, (std::vector<std::string>{"A", "B"}));
  EXPECT_EQ(t.unit_class, (std::vector<int>{0, 1, 0}));
  EXPECT_EQ(t.values(2, 0), 3);
  EXPECT_EQ(t.rows, (std::vector<std::size_t>{2, 3, 4}));
}

TEST(Table, Gb18030IsDetectedAfterUtf8Fails) {
  // "id,name,x\nU1,中文,5\n" with 中文 in GBK (D6 D0 CE C4).
  const std::string gbk = "id,name,x\nU1,\xD6\xD0\xCE\xC4,5\n";
  const Table t = parse_table(gbk, "g.csv");
  EXPECT_EQ(t.encoding, Encoding::kGb18030);
  EXPECT_EQ(t.names[0], "中文");
  TableOptions utf8;
  utf8.encoding = Encoding::kUtf8;
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(gbk, "g.csv", utf8), DataError, "g.csv:2: encoding: not valid UTF-8 (bytes \\xD6\\xD0 at byte offset 13)");
}

TEST(Table, ValidUtf8ChineseIsNeverReadAsGb18030) {
  const Table t = parse_table("id,name,x\nU1,编制,5\n", "u.csv");
  EXPECT_EQ(t.encoding, Encoding::kUtf8);
  EXPECT_EQ(t.names[0], "编制");
}

TEST(Table, QuotingAndLineNumbers) {
  const Table t = parse_table("id,name,x\r\nU1,\"a, \"\"quoted\"\"\nname\",\"1,320\"\r\n\r\nU2,b,7\r\n", "q.csv");
  ASSERT_EQ(t.size(), 2u);
  EXPECT_EQ(t.names[0], "a, \"quoted\"\nname");
  EXPECT_EQ(t.values(0, 0), 1320);
  EXPECT_EQ(t.rows, (std::vector<std::size_t>{2, 5}));
}

TEST(Table, EveryLineBreakConvention) {
  for (const char* nl : {"\n", "\r\n", "\r"}) {
    std::string csv = std::string("id,x") + nl;
    for (int i = 0; i < 5; ++i) csv += "u" + std::to_string(i) + "," + std::to_string(i) + nl;
    const Table t = parse_table(csv, "nl.csv");
    ASSERT_EQ(t.size(), 5u) << "line break " << (nl[0] == '\r' ? (nl[1] ? "CRLF" : "CR") : "LF");
    EXPECT_EQ(t.values(4, 0), 4);
    EXPECT_EQ(t.rows.back(), 6u);
  }
}

TEST(Table, UnnamedColumnsAreIgnored) {
  // Excel often leaves trailing empty columns; they hold no data and are not "duplicates".
  const Table t = parse_table("id,x,,\nu1,1,,\nu2,2,,note\n", "e.csv");
  EXPECT_EQ(t.columns, std::vector<std::string>{"x"});
  EXPECT_EQ(t.values(1, 0), 2);
  EXPECT_TRUE(t.problems.empty());
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x,x\nu1,1,2\n", "d.csv"), DataError,
                             "d.csv:1: column \"x\" (col 3): duplicate header");
}

TEST(Table, UnclosedQuoteIsAnError) {
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x\nU1,\"oops\n", "q.csv"), DataError,
                             "q.csv:2: a quoted field opened on this line is never closed");
}

TEST(Table, BadCellsAreLocatedProblems) {
  const Table t = parse_table("id,x,y\nU1,1,2\nU2,abc,3\nU3,4\nU1,5,6\n,7,8\n", "b.csv");
  ASSERT_EQ(t.problems.size(), 4u);
  EXPECT_EQ(t.problems[0].to_string(), "b.csv:3: unit \"U2\", column \"x\" = \"abc\": not a number");
  EXPECT_EQ(t.problems[1].to_string(), "b.csv:4: row 4 = 2 fields: the header has 3 fields");
  EXPECT_EQ(t.problems[2].to_string(), "b.csv:6: column \"id\" = \"\": the unit id is empty, but the row holds data: give the unit an id");
  EXPECT_EQ(t.problems[3].to_string(), "b.csv:5: column \"id\" = U1: duplicate unit id (first on line 2)");
  EXPECT_EQ(t.problems[0].column, 0);
}

TEST(Table, MissingIdColumnAndEmptyFile) {
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("code,x\nU1,1\n", "n.csv"), DataError,
                             "n.csv:1: no id column \"id\" in the header (columns: code, x)");
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("", "e.csv"), DataError, "e.csv: the file is empty");
  STAFFEVAL_EXPECT_THROW_MSG(load_table("no/such/file.csv"), DataError, "no/such/file.csv: cannot open");
}

TEST(Table, UnusedBadColumnsDoNotStopScoring) {
  const auto model = load_model_from_string(
      "id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n", "m.yaml");
  const Table t = parse_table("id,v,remark\nU1,1,fine\nU2,2,see note\n", "d.csv");
  EXPECT_EQ(t.problems.size(), 2u);
  const auto r = evaluate(compile(model, t), t);
  EXPECT_EQ(r.total[1], 100);
}

TEST(Table, UsedBadColumnsStopScoringWithEveryCell) {
  const auto model = load_model_from_string(
      "id: x\nindicators:\n  - {id: a, points: 100, value: v, rule: {type: minmax}}\n", "m.yaml");
  const Table t = parse_table("id,v\nU1,x\nU2,2\nU3,zz\n", "d.csv");
  try {
    compile(model, t);
    FAIL();
  } catch (const DataError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(std::string(e.what()), "d.csv:2: unit \"U1\", column \"v\" = \"x\": not a number (and 1 more)");
  }
}

TEST(Table, LargeFilesParsedInPartsMatchFileOrder) {
  // Over 8 MB, so the reader cuts the file into parts parsed in parallel. Quoted names with
  // newlines, commas and quotes sit everywhere, including near the cuts.
  std::string csv = "id,name,class,x,y\n";
  std::vector<std::size_t> expected_line;
  std::size_t line = 2;
  const int n = 200000;
  for (int i = 0; i < n; ++i) {
    const bool quoted = i % 997 == 0;
    const std::string id = i == n - 1 ? "u0" : "u" + std::to_string(i);
    csv += id + "," + (quoted ? "\"name, \"\"q\"\"\nline2\"" : "name" + std::to_string(i)) + ",C" +
           std::to_string(i % 7) + "," + std::to_string(i) + ".5," + (i % 50000 == 0 ? "bad" : "1") + "\n";
    expected_line.push_back(line);
    line += quoted ? 2 : 1;
  }
  const Table t = parse_table(csv, "big.csv");
  ASSERT_EQ(t.size(), static_cast<std::size_t>(n));
  EXPECT_EQ(t.rows, expected_line);
  EXPECT_EQ(t.names[997], "name, \"q\"\nline2");
  EXPECT_EQ(t.names[998], "name998");
  EXPECT_EQ(t.classes, (std::vector<std::string>{"C0", "C1", "C2", "C3", "C4", "C5", "C6"}));
  for (int i : {0, 1, 99999, 100000, 123456, n - 1}) {
    EXPECT_EQ(t.values(i, 0), i + 0.5) << i;
    EXPECT_EQ(t.unit_class[static_cast<std::size_t>(i)], i % 7) << i;
  }
  ASSERT_EQ(t.problems.size(), 5u);
  for (int k = 0; k < 4; ++k) {
    EXPECT_EQ(t.problems[static_cast<std::size_t>(k)].location.line,
              static_cast<int>(expected_line[static_cast<std::size_t>(k) * 50000]));
    EXPECT_EQ(t.problems[static_cast<std::size_t>(k)].column, 1);
  }
  EXPECT_EQ(t.problems[4].to_string(),
            "big.csv:" + std::to_string(expected_line.back()) + ": column \"id\" = u0: duplicate unit id (first on line 2)");
}

TEST(Table, EveryDuplicateIdIsFoundInALargeTable) {
  // 150,000 rows over 50,000 ids (more rows than one chunk of hashes, many slots probed past):
  // each id's second and third rows are duplicates of its first, reported in file order.
  std::string csv = "id,x\n";
  const int n = 150000, distinct = 50000;
  for (int i = 0; i < n; ++i) csv += "k" + std::to_string(i % distinct) + "," + std::to_string(i) + "\n";
  const Table t = parse_table(csv, "dup.csv");
  ASSERT_EQ(t.size(), static_cast<std::size_t>(n));
  ASSERT_EQ(t.problems.size(), static_cast<std::size_t>(n - distinct));
  for (int k : {0, 1, 49999, 50000, 99999}) {
    const int row = distinct + k;  // the duplicate's index; its first is row % distinct
    EXPECT_EQ(t.problems[static_cast<std::size_t>(k)].to_string(),
              "dup.csv:" + std::to_string(row + 2) + ": column \"id\" = k" + std::to_string(row % distinct) +
                  ": duplicate unit id (first on line " + std::to_string(row % distinct + 2) + ")")
        << k;
  }
}

TEST(Table, ZeroDenominatorIsReported) {
  const auto model = load_model_from_string(
      "id: x\nindicators:\n  - {id: a, points: 100, value: v / w, rule: {type: minmax}}\n", "m.yaml");
  const Table t = parse_table("id,v,w\nU1,1,2\nU2,3,0\n", "d.csv");
  const auto diags = check_data(model, t);
  ASSERT_EQ(diags.size(), 1u);
  EXPECT_EQ(diags[0].location.line, 3);
  EXPECT_NE(diags[0].to_string().find("unit \"U2\", indicator \"a\" = v / w with v = 3, w = 0"), std::string::npos)
      << diags[0].to_string();
  const auto r = evaluate(compile(model, t), t);
  // No class column, the zero denominator, and the unit left without data.
  ASSERT_EQ(r.warnings.size(), 3u);
  EXPECT_EQ(r.warnings[0], "d.csv: no class column (\"class\"): the peer-group rules compare every unit with all units "
                           "(name the column in the model's data.class to make it required)");
  EXPECT_NE(r.warnings[1].find("d.csv:3: indicator \"a\" = v / w: no finite value within ±1e300 for 1 unit(s)"), std::string::npos)
      << r.warnings[1];
  EXPECT_EQ(r.warnings[2], "1 unit(s) not scored: data coverage below 50% of weight (the first \"U2\", 0%)");
  EXPECT_TRUE(std::isnan(r.leaf_values(1, 0)));
  EXPECT_FALSE(r.scored(1));
  EXPECT_EQ(r.note(1), "not scored: data for 0% of the weight (minimum 50%)");
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

TEST(ReadCsvHeader, ReadsOnlyTheFirstRecord) {
  const std::string path = ::testing::TempDir() + "header.csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << "\xEF\xBB\xBF\"unit id\",c1,c2\nu1,1,2\n";
  }
  EXPECT_EQ(read_csv_header(path), (std::vector<std::string>{"unit id", "c1", "c2"}));
  STAFFEVAL_EXPECT_THROW_MSG(read_csv_header(path + ".missing"), DataError, "cannot open");
  // A plain ASCII header line is read alone: a bad byte further down is the reader's to report.
  {
    std::ofstream out(path, std::ios::binary);
    out << "id,c1\tx,c2\r\nu1,\xFF,2\n";
  }
  EXPECT_EQ(read_csv_header(path), (std::vector<std::string>{"id", "c1\tx", "c2"}));
  STAFFEVAL_EXPECT_THROW_MSG(load_table(path), DataError, "header.csv");
  // A blank first line, or a header with other bytes, is read as the whole file is.
  {
    std::ofstream out(path, std::ios::binary);
    out << "\nid,c1\nu1,1\n";
  }
  const Table blank_first = load_table(path);
  std::vector<std::string> expected{"id"};
  expected.insert(expected.end(), blank_first.columns.begin(), blank_first.columns.end());
  EXPECT_EQ(read_csv_header(path), expected);
  {
    std::ofstream out(path, std::ios::binary);
    out << "id,\xE5\xBE\x97\xE5\x88\x86\nu1,1\n";  // 得分 in UTF-8
  }
  EXPECT_EQ(read_csv_header(path), (std::vector<std::string>{"id", "\xE5\xBE\x97\xE5\x88\x86"}));
}

TEST(SelectColumns, NamedColumnsInOrderAndEveryProblemListed) {
  const Table t = parse_table("id,a,b,c\nu1,1,2,x\nu2,3,,5\n", "d.csv");
  const Eigen::MatrixXd m = select_columns(t, {"b", "a"});
  ASSERT_EQ(m.cols(), 2);
  EXPECT_EQ(m(0, 0), 2.0);
  EXPECT_EQ(m(1, 1), 3.0);
  EXPECT_TRUE(std::isnan(m(1, 0)));
  try {
    select_columns(t, {"a", "c", "nope"});
    ADD_FAILURE() << "no error";
  } catch (const DataError& e) {
    ASSERT_EQ(e.diagnostics().size(), 2u);
    EXPECT_EQ(e.diagnostics()[0].to_string(), "d.csv:1: column \"nope\": not in the header");
    EXPECT_NE(e.diagnostics()[1].to_string().find("d.csv:2: unit \"u1\", column \"c\" = \"x\""), std::string::npos);
  }
}

}  // namespace
}  // namespace staffeval

namespace staffeval {
namespace {

using testing::to_gb18030;

// The units.csv rows the encoding tests mix: Chinese names and classes.
std::string utf8_rows() {
  return "id,name,class,x\nU1,城市管理办公室,综合管理类,1\nU2,生态环境局,执法监管类,2\nU3,教育服务中心,公益服务类,3\n";
}


// Lines split on '\n' (the last one may be empty).
std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (std::size_t nl; (nl = text.find('\n', start)) != std::string::npos; start = nl + 1)
    out.push_back(text.substr(start, nl - start));
  return out;
}

std::string join_lines(const std::vector<std::string>& lines) {
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  return out;
}

TEST(Encoding, OneGbRowInAUtf8FileIsAnErrorNamingIt) {
  auto lines = lines_of(utf8_rows());
  lines[2] = to_gb18030(lines[2]);
  const std::string mixed = join_lines(lines);
  for (Encoding e : {Encoding::kAuto, Encoding::kUtf8, Encoding::kGb18030}) {
    TableOptions o;
    o.encoding = e;
    STAFFEVAL_EXPECT_THROW_MSG(parse_table(mixed, "m.csv", o), DataError,
                               "m.csv:3: encoding: this line is not UTF-8 (GB18030/GBK?) while 2 line(s), such as line 2, "
                               "are UTF-8: the file mixes encodings");
  }
}

TEST(Encoding, OneUtf8RowInAGbFileIsAnErrorNamingIt) {
  auto lines = lines_of(to_gb18030(utf8_rows()));
  lines[3] = lines_of(utf8_rows())[3];
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(join_lines(lines), "m.csv"), DataError,
                             "m.csv:4: encoding: this line is UTF-8 while 2 line(s), such as line 2, are GB18030/GBK");
}

TEST(Encoding, WholeFilesDecodeEitherWay) {
  const Table u = parse_table(utf8_rows(), "u.csv");
  const Table g = parse_table(to_gb18030(utf8_rows()), "g.csv");
  EXPECT_EQ(u.encoding, Encoding::kUtf8);
  EXPECT_EQ(g.encoding, Encoding::kGb18030);
  EXPECT_EQ(u.names, g.names);
  EXPECT_EQ(u.classes, g.classes);
  TableOptions gb;
  gb.encoding = Encoding::kGb18030;
  // Read as GB18030, a UTF-8 file would become mojibake: refused.
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(utf8_rows(), "u.csv", gb), DataError,
                             "u.csv:2: encoding: this is UTF-8 text, not GB18030");
}

TEST(Encoding, Utf16AndNulBytesAreRefused) {
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(std::string("\xFF\xFEi\0d\0", 6), "w.csv"), DataError,
                             "w.csv:1: encoding: UTF-16 text");
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(std::string("id,x\nU1,1\nU2,\0\n", 14), "n.csv"), DataError,
                             "n.csv:3: encoding: a NUL byte (byte offset 13)");
  // The NUL check shares its pass with the UTF-8 check: a NUL after bytes that are not UTF-8
  // (GB18030 text, 单位 as C5 F6 CE BB), or inside a broken sequence, is still found.
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(std::string("id,x\n\xC5\xF6\xCE\xBB,1\nU2,\0\n", 17), "g.csv"), DataError,
                             "g.csv:3: encoding: a NUL byte (byte offset 15)");
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(std::string("id,x\nU1,\xE5\0\x8D\n", 12), "m.csv"), DataError,
                             "m.csv:2: encoding: a NUL byte (byte offset 9)");
}

// The first byte that is not well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing
// above U+10FFFF) or is a NUL, by the letter of the definition: the reader's fast scan must agree.
std::size_t first_flaw(const std::string& s) {
  std::size_t i = 0;
  while (i < s.size()) {
    const auto c = static_cast<unsigned char>(s[i]);
    if (c == 0) return i;
    const int len = c < 0x80 ? 1 : c >= 0xC2 && c <= 0xDF ? 2 : c >= 0xE0 && c <= 0xEF ? 3 : c >= 0xF0 && c <= 0xF4 ? 4 : 0;
    if (len == 0 || i + static_cast<std::size_t>(len) > s.size()) return i;
    unsigned cp = len == 1 ? c : c & (0xFFu >> (len + 1));
    for (int k = 1; k < len; ++k) {
      const auto d = static_cast<unsigned char>(s[i + static_cast<std::size_t>(k)]);
      if ((d & 0xC0) != 0x80) return i;
      cp = cp << 6 | (d & 0x3F);
    }
    if ((len == 3 && cp < 0x800) || (len == 4 && (cp < 0x10000 || cp > 0x10FFFF)) || (cp >= 0xD800 && cp <= 0xDFFF))
      return i;
    i += static_cast<std::size_t>(len);
  }
  return std::string::npos;
}

// Random texts of ASCII, well-formed 2-, 3- and 4-byte characters and the ways UTF-8 goes wrong
// (overlong forms, surrogates, code points past U+10FFFF, lone continuations, sequences cut
// short, bytes never used, NULs), read as UTF-8: the reader names the byte the definition names.
// One line of text each, so that the check for a file mixing encodings line by line stays out.
TEST(Encoding, Utf8CheckNamesTheFirstFlawByteForByte) {
  std::mt19937 rng(11);
  auto pick = [&](int n) { return static_cast<int>(rng() % static_cast<unsigned>(n)); };
  auto utf8 = [](unsigned cp) {
    std::string out;
    if (cp < 0x80) out += static_cast<char>(cp);
    else if (cp < 0x800) out += {static_cast<char>(0xC0 | cp >> 6), static_cast<char>(0x80 | (cp & 0x3F))};
    else if (cp < 0x10000)
      out += {static_cast<char>(0xE0 | cp >> 12), static_cast<char>(0x80 | (cp >> 6 & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    else
      out += {static_cast<char>(0xF0 | cp >> 18), static_cast<char>(0x80 | (cp >> 12 & 0x3F)),
              static_cast<char>(0x80 | (cp >> 6 & 0x3F)), static_cast<char>(0x80 | (cp & 0x3F))};
    return out;
  };
  const std::vector<std::string> flaws = {"\xC0\x80", "\xC1\xBF", "\xE0\x80\x80", "\xE0\x9F\xBF", "\xED\xA0\x80",
                                          "\xED\xBF\xBF", "\xF0\x80\x80\x80", "\xF4\x90\x80\x80", "\xF5\x80\x80\x80",
                                          "\x80", "\xBF", "\xE5\xBE", "\xE5", "\xF0\x9F\x98", "\xFF", "\xFE",
                                          std::string(1, '\0')};
  int flawed = 0, nul = 0;
  for (int trial = 0; trial < 3000; ++trial) {
    std::string text = "id\n";
    const int pieces = 1 + pick(60);
    for (int k = 0; k < pieces; ++k) {
      const int kind = pick(100);
      if (kind < 35) text += std::string(static_cast<std::size_t>(1 + pick(12)), static_cast<char>('a' + pick(26)));
      else if (kind < 40) text += ' ';
      else if (kind < 50) text += utf8(0x80 + static_cast<unsigned>(pick(0x800 - 0x80)));
      else if (kind < 85) {
        unsigned cp;
        do cp = 0x800 + static_cast<unsigned>(pick(0x10000 - 0x800));
        while (cp >= 0xD800 && cp <= 0xDFFF);
        text += utf8(cp);
      } else if (kind < 95) text += utf8(0x10000 + static_cast<unsigned>(pick(0x110000 - 0x10000)));
      else if (pick(4) == 0) text += flaws[static_cast<std::size_t>(pick(static_cast<int>(flaws.size())))];
    }
    const std::size_t at = first_flaw(text);
    TableOptions o;
    o.encoding = Encoding::kUtf8;
    std::string outcome = "read";
    try {
      (void)parse_table(text, "r.csv", o);
    } catch (const DataError& e) {
      outcome = e.what();
    }
    if (at == std::string::npos) {
      EXPECT_EQ(outcome.find("encoding"), std::string::npos) << outcome;
      continue;
    }
    // A NUL anywhere is named first (binary data), else the first byte that is not UTF-8.
    const std::size_t zero = text.find('\0');
    const std::string expected = zero != std::string::npos ? fmt::format("a NUL byte (byte offset {})", zero)
                                                           : fmt::format("at byte offset {});", at);
    EXPECT_NE(outcome.find(expected), std::string::npos) << expected << " in " << outcome;
    ++flawed;
    nul += zero != std::string::npos;
  }
  EXPECT_GT(flawed, 300);
  EXPECT_GT(nul, 20);
}

// A large file's encoding is checked on several cores, in parts cut after newlines at about
// half: the table, or the error and the line it names, is the one a single pass gives, with the
// flaw anywhere around the cut (a NUL, a byte that is no text, a sequence cut short by the
// newline, GB18030 text, a valid character on either side).
TEST(Encoding, LargeFilesCheckedInPartsGiveTheOnePassOutcome) {
  std::string text = "id,name,x\n";
  for (int i = 0; text.size() < (std::size_t(17) << 20); ++i)
    text += "U" + std::to_string(i) + (i % 2 ? ",单位" : ",unit") + std::to_string(i) + ",1.5\n";
  const std::size_t cut = text.find('\n', text.size() / 2) + 1;
  const std::vector<std::pair<std::size_t, std::string>> flaws = {
      {cut, std::string(1, '\0')},        {cut - 2, std::string(1, '\0')}, {cut, "\xFF"},
      {cut - 1, "\xE5\xBE"},              {cut - 2, "\xE5\xBE"},           {cut + 1, "\xC5\xF6\xCE\xBB"},
      {cut - 3, "\xC5\xF6\xCE\xBB"},      {cut, "\xE5\x8D\x95"},         {cut - 1, "\xE5\x8D\x95"}};
  auto outcome = [](const std::string& csv, int threads) {
    TableOptions o;
    o.threads = threads;
    try {
      const Table t = parse_table(csv, "big.csv", o);
      return fmt::format("{} units, {}, last {}", t.size(), to_string(t.encoding), t.names.view(t.size() - 1));
    } catch (const DataError& e) {
      return std::string(e.what());
    }
  };
  EXPECT_EQ(outcome(text, 2), outcome(text, 1));
  EXPECT_NE(outcome(text, 2).find("units, utf-8"), std::string::npos) << outcome(text, 2);
  std::size_t errors = 0;
  for (const auto& [at, bytes] : flaws) {
    std::string flawed = text;
    flawed.insert(at, bytes);
    const std::string one = outcome(flawed, 1);
    EXPECT_EQ(outcome(flawed, 2), one) << at - cut;
    errors += one.find("big.csv:") == 0;
  }
  EXPECT_GE(errors, 6u);
  // Flaws in both parts: the first one counts (a NUL early in the file, not bad text at the cut).
  std::string two = text;
  two.insert(cut, "\xFF");
  two.insert(100, std::string(1, '\0'));
  EXPECT_EQ(outcome(two, 2), outcome(two, 1));
  EXPECT_NE(outcome(two, 2).find("a NUL byte (byte offset 100)"), std::string::npos) << outcome(two, 2);
}

TEST(Table, BlankRowsAreSkippedWithANote) {
  const Table t = parse_table("id,x,y\nU1,1,2\n,,\n\nU2,3,4\n,,\n , ,\n,\n", "b.csv");
  ASSERT_EQ(t.size(), 2u);
  ASSERT_EQ(t.problems.size(), 1u);
  EXPECT_EQ(t.problems[0].severity, Severity::kWarning);
  EXPECT_EQ(t.problems[0].to_string(),
            "b.csv:3: warning: rows = 4 blank: rows with nothing but separators were skipped (the first on this line)");
}

TEST(Table, RowsWithDataButNoIdStayErrors) {
  const Table t = parse_table("id,x\nU1,1\n,5\n", "b.csv");
  ASSERT_EQ(t.problems.size(), 1u);
  EXPECT_EQ(t.problems[0].severity, Severity::kError);
  EXPECT_EQ(t.problems[0].location.line, 3);
}

TEST(Table, TotalsRowsAreWarned) {
  const Table t = parse_table("id,name,x\nU1,甲,1\nU2,乙,2\nT,合计,3\nTotal,,4\n", "t.csv");
  ASSERT_EQ(t.size(), 4u);
  ASSERT_EQ(t.problems.size(), 2u);
  EXPECT_EQ(t.problems[0].to_string(),
            "t.csv:4: warning: unit \"T\" = 合计: the row looks like a totals row (合计/总计/小计/Total), not a unit: "
            "delete it if it sums other rows");
  EXPECT_EQ(t.problems[1].location.line, 5);
  // The English words in any case, as the whole id or name; longer or shorter words are units.
  const Table words = parse_table(
      "id,name,x\nU1,SUM,1\nU2,Grand Total,2\nU3,SubTotal,3\nTOTALS,n,4\nU5,Totality,5\nU6,sums,6\n"
      "U7,SubTotals,7\nU8, total ,8\n",
      "w.csv");
  std::vector<std::size_t> lines;
  for (const auto& p : words.problems) lines.push_back(p.location.line);
  EXPECT_EQ(lines, (std::vector<std::size_t>{2, 3, 4, 5, 9}));
}

TEST(Table, HeaderWithoutUnitsIsAnError) {
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x,y\n", "h.csv"), DataError,
                             "h.csv: no units: the file has a header row but no data rows");
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x,y\n,,\n", "h.csv"), DataError, "h.csv: no units");
}

// Excel quotes `1,320` and names with commas; such records are read on the fast path, every
// other quoted form on the general one, and both give what the general scanner gives.
TEST(Table, QuotedFieldsOnEveryPath) {
  const std::string csv =
      "id,name,x,y\n"
      "\"U1\",\"a, b\",\"1,320\", 7\n"       // quoted id, name and number
      "U2,\"  spaced  \",\"\",3\n"           // blanks trimmed; an empty quoted cell is missing
      "U3,\"x\"\"y\",1,2\n"                  // a doubled quote
      "U4,\"line\nbreak\",5,6\n"             // a field over two lines
      "U5,n5,\"abc\",1\n"                    // quoted text in a value column
      "U6,\"合计\",1,1\n"                    // a quoted totals row
      "\"U7\" ,n7,\"是\",\"50%\"\n"          // a blank after the closing quote
      "U8,n8,\"1e301\",1\n";                 // quoted, beyond the range
  for (int threads : {1, 2}) {
    TableOptions options;
    options.threads = threads;
    options.parallel_min_bytes = 0;
    const Table t = parse_table(csv, "q.csv", options);
    ASSERT_EQ(t.size(), 8u) << threads;
    EXPECT_EQ(t.ids, (std::vector<std::string>{"U1", "U2", "U3", "U4", "U5", "U6", "U7", "U8"}));
    EXPECT_EQ(t.names, (std::vector<std::string>{"a, b", "spaced", "x\"y", "line\nbreak", "n5", "合计", "n7", "n8"}));
    EXPECT_EQ(t.rows, (std::vector<std::size_t>{2, 3, 4, 5, 7, 8, 9, 10}));
    EXPECT_EQ(t.values(0, 0), 1320);
    EXPECT_EQ(t.values(0, 1), 7);
    EXPECT_TRUE(std::isnan(t.values(1, 0)));
    EXPECT_EQ(t.values(3, 1), 6);
    EXPECT_EQ(t.values(6, 0), 1);
    EXPECT_EQ(t.values(6, 1), 0.5);
    ASSERT_EQ(t.problems.size(), 3u) << threads;
    EXPECT_EQ(t.problems[0].to_string(), "q.csv:7: unit \"U5\", column \"x\" = \"abc\": not a number");
    EXPECT_EQ(t.problems[1].location.line, 8);
    EXPECT_EQ(t.problems[1].severity, Severity::kWarning);
    EXPECT_EQ(t.problems[2].location.line, 10);
    EXPECT_NE(t.problems[2].to_string().find("beyond ±1e300"), std::string::npos) << t.problems[2].to_string();
  }
}

TEST(Table, OnlyTheNamedColumnsAreRead) {
  const std::string csv = "id,name,a,b,c\nU1,甲,abc,2,x\nU2,乙,1,\"3\"\nU3,丙,4,\"5\",6\n";
  for (int threads : {1, 2}) {
    TableOptions options;
    options.columns = {"b", "not_in_the_file"};
    options.threads = threads;
    options.parallel_min_bytes = 0;
    const Table t = parse_table(csv, "c.csv", options);
    EXPECT_EQ(t.columns, (std::vector<std::string>{"b"}));
    ASSERT_EQ(t.size(), 2u);
    EXPECT_EQ(t.ids, (std::vector<std::string>{"U1", "U3"}));
    EXPECT_EQ(t.names, (std::vector<std::string>{"甲", "丙"}));
    EXPECT_EQ(t.values(0, 0), 2);
    EXPECT_EQ(t.values(1, 0), 5);
    // The cells of a and c are never read; every row's field count still is.
    ASSERT_EQ(t.problems.size(), 1u) << threads;
    EXPECT_EQ(t.problems[0].to_string(), "c.csv:3: row 3 = 4 fields: the header has 5 fields");
  }
  // Every column, as before, when none is named.
  const Table all = parse_table(csv, "c.csv");
  EXPECT_EQ(all.columns, (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_EQ(all.problems.size(), 3u);
}

TEST(Table, TextAfterAClosingQuoteIsAnError) {
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,name,x\nU1,\"abc\"def,1\nU2,b,2\n", "q.csv"), DataError,
                             "q.csv:2: text after the closing quote of a quoted field (\"abc\"def)");
  // Blanks after the closing quote are fine.
  const Table t = parse_table("id,name,x\nU1,\"abc\"  ,1\n", "q.csv");
  EXPECT_EQ(t.names[0], "abc");
}

TEST(Table, DuplicateHeadersAreErrorsWhateverTheColumn) {
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x,y,x\nU1,1,2,3\n", "d.csv"), DataError,
                             "d.csv:1: column \"x\" (col 4): duplicate header (first in col 2)");
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x,id\nU1,1,2\n", "d.csv"), DataError, "column \"id\" (col 3)");
  // 100,000 columns: the check is linear (a quadratic one took seconds here).
  std::string header = "id";
  for (int c = 0; c < 100000; ++c) header += ",c" + std::to_string(c);
  const Table t = parse_table(header + "\nU1" + std::string(100000, ',') + "\n", "wide.csv");
  EXPECT_EQ(t.columns.size(), 100000u);
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(header + ",c99999\nU1\n", "wide.csv"), DataError,
                             "column \"c99999\" (col 100002): duplicate header (first in col 100001)");
}

TEST(Table, IdsInTheFirstColumnWhateverTheHeader) {
  TableOptions o;
  o.id_column.clear();
  o.name_column.clear();
  o.class_column.clear();
  const Table t = parse_table("\n\n\"unit\nid\",a,b\nU1,1,2\nU2,3,4\n", "p.csv", o);
  EXPECT_EQ(t.ids, (std::vector<std::string>{"U1", "U2"}));
  EXPECT_EQ(t.columns, (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(t.rows, (std::vector<std::size_t>{5, 6}));
  STAFFEVAL_EXPECT_THROW_MSG(parse_table(",a\nU1,1\n", "p.csv", o), DataError,
                             "p.csv:1: the first column (the unit ids) has no header");
}

TEST(Table, RequiredNameAndClassColumnsMustExist) {
  TableOptions o;
  o.class_column = "类别";
  o.require_class_column = true;
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,name,class,x\nU1,a,A,1\n", "c.csv", o), DataError,
                             "c.csv:1: no class column \"类别\" in the header, which the model names (data.class)");
  o = TableOptions{};
  o.name_column = "单位名称";
  o.require_name_column = true;
  STAFFEVAL_EXPECT_THROW_MSG(parse_table("id,x\nU1,1\n", "c.csv", o), DataError, "no name column \"单位名称\"");
  // Not required: absent means no names and one class.
  const Table t = parse_table("id,x\nU1,1\n", "c.csv");
  EXPECT_FALSE(t.has_class_column);
}

TEST(Table, ControlCharactersInIdsAreErrorsAndMessagesEscapeThem) {
  const Table t = parse_table(std::string("id,x\nU\x01" "1,1\nU2,\x1b[31m\n"), "c.csv");
  ASSERT_EQ(t.problems.size(), 2u);
  EXPECT_EQ(t.problems[0].to_string(), "c.csv:2: unit \"U\\x011\", id column = U\\x011: holds a control character");
  EXPECT_EQ(t.problems[1].to_string(), "c.csv:3: unit \"U2\", column \"x\" = \"\\x1B[31m\": not a number");
  // Long values are cut in messages.
  const Table l = parse_table("id,x\nU1," + std::string(5000, 'z') + "\n", "l.csv");
  EXPECT_LT(l.problems[0].to_string().size(), 400u);
  EXPECT_NE(l.problems[0].to_string().find("... (5002 characters)"), std::string::npos);
}

// The parallel reader cuts at newlines its quick scan takes for record ends; a bare quote in an
// unquoted field misleads that scan, and the reader must then still agree with a sequential read.
TEST(Table, ParallelAndSequentialParsesAgreeWithBareQuotes) {
  std::string csv = "id,name,x\n";
  for (int i = 0; i < 3000; ++i) {
    std::string name = "n" + std::to_string(i);
    if (i == 10) name = "TV 5\" screen";
    if (i % 100 == 7) name = "\"multi\nline " + std::to_string(i) + "\"";
    csv += "U" + std::to_string(i) + "," + name + "," + std::to_string(i % 13) + "\n";
  }
  TableOptions seq;
  seq.threads = 1;
  const Table a = parse_table(csv, "p.csv", seq);
  ASSERT_EQ(a.size(), 3000u);
  EXPECT_EQ(a.names[10], "TV 5\" screen");
  for (int threads : {2, 3, 4, 7, 16}) {
    TableOptions par;
    par.threads = threads;
    par.parallel_min_bytes = 0;
    const Table b = parse_table(csv, "p.csv", par);
    EXPECT_EQ(a.ids, b.ids) << threads;
    EXPECT_EQ(a.names, b.names) << threads;
    EXPECT_EQ(a.rows, b.rows) << threads;
    EXPECT_TRUE(a.values.cwiseEqual(b.values).all()) << threads;
  }
}

}  // namespace
}  // namespace staffeval
