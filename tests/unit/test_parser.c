/*
** test_parser.c: unit tests for the grammar (lang/parser.y) through
** parse_module. Each row is a rule text held in memory; the syntax tree is
** compared as ast_dump prints it and the diagnostics as diags_render prints
** them, both exactly, so a failure shows the whole tree of the named row.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "parse.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))

/* ---- running the parser ---- */

typedef struct Parsed {
    char *dump;     /* ast_dump of the module */
    char *diags;    /* diags_render of everything reported */
    size_t n_errors;
    size_t n_diags;
} Parsed;

/* Parses text as file "t.medel"; `check` (may be NULL) looks at the module
** before the arena is freed. */
static Parsed parse_with(const char *text, size_t len, void (*check)(const Module *, const char *), const char *name)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t id = source_add(&set, "t.medel", text, len);
    Arena a;
    arena_init(&a);
    Diags d;
    diags_init(&d, &set);
    Module *m = parse_module(&a, &set, id, &d, false);
    ck_assert_ptr_nonnull(m);
    ck_assert_uint_eq(m->file, id);

    Parsed r = {0};
    size_t n = 0;
    FILE *out = open_memstream(&r.dump, &n);
    ck_assert_ptr_nonnull(out);
    ast_dump(m, out);
    ck_assert_int_eq(fclose(out), 0);
    out = open_memstream(&r.diags, &n);
    ck_assert_ptr_nonnull(out);
    diags_render(&d, out);
    ck_assert_int_eq(fclose(out), 0);
    r.n_errors = d.n_errors;
    r.n_diags = d.n;
    if (check)
        check(m, name);

    diags_free(&d);
    arena_free(&a);
    source_set_free(&set);
    return r;
}

static Parsed parse(const char *text)
{
    return parse_with(text, strlen(text), NULL, NULL);
}

static void parsed_free(Parsed *r)
{
    free(r->dump);
    free(r->diags);
}

static void assert_parsed(const char *name, const Parsed *got, const char *dump, const char *diags)
{
    ck_assert_msg(strcmp(got->dump, dump) == 0, "%s: tree\n--- got:\n%s--- want:\n%s", name, got->dump, dump);
    ck_assert_msg(strcmp(got->diags, diags) == 0, "%s: diagnostics\n--- got:\n%s--- want:\n%s", name, got->diags,
                  diags);
}

/* ---- declarations ---- */

typedef struct ParseRow {
    const char *name;
    const char *src;
    const char *dump;
    const char *diags;   /* "" when the text is valid */
} ParseRow;

static const ParseRow decl_rows[] = {
    {"empty file", "", "", ""},
    {"only comments", "# ingenting\n# alls\n", "", ""},
    {"agreement header",
     "överenskommelse \"Ungdomsmottagningar 2021\" {\n"
     "    år 2021\n"
     "    källa \"Överenskommelse 2021\"\n"
     "    url \"https://example.se/\"\n"
     "    stycke \"Satsningar 2021\"\n"
     "    beslut \"S2021/01234\"\n"
     "}\n",
     "(agreement \"Ungdomsmottagningar 2021\"\n"
     "  (year 2021)\n"
     "  (source \"Överenskommelse 2021\")\n"
     "  (url \"https://example.se/\")\n"
     "  (paragraph \"Satsningar 2021\")\n"
     "  (decision \"S2021/01234\"))\n",
     ""},
    {"agreement in english with periods",
     "agreement \"X\" { period 2021-2022 year 2021–2022 source \"S\" paragraph \"P\" decision \"D\" }",
     "(agreement \"X\"\n"
     "  (year (.. 2021 2022))\n"
     "  (year (.. 2021 2022))\n"
     "  (source \"S\")\n"
     "  (paragraph \"P\")\n"
     "  (decision \"D\"))\n",
     ""},
    {"empty agreement", "överenskommelse \"\" {}", "(agreement \"\")\n", ""},
    {"focus areas",
     "fokusområden {\n"
     "    samverkan \"Samverkan\"\n"
     "    digital   \"Digitala lösningar\"\n"
     "    jämlik_vård \"Jämlik vård\"\n"
     "}\n"
     "focus_areas { x \"X\" }\n",
     "(focus-areas\n"
     "  (focus area samverkan \"Samverkan\")\n"
     "  (focus area digital \"Digitala lösningar\")\n"
     "  (focus area jämlik_vård \"Jämlik vård\"))\n"
     "(focus-areas\n"
     "  (focus area x \"X\"))\n",
     ""},
    {"schema with every type and flag",
     "ansökan {\n"
     "    nyckel diarienummer: text \"Diarienummer\"\n"
     "    obligatorisk titel: text\n"
     "    sökt belopp: belopp \"Sökt belopp\"\n"
     "    antal: heltal\n"
     "    klar: ja/nej\n"
     "    målgrupp: intervall \"Målgrupp (ålder)\"\n"
     "    spann: intervall av belopp\n"
     "    ålder: intervall av heltal\n"
     "    sökandetyp: en av kommun | region | privat | idéburen\n"
     "    insatser: mängd av kurator | barnmorska\n"
     "    huvudfokus: fokusområde\n"
     "    fokus: fokusområden \"Fokusområden\"\n"
     "    kommun: nyckel i ungdomar \"Kommun\"\n"
     "    nyckel obligatorisk sökt id2: heltal\n"
     "}\n",
     "(application schema\n"
     "  (field nyckel diarienummer \"Diarienummer\" [text])\n"
     "  (field obligatorisk titel [text])\n"
     "  (field sökt belopp \"Sökt belopp\" [amount])\n"
     "  (field antal [integer])\n"
     "  (field klar [yes/no])\n"
     "  (field målgrupp \"Målgrupp (ålder)\" [range of integers])\n"
     "  (field spann [range of amounts])\n"
     "  (field ålder [range of integers])\n"
     "  (field sökandetyp [one-of value kommun | region | privat | idéburen])\n"
     "  (field insatser [set of one-of values kurator | barnmorska])\n"
     "  (field huvudfokus [focus area])\n"
     "  (field fokus \"Fokusområden\" [set of focus areas])\n"
     "  (field kommun \"Kommun\" [key in ungdomar])\n"
     "  (field nyckel obligatorisk sökt id2 [integer]))\n",
     ""},
    {"schema in english",
     "application { key id: integer \"Id\" required requested sum: amount ok: yes/no r: range of amount "
     "t: one of a | b s: set of c f: focus_areas k: key in t }",
     "(application schema\n"
     "  (field nyckel id \"Id\" [integer])\n"
     "  (field obligatorisk sökt sum [amount])\n"
     "  (field ok [yes/no])\n"
     "  (field r [range of amounts])\n"
     "  (field t [one-of value a | b])\n"
     "  (field s [set of one-of values c])\n"
     "  (field f [set of focus areas])\n"
     "  (field k [key in t]))\n",
     ""},
    {"property words as field names",
     "ansökan { belopp: belopp  år: heltal  text: text  källa: text  metod: text }",
     "(application schema\n"
     "  (field belopp [amount])\n"
     "  (field år [integer])\n"
     "  (field text [text])\n"
     "  (field källa [text])\n"
     "  (field metod [text]))\n",
     ""},
    {"long enumeration",
     "ansökan { x: en av a | b | c | d | e | f | g | h | i2 | j | k | l | m | n | o | p | q | r }",
     "(application schema\n"
     "  (field x [one-of value a | b | c | d | e | f | g | h | i2 | j | k | l | m | n | o | p | q | r]))\n",
     ""},
    {"table",
     "tabell ungdomar från \"data/befolkning.csv\" {\n"
     "    nyckel kommun: text \"municipality\"\n"
     "    antal_12_22: heltal \"age_12_22\"\n"
     "    medel: belopp\n"
     "    källa \"SCB\"\n"
     "    url \"https://scb.se\"\n"
     "}\n",
     "(table ungdomar \"data/befolkning.csv\"\n"
     "  (field nyckel kommun \"municipality\" [text])\n"
     "  (field antal_12_22 \"age_12_22\" [integer])\n"
     "  (field medel [amount])\n"
     "  (source \"SCB\")\n"
     "  (url \"https://scb.se\"))\n",
     ""},
    {"nested pots with every property",
     "pott psykisk_hälsa \"Psykisk hälsa\" {\n"
     "    belopp 182 MSEK + 50 % av 110 MSEK\n"
     "    förvaltare \"Region Stockholm\"\n"
     "    benämning \"PH\"\n"
     "    period 2021-2022\n"
     "    källa \"Ö\"\n"
     "    pott a {\n"
     "        belopp nära 182 000 000 kr\n"
     "        fördela per kommun efter ungdomar.antal_12_22 {\n"
     "            avrundning 1 kr  metod sainte_laguë  första_divisor 1,4\n"
     "        }\n"
     "    }\n"
     "    pott b {\n"
     "        belopp 40 %\n"
     "        tilldelning rangordning sista hoppa_över\n"
     "        tak 2 MSEK per ansökan\n"
     "        tak 3 MSEK per sökande\n"
     "        lägsta bidrag 50 000 kr\n"
     "        vid lika lägst_belopp, inkommen\n"
     "        villkor c { krav x  skäl \"y\" }\n"
     "        prioritet p { poäng 2 om x }\n"
     "        portfölj q { minst 1 ansökan där x }\n"
     "    }\n"
     "    pott c { belopp resten  fördela per kommun efter t.k  år 2021 }\n"
     "}\n",
     "(pot psykisk_hälsa \"Psykisk hälsa\"\n"
     "  (amount (+ 182 000 000 kr (av 50 % 110 000 000 kr)))\n"
     "  (manager \"Region Stockholm\")\n"
     "  (label \"PH\")\n"
     "  (year (.. 2021 2022))\n"
     "  (source \"Ö\")\n"
     "  (pot a\n"
     "    (amount (nära 182 000 000 kr))\n"
     "    (split kommun ungdomar.antal_12_22\n"
     "      (rounding 1 kr)\n"
     "      (method sainte_laguë)\n"
     "      (first-divisor 7/5)))\n"
     "  (pot b\n"
     "    (amount 40 %)\n"
     "    (allocation rangordning hoppa_över)\n"
     "    (cap per-ansökan 2 000 000 kr)\n"
     "    (cap sökande 3 000 000 kr)\n"
     "    (min-grant 50 000 kr)\n"
     "    (tie-break\n"
     "      (tie-break lägst_belopp)\n"
     "      (tie-break inkommen))\n"
     "    (criterion c\n"
     "      (require x)\n"
     "      (reason \"y\"))\n"
     "    (priority p\n"
     "      (score 2 x))\n"
     "    (portfolio constraint q\n"
     "      (at-least per-ansökan 1 x)))\n"
     "  (pot c\n"
     "    (amount resten)\n"
     "    (split kommun t.k)\n"
     "    (year 2021)))\n",
     ""},
    {"pot in english",
     "pot p \"P\" { amount 4 % of 113 204 825 kr manager \"M\" label \"L\" allocation rank_order last stop "
     "cap 1 MSEK per application min_grant 1 tkr tie_break received split per k by t.c { rounding 1 tkr "
     "method dhondt } }",
     "(pot p \"P\"\n"
     "  (amount (av 4 % 113 204 825 kr))\n"
     "  (manager \"M\")\n"
     "  (label \"L\")\n"
     "  (allocation rank_order stop)\n"
     "  (cap per-ansökan 1 000 000 kr)\n"
     "  (min-grant 1 000 kr)\n"
     "  (tie-break\n"
     "    (tie-break received))\n"
     "  (split k t.c\n"
     "    (rounding 1 000 kr)\n"
     "    (method dhondt)))\n",
     ""},
    {"pot amount forms",
     "pott p { belopp cirka 5 MSEK  pott a { belopp 2 * 1 MSEK - 10 kr } pott b { belopp 12,5 % } "
     "pott c { belopp (1 MSEK) } }",
     "(pot p\n"
     "  (amount (cirka 5 000 000 kr))\n"
     "  (pot a\n"
     "    (amount (- (* 2 1 000 000 kr) 10 kr)))\n"
     "  (pot b\n"
     "    (amount 12,5 %))\n"
     "  (pot c\n"
     "    (amount 1 000 000 kr)))\n",
     ""},
    {"split without body and empty body",
     "pott p { fördela per k efter t.c } pott q { fördela per k efter t.c {} }",
     "(pot p\n"
     "  (split k t.c))\n"
     "(pot q\n"
     "  (split k t.c))\n",
     ""},
    {"tie break with the key",
     "pott p { belopp 1 kr  vid lika högst_belopp, nyckel }",
     "(pot p\n"
     "  (amount 1 kr)\n"
     "  (tie-break\n"
     "    (tie-break högst_belopp)\n"
     "    (tie-break nyckel)))\n",
     ""},
    {"criterion with label and references",
     "villkor målgrupp \"Målgrupp\" {\n"
     "    krav målgrupp inom 12..22\n"
     "    skäl \"Projektet ska rikta sig till ungdomar 12–22 år.\"\n"
     "    stycke \"Mottagningarna\"\n"
     "    källa \"K\"\n"
     "}\n"
     "criterion c { require ja reason \"r\" }\n",
     "(criterion målgrupp \"Målgrupp\"\n"
     "  (require (inom målgrupp (.. 12 22)))\n"
     "  (reason \"Projektet ska rikta sig till ungdomar 12–22 år.\")\n"
     "  (paragraph \"Mottagningarna\")\n"
     "  (source \"K\"))\n"
     "(criterion c\n"
     "  (require ja)\n"
     "  (reason \"r\"))\n",
     ""},
    {"priorities",
     "prioritet främjande \"Främjande\" {\n"
     "    poäng 2 om fokus överlappar {främjande, digital}\n"
     "    skäl \"S\"\n"
     "}\n"
     "prioritet bas { vikt 1 }\n"
     "priority e { score 1 + 2 if x and y }\n",
     "(priority främjande \"Främjande\"\n"
     "  (score 2 (överlappar fokus {främjande, digital}))\n"
     "  (reason \"S\"))\n"
     "(priority bas\n"
     "  (score 1))\n"
     "(priority e\n"
     "  (score (+ 1 2) (och x y)))\n",
     ""},
    {"portfolio",
     "portfölj båda \"Båda\" {\n"
     "    minst 1 ansökan där sökandetyp är region\n"
     "    minst 2 ansökningar där sökandetyp är kommun\n"
     "    högst 50 % där sökandetyp är inte privat\n"
     "    högst 10\n"
     "    skäl \"R\"\n"
     "}\n"
     "portfolio p { at least 1 application where x at_most 2 }\n",
     "(portfolio constraint båda \"Båda\"\n"
     "  (at-least per-ansökan 1 (= sökandetyp region))\n"
     "  (at-least per-ansökan 2 (= sökandetyp kommun))\n"
     "  (at-most 50 % (!= sökandetyp privat))\n"
     "  (at-most 10)\n"
     "  (reason \"R\"))\n"
     "(portfolio constraint p\n"
     "  (at-least per-ansökan 1 x)\n"
     "  (at-most 2))\n",
     ""},
    {"extends change and remove",
     "utökar \"bas-2021.medel\"\n"
     "ändra pott kommunerna { belopp 16 MSEK  pott ny { belopp resten } }\n"
     "ändra villkor målgrupp { krav målgrupp inom 13..22 }\n"
     "ändra prioritet p { poäng 3 }\n"
     "ändra portfölj q { högst 50 % där x }\n"
     "ändra överenskommelse \"Ny 2022\" { år 2022 }\n"
     "ta bort villkor kurator\n"
     "ta_bort pott regionen\n"
     "remove priority p\n"
     "ta bort portfölj q\n",
     "(extends \"bas-2021.medel\")\n"
     "(change pot kommunerna\n"
     "  (amount 16 000 000 kr)\n"
     "  (pot ny\n"
     "    (amount resten)))\n"
     "(change criterion målgrupp\n"
     "  (require (inom målgrupp (.. 13 22))))\n"
     "(change priority p\n"
     "  (score 3))\n"
     "(change portfolio constraint q\n"
     "  (at-most 50 % x))\n"
     "(change agreement \"Ny 2022\"\n"
     "  (year 2022))\n"
     "(remove criterion kurator)\n"
     "(remove pot regionen)\n"
     "(remove priority p)\n"
     "(remove portfolio constraint q)\n",
     ""},
    {"remove and change of every kind (issue 17)",
     "ta bort fokusområde x\n"
     "remove field y\n"
     "ta_bort tabell t\n"
     "ta bort scenario s\n"
     "remove test u\n"
     "ändra fokusområde x \"X\"\n"
     "ändra fält nyckel sökt fält: belopp \"F\"\n"
     "change field z: text\n"
     "ändra scenario s \"S\" { ta bort villkor v }\n"
     "change test u { scenario s }\n"
     "ansökan { fält: text }\n",
     "(remove focus area x)\n"
     "(remove field y)\n"
     "(remove table t)\n"
     "(remove scenario s)\n"
     "(remove test u)\n"
     "(change focus area x \"X\")\n"
     "(change field fält\n"
     "  (field nyckel sökt fält \"F\" [amount]))\n"
     "(change field z\n"
     "  (field z [text]))\n"
     "(change scenario s \"S\"\n"
     "  (remove criterion v))\n"
     "(change test u\n"
     "  (under-scenario s))\n"
     "(application schema\n"
     "  (field fält [text]))\n",
     ""},
    {"extends in english", "extends \"a.medel\" change pot p { amount 1 kr }",
     "(extends \"a.medel\")\n"
     "(change pot p\n"
     "  (amount 1 kr))\n",
     ""},
    {"decomposed letters are NFC in the tree",
     "villkor ma\xCC\x88lgrupp { krav so\xCC\x88kandetyp a\xCC\x88r kommun  ska\xCC\x88l \"a\xCC\x88\" }",
     "(criterion mälgrupp\n"
     "  (require (= sökandetyp kommun))\n"
     "  (reason \"ä\"))\n",
     ""},
    {"byte order mark", "\xEF\xBB\xBFpott p { belopp 1 kr }", "(pot p\n  (amount 1 kr))\n", ""},

    /* ---- errors ---- */
    {"malformed literal stands in as an error",
     "pott p { belopp 35 MSEKK }",
     "(pot p\n"
     "  (amount <error>))\n",
     "t.medel:1:20: error: okänd enhet 'MSEKK' i beloppet; skriv kr, kronor, tkr, MSEK eller miljoner kronor\n"
     "    1 | pott p { belopp 35 MSEKK }\n"
     "      |                    ^~~~~\n"},
    {"error inside parentheses",
     "villkor v { krav (a = = b)  skäl \"s\" }",
     "(criterion v\n"
     "  (require <error>)\n"
     "  (reason \"s\"))\n",
     "t.medel:1:23: error: syntaxfel: oväntat '=', förväntade ett värde\n"
     "    1 | villkor v { krav (a = = b)  skäl \"s\" }\n"
     "      |                       ^\n"},
    {"comparisons do not chain",
     "villkor v { krav a = b = c }",
     "(criterion v)\n",
     "t.medel:1:24: error: syntaxfel: oväntat '='\n"
     "    1 | villkor v { krav a = b = c }\n"
     "      |                        ^\n"},
    {"expected tokens are listed when few",
     "tabell t \"x\" { }\npott a { belopp 1 kr }\növerenskommelse { }\n",
     "(pot a\n  (amount 1 kr))\n",
     "t.medel:1:10: error: syntaxfel: oväntad text \"x\", förväntade 'från'\n"
     "    1 | tabell t \"x\" { }\n"
     "      |          ^~~\n"
     "t.medel:3:17: error: syntaxfel: oväntat '{', förväntade en text inom citattecken\n"
     "    3 | överenskommelse { }\n"
     "      |                 ^\n"},
    {"remove what cannot be removed",
     "ta bort överenskommelse x\n",
     "",
     "t.medel:1:9: error: syntaxfel: oväntat 'överenskommelse'\n"
     "    1 | ta bort överenskommelse x\n"
     "      |         ^~~~~~~~~~~~~~~\n"},
    {"invalid character",
     "pott p { belopp @ }",
     "(pot p)\n",
     "t.medel:1:17: error: syntaxfel: oväntat tecken '@', förväntade ett värde\n"
     "    1 | pott p { belopp @ }\n"
     "      |                 ^\n"},
    {"unclosed brace at end of file",
     "pott a {\n  belopp 5 MSEK\n  pott b { belopp 1 kr }\n\n",
     "",
     "t.medel:3:25: error: filen tar slut innan 'pott a' har avslutats: här saknas en '}'\n"
     "    3 |   pott b { belopp 1 kr }\n"
     "      |                         ^\n"
     "t.medel:1:8: note: '{' som öppnas här stängs aldrig\n"
     "    1 | pott a {\n"
     "      |        ^\n"},
    {"stray closing brace",
     "pott a { belopp 5 kr }}\npott b { belopp 1 kr }",
     "(pot a\n"
     "  (amount 5 kr))\n"
     "(pot b\n"
     "  (amount 1 kr))\n",
     "t.medel:1:23: error: syntaxfel: oväntat '}'\n"
     "    1 | pott a { belopp 5 kr }}\n"
     "      |                       ^\n"},
    {"invalid UTF-8",
     "pott p\xFF { belopp 1 kr }",
     "(pot p_\n"
     "  (amount 1 kr))\n",
     "t.medel:1:7: error: ogiltig UTF-8-byte 0xFF; regelfiler måste sparas som UTF-8\n"
     "    1 | pott p� { belopp 1 kr }\n"
     "      |       ^\n"},
    {"three independent syntax errors",
     "överenskommelse \"X\" { år 2021 }\n"
     "pott a {\n"
     "    belopp 10 MSEK\n"
     "    tak per ansökan\n"
     "    förvaltare \"F\"\n"
     "}\n"
     "villkor v { krav a = = b  skäl \"s\" }\n"
     "fokusområden { samverkan \"S\" 12  digital \"D\" }\n"
     "pott b { belopp 5 MSEK }\n",
     "(agreement \"X\"\n"
     "  (year 2021))\n"
     "(pot a\n"
     "  (amount 10 000 000 kr)\n"
     "  (manager \"F\"))\n"
     "(criterion v\n"
     "  (reason \"s\"))\n"
     "(focus-areas\n"
     "  (focus area samverkan \"S\")\n"
     "  (focus area digital \"D\"))\n"
     "(pot b\n"
     "  (amount 5 000 000 kr))\n",
     "t.medel:4:9: error: syntaxfel: oväntat 'per', förväntade ett värde\n"
     "    4 |     tak per ansökan\n"
     "      |         ^~~\n"
     "t.medel:7:22: error: syntaxfel: oväntat '=', förväntade ett värde\n"
     "    7 | villkor v { krav a = = b  skäl \"s\" }\n"
     "      |                      ^\n"
     "t.medel:8:30: error: syntaxfel: oväntat '12', förväntade ett namn\n"
     "    8 | fokusområden { samverkan \"S\" 12  digital \"D\" }\n"
     "      |                              ^~\n"},
    {"a missing '}' is placed where the indentation ends",
     "villkor a {\n    krav x\n    skäl \"s\"\nvillkor b {\n    krav y\n    skäl \"t\"\n}\n",
     "(criterion a\n"
     "  (require x)\n"
     "  (reason \"s\"))\n"
     "(criterion b\n"
     "  (require y)\n"
     "  (reason \"t\"))\n",
     "t.medel:3:13: error: 'villkor a' avslutas aldrig: här saknas en '}' (rad 4 är inte indragen som blockets innehåll)\n"
     "    3 |     skäl \"s\"\n"
     "      |             ^\n"
     "t.medel:1:11: note: '{' som öppnas här stängs aldrig\n"
     "    1 | villkor a {\n"
     "      |           ^\n"},
    {"a missing '}' before a top-level keyword in the first column",
     "villkor a { krav x\nskäl \"s\"\nvillkor b { krav y skäl \"t\" }\n",
     "(criterion a\n"
     "  (require x)\n"
     "  (reason \"s\"))\n"
     "(criterion b\n"
     "  (require y)\n"
     "  (reason \"t\"))\n",
     "t.medel:2:9: error: 'villkor a' avslutas aldrig: här saknas en '}' före 'villkor' på rad 3\n"
     "    2 | skäl \"s\"\n"
     "      |         ^\n"
     "t.medel:1:11: note: '{' som öppnas här stängs aldrig\n"
     "    1 | villkor a { krav x\n"
     "      |           ^\n"},
    {"braces that match are read as written, whatever the layout",
     "pott a {\n    belopp 1 kr\ntak 1 kr per ansökan\n}\n",
     "(pot a\n"
     "  (amount 1 kr)\n"
     "  (cap per-ansökan 1 kr))\n",
     ""},
    {"a keyword with a capital letter is read as the keyword",
     "Pott p { belopp 1 kr }\n",
     "(pot p\n"
     "  (amount 1 kr))\n",
     "t.medel:1:1: error: nyckelord skrivs med små bokstäver: skriv 'pott', inte 'Pott'\n"
     "    1 | Pott p { belopp 1 kr }\n"
     "      | ^~~~\n"},
    {"a keyword where a name belongs is read as the name",
     "villkor vikt { krav x  skäl \"s\" }\n",
     "(criterion vikt\n"
     "  (require x)\n"
     "  (reason \"s\"))\n",
     "t.medel:1:9: error: 'vikt' är ett nyckelord och kan inte vara ett namn; välj ett annat namn, till exempel 'vikt_1'\n"
     "    1 | villkor vikt { krav x  skäl \"s\" }\n"
     "      |         ^~~~\n"},
};

START_TEST(test_decls)
{
    const ParseRow *r = &decl_rows[_i];
    Parsed got = parse(r->src);
    assert_parsed(r->name, &got, r->dump, r->diags);
    /* A valid text reports nothing; an invalid one reports errors. */
    ck_assert_msg((got.n_errors == 0) == (r->diags[0] == '\0'), "%s: %zu errors", r->name, got.n_errors);
    parsed_free(&got);
}
END_TEST

/* ---- expressions: precedence and associativity ---- */

typedef struct ExprRow {
    const char *name;
    const char *src;    /* written after 'krav' */
    const char *dump;   /* as ast_dump_expr prints it */
} ExprRow;

static const ExprRow expr_rows[] = {
    {"and binds tighter than or", "a och b eller c", "(eller (och a b) c)"},
    {"or then and", "a eller b och c", "(eller a (och b c))"},
    {"or is left associative", "a eller b eller c", "(eller (eller a b) c)"},
    {"not binds tighter than and", "inte a och b", "(och (inte a) b)"},
    {"not is looser than comparison", "inte a = b", "(inte (= a b))"},
    {"english logic", "not a and b or c", "(eller (och (inte a) b) c)"},
    {"comparisons under and", "a = 1 och b != 2", "(och (= a 1) (!= b 2))"},
    {"is and is not", "a är kommun eller a är inte region eller a is not b",
     "(eller (eller (= a kommun) (!= a region)) (!= a b))"},
    {"ordering operators", "a < 1 och b <= 2 och c > 3 och d >= 4",
     "(och (och (och (< a 1) (<= b 2)) (> c 3)) (>= d 4))"},
    {"unicode operators", "a ≤ 1 och b ≥ 2 och c ≠ 3 och d == 4",
     "(och (och (och (<= a 1) (>= b 2)) (!= c 3)) (= d 4))"},
    {"membership", "x i {a, b} och y inte i {c} och z not in {d}",
     "(och (och (i x {a, b}) (inte i y {c})) (inte i z {d}))"},
    {"within a range", "målgrupp inom 12..22", "(inom målgrupp (.. 12 22))"},
    {"range with en dash", "m inom 12–22", "(inom m (.. 12 22))"},
    {"period as a range", "m inom 2021-2022", "(inom m (.. 2021 2022))"},
    {"range binds looser than plus", "x inom 1 + 2 .. 3 * 4", "(inom x (.. (+ 1 2) (* 3 4)))"},
    {"overlaps contains intersect", "f överlappar {a} snitt {b} och i2 innehåller kurator",
     "(och (överlappar f (snitt {a} {b})) (innehåller i2 kurator))"},
    {"times binds tighter than plus", "a + b * c = 1", "(= (+ a (* b c)) 1)"},
    {"minus is left associative", "a - b - c = 1", "(= (- (- a b) c) 1)"},
    {"unary minus", "-a + b = 1", "(= (+ (- a) b) 1)"},
    {"percent of binds tighter than plus", "x = 50 % av 110 MSEK + 1 kr",
     "(= x (+ (av 50 % 110 000 000 kr) 1 kr))"},
    {"if then else", "om a så b annars c", "(om a b c)"},
    {"if then", "om sökandetyp är kommun så b", "(om (= sökandetyp kommun) b)"},
    {"dangling else goes to the inner if", "om a så om b så c annars d", "(om a (om b c d))"},
    {"else takes the whole condition", "om a så b annars c och d", "(om a b (och c d))"},
    {"if in english", "if a then b else c", "(om a b c)"},
    {"sets", "{} = {a} och {a, b, c} = x", "(och (= {} {a}) (= {a, b, c} x))"},
    {"function call", "antal(fokus) >= 1", "(>= (antal fokus) 1)"},
    {"function call with two arguments", "antal(a, {b}) = 2", "(= (antal a {b}) 2)"},
    {"parentheses", "(a eller b) och c", "(och (eller a b) c)"},
    {"nested parentheses", "((a))", "a"},
    {"column", "t.k = 1", "(= t.k 1)"},
    {"literals", "a = \"x\" och b = ja och c = nej och d = 1,5 och e = 4 % och f = ca 2 kr",
     "(och (och (och (och (och (= a \"x\") (= b ja)) (= c nej)) (= d 3/2)) (= e 4 %)) (= f (ca 2 kr)))"},
};

START_TEST(test_exprs)
{
    const ExprRow *r = &expr_rows[_i];
    char src[512], want[512];
    ck_assert_int_lt(snprintf(src, sizeof src, "villkor v { krav %s }", r->src), (int)sizeof src);
    ck_assert_int_lt(snprintf(want, sizeof want, "(criterion v\n  (require %s))\n", r->dump), (int)sizeof want);
    Parsed got = parse(src);
    assert_parsed(r->name, &got, want, "");
    parsed_free(&got);
}
END_TEST

/* ---- spans recorded in the tree ---- */

static void check_spans(const Module *m, const char *name)
{
    (void)name;
    /* pott p { belopp (1 kr)  period 2021-2022 } */
    ck_assert_uint_eq(m->items.n, 1);
    const Item *pot = m->items.items[0];
    ck_assert_int_eq(pot->kind, ITEM_POT);
    ck_assert_uint_eq(pot->span.start, 0);
    ck_assert_uint_eq(pot->span.end, 42);
    ck_assert_uint_eq(pot->kw_span.start, 0);
    ck_assert_uint_eq(pot->kw_span.end, 4);
    ck_assert_uint_eq(pot->name_span.start, 5);
    ck_assert_uint_eq(pot->name_span.end, 6);
    ck_assert_str_eq(pot->kw, "pott");
    ck_assert_uint_eq(pot->body.n, 2);
    const Item *amount = pot->body.items[0];
    ck_assert_int_eq(amount->kind, PROP_AMOUNT);
    ck_assert_uint_eq(amount->span.start, 9);
    ck_assert_uint_eq(amount->span.end, 22);
    /* The parentheses belong to the expression's span. */
    ck_assert_uint_eq(amount->expr->span.start, 16);
    ck_assert_uint_eq(amount->expr->span.end, 22);
    const Item *yr = pot->body.items[1];
    ck_assert_int_eq(yr->kind, PROP_YEAR);
    ck_assert_str_eq(yr->kw, "period");
    const Expr *e = yr->expr;
    ck_assert_int_eq(e->kind, EXPR_RANGE);
    ck_assert_uint_eq(e->span.start, 31);
    ck_assert_uint_eq(e->span.end, 40);
    ck_assert_uint_eq(e->a->span.start, 31);
    ck_assert_uint_eq(e->a->span.end, 35);
    ck_assert_uint_eq(e->b->span.start, 36);
    ck_assert_uint_eq(e->b->span.end, 40);
    ck_assert_int_eq(e->a->v.i, 2021);
    ck_assert_int_eq(e->b->v.i, 2022);
}

START_TEST(test_spans)
{
    const char *src = "pott p { belopp (1 kr)  period 2021-2022 }";
    Parsed got = parse_with(src, strlen(src), check_spans, "spans");
    ck_assert_str_eq(got.diags, "");
    parsed_free(&got);
}
END_TEST

/* The note about an unclosed '{' names the innermost one, however deep. */
START_TEST(test_deeply_unclosed)
{
    char *src = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&src, &len);
    ck_assert_ptr_nonnull(out);
    for (int i = 0; i < 70; i++)
        fprintf(out, "pott p%d {\n", i);
    ck_assert_int_eq(fclose(out), 0);
    Parsed got = parse_with(src, len, NULL, NULL);
    ck_assert_str_eq(got.diags,
                     "t.medel:70:11: error: filen tar slut innan 'pott p69' har avslutats: här saknas en '}'\n"
                     "   70 | pott p69 {\n"
                     "      |           ^\n"
                     "t.medel:70:10: note: '{' som öppnas här stängs aldrig\n"
                     "   70 | pott p69 {\n"
                     "      |          ^\n");
    parsed_free(&got);
    free(src);
}
END_TEST

Suite *make_parser_suite(void)
{
    Suite *s = suite_create("parser");
    TCase *tc = tcase_create("grammar");
    tcase_add_loop_test(tc, test_decls, 0, N_ROWS(decl_rows));
    tcase_add_loop_test(tc, test_exprs, 0, N_ROWS(expr_rows));
    tcase_add_test(tc, test_spans);
    tcase_add_test(tc, test_deeply_unclosed);
    suite_add_tcase(s, tc);
    return s;
}
