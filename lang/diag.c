/*
** diag.c: collecting and rendering diagnostics. Rendering sorts a copy of the
** list (errors and warnings by position, each followed by its notes) and
** prints the GNU-style location, the source line and a caret underline whose
** columns agree with source_position: both measure with text_width.
*/
#include "diag.h"

#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#include "arena.h"
#include "i18n.h"
#include "text.h"

void diags_init(Diags *d, const SourceSet *sources)
{
    d->sources = sources;
    d->items = NULL;
    d->n = d->cap = 0;
    d->n_errors = 0;
    d->n_warnings = 0;
    d->n_header_errors = 0;
}

void diags_free(Diags *d)
{
    for (size_t i = 0; i < d->n; i++) {
        free(d->items[i].msg);
        free(d->items[i].fix);
    }
    free(d->items);
    diags_init(d, d->sources);
}

void diags_truncate(Diags *d, size_t n)
{
    while (d->n > n) {
        Diag *g = &d->items[--d->n];
        if (g->level == DIAG_ERROR)
            d->n_errors--;
        else if (g->level == DIAG_WARNING)
            d->n_warnings--;
        free(g->msg);
        free(g->fix);
    }
}

const char *diags_count_text(size_t errors, size_t warnings, char *buf, size_t n)
{
    char e[64] = "", w[64] = "";
    if (errors || !warnings)
        snprintf(e, sizeof e, P_("%zu fel", "%zu fel", errors), errors);
    if (warnings)
        snprintf(w, sizeof w, P_("%zu varning", "%zu varningar", warnings), warnings);
    snprintf(buf, n, "%s%s%s", e, e[0] && w[0] ? ", " : "", w);
    return buf;
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


/* The last error or warning, or NULL. */
static Diag *last_lead(Diags *d)
{
    for (size_t i = d->n; i-- > 0;)
        if (d->items[i].level != DIAG_NOTE)
            return &d->items[i];
    return NULL;
}

void diag_fix(Diags *d, const char *replacement)
{
    Diag *g = last_lead(d);
    if (g)
        diag_fix_span(d, g->span, replacement);
}

void diag_fix_span(Diags *d, Span at, const char *replacement)
{
    Diag *g = last_lead(d);
    /* A fix needs a place in the diagnostic's own file. */
    if (!g || span_is_none(g->span) || at.file != g->span.file || at.end < at.start)
        return;
    free(g->fix);
    g->fix = xstrdup(replacement);
    g->fix_span = at;
}

bool diag_span_holds(const Diags *d, Span at, const char *text)
{
    if (!d->sources || span_is_none(at) || at.file >= d->sources->n_files)
        return false;
    const SourceFile *f = d->sources->files[at.file];
    if (at.end < at.start || at.end > f->len)
        return false;
    size_t len = at.end - at.start;
    const char *s = f->bytes + at.start;
    if (strlen(text) == len && memcmp(s, text, len) == 0)
        return true;
    /* utf8proc_NFC wants NUL-terminated input: malloc'd copies, freed here. */
    char *copy = xmalloc(len + 1);
    memcpy(copy, s, len);
    copy[len] = '\0';
    utf8proc_uint8_t *a = utf8proc_NFC((const utf8proc_uint8_t *)copy);
    utf8proc_uint8_t *b = utf8proc_NFC((const utf8proc_uint8_t *)text);
    bool same = a && b && strcmp((const char *)a, (const char *)b) == 0;
    free(a);
    free(b);
    free(copy);
    return same;
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
    g->fix = NULL;
    g->fix_span = span;
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

bool diag_hidden(int cp)
{
    if (cp < 0x20 || (cp >= 0x7F && cp < 0xA0))
        return true;
    if (cp < 0xA0)
        return false;
    if (cp < 0x300)
        return cp == 0xAD;   /* Latin letters, the common case, without a lookup */
    switch (cp) {
    case 0x034F:   /* combining grapheme joiner */
    case 0x115F:   /* Hangul fillers: letters that draw nothing */
    case 0x1160:
    case 0x3164:
    case 0xFFA0:
        return true;
    default:
        break;
    }
    switch (utf8proc_category(cp)) {
    case UTF8PROC_CATEGORY_CC:
    case UTF8PROC_CATEGORY_CF:
    case UTF8PROC_CATEGORY_ZL:
    case UTF8PROC_CATEGORY_ZP:
    case UTF8PROC_CATEGORY_CS:
        return true;
    default:
        return false;
    }
}

size_t diag_escape(int cp, unsigned char byte, char *out)
{
    int n = cp < 0 ? snprintf(out, 16, "\\x%02X", byte)
          : cp < 0x80 ? snprintf(out, 16, "\\x%02X", (unsigned)cp)
                      : snprintf(out, 16, "\\u{%04X}", (unsigned)cp);
    return n > 0 ? (size_t)n : 0;
}

void diag_put_shown(const char *s, size_t len, FILE *out)
{
    size_t i = 0, run = 0;
    while (i < len) {
        int cp;
        size_t n = text_decode(s + i, len - i, &cp);
        if (cp >= 0 && !diag_hidden(cp)) {
            i += n;
            continue;
        }
        fwrite(s + run, 1, i - run, out);
        char esc[16];
        fwrite(esc, 1, diag_escape(cp, (unsigned char)s[i], esc), out);
        i += n;
        run = i;
    }
    fwrite(s + run, 1, i - run, out);
}

static void put_spaces(size_t n, FILE *out)
{
    while (n--)
        fputc(' ', out);
}

/* The columns s[0..len) takes when shown, from column col. For a source
** line (`source`, as show() prints it) tabs go to the next multiple of 8 and
** invalid bytes are U+FFFD, 1 column; otherwise (diag_put_shown and the
** escaping stream) both are escapes. Hidden characters are their escape,
** the rest text_width. The caret line measures with this, so it stays under
** the text that is shown. */
static size_t shown_width(const char *s, size_t len, size_t col, bool source)
{
    size_t start = col;
    size_t i = 0;
    while (i < len) {
        unsigned char c = (unsigned char)s[i];
        if (c >= 0x20 && c < 0x7F) {   /* printable ASCII: one column */
            col++;
            i++;
            continue;
        }
        int cp;
        size_t n = text_decode(s + i, len - i, &cp);
        char esc[16];
        if (source && (cp < 0 || cp == '\t'))
            col += text_width(s + i, n, col);
        else if (cp < 0 || diag_hidden(cp))
            col += diag_escape(cp, (unsigned char)s[i], esc);
        else
            col += text_width(s + i, n, col);
        i += n;
    }
    return col - start;
}

size_t diag_shown_width(const char *s, size_t len)
{
    return shown_width(s, len, 0, false);
}

/* Prints a source line as shown_width measures it: tabs expanded, invalid
** bytes as U+FFFD, other control and invisible characters escaped so they
** can neither move the terminal's cursor nor hide. */
static void show(const char *s, size_t len, FILE *out)
{
    size_t col = 0;
    size_t i = 0;
    while (i < len) {
        int cp;
        size_t n = text_decode(s + i, len - i, &cp);
        size_t w = shown_width(s + i, n, col, true);
        if (cp < 0) {
            fputs("\xEF\xBF\xBD", out);
        } else if (cp == '\t') {
            put_spaces(w, out);
        } else if (diag_hidden(cp)) {
            char esc[16];
            fwrite(esc, 1, diag_escape(cp, 0, esc), out);
        } else {
            fwrite(s + i, 1, n, out);
        }
        col += w;
        i += n;
    }
}

/* Source lines longer than this many bytes are shown in part (render). */
enum { DIAG_LINE_MAX = 480 };

static void render(const Diags *d, const Diag *g, FILE *out)
{
    static const char *const words[] = {"error", "warning", "note"};
    const char *word = words[g->level];
    const SourceFile *f = NULL;
    if (d->sources && !span_is_none(g->span))
        f = source_get(d->sources, g->span.file);
    if (!f) {
        fprintf(out, "medel: %s: ", word);
        diag_put_shown(g->msg, strlen(g->msg), out);
        fputc('\n', out);
        return;
    }

    size_t start = g->span.start < f->len ? g->span.start : f->len;
    size_t end = g->span.end < f->len ? g->span.end : f->len;
    SourcePos pos = source_position(f, start);
    diag_put_shown(f->path, strlen(f->path), out);
    fprintf(out, ":%zu:%zu: %s: ", pos.line, pos.col, word);
    diag_put_shown(g->msg, strlen(g->msg), out);
    fputc('\n', out);

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

    /* A line longer than a screen or two (a generated file, a binary one,
    ** a chain of ten thousand terms) is shown as a window around the span,
    ** cut at character boundaries and marked with "…", so one message
    ** stays a few lines, not megabytes. */
    size_t ws = 0, we = llen;
    if (llen > DIAG_LINE_MAX) {
        if (to - from > DIAG_LINE_MAX / 2)
            to = from + DIAG_LINE_MAX / 2;
        ws = from > DIAG_LINE_MAX / 3 ? from - DIAG_LINE_MAX / 3 : 0;
        we = to + DIAG_LINE_MAX / 3 < llen ? to + DIAG_LINE_MAX / 3 : llen;
        while (ws > 0 && ((unsigned char)line[ws] & 0xC0) == 0x80)
            ws--;
        while (we < llen && ((unsigned char)line[we] & 0xC0) == 0x80)
            we++;
        while (to < we && ((unsigned char)line[to] & 0xC0) == 0x80)
            to++;
    }
    int gutter = fprintf(out, "%5zu", pos.line);
    fputs(" | ", out);
    if (ws > 0)
        fputs("…", out);
    show(line + ws, we - ws, out);
    if (we < llen)
        fputs("…", out);
    fputc('\n', out);

    /* As wide as the line number, which is 5 columns until line 99999. */
    fprintf(out, "%*s | ", gutter, "");
    size_t pre = shown_width(line + ws, from - ws, 0, true);
    size_t width = shown_width(line + from, to - from, pre, true);
    put_spaces(pre + (ws > 0), out);
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
        fprintf(out, P_("medel: ytterligare %zu fel eller varning visas inte; rätta de första och kör igen\n",
                        "medel: ytterligare %zu fel och varningar visas inte; rätta de första och kör igen\n", hidden),
                hidden);
    free(keys);
}
