// Random-index tables RI(n) that turn CI into CR: Saaty (1980, 2005), Donegan & Dodd (1991),
// Alonso & Lamata (2006).
#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>

#include <Eigen/Dense>
#include <fmt/format.h>

#include "common/numeric.h"
#include "numerics/ahp/ahp_internal.h"

namespace staffeval {

namespace {

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

}  // namespace

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

namespace detail::ahp {

bool random_index_extrapolated(std::size_t n, RandomIndexTable table) { return n > 2 && n > entries(table).back().n; }

}  // namespace detail::ahp

}  // namespace staffeval
