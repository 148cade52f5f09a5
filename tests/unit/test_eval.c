/*
** test_eval.c: unit tests for runtime/eval.c. Expressions come from small rule
** files checked by the real front end (so they carry the checker's types and
** references); applications are built by hand, value by value. The data
** tables are read from CSV files in a temporary folder made by an unchecked
** fixture.
**
** expr_rows evaluate one expression each: the row's expression E is written as
** the criterion 'krav (E) = (E)', which type-checks for every type, and the
** left side is evaluated. pot_rows run eval_application, eval_pot and
** eval_pot_score over a tree of pots with criteria and priorities at every
** level.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "eval.h"
#include "input.h"
#include "program.h"
#include "source.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))
#define KR(x) ((int64_t)(x) * 100)

/* ---- the fixture folder ---- */

static char dir[64];

static void write_file(const char *name, const char *text)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    fputs(text, f);
    fclose(f);
}

static void dir_make(void)
{
    strcpy(dir, "/tmp/medel-eval-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    write_file("k.csv", "namn,antal\nEkeby,10\nGranvik,20\nLindö,30\n");
    write_file("r.csv", "namn\nUppsala\nStockholm\n");
}

static void dir_remove(void)
{
    if (!dir[0])
        return;
    char path[256];
    snprintf(path, sizeof path, "%s/k.csv", dir);
    unlink(path);
    snprintf(path, sizeof path, "%s/r.csv", dir);
    unlink(path);
    rmdir(dir);
    dir[0] = '\0';
}

/* ---- a loaded program ---- */

enum {
    F_ID, F_BELOPP, F_N, F_M, F_TYP, F_TITEL, F_MEDFIN, F_A, F_B, F_FOKUS, F_HUVUDFOKUS, F_INSATSER, F_ALDER, F_RAM,
    F_KOMMUN, F_REGION, N_FIELDS
};
enum { KOMMUN, REGION, PRIVAT };                      /* typ */
enum { SAMVERKAN, DIGITAL, VARD };                    /* focus areas */
enum { KURATOR = 1, BARNMORSKA = 2, LAKARE = 4 };     /* insatser bits */

#define PRELUDE                                                                  \
    "överenskommelse \"Test\" { år 2021 }\n"                                     \
    "fokusområden { samverkan \"Samverkan\"  digital \"Digitalt\"  vård \"Vård\" }\n" \
    "tabell kommuner från \"k.csv\" { nyckel namn: text \"namn\"  antal: heltal \"antal\" }\n" \
    "tabell regioner från \"r.csv\" { nyckel namn: text \"namn\" }\n"            \
    "ansökan {\n"                                                                \
    "    nyckel id: text\n"                                                      \
    "    sökt belopp: belopp\n"                                                  \
    "    n: heltal\n"                                                            \
    "    m: heltal\n"                                                            \
    "    typ: en av kommun | region | privat\n"                                  \
    "    titel: text\n"                                                          \
    "    medfin: ja/nej\n"                                                       \
    "    a: ja/nej\n"                                                            \
    "    b: ja/nej\n"                                                            \
    "    fokus: fokusområden\n"                                                  \
    "    huvudfokus: fokusområde\n"                                              \
    "    insatser: mängd av kurator | barnmorska | läkare\n"                     \
    "    ålder: intervall\n"                                                     \
    "    ram: intervall av belopp\n"                                             \
    "    kommun: nyckel i kommuner\n"                                            \
    "    region: nyckel i regioner\n"                                            \
    "}\n"

typedef struct World {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    TableData *tables;
    EvalContext cx;
} World;

static void ignore(void *ctx, const char *msg)
{
    (void)ctx;
    fprintf(stderr, "%s\n", msg);
}

static void world_load(World *w, const char *body)
{
    memset(w, 0, sizeof *w);
    arena_init(&w->a);
    source_set_init(&w->set);
    diags_init(&w->d, &w->set);
    char *text = arena_printf(&w->a, "%s%s", PRELUDE, body);
    char *path = arena_printf(&w->a, "%s/test.medel", dir);
    w->prog = program_load_text(&w->a, &w->set, &w->d, path, text, strlen(text), NULL);
    if (w->d.n_errors)
        diags_render(&w->d, stderr);
    ck_assert_ptr_nonnull(w->prog);
    ck_assert_uint_eq(w->d.n_errors, 0);
    ck_assert_int_eq(w->prog->n_fields, N_FIELDS);
    w->tables = tables_load(w->prog, &w->a, ignore, NULL);
    ck_assert_ptr_nonnull(w->tables);
    ck_assert_uint_eq(w->tables[0].n_rows, 3);
    ck_assert_uint_eq(w->tables[1].n_rows, 2);
    w->cx = (EvalContext){w->prog, w->tables, NULL};
}

static void world_free(World *w)
{
    diags_free(&w->d);
    source_set_free(&w->set);
    arena_free(&w->a);
}

/* ---- hand-built values ---- */

typedef struct Assign {
    int field;           /* 0 ends the list (the key field is always set) */
    Value v;
} Assign;

#define VI(x) {.kind = VAL_INT, .u.i = (x)}
#define VM(x) {.kind = VAL_MONEY, .u.money = (x)}
#define VB(x) {.kind = VAL_BOOL, .u.b = (x)}
#define VE(x) {.kind = VAL_ENUM, .u.e = (x)}
#define VF(x) {.kind = VAL_FOCUS, .u.e = (x)}
#define VS(x) {.kind = VAL_SET, .u.set = (x)}
#define VR(lo, hi) {.kind = VAL_RANGE, .u.range = {(lo), (hi)}}
#define VK(x) {.kind = VAL_KEY, .u.key = (x)}
#define VT(s) {.kind = VAL_TEXT, .u.text = {(s), sizeof(s) - 1}}
#define VX {.kind = VAL_MISSING}
#define JA VB(true)
#define NEJ VB(false)

#define MAX_ASSIGN 4

/* An application with the given values; every other field is missing. */
static Application make_app(World *w, const Assign *as, size_t n)
{
    Value *v = arena_alloc(&w->a, N_FIELDS * sizeof *v);
    for (size_t i = 0; i < N_FIELDS; i++)
        v[i] = (Value){.kind = VAL_MISSING};
    v[F_ID] = (Value){.kind = VAL_TEXT, .u.text = {"X-1", 3}};
    for (size_t i = 0; i < n && as[i].field; i++)
        v[as[i].field] = as[i].v;
    return (Application){.record = 1, .line = 2, .key = "X-1", .values = v};
}

static const char *kind_name(ValueKind k)
{
    static const char *const names[] = {"missing", "text", "int", "money", "bool", "enum", "focus", "set", "range", "key"};
    return (unsigned)k < sizeof names / sizeof *names ? names[k] : "?";
}

static void show_value(const Value *v, char *buf, size_t n)
{
    switch (v->kind) {
    case VAL_MISSING: snprintf(buf, n, "missing"); break;
    case VAL_TEXT: snprintf(buf, n, "text '%.*s'", (int)v->u.text.len, v->u.text.s); break;
    case VAL_INT: snprintf(buf, n, "int %" PRId64, v->u.i); break;
    case VAL_MONEY: snprintf(buf, n, "money %" PRId64 " öre", v->u.money); break;
    case VAL_BOOL: snprintf(buf, n, "%s", v->u.b ? "ja" : "nej"); break;
    case VAL_ENUM: case VAL_FOCUS: case VAL_KEY:
        snprintf(buf, n, "%s %d", kind_name(v->kind), (int)(v->kind == VAL_KEY ? v->u.key : v->u.e));
        break;
    case VAL_SET: snprintf(buf, n, "set %#" PRIx64, v->u.set); break;
    case VAL_RANGE: snprintf(buf, n, "range %" PRId64 "..%" PRId64, v->u.range.lo, v->u.range.hi); break;
    case VAL_PERCENT: snprintf(buf, n, "percent %" PRId64 "/%" PRId64, v->u.ratio.num, v->u.ratio.den); break;
    }
}

/* ====================================================================
** eval_expr
** ==================================================================== */

typedef struct ExprRow {
    const char *name;
    const char *expr;
    Assign app[MAX_ASSIGN];
    Value want;
    bool overflow;
} ExprRow;

#define BIG INT64_MAX
#define SMALL INT64_MIN

static const ExprRow expr_rows[] = {
    /* comparisons of integers and amounts */
    {"int <", "n < m", {{F_N, VI(3)}, {F_M, VI(5)}}, JA, false},
    {"int < when equal", "n < m", {{F_N, VI(5)}, {F_M, VI(5)}}, NEJ, false},
    {"int <=", "n <= m", {{F_N, VI(5)}, {F_M, VI(5)}}, JA, false},
    {"int >", "n > m", {{F_N, VI(6)}, {F_M, VI(5)}}, JA, false},
    {"int >=", "n >= 10", {{F_N, VI(9)}}, NEJ, false},
    {"int ≥", "n ≥ 9", {{F_N, VI(9)}}, JA, false},
    {"int =", "n = 5", {{F_N, VI(5)}}, JA, false},
    {"int !=", "n != 5", {{F_N, VI(5)}}, NEJ, false},
    {"int negative", "n < 0", {{F_N, VI(-1)}}, JA, false},
    {"int extremes", "n < m", {{F_N, VI(SMALL)}, {F_M, VI(BIG)}}, JA, false},
    {"int missing left", "n < m", {{F_M, VI(5)}}, VX, false},
    {"int missing right", "n < m", {{F_N, VI(5)}}, VX, false},
    {"amount >", "belopp > 1 MSEK", {{F_BELOPP, VM(KR(1500000))}}, JA, false},
    {"amount = grouped", "belopp = 1 500 000 kr", {{F_BELOPP, VM(KR(1500000))}}, JA, false},
    {"amount < by one öre", "belopp < 1 500 000,01 kr", {{F_BELOPP, VM(KR(1500000))}}, JA, false},
    {"amount <= ", "belopp <= 1,5 MSEK", {{F_BELOPP, VM(KR(1500000) + 1)}}, NEJ, false},
    {"amount missing", "belopp > 1 MSEK", {{0}}, VX, false},
    {"percentages", "40 % < 50 %", {{0}}, JA, false},
    /* är, är inte: one-of values, focus areas, texts, table keys */
    {"är one-of", "typ är kommun", {{F_TYP, VE(KOMMUN)}}, JA, false},
    {"är one-of, another", "typ är kommun", {{F_TYP, VE(REGION)}}, NEJ, false},
    {"är inte one-of", "typ är inte kommun", {{F_TYP, VE(PRIVAT)}}, JA, false},
    {"= one-of", "typ = privat", {{F_TYP, VE(PRIVAT)}}, JA, false},
    {"value first", "privat är typ", {{F_TYP, VE(PRIVAT)}}, JA, false},
    {"är one-of missing", "typ är region", {{0}}, VX, false},
    {"är inte one-of missing", "typ är inte region", {{0}}, VX, false},
    {"är focus area", "huvudfokus är digital", {{F_HUVUDFOKUS, VF(DIGITAL)}}, JA, false},
    {"är text", "titel är \"Nora\"", {{F_TITEL, VT("Nora")}}, JA, false},
    {"är text, case counts", "titel är \"nora\"", {{F_TITEL, VT("Nora")}}, NEJ, false},
    {"är text, prefix", "titel är \"Nor\"", {{F_TITEL, VT("Nora")}}, NEJ, false},
    {"är inte text", "titel är inte \"Nora\"", {{F_TITEL, VT("Ora")}}, JA, false},
    {"är text NFC", "titel är \"Lindo\xCC\x88\"", {{F_TITEL, VT("Lindö")}}, JA, false},   /* a decomposed ö */
    {"key är text", "kommun är \"Granvik\"", {{F_KOMMUN, VK(1)}}, JA, false},
    {"key är text, another row", "kommun är \"Ekeby\"", {{F_KOMMUN, VK(1)}}, NEJ, false},
    {"key är text with ö", "kommun är \"Lindö\"", {{F_KOMMUN, VK(2)}}, JA, false},
    {"key är inte text", "kommun är inte \"Ekeby\"", {{F_KOMMUN, VK(1)}}, JA, false},
    {"key of the second table är text", "region är \"Stockholm\"", {{F_REGION, VK(1)}}, JA, false},
    {"text är key of the second table", "\"Stockholm\" är region", {{F_REGION, VK(1)}}, JA, false},
    {"text är key, another row", "\"Uppsala\" är region", {{F_REGION, VK(1)}}, NEJ, false},
    {"key missing", "kommun är \"Ekeby\"", {{0}}, VX, false},
    {"set = set", "fokus = {samverkan, digital}", {{F_FOKUS, VS(3)}}, JA, false},
    {"set = set, another", "fokus = {samverkan}", {{F_FOKUS, VS(3)}}, NEJ, false},
    {"range = range", "ålder = 12..22", {{F_ALDER, VR(12, 22)}}, JA, false},
    {"yes/no = yes/no", "a = b", {{F_A, NEJ}, {F_B, NEJ}}, JA, false},
    /* i, inte i */
    {"i set", "typ i {region, privat}", {{F_TYP, VE(PRIVAT)}}, JA, false},
    {"i set, not in it", "typ i {region, privat}", {{F_TYP, VE(KOMMUN)}}, NEJ, false},
    {"inte i set", "typ inte i {region, privat}", {{F_TYP, VE(KOMMUN)}}, JA, false},
    {"inte i set, in it", "typ inte i {region, privat}", {{F_TYP, VE(REGION)}}, NEJ, false},
    {"i set, value missing", "typ i {region, privat}", {{0}}, VX, false},
    {"value i set field", "kurator i insatser", {{F_INSATSER, VS(KURATOR | LAKARE)}}, JA, false},
    {"value i empty set field", "kurator i insatser", {{F_INSATSER, VS(0)}}, NEJ, false},
    {"focus i focus set", "huvudfokus i fokus", {{F_HUVUDFOKUS, VF(DIGITAL)}, {F_FOKUS, VS(3)}}, JA, false},
    {"focus i focus set, not in it", "huvudfokus i fokus", {{F_HUVUDFOKUS, VF(VARD)}, {F_FOKUS, VS(3)}}, NEJ, false},
    {"focus i set literal", "huvudfokus i {vård}", {{F_HUVUDFOKUS, VF(VARD)}}, JA, false},
    {"i range, low end", "n i 12..22", {{F_N, VI(12)}}, JA, false},
    {"i range, high end", "n i 12..22", {{F_N, VI(22)}}, JA, false},
    {"i range, above", "n i 12..22", {{F_N, VI(23)}}, NEJ, false},
    {"i range, below", "n i 12..22", {{F_N, VI(11)}}, NEJ, false},
    {"inte i range", "n inte i 12..22", {{F_N, VI(11)}}, JA, false},
    {"i range field", "n i ålder", {{F_N, VI(15)}, {F_ALDER, VR(12, 22)}}, JA, false},
    {"i range field missing", "n i ålder", {{F_N, VI(15)}}, VX, false},
    {"amount i range", "belopp i 50 000 kr..2 MSEK", {{F_BELOPP, VM(KR(2000000))}}, JA, false},
    {"amount i range field, above", "belopp i ram", {{F_BELOPP, VM(KR(3000000))}, {F_RAM, VR(KR(50000), KR(2000000))}},
     NEJ, false},
    {"i range with computed ends", "n i m..m + 2", {{F_N, VI(7)}, {F_M, VI(5)}}, JA, false},
    /* inom */
    {"value inom range", "n inom 12..22", {{F_N, VI(15)}}, JA, false},
    {"value inom range, outside", "n inom 12..22", {{F_N, VI(30)}}, NEJ, false},
    {"range inom range", "ålder inom 12..22", {{F_ALDER, VR(15, 18)}}, JA, false},
    {"range inom range, same ends", "ålder inom 12..22", {{F_ALDER, VR(12, 22)}}, JA, false},
    {"range inom range, starts below", "ålder inom 12..22", {{F_ALDER, VR(10, 18)}}, NEJ, false},
    {"range inom range, ends above", "ålder inom 12..22", {{F_ALDER, VR(20, 23)}}, NEJ, false},
    {"range inom range, around it", "ålder inom 12..22", {{F_ALDER, VR(0, 99)}}, NEJ, false},
    {"range inom range, missing", "ålder inom 12..22", {{0}}, VX, false},
    {"amount inom amount range", "belopp inom ram", {{F_BELOPP, VM(KR(50000))}, {F_RAM, VR(KR(50000), KR(2000000))}},
     JA, false},
    /* överlappar */
    {"ranges overlap", "ålder överlappar 20..25", {{F_ALDER, VR(12, 22)}}, JA, false},
    {"ranges apart", "ålder överlappar 20..25", {{F_ALDER, VR(12, 19)}}, NEJ, false},
    {"ranges touch at the start", "ålder överlappar 20..25", {{F_ALDER, VR(12, 20)}}, JA, false},
    {"ranges touch at the end", "ålder överlappar 20..25", {{F_ALDER, VR(25, 30)}}, JA, false},
    {"ranges apart after", "ålder överlappar 20..25", {{F_ALDER, VR(26, 30)}}, NEJ, false},
    {"range inside range overlaps", "ålder överlappar 0..99", {{F_ALDER, VR(12, 22)}}, JA, false},
    {"ranges overlap, missing", "ålder överlappar 20..25", {{0}}, VX, false},
    {"sets overlap", "fokus överlappar {digital, vård}", {{F_FOKUS, VS(1u << SAMVERKAN | 1u << DIGITAL)}}, JA, false},
    {"sets apart", "fokus överlappar {digital, vård}", {{F_FOKUS, VS(1u << SAMVERKAN)}}, NEJ, false},
    {"empty set overlaps nothing", "fokus överlappar {digital, vård}", {{F_FOKUS, VS(0)}}, NEJ, false},
    {"sets overlap, missing", "fokus överlappar {digital, vård}", {{0}}, VX, false},
    {"one-of sets overlap", "insatser överlappar {barnmorska, läkare}", {{F_INSATSER, VS(KURATOR | LAKARE)}}, JA,
     false},
    /* innehåller */
    {"set contains", "insatser innehåller kurator", {{F_INSATSER, VS(KURATOR)}}, JA, false},
    {"set lacks", "insatser innehåller kurator", {{F_INSATSER, VS(LAKARE)}}, NEJ, false},
    {"empty set contains nothing", "insatser innehåller kurator", {{F_INSATSER, VS(0)}}, NEJ, false},
    {"set contains, missing", "insatser innehåller kurator", {{0}}, VX, false},
    {"set contains a field's value", "fokus innehåller huvudfokus", {{F_FOKUS, VS(4)}, {F_HUVUDFOKUS, VF(VARD)}}, JA,
     false},
    {"set contains a missing value", "fokus innehåller huvudfokus", {{F_FOKUS, VS(7)}}, VX, false},
    {"range contains", "ålder innehåller 22", {{F_ALDER, VR(12, 22)}}, JA, false},
    {"range lacks", "ålder innehåller 23", {{F_ALDER, VR(12, 22)}}, NEJ, false},
    /* snitt, antal */
    {"snitt", "fokus snitt {digital, vård}", {{F_FOKUS, VS(1u << SAMVERKAN | 1u << DIGITAL)}}, VS(1u << DIGITAL), false},
    {"snitt empty", "fokus snitt {vård}", {{F_FOKUS, VS(1u << SAMVERKAN)}}, VS(0), false},
    {"snitt of two fields", "insatser snitt insatser", {{F_INSATSER, VS(KURATOR | LAKARE)}}, VS(KURATOR | LAKARE),
     false},
    {"snitt missing", "fokus snitt {vård}", {{0}}, VX, false},
    {"antal", "antal(fokus)", {{F_FOKUS, VS(7)}}, VI(3), false},
    {"antal of the empty set", "antal(fokus)", {{F_FOKUS, VS(0)}}, VI(0), false},
    {"antal missing", "antal(fokus)", {{0}}, VX, false},
    {"antal of snitt", "antal(fokus snitt {digital, vård})", {{F_FOKUS, VS(7)}}, VI(2), false},
    {"antal compared", "antal(insatser) >= 2", {{F_INSATSER, VS(KURATOR | BARNMORSKA)}}, JA, false},
    {"antal of a literal", "antal({digital, vård})", {{0}}, VI(2), false},
    /* arithmetic */
    {"int +", "n + m", {{F_N, VI(2)}, {F_M, VI(3)}}, VI(5), false},
    {"int -", "n - m", {{F_N, VI(2)}, {F_M, VI(3)}}, VI(-1), false},
    {"int *", "n * m", {{F_N, VI(-2)}, {F_M, VI(3)}}, VI(-6), false},
    {"int precedence", "n + m * 2", {{F_N, VI(1)}, {F_M, VI(3)}}, VI(7), false},
    {"unary minus", "-n", {{F_N, VI(5)}}, VI(-5), false},
    {"int + missing", "n + m", {{F_N, VI(2)}}, VX, false},
    {"int + overflows", "n + m", {{F_N, VI(BIG)}, {F_M, VI(1)}}, VX, true},
    {"int + at the limit", "n + m", {{F_N, VI(BIG - 1)}, {F_M, VI(1)}}, VI(BIG), false},
    {"int - overflows", "n - m", {{F_N, VI(SMALL)}, {F_M, VI(1)}}, VX, true},
    {"int * overflows", "n * m", {{F_N, VI(INT64_C(1) << 32)}, {F_M, VI(INT64_C(1) << 31)}}, VX, true},
    {"unary minus overflows", "-n", {{F_N, VI(SMALL)}}, VX, true},
    {"overflow inside a comparison", "n + m > 0", {{F_N, VI(BIG)}, {F_M, VI(BIG)}}, VX, true},
    {"amount +", "belopp + 1 kr", {{F_BELOPP, VM(100)}}, VM(200), false},
    {"amount -, below zero", "belopp - 2 MSEK", {{F_BELOPP, VM(KR(1500000))}}, VM(KR(-500000)), false},
    {"amount * int", "belopp * n", {{F_BELOPP, VM(KR(100))}, {F_N, VI(3)}}, VM(KR(300)), false},
    {"int * amount", "n * belopp", {{F_BELOPP, VM(KR(100))}, {F_N, VI(3)}}, VM(KR(300)), false},
    {"amount literal * int", "2 MSEK * n", {{F_N, VI(2)}}, VM(KR(4000000)), false},
    {"amount * int overflows", "belopp * n", {{F_BELOPP, VM(BIG / 2 + 1)}, {F_N, VI(2)}}, VX, true},
    {"amount + overflows", "belopp + belopp", {{F_BELOPP, VM(BIG / 2 + 1)}}, VX, true},
    {"amount unary minus", "-belopp", {{F_BELOPP, VM(KR(5))}}, VM(KR(-5)), false},
    /* P % av X: floored to whole öre */
    {"percent of", "50 % av belopp", {{F_BELOPP, VM(KR(1000))}}, VM(KR(500)), false},
    {"percent of, floored", "50 % av belopp", {{F_BELOPP, VM(101)}}, VM(50), false},
    {"percent of, 12,5 % floored", "12,5 % av belopp", {{F_BELOPP, VM(100)}}, VM(12), false},
    {"percent of, 33,3 %", "33,3 % av belopp", {{F_BELOPP, VM(KR(1000))}}, VM(KR(333)), false},
    {"percent of, 0 %", "0 % av belopp", {{F_BELOPP, VM(KR(1000))}}, VM(0), false},
    {"percent of a literal", "4 % av 110 MSEK", {{0}}, VM(KR(4400000)), false},
    {"percent of a negative amount, floored", "50 % av (belopp - 2 kr)", {{F_BELOPP, VM(99)}}, VM(-51), false},
    {"percent of missing", "50 % av belopp", {{0}}, VX, false},
    {"percent of, overflow", "200 % av belopp", {{F_BELOPP, VM(BIG)}}, VX, true},
    {"percent chosen by om", "(om medfin så 10 % annars 5 %) av belopp", {{F_MEDFIN, JA}, {F_BELOPP, VM(KR(1000))}},
     VM(KR(100)), false},
    /* om A så B: holds unless A holds and B does not */
    {"om ja så ja", "om a så b", {{F_A, JA}, {F_B, JA}}, JA, false},
    {"om ja så nej", "om a så b", {{F_A, JA}, {F_B, NEJ}}, NEJ, false},
    {"om ja så okänt", "om a så b", {{F_A, JA}}, VX, false},
    {"om nej så ja", "om a så b", {{F_A, NEJ}, {F_B, JA}}, JA, false},
    {"om nej så nej", "om a så b", {{F_A, NEJ}, {F_B, NEJ}}, JA, false},
    {"om nej så okänt", "om a så b", {{F_A, NEJ}}, JA, false},
    {"om okänt så ja", "om a så b", {{F_B, JA}}, JA, false},
    {"om okänt så nej", "om a så b", {{F_B, NEJ}}, VX, false},
    {"om okänt så okänt", "om a så b", {{0}}, VX, false},
    {"om with a condition", "om insatser innehåller kurator så typ i {kommun}",
     {{F_INSATSER, VS(KURATOR)}, {F_TYP, VE(REGION)}}, NEJ, false},
    {"om with a condition that does not hold", "om insatser innehåller kurator så typ i {kommun}",
     {{F_INSATSER, VS(LAKARE)}}, JA, false},
    /* om A så B annars C */
    {"om ja så X annars Y", "om medfin så 5 MSEK annars 2 MSEK", {{F_MEDFIN, JA}}, VM(KR(5000000)), false},
    {"om nej så X annars Y", "om medfin så 5 MSEK annars 2 MSEK", {{F_MEDFIN, NEJ}}, VM(KR(2000000)), false},
    {"om okänt så X annars Y", "om medfin så 5 MSEK annars 2 MSEK", {{0}}, VX, false},
    {"om ja så X annars missing", "om medfin så n annars m", {{F_MEDFIN, JA}, {F_N, VI(4)}}, VI(4), false},
    {"om nej så X annars missing", "om medfin så n annars m", {{F_MEDFIN, NEJ}, {F_N, VI(4)}}, VX, false},
    {"om … annars yes/no", "om a så b annars medfin", {{F_A, NEJ}, {F_B, NEJ}, {F_MEDFIN, JA}}, JA, false},
    {"om … annars compared", "belopp <= (om medfin så 5 MSEK annars 2 MSEK)",
     {{F_MEDFIN, NEJ}, {F_BELOPP, VM(KR(3000000))}}, NEJ, false},
    /* och: Kleene */
    {"ja och ja", "a och b", {{F_A, JA}, {F_B, JA}}, JA, false},
    {"ja och nej", "a och b", {{F_A, JA}, {F_B, NEJ}}, NEJ, false},
    {"ja och okänt", "a och b", {{F_A, JA}}, VX, false},
    {"nej och ja", "a och b", {{F_A, NEJ}, {F_B, JA}}, NEJ, false},
    {"nej och nej", "a och b", {{F_A, NEJ}, {F_B, NEJ}}, NEJ, false},
    {"nej och okänt", "a och b", {{F_A, NEJ}}, NEJ, false},
    {"okänt och ja", "a och b", {{F_B, JA}}, VX, false},
    {"okänt och nej", "a och b", {{F_B, NEJ}}, NEJ, false},
    {"okänt och okänt", "a och b", {{0}}, VX, false},
    /* eller: Kleene */
    {"ja eller ja", "a eller b", {{F_A, JA}, {F_B, JA}}, JA, false},
    {"ja eller nej", "a eller b", {{F_A, JA}, {F_B, NEJ}}, JA, false},
    {"ja eller okänt", "a eller b", {{F_A, JA}}, JA, false},
    {"nej eller ja", "a eller b", {{F_A, NEJ}, {F_B, JA}}, JA, false},
    {"nej eller nej", "a eller b", {{F_A, NEJ}, {F_B, NEJ}}, NEJ, false},
    {"nej eller okänt", "a eller b", {{F_A, NEJ}}, VX, false},
    {"okänt eller ja", "a eller b", {{F_B, JA}}, JA, false},
    {"okänt eller nej", "a eller b", {{F_B, NEJ}}, VX, false},
    {"okänt eller okänt", "a eller b", {{0}}, VX, false},
    /* inte, and combinations */
    {"inte ja", "inte a", {{F_A, JA}}, NEJ, false},
    {"inte nej", "inte a", {{F_A, NEJ}}, JA, false},
    {"inte okänt", "inte a", {{0}}, VX, false},
    {"och binds tighter than eller", "a eller b och medfin", {{F_A, JA}, {F_B, NEJ}, {F_MEDFIN, NEJ}}, JA, false},
    {"inte of a comparison", "inte typ = privat", {{F_TYP, VE(PRIVAT)}}, NEJ, false},
    {"okänt settled by a comparison", "n > 5 eller typ är kommun", {{F_TYP, VE(KOMMUN)}}, JA, false},
    {"okänt och a failing comparison", "n > 5 och typ är kommun", {{F_TYP, VE(REGION)}}, NEJ, false},
    {"yes/no literals", "ja och inte nej", {{0}}, JA, false},
};

START_TEST(expr)
{
    const ExprRow *row = &expr_rows[_i];
    World w;
    char body[512];
    snprintf(body, sizeof body, "villkor e { krav (%s) = (%s)  skäl \"x\" }\n", row->expr, row->expr);
    world_load(&w, body);
    ck_assert_uint_eq(w.prog->n_criteria, 1);
    const Expr *eq = w.prog->criteria[0].require;
    ck_assert_int_eq(eq->kind, EXPR_BINARY);
    ck_assert_int_eq(eq->op, OP_EQ);
    Application app = make_app(&w, row->app, MAX_ASSIGN);
    bool overflow = false;
    Value v = eval_expr(&w.cx, &app, eq->a, &overflow);
    char got[128], want[128];
    show_value(&v, got, sizeof got);
    show_value(&row->want, want, sizeof want);
    ck_assert_msg(strcmp(got, want) == 0, "%s: %s gives %s, expected %s", row->name, row->expr, got, want);
    ck_assert_msg(overflow == row->overflow, "%s: overflow %d, expected %d", row->name, (int)overflow,
                  (int)row->overflow);
    /* Without a flag to set, the value is the same. */
    Value again = eval_expr(&w.cx, &app, eq->a, NULL);
    show_value(&again, got, sizeof got);
    ck_assert_msg(strcmp(got, want) == 0, "%s: without overflow flag %s gives %s", row->name, row->expr, got);
    world_free(&w);
}
END_TEST

/* ====================================================================
** criteria and priorities in a tree of pots
** ==================================================================== */

/* Pots in pre-order: rot(ra, rb(rb1, rb2)), annan, per_kommun, rätt_kommun. */
#define POTS                                                                                     \
    "villkor top { krav n >= 1  skäl \"n\" }\n"                                                  \
    "prioritet top_p { poäng 1 }\n"                                                              \
    "prioritet top_q { poäng 10 om medfin }\n"                                                   \
    "pott rot {\n"                                                                               \
    "    belopp 3 MSEK\n"                                                                        \
    "    villkor rot_k { krav typ i {kommun, region}  skäl \"typ\" }\n"                          \
    "    prioritet rot_p { poäng 100 om fokus innehåller digital }\n"                            \
    "    pott ra {\n"                                                                            \
    "        belopp 1 MSEK\n"                                                                    \
    "        tilldelning rangordning\n"                                                          \
    "        villkor a_k { krav medfin  skäl \"medfin\" }\n"                                     \
    "        prioritet a_p { poäng m }\n"                                                        \
    "    }\n"                                                                                    \
    "    pott rb {\n"                                                                            \
    "        belopp resten\n"                                                                    \
    "        pott rb1 {\n"                                                                       \
    "            belopp 50 %\n"                                                                  \
    "            tilldelning proportionell\n"                                                    \
    "            villkor b1_k { krav belopp <= 500 000 kr  skäl \"belopp\" }\n"                  \
    "            prioritet b1_p { poäng om a så 1000 annars 2000 }\n"                            \
    "        }\n"                                                                                \
    "        pott rb2 { belopp resten  tilldelning rättighet }\n"                                \
    "    }\n"                                                                                    \
    "}\n"                                                                                        \
    "pott annan { belopp 1 MSEK }\n"                                                             \
    "pott per_kommun {\n"                                                                        \
    "    belopp 1 MSEK\n"                                                                        \
    "    fördela per kommun efter kommuner.antal\n"                                              \
    "    tilldelning proportionell\n"                                                            \
    "}\n"                                                                                        \
    "pott rätt_kommun {\n"                                                                       \
    "    belopp 1 MSEK\n"                                                                        \
    "    fördela per kommun efter kommuner.antal\n"                                              \
    "    tilldelning rättighet\n"                                                                \
    "}\n"

static const char *const POT_NAMES[] = {"rot", "ra", "rb", "rb1", "rb2", "annan", "per_kommun", "rätt_kommun"};
static const char *const CRIT_NAMES[] = {"top", "rot_k", "a_k", "b1_k"};
#define N_POTS ((int)(sizeof POT_NAMES / sizeof *POT_NAMES))
#define N_CRITS ((int)(sizeof CRIT_NAMES / sizeof *CRIT_NAMES))

typedef struct PotRow {
    const char *name;
    Assign app[10];
    const char *crit;     /* "top=P rot_k=F …": each criterion's outcome */
    const char *pots;     /* eval_pot of every pot, in POT_NAMES order */
    const char *scores;   /* eval_pot_score of every pot */
} PotRow;

/* All pass: n 1, typ kommun, medfin ja, fokus {digital}, belopp 500 000 kr, m 1000, a nej. */
#define GOOD {F_N, VI(1)}, {F_TYP, VE(KOMMUN)}, {F_MEDFIN, JA}, {F_FOKUS, VS(1u << DIGITAL)}, \
             {F_BELOPP, VM(KR(500000))}, {F_M, VI(1000)}, {F_A, NEJ}

static const PotRow pot_rows[] = {
    {"everything holds",
     {GOOD},
     "top=P rot_k=P a_k=P b1_k=P",
     "rot=P ra=P rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a top-level criterion fails: every pot",
     {GOOD, {F_N, VI(0)}},
     "top=F rot_k=P a_k=P b1_k=P",
     "rot=F ra=F rb=F rb1=F rb2=F annan=F per_kommun=F rätt_kommun=F",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a top-level criterion unknown: every pot manual",
     {GOOD, {F_N, VX}},
     "top=M rot_k=P a_k=P b1_k=P",
     "rot=M ra=M rb=M rb1=M rb2=M annan=M per_kommun=M rätt_kommun=M",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"an ancestor's criterion fails: the pot and everything below it",
     {GOOD, {F_TYP, VE(PRIVAT)}},
     "top=P rot_k=F a_k=P b1_k=P",
     "rot=F ra=F rb=F rb1=F rb2=F annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a leaf's criterion fails: that leaf only",
     {GOOD, {F_BELOPP, VM(KR(500001))}},
     "top=P rot_k=P a_k=P b1_k=F",
     "rot=P ra=P rb=P rb1=F rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a missing input: manual in that pot only, no score from its condition",
     {GOOD, {F_MEDFIN, VX}},
     "top=P rot_k=P a_k=M b1_k=P",
     "rot=P ra=M rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=101 ra=1101 rb=101 rb1=2101 rb2=101 annan=1 per_kommun=1 rätt_kommun=1"},
    {"FAIL beats MANUAL",
     {GOOD, {F_MEDFIN, VX}, {F_TYP, VE(PRIVAT)}},
     "top=P rot_k=F a_k=M b1_k=P",
     "rot=F ra=F rb=F rb1=F rb2=F annan=P per_kommun=P rätt_kommun=P",
     "rot=101 ra=1101 rb=101 rb1=2101 rb2=101 annan=1 per_kommun=1 rätt_kommun=1"},
    {"FAIL below beats MANUAL above",
     {GOOD, {F_TYP, VX}, {F_MEDFIN, NEJ}},
     "top=P rot_k=M a_k=F b1_k=P",
     "rot=M ra=F rb=M rb1=M rb2=M annan=P per_kommun=P rätt_kommun=P",
     "rot=101 ra=1101 rb=101 rb1=2101 rb2=101 annan=1 per_kommun=1 rätt_kommun=1"},
    {"MANUAL at the top and FAIL in a leaf",
     {GOOD, {F_N, VX}, {F_BELOPP, VM(KR(600000))}},
     "top=M rot_k=P a_k=P b1_k=F",
     "rot=M ra=M rb=M rb1=F rb2=M annan=M per_kommun=M rätt_kommun=M",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a missing requested amount: manual where it is needed",
     {GOOD, {F_BELOPP, VX}},
     "top=P rot_k=P a_k=P b1_k=M",
     "rot=P ra=P rb=P rb1=M rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=1111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"an om condition that does not hold scores 0",
     {GOOD, {F_FOKUS, VS(1u << SAMVERKAN)}, {F_MEDFIN, NEJ}},
     "top=P rot_k=P a_k=F b1_k=P",
     "rot=P ra=F rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=1 ra=1001 rb=1 rb1=2001 rb2=1 annan=1 per_kommun=1 rätt_kommun=1"},
    {"an om condition that is unknown scores 0",
     {GOOD, {F_FOKUS, VX}},
     "top=P rot_k=P a_k=P b1_k=P",
     "rot=P ra=P rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=11 ra=1011 rb=11 rb1=2011 rb2=11 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a score that is unknown counts 0",
     {GOOD, {F_M, VX}},
     "top=P rot_k=P a_k=P b1_k=P",
     "rot=P ra=P rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=111 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a negative score",
     {GOOD, {F_M, VI(-500)}},
     "top=P rot_k=P a_k=P b1_k=P",
     "rot=P ra=P rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=-389 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a score chosen by om … annars",
     {GOOD, {F_A, JA}},
     "top=P rot_k=P a_k=P b1_k=P",
     "rot=P ra=P rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=1111 rb=111 rb1=1111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"a huge score saturates",
     {GOOD, {F_M, VI(INT64_MAX)}},
     "top=P rot_k=P a_k=P b1_k=P",
     "rot=P ra=P rb=P rb1=P rb2=P annan=P per_kommun=P rätt_kommun=P",
     "rot=111 ra=9223372036854775807 rb=111 rb1=2111 rb2=111 annan=11 per_kommun=11 rätt_kommun=11"},
    {"nothing given",
     {{0}},
     "top=M rot_k=M a_k=M b1_k=M",
     "rot=M ra=M rb=M rb1=M rb2=M annan=M per_kommun=M rätt_kommun=M",
     "rot=1 ra=1 rb=1 rb1=1 rb2=1 annan=1 per_kommun=1 rätt_kommun=1"},
};

static char outcome_letter(Outcome o)
{
    return o == OUTCOME_PASS ? 'P' : o == OUTCOME_FAIL ? 'F' : o == OUTCOME_MANUAL ? 'M' : 'N';
}

static int crit_of(const Program *p, const char *name)
{
    for (size_t i = 0; i < p->n_criteria; i++)
        if (strcmp(p->criteria[i].name, name) == 0)
            return (int)i;
    ck_abort_msg("no criterion '%s'", name);
    return -1;
}

static int pot_of(const Program *p, const char *name)
{
    int k = program_find_pot(p, name);
    ck_assert_msg(k >= 0, "no pot '%s'", name);
    return k;
}

START_TEST(pots)
{
    const PotRow *row = &pot_rows[_i];
    World w;
    world_load(&w, POTS);
    const Program *p = w.prog;
    ck_assert_uint_eq(p->n_criteria, (size_t)N_CRITS);
    ck_assert_uint_eq(p->n_priorities, 5);
    Application app = make_app(&w, row->app, sizeof row->app / sizeof *row->app);
    Outcome crit[8];
    int64_t score[8];
    memset(crit, 0xff, sizeof crit);
    memset(score, 0x55, sizeof score);
    eval_application(&w.cx, &app, crit, score);

    char got[512];
    size_t at = 0;
    for (int i = 0; i < N_CRITS; i++)
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%s=%c", i ? " " : "", CRIT_NAMES[i],
                               outcome_letter(crit[crit_of(p, CRIT_NAMES[i])]));
    ck_assert_msg(strcmp(got, row->crit) == 0, "%s: criteria\n  %s\nexpected\n  %s", row->name, got, row->crit);

    if (row->pots) {
        at = 0;
        for (int i = 0; i < N_POTS; i++)
            at += (size_t)snprintf(got + at, sizeof got - at, "%s%s=%c", i ? " " : "", POT_NAMES[i],
                                   outcome_letter(eval_pot(p, pot_of(p, POT_NAMES[i]), crit)));
        ck_assert_msg(strcmp(got, row->pots) == 0, "%s: pots\n  %s\nexpected\n  %s", row->name, got, row->pots);
    }

    at = 0;
    for (int i = 0; i < N_POTS; i++)
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%s=%" PRId64, i ? " " : "", POT_NAMES[i],
                               eval_pot_score(p, pot_of(p, POT_NAMES[i]), score));
    ck_assert_msg(strcmp(got, row->scores) == 0, "%s: scores\n  %s\nexpected\n  %s", row->name, got, row->scores);
    world_free(&w);
}
END_TEST

/* Which pots take applications: leaves that rank or share; not a pot with
** sub-pots, not rättighet. A leaf without tilldelning ranks (the default). */
START_TEST(takes_applications)
{
    World w;
    world_load(&w, POTS);
    static const struct {
        const char *pot;
        bool takes;
    } want[] = {
        {"rot", false}, {"ra", true}, {"rb", false}, {"rb1", true}, {"rb2", false},
        {"annan", true}, {"per_kommun", true}, {"rätt_kommun", false},
    };
    for (size_t i = 0; i < sizeof want / sizeof *want; i++)
        ck_assert_msg(eval_takes_applications(w.prog, pot_of(w.prog, want[i].pot)) == want[i].takes,
                      "eval_takes_applications(%s) should be %s", want[i].pot, want[i].takes ? "true" : "false");
    world_free(&w);
}
END_TEST

/* Where criteria apply: top level everywhere, in a pot there and below. */
START_TEST(applies)
{
    World w;
    world_load(&w, POTS);
    const Program *p = w.prog;
    static const char *const want[] = {
        /* rot ra rb rb1 rb2 annan per_kommun rätt_kommun */
        "top: 11111111",
        "rot_k: 11111000",
        "a_k: 01000000",
        "b1_k: 00010000",
    };
    for (int c = 0; c < N_CRITS; c++) {
        char got[64];
        int at = snprintf(got, sizeof got, "%s: ", CRIT_NAMES[c]);
        int cp = p->criteria[crit_of(p, CRIT_NAMES[c])].pot;
        for (int i = 0; i < N_POTS; i++)
            got[at++] = eval_applies(p, cp, pot_of(p, POT_NAMES[i])) ? '1' : '0';
        got[at] = '\0';
        ck_assert_str_eq(got, want[c]);
    }
    world_free(&w);
}
END_TEST

/* 'ansökningar där': a pot and its sub-pots consider only some applications. */
typedef struct ConsiderRow {
    const char *name;
    Assign app[MAX_ASSIGN];
    const char *want;     /* eval_considers for kp, kp1, kp2, övrigt */
} ConsiderRow;

static const ConsiderRow consider_rows[] = {
    {"both conditions hold", {{F_TYP, VE(KOMMUN)}, {F_A, JA}}, "kp=P kp1=P kp2=P övrigt=P"},
    {"the parent's condition is false", {{F_TYP, VE(REGION)}, {F_A, JA}}, "kp=N kp1=N kp2=N övrigt=P"},
    {"the sub-pot's condition is false", {{F_TYP, VE(KOMMUN)}, {F_A, NEJ}}, "kp=P kp1=N kp2=P övrigt=P"},
    {"the parent's condition is unknown", {{F_A, JA}}, "kp=M kp1=M kp2=M övrigt=P"},
    {"unknown above, false below", {{F_A, NEJ}}, "kp=M kp1=N kp2=M övrigt=P"},
};

START_TEST(considers)
{
    const ConsiderRow *row = &consider_rows[_i];
    World w;
    world_load(&w,
               "pott kp {\n"
               "    belopp 2 MSEK\n"
               "    ansökningar där typ är kommun\n"
               "    pott kp1 { belopp 1 MSEK  ansökningar där a }\n"
               "    pott kp2 { belopp resten }\n"
               "}\n"
               "pott övrigt { belopp 1 MSEK }\n");
    Application app = make_app(&w, row->app, MAX_ASSIGN);
    static const char *const names[] = {"kp", "kp1", "kp2", "övrigt"};
    char got[128];
    size_t at = 0;
    for (int i = 0; i < 4; i++)
        at += (size_t)snprintf(got + at, sizeof got - at, "%s%s=%c", i ? " " : "", names[i],
                               outcome_letter(eval_considers(&w.cx, &app, pot_of(w.prog, names[i]))));
    ck_assert_msg(strcmp(got, row->want) == 0, "%s: %s, expected %s", row->name, got, row->want);
    world_free(&w);
}
END_TEST

Suite *make_eval_suite(void)
{
    Suite *s = suite_create("eval");

    TCase *tc = tcase_create("expr");
    tcase_add_unchecked_fixture(tc, dir_make, dir_remove);
    tcase_add_loop_test(tc, expr, 0, N_ROWS(expr_rows));
    suite_add_tcase(s, tc);

    tc = tcase_create("pots");
    tcase_add_unchecked_fixture(tc, dir_make, dir_remove);
    tcase_add_loop_test(tc, pots, 0, N_ROWS(pot_rows));
    tcase_add_test(tc, takes_applications);
    tcase_add_test(tc, applies);
    tcase_add_loop_test(tc, considers, 0, N_ROWS(consider_rows));
    suite_add_tcase(s, tc);
    return s;
}
