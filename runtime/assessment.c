/*
** assessment.c: assessing one application against a checked program: its
** criteria and priorities, and per pot whether it is eligible, its score
** and the sub-pot it routes to (assessment.h).
*/
#include "assessment.h"

#include <string.h>

void assess(const EvalContext *cx, const Application *app, Outcome *crit, int64_t *prio, Assessment *as)
{
    const Program *p = cx->prog;
    eval_application(cx, app, crit, prio);
    for (size_t k = 0; k < p->n_pots; k++) {
        as->eligible[k] = OUTCOME_FAIL;
        as->route[k] = -1;
        as->score[k] = 0;
        if (!eval_takes_applications(p, (int)k))
            continue;
        Outcome considered = eval_considers(cx, app, (int)k);
        if (considered == OUTCOME_NOT_APPLICABLE) {
            as->eligible[k] = OUTCOME_NOT_APPLICABLE;
            continue;
        }
        as->eligible[k] = eval_pot(p, (int)k, crit);
        if (considered == OUTCOME_MANUAL && as->eligible[k] == OUTCOME_PASS)
            as->eligible[k] = OUTCOME_MANUAL;
        as->score[k] = eval_pot_score(p, (int)k, prio);
        /* A split pot routes by a key field; the pot itself or an ancestor
        ** may be the split one. */
        for (int q = (int)k; q >= 0; q = p->pots[q].parent) {
            if (!p->pots[q].has_split)
                continue;
            const Value *v = &app->values[p->pots[q].split.field];
            if (v->kind == VAL_KEY)
                as->route[k] = v->u.key;
            else if (as->eligible[k] == OUTCOME_PASS)
                as->eligible[k] = OUTCOME_MANUAL;   /* cannot route without the key */
            break;
        }
    }
    if (p->requested_field >= 0) {
        const Value *v = &app->values[p->requested_field];
        as->requested = v->kind == VAL_MONEY ? v->u.money : -1;
    }
}

Assessment *new_assessment(Arena *a, const Program *p)
{
    /* One block per application, the 64-bit arrays first so that each part
    ** stays aligned: allocate keeps one for every application it reads. */
    size_t np = p->n_pots + 1, nc = p->n_criteria + 1, nr = p->n_priorities + 1;
    char *b = arena_alloc(a, sizeof(Assessment) + (np + nr) * sizeof(int64_t) + np * sizeof(int32_t) +
                                 (np + nc) * sizeof(Outcome));
    Assessment *as = (Assessment *)b;
    b += sizeof *as;
    as->score = (int64_t *)b;
    b += np * sizeof *as->score;
    as->prio = (int64_t *)b;
    b += nr * sizeof *as->prio;
    as->route = (int32_t *)b;
    b += np * sizeof *as->route;
    as->eligible = (Outcome *)b;
    b += np * sizeof *as->eligible;
    as->crit = (Outcome *)b;
    return as;
}

Assessment *copy_assessment(Arena *a, const Program *p, const Assessment *from)
{
    Assessment *as = new_assessment(a, p);
    memcpy(as->score, from->score, (p->n_pots + 1) * sizeof *as->score);
    memcpy(as->prio, from->prio, (p->n_priorities + 1) * sizeof *as->prio);
    memcpy(as->route, from->route, (p->n_pots + 1) * sizeof *as->route);
    memcpy(as->eligible, from->eligible, (p->n_pots + 1) * sizeof *as->eligible);
    memcpy(as->crit, from->crit, (p->n_criteria + 1) * sizeof *as->crit);
    as->requested = from->requested;
    return as;
}

int cap_field_of(const Program *p)
{
    int cap_field = -1;
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].cap_field >= 0)
            cap_field = p->pots[k].cap_field;
    return cap_field;
}

Candidate candidate(const EvalContext *cx, Arena *a, const Application *app, const Assessment *as, size_t i,
                    int cap_field)
{
    const Program *p = cx->prog;
    const char *applicant = NULL;   /* NULL: capped on its own */
    if (cap_field >= 0 && app->values[cap_field].kind != VAL_MISSING) {
        char buf[256];
        applicant = arena_strdup(a, value_format(p, cx->tables, p->fields[cap_field].type, &app->values[cap_field], buf,
                                                     sizeof buf));
    }
    return (Candidate){app->key, as->requested, applicant, as->route, as->eligible, as->score, (uint32_t)i};
}
