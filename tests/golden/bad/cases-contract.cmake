# The machine contract and the command line: every JSON output against its
# schema in docs/schemas/, explain and validate as JSON exactly, each
# command's --help, and the same mistake giving the same message in every
# command. Included from tests/golden.cmake (see cases.cmake for the form).

# Every JSON-producing command on every rule file in rules/ and examples/,
# the test rule file with every policy, and the broken rule files of
# tests/golden/errors: each output validates against its schema (python3-jsonschema).
add_test(NAME contract.schemas
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/schemas/check_schemas.py ${PROJECT_SOURCE_DIR}
                 $<TARGET_FILE:medel>)
set_tests_properties(contract.schemas PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed")
# Every mistake of every command, and every option each --help lists.
add_test(NAME contract.same_mistake
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/schemas/same_mistake.py $<TARGET_FILE:medel>
                 ${CMAKE_CURRENT_BINARY_DIR}/same-mistake)
set_tests_properties(contract.same_mistake PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failures")

# explain --format json: the whole explanation as data; an eligible
# application with a capped grant, one that needs a person, and one beside
# a rejected row (--keep-going: rejected_rows, exit 67).
add_golden(golden.contract.explain_json ${GOLDEN}/run 0 ARGS explain alla_policyer.medel ansokningar.csv --id A-06 --format json
           OUT ${BAD}/contract_explain.json.out ERR ${GOLDEN}/run/explain.err)
add_golden(golden.contract.explain_manual_json ${GOLDEN}/run 0 ARGS explain alla_policyer.medel ansokningar.csv --id A-11 --format json
           OUT ${BAD}/contract_explain_manual.json.out ERR ${GOLDEN}/run/explain_manual.err)
add_golden(golden.contract.explain_keep_going_json ${BAD} 67
           ARGS explain ../../../rules/ungdomsmottagningar-2021.medel sem2_explain_rejected.csv --id UMO-2021-001 --keep-going --format json
           OUT ${BAD}/contract_explain_keep_going.json.out ERR ${BAD}/sem2_explain_keep_going.err)
# explain writes no CSV: a usage error, not text under another name.
add_golden(golden.contract.explain_csv ${GOLDEN}/run 64 ARGS explain alla_policyer.medel ansokningar.csv --id A-06 --format csv
           OUT ${EMPTY} ERR ${BAD}/contract_explain_csv.err)

# validate --format json: diagnostics with their spans and notes, and the
# summary of a valid file, in one document; nothing on standard error.
add_golden(golden.contract.validate_json_errors ${BAD} 65
           ARGS validate --format json enc_data_column_missing.medel ../errors/duplicate_criterion.medel
           OUT ${BAD}/contract_validate_errors.json.out)
add_golden(golden.contract.validate_json_ok ${PROJECT_SOURCE_DIR} 0
           ARGS validate --format json rules/ungdomsmottagningar-2021.medel --scenarios examples/scenarier-ungdomsmottagningar-2021.medel
           OUT ${BAD}/contract_validate_ok.json.out)
add_golden(golden.contract.validate_json_missing ${PROJECT_SOURCE_DIR} 66
           ARGS validate --format json no/such/file.medel rules/gemensam-pott-2018.medel
           OUT ${BAD}/contract_validate_missing.json.out)
add_golden(golden.contract.validate_json_dump ${PROJECT_SOURCE_DIR} 64 ARGS validate --format json --dump rules/gemensam-pott-2018.medel
           OUT ${EMPTY} ERR ${BAD}/contract_validate_json_dump.err)

# Every command's --help, and medel's own.
foreach(cmd validate check explain allocate whatif test fmt diff)
    add_golden(golden.contract.help_${cmd} ${BAD} 0 ARGS ${cmd} --help OUT ${BAD}/contract_help_${cmd}.out)
    # The same mistake, the same message: an unknown option.
    add_golden(golden.contract.unknown_option_${cmd} ${BAD} 64 ARGS ${cmd} --frob OUT ${EMPTY}
               ERR ${BAD}/contract_unknown_option_${cmd}.err)
endforeach()
add_golden(golden.contract.help ${BAD} 0 ARGS --help OUT ${BAD}/contract_help.out)
add_golden(golden.contract.help_command ${BAD} 0 ARGS help whatif OUT ${BAD}/contract_help_whatif.out)
