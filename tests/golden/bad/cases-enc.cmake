# The encodings, empty rows and header problems of application files and
# data tables (runtime/input.c, lang/csv.c, the data-file header check of
# lang/checker.c; docs/medel.1, ENCODINGS, EMPTY ROWS and EXIT STATUS).
# Included from tests/golden.cmake, which defines add_golden, GOLDEN, BAD and
# EMPTY.
set(ENC_RULES ../../../rules/ungdomsmottagningar-2021.medel)

# Rows of nothing but separators (more or fewer than the header's, quoted
# empty cells too), between and after the applications, as Excel leaves
# them: skipped and counted in the summary, never rejected.
add_golden(golden.bad.enc_empty_rows ${BAD} 0 ARGS check ${ENC_RULES} enc_empty_rows.csv
           OUT ${BAD}/enc_empty_rows.out ERR ${BAD}/enc_empty_rows.err)
add_golden(golden.bad.enc_empty_rows_json ${BAD} 0 ARGS check ${ENC_RULES} enc_empty_rows.csv --format json
           OUT ${BAD}/enc_empty_rows.json.out ERR ${BAD}/enc_empty_rows.err)
# A header cell like a declared column ('Målgrupp (år)' for 'Målgrupp
# (ålder)'): the column is named, the cell suggested, the header listed;
# exit 69, not 66 (the file was read).
add_golden(golden.bad.enc_header_near ${BAD} 69 ARGS check ${ENC_RULES} enc_header_near.csv
           OUT ${EMPTY} ERR ${BAD}/enc_header_near.err)
# A JSON file whose every record lacks a required key: the same rule.
add_golden(golden.bad.enc_json_no_key ${BAD} 69 ARGS check ${ENC_RULES} enc_json_no_key.json
           OUT ${EMPTY} ERR ${BAD}/enc_json_no_key.err)
# A Windows-1252 file with UTF-8 in one row and a byte Windows-1252 leaves
# undefined in another: read as Windows-1252 (said once), each of the two
# rows a located error, the third read.
add_golden(golden.bad.enc_cp1252_mixed ${BAD} 67 ARGS check ${ENC_RULES} enc_cp1252_mixed.csv
           OUT ${EMPTY} ERR ${BAD}/enc_cp1252_mixed.err)
# UTF-16 without a byte-order mark cannot be told from other text: refused.
add_golden(golden.bad.enc_utf16_no_bom ${BAD} 66 ARGS check ${ENC_RULES} enc_utf16_no_bom.csv
           OUT ${EMPTY} ERR ${BAD}/enc_utf16_no_bom.err)
# A data table saved as Windows-1252, with empty rows: read as such, said.
add_golden(golden.bad.enc_table_rows ${BAD} 0 ARGS allocate enc_table_rows.medel enc_table_rows.csv
           OUT ${BAD}/enc_table_rows.out ERR ${BAD}/enc_table_rows.err)
# A data table's header without a declared column: 69, for validate and for
# a command that reads applications, with the file's heading like it.
add_golden(golden.bad.enc_data_column_missing ${BAD} 69 ARGS validate enc_data_column_missing.medel
           OUT ${EMPTY} ERR ${BAD}/enc_data_column_missing.err)
add_golden(golden.bad.enc_data_column_missing_check ${BAD} 69 ARGS check enc_data_column_missing.medel enc_table_rows.csv
           OUT ${EMPTY} ERR ${BAD}/enc_data_column_missing_check.err)

# The bundled 2021 example saved as Windows-1252 and as "Unicode text"
# (UTF-16LE, tabs), data table included, generated at test time: the same
# check and allocate JSON as the UTF-8 files.
add_test(NAME encodings.same_decisions
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/encodings/same_decisions.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(encodings.same_decisions PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed")
