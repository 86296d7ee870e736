// Evaluation methods on a decision matrix (private): one kernel per method, one registry row per
// method (registry.cc), and the driver rank_alternatives() that prepares the matrix, calls the
// kernel and assembles the result. Adding a method: a kernel file here, a value in `Method`
// (methods.h) and a row in registry.cc; the model reader, the writer, the `rank` command and model
// groups read everything else from the row.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <Eigen/Core>

#include "common/column_stats.h"
#include "staffeval/methods.h"

namespace staffeval::detail::mcda {

// What a kernel works on: the complete rows (units with a value for every criterion), columns
// already scaled by powers of two where their magnitude needed it, weights normalised to sum 1.
// One column's normalisation (the public normalize() applies it to every column): the column's
// range and the sums the normalisation uses, found once (order-free sums), then applied to a
// value or a block of values. Throws DataError where the normalisation does not apply (a value it cannot take, a
// maximum or sum of 0), naming the unit or criterion.
class ColumnNormalizer {
 public:
  // `stats`: the column's column_stats(); the column is read again only for the sums the
  // normalisation uses and to name a unit in an error.
  ColumnNormalizer(const double* col, std::size_t rows, const ColumnStats& stats, Normalization norm, bool cost,
                   const SharedStrings& ids, const std::vector<std::string>& criteria, Eigen::Index j);
  // The normalised value of v (NaN for NaN). Monotone in v: increasing for a benefit,
  // decreasing for a cost (as rounding is monotone), so a column's extremes come from its own.
  double operator()(double v) const {
    double r;
    map(&v, 1, &r);
    return r;
  }
  // The normalised values of x[0..n) into out, the choice of formula made once for the run.
  void map(const double* x, std::size_t n, double* out) const;
  double lo() const { return lo_; }  // smallest and largest value (+inf / -inf: none)
  double hi() const { return hi_; }

 private:
  Normalization norm_;
  bool cost_;
  double lo_ = 0, hi_ = 0, sum_ = 0, inv_sum_ = 0, norm2_ = 0;
};

struct Input {
  const Eigen::MatrixXd& x;  // complete units only, every value in range, extreme columns scaled
  const std::vector<Direction>& directions;
  const Eigen::VectorXd& weights;
  Normalization normalization;  // the option or the method's default
  const MethodOptions& options;
  const SharedStrings& unit_ids;   // of the rows of x
  const std::vector<std::string>& criteria;
  const Eigen::VectorXd& ideal;       // TOPSIS fixed points, scaled with their columns (or empty)
  const Eigen::VectorXd& anti_ideal;
  const std::vector<ColumnStats>& stats;  // of the columns of x
};

// What a kernel computes, per row of the input.
struct Output {
  Eigen::VectorXd score;  // the method's index
  // The index on [0, 1], higher better, that a model group scores as 100 x share. Left empty
  // when the score already is one (higher better, in [0, 1]).
  Eigen::VectorXd share;
  bool lower_is_better = false;
  std::string normalization;  // when the method does not use `Input::normalization` (`vikor`, ...)
  std::vector<std::pair<std::string, Eigen::VectorXd>> intermediates;
  // Parameters echoed after the method's scalar ones (which the driver echoes), e.g. RSR's cuts.
  std::vector<std::pair<std::string, double>> parameters;
  std::vector<std::pair<std::string, double>> figures;
  std::vector<std::string> warnings;
  // VIKOR: the compromise set as row indices of the input, and its two conditions.
  std::vector<Eigen::Index> compromise;
  bool acceptable_advantage = true;
  bool acceptable_stability = true;
};

using Kernel = void (*)(const Input&, Output*);

// One registry row: the enumeration entry, the kernel, its default normalisation and the scalar
// parameters (MethodOptions fields) it reads.
struct MethodSpec {
  EnumEntry<Method> entry;
  Kernel kernel;
  Normalization default_normalization;
  std::vector<std::string_view> parameters;  // names from method_parameters()
  // What the share a model group scores is, when it is not the method's score itself ("" = the
  // method's name).
  std::string_view share_of = {};
};

const MethodSpec& method_spec(Method m);

// The kernels.
void saw(const Input& in, Output* out);
void wpm(const Input& in, Output* out);
void waspas(const Input& in, Output* out);
void topsis(const Input& in, Output* out);
void vikor(const Input& in, Output* out);
void gra(const Input& in, Output* out);
void rsr(const Input& in, Output* out);
void edas(const Input& in, Output* out);
void codas(const Input& in, Output* out);

// Shared pieces.
std::string unit_name(const SharedStrings& ids, Eigen::Index i);
std::string criterion_name(const std::vector<std::string>& criteria, Eigen::Index j);
// column_stats() of every column of x, the columns shared out between `threads` threads.
std::vector<ColumnStats> matrix_stats(const Eigen::MatrixXd& x, std::size_t threads);
// Whether no column of x has a missing value, from its matrix_stats().
bool no_gaps(const Eigen::MatrixXd& x, const std::vector<ColumnStats>& stats);
// The rows of x with a value in every column, in order; only the columns with a gap are read.
std::vector<Eigen::Index> complete_rows(const Eigen::MatrixXd& x, const std::vector<ColumnStats>& stats);
// Every value within the data range (common/numeric.h), else a DataError naming the cell (the
// first in column order); `stats` are x's, so only a column out of range is read again.
void check_range(const Eigen::MatrixXd& x, const std::vector<ColumnStats>& stats, const SharedStrings& ids,
                 const std::vector<std::string>& criteria);
// The power of two each column is multiplied by before its squares, sums and ranges are formed
// (1 for ordinary values, so results are those of the unscaled column bit for bit).
Eigen::VectorXd column_scales(const std::vector<ColumnStats>& stats);
// The normalised matrix of a kernel's input (Input::normalization, from Input::stats).
Eigen::MatrixXd normalized(const Input& in);
// The weighted product prod_j r_ij^w_j of each row of a normalised matrix (zero weights skipped).
Eigen::VectorXd weighted_product(const Eigen::MatrixXd& r, const Eigen::VectorXd& w);

}  // namespace staffeval::detail::mcda
