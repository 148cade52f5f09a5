/*
** diag.c: collecting and rendering diagnostics. Rendering sorts a copy of the
** list (errors and warnings by position, each followed by its notes) and
** prints the GNU-style location, the source line and a caret underline whose
** columns agree with source_position: both measure with text_width.
*/
#include "diag.h"

#include <stdlib.h>

#include "arena.h"
#include "text.h"

void diags_init(Diags *d, const SourceSet *sources)
{
    d->sources = sources;
    d->items = NULL;
    d->n = d->cap = 0;
    d->n_errors = 0;
    d->n_warnings = 0;
}

void diags_free(Diags *d)
{
    for (size_t i = 0; i < d->n; i++)
        free(d->items[i].msg);
    free(d->items);
    diags_init(d, d->sources);
}

/* The group a new diagnostic of this level joins: an error or warning starts
** its own; a note joins the last error or warning, or is alone if none came
** before it. Items are appended in order, so seq is also the index. */
static size_t group_of(const Diags *d, DiagLevel level)
{
    if (level != DIAG_NOTE || d->n == 0)
        return d->n;
    const Diag *prev = &d->items[d->n - 1];
    if (prev->level != DIAG_NOTE)
        return prev->seq;
    if (prev->group != prev->seq)
        return prev->group;
    return d->n;    /* prev is a note without an error: so is this one */
}


void diag_add(Diags *d, DiagLevel level, Span span, const char *fmt, va_list ap)
{
    va_list ap2;
    va_copy(ap2, ap);
    int n = vsnprintf(NULL, 0, fmt, ap2);
    va_end(ap2);
    char *msg;
    if (n < 0) {
        msg = xstrdup(fmt);     /* an encoding error; the format still says something */
    } else {
        msg = xmalloc((size_t)n + 1);
        vsnprintf(msg, (size_t)n + 1, fmt, ap);
    }

    if (d->n == d->cap) {
        d->cap = d->cap ? d->cap * 2 : 16;
        d->items = xrealloc(d->items, d->cap * sizeof *d->items);
    }
    Diag *g = &d->items[d->n];
    g->level = level;
    g->span = span;
    g->msg = msg;
    g->seq = d->n;
    g->group = group_of(d, level);
    d->n++;
    if (level == DIAG_ERROR)
        d->n_errors++;
    else if (level == DIAG_WARNING)
        d->n_warnings++;
}

void diag_error(Diags *d, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, DIAG_ERROR, span, fmt, ap);
    va_end(ap);
}

void diag_warning(Diags *d, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, DIAG_WARNING, span, fmt, ap);
    va_end(ap);
}

void diag_note(Diags *d, Span span, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, DIAG_NOTE, span, fmt, ap);
    va_end(ap);
}

/* A diagnostic with the position of its group's leader, for sorting. */
typedef struct Key {
    uint32_t file;
    uint32_t start;
    size_t group;
    size_t seq;
    const Diag *diag;
} Key;

static int compare(const void *pa, const void *pb)
{
    const Key *a = pa, *b = pb;
    if (a->file != b->file)
        return a->file < b->file ? -1 : 1;
    if (a->start != b->start)
        return a->start < b->start ? -1 : 1;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->seq != b->seq)
        return a->seq < b->seq ? -1 : 1;
    return 0;
}

static bool is_control(int cp)
{
    return (cp >= 0 && cp < 0x20) || (cp >= 0x7F && cp < 0xA0);
}

static void put_spaces(size_t n, FILE *out)
{
    while (n--)
        fputc(' ', out);
}

/* Prints a source line as the caret line measures it (text_width): tabs
** expanded, invalid bytes as U+FFFD, other control characters (width 0)
** dropped so they cannot move the terminal's cursor. */
static void show(const char *s, size_t len, FILE *out)
{
    size_t col = 0;
    size_t i = 0;
    while (i < len) {
        int cp;
        size_t n = text_decode(s + i, len - i, &cp);
        size_t w = text_width(s + i, n, col);
        if (cp < 0)
            fputs("\xEF\xBF\xBD", out);
        else if (cp == '\t')
            put_spaces(w, out);
        else if (!is_control(cp))
            fwrite(s + i, 1, n, out);
        col += w;
        i += n;
    }
}

static void render(const Diags *d, const Diag *g, FILE *out)
{
    static const char *const words[] = {"error", "warning", "note"};
    const char *word = words[g->level];
    const SourceFile *f = NULL;
    if (d->sources && !span_is_none(g->span))
        f = source_get(d->sources, g->span.file);
    if (!f) {
        fprintf(out, "medel: %s: %s\n", word, g->msg);
        return;
    }

    size_t start = g->span.start < f->len ? g->span.start : f->len;
    size_t end = g->span.end < f->len ? g->span.end : f->len;
    SourcePos pos = source_position(f, start);
    fprintf(out, "%s:%zu:%zu: %s: %s\n", f->path, pos.line, pos.col, word, g->msg);

    size_t llen;
    const char *line = source_line(f, start, &llen);
    size_t line_off = (size_t)(line - f->bytes);
    /* Offsets within the line; a span reaching past the line (into its
    ** newline, or into later lines) is cut at the line's end. */
    size_t from = start - line_off;
    size_t to = end > line_off ? end - line_off : 0;
    if (from > llen)
        from = llen;
    if (to > llen)
        to = llen;
    if (to < from)
        to = from;

    int gutter = fprintf(out, "%5zu", pos.line);
    fputs(" | ", out);
    show(line, llen, out);
    fputc('\n', out);

    /* As wide as the line number, which is 5 columns until line 99999. */
    fprintf(out, "%*s | ", gutter, "");
    size_t pre = text_width(line, from, 0);
    size_t width = text_width(line + from, to - from, pre);
    put_spaces(pre, out);
    fputc('^', out);
    for (size_t i = 1; i < width; i++)
        fputc('~', out);
    fputc('\n', out);
}

void diags_render(const Diags *d, FILE *out)
{
    if (d->n == 0)
        return;
    Key *keys = xmalloc(d->n * sizeof *keys);
    for (size_t i = 0; i < d->n; i++) {
        const Diag *g = &d->items[i];
        const Diag *leader = &d->items[g->group];
        keys[i].file = leader->span.file;
        keys[i].start = span_is_none(leader->span) ? 0 : leader->span.start;
        keys[i].group = g->group;
        keys[i].seq = g->seq;
        keys[i].diag = g;
    }
    /* Every key is distinct (seq), so qsort's instability cannot show. */
    qsort(keys, d->n, sizeof *keys, compare);
    /* A file with hundreds of errors (a wrong file, or text that is not a
    ** rule file) would bury the first ones; show DIAG_MAX_SHOWN errors and
    ** warnings with their notes, and count the rest. */
    size_t shown = 0, hidden = 0;
    for (size_t i = 0; i < d->n; i++) {
        bool leader = keys[i].diag->level != DIAG_NOTE || keys[i].group == keys[i].seq;
        if (leader && shown == DIAG_MAX_SHOWN) {
            hidden++;
            continue;
        }
        if (shown > DIAG_MAX_SHOWN || (shown == DIAG_MAX_SHOWN && hidden))
            continue;
        if (leader)
            shown++;
        render(d, keys[i].diag, out);
    }
    if (hidden)
        fprintf(out, "medel: %zu more error%s and warning%s not shown; fix the first ones and run again\n", hidden,
                hidden == 1 ? "" : "s", hidden == 1 ? "" : "s");
    free(keys);
}
