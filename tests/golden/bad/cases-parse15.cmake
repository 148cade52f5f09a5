# The front end's recovery (issue 15): fmt leaves a file alone when the
# parser had to mend it (a '}' the layout placed, 'Pott' read as 'pott', a
# keyword read as a name), so fmt never changes what a broken file means;
# and several broken files give one message each, in file order.
# Included from tests/golden.cmake (add_golden, BAD, EMPTY).
set(P15 ${BAD}/parse15)
add_golden(golden.bad.parse15_fmt_missing_brace ${P15} 65 ARGS fmt --check saknad_klammer.medel
           OUT ${EMPTY} ERR ${P15}/fmt_missing_brace.err)
add_golden(golden.bad.parse15_fmt_capital_keyword ${P15} 65 ARGS fmt stor_bokstav.medel
           OUT ${EMPTY} ERR ${P15}/fmt_capital_keyword.err)
add_golden(golden.bad.parse15_validate_three ${P15} 65
           ARGS validate saknad_klammer.medel stor_bokstav.medel nyckelord_som_namn.medel
           OUT ${EMPTY} ERR ${P15}/validate_three.err)
