/*
** verdict.c: the words of verdict.h.
*/
#include "verdict.h"

#include <string.h>

#include "i18n.h"

static const struct {
    const char *text, *token, *test, *test_also;
} WORDS[N_VERDICTS] = {
    [VERDICT_ELIGIBLE] = {N_("stödberättigad"), "eligible", "stödberättigad", NULL},
    [VERDICT_INELIGIBLE] = {N_("ej stödberättigad"), "ineligible", "ej_stödberättigad", NULL},
    [VERDICT_MANUAL] = {N_("manuell bedömning"), "manual", "manuell", "manuell_bedömning"},
    [VERDICT_NOT_APPLICABLE] = {N_("ej aktuell"), "not_applicable", "ej_aktuell", NULL},
    [VERDICT_ABSENT] = {N_("finns inte"), "absent", NULL, NULL},
    [VERDICT_REJECTED] = {N_("avvisad"), "rejected", NULL, NULL},
};

const char *verdict_word(Verdict v, VerdictWording w)
{
    if ((unsigned)v >= N_VERDICTS)
        v = VERDICT_ABSENT;
    switch (w) {
    case VERDICT_TOKEN: return WORDS[v].token;
    case VERDICT_TEST: return WORDS[v].test ? WORDS[v].test : WORDS[v].text;
    case VERDICT_PEOPLE: return _(WORDS[v].text);
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

static const char *const GRANT_WORDS[] = {
    [GRANT_FULL] = N_("beviljas"),
    [GRANT_PARTIAL] = N_("beviljas delvis"),
    [GRANT_NOT_REACHED] = N_("medlen räckte inte"),
    [GRANT_BELOW_MINIMUM] = N_("under lägsta bidrag"),
    [GRANT_NO_ROUTE] = N_("ingen delpott"),
    [GRANT_PAYOUT] = N_("utbetalning"),
};

const char *verdict_grant_word(GrantStatus s)
{
    if ((unsigned)s >= sizeof GRANT_WORDS / sizeof *GRANT_WORDS || !GRANT_WORDS[s])
        return "?";
    return GRANT_WORDS[s];
}

const char *verdict_grant_text(GrantStatus s)
{
    const char *w = verdict_grant_word(s);
    return w[0] == '?' ? w : _(w);
}
