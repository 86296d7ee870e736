// Fuzz target: the CSV reader, in every encoding, parallel against sequential. Any bytes must give
// a table or a located DataError; the parallel reader must give exactly what the sequential one
// gives (the same table, or the same error).
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <sstream>
#include <string>

#include "staffeval/staffeval.h"

namespace {

std::string outcome(const std::string& bytes, staffeval::Encoding encoding, int threads) {
  staffeval::TableOptions o;
  o.encoding = encoding;
  o.threads = threads;
  o.parallel_min_bytes = threads > 1 ? 0 : std::size_t{1} << 40;
  try {
    const staffeval::Table t = staffeval::parse_table(bytes, "fuzz.csv", o);
    std::ostringstream out;
    out.precision(17);
    for (std::size_t i = 0; i < t.size(); ++i) {
      out << t.ids[i] << '|' << t.names[i] << '|' << t.unit_class[i] << '|' << t.rows[i];
      for (Eigen::Index c = 0; c < t.values.cols(); ++c) out << '|' << t.values(static_cast<Eigen::Index>(i), c);
      out << '\n';
    }
    for (const auto& d : t.problems) out << d.to_string() << '\n';
    return out.str();
  } catch (const staffeval::DataError& e) {
    return std::string("error: ") + e.what();
  }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string bytes(reinterpret_cast<const char*>(data), size);
  for (auto encoding : {staffeval::Encoding::kAuto, staffeval::Encoding::kUtf8, staffeval::Encoding::kGb18030}) {
    const std::string sequential = outcome(bytes, encoding, 1);
    if (outcome(bytes, encoding, 3) != sequential) std::abort();
  }
  return 0;
}
