# One rule for an output's name and format (docs/medel.1, -o), and --table
# names in any case and without å, ä and ö. The command lines of the user
# test, exactly; every pair of command, --format and name, and every table
# name, in fixo_output_names.py. Included from tests/golden.cmake.

set(FIXO_RULES ../../../rules/ungdomsmottagningar-2021.medel)
set(FIXO_APPS ../../../examples/ansokningar-ungdomsmottagningar-2021.csv)
add_golden(golden.bad.fixo_whatif_csv_into_xlsx ${BAD} 64
           ARGS whatif ${FIXO_RULES} ${FIXO_APPS} --set "kommunerna=20 MSEK" --format csv -o w.xlsx
           OUT ${EMPTY} ERR ${BAD}/fixo_whatif_csv_into_xlsx.err)
add_golden(golden.bad.fixo_allocate_xlsx_into_csv ${BAD} 64
           ARGS allocate ${FIXO_RULES} ${FIXO_APPS} --format xlsx -o res.csv
           OUT ${EMPTY} ERR ${BAD}/fixo_allocate_xlsx_into_csv.err)
add_golden(golden.bad.fixo_check_json_into_csv ${BAD} 64
           ARGS check ${FIXO_RULES} ${FIXO_APPS} --format json -o r.CSV
           OUT ${EMPTY} ERR ${BAD}/fixo_check_json_into_csv.err)
add_golden(golden.bad.fixo_explain_into_xlsx ${BAD} 64
           ARGS explain ${FIXO_RULES} ${FIXO_APPS} --id UMO-2021-001 -o e.xlsx
           OUT ${EMPTY} ERR ${BAD}/fixo_explain_into_xlsx.err)
add_golden(golden.bad.fixo_mall_into_json ${BAD} 64 ARGS mall ${FIXO_RULES} -o m.json
           OUT ${EMPTY} ERR ${BAD}/fixo_mall_into_json.err)
add_golden(golden.bad.fixo_mall_into_ods ${BAD} 64 ARGS mall ${FIXO_RULES} -o m.ods
           OUT ${EMPTY} ERR ${BAD}/fixo_mall_into_ods.err)
add_golden(golden.bad.fixo_mall_csv_into_xlsx ${BAD} 64 ARGS mall ${FIXO_RULES} --format csv -o m.xlsx
           OUT ${EMPTY} ERR ${BAD}/fixo_mall_csv_into_xlsx.err)
# The sheet's own name, and one typed without å, ä and ö, name their table.
add_golden(golden.bad.fixo_table_sheet_name ${BAD} 0
           ARGS allocate ${FIXO_RULES} ${FIXO_APPS} --format csv --table Beslut
           OUT ${BAD}/fixo_table_beslut.out ERR ${BAD}/fixo_table.err)
add_golden(golden.bad.fixo_table_plain_letters ${BAD} 0
           ARGS allocate ${FIXO_RULES} ${FIXO_APPS} --format csv --table FOKUSOMRADEN
           OUT ${BAD}/fixo_table_fokusomraden.out ERR ${BAD}/fixo_table.err)
add_golden(golden.bad.fixo_table_unknown ${BAD} 64
           ARGS check ${FIXO_RULES} ${FIXO_APPS} --format csv --table beslut
           OUT ${EMPTY} ERR ${BAD}/fixo_table_unknown.err)

# Every pair, and every table name.
add_test(NAME golden.bad.fixo_output_names
         COMMAND ${Python3_EXECUTABLE} ${BAD}/fixo_output_names.py $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR}
                 ${CMAKE_CURRENT_BINARY_DIR}/fixo-output-names)
set_tests_properties(golden.bad.fixo_output_names PROPERTIES LABELS golden)
