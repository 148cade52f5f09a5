/*
** report.c: the reports of check, explain and allocate in table, CSV and
** JSON form. Words shown to policy staff are in the chosen language
** (Swedish by default, English with LANGUAGE=en; lang/i18n.h); CSV and JSON
** are read by programs and are the same bytes in every language: JSON keys
** and tokens are English, CSV headers and cells Swedish.
*/
#include "report.h"

#include <inttypes.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "apportion.h"
#include "csv.h"
#include "diag.h"
#include "format.h"
#include "grid.h"
#include "i18n.h"
#include "medel.h"
#include "output.h"
#include "ruling.h"
#include "text.h"
#include "tab.h"
#include "verdict.h"
#include "xlsxreport.h"

/* ====================================================================
** {====== small writers
** ==================================================================== */

const char *report_excel_kr(Money m, char *buf, size_t n)
{
    return tab_kr(m, buf, n);
}

static const char *kr(Money m, char *buf, size_t n)
{
    return money_format(m, buf, n);
}

/* The verdict in a CSV cell: Swedish, the same in every language. */
static const char *status_word(Outcome o)
{
    return verdict_word(verdict_of(o), VERDICT_TEXT);
}

/* The verdict for people, in the chosen language. */
static const char *status_text(Outcome o)
{
    return verdict_word(verdict_of(o), VERDICT_PEOPLE);
}

static const char *status_key(Outcome o)
{
    return verdict_word(verdict_of(o), VERDICT_TOKEN);
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

/* Appends s[0..len) to buf (n bytes) at *at, cutting at n - 1 bytes and
** keeping buf NUL-terminated, as snprintf would. */
static void append(char *buf, size_t n, size_t *at, const char *s, size_t len)
{
    if (*at + 1 >= n)
        return;
    if (len > n - 1 - *at)
        len = n - 1 - *at;
    if (len)   /* s may be NULL for an empty text */
        memcpy(buf + *at, s, len);
    *at += len;
    buf[*at] = '\0';
}

/* "målgrupp = 6..11; sökandetyp = kommun": the values of fields[0..nf) (field
** indices in schema order), written into buf (n bytes, NUL-terminated, cut
** at n - 1). Returns the length. */
static size_t deciding_into(char *buf, size_t n, const Program *p, const TableData *tables, const Application *app,
                            const int *fields, size_t nf)
{
    size_t at = 0;
    buf[0] = '\0';
    for (size_t k = 0; k < nf; k++) {
        const Field *f = &p->fields[fields[k]];
        char v[256];
        value_format(p, tables, f->type, &app->values[fields[k]], v, sizeof v);
        if (k)
            append(buf, n, &at, "; ", 2);
        append(buf, n, &at, f->name, strlen(f->name));
        append(buf, n, &at, " = ", 3);
        append(buf, n, &at, v, strlen(v));
    }
    return at;
}

/* "kommun = (saknas)": one field's value, in `a`. */
static const char *deciding_field(Arena *a, const Program *p, const TableData *tables, const Application *app, int field)
{
    char buf[400];
    deciding_into(buf, sizeof buf, p, tables, app, &field, 1);
    return arena_strdup(a, buf);
}

/* The fields expression e reads, each once, in schema order; the array lives
** in `a`, *nf gets its length. */
static int *fields_read(Arena *a, const Program *p, const Expr *e, size_t *nf)
{
    bool *seen = arena_alloc(a, (p->n_fields + 1) * sizeof *seen);
    program_fields_read(e, seen);
    int *f = arena_alloc(a, (p->n_fields + 1) * sizeof *f);
    *nf = 0;
    for (size_t i = 0; i < p->n_fields; i++)
        if (seen[i])
            f[(*nf)++] = (int)i;
    return f;
}

/* The values that decided expression e, in `a`. */
static const char *deciding(Arena *a, const Program *p, const TableData *tables, const Application *app, const Expr *e)
{
    size_t nf;
    const int *fields = fields_read(a, p, e, &nf);
    char buf[1024];
    deciding_into(buf, sizeof buf, p, tables, app, fields, nf);
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

/* The "inputs" head of a JSON report. When the applications are standard
** input not yet read to its end (check writes its head before reading) and
** patch is not NULL, their hash is written as a placeholder of 66 bytes whose
** offset in out goes into *patch, for json_patch_stdin to fill in; else
** *patch is -1. */
static void json_inputs(FILE *out, const Program *p, const SourceSet *set, const ReportStyle *o, const char *command,
                        long *patch)
{
    if (patch)
        *patch = -1;
    char hex[65];
    fprintf(out, "{\n  \"format_version\": %d,\n  \"medel\": {\"version\": ", REPORT_JSON_FORMAT_VERSION);
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
    /* Standard input was hashed as it was read (stdin_prepare). */
    const char *app_hex = strcmp(o->applications, "-") == 0 ? stdin_sha256()
                        : sha256_file(o->applications, hex) ? hex : NULL;
    if (app_hex || (patch && strcmp(o->applications, "-") == 0)) {
        fprintf(out, ",\n    {\"role\": \"applications\", \"path\": ");
        report_json_str(out, o->applications);
        fputs(", \"sha256\": ", out);
        if (!app_hex && (*patch = ftell(out)) < 0)
            fputs("null}", out);   /* out cannot be written over: the hash is not known here */
        else
            fprintf(out, "\"%s\"}", app_hex ? app_hex : "0000000000000000000000000000000000000000000000000000000000000000");
    }
    if (o->rulings && o->rulings->sha256[0]) {
        fprintf(out, ",\n    {\"role\": \"assessments\", \"path\": ");
        report_json_str(out, o->rulings->path);
        fprintf(out, ", \"sha256\": \"%s\"}", o->rulings->sha256);
    }
    fprintf(out, "\n  ],\n");
    fprintf(out, "  \"agreement\": ");
    report_json_str(out, p->name);
    fprintf(out, ",\n");
}

/* Fills in the placeholder json_inputs left at offset `at` of out (a
** temporary file until out_commit, so it can be written over) with standard
** input's hash, now that it has been read; or with null when it was not read
** to its end (the run has then failed, and the output is not kept). A write
** that fails leaves out in error, and out_commit keeps nothing. */
static void json_patch_stdin(FILE *out, long at)
{
    if (at < 0)
        return;
    const char *hex = stdin_sha256();
    char cell[67];
    if (hex)
        snprintf(cell, sizeof cell, "\"%s\"", hex);
    else
        snprintf(cell, sizeof cell, "%-66s", "null");
    long end = ftell(out);
    if (end >= 0 && fseek(out, at, SEEK_SET) == 0) {
        fwrite(cell, 1, 66, out);
        fseek(out, end, SEEK_SET);
    }
}

/* }====== */

const char *report_counts(AppCounts c, char *buf, size_t n)
{
    /* Each count is its own message, so that each gets its plural right. */
    char read[64], valid[64], rejected[64];
    snprintf(read, sizeof read, P_("%zu ansökan läst", "%zu ansökningar lästa", c.read), c.read);
    snprintf(valid, sizeof valid, P_("%zu giltig", "%zu giltiga", c.valid), c.valid);
    snprintf(rejected, sizeof rejected, P_("%zu avvisad", "%zu avvisade", c.rejected), c.rejected);
    snprintf(buf, n, "%s, %s, %s", read, valid, rejected);
    /* Warnings about the file (an unknown header cell) are counted with the rows. */
    size_t at = strlen(buf);
    if (c.warnings && at < n)
        snprintf(buf + at, n - at, P_(", %zu varning", ", %zu varningar", c.warnings), c.warnings);
    /* Rows with no value at all are no applications, but are said. */
    at = strlen(buf);
    if (c.empty && at < n)
        snprintf(buf + at, n - at, P_(", %zu tom rad hoppades över", ", %zu tomma rader hoppades över", c.empty), c.empty);
    return buf;
}

/* ====================================================================
** {====== check
** ==================================================================== */

/* The check report is assembled in this buffer and written in blocks: a
** million applications make millions of short cells, and a stdio call per
** cell cost as much as reading and evaluating them. */
enum { OUT_BLOCK = 256 * 1024 };

/* Writing to a file (f set: b holds cap bytes, written out when full)
** or into memory (f NULL: b grows, and the caller takes the bytes). */
typedef Buf OutBuf;

static void ob_str(OutBuf *o, const char *s)
{
    buf_put(o, s, strlen(s));
}

/* A CSV cell for Swedish Excel (';', formulas neutralised) and its terminator. */
static void ob_csv(OutBuf *o, const char *s, size_t len, bool last)
{
    size_t need = csv_field_max(len) + 1;
    if (!buf_room(o, need)) {
        csv_write_field(o->f, s, len, ';', true);
        fputc(last ? '\n' : ';', o->f);
        return;
    }
    char *end = csv_format_field(o->b + o->len, s, len, ';', true);
    *end++ = last ? '\n' : ';';
    o->len = (size_t)(end - o->b);
}

static void ob_json_str(OutBuf *o, const char *s)
{
    buf_put(o, "\"", 1);
    const char *run = s;
    for (; s && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80) {
            /* JSON is UTF-8: a byte that is not (a file name can hold
            ** any) is written as U+FFFD, never as itself. */
            int cp;
            size_t n = text_decode(s, strnlen(s, 4), &cp);   /* a code point is at most 4 bytes */
            if (cp >= 0) {
                s += n - 1;
                continue;
            }
            buf_put(o, run, (size_t)(s - run));
            ob_str(o, "\\ufffd");
            run = s + 1;
            continue;
        }
        if (c != '"' && c != '\\' && c >= 0x20)
            continue;
        buf_put(o, run, (size_t)(s - run));
        run = s + 1;
        char esc[8];
        if (c == '"' || c == '\\')
            snprintf(esc, sizeof esc, "\\%c", c);
        else if (c == '\n')
            snprintf(esc, sizeof esc, "\\n");
        else if (c == '\t')
            snprintf(esc, sizeof esc, "\\t");
        else
            snprintf(esc, sizeof esc, "\\u%04x", c);
        ob_str(o, esc);
    }
    if (run)
        buf_put(o, run, (size_t)(s - run));
    buf_put(o, "\"", 1);
}

void report_json_str(FILE *out, const char *s)
{
    char buf[512];
    OutBuf o = {.f = out, .b = buf, .len = 0, .cap = sizeof buf};
    ob_json_str(&o, s);
    buf_flush(&o);
}

/* What the check report needs of each criterion, worked out once. */
typedef struct CheckCriterion {
    const char *loc;        /* "rules/x.medel:51:5" */
    int *fields;            /* the fields its requirement reads */
    size_t n_fields;
    char *csv_fail;         /* "name;reason;" as CSV cells */
    char *csv_manual;       /* "name;uppgift saknas; bedöm manuellt;" */
    char *csv_loc;          /* "loc\n" */
} CheckCriterion;

/* ... and of each pot that takes applications. */
typedef struct CheckPot {
    int pot;
    int *crits;             /* the criteria that apply to it, in order */
    size_t n_crits;
    char *csv_head[4];      /* "pot;status;" per Outcome, for a pot not split by key (else NULL) */
} CheckPot;

struct Reporter {
    const Program *p;
    const TableData *tables;
    const SourceSet *set;
    ReportStyle style;   /* a copy of the caller's */
    const ReportStyle *o;   /* &style */
    FILE *out;
    Arena a;       /* the prepared parts below */
    Grid grid;
    size_t n_rows;
    OutBuf ob;     /* CSV and JSON */
    CheckCriterion *crit;
    CheckPot *pots;
    size_t n_pots;
    long stdin_patch;   /* JSON: where the applications' hash goes once read (json_inputs), or -1 */
};

/* The reason of a criterion that could not be decided: a CSV cell, the
** same in every language; the table shows it translated. */
static const char *const MANUAL_REASON = N_("uppgift saknas; bedöm manuellt");

/* The other reasons of check's lines that do not come from a criterion
** (file scope so that table_hints knows them too). A macro, not a
** variable: the format stays a literal the compiler checks. */
#define NO_SUB_POT N_("uppgift saknas: %s; ansökan kan inte föras till en delpott")
static const char *const UNDECIDED_POT = N_("uppgift saknas; det går inte att avgöra om potten gäller ansökan");
static const char *const NO_POT = N_("ingen pott gäller ansökan");

/* The CSV cells of a NULL-terminated list, each with its ';' (or, for the
** last one when `last`, the line end), as one string in the arena. */
static char *csv_cells(Arena *a, const char *const *cells, bool last)
{
    size_t need = 1;
    for (size_t i = 0; cells[i]; i++)
        need += csv_field_max(strlen(cells[i])) + 1;
    char *buf = arena_alloc(a, need), *at = buf;
    for (size_t i = 0; cells[i]; i++) {
        at = csv_format_field(at, cells[i], strlen(cells[i]), ';', true);
        *at++ = !cells[i + 1] && last ? '\n' : ';';
    }
    *at = '\0';
    return buf;
}

/* check's table streams (grid.h): it holds a look-ahead of GRID_AHEAD_ROWS
** lines (or GRID_AHEAD_BYTES of cells) and, when the report is longer,
** fixes the widths there. Here, the widths of every text the rule file
** alone decides, which the columns then get whatever the look-ahead saw:
** pot and sub-pot names, verdicts, criterion names and reasons, the
** undecided-routing reasons and rule locations. The key, the values and
** what the officers' assessments say are data: a later one wider than its
** column runs its line wider. A report that fits the look-ahead is sized
** by its own lines alone, as it always was. */
static void table_hints(Reporter *r)
{
    const Program *p = r->p;
    Grid *g = &r->grid;
    for (int st = 0; st < 4; st++)
        grid_hint_width(g, 2, grid_width(status_text((Outcome)st)));
    grid_hint_width(g, 4, grid_width(_(MANUAL_REASON)));
    grid_hint_width(g, 4, grid_width(_(NO_POT)));
    for (size_t c = 0; c < p->n_criteria; c++) {
        grid_hint_width(g, 3, grid_width(p->criteria[c].name));
        grid_hint_width(g, 4, grid_width(p->criteria[c].reason));
        grid_hint_width(g, 6, grid_width(r->crit[c].loc));
    }
    Arena scratch;
    arena_init(&scratch);
    for (size_t j = 0; j < r->n_pots; j++) {
        int k = r->pots[j].pot;
        grid_hint_width(g, 1, grid_width(p->pots[k].name));
        bool named = false;   /* pot_name names a sub-pot after the nearest split */
        for (int q = k; q >= 0; q = p->pots[q].parent) {
            /* "(pott)" heads a line of undecided routing or of an officer's
            ** assessment of it, "(delpott)" only the latter. */
            if (p->pots[q].has_split || p->pots[q].applies || r->o->rulings)
                grid_hint_width(g, 3, grid_width(_("(pott)")));
            if (p->pots[q].has_split && r->o->rulings)
                grid_hint_width(g, 3, grid_width(_("(delpott)")));
            if (p->pots[q].has_split) {
                const Split *sp = &p->pots[q].split;
                const TableData *t = &r->tables[sp->table];
                for (size_t i = 0; !named && i < t->n_rows; i++)
                    grid_hint_width(g, 1, grid_width(pot_name(&scratch, p, r->tables, k, (int32_t)i)));
                named = true;
                grid_hint_width(g, 4, grid_width(arena_printf(&scratch, _(NO_SUB_POT), p->fields[sp->field].name)));
                grid_hint_width(g, 6, grid_width(where(&scratch, r->set, sp->span)));
            }
            if (p->pots[q].applies) {
                grid_hint_width(g, 4, grid_width(_(UNDECIDED_POT)));
                grid_hint_width(g, 6, grid_width(where(&scratch, r->set, p->pots[q].applies->span)));
            }
            arena_reset(&scratch);
        }
    }
    arena_free(&scratch);
}

Reporter *report_check_begin(const Program *p, const TableData *tables, const SourceSet *set, const ReportStyle *o, FILE *out)
{
    Reporter *r = calloc(1, sizeof *r);
    if (!r)
        arena_out_of_memory(sizeof *r);
    *r = (Reporter){.p = p, .tables = tables, .set = set, .style = *o, .out = out};
    r->o = &r->style;
    arena_init(&r->a);
    r->ob = (OutBuf){.f = out, .b = xmalloc(OUT_BLOCK), .len = 0, .cap = OUT_BLOCK};
    r->crit = arena_alloc(&r->a, (p->n_criteria + 1) * sizeof *r->crit);
    for (size_t c = 0; c < p->n_criteria; c++) {
        const Criterion *cr = &p->criteria[c];
        CheckCriterion *cc = &r->crit[c];
        cc->loc = where(&r->a, set, cr->name_span);
        cc->fields = fields_read(&r->a, p, cr->require, &cc->n_fields);
        cc->csv_fail = csv_cells(&r->a, (const char *const[]){cr->name, cr->reason, NULL}, false);
        cc->csv_manual = csv_cells(&r->a, (const char *const[]){cr->name, MANUAL_REASON, NULL}, false);
        cc->csv_loc = csv_cells(&r->a, (const char *const[]){cc->loc, NULL}, true);
    }
    r->pots = arena_alloc(&r->a, (p->n_pots + 1) * sizeof *r->pots);
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k))
            continue;
        CheckPot *cp = &r->pots[r->n_pots++];
        cp->pot = (int)k;
        cp->crits = arena_alloc(&r->a, (p->n_criteria + 1) * sizeof *cp->crits);
        for (size_t c = 0; c < p->n_criteria; c++)
            if (eval_applies(p, p->criteria[c].pot, (int)k))
                cp->crits[cp->n_crits++] = (int)c;
        bool split = false;
        for (int q = (int)k; q >= 0; q = p->pots[q].parent)
            split |= p->pots[q].has_split;
        for (int st = 0; !split && st < 4; st++)
            cp->csv_head[st] = csv_cells(&r->a, (const char *const[]){p->pots[k].name, status_word((Outcome)st), NULL}, false);
    }
    switch (o->format) {
    case REPORT_TABLE:
        grid_init(&r->grid, &r->a, 7, 0);
        grid_stream(&r->grid, out, "", GRID_AHEAD_ROWS, GRID_AHEAD_BYTES);
        table_hints(r);
        grid_row(&r->grid, _("Ansökan"), _("Pott"), _("Bedömning"), _("Villkor"), _("Skäl"), _("Värden"), _("Regel"));
        break;
    case REPORT_CSV:
        fputs("\xEF\xBB\xBF", out);  /* Excel reads UTF-8 only with a BOM */
        fputs("ansökan;pott;bedömning;villkor;skäl;värden;regel\n", out);   /* not translated: programs read it */
        break;
    case REPORT_JSON:
        json_inputs(out, p, set, o, "check", &r->stdin_patch);
        fputs("  \"applications\": [", out);
        break;    case REPORT_XLSX:   /* a workbook is made by xlsxreport.c, never through a Reporter */
        break;
    }
    return r;
}

/* One line of the check report: a pot's verdict, or one of its reasons
** (`first` says whether the key, pot and verdict are shown on this line;
** csv_head, when not NULL, is the pot and verdict as CSV cells).
** For a criterion, cc and want (FAIL or MANUAL) give name, reason and rule;
** otherwise crit, reason and loc do. */
static void check_line(Reporter *r, OutBuf *o, const Application *app, const char *pot, const char *csv_head, Outcome st,
                       bool first, const Criterion *cr, const CheckCriterion *cc, Outcome want, const char *crit,
                       const char *reason, const char *vals, size_t vals_len, const char *loc)
{
    if (cr) {
        crit = cr->name;
        /* JSON keeps the criterion's own reason; "outcome" says it is undecided. */
        reason = want == OUTCOME_MANUAL && r->o->format != REPORT_JSON ? MANUAL_REASON : cr->reason;
        loc = cc->loc;
    }
    switch (r->o->format) {
    case REPORT_TABLE:
        if (cr && want == OUTCOME_MANUAL)
            reason = _(MANUAL_REASON);
        grid_row(&r->grid, first ? app->key : "", first ? pot : "", first ? status_text(st) : "", crit, reason, vals, loc);
        break;
    case REPORT_CSV:
        ob_csv(o, app->key, strlen(app->key), false);
        if (csv_head) {
            ob_str(o, csv_head);
        } else {
            ob_csv(o, pot, strlen(pot), false);
            ob_csv(o, status_word(st), strlen(status_word(st)), false);
        }
        if (cr) {
            ob_str(o, want == OUTCOME_MANUAL ? cc->csv_manual : cc->csv_fail);
            ob_csv(o, vals, vals_len, false);
            ob_str(o, cc->csv_loc);
        } else {
            ob_csv(o, crit, strlen(crit), false);
            ob_csv(o, reason, strlen(reason), false);
            ob_csv(o, vals, vals_len, false);
            ob_csv(o, loc, strlen(loc), true);
        }
        break;
    case REPORT_JSON:
        if (!crit[0])
            break;
        ob_str(o, first ? "\n        {\"criterion\": " : ",\n        {\"criterion\": ");
        ob_json_str(o, crit);
        ob_str(o, ", \"outcome\": \"");
        ob_str(o, want == OUTCOME_FAIL ? "failed" : "manual");
        ob_str(o, "\", \"reason\": ");
        ob_json_str(o, reason);
        ob_str(o, ", \"values\": ");
        ob_json_str(o, vals);
        ob_str(o, ", \"rule\": ");
        ob_json_str(o, loc);
        buf_put(o, "}", 1);
        break;    case REPORT_XLSX:
        break;
    }
}

/* The officers' assessment r as a JSON object: who, when, why, where, and
** what the data alone gave. */
static void ruling_json(OutBuf *o, const Ruling *r, Outcome data, const Program *p, const TableData *tables)
{
    ob_str(o, "{\"by\": ");
    ob_json_str(o, r->by);
    ob_str(o, ", \"date\": ");
    ob_json_str(o, r->date);
    ob_str(o, ", \"justification\": ");
    ob_json_str(o, r->why);
    ob_str(o, ", \"at\": ");
    ob_json_str(o, r->where);
    ob_str(o, ", \"outcome\": ");
    ob_json_str(o, ruling_outcome_text(r, p, tables));
    ob_str(o, ", \"data_outcome\": \"");
    ob_str(o, data == OUTCOME_PASS ? "passed" : data == OUTCOME_FAIL ? "failed" : data == OUTCOME_MANUAL ? "manual"
                                                                                                  : "not_applicable");
    ob_str(o, "\"}");
}

/* A line for an outcome the officers' assessments decided (ru): the
** criterion's name (or "(pott)", "(delpott)"), where it came from as the
** reason (after the rule's own reason when it fails), and the assessment's
** row as the rule. */
static void ruled_line(Reporter *r, OutBuf *o, const Application *app, const char *pot, const char *csv_head, Outcome st,
                       bool first, const Ruling *ru, Outcome data, const char *crit, const char *fail_reason,
                       const char *vals, size_t vals_len, const char *rule)
{
    bool people = r->o->format == REPORT_TABLE;
    char text[1600], reason[2400];
    ruling_text(ru, data, r->p, r->tables, people, text, sizeof text);
    if (fail_reason && ru->outcome == OUTCOME_FAIL)
        snprintf(reason, sizeof reason, "%s (%s)", fail_reason, text);
    else
        snprintf(reason, sizeof reason, "%s", text);
    switch (r->o->format) {
    case REPORT_TABLE:
        grid_row(&r->grid, first ? app->key : "", first ? pot : "", first ? status_text(st) : "", crit, reason, vals,
                 ru->where);
        break;
    case REPORT_CSV:
        ob_csv(o, app->key, strlen(app->key), false);
        if (csv_head) {
            ob_str(o, csv_head);
        } else {
            ob_csv(o, pot, strlen(pot), false);
            ob_csv(o, status_word(st), strlen(status_word(st)), false);
        }
        ob_csv(o, crit, strlen(crit), false);
        ob_csv(o, reason, strlen(reason), false);
        ob_csv(o, vals, vals_len, false);
        ob_csv(o, ru->where, strlen(ru->where), true);
        break;
    case REPORT_JSON: {
        ob_str(o, first ? "\n        {\"criterion\": " : ",\n        {\"criterion\": ");
        ob_json_str(o, crit);
        ob_str(o, ", \"outcome\": \"");
        ob_str(o, ru->outcome == OUTCOME_FAIL ? "failed" : "passed");
        ob_str(o, "\", \"reason\": ");
        ob_json_str(o, fail_reason ? fail_reason : "");
        ob_str(o, ", \"values\": ");
        ob_json_str(o, vals);
        ob_str(o, ", \"rule\": ");
        ob_json_str(o, rule);
        ob_str(o, ", \"source\": \"");
        ob_str(o, ruling_token(ru));
        ob_str(o, "\", \"assessment\": ");
        ruling_json(o, ru, data, r->p, r->tables);
        buf_put(o, "}", 1);
        break;
    }
    case REPORT_XLSX:
        break;
    }
}

/* Why an application that passes every criterion still needs a person: its
** sub-pot or the pot's 'ansökningar där' could not be decided. */
/* *what is for people (translated) in the table, and the same Swedish in
** every language in CSV and JSON. */
static bool undecided_routing(Reporter *r, Arena *a, const Application *app, const Assessment *as, int k, const char **what,
                              const char **vals, const char **loc)
{
    bool people = r->o->format == REPORT_TABLE;
    const Program *p = r->p;
    for (int q = k; q >= 0; q = p->pots[q].parent) {
        if (p->pots[q].has_split && as->route[k] < 0) {
            const Split *sp = &p->pots[q].split;
            *what = arena_printf(a, people ? _(NO_SUB_POT) : NO_SUB_POT, p->fields[sp->field].name);
            *vals = arena_printf(a, "%s = (saknas)", p->fields[sp->field].name);
            *loc = where(a, r->set, sp->span);
            return true;
        }
        if (p->pots[q].applies) {
            const char *v = deciding(a, p, r->tables, app, p->pots[q].applies);
            if (strstr(v, "(saknas)")) {
                *what = people ? _(UNDECIDED_POT) : UNDECIDED_POT;
                *vals = v;
                *loc = where(a, r->set, p->pots[q].applies->span);
                return true;
            }
        }
    }
    return false;
}

/* The lines of one application into o. Touches nothing of r but what
** report_check_begin prepared, except for the table format (its grid). */
static void check_row(Reporter *r, OutBuf *o, const Application *app, const Assessment *as)
{
    const Program *p = r->p;
    bool table = r->o->format == REPORT_TABLE;
    bool json = r->o->format == REPORT_JSON;
    Arena scratch;
    arena_init(&scratch);   /* allocates only for split pots and undecided routing */
    Arena *a = &scratch;   /* the grid copies what it keeps */
    char num[32];
    if (json) {
        ob_str(o, r->n_rows ? ",\n    {\"key\": " : "\n    {\"key\": ");
        ob_json_str(o, app->key);
        snprintf(num, sizeof num, "%zu", app->record);
        ob_str(o, ", \"record\": ");
        ob_str(o, num);
        ob_str(o, ", \"pots\": [");
    }
    size_t n_pots = 0;
    for (size_t j = 0; j < r->n_pots; j++) {
        const CheckPot *cp = &r->pots[j];
        int k = cp->pot;
        /* A pot that does not consider the application is left out. */
        if (as->eligible[k] == OUTCOME_NOT_APPLICABLE)
            continue;
        const char *pot = pot_name(a, p, r->tables, k, as->route[k]);
        Outcome st = as->eligible[k];
        const char *head = cp->csv_head[st];
        if (json) {
            ob_str(o, n_pots ? ",\n      {\"pot\": " : "\n      {\"pot\": ");
            ob_json_str(o, pot);
            ob_str(o, ", \"status\": \"");
            ob_str(o, status_key(st));
            ob_str(o, "\", \"criteria\": [");
        }
        bool any = false;
        /* Failed criteria first, then those that need a person's judgement. */
        for (int pass = 0; pass < 2; pass++) {
            Outcome want = pass == 0 ? OUTCOME_FAIL : OUTCOME_MANUAL;
            for (size_t i = 0; i < cp->n_crits; i++) {
                int c = cp->crits[i];
                if (as->crit[c] != want || (as->n_rulings && ruling_find(as, RULING_CRITERION, c)))
                    continue;
                const CheckCriterion *cc = &r->crit[c];
                char vals[1024];
                size_t vl = deciding_into(vals, sizeof vals, p, r->tables, app, cc->fields, cc->n_fields);
                check_line(r, o, app, pot, head, st, !any, &p->criteria[c], cc, want, NULL, NULL, vals, vl, NULL);
                any = true;
            }
        }
        /* What the officers' assessments decided in this pot. */
        for (size_t i = 0; i < cp->n_crits && as->n_rulings; i++) {
            int c = cp->crits[i];
            const Ruling *ru = ruling_find(as, RULING_CRITERION, c);
            if (!ru)
                continue;
            const CheckCriterion *cc = &r->crit[c];
            char vals[1024];
            size_t vl = deciding_into(vals, sizeof vals, p, r->tables, app, cc->fields, cc->n_fields);
            ruled_line(r, o, app, pot, head, st, !any, ru, as->crit_data[c], p->criteria[c].name, p->criteria[c].reason,
                       vals, vl, cc->loc);
            any = true;
        }
        const Ruling *ru_pot = as->n_rulings ? considers_ruling(p, as, k) : NULL;
        const Ruling *ru_sub = as->n_rulings ? route_ruling(p, as, k) : NULL;
        for (int w = 0; w < 2; w++) {
            const Ruling *ru = w == 0 ? ru_pot : ru_sub;
            if (!ru)
                continue;
            const char *vals = "", *loc = "";
            if (w == 0 && p->pots[ru->pot].applies) {
                vals = deciding(a, p, r->tables, app, p->pots[ru->pot].applies);
                loc = where(a, r->set, p->pots[ru->pot].applies->span);
            } else if (w == 1) {
                const Split *sp = &p->pots[ru->pot].split;
                vals = deciding_field(a, p, r->tables, app, sp->field);
                loc = where(a, r->set, sp->span);
            }
            const char *name = w == 0 ? (table ? _("(pott)") : "(pott)") : (table ? _("(delpott)") : "(delpott)");
            ruled_line(r, o, app, pot, head, st, !any, ru, ruling_data(p, as, ru), name, NULL, vals, strlen(vals), loc);
            any = true;
        }
        const char *what, *vals, *loc;
        if (!any && st == OUTCOME_MANUAL && undecided_routing(r, a, app, as, k, &what, &vals, &loc)) {
            check_line(r, o, app, pot, head, st, true, NULL, NULL, OUTCOME_MANUAL, table ? _("(pott)") : "(pott)", what, vals,
                       strlen(vals), loc);
            any = true;
        }
        if (!any && !json)
            check_line(r, o, app, pot, head, st, true, NULL, NULL, OUTCOME_PASS, "", "", "", 0, "");
        if (json)
            ob_str(o, any ? "\n      ]}" : "]}");
        n_pots++;
    }
    if (n_pots == 0 && !json)
        check_line(r, o, app, "", NULL, OUTCOME_NOT_APPLICABLE, true, NULL, NULL, OUTCOME_PASS, "", table ? _(NO_POT) : NO_POT,
                   "", 0, "");
    if (json)
        ob_str(o, n_pots ? "\n    ]}" : "]}");
    arena_free(&scratch);
}

void report_check_row(Reporter *r, const Application *app, const Assessment *as)
{
    check_row(r, &r->ob, app, as);
    r->n_rows++;
}

bool report_check_rows_apart(const Reporter *r)
{
    return r->o->format == REPORT_CSV;
}

void report_check_row_into(Reporter *r, Buf *b, const Application *app, const Assessment *as)
{
    check_row(r, b, app, as);
}

void report_check_write(Reporter *r, const char *bytes, size_t n, size_t rows)
{
    buf_put(&r->ob, bytes, n);
    r->n_rows += rows;
}

void report_check_end(Reporter *r, AppCounts c)
{
    buf_flush(&r->ob);
    switch (r->o->format) {
    case REPORT_TABLE:
        grid_end(&r->grid);
        char cb[160];
        fprintf(r->out, "\n%s\n", report_counts(c, cb, sizeof cb));
        break;
    case REPORT_CSV:
        break;
    case REPORT_JSON:
        fprintf(r->out, "%s],\n  \"summary\": {\"read\": %zu, \"valid\": %zu, \"rejected\": %zu", r->n_rows ? "\n  " : "",
                c.read, c.valid, c.rejected);
        if (c.empty)   /* only when rows were skipped, so that other documents stay as they were */
            fprintf(r->out, ", \"empty\": %zu", c.empty);
        fputs("}\n}\n", r->out);
        json_patch_stdin(r->out, r->stdin_patch);
        break;    case REPORT_XLSX:
        break;
    }
    free(r->ob.b);
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

static const char *grant_text(GrantStatus s);
static const char *manual_list(Arena *a, const EvalContext *cx, const SourceSet *set, const Application *app,
                               const Assessment *as, int k);

/* ---- how a grant's amount came about ---- */

__extension__ typedef __int128 i128;

/* msgid in the chosen language when tr, else as it is (Swedish): the table
** speaks to people, the JSON is the same bytes in every language. */
static const char *tr_msg(bool tr, const char *msgid) __attribute__((format_arg(2)));
static const char *tr_msg(bool tr, const char *msgid)
{
    return tr ? _(msgid) : msgid;
}

/* An amount without its " kr": "819 377", as a factor in a formula. */
static const char *kr_bare(Arena *a, Money m)
{
    char b[48];
    kr(m, b, sizeof b);
    size_t n = strlen(b);
    if (n > 3 && !strcmp(b + n - 3, " kr"))
        b[n - 3] = '\0';
    return arena_strdup(a, b);
}

/* "hela kronor", "hela öre", "jämna 1 000 kr": grants in multiples of unit. */
static const char *unit_text(Arena *a, bool tr, Money unit)
{
    if (unit <= 1)
        return tr_msg(tr, N_("hela öre"));
    if (unit == 100)
        return tr_msg(tr, N_("hela kronor"));
    char b[48];
    return arena_printf(a, tr_msg(tr, N_("jämna %s")), kr(unit, b, sizeof b));
}

/* The (sub-)pot's result of grant gr, or NULL. */
static const PotResult *grant_pot(const Allocation *al, const Grant *gr)
{
    for (size_t i = 0; i < al->n_pots; i++)
        if (al->pots[i].pot == gr->pot && al->pots[i].sub == gr->sub)
            return &al->pots[i];
    return NULL;
}

/* The applicant's text under the cap per applicant of pot p (the value of
** its field), in `a`; NULL when the field is missing. */
static const char *applicant_of(Arena *a, const Program *p, const TableData *tables, const Pot *pt, const Application *app)
{
    if (pt->cap_field < 0 || app->values[pt->cap_field].kind == VAL_MISSING)
        return NULL;
    char b[256];
    return arena_strdup(a, value_format(p, tables, p->fields[pt->cap_field].type, &app->values[pt->cap_field], b, sizeof b));
}

/* What the caps did to app's request in grant gr: "taket är 2 000 000 kr
** per ansökan", joined by "; " when both caps cut it; "" when none did. In
** `a`. */
static const char *cap_text(Arena *a, bool tr, const Program *p, const TableData *tables, const Application *app,
                            const Assessment *as, const Grant *gr)
{
    const Pot *pt = &p->pots[gr->pot];
    char b1[48], b2[48], b3[48];
    const char *s = "";
    if (!gr->capped)
        return s;
    Money req = as->requested >= 0 ? as->requested : gr->wanted;
    Money w = req;
    if (pt->cap_per_application > 0 && req > pt->cap_per_application) {
        s = arena_printf(a, tr_msg(tr, N_("taket är %s per ansökan")), kr(pt->cap_per_application, b1, sizeof b1));
        w = pt->cap_per_application;
    }
    if (pt->cap_per_applicant > 0 && w > gr->wanted) {
        const char *who = applicant_of(a, p, tables, pt, app);
        const char *field = pt->cap_field >= 0 ? p->fields[pt->cap_field].name : "";
        const char *c;
        if (gr->applicant_used == 0)   /* its own request passes the cap */
            c = arena_printf(a, tr_msg(tr, N_("taket är %s per %s")), kr(pt->cap_per_applicant, b1, sizeof b1), field);
        else if (pt->policy == POLICY_PRO_RATA)
            /* TRANSLATORS: "taket är 400 000 kr per sökande och Mottagningen AB söker redan 200 000 kr i potten
               med ansökningar före denna, så 200 000 kr återstår" */
            c = arena_printf(a, tr_msg(tr, N_("taket är %s per %s och %s söker redan %s i potten med ansökningar före denna, "
                                              "så %s återstår")),
                             kr(pt->cap_per_applicant, b1, sizeof b1), field, who ? who : "?", kr(gr->applicant_used, b2, sizeof b2),
                             kr(gr->wanted, b3, sizeof b3));
        else
            /* TRANSLATORS: "taket är 400 000 kr per sökande och Mottagningen AB har redan fått 200 000 kr ur potten,
               så 200 000 kr återstår" */
            c = arena_printf(a, tr_msg(tr, N_("taket är %s per %s och %s har redan fått %s ur potten, så %s återstår")),
                             kr(pt->cap_per_applicant, b1, sizeof b1), field, who ? who : "?", kr(gr->applicant_used, b2, sizeof b2),
                             kr(gr->wanted, b3, sizeof b3));
        s = s[0] ? arena_printf(a, "%s; %s", s, c) : c;
    }
    return s;
}

/* The lines that say how grant gr (of application app) came about, with
** the numbers that made it: the pot's money when its turn came, what was
** left, the pro-rata share and its rounding, the minimum grant. Up to 8
** lines into lines[]; returns how many. Texts in `a`; tr: in the chosen
** language, else in Swedish. */
static size_t grant_basis(Arena *a, bool tr, const Program *p, const TableData *tables, const Application *app,
                          const Allocation *al, const Grant *gr, const char **lines)
{
    const Pot *pt = &p->pots[gr->pot];
    const PotResult *pr = grant_pot(al, gr);
    const char *pot = pot_name(a, p, tables, gr->pot, gr->sub);
    const char *rank = arena_printf(a, "%" PRIu32, gr->rank);
    bool en = format_program_english(p);
    Money min = pt->min_grant > 1 ? pt->min_grant : 1;
    char b1[48], b2[48], b3[48];
    size_t n = 0;
    if (gr->status == GRANT_PAYOUT || !pr)
        return 0;
    if (gr->status == GRANT_NO_ROUTE) {
        int q = gr->pot;
        while (q >= 0 && !p->pots[q].has_split)
            q = p->pots[q].parent;
        if (q >= 0) {
            int f = p->pots[q].split.field;
            char v[256];
            value_format(p, tables, p->fields[f].type, &app->values[f], v, sizeof v);
            lines[n++] = arena_printf(a, tr_msg(tr, N_("ingen delpott: %s = %s pekar inte ut någon av delpotterna i %s")),
                                      p->fields[f].name, v, p->pots[q].name);
        }
        return n;
    }
    /* Below the minimum before any money is looked at. */
    if (gr->status == GRANT_BELOW_MINIMUM && gr->wanted < min) {
        if (pt->min_grant > 0)
            lines[n++] = arena_printf(a, tr_msg(tr, N_("ansökan kan få %s, mindre än lägsta bidraget %s i potten %s")),
                                      kr(gr->wanted, b1, sizeof b1), kr(pt->min_grant, b2, sizeof b2), pot);
        else
            lines[n++] = arena_printf(a, tr_msg(tr, N_("ansökan kan inte få något ur potten %s (0 kr)")), pot);
        return n;
    }
    if (pt->policy == POLICY_PRO_RATA) {
        /* What the pot holds: its amount and what other pots moved to it
        ** ('kvar flyttas till', a second round). */
        Money A = pr->amount + pr->moved_in, C = pr->shared_over;
        if (C <= A) {
            lines[n++] = arena_printf(a, tr_msg(tr, N_("potten %s har %s; stödberättigade ansökningar i den söker %s, som ryms: "
                                                       "var och en får hela sitt belopp")),
                                      pot, kr(A, b1, sizeof b1), kr(C, b2, sizeof b2));
            return n;
        }
        lines[n++] = arena_printf(a, tr_msg(tr, N_("potten %s har %s; stödberättigade ansökningar i den söker %s; var och en "
                                                   "får sin andel")),
                                  pot, kr(A, b1, sizeof b1), kr(C, b2, sizeof b2));
        Money unit = pt->grant_unit > 1 ? pt->grant_unit : 1;
        Money B = A - A % unit;   /* what is shared: whole units (apportion.h) */
        if (B != A)
            lines[n++] = arena_printf(a, tr_msg(tr, N_("i %s delas %s ut; %s blir kvar i potten")), unit_text(a, tr, unit),
                                      kr(B, b1, sizeof b1), kr(A - B, b2, sizeof b2));
        /* The exact share, to the nearest öre ("≈" when not exact). */
        i128 prod = (i128)gr->wanted * B;
        Money exact = (Money)((prod + C / 2) / C);
        bool whole = prod % C == 0;
        lines[n++] = arena_printf(a, tr_msg(tr, N_("andelen: %s × %s / %s %s %s")), kr(gr->wanted, b1, sizeof b1),
                                  kr_bare(a, B), kr_bare(a, C), whole ? "=" : "≈", kr(exact, b2, sizeof b2));
        if (gr->status == GRANT_BELOW_MINIMUM)
            lines[n++] = arena_printf(a, tr_msg(tr, N_("andelen är mindre än lägsta bidraget %s och betalas inte ut; "
                                                       "den blir kvar i potten")),
                                      kr(pt->min_grant, b1, sizeof b1));
        else
            /* TRANSLATORS: "avrundat till hela kronor (största rest): 491 626 kr" */
            lines[n++] = arena_printf(a, tr_msg(tr, N_("avrundat till %s (största rest): %s")), unit_text(a, tr, unit),
                                      kr(gr->amount, b1, sizeof b1));
        return n;
    }
    /* rangordning */
    const char *last = pt->last == LAST_PARTIAL ? "delvis" : pt->last == LAST_STOP ? "stopp" : "hoppa_över";
    const char *sista = arena_printf(a, "%s %s", format_word("sista", en), format_word(last, en));
    switch (gr->status) {
    case GRANT_FULL:
        lines[n++] = arena_printf(a, tr_msg(tr, N_("när ansökan stod på tur (rang %s) fanns %s kvar i potten %s; %s ryms")),
                                  rank, kr(gr->left, b1, sizeof b1), pot, kr(gr->wanted, b2, sizeof b2));
        break;
    case GRANT_PARTIAL:
    case GRANT_BELOW_MINIMUM: {
        /* delvis: what was left, rounded down to the pot's unit. */
        Money unit = pt->grant_unit > 1 ? pt->grant_unit : 1;
        Money part = gr->left - gr->left % unit;
        lines[n++] = arena_printf(a, tr_msg(tr, N_("när ansökan stod på tur (rang %s) fanns %s kvar i potten %s, mindre "
                                                   "än %s; med %s får den det som är kvar")),
                                  rank, kr(gr->left, b1, sizeof b1), pot, kr(gr->wanted, b2, sizeof b2), sista);
        if (part != gr->left)
            lines[n++] = arena_printf(a, tr_msg(tr, N_("avrundat nedåt till %s: %s; %s blir kvar i potten")),
                                      unit_text(a, tr, unit), kr(part, b1, sizeof b1), kr(gr->left - part, b2, sizeof b2));
        if (gr->status == GRANT_BELOW_MINIMUM)
            lines[n++] = pt->min_grant > 0
                             ? arena_printf(a, tr_msg(tr, N_("%s är mindre än lägsta bidraget %s, så inget beviljas; potten "
                                                             "delar inte ut mer")),
                                            kr(part, b1, sizeof b1), kr(pt->min_grant, b2, sizeof b2))
                             : tr_msg(tr, N_("det blir 0 kr, så inget beviljas; potten delar inte ut mer"));
        break;
    }
    case GRANT_NOT_REACHED:
        if (gr->stopped)
            lines[n++] = arena_printf(a, tr_msg(tr, N_("potten %s delade inte ut mer efter en tidigare ansökan som inte "
                                                       "rymdes (%s); när ansökan stod på tur (rang %s) fanns %s kvar")),
                                      pot, sista, rank, kr(gr->left, b1, sizeof b1));
        else if (gr->left == 0)
            lines[n++] = arena_printf(a, tr_msg(tr, N_("medlen räckte inte: när ansökan stod på tur (rang %s) var potten %s "
                                                       "tom")),
                                      rank, pot);
        else
            lines[n++] = arena_printf(a, tr_msg(tr, N_("medlen räckte inte: när ansökan stod på tur (rang %s) fanns %s kvar "
                                                       "i potten %s, mindre än de %s den kan få")),
                                      rank, kr(gr->left, b1, sizeof b1), pot, kr(gr->wanted, b2, sizeof b2));
        if (!gr->stopped && gr->left > 0)
            lines[n++] = pt->last == LAST_STOP
                             ? arena_printf(a, tr_msg(tr, N_("med %s delar potten inte ut mer")), sista)
                             : arena_printf(a, tr_msg(tr, N_("med %s hoppar potten över den och prövar nästa")), sista);
        break;
    default: break;
    }
    (void)b3;
    return n;
}

void report_explain(const Program *p, const TableData *tables, const SourceSet *set, const EvalContext *cx,
                    const ReportStyle *o, const Application *app, const Assessment *as, int32_t index,
                    const Allocation *al, FILE *out)
{
    Arena a;
    arena_init(&a);
    char v[512];
    if (app->line)
        fprintf(out, _("Ansökan %s (post %zu, rad %zu i %s)\n"), app->key, app->record, app->line, o->applications);
    else
        fprintf(out, _("Ansökan %s (post %zu i %s)\n"), app->key, app->record, o->applications);
    Grid g;
    grid_init(&g, &a, 2, 0);
    for (size_t i = 0; i < p->n_fields; i++)
        grid_row(&g, p->fields[i].name, value_format(p, tables, p->fields[i].type, &app->values[i], v, sizeof v));
    grid_print(&g, out, "  ");
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k))
            continue;
        fprintf(out, _("\nPott %s (%s)\n"), pot_path(&a, p, (int)k), where(&a, set, p->pots[k].name_span));
        /* 'ansökningar där': a pot that does not consider the application. */
        bool considered = true;
        for (int q = (int)k; q >= 0 && considered; q = p->pots[q].parent) {
            const Expr *e = p->pots[q].applies;
            if (!e)
                continue;
            const char *vals = deciding(&a, p, tables, app, e);
            /* 'ansökningar där' is the rule file's own text, in its language. */
            bool en = format_program_english(p);
            fprintf(out, "  %s %s %s (%s)\n", format_word("ansökningar", en), format_word("där", en),
                    format_expr_text(&a, e, set, en), where(&a, set, e->span));
            if (vals[0])
                fprintf(out, "    %s\n", vals);
            const Ruling *ru = q == (int)k && as->n_rulings ? considers_ruling(p, as, (int)k) : NULL;
            if (ru) {
                char t[1600];
                fprintf(out, "    %s\n", ruling_text(ru, ruling_data(p, as, ru), p, tables, true, t, sizeof t));
            }
            if (as->eligible[k] == OUTCOME_NOT_APPLICABLE) {
                fputs(_("    gäller inte denna ansökan: potten prövar den inte\n"), out);
                considered = false;
            }
        }
        if (!considered)
            continue;
        for (int q = (int)k; q >= 0; q = p->pots[q].parent) {
            if (!p->pots[q].has_split)
                continue;
            const Split *s = &p->pots[q].split;
            const Ruling *ru = as->n_rulings ? route_ruling(p, as, (int)k) : NULL;
            char t[1600];
            if (ru)
                fprintf(out, _("  delpott %s (%s): %s\n"), tables[s->table].keys[as->route[k]], where(&a, set, s->span),
                        ruling_text(ru, ruling_data(p, as, ru), p, tables, true, t, sizeof t));
            else if (as->route[k] >= 0)
                fprintf(out, _("  delpott %s, eftersom %s = %s (%s)\n"), tables[s->table].keys[as->route[k]], p->fields[s->field].name,
                        tables[s->table].keys[as->route[k]], where(&a, set, s->span));
            else
                fprintf(out, _("  ingen delpott: %s saknas (%s)\n"), p->fields[s->field].name, where(&a, set, s->span));
            break;
        }
        for (size_t c = 0; c < p->n_criteria; c++) {
            const Criterion *cr = &p->criteria[c];
            if (!eval_applies(p, cr->pot, (int)k))
                continue;
            fprintf(out, _("  villkor %s (%s)\n"), cr->name, where(&a, set, cr->name_span));
            /* 'krav' and what follows are the rule file's own text. */
            bool en = format_program_english(p);
            fprintf(out, "    %s %s\n", format_word("krav", en), format_expr_text(&a, cr->require, set, en));
            const char *vals = deciding(&a, p, tables, app, cr->require);
            if (vals[0])
                fprintf(out, "    %s\n", vals);
            const Ruling *ru = as->n_rulings ? ruling_find(as, RULING_CRITERION, (int)c) : NULL;
            if (ru) {
                /* What the data gave, then what the officer decided. */
                char t[1600];
                switch (as->crit_data[c]) {
                case OUTCOME_PASS: fputs(_("    enligt uppgifterna: uppfyllt\n"), out); break;
                case OUTCOME_FAIL: fputs(_("    enligt uppgifterna: ej uppfyllt\n"), out); break;
                default: fputs(_("    enligt uppgifterna: kan inte avgöras, en uppgift saknas\n"), out); break;
                }
                fprintf(out, "    %s\n", ruling_text(ru, as->crit_data[c], p, tables, true, t, sizeof t));
                if (as->crit[c] == OUTCOME_FAIL)
                    fprintf(out, _("    ej uppfyllt: %s\n"), cr->reason);
                continue;
            }
            switch (as->crit[c]) {
            case OUTCOME_PASS: fputs(_("    uppfyllt\n"), out); break;
            /* The reason is the rule file's 'skäl', in the file's language. */
            case OUTCOME_FAIL: fprintf(out, _("    ej uppfyllt: %s\n"), cr->reason); break;
            default: fputs(_("    kan inte avgöras: en uppgift saknas; bedöm manuellt\n"), out); break;
            }
        }
        for (size_t i = 0; i < p->n_priorities; i++) {
            const Priority *pr = &p->priorities[i];
            if (!eval_applies(p, pr->pot, (int)k))
                continue;
            fprintf(out, _("  prioritet %s (%s): poäng %s\n"), pr->name, where(&a, set, pr->name_span),
                    arena_printf(&a, "%" PRId64, as->prio[i]));
        }
        if (as->eligible[k] == OUTCOME_PASS && p->n_priorities)
            fprintf(out, _("  bedömning: %s, poäng %s\n"), status_text(as->eligible[k]), arena_printf(&a, "%" PRId64, as->score[k]));
        else
            fprintf(out, _("  bedömning: %s\n"), status_text(as->eligible[k]));
    }
    /* What the allocation of all applications gave this one. */
    fputs(_("\nTilldelning\n"), out);
    bool any = false;
    char b1[48], b2[48];
    for (size_t i = 0; i < al->n_grants; i++) {
        const Grant *gr = &al->grants[i];
        if (gr->app != index)
            continue;
        /* "av" the request as made, as "sökt" in allocate's reports; what a
        ** cap left of it said apart. */
        fprintf(out, _("  %s: %s, rang %s, beviljat %s av sökta %s"), pot_name(&a, p, tables, gr->pot, gr->sub),
                grant_text(gr->status), arena_printf(&a, "%" PRIu32, gr->rank), kr(gr->amount, b1, sizeof b1),
                kr(as->requested >= 0 ? as->requested : gr->wanted, b2, sizeof b2));
        /* What cut the request, then how the amount came about. */
        const char *caps = cap_text(&a, true, p, tables, app, as, gr);
        if (caps[0])
            fprintf(out, ": %s", caps);
        fputc('\n', out);
        const char *lines[8];
        size_t nl = grant_basis(&a, true, p, tables, app, al, gr, lines);
        for (size_t l = 0; l < nl; l++)
            fprintf(out, "    %s\n", lines[l]);
        any = true;
    }
    bool manual = false;
    for (size_t k = 0; k < p->n_pots; k++)
        manual |= eval_takes_applications(p, (int)k) && as->eligible[k] == OUTCOME_MANUAL;
    if (!any)
        fputs(manual ? _("  deltar inte ännu: kräver manuell bedömning först\n")
                     : _("  deltar inte: ingen pott den är stödberättigad till\n"), out);
    /* What a person must assess, pot by pot, as allocate lists it. */
    for (size_t k = 0; !any && k < p->n_pots; k++)
        if (eval_takes_applications(p, (int)k) && as->eligible[k] == OUTCOME_MANUAL)
            fprintf(out, "    %s: %s\n", p->pots[k].name, manual_list(&a, cx, set, app, as, (int)k));
    arena_free(&a);
}

/* An officer's assessment as JSON (see ruling_json), to a stream. */
static void json_ruling_object(FILE *out, const Ruling *r, Outcome data, const Program *p, const TableData *tables)
{
    char buf[512];
    OutBuf o = {.f = out, .b = buf, .len = 0, .cap = sizeof buf};
    ruling_json(&o, r, data, p, tables);
    buf_flush(&o);
}

/* ", \"source\": …, \"assessment\": {…}" for an outcome r decided. */
static void json_ruling(FILE *out, const Ruling *r, Outcome data, const Program *p, const TableData *tables)
{
    fprintf(out, ", \"source\": \"%s\", \"assessment\": ", ruling_token(r));
    json_ruling_object(out, r, data, p, tables);
}

/* A rule's place as JSON: {"file": …, "line": …, "column": …} (the column
** in display columns from 1, as in the text diagnostics), or null. */
static void json_loc(FILE *out, const SourceSet *set, Span sp)
{
    if (span_is_none(sp)) {
        fputs("null", out);
        return;
    }
    const SourceFile *f = source_get(set, sp.file);
    SourcePos pos = source_position(f, sp.start);
    fputs("{\"file\": ", out);
    report_json_str(out, f->path);
    fprintf(out, ", \"line\": %zu, \"column\": %zu}", pos.line, pos.col);
}

/* Money as JSON: öre, or null when not known (< 0). */
static void json_ore(FILE *out, Money m)
{
    if (m >= 0)
        fprintf(out, "%" PRId64, m);
    else
        fputs("null", out);
}

static const char *grant_key(GrantStatus s);

/* "basis" of a grant in explain's JSON: the numbers its amount came from
** and the lines of the text form, in Swedish (the same bytes in every
** language). */
static void json_basis(FILE *out, Arena *a, const Program *p, const TableData *tables, const Application *app,
                       const Assessment *as, const Allocation *al, const Grant *gr)
{
    const Pot *pt = &p->pots[gr->pot];
    const PotResult *pr = grant_pot(al, gr);
    const char *policy = pt->policy == POLICY_PRO_RATA ? "pro_rata" : pt->policy == POLICY_RANK ? "ranked" : "entitlement";
    fprintf(out, "\"basis\": {\"policy\": \"%s\", \"pot_amount_ore\": ", policy);
    json_ore(out, pr ? pr->amount + pr->moved_in : -1);   /* what it holds, moved money included */
    fputs(", \"left_ore\": ", out);
    json_ore(out, pt->policy == POLICY_RANK && gr->status != GRANT_NO_ROUTE ? gr->left : -1);
    fputs(", \"shared_over_ore\": ", out);
    json_ore(out, pt->policy == POLICY_PRO_RATA && pr && gr->status != GRANT_NO_ROUTE ? pr->shared_over : -1);
    fputs(", \"cap_per_application_ore\": ", out);
    json_ore(out, pt->cap_per_application > 0 ? pt->cap_per_application : -1);
    fputs(", \"cap_per_applicant_ore\": ", out);
    json_ore(out, pt->cap_per_applicant > 0 ? pt->cap_per_applicant : -1);
    fputs(", \"applicant\": ", out);
    const char *who = pt->cap_per_applicant > 0 ? applicant_of(a, p, tables, pt, app) : NULL;
    if (who)
        report_json_str(out, who);
    else
        fputs("null", out);
    fputs(", \"applicant_used_ore\": ", out);
    json_ore(out, pt->cap_per_applicant > 0 ? gr->applicant_used : -1);
    fputs(", \"minimum_grant_ore\": ", out);
    json_ore(out, pt->min_grant > 0 ? pt->min_grant : -1);
    fprintf(out, ", \"unit_ore\": %" PRId64 ", \"stopped\": %s,\n      \"text\": [", pt->grant_unit > 1 ? pt->grant_unit : 1,
            gr->stopped ? "true" : "false");
    const char *lines[9];
    size_t n = 0;
    const char *caps = cap_text(a, false, p, tables, app, as, gr);
    if (caps[0])
        lines[n++] = caps;
    n += grant_basis(a, false, p, tables, app, al, gr, lines + n);
    for (size_t i = 0; i < n; i++) {
        if (i)
            fputs(", ", out);
        report_json_str(out, lines[i]);
    }
    fputs("]}", out);
}

void report_explain_json(const Program *p, const TableData *tables, const SourceSet *set, const ReportStyle *o,
                         const Application *app, const Assessment *as, int32_t index, const Allocation *al,
                         size_t rejected, FILE *out)
{
    Arena a;
    arena_init(&a);
    json_inputs(out, p, set, o, "explain", NULL);
    fprintf(out, "  \"rejected_rows\": %zu,\n", rejected);
    fputs("  \"application\": {\"key\": ", out);
    report_json_str(out, app->key);
    fprintf(out, ", \"record\": %zu, \"line\": ", app->record);
    if (app->line)
        fprintf(out, "%zu", app->line);
    else
        fputs("null", out);
    fputs(", \"file\": ", out);
    report_json_str(out, o->applications);
    fputs(", \"values\": [", out);
    for (size_t i = 0; i < p->n_fields; i++) {
        fprintf(out, "%s\n    {\"field\": ", i ? "," : "");
        report_json_str(out, p->fields[i].name);
        fputs(", \"value\": ", out);
        /* The value as the text report shows it, but whole (a buffer as
        ** long as the text: data is not cut); null when it is missing. */
        const Value *val = &app->values[i];
        size_t need = 4096 + (val->kind == VAL_TEXT ? val->u.text.len : 0);   /* 4096: a set of many long names */
        if (val->kind == VAL_MISSING)
            fputs("null", out);
        else
            report_json_str(out, value_format(p, tables, p->fields[i].type, val, arena_alloc(&a, need), need));
        fputc('}', out);
    }
    fputs(p->n_fields ? "\n  ]},\n  \"pots\": [" : "]},\n  \"pots\": [", out);
    size_t n_pots = 0;
    for (size_t k = 0; k < p->n_pots; k++) {
        if (!eval_takes_applications(p, (int)k))
            continue;
        fprintf(out, "%s\n    {\"pot\": ", n_pots++ ? "," : "");
        report_json_str(out, p->pots[k].name);
        fputs(", \"path\": [", out);
        int chain[64], depth = 0;
        for (int q = (int)k; q >= 0 && depth < 64; q = p->pots[q].parent)
            chain[depth++] = q;
        for (int d = depth - 1; d >= 0; d--) {
            report_json_str(out, p->pots[chain[d]].name);
            if (d)
                fputs(", ", out);
        }
        fputs("], \"rule\": ", out);
        json_loc(out, set, p->pots[k].name_span);
        fprintf(out, ", \"verdict\": \"%s\",\n     \"applies\": [", status_key(as->eligible[k]));
        /* 'ansökningar där' of the pot and its ancestors, outermost last as
        ** in the text form; a pot that does not consider it stops there. */
        bool considered = true;
        size_t n_applies = 0;
        for (int q = (int)k; q >= 0 && considered; q = p->pots[q].parent) {
            const Expr *e = p->pots[q].applies;
            if (!e)
                continue;
            considered = as->eligible[k] != OUTCOME_NOT_APPLICABLE;
            fprintf(out, "%s\n       {\"condition\": ", n_applies++ ? "," : "");
            report_json_str(out, format_expr_text(&a, e, set, format_program_english(p)));
            fputs(", \"values\": ", out);
            report_json_str(out, deciding(&a, p, tables, app, e));
            fputs(", \"rule\": ", out);
            json_loc(out, set, e->span);
            fprintf(out, ", \"holds\": %s}", considered ? "true" : "false");
        }
        fputs(n_applies ? "\n     ],\n     \"sub_pot\": " : "],\n     \"sub_pot\": ", out);
        bool routed = false;
        for (int q = (int)k; considered && q >= 0; q = p->pots[q].parent) {
            if (!p->pots[q].has_split)
                continue;
            const Split *s = &p->pots[q].split;
            fputs("{\"key\": ", out);
            if (as->route[k] >= 0)
                report_json_str(out, tables[s->table].keys[as->route[k]]);
            else
                fputs("null", out);   /* the field is missing: no sub-pot */
            fputs(", \"field\": ", out);
            report_json_str(out, p->fields[s->field].name);
            fputs(", \"rule\": ", out);
            json_loc(out, set, s->span);
            fputc('}', out);
            routed = true;
            break;
        }
        if (!routed)
            fputs("null", out);
        fputs(",\n     \"criteria\": [", out);
        size_t n_crit = 0;
        for (size_t c = 0; considered && c < p->n_criteria; c++) {
            const Criterion *cr = &p->criteria[c];
            if (!eval_applies(p, cr->pot, (int)k))
                continue;
            const char *outcome = as->crit[c] == OUTCOME_PASS ? "passed" : as->crit[c] == OUTCOME_FAIL ? "failed" : "manual";
            fprintf(out, "%s\n       {\"criterion\": ", n_crit++ ? "," : "");
            report_json_str(out, cr->name);
            fprintf(out, ", \"outcome\": \"%s\", \"reason\": ", outcome);
            report_json_str(out, cr->reason);
            fputs(", \"requirement\": ", out);
            report_json_str(out, format_expr_text(&a, cr->require, set, format_program_english(p)));
            fputs(", \"values\": ", out);
            report_json_str(out, deciding(&a, p, tables, app, cr->require));
            fputs(", \"rule\": ", out);
            json_loc(out, set, cr->name_span);
            const Ruling *ru = as->n_rulings ? ruling_find(as, RULING_CRITERION, (int)c) : NULL;
            if (ru)
                json_ruling(out, ru, as->crit_data[c], p, tables);
            fputc('}', out);
        }
        /* What the officers decided of the pot itself. */
        const Ruling *ru_pot = considered && as->n_rulings ? considers_ruling(p, as, (int)k) : NULL;
        const Ruling *ru_sub = considered && as->n_rulings ? route_ruling(p, as, (int)k) : NULL;
        if (ru_pot || ru_sub) {
            fputs(",\n     \"applies_assessment\": ", out);
            if (ru_pot)
                json_ruling_object(out, ru_pot, ruling_data(p, as, ru_pot), p, tables);
            else
                fputs("null", out);
            fputs(", \"sub_pot_assessment\": ", out);
            if (ru_sub)
                json_ruling_object(out, ru_sub, ruling_data(p, as, ru_sub), p, tables);
            else
                fputs("null", out);
        }
        fputs(n_crit ? "\n     ],\n     \"priorities\": [" : "],\n     \"priorities\": [", out);
        size_t n_prio = 0;
        for (size_t i = 0; considered && i < p->n_priorities; i++) {
            const Priority *pr = &p->priorities[i];
            if (!eval_applies(p, pr->pot, (int)k))
                continue;
            fprintf(out, "%s\n       {\"priority\": ", n_prio++ ? "," : "");
            report_json_str(out, pr->name);
            fprintf(out, ", \"score\": %" PRId64 ", \"rule\": ", as->prio[i]);
            json_loc(out, set, pr->name_span);
            fputc('}', out);
        }
        fprintf(out, "%s,\n     \"score\": %" PRId64 "}", n_prio ? "\n     ]" : "]", considered ? as->score[k] : 0);
    }
    fputs(n_pots ? "\n  ],\n  \"allocation\": {\"grants\": [" : "],\n  \"allocation\": {\"grants\": [", out);
    size_t n_grants = 0;
    for (size_t i = 0; i < al->n_grants; i++) {
        const Grant *gr = &al->grants[i];
        if (gr->app != index)
            continue;
        fprintf(out, "%s\n    {\"pot\": ", n_grants++ ? "," : "");
        report_json_str(out, pot_name(&a, p, tables, gr->pot, gr->sub));
        fprintf(out, ", \"status\": \"%s\", \"rank\": %" PRIu32 ", \"score\": %" PRId64 ", \"requested_ore\": ",
                grant_key(gr->status), gr->rank, gr->score);
        json_ore(out, as->requested);
        fprintf(out, ", \"after_cap_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"capped\": %s,\n     ", gr->wanted,
                gr->amount, gr->capped ? "true" : "false");
        json_basis(out, &a, p, tables, app, as, al, gr);
        fputc('}', out);
    }
    /* Why it takes no part, when it does not: as the text form's last line. */
    bool manual = false;
    for (size_t k = 0; k < p->n_pots; k++)
        manual |= eval_takes_applications(p, (int)k) && as->eligible[k] == OUTCOME_MANUAL;
    fprintf(out, "%s, \"not_taking_part\": %s}\n}\n", n_grants ? "\n  ]" : "]",
            n_grants ? "null" : manual ? "\"manual\"" : "\"not_eligible\"");
    arena_free(&a);
}

/* }====== */

/* ====================================================================
** {====== allocate
** ==================================================================== */

/* A grant's status for people, in the chosen language. */
static const char *grant_text(GrantStatus s)
{
    return verdict_grant_text(s);
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
    return program_span_text(a, set, b->span);
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
        snprintf(buf + at, sizeof buf - at, P_(" och %zu till", " och %zu till", n - 8), n - 8);
    return arena_strdup(a, buf);
}

/* What application app (MANUAL in pot k) lacks, for people: the criteria
** that read a missing value; or, when all were decided, what the pot's
** routing lacks ("(pott) sökt_pott saknas": whether the pot takes it;
** "(delpott) kommun saknas": which sub-pot). In `a`. */
static const char *manual_list(Arena *a, const EvalContext *cx, const SourceSet *set, const Application *app,
                               const Assessment *as, int k)
{
    ManualWhy *mw;
    size_t nm = manual_reasons(a, cx, set, app, as, k, &mw);
    const char *list = "";
    for (size_t j = 0; j < nm; j++) {
        const char *item = mw[j].criterion;
        if (mw[j].criterion[0] == '(') {
            const char *miss = strstr(mw[j].reason, ": ") ? strstr(mw[j].reason, ": ") + 2 : "";
            /* TRANSLATORS: "(pott) sökt_pott saknas": what a pot's routing lacks */
            item = arena_printf(a, _("%s %.*s saknas"), mw[j].criterion[1] == 'p' ? _("(pott)") : _("(delpott)"),
                                (int)strcspn(miss, ";"), miss);
        }
        list = arena_printf(a, "%s%s%s", list, j ? ", " : "", item);
    }
    return list;
}

/* The three forms of `medel allocate`'s report, each from the same results;
** n_manual counts the (application, pot) pairs that need a person's
** judgement, and everything made on the way lives in `a`. */
/* The officers' assessments that were applied, in the file's order:
** "Bedömningar och åsidosättanden (FIL)". Each row: the application, the
** pot (for 'ansökningar där' and delpott), what was assessed, the outcome
** the data gave and the one decided, who, when and why. */
static void assessments_table(const EvalContext *cx, const Assessment *const *as, size_t n, Arena *a, FILE *out)
{
    const RulingSet *set = cx->rulings;
    if (!set || !set->n)
        return;
    const Program *p = cx->prog;
    /* What the data gave, from the application's assessment. */
    StrMap by_key = {0};
    for (size_t i = 0; i < n; i++)
        if (as[i]->n_rulings)
            strmap_insert(&by_key, a, as[i]->rulings[0]->key, strlen(as[i]->rulings[0]->key), (int32_t)i);
    fprintf(out, _("\nBedömningar och åsidosättanden (%s)\n"), set->path);
    Grid g;
    grid_init(&g, a, 9, 0);
    grid_row(&g, _("Ansökan"), _("Pott"), _("Gäller"), _("Enligt uppgifterna"), _("Beslutat"), _("Typ"), _("Bedömd av"),
             _("Datum"), _("Motivering"));
    for (size_t i = 0; i < set->n; i++) {
        const Ruling *r = &set->r[i];
        if (r->left_out)
            continue;
        int32_t at = strmap_find(&by_key, r->key, strlen(r->key));
        const char *what = r->target == RULING_CRITERION ? p->criteria[r->criterion].name
                         : r->target == RULING_CONSIDERS ? RULING_WORD_CONSIDERS   /* the file's words */
                                                         : RULING_WORD_ROUTE;
        const char *data = "";
        if (at >= 0) {
            Outcome d = ruling_data(p, as[at], r);
            data = r->target == RULING_ROUTE ? (d == OUTCOME_MANUAL ? _("uppgift saknas") : _("en annan delpott"))
                 : d == OUTCOME_PASS ? _("uppfyllt") : d == OUTCOME_FAIL ? _("ej uppfyllt") : _("kan inte avgöras");
        }
        const char *decided = r->target == RULING_ROUTE ? ruling_outcome_text(r, p, cx->tables)
                            : r->outcome == OUTCOME_PASS ? _("uppfyllt") : _("ej uppfyllt");
        grid_row(&g, r->key, r->pot >= 0 ? p->pots[r->pot].name : "", what, data, decided,
                 r->kind == RULING_ASSESSED ? _("bedömning") : _("åsidosättande"), r->by, r->date, r->why);
    }
    grid_print(&g, out, "  ");
}

/* The same as JSON: "assessments": [...], after the grants. */
static void assessments_json(const EvalContext *cx, const Assessment *const *as, size_t n, Arena *a, FILE *out)
{
    const RulingSet *set = cx->rulings;
    if (!set)
        return;
    const Program *p = cx->prog;
    StrMap by_key = {0};
    for (size_t i = 0; i < n; i++)
        if (as[i]->n_rulings)
            strmap_insert(&by_key, a, as[i]->rulings[0]->key, strlen(as[i]->rulings[0]->key), (int32_t)i);
    fputs("  \"assessments\": [", out);
    size_t k = 0;
    for (size_t i = 0; i < set->n; i++) {
        const Ruling *r = &set->r[i];
        if (r->left_out)
            continue;
        int32_t at = strmap_find(&by_key, r->key, strlen(r->key));
        fprintf(out, "%s\n    {\"application\": ", k++ ? "," : "");
        report_json_str(out, r->key);
        fputs(", \"target\": ", out);
        report_json_str(out, r->target == RULING_CRITERION ? "criterion" : r->target == RULING_CONSIDERS ? "applies" : "sub_pot");
        fputs(", \"criterion\": ", out);
        if (r->target == RULING_CRITERION)
            report_json_str(out, p->criteria[r->criterion].name);
        else
            fputs("null", out);
        fputs(", \"pot\": ", out);
        if (r->pot >= 0)
            report_json_str(out, p->pots[r->pot].name);
        else
            fputs("null", out);
        fprintf(out, ", \"source\": \"%s\", \"assessment\": ", ruling_token(r));
        json_ruling_object(out, r, at >= 0 ? ruling_data(p, as[at], r) : OUTCOME_MANUAL, p, cx->tables);
        fputc('}', out);
    }
    fputs(k ? "\n  ],\n" : "],\n", out);
}

static void allocation_table(const EvalContext *cx, const SourceSet *set, const Application *apps,
                             const Assessment *const *as, size_t n, AppCounts counts, const Allocation *al,
                             size_t n_manual, Arena *a, FILE *out)
{
    const Program *p = cx->prog;
    const TableData *tables = cx->tables;
    char b1[48], b2[48], b3[48], b4[48], b5[48];
    fprintf(out, "%s\n\n%s\n", p->name ? p->name : "", _("Potter"));
    Grid g;
    /* A split with rules (grundbelopp, tak, spärr, minst) adds a column: each
    ** recipient's parts, on its own line; 'kvar' adds columns for what moved
    ** in, moved on and was returned. Without either, the table is as it was. */
    bool parts = allocation_has_split_rules(p);
    bool kvar = al->has_leftover;
    const char *head[10];
    size_t nc = 0;
    head[nc++] = _("Pott");
    head[nc++] = _("Belopp");
    if (kvar)
        head[nc++] = _("Flyttat hit");
    head[nc++] = _("Till delpotter");
    head[nc++] = _("Beviljat");
    if (kvar) {
        head[nc++] = _("Flyttat vidare");
        head[nc++] = _("Återbetalas");
    }
    head[nc++] = _("Ej fördelat");
    head[nc++] = _("Ansökningar");
    if (parts)
        head[nc++] = _("Delar");
    head[nc] = NULL;
    /* Right-aligned: every column but the pot's name and the parts. */
    unsigned right = (kvar ? 0x1feu : 0x3eu);
    grid_init(&g, a, nc, right);
    grid_row_array(&g, head);
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        int depth = p->pots[r->pot].depth + (r->sub >= 0 ? 1 : 0);
        const char *name = arena_printf(a, "%*s%s", 2 * depth, "", r->sub >= 0 ? strchr(r->name, '/') + 1 : r->name);
        bool split_parent = p->pots[r->pot].has_split && r->sub < 0;
        const char *apps_col = eval_takes_applications(p, r->pot) && !split_parent
                                   /* TRANSLATORS: applications funded of those considered */
                                   ? arena_printf(a, _("%zu av %zu"), r->n_funded, r->n_considered) : "";
        /* An approximate agreement amount is shown as such ("nära …"). */
        const char *approx = r->sub < 0 ? p->pots[r->pot].approx : NULL;
        const char *amount = approx ? arena_printf(a, "%s %s", approx, kr(r->amount, b5, sizeof b5)) : kr(r->amount, b1, sizeof b1);
        const char *cells[10];
        size_t c = 0;
        char b6[48], b7[48], b8[48], pb[256];
        cells[c++] = name;
        cells[c++] = amount;
        if (kvar)
            cells[c++] = r->moved_in ? kr(r->moved_in, b6, sizeof b6) : "";
        cells[c++] = r->to_children ? kr(r->to_children, b2, sizeof b2) : "";
        cells[c++] = kr(r->granted, b3, sizeof b3);
        if (kvar) {
            const char *out_col = "";
            if (r->moved_out > 0) {
                const PotResult *to = &al->pots[r->moved_to];
                /* A second round is named by what it is, another pot by its name. */
                out_col = arena_printf(a, "%s → %s", kr(r->moved_out, b7, sizeof b7),
                                       p->pots[to->pot].round_of == r->pot ? _("andra omgången") : to->name);
            }
            cells[c++] = out_col;
            cells[c++] = r->returned ? kr(r->returned, b8, sizeof b8) : "";
        }
        cells[c++] = kr(r->unallocated, b4, sizeof b4);
        cells[c++] = apps_col;
        if (parts)
            cells[c++] = arena_strdup(a, allocation_split_parts(p, r, true, pb, sizeof pb));
        cells[c] = NULL;
        grid_row_array(&g, cells);
    }
    grid_print(&g, out, "  ");

    fprintf(out, "\n%s\n", _("Beslut per ansökan"));
    grid_init(&g, a, 7, 0x3c);
    grid_row(&g, _("Mottagare"), _("Pott"), _("Rang"), _("Poäng"), _("Sökt"), _("Beviljat"), _("Status"));
    for (size_t i = 0; i < al->n_grants; i++) {
        const Grant *gr = &al->grants[i];
        const char *key = gr->app >= 0 ? apps[gr->app].key : "";
        const char *pot = pot_name(a, p, tables, gr->pot, gr->sub);
        const char *status = gr->capped ? arena_printf(a, _("%s (tak)"), grant_text(gr->status)) : grant_text(gr->status);
        /* A payout goes to the sub-pot's key, e.g. the municipality. */
        const char *recipient = gr->app >= 0 ? key : strchr(pot, '/') ? strchr(pot, '/') + 1 : pot;
        grid_row(&g, recipient, pot, gr->rank ? arena_printf(a, "%" PRIu32, gr->rank) : "",
                 gr->app >= 0 ? arena_printf(a, "%" PRId64, gr->score) : "",
                 gr->app >= 0 ? kr(apps_requested(as, gr->app), b1, sizeof b1) : "", kr(gr->amount, b2, sizeof b2), status);
    }
    grid_print(&g, out, "  ");

    if (n_manual) {
        fprintf(out, "\n%s\n", _("Kräver manuell bedömning (deltar inte i fördelningen)"));
        grid_init(&g, a, 3, 0);
        grid_row(&g, _("Ansökan"), _("Pott"), _("Villkor som inte kunde avgöras"));
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < p->n_pots; k++) {
                if (!eval_takes_applications(p, (int)k) || as[i]->eligible[k] != OUTCOME_MANUAL)
                    continue;
                /* The criteria that read a missing value; or, when all were
                ** decided, what the pot's routing lacks ("(pott) sökt_pott
                ** saknas": whether the pot takes it; "(delpott) kommun
                ** saknas": which sub-pot). */
                grid_row(&g, apps[i].key, p->pots[k].name, manual_list(a, cx, set, &apps[i], as[i], (int)k));
            }
        grid_print(&g, out, "  ");
    }
    /* The applications eligible for no pot: each pot that turned one down
    ** and the criteria it failed there, with the rule's reason. */
    size_t n_not = 0;
    for (size_t i = 0; i < n; i++)
        n_not += not_eligible(p, as[i]);
    if (n_not) {
        fprintf(out, "\n%s\n", _("Ej stödberättigade (deltar inte i fördelningen)"));
        grid_init(&g, a, 4, 0);
        grid_row(&g, _("Ansökan"), _("Pott"), _("Villkor som inte uppfylls"), _("Skäl"));
        for (size_t i = 0; i < n; i++) {
            if (!not_eligible(p, as[i]))
                continue;
            size_t rows = 0;
            for (size_t k = 0; k < p->n_pots; k++) {
                if (!eval_takes_applications(p, (int)k) || as[i]->eligible[k] != OUTCOME_FAIL)
                    continue;
                size_t in_pot = 0;
                for (size_t c = 0; c < p->n_criteria; c++) {
                    const Criterion *cr = &p->criteria[c];
                    if (!eval_applies(p, cr->pot, (int)k) || as[i]->crit[c] != OUTCOME_FAIL)
                        continue;
                    /* The key and the pot once; the reason is the rule
                    ** file's 'skäl', in its language. */
                    grid_row(&g, rows ? "" : apps[i].key, in_pot ? "" : pot_name(a, p, tables, (int)k, as[i]->route[k]),
                             cr->name, cr->reason);
                    rows++;
                    in_pot++;
                }
            }
            if (!rows)
                grid_row(&g, apps[i].key, "", "", _("ingen pott prövar ansökan"));
        }
        grid_print(&g, out, "  ");
    }
    if (al->n_portfolio) {
        fprintf(out, "\n%s\n", _("Portföljvillkor"));
        grid_init(&g, a, 5, 0);
        for (size_t i = 0; i < al->n_portfolio; i++) {
            const PortfolioResult *pr = &al->portfolio[i];
            const Portfolio *pf = &p->portfolios[pr->portfolio];
            const Bound *bd = &pf->bounds[pr->bound];
            char count[64];
            snprintf(count, sizeof count, P_("%s ansökan", "%s ansökningar", pr->count),
                     arena_printf(a, "%" PRId64, pr->count));
            const char *held = pr->held ? _("uppfyllt") : _("EJ UPPFYLLT");
            grid_row(&g, pf->name, bound_text(a, set, bd), pf->binding ? arena_printf(a, _("%s (bindande)"), held) : held,
                     /* TRANSLATORS: "3 ansökningar, 900 000 kr av 2 000 000 kr" */
                     arena_printf(a, _("%s, %s av %s"), count, kr(pr->amount, b1, sizeof b1), kr(pr->total, b2, sizeof b2)),
                     bound_projects(a, cx, apps, al, pf, bd));
        }
        grid_print(&g, out, "  ");
        if (allocation_breaks_binding(p, al))
            fprintf(out, "  %s\n", _("OBS: ett bindande portföljvillkor är inte uppfyllt; fördelningen kan inte beslutas så här (se felen)"));
    }
    int ff = focus_field(p);
    if (ff >= 0 && p->n_focus) {
        fprintf(out, "\n%s\n", _("Beviljat per fokusområde (ett projekt kan ha flera)"));
        grid_init(&g, a, 2, 0x2);
        for (size_t f = 0; f < p->n_focus; f++)
            grid_row(&g, p->focus[f].label, kr(al->by_focus[f], b1, sizeof b1));
        grid_print(&g, out, "  ");
        FocusTotals ft;
        if (focus_totals(&(AllocView){cx, set, apps, as, n, al}, &ft))
            fprintf(out, "  %s\n", focus_note(a, true, &ft));
    }
    assessments_table(cx, as, n, a, out);
    if (al->has_leftover)
        fprintf(out, _("\nKontroll: %s = beviljat %s + återbetalas %s + ej fördelat %s (stämmer på öret)\n"),
                kr(al->total, b1, sizeof b1), kr(al->granted, b2, sizeof b2), kr(al->returned, b4, sizeof b4),
                kr(al->unallocated, b3, sizeof b3));
    else
        fprintf(out, _("\nKontroll: %s = beviljat %s + ej fördelat %s (stämmer på öret)\n"), kr(al->total, b1, sizeof b1),
                kr(al->granted, b2, sizeof b2), kr(al->unallocated, b3, sizeof b3));
    char cb[160];
    fprintf(out, P_("%s; %zu kräver manuell bedömning\n", "%s; %zu kräver manuell bedömning\n", n_manual),
            report_counts(counts, cb, sizeof cb), n_manual);
}

static void allocation_json(const EvalContext *cx, const SourceSet *set, const Application *apps,
                            const Assessment *const *as, size_t n, AppCounts counts, const Allocation *al,
                            size_t n_manual, Arena *a, const ReportStyle *o, FILE *out)
{
    const Program *p = cx->prog;
    const TableData *tables = cx->tables;
    json_inputs(out, p, set, o, "allocate", NULL);
    assessments_json(cx, as, n, a, out);
    if (al->has_leftover)
        fprintf(out, "  \"total_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"returned_ore\": %" PRId64
                ", \"unallocated_ore\": %" PRId64 ",\n", al->total, al->granted, al->returned, al->unallocated);
    else
        fprintf(out, "  \"total_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"unallocated_ore\": %" PRId64 ",\n", al->total,
                al->granted, al->unallocated);
    fputs("  \"pots\": [", out);
    for (size_t i = 0; i < al->n_pots; i++) {
        const PotResult *r = &al->pots[i];
        fprintf(out, "%s\n    {\"name\": ", i ? "," : "");
        report_json_str(out, r->name);
        fprintf(out,
                ", \"amount_ore\": %" PRId64 ", \"to_children_ore\": %" PRId64 ", \"granted_ore\": %" PRId64
                ", \"unallocated_ore\": %" PRId64 ", \"considered\": %zu, \"funded\": %zu",
                r->amount, r->to_children, r->granted, r->unallocated, r->n_considered, r->n_funded);
        /* A sub-pot of a split with rules: its parts (only then, so other
        ** outputs stay as they were). */
        if (r->sub >= 0 && p->pots[r->pot].split.has_rules)
            fprintf(out,
                    ", \"base_ore\": %" PRId64 ", \"share_ore\": %" PRId64
                    ", \"excluded\": %s, \"capped\": %s, \"raised\": %s",
                    r->split_base, r->split_share, r->split_flags & SPLIT_EXCLUDED ? "true" : "false",
                    r->split_flags & SPLIT_CAPPED ? "true" : "false", r->split_flags & SPLIT_RAISED ? "true" : "false");
        if (al->has_leftover) {
            fprintf(out, ", \"moved_in_ore\": %" PRId64 ", \"moved_out_ore\": %" PRId64 ", \"moved_to\": ", r->moved_in,
                    r->moved_out);
            if (r->moved_to >= 0)
                report_json_str(out, al->pots[r->moved_to].name);
            else
                fputs("null", out);
            fprintf(out, ", \"returned_ore\": %" PRId64, r->returned);
            const Pot *pt = &p->pots[r->pot];
            if (pt->round_of >= 0) {
                fputs(", \"second_round_of\": ", out);
                report_json_str(out, p->pots[pt->round_of].name);
                fputs(", \"deadline\": ", out);
                if (pt->deadline)
                    report_json_str(out, pt->deadline);
                else
                    fputs("null", out);
            }
        }
        fputc('}', out);
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
        report_json_str(out, pot_name(a, p, tables, gr->pot, gr->sub));
        /* requested_ore is the request as the applicant made it, as
        ** "sökt" in the table and CSV (null for a payout, which has no
        ** application); after_cap_ore what the caps left of it, which
        ** the allocation considered; capped whether a cap cut it. */
        fprintf(out, ", \"rank\": %" PRIu32 ", \"score\": %" PRId64 ", \"requested_ore\": ", gr->rank, gr->score);
        Money req = gr->app >= 0 ? apps_requested(as, gr->app) : -1;
        if (req >= 0)
            fprintf(out, "%" PRId64, req);
        else
            fputs("null", out);
        fprintf(out, ", \"after_cap_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"status\": \"%s\", \"capped\": %s}",
                gr->wanted, gr->amount, grant_key(gr->status), gr->capped ? "true" : "false");
    }
    /* manual: what each undecided (application, pot) lacks, as the
    ** workbook's Manuell bedömning says it (xlsxreport.h). */
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
            fputs(", \"sub_pot\": ", out);
            const char *sub = pot_name(a, p, tables, (int)k, as[i]->route[k]);
            if (strchr(sub, '/'))
                report_json_str(out, strchr(sub, '/') + 1);
            else
                fputs("null", out);
            fputs(", \"undecided\": [", out);
            ManualWhy *mw;
            size_t nm = manual_reasons(a, cx, set, &apps[i], as[i], (int)k, &mw);
            for (size_t j = 0; j < nm; j++) {
                fputs(j ? ", {\"criterion\": " : "{\"criterion\": ", out);
                report_json_str(out, mw[j].criterion);
                fputs(", \"reason\": ", out);
                report_json_str(out, mw[j].reason);
                fputs(", \"values\": ", out);
                report_json_str(out, mw[j].values);
                fputc('}', out);
            }
            fputs("]}", out);
        }
    /* ineligible: the applications a pot considered and turned down, with
    ** the criteria they failed and their reasons (as check gives them). */
    fputs("\n  ],\n  \"ineligible\": [", out);
    m = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < p->n_pots; k++) {
            if (!eval_takes_applications(p, (int)k) || as[i]->eligible[k] != OUTCOME_FAIL)
                continue;
            fprintf(out, "%s\n    {\"application\": ", m++ ? "," : "");
            report_json_str(out, apps[i].key);
            fputs(", \"pot\": ", out);
            report_json_str(out, p->pots[k].name);
            fputs(", \"failed\": [", out);
            size_t nf = 0;
            for (size_t c = 0; c < p->n_criteria; c++) {
                const Criterion *cr = &p->criteria[c];
                if (!eval_applies(p, cr->pot, (int)k) || as[i]->crit[c] != OUTCOME_FAIL)
                    continue;
                fputs(nf++ ? ", {\"criterion\": " : "{\"criterion\": ", out);
                report_json_str(out, cr->name);
                fputs(", \"reason\": ", out);
                report_json_str(out, cr->reason);
                fputc('}', out);
            }
            fputs("]}", out);
        }
    fputs("\n  ],\n  \"portfolio\": [", out);
    for (size_t i = 0; i < al->n_portfolio; i++) {
        const PortfolioResult *pr = &al->portfolio[i];
        const Portfolio *pf = &p->portfolios[pr->portfolio];
        const Bound *bd = &pf->bounds[pr->bound];
        fprintf(out, "%s\n    {\"constraint\": ", i ? "," : "");
        report_json_str(out, pf->name);
        fputs(", \"bound\": ", out);
        report_json_str(out, bound_text(a, set, bd));
        fprintf(out, ", \"binding\": %s, \"at_least\": %s, \"required\": ", pf->binding ? "true" : "false",
                bd->at_least ? "true" : "false");
        report_json_str(out, program_span_text(a, set, bd->count->span));
        fprintf(out, ", \"held\": %s, \"count\": %" PRId64 ", \"amount_ore\": %" PRId64 ", \"total_ore\": %" PRId64,
                pr->held ? "true" : "false", pr->count, pr->amount, pr->total);
        /* Every project the bound counts (the table shows the first eight). */
        fputs(", \"projects\": [", out);
        size_t np = 0;
        for (size_t g = 0; g < al->n_grants; g++) {
            const Grant *gr = &al->grants[g];
            if (gr->app < 0 || gr->amount <= 0 || (pf->pot >= 0 && !program_pot_within(p, gr->pot, pf->pot)))
                continue;
            if (bd->where) {
                Value v = eval_expr(cx, &apps[gr->app], bd->where, NULL);
                if (v.kind != VAL_BOOL || !v.u.b)
                    continue;
            }
            if (np++)
                fputs(", ", out);
            report_json_str(out, apps[gr->app].key);
        }
        fputs("]}", out);
    }
    fputs("\n  ],\n  \"by_focus\": [", out);
    int ff = focus_field(p);
    for (size_t f = 0; ff >= 0 && f < p->n_focus; f++) {
        fprintf(out, "%s\n    {\"focus\": ", f ? "," : "");
        report_json_str(out, p->focus[f].name);
        fprintf(out, ", \"granted_ore\": %" PRId64 "}", al->by_focus[f]);
    }
    /* focus_totals: the areas against the whole (a project with several
    ** areas counts in each); null without focus areas. */
    fputs("\n  ],\n  \"focus_totals\": ", out);
    FocusTotals ft;
    if (focus_totals(&(AllocView){cx, set, apps, as, n, al}, &ft)) {
        fprintf(out,
                "{\"sum_over_areas_ore\": %" PRId64 ", \"granted_ore\": %" PRId64 ", \"projects\": %zu, "
                "\"projects_with_several_areas\": %zu, \"granted_without_area_ore\": %" PRId64 ", \"note\": ",
                ft.sum, ft.granted, ft.projects, ft.several, ft.without);
        report_json_str(out, focus_note(a, false, &ft));
        fputc('}', out);
    } else {
        fputs("null", out);
    }
    /* not_eligible: the applications eligible for no pot (why, pot by pot,
    ** is in "ineligible"); they take no part in the allocation. */
    fputs(",\n  \"not_eligible\": [", out);
    m = 0;
    for (size_t i = 0; i < n; i++) {
        if (!not_eligible(p, as[i]))
            continue;
        if (m++)
            fputs(", ", out);
        report_json_str(out, apps[i].key);
    }
    fprintf(out, "\n  ],\n  \"summary\": {\"read\": %zu, \"valid\": %zu, \"rejected\": %zu, \"manual\": %zu", counts.read,
            counts.valid, counts.rejected, n_manual);
    if (counts.empty)   /* only when rows were skipped, so that other documents stay as they were */
        fprintf(out, ", \"empty\": %zu", counts.empty);
    fputs("}\n}\n", out);
}

void report_allocation(const EvalContext *cx, const SourceSet *set, const ReportStyle *o,
                       const Application *apps, const Assessment *const *as, size_t n, AppCounts counts,
                       const Allocation *al, FILE *out)
{
    const Program *p = cx->prog;
    Arena a;
    arena_init(&a);
    /* Applications that need a person's judgement before they can compete. */
    size_t n_manual = 0;
    for (size_t i = 0; i < n; i++)
        for (size_t k = 0; k < p->n_pots; k++)
            if (eval_takes_applications(p, (int)k) && as[i]->eligible[k] == OUTCOME_MANUAL)
                n_manual++;
    if (o->format == REPORT_TABLE)
        allocation_table(cx, set, apps, as, n, counts, al, n_manual, &a, out);
    else if (o->format == REPORT_CSV)   /* the table of decisions; allocate --table gives the others */
        csv_allocation_table(out, &(AllocView){cx, set, apps, as, n, al}, NULL, ATAB_BESLUT);
    else
        allocation_json(cx, set, apps, as, n, counts, al, n_manual, &a, o, out);
    arena_free(&a);
}

/* }====== */
