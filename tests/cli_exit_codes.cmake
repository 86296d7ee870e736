# Checks the CLI's exit codes (0 ok, 2 usage, 3 model, 4 data) and that failed runs write nothing.
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
set(out ${OUT}/exit_codes_out.csv)
file(REMOVE ${out})
expect_code(0 ${CLI} score --model ${EX}/single-level.yaml --data ${EX}/units.csv --out ${out})
if(NOT EXISTS ${out})
  message(FATAL_ERROR "score did not write ${out}")
endif()
file(WRITE ${out} "previous content")
expect_code(2 ${CLI} score --model ${EX}/single-level.yaml --data ${EX}/units.csv --format xml --out ${out})
expect_code(2 ${CLI} frobnicate)
expect_code(3 ${CLI} score --model ${DATA}/cycle.yaml --data ${EX}/units.csv --out ${out})
expect_code(3 ${CLI} validate ${DATA}/points_do_not_add_up.yaml)
expect_code(4 ${CLI} score --model ${EX}/single-level.yaml --data ${DATA}/bad_cell.csv --out ${out})
expect_code(4 ${CLI} validate ${EX}/single-level.yaml --data ${DATA}/bad_cell.csv)
expect_code(4 ${CLI} explain --model ${EX}/single-level.yaml --data ${EX}/units.csv --id NOPE)
# validate reads only the columns the model reads: a model naming a column the data lacks is
# reported with the cell problems of the columns it reads, never with those of a memo column.
file(WRITE ${OUT}/only_model.yaml "id: c\nweights: relative\nindicators:\n"
     "  - {id: a, value: x, rule: {type: linear, worst: 0, best: 10}}\n"
     "  - {id: b, value: not_there, rule: {type: linear, worst: 0, best: 10}}\n")
file(WRITE ${OUT}/only_model.csv "id,name,x,memo\nu1,甲,3,see note\nu2,乙,five,—\n")
execute_process(COMMAND ${CLI} validate ${OUT}/only_model.yaml --data ${OUT}/only_model.csv --lang en
                RESULT_VARIABLE rc OUTPUT_VARIABLE vout ERROR_VARIABLE verr)
if(NOT rc EQUAL 4 OR NOT vout MATCHES "unknown column \"not_there\"" OR NOT vout MATCHES "column \"x\" = \"five\""
   OR vout MATCHES "memo" OR NOT vout MATCHES "2 error\\(s\\)")
  message(FATAL_ERROR "validate with an unknown column, exit ${rc}:\n${vout}${verr}")
endif()
file(READ ${out} content)
if(NOT content STREQUAL "previous content")
  message(FATAL_ERROR "a failed run changed ${out}")
endif()
file(GLOB leftovers ${OUT}/exit_codes_out.csv.tmp.*)
if(leftovers)
  message(FATAL_ERROR "temporary files left: ${leftovers}")
endif()

# --threads, before or after the command's name, changes nothing in the results.
run_out(one ${CLI} --threads 1 score --model ${EX}/three-level.yaml --data ${EX}/units.csv --format json)
run_out(two ${CLI} score --threads 2 --model ${EX}/three-level.yaml --data ${EX}/units.csv --format json)
run_out(all ${CLI} score --model ${EX}/three-level.yaml --data ${EX}/units.csv --format json --threads 0)
if(NOT one STREQUAL two OR NOT one STREQUAL all)
  message(FATAL_ERROR "score gives different results with --threads 1, 2 and 0")
endif()
# DEA solves its units' programs on --threads threads: the same figures.
run_out(dea_one ${CLI} --threads 1 dea --data ${EX}/units.csv --inputs approved_est,personnel_exp --outputs workload_units,cases --model bcc --super --format json)
run_out(dea_two ${CLI} dea --threads 2 --data ${EX}/units.csv --inputs approved_est,personnel_exp --outputs workload_units,cases --model bcc --super --format json)
if(NOT dea_one STREQUAL dea_two OR NOT dea_one MATCHES "\"efficiency\"")
  message(FATAL_ERROR "dea gives different results with --threads 1 and 2")
endif()
expect_code(2 ${CLI} score --threads -1 --model ${EX}/single-level.yaml --data ${EX}/units.csv)
expect_code(2 ${CLI} score --threads many --model ${EX}/single-level.yaml --data ${EX}/units.csv)
