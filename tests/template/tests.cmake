# medel mall's templates and medel whatif's workbook and wide CSV, read back by
# independent readers (openpyxl, Python's csv, LibreOffice headless). Each
# test writes into a folder of its own in the build tree.
set(TEMPLATE_RULES ${PROJECT_SOURCE_DIR}/rules/ungdomsmottagningar-2021.medel
    ${PROJECT_SOURCE_DIR}/rules/region-stockholm-2021-2022.medel ${PROJECT_SOURCE_DIR}/rules/gemensam-pott-2017.medel
    ${PROJECT_SOURCE_DIR}/rules/gemensam-pott-2018.medel ${PROJECT_SOURCE_DIR}/rules/ungdomsmottagningar-2022.medel
    # a field of every type, and a table whose keys hold a comma
    ${CMAKE_CURRENT_SOURCE_DIR}/template/alla_typer.medel)
# Every rule file in rules/ is among them.
file(GLOB template_rule_files CONFIGURE_DEPENDS ${PROJECT_SOURCE_DIR}/rules/*.medel)
list(FILTER template_rule_files EXCLUDE REGEX "\\.test\\.medel$")
foreach(f ${template_rule_files})
    if(NOT f IN_LIST TEMPLATE_RULES)
        message(FATAL_ERROR "${f} is not in TEMPLATE_RULES (tests/template/tests.cmake)")
    endif()
endforeach()
foreach(mode csv xlsx soffice)
    add_test(NAME template.${mode}
             COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/template/check.py ${mode} $<TARGET_FILE:medel>
                     ${CMAKE_BINARY_DIR}/template-${mode} ${TEMPLATE_RULES})
    set_tests_properties(template.${mode} PROPERTIES LABELS golden)
endforeach()
# The xlsx template filled in by openpyxl and read back by medel check:
# every row valid, for every rule file above.
add_test(NAME template.xlsx_roundtrip
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/template/check.py roundtrip $<TARGET_FILE:medel>
                 ${CMAKE_BINARY_DIR}/template-roundtrip ${TEMPLATE_RULES})
set_tests_properties(template.xlsx_roundtrip PROPERTIES LABELS golden)

add_test(NAME whatif.workbook_and_csv_vs_json
         COMMAND Python3::Interpreter ${CMAKE_CURRENT_SOURCE_DIR}/whatifx/check.py $<TARGET_FILE:medel>
                 ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/whatif-workbook)
set_tests_properties(whatif.workbook_and_csv_vs_json PROPERTIES LABELS golden)
