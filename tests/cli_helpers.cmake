# Helpers of the CLI tests run with `cmake -P`: run a command, check exit codes and JSON numbers.

# Runs the command; fails with its stderr unless it exits 0; stores stdout in `var`.
function(run_out var)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
  if(NOT rc EQUAL 0)
    string(JOIN " " cmd ${ARGN})
    message(FATAL_ERROR "exit ${rc}: ${cmd}\n${err}")
  endif()
  set(${var} "${out}" PARENT_SCOPE)
endfunction()

# CMake compares numbers as doubles in if(), but has no floating-point arithmetic: bounds are
# given directly. The remaining arguments are the JSON path.
function(expect_between json lo hi)
  string(JSON v GET "${json}" ${ARGN})
  if(NOT (v GREATER_EQUAL lo AND v LESS_EQUAL hi))
    message(FATAL_ERROR "${ARGN} = ${v}, expected in [${lo}, ${hi}]")
  endif()
endfunction()

function(expect_code code)
  execute_process(COMMAND ${ARGN} RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
  if(NOT rc EQUAL code)
    string(JOIN " " cmd ${ARGN})
    message(FATAL_ERROR "expected exit ${code}, got ${rc}: ${cmd}\n${err}")
  endif()
endfunction()
