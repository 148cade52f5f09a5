/*
** host.c: a program that embeds medel beside a parser of its own (calc.y,
** calc.l, which define yyparse and yylex). It is built by tests/embed/link.sh
** with nothing but the installed medel.h and `pkg-config --cflags --libs medel`.
*/
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <medel.h>

int calc(const char *text, long *out);   /* calc.l */

int main(void)
{
    long v = 0;
    if (calc("2 * (3 + 4) - 1", &v) != 0 || v != 13) {
        fprintf(stderr, "host: the host's own parser gave %ld, not 13\n", v);
        return 1;
    }
    const char *version = medel_version();
    if (!version || !*version) {
        fprintf(stderr, "host: medel_version() gave no version\n");
        return 1;
    }
    /* link.sh passes the version medel.pc states: the two must agree. */
    const char *expected = getenv("MEDEL_EXPECTED_VERSION");
    if (expected && strcmp(expected, version)) {
        fprintf(stderr, "host: medel_version() is %s, medel.pc says %s\n", version, expected);
        return 1;
    }
    printf("calc 13\nmedel %s\n", version);
    return 0;
}
