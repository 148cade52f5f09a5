# Names misspelt on the command line that the rule file's loader resolves:
# a scenario, a pot in --set, a criterion in --drop. Each gets "menade du …?".
# Included from tests/golden.cmake, which defines add_golden, GOLDEN and EMPTY.
set(CHECK15 ${GOLDEN}/bad/check15)
set(CHECK15_BASE whatif rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv)
add_golden(golden.bad.check15_scenario_typo ${PROJECT_SOURCE_DIR} 64
           ARGS ${CHECK15_BASE} --scenarios examples/scenarier-ungdomsmottagningar-2021.medel --scenario höjd_pot
           OUT ${EMPTY} ERR ${CHECK15}/scenario_typo.err)
add_golden(golden.bad.check15_scenario_far ${PROJECT_SOURCE_DIR} 64
           ARGS ${CHECK15_BASE} --scenarios examples/scenarier-ungdomsmottagningar-2021.medel --scenario sänkt_tak
           OUT ${EMPTY} ERR ${CHECK15}/scenario_far.err)
add_golden(golden.bad.check15_set_pot_typo ${PROJECT_SOURCE_DIR} 64
           ARGS ${CHECK15_BASE} --set "kommunrna=20 MSEK"
           OUT ${EMPTY} ERR ${CHECK15}/set_pot_typo.err)
add_golden(golden.bad.check15_drop_criterion_typo ${PROJECT_SOURCE_DIR} 64
           ARGS ${CHECK15_BASE} --drop malgrupp
           OUT ${EMPTY} ERR ${CHECK15}/drop_criterion_typo.err)
