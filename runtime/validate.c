/*
** validate.c: medel validate, the static checks of rule files, with a
** summary of each valid file (or its dump) and every error of each invalid one.
*/
#define _GNU_SOURCE   /* qsort_r */

#include "command.h"

#include "allocate.h"
#include "format.h"
#include "input.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "diag.h"
#include "i18n.h"
#include "loader.h"
#include "medel.h"
#include "parse.h"
#include "program.h"
#include "report.h"
#include "source.h"
#include "summary.h"

/* Where tables_check's messages go: err, each said under its scenario
** (as allocate says them) when there is one. */
typedef struct DataSay {
    FILE *err;
    const char *scenario;
} DataSay;

static void data_line(void *ctx, const char *msg)
{
    const DataSay *s = ctx;
    if (s->scenario)
        fprintf(s->err, "scenario %s: %s\n", s->scenario, msg);
    else
        fprintf(s->err, "%s\n", msg);
}

/* Whether two declarations of a table read the same rows the same way. */
static bool same_table(const Table *a, const Table *b)
{
    if (strcmp(a->path, b->path) != 0 || a->n_columns != b->n_columns)
        return false;
    for (size_t c = 0; c < a->n_columns; c++) {
        const Column *x = &a->columns[c], *y = &b->columns[c];
        if (strcmp(x->name, y->name) != 0 || strcmp(x->header, y->header) != 0 || x->type.kind != y->type.kind ||
            x->derived != y->derived || x->key != y->key)
            return false;
    }
    return true;
}

/* Reads the data files of p whole (validate checks the data as allocate
** would), skipping tables whose declaration had errors and, with base,
** tables base has read already. Returns the number of errors said. */
/* tables_check has already said every problem of the data files. */
static void quiet(void *ctx, const char *msg)
{
    (void)ctx;
    (void)msg;
}

/* The checks of a split that need the rows (a weight column that is not 0
** everywhere; a base amount for every recipient must fit in the pot, a
** threshold must leave someone), once the data files read cleanly: the same check, and the same errors, as allocate's. Returns
** the number of errors, rendered to err. */
static size_t check_split_rows(Loader *L, FILE *err)
{
    const Program *p = L->prog;
    bool any = false;
    for (size_t k = 0; k < p->n_pots && !any; k++)
        any = p->pots[k].has_split;
    if (!any)
        return 0;
    TableData *t = tables_load(p, &L->a, quiet, NULL);
    if (!t)
        return 0;   /* tables_check has said why */
    Diags d;
    diags_init(&d, &L->set);
    EvalContext cx = {p, t, NULL};
    allocation_check_splits(&cx, &d);
    diags_render(&d, err);
    size_t n = d.n_errors;
    diags_free(&d);
    return n;
}

static size_t check_data(Loader *L, const Program *base, const char *scenario, FILE *err)
{
    const Program *p = L->prog;
    bool *skip = arena_alloc(&L->a, (p->n_tables + 1) * sizeof *skip);
    for (size_t i = 0; i < p->n_tables; i++) {
        skip[i] = p->tables[i].unsound;
        for (size_t j = 0; base && j < base->n_tables && !skip[i]; j++)
            skip[i] = same_table(&p->tables[i], &base->tables[j]);
    }
    DataSay s = {err, scenario};
    size_t n = tables_check(p, skip, &L->a, data_line, &s);
    if (n == 0 && !base)
        n = check_split_rows(L, err);
    return n;
}

/* Validates one rule file; returns its exit code. */
static int validate_one(const char *path, const char *text, size_t text_len, const MedelValidateOptions *o, FILE *out,
                        FILE *err)
{
    Loader L;
    loader_init(&L);
    int rc = MEDEL_EXIT_OK;
    LoadOptions lo = {.trace_parse = o->trace_parse, .allow_outside_paths = o->allow_outside_paths,
                      .scenario_file = o->scenario_file, .werror = o->werror};
    char counts[96];

    if (o->dump_ast) {
        uint32_t file;
        if (text) {
            file = source_add(&L.set, path, text, text_len);
        }
        if (!text && !source_load(&L.set, path, &file)) {
            fputs("medel: ", err);
            fprintf(err, _("kan inte läsa regelfilen '%s': %s\n"), path, source_load_error());
            rc = MEDEL_EXIT_NOINPUT;
        } else {
            Module *m = parse_module(&L.a, &L.set, file, &L.d, o->trace_parse);
            diags_render(&L.d, err);
            ast_dump(m, out);
            rc = L.d.n_errors ? MEDEL_EXIT_RULES : MEDEL_EXIT_OK;
        }
    } else {
        rc = loader_load_text(&L, path, text, text_len, &lo, err);
        Program *p = L.prog;
        size_t data_errors = 0;
        if (p && rc != MEDEL_EXIT_NOINPUT)
            data_errors = check_data(&L, NULL, NULL, err);
        if (data_errors && (rc == MEDEL_EXIT_OK || rc == MEDEL_EXIT_HEADER))
            rc = MEDEL_EXIT_RULES;   /* the rows of a data file are wrong: as allocate says */
        if (rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER) {
            size_t n = L.d.n_errors + data_errors;
            if (L.d.n_warnings)
                fprintf(err, "%s: %s\n", path, diags_count_text(n, L.d.n_warnings, counts, sizeof counts));
            else
                fprintf(err, P_("%s: %zu fel\n", "%s: %zu fel\n", n), path, n);
        } else if (rc == MEDEL_EXIT_OK) {
            /* Every scenario must also give a valid program: an override
            ** naming nothing, or breaking a split, is an error here. */
            for (size_t i = 0; i < p->n_scenarios; i++) {
                Loader S;
                loader_init(&S);
                LoadOptions slo = lo;
                slo.scenario = p->scenarios[i].name;
                int src = loader_load_text(&S, path, text, text_len, &slo, err);
                size_t n = S.d.n_errors;
                if (S.prog && !S.d.n_errors)   /* a table the scenario points at another file */
                    n += check_data(&S, p, p->scenarios[i].name, err);
                if ((src != MEDEL_EXIT_OK || n) && S.d.n_warnings) {   /* --werror, or errors beside warnings */
                    fprintf(err, "%s: scenario %s: %s\n", path, p->scenarios[i].name,
                            diags_count_text(n, S.d.n_warnings, counts, sizeof counts));
                    rc = MEDEL_EXIT_RULES;
                } else if (n) {
                    fprintf(err, P_("%s: scenario %s: %zu fel\n", "%s: scenario %s: %zu fel\n", n), path,
                            p->scenarios[i].name, n);
                    rc = MEDEL_EXIT_RULES;
                }
                loader_free(&S);
            }
            if (rc == MEDEL_EXIT_OK && o->dump) {
                format_dump(p, out);
            } else if (rc == MEDEL_EXIT_OK) {
                if (L.d.n_warnings)   /* the count, as a summary of errors has it: "ok (1 varning)" */
                    fprintf(out, "%s: ok (%s)\n", path, diags_count_text(0, L.d.n_warnings, counts, sizeof counts));
                else
                    fprintf(out, "%s: ok\n", path);
                summary_print(p, out);
            }
        }
    }
    loader_free(&L);
    return rc;
}

/* ---- --format json: the diagnostics and summaries as data ---- */

/* A place in a rule file as the JSON keys of a diagnostic: file, line and
** column (display columns from 1, as the text shows them) of the span's
** start, the end (just after the span's last character) and its bytes;
** all null for a diagnostic that points at no file. */
/* The bytes a diagnostic's fix replaces, its fix_span (the diagnostic's
** own span unless the suggestion rewrites more, as "13 till 19" does):
** false when that span lies in no file, when a fix would be offered at a
** place the editor cannot show. */
static bool fix_bytes(const Diags *d, const Diag *g, size_t *start, size_t *end)
{
    Span sp = g->fix_span;
    if (span_is_none(sp) || !d->sources || sp.file >= d->sources->n_files || sp.file != g->span.file)
        return false;
    const SourceFile *f = source_get(d->sources, sp.file);
    if (sp.start > sp.end || sp.end > f->len)
        return false;
    *start = sp.start;
    *end = sp.end;
    return true;
}

static void json_span(FILE *out, const Diags *d, Span sp)
{
    if (span_is_none(sp) || !d->sources || sp.file >= d->sources->n_files) {
        fputs("\"file\": null, \"line\": null, \"column\": null, \"end_line\": null, \"end_column\": null, "
              "\"start_byte\": null, \"end_byte\": null", out);
        return;
    }
    const SourceFile *f = source_get(d->sources, sp.file);
    size_t start = sp.start < f->len ? sp.start : f->len;
    size_t end = sp.end < f->len ? sp.end : f->len;
    if (end < start)
        end = start;
    SourcePos a = source_position(f, start), b = source_position(f, end);
    fputs("\"file\": ", out);
    report_json_str(out, f->path);
    fprintf(out, ", \"line\": %zu, \"column\": %zu, \"end_line\": %zu, \"end_column\": %zu, \"start_byte\": %zu, \"end_byte\": %zu",
            a.line, a.col, b.line, b.col, start, end);
}

/* The order diags_render shows them in: file, offset, then emission.
** qsort_r's context is the Diags: the server validates on several threads
** at once, so no static may carry it. */
static int by_place(const void *x, const void *y, void *ctx)
{
    const Diags *sort_diags = *(const Diags **)ctx;
    const Diag *a = &sort_diags->items[*(const size_t *)x], *b = &sort_diags->items[*(const size_t *)y];
    uint32_t fa = span_is_none(a->span) ? 0 : a->span.file, fb = span_is_none(b->span) ? 0 : b->span.file;
    uint32_t sa = span_is_none(a->span) ? 0 : a->span.start, sb = span_is_none(b->span) ? 0 : b->span.start;
    if (fa != fb)
        return fa < fb ? -1 : 1;
    if (sa != sb)
        return sa < sb ? -1 : 1;
    return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Every error and warning of d, with its notes, as JSON objects (after
** `*n` earlier ones: *n counts them); scenario names the scenario they
** belong to, or is NULL. */
void validate_json_diags(FILE *out, const Diags *d, const char *scenario, size_t *n)
{
    size_t *lead = xmalloc((d->n + 1) * sizeof *lead);   /* freed here */
    size_t n_lead = 0;
    for (size_t i = 0; i < d->n; i++)
        if (d->items[i].level != DIAG_NOTE || d->items[i].group == d->items[i].seq)
            lead[n_lead++] = i;
    const Diags *sorted = d;
    qsort_r(lead, n_lead, sizeof *lead, by_place, &sorted);
    for (size_t i = 0; i < n_lead; i++) {
        const Diag *g = &d->items[lead[i]];
        size_t fs, fe;
        static const char *const words[] = {"error", "warning", "note"};
        fprintf(out, "%s\n      {\"severity\": \"%s\", \"message\": ", (*n)++ ? "," : "", words[g->level]);
        report_json_str(out, g->msg);
        fputs(", ", out);
        json_span(out, d, g->span);
        if (g->fix && fix_bytes(d, g, &fs, &fe)) {   /* the text that replaces [fix_start_byte, fix_end_byte): one click */
            fputs(", \"fix\": ", out);
            report_json_str(out, g->fix);
            fprintf(out, ", \"fix_start_byte\": %zu, \"fix_end_byte\": %zu", fs, fe);
        }
        fputs(", \"scenario\": ", out);
        if (scenario)
            report_json_str(out, scenario);
        else
            fputs("null", out);
        fputs(", \"notes\": [", out);
        size_t n_notes = 0;
        for (size_t j = 0; j < d->n; j++) {
            const Diag *x = &d->items[j];
            if (x->level != DIAG_NOTE || x->group != g->seq || x == g)
                continue;
            fputs(n_notes++ ? ",\n        {\"message\": " : "\n        {\"message\": ", out);
            report_json_str(out, x->msg);
            fputs(", ", out);
            json_span(out, d, x->span);
            fputc('}', out);
        }
        fputs(n_notes ? "\n      ]}" : "]}", out);
    }
    free(lead);
}

static void json_pots(FILE *out, const Program *p)
{
    char b[64];
    for (size_t k = 0; k < p->n_pots; k++) {
        const Pot *pot = &p->pots[k];
        fprintf(out, "%s\n        {\"name\": ", k ? "," : "");
        report_json_str(out, pot->name);
        fputs(", \"parent\": ", out);
        if (pot->parent >= 0)
            report_json_str(out, p->pots[pot->parent].name);
        else
            fputs("null", out);
        fprintf(out, ", \"amount_ore\": %" PRId64 ", \"approximate\": %s, \"share\": \"%s\", \"percent\": ", pot->amount,
                pot->approx ? "true" : "false",
                pot->share == SHARE_PERCENT ? "percent" : pot->share == SHARE_REST ? "rest" : pot->share == SHARE_FIXED ? "fixed" : "root");
        if (pot->share == SHARE_PERCENT)
            report_json_str(out, percent_format(pot->percent, b, sizeof b));
        else
            fputs("null", out);
        fputs(", \"split\": ", out);
        if (pot->has_split) {
            const Split *s = &pot->split;
            fputs("{\"field\": ", out);
            report_json_str(out, p->fields[s->field].name);
            fputs(", \"table\": ", out);
            report_json_str(out, p->tables[s->table].name);
            fputs(", \"column\": ", out);
            report_json_str(out, p->tables[s->table].columns[s->column].name);
            /* The rules only when set, so a plain split reads as before. */
            const SplitAmount *amounts[] = {&s->base, &s->cap};
            const char *keys[] = {"base_amount", "cap"};
            for (int i = 0; i < 2; i++) {
                if (!amounts[i]->set)
                    continue;
                fprintf(out, ", \"%s\": {", keys[i]);
                if (amounts[i]->is_percent) {
                    fputs("\"percent\": ", out);
                    report_json_str(out, percent_format(amounts[i]->percent, b, sizeof b));
                } else {
                    fprintf(out, "\"amount_ore\": %" PRId64, amounts[i]->amount);
                }
                fputc('}', out);
            }
            if (s->has_threshold) {
                fputs(", \"threshold\": {", out);
                if (s->threshold_is_percent) {
                    fputs("\"percent\": ", out);
                    report_json_str(out, percent_format(s->threshold_percent, b, sizeof b));
                } else {
                    fprintf(out, "\"weight\": %" PRId64, s->threshold_weight);
                }
                fputc('}', out);
            }
            if (s->min_units > 0)
                fprintf(out, ", \"at_least_units\": %" PRId64, s->min_units);
            fputc('}', out);
        } else {
            fputs("null", out);
        }
        fputs(", \"label\": ", out);
        if (pot->label)
            report_json_str(out, pot->label);
        else
            fputs("null", out);
        fputc('}', out);
    }
}

/* The summary of a valid file as data: what summary_print shows. */
static void json_summary(FILE *out, const Program *p)
{
    fputs("{\"agreement\": ", out);
    if (p->name)
        report_json_str(out, p->name);
    else
        fputs("null", out);
    if (p->year_from)
        fprintf(out, ", \"year_from\": %d, \"year_to\": %d", p->year_from, p->year_to);
    else
        fputs(", \"year_from\": null, \"year_to\": null", out);
    fputs(",\n       \"pots\": [", out);
    json_pots(out, p);
    fprintf(out, "%s,\n       \"criteria\": %zu, \"focus_areas\": %zu, \"priorities\": %zu, \"portfolio_constraints\": %zu, "
                 "\"fields\": %zu, \"scenarios\": [",
            p->n_pots ? "\n       ]" : "]", p->n_criteria, p->n_focus, p->n_priorities, p->n_portfolios, p->n_fields);
    for (size_t i = 0; i < p->n_scenarios; i++) {
        if (i)
            fputs(", ", out);
        report_json_str(out, p->scenarios[i].name);
    }
    fputs("]}", out);
}

/* tables_check's lines for --format json, kept until they are written. */
typedef struct DataLines {
    char **v;
    size_t n, cap;
} DataLines;

static void data_keep(void *ctx, const char *msg)
{
    DataLines *l = ctx;
    if (l->n == l->cap) {
        l->cap = l->cap ? 2 * l->cap : 8;
        l->v = xrealloc(l->v, l->cap * sizeof *l->v);
    }
    l->v[l->n++] = xstrdup(msg);
}

/* One of tables_check's lines as a diagnostic's keys: "path:line:cell:
** error: message" gives the file, line and column (the cell) and the
** message after the level; a line without them (a row's error,
** "path:line: error: …") is the whole message, with no place. */
static void json_data_line(FILE *out, const char *line, bool note)
{
    const char *level = note ? ": note: " : ": error: ";
    const char *at = strstr(line, level);
    unsigned long ln = 0, col = 0;
    size_t path_len = 0;
    if (at) {
        /* Back from the level over ":digits:digits". */
        const char *q = at;
        const char *c_start = q;
        while (c_start > line && c_start[-1] >= '0' && c_start[-1] <= '9')
            c_start--;
        if (c_start < q && c_start > line && c_start[-1] == ':') {
            const char *l_end = c_start - 1, *l_start = l_end;
            while (l_start > line && l_start[-1] >= '0' && l_start[-1] <= '9')
                l_start--;
            if (l_start < l_end && l_start > line && l_start[-1] == ':') {
                ln = strtoul(l_start, NULL, 10);
                col = strtoul(c_start, NULL, 10);
                path_len = (size_t)(l_start - 1 - line);
            }
        }
    }
    fputs("\"message\": ", out);
    if (path_len) {
        report_json_str(out, at + strlen(level));
        fputs(", \"file\": ", out);
        char *path = xmalloc(path_len + 1);   /* freed here */
        memcpy(path, line, path_len);
        path[path_len] = '\0';
        report_json_str(out, path);
        free(path);
        fprintf(out, ", \"line\": %lu, \"column\": %lu, \"end_line\": %lu, \"end_column\": %lu, \"start_byte\": null, \"end_byte\": null",
                ln, col, ln, col);
    } else {
        report_json_str(out, line);
        fputs(", \"file\": null, \"line\": null, \"column\": null, \"end_line\": null, \"end_column\": null, "
              "\"start_byte\": null, \"end_byte\": null", out);
    }
}

/* The data files' errors as diagnostics, each group's note (the table's
** declaration) with the last error of the group, as the text form shows
** them one after the other. Frees the lines. */
static void json_data(FILE *out, DataLines *l, size_t *n)
{
    size_t i = 0;
    while (i < l->n) {
        size_t j = i;
        while (j < l->n && !strstr(l->v[j], ": note: "))
            j++;
        size_t notes_at = j;   /* the note lines after errors i..j */
        while (j < l->n && strstr(l->v[j], ": note: "))
            j++;
        for (size_t e = i; e < notes_at; e++) {
            fprintf(out, "%s\n      {\"severity\": \"error\", ", (*n)++ ? "," : "");
            json_data_line(out, l->v[e], false);
            fputs(", \"scenario\": null, \"notes\": [", out);
            bool last = e + 1 == notes_at;
            for (size_t k = notes_at; last && k < j; k++) {
                fputs(k > notes_at ? ",\n        {" : "\n        {", out);
                json_data_line(out, l->v[k], true);
                fputc('}', out);
            }
            fputs(last && j > notes_at ? "\n      ]}" : "]}", out);
        }
        i = j;
    }
    for (size_t k = 0; k < l->n; k++)
        free(l->v[k]);
    free(l->v);
}

/* validate_one for --format json: the file's object in the "files" list
** (`first` says whether it is the first). Nothing goes to err but the
** parser's trace. Returns the exit code, as validate_one's. */
static int validate_one_json(const char *path, const char *text, size_t text_len, const MedelValidateOptions *o, bool first,
                             FILE *out)
{
    Arena a;
    arena_init(&a);
    SourceSet set;
    source_set_init(&set);
    Diags d;
    diags_init(&d, &set);
    LoadOptions lo = {.trace_parse = o->trace_parse, .allow_outside_paths = o->allow_outside_paths,
                      .scenario_file = o->scenario_file, .werror = o->werror};
    Program *p = text ? program_load_text(&a, &set, &d, path, text, text_len, &lo) : program_load(&a, &set, &d, path, &lo);
    bool warned = o->werror && d.n_warnings;   /* as loader_load_parts has it */
    int rc = !p ? MEDEL_EXIT_NOINPUT
           : d.n_errors && d.n_errors == d.n_header_errors && !warned ? MEDEL_EXIT_HEADER   /* only a data file's columns */
           : d.n_errors || warned ? MEDEL_EXIT_RULES : MEDEL_EXIT_OK;
    size_t n_errors = d.n_errors, n_warnings = d.n_warnings, n = 0;
    fputs(first ? "\n    {\"path\": " : ",\n    {\"path\": ", out);
    report_json_str(out, path);
    fputs(",\n     \"diagnostics\": [", out);
    validate_json_diags(out, &d, NULL, &n);
    /* The rows of every data file, as the text form reads them. */
    if (p) {
        DataLines lines = {0};
        bool *skip = arena_alloc(&a, (p->n_tables + 1) * sizeof *skip);
        for (size_t i = 0; i < p->n_tables; i++)
            skip[i] = p->tables[i].unsound;
        size_t data_errors = tables_check(p, skip, &a, data_keep, &lines);
        json_data(out, &lines, &n);
        n_errors += data_errors;
        if (data_errors && (rc == MEDEL_EXIT_OK || rc == MEDEL_EXIT_HEADER))
            rc = MEDEL_EXIT_RULES;
    }
    /* Every scenario must also give a valid program, as in the text form. */
    for (size_t i = 0; rc == MEDEL_EXIT_OK && i < p->n_scenarios; i++) {
        Arena sa;
        arena_init(&sa);
        SourceSet ss;
        source_set_init(&ss);
        Diags sd;
        diags_init(&sd, &ss);
        LoadOptions slo = lo;
        slo.scenario = p->scenarios[i].name;
        if (text)
            program_load_text(&sa, &ss, &sd, path, text, text_len, &slo);
        else
            program_load(&sa, &ss, &sd, path, &slo);
        validate_json_diags(out, &sd, p->scenarios[i].name, &n);
        n_errors += sd.n_errors;
        n_warnings += sd.n_warnings;
        diags_free(&sd);
        source_set_free(&ss);
        arena_free(&sa);
    }
    if (rc == MEDEL_EXIT_OK && (n_errors || (o->werror && n_warnings)))
        rc = MEDEL_EXIT_RULES;
    const char *status = rc == MEDEL_EXIT_NOINPUT ? "unreadable"
                       : rc == MEDEL_EXIT_RULES || rc == MEDEL_EXIT_HEADER ? "invalid" : "ok";
    fprintf(out, "%s],\n     \"status\": \"%s\", \"exit_code\": %d, \"errors\": %zu, \"warnings\": %zu,\n     \"summary\": ",
            n ? "\n     " : "", status, rc, n_errors, n_warnings);
    if (rc == MEDEL_EXIT_OK)
        json_summary(out, p);
    else
        fputs("null", out);
    fputc('}', out);
    diags_free(&d);
    source_set_free(&set);
    arena_free(&a);
    return rc;
}

int command_validate(const char *const *files, int n_files, const MedelValidateOptions *o, FILE *out, FILE *err)
{
    int worst = MEDEL_EXIT_OK;
    if (o->json)
        fprintf(out, "{\n  \"format_version\": %d,\n  \"medel\": {\"version\": \"%s\", \"command\": \"validate\"},\n"
                     "  \"files\": [", REPORT_JSON_FORMAT_VERSION, medel_version());
    for (int i = 0; i < n_files; i++) {
        const char *text = i == 0 ? o->text : NULL;   /* the editor's text is the first file's */
        size_t len = i == 0 ? o->text_len : 0;
        int rc = o->json ? validate_one_json(files[i], text, len, o, i == 0, out) : validate_one(files[i], text, len, o, out, err);
        worst = status_worst(worst, rc);   /* the most serious outcome decides */
    }
    if (o->json)
        fputs(n_files ? "\n  ]\n}\n" : "]\n}\n", out);
    if (fflush(out) != 0 || ferror(out)) {
        fputs(_("medel: kan inte skriva utdata\n"), err);
        return MEDEL_EXIT_IO;
    }
    return worst;
}
