# golden.cmake: CLI tests that compare medel's output with files under
# tests/golden. Every rule file in rules/ is also validated here.
set(GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/golden)

function(add_golden name workdir rc)
    cmake_parse_arguments(G "" "OUT;ERR" "ARGS" ${ARGN})
    # add_test splits on ";", so the arguments travel joined by "@@".
    string(REPLACE ";" "@@" args "${G_ARGS}")
    set(defs -DMEDEL=$<TARGET_FILE:medel> "-DARGS=${args}" -DWORKDIR=${workdir} -DRC=${rc})
    if(G_OUT)
        list(APPEND defs -DOUT=${G_OUT})
    endif()
    if(G_ERR)
        list(APPEND defs -DERR=${G_ERR})
    endif()
    add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${GOLDEN}/run.cmake)
    set_tests_properties(${name} PROPERTIES LABELS golden)
endfunction()

# Broken rule files: every diagnostic, exactly, and exit code 65.
file(GLOB error_cases RELATIVE ${GOLDEN}/errors CONFIGURE_DEPENDS ${GOLDEN}/errors/*.medel)
foreach(f ${error_cases})
    string(REGEX REPLACE "\\.medel$" "" n ${f})
    add_golden(golden.errors.${n} ${GOLDEN}/errors 65 ARGS validate ${f} ERR ${GOLDEN}/errors/${n}.err)
endforeach()

# Valid rule files: the checked program, exactly.
file(GLOB valid_cases RELATIVE ${GOLDEN}/valid CONFIGURE_DEPENDS ${GOLDEN}/valid/*.medel)
foreach(f ${valid_cases})
    string(REGEX REPLACE "\\.medel$" "" n ${f})
    add_golden(golden.valid.${n} ${GOLDEN}/valid 0 ARGS validate --dump ${f} OUT ${GOLDEN}/valid/${n}.out)
endforeach()

# Every rule file in rules/ validates with no diagnostics, and its summary is
# what tests/golden/rules/<name>.out says.
file(GLOB rule_files RELATIVE ${PROJECT_SOURCE_DIR}/rules CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/rules/*.medel)
foreach(f ${rule_files})
    string(REGEX REPLACE "\\.medel$" "" n ${f})
    add_golden(golden.rules.${n} ${PROJECT_SOURCE_DIR} 0 ARGS validate rules/${f} OUT ${GOLDEN}/rules/${n}.out)
endforeach()

# The command line itself.
add_golden(golden.cli.no_args ${GOLDEN} 64 ERR ${GOLDEN}/cli/no_args.err)
add_golden(golden.cli.unknown_command ${GOLDEN} 64 ARGS frobnicate ERR ${GOLDEN}/cli/unknown_command.err)
add_golden(golden.cli.missing_file ${GOLDEN} 66 ARGS validate no/such/file.medel ERR ${GOLDEN}/cli/missing_file.err)
add_golden(golden.cli.unknown_option ${GOLDEN} 64 ARGS validate --frob x.medel ERR ${GOLDEN}/cli/unknown_option.err)
