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
