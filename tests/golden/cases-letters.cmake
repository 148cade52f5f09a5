# cases-letters.cmake: golden cases of medel beslut, the decision letters
# (tests/golden/letters/run.cmake compares the letters themselves).
set(LT ${GOLDEN}/letters)
set(LT_RULES rules/ungdomsmottagningar-2021.medel)
set(LT_APPS examples/ansokningar-ungdomsmottagningar-2021.csv)
function(add_letters name rc)
    cmake_parse_arguments(L "" "STDOUT;ERR;LISTING;PREPARE" "ARGS;FILES" ${ARGN})
    string(REPLACE ";" "@@" args "${L_ARGS}")
    string(REPLACE ";" "@@" files "${L_FILES}")
    set(out ${CMAKE_CURRENT_BINARY_DIR}/letters/${name})
    set(defs -DMEDEL=$<TARGET_FILE:medel> -DSRC=${PROJECT_SOURCE_DIR} -DCASE=${name} "-DARGS=${args}" -DRC=${rc}
             "-DFILES=${files}")
    foreach(k STDOUT ERR LISTING PREPARE)
        if(L_${k})
            list(APPEND defs -D${k}=${L_${k}})
        endif()
    endforeach()
    add_test(NAME golden.letters.${name} COMMAND ${CMAKE_COMMAND} ${defs} -DOUT=${out} -P ${LT}/run.cmake)
    add_test(NAME golden.letters.${name}.en COMMAND ${CMAKE_COMMAND} ${defs} -DOUT=${out}.en -DMSG_LANG=en -P ${LT}/run.cmake)
    set_tests_properties(golden.letters.${name} golden.letters.${name}.en PROPERTIES LABELS golden)
endfunction()

# The 2021 example: a letter per applicant (the field sökande), Stockholm's
# four applications in one letter, Lidingö's refusal and open manual case,
# the region's letter with a capped grant, and the index.
add_letters(2021 0 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev STDOUT stdout.out ERR stderr.err LISTING listing.txt
            FILES index.html stockholms-stad-socialforvaltningen.html lidingo-stad-socialforvaltningen.html
                  region-stockholm-halso-och-sjukvardsforvaltningen.html)
# One letter per application.
add_letters(per_application 0 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev --per ansökan
            STDOUT stdout.out ERR stderr.err LISTING listing.txt FILES umo-2021-021.html)
# A folder of earlier letters is replaced; one with anything else in it is not.
add_letters(replace 0 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev PREPARE twice
            STDOUT stdout.out ERR stderr.err LISTING listing.txt)
add_letters(foreign_file 74 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev PREPARE foreign ERR stderr.err LISTING listing.txt)
add_letters(letters_and_notes 74 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev PREPARE letters ERR stderr.err)
add_letters(input_folder 74 ARGS beslut ${LT_RULES} ${LT_APPS} --ut examples ERR stderr.err)
add_letters(no_parent 74 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/finns-inte/brev ERR stderr.err LISTING listing.txt)
# A template with every kind of error, located; nothing is written (65).
add_letters(template_errors 65 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev --brevmall tests/golden/letters/fel.html
            ERR stderr.err LISTING listing.txt)
add_letters(template_missing 66 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev --brevmall finns-inte.html
            ERR stderr.err LISTING listing.txt)
add_letters(per_unknown 64 ARGS beslut ${LT_RULES} ${LT_APPS} --ut @OUT@/brev --per sokande_typ ERR stderr.err LISTING listing.txt)
# Rejected rows: nothing written (67), or with --keep-going the letters and still 67.
add_letters(rejected 67 ARGS beslut ${LT_RULES} examples/felaktiga-ansokningar-2021.csv --ut @OUT@/brev
            ERR stderr.err LISTING listing.txt)
add_letters(keep_going 67 ARGS beslut ${LT_RULES} examples/felaktiga-ansokningar-2021.csv --ut @OUT@/brev --keep-going
            STDOUT stdout.out ERR stderr.err LISTING listing.txt)
# The command line.
add_golden(golden.letters.no_ut ${PROJECT_SOURCE_DIR} 64 ARGS beslut ${LT_RULES} ${LT_APPS} ERR ${LT}/no_ut.err)
add_golden(golden.letters.mall_brev ${PROJECT_SOURCE_DIR} 0 ARGS mall --brev OUT ${PROJECT_SOURCE_DIR}/docs/mallar/beslutsbrev.html)
add_golden(golden.letters.mall_brev_rules ${PROJECT_SOURCE_DIR} 64 ARGS mall --brev ${LT_RULES} ERR ${LT}/mall_brev_rules.err)

# The letters in a real browser and printed: headless Chromium renders a
# letter and the index offline, prints the letter to PDF, and pdfinfo and
# pdftoppm find A4 pages (artefacts in the build folder, browser/letters).
add_test(NAME browser.letters COMMAND ${PROJECT_SOURCE_DIR}/tests/browser/letters.sh $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR}
         ${CMAKE_BINARY_DIR}/browser/letters)
set_tests_properties(browser.letters PROPERTIES LABELS browser TIMEOUT 600)
