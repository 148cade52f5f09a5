/*
** cli.h: the medel command line. main.c is only a call to medel_main, so
** tests and other programs can run every command in-process: messages go
** to err, and results to out (check, explain, allocate and whatif to -o
** FILE instead when it is given, written atomically; to out they come only
** once the whole report is made, so a failed run writes nothing there).
*/
#ifndef CLI_CLI_H
#define CLI_CLI_H

#include <stdio.h>

/* Runs `medel ARGS…`, printing results to out and diagnostics to err.
** Returns one of the MEDEL_EXIT_* codes of commands.h. */
int medel_main(int argc, char **argv, FILE *out, FILE *err);

#endif
