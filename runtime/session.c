/*
** session.c: what a run of the engine loads and reads: the rule file and its
** tables (session_load, or session_derive for a scenario that changes only
** pot amounts), every application read (read_all) or read and assessed as
** it comes (read_assessed), the assessments and the allocation
** (assess_all, run_allocation), and the output file that must replace none
** of the inputs (session_output).
*/
#include "session.h"

#include <errno.h>
#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "allocate.h"
#include "diag.h"
#include "eval.h"
#include "i18n.h"
#include "input.h"
#include "loader.h"
#include "output.h"
#include "pipeline.h"
#include "program.h"
#include "report.h"
#include "assessment.h"

/* Says one line of the session's (without its newline): to the listener
** when there is one, else on s->err, or nowhere when that is NULL. */
static void say(const Session *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(const Session *s, const char *fmt, ...)
{
    if (!s->listen && !s->err)
        return;
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    char *line = xmalloc((size_t)(n < 0 ? 0 : n) + 1);   /* freed here */
    va_start(ap, fmt);
    vsnprintf(line, (size_t)(n < 0 ? 0 : n) + 1, fmt, ap);
    va_end(ap);
    if (s->listen)
        s->listen(s->listen_ctx, line);
    else
        fprintf(s->err, "%s\n", line);
    free(line);
}

void report_line(void *ctx, const char *msg)
{
    Session *s = ctx;
    if (s->scenario)   /* said under which scenario: the baseline may read it otherwise */
        say(s, "scenario %s: %s", s->scenario, msg);
    else
        say(s, "%s", msg);
}

void session_end(Session *s)
{
    free(s->apps);
    free(s->as);
    free(s->cands);
    free(s->ruling_seen);
    free(s->ruling_keys);
    loader_free_parts(&s->a, &s->set, &s->d);
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
    if (!err)
        return;
    size_t in_scen = scenario_errors(s, lo), in_rules = s->d.n_errors - in_scen;
    const char *scen = lo->scenario_file ? lo->scenario_file : lo->scenario_text_name ? lo->scenario_text_name : "--set";
    /* Text given by a program other than the command line (the workbench's
    ** "arbetsytan") is not the options --set, --drop and --sweep. */
    bool options = !lo->scenario_text_name || !strcmp(lo->scenario_text_name, "kommandoraden");
    const char *what = lo->scenario_file ? _("scenariofilen") : options ? _("--set, --drop eller --sweep") : _("scenariot");
    const char *sep = scenario ? ", scenario " : "", *name = scenario ? scenario : "";
    if (in_scen == 0 && s->d.n_warnings) {
        char counts[96];
        fprintf(err, _("%s%s%s: %s; rätta regelfilen först\n"), rules, sep, name,
                diags_count_text(in_rules, s->d.n_warnings, counts, sizeof counts));
    } else if (in_scen == 0) {
        fprintf(err, P_("%s%s%s: %zu fel; rätta regelfilen först\n", "%s%s%s: %zu fel; rätta regelfilen först\n", in_rules),
                rules, sep, name, in_rules);
    } else if (in_rules == 0) {
        fprintf(err, P_("%s%s%s: %zu fel; rätta %s först\n", "%s%s%s: %zu fel; rätta %s först\n", in_scen), scen, sep, name,
                in_scen, what);
    } else {
        char n_rules[64];
        snprintf(n_rules, sizeof n_rules, P_("%zu fel i regelfilen", "%zu fel i regelfilen", in_rules), in_rules);
        fprintf(err, P_("%s%s%s: %s, %s: %zu fel; rätta regelfilen och %s först\n",
                        "%s%s%s: %s, %s: %zu fel; rätta regelfilen och %s först\n", in_scen),
                rules, sep, name, n_rules, scen, in_scen, what);
    }
}

/* The split rules that need the tables' rows (a base amount for every
** recipient above the threshold must fit in the pot; the threshold must leave
** someone): reported like the rule file's errors. Returns STATUS_OK or
** STATUS_RULES. */
static int check_splits(Session *s, const char *rules, const char *scenario)
{
    Diags d;
    diags_init(&d, s->d.sources);
    bool ok = allocation_check_splits(&s->cx, &d);
    if (s->err)
        diags_render(&d, s->err);
    if (!ok && s->err) {
        const char *sep = scenario ? ", scenario " : "", *name = scenario ? scenario : "";
        fprintf(s->err, P_("%s%s%s: %zu fel; rätta regelfilen först\n", "%s%s%s: %zu fel; rätta regelfilen först\n",
                           d.n_errors),
                rules, sep, name, d.n_errors);
    }
    diags_free(&d);
    return ok ? STATUS_OK : STATUS_RULES;
}

/* After the warnings of a load that succeeded: how many ("regler.medel: 1
** varning"), once, for the baseline (a scenario's or a test's load of the
** same file says them again only when it adds some of its own). */
static void warnings_line(const Session *s, const char *rules, const LoadOptions *lo)
{
    char counts[96];
    if (s->err && s->d.n_warnings && !lo->reload)
        fprintf(s->err, "%s%s%s: %s\n", rules, lo->scenario ? ", scenario " : "", lo->scenario ? lo->scenario : "",
                diags_count_text(0, s->d.n_warnings, counts, sizeof counts));
}

int session_load(Session *s, const char *rules, const LoadOptions *lo, FILE *err)
{
    memset(s, 0, sizeof *s);
    loader_init_parts(&s->a, &s->set, &s->d);
    s->err = err;
    s->scenario = lo->scenario;
    /* A scenario file that cannot be read is a missing input, like a
    ** missing rule file (exit 66), not an error to fix in the rule file. */
    if (lo->scenario_file) {
        char why[200];
        FILE *f = source_open_file(lo->scenario_file, false, why, sizeof why);
        if (!f) {
            if (err)
                fprintf(err, _("medel: error: kan inte läsa scenariofilen '%s': %s\n"), lo->scenario_file, why);
            return STATUS_NOINPUT;
        }
        fclose(f);
    }
    int rc = loader_load_parts(&s->a, &s->set, &s->d, rules, lo, err, &s->prog);
    if (rc == STATUS_RULES || rc == STATUS_HEADER)
        errors_line(s, rules, lo, lo->scenario);
    if (rc != STATUS_OK)
        return rc;
    warnings_line(s, rules, lo);
    s->tables = tables_load(s->prog, &s->a, report_line, s);
    if (!s->tables)   /* a table whose columns do not match, or with bad rows (a missing file is the loader's 65) */
        return input_failure() == STATUS_HEADER ? STATUS_HEADER : STATUS_RULES;
    s->cx = (EvalContext){s->prog, s->tables, NULL};
    return check_splits(s, rules, lo->scenario);
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
    if (err)
        diags_render(&s->d, err);
    bool warned = lo->werror && s->d.n_warnings;   /* as loader_load_parts has it */
    if (warned && err)
        fputs(_("medel: varningarna räknas som fel (--werror)\n"), err);
    if (s->d.n_errors || warned) {
        errors_line(s, rules, lo, scenario->name);
        return STATUS_RULES;
    }
    LoadOptions slo = *lo;
    slo.scenario = scenario->name;
    warnings_line(s, rules, &slo);
    s->tables = base->tables;   /* a change of amounts reads no table */
    s->cx = (EvalContext){s->prog, s->tables, base->cx.rulings};   /* the same criteria and pots: the same rulings */
    return check_splits(s, rules, scenario->name);
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

bool session_output(Session *s, const char *output, const char *applications, const char *extra, OutFile *out)
{
    size_t n_inputs;
    const char **inputs = session_inputs(s, applications, extra, &n_inputs);
    char msg[512];
    if (out_open(out, output, inputs, n_inputs, msg, sizeof msg))
        return true;
    say(s, "medel: %s", msg);
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
    if (!strcmp(name, "xlsx"))
        return INPUT_XLSX;
    return INPUT_CSV;
}

/* apps_open, with standard input ("-") made readable again from the start
** and hashed first (stdin_prepare): the JSON reports give its SHA-256, and
** a whatif scenario that reads the applications again sees the same ones. */
AppReader *open_applications(Session *s, const char *applications, InputFormat format, const char *sheet)
{
    if (strcmp(applications, "-") == 0 && !stdin_prepare()) {
        say(s, _("-: kan inte läsa ansökningarna: %s"), i18n_strerror(errno));
        return NULL;
    }
    return apps_open_sheet(s->prog, s->tables, applications, format, sheet, report_line, s);
}

void counts_line(const Session *s, const char *path, AppCounts c)
{
    char buf[160];
    say(s, "%s: %s", path, report_counts(c, buf, sizeof buf));
}

/* After reading: the counts line, and the exit code for how reading ended. */
static int read_done(Session *s, const ReadOptions *o, AppStatus st, const AppCounts *counts)
{
    counts_line(s, o->applications, *counts);
    if (st == APP_FATAL)
        return STATUS_APPLICATIONS;
    if (counts->rejected && !o->keep_going) {
        say(s, P_("medel: %zu avvisad rad; inget skrevs (använd --keep-going för att fortsätta med resten)",
                  "medel: %zu avvisade rader; inget skrevs (använd --keep-going för att fortsätta med resten)",
                  counts->rejected),
            counts->rejected);
        return STATUS_APPLICATIONS;
    }
    return STATUS_OK;
}

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
int read_rows(Session *s, const ReadOptions *o, Watch *w, Application **apps_out, size_t *n_out, AppCounts *counts)
{
    AppReader *r;
    if (w && strcmp(o->applications, "-") == 0 && !stdin_prepare()) {
        say(s, _("-: kan inte läsa ansökningarna: %s"), i18n_strerror(errno));
        return STATUS_NOINPUT;
    }
    r = w ? apps_open_sheet(s->prog, s->tables, o->applications, o->format, o->sheet, watch_line, w)
          : open_applications(s, o->applications, o->format, o->sheet);
    if (!r)
        return input_failure();
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

int read_all(Session *s, const ReadOptions *o, Application **apps_out, size_t *n_out, AppCounts *counts)
{
    return read_rows(s, o, NULL, apps_out, n_out, counts);
}

/* Assesses application i into the session's arena: *as_out and *cand. */
static void assess_one(Session *s, const Application *app, size_t i, int cap_field, Assessment **as_out,
                       Candidate *cand)
{
    const Program *p = s->prog;
    Assessment *as = new_assessment(&s->a, p);
    assess(&s->cx, app, as->crit, as->prio, as);
    session_rulings_app(s, app, as);
    *as_out = as;
    *cand = candidate(&s->cx, &s->a, app, as, i, cap_field);
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
    /* One block for the values and the texts (the key's included), packed
    ** without padding: allocate keeps one per application. */
    size_t klen = row->key ? strlen(row->key) + 1 : 0, texts = klen;
    for (size_t i = 0; full && i < p->n_fields; i++)
        if (row->values[i].kind == VAL_TEXT && (int)i != p->key_field)
            texts += row->values[i].u.text.len + 1;
    size_t nv = full ? p->n_fields : 0;
    char *block = arena_alloc(a, nv * sizeof *app.values + texts);
    char *t = block + nv * sizeof *app.values;
    if (row->key) {
        memcpy(t, row->key, klen);
        app.key = t;
        t += klen;
    }
    if (!full) {
        app.values = missing;
        return app;
    }
    app.values = (Value *)block;
    for (size_t i = 0; i < p->n_fields; i++) {
        app.values[i] = row->values[i];
        if (row->values[i].kind != VAL_TEXT)
            continue;
        const Value *v = &row->values[i];
        if ((int)i == p->key_field && app.key) {
            app.values[i].u.text.s = app.key;
        } else {
            if (v->u.text.len)   /* an empty text may have no bytes at all */
                memcpy(t, v->u.text.s, v->u.text.len);
            t[v->u.text.len] = '\0';
            app.values[i].u.text.s = t;
            t += v->u.text.len + 1;
        }
    }
    return app;
}

/* What read_assessed keeps, growing as rows are committed. */
typedef struct Kept {
    Session *s;
    Value *missing;       /* every value VAL_MISSING, shared */
    int cap_field;
    bool all;             /* keep every application's values */
    size_t n, cap;
    Application *apps;    /* malloc'd, like the two below */
    Assessment **as;
    Candidate *cands;
} Kept;

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
    /* The values of an application that needs a person's judgement are kept
    ** too: the reports say which of them are missing. */
    bool eligible = k->all || as->n_rulings;   /* the reports show an assessed application's values */
    for (size_t j = 0; j < p->n_pots; j++)
        eligible |= as->eligible[j] == OUTCOME_PASS || as->eligible[j] == OUTCOME_MANUAL;
    size_t i = k->n++;
    session_rulings_app(k->s, app, as);
    k->as[i] = copy_assessment(&k->s->a, p, as);
    k->apps[i] = keep_app(&k->s->a, p, app, eligible, k->missing);
    k->cands[i] = candidate(&k->s->cx, &k->s->a, app, k->as[i], i, k->cap_field);   /* the applicant from the full row */
    k->cands[i].key = k->apps[i].key;
}

static void keep_commit(void *user, const Application *app, const Assessment *as, const char *out, size_t n)
{
    (void)out;
    (void)n;
    keep(user, app, as);
}

int read_assessed(Session *s, const ReadOptions *o, Application **apps_out, Assessment ***as_out, Candidate **cands_out,
                  size_t *n_out, AppCounts *counts)
{
    const Program *p = s->prog;
    AppReader *r = open_applications(s, o->applications, o->format, o->sheet);
    if (!r)
        return input_failure();
    Kept k = {.s = s, .missing = arena_alloc(&s->a, (p->n_fields + 1) * sizeof *k.missing),   /* zeroed: VAL_MISSING */
              .cap_field = cap_field_of(p), .all = s->keep_values};
    AppStatus st = APP_END;
    int jobs = pipeline_jobs();
    if (jobs > 1 && apps_parallel(r)) {
        PipelineUse use = {NULL, keep_commit, &k};
        if (!pipeline_run(&s->cx, r, jobs, &use, report_line, s))
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
            assess(&s->cx, &app, as->crit, as->prio, as);
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

int session_rulings(Session *s, const char *path)
{
    if (!path)
        return STATUS_OK;
    int status;
    size_t warnings = 0;
    s->rulings = ruling_read(s->prog, s->tables, path, &s->a, report_line, s, &status, &warnings);
    if (!s->rulings) {
        if (status == STATUS_HEADER)
            say(s, _("medel: filen med bedömningar '%s' kan inte läsas som bedömningar; inget skrevs"), path);
        return status;
    }
    /* Rows with errors are left out, and the applications read on, so that
    ** session_rulings_end can say every error in one pass. */
    s->ruling_errors = s->rulings->errors;
    s->cx.rulings = s->rulings;
    s->ruling_seen = xmalloc(s->rulings->n + 1);
    memset(s->ruling_seen, 0, s->rulings->n + 1);
    return STATUS_OK;
}

void session_rulings_app(Session *s, const Application *app, const Assessment *as)
{
    if (!s->ruling_seen)
        return;
    if (as->n_rulings)
        s->ruling_errors += ruling_check_app(&s->cx, as, s->ruling_seen, report_line, s);
    if (!app->key)
        return;
    if (s->n_ruling_keys == s->cap_ruling_keys) {
        s->cap_ruling_keys = s->cap_ruling_keys ? 2 * s->cap_ruling_keys : 256;
        s->ruling_keys = xrealloc(s->ruling_keys, s->cap_ruling_keys * sizeof *s->ruling_keys);
    }
    s->ruling_keys[s->n_ruling_keys++] = arena_strdup(&s->a, app->key);
}

int session_rulings_end(Session *s)
{
    if (!s->ruling_seen)
        return STATUS_OK;
    Arena a;
    arena_init(&a);
    size_t errors = s->ruling_errors + ruling_check_unseen(s->rulings, s->ruling_seen, s->ruling_keys,
                                                           s->n_ruling_keys, &a, report_line, s);
    arena_free(&a);
    if (!errors)
        return STATUS_OK;
    say(s, P_("medel: %zu fel i filen med bedömningar '%s'; inget skrevs", "medel: %zu fel i filen med bedömningar '%s'; inget skrevs",
              errors),
        errors, s->rulings->path);
    return STATUS_ASSESSMENTS;
}
