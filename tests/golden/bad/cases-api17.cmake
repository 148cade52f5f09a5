# medel diff of what happens to leftover money (issue 17): a changed 'kvar'
# disposition, and a second round ('andra omgång') added, removed or changed
# (its label, deadline, cap, own 'kvar' and criteria). The same file in
# English rule words is no difference. Included from tests/golden.cmake,
# which defines add_golden, GOLDEN and EMPTY.
set(API17 ${GOLDEN}/bad/api17)
add_golden(golden.bad.api17_diff_round_changed ${API17} 1
           ARGS diff api17_omgang_fore.medel api17_omgang_efter.medel OUT ${API17}/api17_diff_round_changed.out)
add_golden(golden.bad.api17_diff_round_changed_json ${API17} 1
           ARGS diff api17_omgang_fore.medel api17_omgang_efter.medel --format json
           OUT ${API17}/api17_diff_round_changed_json.out)
add_golden(golden.bad.api17_diff_round_removed ${API17} 1
           ARGS diff api17_omgang_fore.medel api17_utan_omgang.medel OUT ${API17}/api17_diff_round_removed.out)
add_golden(golden.bad.api17_diff_round_added ${API17} 1
           ARGS diff api17_utan_omgang.medel api17_omgang_efter.medel OUT ${API17}/api17_diff_round_added.out)
add_golden(golden.bad.api17_diff_english ${API17} 0
           ARGS diff api17_omgang_efter.medel api17_omgang_efter_en.medel OUT ${API17}/api17_diff_english.out)
add_golden(golden.bad.api17_diff_english_words ${API17} 1
           ARGS diff api17_omgang_fore.medel api17_omgang_efter_en.medel OUT ${API17}/api17_diff_english_words.out)

# The decision basis (allocate --format html) of the old version: each pot's
# paragraph says what moved in (and from where), moved on (and where, or to
# the second round) and was returned; the check table has those columns and
# says "stämmer" for every pot.
add_golden(golden.bad.api17_basis_html ${API17} 0
           ARGS allocate api17_omgang_fore.medel api17_ansokningar.csv --format html
           OUT ${API17}/api17_basis.html ERR ${API17}/api17_ansokningar.err)
set_tests_properties(golden.bad.api17_basis_html golden.bad.api17_basis_html.en PROPERTIES
                     ENVIRONMENT "SOURCE_DATE_EPOCH=1700000000;TZ=UTC")
# The allocation as JSON: the figures the API test (tests/unit/test_api.c,
# leftover_round_and_split_parts) asserts, as the command line gives them.
add_golden(golden.bad.api17_allocate_json ${API17} 0
           ARGS allocate api17_omgang_fore.medel api17_ansokningar.csv --format json
           OUT ${API17}/api17_allocate_json.out ERR ${API17}/api17_ansokningar.err)
