/*
** commands.h: the commands of the medel program, one call per command, that
** cli.c's argument parsing calls (and tests call in-process). Each function
** runs one command end to end (load the rules and data, read the
** applications, evaluate, allocate, report) through the engine in runtime/,
** prints its `medel:` lines and returns an exit code.
*/
#ifndef CLI_COMMANDS_H
#define CLI_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

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

typedef enum MedelFormat {
    MEDEL_FORMAT_TABLE,   /* aligned text for the terminal */
    MEDEL_FORMAT_CSV,     /* for Excel: ';'-separated, UTF-8 with BOM, decimal comma */
    MEDEL_FORMAT_JSON,    /* for other systems, with engine version and input hashes */
    MEDEL_FORMAT_XLSX,    /* an Excel workbook, one sheet per part of the report (check, allocate) */
    MEDEL_FORMAT_HTML     /* allocate: the decision basis, a page to print on A4 (basis.h) */
} MedelFormat;

typedef struct MedelOptions {
    const char *rules;          /* the rule file */
    const char *applications;   /* the application file ("-" for standard input) */
    const char *input_format;   /* NULL (by file name and content), "csv", "json", "jsonl" or "xlsx" */
    const char *sheet;          /* a workbook's sheet (--sheet; NULL: the first) */
    MedelFormat format;
    const char *output;         /* NULL or "-" for standard output; else written atomically */
    bool keep_going;            /* report bad rows and go on with the rest */
    bool allow_outside_paths;   /* data and base files outside the rule file's folder */
    const char *id;             /* explain: the application's key */
    const char *table;          /* allocate --format csv: which table (NULL: beslut); see xlsxreport.h */
    const char *assessments;    /* --bedömningar: the officers' assessments (ruling.h), or NULL */
    bool werror;                /* --werror: a warning in the rule file is an error (65, nothing written) */
    const char *const *args;    /* the command line after "medel COMMAND", for the record (Om körningen), or NULL */
    size_t n_args;
} MedelOptions;

typedef struct MedelValidateOptions {
    bool dump;                  /* print the checked program */
    bool dump_ast;              /* print the syntax tree (parse only) */
    bool trace_parse;           /* the parser's steps, on standard error */
    bool allow_outside_paths;
    const char *scenario_file;  /* also check the scenarios of this file */
    bool json;                  /* --format json: diagnostics and summaries as one JSON document on out */
    bool werror;                /* --werror: a file with warnings is one with errors (65) */
} MedelValidateOptions;

/* medel validate: checks each rule file; a summary of each valid one. */
int medel_validate(char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err);

/* medel check: eligibility per application and pot, every failed criterion. */
int medel_check(const MedelOptions *o, FILE *out, FILE *err);

/* medel explain: the whole evaluation of one application, step by step. */
int medel_explain(const MedelOptions *o, FILE *out, FILE *err);

/* medel allocate: the pot tree, the grants, portfolio constraints, focus areas. */
int medel_allocate(const MedelOptions *o, FILE *out, FILE *err);

typedef struct MedelWhatIfOptions {
    const char *scenario_file;  /* further 'scenario' blocks, or NULL */
    const char **scenarios;     /* the scenarios to compare, by name */
    size_t n_scenarios;
    bool all_scenarios;         /* every scenario known (when none is named) */
    const char **sets;          /* --set POT=AMOUNT: one extra scenario of all of them */
    size_t n_sets;
    const char **drops;         /* --drop CRITERION: removed in that scenario too */
    size_t n_drops;
    const char *sweep;          /* --sweep "POT=FROM..TO steg STEP" */
    bool xlsx;                  /* --format xlsx: a workbook (never onto a terminal) */
    bool changes_table;         /* --table ändringar: the CSV of eligibility changes */
    const char *const *args;    /* the command line after "medel whatif", for Om körningen, or NULL */
    size_t n_args;
} MedelWhatIfOptions;

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

typedef struct MedelBeslutOptions {
    const char *rules;          /* the rule file */
    const char *applications;   /* the application file ("-" for standard input) */
    const char *input_format;   /* as MedelOptions */
    const char *sheet;
    const char *output;         /* --ut: the folder of letters (made, or replaced if it holds only earlier letters) */
    const char *template_path;  /* --brevmall: the letter template, or NULL for the built-in one */
    const char *per;            /* --per: a field naming the applicant, "ansökan", or NULL (tak … per, else sökande) */
    bool keep_going;
    bool allow_outside_paths;
    bool werror;                /* --werror: a warning in the rule file is an error (65, no letter written) */
} MedelBeslutOptions;

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

typedef struct MedelFmtOptions {
    bool check;       /* only report files that are not formatted (exit 1) */
    bool english;     /* write keywords in English (else Swedish) */
    bool to_stdout;   /* print the result instead of rewriting the file */
} MedelFmtOptions;

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
