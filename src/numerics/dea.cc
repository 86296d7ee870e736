// Data envelopment analysis with COIN-OR CLP: the envelopment LPs (radial phase, then the
// largest slacks), scale efficiency, super-efficiency and the Malmquist index.
#include <algorithm>
#include <cmath>
#include <limits>

#include <ClpSimplex.hpp>
#include <fmt/format.h>

#include "common/enum_define.h"
#include "common/language.h"
#include "common/numeric.h"
#include "common/strings.h"
#include "common/tasks.h"
#include "common/text_table.h"
#include "staffeval/dea.h"
#include "staffeval/methods.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
const double kInf = COIN_DBL_MAX;  // CLP reads this as "no bound"

// A dense LP: min (or max) c'x subject to row_lb <= A x <= row_ub, col_lb <= x <= col_ub.
struct Lp {
  Eigen::MatrixXd a;
  Eigen::VectorXd c, row_lb, row_ub, col_lb, col_ub;
  bool maximize = false;
};

struct LpSolution {
  bool optimal = false;
  bool infeasible = false;
  double objective = kNaN;
  Eigen::VectorXd x;
};


// The radial measure of one point (x0, y0) against reference units (columns of xr, yr):
// theta (input) or phi (output); then, when asked, the largest total slack at that measure.
struct Radial {
  bool feasible = false;
  double value = kNaN;
  Eigen::VectorXd lambda, s_in, s_out;
};

// A dense constraint matrix as CLP's column-major sparse form; `keep` marks entries kept even
// when 0 (the point's own column, rewritten for every point).
void load(ClpSimplex* model, const Lp& lp, const Eigen::MatrixXd& keep) {
  const auto rows = static_cast<int>(lp.a.rows()), cols = static_cast<int>(lp.a.cols());
  std::vector<CoinBigIndex> start(static_cast<std::size_t>(cols) + 1, 0);
  std::vector<int> index;
  std::vector<double> value;
  for (int j = 0; j < cols; ++j) {
    for (int i = 0; i < rows; ++i)
      if (lp.a(i, j) != 0 || (keep.size() && keep(i, j) != 0)) {
        index.push_back(i);
        value.push_back(lp.a(i, j));
      }
    start[static_cast<std::size_t>(j) + 1] = static_cast<CoinBigIndex>(index.size());
  }
  model->setLogLevel(0);
  model->loadProblem(cols, rows, start.data(), index.data(), value.data(), lp.col_lb.data(), lp.col_ub.data(),
                     lp.c.data(), lp.row_lb.data(), lp.row_ub.data());
  model->setOptimizationDirection(lp.maximize ? -1.0 : 1.0);
}

LpSolution solution(const ClpSimplex& model) {
  LpSolution s;
  s.optimal = model.status() == 0;
  s.infeasible = model.status() == 1;
  if (s.optimal) {
    s.objective = model.objectiveValue();
    s.x = Eigen::Map<const Eigen::VectorXd>(model.primalColumnSolution(), model.numberColumns());
  }
  return s;
}

// The radial programs of many points against one reference technology. Each phase is first
// solved over the reference units that matter (generate(): the units the previous point's optimum
// used, the point itself, and those whose reduced costs say they improve it), which is exact once
// no other unit prices out. When that fails (a super-efficiency point excluded from its own
// technology, a point of another period), the whole program is solved, kept loaded from point
// to point: only the point's own column and right-hand sides change, and it starts from the
// previous optimal basis (warm), or from scratch when that basis does not lead to an optimum
// whose rows hold.
class RadialSolver {
 public:
  RadialSolver(const Eigen::MatrixXd& xr, const Eigen::MatrixXd& yr, DeaModel model, DeaOrientation orient, bool slacks)
      : xr_(xr), yr_(yr), vrs_(model == DeaModel::kBcc), input_(orient == DeaOrientation::kInput), slacks_(slacks) {
    const Eigen::Index m = xr.rows(), s = yr.rows(), n = xr.cols();
    columns_.resize(m + s + (vrs_ ? 1 : 0), n);
    columns_.topRows(m) = xr;
    columns_.middleRows(m, s) = yr;
    if (vrs_) columns_.bottomRows(1).setOnes();
  }

  // `self`: the point's own reference unit when known (-1: found by its values, if it is one).
  Radial solve(const Eigen::VectorXd& x0, const Eigen::VectorXd& y0, Eigen::Index exclude, Eigen::Index self = -1);
  // Units worth starting the next point from (another program's optimum for it, say).
  void suggest(const Eigen::VectorXd& lambda) {
    for (Eigen::Index j = 0; j < lambda.size(); ++j)
      if (lambda[j] > 0 && std::find(active_.begin(), active_.end(), j) == active_.end()) active_.push_back(j);
  }

 private:
  Radial solve_whole_phase1(const Eigen::VectorXd& x0, const Eigen::VectorXd& y0, Eigen::Index exclude);
  Radial phase2(const Eigen::VectorXd& x0, const Eigen::VectorXd& y0, Eigen::Index exclude, Radial r);
  bool generate(const Lp& lp, std::vector<Eigen::Index>* active, Eigen::Index exclude, LpSolution* out) const;
  void load_phase1();
  void load_phase2();
  static void resolve(ClpSimplex* model, bool warm, bool rhs_only);

  const Eigen::MatrixXd& xr_;
  const Eigen::MatrixXd& yr_;
  bool vrs_, input_, slacks_;
  Eigen::MatrixXd columns_;           // every reference unit's column of the constraint rows
  std::vector<Eigen::Index> active_, active2_;  // the units the last optimum of each phase used
  ClpSimplex p1_, p2_;
  bool p1_loaded_ = false, p2_loaded_ = false, p1_warm_ = false, p2_warm_ = false;
};

// Whether the solver's optimum satisfies every row to 1e-9 of its bound (CLP accepts a little
// more on its internally scaled rows, which a warm start can turn into a visibly wrong slack).
bool rows_hold(const ClpSimplex& model) {
  const double* activity = model.primalRowSolution();
  const double* lower = model.rowLower();
  const double* upper = model.rowUpper();
  for (int i = 0; i < model.numberRows(); ++i) {
    const double a = activity[i];
    if (lower[i] > -kInf && a < lower[i] - 1e-9 * (1 + std::fabs(lower[i]))) return false;
    if (upper[i] < kInf && a > upper[i] + 1e-9 * (1 + std::fabs(upper[i]))) return false;
  }
  return true;
}

void RadialSolver::resolve(ClpSimplex* model, bool warm, bool rhs_only) {
  if (warm) {
    // From the basis the previous point left: a change of right-hand sides alone keeps it dual
    // feasible (the dual simplex's warm start); a changed column, primal.
    if (rhs_only) model->dual();
    else model->primal();
    if (model->status() == 0 && rows_hold(*model)) return;
  }
  model->allSlackBasis(true);
  model->initialSolve();
}

void RadialSolver::load_phase1() {
  const Eigen::Index m = xr_.rows(), s = yr_.rows(), n = xr_.cols();
  const Eigen::Index rows = m + s + (vrs_ ? 1 : 0);
  // Variables [radial, lambda_1..n]. Input: sum lambda x - theta x0 <= 0, sum lambda y >= y0.
  // Output: sum lambda x <= x0, sum lambda y - phi y0 >= 0. The point's values are set per point.
  Lp lp;
  lp.a = Eigen::MatrixXd::Zero(rows, n + 1);
  lp.a.block(0, 1, m, n) = xr_;
  lp.a.block(m, 1, s, n) = yr_;
  Eigen::MatrixXd keep = Eigen::MatrixXd::Zero(rows, n + 1);
  (input_ ? keep.block(0, 0, m, 1) : keep.block(m, 0, s, 1)).setOnes();
  lp.row_lb = Eigen::VectorXd::Zero(rows);
  lp.row_ub = Eigen::VectorXd::Zero(rows);
  lp.row_lb.head(m).setConstant(-kInf);
  lp.row_ub.segment(m, s).setConstant(kInf);
  if (vrs_) {
    lp.a.block(m + s, 1, 1, n).setOnes();
    lp.row_lb[m + s] = lp.row_ub[m + s] = 1;
  }
  lp.col_lb = Eigen::VectorXd::Zero(n + 1);
  lp.col_ub = Eigen::VectorXd::Constant(n + 1, kInf);
  lp.col_lb[0] = -kInf;  // the radial variable is free; optimality bounds it
  lp.c = Eigen::VectorXd::Zero(n + 1);
  lp.c[0] = 1;
  lp.maximize = !input_;
  load(&p1_, lp, keep);
  p1_loaded_ = true;
}

void RadialSolver::load_phase2() {
  const Eigen::Index m = xr_.rows(), s = yr_.rows(), n = xr_.cols();
  const Eigen::Index rows = m + s + (vrs_ ? 1 : 0);
  // Variables [lambda, s-, s+]; the radial measure fixed in the right-hand sides; the largest
  // slack sum.
  Lp p;
  p.a = Eigen::MatrixXd::Zero(rows, n + m + s);
  p.a.block(0, 0, m, n) = xr_;
  p.a.block(0, n, m, m) = Eigen::MatrixXd::Identity(m, m);
  p.a.block(m, 0, s, n) = yr_;
  p.a.block(m, n + m, s, s) = -Eigen::MatrixXd::Identity(s, s);
  p.row_lb = Eigen::VectorXd::Zero(rows);
  if (vrs_) {
    p.a.block(m + s, 0, 1, n).setOnes();
    p.row_lb[m + s] = 1;
  }
  p.row_ub = p.row_lb;
  p.col_lb = Eigen::VectorXd::Zero(n + m + s);
  p.col_ub = Eigen::VectorXd::Constant(n + m + s, kInf);
  p.c = Eigen::VectorXd::Zero(n + m + s);
  p.c.tail(m + s).setOnes();
  p.maximize = true;
  load(&p2_, p, Eigen::MatrixXd());
  p2_loaded_ = true;
}

// A program over some fixed columns (`lp`: the radial variable, or the slacks) and the reference
// units, solved over the units that matter only: the program holding the `active` units is
// solved, and every other unit's reduced cost is priced against its duals; units that would
// improve the optimum join (the best few at a time) and it is solved again from its optimal
// basis. When none would, its duals are feasible for the whole program, so its optimum is the
// optimum over all units: a few dozen columns are solved instead of thousands. `out->x` holds the
// fixed columns' values, then every unit's. On return `active` holds the units the optimum uses
// (where the next point starts). False when the restricted program fails (no optimum, or rows
// that do not hold): the caller then solves the whole program. `exclude` (>= 0) is a unit left out.
bool RadialSolver::generate(const Lp& lp, std::vector<Eigen::Index>* active, Eigen::Index exclude, LpSolution* out) const {
  const Eigen::Index n = columns_.cols(), rows = columns_.rows(), f = lp.a.cols();
  std::vector<char> in(static_cast<std::size_t>(n), 0);
  if (exclude >= 0) {  // a unit left out of the technology (super-efficiency) never joins
    active->erase(std::remove(active->begin(), active->end(), exclude), active->end());
    in[static_cast<std::size_t>(exclude)] = 1;
  }
  for (Eigen::Index j : *active) in[static_cast<std::size_t>(j)] = 1;
  const auto k0 = static_cast<Eigen::Index>(active->size());
  Lp whole = lp;
  whole.a.conservativeResize(rows, f + k0);
  whole.c = Eigen::VectorXd::Zero(f + k0);
  whole.c.head(f) = lp.c;
  whole.col_lb = Eigen::VectorXd::Zero(f + k0);
  whole.col_lb.head(f) = lp.col_lb;
  whole.col_ub = Eigen::VectorXd::Constant(f + k0, kInf);
  whole.col_ub.head(f) = lp.col_ub;
  for (Eigen::Index q = 0; q < k0; ++q) whole.a.col(f + q) = columns_.col((*active)[static_cast<std::size_t>(q)]);
  ClpSimplex model;
  load(&model, whole, Eigen::MatrixXd());
  model.initialSolve();
  std::vector<CoinBigIndex> starts;
  std::vector<int> index;
  std::vector<double> value, lower, upper, cost;
  for (int round = 0; round < 1000; ++round) {
    if (model.status() != 0 || !rows_hold(model)) return false;
    // Reduced costs of the units outside: c_j - a_j' pi = -a_j' pi; one improves a minimum when
    // negative, a maximum when positive.
    const Eigen::Map<const Eigen::VectorXd> pi(model.dualRowSolution(), rows);
    const Eigen::VectorXd reduced = -(columns_.transpose() * pi);
    const double tolerance = 1e-10 * (1 + pi.cwiseAbs().maxCoeff());
    std::vector<std::pair<double, Eigen::Index>> improving;
    for (Eigen::Index j = 0; j < n; ++j) {
      if (in[static_cast<std::size_t>(j)]) continue;
      const double gain = lp.maximize ? reduced[j] : -reduced[j];
      if (gain > tolerance) improving.emplace_back(gain, j);
    }
    if (improving.empty()) {
      const auto k = static_cast<Eigen::Index>(active->size());
      const double* x = model.primalColumnSolution();
      out->optimal = true;
      out->objective = model.objectiveValue();
      out->x = Eigen::VectorXd::Zero(f + n);
      out->x.head(f) = Eigen::Map<const Eigen::VectorXd>(x, f);
      std::vector<Eigen::Index> used;
      for (Eigen::Index q = 0; q < k; ++q) {
        const Eigen::Index j = (*active)[static_cast<std::size_t>(q)];
        out->x[f + j] = x[f + q];
        if (x[f + q] > 0) used.push_back(j);
      }
      *active = std::move(used);
      return true;
    }
    constexpr std::size_t kJoin = 8;
    const auto by_gain = [](const auto& a, const auto& b) { return a.first > b.first || (a.first == b.first && a.second < b.second); };
    if (improving.size() > kJoin) {
      std::nth_element(improving.begin(), improving.begin() + kJoin, improving.end(), by_gain);
      improving.resize(kJoin);
    }
    std::sort(improving.begin(), improving.end(), by_gain);
    starts.assign(1, 0);
    index.clear();
    value.clear();
    for (const auto& g : improving) {
      const Eigen::Index j = g.second;
      active->push_back(j);
      in[static_cast<std::size_t>(j)] = 1;
      for (Eigen::Index r = 0; r < rows; ++r)
        if (columns_(r, j) != 0) {
          index.push_back(static_cast<int>(r));
          value.push_back(columns_(r, j));
        }
      starts.push_back(static_cast<CoinBigIndex>(index.size()));
    }
    const auto added = static_cast<int>(improving.size());
    lower.assign(static_cast<std::size_t>(added), 0.0);
    upper.assign(static_cast<std::size_t>(added), kInf);
    cost.assign(static_cast<std::size_t>(added), 0.0);
    model.addColumns(added, lower.data(), upper.data(), cost.data(), starts.data(), index.data(), value.data());
    model.primal();  // from the optimal basis of the smaller program: the new columns enter
  }
  return false;
}

Radial RadialSolver::solve(const Eigen::VectorXd& x0, const Eigen::VectorXd& y0, Eigen::Index exclude, Eigen::Index self) {
  const Eigen::Index m = xr_.rows(), s = yr_.rows(), n = xr_.cols();
  Radial r;
  LpSolution restricted;
  {
    // The point itself, when it is one of the reference units and not left out, keeps the
    // restricted program feasible.
    if (self < 0) {
      const Eigen::VectorXd point = (Eigen::VectorXd(m + s) << x0, y0).finished();
      for (Eigen::Index j = 0; j < n && self < 0; ++j)
        if (columns_.col(j).head(m + s) == point) self = j;
    }
    if (self >= 0 && self != exclude && std::find(active_.begin(), active_.end(), self) == active_.end())
      active_.push_back(self);
    Lp lp;  // the radial variable's column
    const Eigen::Index rows = columns_.rows();
    lp.a = Eigen::MatrixXd::Zero(rows, 1);
    lp.row_lb = Eigen::VectorXd::Zero(rows);
    lp.row_ub = Eigen::VectorXd::Zero(rows);
    if (input_) {
      lp.a.block(0, 0, m, 1) = -x0;
      lp.row_lb.head(m).setConstant(-kInf);
      lp.row_lb.segment(m, s) = y0;
      lp.row_ub.segment(m, s).setConstant(kInf);
    } else {
      lp.a.block(m, 0, s, 1) = -y0;
      lp.row_lb.head(m).setConstant(-kInf);
      lp.row_ub.head(m) = x0;
      lp.row_ub.segment(m, s).setConstant(kInf);
    }
    if (vrs_) lp.row_lb[m + s] = lp.row_ub[m + s] = 1;
    lp.col_lb = Eigen::VectorXd::Constant(1, -kInf);  // free; optimality bounds it
    lp.col_ub = Eigen::VectorXd::Constant(1, kInf);
    lp.c = Eigen::VectorXd::Ones(1);
    lp.maximize = !input_;
    if (generate(lp, &active_, exclude, &restricted)) {
      r.feasible = true;
      r.value = restricted.objective;
      r.lambda = restricted.x.tail(n);
      r.s_in = Eigen::VectorXd::Zero(m);
      r.s_out = Eigen::VectorXd::Zero(s);
    }
  }
  if (!r.feasible) {
    r = solve_whole_phase1(x0, y0, exclude);
    if (r.feasible) {  // the next point starts from the units this optimum uses
      active_.clear();
      for (Eigen::Index j = 0; j < n; ++j)
        if (r.lambda[j] > 0) active_.push_back(j);
    }
  }
  if (!r.feasible || !slacks_) return r;
  return phase2(x0, y0, exclude, std::move(r));
}

Radial RadialSolver::solve_whole_phase1(const Eigen::VectorXd& x0, const Eigen::VectorXd& y0, Eigen::Index exclude) {
  const Eigen::Index m = xr_.rows(), s = yr_.rows(), n = xr_.cols();
  if (!p1_loaded_) load_phase1();
  if (input_) {
    for (Eigen::Index i = 0; i < m; ++i) p1_.modifyCoefficient(static_cast<int>(i), 0, -x0[i], true);
    for (Eigen::Index r = 0; r < s; ++r) p1_.setRowLower(static_cast<int>(m + r), y0[r]);
  } else {
    for (Eigen::Index r = 0; r < s; ++r) p1_.modifyCoefficient(static_cast<int>(m + r), 0, -y0[r], true);
    for (Eigen::Index i = 0; i < m; ++i) p1_.setRowUpper(static_cast<int>(i), x0[i]);
  }
  if (exclude >= 0) p1_.setColumnUpper(static_cast<int>(exclude + 1), 0);
  resolve(&p1_, p1_warm_, false);
  const LpSolution sol1 = solution(p1_);
  if (exclude >= 0) p1_.setColumnUpper(static_cast<int>(exclude + 1), kInf);
  // An infeasible program (super-efficiency) leaves no basis worth starting the next from.
  p1_warm_ = sol1.optimal;
  Radial r;
  if (!sol1.optimal) return r;
  r.feasible = true;
  r.value = sol1.objective;
  r.lambda = sol1.x.tail(n);
  r.s_in = Eigen::VectorXd::Zero(m);
  r.s_out = Eigen::VectorXd::Zero(s);
  return r;
}

Radial RadialSolver::phase2(const Eigen::VectorXd& x0, const Eigen::VectorXd& y0, Eigen::Index exclude, Radial r) {
  const Eigen::Index m = xr_.rows(), s = yr_.rows(), n = xr_.cols();
  // Solver noise below 1e-9 of the data's scale is no slack.
  const double in_noise = 1e-9 * (1 + x0.cwiseAbs().maxCoeff()), out_noise = 1e-9 * (1 + y0.cwiseAbs().maxCoeff());
  {
    // The slacks' columns, and the units the radial optimum uses (a feasible start).
    const Eigen::Index rows = columns_.rows();
    Lp lp;
    lp.a = Eigen::MatrixXd::Zero(rows, m + s);
    lp.a.block(0, 0, m, m) = Eigen::MatrixXd::Identity(m, m);
    lp.a.block(m, m, s, s) = -Eigen::MatrixXd::Identity(s, s);
    lp.row_lb = Eigen::VectorXd::Zero(rows);
    lp.row_lb.head(m) = input_ ? (r.value * x0).eval() : x0;
    lp.row_lb.segment(m, s) = input_ ? y0 : (r.value * y0).eval();
    if (vrs_) lp.row_lb[m + s] = 1;
    lp.row_ub = lp.row_lb;
    lp.col_lb = Eigen::VectorXd::Zero(m + s);
    lp.col_ub = Eigen::VectorXd::Constant(m + s, kInf);
    lp.c = Eigen::VectorXd::Ones(m + s);
    lp.maximize = true;
    std::vector<Eigen::Index> start;
    for (Eigen::Index j = 0; j < n; ++j)
      if (r.lambda[j] > 0) start.push_back(j);
    for (Eigen::Index j : active2_)
      if (!(r.lambda[j] > 0)) start.push_back(j);
    LpSolution sol;
    if (generate(lp, &start, exclude, &sol)) {
      active2_ = std::move(start);
      r.lambda = sol.x.tail(n);
      r.s_in = sol.x.head(m).unaryExpr([&](double v) { return v > in_noise ? v : 0.0; });
      r.s_out = sol.x.segment(m, s).unaryExpr([&](double v) { return v > out_noise ? v : 0.0; });
      return r;
    }
  }
  if (!p2_loaded_) load_phase2();
  for (Eigen::Index i = 0; i < m; ++i) {
    const double b = input_ ? r.value * x0[i] : x0[i];
    p2_.setRowBounds(static_cast<int>(i), b, b);
  }
  for (Eigen::Index q = 0; q < s; ++q) {
    const double b = input_ ? y0[q] : r.value * y0[q];
    p2_.setRowBounds(static_cast<int>(m + q), b, b);
  }
  if (exclude >= 0) p2_.setColumnUpper(static_cast<int>(exclude), 0);
  resolve(&p2_, p2_warm_, true);
  const LpSolution sol2 = solution(p2_);
  if (exclude >= 0) p2_.setColumnUpper(static_cast<int>(exclude), kInf);
  p2_warm_ = sol2.optimal;
  if (!sol2.optimal) return r;  // keep the phase-1 lambdas; slacks stay 0
  r.lambda = sol2.x.head(n);
  r.s_in = sol2.x.segment(n, m).unaryExpr([&](double v) { return v > in_noise ? v : 0.0; });
  r.s_out = sol2.x.tail(s).unaryExpr([&](double v) { return v > out_noise ? v : 0.0; });
  return r;
}

// Units per chain of points solved one after the other by one solver (each starts from what the
// one before used). Each chain starts afresh, and chains are what the threads share out, so every
// unit's program starts from the same state whatever the number of threads: the results do not
// depend on it.
constexpr std::size_t kChain = 64;

// Checks the data and returns the units (rows) with complete values.
std::vector<Eigen::Index> usable_units(const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const std::vector<std::string>& ids,
                                       const std::vector<std::string>& in, const std::vector<std::string>& out,
                                       std::vector<std::string>* warnings) {
  if (x.rows() != y.rows() || static_cast<std::size_t>(x.rows()) != ids.size())
    throw DataError(fmt::format("{} rows of inputs, {} of outputs, {} unit ids: they must match", x.rows(), y.rows(), ids.size()));
  if (static_cast<std::size_t>(x.cols()) != in.size() || static_cast<std::size_t>(y.cols()) != out.size())
    throw DataError("input and output names must match the columns");
  if (x.cols() == 0 || y.cols() == 0) throw DataError("DEA needs at least one input and one output");
  std::vector<Eigen::Index> keep;
  for (Eigen::Index i = 0; i < x.rows(); ++i) {
    if (x.row(i).array().isNaN().any() || y.row(i).array().isNaN().any()) continue;
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      if (!(std::fabs(x(i, j)) <= detail::kMaxMagnitude))
        throw DataError(fmt::format("unit \"{}\", input \"{}\" = {:g}: beyond ±1e300, the range of values staffeval "
                                    "computes with",
                                    ids[static_cast<std::size_t>(i)], in[static_cast<std::size_t>(j)], x(i, j)));
    for (Eigen::Index j = 0; j < y.cols(); ++j)
      if (!(std::fabs(y(i, j)) <= detail::kMaxMagnitude))
        throw DataError(fmt::format("unit \"{}\", output \"{}\" = {:g}: beyond ±1e300, the range of values staffeval "
                                    "computes with",
                                    ids[static_cast<std::size_t>(i)], out[static_cast<std::size_t>(j)], y(i, j)));
    for (Eigen::Index j = 0; j < x.cols(); ++j)
      if (x(i, j) < 0)
        throw DataError(fmt::format("unit \"{}\", input \"{}\" = {:g}: DEA needs values >= 0", ids[static_cast<std::size_t>(i)],
                                    in[static_cast<std::size_t>(j)], x(i, j)));
    for (Eigen::Index j = 0; j < y.cols(); ++j)
      if (y(i, j) < 0)
        throw DataError(fmt::format("unit \"{}\", output \"{}\" = {:g}: DEA needs values >= 0",
                                    ids[static_cast<std::size_t>(i)], out[static_cast<std::size_t>(j)], y(i, j)));
    if (!(x.row(i).maxCoeff() > 0))
      throw DataError(fmt::format("unit \"{}\": every input is 0: DEA needs some input", ids[static_cast<std::size_t>(i)]));
    if (!(y.row(i).maxCoeff() > 0))
      throw DataError(fmt::format("unit \"{}\": every output is 0: DEA needs some output", ids[static_cast<std::size_t>(i)]));
    keep.push_back(i);
  }
  if (keep.size() < static_cast<std::size_t>(x.rows()))
    warnings->push_back(fmt::format("{} unit(s) with missing values left out", static_cast<std::size_t>(x.rows()) - keep.size()));
  if (keep.empty()) throw DataError("no unit has every input and output");
  const auto m = static_cast<std::size_t>(x.cols()), s = static_cast<std::size_t>(y.cols());
  const std::size_t enough = std::max(m * s, 3 * (m + s));
  if (keep.size() < enough)
    warnings->push_back(fmt::format("{} units for {} inputs and {} outputs: fewer than max(m s, 3 (m + s)) = {}, so many "
                                    "units will look efficient (Cooper, Seiford & Tone 2007)",
                                    keep.size(), m, s, enough));
  return keep;
}

// DEA is invariant to the units of each input and output: a column of extreme magnitude (1e200,
// or 1e-310 that the LP solver's tolerances would read as 0) is multiplied by a power of two
// before solving, and slacks and targets are scaled back. Ordinary columns are left as they are.
Eigen::VectorXd dea_scales(const Eigen::MatrixXd& a, const Eigen::MatrixXd* b = nullptr) {
  Eigen::VectorXd s = Eigen::VectorXd::Ones(a.cols());
  for (Eigen::Index j = 0; j < a.cols(); ++j) {
    double top = 0;
    for (const Eigen::MatrixXd* m : {&a, b})
      if (m)
        for (Eigen::Index i = 0; i < m->rows(); ++i)
          if (!std::isnan((*m)(i, j))) top = std::max(top, std::fabs((*m)(i, j)));
    if (top > 1e100 || (top > 0 && top < 1e-100)) s[j] = detail::pow2_scale(top);
  }
  return s;
}


constexpr EnumEntry<DeaModel> kDeaModels[] = {
    {DeaModel::kCcr, "ccr", "crs", "constant returns to scale (Charnes, Cooper & Rhodes 1978)"},
    {DeaModel::kBcc, "bcc", "vrs", "variable returns to scale (Banker, Charnes & Cooper 1984)"},
};
constexpr EnumEntry<DeaOrientation> kDeaOrientations[] = {
    {DeaOrientation::kInput, "input", "", "shrink the inputs"},
    {DeaOrientation::kOutput, "output", "", "expand the outputs"},
};
}  // namespace

STAFFEVAL_ENUM_TABLE(DeaModel, "DEA model", kDeaModels)
STAFFEVAL_ENUM_TABLE(DeaOrientation, "DEA orientation", kDeaOrientations)

std::string_view to_string(DeaModel v) { return enum_table<DeaModel>().name(v); }
std::string_view to_string(DeaOrientation v) { return enum_table<DeaOrientation>().name(v); }
std::optional<DeaModel> parse_dea_model(std::string_view s) { return parse_enum<DeaModel>(s); }
std::optional<DeaOrientation> parse_dea_orientation(std::string_view s) { return parse_enum<DeaOrientation>(s); }

DeaResult dea(const Eigen::MatrixXd& x_all_in, const Eigen::MatrixXd& y_all_in, const std::vector<std::string>& ids,
              const std::vector<std::string>& in, const std::vector<std::string>& out, const DeaOptions& o) {
  if (o.threads < 0) throw OptionsError("DeaOptions::threads", fmt::format("{}", o.threads), "must be >= 0 (0 = one per core)");
  DeaResult r;
  r.unit_ids = ids;
  r.inputs = in;
  r.outputs = out;
  r.model = o.model;
  r.orientation = o.orientation;
  const std::vector<Eigen::Index> keep = usable_units(x_all_in, y_all_in, ids, in, out, &r.warnings);
  const Eigen::VectorXd sx = dea_scales(x_all_in), sy = dea_scales(y_all_in);
  const Eigen::MatrixXd x_all = x_all_in * sx.asDiagonal(), y_all = y_all_in * sy.asDiagonal();
  const auto n = static_cast<Eigen::Index>(keep.size());
  const Eigen::Index m = x_all.cols(), s = y_all.cols(), total = x_all.rows();
  // Reference technology: inputs x units and outputs x units.
  Eigen::MatrixXd xr(m, n), yr(s, n);
  for (Eigen::Index k = 0; k < n; ++k) {
    xr.col(k) = x_all.row(keep[static_cast<std::size_t>(k)]).transpose();
    yr.col(k) = y_all.row(keep[static_cast<std::size_t>(k)]).transpose();
  }
  auto nan_vec = [&]() { return Eigen::VectorXd::Constant(total, kNaN); };
  r.efficiency = nan_vec();
  r.theta = nan_vec();
  r.phi = nan_vec();
  r.ccr = nan_vec();
  r.bcc = nan_vec();
  r.scale_efficiency = nan_vec();
  r.super_efficiency = nan_vec();
  r.returns_to_scale.assign(static_cast<std::size_t>(total), "");
  r.input_slacks = Eigen::MatrixXd::Constant(total, m, kNaN);
  r.output_slacks = Eigen::MatrixXd::Constant(total, s, kNaN);
  r.input_targets = r.input_slacks;
  r.output_targets = r.output_slacks;
  r.input_excess = r.input_slacks;
  r.output_shortfall = r.output_slacks;
  r.super = o.super_efficiency;
  r.lambdas = Eigen::MatrixXd::Zero(total, total);
  const bool input = o.orientation == DeaOrientation::kInput;
  auto efficiency_of = [&](const Radial& rad) { return !rad.feasible ? kNaN : (input ? rad.value : 1 / rad.value); };
  // Units are independent: their programs are solved in parallel, each writing its own rows; a
  // unit's warning waits in its slot so that warnings keep unit order.
  std::vector<std::string> unit_warning(static_cast<std::size_t>(n));
  const DeaModel other_model = o.model == DeaModel::kCcr ? DeaModel::kBcc : DeaModel::kCcr;
  const std::size_t chains = (static_cast<std::size_t>(n) + kChain - 1) / kChain;
  detail::parallel_for(chains, detail::thread_count(o.threads), [&](std::size_t chain, std::size_t) {
    RadialSolver main_solver(xr, yr, o.model, o.orientation, true), other_solver(xr, yr, other_model, o.orientation, false),
        super_solver(xr, yr, o.model, o.orientation, false);
    for (std::size_t kk = chain * kChain; kk < std::min(static_cast<std::size_t>(n), (chain + 1) * kChain); ++kk) {
      const auto k = static_cast<Eigen::Index>(kk);
      const Eigen::Index u = keep[kk];
      const Eigen::VectorXd x0 = xr.col(k), y0 = yr.col(k);
      const Radial main = main_solver.solve(x0, y0, -1, k);
      if (!main.feasible) throw ComputeError(fmt::format("unit \"{}\": the DEA linear program has no solution", ids[static_cast<std::size_t>(u)]));
      const Radial other = other_solver.solve(x0, y0, -1, k);
      const Radial& ccr = o.model == DeaModel::kCcr ? main : other;
      const Radial& bcc = o.model == DeaModel::kCcr ? other : main;
      r.efficiency[u] = efficiency_of(main);
      (input ? r.theta : r.phi)[u] = main.value;
      r.ccr[u] = efficiency_of(ccr);
      r.bcc[u] = efficiency_of(bcc);
      r.scale_efficiency[u] = r.ccr[u] / r.bcc[u];
      const double lambda_sum = ccr.lambda.sum();
      r.returns_to_scale[static_cast<std::size_t>(u)] =
          std::fabs(r.scale_efficiency[u] - 1) < 1e-7 ? "constant" : (lambda_sum < 1 ? "increasing" : "decreasing");
      r.input_slacks.row(u) = main.s_in.transpose();
      r.output_slacks.row(u) = main.s_out.transpose();
      r.input_targets.row(u) = ((input ? main.value : 1.0) * x0 - main.s_in).transpose();
      r.output_targets.row(u) = ((input ? 1.0 : main.value) * y0 + main.s_out).transpose();
      r.input_excess.row(u) = x0.transpose() - r.input_targets.row(u);
      r.output_shortfall.row(u) = r.output_targets.row(u) - y0.transpose();
      for (Eigen::Index q = 0; q < n; ++q) r.lambdas(u, keep[static_cast<std::size_t>(q)]) = main.lambda[q];
      if (o.super_efficiency) {
        super_solver.suggest(main.lambda);  // the unit's peers envelop it without it, unless it is efficient
      const Radial sup = super_solver.solve(x0, y0, k);
        r.super_efficiency[u] = efficiency_of(sup);
        if (!sup.feasible)
          unit_warning[kk] = fmt::format("unit \"{}\": super-efficiency infeasible under {} (no combination of the other "
                                         "units reaches it)",
                                         ids[static_cast<std::size_t>(u)], to_string(o.model));
      }
    }
  });
  for (auto& w : unit_warning)
    if (!w.empty()) r.warnings.push_back(std::move(w));
  // Slacks and targets back in the data's units.
  for (Eigen::Index j = 0; j < m; ++j)
    for (auto* v : {&r.input_slacks, &r.input_targets, &r.input_excess}) v->col(j) /= sx[j];
  for (Eigen::Index j = 0; j < s; ++j)
    for (auto* v : {&r.output_slacks, &r.output_targets, &r.output_shortfall}) v->col(j) /= sy[j];
  // An efficient unit whose super-efficiency is infeasible cannot be enveloped by the others at
  // all: it ranks first (tied with any other such unit).
  Eigen::VectorXd key = o.super_efficiency ? r.super_efficiency : r.efficiency;
  if (o.super_efficiency)
    for (Eigen::Index i = 0; i < total; ++i)
      if (std::isnan(key[i]) && !std::isnan(r.efficiency[i])) key[i] = std::numeric_limits<double>::infinity();
  // Efficiencies agree with the exact ones to about 1e-10 (the solver's tolerances): units are
  // ranked on their efficiency to 9 decimals, so that efficient units (1 within that noise) tie
  // rather than being ordered by the noise.
  for (Eigen::Index i = 0; i < total; ++i)
    if (std::isfinite(key[i])) key[i] = std::round(key[i] * 1e9) / 1e9;
  r.rank = competition_ranks(key);
  return r;
}

MalmquistResult malmquist(const Eigen::MatrixXd& x0_in, const Eigen::MatrixXd& y0_in, const Eigen::MatrixXd& x1_in,
                          const Eigen::MatrixXd& y1_in, const std::vector<std::string>& ids,
                          const MalmquistOptions& options) {
  if (options.threads < 0)
    throw OptionsError("MalmquistOptions::threads", fmt::format("{}", options.threads), "must be >= 0 (0 = one per core)");
  if (x0_in.cols() != x1_in.cols() || y0_in.cols() != y1_in.cols())
    throw DataError(fmt::format("the two periods differ in shape ({} x {} inputs against {} x {})", x0_in.rows(),
                                x0_in.cols(), x1_in.rows(), x1_in.cols()));
  for (const Eigen::MatrixXd* m : {&x0_in, &y0_in, &x1_in, &y1_in})
    for (Eigen::Index i = 0; i < m->rows(); ++i)
      for (Eigen::Index j = 0; j < m->cols(); ++j)
        if (std::fabs((*m)(i, j)) > detail::kMaxMagnitude)
          throw DataError(fmt::format("unit \"{}\": {} = {:g}: beyond ±1e300, the range of values staffeval computes with",
                                      static_cast<std::size_t>(i) < ids.size() ? ids[static_cast<std::size_t>(i)] : "?",
                                      m == &x0_in || m == &x1_in ? fmt::format("input {}", j + 1) : fmt::format("output {}", j + 1),
                                      (*m)(i, j)));
  // One scale per column for both periods: the distances compare them.
  const Eigen::VectorXd sx = dea_scales(x0_in, &x1_in), sy = dea_scales(y0_in, &y1_in);
  const Eigen::MatrixXd x0 = x0_in * sx.asDiagonal(), x1 = x1_in * sx.asDiagonal();
  const Eigen::MatrixXd y0 = y0_in * sy.asDiagonal(), y1 = y1_in * sy.asDiagonal();
  if (x0.rows() != x1.rows() || x0.cols() != x1.cols() || y0.rows() != y1.rows() || y0.cols() != y1.cols())
    throw DataError(fmt::format("the two periods differ in shape ({} x {} inputs against {} x {})", x0.rows(), x0.cols(),
                                x1.rows(), x1.cols()));
  MalmquistResult r;
  r.unit_ids = ids;
  std::vector<std::string> in, out;
  for (Eigen::Index j = 0; j < x0.cols(); ++j) in.push_back(fmt::format("input {}", j + 1));
  for (Eigen::Index j = 0; j < y0.cols(); ++j) out.push_back(fmt::format("output {}", j + 1));
  std::vector<std::string> w0, w1;
  const auto keep0 = usable_units(x0, y0, ids, in, out, &w0);
  const auto keep1 = usable_units(x1, y1, ids, in, out, &w1);
  // Both periods' warnings, each saying which period it is about.
  for (const auto& w : w0) r.warnings.push_back("period 1: " + w);
  for (const auto& w : w1) r.warnings.push_back("period 2: " + w);
  std::vector<bool> usable1(static_cast<std::size_t>(x1.rows()), false);
  for (Eigen::Index i : keep1) usable1[static_cast<std::size_t>(i)] = true;
  std::vector<Eigen::Index> both;
  for (Eigen::Index i : keep0)
    if (usable1[static_cast<std::size_t>(i)]) both.push_back(i);
  auto reference = [&](const Eigen::MatrixXd& x, const Eigen::MatrixXd& y, const std::vector<Eigen::Index>& keep) {
    Eigen::MatrixXd xr(x.cols(), static_cast<Eigen::Index>(keep.size())), yr(y.cols(), static_cast<Eigen::Index>(keep.size()));
    for (std::size_t k = 0; k < keep.size(); ++k) {
      xr.col(static_cast<Eigen::Index>(k)) = x.row(keep[k]).transpose();
      yr.col(static_cast<Eigen::Index>(k)) = y.row(keep[k]).transpose();
    }
    return std::pair{xr, yr};
  };
  const auto [xr0, yr0] = reference(x0, y0, keep0);
  const auto [xr1, yr1] = reference(x1, y1, keep1);
  const Eigen::Index n = x0.rows();
  for (auto* v : {&r.malmquist, &r.efficiency_change, &r.technical_change, &r.d00, &r.d01, &r.d10, &r.d11})
    *v = Eigen::VectorXd::Constant(n, kNaN);
  auto distance = [&](RadialSolver* solver, const Eigen::VectorXd& x, const Eigen::VectorXd& y) {
    const Radial rad = solver->solve(x, y, -1);
    return rad.feasible ? rad.value : kNaN;
  };
  std::vector<std::string> unit_warning(both.size());
  const std::size_t chains = (both.size() + kChain - 1) / kChain;
  detail::parallel_for(chains, detail::thread_count(options.threads), [&](std::size_t chain, std::size_t) {
    // One solver per distance: each keeps its technology and its points' kind from unit to unit.
    RadialSolver s00(xr0, yr0, DeaModel::kCcr, DeaOrientation::kInput, false), s01(xr0, yr0, DeaModel::kCcr, DeaOrientation::kInput, false),
         s10(xr1, yr1, DeaModel::kCcr, DeaOrientation::kInput, false), s11(xr1, yr1, DeaModel::kCcr, DeaOrientation::kInput, false);
    for (std::size_t k = chain * kChain; k < std::min(both.size(), (chain + 1) * kChain); ++k) {
      const Eigen::Index i = both[k];
      const Eigen::VectorXd a0 = x0.row(i).transpose(), b0 = y0.row(i).transpose();
      const Eigen::VectorXd a1 = x1.row(i).transpose(), b1 = y1.row(i).transpose();
      r.d00[i] = distance(&s00, a0, b0);
      r.d01[i] = distance(&s01, a1, b1);
      r.d10[i] = distance(&s10, a0, b0);
      r.d11[i] = distance(&s11, a1, b1);
      if (std::isnan(r.d01[i]) || std::isnan(r.d10[i]))
        unit_warning[k] = fmt::format("unit \"{}\": a cross-period distance is infeasible (an output no unit of the other "
                                      "period produces); no index",
                                      ids[static_cast<std::size_t>(i)]);
      r.efficiency_change[i] = r.d11[i] / r.d00[i];
      r.technical_change[i] = std::sqrt((r.d01[i] / r.d11[i]) * (r.d00[i] / r.d10[i]));
      r.malmquist[i] = r.efficiency_change[i] * r.technical_change[i];
    }
  });
  for (auto& w : unit_warning)
    if (!w.empty()) r.warnings.push_back(std::move(w));
  return r;
}

std::string DeaResult::brief_report() const {
  std::size_t efficient = 0, scored = 0;
  for (Eigen::Index i = 0; i < efficiency.size(); ++i) {
    if (std::isnan(efficiency[i])) continue;
    ++scored;
    efficient += efficiency[i] > 1 - 1e-9 ? 1 : 0;
  }
  return detail::trf(language, "DEA {} {}-oriented over {} units, {} inputs, {} outputs: {} efficient",
                     "DEA {}（{}导向）：{} 个单位，{} 项投入，{} 项产出，{} 个有效", to_string(model),
                     language == Language::kZh ? (orientation == DeaOrientation::kInput ? "投入" : "产出") : to_string(orientation),
                     scored, inputs.size(), outputs.size(), efficient);
}

std::string DeaResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  const Language l = language;
  using detail::tr;
  std::vector<std::string> head{tr(l, "rank", "排名"),      tr(l, "id", "单位代码"),    tr(l, "efficiency", "效率"),
                                "ccr",                      "bcc",                    tr(l, "scale", "规模效率"),
                                tr(l, "returns", "规模收益")};
  if (super) head.push_back(tr(l, "super", "超效率"));
  for (const auto& i : inputs) head.push_back(tr(l, "excess ", "冗余 ") + i);
  for (const auto& o : outputs) head.push_back(tr(l, "shortfall ", "不足 ") + o);
  const std::vector<std::size_t> order = detail::order_by_rank(rank);
  auto num = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.4f}", v); };
  const auto returns_word = [&](const std::string& r) -> std::string {
    if (l != Language::kZh) return r;
    if (r == "constant") return "不变";
    if (r == "increasing") return "递增";
    if (r == "decreasing") return "递减";
    return r;
  };
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i : order) {
    const auto I = static_cast<Eigen::Index>(i);
    std::vector<std::string> row{rank[i] ? std::to_string(rank[i]) : "-", unit_ids[i], num(efficiency[I]), num(ccr[I]),
                                 num(bcc[I]),  num(scale_efficiency[I]), returns_word(returns_to_scale[i])};
    if (super) row.push_back(num(super_efficiency[I]));
    for (Eigen::Index j = 0; j < input_excess.cols(); ++j) row.push_back(num(input_excess(I, j)));
    for (Eigen::Index j = 0; j < output_shortfall.cols(); ++j) row.push_back(num(output_shortfall(I, j)));
    rows.push_back(std::move(row));
  }
  std::vector<bool> right(head.size(), true);
  right[1] = right[6] = false;
  detail::insert_name_column(&head, &rows, &right, unit_names, order, 2, tr(l, "name", "单位名称"));
  out += detail::text_table(head, rows, right);
  out += tr(l,
            "\nexcess: input above its target on the frontier (radial part and slack): with headcount as an input, the "
            "redundant headcount; shortfall: output below its target\n",
            "\n冗余：投入超出其在前沿面上的目标值的部分（径向部分加松弛）：以人员编制为投入时即冗余编制；不足：产出低于其目标值的部分\n");
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

std::string MalmquistResult::brief_report() const {
  std::size_t grew = 0, scored = 0;
  for (Eigen::Index i = 0; i < malmquist.size(); ++i)
    if (!std::isnan(malmquist[i])) {
      ++scored;
      grew += malmquist[i] > 1 ? 1 : 0;
    }
  return detail::trf(language, "Malmquist index over {} units: productivity grew for {}", "Malmquist 指数：{} 个单位，{} 个生产率提高",
                     scored, grew);
}

std::string MalmquistResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  auto num = [](double v) { return std::isnan(v) ? std::string("-") : fmt::format("{:.4f}", v); };
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < unit_ids.size(); ++i) {
    const auto I = static_cast<Eigen::Index>(i);
    rows.push_back({unit_ids[i], num(malmquist[I]), num(efficiency_change[I]), num(technical_change[I]), num(d00[I]),
                    num(d11[I])});
  }
  const Language l = language;
  using detail::tr;
  std::vector<std::string> head{tr(l, "id", "单位代码"),
                                tr(l, "malmquist", "Malmquist 指数"),
                                tr(l, "efficiency change", "效率变化"),
                                tr(l, "technical change", "技术变化"),
                                tr(l, "efficiency then", "基期效率"),
                                tr(l, "efficiency now", "当期效率")};
  std::vector<bool> right{false, true, true, true, true, true};
  detail::insert_name_column(&head, &rows, &right, unit_names, {}, 1, tr(l, "name", "单位名称"));
  out += detail::text_table(head, rows, right);
  for (const auto& w : warnings) out += detail::warning_label(l) + w + "\n";
  return out;
}

}  // namespace staffeval
