# explain and a repeated key, and whatif with nothing to compare. The valid
# row with a key asked for is explained; the later row that repeats it is the
# rejected one (exit 67 with --keep-going, nothing written without it).
add_golden(golden.bad.explain_repeated_key_keep_going ${PROJECT_SOURCE_DIR} 67
           ARGS explain rules/ungdomsmottagningar-2021.medel examples/felaktiga-ansokningar-2021.csv --id UMO-2021-901
                --keep-going
           OUT ${BAD}/explain_repeated_key_keep_going.out ERR ${BAD}/explain_repeated_key_keep_going.err)
add_golden(golden.bad.explain_repeated_key ${PROJECT_SOURCE_DIR} 67
           ARGS explain rules/ungdomsmottagningar-2021.medel examples/felaktiga-ansokningar-2021.csv --id UMO-2021-901
           OUT ${EMPTY} ERR ${BAD}/explain_repeated_key.err)

# whatif with nothing to compare: --all of a rule file without scenarios is
# said as such; no scenario named at all asks for one (both usage, 64).
add_golden(golden.bad.whatif_all_of_none ${PROJECT_SOURCE_DIR} 64
           ARGS whatif rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv --all
           OUT ${EMPTY} ERR ${BAD}/whatif_all_of_none.err)
add_golden(golden.bad.whatif_nothing_named ${PROJECT_SOURCE_DIR} 64
           ARGS whatif rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv
           OUT ${EMPTY} ERR ${BAD}/whatif_nothing_named.err)
