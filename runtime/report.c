/*
** report.c: the reports of check, explain and allocate in table, CSV and
** JSON form. Words shown to policy staff are Swedish; JSON keys are English
** (they are read by programs).
*/
#include "report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "csv.h"
#include "output.h"
#include "text.h"

/* ====================================================================
** {====== small writers
** ==================================================================== */

/* An aligned text table, buffered because widths are known only at the end. */
typedef struct Grid {
    Arena *a;
    size_t n_cols;
    const char **cells;   /* row-major */
    size_t n_rows, cap;
    unsigned right;       /* bit i: column i is right-aligned (amounts) */
} Grid;

static void grid_init(Grid *g, Arena *a, size_t n_cols, unsigned right)
{
    memset(g, 0, sizeof *g);
    g->a = a;
    g->n_cols = n_cols;
    g->right = right;
}

static void grid_row(Grid *g, ...)
{
    if (g->n_rows == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 32;
        g->cells = arena_grow(g->a, g->cells, g->n_rows * g->n_cols, cap * g->n_cols, sizeof *g->cells);
        g->cap = cap;
    }
    va_list ap;
    va_start(ap, g);
    for (size_t c = 0; c < g->n_cols; c++) {
        const char *s = va_arg(ap, const char *);
        g->cells[g->n_rows * g->n_cols + c] = arena_strdup(g->a, s ? s : "");
    }
    va_end(ap);
    g->n_rows++;
}

static size_t width(const char *s)
{
    return text_width(s, strlen(s), 0);
}

static void spaces(FILE *out, size_t n)
{
    for (; n; n--)
        fputc(' ', out);
}

/* Prints the grid with two spaces between columns and no trailing blanks. */
static void grid_print(const Grid *g, FILE *out, const char *indent)
{
    size_t w[16] = {0};
    for (size_t r = 0; r < g->n_rows; r++)
        for (size_t c = 0; c < g->n_cols && c < 16; c++) {
            size_t x = width(g->cells[r * g->n_cols + c]);
            if (x > w[c])
                w[c] = x;
        }
    for (size_t r = 0; r < g->n_rows; r++) {
        size_t last = g->n_cols;
        while (last > 0 && !g->cells[r * g->n_cols + last - 1][0])
            last--;
        fputs(indent, out);
        for (size_t c = 0; c < last; c++) {
            const char *s = g->cells[r * g->n_cols + c];
            size_t pad = w[c] - width(s);
            if (c)
                fputs("  ", out);
            if (g->right & (1u << c))
                spaces(out, pad);
            fputs(s, out);
            if (!(g->right & (1u << c)) && c + 1 < last)
                spaces(out, pad);
        }
        fputc('\n', out);
    }
}

void report_json_str(FILE *out, const char *s)
{
    fputc('"', out);
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c == '"' || c == '\\')
            fprintf(out, "\\%c", c);
        else if (c == '\n')
            fputs("\\n", out);
        else if (c == '\t')
            fputs("\\t", out);
        else if (c < 0x20)
            fprintf(out, "\\u%04x", c);
        else
            fputc(c, out);
    }
    fputc('"', out);
}

static void csv_cell(FILE *out, const char *s, bool last)
{
    csv_write_field(out, s ? s : "", s ? strlen(s) : 0, ';', true);
    fputc(last ? '\n' : ';', out);
}

const char *report_excel_kr(Money m, char *buf, size_t n)
{
    int64_t kr = m / 100, ore = m % 100;
    if (ore == 0)
        snprintf(buf, n, "%" PRId64, kr);
    else
        snprintf(buf, n, "%s%" PRId64 ",%02" PRId64, m < 0 && kr == 0 ? "-" : "", kr, ore < 0 ? -ore : ore);
    return buf;
}

static const char *kr(Money m, char *buf, size_t n)
{
    return money_format(m, buf, n);
}

static const char *status_word(Outcome o)
{
    switch (o) {
    case OUTCOME_PASS: return "stödberättigad";
    case OUTCOME_FAIL: return "ej stödberättigad";
    case OUTCOME_NOT_APPLICABLE: return "ej aktuell";
    default: return "manuell bedömning";
    }
}

static const char *status_key(Outcome o)
{
    switch (o) {
    case OUTCOME_PASS: return "eligible";
    case OUTCOME_FAIL: return "ineligible";
    case OUTCOME_NOT_APPLICABLE: return "not_applicable";
    default: return "manual";
    }
}

/* "rules/x.medel:51:5" for a span. */
static const char *where(Arena *a, const SourceSet *set, Span sp)
{
    if (span_is_none(sp))
        return "";
    const SourceFile *f = source_get(set, sp.file);
    SourcePos pos = source_position(f, sp.start);
    return arena_printf(a, "%s:%zu:%zu", f->path, pos.line, pos.col);
}

/* The rule's own text, as written. */
static const char *source_text(Arena *a, const SourceSet *set, Span sp)
{
    const SourceFile *f = source_get(set, sp.file);
    return arena_strndup(a, f->bytes + sp.start, sp.end - sp.start);
}

/* Collects the fields an expression reads (each once). */
static void fields_of(const Expr *e, bool *seen)
{
    if (!e)
        return;
    if (e->kind == EXPR_NAME && e->ref_kind == REF_FIELD)
        seen[e->ref] = true;
    fields_of(e->a, seen);
    fields_of(e->b, seen);
    fields_of(e->c, seen);
    for (size_t i = 0; i < e->list.n; i++)
        fields_of(e->list.items[i], seen);
}

/* "målgrupp = 6..11; sökandetyp = kommun": the values that decided. */
static const char *deciding(Arena *a, const Program *p, const TableData *tables, const Application *app, const Expr *e)
{
    bool *seen = arena_alloc(a, (p->n_fields + 1) * sizeof *seen);
    fields_of(e, seen);
    char buf[1024];
    size_t at = 0;
    buf[0] = '\0';
    for (size_t i = 0; i < p->n_fields && at < sizeof buf; i++) {
        if (!seen[i])
            continue;
        char v[256];
        value_format(p, tables, p->fields[i].type, &app->values[i], v, sizeof v);
        at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s = %s", at ? "; " : "", p->fields[i].name, v);
    }
    return arena_strdup(a, buf);
}

/* "kommunerna" or "kommunerna/Botkyrka". */
static const char *pot_name(Arena *a, const Program *p, const TableData *tables, int pot, int32_t route)
{
    const Pot *pt = &p->pots[pot];
    int q = pot;
    while (q >= 0 && !p->pots[q].has_split)
        q = p->pots[q].parent;
    if (q < 0 || route < 0)
        return pt->name;
    return arena_printf(a, "%s/%s", pt->name, tables[p->pots[q].split.table].keys[route]);
}

static void json_inputs(FILE *out, const Program *p, const SourceSet *set, const MedelOptions *o, const char *command)
{
    char hex[65];
    fprintf(out, "{\n  \"medel\": {\"version\": ");
    report_json_str(out, medel_version());
    fprintf(out, ", \"command\": ");
    report_json_str(out, command);
    fprintf(out, "},\n  \"inputs\": [");
    bool first = true;
    for (size_t i = 0; i < set->n_files; i++) {
        const SourceFile *f = set->files[i];
        sha256_bytes(f->bytes, f->len, hex);
        fprintf(out, "%s\n    {\"role\": \"rules\", \"path\": ", first ? "" : ",");
        report_json_str(out, f->path);
        fprintf(out, ", \"sha256\": \"%s\"}", hex);
        first = false;
    }
    for (size_t i = 0; i < p->n_tables; i++) {
        if (!sha256_file(p->tables[i].path, hex))
            continue;
        fprintf(out, ",\n    {\"role\": \"data\", \"path\": ");
        report_json_str(out, p->tables[i].path);
        fprintf(out, ", \"sha256\": \"%s\"}", hex);
    }
    if (strcmp(o->applications, "-") != 0 && sha256_file(o->applications, hex)) {
        fprintf(out, ",\n    {\"role\": \"applications\", \"path\": ");
        report_json_str(out, o->applications);
        fprintf(out, ", \"sha256\": \"%s\"}", hex);
    }
    fprintf(out, "\n  ],\n");
    fprintf(out, "  \"agreement\": ");
    report_json_str(out, p->name);
    fprintf(out, ",\n");
}

/* }====== */

const char *report_counts(AppCounts c, char *buf, size_t n)
{
    snprintf(buf, n, "%zu %s, %zu %s, %zu %s", c.read, c.read == 1 ? "ansökan läst" : "ansökningar lästa", c.valid,
             c.valid == 1 ? "giltig" : "giltiga", c.rejected, c.rejected == 1 ? "avvisad" : "avvisade");
    return buf;
}

/* ====================================================================
** {====== check
** ==================================================================== */

struct Reporter {
    const Program *p;
    const TableData *tables;
    const SourceSet *set;
    const MedelOptions *o;
    FILE *out;
    Arena a;       /* table rows (kept), or scratch per row (CSV, JSON) */
    Grid grid;
    size_t n_rows;
};

Reporter *report_check_begin(const Program *p, const TableData *tables, const SourceSet *set, const MedelOptions *o, FILE *out)
{
    Reporter *r = calloc(1, sizeof *r);
    if (!r)
        abort();
    *r = (Reporter){.p = p, .tables = tables, .set = set, .o = o, .out = out};
    arena_init(&r->a);
    switch (o->format) {
    case MEDEL_FORMAT_TABLE:
        grid_init(&r->grid, &r->a, 7, 0);
        grid_row(&r->grid, "Ansökan", "Pott", "Bedömning", "Villkor", "Skäl", "Värden", "Regel");
        break;
    case MEDEL_FORMAT_CSV:
        fputs("\xEF\xBB\xBF", out);  /* Excel reads UTF-8 only with a BOM */
        fputs("ansökan;pott;bedömning;villkor;skäl;värden;regel\n", out);
        break;
    case MEDEL_FORMAT_JSON:
        json_inputs(out, p, set, o, "check");
        fputs("  \"applications\": [", out);
        break;
    }
    return r;
}

/* One line of the check report: a pot's verdict, or one of its reasons
** (`first` says whether the key, pot and verdict are shown on this line). */
static void check_line(Reporter *r, const Application *app, const char *pot, Outcome st, bool first, const char *crit,
                       const char *outcome, const char *reason, const char *vals, const char *loc)
{
    switch (r->o->format) {
    case MEDEL_FORMAT_TABLE:
        grid_row(&r->grid, first ? app->key : "", first ? pot : "", first ? status_word(st) : "", crit, reason, vals, loc);
        break;
    case MEDEL_FORMAT_CSV:
        csv_cell(r->out, app->key, false);
        csv_cell(r->out, pot, false);
        csv_cell(r->out, status_word(st), false);
        csv_cell(r->out, crit, false);
        csv_cell(r->out, reason, false);
        csv_cell(r->out, vals, false);
        csv_cell(r->out, loc, true);
        break;
    case MEDEL_FORMAT_JSON:
        if (!crit[0])
            break;
        fprintf(r->out, "%s\n        {\"criterion\": ", first ? "" : ",");
        report_json_str(r->out, crit);
        fprintf(r->out, ", \"outcome\": \"%s\", \"reason\": ", outcome);
        report_json_str(r->out, reason);
        fprintf(r->out, ", \"values\": ");
        report_json_str(r->out, vals);
        fprintf(r->out, ", \"rule\": ");
        report_json_str(r->out, loc);
        fputc('}', r->out);
        break;
    }
}

/* Why an application that passes every criterion still needs a person: its
** sub-pot or the pot's 'ansökningar där' could not be decided. */
static bool undecided_routing(Reporter *r, Arena *a, const Application *app, const Assessment *as, int k, const char **what,
                              const char **vals, const char **loc)
{
    const Program *p = r->p;
    for (int q = k; q >= 0; q = p->pots[q].parent) {
        if (p->pots[q].has_split && as->route[k] < 0) {
            const Split *sp = &p->pots[q].split;
            *what = arena_printf(a, "uppgift saknas: %s; ansökan kan inte föras till en delpott", p->fields[sp->field].name);
            *vals = arena_printf(a, "%s = (saknas)", p->fields[sp->field].name);
            *loc = where(a, r->set, sp->span);
            return true;
        }
        if (p->pots[q].applies) {
            const char *v = deciding(a, p, r->tables, app, p->pots[q].applies);
            if (strstr(v, "(saknas)")) {
                *what = "uppgift saknas; det går inte att avgöra om potten gäller ansökan";
                *vals = v;
                *loc = where(a, r->set, p->pots[q].applies->span);
                return true;
            }
        }
    }
    return false;
}

void report_check_row(Reporter *r, const Application *app, const Assessment *as)
{
    const Program *p = r->p;
    bool table = r->o->format == MEDEL_FORMAT_TABLE;
    Arena scratch;
    arena_init(&scratch);
    Arena *a = table ? &r->a : &scratch;
    if (r->o->format == MEDEL_FORMAT_JSON) {
        fprintf(r->out, "%s\n    {\"key\": ", r->n_rows ? "," : "");
        report_json_str(r->out, app->key);
        fprintf(r->out, ", \"record\": %zu, \"pots\": [", app->record);
    }
    size_t n_pots = 0;
    for (size_t k = 0; k < p->n_pots; k++) {
        /* A pot that does not consider the application is left out. */
        if (!eval_takes_applications(p, (int)k) || as->eligible[k] == OUTCOME_NOT_APPLICABLE)
            continue;
        const char *pot = pot_name(a, p, r->tables, (int)k, as->route[k]);
        Outcome st = as->eligible[k];
        if (r->o->format == MEDEL_FORMAT_JSON) {
            fprintf(r->out, "%s\n      {\"pot\": ", n_pots ? "," : "");
            report_json_str(r->out, pot);
            fprintf(r->out, ", \"status\": \"%s\", \"criteria\": [", status_key(st));
        }
        bool any = false;
        /* Failed criteria first, then those that need a person's judgement. */
        for (size_t i = 0; i < 2 * p->n_criteria; i++) {
            size_t c = i % p->n_criteria;
            const Criterion *cr = &p->criteria[c];
            Outcome want = i < p->n_criteria ? OUTCOME_FAIL : OUTCOME_MANUAL;
            if (!eval_applies(p, cr->pot, (int)k) || as->crit[c] != want)
                continue;
            const char *vals = deciding(a, p, r->tables, app, cr->require);
            const char *loc = where(a, r->set, cr->name_span);
            /* JSON keeps the criterion's own reason; "outcome" says it is undecided. */
            const char *reason = want == OUTCOME_MANUAL && r->o->format != MEDEL_FORMAT_JSON ? "uppgift saknas; bedöm manuellt"
                                                                                          : cr->reason;
            check_line(r, app, pot, st, !any, cr->name, want == OUTCOME_FAIL ? "failed" : "manual", reason, vals, loc);
            any = true;
        }
        const char *what, *vals, *loc;
        if (!any && st == OUTCOME_MANUAL && undecided_routing(r, a, app, as, (int)k, &what, &vals, &loc)) {
            check_line(r, app, pot, st, true, "(pott)", "manual", what, vals, loc);
            any = true;
        }
        if (!any && r->o->format != MEDEL_FORMAT_JSON)
            check_line(r, app, pot, st, true, "", "", "", "", "");
        if (r->o->format == MEDEL_FORMAT_JSON)
            fprintf(r->out, "%s]}", any ? "\n      " : "");
        n_pots++;
    }
    if (n_pots == 0 && r->o->format != MEDEL_FORMAT_JSON)
        check_line(r, app, "", OUTCOME_NOT_APPLICABLE, true, "", "", "ingen pott gäller ansökan", "", "");
    if (r->o->format == MEDEL_FORMAT_JSON)
        fprintf(r->out, "%s]}", n_pots ? "\n    " : "");
    r->n_rows++;
    arena_free(&scratch);
}

void report_check_end(Reporter *r, AppCounts c)
{
    switch (r->o->format) {
    case MEDEL_FORMAT_TABLE:
        grid_print(&r->grid, r->out, "");
        char cb[160];
        fprintf(r->out, "\n%s\n", report_counts(c, cb, sizeof cb));
        break;
    case MEDEL_FORMAT_CSV:
        break;
    case MEDEL_FORMAT_JSON:
        fprintf(r->out, "%s],\n  \"summary\": {\"read\": %zu, \"valid\": %zu, \"rejected\": %zu}\n}\n", r->n_rows ? "\n  " : "",
                c.read, c.valid, c.rejected);
        break;
    }
    arena_free(&r->a);
    free(r);
}

/* }====== */

/* ====================================================================
** {====== explain
** ==================================================================== */

static const char *pot_path(Arena *a, const Program *p, int k)
{
    if (p->pots[k].parent < 0)
        return p->pots[k].name;
    return arena_printf(a, "%s › %s", pot_path(a, p, p->pots[k].parent), p->pots[k].name);
}

static const char *grant_word(GrantStatus s);

void report_explain(const Program *p, const TableData *tables, const SourceSet *set, const EvalContext *cx,
                    const MedelOptions *o, const Application *app, const Assessment *as, int32_t index,
                    const Allocation *al, FILE *out)
{
    (void)cx;
    Arena a;
    arena_init(&a);
    char v[512];
    fprintf(out, "Ansökan %s (post %zu", app->key, app->record);
    if (app->line)
        fprintf(out, ", rad %zu", app->line);
    fprintf(out, " i %s)\n", o->applications);
    Grid g;
    grid_init(&g, &a, 2, 0);
    for (size_t i = 0; i < p->n_fields; i++)
        grid_row(&g, p->fields[i].name, value_format(p, tables, p->fields[i].type, &app->values[i], v, sizeof v));
    grid_print(&g, out, "  ");
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k))
            continue;
        fprintf(out, "\nPott %s (%s)\n", pot_path(&a, p, (int)k), where(&a, set, p->pots[k].name_span));
        /* 'ansökningar där': a pot that does not consider the application. */
        bool considered = true;
        for (int q = (int)k; q >= 0 && considered; q = p->pots[q].parent) {
            const Expr *e = p->pots[q].applies;
            if (!e)
                continue;
            const char *vals = deciding(&a, p, tables, app, e);
            fprintf(out, "  ansökningar där %s (%s)\n", source_text(&a, set, e->span), where(&a, set, e->span));
            if (vals[0])
                fprintf(out, "    %s\n", vals);
            if (as->eligible[k] == OUTCOME_NOT_APPLICABLE) {
                fputs("    gäller inte denna ansökan: potten prövar den inte\n", out);
                considered = false;
            }
        }
        if (!considered)
            continue;
        for (int q = (int)k; q >= 0; q = p->pots[q].parent) {
            if (!p->pots[q].has_split)
                continue;
            const Split *s = &p->pots[q].split;
            if (as->route[k] >= 0)
                fprintf(out, "  delpott %s, eftersom %s = %s (%s)\n", tables[s->table].keys[as->route[k]], p->fields[s->field].name,
                        tables[s->table].keys[as->route[k]], where(&a, set, s->span));
            else
                fprintf(out, "  ingen delpott: %s saknas (%s)\n", p->fields[s->field].name, where(&a, set, s->span));
            break;
        }
        for (size_t c = 0; c < p->n_criteria; c++) {
            const Criterion *cr = &p->criteria[c];
            if (!eval_applies(p, cr->pot, (int)k))
                continue;
            fprintf(out, "  villkor %s (%s)\n", cr->name, where(&a, set, cr->name_span));
            fprintf(out, "    krav %s\n", source_text(&a, set, cr->require->span));
            const char *vals = deciding(&a, p, tables, app, cr->require);
            if (vals[0])
                fprintf(out, "    %s\n", vals);
            switch (as->crit[c]) {
            case OUTCOME_PASS: fputs("    uppfyllt\n", out); break;
            case OUTCOME_FAIL: fprintf(out, "    ej uppfyllt: %s\n", cr->reason); break;
            default: fputs("    kan inte avgöras: en uppgift saknas; bedöm manuellt\n", out); break;
            }
        }
        for (size_t i = 0; i < p->n_priorities; i++) {
            const Priority *pr = &p->priorities[i];
            if (!eval_applies(p, pr->pot, (int)k))
                continue;
            fprintf(out, "  prioritet %s (%s): poäng %" PRId64 "\n", pr->name, where(&a, set, pr->name_span), as->prio[i]);
        }
        fprintf(out, "  bedömning: %s", status_word(as->eligible[k]));
        if (as->eligible[k] == OUTCOME_PASS && p->n_priorities)
            fprintf(out, ", poäng %" PRId64, as->score[k]);
        fputc('\n', out);
    }
    /* What the allocation of all applications gave this one. */
    fputs("\nTilldelning\n", out);
    bool any = false;
    char b1[48], b2[48];
    for (size_t i = 0; i < al->n_grants; i++) {
        const Grant *gr = &al->grants[i];
        if (gr->app != index)
            continue;
        fprintf(out, "  %s: %s, rang %" PRIu32 ", beviljat %s av %s\n", pot_name(&a, p, tables, gr->pot, gr->sub),
                grant_word(gr->status), gr->rank, kr(gr->amount, b1, sizeof b1), kr(gr->wanted, b2, sizeof b2));
        any = true;
    }
    bool manual = false;
    for (size_t k = 0; k < p->n_pots; k++)
        manual |= eval_takes_applications(p, (int)k) && as->eligible[k] == OUTCOME_MANUAL;
    if (!any)
        fputs(manual ? "  deltar inte ännu: kräver manuell bedömning först\n"
                     : "  deltar inte: ingen pott den är stödberättigad till\n", out);
    arena_free(&a);
}

/* }====== */

/* ====================================================================
** {====== allocate
** ==================================================================== */

static const char *grant_word(GrantStatus s)
{
    switch (s) {
    case GRANT_FULL: return "beviljas";
    case GRANT_PARTIAL: return "beviljas delvis";
    case GRANT_NOT_REACHED: return "medlen räckte inte";
    case GRANT_BELOW_MINIMUM: return "under lägsta bidrag";
    case GRANT_NO_ROUTE: return "ingen delpott";
    case GRANT_PAYOUT: return "utbetalning";
    }
    return "?";
}

static const char *grant_key(GrantStatus s)
{
    switch (s) {
    case GRANT_FULL: return "full";
    case GRANT_PARTIAL: return "partial";
    case GRANT_NOT_REACHED: return "not_reached";
    case GRANT_BELOW_MINIMUM: return "below_minimum";
    case GRANT_NO_ROUTE: return "no_route";
    case GRANT_PAYOUT: return "payout";
    }
    return "?";
}

static Money apps_requested(const Assessment *const *as, int32_t app)
{
    return as[app]->requested;
}

static int focus_field(const Program *p)
{
    for (size_t i = 0; i < p->n_fields; i++)
        if (p->fields[i].type.kind == TY_SET && p->fields[i].type.elem == TY_FOCUS)
            return (int)i;
    return -1;
}

static const char *bound_text(Arena *a, const SourceSet *set, const Bound *b)
{
    return source_text(a, set, b->span);
}

/* The funded applications a portfolio bound counts ("A-06, A-07"), so the
** report says which projects meet or break it. */
static const char *bound_projects(Arena *a, const EvalContext *cx, const Application *apps, const Allocation *al,
                                  const Portfolio *pf, const Bound *b)
{
    char buf[512] = "";
    size_t at = 0, n = 0;
    for (size_t i = 0; i < al->n_grants; i++) {
        const Grant *g = &al->grants[i];
        if (g->app < 0 || g->amount <= 0 || (pf->pot >= 0 && !program_pot_within(cx->prog, g->pot, pf->pot)))
            continue;
        if (b->where) {
            Value v = eval_expr(cx, &apps[g->app], b->where, NULL);
            if (v.kind != VAL_BOOL || !v.u.b)
                continue;
        }
        if (n++ < 8 && at < sizeof buf)
            at += (size_t)snprintf(buf + at, sizeof buf - at, "%s%s", at ? ", " : "", apps[g->app].key);
    }
    if (n > 8 && at < sizeof buf)
        snprintf(buf + at, sizeof buf - at, " och %zu till", n - 8);
    return arena_strdup(a, buf);
}

void report_allocation(const EvalContext *cx, const SourceSet *set, const MedelOptions *o,
                       const Application *apps, const Assessment *const *as, size_t n, AppCounts counts,
                       const Allocation *al, FILE *out)
{
    const Program *p = cx->prog;
    const TableData *tables = cx->tables;
    Arena a;
    arena_init(&a);
    char b1[48], b2[48], b3[48], b4[48], b5[48];
    /* Applications that need a person's judgement before they can compete. */
    size_t n_manual = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < p->n_pots; k++)
            if (eval_takes_applications(p, (int)k) && as[i]->eligible[k] == OUTCOME_MANUAL)
                n_manual++;

    if (o->format == MEDEL_FORMAT_TABLE) {
        fprintf(out, "%s\n\nPottar\n", p->name ? p->name : "");
        Grid g;
        grid_init(&g, &a, 6, 0x3e);
        grid_row(&g, "Pott", "Belopp", "Till delpotter", "Beviljat", "Ej fördelat", "Ansökningar");
        for (size_t i = 0; i < al->n_pots; i++) {
            const PotResult *r = &al->pots[i];
            int depth = p->pots[r->pot].depth + (r->sub >= 0 ? 1 : 0);
            const char *name = arena_printf(&a, "%*s%s", 2 * depth, "", r->sub >= 0 ? strchr(r->name, '/') + 1 : r->name);
            bool split_parent = p->pots[r->pot].has_split && r->sub < 0;
            const char *apps_col = eval_takes_applications(p, r->pot) && !split_parent
                                       ? arena_printf(&a, "%zu av %zu", r->n_funded, r->n_considered) : "";
            /* An approximate agreement amount is shown as such ("nära …"). */
            const char *approx = r->sub < 0 ? p->pots[r->pot].approx : NULL;
            const char *amount = approx ? arena_printf(&a, "%s %s", approx, kr(r->amount, b5, sizeof b5)) : kr(r->amount, b1, sizeof b1);
            grid_row(&g, name, amount, r->to_children ? kr(r->to_children, b2, sizeof b2) : "",
                     kr(r->granted, b3, sizeof b3), kr(r->unallocated, b4, sizeof b4), apps_col);
        }
        grid_print(&g, out, "  ");

        fputs("\nBeslut per ansökan\n", out);
        grid_init(&g, &a, 7, 0x3c);
        grid_row(&g, "Mottagare", "Pott", "Rang", "Poäng", "Sökt", "Beviljat", "Status");
        for (size_t i = 0; i < al->n_grants; i++) {
            const Grant *gr = &al->grants[i];
            const char *key = gr->app >= 0 ? apps[gr->app].key : "";
            const char *pot = pot_name(&a, p, tables, gr->pot, gr->sub);
            const char *status = gr->capped ? arena_printf(&a, "%s (tak)", grant_word(gr->status)) : grant_word(gr->status);
            /* A payout goes to the sub-pot's key, e.g. the municipality. */
            const char *recipient = gr->app >= 0 ? key : strchr(pot, '/') ? strchr(pot, '/') + 1 : pot;
            grid_row(&g, recipient, pot, gr->rank ? arena_printf(&a, "%" PRIu32, gr->rank) : "",
                     gr->app >= 0 ? arena_printf(&a, "%" PRId64, gr->score) : "",
                     gr->app >= 0 ? kr(apps_requested(as, gr->app), b1, sizeof b1) : "", kr(gr->amount, b2, sizeof b2), status);
        }
        grid_print(&g, out, "  ");

        if (n_manual) {
            fputs("\nKräver manuell bedömning (deltar inte i fördelningen)\n", out);
            grid_init(&g, &a, 3, 0);
            grid_row(&g, "Ansökan", "Pott", "Villkor som inte kunde avgöras");
            for (size_t i = 0; i < n; i++)
                for (size_t k = 0; k < p->n_pots; k++) {
                    if (!eval_takes_applications(p, (int)k) || as[i]->eligible[k] != OUTCOME_MANUAL)
                        continue;
                    char list[512] = "";
                    size_t at = 0;
                    for (size_t c = 0; c < p->n_criteria; c++)
                        if (eval_applies(p, p->criteria[c].pot, (int)k) && as[i]->crit[c] == OUTCOME_MANUAL && at < sizeof list)
                            at += (size_t)snprintf(list + at, sizeof list - at, "%s%s", at ? ", " : "", p->criteria[c].name);
                    if (!at)
                        snprintf(list, sizeof list, "(delpott saknas)");
                    grid_row(&g, apps[i].key, p->pots[k].name, list);
                }
            grid_print(&g, out, "  ");
        }
        if (al->n_portfolio) {
            fputs("\nPortföljvillkor\n", out);
            grid_init(&g, &a, 5, 0);
            for (size_t i = 0; i < al->n_portfolio; i++) {
                const PortfolioResult *pr = &al->portfolio[i];
                const Portfolio *pf = &p->portfolios[pr->portfolio];
                const Bound *bd = &pf->bounds[pr->bound];
                grid_row(&g, pf->name, bound_text(&a, set, bd), pr->held ? "uppfyllt" : "EJ UPPFYLLT",
                         arena_printf(&a, "%" PRId64 " %s, %s av %s", pr->count, pr->count == 1 ? "ansökan" : "ansökningar",
                                      kr(pr->amount, b1, sizeof b1), kr(pr->total, b2, sizeof b2)),
                         bound_projects(&a, cx, apps, al, pf, bd));
            }
            grid_print(&g, out, "  ");
        }
        int ff = focus_field(p);
        if (ff >= 0 && p->n_focus) {
            fputs("\nBeviljat per fokusområde (ett projekt kan ha flera)\n", out);
            grid_init(&g, &a, 2, 0x2);
            for (size_t f = 0; f < p->n_focus; f++)
                grid_row(&g, p->focus[f].label, kr(al->by_focus[f], b1, sizeof b1));
            grid_print(&g, out, "  ");
        }
        fprintf(out, "\nKontroll: %s = beviljat %s + ej fördelat %s (stämmer på öret)\n", kr(al->total, b1, sizeof b1),
                kr(al->granted, b2, sizeof b2), kr(al->unallocated, b3, sizeof b3));
        char cb[160];
        fprintf(out, "%s; %zu kräver manuell bedömning\n", report_counts(counts, cb, sizeof cb), n_manual);
    } else if (o->format == MEDEL_FORMAT_CSV) {
        fputs("\xEF\xBB\xBF", out);
        fputs("avsnitt;namn;pott;belopp;till_delpotter;beviljat;ej_fördelat;rang;poäng;sökt;status\n", out);
        for (size_t i = 0; i < al->n_pots; i++) {
            const PotResult *r = &al->pots[i];
            fputs("pott;", out);
            csv_cell(out, r->name, false);
            const char *parent = r->sub >= 0 ? p->pots[r->pot].name
                               : p->pots[r->pot].parent >= 0 ? p->pots[p->pots[r->pot].parent].name : "";
            csv_cell(out, parent, false);
            fprintf(out, "%s;%s;%s;%s;;;;\n", report_excel_kr(r->amount, b1, sizeof b1), report_excel_kr(r->to_children, b2, sizeof b2),
                    report_excel_kr(r->granted, b3, sizeof b3), report_excel_kr(r->unallocated, b4, sizeof b4));
        }
        for (size_t i = 0; i < al->n_grants; i++) {
            const Grant *gr = &al->grants[i];
            fputs("beslut;", out);
            csv_cell(out, gr->app >= 0 ? apps[gr->app].key : "", false);
            csv_cell(out, pot_name(&a, p, tables, gr->pot, gr->sub), false);
            fprintf(out, ";;%s;;%" PRIu32 ";%" PRId64 ";%s;", report_excel_kr(gr->amount, b1, sizeof b1), gr->rank, gr->score,
                    gr->app >= 0 ? report_excel_kr(apps_requested(as, gr->app), b5, sizeof b5) : "");
            csv_cell(out, grant_word(gr->status), true);
        }
        int ff = focus_field(p);
        for (size_t f = 0; ff >= 0 && f < p->n_focus; f++) {
            fputs("fokus;", out);
            csv_cell(out, p->focus[f].label, false);
            fprintf(out, ";;;%s;;;;;\n", report_excel_kr(al->by_focus[f], b1, sizeof b1));
        }
        for (size_t i = 0; i < al->n_portfolio; i++) {
            const PortfolioResult *pr = &al->portfolio[i];
            fputs("portfölj;", out);
            csv_cell(out, p->portfolios[pr->portfolio].name, false);
            fprintf(out, ";;;%s;;;;;", report_excel_kr(pr->amount, b1, sizeof b1));
            csv_cell(out, pr->held ? "uppfyllt" : "ej uppfyllt", true);
        }
        fprintf(out, "kontroll;totalt;;%s;;%s;%s;;;;\n", report_excel_kr(al->total, b1, sizeof b1), report_excel_kr(al->granted, b2, sizeof b2),
                report_excel_kr(al->unallocated, b3, sizeof b3));
    } else {
        json_inputs(out, p, set, o, "allocate");
        fprintf(out, "  \"total_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"unallocated_ore\": %" PRId64 ",\n", al->total,
                al->granted, al->unallocated);
        fputs("  \"pots\": [", out);
        for (size_t i = 0; i < al->n_pots; i++) {
            const PotResult *r = &al->pots[i];
            fprintf(out, "%s\n    {\"name\": ", i ? "," : "");
            report_json_str(out, r->name);
            fprintf(out,
                    ", \"amount_ore\": %" PRId64 ", \"to_children_ore\": %" PRId64 ", \"granted_ore\": %" PRId64
                    ", \"unallocated_ore\": %" PRId64 ", \"considered\": %zu, \"funded\": %zu}",
                    r->amount, r->to_children, r->granted, r->unallocated, r->n_considered, r->n_funded);
        }
        fputs("\n  ],\n  \"grants\": [", out);
        for (size_t i = 0; i < al->n_grants; i++) {
            const Grant *gr = &al->grants[i];
            fprintf(out, "%s\n    {\"application\": ", i ? "," : "");
            if (gr->app >= 0)
                report_json_str(out, apps[gr->app].key);
            else
                fputs("null", out);
            fputs(", \"pot\": ", out);
            report_json_str(out, pot_name(&a, p, tables, gr->pot, gr->sub));
            fprintf(out, ", \"rank\": %" PRIu32 ", \"score\": %" PRId64 ", \"wanted_ore\": %" PRId64 ", \"granted_ore\": %" PRId64
                         ", \"status\": \"%s\", \"capped\": %s}",
                    gr->rank, gr->score, gr->wanted, gr->amount, grant_key(gr->status), gr->capped ? "true" : "false");
        }
        fputs("\n  ],\n  \"manual\": [", out);
        size_t m = 0;
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < p->n_pots; k++) {
                if (!eval_takes_applications(p, (int)k) || as[i]->eligible[k] != OUTCOME_MANUAL)
                    continue;
                fprintf(out, "%s\n    {\"application\": ", m++ ? "," : "");
                report_json_str(out, apps[i].key);
                fputs(", \"pot\": ", out);
                report_json_str(out, p->pots[k].name);
                fputc('}', out);
            }
        fputs("\n  ],\n  \"portfolio\": [", out);
        for (size_t i = 0; i < al->n_portfolio; i++) {
            const PortfolioResult *pr = &al->portfolio[i];
            fprintf(out, "%s\n    {\"constraint\": ", i ? "," : "");
            report_json_str(out, p->portfolios[pr->portfolio].name);
            fputs(", \"bound\": ", out);
            report_json_str(out, bound_text(&a, set, &p->portfolios[pr->portfolio].bounds[pr->bound]));
            fprintf(out, ", \"held\": %s, \"count\": %" PRId64 ", \"amount_ore\": %" PRId64 "}", pr->held ? "true" : "false",
                    pr->count, pr->amount);
        }
        fputs("\n  ],\n  \"by_focus\": [", out);
        int ff = focus_field(p);
        for (size_t f = 0; ff >= 0 && f < p->n_focus; f++) {
            fprintf(out, "%s\n    {\"focus\": ", f ? "," : "");
            report_json_str(out, p->focus[f].name);
            fprintf(out, ", \"granted_ore\": %" PRId64 "}", al->by_focus[f]);
        }
        fprintf(out, "\n  ],\n  \"summary\": {\"read\": %zu, \"valid\": %zu, \"rejected\": %zu, \"manual\": %zu}\n}\n", counts.read,
                counts.valid, counts.rejected, n_manual);
    }
    arena_free(&a);
}

/* }====== */
