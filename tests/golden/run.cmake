cmake_minimum_required(VERSION 3.25)
# run.cmake: runs one medel command and compares its exit code, standard
# output and standard error with the expected files. Invoked by CTest as
#   cmake -DMEDEL=… -DARGS="a;b" -DWORKDIR=… -DRC=65 [-DOUT=f.out] [-DERR=f.err] -P run.cmake
# With the environment variable UPDATE_GOLDEN=1 it rewrites OUT and ERR
# instead (review the diff before committing).
string(REPLACE "@@" ";" ARGS "${ARGS}")
execute_process(
    COMMAND ${MEDEL} ${ARGS}
    WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)
set(failed FALSE)
if(DEFINED ENV{UPDATE_GOLDEN} AND "$ENV{UPDATE_GOLDEN}" STREQUAL "1")
    if(OUT)
        file(WRITE ${OUT} "${out}")
    endif()
    if(ERR)
        file(WRITE ${ERR} "${err}")
    endif()
    return()
endif()
if(NOT "${rc}" STREQUAL "${RC}")
    message(SEND_ERROR "exit code ${rc}, expected ${RC}\n--- stderr:\n${err}")
    set(failed TRUE)
endif()
foreach(kind OUT ERR)
    if(kind STREQUAL "OUT")
        set(actual "${out}")
    else()
        set(actual "${err}")
    endif()
    if(${kind})
        file(READ ${${kind}} expected)
        if(NOT actual STREQUAL expected)
            string(TOLOWER ${kind} k)
            file(WRITE ${${kind}}.actual "${actual}")
            execute_process(COMMAND diff -u ${${kind}} ${${kind}}.actual OUTPUT_VARIABLE d)
            message(SEND_ERROR "std${k} differs from ${${kind}}:\n${d}")
            set(failed TRUE)
        endif()
    elseif(kind STREQUAL "ERR" AND NOT "${actual}" STREQUAL "")
        message(SEND_ERROR "unexpected stderr:\n${actual}")
        set(failed TRUE)
    endif()
endforeach()
