# The officers' assessments (--bedömningar, issue 16): every error of the
# file is located (file:row: kolumn 'X': …) with what to do, all of them in
# one pass, and nothing is written (exit 72; 69 for a header without the
# columns, 66 for a file that cannot be read). Each case runs in Swedish and
# in English. Included from tests/golden.cmake (see cases.cmake for the form).
set(R16 ${BAD}/ruling16)
set(RULES ../../../../rules/ungdomsmottagningar-2021.medel)
set(APPS ../../../../examples/ansokningar-ungdomsmottagningar-2021.csv)

foreach(c unknown_app unknown_criterion unknown_pot criterion_wrong_pot contradiction repeated override_without_why
          assessed_decided override_no_change bad_outcome bad_date bad_kind considers_without_pot route_unknown_key
          empty_cells many_errors extra_cells)
    add_golden(golden.ruling16.${c} ${R16} 72 ARGS check ${RULES} ${APPS} --bedömningar ${c}.csv
               OUT ${EMPTY} ERR ${R16}/${c}.err)
endforeach()
add_golden(golden.ruling16.missing_columns ${R16} 69 ARGS check ${RULES} ${APPS} --bedömningar missing_columns.csv
           OUT ${EMPTY} ERR ${R16}/missing_columns.err)
add_golden(golden.ruling16.empty ${R16} 66 ARGS check ${RULES} ${APPS} --bedömningar empty.csv
           OUT ${EMPTY} ERR ${R16}/empty.err)
add_golden(golden.ruling16.no_such_file ${R16} 66 ARGS check ${RULES} ${APPS} --bedömningar finns-inte.csv
           OUT ${EMPTY} ERR ${R16}/no_such_file.err)
# An explain or allocate with errors in the file writes nothing either.
add_golden(golden.ruling16.allocate_errors ${R16} 72 ARGS allocate ${RULES} ${APPS} --bedömningar many_errors.csv
           OUT ${EMPTY} ERR ${R16}/many_errors.err)
add_golden(golden.ruling16.explain_errors ${R16} 72 ARGS explain ${RULES} ${APPS} --id UMO-2021-023
           --bedömningar assessed_decided.csv OUT ${EMPTY} ERR ${R16}/explain_errors.err)
# Files that are read: a column not read is a warning; the key column by the
# rule file's heading, a criterion by its label, the outcome in capitals; a
# file with a BOM and CRLF; a file saved as Windows-1252 (a note).
foreach(c extra_column key_heading_and_label bom_crlf cp1252)
    add_golden(golden.ruling16.${c} ${R16} 0 ARGS check ${RULES} ${APPS} --bedömningar ${c}.csv
               OUT ${R16}/${c}.out ERR ${R16}/${c}.err)
endforeach()
# An override: shown as one, with the data's outcome and the justification,
# in every format; the allocation takes it.
foreach(fmt table csv json)
    add_golden(golden.ruling16.override.check.${fmt} ${R16} 0 ARGS check ${RULES} ${APPS} --bedömningar override.csv
               --format ${fmt} OUT ${R16}/override.check.${fmt}.out ERR ${R16}/override.err)
endforeach()
add_golden(golden.ruling16.override.explain ${R16} 0 ARGS explain ${RULES} ${APPS} --bedömningar override.csv
           --id UMO-2021-014 OUT ${R16}/override.explain.out ERR ${R16}/override.err)
# whatif takes the assessments in every column, also a scenario that reads
# the applications again under another table.
add_golden(golden.ruling16.whatif ${R16} 0 ARGS whatif ${RULES} ${APPS} --bedömningar override.csv
           --scenarios ../../../../examples/scenarier-ungdomsmottagningar-2021.medel --all
           OUT ${R16}/whatif.out ERR ${R16}/whatif.err)
