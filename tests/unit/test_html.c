/*
** test_html.c: unit tests for runtime/html.c. Each test builds a WhatIf by
** hand, renders it into memory and asserts on the page's text: its structure
** (counted elements), its Swedish amounts and signed differences, that every
** outside text is escaped and invalid UTF-8 replaced, that nothing points
** outside the page, and that the same comparison gives the same bytes.
** Counting substrings is deliberate: the page is generated from fixed
** templates, so a count is exact and a failure says what changed.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "suites.h"
#include "text.h"
#include "whatif.h"

/* Declared here too until suites.h lists html, for -Wmissing-prototypes. */
Suite *make_html_suite(void);

#define KR(x) ((Money)(x) * 100)
#define MINUS "−"   /* U+2212, the sign of a negative difference */
#define FFFD "�"    /* U+FFFD REPLACEMENT CHARACTER */

enum { MAXC = 5, MAXR = 8, MAXCH = 4 };

/* A comparison in fixed storage. The WhatIf points into the Model, so a
** Model is set up in place and never copied. */
typedef struct Model {
    WhatIf w;
    const char *column[MAXC], *column_label[MAXC];
    WhatIfRow pots[MAXR], grants[MAXR];
    Money pot_amount[MAXR][MAXC], grant_amount[MAXR][MAXC];
    bool pot_present[MAXR][MAXC], grant_present[MAXR][MAXC];
    Money total[MAXC], granted[MAXC], unallocated[MAXC], sweep[MAXC];
    bool conserved[MAXC];
    WhatIfChange changes[MAXCH];
} Model;

static void model_init(Model *m, const char *title, size_t n_columns)
{
    memset(m, 0, sizeof *m);
    static const char *const names[MAXC] = {"baslinje", "Högre tak", "Utan regionen",
                                            "Fjärde", "Femte"};
    for (size_t c = 0; c < n_columns; c++) {
        m->column[c] = names[c];
        m->conserved[c] = true;
    }
    m->w = (WhatIf){
        .title = title, .n_columns = n_columns, .column = m->column,
        .column_label = m->column_label, .pots = m->pots, .grants = m->grants,
        .changes = m->changes, .total = m->total, .granted = m->granted,
        .unallocated = m->unallocated, .conserved = m->conserved,
    };
}

/* Adds a row with amounts[c] in each column; a negative amount marks the
** row absent in that column (its amount is then 0, as whatif.h says). */
static void add_row(Model *m, bool pot, const char *name, const char *label, int depth,
                    const Money *amounts)
{
    size_t i = pot ? m->w.n_pots++ : m->w.n_grants++;
    ck_assert_uint_lt(i, MAXR);
    Money *a = pot ? m->pot_amount[i] : m->grant_amount[i];
    bool *p = pot ? m->pot_present[i] : m->grant_present[i];
    for (size_t c = 0; c < m->w.n_columns; c++) {
        p[c] = amounts[c] >= 0;
        a[c] = p[c] ? amounts[c] : 0;
    }
    WhatIfRow *r = pot ? &m->pots[i] : &m->grants[i];
    *r = (WhatIfRow){name, label, depth, a, p, NULL};
}

static void set_totals(Model *m, const Money *total, const Money *granted)
{
    for (size_t c = 0; c < m->w.n_columns; c++) {
        m->total[c] = total[c];
        m->granted[c] = granted[c];
        m->unallocated[c] = total[c] - granted[c];
    }
}

/* The standard comparison: a baseline and two scenarios; "regionen" does
** not exist in "Utan regionen". */
static void model_standard(Model *m, const char *title)
{
    model_init(m, title, 3);
    m->column_label[1] = "Taket per ansökan höjs till 3 MSEK";
    add_row(m, true, "ungdomsmottagningar", "Ungdomsmottagningar", 0,
            (Money[]){KR(35000000), KR(35000000), KR(35000000)});
    add_row(m, true, "kommunerna", NULL, 1,
            (Money[]){KR(15000000), KR(20000000), KR(25000000)});
    add_row(m, true, "regionen", "Region Stockholm", 1,
            (Money[]){KR(10000000), KR(10000000), -1});
    add_row(m, true, "länsgemensamt", NULL, 1,
            (Money[]){KR(10000000), KR(5000000), KR(10000000)});
    add_row(m, false, "RS-1", "Digital mottagning", 0,
            (Money[]){KR(1000000), KR(1500000), KR(1000000)});
    add_row(m, false, "RS-2", "Kvällsöppet", 0,
            (Money[]){KR(2500000), 0, KR(2500000)});
    add_row(m, false, "RS-3", NULL, 0,
            (Money[]){KR(500000) + 25, KR(500000) + 25, KR(750000)});
    set_totals(m, (Money[]){KR(35000000), KR(35000000), KR(35000000)},
               (Money[]){KR(4000000) + 25, KR(2000000) + 25, KR(4250000)});
    m->conserved[2] = false;
    m->changes[0] = (WhatIfChange){"RS-2", "regionen", 1, VERDICT_ELIGIBLE,
                                   VERDICT_INELIGIBLE, "Målgruppen ligger utanför 12–22 år."};
    m->changes[1] = (WhatIfChange){"RS-4", "regionen", 2, VERDICT_MANUAL, VERDICT_ABSENT,
                                   "Potten finns inte i scenariot."};
    m->w.n_changes = 2;
}

static char *render(const WhatIf *w, size_t *len)
{
    char *buf = NULL;
    size_t n = 0;
    FILE *f = open_memstream(&buf, &n);
    ck_assert_ptr_nonnull(f);
    html_whatif(w, f);
    ck_assert_int_eq(fclose(f), 0);
    if (len)
        *len = n;
    return buf;
}

static size_t count(const char *hay, const char *needle)
{
    size_t n = 0, k = strlen(needle);
    for (const char *p = strstr(hay, needle); p; p = strstr(p + k, needle))
        n++;
    return n;
}

#define ck_count(page, needle, want)                                             \
    ck_assert_msg(count((page), (needle)) == (size_t)(want),                     \
                  "'%s' occurs %zu times, want %zu", (needle), count((page), (needle)), \
                  (size_t)(want))

#define ck_has(page, needle) \
    ck_assert_msg(strstr((page), (needle)) != NULL, "missing: '%s'", (needle))

#define ck_lacks(page, needle) \
    ck_assert_msg(strstr((page), (needle)) == NULL, "unexpected: '%s'", (needle))

/* Checks that hold for every page: one document, valid UTF-8, balanced
** containers, a title for each chart, and nothing outside the page. */
static void ck_page(const char *page, size_t len)
{
    ck_assert_uint_eq(strlen(page), len);   /* no NUL inside */
    ck_assert_msg(strncmp(page, "<!DOCTYPE html>\n<html lang=\"sv\">", 32) == 0,
                  "page starts with %.40s", page);
    ck_count(page, "<html", 1);
    ck_count(page, "</html>", 1);
    ck_count(page, "<meta charset=\"utf-8\">", 1);
    ck_count(page, "<style>", 1);
    ck_count(page, "<h1>", 1);
    ck_assert(text_valid_utf8(page, len, NULL, NULL));
    ck_assert_uint_eq(count(page, "<svg"), count(page, "</svg>"));
    ck_assert_uint_eq(count(page, "<svg"), count(page, "<title id="));
    ck_assert_uint_eq(count(page, "<table"), count(page, "</table>"));
    ck_assert_uint_eq(count(page, "<section"), count(page, "</section>"));
    ck_assert_uint_eq(count(page, "<tr"), count(page, "</tr>"));
    static const char *const outside[] = {"http://", "https://", "<script", "<link",
                                          "src=", "url(", "@import", "href="};
    for (size_t i = 0; i < sizeof outside / sizeof outside[0]; i++)
        ck_lacks(page, outside[i]);
}

/* ---- structure ---- */

START_TEST(test_structure)
{
    Model m;
    model_standard(&m, "Ungdomsmottagningar 2021");
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_has(page, "<h1>Ungdomsmottagningar 2021</h1>");
    ck_count(page, "<svg", 2);                  /* pots and recipients */
    ck_count(page, "<svg class=\"bars\"", 2);
    ck_count(page, "<g class=\"key\">", 2 * 3); /* a legend entry per column */
    ck_count(page, "<tr class=\"pot d", 4);
    ck_count(page, "<tr class=\"pot d1\"", 3);  /* indented by depth */
    ck_count(page, "<tr class=\"grant", 3);
    ck_count(page, "<tr class=\"change\">", 2);
    /* The charts draw the rows that change: not ungdomsmottagningar. */
    ck_count(page, "<g class=\"row\">", 3 + 3);
    ck_lacks(page, ">ungdomsmottagningar</text>");
    ck_has(page, "Diagrammet visar bara potter som ändras: 3 av 4.");
    ck_has(page, "Alla 3 mottagare.");
    /* A bar per column and row, each with its own title (plus a swatch in
    ** each of the two legends). */
    ck_count(page, "<rect class=\"s0\" x=", 6 + 2);
    ck_count(page, "<rect class=\"s1\" x=", 6 + 2);
    ck_count(page, "<rect class=\"s2\" x=", 5 + 2);   /* regionen is absent there */
    ck_count(page, "\"><title>", 6 + 6 + 5);
    ck_has(page, "<title>kommunerna – Högre tak: 20 000 000 kr (+5 000 000 kr mot "
                 "baslinjen)</title>");
    ck_has(page, "<title id=\"potter-diagram-t\">");
    free(page);
}
END_TEST

START_TEST(test_amounts_and_signs)
{
    Model m;
    model_standard(&m, "Ungdomsmottagningar 2021");
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_has(page, "<td>35 000 000 kr</td>");
    ck_has(page, "<td>500 000,25 kr</td>");     /* öre shown when not zero */
    ck_has(page, "<td class=\"up\">+5 000 000 kr</td>");
    ck_has(page, "<td class=\"up\">+10 000 000 kr</td>");
    ck_has(page, "<td class=\"down\">" MINUS "5 000 000 kr</td>");
    ck_has(page, "<td class=\"down\">" MINUS "2 500 000 kr</td>");
    ck_has(page, "<td class=\"up\">+249 999,75 kr</td>");
    ck_has(page, "<td class=\"same\">0 kr</td>");
    /* The charts' text: amount and signed difference after the bar. */
    ck_has(page, ">25 000 000 kr <tspan class=\"up\">(+10 000 000 kr)</tspan></text>");
    ck_has(page, ">0 kr <tspan class=\"down\">(" MINUS "2 500 000 kr)</tspan></text>");
    /* Axis ticks, Swedish style: the changed pots reach 25 MSEK, drawn in
    ** round steps of 5 MSEK, each above and below the bars. */
    ck_count(page, "text-anchor=\"middle\">0 kr</text>", 2 * 2);
    ck_count(page, "text-anchor=\"middle\">15 000 000 kr</text>", 2);
    ck_count(page, "text-anchor=\"middle\">25 000 000 kr</text>", 2);
    ck_lacks(page, "text-anchor=\"middle\">30 000 000 kr</text>");
    ck_count(page, "text-anchor=\"middle\">2 500 000 kr</text>", 2);   /* recipients */
    /* The summary: totals, differences and the conservation check. */
    ck_has(page, "<td>4 000 000,25 kr</td>");
    ck_has(page, "<td class=\"down\">" MINUS "2 000 000 kr</td>");
    ck_has(page, "<td class=\"up\">+2 000 000 kr</td>");   /* more unallocated */
    ck_count(page, "stämmer på öret", 2);
    ck_count(page, "STÄMMER INTE", 1);
    /* The hyphen-minus never stands for a negative amount. */
    ck_lacks(page, ">-");
    ck_lacks(page, "(-");
    free(page);
}
END_TEST

START_TEST(test_absent_pot)
{
    Model m;
    model_standard(&m, "T");
    m.pot_present[3][0] = false;   /* länsgemensamt: new in the scenarios */
    m.pot_amount[3][0] = 0;
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_has(page, "<td class=\"absent\">finns inte</td><td class=\"down\">" MINUS
                 "10 000 000 kr (borttagen)</td>");
    ck_has(page, "<td class=\"up\">+5 000 000 kr (ny)</td>");
    ck_has(page, ">Utan regionen: finns inte <tspan class=\"down\">(" MINUS
                 "10 000 000 kr)</tspan></text>");
    ck_has(page, ">baslinje: finns inte</text>");
    ck_count(page, "<rect class=\"s0\" x=", 5 + 2);
    free(page);
}
END_TEST

START_TEST(test_changes)
{
    Model m;
    model_standard(&m, "T");
    m.changes[2] = (WhatIfChange){"RS-9", "kommunerna", 7, VERDICT_INELIGIBLE, VERDICT_ELIGIBLE,
                                  NULL};
    m.w.n_changes = 3;
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_has(page, "<span class=\"st yes\">stödberättigad</span> → "
                 "<span class=\"st no\">ej stödberättigad</span>");
    ck_has(page, "<span class=\"st manual\">manuell bedömning</span> → "
                 "<span class=\"st absent\">finns inte</span>");
    ck_has(page, "<td class=\"why\">Målgruppen ligger utanför 12–22 år.</td>");
    ck_has(page, "<td class=\"text\">Högre tak</td>");
    ck_has(page, "okänd kolumn 7");   /* a bad column index is named, not read */
    ck_has(page, "3 ändringar jämfört med baslinjen");
    free(page);
}
END_TEST

/* ---- escaping ---- */

START_TEST(test_escape_title)
{
    static const char title[] = "<script>alert(\"x\")</script> & 'q'";
    static const char escaped[] =
        "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
    Model m;
    model_standard(&m, title);
    m.pots[1].name = title;
    m.grants[0].label = title;
    m.changes[0].why = title;
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_lacks(page, title);
    ck_lacks(page, "alert(\"");
    ck_lacks(page, "'q'");
    /* <title>, <h1>; the pot's table cell, chart label and three bar
    ** titles; the project's table cell and second chart line; the reason. */
    ck_has(page, "<h1>&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                 "&#39;q&#39;</h1>");
    ck_count(page, escaped, 2 + 5 + 2 + 1);
    ck_has(page, "<td class=\"why\">&lt;script&gt;");
    free(page);
}
END_TEST

START_TEST(test_escape_attribute)
{
    Model m;
    model_standard(&m, "T");
    m.column_label[2] = "a\" onmouseover=\"alert(1)\" b='c' <d> & e";
    m.column[2] = "<b>Scen\"ario</b>";
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    /* The description is the scenario header's tooltip: an attribute. */
    ck_has(page, " title=\"a&quot; onmouseover=&quot;alert(1)&quot; b=&#39;c&#39; "
                 "&lt;d&gt; &amp; e\">");
    ck_lacks(page, "\" onmouseover");
    ck_lacks(page, "<d>");
    ck_lacks(page, "<b>Scen");
    ck_has(page, "&lt;b&gt;Scen&quot;ario&lt;/b&gt;");
    free(page);
}
END_TEST

START_TEST(test_invalid_utf8)
{
    Model m;
    model_standard(&m, "Bad\xFF title");
    m.pots[1].name = "k\xC3(x";                  /* a lead byte, then ASCII */
    m.grants[0].name = "t\xE2\x82";              /* truncated at the end */
    m.grants[1].name = "o\xC0\xAF.";             /* overlong '/' */
    m.grants[2].name = "s\xED\xA0\x80.";         /* a surrogate */
    m.grants[2].label = "c\x01\x1B\x7F" "d";     /* control characters */
    m.changes[0].why = "\xF4\x90\x80\x80!";      /* beyond U+10FFFF */
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);                          /* valid UTF-8 throughout */
    ck_has(page, "<h1>Bad" FFFD " title</h1>");
    ck_has(page, ">k" FFFD "(x");
    /* One U+FFFD per maximal invalid subpart, as browsers decode. */
    ck_has(page, ">t" FFFD "<");
    ck_lacks(page, ">t" FFFD FFFD);
    ck_has(page, ">o" FFFD FFFD ".");
    ck_has(page, ">s" FFFD FFFD FFFD ".");
    ck_has(page, ">c" FFFD FFFD FFFD "d<");
    ck_has(page, ">" FFFD FFFD FFFD FFFD "!<");
    free(page);
}
END_TEST

/* A long name is cut in a chart on a character boundary, never in the
** middle of å, and stays whole in the table and in the bar's title. */
START_TEST(test_long_label)
{
#define LONG_NAME "åäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäö"
    static const char name[] = LONG_NAME;
    Model m;
    model_standard(&m, "T");
    m.grants[0].name = name;
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_has(page, "<text class=\"name\" x=\"8\" y=\"");
    ck_has(page, ">åäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäöåäö…</text>");  /* 39 + … */
    ck_has(page, "<th scope=\"row\">" LONG_NAME "<span class=\"label\">");
    ck_count(page, name, 1 + 3);   /* the table and the three bar titles */
    free(page);
}
END_TEST

/* ---- determinism, sweep, edge cases ---- */

START_TEST(test_deterministic)
{
    Model m;
    model_standard(&m, "Ungdomsmottagningar 2021");
    size_t n1, n2;
    char *a = render(&m.w, &n1);
    char *b = render(&m.w, &n2);
    ck_assert_uint_eq(n1, n2);
    ck_assert(memcmp(a, b, n1) == 0);
    free(a);
    free(b);
}
END_TEST

START_TEST(test_sweep)
{
    Model m;
    model_init(&m, "Svep", 4);
    m.column[1] = "25 MSEK";
    m.column[2] = "45 MSEK";
    m.column[3] = "30 MSEK";
    m.w.is_sweep = true;
    m.w.sweep_what = "ungdomsmottagningar";
    m.w.sweep_value = m.sweep;
    Money v[] = {KR(35000000), KR(25000000), KR(45000000), KR(30000000)};
    memcpy(m.sweep, v, sizeof v);
    add_row(&m, true, "ungdomsmottagningar", NULL, 0, v);
    add_row(&m, false, "RS-1", NULL, 0,
            (Money[]){KR(1000000), KR(800000), KR(1200000), KR(900000)});
    set_totals(&m, v, (Money[]){KR(20000000), KR(15000000), KR(25000000), KR(17500000)});
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_count(page, "<svg", 3);
    ck_count(page, "<svg class=\"sweep\"", 1);
    ck_count(page, "<polyline", 2);
    ck_count(page, "<circle class=\"mark s0\" cx=", 4 + 1);   /* + legend */
    ck_count(page, "<rect class=\"mark s1\" x=", 4 + 1);
    /* Points in order of the swept value, not of the columns: 25, 30, 35
    ** and 45 MSEK on a 25..45 MSEK axis drawn from x 150 to 960. */
    ck_has(page, "<polyline class=\"line s0\" points=\"150.0,");
    ck_assert_ptr_nonnull(strstr(strstr(page, "points=\"150.0,"), " 352.5,"));
    ck_has(page, " 960.0,");
    ck_has(page, "text-anchor=\"middle\">25 000 000 kr</text>");
    ck_has(page, "text-anchor=\"middle\">45 000 000 kr</text>");
    ck_has(page, "text-anchor=\"end\">25 000 000 kr</text>");   /* y: 0..25 MSEK */
    ck_has(page, ">ungdomsmottagningar (kr)</text>");   /* axis labels */
    ck_has(page, ">Belopp (kr)</text>");
    ck_has(page, "<th scope=\"col\">ungdomsmottagningar</th>");
    ck_has(page, "<td>45 000 000 kr</td>");
    /* The same comparison without the flag has no line chart. */
    m.w.is_sweep = false;
    char *plain = render(&m.w, &len);
    ck_page(plain, len);
    ck_count(plain, "<svg", 2);
    ck_lacks(plain, "class=\"sweep\"");
    ck_lacks(plain, "<polyline");
    free(page);
    free(plain);
}
END_TEST

START_TEST(test_baseline_only)
{
    Model m;
    model_init(&m, "Bara baslinjen", 1);
    add_row(&m, true, "ungdomsmottagningar", NULL, 0, (Money[]){KR(35000000)});
    add_row(&m, true, "kommunerna", NULL, 1, (Money[]){KR(15000000)});
    add_row(&m, false, "RS-1", NULL, 0, (Money[]){KR(1000000)});
    set_totals(&m, (Money[]){KR(35000000)}, (Money[]){KR(1000000)});
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_count(page, "<svg", 2);
    ck_count(page, "<g class=\"key\">", 2);
    ck_count(page, "<tr class=\"pot", 2);
    ck_count(page, "<tr class=\"grant", 1);
    ck_lacks(page, "Skillnad");
    ck_lacks(page, "class=\"up\"");
    ck_lacks(page, "class=\"down\"");
    ck_has(page, "inga scenarier");
    ck_has(page, "<td>34 000 000 kr</td>");   /* unallocated */
    ck_has(page, "Ingen ansökan byter status");
    free(page);
}
END_TEST

START_TEST(test_empty_sections)
{
    Model m;
    model_init(&m, NULL, 2);
    m.column[1] = NULL;   /* falls back to "scenario 1" */
    set_totals(&m, (Money[]){0, 0}, (Money[]){0, 0});
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_count(page, "<svg", 0);
    ck_has(page, "<h1>Jämförelse</h1>");
    ck_has(page, "Inga potter.");
    ck_has(page, "Ingen mottagare har beviljats något belopp.");
    ck_has(page, "scenario 1");
    free(page);
}
END_TEST

/* 1 000 recipients: the chart keeps the 40 that change most, the table all. */
START_TEST(test_many_recipients)
{
    enum { N = 1000 };
    Model m;
    model_standard(&m, "Många");
    WhatIfRow *rows = calloc(N, sizeof *rows);
    Money *amount = calloc(N * 3, sizeof *amount);
    bool *present = calloc(N * 3, sizeof *present);
    char(*names)[16] = calloc(N, sizeof *names);
    ck_assert(rows && amount && present && names);
    for (size_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "A-%04zu", i);
        for (size_t c = 0; c < 3; c++) {
            present[3 * i + c] = true;
            amount[3 * i + c] = KR(100000);
        }
        if (i % 10 == 3)   /* 100 rows change; A-0993 changes most */
            amount[3 * i + 2] = KR(100000) + KR(1000) * (Money)i;
        rows[i] = (WhatIfRow){names[i], NULL, 0, amount + 3 * i, present + 3 * i, NULL};
    }
    m.w.grants = rows;
    m.w.n_grants = N;
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_count(page, "<g class=\"row\">", 3 + 40);
    ck_count(page, "<tr class=\"grant", N);
    ck_has(page, "Diagrammet visar de 40 mottagare som ändras mest (100 av 1000 ändras), "
                 "störst först.");
    ck_has(page, "100 av 1000 mottagare");
    /* Largest change first: A-0993 is the first chart row after the pots. */
    const char *first = strstr(strstr(page, "mottagare-diagram-t"), "class=\"name\"");
    ck_assert_ptr_nonnull(first);
    ck_assert_msg(strncmp(strchr(first, '>') + 1, "A-0993<", 7) == 0, "first row: %.40s",
                  first);
    ck_has(page, ">A-0603</text>");   /* the 40th largest change */
    ck_lacks(page, ">A-0593</text>");  /* the 41st */
    ck_lacks(page, ">A-0000</text>");  /* unchanged */
    free(page);
    free(rows);
    free(amount);
    free(present);
    free(names);
}
END_TEST

/* Four scenarios: the difference goes under the amount in the same cell,
** so the table keeps to the page's width. */
START_TEST(test_stacked)
{
    Model m;
    model_init(&m, "Många scenarier", 5);
    add_row(&m, true, "kommunerna", NULL, 0,
            (Money[]){KR(15000000), KR(20000000), KR(15000000), KR(10000000), -1});
    set_totals(&m, (Money[]){KR(15000000), KR(20000000), KR(15000000), KR(10000000), 0},
               (Money[]){0, 0, 0, 0, 0});
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_count(page, "<table class=\"cmp stacked\">", 1);   /* no recipients */
    ck_lacks(page, ">Skillnad</th>");
    ck_lacks(page, "colspan");
    ck_has(page, "<td>20 000 000 kr<span class=\"up\">+5 000 000 kr</span></td>"
                 "<td>15 000 000 kr<span class=\"same\">0 kr</span></td>"
                 "<td>10 000 000 kr<span class=\"down\">" MINUS "5 000 000 kr</span></td>"
                 "<td class=\"absent\">finns inte<span class=\"down\">" MINUS
                 "15 000 000 kr (borttagen)</span></td></tr>");
    ck_count(page, "<g class=\"key\">", 5);
    free(page);
}
END_TEST

/* With no change at all, the chart draws every row; with too many rows and
** no change, the largest ones. */
START_TEST(test_no_change)
{
    enum { N = 50 };
    Model m;
    model_init(&m, "Oförändrat", 2);
    add_row(&m, true, "pott", NULL, 0, (Money[]){KR(1000), KR(1000)});
    WhatIfRow rows[N];
    Money amount[N][2];
    bool present[N][2];
    char names[N][8];
    for (size_t i = 0; i < N; i++) {
        snprintf(names[i], sizeof names[i], "B-%02zu", i);
        amount[i][0] = amount[i][1] = KR(1000) * (Money)(i + 1);
        present[i][0] = present[i][1] = true;
        rows[i] = (WhatIfRow){names[i], NULL, 0, amount[i], present[i], NULL};
    }
    m.w.grants = rows;
    m.w.n_grants = N;
    set_totals(&m, (Money[]){KR(1000), KR(1000)}, (Money[]){0, 0});
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_lacks(page, "Alla 1 ");
    ck_has(page, "0 av 50 mottagare får ett annat belopp");
    ck_has(page, "Diagrammet visar de 40 mottagare som har störst belopp (av 50), "
                 "störst först.");
    ck_count(page, "<g class=\"row\">", 1 + 40);
    ck_has(page, ">B-49</text>");
    ck_has(page, ">B-10</text>");
    ck_lacks(page, ">B-09</text>");
    ck_lacks(page, "class=\"up\"");
    free(page);
}
END_TEST

/* Amounts at the ends of the öre range: differences that do not fit are
** said to be too large, and the axis still draws (no overflow, no crash). */
START_TEST(test_extreme_amounts)
{
    Model m;
    model_init(&m, "Gränser", 2);
    add_row(&m, true, "stor", NULL, 0, (Money[]){0, INT64_MAX});
    m.pot_amount[0][0] = INT64_MIN + 1;   /* add_row would mark it absent */
    add_row(&m, false, "RS-1", NULL, 0, (Money[]){INT64_MAX, INT64_MAX - 1});
    set_totals(&m, (Money[]){0, 0}, (Money[]){0, 0});
    size_t len;
    char *page = render(&m.w, &len);
    ck_page(page, len);
    ck_has(page, "<td>för stort</td>");
    ck_has(page, "92 233 720 368 547 758,07 kr");
    ck_has(page, MINUS "92 233 720 368 547 758,07 kr");
    ck_has(page, "<td class=\"down\">" MINUS "0,01 kr</td>");
    free(page);
}
END_TEST

Suite *make_html_suite(void)
{
    Suite *s = suite_create("html");
    TCase *tc = tcase_create("page");
    tcase_add_test(tc, test_structure);
    tcase_add_test(tc, test_amounts_and_signs);
    tcase_add_test(tc, test_absent_pot);
    tcase_add_test(tc, test_stacked);
    tcase_add_test(tc, test_changes);
    suite_add_tcase(s, tc);
    tc = tcase_create("escape");
    tcase_add_test(tc, test_escape_title);
    tcase_add_test(tc, test_escape_attribute);
    tcase_add_test(tc, test_invalid_utf8);
    tcase_add_test(tc, test_long_label);
    suite_add_tcase(s, tc);
    tc = tcase_create("cases");
    tcase_add_test(tc, test_deterministic);
    tcase_add_test(tc, test_sweep);
    tcase_add_test(tc, test_baseline_only);
    tcase_add_test(tc, test_empty_sections);
    tcase_add_test(tc, test_many_recipients);
    tcase_add_test(tc, test_no_change);
    tcase_add_test(tc, test_extreme_amounts);
    suite_add_tcase(s, tc);
    return s;
}
