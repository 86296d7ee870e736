# The `staffeval weights` commands end to end: published values read back from their JSON,
# panels, incomplete matrices, combinations, and exit codes for bad input.
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

set(W ${DATA}/weights)
# Saaty (2008) drinks: weights and CR (Saaty 2005 random index).
run_out(j ${CLI} weights ahp --matrix ${W}/drinks.csv --ri saaty2005 --format json)
expect_between("${j}" 0.32675 0.32685 weights water)
expect_between("${j}" 0.0215 0.0225 cr)
string(JSON consistent GET "${j}" consistent)
if(NOT consistent STREQUAL "ON" AND NOT consistent STREQUAL "true")
  message(FATAL_ERROR "drinks should be consistent, got ${consistent}")
endif()
# Bozóki et al. (2010): the missing c/d completed by lambda_min.
run_out(j ${CLI} weights ahp --matrix ${W}/incomplete.csv --completion lambda_min --ri donegan-dodd --format json)
expect_between("${j}" 0.7302 0.7304 completed 0 value)
expect_between("${j}" 0.03715 0.03725 cr)
# A panel of two, AIJ: a/b = sqrt(2 * 8) = 4.
run_out(j ${CLI} weights ahp --matrix ${W}/expert1.csv --matrix ${W}/expert2.csv --format json)
string(JSON n LENGTH "${j}" experts)
if(NOT n EQUAL 2)
  message(FATAL_ERROR "expected 2 experts, got ${n}")
endif()
expect_between("${j}" 0 0.000001 experts 0 cr)
# Xu (2004) entropy on the raw matrix.
run_out(j ${CLI} weights entropy --data ${W}/xu2004.csv --columns c1,c2,c3,c4 --basis raw --format json)
expect_between("${j}" 0.46295 0.46305 weights c1)
expect_between("${j}" 0.13775 0.13785 weights c3)
# Rank order and a combination read from the JSON of two other commands.
run_out(j ${CLI} weights rank-order --method roc --order c2,c1,c3,c4 --format json)
expect_between("${j}" 0.520833 0.520834 weights c2)
file(WRITE ${OUT}/roc.json "${j}")
run_out(j ${CLI} weights entropy --data ${W}/xu2004.csv --columns c1,c2,c3,c4 --basis raw --format json)
file(WRITE ${OUT}/entropy.json "${j}")
run_out(j ${CLI} weights combine --method linear --alpha 0.5 --from ${OUT}/roc.json --from ${OUT}/entropy.json --format json)
expect_between("${j}" 0.4599 0.4601 weights c2)
# Text output is a table for a person.
run_out(t ${CLI} weights ahp --matrix ${W}/drinks.csv)
string(FIND "${t}" "CR = 0.022302: consistent" at)
if(at EQUAL -1)
  message(FATAL_ERROR "text report lacks the CR line:\n${t}")
endif()
# Bad input: a non-reciprocal matrix and a missing column are data errors, bad options usage.
expect_code(4 ${CLI} weights ahp --matrix ${W}/not_reciprocal.csv)
expect_code(4 ${CLI} weights entropy --data ${W}/xu2004.csv --columns c1,nope)
expect_code(2 ${CLI} weights ahp --matrix ${W}/drinks.csv --ri nonsense)
expect_code(2 ${CLI} weights entropy --data ${W}/xu2004.csv --columns c1,c2 --types +)
expect_code(4 ${CLI} weights entropy --data ${W}/one_unit.csv --columns c1,c2)
# Inconsistent judgments: the report is written, the exit code says data error unless accepted.
expect_code(4 ${CLI} weights ahp --matrix ${W}/intransitive.csv --out ${OUT}/intransitive.txt)
file(READ ${OUT}/intransitive.txt t)
string(FIND "${t}" "suggested revision" at)
if(at EQUAL -1)
  message(FATAL_ERROR "the inconsistent matrix's report lacks the revision:\n${t}")
endif()
expect_code(0 ${CLI} weights ahp --matrix ${W}/intransitive.csv --allow-inconsistent)
# Unit ids come from the first column whatever its header, unless --id-column says otherwise.
run_out(j ${CLI} weights std --data ${W}/first_column_ids.csv --columns c1,c2 --types +,- --format json)
expect_between("${j}" 0.4999 0.5001 weights c1)
string(JSON reversed GET "${j}" costs_reversed)
if(NOT reversed)
  message(FATAL_ERROR "costs_reversed should be true: ${j}")
endif()
expect_code(4 ${CLI} weights std --data ${W}/first_column_ids.csv --columns c1,c2 --id-column id)
