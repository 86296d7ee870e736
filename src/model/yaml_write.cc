// Writing indicator models back to YAML: every key the reader reads, in its order, so that a
// written model reads back to the same model.
#include <cmath>
#include <string>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "model/rule_fields.h"
#include "staffeval/model.h"

namespace staffeval {

namespace {

using detail::kRuleFields;
using detail::reads;
using detail::RuleField;
using detail::RuleShape;

void emit_number(YAML::Emitter& out, double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e15) out << static_cast<long long>(v);
  else out << fmt::format("{}", v);
}

void emit_key_number(YAML::Emitter& out, const char* key, double v) {
  if (std::isnan(v)) return;
  out << YAML::Key << key << YAML::Value;
  emit_number(out, v);
}

void emit_rule(YAML::Emitter& out, const Rule& r) {
  const Rule d;
  out << YAML::BeginMap;
  // Only the keys of the rule's type: the reader refuses the others.
  for (const RuleField& f : kRuleFields) {
    if (!reads(f, r.kind)) continue;
    switch (f.shape) {
      case RuleShape::kType: out << YAML::Key << f.key << YAML::Value << std::string(to_string(r.kind)); break;
      case RuleShape::kDirection: out << YAML::Key << f.key << YAML::Value << std::string(to_string(r.direction)); break;
      case RuleShape::kCohort:
        if (r.cohort != d.cohort) out << YAML::Key << f.key << YAML::Value << std::string(to_string(r.cohort));
        break;
      case RuleShape::kNumber: emit_key_number(out, f.key, r.*f.a); break;
      case RuleShape::kChanged:
        if (r.*f.a != d.*f.a) emit_key_number(out, f.key, r.*f.a);
        break;
      case RuleShape::kRange:
        if (r.*f.a != d.*f.a || r.*f.b != d.*f.b) {
          out << YAML::Key << f.key << YAML::Value << YAML::Flow << YAML::BeginSeq;
          emit_number(out, r.*f.a);
          emit_number(out, r.*f.b);
          out << YAML::EndSeq;
        }
        break;
      case RuleShape::kSide:
        // The zero point is written as `low_zero` / `high_zero`; a slope as {deduct: slope}.
        if (!std::isnan(r.*f.b)) {
          out << YAML::Key << f.key << YAML::Value << YAML::Flow << YAML::BeginMap;
          emit_key_number(out, "deduct", r.*f.b);
          out << YAML::EndMap;
        }
        break;
      case RuleShape::kPoints:
        if (!r.breakpoints.empty()) {
          out << YAML::Key << f.key << YAML::Value << YAML::Flow << YAML::BeginSeq;
          for (const auto& [x, y] : r.breakpoints) {
            out << YAML::Flow << YAML::BeginSeq;
            emit_number(out, x);
            emit_number(out, y);
            out << YAML::EndSeq;
          }
          out << YAML::EndSeq;
        }
        break;
      case RuleShape::kThreshold:
        if (r.threshold_stat != ThresholdStat::kFixed)
          out << YAML::Key << f.key << YAML::Value << std::string(to_string(r.threshold_stat));
        else emit_key_number(out, f.key, r.*f.a);
        break;
    }
  }
  out << YAML::EndMap;
}

void emit_weighting(YAML::Emitter& out, const WeightingSpec& w) {
  out << YAML::Key << "weighting" << YAML::Value << YAML::BeginMap;
  if (!std::holds_alternative<WrittenWeights>(w.source)) out << YAML::Key << "method" << YAML::Value << w.source_name();
  auto matrix = [&](const Eigen::MatrixXd& a) {
    out << YAML::BeginSeq;
    for (Eigen::Index i = 0; i < a.rows(); ++i) {
      out << YAML::Flow << YAML::BeginSeq;
      for (Eigen::Index j = 0; j < a.cols(); ++j) {
        if (std::isnan(a(i, j))) out << YAML::Null;
        else emit_number(out, a(i, j));
      }
      out << YAML::EndSeq;
    }
    out << YAML::EndSeq;
  };
  if (const auto* ahp = std::get_if<AhpJudgments>(&w.source)) {
    if (ahp->matrices.size() == 1) {
      out << YAML::Key << "matrix" << YAML::Value;
      matrix(ahp->matrices[0]);
    } else {
      out << YAML::Key << "matrices" << YAML::Value << YAML::BeginSeq;
      for (const auto& a : ahp->matrices) matrix(a);
      out << YAML::EndSeq;
      out << YAML::Key << "aggregation" << YAML::Value << std::string(to_string(ahp->aggregation));
      out << YAML::Key << "aip_mean" << YAML::Value << std::string(to_string(ahp->aip_mean));
      if (!ahp->expert_weights.empty()) {
        out << YAML::Key << "expert_weights" << YAML::Value << YAML::Flow << YAML::BeginSeq;
        for (double v : ahp->expert_weights) emit_number(out, v);
        out << YAML::EndSeq;
      }
    }
    out << YAML::Key << "priority" << YAML::Value << std::string(to_string(ahp->options.priority));
    out << YAML::Key << "random_index" << YAML::Value << std::string(to_string(ahp->options.random_index));
    emit_key_number(out, "threshold", ahp->options.threshold);
    out << YAML::Key << "completion" << YAML::Value << std::string(to_string(ahp->options.completion));
    if (ahp->allow_inconsistent) out << YAML::Key << "allow_inconsistent" << YAML::Value << true;
  }
  if (const auto* ro = std::get_if<RankOrderWeights>(&w.source)) {
    out << YAML::Key << "order" << YAML::Value << YAML::Flow << ro->order;
    out << YAML::Key << "rank_method" << YAML::Value << std::string(to_string(ro->method));
  }
  if (const ObjectiveOptions* o = w.objective()) {
    out << YAML::Key << "basis" << YAML::Value << std::string(to_string(o->basis));
    out << YAML::Key << "reverse_costs" << YAML::Value << o->reverse_costs;
    out << YAML::Key << "sd" << YAML::Value << (o->sample_sd ? "sample" : "population");
    if (o->entropy_shift != 0) emit_key_number(out, "shift", o->entropy_shift);
  }
  if (w.blend) {
    out << YAML::Key << "combine" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "with"
        << YAML::Value << std::string(to_string(w.blend->objective.method)) << YAML::Key << "method" << YAML::Value
        << std::string(to_string(w.blend->combine.method));
    emit_key_number(out, "alpha", w.blend->combine.alpha);
    out << YAML::EndMap;
  }
  out << YAML::EndMap;
}

// `aggregation` (and `power`), the weighting, then `method`: the order the model format shows.
void emit_scoring(YAML::Emitter& out, const GroupScoring& scoring, const WeightingSpec& weighting) {
  if (const auto* mean = std::get_if<WeightedMean>(&scoring)) {
    out << YAML::Key << "aggregation" << YAML::Value << std::string(to_string(mean->aggregation));
    if (mean->aggregation == Aggregation::kPower) emit_key_number(out, "power", mean->power);
  }
  if (!weighting.empty()) emit_weighting(out, weighting);
  if (const auto* fz = std::get_if<FuzzyScoring>(&scoring)) {
    out << YAML::Key << "method" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value
        << "fuzzy" << YAML::Key << "grades" << YAML::Value << YAML::Flow << fz->options.grades;
    auto list = [&](const char* key, const Eigen::VectorXd& v) {
      out << YAML::Key << key << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (Eigen::Index k = 0; k < v.size(); ++k) emit_number(out, v[k]);
      out << YAML::EndSeq;
    };
    if (fz->options.grade_scores.size()) list("grade_scores", fz->options.grade_scores);
    list("centers", fz->centers);
    out << YAML::Key << "operator" << YAML::Value << std::string(to_string(fz->options.op)) << YAML::EndMap;
  }
  if (const auto* o = std::get_if<MethodOptions>(&scoring)) {
    out << YAML::Key << "method" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value
        << std::string(to_string(o->method));
    if (o->normalization) out << YAML::Key << "normalization" << YAML::Value << std::string(to_string(*o->normalization));
    for (const MethodParameter& p : method_parameters(o->method)) emit_key_number(out, std::string(p.name).c_str(), o->*p.field);
    if (o->method == Method::kRsr) {
      out << YAML::Key << "rsr_cuts" << YAML::Value << YAML::Flow << YAML::BeginSeq;
      for (double c : o->rsr_cuts) emit_number(out, c);
      out << YAML::EndSeq;
    }
    out << YAML::EndMap;
  }
}

}  // namespace

std::string to_yaml(const IndicatorModel& m) {
  YAML::Emitter out;
  out.SetIndent(2);
  out << YAML::BeginMap;
  out << YAML::Key << "id" << YAML::Value << m.id;
  if (!m.version.empty()) out << YAML::Key << "version" << YAML::Value << YAML::DoubleQuoted << m.version;
  if (!m.name.empty()) out << YAML::Key << "name" << YAML::Value << m.name;
  if (!m.name_en.empty()) out << YAML::Key << "name_en" << YAML::Value << m.name_en;
  if (!m.description.empty()) out << YAML::Key << "description" << YAML::Value << m.description;
  out << YAML::Key << "weights" << YAML::Value << std::string(to_string(m.weights));
  if (m.weights == WeightMode::kPoints) emit_key_number(out, "total", m.total);
  out << YAML::Key << "missing" << YAML::Value << std::string(to_string(m.missing));
  if (m.language) out << YAML::Key << "language" << YAML::Value << std::string(to_string(*m.language));
  if (m.veto_rank != VetoRank::kByScore)
    out << YAML::Key << "veto_rank" << YAML::Value << std::string(to_string(m.veto_rank));
  emit_scoring(out, m.scoring, m.weighting);
  out << YAML::Key << "rounding" << YAML::Value << YAML::Flow << YAML::BeginMap
      << YAML::Key << "scope" << YAML::Value << std::string(to_string(m.rounding.scope))
      << YAML::Key << "decimals" << YAML::Value << m.rounding.decimals
      << YAML::Key << "mode" << YAML::Value << std::string(to_string(m.rounding.mode)) << YAML::EndMap;
  out << YAML::Key << "coverage" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "min" << YAML::Value;
  emit_number(out, m.coverage.min);
  out << YAML::Key << "of" << YAML::Value << std::string(to_string(m.coverage.of)) << YAML::EndMap;
  out << YAML::Key << "data" << YAML::Value << YAML::Flow << YAML::BeginMap << YAML::Key << "id" << YAML::Value
      << m.id_column;
  if (m.name_column) out << YAML::Key << "name" << YAML::Value << *m.name_column;
  if (m.class_column) out << YAML::Key << "class" << YAML::Value << *m.class_column;
  out << YAML::EndMap;
  if (!m.fields.empty()) {
    out << YAML::Key << "fields" << YAML::Value << YAML::BeginMap;
    for (const auto& f : m.fields) {
      out << YAML::Key << f.id << YAML::Value << YAML::Flow << YAML::BeginMap;
      if (!f.header.empty()) out << YAML::Key << "header" << YAML::Value << f.header;
      if (!f.label.empty()) out << YAML::Key << "label" << YAML::Value << f.label;
      if (!f.label_en.empty()) out << YAML::Key << "label_en" << YAML::Value << f.label_en;
      if (!f.unit.empty()) out << YAML::Key << "unit" << YAML::Value << f.unit;
      if (!f.source.empty()) out << YAML::Key << "source" << YAML::Value << f.source;
      if (f.cost_minutes != 0) emit_key_number(out, "cost_minutes", f.cost_minutes);
      emit_key_number(out, "min", f.min);
      emit_key_number(out, "max", f.max);
      out << YAML::EndMap;
    }
    out << YAML::EndMap;
  }
  const char* wkey = m.weights == WeightMode::kPoints ? "points" : "weight";
  out << YAML::Key << "indicators" << YAML::Value << YAML::BeginSeq;
  for (const auto& n : m.nodes) {
    out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << n.id;
    if (!n.name.empty()) out << YAML::Key << "name" << YAML::Value << n.name;
    if (!n.name_en.empty()) out << YAML::Key << "name_en" << YAML::Value << n.name_en;
    if (!n.description.empty()) out << YAML::Key << "description" << YAML::Value << n.description;
    if (n.parents.size() == 1) {
      if (!n.parents[0].parent.empty())
        out << YAML::Key << "parent" << YAML::Value << n.parents[0].parent;
      emit_key_number(out, wkey, n.parents[0].weight);
    } else {
      out << YAML::Key << "parents" << YAML::Value << YAML::Flow << YAML::BeginMap;
      for (const auto& p : n.parents) emit_key_number(out, p.parent.c_str(), p.weight);
      out << YAML::EndMap;
    }
    if (n.group) {
      emit_scoring(out, n.scoring, n.weighting);
      out << YAML::Key << "children" << YAML::Value << YAML::Flow << YAML::BeginSeq << YAML::EndSeq;
    } else {
      out << YAML::Key << "value" << YAML::Value << n.value;
      if (!n.unit.empty()) out << YAML::Key << "unit" << YAML::Value << n.unit;
      if (!n.source.empty()) out << YAML::Key << "source" << YAML::Value << n.source;
      out << YAML::Key << "rule" << YAML::Value;
      emit_rule(out, n.rule);
      if (n.missing) out << YAML::Key << "missing" << YAML::Value << std::string(to_string(*n.missing));
      if (n.missing_inputs != MissingInputs::kMissing)
        out << YAML::Key << "missing_inputs" << YAML::Value << std::string(to_string(n.missing_inputs));
    }
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  out << YAML::Key << "grades" << YAML::Value << YAML::BeginSeq;
  for (const auto& g : m.grades) {
    out << YAML::Flow << YAML::BeginMap << YAML::Key << "name" << YAML::Value << g.name;
    if (!g.name_en.empty()) out << YAML::Key << "name_en" << YAML::Value << g.name_en;
    emit_key_number(out, "min", g.min);
    out << YAML::EndMap;
  }
  out << YAML::EndSeq;
  if (!m.caps.empty()) {
    out << YAML::Key << "caps" << YAML::Value << YAML::BeginSeq;
    for (const auto& c : m.caps) {
      out << YAML::BeginMap << YAML::Key << "id" << YAML::Value << c.id << YAML::Key << "when"
          << YAML::Value << c.when << YAML::Key << "max_grade" << YAML::Value << c.max_grade;
      if (!c.reason.empty()) out << YAML::Key << "reason" << YAML::Value << c.reason;
      if (c.if_missing != CapMissing::kSkip)
        out << YAML::Key << "if_missing" << YAML::Value << std::string(to_string(c.if_missing));
      out << YAML::EndMap;
    }
    out << YAML::EndSeq;
  }
  out << YAML::EndMap;
  return std::string(out.c_str()) + "\n";
}

}  // namespace staffeval
