/// @file dea.h
/// Data envelopment analysis: how efficiently each unit turns inputs (headcount, budget) into
/// outputs (workload, services), CCR and BCC, input- or output-oriented, with slacks (redundant
/// inputs), scale efficiency, super-efficiency and the Malmquist productivity index. The linear
/// programs are solved with COIN-OR CLP.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Eigen/Core>

#include "staffeval/error.h"
#include "staffeval/enum_table.h"
#include "staffeval/export.h"

namespace staffeval {

/// Returns to scale of the reference technology.
enum class DeaModel {
  kCcr,  ///< `ccr`: constant returns to scale (Charnes, Cooper & Rhodes 1978).
  kBcc,  ///< `bcc`: variable returns to scale, sum of lambda = 1 (Banker, Charnes & Cooper 1984).
};

/// What the radial measure moves.
enum class DeaOrientation {
  kInput,   ///< `input`: the smallest theta with theta x_o still producing y_o.
  kOutput,  ///< `output`: the largest phi with x_o producing phi y_o; efficiency = 1 / phi.
};

template <>
STAFFEVAL_EXPORT const EnumTable<DeaModel>& enum_table<DeaModel>();
template <>
STAFFEVAL_EXPORT const EnumTable<DeaOrientation>& enum_table<DeaOrientation>();
STAFFEVAL_EXPORT std::string_view to_string(DeaModel v);
STAFFEVAL_EXPORT std::string_view to_string(DeaOrientation v);
STAFFEVAL_EXPORT std::optional<DeaModel> parse_dea_model(std::string_view s);
STAFFEVAL_EXPORT std::optional<DeaOrientation> parse_dea_orientation(std::string_view s);

/// Options of dea().
struct STAFFEVAL_EXPORT DeaOptions {
  DeaModel model = DeaModel::kCcr;
  DeaOrientation orientation = DeaOrientation::kInput;
  /// Also compute super-efficiency (Andersen & Petersen 1993): each unit against the others
  /// only, so efficient units get scores above 1 and can be ranked.
  bool super_efficiency = false;
  /// Threads solving the units' linear programs (0 = one per core). Each unit's programs are
  /// the same whatever the count, so the results are too.
  int threads = 0;
};

/// Result of dea(), one entry per unit (rows in input order).
struct STAFFEVAL_EXPORT DeaResult {
  std::vector<std::string> unit_ids, inputs, outputs;
  /// One per unit, or empty: no names known (shown next to the ids where given).
  std::vector<std::string> unit_names;

  DeaModel model = DeaModel::kCcr;
  DeaOrientation orientation = DeaOrientation::kInput;
  /// Radial efficiency in (0, 1] under the chosen model: theta (input orientation) or 1 / phi.
  Eigen::VectorXd efficiency;
  Eigen::VectorXd theta;  ///< Input orientation: theta; output orientation: NaN.
  Eigen::VectorXd phi;    ///< Output orientation: phi >= 1; input orientation: NaN.
  /// Both technical efficiencies (same orientation) and scale efficiency = CCR / BCC.
  Eigen::VectorXd ccr, bcc, scale_efficiency;
  /// `constant`, `increasing` or `decreasing` returns to scale, from scale efficiency and the
  /// sum of the CCR lambdas (Banker 1984; with several optimal lambdas the sign is one of them).
  std::vector<std::string> returns_to_scale;
  /// Slacks left after the radial move (second phase: the largest total slack), units x
  /// inputs and units x outputs.
  Eigen::MatrixXd input_slacks, output_slacks;
  /// Projections on the frontier: targets = theta x - s- (input orientation) or x - s-, and
  /// y + s+ or phi y + s+. `input_excess` = x - input target: with headcount as an input, the
  /// redundant headcount.
  Eigen::MatrixXd input_targets, output_targets, input_excess;
  /// Output target - y: how much more each output should be on the frontier.
  Eigen::MatrixXd output_shortfall;
  /// units x units: the optimal lambdas (peer weights) of the chosen model.
  Eigen::MatrixXd lambdas;
  /// Super-efficiency (NaN when not asked for, or infeasible, as BCC can be).
  Eigen::VectorXd super_efficiency;
  bool super = false;  ///< Super-efficiency was computed.
  /// Ranks by efficiency (by super-efficiency when computed; a unit whose super-efficiency is
  /// infeasible ranks first), 1 = best, ties share.
  std::vector<int> rank;
  std::vector<std::string> warnings;
  /// Language of the reports (set by the caller; the warnings are English).
  Language language = Language::kEn;

  std::string brief_report() const;
  std::string full_report() const;
};

/// Evaluates every unit against the frontier of all units. Inputs and outputs are units x
/// inputs and units x outputs matrices of values >= 0; every unit needs some positive input
/// and some positive output. Units with a missing value are left out with a warning (NaN
/// results). Warns when the units are few for the number of inputs and outputs (fewer than
/// max(m s, 3 (m + s)), Cooper, Seiford & Tone 2007).
/// @throws DataError naming unit and column for a negative value or a unit without inputs or
///         outputs; ComputeError when the LP solver fails; OptionsError for threads < 0.
STAFFEVAL_EXPORT DeaResult dea(const Eigen::MatrixXd& inputs, const Eigen::MatrixXd& outputs,
                               const std::vector<std::string>& unit_ids,
                               const std::vector<std::string>& input_names,
                               const std::vector<std::string>& output_names,
                               const DeaOptions& options = {});

/// Malmquist productivity index between two periods (Färe, Grosskopf, Norris & Zhang 1994),
/// from input-oriented CCR distance functions: M = EC x TC with efficiency change
/// EC = D1(x1, y1) / D0(x0, y0) and technical change
/// TC = sqrt(D0(x1, y1) / D1(x1, y1) x D0(x0, y0) / D1(x0, y0)). M > 1: productivity grew.
struct STAFFEVAL_EXPORT MalmquistResult {
  std::vector<std::string> unit_ids;
  /// One per unit, or empty: no names known (shown next to the ids where given).
  std::vector<std::string> unit_names;

  Eigen::VectorXd malmquist, efficiency_change, technical_change;
  /// The four distances: d00 = D0(x0, y0), d01 = D0(x1, y1), d10 = D1(x0, y0), d11 = D1(x1, y1).
  Eigen::VectorXd d00, d01, d10, d11;
  std::vector<std::string> warnings;
  /// Language of the reports (set by the caller; the warnings are English).
  Language language = Language::kEn;

  std::string brief_report() const;
  std::string full_report() const;
};

/// Options of malmquist().
struct STAFFEVAL_EXPORT MalmquistOptions {
  /// Threads solving the units' distance functions (0 = one per core); results do not depend on it.
  int threads = 0;
};

/// The units are matched by row: row i of both periods is the same unit.
/// @throws DataError when the periods' shapes differ, and as dea(); OptionsError for threads < 0.
STAFFEVAL_EXPORT MalmquistResult malmquist(const Eigen::MatrixXd& inputs0, const Eigen::MatrixXd& outputs0,
                                           const Eigen::MatrixXd& inputs1, const Eigen::MatrixXd& outputs1,
                                           const std::vector<std::string>& unit_ids,
                                           const MalmquistOptions& options = {});

}  // namespace staffeval
