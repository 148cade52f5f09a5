/*
** verdict.h: an application's verdict for a pot, and the words for it, in
** one place. Every report takes its words from here: the check, explain and
** what-if reports for people, the CSV and JSON tokens, and the words a test
** expects ('förvänta p stödberättigad').
*/
#ifndef RUNTIME_VERDICT_H
#define RUNTIME_VERDICT_H

#include <stdbool.h>

#include "allocate.h"
#include "eval.h"

/* The first four are the assessment's outcome for a pot, with the values of
** Outcome (eval.h); the last two arise only when what-if compares runs. */
typedef enum Verdict {
    VERDICT_ELIGIBLE,
    VERDICT_INELIGIBLE,
    VERDICT_MANUAL,
    VERDICT_NOT_APPLICABLE, /* the pot does not consider it ('ansökningar där' is false) */
    VERDICT_ABSENT,         /* what-if: the pot does not take applications in that column */
    VERDICT_REJECTED,       /* what-if: the application's row is rejected in that column */
    N_VERDICTS
} Verdict;

_Static_assert((int)VERDICT_ELIGIBLE == (int)OUTCOME_PASS && (int)VERDICT_INELIGIBLE == (int)OUTCOME_FAIL &&
                   (int)VERDICT_MANUAL == (int)OUTCOME_MANUAL && (int)VERDICT_NOT_APPLICABLE == (int)OUTCOME_NOT_APPLICABLE,
               "a pot's Outcome is its Verdict");

/* A verdict has a word for people, shown in the chosen language, and words
** that programs and rule files read, the same in every language: a CSV or
** JSON document is byte for byte the same whatever LANGUAGE says. */
typedef enum VerdictWording {
    VERDICT_TEXT,    /* the Swedish word, the same in every language: CSV cells ("ej stödberättigad") */
    VERDICT_TOKEN,   /* JSON and CSV tokens, in every language: "ineligible" */
    VERDICT_TEST,    /* the Swedish word of a test's 'förvänta': "ej_stödberättigad" */
    VERDICT_PEOPLE   /* for people, in the chosen language: "ej stödberättigad", "ineligible" */
} VerdictWording;

/* A pot's outcome as a verdict. */
static inline Verdict verdict_of(Outcome o)
{
    return (Verdict)o;
}

/* The word for v in wording w; static. VERDICT_ABSENT and VERDICT_REJECTED
** have no test word (a test cannot expect them): their text is given. */
const char *verdict_word(Verdict v, VerdictWording w);

/* The verdict a test expects, from its word in Swedish or English
** (stödberättigad, eligible, ej_stödberättigad, ineligible, manuell,
** manuell_bedömning, manual, ej_aktuell, not_applicable). */
bool verdict_parse(const char *word, Verdict *v);

/* A grant's status in Swedish words, the same in every language (CSV
** cells): "beviljas", "beviljas delvis", "medlen räckte inte", …; static. */
const char *verdict_grant_word(GrantStatus s);

/* The same for people, in the chosen language (table reports); static. */
const char *verdict_grant_text(GrantStatus s);

#endif
