/*
** assessment.h: one application's assessment against a checked program,
** the result every report and the allocation work from: the outcome of each
** criterion, each priority's score, and per pot its eligibility, total
** score and the sub-pot it routes to.
*/
#ifndef RUNTIME_ASSESSMENT_H
#define RUNTIME_ASSESSMENT_H

#include <stddef.h>
#include <stdint.h>

#include "allocate.h"
#include "arena.h"
#include "eval.h"
#include "program.h"
#include "value.h"

struct Ruling;

/* One application's evaluation (arrays sized by the program). The
** outcomes are those the officers' assessments (ruling.h) leave: where one
** decided, the *_data arrays keep what the data alone gave. */
typedef struct Assessment {
    Outcome *crit;       /* per criterion */
    int64_t *prio;       /* per priority: its score */
    Outcome *eligible;   /* per pot: FAIL for pots that take no applications */
    int32_t *route;      /* per pot: sub-pot row, or -1 */
    int64_t *score;      /* per pot: total priority score */
    Money requested;     /* -1 when missing */
    Outcome *crit_data;      /* per criterion: the outcome from the data alone */
    Outcome *considers_data; /* per pot: 'ansökningar där' from the data (PASS when none) */
    int32_t *route_data;     /* per pot: the sub-pot row from the data, -1 when its key is missing or none */
    const struct Ruling *const *rulings;   /* the application's assessments (borrowed from cx->rulings) */
    uint32_t n_rulings;
} Assessment;

/* A fresh Assessment for program p, in `a` (one block; the arrays sized by
** p); its contents are undefined until assess fills them in. */
Assessment *new_assessment(Arena *a, const Program *p);

/* Fills in what allocation and the reports need per application and pot:
** eligibility, priority score and the sub-pot it routes to. crit and prio
** are normally as->crit and as->prio. */
void assess(const EvalContext *cx, const Application *app, Outcome *crit, int64_t *prio, Assessment *as);

/* A lasting copy of an assessment (made for program p) in `a`. */
Assessment *copy_assessment(Arena *a, const Program *p, const Assessment *from);

/* The field the caps per applicant ('tak … per <field>') name, or -1. */
int cap_field_of(const Program *p);

/* What allocation needs of application i, assessed as `as`: its key, request,
** eligibility, scores and routes (borrowed from app and as), and the
** applicant's text for the caps (field cap_field, from cap_field_of), which
** is copied into `a`. */
Candidate candidate(const EvalContext *cx, Arena *a, const Application *app, const Assessment *as, size_t i,
                    int cap_field);

#endif
