# `staffeval flatten`: the shipped three-level model as one level, written whole and scored as the
# hierarchy scores (missing values as 0); the report as JSON; refusals.
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

file(REMOVE ${OUT}/flat.yaml)
run_out(report ${CLI} flatten ${EX}/three-level.yaml --out ${OUT}/flat.yaml --format json)
string(JSON exact GET "${report}" exact)
string(JSON count LENGTH "${report}" indicators)
if(NOT exact OR NOT count EQUAL 28)
  message(FATAL_ERROR "flatten: exact ${exact}, ${count} indicators\n${report}")
endif()
run_out(a ${CLI} score --model ${EX}/three-level.yaml --data ${EX}/units.csv --missing zero --no-points --format csv)
run_out(b ${CLI} score --model ${OUT}/flat.yaml --data ${EX}/units.csv --missing zero --no-points --format csv)
if(NOT a STREQUAL b)
  message(FATAL_ERROR "the flat model scores differently from the three-level one")
endif()
# Weights from the data need the data; the flat model never goes over the input.
expect_code(2 ${CLI} flatten ${EX}/weighted.yaml)
run_out(w ${CLI} flatten ${EX}/weighted.yaml --data ${EX}/units.csv --format csv)
expect_code(2 ${CLI} flatten ${EX}/three-level.yaml --out ${EX}/three-level.yaml)
