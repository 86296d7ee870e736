// Group scorers: an evaluation method's index, or fuzzy comprehensive evaluation.
#include "scoring/group_scorers.h"

#include <variant>

#include "staffeval/methods.h"

namespace staffeval::detail {

namespace {

// 100 x the method's index (VIKOR: 100 x (1 - Q)), the children all benefits.
class MethodScorer final : public GroupScorer {
 public:
  explicit MethodScorer(MethodOptions options) : options_(std::move(options)) {}
  void score(const Eigen::MatrixXd& x, const SharedStrings& unit_ids,
             const std::vector<std::string>& child_ids, const Eigen::VectorXd& weights, Eigen::VectorXd* scores,
             GroupEvaluation* e) const override {
    const std::vector<Direction> dirs(child_ids.size(), Direction::kBenefit);
    const MethodResult r = rank_alternatives(x, unit_ids, child_ids, dirs, weights, options_);
    *scores = 100.0 * r.share;
    e->method = r.method;
    e->normalization = r.normalization;
    e->share_of = r.share_of;
    e->parameters = r.parameters;
    e->warnings = r.warnings;
  }

 private:
  MethodOptions options_;
};

// sum_k b_k s_k over the grades, memberships from the same centres for every child.
class FuzzyScorer final : public GroupScorer {
 public:
  explicit FuzzyScorer(FuzzyScoring spec) : spec_(std::move(spec)) {}
  void score(const Eigen::MatrixXd& x, const SharedStrings& unit_ids,
             const std::vector<std::string>& child_ids, const Eigen::VectorXd& weights, Eigen::VectorXd* scores,
             GroupEvaluation* e) const override {
    const std::vector<Eigen::VectorXd> centers(child_ids.size(), spec_.centers);
    const FuzzyResult f = fuzzy_evaluate(membership_from_values(x, centers), unit_ids, weights, spec_.options);
    *scores = f.score;
    e->method = "fuzzy";
    e->normalization = "membership";
    e->parameters = {{"grades", static_cast<double>(spec_.options.grades.size())}};
    e->warnings = f.warnings;
  }

 private:
  FuzzyScoring spec_;
};

}  // namespace

std::shared_ptr<const GroupScorer> make_group_scorer(const GroupScoring& spec) {
  if (const auto* m = std::get_if<MethodOptions>(&spec)) return std::make_shared<MethodScorer>(*m);
  if (const auto* f = std::get_if<FuzzyScoring>(&spec)) return std::make_shared<FuzzyScorer>(*f);
  return nullptr;
}

}  // namespace staffeval::detail
