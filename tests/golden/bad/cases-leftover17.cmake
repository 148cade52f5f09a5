# Issue 17, what happens to unallocated money: 'kvar stannar|återbetalas|
# flyttas till P', a second round ('andra omgång'), and year pots with
# carry-over. Included from tests/golden.cmake. The errors are
# tests/golden/errors/leftover17_*.medel.
set(L17 ${GOLDEN}/bad/leftover17)
set(L17_UMO tests/golden/bad/leftover17/leftover17_ungdomsmottagningar-2021.medel
    examples/ansokningar-ungdomsmottagningar-2021.csv)
set(L17_PER tests/golden/bad/leftover17/leftover17_perioder-2021-2022.medel
    tests/golden/bad/leftover17/leftover17_perioder-2021-2022.csv)

# The 2021 youth-clinic money: each municipality's unused share moves to
# länsgemensamt, whose leftover goes to a second round; what that leaves is
# returned. Table, the pots as CSV, and JSON.
add_golden(golden.bad.leftover17_allocate ${PROJECT_SOURCE_DIR} 0 ARGS allocate ${L17_UMO}
           OUT ${L17}/leftover17_allocate.out ERR ${L17}/leftover17_allocate.err)
add_golden(golden.bad.leftover17_allocate_csv ${PROJECT_SOURCE_DIR} 0
           ARGS allocate ${L17_UMO} --format csv --table potter
           OUT ${L17}/leftover17_allocate_csv.out ERR ${L17}/leftover17_allocate.err)
add_golden(golden.bad.leftover17_allocate_json ${PROJECT_SOURCE_DIR} 0 ARGS allocate ${L17_UMO} --format json
           OUT ${L17}/leftover17_allocate_json.out ERR ${L17}/leftover17_allocate.err)
# validate --dump shows each pot's disposition and the round.
add_golden(golden.bad.leftover17_dump ${PROJECT_SOURCE_DIR} 0
           ARGS validate --dump tests/golden/bad/leftover17/leftover17_ungdomsmottagningar-2021.medel
           OUT ${L17}/leftover17_dump.out)
# A 2021–2022 pot with one sub-pot per year: 2021's unused money carries
# over to 2022, and 2022's leftover is returned.
add_golden(golden.bad.leftover17_periods ${PROJECT_SOURCE_DIR} 0 ARGS allocate ${L17_PER}
           OUT ${L17}/leftover17_periods.out ERR ${L17}/leftover17_periods.err)
add_golden(golden.bad.leftover17_periods_json ${PROJECT_SOURCE_DIR} 0 ARGS allocate ${L17_PER} --format json
           OUT ${L17}/leftover17_periods_json.out ERR ${L17}/leftover17_periods.err)
add_golden(golden.bad.leftover17_periods_dump ${PROJECT_SOURCE_DIR} 0
           ARGS validate --dump tests/golden/bad/leftover17/leftover17_perioder-2021-2022.medel
           OUT ${L17}/leftover17_periods_dump.out)
# validate's account of the pots: each disposition and the second round.
add_golden(golden.bad.leftover17_validate ${PROJECT_SOURCE_DIR} 0
           ARGS validate tests/golden/bad/leftover17/leftover17_ungdomsmottagningar-2021.medel
           OUT ${L17}/leftover17_validate.out)
# whatif: per pot what moved in, moved on and was returned, and the second
# round as its own pot line.
add_golden(golden.bad.leftover17_whatif ${PROJECT_SOURCE_DIR} 0 ARGS whatif ${L17_PER} --set år_2021=40%
           OUT ${L17}/leftover17_whatif.out ERR ${L17}/leftover17_periods.err)
add_golden(golden.bad.leftover17_whatif_round ${PROJECT_SOURCE_DIR} 0
           ARGS whatif ${L17_UMO} --set "regionen=8 MSEK"
           OUT ${L17}/leftover17_whatif_round.out ERR ${L17}/leftover17_allocate.err)
# The HTML decision basis (it carries the run's time, so it is searched
# rather than compared): the pots' moves and returns, the round's deadline.
add_test(NAME golden.bad.leftover17_basis_html
         COMMAND sh -c "\"$1\" allocate \"$2\" \"$3\" --format html 2>/dev/null > \"$4\" && grep -q 'Flyttat hit' \"$4\" && grep -q 'Återbetalas' \"$4\" && grep -q '30 november 2021' \"$4\" && grep -q 'länsgemensamt/andra_omgången' \"$4\""
                 sh $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR}/tests/golden/bad/leftover17/leftover17_ungdomsmottagningar-2021.medel
                 ${PROJECT_SOURCE_DIR}/examples/ansokningar-ungdomsmottagningar-2021.csv
                 ${CMAKE_CURRENT_BINARY_DIR}/leftover17-basis.html)
set_tests_properties(golden.bad.leftover17_basis_html PROPERTIES LABELS golden)
# medel test: a pot that receives moved money holds its amount and what it
# received.
add_golden(golden.bad.leftover17_test ${PROJECT_SOURCE_DIR} 0
           ARGS test tests/golden/bad/leftover17/leftover17_perioder-2021-2022.medel
           OUT ${L17}/leftover17_test.out)
