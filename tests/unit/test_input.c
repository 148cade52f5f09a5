/*
** test_input.c: unit tests for runtime/input.c. A small rule file, checked by
** the real front end, declares one field of every type; its data table and the
** application files live in a temporary folder made by an unchecked fixture.
** Three tables drive the tests:
**   - cell_rows: one cell through input_cell, with the exact value or message;
**   - apps_rows: a whole CSV or JSON file through apps_open/apps_next, with
**     every result, every message and the counts;
**   - table_rows: a data file through tables_load.
** Messages name the file they come from; the tables write '@' for its path.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "diag.h"
#include "input.h"
#include "program.h"
#include "report.h"
#include "source.h"
#include "status.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))

/* ---- the fixture folder ---- */

static char dir[64];

static void write_file(const char *name, const char *text, size_t len)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    if (!f) {
        perror(path);
        abort();
    }
    if (fwrite(text, 1, len, f) != len)
        abort();
    fclose(f);
}

static void remove_file(const char *name)
{
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    unlink(path);
}

/* The data table of PRELUDE: ';'-separated, as Swedish Excel saves it. */
#define KOMMUNER_CSV                 \
    "Kommun;Unga;Pengar\n"           \
    "Ekeby;6120;1 500 000\n"         \
    "Granvik;2984;2,5 MSEK\n"        \
    "Lindö;1417;0\n"          \
    "Åre;10;12 kr\n"

static void dir_make(void)
{
    strcpy(dir, "/tmp/medel-input-XXXXXX");
    if (!mkdtemp(dir)) {
        perror("mkdtemp");
        abort();
    }
    write_file("k.csv", KOMMUNER_CSV, strlen(KOMMUNER_CSV));
}

static void dir_remove(void)
{
    if (!dir[0])
        return;
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    if (system(cmd) != 0)
        fprintf(stderr, "could not remove %s\n", dir);
    dir[0] = '\0';
}

/* ---- a loaded program ---- */

/* One field of every type; the order is the schema's. */
enum {
    F_ID, F_BELOPP, F_DELTAGARE, F_MEDFIN, F_TYP, F_HUVUDFOKUS, F_FOKUS, F_INSATSER, F_MALGRUPP, F_RAM, F_KOMMUN,
    F_TITEL, N_FIELDS
};

#define PRELUDE                                                                              \
    "överenskommelse \"Test\" { år 2021 }\n"                                                 \
    "fokusområden {\n"                                                                       \
    "    samverkan \"Samverkan\"\n"                                                          \
    "    digital   \"Digitala tillgänglighetslösningar\"\n"                                  \
    "    vård      \"Egenvård, digitalvård och behandlingsstöd\"\n"                          \
    "}\n"                                                                                    \
    "tabell kommuner från \"k.csv\" {\n"                                                     \
    "    nyckel namn: text \"Kommun\"  unga: heltal \"Unga\"  pengar: belopp \"Pengar\"\n"   \
    "}\n"                                                                                    \
    "ansökan {\n"                                                                            \
    "    nyckel id: text \"Diarienummer\"\n"                                                 \
    "    sökt belopp: belopp \"Sökt belopp\"\n"                                              \
    "    deltagare: heltal \"Antal deltagare\"\n"                                            \
    "    medfin: ja/nej \"Medfinansiering\"\n"                                               \
    "    typ: en av kommun | region | privat | idéburen \"Sökandetyp\"\n"                    \
    "    huvudfokus: fokusområde \"Huvudfokus\"\n"                                           \
    "    fokus: fokusområden \"Fokusområden\"\n"                                             \
    "    insatser: mängd av kurator | barnmorska | läkare \"Insatser\"\n"                    \
    "    målgrupp: intervall \"Målgrupp\"\n"                                                 \
    "    ram: intervall av belopp \"Kostnadsram\"\n"                                         \
    "    kommun: nyckel i kommuner \"Kommun\"\n"                                             \
    "    titel: text\n"                                                                      \
    "}\n"                                                                                    \
    "pott p { belopp 1 MSEK }\n"

typedef struct World {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    TableData *tables;
    char *msgs;          /* every reported message, each ending in '\n' */
    size_t msgs_len;
    FILE *msgs_f;
} World;

static void collect(void *ctx, const char *msg)
{
    World *w = ctx;
    fprintf(w->msgs_f, "%s\n", msg);
    fflush(w->msgs_f);
}

/* Loads `text` as the rule file <dir>/test.medel; any error fails the test. */
static void world_load(World *w, const char *text)
{
    memset(w, 0, sizeof *w);
    arena_init(&w->a);
    source_set_init(&w->set);
    diags_init(&w->d, &w->set);
    w->msgs_f = open_memstream(&w->msgs, &w->msgs_len);
    ck_assert_ptr_nonnull(w->msgs_f);
    char *path = arena_printf(&w->a, "%s/test.medel", dir);
    w->prog = program_load_text(&w->a, &w->set, &w->d, path, text, strlen(text), NULL);
    if (w->d.n_errors)
        diags_render(&w->d, stderr);
    ck_assert_ptr_nonnull(w->prog);
    ck_assert_uint_eq(w->d.n_errors, 0);
}

/* PRELUDE with its table loaded. */
static void world_prelude(World *w)
{
    world_load(w, PRELUDE);
    ck_assert_int_eq(w->prog->n_fields, N_FIELDS);
    w->tables = tables_load(w->prog, &w->a, collect, w);
    fflush(w->msgs_f);
    ck_assert_msg(w->tables != NULL, "tables_load failed: %s", w->msgs);
    ck_assert_uint_eq(w->tables[0].n_rows, 4);
}

static void world_free(World *w)
{
    fclose(w->msgs_f);
    free(w->msgs);
    diags_free(&w->d);
    source_set_free(&w->set);
    arena_free(&w->a);
}

/* `pattern` with every '@' replaced by `path`, in the arena. */
static char *expand(Arena *a, const char *pattern, const char *path)
{
    size_t n = 1, pl = strlen(path);
    for (const char *p = pattern; *p; p++)
        n += *p == '@' ? pl : 1;
    char *out = arena_alloc(a, n), *o = out;
    for (const char *p = pattern; *p; p++) {
        if (*p == '@') {
            memcpy(o, path, pl);
            o += pl;
        } else {
            *o++ = *p;
        }
    }
    *o = '\0';
    return out;
}

static int field_of(const World *w, const char *name)
{
    int f = program_find_field(w->prog, name);
    ck_assert_msg(f >= 0, "no field '%s'", name);
    return f;
}

/* ====================================================================
** input_cell
** ==================================================================== */

typedef struct CellRow {
    const char *name;
    const char *field;
    const char *cell;
    ValueKind kind;      /* the expected value, when why is NULL */
    int64_t x, y;        /* i, money, b, e, set, key; or range lo, hi */
    const char *text;    /* VAL_TEXT */
    const char *why;     /* the expected message, or NULL */
} CellRow;

#define KR(x) ((int64_t)(x) * 100)
#define MONEY(n, f, c, v) {n, f, c, VAL_MONEY, v, 0, NULL, NULL}
#define INT(n, f, c, v) {n, f, c, VAL_INT, v, 0, NULL, NULL}
#define BOOL(n, f, c, v) {n, f, c, VAL_BOOL, v, 0, NULL, NULL}
#define ENUM(n, f, c, v) {n, f, c, VAL_ENUM, v, 0, NULL, NULL}
#define FOCUS(n, f, c, v) {n, f, c, VAL_FOCUS, v, 0, NULL, NULL}
#define SET(n, f, c, v) {n, f, c, VAL_SET, v, 0, NULL, NULL}
#define RANGE(n, f, c, lo, hi) {n, f, c, VAL_RANGE, lo, hi, NULL, NULL}
#define KEY(n, f, c, v) {n, f, c, VAL_KEY, v, 0, NULL, NULL}
#define TEXT(n, f, c, t) {n, f, c, VAL_TEXT, 0, 0, t, NULL}
#define MISSING(n, f, c) {n, f, c, VAL_MISSING, 0, 0, NULL, NULL}
#define BAD(n, f, c, why) {n, f, c, VAL_MISSING, 0, 0, NULL, why}

#define FOCUS_LIST "'Samverkan', 'Digitala tillgänglighetslösningar', 'Egenvård, digitalvård och behandlingsstöd'"
#define TYP_LIST "kommun, region, privat, idéburen"
#define INSATS_LIST "kurator, barnmorska, läkare"
/* 70 bytes, and 59 ASCII bytes then 'ö': messages show at most 60 bytes, whole characters. */
#define LONG70 "1234567890123456789012345678901234567890123456789012345678901234567890"
#define LONG60 "123456789012345678901234567890123456789012345678901234567890"
#define LONG59 "12345678901234567890123456789012345678901234567890123456789"

static const CellRow cell_rows[] = {
    /* amounts: kronor unless a unit says otherwise, exact öre */
    MONEY("money bare", "belopp", "1500000", KR(1500000)),
    MONEY("money grouped", "belopp", "1 500 000", KR(1500000)),
    MONEY("money kr", "belopp", "1 500 000 kr", KR(1500000)),
    MONEY("money MSEK with decimal comma", "belopp", "1,5 MSEK", KR(1500000)),
    MONEY("money no-break space groups", "belopp", "1\xC2\xA0" "500\xC2\xA0" "000\xC2\xA0kr", KR(1500000)),
    MONEY("money narrow no-break space groups", "belopp", "1\xE2\x80\xAF" "500\xE2\x80\xAF" "000", KR(1500000)),
    MONEY("money padded", "belopp", "  1 500 000 kr\t", KR(1500000)),
    MONEY("money öre", "belopp", "1 500 000,50 kr", 150000050),
    MONEY("money tkr", "belopp", "12 tkr", KR(12000)),
    MONEY("money kronor", "belopp", "4 528 193 kronor", KR(4528193)),
    MONEY("money unit öre", "belopp", "250 öre", 250),
    MONEY("money zero", "belopp", "0", 0),
    BAD("money two decimal commas", "belopp", "1,5,0", "'1,5,0' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK"),
    BAD("money bad groups", "belopp", "1 50 000", "'1 50 000' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK"),
    BAD("money words", "belopp", "mycket", "'mycket' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK"),
    BAD("money unknown unit", "belopp", "5 krav", "'5 krav' är inget belopp: okänd enhet 'krav'"),
    BAD("money misspelt unit", "belopp", "1,5 MSEKK", "'1,5 MSEKK' är inget belopp: okänd enhet 'MSEKK'"),
    BAD("money negative", "belopp", "-5 kr", "'-5 kr' är inget belopp: belopp kan inte vara negativa"),
    BAD("money fraction of öre", "belopp", "1,0055 kr", "'1,0055 kr' är inget belopp: det har delar av ett öre"),
    BAD("money dot thousands", "belopp", "450.000 kr",
        "'450.000 kr' är tvetydigt: tre siffror efter '.' eller ',' kan vara tusental eller decimaler; skriv tusental med mellanslag (450 000 kr) och ören med komma (450,50 kr)"),
    BAD("money bare dot thousands", "belopp", "450.000",
        "'450.000' är tvetydigt: tre siffror efter '.' eller ',' kan vara tusental eller decimaler; skriv tusental med mellanslag (450 000 kr) och ören med komma (450,50 kr)"),
    BAD("money too large", "belopp", "100000000000000000 kr",
        "'100000000000000000 kr' är inget belopp: det är för stort"),
    BAD("money long cell shown cut", "belopp", LONG70, "'" LONG60 "' är inget belopp: det är för stort"),
    BAD("money long cell cut at a character", "belopp", LONG59 "ö kr",
        "'" LONG59 "' är inget belopp: okänd enhet 'ö kr'"),
    MISSING("money empty", "belopp", ""),
    MISSING("money blank", "belopp", "  \t "),
    /* integers */
    INT("int plain", "deltagare", "40", 40),
    INT("int grouped", "deltagare", "1 000", 1000),
    INT("int negative", "deltagare", "-5", -5),
    INT("int padded", "deltagare", " 7 ", 7),
    BAD("int decimals", "deltagare", "4,5", "'4,5' är inget heltal"),
    BAD("int word", "deltagare", "tio", "'tio' är inget heltal"),
    BAD("int with unit", "deltagare", "40 st", "'40 st' är inget heltal"),
    BAD("int too large", "deltagare", "99999999999999999999", "'99999999999999999999' är inget heltal: talet är för stort"),
    BAD("int too small", "deltagare", "-99999999999999999999",
        "'-99999999999999999999' är inget heltal: talet är för stort"),
    MISSING("int empty", "deltagare", ""),
    /* yes/no */
    BOOL("yes ja", "medfin", "ja", 1),
    BOOL("yes Ja", "medfin", "Ja", 1),
    BOOL("yes JA", "medfin", "JA", 1),
    BOOL("no nej", "medfin", "nej", 0),
    BOOL("no NEJ", "medfin", "NEJ", 0),
    BOOL("yes true", "medfin", "true", 1),
    BOOL("no false", "medfin", "false", 0),
    BOOL("yes TRUE", "medfin", "TRUE", 1),
    BOOL("yes x", "medfin", "x", 1),
    BOOL("yes X", "medfin", "X", 1),
    BOOL("yes 1", "medfin", "1", 1),
    BOOL("no 0", "medfin", "0", 0),
    BOOL("yes sant", "medfin", "sant", 1),
    BOOL("no falskt", "medfin", "falskt", 0),
    BAD("yes/no bad", "medfin", "kanske", "'kanske' är varken ja eller nej: skriv ja eller nej (eller x för ja)"),
    BAD("yes/no 2", "medfin", "2", "'2' är varken ja eller nej: skriv ja eller nej (eller x för ja)"),
    MISSING("yes/no empty", "medfin", ""),
    /* one-of values */
    ENUM("one-of exact", "typ", "kommun", 0),
    ENUM("one-of capitalised", "typ", "Region", 1),
    ENUM("one-of padded", "typ", " privat ", 2),
    ENUM("one-of upper case with É", "typ", "IDÉBUREN", 3),
    ENUM("one-of decomposed é", "typ", "ide\xCC\x81" "buren", 3),
    ENUM("one-of upper decomposed É", "typ", "IDE\xCC\x81" "BUREN", 3),
    BAD("one-of unknown", "typ", "stat", "'stat' är inget av de tillåtna värdena: " TYP_LIST),
    BAD("one-of misspelt", "typ", "Kommn", "'Kommn' är inget av de tillåtna värdena; menade du 'kommun'?"),
    BAD("one-of without its accent", "typ", "ideburen", "'ideburen' är inget av de tillåtna värdena; menade du 'idéburen'?"),
    BAD("one-of two values", "typ", "kommun, region", "'kommun, region' är inget av de tillåtna värdena: " TYP_LIST),
    MISSING("one-of empty", "typ", ""),
    /* one focus area */
    FOCUS("focus by identifier", "huvudfokus", "digital", 1),
    FOCUS("focus by identifier upper case", "huvudfokus", "DIGITAL", 1),
    FOCUS("focus by label", "huvudfokus", "Digitala tillgänglighetslösningar", 1),
    FOCUS("focus by label mixed case", "huvudfokus", "digitala TILLGÄNGLIGHETSLÖSNINGAR", 1),
    FOCUS("focus by label decomposed", "huvudfokus", "Digitala tillga\xCC\x88nglighetslo\xCC\x88sningar", 1),
    FOCUS("focus label with a comma", "huvudfokus", "Egenvård, digitalvård och behandlingsstöd", 2),
    FOCUS("focus identifier with å", "huvudfokus", "VÅRD", 2),
    BAD("focus unknown", "huvudfokus", "okänd", "'okänd' är inget av regelfilens fokusområden: " FOCUS_LIST),
    BAD("focus label misspelt", "huvudfokus", "Digitala tillgänglighetslösnigar",
        "'Digitala tillgänglighetslösnigar' är inget av regelfilens fokusområden; menade du 'Digitala tillgänglighetslösningar'?"),
    BAD("focus identifier misspelt shows the label", "huvudfokus", "samverkn",
        "'samverkn' är inget av regelfilens fokusområden; menade du 'Samverkan'?"),
    MISSING("focus empty", "huvudfokus", ""),
    /* sets of focus areas */
    SET("focus set by pipe", "fokus", "samverkan|digital", 3),
    SET("focus set by comma", "fokus", "samverkan, digital", 3),
    SET("focus set by semicolon", "fokus", "samverkan; digital", 3),
    SET("focus set by labels and pipe", "fokus", "Samverkan | Egenvård, digitalvård och behandlingsstöd", 5),
    SET("focus set one label with a comma", "fokus", "egenvård, digitalvård och behandlingsstöd", 4),
    SET("focus set mixed case labels", "fokus", "SAMVERKAN, digitala TILLGÄNGLIGHETSLÖSNINGAR", 3),
    SET("focus set empty members skipped", "fokus", "samverkan,,digital,", 3),
    SET("focus set repeated member", "fokus", "digital|DIGITAL", 2),
    SET("focus set empty", "fokus", "", 0),
    SET("focus set blank", "fokus", "   ", 0),
    BAD("focus set unknown member", "fokus", "samverkan, okänd", "'okänd' är inget av regelfilens fokusområden: " FOCUS_LIST),
    BAD("focus set unknown member by pipe", "fokus", "samverkan | okänd | digital",
        "'okänd' är inget av regelfilens fokusområden: " FOCUS_LIST),
    BAD("focus set two unknown members, both said", "fokus", "samverkn | okänd | digital",
        "2 värden är inga av regelfilens fokusområden: 'samverkn' (menade du 'Samverkan'?), 'okänd'; de är: " FOCUS_LIST),
    BAD("focus set two misspelt members, both suggested", "fokus", "Samverkn, digitl",
        "2 värden är inga av regelfilens fokusområden: 'Samverkn' (menade du 'Samverkan'?), 'digitl' (menade du "
        "'Digitala tillgänglighetslösningar'?)"),
    /* sets of one-of values */
    SET("one-of set by comma", "insatser", "kurator, läkare", 5),
    SET("one-of set upper case", "insatser", "LÄKARE", 4),
    SET("one-of set all", "insatser", "kurator|barnmorska|läkare", 7),
    BAD("one-of set unknown member", "insatser", "kurator, tandläkare", "'tandläkare' är inget av de tillåtna värdena: " INSATS_LIST),
    /* ranges */
    RANGE("range dots", "målgrupp", "12..22", 12, 22),
    RANGE("range hyphen", "målgrupp", "12-22", 12, 22),
    RANGE("range en dash", "målgrupp", "12–22", 12, 22),
    RANGE("range spaced", "målgrupp", "12 - 22", 12, 22),
    RANGE("range spaced en dash", "målgrupp", "12 – 22", 12, 22),
    RANGE("range single value", "målgrupp", "15", 15, 15),
    RANGE("range negative start", "målgrupp", "-5..3", -5, 3),
    BAD("range reversed", "målgrupp", "22..12",
        "'22..12' är inget intervall: det slutar innan det börjar; skriv det mindre värdet först, som i 12..22"),
    BAD("range too large", "målgrupp", "12..99999999999999999999",
        "'12..99999999999999999999' är inget intervall: ett tal i det är för stort"),
    BAD("range too large and a word", "målgrupp", "tolv..99999999999999999999",
        "'tolv..99999999999999999999' är inget intervall: skriv det som 12..22"),
    BAD("range words", "målgrupp", "unga", "'unga' är inget intervall: skriv det som 12..22"),
    BAD("range open end", "målgrupp", "12..", "'12..' är inget intervall: skriv det som 12..22"),
    MISSING("range empty", "målgrupp", ""),
    RANGE("amount range", "ram", "50 000 kr..2 MSEK", KR(50000), KR(2000000)),
    RANGE("amount range en dash", "ram", "50 000–200 000", KR(50000), KR(200000)),
    BAD("amount range reversed", "ram", "2 MSEK..50 000 kr",
        "'2 MSEK..50 000 kr' är inget intervall: det slutar innan det börjar; skriv det mindre värdet först, som i 50 000 kr..2 MSEK"),
    BAD("amount range too large", "ram", "1 kr..100000000000000000 kr",
        "'1 kr..100000000000000000 kr' är inget intervall: ett belopp i det är för stort"),
    /* keys of a table */
    KEY("key exact", "kommun", "Ekeby", 0),
    KEY("key lower case", "kommun", "granvik", 1),
    KEY("key upper case with ö", "kommun", "LINDÖ", 2),
    KEY("key decomposed ö", "kommun", "lindo\xCC\x88", 2),
    KEY("key Å", "kommun", "åre", 3),
    BAD("key unknown", "kommun", "Ankeborg", "'Ankeborg' finns inte i datafilen 'k.csv'"),
    BAD("key without its ring", "kommun", "Lindo", "'Lindo' finns inte i datafilen 'k.csv'; menade du 'Lindö'?"),
    BAD("key with kommun after it", "kommun", "Ekeby kommun", "'Ekeby kommun' finns inte i datafilen 'k.csv'; menade du 'Ekeby'?"),
    BAD("key with a genitive and stad", "kommun", "Granviks stad",
        "'Granviks stad' finns inte i datafilen 'k.csv'; menade du 'Granvik'?"),
    BAD("key with a hyphen and capitals", "kommun", "GRAN-VIK", "'GRAN-VIK' finns inte i datafilen 'k.csv'; menade du 'Granvik'?"),
    BAD("key nothing like", "kommun", "Region Ankeborg", "'Region Ankeborg' finns inte i datafilen 'k.csv'"),
    MISSING("key empty", "kommun", ""),
    /* texts */
    TEXT("text trimmed", "titel", "  Projekt Nora \t", "Projekt Nora"),
    TEXT("text NFC", "titel", "Lindo\xCC\x88", "Lindö"),
    TEXT("text keeps inner commas", "titel", "Nora, del 2; slut", "Nora, del 2; slut"),
    MISSING("text empty", "titel", ""),
    /* bytes that are not UTF-8 */
    BAD("invalid UTF-8 text", "titel", "Lind\xF6", "cellen är inte giltig UTF-8-text, fast filen före den är det: den ser ut som Windows-1252 ('Lindö' i Windows-1252), så filen blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"),
    BAD("invalid UTF-8 amount", "belopp", "1\xFF", "cellen är inte giltig UTF-8-text, fast filen före den är det: filen blandar teckenkodningar eller är skadad; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"),
    BAD("invalid UTF-8 set", "fokus", "\xC3", "cellen är inte giltig UTF-8-text, fast filen före den är det: filen blandar teckenkodningar eller är skadad; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"),
    BAD("invalid UTF-8 key", "kommun", "Lind\xC3\x28", "cellen är inte giltig UTF-8-text, fast filen före den är det: filen blandar teckenkodningar eller är skadad; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))"),
};

START_TEST(cell)
{
    const CellRow *row = &cell_rows[_i];
    World w;
    world_prelude(&w);
    int f = field_of(&w, row->field);
    Value v;
    memset(&v, 0xAB, sizeof v);
    char why[600] = "";
    bool ok = input_cell(w.prog, w.tables, w.prog->fields[f].type, row->cell, strlen(row->cell), &w.a, &v, why,
                         sizeof why);
    if (row->why) {
        ck_assert_msg(!ok, "%s: accepted, expected \"%s\"", row->name, row->why);
        ck_assert_msg(strcmp(why, row->why) == 0, "%s: message\n  \"%s\"\nexpected\n  \"%s\"", row->name, why, row->why);
        world_free(&w);
        return;
    }
    ck_assert_msg(ok, "%s: rejected: %s", row->name, why);
    ck_assert_msg(v.kind == row->kind, "%s: kind %d, expected %d", row->name, (int)v.kind, (int)row->kind);
    switch (row->kind) {
    case VAL_MISSING:
    case VAL_PERCENT:   /* input never yields a percentage */
        break;
    case VAL_TEXT:
        ck_assert_msg(v.u.text.len == strlen(row->text) && memcmp(v.u.text.s, row->text, v.u.text.len) == 0,
                      "%s: text '%.*s', expected '%s'", row->name, (int)v.u.text.len, v.u.text.s, row->text);
        break;
    case VAL_INT:
        ck_assert_msg(v.u.i == row->x, "%s: %" PRId64 ", expected %" PRId64, row->name, v.u.i, row->x);
        break;
    case VAL_MONEY:
        ck_assert_msg(v.u.money == row->x, "%s: %" PRId64 " öre, expected %" PRId64, row->name, v.u.money, row->x);
        break;
    case VAL_BOOL:
        ck_assert_msg(v.u.b == (row->x != 0), "%s: %d, expected %d", row->name, (int)v.u.b, (int)row->x);
        break;
    case VAL_ENUM: case VAL_FOCUS:
        ck_assert_msg(v.u.e == row->x, "%s: member %d, expected %d", row->name, (int)v.u.e, (int)row->x);
        break;
    case VAL_SET:
        ck_assert_msg(v.u.set == (uint64_t)row->x, "%s: set %#" PRIx64 ", expected %#" PRIx64, row->name, v.u.set,
                      (uint64_t)row->x);
        break;
    case VAL_RANGE:
        ck_assert_msg(v.u.range.lo == row->x && v.u.range.hi == row->y,
                      "%s: %" PRId64 "..%" PRId64 ", expected %" PRId64 "..%" PRId64, row->name, v.u.range.lo,
                      v.u.range.hi, row->x, row->y);
        break;
    case VAL_KEY:
        ck_assert_msg(v.u.key == row->x, "%s: row %d, expected %d", row->name, (int)v.u.key, (int)row->x);
        break;
    }
    world_free(&w);
}
END_TEST

/* ====================================================================
** whole application files
** ==================================================================== */

#define MAX_RESULTS 8

typedef struct AppsRow {
    const char *name;
    const char *file;           /* in the fixture folder */
    const char *text;           /* its content; NULL: the file does not exist */
    const char *fields;         /* fields shown for each valid application, comma-separated */
    const char *results[MAX_RESULTS]; /* one per apps_next until APP_END */
    const char *messages;       /* every message, each ending in '\n'; '@' is the file's path */
    size_t read, valid, rejected;
} AppsRow;

/* A row whose apps_open fails: messages say why. */
#define OPEN_FAILS NULL

/* Results: "ok RECORD:LINE KEY | field | field …" (values as value_format
** writes them), "rejected" or "fatal". */
static const AppsRow apps_rows[] = {
    /* ---- CSV ---- */
    {"csv comma",
     "a.csv",
     "Diarienummer,Sökt belopp,Sökandetyp,Fokusområden,Kommun\n"
     "A-1,1500000,kommun,samverkan,Ekeby\n"
     "A-2,1 500 000 kr,Region,\"samverkan, digital\",granvik\n",
     "belopp,typ,fokus,kommun,målgrupp,insatser",
     {"ok 1:2 A-1 | 1 500 000 kr | kommun | samverkan | Ekeby | (saknas) | (inga)",
      "ok 2:3 A-2 | 1 500 000 kr | region | samverkan, digital | Granvik | (saknas) | (inga)"},
     "", 2, 2, 0},
    {"csv semicolon with BOM and CRLF",
     "b.csv",
     "\xEF\xBB\xBF" "Diarienummer;Sökt belopp;Fokusområden;Målgrupp;Medfinansiering\r\n"   /* a UTF-8 BOM */
     "A-1;1,5 MSEK;samverkan, digital;12–22;Ja\r\n"
     "A-2;250 000;;15;nej\r\n",
     "belopp,fokus,målgrupp,medfin",
     {"ok 1:2 A-1 | 1 500 000 kr | samverkan, digital | 12..22 | ja",
      "ok 2:3 A-2 | 250 000 kr | (inga) | 15..15 | nej"},
     "", 2, 2, 0},
    {"csv without BOM, semicolon, LF",
     "c.csv",
     "Diarienummer;Sökt belopp;Kostnadsram\n"
     "A-1;100;50 000 kr..2 MSEK\n",
     "belopp,ram",
     {"ok 1:2 A-1 | 100 kr | 50 000 kr..2 000 000 kr"},
     "", 1, 1, 0},
    {"csv quoted cells with separators and line breaks",
     "d.csv",
     "Diarienummer,Sökt belopp,titel,Fokusområden\n"
     "A-1,\"1 500,50\",\"Nora, del 1; \"\"Ung\"\"\nrad två\",\"Egenvård, digitalvård och behandlingsstöd\"\n"
     "A-2,100,\"Kort\",\"samverkan|digital\"\n",
     "titel,fokus",
     {"ok 1:2 A-1 | Nora, del 1; \"Ung\"\nrad två | vård",
      "ok 2:4 A-2 | Kort | samverkan, digital"},
     "", 2, 2, 0},
    {"csv set members on lines of their own in a cell",
     "d2.csv",
     "Diarienummer,Sökt belopp,Fokusområden,Insatser\r\n"
     "A-1,100,\"samverkan,\r\ndigital\",\"kurator\n| läkare\n\"\r\n",
     "fokus,insatser",
     {"ok 1:2 A-1 | samverkan, digital | kurator, läkare"},
     "", 1, 1, 0},
    {"csv header by field name, any case",
     "e.csv",
     "ID,BELOPP,Titel,FOKUS\n"
     "A-1,100,Nora,digital\n",
     "belopp,titel,fokus",
     {"ok 1:2 A-1 | 100 kr | Nora | digital"},
     "", 1, 1, 0},
    {"csv header by column header, any case and form",
     "f.csv",
     "diarienummer, SO\xCC\x88KT BELOPP ,ANTAL DELTAGARE,sökandetyp\n"   /* a decomposed Ö */
     "A-1,100,12,privat\n",
     "belopp,deltagare,typ",
     {"ok 1:2 A-1 | 100 kr | 12 | privat"},
     "", 1, 1, 0},
    {"csv columns in any order, extra columns are warnings",
     "g.csv",
     "Okänd kolumn,Sökt belopp,Kommentar,Diarienummer,Antal deltagare,Medfinansiering,Sökandetyp,Huvudfokus,"
     "Fokusområden,Insatser,Målgrupp,Kostnadsram,Kommun,titel\n"
     "x,200,y,A-1,,,,,,,,,,\n",
     "belopp,titel",
     {"ok 1:2 A-1 | 200 kr | (saknas)"},
     "@: warning: kolumn 1 i rubrikraden, 'Okänd kolumn', är inget fält i regelfilen; den läses inte\n"
     "@: warning: kolumn 3 i rubrikraden, 'Kommentar', är inget fält i regelfilen; den läses inte\n", 1, 1, 0},
    /* A missing column beside one that matches nothing: likely its
    ** misspelling, so neither is passed over. */
    {"csv extra columns beside missing ones",
     "g2.csv",
     "Okänd kolumn,Sökt belopp,Kommentar,Diarienummer,Antal deltagar\n"
     "x,200,y,A-1,3\n",
     OPEN_FAILS,
     {NULL},
     "@: rubrikraden har ingen kolumn 'Antal deltagare' (fältet 'deltagare'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar; rubriken 'Antal deltagar' (kolumn 5) liknar den, felstavad\n"
     "@: rubrikraden har ingen kolumn 'Medfinansiering' (fältet 'medfin'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Sökandetyp' (fältet 'typ'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Huvudfokus' (fältet 'huvudfokus'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Fokusområden' (fältet 'fokus'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Insatser' (fältet 'insatser'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Målgrupp' (fältet 'målgrupp'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Kostnadsram' (fältet 'ram'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'Kommun' (fältet 'kommun'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: rubrikraden har ingen kolumn 'titel' (fältet 'titel'); lägg till kolumnen, eller rätta den som är menad för det; rubrikraden har: Okänd kolumn, Sökt belopp, Kommentar, Diarienummer, Antal deltagar\n"
     "@: kolumn 1 i rubrikraden, 'Okänd kolumn', är inget fält i regelfilen\n"
     "@: kolumn 3 i rubrikraden, 'Kommentar', är inget fält i regelfilen\n",
     0, 0, 0},
    {"csv missing key column",
     "h.csv",
     "Sökt belopp,titel\n"
     "100,Nora\n",
     OPEN_FAILS,
     {NULL},
     "@: rubrikraden har ingen kolumn 'Diarienummer' (fältet 'id'), som varje ansökan behöver; rubrikraden har: Sökt belopp, titel\n", 0, 0, 0},
    {"csv missing requested column",
     "i.csv",
     "Diarienummer;titel\n"
     "A-1;Nora\n",
     OPEN_FAILS,
     {NULL},
     "@: rubrikraden har ingen kolumn 'Sökt belopp' (fältet 'belopp'), som varje ansökan behöver; rubrikraden har: Diarienummer, titel\n", 0, 0, 0},
    {"csv missing both required columns",
     "j.csv",
     "titel\n"
     "Nora\n",
     OPEN_FAILS,
     {NULL},
     "@: rubrikraden har ingen kolumn 'Diarienummer' (fältet 'id'), som varje ansökan behöver; rubrikraden har: titel\n"
     "@: rubrikraden har ingen kolumn 'Sökt belopp' (fältet 'belopp'), som varje ansökan behöver; rubrikraden har: (se ovan)\n",
     0, 0, 0},
    {"csv headings written twice, each repeat named with the first",
     "h2.csv",
     "Titel; Diarienummer ;TITEL;Sökt belopp;diarienummer;;;titel\n"
     "x,A-1,x,100,A-1,,,x\n",
     OPEN_FAILS,
     {NULL},
     "@: rubrikraden har kolumnen 'TITEL' två gånger (kolumn 1 och 3)\n"
     "@: rubrikraden har kolumnen 'diarienummer' två gånger (kolumn 2 och 5)\n"
     "@: rubrikraden har kolumnen 'titel' två gånger (kolumn 1 och 8)\n",
     0, 0, 0},
    {"csv missing optional columns",
     "k2.csv",
     "Diarienummer,Sökt belopp\n"
     "A-1,100\n",
     "deltagare,medfin,typ,huvudfokus,målgrupp,ram,kommun,titel,fokus,insatser",
     {"ok 1:2 A-1 | (saknas) | (saknas) | (saknas) | (saknas) | (saknas) | (saknas) | (saknas) | (saknas) | (inga) | (inga)"},
     "", 1, 1, 0},
    {"csv empty optional cells",
     "l.csv",
     "Diarienummer,Sökt belopp,Antal deltagare,Sökandetyp,Kommun,Insatser\n"
     "A-1,100,,,,\n",
     "deltagare,typ,kommun,insatser",
     {"ok 1:2 A-1 | (saknas) | (saknas) | (saknas) | (inga)"},
     "", 1, 1, 0},
    {"csv wrong number of cells",
     "m.csv",
     "Diarienummer,Sökt belopp\n"
     "A-1,100\n"
     "A-2\n"
     "A-3,100,extra\n"
     "A-4,300\n",
     "belopp",
     {"ok 1:2 A-1 | 100 kr", "rejected", "rejected", "ok 4:5 A-4 | 300 kr"},
     "@:3: raden har 1 cell men rubrikraden har 2\n"
     "@:4: raden har 3 celler men rubrikraden har 2\n",
     4, 2, 2},
    {"csv several bad cells in one row",
     "n.csv",
     "Diarienummer,Sökt belopp,Sökandetyp,Målgrupp,Fokusområden\n"
     "A-1,\"1,5,0\",stat,22..12,samverkan\n"
     "A-2,100,kommun,12..22,digital\n",
     "belopp",
     {"rejected", "ok 2:3 A-2 | 100 kr"},
     "@:2: kolumn 'Sökt belopp': '1,5,0' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK\n"
     "@:2: kolumn 'Sökandetyp': 'stat' är inget av de tillåtna värdena: " TYP_LIST "\n"
     "@:2: kolumn 'Målgrupp': '22..12' är inget intervall: det slutar innan det börjar; skriv det mindre värdet först, som i 12..22\n",
     2, 1, 1},
    {"csv empty required cells",
     "o.csv",
     "Diarienummer,Sökt belopp,titel\n"
     ",,Nora\n"
     "A-2, ,x\n",
     "belopp",
     {"rejected", "rejected"},
     "@:2: kolumn 'Diarienummer' är tom; varje ansökan behöver den\n"
     "@:2: kolumn 'Sökt belopp' är tom; varje ansökan behöver den\n"
     "@:3: kolumn 'Sökt belopp' är tom; varje ansökan behöver den\n",
     2, 0, 2},
    {"csv duplicate key",
     "p.csv",
     "Diarienummer,Sökt belopp\n"
     "A-1,100\n"
     "A-2,200\n"
     "A-1,300\n",
     "belopp",
     {"ok 1:2 A-1 | 100 kr", "ok 2:3 A-2 | 200 kr", "rejected"},
     "@:4: Diarienummer 'A-1' används två gånger (första gången på rad 2)\n",
     3, 2, 1},
    {"csv duplicate key after a multi-line cell",
     "q.csv",
     "Diarienummer,Sökt belopp,titel\n"
     "A-1,100,\"a\nb\nc\"\n"
     "A-1,200,d\n",
     "belopp",
     {"ok 1:2 A-1 | 100 kr", "rejected"},
     "@:5: Diarienummer 'A-1' används två gånger (första gången på rad 2)\n",
     2, 1, 1},
    {"csv bad cell and invalid UTF-8",
     "r.csv",
     "Diarienummer,Sökt belopp,titel,Kommun\n"
     "A-1,100,Lind\xF6,Ankeborg\n",   /* ö in Windows-1252 */
     "belopp",
     {"rejected"},
     "@:2: kolumn 'Kommun': 'Ankeborg' finns inte i datafilen 'k.csv'\n"
     "@:2: kolumn 'titel': cellen är inte giltig UTF-8-text, fast filen före den är det: den ser ut som Windows-1252 ('Lindö' i Windows-1252), så filen blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n",
     1, 0, 1},
    {"csv header only",
     "s.csv",
     "Diarienummer,Sökt belopp\n",
     "belopp",
     {NULL},
     "", 0, 0, 0},
    {"csv empty file",
     "t.csv",
     "",
     OPEN_FAILS,
     {NULL},
     "@: filen är tom; den behöver en rubrikrad\n", 0, 0, 0},
    {"csv missing file",
     "nonexistent.csv",
     NULL,
     OPEN_FAILS,
     {NULL},
     "@: kan inte läsa ansökningarna: filen eller mappen finns inte\n", 0, 0, 0},
    {"csv unterminated quote rejects the row",
     "u.csv",
     "Diarienummer,Sökt belopp\n"
     "A-1,100\n"
     "A-2,\"200\n",
     "belopp",
     {"ok 1:2 A-1 | 100 kr", "rejected"},
     "@:3:5: kolumn 'Sökt belopp': ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken\n",
     2, 1, 1},
    {"csv stray quotes reject their rows, reading goes on",
     "q.csv",
     "Diarienummer,Sökt belopp\n"
     "A-1,1\"00\n"
     "\"A-2\"x,200\n"
     "A-3,300\n",
     "belopp",
     {"rejected", "rejected", "ok 3:4 A-3 | 300 kr"},
     "@:2:6: kolumn 'Sökt belopp': ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n"
     "@:3:6: kolumn 'Diarienummer': text efter det avslutande citattecknet i en cell inom citattecken; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n",
     3, 1, 2},
    /* ---- JSON: an array of objects ---- */
    {"json array",
     "a.json",
     "[\n"
     "  {\"Diarienummer\": \"A-1\", \"Sökt belopp\": 1500000, \"Fokusområden\": [\"samverkan\", \"Digitala tillgänglighetslösningar\"],\n"
     "   \"Målgrupp\": [12, 22], \"Medfinansiering\": true, \"Kommun\": \"ekeby\", \"Sökandetyp\": null,\n"
     "   \"Antal deltagare\": 40, \"Kostnadsram\": [\"50 000 kr\", \"2 MSEK\"]},\n"
     "  {\"id\": \"A-2\", \"belopp\": \"1,5 MSEK\", \"medfin\": false, \"fokus\": [], \"insatser\": [\"kurator\", \"LÄKARE\"],\n"
     "   \"målgrupp\": \"15\", \"titel\": \"Nora, del 2\"}\n"
     "]\n",
     "belopp,fokus,målgrupp,medfin,kommun,typ,deltagare,ram,insatser,titel",
     {"ok 1:0 A-1 | 1 500 000 kr | samverkan, digital | 12..22 | ja | Ekeby | (saknas) | 40 | 50 000 kr..2 000 000 kr | (inga) | (saknas)",
      "ok 2:0 A-2 | 1 500 000 kr | (inga) | 15..15 | nej | (saknas) | (saknas) | (saknas) | (saknas) | kurator, läkare | Nora, del 2"},
     "", 2, 2, 0},
    {"json array with BOM",
     "b.json",
     "\xEF\xBB\xBF[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": \"100 kr\"}]",   /* a UTF-8 BOM */
     "belopp",
     {"ok 1:0 A-1 | 100 kr"},
     "", 1, 1, 0},
    {"json empty array",
     "c.json",
     "[]\n",
     "belopp",
     {NULL},
     "", 0, 0, 0},
    {"json array syntax error",
     "d.json",
     "[\n"
     "  {\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100},\n"
     "  {\"Diarienummer\": \"A-2\" \"Sökt belopp\": 100}\n"
     "]\n",
     OPEN_FAILS,
     {NULL},
     "@:3:38: syntaxfel i JSON: här väntades '}' vid '\"Sökt belopp\"'\n", 0, 0, 0},
    {"json array syntax error after leading blank lines",
     "e.json",
     "\n\n"
     "[\n"
     "  {\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100,}\n"
     "]\n",
     OPEN_FAILS,
     {NULL},
     "@:4:46: syntaxfel i JSON: här väntades en text eller '}' vid '}'\n", 0, 0, 0},
    {"json element that is no object",
     "f.json",
     "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}, 5, \"A-3\", [1], {\"Diarienummer\": \"A-5\", \"Sökt belopp\": 500}]",
     "belopp",
     {"ok 1:0 A-1 | 100 kr", "rejected", "rejected", "rejected", "ok 5:0 A-5 | 500 kr"},
     "@: post 2: en ansökan ska vara ett JSON-objekt\n"
     "@: post 3: en ansökan ska vara ett JSON-objekt\n"
     "@: post 4: en ansökan ska vara ett JSON-objekt\n",
     5, 2, 3},
    {"json bad values, every one reported",
     "g.json",
     "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 1.5, \"Sökandetyp\": {\"a\": 1}, \"Fokusområden\": [\"samverkan\", 2.5],\n"
     "  \"Målgrupp\": [22, 12], \"Medfinansiering\": \"kanske\"},\n"
     " {\"Sökt belopp\": -5, \"titel\": \"x\"},\n"
     " {\"Diarienummer\": null, \"Sökt belopp\": \"1,5,0\"}]",
     "belopp",
     {"rejected", "rejected", "rejected"},
     "@: post 1: fält 'Sökt belopp': ett tal med decimaler (skriv belopp som text, t.ex. \"1,5 MSEK\") kan inte läsas här\n"
     "@: post 1: fält 'Medfinansiering': 'kanske' är varken ja eller nej: skriv ja eller nej (eller x för ja)\n"
     "@: post 1: fält 'Sökandetyp': ett JSON-objekt kan inte läsas här\n"
     "@: post 1: fält 'Fokusområden': listan får bara innehålla texter och heltal\n"
     "@: post 1: fält 'Målgrupp': '22..12' är inget intervall: det slutar innan det börjar; skriv det mindre värdet först, som i 12..22\n"
     "@: post 2: fält 'Diarienummer' saknas; varje ansökan behöver det\n"
     "@: post 2: fält 'Sökt belopp': '-5' är inget belopp: belopp kan inte vara negativa\n"
     "@: post 3: fält 'Diarienummer' saknas; varje ansökan behöver det\n"
     "@: post 3: fält 'Sökt belopp': '1,5,0' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK\n",
     3, 0, 3},
    {"json duplicate key",
     "h.json",
     "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100},\n"
     " {\"Diarienummer\": \"A-2\", \"Sökt belopp\": 200},\n"
     " {\"Diarienummer\": \"A-1\", \"Sökt belopp\": 300}]",
     "belopp",
     {"ok 1:0 A-1 | 100 kr", "ok 2:0 A-2 | 200 kr", "rejected"},
     "@: post 3: Diarienummer 'A-1' används två gånger (första gången i post 1)\n",
     3, 2, 1},
    {"json keys matched ignoring case, like CSV headers",
     "i.json",
     "[{\"diarienummer\": \"A-1\", \"SÖKT BELOPP\": 100, \"Fokusområden\": \"digital\"}]",
     "belopp,fokus",
     {"ok 1:0 A-1 | 100 kr | digital"},
     "", 1, 1, 0},
    /* ---- JSON Lines ---- */
    {"json lines",
     "a.jsonl",
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100, \"Fokusområden\": \"samverkan, digital\"}\n"
     "\n"
     "   \r\n"
     "{\"Diarienummer\": \"A-2\", \"Sökt belopp\": 200,}\n"
     "{\"Diarienummer\": \"A-3\", \"Sökt belopp\": \"3 tkr\"}\r\n"
     "[1]\n"
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 500}",
     "belopp,fokus",
     {"ok 1:1 A-1 | 100 kr | samverkan, digital", "rejected", "ok 3:5 A-3 | 3 000 kr | (inga)", "rejected",
      "rejected"},
     "@:4:44: syntaxfel i JSON: här väntades en text eller '}' vid '}'\n"
     "@:6: en ansökan ska vara ett JSON-objekt\n"
     "@:7: Diarienummer 'A-1' används två gånger (första gången på rad 1)\n",
     5, 2, 3},
    {"json lines in a .json file",
     "j.json",
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}\n"
     "{\"Diarienummer\": \"A-2\", \"Sökt belopp\": 200}\n",
     "belopp",
     {"ok 1:1 A-1 | 100 kr", "ok 2:2 A-2 | 200 kr"},
     "", 2, 2, 0},
    {"json lines .ndjson, a bad field",
     "b.ndjson",
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100, \"Målgrupp\": [15]}\n"
     "{\"Diarienummer\": \"A-2\", \"Sökt belopp\": \"1,5,0\", \"Kommun\": \"Ankeborg\"}\n",
     "belopp,målgrupp",
     {"ok 1:1 A-1 | 100 kr | 15..15", "rejected"},
     "@:2: fält 'Sökt belopp': '1,5,0' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK\n"
     "@:2: fält 'Kommun': 'Ankeborg' finns inte i datafilen 'k.csv'\n",
     2, 1, 1},
    {"json lines after leading blank lines",
     "c.jsonl",
     "\n"
     "\n"
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}\n"
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 200}\n"
     "{\"Diarienummer\": \"A-3\", \"Sökt belopp\": 300,}\n",
     "belopp",
     {"ok 1:3 A-1 | 100 kr", "rejected", "rejected"},
     "@:4: Diarienummer 'A-1' används två gånger (första gången på rad 3)\n"
     "@:5:44: syntaxfel i JSON: här väntades en text eller '}' vid '}'\n",
     3, 1, 2},
    {"json lines in a .json file, the first line broken",
     "k.json",
     "\n"
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100,}\n"
     "{\"Diarienummer\": \"A-2\", \"Sökt belopp\": 200}\n",
     "belopp",
     {"rejected", "ok 2:3 A-2 | 200 kr"},
     "@:2:44: syntaxfel i JSON: här väntades en text eller '}' vid '}'\n",
     2, 1, 1},
    {"json lines empty file",
     "d.jsonl",
     "",
     OPEN_FAILS,
     {NULL},
     "@: filen är tom; den behöver ett JSON-objekt per ansökan, ett per rad\n", 0, 0, 0},
    /* ---- JSON that is neither ---- */
    {"json empty file, blanks and a BOM",
     "l.json",
     "\xEF\xBB\xBF \n\t\r\n",   /* a UTF-8 BOM */
     OPEN_FAILS,
     {NULL},
     "@: filen är tom; den behöver en JSON-lista med ansökningar, [ {…}, {…} ]\n", 0, 0, 0},
    {"json one object",
     "m.json",
     "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}\n",
     OPEN_FAILS,
     {NULL},
     "@: filen innehåller ett JSON-objekt, men ansökningarna ska vara en JSON-lista, [ {…}, {…} ]; skriv [ {…} ] för en "
     "enda ansökan\n",
     0, 0, 0},
    {"json one object around the array",
     "n.json",
     "{\"antal\": 1,\n"
     " \"ansökningar\": [{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}]}\n",
     OPEN_FAILS,
     {NULL},
     "@: filen innehåller ett JSON-objekt, men ansökningarna ska vara en JSON-lista, [ {…}, {…} ]; om de är listan i "
     "dess medlem 'ansökningar', gör den listan till hela filen\n",
     0, 0, 0},
    {"json one object over several lines, broken",
     "o.json",
     "\n"
     "{\n"
     "  \"Diarienummer\": \"A-1\",\n"
     "}\n",
     OPEN_FAILS,
     {NULL},
     "@:4:1: syntaxfel i JSON: här väntades en text eller '}' vid '}'; ansökningarna ska vara en JSON-lista, [ {…}, {…} ]\n",
     0, 0, 0},
    {"json true for an amount is shown as written",
     "p.json",
     "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": true, \"Titel\": false}]",
     "belopp",
     {"rejected"},
     "@: post 1: fält 'Sökt belopp': 'true' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK\n",
     1, 0, 1},
};

/* The application as "ok RECORD:LINE KEY | value | …". */
static void show_app(const World *w, const Application *app, const char *fields, char *buf, size_t n)
{
    size_t at = (size_t)snprintf(buf, n, "ok %zu:%zu %s", app->record, app->line, app->key ? app->key : "(no key)");
    char names[256];
    snprintf(names, sizeof names, "%s", fields);
    for (char *save = NULL, *f = strtok_r(names, ",", &save); f && at < n; f = strtok_r(NULL, ",", &save)) {
        int k = field_of(w, f);
        char v[256];
        value_format(w->prog, w->tables, w->prog->fields[k].type, &app->values[k], v, sizeof v);
        at += (size_t)snprintf(buf + at, n - at, " | %s", v);
    }
}

/* Plain digit cells take a short path in input_cell; it must agree with the
** general parsers (money_parse, decimal_parse) on every length and on
** leading zeros, and leave 16 digits and more to them. */
START_TEST(cell_plain_digits)
{
    World w;
    world_prelude(&w);
    int fm = field_of(&w, "belopp"), fi = field_of(&w, "deltagare");
    char digits[32];
    uint64_t x = 88172645463325252u;
    for (int k = 0; k < 2000; k++) {
        x ^= x << 13, x ^= x >> 7, x ^= x << 17;
        size_t len = 1 + (size_t)(x % 19);
        for (size_t i = 0; i < len; i++)
            digits[i] = (char)('0' + (x >> (3 * i)) % 10);
        digits[len] = '\0';
        if (k % 7 == 0)
            digits[0] = '0';   /* leading zeros */
        Value v;
        char why[256];
        Money m;
        size_t us, ul;
        bool want = money_parse(digits, len, true, &m, &us, &ul) == MONEY_OK;
        bool got = input_cell(w.prog, w.tables, w.prog->fields[fm].type, digits, len, &w.a, &v, why, sizeof why);
        ck_assert_msg(got == want, "amount '%s': accepted %d, money_parse %d", digits, got, want);
        if (got)
            ck_assert_msg(v.kind == VAL_MONEY && v.u.money == m, "amount '%s'", digits);
        Ratio r;
        want = decimal_parse(digits, len, &r) == MONEY_OK && r.den == 1;
        got = input_cell(w.prog, w.tables, w.prog->fields[fi].type, digits, len, &w.a, &v, why, sizeof why);
        ck_assert_msg(got == want, "integer '%s': accepted %d, decimal_parse %d", digits, got, want);
        if (got)
            ck_assert_msg(v.kind == VAL_INT && v.u.i == r.num, "integer '%s'", digits);
    }
    world_free(&w);
}
END_TEST

/* msgs without its lines that are warnings; in `a`. */
static const char *without_warnings(Arena *a, const char *msgs)
{
    char *out = arena_alloc(a, strlen(msgs) + 1), *o = out;
    for (const char *p = msgs; *p;) {
        const char *nl = strchr(p, '\n');
        size_t len = nl ? (size_t)(nl - p + 1) : strlen(p);
        const char *w = strstr(p, ": warning: ");
        if (!w || w >= p + len) {
            memcpy(o, p, len);
            o += len;
        }
        p += len;
    }
    *o = '\0';
    return out;
}

START_TEST(apps)
{
    const AppsRow *row = &apps_rows[_i];
    World w;
    world_prelude(&w);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, row->file);
    if (row->text)
        write_file(row->file, row->text, strlen(row->text));
    else
        remove_file(row->file);
    AppReader *r = apps_open(w.prog, w.tables, path, INPUT_AUTO, collect, &w);
    if (!row->fields) {
        ck_assert_msg(r == NULL, "%s: apps_open succeeded", row->name);
    } else {
        fflush(w.msgs_f);
        ck_assert_msg(r != NULL, "%s: apps_open failed: %s", row->name, w.msgs);
        Arena rows;
        arena_init(&rows);
        for (int k = 0;; k++) {
            ck_assert_int_le(k, MAX_RESULTS);
            Application app;
            AppStatus st = apps_next(r, &rows, &app);
            const char *want = k < MAX_RESULTS ? row->results[k] : NULL;
            if (st == APP_END) {
                ck_assert_msg(want == NULL, "%s: result %d: end, expected \"%s\"", row->name, k + 1, want);
                break;
            }
            char got[1024];
            if (st == APP_OK)
                show_app(&w, &app, row->fields, got, sizeof got);
            else
                snprintf(got, sizeof got, "%s", st == APP_REJECTED ? "rejected" : "fatal");
            ck_assert_msg(want != NULL, "%s: result %d: \"%s\", expected the end", row->name, k + 1, got);
            fflush(w.msgs_f);
            ck_assert_msg(strcmp(got, want) == 0, "%s: result %d:\n  \"%s\"\nexpected\n  \"%s\"\nmessages:\n%s", row->name,
                          k + 1, got, want, w.msgs);
            if (st == APP_FATAL)
                break;
        }
        AppCounts c = apps_counts(r);
        ck_assert_msg(c.read == row->read && c.valid == row->valid && c.rejected == row->rejected,
                      "%s: read %zu, valid %zu, rejected %zu; expected %zu, %zu, %zu", row->name, c.read, c.valid,
                      c.rejected, row->read, row->valid, row->rejected);
        apps_close(r);
        arena_free(&rows);
    }
    fflush(w.msgs_f);
    const char *want = expand(&w.a, row->messages, path);
    /* The files here leave out most optional columns, which is a warning
    ** each (pinned by the rows that expect warnings and by header_rule);
    ** rows that expect none are compared without them. */
    const char *got = strstr(want, ": warning: ") ? w.msgs : without_warnings(&w.a, w.msgs);
    ck_assert_msg(strcmp(got, want) == 0, "%s: messages\n%s\nexpected\n%s", row->name, got, want);
    world_free(&w);
}
END_TEST

/* The format may be forced whatever the file is called. */
START_TEST(apps_forced_format)
{
    World w;
    world_prelude(&w);
    const char *jsonl = "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}\n";
    const char *json = "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}]\n";
    const char *csv = "Diarienummer;Sökt belopp\nA-1;100\n";
    write_file("lines.txt", jsonl, strlen(jsonl));
    write_file("array.txt", json, strlen(json));
    write_file("table.json", csv, strlen(csv));
    char path[256];
    static const struct {
        const char *file;
        InputFormat fmt;
    } cases[] = {{"lines.txt", INPUT_JSONL}, {"array.txt", INPUT_JSON}, {"table.json", INPUT_CSV}};
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        AppReader *r = apps_open(w.prog, w.tables, path, cases[i].fmt, collect, &w);
        ck_assert_msg(r != NULL, "case %zu: apps_open failed", i);
        Application app;
        ck_assert_int_eq(apps_next(r, &w.a, &app), APP_OK);
        ck_assert_str_eq(app.key, "A-1");
        ck_assert_int_eq(app.values[F_BELOPP].kind, VAL_MONEY);
        ck_assert_int_eq(app.values[F_BELOPP].u.money, KR(100));
        ck_assert_int_eq(apps_next(r, &w.a, &app), APP_END);
        apps_close(r);
    }
    fflush(w.msgs_f);
    ck_assert_str_eq(without_warnings(&w.a, w.msgs), "");
    /* Forced to JSON, one object alone is no array of applications. */
    snprintf(path, sizeof path, "%s/lines.txt", dir);
    ck_assert_ptr_null(apps_open(w.prog, w.tables, path, INPUT_JSON, collect, &w));
    fflush(w.msgs_f);
    ck_assert_ptr_nonnull(strstr(w.msgs, "filen innehåller ett JSON-objekt, men ansökningarna ska vara en JSON-lista"));
    world_free(&w);
}
END_TEST

/* Reads every row of apps file `name` (written from text[0..len)) and
** returns the counts; messages go to w. */
static AppCounts read_counts(World *w, const char *name, const char *text, size_t len, bool *opened)
{
    write_file(name, text, len);
    char path[256];
    snprintf(path, sizeof path, "%s/%s", dir, name);
    AppReader *r = apps_open(w->prog, w->tables, path, INPUT_AUTO, collect, w);
    AppCounts c = {0};
    *opened = r != NULL;
    if (!r)
        return c;
    Arena rows;
    arena_init(&rows);
    Application app;
    AppStatus st;
    while ((st = apps_next(r, &rows, &app)) != APP_END && st != APP_FATAL)
        arena_reset(&rows);
    c = apps_counts(r);
    apps_close(r);
    arena_free(&rows);
    return c;
}

/* Two stray quotes far apart in a large file: each names its own line and
** every valid row between them is read (the first used to swallow them all
** into one cell). */
START_TEST(apps_stray_quotes)
{
    World w;
    world_prelude(&w);
    enum { ROWS = 200000, Q1 = 1000, Q2 = 150000 };
    size_t cap = (size_t)ROWS * 32 + 64, at = 0;
    char *text = malloc(cap);
    ck_assert_ptr_nonnull(text);
    at += (size_t)snprintf(text + at, cap - at, "Diarienummer,titel,Sökt belopp\n");
    for (int i = 1; i <= ROWS; i++) {
        if (i == Q1 || i == Q2)
            at += (size_t)snprintf(text + at, cap - at, "A-%d,\"Titel,%d\n", i, i);   /* a stray quote */
        else
            at += (size_t)snprintf(text + at, cap - at, "A-%d,Titel,%d\n", i, i);
    }
    bool opened;
    AppCounts c = read_counts(&w, "stray.csv", text, at, &opened);
    free(text);
    ck_assert(opened);
    ck_assert_uint_eq(c.read, ROWS);
    ck_assert_uint_eq(c.valid, ROWS - 2);
    ck_assert_uint_eq(c.rejected, 2);
    fflush(w.msgs_f);
    char path[256];
    snprintf(path, sizeof path, "%s/stray.csv", dir);
    const char *want = arena_printf(&w.a,
        "%s:1001:8: kolumn 'titel': ett citattecken öppnar en cell som löper till rad 150001, där text följer efter det avslutande citattecknet; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad 1002)\n"
        "%s:150001:10: kolumn 'titel': ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken\n",
        path, path);
    ck_assert_str_eq(without_warnings(&w.a, w.msgs), want);
    world_free(&w);
}
END_TEST

/* A description over several lines, as Excel writes Alt+Enter, is one
** cell; so is one with the header's number of cells on its own lines. */
START_TEST(apps_multiline_cell)
{
    World w;
    world_prelude(&w);
    const char *csv = "Diarienummer,titel,Sökt belopp\n"
                      "A-1,\"Rad ett\nrad två, med komma\",100\n"
                      "A-2,\"x\ny,z,w\",200\n"
                      "A-3,Titel,300\n";
    write_file("multi.csv", csv, strlen(csv));
    char path[256];
    snprintf(path, sizeof path, "%s/multi.csv", dir);
    AppReader *r = apps_open(w.prog, w.tables, path, INPUT_AUTO, collect, &w);
    ck_assert_ptr_nonnull(r);
    Application app;
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_OK);
    ck_assert_str_eq(app.values[F_TITEL].u.text.s, "Rad ett\nrad två, med komma");
    ck_assert_uint_eq(app.line, 2);
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_OK);
    ck_assert_str_eq(app.values[F_TITEL].u.text.s, "x\ny,z,w");
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_OK);
    ck_assert_str_eq(app.key, "A-3");
    ck_assert_uint_eq(app.line, 6);
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_END);
    apps_close(r);
    fflush(w.msgs_f);
    ck_assert_str_eq(without_warnings(&w.a, w.msgs), "");
    world_free(&w);
}
END_TEST

/* A quoted cell whose inner lines read as whole rows took them in by a
** stray quote, even when the record's cells add up: it is rejected, and
** those rows are read. */
START_TEST(apps_swallowed_rows)
{
    World w;
    world_prelude(&w);
    const char *csv = "Diarienummer,titel,Sökt belopp\n"
                      "A-1,\"Titel\n"
                      "A-2,Titel,200\n"
                      "A-3,Titel\",300\n"
                      "A-4,Titel,400\n";
    bool opened;
    AppCounts c = read_counts(&w, "swallow.csv", csv, strlen(csv), &opened);
    ck_assert(opened);
    ck_assert_uint_eq(c.read, 4);
    ck_assert_uint_eq(c.valid, 2);
    ck_assert_uint_eq(c.rejected, 2);
    fflush(w.msgs_f);
    char path[256];
    snprintf(path, sizeof path, "%s/swallow.csv", dir);
    ck_assert_str_eq(without_warnings(&w.a, w.msgs), arena_printf(&w.a,
        "%s:2:5: kolumn 'titel': ett citattecken öppnar en cell som löper till rad 4, och dess rad 3 läses som en hel rad med 3 celler; ta bort citattecknet om det är felplacerat, eller skriv det som \"\" (läsningen fortsätter på rad 3)\n"
        "%s:4:10: kolumn 'titel': ett citattecken mitt i en cell; sätt hela cellen inom citattecken och skriv ett citattecken i den som \"\"\n",
        path, path));
    world_free(&w);
}
END_TEST

/* The header rule over generated headers: for random subsets,
** permutations, misspellings and extra cells of the schema's columns,
** every declared column is matched or named in a message, and every header
** cell is matched or named in one; and the run stops exactly when a
** required column is missing or a missing one meets an unknown cell. */
START_TEST(header_rule)
{
    static const char *const extra[] = {"Kommentar", "Handläggare", "Övrigt"};
    unsigned seed = 12345;
    for (int round = 0; round < 300; round++) {
        World w;
        world_prelude(&w);
        const Program *p = w.prog;
        char cells[N_FIELDS + 3][80];
        bool declared[N_FIELDS + 3];
        size_t n = 0;
        for (size_t i = 0; i < p->n_fields; i++) {
            seed = seed * 1103515245u + 12345u;
            unsigned pick = (seed >> 16) % 8;
            if (i <= 1)
                pick = pick < 2 ? 7 : pick;   /* the required ones mostly present */
            if (pick == 0)
                continue;   /* left out */
            const char *col = p->fields[i].column;
            if (pick == 1) {
                /* misspelt: the last letter dropped */
                snprintf(cells[n], sizeof cells[n], "%.*s", (int)strlen(col) - 1, col);
                declared[n++] = false;
            } else if (pick == 2) {
                /* another case: still the column */
                snprintf(cells[n], sizeof cells[n], "%s", col);
                for (char *c = cells[n]; *c; c++)
                    if (*c >= 'a' && *c <= 'z')
                        *c = (char)(*c - 'a' + 'A');
                declared[n++] = true;
            } else {
                snprintf(cells[n], sizeof cells[n], "%s", col);
                declared[n++] = true;
            }
        }
        seed = seed * 1103515245u + 12345u;
        size_t n_extra = (seed >> 16) % 3 == 0 ? (seed >> 20) % 3 + 1 : 0;
        for (size_t k = 0; k < n_extra; k++) {
            snprintf(cells[n], sizeof cells[n], "%s", extra[k]);
            declared[n++] = false;
        }
        /* shuffle */
        for (size_t i = n; i > 1; i--) {
            seed = seed * 1103515245u + 12345u;
            size_t j = (seed >> 16) % i;
            char tmp[80];
            memcpy(tmp, cells[i - 1], sizeof tmp);
            memcpy(cells[i - 1], cells[j], sizeof tmp);
            memcpy(cells[j], tmp, sizeof tmp);
            bool d = declared[i - 1];
            declared[i - 1] = declared[j];
            declared[j] = d;
        }
        char text[2048];
        size_t at = 0;
        for (size_t i = 0; i < n; i++)
            at += (size_t)snprintf(text + at, sizeof text - at, "%s%s", i ? ";" : "", cells[i]);
        at += (size_t)snprintf(text + at, sizeof text - at, "\n");
        if (n == 0)
            at = (size_t)snprintf(text, sizeof text, "X\n");
        bool opened;
        read_counts(&w, "hdr.csv", text, at, &opened);
        fflush(w.msgs_f);
        /* Every header cell not declared is named, with its column number. */
        size_t n_unknown = 0;
        for (size_t i = 0; i < n; i++) {
            if (declared[i])
                continue;
            n_unknown++;
            char say[160], like[160];
            snprintf(say, sizeof say, "kolumn %zu i rubrikraden, '%.79s', är inget fält", i + 1, cells[i]);
            snprintf(like, sizeof like, "rubriken '%.79s' (kolumn %zu) liknar den", cells[i], i + 1);
            ck_assert_msg(strstr(w.msgs, say) || strstr(w.msgs, like), "round %d: header %s: '%s' not reported:\n%s", round,
                          text, cells[i], w.msgs);
        }
        /* Every declared column not in the header is named. */
        bool required_missing = false;
        size_t n_missing = 0;
        for (size_t f = 0; f < p->n_fields; f++) {
            bool found = false;
            for (size_t i = 0; i < n && !found; i++)
                found = declared[i] && strcasecmp(cells[i], p->fields[f].column) == 0;
            if (found)
                continue;
            n_missing++;
            required_missing |= f <= 1;
            char say[160];
            snprintf(say, sizeof say, "rubrikraden har ingen kolumn '%s' (fältet '%s')", p->fields[f].column, p->fields[f].name);
            ck_assert_msg(strstr(w.msgs, say), "round %d: header %s: '%s' not reported:\n%s", round, text,
                          p->fields[f].column, w.msgs);
        }
        bool want_open = !required_missing && !(n_missing && n_unknown);
        ck_assert_msg(opened == want_open, "round %d: header %s: opened %d, expected %d:\n%s", round, text, opened,
                      want_open, w.msgs);
        world_free(&w);
    }
}
END_TEST

/* Suggestions by edit distance, ignoring case and the marks on å, ä, ö. */
START_TEST(header_suggestion)
{
    World w;
    world_prelude(&w);
    const char *csv = "Diarienummer;Sökt belopp;MALGRUPP (år);Antal deltagre\nA-1;100;12..22;3\n";
    bool opened;
    read_counts(&w, "sugg.csv", csv, strlen(csv), &opened);
    ck_assert(!opened);
    fflush(w.msgs_f);
    ck_assert_msg(strstr(w.msgs, "rubriken 'Antal deltagre' (kolumn 4) liknar den, felstavad\n"), "%s", w.msgs);
    /* A unit after the name is taken for a note on it. */
    ck_assert_msg(strstr(w.msgs, "rubriken 'MALGRUPP (år)' (kolumn 3) liknar den, felstavad\n"), "%s", w.msgs);
    /* Said once: not again as a heading that matches nothing. */
    ck_assert_msg(!strstr(w.msgs, "är inget fält i regelfilen"), "%s", w.msgs);
    ck_assert_int_eq(input_failure(), STATUS_HEADER);
    world_free(&w);
}
END_TEST

/* A string literal's bytes and their number, NULs inside included. */
#define BYTES(s) s, sizeof(s) - 1

/* Files that are not UTF-8 are said to be so, never guessed at. */
START_TEST(apps_encodings)
{
    World w;
    world_prelude(&w);
    static const struct {
        const char *file, *text;
        size_t len;
        const char *want;
    } cases[] = {
        {"u16be.csv", BYTES("\0D\0i\0a\0r\0,\0x\0\n"), ": filen är UTF-16-text utan byte-order mark (BOM), som "
         "medel inte kan skilja från annan text; spara den som"},
        {"u16le.csv", BYTES("D\0i\0a\0r\0,\0x\0\n\0"), ": filen är UTF-16-text utan byte-order mark (BOM)"},
        {"u32.csv", BYTES("D\0\0\0i\0\0\0\n\0\0\0"), ": filen är UTF-32-text, som medel inte läser: spara den som"},
        {"u32bom.csv", BYTES("\xFF\xFE\0\0D\0\0\0\n\0\0\0"), ": filen är UTF-32-text, som medel inte läser"},
        {"mixed.csv", BYTES("Diarienummer,S\xC3\xB6kt belopp,S\xF6kande\nA-1,100,x\n"),
         ": kolumn 3 i rubrikraden är inte giltig UTF-8-text, fast filen före den är det: den ser ut som Windows-1252 "
         "('Sökande' i Windows-1252), så filen blandar två teckenkodningar; spara den som"},
        {"u16.json", BYTES("\xFF\xFE[\0]\0"), ": filen är UTF-16-text, men medel läser bara UTF-8: spara den som UTF-8"},
        {"u16.jsonl", BYTES("{\0}\0\n\0"), ": filen är UTF-16-text, men medel läser bara UTF-8: spara den som UTF-8"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool opened;
        AppCounts c = read_counts(&w, cases[i].file, cases[i].text, cases[i].len, &opened);
        ck_assert_uint_eq(c.valid, 0);
        fflush(w.msgs_f);
        ck_assert_msg(strstr(w.msgs, cases[i].want), "%s: messages:\n%s", cases[i].file, w.msgs);
    }
    world_free(&w);
}
END_TEST

/* Windows-1252 and UTF-16 with a byte-order mark are read as such: the
** same applications as the UTF-8 file, and one note, counted as a warning. */
START_TEST(apps_decoded)
{
    World w;
    world_prelude(&w);
    static const struct {
        const char *file, *text;
        size_t len;
        const char *note;
    } cases[] = {
        {"cp.csv", BYTES("Diarienummer;S\xF6kt belopp;titel\nA-1;100;\x80 och \xE5\xE4\xF6\n"), "Windows-1252"},
        {"u16.csv", BYTES("\xFF\xFE" "D\0i\0a\0r\0i\0e\0n\0u\0m\0m\0e\0r\0\t\0S\0\xF6\0k\0t\0 \0b\0e\0l\0o\0p\0p\0"
                          "\t\0t\0i\0t\0e\0l\0\r\0\n\0A\0-\0\x31\0\t\0\x31\0\x30\0\x30\0\t\0\xAC\x20 \0o\0c\0h\0 \0\xE5\0\xE4\0\xF6\0\r\0\n\0"),
         "UTF-16 (Unicode-text)"},
        {"u16be.csv", BYTES("\xFE\xFF" "\0D\0i\0a\0r\0i\0e\0n\0u\0m\0m\0e\0r\0;\0S\0\xF6\0k\0t\0 \0b\0e\0l\0o\0p\0p\0;\0t\0i\0t\0e\0l"
                            "\0\n\0A\0-\0\x31\0;\0\x31\0\x30\0\x30\0;\x20\xAC\0 \0o\0c\0h\0 \0\xE5\0\xE4\0\xF6\0\n"),
         "UTF-16 (Unicode-text)"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        write_file(cases[i].file, cases[i].text, cases[i].len);
        char path[256];
        snprintf(path, sizeof path, "%s/%s", dir, cases[i].file);
        fflush(w.msgs_f);
        size_t before = strlen(w.msgs);
        AppReader *r = apps_open(w.prog, w.tables, path, INPUT_AUTO, collect, &w);
        ck_assert_msg(r != NULL, "%s: not opened:\n%s", cases[i].file, w.msgs);
        Arena rows;
        arena_init(&rows);
        Application app;
        ck_assert_int_eq(apps_next(r, &rows, &app), APP_OK);
        char got[256];
        show_app(&w, &app, "belopp,titel", got, sizeof got);
        ck_assert_str_eq(got, "ok 1:2 A-1 | 100 kr | € och åäö");
        ck_assert_int_eq(apps_next(r, &rows, &app), APP_END);
        AppCounts c = apps_counts(r);
        ck_assert_uint_eq(c.read, 1);
        ck_assert_uint_eq(c.valid, 1);
        apps_close(r);
        arena_free(&rows);
        fflush(w.msgs_f);
        /* The one note, and the warnings of the columns left out. */
        const char *note = arena_printf(&w.a, "%s: note: filen är sparad som %s; den lästes som sådan\n", path, cases[i].note);
        const char *at = strstr(w.msgs + before, note);
        ck_assert_msg(at != NULL, "%s: no note in:\n%s", cases[i].file, w.msgs + before);
        ck_assert_ptr_null(strstr(at + strlen(note), "note:"));
        size_t lines = 0;
        for (const char *m = w.msgs + before; *m; m++)
            lines += *m == '\n';
        ck_assert_uint_eq(c.warnings, lines);   /* each said is counted */
    }
    world_free(&w);
}
END_TEST

/* Rows with no value at all are skipped and counted, not rejected: any
** number of separators, blanks, quoted empty cells; a row with one value
** among them is read (and judged) as usual. */
START_TEST(apps_empty_rows)
{
    World w;
    world_prelude(&w);
    const char *csv = "Diarienummer;Sökt belopp;titel\n"
                      ";;\n"
                      "A-1;100;x\n"
                      ";;;;;;;;;;;;;;\n"     /* more cells than the header */
                      ";\n"                  /* fewer */
                      "\"\";  ;\"\"\n"       /* quoted empty cells, blanks */
                      " \n"
                      "A-2;200;y\n"
                      ";;z\n"                /* a value: a row, rejected */
                      ";;;;\n";
    bool opened;
    AppCounts c = read_counts(&w, "empty.csv", csv, strlen(csv), &opened);
    ck_assert(opened);
    ck_assert_uint_eq(c.read, 3);
    ck_assert_uint_eq(c.valid, 2);
    ck_assert_uint_eq(c.rejected, 1);
    ck_assert_uint_eq(c.empty, 6);
    fflush(w.msgs_f);
    ck_assert_ptr_null(strstr(w.msgs, "celler men rubrikraden"));
    char buf[200];
    c.warnings = 0;   /* the optional columns left out */
    ck_assert_str_eq(report_counts(c, buf, sizeof buf),
                     "3 ansökningar lästa, 2 giltiga, 1 avvisad, 6 tomma rader hoppades över");
    c.empty = 1;
    ck_assert_str_eq(report_counts(c, buf, sizeof buf), "3 ansökningar lästa, 2 giltiga, 1 avvisad, 1 tom rad hoppades över");
    /* JSON records are not rows of cells: an empty object is judged as any. */
    const char *json = "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100}, {}]";
    c = read_counts(&w, "empty.json", json, strlen(json), &opened);
    ck_assert(opened);
    ck_assert_uint_eq(c.read, 2);
    ck_assert_uint_eq(c.rejected, 1);
    ck_assert_uint_eq(c.empty, 0);
    world_free(&w);
}
END_TEST

/* Why an open failed (input_failure): the header (69) or the file (66). */
START_TEST(apps_open_failure)
{
    World w;
    world_prelude(&w);
    static const struct {
        const char *file, *text;
        int status;
        const char *want;
    } cases[] = {
        {"h1.csv", "Diarienummer;titel\nA-1;x\n", STATUS_HEADER,
         ": rubrikraden har ingen kolumn 'Sökt belopp' (fältet 'belopp'), som varje ansökan behöver; rubrikraden har: Diarienummer, titel\n"},
        {"h2.csv", "Diarienummer;Sokt  belopp\nA-1;1\n", STATUS_HEADER,
         "; rubrikraden har: Diarienummer, Sokt  belopp; rubriken 'Sokt  belopp' (kolumn 2) liknar den, felstavad\n"},
        {"h3.csv", "Diarienummer;Sökt belopp;SÖKT BELOPP\n", STATUS_HEADER, "två gånger"},
        {"h4.json", "[{\"Diarienummer\": \"A-1\", \"Sökt belop\": 1}, {\"Diarienummer\": \"A-2\"}]", STATUS_HEADER,
         ": varje post saknar nyckeln 'Sökt belopp' (fältet 'belopp'), som varje ansökan behöver; den första posten har: Diarienummer, Sökt belop; nyckeln 'Sökt belop' liknar den, felstavad\n"},
        {"e1.csv", "", STATUS_NOINPUT, "filen är tom"},
        {"e2.json", "[1, 2", STATUS_NOINPUT, "syntaxfel i JSON"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        bool opened;
        read_counts(&w, cases[i].file, cases[i].text, strlen(cases[i].text), &opened);
        ck_assert_msg(!opened, "%s: opened", cases[i].file);
        ck_assert_int_eq(input_failure(), cases[i].status);
        fflush(w.msgs_f);
        ck_assert_msg(strstr(w.msgs, cases[i].want), "%s: messages:\n%s", cases[i].file, w.msgs);
    }
    /* A JSON file in which some record has the key is read, the others rejected. */
    const char *json = "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 1}, {\"Diarienummer\": \"A-2\"}]";
    bool opened;
    AppCounts c = read_counts(&w, "some.json", json, strlen(json), &opened);
    ck_assert(opened);
    ck_assert_uint_eq(c.rejected, 1);
    world_free(&w);
}
END_TEST

/* JSON keys that differ only in case are refused, as CSV headings are. */
START_TEST(apps_json_key_case)
{
    World w;
    world_prelude(&w);
    const char *json = "[{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100, \"sökt BELOPP\": 200},\n"
                       " {\"Diarienummer\": \"A-2\", \"Sökt belopp\": 100}]\n";
    bool opened;
    AppCounts c = read_counts(&w, "case.json", json, strlen(json), &opened);
    ck_assert(opened);
    ck_assert_uint_eq(c.read, 2);
    ck_assert_uint_eq(c.valid, 1);
    ck_assert_uint_eq(c.rejected, 1);
    fflush(w.msgs_f);
    char path[256];
    snprintf(path, sizeof path, "%s/case.json", dir);
    ck_assert_str_eq(w.msgs, arena_printf(&w.a, "%s: post 1: objektet har fältet 'Sökt belopp' två gånger (som 'Sökt belopp' och 'sökt BELOPP'); stora och små bokstäver räknas lika\n", path));
    world_free(&w);
}
END_TEST

/* Few fields, one a criterion reads: the header rule for JSON keys. */
#define KEYS_RULES                                                   \
    "överenskommelse \"Test\" { år 2021 }\n"                         \
    "ansökan {\n"                                                    \
    "    nyckel id: text \"Diarienummer\"\n"                         \
    "    sökt belopp: belopp \"Sökt belopp\"\n"                      \
    "    deltagare: heltal \"Antal deltagare\"\n"                    \
    "    flera: ja/nej \"Kan bedrivas av flera vårdgivare\"\n"       \
    "    titel: text\n"                                              \
    "}\n"                                                            \
    "villkor flera_krav {\n"                                         \
    "    krav flera\n"                                               \
    "    skäl \"Flera\"\n"                                             \
    "}\n"                                                            \
    "pott p { belopp 1 MSEK }\n"

/* A JSON key that names no field, alone (every field has a key, null
** counts), is said once, as a warning, and counted. */
START_TEST(apps_json_unknown_key)
{
    World w;
    world_load(&w, KEYS_RULES);
    const char *jsonl =
        "{\"Diarienummer\": \"A-1\", \"Sökt belopp\": 100, \"Kommentar\": \"x\", \"SÖKT BELOPP \": 1}\n"
        "{\"Diarienummer\": \"A-2\", \"Sökt belopp\": 100, \"Antal deltagare\": null, \"Kan bedrivas av flera vårdgivare\": "
        "\"ja\", \"titel\": null, \"Kommentar\": \"y\"}\n";
    bool opened;
    AppCounts c = read_counts(&w, "unknown.jsonl", jsonl, strlen(jsonl), &opened);
    ck_assert(opened);
    ck_assert_uint_eq(c.read, 2);
    ck_assert_uint_eq(c.rejected, 1);   /* the first has 'Sökt belopp' twice */
    ck_assert_uint_eq(c.warnings, 1);
    fflush(w.msgs_f);
    char path[256];
    snprintf(path, sizeof path, "%s/unknown.jsonl", dir);
    ck_assert_str_eq(w.msgs, arena_printf(&w.a,
        "%s:1: objektet har fältet 'Sökt belopp' två gånger (som 'Sökt belopp' och 'SÖKT BELOPP '); stora och små bokstäver räknas lika\n"
        "%s:1: warning: nyckeln 'Kommentar' är inget fält i regelfilen; den läses inte\n", path, path));
    world_free(&w);
}
END_TEST

/* The header rule over generated JSON records: random subsets of the
** fields' keys, some misspelt (the last letter dropped), some in another
** case, some null, and extra keys. Every key that names no field and every
** field with no key that matters is reported, and a run never ends with
** every record valid when a field that a criterion reads has no key. When
** every record has the same problem the file is refused, said once. */
START_TEST(json_key_rule)
{
    static const char *const extra[] = {"Kommentar", "Handläggare"};
    unsigned seed = 4242;
    for (int round = 0; round < 300; round++) {
        World w;
        world_load(&w, KEYS_RULES);
        const Program *p = w.prog;
        size_t n_records = 1 + (size_t)round % 3;
        bool lines = round % 2;
        char text[8192];
        size_t at = 0;
        if (!lines)
            at += (size_t)snprintf(text + at, sizeof text - at, "[");
        bool any_bad = false, all_bad = true;
        char want[8][4][200];   /* per record: messages that must be said */
        size_t n_want[8] = {0};
        for (size_t rec = 0; rec < n_records; rec++) {
            bool absent[8] = {false}, unknown = false, read_absent = false;
            char body[2048];
            size_t b = 0;
            /* the key always present, so records stay apart */
            b += (size_t)snprintf(body + b, sizeof body - b, "\"Diarienummer\": \"A-%zu\", \"Sökt belopp\": 100", rec);
            char misspelt[80] = "";
            for (size_t i = 2; i < p->n_fields; i++) {
                seed = seed * 1103515245u + 12345u;
                unsigned pick = (seed >> 16) % 6;
                const char *col = p->fields[i].column;
                if (pick == 0) {
                    absent[i] = true;
                } else if (pick == 1) {
                    absent[i] = true;
                    unknown = true;
                    snprintf(misspelt, sizeof misspelt, "%.*s", (int)strlen(col) - 1, col);
                    b += (size_t)snprintf(body + b, sizeof body - b, ", \"%s\": null", misspelt);
                } else if (pick == 2) {
                    char up[80];
                    snprintf(up, sizeof up, "%s", col);
                    for (char *c = up; *c; c++)
                        if (*c >= 'a' && *c <= 'z')
                            *c = (char)(*c - 'a' + 'A');
                    b += (size_t)snprintf(body + b, sizeof body - b, ", \"%s\": null", up);
                } else if (pick == 3) {
                    b += (size_t)snprintf(body + b, sizeof body - b, ", \"%s\": null", col);
                } else {
                    b += (size_t)snprintf(body + b, sizeof body - b, ", \"%s\": %s", col,
                                          p->fields[i].type.kind == TY_BOOL ? "true" : p->fields[i].type.kind == TY_INT ? "3" : "\"t\"");
                }
                if (absent[i] && i == 3)
                    read_absent = true;
            }
            seed = seed * 1103515245u + 12345u;
            if ((seed >> 16) % 3 == 0) {
                b += (size_t)snprintf(body + b, sizeof body - b, ", \"%s\": 1", extra[(seed >> 20) % 2]);
                unknown = true;
            }
            bool any_absent = false;
            for (size_t i = 2; i < p->n_fields; i++)
                any_absent |= absent[i];
            bool pair = unknown && any_absent;
            bool bad = pair || read_absent;
            any_bad |= bad;
            all_bad &= bad;
            if (read_absent)
                snprintf(want[rec][n_want[rec]++], 200, "objektet har ingen nyckel '%s' (fältet '%s'), som villkoret "
                         "'flera_krav' läser", p->fields[3].column, p->fields[3].name);
            if (pair && misspelt[0])
                snprintf(want[rec][n_want[rec]++], 200, "nyckeln '%s' är inget fält i regelfilen; menade du", misspelt);
            at += (size_t)snprintf(text + at, sizeof text - at, "%s{%s}%s", !lines && rec ? "," : "", body,
                                   lines ? "\n" : "");
        }
        if (!lines)
            at += (size_t)snprintf(text + at, sizeof text - at, "]\n");
        bool opened;
        AppCounts c = read_counts(&w, lines ? "keys.jsonl" : "keys.json", text, at, &opened);
        fflush(w.msgs_f);
        for (size_t rec = 0; rec < n_records; rec++)
            for (size_t k = 0; k < n_want[rec]; k++)
                ck_assert_msg(strstr(w.msgs, want[rec][k]), "round %d: %s: '%s' not said:\n%s", round, text, want[rec][k],
                              w.msgs);
        /* Never every record valid when one has a key problem. */
        if (any_bad)
            ck_assert_msg(!opened || c.rejected > 0, "round %d: %s: read as valid:\n%s", round, text, w.msgs);
        else
            ck_assert_msg(opened && c.rejected == 0 && c.valid == n_records, "round %d: %s: rejected:\n%s", round, text,
                          w.msgs);
        /* An array whose records all have the very same problem is refused. */
        if (!lines && all_bad && n_records == 1)
            ck_assert_msg(!opened && strstr(w.msgs, ": varje post: "), "round %d: %s: opened:\n%s", round, text, w.msgs);
        world_free(&w);
    }
}
END_TEST

/* A FIFO, a folder or a device as an application file is refused at once,
** never waited on. */
START_TEST(apps_not_a_file)
{
    World w;
    world_prelude(&w);
    char fifo[256];
    snprintf(fifo, sizeof fifo, "%s/fifo.csv", dir);
    unlink(fifo);
    ck_assert_int_eq(mkfifo(fifo, 0600), 0);
    const char *paths[] = {fifo, dir, "/dev/null"};
    const char *whys[] = {"det är en namngiven pipe (FIFO), inte en fil; för att läsa en pipe, ange '-' och skicka den till standard in",
                          "det är en mapp, inte en fil", "det är en enhet, inte en fil"};
    for (size_t i = 0; i < 3; i++) {
        ck_assert_ptr_null(apps_open(w.prog, w.tables, paths[i], INPUT_AUTO, collect, &w));
        fflush(w.msgs_f);
        char want[512];
        snprintf(want, sizeof want, "%s: kan inte läsa ansökningarna: %s\n", paths[i], whys[i]);
        ck_assert_msg(strstr(w.msgs, want), "%s: messages:\n%s", paths[i], w.msgs);
    }
    unlink(fifo);
    world_free(&w);
}
END_TEST

/* An integer key field: the application's key is the number's text. */
START_TEST(apps_integer_key)
{
    World w;
    world_load(&w,
               "överenskommelse \"Test\" { år 2021 }\n"
               "ansökan { nyckel nr: heltal \"Nummer\"  sökt belopp: belopp }\n"
               "pott p { belopp 1 MSEK }\n");
    w.tables = tables_load(w.prog, &w.a, collect, &w);
    ck_assert_ptr_nonnull(w.tables);
    const char *csv = "Nummer,belopp\n17,100\n0017,200\n";
    write_file("nr.csv", csv, strlen(csv));
    char path[256];
    snprintf(path, sizeof path, "%s/nr.csv", dir);
    AppReader *r = apps_open(w.prog, w.tables, path, INPUT_AUTO, collect, &w);
    ck_assert_ptr_nonnull(r);
    Application app;
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_OK);
    ck_assert_str_eq(app.key, "17");
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_REJECTED);
    ck_assert_int_eq(apps_next(r, &w.a, &app), APP_END);
    apps_close(r);
    fflush(w.msgs_f);
    char *want = expand(&w.a, "@:3: Nummer '17' används två gånger (första gången på rad 2)\n", path);
    ck_assert_str_eq(w.msgs, want);
    world_free(&w);
}
END_TEST

/* ====================================================================
** tables_load
** ==================================================================== */

#define TABLE_RULES(file)                                                                       \
    "överenskommelse \"Test\" { år 2021 }\n"                                                     \
    "tabell kommuner från \"" file "\" {\n"                                                      \
    "    nyckel namn: text \"Kommun\"  unga: heltal \"Unga\"  pengar: belopp \"Pengar\"\n"       \
    "    kod: text \"Kod\"\n"                                                                    \
    "}\n"

typedef struct TableRow {
    const char *name;
    const char *text;       /* the data file when the rules are loaded */
    const char *later;      /* what it holds when tables_load reads it; NULL: the same; "-": removed */
    const char *rows;       /* expected rows, "key | unga | pengar | kod\n" each; NULL when loading fails */
    const char *messages;   /* '@' is the data file's path */
} TableRow;

static const TableRow table_rows[] = {
    {"good table",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,6120,1 500 000,0101\n"
     "Granvik,\"2 984\",\"2,5 MSEK\",\n"
     "Lindö,0,0,x\n",
     NULL,
     "Ekeby | 6120 | 1 500 000 kr | 0101\n"
     "Granvik | 2984 | 2 500 000 kr | (saknas)\n"
     "Lindö | 0 | 0 kr | x\n",
     ""},
    {"good table, semicolons, BOM, CRLF, columns in another order",
     "\xEF\xBB\xBF" "kod;KOMMUN;Pengar;unga;Övrigt\r\n"   /* a UTF-8 BOM */
     "01;Lindo\xCC\x88;12 kr;7;a\r\n",               /* a decomposed ö */
     NULL,
     "Lindö | 7 | 12 kr | 01\n",
     ""},
    {"header only",
     "Kommun,Unga,Pengar,Kod\n",
     NULL,
     "",
     ""},
    {"missing file",
     "Kommun,Unga,Pengar,Kod\n",
     "-",
     NULL,
     "@: kan inte läsa datafilen: filen eller mappen finns inte\n"},
    {"empty file",
     "Kommun,Unga,Pengar,Kod\n",
     "",
     NULL,
     "@: filen är tom; den behöver en rubrikrad\n"},
    {"header lacks a column",
     "Kommun,Unga,Pengar,Kod\n",
     "Kommun,Pengar,Kod\nEkeby,1,2\n",
     NULL,
     "@: rubrikraden har ingen kolumn 'Unga'; rubrikraden har: Kommun, Pengar, Kod\n"},
    {"header lacks a column, one like it is there",
     "Kommun,Unga,Pengar,Kod\n",
     "Kommun,UNGA (antal),Pengar,Kod\nEkeby,1,2,a\n",
     NULL,
     "@: rubrikraden har ingen kolumn 'Unga'; rubrikraden har: Kommun, UNGA (antal), Pengar, Kod; rubriken 'UNGA (antal)' liknar den, felstavad\n"},
    /* Windows-1252 and UTF-16 with a byte-order mark are read as such, and
    ** said; rows with no value at all (Excel's ;;; below a table) are
    ** skipped, whatever their number of cells, and said. */
    {"Windows-1252 table",
     "Kommun,Unga,Pengar,Kod\n"
     "Lind\xF6,1,1,\x80" "a\n",   /* ö, and 0x80 the euro sign */
     NULL,
     "Lindö | 1 | 1 kr | €a\n",
     "@: note: filen är sparad som Windows-1252; den lästes som sådan\n"},
    {"empty rows in a table",
     "Kommun,Unga,Pengar,Kod\n"
     ",,,\n"
     "Ekeby,1,1,a\n"
     ",,,,,,\n"   /* more cells than the header: still empty */
     "\"\",  ,\"\",\t\n",
     NULL,
     "Ekeby | 1 | 1 kr | a\n",
     "@: note: 3 tomma rader hoppades över\n"},
    {"not a number in an integer column",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,6120,1,a\n"
     "Granvik,många,2,b\n",
     NULL,
     NULL,
     "@:3:2: error: kolumn 'Unga': 'många' är inget heltal\n"},
    {"decimals in an integer column",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,\"61,5\",1,a\n",
     NULL,
     NULL,
     "@:2:2: error: kolumn 'Unga': '61,5' är inget heltal\n"},
    {"negative integer",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,-5,1,a\n",
     NULL,
     NULL,
     "@:2:2: error: kolumn 'Unga': -5 är negativt; en tabells heltal är antal, och en vikt i en fördelning kan inte vara negativ\n"},
    {"not an amount",
     "Kommun;Unga;Pengar;Kod\n"
     "Ekeby;5;1,5,0;a\n",
     NULL,
     NULL,
     "@:2:3: error: kolumn 'Pengar': '1,5,0' är inget belopp; skriv till exempel 450 000 kr eller 1,5 MSEK\n"},
    {"two bad cells in a row",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,fem,5 krav,a\n",
     NULL,
     NULL,
     "@:2:2: error: kolumn 'Unga': 'fem' är inget heltal\n"
     "@:2:3: error: kolumn 'Pengar': '5 krav' är inget belopp: okänd enhet 'krav'\n"},
    {"bad cells in two rows, both reported",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,fem,1,a\n"
     "Granvik,6,2,b\n"
     "Lindö,sju,3,c\n",
     NULL,
     NULL,
     "@:2:2: error: kolumn 'Unga': 'fem' är inget heltal\n"
     "@:4:2: error: kolumn 'Unga': 'sju' är inget heltal\n"},
    {"empty number",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,,1,a\n",
     NULL,
     NULL,
     "@:2:2: error: kolumn 'Unga' är tom; skriv 0 om värdet är noll\n"},
    {"empty key",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,1,1,a\n"
     " ,2,2,b\n",
     NULL,
     NULL,
     "@:3:1: error: kolumn 'Kommun' är tom; varje rad behöver sin nyckel\n"},
    {"duplicate key",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,1,1,a\n"
     "Granvik,2,2,b\n"
     "Ekeby,3,3,c\n",
     NULL,
     NULL,
     "@:4:1: error: kolumn 'Kommun': nyckeln 'Ekeby' finns redan på rad 2 ('Ekeby'); varje rad ska ha en egen nyckel\n"},
    {"duplicate key in another case",
     "Kommun,Unga,Pengar,Kod\n"
     "Ekeby,1,1,a\n"
     "EKEBY,3,3,c\n",
     NULL,
     NULL,
     "@:3:1: error: kolumn 'Kommun': nyckeln 'EKEBY' finns redan på rad 2 ('Ekeby'); varje rad ska ha en egen nyckel\n"},
    {"invalid UTF-8 key after UTF-8",
     "Kommun,Unga,Pengar,Kod\n"
     "\xC3\x85" "by,1,1,a\n"   /* Åby in UTF-8: the file is UTF-8 */
     "Lind\xF6,1,1,b\n",   /* ö in Windows-1252 */
     NULL,
     NULL,
     "@:3:1: error: kolumn 'Kommun': cellen är inte giltig UTF-8-text, fast filen före den är det: den ser ut som Windows-1252 ('Lindö' i Windows-1252), så filen blandar två teckenkodningar; spara den som \"CSV UTF-8\" (i Excel: Spara som, sedan CSV UTF-8 (kommaavgränsad))\n"},
    {"unterminated quote",
     "Kommun,Unga,Pengar,Kod\n"
     "\"Ekeby,1,1,a\n",
     NULL,
     NULL,
     "@:2:1: error: kolumn 'Kommun': ett citattecken öppnar en cell som aldrig stängs; avsluta cellen med ett citattecken\n"},
};

START_TEST(table)
{
    const TableRow *row = &table_rows[_i];
    char file[32];
    snprintf(file, sizeof file, "t%d.csv", _i);
    write_file(file, row->text, strlen(row->text));
    char rules[1024];
    snprintf(rules, sizeof rules, TABLE_RULES("%s"), file);
    World w;
    world_load(&w, rules);
    if (row->later && strcmp(row->later, "-") == 0)
        remove_file(file);
    else if (row->later)
        write_file(file, row->later, strlen(row->later));
    TableData *t = tables_load(w.prog, &w.a, collect, &w);
    fflush(w.msgs_f);
    const char *want = expand(&w.a, row->messages, w.prog->tables[0].path);
    /* Row errors end with a note at the table's declaration in the rule file. */
    if (strstr(want, "error:"))
        want = arena_printf(&w.a, "%s%s:2:8: note: tabellen 'kommuner' deklareras här, med datafilen '%s'\n", want, w.prog->path,
                            file);
    ck_assert_msg(strcmp(w.msgs, want) == 0, "%s: messages\n%s\nexpected\n%s", row->name, w.msgs, want);
    if (!row->rows) {
        ck_assert_msg(t == NULL, "%s: tables_load succeeded", row->name);
        world_free(&w);
        return;
    }
    ck_assert_msg(t != NULL, "%s: tables_load failed", row->name);
    ck_assert_ptr_eq(t[0].decl, &w.prog->tables[0]);
    char got[1024] = "";
    size_t at = 0;
    const Table *d = &w.prog->tables[0];
    for (size_t r = 0; r < t[0].n_rows; r++) {
        at += (size_t)snprintf(got + at, sizeof got - at, "%s", t[0].keys[r]);
        for (size_t c = 1; c < d->n_columns; c++) {
            char v[64];
            value_format(w.prog, t, d->columns[c].type, &t[0].cells[r * d->n_columns + c], v, sizeof v);
            at += (size_t)snprintf(got + at, sizeof got - at, " | %s", v);
        }
        at += (size_t)snprintf(got + at, sizeof got - at, "\n");
        /* Every key is found again, in any case. */
        char upper[64];
        size_t k = 0;
        for (const char *p = t[0].keys[r]; *p && k + 1 < sizeof upper; p++)
            upper[k++] = (*p >= 'a' && *p <= 'z') ? (char)(*p - 'a' + 'A') : *p;
        upper[k] = '\0';
        Value v;
        char why[128];
        ck_assert_msg(input_cell(w.prog, t, (Type){TY_KEY, TY_UNKNOWN, 0}, upper, strlen(upper), &w.a, &v, why, sizeof why),
                      "%s: key '%s' not found: %s", row->name, upper, why);
        ck_assert_int_eq(v.u.key, (int32_t)r);
    }
    ck_assert_msg(strcmp(got, row->rows) == 0, "%s: rows\n%s\nexpected\n%s", row->name, got, row->rows);
    world_free(&w);
}
END_TEST

/* A table whose key column is a heltal: the checker accepts it, so the rows
** must load with the numbers' texts as keys, found by an application's cell. */
START_TEST(table_integer_key)
{
    const char *csv = "Kod,Namn\n1480,Göteborg\n180,Stockholm\n";
    write_file("ik.csv", csv, strlen(csv));
    World w;
    world_load(&w,
               "överenskommelse \"Test\" { år 2021 }\n"
               "tabell kommuner från \"ik.csv\" { nyckel kod: heltal \"Kod\"  namn: text \"Namn\" }\n");
    TableData *t = tables_load(w.prog, &w.a, collect, &w);
    fflush(w.msgs_f);
    ck_assert_msg(t != NULL, "tables_load failed: %s", w.msgs);
    ck_assert_uint_eq(t[0].n_rows, 2);
    ck_assert_str_eq(t[0].keys[0], "1480");
    ck_assert_str_eq(t[0].keys[1], "180");
    Value v;
    char why[128];
    ck_assert(input_cell(w.prog, t, (Type){TY_KEY, TY_UNKNOWN, 0}, "180", 3, &w.a, &v, why, sizeof why));
    ck_assert_int_eq(v.kind, VAL_KEY);
    ck_assert_int_eq(v.u.key, 1);
    world_free(&w);
}
END_TEST

/* Several tables: each is loaded, and every problem of each is reported. */
START_TEST(tables_several)
{
    const char *good = "Kommun,Unga,Pengar,Kod\nEkeby,1,1,a\n";
    const char *bad = "Kommun,Unga,Pengar,Kod\nEkeby,x,1,a\n";
    write_file("s1.csv", good, strlen(good));
    write_file("s2.csv", bad, strlen(bad));
    write_file("s3.csv", good, strlen(good));
    World w;
    world_load(&w,
               "överenskommelse \"Test\" { år 2021 }\n"
               "tabell a från \"s1.csv\" { nyckel namn: text \"Kommun\"  unga: heltal \"Unga\" }\n"
               "tabell b från \"s2.csv\" { nyckel namn: text \"Kommun\"  unga: heltal \"Unga\" }\n"
               "tabell c från \"s3.csv\" { nyckel namn: text \"Kommun\"  unga: heltal \"Unga\" }\n");
    remove_file("s3.csv");
    TableData *t = tables_load(w.prog, &w.a, collect, &w);
    ck_assert_ptr_null(t);
    fflush(w.msgs_f);
    char want[1024];
    snprintf(want, sizeof want,
             "%s:2:2: error: kolumn 'Unga': 'x' är inget heltal\n"
             "%s:3:8: note: tabellen 'b' deklareras här, med datafilen 's2.csv'\n"
             "%s: kan inte läsa datafilen: filen eller mappen finns inte\n",
             w.prog->tables[1].path, w.prog->path, w.prog->tables[2].path);
    ck_assert_str_eq(w.msgs, want);
    world_free(&w);
}
END_TEST

/* Derived columns (issue 17): each row's sum of read columns, worked out
** when the table is loaded; a sum past INT64_MAX is a located error, never
** a wrap; at INT64_MAX exactly it fits. */
#define DERIVED_RULES                                                                            \
    "överenskommelse \"Test\" { år 2022 }\n"                                                     \
    "tabell t från \"d.csv\" {\n"                                                                \
    "    nyckel namn: text \"Kommun\"\n"                                                        \
    "    alla: heltal = a + b\n"                                                                 \
    "    a: heltal \"A\"  b: heltal \"B\"\n"                                                      \
    "    dubbelt: heltal = alla + alla\n"                                                        \
    "    målgrupp: heltal = a år 2021, alla år 2022\n"                                           \
    "    pengar: belopp = p + p\n"                                                               \
    "    p: belopp \"P\"\n"                                                                       \
    "}\n"

static void derived_load(World *w, const char *csv)
{
    write_file("d.csv", csv, strlen(csv));
    world_load(w, DERIVED_RULES);
    w->tables = tables_load(w->prog, &w->a, collect, w);
    fflush(w->msgs_f);
}

START_TEST(tables_derived_sums)
{
    World w;
    derived_load(&w, "Kommun,A,B,P\nEkeby,3,4,1 kr\nLindö,0,0,0\n");
    ck_assert_msg(w.tables != NULL, "tables_load failed: %s", w.msgs);
    const Table *d = &w.prog->tables[0];
    ck_assert_uint_eq(d->n_columns, 8);
    const Value *row = w.tables[0].cells;   /* Ekeby: namn alla a b dubbelt målgrupp pengar p */
    ck_assert_int_eq(row[1].kind, VAL_INT);
    ck_assert_int_eq(row[1].u.i, 7);     /* alla = a + b */
    ck_assert_int_eq(row[4].u.i, 14);    /* dubbelt = alla + alla, expanded to a + b + a + b */
    ck_assert_int_eq(row[5].u.i, 7);     /* målgrupp: the alternative for 2022 */
    ck_assert_int_eq(row[6].kind, VAL_MONEY);
    ck_assert_int_eq(row[6].u.money, 200);   /* pengar = p + p, öre */
    ck_assert_int_eq(d->columns[5].chosen, 1);
    world_free(&w);
    /* INT64_MAX itself fits: 9223372036854775806 + 1. */
    const char *csv = "Kommun,A,B\nMax,9223372036854775806,1\n";
    write_file("d.csv", csv, strlen(csv));
    world_load(&w, "överenskommelse \"Test\" { år 2022 }\n"
                   "tabell t från \"d.csv\" { nyckel namn: text \"Kommun\"  alla: heltal = a + b  a: heltal \"A\"  b: heltal \"B\" }\n");
    w.tables = tables_load(w.prog, &w.a, collect, &w);
    fflush(w.msgs_f);
    ck_assert_msg(w.tables != NULL, "tables_load failed: %s", w.msgs);
    ck_assert_int_eq(w.tables[0].cells[1].u.i, INT64_MAX);
    world_free(&w);
}
END_TEST

START_TEST(tables_derived_overflow)
{
    World w;
    derived_load(&w, "Kommun,A,B,P\nEkeby,9223372036854775807,1,0\nLindö,1,2,0\n");
    ck_assert_ptr_null(w.tables);
    char want[1024];
    snprintf(want, sizeof want,
             "%s:2: error: kolumn 'alla' (= a + b): summan blir större än 9 223 372 036 854 775 807, det största värde en kolumn kan ha; kontrollera värdena i kolumnerna den adderar\n"
             "%s:2: error: kolumn 'dubbelt' (= alla + alla): summan blir större än 9 223 372 036 854 775 807, det största värde en kolumn kan ha; kontrollera värdena i kolumnerna den adderar\n"
             "%s:2: error: kolumn 'målgrupp' (= alla): summan blir större än 9 223 372 036 854 775 807, det största värde en kolumn kan ha; kontrollera värdena i kolumnerna den adderar\n"
             "%s:2:8: note: tabellen 't' deklareras här, med datafilen 'd.csv'\n",
             w.prog->tables[0].path, w.prog->tables[0].path, w.prog->tables[0].path, w.prog->path);
    ck_assert_str_eq(w.msgs, want);
    world_free(&w);
}
END_TEST

/* validate's reading (tables_check): every problem of every row, counted,
** a key twice with both rows, and a table the checker found unsound skipped. */
START_TEST(tables_check_counts)
{
    World w;
    derived_load(&w, "Kommun,A,B,P\nEkeby,-1,1,0\nLindö,,2,0\nEKEBY,1,2,0\nNorr,1,2\n");
    ck_assert_ptr_null(w.tables);
    fclose(w.msgs_f);
    free(w.msgs);
    w.msgs = NULL;
    w.msgs_f = open_memstream(&w.msgs, &w.msgs_len);
    ck_assert_uint_eq(tables_check(w.prog, NULL, &w.a, collect, &w), 4);
    fflush(w.msgs_f);
    const char *path = w.prog->tables[0].path;
    char want[2048];
    snprintf(want, sizeof want,
             "%s:2:2: error: kolumn 'A': -1 är negativt; en tabells heltal är antal, och en vikt i en fördelning kan inte vara negativ\n"
             "%s:3:2: error: kolumn 'A' är tom; skriv 0 om värdet är noll\n"
             "%s:5: error: raden har 3 celler, men rubrikraden har 4: kolumn 'P' saknas; lägg till de saknade cellerna (tomma celler skrivs med kommatecken)\n"
             "%s:4:1: error: kolumn 'Kommun': nyckeln 'EKEBY' finns redan på rad 2 ('Ekeby'); varje rad ska ha en egen nyckel\n"
             "%s:2:8: note: tabellen 't' deklareras här, med datafilen 'd.csv'\n",
             path, path, path, path, w.prog->path);
    ck_assert_str_eq(w.msgs, want);
    bool skip[1] = {true};
    ck_assert_uint_eq(tables_check(w.prog, skip, &w.a, collect, &w), 0);
    world_free(&w);
}
END_TEST

Suite *make_input_suite(void)
{
    Suite *s = suite_create("input");

    TCase *tc = tcase_create("cell");
    tcase_add_unchecked_fixture(tc, dir_make, dir_remove);
    tcase_add_loop_test(tc, cell, 0, N_ROWS(cell_rows));
    tcase_add_test(tc, cell_plain_digits);
    suite_add_tcase(s, tc);

    tc = tcase_create("apps");
    tcase_add_unchecked_fixture(tc, dir_make, dir_remove);
    tcase_add_loop_test(tc, apps, 0, N_ROWS(apps_rows));
    tcase_add_test(tc, apps_forced_format);
    tcase_add_test(tc, apps_integer_key);
    tcase_add_test(tc, apps_stray_quotes);
    tcase_add_test(tc, apps_multiline_cell);
    tcase_add_test(tc, apps_swallowed_rows);
    tcase_add_test(tc, header_rule);
    tcase_add_test(tc, header_suggestion);
    tcase_add_test(tc, apps_encodings);
    tcase_add_test(tc, apps_decoded);
    tcase_add_test(tc, apps_empty_rows);
    tcase_add_test(tc, apps_open_failure);
    tcase_add_test(tc, apps_json_key_case);
    tcase_add_test(tc, apps_not_a_file);
    tcase_add_test(tc, apps_json_unknown_key);
    tcase_add_test(tc, json_key_rule);
    suite_add_tcase(s, tc);

    tc = tcase_create("tables");
    tcase_add_unchecked_fixture(tc, dir_make, dir_remove);
    tcase_add_loop_test(tc, table, 0, N_ROWS(table_rows));
    tcase_add_test(tc, table_integer_key);
    tcase_add_test(tc, tables_several);
    tcase_add_test(tc, tables_derived_sums);
    tcase_add_test(tc, tables_derived_overflow);
    tcase_add_test(tc, tables_check_counts);
    suite_add_tcase(s, tc);
    return s;
}
