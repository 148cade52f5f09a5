# Bad inputs for the semantics of whatif and test: command-line values that
# are not one value, scenarios that reject applications, test files that
# read outside the rules' folder. Included from tests/golden.cmake (see
# cases.cmake for the form).

# medel test keeps to the rule file's folder like every other command: the
# test that reads ../run/ansokningar.csv fails, naming the file and the way out.
add_golden(golden.bad.sem_test_outside ${PROJECT_SOURCE_DIR} 1 ARGS test tests/golden/testrun/regler.medel
           OUT ${BAD}/sem_test_outside.out)

# --set takes one amount, not rule text: what would close the change and
# open another is refused as a usage error.
add_golden(golden.bad.sem_set_rule_text ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --set "kommunerna=2 MSEK } ändra pott regionen { belopp 3 MSEK"
           OUT ${EMPTY} ERR ${BAD}/sem_set_rule_text.err)

# A scenario whose table lacks an application's municipality rejects that
# application: said with the scenario, the application, the column and the
# reason, counted, and an error (67, nothing written) without --keep-going;
# with it, the comparison shows the rejection and still ends in 67.
add_golden(golden.bad.sem_scen_drops_key ${BAD} 67 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --allow-outside-paths --scenarios sem_scen_drops_key.medel --all
           OUT ${EMPTY} ERR ${BAD}/sem_scen_drops_key.err)
add_golden(golden.bad.sem_scen_drops_key_keep_going ${BAD} 67 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --allow-outside-paths --scenarios sem_scen_drops_key.medel --all --keep-going --format json
           OUT ${BAD}/sem_scen_drops_key_keep_going.out ERR ${BAD}/sem_scen_drops_key_keep_going.err)

# A test whose application file has a bad row fails with the reader's own
# messages (file, row, column, reason), not just "does not read cleanly".
add_golden(golden.bad.sem_test_rejected_rows ${BAD} 1 ARGS test sem_test_rejected_rows.medel
           OUT ${BAD}/sem_test_rejected_rows.out)

# The reverse: a row the baseline rejects and the scenario accepts is said
# and listed too (avvisad → manuell bedömning), with --keep-going.
add_golden(golden.bad.sem_scen_adds_key ${BAD} 67 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel sem_ansokningar_nykoping.csv --allow-outside-paths --scenarios sem_scen_adds_key.medel --all --keep-going
           OUT ${BAD}/sem_scen_adds_key.out ERR ${BAD}/sem_scen_adds_key.err)
add_golden(golden.bad.sem_scen_drops_key_csv ${BAD} 67 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --allow-outside-paths --scenarios sem_scen_drops_key.medel --all --keep-going --format csv
           OUT ${BAD}/sem_scen_drops_key_csv.out ERR ${BAD}/sem_scen_drops_key_keep_going.err)
