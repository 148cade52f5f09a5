/*
** session.h: what one run of the engine loads and reads: a loaded rule file
** with its tables, reading all applications, assessing them, and running
** the allocation. The commands (cli/) and the what-if and test engines work
** through it. A session says its messages on a stream, to a listener, or
** (quiet) nowhere.
*/
#ifndef RUNTIME_SESSION_H
#define RUNTIME_SESSION_H

#include <stdio.h>

#include "allocate.h"
#include "assessment.h"
#include "diag.h"
#include "input.h"
#include "output.h"
#include "program.h"
#include "report.h"
#include "ruling.h"
#include "status.h"

/* Everything loaded for one rule file (or one scenario of it); freed by
** session_end. A derived session (session_derive) borrows its tables and
** source files from the session it was derived from. */
typedef struct Session {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    TableData *tables;
    EvalContext cx;
    FILE *err;              /* where the session's messages go; NULL: nowhere (a quiet session) */
    InputReport listen;     /* set after loading: the messages of reading and of opening the output go to it */
    void *listen_ctx;       /* instead of err, a line at a time (without its newline) */
    const char *scenario;   /* the scenario loaded, or NULL: the readers' messages are prefixed with it (borrowed) */
    Application *apps;   /* read_all's or read_assessed's arrays (malloc'd, freed by session_end) */
    Assessment **as;
    Candidate *cands;
    bool keep_values;       /* read_assessed keeps every application's values, for a report that lists them all */
    RulingSet *rulings;     /* the officers' assessments (session_rulings), or NULL; also s->cx.rulings */
    bool *ruling_seen;      /* per ruling: an application read took it (malloc'd, freed by session_end) */
    size_t ruling_errors;   /* problems session_rulings_app found */
    const char **ruling_keys;   /* the keys of the applications read, for suggestions (malloc'd) */
    size_t n_ruling_keys, cap_ruling_keys;
} Session;

/* Loads and checks the rules (with lo's scenario, if any) and their tables,
** reporting problems to err (NULL: a quiet session, which says nothing);
** returns a status (status.h). Call session_end after, whatever it
** returned. */
int session_load(Session *s, const char *rules, const LoadOptions *lo, FILE *err);

/* What session_derive returns for a scenario that changes more than pot
** amounts (not an exit code). */
#define SESSION_NOT_DERIVED (-1)

/* Like session_load(s, rules, lo) with lo->scenario = scenario->name (lo
** names the scenario file or text, for messages), for a scenario (one
** of base->prog->scenarios) that changes nothing but pot amounts: its
** program is derived from base's (program_apply_amounts) and shares base's
** tables and source files, so nothing is read or parsed again, and the
** applications and assessments made under base hold for it as they are.
** Reports as session_load does and returns an exit code, or
** SESSION_NOT_DERIVED, having reported nothing, when the scenario changes
** more (session_load it then). Call session_end after, whatever it
** returned; base must outlive s. */
int session_derive(Session *s, const Session *base, const char *rules, const LoadOptions *lo, const Scenario *scenario,
                   FILE *err);

void session_end(Session *s);

/* Reads the officers' assessments (ruling.h) at path for the session's
** program and attaches them (s->rulings, s->cx.rulings) so that every
** assessment made after takes them; path NULL: none. Returns the exit code:
** 0, or 66, 69, 72 after reporting why. */
int session_rulings(Session *s, const char *path);

/* Checks an application's assessment (made under s->cx) against its
** rulings, and notes its key; for every application read, in input order. */
void session_rulings_app(Session *s, const Application *app, const Assessment *as);

/* After reading: the rulings that named no application read, and the
** problems found; returns 0, or 72 (STATUS_ASSESSMENTS) when there were
** any (all reported). */
int session_rulings_end(Session *s);

InputFormat input_format(const char *name);

/* Where a run's applications come from, and what a rejected row does. */
typedef struct ReadOptions {
    const char *applications;   /* the application file ("-" for standard input) */
    InputFormat format;         /* INPUT_AUTO: by the file's name */
    bool keep_going;            /* report a rejected row and read on; else the read fails (exit 67) */
    const char *sheet;          /* a workbook's sheet to read (NULL: the first) */
} ReadOptions;

/* Reads every application into the session's arena. Returns the exit code
** (rejected rows are fatal unless o->keep_going); *apps_out and *n_out hold
** the valid ones. The reader's messages and the counts line are the
** session's (s->listen, or s->err). */
int read_all(Session *s, const ReadOptions *o, Application **apps_out, size_t *n_out, AppCounts *counts);

/* Every file a run reads (rule files, data files, the applications, and
** `extra` if not NULL), so an output file never replaces one of them. The
** array lives in the session's arena; *n gets its length. */
const char **session_inputs(Session *s, const char *applications, const char *extra, size_t *n);

/* Opens `output` (NULL or "-": standard output) for writing, refusing every
** input of the run (the applications and `extra` among them); on failure
** says why (s->listen, or s->err) and returns false. */
bool session_output(Session *s, const char *output, const char *applications, const char *extra, OutFile *out);

/* For allocate: reads every application and assesses it as it is read,
** keeping only what the allocation and its report use: the key and the
** assessment of each, and the values only of applications eligible for some
** pot or in need of manual assessment (the others' values all read as
** missing, unless s->keep_values; nothing after assessment but a report
** that lists every application looks at them). A million applications, most of them ineligible, then take
** about half the memory of read_all + assess_all. Arrays of *n_out entries;
** returns the exit code as read_all does. */
int read_assessed(Session *s, const ReadOptions *o, Application **apps_out, Assessment ***as_out, Candidate **cands_out,
                  size_t *n_out, AppCounts *counts);

/* Assesses every application and fills in what allocation needs of each:
** *as_out and *cands_out get n entries each, in the session's arena. */
void assess_all(Session *s, const Application *apps, size_t n, Assessment ***as_out, Candidate **cands_out);

/* Assesses every application and runs the allocation. The assessments and
** the result live in the session's arena. Returns false (msg says why) only
** when allocation fails its own conservation check. */
bool run_allocation(Session *s, const Application *apps, size_t n, Assessment ***as_out, Allocation *al, char *msg,
                    size_t msg_len);

/* The reader's messages, said as the session's (s->listen, or s->err),
** under the scenario's name if any; an InputReport with the session as ctx. */
void report_line(void *ctx, const char *msg);

/* The line after reading: "PATH: N ansökningar lästa, …", as the session's. */
void counts_line(const Session *s, const char *path, AppCounts c);

/* Opens the applications for reading under s (standard input, "-", made
** readable again and hashed first); NULL when they cannot be read
** (reported). */
AppReader *open_applications(Session *s, const char *applications, InputFormat format, const char *sheet);

/* What explain learns of the rejected row whose key is the one asked for:
** the reader's messages about it. Filled in by read_rows. */
typedef struct Watch {
    Session *s;
    const char *key;      /* the key asked for */
    char *row;            /* the current row's messages (malloc'd, freed by the caller) */
    size_t row_len, row_cap;
    char *why;            /* the messages of the rejected row with that key, or NULL (in s->a) */
} Watch;

/* read_all; with a Watch, the messages of a rejected row whose key is the
** one watched are kept in it. */
int read_rows(Session *s, const ReadOptions *o, Watch *w, Application **apps_out, size_t *n_out, AppCounts *counts);

#endif
