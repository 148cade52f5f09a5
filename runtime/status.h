/*
** status.h: how an engine call ended, for the calls that return more than
** success or failure. The values are those of the command line's exit codes
** (cli/commands.h names them MEDEL_EXIT_*, docs/medel.1 documents them), so
** that a command can return what the engine said; they follow sysexits.h
** where one fits.
*/
#ifndef RUNTIME_STATUS_H
#define RUNTIME_STATUS_H

typedef enum Status {
    STATUS_OK = 0,
    STATUS_FAILED = 1,          /* a test failed, or two agreements differ */
    STATUS_PORTFOLIO = 3,       /* allocate: the result breaks a binding portfolio constraint (the report is written) */
    STATUS_USAGE = 64,          /* a request the engine cannot take as given (e.g. no scenario named) */
    STATUS_RULES = 65,          /* a rule file, a scenario or a data table has errors */
    STATUS_NOINPUT = 66,        /* an input file cannot be read */
    STATUS_APPLICATIONS = 67,   /* application rows were rejected, or read otherwise under a scenario */
    STATUS_NOT_FOUND = 68,      /* no application has the key asked for */
    STATUS_HEADER = 69,         /* the columns of an applications file or a data table do not match the rule file */
    STATUS_SOFTWARE = 70,       /* a bug in medel, e.g. conservation failed */
    STATUS_ASSESSMENTS = 72,    /* the file of assessments (--bedömningar) has errors */
    STATUS_IO = 74              /* an output file cannot be written */
} Status;

/* Which of two outcomes a run over several files ends with: the more
** serious, in this order: 70 (a bug), 74 (cannot write), 66 (cannot read),
** 65 (errors in a file), 69 (columns that do not match), 72 (errors in the assessments), 68, 67, 64, 3 (a binding portfolio
** constraint is broken), 1 (a test failed, a file is not formatted, the files differ), 0. A broken
** binding constraint yields to every error of the input, since rejected rows or a broken file make
** the result it judges doubtful itself; 3 is not 2, which diff(1) and many tools use for trouble. Every command that looks at several
** files combines their outcomes with it, so that `validate a b`,
** `fmt --check a b` and `test a b` end alike, whatever the order of the
** files. */
int status_worst(int a, int b);

#endif
