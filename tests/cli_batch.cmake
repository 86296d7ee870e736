# `staffeval batch` end to end: three counties over two years, one broken input. The broken job
# is reported with its located error and makes the exit code non-zero; the others are written;
# a second run skips what is up to date, --force runs everything again.
include(${CMAKE_CURRENT_LIST_DIR}/cli_helpers.cmake)
file(REMOVE_RECURSE ${OUT})
file(MAKE_DIRECTORY ${OUT}/models ${OUT}/data/2023 ${OUT}/data/2024)
file(COPY_FILE ${EX}/single-level.yaml ${OUT}/models/single-level.yaml)
file(STRINGS ${EX}/units.csv lines ENCODING UTF-8)
list(GET lines 0 header)
# County a: units 1-40, b: 41-80, c: 81-120; 2024 takes the same units.
foreach(year 2023 2024)
  set(first 1)
  foreach(county a b c)
    math(EXPR last "${first} + 39")
    set(text "${header}\n")
    foreach(i RANGE ${first} ${last})
      list(GET lines ${i} line)
      string(APPEND text "${line}\n")
    endforeach()
    file(WRITE ${OUT}/data/${year}/county-${county}.csv "${text}")
    math(EXPR first "${last} + 1")
  endforeach()
endforeach()
# The broken input: 2024's county c has a word where approved_est is a number (row 5, line 6).
file(READ ${OUT}/data/2024/county-c.csv c)
string(REGEX REPLACE "\n(U085,[^,]*,[^,]*,)[0-9]+," "\n\\1forty," c "${c}")
file(WRITE ${OUT}/data/2024/county-c.csv "${c}")
file(WRITE ${OUT}/manifest.yaml
"jobs:
  - model: models/single-level.yaml
    data: \"data/*/county-*.csv\"
    name: \"{stem}\"
    out: {csv: \"out/{stem}.csv\"}
")
# A pattern over both years gives two jobs per county writing one file: refused, located.
execute_process(COMMAND ${CLI} batch ${OUT}/manifest.yaml RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 3 OR NOT err MATCHES "manifest.yaml:5:[0-9]+: jobs\\[0\\]\\.out\\.csv = .*county-a.csv: is written twice")
  message(FATAL_ERROR "an output written twice should be a located manifest error (exit 3), got ${rc}:\n${err}")
endif()

file(WRITE ${OUT}/manifest.yaml
"jobs:
  - model: models/single-level.yaml
    data: \"data/2023/*.csv\"
    name: \"2023 {stem}\"
    out: {csv: \"out/2023/{stem}.csv\", xlsx: \"out/2023/{stem}.xlsx\"}
  - model: models/single-level.yaml
    data: \"data/2024/*.csv\"
    name: \"2024 {stem}\"
    out: {csv: \"out/2024/{stem}.csv\", text: \"out/2024/{stem}.txt\"}
")
execute_process(COMMAND ${CLI} --threads 2 batch ${OUT}/manifest.yaml --quiet --summary ${OUT}/summary.csv --lang en
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 4)
  message(FATAL_ERROR "a data error in one job should exit 4, got ${rc}:\n${out}\n${err}")
endif()
# The summary, by job in manifest order (hand-checked against the counties' CSVs).
string(REGEX REPLACE "[^ \n]*/data/2024/county-c.csv" "DATA/county-c.csv" shown "${out}")
# The grade counts are those of `staffeval score` on each county's file.
set(want "6 jobs: 5 ok, 0 up to date, 1 failed

job            status  units  scored  优秀  良好  合格  不合格  warnings
2023 county-a  ok         40      40     8    17    14       1         0
2023 county-b  ok         40      40     6    24     9       1         0
2023 county-c  ok         40      40     4    18    17       1         0
2024 county-a  ok         40      40     8    17    14       1         0
2024 county-b  ok         40      40     6    24     9       1         0
2024 county-c  failed
2024 county-c failed: DATA/county-c.csv:6: unit \"U085\", column \"approved_est\" = \"forty\": not a number
")
if(NOT shown STREQUAL want)
  message(FATAL_ERROR "batch summary differs:\n${shown}\nexpected:\n${want}")
endif()
foreach(f 2023/county-a.csv 2023/county-a.xlsx 2023/county-c.xlsx 2024/county-b.csv 2024/county-b.txt)
  if(NOT EXISTS ${OUT}/out/${f})
    message(FATAL_ERROR "out/${f} was not written")
  endif()
endforeach()
foreach(f 2024/county-c.csv 2024/county-c.txt)
  if(EXISTS ${OUT}/out/${f})
    message(FATAL_ERROR "out/${f} of the failed job was written")
  endif()
endforeach()
# Each job's CSV is what `score` writes for the same files.
run_out(one ${CLI} score --lang en --model ${OUT}/models/single-level.yaml --data ${OUT}/data/2023/county-b.csv)
file(READ ${OUT}/out/2023/county-b.csv batch_b)
if(NOT one STREQUAL batch_b)
  message(FATAL_ERROR "the batch's out/2023/county-b.csv differs from staffeval score's")
endif()
file(READ ${OUT}/summary.csv summary)
if(NOT summary MATCHES "^name,model,data,status,units,scored,优秀,良好,合格,不合格,warnings,error\n2023 county-a,")
  message(FATAL_ERROR "summary CSV:\n${summary}")
endif()

# Again: the written jobs are up to date, the failed one fails again.
execute_process(COMMAND ${CLI} batch ${OUT}/manifest.yaml --quiet --lang en RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 4 OR NOT out MATCHES "^6 jobs: 0 ok, 5 up to date, 1 failed")
  message(FATAL_ERROR "second run: expected 5 up to date and exit 4, got ${rc}:\n${out}")
endif()
# Mended, a changed input runs its job again and --force runs them all.
file(WRITE ${OUT}/data/2024/county-c.csv "${header}\n")
file(READ ${OUT}/data/2023/county-c.csv c)
file(WRITE ${OUT}/data/2024/county-c.csv "${c}")
execute_process(COMMAND ${CLI} batch ${OUT}/manifest.yaml --quiet --lang en RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^6 jobs: 1 ok, 5 up to date, 0 failed")
  message(FATAL_ERROR "third run: expected the mended job alone, exit 0, got ${rc}:\n${out}")
endif()
execute_process(COMMAND ${CLI} batch ${OUT}/manifest.yaml --quiet --force RESULT_VARIABLE rc OUTPUT_VARIABLE out)
if(NOT rc EQUAL 0 OR NOT out MATCHES "^6 个任务：6 个完成，0 个已是最新，0 个失败")
  message(FATAL_ERROR "--force: expected every job run (summary in the models' language), got ${rc}:\n${out}")
endif()
# The whole summary in Chinese (the mended county c now has 2023's units).
set(want "6 个任务：6 个完成，0 个已是最新，0 个失败

任务           状态  单位数  已评分  优秀  良好  合格  不合格  警告
2023 county-a  完成      40      40     8    17    14       1     0
2023 county-b  完成      40      40     6    24     9       1     0
2023 county-c  完成      40      40     4    18    17       1     0
2024 county-a  完成      40      40     8    17    14       1     0
2024 county-b  完成      40      40     6    24     9       1     0
2024 county-c  完成      40      40     4    18    17       1     0
")
if(NOT out STREQUAL want)
  message(FATAL_ERROR "the Chinese batch summary differs:\n${out}\nexpected:\n${want}")
endif()
# A pattern that matches nothing and an unknown key are located manifest errors.
file(WRITE ${OUT}/bad.yaml "jobs:\n  - {model: models/single-level.yaml, data: \"data/2025/*.csv\", out: {csv: o.csv}}\n")
execute_process(COMMAND ${CLI} batch ${OUT}/bad.yaml RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 3 OR NOT err MATCHES "bad.yaml:2:[0-9]+: jobs\\[0\\]\\.data = data/2025/\\*.csv: the pattern matches no file")
  message(FATAL_ERROR "no match: ${rc}\n${err}")
endif()
file(WRITE ${OUT}/bad.yaml "jobs:\n  - {modle: m.yaml, data: d.csv, out: {csv: o.csv}}\n")
execute_process(COMMAND ${CLI} batch ${OUT}/bad.yaml RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_QUIET)
if(NOT rc EQUAL 3 OR NOT err MATCHES "bad.yaml:2:[0-9]+: jobs\\[0\\]\\.modle: unknown key \\(did you mean model\\?\\)")
  message(FATAL_ERROR "unknown key: ${rc}\n${err}")
endif()
