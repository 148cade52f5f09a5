/*
** test_main.c: runs the Check suites listed in suites.h. CK_RUN_SUITE selects
** one (CTest runs each as its own test). Fails when any test failed, and also
** when no test ran at all: a misspelt suite name must not pass silently.
*/
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#include "suites.h"


size_t unit_cases(size_t n)
{
    const char *e = getenv("MEDEL_UNIT_SCALE");
    char *end;
    unsigned long d = e && *e ? strtoul(e, &end, 10) : 1;
    if (!e || !*e || *end || d == 0)
        d = 1;
    return n / d > 0 ? n / d : 1;
}
char *unit_child_stderr(void (*f)(void *ctx), void *ctx, int *status)
{
    int fds[2];
    ck_assert_int_eq(pipe(fds), 0);
    fflush(stdout);
    fflush(stderr);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        close(fds[0]);
        dup2(fds[1], STDERR_FILENO);
        f(ctx);
        _exit(0);
    }
    close(fds[1]);
    enum { CAP = 512 };
    char *buf = calloc(CAP, 1);
    ck_assert_ptr_nonnull(buf);
    size_t len = 0;
    ssize_t got;
    while (len < CAP - 1 && (got = read(fds[0], buf + len, CAP - 1 - len)) > 0)
        len += (size_t)got;
    close(fds[0]);
    ck_assert_int_eq(waitpid(pid, status, 0), pid);
    return buf;
}

int main(void)
{
    setvbuf(stdout, NULL, _IONBF, 0); /* keep output ordered in fork mode */
    SRunner *sr = srunner_create(NULL);
#define ADD_SUITE(name) srunner_add_suite(sr, make_##name##_suite());
    MEDEL_SUITES(ADD_SUITE)
#undef ADD_SUITE
    srunner_run_all(sr, CK_ENV);
    int n_run = srunner_ntests_run(sr);
    int n_failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    if (n_run == 0) {
        fprintf(stderr, "unit_tests: no test ran (CK_RUN_SUITE=%s)\n",
                getenv("CK_RUN_SUITE") ? getenv("CK_RUN_SUITE") : "");
        return EXIT_FAILURE;
    }
    return n_failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
