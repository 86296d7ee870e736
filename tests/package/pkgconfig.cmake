# Installs the build into a scratch prefix and builds the consumer with nothing but the flags
# `pkg-config --cflags --libs --static staffeval` gives, then runs it.
#   cmake -DBUILD=<build dir> -DWORK=<scratch dir> -DSOURCE=<consumer.cc> -DMODEL=... -DDATA=... -P pkgconfig.cmake
file(REMOVE_RECURSE ${WORK})
execute_process(COMMAND ${CMAKE_COMMAND} --install ${BUILD} --prefix ${WORK}/prefix
                RESULT_VARIABLE rc OUTPUT_QUIET ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "install failed: ${err}")
endif()
file(GLOB_RECURSE pc ${WORK}/prefix/*/staffeval.pc)
if(NOT pc)
  message(FATAL_ERROR "no staffeval.pc installed under ${WORK}/prefix")
endif()
get_filename_component(pcdir ${pc} DIRECTORY)
set(ENV{PKG_CONFIG_PATH} ${pcdir})
execute_process(COMMAND pkg-config --cflags --libs --static staffeval
                OUTPUT_VARIABLE flags RESULT_VARIABLE rc ERROR_VARIABLE err OUTPUT_STRIP_TRAILING_WHITESPACE)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "pkg-config staffeval failed: ${err}")
endif()
separate_arguments(flags UNIX_COMMAND "${flags}")
execute_process(COMMAND c++ -std=c++17 ${SOURCE} ${flags} -o ${WORK}/consumer
                RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer does not build with the pkg-config flags (${flags}):\n${err}")
endif()
execute_process(COMMAND ${WORK}/consumer ${MODEL} ${DATA} RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "the consumer failed (${rc}): ${out}${err}")
endif()
message(STATUS "pkg-config consumer: ${out}")
