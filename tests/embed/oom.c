/*
** oom.c: out of memory in a call of the commands API ends the call, not the
** process: with the n-th request for memory failing (arena_fail_after, for
** n = 1, 2, … until a run needs no more), medel_run_validate, _allocate,
** _check and _whatif return 70 (MEDEL_EXIT_SOFTWARE), write nothing on
** out and say "minnet tog slut" on err, or, when the failure fell where
** nothing needed it, write what a run without failures writes. Under
** AddressSanitizer this also shows that what the call made is freed. Built
** on the internals (arena.h) for the failure; run from the project's folder.
*/
#define _GNU_SOURCE   /* open_memstream */

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "medel.h"

typedef int (*Call)(const medel_command *c, medel_format format, FILE *out, FILE *err);

static int run(Call call, const medel_command *c, char **out, size_t *out_len, char **err, size_t *err_len)
{
    FILE *o = open_memstream(out, out_len), *e = open_memstream(err, err_len);
    if (!o || !e)
        exit(2);
    int rc = call(c, MEDEL_JSON, o, e);
    fclose(o);
    fclose(e);
    return rc;
}

static int failures;

static void sweep(const char *name, Call call, const medel_command *c, unsigned long step)
{
    char *want, *err;
    size_t want_len, err_len;
    if (run(call, c, &want, &want_len, &err, &err_len) != 0) {
        fprintf(stderr, "FAIL: %s without failures: %s\n", name, err);
        failures++;
        return;
    }
    free(err);
    size_t n_oom = 0;
    for (unsigned long n = 1;; n += step) {
        char *out, *msg;
        size_t out_len, msg_len;
        arena_fail_after(n);
        int rc = run(call, c, &out, &out_len, &msg, &msg_len);
        arena_fail_after(0);
        bool whole = rc == 0 && out_len == want_len && !memcmp(out, want, out_len);
        bool failed = rc == MEDEL_EXIT_SOFTWARE && out_len == 0 && strstr(msg, "minnet tog slut");
        if (!whole && !failed) {
            fprintf(stderr, "FAIL: %s, request %lu failing: status %d, %zu bytes out: %s\n", name, n, rc, out_len, msg);
            failures++;
        }
        n_oom += failed;
        free(out);
        free(msg);
        if (whole)
            break;   /* the run needed fewer than n requests */
    }
    printf("%s: %zu runs out of memory, each ended with 70\n", name, n_oom);
    free(want);
}

int main(void)
{
    medel_set_language("sv", NULL);
    medel_command c = {.rules = "rules/ungdomsmottagningar-2021.medel",
                       .applications = "examples/ansokningar-ungdomsmottagningar-2021.csv"};
    sweep("validate", medel_run_validate, &c, 1);
    sweep("allocate", medel_run_allocate, &c, 1);
    sweep("check", medel_run_check, &c, 1);
    c.scenario_text = "scenario arbetsytan { ändra pott kommunerna { belopp 20 MSEK } }";
    sweep("whatif", medel_run_whatif, &c, 1);
    return failures != 0;
}
