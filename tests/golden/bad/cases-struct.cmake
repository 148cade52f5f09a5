# Several files given to one command: the exit status is the most serious
# outcome of them (66 a file cannot be read, over 65 errors in a file, over
# 1 a file not formatted or a test failed), whatever the order of the files,
# the same in validate, fmt --check and test (runtime/status.h status_worst,
# docs/medel.1 EXIT STATUS). struct_missing.medel does not exist.
# Included from tests/golden.cmake (add_golden, BAD, EMPTY).

add_golden(golden.bad.struct_validate_broken_missing ${BAD} 66 ARGS validate struct_broken.medel struct_missing.medel
           OUT ${EMPTY} ERR ${BAD}/struct_validate_broken_missing.err)
add_golden(golden.bad.struct_validate_missing_broken ${BAD} 66 ARGS validate struct_missing.medel struct_broken.medel
           OUT ${EMPTY} ERR ${BAD}/struct_validate_missing_broken.err)
add_golden(golden.bad.struct_fmt_broken_missing ${BAD} 66 ARGS fmt --check struct_broken.medel struct_missing.medel
           OUT ${EMPTY} ERR ${BAD}/struct_fmt_broken_missing.err)
add_golden(golden.bad.struct_fmt_missing_broken ${BAD} 66 ARGS fmt --check struct_missing.medel struct_broken.medel
           OUT ${EMPTY} ERR ${BAD}/struct_fmt_missing_broken.err)
add_golden(golden.bad.struct_fmt_unformatted_broken ${BAD} 65 ARGS fmt --check struct_unformatted.medel struct_broken.medel
           OUT ${BAD}/struct_fmt_unformatted_broken.out ERR ${BAD}/struct_fmt_unformatted_broken.err)
add_golden(golden.bad.struct_fmt_broken_unformatted ${BAD} 65 ARGS fmt --check struct_broken.medel struct_unformatted.medel
           OUT ${BAD}/struct_fmt_broken_unformatted.out ERR ${BAD}/struct_fmt_broken_unformatted.err)
add_golden(golden.bad.struct_test_broken_missing ${BAD} 66 ARGS test struct_broken.medel struct_missing.medel
           OUT ${BAD}/struct_test_broken_missing.out ERR ${BAD}/struct_test_broken_missing.err)
add_golden(golden.bad.struct_test_missing_broken ${BAD} 66 ARGS test struct_missing.medel struct_broken.medel
           OUT ${BAD}/struct_test_missing_broken.out ERR ${BAD}/struct_test_missing_broken.err)
