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
     "\xC3\xB6verenskommelse \"Ungdomsmottagningar 2021\" {\n"
     "    \xC3\xA5r 2021\n"
     "    k\xC3\xA4lla \"\xC3\x96verenskommelse 2021\"\n"
     "    url \"https://example.se/\"\n"
     "    stycke \"Satsningar 2021\"\n"
     "    beslut \"S2021/01234\"\n"
     "}\n",
     "(agreement \"Ungdomsmottagningar 2021\"\n"
     "  (year 2021)\n"
     "  (source \"\xC3\x96verenskommelse 2021\")\n"
     "  (url \"https://example.se/\")\n"
     "  (paragraph \"Satsningar 2021\")\n"
     "  (decision \"S2021/01234\"))\n",
     ""},
    {"agreement in english with periods",
     "agreement \"X\" { period 2021-2022 year 2021\xE2\x80\x93" "2022 source \"S\" paragraph \"P\" decision \"D\" }",
     "(agreement \"X\"\n"
     "  (year (.. 2021 2022))\n"
     "  (year (.. 2021 2022))\n"
     "  (source \"S\")\n"
     "  (paragraph \"P\")\n"
     "  (decision \"D\"))\n",
     ""},
    {"empty agreement", "\xC3\xB6verenskommelse \"\" {}", "(agreement \"\")\n", ""},
    {"focus areas",
     "fokusomr\xC3\xA5" "den {\n"
     "    samverkan \"Samverkan\"\n"
     "    digital   \"Digitala l\xC3\xB6sningar\"\n"
     "    j\xC3\xA4mlik_v\xC3\xA5rd \"J\xC3\xA4mlik v\xC3\xA5rd\"\n"
     "}\n"
     "focus_areas { x \"X\" }\n",
     "(focus-areas\n"
     "  (focus area samverkan \"Samverkan\")\n"
     "  (focus area digital \"Digitala l\xC3\xB6sningar\")\n"
     "  (focus area j\xC3\xA4mlik_v\xC3\xA5rd \"J\xC3\xA4mlik v\xC3\xA5rd\"))\n"
     "(focus-areas\n"
     "  (focus area x \"X\"))\n",
     ""},
    {"schema with every type and flag",
     "ans\xC3\xB6kan {\n"
     "    nyckel diarienummer: text \"Diarienummer\"\n"
     "    obligatorisk titel: text\n"
     "    s\xC3\xB6kt belopp: belopp \"S\xC3\xB6kt belopp\"\n"
     "    antal: heltal\n"
     "    klar: ja/nej\n"
     "    m\xC3\xA5lgrupp: intervall \"M\xC3\xA5lgrupp (\xC3\xA5lder)\"\n"
     "    spann: intervall av belopp\n"
     "    \xC3\xA5lder: intervall av heltal\n"
     "    s\xC3\xB6kandetyp: en av kommun | region | privat | id\xC3\xA9" "buren\n"
     "    insatser: m\xC3\xA4ngd av kurator | barnmorska\n"
     "    huvudfokus: fokusomr\xC3\xA5" "de\n"
     "    fokus: fokusomr\xC3\xA5" "den \"Fokusomr\xC3\xA5" "den\"\n"
     "    kommun: nyckel i ungdomar \"Kommun\"\n"
     "    nyckel obligatorisk s\xC3\xB6kt id2: heltal\n"
     "}\n",
     "(application schema\n"
     "  (field nyckel diarienummer \"Diarienummer\" [text])\n"
     "  (field obligatorisk titel [text])\n"
     "  (field s\xC3\xB6kt belopp \"S\xC3\xB6kt belopp\" [amount])\n"
     "  (field antal [integer])\n"
     "  (field klar [yes/no])\n"
     "  (field m\xC3\xA5lgrupp \"M\xC3\xA5lgrupp (\xC3\xA5lder)\" [range of integers])\n"
     "  (field spann [range of amounts])\n"
     "  (field \xC3\xA5lder [range of integers])\n"
     "  (field s\xC3\xB6kandetyp [one-of value kommun | region | privat | id\xC3\xA9" "buren])\n"
     "  (field insatser [set of one-of values kurator | barnmorska])\n"
     "  (field huvudfokus [focus area])\n"
     "  (field fokus \"Fokusomr\xC3\xA5" "den\" [set of focus areas])\n"
     "  (field kommun \"Kommun\" [key in ungdomar])\n"
     "  (field nyckel obligatorisk s\xC3\xB6kt id2 [integer]))\n",
     ""},
    {"schema in english",
     "application { key id: integer \"Id\" required requested sum: amount ok: yes/no r: range of amount "
     "t: one of a | b s: set of c f: focus_areas k: key in t }",
     "(application schema\n"
     "  (field nyckel id \"Id\" [integer])\n"
     "  (field obligatorisk s\xC3\xB6kt sum [amount])\n"
     "  (field ok [yes/no])\n"
     "  (field r [range of amounts])\n"
     "  (field t [one-of value a | b])\n"
     "  (field s [set of one-of values c])\n"
     "  (field f [set of focus areas])\n"
     "  (field k [key in t]))\n",
     ""},
    {"property words as field names",
     "ans\xC3\xB6kan { belopp: belopp  \xC3\xA5r: heltal  text: text  k\xC3\xA4lla: text  metod: text }",
     "(application schema\n"
     "  (field belopp [amount])\n"
     "  (field \xC3\xA5r [integer])\n"
     "  (field text [text])\n"
     "  (field k\xC3\xA4lla [text])\n"
     "  (field metod [text]))\n",
     ""},
    {"long enumeration",
     "ans\xC3\xB6kan { x: en av a | b | c | d | e | f | g | h | i2 | j | k | l | m | n | o | p | q | r }",
     "(application schema\n"
     "  (field x [one-of value a | b | c | d | e | f | g | h | i2 | j | k | l | m | n | o | p | q | r]))\n",
     ""},
    {"table",
     "tabell ungdomar fr\xC3\xA5n \"data/befolkning.csv\" {\n"
     "    nyckel kommun: text \"municipality\"\n"
     "    antal_12_22: heltal \"age_12_22\"\n"
     "    medel: belopp\n"
     "    k\xC3\xA4lla \"SCB\"\n"
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
     "pott psykisk_h\xC3\xA4lsa \"Psykisk h\xC3\xA4lsa\" {\n"
     "    belopp 182 MSEK + 50 % av 110 MSEK\n"
     "    f\xC3\xB6rvaltare \"Region Stockholm\"\n"
     "    ben\xC3\xA4mning \"PH\"\n"
     "    period 2021-2022\n"
     "    k\xC3\xA4lla \"\xC3\x96\"\n"
     "    pott a {\n"
     "        belopp n\xC3\xA4ra 182 000 000 kr\n"
     "        f\xC3\xB6rdela per kommun efter ungdomar.antal_12_22 {\n"
     "            avrundning 1 kr  metod sainte_lagu\xC3\xAB  f\xC3\xB6rsta_divisor 1,4\n"
     "        }\n"
     "    }\n"
     "    pott b {\n"
     "        belopp 40 %\n"
     "        tilldelning rangordning sista hoppa_\xC3\xB6ver\n"
     "        tak 2 MSEK per ans\xC3\xB6kan\n"
     "        tak 3 MSEK per s\xC3\xB6kande\n"
     "        l\xC3\xA4gsta bidrag 50 000 kr\n"
     "        vid lika l\xC3\xA4gst_belopp, inkommen\n"
     "        villkor c { krav x  sk\xC3\xA4l \"y\" }\n"
     "        prioritet p { po\xC3\xA4ng 2 om x }\n"
     "        portf\xC3\xB6lj q { minst 1 ans\xC3\xB6kan d\xC3\xA4r x }\n"
     "    }\n"
     "    pott c { belopp resten  f\xC3\xB6rdela per kommun efter t.k  \xC3\xA5r 2021 }\n"
     "}\n",
     "(pot psykisk_h\xC3\xA4lsa \"Psykisk h\xC3\xA4lsa\"\n"
     "  (amount (+ 182 000 000 kr (av 50 % 110 000 000 kr)))\n"
     "  (manager \"Region Stockholm\")\n"
     "  (label \"PH\")\n"
     "  (year (.. 2021 2022))\n"
     "  (source \"\xC3\x96\")\n"
     "  (pot a\n"
     "    (amount (n\xC3\xA4ra 182 000 000 kr))\n"
     "    (split kommun ungdomar.antal_12_22\n"
     "      (rounding 1 kr)\n"
     "      (method sainte_lagu\xC3\xAB)\n"
     "      (first-divisor 7/5)))\n"
     "  (pot b\n"
     "    (amount 40 %)\n"
     "    (allocation rangordning hoppa_\xC3\xB6ver)\n"
     "    (cap per-ans\xC3\xB6kan 2 000 000 kr)\n"
     "    (cap s\xC3\xB6kande 3 000 000 kr)\n"
     "    (min-grant 50 000 kr)\n"
     "    (tie-break\n"
     "      (tie-break l\xC3\xA4gst_belopp)\n"
     "      (tie-break inkommen))\n"
     "    (criterion c\n"
     "      (require x)\n"
     "      (reason \"y\"))\n"
     "    (priority p\n"
     "      (score 2 x))\n"
     "    (portfolio constraint q\n"
     "      (at-least per-ans\xC3\xB6kan 1 x)))\n"
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
     "  (cap per-ans\xC3\xB6kan 1 000 000 kr)\n"
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
     "pott p { f\xC3\xB6rdela per k efter t.c } pott q { f\xC3\xB6rdela per k efter t.c {} }",
     "(pot p\n"
     "  (split k t.c))\n"
     "(pot q\n"
     "  (split k t.c))\n",
     ""},
    {"tie break with the key",
     "pott p { belopp 1 kr  vid lika h\xC3\xB6gst_belopp, nyckel }",
     "(pot p\n"
     "  (amount 1 kr)\n"
     "  (tie-break\n"
     "    (tie-break h\xC3\xB6gst_belopp)\n"
     "    (tie-break nyckel)))\n",
     ""},
    {"criterion with label and references",
     "villkor m\xC3\xA5lgrupp \"M\xC3\xA5lgrupp\" {\n"
     "    krav m\xC3\xA5lgrupp inom 12..22\n"
     "    sk\xC3\xA4l \"Projektet ska rikta sig till ungdomar 12\xE2\x80\x93" "22 \xC3\xA5r.\"\n"
     "    stycke \"Mottagningarna\"\n"
     "    k\xC3\xA4lla \"K\"\n"
     "}\n"
     "criterion c { require ja reason \"r\" }\n",
     "(criterion m\xC3\xA5lgrupp \"M\xC3\xA5lgrupp\"\n"
     "  (require (inom m\xC3\xA5lgrupp (.. 12 22)))\n"
     "  (reason \"Projektet ska rikta sig till ungdomar 12\xE2\x80\x93" "22 \xC3\xA5r.\")\n"
     "  (paragraph \"Mottagningarna\")\n"
     "  (source \"K\"))\n"
     "(criterion c\n"
     "  (require ja)\n"
     "  (reason \"r\"))\n",
     ""},
    {"priorities",
     "prioritet fr\xC3\xA4mjande \"Fr\xC3\xA4mjande\" {\n"
     "    po\xC3\xA4ng 2 om fokus \xC3\xB6verlappar {fr\xC3\xA4mjande, digital}\n"
     "    sk\xC3\xA4l \"S\"\n"
     "}\n"
     "prioritet bas { vikt 1 }\n"
     "priority e { score 1 + 2 if x and y }\n",
     "(priority fr\xC3\xA4mjande \"Fr\xC3\xA4mjande\"\n"
     "  (score 2 (\xC3\xB6verlappar fokus {fr\xC3\xA4mjande, digital}))\n"
     "  (reason \"S\"))\n"
     "(priority bas\n"
     "  (score 1))\n"
     "(priority e\n"
     "  (score (+ 1 2) (och x y)))\n",
     ""},
    {"portfolio",
     "portf\xC3\xB6lj b\xC3\xA5" "da \"B\xC3\xA5" "da\" {\n"
     "    minst 1 ans\xC3\xB6kan d\xC3\xA4r s\xC3\xB6kandetyp \xC3\xA4r region\n"
     "    minst 2 ans\xC3\xB6kningar d\xC3\xA4r s\xC3\xB6kandetyp \xC3\xA4r kommun\n"
     "    h\xC3\xB6gst 50 % d\xC3\xA4r s\xC3\xB6kandetyp \xC3\xA4r inte privat\n"
     "    h\xC3\xB6gst 10\n"
     "    sk\xC3\xA4l \"R\"\n"
     "}\n"
     "portfolio p { at least 1 application where x at_most 2 }\n",
     "(portfolio constraint b\xC3\xA5" "da \"B\xC3\xA5" "da\"\n"
     "  (at-least per-ans\xC3\xB6kan 1 (= s\xC3\xB6kandetyp region))\n"
     "  (at-least per-ans\xC3\xB6kan 2 (= s\xC3\xB6kandetyp kommun))\n"
     "  (at-most 50 % (!= s\xC3\xB6kandetyp privat))\n"
     "  (at-most 10)\n"
     "  (reason \"R\"))\n"
     "(portfolio constraint p\n"
     "  (at-least per-ans\xC3\xB6kan 1 x)\n"
     "  (at-most 2))\n",
     ""},
    {"extends change and remove",
     "ut\xC3\xB6kar \"bas-2021.medel\"\n"
     "\xC3\xA4ndra pott kommunerna { belopp 16 MSEK  pott ny { belopp resten } }\n"
     "\xC3\xA4ndra villkor m\xC3\xA5lgrupp { krav m\xC3\xA5lgrupp inom 13..22 }\n"
     "\xC3\xA4ndra prioritet p { po\xC3\xA4ng 3 }\n"
     "\xC3\xA4ndra portf\xC3\xB6lj q { h\xC3\xB6gst 50 % d\xC3\xA4r x }\n"
     "\xC3\xA4ndra \xC3\xB6verenskommelse \"Ny 2022\" { \xC3\xA5r 2022 }\n"
     "ta bort villkor kurator\n"
     "ta_bort pott regionen\n"
     "remove priority p\n"
     "ta bort portf\xC3\xB6lj q\n",
     "(extends \"bas-2021.medel\")\n"
     "(change pot kommunerna\n"
     "  (amount 16 000 000 kr)\n"
     "  (pot ny\n"
     "    (amount resten)))\n"
     "(change criterion m\xC3\xA5lgrupp\n"
     "  (require (inom m\xC3\xA5lgrupp (.. 13 22))))\n"
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
    {"extends in english", "extends \"a.medel\" change pot p { amount 1 kr }",
     "(extends \"a.medel\")\n"
     "(change pot p\n"
     "  (amount 1 kr))\n",
     ""},
    {"decomposed letters are NFC in the tree",
     "villkor ma\xCC\x88lgrupp { krav so\xCC\x88kandetyp a\xCC\x88r kommun  ska\xCC\x88l \"a\xCC\x88\" }",
     "(criterion m\xC3\xA4lgrupp\n"
     "  (require (= s\xC3\xB6kandetyp kommun))\n"
     "  (reason \"\xC3\xA4\"))\n",
     ""},
    {"byte order mark", "\xEF\xBB\xBFpott p { belopp 1 kr }", "(pot p\n  (amount 1 kr))\n", ""},

    /* ---- errors ---- */
    {"malformed literal stands in as an error",
     "pott p { belopp 35 MSEKK }",
     "(pot p\n"
     "  (amount <error>))\n",
     "t.medel:1:20: error: unknown unit 'MSEKK' in amount; write kr, kronor, tkr, MSEK or miljoner kronor\n"
     "    1 | pott p { belopp 35 MSEKK }\n"
     "      |                    ^~~~~\n"},
    {"error inside parentheses",
     "villkor v { krav (a = = b)  sk\xC3\xA4l \"s\" }",
     "(criterion v\n"
     "  (require <error>)\n"
     "  (reason \"s\"))\n",
     "t.medel:1:23: error: syntax error: unexpected '=', expected a value\n"
     "    1 | villkor v { krav (a = = b)  sk\xC3\xA4l \"s\" }\n"
     "      |                       ^\n"},
    {"comparisons do not chain",
     "villkor v { krav a = b = c }",
     "(criterion v)\n",
     "t.medel:1:24: error: syntax error: unexpected '='\n"
     "    1 | villkor v { krav a = b = c }\n"
     "      |                        ^\n"},
    {"expected tokens are listed when few",
     "tabell t \"x\" { }\npott a { belopp 1 kr }\n\xC3\xB6verenskommelse { }\n",
     "(pot a\n  (amount 1 kr))\n",
     "t.medel:1:10: error: syntax error: unexpected text \"x\", expected 'fr\xC3\xA5n'\n"
     "    1 | tabell t \"x\" { }\n"
     "      |          ^~~\n"
     "t.medel:3:17: error: syntax error: unexpected '{', expected text\n"
     "    3 | \xC3\xB6verenskommelse { }\n"
     "      |                 ^\n"},
    {"remove what cannot be removed",
     "ta bort fokusomr\xC3\xA5" "de x\n",
     "",
     "t.medel:1:9: error: syntax error: unexpected 'fokusomr\xC3\xA5" "de', expected 'pott', 'villkor', 'prioritet' or 'portf\xC3\xB6lj'\n"
     "    1 | ta bort fokusomr\xC3\xA5" "de x\n"
     "      |         ^~~~~~~~~~~\n"},
    {"invalid character",
     "pott p { belopp @ }",
     "(pot p)\n",
     "t.medel:1:17: error: syntax error: unexpected invalid character '@', expected a value\n"
     "    1 | pott p { belopp @ }\n"
     "      |                 ^\n"},
    {"unclosed brace at end of file",
     "pott a {\n  belopp 5 MSEK\n  pott b { belopp 1 kr }\n\n",
     "",
     "t.medel:3:25: error: syntax error: unexpected end of file\n"
     "    3 |   pott b { belopp 1 kr }\n"
     "      |                         ^\n"
     "t.medel:1:8: note: the '{' opened here is never closed\n"
     "    1 | pott a {\n"
     "      |        ^\n"},
    {"stray closing brace",
     "pott a { belopp 5 kr }}\npott b { belopp 1 kr }",
     "(pot a\n"
     "  (amount 5 kr))\n"
     "(pot b\n"
     "  (amount 1 kr))\n",
     "t.medel:1:23: error: syntax error: unexpected '}'\n"
     "    1 | pott a { belopp 5 kr }}\n"
     "      |                       ^\n"},
    {"invalid UTF-8",
     "pott p\xFF { belopp 1 kr }",
     "(pot p_\n"
     "  (amount 1 kr))\n",
     "t.medel:1:7: error: invalid UTF-8 byte 0xFF; rule files must be saved as UTF-8\n"
     "    1 | pott p\xEF\xBF\xBD { belopp 1 kr }\n"
     "      |       ^\n"},
    {"three independent syntax errors",
     "\xC3\xB6verenskommelse \"X\" { \xC3\xA5r 2021 }\n"
     "pott a {\n"
     "    belopp 10 MSEK\n"
     "    tak per ans\xC3\xB6kan\n"
     "    f\xC3\xB6rvaltare \"F\"\n"
     "}\n"
     "villkor v { krav a = = b  sk\xC3\xA4l \"s\" }\n"
     "fokusomr\xC3\xA5" "den { samverkan \"S\" 12  digital \"D\" }\n"
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
     "t.medel:4:9: error: syntax error: unexpected 'per', expected a value\n"
     "    4 |     tak per ans\xC3\xB6kan\n"
     "      |         ^~~\n"
     "t.medel:7:22: error: syntax error: unexpected '=', expected a value\n"
     "    7 | villkor v { krav a = = b  sk\xC3\xA4l \"s\" }\n"
     "      |                      ^\n"
     "t.medel:8:30: error: syntax error: unexpected '12', expected a name\n"
     "    8 | fokusomr\xC3\xA5" "den { samverkan \"S\" 12  digital \"D\" }\n"
     "      |                              ^~\n"},
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
    {"is and is not", "a \xC3\xA4r kommun eller a \xC3\xA4r inte region eller a is not b",
     "(eller (eller (= a kommun) (!= a region)) (!= a b))"},
    {"ordering operators", "a < 1 och b <= 2 och c > 3 och d >= 4",
     "(och (och (och (< a 1) (<= b 2)) (> c 3)) (>= d 4))"},
    {"unicode operators", "a \xE2\x89\xA4 1 och b \xE2\x89\xA5 2 och c \xE2\x89\xA0 3 och d == 4",
     "(och (och (och (<= a 1) (>= b 2)) (!= c 3)) (= d 4))"},
    {"membership", "x i {a, b} och y inte i {c} och z not in {d}",
     "(och (och (i x {a, b}) (inte i y {c})) (inte i z {d}))"},
    {"within a range", "m\xC3\xA5lgrupp inom 12..22", "(inom m\xC3\xA5lgrupp (.. 12 22))"},
    {"range with en dash", "m inom 12\xE2\x80\x93" "22", "(inom m (.. 12 22))"},
    {"period as a range", "m inom 2021-2022", "(inom m (.. 2021 2022))"},
    {"range binds looser than plus", "x inom 1 + 2 .. 3 * 4", "(inom x (.. (+ 1 2) (* 3 4)))"},
    {"overlaps contains intersect", "f \xC3\xB6verlappar {a} snitt {b} och i2 inneh\xC3\xA5ller kurator",
     "(och (\xC3\xB6verlappar f (snitt {a} {b})) (inneh\xC3\xA5ller i2 kurator))"},
    {"times binds tighter than plus", "a + b * c = 1", "(= (+ a (* b c)) 1)"},
    {"minus is left associative", "a - b - c = 1", "(= (- (- a b) c) 1)"},
    {"unary minus", "-a + b = 1", "(= (+ (- a) b) 1)"},
    {"percent of binds tighter than plus", "x = 50 % av 110 MSEK + 1 kr",
     "(= x (+ (av 50 % 110 000 000 kr) 1 kr))"},
    {"if then else", "om a s\xC3\xA5 b annars c", "(om a b c)"},
    {"if then", "om s\xC3\xB6kandetyp \xC3\xA4r kommun s\xC3\xA5 b", "(om (= s\xC3\xB6kandetyp kommun) b)"},
    {"dangling else goes to the inner if", "om a s\xC3\xA5 om b s\xC3\xA5 c annars d", "(om a (om b c d))"},
    {"else takes the whole condition", "om a s\xC3\xA5 b annars c och d", "(om a b (och c d))"},
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
                     "t.medel:70:11: error: syntax error: unexpected end of file\n"
                     "   70 | pott p69 {\n"
                     "      |           ^\n"
                     "t.medel:70:10: note: the '{' opened here is never closed\n"
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
