/*
** test_ruletext.c: rule text of expressions (lang/format.c's format_expr),
** as diff, validate --dump and explain show criteria, amounts and
** conditions. The property: printing an expression and parsing the text
** gives the same tree, in both languages, for every expression of the rule
** files in rules/ and examples/ (with their source at hand: literals as
** written) and for thousands of random trees (without it: medel's own
** forms). Exact texts are checked for the precedence cases.
*/
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "format.h"
#include "parse.h"
#include "suites.h"

/* ---- comparing trees (spans aside) ---- */

static const char *canon(const char *w)
{
    const char *c = w ? format_word(w, false) : NULL;
    return c ? c : w;
}

static const char *canon_en(const char *w)
{
    const char *c = w ? format_word(w, true) : NULL;
    return c ? c : w;
}

static bool same_str(const char *a, const char *b)
{
    return a == b || (a && b && strcmp(a, b) == 0);
}

static bool same_tree(const Expr *a, const Expr *b)
{
    if (!a || !b)
        return a == b;
    if (a->kind != b->kind || a->op != b->op || a->list.n != b->list.n)
        return false;
    switch (a->kind) {
    case EXPR_INT: if (a->v.i != b->v.i) return false; break;
    case EXPR_MONEY:
        /* "nära" and "drygt" are both "about" in English: the word's
        ** presence and its meaning in English are what a round trip keeps. */
        if (a->v.money != b->v.money || !same_str(canon_en(a->word), canon_en(b->word)))
            return false;
        break;
    case EXPR_PERCENT: case EXPR_DECIMAL:
        if (ratio_cmp(a->v.ratio, b->v.ratio) != 0)
            return false;
        break;
    case EXPR_TEXT: if (!same_str(a->v.text, b->v.text)) return false; break;
    case EXPR_BOOL: if (a->v.b != b->v.b) return false; break;
    case EXPR_NAME: case EXPR_COLUMN:
        if (!same_str(a->name, b->name) || !same_str(a->name2, b->name2))
            return false;
        break;
    case EXPR_CALL: if (!same_str(canon(a->name), canon(b->name))) return false; break;
    default: break;
    }
    for (size_t i = 0; i < a->list.n; i++)
        if (!same_tree(a->list.items[i], b->list.items[i]))
            return false;
    return same_tree(a->a, b->a) && same_tree(a->b, b->b) && same_tree(a->c, b->c);
}

static bool has_error(const Expr *e)
{
    if (!e)
        return false;
    if (e->kind == EXPR_ERROR)
        return true;
    for (size_t i = 0; i < e->list.n; i++)
        if (has_error(e->list.items[i]))
            return true;
    return has_error(e->a) || has_error(e->b) || has_error(e->c);
}

/* ---- parsing a printed expression back ---- */

typedef struct Back {
    Arena a;
    SourceSet set;
    Diags d;
    const Expr *e;   /* the expression parsed back, or NULL */
} Back;

/* Parses `text` as the requirement of a criterion, in a file in Swedish or
** English. Free with back_free. */
static void parse_back(Back *b, const char *text, bool english)
{
    arena_init(&b->a);
    source_set_init(&b->set);
    char *src = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&src, &len);
    ck_assert_ptr_nonnull(f);
    fprintf(f, english ? "criterion x {\n    require %s\n}\n" : "villkor x {\n    krav %s\n}\n", text);
    ck_assert_int_eq(fclose(f), 0);
    uint32_t id = source_add(&b->set, "back.medel", src, len);
    free(src);
    diags_init(&b->d, &b->set);
    Module *m = parse_module(&b->a, &b->set, id, &b->d, false);
    b->e = NULL;
    if (b->d.n_errors == 0 && m->items.n == 1 && m->items.items[0]->body.n == 1)
        b->e = m->items.items[0]->body.items[0]->expr;
}

static void back_free(Back *b)
{
    diags_free(&b->d);
    arena_free(&b->a);
    source_set_free(&b->set);
}

/* Prints e (in `set` when not NULL) in one language, parses the text back
** and compares; fails with the text when the trees differ. */
static void round_trip(const Expr *e, const SourceSet *set, bool english, const char *where)
{
    Arena a;
    arena_init(&a);
    const char *text = format_expr_text(&a, e, set, english);
    Back b;
    parse_back(&b, text, english);
    if (!b.e || !same_tree(e, b.e)) {
        char *dump = NULL;
        size_t n = 0;
        FILE *f = open_memstream(&dump, &n);
        ast_dump_expr(e, f);
        fputs(" / back: ", f);
        if (b.e)
            ast_dump_expr(b.e, f);
        else
            diags_render(&b.d, f);
        fclose(f);
        ck_abort_msg("%s: '%s' does not parse back to the same tree (%s): %s", where, text, english ? "en" : "sv", dump);
    }
    back_free(&b);
    arena_free(&a);
}

/* ---- every expression of the shipped rule files ---- */

static size_t n_checked;

static void items_round_trip(const ItemList *l, const SourceSet *set, bool english, const char *path)
{
    for (size_t i = 0; i < l->n; i++) {
        const Item *it = l->items[i];
        const Expr *es[] = {it->expr, it->expr2};
        /* A split's table.column is a reference, not an expression. */
        for (size_t k = it->kind == PROP_SPLIT ? 2 : 0; k < 2; k++) {
            if (!es[k] || has_error(es[k]))
                continue;
            round_trip(es[k], set, english, path);
            round_trip(es[k], set, !english, path);
            n_checked++;
        }
        items_round_trip(&it->body, set, english, path);
    }
}

static void files_in(const char *dir)
{
    char folder[1024];
    snprintf(folder, sizeof folder, "%s/%s", MEDEL_SOURCE_DIR, dir);
    DIR *dp = opendir(folder);
    ck_assert_msg(dp != NULL, "cannot open %s", folder);
    struct dirent *de;
    while ((de = readdir(dp))) {
        size_t n = strlen(de->d_name);
        if (n < 6 || strcmp(de->d_name + n - 6, ".medel") != 0)
            continue;
        char path[2048];
        snprintf(path, sizeof path, "%s/%s", folder, de->d_name);
        SourceSet set;
        source_set_init(&set);
        uint32_t id;
        ck_assert_msg(source_load(&set, path, &id), "cannot read %s", path);
        Arena a;
        arena_init(&a);
        Diags d;
        diags_init(&d, &set);
        Module *m = parse_module(&a, &set, id, &d, false);
        if (d.n_errors == 0)
            items_round_trip(&m->items, &set, format_file_english(source_get(&set, id)), path);
        diags_free(&d);
        arena_free(&a);
        source_set_free(&set);
    }
    closedir(dp);
}

START_TEST(test_rule_files_round_trip)
{
    n_checked = 0;
    files_in("rules");
    files_in("examples");
    ck_assert_msg(n_checked >= 100, "only %zu expressions checked", n_checked);
}
END_TEST

/* ---- random trees ---- */

typedef struct Gen {
    Arena *a;
    uint64_t state;
} Gen;

static uint32_t rnd(Gen *g, uint32_t n)
{
    g->state = g->state * 6364136223846793005ULL + 1442695040888963407ULL;
    return (uint32_t)((g->state >> 33) % n);
}

static Expr *leaf(Gen *g)
{
    static const char *const NAMES[] = {"ålder", "målgrupp", "x", "sökandetyp", "fokus", "kommun"};
    static const char *const TEXTS[] = {"Stockholm", "a \"citat\"", "snedstreck \\ här", "", "två\nrader"};
    Expr *e;
    switch (rnd(g, 10)) {
    case 0:
        e = ast_expr(g->a, EXPR_INT, SPAN_NONE);
        e->v.i = rnd(g, 3) ? rnd(g, 100) : rnd(g, 10000000);
        return e;
    case 1:
        e = ast_expr(g->a, EXPR_MONEY, SPAN_NONE);
        e->v.money = rnd(g, 2) ? (Money)rnd(g, 100000) * 100 * 100 : (Money)rnd(g, 100000000);
        if (!rnd(g, 4))
            e->word = rnd(g, 2) ? "cirka" : "nära";
        return e;
    case 2:
        e = ast_expr(g->a, EXPR_PERCENT, SPAN_NONE);
        ck_assert(ratio_make(rnd(g, 2000), 1000, &e->v.ratio));
        return e;
    case 3: {
        e = ast_expr(g->a, EXPR_DECIMAL, SPAN_NONE);
        int64_t k = 10 * rnd(g, 50) + 1 + rnd(g, 9);   /* never a whole number */
        ck_assert(ratio_make(k, 10, &e->v.ratio));
        return e;
    }
    case 4:
        e = ast_expr(g->a, EXPR_TEXT, SPAN_NONE);
        e->v.text = TEXTS[rnd(g, 5)];
        return e;
    case 5:
        e = ast_expr(g->a, EXPR_BOOL, SPAN_NONE);
        e->v.b = rnd(g, 2);
        return e;
    case 6:
        e = ast_expr(g->a, EXPR_COLUMN, SPAN_NONE);
        e->name = "ungdomar";
        e->name2 = "antal_12_22";
        return e;
    case 7:
        return ast_expr(g->a, EXPR_REST, SPAN_NONE);
    default:
        e = ast_expr(g->a, EXPR_NAME, SPAN_NONE);
        e->name = NAMES[rnd(g, 6)];
        return e;
    }
}

static Expr *tree(Gen *g, int depth)
{
    static const ExprOp OPS[] = {OP_AND, OP_OR, OP_EQ, OP_NE, OP_LT, OP_LE, OP_GT, OP_GE, OP_IN, OP_NOT_IN,
                                 OP_WITHIN, OP_OVERLAPS, OP_CONTAINS, OP_INTERSECT, OP_ADD, OP_SUB, OP_MUL};
    if (depth == 0 || rnd(g, 5) == 0)
        return leaf(g);
    Expr *e;
    switch (rnd(g, 12)) {
    case 0: {
        e = ast_expr(g->a, rnd(g, 2) ? EXPR_SET : EXPR_CALL, SPAN_NONE);
        if (e->kind == EXPR_CALL)
            e->name = "antal";
        size_t n = rnd(g, 4) + (e->kind == EXPR_CALL);
        for (size_t i = 0; i < n; i++)
            ast_expr_push(g->a, &e->list, tree(g, depth - 1));
        return e;
    }
    case 1:
        e = ast_expr(g->a, EXPR_RANGE, SPAN_NONE);
        e->a = tree(g, depth - 1);
        e->b = tree(g, depth - 1);
        return e;
    case 2:
        return ast_unary(g->a, SPAN_NONE, rnd(g, 2) ? OP_NOT : OP_NEG, tree(g, depth - 1));
    case 3:
        e = ast_expr(g->a, EXPR_PERCENT_OF, SPAN_NONE);
        e->a = tree(g, depth - 1);
        e->b = tree(g, depth - 1);
        return e;
    case 4:
        e = ast_expr(g->a, EXPR_IF, SPAN_NONE);
        e->a = tree(g, depth - 1);
        e->b = tree(g, depth - 1);
        if (rnd(g, 2))
            e->c = tree(g, depth - 1);
        return e;
    default:
        return ast_binary(g->a, SPAN_NONE, OPS[rnd(g, sizeof OPS / sizeof OPS[0])], tree(g, depth - 1), tree(g, depth - 1));
    }
}

START_TEST(test_random_trees_round_trip)
{
    size_t n = unit_cases(5000);
    for (size_t i = 0; i < n; i++) {
        Arena a;
        arena_init(&a);
        Gen g = {.a = &a, .state = 0x9E3779B97F4A7C15ULL ^ i};
        Expr *e = tree(&g, 1 + (int)(i % 6));
        char where[48];
        snprintf(where, sizeof where, "random tree %zu", i);
        round_trip(e, NULL, false, where);
        round_trip(e, NULL, true, where);
        arena_free(&a);
    }
}
END_TEST

/* ---- exact texts ---- */

static const struct {
    const char *in, *sv, *en;   /* as written; printed in Swedish; in English */
} EXACT[] = {
    {"målgrupp inom 12 .. 22", "målgrupp inom 12..22", "målgrupp within 12..22"},
    {"(antal(handlingsplan) >= 1)", "antal(handlingsplan) >= 1", "count(handlingsplan) >= 1"},
    {"a och (b eller c)", "a och (b eller c)", "a and (b or c)"},
    {"(a och b) eller c", "a och b eller c", "a and b or c"},
    {"inte (a och b)", "inte (a och b)", "not (a and b)"},
    {"(inte a) och b", "inte a och b", "not a and b"},
    {"sökandetyp är kommun", "sökandetyp är kommun", "sökandetyp is kommun"},
    {"sökandetyp  =  kommun", "sökandetyp = kommun", "sökandetyp = kommun"},
    {"a är inte b", "a är inte b", "a is not b"},
    {"belopp <= 2,5 MSEK", "belopp <= 2,5 MSEK", "belopp <= 2,5 MSEK"},
    {"begärt ≤ 2 500 000 kr", "begärt ≤ 2 500 000 kr", "begärt ≤ 2 500 000 kr"},
    {"(a + b) * c", "(a + b) * c", "(a + b) * c"},
    {"a - (b - c)", "a - (b - c)", "a - (b - c)"},
    {"(a - b) - c", "a - b - c", "a - b - c"},
    {"12,5 procent av (a + b)", "12,5 procent av (a + b)", "12,5 percent of (a + b)"},
    {"om x så 1 annars om y så 2 annars 3", "om x så 1 annars om y så 2 annars 3", "if x then 1 else if y then 2 else 3"},
    {"om (om x så y) så 1", "om (om x så y) så 1", "if (if x then y) then 1"},
    {"(om x så 1 annars 2) + 1", "(om x så 1 annars 2) + 1", "(if x then 1 else 2) + 1"},
    {"fokus innehåller {digital, samverkan}", "fokus innehåller {digital, samverkan}",
     "fokus contains {digital, samverkan}"},
    {"cirka 35 MSEK", "cirka 35 MSEK", "about 35 MSEK"},
    {"-(-x)", "-(-x)", "-(-x)"},
    {"(a = b) = c", "(a = b) = c", "(a = b) = c"},
    {"kommun inte i {Solna}", "kommun inte i {Solna}", "kommun not in {Solna}"},
    {"ja och nej", "ja och nej", "yes and no"},
    {"\"text med \\\"citat\\\"\" = titel", "\"text med \\\"citat\\\"\" = titel", "\"text med \\\"citat\\\"\" = titel"},
};

START_TEST(test_exact_text)
{
    for (size_t i = 0; i < sizeof EXACT / sizeof EXACT[0]; i++) {
        Back b;
        parse_back(&b, EXACT[i].in, false);
        ck_assert_msg(b.e != NULL, "row %zu does not parse: %s", i, EXACT[i].in);
        Arena a;
        arena_init(&a);
        ck_assert_str_eq(format_expr_text(&a, b.e, &b.set, false), EXACT[i].sv);
        ck_assert_str_eq(format_expr_text(&a, b.e, &b.set, true), EXACT[i].en);
        round_trip(b.e, &b.set, false, EXACT[i].in);
        round_trip(b.e, &b.set, true, EXACT[i].in);
        arena_free(&a);
        back_free(&b);
    }
}
END_TEST

/* Without the source, literals take medel's own forms. */
START_TEST(test_without_source)
{
    Back b;
    parse_back(&b, "begärt <= 2,5 MSEK och andel >= 12,5 procent och x är 1,50", false);
    ck_assert_ptr_nonnull(b.e);
    Arena a;
    arena_init(&a);
    ck_assert_str_eq(format_expr_text(&a, b.e, NULL, false), "begärt <= 2 500 000 kr och andel >= 12,5 % och x = 1,5");
    arena_free(&a);
    back_free(&b);
}
END_TEST

START_TEST(test_file_language)
{
    SourceSet set;
    source_set_init(&set);
    const char *sv = "# en regelfil\növerenskommelse \"a\" {\n    år 2021\n}\npott p {\n    belopp 1 kr\n}\n";
    const char *en = "agreement \"a\" {\n    year 2021\n}\npot p {\n    amount 1 kr\n}\n";
    const char *mixed = "scenario s {\n}\ntest t {\n}\n";
    uint32_t a = source_add(&set, "sv.medel", sv, strlen(sv));
    uint32_t b = source_add(&set, "en.medel", en, strlen(en));
    uint32_t c = source_add(&set, "mixed.medel", mixed, strlen(mixed));
    ck_assert(!format_file_english(source_get(&set, a)));
    ck_assert(format_file_english(source_get(&set, b)));
    ck_assert(!format_file_english(source_get(&set, c)));   /* the same in both: Swedish */
    ck_assert(!format_file_english(NULL));
    source_set_free(&set);
}
END_TEST

Suite *make_ruletext_suite(void)
{
    Suite *s = suite_create("ruletext");
    TCase *tc = tcase_create("ruletext");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_exact_text);
    tcase_add_test(tc, test_without_source);
    tcase_add_test(tc, test_file_language);
    tcase_add_test(tc, test_rule_files_round_trip);
    tcase_add_test(tc, test_random_trees_round_trip);
    suite_add_tcase(s, tc);
    return s;
}
