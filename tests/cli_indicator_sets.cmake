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

# `staffeval compare`: the slim model against the full one (burden saved next to the fidelity
# kept), a model against itself, two result files by score and by rank; refusals.
run_out(cj ${CLI} compare --model ${EX}/three-level.yaml --data ${EX}/units.csv --with ${EX}/single-level.yaml
        --bootstrap 100 --format json)
expect_between("${cj}" 0.85 0.99 spearman value)
expect_between("${cj}" 0.5 0.99 grades agreement)
expect_between("${cj}" 1 1000 burden minutes_saved_per_unit)
run_out(self ${CLI} compare --model ${EX}/single-level.yaml --data ${EX}/units.csv --with-data ${EX}/units.csv
        --bootstrap 0 --format json)
expect_between("${self}" 1 1 kendall_tau_b value)
expect_between("${self}" 1 1 grades kappa value)
expect_between("${self}" 0 0 mean_abs_rank_shift)
run_out(s1 ${CLI} score --model ${EX}/three-level.yaml --data ${EX}/units.csv --no-points --format csv --out ${OUT}/full.csv)
run_out(s2 ${CLI} score --model ${EX}/single-level.yaml --data ${EX}/units.csv --no-points --format csv --out ${OUT}/slim.csv)
run_out(fr ${CLI} compare --results ${OUT}/full.csv ${OUT}/slim.csv --bootstrap 0 --format json)
run_out(rr ${CLI} compare --results ${OUT}/full.csv ${OUT}/slim.csv --by rank --bootstrap 0 --format json)
string(JSON a GET "${fr}" spearman value)
string(JSON b GET "${rr}" spearman value)
string(JSON c GET "${cj}" spearman value)
if(NOT a EQUAL b OR NOT a EQUAL c)
  message(FATAL_ERROR "compare: by score ${a}, by rank ${b}, of the evaluations ${c}")
endif()
expect_between("${fr}" 0.5 0.99 grades agreement)
expect_code(2 ${CLI} compare --model ${EX}/three-level.yaml --data ${EX}/units.csv)
expect_code(2 ${CLI} compare --results ${OUT}/full.csv ${OUT}/slim.csv --missing zero)
expect_code(2 ${CLI} compare --results ${OUT}/full.csv ${OUT}/slim.csv --by grade)

# `staffeval redundancy` on the shipped three-level model: every indicator with its spread and
# removal impact, alphas per group, the PCA shares summing to 1.
run_out(rj ${CLI} redundancy --model ${EX}/three-level.yaml --data ${EX}/units.csv --format json)
string(JSON ni LENGTH "${rj}" indicators)
string(JSON na LENGTH "${rj}" alphas)
if(NOT ni EQUAL 28 OR NOT na EQUAL 17)
  message(FATAL_ERROR "redundancy: ${ni} indicators, ${na} alphas")
endif()
expect_between("${rj}" 0 100 indicators 0 mean_abs_rank_shift_if_removed)
run_out(rc ${CLI} redundancy --model ${EX}/three-level.yaml --data ${EX}/units.csv --no-removal --format csv)
expect_code(2 ${CLI} redundancy --model ${EX}/three-level.yaml --data ${EX}/units.csv --threshold 1.5)

# A mapping of the two models' indicators in place of the inferred correspondence; a mapping
# naming an indicator neither model has is refused with its line.
run_out(cm ${CLI} compare --model ${EX}/three-level.yaml --data ${EX}/units.csv --with ${EX}/single-level.yaml
        --mapping ${DATA}/mapping.csv --bootstrap 0 --format json)
string(JSON pairs LENGTH "${cm}" correspondence pairs)
if(NOT pairs EQUAL 2)
  message(FATAL_ERROR "compare --mapping: ${pairs} pairs")
endif()
file(WRITE ${OUT}/bad_mapping.csv "three-level,single-level\nB1.1,S01\nX1,S02\n")
execute_process(COMMAND ${CLI} compare --model ${EX}/three-level.yaml --data ${EX}/units.csv --with ${EX}/single-level.yaml
                --mapping ${OUT}/bad_mapping.csv --bootstrap 0 RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
string(FIND "${err}" "bad_mapping.csv:3: \"X1\" is not an indicator of three-level" at)
if(rc EQUAL 0 OR at EQUAL -1)
  message(FATAL_ERROR "compare with a bad mapping: exit ${rc}\n${err}")
endif()

# `staffeval reduce` on the shipped single-level model: a model written for the target it meets,
# which scores (and nothing is written when no set meets the target).
file(REMOVE ${OUT}/reduced.yaml)
run_out(rd ${CLI} reduce --model ${EX}/single-level.yaml --data ${EX}/units.csv --min-tau-b 0.8 --min-grade-agreement 0.8
        --folds 3 --format json --model-out ${OUT}/reduced.yaml)
string(JSON found GET "${rd}" found)
if(NOT found)
  message(FATAL_ERROR "reduce found nothing:\n${rd}")
endif()
expect_between("${rd}" 0.8 1 chosen tau_b)
run_out(sr ${CLI} score --model ${OUT}/reduced.yaml --data ${EX}/units.csv --no-points --format csv)
file(REMOVE ${OUT}/never.yaml)
# (the three-level model skips missing values within groups: even all its indicators on one
# level do not keep tau-b 1)
expect_code(4 ${CLI} reduce --model ${EX}/three-level.yaml --data ${EX}/units.csv --min-tau-b 1 --min-grade-agreement 1
            --folds 0 --search greedy --model-out ${OUT}/never.yaml)
if(EXISTS ${OUT}/never.yaml)
  message(FATAL_ERROR "reduce wrote a model although no set met the target")
endif()
expect_code(2 ${CLI} reduce --model ${EX}/single-level.yaml --data ${EX}/units.csv --folds 1)

# Weights re-derived by the model's methods (AHP on the remaining judgments, entropy, rank
# order): the pruned model keeps its methods and scores; the flat one is written next to it.
file(REMOVE ${OUT}/pruned.yaml ${OUT}/pruned-flat.yaml)
run_out(rw ${CLI} reduce --model ${EX}/weighted.yaml --data ${EX}/units.csv --weights rederive --search greedy --folds 0
        --format json --model-out ${OUT}/pruned-flat.yaml --pruned-out ${OUT}/pruned.yaml)
string(JSON how GET "${rw}" weights)
string(JSON found GET "${rw}" found)
if(NOT how STREQUAL "rederive" OR NOT found)
  message(FATAL_ERROR "reduce --weights rederive: weights ${how}, found ${found}\n${rw}")
endif()
expect_between("${rw}" 0.9 1 chosen tau_b)
file(READ ${OUT}/pruned.yaml pruned)
if(NOT pruned MATCHES "method: ahp" OR NOT pruned MATCHES "method: entropy")
  message(FATAL_ERROR "the pruned model lost its weighting methods:\n${pruned}")
endif()
run_out(sp ${CLI} score --model ${OUT}/pruned.yaml --data ${EX}/units.csv --no-points --format csv)
run_out(sf ${CLI} score --model ${OUT}/pruned-flat.yaml --data ${EX}/units.csv --no-points --format csv)
expect_code(2 ${CLI} reduce --model ${EX}/weighted.yaml --data ${EX}/units.csv --pruned-out ${OUT}/never.yaml)
expect_code(2 ${CLI} reduce --model ${EX}/weighted.yaml --data ${EX}/units.csv --weights rescale)

# The ASEM index shipped with its notice (COINr's example data): a second, independent case.
run_out(av ${CLI} validate ${EX}/asem/asem.yaml --data ${EX}/asem/iData.csv)
run_out(ar ${CLI} reduce --model ${EX}/asem/asem.yaml --data ${EX}/asem/iData.csv --search greedy --folds 0
        --min-tau-b 0.9 --min-grade-agreement 0 --format json)
string(JSON found GET "${ar}" found)
string(JSON kept LENGTH "${ar}" chosen indicators)
if(NOT found OR NOT kept LESS 49)
  message(FATAL_ERROR "reduce on ASEM: found ${found}, ${kept} indicators kept")
endif()
