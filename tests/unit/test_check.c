/*
** test_check.c: unit tests for the static checks (lang/checker.c) and the
** loader (lang/program.c) through program_load_text: pot amounts to the öre,
** conservation of every split, name resolution, NFC names, expression types,
** duplicates, `utökar` with `ändra` and `ta bort`, scenarios derived from the
** baseline (program_apply_amounts), and program_dump. Texts live in memory;
** base rule files and CSV files go to a mkdtemp folder.
** Diagnostics are compared as diags_render prints them, exactly.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "program.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))

#define DATA MEDEL_SOURCE_DIR "/rules/data/befolkning_2019-12-31.csv"

/* A valid header: the agreement and a schema whose requested amount lets
** leaf pots take applications. */
#define HEADER                                             \
    "överenskommelse \"X\" { år 2021 }\n"     \
    "ansökan { nyckel id: text  sökt belopp: belopp }\n"

/* ---- a scratch folder for base rule files and data ---- */

typedef struct Scratch {
    char dir[64];
    char *files[8];
    int n;
} Scratch;

static void scratch_init(Scratch *s)
{
    memset(s, 0, sizeof *s);
    strcpy(s->dir, "/tmp/medel-check-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(s->dir));
}

/* Writes `text` to dir/name; returns the full path (owned by s). */
static const char *scratch_write(Scratch *s, const char *name, const char *text)
{
    ck_assert_int_lt(s->n, 8);
    char *path = NULL;
    size_t len = 0;
    FILE *p = open_memstream(&path, &len);
    ck_assert_ptr_nonnull(p);
    fprintf(p, "%s/%s", s->dir, name);
    ck_assert_int_eq(fclose(p), 0);
    FILE *f = fopen(path, "wb");
    ck_assert_ptr_nonnull(f);
    ck_assert_uint_eq(fwrite(text, 1, strlen(text), f), strlen(text));
    ck_assert_int_eq(fclose(f), 0);
    s->files[s->n++] = path;
    return path;
}

static void scratch_free(Scratch *s)
{
    for (int i = 0; i < s->n; i++) {
        unlink(s->files[i]);
        free(s->files[i]);
    }
    rmdir(s->dir);
}

/* Replaces every "@DIR@" with dir and every "@DATA@" with the bundled
** population file. Result is malloc'd. */
static char *subst(const char *t, const char *dir)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    while (*t) {
        if (strncmp(t, "@DIR@", 5) == 0) {
            fputs(dir ? dir : "", f);
            t += 5;
        } else if (strncmp(t, "@DATA@", 6) == 0) {
            fputs(DATA, f);
            t += 6;
        } else {
            fputc(*t++, f);
        }
    }
    ck_assert_int_eq(fclose(f), 0);
    return out;
}

/* ---- loading ---- */

typedef struct Loaded {
    SourceSet set;
    Arena arena;
    Diags d;
    Program *p;
    char *diags;   /* diags_render */
    char *dump;    /* program_dump, or "" when there were errors */
} Loaded;

static char *render(const Diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    diags_render(d, out);
    ck_assert_int_eq(fclose(out), 0);
    return buf;
}

/* Loads text as rule file `path` with the given options. */
static void load_with(Loaded *L, const char *path, const char *text, const LoadOptions *opt)
{
    source_set_init(&L->set);
    arena_init(&L->arena);
    diags_init(&L->d, &L->set);
    L->p = program_load_text(&L->arena, &L->set, &L->d, path, text, strlen(text), opt);
    ck_assert_ptr_nonnull(L->p);
    L->diags = render(&L->d);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    if (L->d.n_errors == 0)
        program_dump(L->p, out);
    ck_assert_int_eq(fclose(out), 0);
    L->dump = buf;
}

/* Loads text as rule file `path` (data and other files outside its folder
** are allowed unless `strict`). */
static void load_opt(Loaded *L, const char *path, const char *text, bool strict)
{
    LoadOptions opt = {.allow_outside_paths = !strict};
    load_with(L, path, text, &opt);
}

static void load(Loaded *L, const char *path, const char *text)
{
    load_opt(L, path, text, false);
}

static void loaded_free(Loaded *L)
{
    free(L->diags);
    free(L->dump);
    diags_free(&L->d);
    arena_free(&L->arena);
    source_set_free(&L->set);
}

/* Only the first line of each rendered diagnostic: "file:line:col: level: msg". */
static char *headlines(const char *rendered)
{
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    for (const char *l = rendered; *l;) {
        const char *nl = strchr(l, '\n');
        size_t n = nl ? (size_t)(nl - l) + 1 : strlen(l);
        if (*l != ' ')
            fwrite(l, 1, n, f);
        l += n;
    }
    ck_assert_int_eq(fclose(f), 0);
    return out;
}

/* ---- pot amounts, to the öre ---- */

typedef struct AmountRow {
    const char *name;
    const char *pots;    /* after HEADER */
    const char *pot;     /* the pot to look at */
    Money want;
    ShareKind share;
    const char *warnings; /* rendered, "" for none */
} AmountRow;

static const AmountRow amount_rows[] = {
    {"fixed grouped", "pott p { belopp 35 000 000 kr }", "p", 3500000000, SHARE_ROOT, ""},
    {"fixed MSEK with decimals", "pott p { belopp 1,5 MSEK }", "p", 150000000, SHARE_ROOT, ""},
    {"fixed with ore", "pott p { belopp 1 500 000,50 kr }", "p", 150000050, SHARE_ROOT, ""},
    {"sum with percent of amount", "pott p { belopp 182 MSEK + 50 % av 110 MSEK }", "p", 23700000000, SHARE_ROOT, ""},
    {"percent of exact amount", "pott p { belopp 4 % av 113 204 825 kr }", "p", 452819300, SHARE_ROOT, ""},
    {"approximate amount", "pott p { belopp nära 182 000 000 kr }", "p", 18200000000, SHARE_ROOT, ""},
    {"amount times integer", "pott p { belopp 1 MSEK * 2 }", "p", 200000000, SHARE_ROOT, ""},
    {"integer times amount", "pott p { belopp 2 * 1 MSEK }", "p", 200000000, SHARE_ROOT, ""},
    {"parenthesised sum times integer", "pott p { belopp (1 MSEK + 2 MSEK) * 2 }", "p", 600000000, SHARE_ROOT, ""},
    {"difference", "pott p { belopp 35 MSEK - 12 tkr }", "p", 3498800000, SHARE_ROOT, ""},
    {"fixed child", "pott p { belopp 10 MSEK  pott a { belopp 4 MSEK } pott b { belopp 6 MSEK } }", "b", 600000000,
     SHARE_FIXED, ""},
    {"percent of parent", "pott p { belopp 10 MSEK  pott a { belopp 40 % } pott b { belopp 60 % } }", "a", 400000000,
     SHARE_PERCENT, ""},
    {"decimal percent of parent", "pott p { belopp 8 MSEK  pott a { belopp 12,5 % } pott b { belopp resten } }", "a",
     100000000, SHARE_PERCENT, ""},
    {"sum of percentages", "pott p { belopp 10 MSEK  pott a { belopp 10 % + 5 % } pott b { belopp resten } }", "a",
     150000000, SHARE_PERCENT, ""},
    {"rest", "pott p { belopp 35 000 000 kr  pott a { belopp 15 MSEK } pott b { belopp 10 MSEK } pott c { belopp resten } }",
     "c", 1000000000, SHARE_REST, ""},
    {"rest after percent and fixed",
     "pott p { belopp 182 MSEK + 50 % av 110 MSEK\n"
     "  pott a { belopp 4 % av 113 204 825 kr }\n"
     "  pott b { belopp 50 % }\n"
     "  pott c { belopp resten } }",
     "c", 11397180700, SHARE_REST, ""},
    {"percent of a rest", "pott p { belopp 10 MSEK  pott a { belopp 2 MSEK } pott b { belopp resten  pott b1 { belopp 25 % } "
     "pott b2 { belopp resten } } }", "b1", 200000000, SHARE_PERCENT, ""},
    {"rest of nothing is a warning",
     "pott p { belopp 1 MSEK  pott a { belopp 1 MSEK }\n  pott b { belopp resten } }", "b", 0, SHARE_REST,
     "t.medel:4:19: warning: 'resten' av 'p' är 0 kr: de andra delpotterna tar allt\n"
     "    4 |   pott b { belopp resten } }\n"
     "      |                   ^~~~~~\n"},
};

START_TEST(test_amounts)
{
    const AmountRow *r = &amount_rows[_i];
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%s%s\n", HEADER, r->pots);
    ck_assert_int_eq(fclose(f), 0);
    Loaded L;
    load(&L, "t.medel", text);
    ck_assert_msg(strcmp(L.diags, r->warnings) == 0, "%s: diagnostics\n--- got:\n%s--- want:\n%s", r->name, L.diags,
                  r->warnings);
    int k = program_find_pot(L.p, r->pot);
    ck_assert_msg(k >= 0, "%s: no pot '%s'", r->name, r->pot);
    ck_assert_msg(L.p->pots[k].amount == r->want, "%s: amount %lld öre, want %lld", r->name,
                  (long long)L.p->pots[k].amount, (long long)r->want);
    ck_assert_msg(L.p->pots[k].share == r->share, "%s: share %d, want %d", r->name, L.p->pots[k].share, r->share);
    /* "nära 182 000 000 kr" keeps its word. */
    if (strstr(r->pots, "nära"))
        ck_assert_msg(L.p->pots[k].approx && strcmp(L.p->pots[k].approx, "nära") == 0, "%s: approx", r->name);
    else
        ck_assert_msg(L.p->pots[k].approx == NULL, "%s: approx '%s'", r->name, L.p->pots[k].approx);
    loaded_free(&L);
    free(text);
}
END_TEST

/* ---- programs with errors: the exact diagnostics ---- */

typedef struct ErrorRow {
    const char *name;
    const char *src;     /* @DATA@ is the bundled population file */
    bool full;           /* compare the full rendering, else only head lines */
    const char *want;
} ErrorRow;

static const ErrorRow error_rows[] = {
    {"sub-pots take more than the pot",
     HEADER
     "pott över {\n"
     "    belopp 35 000 000 kr\n"
     "    pott a { belopp 20 MSEK }\n"
     "    pott b { belopp 16 MSEK }\n"
     "}\n",
     true,
     "t.medel:4:12: error: delpotterna i 'över' tar 36 000 000 kr, 1 000 000 kr mer än dess 35 000 000 kr\n"
     "    4 |     belopp 35 000 000 kr\n"
     "      |            ^~~~~~~~~~~~~\n"
     "t.medel:5:21: note: 'a' tar 20 000 000 kr\n"
     "    5 |     pott a { belopp 20 MSEK }\n"
     "      |                     ^~~~~~~\n"
     "t.medel:6:21: note: 'b' tar 16 000 000 kr\n"
     "    6 |     pott b { belopp 16 MSEK }\n"
     "      |                     ^~~~~~~\n"},
    {"percent and fixed take more than the pot",
     HEADER "pott p { belopp 10 MSEK\n  pott a { belopp 60 % }\n  pott b { belopp 5 MSEK } }\n",
     true,
     "t.medel:3:17: error: delpotterna i 'p' tar 11 000 000 kr, 1 000 000 kr mer än dess 10 000 000 kr\n"
     "    3 | pott p { belopp 10 MSEK\n"
     "      |                 ^~~~~~~\n"
     "t.medel:4:19: note: 'a' tar 6 000 000 kr\n"
     "    4 |   pott a { belopp 60 % }\n"
     "      |                   ^~~~\n"
     "t.medel:5:19: note: 'b' tar 5 000 000 kr\n"
     "    5 |   pott b { belopp 5 MSEK } }\n"
     "      |                   ^~~~~~\n"},
    {"pot not fully split",
     HEADER "pott under { belopp 10 MSEK  pott c { belopp 4 MSEK } }\n",
     true,
     "t.medel:3:21: error: potten 'under' är inte helt fördelad: 6 000 000 kr av 10 000 000 kr går inte till någon delpott\n"
     "    3 | pott under { belopp 10 MSEK  pott c { belopp 4 MSEK } }\n"
     "      |                     ^~~~~~~\n"
     "t.medel:3:6: note: ge en delpott i 'under' 'belopp resten', eller lägg till en för de 6 000 000 kr\n"
     "    3 | pott under { belopp 10 MSEK  pott c { belopp 4 MSEK } }\n"
     "      |      ^~~~~\n"},
    {"percentages above 100",
     HEADER "pott p { belopp 10 MSEK\n  pott d { belopp 60 % }\n  pott e { belopp 50 % } }\n",
     true,
     "t.medel:3:17: error: procentsatserna för delpotterna i 'p' blir tillsammans 110 %, mer än 100 %\n"
     "    3 | pott p { belopp 10 MSEK\n"
     "      |                 ^~~~~~~\n"
     "t.medel:4:19: note: 'd' tar 60 %\n"
     "    4 |   pott d { belopp 60 % }\n"
     "      |                   ^~~~\n"
     "t.medel:5:19: note: 'e' tar 50 %\n"
     "    5 |   pott e { belopp 50 % } }\n"
     "      |                   ^~~~\n"},
    {"two rests",
     HEADER "pott p { belopp 10 MSEK\n  pott f { belopp resten }\n  pott g { belopp resten } }\n",
     true,
     "t.medel:5:19: error: potten 'p' har två delpotter med 'resten'\n"
     "    5 |   pott g { belopp resten } }\n"
     "      |                   ^~~~~~\n"
     "t.medel:4:19: note: den första är 'f'\n"
     "    4 |   pott f { belopp resten }\n"
     "      |                   ^~~~~~\n"},
    {"percent of parent is not whole ore",
     HEADER "pott p { belopp 1,01 kr  pott a { belopp 33 % } pott b { belopp resten } }\n",
     false,
     "t.medel:3:42: error: 33 % av 1,01 kr är inte ett helt antal öre\n"
     "t.medel:3:17: note: beloppet för 'p' står här\n"},
    {"percent of amount is not whole ore",
     HEADER "pott p { belopp 33 % av 1,01 kr }\n",
     false,
     "t.medel:3:17: error: 33 % av 1,01 kr är inte ett helt antal öre\n"},
    {"bad pot amounts",
     HEADER
     "pott topp { belopp 40 % }\n"
     "pott neg { belopp 10 MSEK - 20 MSEK }\n"
     "pott namn { belopp x }\n"
     "pott tal { belopp 5 }\n"
     "pott stor { belopp 92 233 720 368 547 758 kr + 1 kr }\n"
     "pott tom { }\n"
     "pott två { belopp 1 MSEK  belopp 2 MSEK }\n",
     false,
     "t.medel:3:20: error: potten 'topp' på översta nivån behöver ett belopp i kronor; en procentsats syftar på en överordnad pott som den inte har\n"
     "t.medel:4:19: error: en potts belopp kan inte vara negativt (-10 000 000 kr)\n"
     "t.medel:5:20: error: en potts belopp skrivs med belopp och procentsatser; 'x' är inte känt innan ansökningarna är lästa\n"
     "t.medel:6:19: error: en potts belopp måste vara ett belopp (35 MSEK), en procentsats av den överordnade potten (40 %), ett uttryck av sådana (182 MSEK + 50 % av 110 MSEK) eller 'resten'\n"
     "t.medel:7:20: error: beloppet blir för stort: resultatet är större än medel kan räkna i öre\n"
     "t.medel:8:6: error: potten 'tom' har inget belopp; en pott på översta nivån behöver 'belopp', till exempel 'belopp 35 000 000 kr'\n"
     "t.medel:9:27: error: i pott 'två' står 'belopp' mer än en gång\n"
     "t.medel:9:12: note: första 'belopp' står här\n"},
    {"duplicates",
     "överenskommelse \"X\" { år 2021 }\n"
     "överenskommelse \"Y\" { år 2022 }\n"
     "fokusområden { digital \"Digital\" digital \"D2\" samverkan \"DIGITAL\" }\n"
     "ansökan { nyckel id: text  id: heltal  typ: en av a | b | A  sökt belopp: belopp }\n"
     "tabell t från \"@DATA@\" { nyckel kommun: text \"municipality\"  kommun: heltal \"age_12_22\" }\n"
     "tabell t från \"@DATA@\" { nyckel kommun: text \"municipality\" }\n"
     "villkor v { krav ja  skäl \"s\" }\n"
     "villkor v { krav ja  skäl \"s\" }\n"
     "prioritet q { poäng 1 }\n"
     "prioritet q { poäng 1 }\n"
     "portfölj r { minst 1 }\n"
     "portfölj r { minst 1 }\n"
     "pott p { belopp 1 MSEK  pott p { belopp resten } }\n",
     false,
     "t.medel:2:1: error: regelfilen har mer än en 'överenskommelse'\n"
     "t.medel:1:1: note: den första står här\n"
     "t.medel:3:34: error: fokusområde 'digital' finns redan\n"
     "t.medel:3:16: note: fokusområde 'digital' deklareras första gången här\n"
     "t.medel:3:57: error: fokusområdena 'digital' och 'samverkan' har samma benämning \"DIGITAL\"\n"
     "t.medel:3:16: note: fokusområdet 'digital' deklareras här\n"
     "t.medel:4:28: error: fält 'id' finns redan\n"
     "t.medel:4:18: note: fält 'id' deklareras första gången här\n"
     "t.medel:4:59: error: värdet 'A' står två gånger\n"
     "t.medel:4:51: note: här står det första gången\n"
     "t.medel:5:@C1@: error: kolumn 'kommun' finns redan\n"
     "t.medel:5:@C2@: note: kolumn 'kommun' deklareras första gången här\n"
     "t.medel:6:8: error: tabell 't' finns redan\n"
     "t.medel:5:8: note: tabell 't' deklareras första gången här\n"
     "t.medel:8:9: error: villkor 'v' finns redan\n"
     "t.medel:7:9: note: villkor 'v' deklareras första gången här\n"
     "t.medel:10:11: error: prioritet 'q' finns redan\n"
     "t.medel:9:11: note: prioritet 'q' deklareras första gången här\n"
     "t.medel:12:10: error: portföljvillkor 'r' finns redan\n"
     "t.medel:11:10: note: portföljvillkor 'r' deklareras första gången här\n"
     "t.medel:13:30: error: pott 'p' finns redan\n"
     "t.medel:13:6: note: pott 'p' deklareras första gången här\n"},
    {"missing parts",
     "ansökan { id: text }\n"
     "villkor c { }\n"
     "prioritet q { skäl \"s\" }\n"
     "portfölj r { skäl \"x\" }\n"
     "pott p { belopp 1 MSEK }\n",
     false,
     "t.medel:1:1: error: regelfilen har ingen 'överenskommelse' som säger vilken överenskommelse den beskriver\n"
     "t.medel:1:1: error: ansökan har inget nyckelfält; märk fältet som identifierar en ansökan med 'nyckel'\n"
     "t.medel:1:1: error: potten 'p' delar ut pengar till ansökningar, men inget fält är det sökta beloppet; märk det med 'sökt'\n"
     "t.medel:2:9: error: villkoret 'c' har inget 'krav'; skriv vad som ska gälla, till exempel 'krav målgrupp inom 12..22'\n"
     "t.medel:2:9: error: villkoret 'c' har inget 'skäl'; skälet visas för handläggaren när villkoret inte är uppfyllt\n"
     "t.medel:3:11: error: prioriteten 'q' har inga 'poäng'; till exempel 'poäng 2 om fokus överlappar {främjande}'\n"
     "t.medel:4:10: error: portföljvillkoret 'r' säger ingenting; lägg till exempelvis 'minst 1 ansökan där sökandetyp är privat'\n"},
    {"agreement years",
     "överenskommelse \"X\" { år 1800 }\n"
     "pott p { belopp 1 MSEK  period 2022–2021  tilldelning rättighet }\n"
     "pott q { belopp 1 MSEK  år 2021  år 2022  tilldelning rättighet }\n",
     false,
     "t.medel:1:26: error: ett år skrivs 2021 och en period 2021–2022\n"
     "t.medel:2:32: error: ett år skrivs 2021 och en period 2021–2022\n"
     "t.medel:3:34: error: i pott 'q' står 'år' mer än en gång\n"
     "t.medel:3:25: note: första 'år' står här\n"},
    {"unknown names and values",
     HEADER
     "fokusområden { digital \"D\" }\n"
     "ansökan { typ: en av kommun | region  fokus: fokusområden  insatser: mängd av kurator | läkare }\n"
     "villkor a { krav typ är okänd  skäl \"s\" }\n"
     "villkor b { krav fokus överlappar {okänd}  skäl \"s\" }\n"
     "villkor c { krav saknas  skäl \"s\" }\n"
     "villkor d { krav typ i {kommun, digital}  skäl \"s\" }\n"
     "villkor e { krav summa(fokus) > 1  skäl \"s\" }\n"
     "pott p { belopp 1 MSEK }\n",
     false,
     "t.medel:5:25: error: okänt värde 'okänd'; värdena är: kommun, region\n"
     "t.medel:6:36: error: okänt fokusområde 'okänd'; fokusområdena är: digital\n"
     "t.medel:7:18: error: okänt namn 'saknas': varken ett fält i ansökan eller ett fokusområde\n"
     "t.medel:8:33: error: 'digital' är ett fokusområde, men här väntas ett av värdena kommun, region\n"
     "t.medel:9:18: error: okänd funktion 'summa'; den som finns är antal(…)\n"},
    {"type mismatches",
     HEADER
     "ansökan { typ: en av kommun | region  kommun: text  målgrupp: intervall  ok: ja/nej }\n"
     "villkor a { krav belopp + 1 > 0  skäl \"s\" }\n"
     "villkor b { krav 1,5 > 1  skäl \"s\" }\n"
     "villkor c { krav om ok så 1  skäl \"s\" }\n"
     "villkor d { krav kommun är typ  skäl \"s\" }\n"
     "villkor e { krav 1 + 2  skäl \"s\" }\n"
     "villkor f { krav målgrupp inom 22..12  skäl \"s\" }\n"
     "villkor g { krav om ok så 1 annars ja  skäl \"s\" }\n"
     "villkor h { krav \"a\" < \"b\"  skäl \"s\" }\n"
     "villkor i2 { krav antal(typ) > 0  skäl \"s\" }\n"
     "pott p { belopp 1 MSEK }\n",
     false,
     "t.medel:4:18: error: fel typ: '+' adderar eller subtraherar två heltal eller två belopp, inte belopp och heltal\n"
     "t.medel:5:18: error: ett tal med decimaler går inte här; ett belopp skrivs 1,5 MSEK och en procentsats 1,5 %\n"
     "t.medel:6:27: error: fel typ: 'om … så' utan 'annars' behöver ett ja/nej-villkor efter 'så', inte heltal\n"
     "t.medel:7:18: error: fel typ: '=' jämför två värden av samma typ, inte text och uppräknat värde\n"
     "t.medel:8:18: error: fel typ: ett villkors 'krav' måste vara ett ja/nej-villkor, inte ett heltal\n"
     "t.medel:9:32: error: tomt intervall: det börjar efter att det slutar\n"
     "t.medel:10:18: error: fel typ: 'så' ger heltal men 'annars' ger ja/nej\n"
     "t.medel:11:18: error: fel typ: '<' jämför två heltal, belopp eller procentsatser, inte text och text\n"
     "t.medel:12:25: error: fel typ: 'antal' räknar medlemmarna i en mängd, inte uppräknat värde\n"},
    {"allocation properties",
     HEADER
     "ansökan { sökande: text }\n"
     "pott a { belopp 1 MSEK  tak 2 MSEK per sökande  tak 1 MSEK per ansökan  lägsta bidrag 3 MSEK }\n"
     "pott b { belopp 1 MSEK  tak 0 kr per ansökan  tak 1 kr per saknas  vid lika okänd, inkommen }\n"
     "pott c { belopp 1 MSEK  tilldelning okänd sista x }\n"
     "pott d { belopp 1 MSEK  tilldelning proportionell sista delvis }\n",
     false,
     "t.medel:4:87: error: det lägsta bidraget 3 000 000 kr är större än taket per ansökan 1 000 000 kr\n"
     "t.medel:4:53: note: taket står här\n"
     "t.medel:5:29: error: ett tak måste vara ett positivt belopp\n"
     "t.medel:5:60: error: okänt fält 'saknas'; 'tak … per' anger 'ansökan' eller fältet som identifierar den sökande\n"
     "t.medel:5:77: error: okänd regel för lika poäng 'okänd'; reglerna är lägst_belopp, högst_belopp, inkommen och nyckel\n"
     "t.medel:6:37: error: okänd tilldelning 'okänd'; tilldelningarna är rangordning, proportionell och rättighet\n"
     "t.medel:6:49: error: okänd regel för det sista projektet 'x'; reglerna är delvis, hoppa_över och stopp\n"
     "t.medel:7:57: error: 'sista' gäller bara 'tilldelning rangordning'\n"},
    {"negative number of applications",
     HEADER "portfölj r { minst -1 ansökan }\npott p { belopp 1 MSEK }\n",
     false,
     "t.medel:3:20: error: ett antal ansökningar kan inte vara negativt\n"},
    {"tables and splits",
     HEADER
     "tabell t från \"@DATA@\" { nyckel kommun: text \"municipality\"  antal: heltal \"age_12_22\"  kod: text \"municipality_code\"  saknas: heltal }\n"
     "tabell w från \"@DATA@\" { k: text \"municipality\" }\n"
     "ansökan { kommun: nyckel i t  ort: nyckel i saknad }\n"
     "pott q { belopp 10 MSEK  fördela per id efter t.kod { avrundning 0 kr metod okänd första_divisor 1,4 } }\n"
     "pott r { belopp 10 MSEK  fördela per kommun efter t.antal { metod sainte_laguë första_divisor 2 } }\n"
     "pott s { belopp 10 MSEK  fördela per kommun efter t.x  pott s1 { belopp resten } }\n",
     false,
     "t.medel:3:@C3@: error: kolumnen 'saknas' finns inte i datafilen '@DATA@'\n"
     "t.medel:3:15: note: filens kolumner är: municipality_code, municipality, population_total, age_12_22, "
     "age_12_22_women, age_12_22_men, age_13_19, age_13_25, age_15_24, age_10_19\n"
     "t.medel:4:8: error: tabellen 'w' har ingen nyckelkolumn; märk kolumnen som namnger varje rad med 'nyckel'\n"
     "t.medel:5:45: error: okänd tabell 'saknad'\n"
     "t.medel:6:38: error: fältet 'id' måste ha typen 'nyckel i t' för att ansökningarna ska fördelas på delpotterna i 'q'\n"
     "t.medel:2:18: note: fältet 'id' deklareras här\n"
     "t.medel:6:47: error: vikterna 't.kod' måste vara heltal eller belopp, inte text\n"
     "t.medel:6:66: error: avrundningsenheten måste vara ett positivt belopp, till exempel 'avrundning 1 kr'\n"
     "t.medel:6:77: error: okänd fördelningsmetod 'okänd'; metoderna är största_rest, dhondt och sainte_laguë\n"
     "t.medel:6:83: error: 'första_divisor' gäller bara 'metod sainte_laguë'\n"
     "t.medel:7:95: error: den första divisorn måste vara minst 1 och mindre än 2, till exempel 1,2\n"
     "t.medel:8:26: error: potten 's' fördelas per 'kommun' och har dessutom delpotter; en pott delas på ett sätt\n"
     "t.medel:8:61: note: delpotten 's1' deklareras här\n"
     "t.medel:8:53: error: tabellen 't' har ingen kolumn 'x'; dess kolumner är: kommun, antal, kod, saknas\n"
     "t.medel:3:8: note: tabellen 't' deklareras här\n"},
    {"missing data file",
     HEADER "tabell u från \"/nonexistent/medel/none.csv\" { nyckel k: text }\n",
     false,
     "t.medel:3:15: error: kan inte läsa datafilen '/nonexistent/medel/none.csv': filen eller mappen finns inte\n"},
    {"schema problems",
     "överenskommelse \"X\" { år 2021 }\n"
     "ansökan {\n"
     "  nyckel typ: en av a | b\n"
     "  nyckel id: text\n"
     "  sökt antal: heltal\n"
     "  sökt belopp: belopp\n"
     "  ma\xCC\x88rke: text\n"   /* a decomposed ä (a + U+0308): the same name as märke */
     "  märke: heltal\n"
     "}\n"
     "pott p { belopp 1 MSEK }\n",
     false,
     "t.medel:3:15: error: nyckelfältet 'typ' måste vara text eller heltal, inte uppräknat värde\n"
     "t.medel:4:10: error: ansökan har mer än ett nyckelfält\n"
     "t.medel:3:10: note: det första nyckelfältet står här\n"
     "t.medel:5:15: error: det sökta beloppet 'antal' måste vara belopp, inte heltal\n"
     "t.medel:6:8: error: ansökan har mer än ett sökt belopp ('sökt')\n"
     "t.medel:5:8: note: det första står här\n"
     "t.medel:8:3: error: fält 'märke' finns redan\n"
     "t.medel:7:3: note: fält 'märke' deklareras första gången här\n"},
    {"pot without a schema",
     "överenskommelse \"X\" { år 2021 }\npott p { belopp 1 MSEK }\n",
     true,
     "t.medel:2:6: error: potten 'p' delar ut pengar till ansökningar, men regelfilen beskriver ingen ansökan ('ansökan { … }')\n"
     "    2 | pott p { belopp 1 MSEK }\n"
     "      |      ^\n"},
    {"changes without a base",
     "överenskommelse \"X\" { år 2021 }\nta bort villkor x\nändra pott p { belopp 1 kr }\n",
     false,
     "t.medel:2:1: error: 'ta bort' ändrar en grundfil, men den här filen utökar ingen; lägg först till 'utökar \"…\"'\n"
     "t.medel:3:1: error: 'ändra' ändrar en grundfil, men den här filen utökar ingen; lägg först till 'utökar \"…\"'\n"},
};

/* Column numbers that depend on the length of the data path. */
static char *fill_columns(const char *want, const char *src)
{
    (void)src;
    size_t pathlen = strlen(DATA);
    /* 'tabell t från "' is 15 columns, then the path, then '" { nyckel ' (11):
    ** the key column's name starts in column 15 + path + 11 + 1. */
    size_t base = 15 + pathlen + 12;
    char c1[16], c2[16], c3[16];
    snprintf(c2, sizeof c2, "%zu", base);
    snprintf(c1, sizeof c1, "%zu", base + strlen("kommun: text \"municipality\"  "));
    snprintf(c3, sizeof c3, "%zu",
             base +
                 strlen("kommun: text \"municipality\"  antal: heltal \"age_12_22\"  kod: text \"municipality_code\"  "));
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);
    ck_assert_ptr_nonnull(f);
    while (*want) {
        if (strncmp(want, "@C1@", 4) == 0) {
            fputs(c1, f);
            want += 4;
        } else if (strncmp(want, "@C2@", 4) == 0) {
            fputs(c2, f);
            want += 4;
        } else if (strncmp(want, "@C3@", 4) == 0) {
            fputs(c3, f);
            want += 4;
        } else {
            fputc(*want++, f);
        }
    }
    ck_assert_int_eq(fclose(f), 0);
    return out;
}

START_TEST(test_errors)
{
    const ErrorRow *r = &error_rows[_i];
    char *src = subst(r->src, NULL);
    char *want0 = subst(r->want, NULL);
    char *want = fill_columns(want0, src);
    Loaded L;
    load(&L, "t.medel", src);
    char *got = r->full ? strdup(L.diags) : headlines(L.diags);
    ck_assert_msg(strcmp(got, want) == 0, "%s: diagnostics\n--- got:\n%s--- want:\n%s", r->name, got, want);
    ck_assert_msg(L.d.n_errors > 0, "%s: no error", r->name);
    free(got);
    loaded_free(&L);
    free(want);
    free(want0);
    free(src);
}
END_TEST

/* ---- name resolution, NFC and expression types ---- */

static const Expr *require_of(const Program *p, const char *criterion)
{
    for (size_t i = 0; i < p->n_criteria; i++)
        if (strcmp(p->criteria[i].name, criterion) == 0)
            return p->criteria[i].require;
    ck_abort_msg("no criterion '%s'", criterion);
    return NULL;
}

static const char SCHEMA_TEXT[] =
    "överenskommelse \"X\" { år 2021 }\n"
    "fokusområden { digital \"Digital\"  samverkan \"Samverkan\" }\n"
    "ansökan {\n"
    "    nyckel id: text\n"
    "    sökandetyp: en av kommun | region | privat\n"
    "    kommun: text\n"
    "    sökt belopp: belopp\n"
    "    målgrupp: intervall\n"
    "    fokus: fokusområden\n"
    "    insatser: mängd av kurator | läkare\n"
    "    huvud: fokusområde\n"
    "    lämplig: ja/nej\n"
    "}\n"
    "villkor a { krav sökandetyp är kommun  skäl \"s\" }\n"
    "villkor b { krav sökandetyp i {kommun, region}  skäl \"s\" }\n"
    "villkor c { krav kommun = \"Solna\"  skäl \"s\" }\n"
    /* la\xCC\x88mplig and ma\xCC\x88rke are decomposed (a + U+0308): NFC makes them lämplig and märke. */
    "villkor d { krav la\xCC\x88mplig och målgrupp inom 12..22 och antal(fokus) >= 1  skäl \"s\" }\n"
    "villkor e { krav fokus överlappar {digital} eller huvud = samverkan  skäl \"s\" }\n"
    "villkor f { krav om insatser innehåller kurator så sökandetyp är inte privat  skäl \"s\" }\n"
    "villkor g { krav belopp <= 2 MSEK  skäl \"s\" }\n"
    "villkor h { krav (om lämplig så 1 annars 2) > 0  skäl \"s\" }\n"
    "villkor ma\xCC\x88rke { krav fokus snitt {digital} = {digital}  skäl \"s\" }\n"
    "pott p { belopp 1 MSEK }\n";

static void assert_type(const char *what, const Expr *e, TypeKind kind, TypeKind elem)
{
    ck_assert_ptr_nonnull(e);
    ck_assert_msg(e->type.kind == kind, "%s: type kind %d, want %d", what, e->type.kind, kind);
    if (kind == TY_SET || kind == TY_RANGE)
        ck_assert_msg(e->type.elem == elem, "%s: element kind %d, want %d", what, e->type.elem, elem);
}

START_TEST(test_enum_value_wins_over_field)
{
    Loaded L;
    load(&L, "t.medel", SCHEMA_TEXT);
    ck_assert_str_eq(L.diags, "");
    const Program *p = L.p;
    int typ = program_find_field(p, "sökandetyp");
    int kommun = program_find_field(p, "kommun");
    ck_assert_int_ge(typ, 0);
    ck_assert_int_ge(kommun, 0);
    /* sökandetyp är kommun: the value kommun, not the field kommun. */
    const Expr *e = require_of(p, "a");
    ck_assert_int_eq(e->kind, EXPR_BINARY);
    ck_assert_int_eq(e->op, OP_EQ);
    ck_assert_int_eq(e->a->ref_kind, REF_FIELD);
    ck_assert_int_eq(e->a->ref, typ);
    ck_assert_int_eq(e->b->ref_kind, REF_ENUM_VALUE);
    ck_assert_int_eq(e->b->ref, 0);
    ck_assert_int_eq(e->b->type.kind, TY_ENUM);
    ck_assert_int_eq(e->b->type.id, p->fields[typ].type.id);
    /* Inside a set compared with the enum field, too. */
    e = require_of(p, "b");
    ck_assert_int_eq(e->b->kind, EXPR_SET);
    ck_assert_int_eq(e->b->list.items[0]->ref_kind, REF_ENUM_VALUE);
    ck_assert_int_eq(e->b->list.items[0]->ref, 0);
    ck_assert_int_eq(e->b->list.items[1]->ref_kind, REF_ENUM_VALUE);
    ck_assert_int_eq(e->b->list.items[1]->ref, 1);
    /* Elsewhere kommun is the field. */
    e = require_of(p, "c");
    ck_assert_int_eq(e->a->ref_kind, REF_FIELD);
    ck_assert_int_eq(e->a->ref, kommun);
    ck_assert_int_eq(e->a->type.kind, TY_TEXT);
    /* A focus area in a set compared with a focus field. */
    e = require_of(p, "e");
    ck_assert_int_eq(e->a->b->list.items[0]->ref_kind, REF_FOCUS);
    ck_assert_int_eq(e->a->b->list.items[0]->ref, program_find_focus(p, "digital"));
    ck_assert_int_eq(e->b->b->ref_kind, REF_FOCUS);
    ck_assert_int_eq(e->b->b->ref, program_find_focus(p, "samverkan"));
    loaded_free(&L);
}
END_TEST

START_TEST(test_nfc_names)
{
    Loaded L;
    load(&L, "t.medel", SCHEMA_TEXT);
    ck_assert_str_eq(L.diags, "");
    const Program *p = L.p;
    /* lämplig declared composed, referenced decomposed in criterion d. */
    int f = program_find_field(p, "lämplig");
    ck_assert_int_ge(f, 0);
    const Expr *e = require_of(p, "d");
    const Expr *lamplig = e->a->a;
    ck_assert_int_eq(lamplig->kind, EXPR_NAME);
    ck_assert_str_eq(lamplig->name, "lämplig");
    ck_assert_int_eq(lamplig->ref_kind, REF_FIELD);
    ck_assert_int_eq(lamplig->ref, f);
    /* A criterion declared decomposed is found by its composed name. */
    const Expr *m = require_of(p, "märke");
    ck_assert_ptr_nonnull(m);
    loaded_free(&L);
}
END_TEST

START_TEST(test_expression_types)
{
    Loaded L;
    load(&L, "t.medel", SCHEMA_TEXT);
    ck_assert_str_eq(L.diags, "");
    const Program *p = L.p;
    /* (och (och lämplig (inom målgrupp (.. 12 22))) (>= (antal fokus) 1)) */
    const Expr *e = require_of(p, "d");
    assert_type("d", e, TY_BOOL, 0);
    assert_type("d.a", e->a, TY_BOOL, 0);
    assert_type("lämplig", e->a->a, TY_BOOL, 0);
    assert_type("inom", e->a->b, TY_BOOL, 0);
    assert_type("målgrupp", e->a->b->a, TY_RANGE, TY_INT);
    assert_type("12..22", e->a->b->b, TY_RANGE, TY_INT);
    assert_type("12", e->a->b->b->a, TY_INT, 0);
    assert_type(">=", e->b, TY_BOOL, 0);
    assert_type("antal", e->b->a, TY_INT, 0);
    assert_type("fokus", e->b->a->list.items[0], TY_SET, TY_FOCUS);
    assert_type("1", e->b->b, TY_INT, 0);
    /* om … så … annars: integer; belopp <= 2 MSEK: amounts. */
    e = require_of(p, "h");
    assert_type("h", e, TY_BOOL, 0);
    assert_type("om", e->a, TY_INT, 0);
    e = require_of(p, "g");
    assert_type("belopp", e->a, TY_MONEY, 0);
    assert_type("2 MSEK", e->b, TY_MONEY, 0);
    /* om … så without annars is a condition; sets of one-of values. */
    e = require_of(p, "f");
    assert_type("f", e, TY_BOOL, 0);
    assert_type("insatser", e->a->a, TY_SET, TY_ENUM);
    assert_type("kurator", e->a->b, TY_ENUM, 0);
    ck_assert_int_eq(e->a->b->type.id, p->fields[program_find_field(p, "insatser")].type.id);
    /* snitt of two focus sets is a focus set. */
    e = require_of(p, "märke");
    assert_type("snitt", e->a, TY_SET, TY_FOCUS);
    assert_type("{digital}", e->b, TY_SET, TY_FOCUS);
    loaded_free(&L);
}
END_TEST

/* A one-of value on the left of 'i' or '=' takes its enumeration from the
** right: `kurator i insatser` reads like `insatser innehåller kurator`. */
START_TEST(test_value_on_the_left)
{
    const char *src =
        "överenskommelse \"X\" { år 2021 }\n"
        "ansökan { nyckel id: text  sökt belopp: belopp  sökandetyp: en av kommun | region\n"
        "  insatser: mängd av kurator | läkare }\n"
        "villkor a { krav kurator i insatser  skäl \"s\" }\n"
        "villkor b { krav region är sökandetyp  skäl \"s\" }\n"
        "pott p { belopp 1 MSEK }\n";
    Loaded L;
    load(&L, "t.medel", src);
    ck_assert_str_eq(L.diags, "");
    const Expr *e = require_of(L.p, "a");
    ck_assert_int_eq(e->a->ref_kind, REF_ENUM_VALUE);
    ck_assert_int_eq(e->a->ref, 0);
    assert_type("kurator i insatser", e, TY_BOOL, 0);
    e = require_of(L.p, "b");
    ck_assert_int_eq(e->a->ref_kind, REF_ENUM_VALUE);
    ck_assert_int_eq(e->a->ref, 1);
    loaded_free(&L);
}
END_TEST

/* ---- utökar, ändra, ta bort ---- */

static const char BASE[] =
    "överenskommelse \"Bas 2021\" { år 2021  källa \"K\" }\n"
    "ansökan { nyckel id: text  sökt belopp: belopp  typ: en av kommun | region }\n"
    "villkor kurator { krav typ är kommun  skäl \"Kommun.\" }\n"
    "villkor annan { krav ja  skäl \"Alltid.\" }\n"
    "pott total {\n"
    "    belopp 30 MSEK\n"
    "    pott kommunerna { belopp 15 MSEK  tak 1 MSEK per ansökan\n"
    "        villkor inre { krav typ är kommun  skäl \"Inre.\" } }\n"
    "    pott regionen { belopp resten }\n"
    "}\n";

START_TEST(test_extends_change_remove)
{
    Scratch s;
    scratch_init(&s);
    scratch_write(&s, "bas.medel", BASE);
    const char *derived =
        "utökar \"bas.medel\"\n"
        "ändra överenskommelse \"Ny 2022\" { år 2022 }\n"
        "ändra pott kommunerna { belopp 16 MSEK }\n"
        "ändra pott total { belopp 40 MSEK  pott extra { belopp 5 MSEK } }\n"
        "ändra villkor inre { skäl \"Ny.\" }\n"
        "ta bort villkor kurator\n"
        "villkor ny { krav typ är region  skäl \"Region.\" }\n";
    const char *path = scratch_write(&s, "ny.medel", derived);
    Loaded L;
    load(&L, path, derived);
    scratch_free(&s);   /* everything is read: a failed check leaves no files */
    ck_assert_str_eq(L.diags, "");
    const Program *p = L.p;
    ck_assert_str_eq(p->name, "Ny 2022");
    ck_assert_int_eq(p->year_from, 2022);
    ck_assert_str_eq(p->ref.source, "K");
    ck_assert_int_eq(program_find_pot(p, "total"), 0);
    ck_assert_int_eq(p->pots[program_find_pot(p, "total")].amount, 4000000000);
    ck_assert_int_eq(p->pots[program_find_pot(p, "kommunerna")].amount, 1600000000);
    ck_assert_int_eq(p->pots[program_find_pot(p, "kommunerna")].cap_per_application, 100000000);
    ck_assert_int_eq(p->pots[program_find_pot(p, "regionen")].amount, 1900000000);
    ck_assert_int_eq(p->pots[program_find_pot(p, "extra")].amount, 500000000);
    ck_assert_str_eq(L.dump,
                     "överenskommelse \"Ny 2022\"\n"
                     "  år 2022\n"
                     "  källa \"K\"\n"
                     "ansökan\n"
                     "  nyckel id: text \"id\"\n"
                     "  sökt belopp: amount \"belopp\"\n"
                     "  typ: en av kommun | region \"typ\"\n"
                     "villkor annan: ja\n"
                     "  skäl \"Alltid.\"\n"
                     "villkor ny: (= typ region)\n"
                     "  skäl \"Region.\"\n"
                     "pott total: 40 000 000 kr\n"
                     "  pott kommunerna: 16 000 000 kr (fast)\n"
                     "    tilldelning rangordning, sista delvis, vid lika nyckel\n"
                     "    tak 1 000 000 kr per ansökan\n"
                     "    villkor inre: (= typ kommun)\n"
                     "      skäl \"Ny.\"\n"
                     "  pott regionen: 19 000 000 kr (resten)\n"
                     "    tilldelning rangordning, sista delvis, vid lika nyckel\n"
                     "  pott extra: 5 000 000 kr (fast)\n"
                     "    tilldelning rangordning, sista delvis, vid lika nyckel\n");
    loaded_free(&L);
}
END_TEST

START_TEST(test_extends_errors)
{
    Scratch s;
    scratch_init(&s);
    scratch_write(&s, "bas.medel", BASE);
    const char *derived =
        "utökar \"bas.medel\"\n"
        "ändra pott saknas { belopp 1 kr }\n"
        "ta bort villkor saknas\n"
        "villkor annan { krav ja  skäl \"x\" }\n"
        "pott regionen { belopp 1 kr }\n";
    /* A file that extends itself, and a base that does not exist. */
    const char *self = "utökar \"self.medel\"\növerenskommelse \"S\" { år 2021 }\n";
    const char *nobase = "utökar \"finns-inte.medel\"\növerenskommelse \"S\" { år 2021 }\n";
    Loaded fel, circle, missing;
    load(&fel, scratch_write(&s, "fel.medel", derived), derived);
    load(&circle, scratch_write(&s, "self.medel", self), self);
    load(&missing, scratch_write(&s, "nobase.medel", nobase), nobase);
    scratch_free(&s);   /* everything is read: a failed check leaves no files */

    char *want = subst(
        "@DIR@/fel.medel:2:12: error: pott 'saknas' som ska ändras finns inte i '@DIR@/bas.medel'\n"
        "    2 | ändra pott saknas { belopp 1 kr }\n"
        "      |            ^~~~~~\n"
        "@DIR@/fel.medel:3:17: error: villkor 'saknas' som ska tas bort finns inte i '@DIR@/bas.medel'\n"
        "    3 | ta bort villkor saknas\n"
        "      |                 ^~~~~~\n"
        "@DIR@/fel.medel:4:9: error: villkor 'annan' finns redan i '@DIR@/bas.medel'\n"
        "    4 | villkor annan { krav ja  skäl \"x\" }\n"
        "      |         ^~~~~\n"
        "@DIR@/bas.medel:4:9: note: den deklareras här; skriv 'ändra villkor annan { … }' för att ändra den\n"
        "    4 | villkor annan { krav ja  skäl \"Alltid.\" }\n"
        "      |         ^~~~~\n"
        "@DIR@/fel.medel:5:6: error: pott 'regionen' finns redan i '@DIR@/bas.medel'\n"
        "    5 | pott regionen { belopp 1 kr }\n"
        "      |      ^~~~~~~~\n"
        "@DIR@/bas.medel:9:10: note: den deklareras här; skriv 'ändra pott regionen { … }' för att ändra den\n"
        "    9 |     pott regionen { belopp resten }\n"
        "      |          ^~~~~~~~\n",
        s.dir);
    ck_assert_str_eq(fel.diags, want);
    free(want);
    loaded_free(&fel);

    want = subst("@DIR@/self.medel:1:8: error: filerna utökar varandra i en cirkel: @DIR@/self.medel → @DIR@/self.medel\n",
                 s.dir);
    char *got = headlines(circle.diags);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    loaded_free(&circle);

    want = subst("@DIR@/nobase.medel:1:8: error: kan inte läsa 'finns-inte.medel': filen eller mappen finns inte\n", s.dir);
    got = headlines(missing.diags);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    loaded_free(&missing);
}
END_TEST

/* ---- issue 17: ta bort and ändra of focus areas, fields, tables,
** scenarios and tests ---- */

static const char BASE17[] =
    "överenskommelse \"Bas 2021\" { år 2021 }\n"
    "fokusområden { omställning \"Omställning\"  samverkan \"Samverkan\" }\n"
    "ansökan { nyckel id: text  sökt belopp: belopp  typ: en av kommun | region  kön: text \"Kön\"\n"
    "          fokus: fokusområden }\n"
    "villkor kommun { krav typ är kommun  skäl \"Kommun.\" }\n"
    "pott total { belopp 30 MSEK }\n"
    "scenario höjd \"Höjd\" {\n"
    "    ändra pott total { belopp 40 MSEK }\n"
    "    ta bort villkor kommun\n"
    "    villkor extra { krav ja  skäl \"E.\" }\n"
    "}\n"
    "scenario sänkt { ändra pott total { belopp 20 MSEK } }\n"
    "test t \"T\" {\n"
    "    scenario höjd\n"
    "    ansökan { id \"A\" belopp 1 MSEK typ kommun kön \"x\" fokus {samverkan} }\n"
    "    förvänta total stödberättigad\n"
    "    förvänta beviljat \"A\" 1 MSEK\n"
    "}\n"
    "test u { ansökan { id \"B\" belopp 1 MSEK typ kommun kön \"x\" fokus {samverkan} }  förvänta total stödberättigad }\n";

/* The kind and the name (or text) of each item of a scenario or test, in
** order, as "kind name|…"; the caller frees it. */
static char *item_list(const Item *block)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    for (size_t i = 0; i < block->body.n; i++) {
        const Item *it = block->body.items[i];
        fprintf(f, "%s%s %s", i ? "|" : "", ast_item_kind_name(it->kind),
                it->kind == TEST_APPLICATION ? it->body.items[0]->expr->v.text   /* its id */
                : it->name ? it->name : it->text ? it->text : "");
        if (it->kind == ITEM_CHANGE && it->body.n && it->body.items[0]->kind == PROP_AMOUNT)
            fprintf(f, " %" PRId64, it->body.items[0]->expr->v.money);
    }
    fclose(f);
    return buf;
}

START_TEST(test_extends_remove_change_17)
{
    Scratch s;
    scratch_init(&s);
    scratch_write(&s, "bas.medel", BASE17);
    const char *derived =
        "utökar \"bas.medel\"\n"
        "ändra överenskommelse \"Ny 2022\" { år 2022 }\n"
        "ta bort fokusområde omställning\n"
        "ändra fokusområde samverkan \"Samverkan i länet\"\n"
        "ta bort fält kön\n"
        "ändra fält obligatorisk typ: en av kommun | region | privat \"Typ\"\n"
        "ta bort scenario sänkt\n"
        "ändra scenario höjd \"Högre\" {\n"
        "    ändra pott total { belopp 45 MSEK }\n"
        "    ta bort villkor extra\n"
        "}\n"
        "ändra test t {\n"
        "    ansökan { id \"C\" belopp 2 MSEK typ privat fokus {samverkan} }\n"
        "    förvänta total ej_stödberättigad: kommun\n"
        "    förvänta pott \"total\" 0 kr\n"
        "}\n"
        "ta bort test u\n";
    const char *path = scratch_write(&s, "ny.medel", derived);
    Loaded L;
    load(&L, path, derived);
    scratch_free(&s);
    ck_assert_str_eq(L.diags, "");
    const Program *p = L.p;
    ck_assert_uint_eq(p->n_focus, 1);
    ck_assert_str_eq(p->focus[0].name, "samverkan");
    ck_assert_str_eq(p->focus[0].label, "Samverkan i länet");
    ck_assert_int_eq(program_find_field(p, "kön"), -1);
    int typ = program_find_field(p, "typ");
    ck_assert_int_ge(typ, 0);
    ck_assert_str_eq(p->fields[typ].column, "Typ");
    ck_assert_uint_eq(p->fields[typ].flags, FIELD_REQUIRED);
    ck_assert_uint_eq(p->enums[p->fields[typ].type.id].n, 3);
    /* sänkt is gone; höjd keeps its place and items: the change of 'total'
    ** replaces the earlier one where it stood, 'ta bort villkor extra' is
    ** added after the rest. */
    ck_assert_uint_eq(p->n_scenarios, 1);
    ck_assert_str_eq(p->scenarios[0].name, "höjd");
    ck_assert_str_eq(p->scenarios[0].label, "Högre");
    char *got = item_list(p->scenarios[0].block);
    ck_assert_str_eq(got, "change total 4500000000|remove kommun|criterion extra|remove extra");
    free(got);
    /* t: the new application replaces the old, the expectation about
    ** 'total' replaces the old one, the one about the pot is added; the
    ** scenario and the other expectation stay. u is gone. */
    ck_assert_uint_eq(p->n_tests, 1);
    ck_assert_str_eq(p->tests[0]->name, "t");
    ck_assert_str_eq(p->tests[0]->text, "T");
    got = item_list(p->tests[0]);
    ck_assert_str_eq(got, "under-scenario höjd|application C|expect-status total|expect-grant A|expect-pot total");
    free(got);
    loaded_free(&L);
}
END_TEST

START_TEST(test_extends_removed_still_used_17)
{
    Scratch s;
    scratch_init(&s);
    scratch_write(&s, "bas.medel", BASE17);
    const char *derived =
        "utökar \"bas.medel\"\n"
        "ta bort fält typ\n"
        "ta bort scenario höjd\n"
        "ta bort fält typ\n"
        "ändra fokusområde omstallning \"O\"\n";
    const char *path = scratch_write(&s, "ny.medel", derived);
    Loaded L;
    load(&L, path, derived);
    scratch_free(&s);
    char *want = subst(
        "@DIR@/ny.medel:4:14: error: fält 'typ' har redan tagits bort\n"
        "    4 | ta bort fält typ\n"
        "      |              ^~~\n"
        "@DIR@/ny.medel:2:1: note: 'typ' togs bort här\n"
        "    2 | ta bort fält typ\n"
        "      | ^~~~~~~~~~~~~~~~\n"
        "@DIR@/ny.medel:5:19: error: fokusområde 'omstallning' som ska ändras finns inte i '@DIR@/bas.medel'; menade du 'omställning'?\n"
        "    5 | ändra fokusområde omstallning \"O\"\n"
        "      |                   ^~~~~~~~~~~\n"
        "@DIR@/bas.medel:5:23: error: okänt namn 'typ': varken ett fält i ansökan eller ett fokusområde\n"
        "    5 | villkor kommun { krav typ är kommun  skäl \"Kommun.\" }\n"
        "      |                       ^~~\n"
        "@DIR@/ny.medel:2:1: note: 'typ' togs bort här; ta bort eller ändra villkoret 'kommun' också\n"
        "    2 | ta bort fält typ\n"
        "      | ^~~~~~~~~~~~~~~~\n"
        "@DIR@/bas.medel:14:14: error: testet 't' körs med scenariot 'höjd', som inte finns\n"
        "   14 |     scenario höjd\n"
        "      |              ^~~~\n"
        "@DIR@/ny.medel:3:1: note: 'höjd' togs bort här; ta bort eller ändra testet 't' också\n"
        "    3 | ta bort scenario höjd\n"
        "      | ^~~~~~~~~~~~~~~~~~~~~\n",
        s.dir);
    ck_assert_str_eq(L.diags, want);
    free(want);
    loaded_free(&L);
}
END_TEST

/* ---- scenarios that change only pot amounts, derived from the baseline ---- */

#define APPLY_RULES                                                                                          \
    HEADER                                                                                                   \
    "villkor annan { krav ja  skäl \"Alltid.\" }\n"                                                   \
    "pott total {\n"                                                                                         \
    "    belopp 30 MSEK\n"                                                                                   \
    "    pott kommunerna { belopp 40 %  tak 1 MSEK per ansökan }\n"                                   \
    "    pott regionen { belopp 10 MSEK }\n"                                                                 \
    "    pott övrigt { belopp resten }\n"                                                             \
    "}\n"                                                                                                    \
    "scenario höjd { ändra pott total { belopp 40 MSEK } }\n"                                  \
    "scenario andel \"Ny andel\" {\n"                                                                        \
    "    ändra pott kommunerna { belopp 12 MSEK }\n"                                                  \
    "    ändra pott regionen { belopp 25 % }\n"                                                       \
    "}\n"                                                                                                    \
    "scenario två_gånger { ändra pott total { belopp 31 MSEK }\n"                       \
    "    ändra pott total { belopp 50 MSEK } }\n"                                                     \
    "scenario approx { ändra pott regionen { belopp nära 5 MSEK } }\n"                         \
    "scenario tom { }\n"                                                                                     \
    "scenario för_mycket { ändra pott regionen { belopp 20 MSEK } }\n"                         \
    "scenario ojämn { ändra pott total { belopp 30 000 000,01 kr } }\n"                        \
    "scenario okänd { ändra pott finns_inte { belopp 1 MSEK } }\n"                             \
    "scenario namn { ändra pott total { belopp tjugo } }\n"                                           \
    "scenario noll_rest { ändra pott regionen { belopp 18 MSEK } }\n"                                 \
    "scenario högre_tak { ändra pott kommunerna { tak 2 MSEK per ansökan } }\n"         \
    "scenario belopp_och_tak { ändra pott kommunerna { belopp 10 MSEK\n"                              \
    "    tak 2 MSEK per ansökan } }\n"                                                                \
    "scenario utan { ta bort villkor annan }\n"                                                              \
    "scenario nytt_villkor { villkor nytt { krav ja  skäl \"Nytt.\" } }\n"                            \
    "scenario ny_tabell { tabell t från \"t.csv\" { nyckel k: text } }\n"

typedef struct ApplyRow {
    const char *scenario;
    bool derived;        /* program_apply_amounts takes it */
    bool keeps_data;
    size_t errors, warnings;
} ApplyRow;

static const ApplyRow apply_rows[] = {
    {"höjd", true, true, 0, 0},
    {"andel", true, true, 0, 0},
    {"två_gånger", true, true, 0, 0},
    {"approx", true, true, 0, 0},
    {"tom", true, true, 0, 0},
    {"för_mycket", true, true, 1, 0},
    {"ojämn", true, true, 1, 0},
    {"okänd", true, true, 1, 0},
    {"namn", true, true, 1, 0},
    {"noll_rest", true, true, 0, 1},
    {"högre_tak", false, true, 0, 0},
    {"belopp_och_tak", false, true, 0, 0},
    {"utan", false, true, 0, 0},
    {"nytt_villkor", false, true, 0, 0},
    {"ny_tabell", false, false, 0, 0},
};

/* A scenario derived from the baseline is exactly what loading the rule
** file with the scenario applied gives: the same program (amounts, shares,
** approximate words), the same diagnostics, the same name and path. */
START_TEST(test_apply_amounts)
{
    const ApplyRow *r = &apply_rows[_i];
    Loaded base;
    load(&base, "s.medel", APPLY_RULES);
    ck_assert_str_eq(base.diags, "");
    const Scenario *sc = NULL;
    for (size_t k = 0; k < base.p->n_scenarios; k++)
        if (strcmp(base.p->scenarios[k].name, r->scenario) == 0)
            sc = &base.p->scenarios[k];
    ck_assert_ptr_nonnull(sc);
    ck_assert_msg(program_scenario_keeps_data(sc) == r->keeps_data, "%s: keeps data", r->scenario);
    Arena a;
    arena_init(&a);
    Diags d;
    diags_init(&d, &base.set);
    Program *p = program_apply_amounts(&a, &d, base.p, sc);
    if (!r->derived) {
        ck_assert_msg(p == NULL, "%s: derived", r->scenario);
        ck_assert_uint_eq(d.n, 0);
    } else {
        ck_assert_msg(p != NULL, "%s: not derived", r->scenario);
        LoadOptions opt = {.allow_outside_paths = true, .scenario = r->scenario};
        Loaded full;
        load_with(&full, "s.medel", APPLY_RULES, &opt);
        char *got = render(&d);
        ck_assert_str_eq(got, full.diags);
        ck_assert_uint_eq(d.n_errors, r->errors);
        ck_assert_uint_eq(d.n_warnings, r->warnings);
        ck_assert_uint_eq(full.d.n_errors, r->errors);
        if (r->errors == 0) {
            char *dump = NULL;
            size_t len = 0;
            FILE *out = open_memstream(&dump, &len);
            ck_assert_ptr_nonnull(out);
            program_dump(p, out);
            ck_assert_int_eq(fclose(out), 0);
            ck_assert_str_eq(dump, full.dump);
            free(dump);
            ck_assert_str_eq(p->applied, r->scenario);
            ck_assert_str_eq(p->path, full.p->path);
            for (size_t k = 0; k < p->n_pots; k++) {
                ck_assert_int_eq(p->pots[k].amount, full.p->pots[k].amount);
                ck_assert_int_eq(p->pots[k].share, full.p->pots[k].share);
                ck_assert_msg((p->pots[k].approx == NULL) == (full.p->pots[k].approx == NULL), "%s: approx", r->scenario);
            }
        }
        free(got);
        loaded_free(&full);
    }
    /* The baseline is left as it was. */
    ck_assert_int_eq(base.p->pots[program_find_pot(base.p, "total")].amount, 3000000000);
    ck_assert_int_eq(base.p->pots[program_find_pot(base.p, "kommunerna")].amount, 1200000000);
    ck_assert_ptr_null(base.p->applied);
    diags_free(&d);
    arena_free(&a);
    loaded_free(&base);
}
END_TEST

/* Data and base files must lie in the rule file's folder unless allowed. */
START_TEST(test_outside_paths)
{
    Scratch s;
    scratch_init(&s);
    const char *text =
        HEADER
        "tabell t från \"../../../../../../../../etc/medel-none.csv\" { nyckel k: text }\n";
    const char *path = scratch_write(&s, "r.medel", text);
    Loaded L;
    load_opt(&L, path, text, true);
    scratch_free(&s);
    char *want = subst(
        "@DIR@/r.medel:3:15: error: datafilen '../../../../../../../../etc/medel-none.csv' ligger utanför mappen för "
        "'@DIR@/r.medel'; lägg data bredvid reglerna, eller kör med --allow-outside-paths\n",
        s.dir);
    char *got = headlines(L.diags);
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    loaded_free(&L);
}
END_TEST

/* A semicolon-separated CSV (Excel's Swedish default) with a quoted header
** that holds a comma. */
START_TEST(test_csv_header_semicolons)
{
    Scratch s;
    scratch_init(&s);
    /* A UTF-8 byte-order mark first, as Excel writes one. */
    const char *csv = scratch_write(&s, "data.csv", "\xEF\xBB\xBF\"Kommun\";\"Antal, 12-22\";Kod\r\nA;1;2\r\n");
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    ck_assert_ptr_nonnull(f);
    fprintf(f, "%stabell t från \"%s\" { nyckel kommun: text \"Kommun\"  antal: heltal \"Antal, 12-22\"  kod: text \"Kod\" }\n",
            HEADER, csv);
    ck_assert_int_eq(fclose(f), 0);
    Loaded L;
    load(&L, "t.medel", text);
    scratch_free(&s);
    free(text);
    ck_assert_str_eq(L.diags, "");
    loaded_free(&L);
}
END_TEST

/* ---- program_dump ---- */

START_TEST(test_dump)
{
    const char *src =
        "överenskommelse \"Psykisk hälsa 2021\" {\n"
        "    period 2021–2022\n"
        "    källa \"Överenskommelse\"\n"
        "    url \"https://example.se\"\n"
        "}\n"
        "fokusområden { samverkan \"Samverkan\"  digital \"Digitala lösningar\" }\n"
        "tabell ungdomar från \"@DATA@\" {\n"
        "    nyckel kommun: text \"municipality\"\n"
        "    antal_12_22: heltal \"age_12_22\"\n"
        "    källa \"SCB\"\n"
        "}\n"
        "ansökan {\n"
        "    nyckel diarienummer: text \"Diarienummer\"\n"
        "    obligatorisk sökande: text \"Sökande\"\n"
        "    sökandetyp: en av kommun | region\n"
        "    kommun: nyckel i ungdomar \"Kommun\"\n"
        "    sökt belopp: belopp \"Sökt belopp\"\n"
        "    målgrupp: intervall\n"
        "    fokus: fokusområden\n"
        "}\n"
        "villkor målgrupp { krav målgrupp inom 12..22  skäl \"12–22 år.\"  stycke \"P\" }\n"
        "pott total \"Totalt\" {\n"
        "    belopp 182 MSEK + 50 % av 110 MSEK\n"
        "    förvaltare \"Region\"\n"
        "    pott kommunerna {\n"
        "        belopp 4 % av 113 204 825 kr\n"
        "        fördela per kommun efter ungdomar.antal_12_22 { avrundning 1 kr  metod sainte_laguë  första_divisor 1,2 }\n"
        "    }\n"
        "    pott projekt {\n"
        "        belopp 50 %\n"
        "        tilldelning rangordning sista hoppa_över\n"
        "        tak 2 MSEK per ansökan\n"
        "        tak 3 MSEK per sökande\n"
        "        lägsta bidrag 50 000 kr\n"
        "        vid lika högst_belopp, inkommen\n"
        "        prioritet digital { poäng 2 om fokus överlappar {digital} }\n"
        "        portfölj båda { minst 1 ansökan där sökandetyp är region  högst 60 % }\n"
        "    }\n"
        "    pott övrigt { belopp resten  tilldelning proportionell }\n"
        "}\n";
    char *text = subst(src, NULL);
    Loaded L;
    load(&L, "t.medel", text);
    ck_assert_str_eq(L.diags, "");
    char *want = subst(
        "överenskommelse \"Psykisk hälsa 2021\"\n"
        "  period 2021–2022\n"
        "  källa \"Överenskommelse\"\n"
        "  url \"https://example.se\"\n"
        "fokusområden\n"
        "  samverkan \"Samverkan\"\n"
        "  digital \"Digitala lösningar\"\n"
        "tabell ungdomar från \"@DATA@\"\n"
        "  nyckel kommun: text \"municipality\"\n"
        "  antal_12_22: integer \"age_12_22\"\n"
        "  källa \"SCB\"\n"
        "ansökan\n"
        "  nyckel diarienummer: text \"Diarienummer\"\n"
        "  obligatorisk sökande: text \"Sökande\"\n"
        "  sökandetyp: en av kommun | region \"sökandetyp\"\n"
        "  kommun: nyckel i ungdomar \"Kommun\"\n"
        "  sökt belopp: amount \"Sökt belopp\"\n"
        "  målgrupp: range of integers \"målgrupp\"\n"
        "  fokus: set of focus areas \"fokus\"\n"
        "villkor målgrupp: (inom målgrupp (.. 12 22))\n"
        "  skäl \"12–22 år.\"\n"
        "  stycke \"P\"\n"
        "pott total \"Totalt\": 237 000 000 kr\n"
        "  förvaltare \"Region\"\n"
        "  pott kommunerna: 4 528 193 kr (fast)\n"
        "    fördela per kommun efter ungdomar.antal_12_22, avrundning 1 kr, metod sainte_laguë, första divisor 6/5\n"
        "    tilldelning rangordning, sista delvis, vid lika nyckel\n"
        "  pott projekt: 118 500 000 kr (50 %)\n"
        "    tilldelning rangordning, sista hoppa_över, vid lika högst_belopp, inkommen, nyckel\n"
        "    tak 2 000 000 kr per ansökan\n"
        "    tak 3 000 000 kr per sökande\n"
        "    lägsta bidrag 50 000 kr\n"
        "    prioritet digital: poäng 2 om (överlappar fokus {digital})\n"
        "    portfölj båda\n"
        "      minst 1 där (= sökandetyp region)\n"
        "      högst 60 %\n"
        "  pott övrigt: 113 971 807 kr (resten)\n"
        "    tilldelning proportionell, vid lika nyckel\n",
        NULL);
    ck_assert_str_eq(L.dump, want);
    free(want);
    loaded_free(&L);
    free(text);
}
END_TEST

Suite *make_check_suite(void)
{
    Suite *s = suite_create("check");
    TCase *tc = tcase_create("checks");
    tcase_add_loop_test(tc, test_amounts, 0, N_ROWS(amount_rows));
    tcase_add_loop_test(tc, test_errors, 0, N_ROWS(error_rows));
    tcase_add_test(tc, test_enum_value_wins_over_field);
    tcase_add_test(tc, test_value_on_the_left);
    tcase_add_test(tc, test_nfc_names);
    tcase_add_test(tc, test_expression_types);
    tcase_add_test(tc, test_extends_change_remove);
    tcase_add_test(tc, test_extends_errors);
    tcase_add_test(tc, test_extends_remove_change_17);
    tcase_add_test(tc, test_extends_removed_still_used_17);
    tcase_add_loop_test(tc, test_apply_amounts, 0, N_ROWS(apply_rows));
    tcase_add_test(tc, test_outside_paths);
    tcase_add_test(tc, test_csv_header_semicolons);
    tcase_add_test(tc, test_dump);
    suite_add_tcase(s, tc);
    return s;
}
