# medel fmt: comments inside expressions, and the built-in words in both
# languages. Included from tests/golden.cmake (add_golden, BAD, EMPTY).

# A comment between any two tokens stays a comment that ends its line, and
# the code after it stays code: the formatted file means what the original
# means (the same dump: a 70-year-old is still not 'vuxen', the pot is still
# 242 MSEK) and is formatted already.
set(FC fmt_comments_in_expressions)
add_golden(golden.bad.fmt_comments_swedish ${BAD} 0 ARGS fmt --stdout ${FC}.medel OUT ${BAD}/${FC}.sv.out ERR ${EMPTY})
add_golden(golden.bad.fmt_comments_english ${BAD} 0 ARGS fmt --stdout --english ${FC}.medel
           OUT ${BAD}/${FC}.en.out ERR ${EMPTY})
add_golden(golden.bad.fmt_comments_dump ${BAD} 0 ARGS validate --dump ${FC}.medel OUT ${BAD}/${FC}.dump.out ERR ${EMPTY})
add_golden(golden.bad.fmt_comments_dump_formatted ${BAD} 0 ARGS validate --dump ${FC}.sv.out
           OUT ${BAD}/${FC}.dump.out ERR ${EMPTY})
add_golden(golden.bad.fmt_comments_idempotent ${BAD} 0 ARGS fmt --check ${FC}.sv.out OUT ${EMPTY} ERR ${EMPTY})
add_golden(golden.bad.fmt_comments_idempotent_english ${BAD} 0 ARGS fmt --check --english ${FC}.en.out
           OUT ${EMPTY} ERR ${EMPTY})

# Every built-in word translates: policies, last-project rules, tie-breaks,
# methods, test outcomes, antal/count, procent/percent and the approximate
# words. A word already in the target language is kept as written, so the
# way back from English gives the first Swedish word of each meaning.
set(FW fmt_builtin_words)
add_golden(golden.bad.fmt_words_swedish ${BAD} 0 ARGS fmt --stdout --swedish ${FW}.medel OUT ${BAD}/${FW}.sv.out ERR ${EMPTY})
add_golden(golden.bad.fmt_words_english ${BAD} 0 ARGS fmt --stdout --english ${FW}.medel OUT ${BAD}/${FW}.en.out ERR ${EMPTY})
add_golden(golden.bad.fmt_words_english_swedish ${BAD} 0 ARGS fmt --stdout --swedish ${FW}.en.out
           OUT ${BAD}/${FW}.en.sv.out ERR ${EMPTY})

# medel test FOLDER skips hidden files (a leftover .fmt-XXXXXX.medel once made
# 'medel test rules/' report a failure).
add_test(NAME golden.bad.test_skips_dotfiles COMMAND ${PROJECT_SOURCE_DIR}/tests/fmt/test_skips_dotfiles.sh $<TARGET_FILE:medel>)
set_tests_properties(golden.bad.test_skips_dotfiles PROPERTIES LABELS golden)
