# How explain says an amount came about (issue 16), with the numbers that
# made it: the money left in a ranked pot when an application's turn came,
# a pot that stops (sista stopp) or is empty, delvis rounded down to the
# pot's unit and below the minimum grant, pro-rata shares with their formula
# and rounding, a share below the minimum, the caps per application and per
# applicant; allocate's applications that are eligible for no pot, in the
# table and as the CSV table ej_stödberättigade; and the focus-area totals
# against what was granted. Every case runs in Swedish and English (.en.
# files). The rule file and applications are in bad/labels16/.
set(L16 ${BAD}/labels16)
foreach(id S-1 S-2 S-3 T-2 D-2 D-3 P-2 P-3 P-4 P-5 X-1)
    string(TOLOWER ${id} n)
    string(REPLACE "-" "" n ${n})
    add_golden(golden.bad.labels16_explain_${n} ${L16} 0 ARGS explain regler.medel ansokningar.csv --id ${id}
               OUT ${L16}/explain_${n}.out ERR ${L16}/ansokningar.err)
endforeach()
# The same numbers as data: "basis", its text in Swedish in both languages.
add_golden(golden.bad.labels16_explain_json ${L16} 0 ARGS explain regler.medel ansokningar.csv --id P-2 --format json
           OUT ${L16}/explain_p2.json ERR ${L16}/ansokningar.err)
add_golden(golden.bad.labels16_allocate ${L16} 0 ARGS allocate regler.medel ansokningar.csv
           OUT ${L16}/allocate.out ERR ${L16}/ansokningar.err)
add_golden(golden.bad.labels16_allocate_ej_csv ${L16} 0
           ARGS allocate regler.medel ansokningar.csv --format csv --table ej_stödberättigade
           OUT ${L16}/allocate_ej.csv ERR ${L16}/ansokningar.err)

# The bundled 2021 example: a cap per application, a municipality's share
# of its sub-pot, the regional pot that ran out, one that needs a person's
# judgement because its pot (sökt_pott) is missing, and the applications that
# are not eligible as a CSV table.
set(EX21 rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv)
foreach(id 101 003 004 030 111 029)
    add_golden(golden.bad.labels16_explain_2021_${id} ${PROJECT_SOURCE_DIR} 0 ARGS explain ${EX21} --id UMO-2021-${id}
               OUT ${L16}/explain_2021_${id}.out ERR ${L16}/ungdomsmottagningar-2021.err)
endforeach()
add_golden(golden.bad.labels16_allocate_2021_ej_csv ${PROJECT_SOURCE_DIR} 0
           ARGS allocate ${EX21} --format csv --table ej_stödberättigade
           OUT ${L16}/allocate_2021_ej.csv ERR ${L16}/ungdomsmottagningar-2021.err)
# The region's focus areas add up to 279,5 MSEK against 236,5 MSEK granted:
# the table says so below the areas.
add_golden(golden.bad.labels16_region_fokus_csv ${PROJECT_SOURCE_DIR} 0
           ARGS allocate rules/region-stockholm-2021-2022.medel examples/ansokningar-region-stockholm-2021-2022.csv
                --format csv --table fokusområden
           OUT ${L16}/region_fokus.csv ERR ${L16}/region-stockholm-2021-2022.err)

# alla_policyer: delvis, the money running out with a cap, under the minimum
# grant, and a pro-rata share that is not a whole öre.
foreach(id 02 05 08 09)
    add_golden(golden.bad.labels16_explain_alla_${id} ${GOLDEN}/run 0 ARGS explain alla_policyer.medel ansokningar.csv --id A-${id}
               OUT ${L16}/explain_alla_${id}.out ERR ${L16}/alla_policyer.err)
endforeach()

# Property: for every grant of every bundled example, what explain prints
# (the share formula of a pro-rata pot, what was left of a ranked one) is
# recomputed independently from allocate's JSON and agrees to the öre.
add_test(NAME reports.explain_numbers
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/reports/explain_numbers.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR})
set_tests_properties(reports.explain_numbers PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed")
