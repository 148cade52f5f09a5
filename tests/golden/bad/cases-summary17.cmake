# validate's summary of a split with rules (issue 17): the text after "ok"
# and the JSON summary give grundbelopp, tak, spärr and minst N enheter, in
# kronor and in percent. Included from tests/golden.cmake, which defines
# add_golden, GOLDEN and EMPTY.
set(SUMMARY17 ${GOLDEN}/bad/summary17)
add_golden(golden.bad.summary17_regler ${SUMMARY17} 0
           ARGS validate summary17_belopp.medel summary17_andel.medel
           OUT ${SUMMARY17}/regler.out ERR ${EMPTY})
add_golden(golden.bad.summary17_regler_json ${SUMMARY17} 0
           ARGS validate --format json summary17_belopp.medel summary17_andel.medel
           OUT ${SUMMARY17}/regler.json.out ERR ${EMPTY})

# A data file with a bad cell, named by 'ändra tabell' in a scenario file and
# in an extending file: the note points at that 'ändra tabell', not at the
# base file's 'tabell'. validate and whatif say the same.
add_golden(golden.bad.summary17_scenario_bad_cell ${SUMMARY17} 65
           ARGS validate summary17_belopp.medel --scenarios summary17_scenarier.medel
           OUT ${EMPTY} ERR ${SUMMARY17}/scenario_bad_cell.err)
add_golden(golden.bad.summary17_scenario_bad_cell_whatif ${SUMMARY17} 65
           ARGS whatif summary17_belopp.medel summary17_inga.csv --scenarios summary17_scenarier.medel --scenario nya_tal
           OUT ${EMPTY} ERR ${SUMMARY17}/scenario_bad_cell_whatif.err)
add_golden(golden.bad.summary17_extends_bad_cell ${SUMMARY17} 65 ARGS validate summary17_utokar.medel
           OUT ${EMPTY} ERR ${SUMMARY17}/extends_bad_cell.err)
