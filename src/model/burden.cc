// The collection burden of a model: the raw fields its indicators and caps read (model.h).
#include <algorithm>

#include <fmt/format.h>

#include "model/formula.h"
#include "staffeval/model.h"

namespace staffeval {

Burden burden(const IndicatorModel& model) {
  Burden b;
  std::vector<Diagnostic> problems;
  auto read = [&](const std::string& text, const SourceLocation& at, const std::string& field,
                  std::vector<std::string>* own) {
    const detail::FormulaSyntax f = detail::parse_formula(text);
    if (!f.ok) {
      problems.push_back({Severity::kError, at, field, text, fmt::format("does not parse: {}", f.message)});
      return;
    }
    for (const auto& name : f.variables) {
      // A declared field by id or by header, else the column itself.
      std::string id = name;
      for (const auto& fd : model.fields)
        if (fd.id == name || (!fd.header.empty() && fd.header == name)) id = fd.id;
      if (own && std::find(own->begin(), own->end(), id) == own->end()) own->push_back(id);
      if (std::find(b.fields.begin(), b.fields.end(), id) != b.fields.end()) continue;
      b.fields.push_back(id);
      const int k = model.find_field(id);
      const double cost = k >= 0 ? model.fields[static_cast<std::size_t>(k)].cost_minutes : 0.0;
      if (k < 0 || !(cost > 0)) b.uncosted.push_back(id);
      else b.minutes_per_unit += cost;
    }
  };
  for (const auto& n : model.nodes) {
    if (n.group) continue;
    ++b.indicators;
    b.indicator_ids.push_back(n.id);
    b.indicator_fields.emplace_back();
    read(n.value, n.location, fmt::format("indicators({}).value", n.id), &b.indicator_fields.back());
  }
  for (std::size_t k = 0; k < model.caps.size(); ++k)
    read(model.caps[k].when, model.caps[k].location, fmt::format("caps[{}].when", k), nullptr);
  if (!problems.empty()) throw ModelError(std::move(problems));
  return b;
}

}  // namespace staffeval
