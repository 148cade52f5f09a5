# Bad inputs for the rule that rejected rows stop every command (explain
# included) and for contradictory command lines. Included from
# tests/golden.cmake (see cases.cmake for the form).

# explain follows check and allocate: a rejected row elsewhere in the file
# stops it (67, nothing written) ...
add_golden(golden.bad.sem2_explain_rejected ${BAD} 67 ARGS explain ../../../rules/ungdomsmottagningar-2021.medel sem2_explain_rejected.csv --id UMO-2021-001
           OUT ${EMPTY} ERR ${BAD}/sem2_explain_rejected.err)
# ... with --keep-going the report says the allocation leaves the row out, and the exit is still 67 ...
add_golden(golden.bad.sem2_explain_keep_going ${BAD} 67 ARGS explain ../../../rules/ungdomsmottagningar-2021.medel sem2_explain_rejected.csv --id UMO-2021-001 --keep-going
           OUT ${BAD}/sem2_explain_keep_going.out ERR ${BAD}/sem2_explain_keep_going.err)
# ... and the rejected row's own key is said to be rejected, with why, not "no application has the key".
add_golden(golden.bad.sem2_explain_rejected_key ${BAD} 67 ARGS explain ../../../rules/ungdomsmottagningar-2021.medel sem2_explain_rejected.csv --id UMO-2021-002 --keep-going
           OUT ${EMPTY} ERR ${BAD}/sem2_explain_rejected_key.err)

# The property over every command that reads applications (check, allocate,
# explain, whatif, test): a rejected row never ends in 0, never leaves a
# report behind without --keep-going, and with it is said in the report.
add_test(NAME sem2.rejected_rows_every_command
         COMMAND ${PROJECT_SOURCE_DIR}/tests/sem2/rejected_rows.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:medel>)

# Two --set for one pot: which value counts would be a guess (64, naming both).
add_golden(golden.bad.sem2_set_pot_twice ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --set "regionen=10 MSEK" --set "regionen = 12 MSEK"
           OUT ${EMPTY} ERR ${BAD}/sem2_set_pot_twice.err)
# The same criterion twice to --drop: left out once, with a warning.
add_golden(golden.bad.sem2_drop_twice ${BAD} 0 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --drop målgrupp --drop målgrupp
           OUT ${BAD}/sem2_drop_twice.out ERR ${BAD}/sem2_drop_twice.err)

# Options that contradict each other, one-value options given twice with two
# values, and words after --version: usage errors (64), not the last one
# silently winning. (The whole class, option by option: sem2.repeated_options.)
add_golden(golden.bad.sem2_fmt_english_swedish ${BAD} 64 ARGS fmt --english --swedish ../run/alla_policyer.medel
           OUT ${EMPTY} ERR ${BAD}/sem2_fmt_english_swedish.err)
add_golden(golden.bad.sem2_validate_dump_both ${BAD} 64 ARGS validate --dump --dump-ast ../run/alla_policyer.medel
           OUT ${EMPTY} ERR ${BAD}/sem2_validate_dump_both.err)
add_golden(golden.bad.sem2_version_extra ${BAD} 64 ARGS --version extra
           OUT ${EMPTY} ERR ${BAD}/sem2_version_extra.err)
add_golden(golden.bad.sem2_format_twice ${BAD} 64 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv --format json --format csv
           OUT ${EMPTY} ERR ${BAD}/sem2_format_twice.err)
add_test(NAME sem2.repeated_options
         COMMAND ${PROJECT_SOURCE_DIR}/tests/sem2/repeated_options.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:medel>)

# medel test counts tests only in "N passed, N failed"; what else fails the
# run (parts not exercised under --coverage, rule files that do not load) is
# counted apart on the same line: 2 tests, 1 passed, 1 failed, not "2 failed".
add_golden(golden.bad.sem2_test_counts ${BAD} 1 ARGS test --coverage sem2_test_counts.medel
           OUT ${BAD}/sem2_test_counts.out ERR ${EMPTY})
add_golden(golden.bad.sem2_test_unloaded ${BAD} 1 ARGS test sem2_test_counts.medel ../errors/agreement_without_year.medel
           OUT ${BAD}/sem2_test_unloaded.out ERR ${BAD}/sem2_test_unloaded.err)
# The command each rules/*.test.medel names in its first line passes.
add_test(NAME sem2.test_comments_run
         COMMAND ${PROJECT_SOURCE_DIR}/tests/sem2/test_comments.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:medel>)
