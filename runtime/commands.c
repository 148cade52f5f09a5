/*
** commands.c: the commands behind commands.h: check, explain and allocate. Each
** loads the rule file and its tables, reads the applications (streaming for
** check), evaluates them and writes a report through report.h. Output files
** are written atomically, and not at all when input rows were rejected
** (unless --keep-going).
*/
#include "commands.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "allocate.h"
#include "diag.h"
#include "eval.h"
#include "input.h"
#include "output.h"
#include "pipeline.h"
#include "program.h"
#include "report.h"
#include "session.h"

static void report_line(void *ctx, const char *msg)
{
    Session *s = ctx;
    if (s->scenario)   /* said under which scenario: the baseline may read it otherwise */
        fprintf(s->err, "scenario %s: ", s->scenario);
    fprintf(s->err, "%s\n", msg);
}

void session_end(Session *s)
{
    free(s->apps);
    free(s->as);
    free(s->cands);
    diags_free(&s->d);
    source_set_free(&s->set);
    arena_free(&s->a);
}

/* How many of the load's errors are about the scenarios given beside the
** rule file (--scenarios FILE, or the text --set, --drop and --sweep make):
** those whose message or notes point into them. A scenario that breaks a
** split is reported at the rule file's pot, with a note at the scenario's
** change; the scenario is still what to fix. */
static size_t scenario_errors(const Session *s, const LoadOptions *lo)
{
    if (!lo->scenario_file && !lo->scenario_text)
        return 0;
    const char *text_name = lo->scenario_text_name ? lo->scenario_text_name : "--set";
    bool *hit = xmalloc((s->d.n + 1) * sizeof *hit);   /* per leading error (seq == index); freed here */
    memset(hit, 0, (s->d.n + 1) * sizeof *hit);
    for (size_t i = 0; i < s->d.n; i++) {
        const Diag *x = &s->d.items[i];
        if (x->span.file == SPAN_NONE.file || x->group >= s->d.n)
            continue;
        const char *path = source_get(s->d.sources, x->span.file)->path;   /* a derived session's are its base's */
        if ((lo->scenario_file && !strcmp(path, lo->scenario_file)) || (lo->scenario_text && !strcmp(path, text_name)))
            hit[x->group] = true;
    }
    size_t n = 0;
    for (size_t i = 0; i < s->d.n; i++)
        n += s->d.items[i].level == DIAG_ERROR && hit[i];
    free(hit);
    return n;
}

/* The line after the errors of a load: it names the file to fix (the rule
** file, the scenario file, the command line, or both). */
static void errors_line(const Session *s, const char *rules, const LoadOptions *lo, const char *scenario)
{
    FILE *err = s->err;
    size_t in_scen = scenario_errors(s, lo), in_rules = s->d.n_errors - in_scen;
    const char *scen = lo->scenario_file ? lo->scenario_file : lo->scenario_text_name ? lo->scenario_text_name : "--set";
    const char *what = lo->scenario_file ? "the scenario file" : "--set, --drop or --sweep";
    const char *sep = scenario ? ", scenario " : "", *name = scenario ? scenario : "";
    if (in_scen == 0)
        fprintf(err, "%s%s%s: %zu error%s; fix the rule file first\n", rules, sep, name, in_rules, in_rules == 1 ? "" : "s");
    else if (in_rules == 0)
        fprintf(err, "%s%s%s: %zu error%s; fix %s first\n", scen, sep, name, in_scen, in_scen == 1 ? "" : "s", what);
    else
        fprintf(err, "%s%s%s: %zu error%s, %s: %zu error%s; fix the rule file and %s first\n", rules, sep, name, in_rules,
                in_rules == 1 ? "" : "s", scen, in_scen, in_scen == 1 ? "" : "s", what);
}

int session_load(Session *s, const char *rules, const LoadOptions *lo, FILE *err)
{
    memset(s, 0, sizeof *s);
    arena_init(&s->a);
    source_set_init(&s->set);
    diags_init(&s->d, &s->set);
    s->err = err;
    s->scenario = lo->scenario;
    /* A scenario file that cannot be read is a missing input, like a
    ** missing rule file (exit 66), not an error to fix in the rule file. */
    if (lo->scenario_file) {
        char why[200];
        FILE *f = source_open_file(lo->scenario_file, false, why, sizeof why);
        if (!f) {
            fprintf(err, "medel: error: cannot read scenario file '%s': %s\n", lo->scenario_file, why);
            return MEDEL_EXIT_NOINPUT;
        }
        fclose(f);
    }
    s->prog = program_load(&s->a, &s->set, &s->d, rules, lo);
    diags_render(&s->d, err);
    if (!s->prog)
        return MEDEL_EXIT_NOINPUT;
    if (s->d.n_errors) {
        errors_line(s, rules, lo, lo->scenario);
        return MEDEL_EXIT_RULES;
    }
    s->tables = tables_load(s->prog, &s->a, report_line, s);
    if (!s->tables)
        return MEDEL_EXIT_RULES;
    s->cx = (EvalContext){s->prog, s->tables};
    return MEDEL_EXIT_OK;
}

int session_derive(Session *s, const Session *base, const char *rules, const LoadOptions *lo, const Scenario *scenario,
                   FILE *err)
{
    memset(s, 0, sizeof *s);
    arena_init(&s->a);
    source_set_init(&s->set);   /* stays empty: the source files are base's */
    diags_init(&s->d, &base->set);
    s->err = err;
    s->prog = program_apply_amounts(&s->a, &s->d, base->prog, scenario);
    if (!s->prog)
        return SESSION_NOT_DERIVED;
    diags_render(&s->d, err);
    if (s->d.n_errors) {
        errors_line(s, rules, lo, scenario->name);
        return MEDEL_EXIT_RULES;
    }
    s->tables = base->tables;   /* a change of amounts reads no table */
    s->cx = (EvalContext){s->prog, s->tables};
    return MEDEL_EXIT_OK;
}

/* Loads and checks the rules and their tables; returns an exit code. */
static int session_begin(Session *s, const MedelOptions *o, FILE *err)
{
    LoadOptions lo = {.allow_outside_paths = o->allow_outside_paths};
    return session_load(s, o->rules, &lo, err);
}

const char **session_inputs(Session *s, const char *applications, const char *extra, size_t *n)
{
    const Program *p = s->prog;
    const char **in = arena_alloc(&s->a, (s->set.n_files + (p ? p->n_tables : 0) + 3) * sizeof *in);
    size_t k = 0;
    for (size_t i = 0; i < s->set.n_files; i++)
        in[k++] = s->set.files[i]->path;
    for (size_t i = 0; p && i < p->n_tables; i++)
        in[k++] = p->tables[i].path;
    in[k++] = applications;
    if (extra)
        in[k++] = extra;
    *n = k;
    return in;
}

bool session_output(Session *s, const MedelOptions *o, const char *extra, OutFile *out)
{
    size_t n_inputs;
    const char **inputs = session_inputs(s, o->applications, extra, &n_inputs);
    char msg[512];
    if (out_open(out, o->output, inputs, n_inputs, msg, sizeof msg))
        return true;
    fprintf(s->err, "medel: %s\n", msg);
    return false;
}

InputFormat input_format(const char *name)
{
    if (!name)
        return INPUT_AUTO;
    if (!strcmp(name, "json"))
        return INPUT_JSON;
    if (!strcmp(name, "jsonl"))
        return INPUT_JSONL;
    return INPUT_CSV;
}

/* apps_open, with standard input ("-") made readable again from the start
** and hashed first (stdin_prepare): the JSON reports give its SHA-256, and
** a whatif scenario that reads the applications again sees the same ones. */
static AppReader *open_applications(Session *s, const MedelOptions *o)
{
    if (strcmp(o->applications, "-") == 0 && !stdin_prepare()) {
        fprintf(s->err, "-: cannot read applications: %s\n", strerror(errno));
        return NULL;
    }
    return apps_open(s->prog, s->tables, o->applications, input_format(o->input_format), report_line, s);
}

static void counts_line(FILE *err, const char *path, AppCounts c)
{
    char buf[160];
    fprintf(err, "%s: %s\n", path, report_counts(c, buf, sizeof buf));
}

/* Fills in what allocation and the reports need per application and pot:
** eligibility, priority score and the sub-pot it routes to. */
void assess(const Session *s, const Application *app, Outcome *crit, int64_t *prio, Assessment *as)
{
    const Program *p = s->prog;
    eval_application(&s->cx, app, crit, prio);
    for (size_t k = 0; k < p->n_pots; k++) {
        as->eligible[k] = OUTCOME_FAIL;
        as->route[k] = -1;
        as->score[k] = 0;
        if (!eval_takes_applications(p, (int)k))
            continue;
        Outcome considered = eval_considers(&s->cx, app, (int)k);
        if (considered == OUTCOME_NOT_APPLICABLE) {
            as->eligible[k] = OUTCOME_NOT_APPLICABLE;
            continue;
        }
        as->eligible[k] = eval_pot(p, (int)k, crit);
        if (considered == OUTCOME_MANUAL && as->eligible[k] == OUTCOME_PASS)
            as->eligible[k] = OUTCOME_MANUAL;
        as->score[k] = eval_pot_score(p, (int)k, prio);
        /* A split pot routes by a key field; the pot itself or an ancestor
        ** may be the split one. */
        for (int q = (int)k; q >= 0; q = p->pots[q].parent) {
            if (!p->pots[q].has_split)
                continue;
            const Value *v = &app->values[p->pots[q].split.field];
            if (v->kind == VAL_KEY)
                as->route[k] = v->u.key;
            else if (as->eligible[k] == OUTCOME_PASS)
                as->eligible[k] = OUTCOME_MANUAL;   /* cannot route without the key */
            break;
        }
    }
    if (p->requested_field >= 0) {
        const Value *v = &app->values[p->requested_field];
        as->requested = v->kind == VAL_MONEY ? v->u.money : -1;
    }
}

Assessment *new_assessment(Arena *a, const Program *p)
{
    /* One block per application, the 64-bit arrays first so that each part
    ** stays aligned: allocate keeps one for every application it reads. */
    size_t np = p->n_pots + 1, nc = p->n_criteria + 1, nr = p->n_priorities + 1;
    char *b = arena_alloc(a, sizeof(Assessment) + (np + nr) * sizeof(int64_t) + np * sizeof(int32_t) +
                                 (np + nc) * sizeof(Outcome));
    Assessment *as = (Assessment *)b;
    b += sizeof *as;
    as->score = (int64_t *)b;
    b += np * sizeof *as->score;
    as->prio = (int64_t *)b;
    b += nr * sizeof *as->prio;
    as->route = (int32_t *)b;
    b += np * sizeof *as->route;
    as->eligible = (Outcome *)b;
    b += np * sizeof *as->eligible;
    as->crit = (Outcome *)b;
    return as;
}

/* check on worker threads: the report lines are written apart, then in order. */
static void check_work(void *user, const Application *app, const Assessment *as, ReportBuf *out)
{
    report_check_row_into(user, out, app, as);
}

static void check_commit(void *user, const Application *app, const Assessment *as, const char *out, size_t n)
{
    (void)app;
    (void)as;
    report_check_write(user, out, n, 1);
}

/* Checks every remaining application of r into rep, one after the other.
** Returns false when reading stopped at a fatal input error (reported). */
static bool check_in_turn(const Session *s, AppReader *r, Reporter *rep)
{
    Arena row;
    arena_init(&row);
    bool ok = true;
    for (;;) {
        arena_reset(&row);  /* each row's values live only while it is reported */
        Application app;
        AppStatus st = apps_next(r, &row, &app);
        if (st == APP_END)
            break;
        if (st == APP_FATAL) {
            ok = false;
            break;
        }
        if (st == APP_REJECTED)
            continue;
        Assessment *as = new_assessment(&row, s->prog);
        assess(s, &app, as->crit, as->prio, as);
        report_check_row(rep, &app, as);
    }
    arena_free(&row);
    return ok;
}

int medel_check(const MedelOptions *o, FILE *err)
{
    Session s;
    int rc = session_begin(&s, o, err);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    AppReader *r = open_applications(&s, o);
    if (!r) {
        session_end(&s);
        return MEDEL_EXIT_NOINPUT;
    }
    OutFile out;
    char msg[512];
    if (!session_output(&s, o, NULL, &out)) {
        apps_close(r);
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    if (o->format == MEDEL_FORMAT_TABLE)
        out_escape(&out);
    Reporter *rep = report_check_begin(s.prog, s.tables, &s.set, o, out.f);
    int jobs = pipeline_jobs();
    bool fatal;
    if (jobs > 1 && apps_parallel(r) && report_check_rows_apart(rep)) {
        PipelineUse use = {check_work, check_commit, rep};
        fatal = !pipeline_run(&s, r, jobs, &use, report_line, &s);
    } else {
        fatal = !check_in_turn(&s, r, rep);
    }
    AppCounts c = apps_counts(r);
    report_check_end(rep, c);
    counts_line(err, o->applications, c);
    apps_close(r);
    if (fatal) {
        out_abort(&out);
        rc = MEDEL_EXIT_APPLICATIONS;
    } else if (c.rejected && !o->keep_going) {
        out_abort(&out);
        fprintf(err, "medel: %zu rejected row%s; nothing written (use --keep-going to check the rest)\n", c.rejected,
                c.rejected == 1 ? "" : "s");
        rc = MEDEL_EXIT_APPLICATIONS;
    } else if (!out_commit(&out, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        rc = MEDEL_EXIT_IO;
    } else {
        rc = c.rejected ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK;
    }
    session_end(&s);
    return rc;
}

/* After reading: the counts line, and the exit code for how reading ended. */
static int read_done(Session *s, const MedelOptions *o, AppStatus st, const AppCounts *counts)
{
    counts_line(s->err, o->applications, *counts);
    if (st == APP_FATAL)
        return MEDEL_EXIT_APPLICATIONS;
    if (counts->rejected && !o->keep_going) {
        fprintf(s->err, "medel: %zu rejected row%s; nothing written (use --keep-going to go on with the rest)\n",
                counts->rejected, counts->rejected == 1 ? "" : "s");
        return MEDEL_EXIT_APPLICATIONS;
    }
    return MEDEL_EXIT_OK;
}

/* What explain learns of the rejected row whose key is the one asked for:
** the reader's messages about it. Filled in by read_rows. */
typedef struct Watch {
    Session *s;
    const char *key;      /* the key asked for */
    char *row;            /* the current row's messages (malloc'd, freed by the caller) */
    size_t row_len, row_cap;
    char *why;            /* the messages of the rejected row with that key, or NULL (in s->a) */
} Watch;

/* A report_line that also keeps the current row's messages for the Watch. */
static void watch_line(void *ctx, const char *msg)
{
    Watch *w = ctx;
    report_line(w->s, msg);
    size_t n = strlen(msg);
    if (w->row_len + n + 2 > w->row_cap) {
        w->row_cap = 2 * (w->row_len + n + 2);
        w->row = xrealloc(w->row, w->row_cap);
    }
    if (w->row_len)
        w->row[w->row_len++] = '\n';
    memcpy(w->row + w->row_len, msg, n + 1);
    w->row_len += n;
}

/* read_all; with a Watch, the messages of a rejected row whose key is the
** one watched are kept in it. */
static int read_rows(Session *s, const MedelOptions *o, Watch *w, Application **apps_out, size_t *n_out, AppCounts *counts)
{
    AppReader *r;
    if (w && strcmp(o->applications, "-") == 0 && !stdin_prepare()) {
        fprintf(s->err, "-: cannot read applications: %s\n", strerror(errno));
        return MEDEL_EXIT_NOINPUT;
    }
    r = w ? apps_open(s->prog, s->tables, o->applications, input_format(o->input_format), watch_line, w)
          : open_applications(s, o);
    if (!r)
        return MEDEL_EXIT_NOINPUT;
    /* The array is grown with realloc, not in the arena, where every
    ** doubling would leave the old copy behind (64 MB at a million). */
    size_t n = 0, cap = 256;
    Application *apps = xmalloc(cap * sizeof *apps);
    AppStatus st;
    for (;;) {
        if (n == cap) {
            cap *= 2;
            apps = xrealloc(apps, cap * sizeof *apps);
        }
        if (w)
            w->row_len = 0;
        st = apps_next(r, &s->a, &apps[n]);
        if (st == APP_END || st == APP_FATAL)
            break;
        if (st == APP_OK)
            n++;
        else if (w && !w->why && w->row_len && apps[n].key && strcmp(apps[n].key, w->key) == 0)
            w->why = arena_strndup(&s->a, w->row, w->row_len);
    }
    *counts = apps_counts(r);
    apps_close(r);
    free(s->apps);
    s->apps = apps;   /* freed by session_end */
    *apps_out = apps;
    *n_out = n;
    return read_done(s, o, st, counts);
}

int read_all(Session *s, const MedelOptions *o, Application **apps_out, size_t *n_out, AppCounts *counts)
{
    return read_rows(s, o, NULL, apps_out, n_out, counts);
}

/* The field the caps per applicant ('tak … per <field>') name, or -1. */
static int cap_field_of(const Program *p)
{
    int cap_field = -1;
    for (size_t k = 0; k < p->n_pots; k++)
        if (p->pots[k].cap_field >= 0)
            cap_field = p->pots[k].cap_field;
    return cap_field;
}

/* What allocation needs of application i, assessed as `as`; the applicant
** text lives in the session's arena. */
static Candidate candidate(Session *s, const Application *app, const Assessment *as, size_t i, int cap_field)
{
    const Program *p = s->prog;
    const char *applicant = NULL;   /* NULL: capped on its own */
    if (cap_field >= 0 && app->values[cap_field].kind != VAL_MISSING) {
        char buf[256];
        applicant = arena_strdup(&s->a, value_format(p, s->tables, p->fields[cap_field].type, &app->values[cap_field], buf,
                                                     sizeof buf));
    }
    return (Candidate){app->key, as->requested, applicant, as->route, as->eligible, as->score, (uint32_t)i};
}

/* Assesses application i into the session's arena: *as_out and *cand. */
static void assess_one(Session *s, const Application *app, size_t i, int cap_field, Assessment **as_out,
                       Candidate *cand)
{
    const Program *p = s->prog;
    Assessment *as = new_assessment(&s->a, p);
    assess(s, app, as->crit, as->prio, as);
    *as_out = as;
    *cand = candidate(s, app, as, i, cap_field);
}

void assess_all(Session *s, const Application *apps, size_t n, Assessment ***as_out, Candidate **cands_out)
{
    Candidate *cands = arena_alloc(&s->a, (n + 1) * sizeof *cands);
    Assessment **as = arena_alloc(&s->a, (n + 1) * sizeof *as);
    int cap_field = cap_field_of(s->prog);
    for (size_t i = 0; i < n; i++)
        assess_one(s, &apps[i], i, cap_field, &as[i], &cands[i]);
    *as_out = as;
    *cands_out = cands;
}

/* A lasting copy of a row's application in `a`: its key, and its values
** (texts included) when `full`, else `missing` (every value VAL_MISSING). */
static Application keep_app(Arena *a, const Program *p, const Application *row, bool full, Value *missing)
{
    Application app = *row;
    app.key = row->key ? arena_strdup(a, row->key) : NULL;
    if (!full) {
        app.values = missing;
        return app;
    }
    app.values = arena_alloc(a, (p->n_fields + 1) * sizeof *app.values);
    for (size_t i = 0; i < p->n_fields; i++) {
        app.values[i] = row->values[i];
        if (row->values[i].kind == VAL_TEXT) {
            const Value *v = &row->values[i];
            app.values[i].u.text.s = (int)i == p->key_field && app.key ? app.key : arena_strndup(a, v->u.text.s, v->u.text.len);
        }
    }
    return app;
}

/* What read_assessed keeps, growing as rows are committed. */
typedef struct Kept {
    Session *s;
    Value *missing;       /* every value VAL_MISSING, shared */
    int cap_field;
    size_t n, cap;
    Application *apps;    /* malloc'd, like the two below */
    Assessment **as;
    Candidate *cands;
} Kept;

/* A lasting copy of an assessment in `a`. */
static Assessment *copy_assessment(Arena *a, const Program *p, const Assessment *from)
{
    Assessment *as = new_assessment(a, p);
    memcpy(as->score, from->score, (p->n_pots + 1) * sizeof *as->score);
    memcpy(as->prio, from->prio, (p->n_priorities + 1) * sizeof *as->prio);
    memcpy(as->route, from->route, (p->n_pots + 1) * sizeof *as->route);
    memcpy(as->eligible, from->eligible, (p->n_pots + 1) * sizeof *as->eligible);
    memcpy(as->crit, from->crit, (p->n_criteria + 1) * sizeof *as->crit);
    as->requested = from->requested;
    return as;
}

/* Keeps one assessed application (app and as are the reader's, short-lived). */
static void keep(Kept *k, const Application *app, const Assessment *as)
{
    const Program *p = k->s->prog;
    if (k->n == k->cap) {
        k->cap = k->cap ? 2 * k->cap : 256;
        k->apps = xrealloc(k->apps, k->cap * sizeof *k->apps);
        k->as = xrealloc(k->as, k->cap * sizeof *k->as);
        k->cands = xrealloc(k->cands, k->cap * sizeof *k->cands);
    }
    bool eligible = false;
    for (size_t j = 0; j < p->n_pots; j++)
        eligible |= as->eligible[j] == OUTCOME_PASS;
    size_t i = k->n++;
    k->as[i] = copy_assessment(&k->s->a, p, as);
    k->apps[i] = keep_app(&k->s->a, p, app, eligible, k->missing);
    k->cands[i] = candidate(k->s, app, k->as[i], i, k->cap_field);   /* the applicant from the full row */
    k->cands[i].key = k->apps[i].key;
}

static void keep_commit(void *user, const Application *app, const Assessment *as, const char *out, size_t n)
{
    (void)out;
    (void)n;
    keep(user, app, as);
}

int read_assessed(Session *s, const MedelOptions *o, Application **apps_out, Assessment ***as_out, Candidate **cands_out,
                  size_t *n_out, AppCounts *counts)
{
    const Program *p = s->prog;
    AppReader *r = open_applications(s, o);
    if (!r)
        return MEDEL_EXIT_NOINPUT;
    Kept k = {.s = s, .missing = arena_alloc(&s->a, (p->n_fields + 1) * sizeof *k.missing),   /* zeroed: VAL_MISSING */
              .cap_field = cap_field_of(p)};
    AppStatus st = APP_END;
    int jobs = pipeline_jobs();
    if (jobs > 1 && apps_parallel(r)) {
        PipelineUse use = {NULL, keep_commit, &k};
        if (!pipeline_run(s, r, jobs, &use, report_line, s))
            st = APP_FATAL;
    } else {
        Arena row;
        arena_init(&row);
        for (;;) {
            arena_reset(&row);
            Application app;
            st = apps_next(r, &row, &app);
            if (st == APP_END || st == APP_FATAL)
                break;
            if (st != APP_OK)
                continue;
            Assessment *as = new_assessment(&row, p);
            assess(s, &app, as->crit, as->prio, as);
            keep(&k, &app, as);
        }
        arena_free(&row);
    }
    *counts = apps_counts(r);
    apps_close(r);
    free(s->apps);
    free(s->as);
    free(s->cands);
    s->apps = k.apps;   /* all three freed by session_end */
    s->as = k.as;
    s->cands = k.cands;
    *apps_out = k.apps;
    *as_out = k.as;
    *cands_out = k.cands;
    *n_out = k.n;
    return read_done(s, o, st, counts);
}

bool run_allocation(Session *s, const Application *apps, size_t n, Assessment ***as_out, Allocation *al, char *msg,
                    size_t msg_len)
{
    Candidate *cands;
    assess_all(s, apps, n, as_out, &cands);
    return allocation_run(&s->cx, apps, cands, n, &s->a, al, msg, msg_len);
}

/* explain follows the rule of check and allocate: a rejected row stops it
** (exit 67, nothing written) unless --keep-going, and then the report says
** that the allocation it shows leaves the rejected rows out, and the exit is
** still 67. A key asked for that is a rejected row's is said so, with why. */
int medel_explain(const MedelOptions *o, FILE *err)
{
    Session s;
    int rc = session_begin(&s, o, err);
    Application *apps = NULL;
    size_t n = 0;
    AppCounts c = {0};
    Watch w = {.s = &s, .key = o->id};
    if (rc == MEDEL_EXIT_OK) {
        MedelOptions lenient = *o;
        lenient.keep_going = true;  /* the rejected rows are weighed below, with the key asked for */
        rc = read_rows(&s, &lenient, &w, &apps, &n, &c);
    }
    free(w.row);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    if (w.why) {
        fprintf(err, "medel: the application '%s' was rejected, so there is nothing to explain:\n", o->id);
        for (const char *line = w.why, *nl;; line = nl + 1) {
            nl = strchr(line, '\n');
            fprintf(err, "  %.*s\n", nl ? (int)(nl - line) : (int)strlen(line), line);
            if (!nl)
                break;
        }
        session_end(&s);
        return MEDEL_EXIT_APPLICATIONS;
    }
    if (c.rejected && !o->keep_going) {
        fprintf(err, "medel: %zu rejected row%s; nothing written (use --keep-going to explain with the rest)\n", c.rejected,
                c.rejected == 1 ? "" : "s");
        session_end(&s);
        return MEDEL_EXIT_APPLICATIONS;
    }
    const Application *app = NULL;
    for (size_t i = 0; i < n && !app; i++)
        if (apps[i].key && strcmp(apps[i].key, o->id) == 0)
            app = &apps[i];
    if (!app) {
        if (c.rejected)   /* a row whose key could not be read may be the one */
            fprintf(err, "medel: no valid application in '%s' has the key '%s' (%zu row%s rejected; it may be one of them)\n",
                    o->applications, o->id, c.rejected, c.rejected == 1 ? " was" : "s were");
        else
            fprintf(err, "medel: no application in '%s' has the key '%s'\n", o->applications, o->id);
        session_end(&s);
        return MEDEL_EXIT_NOT_FOUND;
    }
    OutFile out;
    char msg[512];
    if (!session_output(&s, o, NULL, &out)) {
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    out_escape(&out);   /* explain is always text for people */
    Assessment **as;
    Allocation al;
    if (!run_allocation(&s, apps, n, &as, &al, msg, sizeof msg)) {
        rc = allocation_report_failure(&al, msg, o->applications, NULL, err);
        out_abort(&out);
        session_end(&s);
        return rc;
    }
    if (c.rejected)
        fprintf(out.f, "OBS: %zu %s i '%s' avvisades (se felen); fördelningen nedan är räknad utan %s.\n\n", c.rejected,
                c.rejected == 1 ? "rad" : "rader", o->applications, c.rejected == 1 ? "den" : "dem");
    int32_t index = (int32_t)(app - apps);
    report_explain(s.prog, s.tables, &s.set, &s.cx, o, app, as[index], index, &al, out.f);
    if (!out_commit(&out, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        rc = MEDEL_EXIT_IO;
    } else {
        rc = c.rejected ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK;
    }
    session_end(&s);
    return rc;
}

int medel_allocate(const MedelOptions *o, FILE *err)
{
    Session s;
    int rc = session_begin(&s, o, err);
    Application *apps = NULL;
    Assessment **as = NULL;
    Candidate *cands = NULL;
    size_t n = 0;
    AppCounts counts = {0};
    if (rc == MEDEL_EXIT_OK)
        rc = read_assessed(&s, o, &apps, &as, &cands, &n, &counts);
    if (rc != MEDEL_EXIT_OK) {
        session_end(&s);
        return rc;
    }
    Allocation al;
    char msg[512];
    if (!allocation_run(&s.cx, apps, cands, n, &s.a, &al, msg, sizeof msg)) {
        rc = allocation_report_failure(&al, msg, o->applications, NULL, err);
        session_end(&s);
        return rc;
    }
    OutFile out;
    if (!session_output(&s, o, NULL, &out)) {
        session_end(&s);
        return MEDEL_EXIT_IO;
    }
    if (o->format == MEDEL_FORMAT_TABLE)
        out_escape(&out);
    report_allocation(&s.cx, &s.set, o, apps, (const Assessment *const *)as, n, counts, &al, out.f);
    if (!out_commit(&out, msg, sizeof msg)) {
        fprintf(err, "medel: %s\n", msg);
        rc = MEDEL_EXIT_IO;
    } else {
        rc = counts.rejected ? MEDEL_EXIT_APPLICATIONS : MEDEL_EXIT_OK;
    }
    session_end(&s);
    return rc;
}
