/*
** command.h: the cores of the commands validate, fmt, diff, check, explain,
** allocate, whatif and beslut, shared by the program (cli/, which parses
** the arguments and does what only a program does: refusing a terminal,
** writing a folder of letters) and by the public calls of medel.h's section
** "commands" (command.c). One implementation, so the library writes the
** bytes the program writes. Internal: none of these names is exported.
**
** Each core writes its result to out and its messages to err, and returns
** an exit code (status.h; medel.h's MEDEL_EXIT_*).
*/
#ifndef RUNTIME_COMMAND_H
#define RUNTIME_COMMAND_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "medel.h"
#include "money.h"
#include "session.h"
#include "letters.h"
#include "lettertpl.h"
#include "status.h"

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
    const char *text;           /* the first file's text in place of its bytes (an editor's unsaved text), or NULL */
    size_t text_len;
} MedelValidateOptions;

/* medel validate: checks each rule file; a summary of each valid one. */
int command_validate(const char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err);

/* validate --format json's diagnostics: every error and warning of d, with
** its notes and, where set, its "fix", as JSON objects after *n earlier
** ones (*n counts them); scenario names the scenario they belong to, or is
** NULL. */
struct Diags;
void validate_json_diags(FILE *out, const struct Diags *d, const char *scenario, size_t *n);

/* medel check, explain, allocate. */
int command_check(const MedelOptions *o, FILE *out, FILE *err);
int command_explain(const MedelOptions *o, FILE *out, FILE *err);
int command_allocate(const MedelOptions *o, FILE *out, FILE *err);

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
    /* The same sweep as values (the library's): sweep_pot NULL for none. */
    const char *sweep_pot;
    Money sweep_from, sweep_to, sweep_step;
    const char *scenario_text;  /* scenario blocks as text (the workbench's), or NULL ... */
    const char *scenario_text_name;   /* ... and its name in messages ("arbetsytan") */
    bool xlsx;                  /* --format xlsx: a workbook */
    bool changes_table;         /* --table ändringar: the CSV of eligibility changes */
    const char *const *args;    /* the command line after "medel whatif", for Om körningen, or NULL */
    size_t n_args;
} MedelWhatIfOptions;

/* medel whatif: the baseline and each scenario side by side. With
** o->format MEDEL_FORMAT_TABLE, CSV or JSON, or html (html = true). */
int command_whatif(const MedelOptions *o, const MedelWhatIfOptions *w, bool html, FILE *out, FILE *err);

typedef struct MedelFmtOptions {
    bool check;       /* only report files that are not formatted (exit 1) */
    bool english;     /* write keywords in English (else Swedish) */
    bool to_stdout;   /* print the result instead of rewriting the file */
} MedelFmtOptions;

/* The canonical layout of the rule file path (or of text[0..len) under
** that name, text not NULL) into *formatted (malloc'd, *len_out bytes; the
** caller frees it) and, when same is not NULL, whether it is the file's
** own bytes. Returns 0, or 66 / 65 (syntax errors: rendered to err, with
** the line that the file was not formatted) and nothing in *formatted. */
int command_format(const char *path, const char *text, size_t len, bool english, char **formatted, size_t *len_out,
                   bool *same, FILE *err);

/* medel diff OLD NEW (new_text not NULL: NEW's text in place of its
** bytes): 0 or 1 (they differ), 65, 66, 74; see cli/commands.h.
** old_extended: OLD is the file NEW extends (utökar), read only when NEW
** loads, so that a name NEW may not reach is never opened. */
int command_diff(const char *old_path, const char *new_path, const char *new_text, size_t new_len, bool json,
                 bool allow_outside_paths, bool werror, bool old_extended, FILE *out, FILE *err);

/* The path the rule file path (or text) extends, resolved against its
** folder, into buf[0..n) ("" for none). Returns 0, 66 or 65. */
int command_extends(const char *path, const char *text, size_t len, char *buf, size_t n);

typedef struct MedelBeslutOptions {
    const char *rules;          /* the rule file */
    const char *applications;   /* the application file ("-" for standard input) */
    const char *input_format;   /* as MedelOptions */
    const char *sheet;
    const char *output;         /* --ut: the folder of letters (the program's) */
    const char *template_path;  /* --brevmall: the letter template, or NULL for the built-in one */
    const char *per;            /* --per: a field naming the applicant, "ansökan", or NULL (tak … per, else sökande) */
    const char *assessments;    /* the officers' assessments, or NULL */
    bool keep_going;
    bool allow_outside_paths;
    bool werror;                /* --werror: a warning in the rule file is an error (65, no letter written) */
} MedelBeslutOptions;

/* The letters of one run, made whole before any is written: the loaded
** session they borrow from, the compiled template, and one Letter per
** applicant (letters.h). Freed by letters_batch_free. */
typedef struct LetterBatch {
    Session s;
    bool loaded;
    const LetterTemplate *t;
    LetterRun run;
    Letter *letters;
    size_t n;
    bool built;              /* the letters are there to write */
    AppCounts counts;
    char date[32];
} LetterBatch;

/* Whether the letters may go where the caller puts them, asked before any
** application is read (a refusal costs nothing): inputs are every file the
** run reads. False after saying why on err. */
typedef bool (*LetterTargetFn)(void *ctx, const char *const *inputs, size_t n_inputs, FILE *err);

/* medel beslut up to the writing: loads and allocates as allocate does and
** builds the letters into *b. Returns the exit code; on 0 (and on 67 with
** o->keep_going, rows rejected) the letters are there to write. Call
** letters_batch_free after, whatever it returned. */
int command_letters(const MedelBeslutOptions *o, LetterTargetFn target, void *ctx, LetterBatch *b, FILE *err);
void letters_batch_free(LetterBatch *b);

/* The built-in letter template (docs/mallar/beslutsbrev.html, compiled in). */
extern const char letter_template_builtin[];
extern const size_t letter_template_builtin_len;

#endif
