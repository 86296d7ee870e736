/// @file analyses.h
/// Analyses of a model and of an evaluation: the weights a model or an evaluation used,
/// objective weights of a model's leaves, obstacle degrees. They read the public result and plan
/// only (scoring.h) and sit above the scoring layer (docs/architecture.md).
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/data.h"
#include "staffeval/dea.h"
#include "staffeval/export.h"
#include "staffeval/model.h"
#include "staffeval/scoring.h"
#include "staffeval/weighting.h"

namespace staffeval {

/// Local and global weights of every node of a model, synthesised down the hierarchy from the
/// written weights and the judgment-based weightings (AHP matrices, rank orders): the global
/// weight of a node is the product of the local weights on its path (summed over the paths of
/// a DAG), its points that times the model's total.
struct STAFFEVAL_EXPORT ModelWeights {
  std::vector<std::string> node_ids;  ///< Model order.
  std::vector<std::string> node_names;  ///< The nodes' names (empty where a node has none).
  Language language = Language::kEn;    ///< Of the reports (the model's, or the scoring result's).
  std::vector<int> depth;             ///< 1 for top-level nodes.
  std::vector<bool> is_group;
  Eigen::VectorXd local;   ///< Weight within the parent (first parent for DAG nodes), sums to 1 per group.
  Eigen::VectorXd global;  ///< Leaves' global weights sum to 1.
  Eigen::VectorXd points;  ///< global * total (points models) or * 100.
  std::vector<GroupWeights> groups;  ///< The groups weighted by a method, children first.
  std::vector<std::string> warnings;

  std::string brief_report() const;
  /// One line per node, indented by depth: id, name, local weight, global weight, points.
  std::string full_report() const;
};

/// The weights of `model` without data.
/// @throws ModelError for an invalid model; OptionsError when a group's weights come from the
///         data (entropy, CRITIC, ...): evaluate the model and read ScoringResult::weightings.
STAFFEVAL_EXPORT ModelWeights model_weights(const IndicatorModel& model);

/// The weights an evaluation used (data-driven weightings included).
STAFFEVAL_EXPORT ModelWeights model_weights(const ScoringResult& result);

/// Objective weights of a model's leaves from an evaluation (Kept::kFull for the raw and
/// min-max bases, at least Kept::kShares for the shares basis). Directions are the leaves'
/// rule directions.
STAFFEVAL_EXPORT WeightResult objective_weights(const ScoringResult& result,
                                                const ObjectiveOptions& options = {});

/// Obstacle degrees (障碍度) of every indicator for every unit: with factor contribution F_j
/// (the indicator's global weight under the weights used) and deviation I_ij = 1 - share_ij,
/// O_ij = F_j I_ij / sum_k F_k I_ik. The indicators with the largest degrees are what holds a
/// unit's score back most: what it should fix first.
struct STAFFEVAL_EXPORT ObstacleResult {
  std::vector<std::string> unit_ids;
  /// One per unit, or empty: no names known (shown next to the ids where given).
  std::vector<std::string> unit_names;

  Language language = Language::kEn;        ///< Of the reports (the scoring result's).
  std::vector<std::string> indicators;      ///< Leaf ids.
  std::vector<std::string> indicator_names;  ///< Leaf labels.
  Eigen::VectorXd score;                    ///< The units' total scores.
  std::vector<int> rank;
  /// units x indicators, in [0, 1], each row summing to 1 (NaN where the indicator is missing;
  /// a row of zeros for a unit with full marks everywhere).
  Eigen::MatrixXd degree;
  /// units x indicators: the points each indicator lost (F_j I_ij in points).
  Eigen::MatrixXd lost_points;

  /// The result cut down to unit `unit` (an index into unit_ids); its rank stays the overall one.
  ObstacleResult only(std::size_t unit) const;
  /// Indicator indices of unit i by degree, largest first, at most `top`.
  std::vector<std::size_t> top(std::size_t unit, std::size_t top) const;
  std::string brief_report() const;
  /// One line per unit (best first): its `top` obstacles with their degrees.
  std::string full_report(std::size_t top = 3) const;
};

/// Obstacle degrees of an evaluation (at least Kept::kShares).
/// @throws OptionsError for an evaluation without shares.
STAFFEVAL_EXPORT ObstacleResult obstacle_degrees(const ScoringResult& result);

/// The Malmquist index (dea.h) between two periods' data tables with units matched by id: the
/// later table's units in its order, each with its row of the earlier table. A unit of the
/// later table that the earlier one lacks gets no index (NaN), and one warning says how many.
/// @throws DataError as select_columns() for either table, and as malmquist().
STAFFEVAL_EXPORT MalmquistResult malmquist(const Table& earlier, const Table& later,
                                           const std::vector<std::string>& inputs,
                                           const std::vector<std::string>& outputs,
                                           const MalmquistOptions& options = {});

/// Memberships from survey votes in a table (fuzzy_evaluate()): column `CRITERION:GRADE` holds
/// the votes for GRADE on CRITERION. One criteria x grades matrix per unit, each row divided by
/// its total (membership_from_votes()); a blank count is no votes, and a criterion without any
/// vote is skipped in the composition.
/// @throws DataError as select_columns() naming every missing `CRITERION:GRADE` column.
STAFFEVAL_EXPORT std::vector<Eigen::MatrixXd> vote_memberships(const Table& table,
                                                               const std::vector<std::string>& criteria,
                                                               const std::vector<std::string>& grades);

}  // namespace staffeval
