# Binding portfolio constraints ('bindande'): an allocation that breaks one
# writes its report, marked, and ends with exit 3 and a located error saying
# what broke and what would mend it; one that holds, and a constraint that
# is not binding, end with 0 as before. Included from tests/golden.cmake,
# which defines add_golden.
set(PF ${GOLDEN}/portfolio)
# Broken: the private applications are not reached or not eligible, and the
# region's own get more than the share allowed.
add_golden(golden.portfolio.broken ${PF} 3 ARGS allocate bindande.medel brutet.csv
           OUT ${PF}/brutet.out ERR ${PF}/brutet.err)
add_golden(golden.portfolio.broken_json ${PF} 3 ARGS allocate bindande.medel brutet.csv --format json
           OUT ${PF}/brutet.json.out ERR ${PF}/brutet.err)
add_golden(golden.portfolio.broken_csv ${PF} 3 ARGS allocate bindande.medel brutet.csv --format csv --table portfölj
           OUT ${PF}/brutet.csv.out ERR ${PF}/brutet.err)
# Broken because no application meets the condition at all.
add_golden(golden.portfolio.no_match ${PF} 3 ARGS allocate bindande.medel ingen_privat.csv
           OUT ${PF}/ingen_privat.out ERR ${PF}/ingen_privat.err)
# Held: exit 0 (the constraint that is not binding is still reported broken).
add_golden(golden.portfolio.held ${PF} 0 ARGS allocate bindande.medel uppfyllt.csv
           OUT ${PF}/uppfyllt.out ERR ${PF}/uppfyllt.err)
# Not binding and broken: a report, exit 0, as before.
add_golden(golden.portfolio.not_binding ${PF} 0 ARGS allocate ej_bindande.medel brutet.csv
           OUT ${PF}/ej_bindande.out ERR ${PF}/brutet.read.err)
# The region's rules with a smaller pot: the nearest private applications
# are named with their ranks.
add_golden(golden.portfolio.region ${PROJECT_SOURCE_DIR} 3
           ARGS allocate --allow-outside-paths tests/golden/portfolio/region_liten_pott.medel examples/ansokningar-region-stockholm-2021-2022.csv
           OUT ${PF}/region.out ERR ${PF}/region.err)
# whatif shows a scenario that breaks a binding constraint (and exits 0: it
# compares; allocate decides).
add_golden(golden.portfolio.whatif ${PROJECT_SOURCE_DIR} 0
           ARGS whatif rules/region-stockholm-2021-2022.medel examples/ansokningar-region-stockholm-2021-2022.csv
                --set "statliga_medel=37 MSEK" --set "samverkan=1 MSEK" --set "år_2021=35 MSEK" --set "år_2022=1 MSEK"
           OUT ${PF}/whatif.out ERR ${PF}/whatif.err)
add_golden(golden.portfolio.whatif_json ${PROJECT_SOURCE_DIR} 0
           ARGS whatif rules/region-stockholm-2021-2022.medel examples/ansokningar-region-stockholm-2021-2022.csv
                --set "statliga_medel=37 MSEK" --set "samverkan=1 MSEK" --set "år_2021=35 MSEK" --set "år_2022=1 MSEK" --format json
           OUT ${PF}/whatif.json.out ERR ${PF}/whatif.err)
# diff says when a constraint becomes binding or stops being so.
add_golden(golden.portfolio.diff ${PF} 1 ARGS diff bindande.medel ej_bindande.medel OUT ${PF}/diff.out)
# The report is written to a file too (-o), in full, before the error.
add_test(NAME golden.portfolio.report_written
         COMMAND sh -c "d=\"$1\"; rm -rf \"$d\" && mkdir -p \"$d\" && cd \"$3\" && \"$2\" allocate bindande.medel brutet.csv -o \"$d/rapport.txt\" 2>\"$d/err\"; rc=$?; [ $rc -eq 3 ] && grep -q 'EJ UPPFYLLT (bindande)' \"$d/rapport.txt\" && grep -q 'Kontroll:' \"$d/rapport.txt\" && grep -q 'error: det bindande portföljvillkoret' \"$d/err\""
                 sh ${CMAKE_CURRENT_BINARY_DIR}/portfolio-report-written $<TARGET_FILE:medel> ${PF})
set_tests_properties(golden.portfolio.report_written PROPERTIES LABELS golden)
# fmt writes 'bindande' in English and back.
add_golden(golden.portfolio.fmt_english ${PF} 0 ARGS fmt --english --stdout bindande.medel OUT ${PF}/fmt_english.out)
add_golden(golden.portfolio.fmt_swedish ${GOLDEN}/valid 0 ARGS fmt --swedish --stdout portfolio_binding_english.medel
           OUT ${PF}/fmt_swedish.out)
