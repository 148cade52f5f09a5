/*
** test_guard.c: the security rules of medel serve as pure functions
** (server/http_guard.h): Host, Origin, the token and its cookie, file
** paths, upload names and CSV cells, table-driven.
*/
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "http_guard.h"

static const struct {
    const char *host, *extra;
    unsigned port;
    bool ok;
} HOSTS[] = {
    {"127.0.0.1:8421", NULL, 8421, true},
    {"[::1]:8421", NULL, 8421, true},
    {"localhost:8421", NULL, 8421, true},
    {"LOCALHOST:8421", NULL, 8421, true},
    {"127.0.0.1:8422", NULL, 8421, false},
    {"127.0.0.1", NULL, 8421, false},
    {"127.0.0.1:8421x", NULL, 8421, false},
    {"127.0.0.1:84210", NULL, 8421, false},
    {"evil.example:8421", NULL, 8421, false},
    {"localhost.evil.example:8421", NULL, 8421, false},
    {"127.0.0.1.evil.example:8421", NULL, 8421, false},
    {"", NULL, 8421, false},
    {NULL, NULL, 8421, false},
    {"192.168.1.5:8421", NULL, 8421, false},
    {"192.168.1.5:8421", "192.168.1.5", 8421, true},
    {"[fe80::1]:8421", "fe80::1", 8421, true},
    {"fe80::1:8421", "fe80::1", 8421, false},
};

START_TEST(host)
{
    ck_assert_msg(guard_host_ok(HOSTS[_i].host, HOSTS[_i].port, HOSTS[_i].extra) == HOSTS[_i].ok, "Host '%s'",
                  HOSTS[_i].host ? HOSTS[_i].host : "(none)");
}
END_TEST

static const struct {
    const char *origin;
    bool ok;
} ORIGINS[] = {
    {NULL, true},
    {"http://127.0.0.1:8421", true},
    {"http://[::1]:8421", true},
    {"http://localhost:8421", true},
    {"https://127.0.0.1:8421", false},
    {"http://127.0.0.1:8421/", false},
    {"http://127.0.0.1:9999", false},
    {"http://evil.example", false},
    {"http://evil.example:8421", false},
    {"null", false},
    {"", false},
};

START_TEST(origin)
{
    ck_assert_msg(guard_origin_ok(ORIGINS[_i].origin, 8421, NULL) == ORIGINS[_i].ok, "Origin '%s'",
                  ORIGINS[_i].origin ? ORIGINS[_i].origin : "(none)");
}
END_TEST

static const char TOKEN[] = "3f9c0c1e2d4b5a69788796a5b4c3d2e1f0112233445566778899aabbccddeeff";

START_TEST(token)
{
    ck_assert_uint_eq(strlen(TOKEN), GUARD_TOKEN_LEN);
    ck_assert(guard_token_eq(TOKEN, strlen(TOKEN), TOKEN));
    char other[sizeof TOKEN];
    memcpy(other, TOKEN, sizeof TOKEN);
    other[GUARD_TOKEN_LEN - 1] = '0';
    ck_assert(!guard_token_eq(other, strlen(other), TOKEN));
    other[GUARD_TOKEN_LEN - 1] = TOKEN[GUARD_TOKEN_LEN - 1];
    other[0] = 'a';
    ck_assert(!guard_token_eq(other, strlen(other), TOKEN));
    ck_assert(!guard_token_eq(TOKEN, GUARD_TOKEN_LEN - 1, TOKEN));   /* a prefix */
    char longer[sizeof TOKEN + 1];
    snprintf(longer, sizeof longer, "%s0", TOKEN);
    ck_assert(!guard_token_eq(longer, strlen(longer), TOKEN));
    ck_assert(!guard_token_eq("", 0, TOKEN));
    ck_assert(!guard_token_eq(NULL, 0, TOKEN));
    ck_assert(!guard_token_eq("", 0, ""));   /* no token is never a match */
}
END_TEST

START_TEST(cookie)
{
    size_t len = 0;
    const char *v = guard_cookie("a=1; medel_token=abc; b=2", "medel_token", &len);
    ck_assert_ptr_nonnull(v);
    ck_assert_uint_eq(len, 3);
    ck_assert(!strncmp(v, "abc", 3));
    v = guard_cookie("medel_token=\"q\"", "medel_token", &len);
    ck_assert(v && len == 1 && *v == 'q');
    v = guard_cookie("  medel_token = xyz ;", "medel_token", &len);
    ck_assert(v && len == 3 && !strncmp(v, "xyz", 3));
    ck_assert_ptr_null(guard_cookie("medel_token_old=1; xmedel_token=2", "medel_token", &len));
    ck_assert_ptr_null(guard_cookie("", "medel_token", &len));
    ck_assert_ptr_null(guard_cookie(NULL, "medel_token", &len));
    v = guard_bearer("Bearer abc", &len);
    ck_assert(v && len == 3 && !strncmp(v, "abc", 3));
    ck_assert_ptr_null(guard_bearer("Basic abc", &len));
    ck_assert_ptr_null(guard_bearer(NULL, &len));
}
END_TEST

static const struct {
    const char *path, *normal;
    GuardPath want;
} PATHS[] = {
    {"rules/x.medel", "rules/x.medel", GUARD_PATH_OK},
    {"./rules//x.medel", "rules/x.medel", GUARD_PATH_OK},
    {"rules/../x.csv", "x.csv", GUARD_PATH_OK},
    {"a/b/../../c", "c", GUARD_PATH_OK},
    {"uppladdat/ansökningar (2).csv", "uppladdat/ansökningar (2).csv", GUARD_PATH_OK},
    {"\xc0\xae\xc0\xae/etc/passwd", NULL, GUARD_PATH_INVALID},
    {"uppladdat/\xff\xfe.csv", NULL, GUARD_PATH_INVALID},
    {"rules/\xf4\x90\x80\x80.medel", NULL, GUARD_PATH_INVALID},
    {"../x", NULL, GUARD_PATH_OUTSIDE},
    {"rules/../../x", NULL, GUARD_PATH_OUTSIDE},
    {"..", NULL, GUARD_PATH_OUTSIDE},
    {"/etc/passwd", NULL, GUARD_PATH_OUTSIDE},
    {".git/config", NULL, GUARD_PATH_HIDDEN},
    {"rules/.x.medel", NULL, GUARD_PATH_HIDDEN},
    {".medel/föregående/a.medel", NULL, GUARD_PATH_HIDDEN},
    {"", NULL, GUARD_PATH_INVALID},
    {".", NULL, GUARD_PATH_INVALID},
    {"a\\b", NULL, GUARD_PATH_INVALID},
    {"a\nb", NULL, GUARD_PATH_INVALID},
    {NULL, NULL, GUARD_PATH_INVALID},
};

START_TEST(path)
{
    char out[GUARD_PATH_MAX + 1];
    GuardPath got = guard_path(PATHS[_i].path, out, sizeof out);
    ck_assert_msg(got == PATHS[_i].want, "path '%s': %d, want %d", PATHS[_i].path ? PATHS[_i].path : "(null)",
                  (int)got, (int)PATHS[_i].want);
    if (PATHS[_i].normal)
        ck_assert_str_eq(out, PATHS[_i].normal);
}
END_TEST

START_TEST(path_length)
{
    char *p = malloc(GUARD_PATH_MAX + 2);
    memset(p, 'a', GUARD_PATH_MAX + 1);
    p[GUARD_PATH_MAX + 1] = '\0';
    char out[GUARD_PATH_MAX + 8];
    ck_assert_int_eq(guard_path(p, out, sizeof out), GUARD_PATH_INVALID);
    p[GUARD_PATH_MAX] = '\0';
    ck_assert_int_eq(guard_path(p, out, sizeof out), GUARD_PATH_OK);
    free(p);
}
END_TEST

static const struct {
    const char *name;
    bool ok;
} UPLOADS[] = {
    {"a.csv", true},
    {"Ansökningar 2021.xlsx", true},
    {"x.JSONL", true},
    {"x.json", true},
    {"../a.csv", false},
    {"a/b.csv", false},
    {"a\\b.csv", false},
    {".a.csv", false},
    {"a.exe", false},
    {"a.csv.sh", false},
    {".csv", false},
    {"a.csv\n", false},
    {"\xff\xfe.csv", false},          /* not UTF-8: no JSON answer could name it */
    {"\xc0\xae\xc0\xae.csv", false},  /* overlong '..' */
    {"\xed\xa0\x80.csv", false},      /* a surrogate */
    {"", false},
    {NULL, false},
};

START_TEST(upload_name)
{
    ck_assert_msg(guard_upload_name(UPLOADS[_i].name) == UPLOADS[_i].ok, "upload '%s'",
                  UPLOADS[_i].name ? UPLOADS[_i].name : "(null)");
}
END_TEST

START_TEST(numbered)
{
    char out[64];
    ck_assert(guard_numbered_name("a.csv", 2, out, sizeof out));
    ck_assert_str_eq(out, "a (2).csv");
    ck_assert(guard_numbered_name("ansökningar.b.xlsx", 13, out, sizeof out));
    ck_assert_str_eq(out, "ansökningar.b (13).xlsx");
    ck_assert(guard_numbered_name("noext", 3, out, sizeof out));
    ck_assert_str_eq(out, "noext (3)");
    ck_assert(!guard_numbered_name("a-rather-long-name.csv", 2, out, 10));
}
END_TEST

static const struct {
    const char *cell, *written;
} CELLS[] = {
    {"plain", "plain"},
    {"Anna Berg", "Anna Berg"},
    {"a;b", "\"a;b\""},
    {"say \"hi\"", "\"say \"\"hi\"\"\""},
    {"line\nbreak", "\"line\nbreak\""},
    {"cr\rhere", "\"cr\rhere\""},
    {" lead", "\" lead\""},
    {"trail ", "\"trail \""},
    {"", ""},
    {NULL, ""},
    {"ej uppfyllt", "ej uppfyllt"},
};

START_TEST(csv_cell)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&buf, &len);
    guard_csv_cell(f, CELLS[_i].cell);
    fclose(f);
    ck_assert_str_eq(buf, CELLS[_i].written);
    free(buf);
}
END_TEST

#define N(a) ((int)(sizeof a / sizeof a[0]))

static Suite *guard_suite(void)
{
    Suite *s = suite_create("serve_guard");
    TCase *t = tcase_create("guard");
    tcase_add_loop_test(t, host, 0, N(HOSTS));
    tcase_add_loop_test(t, origin, 0, N(ORIGINS));
    tcase_add_test(t, token);
    tcase_add_test(t, cookie);
    tcase_add_loop_test(t, path, 0, N(PATHS));
    tcase_add_test(t, path_length);
    tcase_add_loop_test(t, upload_name, 0, N(UPLOADS));
    tcase_add_test(t, numbered);
    tcase_add_loop_test(t, csv_cell, 0, N(CELLS));
    suite_add_tcase(s, t);
    return s;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0);
    SRunner *r = srunner_create(guard_suite());
    srunner_run_all(r, CK_ENV);
    int failed = srunner_ntests_failed(r), ran = srunner_ntests_run(r);
    srunner_free(r);
    return failed == 0 && ran > 0 ? 0 : 1;
}
