/*
** test_invariant.c: unit tests for lang/invariant.h. In a build with
** invariants on (every test build unless MEDEL_INVARIANTS is turned off), a
** broken ASSERT, ALWAYS or NEVER says which and where, then aborts: each is
** broken in a child process and the test reads its message and its wait
** status. Either way ALWAYS and NEVER yield their value, evaluated once.
*/
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "invariant.h"
#include "suites.h"

/* Each breaks one invariant; written on one line, so that the line after
** it knows the line of the macro. */
static volatile int one = 1;
static void break_always(void) { if (!ALWAYS(one == 2)) one = 3; }
static const int always_line = __LINE__ - 1;
static void break_never(void) { if (NEVER(one == 1)) one = 3; }
static const int never_line = __LINE__ - 1;
static void break_assert(void) { ASSERT(one > 1); }
static const int assert_line = __LINE__ - 1;

START_TEST(test_value_and_single_evaluation)
{
    int n = 0;
    ck_assert_int_eq(ALWAYS(++n), 1);
    ck_assert_int_eq(n, 1);
    ck_assert_int_eq(NEVER(--n), 0);
    ck_assert_int_eq(n, 0);
    const char *p = "x";
    ck_assert_int_eq(ALWAYS(p), 1);   /* a pointer yields 0 or 1, as a condition does */
    ck_assert_int_eq(NEVER(p == NULL), 0);
    ASSERT(n == 0);
}
END_TEST

#ifdef MEDEL_INVARIANTS
/* unit_child_stderr's ctx: the function the child calls. */
typedef struct Callee {
    void (*f)(void);
} Callee;

static void call(void *ctx)
{
    ((Callee *)ctx)->f();
}

static void expect_abort(void (*f)(void), const char *what, int line)
{
    int status;
    char *msg = unit_child_stderr(call, &(Callee){f}, &status);
    char expected[256];
    snprintf(expected, sizeof expected, "medel: internal error: invariant failed: %s (%s:%d)\n", what,
             MEDEL_INVARIANT_FILE, line);
    ck_assert_str_eq(msg, expected);
    ck_assert(WIFSIGNALED(status));
    ck_assert_int_eq(WTERMSIG(status), SIGABRT);
    free(msg);
}

START_TEST(test_broken_always_aborts)
{
    expect_abort(break_always, "one == 2", always_line);
}
END_TEST

START_TEST(test_broken_never_aborts)
{
    expect_abort(break_never, "!(one == 1)", never_line);
}
END_TEST

START_TEST(test_broken_assert_aborts)
{
    expect_abort(break_assert, "one > 1", assert_line);
}
END_TEST
#else
/* Without invariants the impossible case is left to the code after ALWAYS
** and NEVER, and ASSERT evaluates nothing. */
START_TEST(test_broken_invariants_only_yield)
{
    break_always();
    ck_assert_int_eq(one, 3);
    one = 1;
    break_never();
    ck_assert_int_eq(one, 3);
    one = 1;
    break_assert();
    ck_assert_int_eq(ALWAYS(0), 0);
    ck_assert_int_eq(NEVER(1), 1);
    (void)always_line;
    (void)never_line;
    (void)assert_line;
}
END_TEST
#endif

Suite *make_invariant_suite(void)
{
    Suite *s = suite_create("invariant");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_value_and_single_evaluation);
#ifdef MEDEL_INVARIANTS
    tcase_add_test(tc, test_broken_always_aborts);
    tcase_add_test(tc, test_broken_never_aborts);
    tcase_add_test(tc, test_broken_assert_aborts);
#else
    tcase_add_test(tc, test_broken_invariants_only_yield);
#endif
    suite_add_tcase(s, tc);
    return s;
}
