# What people read in reports (issue 15): explain of a failed and of an
# undecided criterion, the counts of check and allocate with one application
# and with several (singular and plural), the summary of validate with one
# of each, and medel test passing with one test and failing with two. Every
# case runs in Swedish and in English (.en. files). The rule files and
# applications are in bad/reports15/.
set(REP ${BAD}/reports15)

# explain: why a criterion failed, in words, pointing at the rule ...
add_golden(golden.bad.reports15_explain_failed ${REP} 0 ARGS explain ett.medel flera.csv --id U-2
           OUT ${REP}/explain_failed.out ERR ${REP}/flera.err)
# ... and a criterion that cannot be decided: a person must assess it first.
add_golden(golden.bad.reports15_explain_manual ${REP} 0 ARGS explain ett.medel flera.csv --id U-4
           OUT ${REP}/explain_manual.out ERR ${REP}/flera.err)
# The same as JSON: keys and tokens are English, the bytes the same in both languages.
add_golden(golden.bad.reports15_explain_json ${REP} 0 ARGS explain ett.medel flera.csv --id U-2 --format json
           OUT ${REP}/explain_failed.json ERR ${REP}/flera.err)

# One application ("1 ansökan läst, 1 giltig") and several ("4 ansökningar lästa").
add_golden(golden.bad.reports15_check_one ${REP} 0 ARGS check ett.medel en.csv
           OUT ${REP}/check_one.out ERR ${REP}/en.err)
add_golden(golden.bad.reports15_check_several ${REP} 0 ARGS check ett.medel flera.csv
           OUT ${REP}/check_several.out ERR ${REP}/flera.err)
# CSV: the verdicts and reasons are the same Swedish cells in both languages.
add_golden(golden.bad.reports15_check_several_csv ${REP} 0 ARGS check ett.medel flera.csv --format csv
           OUT ${REP}/check_several.csv ERR ${REP}/flera.err)
# allocate: a portfolio constraint counting "1 ansökan" (not met) and "2 ansökningar" (met).
add_golden(golden.bad.reports15_allocate_one ${REP} 0 ARGS allocate ett.medel en.csv
           OUT ${REP}/allocate_one.out ERR ${REP}/en.err)
add_golden(golden.bad.reports15_allocate_several ${REP} 0 ARGS allocate ett.medel flera.csv
           OUT ${REP}/allocate_several.out ERR ${REP}/flera.err)
# validate: "1 villkor, 1 fokusområde, 1 prioritering, 1 portföljvillkor".
add_golden(golden.bad.reports15_validate_one ${REP} 0 ARGS validate ett.medel OUT ${REP}/validate_one.out)

# medel test: one test that exercises everything ("1 test"), and two that
# fail ("2 tester"), with what was expected and what came, in Swedish.
add_golden(golden.bad.reports15_test_one ${REP} 0 ARGS test prov.medel OUT ${REP}/test_one.out)
add_golden(golden.bad.reports15_test_failing ${REP} 1 ARGS test prov_fel.medel OUT ${REP}/test_failing.out)

# CSV and JSON are the same bytes in every language, for every rule file in
# rules/ and its applications in examples/ (tests/reports/).
add_test(NAME reports.same_in_every_language
         COMMAND bash ${PROJECT_SOURCE_DIR}/tests/reports/same_in_every_language.sh $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/reports-same-in-every-language)
set_tests_properties(reports.same_in_every_language PROPERTIES LABELS golden)
