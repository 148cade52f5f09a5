/*
** test_session.c: unit tests for the session's messages (runtime/session.c)
** and the exit-status rule for several files (runtime/status.c). A session
** with a listener must hear exactly the lines a session with a stream
** writes, and a quiet one (no stream, no listener) must end the same way
** having said nothing; and status_worst must give the same outcome for
** every order of the same outcomes.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "cli.h"
#include "session.h"
#include "status.h"
#include "suites.h"

#define RUN MEDEL_SOURCE_DIR "/tests/golden/run/"

typedef struct Heard {
    char *b;
    size_t len;
    size_t lines;
} Heard;

static void hear(void *ctx, const char *line)
{
    Heard *h = ctx;
    size_t n = strlen(line);
    h->b = realloc(h->b, h->len + n + 2);
    ck_assert_ptr_nonnull(h->b);
    memcpy(h->b + h->len, line, n);
    h->len += n;
    h->b[h->len++] = '\n';
    h->b[h->len] = '\0';
    h->lines++;
}

/* Loads the rules and reads `apps` in one of three ways: on a stream (mode
** 0), to a listener (1) or quietly (2). Returns read_all's status; *said
** gets what was said (malloc'd, the caller frees it), *n the valid ones. */
static int read_with(int mode, const char *apps, bool keep_going, char **said, size_t *n)
{
    char *text = NULL;
    size_t len = 0;
    FILE *err = mode == 0 ? open_memstream(&text, &len) : NULL;
    Heard h = {0};
    Session s;
    LoadOptions lo = {0};
    ck_assert_int_eq(session_load(&s, RUN "alla_policyer.medel", &lo, err), STATUS_OK);
    if (mode == 1) {
        s.listen = hear;
        s.listen_ctx = &h;
    }
    ReadOptions ro = {apps, INPUT_AUTO, keep_going, NULL};
    Application *got;
    AppCounts counts;
    int rc = read_all(&s, &ro, &got, n, &counts);
    session_end(&s);
    if (err) {
        fclose(err);
        *said = text;
    } else {
        *said = h.b ? h.b : strdup("");
    }
    return rc;
}

START_TEST(test_listener_hears_what_the_stream_gets)
{
    const char *files[] = {RUN "ansokningar.csv", RUN "felaktiga.csv", RUN "ansokningar.json"};
    for (size_t f = 0; f < sizeof files / sizeof *files; f++) {
        for (int keep = 0; keep < 2; keep++) {
            char *on_stream, *heard, *quiet;
            size_t n0, n1, n2;
            int rc0 = read_with(0, files[f], keep, &on_stream, &n0);
            int rc1 = read_with(1, files[f], keep, &heard, &n1);
            int rc2 = read_with(2, files[f], keep, &quiet, &n2);
            ck_assert_int_eq(rc1, rc0);
            ck_assert_int_eq(rc2, rc0);
            ck_assert_uint_eq(n1, n0);
            ck_assert_uint_eq(n2, n0);
            ck_assert_str_eq(heard, on_stream);
            ck_assert_str_eq(quiet, "");
            ck_assert_msg(strstr(on_stream, "ansökningar lästa") != NULL, "no counts line: %s", on_stream);
            if (f == 1) {
                ck_assert_int_eq(rc0, STATUS_APPLICATIONS * !keep);
                ck_assert_msg((strstr(on_stream, "; inget skrevs") != NULL) == !keep, "%s", on_stream);
            } else {
                ck_assert_int_eq(rc0, STATUS_OK);
            }
            free(on_stream);
            free(heard);
            free(quiet);
        }
    }
}
END_TEST

START_TEST(test_quiet_load_ends_as_a_loud_one)
{
    const char *rules[] = {MEDEL_SOURCE_DIR "/tests/golden/bad/struct_broken.medel",
                           MEDEL_SOURCE_DIR "/tests/golden/bad/struct_missing.medel", RUN "alla_policyer.medel"};
    const int want[] = {STATUS_RULES, STATUS_NOINPUT, STATUS_OK};
    for (size_t i = 0; i < 3; i++) {
        char *text = NULL;
        size_t len = 0;
        FILE *err = open_memstream(&text, &len);
        Session loud, quiet;
        LoadOptions lo = {0};
        ck_assert_int_eq(session_load(&loud, rules[i], &lo, err), want[i]);
        ck_assert_int_eq(session_load(&quiet, rules[i], &lo, NULL), want[i]);
        ck_assert_uint_eq(quiet.d.n_errors, loud.d.n_errors);
        session_end(&loud);
        session_end(&quiet);
        fclose(err);
        ck_assert_msg((len > 0) == (want[i] != STATUS_OK), "%s: '%s'", rules[i], text);
        free(text);
    }
}
END_TEST

/* Every order of the same outcomes ends the same, with the most serious. */
START_TEST(test_status_worst_ignores_order)
{
    const int order[] = {STATUS_OK, STATUS_FAILED, STATUS_PORTFOLIO, STATUS_USAGE, STATUS_APPLICATIONS, STATUS_NOT_FOUND,
                         STATUS_RULES, STATUS_NOINPUT, STATUS_IO, STATUS_SOFTWARE};   /* least serious first */
    enum { N = sizeof order / sizeof *order };
    for (int a = 0; a < N; a++)
        for (int b = 0; b < N; b++) {
            int want = order[a > b ? a : b];
            ck_assert_int_eq(status_worst(order[a], order[b]), want);
            ck_assert_int_eq(status_worst(order[b], order[a]), want);
        }
    /* Longer runs, in pseudo-random orders: folding gives the most serious. */
    unsigned seed = 12345;
    for (int round = 0; round < 1000; round++) {
        int worst = STATUS_OK, top = 0;
        for (int k = 0; k < 6; k++) {
            seed = seed * 1103515245u + 12345u;
            int i = (int)((seed >> 16) % N);
            worst = status_worst(worst, order[i]);
            top = i > top ? i : top;
        }
        ck_assert_int_eq(worst, order[top]);
    }
}
END_TEST

/* Runs medel_main on argv with out a memory stream; *bytes (malloc'd, the
** caller frees) gets what reached out, *len its length. Returns the status. */
static int run_into_memory(int argc, char **argv, char **bytes, size_t *len)
{
    FILE *out = open_memstream(bytes, len);
    FILE *err = fopen("/dev/null", "w");
    ck_assert_ptr_nonnull(out);
    ck_assert_ptr_nonnull(err);
    int rc = medel_main(argc, argv, out, err);
    fclose(out);
    fclose(err);
    return rc;
}

/* check, explain, allocate and whatif run in-process: without -o, the
** report reaches the stream medel_main was given, byte for byte what -o
** writes to a file; a run that rejects rows writes nothing there. */
START_TEST(test_commands_write_to_the_given_stream)
{
    char dir[] = "/tmp/medel-session-XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char file[64];
    snprintf(file, sizeof file, "%s/out", dir);
    static char rules[] = MEDEL_SOURCE_DIR "/rules/ungdomsmottagningar-2021.medel";
    static char apps[] = MEDEL_SOURCE_DIR "/examples/ansokningar-ungdomsmottagningar-2021.csv";
    static char scen[] = MEDEL_SOURCE_DIR "/examples/scenarier-ungdomsmottagningar-2021.medel";
    static char bad[] = MEDEL_SOURCE_DIR "/examples/felaktiga-ansokningar-2021.csv";
    char *cmds[][6] = {
        {"check", "--format", "table"}, {"check", "--format", "csv"}, {"check", "--format", "json"},
        {"allocate", "--format", "table"}, {"allocate", "--format", "csv"}, {"allocate", "--format", "json"},
        {"explain", "--id", "UMO-2021-001"}, {"explain", "--format", "json", "--id", "UMO-2021-014"},
        {"whatif", "--all", "--scenarios", scen}, {"whatif", "--all", "--scenarios", scen, "--format", "json"},
    };
    for (size_t c = 0; c < sizeof cmds / sizeof *cmds; c++) {
        char *argv[12] = {"medel", cmds[c][0], rules, apps};
        int argc = 4;
        for (int k = 1; k < 6 && cmds[c][k]; k++)
            argv[argc++] = cmds[c][k];
        char *mem = NULL, *via_file = NULL;
        size_t n_mem = 0, n_file = 0;
        int rc = run_into_memory(argc, argv, &mem, &n_mem);
        ck_assert_msg(rc == 0, "%s: status %d", cmds[c][0], rc);
        ck_assert_msg(n_mem > 100, "%s %s: %zu bytes on the stream", cmds[c][0], cmds[c][1], n_mem);
        argv[argc++] = "-o";
        argv[argc++] = file;
        ck_assert_int_eq(run_into_memory(argc, argv, &via_file, &n_file), 0);
        ck_assert_uint_eq(n_file, 0);   /* with -o nothing goes to out */
        FILE *f = fopen(file, "rb");
        ck_assert_ptr_nonnull(f);
        char *got = malloc(n_mem + 1);
        size_t n_got = fread(got, 1, n_mem + 1, f);
        fclose(f);
        ck_assert_msg(n_got == n_mem && memcmp(got, mem, n_mem) == 0, "%s %s: the stream and -o differ", cmds[c][0],
                      cmds[c][1]);
        free(got);
        free(mem);
        free(via_file);
    }
    /* Rejected rows without --keep-going: status 67, not a byte on out. */
    char *argv[] = {"medel", "check", rules, bad};
    char *mem = NULL;
    size_t n_mem = 0;
    ck_assert_int_eq(run_into_memory(4, argv, &mem, &n_mem), STATUS_APPLICATIONS);
    ck_assert_uint_eq(n_mem, 0);
    free(mem);
    unlink(file);
    rmdir(dir);
}
END_TEST

Suite *make_session_suite(void)
{
    Suite *s = suite_create("session");
    TCase *tc = tcase_create("session");
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_listener_hears_what_the_stream_gets);
    tcase_add_test(tc, test_quiet_load_ends_as_a_loud_one);
    tcase_add_test(tc, test_status_worst_ignores_order);
    tcase_add_test(tc, test_commands_write_to_the_given_stream);
    suite_add_tcase(s, tc);
    return s;
}
