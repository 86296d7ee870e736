// The linear form of an evaluation and weight moves, shared by the weight analyses
// (Monte Carlo, critical changes, one at a time). Internal.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "staffeval/sensitivity.h"

namespace staffeval::detail {

/// Global weight of every leaf (Plan::leaf_ids() order) under edge weights `w`: top down, each
/// edge's share of its group times the parent's global weight, summed over a leaf's parents.
void leaf_globals(const Plan& plan, const double* w, double* out);

/// The linear form of an evaluation, when it has one: every group a weighted arithmetic mean,
/// no unit missing a share, no rounding of indicators. A unit's total is then its leaf shares
/// times the leaves' points under the edge weights (leaf_globals x points_per_weight), rounded as
/// the total is; its grade is the band of that total, no better than its caps allow.
struct Linear {
  bool ok = false;
  std::string why_not;  ///< When not ok: why, for reports.
  Eigen::MatrixXd shares;          ///< units x leaves
  double points_per_weight = 100;  ///< the model's total in a points model, else 100
  std::vector<int> cap_floor;      ///< per unit: the worst grade a cap allows (-1: none)
  std::vector<double> band_min;    ///< the grades' minimums, best first
  RoundingPolicy rounding;

  /// The total as the evaluation rounds it.
  double finish(double total) const;
  /// Unit i's grade (0 = best) for a finished total.
  int grade(std::size_t i, double finished_total) const;
};

/// The linear form, checked against the evaluation's own totals (ok = false when it does not
/// apply or does not reproduce them to 1e-9).
Linear linear_form(const Plan& plan, const Table& table, const ScoringOptions& base);

/// Units x leaves, samples in columns: row-major leaves x samples (the points of every leaf in
/// every sample).
using RowMatrix = Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>;

/// Totals of units [i0, i1) in samples [s0, s1) of the linear form: sum over leaves j, in leaf
/// order, of shares(i, j) * points(j, s), added from 0. Every pass of an analysis goes through this
/// one kernel with one order of operations, so a unit's score in a sample is the same double
/// whichever pass computes it (a matrix product library may sum in any order). Unit i, sample s at
/// out[(s - s0) * ld + (i - i0)] when by_sample, else at out[(i - i0) * ld + (s - s0)].
void linear_totals(const Eigen::MatrixXd& shares, const RowMatrix& points, std::size_t i0, std::size_t i1,
                   std::size_t s0, std::size_t s1, bool by_sample, double* out, std::size_t ld);

/// The group (top or a PlanGroup) each edge belongs to.
std::vector<const PlanGroup*> group_of_edges(const Plan& plan);

/// Edge weights with edge `e` moved by the relative change `change` (w_e (1 + change)) and the
/// other weights of its group making room as `rescale` says, the group's total kept. Not clipped:
/// `valid` says whether every weight stays >= 0 and the moved share <= 1.
Eigen::VectorXd moved_weights(const PlanGroup& group, const Eigen::VectorXd& w0, int e, double change, Rescale rescale,
                              bool* valid);

/// The relative changes of edge `e` that keep every weight of its group >= 0: [low, high]
/// (both 0 for a lone child, whose share is 1 whatever its weight).
std::pair<double, double> change_range(const PlanGroup& group, const Eigen::VectorXd& w0, int e, Rescale rescale);

}  // namespace staffeval::detail
