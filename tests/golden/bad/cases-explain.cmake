# explain and a repeated key: the valid row with the key is explained; the
# later row that repeats it is the rejected one (exit 67 with --keep-going,
# nothing written without it). Included from tests/golden.cmake.
add_golden(golden.bad.explain_repeated_key_keep_going ${PROJECT_SOURCE_DIR} 67
           ARGS explain rules/ungdomsmottagningar-2021.medel examples/felaktiga-ansokningar-2021.csv --id UMO-2021-901
                --keep-going
           OUT ${BAD}/explain_repeated_key_keep_going.out ERR ${BAD}/explain_repeated_key_keep_going.err)
add_golden(golden.bad.explain_repeated_key ${PROJECT_SOURCE_DIR} 67
           ARGS explain rules/ungdomsmottagningar-2021.medel examples/felaktiga-ansokningar-2021.csv --id UMO-2021-901
           OUT ${EMPTY} ERR ${BAD}/explain_repeated_key.err)
