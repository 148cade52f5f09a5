# bundle.cmake: run by web_bundle (web.cmake) as
#   cmake -DNODE=… -DNPM=… -DWEB=web -DOUT=dist -DKEYWORDS=lang/keywords.h -P bundle.cmake
# Installs web/node_modules offline from the lock file when it is missing,
# then bundles the page.
if(NOT NODE)
    message(FATAL_ERROR "web: Node.js not found; run scripts/setup (it installs nodejs and npm)")
endif()
if(NOT EXISTS ${WEB}/node_modules/esbuild/package.json OR NOT EXISTS ${WEB}/node_modules/@codemirror/view/package.json)
    if(NOT NPM)
        message(FATAL_ERROR "web: ${WEB}/node_modules is missing and npm was not found; run scripts/setup")
    endif()
    message(STATUS "web: ${WEB}/node_modules is missing: npm ci --offline")
    execute_process(COMMAND ${NPM} ci --offline --no-audit --no-fund --prefix ${WEB}
                    RESULT_VARIABLE rc)
    if(NOT rc EQUAL 0)
        message(FATAL_ERROR "web: npm ci --offline failed (the packages of web/package-lock.json are not in npm's cache): "
                            "run scripts/setup, which runs 'npm ci --prefix web' with the network")
    endif()
endif()
execute_process(COMMAND ${NODE} ${WEB}/build.mjs ${OUT} ${KEYWORDS} RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
    message(FATAL_ERROR "web: bundling the page failed (node ${WEB}/build.mjs)")
endif()
