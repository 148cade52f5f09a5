# Runs PROG with ARGS and compares its standard output with EXPECTED.
execute_process(COMMAND ${PROG} ${ARGS} OUTPUT_VARIABLE out ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "exit ${rc}, expected 0\n${err}")
endif()
file(READ ${EXPECTED} want)
if(NOT out STREQUAL want)
    message(FATAL_ERROR "output differs from ${EXPECTED}:\n${out}")
endif()
