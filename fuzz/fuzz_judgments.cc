// Fuzz target: the judgment-matrix reader and AHP. Any bytes must give weights or a located
// DataError; weights that come out are finite, non-negative, sum to 1, and CR is >= 0.
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

#include "staffeval/staffeval.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    const staffeval::JudgmentMatrix m = staffeval::parse_judgment_matrix(text, "fuzz.csv");
    if (m.size() > 40) return 0;  // the revision search is polynomial, but keep each run short
    for (auto priority : {staffeval::PriorityMethod::kEigenvector, staffeval::PriorityMethod::kGeometricMean}) {
      staffeval::AhpOptions o;
      o.priority = priority;
      const staffeval::AhpResult r = staffeval::ahp(m, o);
      double sum = 0;
      for (Eigen::Index i = 0; i < r.weights.size(); ++i) {
        if (!std::isfinite(r.weights[i]) || r.weights[i] < 0) std::abort();
        sum += r.weights[i];
      }
      if (std::fabs(sum - 1) > 1e-9 || !(r.cr >= 0) || !(r.lambda_max >= static_cast<double>(m.size()) - 1e-9)) std::abort();
    }
  } catch (const staffeval::Error& e) {
    if (std::string(e.what()).empty()) std::abort();
  }
  return 0;
}
