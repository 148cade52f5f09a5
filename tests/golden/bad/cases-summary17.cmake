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
