/*
** test_lexer.c: unit tests for the scanner (lang/lexer.l), driven directly
** without the parser. Each row is a source text, the tokens it must give
** (kind, value and byte span) and the diagnostics it must report (message
** and span), all compared as exact strings so a failure shows the whole
** token stream of the named row.
*/
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "keywords.h"
#include "parse_internal.h"
#include "text.h"
#include "parser.h"
#include "lexer.h"
#include "suites.h"

#define N_ROWS(t) ((int)(sizeof(t) / sizeof((t)[0])))

/* Raw bytes keep the invisible characters visible in the tables. */
#define NBSP "\xC2\xA0"          /* U+00A0 NO-BREAK SPACE */
#define NNBSP "\xE2\x80\xAF"     /* U+202F NARROW NO-BREAK SPACE */
#define NDASH "–"                /* U+2013 EN DASH */
#define MDASH "—"                /* U+2014 EM DASH */
#define RDQUO "”"                /* U+201D */
#define LDQUO "“"                /* U+201C */
#define DIAER "\xCC\x88"         /* U+0308 COMBINING DIAERESIS */

/* ---- running the scanner ---- */

static const char *tok_name(int t)
{
    switch (t) {
    case TOK_YYEOF: return "EOF";
    case TOK_YYUNDEF: return "UNDEF";
    case TOK_IDENT: return "IDENT";
    case TOK_STRING: return "STRING";
    case TOK_INT: return "INT";
    case TOK_DECIMAL: return "DECIMAL";
    case TOK_MONEY: return "MONEY";
    case TOK_PERCENT: return "PERCENT";
    case TOK_APPROX: return "APPROX";
    case TOK_YEARS: return "YEARS";
    case TOK_AGREEMENT: return "AGREEMENT";
    case TOK_YEAR: return "YEAR";
    case TOK_PERIOD: return "PERIOD";
    case TOK_SOURCE: return "SOURCE";
    case TOK_URL: return "URL";
    case TOK_PARAGRAPH: return "PARAGRAPH";
    case TOK_DECISION: return "DECISION";
    case TOK_FOCUS_AREAS: return "FOCUS_AREAS";
    case TOK_FOCUS_AREA: return "FOCUS_AREA";
    case TOK_APPLICATION: return "APPLICATION";
    case TOK_TEXT_T: return "TEXT_T";
    case TOK_AMOUNT: return "AMOUNT";
    case TOK_INTEGER_T: return "INTEGER_T";
    case TOK_YESNO_T: return "YESNO_T";
    case TOK_RANGE_T: return "RANGE_T";
    case TOK_ONE: return "ONE";
    case TOK_SET: return "SET";
    case TOK_KEY: return "KEY";
    case TOK_REQUIRED: return "REQUIRED";
    case TOK_REQUESTED: return "REQUESTED";
    case TOK_TABLE: return "TABLE";
    case TOK_FROM: return "FROM";
    case TOK_POT: return "POT";
    case TOK_MANAGER: return "MANAGER";
    case TOK_LABEL: return "LABEL";
    case TOK_REST: return "REST";
    case TOK_SPLIT: return "SPLIT";
    case TOK_PER: return "PER";
    case TOK_BY: return "BY";
    case TOK_ROUNDING: return "ROUNDING";
    case TOK_METHOD: return "METHOD";
    case TOK_FIRST_DIVISOR: return "FIRST_DIVISOR";
    case TOK_BASE_AMOUNT: return "BASE_AMOUNT";
    case TOK_THRESHOLD: return "THRESHOLD";
    case TOK_UNIT: return "UNIT";
    case TOK_CRITERION: return "CRITERION";
    case TOK_REQUIRE: return "REQUIRE";
    case TOK_REASON: return "REASON";
    case TOK_PRIORITY: return "PRIORITY";
    case TOK_SCORE: return "SCORE";
    case TOK_PORTFOLIO: return "PORTFOLIO";
    case TOK_AT_LEAST: return "AT_LEAST";
    case TOK_AT_MOST: return "AT_MOST";
    case TOK_WHERE: return "WHERE";
    case TOK_BINDING: return "BINDING";
    case TOK_ALLOCATION: return "ALLOCATION";
    case TOK_LAST: return "LAST";
    case TOK_CAP: return "CAP";
    case TOK_MIN_GRANT: return "MIN_GRANT";
    case TOK_TIE_BREAK: return "TIE_BREAK";
    case TOK_LEFTOVER: return "LEFTOVER";
    case TOK_MOVES_TO: return "MOVES_TO";
    case TOK_SECOND_ROUND: return "SECOND_ROUND";
    case TOK_DEADLINE: return "DEADLINE";
    case TOK_EXTENDS: return "EXTENDS";
    case TOK_CHANGE: return "CHANGE";
    case TOK_REMOVE: return "REMOVE";
    case TOK_FIELD: return "FIELD";
    case TOK_SCENARIO: return "SCENARIO";
    case TOK_TEST: return "TEST";
    case TOK_EXPECT: return "EXPECT";
    case TOK_GRANTED: return "GRANTED";
    case TOK_RANKING: return "RANKING";
    case TOK_IF: return "IF";
    case TOK_THEN: return "THEN";
    case TOK_ELSE: return "ELSE";
    case TOK_AND: return "AND";
    case TOK_OR: return "OR";
    case TOK_NOT: return "NOT";
    case TOK_IN: return "IN";
    case TOK_NOT_IN: return "NOT_IN";
    case TOK_IS: return "IS";
    case TOK_IS_NOT: return "IS_NOT";
    case TOK_WITHIN: return "WITHIN";
    case TOK_OVERLAPS: return "OVERLAPS";
    case TOK_CONTAINS: return "CONTAINS";
    case TOK_INTERSECT: return "INTERSECT";
    case TOK_OF: return "OF";
    case TOK_TRUE: return "TRUE";
    case TOK_FALSE: return "FALSE";
    case TOK_DOTDOT: return "DOTDOT";
    case TOK_LE: return "LE";
    case TOK_GE: return "GE";
    case TOK_NE: return "NE";
    case TOK_BAD_LITERAL: return "BAD";
    default: return NULL;
    }
}

/* Writes one token as KIND(value)@start-end; single-character tokens as
** 'c'@start-end. Texts show their bytes as they are (escapes resolved). */
static void put_token(FILE *out, int t, const YYSTYPE *v, const Span *s)
{
    const char *n = tok_name(t);
    if (!n) {
        fprintf(out, "'%c'@%" PRIu32 "-%" PRIu32, t, s->start, s->end);
        return;
    }
    fputs(n, out);
    switch (t) {
    case TOK_YYEOF: case TOK_YYUNDEF: case TOK_BAD_LITERAL:
    case TOK_DOTDOT: case TOK_LE: case TOK_GE: case TOK_NE:
        break;
    case TOK_INT: fprintf(out, "(%" PRId64 ")", v->TOK_INT); break;
    case TOK_YEARS: fprintf(out, "(%" PRId64 ")", v->TOK_YEARS); break;
    case TOK_MONEY: fprintf(out, "(%" PRId64 ")", v->TOK_MONEY); break;
    case TOK_DECIMAL: fprintf(out, "(%" PRId64 "/%" PRId64 ")", v->TOK_DECIMAL.num, v->TOK_DECIMAL.den); break;
    case TOK_PERCENT: fprintf(out, "(%" PRId64 "/%" PRId64 ")", v->TOK_PERCENT.num, v->TOK_PERCENT.den); break;
    default: /* names, texts and keywords: their spelling */
        fprintf(out, "(%s)", v->TOK_IDENT ? v->TOK_IDENT : "<null>");
        break;
    }
    fprintf(out, "@%" PRIu32 "-%" PRIu32, s->start, s->end);
}

typedef struct Lexed {
    char *tokens;   /* tokens separated by one space, without EOF */
    char *diags;    /* "start-end: message\n" per diagnostic */
    int eof;        /* the last token kind seen (TOK_YYEOF when all went well) */
    Span eof_span;
    size_t n_errors;
} Lexed;

static const char *level_name(DiagLevel l)
{
    return l == DIAG_ERROR ? "error" : l == DIAG_WARNING ? "warning" : "note";
}

/* Scans src[0..len) as parse.c would (without the UTF-8 pass) and records
** every token and every diagnostic. */
static Lexed lex(const char *src, size_t len)
{
    SourceSet set;
    source_set_init(&set);
    uint32_t file = source_add(&set, "t.medel", src, len);
    Arena arena;
    arena_init(&arena);
    Diags d;
    diags_init(&d, &set);

    /* The scanner reads bytes[] at end of file; keep two NULs after it. */
    char *copy = xmalloc(len + 2);
    memcpy(copy, src, len);
    copy[len] = copy[len + 1] = '\0';

    Parser p;
    memset(&p, 0, sizeof p);
    p.arena = &arena;
    p.diags = &d;
    p.file = file;
    p.bytes = copy;
    p.len = len;
    Module m = {0};
    p.module = &m;

    yyscan_t scanner;
    ck_assert_int_eq(medel_yylex_init_extra(&p, &scanner), 0);
    YY_BUFFER_STATE buf = medel_yy_scan_bytes(copy, (int)len, scanner);

    Lexed r = {0};
    size_t tlen = 0;
    FILE *out = open_memstream(&r.tokens, &tlen);
    ck_assert_ptr_nonnull(out);
    int n = 0;
    for (;;) {
        YYSTYPE v;
        memset(&v, 0, sizeof v);
        Span loc = {0, 0, 0};
        int t = medel_yylex(&v, &loc, scanner);
        r.eof = t;
        if (t == TOK_YYEOF) {
            r.eof_span = loc;
            break;
        }
        ck_assert_uint_eq(loc.file, file);
        if (n++ > 0)
            fputc(' ', out);
        put_token(out, t, &v, &loc);
        if (n > 200) /* a scanner that never ends */
            break;
    }
    ck_assert_int_eq(fclose(out), 0);

    size_t dlen = 0;
    out = open_memstream(&r.diags, &dlen);
    ck_assert_ptr_nonnull(out);
    for (size_t i = 0; i < d.n; i++) {
        const Diag *g = &d.items[i];
        if (g->level == DIAG_ERROR)
            fprintf(out, "%" PRIu32 "-%" PRIu32 ": %s\n", g->span.start, g->span.end, g->msg);
        else
            fprintf(out, "%" PRIu32 "-%" PRIu32 ": %s: %s\n", g->span.start, g->span.end,
                    level_name(g->level), g->msg);
    }
    ck_assert_int_eq(fclose(out), 0);
    r.n_errors = d.n_errors;

    medel_yy_delete_buffer(buf, scanner);
    medel_yylex_destroy(scanner);
    parser_free_scan(&p);
    free(copy);
    diags_free(&d);
    arena_free(&arena);
    source_set_free(&set);
    return r;
}

static void lexed_free(Lexed *r)
{
    free(r->tokens);
    free(r->diags);
}

/* ---- the table ---- */

typedef struct LexRow {
    const char *name;
    const char *src;
    const char *tokens;
    const char *diags;   /* "" when the text is clean */
} LexRow;

static const LexRow rows[] = {
    /* ---- amounts in every written form, in öre ---- */
    {"money grouped kr", "35 000 000 kr", "MONEY(3500000000)@0-13", ""},
    {"money MSEK", "35 MSEK", "MONEY(3500000000)@0-7", ""},
    {"money decimal MSEK", "1,5 MSEK", "MONEY(150000000)@0-8", ""},
    {"money decimal point MSEK", "1.5 MSEK", "MONEY(150000000)@0-8", ""},
    {"money kronor", "4 528 193 kronor", "MONEY(452819300)@0-16", ""},
    {"money tkr", "12 tkr", "MONEY(1200000)@0-6", ""},
    {"money ore", "50 öre", "MONEY(50)@0-7", ""},
    {"money kr with ore", "1 500 000,50 kr", "MONEY(150000050)@0-15", ""},
    {"money no-break space groups", "35" NBSP "000" NBSP "000" NBSP "kr",
     "MONEY(3500000000)@0-16", ""},
    {"money narrow no-break space groups", "4" NNBSP "528" NNBSP "193" NNBSP "kronor",
     "MONEY(452819300)@0-22", ""},
    {"money miljoner kronor", "1,5 miljoner kronor", "MONEY(150000000)@0-19", ""},
    {"money miljon kr", "1 miljon kr", "MONEY(100000000)@0-11", ""},
    {"money unit case and no blank", "35msek 2Mkr 3 SEK 4:-",
     "MONEY(3500000000)@0-6 MONEY(200000000)@7-11 MONEY(300)@12-17 MONEY(400)@18-21", ""},
    {"money in context", "belopp 15 MSEK}",
     "AMOUNT(belopp)@0-6 MONEY(1500000000)@7-14 '}'@14-15", ""},
    {"money approximate", "nära 182 000 000 kr",
     "APPROX(nära)@0-5 MONEY(18200000000)@6-20", ""},

    /* ---- percentages, exact fractions of 1 ---- */
    {"percent integer", "4 %", "PERCENT(1/25)@0-3", ""},
    {"percent decimal", "12,5 %", "PERCENT(1/8)@0-6", ""},
    {"percent no blank", "4%", "PERCENT(1/25)@0-2", ""},
    {"percent procent", "50 procent", "PERCENT(1/2)@0-10", ""},
    {"percent english percent", "50 percent", "PERCENT(1/2)@0-10", ""},
    {"percent of amount", "50 % av 110 MSEK",
     "PERCENT(1/2)@0-4 OF(av)@5-7 MONEY(11000000000)@8-16", ""},

    /* ---- numbers ---- */
    {"integer", "2021", "INT(2021)@0-4", ""},
    {"integer grouped", "1 000 000 12" NBSP "345",
     "INT(1000000)@0-9 INT(12345)@10-17", ""},
    {"decimal", "1,4", "DECIMAL(7/5)@0-3", ""},
    {"decimal point", "1.25", "DECIMAL(5/4)@0-4", ""},

    /* ---- periods and ranges ---- */
    {"period with hyphen", "2021-2022 ", "YEARS(20212022)@0-9", ""},
    {"period with hyphen before brace", "2021-2022}", "YEARS(20212022)@0-9 '}'@9-10", ""},
    {"period with hyphen in context", "period 2021-2022\n}",
     "PERIOD(period)@0-6 YEARS(20212022)@7-16 '}'@17-18", ""},
    {"period with en dash", "2021" NDASH "2022", "INT(2021)@0-4 DOTDOT@4-7 INT(2022)@7-11", ""},
    {"period with em dash", "2021" MDASH "2022", "INT(2021)@0-4 DOTDOT@4-7 INT(2022)@7-11", ""},
    {"range", "12..22", "INT(12)@0-2 DOTDOT@2-4 INT(22)@4-6", ""},
    {"range spaced", "12 .. 22", "INT(12)@0-2 DOTDOT@3-5 INT(22)@6-8", ""},
    {"subtraction is not a period", "2021 - 2022", "INT(2021)@0-4 '-'@5-6 INT(2022)@7-11", ""},

    /* ---- operators ---- */
    {"ascii operators", "<= >= != == = < > + - * ( ) , : . | { }",
     "LE@0-2 GE@3-5 NE@6-8 '='@9-11 '='@12-13 '<'@14-15 '>'@16-17 '+'@18-19 '-'@20-21 "
     "'*'@22-23 '('@24-25 ')'@26-27 ','@28-29 ':'@30-31 '.'@32-33 '|'@34-35 "
     "'{'@36-37 '}'@38-39", ""},
    {"unicode operators", "≤ ≥ ≠",
     "LE@0-3 GE@4-7 NE@8-11", ""},
    {"operators without blanks", "a<=b", "IDENT(a)@0-1 LE@1-3 IDENT(b)@3-4", ""},

    /* ---- texts ---- */
    {"text plain", "\"Samverkan\"", "STRING(Samverkan)@0-11", ""},
    {"text escapes", "\"a\\\"b\\\\c\\nd\\te\"", "STRING(a\"b\\c\nd\te)@0-15", ""},
    {"text typographic quotes", RDQUO "Ungdomar 12" NDASH "22 år" RDQUO,
     "STRING(Ungdomar 12" NDASH "22 år)@0-26", ""},
    {"text english quotes", LDQUO "x" RDQUO, "STRING(x)@0-7", ""},
    {"text plain quote inside typographic", RDQUO "a\"b" RDQUO, "STRING(a\"b)@0-9", ""},
    {"text typographic quote inside plain", "\"a" RDQUO "b\"", "STRING(a" RDQUO "b)@0-7", ""},
    {"text hash is not a comment", "\"#1\" x", "STRING(#1)@0-4 IDENT(x)@5-6", ""},
    {"text decomposed is NFC", "\"ka" DIAER "lla\"", "STRING(källa)@0-9", ""},

    /* ---- keywords: Swedish and English spellings give one token ---- */
    {"pott and pot", "pott pot", "POT(pott)@0-4 POT(pot)@5-8", ""},
    {"villkor and criterion", "villkor criterion",
     "CRITERION(villkor)@0-7 CRITERION(criterion)@8-17", ""},
    {"is not", "är inte is not x", "IS_NOT(är inte)@0-8 IS_NOT(är inte)@9-15 IDENT(x)@16-17", ""},
    {"is not with no-break space", "är" NBSP "inte kommun",
     "IS_NOT(är inte)@0-9 IDENT(kommun)@10-16", ""},
    {"is not before no-break space", "är inte" NBSP "kommun",
     "IS_NOT(är inte)@0-8 IDENT(kommun)@10-16", ""},
    {"is then name", "är intern", "IS(är)@0-3 IDENT(intern)@4-10", ""},
    {"not in", "inte i not in x", "NOT_IN(inte i)@0-6 NOT_IN(inte i)@7-13 IDENT(x)@14-15", ""},
    {"not then name", "inte idéburen", "NOT(inte)@0-4 IDENT(idéburen)@5-14", ""},
    {"remove in three spellings", "ta bort ta_bort remove",
     "REMOVE(ta bort)@0-7 REMOVE(ta_bort)@8-15 REMOVE(remove)@16-22", ""},
    {"lowest grant", "lägsta bidrag lägsta_bidrag min_grant",
     "MIN_GRANT(lägsta bidrag)@0-14 MIN_GRANT(lägsta_bidrag)@15-29 "
     "MIN_GRANT(min_grant)@30-39", ""},
    {"tie break and first divisor", "vid lika första divisor 1",
     "TIE_BREAK(vid lika)@0-8 FIRST_DIVISOR(första divisor)@9-24 INT(1)@25-26", ""},
    {"declaration keywords", "överenskommelse agreement fokusområden ansökan tabell från",
     "AGREEMENT(överenskommelse)@0-16 AGREEMENT(agreement)@17-26 "
     "FOCUS_AREAS(fokusområden)@27-40 APPLICATION(ansökan)@41-49 "
     "TABLE(tabell)@50-56 FROM(från)@57-62", ""},
    {"type keywords", "text belopp heltal ja/nej yes/no intervall en av mängd",
     "TEXT_T(text)@0-4 AMOUNT(belopp)@5-11 INTEGER_T(heltal)@12-18 YESNO_T(ja/nej)@19-25 "
     "YESNO_T(ja/nej)@26-32 RANGE_T(intervall)@33-42 ONE(en)@43-45 OF(av)@46-48 SET(mängd)@49-55", ""},
    {"expression keywords", "om så annars och eller inom överlappar innehåller snitt ja nej resten",
     "IF(om)@0-2 THEN(så)@3-6 ELSE(annars)@7-13 AND(och)@14-17 OR(eller)@18-23 "
     "WITHIN(inom)@24-28 OVERLAPS(överlappar)@29-40 CONTAINS(innehåller)@41-52 "
     "INTERSECT(snitt)@53-58 TRUE(ja)@59-61 FALSE(nej)@62-65 REST(resten)@66-72", ""},
    {"keyword case matters", "Pott POTT", "IDENT(Pott)@0-4 IDENT(POTT)@5-9", ""},
    {"names with letters", "jämlik_vård antal_12_22 _x",
     "IDENT(jämlik_vård)@0-13 IDENT(antal_12_22)@14-25 IDENT(_x)@26-28", ""},

    {"two words, the second longer", "vid likande at leastwise", "IDENT(vid)@0-3 IDENT(likande)@4-11 IDENT(at)@12-14 IDENT(leastwise)@15-24", ""},
    {"two words before a symbol", "inte i… at most²",
     "NOT_IN(inte i)@0-6 UNDEF@6-9 AT_MOST(at most)@10-17 UNDEF@17-19", ""},
    {"two words across long layout", "ta      \t  bort", "REMOVE(ta bort)@0-15", ""},

    /* ---- letters of every lead byte; symbols among them end a name ---- */
    {"letters with lead bytes C2 and E2", "µx Å ⵜⴰ",
     "IDENT(µx)@0-3 IDENT(Å)@4-7 IDENT(ⵜⴰ)@8-14", ""},
    {"symbol ends a name", "x²y", "IDENT(x)@0-1 UNDEF@1-3 IDENT(y)@3-4", ""},
    {"symbol after an amount", "10 kr…", "MONEY(1000)@0-5 UNDEF@5-8", ""},
    {"period before a letter", "2021-2022µ 2021-2022…",
     "INT(2021)@0-4 '-'@4-5 INT(2022)@5-9 IDENT(µ)@9-11 YEARS(20212022)@12-21 UNDEF@21-24", ""},
    {"lone CR ends an unterminated text", "\"ab\rx", "STRING(ab)@0-3 IDENT(x)@4-5",
     "0-1: texten avslutas inte: en text måste sluta med ett citattecken på samma rad\n"},
    {"lone CR ends a comment", "# c\rx", "IDENT(x)@4-5", ""},

    /* ---- NFC: a decomposed ä is the same as a composed one ---- */
    {"decomposed name", "ma" DIAER "lgrupp", "IDENT(mälgrupp)@0-10", ""},
    {"decomposed keyword is", "a" DIAER "r", "IS(är)@0-4", ""},
    {"decomposed keyword skal", "ska" DIAER "l", "REASON(skäl)@0-6", ""},
    {"decomposed is not", "a" DIAER "r inte x", "IS_NOT(är inte)@0-9 IDENT(x)@10-11", ""},
    {"decomposed lowest grant", "la" DIAER "gsta bidrag 1 kr",
     "MIN_GRANT(lägsta bidrag)@0-15 MONEY(100)@16-20", ""},

    /* ---- layout and comments ---- */
    {"comment to end of line", "pott # en kommentar \"x\n" "x",
     "POT(pott)@0-4 IDENT(x)@23-24", ""},
    {"only a comment", "# inget", "", ""},
    {"no-break spaces are layout", NBSP "x" NNBSP "y\t\r\nz",
     "IDENT(x)@2-3 IDENT(y)@6-7 IDENT(z)@10-11", ""},

    /* ---- errors: each reported once, at its span, with its message ---- */
    {"unknown unit", "35 MSEKK", "BAD@0-8",
     "3-8: okänd enhet 'MSEKK' i beloppet; skriv kr, kronor, tkr, MSEK eller miljoner kronor\n"},
    {"unknown unit after grouped amount", "belopp 35 000 000 krr",
     "AMOUNT(belopp)@0-6 BAD@7-21",
     "18-21: okänd enhet 'krr' i beloppet; skriv kr, kronor, tkr, MSEK eller miljoner kronor\n"},
    {"digit groups not in threes", "1 50 000 kr", "BAD@0-11",
     "0-11: felaktigt belopp '1 50 000 kr': gruppera siffrorna tre och tre, till exempel 3 500 000 kr\n"},
    {"two decimal commas", "4,5,6 %", "BAD@0-7",
     "0-7: felaktigt tal '4,5,6 %': ett tal har högst ett decimalkomma\n"},
    {"two decimal commas amount", "1,5,0 MSEK", "BAD@0-10",
     "0-10: felaktigt belopp '1,5,0 MSEK': ett tal har högst ett decimalkomma\n"},
    {"amount too large", "100 000 000 000 000 000 kr", "BAD@0-26",
     "0-26: beloppet '100 000 000 000 000 000 kr' är för stort: belopp räknas i "
     "öre och måste vara mindre än 92 233 720 368 547 758 kr\n"},
    {"amount fraction of an ore", "1,5055 kr", "BAD@0-9",
     "0-9: beloppet '1,5055 kr' är inte ett helt antal öre\n"},
    {"amount thousands or decimals", "450.000 kr", "BAD@0-10",
     "0-10: beloppet '450.000 kr' är tvetydigt: tre siffror efter '.' eller ',' kan vara tusental eller decimaler; "
     "skriv tusental med mellanslag (450 000 kr) och öre med komma (450,50 kr)\n"},
    {"amount fraction of an ore in ore", "0,5 öre", "BAD@0-8",
     "0-8: beloppet '0,5 öre' är inte ett helt antal öre\n"},
    {"integer too large", "99999999999999999999 x", "BAD@0-20 IDENT(x)@21-22",
     "0-20: talet '99999999999999999999' är för stort\n"},
    {"unterminated text", "källa \"Ingen slut\nx",
     "SOURCE(källa)@0-6 STRING(Ingen slut)@7-18 IDENT(x)@19-20",
     "7-8: texten avslutas inte: en text måste sluta med ett citattecken på samma rad\n"},
    {"unterminated text at end of file", "\"abc", "STRING(abc)@0-4",
     "0-1: texten avslutas inte: en text måste sluta med ett citattecken på samma rad\n"},
    {"unterminated typographic text", RDQUO "abc", "STRING(abc)@0-6",
     "0-3: texten avslutas inte: en text måste sluta med ett citattecken på samma rad\n"},
    {"unknown escape", "\"a\\qb\"", "STRING(aqb)@0-6",
     "2-4: okänd kod '\\q' i en text; skriv \\\" \\\\ \\n eller \\t\n"},
    {"unknown escape of a letter", "\"\\ä\"", "STRING(ä)@0-5",
     "1-4: okänd kod '\\ä' i en text; skriv \\\" \\\\ \\n eller \\t\n"},
    {"invalid character in name", "bel×opp x", "IDENT(bel×opp)@0-8 IDENT(x)@9-10",
     "0-8: otillåtet tecken '×' i namnet 'bel×opp'\n"},
    {"invalid character token", "a @ € b", "IDENT(a)@0-1 UNDEF@2-3 UNDEF@4-7 IDENT(b)@8-9", ""},
};

START_TEST(test_rows)
{
    const LexRow *r = &rows[_i];
    Lexed got = lex(r->src, strlen(r->src));
    ck_assert_msg(got.eof == TOK_YYEOF, "%s: the scanner did not reach end of file", r->name);
    ck_assert_msg(strcmp(got.tokens, r->tokens) == 0, "%s: tokens\n  got:  %s\n  want: %s", r->name,
                  got.tokens, r->tokens);
    ck_assert_msg(strcmp(got.diags, r->diags) == 0, "%s: diagnostics\n  got:  %s\n  want: %s", r->name,
                  got.diags, r->diags);
    /* Every malformed literal is an error, and only those are. */
    size_t lines = 0;
    for (const char *c = r->diags; *c; c++)
        lines += *c == '\n';
    ck_assert_msg(got.n_errors == lines, "%s: %zu errors, want %zu", r->name, got.n_errors, lines);
    lexed_free(&got);
}
END_TEST

/* ---- properties that hold across rows ---- */

/* The end of file is a zero-width span just after the last non-blank byte. */
START_TEST(test_eof_span)
{
    Lexed got = lex("pott x  \n\n\t", 11);
    ck_assert_str_eq(got.tokens, "POT(pott)@0-4 IDENT(x)@5-6");
    ck_assert_int_eq(got.eof, TOK_YYEOF);
    ck_assert_uint_eq(got.eof_span.start, 6);
    ck_assert_uint_eq(got.eof_span.end, 6);
    lexed_free(&got);

    got = lex("", 0);
    ck_assert_str_eq(got.tokens, "");
    ck_assert_int_eq(got.eof, TOK_YYEOF);
    ck_assert_uint_eq(got.eof_span.start, 0);
    ck_assert_uint_eq(got.eof_span.end, 0);
    lexed_free(&got);
}
END_TEST

/* A composed and a decomposed ä give byte-identical names. */
START_TEST(test_nfc_same_bytes)
{
    Lexed a = lex("sökandetyp mälgrupp", strlen("sökandetyp mälgrupp"));
    Lexed b = lex("so" DIAER "kandetyp ma" DIAER "lgrupp", strlen("so" DIAER "kandetyp ma" DIAER "lgrupp"));
    /* Same names; the spans differ only by the extra byte of each mark. */
    ck_assert_str_eq(a.tokens, "IDENT(sökandetyp)@0-11 IDENT(mälgrupp)@12-21");
    ck_assert_str_eq(b.tokens, "IDENT(sökandetyp)@0-12 IDENT(mälgrupp)@13-23");
    ck_assert_str_eq(a.diags, "");
    ck_assert_str_eq(b.diags, "");
    lexed_free(&a);
    lexed_free(&b);
}
END_TEST

/* Spans of a long line of mixed tokens add up: no byte is counted twice. */
START_TEST(test_spans_after_multibyte)
{
    const char *src = "pott ändra { belopp 4 % av 113 204 825 kr } # å\n" "villkor";
    Lexed got = lex(src, strlen(src));
    ck_assert_str_eq(got.tokens,
                     "POT(pott)@0-4 CHANGE(ändra)@5-11 '{'@12-13 AMOUNT(belopp)@14-20 "
                     "PERCENT(1/25)@21-24 OF(av)@25-27 MONEY(11320482500)@28-42 '}'@43-44 "
                     "CRITERION(villkor)@50-57");
    ck_assert_str_eq(got.diags, "");
    lexed_free(&got);
}
END_TEST

/* Every code point of a letter category (L*) makes a name, alone or repeated,
** whatever its lead byte (µ and Å have C2 and E2, like the no-break spaces
** and dashes the scanner must still tell apart); every other character
** after a letter either ends the name or is reported in it. */
static bool is_l_category(int cp)
{
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_LU: case UTF8PROC_CATEGORY_LL: case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM: case UTF8PROC_CATEGORY_LO:
        return true;
    default:
        return false;
    }
}

START_TEST(test_every_letter_is_a_name)
{
    enum { BATCH = 150 };
    char src[BATCH * 10];
    size_t n_letters = 0;
    int cp = 0x80;
    while (cp <= 0x10FFFF) {
        size_t len = 0, n = 0;
        for (; cp <= 0x10FFFF && n < BATCH; cp++) {
            if (!is_l_category(cp))
                continue;
            utf8proc_uint8_t u[4];
            utf8proc_ssize_t k = utf8proc_encode_char(cp, u);
            memcpy(src + len, u, (size_t)k);
            memcpy(src + len + k, u, (size_t)k);
            len += 2 * (size_t)k;
            src[len++] = ' ';
            n++;
        }
        if (n == 0)
            break;
        n_letters += n;
        Lexed got = lex(src, len);
        ck_assert_msg(strcmp(got.diags, "") == 0, "letters before U+%04X: %s", cp, got.diags);
        /* n names, nothing else: every token is a name or a keyword of one
        ** word (none is made of a doubled letter, but the count is what
        ** matters), each ending where the next begins. */
        size_t tokens = 1, idents = 0;
        for (const char *c = got.tokens; *c; c++)
            tokens += *c == ' ';
        for (const char *c = got.tokens; (c = strstr(c, "IDENT(")) != NULL; c++)
            idents++;
        ck_assert_msg(tokens == n && idents == n, "before U+%04X: %zu tokens, %zu names of %zu: %s", cp, tokens, idents, n,
                      got.tokens);
        lexed_free(&got);
    }
    ck_assert_uint_gt(n_letters, 100000);   /* Unicode has over 130 000 letters */
}
END_TEST

START_TEST(test_non_letters_are_not_names)
{
    for (int cp = 0x80; cp <= 0x10FFFF; cp++) {
        if ((cp >= 0xD800 && cp <= 0xDFFF) || text_is_letter(cp))
            continue;
        char src[8] = "x";
        utf8proc_ssize_t k = utf8proc_encode_char(cp, (utf8proc_uint8_t *)src + 1);
        Lexed got = lex(src, 1 + (size_t)k);
        /* Either the name is x alone, or the character is reported in it. */
        bool alone = strncmp(got.tokens, "IDENT(x)@0-1", 12) == 0;
        ck_assert_msg(alone || got.n_errors > 0, "U+%04X is taken into a name: %s", cp, got.tokens);
        lexed_free(&got);
        /* The ranges the scanner judges in C (lead bytes C2 and E2) are
        ** tried whole; elsewhere, for speed, one code point of each 256
        ** stands for its block. */
        if (cp > 0x2FFF && cp % 256 != 0)
            cp += 255 - cp % 256;
    }
}
END_TEST

/* ---- the keyword table ---- */

/* Every spelling of lang/keywords.h, with its token. */
typedef struct Spelling {
    const char *w;
    int tok;
} Spelling;

static const Spelling SPELLINGS[] = {
#define BOTH(tok, sv, en) {sv, TOK_##tok}, {en, TOK_##tok},
#define ALSO(tok, w) {w, TOK_##tok},
#define APPROX(w) {w, TOK_APPROX},
    MEDEL_KEYWORDS(BOTH) MEDEL_KEYWORD_SPELLINGS(ALSO) MEDEL_APPROX_WORDS(APPROX)
#undef BOTH
#undef ALSO
#undef APPROX
};

/* The scanner gives every spelling in the table, alone, the table's token,
** spanning all of it, with its spelling as value (for a keyword of two words
** its first such spelling), and the same with any blanks between two words:
** a keyword added to the table whose first word lexer.l's MWFIRST lacks, or
** whose spelling the scanner cannot reach, fails here. */
START_TEST(test_every_keyword_spelling)
{
    const Spelling *k = &SPELLINGS[_i];
    const char *value = k->w;
    if (strchr(k->w, ' '))
        for (int i = 0; i < N_ROWS(SPELLINGS); i++)
            if (SPELLINGS[i].tok == k->tok && strchr(SPELLINGS[i].w, ' ')) {
                value = SPELLINGS[i].w;
                break;
            }
    if (k->tok == TOK_YESNO_T)
        value = "ja/nej";   /* its own rule in lexer.l, which gives both spellings that value */
    static const char *const blanks[] = {" ", "\t", "   ", "\xC2\xA0", "\xE2\x80\xAF"};
    for (int b = 0; b < (strchr(k->w, ' ') ? N_ROWS(blanks) : 1); b++) {
        char src[64], want[160];
        const char *sp = strchr(k->w, ' ');
        if (sp)
            snprintf(src, sizeof src, "%.*s%s%s", (int)(sp - k->w), k->w, blanks[b], sp + 1);
        else
            snprintf(src, sizeof src, "%s", k->w);
        snprintf(want, sizeof want, "%s(%s)@0-%zu", tok_name(k->tok), value, strlen(src));
        Lexed r = lex(src, strlen(src));
        ck_assert_msg(strcmp(r.tokens, want) == 0, "'%s': got %s, want %s", src, r.tokens, want);
        ck_assert_str_eq(r.diags, "");
        lexed_free(&r);
    }
}
END_TEST

/* parser.y names each keyword token in its messages ("expected 'pott'") by
** the Swedish spelling of lang/keywords.h: its %token list says
** TOKEN "'spelling'" for every row of the table. */
START_TEST(test_parser_quotes_the_table)
{
    FILE *f = fopen(MEDEL_SOURCE_DIR "/lang/parser.y", "rb");
    ck_assert_ptr_nonnull(f);
    static char y[1 << 16];
    size_t n = fread(y, 1, sizeof y - 1, f);
    fclose(f);
    y[n] = '\0';
    static const char *const want[] = {
#define ALIAS(tok, sv, en) " " #tok " \"'" sv "'\"",
        MEDEL_KEYWORDS(ALIAS)
#undef ALIAS
    };
    for (int i = 0; i < N_ROWS(want); i++)
        ck_assert_msg(strstr(y, want[i]) != NULL, "parser.y does not declare%s", want[i]);
}
END_TEST

/* A keyword's spelling stays a keyword followed by more letters nowhere:
** 'årtal' and 'ta_borta' are names. */
START_TEST(test_keyword_prefix_is_a_name)
{
    const Spelling *k = &SPELLINGS[_i];
    if (strchr(k->w, ' ') || strchr(k->w, '/'))
        return;
    char src[64], want[160];
    snprintf(src, sizeof src, "%sx", k->w);
    snprintf(want, sizeof want, "IDENT(%s)@0-%zu", src, strlen(src));
    Lexed r = lex(src, strlen(src));
    ck_assert_msg(strcmp(r.tokens, want) == 0, "'%s': got %s, want %s", src, r.tokens, want);
    lexed_free(&r);
}
END_TEST

Suite *make_lexer_suite(void)
{
    Suite *s = suite_create("lexer");
    TCase *tc = tcase_create("tokens");
    tcase_add_loop_test(tc, test_rows, 0, N_ROWS(rows));
    tcase_add_test(tc, test_eof_span);
    tcase_add_test(tc, test_nfc_same_bytes);
    tcase_add_test(tc, test_spans_after_multibyte);
    tcase_add_loop_test(tc, test_every_keyword_spelling, 0, N_ROWS(SPELLINGS));
    tcase_add_loop_test(tc, test_keyword_prefix_is_a_name, 0, N_ROWS(SPELLINGS));
    tcase_add_test(tc, test_parser_quotes_the_table);
    suite_add_tcase(s, tc);
    /* Every code point: slow under the sanitizers. */
    TCase *letters = tcase_create("letters");
    tcase_add_test(letters, test_every_letter_is_a_name);
    tcase_add_test(letters, test_non_letters_are_not_names);
    tcase_set_timeout(letters, 120);
    suite_add_tcase(s, letters);
    return s;
}
