# Split rules (issue 17): grundbelopp, tak, spärr and minst N enheter in a
# 'fördela' block. "Ett grundbelopp om 100 000 kr per kommun; resterande medel
# fördelas efter andel invånare" over the 26 municipalities of
# rules/data/befolkning_2019-12-31.csv (copied next to the rule files, as a
# rule file's data must lie in its folder), in every allocate format, every
# line adding up; the rules together; and the errors that need the rows.
# Included from tests/golden.cmake, which defines add_golden, GOLDEN and EMPTY.
set(SPLIT17 ${GOLDEN}/bad/split17)
foreach(fmt table csv json)
    add_golden(golden.bad.split17_grundbelopp_${fmt} ${SPLIT17} 0
               ARGS allocate split17_grundbelopp.medel split17_inga.csv --format ${fmt}
               OUT ${SPLIT17}/grundbelopp.${fmt}.out ERR ${SPLIT17}/inga.err)
endforeach()
foreach(fmt table json)
    add_golden(golden.bad.split17_regler_${fmt} ${SPLIT17} 0
               ARGS allocate split17_regler.medel split17_inga.csv --format ${fmt}
               OUT ${SPLIT17}/regler.${fmt}.out ERR ${SPLIT17}/inga.err)
endforeach()
add_golden(golden.bad.split17_regler_potter ${SPLIT17} 0
           ARGS allocate split17_regler.medel split17_inga.csv --format csv --table potter
           OUT ${SPLIT17}/regler.potter.out ERR ${SPLIT17}/inga.err)
# The base amounts of the recipients exceed the pot; a threshold no one reaches.
add_golden(golden.bad.split17_over ${SPLIT17} 65 ARGS allocate split17_over.medel split17_inga.csv
           OUT ${EMPTY} ERR ${SPLIT17}/over.err)
add_golden(golden.bad.split17_sparr_alla ${SPLIT17} 65 ARGS allocate split17_sparr_alla.medel split17_inga.csv
           OUT ${EMPTY} ERR ${SPLIT17}/sparr_alla.err)
# Scenarios that change the rules: the parts side by side; one that breaks them.
add_golden(golden.bad.split17_whatif ${SPLIT17} 0
           ARGS whatif split17_grundbelopp.medel split17_inga.csv --scenarios split17_scenarier.medel
                --scenario högre_grund --scenario utan_grund
           OUT ${SPLIT17}/whatif.out ERR ${SPLIT17}/inga.err)
add_golden(golden.bad.split17_whatif_json ${SPLIT17} 0
           ARGS whatif split17_grundbelopp.medel split17_inga.csv --scenarios split17_scenarier.medel
                --scenario högre_grund --format json
           OUT ${SPLIT17}/whatif.json.out ERR ${SPLIT17}/inga.err)
add_golden(golden.bad.split17_whatif_over ${SPLIT17} 65
           ARGS whatif split17_grundbelopp.medel split17_inga.csv --scenarios split17_scenarier.medel
                --scenario för_högt
           OUT ${EMPTY} ERR ${SPLIT17}/whatif_over.err)
# A pot too small for the base amounts, from the command line (--set).
add_golden(golden.bad.split17_set_over ${SPLIT17} 65
           ARGS whatif split17_grundbelopp.medel split17_inga.csv --set "kommunerna=2 MSEK"
           OUT ${EMPTY} ERR ${SPLIT17}/set_over.err)
# The decision basis (allocate --format html): a column Delar per recipient;
# and whatif's HTML: a table Delar per mottagare.
add_golden(golden.bad.split17_regler_html ${SPLIT17} 0
           ARGS allocate split17_regler.medel split17_inga.csv --format html
           OUT ${SPLIT17}/regler.html ERR ${SPLIT17}/inga.err)
set_tests_properties(golden.bad.split17_regler_html golden.bad.split17_regler_html.en PROPERTIES
                     ENVIRONMENT "SOURCE_DATE_EPOCH=1700000000;TZ=UTC")
add_golden(golden.bad.split17_whatif_html ${SPLIT17} 0
           ARGS whatif split17_grundbelopp.medel split17_inga.csv --scenarios split17_scenarier.medel
                --scenario högre_grund --format html
           OUT ${SPLIT17}/whatif.html ERR ${SPLIT17}/inga.err)
# medel diff names every rule that changed.
add_golden(golden.bad.split17_diff ${SPLIT17} 1 ARGS diff split17_grundbelopp.medel split17_regler.medel
           OUT ${SPLIT17}/diff.out)
