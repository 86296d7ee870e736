// The hierarchy of a model as a graph: edges, group flags and a topological order (private).
#pragma once

#include <utility>
#include <vector>

#include "staffeval/model.h"

namespace staffeval::detail {

struct Edge {
  int parent = -1;  // node index; -1 = the implicit root (the whole model)
  int child = -1;
  double weight = 0.0;
  const ParentLink* link = nullptr;
};

struct Hierarchy {
  std::vector<Edge> edges;                // one per parent link that resolved
  std::vector<std::vector<int>> children;  // per node: indices into `edges`
  std::vector<int> top;                    // edges from the root
  std::vector<bool> is_group;
  std::vector<int> order;                  // children before parents (valid when acyclic)
  bool acyclic = true;
  std::vector<int> cycle;                  // node indices of one cycle, when not acyclic
};

// Builds the hierarchy with Boost.Graph; appends diagnostics for duplicate ids, dangling and
// self parents, cycles, empty groups and leaves without a value.
Hierarchy build_hierarchy(const IndicatorModel& model, std::vector<Diagnostic>* diagnostics);

}  // namespace staffeval::detail
