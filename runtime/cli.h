/*
** cli.h: the medel command line. main.c is only a call to medel_main, so
** tests can run the commands in-process too.
*/
#ifndef RUNTIME_CLI_H
#define RUNTIME_CLI_H

#include <stdio.h>

/* Exit codes; documented in the README. Values follow sysexits.h where one fits. */
enum {
    MEDEL_EXIT_OK = 0,          /* everything valid */
    MEDEL_EXIT_USAGE = 64,      /* the command line is wrong */
    MEDEL_EXIT_RULES = 65,      /* a rule file (or its data) has errors */
    MEDEL_EXIT_NOINPUT = 66,    /* an input file cannot be read */
    MEDEL_EXIT_SOFTWARE = 70,   /* an internal error: a bug in medel */
    MEDEL_EXIT_IO = 74          /* an output file cannot be written */
};

/* Runs `medel ARGS…`, printing results to out and diagnostics to err.
** Returns one of the exit codes above. */
int medel_main(int argc, char **argv, FILE *out, FILE *err);

#endif
