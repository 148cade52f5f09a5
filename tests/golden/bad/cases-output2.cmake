# Bad-input cases about standard input and what medel writes (the output2
# area). Included from tests/golden.cmake.

# 1. Endless standard input (/dev/zero, a pipe of NULs, a pipe of one line
#    without a newline) stops at the reader's own limit with its message, and
#    the copy kept to read it again never grows past that limit and a chunk;
#    a normal pipe still gets its SHA-256 in the JSON reports.
add_test(NAME output2.stdin_bounded
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/output/output2_stdin.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/output2-stdin-tests)
set_tests_properties(output2.stdin_bounded PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed" TIMEOUT 900)
