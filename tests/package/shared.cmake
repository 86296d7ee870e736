# Builds the library alone as a shared library, builds the find_package consumer against it and
# runs it, and checks that the exported targets ask consumers for no private dependency.
#   cmake -DSOURCE_DIR=<project> -DWORK=<scratch dir> -DCONSUMER=<tests/package> -DMODEL=... -DDATA=... -P shared.cmake
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} -S ${SOURCE_DIR} -B ${WORK}/lib -DBUILD_SHARED_LIBS=ON
                        -DCMAKE_BUILD_TYPE=Release -DSTAFFEVAL_BUILD_TESTS=OFF -DSTAFFEVAL_BUILD_CLI=OFF
                        -DSTAFFEVAL_BUILD_BENCHMARKS=OFF -DSTAFFEVAL_INSTALL=ON
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "configuring the shared build failed: ${err}")
endif()
execute_process(COMMAND ${CMAKE_COMMAND} --build ${WORK}/lib --parallel 2 RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the shared build failed: ${err}")
endif()
file(STRINGS ${WORK}/lib/staffevalTargets.cmake interface REGEX "INTERFACE_LINK_LIBRARIES")
if(NOT interface STREQUAL "  INTERFACE_LINK_LIBRARIES \"Eigen3::Eigen\"")
  message(FATAL_ERROR "the shared library asks its consumers for more than Eigen: ${interface}")
endif()
file(GLOB so ${WORK}/lib/src/libstaffeval.so.*)
if(NOT so)
  message(FATAL_ERROR "no versioned libstaffeval.so.* in the shared build")
endif()
execute_process(COMMAND ${CMAKE_CTEST_COMMAND} --build-and-test ${CONSUMER} ${WORK}/consumer
                        --build-generator "Unix Makefiles" --build-options -Dstaffeval_DIR=${WORK}/lib
                        -DCMAKE_BUILD_TYPE=Release --test-command consumer ${MODEL} ${DATA}
                RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer of the shared library failed:\n${out}${err}")
endif()
message(STATUS "shared consumer ok")
