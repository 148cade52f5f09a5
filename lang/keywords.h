/*
** keywords.h: medel's keywords, written once. The scanner's keyword lookup
** (lang/lexer.l), the formatter's spellings (lang/format.c), and the tests of
** the editor grammars (tests/editors/vim.sh and textmate.sh, which read this file) all come
** from these lists, so a keyword added here and missing from a grammar fails
** a test, and one added here or in parser.y but not both fails to compile.
**
** MEDEL_KEYWORDS(X) has X(TOKEN, "svenska", "english") for every keyword
** token of parser.y (TOK_TOKEN), in the order of its %token list (lexer.l
** asserts the order statically), with the spelling fmt writes in each
** language. The Swedish spelling is the one parser.y's messages quote.
**
** MEDEL_KEYWORD_SPELLINGS(X) has X(TOKEN, "spelling") for every other
** spelling the scanner accepts, Swedish first for each token. A spelling of
** two words has one space where any blanks may stand; its first word must
** also be in lexer.l's MWFIRST pattern (tests/unit/test_lexer.c lexes every
** spelling here). The first spelling of two words of a token is the value the
** scanner gives the token ("ta bort" for "ta  bort").
**
** MEDEL_APPROX_WORDS(X) has X("word") for the words of TOK_APPROX ("cirka
** 35 MSEK"): kept as written, so fmt has no translation for them.
**
** ja/nej and yes/no (YESNO_T) are scanned by a rule of their own: '/' is no
** letter of a name.
*/
#ifndef LANG_KEYWORDS_H
#define LANG_KEYWORDS_H

#define MEDEL_KEYWORDS(X)                                   \
    X(AGREEMENT, "överenskommelse", "agreement")            \
    X(YEAR, "år", "year")                                   \
    X(PERIOD, "period", "period")                           \
    X(SOURCE, "källa", "source")                            \
    X(URL, "url", "url")                                    \
    X(PARAGRAPH, "stycke", "paragraph")                     \
    X(DECISION, "beslut", "decision")                       \
    X(FOCUS_AREAS, "fokusområden", "focus_areas")           \
    X(FOCUS_AREA, "fokusområde", "focus_area")              \
    X(APPLICATION, "ansökan", "application")                \
    X(TEXT_T, "text", "text")                               \
    X(AMOUNT, "belopp", "amount")                           \
    X(INTEGER_T, "heltal", "integer")                       \
    X(YESNO_T, "ja/nej", "yes/no")                          \
    X(RANGE_T, "intervall", "range")                        \
    X(ONE, "en", "one")                                     \
    X(SET, "mängd", "set")                                  \
    X(KEY, "nyckel", "key")                                 \
    X(REQUIRED, "obligatorisk", "required")                 \
    X(REQUESTED, "sökt", "requested")                       \
    X(TABLE, "tabell", "table")                             \
    X(FROM, "från", "from")                                 \
    X(POT, "pott", "pot")                                   \
    X(MANAGER, "förvaltare", "manager")                     \
    X(LABEL, "benämning", "label")                          \
    X(REST, "resten", "rest")                               \
    X(SPLIT, "fördela", "split")                            \
    X(PER, "per", "per")                                    \
    X(BY, "efter", "by")                                    \
    X(ROUNDING, "avrundning", "rounding")                   \
    X(METHOD, "metod", "method")                            \
    X(FIRST_DIVISOR, "första_divisor", "first_divisor")     \
    X(BASE_AMOUNT, "grundbelopp", "base_amount")            \
    X(THRESHOLD, "spärr", "threshold")                      \
    X(UNIT, "enhet", "unit")                                \
    X(CRITERION, "villkor", "criterion")                    \
    X(REQUIRE, "krav", "require")                           \
    X(REASON, "skäl", "reason")                             \
    X(PRIORITY, "prioritet", "priority")                    \
    X(SCORE, "poäng", "score")                              \
    X(PORTFOLIO, "portfölj", "portfolio")                   \
    X(AT_LEAST, "minst", "at_least")                        \
    X(AT_MOST, "högst", "at_most")                          \
    X(WHERE, "där", "where")                                \
    X(BINDING, "bindande", "binding")                       \
    X(ALLOCATION, "tilldelning", "allocation")              \
    X(LAST, "sista", "last")                                \
    X(CAP, "tak", "cap")                                    \
    X(MIN_GRANT, "lägsta_bidrag", "min_grant")              \
    X(TIE_BREAK, "vid_lika", "tie_break")                   \
    X(LEFTOVER, "kvar", "leftover")                         \
    X(MOVES_TO, "flyttas till", "moves to")                 \
    X(SECOND_ROUND, "andra omgång", "second round")         \
    X(DEADLINE, "sista_ansökningsdag", "deadline")          \
    X(EXTENDS, "utökar", "extends")                         \
    X(CHANGE, "ändra", "change")                            \
    X(REMOVE, "ta_bort", "remove")                          \
    X(FIELD, "fält", "field")                               \
    X(SCENARIO, "scenario", "scenario")                     \
    X(TEST, "test", "test")                                 \
    X(EXPECT, "förvänta", "expect")                         \
    X(GRANTED, "beviljat", "granted")                       \
    X(RANKING, "rangordning", "rank_order")                 \
    X(IF, "om", "if")                                       \
    X(THEN, "så", "then")                                   \
    X(ELSE, "annars", "else")                               \
    X(AND, "och", "and")                                    \
    X(OR, "eller", "or")                                    \
    X(NOT, "inte", "not")                                   \
    X(IN, "i", "in")                                        \
    X(NOT_IN, "inte i", "not in")                           \
    X(IS, "är", "is")                                       \
    X(IS_NOT, "är inte", "is not")                          \
    X(WITHIN, "inom", "within")                             \
    X(OVERLAPS, "överlappar", "overlaps")                   \
    X(CONTAINS, "innehåller", "contains")                   \
    X(INTERSECT, "snitt", "intersect")                      \
    X(OF, "av", "of")                                       \
    X(TRUE, "ja", "yes")                                    \
    X(FALSE, "nej", "no")

#define MEDEL_KEYWORD_SPELLINGS(X)                          \
    X(APPLICATION, "ansökningar")                           \
    X(APPLICATION, "applications")                          \
    X(SCORE, "vikt")                                        \
    X(SCORE, "weight")                                      \
    X(TRUE, "sant")                                         \
    X(TRUE, "true")                                         \
    X(FALSE, "falskt")                                      \
    X(FALSE, "false")                                       \
    X(IS_NOT, "är not")                                     \
    X(IS_NOT, "is inte")                                    \
    X(REMOVE, "ta bort")                                    \
    X(MIN_GRANT, "lägsta bidrag")                           \
    X(MIN_GRANT, "minimum grant")                           \
    X(TIE_BREAK, "vid lika")                                \
    X(TIE_BREAK, "tie break")                               \
    X(FIRST_DIVISOR, "första divisor")                      \
    X(FIRST_DIVISOR, "first divisor")                       \
    X(AT_LEAST, "at least")                                 \
    X(UNIT, "enheter")                                      \
    X(UNIT, "units")                                        \
    X(AT_MOST, "at most")

#define MEDEL_APPROX_WORDS(X)                               \
    X("cirka") X("ca") X("ungefär") X("nära") X("drygt") X("about")

#endif
