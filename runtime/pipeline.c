/*
** pipeline.c: reading and assessing a CSV file of applications on several
** threads, for `medel check` and `medel allocate`.
**
** Reading a record is quick; turning its cells into values, evaluating the
** criteria (and, for check, writing the report lines) is most of the work,
** and each row can be done on its own. So the main thread reads records into
** batches (copying their cells), worker threads convert, assess and hand
** whole batches to the command's work function, and the main thread commits
** the batches in input order: it prints each row's messages, counts the row
** and checks its key against the keys before it (input.h apps_commit), and
** hands the row to the command's commit function. Output, messages and
** counts are exactly those of reading one row after the other
** (session.c, cli/commands.c); only the time differs.
**
** A ring of batches bounds the memory: at most 2 * jobs + 2 batches (the
** ring's size) are read and not yet written at any time, whatever the size
** of the file.
*/
#include "pipeline.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

enum {
    BATCH_ROWS = 512,   /* rows per batch: enough to make the hand-over cheap */
    MAX_JOBS = 16
};

typedef struct Row {
    AppStatus st;            /* from reading, then from converting */
    Assessment *as;          /* in the batch's arena, when converted */
    size_t line;
    size_t cell_at, n_cells; /* in the batch's cells */
    size_t msg_from, msg_to; /* its messages in the batch's msgs, each ending in NUL */
    size_t out_from, out_to; /* its report lines in the batch's out */
    Application app;
} Row;

typedef struct Batch {
    bool done;               /* a worker has finished it; guarded by Pipeline.lock */
    size_t n;
    Row rows[BATCH_ROWS];
    CsvField *cells;         /* .s points into bytes once the batch is filled */
    size_t *cell_off;        /* where each cell's bytes start in bytes, while filling */
    size_t n_cells, cap_cells;
    Buf bytes;         /* the cells' bytes */
    Buf msgs;
    Buf out;
    Arena arena;             /* the rows' values and assessments */
} Batch;

typedef struct Pipeline {
    const EvalContext *cx;
    AppReader *r;
    const PipelineUse *use;
    Batch *ring;
    size_t n_ring;
    size_t next_work;        /* sequence number of the next batch for a worker */
    size_t n_filled;         /* batches handed to the workers so far */
    bool quit;
    pthread_mutex_t lock;
    pthread_cond_t work;     /* a batch was filled, or quit */
    pthread_cond_t done;     /* a batch was done */
} Pipeline;

/* InputReport into a batch: each message kept with its NUL, for the commit. */
static void collect(void *ctx, const char *msg)
{
    buf_put(&((Batch *)ctx)->msgs, msg, strlen(msg) + 1);
}

static void add_cells(Batch *b, const AppCells *c)
{
    if (c->n > b->cap_cells - b->n_cells) {
        size_t cap = b->cap_cells ? b->cap_cells : 1024;
        while (c->n > cap - b->n_cells)
            cap *= 2;
        b->cells = xrealloc(b->cells, cap * sizeof *b->cells);
        b->cell_off = xrealloc(b->cell_off, cap * sizeof *b->cell_off);
        b->cap_cells = cap;
    }
    for (size_t i = 0; i < c->n; i++) {
        b->cell_off[b->n_cells] = b->bytes.len;
        b->cells[b->n_cells] = c->fields[i];
        buf_put(&b->bytes, c->fields[i].s, c->fields[i].len);
        b->n_cells++;
    }
}

/* Reads up to BATCH_ROWS records into b (main thread). Returns false when
** reading is over (the end, or a fatal error kept as the batch's last row). */
static bool fill(Pipeline *pl, Batch *b)
{
    b->n = b->n_cells = 0;
    b->bytes.len = b->msgs.len = b->out.len = 0;
    arena_reset(&b->arena);
    bool more = true;
    while (b->n < BATCH_ROWS) {
        Row *row = &b->rows[b->n];
        AppCells c;
        row->msg_from = b->msgs.len;
        row->st = apps_next_cells(pl->r, &c, collect, b);
        row->msg_to = b->msgs.len;
        if (row->st == APP_END) {
            more = false;
            break;
        }
        row->line = c.line;
        row->cell_at = b->n_cells;
        row->n_cells = row->st == APP_OK ? c.n : 0;
        if (row->st == APP_OK)
            add_cells(b, &c);
        b->n++;
        if (row->st == APP_FATAL) {
            more = false;
            break;
        }
    }
    for (size_t i = 0; i < b->n_cells; i++)   /* bytes moved while growing: point now */
        b->cells[i].s = b->bytes.b ? b->bytes.b + b->cell_off[i] : "";   /* NULL while every cell was empty */
    return more;
}

/* Converts and assesses every row of b, and lets the user work on it (a
** worker thread). */
static void work(Pipeline *pl, Batch *b)
{
    const Program *p = pl->cx->prog;
    for (size_t i = 0; i < b->n; i++) {
        Row *row = &b->rows[i];
        memset(&row->app, 0, sizeof row->app);
        row->app.line = row->line;
        row->as = NULL;
        row->out_from = row->out_to = b->out.len;
        if (row->st != APP_OK)
            continue;
        AppCells c = {b->cells + row->cell_at, row->n_cells, row->line, NULL};   /* CSV only (apps_parallel) */
        row->msg_from = b->msgs.len;
        row->st = apps_convert(pl->r, &c, &b->arena, &row->app, collect, b);
        row->msg_to = b->msgs.len;
        if (row->st != APP_OK)
            continue;
        row->as = new_assessment(&b->arena, p);
        assess(pl->cx, &row->app, row->as->crit, row->as->prio, row->as);
        if (pl->use->work)
            pl->use->work(pl->use->user, &row->app, row->as, &b->out);
        row->out_to = b->out.len;
    }
}

static void *worker(void *arg)
{
    Pipeline *pl = arg;
    for (;;) {
        pthread_mutex_lock(&pl->lock);
        Batch *b = NULL;
        while (!pl->quit && pl->next_work == pl->n_filled)
            pthread_cond_wait(&pl->work, &pl->lock);
        if (pl->next_work < pl->n_filled) {
            b = &pl->ring[pl->next_work % pl->n_ring];
            pl->next_work++;
        }
        pthread_mutex_unlock(&pl->lock);
        if (!b)
            return NULL;   /* quit, and nothing left */
        work(pl, b);
        pthread_mutex_lock(&pl->lock);
        b->done = true;
        pthread_cond_broadcast(&pl->done);
        pthread_mutex_unlock(&pl->lock);
    }
}

/* Prints, counts and writes b's rows in order (main thread). Returns false
** after a fatal row. */
static bool commit(Pipeline *pl, Batch *b, InputReport report, void *ctx)
{
    enum { AHEAD = 8 };   /* rows whose key lookups are started before their turn */
    for (size_t i = 0; i < b->n && i < AHEAD; i++)
        apps_prefetch_key(pl->r, &b->rows[i].app);
    for (size_t i = 0; i < b->n; i++) {
        Row *row = &b->rows[i];
        if (i + AHEAD < b->n)
            apps_prefetch_key(pl->r, &b->rows[i + AHEAD].app);
        for (size_t at = row->msg_from; at < row->msg_to; at += strlen(b->msgs.b + at) + 1)
            report(ctx, b->msgs.b + at);
        if (row->st == APP_FATAL)
            return false;
        AppStatus st = apps_commit(pl->r, &row->app, row->st, report, ctx);
        if (st == APP_FATAL)
            return false;
        if (st == APP_OK)
            pl->use->commit(pl->use->user, &row->app, row->as, b->out.b + row->out_from, row->out_to - row->out_from);
    }
    return true;
}

/* Set by the library's commands (command.c) for the call in progress on
** this thread: the caller's thread only, unless MEDEL_JOBS says otherwise. */
static _Thread_local bool calling_thread_only;

void pipeline_calling_thread_only(bool on)
{
    calling_thread_only = on;
}

int pipeline_jobs(void)
{
    const char *env = getenv("MEDEL_JOBS");
    long n = env && *env ? strtol(env, NULL, 10) : calling_thread_only ? 1 : sysconf(_SC_NPROCESSORS_ONLN);
    if (n < 1)
        n = 1;
    return n > MAX_JOBS ? MAX_JOBS : (int)n;
}

bool pipeline_run(const EvalContext *cx, AppReader *r, int jobs, const PipelineUse *use, InputReport report, void *ctx)
{
    Pipeline pl = {.cx = cx, .r = r, .use = use, .n_ring = 2 * (size_t)jobs + 2};
    pl.ring = xmalloc(pl.n_ring * sizeof *pl.ring);
    for (size_t i = 0; i < pl.n_ring; i++) {
        memset(&pl.ring[i], 0, sizeof pl.ring[i]);   /* not done, empty buffers */
        arena_init(&pl.ring[i].arena);
    }
    pthread_mutex_init(&pl.lock, NULL);
    pthread_cond_init(&pl.work, NULL);
    pthread_cond_init(&pl.done, NULL);
    pthread_t threads[MAX_JOBS];
    int started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&threads[started], NULL, worker, &pl) != 0)
            break;
    bool reading = true, ok = true;
    size_t n_committed = 0;
    if (started == 0) {
        /* No thread at all: do the work here, batch by batch. */
        while (reading && ok) {
            Batch *b = &pl.ring[0];
            reading = fill(&pl, b);
            work(&pl, b);
            ok = commit(&pl, b, report, ctx);
        }
    }
    while (started > 0 && ok && (reading || n_committed < pl.n_filled)) {
        if (reading && pl.n_filled - n_committed < pl.n_ring) {
            Batch *b = &pl.ring[pl.n_filled % pl.n_ring];   /* free: committed before */
            reading = fill(&pl, b);
            pthread_mutex_lock(&pl.lock);
            b->done = false;   /* under the lock, before any worker can take it */
            pl.n_filled++;
            pthread_cond_signal(&pl.work);
            pthread_mutex_unlock(&pl.lock);
            continue;
        }
        Batch *b = &pl.ring[n_committed % pl.n_ring];
        pthread_mutex_lock(&pl.lock);
        while (!b->done)
            pthread_cond_wait(&pl.done, &pl.lock);
        pthread_mutex_unlock(&pl.lock);
        ok = commit(&pl, b, report, ctx);   /* b stays done until it is filled again */
        n_committed++;
    }
    pthread_mutex_lock(&pl.lock);
    pl.quit = true;
    pthread_cond_broadcast(&pl.work);
    pthread_mutex_unlock(&pl.lock);
    for (int i = 0; i < started; i++)
        pthread_join(threads[i], NULL);
    pthread_cond_destroy(&pl.done);
    pthread_cond_destroy(&pl.work);
    pthread_mutex_destroy(&pl.lock);
    for (size_t i = 0; i < pl.n_ring; i++) {
        Batch *b = &pl.ring[i];
        free(b->cells);
        free(b->cell_off);
        free(b->bytes.b);
        free(b->msgs.b);
        free(b->out.b);
        arena_free(&b->arena);
    }
    free(pl.ring);
    return ok;
}
