/*
** commands.h: the commands of the medel program, one call per command, that
** cli.c's argument parsing calls (and tests call in-process). Each function
** runs one command end to end (load the rules and data, read the
** applications, evaluate, allocate, report), prints its `medel:` lines and
** returns an exit code. The cores of validate, fmt, diff, check, explain,
** allocate, whatif and beslut are the engine's (runtime/command.h), shared
** with the library's medel_run_* so that both write the same bytes; what
** is here is the program's own part (a terminal refused, fmt's rewriting
** of files, beslut's folder, mall and test).
*/
#ifndef CLI_COMMANDS_H
#define CLI_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

#include "command.h"   /* the options of the commands whose cores the library has (runtime/) */
#include "medel.h"
#include "status.h"

/* Exit codes; documented in docs/medel.1. Values follow sysexits.h where
** one fits; they are the engine's statuses (status.h), so that a command
** can return what the engine said. The public ones are medel.h's
** MEDEL_EXIT_*; these two are the program's own names for them. */
enum {
    MEDEL_EXIT_TESTS_FAILED = STATUS_FAILED,   /* medel test: a test failed (or none ran); medel diff: the files differ */
    MEDEL_EXIT_TEMPLATE = STATUS_RULES         /* beslut: the letter template has errors (as a rule file's: 65) */
};
_Static_assert((int)MEDEL_EXIT_OK == (int)STATUS_OK && (int)MEDEL_EXIT_PORTFOLIO == (int)STATUS_PORTFOLIO && (int)MEDEL_EXIT_USAGE == (int)STATUS_USAGE &&
                   (int)MEDEL_EXIT_RULES == (int)STATUS_RULES && (int)MEDEL_EXIT_NOINPUT == (int)STATUS_NOINPUT &&
                   (int)MEDEL_EXIT_APPLICATIONS == (int)STATUS_APPLICATIONS && (int)MEDEL_EXIT_NOT_FOUND == (int)STATUS_NOT_FOUND &&
                   (int)MEDEL_EXIT_HEADER == (int)STATUS_HEADER && (int)MEDEL_EXIT_SOFTWARE == (int)STATUS_SOFTWARE &&
                   (int)MEDEL_EXIT_ASSESSMENTS == (int)STATUS_ASSESSMENTS && (int)MEDEL_EXIT_IO == (int)STATUS_IO,
               "medel.h's exit codes are the engine's statuses");

/* medel validate: checks each rule file; a summary of each valid one. */
int medel_validate(char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err);

/* medel check: eligibility per application and pot, every failed criterion. */
int medel_check(const MedelOptions *o, FILE *out, FILE *err);

/* medel explain: the whole evaluation of one application, step by step. */
int medel_explain(const MedelOptions *o, FILE *out, FILE *err);

/* medel allocate: the pot tree, the grants, portfolio constraints, focus areas. */
int medel_allocate(const MedelOptions *o, FILE *out, FILE *err);

/* medel whatif: the baseline and each scenario side by side. With
** o->format MEDEL_FORMAT_TABLE, CSV or JSON, or html (html = true). */
int medel_whatif(const MedelOptions *o, const MedelWhatIfOptions *w, bool html, FILE *out, FILE *err);

/* Whether out (NULL: standard output) is a terminal, which a binary output
** (a workbook) is never written to; says so on err then. */
bool refuse_terminal(FILE *out, FILE *err);

typedef struct MedelMallOptions {
    const char *rules;          /* the rule file */
    const char *output;         /* NULL or "-" for standard output; else written atomically */
    const char *format;         /* "xlsx", "csv", or NULL: CSV when output ends in .csv, else xlsx */
    const char *table;          /* CSV: "ansökningar" (the header row, the default) or "anvisningar" */
    bool allow_outside_paths;
    bool assessments;           /* --bedömningar: the sheet of assessments for `applications` instead */
    const char *applications;   /* with assessments: the application file */
    const char *sheet;          /* a workbook's sheet of applications (--sheet; NULL: the first) */
    bool werror;                /* --werror: a warning in the rule file is an error (65, nothing written) */
} MedelMallOptions;

/* medel mall: the application template of a rule file, as a workbook (with
** comments, drop-down lists and instructions) or as CSV; with
** o->assessments, the sheet of assessments for the applications' cases
** that need a person (rulingsheet.h). */
int medel_mall(const MedelMallOptions *o, FILE *out, FILE *err);

/* medel beslut: allocates as allocate does and writes one decision letter
** per applicant, and index.html, into the folder o->output. */
int medel_beslut(const MedelBeslutOptions *o, FILE *out, FILE *err);

/* medel mall --brev: the built-in letter template, to output (NULL or "-":
** out), for the organisation to edit. */
int medel_mall_brev(const char *output, FILE *out, FILE *err);

typedef struct MedelTestOptions {
    bool allow_outside_paths;
    bool require_coverage;      /* a criterion or pot no test exercises counts as a failure */
    bool werror;                /* --werror: a rule file with warnings does not load (no test of it runs) */
} MedelTestOptions;

/* medel test: runs the 'test' blocks of each rule file (and of NAME.test.medel
** beside it); a folder means every rule file in it. Ends with the line
** "N passed, N failed". */
int medel_test(char *const *paths, int n_paths, const MedelTestOptions *o, FILE *out, FILE *err);

/* medel fmt: rewrites rule files in the canonical layout, keeping comments. */
int medel_fmt(char *const *files, int n, const MedelFmtOptions *o, FILE *out, FILE *err);

/* The exit code when the agreements differ, as diff(1) and cmp(1) have it,
** so a script can ask "did anything change?" without reading the output. */
enum { MEDEL_DIFF_DIFFERS = 1 };

/* medel diff OLD NEW: loads both rule files (each on its own, with its own
** data files and base files) and writes their differences to out.
** Diagnostics of the files go to err. Returns
**   0  (MEDEL_EXIT_OK)        both load and do not differ in substance,
**   1  (MEDEL_DIFF_DIFFERS)   both load and differ,
**   65 (MEDEL_EXIT_RULES)     a file has errors, or warnings with werror (nothing is written to out),
**   66 (MEDEL_EXIT_NOINPUT)   a file cannot be read (this wins over 65),
**   74 (MEDEL_EXIT_IO)        out cannot be written. */
int medel_diff(const char *old_path, const char *new_path, bool json, bool allow_outside_paths, bool werror, FILE *out,
               FILE *err);

#endif
