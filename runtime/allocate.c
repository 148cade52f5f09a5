/*
** allocate.c: the allocation of allocate.h. The pot tree is walked once in
** pre-order (the order of prog->pots): every pot gets its PotResult, a split
** pot is followed by one PotResult per table row, and a pot that takes
** applications hands its (sub-)pots out right away, so an application funded
** by an earlier pot is no longer a candidate for a later one.
**
** Choices the header leaves open, made here and relied on by the reports:
**   - an application whose requested amount is missing (< 0) is never a
**     candidate: it gets no Grant at all (it needs manual assessment);
**   - an application that could get 0 öre (a request of 0, or an applicant
**     who has used the whole cap) is GRANT_BELOW_MINIMUM: a grant of nothing
**     is no grant, so the effective minimum is max(minimum grant, 1 öre);
**   - NO_ROUTE grants are the split pot's own group (sub -1), before its
**     sub-pots, in rank order;
**   - the tie-breaks lägst_belopp/högst_belopp compare the requested amount
**     as submitted (before caps); after the pot's tie-breaks come the key,
**     then the input order, so the order is total;
**   - an application whose applicant is unknown (applicant NULL) is its own
**     applicant: the cap per applicant limits it alone;
**   - delvis stops at the first application that does not fit, also when
**     what is left is below the minimum grant (that one is then
**     GRANT_BELOW_MINIMUM and the rest GRANT_NOT_REACHED);
**   - counts in a PotResult are applications in that (sub-)pot only; a
**     split pot's own counts are the ones that could not be routed, and a
**     payout (rättighet) is not an application, so it counts in neither.
** Everything the Allocation points to lives in the caller's arena; scratch
** arrays do too (one set per run, reused pot by pot), except the weights in
** allocation_split, which has no arena (malloc'd and freed there). Every
** amount is computed with checked arithmetic; overflow makes
** allocation_run fail.
*/
#include "allocate.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "assessment.h"
#include "diag.h"
#include "i18n.h"
#include "invariant.h"
#include "status.h"
#include "strmap.h"

__extension__ typedef __int128 i128;

/* One run's state; everything in it lives in the caller's arena. */
typedef struct Run {
    const EvalContext *cx;
    const Program *prog;
    const Application *apps;
    const Candidate *cands;
    size_t n;
    Arena *a;
    char *msg;
    size_t msg_len;
    size_t *res_of;      /* per pot: index of its own PotResult */
    bool *funded;        /* per candidate: granted money in some pot already */
    int32_t *who;        /* per candidate: applicant id (interned), or -1 */
    size_t n_who;
    Money *used;         /* per applicant id: granted in the current pot */
    PotResult *res;
    size_t n_res;
    Grant *grants;
    size_t n_grants, cap_grants;
    AllocationFailure failure;   /* what bail() reports: a bug unless input() said otherwise */
    bool has_leftover;           /* a 'kvar' other than stannar, or a second round */
    /* The split pot being handed out: its candidates by sub-pot, in file
    ** order, so that each sub-pot looks at its own (row `rows` holds those
    ** that cannot be routed). bucket_at has rows + 2 entries (arena). */
    int32_t *bucket, *bucket_at;
} Run;

/* A candidate as the ranking sees it: the sort keys copied next to the
** index, and the pot, because qsort's comparator gets no context. */
typedef struct Entry {
    const Pot *pot;
    const char *key;
    int64_t score;
    Money requested;
    uint32_t order;
    int32_t idx;
} Entry;

static void say_why(Run *r, const char *fmt, va_list ap)
{
    if (r->msg && r->msg_len > 0)
        vsnprintf(r->msg, r->msg_len, fmt, ap);
}

static bool bail(Run *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Records why the run failed; always returns false, for `return bail(…)`. */
static bool bail(Run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    say_why(r, fmt, ap);
    va_end(ap);
    return false;
}

static bool input(Run *r, AllocationFailure why, const char *fmt, ...) __attribute__((format(printf, 3, 4)));

/* Records that the input, not medel, made the run fail: a sum of amounts
** passed INT64_MAX öre. Always returns false. */
static bool input(Run *r, AllocationFailure why, const char *fmt, ...)
{
    r->failure = why;
    va_list ap;
    va_start(ap, fmt);
    say_why(r, fmt, ap);
    va_end(ap);
    return false;
}

int allocation_report_failure(const Allocation *al, const char *msg, const char *apps_path, const char *scenario,
                              FILE *err)
{
    /* The label "error" is not translated (editors and logs read it); what
    ** follows is. The checks of medel's own sums (ALLOCATION_BUG) are for
    ** engineers: their text stays English, after a Swedish word that it is
    ** medel's fault. */
    fputs("medel: error: ", err);
    if (scenario)
        fprintf(err, _("i scenariot %s: "), scenario);
    switch (al->failure) {
    case ALLOCATION_BAD_APPLICATIONS:
        fprintf(err, "%s: %s\n", apps_path ? apps_path : "-", msg);
        return STATUS_APPLICATIONS;
    case ALLOCATION_BAD_RULES:
        fprintf(err, "%s\n", msg);
        return STATUS_RULES;
    case ALLOCATION_BUG:
        break;
    }
    fprintf(err, _("internt fel i medel: %s\n"), msg);
    return STATUS_SOFTWARE;
}

/* ---- the applicant index ---- */

/* Gives every distinct applicant text a small id, so the caps per applicant
** are a plain array indexed by id, reset pot by pot. */
static void intern(Run *r)
{
    StrMap ids = {0};   /* applicant text -> id; slots in the run's arena */
    strmap_reserve(&ids, r->a, r->n);
    r->who = arena_alloc(r->a, (r->n + 1) * sizeof *r->who);
    r->used = arena_alloc(r->a, (r->n + 1) * sizeof *r->used);
    for (size_t i = 0; i < r->n; i++) {
        const char *s = r->cands[i].applicant;
        r->who[i] = -1;
        if (!s)
            continue;
        int32_t id = strmap_insert(&ids, r->a, s, strlen(s), (int32_t)r->n_who);
        r->who[i] = id >= 0 ? id : (int32_t)r->n_who++;
    }
}

/* ---- ranking ---- */

static int cmp_int(int64_t a, int64_t b)
{
    return (a > b) - (a < b);
}

/* Highest score first, then the pot's tie-breaks (TIE_KEY among them, last),
** then the input order and the index: a total order, so qsort's lack of
** stability cannot show. */
static int compare(const void *pa, const void *pb)
{
    const Entry *x = pa, *y = pb;
    int c = cmp_int(y->score, x->score);
    if (c != 0)
        return c;
    const Pot *pot = x->pot;
    for (size_t t = 0; t < pot->n_tie_break; t++) {
        switch (pot->tie_break[t]) {
        case TIE_AMOUNT_ASC: c = cmp_int(x->requested, y->requested); break;
        case TIE_AMOUNT_DESC: c = cmp_int(y->requested, x->requested); break;
        case TIE_ORDER: c = cmp_int(x->order, y->order); break;
        case TIE_KEY: c = strcmp(x->key ? x->key : "", y->key ? y->key : ""); break;
        }
        if (c != 0)
            return c;
    }
    c = cmp_int(x->order, y->order);
    return c != 0 ? c : cmp_int(x->idx, y->idx);
}

/* ---- results and grants ---- */

/* Appends a grant. Slots come zeroed from the arena and are filled field by
** field, so padding stays zero and two runs compare equal byte for byte. */
static Grant *push(Run *r, int32_t app, int pot, int32_t sub)
{
    if (r->n_grants == r->cap_grants) {
        size_t cap = r->cap_grants ? 2 * r->cap_grants : 16;
        r->grants = arena_grow(r->a, r->grants, r->n_grants, cap, sizeof *r->grants);
        r->cap_grants = cap;
    }
    Grant *g = &r->grants[r->n_grants++];
    g->app = app;
    g->pot = (int32_t)pot;
    g->sub = sub;
    return g;
}

/* What candidate i may get in `pot`: its request under the cap per
** application and what its applicant has left under the cap per applicant. */
static Money limit(const Run *r, const Pot *pot, size_t i, bool *capped)
{
    Money w = r->cands[i].requested;
    *capped = false;
    if (pot->cap_per_application > 0 && w > pot->cap_per_application) {
        w = pot->cap_per_application;
        *capped = true;
    }
    if (pot->cap_per_applicant > 0) {
        Money room = pot->cap_per_applicant;
        if (r->who[i] >= 0)
            room -= r->used[r->who[i]];
        ASSERT(room >= 0);   /* every grant to the applicant was limited by this room */
        if (w > room) {
            w = room;
            *capped = true;
        }
    }
    return w;
}

/* What candidate i's applicant already has in the current pot under its
** cap per applicant (0 without that cap), for the reports. */
static Money used_by(const Run *r, const Pot *pot, size_t i)
{
    return pot->cap_per_applicant > 0 && r->who[i] >= 0 ? r->used[r->who[i]] : 0;
}

/* Adds what candidate i was granted to its applicant's running total. */
static bool charge(Run *r, size_t i, Money amount)
{
    if (r->who[i] < 0)
        return true;
    Money *u = &r->used[r->who[i]];
    return money_add(*u, amount, u) ||
           input(r, ALLOCATION_BAD_APPLICATIONS,
                 _("sökanden '%s' söker sammanlagt mer än medel kan räkna i öre (högst 92 233 720 368 547 758 kr): "
                   "ansökan '%s' (post %zu) gör att summan går över gränsen"), r->cands[i].applicant, r->cands[i].key, r->apps ? r->apps[i].record : 0);
}

/* Ranks the candidates of one (sub-)pot: those in entries[0..m). */
static void rank(const Run *r, int pot, Entry *entries, size_t m)
{
    for (size_t j = 0; j < m; j++) {
        const Candidate *c = &r->cands[entries[j].idx];
        entries[j].pot = &r->prog->pots[pot];
        entries[j].key = c->key;
        entries[j].score = c->score[pot];
        entries[j].requested = c->requested;
        entries[j].order = c->order;
    }
    qsort(entries, m, sizeof *entries, compare);
}

/* rangordning over one (sub-)pot holding `amount`: in rank order, each gets
** its capped request while the pot lasts; `sista` decides about the first
** one that does not fit. Returns false on overflow. */
static bool hand_out_ranked(Run *r, int pot, int32_t sub, Money amount, const Entry *e, size_t m, PotResult *pr)
{
    const Pot *p = &r->prog->pots[pot];
    Money min = p->min_grant > 1 ? p->min_grant : 1;
    Money left = amount;
    bool stopped = false;
    for (size_t j = 0; j < m; j++) {
        size_t i = (size_t)e[j].idx;
        bool capped;
        Money w = limit(r, p, i, &capped);
        Grant *g = push(r, e[j].idx, pot, sub);
        g->wanted = w;
        g->score = e[j].score;
        g->rank = (uint32_t)(j + 1);
        g->capped = capped;
        g->left = left;
        g->applicant_used = used_by(r, p, i);
        if (stopped || left == 0) {
            g->status = GRANT_NOT_REACHED;
            g->stopped = stopped;
        } else if (w < min) {
            g->status = GRANT_BELOW_MINIMUM;
        } else if (w <= left) {
            g->status = GRANT_FULL;
            g->amount = w;
        } else if (p->last == LAST_PARTIAL) {
            /* delvis: what is left, if that is a grant at all; either way
            ** nobody after this one is funded from this pot. */
            /* A part is rounded down to the pot's unit (avrundning). */
            Money part = left - left % p->grant_unit;
            if (part >= min && part > 0) {
                g->status = GRANT_PARTIAL;
                g->amount = part;
            } else {
                g->status = GRANT_BELOW_MINIMUM;
            }
            stopped = true;
        } else {
            g->status = GRANT_NOT_REACHED;   /* hoppa_över tries the next; stopp ends here */
            stopped = p->last == LAST_STOP;
        }
        pr->n_considered++;
        if (g->amount > 0) {
            left -= g->amount;   /* amount <= left */
            r->funded[i] = true;
            pr->n_funded++;
            if (!money_add(pr->granted, g->amount, &pr->granted) || !charge(r, i, g->amount))
                return bail(r, "pot '%s': granted amounts overflow", pr->name);
        }
    }
    return true;
}

/* proportionell over one (sub-)pot holding `amount`. Capped requests below
** the minimum grant can never be paid, so they take no part. If the rest
** fit, each is paid in full; otherwise the pot is apportioned to them by
** largest remainder in whole öre (a share never exceeds its request, since
** the pot is smaller than their sum). A share that falls below the minimum
** grant is not paid, and its money stays unallocated in the pot rather than
** being shared out again: a second round could push other shares under the
** minimum in turn, and allocate.h specifies one proportional division.
** The caps per applicant are applied in rank order to the requests (so an
** applicant's requests together stay within its cap), then charged with
** what was actually granted. Returns false on overflow. */
static bool hand_out_pro_rata(Run *r, int pot, int32_t sub, Money amount, const Entry *e, size_t m, PotResult *pr,
                              Money *w, Money *share)
{
    const Pot *p = &r->prog->pots[pot];
    Money min = p->min_grant > 1 ? p->min_grant : 1;
    size_t first = r->n_grants;
    Money sum = 0;
    for (size_t j = 0; j < m; j++) {
        size_t i = (size_t)e[j].idx;
        bool capped;
        Money x = limit(r, p, i, &capped);
        Grant *g = push(r, e[j].idx, pot, sub);
        g->wanted = x;
        g->score = e[j].score;
        g->rank = (uint32_t)(j + 1);
        g->capped = capped;
        g->left = amount;
        g->applicant_used = used_by(r, p, i);
        w[j] = x >= min ? x : 0;
        /* Reserve the request, so the next of the same applicant sees it. */
        if (!money_add(sum, w[j], &sum))
            return input(r, ALLOCATION_BAD_APPLICATIONS,
                         _("potten '%s' fördelar i proportion till det sökta, och ansökningarna söker sammanlagt mer än "
                           "medel kan räkna i öre (högst 92 233 720 368 547 758 kr): ansökan '%s' (post %zu) gör att "
                           "summan går över gränsen"),
                         pr->name, r->cands[i].key, r->apps ? r->apps[i].record : 0);
        if (!charge(r, i, w[j]))
            return false;
    }
    pr->shared_over = sum;
    bool fits = sum <= amount;
    if (!fits) {
        Money leftover;
        if (!apportion(amount, p->grant_unit, w, m, APPORTION_LARGEST_REMAINDER, (Ratio){1, 1}, share, &leftover))
            return bail(r, "pot '%s': the proportional shares cannot be computed", pr->name);
        /* With a rounding unit a share can round up past its request. */
        for (size_t j = 0; j < m; j++)
            if (share[j] > w[j])
                share[j] = w[j];
    }
    for (size_t j = 0; j < m; j++) {
        size_t i = (size_t)e[j].idx;
        Grant *g = &r->grants[first + j];
        Money s = fits ? w[j] : share[j];
        pr->n_considered++;
        if (w[j] == 0 || s < min) {
            g->status = GRANT_BELOW_MINIMUM;
            s = 0;
        } else {
            g->status = s == g->wanted ? GRANT_FULL : GRANT_PARTIAL;
            g->amount = s;
            r->funded[i] = true;
            pr->n_funded++;
            if (!money_add(pr->granted, s, &pr->granted))
                return bail(r, "pot '%s': granted amounts overflow", pr->name);
        }
        /* Give back the reserved part that was not granted (s <= w[j]). */
        if (r->who[i] >= 0)
            r->used[r->who[i]] -= w[j] - s;
    }
    return true;
}

/* Collects the candidates of `pot` (row `sub` of a split pot; -1 = those
** that cannot be routed) into entries: eligible, with a request, and not
** funded yet. */
static size_t gather(const Run *r, int pot, int32_t sub, bool split, int32_t n_rows, Entry *entries)
{
    size_t m = 0;
    if (split) {
        int32_t b = sub < 0 ? n_rows : sub;
        for (int32_t j = r->bucket_at[b]; j < r->bucket_at[b + 1]; j++) {
            size_t i = (size_t)r->bucket[j];
            const Candidate *c = &r->cands[i];
            if (!r->funded[i] && c->requested >= 0 && c->eligible[pot] == OUTCOME_PASS)
                entries[m++] = (Entry){.idx = (int32_t)i};
        }
        return m;
    }
    for (size_t i = 0; i < r->n; i++) {
        const Candidate *c = &r->cands[i];
        if (r->funded[i] || c->requested < 0 || c->eligible[pot] != OUTCOME_PASS)
            continue;
        entries[m++] = (Entry){.idx = (int32_t)i};
    }
    return m;
}

/* Hands out one (sub-)pot that takes applications. */
static bool hand_out(Run *r, int pot, int32_t sub, bool split, int32_t n_rows, PotResult *pr, Entry *entries, Money *w,
                     Money *share)
{
    const Pot *p = &r->prog->pots[pot];
    size_t m = gather(r, pot, sub, split, n_rows, entries);
    rank(r, pot, entries, m);
    if (split && sub < 0) {
        /* Eligible, but its routing field names no sub-pot. */
        for (size_t j = 0; j < m; j++) {
            bool capped = false;
            Money x = r->cands[entries[j].idx].requested;
            if (p->cap_per_application > 0 && x > p->cap_per_application) {
                x = p->cap_per_application;
                capped = true;
            }
            Grant *g = push(r, entries[j].idx, pot, -1);
            g->wanted = x;
            g->score = entries[j].score;
            g->rank = (uint32_t)(j + 1);
            g->status = GRANT_NO_ROUTE;
            g->capped = capped;
            pr->n_considered++;
        }
        return true;
    }
    Money held;   /* its amount and what other pots moved here */
    if (!money_add(pr->amount, pr->moved_in, &held))
        return bail(r, "pot '%s': the moved money overflows", pr->name);
    if (p->policy == POLICY_PRO_RATA)
        return hand_out_pro_rata(r, pot, sub, held, entries, m, pr, w, share);
    return hand_out_ranked(r, pot, sub, held, entries, m, pr);
}

/* rättighet: the (sub-)pot is paid out whole, to its key. */
static bool pay_out(Run *r, int pot, int32_t sub, PotResult *pr)
{
    Grant *g = push(r, -1, pot, sub);
    g->amount = g->wanted = pr->amount;
    g->rank = 1;
    g->status = GRANT_PAYOUT;
    pr->granted = pr->amount;
    return true;
}

/* The split rules of pot p for its current amount; false when a percentage
** of the pot is not whole öre (the checker reports it). */
static bool split_rules_of(const Pot *p, SplitRules *r)
{
    const Split *s = &p->split;
    *r = (SplitRules){0};
    if (!s->has_rules)
        return true;
    if (!split_amount_of(&s->base, p->amount, &r->base) || !split_amount_of(&s->cap, p->amount, &r->cap))
        return false;
    if (s->has_threshold && s->threshold_is_percent) {
        r->threshold_share = true;
        r->threshold_pct = s->threshold_percent;
    } else if (s->has_threshold) {
        r->threshold_min = s->threshold_weight;
    }
    r->min_units = s->min_units;
    return true;
}

/* The weights of p's split, malloc'd (the caller frees them), or NULL when a
** cell is not a number (the checker and the loader allow none). */
static int64_t *split_weights(const EvalContext *cx, const Split *s)
{
    const TableData *t = &cx->tables[s->table];
    size_t cols = t->decl->n_columns;
    int64_t *w = xmalloc((t->n_rows + 1) * sizeof *w);
    for (size_t row = 0; row < t->n_rows; row++) {
        const Value *v = &t->cells[row * cols + (size_t)s->column];
        if (v->kind == VAL_INT) {
            w[row] = v->u.i;
        } else if (ALWAYS(v->kind == VAL_MONEY)) {   /* the checker allows no other type, the loader no empty cell */
            w[row] = v->u.money;
        } else {
            free(w);
            return NULL;
        }
    }
    return w;
}

bool allocation_has_split_rules(const Program *p)
{
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].has_split && p->pots[k].split.has_rules)
            return true;
    return false;
}

const char *allocation_split_parts(const Program *p, const PotResult *r, bool translate, char *buf, size_t n)
{
#define TR(s) (translate ? _(s) : (s))
    if (n == 0)
        return "";
    buf[0] = '\0';
    if (r->sub < 0 || r->pot < 0 || (size_t)r->pot >= p->n_pots || !p->pots[r->pot].split.has_rules)
        return buf;
    if (r->split_flags & SPLIT_EXCLUDED) {
        /* Without a threshold, only a weight of 0 leaves a row out. */
        snprintf(buf, n, "%s", p->pots[r->pot].split.has_threshold ? TR(N_("under spärren")) : TR(N_("vikten är 0")));
        return buf;
    }
    char b1[48], b2[48], parts[160];
    money_format(r->split_base, b1, sizeof b1);
    money_format(r->split_share, b2, sizeof b2);
    if (r->split_base > 0)
        snprintf(parts, sizeof parts, TR(N_("grundbelopp %s + andel %s")), b1, b2);
    else
        snprintf(parts, sizeof parts, TR(N_("andel %s")), b2);
    if (r->split_flags & SPLIT_CAPPED)
        snprintf(buf, n, TR(N_("%s (tak)")), parts);
    else if (r->split_flags & SPLIT_RAISED)
        snprintf(buf, n, TR(N_("%s (höjd till det minsta)")), parts);
    else
        snprintf(buf, n, "%s", parts);
    return buf;
#undef TR
}

bool allocation_check_splits(const EvalContext *cx, Diags *d)
{
    const Program *prog = cx->prog;
    bool ok = true;
    for (size_t k = 0; k < prog->n_pots; k++) {
        const Pot *p = &prog->pots[k];
        if (!p->has_split || p->split.table < 0 || p->split.column < 0)
            continue;
        const TableData *t = &cx->tables[p->split.table];
        int64_t *w = split_weights(cx, &p->split);
        if (!w)
            continue;
        ok = program_check_split_rows(prog, (int)k, w, t->keys, t->n_rows, d) && ok;
        free(w);
    }
    return ok;
}

bool allocation_split(const EvalContext *cx, int pot, Money *parts, Money *leftover)
{
    return allocation_split_detail(cx, pot, parts, NULL, leftover, NULL, NULL);
}

bool allocation_split_detail(const EvalContext *cx, int pot, Money *parts, SplitShare *detail, Money *leftover,
                             bool *over_pot, Money *needed)
{
    if (over_pot)
        *over_pot = false;
    const Program *prog = cx->prog;
    if (pot < 0 || (size_t)pot >= prog->n_pots || !prog->pots[pot].has_split)
        return false;
    const Pot *p = &prog->pots[pot];
    const Split *s = &p->split;
    if (s->table < 0 || (size_t)s->table >= prog->n_tables || s->column < 0)
        return false;
    const TableData *t = &cx->tables[s->table];
    SplitRules rules;
    if (!split_rules_of(p, &rules))
        return false;
    int64_t *w = split_weights(cx, s);
    if (!w)
        return false;
    Money need = 0;
    SplitStatus st = apportion_rules(p->amount, s->unit, w, t->n_rows, s->method, s->first_divisor, &rules, parts,
                                     detail, leftover, &need);
    free(w);
    if (st == SPLIT_OVER_POT) {
        if (over_pot)
            *over_pot = true;
        if (needed)
            *needed = need;
    }
    return st == SPLIT_OK;
}

/* Whether the weights of p's split add up within int64: the table loader
** checks each cell, but not their sum. Reports the table file and the row
** that passes the limit. */
static bool split_weights_fit(Run *r, const Pot *p, const TableData *t)
{
    size_t cols = t->decl->n_columns;
    int64_t sum = 0;
    for (size_t row = 0; row < t->n_rows; row++) {
        const Value *v = &t->cells[row * cols + (size_t)p->split.column];
        int64_t x = v->kind == VAL_INT ? v->u.i : v->kind == VAL_MONEY ? v->u.money : 0;
        if (x > 0 && !money_add(sum, x, &sum))
            return input(r, ALLOCATION_BAD_RULES,
                         _("%s: kolumnen '%s' summerar till mer än medel kan räkna (9 223 372 036 854 775 807) vid raden "
                           "'%s', så potten '%s' kan inte delas i proportion till den"),
                         t->decl->path ? t->decl->path : t->decl->file, t->decl->columns[p->split.column].name,
                         t->keys[row], p->name);
    }
    return true;
}

/* ---- the walk ---- */

/* Sets up every PotResult: pre-order, each split pot followed by its rows. */
static bool lay_out(Run *r)
{
    const Program *prog = r->prog;
    size_t n_res = 0;
    for (size_t k = 0; k < prog->n_pots; k++) {
        const Pot *p = &prog->pots[k];
        size_t rows = p->has_split ? r->cx->tables[p->split.table].n_rows : 0;
        if (__builtin_add_overflow(n_res, rows + 1, &n_res))
            return bail(r, "too many sub-pots");
    }
    r->res = arena_alloc(r->a, (n_res + 1) * sizeof *r->res);
    r->res_of = arena_alloc(r->a, (prog->n_pots + 1) * sizeof *r->res_of);
    r->n_res = n_res;
    size_t at = 0;
    for (size_t k = 0; k < prog->n_pots; k++) {
        const Pot *p = &prog->pots[k];
        PotResult *pr = &r->res[at];
        r->res_of[k] = at++;
        pr->pot = (int32_t)k;
        pr->sub = -1;
        pr->moved_to = -1;
        pr->name = p->name;
        pr->amount = p->amount;
        if (p->amount < 0)
            return bail(r, "pot '%s' has a negative amount", p->name);
        if (!p->has_split)
            continue;
        const TableData *t = &r->cx->tables[p->split.table];
        Money *parts = arena_alloc(r->a, (t->n_rows + 1) * sizeof *parts);
        Money leftover;
        if (!split_weights_fit(r, p, t))
            return false;
        SplitShare *detail = arena_alloc(r->a, (t->n_rows + 1) * sizeof *detail);
        bool over_pot = false;
        Money needed = 0;
        if (!allocation_split_detail(r->cx, (int)k, parts, detail, &leftover, &over_pot, &needed)) {
            char have[48], need[48];
            if (over_pot)   /* reported at the rule when the tables are read; this is for callers that do not */
                return input(r, ALLOCATION_BAD_RULES,
                             _("potten '%s': grundbeloppen och det minsta till varje mottagare i fördelningen per %s "
                               "blir %s, mer än pottens %s"),
                             p->name, t->decl->name, money_format(needed, need, sizeof need),
                             money_format(p->amount, have, sizeof have));
            return bail(r, "pot '%s': the split per %s cannot be computed (a weight is negative, missing or too large)",
                        p->name, t->decl->name);
        }
        for (size_t row = 0; row < t->n_rows; row++) {
            PotResult *sp = &r->res[at++];
            sp->pot = (int32_t)k;
            sp->sub = (int32_t)row;
            sp->moved_to = -1;
            sp->name = arena_printf(r->a, "%s/%s", p->name, t->keys[row]);
            sp->amount = parts[row];
            if (p->split.has_rules) {
                sp->split_base = detail[row].base;
                sp->split_share = detail[row].share;
                sp->split_flags = detail[row].flags;
                Money sum;
                if (NEVER(!money_add(sp->split_base, sp->split_share, &sum) || sum != sp->amount))
                    return bail(r, "pot '%s/%s': the base and the share do not add up to the sub-pot", p->name,
                                t->keys[row]);
            }
            if (!money_add(pr->to_children, parts[row], &pr->to_children))
                return bail(r, "pot '%s': the sub-pots overflow", p->name);
        }
        if (NEVER(leftover != p->amount - pr->to_children))
            return bail(r, "pot '%s': the split does not conserve: %lld + %lld != %lld öre", p->name,
                        (long long)pr->to_children, (long long)leftover, (long long)p->amount);
    }
    /* What a pot with sub-pots hands to them. */
    for (size_t k = 0; k < prog->n_pots; k++) {
        const Pot *p = &prog->pots[k];
        PotResult *pr = &r->res[r->res_of[k]];
        for (size_t c = 0; c < p->n_children; c++)
            if (!money_add(pr->to_children, prog->pots[p->children[c]].amount, &pr->to_children))
                return bail(r, "pot '%s': the sub-pots overflow", p->name);
    }
    return true;
}

/* Hands out every pot, in pre-order. */
/* Sorts the candidates of split pot `pot` by sub-pot (counting sort, so each
** sub-pot keeps file order) into r->bucket and r->bucket_at. */
static void buckets(Run *r, int pot, int32_t rows)
{
    r->bucket_at = arena_alloc(r->a, ((size_t)rows + 2) * sizeof *r->bucket_at);
    r->bucket = arena_alloc(r->a, (r->n + 1) * sizeof *r->bucket);
    memset(r->bucket_at, 0, ((size_t)rows + 2) * sizeof *r->bucket_at);
    for (size_t i = 0; i < r->n; i++) {
        int32_t row = r->cands[i].route[pot];
        r->bucket_at[(row >= 0 && row < rows ? row : rows) + 1]++;
    }
    for (int32_t b = 0; b <= rows; b++)
        r->bucket_at[b + 1] += r->bucket_at[b];
    int32_t *next = arena_alloc(r->a, ((size_t)rows + 1) * sizeof *next);
    memcpy(next, r->bucket_at, ((size_t)rows + 1) * sizeof *next);
    for (size_t i = 0; i < r->n; i++) {
        int32_t row = r->cands[i].route[pot];
        r->bucket[next[row >= 0 && row < rows ? row : rows]++] = (int32_t)i;
    }
}

/* Where pot k's leftover goes: its second round, the pot its 'kvar' moves
** it to, or -1 (it stays or is returned). */
static int leftover_next(const Program *prog, size_t k)
{
    const Pot *p = &prog->pots[k];
    if (p->round >= 0)
        return p->round;
    return p->leftover == LEFTOVER_MOVES ? p->leftover_to : -1;
}

/* The order pots are handed out in: the file's (pre-order), except that a
** pot receiving leftovers waits for every pot it receives from. Each pot
** sends to one place at most, so this is Kahn's algorithm taking the
** lowest-numbered ready pot each time; without moves it is the identity.
** order[] has prog->n_pots entries (arena). */
static bool order_pots(Run *r, size_t **order_out)
{
    const Program *prog = r->prog;
    size_t n = prog->n_pots;
    size_t *order = arena_alloc(r->a, (n + 1) * sizeof *order);
    *order_out = order;
    size_t *waits = arena_alloc(r->a, (n + 1) * sizeof *waits);
    bool *done = arena_alloc(r->a, n + 1);
    bool any = false;
    for (size_t k = 0; k < n; k++) {
        int to = leftover_next(prog, k);
        if (to >= 0 && (size_t)to < n) {
            waits[to]++;
            any = true;
        }
    }
    if (!any) {
        for (size_t k = 0; k < n; k++)
            order[k] = k;
        return true;
    }
    for (size_t at = 0; at < n; at++) {
        size_t k = 0;
        while (k < n && (done[k] || waits[k] > 0))
            k++;
        if (NEVER(k == n))
            return bail(r, "the leftover moves form a cycle");   /* the checker rejects one */
        done[k] = true;
        order[at] = k;
        int to = leftover_next(prog, k);
        if (to >= 0)
            waits[to]--;
    }
    return true;
}

/* What (sub-)pot result pr leaves once handed out goes where pot p's
** 'kvar' (or its second round) says. */
static bool dispose(Run *r, const Pot *p, PotResult *pr)
{
    Money given, left;
    if (!money_add(pr->to_children, pr->granted, &given) || !money_add(pr->amount, pr->moved_in, &left) ||
        !money_sub(left, given, &left))
        return bail(r, "pot '%s': amounts overflow", pr->name);
    int to = p->round >= 0 ? p->round : p->leftover == LEFTOVER_MOVES ? p->leftover_to : -1;
    pr->moved_to = -1;
    if (left > 0 && to >= 0) {
        PotResult *dst = &r->res[r->res_of[to]];
        pr->moved_out = left;
        pr->moved_to = (int32_t)r->res_of[to];
        if (!money_add(dst->moved_in, left, &dst->moved_in))
            return bail(r, "pot '%s': the moved money overflows", dst->name);
    } else if (left > 0 && p->leftover == LEFTOVER_RETURNED) {
        pr->returned = left;
    } else {
        pr->unallocated = left;
    }
    return true;
}

static bool walk(Run *r)
{
    const Program *prog = r->prog;
    Entry *entries = arena_alloc(r->a, (r->n + 1) * sizeof *entries);
    Money *w = arena_alloc(r->a, (r->n + 1) * sizeof *w);
    Money *share = arena_alloc(r->a, (r->n + 1) * sizeof *share);
    size_t *order;
    if (!order_pots(r, &order))
        return false;
    for (size_t at = 0; at < prog->n_pots; at++) {
        size_t k = order[at];
        const Pot *p = &prog->pots[k];
        size_t ri = r->res_of[k];
        int32_t rows = p->has_split ? (int32_t)r->cx->tables[p->split.table].n_rows : 0;
        if (p->n_children == 0 && p->policy == POLICY_ENTITLEMENT) {
            if (!p->has_split) {
                if (!pay_out(r, (int)k, -1, &r->res[ri]))
                    return false;
            }
            for (int32_t row = 0; row < rows; row++)
                if (!pay_out(r, (int)k, row, &r->res[ri + 1 + (size_t)row]))
                    return false;
        } else if (eval_takes_applications(prog, (int)k)) {
            /* The cap per applicant holds within this pot and its sub-pots,
            ** and on into its second round, which comes right after it. */
            if (p->round_of < 0)
                memset(r->used, 0, (r->n_who + 1) * sizeof *r->used);
            if (p->has_split) {
                buckets(r, (int)k, rows);
                if (!hand_out(r, (int)k, -1, true, rows, &r->res[ri], entries, w, share))
                    return false;
                for (int32_t row = 0; row < rows; row++)
                    if (!hand_out(r, (int)k, row, true, rows, &r->res[ri + 1 + (size_t)row], entries, w, share))
                        return false;
            } else if (!hand_out(r, (int)k, -1, false, 0, &r->res[ri], entries, w, share)) {
                return false;
            }
        }
        /* What is not handed on or out goes where 'kvar' says: the pot's
        ** own (a split's rounding) first, then each sub-pot's. */
        if (!dispose(r, p, &r->res[ri]))
            return false;
        for (int32_t row = 0; row < rows; row++)
            if (!dispose(r, p, &r->res[ri + 1 + (size_t)row]))
                return false;
        if (p->round_of >= 0 || p->leftover != LEFTOVER_STAYS)
            r->has_leftover = true;
    }
    return true;
}

/* ---- after the allocation ---- */

/* The value of a bound's count: an integer literal, or any constant integer
** expression (evaluated against an application with every field missing,
** which a constant does not look at). */
static bool resolve(const Run *r, const Expr *e, int64_t *out)
{
    if (e->kind == EXPR_INT) {
        *out = e->v.i;
        return true;
    }
    Value *none = arena_alloc(r->a, (r->prog->n_fields + 1) * sizeof *none);   /* all VAL_MISSING */
    Application blank = {.key = "", .values = none};
    Value v = eval_expr(r->cx, &blank, e, NULL);
    if (v.kind != VAL_INT)
        return false;
    *out = v.u.i;
    return true;
}

/* Portfolio constraints over the funded grants. A condition that cannot be
** decided for an application (a missing field) does not count it: the
** constraint is about what is known to hold. A percentage bound compares
** amount/total with the ratio exactly; with nothing granted in scope the
** share is taken as 0, so "minst 0 %" and every "högst" hold, and a
** positive "minst" does not. */
static bool check_portfolio(Run *r, Allocation *out)
{
    const Program *prog = r->prog;
    size_t n = 0;
    for (size_t i = 0; i < prog->n_portfolios; i++)
        n += prog->portfolios[i].n_bounds;
    out->portfolio = arena_alloc(r->a, (n + 1) * sizeof *out->portfolio);
    out->n_portfolio = n;
    size_t at = 0;
    for (size_t i = 0; i < prog->n_portfolios; i++) {
        const Portfolio *pf = &prog->portfolios[i];
        for (size_t b = 0; b < pf->n_bounds; b++) {
            const Bound *bd = &pf->bounds[b];
            PortfolioResult *res = &out->portfolio[at++];
            res->portfolio = (int32_t)i;
            res->bound = (int32_t)b;
            for (size_t g = 0; g < r->n_grants; g++) {
                const Grant *gr = &r->grants[g];
                if (gr->app < 0 || gr->amount <= 0)
                    continue;
                if (pf->pot >= 0 && !program_pot_within(prog, gr->pot, pf->pot))
                    continue;
                if (!money_add(res->total, gr->amount, &res->total))
                    return bail(r, "portfolio '%s': amounts overflow", pf->name);
                if (bd->where) {
                    Value v = eval_expr(r->cx, &r->apps[gr->app], bd->where, NULL);
                    if (v.kind != VAL_BOOL || !v.u.b)
                        continue;
                }
                res->count++;
                if (!money_add(res->amount, gr->amount, &res->amount))
                    return bail(r, "portfolio '%s': amounts overflow", pf->name);
            }
            if (bd->count->kind == EXPR_PERCENT) {
                Ratio q = bd->count->v.ratio;
                i128 lhs = (i128)res->amount * q.den, rhs = (i128)q.num * res->total;
                if (res->total == 0)
                    res->held = bd->at_least ? q.num <= 0 : true;
                else
                    res->held = bd->at_least ? lhs >= rhs : lhs <= rhs;
            } else {
                int64_t k;
                if (!resolve(r, bd->count, &k))
                    return bail(r, "portfolio '%s': bound %zu is neither a number of applications nor a percentage", pf->name,
                                b + 1);
                res->held = bd->at_least ? res->count >= k : res->count <= k;
            }
        }
    }
    return true;
}

/* The amounts per focus area: every funded application adds its grant to
** each focus area it is tagged with. An application with two areas counts
** in both, so the areas deliberately add up to more than the total. */
static bool sum_focus(Run *r, Allocation *out)
{
    const Program *prog = r->prog;
    out->by_focus = arena_alloc(r->a, (prog->n_focus + 1) * sizeof *out->by_focus);
    int field = -1;
    for (size_t f = 0; f < prog->n_fields && field < 0; f++)
        if (prog->fields[f].type.kind == TY_SET && prog->fields[f].type.elem == TY_FOCUS)
            field = (int)f;
    if (field < 0)
        return true;
    for (size_t g = 0; g < r->n_grants; g++) {
        const Grant *gr = &r->grants[g];
        if (gr->app < 0 || gr->amount <= 0)
            continue;
        const Value *v = &r->apps[gr->app].values[field];
        if (v->kind != VAL_SET)
            continue;
        for (size_t f = 0; f < prog->n_focus && f < MAX_SET_MEMBERS; f++)
            if ((v->u.set >> f) & 1u)
                if (!money_add(out->by_focus[f], gr->amount, &out->by_focus[f]))
                    return bail(r, "focus area '%s': amounts overflow", prog->focus[f].name);
    }
    return true;
}

/* Proves conservation from the finished result, recomputing every sum from
** the grants rather than trusting the running totals above. Each check is an
** ALWAYS or NEVER: in a build with invariants on (lang/invariant.h) a failure stops
** medel at once; otherwise allocation_run returns false (an internal error). */
static bool conserve(Run *r, Allocation *out)
{
    const Program *prog = r->prog;
    Money *sum = arena_alloc(r->a, (r->n_res + 1) * sizeof *sum);
    out->granted = 0;
    for (size_t g = 0; g < r->n_grants; g++) {
        const Grant *gr = &r->grants[g];
        size_t j = r->res_of[gr->pot] + (gr->sub >= 0 ? 1 + (size_t)gr->sub : 0);
        if (NEVER(gr->amount < 0 || (gr->app >= 0 && gr->amount > gr->wanted)))
            return bail(r, "pot '%s': a grant of %lld öre is negative or more than its request", r->res[j].name,
                        (long long)gr->amount);
        if (!money_add(sum[j], gr->amount, &sum[j]) || !money_add(out->granted, gr->amount, &out->granted))
            return bail(r, "pot '%s': grants overflow", r->res[j].name);
    }
    out->total = out->unallocated = out->returned = 0;
    /* What each result received, recomputed from the senders. */
    Money *received = arena_alloc(r->a, (r->n_res + 1) * sizeof *received);
    for (size_t j = 0; j < r->n_res; j++) {
        const PotResult *pr = &r->res[j];
        if (NEVER(pr->moved_out < 0 || (pr->moved_out > 0 && (pr->moved_to < 0 || (size_t)pr->moved_to >= r->n_res))))
            return bail(r, "pot '%s': %lld öre moved to no pot", pr->name, (long long)pr->moved_out);
        if (pr->moved_out > 0 && !money_add(received[pr->moved_to], pr->moved_out, &received[pr->moved_to]))
            return bail(r, "pot '%s': moved money overflows", pr->name);
    }
    for (size_t j = 0; j < r->n_res; j++) {
        const PotResult *pr = &r->res[j];
        Money whole, kids = 0, had;
        if (NEVER(pr->to_children < 0 || pr->granted < 0 || pr->unallocated < 0))
            return bail(r, "pot '%s': a negative share (children %lld, granted %lld, unallocated %lld öre)", pr->name,
                        (long long)pr->to_children, (long long)pr->granted, (long long)pr->unallocated);
        if (NEVER(pr->moved_in < 0 || pr->returned < 0))
            return bail(r, "pot '%s': a negative move (in %lld, returned %lld öre)", pr->name, (long long)pr->moved_in,
                        (long long)pr->returned);
        if (NEVER(received[j] != pr->moved_in))
            return bail(r, "pot '%s': received %lld öre, but the senders moved %lld", pr->name, (long long)pr->moved_in,
                        (long long)received[j]);
        /* Conservation: amount + moved in == parts + grants + moved out +
        ** returned + unallocated, to the öre. */
        if (!ALWAYS(money_add(pr->amount, pr->moved_in, &had) && money_add(pr->to_children, pr->granted, &whole) &&
                    money_add(whole, pr->moved_out, &whole) && money_add(whole, pr->returned, &whole) &&
                    money_add(whole, pr->unallocated, &whole) && whole == had))
            return bail(r, "pot '%s' does not conserve: %lld + %lld + %lld + %lld + %lld != %lld + %lld öre", pr->name,
                        (long long)pr->to_children, (long long)pr->granted, (long long)pr->moved_out,
                        (long long)pr->returned, (long long)pr->unallocated, (long long)pr->amount,
                        (long long)pr->moved_in);
        if (NEVER(sum[j] != pr->granted))
            return bail(r, "pot '%s': its grants add up to %lld öre, not %lld", pr->name, (long long)sum[j],
                        (long long)pr->granted);
        if (pr->sub < 0) {
            const Pot *p = &prog->pots[pr->pot];
            for (size_t c = 0; c < p->n_children; c++)
                if (!money_add(kids, r->res[r->res_of[p->children[c]]].amount, &kids))
                    return bail(r, "pot '%s': sub-pots overflow", pr->name);
            size_t rows = p->has_split ? r->cx->tables[p->split.table].n_rows : 0;
            for (size_t row = 0; row < rows; row++)
                if (!money_add(kids, r->res[j + 1 + row].amount, &kids))
                    return bail(r, "pot '%s': sub-pots overflow", pr->name);
            if (NEVER(kids != pr->to_children))
                return bail(r, "pot '%s': its sub-pots hold %lld öre, not %lld", pr->name, (long long)kids,
                            (long long)pr->to_children);
            if (p->parent < 0 && p->round_of < 0 && !money_add(out->total, pr->amount, &out->total))
                return bail(r, "the top-level pots overflow");
        }
        if (!money_add(out->unallocated, pr->unallocated, &out->unallocated) ||
            !money_add(out->returned, pr->returned, &out->returned))
            return bail(r, "unallocated amounts overflow");
    }
    Money whole;
    if (!ALWAYS(money_add(out->granted, out->unallocated, &whole) && money_add(whole, out->returned, &whole) &&
                whole == out->total))
        return bail(r, "the allocation does not conserve: granted %lld + returned %lld + unallocated %lld != total %lld öre",
                    (long long)out->granted, (long long)out->returned, (long long)out->unallocated,
                    (long long)out->total);
    return true;
}

bool allocation_run(const EvalContext *cx, const Application *apps, const Candidate *cands, size_t n, Arena *a,
                    Allocation *out, char *msg, size_t msg_len)
{
    Run r = {.cx = cx, .prog = cx->prog, .apps = apps, .cands = cands, .n = n, .a = a, .msg = msg, .msg_len = msg_len};
    memset(out, 0, sizeof *out);
    if (msg && msg_len > 0)
        msg[0] = '\0';
    if (n >= (size_t)INT32_MAX)
        return bail(&r, "too many applications (%zu)", n);
    r.funded = arena_alloc(a, (n + 1) * sizeof *r.funded);
    intern(&r);
    bool ok = lay_out(&r) && walk(&r);
    if (ok) {
        out->pots = r.res;
        out->n_pots = r.n_res;
        out->grants = r.grants;
        out->n_grants = r.n_grants;
        out->has_leftover = r.has_leftover;
        ok = check_portfolio(&r, out) && sum_focus(&r, out) && conserve(&r, out);
    }
    out->failure = ok ? ALLOCATION_BUG : r.failure;
    return ok;
}

/* ---- binding portfolio constraints ---- */

bool allocation_has_binding(const Program *p)
{
    for (size_t i = 0; p && i < p->n_portfolios; i++)
        if (p->portfolios[i].binding)
            return true;
    return false;
}

bool allocation_breaks_binding(const Program *p, const Allocation *al)
{
    for (size_t i = 0; i < al->n_portfolio; i++)
        if (!al->portfolio[i].held && p->portfolios[al->portfolio[i].portfolio].binding)
            return true;
    return false;
}

/* Whether application i meets bound b's condition (no condition: all do).
** A condition that cannot be decided does not hold, as in check_portfolio. */
static bool bound_matches(const EvalContext *cx, const Application *app, const Bound *b)
{
    if (!b->where)
        return true;
    Value v = eval_expr(cx, app, b->where, NULL);
    return v.kind == VAL_BOOL && v.u.b;
}

/* How near an application of a "minst" came to money: lower is nearer. */
enum { NEAR_NOT_REACHED, NEAR_BELOW_MINIMUM, NEAR_OTHER_POT, NEAR_NO_ROUTE, NEAR_MANUAL, NEAR_NO_REQUEST,
       NEAR_NOT_ELIGIBLE };

typedef struct Near {
    size_t app;
    int kind;
    uint32_t rank;      /* NEAR_NOT_REACHED: its place in the pot's order */
    const char *why;    /* the words, in the arena */
} Near;

static int cmp_near(const void *pa, const void *pb)
{
    const Near *x = pa, *y = pb;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    return x->app < y->app ? -1 : x->app > y->app;
}

/* Why application i, which meets the condition of a bound of pf, has no
** money that counts for pf: the nearest it came, in words. */
static Near near_of(Arena *a, const EvalContext *cx, const Assessment *const *as, size_t i,
                    const Allocation *al, const Portfolio *pf)
{
    const Program *p = cx->prog;
    Near nr = {.app = i, .kind = NEAR_NOT_ELIGIBLE};
    const Grant *best = NULL;
    for (size_t g = 0; g < al->n_grants; g++) {
        const Grant *gr = &al->grants[g];
        if (gr->app != (int32_t)i)
            continue;
        if (gr->amount > 0) {   /* funded, but outside the constraint's pot */
            nr.kind = NEAR_OTHER_POT;
            nr.why = arena_printf(a, _("fick medel ur potten %s, som villkoret inte räknar"), p->pots[gr->pot].name);
            return nr;
        }
        if (pf->pot >= 0 && !program_pot_within(p, gr->pot, pf->pot))
            continue;
        if (!best || (gr->status == GRANT_NOT_REACHED && best->status != GRANT_NOT_REACHED))
            best = gr;
    }
    if (best) {
        /* The (sub-)pot by its result's name: "kommunerna/Botkyrka". */
        const PotResult *res = NULL;
        for (size_t j = 0; j < al->n_pots && !res; j++)
            if (al->pots[j].pot == best->pot && al->pots[j].sub == best->sub)
                res = &al->pots[j];
        const char *pot = res ? res->name : p->pots[best->pot].name;
        switch (best->status) {
        case GRANT_NOT_REACHED: {
            nr.kind = NEAR_NOT_REACHED;
            nr.rank = best->rank;
            /* What would have been enough: in rank order a pot that holds
            ** the requests of every one up to this one (those below the
            ** minimum grant take nothing) pays them all in full, whatever
            ** its 'sista'. The (sub-)pot's amount short of that. */
            Money need = best->wanted;
            bool ok = res != NULL;
            for (size_t g = 0; g < al->n_grants && ok; g++) {
                const Grant *o = &al->grants[g];
                if (o->pot == best->pot && o->sub == best->sub && o->rank < best->rank &&
                    o->status != GRANT_BELOW_MINIMUM && o->status != GRANT_NO_ROUTE)
                    ok = money_add(need, o->wanted, &need);
            }
            Money more;
            char b1[48];
            if (ok && money_sub(need, res->amount, &more) && more > 0)
                nr.why = arena_printf(a, _("medlen räckte inte, rang %" PRIu32 " i %s; med %s till i potten hade den fått medel"),
                                      best->rank, pot, money_format(more, b1, sizeof b1));
            else
                nr.why = arena_printf(a, _("medlen räckte inte, rang %" PRIu32 " i %s"), best->rank, pot);
            return nr;
        }
        case GRANT_BELOW_MINIMUM:
            nr.kind = NEAR_BELOW_MINIMUM;
            nr.rank = best->rank;
            nr.why = arena_printf(a, _("under lägsta bidrag i %s"), pot);
            return nr;
        case GRANT_NO_ROUTE:
            nr.kind = NEAR_NO_ROUTE;
            nr.why = arena_printf(a, _("ingen delpott i %s tar emot den"), pot);
            return nr;
        default:
            break;
        }
    }
    const Assessment *x = as ? as[i] : NULL;
    if (x && x->requested < 0) {
        nr.kind = NEAR_NO_REQUEST;
        nr.why = _("sökt belopp saknas");
        return nr;
    }
    /* Not a candidate anywhere: manual assessment, or not eligible; the
    ** criteria that failed in the constraint's pots name the reason. */
    const char *failed = NULL, *not_considered = NULL;
    bool manual = false;
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k) || (pf->pot >= 0 && !program_pot_within(p, (int)k, pf->pot)))
            continue;
        Outcome o = x ? x->eligible[k] : OUTCOME_FAIL;
        if (o == OUTCOME_MANUAL)
            manual = true;
        if (o == OUTCOME_NOT_APPLICABLE && !not_considered)
            not_considered = p->pots[k].name;
        if (o != OUTCOME_FAIL || !x)
            continue;
        for (size_t c = 0; c < p->n_criteria; c++) {
            const Criterion *cr = &p->criteria[c];
            if (x->crit[c] != OUTCOME_FAIL || (cr->pot >= 0 && !program_pot_within(p, (int)k, cr->pot)))
                continue;
            if (!failed)
                failed = cr->name;
            else if (!strstr(failed, cr->name))
                failed = arena_printf(a, "%s, %s", failed, cr->name);
        }
    }
    if (manual) {
        nr.kind = NEAR_MANUAL;
        nr.why = _("kräver manuell bedömning");
    } else if (failed) {
        nr.why = arena_printf(a, _("ej stödberättigad: villkor %s"), failed);
    } else if (not_considered) {
        /* The pot's 'ansökningar där' leaves it out. */
        nr.why = arena_printf(a, _("potten %s prövar den inte"), not_considered);
    } else {
        nr.why = _("ej stödberättigad");
    }
    return nr;
}

/* The note on one broken bound of a binding constraint: what the result
** has, what the bound asks, and what would mend it. */
static void note_bound(Diags *d, Arena *a, const EvalContext *cx, const SourceSet *set, const Application *apps,
                       const Assessment *const *as, size_t n, const Allocation *al, const Portfolio *pf,
                       const PortfolioResult *pr)
{
    const Bound *b = &pf->bounds[pr->bound];
    const char *text = program_span_text(a, set, b->span);
    char b1[48], b2[48], b3[48], b4[48];
    if (b->count->kind == EXPR_PERCENT) {
        Ratio q = b->count->v.ratio;
        /* The amount the bound allows (högst, rounded down) or needs (minst,
        ** rounded up) of what was granted in scope, to the öre. */
        i128 lim = (i128)q.num * pr->total;
        Money edge = (Money)(lim / q.den);
        if (b->at_least && lim % q.den)
            edge++;
        char pct[64];
        percent_format(q, pct, sizeof pct);
        if (b->at_least)
            diag_note(d, b->span,
                      _("'%s': %s av %s beviljat gick dit, minst %s är %s; det saknas %s: bevilja mer till sådana ansökningar "
                        "eller mindre till andra"),
                      text, money_format(pr->amount, b1, sizeof b1), money_format(pr->total, b2, sizeof b2), pct,
                      money_format(edge, b3, sizeof b3), money_format(edge - pr->amount, b4, sizeof b4));
        else
            diag_note(d, b->span,
                      _("'%s': %s av %s beviljat gick dit, högst %s är %s; det överskrids med %s: bevilja mindre till "
                        "sådana ansökningar eller mer till andra"),
                      text, money_format(pr->amount, b1, sizeof b1), money_format(pr->total, b2, sizeof b2), pct,
                      money_format(edge, b3, sizeof b3), money_format(pr->amount - edge, b4, sizeof b4));
        return;
    }
    int64_t k = 0;
    if (b->count->kind == EXPR_INT)
        k = b->count->v.i;
    else {
        Value *none = arena_alloc(a, (cx->prog->n_fields + 1) * sizeof *none);
        Application blank = {.key = "", .values = none};
        Value v = eval_expr(cx, &blank, b->count, NULL);
        k = v.kind == VAL_INT ? v.u.i : 0;
    }
    if (!b->at_least) {
        diag_note(d, b->span,
                  P_("'%s': %" PRId64 " sådan ansökan fick medel, %" PRId64 " för många: bevilja färre av dem",
                     "'%s': %" PRId64 " sådana ansökningar fick medel, %" PRId64 " för många: bevilja färre av dem", pr->count),
                  text, pr->count, pr->count - k);
        return;
    }
    /* minst: the applications of the condition that got nothing that
    ** counts, nearest first. */
    Near *near = arena_alloc(a, (n + 1) * sizeof *near);
    size_t m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!bound_matches(cx, &apps[i], b))
            continue;
        bool counted = false;
        for (size_t g = 0; g < al->n_grants && !counted; g++) {
            const Grant *gr = &al->grants[g];
            counted = gr->app == (int32_t)i && gr->amount > 0 &&
                      (pf->pot < 0 || program_pot_within(cx->prog, gr->pot, pf->pot));
        }
        if (!counted)
            near[m++] = near_of(a, cx, as, i, al, pf);
    }
    const char *have = pr->count == 0 ? _("ingen sådan ansökan fick medel")
                                      : arena_printf(a, P_("bara %" PRId64 " sådan ansökan fick medel",
                                                           "bara %" PRId64 " sådana ansökningar fick medel", pr->count),
                                                     pr->count);
    int64_t missing = k - pr->count;
    if (m == 0) {
        /* Nobody to fund: the applications themselves lack what it asks. */
        const char *where = b->where ? program_span_text(a, set, b->where->span) : NULL;
        if (pr->count == 0 && where)
            diag_note(d, b->span, _("'%s': det finns ingen ansökan där '%s'; det behövs %" PRId64 " som får medel"), text,
                      where, missing);
        else if (pr->count == 0)
            diag_note(d, b->span, _("'%s': det finns ingen ansökan; det behövs %" PRId64 " som får medel"), text, missing);
        else
            diag_note(d, b->span, _("'%s': %s, och alla sådana ansökningar fick medel; det behövs %" PRId64 " till"), text,
                      have, missing);
        return;
    }
    qsort(near, m, sizeof *near, cmp_near);
    const char *list = "";
    for (size_t j = 0; j < m && j < 5; j++)
        list = arena_printf(a, "%s%s%s (%s)", list, j ? ", " : "", apps[near[j].app].key, near[j].why);
    if (m > 5)
        list = arena_printf(a, P_("%s och %zu till", "%s och %zu till", m - 5), list, m - 5);
    diag_note(d, b->span, _("'%s': %s, det behövs %" PRId64 " till; närmast: %s"), text, have, missing, list);
}

int allocation_report_binding(const EvalContext *cx, const SourceSet *set, const Application *apps,
                              const Assessment *const *as, size_t n, const Allocation *al, const char *scenario,
                              FILE *err)
{
    const Program *p = cx->prog;
    if (!allocation_breaks_binding(p, al))
        return STATUS_OK;
    Arena a;
    arena_init(&a);
    Diags d;
    diags_init(&d, set);
    for (size_t i = 0; i < p->n_portfolios; i++) {
        const Portfolio *pf = &p->portfolios[i];
        if (!pf->binding)
            continue;
        bool broken = false;
        for (size_t j = 0; j < al->n_portfolio; j++)
            broken |= al->portfolio[j].portfolio == (int32_t)i && !al->portfolio[j].held;
        if (!broken)
            continue;
        /* In the agreement's words: its skäl, else its label. */
        const char *words = pf->reason ? pf->reason : pf->label;
        const char *in = scenario ? arena_printf(&a, _("i scenariot %s: "), scenario) : "";
        if (words)
            diag_error(&d, pf->name_span, _("%sdet bindande portföljvillkoret '%s' är inte uppfyllt: \"%s\""), in, pf->name, words);
        else
            diag_error(&d, pf->name_span, _("%sdet bindande portföljvillkoret '%s' är inte uppfyllt"), in, pf->name);
        for (size_t j = 0; j < al->n_portfolio; j++)
            if (al->portfolio[j].portfolio == (int32_t)i && !al->portfolio[j].held)
                note_bound(&d, &a, cx, set, apps, as, n, al, pf, &al->portfolio[j]);
    }
    diags_render(&d, err);
    diags_free(&d);
    arena_free(&a);
    return STATUS_PORTFOLIO;
}
