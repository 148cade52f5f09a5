/*
** workbook.c: the sheets of workbook.h on libxlsxwriter.
**
** libxlsxwriter writes a workbook to a named file when it is closed, so the
** workbook is built under a unique name in the temporary folder and its bytes
** copied to the caller's stream (an output.h file, which is itself replaced
** atomically) only at the end. Cells are kept by libxlsxwriter until then
** (workbook_begin_in_order: in a temporary file per sheet), and the column
** widths are fitted after the rows are written: libxlsxwriter writes the
** widths ahead of the rows only when the workbook is closed.
*/
#include "workbook.h"

#include <errno.h>
#include <limits.h>
#include <stdint.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <xlsxwriter.h>

#include "arena.h"
#include "i18n.h"
#include "text.h"

/* A zeroed array of n elements of `size` bytes (xmalloc dies on overflow). */
static void *zalloc(size_t n, size_t size)
{
    if (size && n > SIZE_MAX / size)
        arena_out_of_memory(SIZE_MAX);
    void *p = xmalloc(n * size);
    memset(p, 0, n * size);
    return p;
}

/* Column widths in characters: at least the header's, at most these. */
#define WIDTH_MAX 50
#define WIDTH_WRAP_MAX 80

struct Sheet {
    lxw_worksheet *ws;
    Workbook *w;
    SheetColumn *cols;
    size_t n_cols;
    size_t *width;        /* per column: the widest cell written, in characters */
    bool *typed_text;     /* per column: formatted as text for typing (sheet_column_text) */
    bool *typed_kr;       /* per column: formatted as kronor for typing (sheet_column_kr) */
    uint32_t row;         /* current row (0 = header) */
    Sheet *next;
};

struct Workbook {
    lxw_workbook *wb;
    char path[64];        /* the temporary file libxlsxwriter writes at close */
    char tmpdir[64];      /* its folder, for the rows' temporary files (in order) */
    lxw_format *header, *text, *wrap, *kr, *kr_ore, *integer, *percent, *as_text;
    Sheet *sheets, *last;
    size_t cuts;
    char error[256];      /* the first error, or "" */
};

static void failf(Workbook *w, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void failf(Workbook *w, const char *fmt, ...)
{
    if (w->error[0])
        return;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(w->error, sizeof w->error, fmt, ap);
    va_end(ap);
}

void workbook_fail(Workbook *w, const char *msg)
{
    failf(w, "%s", msg);
}

static void check(Workbook *w, lxw_error e)
{
    if (e != LXW_NO_ERROR)
        failf(w, _("arbetsboken kan inte skrivas: %s"), lxw_strerror(e));
}

static lxw_format *number_format(lxw_workbook *wb, const char *code)
{
    lxw_format *f = workbook_add_format(wb);
    if (f)
        format_set_num_format(f, code);
    return f;
}

static Workbook *begin(char *err, size_t errlen, bool in_order)
{
    Workbook *w = zalloc(1, sizeof *w);
    const char *dir = getenv("TMPDIR");
    if (!dir || !*dir)
        dir = "/tmp";
    /* mkstemp makes the name unique; libxlsxwriter reopens it at close. */
    int n = snprintf(w->path, sizeof w->path, "%s/medel-workbook-XXXXXX", dir);
    int fd = n > 0 && (size_t)n < sizeof w->path ? mkstemp(w->path) : -1;
    if (fd < 0) {
        snprintf(err, errlen, _("kan inte skapa en tillfällig fil för arbetsboken i %s: %s"), dir,
                 n > 0 && (size_t)n < sizeof w->path ? i18n_strerror(errno) : _("mappens namn är för långt"));
        free(w);
        return NULL;
    }
    close(fd);
    /* No zip64: Excel's row limit keeps a sheet far below the 4 GiB that
    ** would need it, and readers older than this medel refused such files. */
    /* In order, the rows' temporary files go where the workbook's does. */
    snprintf(w->tmpdir, sizeof w->tmpdir, "%s", dir);   /* fits: path did */
    lxw_workbook_options opt = {.constant_memory = in_order ? LXW_TRUE : LXW_FALSE, .tmpdir = in_order ? w->tmpdir : NULL,
                                .use_zip64 = LXW_FALSE};
    w->wb = workbook_new_opt(w->path, &opt);
    if (!w->wb) {
        snprintf(err, errlen, _("kan inte påbörja en arbetsbok: minnet räcker inte"));
        unlink(w->path);
        free(w);
        return NULL;
    }
    /* The date in the document's properties (and its zip entries): now, or
    ** SOURCE_DATE_EPOCH, so that a workbook can be made byte for byte again. */
    lxw_doc_properties props = {.title = NULL};
    const char *epoch = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = epoch ? strtoll(epoch, &end, 10) : 0;
    props.created = epoch && *epoch && !*end && t >= 0 ? (time_t)t : time(NULL);
    char comments[128];   /* libxlsxwriter's field is not const */
    snprintf(comments, sizeof comments, "%s", _("Skriven av medel"));
    props.comments = comments;
    check(w, workbook_set_properties(w->wb, &props));

    w->header = workbook_add_format(w->wb);
    if (w->header) {
        format_set_bold(w->header);
        format_set_bottom(w->header, LXW_BORDER_THIN);
        format_set_bg_color(w->header, 0xDDEBF7);
        format_set_text_wrap(w->header);
        format_set_align(w->header, LXW_ALIGN_VERTICAL_TOP);
    }
    w->text = workbook_add_format(w->wb);
    if (w->text)
        format_set_align(w->text, LXW_ALIGN_VERTICAL_TOP);
    w->wrap = workbook_add_format(w->wb);
    if (w->wrap) {
        format_set_text_wrap(w->wrap);
        format_set_align(w->wrap, LXW_ALIGN_VERTICAL_TOP);
    }
    /* Format codes are stored in the en-US form: ',' groups and '.' marks
    ** decimals; Swedish Excel and LibreOffice show `1 500 000 kr`. */
    w->kr = number_format(w->wb, "#,##0\" kr\"");
    w->kr_ore = number_format(w->wb, "#,##0.00\" kr\"");
    w->integer = number_format(w->wb, "#,##0");
    w->percent = number_format(w->wb, "0.##%");
    if (!w->header || !w->text || !w->wrap || !w->kr || !w->kr_ore || !w->integer || !w->percent) {
        snprintf(err, errlen, _("kan inte påbörja en arbetsbok: minnet räcker inte"));
        workbook_abort(w);
        return NULL;
    }
    return w;
}

Workbook *workbook_begin(char *err, size_t errlen)
{
    return begin(err, errlen, false);
}

Workbook *workbook_begin_in_order(char *err, size_t errlen)
{
    return begin(err, errlen, true);
}

Sheet *workbook_sheet(Workbook *w, const char *name, const SheetColumn *cols, size_t n)
{
    if (w->error[0])
        return NULL;
    lxw_worksheet *ws = workbook_add_worksheet(w->wb, name);
    if (!ws) {
        failf(w, _("kan inte lägga till bladet '%s' i arbetsboken"), name);
        return NULL;
    }
    Sheet *s = zalloc(1, sizeof *s);
    s->ws = ws;
    s->w = w;
    s->n_cols = n;
    s->cols = zalloc(n + 1, sizeof *s->cols);
    memcpy(s->cols, cols, n * sizeof *cols);
    for (size_t c = 0; c < n; c++)
        if (!cols[c].verbatim)
            s->cols[c].header = _(cols[c].header);   /* the catalog's: static */
    s->width = zalloc(n + 1, sizeof *s->width);
    s->typed_text = zalloc(n + 1, sizeof *s->typed_text);
    s->typed_kr = zalloc(n + 1, sizeof *s->typed_kr);
    if (w->last)
        w->last->next = s;
    else
        w->sheets = s;
    w->last = s;
    for (size_t c = 0; c < n; c++) {
        check(w, worksheet_write_string(ws, 0, (lxw_col_t)c, s->cols[c].header, w->header));
        size_t hw = text_width(s->cols[c].header, strlen(s->cols[c].header), 0);
        s->width[c] = hw + 2;   /* room for the autofilter's button */
    }
    worksheet_freeze_panes(ws, 1, 0);
    return s;
}

void sheet_row(Sheet *s)
{
    if (!s)
        return;
    if (s->row + 1 >= WORKBOOK_MAX_ROWS) {
        failf(s->w, _("bladet får fler rader än Excel tillåter (%u); skriv CSV i stället"), WORKBOOK_MAX_ROWS);
        return;
    }
    s->row++;
}

static bool cell_ok(Sheet *s, size_t col)
{
    /* A cell outside the declared columns is a bug in the report that calls. */
    if (!s || s->w->error[0])
        return false;
    if (col >= s->n_cols || s->row == 0) {
        failf(s->w, _("medel skrev en cell utanför sitt blad (kolumn %zu, rad %u)"), col, s->row);
        return false;
    }
    return true;
}

static void widen(Sheet *s, size_t col, size_t w)
{
    size_t max = s->cols[col].style == SHEET_WRAP ? WIDTH_WRAP_MAX : WIDTH_MAX;
    if (w > max)
        w = max;
    if (w > s->width[col])
        s->width[col] = w;
}

void sheet_textn(Sheet *s, size_t col, const char *text, size_t len)
{
    if (!cell_ok(s, col) || !text || len == 0)
        return;
    Workbook *w = s->w;
    char *copy = NULL;
    if (len > WORKBOOK_MAX_TEXT) {
        /* Cut at a character boundary, leaving room for the mark (in the
        ** chosen language; WORKBOOK_CUT_MARK is the Swedish). */
        const char *mark = _(" … (avkortad)");
        size_t n_mark = strlen(mark) + 1;
        size_t keep = WORKBOOK_MAX_TEXT - n_mark;
        while (keep > 0 && ((unsigned char)text[keep] & 0xC0) == 0x80)
            keep--;
        copy = xmalloc(keep + n_mark);
        memcpy(copy, text, keep);
        memcpy(copy + keep, mark, n_mark);
        w->cuts++;
    } else {
        copy = xmalloc(len + 1);
        memcpy(copy, text, len);
        copy[len] = '\0';
    }
    lxw_format *f = s->cols[col].style == SHEET_WRAP ? w->wrap : w->text;
    check(w, worksheet_write_string(s->ws, s->row, (lxw_col_t)col, copy, f));
    /* The widest line decides, for wrapped text too. */
    size_t widest = 0;
    for (const char *p = copy; *p;) {
        const char *nl = strchr(p, '\n');
        size_t l = nl ? (size_t)(nl - p) : strlen(p);
        size_t lw = text_width(p, l, 0);
        if (lw > widest)
            widest = lw;
        p += l + (nl != NULL);
    }
    widen(s, col, widest + 1);
    free(copy);
}

void sheet_text(Sheet *s, size_t col, const char *text)
{
    if (text)
        sheet_textn(s, col, text, strlen(text));
}

/* Digits of |v| with group separators, for the width only. */
static size_t shown_digits(int64_t v)
{
    uint64_t u = v < 0 ? (uint64_t)0 - (uint64_t)v : (uint64_t)v;
    size_t d = 1;
    while (u >= 10) {
        u /= 10;
        d++;
    }
    return d + (d - 1) / 3 + (v < 0);
}

void sheet_money(Sheet *s, size_t col, Money m)
{
    if (!cell_ok(s, col))
        return;
    /* An amount becomes a double of kronor only here, because a number cell
    ** is one. Below 2^53 öre, m is exact as a double and m / 100 is the double
    ** nearest the amount, which reads back (to 15 significant digits, as
    ** Excel and openpyxl read) as the same öre. */
    const int64_t exact = (int64_t)1 << 53;
    if (m >= exact || m <= -exact) {
        failf(s->w, _("beloppet %lld öre är för stort för en cell med ett tal"), (long long)m);
        return;
    }
    bool ore = m % MONEY_ORE_PER_KR != 0;
    double kr = (double)m / MONEY_ORE_PER_KR;
    check(s->w, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, kr, ore ? s->w->kr_ore : s->w->kr));
    widen(s, col, shown_digits(m / MONEY_ORE_PER_KR) + (ore ? 3 : 0) + 4);
}

void sheet_int(Sheet *s, size_t col, int64_t v)
{
    if (!cell_ok(s, col))
        return;
    const int64_t exact = (int64_t)1 << 53;
    if (v >= exact || v <= -exact) {
        failf(s->w, _("talet %lld är för stort för en cell med ett tal"), (long long)v);
        return;
    }
    check(s->w, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, (double)v, s->w->integer));
    widen(s, col, shown_digits(v) + 1);
}

void sheet_fraction(Sheet *s, size_t col, int64_t num, int64_t den)
{
    if (!cell_ok(s, col))
        return;
    if (den == 0) {
        failf(s->w, _("medel skrev en andel med nämnaren 0 (kolumn %zu)"), col);
        return;
    }
    /* A share is shown, not summed to the öre: a double is what Excel keeps. */
    double v = (double)num / (double)den;
    lxw_format *f = s->cols[col].style == SHEET_PERCENT ? s->w->percent : NULL;
    check(s->w, worksheet_write_number(s->ws, s->row, (lxw_col_t)col, v, f));
    widen(s, col, 8);
}

struct lxw_worksheet *sheet_worksheet(Sheet *s)
{
    return s ? s->ws : NULL;
}

uint32_t sheet_current_row(const Sheet *s)
{
    return s ? s->row : 0;
}

void sheet_column_text(Sheet *s, size_t col)
{
    if (!s || col >= s->n_cols)
        return;
    if (!s->w->as_text)
        s->w->as_text = number_format(s->w->wb, "@");
    s->typed_text[col] = true;
}

void sheet_column_kr(Sheet *s, size_t col)
{
    if (s && col < s->n_cols)
        s->typed_kr[col] = true;
}

void sheet_hide(Sheet *s)
{
    if (s)
        worksheet_hide(s->ws);
}

size_t workbook_cuts(const Workbook *w)
{
    return w->cuts;
}

static void free_sheets(Workbook *w)
{
    for (Sheet *s = w->sheets, *next; s; s = next) {
        next = s->next;
        free(s->cols);
        free(s->width);
        free(s->typed_text);
        free(s->typed_kr);
        free(s);
    }
    w->sheets = w->last = NULL;
}

void workbook_abort(Workbook *w)
{
    if (!w)
        return;
    if (w->wb) {
        /* libxlsxwriter has no call to drop a workbook unwritten: close it
        ** (writing the temporary file) and remove what it wrote. */
        workbook_close(w->wb);
        w->wb = NULL;
    }
    unlink(w->path);
    free_sheets(w);
    free(w);
}

static bool copy_file(const char *path, FILE *out, char *err, size_t errlen)
{
    FILE *in = fopen(path, "rb");
    if (!in) {
        snprintf(err, errlen, _("kan inte läsa tillbaka arbetsboken som skrevs till %s: %s"), path, i18n_strerror(errno));
        return false;
    }
    char buf[65536];
    size_t got;
    bool ok = true;
    while ((got = fread(buf, 1, sizeof buf, in)) > 0)
        if (fwrite(buf, 1, got, out) != got) {
            snprintf(err, errlen, _("kan inte skriva arbetsboken: %s"), i18n_strerror(errno));
            ok = false;
            break;
        }
    if (ok && ferror(in)) {
        snprintf(err, errlen, _("kan inte läsa tillbaka arbetsboken som skrevs till %s: %s"), path, i18n_strerror(errno));
        ok = false;
    }
    fclose(in);
    return ok;
}

bool workbook_end(Workbook *w, FILE *out, char *err, size_t errlen)
{
    for (Sheet *s = w->sheets; s && !w->error[0]; s = s->next) {
        for (size_t c = 0; c < s->n_cols; c++)
            check(w, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, (double)s->width[c],
                                          s->typed_text[c] ? w->as_text : s->typed_kr[c] ? w->kr : NULL));
        if (s->n_cols > 0)
            check(w, worksheet_autofilter(s->ws, 0, 0, s->row, (lxw_col_t)(s->n_cols - 1)));
    }
    lxw_error e = workbook_close(w->wb);
    w->wb = NULL;
    if (e != LXW_NO_ERROR)
        check(w, e);
    bool ok = !w->error[0];
    if (ok)
        ok = copy_file(w->path, out, err, errlen);
    else
        snprintf(err, errlen, "%s", w->error);
    workbook_abort(w);
    return ok;
}
