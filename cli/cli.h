/*
** cli.h: the medel command line. main.c is only a call to medel_main, so
** tests can run the commands in-process too.
*/
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

/* Runs `medel ARGS…`, printing results to out and diagnostics to err.
** Returns one of the MEDEL_EXIT_* codes of commands.h. */
int medel_main(int argc, char **argv, FILE *out, FILE *err);

#endif
