// Importing a COINr / JRC COIN Tool framework table (iMeta) as a staffeval model.
#include <cmath>

#include <fmt/format.h>

#include "data/text.h"
#include "staffeval/data.h"
#include "staffeval/model.h"

namespace staffeval {

IndicatorModel import_coinr(const std::string& path) {
  const detail::CsvRecords csv = detail::read_csv_records(path);
  if (csv.records.empty()) throw DataError(fmt::format("{}: the file is empty", path));
  const auto& header = csv.records.front();
  auto col = [&](const char* name) {
    for (std::size_t c = 0; c < header.size(); ++c)
      if (header[c] == name) return c;
    throw DataError(fmt::format("{}:1: column \"{}\" is missing (a COINr iMeta table has Level, iCode, "
                                "iName, Parent, Direction, Weight, Type)", path, name));
  };
  const std::size_t code = col("iCode"), name = col("iName"), parent = col("Parent"),
                    dir = col("Direction"), weight = col("Weight"), type = col("Type");
  IndicatorModel m;
  m.id = "coinr-import";
  m.version = std::string("1");  // not operator=(const char*): GCC 12 warns falsely (-Wrestrict) there
  m.name = fmt::format("Imported from {}", path);
  m.description = "Converted from a COINr iMeta table: min-max 0-100 with the iMeta directions, "
                  "arithmetic means with the iMeta weights, missing values skipped.";
  m.weights = WeightMode::kRelative;
  m.missing = MissingPolicy::kSkip;
  m.id_column = "uCode";
  m.name_column = "uName";
  m.class_column = std::string();
  m.grades = default_grades();
  for (std::size_t r = 1; r < csv.records.size(); ++r) {
    const auto& row = csv.records[r];
    const int line = static_cast<int>(csv.lines[r]);
    if (row.size() != header.size())
      throw DataError(fmt::format("{}:{}: {} fields, the header has {}", path, line, row.size(), header.size()));
    const std::string& ty = row[type];
    if (ty == "Group" || ty == "Denominator" || ty == "Other") continue;
    if (ty != "Indicator" && ty != "Aggregate")
      throw DataError(fmt::format("{}:{}: column \"Type\" = \"{}\": must be Indicator, Aggregate, Group or "
                                  "Denominator", path, line, ty));
    Node n;
    n.id = row[code];
    n.name_en = row[name];
    n.location = {path, line, 0};
    ParentLink link;
    link.parent = row[parent];
    link.location = n.location;
    link.weight_location = n.location;
    bool ok = true;
    const double w = row[weight].empty() ? 1.0 : parse_cell(row[weight], &ok);
    if (!ok || std::isnan(w))
      throw DataError(fmt::format("{}:{}: iCode \"{}\", column \"Weight\" = \"{}\": not a number", path, line,
                                  n.id, row[weight]));
    link.weight = w;
    n.parents.push_back(link);
    if (ty == "Aggregate") {
      n.group = true;
    } else {
      n.value = n.id;
      n.rule.kind = RuleKind::kMinMax;
      n.rule.cohort = Cohort::kAll;
      const double d = parse_cell(row[dir], &ok);
      if (!ok || (d != 1 && d != -1))
        throw DataError(fmt::format("{}:{}: iCode \"{}\", column \"Direction\" = \"{}\": must be 1 or -1", path,
                                    line, n.id, row[dir]));
      n.rule.direction = d > 0 ? Direction::kBenefit : Direction::kCost;
    }
    m.nodes.push_back(std::move(n));
  }
  auto diags = validate(m);
  for (const auto& d : diags)
    if (d.severity == Severity::kError) throw ModelError(diags);
  return m;
}

}  // namespace staffeval
