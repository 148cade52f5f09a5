# The test bench.yardstick (bench/CMakeLists.txt): N generated applications,
# checked by medel and by the yardstick; the two reports must be the same
# bytes, and must hold both kinds of line (a failed criterion, an eligible
# application), so that the comparison covers them.
file(REMOVE_RECURSE ${WORK})
file(MAKE_DIRECTORY ${WORK})
execute_process(COMMAND ${GEN} ${N} OUTPUT_FILE ${WORK}/apps.csv RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "gen ${N}: exit ${rc}")
endif()
execute_process(COMMAND ${MEDEL} check ${RULES} ${WORK}/apps.csv --format csv -o ${WORK}/medel.csv
    RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "medel check: exit ${rc}\n${err}")
endif()
execute_process(COMMAND ${YARDSTICK} ${RULES} ${WORK}/apps.csv -o ${WORK}/yardstick.csv
    RESULT_VARIABLE rc ERROR_VARIABLE err)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "yardstick: exit ${rc}\n${err}")
endif()
file(READ ${WORK}/medel.csv report)
foreach(want ";bench;stödberättigad;;;;\n" ";R1;" ";R2;" ";R3;" ";R4;" ";R5;" ";R6;" ";R7;")
    string(FIND "${report}" "${want}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "medel's report of ${N} applications has no line with '${want}': make N larger")
    endif()
endforeach()
execute_process(COMMAND ${CMAKE_COMMAND} -E compare_files ${WORK}/medel.csv ${WORK}/yardstick.csv RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "the yardstick's report differs from medel check's: diff ${WORK}/medel.csv ${WORK}/yardstick.csv")
endif()
