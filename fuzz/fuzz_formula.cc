// Fuzz target: formulas (an indicator's value and a cap's condition) through validation,
// compilation and evaluation over a small table with missing cells. Any formula must give a
// located ModelError or DataError, or scores that are finite where present, never a crash.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "staffeval/staffeval.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string formula(reinterpret_cast<const char*>(data), size);
  // One line of YAML: quote the formula as a YAML string.
  std::string quoted = "\"";
  for (char c : formula) {
    if (c == '"' || c == '\\') quoted += '\\';
    if (c == '\n' || c == '\r') c = ' ';
    quoted += c;
  }
  quoted += "\"";
  const std::string yaml = "id: f\nweights: relative\nindicators:\n  - {id: a, weight: 1, value: " + quoted +
                           ", rule: {type: minmax}}\n  - {id: b, weight: 1, value: x, rule: {type: zscore}}\n"
                           "caps:\n  - {when: " + quoted + ", max_grade: 合格}\n";
  try {
    const auto model = staffeval::load_model_from_string(yaml, "fuzz.yaml");
    const auto table = staffeval::parse_table("id,x,y,z\nU1,1,2,3\nU2,,5,0\nU3,-4,0.5,1e300\nU4,2,2,\n", "t.csv");
    staffeval::ScoringOptions o;
    o.min_coverage = 0;
    const auto r = staffeval::evaluate(staffeval::compile(model, table), table, o);
    for (Eigen::Index i = 0; i < r.total.size(); ++i)
      if (std::isinf(r.total[i])) std::abort();
  } catch (const staffeval::Error& e) {
    if (std::string(e.what()).empty()) std::abort();
  }
  return 0;
}
