/*
** test_testrun.c: unit tests for medel test (runtime/testrun.c). Coverage is
** checked against a model over generated test files: what the report lists
** as not exercised must be exactly what no passing test exercises, however
** passing and failing tests are mixed.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "commands.h"
#include "format.h"
#include "suites.h"
#include "verdict.h"

#define RULES MEDEL_SOURCE_DIR "/tests/golden/testrun/regler.medel"
#define DATA MEDEL_SOURCE_DIR "/tests/golden/testrun/data/kommuner.csv"

/* Copies file `from` to `to`. */
static void copy_file(const char *from, const char *to)
{
    FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
    ck_assert_ptr_nonnull(in);
    ck_assert_ptr_nonnull(out);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        ck_assert_uint_eq(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
}

/* Everything a test of the model can exercise, and the generated tests: each
** passes or fails (by construction, checked against medel's own count) and,
** when it passes, exercises `covers`. */
static const char *const THINGS[] = {
    "villkor målgrupp", "villkor lokal_ansökan", "villkor regional_ansökan", "pott total", "pott lokalt",
    "pott regionalt", "pott gemensamt", "pott utveckling", "prioritet främjande", "prioritet bredd", "portfölj blandning",
};
enum { N_THINGS = sizeof THINGS / sizeof THINGS[0] };

#define X_APP "ansökan { id \"X\"  titel \"t\"  sökande \"s\"  typ kommun  kommun \"Alby\"  belopp 100 000 kr  ålder 13..18  fokus {samverkan}  del lokalt }\n"
#define Y_APP "ansökan { id \"Y\"  titel \"t\"  sökande \"s\"  typ kommun  kommun \"Alby\"  belopp 100 000 kr  ålder 0..6  fokus {samverkan}  del lokalt }\n"

static const struct {
    const char *body;
    bool passes;
    const char *covers[3];
} KINDS[] = {
    {X_APP "förvänta regionalt ej_stödberättigad: regional_ansökan\n", true, {"villkor regional_ansökan", "pott regionalt"}},
    {X_APP "förvänta regionalt ej_stödberättigad: regional_ansökan\nförvänta beviljat \"X\" 1 kr\n", false, {NULL}},
    {Y_APP "förvänta lokalt ej_stödberättigad: målgrupp\n", true, {"villkor målgrupp", "pott lokalt"}},
    {Y_APP "förvänta lokalt ej_stödberättigad: målgrupp\nförvänta pott \"regionalt\" 1 kr\n", false, {NULL}},
    {X_APP "förvänta portfölj blandning ej_uppfylld\n", true, {"portfölj blandning"}},
    {X_APP "förvänta portfölj blandning uppfylld\nförvänta lokalt ej_stödberättigad: lokal_ansökan\n", false, {NULL}},
    {X_APP "förvänta lokalt stödberättigad\nförvänta beviljat \"X\" 100 000 kr\n", true, {"pott lokalt"}},
};
enum { N_KINDS = sizeof KINDS / sizeof KINDS[0] };

/* Over random mixes of passing and failing tests, the coverage report lists
** exactly what no passing test exercises. */
START_TEST(test_coverage_counts_passing_tests_only)
{
    char dir[64];
    strcpy(dir, "/tmp/medel-testrun-XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char rules[128], tests[128], data_dir[128], data[160], report[128];
    snprintf(rules, sizeof rules, "%s/r.medel", dir);
    snprintf(tests, sizeof tests, "%s/r.test.medel", dir);
    snprintf(data_dir, sizeof data_dir, "%s/data", dir);
    snprintf(data, sizeof data, "%s/kommuner.csv", data_dir);
    snprintf(report, sizeof report, "%s/out.txt", dir);
    ck_assert_int_eq(mkdir(data_dir, 0700), 0);
    copy_file(RULES, rules);
    copy_file(DATA, data);
    srand(12);
    for (int round = 0; round < 60; round++) {
        bool covered[N_THINGS] = {false};
        size_t n_tests = 1 + (size_t)(rand() % 4), passed = 0;
        FILE *f = fopen(tests, "w");
        ck_assert_ptr_nonnull(f);
        for (size_t t = 0; t < n_tests; t++) {
            int k = rand() % N_KINDS;
            fprintf(f, "test t%zu {\n%s}\n", t, KINDS[k].body);
            passed += KINDS[k].passes;
            for (size_t c = 0; KINDS[k].passes && c < 3 && KINDS[k].covers[c]; c++)
                for (size_t i = 0; i < N_THINGS; i++)
                    covered[i] |= !strcmp(THINGS[i], KINDS[k].covers[c]);
        }
        fclose(f);
        FILE *out = fopen(report, "w+"), *err = fopen("/dev/null", "w");
        ck_assert_ptr_nonnull(out);
        char *paths[] = {rules};
        MedelTestOptions o = {0};
        medel_test(paths, 1, &o, out, err);
        fclose(err);
        rewind(out);
        bool listed[N_THINGS] = {false};
        char line[512], last[512] = "";
        while (fgets(line, sizeof line, out)) {
            for (size_t i = 0; i < N_THINGS; i++) {
                size_t n = strlen(THINGS[i]);
                if (!strncmp(line, "  ", 2) && !strncmp(line + 2, THINGS[i], n) && line[2 + n] == ' ')
                    listed[i] = true;
            }
            strcpy(last, line);
        }
        fclose(out);
        char want_last[64];
        snprintf(want_last, sizeof want_last, "%zu lyckades, %zu misslyckades\n", passed, n_tests - passed);
        ck_assert_str_eq(last, want_last);
        for (size_t i = 0; i < N_THINGS; i++)
            ck_assert_msg(listed[i] == !covered[i], "round %d: %s is %s, but %s", round, THINGS[i],
                          listed[i] ? "listed as not exercised" : "not listed", covered[i] ? "a passing test exercises it" : "no passing test does");
    }
    unlink(report);
    unlink(tests);
    unlink(rules);
    unlink(data);
    rmdir(data_dir);
    rmdir(dir);
}
END_TEST

/* The verdict words (runtime/verdict.c): every verdict a test can expect
** is read back from its Swedish test word and from its English one (the
** token), fmt translates one into the other (so 'medel fmt --english'
** writes a test medel test still reads), and the words of one wording are
** distinct. */
START_TEST(test_verdict_words)
{
    static const VerdictWording wordings[] = {VERDICT_TEXT, VERDICT_TOKEN, VERDICT_TEST};
    for (int v = 0; v < N_VERDICTS; v++) {
        for (size_t w = 0; w < sizeof wordings / sizeof wordings[0]; w++)
            for (int u = 0; u < v; u++)
                ck_assert_str_ne(verdict_word((Verdict)u, wordings[w]), verdict_word((Verdict)v, wordings[w]));
        const char *sv = verdict_word((Verdict)v, VERDICT_TEST), *en = verdict_word((Verdict)v, VERDICT_TOKEN);
        Verdict got;
        if (v > VERDICT_NOT_APPLICABLE) {   /* what-if only: no test expects them */
            ck_assert(!verdict_parse(sv, &got));
            ck_assert(!verdict_parse(en, &got));
            continue;
        }
        ck_assert(verdict_parse(sv, &got) && got == (Verdict)v);
        ck_assert(verdict_parse(en, &got) && got == (Verdict)v);
        ck_assert_str_eq(format_word(sv, true), en);
        ck_assert_str_eq(format_word(en, false), sv);
    }
    Verdict got;
    ck_assert(verdict_parse("manuell_bedömning", &got) && got == VERDICT_MANUAL);
    ck_assert(!verdict_parse("ej aktuell", &got));   /* the report's text is no test word */
    ck_assert_str_eq(verdict_word(VERDICT_NOT_APPLICABLE, VERDICT_TEXT), "ej aktuell");
    ck_assert_str_eq(verdict_word(VERDICT_ABSENT, VERDICT_TEXT), "finns inte");
    /* The word for people is the CSV's word in Swedish (tests run in
    ** Swedish); in English it is translated, and the CSV's is not (the
    ** golden .en. files and reports.same_in_every_language). */
    for (int v = 0; v < N_VERDICTS; v++)
        ck_assert_str_eq(verdict_word((Verdict)v, VERDICT_PEOPLE), verdict_word((Verdict)v, VERDICT_TEXT));
    for (int g = GRANT_FULL; g <= GRANT_PAYOUT; g++)
        ck_assert_str_eq(verdict_grant_text((GrantStatus)g), verdict_grant_word((GrantStatus)g));
    ck_assert_str_eq(verdict_grant_word(GRANT_PARTIAL), "beviljas delvis");
    ck_assert_str_eq(verdict_grant_word((GrantStatus)99), "?");
}
END_TEST

Suite *make_testrun_suite(void)
{
    Suite *s = suite_create("testrun");
    TCase *tc = tcase_create("testrun");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_coverage_counts_passing_tests_only);
    tcase_add_test(tc, test_verdict_words);
    suite_add_tcase(s, tc);
    return s;
}
