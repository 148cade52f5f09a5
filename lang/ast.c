/*
** ast.c: constructors for the syntax tree and its s-expression dump.
*/
#include "ast.h"

#include "i18n.h"

#include <inttypes.h>
#include <string.h>

Expr *ast_expr(Arena *a, ExprKind kind, Span span)
{
    Expr *e = arena_alloc(a, sizeof *e);
    e->kind = kind;
    e->span = span;
    e->ref = -1;
    e->ref2 = -1;
    e->depth = 1;
    return e;
}

Expr *ast_binary(Arena *a, Span span, ExprOp op, Expr *l, Expr *r)
{
    Expr *e = ast_expr(a, EXPR_BINARY, span);
    e->op = op;
    e->a = l;
    e->b = r;
    return e;
}

Expr *ast_unary(Arena *a, Span span, ExprOp op, Expr *x)
{
    Expr *e = ast_expr(a, EXPR_UNARY, span);
    e->op = op;
    e->a = x;
    return e;
}

void ast_expr_push(Arena *a, ExprList *list, Expr *e)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? 2 * list->cap : 4;
        list->items = arena_grow(a, list->items, list->n, cap, sizeof *list->items);
        list->cap = cap;
    }
    list->items[list->n++] = e;
}

Item *ast_item(Arena *a, ItemKind kind, Span span)
{
    Item *it = arena_alloc(a, sizeof *it);
    it->kind = kind;
    it->span = span;
    it->kw_span = span;
    it->name_span = SPAN_NONE;
    it->name2_span = SPAN_NONE;
    it->text_span = SPAN_NONE;
    return it;
}

void ast_item_push(Arena *a, ItemList *list, Item *it)
{
    if (list->n == list->cap) {
        size_t cap = list->cap ? 2 * list->cap : 4;
        list->items = arena_grow(a, list->items, list->n, cap, sizeof *list->items);
        list->cap = cap;
    }
    list->items[list->n++] = it;
}

/* ---- names ---- */

const char *ast_item_kind_name(ItemKind k)
{
    switch (k) {
    case ITEM_AGREEMENT: return "agreement";
    case ITEM_FOCUS_AREAS: return "focus-areas";
    case ITEM_FOCUS: return "focus area";
    case ITEM_SCHEMA: return "application schema";
    case ITEM_FIELD: return "field";
    case ITEM_TABLE: return "table";
    case ITEM_POT: return "pot";
    case ITEM_CRITERION: return "criterion";
    case ITEM_PRIORITY: return "priority";
    case ITEM_PORTFOLIO: return "portfolio constraint";
    case ITEM_EXTENDS: return "extends";
    case ITEM_CHANGE: return "change";
    case ITEM_REMOVE: return "remove";
    case ITEM_SCENARIO: return "scenario";
    case ITEM_TEST: return "test";
    case TEST_APPLICATION: return "application";
    case TEST_VALUE: return "value";
    case TEST_FILE: return "applications-file";
    case TEST_SCENARIO: return "under-scenario";
    case TEST_EXPECT_STATUS: return "expect-status";
    case TEST_EXPECT_GRANT: return "expect-grant";
    case TEST_EXPECT_POT: return "expect-pot";
    case TEST_EXPECT_RANK: return "expect-rank";
    case TEST_EXPECT_PORTFOLIO: return "expect-portfolio";
    case PROP_YEAR: return "year";
    case PROP_SOURCE: return "source";
    case PROP_URL: return "url";
    case PROP_PARAGRAPH: return "paragraph";
    case PROP_DECISION: return "decision";
    case PROP_AMOUNT: return "amount";
    case PROP_MANAGER: return "manager";
    case PROP_LABEL: return "label";
    case PROP_SPLIT: return "split";
    case PROP_ROUNDING: return "rounding";
    case PROP_METHOD: return "method";
    case PROP_FIRST_DIVISOR: return "first-divisor";
    case PROP_BASE_AMOUNT: return "base-amount";
    case PROP_SPLIT_CAP: return "split-cap";
    case PROP_THRESHOLD: return "threshold";
    case PROP_SPLIT_MIN: return "at-least-units";
    case PROP_REQUIRE: return "require";
    case PROP_REASON: return "reason";
    case PROP_SCORE: return "score";
    case PROP_ALLOCATION: return "allocation";
    case PROP_CAP: return "cap";
    case PROP_MIN_GRANT: return "min-grant";
    case PROP_AT_LEAST: return "at-least";
    case PROP_AT_MOST: return "at-most";
    case PROP_BINDING: return "binding";
    case PROP_TIE_BREAK: return "tie-break";
    case PROP_APPLIES: return "applications-where";
    case PROP_LEFTOVER: return "leftover";
    case PROP_DEADLINE: return "deadline";
    case ITEM_ROUND: return "second round";
    case ITEM_ERROR: return "error";
    }
    return "?";
}

const char *ast_op_name(ExprOp op)
{
    switch (op) {
    case OP_NONE: return "?";
    case OP_AND: return "och";
    case OP_OR: return "eller";
    case OP_NOT: return "inte";
    case OP_NEG: return "-";
    case OP_EQ: return "=";
    case OP_NE: return "!=";
    case OP_LT: return "<";
    case OP_LE: return "<=";
    case OP_GT: return ">";
    case OP_GE: return ">=";
    case OP_IN: return "i";
    case OP_NOT_IN: return "inte i";
    case OP_WITHIN: return "inom";
    case OP_OVERLAPS: return "överlappar";
    case OP_CONTAINS: return "innehåller";
    case OP_INTERSECT: return "snitt";
    case OP_ADD: return "+";
    case OP_SUB: return "-";
    case OP_MUL: return "*";
    }
    return "?";
}

const char *ast_type_name(Type t, char *buf, size_t n)
{
    switch (t.kind) {
    case TY_UNKNOWN: return "unknown";
    case TY_BOOL: return "yes/no";
    case TY_INT: return "integer";
    case TY_MONEY: return "amount";
    case TY_PERCENT: return "percentage";
    case TY_TEXT: return "text";
    case TY_ENUM: return "one-of value";
    case TY_FOCUS: return "focus area";
    case TY_KEY: return "table key";
    case TY_SET:
        snprintf(buf, n, "set of %s", t.elem == TY_FOCUS ? "focus areas" : "one-of values");
        return buf;
    case TY_RANGE:
        snprintf(buf, n, "range of %s", t.elem == TY_MONEY ? "amounts" : "integers");
        return buf;
    }
    return "?";
}

const char *ast_depth_message(void)
{
    return _("nästlad i mer än 200 nivåer (block, parenteser och operatorer räknas som en nivå var); dela upp den i mindre delar");
}

const char *ast_qtext(const char *msgid)
{
    const char *s = _(msgid);
    const char *bar = strchr(msgid, '|');
    if (bar && strncmp(s, msgid, (size_t)(bar - msgid + 1)) == 0)
        return s + (bar - msgid + 1);
    return s;
}

#define Q(bare, indef, indefinite) ((indefinite) ? ast_qtext(indef) : ast_qtext(bare))

const char *ast_type_label(Type t, bool ind)
{
    switch (t.kind) {
    case TY_UNKNOWN: return Q(N_("typ|okänd typ"), N_("typ|en okänd typ"), ind);
    case TY_BOOL: return Q(N_("typ|ja/nej"), N_("typ|ett ja/nej-villkor"), ind);
    case TY_INT: return Q(N_("typ|heltal"), N_("typ|ett heltal"), ind);
    case TY_MONEY: return Q(N_("typ|belopp"), N_("typ|ett belopp"), ind);
    case TY_PERCENT: return Q(N_("typ|procentsats"), N_("typ|en procentsats"), ind);
    case TY_TEXT: return Q(N_("typ|text"), N_("typ|en text"), ind);
    case TY_ENUM: return Q(N_("typ|uppräknat värde"), N_("typ|ett uppräknat värde"), ind);
    case TY_FOCUS: return Q(N_("typ|fokusområde"), N_("typ|ett fokusområde"), ind);
    case TY_KEY: return Q(N_("typ|nyckel i en tabell"), N_("typ|en nyckel i en tabell"), ind);
    case TY_SET:
        if (t.elem == TY_FOCUS)
            return Q(N_("typ|mängd av fokusområden"), N_("typ|en mängd av fokusområden"), ind);
        return Q(N_("typ|mängd av uppräknade värden"), N_("typ|en mängd av uppräknade värden"), ind);
    case TY_RANGE:
        if (t.elem == TY_MONEY)
            return Q(N_("typ|intervall av belopp"), N_("typ|ett intervall av belopp"), ind);
        return Q(N_("typ|intervall av heltal"), N_("typ|ett intervall av heltal"), ind);
    }
    return "?";
}

const char *ast_item_label(ItemKind k)
{
    switch (k) {
    case ITEM_AGREEMENT: return ast_qtext(N_("sort|överenskommelse"));
    case ITEM_FOCUS: return ast_qtext(N_("sort|fokusområde"));
    case ITEM_SCHEMA: return ast_qtext(N_("sort|ansökan"));
    case ITEM_FIELD: return ast_qtext(N_("sort|fält"));
    case ITEM_TABLE: return ast_qtext(N_("sort|tabell"));
    case ITEM_POT: return ast_qtext(N_("sort|pott"));
    case ITEM_CRITERION: return ast_qtext(N_("sort|villkor"));
    case ITEM_PRIORITY: return ast_qtext(N_("sort|prioritet"));
    case ITEM_PORTFOLIO: return ast_qtext(N_("sort|portföljvillkor"));
    case ITEM_SCENARIO: return ast_qtext(N_("sort|scenario"));
    case ITEM_TEST: return ast_qtext(N_("sort|test"));
    case PROP_SPLIT: return ast_qtext(N_("sort|fördelningen av pott"));
    case ITEM_ROUND: return ast_qtext(N_("sort|andra omgången i pott"));
    default: return ast_item_kind_name(k);
    }
}

/* ---- dump ---- */

static void put_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', out);
        if (*s == '\n')
            fputs("\\n", out);
        else
            fputc(*s, out);
    }
    fputc('"', out);
}

void ast_dump_expr(const Expr *e, FILE *out)
{
    char buf[64];
    if (!e) {
        fputs("nil", out);
        return;
    }
    switch (e->kind) {
    case EXPR_INT: fprintf(out, "%" PRId64, e->v.i); break;
    case EXPR_DECIMAL: fprintf(out, "%" PRId64 "/%" PRId64, e->v.ratio.num, e->v.ratio.den); break;
    case EXPR_MONEY:
        if (e->word)
            fprintf(out, "(%s ", e->word);
        fputs(money_format(e->v.money, buf, sizeof buf), out);
        if (e->word)
            fputc(')', out);
        break;
    case EXPR_PERCENT: fputs(percent_format(e->v.ratio, buf, sizeof buf), out); break;
    case EXPR_TEXT: put_str(out, e->v.text); break;
    case EXPR_BOOL: fputs(e->v.b ? "ja" : "nej", out); break;
    case EXPR_NAME: fputs(e->name, out); break;
    case EXPR_COLUMN: fprintf(out, "%s.%s", e->name, e->name2); break;
    case EXPR_REST: fputs("resten", out); break;
    case EXPR_ERROR: fputs("<error>", out); break;
    case EXPR_SET:
        fputs("{", out);
        for (size_t i = 0; i < e->list.n; i++) {
            if (i)
                fputs(", ", out);
            ast_dump_expr(e->list.items[i], out);
        }
        fputs("}", out);
        break;
    case EXPR_RANGE:
        fputs("(.. ", out);
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        fputc(')', out);
        break;
    case EXPR_UNARY:
        fprintf(out, "(%s ", ast_op_name(e->op));
        ast_dump_expr(e->a, out);
        fputc(')', out);
        break;
    case EXPR_BINARY:
        fprintf(out, "(%s ", ast_op_name(e->op));
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        fputc(')', out);
        break;
    case EXPR_PERCENT_OF:
        fputs("(av ", out);
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        fputc(')', out);
        break;
    case EXPR_IF:
        fputs("(om ", out);
        ast_dump_expr(e->a, out);
        fputc(' ', out);
        ast_dump_expr(e->b, out);
        if (e->c) {
            fputc(' ', out);
            ast_dump_expr(e->c, out);
        }
        fputc(')', out);
        break;
    case EXPR_CALL:
        fprintf(out, "(%s", e->name);
        for (size_t i = 0; i < e->list.n; i++) {
            fputc(' ', out);
            ast_dump_expr(e->list.items[i], out);
        }
        fputc(')', out);
        break;
    }
}

static void dump_item(const Item *it, FILE *out, int depth)
{
    fprintf(out, "%*s(%s", 2 * depth, "", ast_item_kind_name(it->kind));
    if (it->kind == ITEM_CHANGE || it->kind == ITEM_REMOVE)
        fprintf(out, " %s", ast_item_kind_name(it->target));
    if (it->flags & FIELD_KEY)
        fputs(" nyckel", out);
    if (it->flags & FIELD_REQUIRED)
        fputs(" obligatorisk", out);
    if (it->flags & FIELD_REQUESTED)
        fputs(" sökt", out);
    if (it->name)
        fprintf(out, " %s", it->name);
    if (it->name2)
        fprintf(out, " %s", it->name2);
    if (it->per_application)
        fputs(" per-ansökan", out);
    if (it->text) {
        fputc(' ', out);
        put_str(out, it->text);
    }
    if (it->type) {
        char buf[64];
        const TypeSpec *t = it->type;
        fprintf(out, " [%s", t->type.kind == TY_KEY ? "key in" : ast_type_name(t->type, buf, sizeof buf));
        if (t->table)
            fprintf(out, " %s", t->table);
        for (size_t i = 0; i < t->n_values; i++)
            fprintf(out, "%s%s", i ? " | " : " ", t->values[i]);
        fputc(']', out);
    }
    if (it->expr) {
        fputc(' ', out);
        ast_dump_expr(it->expr, out);
    }
    if (it->expr2) {
        fputc(' ', out);
        ast_dump_expr(it->expr2, out);
    }
    for (size_t i = 0; i < it->body.n; i++) {
        fputc('\n', out);
        dump_item(it->body.items[i], out, depth + 1);
    }
    fputc(')', out);
}

void ast_dump(const Module *m, FILE *out)
{
    for (size_t i = 0; i < m->items.n; i++) {
        dump_item(m->items.items[i], out, 0);
        fputc('\n', out);
    }
}
