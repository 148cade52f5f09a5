/*
** eval.c: evaluation of criteria and priority scores over one application.
** The checker has typed and resolved every expression, so this walks the tree
** without name lookups; sets are bit masks, amounts öre with checked
** arithmetic.
*/
#include "eval.h"

#include <stdlib.h>
#include <string.h>

#include "invariant.h"

static const Value MISSING = {.kind = VAL_MISSING};

static Value vbool(bool b)
{
    return (Value){.kind = VAL_BOOL, .u.b = b};
}

/* Integers and amounts share the arithmetic; kind says which. */
static int64_t num(const Value *v)
{
    return v->kind == VAL_MONEY ? v->u.money : v->u.i;
}

static Value vnum(ValueKind k, int64_t x)
{
    Value v = {.kind = k};
    if (k == VAL_MONEY)
        v.u.money = x;
    else
        v.u.i = x;
    return v;
}

static bool text_eq(const Value *a, const char *s, size_t len)
{
    /* len 0: either pointer may be NULL, which memcmp may not be given. */
    return a->u.text.len == len && (len == 0 || memcmp(a->u.text.s, s, len) == 0);
}

/* Equality over values of the same checked type (a table key also equals its
** key text; ea and eb are the expressions a and b came from). */
static bool equal(const EvalContext *cx, const Expr *ea, const Expr *eb, const Value *a, const Value *b)
{
    if (a->kind == VAL_KEY && b->kind == VAL_TEXT) {
        const TableData *t = &cx->tables[ea->type.id];
        const char *k = t->keys[a->u.key];
        return text_eq(b, k, strlen(k));
    }
    if (a->kind == VAL_TEXT && b->kind == VAL_KEY)
        return equal(cx, eb, ea, b, a);
    if (a->kind != b->kind)
        return false;
    switch (a->kind) {
    case VAL_TEXT: return text_eq(a, b->u.text.s, b->u.text.len);
    case VAL_INT: return a->u.i == b->u.i;
    case VAL_MONEY: return a->u.money == b->u.money;
    case VAL_BOOL: return a->u.b == b->u.b;
    case VAL_ENUM: case VAL_FOCUS: return a->u.e == b->u.e;
    case VAL_SET: return a->u.set == b->u.set;
    case VAL_RANGE: return a->u.range.lo == b->u.range.lo && a->u.range.hi == b->u.range.hi;
    case VAL_KEY: return a->u.key == b->u.key;
    case VAL_PERCENT: return ratio_cmp(a->u.ratio, b->u.ratio) == 0;
    case VAL_MISSING: return false;
    }
    return false;
}

/* Is scalar x (or range x) inside range r? */
static bool within(const Value *x, const Value *r)
{
    if (x->kind == VAL_RANGE)
        return x->u.range.lo >= r->u.range.lo && x->u.range.hi <= r->u.range.hi;
    int64_t n = num(x);
    return n >= r->u.range.lo && n <= r->u.range.hi;
}

static bool member(const Value *elem, const Value *coll)
{
    if (coll->kind == VAL_RANGE)
        return within(elem, coll);
    return elem->u.e >= 0 && elem->u.e < 64 && (coll->u.set >> elem->u.e) & 1u;
}

/* elem in the set literal `set` that is no constant mask (its members are
** fields, or its one-of type has more choices than a mask has bits: see
** checker.c), member by member. A missing member makes the answer missing,
** as it makes the whole set missing when it is built as a value. */
static Value member_of_list(const EvalContext *cx, const Application *app, const Value *elem, const Expr *set,
                            bool *overflow)
{
    bool found = false;
    for (size_t i = 0; i < set->list.n; i++) {
        Value m = eval_expr(cx, app, set->list.items[i], overflow);
        if (m.kind == VAL_MISSING)
            return MISSING;
        if (m.u.e == elem->u.e)
            found = true;
    }
    return vbool(found);
}

/* -1, 0, 1: integers, amounts, or percentages (exactly). */
static int order(const Value *a, const Value *b)
{
    if (a->kind == VAL_PERCENT)
        return ratio_cmp(a->u.ratio, b->u.ratio);
    return num(a) < num(b) ? -1 : num(a) > num(b);
}

static Value binary(const EvalContext *cx, const Application *app, const Expr *e, bool *overflow)
{
    /* Kleene logic: a decided side can settle the answer alone. */
    if (e->op == OP_AND || e->op == OP_OR) {
        Value a = eval_expr(cx, app, e->a, overflow);
        bool settle = e->op == OP_OR;   /* ja settles eller, nej settles och */
        if (a.kind == VAL_BOOL && a.u.b == settle)
            return a;
        Value b = eval_expr(cx, app, e->b, overflow);
        if (b.kind == VAL_BOOL && b.u.b == settle)
            return b;
        if (a.kind == VAL_MISSING || b.kind == VAL_MISSING)
            return MISSING;
        return vbool(!settle);
    }
    if ((e->op == OP_IN || e->op == OP_NOT_IN || e->op == OP_CONTAINS)) {
        const Expr *set = e->op == OP_CONTAINS ? e->a : e->b;
        if (set->kind == EXPR_SET && !set->set_const) {
            Value x = eval_expr(cx, app, e->op == OP_CONTAINS ? e->b : e->a, overflow);
            Value in = member_of_list(cx, app, &x, set, overflow);
            if (x.kind == VAL_MISSING || in.kind == VAL_MISSING)
                return MISSING;
            return e->op == OP_NOT_IN ? vbool(!in.u.b) : in;
        }
    }
    Value a = eval_expr(cx, app, e->a, overflow);
    Value b = eval_expr(cx, app, e->b, overflow);
    if (a.kind == VAL_MISSING || b.kind == VAL_MISSING)
        return MISSING;
    int64_t r;
    switch (e->op) {
    case OP_EQ: return vbool(equal(cx, e->a, e->b, &a, &b));
    case OP_NE: return vbool(!equal(cx, e->a, e->b, &a, &b));
    case OP_LT: return vbool(order(&a, &b) < 0);
    case OP_LE: return vbool(order(&a, &b) <= 0);
    case OP_GT: return vbool(order(&a, &b) > 0);
    case OP_GE: return vbool(order(&a, &b) >= 0);
    case OP_IN: return vbool(member(&a, &b));
    case OP_NOT_IN: return vbool(!member(&a, &b));
    case OP_CONTAINS: return vbool(member(&b, &a));
    case OP_WITHIN: return vbool(within(&a, &b));
    case OP_OVERLAPS:
        if (a.kind == VAL_SET)
            return vbool((a.u.set & b.u.set) != 0);
        return vbool(a.u.range.lo <= b.u.range.hi && b.u.range.lo <= a.u.range.hi);
    case OP_INTERSECT:
        return (Value){.kind = VAL_SET, .u.set = a.u.set & b.u.set};
    case OP_ADD:
        if (__builtin_add_overflow(num(&a), num(&b), &r))
            break;
        return vnum(a.kind, r);
    case OP_SUB:
        if (__builtin_sub_overflow(num(&a), num(&b), &r))
            break;
        return vnum(a.kind, r);
    case OP_MUL:
        if (__builtin_mul_overflow(num(&a), num(&b), &r))
            break;
        return vnum(a.kind == VAL_MONEY || b.kind == VAL_MONEY ? VAL_MONEY : VAL_INT, r);
    default:
        return MISSING;
    }
    if (overflow)
        *overflow = true;
    return MISSING;
}

Value eval_expr(const EvalContext *cx, const Application *app, const Expr *e, bool *overflow)
{
    switch (e->kind) {
    case EXPR_INT: return vnum(VAL_INT, e->v.i);
    case EXPR_MONEY: return vnum(VAL_MONEY, e->v.money);
    case EXPR_BOOL: return vbool(e->v.b);
    case EXPR_PERCENT: return (Value){.kind = VAL_PERCENT, .u.ratio = e->v.ratio};
    case EXPR_TEXT:
        return (Value){.kind = VAL_TEXT, .u.text = {e->v.text, strlen(e->v.text)}};
    case EXPR_NAME:
        switch (e->ref_kind) {
        case REF_FIELD: return app->values[e->ref];
        case REF_ENUM_VALUE: return (Value){.kind = VAL_ENUM, .u.e = e->ref};
        case REF_FOCUS: return (Value){.kind = VAL_FOCUS, .u.e = e->ref};
        default: return MISSING;
        }
    case EXPR_SET: {
        if (e->set_const)
            return (Value){.kind = VAL_SET, .u.set = e->set};
        Value s = {.kind = VAL_SET};
        for (size_t i = 0; i < e->list.n; i++) {
            Value m = eval_expr(cx, app, e->list.items[i], overflow);
            if (m.kind == VAL_MISSING)
                return MISSING;
            /* checker.c lets no set of more than MAX_SET_MEMBERS choices be a value */
            if (NEVER(m.u.e < 0 || m.u.e >= MAX_SET_MEMBERS))
                return MISSING;
            s.u.set |= (uint64_t)1 << m.u.e;
        }
        return s;
    }
    case EXPR_RANGE: {
        Value lo = eval_expr(cx, app, e->a, overflow), hi = eval_expr(cx, app, e->b, overflow);
        if (lo.kind == VAL_MISSING || hi.kind == VAL_MISSING)
            return MISSING;
        return (Value){.kind = VAL_RANGE, .u.range = {num(&lo), num(&hi)}};
    }
    case EXPR_UNARY: {
        Value a = eval_expr(cx, app, e->a, overflow);
        if (a.kind == VAL_MISSING)
            return MISSING;
        if (e->op == OP_NOT)
            return vbool(!a.u.b);
        if (num(&a) == INT64_MIN) {
            if (overflow)
                *overflow = true;
            return MISSING;
        }
        return vnum(a.kind, -num(&a));
    }
    case EXPR_BINARY:
        return binary(cx, app, e, overflow);
    case EXPR_PERCENT_OF: {
        Value p = eval_expr(cx, app, e->a, overflow);
        Value b = eval_expr(cx, app, e->b, overflow);
        if (b.kind == VAL_MISSING || p.kind != VAL_PERCENT)
            return MISSING;
        Money whole;
        int64_t rem;
        if (!money_mul_ratio(b.u.money, p.u.ratio, &whole, &rem)) {
            if (overflow)
                *overflow = true;
            return MISSING;
        }
        return vnum(VAL_MONEY, whole);  /* floor: criteria compare, they never pay out */
    }
    case EXPR_IF: {
        Value c = eval_expr(cx, app, e->a, overflow);
        if (!e->c) {
            /* om A så B: holds when A does not, or when B does. */
            if (c.kind == VAL_BOOL && !c.u.b)
                return vbool(true);
            Value b = eval_expr(cx, app, e->b, overflow);
            if (b.kind == VAL_BOOL && b.u.b)
                return b;
            if (c.kind == VAL_MISSING || b.kind == VAL_MISSING)
                return MISSING;
            return vbool(false);
        }
        if (c.kind == VAL_MISSING)
            return MISSING;
        return eval_expr(cx, app, c.u.b ? e->b : e->c, overflow);
    }
    case EXPR_CALL: {
        Value s = eval_expr(cx, app, e->list.items[0], overflow);
        if (s.kind == VAL_MISSING)
            return MISSING;
        return vnum(VAL_INT, __builtin_popcountll(s.u.set));
    }
    default:
        return MISSING;
    }
}

void eval_application(const EvalContext *cx, const Application *app, Outcome *crit, int64_t *score)
{
    const Program *p = cx->prog;
    for (size_t i = 0; i < p->n_criteria; i++) {
        Value v = eval_expr(cx, app, p->criteria[i].require, NULL);
        crit[i] = v.kind != VAL_BOOL ? OUTCOME_MANUAL : v.u.b ? OUTCOME_PASS : OUTCOME_FAIL;
    }
    for (size_t i = 0; i < p->n_priorities; i++) {
        const Priority *pr = &p->priorities[i];
        score[i] = 0;
        if (pr->when) {
            Value w = eval_expr(cx, app, pr->when, NULL);
            if (w.kind != VAL_BOOL || !w.u.b)
                continue;
        }
        Value s = eval_expr(cx, app, pr->score, NULL);
        if (s.kind == VAL_INT)
            score[i] = s.u.i;
    }
}

bool eval_applies(const Program *prog, int criterion_pot, int pot)
{
    return criterion_pot < 0 || program_pot_within(prog, pot, criterion_pot);
}

bool eval_takes_applications(const Program *prog, int pot)
{
    const Pot *p = &prog->pots[pot];
    return p->n_children == 0 && (p->policy == POLICY_RANK || p->policy == POLICY_PRO_RATA);
}

Outcome eval_pot(const Program *prog, int pot, const Outcome *crit)
{
    Outcome o = OUTCOME_PASS;
    for (size_t i = 0; i < prog->n_criteria; i++) {
        if (!eval_applies(prog, prog->criteria[i].pot, pot))
            continue;
        if (crit[i] == OUTCOME_FAIL)
            return OUTCOME_FAIL;
        if (crit[i] == OUTCOME_MANUAL)
            o = OUTCOME_MANUAL;
    }
    return o;
}

Outcome eval_considers(const EvalContext *cx, const Application *app, int pot)
{
    Outcome o = OUTCOME_PASS;
    for (int q = pot; q >= 0; q = cx->prog->pots[q].parent) {
        const Expr *e = cx->prog->pots[q].applies;
        if (!e)
            continue;
        Value v = eval_expr(cx, app, e, NULL);
        if (v.kind != VAL_BOOL)
            o = OUTCOME_MANUAL;
        else if (!v.u.b)
            return OUTCOME_NOT_APPLICABLE;
    }
    return o;
}

int64_t eval_pot_score(const Program *prog, int pot, const int64_t *score)
{
    int64_t total = 0;
    for (size_t i = 0; i < prog->n_priorities; i++) {
        if (!eval_applies(prog, prog->priorities[i].pot, pot))
            continue;
        /* Scores are small in practice; saturate rather than wrap. */
        if (__builtin_add_overflow(total, score[i], &total))
            total = score[i] > 0 ? INT64_MAX : INT64_MIN;
    }
    return total;
}
