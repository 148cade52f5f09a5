# Bad inputs that are not rule files: malformed application files (CSV, JSON,
# JSON Lines), broken scenario files and wrong command lines. Each case names its
# input in tests/golden/bad/ and its expected exit code, stdout and stderr.
# Included from tests/golden.cmake, which defines add_golden, GOLDEN, BAD and EMPTY.

add_golden(golden.bad.csv_10000_columns ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_10000_columns.csv
           OUT ${EMPTY} ERR ${BAD}/csv_10000_columns.err)
add_golden(golden.bad.csv_amount_fraction_ore ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_amount_fraction_ore.csv
           OUT ${EMPTY} ERR ${BAD}/csv_amount_fraction_ore.err)
add_golden(golden.bad.csv_amount_huge_msek ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_amount_huge_msek.csv
           OUT ${EMPTY} ERR ${BAD}/csv_amount_huge_msek.err)
add_golden(golden.bad.csv_amount_negative ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_amount_negative.csv
           OUT ${EMPTY} ERR ${BAD}/csv_amount_negative.err)
add_golden(golden.bad.csv_amount_too_large ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_amount_too_large.csv
           OUT ${EMPTY} ERR ${BAD}/csv_amount_too_large.err)
add_golden(golden.bad.csv_amount_unknown_unit ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_amount_unknown_unit.csv
           OUT ${EMPTY} ERR ${BAD}/csv_amount_unknown_unit.err)
add_golden(golden.bad.csv_bad_yes_no ${BAD} 67 ARGS check ../../../rules/ungdomsmottagningar-2021.medel csv_bad_yes_no.csv
           OUT ${EMPTY} ERR ${BAD}/csv_bad_yes_no.err)
add_golden(golden.bad.csv_blank_key ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_blank_key.csv
           OUT ${EMPTY} ERR ${BAD}/csv_blank_key.err)
add_golden(golden.bad.csv_crlf_bom_mixed ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_crlf_bom_mixed.csv
           OUT ${EMPTY} ERR ${BAD}/csv_crlf_bom_mixed.err)
# A heading written twice: which column counts would be a guess.
add_golden(golden.bad.csv_duplicate_column ${BAD} 69 ARGS check ../run/alla_policyer.medel csv_duplicate_column.csv
           OUT ${EMPTY} ERR ${BAD}/csv_duplicate_column.err)
add_golden(golden.bad.csv_duplicate_key ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_duplicate_key.csv
           OUT ${EMPTY} ERR ${BAD}/csv_duplicate_key.err)
add_golden(golden.bad.csv_empty_file ${BAD} 66 ARGS check ../run/alla_policyer.medel csv_empty_file.csv
           OUT ${EMPTY} ERR ${BAD}/csv_empty_file.err)
add_golden(golden.bad.csv_empty_key ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_empty_key.csv
           OUT ${EMPTY} ERR ${BAD}/csv_empty_key.err)
add_golden(golden.bad.csv_header_only ${BAD} 0 ARGS check ../run/alla_policyer.medel csv_header_only.csv
           OUT ${BAD}/csv_header_only.out ERR ${BAD}/csv_header_only.err)
add_golden(golden.bad.csv_integer_not_number ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_integer_not_number.csv
           OUT ${EMPTY} ERR ${BAD}/csv_integer_not_number.err)
add_golden(golden.bad.csv_integer_too_large ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_integer_too_large.csv
           OUT ${EMPTY} ERR ${BAD}/csv_integer_too_large.err)
add_golden(golden.bad.csv_invalid_utf8 ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_invalid_utf8.csv
           OUT ${EMPTY} ERR ${BAD}/csv_invalid_utf8.err)
add_golden(golden.bad.csv_long_cell ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_long_cell.csv
           OUT ${EMPTY} ERR ${BAD}/csv_long_cell.err)
add_golden(golden.bad.csv_long_title ${BAD} 0 ARGS check ../run/alla_policyer.medel csv_long_title.csv
           OUT ${BAD}/csv_long_title.out ERR ${BAD}/csv_long_title.err)
add_golden(golden.bad.csv_missing_column ${BAD} 69 ARGS check ../run/alla_policyer.medel csv_missing_column.csv
           OUT ${EMPTY} ERR ${BAD}/csv_missing_column.err)
add_golden(golden.bad.csv_missing_key_column ${BAD} 69 ARGS check ../run/alla_policyer.medel csv_missing_key_column.csv
           OUT ${EMPTY} ERR ${BAD}/csv_missing_key_column.err)
add_golden(golden.bad.csv_nul_byte ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_nul_byte.csv
           OUT ${EMPTY} ERR ${BAD}/csv_nul_byte.err)
add_golden(golden.bad.csv_quote_in_unquoted ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_quote_in_unquoted.csv
           OUT ${EMPTY} ERR ${BAD}/csv_quote_in_unquoted.err)
add_golden(golden.bad.csv_reversed_range ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_reversed_range.csv
           OUT ${EMPTY} ERR ${BAD}/csv_reversed_range.err)
add_golden(golden.bad.csv_text_after_quote ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_text_after_quote.csv
           OUT ${EMPTY} ERR ${BAD}/csv_text_after_quote.err)
add_golden(golden.bad.csv_too_few_cells ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_too_few_cells.csv
           OUT ${EMPTY} ERR ${BAD}/csv_too_few_cells.err)
add_golden(golden.bad.csv_too_many_cells ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_too_many_cells.csv
           OUT ${EMPTY} ERR ${BAD}/csv_too_many_cells.err)
add_golden(golden.bad.csv_unknown_focus ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_unknown_focus.csv
           OUT ${EMPTY} ERR ${BAD}/csv_unknown_focus.err)
add_golden(golden.bad.csv_unknown_one_of ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_unknown_one_of.csv
           OUT ${EMPTY} ERR ${BAD}/csv_unknown_one_of.err)
add_golden(golden.bad.csv_unknown_set_value ${BAD} 67 ARGS check ../../../rules/ungdomsmottagningar-2021.medel csv_unknown_set_value.csv
           OUT ${EMPTY} ERR ${BAD}/csv_unknown_set_value.err)
add_golden(golden.bad.csv_unknown_table_key ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_unknown_table_key.csv
           OUT ${EMPTY} ERR ${BAD}/csv_unknown_table_key.err)
add_golden(golden.bad.csv_unterminated_quote ${BAD} 67 ARGS check ../run/alla_policyer.medel csv_unterminated_quote.csv
           OUT ${EMPTY} ERR ${BAD}/csv_unterminated_quote.err)
add_golden(golden.bad.json_amount_decimals ${BAD} 67 ARGS check ../run/alla_policyer.medel json_amount_decimals.json
           OUT ${EMPTY} ERR ${BAD}/json_amount_decimals.err)
add_golden(golden.bad.json_array_of_numbers ${BAD} 67 ARGS check ../run/alla_policyer.medel json_array_of_numbers.json
           OUT ${EMPTY} ERR ${BAD}/json_array_of_numbers.err)
add_golden(golden.bad.json_bool_for_amount ${BAD} 67 ARGS check ../run/alla_policyer.medel json_bool_for_amount.json
           OUT ${EMPTY} ERR ${BAD}/json_bool_for_amount.err)
add_golden(golden.bad.json_duplicate_keys ${BAD} 66 ARGS check ../run/alla_policyer.medel json_duplicate_keys.json
           OUT ${EMPTY} ERR ${BAD}/json_duplicate_keys.err)
# Like an empty CSV file: an error, not zero applications.
add_golden(golden.bad.json_empty_file ${BAD} 66 ARGS check ../run/alla_policyer.medel json_empty_file.json
           OUT ${EMPTY} ERR ${BAD}/json_empty_file.err)
# One object is not an array of applications (JSON Lines with two or more lines is read as such).
add_golden(golden.bad.json_not_array ${BAD} 66 ARGS check ../run/alla_policyer.medel json_not_array.json
           OUT ${EMPTY} ERR ${BAD}/json_not_array.err)
add_golden(golden.bad.json_object_for_text ${BAD} 67 ARGS check ../run/alla_policyer.medel json_object_for_text.json
           OUT ${EMPTY} ERR ${BAD}/json_object_for_text.err)
add_golden(golden.bad.json_syntax_error ${BAD} 66 ARGS check ../run/alla_policyer.medel json_syntax_error.json
           OUT ${EMPTY} ERR ${BAD}/json_syntax_error.err)
add_golden(golden.bad.json_trailing_comma ${BAD} 66 ARGS check ../run/alla_policyer.medel json_trailing_comma.json
           OUT ${EMPTY} ERR ${BAD}/json_trailing_comma.err)
add_golden(golden.bad.jsonl_array_line ${BAD} 67 ARGS check ../run/alla_policyer.medel jsonl_array_line.jsonl
           OUT ${EMPTY} ERR ${BAD}/jsonl_array_line.err)
add_golden(golden.bad.jsonl_bad_line ${BAD} 67 ARGS check ../run/alla_policyer.medel jsonl_bad_line.jsonl
           OUT ${EMPTY} ERR ${BAD}/jsonl_bad_line.err)
add_golden(golden.bad.scen_non_scenario ${BAD} 65 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --scenarios scen_non_scenario.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_non_scenario.err)
add_golden(golden.bad.scen_split_broken ${BAD} 65 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --scenarios scen_split_broken.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_split_broken.err)
add_golden(golden.bad.scen_syntax_error ${BAD} 65 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --scenarios scen_syntax_error.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_syntax_error.err)
# Errors in both files: the summary names each, with its count.
add_golden(golden.bad.scen_and_rules_broken ${BAD} 65 ARGS whatif ../errors/no_agreement.medel ../run/ansokningar.csv --scenarios scen_non_scenario.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_and_rules_broken.err)
add_golden(golden.bad.scen_unknown_criterion ${BAD} 65 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --scenarios scen_unknown_criterion.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_unknown_criterion.err)
add_golden(golden.bad.scen_unknown_pot ${BAD} 65 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --scenarios scen_unknown_pot.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_unknown_pot.err)
# A scenario file that cannot be read is a missing input, like a rule file.
add_golden(golden.bad.scen_file_missing ${BAD} 66 ARGS whatif ../run/alla_policyer.medel ../run/ansokningar.csv --scenarios finns-inte.medel --all
           OUT ${EMPTY} ERR ${BAD}/scen_file_missing.err)
add_golden(golden.bad.scen_file_is_folder ${BAD} 66 ARGS whatif ../run/alla_policyer.medel ../run/ansokningar.csv --scenarios ../run --all
           OUT ${EMPTY} ERR ${BAD}/scen_file_is_folder.err)

# Further gaps: empty and blank files, JSON that is no array of flat objects,
# numbers and nesting past what medel (or Jansson) reads, a last line cut short.
add_golden(golden.bad.csv_only_bom ${BAD} 66 ARGS check ../run/alla_policyer.medel csv_only_bom.csv
           OUT ${EMPTY} ERR ${BAD}/csv_only_bom.err)
add_golden(golden.bad.csv_blank_lines_only ${BAD} 66 ARGS check ../run/alla_policyer.medel csv_blank_lines_only.csv
           OUT ${EMPTY} ERR ${BAD}/csv_blank_lines_only.err)
add_golden(golden.bad.json_blank_file ${BAD} 66 ARGS check ../run/alla_policyer.medel json_blank_file.json
           OUT ${EMPTY} ERR ${BAD}/json_blank_file.err)
add_golden(golden.bad.jsonl_empty_file ${BAD} 66 ARGS check ../run/alla_policyer.medel jsonl_empty_file.jsonl
           OUT ${EMPTY} ERR ${BAD}/jsonl_empty_file.err)
add_golden(golden.bad.json_object_around_array ${BAD} 66 ARGS check ../run/alla_policyer.medel json_object_around_array.json
           OUT ${EMPTY} ERR ${BAD}/json_object_around_array.err)
add_golden(golden.bad.json_two_objects_pretty ${BAD} 66 ARGS check ../run/alla_policyer.medel json_two_objects_pretty.json
           OUT ${EMPTY} ERR ${BAD}/json_two_objects_pretty.err)
add_golden(golden.bad.json_nested_array_for_text ${BAD} 67 ARGS check ../run/alla_policyer.medel json_nested_array_for_text.json
           OUT ${EMPTY} ERR ${BAD}/json_nested_array_for_text.err)
add_golden(golden.bad.json_integer_too_large ${BAD} 66 ARGS check ../run/alla_policyer.medel json_integer_too_large.json
           OUT ${EMPTY} ERR ${BAD}/json_integer_too_large.err)
add_golden(golden.bad.json_nul_in_text ${BAD} 66 ARGS check ../run/alla_policyer.medel json_nul_in_text.json
           OUT ${EMPTY} ERR ${BAD}/json_nul_in_text.err)
add_golden(golden.bad.json_too_deep ${BAD} 66 ARGS check ../run/alla_policyer.medel json_too_deep.json
           OUT ${EMPTY} ERR ${BAD}/json_too_deep.err)
add_golden(golden.bad.jsonl_truncated_last_line ${BAD} 67 ARGS check ../run/alla_policyer.medel jsonl_truncated_last_line.jsonl
           OUT ${EMPTY} ERR ${BAD}/jsonl_truncated_last_line.err)

add_golden(golden.bad.cli_unknown_command ${BAD} 64 ARGS allokera ../run/alla_policyer.medel ../run/ansokningar.csv
           OUT ${EMPTY} ERR ${BAD}/cli_unknown_command.err)
add_golden(golden.bad.cli_unknown_option ${BAD} 64 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv --frob
           OUT ${EMPTY} ERR ${BAD}/cli_unknown_option.err)
add_golden(golden.bad.cli_missing_applications_arg ${BAD} 64 ARGS check ../run/alla_policyer.medel
           OUT ${EMPTY} ERR ${BAD}/cli_missing_applications_arg.err)
add_golden(golden.bad.cli_no_files ${BAD} 64 ARGS allocate
           OUT ${EMPTY} ERR ${BAD}/cli_no_files.err)
add_golden(golden.bad.cli_too_many_files ${BAD} 64 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv extra.csv
           OUT ${EMPTY} ERR ${BAD}/cli_too_many_files.err)
add_golden(golden.bad.cli_format_bogus ${BAD} 64 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv --format bogus
           OUT ${EMPTY} ERR ${BAD}/cli_format_bogus.err)
add_golden(golden.bad.cli_format_without_value ${BAD} 64 ARGS allocate ../run/alla_policyer.medel ../run/ansokningar.csv --format
           OUT ${EMPTY} ERR ${BAD}/cli_format_without_value.err)
add_golden(golden.bad.cli_input_format_bogus ${BAD} 64 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv --input-format xml
           OUT ${EMPTY} ERR ${BAD}/cli_input_format_bogus.err)
add_golden(golden.bad.cli_id_without_value ${BAD} 64 ARGS explain ../run/alla_policyer.medel ../run/ansokningar.csv --id
           OUT ${EMPTY} ERR ${BAD}/cli_id_without_value.err)
add_golden(golden.bad.cli_explain_without_id ${BAD} 64 ARGS explain ../run/alla_policyer.medel ../run/ansokningar.csv
           OUT ${EMPTY} ERR ${BAD}/cli_explain_without_id.err)
add_golden(golden.bad.cli_explain_unknown_id ${BAD} 68 ARGS explain ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --id UMO-2021-999
           OUT ${EMPTY} ERR ${BAD}/cli_explain_unknown_id.err)
add_golden(golden.bad.cli_sweep_no_range ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --sweep "ungdomsmottagningar=30 MSEK"
           OUT ${EMPTY} ERR ${BAD}/cli_sweep_no_range.err)
add_golden(golden.bad.cli_sweep_zero_step ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --sweep "ungdomsmottagningar=30 MSEK..50 MSEK steg 0 kr"
           OUT ${EMPTY} ERR ${BAD}/cli_sweep_zero_step.err)
add_golden(golden.bad.cli_sweep_unknown_pot ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --sweep "finns_inte=30 MSEK..50 MSEK steg 1 MSEK"
           OUT ${EMPTY} ERR ${BAD}/cli_sweep_unknown_pot.err)
add_golden(golden.bad.cli_sweep_empty_pot ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --sweep "=30 MSEK..34 MSEK steg 1 MSEK"
           OUT ${EMPTY} ERR ${BAD}/cli_sweep_empty_pot.err)
add_golden(golden.bad.cli_set_without_equals ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --set "kommunerna 20 MSEK"
           OUT ${EMPTY} ERR ${BAD}/cli_set_without_equals.err)
add_golden(golden.bad.cli_set_not_amount ${BAD} 64 ARGS whatif ../../../rules/ungdomsmottagningar-2021.medel ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --set kommunerna=tjugo
           OUT ${EMPTY} ERR ${BAD}/cli_set_not_amount.err)
add_golden(golden.bad.cli_output_is_rule_file ${BAD} 74 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv -o ../run/../run/alla_policyer.medel
           OUT ${EMPTY} ERR ${BAD}/cli_output_is_rule_file.err)
add_golden(golden.bad.cli_output_is_applications ${BAD} 74 ARGS allocate ../run/alla_policyer.medel ../run/ansokningar.csv -o ./../run/ansokningar.csv
           OUT ${EMPTY} ERR ${BAD}/cli_output_is_applications.err)
add_golden(golden.bad.cli_output_without_value ${BAD} 64 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv -o
           OUT ${EMPTY} ERR ${BAD}/cli_output_without_value.err)
add_golden(golden.bad.cli_output_missing_folder ${BAD} 74 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv -o finns-inte/ut.csv
           OUT ${EMPTY} ERR ${BAD}/cli_output_missing_folder.err)
add_golden(golden.bad.cli_output_missing_folder_slash ${BAD} 74 ARGS allocate ../run/alla_policyer.medel ../run/ansokningar.csv --format csv -o finns-inte/
           OUT ${EMPTY} ERR ${BAD}/cli_output_missing_folder_slash.err)
add_golden(golden.bad.cli_output_is_folder ${BAD} 74 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv -o .
           OUT ${EMPTY} ERR ${BAD}/cli_output_is_folder.err)
add_golden(golden.bad.cli_rule_file_is_folder ${BAD} 66 ARGS check ../run ../run/ansokningar.csv
           OUT ${EMPTY} ERR ${BAD}/cli_rule_file_is_folder.err)
add_golden(golden.bad.cli_applications_is_folder ${BAD} 66 ARGS check ../run/alla_policyer.medel ../run/data
           OUT ${EMPTY} ERR ${BAD}/cli_applications_is_folder.err)
# A device that takes nothing: the write fails at the end, and says why.
add_golden(golden.bad.cli_output_device_full ${BAD} 74 ARGS check ../run/alla_policyer.medel ../run/ansokningar.csv -o /dev/full
           OUT ${EMPTY} ERR ${BAD}/cli_output_device_full.err)
add_golden(golden.bad.cli_missing_rule_file ${BAD} 66 ARGS check finns-inte.medel ../run/ansokningar.csv
           OUT ${EMPTY} ERR ${BAD}/cli_missing_rule_file.err)
add_golden(golden.bad.cli_missing_applications ${BAD} 66 ARGS allocate ../run/alla_policyer.medel finns-inte.csv
           OUT ${EMPTY} ERR ${BAD}/cli_missing_applications.err)

# -o naming a data file the rule file reads is refused, like the rule and application files.
# Run on a copy in the build folder, so that the bug cannot destroy the sources.
set(BAD_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/golden-bad-scratch)
file(COPY ${GOLDEN}/run/alla_policyer.medel ${GOLDEN}/run/ansokningar.csv ${GOLDEN}/run/data DESTINATION ${BAD_SCRATCH})
add_golden(golden.bad.cli_output_is_data_file ${BAD_SCRATCH} 74 ARGS check alla_policyer.medel ansokningar.csv -o data/kommuner.csv
           OUT ${EMPTY} ERR ${BAD}/cli_output_is_data_file.err)
