/*
** verdict.c: the words of verdict.h.
*/
#include "verdict.h"

#include <string.h>

static const struct {
    const char *text, *token, *test, *test_also;
} WORDS[N_VERDICTS] = {
    [VERDICT_ELIGIBLE] = {"stödberättigad", "eligible", "stödberättigad", NULL},
    [VERDICT_INELIGIBLE] = {"ej stödberättigad", "ineligible", "ej_stödberättigad", NULL},
    [VERDICT_MANUAL] = {"manuell bedömning", "manual", "manuell", "manuell_bedömning"},
    [VERDICT_NOT_APPLICABLE] = {"ej aktuell", "not_applicable", "ej_aktuell", NULL},
    [VERDICT_ABSENT] = {"finns inte", "absent", NULL, NULL},
    [VERDICT_REJECTED] = {"avvisad", "rejected", NULL, NULL},
};

const char *verdict_word(Verdict v, VerdictWording w)
{
    if ((unsigned)v >= N_VERDICTS)
        v = VERDICT_ABSENT;
    switch (w) {
    case VERDICT_TOKEN: return WORDS[v].token;
    case VERDICT_TEST: return WORDS[v].test ? WORDS[v].test : WORDS[v].text;
    default: return WORDS[v].text;
    }
}

bool verdict_parse(const char *word, Verdict *v)
{
    /* The English test words are the tokens. */
    for (int i = 0; i < N_VERDICTS; i++) {
        if (WORDS[i].test && (!strcmp(word, WORDS[i].test) || !strcmp(word, WORDS[i].token) ||
                              (WORDS[i].test_also && !strcmp(word, WORDS[i].test_also)))) {
            *v = (Verdict)i;
            return true;
        }
    }
    return false;
}

const char *verdict_grant_word(GrantStatus s)
{
    switch (s) {
    case GRANT_FULL: return "beviljas";
    case GRANT_PARTIAL: return "beviljas delvis";
    case GRANT_NOT_REACHED: return "medlen räckte inte";
    case GRANT_BELOW_MINIMUM: return "under lägsta bidrag";
    case GRANT_NO_ROUTE: return "ingen delpott";
    case GRANT_PAYOUT: return "utbetalning";
    }
    return "?";
}
