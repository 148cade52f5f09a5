/*
** test_lexer2.c: sets of one-of values with more choices than a set value's
** bit mask holds. For a generated `en av` of N choices (N = 1..200), 'i',
** 'inte i' and 'innehåller' over random subsets agree with a direct
** comparison of the values for every choice; as priority conditions, 'om … så'
** and pot filters too. Any other use of such a set is refused at validate with
** a located message.
*/
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"
#include "eval.h"
#include "program.h"
#include "source.h"
#include "suites.h"

#define MAX_N 200

typedef struct Loaded {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
} Loaded;

static void load(Loaded *l, const char *text)
{
    memset(l, 0, sizeof *l);
    arena_init(&l->a);
    source_set_init(&l->set);
    diags_init(&l->d, &l->set);
    l->prog = program_load_text(&l->a, &l->set, &l->d, "/tmp/lexer2.medel", text, strlen(text), NULL);
}

static void unload(Loaded *l)
{
    diags_free(&l->d);
    source_set_free(&l->set);
    arena_free(&l->a);
}

/* Appends to a growing text buffer (malloc'd; the caller frees *buf). */
static void put(char **buf, size_t *len, size_t *cap, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void put(char **buf, size_t *len, size_t *cap, const char *fmt, ...)
{
    for (;;) {
        va_list ap;
        va_start(ap, fmt);
        int n = vsnprintf(*buf + *len, *cap - *len, fmt, ap);
        va_end(ap);
        ck_assert_int_ge(n, 0);
        if (*len + (size_t)n < *cap) {
            *len += (size_t)n;
            return;
        }
        *cap = 2 * (*cap + (size_t)n);
        *buf = realloc(*buf, *cap);
        ck_assert_ptr_nonnull(*buf);
    }
}

/* The rule text for N choices n1 … nN and three criteria over `subset`. */
static char *rules(int n, const bool *subset)
{
    size_t len = 0, cap = 4096;
    char *b = malloc(cap);
    b[0] = '\0';
    put(&b, &len, &cap, "överenskommelse \"T\" { år 2021 }\nansökan {\n    nyckel id: text\n    sökt belopp: belopp\n"
                        "    typ: en av");
    for (int i = 0; i < n; i++)
        put(&b, &len, &cap, "%s n%d", i ? " |" : "", i + 1);
    put(&b, &len, &cap, "\n}\n");
    char list[MAX_N * 8] = "";
    size_t at = 0;
    for (int i = 0; i < n; i++)
        if (subset[i])
            at += (size_t)snprintf(list + at, sizeof list - at, "%sn%d", at ? ", " : "", i + 1);
    put(&b, &len, &cap, "villkor i_k { krav typ i {%s}  skäl \"i\" }\n", list);
    put(&b, &len, &cap, "villkor inte_k { krav typ inte i {%s}  skäl \"inte\" }\n", list);
    put(&b, &len, &cap, "villkor har_k { krav {%s} innehåller typ  skäl \"har\" }\n", list);
    put(&b, &len, &cap, "villkor om_k { krav om typ i {%s} så nej  skäl \"om\" }\n", list);
    put(&b, &len, &cap, "prioritet p { poäng 1 om typ i {%s} }\n", list);
    put(&b, &len, &cap, "pott rot {\n    belopp 1 MSEK\n    ansökningar där typ i {%s}\n    tilldelning rangordning\n}\n",
        list);
    return b;
}

START_TEST(membership_agrees)
{
    int n = _i;
    srand((unsigned)n * 7919u + 1u);
    bool subset[MAX_N];
    for (int round = 0; round < 3; round++) {
        /* An empty set is refused by the checker's typing; keep one member. */
        bool any = false;
        for (int i = 0; i < n; i++)
            any |= subset[i] = rand() % (round + 2) == 0;
        if (!any)
            subset[rand() % n] = true;
        char *text = rules(n, subset);
        Loaded l;
        load(&l, text);
        if (l.d.n_errors)
            diags_render(&l.d, stderr);
        ck_assert_ptr_nonnull(l.prog);
        ck_assert_uint_eq(l.d.n_errors, 0);
        ck_assert_uint_eq(l.prog->n_criteria, 4);
        EvalContext cx = {l.prog, NULL, NULL};
        Value values[3];
        Application app = {.record = 1, .line = 2, .key = "X", .values = values};
        values[0] = (Value){.kind = VAL_TEXT, .u.text = {"X", 1}};
        values[1] = (Value){.kind = VAL_MONEY, .u.money = 100};
        Outcome crit[4];
        int64_t score[1];
        for (int v = 0; v < n; v++) {
            values[2] = (Value){.kind = VAL_ENUM, .u.e = v};
            eval_application(&cx, &app, crit, score);
            Outcome in = subset[v] ? OUTCOME_PASS : OUTCOME_FAIL, out = subset[v] ? OUTCOME_FAIL : OUTCOME_PASS;
            ck_assert_msg(crit[0] == in, "N=%d: n%d i {…}: %d, expected %d", n, v + 1, (int)crit[0], (int)in);
            ck_assert_msg(crit[1] == out, "N=%d: n%d inte i {…}: %d", n, v + 1, (int)crit[1]);
            ck_assert_msg(crit[2] == in, "N=%d: {…} innehåller n%d: %d", n, v + 1, (int)crit[2]);
            ck_assert_msg(crit[3] == out, "N=%d: om n%d i {…} så nej: %d", n, v + 1, (int)crit[3]);
            ck_assert_msg(score[0] == (subset[v] ? 1 : 0), "N=%d: poäng for n%d: %lld", n, v + 1, (long long)score[0]);
            ck_assert_msg(eval_considers(&cx, &app, 0) == (subset[v] ? OUTCOME_PASS : OUTCOME_NOT_APPLICABLE), "N=%d: pot filter for n%d", n, v + 1);
        }
        /* A missing choice decides nothing. */
        values[2] = (Value){.kind = VAL_MISSING};
        eval_application(&cx, &app, crit, score);
        ck_assert_int_eq(crit[0], OUTCOME_MANUAL);
        ck_assert_int_eq(crit[2], OUTCOME_MANUAL);
        unload(&l);
        free(text);
    }
}
END_TEST

static const char *const REFUSED[] = {
    "villkor k { krav antal({typ}) = 1  skäl \"x\" }\n",
    "villkor k { krav {typ} överlappar {n65}  skäl \"x\" }\n",
    "villkor k { krav {typ} = {n65}  skäl \"x\" }\n",
    "villkor k { krav typ i {typ} snitt {n65}  skäl \"x\" }\n",
};

START_TEST(other_uses_refused)
{
    bool none[MAX_N] = {false};
    none[0] = true;
    char *base = rules(65, none);
    size_t len = strlen(base) + strlen(REFUSED[_i]) + 1;
    char *text = malloc(len);
    snprintf(text, len, "%s%s", base, REFUSED[_i]);
    Loaded l;
    load(&l, text);
    ck_assert_uint_ge(l.d.n_errors, 1);
    char *out = NULL;
    size_t out_len = 0;
    FILE *f = open_memstream(&out, &out_len);
    diags_render(&l.d, f);
    fclose(f);
    ck_assert_msg(strstr(out, "/tmp/lexer2.medel:17:") != NULL, "%s", out);
    ck_assert_msg(strstr(out, "error: mängdens uppräkning har 65 värden, fler än de 64 som ett mängdvärde rymmer") != NULL,
                  "%s", out);
    ck_assert_msg(strstr(out, "note: en sådan mängd kan bara prövas med 'i', 'inte i' eller 'innehåller'") != NULL, "%s", out);
    free(out);
    unload(&l);
    free(text);
    free(base);
}
END_TEST

Suite *make_lexer2_suite(void)
{
    Suite *s = suite_create("lexer2");
    TCase *tc = tcase_create("large_one_of");
    tcase_add_loop_test(tc, membership_agrees, 1, MAX_N + 1);
    tcase_add_loop_test(tc, other_uses_refused, 0, (int)(sizeof REFUSED / sizeof REFUSED[0]));
    suite_add_tcase(s, tc);
    return s;
}
