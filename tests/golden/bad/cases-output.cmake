# Bad-input cases about what medel writes (the output area): -o against every
# file a run reads, nothing written before the run has succeeded, writing
# through /dev/stdout, fingerprints and markers in the reports, and control
# and invisible characters shown escaped. Included from tests/golden.cmake.
# Cases that need links, FIFOs, terminals or signals are in tests/output/run.sh.

# A copy of the 2021 rules with a scenario whose own table is k3.csv, in the
# build folder, so that a regression cannot destroy anything in the sources.
set(OUTPUT_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/golden-output-scratch)
file(COPY ${PROJECT_SOURCE_DIR}/rules/ungdomsmottagningar-2021.medel ${PROJECT_SOURCE_DIR}/rules/data
          ${PROJECT_SOURCE_DIR}/examples/ansokningar-ungdomsmottagningar-2021.csv ${BAD}/output_scenario_table.medel
     DESTINATION ${OUTPUT_SCRATCH})
configure_file(${PROJECT_SOURCE_DIR}/rules/data/befolkning_2019-12-31.csv ${OUTPUT_SCRATCH}/k3.csv COPYONLY)
# Standard output by name through a link of our own, made as /dev/stdout is:
# a medel that replaced links would replace this one, not the system's.
file(COPY ${GOLDEN}/run/alla_policyer.medel ${GOLDEN}/run/ansokningar.csv ${GOLDEN}/run/data ${BAD}/output_late_bad_row.csv
     DESTINATION ${OUTPUT_SCRATCH})
file(CREATE_LINK /proc/self/fd/1 ${OUTPUT_SCRATCH}/stdout SYMBOLIC)
set(OUTPUT_WHATIF whatif ungdomsmottagningar-2021.medel ansokningar-ungdomsmottagningar-2021.csv
    --scenarios output_scenario_table.medel --scenario unga_13_19)

# 1. -o naming a table only a scenario reads is refused, like the baseline's.
add_golden(golden.bad.output_scenario_table ${OUTPUT_SCRATCH} 74 ARGS ${OUTPUT_WHATIF} -o k3.csv
           OUT ${EMPTY} ERR ${BAD}/output_scenario_table.err)
# 2. A bad row at the end: standard output named as a file gets nothing.
add_golden(golden.bad.output_late_bad_row ${OUTPUT_SCRATCH} 67 ARGS check alla_policyer.medel output_late_bad_row.csv -o stdout
           OUT ${EMPTY} ERR ${BAD}/output_late_bad_row.err)
# 3. -o to a link to standard output (as /dev/stdout is) writes to the
#    redirected standard output (here a pipe), exactly what it prints without -o.
add_golden(golden.bad.output_dev_stdout ${OUTPUT_SCRATCH} 0 ARGS check alla_policyer.medel ansokningar.csv --format csv -o stdout
           OUT ${GOLDEN}/run/check.csv.out ERR ${GOLDEN}/run/check.csv.err)
# 4. -o through /dev/stdout to a path that is not there: the error names it and nothing is made.
add_golden(golden.bad.output_missing_folder_link ${BAD} 74 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv -o /dev/stdout/x
           OUT ${EMPTY} ERR ${BAD}/output_missing_folder_link.err)
# 5. whatif JSON lists every file read with its SHA-256, the scenario's table too.
add_golden(golden.bad.output_whatif_inputs ${OUTPUT_SCRATCH} 0 ARGS ${OUTPUT_WHATIF} --format json
           OUT ${BAD}/output_whatif_inputs.out ERR ${BAD}/output_whatif_inputs.err)
# 6. Terminal escapes and invisible characters in cells are shown escaped,
#    in the table and in the messages.
add_golden(golden.bad.output_escapes ${BAD} 67 ARGS check ../run/alla_policyer.medel output_escapes.csv --keep-going
           OUT ${BAD}/output_escapes.out ERR ${BAD}/output_escapes.err)
add_golden(golden.bad.output_escapes_allocate ${BAD} 67 ARGS allocate ../run/alla_policyer.medel output_escapes.csv --keep-going
           OUT ${BAD}/output_escapes_allocate.out ERR ${BAD}/output_escapes.err)
