# Bad inputs for the readers of application and data files (runtime/input.c,
# lang/csv.c) and for opening input files (lang/source.c). Included from
# tests/golden.cmake, which defines add_golden, GOLDEN, BAD and EMPTY.
set(INPUT_RULES ../run/alla_policyer.medel)

# A header cell that is no field, beside a missing column a criterion reads:
# the run stops before anything is written (exit 66).
add_golden(golden.bad.input_header_misspelt ${BAD} 69 ARGS check ${INPUT_RULES} input_header_misspelt.csv
           OUT ${EMPTY} ERR ${BAD}/input_header_misspelt.err)
# The applicant column missing while a cap per applicant reads it: an error,
# not every applicant capped as one (or none).
add_golden(golden.bad.input_header_cap_column ${BAD} 69 ARGS check ${INPUT_RULES} input_header_cap_column.csv
           OUT ${EMPTY} ERR ${BAD}/input_header_cap_column.err)
# A file saved as Windows-1252 (header and cells): read as such, said once
# and counted as a warning.
add_golden(golden.bad.input_header_cp1252 ${BAD} 0 ARGS check ${INPUT_RULES} input_header_cp1252.csv
           OUT ${BAD}/input_header_cp1252.out ERR ${BAD}/input_header_cp1252.err)
# A header cell that is no field, alone: a warning, counted in the summary.
add_golden(golden.bad.input_header_extra ${BAD} 0 ARGS check ${INPUT_RULES} input_header_extra.csv
           OUT ${BAD}/input_header_extra.out ERR ${BAD}/input_header_extra.err)
# Two stray quotes: each names its line, the rows between them are read, and
# a description over two lines is still one cell.
add_golden(golden.bad.input_stray_quotes ${BAD} 67 ARGS check ${INPUT_RULES} input_stray_quotes.csv --keep-going
           OUT ${BAD}/input_stray_quotes.out ERR ${BAD}/input_stray_quotes.err)
# JSON keys that differ only in letter case, like a CSV heading written twice.
add_golden(golden.bad.input_json_key_case ${BAD} 67 ARGS check ${INPUT_RULES} input_json_key_case.json
           OUT ${EMPTY} ERR ${BAD}/input_json_key_case.err)
# A UTF-16 application file with its byte-order mark (Excel's "Unicode
# text"): read as such, said once and counted as a warning.
add_golden(golden.bad.input_utf16 ${BAD} 0 ARGS check ${INPUT_RULES} input_utf16.csv
           OUT ${BAD}/input_utf16.out ERR ${BAD}/input_utf16.err)
# A device as a rule file is refused, not read up to the 16 MiB limit.
add_golden(golden.bad.input_rule_file_dev_zero ${BAD} 66 ARGS validate /dev/zero
           OUT ${EMPTY} ERR ${BAD}/input_rule_file_dev_zero.err)
# The first cell of the first row empty (a valid file): check copies the
# cells into an empty buffer (once memcpy from NULL), allocate in each format.
add_golden(golden.bad.input_first_cell_empty.check ${BAD} 0 ARGS check ${INPUT_RULES} input_first_cell_empty.csv
           OUT ${BAD}/input_first_cell_empty.check.out ERR ${BAD}/input_first_cell_empty.err)
foreach(fmt table csv json)
    add_golden(golden.bad.input_first_cell_empty.${fmt} ${BAD} 0
               ARGS allocate ${INPUT_RULES} input_first_cell_empty.csv --format ${fmt}
               OUT ${BAD}/input_first_cell_empty.${fmt}.out ERR ${BAD}/input_first_cell_empty.err)
endforeach()

# Each reader past each documented limit, and inputs that are no regular
# files (FIFOs, devices): the exact error, no hang. Made in the build tree.
add_test(NAME golden.bad.input_limits
         COMMAND sh ${BAD}/input_limits.sh $<TARGET_FILE:medel> ${CMAKE_CURRENT_BINARY_DIR}/input-limits)
set_tests_properties(golden.bad.input_limits PROPERTIES LABELS golden)
