/*
** ruling.c: the officers' assessments (ruling.h): reading the file, checking
** every row, applying them to an application's assessment, and the words
** the reports use for where an outcome came from.
*/
#include "ruling.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "assessment.h"
#include "i18n.h"
#include "output.h"
#include "status.h"
#include "text.h"
#include "xlsx.h"

static void say(InputReport report, void *ctx, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static void say(InputReport report, void *ctx, const char *fmt, ...)
{
    char buf[1400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(buf, sizeof buf, fmt, ap);
    va_end(ap);
    report(ctx, buf);
}

/* s[0..len) without blanks at either end, NFC, in `a`. */
static char *cell_text(Arena *a, const char *s, size_t len)
{
    while (len && (*s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' || (unsigned char)*s == 0xA0 ||
                   ((unsigned char)s[0] == 0xC2 && len > 1 && (unsigned char)s[1] == 0xA0))) {
        size_t k = (unsigned char)*s == 0xC2 ? 2 : 1;
        s += k;
        len -= k;
    }
    while (len && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\r' || s[len - 1] == '\n'))
        len--;
    if (len >= 2 && (unsigned char)s[len - 2] == 0xC2 && (unsigned char)s[len - 1] == 0xA0)
        len -= 2;
    char *t = text_nfc(a, s, len);
    return t ? t : arena_strndup(a, s, len);
}

/* The column that a heading names; -1 for none. */
enum { C_KEY, C_POT, C_WHAT, C_OUTCOME, C_KIND, C_BY, C_DATE, C_WHY, C_TITLE, C_CASE, C_RULE, N_COLS };
static const char *const HEADINGS[N_COLS] = {RULING_COL_KEY,  RULING_COL_POT,   RULING_COL_WHAT, RULING_COL_OUTCOME,
                                             RULING_COL_KIND, RULING_COL_BY,    RULING_COL_DATE, RULING_COL_WHY,
                                             RULING_COL_TITLE, RULING_COL_CASE, RULING_COL_RULE};
static const bool REQUIRED[N_COLS] = {true, false, true, true, false, true, true, true, false, false, false};

/* Whether two texts are the same word, case and å/ä/ö aside. */
static bool same_word(Arena *a, const char *x, const char *y)
{
    const char *fx = text_fold(a, x, strlen(x)), *fy = text_fold(a, y, strlen(y));
    return fx && fy && strcmp(fx, fy) == 0;
}

static int heading_of(Arena *a, const Program *p, const char *h)
{
    for (int c = 0; c < N_COLS; c++)
        if (same_word(a, h, HEADINGS[c]))
            return c;
    if (p->key_field >= 0 && same_word(a, h, p->fields[p->key_field].column))
        return C_KEY;
    return -1;
}

/* A date as YYYY-MM-DD that is a day of the calendar. */
static bool valid_date(const char *s)
{
    if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return false;
    for (int i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return false;
    int y = atoi(s), m = atoi(s + 5), d = atoi(s + 8);
    static const int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days[m - 1])
        return false;
    bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return !(m == 2 && d == 29 && !leap);
}

/* The outcome a cell says: uppfyllt / ej uppfyllt (and a few ways of
** writing them); -1 for none. */
static int outcome_of(Arena *a, const char *s)
{
    static const char *const pass[] = {RULING_WORD_PASS, "uppfylld", "ja", "godkänt", "godkänd"};
    static const char *const fail[] = {RULING_WORD_FAIL, "ej uppfylld", "inte uppfyllt", "inte uppfylld", "nej",
                                       "ej godkänt", "ej godkänd", "underkänt", "underkänd"};
    for (size_t i = 0; i < sizeof pass / sizeof *pass; i++)
        if (same_word(a, s, pass[i]))
            return OUTCOME_PASS;
    for (size_t i = 0; i < sizeof fail / sizeof *fail; i++)
        if (same_word(a, s, fail[i]))
            return OUTCOME_FAIL;
    return -1;
}

/* The pot named (a pot's name, or a sub-pot's "pott/nyckel" taken as its
** pot); -1 when none. */
static int pot_of(const Program *p, const char *s)
{
    int k = program_find_pot(p, s);
    if (k >= 0)
        return k;
    const char *slash = strchr(s, '/');
    if (!slash)
        return -1;
    for (size_t i = 0; i < p->n_pots; i++)
        if (strlen(p->pots[i].name) == (size_t)(slash - s) && !memcmp(p->pots[i].name, s, (size_t)(slash - s)))
            return (int)i;
    return -1;
}

/* The split pot that routes pot k's applications (k or an ancestor), or -1. */
static int split_of(const Program *p, int k)
{
    for (int q = k; q >= 0; q = p->pots[q].parent)
        if (p->pots[q].has_split)
            return q;
    return -1;
}

/* The names a Villkor cell may hold, for suggestions. */
static const char **what_names(const Program *p, Arena *a, size_t *n)
{
    const char **names = arena_alloc(a, (p->n_criteria + 2) * sizeof *names);
    size_t k = 0;
    for (size_t c = 0; c < p->n_criteria; c++)
        names[k++] = p->criteria[c].name;
    names[k++] = RULING_WORD_CONSIDERS;
    names[k++] = RULING_WORD_ROUTE;
    *n = k;
    return names;
}

static const char **pot_names(const Program *p, Arena *a)
{
    const char **names = arena_alloc(a, (p->n_pots + 1) * sizeof *names);
    for (size_t k = 0; k < p->n_pots; k++)
        names[k] = p->pots[k].name;
    return names;
}

/* A list of names for a message: "'a', 'b', 'c'". */
static const char *name_list(Arena *a, const char *const *names, size_t n)
{
    size_t len = 1;
    for (size_t i = 0; i < n; i++)
        len += strlen(names[i]) + 4;
    char *b = arena_alloc(a, len), *w = b;
    *w = 0;
    for (size_t i = 0; i < n; i++)
        w += sprintf(w, "%s'%s'", i ? ", " : "", names[i]);
    return b;
}

/* The criterion a Villkor cell names, by name or label; -1 for none. */
static int criterion_of(Arena *a, const Program *p, const char *s)
{
    for (size_t c = 0; c < p->n_criteria; c++)
        if (strcmp(p->criteria[c].name, s) == 0)
            return (int)c;
    for (size_t c = 0; c < p->n_criteria; c++)
        if (same_word(a, p->criteria[c].name, s) || (p->criteria[c].label && same_word(a, p->criteria[c].label, s)))
            return (int)c;
    return -1;
}

/* The pots a criterion applies to, for a message: those that take
** applications. */
static const char *criterion_pots(Arena *a, const Program *p, int c)
{
    const char **names = arena_alloc(a, (p->n_pots + 1) * sizeof *names);
    size_t n = 0;
    for (size_t k = 0; k < p->n_pots; k++)
        if (eval_takes_applications(p, (int)k) && eval_applies(p, p->criteria[c].pot, (int)k))
            names[n++] = p->pots[k].name;
    return name_list(a, names, n);
}

/* One row's cells, trimmed. */
typedef struct Row {
    const char *cell[N_COLS];
    size_t line;
} Row;

typedef struct Reading {
    const Program *p;
    const TableData *tables;
    Arena *a;
    RowFile *rf;
    InputReport report;
    void *ctx;
    size_t errors;
    int col[N_COLS];   /* the file's column of each, or -1 */
} Reading;

/* "PATH:ROW: kolumn 'X': " for a row's cell (a workbook: its cell). */
static const char *at_cell(Reading *rd, size_t line, int c, char *buf, size_t n)
{
    char where[600];
    rowfile_where(rd->rf, line, rd->col[c] >= 0 ? rd->col[c] : -1, where, sizeof where);
    snprintf(buf, n, _("%s: kolumn '%s'"), where, HEADINGS[c]);
    return buf;
}

static void row_error(Reading *rd, size_t line, int c, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static void row_error(Reading *rd, size_t line, int c, const char *fmt, ...)
{
    char head[800], body[1000];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(body, sizeof body, fmt, ap);
    va_end(ap);
    say(rd->report, rd->ctx, "%s: %s", at_cell(rd, line, c, head, sizeof head), body);
    rd->errors++;
}

/* Turns one row into a ruling; false after reporting each problem. */
static bool row_ruling(Reading *rd, const Row *w, Ruling *r)
{
    const Program *p = rd->p;
    Arena *a = rd->a;
    size_t before = rd->errors;
    memset(r, 0, sizeof *r);
    r->criterion = r->pot = r->route = -1;
    r->row = w->line;
    char where[600];
    rowfile_where(rd->rf, w->line, -1, where, sizeof where);
    r->where = arena_strdup(a, where);
    const char *key = w->cell[C_KEY], *pot = w->cell[C_POT], *what = w->cell[C_WHAT];
    const char *outcome = w->cell[C_OUTCOME], *kind = w->cell[C_KIND];
    r->key = key;
    r->by = w->cell[C_BY];
    r->date = w->cell[C_DATE];
    r->why = w->cell[C_WHY] ? w->cell[C_WHY] : "";
    if (!*key)
        row_error(rd, w->line, C_KEY, _("är tom; skriv ansökans %s"),
                  p->key_field >= 0 ? p->fields[p->key_field].column : _("nyckel"));
    /* What is assessed. */
    if (!*what) {
        row_error(rd, w->line, C_WHAT, _("är tom; skriv villkorets namn, '%s' eller '%s'"), RULING_WORD_CONSIDERS,
                  RULING_WORD_ROUTE);
    } else if (same_word(a, what, RULING_WORD_CONSIDERS)) {
        r->target = RULING_CONSIDERS;
    } else if (same_word(a, what, RULING_WORD_ROUTE)) {
        r->target = RULING_ROUTE;
    } else if ((r->criterion = criterion_of(a, p, what)) >= 0) {
        r->target = RULING_CRITERION;
    } else {
        size_t n;
        const char **names = what_names(p, a, &n);
        int near = text_suggest(a, what, names, n);
        if (near >= 0)
            row_error(rd, w->line, C_WHAT, _("regelfilen har inget villkor '%s'; menade du '%s'?"), what, names[near]);
        else
            row_error(rd, w->line, C_WHAT, _("regelfilen har inget villkor '%s'; den har %s, och '%s' och '%s'"), what,
                      name_list(a, names, n - 2), RULING_WORD_CONSIDERS, RULING_WORD_ROUTE);
    }
    /* The pot. */
    if (*pot) {
        r->pot = pot_of(p, pot);
        if (r->pot < 0) {
            const char **names = pot_names(p, a);
            int near = text_suggest(a, pot, names, p->n_pots);
            if (near >= 0)
                row_error(rd, w->line, C_POT, _("regelfilen har ingen pott '%s'; menade du '%s'?"), pot, names[near]);
            else
                row_error(rd, w->line, C_POT, _("regelfilen har ingen pott '%s'; den har %s"), pot,
                          name_list(a, names, p->n_pots));
        }
    }
    if (rd->errors == before) {
        if (r->target == RULING_CRITERION && r->pot >= 0) {
            bool applies = false;
            for (size_t k = 0; k < p->n_pots && !applies; k++)
                applies = eval_takes_applications(p, (int)k) && program_pot_within(p, (int)k, r->pot) &&
                          eval_applies(p, p->criteria[r->criterion].pot, (int)k);
            if (!applies)
                row_error(rd, w->line, C_POT, _("villkoret '%s' gäller inte potten '%s'; det gäller %s (lämna Pott tom: ett villkor bedöms en gång för alla potter det gäller)"),
                          p->criteria[r->criterion].name, p->pots[r->pot].name,
                          criterion_pots(a, p, r->criterion));
        } else if (r->target == RULING_CONSIDERS && r->pot < 0) {
            row_error(rd, w->line, C_POT, _("behövs för '%s': skriv den pott vars 'ansökningar där' bedöms"),
                      RULING_WORD_CONSIDERS);
        } else if (r->target == RULING_ROUTE && r->pot < 0) {
            row_error(rd, w->line, C_POT, _("behövs för '%s': skriv den pott som fördelas per delpott"),
                      RULING_WORD_ROUTE);
        } else if (r->target == RULING_CONSIDERS) {
            bool has = false;
            for (int q = r->pot; q >= 0 && !has; q = p->pots[q].parent)
                has = p->pots[q].applies != NULL;
            if (!has)
                row_error(rd, w->line, C_POT, _("potten '%s' har inget 'ansökningar där' att bedöma"),
                          p->pots[r->pot].name);
        } else if (r->target == RULING_ROUTE) {
            int q = split_of(p, r->pot);
            if (q < 0)
                row_error(rd, w->line, C_POT, _("potten '%s' fördelas inte per delpott"), p->pots[r->pot].name);
            else
                r->pot = q;
        }
    }
    /* The outcome. */
    if (r->target == RULING_ROUTE && rd->errors == before) {
        const TableData *t = &rd->tables[p->pots[r->pot].split.table];
        const char *folded = text_fold(a, outcome, strlen(outcome));
        r->route = *outcome && folded ? table_find(t, folded) : -1;
        r->outcome = OUTCOME_PASS;
        if (!*outcome) {
            row_error(rd, w->line, C_OUTCOME, _("är tom; skriv delpottens nyckel, t.ex. '%s'"),
                      t->n_rows ? t->keys[0] : "");
        } else if (r->route < 0) {
            int near = text_suggest(a, outcome, t->keys, t->n_rows);
            if (near >= 0)
                row_error(rd, w->line, C_OUTCOME, _("'%s' finns inte i datafilen '%s'; menade du '%s'?"), outcome,
                          t->decl->file, t->keys[near]);
            else
                row_error(rd, w->line, C_OUTCOME, _("'%s' finns inte i datafilen '%s'"), outcome, t->decl->file);
        }
    } else if (r->target != RULING_ROUTE) {
        int o = outcome_of(a, outcome);
        if (o < 0)
            row_error(rd, w->line, C_OUTCOME, *outcome ? _("'%s' är inget utfall; skriv '%s' eller '%s'")
                                                       : _("är tom%s; skriv '%s' eller '%s'"),
                      outcome, RULING_WORD_PASS, RULING_WORD_FAIL);
        else
            r->outcome = (Outcome)o;
    }
    /* The kind. */
    if (!kind || !*kind || same_word(a, kind, RULING_WORD_ASSESSED) || same_word(a, kind, "bedömt")) {
        r->kind = RULING_ASSESSED;
    } else if (same_word(a, kind, RULING_WORD_OVERRIDE) || same_word(a, kind, "åsidosatt") ||
               same_word(a, kind, "åsidosätt")) {
        r->kind = RULING_OVERRIDE;
    } else {
        row_error(rd, w->line, C_KIND, _("'%s' är ingen typ; skriv '%s' (det uppgifterna inte avgör) eller '%s' (ändrar det uppgifterna gav)"),
                  kind, RULING_WORD_ASSESSED, RULING_WORD_OVERRIDE);
    }
    if (!*r->by)
        row_error(rd, w->line, C_BY, _("är tom; skriv vem som bedömde"));
    if (!*r->date)
        row_error(rd, w->line, C_DATE, _("är tom; skriv när det bedömdes, t.ex. 2021-03-15"));
    else if (!valid_date(r->date))
        row_error(rd, w->line, C_DATE, _("'%s' är inget datum; skriv det som ÅÅÅÅ-MM-DD, t.ex. 2021-03-15"), r->date);
    if (r->kind == RULING_OVERRIDE && !*r->why)
        row_error(rd, w->line, C_WHY, _("är tom; ett åsidosättande måste motiveras"));
    return rd->errors == before;
}

/* Two rulings about the same thing of the same application. */
static bool same_case(const Ruling *x, const Ruling *y)
{
    if (strcmp(x->key, y->key) != 0 || x->target != y->target)
        return false;
    return x->target == RULING_CRITERION ? x->criterion == y->criterion : x->pot == y->pot;
}

static int cmp_by_app(const void *pa, const void *pb)
{
    const Ruling *x = *(const Ruling *const *)pa, *y = *(const Ruling *const *)pb;
    int c = strcmp(x->key, y->key);
    if (c)
        return c;
    return x < y ? -1 : x > y;
}

RulingSet *ruling_read(const Program *p, const TableData *tables, const char *path, Arena *a, InputReport report,
                       void *ctx, int *status, size_t *warnings)
{
    *status = STATUS_OK;
    RowFile *rf = rowfile_open(path, report, ctx, status);
    if (!rf)
        return NULL;
    Reading rd = {p, tables, a, rf, report, ctx, 0, {0}};
    CsvField *f;
    const unsigned char *kinds;
    size_t n, line;
    int got = rowfile_next(rf, &f, &kinds, &n, &line, report, ctx, warnings);
    if (got != ROWS_ROW) {
        if (got == ROWS_END)
            say(report, ctx, rowfile_sheet(rf) ? _("%s: bladet är tomt; det behöver en rubrikrad") : _("%s: filen är tom; den behöver en rubrikrad"), path);
        rowfile_close(rf);
        *status = got == ROWS_BAD ? STATUS_ASSESSMENTS : STATUS_NOINPUT;
        return NULL;
    }
    /* The header. */
    for (int c = 0; c < N_COLS; c++)
        rd.col[c] = -1;
    char **heads = arena_alloc(a, (n + 1) * sizeof *heads);
    size_t n_heads = n;
    for (size_t i = 0; i < n; i++) {
        heads[i] = cell_text(a, f[i].s, f[i].len);
        if (!*heads[i])
            continue;
        int c = heading_of(a, p, heads[i]);
        if (c < 0) {
            char where[600];
            int near = text_closest(a, heads[i], HEADINGS, N_COLS);
            if (near >= 0)
                say(report, ctx, _("%s: warning: kolumnen '%s' läses inte; menade du '%s'?"),
                    rowfile_where(rf, line, (long)i, where, sizeof where), heads[i], HEADINGS[near]);
            else
                say(report, ctx, _("%s: warning: kolumnen '%s' läses inte"),
                    rowfile_where(rf, line, (long)i, where, sizeof where), heads[i]);
            if (warnings)
                ++*warnings;
        } else if (rd.col[c] >= 0) {
            char where[600];
            say(report, ctx, _("%s: rubriken '%s' finns två gånger (kolumn %zu och %zu)"),
                rowfile_where(rf, line, (long)i, where, sizeof where), heads[i], (size_t)rd.col[c] + 1, i + 1);
            rd.errors++;
        } else {
            rd.col[c] = (int)i;
        }
    }
    const char *missing[N_COLS];
    size_t n_missing = 0;
    for (int c = 0; c < N_COLS; c++)
        if (REQUIRED[c] && rd.col[c] < 0)
            missing[n_missing++] = HEADINGS[c];
    if (n_missing || rd.errors) {
        if (n_missing)
            say(report, ctx, P_("%s: rubrikraden saknar kolumnen %s; en fil med bedömningar har kolumnerna %s",
                                "%s: rubrikraden saknar kolumnerna %s; en fil med bedömningar har kolumnerna %s", n_missing),
                path, name_list(a, missing, n_missing), name_list(a, HEADINGS, C_WHY + 1));
        rowfile_close(rf);
        *status = STATUS_HEADER;
        return NULL;
    }
    /* The rows. */
    size_t cap = 16, count = 0;
    Ruling *rs = malloc(cap * sizeof *rs);
    if (!rs)
        arena_out_of_memory(cap * sizeof *rs);
    for (;;) {
        got = rowfile_next(rf, &f, &kinds, &n, &line, report, ctx, warnings);
        if (got == ROWS_END)
            break;
        if (got == ROWS_ERROR) {
            rd.errors++;
            break;
        }
        if (got == ROWS_BAD) {
            rd.errors++;
            continue;
        }
        Row w = {.line = line};
        bool bad_cell = false;
        size_t last = n;   /* cells past the header's hold nothing, or the row is wrong */
        while (last > n_heads && !f[last - 1].len)
            last--;
        if (last > n_heads) {
            char where[600];
            say(report, ctx, _("%s: raden har %zu celler men rubrikraden %zu; en cell som innehåller ';' måste stå inom citattecken (\"…\")"),
                rowfile_where(rf, line, -1, where, sizeof where), last, n_heads);
            rd.errors++;
            continue;
        }
        for (int c = 0; c < N_COLS; c++) {
            int i = rd.col[c];
            w.cell[c] = i >= 0 && (size_t)i < n ? cell_text(a, f[i].s, f[i].len) : "";
            char why[400];
            if (i >= 0 && (size_t)i < n && rowfile_cell_why(kinds, (size_t)i, &f[i], why, sizeof why)) {
                row_error(&rd, line, c, "%s", why);
                bad_cell = true;
            }
        }
        /* A row of the template not filled in yet: said and skipped; its
        ** case stays one for manual assessment. */
        if (!bad_cell && *w.cell[C_KEY] && !*w.cell[C_OUTCOME] && !*w.cell[C_BY] && !*w.cell[C_DATE] && !*w.cell[C_WHY]) {
            char where[600];
            say(report, ctx, _("%s: warning: raden är inte ifylld (Utfall, Bedömd av, Datum och Motivering är tomma); %s förblir en fråga för manuell bedömning"),
                rowfile_where(rf, line, -1, where, sizeof where), w.cell[C_KEY]);
            if (warnings)
                ++*warnings;
            continue;
        }
        Ruling r;
        if (bad_cell || !row_ruling(&rd, &w, &r))
            continue;
        if (count == cap) {
            cap *= 2;
            Ruling *g = realloc(rs, cap * sizeof *rs);
            if (!g) {
                free(rs);
                arena_out_of_memory(cap * sizeof *rs);
            }
            rs = g;
        }
        rs[count++] = r;
    }
    rowfile_close(rf);
    RulingSet *set = arena_alloc(a, sizeof *set);
    memset(set, 0, sizeof *set);
    set->path = arena_strdup(a, path);
    if (!sha256_file(path, set->sha256))
        set->sha256[0] = 0;
    set->n = count;
    set->r = arena_alloc(a, (count + 1) * sizeof *set->r);
    if (count)
        memcpy(set->r, rs, count * sizeof *rs);
    free(rs);
    /* Grouped by application, in file order within each. The same case
    ** twice is a contradiction or a repetition: the later row is reported
    ** and left out. */
    Ruling **order = malloc((count + 1) * sizeof *order);
    if (!order)
        arena_out_of_memory((count + 1) * sizeof *order);
    for (size_t i = 0; i < count; i++)
        order[i] = &set->r[i];
    qsort(order, count, sizeof *order, cmp_by_app);
    set->by_app = arena_alloc(a, (count + 1) * sizeof *set->by_app);
    set->count = arena_alloc(a, (count + 1) * sizeof *set->count);
    size_t kept = 0;
    strmap_reserve(&set->index, a, count);
    for (size_t i = 0; i < count;) {
        size_t j = i;
        while (j < count && strcmp(order[j]->key, order[i]->key) == 0)
            j++;
        size_t first = kept;
        for (size_t x = i; x < j; x++) {
            const Ruling *r = order[x], *o = NULL;
            for (size_t y = first; y < kept && !o; y++)
                if (same_case(r, set->by_app[y]))
                    o = set->by_app[y];
            if (!o) {
                set->by_app[kept++] = r;
                continue;
            }
            order[x]->left_out = true;
            const char *what = r->target == RULING_CRITERION ? p->criteria[r->criterion].name
                             : r->target == RULING_CONSIDERS ? RULING_WORD_CONSIDERS
                                                             : RULING_WORD_ROUTE;
            char in_pot[300] = "";
            if (r->target != RULING_CRITERION)
                snprintf(in_pot, sizeof in_pot, _(" i potten '%s'"), p->pots[r->pot].name);
            if (r->outcome != o->outcome || r->route != o->route)
                say(report, ctx, _("%s: ansökan '%s' har två bedömningar av '%s'%s som säger olika: här %s, på rad %zu %s; stryk den som inte gäller"),
                    r->where, r->key, what, in_pot, ruling_outcome_text(r, p, tables), o->row,
                    ruling_outcome_text(o, p, tables));
            else
                say(report, ctx, _("%s: ansökan '%s' har redan en bedömning av '%s'%s, på rad %zu; stryk en av raderna"),
                    r->where, r->key, what, in_pot, o->row);
            rd.errors++;
        }
        set->count[first] = (uint32_t)(kept - first);
        strmap_insert(&set->index, a, set->by_app[first]->key, strlen(set->by_app[first]->key), (int32_t)first);
        i = j;
    }
    free(order);
    set->errors = rd.errors;
    if (rd.errors)
        *status = STATUS_ASSESSMENTS;
    return set;
}

const Ruling *const *ruling_of(const RulingSet *set, const char *key, uint32_t *n)
{
    *n = 0;
    if (!set || !key || !set->n)
        return NULL;
    int32_t i = strmap_find(&set->index, key, strlen(key));
    if (i < 0)
        return NULL;
    *n = set->count[i];
    return &set->by_app[i];
}

const Ruling *ruling_find(const Assessment *as, RulingTarget t, int index)
{
    for (uint32_t i = 0; i < as->n_rulings; i++) {
        const Ruling *r = as->rulings[i];
        if (r->target != t)
            continue;
        if (t == RULING_CRITERION ? r->criterion == index : r->pot == index)
            return r;
    }
    return NULL;
}

const Ruling *considers_ruling(const Program *p, const Assessment *as, int k)
{
    for (int q = k; q >= 0; q = p->pots[q].parent) {
        const Ruling *r = ruling_find(as, RULING_CONSIDERS, q);
        if (r)
            return r;
    }
    return NULL;
}

/* The route ruling for pot k (its split may be an ancestor's). */
const Ruling *route_ruling(const Program *p, const Assessment *as, int k)
{
    int q = split_of(p, k);
    return q >= 0 ? ruling_find(as, RULING_ROUTE, q) : NULL;
}

const char *ruling_outcome_text(const Ruling *r, const Program *p, const TableData *tables)
{
    if (r->target == RULING_ROUTE)
        return r->route >= 0 ? tables[p->pots[r->pot].split.table].keys[r->route] : "";
    return r->outcome == OUTCOME_PASS ? RULING_WORD_PASS : RULING_WORD_FAIL;
}

/* An outcome in words: for people in the chosen language, else in Swedish
** (CSV cells are the same in every language). */
#define W_PASS N_("uppfyllt")
#define W_FAIL N_("ej uppfyllt")
#define W_MANUAL N_("kan inte avgöras")
#define W_NA N_("gäller inte")
static const char *outcome_words(Outcome o, bool people)
{
    const char *w = o == OUTCOME_PASS ? W_PASS : o == OUTCOME_FAIL ? W_FAIL : o == OUTCOME_MANUAL ? W_MANUAL : W_NA;
    return people ? _(w) : w;
}

static const char *outcome_people(Outcome o)
{
    return outcome_words(o, true);
}

#define T_ASSESSED N_("bedömt %s av %s %s (%s)%s")
#define T_ASSESSED_ROUTE N_("bedömt till delpotten %s av %s %s (%s)%s")
#define T_OVERRIDE N_("åsidosatt till %s av %s %s (%s; uppgifterna gav: %s)%s")
#define T_OVERRIDE_ROUTE N_("åsidosatt till delpotten %s av %s %s (%s; uppgifterna gav: %s)%s")

const char *ruling_text(const Ruling *r, Outcome data, const Program *p, const TableData *tables, bool people,
                        char *buf, size_t n)
{
    bool route = r->target == RULING_ROUTE;
    const char *what = route ? ruling_outcome_text(r, p, tables) : outcome_words(r->outcome, people);
    char why[700] = "";
    if (*r->why)
        snprintf(why, sizeof why, ": %s", r->why);
    if (r->kind == RULING_ASSESSED) {
        if (route)
            snprintf(buf, n, people ? _(T_ASSESSED_ROUTE) : T_ASSESSED_ROUTE, what, r->by, r->date, r->where, why);
        else
            snprintf(buf, n, people ? _(T_ASSESSED) : T_ASSESSED, what, r->by, r->date, r->where, why);
    } else {
        const char *was = route && data == OUTCOME_PASS ? (people ? _("en annan delpott") : "en annan delpott")
                                                        : outcome_words(data, people);
        if (route)
            snprintf(buf, n, people ? _(T_OVERRIDE_ROUTE) : T_OVERRIDE_ROUTE, what, r->by, r->date, r->where, was, why);
        else
            snprintf(buf, n, people ? _(T_OVERRIDE) : T_OVERRIDE, what, r->by, r->date, r->where, was, why);
    }
    return buf;
}

const char *ruling_token(const Ruling *r)
{
    return !r ? "computed" : r->kind == RULING_ASSESSED ? "assessed" : "override";
}

const char *ruling_word(const Ruling *r)
{
    return !r ? "beräknat" : r->kind == RULING_ASSESSED ? "bedömt" : "åsidosatt";
}

Outcome ruling_data(const Program *p, const Assessment *as, const Ruling *r)
{
    Outcome data = OUTCOME_PASS;
    switch (r->target) {
    case RULING_CRITERION:
        return as->crit_data[r->criterion];
    case RULING_CONSIDERS:
        /* The pot named, or the pots below it that take applications. */
        for (size_t k = 0; k < p->n_pots; k++)
            if (program_pot_within(p, (int)k, r->pot) && eval_takes_applications(p, (int)k)) {
                if (as->considers_data[k] == OUTCOME_MANUAL)
                    data = OUTCOME_MANUAL;
                else if (as->considers_data[k] == OUTCOME_NOT_APPLICABLE && data != OUTCOME_MANUAL)
                    data = OUTCOME_FAIL;
            }
        return data;
    default:
        for (size_t k = 0; k < p->n_pots; k++)
            if (split_of(p, (int)k) == r->pot && eval_takes_applications(p, (int)k) && as->route_data[k] < 0)
                data = OUTCOME_MANUAL;
        return data;
    }
}

size_t ruling_check_app(const EvalContext *cx, const Assessment *as, bool *seen, InputReport report, void *ctx)
{
    const Program *p = cx->prog;
    size_t errors = 0;
    for (uint32_t i = 0; i < as->n_rulings; i++) {
        const Ruling *r = as->rulings[i];
        seen[r - cx->rulings->r] = true;
        Outcome data = ruling_data(p, as, r);
        const char *what = r->target == RULING_CRITERION ? p->criteria[r->criterion].name
                         : r->target == RULING_CONSIDERS ? RULING_WORD_CONSIDERS
                                                         : RULING_WORD_ROUTE;
        if (r->kind == RULING_ASSESSED && data != OUTCOME_MANUAL) {
            say(report, ctx, _("%s: '%s' för ansökan '%s' avgörs av uppgifterna (%s); en bedömning gäller bara det som inte kan avgöras: stryk raden, eller skriv Typ '%s' med en motivering"),
                r->where, what, r->key, r->target == RULING_ROUTE ? _("delpotten är känd") : outcome_people(data),
                RULING_WORD_OVERRIDE);
            errors++;
        } else if (r->kind == RULING_OVERRIDE && r->target != RULING_ROUTE && data == r->outcome) {
            say(report, ctx, _("%s: åsidosättandet av '%s' för ansökan '%s' ändrar inget: uppgifterna ger redan %s; stryk raden"),
                r->where, what, r->key, outcome_people(data));
            errors++;
        } else if (r->kind == RULING_OVERRIDE && r->target == RULING_ROUTE) {
            bool same = data != OUTCOME_MANUAL;
            for (size_t k = 0; k < p->n_pots && same; k++)
                if (split_of(p, (int)k) == r->pot && eval_takes_applications(p, (int)k))
                    same = as->route_data[k] == r->route;
            if (same) {
                say(report, ctx, _("%s: åsidosättandet av '%s' för ansökan '%s' ändrar inget: uppgifterna ger redan delpotten %s; stryk raden"),
                    r->where, what, r->key, ruling_outcome_text(r, p, cx->tables));
                errors++;
            }
        }
    }
    return errors;
}

size_t ruling_check_unseen(const RulingSet *set, const bool *seen, const char *const *keys, size_t n_keys, Arena *a,
                           InputReport report, void *ctx)
{
    size_t errors = 0;
    const char *said = NULL;
    for (size_t i = 0; i < set->n; i++) {
        if (seen[i] || set->r[i].left_out)
            continue;
        const Ruling *r = &set->r[i];
        errors++;
        if (said && strcmp(said, r->key) == 0) {
            say(report, ctx, _("%s: ingen ansökan har nyckeln '%s' (se ovan)"), r->where, r->key);
            continue;
        }
        said = r->key;
        int near = text_suggest(a, r->key, keys, n_keys);
        if (near >= 0 && keys[near])
            say(report, ctx, _("%s: kolumn '%s': ingen ansökan har nyckeln '%s'; menade du '%s'?"), r->where,
                RULING_COL_KEY, r->key, keys[near]);
        else
            say(report, ctx, _("%s: kolumn '%s': ingen ansökan har nyckeln '%s'"), r->where, RULING_COL_KEY, r->key);
    }
    return errors;
}

/* The first field that e reads and the application lacks, or -1; seen
** has a flag per field. */
static int missing_field(const Program *p, const Application *app, const Expr *e, bool *seen)
{
    memset(seen, 0, p->n_fields + 1);
    program_fields_read(e, seen);
    for (size_t f = 0; f < p->n_fields; f++)
        if (seen[f] && app->values[f].kind == VAL_MISSING)
            return (int)f;
    return -1;
}

size_t ruling_cases(const EvalContext *cx, const Application *app, const Assessment *as, RulingCase *out, size_t max)
{
    const Program *p = cx->prog;
    size_t n = 0;
    bool *crit_seen = calloc(p->n_criteria + 1, 1), *pot_seen = calloc(p->n_pots + 1, 2);
    if (!crit_seen || !pot_seen)
        arena_out_of_memory(p->n_pots + p->n_criteria + 2);
    bool *route_seen = pot_seen + p->n_pots + 1;
    bool *fields = malloc(p->n_fields + 1);
    if (!fields)
        arena_out_of_memory(p->n_fields + 1);
    for (size_t k = 0; k < p->n_pots; k++) {
        if (as->eligible[k] != OUTCOME_MANUAL)
            continue;
        /* 'ansökningar där' that the data cannot decide. */
        if (as->considers_data[k] == OUTCOME_MANUAL && !considers_ruling(p, as, (int)k)) {
            int field = -1;
            for (int q = (int)k; q >= 0 && field < 0; q = p->pots[q].parent)
                if (p->pots[q].applies)
                    field = missing_field(p, app, p->pots[q].applies, fields);
            if (!pot_seen[k]) {
                pot_seen[k] = true;
                if (n < max)
                    out[n] = (RulingCase){RULING_CONSIDERS, (int32_t)k, (int32_t)k, field};
                n++;
            }
            continue;
        }
        for (size_t c = 0; c < p->n_criteria; c++) {
            if (as->crit[c] != OUTCOME_MANUAL || !eval_applies(p, p->criteria[c].pot, (int)k) || crit_seen[c])
                continue;
            crit_seen[c] = true;
            int field = missing_field(p, app, p->criteria[c].require, fields);
            if (n < max)
                out[n] = (RulingCase){RULING_CRITERION, (int32_t)c, (int32_t)k, field};
            n++;
        }
        int q = split_of(p, (int)k);
        if (q >= 0 && as->route[k] < 0 && !route_ruling(p, as, (int)k) && !route_seen[q]) {
            route_seen[q] = true;
            if (n < max)
                out[n] = (RulingCase){RULING_ROUTE, q, (int32_t)k, p->pots[q].split.field};
            n++;
        }
    }
    free(fields);
    free(crit_seen);
    free(pot_seen);
    return n;
}

