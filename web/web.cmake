# web.cmake: the workbench page of `medel serve`, included by the top
# CMakeLists.txt. The target web_bundle builds exactly
# ${CMAKE_BINARY_DIR}/web/dist/{index.html,app.js,app.css} with esbuild from
# web/node_modules, which `npm ci` installs from web/package-lock.json
# (scripts/setup does it; bundle.cmake does it offline from npm's cache when
# it is missing). The server embeds the three files. The medel language's
# keywords are read from lang/keywords.h while bundling (web/build.mjs).
set(MEDEL_WEB_DIR ${CMAKE_CURRENT_LIST_DIR})
set(MEDEL_WEB_DIST ${CMAKE_BINARY_DIR}/web/dist)
set(MEDEL_WEB_OUTPUTS ${MEDEL_WEB_DIST}/index.html ${MEDEL_WEB_DIST}/app.js ${MEDEL_WEB_DIST}/app.css)
find_program(MEDEL_NODE NAMES node nodejs)
find_program(MEDEL_NPM npm)
file(GLOB MEDEL_WEB_SOURCES CONFIGURE_DEPENDS ${MEDEL_WEB_DIR}/src/*)
add_custom_command(OUTPUT ${MEDEL_WEB_OUTPUTS}
    COMMAND ${CMAKE_COMMAND} -DNODE=${MEDEL_NODE} -DNPM=${MEDEL_NPM} -DWEB=${MEDEL_WEB_DIR}
            -DOUT=${MEDEL_WEB_DIST} -DKEYWORDS=${PROJECT_SOURCE_DIR}/lang/keywords.h
            -P ${MEDEL_WEB_DIR}/bundle.cmake
    DEPENDS ${MEDEL_WEB_SOURCES} ${MEDEL_WEB_DIR}/build.mjs ${MEDEL_WEB_DIR}/bundle.cmake
            ${MEDEL_WEB_DIR}/package-lock.json ${PROJECT_SOURCE_DIR}/lang/keywords.h
    COMMENT "Bundling the workbench page (web/) with esbuild"
    VERBATIM)
add_custom_target(web_bundle ALL DEPENDS ${MEDEL_WEB_OUTPUTS})

# ---- the workbench in a real browser (tests/browser/workbench.mjs) ----
# Each scenario copies rules/ and examples/ into its own folder, starts its
# own `medel serve --port 0` and drives Debian's Chromium with
# playwright-core; screenshots stay in ${CMAKE_BINARY_DIR}/tests/browser.
if(NOT DEFINED BUILD_TESTING OR BUILD_TESTING)
    foreach(scenario page editor save applications assessment allocation whatif download)
        add_test(NAME browser.workbench.${scenario}
                 COMMAND ${MEDEL_NODE} ${PROJECT_SOURCE_DIR}/tests/browser/workbench.mjs
                         $<TARGET_FILE:medel> ${PROJECT_SOURCE_DIR} ${CMAKE_BINARY_DIR}/tests/browser ${scenario})
        set_tests_properties(browser.workbench.${scenario} PROPERTIES LABELS browser TIMEOUT 300)
        if(Python3_EXECUTABLE)
            # openpyxl reads the downloaded workbook (Debian's python3-openpyxl).
            set_tests_properties(browser.workbench.${scenario} PROPERTIES ENVIRONMENT "PYTHON=${Python3_EXECUTABLE}")
        endif()
    endforeach()
endif()
