/*
** suites.h: every Check suite of the unit tests. Each module's test file
** defines make_<name>_suite(); the runner and CMake both read this list.
** The suite name given to suite_create() must equal <name>.
*/
#ifndef TESTS_SUITES_H
#define TESTS_SUITES_H

#include <check.h>

/* Runs f(ctx) in a forked child with its standard error captured, and
** returns what the child wrote there (at most 511 bytes, malloc'd: the
** caller frees it); the child's wait status goes to *status. For tests of
** what ends a process (an invariant, out of memory): a child that returns
** from f exits 0. Defined in test_main.c. */
char *unit_child_stderr(void (*f)(void *ctx), void *ctx, int *status);

/* How many cases a property test of n cases runs: n, or n divided by
** MEDEL_UNIT_SCALE when that is set (at least 1), so that a slow run (the
** unit tests under valgrind) checks the same properties on fewer cases. */
size_t unit_cases(size_t n);

#define MEDEL_SUITES(X) \
    X(arena)            \
    X(text)             \
    X(source)           \
    X(diag)             \
    X(money)            \
    X(invariant)        \
    X(lexer)            \
    X(parser)           \
    X(check)            \
    X(testrun)          \
    X(csv)              \
    X(output)           \
    X(apportion)        \
    X(allocate)         \
    X(html)             \
    X(input)            \
    X(eval)             \
    X(diff)             \
    X(whatif)           \
    X(lexer2)           \
    X(session)          \
    X(api)              \
    X(strmap)           \
    X(keyset)           \
    X(grid)             \
    X(gridstream)       \
    X(tab)              \
    X(workbook)         \
    X(xlsx)             \
    X(ruletext)         \
    X(lettertpl)        \
    X(inherit)          \
    X(fixit)

#define DECLARE_SUITE(name) Suite *make_##name##_suite(void);
MEDEL_SUITES(DECLARE_SUITE)
#undef DECLARE_SUITE

#endif
