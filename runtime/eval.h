/*
** eval.h: evaluating a checked program's criteria and priorities for one
** application. Logic is three-valued: a criterion whose input is missing is
** neither passed nor failed but needs manual assessment (Kleene's rules:
** "nej och okänt" is nej, "ja eller okänt" is ja).
*/
#ifndef RUNTIME_EVAL_H
#define RUNTIME_EVAL_H

#include <stdbool.h>
#include <stdint.h>

#include "program.h"
#include "value.h"

enum {
    OUTCOME_PASS,     /* the criterion holds */
    OUTCOME_FAIL,     /* it does not */
    OUTCOME_MANUAL,   /* an input it needs is missing: a person must judge */
    OUTCOME_NOT_APPLICABLE /* the pot does not consider it at all ('ansökningar där' is false) */
};
/* One of the OUTCOME_ values, in a byte: allocate keeps an assessment per
** application, with an outcome per criterion and pot, so their size is
** what a million applications cost. */
typedef uint8_t Outcome;

struct RulingSet;

typedef struct EvalContext {
    const Program *prog;
    const TableData *tables;   /* prog->n_tables loaded tables */
    const struct RulingSet *rulings;   /* the officers' assessments (ruling.h), or NULL: none */
} EvalContext;

/* Evaluates an expression for one application. A missing input gives
** VAL_MISSING; so does arithmetic that would overflow (*overflow is then set
** when overflow is not NULL). */
Value eval_expr(const EvalContext *cx, const Application *app, const Expr *e, bool *overflow);

/* Evaluates every criterion (into crit[prog->n_criteria]) and every
** priority's score (into score[prog->n_priorities]; 0 when its condition does
** not hold or is unknown). */
void eval_application(const EvalContext *cx, const Application *app, Outcome *crit, int64_t *score);

/* Does criterion c apply to pot `pot` (declared at top level, or in the pot
** or one of its ancestors)? */
bool eval_applies(const Program *prog, int criterion_pot, int pot);

/* Does pot `pot` take applications (a pot without sub-pots whose allocation
** is rangordning or proportionell)? */
bool eval_takes_applications(const Program *prog, int pot);

/* Combines the criteria that apply to `pot`: FAIL if any fails, else MANUAL
** if any needs manual assessment, else PASS. */
Outcome eval_pot(const Program *prog, int pot, const Outcome *crit);

/* Whether `pot` considers the application at all: the 'ansökningar där'
** conditions of the pot and its ancestors. PASS when they all hold (or there
** are none), NOT_APPLICABLE when one is false, MANUAL when one cannot be
** decided for missing input. */
Outcome eval_considers(const EvalContext *cx, const Application *app, int pot);

/* The total priority score of an application in `pot`. */
int64_t eval_pot_score(const Program *prog, int pot, const int64_t *score);

#endif
