/*
** xlsxreport.c: the sheets of xlsxreport.h. A Tab is where one sheet goes:
** a worksheet, or a CSV table on a stream; the builders below write each
** sheet once, cell by cell, and the Tab turns the cells into either.
*/
#include "xlsxreport.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "arena.h"
#include "csv.h"
#include "medel.h"
#include "output.h"
#include "report.h"
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

/* One message split as "FILE:ROW[:COL]: [warning: ][column 'X': ]MESSAGE"
** (or "FILE: record N: …", or "FILE: …"); the parts point into msg, or into
** the column buffer given. */
typedef struct Problem {
    size_t row;            /* 0: about the file, not a row */
    const char *column;    /* NULL when none is named */
    size_t column_len;
    bool warning;
    const char *message;
} Problem;

static Problem problem_of(const char *msg, size_t nl)
{
    Problem pr = {0};
    const char *rest = msg + nl + 1;
    if (*rest >= '0' && *rest <= '9') {
        char *end;
        pr.row = strtoull(rest, &end, 10);
        rest = end;
        if (*rest == ':' && rest[1] >= '0' && rest[1] <= '9') {
            strtoull(rest + 1, &end, 10);   /* the character column of a CSV syntax error: kept in the message */
            rest = end;
        }
        if (*rest == ':')
            rest++;
    } else if (!strncmp(rest, " record ", 8)) {
        char *end;
        pr.row = strtoull(rest + 8, &end, 10);
        rest = *end == ':' ? end + 1 : end;
    }
    while (*rest == ' ')
        rest++;
    if (!strncmp(rest, "warning: ", 9)) {
        pr.warning = true;
        rest += 9;
    }
    const char *q = !strncmp(rest, "column '", 8) ? rest + 8 : !strncmp(rest, "field '", 7) ? rest + 7 : NULL;
    const char *close = q ? strchr(q, '\'') : NULL;
    if (close && !strncmp(close, "': ", 3)) {
        pr.column = q;
        pr.column_len = (size_t)(close - q);
        rest = close + 3;
    }
    pr.message = rest;
    return pr;
}

/* }====== */

/* ====================================================================
** {====== Avvisade rader
** ==================================================================== */

static const SheetColumn REJECTED_COLS[] = {
    {"Fil", SHEET_TEXT}, {"Rad", SHEET_INT}, {"Kolumn", SHEET_TEXT}, {"Slag", SHEET_TEXT}, {"Meddelande", SHEET_WRAP},
};

static void rejected_rows(Tab *t, const RunFacts *f)
{
    const ReaderLog *log = f->log;
    size_t nl = log && log->applications ? strlen(log->applications) : 0;
    for (size_t i = 0; log && i < log->n; i++) {
        Problem pr = problem_of(log->lines[i], nl);
        tab_row(t);
        tab_text(t, 0, log->applications);
        if (pr.row)
            tab_int(t, 1, (int64_t)pr.row);
        if (pr.column)
            tab_textn(t, 2, pr.column, pr.column_len);
        tab_text(t, 3, pr.warning ? "varning" : pr.row ? "avvisad rad" : "fel i filen");
        tab_text(t, 4, pr.message);
    }
}

void xlsx_rejected_sheet(Workbook *w, const RunFacts *f)
{
    Tab t;
    tab_sheet(&t, w, "Avvisade rader", REJECTED_COLS, sizeof REJECTED_COLS / sizeof *REJECTED_COLS);
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

static const SheetColumn ABOUT_COLS[] = {{"Uppgift", SHEET_TEXT}, {"Värde", SHEET_WRAP}, {"SHA-256", SHEET_TEXT}};

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

static void about_row(Tab *t, const char *what, const char *value, const char *sha)
{
    tab_row(t);
    tab_text(t, 0, what);
    tab_text(t, 1, value);
    tab_text(t, 2, sha);
}

static void about_count(Tab *t, const char *what, size_t v)
{
    tab_row(t);
    tab_text(t, 0, what);
    tab_int(t, 1, (int64_t)v);
}

static void about_rows(Tab *t, const RunFacts *f)
{
    Arena a;
    arena_init(&a);
    char hex[65], when[64];
    about_row(t, "Kommando", arena_printf(&a, "medel %s", f->command), NULL);
    if (f->args) {
        char *line = arena_strdup(&a, "");
        for (size_t i = 0; i < f->n_args; i++)
            line = arena_printf(&a, "%s%s%s", line, i ? " " : "", shell_word(&a, f->args[i]));
        about_row(t, "Kommandorad", line, NULL);
    }
    about_row(t, "medel-version", medel_version(), NULL);
    about_row(t, "Körd", run_time(when, sizeof when), NULL);
    if (f->p && f->p->name)
        about_row(t, "Överenskommelse", f->p->name, NULL);
    for (size_t i = 0; f->set && i < f->set->n_files; i++) {
        const SourceFile *sf = f->set->files[i];
        sha256_bytes(sf->bytes, sf->len, hex);
        about_row(t, i == 0 ? "Regelfil" : "Regelfil (bas eller scenarier)", sf->path, hex);
    }
    for (size_t i = 0; f->p && i < f->p->n_tables; i++) {
        const Table *tb = &f->p->tables[i];
        about_row(t, arena_printf(&a, "Datafil (tabell %s)", tb->name), tb->path,
                  sha256_file(tb->path, hex) ? hex : "(kan inte läsas)");
    }
    if (f->applications) {
        const char *sha = strcmp(f->applications, "-") == 0 ? stdin_sha256()
                        : sha256_file(f->applications, hex) ? hex : NULL;
        about_row(t, "Ansökningar", strcmp(f->applications, "-") == 0 ? "- (standard input)" : f->applications,
                  sha ? sha : "(okänd)");
    }
    if (f->counts) {
        about_count(t, "Lästa rader", f->counts->read);
        about_count(t, "Giltiga ansökningar", f->counts->valid);
        about_count(t, "Avvisade rader", f->counts->rejected);
        about_count(t, "Varningar", f->counts->warnings);
    }
    arena_free(&a);
}

void xlsx_about_sheet(Workbook *w, const RunFacts *f)
{
    Tab t;
    tab_sheet(&t, w, "Om körningen", ABOUT_COLS, sizeof ABOUT_COLS / sizeof *ABOUT_COLS);
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

/* }====== */
