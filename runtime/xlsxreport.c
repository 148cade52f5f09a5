/*
** xlsxreport.c: the sheets of xlsxreport.h. A Tab is where one sheet goes:
** a worksheet, or a CSV table on a stream; the builders below write each
** sheet once, cell by cell, and the Tab turns the cells into either.
*/
#include "xlsxreport.h"

#include "i18n.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "buf.h"
#include "csv.h"
#include "medel.h"
#include "output.h"
#include "ruling.h"
#include "rulingsheet.h"
#include "tab.h"

/* ====================================================================
** {====== the reader's messages
** ==================================================================== */

/* Is msg the counts line "PATH: 12 ansökningar lästa, …" (a digit right
** after "PATH: "), which the sheets give as numbers instead? */
static bool counts_line_of(const char *msg, size_t nl)
{
    return msg[nl] == ':' && msg[nl + 1] == ' ' && msg[nl + 2] >= '0' && msg[nl + 2] <= '9';
}

void reader_log_line(void *ctx, const char *msg)
{
    ReaderLog *log = ctx;
    if (log->err)
        fprintf(log->err, "%s\n", msg);
    size_t nl = log->applications ? strlen(log->applications) : 0;
    if (!nl || strncmp(msg, log->applications, nl) != 0 || msg[nl] != ':' || counts_line_of(msg, nl))
        return;
    if (log->n == log->cap) {
        log->cap = log->cap ? 2 * log->cap : 16;
        log->lines = xrealloc(log->lines, log->cap * sizeof *log->lines);
    }
    size_t len = strlen(msg);
    log->lines[log->n] = xmalloc(len + 1);
    memcpy(log->lines[log->n], msg, len + 1);
    log->n++;
}

void reader_log_free(ReaderLog *log)
{
    for (size_t i = 0; i < log->n; i++)
        free(log->lines[i]);
    free(log->lines);
    log->lines = NULL;
    log->n = log->cap = 0;
}

/* }====== */

/* ====================================================================
** {====== Avvisade rader
** ==================================================================== */

static const SheetColumn REJECTED_COLS[] = {
    {N_("Fil"), SHEET_TEXT, false}, {N_("Rad"), SHEET_INT, false}, {N_("Kolumn"), SHEET_TEXT, false}, {N_("Slag"), SHEET_TEXT, false}, {N_("Meddelande"), SHEET_WRAP, false},
};

static void rejected_rows(Tab *t, const RunFacts *f)
{
    const ReaderLog *log = f->log;
    for (size_t i = 0; log && i < log->n; i++) {
        InputMessage pr = input_message_split(log->lines[i], log->applications);
        tab_row(t);
        tab_text(t, 0, log->applications);
        if (pr.row)
            tab_int(t, 1, (int64_t)pr.row);
        if (pr.column)
            tab_textn(t, 2, pr.column, pr.column_len);
        tab_word(t, 3, pr.warning ? N_("varning") : pr.row ? N_("avvisad rad") : N_("fel i filen"));
        tab_text(t, 4, pr.message);
    }
}

void xlsx_rejected_sheet(Workbook *w, const RunFacts *f)
{
    Tab t;
    tab_sheet(&t, w, N_("Avvisade rader"), REJECTED_COLS, sizeof REJECTED_COLS / sizeof *REJECTED_COLS);
    rejected_rows(&t, f);
    tab_end(&t);
}

void csv_rejected_table(FILE *out, const RunFacts *f)
{
    Tab t;
    tab_csv(&t, out, REJECTED_COLS, sizeof REJECTED_COLS / sizeof *REJECTED_COLS);
    rejected_rows(&t, f);
    tab_end(&t);
}

/* }====== */

/* ====================================================================
** {====== Om körningen
** ==================================================================== */

static const SheetColumn ABOUT_COLS[] = {{N_("Uppgift"), SHEET_TEXT, false}, {N_("Värde"), SHEET_WRAP, false}, {"SHA-256", SHEET_TEXT, true}};

/* A word of the command line as a shell would take it back: as it is when
** it holds nothing a shell reads, else in single quotes. Returns a string in
** `a`. */
static const char *shell_word(Arena *a, const char *s)
{
    bool plain = *s != '\0';
    for (const char *c = s; *c && plain; c++)
        plain = strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%", *c) != NULL ||
                (unsigned char)*c >= 0x80;
    if (plain)
        return s;
    size_t n = 2;
    for (const char *c = s; *c; c++)
        n += *c == '\'' ? 4 : 1;
    char *q = arena_alloc(a, n + 1), *at = q;
    *at++ = '\'';
    for (const char *c = s; *c; c++) {
        if (*c == '\'') {
            memcpy(at, "'\\''", 4);
            at += 4;
        } else {
            *at++ = *c;
        }
    }
    *at++ = '\'';
    *at = '\0';
    return q;
}

/* The time of the run: SOURCE_DATE_EPOCH when it is set (a reproducible
** build of the report), else now; local time with its offset. */
static const char *run_time(char *buf, size_t n)
{
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = epoch ? strtoll(epoch, &end, 10) : 0;
    time_t when = epoch && *epoch && !*end && t >= 0 ? (time_t)t : time(NULL);
    struct tm tm;
    if (!localtime_r(&when, &tm) || !strftime(buf, n, "%Y-%m-%d %H:%M:%S %z", &tm))
        snprintf(buf, n, "%lld", (long long)when);
    return buf;
}

/* A row of Om körningen: what (a msgid) is a word of medel's. */
static void about_row(Tab *t, const char *what, const char *value, const char *sha)
{
    tab_row(t);
    tab_word(t, 0, what);
    tab_text(t, 1, value);
    tab_text(t, 2, sha);
}

static void about_count(Tab *t, const char *what, size_t v)
{
    tab_row(t);
    tab_word(t, 0, what);
    tab_int(t, 1, (int64_t)v);
}

static void about_rows(Tab *t, const RunFacts *f)
{
    Arena a;
    arena_init(&a);
    char hex[65], when[64];
    about_row(t, N_("Kommando"), arena_printf(&a, "medel %s", f->command), NULL);
    if (f->args) {
        char *line = arena_strdup(&a, "");
        for (size_t i = 0; i < f->n_args; i++)
            line = arena_printf(&a, "%s%s%s", line, i ? " " : "", shell_word(&a, f->args[i]));
        about_row(t, N_("Kommandorad"), line, NULL);
    }
    about_row(t, N_("medel-version"), medel_version(), NULL);
    about_row(t, N_("Körd"), run_time(when, sizeof when), NULL);
    if (f->p && f->p->name)
        about_row(t, N_("Överenskommelse"), f->p->name, NULL);
    for (size_t i = 0; f->set && i < f->set->n_files; i++) {
        const SourceFile *sf = f->set->files[i];
        sha256_bytes(sf->bytes, sf->len, hex);
        about_row(t, i == 0 ? N_("Regelfil") : N_("Regelfil (bas eller scenarier)"), sf->path, hex);
    }
    for (size_t i = 0; f->p && i < f->p->n_tables; i++) {
        const Table *tb = &f->p->tables[i];
        tab_row(t);
        tab_text(t, 0, arena_printf(&a, tab_msg(t, N_("Datafil (tabell %s)")), tb->name));
        tab_text(t, 1, tb->path);
        tab_text(t, 2, sha256_file(tb->path, hex) ? hex : tab_msg(t, N_("(kan inte läsas)")));
    }
    if (f->applications) {
        const char *sha = strcmp(f->applications, "-") == 0 ? stdin_sha256()
                        : sha256_file(f->applications, hex) ? hex : NULL;
        about_row(t, N_("Ansökningar"), strcmp(f->applications, "-") == 0 ? tab_msg(t, N_("- (standard in)")) : f->applications,
                  sha ? sha : tab_msg(t, N_("(okänd)")));
    }
    if (f->rulings)
        about_row(t, N_("Bedömningar"), f->rulings->path, f->rulings->sha256[0] ? f->rulings->sha256 : tab_msg(t, N_("(okänd)")));
    if (f->counts) {
        about_count(t, N_("Lästa rader"), f->counts->read);
        about_count(t, N_("Giltiga ansökningar"), f->counts->valid);
        about_count(t, N_("Avvisade rader"), f->counts->rejected);
        about_count(t, N_("Varningar"), f->counts->warnings);
    }
    arena_free(&a);
}

void xlsx_about_sheet(Workbook *w, const RunFacts *f)
{
    Tab t;
    tab_sheet(&t, w, N_("Om körningen"), ABOUT_COLS, sizeof ABOUT_COLS / sizeof *ABOUT_COLS);
    about_rows(&t, f);
    tab_end(&t);
}

void csv_about_table(FILE *out, const RunFacts *f)
{
    Tab t;
    tab_csv(&t, out, ABOUT_COLS, sizeof ABOUT_COLS / sizeof *ABOUT_COLS);
    about_rows(&t, f);
    tab_end(&t);
}

void html_about_table(FILE *out, const char *cls, const RunFacts *f)
{
    Tab t;
    tab_html(&t, out, cls, ABOUT_COLS, sizeof ABOUT_COLS / sizeof *ABOUT_COLS);
    about_rows(&t, f);
    tab_end(&t);
}

/* }====== */

/* ====================================================================
** {====== the parts of an application the sheets show
** ==================================================================== */

#include "eval.h"
#include "verdict.h"

/* A value as the reports write it, in `a` (whole: a long text is not cut). */
static const char *value_text(Arena *a, const EvalContext *cx, int field, const Value *v)
{
    const Program *p = cx->prog;
    if (v->kind == VAL_TEXT)
        return arena_strndup(a, v->u.text.s, v->u.text.len);
    /* Any other value is short (a set's names at most); formatting it on the
    ** stack and copying what it took keeps a row's arena small: allocate
    ** writes a row per application. */
    char buf[4096];
    value_format(p, cx->tables, p->fields[field].type, v, buf, sizeof buf);
    return arena_strdup(a, buf);
}

/* "målgrupp = 6..11; kommun = (saknas)": the values e reads, and in
** *missing (when not NULL) the names of those missing ("målgrupp, kommun"),
** or "" when none is. Both in `a`. */
const char *values_read(Arena *a, const EvalContext *cx, const Application *app, const Expr *e,
                        const char **missing)
{
    const Program *p = cx->prog;
    bool *seen = arena_alloc(a, (p->n_fields + 1) * sizeof *seen);
    program_fields_read(e, seen);
    const char *vals = "", *miss = "";
    for (size_t i = 0; i < p->n_fields; i++) {
        if (!seen[i])
            continue;
        const Value *v = &app->values[i];
        vals = arena_printf(a, "%s%s%s = %s", vals, vals[0] ? "; " : "", p->fields[i].name,
                            v->kind == VAL_MISSING ? "(saknas)" : value_text(a, cx, (int)i, v));
        if (v->kind == VAL_MISSING)
            miss = arena_printf(a, "%s%s%s", miss, miss[0] ? ", " : "", p->fields[i].name);
    }
    if (missing)
        *missing = miss;
    return vals;
}

size_t manual_reasons(Arena *a, const EvalContext *cx, const SourceSet *set, const Application *app,
                      const Assessment *as, int k, ManualWhy **out)
{
    (void)set;
    const Program *p = cx->prog;
    ManualWhy *w = arena_alloc(a, (p->n_criteria + 2) * sizeof *w);
    size_t n = 0;
    for (size_t c = 0; c < p->n_criteria; c++) {
        const Criterion *cr = &p->criteria[c];
        if (!eval_applies(p, cr->pot, k) || as->crit[c] != OUTCOME_MANUAL)
            continue;
        const char *miss;
        w[n].criterion = cr->name;
        w[n].values = values_read(a, cx, app, cr->require, &miss);
        w[n].reason = miss[0] ? arena_printf(a, "uppgift saknas: %s; bedöm manuellt", miss) : "uppgift saknas; bedöm manuellt";
        n++;
    }
    /* Every criterion was decided: the pot's routing was not. The nearest
    ** pot up the tree that is undecided is the one to name. */
    for (int q = k; n == 0 && q >= 0; q = p->pots[q].parent) {
        const Pot *pt = &p->pots[q];
        if (pt->applies) {
            const char *miss;
            const char *vals = values_read(a, cx, app, pt->applies, &miss);
            if (miss[0]) {
                w[n++] = (ManualWhy){"(pott)",
                                     arena_printf(a, "uppgift saknas: %s; det går inte att avgöra om potten %s gäller ansökan",
                                                  miss, pt->name),
                                     vals};
                break;
            }
        }
        if (pt->has_split && as->route[k] < 0) {
            const char *f = p->fields[pt->split.field].name;
            w[n++] = (ManualWhy){"(delpott)", arena_printf(a, "uppgift saknas: %s; ansökan kan inte föras till en delpott", f),
                                 arena_printf(a, "%s = (saknas)", f)};
            break;
        }
    }
    if (n == 0)   /* not expected: say so rather than leave the row without a reason */
        w[n++] = (ManualWhy){"(okänt)", "uppgift saknas; bedöm manuellt", ""};
    *out = w;
    return n;
}

/* Which fields a sheet shows before its fixed columns (the required texts
** after the key: the title and the applicant, in every bundled rule file)
** and after them (every other field but the key and the requested amount,
** so that nothing of the application is lost). */
typedef struct Layout {
    int *front, *rest;
    size_t n_front, n_rest;
} Layout;

static Layout layout_of(Arena *a, const Program *p)
{
    Layout l = {arena_alloc(a, (p->n_fields + 1) * sizeof(int)), arena_alloc(a, (p->n_fields + 1) * sizeof(int)), 0, 0};
    for (size_t i = 0; i < p->n_fields; i++) {
        if ((int)i == p->key_field || (int)i == p->requested_field)
            continue;
        const Field *f = &p->fields[i];
        if ((f->flags & FIELD_REQUIRED) && f->type.kind == TY_TEXT)
            l.front[l.n_front++] = (int)i;
        else
            l.rest[l.n_rest++] = (int)i;
    }
    return l;
}

/* A field's value into column col: an amount or a number as a number, the
** rest as the reports write it; a missing value leaves the cell empty. */
static void tab_value(Tab *t, Arena *a, const EvalContext *cx, size_t col, int field, const Value *v)
{
    if (v->kind == VAL_MISSING)
        return;
    if (v->kind == VAL_MONEY)
        tab_money(t, col, v->u.money);
    else if (v->kind == VAL_INT)
        tab_int(t, col, v->u.i);
    else if (v->kind == VAL_TEXT)
        tab_textn(t, col, v->u.text.s, v->u.text.len);
    else
        tab_text(t, col, value_text(a, cx, field, v));
}

/* The columns key, front fields, fixed[0..n_fixed), rest fields, in `a`;
** *n gets their number. */
static SheetColumn *columns_of(Arena *a, const Program *p, const Layout *l, const SheetColumn *fixed, size_t n_fixed,
                               bool rest, size_t *n)
{
    SheetColumn *cols = arena_alloc(a, (1 + l->n_front + n_fixed + l->n_rest + 1) * sizeof *cols);
    size_t k = 0;
    cols[k++] = p->key_field >= 0 ? (SheetColumn){p->fields[p->key_field].column, SHEET_TEXT, true}
                                   : (SheetColumn){N_("Ansökan"), SHEET_TEXT, false};
    for (size_t i = 0; i < l->n_front; i++)
        cols[k++] = (SheetColumn){p->fields[l->front[i]].column, SHEET_TEXT, true};
    for (size_t i = 0; i < n_fixed; i++)
        cols[k++] = fixed[i];
    for (size_t i = 0; rest && i < l->n_rest; i++) {
        const Field *f = &p->fields[l->rest[i]];
        cols[k++] = (SheetColumn){f->column, f->type.kind == TY_MONEY ? SHEET_KR : f->type.kind == TY_INT ? SHEET_INT
                                             : f->type.kind == TY_TEXT ? SHEET_WRAP : SHEET_TEXT, true};
    }
    /* A field whose column is called as one of medel's ("Pott", the pot an
    ** application asks for) is told apart, so that a reader of the CSV by
    ** header, or a filter in Excel, never takes one for the other. */
    for (size_t c = 0; c < k; c++) {
        bool mine = c > l->n_front && c <= l->n_front + n_fixed;
        for (size_t j = 0; !mine && j < n_fixed; j++)
            if (!strcmp(cols[c].header, fixed[j].header)) {
                /* the sheet in the chosen language, the CSV in Swedish */
                cols[c].header = arena_printf(a, "%s (ansökan)", cols[c].header);
                cols[c].verbatim = true;
            }
    }
    *n = k;
    return cols;
}

/* The key and the front fields of app, from column 0; returns the next column. */
static size_t tab_front(Tab *t, Arena *a, const EvalContext *cx, const Layout *l, const Application *app)
{
    size_t col = 0;
    tab_text(t, col++, app ? app->key : NULL);
    for (size_t i = 0; i < l->n_front; i++, col++)
        if (app)
            tab_value(t, a, cx, col, l->front[i], &app->values[l->front[i]]);
    return col;
}

static void tab_rest(Tab *t, Arena *a, const EvalContext *cx, const Layout *l, const Application *app, size_t col)
{
    for (size_t i = 0; app && i < l->n_rest; i++, col++)
        tab_value(t, a, cx, col, l->rest[i], &app->values[l->rest[i]]);
}

/* The sub-pot's key of pot k for route `route` (a table row), or NULL. */
static const char *sub_key(const EvalContext *cx, int k, int32_t route)
{
    const Program *p = cx->prog;
    int q = k;
    while (q >= 0 && !p->pots[q].has_split)
        q = p->pots[q].parent;
    if (q < 0 || route < 0)
        return NULL;
    return cx->tables[p->pots[q].split.table].keys[route];
}

/* }====== */

/* ====================================================================
** {====== allocate
** ==================================================================== */

static const char *const ALLOC_TABLE_NAMES[ATAB_N] = {"beslut", "potter", "fokusområden", "portfölj",
                                                      "manuell", "ej_stödberättigade", "bedömningar", "avvisade", "körning"};

int alloc_table_of(const char *name)
{
    for (int i = 0; i < ATAB_N; i++)
        if (!strcmp(name, ALLOC_TABLE_NAMES[i]))
            return i;
    return -1;
}

/* Where one table of allocate goes: a sheet of w, or CSV on out. */
static void tab_open(Tab *t, Workbook *w, FILE *out, const char *sheet, const SheetColumn *cols, size_t n)
{
    if (w)
        tab_sheet(t, w, sheet, cols, n);
    else
        tab_csv(t, out, cols, n);
}

enum { B_POTT, B_DELPOTT, B_SOKT, B_BEVILJAT, B_STATUS, B_RANG, B_POANG, B_VILLKOR, B_SKAL, B_N };
static const SheetColumn BESLUT_FIXED[B_N] = {
    {N_("Pott"), SHEET_TEXT, false},   {N_("Delpott"), SHEET_TEXT, false}, {N_("Sökt"), SHEET_KR, false},  {N_("Beviljat"), SHEET_KR, false},
    {N_("Status"), SHEET_TEXT, false}, {N_("Rang"), SHEET_INT, false},     {N_("Poäng"), SHEET_INT, false}, {N_("Ej uppfyllda villkor"), SHEET_WRAP, false},
    {N_("Skäl"), SHEET_WRAP, false},
};

/* `lines` with `s` as a further line (lines "" gives s itself), in `a`.
** Without printf: allocate builds these for every row it writes. */
static const char *line_add(Arena *a, const char *lines, const char *s)
{
    size_t n = strlen(lines), m = strlen(s);
    if (!n)
        return s;
    char *r = arena_alloc(a, n + 1 + m + 1);
    memcpy(r, lines, n);
    r[n] = '\n';
    memcpy(r + n + 1, s, m + 1);
    return r;
}

/* The PotResult of sub-pot `sub` of split pot `pot`, or NULL. */
static const PotResult *sub_result(const Allocation *al, int32_t pot, int32_t sub)
{
    for (size_t i = 0; i < al->n_pots; i++)
        if (al->pots[i].pot == pot && al->pots[i].sub == sub)
            return &al->pots[i];
    return NULL;
}

/* Beslut: every application in input order, and under it each pot that
** considered it (or for which it failed or could not be decided), then the
** payouts of the pots paid out per key. */
static void beslut_table(Workbook *w, FILE *out, const AllocView *v)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    Arena a;
    arena_init(&a);
    Layout l = layout_of(&a, p);
    size_t n_cols;
    /* A split with rules adds its parts to the payouts' rows: Grundbelopp,
    ** Andel and Fördelning (tak, under spärren …), after the fixed columns. */
    bool rules = allocation_has_split_rules(p);
    enum { B_GRUND = B_N, B_ANDEL, B_FORDELNING, B_N_RULES };
    SheetColumn fixed[B_N_RULES];
    memcpy(fixed, BESLUT_FIXED, sizeof BESLUT_FIXED);
    fixed[B_GRUND] = (SheetColumn){N_("Grundbelopp"), SHEET_KR, false};
    fixed[B_ANDEL] = (SheetColumn){N_("Andel"), SHEET_KR, false};
    fixed[B_FORDELNING] = (SheetColumn){N_("Fördelning"), SHEET_TEXT, false};
    size_t n_fixed = rules ? B_N_RULES : B_N;
    SheetColumn *cols = columns_of(&a, p, &l, fixed, n_fixed, true, &n_cols);
    /* The grants of each application, in the allocation's (pot) order. */
    int32_t *first = arena_alloc(&a, (v->n + 1) * sizeof *first), *next = arena_alloc(&a, (al->n_grants + 1) * sizeof *next);
    int32_t *last = arena_alloc(&a, (v->n + 1) * sizeof *last);
    for (size_t i = 0; i < v->n; i++)
        first[i] = last[i] = -1;
    for (size_t g = 0; g < al->n_grants; g++) {
        next[g] = -1;
        int32_t ai = al->grants[g].app;
        if (ai < 0 || (size_t)ai >= v->n)
            continue;
        if (last[ai] < 0)
            first[ai] = (int32_t)g;
        else
            next[last[ai]] = (int32_t)g;
        last[ai] = (int32_t)g;
    }
    Tab t;
    tab_open(&t, w, out, N_("Beslut"), cols, n_cols);
    size_t fx = 1 + l.n_front;   /* the first fixed column */
    Arena row;   /* what one row's cells are made of; reset for the next */
    arena_init(&row);
    for (size_t i = 0; i < v->n; i++) {
        const Application *app = &v->apps[i];
        const Assessment *as = v->as[i];
        for (size_t k = 0; k < p->n_pots; k++) {
            if (!eval_takes_applications(p, (int)k) || as->eligible[k] == OUTCOME_NOT_APPLICABLE)
                continue;
            const Grant *gr = NULL;
            for (int32_t g = first[i]; g >= 0 && !gr; g = next[g])
                if (al->grants[g].pot == (int32_t)k)
                    gr = &al->grants[g];
            arena_reset(&row);
            Arena *ra = &row;
            tab_row(&t);
            size_t col = tab_front(&t, ra, v->cx, &l, app);
            (void)col;
            tab_text(&t, fx + B_POTT, p->pots[k].name);
            tab_text(&t, fx + B_DELPOTT, sub_key(v->cx, (int)k, gr ? gr->sub : as->route[k]));
            if (as->requested >= 0)
                tab_money(&t, fx + B_SOKT, as->requested);
            tab_money(&t, fx + B_BEVILJAT, gr ? gr->amount : 0);
            const char *status;
            if (gr)
                status = gr->capped ? arena_printf(ra, tab_msg(&t, N_("%s (tak)")), verdict_grant_word(gr->status)) : verdict_grant_word(gr->status);
            else if (as->eligible[k] == OUTCOME_FAIL)
                status = tab_msg(&t, N_("uppfyller inte villkoren"));
            else if (as->eligible[k] == OUTCOME_MANUAL)
                status = tab_msg(&t, N_("kräver manuell bedömning"));
            else
                status = tab_msg(&t, N_("prövas inte här: beviljas ur en tidigare pott"));
            tab_text(&t, fx + B_STATUS, status);
            if (gr && gr->rank)
                tab_int(&t, fx + B_RANG, gr->rank);
            if (as->eligible[k] == OUTCOME_PASS && p->n_priorities)
                tab_int(&t, fx + B_POANG, gr ? gr->score : as->score[k]);
            const char *names = "", *why = "";
            if (as->eligible[k] == OUTCOME_FAIL) {
                for (size_t c = 0; c < p->n_criteria; c++) {
                    const Criterion *cr = &p->criteria[c];
                    if (!eval_applies(p, cr->pot, (int)k) || as->crit[c] != OUTCOME_FAIL)
                        continue;
                    names = line_add(ra, names, cr->name);
                    why = line_add(ra, why, cr->reason);
                }
            } else if (as->eligible[k] == OUTCOME_MANUAL) {
                ManualWhy *mw;
                size_t nm = manual_reasons(ra, v->cx, v->set, app, as, (int)k, &mw);
                for (size_t m = 0; m < nm; m++) {
                    names = line_add(ra, names, mw[m].criterion);
                    why = line_add(ra, why, mw[m].reason);
                }
            }
            tab_text(&t, fx + B_VILLKOR, names);
            tab_text(&t, fx + B_SKAL, why);
            tab_rest(&t, ra, v->cx, &l, app, fx + n_fixed);
        }
    }
    /* Payouts (rättighet): to the sub-pot's key, e.g. a municipality. */
    for (size_t g = 0; g < al->n_grants; g++) {
        const Grant *gr = &al->grants[g];
        if (gr->app >= 0)
            continue;
        tab_row(&t);
        tab_text(&t, fx + B_POTT, p->pots[gr->pot].name);
        tab_text(&t, fx + B_DELPOTT, sub_key(v->cx, gr->pot, gr->sub));
        tab_money(&t, fx + B_BEVILJAT, gr->amount);
        tab_text(&t, fx + B_STATUS, verdict_grant_word(gr->status));
        const PotResult *pr = rules && gr->sub >= 0 ? sub_result(al, gr->pot, gr->sub) : NULL;
        if (pr && p->pots[pr->pot].split.has_rules) {
            char buf[256];
            tab_money(&t, fx + B_GRUND, pr->split_base);
            tab_money(&t, fx + B_ANDEL, pr->split_share);
            tab_text(&t, fx + B_FORDELNING, allocation_split_parts(p, pr, t.sheet || t.html, buf, sizeof buf));
        }
    }
    tab_end(&t);
    arena_free(&row);
    arena_free(&a);
}

enum { P_POTT, P_OVER, P_NAMN, P_BELOPP, P_BARN, P_BEVILJAT, P_KVAR, P_ANS, P_BEV, P_KONTROLL, P_N,
       P_IN = P_N, P_UT, P_TILL, P_ATER, P_N_KVAR };
/* The columns of a run where some pot's leftover moved, was returned or
** went to a second round: the usual ones, then what moved and where. */
static const SheetColumn POTTER_COLS[P_N_KVAR] = {
    {N_("Pott"), SHEET_TEXT, false},        {N_("Överordnad pott"), SHEET_TEXT, false}, {N_("Benämning"), SHEET_WRAP, false},
    {N_("Belopp"), SHEET_KR, false},        {N_("Till delpotter"), SHEET_KR, false},    {N_("Beviljat"), SHEET_KR, false},
    {N_("Ej fördelat"), SHEET_KR, false},   {N_("Ansökningar"), SHEET_INT, false},      {N_("Beviljade ansökningar"), SHEET_INT, false},
    {N_("Kontroll"), SHEET_TEXT, false},
    {N_("Flyttat hit"), SHEET_KR, false},   {N_("Flyttat vidare"), SHEET_KR, false},    {N_("Flyttat till"), SHEET_TEXT, false},
    {N_("Återbetalas"), SHEET_KR, false},
};

/* amount + moved in == kids + granted + moved out + returned + left. */
static const char *conserves(Money amount, Money in, Money kids, Money granted, Money out, Money back, Money left)
{
    Money sum, had;
    bool ok = money_add(kids, granted, &sum) && money_add(sum, out, &sum) && money_add(sum, back, &sum) &&
              money_add(sum, left, &sum) && money_add(amount, in, &had) && sum == had;
    return ok ? N_("stämmer på öret") : N_("STÄMMER INTE");
}

static void potter_table(Workbook *w, FILE *out, const AllocView *v)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    Tab t;
    /* 'kvar': four more columns for what moved and was returned; a split with
    ** rules: each sub-pot's parts, in three more after them. */
    bool rules = allocation_has_split_rules(p);
    SheetColumn cols[P_N_KVAR + 3];
    memcpy(cols, POTTER_COLS, sizeof POTTER_COLS);
    size_t n_cols = al->has_leftover ? P_N_KVAR : P_N;
    const size_t p_grund = n_cols, p_andel = n_cols + 1, p_fordelning = n_cols + 2;
    if (rules) {
        cols[n_cols++] = (SheetColumn){N_("Grundbelopp"), SHEET_KR, false};
        cols[n_cols++] = (SheetColumn){N_("Andel"), SHEET_KR, false};
        cols[n_cols++] = (SheetColumn){N_("Fördelning"), SHEET_TEXT, false};
    }
    tab_open(&t, w, out, N_("Potter"), cols, n_cols);
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        const Pot *pt = &p->pots[r->pot];
        tab_row(&t);
        tab_text(&t, P_POTT, r->name);
        tab_text(&t, P_OVER, r->sub >= 0 ? pt->name : pt->parent >= 0 ? p->pots[pt->parent].name : NULL);
        /* An approximate agreement amount ("nära") is said, as in the table. */
        if (r->sub < 0 && pt->approx) {
            char *label = xmalloc(strlen(pt->label ? pt->label : "") + strlen(pt->approx) + 128);
            sprintf(label, tab_msg(&t, N_("%s%s(beloppet är ungefärligt: %s)")), pt->label ? pt->label : "", pt->label ? " " : "",
                    pt->approx);
            tab_text(&t, P_NAMN, label);
            free(label);
        } else if (r->sub < 0) {
            tab_text(&t, P_NAMN, pt->label);
        }
        tab_money(&t, P_BELOPP, r->amount);
        tab_money(&t, P_BARN, r->to_children);
        tab_money(&t, P_BEVILJAT, r->granted);
        tab_money(&t, P_KVAR, r->unallocated);
        bool split_parent = pt->has_split && r->sub < 0;
        if (eval_takes_applications(p, r->pot) && !split_parent) {
            tab_int(&t, P_ANS, (int64_t)r->n_considered);
            tab_int(&t, P_BEV, (int64_t)r->n_funded);
        }
        tab_word(&t, P_KONTROLL, conserves(r->amount, r->moved_in, r->to_children, r->granted, r->moved_out, r->returned,
                                           r->unallocated));
        if (al->has_leftover) {
            tab_money(&t, P_IN, r->moved_in);
            tab_money(&t, P_UT, r->moved_out);
            if (r->moved_to >= 0)
                tab_text(&t, P_TILL, al->pots[r->moved_to].name);
            tab_money(&t, P_ATER, r->returned);
        }
        if (rules && r->sub >= 0 && pt->split.has_rules) {
            char buf[256];
            tab_money(&t, p_grund, r->split_base);
            tab_money(&t, p_andel, r->split_share);
            tab_text(&t, p_fordelning, allocation_split_parts(p, r, t.sheet || t.html, buf, sizeof buf));
        }
    }
    /* The whole: the top-level pots, every grant, everything left over. */
    tab_row(&t);
    tab_word(&t, P_POTT, N_("(totalt)"));
    tab_word(&t, P_NAMN, N_("alla potter på översta nivån"));
    tab_money(&t, P_BELOPP, al->total);
    tab_money(&t, P_BARN, 0);
    tab_money(&t, P_BEVILJAT, al->granted);
    tab_money(&t, P_KVAR, al->unallocated);
    tab_word(&t, P_KONTROLL, conserves(al->total, 0, 0, al->granted, 0, al->returned, al->unallocated));
    if (al->has_leftover) {
        tab_money(&t, P_IN, 0);
        tab_money(&t, P_UT, 0);
        tab_money(&t, P_ATER, al->returned);
    }
    tab_end(&t);
}

static const SheetColumn FOKUS_COLS[] = {
    {N_("Fokusområde"), SHEET_WRAP, false},
    {N_("Identifierare"), SHEET_TEXT, false},
    {N_("Beviljat (ett projekt kan räknas i flera områden)"), SHEET_KR, false},
    {N_("Beviljade projekt"), SHEET_INT, false},
};

static int focus_field_of(const Program *p)
{
    for (size_t i = 0; i < p->n_fields; i++)
        if (p->fields[i].type.kind == TY_SET && p->fields[i].type.elem == TY_FOCUS)
            return (int)i;
    return -1;
}

static void fokus_table(Workbook *w, FILE *out, const AllocView *v)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    Tab t;
    tab_open(&t, w, out, N_("Fokusområden"), FOKUS_COLS, sizeof FOKUS_COLS / sizeof *FOKUS_COLS);
    int ff = focus_field_of(p);
    /* The projects funded that are tagged with each area, each once (an
    ** application funded by two pots is one project). */
    size_t *projects = xmalloc((p->n_focus + 1) * sizeof *projects);
    memset(projects, 0, (p->n_focus + 1) * sizeof *projects);
    bool *funded = xmalloc(v->n + 1);
    memset(funded, 0, v->n + 1);
    for (size_t g = 0; ff >= 0 && g < al->n_grants; g++) {
        const Grant *gr = &al->grants[g];
        if (gr->app < 0 || gr->amount <= 0 || (size_t)gr->app >= v->n || funded[gr->app])
            continue;
        funded[gr->app] = true;
        const Value *val = &v->apps[gr->app].values[ff];
        for (size_t f = 0; val->kind == VAL_SET && f < p->n_focus && f < MAX_SET_MEMBERS; f++)
            projects[f] += (val->u.set >> f) & 1u;
    }
    free(funded);
    size_t counted = 0;   /* projects counted over the areas, once per area */
    for (size_t f = 0; ff >= 0 && f < p->n_focus && f < MAX_SET_MEMBERS; f++) {
        tab_row(&t);
        tab_text(&t, 0, p->focus[f].label);
        tab_text(&t, 1, p->focus[f].name);
        tab_money(&t, 2, al->by_focus[f]);
        tab_int(&t, 3, (int64_t)projects[f]);
        counted += projects[f];
    }
    free(projects);
    /* The areas against the whole, said in figures and in words: a project
    ** with several areas counts in each, so the column adds up to more. */
    FocusTotals ft;
    if (focus_totals(v, &ft)) {
        Arena a;
        arena_init(&a);
        tab_row(&t);
        tab_word(&t, 0, N_("(summa över områdena)"));
        tab_money(&t, 2, ft.sum);
        tab_int(&t, 3, (int64_t)counted);
        tab_row(&t);
        tab_word(&t, 0, N_("(beviljat totalt)"));
        tab_money(&t, 2, ft.granted);
        tab_int(&t, 3, (int64_t)ft.projects);
        tab_row(&t);
        tab_text(&t, 0, focus_note(&a, w != NULL, &ft));
        arena_free(&a);
    }
    tab_end(&t);
}

bool focus_totals(const AllocView *v, FocusTotals *out)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    memset(out, 0, sizeof *out);
    int ff = focus_field_of(p);
    if (ff < 0 || p->n_focus == 0)
        return false;
    for (size_t f = 0; f < p->n_focus && f < MAX_SET_MEMBERS; f++)
        if (!money_add(out->sum, al->by_focus[f], &out->sum))
            return false;
    for (size_t g = 0; g < al->n_grants; g++) {
        const Grant *gr = &al->grants[g];
        if (gr->amount <= 0)
            continue;
        if (gr->app < 0 || (size_t)gr->app >= v->n) {
            if (!money_add(out->payouts, gr->amount, &out->payouts))
                return false;
            continue;
        }
        /* An application is funded by one pot at most (allocate.h). */
        const Value *val = &v->apps[gr->app].values[ff];
        int areas = val->kind == VAL_SET ? __builtin_popcountll((unsigned long long)val->u.set) : 0;
        out->projects++;
        out->several += areas > 1;
        if (!money_add(out->granted, gr->amount, &out->granted) ||
            (areas == 0 && !money_add(out->without, gr->amount, &out->without)))
            return false;
    }
    return true;
}

static const char *note_msg(bool tr, const char *msgid) __attribute__((format_arg(2)));
static const char *note_msg(bool tr, const char *msgid)
{
    return tr ? _(msgid) : msgid;
}

const char *focus_note(Arena *a, bool tr, const FocusTotals *t)
{
    char b1[48], b2[48];
    const char *s = arena_printf(a, note_msg(tr, N_("Summan över områdena är %s; beviljat totalt %s; ett projekt med "
                                                    "flera fokusområden räknas i vart och ett")),
                                 money_format(t->sum, b1, sizeof b1), money_format(t->granted, b2, sizeof b2));
    if (t->several) {
        s = arena_printf(a, note_msg(tr, N_("%s (%zu av %zu beviljade projekt har flera)")), s, t->several, t->projects);
    }
    if (t->without)
        s = arena_printf(a, note_msg(tr, N_("%s; %s till projekt utan fokusområde räknas i inget område")), s,
                         money_format(t->without, b1, sizeof b1));
    if (t->payouts)
        s = arena_printf(a, note_msg(tr, N_("%s; utbetalningarna per nyckel, %s, är inte projekt och räknas inte")), s,
                         money_format(t->payouts, b1, sizeof b1));
    return s;
}

bool not_eligible(const Program *p, const Assessment *as)
{
    for (size_t k = 0; k < p->n_pots; k++)
        if (eval_takes_applications(p, (int)k) &&
            (as->eligible[k] == OUTCOME_PASS || as->eligible[k] == OUTCOME_MANUAL))
            return false;
    return true;
}

enum { E_POTT, E_DELPOTT, E_VILLKOR, E_SKAL, E_VARDEN, E_N };
static const SheetColumn EJ_FIXED[E_N] = {
    {N_("Pott"), SHEET_TEXT, false}, {N_("Delpott"), SHEET_TEXT, false}, {N_("Villkor som inte uppfylls"), SHEET_TEXT, false},
    {N_("Skäl"), SHEET_WRAP, false}, {N_("Värden"), SHEET_WRAP, false},
};

/* Ej stödberättigade: each application eligible for no pot, one row per
** criterion it failed in each pot that considered it, with the rule's
** reason and the values that decided; one that no pot considers, once. */
static void ej_table(Workbook *w, FILE *out, const AllocView *v)
{
    const Program *p = v->cx->prog;
    Arena a;
    arena_init(&a);
    Layout l = layout_of(&a, p);
    size_t n_cols;
    SheetColumn *cols = columns_of(&a, p, &l, EJ_FIXED, E_N, false, &n_cols);
    Tab t;
    tab_open(&t, w, out, N_("Ej stödberättigade"), cols, n_cols);
    size_t fx = 1 + l.n_front;
    Arena row;   /* one application's cells; reset for the next */
    arena_init(&row);
    for (size_t i = 0; i < v->n; i++) {
        const Assessment *as = v->as[i];
        if (!not_eligible(p, as))
            continue;
        arena_reset(&row);
        size_t rows = 0;
        for (size_t k = 0; k < p->n_pots; k++) {
            if (!eval_takes_applications(p, (int)k) || as->eligible[k] != OUTCOME_FAIL)
                continue;
            for (size_t c = 0; c < p->n_criteria; c++) {
                const Criterion *cr = &p->criteria[c];
                if (!eval_applies(p, cr->pot, (int)k) || as->crit[c] != OUTCOME_FAIL)
                    continue;
                tab_row(&t);
                tab_front(&t, &row, v->cx, &l, &v->apps[i]);
                tab_text(&t, fx + E_POTT, p->pots[k].name);
                tab_text(&t, fx + E_DELPOTT, sub_key(v->cx, (int)k, as->route[k]));
                tab_text(&t, fx + E_VILLKOR, cr->name);
                tab_text(&t, fx + E_SKAL, cr->reason);
                tab_text(&t, fx + E_VARDEN, values_read(&row, v->cx, &v->apps[i], cr->require, NULL));
                rows++;
            }
        }
        if (rows == 0) {
            tab_row(&t);
            tab_front(&t, &row, v->cx, &l, &v->apps[i]);
            tab_word(&t, fx + E_SKAL, N_("ingen pott prövar ansökan"));
        }
    }
    tab_end(&t);
    arena_free(&row);
    arena_free(&a);
}

enum { F_NAMN, F_GRANS, F_KRAV, F_ANTAL, F_BELOPP, F_TOTAL, F_ANDEL, F_HELD, F_BIND, F_PROJ, F_SKAL, F_N };
static const SheetColumn PORTFOLJ_COLS[F_N] = {
    {N_("Portföljvillkor"), SHEET_WRAP, false},
    {N_("Gräns"), SHEET_WRAP, false},
    {N_("Krav"), SHEET_TEXT, false},
    {N_("Antal ansökningar"), SHEET_INT, false},
    {N_("Beviljat till dem"), SHEET_KR, false},
    {N_("Beviljat i villkorets potter"), SHEET_KR, false},
    {N_("Andel av beviljat"), SHEET_PERCENT, false},
    {N_("Uppfyllt"), SHEET_TEXT, false},
    {N_("Bindande"), SHEET_TEXT, false},
    {N_("Projekt som räknas"), SHEET_WRAP, false},
    {N_("Skäl"), SHEET_WRAP, false},
};

static void portfolj_table(Workbook *w, FILE *out, const AllocView *v)
{
    const Program *p = v->cx->prog;
    const Allocation *al = v->al;
    Arena a;
    arena_init(&a);
    Tab t;
    tab_open(&t, w, out, N_("Portfölj"), PORTFOLJ_COLS, F_N);
    for (size_t i = 0; i < al->n_portfolio; i++) {
        const PortfolioResult *pr = &al->portfolio[i];
        const Portfolio *pf = &p->portfolios[pr->portfolio];
        const Bound *bd = &pf->bounds[pr->bound];
        /* The projects that count: funded, in scope, meeting the condition
        ** (all of them: a long list is cut at Excel's limit, with a mark). */
        Buf list = {0};
        for (size_t g = 0; g < al->n_grants; g++) {
            const Grant *gr = &al->grants[g];
            if (gr->app < 0 || gr->amount <= 0 || (pf->pot >= 0 && !program_pot_within(p, gr->pot, pf->pot)))
                continue;
            if (bd->where) {
                Value val = eval_expr(v->cx, &v->apps[gr->app], bd->where, NULL);
                if (val.kind != VAL_BOOL || !val.u.b)
                    continue;
            }
            if (list.len)
                buf_put(&list, ", ", 2);
            buf_put(&list, v->apps[gr->app].key, strlen(v->apps[gr->app].key));
        }
        tab_row(&t);
        tab_text(&t, F_NAMN, pf->label ? arena_printf(&a, "%s (%s)", pf->label, pf->name) : pf->name);
        tab_text(&t, F_GRANS, program_span_text(&a, v->set, bd->span));
        tab_text(&t, F_KRAV, arena_printf(&a, "%s %s", tab_msg(&t, bd->at_least ? N_("minst") : N_("högst")), program_span_text(&a, v->set, bd->count->span)));
        tab_int(&t, F_ANTAL, pr->count);
        tab_money(&t, F_BELOPP, pr->amount);
        tab_money(&t, F_TOTAL, pr->total);
        if (pr->total > 0)
            tab_fraction(&t, F_ANDEL, pr->amount, pr->total);
        tab_word(&t, F_HELD, pr->held ? N_("ja") : N_("nej"));
        tab_word(&t, F_BIND, pf->binding ? N_("bindande") : N_("ej bindande"));
        tab_textn(&t, F_PROJ, list.b, list.len);
        free(list.b);
        tab_text(&t, F_SKAL, pf->reason);
    }
    tab_end(&t);
    arena_free(&a);
}

enum { M_POTT, M_DELPOTT, M_VILLKOR, M_SKAL, M_VARDEN, M_N };
static const SheetColumn MANUELL_FIXED[M_N] = {
    {N_("Pott"), SHEET_TEXT, false}, {N_("Delpott"), SHEET_TEXT, false}, {N_("Villkor som inte kunde avgöras"), SHEET_TEXT, false},
    {N_("Skäl"), SHEET_WRAP, false}, {N_("Värden"), SHEET_WRAP, false},
};

static void manuell_table(Workbook *w, FILE *out, const AllocView *v)
{
    const Program *p = v->cx->prog;
    Arena a;
    arena_init(&a);
    Layout l = layout_of(&a, p);
    size_t n_cols;
    SheetColumn *cols = columns_of(&a, p, &l, MANUELL_FIXED, M_N, false, &n_cols);
    Tab t;
    tab_open(&t, w, out, N_("Manuell bedömning"), cols, n_cols);
    size_t fx = 1 + l.n_front;
    Arena row;   /* one application's reasons; reset for the next */
    arena_init(&row);
    for (size_t i = 0; i < v->n; i++)
        for (size_t k = 0; k < p->n_pots; k++) {
            if (!eval_takes_applications(p, (int)k) || v->as[i]->eligible[k] != OUTCOME_MANUAL)
                continue;
            arena_reset(&row);
            ManualWhy *mw;
            size_t nm = manual_reasons(&row, v->cx, v->set, &v->apps[i], v->as[i], (int)k, &mw);
            for (size_t m = 0; m < nm; m++) {
                tab_row(&t);
                tab_front(&t, &row, v->cx, &l, &v->apps[i]);
                tab_text(&t, fx + M_POTT, p->pots[k].name);
                tab_text(&t, fx + M_DELPOTT, sub_key(v->cx, (int)k, v->as[i]->route[k]));
                tab_text(&t, fx + M_VILLKOR, mw[m].criterion);
                tab_text(&t, fx + M_SKAL, mw[m].reason);
                tab_text(&t, fx + M_VARDEN, mw[m].values);
            }
        }
    tab_end(&t);
    arena_free(&row);
    arena_free(&a);
}

static void allocation_table(Workbook *w, FILE *out, const AllocView *v, const RunFacts *f, AllocTable which)
{
    switch (which) {
    case ATAB_BESLUT: beslut_table(w, out, v); break;
    case ATAB_POTTER: potter_table(w, out, v); break;
    case ATAB_FOKUS: fokus_table(w, out, v); break;
    case ATAB_PORTFOLJ: portfolj_table(w, out, v); break;
    case ATAB_MANUELL: manuell_table(w, out, v); break;
    case ATAB_EJ: ej_table(w, out, v); break;
    case ATAB_BEDOMNINGAR:
        /* Only when assessments were read: a workbook of a run without
        ** them stays as it was. */
        if (v->cx->rulings || out) {
            size_t n_cols;
            const SheetColumn *cols = ruling_sheet_columns(&n_cols);
            Tab t;
            tab_open(&t, w, out, N_("Bedömningar"), cols, n_cols);
            ruling_applied_table(&t, v->cx, v->as, v->n);
            tab_end(&t);
        }
        break;
    case ATAB_AVVISADE:
        if (w)
            xlsx_rejected_sheet(w, f);
        else
            csv_rejected_table(out, f);
        break;
    case ATAB_KORNING:
        if (w)
            xlsx_about_sheet(w, f);
        else
            csv_about_table(out, f);
        break;
    case ATAB_N: break;
    }
}

void xlsx_allocation(Workbook *w, const AllocView *v, const RunFacts *f)
{
    for (int i = 0; i < ATAB_N; i++)
        allocation_table(w, NULL, v, f, (AllocTable)i);
}

void csv_allocation_table(FILE *out, const AllocView *v, const RunFacts *f, AllocTable t)
{
    allocation_table(NULL, out, v, f, t);
}

/* }====== */

/* ====================================================================
** {====== check
** ==================================================================== */

struct CheckSheets {
    Workbook *w;
    const EvalContext *cx;
    const SourceSet *set;
    Arena a;              /* the layout and the columns */
    Layout l;
    Tab t;
    size_t fx;            /* the first fixed column */
    int *crits;           /* the criteria, one column each, in the rule file's order */
};

enum { C_POTT, C_DELPOTT, C_BEDOMNING, C_N };

CheckSheets *xlsx_check_begin(Workbook *w, FILE *csv, const EvalContext *cx, const SourceSet *set)
{
    const Program *p = cx->prog;
    CheckSheets *c = xmalloc(sizeof *c);
    *c = (CheckSheets){.w = w, .cx = cx, .set = set};
    arena_init(&c->a);
    c->l = layout_of(&c->a, p);
    SheetColumn *fixed = arena_alloc(&c->a, (C_N + p->n_criteria + 2) * sizeof *fixed);
    fixed[C_POTT] = (SheetColumn){N_("Pott"), SHEET_TEXT, false};
    fixed[C_DELPOTT] = (SheetColumn){N_("Delpott"), SHEET_TEXT, false};
    fixed[C_BEDOMNING] = (SheetColumn){N_("Bedömning"), SHEET_TEXT, false};
    for (size_t i = 0; i < p->n_criteria; i++)
        fixed[C_N + i] = (SheetColumn){p->criteria[i].name, SHEET_TEXT, true};
    fixed[C_N + p->n_criteria] = (SheetColumn){N_("Skäl"), SHEET_WRAP, false};
    size_t n_cols;
    SheetColumn *cols = columns_of(&c->a, p, &c->l, fixed, C_N + p->n_criteria + 1, false, &n_cols);
    if (w)
        tab_sheet(&c->t, w, N_("Prövning"), cols, n_cols);
    else if (csv)
        tab_csv(&c->t, csv, cols, n_cols);
    else
        c->t = (Tab){.n_cols = n_cols};   /* nowhere */
    c->fx = 1 + c->l.n_front;
    return c;
}

void xlsx_check_row(CheckSheets *c, const Application *app, const Assessment *as)
{
    const Program *p = c->cx->prog;
    Arena a;
    arena_init(&a);
    size_t fx = c->fx, n_pots = 0;
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k) || as->eligible[k] == OUTCOME_NOT_APPLICABLE)
            continue;
        n_pots++;
        tab_row(&c->t);
        tab_front(&c->t, &a, c->cx, &c->l, app);
        tab_text(&c->t, fx + C_POTT, p->pots[k].name);
        tab_text(&c->t, fx + C_DELPOTT, sub_key(c->cx, (int)k, as->route[k]));
        tab_text(&c->t, fx + C_BEDOMNING, verdict_word(verdict_of(as->eligible[k]), VERDICT_TEXT));
        const char *why = "";
        for (size_t i = 0; i < p->n_criteria; i++) {
            const Criterion *cr = &p->criteria[i];
            const char *cell = "–";
            const Ruling *ru = as->n_rulings && eval_applies(p, cr->pot, (int)k) ? ruling_find(as, RULING_CRITERION, (int)i) : NULL;
            if (ru) {
                /* Decided by an officer: said in the cell, and why in Skäl. */
                char t[1600];
                if (ru->kind == RULING_ASSESSED)
                    cell = as->crit[i] == OUTCOME_PASS ? N_("uppfyllt (bedömt)") : N_("ej uppfyllt (bedömt)");
                else
                    cell = as->crit[i] == OUTCOME_PASS ? N_("uppfyllt (åsidosatt)") : N_("ej uppfyllt (åsidosatt)");
                why = arena_printf(&a, "%s%s%s: %s%s%s", why, why[0] ? "\n" : "", cr->name,
                                   as->crit[i] == OUTCOME_FAIL ? cr->reason : "", as->crit[i] == OUTCOME_FAIL ? " " : "",
                                   ruling_text(ru, as->crit_data[i], p, c->cx->tables, c->t.csv == NULL, t, sizeof t));
            } else if (eval_applies(p, cr->pot, (int)k)) {
                switch (as->crit[i]) {
                case OUTCOME_PASS: cell = N_("uppfyllt"); break;
                case OUTCOME_FAIL:
                    cell = N_("ej uppfyllt");
                    why = arena_printf(&a, "%s%s%s: %s", why, why[0] ? "\n" : "", cr->name, cr->reason);
                    break;
                case OUTCOME_MANUAL: cell = N_("manuell bedömning"); break;
                default: break;
                }
            }
            tab_word(&c->t, fx + C_N + i, cell);
        }
        const Ruling *ru_pot = as->n_rulings ? considers_ruling(p, as, (int)k) : NULL;
        const Ruling *ru_sub = as->n_rulings ? route_ruling(p, as, (int)k) : NULL;
        for (int w = 0; w < 2; w++) {
            const Ruling *ru = w == 0 ? ru_pot : ru_sub;
            char t[1600];
            if (ru)
                why = arena_printf(&a, "%s%s%s: %s", why, why[0] ? "\n" : "", w == 0 ? "(pott)" : "(delpott)",
                                   ruling_text(ru, ruling_data(p, as, ru), p, c->cx->tables, c->t.csv == NULL, t, sizeof t));
        }
        if (as->eligible[k] == OUTCOME_MANUAL) {
            ManualWhy *mw;
            size_t nm = manual_reasons(&a, c->cx, c->set, app, as, (int)k, &mw);
            for (size_t m = 0; m < nm; m++)
                why = arena_printf(&a, "%s%s%s: %s", why, why[0] ? "\n" : "", mw[m].criterion, mw[m].reason);
        }
        tab_text(&c->t, fx + C_N + p->n_criteria, why);
    }
    if (n_pots == 0) {
        tab_row(&c->t);
        tab_front(&c->t, &a, c->cx, &c->l, app);
        tab_word(&c->t, fx + C_BEDOMNING, N_("ingen pott gäller ansökan"));
    }
    arena_free(&a);
}

void xlsx_check_free(CheckSheets *c)
{
    tab_end(&c->t);
    arena_free(&c->a);
    free(c);
}

void xlsx_check_end(CheckSheets *c, const RunFacts *f)
{
    tab_end(&c->t);
    if (c->w) {
        xlsx_rejected_sheet(c->w, f);
        xlsx_about_sheet(c->w, f);
    }
    arena_free(&c->a);
    free(c);
}

/* }====== */
