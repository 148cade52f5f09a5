# The tables of allocate's report as CSV (--table, one per sheet of the
# workbook) and the command lines that ask for a workbook wrongly. Included
# from tests/golden.cmake. The workbooks themselves are read back by
# tests/output/xlsxw_*.py (openpyxl, LibreOffice).

# Every table but körning (its date, version and hashes change; the Python
# test checks it) on the rule file that uses every policy; avvisade on a file
# with a rejected row, with --keep-going (exit 67, the report written).
# (File names in ASCII: fokus for fokusområden, portfolj for portfölj.)
foreach(t beslut:beslut potter:potter fokusområden:fokus portfölj:portfolj manuell:manuell)
    string(REPLACE ":" ";" t "${t}")
    list(GET t 0 table)
    list(GET t 1 n)
    add_golden(golden.bad.xlsxw_table_${n} ${GOLDEN}/run 0
               ARGS allocate alla_policyer.medel ansokningar.csv --format csv --table ${table}
               OUT ${BAD}/xlsxw_table_${n}.out ERR ${BAD}/xlsxw_table.err)
endforeach()
add_golden(golden.bad.xlsxw_table_avvisade ${BAD} 67
           ARGS allocate ../run/alla_policyer.medel output2_capped_bad_row.csv --keep-going --format csv --table avvisade
           OUT ${BAD}/xlsxw_table_avvisade.out ERR ${BAD}/output2_capped_json.err)
# The region's portfolio bounds (minst 1 … där utförartyp är …) with their projects.
add_golden(golden.bad.xlsxw_table_portfolj_region ${PROJECT_SOURCE_DIR} 0
           ARGS allocate rules/region-stockholm-2021-2022.medel examples/ansokningar-region-stockholm-2021-2022.csv
                --format csv --table portfölj
           OUT ${BAD}/xlsxw_table_portfolj_region.out ERR ${BAD}/xlsxw_table_portfolj_region.err)
# The manual assessments of the bundled 2021 applications: what each lacks
# (UMO-2021-029 lacks 'Sökt pott', not a sub-pot).
add_golden(golden.bad.xlsxw_table_manuell_2021 ${PROJECT_SOURCE_DIR} 0
           ARGS allocate rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv
                --format csv --table manuell
           OUT ${BAD}/xlsxw_table_manuell_2021.out ERR ${BAD}/xlsxw_table_manuell_2021.err)

# A workbook's name with another format: Excel would only see a broken file.
add_golden(golden.bad.xlsxw_csv_to_xlsx_name ${GOLDEN}/run 64
           ARGS allocate alla_policyer.medel ansokningar.csv --format csv -o rapport.xlsx
           OUT ${EMPTY} ERR ${BAD}/xlsxw_csv_to_xlsx_name.err)
# --table is a choice among CSV tables only.
add_golden(golden.bad.xlsxw_table_without_csv ${GOLDEN}/run 64
           ARGS allocate alla_policyer.medel ansokningar.csv --format json --table potter
           OUT ${EMPTY} ERR ${BAD}/xlsxw_table_without_csv.err)
add_golden(golden.bad.xlsxw_table_unknown ${GOLDEN}/run 64
           ARGS allocate alla_policyer.medel ansokningar.csv --format csv --table sammanställning
           OUT ${EMPTY} ERR ${BAD}/xlsxw_table_unknown.err)

# The workbooks read back by openpyxl and by LibreOffice, compared with the
# JSON to the öre, on every bundled rule file and its applications.
add_test(NAME xlsxw.workbooks
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/output/xlsxw_workbooks.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/xlsxw-workbooks-tests)
set_tests_properties(xlsxw.workbooks PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed" TIMEOUT 300)
add_test(NAME xlsxw.libreoffice
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/output/xlsxw_libreoffice.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/xlsxw-libreoffice-tests)
set_tests_properties(xlsxw.libreoffice PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed" TIMEOUT 900)

# check's tables: Prövning (a column per criterion) and the rejected rows.
add_golden(golden.bad.xlsxw_check_provning ${GOLDEN}/run 0
           ARGS check alla_policyer.medel ansokningar.csv --format csv --table prövning
           OUT ${BAD}/xlsxw_check_provning.out ERR ${BAD}/xlsxw_table.err)
add_golden(golden.bad.xlsxw_check_avvisade ${PROJECT_SOURCE_DIR} 67
           ARGS check rules/ungdomsmottagningar-2021.medel examples/felaktiga-ansokningar-2021.csv --keep-going
                --format csv --table avvisade
           OUT ${BAD}/xlsxw_check_avvisade.out ERR ${BAD}/xlsxw_check_avvisade.err)
