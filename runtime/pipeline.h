/*
** pipeline.h: reading and assessing a CSV file of applications on several
** threads, for the session (read_assessed) and for medel check, which
** streams its report. See pipeline.c.
*/
#ifndef RUNTIME_PIPELINE_H
#define RUNTIME_PIPELINE_H

#include <stdbool.h>

#include "assessment.h"
#include "buf.h"
#include "eval.h"
#include "input.h"

/* How many worker threads to use: MEDEL_JOBS if set (1 = none: read one row
** after the other), else the number of online processors, at most 16. */
int pipeline_jobs(void);

/* With on, pipeline_jobs on this thread is 1 unless MEDEL_JOBS is set: a
** library call (medel.h's commands) uses only its caller's thread. */
void pipeline_calling_thread_only(bool on);

/* What a command does with each valid application. work runs on a worker
** thread (any number at once, so it may touch only its arguments and what
** stays unchanged while reading) and may append bytes to out; commit runs on
** the calling thread, in input order, for each application that stays valid
** after its key is checked, with the bytes work appended for it. app and as
** (and the bytes) live only until commit returns. work may be NULL. */
typedef struct PipelineUse {
    void (*work)(void *user, const Application *app, const Assessment *as, Buf *out);
    void (*commit)(void *user, const Application *app, const Assessment *as, const char *out, size_t n);
    void *user;
} PipelineUse;

/* Reads every remaining row of r (CSV: apps_parallel) with `jobs` worker
** threads, assessing each valid application (under cx) and handing it to
** use. Messages reach report(ctx) in input order, as apps_next would give
** them. Returns false when reading stopped at a fatal input error (already
** reported). */
bool pipeline_run(const EvalContext *cx, AppReader *r, int jobs, const PipelineUse *use, InputReport report, void *ctx);

#endif
