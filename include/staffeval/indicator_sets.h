/// @file indicator_sets.h
/// Benchmarking indicator sets against each other: a hierarchical model flattened into a
/// single-level one whose indicators carry their effective weights.
#pragma once

#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/export.h"
#include "staffeval/model.h"
#include "staffeval/scoring.h"

namespace staffeval {

/// A model flattened into one level (flatten()).
struct STAFFEVAL_EXPORT FlattenResult {
  /// The single-level model: the leaves in model order, each weighted by its effective weight
  /// (points x the total in a points model), with every other setting kept (fields, rules with
  /// their full marks made explicit, missing-value policies, caps, grades, rounding, coverage).
  IndicatorModel model;
  std::vector<std::string> indicators;  ///< The leaves, in model order.
  /// Effective (global) weight of each: the product of the normalised weights along each path
  /// from the top, summed over the paths of an indicator under several groups; sums to 1.
  Eigen::VectorXd weights;
  /// True when the flat model scores as the hierarchy does: every group (and the top level) a
  /// weighted arithmetic mean. Otherwise `notes` says which groups it approximates, and how.
  bool exact = true;
  /// What the flat model approximates, and when its totals can differ (non-arithmetic groups,
  /// missing values skipped within a group).
  std::vector<std::string> notes;

  std::string brief_report() const;
  /// The indicators with their effective weights and points, then the notes.
  std::string full_report() const;
};

/// Flattens a model whose weights do not depend on the data (written, AHP, rank order), with
/// the weights its hierarchy gives (model_weights()).
/// @throws ModelError for an invalid model; OptionsError when a group's weights come from the
///         data (flatten an evaluation's result instead).
STAFFEVAL_EXPORT FlattenResult flatten(const IndicatorModel& model);
/// Flattens the model of an evaluation with the weights that evaluation used (data-driven ones
/// as computed on its data, or ScoringOptions::edge_weights).
STAFFEVAL_EXPORT FlattenResult flatten(const ScoringResult& result);

}  // namespace staffeval
