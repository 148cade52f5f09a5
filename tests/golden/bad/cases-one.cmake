# Cases for the shared word tables (runtime/verdict.c) and the data-file
# header (lang/csv.c through lang/checker.c; those cases are rule files, in
# tests/golden/errors/one_data_*). Included from tests/golden.cmake, which
# defines add_golden, GOLDEN, BAD and EMPTY.

# A scenario that makes applications not applicable to a pot: what-if says
# so in the check report's words, "ej aktuell" (and "not_applicable" in
# JSON, checked in tests/unit/test_testrun.c with the other words).
set(ONE_WHATIF whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv
    --scenarios one_whatif_not_applicable.medel --all)
add_golden(golden.bad.one_whatif_not_applicable ${BAD} 0 ARGS ${ONE_WHATIF}
           OUT ${BAD}/one_whatif_not_applicable.out ERR ${BAD}/one_whatif_not_applicable.err)
