# medel mall (the application template) and the tables of medel whatif's CSV:
# the CSV template and instructions of the 2021 rule file exactly, and the
# command lines that are refused. Included from tests/golden.cmake. The
# workbooks are read back in tests/template/check.py and tests/whatifx/.

set(MALL_2021 ../../../rules/ungdomsmottagningar-2021.medel)
add_golden(golden.bad.mall_2021_csv ${BAD} 0 ARGS mall ${MALL_2021} --format csv
           OUT ${BAD}/mall_2021.csv.out ERR ${EMPTY})
add_golden(golden.bad.mall_2021_guide ${BAD} 0 ARGS mall ${MALL_2021} --table anvisningar
           OUT ${BAD}/mall_2021_guide.csv.out ERR ${EMPTY})
add_golden(golden.bad.mall_no_rules ${BAD} 64 ARGS mall OUT ${EMPTY} ERR ${BAD}/mall_no_rules.err)
add_golden(golden.bad.mall_two_rules ${BAD} 64 ARGS mall ${MALL_2021} ${MALL_2021}
           OUT ${EMPTY} ERR ${BAD}/mall_two_rules.err)
add_golden(golden.bad.mall_unknown_table ${BAD} 64 ARGS mall ${MALL_2021} --table ansökan
           OUT ${EMPTY} ERR ${BAD}/mall_unknown_table.err)
add_golden(golden.bad.mall_unknown_format ${BAD} 64 ARGS mall ${MALL_2021} --format json
           OUT ${EMPTY} ERR ${BAD}/mall_unknown_format.err)
# The instructions are a CSV table: not in a workbook, nor in a file named .xlsx.
add_golden(golden.bad.mall_guide_as_xlsx ${BAD} 64 ARGS mall ${MALL_2021} --format xlsx --table anvisningar
           OUT ${EMPTY} ERR ${BAD}/mall_guide_as_xlsx.err)
add_golden(golden.bad.mall_guide_into_xlsx_name ${BAD} 64 ARGS mall ${MALL_2021} --table anvisningar -o mall.xlsx
           OUT ${EMPTY} ERR ${BAD}/mall_guide_into_xlsx_name.err)
add_golden(golden.bad.mall_missing_rules ${BAD} 66 ARGS mall finns-inte.medel OUT ${EMPTY} ERR ${BAD}/mall_missing_rules.err)
# -o never replaces the rule file or its data: in a copy in the build folder,
# so that a regression cannot destroy anything in the sources.
set(MALL_SCRATCH ${CMAKE_CURRENT_BINARY_DIR}/golden-mall-scratch)
file(COPY ${PROJECT_SOURCE_DIR}/rules/ungdomsmottagningar-2021.medel ${PROJECT_SOURCE_DIR}/rules/data
     DESTINATION ${MALL_SCRATCH})
add_golden(golden.bad.mall_output_is_rules ${MALL_SCRATCH} 74
           ARGS mall ungdomsmottagningar-2021.medel -o ungdomsmottagningar-2021.medel
           OUT ${EMPTY} ERR ${BAD}/mall_output_is_rules.err)
add_golden(golden.bad.mall_output_is_data ${MALL_SCRATCH} 74
           ARGS mall ungdomsmottagningar-2021.medel --format csv -o ./data/befolkning_2019-12-31.csv
           OUT ${EMPTY} ERR ${BAD}/mall_output_is_data.err)

# whatif: the eligibility changes as CSV, a sweep in the wide shape (a column
# per step), and --table only with --format csv.
set(WHATIFX whatif ${MALL_2021} ../../../examples/ansokningar-ungdomsmottagningar-2021.csv --allow-outside-paths)
add_golden(golden.bad.whatifx_changes_csv ${BAD} 0
           ARGS ${WHATIFX} --scenarios ../../../examples/scenarier-ungdomsmottagningar-2021.medel --all --format csv
                --table ändringar
           OUT ${BAD}/whatifx_changes.csv.out ERR ${BAD}/whatifx_scenarios_all.err)
add_golden(golden.bad.whatifx_sweep_csv ${BAD} 0
           ARGS ${WHATIFX} --sweep "ungdomsmottagningar=30 MSEK..40 MSEK steg 5 MSEK" --format csv
           OUT ${BAD}/whatifx_sweep.csv.out ERR ${BAD}/whatifx_sweep.err)
add_golden(golden.bad.whatifx_table_json ${BAD} 64 ARGS ${WHATIFX} --all --format json --table ändringar
           OUT ${EMPTY} ERR ${BAD}/whatifx_table_json.err)
add_golden(golden.bad.whatifx_table_no_format ${BAD} 64 ARGS ${WHATIFX} --all --table belopp
           OUT ${EMPTY} ERR ${BAD}/whatifx_table_no_format.err)
add_golden(golden.bad.whatifx_unknown_table ${BAD} 64 ARGS ${WHATIFX} --all --format csv --table summor
           OUT ${EMPTY} ERR ${BAD}/whatifx_unknown_table.err)
