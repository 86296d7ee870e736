// Shared declarations of the Python extension module `staffeval._staffeval` (private: the
// package's facade is its public face).
#pragma once

#include <pybind11/eigen.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "staffeval/staffeval.h"

namespace pybind11::detail {

// Unit ids and names (SharedStrings) are lists of str in Python, as std::vector<std::string> is.
template <>
struct type_caster<staffeval::SharedStrings> {
  PYBIND11_TYPE_CASTER(staffeval::SharedStrings, const_name("list[str]"));
  bool load(handle src, bool convert) {
    make_caster<std::vector<std::string>> strings;
    if (!strings.load(src, convert)) return false;
    value = cast_op<std::vector<std::string>&&>(std::move(strings));
    return true;
  }
  static handle cast(const staffeval::SharedStrings& src, return_value_policy policy, handle parent) {
    return make_caster<std::vector<std::string>>::cast(src.vector(), policy, parent);
  }
};

}  // namespace pybind11::detail

namespace staffeval::python {

namespace py = pybind11;

void bind_results(py::module_& m);

}  // namespace staffeval::python
