# The command line in Swedish (issue 15): a misspelt command, option or
# option value gets the closest name ("menade du 'allocate'?"), a missing
# value or a file too many says what to give, and every usage error ends
# with the command's one usage line, never the whole help. Each case runs in
# Swedish and in English (the .en.err beside it). Included from
# tests/golden.cmake (see cases.cmake for the form).
set(C15 ${BAD}/cli15)
set(R ../run/alla_policyer.medel)
set(A ../run/ansokningar.csv)

# Commands: a typo, a Swedish word for one, a rule file given first, help of a typo.
add_golden(golden.cli15.command_typo ${BAD} 64 ARGS alocate ${R} ${A} OUT ${EMPTY} ERR ${C15}/command_typo.err)
add_golden(golden.cli15.command_swedish ${BAD} 64 ARGS fördela ${R} ${A} OUT ${EMPTY} ERR ${C15}/command_swedish.err)
add_golden(golden.cli15.command_swedish_unmarked ${BAD} 64 ARGS forklara ${R} ${A} --id A-06 OUT ${EMPTY}
           ERR ${C15}/command_swedish_unmarked.err)
add_golden(golden.cli15.command_file_first ${BAD} 64 ARGS ${R} ${A} OUT ${EMPTY} ERR ${C15}/command_file_first.err)
add_golden(golden.cli15.help_typo ${BAD} 64 ARGS help whatfi OUT ${EMPTY} ERR ${C15}/help_typo.err)
add_golden(golden.cli15.no_command ${BAD} 64 OUT ${EMPTY} ERR ${C15}/no_command.err)

# Options: a typo, one dash for two, one of another command, fmt's typo.
add_golden(golden.cli15.option_typo ${BAD} 64 ARGS check ${R} ${A} --formt json OUT ${EMPTY} ERR ${C15}/option_typo.err)
add_golden(golden.cli15.option_one_dash ${BAD} 64 ARGS allocate ${R} ${A} -format csv OUT ${EMPTY} ERR ${C15}/option_one_dash.err)
add_golden(golden.cli15.option_of_other_command ${BAD} 64 ARGS validate --keep-going ${R} OUT ${EMPTY}
           ERR ${C15}/option_of_other_command.err)
add_golden(golden.cli15.fmt_option_typo ${BAD} 64 ARGS fmt --chek ${R} OUT ${EMPTY} ERR ${C15}/fmt_option_typo.err)
add_golden(golden.cli15.option_typo_whatif ${BAD} 64 ARGS whatif ${R} ${A} --scenaro höjd OUT ${EMPTY}
           ERR ${C15}/option_typo_whatif.err)

# Values: two letters swapped, the wrong case, a table's typo, an input format's.
add_golden(golden.cli15.format_transposed ${BAD} 64 ARGS check ${R} ${A} --format tabel OUT ${EMPTY}
           ERR ${C15}/format_transposed.err)
add_golden(golden.cli15.format_case ${BAD} 64 ARGS allocate ${R} ${A} --format=JSON OUT ${EMPTY} ERR ${C15}/format_case.err)
add_golden(golden.cli15.table_typo ${BAD} 64 ARGS allocate ${R} ${A} --format csv --table beslutt OUT ${EMPTY}
           ERR ${C15}/table_typo.err)
add_golden(golden.cli15.input_format_typo ${BAD} 64 ARGS check ${R} ${A} --input-format jsno OUT ${EMPTY}
           ERR ${C15}/input_format_typo.err)
add_golden(golden.cli15.mall_format_typo ${BAD} 64 ARGS mall ${R} --format xslx OUT ${EMPTY} ERR ${C15}/mall_format_typo.err)

# Missing values and files, and files too many.
add_golden(golden.cli15.sheet_without_value ${BAD} 64 ARGS check ${R} ${A} --sheet OUT ${EMPTY} ERR ${C15}/sheet_without_value.err)
add_golden(golden.cli15.scenario_without_value ${BAD} 64 ARGS whatif ${R} ${A} --scenario OUT ${EMPTY}
           ERR ${C15}/scenario_without_value.err)
add_golden(golden.cli15.table_without_value ${BAD} 64 ARGS allocate ${R} ${A} --table OUT ${EMPTY}
           ERR ${C15}/table_without_value.err)
add_golden(golden.cli15.diff_too_many_files ${BAD} 64 ARGS diff ${R} ${R} ${A} OUT ${EMPTY} ERR ${C15}/diff_too_many_files.err)
add_golden(golden.cli15.explain_too_many_files ${BAD} 64 ARGS explain ${R} ${A} ${A} --id A-06 OUT ${EMPTY}
           ERR ${C15}/explain_too_many_files.err)
add_golden(golden.cli15.diff_one_file ${BAD} 64 ARGS diff ${R} OUT ${EMPTY} ERR ${C15}/diff_one_file.err)
add_golden(golden.cli15.test_no_files ${BAD} 64 ARGS test --coverage OUT ${EMPTY} ERR ${C15}/test_no_files.err)
add_golden(golden.cli15.flag_with_value ${BAD} 64 ARGS check ${R} ${A} --keep-going=ja OUT ${EMPTY}
           ERR ${C15}/flag_with_value.err)

# English by the option as well as by the environment: the same text in both runs.
add_golden(golden.cli15.lang_option_en ${BAD} 64 ARGS --lang en check ${R} ${A} --formt json OUT ${EMPTY}
           ERR ${C15}/lang_option_en.err)
add_golden(golden.cli15.lang_option_sv ${BAD} 64 ARGS --språk sv check ${R} ${A} --formt json OUT ${EMPTY}
           ERR ${C15}/lang_option_sv.err)

# A table of another command says whose it is.
add_golden(golden.cli15.table_of_allocate ${BAD} 64 ARGS mall ${R} --format csv --table Beslut OUT ${EMPTY}
           ERR ${C15}/table_of_allocate.err)
add_golden(golden.cli15.table_of_check_and_allocate ${BAD} 64 ARGS whatif ${R} ${A} --all --format csv --table avvisade
           OUT ${EMPTY} ERR ${C15}/table_of_check_and_allocate.err)

# A value without its option: the option it belongs to.
add_golden(golden.cli15.value_without_option ${BAD} 64 ARGS allocate ${R} ${A} json OUT ${EMPTY}
           ERR ${C15}/value_without_option.err)
