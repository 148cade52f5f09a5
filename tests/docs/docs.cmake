# The officers' handbook and the Swedish manual page (included from
# tests/golden.cmake, after Python3 is found).
#  docs.handbook           every rule example, command and keyword of docs/handbok.md
#  docs.handbook.selftest  the checker fails a handbook with nothing to run, or with wrong examples
#  docs.man.render         both pages render with man and groff without a warning
#  docs.man.options        both pages name every command and option of medel --help and CMD --help
#  docs.man.install        cmake --install puts them where man finds them, by locale
add_test(NAME docs.handbook COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/docs/check_handbook.py
                                    $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR})
add_test(NAME docs.handbook.selftest COMMAND sh ${PROJECT_SOURCE_DIR}/tests/docs/selftest.sh
                                             ${PROJECT_SOURCE_DIR} $<TARGET_FILE:medel>)
add_test(NAME docs.man.render COMMAND bash ${PROJECT_SOURCE_DIR}/tests/docs/man.sh render
                                      ${PROJECT_SOURCE_DIR}/docs/medel.1 ${PROJECT_SOURCE_DIR}/docs/medel.sv.1)
add_test(NAME docs.man.options COMMAND bash ${PROJECT_SOURCE_DIR}/tests/docs/man.sh options $<TARGET_FILE:medel>
                                       ${PROJECT_SOURCE_DIR}/docs/medel.1 ${PROJECT_SOURCE_DIR}/docs/medel.sv.1)
add_test(NAME docs.man.install COMMAND bash ${PROJECT_SOURCE_DIR}/tests/docs/man.sh install ${PROJECT_BINARY_DIR})
set_tests_properties(docs.handbook docs.handbook.selftest docs.man.render docs.man.options docs.man.install
                     PROPERTIES LABELS docs TIMEOUT 600)
