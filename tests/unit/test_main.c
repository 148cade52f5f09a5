/*
** test_main.c: runs the Check suites listed in suites.h. CK_RUN_SUITE selects
** one (CTest runs each as its own test). Fails when any test failed, and also
** when no test ran at all: a misspelt suite name must not pass silently.
*/
#include <stdio.h>
#include <stdlib.h>

#include "suites.h"

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
