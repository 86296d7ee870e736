// Analyses over data tables that the numerics take as plain matrices: two periods matched by
// unit id (Malmquist), survey votes reshaped into memberships (fuzzy evaluation).
#include <cmath>
#include <limits>

#include <fmt/format.h>

#include "staffeval/analyses.h"
#include "staffeval/error.h"
#include "staffeval/methods.h"

namespace staffeval {

MalmquistResult malmquist(const Table& earlier, const Table& later, const std::vector<std::string>& inputs,
                          const std::vector<std::string>& outputs, const MalmquistOptions& options) {
  const Eigen::MatrixXd x1 = select_columns(later, inputs), y1 = select_columns(later, outputs);
  const Eigen::MatrixXd xt = select_columns(earlier, inputs), yt = select_columns(earlier, outputs);
  constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
  Eigen::MatrixXd x0 = Eigen::MatrixXd::Constant(x1.rows(), x1.cols(), kNaN);
  Eigen::MatrixXd y0 = Eigen::MatrixXd::Constant(y1.rows(), y1.cols(), kNaN);
  std::size_t unmatched = 0;
  for (std::size_t i = 0; i < later.ids.size(); ++i) {
    const int k = earlier.find_unit(later.ids[i]);  // hashed: linear in the units overall
    if (k < 0) {
      ++unmatched;
      continue;
    }
    x0.row(static_cast<Eigen::Index>(i)) = xt.row(k);
    y0.row(static_cast<Eigen::Index>(i)) = yt.row(k);
  }
  MalmquistResult m = malmquist(x0, y0, x1, y1, later.ids, options);
  if (unmatched)
    m.warnings.insert(m.warnings.begin(), fmt::format("{} unit(s) of {} are not in {}: no index for them", unmatched,
                                                      later.file, earlier.file));
  return m;
}

std::vector<Eigen::MatrixXd> vote_memberships(const Table& table, const std::vector<std::string>& criteria,
                                              const std::vector<std::string>& grades) {
  std::vector<std::string> columns;
  for (const auto& c : criteria)
    for (const auto& g : grades) columns.push_back(c + ":" + g);
  const Eigen::MatrixXd v = select_columns(table, columns);
  const auto k = static_cast<Eigen::Index>(grades.size());
  std::vector<Eigen::MatrixXd> out;
  out.reserve(static_cast<std::size_t>(v.rows()));
  Eigen::MatrixXd counts(static_cast<Eigen::Index>(criteria.size()), k);
  for (Eigen::Index i = 0; i < v.rows(); ++i) {
    for (Eigen::Index j = 0; j < counts.rows(); ++j) {
      // A criterion with no count at all was not surveyed for the unit (no membership); a blank
      // beside counts is not a count of nobody: the tally may be unfinished.
      Eigen::Index blank = 0;
      for (Eigen::Index g = 0; g < k; ++g) blank += std::isnan(v(i, j * k + g)) ? 1 : 0;
      for (Eigen::Index g = 0; g < k; ++g) {
        const double x = v(i, j * k + g);
        if (std::isnan(x) && blank < k)
          throw DataError(fmt::format("{}:{}: unit \"{}\", column \"{}\": vote count missing beside the other "
                                      "grades' counts (write 0 where nobody chose the grade)",
                                      table.file, table.rows[static_cast<std::size_t>(i)],
                                      table.ids[static_cast<std::size_t>(i)],
                                      columns[static_cast<std::size_t>(j * k + g)]));
        counts(j, g) = std::isnan(x) ? 0.0 : x;
      }
    }
    out.push_back(membership_from_votes(counts));
  }
  return out;
}

}  // namespace staffeval
