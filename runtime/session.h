/*
** session.h: what the commands share (private to runtime/): a loaded rule
** file with its tables, reading all applications, assessing them, and
** running the allocation.
*/
#ifndef RUNTIME_SESSION_H
#define RUNTIME_SESSION_H

#include <stdio.h>

#include "allocate.h"
#include "diag.h"
#include "input.h"
#include "medel.h"
#include "output.h"
#include "program.h"
#include "report.h"

/* Everything loaded for one rule file (or one scenario of it); freed by
** session_end. */
typedef struct Session {
    Arena a;
    SourceSet set;
    Diags d;
    Program *prog;
    TableData *tables;
    EvalContext cx;
    FILE *err;
    size_t n_reported;
    Application *apps;   /* read_all's array (malloc'd, freed by session_end) */
} Session;

/* Loads and checks the rules (with lo's scenario, if any) and their tables,
** reporting problems to err; returns an exit code. Call session_end after,
** whatever it returned. */
int session_load(Session *s, const char *rules, const LoadOptions *lo, FILE *err);
void session_end(Session *s);

InputFormat input_format(const char *name);

/* Reads every application into the session's arena. Returns the exit code
** (rejected rows are fatal unless o->keep_going); *apps_out and *n_out hold
** the valid ones. */
int read_all(Session *s, const MedelOptions *o, Application **apps_out, size_t *n_out, AppCounts *counts);

/* Every file a run reads (rule files, data files, the applications, and
** `extra` if not NULL), so an output file never replaces one of them. The
** array lives in the session's arena; *n gets its length. */
const char **session_inputs(Session *s, const char *applications, const char *extra, size_t *n);

/* Opens o->output (or standard output) for writing, refusing every input
** of the run; on failure reports why on s->err and returns false. */
bool session_output(Session *s, const MedelOptions *o, const char *extra, OutFile *out);

/* A fresh Assessment in `a`, and filling it in for one application. */
Assessment *new_assessment(Arena *a, const Program *p);
void assess(const Session *s, const Application *app, Outcome *crit, int64_t *prio, Assessment *as);

/* Assesses every application and runs the allocation. The assessments and
** the result live in the session's arena. Returns false (msg says why) only
** when allocation fails its own conservation check. */
bool run_allocation(Session *s, const Application *apps, size_t n, Assessment ***as_out, Allocation *al, char *msg,
                    size_t msg_len);

#endif
