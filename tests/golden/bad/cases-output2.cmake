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

# 2. allocate's JSON names the request as made (requested_ore, as "sökt" in
#    the table and CSV) apart from what the caps left of it (after_cap_ore),
#    with the cap marker; here beside a rejected row (--keep-going).
add_golden(golden.bad.output2_capped_json ${BAD} 67
           ARGS allocate ../run/alla_policyer.medel output2_capped_bad_row.csv --keep-going --format json
           OUT ${BAD}/output2_capped_json.out ERR ${BAD}/output2_capped_json.err)
add_test(NAME output2.grants_agree
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/output/output2_grants.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(output2.grants_agree PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed")

# 3. -o a file with a second hard link is refused (exit 74), not replaced:
#    replacing would leave the other name with the old report.
set(OUTPUT2_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/golden-output2-scratch)
file(COPY ${GOLDEN}/run/alla_policyer.medel ${GOLDEN}/run/ansokningar.csv ${GOLDEN}/run/data DESTINATION ${OUTPUT2_SCRATCH})
file(WRITE ${OUTPUT2_SCRATCH}/rapport.csv "old report\n")
file(REMOVE ${OUTPUT2_SCRATCH}/rapport-kopia.csv)
file(CREATE_LINK ${OUTPUT2_SCRATCH}/rapport.csv ${OUTPUT2_SCRATCH}/rapport-kopia.csv)
add_golden(golden.bad.output2_hard_link ${OUTPUT2_SCRATCH} 74
           ARGS check alla_policyer.medel ansokningar.csv --format csv -o rapport.csv
           OUT ${EMPTY} ERR ${BAD}/output2_hard_link.err)
add_test(NAME output2.hard_links
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/output/output2_links.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/output2-links-tests)
set_tests_properties(output2.hard_links PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed")
