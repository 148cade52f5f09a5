# Files that are not what medel expects, said in one message each with what
# to do (issue 15): a binary file or a UTF-16 file given as a rule file, a
# line too long to show whole, an application header that was never split
# into columns, one read in the wrong encoding, and a file of another kind.
# Included from tests/golden.cmake, which defines add_golden, BAD and EMPTY.
set(I15 ${BAD}/i15)
set(I15_RULES ../../../../rules/ungdomsmottagningar-2021.medel)
add_golden(golden.bad.i15_binary_rule_file ${I15} 65 ARGS validate binar.medel ERR ${I15}/binar.err)
add_golden(golden.bad.i15_utf16_rule_file ${I15} 65 ARGS validate utf16.medel ERR ${I15}/utf16.err)
add_golden(golden.bad.i15_long_line ${I15} 65 ARGS validate lang_rad.medel ERR ${I15}/lang_rad.err)
foreach(c en_cell fel_kodning annan_fil)
    add_golden(golden.bad.i15_header_${c} ${I15} 69 ARGS check ${I15_RULES} ${c}.csv OUT ${EMPTY} ERR ${I15}/${c}.err)
endforeach()
add_golden(golden.bad.i15_missing_applications ${I15} 66 ARGS check ${I15_RULES} finns_inte.csv
           OUT ${EMPTY} ERR ${I15}/finns_inte.err)
# The start of an option is taken as a slip for the one option it begins.
add_golden(golden.bad.i15_option_prefix ${I15} 64 ARGS check --keep ${I15_RULES} en_cell.csv
           OUT ${EMPTY} ERR ${I15}/option_prefix.err)
