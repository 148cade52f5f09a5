/*
** whatif.c: the engine of medel whatif. Loads the baseline and each scenario
** as a program of its own (a scenario is a set of changes applied to the
** rule file), allocates the same applications under each, and lines the
** results up: per pot and sub-pot, per recipient, and the applications whose
** eligibility changes. Reports in table, CSV, JSON or HTML. The command line
** (cli/whatif.c) turns --set, --drop and --sweep into scenario text.
**
** The applications are read and assessed once, for the baseline. A scenario
** that changes only pot amounts (--set, --sweep, 'ändra pott X { belopp … }')
** cannot change any assessment, so it is derived from the baseline and only
** allocated again; other scenarios are assessed again, from the same
** applications unless they replace a table. Scenarios run one at a time and
** each is freed once its column is in the comparison.
*/
#include "whatif.h"

#include <errno.h>
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "csv.h"
#include "grid.h"
#include "i18n.h"
#include "medel.h"
#include "output.h"
#include "session.h"
#include "status.h"
#include "strmap.h"
#include "text.h"
#include "workbook.h"
#include "xlsxreport.h"

/* One column: the baseline or a scenario, loaded and allocated. A scenario
** that changes nothing but pot amounts is a session derived from the
** baseline's and borrows its applications, assessments and candidates (apps,
** as and cands point into the baseline's session), so only its allocation
** is run. A scenario that changes more is loaded on its own and assessed
** again, from the baseline's applications unless it replaces a table they
** refer to. */
typedef struct Side {
    const char *name;
    const char *label;
    Session s;
    bool loaded;
    Application *apps;
    size_t n;
    Assessment **as;
    Candidate *cands;
    Allocation al;          /* a scenario's lives in the caller's work arena */
    Money sweep;
    struct ReadApart *apart;   /* read again: the rows read differently from the baseline (in s.a) */
    size_t n_apart;
} Side;

/* A row that a scenario reads differently from the baseline: rejected under
** the scenario but valid in the baseline, or the reverse. */
typedef struct ReadApart {
    size_t record;          /* its position in the file, the same in both readings */
    const char *key;        /* the application's key, from whichever reading accepted it */
    bool rejected_here;     /* rejected under the scenario (else: in the baseline) */
    const char *why;        /* the reader's reasons, "; "-joined */
} ReadApart;

/* The baseline's application read from record `record`, or NULL (rejected
** there). The baseline's applications are in record order. */
static const Application *base_record(const Side *base, size_t record)
{
    size_t lo = 0, hi = base->n;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (base->apps[mid].record < record)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < base->n && base->apps[lo].record == record ? &base->apps[lo] : NULL;
}

static Verdict elig(const Side *c, int app, int pot)
{
    if (pot < 0)
        return VERDICT_ABSENT;
    return verdict_of(c->as[app]->eligible[pot]);
}

/* Whether an application is assessed for a pot at all: from not assessed
** (not applicable there) to not assessed (no such pot) is no change. */
static bool assessed(Verdict v)
{
    return v != VERDICT_NOT_APPLICABLE && v != VERDICT_ABSENT;
}

/* A map from names (application keys, row names) to indices, so lining up
** columns stays linear in the number of applications. In an arena; a zeroed
** one is empty. */
typedef StrMap NameMap;

/* The index stored for name, or -1. */
static int map_get(const NameMap *m, const char *name)
{
    return strmap_find(m, name, strlen(name));
}

/* Stores name → index (the name is borrowed) unless name is there already. */
static void map_put(NameMap *m, Arena *a, const char *name, int index)
{
    strmap_insert(m, a, name, strlen(name), index);
}

/* Why an application's status in a pot changed: the failed criteria now, or
** those that failed before and no longer do. */
static const char *why(Arena *a, const Side *base, int bi, const Side *c, int ci, int bpot, int cpot)
{
    char buf[1024] = "";
    size_t at = 0;
    const Program *p = c->s.prog;
    if (cpot >= 0 && ci >= 0) {
        for (size_t k = 0; k < p->n_criteria && at < sizeof buf; k++)
            if (eval_applies(p, p->criteria[k].pot, cpot) && c->as[ci]->crit[k] == OUTCOME_FAIL)
                at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s: %s", at ? "; " : "", p->criteria[k].name,
                                       p->criteria[k].reason);
    }
    if (at == 0 && bpot >= 0 && bi >= 0) {
        const Program *bp = base->s.prog;
        for (size_t k = 0; k < bp->n_criteria && at < sizeof buf; k++) {
            if (!eval_applies(bp, bp->criteria[k].pot, bpot) || base->as[bi]->crit[k] != OUTCOME_FAIL)
                continue;
            bool still = false;
            for (size_t j = 0; j < p->n_criteria; j++)
                still |= strcmp(p->criteria[j].name, bp->criteria[k].name) == 0;
            at += (size_t)snprintf(buf + at, sizeof buf - at, still ? _("%s%s uppfylls nu") : _("%s%s gäller inte längre"),
                                   at ? "; " : "", bp->criteria[k].name);
        }
    }
    return arena_strdup(a, buf);
}

/* The comparison, filled in column by column while the scenarios run, so
** that each scenario's session can be freed as soon as its column is in:
** memory then grows with the table, not with the sessions. Everything in it
** lives in `a`, with copies of the names and labels that come from a
** scenario's session. */
typedef struct Comparison {
    Arena *a;
    WhatIf w;
    NameMap pot_rows, grant_rows;
    size_t cap_pots, cap_grants, cap_changes;
} Comparison;

static void comparison_init(Comparison *cmp, Arena *a, const Side *base, size_t n_cols)
{
    memset(cmp, 0, sizeof *cmp);
    cmp->a = a;
    WhatIf *w = &cmp->w;
    w->title = base->s.prog->name;
    w->n_columns = n_cols;
    w->column = arena_alloc(a, n_cols * sizeof *w->column);
    w->column_label = arena_alloc(a, n_cols * sizeof *w->column_label);
    w->total = arena_alloc(a, n_cols * sizeof *w->total);
    w->granted = arena_alloc(a, n_cols * sizeof *w->granted);
    w->unallocated = arena_alloc(a, n_cols * sizeof *w->unallocated);
    w->returned = arena_alloc(a, n_cols * sizeof *w->returned);
    w->conserved = arena_alloc(a, n_cols * sizeof *w->conserved);
    w->read_apart = arena_alloc(a, n_cols * sizeof *w->read_apart);
    w->binding_not_held = arena_alloc(a, n_cols * sizeof *w->binding_not_held);
    cmp->pot_rows = cmp->grant_rows = (NameMap){0};
    strmap_reserve(&cmp->pot_rows, a, 64);
    strmap_reserve(&cmp->grant_rows, a, base->n);
}

static const char *keep(Comparison *cmp, const char *s)
{
    return s ? arena_strdup(cmp->a, s) : NULL;
}

/* A new row named `name` (copied), with room for every column. */
static int new_row(Comparison *cmp, WhatIfRow **rows, size_t *n, size_t *cap, NameMap *map, const char *name,
                   const char *label, int depth)
{
    if (*n == *cap) {
        size_t bigger = *cap ? 2 * *cap : 64;
        *rows = arena_grow(cmp->a, *rows, *n, bigger, sizeof **rows);
        *cap = bigger;
    }
    int k = (int)(*n)++;
    size_t n_cols = cmp->w.n_columns;
    (*rows)[k] = (WhatIfRow){keep(cmp, name), keep(cmp, label), depth, arena_alloc(cmp->a, n_cols * sizeof(Money)),
                             arena_alloc(cmp->a, n_cols * sizeof(bool)), NULL};
    map_put(map, cmp->a, (*rows)[k].name, k);
    return k;
}

/* A pot of the baseline or the scenario that takes applications, by name. */
typedef struct PotPair {
    const char *name;
    int bpot, cpot;        /* in either program, or -1 */
    bool btakes, ctakes;
} PotPair;

/* Appends one change to the comparison. */
static void push_change(Comparison *cmp, WhatIfChange ch)
{
    WhatIf *w = &cmp->w;
    if (w->n_changes == cmp->cap_changes) {
        size_t cap = cmp->cap_changes ? 2 * cmp->cap_changes : 32;
        w->changes = arena_grow(cmp->a, w->changes, w->n_changes, cap, sizeof *w->changes);
        cmp->cap_changes = cap;
    }
    w->changes[w->n_changes++] = ch;
}

/* The applications whose eligibility for a pot differs between the baseline
** and column c. Scratch memory goes to `scratch`. */
static void add_changes(Comparison *cmp, size_t c, const Side *base, const Side *col, Arena *scratch)
{
    /* Borrowing the baseline's assessments, nobody can be assessed differently. */
    if (col->as == base->as)
        return;
    const Program *bp = base->s.prog, *p = col->s.prog;
    /* Every pot of either program that takes applications, once. */
    PotPair *pairs = arena_alloc(scratch, (bp->n_pots + p->n_pots + 1) * sizeof *pairs);
    size_t n_pairs = 0;
    for (size_t k = 0; k < p->n_pots + bp->n_pots; k++) {
        const char *pname = k < bp->n_pots ? bp->pots[k].name : p->pots[k - bp->n_pots].name;
        int bpot = program_find_pot(bp, pname), cpot = program_find_pot(p, pname);
        if (k >= bp->n_pots && bpot >= 0)
            continue;
        bool btakes = bpot >= 0 && eval_takes_applications(bp, bpot);
        bool ctakes = cpot >= 0 && eval_takes_applications(p, cpot);
        if (btakes || ctakes)
            pairs[n_pairs++] = (PotPair){bpot >= 0 ? pname : keep(cmp, pname), bpot, cpot, btakes, ctakes};
    }
    /* Each baseline application's index in the column: the same when the
    ** scenario assessed the baseline's own applications, else by key. */
    bool same_apps = col->apps == base->apps;
    NameMap keys;
    if (!same_apps) {
        keys = (NameMap){0};
        strmap_reserve(&keys, scratch, col->n);
        for (size_t ci = 0; ci < col->n; ci++)
            map_put(&keys, scratch, col->apps[ci].key, (int)ci);
    }
    WhatIf *w = &cmp->w;
    for (size_t bi = 0; bi < base->n; bi++) {
        int ci = same_apps ? (int)bi : map_get(&keys, base->apps[bi].key);
        if (ci < 0)
            continue;
        for (size_t j = 0; j < n_pairs; j++) {
            const PotPair *pp = &pairs[j];
            Verdict before = pp->btakes ? elig(base, (int)bi, pp->bpot) : VERDICT_ABSENT;
            Verdict after = pp->ctakes ? elig(col, ci, pp->cpot) : VERDICT_ABSENT;
            if (before == after || (!assessed(before) && !assessed(after)))
                continue;
            push_change(cmp, (WhatIfChange){
                base->apps[bi].key, pp->name, c, before, after,
                why(cmp->a, base, (int)bi, col, ci, pp->btakes ? pp->bpot : -1, pp->ctakes ? pp->cpot : -1)});
        }
    }
    /* The rows read otherwise: a change in each pot where it mattered (where
    ** the accepted reading is eligible or to be assessed by hand), or in the
    ** first pot that takes applications, so that none goes unsaid. */
    for (size_t k = 0; k < col->n_apart; k++) {
        const ReadApart *ra = &col->apart[k];
        int bi = -1, ci = -1;
        if (ra->rejected_here) {
            const Application *there = base_record(base, ra->record);
            bi = there ? (int)(there - base->apps) : -1;
        } else if (ra->key && !same_apps) {
            ci = map_get(&keys, ra->key);
        }
        const char *reason = keep(cmp, ra->rejected_here ? ra->why : _("avvisad i baslinjen"));
        size_t added = 0;
        for (int pass = 0; pass < 2 && !added; pass++) {
            for (size_t j = 0; j < n_pairs; j++) {
                const PotPair *pp = &pairs[j];
                bool takes = bi >= 0 ? pp->btakes : pp->ctakes;
                Verdict valid = !takes ? VERDICT_ABSENT : bi >= 0 ? elig(base, bi, pp->bpot) : ci >= 0 ? elig(col, ci, pp->cpot) : VERDICT_ABSENT;
                if (!takes || (pass == 0 && valid != VERDICT_ELIGIBLE && valid != VERDICT_MANUAL))
                    continue;
                push_change(cmp, (WhatIfChange){keep(cmp, ra->key), pp->name, c, ra->rejected_here ? valid : VERDICT_REJECTED,
                                                ra->rejected_here ? VERDICT_REJECTED : valid, reason});
                added++;
                if (pass == 1)
                    break;   /* the first pot is enough to say it */
            }
        }
        if (!added)   /* no pot takes applications: still said */
            push_change(cmp, (WhatIfChange){keep(cmp, ra->key), "", c, ra->rejected_here ? VERDICT_ABSENT : VERDICT_REJECTED,
                                            ra->rejected_here ? VERDICT_REJECTED : VERDICT_ABSENT, reason});
    }
    w->read_apart[c] = col->n_apart;
}

/* Puts column c (the baseline when c is 0) into the comparison. The
** baseline must stay loaded until the report is written; col may be freed
** right after. */
static void add_column(Comparison *cmp, size_t c, const Side *base, const Side *col, Arena *scratch)
{
    WhatIf *w = &cmp->w;
    w->column[c] = keep(cmp, col->name);
    w->column_label[c] = keep(cmp, col->label);
    w->total[c] = col->al.total;
    w->granted[c] = col->al.granted;
    w->unallocated[c] = col->al.unallocated;
    w->returned[c] = col->al.returned;
    w->conserved[c] = true;   /* allocation_run proved it, or the run stopped */
    const Program *p = col->s.prog;
    /* A scenario may break a binding constraint: whatif shows it (its exit
    ** code stays that of the comparison; allocate is what decides). */
    for (size_t i = 0; i < p->n_portfolios; i++) {
        bool broken = false;
        for (size_t j = 0; j < col->al.n_portfolio; j++)
            broken |= col->al.portfolio[j].portfolio == (int32_t)i && !col->al.portfolio[j].held;
        if (broken && p->portfolios[i].binding)
            w->binding_not_held[c] = w->binding_not_held[c]
                                         ? arena_printf(cmp->a, "%s, %s", w->binding_not_held[c], p->portfolios[i].name)
                                         : keep(cmp, p->portfolios[i].name);
    }
    for (size_t i = 0; i < col->al.n_pots; i++) {
        const PotResult *r = &col->al.pots[i];
        int k = map_get(&cmp->pot_rows, r->name);
        if (k < 0)
            k = new_row(cmp, &w->pots, &w->n_pots, &cmp->cap_pots, &cmp->pot_rows, r->name,
                        r->sub < 0 ? p->pots[r->pot].label : NULL, p->pots[r->pot].depth + (r->sub >= 0));
        w->pots[k].amount[c] = r->amount;
        w->pots[k].present[c] = true;
        if (r->sub >= 0 && p->pots[r->pot].split.has_rules) {
            char pb[256];
            if (!w->pots[k].parts) {
                w->pots[k].parts = arena_alloc(cmp->a, (w->n_columns + 1) * sizeof *w->pots[k].parts);
                memset(w->pots[k].parts, 0, (w->n_columns + 1) * sizeof *w->pots[k].parts);
            }
            w->pots[k].parts[c] = keep(cmp, allocation_split_parts(p, r, true, pb, sizeof pb));
        }
        /* What its 'kvar' moved and returned, each a row of its own under
        ** it (only where some column has any, so files without stay as
        ** they were). */
        const Money moved[3] = {r->moved_in, r->moved_out, r->returned};
        const char *const what[3] = {_("flyttat hit"), _("flyttat vidare"), _("återbetalas")};
        for (int m = 0; m < 3; m++) {
            const char *row = arena_printf(scratch, "%s · %s", r->name, what[m]);
            int km = map_get(&cmp->pot_rows, row);
            if (km < 0 && moved[m] == 0)
                continue;
            if (km < 0)
                km = new_row(cmp, &w->pots, &w->n_pots, &cmp->cap_pots, &cmp->pot_rows, row, NULL,
                             p->pots[r->pot].depth + (r->sub >= 0) + 1);
            w->pots[km].amount[c] = moved[m];
            w->pots[km].present[c] = true;
        }
    }
    int title = program_find_field(p, "titel");
    for (size_t i = 0; i < col->al.n_grants; i++) {
        const Grant *g = &col->al.grants[i];
        if (g->amount <= 0)
            continue;
        const char *name = g->app >= 0 ? col->apps[g->app].key : NULL;
        if (!name) {
            /* A payout: named by its sub-pot. */
            for (size_t j = 0; j < col->al.n_pots && !name; j++)
                if (col->al.pots[j].pot == g->pot && col->al.pots[j].sub == g->sub)
                    name = col->al.pots[j].name;
        }
        int k = map_get(&cmp->grant_rows, name);
        if (k < 0) {
            const char *label = NULL;
            if (g->app >= 0 && title >= 0 && col->apps[g->app].values[title].kind == VAL_TEXT) {
                const Value *v = &col->apps[g->app].values[title];
                label = arena_strndup(scratch, v->u.text.s, v->u.text.len);
            }
            k = new_row(cmp, &w->grants, &w->n_grants, &cmp->cap_grants, &cmp->grant_rows, name, label, 0);
            /* A recipient without a grant in a column got 0 kr there. */
            for (size_t j = 0; j < w->n_columns; j++)
                w->grants[k].present[j] = true;
        }
        w->grants[k].amount[c] += g->amount;
    }
    if (c > 0)
        add_changes(cmp, c, base, col, scratch);
}

/* ---- names the command line gives ---- */

/* The name among cands[0..n) to suggest for `typed` (text_suggest: a typo,
** "höjd_pot" for "höjd_pott", or the one name it begins, "fokus" for
** "fokusområde"); NULL when none is close. */
static const char *closest_name(Arena *a, const char *typed, const char *const *cands, size_t n)
{
    int k = text_suggest(a, typed, cands, n);
    return k >= 0 ? cands[k] : NULL;
}

/* cands[0..n) joined by ", " (in a), each once. */
static const char *name_list(Arena *a, const char *const *cands, size_t n)
{
    char *list = arena_strdup(a, "");
    for (size_t i = 0; i < n; i++) {
        bool seen = false;
        for (size_t k = 0; k < i && !seen; k++)
            seen = !strcmp(cands[k], cands[i]);
        if (!seen)
            list = arena_printf(a, "%s%s%s", list, *list ? ", " : "", cands[i]);
    }
    return list;
}

/* A name the user typed, as a message shows it: cut after about 100 bytes
** (at a character boundary) with "…". In a. */
static const char *typed_name(Arena *a, const char *s)
{
    size_t n = strlen(s);
    if (n <= 100)
        return s;
    size_t k = 100;
    while (k > 0 && ((unsigned char)s[k] & 0xC0) == 0x80)
        k--;
    return arena_printf(a, "%.*s…", (int)k, s);
}

/* Whether name is among cands[0..n). */
static bool has_name(const char *name, const char *const *cands, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (!strcmp(cands[i], name))
            return true;
    return false;
}

/* Whether scenario nm was made from the command line (--set, --drop, --sweep). */
static bool from_command_line(const char *nm)
{
    return strcmp(nm, "kommandorad") == 0 || strncmp(nm, "svep_", 5) == 0;
}

/* Says on err that the scenarios named[0..n) that the baseline bp does not
** know (scen[i] NULL) are not there: where they were looked for (the
** scenario file, the rule file), the closest name, or the scenarios there
** are. Returns how many were unknown. */
static size_t unknown_scenarios(Arena *a, const Program *bp, const WhatIfRun *o, const char *const *named,
                                const Scenario *const *scen, size_t n, FILE *err)
{
    const char **have = arena_alloc(a, (bp->n_scenarios + 1) * sizeof *have);
    size_t n_have = 0;
    for (size_t k = 0; k < bp->n_scenarios; k++)
        if (!from_command_line(bp->scenarios[k].name))
            have[n_have++] = bp->scenarios[k].name;
    size_t unknown = 0;
    for (size_t i = 0; i < n; i++) {
        if (scen[i])
            continue;
        unknown++;
        const char *where = o->scenario_file
                                ? arena_printf(a, _("i scenariofilen %s eller i regelfilen %s"), o->scenario_file, o->rules)
                                : arena_printf(a, _("i regelfilen %s"), o->rules);
        const char *close = closest_name(a, named[i], have, n_have), *typed = typed_name(a, named[i]);
        if (close) {
            fprintf(err, _("medel: whatif: det finns inget scenario '%s' %s; menade du '%s'?\n"), typed, where, close);
        } else if (n_have == 0) {
            fprintf(err, _("medel: whatif: det finns inget scenario '%s' %s: där finns inga scenarier; "
                           "ge en fil med scenarier med --scenarios FIL\n"),
                    typed, where);
        } else {
            fprintf(err, _("medel: whatif: det finns inget scenario '%s' %s; scenarierna är:\n"), typed, where);
            for (size_t k = 0; k < bp->n_scenarios; k++)
                if (!from_command_line(bp->scenarios[k].name))
                    fprintf(err, "  %s%s%s\n", bp->scenarios[k].name, bp->scenarios[k].label ? ": " : "",
                            bp->scenarios[k].label ? bp->scenarios[k].label : "");
        }
    }
    return unknown;
}

/* Says on err which pots of --set and --sweep and which criteria of --drop
** the rule file lacks, each with the closest name or the names there are.
** Returns how many were unknown. */
static size_t unknown_changes(Arena *a, const Program *bp, const WhatIfRun *o, FILE *err)
{
    const char **pots = arena_alloc(a, (bp->n_pots + 1) * sizeof *pots);
    for (size_t k = 0; k < bp->n_pots; k++)
        pots[k] = bp->pots[k].name;
    const char **crits = arena_alloc(a, (bp->n_criteria + 1) * sizeof *crits);
    for (size_t k = 0; k < bp->n_criteria; k++)
        crits[k] = bp->criteria[k].name;
    size_t unknown = 0;
    for (size_t i = 0; i < o->n_set_pots + (o->n_sweep ? 1 : 0); i++) {
        const char *pot = i < o->n_set_pots ? o->set_pots[i] : o->sweep_pot;
        const char *opt = i < o->n_set_pots ? "--set" : "--sweep";
        if (has_name(pot, pots, bp->n_pots))
            continue;
        unknown++;
        const char *close = closest_name(a, pot, pots, bp->n_pots);
        pot = typed_name(a, pot);
        if (close)
            fprintf(err, _("medel: whatif: %s: det finns ingen pott '%s' i regelfilen %s; menade du '%s'?\n"), opt, pot,
                    o->rules, close);
        else
            fprintf(err, _("medel: whatif: %s: det finns ingen pott '%s' i regelfilen %s; potterna är: %s\n"), opt, pot,
                    o->rules, name_list(a, pots, bp->n_pots));
    }
    for (size_t i = 0; i < o->n_drop_criteria; i++) {
        const char *crit = o->drop_criteria[i];
        if (has_name(crit, crits, bp->n_criteria))
            continue;
        unknown++;
        const char *close = closest_name(a, crit, crits, bp->n_criteria);
        crit = typed_name(a, crit);
        if (close)
            fprintf(err, _("medel: whatif: --drop: det finns inget villkor '%s' i regelfilen %s; menade du '%s'?\n"), crit,
                    o->rules, close);
        else if (bp->n_criteria == 0)
            fprintf(err, _("medel: whatif: --drop: det finns inget villkor '%s': regelfilen %s har inga villkor\n"), crit,
                    o->rules);
        else
            fprintf(err, _("medel: whatif: --drop: det finns inget villkor '%s' i regelfilen %s; villkoren är: %s\n"), crit,
                    o->rules, name_list(a, crits, bp->n_criteria));
    }
    return unknown;
}

/* ---- the reports ---- */

/* The verdict in a CSV cell: the same Swedish word in every language. */
static const char *elig_word(Verdict e)
{
    return verdict_word(e, VERDICT_TEXT);
}

/* The verdict for people (the table, the workbook): in their language. */
static const char *elig_text(Verdict e)
{
    return verdict_word(e, VERDICT_PEOPLE);
}

static const char *elig_key(Verdict e)
{
    return verdict_word(e, VERDICT_TOKEN);
}

static const char *diff_text(Money d, char *buf, size_t n)
{
    char m[48];
    if (d == 0)
        return "±0 kr";
    money_format(d < 0 ? -d : d, m, sizeof m);
    snprintf(buf, n, "%s%s", d < 0 ? "−" : "+", m);
    return buf;
}

/* The name of column c for people: the baseline's in the chosen language
** (its name in CSV and JSON is "baslinje"), a scenario's as it is. */
static const char *column_name(const WhatIf *w, size_t c)
{
    return c == 0 ? _("baslinje") : w->column[c];
}

/* Rows × (amount, difference) per column, aligned; the baseline's column
** has no difference. Pot names indented by depth when `indent`. */
static void amount_table(FILE *out, Arena *a, const WhatIf *w, const WhatIfRow *rows, size_t n, const char *head, bool indent)
{
    size_t nc = w->n_columns, n_cells = 2 * nc;
    Grid g;
    grid_init(&g, a, n_cells, 0);
    for (size_t c = 1; c < n_cells; c++)
        grid_align_right(&g, c);
    const char **cells = arena_alloc(a, n_cells * sizeof *cells);
    for (size_t r = 0; r <= n; r++) {
        const WhatIfRow *row = r ? &rows[r - 1] : NULL;
        cells[0] = !row ? head : arena_printf(a, "%*s%s", indent ? 2 * row->depth : 0, "", row->name);
        for (size_t c = 0; c < nc; c++) {
            char b1[64], b2[64];
            size_t at = c ? 2 * c : 1;   /* the amount; the difference follows it */
            if (!row) {
                cells[at] = column_name(w, c);
                if (c)
                    cells[at + 1] = _("skillnad");
            } else {
                cells[at] = row->present[c] ? arena_strdup(a, money_format(row->amount[c], b1, sizeof b1)) : _("finns inte");
                if (c)
                    cells[at + 1] = arena_strdup(a, diff_text(row->amount[c] - row->amount[0], b2, sizeof b2));
            }
        }
        grid_row_array(&g, cells);
    }
    grid_print(&g, out, "  ");
}

/* The parts of every sub-pot of a split with rules, one line per
** recipient, a column per run; nothing when no run has such a split. */
static void parts_table(FILE *out, Arena *a, const WhatIf *w)
{
    bool any = false;
    for (size_t i = 0; i < w->n_pots && !any; i++)
        any = w->pots[i].parts != NULL;
    if (!any)
        return;
    fputs(_("\nDelar per mottagare\n"), out);
    Grid g;
    grid_init(&g, a, w->n_columns + 1, 0);
    const char **cells = arena_alloc(a, (w->n_columns + 2) * sizeof *cells);
    cells[0] = _("Delpott");
    for (size_t c = 0; c < w->n_columns; c++)
        cells[c + 1] = column_name(w, c);
    grid_row_array(&g, cells);
    for (size_t i = 0; i < w->n_pots; i++) {
        const WhatIfRow *r = &w->pots[i];
        if (!r->parts)
            continue;
        cells[0] = r->name;
        for (size_t c = 0; c < w->n_columns; c++)
            cells[c + 1] = r->parts[c] ? r->parts[c] : "";
        grid_row_array(&g, cells);
    }
    grid_print(&g, out, "  ");
}

static void print_table(FILE *out, Arena *a, const WhatIf *w)
{
    char b1[64], b2[64], b3[64];
    fprintf(out, P_("%s: baslinje och %zu scenario\n", "%s: baslinje och %zu scenarier\n", w->n_columns - 1), w->title ? w->title : "",
            w->n_columns - 1);
    for (size_t c = 1; c < w->n_columns; c++)
        if (w->column_label[c])
            fprintf(out, "  %s: %s\n", w->column[c], w->column_label[c]);
    if (w->rejected)
        fprintf(out,
                P_("OBS: %zu ansökan avvisades i baslinjen (se felen); kolumnerna är räknade utan den, utom där ett scenario "
                   "läser den annorlunda (se Ändrad bedömning).\n",
                   "OBS: %zu ansökningar avvisades i baslinjen (se felen); kolumnerna är räknade utan dem, utom där ett scenario "
                   "läser dem annorlunda (se Ändrad bedömning).\n",
                   w->rejected),
                w->rejected);
    if (w->is_sweep) {
        fprintf(out, _("\nSvep av %s\n"), w->sweep_what);
        /* The headings over the columns below (18, 16 and 18 wide, to the right). */
        fputs(_("  Belopp              Beviljat         Ej fördelat\n"), out);
        Grid g;
        grid_init(&g, a, 3, 0x7);
        grid_min_width(&g, 0, 18);
        grid_min_width(&g, 1, 16);
        grid_min_width(&g, 2, 18);
        for (size_t c = 1; c < w->n_columns; c++)
            grid_row(&g, money_format(w->sweep_value[c], b1, sizeof b1), money_format(w->granted[c], b2, sizeof b2),
                     money_format(w->unallocated[c], b3, sizeof b3));
        grid_print(&g, out, "  ");
        fprintf(out, _("\nBaslinje: %s beviljat, %s ej fördelat\n"), money_format(w->granted[0], b1, sizeof b1),
                money_format(w->unallocated[0], b2, sizeof b2));
        return;
    }
    fputs(_("\nPotter\n"), out);
    amount_table(out, a, w, w->pots, w->n_pots, _("Pott"), true);
    parts_table(out, a, w);
    fputs(_("\nBeviljat per mottagare\n"), out);
    amount_table(out, a, w, w->grants, w->n_grants, _("Mottagare"), false);
    if (w->n_changes) {
        fputs(_("\nÄndrad bedömning\n"), out);
        for (size_t i = 0; i < w->n_changes; i++) {
            const WhatIfChange *ch = &w->changes[i];
            fprintf(out, "  %s, %s, %s: %s → %s", ch->application, ch->pot, w->column[ch->column], elig_text(ch->before),
                    elig_text(ch->after));
            if (ch->why && ch->why[0])
                fprintf(out, " (%s)", ch->why);
            fputc('\n', out);
        }
    }
    fputs(_("\nSumma\n"), out);
    for (size_t c = 0; c < w->n_columns; c++) {
        char b4[64];
        if (w->returned && w->returned[c])
            fprintf(out, _("  %s: %s = beviljat %s + återbetalas %s + ej fördelat %s (%s)\n"), column_name(w, c),
                    money_format(w->total[c], b1, sizeof b1), money_format(w->granted[c], b2, sizeof b2),
                    money_format(w->returned[c], b4, sizeof b4), money_format(w->unallocated[c], b3, sizeof b3),
                    w->conserved[c] ? _("stämmer på öret") : _("STÄMMER INTE"));
        else
            fprintf(out, _("  %s: %s = beviljat %s + ej fördelat %s (%s)\n"), column_name(w, c),
                    money_format(w->total[c], b1, sizeof b1), money_format(w->granted[c], b2, sizeof b2),
                    money_format(w->unallocated[c], b3, sizeof b3), w->conserved[c] ? _("stämmer på öret") : _("STÄMMER INTE"));
    }
    for (size_t c = 0; c < w->n_columns; c++)
        if (w->binding_not_held[c])
            fprintf(out, _("  %s: BINDANDE PORTFÖLJVILLKOR INTE UPPFYLLT: %s\n"), column_name(w, c), w->binding_not_held[c]);
    for (size_t c = 1; c < w->n_columns; c++)
        if (w->read_apart[c])
            fprintf(out,
                    P_("  %s: %zu ansökan läses inte som i baslinjen (avvisad i det ena, inte i det andra; se Ändrad bedömning)\n",
                       "  %s: %zu ansökningar läses inte som i baslinjen (avvisad i det ena, inte i det andra; se Ändrad bedömning)\n",
                       w->read_apart[c]),
                    w->column[c], w->read_apart[c]);
}

static void json_rows(FILE *out, const WhatIf *w, const WhatIfRow *rows, size_t n)
{
    for (size_t r = 0; r < n; r++) {
        fprintf(out, "%s\n    {\"name\": ", r ? "," : "");
        report_json_str(out, rows[r].name);
        fputs(", \"label\": ", out);   /* as the CSV's benämning */
        if (rows[r].label)
            report_json_str(out, rows[r].label);
        else
            fputs("null", out);
        fputs(", \"amount_ore\": [", out);
        for (size_t c = 0; c < w->n_columns; c++) {
            if (rows[r].present[c])
                fprintf(out, "%s%" PRId64, c ? ", " : "", rows[r].amount[c]);
            else
                fprintf(out, "%snull", c ? ", " : "");
        }
        fputc(']', out);
        /* A sub-pot of a split with rules: its parts in words, per column. */
        if (rows[r].parts) {
            fputs(", \"parts\": [", out);
            for (size_t c = 0; c < w->n_columns; c++) {
                fputs(c ? ", " : "", out);
                if (rows[r].parts[c])
                    report_json_str(out, rows[r].parts[c]);
                else
                    fputs("null", out);
            }
            fputc(']', out);
        }
        fputc('}', out);
    }
}

static void print_json(FILE *out, const WhatIf *w)
{
    fprintf(out, "{\n  \"format_version\": %d,\n  \"medel\": {\"version\": ", REPORT_JSON_FORMAT_VERSION);
    report_json_str(out, medel_version());
    fputs(", \"command\": \"whatif\"},\n  \"inputs\": [", out);
    const WhatIfInput *in = w->inputs;
    for (size_t i = 0, k = 0; i < w->n_inputs; i++) {
        if (!in[i].sha256)
            continue;   /* as the other reports: only what could be read */
        fprintf(out, "%s\n    {\"role\": \"%s\", \"path\": ", k++ ? "," : "", in[i].role);
        report_json_str(out, in[i].path);
        fprintf(out, ", \"sha256\": \"%s\"}", in[i].sha256);
    }
    fputs("\n  ],\n  \"agreement\": ", out);
    report_json_str(out, w->title);
    if (w->rejected)   /* only then: the baseline's rejected rows, left out where no scenario reads them otherwise */
        fprintf(out, ",\n  \"rejected_rows\": %zu", w->rejected);
    fputs(",\n  \"columns\": [", out);
    for (size_t c = 0; c < w->n_columns; c++) {
        fprintf(out, "%s\n    {\"name\": ", c ? "," : "");
        report_json_str(out, w->column[c]);
        fputs(", \"label\": ", out);
        if (w->column_label[c])
            report_json_str(out, w->column_label[c]);
        else
            fputs("null", out);
        /* returned_ore: what its 'kvar återbetalas' paid back (0 without), so
        ** that total = granted + returned + unallocated reads off the column. */
        fprintf(out,
                ", \"total_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"returned_ore\": %" PRId64
                ", \"unallocated_ore\": %" PRId64 ", \"conserved\": %s",
                w->total[c], w->granted[c], w->returned ? w->returned[c] : 0, w->unallocated[c],
                w->conserved[c] ? "true" : "false");
        fprintf(out, ", \"read_otherwise\": %zu", w->read_apart[c]);
        /* The names are identifiers: no ", " inside one. */
        fputs(", \"binding_not_held\": [", out);
        for (const char *b = w->binding_not_held[c]; b && *b;) {
            size_t len = strcspn(b, ",");
            fprintf(out, "%s\"%.*s\"", b == w->binding_not_held[c] ? "" : ", ", (int)len, b);
            b += len;
            b += strspn(b, ", ");
        }
        fputc(']', out);
        if (w->is_sweep)
            fprintf(out, ", \"sweep_ore\": %" PRId64, w->sweep_value[c]);
        fputc('}', out);
    }
    fputs("\n  ],\n  \"pots\": [", out);
    json_rows(out, w, w->pots, w->n_pots);
    fputs("\n  ],\n  \"recipients\": [", out);
    json_rows(out, w, w->grants, w->n_grants);
    fputs("\n  ],\n  \"changes\": [", out);
    for (size_t i = 0; i < w->n_changes; i++) {
        const WhatIfChange *ch = &w->changes[i];
        fprintf(out, "%s\n    {\"application\": ", i ? "," : "");
        report_json_str(out, ch->application);
        fputs(", \"pot\": ", out);
        report_json_str(out, ch->pot);
        fputs(", \"scenario\": ", out);
        report_json_str(out, w->column[ch->column]);
        fprintf(out, ", \"before\": \"%s\", \"after\": \"%s\", \"why\": ", elig_key(ch->before), elig_key(ch->after));
        report_json_str(out, ch->why);
        fputc('}', out);
    }
    fputs("\n  ]\n}\n", out);
}

static void csv_text(FILE *out, const char *s, bool last)
{
    csv_write_field(out, s ? s : "", s ? strlen(s) : 0, ';', true);
    fputc(last ? '\n' : ';', out);
}

static void excel_kr(FILE *out, Money m)
{
    char buf[48];
    fputs(report_excel_kr(m, buf, sizeof buf), out);
}

/* The amount of row r in column c as a CSV cell: empty where the row does
** not exist in that column. */
static void csv_amount(FILE *out, const WhatIfRow *r, size_t c)
{
    if (r->present[c])
        excel_kr(out, r->amount[c]);
}

/* One row of the wide table: avsnitt, namn, benämning, the amount in each
** column, then each scenario's difference from the baseline (empty where
** the row is missing in either). */
static void csv_wide_row(FILE *out, const WhatIf *w, const char *section, const WhatIfRow *r)
{
    csv_text(out, section, false);
    csv_text(out, r->name, false);
    csv_text(out, r->label, false);
    for (size_t c = 0; c < w->n_columns; c++) {
        csv_amount(out, r, c);
        fputc(';', out);
    }
    for (size_t c = 1; c < w->n_columns; c++) {
        if (r->present[c] && r->present[0])
            excel_kr(out, r->amount[c] - r->amount[0]);
        fputc(c + 1 < w->n_columns ? ';' : '\n', out);
    }
    if (w->n_columns == 1)
        fputc('\n', out);
}

/* The sums as rows of the wide table: what the top-level pots hold, what
** was granted and what was left, per column. */
static void sum_rows(const WhatIf *w, Arena *a, WhatIfRow rows[3])
{
    static const char *const NAME[3] = {N_("totalt"), N_("beviljat"), N_("ej fördelat")};   /* CSV: as they are */
    const Money *from[3] = {w->total, w->granted, w->unallocated};
    for (int k = 0; k < 3; k++) {
        rows[k] = (WhatIfRow){NAME[k], NULL, 0, arena_alloc(a, w->n_columns * sizeof(Money)),
                              arena_alloc(a, w->n_columns * sizeof(bool)), NULL};
        for (size_t c = 0; c < w->n_columns; c++) {
            rows[k].amount[c] = from[k][c];
            rows[k].present[c] = true;
        }
    }
}

/* Whether change i is the first one of its application and scenario that
** says a reading rejected it (one is enough: the others are other pots). */
static bool first_rejection(const WhatIf *w, size_t i)
{
    const WhatIfChange *ch = &w->changes[i], *prev = i ? &w->changes[i - 1] : NULL;
    if (ch->before != VERDICT_REJECTED && ch->after != VERDICT_REJECTED)
        return false;
    return !(prev && prev->column == ch->column && (prev->before == VERDICT_REJECTED || prev->after == VERDICT_REJECTED) &&
             !strcmp(prev->application ? prev->application : "", ch->application ? ch->application : ""));
}

/* The comparison as one wide table, as Excel users want it side by side:
** one row per pot and sub-pot, per recipient and per sum, one column of
** amounts per column of the comparison (the baseline, each scenario or
** each point of a sweep), then one column per scenario of its difference
** from the baseline. Amounts are kronor with a decimal comma. */
static void print_csv(FILE *out, Arena *a, const WhatIf *w)
{
    fputs("\xEF\xBB\xBF" "avsnitt;namn;benämning;", out);
    for (size_t c = 0; c < w->n_columns; c++)
        csv_text(out, w->column[c], w->n_columns == 1);
    for (size_t c = 1; c < w->n_columns; c++) {
        char *h = arena_printf(a, "skillnad %s", w->column[c]);
        csv_text(out, h, c + 1 == w->n_columns);
    }
    for (size_t r = 0; r < w->n_pots; r++)
        csv_wide_row(out, w, "pott", &w->pots[r]);
    for (size_t r = 0; r < w->n_grants; r++)
        csv_wide_row(out, w, "mottagare", &w->grants[r]);
    WhatIfRow sums[3];
    sum_rows(w, a, sums);
    for (int k = 0; k < 3; k++)
        csv_wide_row(out, w, "summa", &sums[k]);
    /* An application read otherwise under a scenario (rejected in one
    ** reading): a row each, so that its 0 kr there is not taken for a
    ** decision; the reasons are in --table ändringar. */
    for (size_t i = 0; i < w->n_changes; i++) {
        if (!first_rejection(w, i))
            continue;
        const WhatIfChange *ch = &w->changes[i];
        WhatIfRow r = {ch->application, arena_printf(a, "%s i %s", ch->after == VERDICT_REJECTED ? "avvisad" : "godtagen",
                                                     w->column[ch->column]),
                       0, arena_alloc(a, w->n_columns * sizeof(Money)), arena_alloc(a, w->n_columns * sizeof(bool)),
                       NULL};
        csv_wide_row(out, w, ch->after == VERDICT_REJECTED ? "avvisad i scenariot" : "avvisad i baslinjen", &r);
    }
}

/* The headers of the table of eligibility changes (CSV and workbook). */
static const char *const CHANGE_HEADERS[6] = {"ansökan", "pott", "scenario", "bedömning i baslinjen",
                                              "bedömning i scenariot", "skäl"};

/* --table ändringar: the eligibility changes, one row per application, pot
** and scenario, with the verdicts in words and the reasons. */
static void print_changes_csv(FILE *out, const WhatIf *w)
{
    fputs("\xEF\xBB\xBF", out);
    for (int k = 0; k < 6; k++)
        csv_text(out, CHANGE_HEADERS[k], k == 5);
    for (size_t i = 0; i < w->n_changes; i++) {
        const WhatIfChange *ch = &w->changes[i];
        csv_text(out, ch->application, false);
        csv_text(out, ch->pot, false);
        csv_text(out, w->column[ch->column], false);
        csv_text(out, elig_word(ch->before), false);
        csv_text(out, elig_word(ch->after), false);
        csv_text(out, ch->why, true);
    }
}

/* ---- the workbook ---- */

/* The rows of the wide table into sheet s (columns as print_csv's); the
** section (a msgid) in the chosen language. */
static void sheet_wide_row(Sheet *s, const WhatIf *w, const char *section, const WhatIfRow *r)
{
    sheet_row(s);
    sheet_text(s, 0, _(section));
    sheet_text(s, 1, r->name);
    sheet_text(s, 2, r->label);
    for (size_t c = 0; c < w->n_columns; c++)
        if (r->present[c])
            sheet_money(s, 3 + c, r->amount[c]);
    for (size_t c = 1; c < w->n_columns; c++)
        if (r->present[c] && r->present[0])
            sheet_money(s, 2 + w->n_columns + c, r->amount[c] - r->amount[0]);
}

/* The sheet "Scenarier": each column of the comparison with its sums and
** whether it conserves, and the files only scenarios read (a scenario's own
** table), which the shared "Om körningen" does not list: it lists the
** baseline's. */
static void scenario_sheet(Workbook *wb, const WhatIf *w, const RunFacts *f)
{
    static const SheetColumn COLS[] = {
        {N_("Avsnitt"), SHEET_TEXT, false},     {N_("Namn"), SHEET_TEXT, false},      {N_("Beskrivning"), SHEET_WRAP, false},
        {N_("Totalt"), SHEET_KR, false},        {N_("Beviljat"), SHEET_KR, false},    {N_("Ej fördelat"), SHEET_KR, false},
        {N_("Stämmer på öret"), SHEET_TEXT, false}, {N_("Läses annorlunda"), SHEET_INT, false}};
    Sheet *s = workbook_sheet(wb, _("Scenarier"), COLS, 8);
    for (size_t c = 0; s && c < w->n_columns; c++) {
        sheet_row(s);
        sheet_text(s, 0, c == 0 ? _("baslinje") : w->is_sweep ? _("svepsteg") : _("scenario"));
        sheet_text(s, 1, column_name(w, c));
        sheet_text(s, 2, c == 0 && w->is_sweep ? NULL : w->column_label[c]);
        if (w->is_sweep && c > 0)
            sheet_text(s, 2, w->sweep_what);
        sheet_money(s, 3, w->total[c]);
        sheet_money(s, 4, w->granted[c]);
        sheet_money(s, 5, w->unallocated[c]);
        sheet_text(s, 6, w->conserved[c] ? _("ja") : _("NEJ"));
        if (c > 0)
            sheet_int(s, 7, (int64_t)w->read_apart[c]);
    }
    for (size_t i = 0; s && i < w->n_inputs; i++) {
        const WhatIfInput *in = &w->inputs[i];
        bool listed = f->applications && !strcmp(in->path, f->applications);
        for (size_t k = 0; !listed && f->set && k < f->set->n_files; k++)
            listed = !strcmp(f->set->files[k]->path, in->path);
        for (size_t k = 0; !listed && f->p && k < f->p->n_tables; k++)
            listed = !strcmp(f->p->tables[k].path, in->path);
        if (listed)
            continue;
        sheet_row(s);
        sheet_text(s, 0, _("fil som bara scenarier läser"));
        sheet_text(s, 1, in->path);
        sheet_text(s, 2, in->sha256 ? in->sha256 : _("(kan inte läsas)"));
    }
}

/* The comparison as a workbook: the sheet "Jämförelse" side by side (as the
** CSV), "Ändrad bedömning" (as --table ändringar), "Scenarier", and
** "Avvisade rader" and "Om körningen" (xlsxreport.h, of the baseline's run:
** f).
** Returns false with the reason in err when the workbook cannot be made. */
static bool print_xlsx(FILE *out, Arena *a, const WhatIf *w, const RunFacts *f, char *err, size_t errlen)
{
    Workbook *wb = workbook_begin(err, errlen);
    if (!wb)
        return false;
    size_t n_cols = 3 + 2 * w->n_columns - 1;
    SheetColumn *cols = arena_alloc(a, n_cols * sizeof *cols);
    cols[0] = (SheetColumn){N_("Avsnitt"), SHEET_TEXT, false};
    cols[1] = (SheetColumn){N_("Namn"), SHEET_TEXT, false};
    cols[2] = (SheetColumn){N_("Benämning"), SHEET_TEXT, false};
    for (size_t c = 0; c < w->n_columns; c++)
        cols[3 + c] = c ? (SheetColumn){w->column[c], SHEET_KR, true} : (SheetColumn){N_("Baslinje"), SHEET_KR, false};
    for (size_t c = 1; c < w->n_columns; c++)
        cols[2 + w->n_columns + c] = (SheetColumn){arena_printf(a, _("Skillnad %s"), w->column[c]), SHEET_KR, true};
    Sheet *s = workbook_sheet(wb, _("Jämförelse"), cols, n_cols);
    if (s) {
        for (size_t r = 0; r < w->n_pots; r++)
            sheet_wide_row(s, w, N_("pott"), &w->pots[r]);
        for (size_t r = 0; r < w->n_grants; r++)
            sheet_wide_row(s, w, N_("mottagare"), &w->grants[r]);
        WhatIfRow sums[3];
        sum_rows(w, a, sums);
        for (int k = 0; k < 3; k++) {
            sums[k].name = _(sums[k].name);
            sheet_wide_row(s, w, N_("summa"), &sums[k]);
        }
    }
    static const SheetColumn CHANGE_COLS[6] = {{N_("Ansökan"), SHEET_TEXT, false},  {N_("Pott"), SHEET_TEXT, false},
                                               {N_("Scenario"), SHEET_TEXT, false}, {N_("Bedömning i baslinjen"), SHEET_TEXT, false},
                                               {N_("Bedömning i scenariot"), SHEET_TEXT, false}, {N_("Skäl"), SHEET_WRAP, false}};
    Sheet *ch = workbook_sheet(wb, _("Ändrad bedömning"), CHANGE_COLS, 6);
    for (size_t i = 0; ch && i < w->n_changes; i++) {
        const WhatIfChange *c = &w->changes[i];
        sheet_row(ch);
        sheet_text(ch, 0, c->application);
        sheet_text(ch, 1, c->pot);
        sheet_text(ch, 2, w->column[c->column]);
        sheet_text(ch, 3, elig_text(c->before));
        sheet_text(ch, 4, elig_text(c->after));
        sheet_text(ch, 5, c->why);
    }
    scenario_sheet(wb, w, f);
    xlsx_rejected_sheet(wb, f);
    xlsx_about_sheet(wb, f);
    return workbook_end(wb, out, err, errlen);
}

/* What read_again collects while one row is read: the reader's messages,
** held back until it is known whether the row is one the baseline reads
** otherwise. */
typedef struct Reread {
    char *msgs;             /* '\n'-terminated lines (malloc'd, freed by read_again) */
    size_t len, cap;
} Reread;

static void reread_report(void *ctx, const char *msg)
{
    Reread *rr = ctx;
    size_t n = strlen(msg);
    if (rr->len + n + 2 > rr->cap) {
        rr->cap = 2 * (rr->len + n + 2);
        rr->msgs = xrealloc(rr->msgs, rr->cap);
    }
    memcpy(rr->msgs + rr->len, msg, n);
    rr->len += n;
    rr->msgs[rr->len++] = '\n';
    rr->msgs[rr->len] = '\0';
}

/* Prints the held messages, each prefixed with the scenario, the first
** naming the application when the baseline reads the row otherwise; returns
** them "; "-joined in `a`, or NULL when there were none. */
static const char *flush_messages(Reread *rr, Arena *a, const char *scenario, const Application *accepted, FILE *err)
{
    if (!rr->len)
        return NULL;
    char *joined = arena_alloc(a, rr->len + 2 * (rr->len / 2 + 1) + 1);
    size_t at = 0;
    for (char *line = rr->msgs, *nl; (nl = strchr(line, '\n')) != NULL; line = nl + 1) {
        fprintf(err, "scenario %s: %.*s", scenario, (int)(nl - line), line);
        if (accepted && line == rr->msgs)
            fprintf(err, _(" (ansökan '%s', som baslinjen godtar)"), accepted->key ? accepted->key : "");
        fputc('\n', err);
        if (at) {
            memcpy(joined + at, "; ", 2);
            at += 2;
        }
        memcpy(joined + at, line, (size_t)(nl - line));
        at += (size_t)(nl - line);
    }
    joined[at] = '\0';
    rr->len = 0;
    return joined;
}

/* Reads the applications again under the scenario loaded into c (its tables
** differ from the baseline's). Nothing is discarded: every message of the
** reader goes to err, named by the scenario, and each row the scenario reads
** otherwise than the baseline (rejected here but not there, or the reverse)
** is kept in c->apart for the comparison. Returns the exit code: a fatal
** error in the file, or such rows without --keep-going, is
** STATUS_APPLICATIONS. */
static int read_again(Side *c, const Side *base, const WhatIfRun *o, const char *scenario, FILE *err)
{
    Reread rr = {0};
    /* Standard input was copied to a file that can be read again
    ** (stdin_prepare); start it over. */
    if (strcmp(o->applications, "-") == 0 && !stdin_prepare()) {
        fprintf(err, _("scenario %s: -: kan inte läsa ansökningarna igen: %s\n"), scenario, i18n_strerror(errno));
        return STATUS_NOINPUT;
    }
    AppReader *r = apps_open_sheet(c->s.prog, c->s.tables, o->applications, o->input_format, o->sheet, reread_report, &rr);
    if (!r) {
        flush_messages(&rr, &c->s.a, scenario, NULL, err);
        free(rr.msgs);
        return input_failure();
    }
    size_t n = 0, cap = 256, cap_apart = 0;
    Application *apps = xmalloc(cap * sizeof *apps);
    AppStatus st;
    for (;;) {
        if (n == cap) {
            cap *= 2;
            apps = xrealloc(apps, cap * sizeof *apps);
        }
        st = apps_next(r, &c->s.a, &apps[n]);
        if (st == APP_END || st == APP_FATAL)
            break;
        size_t record = apps[n].record;
        const Application *there = base_record(base, record);
        bool apart = (st == APP_OK) != (there != NULL);
        const char *why = flush_messages(&rr, &c->s.a, scenario, apart && there ? there : NULL, err);
        if (apart) {
            if (c->n_apart == cap_apart) {
                size_t bigger = cap_apart ? 2 * cap_apart : 16;
                c->apart = arena_grow(&c->s.a, c->apart, c->n_apart, bigger, sizeof *c->apart);
                cap_apart = bigger;
            }
            bool rejected_here = st != APP_OK;
            c->apart[c->n_apart++] = (ReadApart){record, rejected_here ? there->key : apps[n].key, rejected_here,
                                                 why ? why : ""};
            if (!rejected_here && apps[n].line)
                fprintf(err, _("scenario %s: %s:%zu: ansökan '%s' är giltig här men avvisad i baslinjen\n"), scenario,
                        o->applications, apps[n].line, apps[n].key ? apps[n].key : "");
            else if (!rejected_here)
                fprintf(err, _("scenario %s: %s: post %zu: ansökan '%s' är giltig här men avvisad i baslinjen\n"),
                        scenario, o->applications, record, apps[n].key ? apps[n].key : "");
        }
        if (st == APP_OK)
            n++;
    }
    flush_messages(&rr, &c->s.a, scenario, NULL, err);
    free(rr.msgs);
    AppCounts counts = apps_counts(r);
    apps_close(r);
    free(c->s.apps);
    c->s.apps = apps;   /* freed by session_end */
    c->apps = apps;
    c->n = n;
    char buf[160];
    fprintf(err, "scenario %s: %s: %s\n", scenario, o->applications, report_counts(counts, buf, sizeof buf));
    if (st == APP_FATAL)
        return STATUS_APPLICATIONS;
    if (c->n_apart && !o->keep_going) {
        fprintf(err,
                P_("medel: scenariot %s läser %zu ansökan annorlunda än baslinjen (avvisad i det ena, inte i det andra); "
                   "inget skrivet (använd --keep-going för att jämföra dem som de läses)\n",
                   "medel: scenariot %s läser %zu ansökningar annorlunda än baslinjen (avvisade i det ena, inte i det andra); "
                   "inget skrivet (använd --keep-going för att jämföra dem som de läses)\n",
                   c->n_apart),
                scenario, c->n_apart);
        return STATUS_APPLICATIONS;
    }
    return STATUS_OK;
}

/* Every file the run reads: the rule file and its bases, the scenario file,
** the data tables of the baseline and of every scenario (a scenario may
** replace a table with a file of its own), and the applications. -o is
** refused for each of them, and the JSON report lists them with their
** SHA-256. Once per path; everything in the arena. */
typedef WhatIfInput ReadFile;

typedef struct ReadFiles {
    Arena *a;
    ReadFile *f;
    struct stat *st;       /* each file's device and inode, or zeroed if it cannot be stat'ed */
    size_t n, cap;
} ReadFiles;

/* Adds a file once: another spelling of one already there (same device
** and inode) is the same file. */
static void read_add(ReadFiles *r, const char *role, const char *path, const char *sha256)
{
    struct stat st;
    if (stat(path, &st) != 0)
        memset(&st, 0, sizeof st);
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->f[i].path, path) == 0 ||
            (st.st_ino && r->st[i].st_dev == st.st_dev && r->st[i].st_ino == st.st_ino))
            return;
    if (r->n == r->cap) {
        size_t cap = r->cap ? 2 * r->cap : 16;
        r->f = arena_grow(r->a, r->f, r->n, cap, sizeof *r->f);
        r->st = arena_grow(r->a, r->st, r->n, cap, sizeof *r->st);
        r->cap = cap;
    }
    r->st[r->n] = st;
    r->f[r->n++] = (ReadFile){role, arena_strdup(r->a, path), sha256 ? arena_strdup(r->a, sha256) : NULL};
}

/* What session s read: its source files (as read, hashed from memory) and
** its tables. The text of --set and --drop is no file. */
static void read_collect(ReadFiles *r, const Session *s, const LoadOptions *lo)
{
    char hex[65];
    for (size_t i = 0; i < s->set.n_files; i++) {
        const SourceFile *f = s->set.files[i];
        if (lo->scenario_text && lo->scenario_text_name && strcmp(f->path, lo->scenario_text_name) == 0)
            continue;
        sha256_bytes(f->bytes, f->len, hex);
        read_add(r, "rules", f->path, hex);
    }
    const Program *p = s->prog;
    for (size_t i = 0; p && i < p->n_tables; i++)
        read_add(r, "data", p->tables[i].path, sha256_file(p->tables[i].path, hex) ? hex : NULL);
}

/* Loads scenario `name` into c and runs its allocation, reusing what the
** baseline has done wherever the scenario cannot change it (see Side).
** sc is the baseline's record of it, NULL if there is none (loading reports
** that). The allocation goes to `work`, which the caller empties after each
** scenario. Returns an exit code. */
static int run_scenario(Side *c, Side *base, const WhatIfRun *o, const LoadOptions *lo, const char *name,
                        const Scenario *sc, Arena *work, ReadFiles *read, FILE *err)
{
    char msg[512];
    int rc = sc ? session_derive(&c->s, &base->s, o->rules, lo, sc, err) : SESSION_NOT_DERIVED;
    c->loaded = sc != NULL;
    if (rc == STATUS_OK) {
        c->apps = base->apps;
        c->n = base->n;
        c->as = base->as;
        c->cands = base->cands;
    } else if (rc == SESSION_NOT_DERIVED) {
        if (c->loaded)
            session_end(&c->s);
        LoadOptions slo = *lo;
        slo.scenario = name;
        rc = session_load(&c->s, o->rules, &slo, err);
        c->loaded = true;
        /* The scenario's own program: the assessments are read against it
        ** (a criterion it drops that an assessment names is an error). */
        if (rc == STATUS_OK)
            rc = session_rulings(&c->s, o->assessments);
        if (rc == STATUS_OK && c->s.rulings) {
            free(c->s.ruling_seen);   /* checked once, in the baseline */
            c->s.ruling_seen = NULL;
        }
        if (rc != STATUS_OK)
            return rc;
        read_collect(read, &c->s, lo);
        if (sc && program_scenario_keeps_data(sc)) {
            c->apps = base->apps;
            c->n = base->n;
        } else {
            /* A table the applications refer to is replaced: read them
            ** again, saying whatever reads otherwise. */
            rc = read_again(c, base, o, name, err);
            if (rc != STATUS_OK)
                return rc;
        }
        assess_all(&c->s, c->apps, c->n, &c->as, &c->cands);
    }
    if (rc != STATUS_OK)
        return rc;
    c->name = c->s.prog->applied;
    c->label = sc ? sc->label : NULL;
    /* Conservation is proven for every scenario, derived or not. */
    if (!allocation_run(&c->s.cx, c->apps, c->cands, c->n, work, &c->al, msg, sizeof msg))
        return allocation_report_failure(&c->al, msg, o->applications, c->name, err);
    return STATUS_OK;
}

int whatif_run(const WhatIfRun *o, FILE *err)
{
    Arena a;
    arena_init(&a);
    int rc = STATUS_OK;
    const WhatIfRun *wo = o;
    Money sweep_from = o->sweep_from, sweep_step = o->sweep_step;
    size_t n_sweep = o->n_sweep;
    const char *sweep_pot = o->sweep_pot;
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths, .scenario_file = wo->scenario_file,
                      .scenario_text = o->scenario_text, .scenario_text_name = o->scenario_text_name ? o->scenario_text_name : "kommandoraden", .werror = o->werror};

    /* The baseline first: it says which scenarios exist, and its session
    ** holds the applications every scenario works from. */
    Side base = {.name = "baslinje"};
    rc = session_load(&base.s, o->rules, &lo, err);
    base.loaded = true;
    if (rc == STATUS_OK)
        rc = session_rulings(&base.s, o->assessments);
    const char **names = NULL;
    const Scenario **scen = NULL;   /* names[i]'s, or NULL if the baseline knows no such scenario */
    size_t n_names = 0;
    if (rc == STATUS_OK) {
        const Program *bp = base.s.prog;
        names = arena_alloc(&a, (bp->n_scenarios + wo->n_scenarios + 1) * sizeof *names);
        scen = arena_alloc(&a, (bp->n_scenarios + wo->n_scenarios + 1) * sizeof *scen);
        for (size_t i = 0; i < wo->n_scenarios; i++) {
            for (size_t k = 0; k < bp->n_scenarios && !scen[n_names]; k++)
                if (strcmp(bp->scenarios[k].name, wo->scenarios[i]) == 0)
                    scen[n_names] = &bp->scenarios[k];
            names[n_names++] = wo->scenarios[i];
        }
        /* A name the rules lack is a usage error, said before any
        ** application is read; so is a pot or a criterion the command line
        ** changes that the rule file lacks. */
        size_t unknown = unknown_scenarios(&a, bp, o, names, scen, n_names, err) + unknown_changes(&a, bp, o, err);
        if (unknown)
            rc = STATUS_USAGE;
        /* With nothing named: every declared scenario (or the command line's). */
        for (size_t i = 0; rc == STATUS_OK && i < bp->n_scenarios; i++) {
            const char *nm = bp->scenarios[i].name;
            bool from_cli = from_command_line(nm);
            if (from_cli || (wo->n_scenarios == 0 && wo->all_scenarios && !n_sweep)) {
                scen[n_names] = &bp->scenarios[i];
                names[n_names++] = nm;
            }
        }
        if (rc != STATUS_OK) {
            /* said */
        } else if (n_names == 0 && wo->all_scenarios && bp->n_scenarios == 0) {
            /* --all of nothing: said so, not as if --all had not been given. */
            if (wo->scenario_file)
                fprintf(err, _("medel: whatif: --all, men varken regelfilen %s eller scenariofilen %s har något scenario; "
                               "använd --set eller --sweep\n"),
                        o->rules, wo->scenario_file);
            else
                fprintf(err, _("medel: whatif: --all, men regelfilen %s har inga scenarier; ge dem med --scenarios FIL, "
                               "eller använd --set eller --sweep\n"),
                        o->rules);
            rc = STATUS_USAGE;
        } else if (n_names == 0) {
            fputs(bp->n_scenarios ? _("medel: whatif: välj scenarier (--scenario NAMN, --all), eller använd --set eller --sweep; "
                                      "scenarierna är:\n")
                                  : _("medel: whatif: välj scenarier (--scenario NAMN, --all), eller använd --set eller --sweep\n"),
                  err);
            for (size_t i = 0; i < bp->n_scenarios; i++)
                fprintf(err, "  %s%s%s\n", bp->scenarios[i].name, bp->scenarios[i].label ? ": " : "",
                        bp->scenarios[i].label ? bp->scenarios[i].label : "");
            rc = STATUS_USAGE;
        }
    }
    AppCounts counts;
    ReadOptions ro = {o->applications, o->input_format, o->keep_going, o->sheet};
    /* A workbook lists the baseline's rejected rows (Avvisade rader): the
    ** reader's messages are kept as they go to err. */
    ReaderLog log = {.applications = o->applications, .err = err};
    if (rc == STATUS_OK && o->xlsx) {
        base.s.listen = reader_log_line;
        base.s.listen_ctx = &log;
    }
    if (rc == STATUS_OK)
        rc = read_all(&base.s, &ro, &base.apps, &base.n, &counts);
    char msg[512];
    if (rc == STATUS_OK) {
        assess_all(&base.s, base.apps, base.n, &base.as, &base.cands);
        rc = session_rulings_end(&base.s);
    }
    if (rc == STATUS_OK) {
        if (!allocation_run(&base.s.cx, base.apps, base.cands, base.n, &base.s.a, &base.al, msg, sizeof msg))
            rc = allocation_report_failure(&base.al, msg, o->applications, NULL, err);
    }
    /* Then each scenario, one at a time: its column goes into the
    ** comparison and its session is freed before the next one runs. Its
    ** allocation and scratch memory go to `work`, emptied but kept for the
    ** next: a sweep has the same need at every point. */
    ReadFiles read = {.a = &a};
    if (rc == STATUS_OK)
        read_collect(&read, &base.s, &lo);
    Comparison cmp;
    Arena work;
    arena_init(&work);
    WhatIf *w = &cmp.w;
    if (rc == STATUS_OK) {
        comparison_init(&cmp, &a, &base, 1 + n_names);
        add_column(&cmp, 0, &base, &base, &work);
        if (n_sweep) {
            w->is_sweep = true;
            w->sweep_what = sweep_pot;
            w->sweep_value = arena_alloc(&a, w->n_columns * sizeof *w->sweep_value);
            int bp = program_find_pot(base.s.prog, sweep_pot);
            w->sweep_value[0] = bp >= 0 ? base.s.prog->pots[bp].amount : 0;
        }
    }
    for (size_t i = 0; rc == STATUS_OK && i < n_names; i++) {
        Side c = {0};
        rc = run_scenario(&c, &base, o, &lo, names[i], scen[i], &work, &read, err);
        if (rc == STATUS_OK) {
            char buf[48];
            if (strncmp(names[i], "svep_", 5) == 0) {
                c.sweep = sweep_from + (Money)(atol(names[i] + 5) - 1) * sweep_step;
                c.name = money_format(c.sweep, buf, sizeof buf);   /* add_column copies it */
            }
            if (n_sweep)
                w->sweep_value[1 + i] = c.sweep;
            add_column(&cmp, 1 + i, &base, &c, &work);
        }
        if (c.loaded)
            session_end(&c.s);
        arena_reset(&work);
    }
    arena_free(&work);
    if (rc == STATUS_OK) {
        char hex[65];
        const char *app_hex = strcmp(o->applications, "-") == 0 ? stdin_sha256()
                            : sha256_file(o->applications, hex) ? hex : NULL;
        read_add(&read, "applications", o->applications, app_hex);
        if (wo->scenario_file)
            read_add(&read, "rules", wo->scenario_file, NULL);   /* in the sources already, unless unreadable */
        const char **inputs = arena_alloc(&a, (read.n + 1) * sizeof *inputs);
        for (size_t i = 0; i < read.n; i++)
            inputs[i] = read.f[i].path;
        w->inputs = read.f;
        w->n_inputs = read.n;
        w->rejected = counts.rejected;
        OutFile out;
        if (!out_open(&out, o->output, inputs, read.n, msg, sizeof msg)) {
            fprintf(err, "medel: %s\n", msg);
            rc = STATUS_IO;
        } else {
            out_to_stream(&out, o->out);
            if (!o->html && !o->xlsx && o->format == REPORT_TABLE)
                out_escape(&out);
            if (o->xlsx) {
                /* A workbook is binary: out_escape was not applied. */
                RunFacts facts = {.command = "whatif", .p = base.s.prog, .set = &base.s.set,
                                  .applications = o->applications, .args = o->args, .n_args = o->n_args,
                                  .counts = &counts, .log = &log};
                if (!print_xlsx(out.f, &a, w, &facts, msg, sizeof msg)) {
                    fprintf(err, "medel: %s\n", msg);
                    rc = STATUS_IO;
                }
            } else if (o->html)
                html_whatif(w, out.f);
            else if (o->format == REPORT_JSON)
                print_json(out.f, w);
            else if (o->format == REPORT_CSV && o->changes_table)
                print_changes_csv(out.f, w);
            else if (o->format == REPORT_CSV)
                print_csv(out.f, &a, w);
            else
                print_table(out.f, &a, w);
            if (rc != STATUS_OK)
                out_abort(&out);
            else if (!out_commit(&out, msg, sizeof msg)) {
                fprintf(err, "medel: %s\n", msg);
                rc = STATUS_IO;
            }
        }
        /* As rows rejected in the baseline, rows a scenario reads otherwise
        ** are compared under --keep-going, and still end in 67. */
        size_t apart = 0;
        for (size_t c = 1; c < w->n_columns; c++)
            apart += w->read_apart[c];
        if (rc == STATUS_OK && (counts.rejected || apart))
            rc = STATUS_APPLICATIONS;
    }
    if (base.loaded)
        session_end(&base.s);
    reader_log_free(&log);
    arena_free(&a);
    return rc;
}
