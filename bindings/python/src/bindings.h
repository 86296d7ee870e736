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
  // Read through views: a packed list (as a table read from a file holds) is not unpacked.
  static handle cast(const staffeval::SharedStrings& src, return_value_policy, handle) {
    list out(src.size());
    for (std::size_t i = 0; i < src.size(); ++i) {
      const std::string_view v = src.view(i);
      PyList_SET_ITEM(out.ptr(), static_cast<ssize_t>(i), str(v.data(), v.size()).release().ptr());
    }
    return out.release();
  }
};

}  // namespace pybind11::detail

namespace staffeval::python {

namespace py = pybind11;

void bind_results(py::module_& m);

}  // namespace staffeval::python
