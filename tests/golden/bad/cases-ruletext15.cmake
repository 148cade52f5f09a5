# Criteria, amounts and conditions as rule-file text (issue 15): diff,
# validate --dump and explain show them as the rule file writes them
# (lang/format.c's format_expr), in the file's own language, with the
# parentheses precedence needs and no others. Included from
# tests/golden.cmake (add_golden, BAD, EMPTY); inputs in bad/ruletext15/.
set(RT ${BAD}/ruletext15)

# 2021 against a 2022 copy with a changed age range, pot amounts written in
# MSEK, a cap, a condition and a priority; one criterion rewritten with the
# same meaning ("(antal(fokus)) >= 1") is no difference. The issue's
# example: "krav målgrupp inom 12..22 → krav målgrupp inom 13..22".
add_golden(golden.bad.ruletext_diff_2021_2022 ${PROJECT_SOURCE_DIR} 1
           ARGS diff rules/ungdomsmottagningar-2021.medel tests/golden/bad/ruletext15/ungdomsmottagningar-2022.medel
           OUT ${RT}/diff_2021_2022.out ERR ${EMPTY})
# The same as JSON: the keys and kinds stay, old and new are rule text.
add_golden(golden.bad.ruletext_diff_2021_2022_json ${PROJECT_SOURCE_DIR} 1
           ARGS diff rules/ungdomsmottagningar-2021.medel tests/golden/bad/ruletext15/ungdomsmottagningar-2022.medel
                --format json
           OUT ${RT}/diff_2021_2022.json.out ERR ${EMPTY})
# Every kind of expression in --dump: precedence, a requirement over several
# lines with comments on one line, om … annars om …, sets, antal, snitt,
# arithmetic, procent av, unary minus, cirka; types in the schema's words.
add_golden(golden.bad.ruletext_dump_expressions ${RT} 0 ARGS validate --dump uttryck.medel
           OUT ${RT}/dump_expressions.out ERR ${EMPTY})
# A file written with English keywords is dumped with English keywords.
add_golden(golden.bad.ruletext_dump_english ${RT} 0 ARGS validate --dump english-2021.medel
           OUT ${RT}/dump_english.out ERR ${EMPTY})
# diff of two English rule files: the rule text in English, the words
# around it in the user's language.
add_golden(golden.bad.ruletext_diff_english ${RT} 1 ARGS diff english-2021.medel english-2022.medel
           OUT ${RT}/diff_english.out ERR ${EMPTY})
# The same rules written another way ("är" for "=", 2 000 000 kr for 2 MSEK,
# brackets that change nothing, vikt for poäng): no difference in substance.
add_golden(golden.bad.ruletext_diff_same_meaning ${RT} 0 ARGS diff uttryck.medel uttryck-omskriven.medel
           OUT ${RT}/diff_same_meaning.out ERR ${EMPTY})
# A file and its English translation (medel fmt --english) differ only in
# the agreement's name.
add_golden(golden.bad.ruletext_diff_translation ${RT} 1 ARGS diff uttryck.medel english-2021.medel
           OUT ${RT}/diff_translation.out ERR ${EMPTY})
# explain writes a requirement over two lines as one line of rule text.
add_golden(golden.bad.ruletext_explain_requirement ${PROJECT_SOURCE_DIR} 0
           ARGS explain tests/golden/bad/ruletext15/ungdomsmottagningar-2022.medel
                examples/ansokningar-ungdomsmottagningar-2021.csv --id UMO-2021-001
           OUT ${RT}/explain_requirement.out ERR ${RT}/explain_requirement.err)
# The 2021 rule file and its English translation (medel fmt --english): the
# same agreement, so no difference in substance.
add_golden(golden.bad.ruletext_diff_2021_english ${PROJECT_SOURCE_DIR} 0
           ARGS diff rules/ungdomsmottagningar-2021.medel tests/golden/bad/ruletext15/ungdomsmottagningar-2021-english.medel
           OUT ${RT}/diff_2021_english.out ERR ${EMPTY})
# explain of the English file writes its requirements and conditions in
# English keywords.
add_golden(golden.bad.ruletext_explain_english ${PROJECT_SOURCE_DIR} 0
           ARGS explain tests/golden/bad/ruletext15/ungdomsmottagningar-2021-english.medel
                examples/ansokningar-ungdomsmottagningar-2021.csv --id UMO-2021-001
           OUT ${RT}/explain_english.out ERR ${RT}/explain_requirement.err)
