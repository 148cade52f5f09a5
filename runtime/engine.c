/*
** engine.c: the engine API of medel.h over the internals: program_load and
** tables_load for a program, the application readers (input.h) and
** input_cell for a set of applications, assess for an assessment,
** allocation_run for an allocation, and the report writers of report.h.
** Nothing here reads, evaluates or allocates on its own; it keeps what the
** internals give as data and hands out borrowed views of it.
**
** Out of memory: every public call that allocates runs under a guard. The
** guard sets the arena's out-of-memory hook (arena.h) for the calling
** thread; the hook longjmps to the guard of the call in progress (a
** thread-local jmp_buf, as Lua's luaD_throw does), whose cleanup frees the
** object under construction and returns MEDEL_ENOMEM. Everything a call
** makes hangs from one heap object (the call's "job" or the object it
** returns) from the moment it is made, so the cleanup can find it.
*/
#define _GNU_SOURCE   /* fopencookie, open_memstream */

#include "medel.h"

#include <inttypes.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "allocate.h"
#include "apportion.h"
#include "arena.h"
#include "basis.h"
#include "diag.h"
#include "eval.h"
#include "i18n.h"
#include "input.h"
#include "output.h"
#include "program.h"
#include "report.h"
#include "session.h"
#include "template.h"
#include "workbook.h"
#include "source.h"
#include "value.h"
#include "workbook.h"
#include "xlsxreport.h"

/* ---- the out-of-memory guard ---- */

static _Thread_local jmp_buf *guard_top;   /* the guard of the call in progress on this thread */

static _Noreturn void guard_throw(void)
{
    longjmp(*guard_top, 1);
}

/* Makes jb the target of out of memory; returns the guard it replaces (a
** call within a call), to be given to guard_pop. The outermost guard also
** starts tracking what the call allocates and opens (arena.h). */
static jmp_buf *guard_push(jmp_buf *jb)
{
    jmp_buf *outer = guard_top;
    guard_top = jb;
    if (!outer) {
        arena_set_oom_hook(guard_throw);
        arena_track_begin();
    }
    return outer;
}

/* Ends the guard; `failed`: out of memory left the call, whose own
** cleanup has run, and what is still tracked is freed and closed. */
static void guard_pop(jmp_buf *outer, bool failed)
{
    guard_top = outer;
    if (!outer) {
        arena_track_end(failed);
        arena_set_oom_hook(NULL);
    }
}

/* Runs `body` (a statement) under a guard; on out of memory runs `cleanup`
** (which frees the object being made, and puts back an object being
** changed), frees whatever else the call allocated, and returns
** MEDEL_ENOMEM from the enclosing function. Variables the body changes and
** the cleanup reads must live in heap objects (or be volatile). */
#define GUARDED(body, cleanup)                  \
    do {                                        \
        jmp_buf jb_;                            \
        jmp_buf *outer_ = guard_push(&jb_);     \
        if (setjmp(jb_)) {                      \
            cleanup;                            \
            guard_pop(outer_, true);            \
            return MEDEL_ENOMEM;                \
        }                                       \
        body;                                   \
        guard_pop(outer_, false);               \
    } while (0)

const char *medel_strerror(int errnum)
{
    return i18n_strerror(errnum);
}

const char *medel_status_text(int status)
{
    switch (status) {
    case MEDEL_OK: return _("klart");
    case MEDEL_ENOMEM: return _("minnet tog slut");
    case MEDEL_EINVAL: return _("ogiltigt argument");
    case MEDEL_ENOINPUT: return _("en indatafil kan inte läsas");
    case MEDEL_ERULES: return _("regelfilen har fel");
    case MEDEL_EAPPS: return _("ansökningar avvisades");
    case MEDEL_EIO: return _("utdata kan inte skrivas");
    case MEDEL_EBUG: return _("ett internt fel i medel");
    case MEDEL_EHEADER: return _("kolumnerna i en fil stämmer inte med regelfilen");
    default: return _("okänd status");
    }
}

/* A zeroed heap object, or NULL (the caller returns MEDEL_ENOMEM). */
static void *zalloc(size_t n)
{
    return calloc(1, n);
}

/* ---- programs ---- */

struct medel_program {
    int status;
    Session s;                    /* the arena, sources, diagnostics, program, tables */
    const char *path;             /* in s.a */
    const char *scenario;         /* in s.a, or NULL */
    bool allow_outside_paths;
    medel_diagnostic *diags;      /* in s.a */
    size_t n_diags, n_errors;
    char **table_msgs;            /* tables_load's messages (malloc'd array of malloc'd texts) */
    size_t n_table_msgs, cap_table_msgs;
};

static void table_msg(void *ctx, const char *msg)
{
    medel_program *p = ctx;
    /* The capacity changes only once the memory is there: out of memory may
    ** leave here at any allocation (see the guard). */
    if (p->n_table_msgs == p->cap_table_msgs) {
        size_t cap = p->cap_table_msgs ? 2 * p->cap_table_msgs : 8;
        p->table_msgs = xrealloc(p->table_msgs, cap * sizeof *p->table_msgs);
        p->cap_table_msgs = cap;
    }
    p->table_msgs[p->n_table_msgs] = xstrdup(msg);
    p->n_table_msgs++;
}

static medel_location location(const SourceSet *set, Span sp)
{
    medel_location l = {0};
    if (span_is_none(sp) || sp.file >= set->n_files)
        return l;
    const SourceFile *f = source_get(set, sp.file);
    SourcePos a = source_position(f, sp.start), b = source_position(f, sp.end);
    l.file = f->path;
    l.line = (unsigned)a.line;
    l.column = (unsigned)a.col;
    l.end_line = (unsigned)b.line;
    l.end_column = (unsigned)b.col;
    return l;
}

/* The diagnostic leaders in the order diags_render shows them. */
typedef struct DiagKey {
    uint32_t file, start;
    size_t seq;
} DiagKey;

static int diag_key_cmp(const void *pa, const void *pb)
{
    const DiagKey *a = pa, *b = pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Turns the Diags and the table messages into p->diags, in p's arena. */
static void collect_diagnostics(medel_program *p)
{
    const Diags *d = &p->s.d;
    Arena *a = &p->s.a;
    size_t n_lead = 0;
    for (size_t i = 0; i < d->n; i++)
        n_lead += d->items[i].level != DIAG_NOTE;
    DiagKey *keys = arena_alloc(a, (n_lead + 1) * sizeof *keys);
    size_t k = 0;
    for (size_t i = 0; i < d->n; i++) {
        const Diag *g = &d->items[i];
        if (g->level == DIAG_NOTE)
            continue;
        keys[k++] = (DiagKey){g->span.file, span_is_none(g->span) ? 0 : g->span.start, i};
    }
    qsort(keys, n_lead, sizeof *keys, diag_key_cmp);
    p->diags = arena_alloc(a, (n_lead + p->n_table_msgs + 1) * sizeof *p->diags);
    for (size_t j = 0; j < n_lead; j++) {
        const Diag *g = &d->items[keys[j].seq];
        medel_diagnostic *x = &p->diags[p->n_diags++];
        x->severity = g->level == DIAG_ERROR ? MEDEL_ERROR : MEDEL_WARNING;
        x->where = location(&p->s.set, g->span);
        x->message = g->msg;   /* owned by the Diags, which live as long as p */
        size_t nn = 0;
        for (size_t i = 0; i < d->n; i++)
            nn += d->items[i].level == DIAG_NOTE && d->items[i].group == keys[j].seq;
        medel_note *notes = arena_alloc(a, (nn + 1) * sizeof *notes);
        for (size_t i = 0; i < d->n; i++)
            if (d->items[i].level == DIAG_NOTE && d->items[i].group == keys[j].seq)
                notes[x->n_notes++] = (medel_note){location(&p->s.set, d->items[i].span), d->items[i].msg};
        x->notes = notes;
        p->n_errors += g->level == DIAG_ERROR;
    }
    for (size_t i = 0; i < p->n_table_msgs; i++) {
        medel_diagnostic *x = &p->diags[p->n_diags++];
        /* "T.csv: note: …" (the encoding a table was read in, its empty
        ** rows skipped) is a warning; the rest are errors. */
        bool note = strstr(p->table_msgs[i], ": note: ") != NULL;
        x->severity = note ? MEDEL_WARNING : MEDEL_ERROR;
        x->message = p->table_msgs[i];
        p->n_errors += !note;
    }
}

static void program_load_into(medel_program *p, const char *name, const char *text, size_t len,
                              const medel_load_options *opt)
{
    Session *s = &p->s;
    arena_init(&s->a);
    source_set_init(&s->set);
    diags_init(&s->d, &s->set);
    p->path = arena_strdup(&s->a, name);
    p->allow_outside_paths = opt && opt->allow_outside_paths;
    p->scenario = opt && opt->scenario ? arena_strdup(&s->a, opt->scenario) : NULL;
    s->scenario = p->scenario;
    LoadOptions lo = {.allow_outside_paths = p->allow_outside_paths, .scenario = p->scenario};
    s->prog = text ? program_load_text(&s->a, &s->set, &s->d, p->path, text, len, &lo)
                   : program_load(&s->a, &s->set, &s->d, p->path, &lo);
    if (!s->prog) {
        p->status = MEDEL_ENOINPUT;
    } else if (s->d.n_errors) {
        /* Only data files' headers that lack a column: as the command line's 69. */
        p->status = s->d.n_errors == s->d.n_header_errors ? MEDEL_EHEADER : MEDEL_ERULES;
    } else {
        s->tables = tables_load(s->prog, &s->a, table_msg, p);
        p->status = s->tables ? MEDEL_OK : input_failure() == STATUS_HEADER ? MEDEL_EHEADER : MEDEL_ERULES;
        s->cx = (EvalContext){s->prog, s->tables, NULL};
    }
    collect_diagnostics(p);
}

void medel_program_free(medel_program *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n_table_msgs; i++)
        free(p->table_msgs[i]);
    free(p->table_msgs);
    session_end(&p->s);
    free(p);
}

/* Loads the rule file `name`, or with text not NULL the text text[0..len)
** under that name. */
static int program_load_any(const char *name, const char *text, size_t len, const medel_load_options *opt,
                            medel_program **out)
{
    if (!out)
        return MEDEL_EINVAL;
    *out = NULL;
    if (!name)
        return MEDEL_EINVAL;
    medel_program *p = zalloc(sizeof *p);
    if (!p)
        return MEDEL_ENOMEM;
    GUARDED(program_load_into(p, name, text, len, opt), medel_program_free(p));
    *out = p;
    return p->status;
}

int medel_program_load(const char *path, const medel_load_options *opt, medel_program **out)
{
    return program_load_any(path, NULL, 0, opt, out);
}

int medel_program_load_text(const char *name, const char *text, size_t len, const medel_load_options *opt,
                            medel_program **out)
{
    if (!text && len) {
        if (out)
            *out = NULL;
        return MEDEL_EINVAL;
    }
    return program_load_any(name, text ? text : "", len, opt, out);
}

int medel_program_status(const medel_program *p)
{
    return p ? p->status : MEDEL_EINVAL;
}

size_t medel_program_diagnostic_count(const medel_program *p)
{
    return p ? p->n_diags : 0;
}

size_t medel_program_error_count(const medel_program *p)
{
    return p ? p->n_errors : 0;
}

const medel_diagnostic *medel_program_diagnostic(const medel_program *p, size_t i)
{
    return p && i < p->n_diags ? &p->diags[i] : NULL;
}

/* What session_load writes on standard error, in the same order. */
static void render_into(const medel_program *p, FILE *out)
{
    const Session *s = &p->s;
    diags_render(&s->d, out);
    if (!s->prog)
        return;
    char counts[96];
    const char *sep = p->scenario ? ", scenario " : "", *name = p->scenario ? p->scenario : "";
    if (s->d.n_errors && s->d.n_warnings) {
        fprintf(out, _("%s%s%s: %s; rätta regelfilen först\n"), p->path, sep, name,
                diags_count_text(s->d.n_errors, s->d.n_warnings, counts, sizeof counts));
        return;
    }
    if (s->d.n_errors) {
        size_t n = s->d.n_errors;
        fprintf(out, P_("%s%s%s: %zu fel; rätta regelfilen först\n", "%s%s%s: %zu fel; rätta regelfilen först\n", n), p->path,
                sep, name, n);
        return;
    }
    if (s->d.n_warnings)   /* as session_load's warnings_line */
        fprintf(out, "%s%s%s: %s\n", p->path, sep, name, diags_count_text(0, s->d.n_warnings, counts, sizeof counts));
    for (size_t i = 0; i < p->n_table_msgs; i++) {
        if (p->scenario)
            fprintf(out, "scenario %s: ", p->scenario);
        fprintf(out, "%s\n", p->table_msgs[i]);
    }
}

/* Output made whole in memory before a byte reaches the caller's stream. */
typedef struct Job {
    char *buf;          /* open_memstream's */
    size_t len;
    FILE *mem;          /* writes into buf */
    FILE *esc;          /* an escaping stream over mem (table output), or NULL */
    Arena rows;         /* per-row scratch */
    Reporter *rep;
    Workbook *wb;       /* a workbook being made (MEDEL_XLSX), or NULL */
    CheckSheets *sheets;
    ReaderLog log;      /* the set's problems, for Avvisade rader */
    bool failed;        /* the workbook could not be made: MEDEL_EIO */
} Job;

static void job_free(Job *j)
{
    if (j->sheets)
        xlsx_check_free(j->sheets);
    workbook_abort(j->wb);
    reader_log_free(&j->log);
    if (j->esc)
        fclose(j->esc);
    if (j->mem)
        fclose(j->mem);
    free(j->buf);
    arena_free(&j->rows);
    free(j);
}

/* A Job with its memory stream open, or NULL (out of memory). */
static Job *job_new(void)
{
    Job *j = zalloc(sizeof *j);
    if (!j)
        return NULL;
    arena_init(&j->rows);
    j->mem = open_memstream(&j->buf, &j->len);
    if (!j->mem) {
        free(j);
        return NULL;
    }
    return j;
}

/* Opens the escaping stream for table output; false when out of memory. */
static bool job_escape(Job *j)
{
    j->esc = out_escaping_stream(j->mem);
    return j->esc != NULL;
}

/* Closes the streams and copies the bytes to out; frees j. */
static int job_finish(Job *j, FILE *out)
{
    int rc = MEDEL_OK;
    if (j->esc && fclose(j->esc) != 0)
        rc = MEDEL_ENOMEM;
    j->esc = NULL;
    if (fclose(j->mem) != 0)
        rc = MEDEL_ENOMEM;
    j->mem = NULL;
    if (rc == MEDEL_OK && j->failed)
        rc = MEDEL_EIO;
    if (rc == MEDEL_OK && j->len && (fwrite(j->buf, 1, j->len, out) != j->len || fflush(out) != 0))
        rc = MEDEL_EIO;
    job_free(j);
    return rc;
}

int medel_program_render_diagnostics(const medel_program *p, FILE *out)
{
    if (!p || !out)
        return MEDEL_EINVAL;
    Job *j = job_new();
    if (!j)
        return MEDEL_ENOMEM;
    GUARDED(render_into(p, j->mem), job_free(j));
    return job_finish(j, out);
}

static const Program *prog_of(const medel_program *p)
{
    return p && p->status == MEDEL_OK ? p->s.prog : NULL;
}

const char *medel_program_name(const medel_program *p)
{
    const Program *g = prog_of(p);
    return g ? g->name : NULL;
}

size_t medel_program_field_count(const medel_program *p)
{
    const Program *g = prog_of(p);
    return g ? g->n_fields : 0;
}

const char *medel_program_field_name(const medel_program *p, size_t field)
{
    const Program *g = prog_of(p);
    return g && field < g->n_fields ? g->fields[field].name : NULL;
}

const char *medel_program_field_column(const medel_program *p, size_t field)
{
    const Program *g = prog_of(p);
    return g && field < g->n_fields ? g->fields[field].column : NULL;
}

size_t medel_program_pot_count(const medel_program *p)
{
    const Program *g = prog_of(p);
    return g ? g->n_pots : 0;
}

const char *medel_program_pot_name(const medel_program *p, size_t pot)
{
    const Program *g = prog_of(p);
    return g && pot < g->n_pots ? g->pots[pot].name : NULL;
}

int medel_program_pot_takes_applications(const medel_program *p, size_t pot)
{
    const Program *g = prog_of(p);
    return g && pot < g->n_pots && eval_takes_applications(g, (int)pot);
}

/* ---- applications ---- */

struct medel_applications {
    const medel_program *p;
    Arena a;                   /* the applications' values and keys, the problems' texts */
    const char *name;          /* in a */
    Application *apps;         /* malloc'd */
    size_t n, cap;
    medel_problem *problems;   /* malloc'd; texts in a */
    size_t n_problems, cap_problems;
    size_t row_first;          /* the first problem of the row being read */
    AppCounts counts;
    bool complete;
    AppReader *reader;         /* while reading (apps_open_stream's slot) */
    FILE *in;                  /* the stream handed to the reader, until it owns it */
    const char *sheet;         /* a workbook's sheet to read (borrowed for the read), or NULL */
};

/* A reader's line as a problem (input_message_split), its texts in s's arena. */
static medel_problem problem_of(medel_applications *s, const char *msg)
{
    InputMessage m = input_message_split(msg, s->name);
    medel_problem pr = {.severity = m.warning ? MEDEL_WARNING : MEDEL_ERROR, .text = arena_strdup(&s->a, msg), .row = m.row};
    if (m.column)
        pr.column = arena_strndup(&s->a, m.column, m.column_len);
    pr.message = arena_strdup(&s->a, m.message);
    return pr;
}

static void add_problem(void *ctx, const char *msg)
{
    medel_applications *s = ctx;
    if (s->n_problems == s->cap_problems) {
        size_t cap = s->cap_problems ? 2 * s->cap_problems : 16;
        s->problems = xrealloc(s->problems, cap * sizeof *s->problems);
        s->cap_problems = cap;
    }
    s->problems[s->n_problems] = problem_of(s, msg);
    s->n_problems++;
}

/* Gives the rejected row's key to the problems reported while it was read. */
static void row_key(medel_applications *s, const char *key)
{
    for (size_t i = s->row_first; key && i < s->n_problems; i++)
        if (s->problems[i].severity == MEDEL_ERROR && s->problems[i].row)
            s->problems[i].key = key;
}

void medel_applications_free(medel_applications *s)
{
    if (!s)
        return;
    if (s->reader)
        apps_close(s->reader);
    else if (s->in)
        fclose(s->in);
    free(s->apps);
    free(s->problems);
    arena_free(&s->a);
    free(s);
}

static medel_applications *set_new(const medel_program *p)
{
    medel_applications *s = zalloc(sizeof *s);
    if (!s)
        return NULL;
    s->p = p;
    arena_init(&s->a);
    s->complete = true;
    return s;
}

static void grow_apps(medel_applications *s)
{
    if (s->n == s->cap) {
        size_t cap = s->cap ? 2 * s->cap : 64;
        s->apps = xrealloc(s->apps, cap * sizeof *s->apps);
        s->cap = cap;
    }
}

/* Reads every row of s->in (owned by the reader once it exists) into s. */
/* Returns false when the file could not be opened as applications at all
** (its header lacks a required column, it is not JSON, its encoding is
** wrong: what `medel check` exits 66 for), true once rows were read. */
static bool read_into(medel_applications *s, const char *name, InputFormat fmt)
{
    const Session *ps = &s->p->s;
    s->name = arena_strdup(&s->a, name);
    FILE *f = s->in;
    AppReader *r = apps_open_stream_sheet(ps->prog, ps->tables, s->name, f, fmt, s->sheet, add_problem, s, &s->reader);
    s->in = NULL;   /* the reader has it (or closed it) */
    if (!r) {
        s->complete = false;
        return false;
    }
    for (;;) {
        grow_apps(s);
        s->row_first = s->n_problems;
        Application *app = &s->apps[s->n];
        AppStatus st = apps_next(r, &s->a, app);
        if (st == APP_END)
            break;
        if (st == APP_FATAL) {
            s->complete = false;
            break;
        }
        if (st == APP_OK)
            s->n++;
        else
            row_key(s, app->key);
    }
    s->counts = apps_counts(r);
    apps_close(r);   /* clears s->reader */
    return true;
}

/* The InputFormat of a format name; false for an unknown one. */
static bool format_of(const char *name, InputFormat *fmt)
{
    if (!name)
        *fmt = INPUT_AUTO;
    else if (!strcmp(name, "csv"))
        *fmt = INPUT_CSV;
    else if (!strcmp(name, "json"))
        *fmt = INPUT_JSON;
    else if (!strcmp(name, "jsonl"))
        *fmt = INPUT_JSONL;
    else if (!strcmp(name, "xlsx"))
        *fmt = INPUT_XLSX;
    else
        return false;
    return true;
}

/* Reads s->in, or when it is NULL the file `name` as apps_open opens it,
** into s; returns the status. */
static int open_and_read(medel_applications *s, const char *name, InputFormat fmt)
{
    if (!s->in) {
        char cannot[200];
        s->in = strcmp(name, "-") == 0 ? stdin_open(cannot, sizeof cannot)
                                       : source_open_file(name, true, cannot, sizeof cannot);
        if (!s->in) {
            s->name = arena_strdup(&s->a, name);
            add_problem(s, arena_printf(&s->a, _("%s: kan inte läsa ansökningarna: %s"), name, cannot));
            s->complete = false;
            return MEDEL_ENOINPUT;
        }
    }
    if (!read_into(s, name, fmt))   /* as the command line's 69 or 66 */
        return input_failure() == STATUS_HEADER ? MEDEL_EHEADER : MEDEL_ENOINPUT;
    return !s->complete || s->counts.rejected ? MEDEL_EAPPS : MEDEL_OK;
}

/* Reads from `in` (NULL: open `name` as apps_open does, "-" being standard
** input) for read_file/stream/memory; `in` is closed in every case. */
static int read_any(const medel_program *p, FILE *in, const char *name, const char *format, const char *sheet,
                    medel_applications **out)
{
    InputFormat fmt;
    if (!out || !prog_of(p) || !name || !format_of(format, &fmt)) {
        if (out)
            *out = NULL;
        if (in)
            fclose(in);
        return MEDEL_EINVAL;
    }
    *out = NULL;
    medel_applications *s = set_new(p);
    if (!s) {
        if (in)
            fclose(in);
        return MEDEL_ENOMEM;
    }
    s->in = in;
    s->sheet = sheet;
    volatile int rc = MEDEL_OK;
    volatile InputFormat vfmt = fmt;
    GUARDED(rc = open_and_read(s, name, vfmt), medel_applications_free(s));
    *out = s;
    return rc;
}

int medel_applications_read_file(const medel_program *p, const char *path, const char *format,
                                 medel_applications **out)
{
    return read_any(p, NULL, path, format, NULL, out);
}

int medel_applications_read_workbook(const medel_program *p, const char *path, const char *sheet,
                                     medel_applications **out)
{
    return read_any(p, NULL, path, "xlsx", sheet, out);
}

/* A read-only stream over the caller's stream, which closing leaves open. */
static ssize_t borrowed_read(void *cookie, char *buf, size_t size)
{
    FILE *f = cookie;
    size_t n = fread(buf, 1, size, f);
    return n == 0 && ferror(f) ? -1 : (ssize_t)n;
}

static int borrowed_close(void *cookie)
{
    (void)cookie;
    return 0;
}

int medel_applications_read_stream(const medel_program *p, FILE *in, const char *name, const char *format,
                                   medel_applications **out)
{
    if (!in) {
        if (out)
            *out = NULL;
        return MEDEL_EINVAL;
    }
    FILE *f = fopencookie(in, "rb", (cookie_io_functions_t){.read = borrowed_read, .close = borrowed_close});
    if (!f) {
        if (out)
            *out = NULL;
        return MEDEL_ENOMEM;
    }
    return read_any(p, f, name, format, NULL, out);
}

/* A read-only stream over bytes in memory (fmemopen refuses zero bytes in
** older C libraries). */
typedef struct MemIn {
    const char *data;
    size_t len, at;
} MemIn;

static ssize_t mem_read(void *cookie, char *buf, size_t size)
{
    MemIn *m = cookie;
    size_t n = m->len - m->at < size ? m->len - m->at : size;
    memcpy(buf, m->data + m->at, n);
    m->at += n;
    return (ssize_t)n;
}

static int mem_close(void *cookie)
{
    free(cookie);
    return 0;
}

int medel_applications_read_memory(const medel_program *p, const void *data, size_t len, const char *name,
                                   const char *format, medel_applications **out)
{
    if (!data && len) {
        if (out)
            *out = NULL;
        return MEDEL_EINVAL;
    }
    MemIn *m = malloc(sizeof *m);
    if (!m) {
        if (out)
            *out = NULL;
        return MEDEL_ENOMEM;
    }
    *m = (MemIn){data ? data : "", len, 0};
    FILE *f = fopencookie(m, "rb", (cookie_io_functions_t){.read = mem_read, .close = mem_close});
    if (!f) {
        free(m);
        if (out)
            *out = NULL;
        return MEDEL_ENOMEM;
    }
    return read_any(p, f, name, format, NULL, out);
}

int medel_applications_new(const medel_program *p, const char *name, medel_applications **out)
{
    if (!out)
        return MEDEL_EINVAL;
    *out = NULL;
    if (!prog_of(p))
        return MEDEL_EINVAL;
    medel_applications *s = set_new(p);
    if (!s)
        return MEDEL_ENOMEM;
    GUARDED(s->name = arena_strdup(&s->a, name ? name : "-"), medel_applications_free(s));
    *out = s;
    return MEDEL_OK;
}

/* The field named (by name or column header), or -1. */
static int field_named(const Program *g, const char *name)
{
    for (size_t i = 0; i < g->n_fields; i++)
        if (!strcmp(g->fields[i].name, name) || !strcmp(g->fields[i].column, name))
            return (int)i;
    return -1;
}

/* Whether every application needs the field (as the readers judge it). */
static bool field_required(const Program *g, size_t i)
{
    return (g->fields[i].flags & (FIELD_KEY | FIELD_REQUIRED | FIELD_REQUESTED)) || (int)i == g->key_field;
}

/* Adds one application of pairs to s (values converted into s->a). Returns
** MEDEL_OK or MEDEL_EAPPS; idx[i] is the field of pair i. */
static int add_pairs(medel_applications *s, const int *idx, const char *const *values, size_t n)
{
    const Program *g = s->p->s.prog;
    const TableData *tables = s->p->s.tables;
    grow_apps(s);
    size_t record = s->counts.read + 1;
    char where[600];
    snprintf(where, sizeof where, _("%s: post %zu"), s->name, record);
    Application *app = &s->apps[s->n];
    memset(app, 0, sizeof *app);
    app->record = record;
    app->values = arena_alloc(&s->a, (g->n_fields + 1) * sizeof *app->values);
    s->row_first = s->n_problems;
    bool ok = true;
    for (size_t f = 0; f < g->n_fields; f++) {
        const Field *fd = &g->fields[f];
        const char *v = NULL;
        for (size_t i = 0; i < n; i++)
            if (idx[i] == (int)f)
                v = values[i] ? values[i] : "";
        if (!v) {
            app->values[f] = fd->type.kind == TY_SET ? (Value){.kind = VAL_SET} : (Value){.kind = VAL_MISSING};
        } else {
            char why[600], msg[1400];
            if (!input_cell(g, tables, fd->type, v, strlen(v), &s->a, &app->values[f], why, sizeof why)) {
                snprintf(msg, sizeof msg, _("%s: fält '%s': %s"), where, fd->column, why);
                add_problem(s, msg);
                ok = false;
                continue;
            }
        }
        if (app->values[f].kind == VAL_MISSING && field_required(g, f)) {
            char msg[1400];
            snprintf(msg, sizeof msg, _("%s: fält '%s' saknas; varje ansökan behöver det"), where, fd->column);
            add_problem(s, msg);
            ok = false;
        }
    }
    if (g->key_field >= 0 && app->values[g->key_field].kind != VAL_MISSING) {
        const Value *k = &app->values[g->key_field];
        char buf[256];
        app->key = k->kind == VAL_TEXT ? k->u.text.s
                 : arena_strdup(&s->a, value_format(g, tables, g->fields[g->key_field].type, k, buf, sizeof buf));
    }
    if (ok && app->key) {
        for (size_t i = 0; i < s->n; i++) {
            if (s->apps[i].key && !strcmp(s->apps[i].key, app->key)) {
                char msg[1400];
                snprintf(msg, sizeof msg, _("%s: %s '%s' används två gånger (första gången i post %zu)"), where,
                         g->fields[g->key_field].column, app->key, s->apps[i].record);
                add_problem(s, msg);
                ok = false;
                break;
            }
        }
    }
    s->counts.read++;
    if (!ok) {
        row_key(s, app->key);
        s->counts.rejected++;
        return MEDEL_EAPPS;
    }
    s->counts.valid++;
    s->n++;
    return MEDEL_OK;
}

/* After out of memory in add_pairs: the set as it was, keeping the memory
** its arrays and arena grew into (theirs now, not the call's). */
static void add_undo(medel_applications *s, size_t n_problems, AppCounts counts, int *idx)
{
    arena_track_keep(s->apps);
    arena_track_keep(s->problems);
    arena_track_keep_arena(&s->a);
    s->n_problems = n_problems;
    s->counts = counts;
    free(idx);
}

int medel_applications_add(medel_applications *s, const char *const *fields, const char *const *values, size_t n)
{
    if (!s || (n && (!fields || !values)))
        return MEDEL_EINVAL;
    const Program *g = s->p->s.prog;
    int *volatile idx = malloc((n + 1) * sizeof *idx);
    if (!idx)
        return MEDEL_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        idx[i] = fields[i] ? field_named(g, fields[i]) : -1;
        for (size_t j = 0; j < i && idx[i] >= 0; j++)
            if (idx[j] == idx[i])
                idx[i] = -1;
        if (idx[i] < 0) {
            free(idx);
            return MEDEL_EINVAL;
        }
    }
    /* A failure half way leaves what the set already held: the arena only
    ** grows, and the counts and arrays change at the end. */
    size_t n_problems = s->n_problems;
    AppCounts counts = s->counts;
    volatile int rc = MEDEL_OK;
    GUARDED(rc = add_pairs(s, idx, values, n), add_undo(s, n_problems, counts, idx));
    free(idx);
    return rc;
}

medel_counts medel_applications_counts(const medel_applications *s)
{
    if (!s)
        return (medel_counts){0};
    return (medel_counts){s->counts.read, s->counts.valid, s->counts.rejected, s->counts.warnings, s->complete,
                          s->counts.empty};
}

size_t medel_applications_count(const medel_applications *s)
{
    return s ? s->n : 0;
}

const char *medel_applications_key(const medel_applications *s, size_t i)
{
    return s && i < s->n ? s->apps[i].key : NULL;
}

long medel_applications_find(const medel_applications *s, const char *key)
{
    for (size_t i = 0; s && key && i < s->n; i++)
        if (s->apps[i].key && !strcmp(s->apps[i].key, key))
            return (long)i;
    return -1;
}

size_t medel_applications_problem_count(const medel_applications *s)
{
    return s ? s->n_problems : 0;
}

const medel_problem *medel_applications_problem(const medel_applications *s, size_t i)
{
    return s && i < s->n_problems ? &s->problems[i] : NULL;
}

/* ---- assessing ---- */

struct medel_assessment {
    const medel_applications *s;
    size_t index;
    Arena a;
    Assessment *as;
    medel_failure *failures;
    int *failed;            /* per failure: its criterion */
    size_t n_failures;
    const char **values;    /* per field, or NULL when missing */
};

void medel_assessment_free(medel_assessment *x)
{
    if (!x)
        return;
    arena_free(&x->a);
    free(x);
}

static medel_verdict verdict_of(Outcome o)
{
    switch (o) {
    case OUTCOME_PASS: return MEDEL_ELIGIBLE;
    case OUTCOME_FAIL: return MEDEL_NOT_ELIGIBLE;
    case OUTCOME_MANUAL: return MEDEL_MANUAL;
    default: return MEDEL_NOT_APPLICABLE;
    }
}

static void assess_into(medel_assessment *x)
{
    const medel_program *p = x->s->p;
    const Program *g = p->s.prog;
    const Application *app = &x->s->apps[x->index];
    x->as = new_assessment(&x->a, g);
    assess(&p->s.cx, app, x->as->crit, x->as->prio, x->as);
    x->failures = arena_alloc(&x->a, (g->n_criteria + 1) * sizeof *x->failures);
    x->failed = arena_alloc(&x->a, (g->n_criteria + 1) * sizeof *x->failed);
    for (size_t c = 0; c < g->n_criteria; c++) {
        Outcome o = x->as->crit[c];
        if (o != OUTCOME_FAIL && o != OUTCOME_MANUAL)
            continue;
        /* Only criteria of a pot that considers the application: another
        ** pot's conditions say nothing about it. */
        bool counts = false;
        for (size_t k = 0; k < g->n_pots && !counts; k++)
            counts = eval_takes_applications(g, (int)k) && x->as->eligible[k] != OUTCOME_NOT_APPLICABLE &&
                     eval_applies(g, g->criteria[c].pot, (int)k);
        if (!counts)
            continue;
        const Criterion *cr = &g->criteria[c];
        x->failed[x->n_failures] = (int)c;
        x->failures[x->n_failures++] = (medel_failure){cr->name, cr->label, cr->reason, verdict_of(o),
                                                       cr->pot >= 0 ? g->pots[cr->pot].name : NULL,
                                                       location(&p->s.set, cr->name_span)};
    }
    x->values = arena_alloc(&x->a, (g->n_fields + 1) * sizeof *x->values);
    for (size_t f = 0; f < g->n_fields; f++) {
        if (app->values[f].kind == VAL_MISSING)
            continue;
        char buf[1024];
        x->values[f] = arena_strdup(&x->a, value_format(g, p->s.tables, g->fields[f].type, &app->values[f], buf, sizeof buf));
    }
}

int medel_assess(const medel_applications *s, size_t i, medel_assessment **out)
{
    if (!out)
        return MEDEL_EINVAL;
    *out = NULL;
    if (!s || i >= s->n)
        return MEDEL_EINVAL;
    medel_assessment *x = zalloc(sizeof *x);
    if (!x)
        return MEDEL_ENOMEM;
    x->s = s;
    x->index = i;
    arena_init(&x->a);
    GUARDED(assess_into(x), medel_assessment_free(x));
    *out = x;
    return MEDEL_OK;
}

static const Program *prog_of_assessment(const medel_assessment *x)
{
    return x ? x->s->p->s.prog : NULL;
}

const char *medel_assessment_key(const medel_assessment *x)
{
    return x ? x->s->apps[x->index].key : NULL;
}

medel_verdict medel_assessment_verdict(const medel_assessment *x, size_t pot)
{
    const Program *g = prog_of_assessment(x);
    if (!g || pot >= g->n_pots || !eval_takes_applications(g, (int)pot))
        return MEDEL_NOT_APPLICABLE;
    return verdict_of(x->as->eligible[pot]);
}

int64_t medel_assessment_score(const medel_assessment *x, size_t pot)
{
    const Program *g = prog_of_assessment(x);
    return g && pot < g->n_pots ? x->as->score[pot] : 0;
}

long medel_assessment_route(const medel_assessment *x, size_t pot)
{
    const Program *g = prog_of_assessment(x);
    return g && pot < g->n_pots ? (long)x->as->route[pot] : -1;
}

const char *medel_assessment_route_key(const medel_assessment *x, size_t pot)
{
    long row = medel_assessment_route(x, pot);
    if (row < 0)
        return NULL;
    const Program *g = prog_of_assessment(x);
    for (int q = (int)pot; q >= 0; q = g->pots[q].parent)
        if (g->pots[q].has_split)
            return x->s->p->s.tables[g->pots[q].split.table].keys[row];
    return NULL;
}

size_t medel_assessment_failure_count(const medel_assessment *x)
{
    return x ? x->n_failures : 0;
}

const medel_failure *medel_assessment_failure(const medel_assessment *x, size_t i)
{
    return x && i < x->n_failures ? &x->failures[i] : NULL;
}

int medel_assessment_failure_applies(const medel_assessment *x, size_t i, size_t pot)
{
    const Program *g = prog_of_assessment(x);
    if (!g || i >= x->n_failures || pot >= g->n_pots)
        return 0;
    return eval_applies(g, g->criteria[x->failed[i]].pot, (int)pot);
}

size_t medel_assessment_priority_count(const medel_assessment *x)
{
    const Program *g = prog_of_assessment(x);
    return g ? g->n_priorities : 0;
}

const char *medel_assessment_priority_name(const medel_assessment *x, size_t i)
{
    const Program *g = prog_of_assessment(x);
    return g && i < g->n_priorities ? g->priorities[i].name : NULL;
}

int64_t medel_assessment_priority_score(const medel_assessment *x, size_t i)
{
    const Program *g = prog_of_assessment(x);
    return g && i < g->n_priorities ? x->as->prio[i] : 0;
}

const char *medel_assessment_value(const medel_assessment *x, size_t field)
{
    const Program *g = prog_of_assessment(x);
    return g && field < g->n_fields ? x->values[field] : NULL;
}

int64_t medel_assessment_requested(const medel_assessment *x)
{
    return x ? x->as->requested : -1;
}

/* ---- allocation ---- */

struct medel_allocation {
    const medel_applications *s;
    Session ses;              /* its arena holds the assessments and the result; the rest is borrowed from the program */
    Assessment **as;          /* per application, in ses.a */
    Allocation al;
    medel_pot *pots;          /* in ses.a */
    size_t *first;            /* per program pot: its entry (in ses.a) */
    medel_grant *grants;      /* in ses.a */
    int64_t *granted_to;      /* per application, in ses.a */
};

void medel_allocation_free(medel_allocation *x)
{
    if (!x)
        return;
    arena_free(&x->ses.a);   /* the rest of ses is the program's */
    free(x);
}

/* The entry of (program pot, sub-pot row). */
static size_t entry_of(const medel_allocation *x, int32_t pot, int32_t sub)
{
    for (size_t i = x->first[pot]; i < x->al.n_pots; i++)
        if (x->al.pots[i].pot == pot && x->al.pots[i].sub == sub)
            return i;
    return x->first[pot];   /* not reached: every grant's pot has an entry */
}

static medel_grant_status grant_status_of(GrantStatus st)
{
    switch (st) {
    case GRANT_FULL: return MEDEL_GRANT_FULL;
    case GRANT_PARTIAL: return MEDEL_GRANT_PARTIAL;
    case GRANT_NOT_REACHED: return MEDEL_GRANT_NOT_REACHED;
    case GRANT_BELOW_MINIMUM: return MEDEL_GRANT_BELOW_MINIMUM;
    case GRANT_NO_ROUTE: return MEDEL_GRANT_NO_ROUTE;
    default: return MEDEL_GRANT_PAYOUT;
    }
}

/* Runs the allocation into x; returns the status (msg says why it failed). */
static int allocate_into(medel_allocation *x, char *msg, size_t msg_len)
{
    const medel_program *p = x->s->p;
    const Program *g = p->s.prog;
    Session *ses = &x->ses;
    ses->prog = p->s.prog;
    ses->tables = p->s.tables;
    ses->cx = p->s.cx;
    if (!run_allocation(ses, x->s->apps, x->s->n, &x->as, &x->al, msg, msg_len)) {
        switch (x->al.failure) {
        case ALLOCATION_BAD_RULES: return MEDEL_ERULES;
        case ALLOCATION_BAD_APPLICATIONS: return MEDEL_EAPPS;
        default: return MEDEL_EBUG;
        }
    }
    Arena *a = &ses->a;
    const Allocation *al = &x->al;
    x->first = arena_alloc(a, (g->n_pots + 1) * sizeof *x->first);
    for (size_t i = al->n_pots; i-- > 0;)
        x->first[al->pots[i].pot] = i;
    x->pots = arena_alloc(a, (al->n_pots + 1) * sizeof *x->pots);
    size_t *n_kids = arena_alloc(a, (al->n_pots + 1) * sizeof *n_kids);
    size_t **kids = arena_alloc(a, (al->n_pots + 1) * sizeof *kids);
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        const Pot *pot = &g->pots[r->pot];
        medel_pot *m = &x->pots[i];
        m->name = r->name;
        m->key = r->sub >= 0 ? p->s.tables[pot->split.table].keys[r->sub] : NULL;
        m->program_pot = (size_t)r->pot;
        /* A second round's program parent is its pot's parent (whose criteria
        ** it inherits), but no money reaches it from there: here it is no
        ** pot's child, and round_of says whose leftover it hands out. */
        m->parent = r->sub >= 0 ? (long)entry_of(x, r->pot, -1)
                    : pot->parent >= 0 && pot->round_of < 0 ? (long)entry_of(x, pot->parent, -1)
                                                            : -1;
        m->amount = r->amount;
        m->to_children = r->to_children;
        m->granted = r->granted;
        m->unallocated = r->unallocated;
        m->n_considered = r->n_considered;
        m->n_funded = r->n_funded;
        m->moved_in = r->moved_in;
        m->moved_out = r->moved_out;
        m->moved_to = r->moved_to;
        m->returned = r->returned;
        /* The effective disposition: a second round takes the leftover
        ** whatever 'kvar' says. */
        m->leftover = pot->round >= 0 || pot->leftover == LEFTOVER_MOVES ? MEDEL_LEFTOVER_MOVES
                      : pot->leftover == LEFTOVER_RETURNED                ? MEDEL_LEFTOVER_RETURNED
                                                                          : MEDEL_LEFTOVER_STAYS;
        m->round = pot->round >= 0 && r->sub < 0 ? (long)entry_of(x, pot->round, -1) : -1;
        m->round_of = pot->round_of >= 0 ? (long)entry_of(x, pot->round_of, -1) : -1;
        m->deadline = pot->round_of >= 0 ? pot->deadline : NULL;
        if (r->sub >= 0 && pot->split.has_rules) {
            m->has_parts = 1;
            m->split_base = r->split_base;
            m->split_share = r->split_share;
            m->split_flags = (r->split_flags & SPLIT_EXCLUDED ? MEDEL_SPLIT_EXCLUDED : 0u) |
                             (r->split_flags & SPLIT_CAPPED ? MEDEL_SPLIT_CAPPED : 0u) |
                             (r->split_flags & SPLIT_RAISED ? MEDEL_SPLIT_RAISED : 0u);
        }
        if (m->parent >= 0)
            n_kids[m->parent]++;
    }
    for (size_t i = 0; i < al->n_pots; i++)
        x->pots[i].children = kids[i] = arena_alloc(a, (n_kids[i] + 1) * sizeof *kids[i]);
    for (size_t i = 0; i < al->n_pots; i++) {
        long up = x->pots[i].parent;
        if (up >= 0)
            kids[up][x->pots[up].n_children++] = i;
    }
    x->grants = arena_alloc(a, (al->n_grants + 1) * sizeof *x->grants);
    x->granted_to = arena_alloc(a, (x->s->n + 1) * sizeof *x->granted_to);
    for (size_t i = 0; i < al->n_grants; i++) {
        const Grant *gr = &al->grants[i];
        medel_grant *m = &x->grants[i];
        m->application = gr->app;
        m->pot = entry_of(x, gr->pot, gr->sub);
        m->key = gr->app >= 0 ? x->s->apps[gr->app].key : x->pots[m->pot].key;
        m->amount = gr->amount;
        m->wanted = gr->wanted;
        m->score = gr->score;
        m->rank = gr->rank;
        m->status = grant_status_of(gr->status);
        if (gr->app >= 0)
            x->granted_to[gr->app] += gr->amount;
    }
    return MEDEL_OK;
}

int medel_allocation_run(const medel_applications *s, medel_allocation **out, char *msg, size_t msg_len)
{
    if (!out)
        return MEDEL_EINVAL;
    *out = NULL;
    if (!s)
        return MEDEL_EINVAL;
    medel_allocation *x = zalloc(sizeof *x);
    if (!x)
        return MEDEL_ENOMEM;
    x->s = s;
    arena_init(&x->ses.a);
    char why[512];
    volatile int rc = MEDEL_OK;
    GUARDED(rc = allocate_into(x, why, sizeof why), medel_allocation_free(x));
    if (rc != MEDEL_OK) {
        if (msg && msg_len)
            snprintf(msg, msg_len, "%s", why);
        medel_allocation_free(x);
        return rc;
    }
    *out = x;
    return MEDEL_OK;
}

size_t medel_allocation_pot_count(const medel_allocation *x)
{
    return x ? x->al.n_pots : 0;
}

const medel_pot *medel_allocation_pot(const medel_allocation *x, size_t i)
{
    return x && i < x->al.n_pots ? &x->pots[i] : NULL;
}

size_t medel_allocation_grant_count(const medel_allocation *x)
{
    return x ? x->al.n_grants : 0;
}

const medel_grant *medel_allocation_grant(const medel_allocation *x, size_t i)
{
    return x && i < x->al.n_grants ? &x->grants[i] : NULL;
}

int64_t medel_allocation_granted_to(const medel_allocation *x, size_t application)
{
    return x && application < x->s->n ? x->granted_to[application] : 0;
}

int64_t medel_allocation_total(const medel_allocation *x)
{
    return x ? x->al.total : 0;
}

int64_t medel_allocation_granted(const medel_allocation *x)
{
    return x ? x->al.granted : 0;
}

int64_t medel_allocation_unallocated(const medel_allocation *x)
{
    return x ? x->al.unallocated : 0;
}

int64_t medel_allocation_returned(const medel_allocation *x)
{
    return x ? x->al.returned : 0;
}

/* ---- reports ---- */

/* The report style the command line would use for the set's applications. */
static ReportStyle style_of(const medel_applications *s, medel_format format)
{
    return (ReportStyle){.format = format == MEDEL_CSV    ? REPORT_CSV
                                 : format == MEDEL_JSON ? REPORT_JSON
                                 : format == MEDEL_XLSX ? REPORT_XLSX
                                                        : REPORT_TABLE,
                         .applications = s->name};
}

static AppCounts counts_of(const medel_applications *s)
{
    return s->counts;
}

static void check_into(Job *j, const medel_applications *s, const ReportStyle *o)
{
    const Session *ps = &s->p->s;
    FILE *w = j->esc ? j->esc : j->mem;
    j->rep = report_check_begin(ps->prog, ps->tables, &ps->set, o, w);
    for (size_t i = 0; i < s->n; i++) {
        arena_reset(&j->rows);
        Assessment *as = new_assessment(&j->rows, ps->prog);
        assess(&ps->cx, &s->apps[i], as->crit, as->prio, as);
        report_check_row(j->rep, &s->apps[i], as);
    }
    Reporter *rep = j->rep;
    j->rep = NULL;
    report_check_end(rep, counts_of(s));
}

static bool format_ok(medel_format f)
{
    return f == MEDEL_TABLE || f == MEDEL_CSV || f == MEDEL_JSON || f == MEDEL_XLSX;
}

/* What a workbook's last two sheets say of the set: its problems (as the
** reader said them) and its counts; no command line. */
static RunFacts facts_into(Job *j, const medel_applications *s, const char *command, AppCounts *c)
{
    const Session *ps = &s->p->s;
    j->log.applications = s->name;
    for (size_t i = 0; i < s->n_problems; i++)
        reader_log_line(&j->log, s->problems[i].text);
    *c = counts_of(s);
    return (RunFacts){.command = command, .p = ps->prog, .set = &ps->set, .applications = s->name, .counts = c,
                      .log = &j->log};
}

/* Finishes j->wb into j->mem; a workbook that cannot be made fails the job. */
static void workbook_into(Job *j)
{
    char msg[256];
    Workbook *w = j->wb;
    j->wb = NULL;
    if (!workbook_end(w, j->mem, msg, sizeof msg))
        j->failed = true;
}

static void check_sheets_into(Job *j, const medel_applications *s)
{
    const Session *ps = &s->p->s;
    char msg[256];
    if (!(j->wb = workbook_begin_in_order(msg, sizeof msg))) {
        j->failed = true;
        return;
    }
    j->sheets = xlsx_check_begin(j->wb, NULL, &ps->cx, &ps->set);
    for (size_t i = 0; i < s->n; i++) {
        arena_reset(&j->rows);
        Assessment *as = new_assessment(&j->rows, ps->prog);
        assess(&ps->cx, &s->apps[i], as->crit, as->prio, as);
        xlsx_check_row(j->sheets, &s->apps[i], as);
    }
    AppCounts c;
    RunFacts f = facts_into(j, s, "check", &c);
    CheckSheets *cs = j->sheets;
    j->sheets = NULL;
    xlsx_check_end(cs, &f);
    workbook_into(j);
}

int medel_write_check(const medel_applications *s, medel_format format, FILE *out)
{
    if (!s || !out || !format_ok(format))
        return MEDEL_EINVAL;
    ReportStyle o = style_of(s, format);
    Job *j = job_new();
    if (!j || (format == MEDEL_TABLE && !job_escape(j))) {
        if (j)
            job_free(j);
        return MEDEL_ENOMEM;
    }
    if (format == MEDEL_XLSX)
        GUARDED(check_sheets_into(j, s), job_free(j));
    else
        GUARDED(check_into(j, s, &o), job_free(j));
    return job_finish(j, out);
}

static void explain_into(Job *j, const medel_allocation *x, size_t i, const ReportStyle *o)
{
    const medel_applications *s = x->s;
    const Session *ps = &s->p->s;
    AppCounts c = counts_of(s);
    if (o->format == REPORT_JSON) {
        report_explain_json(ps->prog, ps->tables, &ps->set, o, &s->apps[i], x->as[i], (int32_t)i, &x->al, c.rejected,
                            j->mem);
        return;
    }
    if (c.rejected)
        fprintf(j->esc, P_("OBS: %zu rad i '%s' avvisades (se felen); fördelningen nedan är räknad utan den.\n\n",
                   "OBS: %zu rader i '%s' avvisades (se felen); fördelningen nedan är räknad utan dem.\n\n", c.rejected),
                c.rejected, s->name);
    report_explain(ps->prog, ps->tables, &ps->set, &ps->cx, o, &s->apps[i], x->as[i], (int32_t)i, &x->al, j->esc);
}

int medel_write_explain(const medel_allocation *x, size_t application, medel_format format, FILE *out)
{
    if (!x || !out || application >= x->s->n || (format != MEDEL_TABLE && format != MEDEL_JSON))
        return MEDEL_EINVAL;
    ReportStyle o = style_of(x->s, format);
    Job *j = job_new();
    if (!j || (format == MEDEL_TABLE && !job_escape(j))) {   /* the text is for people; JSON keeps the exact data */
        if (j)
            job_free(j);
        return MEDEL_ENOMEM;
    }
    GUARDED(explain_into(j, x, application, &o), job_free(j));
    return job_finish(j, out);
}

static void allocation_into(Job *j, const medel_allocation *x, const ReportStyle *o, bool html)
{
    const medel_applications *s = x->s;
    const Session *ps = &s->p->s;
    if (o->format == REPORT_XLSX) {
        char msg[256];
        if (!(j->wb = workbook_begin(msg, sizeof msg))) {
            j->failed = true;
            return;
        }
        AppCounts c;
        RunFacts f = facts_into(j, s, "allocate", &c);
        AllocView v = {&ps->cx, &ps->set, s->apps, (const Assessment *const *)x->as, s->n, &x->al};
        xlsx_allocation(j->wb, &v, &f);
        workbook_into(j);
        return;
    }
    if (html) {
        AppCounts c;
        RunFacts f = facts_into(j, s, "allocate", &c);
        AllocView v = {&ps->cx, &ps->set, s->apps, (const Assessment *const *)x->as, s->n, &x->al};
        html_basis(&v, &f, j->mem);
        return;
    }
    report_allocation(&ps->cx, &ps->set, o, s->apps, (const Assessment *const *)x->as, s->n, counts_of(s), &x->al,
                      j->esc ? j->esc : j->mem);
}

int medel_write_allocation(const medel_allocation *x, medel_format format, FILE *out)
{
    if (!x || !out || (!format_ok(format) && format != MEDEL_HTML))
        return MEDEL_EINVAL;
    ReportStyle o = style_of(x->s, format);
    Job *j = job_new();
    if (!j || (format == MEDEL_TABLE && !job_escape(j))) {
        if (j)
            job_free(j);
        return MEDEL_ENOMEM;
    }
    GUARDED(allocation_into(j, x, &o, format == MEDEL_HTML), job_free(j));
    return job_finish(j, out);
}

/* A template being written under the guard: the workbook it is making, so
** that out of memory abandons it (and its temporary file). Heap, as the
** guard wants what its cleanup reads. */
typedef struct TemplateJob {
    Workbook *building;
    bool written;
} TemplateJob;

static void template_into(Job *j, const medel_program *p, TemplateKind kind, TemplateJob *t)
{
    char msg[512];
    t->written = template_write(p->s.prog, p->s.tables, kind, j->mem, &t->building, msg, sizeof msg);
}

static int write_template(const medel_program *p, TemplateKind kind, FILE *out)
{
    Job *j = job_new();
    TemplateJob *t = calloc(1, sizeof *t);
    if (!j || !t) {
        if (j)
            job_free(j);
        free(t);
        return MEDEL_ENOMEM;
    }
    GUARDED(template_into(j, p, kind, t), (workbook_abort(t->building), free(t), job_free(j)));
    bool written = t->written;
    free(t);
    if (!written) {
        job_free(j);
        return MEDEL_EIO;
    }
    return job_finish(j, out);
}

int medel_write_template(const medel_program *p, medel_template_format format, FILE *out)
{
    if (!p || !out || p->status != MEDEL_OK ||
        (format != MEDEL_TEMPLATE_XLSX && format != MEDEL_TEMPLATE_CSV && format != MEDEL_TEMPLATE_GUIDE))
        return MEDEL_EINVAL;
    return write_template(p, format == MEDEL_TEMPLATE_XLSX ? TEMPLATE_XLSX
                             : format == MEDEL_TEMPLATE_CSV ? TEMPLATE_CSV : TEMPLATE_GUIDE_CSV, out);
}
