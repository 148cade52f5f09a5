# Removal and change in a later year's file (issue 17): medel fmt prints every
# form of 'ta bort' and 'ändra' in both languages, and back; and an
# application naming a removed focus area is an application error (exit 67).
# Included from tests/golden.cmake (add_golden, BAD, EMPTY). The rule files
# are golden valid cases (valid/remove17_*.medel), with their English
# translations beside them.
set(V17 ${GOLDEN}/valid)
foreach(n change remove)
    add_golden(golden.bad.remove17_fmt_${n}_english ${V17} 0 ARGS fmt --stdout --english remove17_${n}.medel
               OUT ${V17}/remove17_${n}_en.medel ERR ${EMPTY})
    add_golden(golden.bad.remove17_fmt_${n}_swedish ${V17} 0 ARGS fmt --stdout --swedish remove17_${n}_en.medel
               OUT ${V17}/remove17_${n}.medel ERR ${EMPTY})
    add_golden(golden.bad.remove17_fmt_${n}_check ${V17} 0 ARGS fmt --check remove17_${n}.medel OUT ${EMPTY} ERR ${EMPTY})
    add_golden(golden.bad.remove17_fmt_${n}_check_english ${V17} 0 ARGS fmt --check --english remove17_${n}_en.medel
               OUT ${EMPTY} ERR ${EMPTY})
endforeach()
# The changed scenario and test run: the test's new application and
# expectation replace the old ones, under the changed scenario.
add_golden(golden.bad.remove17_test_changed ${V17} 0 ARGS test remove17_change.medel OUT ${BAD}/remove17/test_changed.out
           ERR ${EMPTY})
add_golden(golden.bad.remove17_application_removed_focus ${GOLDEN} 67
           ARGS allocate valid/remove17_remove.medel bad/remove17/ansokningar.csv
           OUT ${EMPTY} ERR ${BAD}/remove17/application_removed_focus.err)
