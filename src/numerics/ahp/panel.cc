// Expert panels: aggregation of individual judgments (AIJ) or priorities (AIP).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/language.h"

#include "common/numeric.h"
#include "numerics/ahp/ahp_internal.h"
#include "common/text_table.h"

namespace staffeval {

using namespace detail::ahp;

void PanelOptions::validate() const {
  ahp.validate();
  for (std::size_t k = 0; k < expert_weights.size(); ++k)
    if (!std::isfinite(expert_weights[k]) || expert_weights[k] < 0)
      throw OptionsError("PanelOptions::expert_weights", fmt::format("{}", expert_weights[k]), "must be finite and >= 0");
  if (!expert_weights.empty() &&
      std::accumulate(expert_weights.begin(), expert_weights.end(), 0.0) <= 0)
    throw OptionsError("PanelOptions::expert_weights", "", "sum to 0: at least one expert needs a positive weight");
}

PanelResult ahp_panel(const std::vector<JudgmentMatrix>& ms, const PanelOptions& o) {
  o.validate();
  if (ms.empty()) throw DataError("an expert panel needs at least one judgment matrix");
  if (!o.expert_weights.empty() && o.expert_weights.size() != ms.size())
    throw OptionsError("PanelOptions::expert_weights", fmt::format("{} entries", o.expert_weights.size()),
                       fmt::format("needs one per expert ({})", ms.size()));
  for (std::size_t k = 1; k < ms.size(); ++k)
    if (ms[k].names != ms[0].names)
      throw DataError(fmt::format("{}: the elements differ from {}'s (every expert must judge the same elements in "
                                  "the same order)",
                                  ms[k].file, ms[0].file));
  PanelResult p;
  p.language = o.ahp.language.value_or(detail::language_of_names(ms[0].names));
  const Language l = p.language;
  AhpOptions each = o.ahp;
  each.language = l;
  p.aggregation = o.aggregation;
  p.aip_mean = o.aip_mean;
  const auto K = static_cast<Eigen::Index>(ms.size());
  p.expert_weights = Eigen::VectorXd::Constant(K, 1.0);
  if (!o.expert_weights.empty()) p.expert_weights = Eigen::Map<const Eigen::VectorXd>(o.expert_weights.data(), K);
  p.expert_weights = detail::normalised_weights(p.expert_weights);
  for (const auto& m : ms) {
    p.experts.push_back(ahp(m, each));
    p.expert_names.push_back(m.file);
    if (!p.experts.back().consistent)
      p.warnings.push_back(detail::trf(l, "expert {}: CR = {:.4f} >= {}", "专家 {}：CR = {:.4f} >= {}", m.file, p.experts.back().cr, o.ahp.threshold));
  }
  const Eigen::Index n = ms[0].values.rows();
  if (o.aggregation == PanelAggregation::kAij) {
    JudgmentMatrix g;
    g.file = detail::tr(l, "aggregated judgments (AIJ)", "集结后的判断矩阵（AIJ）");
    g.names = ms[0].names;
    g.values.resize(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) {
        double s = 0, ws = 0;
        for (Eigen::Index k = 0; k < K; ++k) {
          // Below the diagonal the exact reciprocal of the judgment above it, as ahp() reads it.
          const auto& e = ms[static_cast<std::size_t>(k)].values;
          const double v = i <= j ? e(i, j) : 1 / e(j, i);
          if (std::isnan(v) || p.expert_weights[k] == 0) continue;
          s += p.expert_weights[k] * std::log(v);
          ws += p.expert_weights[k];
        }
        g.values(i, j) = i == j ? 1.0 : (ws > 0 ? std::exp(s / ws) : kNaN);
      }
    p.combined = ahp(g, each);
  } else {
    AhpResult c;
    c.names = ms[0].names;
    c.language = l;
    c.priority = o.ahp.priority;
    c.random_index_table = o.ahp.random_index;
    c.threshold = o.ahp.threshold;
    c.lambda_max = c.ci = c.ri = c.cr = kNaN;
    c.consistent = std::all_of(p.experts.begin(), p.experts.end(), [](const AhpResult& e) { return e.consistent; });
    c.ri_source = detail::tr(l, "AIP: consistency is reported per expert", "AIP：一致性按专家分别报告");
    Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
    for (Eigen::Index k = 0; k < K; ++k) {
      const Eigen::VectorXd& e = p.experts[static_cast<std::size_t>(k)].weights;
      if (o.aip_mean == PanelMean::kGeometric) w += p.expert_weights[k] * e.array().log().matrix();
      else w += p.expert_weights[k] * e;
    }
    if (o.aip_mean == PanelMean::kGeometric) w = w.array().exp();
    c.weights = w / w.sum();
    c.matrix.resize(0, 0);
    p.combined = std::move(c);
  }
  return p;
}

std::string PanelResult::brief_report() const {
  return detail::trf(language, "AHP panel of {} experts ({}{}): {} inconsistent expert(s)", "层次分析法专家组，{} 位专家（{}{}）：{} 位不一致",
                     experts.size(), to_string(aggregation),
                     aggregation == PanelAggregation::kAip ? detail::trf(language, ", {} mean", "，{} 平均", to_string(aip_mean)) : "",
                     std::count_if(experts.begin(), experts.end(), [](const AhpResult& e) { return !e.consistent; }));
}

bool PanelResult::consistent() const { return inconsistency().empty(); }

std::string PanelResult::inconsistency() const {
  if (aggregation == PanelAggregation::kAij)
    return combined.consistent ? std::string()
                               : detail::trf(language, "the panel's aggregated judgments: CR = {:.4g} >= {}",
                                             "专家组集结后的判断矩阵：CR = {:.4g} >= {}", combined.cr, combined.threshold);
  for (std::size_t k = 0; k < experts.size(); ++k)
    if (!experts[k].consistent)
      return fmt::format("{}: CR = {:.4g} >= {}", expert_names[k], experts[k].cr, experts[k].threshold);
  return {};
}

std::string PanelResult::full_report() const {
  const Language l = language;
  using detail::tr;
  std::string out = brief_report() + "\n\n";
  std::vector<std::string> head{tr(l, "element", "元素"), tr(l, "panel", "专家组")};
  for (std::size_t k = 0; k < experts.size(); ++k) head.push_back(detail::trf(l, "expert {}", "专家 {}", k + 1));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < combined.names.size(); ++i) {
    std::vector<std::string> row{combined.names[i], fmt::format("{:.4f}", combined.weights[static_cast<Eigen::Index>(i)])};
    for (const auto& e : experts) row.push_back(fmt::format("{:.4f}", e.weights[static_cast<Eigen::Index>(i)]));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> row{"CR", aggregation == PanelAggregation::kAij ? fmt::format("{:.4f}", combined.cr) : "-"};
  for (const auto& e : experts) row.push_back(fmt::format("{:.4f}{}", e.cr, e.consistent ? "" : " !"));
  rows.push_back(std::move(row));
  std::vector<bool> right(head.size(), true);
  right[0] = false;
  out += detail::text_table(head, rows, right);
  out += tr(l, "\nexperts:\n", "\n专家：\n");
  for (std::size_t k = 0; k < experts.size(); ++k)
    out += detail::trf(l, "  expert {}: {} (weight {:.4f}){}\n", "  专家 {}：{}（权重 {:.4f}）{}\n", k + 1, expert_names[k],
                       expert_weights[static_cast<Eigen::Index>(k)],
                       experts[k].consistent ? "" : tr(l, " - inconsistent", " - 不一致"));
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
