/*
** testrun.h: running the 'test' blocks of one rule file (and of
** NAME.test.medel beside it), the engine of medel test.
*/
#ifndef RUNTIME_TESTRUN_H
#define RUNTIME_TESTRUN_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

/* The tally of a run over any number of rule files. Zero it, give it out
** and arena_init its arena; arena_free it after. */
typedef struct TestRun {
    FILE *out;               /* each failure, the coverage, the files that do not load */
    size_t passed, failed;   /* tests */
    size_t uncovered;        /* under require_coverage: criteria, pots, priorities and portfolios no test exercises */
    size_t unloaded;         /* rule files that did not load (their tests did not run) */
    Arena a;                 /* messages */
} TestRun;

typedef struct TestOptions {
    bool allow_outside_paths;
    bool require_coverage;   /* a criterion or pot no test exercises counts in r->uncovered */
    bool werror;             /* a rule file with warnings does not load (--werror) */
} TestOptions;

/* Runs the tests of the rule file `rules`, adding to r; the loader's
** diagnostics and the reader's messages go to err. Returns the status of
** loading it (status.h: STATUS_RULES or STATUS_NOINPUT when it does not
** load, counted in r->unloaded); failed tests are counted, not returned. */
int test_file(TestRun *r, const char *rules, const TestOptions *o, FILE *err);

#endif
