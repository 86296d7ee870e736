// Shared declarations of the Python extension module `staffeval._staffeval` (private: the
// package's facade is its public face).
#pragma once

#include <pybind11/eigen.h>
#include <pybind11/functional.h>
#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "staffeval/staffeval.h"

namespace staffeval::python {

namespace py = pybind11;

void bind_results(py::module_& m);

}  // namespace staffeval::python
