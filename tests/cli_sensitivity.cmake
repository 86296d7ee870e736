# `staffeval sensitivity mc` end to end: thread counts and replayed samples change nothing,
# a robust summary that holds for barely moving weights, located errors and exit codes.
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)

set(mc ${CLI} sensitivity mc --model ${EX}/single-level.yaml --data ${EX}/units.csv)
run_out(one ${CLI} --threads 1 sensitivity mc --model ${EX}/single-level.yaml --data ${EX}/units.csv
        --spec ${EX}/single-level.uncertainty.yaml --samples 150 --format json)
file(REMOVE ${OUT}/mc_samples.csv)
run_out(two ${mc} --threads 2 --spec ${EX}/single-level.uncertainty.yaml --samples 150 --format json
        --save-samples ${OUT}/mc_samples.csv)
if(NOT one STREQUAL two)
  message(FATAL_ERROR "sensitivity mc differs between --threads 1 and 2")
endif()
run_out(again ${mc} --replay ${OUT}/mc_samples.csv --format json)
if(NOT one STREQUAL again)
  message(FATAL_ERROR "replaying the saved samples gives another result")
endif()
expect_between("${one}" 150 150 samples)
expect_between("${one}" 0.5 0.99 robust_share)

# Weights that barely move: every grade holds, no rank moves.
file(WRITE ${OUT}/still.yaml "weights:\n  - {group: top, draw: dirichlet, concentration: 1e12}\n")
run_out(still ${mc} --spec ${OUT}/still.yaml --samples 20 --format json)
expect_between("${still}" 1 1 robust_share)
expect_between("${still}" 0 0 mean_abs_rank_shift)

# Errors: a specification naming no group of the model (exit 3, located), both or neither of
# --spec and --replay (2), replayed samples whose columns are not the plan's edges (4).
file(WRITE ${OUT}/bad.yaml "weights:\n  - {group: S01, draw: uniform}\n")
execute_process(COMMAND ${mc} --spec ${OUT}/bad.yaml RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 3 OR NOT err MATCHES "bad.yaml:2:[0-9]+: weights\\[0\\].group = S01: is an indicator")
  message(FATAL_ERROR "expected a located model error (3), got ${rc}: ${err}")
endif()
expect_code(2 ${mc} --spec ${EX}/single-level.uncertainty.yaml --replay ${OUT}/mc_samples.csv)
expect_code(2 ${mc})
expect_code(2 ${mc} --spec ${EX}/single-level.uncertainty.yaml --robust 1.5)
file(WRITE ${OUT}/wrong_samples.csv "sample,top/S02,top/S01\n1,1,2\n")
execute_process(COMMAND ${mc} --replay ${OUT}/wrong_samples.csv RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 4 OR NOT err MATCHES "column 2 is \"top/S02\", where the plan's edge \"top/S01\" is expected")
  message(FATAL_ERROR "expected a data error (4) naming the column, got ${rc}: ${err}")
endif()

# Removal: every indicator of the single-level model left out in turn, the same with 1 and 2
# threads; the JSON lists them with their shifts.
run_out(r1 ${CLI} --threads 1 sensitivity removal --model ${EX}/single-level.yaml --data ${EX}/units.csv --format json)
run_out(r2 ${CLI} --threads 2 sensitivity removal --model ${EX}/single-level.yaml --data ${EX}/units.csv --format json)
if(NOT r1 STREQUAL r2)
  message(FATAL_ERROR "sensitivity removal differs between --threads 1 and 2")
endif()
string(JSON removed LENGTH "${r1}" removed)
if(NOT removed EQUAL 11)
  message(FATAL_ERROR "expected 11 removed indicators, got ${removed}")
endif()
expect_between("${r1}" 1 300 removed 0 mean_abs_rank_shift)

# One at a time: -50% to +50% in 10 steps; no change (the middle step) moves no rank.
run_out(oat ${CLI} sensitivity oat --model ${EX}/single-level.yaml --data ${EX}/units.csv --format json)
string(JSON nchanges LENGTH "${oat}" changes)
if(NOT nchanges EQUAL 11)
  message(FATAL_ERROR "expected 11 changes, got ${nchanges}")
endif()
expect_between("${oat}" 0 0 weights 0 mean_abs_rank_shift 5)
expect_between("${oat}" 0.01 300 weights 0 mean_abs_rank_shift 0)
expect_code(2 ${CLI} sensitivity oat --model ${EX}/single-level.yaml --data ${EX}/units.csv --steps 0)
expect_code(2 ${CLI} sensitivity oat --model ${EX}/single-level.yaml --data ${EX}/units.csv --rescale sideways)

# Critical changes on a two-indicator linear model, by hand: moving A by c (the other weight
# making room), u1 (100, 0) = 50 + 50c reaches 合格 (60) at c = +0.2, u2 at -0.2; u1 ties u3
# (70, 76; 73 - 3c) at c = 23/53.
file(WRITE ${OUT}/two.yaml "id: two\nweights: relative\nrounding: {scope: none}\nindicators:\n"
     "  - {id: A, value: a, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n"
     "  - {id: B, value: b, weight: 1, rule: {type: linear, worst: 0, best: 100}}\n")
file(WRITE ${OUT}/two.csv "id,a,b\nu1,100,0\nu2,0,100\nu3,70,76\n")
set(crit ${CLI} sensitivity critical --model ${OUT}/two.yaml --data ${OUT}/two.csv)
run_out(c1 ${crit} --pair u1,u3 --top-k 1 --format json)
string(JSON exact GET "${c1}" exact)
if(NOT exact)
  message(FATAL_ERROR "sensitivity critical on a linear model is not exact: ${c1}")
endif()
expect_between("${c1}" 0.19999999 0.20000001 units 0 deciding_change)
expect_between("${c1}" -0.20000001 -0.19999999 units 1 deciding_change)
expect_between("${c1}" 0.43396226 0.43396227 pairs 0 swaps 0 up)
run_out(ctext ${crit} --pair u1,u3)
if(NOT ctext MATCHES "exact: totals linear in the weights" OR NOT ctext MATCHES "u1 and u3")
  message(FATAL_ERROR "the text report of sensitivity critical lacks its summary or pair:\n${ctext}")
endif()
expect_code(2 ${crit} --pair u1)
expect_code(2 ${crit} --pair u1,nobody)
expect_code(2 ${crit} --grid 0)

# Sobol' indices of the single-level model's 11 weights: the same with 1 and 2 threads; every
# input has a total index for the mean rank shift; errors exit 2.
set(sob sensitivity sobol --model ${EX}/single-level.yaml --data ${EX}/units.csv
    --spec ${EX}/single-level.uncertainty.yaml --base 64 --bootstrap 50 --unit-bootstrap 0 --format json)
run_out(s1 ${CLI} --threads 1 ${sob})
run_out(s2 ${CLI} --threads 2 ${sob})
if(NOT s1 STREQUAL s2)
  message(FATAL_ERROR "sensitivity sobol differs between --threads 1 and 2")
endif()
string(JSON ninputs LENGTH "${s1}" inputs)
if(NOT ninputs EQUAL 11)
  message(FATAL_ERROR "expected 11 inputs, got ${ninputs}")
endif()
expect_between("${s1}" 832 832 runs)
expect_between("${s1}" 0 1.5 rank_shift indices 0 total)
run_out(s3 ${CLI} ${sob} --units U157,U181)
string(JSON nunits LENGTH "${s3}" units)
if(NOT nunits EQUAL 2)
  message(FATAL_ERROR "expected the two units asked for, got ${nunits}")
endif()
expect_code(2 ${CLI} ${sob} --units U157,nobody)
expect_code(2 ${CLI} ${sob} --base 1)

# Ctrl-C: a long analysis stops between two steps with exit 130 and writes nothing.
find_program(TIMEOUT timeout)
if(TIMEOUT)
  file(REMOVE ${OUT}/interrupted.json)
  execute_process(COMMAND ${TIMEOUT} --preserve-status -s INT 2 ${CLI} sensitivity sobol --model ${EX}/single-level.yaml
                          --data ${EX}/units.csv --spec ${EX}/single-level.uncertainty.yaml --base 100000 --units U001
                          --out ${OUT}/interrupted.json
                  RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
  if(NOT rc EQUAL 130 OR NOT err MATCHES "interrupted" OR EXISTS ${OUT}/interrupted.json)
    message(FATAL_ERROR "Ctrl-C should stop with 130 and no output, got ${rc}: ${err}")
  endif()
  file(GLOB leftovers ${OUT}/*interrupted*)
  if(leftovers)
    message(FATAL_ERROR "Ctrl-C left files behind: ${leftovers}")
  endif()
endif()

# Beyond the weights (the shipped example): thresholds, noise, inclusion and missing policies make
# fewer grades robust than the weights alone, the same with 1 and 2 threads; the Sobol' analysis
# refuses them with the line.
set(more sensitivity mc --model ${EX}/single-level.yaml --data ${EX}/units.csv
    --spec ${EX}/single-level.uncertainty-more.yaml --samples 200 --format json)
run_out(m1 ${CLI} --threads 1 ${more})
run_out(m2 ${CLI} --threads 2 ${more})
if(NOT m1 STREQUAL m2)
  message(FATAL_ERROR "sensitivity mc beyond the weights differs between --threads 1 and 2")
endif()
expect_between("${m1}" 0.05 0.6 robust_share)
execute_process(COMMAND ${CLI} sensitivity sobol --model ${EX}/single-level.yaml --data ${EX}/units.csv
                        --spec ${EX}/single-level.uncertainty-more.yaml --base 16
                RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 2 OR NOT err MATCHES "uncertainty-more.yaml:9:[0-9]+")
  message(FATAL_ERROR "sobol should refuse thresholds with their line, got ${rc}: ${err}")
endif()

# A plain decision matrix (the inputs of `rank`): weights and a VIKOR parameter move; 1 and 2
# threads agree; saved samples replay; flags of the other mode are refused.
set(dm sensitivity mc --data ${EX}/units.csv --columns approved_est,actual_on_est,off_est,satisfaction
    --types +,-,-,+ --method vikor --samples 120 --format json)
file(REMOVE ${OUT}/dm_samples.csv)
run_out(d1 ${CLI} --threads 1 ${dm} --draw dirichlet --concentration 50 --vary v=0.3:0.7)
run_out(d2 ${CLI} --threads 2 ${dm} --draw dirichlet --concentration 50 --vary v=0.3:0.7 --save-samples ${OUT}/dm_samples.csv)
if(NOT d1 STREQUAL d2)
  message(FATAL_ERROR "sensitivity mc on a decision matrix differs between --threads 1 and 2")
endif()
expect_between("${d1}" 0.5 300 mean_abs_rank_shift)
run_out(d3 ${CLI} ${dm} --replay ${OUT}/dm_samples.csv)
expect_between("${d3}" 0.5 300 mean_abs_rank_shift)
expect_code(2 ${CLI} ${dm} --vary v=0.3)
expect_code(2 ${CLI} ${dm} --vary rho=0.3:0.7)
expect_code(2 ${CLI} ${dm})
expect_code(2 ${CLI} ${dm} --spec ${EX}/single-level.uncertainty.yaml --draw uniform)
expect_code(2 ${CLI} sensitivity mc --model ${EX}/single-level.yaml --data ${EX}/units.csv
            --spec ${EX}/single-level.uncertainty.yaml --method topsis)

# Expert judgment (the shipped example): AHP judgments moved and a panel resampled; the same with
# 1 and 2 threads; inconsistent samples are counted in a warning.
set(jud sensitivity mc --model ${EX}/weighted.yaml --data ${EX}/units.csv --spec ${EX}/weighted.uncertainty.yaml
    --samples 150 --format json)
run_out(j1 ${CLI} --threads 1 ${jud})
run_out(j2 ${CLI} --threads 2 ${jud})
if(NOT j1 STREQUAL j2)
  message(FATAL_ERROR "sensitivity mc with moved judgments differs between --threads 1 and 2")
endif()
expect_between("${j1}" 0.2 0.99 robust_share)

# Modelling choices (the shipped example): weighting methods, a blend, a rule and the top level's
# method; the same with 1 and 2 threads; every alternative reported; Sobol' over the choices.
set(cho sensitivity mc --model ${EX}/weighted.yaml --data ${EX}/units.csv --spec ${EX}/weighted.choices.yaml
    --samples 120 --format json)
run_out(c1 ${CLI} --threads 1 ${cho})
run_out(c2 ${CLI} --threads 2 ${cho})
if(NOT c1 STREQUAL c2)
  message(FATAL_ERROR "sensitivity mc with modelling choices differs between --threads 1 and 2")
endif()
foreach(alt "\"topsis\"" "\"critic\"" "\"percentile\"" "\"alpha 0.75-0.9\"" "\"weighting of E\"")
  string(FIND "${c1}" "${alt}" at)
  if(at EQUAL -1)
    message(FATAL_ERROR "sensitivity mc with choices: ${alt} missing from\n${c1}")
  endif()
endforeach()
set(sobol_choices sensitivity sobol --model ${EX}/weighted.yaml --data ${EX}/units.csv --spec ${EX}/weighted.choices.yaml
    --base 16 --bootstrap 0 --unit-bootstrap 0 --quiet)
run_out(cs ${CLI} --lang en ${sobol_choices})
string(FIND "${cs}" "5 uncertain inputs (0 weights, 5 modelling choices)" at)
if(at EQUAL -1)
  message(FATAL_ERROR "sensitivity sobol over choices:\n${cs}")
endif()
# The model's names are Chinese: so is the report unless --lang says otherwise.
run_out(cs ${CLI} ${sobol_choices})
string(FIND "${cs}" "5 个不确定的输入（0 个权重，5 个建模选择）" at)
if(at EQUAL -1)
  message(FATAL_ERROR "sensitivity sobol over choices, in the model's language:\n${cs}")
endif()

# The other analyses of a plain decision matrix (no --model): one at a time, removal, critical
# changes and Sobol' over the weights and a parameter; a model's flags are refused.
set(mx --data ${EX}/units.csv --columns approved_est,actual_on_est,off_est,satisfaction --types +,-,-,+ --method topsis)
run_out(mo ${CLI} sensitivity oat ${mx} --format json)
string(JSON nw LENGTH "${mo}" weights)
string(JSON nc LENGTH "${mo}" changes)
if(NOT nw EQUAL 4 OR NOT nc EQUAL 11)
  message(FATAL_ERROR "sensitivity oat of a decision matrix: ${nw} weights, ${nc} changes")
endif()
run_out(mr ${CLI} sensitivity removal ${mx})
string(FIND "${mr}" "removal of 4 criteria in turn over 300 units" at)
if(at EQUAL -1)
  message(FATAL_ERROR "sensitivity removal of a decision matrix:\n${mr}")
endif()
run_out(mc ${CLI} sensitivity critical ${mx} --pair U001,U002 --quiet)
string(FIND "${mc}" "U001 and U002" at)
if(at EQUAL -1)
  message(FATAL_ERROR "sensitivity critical of a decision matrix:\n${mc}")
endif()
run_out(ms ${CLI} sensitivity sobol --data ${EX}/units.csv --columns approved_est,actual_on_est,off_est,satisfaction
        --types +,-,-,+ --method vikor --draw percent --percent 30 --vary v=0.3:0.7 --base 32 --bootstrap 0 --unit-bootstrap 0 --quiet)
string(FIND "${ms}" "parameter v" at2)
if(at2 EQUAL -1)
  message(FATAL_ERROR "sensitivity sobol of a decision matrix:\n${ms}")
endif()
expect_code(2 ${CLI} sensitivity oat ${mx} --missing zero)
expect_code(2 ${CLI} sensitivity removal ${mx} --no-groups)
expect_code(2 ${CLI} sensitivity sobol ${mx})
expect_code(2 ${CLI} sensitivity sobol ${mx} --draw uniform --spec ${EX}/single-level.uncertainty.yaml)
expect_code(2 ${CLI} sensitivity critical --model ${EX}/single-level.yaml --data ${EX}/units.csv --method topsis)
expect_code(2 ${CLI} sensitivity sobol --model ${EX}/single-level.yaml --data ${EX}/units.csv)
expect_code(2 ${CLI} sensitivity mc ${mx} --draw uniform --rounding none)
