// Reading indicator models from YAML, with every problem located (file, line, column, key path).
#include <cmath>
#include <cstdint>
#include <limits>
#include <map>
#include <set>

#include <fmt/format.h>
#include <yaml-cpp/yaml.h>

#include "common/strings.h"
#include "model/rule_fields.h"
#include "model/yaml_reader.h"
#include "staffeval/model.h"

namespace staffeval {

namespace {

using detail::check_duplicate_keys;
using detail::kRuleFields;
using detail::load_document;
using detail::read_file;
using detail::Reader;
using detail::reads;
using detail::RuleField;
using detail::RuleShape;


void read_pairs(Reader& r, const YAML::Node& n, const std::string& path, const char* x_key,
                const char* y_key, std::vector<std::pair<double, double>>* out) {
  if (!n.IsSequence()) {
    r.error(n, path, Reader::text(n), "must be a list of [x, marks] pairs");
    return;
  }
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node item = n[i];
    const std::string ipath = fmt::format("{}[{}]", path, i);
    double x = 0, y = 0;
    if (item.IsSequence() && item.size() == 2) {
      if (r.get_double(item[0], ipath + "[0]", &x) && r.get_double(item[1], ipath + "[1]", &y))
        out->emplace_back(x, y);
    } else if (item.IsMap()) {
      r.check_keys(item, ipath, {x_key, y_key});
      if (!item[x_key] || !item[y_key]) {
        r.error(item, ipath, Reader::text(item), fmt::format("needs {} and {}", x_key, y_key));
        continue;
      }
      if (r.get_double(item, x_key, ipath, &x) && r.get_double(item, y_key, ipath, &y))
        out->emplace_back(x, y);
    } else {
      r.error(item, ipath, Reader::text(item), "must be [x, marks]");
    }
  }
}

// `below: {zero_at: x}` or `below: {deduct: d, per: p}` of a target_range rule.
void read_side(Reader& r, const YAML::Node& n, const std::string& path, double* zero_at,
               double* slope) {
  if (!n.IsMap()) {
    r.error(n, path, Reader::text(n), "must be {zero_at: x} or {deduct: d, per: p}");
    return;
  }
  r.check_keys(n, path, {"zero_at", "deduct", "per"});
  r.get_double(n, "zero_at", path, zero_at);
  double deduct = Rule::kUnset, per = 1.0;
  if (r.get_double(n, "deduct", path, &deduct)) {
    r.get_double(n, "per", path, &per);
    if (per <= 0) r.error(n["per"], path + ".per", fmt::format("{}", per), "must be > 0");
    else *slope = deduct / per;
  }
}


// The keys a rule type reads. A key of another type is an error: it would be ignored, and the
// model would not say what it does.
std::vector<std::string> rule_keys(RuleKind kind) {
  std::vector<std::string> k;
  for (const RuleField& f : kRuleFields)
    if (reads(f, kind)) k.emplace_back(f.key);
  return k;
}

void check_rule_keys(Reader& r, const YAML::Node& n, const std::string& path, const RuleKind* kind) {
  static const std::vector<std::string> kAll = [] {
    std::vector<std::string> all;
    for (const RuleField& f : kRuleFields) all.emplace_back(f.key);
    return all;
  }();
  if (!kind) {
    r.check_keys(n, path, kAll);
    return;
  }
  const std::vector<std::string> own = rule_keys(*kind);
  std::string list;
  for (const auto& k : own) list += (list.empty() ? "" : ", ") + k;
  for (const auto& kv : n) {
    const std::string key = kv.first.as<std::string>("");
    if (std::find(own.begin(), own.end(), key) != own.end()) continue;
    if (std::find(kAll.begin(), kAll.end(), key) != kAll.end()) {
      r.error(kv.first, path + "." + key, "",
              fmt::format("is not a key of a {} rule, which would ignore it (keys of {}: {})", to_string(*kind),
                          to_string(*kind), list));
      continue;
    }
    r.unknown_key(n, kv.first, path, own);
  }
}

Rule read_rule(Reader& r, const YAML::Node& n, const std::string& path) {
  Rule rule;
  if (!n.IsMap()) {
    r.error(n, path, Reader::text(n), "must be a mapping with a `type`");
    return rule;
  }
  if (!n["type"]) {
    check_rule_keys(r, n, path, nullptr);  // first: a misspelt `type` is reported once, as such
    r.require(n, "type", path + ".type");
  } else {
    const bool rule_known = r.get_enum(n, "type", path, &rule.kind);
    check_rule_keys(r, n, path, rule_known ? &rule.kind : nullptr);
  }
  // A deduction counts something bad (violations, errors), so its natural direction is cost.
  if (rule.kind == RuleKind::kDeduction) rule.direction = Direction::kCost;
  for (const RuleField& f : kRuleFields) {
    const YAML::Node v = n[f.key];
    if (!v || !reads(f, rule.kind)) continue;  // keys of other types are reported above
    const std::string fpath = path + "." + f.key;
    switch (f.shape) {
      case RuleShape::kType: break;
      case RuleShape::kDirection: r.get_enum(n, f.key, path, &rule.direction); break;
      case RuleShape::kCohort: r.get_enum(n, f.key, path, &rule.cohort); break;
      case RuleShape::kNumber:
      case RuleShape::kChanged: r.get_double(n, f.key, path, &(rule.*f.a)); break;
      case RuleShape::kRange:
        if (v.IsSequence() && v.size() == 2) {
          r.get_double(v[0], fpath + "[0]", &(rule.*f.a));
          r.get_double(v[1], fpath + "[1]", &(rule.*f.b));
        } else {
          r.error(v, fpath, Reader::text(v), "must be [low, high] in percent");
        }
        break;
      case RuleShape::kSide: read_side(r, v, fpath, &(rule.*f.a), &(rule.*f.b)); break;
      case RuleShape::kPoints: read_pairs(r, v, fpath, f.label, "marks", &rule.breakpoints); break;
      case RuleShape::kThreshold: {
        const auto stat = v.IsScalar() ? parse_enum<ThresholdStat>(v.Scalar()) : std::nullopt;
        if (stat && *stat != ThresholdStat::kFixed) rule.threshold_stat = *stat;
        else r.get_double(v, fpath, &(rule.*f.a));
        break;
      }
    }
  }
  return rule;
}

// A judgment cell: a number, a fraction `1/3`, or blank (`~`, empty) for a missing judgment.
bool judgment_cell(Reader& r, const YAML::Node& n, const std::string& field, double* out) {
  if (n.IsNull() || (n.IsScalar() && n.Scalar().empty())) {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (n.IsScalar()) {
    const std::string& s = n.Scalar();
    const auto slash = s.find('/');
    if (slash != std::string::npos && slash > 0 && slash + 1 < s.size()) {
      char* e1 = nullptr;
      char* e2 = nullptr;
      const std::string a = s.substr(0, slash), b = s.substr(slash + 1);
      const double num = std::strtod(a.c_str(), &e1), den = std::strtod(b.c_str(), &e2);
      if (e1 == a.c_str() + a.size() && e2 == b.c_str() + b.size() && den != 0) {
        *out = num / den;
        return true;
      }
      r.error(n, field, s, "must be a number, a fraction such as 1/3, or blank");
      return false;
    }
  }
  return r.get_double(n, field, out);
}

// A square matrix written as a list of rows.
bool read_matrix(Reader& r, const YAML::Node& n, const std::string& path, Eigen::MatrixXd* out) {
  if (!n.IsSequence() || n.size() == 0) {
    r.error(n, path, Reader::text(n), "must be a list of rows, e.g. [[1, 3], [1/3, 1]]");
    return false;
  }
  const auto size = static_cast<Eigen::Index>(n.size());
  out->resize(size, size);
  bool ok = true;
  for (std::size_t i = 0; i < n.size(); ++i) {
    const YAML::Node row = n[i];
    const std::string rpath = fmt::format("{}[{}]", path, i);
    if (!row.IsSequence() || row.size() != n.size()) {
      r.error(row, rpath, Reader::text(row), fmt::format("must be a row of {} judgments (the matrix is square)", n.size()));
      ok = false;
      continue;
    }
    for (std::size_t j = 0; j < row.size(); ++j) {
      double v = 0;
      if (judgment_cell(r, row[j], fmt::format("{}[{}]", rpath, j), &v))
        (*out)(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
      else
        ok = false;
    }
  }
  return ok;
}

// `method: topsis` or `method: {name: vikor, v: 0.6, normalization: vector, ...}`.
// Returns the weighted mean (with the error recorded) when the method cannot be read.
GroupScoring read_method(Reader& r, const YAML::Node& n, const std::string& path) {
  MethodOptions options;
  const std::string names = enum_table<Method>().choices() + ", fuzzy";
  // yaml-cpp nodes are references: assigning one would overwrite `n`, so rebind with reset().
  YAML::Node name;
  name.reset(n);
  if (n.IsMap()) {
    std::vector<std::string> keys{"name", "normalization", "rsr_cuts", "grades", "grade_scores", "centers", "operator"};
    for (const MethodParameter& p : method_parameters()) keys.emplace_back(p.name);
    r.check_keys(n, path, keys);
    name.reset(n["name"]);
    if (!name) {
      r.error(n, path + ".name", "", fmt::format("is required: one of {}", names));
      return WeightedMean{};
    }
    if (const YAML::Node nm = n["normalization"]) {
      Normalization v{};
      if (r.get_enum(n, "normalization", path, &v)) options.normalization = v;
    }
    for (const MethodParameter& p : method_parameters()) r.get_double(n, std::string(p.name).c_str(), path, &(options.*p.field));
    if (const YAML::Node cuts = n["rsr_cuts"]) {
      options.rsr_cuts.clear();
      if (!cuts.IsSequence()) r.error(cuts, path + ".rsr_cuts", Reader::text(cuts), "must be a list of probit values");
      else
        for (std::size_t k = 0; k < cuts.size(); ++k) {
          double v = 0;
          if (r.get_double(cuts[k], fmt::format("{}.rsr_cuts[{}]", path, k), &v)) options.rsr_cuts.push_back(v);
        }
    }
  }
  if (name.IsScalar() && name.Scalar() == "fuzzy") {
    FuzzyScoring fz;
    auto numbers = [&](const char* key, Eigen::VectorXd* out) {
      const YAML::Node v = n.IsMap() ? n[key] : YAML::Node();
      if (!v) return;
      if (!v.IsSequence()) {
        r.error(v, path + "." + key, Reader::text(v), "must be a list of numbers");
        return;
      }
      out->resize(static_cast<Eigen::Index>(v.size()));
      for (std::size_t k = 0; k < v.size(); ++k) r.get_double(v[k], fmt::format("{}.{}[{}]", path, key, k), &(*out)[static_cast<Eigen::Index>(k)]);
    };
    if (n.IsMap() && n["grades"] && n["grades"].IsSequence())
      for (std::size_t k = 0; k < n["grades"].size(); ++k) fz.options.grades.push_back(n["grades"][k].as<std::string>(""));
    numbers("grade_scores", &fz.options.grade_scores);
    numbers("centers", &fz.centers);
    if (n.IsMap()) {
      if (const YAML::Node op = n["operator"]) {
        r.get_enum(n, "operator", path, &fz.options.op);
      }
    }
    try {
      fz.options.validate();
    } catch (const OptionsError& err) {
      r.error(n, path + ".grades", Reader::text(n), err.what());
    }
    if (static_cast<std::size_t>(fz.centers.size()) != fz.options.grades.size())
      r.error(n, path + ".centers", fmt::format("{} values", fz.centers.size()),
              fmt::format("needs one share per grade ({}), best grade first", fz.options.grades.size()));
    return fz;
  }
  const auto m = name.IsScalar() ? parse_method(name.Scalar()) : std::nullopt;
  if (!m) {
    r.error(name, n.IsMap() ? path + ".name" : path, Reader::text(name), fmt::format("must be one of {}", names));
    return WeightedMean{};
  }
  options.method = *m;
  // A parameter of another method would be ignored: say so.
  if (n.IsMap()) {
    const auto own = method_parameters(*m);
    std::string names;
    for (const MethodParameter& p : own) names += (names.empty() ? "" : ", ") + std::string(p.name);
    for (const MethodParameter& p : method_parameters()) {
      const YAML::Node v = n[std::string(p.name)];
      if (!v) continue;
      bool mine = false;
      for (const MethodParameter& q : own) mine = mine || q.name == p.name;
      if (!mine)
        r.error(v, path + "." + std::string(p.name), Reader::text(v),
                fmt::format("is not a parameter of {}, which would ignore it ({})", to_string(*m),
                            names.empty() ? std::string("it takes none") : "its parameters: " + names));
    }
  }
  try {
    options.validate();
  } catch (const OptionsError& err) {
    r.error(n, path, Reader::text(n), err.what());
  }
  return options;
}

// How a group (or the model, `prefix` "") is scored: `aggregation` and `power`, or `method`.
// `path` names the mapping for the weighted mean's keys; `prefix` is put before `method`.
void read_scoring(Reader& r, const YAML::Node& n, const std::string& path, const std::string& prefix,
                  const char* what, GroupScoring* out, SourceLocation* location) {
  *location = r.at(n);
  if (const YAML::Node mn = n["method"]) {
    *location = r.at(mn);
    *out = read_method(r, mn, prefix + "method");
    for (const char* key : {"aggregation", "power"})
      if (n[key])
        r.error(n[key], prefix + key, Reader::text(n[key]),
                fmt::format("{} scored by an evaluation `method` has no {}", what, key));
    return;
  }
  WeightedMean mean;
  r.get_enum(n, "aggregation", path, &mean.aggregation);
  r.get_double(n, "power", path, &mean.power);
  *out = mean;
}

WeightingSpec read_weighting(Reader& r, const YAML::Node& n, const std::string& path) {
  WeightingSpec w;
  w.location = r.at(n);
  if (!n.IsMap()) {
    r.error(n, path, Reader::text(n), "must be a mapping with a `method`");
    return w;
  }
  r.check_keys(n, path,
               {"method", "matrix", "matrices", "priority", "random_index", "threshold", "completion",
                "aggregation", "aip_mean", "expert_weights", "allow_inconsistent", "order", "rank_method",
                "basis", "reverse_costs", "sd", "shift", "combine"});
  const std::string methods = "ahp, rank_order, " + enum_table<ObjectiveMethod>().choices();
  // Every key is read whatever the method, so that a misplaced one is still checked; the spec
  // keeps those of its source.
  AhpJudgments ahp;
  RankOrderWeights rank_order;
  ObjectiveOptions objective = ObjectiveOptions::with_basis(WeightBasis::kShares);
  enum class Kind { kNone, kAhp, kRankOrder, kObjective } kind = Kind::kNone;
  if (const YAML::Node m = n["method"]) {
    const std::string s = m.IsScalar() ? m.Scalar() : std::string();
    if (s == "ahp") {
      kind = Kind::kAhp;
    } else if (s == "rank_order") {
      kind = Kind::kRankOrder;
    } else if (auto o = parse_objective_method(s)) {
      kind = Kind::kObjective;
      objective.method = *o;
    } else {
      r.error(m, path + ".method", Reader::text(m), fmt::format("must be one of {}", methods));
    }
  }
  if (const YAML::Node m = n["matrix"]) {
    Eigen::MatrixXd a;
    if (read_matrix(r, m, path + ".matrix", &a)) {
      ahp.matrices.push_back(a);
      ahp.matrix_locations.push_back(r.at(m));
    }
  }
  if (const YAML::Node ms = n["matrices"]) {
    if (n["matrix"]) r.error(ms, path + ".matrices", "", "give `matrix` (one expert) or `matrices` (a panel), not both");
    if (!ms.IsSequence() || ms.size() == 0) {
      r.error(ms, path + ".matrices", Reader::text(ms), "must be a list of matrices, one per expert");
    } else {
      for (std::size_t k = 0; k < ms.size(); ++k) {
        Eigen::MatrixXd a;
        if (read_matrix(r, ms[k], fmt::format("{}.matrices[{}]", path, k), &a)) {
          ahp.matrices.push_back(a);
          ahp.matrix_locations.push_back(r.at(ms[k]));
        }
      }
    }
  }
  r.get_enum(n, "priority", path, &ahp.options.priority);
  r.get_enum(n, "random_index", path, &ahp.options.random_index);
  r.get_double(n, "threshold", path, &ahp.options.threshold);
  r.get_enum(n, "completion", path, &ahp.options.completion);
  r.get_enum(n, "aggregation", path, &ahp.aggregation);
  r.get_enum(n, "aip_mean", path, &ahp.aip_mean);
  if (const YAML::Node ew = n["expert_weights"]) {
    if (!ew.IsSequence()) r.error(ew, path + ".expert_weights", Reader::text(ew), "must be a list of numbers");
    else
      for (std::size_t k = 0; k < ew.size(); ++k) {
        double v = 0;
        if (r.get_double(ew[k], fmt::format("{}.expert_weights[{}]", path, k), &v)) ahp.expert_weights.push_back(v);
      }
  }
  auto get_bool = [&](const char* key, bool* out) {
    const YAML::Node b = n[key];
    if (!b) return;
    const std::string s = b.IsScalar() ? b.Scalar() : std::string();
    if (s == "true" || s == "yes") *out = true;
    else if (s == "false" || s == "no") *out = false;
    else r.error(b, path + "." + key, Reader::text(b), "must be true or false");
  };
  get_bool("allow_inconsistent", &ahp.allow_inconsistent);
  get_bool("reverse_costs", &objective.reverse_costs);
  if (const YAML::Node o = n["order"]) {
    if (!o.IsSequence()) r.error(o, path + ".order", Reader::text(o), "must be a list of child ids, most important first");
    else
      for (std::size_t k = 0; k < o.size(); ++k) rank_order.order.push_back(o[k].as<std::string>(""));
  }
  r.get_enum(n, "rank_method", path, &rank_order.method);
  r.get_enum(n, "basis", path, &objective.basis);
  if (const YAML::Node sd = n["sd"]) {
    const std::string s = sd.IsScalar() ? sd.Scalar() : std::string();
    if (s == "sample" || s == "population") objective.sample_sd = s == "sample";
    else r.error(sd, path + ".sd", Reader::text(sd), "must be sample or population");
  }
  r.get_double(n, "shift", path, &objective.entropy_shift);
  if (const YAML::Node c = n["combine"]) {
    const std::string cpath = path + ".combine";
    if (!c.IsMap()) {
      r.error(c, cpath, Reader::text(c), "must be {with, method, alpha}");
    } else {
      r.check_keys(c, cpath, {"with", "method", "alpha"});
      WeightBlend blend;
      if (const YAML::Node with = c["with"]) {
        const auto o = with.IsScalar() ? parse_objective_method(with.Scalar()) : std::nullopt;
        if (!o) {
          r.error(with, cpath + ".with", Reader::text(with),
                  "must be an objective method: " + enum_table<ObjectiveMethod>().choices());
        } else if (kind == Kind::kObjective) {
          r.error(with, cpath + ".with", with.Scalar(),
                  "blends an objective method with ahp, rank_order or the written weights, not with another "
                  "objective method");
        } else {
          blend.objective = objective;
          blend.objective.method = *o;
        }
      } else {
        r.error(c, cpath + ".with", "", "is required (the objective method to blend with)");
      }
      r.get_enum(c, "method", cpath, &blend.combine.method);
      r.get_double(c, "alpha", cpath, &blend.combine.alpha);
      w.blend = blend;
    }
  }
  if (!n["method"] && !n["combine"]) r.require(n, "method", path + ".method", fmt::format("is required: one of {}", methods));
  switch (kind) {
    case Kind::kAhp: w.source = std::move(ahp); break;
    case Kind::kRankOrder: w.source = std::move(rank_order); break;
    case Kind::kObjective: w.source = ObjectiveWeights{objective}; break;
    case Kind::kNone: break;
  }
  return w;
}

void read_node(Reader& r, const YAML::Node& n, const std::string& path, const std::string& parent,
               bool weighted_by_method, IndicatorModel* model) {
  if (!n.IsMap()) {
    r.error(n, path, Reader::text(n), "must be a mapping with an `id`");
    return;
  }
  Node node;
  node.location = r.at(n);
  if (n["id"]) r.get_string(n, "id", path, &node.id);
  const std::string npath = node.id.empty() ? path : fmt::format("{}({})", path, node.id);
  if (!node.id.empty()) {
    r.record_keys(n, fmt::format("indicators({})", node.id));
    if (n["rule"]) r.record_keys(n["rule"], fmt::format("indicators({}).rule", node.id));
  }
  r.check_keys(n, npath,
               {"id", "name", "name_en", "description", "points", "weight", "parent", "parents",
                "children", "aggregation", "power", "weighting", "method", "value", "unit", "source", "rule",
                "missing", "missing_inputs"});
  if (!n["id"]) r.require(n, "id", path + ".id");
  r.get_string(n, "name", npath, &node.name);
  r.get_string(n, "name_en", npath, &node.name_en);
  r.get_string(n, "description", npath, &node.description);
  r.get_string(n, "unit", npath, &node.unit);
  r.get_string(n, "source", npath, &node.source);

  const bool points = model->weights == WeightMode::kPoints;
  const char* wkey = points ? "points" : "weight";
  const char* other = points ? "weight" : "points";
  if (n[other]) {
    r.error(n[other], npath + "." + other, Reader::text(n[other]),
            fmt::format("this model gives weights as {}: use `{}`", to_string(model->weights), wkey));
  }
  double weight = Rule::kUnset;
  const bool has_weight = r.get_double(n, wkey, npath, &weight);

  if (const YAML::Node ps = n["parents"]) {
    if (!parent.empty() || n["parent"]) {
      r.error(ps, npath + ".parents", "", "cannot be combined with `parent` or nesting");
    }
    if (has_weight) r.error(n[wkey], npath + "." + wkey, "", "give the weight per parent in `parents`");
    if (!ps.IsMap() || ps.size() == 0) {
      r.error(ps, npath + ".parents", Reader::text(ps), "must map parent ids to weights");
    } else {
      for (const auto& kv : ps) {
        ParentLink link;
        link.parent = kv.first.as<std::string>("");
        link.location = r.at(kv.first);
        link.weight_location = r.at(kv.second);
        r.get_double(kv.second, npath + ".parents." + link.parent, &link.weight);
        node.parents.push_back(link);
      }
    }
  } else {
    ParentLink link;
    link.parent = parent;
    link.weight_location = has_weight ? r.at(n[wkey]) : node.location;
    link.location = n["parent"] ? r.at(n["parent"]) : node.location;
    if (n["parent"]) {
      if (!parent.empty()) r.error(n["parent"], npath + ".parent", "", "a nested node has its parent already");
      r.get_string(n, "parent", npath, &link.parent);
      if (link.parent.empty()) r.error(n["parent"], npath + ".parent", "\"\"", "must name a node");
    }
    if (!has_weight) {
      // Under a weighting method the parent's method sets the weight; points stay optional.
      if (points && !weighted_by_method) r.require(n, "points", npath + ".points", "is required in a points model");
      link.weight = 1.0;
    } else {
      link.weight = weight;
    }
    node.parents.push_back(link);
  }

  read_scoring(r, n, npath, npath + ".", "a group", &node.scoring, &node.scoring_location);
  if (const YAML::Node wn = n["weighting"]) node.weighting = read_weighting(r, wn, npath + ".weighting");
  if (const YAML::Node v = n["value"]) {
    if (v.IsScalar()) node.value = v.Scalar();
    else r.error(v, npath + ".value", Reader::text(v), "must be a column id or a formula");
  }
  if (const YAML::Node rule = n["rule"]) node.rule = read_rule(r, rule, npath + ".rule");
  MissingPolicy missing{};
  if (r.get_enum(n, "missing", npath, &missing))
    node.missing = missing;
  r.get_enum(n, "missing_inputs", npath, &node.missing_inputs);

  const YAML::Node children = n["children"];
  if (children) {
    node.group = true;
    if (!n["value"] && n["rule"]) r.error(n["rule"], npath + ".rule", "", "a group has no rule");
  } else if (n["value"] && !n["rule"]) {
    r.require(n, "rule", npath + ".rule", "is required for an indicator");
  }
  const std::string id = node.id;
  const bool children_by_method = !node.weighting.empty();
  model->nodes.push_back(std::move(node));
  if (children) {
    if (!children.IsSequence()) {
      r.error(children, npath + ".children", Reader::text(children), "must be a list");
      return;
    }
    for (std::size_t i = 0; i < children.size(); ++i)
      read_node(r, children[i], fmt::format("{}.children[{}]", npath, i), id.empty() ? "?" : id,
                children_by_method, model);
  }
}

void read_model_root(Reader& r, const YAML::Node& root, IndicatorModel* model) {
  if (!root.IsMap()) {
    r.error(root, "model", Reader::text(root), "must be a mapping with `indicators`");
    return;
  }
  r.check_keys(root, "model",
               {"id", "version", "name", "name_en", "description", "weights", "total", "missing",
                "aggregation", "power", "weighting", "method", "rounding", "coverage", "data", "fields",
                "indicators", "grades", "caps", "language", "veto_rank"});
  const std::string p = "model";
  r.record_keys(root, "");
  if (!root["id"]) r.require(root, "id", "id");
  else r.get_string(root, "id", p, &model->id);
  r.get_string(root, "version", p, &model->version);
  r.get_string(root, "name", p, &model->name);
  r.get_string(root, "name_en", p, &model->name_en);
  r.get_string(root, "description", p, &model->description);
  r.get_enum(root, "weights", p, &model->weights);
  r.get_double(root, "total", p, &model->total);
  r.get_enum(root, "missing", p, &model->missing);
  if (root["language"]) {
    Language lang = Language::kEn;
    if (r.get_enum(root, "language", p, &lang)) model->language = lang;
  }
  r.get_enum(root, "veto_rank", p, &model->veto_rank);
  read_scoring(r, root, p, "", "a model", &model->scoring, &model->scoring_location);
  if (const YAML::Node wn = root["weighting"]) model->weighting = read_weighting(r, wn, "weighting");
  if (const YAML::Node rn = root["rounding"]) {
    if (!rn.IsMap()) {
      r.error(rn, "rounding", Reader::text(rn), "must be {scope, decimals, mode}");
    } else {
      r.check_keys(rn, "rounding", {"scope", "decimals", "mode"});
      r.record_keys(rn, "rounding");
      r.get_enum(rn, "scope", "rounding", &model->rounding.scope);
      double d = model->rounding.decimals;
      if (r.get_double(rn, "decimals", "rounding", &d)) {
        if (d != std::floor(d) || d < 0 || d > 12)
          r.error(rn["decimals"], "rounding.decimals", rn["decimals"].Scalar(), "must be an integer in [0, 12]");
        else model->rounding.decimals = static_cast<int>(d);
      }
      r.get_enum(rn, "mode", "rounding", &model->rounding.mode);
    }
  }
  if (const YAML::Node cv = root["coverage"]) {
    if (!cv.IsMap()) {
      r.error(cv, "coverage", Reader::text(cv), "must be {min, of}");
    } else {
      r.check_keys(cv, "coverage", {"min", "of"});
      r.record_keys(cv, "coverage");
      r.get_double(cv, "min", "coverage", &model->coverage.min);
      r.get_enum(cv, "of", "coverage", &model->coverage.of);
    }
  }
  if (const YAML::Node d = root["data"]) {
    if (!d.IsMap()) {
      r.error(d, "data", Reader::text(d), "must be {id, name, class}");
    } else {
      r.check_keys(d, "data", {"id", "name", "class"});
      r.record_keys(d, "data");
      r.get_string(d, "id", "data", &model->id_column);
      std::string column;
      if (r.get_string(d, "name", "data", &column)) model->name_column = column;
      if (r.get_string(d, "class", "data", &column)) model->class_column = column;
    }
  }
  if (const YAML::Node fs = root["fields"]) {
    if (!fs.IsMap()) {
      r.error(fs, "fields", Reader::text(fs), "must map field ids to their description");
    } else {
      for (const auto& kv : fs) {
        Field f;
        f.id = kv.first.as<std::string>("");
        f.location = r.at(kv.first);
        const std::string fp = "fields." + f.id;
        const YAML::Node v = kv.second;
        if (v.IsNull()) {
          model->fields.push_back(f);
          continue;
        }
        if (!v.IsMap()) {
          r.error(v, fp, Reader::text(v), "must be a mapping");
          continue;
        }
        r.check_keys(v, fp, {"header", "label", "label_en", "unit", "source", "cost_minutes", "min", "max"});
        r.record_keys(v, fp);
        r.record(fp, kv.first);
        r.get_string(v, "header", fp, &f.header);
        r.get_string(v, "label", fp, &f.label);
        r.get_string(v, "label_en", fp, &f.label_en);
        r.get_string(v, "unit", fp, &f.unit);
        r.get_string(v, "source", fp, &f.source);
        r.get_double(v, "cost_minutes", fp, &f.cost_minutes);
        r.get_double(v, "min", fp, &f.min);
        r.get_double(v, "max", fp, &f.max);
        model->fields.push_back(f);
      }
    }
  }
  const YAML::Node inds = root["indicators"];
  if (!inds) {
    r.require(root, "indicators", "indicators");
  } else if (!inds.IsSequence()) {
    r.error(inds, "indicators", Reader::text(inds), "must be a list");
  } else {
    for (std::size_t i = 0; i < inds.size(); ++i)
      read_node(r, inds[i], fmt::format("indicators[{}]", i), "", !model->weighting.empty(), model);
  }
  if (const YAML::Node gs = root["grades"]) {
    model->grades.clear();
    r.each_mapping(gs, "grades", "{name, min}", [&](const YAML::Node& g, const std::string& gp) {
      r.check_keys(g, gp, {"name", "name_en", "min"});
      r.record_keys(g, gp);
      GradeBand band;
      if (!g["name"]) r.require(g, "name", gp + ".name");
      else r.get_string(g, "name", gp, &band.name);
      r.get_string(g, "name_en", gp, &band.name_en);
      if (!g["min"]) r.require(g, "min", gp + ".min");
      else r.get_double(g, "min", gp, &band.min);
      model->grades.push_back(band);
    });
  }
  if (const YAML::Node cs = root["caps"]) {
    r.each_mapping(cs, "caps", "{id, when, max_grade, reason}", [&](const YAML::Node& c, const std::string& cp) {
      r.check_keys(c, cp, {"id", "when", "max_grade", "reason", "if_missing"});
      r.record_keys(c, cp);
      Cap cap;
      cap.location = r.at(c);
      r.get_string(c, "id", cp, &cap.id);
      if (!c["when"]) r.require(c, "when", cp + ".when");
      else r.get_string(c, "when", cp, &cap.when);
      if (!c["max_grade"]) r.require(c, "max_grade", cp + ".max_grade");
      else r.get_string(c, "max_grade", cp, &cap.max_grade);
      r.get_string(c, "reason", cp, &cap.reason);
      r.get_enum(c, "if_missing", cp, &cap.if_missing);
      if (cap.id.empty()) cap.id = fmt::format("cap{}", model->caps.size() + 1);
      model->caps.push_back(cap);
    });
  }
}

std::vector<Diagnostic> read_from_text(const std::string& bytes, const std::string& name,
                                       IndicatorModel* model) {
  *model = IndicatorModel{};
  model->file = name;
  model->grades = default_grades();
  Reader r(name, &model->locations);
  const YAML::Node root = load_document(bytes, name, "model", &r);
  try {
    read_model_root(r, root, model);
  } catch (const YAML::Exception& e) {
    r.diagnostics().push_back({Severity::kError, r.at(e.mark), "yaml", "", e.msg});
  }
  auto diagnostics = std::move(r.diagnostics());
  // Meaning is checked only on a model whose shape could be read: a half-read model would
  // produce follow-on errors that only confuse.
  if (std::none_of(diagnostics.begin(), diagnostics.end(),
                   [](const Diagnostic& d) { return d.severity == Severity::kError; })) {
    auto more = validate(*model);
    diagnostics.insert(diagnostics.end(), more.begin(), more.end());
  }
  return diagnostics;
}

IndicatorModel load_checked(const std::string& text, const std::string& name) {
  IndicatorModel model;
  auto diagnostics = read_from_text(text, name, &model);
  if (std::any_of(diagnostics.begin(), diagnostics.end(),
                  [](const Diagnostic& d) { return d.severity == Severity::kError; }))
    throw ModelError(std::move(diagnostics));
  return model;
}

}  // namespace

std::vector<GradeBand> default_grades() {
  return {{"优秀", "excellent", 90.0}, {"良好", "good", 80.0}, {"合格", "pass", 60.0},
          {"不合格", "fail", 0.0}};
}

IndicatorModel load_model(const std::string& path) { return load_checked(read_file(path), path); }

IndicatorModel load_model_from_string(const std::string& yaml, const std::string& name) {
  return load_checked(yaml, name);
}

std::vector<Diagnostic> read_model(const std::string& path, IndicatorModel* model) {
  return read_from_text(read_file(path), path, model);
}

}  // namespace staffeval
