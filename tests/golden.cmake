# golden.cmake: CLI tests that compare medel's output with files under
# tests/golden. Every rule file in rules/ is also validated here.
set(GOLDEN ${CMAKE_CURRENT_SOURCE_DIR}/golden)

function(add_golden name workdir rc)
    cmake_parse_arguments(G "" "OUT;ERR" "ARGS" ${ARGN})
    # add_test splits on ";", so the arguments travel joined by "@@".
    string(REPLACE ";" "@@" args "${G_ARGS}")
    set(defs -DMEDEL=$<TARGET_FILE:medel> "-DARGS=${args}" -DWORKDIR=${workdir} -DRC=${rc})
    if(G_OUT)
        list(APPEND defs -DOUT=${G_OUT})
    endif()
    if(G_ERR)
        list(APPEND defs -DERR=${G_ERR})
    endif()
    # Every case runs in both languages of messages: NAME in Swedish, NAME.en
    # in English (run.cmake finds the .en. expected files).
    add_test(NAME ${name} COMMAND ${CMAKE_COMMAND} ${defs} -P ${GOLDEN}/run.cmake)
    add_test(NAME ${name}.en COMMAND ${CMAKE_COMMAND} ${defs} -DMSG_LANG=en -P ${GOLDEN}/run.cmake)
    set_tests_properties(${name} ${name}.en PROPERTIES LABELS golden)
endfunction()

# Broken rule files: every diagnostic, exactly, and exit code 65.
file(GLOB error_cases RELATIVE ${GOLDEN}/errors CONFIGURE_DEPENDS ${GOLDEN}/errors/*.medel)
foreach(f ${error_cases})
    string(REGEX REPLACE "\\.medel$" "" n ${f})
    add_golden(golden.errors.${n} ${GOLDEN}/errors 65 ARGS validate ${f} ERR ${GOLDEN}/errors/${n}.err)
endforeach()

# Valid rule files: the checked program, exactly.
file(GLOB valid_cases RELATIVE ${GOLDEN}/valid CONFIGURE_DEPENDS ${GOLDEN}/valid/*.medel)
foreach(f ${valid_cases})
    string(REGEX REPLACE "\\.medel$" "" n ${f})
    add_golden(golden.valid.${n} ${GOLDEN}/valid 0 ARGS validate --dump ${f} OUT ${GOLDEN}/valid/${n}.out)
endforeach()

# Every rule file in rules/ validates with no diagnostics, and its summary is
# what tests/golden/rules/<name>.out says.
file(GLOB rule_files RELATIVE ${PROJECT_SOURCE_DIR}/rules CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/rules/*.medel)
list(FILTER rule_files EXCLUDE REGEX "\\.test\\.medel$")   # test files are run by rules.tests
foreach(f ${rule_files})
    string(REGEX REPLACE "\\.medel$" "" n ${f})
    add_golden(golden.rules.${n} ${PROJECT_SOURCE_DIR} 0 ARGS validate rules/${f} OUT ${GOLDEN}/rules/${n}.out)
endforeach()

# The command line itself.
add_golden(golden.cli.no_args ${GOLDEN} 64 ERR ${GOLDEN}/cli/no_args.err)
add_golden(golden.cli.unknown_command ${GOLDEN} 64 ARGS frobnicate ERR ${GOLDEN}/cli/unknown_command.err)
add_golden(golden.cli.missing_file ${GOLDEN} 66 ARGS validate no/such/file.medel ERR ${GOLDEN}/cli/missing_file.err)
add_golden(golden.cli.unknown_option ${GOLDEN} 64 ARGS validate --frob x.medel ERR ${GOLDEN}/cli/unknown_option.err)

# check, explain and allocate on a rule file that uses every pot, split and
# policy kind, in every output and input format, and with malformed rows.
set(RUN ${GOLDEN}/run)
set(R alla_policyer.medel)
foreach(cmd check allocate)
    foreach(fmt table csv json)
        add_golden(golden.run.${cmd}.${fmt} ${RUN} 0 ARGS ${cmd} ${R} ansokningar.csv --format ${fmt}
                   OUT ${RUN}/${cmd}.${fmt}.out ERR ${RUN}/${cmd}.${fmt}.err)
    endforeach()
    add_golden(golden.run.${cmd}.json_input ${RUN} 0 ARGS ${cmd} ${R} ansokningar.json
               OUT ${RUN}/${cmd}.json_input.out ERR ${RUN}/${cmd}.json_input.err)
    add_golden(golden.run.${cmd}.jsonl_input ${RUN} 0 ARGS ${cmd} ${R} ansokningar.jsonl
               OUT ${RUN}/${cmd}.jsonl_input.out ERR ${RUN}/${cmd}.jsonl_input.err)
    # A malformed file: every bad row reported, nothing written, exit 67 ...
    add_golden(golden.run.${cmd}.malformed ${RUN} 67 ARGS ${cmd} ${R} felaktiga.csv
               OUT ${RUN}/empty.out ERR ${RUN}/${cmd}.malformed.err)
    # ... unless --keep-going: the rest is processed, still exit 67.
    add_golden(golden.run.${cmd}.keep_going ${RUN} 67 ARGS ${cmd} ${R} felaktiga.csv --keep-going
               OUT ${RUN}/${cmd}.keep_going.out ERR ${RUN}/${cmd}.keep_going.err)
endforeach()
add_golden(golden.run.explain ${RUN} 0 ARGS explain ${R} ansokningar.csv --id A-06
           OUT ${RUN}/explain.out ERR ${RUN}/explain.err)
add_golden(golden.run.explain_manual ${RUN} 0 ARGS explain ${R} ansokningar.csv --id A-11
           OUT ${RUN}/explain_manual.out ERR ${RUN}/explain_manual.err)
add_golden(golden.run.explain_unknown_id ${RUN} 68 ARGS explain ${R} ansokningar.csv --id X-99
           OUT ${RUN}/empty.out ERR ${RUN}/explain_unknown_id.err)
add_golden(golden.run.missing_applications ${RUN} 66 ARGS check ${R} finns-inte.csv
           OUT ${RUN}/empty.out ERR ${RUN}/missing_applications.err)
add_golden(golden.run.output_is_input ${RUN} 74 ARGS check ${R} ansokningar.csv -o ansokningar.csv
           OUT ${RUN}/empty.out ERR ${RUN}/output_is_input.err)

# Every example in examples/ is read by the rule file it belongs to; check and
# allocate must give exactly what tests/golden/examples holds.
set(EX ${GOLDEN}/examples)
function(add_example name rules apps)
    foreach(cmd check allocate)
        add_golden(golden.examples.${name}.${cmd} ${PROJECT_SOURCE_DIR} 0
                   ARGS ${cmd} rules/${rules} examples/${apps} ${ARGN}
                   OUT ${EX}/${name}.${cmd}.out ERR ${EX}/${name}.${cmd}.err)
    endforeach()
endfunction()
add_example(ungdomsmottagningar-2021 ungdomsmottagningar-2021.medel ansokningar-ungdomsmottagningar-2021.csv)
add_example(region-stockholm-2021-2022 region-stockholm-2021-2022.medel ansokningar-region-stockholm-2021-2022.csv)
add_example(region-stockholm-2021-2022-json region-stockholm-2021-2022.medel ansokningar-region-stockholm-2021-2022.json
            --format json)
add_example(ungdomsmottagningar-2022 ungdomsmottagningar-2022.medel ansokningar-ungdomsmottagningar-2022.csv)
add_example(gemensam-pott-2017 gemensam-pott-2017.medel ansokningar-gemensam-pott-2017.csv)
add_example(gemensam-pott-2018 gemensam-pott-2018.medel ansokningar-gemensam-pott-2018.csv)
# The five cases of the 2021 example that need a person, assessed in
# examples/bedomningar-ungdomsmottagningar-2021.csv: the allocation follows.
add_example(ungdomsmottagningar-2021-bedomningar ungdomsmottagningar-2021.medel ansokningar-ungdomsmottagningar-2021.csv
            --bedömningar examples/bedomningar-ungdomsmottagningar-2021.csv)
add_golden(golden.examples.explain-2021-bedomningar ${PROJECT_SOURCE_DIR} 0
           ARGS explain rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv --id UMO-2021-032
                --bedömningar examples/bedomningar-ungdomsmottagningar-2021.csv
           OUT ${EX}/explain-2021-bedomningar.out ERR ${EX}/explain-2021.err)
add_golden(golden.examples.felaktiga-2021 ${PROJECT_SOURCE_DIR} 67
           ARGS allocate rules/ungdomsmottagningar-2021.medel examples/felaktiga-ansokningar-2021.csv
           OUT ${GOLDEN}/run/empty.out ERR ${EX}/felaktiga-2021.err)
add_golden(golden.examples.explain-2021 ${PROJECT_SOURCE_DIR} 0
           ARGS explain rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv --id UMO-2021-032
           OUT ${EX}/explain-2021.out ERR ${EX}/explain-2021.err)

include(${GOLDEN}/cases-letters.cmake)

# Every file in rules/ and examples/ is exercised above; fail if one is not.
file(GLOB example_files RELATIVE ${PROJECT_SOURCE_DIR}/examples CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/examples/*.csv ${PROJECT_SOURCE_DIR}/examples/*.json ${PROJECT_SOURCE_DIR}/examples/*.jsonl
     ${PROJECT_SOURCE_DIR}/examples/*.xlsx)
file(READ ${CMAKE_CURRENT_LIST_FILE} golden_self)
foreach(f ${example_files})
    string(FIND "${golden_self}" "${f}" at)
    if(at EQUAL -1)
        message(FATAL_ERROR "examples/${f} is used by no golden test in tests/golden.cmake")
    endif()
endforeach()

# whatif: the baseline beside scenarios from a scenario file, from --set and
# --drop, and a sweep; broken scenarios give their diagnostics.
set(WI ${GOLDEN}/whatif)
set(WHATIF_BASE whatif rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv)
foreach(fmt table csv json)
    add_golden(golden.whatif.scenarios.${fmt} ${PROJECT_SOURCE_DIR} 0
               ARGS ${WHATIF_BASE} --scenarios examples/scenarier-ungdomsmottagningar-2021.medel --all --format ${fmt}
               # unga_13_19 replaces a table: the applications are read again, and counted
               OUT ${WI}/scenarios.${fmt}.out ERR ${WI}/scenarios_all.err)
endforeach()
add_golden(golden.whatif.named ${PROJECT_SOURCE_DIR} 0
           ARGS ${WHATIF_BASE} --scenarios examples/scenarier-ungdomsmottagningar-2021.medel --scenario höjd_pott
           OUT ${WI}/named.out ERR ${WI}/scenarios.err)
add_golden(golden.whatif.set ${PROJECT_SOURCE_DIR} 0
           ARGS ${WHATIF_BASE} --set "kommunerna=20 MSEK" --set "regionen=10 MSEK" --drop fokusområde
           OUT ${WI}/set.out ERR ${WI}/scenarios.err)
add_golden(golden.whatif.sweep ${PROJECT_SOURCE_DIR} 0
           ARGS ${WHATIF_BASE} --sweep "ungdomsmottagningar=30 MSEK..50 MSEK steg 1 MSEK"
           OUT ${WI}/sweep.out ERR ${WI}/scenarios.err)
add_golden(golden.whatif.sweep_json ${PROJECT_SOURCE_DIR} 0
           ARGS ${WHATIF_BASE} --sweep "ungdomsmottagningar=30 MSEK..40 MSEK steg 5 MSEK" --format json
           OUT ${WI}/sweep.json.out ERR ${WI}/scenarios.err)
add_golden(golden.whatif.broken_scenarios ${PROJECT_SOURCE_DIR} 65
           ARGS validate rules/ungdomsmottagningar-2021.medel --scenarios tests/golden/run/felaktiga-scenarier.medel
           OUT ${GOLDEN}/run/empty.out ERR ${WI}/broken_scenarios.err)
add_golden(golden.whatif.set_breaks_split ${PROJECT_SOURCE_DIR} 65
           ARGS ${WHATIF_BASE} --set "kommunerna=50 MSEK"
           OUT ${GOLDEN}/run/empty.out ERR ${WI}/set_breaks_split.err)
add_golden(golden.whatif.unknown_scenario ${PROJECT_SOURCE_DIR} 64
           ARGS ${WHATIF_BASE} --scenario finns_inte
           OUT ${GOLDEN}/run/empty.out ERR ${WI}/unknown_scenario.err)
add_golden(golden.whatif.bad_sweep ${PROJECT_SOURCE_DIR} 64
           ARGS ${WHATIF_BASE} --sweep "ungdomsmottagningar=50 MSEK..30 MSEK steg 1 MSEK"
           OUT ${GOLDEN}/run/empty.out ERR ${WI}/bad_sweep.err)
add_golden(golden.whatif.html ${PROJECT_SOURCE_DIR} 0
           ARGS ${WHATIF_BASE} --scenarios examples/scenarier-ungdomsmottagningar-2021.medel
                --scenario höjd_pott --scenario ny_fördelning --scenario utan_fokuskrav --format html
           OUT ${WI}/scenarios.html ERR ${WI}/scenarios.err)
add_golden(golden.whatif.sweep_html ${PROJECT_SOURCE_DIR} 0
           ARGS ${WHATIF_BASE} --sweep "ungdomsmottagningar=30 MSEK..50 MSEK steg 2 MSEK" --format html
           OUT ${WI}/sweep.html ERR ${WI}/scenarios.err)

# The HTML report in a real browser: headless Chromium renders it with no
# console errors and no network requests, the charts are there, and a
# screenshot is kept in the build folder (browser/) as an artefact.
foreach(report scenarios sweep scenarios.en sweep.en)
    add_test(NAME browser.whatif.${report}
             COMMAND ${PROJECT_SOURCE_DIR}/tests/browser/run.sh ${WI}/${report}.html
                     ${CMAKE_BINARY_DIR}/browser/${report})
    set_tests_properties(browser.whatif.${report} PROPERTIES LABELS browser )
endforeach()

# The decision basis (allocate --format html) of the 2021 example, in both
# languages; its footer's time is SOURCE_DATE_EPOCH's, in UTC.
set(BASIS ${GOLDEN}/basis)
add_golden(golden.basis.2021 ${PROJECT_SOURCE_DIR} 0
           ARGS allocate rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv --format html
           OUT ${BASIS}/ungdomsmottagningar-2021.html ERR ${BASIS}/ungdomsmottagningar-2021.err)
set_tests_properties(golden.basis.2021 golden.basis.2021.en PROPERTIES ENVIRONMENT "SOURCE_DATE_EPOCH=1700000000;TZ=UTC")
# ... with the five manual cases assessed: the assessments and who made them.
add_golden(golden.basis.2021-bedomningar ${PROJECT_SOURCE_DIR} 0
           ARGS allocate rules/ungdomsmottagningar-2021.medel examples/ansokningar-ungdomsmottagningar-2021.csv --format html
                --bedömningar examples/bedomningar-ungdomsmottagningar-2021.csv
           OUT ${BASIS}/ungdomsmottagningar-2021-bedomningar.html ERR ${BASIS}/ungdomsmottagningar-2021.err)
set_tests_properties(golden.basis.2021-bedomningar golden.basis.2021-bedomningar.en PROPERTIES
                     ENVIRONMENT "SOURCE_DATE_EPOCH=1700000000;TZ=UTC")
# ... printed to PDF by headless Chromium: A4, a page per pot, every key
# and granted amount in the text, no word past the right margin; and a
# made-up hostile case (a 300-letter title without spaces, 200
# applications). Screenshots stay in the build folder (browser/basis-*).
foreach(case 2021 2021.en hostile)
    add_test(NAME browser.basis.${case}
             COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/browser/basis.py $<TARGET_FILE:medel>
                     ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/browser/basis-${case} ${case})
    set_tests_properties(browser.basis.${case} PROPERTIES LABELS browser TIMEOUT 600)
endforeach()

# check on worker threads gives exactly what it gives on one.
add_test(NAME pipeline.same_as_one_thread
         COMMAND ${PROJECT_SOURCE_DIR}/tests/pipeline/run.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:medel>
                 ${CMAKE_BINARY_DIR}/pipeline)
set_tests_properties(pipeline.same_as_one_thread PROPERTIES LABELS golden)

# The README's Excel path: template → filled in by another program and saved
# by LibreOffice → check → allocate --format xlsx, with the CSV's decisions;
# also the bundled examples/ansokningar-ungdomsmottagningar-2021.xlsx.
add_test(NAME readme.excel_path COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/readme/excel_path.py
         $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_BINARY_DIR}/readme-excel-path)
set_tests_properties(readme.excel_path PROPERTIES LABELS golden TIMEOUT 600)

# The README's walkthrough for policy staff: every command in it runs.
add_test(NAME readme.walkthrough COMMAND ${PROJECT_SOURCE_DIR}/tests/readme/run.sh ${PROJECT_SOURCE_DIR} $<TARGET_FILE:medel>)
set_tests_properties(readme.walkthrough PROPERTIES LABELS golden)

# The 2021 municipalities' sub-pots sum to exactly 15 000 000 kr.
add_test(NAME golden.sum.kommunerna_2021
         COMMAND ${CMAKE_COMMAND} -DMEDEL=$<TARGET_FILE:medel> -DWORKDIR=${PROJECT_SOURCE_DIR}
                 -DRULES=rules/ungdomsmottagningar-2021.medel -DAPPS=examples/ansokningar-ungdomsmottagningar-2021.csv
                 -DPREFIX=kommunerna/ -DEXPECT=1500000000 -P ${GOLDEN}/sum.cmake)
set_tests_properties(golden.sum.kommunerna_2021 PROPERTIES LABELS golden)

# medel test: a test file with deliberate failures prints each with its
# location, expected and actual value, the coverage, and the counts.
add_golden(golden.testrun.failures ${PROJECT_SOURCE_DIR} 1 ARGS test --allow-outside-paths tests/golden/testrun/regler.medel
           OUT ${GOLDEN}/testrun/failures.out)
# The rules in rules/ carry their own tests, covering every criterion and pot.
add_test(NAME rules.tests COMMAND medel test --coverage --allow-outside-paths ${PROJECT_SOURCE_DIR}/rules)
set_tests_properties(rules.tests PROPERTIES LABELS golden)

# medel fmt keeps meaning and comments and is idempotent, on every rule file
# of the project; and every file in rules/ and examples/ is formatted.
file(GLOB fmt_files CONFIGURE_DEPENDS
     ${PROJECT_SOURCE_DIR}/rules/*.medel ${PROJECT_SOURCE_DIR}/examples/*.medel
     ${GOLDEN}/valid/*.medel ${GOLDEN}/valid/base/*.medel ${GOLDEN}/run/*.medel ${GOLDEN}/testrun/*.medel
     ${GOLDEN}/diff/*.medel ${PROJECT_SOURCE_DIR}/bench/rules/*.medel)
add_test(NAME fmt.keeps_meaning COMMAND ${PROJECT_SOURCE_DIR}/tests/fmt/check.sh $<TARGET_FILE:medel> ${fmt_files})
file(GLOB formatted_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/rules/*.medel ${PROJECT_SOURCE_DIR}/examples/*.medel)
add_test(NAME fmt.check COMMAND medel fmt --check ${formatted_files})
# In-process (tests/fmt/roundtrip.c): fmt knows both spellings of every keyword
# and built-in word; and comments at every token boundary of those files
# survive fmt, in Swedish, English and back, without changing their meaning.
add_executable(fmt_test fmt/roundtrip.c)
target_link_libraries(fmt_test PRIVATE runtime lang)
target_include_directories(fmt_test PRIVATE ${GEN})
target_compile_options(fmt_test PRIVATE ${MEDEL_WARNINGS})
add_test(NAME fmt.words COMMAND fmt_test words ${PROJECT_SOURCE_DIR}/lang/keywords.h ${PROJECT_SOURCE_DIR}/lang/checker.c
         ${PROJECT_SOURCE_DIR}/runtime/testrun.c)
file(GLOB fmt_cases CONFIGURE_DEPENDS ${GOLDEN}/bad/fmt_*.medel)
add_test(NAME fmt.comments_everywhere COMMAND fmt_test roundtrip ${fmt_files} ${fmt_cases})
# The broken rule files too, in Swedish (their messages quote keywords as
# written): the same messages before and after.
file(GLOB fmt_broken CONFIGURE_DEPENDS ${GOLDEN}/errors/*.medel ${GOLDEN}/errors/base/*.medel ${GOLDEN}/bad/scen_*.medel)
add_test(NAME fmt.comments_everywhere_broken COMMAND fmt_test roundtrip-swedish ${fmt_broken})
# The tests of rules/ pass the same in English, and translated back.
add_test(NAME fmt.translated_tests COMMAND ${PROJECT_SOURCE_DIR}/tests/fmt/translated_tests.sh $<TARGET_FILE:medel>
         ${PROJECT_SOURCE_DIR})
set_tests_properties(fmt.keeps_meaning fmt.check fmt.words fmt.comments_everywhere fmt.comments_everywhere_broken
                     fmt.translated_tests PROPERTIES LABELS golden)

# diff: two agreements compared in substance; exit 1 when they differ, as diff(1).
set(DF ${GOLDEN}/diff)
add_golden(golden.diff.gemensam-pott ${PROJECT_SOURCE_DIR} 1
           ARGS diff rules/gemensam-pott-2017.medel rules/gemensam-pott-2018.medel
           OUT ${DF}/gemensam-pott-2017-2018.out)
add_golden(golden.diff.ungdomsmottagningar ${PROJECT_SOURCE_DIR} 1
           ARGS diff rules/ungdomsmottagningar-2021.medel tests/golden/diff/ungdomsmottagningar-2022.medel
           OUT ${DF}/ungdomsmottagningar-2021-2022.out)
add_golden(golden.diff.ungdomsmottagningar_json ${PROJECT_SOURCE_DIR} 1
           ARGS diff rules/ungdomsmottagningar-2021.medel tests/golden/diff/ungdomsmottagningar-2022.medel --format json
           OUT ${DF}/ungdomsmottagningar-2021-2022.json.out)
add_golden(golden.diff.identical ${PROJECT_SOURCE_DIR} 0
           ARGS diff rules/gemensam-pott-2018.medel rules/gemensam-pott-2018.medel
           OUT ${DF}/identical.out)
add_golden(golden.diff.missing_file ${PROJECT_SOURCE_DIR} 66
           ARGS diff rules/gemensam-pott-2017.medel no/such/file.medel
           OUT ${GOLDEN}/run/empty.out ERR ${DF}/missing.err)

# The language reference's examples validate (or fail as they say they do),
# the man page renders without warnings, and the editor grammars highlight
# the bundled rule files as they should. Debian's Python first (it has
# openpyxl and jsonschema), as tests/CMakeLists.txt means to: the first
# find_package decides for every test.
if(EXISTS /usr/bin/python3 AND NOT DEFINED Python3_EXECUTABLE)
    set(Python3_EXECUTABLE /usr/bin/python3)
endif()
find_package(Python3 REQUIRED COMPONENTS Interpreter)
add_test(NAME docs.examples COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/docs/check_examples.py
                                    $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR}/docs/language.md)
add_test(NAME docs.man COMMAND sh -c "out=$(groff -man -Tutf8 -ww -z \"$1\" 2>&1) && [ -z \"$out\" ]"
                               sh ${PROJECT_SOURCE_DIR}/docs/medel.1)
add_test(NAME editors.vim COMMAND ${PROJECT_SOURCE_DIR}/tests/editors/vim.sh)
add_test(NAME editors.textmate COMMAND ${PROJECT_SOURCE_DIR}/tests/editors/textmate.sh)
set_tests_properties(docs.examples docs.man editors.vim editors.textmate PROPERTIES LABELS docs)
include(${PROJECT_SOURCE_DIR}/tests/docs/docs.cmake)

# Inputs the fuzzers once crashed medel with: each must now give its
# diagnostics and exit 65, not stop the process.
file(GLOB fuzz_rules CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/rules/*)
foreach(f ${fuzz_rules})
    get_filename_component(n ${f} NAME)
    add_test(NAME fuzz.rules.${n} COMMAND medel validate ${f})
    set_tests_properties(fuzz.rules.${n} PROPERTIES LABELS golden WILL_FAIL FALSE PASS_REGULAR_EXPRESSION "error:")
endforeach()

# Application files the CSV fuzzer found slow or crashing: each is read to
# the end with its messages (exit 67 for their rejected rows).
file(GLOB fuzz_csv CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/tests/fuzz/csv/*)
foreach(f ${fuzz_csv})
    get_filename_component(n ${f} NAME)
    add_test(NAME fuzz.csv.${n} COMMAND medel check ${GOLDEN}/run/alla_policyer.medel ${f} -o ${CMAKE_CURRENT_BINARY_DIR}/fuzz-csv-${n}.out)
    set_tests_properties(fuzz.csv.${n} PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION "ansökningar lästa")
endforeach()

# Bad inputs that are not rule files: application files, JSON, scenario
# files and command lines, each with its exit code and exact message. Each
# bad/cases*.cmake file holds the cases of one area.
set(BAD ${GOLDEN}/bad)
set(EMPTY ${GOLDEN}/run/empty.out)
file(GLOB bad_case_files CONFIGURE_DEPENDS ${GOLDEN}/bad/cases*.cmake)
foreach(f ${bad_case_files})
    include(${f})
endforeach()

# A file far larger than any rule file is refused at once (exit 66).
add_test(NAME golden.errors.file_too_large
         COMMAND sh -c "head -c 17000000 /dev/zero | tr '\\\\0' '#' > \"$1\" && \"$2\" validate \"$1\"; rc=$?; rm -f \"$1\"; [ $rc -eq 66 ]"
                 sh ${CMAKE_CURRENT_BINARY_DIR}/too-large.medel $<TARGET_FILE:medel>)
set_tests_properties(golden.errors.file_too_large PROPERTIES LABELS golden)

# What medel writes, to every kind of destination: nothing before success
# (files, links, FIFOs, pipes, terminals), through links, keeping modes,
# nothing left by a killed run, and no raw control or invisible character
# in what reaches a terminal.
add_test(NAME output.destinations
         COMMAND Python3::Interpreter ${PROJECT_SOURCE_DIR}/tests/output/run.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/output-tests)
set_tests_properties(output.destinations PROPERTIES LABELS golden PASS_REGULAR_EXPRESSION " 0 failed")
