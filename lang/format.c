/*
** format.c: medel fmt, one canonical layout for rule files. Prints the syntax
** tree again: four spaces per level, one item per line, a blank line between
** declarations, aligned focus-area labels, keywords in Swedish or English.
** Literals and names keep their spelling (35 MSEK stays 35 MSEK); operators
** written as words are translated with the keywords. Comments are carried
** over: a comment on a line of its own stays before the item that follows
** it, one at the end of a line stays at the end of that item's line.
*/
#include "format.h"
#include "text.h"

#include <string.h>

typedef struct Printer {
    FILE *out;
    const SourceFile *src;
    const Module *m;
    bool english;
    size_t next_comment;   /* the first comment not yet printed */
    int depth;
    bool line_open;        /* something is on the current output line */
} Printer;

/* Keywords in the two languages, by what they mean. */
enum {
    K_AGREEMENT, K_YEAR, K_SOURCE, K_URL, K_PARAGRAPH, K_DECISION, K_FOCUS_AREAS, K_FOCUS_AREA, K_APPLICATION,
    K_APPLICATIONS, K_TEXT, K_AMOUNT, K_INTEGER, K_YESNO, K_RANGE, K_ONE_OF, K_SET_OF, K_KEY, K_REQUIRED, K_REQUESTED,
    K_KEY_IN, K_TABLE, K_FROM, K_POT, K_MANAGER, K_LABEL, K_REST, K_SPLIT, K_PER, K_BY, K_ROUNDING, K_METHOD,
    K_FIRST_DIVISOR, K_CRITERION, K_REQUIRE, K_REASON, K_PRIORITY, K_SCORE, K_IF, K_THEN, K_ELSE, K_PORTFOLIO,
    K_AT_LEAST, K_AT_MOST, K_WHERE, K_ALLOCATION, K_LAST, K_CAP, K_MIN_GRANT, K_TIE_BREAK, K_EXTENDS, K_CHANGE,
    K_REMOVE, K_SCENARIO, K_TEST, K_EXPECT, K_GRANTED, K_OF, K_AND, K_OR, K_NOT, K_IN, K_NOT_IN, K_IS, K_IS_NOT,
    K_WITHIN, K_OVERLAPS, K_CONTAINS, K_INTERSECT, K_YES, K_NO, K_PERIOD, K_RANKING
};

static const char *const SV[] = {
    "överenskommelse", "år", "källa", "url", "stycke", "beslut", "fokusområden", "fokusområde", "ansökan",
    "ansökningar", "text", "belopp", "heltal", "ja/nej", "intervall", "en av", "mängd av", "nyckel", "obligatorisk", "sökt",
    "nyckel i", "tabell", "från", "pott", "förvaltare", "benämning", "resten", "fördela", "per", "efter", "avrundning", "metod",
    "första_divisor", "villkor", "krav", "skäl", "prioritet", "poäng", "om", "så", "annars", "portfölj",
    "minst", "högst", "där", "tilldelning", "sista", "tak", "lägsta_bidrag", "vid_lika", "utökar", "ändra",
    "ta_bort", "scenario", "test", "förvänta", "beviljat", "av", "och", "eller", "inte", "i", "inte i", "är", "är inte",
    "inom", "överlappar", "innehåller", "snitt", "ja", "nej", "period", "rangordning",
};
static const char *const EN[] = {
    "agreement", "year", "source", "url", "paragraph", "decision", "focus_areas", "focus_area", "application",
    "applications", "text", "amount", "integer", "yes/no", "range", "one of", "set of", "key", "required", "requested",
    "key in", "table", "from", "pot", "manager", "label", "rest", "split", "per", "by", "rounding", "method",
    "first_divisor", "criterion", "require", "reason", "priority", "score", "if", "then", "else", "portfolio",
    "at_least", "at_most", "where", "allocation", "last", "cap", "min_grant", "tie_break", "extends", "change",
    "remove", "scenario", "test", "expect", "granted", "of", "and", "or", "not", "in", "not in", "is", "is not",
    "within", "overlaps", "contains", "intersect", "yes", "no", "period", "rank_order",
};

static const char *kw(const Printer *p, int k)
{
    return p->english ? EN[k] : SV[k];
}

/* ---- output and comments ---- */

static void indent(Printer *p)
{
    for (int i = 0; i < p->depth; i++)
        fputs("    ", p->out);
}

static void end_line(Printer *p)
{
    if (p->line_open)
        fputc('\n', p->out);
    p->line_open = false;
}

static void start_line(Printer *p)
{
    end_line(p);
    indent(p);
    p->line_open = true;
}

/* Line number (from 0) of a byte offset. */
static size_t line_of(const SourceFile *f, size_t off)
{
    size_t lo = 0, hi = f->n_lines;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->line_starts[mid] <= off)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static void put_comment(Printer *p, Span c)
{
    fwrite(p->src->bytes + c.start, 1, c.end - c.start, p->out);
}

/* Prints, each on its own line, the comments that stand before offset `off`. */
static void comments_before(Printer *p, size_t off)
{
    while (p->next_comment < p->m->n_comments && p->m->comments[p->next_comment].start < off) {
        start_line(p);
        put_comment(p, p->m->comments[p->next_comment++]);
        end_line(p);
    }
}

/* After an item that ended at `end`: a comment later on the same source line
** goes at the end of the printed line. */
static void trailing_comment(Printer *p, size_t end)
{
    if (p->next_comment >= p->m->n_comments)
        return;
    Span c = p->m->comments[p->next_comment];
    if (c.start >= end && line_of(p->src, c.start) == line_of(p->src, end > 0 ? end - 1 : 0)) {
        fputs("  ", p->out);
        put_comment(p, c);
        p->next_comment++;
    }
}

static void text_lit(Printer *p, const char *s)
{
    fputc('"', p->out);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fputc('\\', p->out);
        if (*s == '\n')
            fputs("\\n", p->out);
        else if (*s == '\t')
            fputs("\\t", p->out);
        else
            fputc(*s, p->out);
    }
    fputc('"', p->out);
}

/* ---- expressions ---- */

static void raw(Printer *p, Span s)
{
    /* Source text with runs of blanks folded to one space. */
    bool space = false;
    for (size_t i = s.start; i < s.end; i++) {
        char c = p->src->bytes[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            space = true;
            continue;
        }
        if (space)
            fputc(' ', p->out);
        space = false;
        fputc(c, p->out);
    }
}

/* The operator as written between two operands, translated when it is a
** word: "är" and "=" both mean equality, and the author's choice is kept. */
static void op(Printer *p, const Expr *e)
{
    size_t a = e->a->span.end, b = e->b->span.start;
    while (a < b && strchr(" \t\r\n", p->src->bytes[a]))
        a++;
    while (b > a && strchr(" \t\r\n", p->src->bytes[b - 1]))
        b--;
    char w[32];
    size_t n = b - a < sizeof w - 1 ? b - a : sizeof w - 1;
    memcpy(w, p->src->bytes + a, n);
    w[n] = '\0';
    /* Fold inner blanks ("är   inte") for the lookup. */
    char folded[32];
    size_t k = 0;
    for (size_t i = 0; i < n && k < sizeof folded - 1; i++) {
        bool blank = w[i] == ' ' || w[i] == '\t' || w[i] == '\n';
        if (blank && (k == 0 || folded[k - 1] == ' '))
            continue;
        folded[k++] = blank ? ' ' : w[i];
    }
    folded[k] = '\0';
    for (size_t i = 0; i < sizeof SV / sizeof SV[0]; i++) {
        if (!strcmp(folded, SV[i]) || !strcmp(folded, EN[i])) {
            fputs(kw(p, (int)i), p->out);
            return;
        }
    }
    if (!strcmp(folded, "–") || !strcmp(folded, "—"))
        fputs("..", p->out);
    else
        fputs(folded, p->out);
}

static void expr(Printer *p, const Expr *e);

/* Was e written in parentheses? Its span then starts with '(' (the grammar
** widens a parenthesised expression's span to the parentheses). */
static bool parenthesised(const Printer *p, const Expr *e)
{
    return e->kind != EXPR_CALL && e->span.end > e->span.start && p->src->bytes[e->span.start] == '(' &&
           p->src->bytes[e->span.end - 1] == ')';
}

static void expr_inner(Printer *p, const Expr *e)
{
    switch (e->kind) {
    case EXPR_BOOL:
        fputs(kw(p, e->v.b ? K_YES : K_NO), p->out);
        return;
    case EXPR_REST:
        fputs(kw(p, K_REST), p->out);
        return;
    case EXPR_SET:
        fputc('{', p->out);
        for (size_t i = 0; i < e->list.n; i++) {
            if (i)
                fputs(", ", p->out);
            expr(p, e->list.items[i]);
        }
        fputc('}', p->out);
        return;
    case EXPR_CALL:
        fprintf(p->out, "%s(", e->name);
        for (size_t i = 0; i < e->list.n; i++) {
            if (i)
                fputs(", ", p->out);
            expr(p, e->list.items[i]);
        }
        fputc(')', p->out);
        return;
    case EXPR_RANGE:
        if (e->a->span.start == e->span.start && e->b->span.end == e->span.end && e->a->span.end == e->b->span.start) {
            raw(p, e->span);    /* 2021-2022 as one token */
            return;
        }
        expr(p, e->a);
        fputs("..", p->out);
        expr(p, e->b);
        return;
    case EXPR_UNARY:
        if (e->op == OP_NOT) {
            fputs(kw(p, K_NOT), p->out);
            fputc(' ', p->out);
        } else {
            fputc('-', p->out);
        }
        expr(p, e->a);
        return;
    case EXPR_BINARY:
        expr(p, e->a);
        fputc(' ', p->out);
        op(p, e);
        fputc(' ', p->out);
        expr(p, e->b);
        return;
    case EXPR_PERCENT_OF:
        expr(p, e->a);
        fprintf(p->out, " %s ", kw(p, K_OF));
        expr(p, e->b);
        return;
    case EXPR_IF:
        fprintf(p->out, "%s ", kw(p, K_IF));
        expr(p, e->a);
        fprintf(p->out, " %s ", kw(p, K_THEN));
        expr(p, e->b);
        if (e->c) {
            fprintf(p->out, " %s ", kw(p, K_ELSE));
            expr(p, e->c);
        }
        return;
    default:
        raw(p, e->span);   /* literals, names, columns: as written */
        return;
    }
}

static void expr(Printer *p, const Expr *e)
{
    if (parenthesised(p, e)) {
        fputc('(', p->out);
        expr_inner(p, e);
        fputc(')', p->out);
    } else {
        expr_inner(p, e);
    }
}

/* ---- items ---- */

static void items(Printer *p, const ItemList *list, bool blank_between_decls);

static bool is_decl(ItemKind k)
{
    return k == ITEM_POT || k == ITEM_CRITERION || k == ITEM_PRIORITY || k == ITEM_PORTFOLIO || k == ITEM_SCENARIO ||
           k == ITEM_TEST || k == ITEM_CHANGE;
}

/* " {", the item's body one level in (with the comments inside it), "}". */
static void body(Printer *p, const Item *it, bool blank_between)
{
    fputs(" {", p->out);
    p->depth++;
    items(p, &it->body, blank_between);
    comments_before(p, it->span.end);
    p->depth--;
    start_line(p);
    fputc('}', p->out);
}

/* "KEYWORD name ["label"] {", the body, "}". */
static void block(Printer *p, const Item *it, int k, bool blank_between)
{
    fputs(kw(p, k), p->out);
    if (it->name)
        fprintf(p->out, " %s", it->name);
    if (it->text) {
        fputc(' ', p->out);
        text_lit(p, it->text);
    }
    body(p, it, blank_between);
}

static void type_spec(Printer *p, const TypeSpec *t)
{
    switch (t->type.kind) {
    case TY_TEXT: fputs(kw(p, K_TEXT), p->out); break;
    case TY_MONEY: fputs(kw(p, K_AMOUNT), p->out); break;
    case TY_INT: fputs(kw(p, K_INTEGER), p->out); break;
    case TY_BOOL: fputs(kw(p, K_YESNO), p->out); break;
    case TY_RANGE:
        fputs(kw(p, K_RANGE), p->out);
        if (t->type.elem == TY_MONEY)
            fprintf(p->out, " %s %s", kw(p, K_OF), kw(p, K_AMOUNT));
        break;
    case TY_FOCUS: fputs(kw(p, K_FOCUS_AREA), p->out); break;
    case TY_KEY: fprintf(p->out, "%s %s", kw(p, K_KEY_IN), t->table); break;
    case TY_SET:
        if (t->type.elem == TY_FOCUS) {
            fputs(kw(p, K_FOCUS_AREAS), p->out);
            break;
        }
        /* fall through */
    case TY_ENUM:
        fputs(kw(p, t->type.kind == TY_SET ? K_SET_OF : K_ONE_OF), p->out);
        for (size_t i = 0; i < t->n_values; i++)
            fprintf(p->out, "%s%s", i ? " | " : " ", t->values[i]);
        break;
    default: break;
    }
}

static int ref_kw(ItemKind k)
{
    switch (k) {
    case PROP_SOURCE: return K_SOURCE;
    case PROP_URL: return K_URL;
    case PROP_PARAGRAPH: return K_PARAGRAPH;
    case PROP_DECISION: return K_DECISION;
    case PROP_MANAGER: return K_MANAGER;
    case PROP_LABEL: return K_LABEL;
    case PROP_REASON: return K_REASON;
    case ITEM_EXTENDS: return K_EXTENDS;
    case TEST_FILE: return K_APPLICATIONS;
    default: return -1;
    }
}

static int kind_kw(ItemKind k)
{
    switch (k) {
    case ITEM_POT: return K_POT;
    case ITEM_CRITERION: return K_CRITERION;
    case ITEM_PRIORITY: return K_PRIORITY;
    case ITEM_PORTFOLIO: return K_PORTFOLIO;
    default: return K_AGREEMENT;
    }
}

static void item(Printer *p, const Item *it)
{
    int rk = ref_kw(it->kind);
    if (rk >= 0) {
        fprintf(p->out, "%s ", kw(p, rk));
        text_lit(p, it->text);
        return;
    }
    switch (it->kind) {
    case ITEM_AGREEMENT:
        fputs(kw(p, K_AGREEMENT), p->out);
        fputc(' ', p->out);
        text_lit(p, it->text);
        body(p, it, false);
        break;
    case ITEM_FOCUS_AREAS: {
        fprintf(p->out, "%s {", kw(p, K_FOCUS_AREAS));
        size_t w = 0;
        for (size_t i = 0; i < it->body.n; i++)
            if (text_width(it->body.items[i]->name, strlen(it->body.items[i]->name), 0) > w)
                w = text_width(it->body.items[i]->name, strlen(it->body.items[i]->name), 0);
        p->depth++;
        for (size_t i = 0; i < it->body.n; i++) {
            const Item *f = it->body.items[i];
            comments_before(p, f->span.start);
            start_line(p);
            fputs(f->name, p->out);
            for (size_t x = text_width(f->name, strlen(f->name), 0); x < w + 2; x++)
                fputc(' ', p->out);
            text_lit(p, f->text);
            trailing_comment(p, f->span.end);
        }
        comments_before(p, it->span.end);
        p->depth--;
        start_line(p);
        fputc('}', p->out);
        break;
    }
    case ITEM_SCHEMA:
        fputs(kw(p, K_APPLICATION), p->out);
        body(p, it, false);
        break;
    case ITEM_FIELD:
        if (it->flags & FIELD_KEY)
            fprintf(p->out, "%s ", kw(p, K_KEY));
        if (it->flags & FIELD_REQUIRED)
            fprintf(p->out, "%s ", kw(p, K_REQUIRED));
        if (it->flags & FIELD_REQUESTED)
            fprintf(p->out, "%s ", kw(p, K_REQUESTED));
        fprintf(p->out, "%s: ", it->name);
        type_spec(p, it->type);
        if (it->text) {
            fputc(' ', p->out);
            text_lit(p, it->text);
        }
        break;
    case ITEM_TABLE:
        fprintf(p->out, "%s %s %s ", kw(p, K_TABLE), it->name, kw(p, K_FROM));
        text_lit(p, it->text);
        body(p, it, false);
        break;
    case ITEM_POT: block(p, it, K_POT, true); break;
    case ITEM_CRITERION: block(p, it, K_CRITERION, false); break;
    case ITEM_PRIORITY: block(p, it, K_PRIORITY, false); break;
    case ITEM_PORTFOLIO: block(p, it, K_PORTFOLIO, false); break;
    case ITEM_SCENARIO: block(p, it, K_SCENARIO, false); break;
    case ITEM_TEST: block(p, it, K_TEST, false); break;
    case ITEM_CHANGE:
        fprintf(p->out, "%s %s", kw(p, K_CHANGE), kw(p, kind_kw(it->target)));
        if (it->target == ITEM_AGREEMENT) {
            fputc(' ', p->out);
            text_lit(p, it->text);
        } else {
            fprintf(p->out, " %s", it->name);
        }
        body(p, it, true);
        break;
    case ITEM_REMOVE:
        fprintf(p->out, "%s %s %s", kw(p, K_REMOVE), kw(p, kind_kw(it->target)), it->name);
        break;
    case PROP_YEAR:
        fprintf(p->out, "%s ", kw(p, K_YEAR));
        expr(p, it->expr);
        break;
    case PROP_AMOUNT:
        fprintf(p->out, "%s ", kw(p, K_AMOUNT));
        expr(p, it->expr);
        break;
    case PROP_SPLIT:
        fprintf(p->out, "%s %s %s %s %s.%s", kw(p, K_SPLIT), kw(p, K_PER), it->name, kw(p, K_BY), it->expr->name,
                it->expr->name2);
        if (it->body.n) {
            fputs(" {", p->out);
            p->depth++;
            items(p, &it->body, false);
            p->depth--;
            start_line(p);
            fputc('}', p->out);
        }
        break;
    case PROP_ROUNDING:
        fprintf(p->out, "%s ", kw(p, K_ROUNDING));
        expr(p, it->expr);
        break;
    case PROP_METHOD: fprintf(p->out, "%s %s", kw(p, K_METHOD), it->name); break;
    case PROP_FIRST_DIVISOR:
        fprintf(p->out, "%s ", kw(p, K_FIRST_DIVISOR));
        expr(p, it->expr);
        break;
    case PROP_REQUIRE:
        fprintf(p->out, "%s ", kw(p, K_REQUIRE));
        expr(p, it->expr);
        break;
    case PROP_SCORE:
        fprintf(p->out, "%s ", kw(p, K_SCORE));
        expr(p, it->expr);
        if (it->expr2) {
            fprintf(p->out, " %s ", kw(p, K_IF));
            expr(p, it->expr2);
        }
        break;
    case PROP_ALLOCATION:
        fprintf(p->out, "%s %s", kw(p, K_ALLOCATION), it->name);
        if (it->name2)
            fprintf(p->out, " %s %s", kw(p, K_LAST), it->name2);
        break;
    case PROP_CAP:
        fprintf(p->out, "%s ", kw(p, K_CAP));
        expr(p, it->expr);
        fprintf(p->out, " %s %s", kw(p, K_PER), it->per_application ? kw(p, K_APPLICATION) : it->name);
        break;
    case PROP_MIN_GRANT:
        fprintf(p->out, "%s ", kw(p, K_MIN_GRANT));
        expr(p, it->expr);
        break;
    case PROP_TIE_BREAK:
        fprintf(p->out, "%s ", kw(p, K_TIE_BREAK));
        for (size_t i = 0; i < it->body.n; i++)
            fprintf(p->out, "%s%s", i ? ", " : "", it->body.items[i]->name);
        break;
    case PROP_APPLIES:
        fprintf(p->out, "%s %s ", kw(p, K_APPLICATIONS), kw(p, K_WHERE));
        expr(p, it->expr);
        break;
    case PROP_AT_LEAST: case PROP_AT_MOST:
        fprintf(p->out, "%s ", kw(p, it->kind == PROP_AT_LEAST ? K_AT_LEAST : K_AT_MOST));
        expr(p, it->expr);
        if (it->per_application)
            fprintf(p->out, " %s", kw(p, K_APPLICATION));
        if (it->expr2) {
            fprintf(p->out, " %s ", kw(p, K_WHERE));
            expr(p, it->expr2);
        }
        break;
    case TEST_APPLICATION:
        fputs(kw(p, K_APPLICATION), p->out);
        body(p, it, false);
        break;
    case TEST_VALUE:
        fprintf(p->out, "%s ", it->name);
        expr(p, it->expr);
        break;
    case TEST_SCENARIO: fprintf(p->out, "%s %s", kw(p, K_SCENARIO), it->name); break;
    case TEST_EXPECT_STATUS:
        fprintf(p->out, "%s %s %s", kw(p, K_EXPECT), it->name, it->name2);
        for (size_t i = 0; i < it->body.n; i++)
            fprintf(p->out, "%s%s", i ? ", " : ": ", it->body.items[i]->name);
        break;
    case TEST_EXPECT_GRANT: case TEST_EXPECT_POT:
        fprintf(p->out, "%s %s ", kw(p, K_EXPECT), kw(p, it->kind == TEST_EXPECT_GRANT ? K_GRANTED : K_POT));
        text_lit(p, it->text);
        fputc(' ', p->out);
        expr(p, it->expr);
        break;
    case TEST_EXPECT_RANK:
        fprintf(p->out, "%s %s ", kw(p, K_EXPECT), kw(p, K_RANKING));
        text_lit(p, it->text);
        for (size_t i = 0; i < it->body.n; i++) {
            fputs(i ? ", " : " ", p->out);
            text_lit(p, it->body.items[i]->text);
        }
        break;
    case TEST_EXPECT_PORTFOLIO:
        fprintf(p->out, "%s %s %s %s", kw(p, K_EXPECT), kw(p, K_PORTFOLIO), it->name, it->name2);
        break;
    default:
        break;
    }
}

static void items(Printer *p, const ItemList *list, bool blank_between_decls)
{
    for (size_t i = 0; i < list->n; i++) {
        const Item *it = list->items[i];
        /* A declaration after something else gets a blank line before it
        ** (and before its own comments). */
        if (blank_between_decls && i > 0 && (is_decl(it->kind) || is_decl(list->items[i - 1]->kind))) {
            end_line(p);
            fputc('\n', p->out);
        }
        comments_before(p, it->span.start);
        start_line(p);
        item(p, it);
        trailing_comment(p, it->span.end);
    }
}

void format_module(const Module *m, const SourceSet *set, bool english, FILE *out)
{
    Printer p = {.out = out, .src = source_get(set, m->file), .m = m, .english = english};
    for (size_t i = 0; i < m->items.n; i++) {
        const Item *it = m->items.items[i];
        if (i > 0) {
            end_line(&p);
            fputc('\n', out);   /* one blank line between top-level items */
        }
        comments_before(&p, it->span.start);
        start_line(&p);
        item(&p, it);
        trailing_comment(&p, it->span.end);
    }
    comments_before(&p, (size_t)-1);
    end_line(&p);
}
