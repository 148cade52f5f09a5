cmake_minimum_required(VERSION 3.25)
# run.cmake: runs one medel command and compares its exit code, standard
# output and standard error with the expected files. Invoked by CTest as
#   cmake -DMEDEL=… -DARGS="a;b" -DWORKDIR=… -DRC=65 [-DOUT=f.out] [-DERR=f.err] [-DMSG_LANG=en] -P run.cmake
# MSG_LANG is the language of messages: sv (the default, with no language in
# the environment) or en (LANGUAGE=en). In English the expected files are
# f.en.out and f.en.err where they exist, else the same as in Swedish (an
# output with no message in it).
# With the environment variable UPDATE_GOLDEN=1 it rewrites OUT and ERR
# instead (review the diff before committing); in English it writes the .en.
# file only when the output differs from the Swedish file, and removes one
# that no longer differs. Run it twice when both languages change.
string(REPLACE "@@" ";" ARGS "${ARGS}")
foreach(v LANGUAGE LC_ALL LC_MESSAGES LANG)
    unset(ENV{${v}})
endforeach()
if(NOT MSG_LANG)
    set(MSG_LANG sv)
endif()
if(MSG_LANG STREQUAL "en")
    set(ENV{LANGUAGE} en)
endif()
execute_process(
    COMMAND ${MEDEL} ${ARGS}
    WORKING_DIRECTORY ${WORKDIR}
    RESULT_VARIABLE rc
    OUTPUT_VARIABLE out
    ERROR_VARIABLE err)

# The expected file of one stream in this language: f.en.err beside f.err.
function(expected_file path result)
    set(file ${path})
    if(MSG_LANG STREQUAL "en")
        string(REGEX REPLACE "(\\.[^./]+)$" ".en\\1" en ${path})
        if(EXISTS ${en} OR DEFINED ENV{UPDATE_GOLDEN})
            set(file ${en})
        endif()
    endif()
    set(${result} ${file} PARENT_SCOPE)
endfunction()

set(failed FALSE)
if(DEFINED ENV{UPDATE_GOLDEN} AND "$ENV{UPDATE_GOLDEN}" STREQUAL "1")
    foreach(kind OUT ERR)
        if(NOT ${kind})
            continue()
        endif()
        if(kind STREQUAL "OUT")
            set(actual "${out}")
        else()
            set(actual "${err}")
        endif()
        expected_file(${${kind}} target)
        if(target STREQUAL ${${kind}})
            file(WRITE ${target} "${actual}")
        else()
            set(sv "")
            if(EXISTS ${${kind}})
                file(READ ${${kind}} sv)
            endif()
            if("${actual}" STREQUAL "${sv}")
                file(REMOVE ${target})
            else()
                file(WRITE ${target} "${actual}")
            endif()
        endif()
    endforeach()
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
        expected_file(${${kind}} want)
        file(READ ${want} expected)
        if(NOT actual STREQUAL expected)
            string(TOLOWER ${kind} k)
            file(WRITE ${want}.actual "${actual}")
            execute_process(COMMAND diff -u ${want} ${want}.actual OUTPUT_VARIABLE d)
            message(SEND_ERROR "std${k} differs from ${want}:\n${d}")
            set(failed TRUE)
        endif()
    elseif(kind STREQUAL "ERR" AND NOT "${actual}" STREQUAL "")
        message(SEND_ERROR "unexpected stderr:\n${actual}")
        set(failed TRUE)
    endif()
endforeach()
