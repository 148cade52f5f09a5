# Applications as an officer gets them wrong (issue 15): the examples'
# applications with one slip each, and the Swedish message that names the
# column, the data file and the likely fix. Included from tests/golden.cmake,
# which defines add_golden, GOLDEN, BAD and EMPTY. Inputs in bad/input15/.
set(IN15 ${BAD}/input15)
set(IN15_RULES ../../../../rules/ungdomsmottagningar-2021.medel)

# Municipalities not written as in the data file: a hyphen for a blank, the
# city's name for the municipality's, "kommun" after it, å/ä/ö left out,
# capitals; and one that is in no data file, with no guess.
foreach(c kommun_bindestreck kommun_stad kommun_utan_prickar kommun_okand)
    add_golden(golden.bad.input15_${c} ${IN15} 67 ARGS check ${IN15_RULES} ${c}.csv
               OUT ${EMPTY} ERR ${IN15}/${c}.err)
endforeach()
# Malmo and Goteborg, against a data file that has Malmö and Göteborg.
add_golden(golden.bad.input15_kommun_malmo_goteborg ${IN15} 67 ARGS check riket.medel kommun_malmo_goteborg.csv
           OUT ${EMPTY} ERR ${IN15}/kommun_malmo_goteborg.err)
# The same slips in a workbook: the cell named as Excel does (Ansökningar!F2).
add_golden(golden.bad.input15_kommun_arbetsbok ${IN15} 67 ARGS check ${IN15_RULES} kommun_arbetsbok.xlsx
           OUT ${EMPTY} ERR ${IN15}/kommun_arbetsbok.err)
# And in JSON, by record and field, with two unknown focus areas in one list.
add_golden(golden.bad.input15_json ${IN15} 67 ARGS check ${IN15_RULES} ansokningar.json
           OUT ${EMPTY} ERR ${IN15}/ansokningar_json.err)
# --keep-going: the rejected row is said, the rest is checked (one row: "1 avvisad").
add_golden(golden.bad.input15_kommun_keep_going ${IN15} 67 ARGS check ${IN15_RULES} kommun_keep_going.csv --keep-going
           OUT ${IN15}/kommun_keep_going.out ERR ${IN15}/kommun_keep_going.err)
# allocate and explain say the same, and that nothing was written.
add_golden(golden.bad.input15_allocate_kommun ${IN15} 67 ARGS allocate ${IN15_RULES} kommun_stad.csv
           OUT ${EMPTY} ERR ${IN15}/allocate_kommun.err)
add_golden(golden.bad.input15_explain_kommun ${IN15} 67 ARGS explain ${IN15_RULES} kommun_stad.csv --id UMO-2021-001
           OUT ${EMPTY} ERR ${IN15}/explain_kommun.err)

# Focus areas: a label misspelt (the label suggested), two unknown in one
# cell (both said, and the labels to choose from), two misspelt in one cell
# (both suggested), identifiers without å/ä (the label shown).
foreach(c fokus_etikett_felstavad fokus_tva_okanda fokus_tva_felstavade fokus_id_utan_ring)
    add_golden(golden.bad.input15_${c} ${IN15} 67 ARGS check ${IN15_RULES} ${c}.csv
               OUT ${EMPTY} ERR ${IN15}/${c}.err)
endforeach()
# One-of values: a set with one misspelt and one unknown member, and
# "Kommunen" for the applicant type kommun.
add_golden(golden.bad.input15_insatser_okanda ${IN15} 67 ARGS check ${IN15_RULES} insatser_okanda.csv
           OUT ${EMPTY} ERR ${IN15}/insatser_okanda.err)

# Headers: a misspelt one and one without its rings, each with the heading
# that looks like the column the rule file expects (exit 69).
foreach(c rubrik_felstavad rubrik_utan_ring)
    add_golden(golden.bad.input15_${c} ${IN15} 69 ARGS check ${IN15_RULES} ${c}.csv
               OUT ${EMPTY} ERR ${IN15}/${c}.err)
endforeach()

# Amounts in the wrong form (a dot for thousands, "milj", "SEK"), and empty
# cells the rule file requires.
foreach(c belopp_format tom_obligatorisk)
    add_golden(golden.bad.input15_${c} ${IN15} 67 ARGS check ${IN15_RULES} ${c}.csv
               OUT ${EMPTY} ERR ${IN15}/${c}.err)
endforeach()

# A sheet named without its dots: the sheets are listed and the likely one
# suggested (exit 66: the applications cannot be read).
add_golden(golden.bad.input15_blad_utan_prickar ${IN15} 66 ARGS check ${IN15_RULES}
           ../../../../examples/ansokningar-ungdomsmottagningar-2021.xlsx --sheet Ansokningar
           OUT ${EMPTY} ERR ${IN15}/blad_utan_prickar.err)
