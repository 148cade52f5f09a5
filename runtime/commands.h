/*
** commands.h: the command-level calls, one per medel command, that the
** command line uses. Each
** function runs one command end to end (load the rules and data, read the
** applications, evaluate, allocate, report) and returns an exit code.
*/
#ifndef RUNTIME_COMMANDS_H
#define RUNTIME_COMMANDS_H

#include <stdbool.h>
#include <stdio.h>

/* Exit codes; documented in the README. Values follow sysexits.h where one fits. */
enum {
    MEDEL_EXIT_OK = 0,          /* done; everything valid */
    MEDEL_EXIT_TESTS_FAILED = 1, /* medel test: a test failed (or none ran); medel diff: the files differ */
    MEDEL_EXIT_USAGE = 64,      /* the command line is wrong */
    MEDEL_EXIT_RULES = 65,      /* a rule file (or its data) has errors */
    MEDEL_EXIT_NOINPUT = 66,    /* an input file cannot be read */
    MEDEL_EXIT_APPLICATIONS = 67, /* application rows were rejected (nothing written unless --keep-going) */
    MEDEL_EXIT_NOT_FOUND = 68,  /* explain: no application has that key */
    MEDEL_EXIT_SOFTWARE = 70,   /* an internal error, e.g. conservation failed: a bug in medel */
    MEDEL_EXIT_IO = 74          /* an output file cannot be written */
};

typedef enum MedelFormat {
    MEDEL_FORMAT_TABLE,   /* aligned text for the terminal */
    MEDEL_FORMAT_CSV,     /* for Excel: ';'-separated, UTF-8 with BOM, decimal comma */
    MEDEL_FORMAT_JSON     /* for other systems, with engine version and input hashes */
} MedelFormat;

typedef struct MedelOptions {
    const char *rules;          /* the rule file */
    const char *applications;   /* the application file ("-" for standard input) */
    const char *input_format;   /* NULL (by file name), "csv", "json" or "jsonl" */
    MedelFormat format;
    const char *output;         /* NULL or "-" for standard output; else written atomically */
    bool keep_going;            /* report bad rows and go on with the rest */
    bool allow_outside_paths;   /* data and base files outside the rule file's folder */
    const char *id;             /* explain: the application's key */
} MedelOptions;

typedef struct MedelValidateOptions {
    bool dump;                  /* print the checked program */
    bool dump_ast;              /* print the syntax tree (parse only) */
    bool trace_parse;           /* the parser's steps, on standard error */
    bool allow_outside_paths;
    const char *scenario_file;  /* also check the scenarios of this file */
    bool json;                  /* --format json: diagnostics and summaries as one JSON document on out */
} MedelValidateOptions;

/* medel validate: checks each rule file; a summary of each valid one. */
int medel_validate(char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err);

/* medel check: eligibility per application and pot, every failed criterion. */
int medel_check(const MedelOptions *o, FILE *err);

/* medel explain: the whole evaluation of one application, step by step. */
int medel_explain(const MedelOptions *o, FILE *err);

/* medel allocate: the pot tree, the grants, portfolio constraints, focus areas. */
int medel_allocate(const MedelOptions *o, FILE *err);

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
} MedelWhatIfOptions;

/* medel whatif: the baseline and each scenario side by side. With
** o->format MEDEL_FORMAT_TABLE, CSV or JSON, or html (html = true). */
int medel_whatif(const MedelOptions *o, const MedelWhatIfOptions *w, bool html, FILE *err);

typedef struct MedelTestOptions {
    bool allow_outside_paths;
    bool require_coverage;      /* a criterion or pot no test exercises counts as a failure */
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

/* medel diff: what changed between two agreements, in substance. Returns 0
** when they do not differ, 1 when they do, 65/66 when a file does not load. */
int medel_diff(const char *old_path, const char *new_path, bool json, bool allow_outside_paths, FILE *out, FILE *err);

#endif
