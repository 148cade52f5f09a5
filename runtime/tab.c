/*
** tab.c: the three forms of a table of tab.h.
*/
#include "tab.h"

#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "arena.h"
#include "csv.h"
#include "html.h"
#include "i18n.h"
#include "value.h"

__extension__ typedef __int128 i128;

const char *tab_kr(Money m, char *buf, size_t n)
{
    int64_t kr = m / 100, ore = m % 100;
    if (ore == 0)
        value_int_text(kr, buf, n);
    else
        snprintf(buf, n, "%s%" PRId64 ",%02" PRId64, m < 0 && kr == 0 ? "-" : "", kr, ore < 0 ? -ore : ore);
    return buf;
}

static void row_clear(Tab *t)
{
    for (size_t c = 0; c < t->n_cols; c++) {
        t->at[c] = SIZE_MAX;
        t->raw[c] = false;
    }
    t->n_bytes = 0;
    t->in_row = false;
}

/* The row's buffers, for a CSV or HTML table of t->n_cols columns. */
static void row_new(Tab *t)
{
    t->at = xmalloc((t->n_cols + 1) * sizeof *t->at);
    t->raw = xmalloc((t->n_cols + 1) * sizeof *t->raw);
    row_clear(t);
}

/* Cell c of the current row, or NULL where it is empty. */
static const char *cell_of(const Tab *t, size_t c)
{
    return t->at[c] == SIZE_MAX ? NULL : t->bytes + t->at[c];
}

/* An HTML row: every cell, empty ones too, so that the columns stay. */
static void html_flush(Tab *t)
{
    fputs("<tr>", t->html);
    for (size_t c = 0; c < t->n_cols; c++) {
        SheetStyle st = t->cols[c].style;
        fputs(st == SHEET_KR || st == SHEET_INT || st == SHEET_PERCENT ? "<td class=\"kr\">" : "<td>", t->html);
        html_text(t->html, cell_of(t, c), 0);
        fputs("</td>", t->html);
    }
    fputs("</tr>\n", t->html);
    row_clear(t);
}

static void csv_flush(Tab *t)
{
    if (t->html && t->in_row) {
        html_flush(t);
        return;
    }
    if (!t->csv || !t->in_row)
        return;
    /* The whole row into one buffer, then one write: a table of allocate
    ** has a row per application, and a write per cell took a lock each. */
    size_t need = t->n_cols + 1;
    for (size_t c = 0; c < t->n_cols; c++)
        if (t->at[c] != SIZE_MAX)
            need += csv_field_max(strlen(cell_of(t, c)));
    if (need > t->cap_line) {
        free(t->line);
        t->cap_line = need > 2 * t->cap_line ? need : 2 * t->cap_line;
        t->line = xmalloc(t->cap_line);
    }
    char *end = t->line;
    for (size_t c = 0; c < t->n_cols; c++) {
        const char *s = cell_of(t, c);
        if (s)
            end = csv_format_field(end, s, strlen(s), ';', !t->raw[c]);
        *end++ = c + 1 < t->n_cols ? ';' : '\n';
    }
    fwrite(t->line, 1, (size_t)(end - t->line), t->csv);
    row_clear(t);
}

void tab_sheet(Tab *t, Workbook *w, const char *name, const SheetColumn *cols, size_t n)
{
    *t = (Tab){.sheet = workbook_sheet(w, _(name), cols, n), .n_cols = n};
}

void tab_csv(Tab *t, FILE *out, const SheetColumn *cols, size_t n)
{
    *t = (Tab){.csv = out, .n_cols = n};
    row_new(t);
    fputs("\xEF\xBB\xBF", out);   /* Excel reads UTF-8 only with a BOM */
    for (size_t c = 0; c < n; c++) {
        csv_write_field(out, cols[c].header, strlen(cols[c].header), ';', true);
        fputc(c + 1 < n ? ';' : '\n', out);
    }
}

void tab_html(Tab *t, FILE *out, const char *cls, const SheetColumn *cols, size_t n)
{
    *t = (Tab){.html = out, .cols = cols, .n_cols = n};
    row_new(t);
    fprintf(out, "<table class=\"%s\">\n<thead><tr>", cls);
    for (size_t c = 0; c < n; c++) {
        fputs("<th>", out);
        html_text(out, cols[c].verbatim ? cols[c].header : _(cols[c].header), 0);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
}

void tab_row(Tab *t)
{
    if (t->sheet) {
        sheet_row(t->sheet);
        return;
    }
    csv_flush(t);
    t->in_row = true;
}

static void set_cell(Tab *t, size_t col, const char *s, size_t len, bool raw)
{
    if (col >= t->n_cols || !t->in_row)
        return;   /* a bug of the caller's; the sheet form reports it (workbook.h) */
    if (len + 1 > t->cap_bytes - t->n_bytes) {
        size_t cap = t->cap_bytes ? t->cap_bytes : 256;
        while (len + 1 > cap - t->n_bytes)
            cap *= 2;
        t->bytes = xrealloc(t->bytes, cap);
        t->cap_bytes = cap;
    }
    /* A cell set twice keeps the second; the first stays in bytes until
    ** the row is written. */
    t->at[col] = t->n_bytes;
    memcpy(t->bytes + t->n_bytes, s, len);
    t->bytes[t->n_bytes + len] = '\0';
    t->n_bytes += len + 1;
    t->raw[col] = raw;
}

void tab_textn(Tab *t, size_t col, const char *s, size_t len)
{
    if (t->sheet)
        sheet_textn(t->sheet, col, s, len);
    else if ((t->csv || t->html) && s && len)
        set_cell(t, col, s, len, false);
}

void tab_text(Tab *t, size_t col, const char *s)
{
    if (s)
        tab_textn(t, col, s, strlen(s));
}

const char *tab_msg(const Tab *t, const char *msgid)
{
    return t->sheet || t->html ? _(msgid) : msgid;
}

void tab_word(Tab *t, size_t col, const char *msgid)
{
    tab_text(t, col, tab_msg(t, msgid));
}

void tab_money(Tab *t, size_t col, Money m)
{
    if (t->sheet) {
        sheet_money(t->sheet, col, m);
    } else if (t->html) {
        char b[48];
        money_format(m, b, sizeof b);
        set_cell(t, col, b, strlen(b), true);
    } else if (t->csv) {
        char b[48];
        tab_kr(m, b, sizeof b);
        set_cell(t, col, b, strlen(b), true);
    }
}

void tab_int(Tab *t, size_t col, int64_t v)
{
    if (t->sheet) {
        sheet_int(t->sheet, col, v);
    } else if (t->csv || t->html) {
        char b[32];
        value_int_text(v, b, sizeof b);
        set_cell(t, col, b, strlen(b), true);
    }
}

void tab_fraction(Tab *t, size_t col, int64_t num, int64_t den)
{
    if (t->sheet) {
        sheet_fraction(t->sheet, col, num, den);
    } else if ((t->csv || t->html) && den > 0) {
        /* Hundredths of a percent, rounded half up, in integers. */
        i128 h = ((i128)num * 20000 + den) / (2 * (i128)den);
        bool neg = h < 0;
        if (neg)
            h = -h;
        char b[64];
        snprintf(b, sizeof b, "%s%lld,%02lld %%", neg ? "-" : "", (long long)(h / 100), (long long)(h % 100));
        set_cell(t, col, b, strlen(b), true);
    }
}

void tab_end(Tab *t)
{
    csv_flush(t);
    if (t->html)
        fputs("</tbody>\n</table>\n", t->html);
    free(t->bytes);
    free(t->at);
    free(t->raw);
    free(t->line);
    *t = (Tab){0};
}
