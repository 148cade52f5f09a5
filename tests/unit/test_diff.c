/*
** test_diff.c: unit tests for medel diff (runtime/diff.c). Two rule texts
** are loaded with program_load_text and diff_programs' output is compared
** line for line, exactly: amounts with the difference in kronor, pots added
** and removed, shares, splits, how pots hand out money, criteria,
** priorities, portfolio constraints, focus areas, fields and tables. The
** exit codes of medel_diff are tested on files in a mkdtemp folder.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "diff.h"
#include "commands.h"
#include "medel.h"
#include "program.h"
#include "suites.h"

/* Declared by suites.h once the suite is listed there; repeated so this
** file builds on its own too. */
Suite *make_diff_suite(void);

#ifndef MEDEL_SOURCE_DIR
#define MEDEL_SOURCE_DIR "."   /* run from the project folder */
#endif

/* Rule texts are named as files in rules/, so that tables resolve against
** rules/data. */
#define RULES MEDEL_SOURCE_DIR "/rules/diff-test.medel"

/* A valid header: the agreement and a schema whose requested amount lets
** leaf pots take applications. */
#define HEADER                                          \
    "överenskommelse \"Test\" { år 2021 }\n"            \
    "ansökan {\n"                                       \
    "    nyckel id: text\n"                             \
    "    sökt belopp: belopp\n"                         \
    "    sökandetyp: en av kommun | region | privat\n"  \
    "    deltagare: heltal\n"                           \
    "}\n"

typedef struct Loaded {
    Arena a;
    SourceSet set;
    Diags d;
    Program *p;
} Loaded;

static void load(Loaded *L, const char *text)
{
    arena_init(&L->a);
    source_set_init(&L->set);
    diags_init(&L->d, &L->set);
    L->p = program_load_text(&L->a, &L->set, &L->d, RULES, text, strlen(text), NULL);
    ck_assert_ptr_nonnull(L->p);
    if (L->d.n_errors)
        diags_render(&L->d, stderr);
    ck_assert_uint_eq(L->d.n_errors, 0);
}

static void unload(Loaded *L)
{
    diags_free(&L->d);
    source_set_free(&L->set);
    arena_free(&L->a);
}

/* diff_programs' output for two rule texts (malloc'd); *n gets the count. */
static char *diff(const char *old_text, const char *new_text, bool json, size_t *n)
{
    Loaded o, nw;
    load(&o, old_text);
    load(&nw, new_text);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    size_t count = diff_programs(o.p, nw.p, json, out);
    ck_assert_int_eq(fclose(out), 0);
    if (n)
        *n = count;
    unload(&nw);
    unload(&o);
    return buf;
}

static void assert_diff(const char *old_text, const char *new_text, const char *want, size_t want_n)
{
    size_t n;
    char *got = diff(old_text, new_text, false, &n);
    ck_assert_str_eq(got, want);
    ck_assert_uint_eq(n, want_n);
    free(got);
}

/* ---- pots ---- */

START_TEST(test_amount_change)
{
    assert_diff(HEADER "pott länsgemensam { belopp 4 528 193 kr }\n",
                HEADER "pott länsgemensam { belopp 4 542 924 kronor }\n",
                "pott länsgemensam: 4 528 193 kr → 4 542 924 kr (+14 731 kr)\n"
                "1 ändring\n",
                1);
    /* Down, to the öre; and an amount that only becomes approximate. */
    assert_diff(HEADER "pott a { belopp 1 000 kr }\npott b { belopp 3 MSEK }\n",
                HEADER "pott a { belopp 999,50 kr }\npott b { belopp cirka 3 MSEK }\n",
                "pott a: 1 000 kr → 999,50 kr (-0,50 kr)\n"
                "pott b: 3 000 000 kr → cirka 3 000 000 kr\n"
                "2 ändringar\n",
                2);
}
END_TEST

START_TEST(test_pot_added_and_removed)
{
    assert_diff(HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 4 MSEK }\n"
                "    pott b { belopp resten }\n"
                "}\n"
                "pott gammal { belopp 1 MSEK }\n",
                HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 4 MSEK }\n"
                "    pott c { belopp resten }\n"
                "}\n",
                "pott c: tillkommer, 6 000 000 kr (resten av p)\n"
                "pott b: utgår, 6 000 000 kr (resten av p)\n"
                "pott gammal: utgår, 1 000 000 kr\n"
                "3 ändringar\n",
                3);
}
END_TEST

START_TEST(test_percent_share)
{
    assert_diff(HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 40 % }\n"
                "    pott b { belopp resten }\n"
                "}\n",
                HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 45 % }\n"
                "    pott b { belopp resten }\n"
                "}\n",
                "pott a: 4 000 000 kr → 4 500 000 kr (+500 000 kr)\n"
                "pott a: andel 40 % → 45 % (+5 procentenheter)\n"
                "pott b: 6 000 000 kr → 5 500 000 kr (-500 000 kr)\n"
                "3 ändringar\n",
                3);
    /* The same amount written as a share instead of a fixed amount, and a
    ** share becoming the rest. */
    assert_diff(HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 4 MSEK }\n"
                "    pott b { belopp 12,5 % }\n"
                "    pott c { belopp resten }\n"
                "}\n",
                HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 40 % }\n"
                "    pott b { belopp resten }\n"
                "    pott c { belopp 4 750 000 kr }\n"
                "}\n",
                "pott a: andel fast belopp → 40 %\n"
                "pott b: andel 12,5 % → resten\n"
                "pott c: andel resten → fast belopp\n"
                "3 ändringar\n",
                3);
}
END_TEST

START_TEST(test_moved_pot)
{
    assert_diff(HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott a { belopp 4 MSEK }\n"
                "    pott q {\n"
                "        belopp resten\n"
                "        pott b { belopp resten }\n"
                "    }\n"
                "}\n",
                HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    pott b { belopp 4 MSEK }\n"
                "    pott q {\n"
                "        belopp resten\n"
                "        pott a { belopp resten }\n"
                "    }\n"
                "}\n",
                "pott b: ligger under q → p\n"
                "pott b: 6 000 000 kr → 4 000 000 kr (-2 000 000 kr)\n"
                "pott b: andel resten → fast belopp\n"
                "pott a: ligger under p → q\n"
                "pott a: 4 000 000 kr → 6 000 000 kr (+2 000 000 kr)\n"
                "pott a: andel fast belopp → resten\n"
                "potter: prövningsordning a, b → b, a\n"
                "7 ändringar\n",
                7);
}
END_TEST

#define SPLIT_OLD                                                          \
    "överenskommelse \"Test\" { år 2021 }\n"                               \
    "tabell ungdomar från \"data/befolkning_2019-12-31.csv\" {\n"          \
    "    nyckel kommun: text \"municipality\"\n"                           \
    "    antal_12_22: heltal \"age_12_22\"\n"                              \
    "    antal_13_19: heltal \"age_13_19\"\n"                              \
    "}\n"                                                                  \
    "ansökan { nyckel id: text  sökt belopp: belopp  kommun: nyckel i ungdomar }\n"

START_TEST(test_split_changed)
{
    assert_diff(SPLIT_OLD
                "pott kommunerna {\n"
                "    belopp 15 MSEK\n"
                "    fördela per kommun efter ungdomar.antal_12_22 { avrundning 1 kr  metod största_rest }\n"
                "    tilldelning rättighet\n"
                "}\n",
                SPLIT_OLD
                "pott kommunerna {\n"
                "    belopp 15 MSEK\n"
                "    fördela per kommun efter ungdomar.antal_12_22 { avrundning 1 kr  metod dhondt }\n"
                "    tilldelning rättighet\n"
                "}\n",
                "pott kommunerna: metod största_rest → dhondt\n"
                "1 ändring\n",
                1);
    assert_diff(SPLIT_OLD
                "pott kommunerna {\n"
                "    belopp 15 MSEK\n"
                "    fördela per kommun efter ungdomar.antal_12_22 { metod sainte_laguë }\n"
                "}\n",
                SPLIT_OLD
                "pott kommunerna {\n"
                "    belopp 15 MSEK\n"
                "    fördela per kommun efter ungdomar.antal_13_19 { avrundning 1 000 kr  metod sainte_laguë  första_divisor 1,2 }\n"
                "}\n",
                "pott kommunerna: fördela efter ungdomar.antal_12_22 → ungdomar.antal_13_19\n"
                "pott kommunerna: fördelningens avrundning 1 öre → 1 000 kr\n"
                "pott kommunerna: första divisor 1 → 1,2\n"
                "3 ändringar\n",
                3);
    /* A split that comes or goes is one change, described in full. */
    assert_diff(SPLIT_OLD "pott kommunerna { belopp 15 MSEK }\n",
                SPLIT_OLD
                "pott kommunerna {\n"
                "    belopp 15 MSEK\n"
                "    fördela per kommun efter ungdomar.antal_12_22 { avrundning 1 kr }\n"
                "}\n",
                "pott kommunerna: fördelning (saknas) → per kommun efter ungdomar.antal_12_22, avrundning 1 kr, metod största_rest\n"
                "1 ändring\n",
                1);
}
END_TEST

START_TEST(test_handing_out)
{
    assert_diff(HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    tilldelning rangordning sista hoppa_över\n"
                "    tak 2 MSEK per ansökan\n"
                "    vid lika lägst_belopp\n"
                "}\n"
                "pott q { belopp 1 MSEK  tilldelning rangordning sista stopp }\n",
                HEADER
                "pott p {\n"
                "    belopp 10 MSEK\n"
                "    tilldelning rangordning sista delvis\n"
                "    tak 1 500 000 kr per ansökan\n"
                "    tak 3 MSEK per sökandetyp\n"
                "    lägsta bidrag 100 000 kr\n"
                "    avrundning 1 kr\n"
                "    vid lika högst_belopp, inkommen\n"
                "    ansökningar där deltagare >= 10\n"
                "}\n"
                "pott q { belopp 1 MSEK  tilldelning proportionell }\n",
                "pott p: sista hoppa_över → delvis\n"
                "pott p: tak per ansökan 2 000 000 kr → 1 500 000 kr (-500 000 kr)\n"
                "pott p: tak per sökande (saknas) → 3 000 000 kr per sökandetyp\n"
                "pott p: lägsta bidrag (saknas) → 100 000 kr\n"
                "pott p: avrundning 1 öre → 1 kr\n"
                "pott p: vid lika lägst_belopp, nyckel → högst_belopp, inkommen, nyckel\n"
                "pott p: ansökningar där (saknas) → ansökningar där deltagare >= 10\n"
                "pott q: tilldelning rangordning → proportionell\n"
                "8 ändringar\n",
                8);
}
END_TEST

START_TEST(test_pot_texts)
{
    assert_diff(HEADER
                "pott p \"Gammal\" { belopp 1 MSEK  förvaltare \"Storsthlm\"  år 2021  stycke \"A\" }\n",
                HEADER
                "pott p { benämning \"Ny\"  belopp 1 MSEK  period 2022–2023  källa \"K\" }\n",
                "pott p: benämning \"Gammal\" → \"Ny\"\n"
                "pott p: förvaltare \"Storsthlm\" → (saknas)\n"
                "pott p: år 2021 → 2022–2023\n"
                "pott p: källa (saknas) → \"K\"\n"
                "pott p: stycke \"A\" → (saknas)\n"
                "5 ändringar\n",
                5);
}
END_TEST

/* ---- criteria, priorities, portfolio constraints ---- */

START_TEST(test_criterion_changed)
{
    assert_diff(HEADER
                "villkor deltagare { krav deltagare >= 1  skäl \"Minst en deltagare.\" }\n"
                "pott p { belopp 1 MSEK }\n",
                HEADER
                "villkor deltagare { krav deltagare >= 5 och sökandetyp är kommun  skäl \"Minst fem deltagare.\" }\n"
                "pott p { belopp 1 MSEK }\n",
                "villkor deltagare: krav deltagare >= 1 → krav deltagare >= 5 och sökandetyp är kommun\n"
                "villkor deltagare: skäl \"Minst en deltagare.\" → \"Minst fem deltagare.\"\n"
                "2 ändringar\n",
                2);
    /* Moved into a pot, and given a label. */
    assert_diff(HEADER
                "villkor v { krav deltagare >= 1  skäl \"S\" }\n"
                "pott p { belopp 1 MSEK }\n",
                HEADER
                "pott p {\n"
                "    belopp 1 MSEK\n"
                "    villkor v \"Deltagare\" { krav deltagare >= 1  skäl \"S\" }\n"
                "}\n",
                "villkor v: benämning (saknas) → \"Deltagare\"\n"
                "villkor v: gäller alla potter → pott p\n"
                "2 ändringar\n",
                2);
}
END_TEST

START_TEST(test_criterion_removed_and_added)
{
    assert_diff(HEADER
                "villkor a { krav deltagare >= 1  skäl \"A\" }\n"
                "villkor b { krav sökandetyp i {kommun, region}  skäl \"B\" }\n"
                "pott p { belopp 1 MSEK }\n",
                HEADER
                "villkor b { krav sökandetyp i {kommun, region}  skäl \"B\" }\n"
                "pott p {\n"
                "    belopp 1 MSEK\n"
                "    villkor c { krav sökandetyp är privat  skäl \"C\" }\n"
                "}\n",
                "villkor a: utgår, krav deltagare >= 1\n"
                "villkor c: tillkommer, krav sökandetyp är privat, i pott p\n"
                "2 ändringar\n",
                2);
}
END_TEST

START_TEST(test_priorities_and_portfolios)
{
    assert_diff(HEADER
                "pott p {\n"
                "    belopp 1 MSEK\n"
                "    prioritet stora { poäng 1 om deltagare >= 100 }\n"
                "    prioritet gammal { poäng 1 }\n"
                "    portfölj blandning { minst 1 där sökandetyp är kommun  högst 40 % där sökandetyp är privat }\n"
                "}\n",
                HEADER
                "pott p {\n"
                "    belopp 1 MSEK\n"
                "    prioritet stora { poäng 2 om deltagare >= 50  skäl \"Stora projekt först.\" }\n"
                "    portfölj blandning { minst 2 där sökandetyp är kommun }\n"
                "}\n"
                "portfölj kommuner { minst 1 ansökan där sökandetyp är kommun }\n",
                "prioritet stora: poäng 1 → poäng 2\n"
                "prioritet stora: om deltagare >= 100 → om deltagare >= 50\n"
                "prioritet stora: skäl (saknas) → \"Stora projekt först.\"\n"
                "prioritet gammal: utgår, poäng 1, i pott p\n"
                "portfölj blandning: gränser minst 1 där sökandetyp är kommun; högst 40 % där sökandetyp är privat"
                " → minst 2 där sökandetyp är kommun\n"
                "portfölj kommuner: tillkommer, minst 1 där sökandetyp är kommun\n"
                "6 ändringar\n",
                6);
}
END_TEST

/* ---- focus areas, fields, tables, the agreement ---- */

START_TEST(test_focus_areas)
{
    assert_diff(HEADER
                "fokusområden {\n"
                "    digital    \"Digitala tillgänglighetslösningar\"\n"
                "    jämlik     \"Jämlik vård\"\n"
                "    gammalt    \"Gammalt fokus\"\n"
                "}\n"
                "pott p { belopp 1 MSEK }\n",
                HEADER
                "fokusområden {\n"
                "    digital      \"Digitala lösningar\"\n"
                "    jämlik_vård  \"Jämlik vård\"\n"
                "    nytt         \"Nytt fokus\"\n"
                "}\n"
                "pott p { belopp 1 MSEK }\n",
                "fokusområde digital: ny benämning \"Digitala tillgänglighetslösningar\" → \"Digitala lösningar\"\n"
                "fokusområde jämlik: ny identifierare jämlik → jämlik_vård\n"
                "fokusområde gammalt: utgår, \"Gammalt fokus\"\n"
                "fokusområde nytt: tillkommer, \"Nytt fokus\"\n"
                "4 ändringar\n",
                4);
}
END_TEST

START_TEST(test_fields)
{
    assert_diff(HEADER "ansökan { titel: text \"Titel\"  gammal: ja/nej }\npott p { belopp 1 MSEK }\n",
                "överenskommelse \"Test\" { år 2021 }\n"
                "ansökan {\n"
                "    nyckel id: text\n"
                "    sökt belopp: belopp\n"
                "    sökandetyp: en av kommun | region | privat | idéburen\n"
                "    deltagare: text\n"
                "    obligatorisk titel: text \"Projektets titel\"\n"
                "    ny: intervall av belopp \"Kostnadsram\"\n"
                "}\n"
                "pott p { belopp 1 MSEK }\n",
                "fält sökandetyp: typ en av kommun | region | privat → en av kommun | region | privat | idéburen\n"
                "fält deltagare: typ heltal → text\n"
                "fält titel: kolumnrubrik \"Titel\" → \"Projektets titel\"\n"
                "fält titel: egenskaper inga → obligatorisk\n"
                "fält gammal: utgår, ja/nej \"gammal\"\n"
                "fält ny: tillkommer, intervall av belopp \"Kostnadsram\"\n"
                "6 ändringar\n",
                6);
}
END_TEST

START_TEST(test_tables)
{
    assert_diff(SPLIT_OLD "pott p { belopp 1 MSEK }\n",
                "överenskommelse \"Test\" { år 2021 }\n"
                "tabell ungdomar från \"data/befolkning_2019-12-31.csv\" {\n"
                "    nyckel kommun: text \"municipality\"\n"
                "    antal_12_22: belopp \"age_12_22\"\n"
                "    kod: text \"municipality_code\"\n"
                "    källa \"SCB\"\n"
                "}\n"
                "tabell kommuner från \"data/befolkning_2019-12-31.csv\" { nyckel kod: text \"municipality_code\" }\n"
                "ansökan { nyckel id: text  sökt belopp: belopp  kommun: nyckel i kommuner }\n"
                "pott p { belopp 1 MSEK }\n",
                "fält kommun: typ nyckel i ungdomar → nyckel i kommuner\n"
                "tabell ungdomar: källa (saknas) → \"SCB\"\n"
                "kolumn ungdomar.antal_12_22: typ heltal → belopp\n"
                "kolumn ungdomar.antal_13_19: utgår, heltal \"age_13_19\"\n"
                "kolumn ungdomar.kod: tillkommer, text \"municipality_code\"\n"
                "tabell kommuner: tillkommer, från \"data/befolkning_2019-12-31.csv\"\n"
                "6 ändringar\n",
                6);
}
END_TEST

START_TEST(test_agreement)
{
    assert_diff(HEADER "pott p { belopp 1 MSEK }\n",
                "överenskommelse \"Test 2022\" { period 2022–2023  beslut \"HSN 2022-01-01\" }\n"
                "ansökan { nyckel id: text  sökt belopp: belopp  sökandetyp: en av kommun | region | privat  deltagare: heltal }\n"
                "pott p { belopp 1 MSEK }\n",
                "överenskommelse: namn \"Test\" → \"Test 2022\"\n"
                "överenskommelse: år 2021 → 2022–2023\n"
                "överenskommelse: beslut (saknas) → \"HSN 2022-01-01\"\n"
                "3 ändringar\n",
                3);
}
END_TEST

/* ---- no difference, JSON, order ---- */

START_TEST(test_identical)
{
    const char *text = HEADER
                       "villkor v { krav deltagare >= 1  skäl \"S\" }\n"
                       "pott p { belopp 10 MSEK  pott a { belopp 40 % }  pott b { belopp resten } }\n";
    assert_diff(text, text, "Inga skillnader i sak.\n", 0);
    /* Written differently, meaning the same: other units, an expression for
    ** the amount, English keywords, declarations in another order. */
    assert_diff(text,
                "pot p { amount 5 MSEK * 2  pot a { amount 40 % }  pot b { amount rest } }\n"
                "criterion v { require deltagare >= 1  reason \"S\" }\n"
                HEADER,
                "Inga skillnader i sak.\n", 0);
    size_t n;
    char *json = diff(text, text, true, &n);
    char want[200];
    snprintf(want, sizeof want, "{\n  \"format_version\": 1,\n  \"medel\": {\"version\": \"%s\", \"command\": \"diff\"},\n"
             "  \"changes\": []\n}\n", medel_version());
    ck_assert_str_eq(json, want);
    ck_assert_uint_eq(n, 0);
    free(json);
}
END_TEST

START_TEST(test_json)
{
    size_t n;
    char *got = diff(HEADER "pott länsgemensam { belopp 4 528 193 kr }\nvillkor v { krav deltagare >= 1  skäl \"Med \\\"citat\\\"\" }\n",
                     HEADER "pott länsgemensam { belopp 4 542 924 kr }\n", true, &n);
    /* The changes, after the head with the format's and the engine's version. */
    const char *changes = strstr(got, "  \"changes\": [");
    ck_assert_ptr_nonnull(changes);
    const char *head = "{\n  \"format_version\": 1,\n  \"medel\": {\"version\": ";
    ck_assert(strncmp(got, head, strlen(head)) == 0);
    ck_assert_str_eq(changes,
                     "  \"changes\": [\n"
                     "    {\"kind\": \"pott\", \"name\": \"länsgemensam\", \"what\": \"belopp\", \"old\": \"4 528 193 kr\", "
                     "\"new\": \"4 542 924 kr\", \"diff_ore\": 1473100},\n"
                     "    {\"kind\": \"villkor\", \"name\": \"v\", \"what\": \"utgår\", \"old\": \"krav deltagare >= 1\", "
                     "\"new\": null, \"diff_ore\": null}\n"
                     "  ]\n}\n");
    ck_assert_uint_eq(n, 2);
    free(got);
}
END_TEST

/* ---- medel_diff: loading and exit codes ---- */

static char *write_file(const char *dir, const char *name, const char *text)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *path = malloc(n);
    ck_assert_ptr_nonnull(path);
    snprintf(path, n, "%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
    return path;
}

static int run_diff(const char *a, const char *b, char **out_text, char **err_text)
{
    size_t lo = 0, le = 0;
    FILE *out = open_memstream(out_text, &lo), *err = open_memstream(err_text, &le);
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    int rc = medel_diff(a, b, false, false, false, out, err);
    ck_assert_int_eq(fclose(out), 0);
    ck_assert_int_eq(fclose(err), 0);
    return rc;
}

START_TEST(test_exit_codes)
{
    char dir[] = "/tmp/medel-diff-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char *a = write_file(dir, "a.medel", HEADER "pott p { belopp 1 MSEK }\n");
    char *b = write_file(dir, "b.medel", HEADER "pott p { belopp 2 MSEK }\n");
    char *bad = write_file(dir, "bad.medel", HEADER "pott p { belopp 1 MSEK  tak 2 MSEK per ansökan  tak 3 MSEK per ansökan }\n");
    char *missing = write_file(dir, "missing.medel", "");
    unlink(missing);
    char *out, *err;

    ck_assert_int_eq(run_diff(a, a, &out, &err), MEDEL_EXIT_OK);
    ck_assert_str_eq(out, "Inga skillnader i sak.\n");
    ck_assert_str_eq(err, "");
    free(out);
    free(err);

    ck_assert_int_eq(run_diff(a, b, &out, &err), MEDEL_DIFF_DIFFERS);
    ck_assert_str_eq(out, "pott p: 1 000 000 kr → 2 000 000 kr (+1 000 000 kr)\n1 ändring\n");
    ck_assert_str_eq(err, "");
    free(out);
    free(err);

    /* A file with errors: its diagnostics, nothing on standard output. */
    ck_assert_int_eq(run_diff(a, bad, &out, &err), MEDEL_EXIT_RULES);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "bad.medel: 1 fel i regelfilen\n"));
    free(out);
    free(err);

    /* Unreadable wins over invalid, whichever side it is on. */
    ck_assert_int_eq(run_diff(missing, bad, &out, &err), MEDEL_EXIT_NOINPUT);
    ck_assert_str_eq(out, "");
    ck_assert_ptr_nonnull(strstr(err, "kan inte läsa regelfilen"));
    free(out);
    free(err);

    unlink(a);
    unlink(b);
    unlink(bad);
    rmdir(dir);
    free(a);
    free(b);
    free(bad);
    free(missing);
}
END_TEST

Suite *make_diff_suite(void)
{
    Suite *s = suite_create("diff");
    TCase *tc = tcase_create("diff");
    tcase_add_test(tc, test_amount_change);
    tcase_add_test(tc, test_pot_added_and_removed);
    tcase_add_test(tc, test_percent_share);
    tcase_add_test(tc, test_moved_pot);
    tcase_add_test(tc, test_split_changed);
    tcase_add_test(tc, test_handing_out);
    tcase_add_test(tc, test_pot_texts);
    tcase_add_test(tc, test_criterion_changed);
    tcase_add_test(tc, test_criterion_removed_and_added);
    tcase_add_test(tc, test_priorities_and_portfolios);
    tcase_add_test(tc, test_focus_areas);
    tcase_add_test(tc, test_fields);
    tcase_add_test(tc, test_tables);
    tcase_add_test(tc, test_agreement);
    tcase_add_test(tc, test_identical);
    tcase_add_test(tc, test_json);
    tcase_add_test(tc, test_exit_codes);
    suite_add_tcase(s, tc);
    return s;
}
