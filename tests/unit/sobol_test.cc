// Sobol' design and indices: exact estimator arithmetic on a fixed design, and the analytic
// indices of a linear model, the Ishigami function and the Sobol' G function.
#include <cmath>
#include <functional>

#include "test_util.h"

namespace staffeval {
namespace {

// f on every row of A, B and the k radial matrices.
struct Outputs {
  Eigen::VectorXd a, b;
  Eigen::MatrixXd ab;
};

Outputs run(const SobolDesign& d, const std::function<double(const Eigen::RowVectorXd&)>& f) {
  Outputs o;
  const Eigen::Index n = d.a.rows(), k = d.a.cols();
  o.a.resize(n);
  o.b.resize(n);
  o.ab.resize(n, k);
  for (Eigen::Index i = 0; i < n; ++i) {
    o.a[i] = f(d.a.row(i));
    o.b[i] = f(d.b.row(i));
  }
  for (Eigen::Index j = 0; j < k; ++j) {
    const Eigen::MatrixXd ab = sobol_radial(d, j);
    for (Eigen::Index i = 0; i < n; ++i) o.ab(i, j) = f(ab.row(i));
  }
  return o;
}

TEST(SobolDesign, ScrambledNetIsBalancedAndSeeded) {
  const SobolDesign d = sobol_design(256, 5, 42);
  ASSERT_EQ(d.a.rows(), 256);
  ASSERT_EQ(d.b.cols(), 5);
  // The first 2^m points of a (scrambled) Sobol' sequence put exactly one point in each of the
  // 2^m equal intervals of every coordinate.
  for (const Eigen::MatrixXd* m : {&d.a, &d.b})
    for (Eigen::Index j = 0; j < 5; ++j) {
      std::vector<int> count(256, 0);
      for (Eigen::Index i = 0; i < 256; ++i) {
        const double u = (*m)(i, j);
        ASSERT_TRUE(u > 0 && u < 1) << u;
        ++count[static_cast<std::size_t>(u * 256)];
      }
      for (int c : count) EXPECT_EQ(c, 1);
    }
  const SobolDesign same = sobol_design(256, 5, 42), other = sobol_design(256, 5, 43);
  EXPECT_TRUE(d.a.cwiseEqual(same.a).all());
  EXPECT_TRUE(d.b.cwiseEqual(same.b).all());
  EXPECT_FALSE(d.a.cwiseEqual(other.a).all());
  const Eigen::MatrixXd ab = sobol_radial(d, 2);
  EXPECT_TRUE(ab.col(2).cwiseEqual(d.b.col(2)).all());
  EXPECT_TRUE(ab.col(0).cwiseEqual(d.a.col(0)).all());
  STAFFEVAL_EXPECT_THROW_MSG(sobol_design(0, 3, 1), OptionsError, "n");
  STAFFEVAL_EXPECT_THROW_MSG(sobol_design(8, 2000, 1), OptionsError, "at most 1833 inputs");
}

// The estimators' arithmetic on outputs given by hand (n = 2, k = 1).
TEST(SobolIndices, EstimatorArithmeticIsExact) {
  Eigen::VectorXd fa(2), fb(2);
  Eigen::MatrixXd fab(2, 1);
  fa << 1, 3;
  fb << 2, 6;
  fab << 4, 5;
  // mean of A and B = 3; V = ((1-3)^2 + (3-3)^2 + (2-3)^2 + (6-3)^2) / 4 = 14/4 = 3.5.
  SobolOptions o;
  o.bootstrap = 0;
  const SobolIndices s = sobol_indices(fa, fb, fab, o);
  EXPECT_DOUBLE_EQ(s.mean, 3.0);
  EXPECT_DOUBLE_EQ(s.variance, 3.5);
  // Saltelli 2010: mean(fB (fAB - fA)) = (2*3 + 6*2) / 2 = 9 -> 9 / 3.5.
  EXPECT_DOUBLE_EQ(s.first[0], 9 / 3.5);
  // Jansen first order: mean((fB - fAB)^2) = (4 + 1) / 2 = 2.5 -> (3.5 - 1.25) / 3.5.
  EXPECT_DOUBLE_EQ(s.first_jansen[0], (3.5 - 1.25) / 3.5);
  // Jansen total: mean((fA - fAB)^2) = (9 + 4) / 2 = 6.5 -> 3.25 / 3.5.
  EXPECT_DOUBLE_EQ(s.total[0], 3.25 / 3.5);
  EXPECT_TRUE(std::isnan(s.first_low[0]));  // no bootstrap, no interval
  // A constant output has no variance to apportion.
  const SobolIndices c = sobol_indices(Eigen::VectorXd::Constant(2, 7), Eigen::VectorXd::Constant(2, 7),
                                       Eigen::MatrixXd::Constant(2, 1, 7), o);
  EXPECT_TRUE(c.constant);
  EXPECT_TRUE(std::isnan(c.first[0]));
  fab(1, 0) = std::nan("");
  STAFFEVAL_EXPECT_THROW_MSG(sobol_indices(fa, fb, fab, o), DataError, "f(A_B) row 2, input 1 = nan");
  o.confidence = 1;
  STAFFEVAL_EXPECT_THROW_MSG(sobol_indices(fa, fb, Eigen::MatrixXd::Ones(2, 1), o), OptionsError, "confidence");
}

// f = sum c_j x_j with x_j uniform: V_j = c_j^2 / 12, no interactions, S_j = ST_j = c_j^2 / sum c^2.
// The estimators are exact in expectation; at n = 4096 their spread is below 0.01 here.
TEST(SobolIndices, LinearModel) {
  const Eigen::Vector3d c(1, 2, 3);
  const SobolDesign d = sobol_design(4096, 3, 7);
  const Outputs f = run(d, [&](const Eigen::RowVectorXd& x) { return x.dot(c.transpose()); });
  const SobolIndices s = sobol_indices(f.a, f.b, f.ab);
  for (Eigen::Index j = 0; j < 3; ++j) {
    const double exact = c[j] * c[j] / 14;
    EXPECT_NEAR(s.first[j], exact, 0.01) << j;
    EXPECT_NEAR(s.first_jansen[j], exact, 0.01) << j;
    EXPECT_NEAR(s.total[j], exact, 0.01) << j;
    EXPECT_LE(s.first_low[j], s.first_high[j]);
  }
  EXPECT_NEAR(s.variance, 14.0 / 12, 0.02);
}

// Ishigami (a = 7, b = 0.1), x_j uniform on [-pi, pi]: S = (0.3139, 0.4424, 0),
// ST = (0.5576, 0.4424, 0.2437) (Saltelli et al. 2008, Global Sensitivity Analysis, 4.6).
// n = 8192 base points: over seeds 1 to 99 the estimates stayed within 0.002 of the analytic
// values on this quasi-random design (the bootstrap, which treats the points as independent,
// gives intervals of about +-0.03); 0.01 leaves a margin no correct estimator needs.
TEST(SobolIndices, Ishigami) {
  const double a = 7, b = 0.1, pi = std::acos(-1.0);
  const double v = a * a / 8 + b * std::pow(pi, 4) / 5 + b * b * std::pow(pi, 8) / 18 + 0.5;
  const double v1 = 0.5 * std::pow(1 + b * std::pow(pi, 4) / 5, 2), v2 = a * a / 8;
  const double v13 = b * b * std::pow(pi, 8) * (1.0 / 18 - 1.0 / 50);
  const Eigen::Vector3d first(v1 / v, v2 / v, 0), total((v1 + v13) / v, v2 / v, v13 / v);
  EXPECT_NEAR(first[0], 0.3139, 1e-4);
  EXPECT_NEAR(total[2], 0.2437, 1e-4);
  const SobolDesign d = sobol_design(8192, 3, 11);
  const Outputs f = run(d, [&](const Eigen::RowVectorXd& u) {
    const Eigen::RowVectorXd x = (2 * u.array() - 1) * pi;
    return std::sin(x[0]) + a * std::pow(std::sin(x[1]), 2) + b * std::pow(x[2], 4) * std::sin(x[0]);
  });
  SobolOptions o;
  o.bootstrap = 200;
  const SobolIndices s = sobol_indices(f.a, f.b, f.ab, o);
  for (Eigen::Index j = 0; j < 3; ++j) {
    EXPECT_NEAR(s.first[j], first[j], 0.01) << j;
    EXPECT_NEAR(s.first_jansen[j], first[j], 0.01) << j;
    EXPECT_NEAR(s.total[j], total[j], 0.01) << j;
    // The 95% intervals cover the analytic values.
    EXPECT_LE(s.total_low[j], total[j]) << j;
    EXPECT_GE(s.total_high[j], total[j]) << j;
  }
  EXPECT_NEAR(s.variance, v, 0.05 * v);
}

// Sobol' G function with a = (0, 1, 4.5, 9, 99, 99): V_j = 1 / (3 (1 + a_j)^2),
// V = prod(1 + V_j) - 1, S_j = V_j / V, ST_j = V_j prod_{i != j}(1 + V_i) / V.
TEST(SobolIndices, SobolG) {
  const std::vector<double> a{0, 1, 4.5, 9, 99, 99};
  const auto k = static_cast<Eigen::Index>(a.size());
  Eigen::VectorXd vj(k);
  for (Eigen::Index j = 0; j < k; ++j) vj[j] = 1 / (3 * std::pow(1 + a[static_cast<std::size_t>(j)], 2));
  const double v = (vj.array() + 1).prod() - 1;
  const SobolDesign d = sobol_design(8192, static_cast<std::size_t>(k), 3);
  const Outputs f = run(d, [&](const Eigen::RowVectorXd& x) {
    double g = 1;
    for (Eigen::Index j = 0; j < k; ++j)
      g *= (std::fabs(4 * x[j] - 2) + a[static_cast<std::size_t>(j)]) / (1 + a[static_cast<std::size_t>(j)]);
    return g;
  });
  SobolOptions o;
  o.bootstrap = 0;
  const SobolIndices s = sobol_indices(f.a, f.b, f.ab, o);
  for (Eigen::Index j = 0; j < k; ++j) {
    const double total = vj[j] * ((vj.array() + 1).prod() / (1 + vj[j])) / v;
    EXPECT_NEAR(s.first[j], vj[j] / v, 0.01) << j;
    EXPECT_NEAR(s.total[j], total, 0.01) << j;
  }
  // By hand: V = (4/3)(13/12)(1 + 1/90.75)(1 + 1/300)(1 + 1/30000)^2 - 1 = 0.46532, S_1 = (1/3) / V.
  EXPECT_NEAR(v, 0.46532, 1e-5);
  EXPECT_NEAR(vj[0] / v, 0.71635, 1e-5);
}

}  // namespace
}  // namespace staffeval
