/*
** assessment.c: assessing one application against a checked program: its
** criteria and priorities, and per pot whether it is eligible, its score
** and the sub-pot it routes to (assessment.h).
*/
#include "assessment.h"

#include <string.h>

#include "ruling.h"

void assess(const EvalContext *cx, const Application *app, Outcome *crit, int64_t *prio, Assessment *as)
{
    const Program *p = cx->prog;
    eval_application(cx, app, crit, prio);
    memcpy(as->crit_data, crit, p->n_criteria * sizeof *crit);
    as->rulings = NULL;
    as->n_rulings = 0;
    if (cx->rulings)
        as->rulings = ruling_of(cx->rulings, app->key, &as->n_rulings);
    for (uint32_t i = 0; i < as->n_rulings; i++)
        if (as->rulings[i]->target == RULING_CRITERION)
            crit[as->rulings[i]->criterion] = as->rulings[i]->outcome;
    for (size_t k = 0; k < p->n_pots; k++) {
        as->considers_data[k] = OUTCOME_PASS;
        as->route_data[k] = -1;
        as->eligible[k] = OUTCOME_FAIL;
        as->route[k] = -1;
        as->score[k] = 0;
        if (!eval_takes_applications(p, (int)k))
            continue;
        Outcome considered = eval_considers(cx, app, (int)k);
        as->considers_data[k] = considered;
        const Ruling *rc = as->n_rulings ? considers_ruling(p, as, (int)k) : NULL;
        if (rc)
            considered = rc->outcome == OUTCOME_PASS ? OUTCOME_PASS : OUTCOME_NOT_APPLICABLE;
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
                as->route[k] = as->route_data[k] = v->u.key;
            const Ruling *rr = as->n_rulings ? route_ruling(p, as, (int)k) : NULL;
            if (rr)
                as->route[k] = rr->route;
            else if (v->kind != VAL_KEY && as->eligible[k] == OUTCOME_PASS)
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
    char *b = arena_alloc(a, sizeof(Assessment) + (np + nr) * sizeof(int64_t) + 2 * np * sizeof(int32_t) +
                                 2 * (np + nc) * sizeof(Outcome));
    Assessment *as = (Assessment *)b;
    b += sizeof *as;
    as->score = (int64_t *)b;
    b += np * sizeof *as->score;
    as->prio = (int64_t *)b;
    b += nr * sizeof *as->prio;
    as->route = (int32_t *)b;
    b += np * sizeof *as->route;
    as->route_data = (int32_t *)b;
    b += np * sizeof *as->route_data;
    as->eligible = (Outcome *)b;
    b += np * sizeof *as->eligible;
    as->considers_data = (Outcome *)b;
    b += np * sizeof *as->considers_data;
    as->crit = (Outcome *)b;
    b += nc * sizeof *as->crit;
    as->crit_data = (Outcome *)b;
    as->rulings = NULL;
    as->n_rulings = 0;
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
    memcpy(as->route_data, from->route_data, (p->n_pots + 1) * sizeof *as->route_data);
    memcpy(as->considers_data, from->considers_data, (p->n_pots + 1) * sizeof *as->considers_data);
    memcpy(as->crit_data, from->crit_data, (p->n_criteria + 1) * sizeof *as->crit_data);
    as->requested = from->requested;
    as->rulings = from->rulings;
    as->n_rulings = from->n_rulings;
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
