// IndicatorModel's lookups: a key path's source location, nodes and fields by id; its language.
#include <string>

#include "common/language.h"
#include "staffeval/model.h"

namespace staffeval {

SourceLocation IndicatorModel::where(std::string_view path) const {
  std::string p(path);
  for (;;) {
    const auto it = locations.find(p);
    if (it != locations.end()) return it->second;
    // The last `.` or `[` outside parentheses: node ids such as `A1.1` stay whole.
    std::size_t cut = std::string::npos;
    int depth = 0;
    for (std::size_t i = 0; i < p.size(); ++i) {
      if (p[i] == '(') ++depth;
      else if (p[i] == ')') --depth;
      else if (depth == 0 && (p[i] == '.' || p[i] == '[')) cut = i;
    }
    if (cut == std::string::npos || cut == 0) break;
    p.resize(cut);
  }
  return {file, 0, 0};
}

int IndicatorModel::find_node(std::string_view node_id) const {
  for (std::size_t i = 0; i < nodes.size(); ++i)
    if (nodes[i].id == node_id) return static_cast<int>(i);
  return -1;
}

int IndicatorModel::find_field(std::string_view field_id) const {
  for (std::size_t i = 0; i < fields.size(); ++i)
    if (fields[i].id == field_id) return static_cast<int>(i);
  return -1;
}

Language model_language(const IndicatorModel& model) {
  if (model.language) return *model.language;
  if (detail::has_han(model.name)) return Language::kZh;
  for (const auto& n : model.nodes)
    if (detail::has_han(n.name)) return Language::kZh;
  return Language::kEn;
}

}  // namespace staffeval
