/*
** cli.h: the medel command line. main.c is only a call to medel_main, so
** tests can run it in-process too. Messages go to err and validate, test,
** fmt, diff, --help and --version print to out; check, explain, allocate and
** whatif write their report to -o FILE or to the process's standard output,
** not to out.
*/
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

/* Runs `medel ARGS…`, printing results to out and diagnostics to err.
** Returns one of the MEDEL_EXIT_* codes of commands.h. */
int medel_main(int argc, char **argv, FILE *out, FILE *err);

#endif
