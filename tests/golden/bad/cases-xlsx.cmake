# Malformed and refused workbooks (runtime/xlsx.c): each a located, clear
# error with its exit code. The workbooks are written at test time by
# tests/xlsx/make_bad.py into the build tree (the fixture xlsx_bad); the
# expected messages are here, beside the other cases.
set(XLSX_BAD ${CMAKE_CURRENT_BINARY_DIR}/xlsx-bad)
set(XLSX_RULES ${PROJECT_SOURCE_DIR}/rules/ungdomsmottagningar-2021.medel)
add_test(NAME golden.bad.xlsx_make COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/xlsx/make_bad.py
         ${PROJECT_SOURCE_DIR} ${XLSX_BAD})
set_tests_properties(golden.bad.xlsx_make PROPERTIES FIXTURES_SETUP xlsx_bad LABELS golden)

# name, exit code, file, then further arguments
function(add_xlsx_bad name rc file)
    add_golden(golden.bad.${name} ${XLSX_BAD} ${rc} ARGS check ${XLSX_RULES} ${file} ${ARGN}
               OUT ${EMPTY} ERR ${BAD}/${name}.err)
    set_tests_properties(golden.bad.${name} PROPERTIES FIXTURES_REQUIRED xlsx_bad)
endfunction()

# The container: cut short, not a zip at all, a zip without a workbook.
add_xlsx_bad(xlsx_truncated 66 xlsx_truncated.xlsx)
add_xlsx_bad(xlsx_not_a_zip 66 xlsx_not_a_zip.xlsx)
add_xlsx_bad(xlsx_no_workbook 66 xlsx_no_workbook.xlsx)
# A sheet the workbook lacks, with the sheets it has.
add_xlsx_bad(xlsx_missing_sheet 66 xlsx_good.xlsx --sheet Blad9)
# --sheet for a file that is no workbook; a workbook read as CSV.
add_xlsx_bad(xlsx_sheet_of_csv 66 xlsx_plain.csv --sheet Blad1)
add_xlsx_bad(xlsx_as_csv 66 xlsx_good.xlsx --input-format csv)
# Broken XML part way: the rows before it were read; the row is named.
add_xlsx_bad(xlsx_xml_error 67 xlsx_xml_error.xlsx)
# Limits, said before anything is inflated.
add_xlsx_bad(xlsx_huge_shared_strings 66 xlsx_huge_shared_strings.xlsx)
add_xlsx_bad(xlsx_zip_bomb 66 xlsx_zip_bomb.xlsx)
# Cells: errors, a formula without its value, fractions of an öre, a value
# right of the header, a key twice; each rejects its row, named by cell.
add_xlsx_bad(xlsx_cell_na 67 xlsx_cell_na.xlsx)
add_xlsx_bad(xlsx_cell_ref 67 xlsx_cell_ref.xlsx)
add_xlsx_bad(xlsx_formula_no_value 67 xlsx_formula_no_value.xlsx)
add_xlsx_bad(xlsx_amount_fraction 67 xlsx_amount_fraction.xlsx)
add_xlsx_bad(xlsx_value_past_header 67 xlsx_value_past_header.xlsx)
add_xlsx_bad(xlsx_duplicate_key 67 xlsx_duplicate_key.xlsx)
# The header names its sheet.
add_xlsx_bad(xlsx_missing_column 69 xlsx_missing_column.xlsx)
# Spreadsheets medel does not read, by name and by content.
add_xlsx_bad(xlsx_old_xls 66 xlsx_old.xls)
add_xlsx_bad(xlsx_ods 66 xlsx_opendocument.ods)
add_xlsx_bad(xlsx_ods_renamed 66 xlsx_opendocument_renamed.xlsx)
# Content decides, not the name: an old .xls, a CSV file and a binary file
# named .xlsx, and a data table that is CSV named .xlsx.
add_xlsx_bad(xlsx_old_renamed 66 xlsx_old_renamed.xlsx)
add_xlsx_bad(xlsx_csv_renamed 66 xlsx_csv_renamed.xlsx)
add_xlsx_bad(xlsx_binary 66 xlsx_binary.xlsx)
add_golden(golden.bad.xlsx_table_text ${XLSX_BAD} 65 ARGS check xlsx_table_text.medel xlsx_good.xlsx
           OUT ${EMPTY} ERR ${BAD}/xlsx_table_text.err)
set_tests_properties(golden.bad.xlsx_table_text PROPERTIES FIXTURES_REQUIRED xlsx_bad)
# The first visible sheet, not a hidden one before it; a hidden sheet read
# when named, its name in any case.
add_xlsx_bad(xlsx_hidden_first 69 xlsx_hidden_first.xlsx)
add_xlsx_bad(xlsx_hidden_named 69 xlsx_hidden_first.xlsx --sheet gÖMD)
# A row of blanks only is an empty row, counted as in CSV.
add_xlsx_bad(xlsx_blank_row 67 xlsx_blank_row.xlsx)
# A damaged sheet: a row twice, text that is not UTF-8.
add_xlsx_bad(xlsx_row_twice 67 xlsx_row_twice.xlsx)
add_xlsx_bad(xlsx_bad_utf8 67 xlsx_bad_utf8.xlsx)
# A message about one header cell names the cell.
add_xlsx_bad(xlsx_heading_typo 69 xlsx_heading_typo.xlsx)
add_xlsx_bad(xlsx_heading_twice 69 xlsx_heading_twice.xlsx)
