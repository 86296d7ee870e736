// AHP: judgment matrices, priorities, consistency, completion of missing judgments, revision
// search and expert panels.
#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/numeric.h"
#include "common/text_table.h"
#include "data/text.h"
#include "staffeval/data.h"
#include "staffeval/weighting.h"

namespace staffeval {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
// Judgments beyond [1 / kMaxJudgment, kMaxJudgment] are refused (see check_judgments()).
constexpr double kMaxJudgment = 1e9;

struct RiEntry {
  std::size_t n;
  double ri;
};

const std::vector<RiEntry>& entries(RandomIndexTable t) {
  // Saaty (1980) as printed for n <= 11; larger n in later printings disagree with each other.
  static const std::vector<RiEntry> saaty1980 = {{1, 0},       {2, 0},       {3, 0.58},    {4, 0.90},
                                                 {5, 1.12},    {6, 1.24},    {7, 1.32},    {8, 1.41},
                                                 {9, 1.45},    {10, 1.49},   {11, 1.51}};
  static const std::vector<RiEntry> saaty2005 = {{1, 0},     {2, 0},     {3, 0.52},  {4, 0.89},  {5, 1.11},
                                                 {6, 1.25},  {7, 1.35},  {8, 1.40},  {9, 1.45},  {10, 1.49},
                                                 {11, 1.52}, {12, 1.54}, {13, 1.56}, {14, 1.58}, {15, 1.59}};
  static const std::vector<RiEntry> donegan_dodd = {
      {1, 0},         {2, 0},         {3, 0.4914},    {4, 0.8286},    {5, 1.0591},    {6, 1.1797},
      {7, 1.2519},    {8, 1.3171},    {9, 1.3733},    {10, 1.4055},   {11, 1.4213},   {12, 1.4497},
      {13, 1.4643},   {14, 1.4822},   {15, 1.4969},   {16, 1.5078},   {17, 1.5153},   {18, 1.5262},
      {19, 1.5313},   {20, 1.5371},   {25, 1.5619},   {30, 1.5772},   {40, 1.5976},   {50, 1.6102},
      {60, 1.6178},   {70, 1.6237},   {80, 1.6277},   {90, 1.6213},   {100, 1.6339}};
  static const std::vector<RiEntry> alonso_lamata = {
      {1, 0},         {2, 0},         {3, 0.5245},    {4, 0.8815},    {5, 1.1086},
      {6, 1.2479},    {7, 1.3417},    {8, 1.4056},    {9, 1.4499},    {10, 1.4854},
      {11, 1.5141},   {12, 1.5365},   {13, 1.5551},   {14, 1.5713},   {15, 1.5838}};
  switch (t) {
    case RandomIndexTable::kSaaty1980: return saaty1980;
    case RandomIndexTable::kSaaty2005: return saaty2005;
    case RandomIndexTable::kDoneganDodd1991: return donegan_dodd;
    case RandomIndexTable::kAlonsoLamata2006: return alonso_lamata;
  }
  return saaty1980;
}

std::string_view table_name(RandomIndexTable t) {
  switch (t) {
    case RandomIndexTable::kSaaty1980: return "Saaty (1980)";
    case RandomIndexTable::kSaaty2005: return "Saaty (2005)";
    case RandomIndexTable::kDoneganDodd1991: return "Donegan & Dodd (1991)";
    case RandomIndexTable::kAlonsoLamata2006: return "Alonso & Lamata (2006)";
  }
  return "?";
}

// The Perron root and vector (summing to 1) of a positive (or, for Harker's matrix,
// irreducible non-negative) matrix. Power iteration from the row geometric means converges
// fast for judgment matrices (the second eigenvalue is small); a general eigensolver takes over
// if it does not.
//
// A positive matrix is balanced first: B = D^-1 A D with D the row geometric means (taken in
// logs), so b_ij = a_ij g_j / g_i is near 1 for near-consistent judgments whatever their size.
// B has A's eigenvalues, and A's Perron vector is D times B's; a consistent matrix gives B of all
// ones and lambda = n exactly. Without balancing, judgments of 1e20 lose lambda_max to rounding.
std::pair<double, Eigen::VectorXd> perron_plain(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  Eigen::VectorXd w = Eigen::VectorXd::Constant(n, 1.0 / static_cast<double>(n));
  double lambda = 0;
  for (int it = 0; it < 100000; ++it) {
    Eigen::VectorXd y = a * w;
    lambda = y.sum();
    y /= lambda;
    const double change = (y - w).cwiseAbs().maxCoeff();
    w = y;
    if (change < 1e-15) return {lambda, w};
  }
  Eigen::EigenSolver<Eigen::MatrixXd> es(a);
  Eigen::Index k = 0;
  es.eigenvalues().real().maxCoeff(&k);
  Eigen::VectorXd v = es.eigenvectors().col(k).real();
  v /= v.sum();
  return {es.eigenvalues()[k].real(), v};
}

// Weights exp(l_i) normalised to sum 1, computed without overflow.
Eigen::VectorXd normalised_exp(const Eigen::VectorXd& l) {
  const Eigen::VectorXd e = (l.array() - l.maxCoeff()).exp().matrix();
  return e / e.sum();
}

std::pair<double, Eigen::VectorXd> perron(const Eigen::MatrixXd& a) {
  const Eigen::Index n = a.rows();
  if (!(a.array() > 0).all()) return perron_plain(a);
  Eigen::VectorXd lg(n);
  for (Eigen::Index i = 0; i < n; ++i) lg[i] = a.row(i).array().log().mean();
  Eigen::MatrixXd b(n, n);
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) b(i, j) = std::exp(std::log(a(i, j)) + lg[j] - lg[i]);
  auto [lambda, v] = perron_plain(b);
  return {lambda, normalised_exp((v.array().log().matrix() + lg))};
}

// lambda_max >= n for every positive reciprocal matrix, with equality only when it is
// consistent (Saaty 1977); a value a rounding below n is n.
double at_least_n(double lambda, Eigen::Index n) { return std::max(lambda, static_cast<double>(n)); }

Eigen::VectorXd priorities(const Eigen::MatrixXd& a, PriorityMethod m, double* lambda) {
  const Eigen::Index n = a.rows();
  Eigen::VectorXd w(n);
  switch (m) {
    case PriorityMethod::kEigenvector: {
      auto [l, v] = perron(a);
      *lambda = at_least_n(l, n);
      return v;
    }
    case PriorityMethod::kGeometricMean: {
      Eigen::VectorXd lg(n);
      for (Eigen::Index i = 0; i < n; ++i) lg[i] = a.row(i).array().log().mean();
      w = normalised_exp(lg);
      break;
    }
    case PriorityMethod::kColumnAverage: {
      const Eigen::RowVectorXd col = a.colwise().sum();
      for (Eigen::Index i = 0; i < n; ++i) w[i] = (a.row(i).array() / col.array()).mean();
      w /= w.sum();
      break;
    }
  }
  // The usual estimate for the approximate methods: the mean of (A w)_i / w_i, each term
  // a_ij w_j / w_i formed in logs so that large judgments cannot overflow it.
  double sum = 0;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = 0; j < n; ++j) sum += std::exp(std::log(a(i, j)) + std::log(w[j]) - std::log(w[i]));
  *lambda = at_least_n(sum / static_cast<double>(n), n);
  return w;
}

// Completion of the missing judgments (NaN) of a checked matrix.
Eigen::MatrixXd complete(const Eigen::MatrixXd& given, Completion method) {
  const Eigen::Index n = given.rows();
  Eigen::MatrixXd a = given;
  std::vector<std::pair<Eigen::Index, Eigen::Index>> blanks;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (std::isnan(a(i, j))) blanks.emplace_back(i, j);
  if (blanks.empty()) return a;
  auto fill_from = [&](const Eigen::VectorXd& w) {
    for (auto [i, j] : blanks) {
      a(i, j) = w[i] / w[j];
      a(j, i) = w[j] / w[i];
    }
  };
  // LLSM: the Laplacian system of the known comparisons, with sum(ln w) = 0 added (the graph is
  // connected, so L + J is non-singular).
  auto llsm = [&]() {
    Eigen::MatrixXd lap = Eigen::MatrixXd::Ones(n, n);
    Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) {
        if (i == j || std::isnan(given(i, j))) continue;
        lap(i, i) += 1;
        lap(i, j) -= 1;
        b[i] += std::log(given(i, j));
      }
    const Eigen::VectorXd v = lap.partialPivLu().solve(b);
    return Eigen::VectorXd(v.array().exp());
  };
  switch (method) {
    case Completion::kLlsm:
      fill_from(llsm());
      break;
    case Completion::kHarker: {
      Eigen::MatrixXd b = given;
      for (Eigen::Index i = 0; i < n; ++i) {
        int blank = 0;
        for (Eigen::Index j = 0; j < n; ++j)
          if (std::isnan(b(i, j))) {
            b(i, j) = 0;
            ++blank;
          }
        b(i, i) = 1 + blank;
      }
      fill_from(perron(b).second);
      break;
    }
    case Completion::kLambdaMin: {
      // lambda_max is a convex function of the logs of the missing judgments (Bozóki, Fülöp &
      // Rónyai 2010): cyclic coordinate descent, each coordinate by golden-section search.
      fill_from(llsm());
      auto lambda_at = [&](Eigen::Index i, Eigen::Index j, double t) {
        a(i, j) = std::exp(t);
        a(j, i) = std::exp(-t);
        return perron(a).first;
      };
      const double phi = (std::sqrt(5.0) - 1) / 2;
      for (int cycle = 0; cycle < 1000; ++cycle) {
        double moved = 0;
        for (auto [i, j] : blanks) {
          const double t0 = std::log(a(i, j));
          double lo = t0 - 10, hi = t0 + 10;
          double x1 = hi - phi * (hi - lo), x2 = lo + phi * (hi - lo);
          double f1 = lambda_at(i, j, x1), f2 = lambda_at(i, j, x2);
          while (hi - lo > 1e-12) {
            if (f1 < f2) {
              hi = x2;
              x2 = x1;
              f2 = f1;
              x1 = hi - phi * (hi - lo);
              f1 = lambda_at(i, j, x1);
            } else {
              lo = x1;
              x1 = x2;
              f1 = f2;
              x2 = lo + phi * (hi - lo);
              f2 = lambda_at(i, j, x2);
            }
          }
          const double t = (lo + hi) / 2;
          lambda_at(i, j, t);
          moved = std::max(moved, std::fabs(t - t0));
        }
        if (moved < 1e-10) break;
      }
      break;
    }
  }
  return a;
}

// The core figures of a matrix (no diagnostics): completed matrix, weights, lambda, CI, CR.
struct Core {
  Eigen::MatrixXd matrix;
  Eigen::VectorXd weights;
  double lambda = 0, ci = 0, ri = 0, cr = 0;
  std::string ri_source;
};

Core core(const Eigen::MatrixXd& given, const AhpOptions& o) {
  Core c;
  const auto n = static_cast<std::size_t>(given.rows());
  c.matrix = complete(given, o.completion);
  c.weights = priorities(c.matrix, o.priority, &c.lambda);
  c.ri = random_index(n, o.random_index, &c.ri_source);
  if (n > 2) {
    c.ci = (c.lambda - static_cast<double>(n)) / static_cast<double>(n - 1);  // >= 0: lambda >= n
    c.cr = c.ci / c.ri;
  } else {
    c.lambda = static_cast<double>(n);
    c.ci = c.cr = 0;
  }
  return c;
}

const double kScale[] = {1.0 / 9, 1.0 / 8, 1.0 / 7, 1.0 / 6, 1.0 / 5, 1.0 / 4, 1.0 / 3, 1.0 / 2, 1,
                         2,       3,       4,       5,       6,       7,       8,       9};

// The position on the 1-9 scale nearest to v (in log distance).
int nearest_scale(double v) {
  int best = 0;
  for (int k = 1; k < 17; ++k)
    if (std::fabs(std::log(kScale[k] / v)) < std::fabs(std::log(kScale[best] / v))) best = k;
  return best;
}

// The revision search documented at ahp(). A single change is looked for among every scale value
// of the judgments contributing most to CI (all judgments for n <= 10, else the 2n largest
// contributions; given judgments only: a missing one is completed, not revised): the smallest
// change |ln(to / from)| that brings CR under the threshold. Failing that, rounds move one of
// the 2n largest contributors to the scale value nearest the ratio its weights imply, the move
// lowering CR most, for at most n rounds. Every CR is computed exactly. In all at most
// 16 max(45, 2n) + n (2n) AHP evaluations: polynomial in n (the former exhaustive stepwise
// search took minutes at n = 60).
std::vector<RevisionStep> revise(const Eigen::MatrixXd& given, const AhpOptions& o) {
  const Eigen::Index n = given.rows();
  struct Candidate {
    Eigen::Index i, j;
    double to, cr, cost;
  };
  auto with = [&](const Eigen::MatrixXd& m, Eigen::Index i, Eigen::Index j, double v) {
    Eigen::MatrixXd t = m;
    t(i, j) = v;
    t(j, i) = 1 / v;
    return t;
  };
  // The given judgments by their part in CI, largest first: (i, j, consistent ratio).
  struct Share {
    Eigen::Index i, j;
    double share, ratio;
  };
  auto contributors = [&](const Eigen::MatrixXd& m, std::size_t keep) {
    const Core base = core(m, o);
    std::vector<Share> shares;
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j) {
        if (std::isnan(m(i, j))) continue;
        const double ratio = base.weights[i] / base.weights[j];
        const double e = std::exp(std::log(m(i, j)) - std::log(ratio));
        shares.push_back({i, j, e + 1 / e - 2, ratio});
      }
    std::stable_sort(shares.begin(), shares.end(), [](const Share& a, const Share& b) { return a.share > b.share; });
    if (shares.size() > keep) shares.resize(keep);
    return shares;
  };
  const std::size_t wide = n <= 10 ? std::size_t{45} : static_cast<std::size_t>(2 * n);
  // One change, if one suffices.
  const Candidate* best = nullptr;
  Candidate pick{};
  for (const auto& sh : contributors(given, wide)) {
    const double from = given(sh.i, sh.j);
    for (double v : kScale) {
      const double cost = std::fabs(std::log(v / from));
      if (cost < 1e-9 || (best && cost > best->cost + 1e-12)) continue;
      const double cr = core(with(given, sh.i, sh.j, v), o).cr;
      if (!(cr < o.threshold)) continue;
      if (!best || cost < best->cost - 1e-12 || cr < best->cr) {
        pick = {sh.i, sh.j, v, cr, cost};
        best = &pick;
      }
    }
  }
  if (best)
    return {{static_cast<std::size_t>(best->i), static_cast<std::size_t>(best->j), given(best->i, best->j), best->to,
             best->cr}};
  // Otherwise step by step.
  std::vector<RevisionStep> steps;
  Eigen::MatrixXd m = given;
  for (Eigen::Index round = 0; round < n; ++round) {
    const Candidate* step = nullptr;
    Candidate c{};
    for (const auto& sh : contributors(m, static_cast<std::size_t>(2 * n))) {
      const double target = kScale[nearest_scale(sh.ratio)];
      if (std::fabs(std::log(target / m(sh.i, sh.j))) < 1e-9) continue;
      const double cr = core(with(m, sh.i, sh.j, target), o).cr;
      if (!step || cr < step->cr) {
        c = {sh.i, sh.j, target, cr, 0};
        step = &c;
      }
    }
    if (!step) break;
    steps.push_back({static_cast<std::size_t>(step->i), static_cast<std::size_t>(step->j), m(step->i, step->j), step->to,
                     step->cr});
    m = with(m, step->i, step->j, step->to);
    if (step->cr < o.threshold) return steps;
  }
  return {};
}

std::string judgment_text(double v) {
  // Judgments below 1 read better as fractions of the scale.
  if (v < 1) {
    const double r = 1 / v;
    if (std::fabs(r - std::round(r)) < 1e-9) return fmt::format("1/{:g}", std::round(r));
  }
  return fmt::format("{:.4g}", v);
}

}  // namespace

std::string JudgmentMatrix::cell(std::size_t i, std::size_t j) const {
  const std::string where = i < lines.size() ? fmt::format("{}:{}", file, lines[i]) : file;
  return fmt::format("{}: row \"{}\", column \"{}\"", where, names[i], names[j]);
}

double random_index(std::size_t n, RandomIndexTable table, std::string* source) {
  const auto& e = entries(table);
  if (n <= 2) {
    if (source) *source = fmt::format("n = {}: CR = 0 by definition", n);
    return 0.0;
  }
  for (std::size_t k = 0; k < e.size(); ++k) {
    if (e[k].n == n) {
      if (source) *source = fmt::format("{}, n = {}", table_name(table), n);
      return e[k].ri;
    }
    if (e[k].n > n) {
      // Between tabulated sizes (Donegan & Dodd list 20, 25, 30, ...): linear interpolation.
      const RiEntry& a = e[k - 1];
      const RiEntry& b = e[k];
      if (source) *source = fmt::format("{}, interpolated between n = {} and n = {}", table_name(table), a.n, b.n);
      return a.ri + (b.ri - a.ri) * static_cast<double>(n - a.n) / static_cast<double>(b.n - a.n);
    }
  }
  const double x = static_cast<double>(n);
  if (source)
    *source = fmt::format("n = {} is beyond {} (n <= {}): Alonso & Lamata's fit (1.7699 n - 4.3513) / (n - 1)",
                          n, table_name(table), e.back().n);
  return (1.7699 * x - 4.3513) / (x - 1);
}

JudgmentMatrix parse_judgment_matrix(std::string_view csv, const std::string& name) {
  const detail::CsvRecords rec = detail::parse_csv_records(csv, name);
  JudgmentMatrix m;
  m.file = name;
  if (rec.records.empty()) throw DataError(fmt::format("{}: the file is empty (a header row of element names is needed)", name));
  const auto& header = rec.records[0];
  for (std::size_t c = 1; c < header.size(); ++c) {
    if (header[c].empty())
      throw DataError(fmt::format("{}:{}: column {}: an element name is needed", name, rec.lines[0], c + 1));
    m.names.push_back(header[c]);
  }
  const std::size_t n = m.names.size();
  if (n == 0) throw DataError(fmt::format("{}:{}: no element names after the corner cell", name, rec.lines[0]));
  std::vector<std::size_t> rows;
  for (std::size_t r = 1; r < rec.records.size(); ++r) {
    const auto& f = rec.records[r];
    if (std::all_of(f.begin(), f.end(), [](const std::string& s) { return s.empty(); })) continue;
    rows.push_back(r);
  }
  if (rows.size() != n)
    throw DataError(fmt::format("{}: {} element names in the header but {} rows: the matrix must be square",
                                name, n, rows.size()));
  m.values.resize(static_cast<Eigen::Index>(n), static_cast<Eigen::Index>(n));
  for (std::size_t i = 0; i < n; ++i) {
    const auto& f = rec.records[rows[i]];
    const std::size_t line = rec.lines[rows[i]];
    m.lines.push_back(line);
    if (f.empty() || f[0] != m.names[i])
      throw DataError(fmt::format("{}:{}: row {} is named \"{}\" but column {} is \"{}\": rows and columns must "
                                  "list the elements in the same order",
                                  name, line, i + 1, f.empty() ? "" : f[0], i + 1, m.names[i]));
    if (f.size() > n + 1)
      throw DataError(fmt::format("{}:{}: row \"{}\" has {} judgments, the header names {} elements", name, line,
                                  m.names[i], f.size() - 1, n));
    for (std::size_t j = 0; j < n; ++j) {
      const std::string cell = j + 1 < f.size() ? f[j + 1] : std::string();
      double v = kNaN;
      if (!cell.empty()) {
        const auto slash = cell.find('/');
        bool ok = true;
        if (slash != std::string::npos && slash > 0 && slash + 1 < cell.size()) {
          bool ok1 = true, ok2 = true;
          const double num = parse_cell(cell.substr(0, slash), &ok1);
          const double den = parse_cell(cell.substr(slash + 1), &ok2);
          ok = ok1 && ok2 && !std::isnan(num) && !std::isnan(den) && den != 0;
          v = ok ? num / den : kNaN;
        } else {
          v = parse_cell(cell, &ok);
        }
        if (!ok)
          throw DataError(fmt::format("{}:{}: row \"{}\", column \"{}\" = \"{}\": not a number or fraction", name,
                                      line, m.names[i], m.names[j], cell));
      }
      if (i == j && std::isnan(v)) v = 1;
      m.values(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = v;
    }
  }
  return m;
}

JudgmentMatrix read_judgment_matrix(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw DataError(fmt::format("{}: cannot open the judgment matrix file", path));
  const std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  return parse_judgment_matrix(bytes, path);
}

void check_judgments(const JudgmentMatrix& m, double tolerance) {
  const std::size_t n = m.size();
  if (static_cast<std::size_t>(m.values.rows()) != n || static_cast<std::size_t>(m.values.cols()) != n)
    throw DataError(fmt::format("{}: {} names but a {} x {} matrix", m.file, n, m.values.rows(), m.values.cols()));
  if (n == 0) throw DataError(fmt::format("{}: the matrix has no elements", m.file));
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t k = i + 1; k < n; ++k)
      if (m.names[i] == m.names[k])
        throw DataError(fmt::format("{}: element \"{}\" is named twice", m.file, m.names[i]));
  const auto& a = m.values;
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = 0; j < n; ++j) {
      const auto I = static_cast<Eigen::Index>(i), J = static_cast<Eigen::Index>(j);
      const double v = a(I, J);
      if (std::isnan(v)) {
        if (i == j) throw DataError(fmt::format("{} = blank: the diagonal is 1", m.cell(i, j)));
        if (!std::isnan(a(J, I)))
          throw DataError(fmt::format("{} is blank but its reciprocal row \"{}\", column \"{}\" = {}: leave both blank "
                                    "or give both",
                                    m.cell(i, j), m.names[j], m.names[i], judgment_text(a(J, I))));
        continue;
      }
      if (!std::isfinite(v) || v <= 0)
        throw DataError(fmt::format("{} = {:g}: judgments must be positive (1-9 and reciprocals)", m.cell(i, j), v));
      if (v > kMaxJudgment || v < 1 / kMaxJudgment)
        throw DataError(fmt::format("{} = {:g}: beyond the range of judgments staffeval accepts (1e-9 to 1e9); a "
                                    "ratio beyond a billion is no pairwise comparison: give the weights directly",
                                    m.cell(i, j), v));
      if (i == j && std::fabs(v - 1) > tolerance)
        throw DataError(fmt::format("{} = {:g}: the diagonal must be 1", m.cell(i, j), v));
      if (j > i && !std::isnan(a(J, I)) && std::fabs(v * a(J, I) - 1) > tolerance)
        throw DataError(fmt::format("{} = {} but column \"{}\", row \"{}\" = {}: the matrix is not reciprocal "
                                    "(a_ij * a_ji = {:.4g}, must be 1)",
                                    m.cell(i, j), judgment_text(v), m.names[i], m.names[j], judgment_text(a(J, I)),
                                    v * a(J, I)));
    }
  // The known judgments must connect every element, or their weights are not determined.
  std::vector<std::size_t> parent(n);
  std::iota(parent.begin(), parent.end(), std::size_t{0});
  auto find = [&](std::size_t x) {
    while (parent[x] != x) x = parent[x] = parent[parent[x]];
    return x;
  };
  for (std::size_t i = 0; i < n; ++i)
    for (std::size_t j = i + 1; j < n; ++j)
      if (!std::isnan(a(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)))) parent[find(i)] = find(j);
  for (std::size_t i = 1; i < n; ++i)
    if (find(i) != find(0))
      throw DataError(fmt::format("{}: no chain of judgments links \"{}\" to \"{}\": the weights are not determined "
                                  "(add a judgment between the two groups)",
                                  m.file, m.names[i], m.names[0]));
}

void AhpOptions::validate() const {
  if (!(threshold > 0 && threshold < 1))
    throw OptionsError("AhpOptions::threshold", fmt::format("{}", threshold), "must be in (0, 1)");
  if (!(reciprocal_tolerance >= 0 && reciprocal_tolerance <= 0.1))
    throw OptionsError("AhpOptions::reciprocal_tolerance", fmt::format("{}", reciprocal_tolerance), "must be in [0, 0.1]");
  if (top_judgments < 0)
    throw OptionsError("AhpOptions::top_judgments", fmt::format("{}", top_judgments), "must be >= 0");
}

AhpResult ahp(const JudgmentMatrix& m, const AhpOptions& o) {
  o.validate();
  check_judgments(m, o.reciprocal_tolerance);
  // Typed judgments such as 0.333 are replaced by the exact reciprocal of their partner, so
  // that the matrix is exactly reciprocal (the value above the diagonal wins).
  Eigen::MatrixXd given = m.values;
  const Eigen::Index n = given.rows();
  for (Eigen::Index i = 0; i < n; ++i) {
    given(i, i) = 1;
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (!std::isnan(given(i, j))) given(j, i) = 1 / given(i, j);
  }
  AhpResult r;
  r.names = m.names;
  r.priority = o.priority;
  r.random_index_table = o.random_index;
  r.completion = o.completion;
  r.threshold = o.threshold;
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (std::isnan(given(i, j))) r.completed.emplace_back(static_cast<std::size_t>(i), static_cast<std::size_t>(j));
  const Core c = core(given, o);
  r.matrix = c.matrix;
  r.weights = c.weights;
  r.lambda_max = c.lambda;
  r.ci = c.ci;
  r.ri = c.ri;
  r.cr = c.cr;
  r.ri_source = c.ri_source;
  r.consistent = r.cr < o.threshold;
  if (n > 2 && r.ri_source.find("beyond") != std::string::npos) r.warnings.push_back("RI: " + r.ri_source);
  // Judgments beyond Saaty's scale are legitimate (ratios of measured quantities) but unusual.
  for (Eigen::Index i = 0; i < n; ++i)
    for (Eigen::Index j = i + 1; j < n; ++j)
      if (given(i, j) > 9 + 1e-9 || given(i, j) < 1 / 9.0 - 1e-9) {
        r.warnings.push_back(fmt::format("{} = {}: beyond the 1-9 scale", m.cell(static_cast<std::size_t>(i), static_cast<std::size_t>(j)),
                                         judgment_text(given(i, j))));
      }
  if (n > 2) {
    std::vector<JudgmentDiagnostic> d;
    const double nn = static_cast<double>(n * (n - 1));
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = i + 1; j < n; ++j) {
        const double e = c.matrix(i, j) * c.weights[j] / c.weights[i];
        d.push_back({static_cast<std::size_t>(i), static_cast<std::size_t>(j), c.matrix(i, j),
                     c.weights[i] / c.weights[j], (e + 1 / e - 2) / nn});
      }
    std::stable_sort(d.begin(), d.end(),
                     [](const JudgmentDiagnostic& a, const JudgmentDiagnostic& b) { return a.ci_share > b.ci_share; });
    d.resize(std::min(d.size(), static_cast<std::size_t>(o.top_judgments)));
    r.inconsistent = std::move(d);
  }
  if (!r.consistent && o.suggest_revision) {
    r.revision = revise(given, o);
    if (r.revision.empty())
      r.warnings.push_back(fmt::format("no revision on the 1-9 scale within {} changes brings CR under {}: revisit the "
                                       "judgments as a whole",
                                       n, o.threshold));
  }
  if (!r.consistent)
    r.warnings.insert(r.warnings.begin(),
                      fmt::format("{}: CR = {:.4f} >= {}: the judgments are inconsistent", m.file, r.cr, o.threshold));
  return r;
}

std::string AhpResult::brief_report() const {
  return fmt::format("AHP {} over {} elements: lambda_max {:.4f}, CI {:.4f}, CR {:.4f} ({}){}", to_string(priority),
                     names.size(), lambda_max, ci, cr, consistent ? "consistent" : "inconsistent",
                     completed.empty() ? "" : fmt::format("; {} judgment(s) completed by {}", completed.size(), to_string(completion)));
}

std::string AhpResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < names.size(); ++i)
    rows.push_back({names[i], fmt::format("{:.4f}", weights[static_cast<Eigen::Index>(i)])});
  out += detail::text_table({"element", "weight"}, rows, {false, true});
  out += fmt::format("\nlambda_max = {:.6f}\nCI = {:.6f}\nRI = {:.4f} ({})\nCR = {:.6f}: {} (threshold {})\n",
                     lambda_max, ci, ri, ri_source, cr, consistent ? "consistent" : "inconsistent", threshold);
  for (auto [i, j] : completed)
    out += fmt::format("completed by {}: {} / {} = {:.6g}\n", to_string(completion), names[i], names[j],
                       matrix(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)));
  if (!inconsistent.empty() && ci > 0) {
    out += "\njudgments contributing most to the inconsistency:\n";
    std::vector<std::vector<std::string>> d;
    for (const auto& j : inconsistent)
      d.push_back({names[j.row] + " / " + names[j.col], judgment_text(j.value), fmt::format("{:.3f}", j.consistent),
                   fmt::format("{:.1f}%", ci > 0 ? 100 * j.ci_share / ci : 0.0)});
    out += detail::text_table({"judgment", "given", "consistent with the weights", "share of CI"}, d,
                              {false, true, true, true});
  }
  if (!revision.empty()) {
    out += "\nsuggested revision:\n";
    for (const auto& s : revision)
      out += fmt::format("  {} / {}: {} -> {} (CR then {:.4f})\n", names[s.row], names[s.col], judgment_text(s.from),
                         judgment_text(s.to), s.cr_after);
  }
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

void PanelOptions::validate() const {
  ahp.validate();
  for (std::size_t k = 0; k < expert_weights.size(); ++k)
    if (!std::isfinite(expert_weights[k]) || expert_weights[k] < 0)
      throw OptionsError("PanelOptions::expert_weights", fmt::format("{}", expert_weights[k]), "must be finite and >= 0");
  if (!expert_weights.empty() &&
      std::accumulate(expert_weights.begin(), expert_weights.end(), 0.0) <= 0)
    throw OptionsError("PanelOptions::expert_weights", "", "sum to 0: at least one expert needs a positive weight");
}

PanelResult ahp_panel(const std::vector<JudgmentMatrix>& ms, const PanelOptions& o) {
  o.validate();
  if (ms.empty()) throw DataError("an expert panel needs at least one judgment matrix");
  if (!o.expert_weights.empty() && o.expert_weights.size() != ms.size())
    throw OptionsError("PanelOptions::expert_weights", fmt::format("{} entries", o.expert_weights.size()),
                       fmt::format("needs one per expert ({})", ms.size()));
  for (std::size_t k = 1; k < ms.size(); ++k)
    if (ms[k].names != ms[0].names)
      throw DataError(fmt::format("{}: the elements differ from {}'s (every expert must judge the same elements in "
                                  "the same order)",
                                  ms[k].file, ms[0].file));
  PanelResult p;
  p.aggregation = o.aggregation;
  p.aip_mean = o.aip_mean;
  const auto K = static_cast<Eigen::Index>(ms.size());
  p.expert_weights = Eigen::VectorXd::Constant(K, 1.0);
  if (!o.expert_weights.empty()) p.expert_weights = Eigen::Map<const Eigen::VectorXd>(o.expert_weights.data(), K);
  p.expert_weights = detail::normalised_weights(p.expert_weights);
  for (const auto& m : ms) {
    p.experts.push_back(ahp(m, o.ahp));
    p.expert_names.push_back(m.file);
    if (!p.experts.back().consistent)
      p.warnings.push_back(fmt::format("expert {}: CR = {:.4f} >= {}", m.file, p.experts.back().cr, o.ahp.threshold));
  }
  const Eigen::Index n = ms[0].values.rows();
  if (o.aggregation == PanelAggregation::kAij) {
    JudgmentMatrix g;
    g.file = "aggregated judgments (AIJ)";
    g.names = ms[0].names;
    g.values.resize(n, n);
    for (Eigen::Index i = 0; i < n; ++i)
      for (Eigen::Index j = 0; j < n; ++j) {
        double s = 0, ws = 0;
        for (Eigen::Index k = 0; k < K; ++k) {
          // Below the diagonal the exact reciprocal of the judgment above it, as ahp() reads it.
          const auto& e = ms[static_cast<std::size_t>(k)].values;
          const double v = i <= j ? e(i, j) : 1 / e(j, i);
          if (std::isnan(v) || p.expert_weights[k] == 0) continue;
          s += p.expert_weights[k] * std::log(v);
          ws += p.expert_weights[k];
        }
        g.values(i, j) = i == j ? 1.0 : (ws > 0 ? std::exp(s / ws) : kNaN);
      }
    p.combined = ahp(g, o.ahp);
  } else {
    AhpResult c;
    c.names = ms[0].names;
    c.priority = o.ahp.priority;
    c.random_index_table = o.ahp.random_index;
    c.threshold = o.ahp.threshold;
    c.lambda_max = c.ci = c.ri = c.cr = kNaN;
    c.consistent = std::all_of(p.experts.begin(), p.experts.end(), [](const AhpResult& e) { return e.consistent; });
    c.ri_source = "AIP: consistency is reported per expert";
    Eigen::VectorXd w = Eigen::VectorXd::Zero(n);
    for (Eigen::Index k = 0; k < K; ++k) {
      const Eigen::VectorXd& e = p.experts[static_cast<std::size_t>(k)].weights;
      if (o.aip_mean == PanelMean::kGeometric) w += p.expert_weights[k] * e.array().log().matrix();
      else w += p.expert_weights[k] * e;
    }
    if (o.aip_mean == PanelMean::kGeometric) w = w.array().exp();
    c.weights = w / w.sum();
    c.matrix.resize(0, 0);
    p.combined = std::move(c);
  }
  return p;
}

std::string PanelResult::brief_report() const {
  return fmt::format("AHP panel of {} experts ({}{}): {} inconsistent expert(s)", experts.size(), to_string(aggregation),
                     aggregation == PanelAggregation::kAip ? fmt::format(", {} mean", to_string(aip_mean)) : "",
                     std::count_if(experts.begin(), experts.end(), [](const AhpResult& e) { return !e.consistent; }));
}

std::string PanelResult::full_report() const {
  std::string out = brief_report() + "\n\n";
  std::vector<std::string> head{"element", "panel"};
  for (std::size_t k = 0; k < experts.size(); ++k) head.push_back(fmt::format("expert {}", k + 1));
  std::vector<std::vector<std::string>> rows;
  for (std::size_t i = 0; i < combined.names.size(); ++i) {
    std::vector<std::string> row{combined.names[i], fmt::format("{:.4f}", combined.weights[static_cast<Eigen::Index>(i)])};
    for (const auto& e : experts) row.push_back(fmt::format("{:.4f}", e.weights[static_cast<Eigen::Index>(i)]));
    rows.push_back(std::move(row));
  }
  std::vector<std::string> row{"CR", aggregation == PanelAggregation::kAij ? fmt::format("{:.4f}", combined.cr) : "-"};
  for (const auto& e : experts) row.push_back(fmt::format("{:.4f}{}", e.cr, e.consistent ? "" : " !"));
  rows.push_back(std::move(row));
  std::vector<bool> right(head.size(), true);
  right[0] = false;
  out += detail::text_table(head, rows, right);
  out += "\nexperts:\n";
  for (std::size_t k = 0; k < experts.size(); ++k)
    out += fmt::format("  expert {}: {} (weight {:.4f}){}\n", k + 1, expert_names[k], expert_weights[static_cast<Eigen::Index>(k)],
                       experts[k].consistent ? "" : " - inconsistent");
  for (const auto& w : warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace staffeval
