/*
** test_lettertpl.c: the letter template language (runtime/lettertpl.c) and
** the letters' file names (runtime/letters.c). Every placeholder kind, the
** escaping, nested sections and scopes, every error with its exact message
** and place, and that a text without placeholders comes out unchanged.
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "letters.h"
#include "lettertpl.h"
#include "suites.h"

/* The schema of the tests: root {namn, tom, lista [{x, y, inre [{z}]}]}. */
static const TplName INNER_NAMES[] = {{"z", NULL}};
static const TplSchema INNER = {INNER_NAMES, 1};
static const TplName ITEM_NAMES[] = {{"x", NULL}, {"y", NULL}, {"inre", &INNER}};
static const TplSchema ITEM = {ITEM_NAMES, 3};
static const TplName ROOT_NAMES[] = {{"namn", NULL}, {"tom", NULL}, {"lista", &ITEM}, {"sökande", NULL}};
static const TplSchema ROOT = {ROOT_NAMES, 4};

/* The root slots of the last root_data, to change in a test. */
static TplSlot *root_slots_now;

/* Data: namn = "Anna <&\"'>", tom empty, lista of two items; the first has
** inner items z1, z2, the second none. */
static TplRecord root_data(const char *namn)
{
    static TplSlot inner_slots[2][1];
    static TplRecord inner[2];
    static TplSlot item_slots[2][3];
    static TplRecord items[2];
    static TplSlot root_slots[4];
    inner_slots[0][0].text = "z1";
    inner_slots[1][0].text = "z2";
    inner[0].slots = inner_slots[0];
    inner[1].slots = inner_slots[1];
    memset(item_slots, 0, sizeof item_slots);
    item_slots[0][0].text = "a";
    item_slots[0][1].text = "1";
    item_slots[0][2].items = inner;
    item_slots[0][2].n_items = 2;
    item_slots[1][0].text = "b";
    item_slots[1][1].text = NULL;
    items[0].slots = item_slots[0];
    items[1].slots = item_slots[1];
    memset(root_slots, 0, sizeof root_slots);
    root_slots[0].text = namn;
    root_slots[1].text = "";
    root_slots[2].items = items;
    root_slots[2].n_items = 2;
    root_slots[3].text = "Sökande AB";
    root_slots_now = root_slots;
    return (TplRecord){root_slots};
}

/* Compiles text (named mall.html) and renders it for the test data; returns
** the letter, or the diagnostics as diags_render writes them when it does
** not compile (*ok false). malloc'd; the caller frees it. */
static char *run(const char *text, const TplRecord *data, bool *ok)
{
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    uint32_t f = source_add(&set, "mall.html", text, strlen(text));
    Diags d;
    diags_init(&d, &set);
    LetterTemplate *t = tpl_compile(&a, &set, f, &ROOT, &d);
    char *buf = NULL;
    size_t len = 0;
    FILE *out = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(out);
    *ok = t != NULL;
    if (t) {
        ck_assert(d.n_errors == 0);
        ck_assert(tpl_render(t, data, out));
    } else {
        ck_assert(d.n_errors > 0);
        diags_render(&d, out);
    }
    fclose(out);
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return buf;
}

static void expect(const char *text, const char *want)
{
    TplRecord r = root_data("Anna");
    bool ok;
    char *got = run(text, &r, &ok);
    ck_assert_msg(ok, "did not compile: %s", got);
    ck_assert_str_eq(got, want);
    free(got);
}

/* The first line of the diagnostics of text, which must not compile. */
static void expect_error(const char *text, const char *want)
{
    TplRecord r = root_data("Anna");
    bool ok;
    char *got = run(text, &r, &ok);
    ck_assert_msg(!ok, "compiled: %s", got);
    char *nl = strchr(got, '\n');
    if (nl)
        *nl = '\0';
    ck_assert_str_eq(got, want);
    free(got);
}

START_TEST(test_value)
{
    expect("Hej {{namn}}!", "Hej Anna!");
    expect("{{ namn }}|{{tom}}|{{sökande}}", "Anna||Sökande AB");
    expect("", "");
}
END_TEST

START_TEST(test_escaping)
{
    TplRecord r = root_data("<b>&\"'</b>");
    bool ok;
    char *got = run("<p title=\"{{namn}}\">{{namn}}</p>", &r, &ok);
    ck_assert(ok);
    ck_assert_str_eq(got, "<p title=\"&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;\">&lt;b&gt;&amp;&quot;&#39;&lt;/b&gt;</p>");
    free(got);
    /* A control character and invalid UTF-8 in a value become U+FFFD. */
    r = root_data("a\x01" "b\xff" "c");
    got = run("{{namn}}", &r, &ok);
    ck_assert_str_eq(got, "a\xEF\xBF\xBD" "b\xEF\xBF\xBD" "c");
    free(got);
}
END_TEST

START_TEST(test_sections)
{
    /* A list repeats; inside it the item's names and the outer ones. */
    expect("{{#lista}}[{{x}}{{y}} {{namn}}]{{/lista}}", "[a1 Anna][b Anna]");
    /* A value as a condition, and its absence. */
    expect("{{#namn}}ja{{/namn}}{{#tom}}nej{{/tom}}", "ja");
    expect("{{^tom}}tom{{/tom}}{{^namn}}nej{{/namn}}", "tom");
    expect("{{#lista}}{{#y}}y={{y}}{{/y}}{{^y}}inget y{{/y}};{{/lista}}", "y=1;inget y;");
    /* An empty list: the inverted part once, the section never. */
    TplRecord r = root_data("Anna");
    root_slots_now[2].n_items = 0;
    bool ok;
    char *got = run("{{#lista}}x{{/lista}}{{^lista}}inga{{/lista}}", &r, &ok);
    ck_assert_str_eq(got, "inga");
    free(got);
    /* A comment is left out, placeholders in it too. */
    expect("a{{! {{okänd}} och {{#öppet}} !}}b", "ab");
}
END_TEST

START_TEST(test_nested)
{
    expect("{{#lista}}{{x}}:{{#inre}}{{z}}{{x}},{{/inre}}{{^inre}}-{{/inre}} {{/lista}}", "a:z1a,z2a, b:- ");
    expect("{{#namn}}{{#lista}}{{#inre}}{{z}}{{/inre}}{{/lista}}{{/namn}}", "z1z2");
}
END_TEST

START_TEST(test_unknown)
{
    expect_error("Hej\n  {{sokande}}", "mall.html:2:3: error: okänd platshållare 'sokande'; menade du 'sökande'?");
    expect_error("{{qqqqqq}}", "mall.html:1:1: error: okänd platshållare 'qqqqqq'");
    /* Inside a list the item's names are suggested too; outside they are unknown. */
    expect_error("{{#lista}}{{inr}}{{/lista}}", "mall.html:1:11: error: okänd platshållare 'inr'; menade du 'inre'?");
    expect_error("{{x}}", "mall.html:1:1: error: okänd platshållare 'x'");
    /* An unknown section still opens and closes: one message. */
    expect_error("{{#qqqqqq}}a{{/qqqqqq}}", "mall.html:1:1: error: okänd platshållare 'qqqqqq'");
    TplRecord r = root_data("Anna");
    bool ok;
    char *got = run("{{#qqqqqq}}a{{/qqqqqq}}", &r, &ok);
    ck_assert_ptr_null(strstr(strstr(got, "error:") + 1, "error:"));
    free(got);
}
END_TEST

START_TEST(test_structure_errors)
{
    expect_error("a\n{{#lista}}x", "mall.html:2:1: error: avsnittet 'lista' avslutas aldrig; skriv {{/lista}} där det slutar");
    expect_error("{{#lista}}{{#inre}}x{{/lista}}{{/inre}}",
                 "mall.html:1:21: error: '{{/lista}}' avslutar inte avsnittet 'inre' från rad 1; skriv {{/inre}} först");
    expect_error("x{{/namn}}", "mall.html:1:2: error: '{{/namn}}' avslutar inget avsnitt; ta bort den eller öppna avsnittet med {{#namn}}");
    expect_error("{{lista}}", "mall.html:1:1: error: 'lista' är en lista; skriv {{#lista}}…{{/lista}} för att upprepa den");
    expect_error("ab {{ }}", "mall.html:1:4: error: tom platshållare '{{ }}': skriv ett namn mellan klamrarna, t.ex. {{sökande}}");
    expect_error("{{namn", "mall.html:1:1: error: '{{' utan '}}': platshållaren avslutas aldrig på sin rad");
    expect_error("{{namn\n}}", "mall.html:1:1: error: '{{' utan '}}': platshållaren avslutas aldrig på sin rad");
    expect_error("x {{! aldrig slut }}", "mall.html:1:3: error: kommentaren '{{!' avslutas aldrig; skriv '!}}' där den slutar");
    expect_error("ok\n\xff", "mall.html:2:1: error: brevmallen är inte UTF-8; spara den som UTF-8 (i en textredigerare: Spara som, kodning UTF-8)");
}
END_TEST

START_TEST(test_every_error_reported)
{
    TplRecord r = root_data("Anna");
    bool ok;
    char *got = run("{{a}}\n{{b}}\n{{#lista}}", &r, &ok);
    ck_assert(!ok);
    ck_assert_ptr_nonnull(strstr(got, "mall.html:1:1: error: okänd platshållare 'a'"));
    ck_assert_ptr_nonnull(strstr(got, "mall.html:2:1: error: okänd platshållare 'b'"));
    ck_assert_ptr_nonnull(strstr(got, "mall.html:3:1: error: avsnittet 'lista' avslutas aldrig"));
    free(got);
}
END_TEST

/* A template with no "{{" in it comes out byte for byte, for random text
** (valid UTF-8: printable ASCII, newlines, single braces, å ä ö). */
START_TEST(test_round_trip)
{
    static const char *const pieces[] = {"a", "Z", " ", "\n", "{", "}", "<", "&", "\"", "å", "ä", "ö", "—", "}}", "!", "#", "/"};
    uint64_t seed = 0x9E3779B97F4A7C15u;
    for (size_t round = 0; round < unit_cases(2000); round++) {
        char text[512];
        size_t len = 0;
        text[0] = '\0';
        size_t n = (size_t)(seed % 60);
        for (size_t k = 0; k < n; k++) {
            seed = seed * 6364136223846793005u + 1442695040888963407u;
            const char *p = pieces[(seed >> 33) % (sizeof pieces / sizeof *pieces)];
            size_t pl = strlen(p);
            /* Never two '{' in a row: that would be a placeholder. */
            if (p[0] == '{' && len && text[len - 1] == '{')
                continue;
            memcpy(text + len, p, pl);
            len += pl;
            text[len] = '\0';
        }
        seed = seed * 6364136223846793005u + 1442695040888963407u;
        TplRecord r = root_data("Anna");
        bool ok;
        char *got = run(text, &r, &ok);
        ck_assert_msg(ok, "'%s' did not compile: %s", text, got);
        ck_assert_str_eq(got, text);
        free(got);
    }
}
END_TEST

START_TEST(test_slug)
{
    char b[80];
    letters_slug("Stockholms stad, socialförvaltningen", b, sizeof b);
    ck_assert_str_eq(b, "stockholms-stad-socialforvaltningen");
    letters_slug("Ekerö Östra ÅÄÖ é ü", b, sizeof b);
    ck_assert_str_eq(b, "ekero-ostra-aao-e-u");
    letters_slug("  --..  ", b, sizeof b);
    ck_assert_str_eq(b, "sokande");
    letters_slug("../../etc/passwd", b, sizeof b);
    ck_assert_str_eq(b, "etc-passwd");
    letters_slug("UMO-2021-001", b, sizeof b);
    ck_assert_str_eq(b, "umo-2021-001");
    letters_slug("Ωμέγα AB", b, sizeof b);
    ck_assert_str_eq(b, "ab");
    letters_slug("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", b, sizeof b);
    ck_assert_uint_eq(strlen(b), 60);
}
END_TEST

Suite *make_lettertpl_suite(void)
{
    Suite *s = suite_create("lettertpl");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_value);
    tcase_add_test(tc, test_escaping);
    tcase_add_test(tc, test_sections);
    tcase_add_test(tc, test_nested);
    tcase_add_test(tc, test_unknown);
    tcase_add_test(tc, test_structure_errors);
    tcase_add_test(tc, test_every_error_reported);
    tcase_add_test(tc, test_round_trip);
    tcase_add_test(tc, test_slug);
    suite_add_tcase(s, tc);
    return s;
}
