/*
** pipeline.h: `medel check` of a CSV file on several threads (private to
** runtime/). See pipeline.c.
*/
#ifndef RUNTIME_PIPELINE_H
#define RUNTIME_PIPELINE_H

#include <stdbool.h>

#include "input.h"
#include "report.h"
#include "session.h"

/* How many worker threads check uses: MEDEL_JOBS if set (1 = none: the
** one-thread loop), else the number of online processors, at most 16. */
int check_jobs(void);

/* Checks every remaining row of r into rep with `jobs` worker threads
** (r must be CSV, apps_parallel, and rep's rows writable apart,
** report_check_rows_apart). Messages reach report(ctx) in input order, as
** apps_next would give them. Returns false when reading stopped at a fatal
** input error (already reported). */
bool check_pipeline(const Session *s, AppReader *r, Reporter *rep, int jobs, InputReport report, void *ctx);

#endif
