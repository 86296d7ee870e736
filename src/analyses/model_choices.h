// Modelling choices of an uncertainty specification (ModelChoice): the model with an alternative
// of every choice in place, compiled once per combination, and the weights a sample starts from.
// Internal.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "common/random.h"
#include "staffeval/sensitivity.h"

namespace staffeval::detail {

/// The alternatives one sample takes: per choice, the alternative's index (discrete choices) or
/// alpha (blends; their index is -1).
struct ChoicePick {
  std::vector<int> index;
  std::vector<double> alpha;
};

/// One combination of discrete alternatives: its plan, the weights its nominal evaluation used
/// and, per blend choice, the group's edge weights under its own source alone (first) and under
/// the objective method alone (second).
struct Variant {
  Plan plan;
  Eigen::VectorXd weights;
  std::vector<std::pair<Eigen::VectorXd, Eigen::VectorXd>> blends;
};

class Variants {
 public:
  /// Checks every alternative on its own against the data (compiled and evaluated with the rest
  /// of the model as it is). @throws ModelError / DataError naming the choice and alternative.
  Variants(const Plan& plan, const Table& table, const ScoringOptions& options, const UncertaintySpec& spec);

  /// One sample's alternatives, from its own stream.
  ChoicePick draw(Random& r) const;
  /// The pick of a design point: coordinate u[c] in [0, 1) of every choice c.
  ChoicePick place(const double* u) const;
  /// The variant of a pick's discrete alternatives (compiled and evaluated when first asked for;
  /// safe from several threads).
  const Variant& get(const ChoicePick& pick);
  /// The weights a sample of `v` starts from: its nominal weights with every blended group's
  /// edges mixed by the pick's alpha (the group's sum kept).
  Eigen::VectorXd weights(const Variant& v, const ChoicePick& pick) const;
  /// The name of a pick's alternative of choice c (a blend: alpha's quarter of its range).
  std::string alternative(std::size_t c, const ChoicePick& pick) const;
  /// The names alternative() gives for choice c, in order, and the index of a pick's among them.
  std::vector<std::string> alternatives(std::size_t c) const;
  int slot(std::size_t c, const ChoicePick& pick) const;

  const std::vector<ModelChoice>& choices() const { return choices_; }

 private:
  IndicatorModel model_with(const std::vector<int>& index) const;
  std::unique_ptr<Variant> make(const std::vector<int>& index) const;

  const Plan& plan_;
  const Table& table_;
  ScoringOptions options_;
  std::vector<ModelChoice> choices_;
  std::vector<std::vector<int>> blend_edges_;  // per choice: the blended group's edges (else empty)
  std::mutex mutex_;
  std::map<std::vector<int>, std::unique_ptr<Variant>> cache_;
};

}  // namespace staffeval::detail
