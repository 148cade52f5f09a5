/*
** test_allocate.c: unit tests for runtime/allocate.c. Programs come from small
** rule files written here and checked by the real front end; tables,
** applications and candidates are built by hand. Every amount is asserted
** exactly, in öre. The last test case is a property test: 100 000 random
** pot trees, application sets and scenarios, each checked for conservation,
** caps and determinism by code that does not share the allocator's
** bookkeeping (see "property test" below).
**
** The rule files' data table is a CSV file with only a header row (the
** checker reads nothing else), created in a temporary folder by an unchecked
** fixture; the rows themselves are given to the allocator as TableData.
*/
#include <inttypes.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "allocate.h"
#include "apportion.h"
#include "diag.h"
#include "program.h"
#include "source.h"
#include "status.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))
#define KR(x) ((Money)(x) * 100)
#define MAX_APPS 64
#define MAX_ROWS 8

/* ---- the data folder ---- */

static char data_dir[64];

static void data_dir_make(void)
{
    if (data_dir[0])
        return;
    strcpy(data_dir, "/tmp/medel-allocate-XXXXXX");
    if (!mkdtemp(data_dir)) {
        perror("mkdtemp");
        abort();
    }
    char path[128];
    snprintf(path, sizeof path, "%s/w.csv", data_dir);
    FILE *f = fopen(path, "w");
    if (!f) {
        perror(path);
        abort();
    }
    fputs("namn,antal,pengar\n", f);
    fclose(f);
}

static void data_dir_remove(void)
{
    if (!data_dir[0])
        return;
    char path[128];
    snprintf(path, sizeof path, "%s/w.csv", data_dir);
    unlink(path);
    rmdir(data_dir);
    data_dir[0] = '\0';
}

/* ---- a loaded program with its table, applications and candidates ---- */

/* Field order of PRELUDE's schema. */
enum { F_ID, F_APPLICANT, F_TYPE, F_MUNICIPALITY, F_REQUESTED, F_FOCUS, N_FIELDS };
enum { T_PUBLIC, T_REGION, T_PRIVATE };                       /* typ */
enum { FO_SAMVERKAN = 1, FO_DIGITAL = 2, FO_VARD = 4 };       /* fokus bits */

#define PRELUDE                                                                             \
    "överenskommelse \"Test\" { år 2021..2022 }\n"                                          \
    "fokusområden { samverkan \"Samverkan\"  digital \"Digitalt\"  vård \"Vård\" }\n"       \
    "tabell kommuner från \"w.csv\" {\n"                                                    \
    "    nyckel namn: text \"namn\"  antal: heltal \"antal\"  pengar: belopp \"pengar\"\n"  \
    "}\n"                                                                                   \
    "ansökan {\n"                                                                           \
    "    nyckel id: text\n"                                                                 \
    "    sökande: text\n"                                                                   \
    "    typ: en av offentlig | region | privat\n"                                          \
    "    kommun: nyckel i kommuner\n"                                                       \
    "    sökt belopp: belopp\n"                                                             \
    "    fokus: fokusområden\n"                                                             \
    "}\n"

typedef struct World {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    TableData table;
    EvalContext cx;
    Application apps[MAX_APPS];
    Candidate cands[MAX_APPS];
    size_t n;
    Allocation al;
    char msg[256];
} World;

static const char *const KEYS3[] = {"Botkyrka", "Huddinge", "Nacka"};
static const int64_t WEIGHTS3[] = {5, 3, 2};

/* Builds the table's rows: keys, weights in both numeric columns (antal as
** heltal, pengar as belopp, the same numbers), and the key index. */
static void table_rows(World *w, const char *const *keys, const int64_t *weights, size_t rows)
{
    TableData *t = &w->table;
    t->decl = &w->prog->tables[0];
    t->n_rows = rows;
    t->keys = arena_alloc(&w->a, (rows + 1) * sizeof *t->keys);
    t->folded = arena_alloc(&w->a, (rows + 1) * sizeof *t->folded);
    t->cells = arena_alloc(&w->a, (rows + 1) * 3 * sizeof *t->cells);
    for (size_t r = 0; r < rows; r++) {
        t->keys[r] = t->folded[r] = arena_strdup(&w->a, keys[r]);
        t->cells[r * 3] = (Value){.kind = VAL_TEXT, .u.text = {t->keys[r], strlen(t->keys[r])}};
        t->cells[r * 3 + 1] = (Value){.kind = VAL_INT, .u.i = weights[r]};
        t->cells[r * 3 + 2] = (Value){.kind = VAL_MONEY, .u.money = weights[r]};
    }
    ck_assert_int_eq(table_index(t, &w->a), -1);
    w->cx = (EvalContext){w->prog, &w->table, NULL};
}

/* Loads PRELUDE + body with the given options (NULL: none). Returns false
** when the rule file has errors; they stay in w->d. The table gets
** KEYS3/WEIGHTS3 unless the test sets other rows. w must be freed with
** world_free either way. */
static bool world_try_load(World *w, const char *body, const LoadOptions *opt)
{
    memset(w, 0, sizeof *w);
    arena_init(&w->a);
    source_set_init(&w->set);
    diags_init(&w->d, &w->set);
    char *text = arena_printf(&w->a, "%s%s", PRELUDE, body);
    char *path = arena_printf(&w->a, "%s/test.medel", data_dir);
    w->prog = program_load_text(&w->a, &w->set, &w->d, path, text, strlen(text), opt);
    if (!w->prog || w->d.n_errors)
        return false;
    ck_assert_int_eq(w->prog->n_fields, N_FIELDS);
    table_rows(w, KEYS3, WEIGHTS3, 3);
    return true;
}

/* Loads PRELUDE + body; a rule file with errors fails the test (and shows
** them). */
static void world_load(World *w, const char *body)
{
    if (!world_try_load(w, body, NULL)) {
        diags_render(&w->d, stderr);
        ck_abort_msg("the rule file has %zu error(s)", (size_t)w->d.n_errors);
    }
}

static void world_free(World *w)
{
    diags_free(&w->d);
    source_set_free(&w->set);
    arena_free(&w->a);
}

static int pot_of(const World *w, const char *name)
{
    int k = program_find_pot(w->prog, name);
    ck_assert_msg(k >= 0, "no pot '%s'", name);
    return k;
}

/* Adds an application and its candidate: eligible (PASS) in every pot that
** takes applications, score 0, routed to `row` in split pots (-1: none).
** requested < 0 leaves the request missing. */
static size_t add_app(World *w, const char *key, Money requested, const char *applicant, int type, int32_t row,
                      uint64_t focus)
{
    ck_assert_uint_lt(w->n, MAX_APPS);
    const Program *p = w->prog;
    size_t i = w->n++;
    Value *v = arena_alloc(&w->a, N_FIELDS * sizeof *v);
    v[F_ID] = (Value){.kind = VAL_TEXT, .u.text = {key, strlen(key)}};
    if (applicant)
        v[F_APPLICANT] = (Value){.kind = VAL_TEXT, .u.text = {applicant, strlen(applicant)}};
    v[F_TYPE] = (Value){.kind = VAL_ENUM, .u.e = type};
    if (row >= 0)
        v[F_MUNICIPALITY] = (Value){.kind = VAL_KEY, .u.key = row};
    if (requested >= 0)
        v[F_REQUESTED] = (Value){.kind = VAL_MONEY, .u.money = requested};
    v[F_FOCUS] = (Value){.kind = VAL_SET, .u.set = focus};
    w->apps[i] = (Application){.record = i + 1, .key = key, .values = v};
    Candidate *c = &w->cands[i];
    c->key = key;
    c->requested = requested < 0 ? -1 : requested;
    c->applicant = applicant ? arena_strdup(&w->a, applicant) : NULL;   /* equal texts, distinct pointers */
    c->route = arena_alloc(&w->a, (p->n_pots + 1) * sizeof *c->route);
    c->eligible = arena_alloc(&w->a, (p->n_pots + 1) * sizeof *c->eligible);
    c->score = arena_alloc(&w->a, (p->n_pots + 1) * sizeof *c->score);
    c->order = (uint32_t)i;
    for (size_t k = 0; k < p->n_pots; k++) {
        c->eligible[k] = eval_takes_applications(p, (int)k) ? OUTCOME_PASS : OUTCOME_FAIL;
        c->route[k] = p->pots[k].has_split ? row : -1;
    }
    return i;
}

static void set_score(World *w, size_t app, const char *pot, int64_t score)
{
    w->cands[app].score[pot_of(w, pot)] = score;
}

static void set_eligible(World *w, size_t app, const char *pot, Outcome o)
{
    w->cands[app].eligible[pot_of(w, pot)] = o;
}

static void run(World *w)
{
    bool ok = allocation_run(&w->cx, w->apps, w->cands, w->n, &w->a, &w->al, w->msg, sizeof w->msg);
    ck_assert_msg(ok, "allocation_run failed: %s", w->msg);
}

static const PotResult *result(const World *w, const char *name)
{
    for (size_t j = 0; j < w->al.n_pots; j++)
        if (strcmp(w->al.pots[j].name, name) == 0)
            return &w->al.pots[j];
    ck_abort_msg("no pot result '%s'", name);
    return NULL;
}

/* The grant of application `app` in pot `pot`, or NULL. */
static const Grant *grant(const World *w, size_t app, const char *pot)
{
    int k = pot_of(w, pot);
    for (size_t g = 0; g < w->al.n_grants; g++)
        if (w->al.grants[g].app == (int32_t)app && w->al.grants[g].pot == k)
            return &w->al.grants[g];
    return NULL;
}

static void expect_grant(const World *w, size_t app, const char *pot, GrantStatus status, Money amount)
{
    const Grant *g = grant(w, app, pot);
    ck_assert_msg(g != NULL, "%s has no grant in %s", w->cands[app].key, pot);
    ck_assert_msg(g->status == status, "%s in %s: status %d, expected %d", w->cands[app].key, pot, (int)g->status,
                  (int)status);
    ck_assert_msg(g->amount == amount, "%s in %s: %" PRId64 " öre, expected %" PRId64, w->cands[app].key, pot,
                  g->amount, amount);
}

static void expect_pot(const World *w, const char *name, Money amount, Money to_children, Money granted,
                       Money unallocated)
{
    const PotResult *r = result(w, name);
    ck_assert_int_eq(r->amount, amount);
    ck_assert_int_eq(r->to_children, to_children);
    ck_assert_int_eq(r->granted, granted);
    ck_assert_int_eq(r->unallocated, unallocated);
}

/* ---- rangordning ---- */

typedef struct LastRow {
    const char *name;
    const char *rule;
    Money amount[4];
    GrantStatus status[4];
    Money granted;
} LastRow;

/* Pot 1 000 kr; requests 400, 700, 500, 100 kr with scores 3, 2, 1, 0. */
static const LastRow last_rows[] = {
    {"delvis", "sista delvis",
     {KR(400), KR(600), 0, 0}, {GRANT_FULL, GRANT_PARTIAL, GRANT_NOT_REACHED, GRANT_NOT_REACHED}, KR(1000)},
    {"default is delvis", "",
     {KR(400), KR(600), 0, 0}, {GRANT_FULL, GRANT_PARTIAL, GRANT_NOT_REACHED, GRANT_NOT_REACHED}, KR(1000)},
    {"hoppa_över", "sista hoppa_över",
     {KR(400), 0, KR(500), KR(100)}, {GRANT_FULL, GRANT_NOT_REACHED, GRANT_FULL, GRANT_FULL}, KR(1000)},
    {"stopp", "sista stopp",
     {KR(400), 0, 0, 0}, {GRANT_FULL, GRANT_NOT_REACHED, GRANT_NOT_REACHED, GRANT_NOT_REACHED}, KR(400)},
};

START_TEST(rank_last_rule)
{
    const LastRow *row = &last_rows[_i];
    World w;
    char body[256];
    snprintf(body, sizeof body, "pott p { belopp 1 000 kr  tilldelning rangordning %s }\n", row->rule);
    world_load(&w, body);
    const Money req[] = {KR(400), KR(700), KR(500), KR(100)};
    const char *keys[] = {"A", "B", "C", "D"};
    for (size_t i = 0; i < 4; i++) {
        add_app(&w, keys[i], req[i], NULL, T_PUBLIC, -1, 0);
        set_score(&w, i, "p", 3 - (int64_t)i);
    }
    run(&w);
    for (size_t i = 0; i < 4; i++) {
        expect_grant(&w, i, "p", row->status[i], row->amount[i]);
        ck_assert_uint_eq(w.al.grants[i].app, i);   /* rank order */
        ck_assert_uint_eq(w.al.grants[i].rank, i + 1);
        ck_assert_int_eq(w.al.grants[i].score, 3 - (int64_t)i);
        ck_assert_int_eq(w.al.grants[i].wanted, req[i]);
    }
    expect_pot(&w, "p", KR(1000), 0, row->granted, KR(1000) - row->granted);
    ck_assert_uint_eq(result(&w, "p")->n_considered, 4);
    ck_assert_int_eq(w.al.total, KR(1000));
    ck_assert_int_eq(w.al.granted, row->granted);
    ck_assert_int_eq(w.al.unallocated, KR(1000) - row->granted);
    world_free(&w);
}
END_TEST

/* delvis with a minimum grant: what is left (100 kr) is below it, so the
** application gets nothing and the pot stops. */
START_TEST(rank_partial_below_minimum)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  tilldelning rangordning sista delvis  lägsta_bidrag 200 kr }\n");
    add_app(&w, "A", KR(900), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(500), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "C", KR(50), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_grant(&w, 0, "p", GRANT_FULL, KR(900));
    expect_grant(&w, 1, "p", GRANT_BELOW_MINIMUM, 0);
    expect_grant(&w, 2, "p", GRANT_NOT_REACHED, 0);
    expect_pot(&w, "p", KR(1000), 0, KR(900), KR(100));
    world_free(&w);
}
END_TEST

/* hoppa_över with a minimum grant: a small request is below it, a large one
** does not fit, the ones after are still funded until the pot is empty. */
START_TEST(rank_minimum_grant)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  tilldelning rangordning sista hoppa_över  lägsta_bidrag 200 kr }\n");
    const Money req[] = {KR(150), KR(800), KR(300), KR(200), KR(200)};
    const char *keys[] = {"A", "B", "C", "D", "E"};
    for (size_t i = 0; i < 5; i++)
        add_app(&w, keys[i], req[i], NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_grant(&w, 0, "p", GRANT_BELOW_MINIMUM, 0);
    expect_grant(&w, 1, "p", GRANT_FULL, KR(800));
    expect_grant(&w, 2, "p", GRANT_NOT_REACHED, 0);
    expect_grant(&w, 3, "p", GRANT_FULL, KR(200));
    expect_grant(&w, 4, "p", GRANT_NOT_REACHED, 0);   /* the pot is spent */
    expect_pot(&w, "p", KR(1000), 0, KR(1000), 0);
    ck_assert_uint_eq(result(&w, "p")->n_funded, 2);
    world_free(&w);
}
END_TEST

typedef struct TieRow {
    const char *name;
    const char *tie;
    const char *order;   /* expected keys, in rank order */
} TieRow;

/* Equal scores; input order D B C A; requests 300, 100, 400, 200 kr. */
static const TieRow tie_rows[] = {
    {"key by default", "", "ABCD"},
    {"lägst_belopp", "vid_lika lägst_belopp", "BADC"},
    {"högst_belopp", "vid_lika högst_belopp", "CDAB"},
    {"inkommen", "vid_lika inkommen", "DBCA"},
    {"two tie-breaks", "vid_lika lägst_belopp, inkommen", "BADC"},
};

START_TEST(rank_tie_break)
{
    const TieRow *row = &tie_rows[_i];
    World w;
    char body[256];
    snprintf(body, sizeof body, "pott p { belopp 10 000 kr  tilldelning rangordning  %s }\n", row->tie);
    world_load(&w, body);
    const char *keys[] = {"D", "B", "C", "A"};
    const Money req[] = {KR(300), KR(100), KR(400), KR(200)};
    for (size_t i = 0; i < 4; i++)
        add_app(&w, keys[i], req[i], NULL, T_PUBLIC, -1, 0);
    run(&w);
    ck_assert_uint_eq(w.al.n_grants, 4);
    for (size_t j = 0; j < 4; j++) {
        const Grant *g = &w.al.grants[j];
        ck_assert_msg(w.cands[g->app].key[0] == row->order[j], "%s: place %zu is %s, expected %c", row->name, j + 1,
                      w.cands[g->app].key, row->order[j]);
        ck_assert_uint_eq(g->rank, j + 1);
        ck_assert_int_eq(g->status, GRANT_FULL);
    }
    world_free(&w);
}
END_TEST

/* A higher score beats every tie-break; equal keys fall back to input order. */
START_TEST(rank_score_first)
{
    World w;
    world_load(&w, "pott p { belopp 10 000 kr  tilldelning rangordning  vid_lika lägst_belopp }\n");
    add_app(&w, "A", KR(100), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(900), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "X", KR(500), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "X", KR(500), NULL, T_PUBLIC, -1, 0);
    set_score(&w, 1, "p", 2);
    set_score(&w, 0, "p", -1);
    run(&w);
    const size_t want[] = {1, 2, 3, 0};
    for (size_t j = 0; j < 4; j++)
        ck_assert_int_eq(w.al.grants[j].app, (int32_t)want[j]);
    world_free(&w);
}
END_TEST

START_TEST(rank_cap_per_application)
{
    World w;
    world_load(&w, "pott p { belopp 10 000 kr  tilldelning rangordning  tak 300 kr per ansökan }\n");
    add_app(&w, "A", KR(500), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(200), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "C", KR(300), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_grant(&w, 0, "p", GRANT_FULL, KR(300));
    expect_grant(&w, 1, "p", GRANT_FULL, KR(200));
    expect_grant(&w, 2, "p", GRANT_FULL, KR(300));
    ck_assert(grant(&w, 0, "p")->capped);
    ck_assert_int_eq(grant(&w, 0, "p")->wanted, KR(300));
    ck_assert(!grant(&w, 1, "p")->capped);
    ck_assert(!grant(&w, 2, "p")->capped);
    expect_pot(&w, "p", KR(10000), 0, KR(800), KR(9200));
    world_free(&w);
}
END_TEST

/* tak 500 kr per sökande: applicant X gets 300 + 200 and then nothing; Y is
** unaffected; applications without an applicant are each their own. */
START_TEST(rank_cap_per_applicant)
{
    World w;
    world_load(&w, "pott p { belopp 10 000 kr  tilldelning rangordning  tak 500 kr per sökande }\n");
    add_app(&w, "A1", KR(300), "X", T_PUBLIC, -1, 0);
    add_app(&w, "A2", KR(300), "X", T_PUBLIC, -1, 0);
    add_app(&w, "A3", KR(100), "X", T_PUBLIC, -1, 0);
    add_app(&w, "B1", KR(400), "Y", T_PUBLIC, -1, 0);
    add_app(&w, "N1", KR(600), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "N2", KR(600), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_grant(&w, 0, "p", GRANT_FULL, KR(300));
    expect_grant(&w, 1, "p", GRANT_FULL, KR(200));
    ck_assert(grant(&w, 1, "p")->capped);
    expect_grant(&w, 2, "p", GRANT_BELOW_MINIMUM, 0);
    ck_assert_int_eq(grant(&w, 2, "p")->wanted, 0);
    expect_grant(&w, 3, "p", GRANT_FULL, KR(400));
    expect_grant(&w, 4, "p", GRANT_FULL, KR(500));
    expect_grant(&w, 5, "p", GRANT_FULL, KR(500));
    expect_pot(&w, "p", KR(10000), 0, KR(1900), KR(8100));
    world_free(&w);
}
END_TEST

/* The cap per applicant holds across the sub-pots of a split pot. */
START_TEST(rank_cap_per_applicant_split)
{
    World w;
    world_load(&w, "pott p { belopp 10 000 kr  fördela per kommun efter kommuner.antal\n"
                   "         tilldelning rangordning  tak 500 kr per sökande }\n");
    add_app(&w, "A1", KR(400), "X", T_PUBLIC, 2, 0);
    add_app(&w, "A2", KR(400), "X", T_PUBLIC, 0, 0);
    add_app(&w, "A3", KR(400), "X", T_PUBLIC, 1, 0);
    run(&w);
    /* Sub-pots are handed out in table order: Botkyrka, Huddinge, Nacka. */
    expect_grant(&w, 1, "p", GRANT_FULL, KR(400));
    expect_grant(&w, 2, "p", GRANT_FULL, KR(100));
    expect_grant(&w, 0, "p", GRANT_BELOW_MINIMUM, 0);
    world_free(&w);
}
END_TEST

/* A missing request is never funded and gets no grant at all. */
START_TEST(rank_missing_request)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr }\n");
    add_app(&w, "A", -1, NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(100), NULL, T_PUBLIC, -1, 0);
    set_score(&w, 0, "p", 10);
    run(&w);
    ck_assert_uint_eq(w.al.n_grants, 1);
    ck_assert_ptr_null(grant(&w, 0, "p"));
    expect_grant(&w, 1, "p", GRANT_FULL, KR(100));
    ck_assert_uint_eq(result(&w, "p")->n_considered, 1);
    world_free(&w);
}
END_TEST

/* Only PASS is eligible: FAIL and MANUAL are not considered. */
START_TEST(rank_only_pass)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr }\n");
    add_app(&w, "A", KR(100), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(100), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "C", KR(100), NULL, T_PUBLIC, -1, 0);
    set_eligible(&w, 0, "p", OUTCOME_FAIL);
    set_eligible(&w, 1, "p", OUTCOME_MANUAL);
    run(&w);
    ck_assert_uint_eq(w.al.n_grants, 1);
    expect_grant(&w, 2, "p", GRANT_FULL, KR(100));
    world_free(&w);
}
END_TEST

/* ---- proportionell ---- */

START_TEST(pro_rata_fits)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  tilldelning proportionell }\n");
    add_app(&w, "A", KR(200), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(300), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "C", KR(500), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_grant(&w, 0, "p", GRANT_FULL, KR(200));
    expect_grant(&w, 1, "p", GRANT_FULL, KR(300));
    expect_grant(&w, 2, "p", GRANT_FULL, KR(500));
    expect_pot(&w, "p", KR(1000), 0, KR(1000), 0);
    world_free(&w);
}
END_TEST

typedef struct ProRataRow {
    const char *name;
    const char *extra;
    Money share[3];
    GrantStatus status[3];
    Money unallocated;
} ProRataRow;

/* Pot 1 000 kr (100 000 öre); requests 500, 300, 700 kr. */
static const ProRataRow pro_rata_rows[] = {
    /* 100000 * (5, 3, 7) / 15 = 33333,3 / 20000 / 46666,7: the last öre goes
    ** to the largest remainder, C's. */
    {"largest remainder", "", {33333, 20000, 46667}, {GRANT_PARTIAL, GRANT_PARTIAL, GRANT_PARTIAL}, 0},
    /* B's 200 kr share is below 250 kr: not paid, and it stays in the pot. */
    {"minimum grant", "lägsta_bidrag 250 kr", {33333, 0, 46667},
     {GRANT_PARTIAL, GRANT_BELOW_MINIMUM, GRANT_PARTIAL}, 20000},
    /* Capped weights 4, 3, 4: 36363,6 / 27272,7 / 36363,6; two öre left go
    ** to B (largest remainder), then A (equal remainder and weight as C, but
    ** ranked first). */
    {"capped weights", "tak 400 kr per ansökan", {36364, 27273, 36363},
     {GRANT_PARTIAL, GRANT_PARTIAL, GRANT_PARTIAL}, 0},
    /* Applicant X (A and C) may get 800 kr in all: C's request counts as
    ** 300 kr. Weights 5, 3, 3: 45454,5 / 27272,7 / 27272,7; the two öre
    ** left go to B and C (remainders 0,7 before A's 0,5). */
    {"applicant cap", "tak 800 kr per sökande", {45454, 27273, 27273},
     {GRANT_PARTIAL, GRANT_PARTIAL, GRANT_PARTIAL}, 0},
};

START_TEST(pro_rata_shares)
{
    const ProRataRow *row = &pro_rata_rows[_i];
    World w;
    char body[256];
    snprintf(body, sizeof body, "pott p { belopp 1 000 kr  tilldelning proportionell  %s }\n", row->extra);
    world_load(&w, body);
    add_app(&w, "A", KR(500), "X", T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(300), "Y", T_PUBLIC, -1, 0);
    add_app(&w, "C", KR(700), "X", T_PUBLIC, -1, 0);
    run(&w);
    Money sum = 0;
    for (size_t i = 0; i < 3; i++) {
        expect_grant(&w, i, "p", row->status[i], row->share[i]);
        sum += row->share[i];
    }
    ck_assert_int_eq(sum + row->unallocated, KR(1000));
    expect_pot(&w, "p", KR(1000), 0, sum, row->unallocated);
    world_free(&w);
}
END_TEST

/* A request below the minimum grant can never be paid, so it takes no share
** away from the others. */
START_TEST(pro_rata_request_below_minimum)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  tilldelning proportionell  lägsta_bidrag 100 kr }\n");
    add_app(&w, "A", KR(50), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", KR(1000), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "C", KR(1000), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_grant(&w, 0, "p", GRANT_BELOW_MINIMUM, 0);
    expect_grant(&w, 1, "p", GRANT_PARTIAL, KR(500));
    expect_grant(&w, 2, "p", GRANT_PARTIAL, KR(500));
    expect_pot(&w, "p", KR(1000), 0, KR(1000), 0);
    world_free(&w);
}
END_TEST

/* Requests whose sum overflows are an error, not a wrapped amount. */
START_TEST(pro_rata_overflow)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  tilldelning proportionell }\n");
    add_app(&w, "A", INT64_MAX / 2 + 1, NULL, T_PUBLIC, -1, 0);
    add_app(&w, "B", INT64_MAX / 2 + 1, NULL, T_PUBLIC, -1, 0);
    bool ok = allocation_run(&w.cx, w.apps, w.cands, w.n, &w.a, &w.al, w.msg, sizeof w.msg);
    ck_assert(!ok);
    ck_assert_int_eq(w.al.failure, ALLOCATION_BAD_APPLICATIONS);
    ck_assert_str_eq(w.msg, "potten 'p' fördelar i proportion till det sökta, och ansökningarna söker sammanlagt mer än medel "
                            "kan räkna i öre (högst 92 233 720 368 547 758 kr): ansökan 'B' (post 2) gör att summan går över gränsen");
    world_free(&w);
}
END_TEST

/* Table weights whose sum passes int64 are the table's fault, said with
** its file and the row. */
START_TEST(split_weights_overflow)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  fördela per kommun efter kommuner.antal  tilldelning rangordning }\n");
    static const int64_t huge[] = {INT64_MAX, 1, INT64_MAX};
    table_rows(&w, KEYS3, huge, 3);
    bool ok = allocation_run(&w.cx, w.apps, w.cands, w.n, &w.a, &w.al, w.msg, sizeof w.msg);
    ck_assert(!ok);
    ck_assert_int_eq(w.al.failure, ALLOCATION_BAD_RULES);
    ck_assert_msg(strstr(w.msg, "w.csv: kolumnen 'antal' summerar till mer än medel kan räkna (9 223 372 036 854 775 807) "
                                "vid raden 'Huddinge', så potten 'p' kan inte delas i proportion till den") != NULL,
                  "message: %s", w.msg);
    world_free(&w);
}
END_TEST

/* The property behind the three above: whatever amounts near INT64_MAX the
** rules, the table and the requests hold, either the checker rejects the
** rules, or the allocation succeeds (conserving, which allocation_run
** proves), or it fails as bad input; never as a bug (exit 70). */
START_TEST(overflow_never_internal)
{
    static const char *const AMOUNTS[] = {"1 000 kr", "46 116 860 184 273 879 kr", "92 233 720 368 547 758 kr",
                                          "92 233 720 368 547 757 kr", "1 öre", "50 %", "resten"};
    static const Money REQUESTS[] = {1, 100, INT64_MAX / 2, INT64_MAX / 2 + 1, INT64_MAX - 7, 9223372036854775800,
                                     INT64_MAX, 0};
    static const int64_t WEIGHTS[] = {0, 1, 5, INT64_MAX / 2 + 1, INT64_MAX - 1, INT64_MAX};
    static const char *const POLICY[] = {"tilldelning rangordning", "tilldelning proportionell",
                                         "tilldelning rangordning sista hoppa_över", "tilldelning proportionell  lägsta_bidrag 1 kr"};
    srand(70);
    size_t n_ok = 0, n_input = 0, n_rules = 0;
    for (int round = 0; round < 400; round++) {
        char body[2048];
        size_t at = 0;
        int pots = 1 + rand() % 3;
        for (int k = 0; k < pots; k++) {
            const char *amount = AMOUNTS[rand() % 4];
            const char *policy = POLICY[rand() % 4];
            int shape = rand() % 4;
            const char *cap = rand() % 3 == 0 ? "  tak 92 233 720 368 547 758 kr per sökande" :
                              rand() % 2 ? "  tak 46 116 860 184 273 879 kr per ansökan" : "";
            if (shape == 0)        /* split by the table */
                at += (size_t)snprintf(body + at, sizeof body - at,
                                       "pott p%d { belopp %s  fördela per kommun efter kommuner.%s  %s%s }\n", k, amount,
                                       rand() % 2 ? "antal" : "pengar", policy, cap);
            else if (shape == 1)   /* sub-pots */
                at += (size_t)snprintf(body + at, sizeof body - at,
                                       "pott p%d { belopp %s\n  pott p%da { belopp %s  %s%s }\n  pott p%db { belopp resten  %s }\n}\n",
                                       k, amount, k, AMOUNTS[rand() % 7], policy, cap, k, POLICY[rand() % 4]);
            else
                at += (size_t)snprintf(body + at, sizeof body - at, "pott p%d { belopp %s  %s%s }\n", k, amount, policy, cap);
        }
        World w;
        if (!world_try_load(&w, body, NULL)) {
            n_rules++;
            world_free(&w);
            continue;
        }
        int64_t weights[3];
        for (int i = 0; i < 3; i++)
            weights[i] = WEIGHTS[rand() % 6];
        table_rows(&w, KEYS3, weights, 3);
        int n = 1 + rand() % 6;
        static const char *const KEYS[] = {"A", "B", "C", "D", "E", "F"};
        for (int i = 0; i < n; i++)
            add_app(&w, KEYS[i], REQUESTS[rand() % 8], rand() % 2 ? "X" : NULL, T_PUBLIC, rand() % 3, 0);
        bool ok = allocation_run(&w.cx, w.apps, w.cands, w.n, &w.a, &w.al, w.msg, sizeof w.msg);
        ck_assert_msg(ok || w.al.failure != ALLOCATION_BUG, "round %d: internal error: %s\nfor:\n%s", round, w.msg, body);
        if (ok)
            n_ok++;
        else
            n_input++;
        world_free(&w);
    }
    /* Each outcome happens, or the generator tests less than it seems. */
    ck_assert_uint_gt(n_ok, 0);
    ck_assert_uint_gt(n_input, 0);
    ck_assert_uint_gt(n_rules, 0);
}
END_TEST

/* ---- rättighet ---- */

/* 4 528 193 kr by weights 5, 3, 2 in whole kronor, largest remainder:
** quotas 2 264 096,5 / 1 358 457,9 / 905 638,6; the two kronor left go to
** the remainders 0,9 and 0,6. */
START_TEST(entitlement_split)
{
    World w;
    world_load(&w, "pott bidrag { belopp 4 528 193 kr\n"
                   "    fördela per kommun efter kommuner.antal { avrundning 1 kr  metod största_rest }\n"
                   "    tilldelning rättighet }\n");
    run(&w);
    const Money want[] = {KR(2264096), KR(1358458), KR(905639)};
    expect_pot(&w, "bidrag", KR(4528193), KR(4528193), 0, 0);
    expect_pot(&w, "bidrag/Botkyrka", want[0], 0, want[0], 0);
    expect_pot(&w, "bidrag/Huddinge", want[1], 0, want[1], 0);
    expect_pot(&w, "bidrag/Nacka", want[2], 0, want[2], 0);
    ck_assert_uint_eq(w.al.n_pots, 4);
    ck_assert_int_eq(w.al.pots[1].sub, 0);
    ck_assert_int_eq(w.al.pots[3].sub, 2);
    ck_assert_uint_eq(w.al.n_grants, 3);
    for (size_t r = 0; r < 3; r++) {
        const Grant *g = &w.al.grants[r];
        ck_assert_int_eq(g->app, -1);
        ck_assert_int_eq(g->sub, (int32_t)r);
        ck_assert_int_eq(g->status, GRANT_PAYOUT);
        ck_assert_int_eq(g->amount, want[r]);
    }
    ck_assert_int_eq(w.al.granted, KR(4528193));
    ck_assert_int_eq(w.al.unallocated, 0);

    Money parts[3], leftover = -1;
    ck_assert(allocation_split(&w.cx, pot_of(&w, "bidrag"), parts, &leftover));
    for (size_t r = 0; r < 3; r++)
        ck_assert_int_eq(parts[r], want[r]);
    ck_assert_int_eq(leftover, 0);
    ck_assert(!allocation_split(&w.cx, -1, parts, &leftover));
    world_free(&w);
}
END_TEST

typedef struct MethodRow {
    const char *name;
    const char *method;
    Money units[5];
} MethodRow;

/* 7 500 kr in units of 1 000 kr by weights 47, 16, 15, 6, 3: seven units,
** 500 kr left over in the pot. */
static const MethodRow method_rows[] = {
    {"största_rest", "metod största_rest", {4, 1, 1, 1, 0}},
    {"dhondt", "metod dhondt", {5, 1, 1, 0, 0}},
    {"sainte_laguë", "metod sainte_laguë", {4, 1, 1, 1, 0}},
    {"sainte_laguë 1,4", "metod sainte_laguë  första_divisor 1,4", {4, 2, 1, 0, 0}},
};

START_TEST(entitlement_split_methods)
{
    const MethodRow *row = &method_rows[_i];
    static const char *const keys[] = {"Stockholm", "Uppsala", "Västerås", "Örebro", "Gävle"};
    static const int64_t weights[] = {47, 16, 15, 6, 3};
    World w;
    char body[512];
    snprintf(body, sizeof body,
             "pott län { belopp 7 500 kr  fördela per kommun efter kommuner.pengar { avrundning 1 000 kr  %s }\n"
             "    tilldelning rättighet }\n",
             row->method);
    world_load(&w, body);
    table_rows(&w, keys, weights, 5);
    run(&w);
    expect_pot(&w, "län", KR(7500), KR(7000), 0, KR(500));
    for (size_t r = 0; r < 5; r++) {
        char name[64];
        snprintf(name, sizeof name, "län/%s", keys[r]);
        Money m = KR(1000) * row->units[r];
        expect_pot(&w, name, m, 0, m, 0);
    }
    ck_assert_int_eq(w.al.granted, KR(7000));
    ck_assert_int_eq(w.al.unallocated, KR(500));
    world_free(&w);
}
END_TEST

START_TEST(entitlement_unsplit)
{
    World w;
    world_load(&w, "pott rot { belopp 1 000 000 kr\n"
                   "    pott fast { belopp 750 000 kr  tilldelning rättighet }\n"
                   "    pott övrigt { belopp resten } }\n");
    add_app(&w, "A", KR(100), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_pot(&w, "rot", KR(1000000), KR(1000000), 0, 0);
    expect_pot(&w, "fast", KR(750000), 0, KR(750000), 0);
    expect_pot(&w, "övrigt", KR(250000), 0, KR(100), KR(249900));
    ck_assert_uint_eq(w.al.n_grants, 2);
    const Grant *g = &w.al.grants[0];
    ck_assert_int_eq(g->app, -1);
    ck_assert_int_eq(g->sub, -1);
    ck_assert_int_eq(g->pot, pot_of(&w, "fast"));
    ck_assert_int_eq(g->status, GRANT_PAYOUT);
    ck_assert_int_eq(g->amount, KR(750000));
    ck_assert_ptr_null(grant(&w, 0, "fast"));
    world_free(&w);
}
END_TEST

/* ---- the pot tree ---- */

/* X is eligible for both pots and funded by the first only; Y does not fit
** the first (hoppa_över) and is funded by the second. */
START_TEST(cascade)
{
    World w;
    world_load(&w, "pott alla { belopp 1 500 kr\n"
                   "    pott a { belopp 500 kr  tilldelning rangordning sista hoppa_över }\n"
                   "    pott b { belopp resten  tilldelning rangordning } }\n");
    size_t x = add_app(&w, "X", KR(400), NULL, T_PUBLIC, -1, 0);
    size_t y = add_app(&w, "Y", KR(600), NULL, T_PUBLIC, -1, 0);
    size_t z = add_app(&w, "Z", KR(300), NULL, T_PUBLIC, -1, 0);
    set_eligible(&w, z, "a", OUTCOME_FAIL);
    run(&w);
    expect_grant(&w, x, "a", GRANT_FULL, KR(400));
    ck_assert_ptr_null(grant(&w, x, "b"));
    expect_grant(&w, y, "a", GRANT_NOT_REACHED, 0);
    expect_grant(&w, y, "b", GRANT_FULL, KR(600));
    expect_grant(&w, z, "b", GRANT_FULL, KR(300));
    ck_assert_ptr_null(grant(&w, z, "a"));
    expect_pot(&w, "alla", KR(1500), KR(1500), 0, 0);
    expect_pot(&w, "a", KR(500), 0, KR(400), KR(100));
    expect_pot(&w, "b", KR(1000), 0, KR(900), KR(100));
    ck_assert_str_eq(w.al.pots[0].name, "alla");
    ck_assert_str_eq(w.al.pots[1].name, "a");
    ck_assert_str_eq(w.al.pots[2].name, "b");
    ck_assert_int_eq(w.al.total, KR(1500));
    ck_assert_int_eq(w.al.granted, KR(1300));
    ck_assert_int_eq(w.al.unallocated, KR(200));
    world_free(&w);
}
END_TEST

/* 1 000 kr split 5:3:2 into 500, 300, 200 kr; applications routed by their
** municipality; one names no sub-pot. */
START_TEST(split_routing)
{
    World w;
    world_load(&w, "pott kommunerna { belopp 1 000 kr\n"
                   "    fördela per kommun efter kommuner.antal { avrundning 1 kr  metod största_rest }\n"
                   "    tilldelning rangordning sista delvis }\n");
    size_t a = add_app(&w, "A", KR(400), NULL, T_PUBLIC, 0, 0);
    size_t b = add_app(&w, "B", KR(200), NULL, T_PUBLIC, 0, 0);
    size_t c = add_app(&w, "C", KR(250), NULL, T_PUBLIC, 2, 0);
    size_t d = add_app(&w, "D", KR(100), NULL, T_PUBLIC, -1, 0);
    size_t e = add_app(&w, "E", KR(100), NULL, T_PUBLIC, 1, 0);
    run(&w);
    expect_pot(&w, "kommunerna", KR(1000), KR(1000), 0, 0);
    expect_pot(&w, "kommunerna/Botkyrka", KR(500), 0, KR(500), 0);
    expect_pot(&w, "kommunerna/Huddinge", KR(300), 0, KR(100), KR(200));
    expect_pot(&w, "kommunerna/Nacka", KR(200), 0, KR(200), 0);
    ck_assert_uint_eq(result(&w, "kommunerna")->n_considered, 1);
    ck_assert_uint_eq(result(&w, "kommunerna/Botkyrka")->n_considered, 2);
    ck_assert_uint_eq(result(&w, "kommunerna/Botkyrka")->n_funded, 2);
    /* Grouped by (sub-)pot: the unroutable first, then the table's order. */
    const size_t order[] = {d, a, b, e, c};
    const int32_t subs[] = {-1, 0, 0, 1, 2};
    const GrantStatus st[] = {GRANT_NO_ROUTE, GRANT_FULL, GRANT_PARTIAL, GRANT_FULL, GRANT_PARTIAL};
    const Money amt[] = {0, KR(400), KR(100), KR(100), KR(200)};
    ck_assert_uint_eq(w.al.n_grants, 5);
    for (size_t j = 0; j < 5; j++) {
        const Grant *g = &w.al.grants[j];
        ck_assert_int_eq(g->app, (int32_t)order[j]);
        ck_assert_int_eq(g->sub, subs[j]);
        ck_assert_int_eq(g->status, st[j]);
        ck_assert_int_eq(g->amount, amt[j]);
    }
    world_free(&w);
}
END_TEST

/* An application not routable in one pot is still a candidate for the next. */
START_TEST(split_no_route_cascades)
{
    World w;
    world_load(&w, "pott rot { belopp 2 000 kr\n"
                   "    pott k { belopp 1 000 kr  fördela per kommun efter kommuner.antal }\n"
                   "    pott l { belopp resten } }\n");
    size_t a = add_app(&w, "A", KR(100), NULL, T_PUBLIC, -1, 0);
    run(&w);
    const Grant *g = grant(&w, a, "k");
    ck_assert_ptr_nonnull(g);
    ck_assert_int_eq(g->status, GRANT_NO_ROUTE);
    ck_assert_int_eq(g->sub, -1);
    expect_grant(&w, a, "l", GRANT_FULL, KR(100));
    world_free(&w);
}
END_TEST

/* ---- portfolio constraints and focus areas ---- */

typedef struct BoundRow {
    bool held;
    int64_t count;
    Money amount, total;
} BoundRow;

START_TEST(portfolio)
{
    World w;
    world_load(&w, "pott rot { belopp 2 000 kr\n"
                   "    pott p { belopp 1 000 kr  tilldelning rangordning sista hoppa_över\n"
                   "        portfölj inom_p { högst 1 ansökan där typ är privat } }\n"
                   "    pott q { belopp resten } }\n"
                   "portfölj antal {\n"
                   "    minst 2 ansökningar där typ är offentlig\n"
                   "    högst 1 ansökan där typ är privat\n"
                   "    minst 4\n"
                   "    högst 4\n"
                   "}\n"
                   "portfölj andel {\n"
                   "    minst 50 % där typ är offentlig\n"
                   "    högst 50 % där typ är privat\n"
                   "    högst 49 % där typ är offentlig\n"
                   "    minst 51 % där typ är privat\n"
                   "    minst 37,5 % där fokus överlappar {digital}\n"
                   "}\n");
    add_app(&w, "K1", KR(300), NULL, T_PUBLIC, -1, FO_DIGITAL);
    add_app(&w, "K2", KR(150), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "P1", KR(300), NULL, T_PRIVATE, -1, 0);
    add_app(&w, "P2", KR(150), NULL, T_PRIVATE, -1, 0);
    size_t k3 = add_app(&w, "K3", KR(5000), NULL, T_PUBLIC, -1, 0);   /* never funded: does not count */
    size_t r1 = add_app(&w, "R1", KR(500), NULL, T_REGION, -1, 0);
    set_eligible(&w, k3, "q", OUTCOME_FAIL);
    set_eligible(&w, r1, "p", OUTCOME_FAIL);                           /* funded by q: outside inom_p */
    run(&w);
    ck_assert_int_eq(result(&w, "p")->granted, KR(900));
    ck_assert_int_eq(result(&w, "q")->granted, KR(500));
    /* Total in scope: 1 400 kr; public 450 kr (2), private 450 kr (2). */
    const BoundRow want[] = {
        {false, 2, KR(450), KR(900)},    /* inom_p: högst 1 privat, only pot p */
        {true, 2, KR(450), KR(1400)},    /* minst 2 offentlig */
        {false, 2, KR(450), KR(1400)},   /* högst 1 privat */
        {true, 5, KR(1400), KR(1400)},   /* minst 4 … */
        {false, 5, KR(1400), KR(1400)},  /* … högst 4: five funded */
        {false, 2, KR(450), KR(1400)},   /* minst 50 % offentlig: 450/1400 */
        {true, 2, KR(450), KR(1400)},    /* högst 50 % privat */
        {true, 2, KR(450), KR(1400)},    /* högst 49 % offentlig: 32 % */
        {false, 2, KR(450), KR(1400)},   /* minst 51 % privat */
        {false, 1, KR(300), KR(1400)},   /* minst 37,5 % digital: 21 % */
    };
    ck_assert_uint_eq(w.al.n_portfolio, 10);
    const int32_t pf[] = {0, 1, 1, 1, 1, 2, 2, 2, 2, 2};
    const int32_t bd[] = {0, 0, 1, 2, 3, 0, 1, 2, 3, 4};
    for (size_t j = 0; j < 10; j++) {
        const PortfolioResult *r = &w.al.portfolio[j];
        ck_assert_int_eq(r->portfolio, pf[j]);
        ck_assert_int_eq(r->bound, bd[j]);
        ck_assert_msg(r->held == want[j].held, "bound %zu: held %d", j, r->held);
        ck_assert_int_eq(r->count, want[j].count);
        ck_assert_int_eq(r->amount, want[j].amount);
        ck_assert_int_eq(r->total, want[j].total);
    }
    world_free(&w);
}
END_TEST

/* Percentages are compared exactly: 450 of 900 kr is 50 %, neither more nor
** less. */
START_TEST(portfolio_exact_percentage)
{
    World w;
    world_load(&w, "pott p { belopp 900 kr }\n"
                   "portfölj exakt {\n"
                   "    minst 50 % där typ är offentlig\n"
                   "    högst 50 % där typ är offentlig\n"
                   "    minst 50,000001 % där typ är offentlig\n"
                   "}\n"
                   "portfölj tom { minst 10 %  högst 10 %  minst 0 % }\n");
    add_app(&w, "K1", KR(450), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "P1", KR(450), NULL, T_PRIVATE, -1, 0);
    run(&w);
    ck_assert_uint_eq(w.al.n_portfolio, 6);
    ck_assert(w.al.portfolio[0].held);
    ck_assert(w.al.portfolio[1].held);
    ck_assert(!w.al.portfolio[2].held);
    ck_assert(w.al.portfolio[3].held);    /* 100 % of everything */
    ck_assert(!w.al.portfolio[4].held);
    ck_assert(w.al.portfolio[5].held);
    world_free(&w);

    /* Nothing granted: a share of nothing is 0 %. */
    world_load(&w, "pott p { belopp 900 kr }\n"
                   "portfölj tom { minst 10 %  högst 10 %  minst 0 %  minst 0  högst 0 }\n");
    run(&w);
    ck_assert_uint_eq(w.al.n_portfolio, 5);
    ck_assert(!w.al.portfolio[0].held);
    ck_assert(w.al.portfolio[1].held);
    ck_assert(w.al.portfolio[2].held);
    ck_assert(w.al.portfolio[3].held);
    ck_assert(w.al.portfolio[4].held);
    ck_assert_int_eq(w.al.portfolio[0].total, 0);
    world_free(&w);
}
END_TEST

/* allocation_report_binding's text, malloc'd (the caller frees it), and its status. */
static char *binding_text(World *w, int *status)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    *status = allocation_report_binding(&w->cx, &w->set, w->apps, NULL, w->n, &w->al, NULL, f);
    fclose(f);
    return text;
}

/* A binding constraint that does not hold is reported at its declaration,
** in the words of its skäl, with the applications of its condition that
** came nearest (not reached before not eligible); one that is not binding,
** or that holds, is not. */
START_TEST(portfolio_binding)
{
#define BINDING_RULES(amount)                          \
    "pott p { belopp " amount "  tilldelning rangordning }\n" \
    "portfölj båda {\n"                                \
    "    bindande\n"                                   \
    "    minst 1 ansökan där typ är privat\n"          \
    "    skäl \"Både offentliga och privata.\"\n"      \
    "}\n"                                              \
    "portfölj fri { högst 0 }\n"
    World w;
    world_load(&w, BINDING_RULES("1 000 kr"));
    ck_assert(w.prog->portfolios[0].binding);
    ck_assert(!w.prog->portfolios[1].binding);
    ck_assert(allocation_has_binding(w.prog));
    add_app(&w, "K1", KR(1000), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "P1", KR(500), NULL, T_PRIVATE, -1, 0);
    size_t p2 = add_app(&w, "P2", KR(100), NULL, T_PRIVATE, -1, 0);
    set_eligible(&w, p2, "p", OUTCOME_FAIL);
    run(&w);
    ck_assert(!w.al.portfolio[0].held);
    ck_assert(!w.al.portfolio[1].held);
    ck_assert(allocation_breaks_binding(w.prog, &w.al));
    int status;
    char *text = binding_text(&w, &status);
    ck_assert_int_eq(status, STATUS_PORTFOLIO);
    ck_assert_msg(strstr(text, ":15:10: error: det bindande portföljvillkoret 'båda' är inte uppfyllt: "
                               "\"Både offentliga och privata.\"\n"), "%s", text);
    ck_assert_msg(strstr(text, ":17:5: note: 'minst 1 ansökan där typ är privat': ingen sådan ansökan fick medel, det "
                               "behövs 1 till; närmast: P1 (medlen räckte inte, rang 2 i p; med 500 kr till i potten "
                               "hade den fått medel), P2 (ej stödberättigad)\n"),
                  "%s", text);
    ck_assert_msg(!strstr(text, "'fri'"), "%s", text);   /* not binding: a report only */
    free(text);
    world_free(&w);

    /* Enough money: P1 is funded and the binding constraint holds; the
    ** broken one that is not binding says nothing here. */
    world_load(&w, BINDING_RULES("1 500 kr"));
    add_app(&w, "K1", KR(1000), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "P1", KR(500), NULL, T_PRIVATE, -1, 0);
    run(&w);
    ck_assert(w.al.portfolio[0].held);
    ck_assert(!w.al.portfolio[1].held);
    ck_assert(!allocation_breaks_binding(w.prog, &w.al));
    text = binding_text(&w, &status);
    ck_assert_int_eq(status, STATUS_OK);
    ck_assert_str_eq(text, "");
    free(text);
    world_free(&w);
#undef BINDING_RULES
}
END_TEST

/* A funded application adds its grant to every focus area it has: the areas
** overlap on purpose and may add up to more than what was granted. */
START_TEST(by_focus)
{
    World w;
    world_load(&w, "pott p { belopp 600 kr  tilldelning rangordning sista stopp }\n");
    add_app(&w, "A", KR(300), NULL, T_PUBLIC, -1, FO_SAMVERKAN | FO_DIGITAL);
    add_app(&w, "B", KR(200), NULL, T_PUBLIC, -1, FO_DIGITAL);
    add_app(&w, "C", KR(100), NULL, T_PUBLIC, -1, 0);
    add_app(&w, "D", KR(100), NULL, T_PUBLIC, -1, FO_VARD);   /* not reached */
    run(&w);
    ck_assert_int_eq(w.al.granted, KR(600));
    ck_assert_int_eq(w.al.by_focus[0], KR(300));
    ck_assert_int_eq(w.al.by_focus[1], KR(500));
    ck_assert_int_eq(w.al.by_focus[2], 0);
    world_free(&w);
}
END_TEST

#ifdef MEDEL_INVARIANTS
/* In a child (unit_child_stderr): the allocation of the World at ctx. */
static void run_world(void *ctx)
{
    World *w = ctx;
    allocation_run(&w->cx, w->apps, w->cands, w->n, &w->a, &w->al, w->msg, sizeof w->msg);
}
#endif

/* A pot tree whose sub-pots hold more than their parent is caught: with
** invariants on (lang/invariant.h) medel stops at the broken invariant, so
** the run is made in a child; without them allocation_run fails, naming
** the pot. */
START_TEST(conservation_violation)
{
    World w;
    world_load(&w, "pott rot { belopp 1 000 kr  pott a { belopp 600 kr }  pott b { belopp resten } }\n");
    w.prog->pots[pot_of(&w, "a")].amount += 1;
#ifdef MEDEL_INVARIANTS
    int status;
    char *err = unit_child_stderr(run_world, &w, &status);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGABRT, "status %d, stderr: %s", status, err);
    const char *want = "medel: internal error: invariant failed: !(pr->to_children < 0 || pr->granted < 0 || "
                       "pr->unallocated < 0) (";
    ck_assert_msg(strncmp(err, want, strlen(want)) == 0 && strstr(err, "allocate.c:") != NULL, "stderr: %s", err);
    free(err);
#else
    bool ok = allocation_run(&w.cx, w.apps, w.cands, w.n, &w.a, &w.al, w.msg, sizeof w.msg);
    ck_assert(!ok);
    ck_assert_msg(strstr(w.msg, "'rot'") != NULL, "message: %s", w.msg);
#endif
    world_free(&w);
}
END_TEST

START_TEST(empty)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  fördela per kommun efter kommuner.antal }\n");
    table_rows(&w, NULL, NULL, 0);
    run(&w);
    ck_assert_uint_eq(w.al.n_pots, 1);
    ck_assert_uint_eq(w.al.n_grants, 0);
    expect_pot(&w, "p", KR(1000), 0, 0, KR(1000));
    world_free(&w);
}
END_TEST

/* ---- property test ----
**
** Random cases, each checked against what allocate.h promises. A case is a
** pot tree (fixed, percentage and 'resten' shares; splits per key with every
** rounding unit and apportionment method; rangordning, proportionell and
** rättighet; caps, minimum grants, tie-breaks, portfolio constraints,
** criteria, priorities and 'ansökningar där'), a table of weights, a set of
** applications, and a scenario on the same rule file. Eligibility and scores
** come from the program's criteria and priorities, as medel check computes
** them. Each case is allocated
**   - under the baseline: conservation to the öre in every pot and sub-pot,
**     caps, minimum grants and the policy, recomputed here;
**   - again from the same input, which must give the same bytes;
**   - with the applications shuffled, which must give the same grants:
**     allocate.c ranks by score, the pot's tie-breaks, the key and only then
**     the input order, so with unique keys and no 'inkommen' the file's order
**     is renumbered; otherwise every application keeps its input order, and
**     only its place in the array moves;
**   - under the scenario (a changed pot amount, cap, minimum, policy,
**     tie-break or split; a dropped or added criterion, priority or
**     portfolio constraint), checked and repeated like the baseline.
** The rule file is also loaded twice, and must give the same program.
**
** Everything comes from one fixed seed; each pot tree has its own generator,
** seeded by the tree's number, so a failure names its case, tree and set,
** and MEDEL_PROPERTY_TREE=N runs that tree alone. MEDEL_PROPERTY_CASES
** sets the number of cases (default PROPERTY_CASES); MEDEL_PROPERTY_VERBOSE
** prints what the cases covered.
*/

#define PROPERTY_CASES 100000
#define PROPERTY_SEED 0x9E3779B97F4A7C15u
#define N_SETS 60   /* application sets per pot tree */

typedef struct Rng {
    uint64_t s;
} Rng;

/* xorshift64*: small, fast and the same on every platform. */
static uint64_t next(Rng *g)
{
    g->s ^= g->s >> 12;
    g->s ^= g->s << 25;
    g->s ^= g->s >> 27;
    return g->s * 2685821657736338717u;
}

static uint64_t below(Rng *g, uint64_t n)
{
    return n ? next(g) % n : 0;
}

/* splitmix64's finaliser: a well-mixed, non-zero xorshift state from a
** seed and a tree number. */
static Rng rng_for(uint64_t seed, uint64_t tree)
{
    uint64_t x = seed + tree * 0x9E3779B97F4A7C15u;
    x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9u;
    x = (x ^ (x >> 27)) * 0x94D049BB133111EBu;
    x ^= x >> 31;
    return (Rng){x ? x : 1};
}

typedef struct Buf {
    char s[32768];
    size_t n;
} Buf;

static void put(Buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void put(Buf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int k = vsnprintf(b->s + b->n, sizeof b->s - b->n, fmt, ap);
    va_end(ap);
    ck_assert(k >= 0 && (size_t)k < sizeof b->s - b->n);
    b->n += (size_t)k;
}

/* Counters for the generated names: pots p0…, portfolio constraints f0…,
** criteria c0…, priorities q0…. */
typedef struct Names {
    int pots, portfolios, criteria, priorities;
    int outs[64];   /* earlier pots that hand out to applications themselves: where a 'kvar' may move to */
    int n_outs;
} Names;

/* Yes/no conditions over PRELUDE's fields; some are unknown for an
** application without an applicant or municipality (a manual assessment). */
static const char *const CONDITIONS[] = {
    "typ är offentlig",
    "typ är inte privat",
    "typ i {offentlig, region}",
    "fokus innehåller digital",
    "fokus överlappar {samverkan, vård}",
    "antal(fokus) >= 2",
    "inte fokus innehåller vård",
    "sökande är \"Alfa\" eller sökande är \"Gamma\"",
    "sökande != \"Beta\"",
    "kommun är \"K1\" eller typ är region",
};
#define N_CONDITIONS ((uint64_t)(sizeof CONDITIONS / sizeof CONDITIONS[0]))

/* A condition; `kronor` scales the ones about the requested amount. */
static void put_condition(Rng *g, Buf *b, Money kronor)
{
    uint64_t k = below(g, N_CONDITIONS + 2);
    Money limit = (Money)below(g, (uint64_t)kronor + 1);
    if (k < N_CONDITIONS)
        put(b, "%s", CONDITIONS[k]);
    else if (k == N_CONDITIONS)
        put(b, "belopp <= %" PRId64 " kr", limit);
    else
        put(b, "om typ är privat så belopp <= %" PRId64 " kr", limit);
}

static void put_criterion(Rng *g, Buf *b, int indent, Names *nm, Money kronor)
{
    put(b, "%*svillkor c%d { krav ", indent, "", nm->criteria++);
    put_condition(g, b, kronor);
    put(b, "  skäl \"Skäl.\" }\n");
}

static void put_priority(Rng *g, Buf *b, int indent, Names *nm, Money kronor)
{
    put(b, "%*sprioritet q%d { poäng ", indent, "", nm->priorities++);
    uint64_t k = below(g, 4);
    if (k == 0) {
        put(b, "antal(fokus)");
    } else {
        put(b, "%d", (int)k);
        if (below(g, 4) != 0) {
            put(b, " om ");
            put_condition(g, b, kronor);
        }
    }
    put(b, " }\n");
}

/* Writes a random pot holding `amount` öre (what its share will come to) and
** its sub-pots. Shares always conserve: fixed amounts and percentages within
** what is left, then 'resten'. */
static void gen_pot(Rng *g, Buf *b, int depth, Money amount, const char *share, const char *year, Names *nm)
{
    int me = nm->pots++;
    int ind = 2 * depth + 2;
    put(b, "%*spott p%d { belopp %s\n", 2 * depth, "", me, share);
    int kids = depth < 2 && below(g, 3) != 0 ? 1 + (int)below(g, 3) : 0;
    /* Now and then a pot over the agreement's two years, its first two
    ** sub-pots one year each. */
    bool years = !year && depth == 0 && kids >= 2 && below(g, 3) == 0;   /* year "": under a year pot, none of its own */
    if (year && *year)
        put(b, "%*sår %s\n", ind, "", year);
    else if (years)
        put(b, "%*sår 2021..2022\n", ind, "");
    if (kids > 0) {
        Money left = amount;
        int64_t pct_left = 100;
        for (int c = 0; c < kids; c++) {
            char text[64];
            Money m;
            if (c == kids - 1) {
                snprintf(text, sizeof text, "resten");
                m = left;
            } else if (below(g, 2) && amount % 100 == 0 && pct_left > 1) {
                int64_t pct = 1 + (int64_t)below(g, (uint64_t)(pct_left < 40 ? pct_left : 40));
                m = amount / 100 * pct;
                if (m > left) {
                    c--;   /* try again with a fixed amount */
                    pct_left = 0;
                    continue;
                }
                pct_left -= pct;
                snprintf(text, sizeof text, "%" PRId64 " %%", pct);
            } else {
                m = KR((int64_t)below(g, (uint64_t)(left / 100 / 2 + 1)));
                snprintf(text, sizeof text, "%" PRId64 " kr", m / 100);
            }
            left -= m;
            gen_pot(g, b, depth + 1, m, text, years ? (c == 0 ? "2021" : c == 1 ? "2022" : "") : year ? "" : NULL, nm);
        }
    } else {
        bool split = below(g, 10) < 4;
        if (split) {
            static const char *const units[] = {"1 öre", "1 kr", "100 kr", "10 000 kr"};
            static const char *const methods[] = {"metod största_rest", "metod dhondt", "metod sainte_laguë",
                                                  "metod sainte_laguë  första_divisor 1,2",
                                                  "metod sainte_laguë  första_divisor 1,4"};
            static const Money unit_ore[] = {1, 100, 10000, 1000000};
            size_t ui = (size_t)below(g, 4);
            /* Split rules (issue 17) half of the time, always valid for up
            ** to 6 rows: 6 base amounts and minimums fit in the pot, the cap
            ** is at least both, every amount whole units (and kronor). */
            char rules[256] = "";
            if (below(g, 2)) {
                Money u = unit_ore[ui], step = u < 100 ? 100 : u;
                Money room = amount / 6 / step;   /* steps each row may take before any share */
                Money base = below(g, 2) ? (Money)below(g, (uint64_t)room / 2 + 1) * step : 0;
                int64_t min = 0;
                if (below(g, 3) == 0 && (room * step - base) / u >= 1)
                    min = 1 + (int64_t)below(g, (uint64_t)((room * step - base) / u < 3 ? (room * step - base) / u : 3));
                size_t at = 0;
                if (base > 0)
                    at += (size_t)snprintf(rules + at, sizeof rules - at, "  grundbelopp %" PRId64 " kr", base / 100);
                if (below(g, 2)) {
                    Money floor_ = base + min * u;
                    Money cap = (floor_ + step - 1) / step * step + (Money)below(g, (uint64_t)(amount / step / 2 + 1)) * step;
                    if (cap > 0 && cap % u == 0)
                        at += (size_t)snprintf(rules + at, sizeof rules - at, "  tak %" PRId64 " kr", cap / 100);
                }
                uint64_t th = below(g, 4);
                if (th == 1)
                    at += (size_t)snprintf(rules + at, sizeof rules - at, "  spärr %d %%", (int)below(g, 40));
                else if (th == 2)
                    at += (size_t)snprintf(rules + at, sizeof rules - at, "  spärr %d", (int)below(g, 500000));
                if (min > 0)
                    at += (size_t)snprintf(rules + at, sizeof rules - at, "  minst %" PRId64 " %s", min,
                                           min == 1 ? "enhet" : "enheter");
            }
            put(b, "%*sfördela per kommun efter kommuner.%s { avrundning %s  %s%s }\n", ind, "",
                below(g, 2) ? "antal" : "pengar", units[ui], methods[below(g, 5)], rules);
        }
        uint64_t policy = below(g, 10);
        static const char *const last[] = {"", " sista delvis", " sista hoppa_över", " sista stopp"};
        if (policy < 5)
            put(b, "%*stilldelning rangordning%s\n", ind, "", last[below(g, 4)]);
        else if (policy < 8)
            put(b, "%*stilldelning proportionell\n", ind, "");
        else
            put(b, "%*stilldelning rättighet\n", ind, "");
        Money scale = amount / 100 / 4 + 1;   /* kronor */
        Money cap = 0;
        bool takes = policy < 8;   /* caps and minimum grants are errors on a rättighet pot */
        if (takes && below(g, 3) == 0) {
            cap = 1 + (Money)below(g, (uint64_t)scale);
            put(b, "%*stak %" PRId64 " kr per ansökan\n", ind, "", cap);
        }
        if (takes && below(g, 3) == 0)
            put(b, "%*stak %" PRId64 " kr per sökande\n", ind, "", 1 + (Money)below(g, (uint64_t)scale * 2));
        if (takes && below(g, 3) == 0) {
            Money min = (Money)below(g, (uint64_t)(cap ? cap + 1 : scale / 4 + 1));
            put(b, "%*slägsta_bidrag %" PRId64 " kr\n", ind, "", min);
        }
        if (below(g, 3) == 0) {
            static const char *const ties[] = {"lägst_belopp", "högst_belopp", "inkommen", "nyckel"};
            uint64_t first = below(g, 4);
            put(b, "%*svid_lika %s", ind, "", ties[first]);
            /* A second, different rule; the key only ever comes last. */
            if (first != 3 && below(g, 2))
                put(b, ", %s", ties[(first + 1 + below(g, 2)) % 3]);
            put(b, "\n");
        }
        /* What it leaves: returned, moved to an earlier pot that hands out
        ** (so the moves never come back), or a second round. */
        uint64_t kvar = takes ? below(g, 6) : 5;
        if (kvar == 0)
            put(b, "%*skvar återbetalas\n", ind, "");
        else if (kvar == 1 && nm->n_outs > 0)
            put(b, "%*skvar flyttas till p%d\n", ind, "", nm->outs[below(g, (uint64_t)nm->n_outs)]);
        else if (kvar == 2) {
            put(b, "%*sandra omgång \"Omgång 2\" {\n", ind, "");
            put(b, "%*ssista_ansökningsdag \"30 november 2021\"\n", ind + 2, "");
            if (below(g, 2))
                put(b, "%*stilldelning rangordning sista delvis\n", ind + 2, "");
            if (below(g, 2))
                put_criterion(g, b, ind + 2, nm, amount / 100);
            if (below(g, 3) == 0) {
                put(b, "%*sansökningar där ", ind + 2, "");
                put_condition(g, b, amount / 100);
                put(b, "\n");
            }
            if (below(g, 2))
                put(b, "%*skvar återbetalas\n", ind + 2, "");
            else if (nm->n_outs > 0 && below(g, 2))
                put(b, "%*skvar flyttas till p%d\n", ind + 2, "", nm->outs[below(g, (uint64_t)nm->n_outs)]);
            put(b, "%*s}\n", ind, "");
        }
        if (takes && !split && nm->n_outs < 64)
            nm->outs[nm->n_outs++] = me;
    }
    if (below(g, 4) == 0)
        put_criterion(g, b, ind, nm, amount / 100);
    if (below(g, 5) == 0)
        put_priority(g, b, ind, nm, amount / 100);
    if (below(g, 8) == 0) {
        put(b, "%*sansökningar där ", ind, "");
        put_condition(g, b, amount / 100);
        put(b, "\n");
    }
    if (below(g, 5) == 0)
        put(b, "%*sportfölj f%d { högst %d ansökningar där typ är privat  minst %d %% }\n", ind, "",
            nm->portfolios++, (int)below(g, 5), (int)below(g, 60));
    put(b, "%*s}\n", 2 * depth, "");
}

/* A random program: one or two top-level pots (now and then a very large
** one), criteria, priorities and portfolio constraints for all pots. */
static void gen_program(Rng *g, Buf *b)
{
    Names nm = {0};
    int tops = 1 + (int)below(g, 2);
    for (int t = 0; t < tops; t++) {
        Money amount = KR(100) * (Money)(1 + below(g, 50000));
        if (below(g, 50) == 0)
            amount = KR(100) * (Money)(1 + below(g, 100000000000u));   /* up to 10^13 kr */
        char text[64];
        snprintf(text, sizeof text, "%" PRId64 " kr", amount / 100);
        gen_pot(g, b, 0, amount, text, NULL, &nm);
    }
    for (int n = (int)below(g, 3); n > 0; n--)
        put_criterion(g, b, 0, &nm, KR(100000) / 100);
    for (int n = (int)below(g, 3); n > 0; n--)
        put_priority(g, b, 0, &nm, KR(100000) / 100);
    if (below(g, 2))
        put(b, "portfölj f%d { minst %d där typ är offentlig  högst %d,5 %% där fokus överlappar {digital} }\n",
            nm.portfolios++, (int)below(g, 10), (int)below(g, 100));
}

/* A scenario "s" of one to three random changes to the loaded program p.
** Most load; some break a split (a new amount that its sub-pots no longer
** fit) and are counted, not failed: medel reports those as errors. */
static void gen_scenario(Rng *g, const Program *p, Buf *b)
{
    uint64_t gone_crit = 0, gone_prio = 0, gone_pf = 0;   /* what was dropped (the first 64 of each) */
    int added = 0;
    put(b, "scenario s \"Slumpat\" {\n");
    for (int c = 1 + (int)below(g, 3); c > 0; c--) {
        const Pot *pot = &p->pots[below(g, p->n_pots)];
        bool takes = pot->n_children == 0 && (pot->policy == POLICY_RANK || pot->policy == POLICY_PRO_RATA);
        Money kronor = pot->amount / 100;
        size_t i;
        switch (below(g, 10)) {
        case 0:   /* a pot's amount */
            if (pot->parent < 0) {
                Money kr = kronor * (Money)(1 + below(g, 8)) / 4;
                put(b, "    ändra pott %s { belopp %" PRId64 " kr }\n", pot->name, kr > 0 ? kr : 100);
            } else if (pot->share != SHARE_REST) {
                /* Within what it and the 'resten' sibling hold now. */
                const Pot *parent = &p->pots[pot->parent];
                const Pot *rest = &p->pots[parent->children[parent->n_children - 1]];
                uint64_t room = (uint64_t)((pot->amount + rest->amount) / 100);
                put(b, "    ändra pott %s { belopp %" PRIu64 " kr }\n", pot->name, below(g, room + 1));
            }
            break;
        case 1:   /* drop a criterion */
            i = (size_t)below(g, p->n_criteria);
            if (i < p->n_criteria && i < 64 && !((gone_crit >> i) & 1u)) {
                put(b, "    ta bort villkor %s\n", p->criteria[i].name);
                gone_crit |= (uint64_t)1 << i;
            }
            break;
        case 2:   /* a cap per application */
            if (takes)
                put(b, "    ändra pott %s { tak %" PRIu64 " kr per ansökan }\n", pot->name,
                    1 + below(g, (uint64_t)(kronor / 4 + 1)));
            break;
        case 3:   /* a minimum grant */
            if (takes)
                put(b, "    ändra pott %s { lägsta_bidrag %" PRIu64 " kr }\n", pot->name,
                    below(g, (uint64_t)(kronor / 16 + 1)));
            break;
        case 4:   /* the allocation policy */
            if (takes) {
                static const char *const policies[] = {"rangordning", "rangordning sista delvis",
                                                       "rangordning sista hoppa_över", "rangordning sista stopp",
                                                       "proportionell"};
                put(b, "    ändra pott %s { tilldelning %s }\n", pot->name, policies[below(g, 5)]);
            }
            break;
        case 5:   /* drop a portfolio constraint */
            i = (size_t)below(g, p->n_portfolios);
            if (i < p->n_portfolios && i < 64 && !((gone_pf >> i) & 1u)) {
                put(b, "    ta bort portfölj %s\n", p->portfolios[i].name);
                gone_pf |= (uint64_t)1 << i;
            }
            break;
        case 6:   /* a new criterion for all pots */
            put(b, "    villkor ny%d { krav ", added++);
            put_condition(g, b, kronor);
            put(b, "  skäl \"Nytt.\" }\n");
            break;
        case 7:   /* another split */
            if (pot->has_split) {
                static const char *const units[] = {"1 öre", "1 kr", "1 000 kr"};
                static const char *const methods[] = {"största_rest", "dhondt", "sainte_laguë"};
                put(b, "    ändra pott %s { fördela per kommun efter kommuner.%s { avrundning %s  metod %s } }\n",
                    pot->name, below(g, 2) ? "antal" : "pengar", units[below(g, 3)], methods[below(g, 3)]);
            }
            break;
        case 8:   /* drop a priority, or add one */
            i = (size_t)below(g, p->n_priorities + 1);
            if (i < p->n_priorities && i < 64 && !((gone_prio >> i) & 1u)) {
                put(b, "    ta bort prioritet %s\n", p->priorities[i].name);
                gone_prio |= (uint64_t)1 << i;
            } else if (i == p->n_priorities) {
                put(b, "    prioritet nyq%d { poäng 5 om ", added++);
                put_condition(g, b, kronor);
                put(b, " }\n");
            }
            break;
        default:   /* tie-breaks, or a cap per applicant */
            if (takes && below(g, 2))
                put(b, "    ändra pott %s { vid_lika %s }\n", pot->name, below(g, 2) ? "högst_belopp" : "lägst_belopp");
            else if (takes)
                put(b, "    ändra pott %s { tak %" PRIu64 " kr per sökande }\n", pot->name,
                    1 + below(g, (uint64_t)(kronor / 2 + 1)));
            break;
        }
    }
    put(b, "}\n");
}

static const char *const APPLICANTS[] = {"Alfa", "Beta", "Gamma", "Delta", "Epsilon"};

/* Eligibility and scores per pot, the way medel check derives them: the
** pot's criteria, its 'ansökningar där' and its priorities. Scratch lives in
** w->a. */
static void assess_all(World *w)
{
    const Program *p = w->prog;
    Outcome *crit = arena_alloc(&w->a, (p->n_criteria + 1) * sizeof *crit);
    int64_t *prio = arena_alloc(&w->a, (p->n_priorities + 1) * sizeof *prio);
    for (size_t i = 0; i < w->n; i++) {
        Candidate *c = &w->cands[i];
        eval_application(&w->cx, &w->apps[i], crit, prio);
        for (size_t k = 0; k < p->n_pots; k++) {
            c->eligible[k] = OUTCOME_FAIL;
            c->score[k] = 0;
            if (!eval_takes_applications(p, (int)k))
                continue;
            Outcome considered = eval_considers(&w->cx, &w->apps[i], (int)k);
            if (considered == OUTCOME_NOT_APPLICABLE) {
                c->eligible[k] = OUTCOME_NOT_APPLICABLE;
                continue;
            }
            Outcome e = eval_pot(p, (int)k, crit);
            c->eligible[k] = considered == OUTCOME_MANUAL && e == OUTCOME_PASS ? OUTCOME_MANUAL : e;
            c->score[k] = eval_pot_score(p, (int)k, prio);
        }
    }
}

/* Random applications for a loaded program: requests around the pots' size
** (some missing, some 0), random applicants, types, focus areas and routes;
** keys unique or with duplicates. Eligibility and scores from assess_all. */
static void gen_apps(Rng *g, World *w, Money scale, bool unique_keys)
{
    const Program *p = w->prog;
    w->n = (size_t)below(g, 61);
    int pool[100];
    for (int k = 0; k < 100; k++)
        pool[k] = k;
    for (size_t i = 0; i < w->n; i++) {
        char *key;
        if (unique_keys) {   /* drawn without replacement */
            size_t j = i + (size_t)below(g, 100 - i);
            int t = pool[i];
            pool[i] = pool[j];
            pool[j] = t;
            key = arena_printf(&w->a, "u%02d", pool[i]);
        } else {
            key = arena_printf(&w->a, "k%02d", (int)below(g, 80));   /* duplicates happen */
        }
        Money req;
        uint64_t kind = below(g, 10);
        if (kind == 0)
            req = -1;
        else if (kind == 1)
            req = 0;
        else if (kind < 5)
            req = KR((Money)below(g, (uint64_t)(scale / 100 + 1)));
        else
            req = (Money)below(g, (uint64_t)scale + 1);
        const char *who = below(g, 7) == 0 ? NULL : APPLICANTS[below(g, 5)];
        int32_t row = (int32_t)below(g, w->table.n_rows + 1) - 1;
        Value *v = arena_alloc(&w->a, N_FIELDS * sizeof *v);
        v[F_ID] = (Value){.kind = VAL_TEXT, .u.text = {key, strlen(key)}};
        if (who)
            v[F_APPLICANT] = (Value){.kind = VAL_TEXT, .u.text = {who, strlen(who)}};
        v[F_TYPE] = (Value){.kind = VAL_ENUM, .u.e = (int32_t)below(g, 3)};
        if (row >= 0)
            v[F_MUNICIPALITY] = (Value){.kind = VAL_KEY, .u.key = row};
        if (req >= 0)
            v[F_REQUESTED] = (Value){.kind = VAL_MONEY, .u.money = req};
        v[F_FOCUS] = (Value){.kind = VAL_SET, .u.set = below(g, 8)};
        w->apps[i] = (Application){.record = i + 1, .key = key, .values = v};
        Candidate *c = &w->cands[i];
        c->key = key;
        c->requested = req;
        c->applicant = who ? arena_strdup(&w->a, who) : NULL;
        c->route = arena_alloc(&w->a, (p->n_pots + 1) * sizeof *c->route);
        c->eligible = arena_alloc(&w->a, (p->n_pots + 1) * sizeof *c->eligible);
        c->score = arena_alloc(&w->a, (p->n_pots + 1) * sizeof *c->score);
        c->order = (uint32_t)i;
        for (size_t k = 0; k < p->n_pots; k++) {
            /* Mostly the application's own municipality; sometimes none, or
            ** a row past the table's end (no sub-pot either). */
            uint64_t r = below(g, 20);
            c->route[k] = r == 0 ? -1 : r == 1 ? (int32_t)w->table.n_rows : row;
        }
    }
    assess_all(w);
}

/* The property test checks millions of facts. Check's assertions record
** every one that passes (a write to the parent process each), so these call
** into Check only when something fails, and then say which case it was and
** show its rules and scenario. */
static char prop_where[160] = "";
static const char *prop_rules = "", *prop_scenario = "";

#define PROP_FAIL(fmt, ...)                                                                           \
    ck_abort_msg("%s:%d: " fmt "\n%s\nrules:\n%s\nscenario:\n%s", __FILE__, __LINE__, __VA_ARGS__,     \
                 prop_where, prop_rules, prop_scenario)
#define PROP(c)                                                                                       \
    do {                                                                                              \
        if (!(c))                                                                                     \
            PROP_FAIL("%s", #c);                                                                      \
    } while (0)
#define PROP_CMP(x, op, y)                                                                            \
    do {                                                                                              \
        int64_t x_ = (int64_t)(x), y_ = (int64_t)(y);                                                 \
        if (!(x_ op y_))                                                                              \
            PROP_FAIL("%s %s %s: %" PRId64 " vs %" PRId64, #x, #op, #y, x_, y_);                      \
    } while (0)
#define PROP_EQ(x, y) PROP_CMP(x, ==, y)
#define PROP_LE(x, y) PROP_CMP(x, <=, y)
#define PROP_GE(x, y) PROP_CMP(x, >=, y)

/* Index of the PotResult for (pot, sub), found by scanning. */
static size_t find_result(const Allocation *al, int32_t pot, int32_t sub)
{
    for (size_t j = 0; j < al->n_pots; j++)
        if (al->pots[j].pot == pot && al->pots[j].sub == sub)
            return j;
    ck_abort_msg("no result for pot %d sub %d", pot, sub);
    return 0;
}

/* Everything allocate.h promises, checked from the outside. */
static void check_properties(const World *w)
{
    const Program *p = w->prog;
    const Allocation *al = &w->al;
    const size_t n_res = al->n_pots;
    Money per_res[512] = {0};
    PROP_LE(n_res, 512);

    /* Each (sub-)pot conserves; its grants add up to what it granted. */
    for (size_t g = 0; g < al->n_grants; g++) {
        const Grant *gr = &al->grants[g];
        size_t j = find_result(al, gr->pot, gr->sub);
        per_res[j] += gr->amount;
        PROP_GE(gr->amount, 0);
        const Pot *pot = &p->pots[gr->pot];
        if (gr->app < 0) {
            PROP_EQ(gr->status, GRANT_PAYOUT);
            PROP_EQ(pot->policy, POLICY_ENTITLEMENT);
            continue;
        }
        const Candidate *c = &w->cands[gr->app];
        PROP(eval_takes_applications(p, gr->pot));
        PROP_EQ(c->eligible[gr->pot], OUTCOME_PASS);
        PROP_GE(c->requested, 0);
        PROP_LE(gr->amount, gr->wanted);
        PROP_LE(gr->wanted, c->requested);
        if (pot->cap_per_application)
            PROP_LE(gr->wanted, pot->cap_per_application);
        if (pot->cap_per_applicant)
            PROP_LE(gr->amount, pot->cap_per_applicant);
        if (gr->amount > 0) {
            PROP_GE(gr->amount, pot->min_grant);
            PROP(gr->status == GRANT_FULL || gr->status == GRANT_PARTIAL);
        }
        if (gr->status == GRANT_FULL)
            PROP_EQ(gr->amount, gr->wanted);
        if (pot->has_split && gr->sub >= 0)
            PROP_EQ(c->route[gr->pot], gr->sub);
        if (gr->status == GRANT_NO_ROUTE)
            PROP(gr->sub < 0 && (c->route[gr->pot] < 0 || (size_t)c->route[gr->pot] >= w->table.n_rows));
    }
    Money total = 0, granted = 0, unallocated = 0, returned = 0, moved_in = 0, moved_out = 0;
    Money received[512] = {0};
    for (size_t j = 0; j < n_res; j++) {
        const PotResult *r = &al->pots[j];
        PROP_EQ(r->to_children + r->granted + r->moved_out + r->returned + r->unallocated, r->amount + r->moved_in);
        PROP_GE(r->to_children, 0);
        PROP_GE(r->granted, 0);
        PROP_GE(r->unallocated, 0);
        PROP_GE(r->returned, 0);
        PROP_GE(r->moved_out, 0);
        PROP_EQ(per_res[j], r->granted);
        /* Leftover goes one way only, as the pot's 'kvar' (or round) says. */
        const Pot *pk = &p->pots[r->pot];
        int next = pk->round >= 0 ? pk->round : pk->leftover == LEFTOVER_MOVES ? pk->leftover_to : -1;
        if (r->moved_out > 0) {
            PROP(next >= 0);
            PROP_EQ(r->moved_to, (int32_t)find_result(al, next, -1));
            received[r->moved_to] += r->moved_out;
        }
        if (r->returned > 0)
            PROP(next < 0 && pk->leftover == LEFTOVER_RETURNED);
        if (r->unallocated > 0)
            PROP(next < 0 && pk->leftover == LEFTOVER_STAYS);
        granted += r->granted;
        unallocated += r->unallocated;
        returned += r->returned;
        moved_in += r->moved_in;
        moved_out += r->moved_out;
        if (r->sub >= 0)
            continue;
        const Pot *pot = &p->pots[r->pot];
        PROP_EQ(r->amount, pot->amount);
        if (pot->parent < 0 && pot->round_of < 0)
            total += r->amount;
        Money kids = 0;
        for (size_t c = 0; c < pot->n_children; c++)
            kids += al->pots[find_result(al, pot->children[c], -1)].amount;
        if (pot->has_split) {
            size_t rows = w->table.n_rows;
            Money parts[MAX_ROWS], leftover;
            PROP(allocation_split(&w->cx, r->pot, parts, &leftover));
            for (size_t row = 0; row < rows; row++) {
                const PotResult *s = &al->pots[j + 1 + row];
                PROP_EQ(s->pot, r->pot);
                PROP_EQ(s->sub, (int32_t)row);
                PROP_EQ(s->amount, parts[row]);
                PROP_EQ(s->amount % pot->split.unit, 0);
                if (pot->split.has_rules) {
                    /* The parts add up; the rules hold for every row. */
                    PROP_EQ(s->split_base + s->split_share, s->amount);
                    PROP_EQ(s->split_share % pot->split.unit, 0);
                    if (s->split_flags & SPLIT_EXCLUDED) {
                        PROP_EQ(s->amount, 0);
                    } else {
                        Money base = 0, cap = 0;
                        PROP(split_amount_of(&pot->split.base, pot->amount, &base));
                        PROP(split_amount_of(&pot->split.cap, pot->amount, &cap));
                        PROP_EQ(s->split_base, base);
                        PROP_GE(s->split_share, pot->split.min_units * pot->split.unit);
                        if (pot->split.cap.set)
                            PROP(s->amount <= cap);
                    }
                }
                kids += s->amount;
            }
            PROP_EQ(kids + leftover, r->amount);
            PROP_EQ(r->unallocated + r->moved_out + r->returned, leftover);
        }
        PROP_EQ(kids, r->to_children);
    }
    for (size_t j = 0; j < n_res; j++)
        PROP_EQ(received[j], al->pots[j].moved_in);
    PROP_EQ(moved_in, moved_out);
    PROP_EQ(al->total, total);
    PROP_EQ(al->granted, granted);
    PROP_EQ(al->unallocated, unallocated);
    PROP_EQ(al->returned, returned);
    PROP_EQ(granted + returned + unallocated, total);

    /* Every top-level pot conserves over its whole subtree (a second round
    ** counting with its pot), net of what moved in and out of it. */
    for (size_t k = 0; k < p->n_pots; k++) {
        if (p->pots[k].parent >= 0 || p->pots[k].round_of >= 0)
            continue;
        Money in_tree = 0;
        for (size_t j = 0; j < n_res; j++) {
            const PotResult *r = &al->pots[j];
            int base = p->pots[r->pot].round_of >= 0 ? p->pots[r->pot].round_of : r->pot;
            if (program_pot_within(p, base, (int)k))
                in_tree += r->granted + r->unallocated + r->returned + r->moved_out - r->moved_in;
        }
        PROP_EQ(in_tree, p->pots[k].amount);
    }

    /* Who was considered where: in each pot that takes applications, exactly
    ** the eligible ones with a request that no earlier pot funded. */
    bool funded[MAX_APPS] = {0};
    /* In the order the pots were handed out (moves change the file's):
    ** the order their grants come in, then those with none. */
    size_t order[512], n_order = 0;
    bool listed[512] = {0};
    PROP_LE(p->n_pots, 512);
    for (size_t g = 0; g < al->n_grants; g++)
        if (!listed[al->grants[g].pot]) {
            listed[al->grants[g].pot] = true;
            order[n_order++] = (size_t)al->grants[g].pot;
        }
    for (size_t k = 0; k < p->n_pots; k++)
        if (!listed[k])
            order[n_order++] = k;
    for (size_t o = 0; o < n_order; o++) {
        size_t k = order[o];
        if (!eval_takes_applications(p, (int)k))
            continue;
        int seen[MAX_APPS] = {0};
        for (size_t g = 0; g < al->n_grants; g++)
            if (al->grants[g].pot == (int32_t)k)
                seen[al->grants[g].app]++;
        for (size_t i = 0; i < w->n; i++) {
            const Candidate *c = &w->cands[i];
            bool want = !funded[i] && c->requested >= 0 && c->eligible[k] == OUTCOME_PASS;
            PROP_EQ(seen[i], want ? 1 : 0);
        }
        for (size_t g = 0; g < al->n_grants; g++)
            if (al->grants[g].pot == (int32_t)k && al->grants[g].amount > 0) {
                PROP(!funded[al->grants[g].app]);
                funded[al->grants[g].app] = true;
            }
    }

    /* Caps per applicant, within each pot and its sub-pots. */
    for (size_t k = 0; k < p->n_pots; k++) {
        const Pot *pot = &p->pots[k];
        if (pot->cap_per_applicant > 0) {
            for (size_t a = 0; a < 5; a++) {
                Money got = 0;
                for (size_t g = 0; g < al->n_grants; g++) {
                    const Grant *gr = &al->grants[g];
                    const char *who = gr->app >= 0 ? w->cands[gr->app].applicant : NULL;
                    /* A second round's cap counts its pot's grants too. */
                    bool here = gr->pot == (int32_t)k || (pot->round_of >= 0 && gr->pot == pot->round_of);
                    if (here && who && strcmp(who, APPLICANTS[a]) == 0)
                        got += gr->amount;
                }
                PROP_LE(got, pot->cap_per_applicant);
            }
        }
    }

    /* Each (sub-)pot's grants replayed against the policy as allocate.h
    ** states it, from the (sub-)pot's amount and the grants' capped requests. */
    Money used[5] = {0};   /* per applicant, within the current pot */
    int32_t used_pot = -1;
    for (size_t g0 = 0, g1; g0 < al->n_grants; g0 = g1) {
        const Grant *first = &al->grants[g0];
        if (first->pot != used_pot) {
            /* A second round goes on from its pot's counts. */
            if (p->pots[first->pot].round_of != used_pot || used_pot < 0)
                memset(used, 0, sizeof used);
            used_pot = first->pot;
        }
        for (g1 = g0 + 1; g1 < al->n_grants; g1++)
            if (al->grants[g1].pot != first->pot || al->grants[g1].sub != first->sub ||
                al->grants[g1].status == GRANT_NO_ROUTE)
                break;
        if (first->app < 0 || first->status == GRANT_NO_ROUTE) {
            g1 = g0 + 1;   /* payouts and unroutable ones are checked above */
            continue;
        }
        const Pot *pot = &p->pots[first->pot];
        const PotResult *held = &al->pots[find_result(al, first->pot, first->sub)];
        Money amount = held->amount + held->moved_in;
        Money min = pot->min_grant > 1 ? pot->min_grant : 1;
        for (size_t g = g0; g < g1; g++) {
            PROP_EQ(al->grants[g].rank, g - g0 + 1);
            if (g > g0)
                PROP_LE(al->grants[g].score, al->grants[g - 1].score);
        }
        /* What each may get: its request under both caps, with what its
        ** applicant got (rangordning) or claimed (proportionell) before. */
        int who[MAX_APPS];
        for (size_t g = g0; g < g1; g++) {
            const Grant *gr = &al->grants[g];
            const char *name = w->cands[gr->app].applicant;
            who[g - g0] = -1;
            for (int a = 0; a < 5 && name; a++)
                if (strcmp(name, APPLICANTS[a]) == 0)
                    who[g - g0] = a;
            Money x = w->cands[gr->app].requested;
            if (pot->cap_per_application && x > pot->cap_per_application)
                x = pot->cap_per_application;
            if (pot->cap_per_applicant) {
                Money room = pot->cap_per_applicant - (who[g - g0] >= 0 ? used[who[g - g0]] : 0);
                x = x < room ? x : room;
            }
            PROP_EQ(gr->wanted, x);
            PROP(gr->capped == (x < w->cands[gr->app].requested));
            if (who[g - g0] >= 0)
                used[who[g - g0]] += pot->policy == POLICY_RANK ? gr->amount : x >= min ? x : 0;
        }
        if (pot->policy == POLICY_PRO_RATA) {
            for (size_t g = g0; g < g1; g++) {
                const Grant *gr = &al->grants[g];
                if (who[g - g0] >= 0 && gr->wanted >= min)
                    used[who[g - g0]] -= gr->wanted - gr->amount;
            }
        }
        if (pot->policy == POLICY_RANK) {
            Money left = amount;
            bool stopped = false;
            for (size_t g = g0; g < g1; g++) {
                const Grant *gr = &al->grants[g];
                bool open = !stopped && left > 0;
                switch (gr->status) {
                case GRANT_FULL:
                    PROP(open && gr->wanted >= min && gr->wanted <= left && gr->amount == gr->wanted);
                    left -= gr->amount;
                    break;
                case GRANT_PARTIAL:
                    PROP(open && pot->last == LAST_PARTIAL && gr->wanted > left && left >= min && gr->amount == left);
                    left = 0;
                    stopped = true;
                    break;
                case GRANT_BELOW_MINIMUM:
                    PROP(open && (gr->wanted < min || (pot->last == LAST_PARTIAL && gr->wanted > left && left < min)));
                    stopped = gr->wanted >= min;
                    break;
                case GRANT_NOT_REACHED:
                    /* Spent or stopped; or it did not fit (hoppa_över, stopp). */
                    if (open) {
                        PROP(pot->last != LAST_PARTIAL && gr->wanted >= min && gr->wanted > left);
                        stopped = pot->last == LAST_STOP;
                    }
                    break;
                default:
                    PROP(false);
                }
            }
        } else {
            PROP_EQ(pot->policy, POLICY_PRO_RATA);
            int64_t wt[MAX_APPS];
            Money share[MAX_APPS], sum = 0, leftover;
            size_t m = g1 - g0;
            for (size_t j = 0; j < m; j++) {
                Money x = al->grants[g0 + j].wanted;
                wt[j] = x >= min ? x : 0;
                sum += wt[j];
            }
            if (sum <= amount)
                memcpy(share, wt, m * sizeof *share);
            else
                PROP(apportion(amount, 1, wt, m, APPORTION_LARGEST_REMAINDER, (Ratio){1, 1}, share, &leftover));
            for (size_t j = 0; j < m; j++) {
                const Grant *gr = &al->grants[g0 + j];
                bool paid = wt[j] > 0 && share[j] >= min;
                PROP_EQ(gr->amount, paid ? share[j] : 0);
                PROP_EQ(gr->status, !paid ? GRANT_BELOW_MINIMUM : share[j] == gr->wanted ? GRANT_FULL : GRANT_PARTIAL);
            }
        }
    }

    /* The amounts per focus area. */
    int field = program_find_field(p, "fokus");
    for (size_t f = 0; f < p->n_focus; f++) {
        Money m = 0;
        for (size_t g = 0; g < al->n_grants; g++) {
            const Grant *gr = &al->grants[g];
            if (gr->app >= 0 && ((w->apps[gr->app].values[field].u.set >> f) & 1u))
                m += gr->amount;
        }
        PROP_EQ(al->by_focus[f], m);
    }

    /* Portfolio counts are over funded grants in scope. */
    size_t at = 0;
    for (size_t i = 0; i < p->n_portfolios; i++) {
        const Portfolio *pf = &p->portfolios[i];
        for (size_t b = 0; b < pf->n_bounds; b++, at++) {
            Money in_scope = 0;
            for (size_t g = 0; g < al->n_grants; g++) {
                const Grant *gr = &al->grants[g];
                if (gr->app >= 0 && (pf->pot < 0 || program_pot_within(p, gr->pot, pf->pot)))
                    in_scope += gr->amount;
            }
            PROP_EQ(al->portfolio[at].total, in_scope);
            PROP_LE(al->portfolio[at].amount, in_scope);
        }
    }
    PROP_EQ(at, al->n_portfolio);
}

/* Two runs over the same input give the same bytes. */
static void check_same(const Allocation *x, const Allocation *y)
{
    PROP_EQ(x->n_pots, y->n_pots);
    PROP_EQ(x->n_grants, y->n_grants);
    PROP_EQ(x->n_portfolio, y->n_portfolio);
    for (size_t j = 0; j < x->n_pots; j++) {
        PotResult a = x->pots[j], b = y->pots[j];
        PROP(strcmp(a.name, b.name) == 0);
        a.name = b.name = NULL;   /* names live in different arenas */
        PROP(memcmp(&a, &b, sizeof a) == 0);
    }
    PROP(x->n_grants == 0 || memcmp(x->grants, y->grants, x->n_grants * sizeof *x->grants) == 0);
    PROP(x->n_portfolio == 0 || memcmp(x->portfolio, y->portfolio, x->n_portfolio * sizeof *x->portfolio) == 0);
    PROP_EQ(x->total, y->total);
    PROP_EQ(x->granted, y->granted);
    PROP_EQ(x->unallocated, y->unallocated);
}

/* The same allocation after the applications were shuffled: perm[j] is the
** original index of the application now at j. Grants are in rank order, so
** they must match one for one, naming the same applications. */
static void check_shuffled(const Allocation *x, const Allocation *y, const size_t *perm)
{
    PROP_EQ(x->n_pots, y->n_pots);
    PROP_EQ(x->n_grants, y->n_grants);
    for (size_t j = 0; j < x->n_pots; j++) {
        PotResult a = x->pots[j], b = y->pots[j];
        PROP(strcmp(a.name, b.name) == 0);
        a.name = b.name = NULL;
        PROP(memcmp(&a, &b, sizeof a) == 0);
    }
    for (size_t g = 0; g < x->n_grants; g++) {
        Grant a = x->grants[g], b = y->grants[g];
        if (b.app >= 0)
            b.app = (int32_t)perm[b.app];
        PROP_EQ(a.app, b.app);
        PROP(memcmp(&a, &b, sizeof a) == 0);
    }
    PROP(x->n_portfolio == y->n_portfolio &&
         (x->n_portfolio == 0 || memcmp(x->portfolio, y->portfolio, x->n_portfolio * sizeof *x->portfolio) == 0));
    PROP_EQ(x->granted, y->granted);
    PROP_EQ(x->unallocated, y->unallocated);
}

/* program_dump's text, malloc'd (the caller frees it). */
static char *dump_text(const Program *p)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    program_dump(p, f);
    fclose(f);
    return text;
}

/* Does the order of the applications matter in any pot of p? Only through
** 'inkommen', or through duplicate keys (keys are compared before the
** input order). */
static bool order_matters(const Program *p, const World *w)
{
    for (size_t k = 0; k < p->n_pots; k++)
        for (size_t t = 0; t < p->pots[k].n_tie_break; t++)
            if (p->pots[k].tie_break[t] == TIE_ORDER)
                return true;
    for (size_t i = 0; i < w->n; i++)
        for (size_t j = i + 1; j < w->n; j++)
            if (strcmp(w->cands[i].key, w->cands[j].key) == 0)
                return true;
    return false;
}

/* A whole number from the environment, or dflt when it is not set. */
static size_t env_count(const char *name, size_t dflt)
{
    const char *s = getenv(name);
    if (!s || !*s)
        return dflt;
    char *end;
    unsigned long long v = strtoull(s, &end, 10);
    if (*end != '\0' || s[0] == '-')
        ck_abort_msg("%s=%s: not a whole number", name, s);
    return (size_t)v;
}

/* Tallies over the whole run, to show the generator exercises something. */
typedef struct Tally {
    size_t cases, grants, funded, partial, below_min, no_route, payouts;
    size_t trees, scenarios_loaded, scenario_cases, scenario_funded, renumbered;
} Tally;

static void tally(Tally *t, const Allocation *al)
{
    t->grants += al->n_grants;
    for (size_t j = 0; j < al->n_grants; j++) {
        const Grant *gr = &al->grants[j];
        t->funded += gr->amount > 0 && gr->app >= 0;
        t->partial += gr->status == GRANT_PARTIAL;
        t->below_min += gr->status == GRANT_BELOW_MINIMUM;
        t->no_route += gr->status == GRANT_NO_ROUTE;
        t->payouts += gr->status == GRANT_PAYOUT;
    }
}

/* Allocates w's applications into w->al (in w->a) and checks everything,
** then again into a scratch arena: the two must be the same. */
static void allocate_twice(World *w)
{
    if (!allocation_run(&w->cx, w->apps, w->cands, w->n, &w->a, &w->al, w->msg, sizeof w->msg))
        PROP_FAIL("allocation_run failed: %s", w->msg);
    check_properties(w);
    Arena a2;
    arena_init(&a2);
    Allocation again;
    char msg[256];
    if (!allocation_run(&w->cx, w->apps, w->cands, w->n, &a2, &again, msg, sizeof msg))
        PROP_FAIL("allocation_run failed the second time: %s", msg);
    check_same(&w->al, &again);
    arena_free(&a2);
}

/* One pot tree and its application sets: cases first+1 … first+sets. */
static void property_tree(size_t tree, size_t first, size_t sets, Tally *t)
{
    Rng g = rng_for(PROPERTY_SEED, tree);
    Buf *b = calloc(1, sizeof *b), *sb = calloc(1, sizeof *sb);
    World *w = calloc(1, sizeof *w), *w2 = calloc(1, sizeof *w2), *ws = calloc(1, sizeof *ws);
    ck_assert(b && sb && w && w2 && ws);
    gen_program(&g, b);
    prop_rules = b->s;
    prop_scenario = "";
    snprintf(prop_where, sizeof prop_where, "pot tree %zu of seed %#" PRIx64 " (MEDEL_PROPERTY_TREE=%zu runs it alone)",
             tree, (uint64_t)PROPERTY_SEED, tree);
    if (getenv("MEDEL_PROPERTY_SHOW"))
        fputs(b->s, stderr);
    world_load(w, b->s);

    /* The same rule file twice: the same program. */
    world_load(w2, b->s);
    char *d1 = dump_text(w->prog), *d2 = dump_text(w2->prog);
    PROP(strcmp(d1, d2) == 0);
    free(d1);
    free(d2);
    world_free(w2);

    const char *names[MAX_ROWS] = {"K0", "K1", "K2", "K3", "K4", "K5", "K6", "K7"};
    int64_t weights[MAX_ROWS];
    size_t rows = 1 + (size_t)below(&g, 6);
    for (size_t r = 0; r < rows; r++)
        weights[r] = below(&g, 5) == 0 ? 0 : (int64_t)below(&g, 1000000);
    table_rows(w, names, weights, rows);

    /* The scenario, on the same rule file and table. It changes no pot's
    ** place in the tree, so routes carry over. */
    gen_scenario(&g, w->prog, sb);
    prop_scenario = sb->s;
    LoadOptions lo = {.scenario = "s", .scenario_text = sb->s, .scenario_text_name = "scenario.medel"};
    bool scen = world_try_load(ws, b->s, &lo);
    if (scen) {
        t->scenarios_loaded++;
        PROP_EQ(ws->prog->n_pots, w->prog->n_pots);
        for (size_t k = 0; k < w->prog->n_pots; k++)
            PROP(strcmp(ws->prog->pots[k].name, w->prog->pots[k].name) == 0);
        table_rows(ws, names, weights, rows);
        /* A scenario's new amounts may no longer hold a split's base amounts
        ** and minimums: the session rejects it (exit 65) before allocating. */
        Diags sd;
        diags_init(&sd, &ws->set);
        if (!allocation_check_splits(&ws->cx, &sd))
            scen = false;
        diags_free(&sd);
    }
    {
        /* The generator keeps the base amounts and minimums within the pot
        ** for up to 6 rows; a threshold may exclude every row (none above
        ** it), or every weight may be 0: the session would stop there with
        ** an error of the rules, but the split still conserves, which is
        ** checked. */
        Diags sd;
        diags_init(&sd, &w->set);
        (void)allocation_check_splits(&w->cx, &sd);
        for (size_t i = 0; i < sd.n; i++)
            PROP(sd.items[i].level != DIAG_ERROR || strstr(sd.items[i].msg, "spärren") != NULL ||
                 strstr(sd.items[i].msg, "är 0 på alla") != NULL);
        diags_free(&sd);
    }

    Money scale = 0;
    for (size_t k = 0; k < w->prog->n_pots; k++)
        if (w->prog->pots[k].amount > scale)
            scale = w->prog->pots[k].amount;
    for (size_t set = 0; set < sets; set++) {
        size_t id = first + set + 1;
        snprintf(prop_where, sizeof prop_where,
                 "case %zu: pot tree %zu, set %zu of seed %#" PRIx64 " (MEDEL_PROPERTY_TREE=%zu runs it alone)", id, tree,
                 set, (uint64_t)PROPERTY_SEED, tree);
        /* Requests from a tenth of the largest pot to twice it. */
        Money s = scale / 10 * (Money)(1 + below(&g, 20)) + 1;
        Arena keep = w->a;   /* the program's arena: scratch goes in its own */
        arena_init(&w->a);
        gen_apps(&g, w, s, below(&g, 2) == 0);
        allocate_twice(w);
        tally(t, &w->al);

        /* Shuffled. */
        Application *apps = arena_alloc(&w->a, (w->n + 1) * sizeof *apps);
        Candidate *cands = arena_alloc(&w->a, (w->n + 1) * sizeof *cands);
        size_t perm[MAX_APPS];
        for (size_t i = 0; i < w->n; i++)
            perm[i] = i;
        for (size_t i = w->n; i > 1; i--) {
            size_t j = (size_t)below(&g, i), x = perm[i - 1];
            perm[i - 1] = perm[j];
            perm[j] = x;
        }
        bool renumber = !order_matters(w->prog, w);
        for (size_t i = 0; i < w->n; i++) {
            apps[i] = w->apps[perm[i]];
            cands[i] = w->cands[perm[i]];
            if (renumber)
                cands[i].order = (uint32_t)i;
        }
        t->renumbered += renumber;
        Arena a3;
        arena_init(&a3);
        Allocation shuffled;
        char msg[256];
        if (!allocation_run(&w->cx, apps, cands, w->n, &a3, &shuffled, msg, sizeof msg))
            PROP_FAIL("allocation_run failed on the shuffled applications: %s", msg);
        check_shuffled(&w->al, &shuffled, perm);
        arena_free(&a3);

        /* The scenario, on the same applications. */
        if (scen) {
            snprintf(prop_where, sizeof prop_where,
                     "case %zu under the scenario: pot tree %zu, set %zu of seed %#" PRIx64
                     " (MEDEL_PROPERTY_TREE=%zu runs it alone)",
                     id, tree, set, (uint64_t)PROPERTY_SEED, tree);
            Arena keep_s = ws->a;
            arena_init(&ws->a);
            ws->n = w->n;
            for (size_t i = 0; i < w->n; i++) {
                ws->apps[i] = w->apps[i];
                ws->cands[i] = w->cands[i];
                ws->cands[i].eligible = arena_alloc(&ws->a, (ws->prog->n_pots + 1) * sizeof *ws->cands[i].eligible);
                ws->cands[i].score = arena_alloc(&ws->a, (ws->prog->n_pots + 1) * sizeof *ws->cands[i].score);
            }
            assess_all(ws);
            allocate_twice(ws);
            t->scenario_cases++;
            for (size_t j = 0; j < ws->al.n_grants; j++)
                t->scenario_funded += ws->al.grants[j].amount > 0 && ws->al.grants[j].app >= 0;
            arena_free(&ws->a);
            ws->a = keep_s;
        }
        t->cases++;
        arena_free(&w->a);
        w->a = keep;
    }
    t->trees++;
    world_free(ws);
    world_free(w);
    free(ws);
    free(w2);
    free(w);
    free(sb);
    free(b);
}

/* ---- what a pot leaves (kvar, andra omgång, year pots) ---- */

/* What result `name` moved in, out and returned; with expect_pot, the
** whole of its conservation. */
static void expect_moves(const World *w, const char *name, Money moved_in, Money moved_out, Money returned)
{
    const PotResult *r = result(w, name);
    ck_assert_int_eq(r->moved_in, moved_in);
    ck_assert_int_eq(r->moved_out, moved_out);
    ck_assert_int_eq(r->returned, returned);
}

/* a leaves 200 kr, which moves to b (declared before a: b waits for a and
** hands out 500 + 200 kr); b's leftover is returned. */
START_TEST(leftover_moves)
{
    World w;
    world_load(&w, "pott alla { belopp 1 500 kr\n"
                   "    pott b { belopp 500 kr  tilldelning rangordning sista hoppa_över  kvar återbetalas }\n"
                   "    pott a { belopp resten  tilldelning rangordning  kvar flyttas till b } }\n");
    size_t x = add_app(&w, "X", KR(800), NULL, T_PUBLIC, -1, 0);
    size_t y = add_app(&w, "Y", KR(650), NULL, T_PUBLIC, -1, 0);
    set_eligible(&w, x, "b", OUTCOME_FAIL);
    set_eligible(&w, y, "a", OUTCOME_FAIL);
    run(&w);
    expect_grant(&w, x, "a", GRANT_FULL, KR(800));
    expect_grant(&w, y, "b", GRANT_FULL, KR(650));   /* only with a's 200 kr */
    expect_pot(&w, "a", KR(1000), 0, KR(800), 0);
    expect_moves(&w, "a", 0, KR(200), 0);
    expect_pot(&w, "b", KR(500), 0, KR(650), 0);
    expect_moves(&w, "b", KR(200), 0, KR(50));
    ck_assert_int_eq(w.al.total, KR(1500));
    ck_assert_int_eq(w.al.granted, KR(1450));
    ck_assert_int_eq(w.al.returned, KR(50));
    ck_assert_int_eq(w.al.unallocated, 0);
    ck_assert(w.al.has_leftover);
    /* b is handed out after a, although declared first: its grants come later. */
    ck_assert_int_eq(w.al.grants[0].pot, pot_of(&w, "a"));
    world_free(&w);
}
END_TEST

/* A chain a -> b -> c: each receives what the one before left. */
START_TEST(leftover_chain)
{
    World w;
    world_load(&w, "pott c { belopp 100 kr  tilldelning rangordning }\n"
                   "pott b { belopp 100 kr  tilldelning rangordning  kvar flyttas till c }\n"
                   "pott a { belopp 100 kr  tilldelning rangordning  kvar flyttas till b }\n");
    size_t x = add_app(&w, "X", KR(250), NULL, T_PUBLIC, -1, 0);
    set_eligible(&w, x, "a", OUTCOME_FAIL);
    set_eligible(&w, x, "b", OUTCOME_FAIL);
    run(&w);
    expect_moves(&w, "a", 0, KR(100), 0);
    expect_moves(&w, "b", KR(100), KR(200), 0);
    expect_moves(&w, "c", KR(200), 0, 0);
    expect_grant(&w, x, "c", GRANT_FULL, KR(250));
    expect_pot(&w, "c", KR(100), 0, KR(250), KR(50));
    ck_assert_int_eq(w.al.unallocated, KR(50));
    ck_assert_int_eq(w.al.granted + w.al.returned + w.al.unallocated, w.al.total);
    world_free(&w);
}
END_TEST

/* A split pot's 'kvar' acts on each sub-pot: every municipality's unused
** share (and the split's rounding) goes to the named pot. */
START_TEST(leftover_split_each_sub_pot)
{
    World w;
    world_load(&w, "pott alla { belopp 2 000 kr\n"
                   "  pott kommunerna { belopp 1 000 kr  fördela per kommun efter kommuner.antal\n"
                   "    tilldelning rangordning  kvar flyttas till länet }\n"
                   "  pott länet { belopp resten  tilldelning rangordning } }\n");
    size_t x = add_app(&w, "X", KR(400), NULL, T_PUBLIC, 0, 0);   /* Botkyrka 500 kr: 100 kr left */
    size_t y = add_app(&w, "Y", KR(1300), NULL, T_PUBLIC, -1, 0);
    set_eligible(&w, y, "kommunerna", OUTCOME_FAIL);
    run(&w);
    expect_moves(&w, "kommunerna/Botkyrka", 0, KR(100), 0);
    expect_moves(&w, "kommunerna/Huddinge", 0, KR(300), 0);
    expect_moves(&w, "kommunerna/Nacka", 0, KR(200), 0);
    expect_moves(&w, "länet", KR(600), 0, 0);
    expect_grant(&w, x, "kommunerna", GRANT_FULL, KR(400));
    expect_grant(&w, y, "länet", GRANT_FULL, KR(1300));
    expect_pot(&w, "länet", KR(1000), 0, KR(1300), KR(300));
    world_free(&w);
}
END_TEST

/* A second round: the applications not funded in the first, judged by the
** round's own criteria (not the pot's), with what the first round left. */
START_TEST(second_round)
{
    World w;
    world_load(&w, "pott p { belopp 1 000 kr  tilldelning rangordning sista hoppa_över\n"
                   "  villkor offentliga { krav typ är offentlig  skäl \"Första omgången.\" }\n"
                   "  andra omgång \"Andra omgången\" {\n"
                   "    sista_ansökningsdag \"30 november 2021\"\n"
                   "    villkor privata { krav typ är privat  skäl \"Andra omgången.\" }\n"
                   "    kvar återbetalas\n"
                   "  } }\n");
    size_t x = add_app(&w, "X", KR(600), NULL, T_PUBLIC, -1, 0);
    size_t y = add_app(&w, "Y", KR(300), NULL, T_PRIVATE, -1, 0);
    size_t z = add_app(&w, "Z", KR(500), NULL, T_PUBLIC, -1, 0);
    assess_all(&w);
    int r = w.prog->pots[pot_of(&w, "p")].round;
    ck_assert_int_ge(r, 0);
    ck_assert_str_eq(w.prog->pots[r].name, "p/andra_omgången");
    ck_assert_str_eq(w.prog->pots[r].deadline, "30 november 2021");
    ck_assert_int_eq(w.cands[y].eligible[pot_of(&w, "p")], OUTCOME_FAIL);
    ck_assert_int_eq(w.cands[y].eligible[r], OUTCOME_PASS);
    ck_assert_int_eq(w.cands[z].eligible[r], OUTCOME_FAIL);
    run(&w);
    expect_grant(&w, x, "p", GRANT_FULL, KR(600));
    expect_grant(&w, z, "p", GRANT_NOT_REACHED, 0);
    const PotResult *pr = result(&w, "p"), *rr = result(&w, "p/andra_omgången");
    ck_assert_int_eq(pr->moved_out, KR(400));
    ck_assert_int_eq(rr->moved_in, KR(400));
    ck_assert_int_eq(rr->granted, KR(300));
    ck_assert_int_eq(rr->returned, KR(100));
    ck_assert_int_eq(w.al.granted, KR(900));
    ck_assert_int_eq(w.al.returned, KR(100));
    ck_assert_int_eq(w.al.unallocated, 0);
    world_free(&w);
}
END_TEST

/* Year pots: 2021's unused money carries over to 2022. */
START_TEST(year_pots_carry_over)
{
    World w;
    world_load(&w, "pott medel { belopp 1 000 kr  år 2021..2022\n"
                   "  pott år_2021 { år 2021  belopp 50 %  tilldelning rangordning  kvar flyttas till år_2022 }\n"
                   "  pott år_2022 { år 2022  belopp resten  tilldelning rangordning  kvar återbetalas } }\n");
    size_t x = add_app(&w, "X", KR(200), NULL, T_PUBLIC, -1, 0);
    size_t y = add_app(&w, "Y", KR(700), NULL, T_PUBLIC, -1, 0);
    set_eligible(&w, y, "år_2021", OUTCOME_FAIL);
    run(&w);
    expect_grant(&w, x, "år_2021", GRANT_FULL, KR(200));
    expect_moves(&w, "år_2021", 0, KR(300), 0);
    expect_grant(&w, y, "år_2022", GRANT_FULL, KR(700));
    expect_moves(&w, "år_2022", KR(300), 0, KR(100));
    ck_assert_int_eq(w.al.granted + w.al.returned + w.al.unallocated, KR(1000));
    world_free(&w);
}
END_TEST

/* Without any 'kvar', nothing moves and has_leftover stays off (the reports
** keep their old columns). */
START_TEST(leftover_default_stays)
{
    World w;
    world_load(&w, "pott p { belopp 100 kr  tilldelning rangordning  kvar stannar }\n");
    add_app(&w, "X", KR(30), NULL, T_PUBLIC, -1, 0);
    run(&w);
    expect_pot(&w, "p", KR(100), 0, KR(30), KR(70));
    expect_moves(&w, "p", 0, 0, 0);
    ck_assert(!w.al.has_leftover);
    world_free(&w);
}
END_TEST

/* The checker's errors for moves: unknown, itself, an ancestor, a
** descendant, a pot with sub-pots or a split, a cycle. */
START_TEST(leftover_errors)
{
    static const char *const bad[] = {
        "pott a { belopp 1 kr  tilldelning rangordning  kvar flyttas till okänd }\n",
        "pott a { belopp 1 kr  tilldelning rangordning  kvar flyttas till a }\n",
        "pott a { belopp 2 kr  pott b { belopp 1 kr  kvar flyttas till a }  pott c { belopp resten } }\n",
        "pott a { belopp 2 kr  kvar flyttas till b  pott b { belopp 1 kr }  pott c { belopp resten } }\n",
        "pott a { belopp 1 kr  kvar flyttas till b }\n"
        "pott b { belopp 2 kr  pott c { belopp 1 kr }  pott d { belopp resten } }\n",
        "pott a { belopp 1 kr  kvar flyttas till b }\n"
        "pott b { belopp 2 kr  fördela per kommun efter kommuner.antal  tilldelning rangordning }\n",
        "pott a { belopp 1 kr  kvar flyttas till b }\npott b { belopp 1 kr  kvar flyttas till a }\n",
        "pott a { belopp 1 kr  kvar hoppar }\n",
        "pott a { belopp 1 kr  sista_ansökningsdag \"1 maj\" }\n",
        "pott a { belopp 1 kr  andra omgång { belopp 1 kr } }\n",
        "pott a { belopp 2 kr  andra omgång { }  pott b { belopp 1 kr }  pott c { belopp resten } }\n",
        "pott a { belopp 2 kr  år 2021  pott b { belopp 1 kr  år 2022 }  pott c { belopp resten } }\n",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        World w;
        ck_assert_msg(!world_try_load(&w, bad[i], NULL), "case %zu loads", i);
        ck_assert_msg(w.d.n_errors >= 1, "case %zu has no error", i);
        world_free(&w);
    }
    /* Sibling pots may cover the same year: the region's own money and the
    ** cooperation money are both for 2021–2022. */
    {
        World w;
        ck_assert(world_try_load(&w, "pott a { belopp 2 kr  år 2021..2022  pott b { belopp 1 kr  år 2021..2022 }\n"
                                     "  pott c { belopp resten  år 2021..2022 } }\n", NULL));
        world_free(&w);
    }
}
END_TEST

START_TEST(property)
{
    size_t want = env_count("MEDEL_PROPERTY_CASES", PROPERTY_CASES);
    size_t only = env_count("MEDEL_PROPERTY_TREE", SIZE_MAX);
    Tally t = {0};
    for (size_t tree = 0, first = 0; first < want; tree++, first += N_SETS) {
        size_t sets = want - first < N_SETS ? want - first : N_SETS;
        if (only == SIZE_MAX || only == tree)
            property_tree(tree, first, sets, &t);
    }
    if (getenv("MEDEL_PROPERTY_VERBOSE"))
        fprintf(stderr,
                "property: %zu cases over %zu pot trees; %zu grants, %zu funded, %zu partial, %zu below the minimum, "
                "%zu unroutable, %zu payouts; %zu of %zu scenarios loaded, %zu cases under them (%zu funded); "
                "%zu shuffles renumbered the input order\n",
                t.cases, t.trees, t.grants, t.funded, t.partial, t.below_min, t.no_route, t.payouts, t.scenarios_loaded,
                t.trees, t.scenario_cases, t.scenario_funded, t.renumbered);
    if (only != SIZE_MAX) {
        ck_assert_msg(t.trees == 1, "MEDEL_PROPERTY_TREE=%zu: there are only %zu pot trees in %zu cases", only,
                      (want + N_SETS - 1) / N_SETS, want);
        return;
    }
    ck_assert_uint_eq(t.cases, want);
    if (want < 1000)
        return;   /* too few for the tallies to mean much */
    /* The generator must exercise something: most cases fund someone, the
    ** policies' edge cases happen, most scenarios load and change things,
    ** and the shuffle often renumbers the input order. */
    ck_assert_uint_gt(t.funded, t.cases);
    ck_assert_uint_gt(t.grants, 2 * t.funded / 3);
    ck_assert_uint_gt(t.partial, t.cases / 20);
    ck_assert_uint_gt(t.below_min, t.cases / 20);
    ck_assert_uint_gt(t.no_route, t.cases / 20);
    ck_assert_uint_gt(t.payouts, t.cases / 20);
    ck_assert_uint_gt(4 * t.scenarios_loaded, 3 * t.trees);
    ck_assert_uint_gt(t.scenario_funded, t.scenario_cases);
    ck_assert_uint_gt(4 * t.renumbered, t.cases);
}
END_TEST

Suite *make_allocate_suite(void)
{
    Suite *s = suite_create("allocate");

    TCase *tc = tcase_create("rank");
    tcase_add_unchecked_fixture(tc, data_dir_make, data_dir_remove);
    tcase_add_loop_test(tc, rank_last_rule, 0, N_ROWS(last_rows));
    tcase_add_test(tc, rank_partial_below_minimum);
    tcase_add_test(tc, rank_minimum_grant);
    tcase_add_loop_test(tc, rank_tie_break, 0, N_ROWS(tie_rows));
    tcase_add_test(tc, rank_score_first);
    tcase_add_test(tc, rank_cap_per_application);
    tcase_add_test(tc, rank_cap_per_applicant);
    tcase_add_test(tc, rank_cap_per_applicant_split);
    tcase_add_test(tc, rank_missing_request);
    tcase_add_test(tc, rank_only_pass);
    suite_add_tcase(s, tc);

    tc = tcase_create("pro_rata");
    tcase_add_unchecked_fixture(tc, data_dir_make, data_dir_remove);
    tcase_add_test(tc, pro_rata_fits);
    tcase_add_loop_test(tc, pro_rata_shares, 0, N_ROWS(pro_rata_rows));
    tcase_add_test(tc, pro_rata_request_below_minimum);
    tcase_add_test(tc, pro_rata_overflow);
    tcase_add_test(tc, split_weights_overflow);
    tcase_add_test(tc, overflow_never_internal);
    suite_add_tcase(s, tc);

    tc = tcase_create("entitlement");
    tcase_add_unchecked_fixture(tc, data_dir_make, data_dir_remove);
    tcase_add_test(tc, entitlement_split);
    tcase_add_loop_test(tc, entitlement_split_methods, 0, N_ROWS(method_rows));
    tcase_add_test(tc, entitlement_unsplit);
    suite_add_tcase(s, tc);

    tc = tcase_create("tree");
    tcase_add_unchecked_fixture(tc, data_dir_make, data_dir_remove);
    tcase_add_test(tc, cascade);
    tcase_add_test(tc, split_routing);
    tcase_add_test(tc, split_no_route_cascades);
    tcase_add_test(tc, portfolio);
    tcase_add_test(tc, portfolio_exact_percentage);
    tcase_add_test(tc, portfolio_binding);
    tcase_add_test(tc, by_focus);
    tcase_add_test(tc, conservation_violation);
    tcase_add_test(tc, empty);
    tcase_add_test(tc, leftover_moves);
    tcase_add_test(tc, leftover_chain);
    tcase_add_test(tc, leftover_split_each_sub_pot);
    tcase_add_test(tc, second_round);
    tcase_add_test(tc, year_pots_carry_over);
    tcase_add_test(tc, leftover_default_stays);
    tcase_add_test(tc, leftover_errors);
    suite_add_tcase(s, tc);

    tc = tcase_create("property");
    tcase_add_unchecked_fixture(tc, data_dir_make, data_dir_remove);
    /* About 7 s in a normal build and 35 s under the sanitizers; room for a
    ** busy machine. */
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, property);
    suite_add_tcase(s, tc);
    return s;
}
