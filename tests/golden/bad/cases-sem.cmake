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
