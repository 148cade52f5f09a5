# Warnings as a diagnostic level (issue 17): what an extending file inherits
# unchanged (lang/inherit.c), counted in every command's summary, and
# --werror (--varningar-som-fel) to make them errors (exit 65, nothing
# written). Included from tests/golden.cmake, which defines add_golden, BAD
# and EMPTY. The files are in warn17/: a 2021 base whose texts name the year,
# a 2022 file that inherits them (warn17_ny), one that writes them again
# (warn17_ren), a 2023 file extending that (warn17_kedja), and one of the same
# year whose only warning is a krav changed under the base's skäl (warn17_krav).
set(W17 ${BAD}/warn17)
set(W17_APPS warn17_ansokningar.csv)
# Every kind of inherited text that names 2021, says "årets" or "i år" (the
# agreement's källa and stycke, a focus area, a criterion's label and skäl,
# pots' labels, stycke and beslut), and the krav; exit 0, counted.
add_golden(golden.warn17.validate ${W17} 0 ARGS validate warn17_ny-2022.medel
           OUT ${W17}/validate.out ERR ${W17}/validate.err)
add_golden(golden.warn17.validate_werror ${W17} 65 ARGS validate --werror warn17_ny-2022.medel
           OUT ${EMPTY} ERR ${W17}/validate_werror.err)
# The texts written again for 2022: nothing to say, even with --werror.
add_golden(golden.warn17.validate_clean ${W17} 0 ARGS validate --werror warn17_ren-2022.medel OUT ${W17}/validate_clean.out)
# A chain: 2022's texts are inherited in 2023, the note at 2023's utökar.
add_golden(golden.warn17.chain ${W17} 0 ARGS validate warn17_kedja-2023.medel OUT ${W17}/chain.out ERR ${W17}/chain.err)
# The krav alone; the file's scenario does not say it again.
add_golden(golden.warn17.krav ${W17} 0 ARGS validate warn17_krav-2022.medel OUT ${W17}/krav.out ERR ${W17}/krav.err)
add_golden(golden.warn17.validate_json ${W17} 0 ARGS validate --format json warn17_krav-2022.medel OUT ${W17}/validate_json.out)
add_golden(golden.warn17.validate_json_werror ${W17} 65 ARGS validate --format json --werror warn17_krav-2022.medel
           OUT ${W17}/validate_json_werror.out)
# The other commands show the warnings and their count before their report.
add_golden(golden.warn17.check ${W17} 0 ARGS check warn17_krav-2022.medel ${W17_APPS} OUT ${W17}/check.out ERR ${W17}/check.err)
add_golden(golden.warn17.allocate ${W17} 0 ARGS allocate warn17_krav-2022.medel ${W17_APPS}
           OUT ${W17}/allocate.out ERR ${W17}/allocate.err)
add_golden(golden.warn17.whatif ${W17} 0 ARGS whatif warn17_krav-2022.medel ${W17_APPS} --scenario större
           OUT ${W17}/whatif.out ERR ${W17}/whatif.err)
add_golden(golden.warn17.diff ${W17} 1 ARGS diff warn17_bas-2021.medel warn17_krav-2022.medel OUT ${W17}/diff.out ERR ${W17}/diff.err)
# --werror: the warnings, the line that they count as errors, the count; 65.
add_golden(golden.warn17.check_werror ${W17} 65 ARGS check --werror warn17_krav-2022.medel ${W17_APPS}
           OUT ${EMPTY} ERR ${W17}/werror.err)
add_golden(golden.warn17.allocate_werror ${W17} 65 ARGS allocate --varningar-som-fel warn17_krav-2022.medel ${W17_APPS}
           OUT ${EMPTY} ERR ${W17}/werror.err)
add_golden(golden.warn17.whatif_werror ${W17} 65 ARGS whatif --werror warn17_krav-2022.medel ${W17_APPS} --scenario större
           OUT ${EMPTY} ERR ${W17}/werror.err)
add_golden(golden.warn17.diff_werror ${W17} 65 ARGS diff --werror warn17_bas-2021.medel warn17_krav-2022.medel
           OUT ${EMPTY} ERR ${W17}/diff_werror.err)
add_golden(golden.warn17.test_werror ${W17} 1 ARGS test --werror warn17_krav-2022.medel
           OUT ${W17}/test_werror.out ERR ${W17}/test_werror.err)
# fmt only parses: it has no --werror, and says which commands have.
add_golden(golden.warn17.fmt_no_werror ${W17} 64 ARGS fmt --werror warn17_krav-2022.medel OUT ${EMPTY} ERR ${W17}/fmt_no_werror.err)
# With --werror no command writes anything (-o, letters, template); without
# it they all do.
add_test(NAME golden.warn17.nothing_written
         COMMAND sh ${W17}/nothing_written.sh $<TARGET_FILE:medel> ${W17} ${CMAKE_CURRENT_BINARY_DIR}/warn17-nothing-written)
set_tests_properties(golden.warn17.nothing_written PROPERTIES LABELS golden)
