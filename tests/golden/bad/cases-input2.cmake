# Bad inputs for the application and data readers, second round (runtime/input.c,
# lang/csv.c, the data-file reading of lang/checker.c). Included from
# tests/golden.cmake, which defines add_golden, GOLDEN, BAD and EMPTY.
set(INPUT2_RULES ../run/alla_policyer.medel)

# A JSON key misspelt in one record, where a criterion reads the field it
# was meant for: that record is rejected, with "did you mean", not sent to
# manual assessment.
add_golden(golden.bad.input2_json_key_misspelt ${BAD} 67 ARGS check ${INPUT2_RULES} input2_json_key_misspelt.json
           OUT ${EMPTY} ERR ${BAD}/input2_json_key_misspelt.err)
# The same in every record: the file is refused (as a CSV header), said once.
add_golden(golden.bad.input2_json_key_misspelt_all ${BAD} 69 ARGS check ${INPUT2_RULES} input2_json_key_misspelt_all.json
           OUT ${EMPTY} ERR ${BAD}/input2_json_key_misspelt_all.err)
# A CSV file with CR alone as its line ends (Excel's "CSV (Macintosh)"):
# read as lines, the bad row named by its own line, a CR in a quoted cell kept.
add_golden(golden.bad.input2_csv_cr_only ${BAD} 67 ARGS check ${INPUT2_RULES} input2_csv_cr_only.csv --keep-going
           OUT ${BAD}/input2_csv_cr_only.out ERR ${BAD}/input2_csv_cr_only.err)
