// Weight sources (private): where a group's children take their weights from, as the plan holds
// it. One of the scoring layer's two extension points (the other is group_scorers.h): a new kind
// of weights is a WeightingSpec alternative in the model, a class here and a case in
// make_weight_source(); evaluate() calls only this interface.
#pragma once

#include <limits>
#include <memory>
#include <string>
#include <vector>

#include <Eigen/Core>

#include "staffeval/model.h"

namespace staffeval::detail {

// The weights a source fixes before any data is seen: AHP (one matrix or a panel), rank order,
// or the written ones. Also the AHP figures for reports.
struct FixedWeights {
  Eigen::VectorXd weights;  // sum to 1
  std::string method;       // "ahp", "ahp panel of 3 (aij)", "rank_order (roc)", "written"
  double cr = std::numeric_limits<double>::quiet_NaN();
  bool consistent = true;
  std::string report;  // brief report of the method
  std::vector<std::string> warnings;
};

class WeightSource {
 public:
  explicit WeightSource(FixedWeights fixed) : fixed_(std::move(fixed)) {}
  virtual ~WeightSource() = default;
  WeightSource(const WeightSource&) = delete;
  WeightSource& operator=(const WeightSource&) = delete;

  // The weights before any data is seen (a data-driven source blends with them, or ignores them).
  const FixedWeights& fixed() const { return fixed_; }
  // True when the weights depend on the data being scored.
  virtual bool data_driven() const { return false; }
  // The objective basis a data-driven source reads (shares, or raw or min-max values).
  virtual WeightBasis basis() const { return WeightBasis::kShares; }
  // The weights for one evaluation from the children's columns `x` (units x children, in the
  // basis above) with their directions; `record` holds the fixed record, to be completed.
  virtual void weigh(const Eigen::MatrixXd& x, const std::vector<std::string>& child_ids,
                     const std::vector<Direction>& directions, GroupWeights* record) const;

 private:
  FixedWeights fixed_;
};

// The source a spec describes. Its fixed part is computed here, once: judgments that cannot be
// weighed, or that are inconsistent without `allow_inconsistent`, add model diagnostics located
// at the matrix (with the judgment that contributes most and a revision that would fix it) and
// give the written weights in their place. `owner` is the field path of the group
// (`indicators(P1).weighting` or `weighting`); `written` the children's written weights.
std::shared_ptr<const WeightSource> make_weight_source(const IndicatorModel& model, const WeightingSpec& spec,
                                                       const std::string& owner,
                                                       const std::vector<std::string>& children,
                                                       const Eigen::VectorXd& written,
                                                       std::vector<Diagnostic>* diagnostics);

// The record of fixed weights for a result: group id ("" = the top level) and child ids.
GroupWeights group_weights(const FixedWeights& f, const std::string& group, const std::vector<std::string>& children);

// Every warning of the groups' weightings, as `weights of G: ...` lines.
std::vector<std::string> weighting_warnings(const std::vector<GroupWeights>& groups);

}  // namespace staffeval::detail
