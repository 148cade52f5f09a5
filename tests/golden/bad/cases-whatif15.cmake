# medel whatif: a scenario, a pot of --set or --sweep, or a criterion of
# --drop that the rule file and the scenario file lack is a usage error
# (64), said before any application is read, with the closest name
# ("menade du 'höjd_pott'?") or the names there are. Included from
# tests/golden.cmake.
set(W15 ${GOLDEN}/bad/whatif15)
set(W15_2021 whatif rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv)
set(W15_SCEN --scenarios examples/scenarier-ungdomsmottagningar-2021.medel)
set(W15_2018 whatif rules/gemensam-pott-2018.medel examples/ansokningar-gemensam-pott-2018.csv
    --scenarios tests/golden/bad/whatif15/scenarier-gemensam-pott-2018.medel)
set(W15_RS whatif rules/region-stockholm-2021-2022.medel examples/ansokningar-region-stockholm-2021-2022.csv)

# Scenario names: a letter missing, the rings and dots left out, capitals.
add_golden(golden.bad.whatif15_scenario_typo ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} ${W15_SCEN} --scenario höjd_pot
           OUT ${EMPTY} ERR ${W15}/scenario_typo.err)
add_golden(golden.bad.whatif15_scenario_no_marks ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} ${W15_SCEN} --scenario ny_fordelning
           OUT ${EMPTY} ERR ${W15}/scenario_no_marks.err)
add_golden(golden.bad.whatif15_scenario_capitals ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} ${W15_SCEN} --scenario Större_Tak
           OUT ${EMPTY} ERR ${W15}/scenario_capitals.err)
# Nothing close: the scenarios there are, with their descriptions.
add_golden(golden.bad.whatif15_scenario_list ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} ${W15_SCEN} --scenario budget_2022
           OUT ${EMPTY} ERR ${W15}/scenario_list.err)
# No scenario file given, and the rule file declares none.
add_golden(golden.bad.whatif15_scenario_no_file ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --scenario höjd_pott
           OUT ${EMPTY} ERR ${W15}/scenario_no_file.err)
# Every unknown name is said, not only the first; the known one runs nothing.
add_golden(golden.bad.whatif15_scenario_two ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} ${W15_SCEN} --scenario hojd_pott --scenario hela_tusental --scenario unga_13_22
           OUT ${EMPTY} ERR ${W15}/scenario_two.err)
# A scenario file of one's own, for a rule file that extends another.
add_golden(golden.bad.whatif15_scenario_own_file ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2018} --scenario utan_handlingsplanen
           OUT ${EMPTY} ERR ${W15}/scenario_own_file.err)

# --set: a pot's name misspelt, or not a pot at all (a municipality).
add_golden(golden.bad.whatif15_set_typo ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --set "kommuner=20 MSEK"
           OUT ${EMPTY} ERR ${W15}/set_typo.err)
add_golden(golden.bad.whatif15_set_list ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --set "Botkyrka=1 MSEK"
           OUT ${EMPTY} ERR ${W15}/set_list.err)
add_golden(golden.bad.whatif15_set_second ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --set "kommunerna=20 MSEK" --set "regionens=10 MSEK"
           OUT ${EMPTY} ERR ${W15}/set_second.err)
add_golden(golden.bad.whatif15_set_base_pot ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2018} --set "lansgemensam=5 MSEK"
           OUT ${EMPTY} ERR ${W15}/set_base_pot.err)
add_golden(golden.bad.whatif15_set_no_marks ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_RS} --set "psykisk_halsa=30 MSEK"
           OUT ${EMPTY} ERR ${W15}/set_no_marks.err)

# --sweep: the pot swept.
add_golden(golden.bad.whatif15_sweep_typo ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --sweep "ungdomsmotagningar=30 MSEK..40 MSEK steg 5 MSEK"
           OUT ${EMPTY} ERR ${W15}/sweep_typo.err)
add_golden(golden.bad.whatif15_sweep_list ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --sweep "total=30 MSEK..50 MSEK steg 1 MSEK"
           OUT ${EMPTY} ERR ${W15}/sweep_list.err)

# --drop: the start of a criterion's name, its rings left out, or nothing close.
add_golden(golden.bad.whatif15_drop_prefix ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --drop fokus
           OUT ${EMPTY} ERR ${W15}/drop_prefix.err)
add_golden(golden.bad.whatif15_drop_no_marks ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --drop malgrupp
           OUT ${EMPTY} ERR ${W15}/drop_no_marks.err)
add_golden(golden.bad.whatif15_drop_list ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} --drop ålder
           OUT ${EMPTY} ERR ${W15}/drop_list.err)
add_golden(golden.bad.whatif15_drop_prefix_rs ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_RS} --drop samråd
           OUT ${EMPTY} ERR ${W15}/drop_prefix_rs.err)
add_golden(golden.bad.whatif15_drop_base ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2018} --drop handlingsplan
           OUT ${EMPTY} ERR ${W15}/drop_base.err)
# A scenario and a criterion wrong at once: both said.
add_golden(golden.bad.whatif15_scenario_and_drop ${PROJECT_SOURCE_DIR} 64
           ARGS ${W15_2021} ${W15_SCEN} --scenario utan_fokus --drop fokusomrade
           OUT ${EMPTY} ERR ${W15}/scenario_and_drop.err)
