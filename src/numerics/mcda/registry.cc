// The evaluation methods: one row each (spelling, description, kernel, default normalisation,
// parameters). The enumeration table of `Method`, the parameter lists the model reader and the
// command line use, and the kernel dispatch all come from these rows.
#include <cmath>

#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/numeric.h"
#include "numerics/mcda/mcda.h"

namespace staffeval {

namespace detail::mcda {
namespace {

const std::vector<MethodSpec>& specs() {
  static const std::vector<MethodSpec> rows = {
      {{Method::kSaw, "saw", "", "simple additive weighting"}, saw, Normalization::kMinMax, {}},
      {{Method::kWpm, "wpm", "", "weighted product"}, wpm, Normalization::kLinearMax, {}},
      {{Method::kWaspas, "waspas", "", "lambda SAW + (1 - lambda) WPM"}, waspas, Normalization::kLinearMax, {"lambda"}},
      {{Method::kTopsis, "topsis", "", "closeness to the ideal solution"}, topsis, Normalization::kVector, {}},
      {{Method::kVikor, "vikor", "", "compromise ranking by Q (lower is better)"}, vikor, Normalization::kMinMax, {"v"}, "1 - VIKOR Q (lower Q is better)"},
      {{Method::kGra, "gra", "", "grey relational grade"}, gra, Normalization::kMinMax, {"rho"}},
      {{Method::kRsr, "rsr", "", "weighted rank-sum ratio with probit grading"}, rsr, Normalization::kMinMax, {}},
      {{Method::kEdas, "edas", "", "distances from the average solution"}, edas, Normalization::kMinMax, {}},
      {{Method::kCodas, "codas", "", "Euclidean and taxicab distances from the negative-ideal solution"}, codas,
       Normalization::kLinearMax, {"tau"}, "CODAS H rescaled over the units (lowest 0, highest 1)"},
  };
  return rows;
}

const std::vector<EnumEntry<Method>>& entries() {
  static const std::vector<EnumEntry<Method>> out = [] {
    std::vector<EnumEntry<Method>> e;
    for (const auto& s : specs()) e.push_back(s.entry);
    return e;
  }();
  return out;
}

}  // namespace

const MethodSpec& method_spec(Method m) {
  for (const auto& s : specs())
    if (s.entry.value == m) return s;
  throw Error(fmt::format("evaluation method {} has no registry row", static_cast<int>(m)));
}

}  // namespace detail::mcda

template <>
const EnumTable<Method>& enum_table<Method>() {
  static const EnumTable<Method> table{"evaluation method", detail::mcda::entries().data(),
                                       detail::mcda::entries().size()};
  return table;
}

std::string_view to_string(Method v) { return enum_table<Method>().name(v); }
std::optional<Method> parse_method(std::string_view s) { return parse_enum<Method>(s); }

Normalization default_normalization(Method m) { return detail::mcda::method_spec(m).default_normalization; }

const std::vector<MethodParameter>& method_parameters() {
  static const std::vector<MethodParameter> all = {
      {"v", &MethodOptions::v, 0, 1, false, "VIKOR: weight of the group utility S against the regret R"},
      {"rho", &MethodOptions::rho, 0, 1, true, "GRA: distinguishing coefficient"},
      {"lambda", &MethodOptions::lambda, 0, 1, false, "WASPAS: share of SAW in the joint criterion"},
      {"tau", &MethodOptions::tau, 0, 1, false, "CODAS: distance below which the taxicab distance is not used"},
  };
  return all;
}

std::vector<MethodParameter> method_parameters(Method method) {
  std::vector<MethodParameter> out;
  for (std::string_view name : detail::mcda::method_spec(method).parameters)
    for (const auto& p : method_parameters())
      if (p.name == name) out.push_back(p);
  return out;
}

void MethodOptions::validate() const {
  for (const auto& p : method_parameters()) {
    const double x = this->*p.field;
    const bool ok = (p.low_open ? x > p.low : x >= p.low) && x <= p.high;
    if (!ok)
      throw OptionsError(fmt::format("MethodOptions::{}", p.name), fmt::format("{}", x),
                         fmt::format("must be in {}{}, {}]", p.low_open ? "(" : "[", p.low, p.high));
  }
  if (threads < 0) throw OptionsError("MethodOptions::threads", fmt::format("{}", threads), "must be >= 0");
  if (ideal.size() != anti_ideal.size())
    throw OptionsError("MethodOptions::anti_ideal", fmt::format("{} values for {} ideal values",
                                                              anti_ideal.size(), ideal.size()), "give both, one per criterion");
  for (std::size_t k = 0; k < rsr_cuts.size(); ++k)
    if (!std::isfinite(rsr_cuts[k]) || (k > 0 && !(rsr_cuts[k] > rsr_cuts[k - 1])))
      throw OptionsError("MethodOptions::rsr_cuts", fmt::format("{}", fmt::join(rsr_cuts, ",")),
                         "cuts must be finite and ascending");
  for (Eigen::Index j = 0; j < ideal.size(); ++j)
    if (!(std::fabs(ideal[j]) <= detail::kMaxMagnitude) || !(std::fabs(anti_ideal[j]) <= detail::kMaxMagnitude) ||
        ideal[j] == anti_ideal[j])
      throw OptionsError("MethodOptions::ideal", fmt::format("{} (anti-ideal {}) for criterion {}", ideal[j], anti_ideal[j], j + 1),
                         "must be within ±1e300 and differ from the anti-ideal");
}

}  // namespace staffeval
