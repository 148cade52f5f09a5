# Data tables (issue 17): derived columns, 'ändra tabell' in a scenario,
# and the rows of a data file checked by validate as allocate checks them.
# Included from tests/golden.cmake, which defines add_golden, GOLDEN, BAD
# and EMPTY. The validate cases are tests/golden/errors/data17_*.medel and
# tests/golden/valid/data17_*.medel.
set(D17 ${BAD}/data17)

# Differential: the 26 municipalities of rules/data split by the file's own
# age_12_22 and by the derived sum age_12_22_women + age_12_22_men give the
# same allocation, to the krona: both cases compare with the same files.
foreach(rules split_age split_sum)
    add_golden(golden.bad.data17_differential_${rules} ${D17} 0
               ARGS allocate --allow-outside-paths ${rules}.medel ansokningar.csv
               OUT ${D17}/differential.out ERR ${D17}/differential.err)
    add_golden(golden.bad.data17_differential_${rules}_csv ${D17} 0
               ARGS allocate --allow-outside-paths ${rules}.medel ansokningar.csv --format csv
               OUT ${D17}/differential.csv.out ERR ${D17}/differential.err)
endforeach()

# 'ändra tabell' in a scenario: next year's file, and with a derived column
# in place of a read one; the English spelling in a scenario file.
add_golden(golden.bad.data17_whatif_change_table ${D17} 0
           ARGS whatif scenario.medel ansokningar_kommuner.csv --all
           OUT ${D17}/whatif_change_table.out ERR ${D17}/whatif_change_table.err)
add_golden(golden.bad.data17_whatif_change_table_english ${D17} 0
           ARGS whatif scenario.medel ansokningar_kommuner.csv --scenarios scenarios_en.medel --scenario new_figures
           OUT ${D17}/whatif_change_table_english.out ERR ${D17}/whatif_change_table_english.err)
add_golden(golden.bad.data17_fmt_english ${D17} 0 ARGS fmt --stdout --english scenario.medel
           OUT ${D17}/fmt_english.out)
add_golden(golden.bad.data17_fmt_swedish ${D17} 0 ARGS fmt --stdout --swedish scenarios_en.medel
           OUT ${D17}/fmt_swedish.out)

# A scenario's new file with bad rows: validate reads it and says its errors
# under the scenario's name; whatif says the same lines.
add_golden(golden.bad.data17_validate_scenario_bad_data ${D17} 65 ARGS validate scenario_fel.medel
           OUT ${EMPTY} ERR ${D17}/validate_scenario_bad_data.err)
add_golden(golden.bad.data17_whatif_scenario_bad_data ${D17} 65
           ARGS whatif scenario_fel.medel ansokningar_kommuner.csv --scenario fel_fil
           OUT ${EMPTY} ERR ${D17}/whatif_scenario_bad_data.err)

# allocate on the file with every kind of bad data that validate reports
# (errors/data17_many.medel): the same lines, then exit 65.
add_golden(golden.bad.data17_allocate_bad_data ${GOLDEN}/errors 65
           ARGS allocate data17_many.medel ../bad/data17/ansokningar_kommuner.csv
           OUT ${EMPTY} ERR ${D17}/allocate_bad_data.err)
# One code path: for every bad-data case, allocate's lines are validate's
# (less validate's count line), in both languages.
file(GLOB d17_bad_data CONFIGURE_DEPENDS ${GOLDEN}/errors/data17_*.medel)
foreach(f ${d17_bad_data})
    get_filename_component(n ${f} NAME_WE)
    foreach(lang sv en)
        add_test(NAME golden.bad.${n}_same_as_allocate.${lang}
                 COMMAND ${D17}/same_as_allocate.sh $<TARGET_FILE:medel> ${GOLDEN}/errors ${n} ${lang})
        set_tests_properties(golden.bad.${n}_same_as_allocate.${lang} PROPERTIES LABELS golden)
    endforeach()
endforeach()

# --format json: a data file's errors are diagnostics whose place is in the
# message (no place in a rule file), with the declaration's note.
add_golden(golden.bad.data17_validate_json ${GOLDEN}/errors 65 ARGS validate --format json data17_short_row.medel
           OUT ${D17}/validate_json.out)
