/*
** html.c: the what-if comparison as one self-contained HTML page, in Swedish,
** for policy staff who put a picture of it in a memo. Styles and charts are
** inline (CSS and SVG) so the page opens offline and never makes a request.
**
** Amounts are integer öre from start to end and are shown only through
** money_format; doubles appear only as pixel positions in the charts. Every
** text that comes from a rule file or an application (titles, names, labels,
** reasons) goes through put_text, which escapes it for HTML text and quoted
** attributes alike and replaces invalid UTF-8, because a project title is
** untrusted input. The page depends on nothing but the WhatIf (no time, no
** locale, no addresses), so the same comparison gives the same bytes.
*/
#include "whatif.h"
#include "html.h"

#include "i18n.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "money.h"
#include "text.h"

enum {
    CHART_ROWS = 40,    /* rows in a bar chart, at most */
    CHART_BARS = 160,   /* bars in a bar chart, roughly at most */
    CHART_MIN_ROWS = 8, /* ... but never fewer rows than this */
    LABEL_CHARS = 40,   /* a chart's row label before it is cut with "…" */
    SUB_CHARS = 46,     /* the smaller second line under a row label */
    KEY_CHARS = 32,     /* a legend entry */
    MAX_TICKS = 5,      /* axis intervals, at most */
    MAX_INDENT = 6,     /* deeper pots are indented like this depth */
    STACK_AFTER = 3,    /* more scenarios: differences go under the amounts */
    N_COLOURS = 8       /* the palette; more columns reuse it in order */
};

/* Okabe–Ito colours, which stay apart for the common kinds of colour
** blindness; the baseline is blue and the first scenario orange. Yellow is
** replaced by grey because it vanishes on white. */
static const char *const colours[N_COLOURS] = {
    "#0072B2", "#E69F00", "#56B4E9", "#009E73",
    "#D55E00", "#CC79A7", "#000000", "#8C8C8C"
};

/* ====================================================================
** {====== text
** ==================================================================== */

/* Length of the character at s: its bytes when valid, else the maximal
** invalid subpart (one U+FFFD per subpart, as browsers decode). *cp is -1 for
** an invalid one. */
static size_t step_char(const char *s, size_t len, int *cp)
{
    size_t n = text_decode(s, len, cp);
    if (*cp < 0) {
        size_t bad = 0, bad_len = 1;
        text_valid_utf8(s, len, &bad, &bad_len);
        n = bad_len ? bad_len : 1;
    }
    return n;
}

static size_t count_chars(const char *s)
{
    size_t len = s ? strlen(s) : 0, n = 0;
    for (size_t i = 0; i < len; n++) {
        int cp;
        i += step_char(s + i, len - i, &cp);
    }
    return n;
}

/* Writes s (NULL: nothing) so that it is safe between tags and inside a
** quoted attribute: & < > " ' are escaped, and invalid UTF-8 and control
** characters become U+FFFD (copied through they would make the page invalid
** or hide text). With max > 0 a longer text is cut to max characters, the
** last being "…", on a character boundary: chart labels must fit their
** space. The one writer of outside text: everything else is our own. */
static void put_text(FILE *out, const char *s, size_t max)
{
    if (!s)
        return;
    size_t len = strlen(s);
    size_t keep = max > 0 && count_chars(s) > max ? max - 1 : SIZE_MAX;
    size_t i = 0;
    for (size_t n = 0; i < len && n < keep; n++) {
        int cp;
        size_t k = step_char(s + i, len - i, &cp);
        switch (cp) {
        case '&': fputs("&amp;", out); break;
        case '<': fputs("&lt;", out); break;
        case '>': fputs("&gt;", out); break;
        case '"': fputs("&quot;", out); break;
        case '\'': fputs("&#39;", out); break;
        default:
            if (cp < 0 || (cp < 0x20 && cp != '\t' && cp != '\n' && cp != '\r') ||
                (cp >= 0x7F && cp < 0xA0))
                fputs("\xEF\xBF\xBD", out);
            else
                fwrite(s + i, 1, k, out);
        }
        i += k;
    }
    if (i < len)
        fputs("…", out);
}

/* A column's name; columns without one still need a readable name. */
static void put_column(FILE *out, const WhatIf *w, size_t c, size_t max)
{
    if (c == 0)   /* "baslinje" in the comparison: a name in the chosen language here */
        put_text(out, _("baslinje"), max);
    else if (w->column && w->column[c])
        put_text(out, w->column[c], max);
    else
        fprintf(out, _("scenario %zu"), c);
}

static const char *column_label(const WhatIf *w, size_t c)
{
    return w->column_label ? w->column_label[c] : NULL;
}

/* An amount, "15 000 000 kr"; a negative one with a true minus sign. */
static void put_money(FILE *out, Money m)
{
    char buf[48];
    money_format(m, buf, sizeof buf);
    if (buf[0] == '-')
        fprintf(out, "−%s", buf + 1);
    else
        fputs(buf, out);
}

/* A difference with its sign always written ("+1 000 kr", "−1 000 kr"), so
** that it reads the same printed in black and white. */
static void put_diff(FILE *out, Money d)
{
    if (d > 0)
        fputc('+', out);
    put_money(out, d);
}

void html_text(FILE *out, const char *s, size_t max)
{
    put_text(out, s, max);
}

void html_money(FILE *out, Money m)
{
    put_money(out, m);
}

/* The class that colours a difference: up, down or unchanged. */
static const char *diff_class(Money d)
{
    return d > 0 ? "up" : d < 0 ? "down" : "same";
}

/* A pixel position with one decimal, written by hand: printf's %f follows
** LC_NUMERIC and would write "12,5" under a Swedish locale, breaking SVG. */
static void put_px(FILE *out, double x)
{
    long t = (long)(x * 10.0 + (x < 0 ? -0.5 : 0.5));
    if (t < 0) {
        fputc('-', out);
        t = -t;
    }
    fprintf(out, "%ld.%ld", t / 10, t % 10);
}

/* The verdict shown in the report, in the reader's language. */
static const char *status_text(Verdict s)
{
    return verdict_word(s, VERDICT_PEOPLE);
}

static const char *status_class(Verdict s)
{
    switch (s) {
    case VERDICT_ELIGIBLE: return "yes";
    case VERDICT_INELIGIBLE: return "no";
    case VERDICT_MANUAL: return "manual";
    case VERDICT_NOT_APPLICABLE:
    case VERDICT_ABSENT: return "absent";
    case VERDICT_REJECTED: return "no";
    case N_VERDICTS: break;
    }
    return "absent";
}

/* }====== */

/* ====================================================================
** {====== rows and their changes
** ==================================================================== */

/* |a - b| without overflow: the difference of two int64 always fits a
** uint64, and unsigned arithmetic wraps to exactly it. */
static uint64_t distance(Money a, Money b)
{
    return a >= b ? (uint64_t)a - (uint64_t)b : (uint64_t)b - (uint64_t)a;
}

/* Does the row differ from the baseline in any scenario? */
static bool changed(const WhatIf *w, const WhatIfRow *r)
{
    for (size_t c = 1; c < w->n_columns; c++)
        if (r->amount[c] != r->amount[0] || r->present[c] != r->present[0])
            return true;
    return false;
}

typedef struct Rank {
    uint64_t change;   /* the largest |scenario - baseline| */
    uint64_t size;     /* the largest |amount| */
    size_t i;
} Rank;

/* Largest change first, then the larger amount, then the earlier row: a
** total order, so qsort gives the same choice every time. */
static int cmp_rank(const void *a, const void *b)
{
    const Rank *x = a, *y = b;
    if (x->change != y->change)
        return x->change < y->change ? 1 : -1;
    if (x->size != y->size)
        return x->size < y->size ? 1 : -1;
    return (x->i > y->i) - (x->i < y->i);
}

static int cmp_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return (x > y) - (x < y);
}

/* The rows a bar chart draws. */
typedef struct Pick {
    size_t *rows;        /* indices into the section's rows, in drawing order */
    size_t n;            /* how many */
    size_t n_changed;    /* rows that differ from the baseline somewhere */
} Pick;

/* Chooses the rows a chart shows, so that it answers "what changes?" and
** stays readable with a thousand applications: only the rows that change in
** some scenario (every row when none does), and of those at most `limit`,
** the ones that change most (or, with no change, the largest). The chosen
** rows are drawn in their own order when keep_order (pots: tree order) or
** when all fit, else largest first. Returns false when out of memory. */
static bool pick_rows(const WhatIf *w, const WhatIfRow *rows, size_t n, size_t limit,
                      bool keep_order, Pick *p)
{
    p->rows = malloc((n ? n : 1) * sizeof *p->rows);
    if (!p->rows)
        return false;
    p->n_changed = 0;
    for (size_t i = 0; i < n; i++)
        if (changed(w, &rows[i]))
            p->rows[p->n_changed++] = i;
    p->n = p->n_changed;
    if (p->n == 0) {
        for (size_t i = 0; i < n; i++)
            p->rows[i] = i;
        p->n = n;
    }
    if (p->n <= limit)
        return true;
    Rank *rank = malloc(p->n * sizeof *rank);
    if (!rank) {
        free(p->rows);
        return false;
    }
    for (size_t k = 0; k < p->n; k++) {
        const WhatIfRow *r = &rows[p->rows[k]];
        rank[k] = (Rank){0, 0, p->rows[k]};
        for (size_t c = 0; c < w->n_columns; c++) {
            uint64_t d = distance(r->amount[c], r->amount[0]);
            uint64_t s = distance(r->amount[c], 0);
            if (d > rank[k].change)
                rank[k].change = d;
            if (s > rank[k].size)
                rank[k].size = s;
        }
    }
    qsort(rank, p->n, sizeof *rank, cmp_rank);
    for (size_t k = 0; k < limit; k++)
        p->rows[k] = rank[k].i;
    free(rank);
    p->n = limit;
    if (keep_order)
        qsort(p->rows, p->n, sizeof *p->rows, cmp_index);
    return true;
}

/* How many rows a bar chart may have: fewer when every row has many bars
** (a sweep), so the chart stays a picture and not a wall. */
static size_t chart_limit(const WhatIf *w)
{
    size_t by_bars = CHART_BARS / (w->n_columns ? w->n_columns : 1);
    if (by_bars < CHART_MIN_ROWS)
        by_bars = CHART_MIN_ROWS;
    return by_bars < CHART_ROWS ? by_bars : CHART_ROWS;
}

/* }====== */

/* ====================================================================
** {====== axes
** ==================================================================== */

/* A value axis from lo to hi with ticks every step (step 0: ticks only at
** the two ends, when no round step fits). */
typedef struct Axis {
    Money lo, hi, step;
} Axis;

/* v rounded down (up) to a multiple of step; false on overflow. */
static bool round_to(Money v, Money step, bool up, Money *out)
{
    Money q = v / step;
    if (v % step != 0 && (v < 0) != up)
        q += up ? 1 : -1;
    return money_mul_int(q, step, out);
}

/* Chooses round ticks, 1, 2 or 5 times a power of ten kronor, so that
** [min, max] fits in at most MAX_TICKS intervals. Integer only: each tick
** label is an exact amount. */
static Axis axis_for(Money min, Money max)
{
    static const int mult[] = {1, 2, 5};
    for (Money base = MONEY_ORE_PER_KR; base <= INT64_MAX / 50; base *= 10)
        for (int k = 0; k < 3; k++) {
            Money step = base * mult[k], lo, hi, span;
            if (!round_to(min, step, false, &lo) || !round_to(max, step, true, &hi))
                continue;
            if (hi == lo && !money_add(hi, step, &hi))
                continue;
            if (money_sub(hi, lo, &span) && span / step <= MAX_TICKS)
                return (Axis){lo, hi, step};
        }
    /* Amounts near the öre range's end: no round ticks, only the ends. */
    Axis a = {min, max, 0};
    if (a.hi == a.lo) {
        if (a.hi < INT64_MAX)
            a.hi++;
        else
            a.lo--;
    }
    return a;
}

static size_t n_ticks(const Axis *a)
{
    return a->step > 0 ? (size_t)((a->hi - a->lo) / a->step) + 1 : 2;
}

static Money tick(const Axis *a, size_t k)
{
    if (a->step > 0)
        return a->lo + (Money)k * a->step;
    return k == 0 ? a->lo : a->hi;
}

/* The pixel position of v between from (lo) and to (hi); a position only,
** never shown as an amount. */
static double px(const Axis *a, Money v, double from, double to)
{
    double span = (double)a->hi - (double)a->lo;
    return from + (to - from) * (((double)v - (double)a->lo) / span);
}

/* }====== */

/* ====================================================================
** {====== bar charts
** ==================================================================== */

/* Geometry of a bar chart, in SVG units (1 unit = 1 CSS pixel at full
** width). Labels on the left, bars in the middle, the amounts (and each
** scenario's difference) written after each bar. */
enum {
    BW = 1000,         /* width */
    B_PLOT_L = 310,    /* where the value axis starts */
    B_PLOT_R = 760,    /* where it ends; the rest is for the amounts */
    B_KEY_H = 22,      /* one line of legend */
    B_GAP = 12         /* between two rows' groups of bars */
};

/* Estimated width of a legend entry: swatch, text and space after it. The
** text is at most KEY_CHARS characters at about 7 units each. */
static long key_width(const WhatIf *w, size_t c)
{
    size_t n = c == 0 ? count_chars(_("baslinje")) : w->column && w->column[c] ? count_chars(w->column[c]) : 11;
    if (n > KEY_CHARS)
        n = KEY_CHARS;
    return 20 + 7 * (long)n + 24;
}

/* The legend's entries laid out in lines across the chart; returns the
** number of lines, and draws them when out is not NULL. */
static long put_legend(FILE *out, const WhatIf *w, long y0)
{
    long x = 8, y = y0;
    for (size_t c = 0; c < w->n_columns; c++) {
        long kw = key_width(w, c);
        if (x > 8 && x + kw > BW - 8) {
            x = 8;
            y += B_KEY_H;
        }
        if (out) {
            fprintf(out, "<g class=\"key\"><rect class=\"s%zu\" x=\"%ld\" y=\"%ld\" "
                    "width=\"14\" height=\"14\"/><text x=\"%ld\" y=\"%ld\">",
                    c % N_COLOURS, x, y, x + 20, y + 12);
            put_column(out, w, c, KEY_CHARS);
            fputs("</text></g>\n", out);
        }
        x += kw;
    }
    return (y - y0) / B_KEY_H + 1;
}

/* A label for a tick of the value axis. */
static void put_tick_label(FILE *out, double x, long y, Money t)
{
    fputs("<text class=\"tick\" x=\"", out);
    put_px(out, x);
    fprintf(out, "\" y=\"%ld\" text-anchor=\"middle\">", y);
    put_money(out, t);
    fputs("</text>\n", out);
}

/* A vertical grid line at each tick of the value axis, labelled above and
** below the bars: a long chart cut for a memo keeps its scale. */
static void put_ticks(FILE *out, const Axis *ax, long top, long bottom)
{
    fputs("<g class=\"axis\">\n", out);
    for (size_t k = 0; k < n_ticks(ax); k++) {
        Money t = tick(ax, k);
        double x = px(ax, t, B_PLOT_L, B_PLOT_R);
        fputs("<line class=\"grid\" x1=\"", out);
        put_px(out, x);
        fprintf(out, "\" y1=\"%ld\" x2=\"", top - 4);
        put_px(out, x);
        fprintf(out, "\" y2=\"%ld\"/>\n", bottom);
        put_tick_label(out, x, top - 9, t);
        put_tick_label(out, x, bottom + 17, t);
    }
    fputs("</g>\n", out);
}

/* " (+500 000 kr)" after a bar's amount, coloured like the tables. */
static void put_diff_span(FILE *out, Money d)
{
    fprintf(out, " <tspan class=\"%s\">(", diff_class(d));
    put_diff(out, d);
    fputs(")</tspan>", out);
}

/* One row's group of bars: its label, and one bar per column with the
** amount (and the difference) after it. */
static void put_group(FILE *out, const WhatIf *w, const WhatIfRow *r,
                      const Axis *ax, long y, long bar_h, long group_h, bool indent)
{
    fputs("<g class=\"row\">", out);
    long depth = indent ? (r->depth < 0 ? 0 : r->depth > MAX_INDENT ? MAX_INDENT : r->depth) : 0;
    long mid = y + group_h / 2;
    bool two_lines = r->label && r->label[0] && group_h >= 40;
    fprintf(out, "\n<text class=\"name\" x=\"%ld\" y=\"%ld\">", 8 + 14 * depth,
            two_lines ? mid - 3 : mid + 4);
    put_text(out, r->name, LABEL_CHARS - (size_t)depth * 2);
    fputs("</text>", out);
    if (two_lines) {
        fprintf(out, "<text class=\"sub\" x=\"%ld\" y=\"%ld\">", 8 + 14 * depth, mid + 12);
        put_text(out, r->label, SUB_CHARS - (size_t)depth * 2);
        fputs("</text>", out);
    }
    fputc('\n', out);
    double x0 = px(ax, 0, B_PLOT_L, B_PLOT_R);
    for (size_t c = 0; c < w->n_columns; c++) {
        long by = y + B_GAP / 2 + (long)c * (bar_h + 2);
        Money d = 0;
        bool has_diff = c > 0 && money_sub(r->amount[c], r->amount[0], &d) && d != 0;
        if (!r->present[c]) {
            /* No bar, but the text says so and what the row lost. */
            fprintf(out, "<text class=\"none\" x=\"%d\" y=\"%ld\">", B_PLOT_L + 4,
                    by + bar_h - 3);
            put_column(out, w, c, KEY_CHARS);
            fputs(_(": finns inte"), out);
            if (has_diff) {
                put_diff_span(out, d);
            }
            fputs("</text>\n", out);
            continue;
        }
        double xv = px(ax, r->amount[c], B_PLOT_L, B_PLOT_R);
        double left = xv < x0 ? xv : x0, right = xv < x0 ? x0 : xv;
        fprintf(out, "<rect class=\"s%zu\" x=\"", c % N_COLOURS);
        put_px(out, left);
        fprintf(out, "\" y=\"%ld\" width=\"", by);
        put_px(out, right - left);
        fprintf(out, "\" height=\"%ld\"><title>", bar_h);
        put_text(out, r->name, 0);
        fputs(" – ", out);
        put_column(out, w, c, 0);
        fputs(": ", out);
        put_money(out, r->amount[c]);
        if (has_diff) {
            fputs(" (", out);
            put_diff(out, d);
            fputs(_(" mot baslinjen)"), out);
        }
        fputs("</title></rect>", out);
        if (bar_h >= 12) {
            fputs("<text class=\"val\" x=\"", out);
            put_px(out, right + 5);
            fprintf(out, "\" y=\"%ld\">", by + bar_h - 3);
            put_money(out, r->amount[c]);
            if (has_diff) {
                put_diff_span(out, d);
            }
            fputs("</text>", out);
        }
        fputc('\n', out);
    }
    fputs("</g>\n", out);
}

/* A horizontal grouped bar chart of the picked rows: one bar per column,
** baseline first, in the legend's colours and order. */
static void put_bars(FILE *out, const WhatIf *w, const WhatIfRow *rows,
                     const size_t *pick, size_t n, bool indent,
                     const char *id, const char *what)
{
    size_t nc = w->n_columns;
    long bar_h = nc <= 3 ? 16 : nc <= 6 ? 12 : 8;   /* 12: room for the amounts */
    long group_h = (long)nc * (bar_h + 2) - 2 + B_GAP;
    if (group_h < 28)
        group_h = 28;   /* room for the row's label */

    Money lo = 0, hi = 0;   /* bars start at zero */
    for (size_t i = 0; i < n; i++)
        for (size_t c = 0; c < nc; c++) {
            const WhatIfRow *r = &rows[pick[i]];
            if (!r->present[c])
                continue;
            if (r->amount[c] < lo)
                lo = r->amount[c];
            if (r->amount[c] > hi)
                hi = r->amount[c];
        }
    Axis ax = axis_for(lo, hi);

    long top = 8 + put_legend(NULL, w, 8) * B_KEY_H + 28;
    long bottom = top + (long)n * group_h;
    long height = bottom + 28;
    fprintf(out, "<svg class=\"bars\" viewBox=\"0 0 %d %ld\" width=\"%d\" height=\"%ld\" "
            "role=\"img\" aria-labelledby=\"%s-t %s-d\">\n", BW, height, BW, height, id, id);
    fprintf(out, "<title id=\"%s-t\">", id);
    put_text(out, what, 0);
    fputs(_(": baslinjen och varje scenario"), out);
    fprintf(out, "</title>\n<desc id=\"%s-d\">%s</desc>\n", id,
            _("Liggande stapeldiagram med en stapel per kolumn för varje rad, i legendens ordning. "
              "Beloppet och skillnaden mot baslinjen står efter varje stapel."));
    fputs("<g class=\"legend\">\n", out);
    put_legend(out, w, 8);
    fputs("</g>\n", out);
    /* Every other row on a light band, under the grid, so the eye can
    ** follow a row from its label to its bars. */
    for (size_t i = 0; i < n; i += 2)
        fprintf(out, "<rect class=\"band\" x=\"0\" y=\"%ld\" width=\"%d\" height=\"%ld\"/>\n",
                top + (long)i * group_h, BW, group_h);
    put_ticks(out, &ax, top, bottom);
    for (size_t i = 0; i < n; i++)
        put_group(out, w, &rows[pick[i]], &ax, top + (long)i * group_h, bar_h,
                  group_h, indent);
    double x0 = px(&ax, 0, B_PLOT_L, B_PLOT_R);
    fputs("<line class=\"zero\" x1=\"", out);
    put_px(out, x0);
    fprintf(out, "\" y1=\"%ld\" x2=\"", top - 4);
    put_px(out, x0);
    fprintf(out, "\" y2=\"%ld\"/>\n</svg>\n", bottom);
}

/* }====== */

/* ====================================================================
** {====== the sweep chart
** ==================================================================== */

enum {
    SW = 1000, SH = 440,
    S_L = 150, S_R = 960,   /* plot area, x */
    S_T = 50, S_B = 350     /* plot area, y */
};

/* Columns in order of their swept value (then column), for the lines. */
static int cmp_sweep(const void *a, const void *b, const Money *v)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    if (v[x] != v[y])
        return v[x] < v[y] ? -1 : 1;
    return (x > y) - (x < y);
}

/* Insertion sort: qsort cannot pass the values to its comparator without a
** global, and sweeps have tens of points. */
static void sort_sweep(size_t *idx, size_t n, const Money *v)
{
    for (size_t i = 1; i < n; i++)
        for (size_t j = i; j > 0 && cmp_sweep(&idx[j - 1], &idx[j], v) > 0; j--) {
            size_t t = idx[j];
            idx[j] = idx[j - 1];
            idx[j - 1] = t;
        }
}

/* A point's tooltip: "ungdomsmottagningar 20 000 000 kr: beviljat 19 …". */
static void put_point_title(FILE *out, const WhatIf *w, size_t c, const char *what, Money m)
{
    fputs("<title>", out);
    put_column(out, w, c, 0);
    fputs(" (", out);
    put_text(out, w->sweep_what, 0);
    fputs(" ", out);
    put_money(out, w->sweep_value[c]);
    fprintf(out, "): %s ", what);
    put_money(out, m);
    fputs("</title>", out);
}

static void put_line(FILE *out, const WhatIf *w, const size_t *idx, const Money *y,
                     const Axis *ax, const Axis *ay, const char *cls)
{
    if (w->n_columns < 2)
        return;
    fprintf(out, "<polyline class=\"line %s\" points=\"", cls);
    for (size_t k = 0; k < w->n_columns; k++) {
        size_t c = idx[k];
        if (k > 0)
            fputc(' ', out);
        put_px(out, px(ax, w->sweep_value[c], S_L, S_R));
        fputc(',', out);
        put_px(out, px(ay, y[c], S_B, S_T));
    }
    fputs("\"/>\n", out);
}

/* The line chart of a sweep: granted (solid, circles) and unallocated
** (dashed, squares) against the swept amount, so the two stay apart without
** colour too. */
static void put_sweep(FILE *out, const WhatIf *w)
{
    size_t nc = w->n_columns;
    size_t *idx = malloc(nc * sizeof *idx);
    if (!idx) {
        fprintf(out, "<p class=\"note\">%s</p>\n", _("Diagrammet kunde inte ritas: minnet tog slut."));
        return;
    }
    Money xlo = w->sweep_value[0], xhi = xlo, ylo = 0, yhi = 0;
    for (size_t c = 0; c < nc; c++) {
        idx[c] = c;
        const Money v[] = {w->granted[c], w->unallocated[c]};
        if (w->sweep_value[c] < xlo)
            xlo = w->sweep_value[c];
        if (w->sweep_value[c] > xhi)
            xhi = w->sweep_value[c];
        for (int k = 0; k < 2; k++) {
            if (v[k] < ylo)
                ylo = v[k];
            if (v[k] > yhi)
                yhi = v[k];
        }
    }
    sort_sweep(idx, nc, w->sweep_value);
    Axis ax = axis_for(xlo, xhi), ay = axis_for(ylo, yhi);

    fputs("<figure>\n", out);
    fprintf(out, "<svg class=\"sweep\" viewBox=\"0 0 %d %d\" width=\"%d\" height=\"%d\" "
            "role=\"img\" aria-labelledby=\"svep-t svep-d\">\n", SW, SH, SW, SH);
    fputs("<title id=\"svep-t\">", out);
    /* "Beviljat och ej fördelat när %s varieras", the name escaped */
    const char *tt = _("Beviljat och ej fördelat när %s varieras"), *at = strstr(tt, "%s");
    fwrite(tt, 1, at ? (size_t)(at - tt) : strlen(tt), out);
    if (at) {
        put_text(out, w->sweep_what, 0);
        fputs(at + 2, out);
    }
    fprintf(out, "</title>\n<desc id=\"svep-d\">%s</desc>\n",
            _("Linjediagram. Vågrätt: det varierade beloppet. Lodrätt: beviljat (heldragen linje, cirklar) och ej "
              "fördelat (streckad linje, kvadrater)."));

    /* Legend: a short piece of each line with its marker. */
    fprintf(out, "<g class=\"legend\">\n<g class=\"key\"><line class=\"line s0\" x1=\"%d\" "
            "y1=\"20\" x2=\"%d\" y2=\"20\"/><circle class=\"mark s0\" cx=\"%d\" cy=\"20\" "
            "r=\"5\"/><text x=\"%d\" y=\"25\">%s</text></g>\n", S_L, S_L + 36,
            S_L + 18, S_L + 44, _("Beviljat"));
    fprintf(out, "<g class=\"key\"><line class=\"line dash s1\" x1=\"%d\" y1=\"20\" "
            "x2=\"%d\" y2=\"20\"/><rect class=\"mark s1\" x=\"%d\" y=\"15\" width=\"10\" "
            "height=\"10\"/><text x=\"%d\" y=\"25\">%s</text></g>\n</g>\n",
            S_L + 150, S_L + 186, S_L + 163, S_L + 194, _("Ej fördelat"));

    fputs("<g class=\"axis\">\n", out);
    for (size_t k = 0; k < n_ticks(&ay); k++) {
        double y = px(&ay, tick(&ay, k), S_B, S_T);
        fprintf(out, "<line class=\"grid\" x1=\"%d\" y1=\"", S_L);
        put_px(out, y);
        fprintf(out, "\" x2=\"%d\" y2=\"", S_R);
        put_px(out, y);
        fprintf(out, "\"/><text class=\"tick\" x=\"%d\" y=\"", S_L - 8);
        put_px(out, y + 4);
        fputs("\" text-anchor=\"end\">", out);
        put_money(out, tick(&ay, k));
        fputs("</text>\n", out);
    }
    for (size_t k = 0; k < n_ticks(&ax); k++) {
        double x = px(&ax, tick(&ax, k), S_L, S_R);
        fputs("<line class=\"grid\" x1=\"", out);
        put_px(out, x);
        fprintf(out, "\" y1=\"%d\" x2=\"", S_T);
        put_px(out, x);
        fprintf(out, "\" y2=\"%d\"/><text class=\"tick\" x=\"", S_B);
        put_px(out, x);
        fprintf(out, "\" y=\"%d\" text-anchor=\"middle\">", S_B + 18);
        put_money(out, tick(&ax, k));
        fputs("</text>\n", out);
    }
    fprintf(out, "<rect class=\"frame\" x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" "
            "fill=\"none\"/>\n", S_L, S_T, S_R - S_L, S_B - S_T);
    fprintf(out, "<text class=\"axislabel\" x=\"%d\" y=\"%d\" text-anchor=\"middle\">",
            (S_L + S_R) / 2, S_B + 48);
    put_text(out, w->sweep_what, 0);
    fputs(" (kr)</text>\n", out);
    fprintf(out, "<text class=\"axislabel\" x=\"18\" y=\"%d\" text-anchor=\"middle\" "
            "transform=\"rotate(-90 18 %d)\">%s</text>\n</g>\n",
            (S_T + S_B) / 2, (S_T + S_B) / 2, _("Belopp (kr)"));

    /* The baseline's value, marked so the reader sees where today is. */
    double xb = px(&ax, w->sweep_value[0], S_L, S_R);
    fputs("<line class=\"basemark\" x1=\"", out);
    put_px(out, xb);
    fprintf(out, "\" y1=\"%d\" x2=\"", S_T);
    put_px(out, xb);
    fprintf(out, "\" y2=\"%d\"/><text class=\"tick\" x=\"", S_B);
    put_px(out, xb + 4);
    fprintf(out, "\" y=\"%d\">", S_T + 14);
    put_column(out, w, 0, KEY_CHARS);
    fputs("</text>\n", out);

    put_line(out, w, idx, w->granted, &ax, &ay, "s0");
    put_line(out, w, idx, w->unallocated, &ax, &ay, "dash s1");
    for (size_t k = 0; k < nc; k++) {
        size_t c = idx[k];
        double x = px(&ax, w->sweep_value[c], S_L, S_R);
        double yg = px(&ay, w->granted[c], S_B, S_T);
        double yu = px(&ay, w->unallocated[c], S_B, S_T);
        fputs("<circle class=\"mark s0\" cx=\"", out);
        put_px(out, x);
        fputs("\" cy=\"", out);
        put_px(out, yg);
        fputs("\" r=\"5\">", out);
        put_point_title(out, w, c, _("beviljat"), w->granted[c]);
        fputs("</circle>\n<rect class=\"mark s1\" x=\"", out);
        put_px(out, x - 5);
        fputs("\" y=\"", out);
        put_px(out, yu - 5);
        fputs("\" width=\"10\" height=\"10\">", out);
        put_point_title(out, w, c, _("ej fördelat"), w->unallocated[c]);
        fputs("</rect>\n", out);
    }
    fprintf(out, "</svg>\n<figcaption>%s</figcaption>\n</figure>\n",
            _("Varje punkt är en kolumn i sammanfattningen; den prickade linjen är baslinjen."));
    free(idx);
}

/* }====== */

/* ====================================================================
** {====== sections
** ==================================================================== */

static const char css[] =
    "body{font-family:\"Liberation Sans\",Arial,\"DejaVu Sans\",Helvetica,sans-serif;"
    "color:#1a1a1a;background:#fff;margin:0 auto;padding:24px 32px;max-width:1120px;"
    "line-height:1.4}\n"
    "h1{font-size:1.75em;margin:0 0 .2em}\n"
    "h2{font-size:1.3em;margin:1.8em 0 .5em;padding-bottom:.15em;"
    "border-bottom:2px solid #0072B2}\n"
    ".lead{font-size:1.05em;margin:.2em 0 1em;color:#333}\n"
    ".note{color:#444;font-size:.92em;margin:.3em 0}\n"
    "table{border-collapse:collapse;margin:.6em 0 1.2em;"
    "font-variant-numeric:tabular-nums}\n"
    "caption{text-align:left;color:#444;font-size:.92em;padding-bottom:.3em}\n"
    "th,td{padding:.3em .55em;border-bottom:1px solid #d6d6d6;text-align:right;"
    "white-space:nowrap;vertical-align:top}\n"
    "thead th{background:#eef2f7;border-bottom:2px solid #666;text-align:center;"
    "white-space:normal}\n"
    "th[scope=row],td.text{text-align:left;white-space:normal;max-width:26em}\n"
    "tbody th{font-weight:normal}\n"
    ".label{display:block;color:#555;font-size:.88em}\n"
    ".colname{white-space:nowrap}\n"
    ".up{color:#0b4f8a;background:#e3eefa;font-weight:bold}\n"
    ".down{color:#8a3b00;background:#fdebd8;font-weight:bold}\n"
    ".same{color:#777}\n"
    "td span.up,td span.down,td span.same{display:block;font-size:.9em;"
    "margin-top:.1em;padding:0 .2em}\n"
    ".absent{color:#666;font-style:italic}\n"
    "td.ok{color:#0b4f8a;font-weight:bold}\n"
    "td.bad{color:#fff;background:#a33c00;font-weight:bold}\n"
    "td.why{white-space:normal;text-align:left;max-width:34em}\n"
    ".st{padding:0 .3em;border-radius:3px}\n"
    ".st.yes{background:#e3eefa}\n"
    ".st.no{background:#fdebd8}\n"
    ".st.manual{background:#eee;border:1px dashed #777}\n"
    ".st.absent{background:#f4f4f4}\n"
    "tr.d1 th[scope=row]{padding-left:1.9em}\n"
    "tr.d2 th[scope=row]{padding-left:3.1em}\n"
    "tr.d3 th[scope=row]{padding-left:4.3em}\n"
    "tr.d4 th[scope=row]{padding-left:5.5em}\n"
    "tr.d5 th[scope=row]{padding-left:6.7em}\n"
    "tr.d6 th[scope=row]{padding-left:7.9em}\n"
    "tr.d0 th[scope=row]{font-weight:bold}\n"
    "figure{margin:.6em 0 1em}\n"
    "figcaption{color:#444;font-size:.92em;margin-top:.3em}\n"
    "svg{display:block;max-width:100%;height:auto;font-size:13px}\n"
    "svg text{fill:#1a1a1a}\n"
    "svg .band{fill:#f2f4f7}\n"
    "svg .grid{stroke:#c8c8c8;stroke-width:1}\n"
    "svg .zero,svg .frame{stroke:#333;stroke-width:1.5}\n"
    "svg .tick{fill:#444;font-size:12px}\n"
    "svg .name{font-weight:bold}\n"
    "svg .sub{fill:#555;font-size:12px}\n"
    "svg .val{font-size:12px}\n"
    "svg .none{fill:#666;font-style:italic;font-size:12px}\n"
    "svg tspan.up{fill:#0b4f8a;font-weight:bold}\n"
    "svg tspan.down{fill:#a33c00;font-weight:bold}\n"
    "svg .axislabel{font-size:14px;font-weight:bold}\n"
    "svg .line{fill:none;stroke-width:2.5}\n"
    "svg .dash{stroke-dasharray:8 5}\n"
    "svg .mark{stroke:#fff;stroke-width:1.5}\n"
    "svg .basemark{stroke:#555;stroke-width:1.5;stroke-dasharray:2 4}\n"
    ".sw{display:inline-block;width:.8em;height:.8em;margin-right:.45em;"
    "border:1px solid #333;vertical-align:-.05em}\n"
    "footer{margin-top:2em;color:#555;font-size:.88em}\n"
    "@media print{body{padding:0;max-width:none}}\n";

/* A colour swatch for column c, matching the charts. */
static void put_swatch(FILE *out, size_t c)
{
    fprintf(out, "<span class=\"sw s%zu\" aria-hidden=\"true\"></span>", c % N_COLOURS);
}

/* The scenarios' header cell: the name, with the description (if any) as
** its tooltip. */
static void put_column_head(FILE *out, const WhatIf *w, size_t c, const char *extra)
{
    fputs("<th scope=\"col\"", out);
    if (extra)
        fputs(extra, out);
    if (column_label(w, c)) {
        fputs(" title=\"", out);
        put_text(out, column_label(w, c), 0);
        fputc('"', out);
    }
    fputc('>', out);
    put_swatch(out, c);
    put_column(out, w, c, 0);
    fputs("</th>", out);
}

/* The difference of a row in column c from the baseline, as a tag: a cell
** of its own, or a line under the amount when columns are stacked. A row
** missing in a column counts as 0 there, and says so. */
static void put_change(FILE *out, const WhatIfRow *r, size_t c, const char *tag)
{
    Money d;
    if (!r->present[c] && !r->present[0]) {
        fprintf(out, "<%s class=\"same\">–</%s>", tag, tag);
    } else if (!money_sub(r->amount[c], r->amount[0], &d)) {
        fprintf(out, "<%s>%s</%s>", tag, _("för stort"), tag);
    } else {
        fprintf(out, "<%s class=\"%s\">", tag, diff_class(d));
        put_diff(out, d);
        if (!r->present[0])
            fputs(_(" (ny)"), out);
        else if (!r->present[c])
            fputs(_(" (borttagen)"), out);
        fprintf(out, "</%s>", tag);
    }
}

/* A row's amount in column c and, for a scenario, its difference: in a
** cell of its own, or under the amount when stacked. */
static void put_amount_cells(FILE *out, const WhatIfRow *r, size_t c, bool stacked)
{
    if (r->present[c]) {
        fputs("<td>", out);
        put_money(out, r->amount[c]);
    } else {
        fprintf(out, "<td class=\"absent\">%s", _("finns inte"));
    }
    if (c > 0 && stacked)
        put_change(out, r, c, "span");
    fputs("</td>", out);
    if (c > 0 && !stacked)
        put_change(out, r, c, "td");
}

/* A comparison table: a row per pot or recipient, the baseline and, per
** scenario, its amount and the difference. With more than STACK_AFTER
** scenarios the difference goes under the amount, in the same cell, so
** that the table still fits the page (a sweep has many columns). */
static void put_table(FILE *out, const WhatIf *w, const WhatIfRow *rows, size_t n,
                      const char *what, bool indent)
{
    size_t nc = w->n_columns;
    bool stacked = nc > STACK_AFTER + 1;
    bool two_heads = nc > 1 && !stacked;
    fprintf(out, "<table class=\"cmp%s\">\n<caption>", stacked ? " stacked" : "");
    if (stacked)
        fputs(_("Belopp i varje kolumn, och under det skillnaden mot baslinjen "
                "(scenario minus baslinje): + betyder mer än i baslinjen, − mindre."), out);
    else if (nc > 1)
        fputs(_("Belopp i varje kolumn. Skillnad = scenario minus baslinje: + betyder "
                "mer än i baslinjen, − mindre."), out);
    else
        fputs(_("Belopp i baslinjen."), out);
    fputs("</caption>\n<thead>\n<tr>", out);
    const char *span = two_heads ? " rowspan=\"2\"" : "";
    fprintf(out, "<th scope=\"col\"%s>%s</th>", span, what);
    put_column_head(out, w, 0, span);
    for (size_t c = 1; c < nc; c++)
        put_column_head(out, w, c, stacked ? NULL : " colspan=\"2\"");
    fputs("</tr>\n", out);
    if (two_heads) {
        fputs("<tr>", out);
        for (size_t c = 1; c < nc; c++)
            fprintf(out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>", _("Belopp"), _("Skillnad"));
        fputs("</tr>\n", out);
    }
    fputs("</thead>\n<tbody>\n", out);
    for (size_t i = 0; i < n; i++) {
        const WhatIfRow *r = &rows[i];
        int depth = r->depth < 0 ? 0 : r->depth > MAX_INDENT ? MAX_INDENT : r->depth;
        fprintf(out, "<tr class=\"%s d%d\"><th scope=\"row\">",
                indent ? "pot" : "grant", indent ? depth : 0);
        put_text(out, r->name, 0);
        if (r->label && r->label[0]) {
            fputs("<span class=\"label\">", out);
            put_text(out, r->label, 0);
            fputs("</span>", out);
        }
        fputs("</th>", out);
        for (size_t c = 0; c < nc; c++)
            put_amount_cells(out, r, c, stacked);
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n", out);
}

/* A figure with the bar chart of a section, and a caption that says which
** rows it draws when it does not draw them all. */
static void put_figure(FILE *out, const WhatIf *w, const WhatIfRow *rows, size_t n,
                       bool indent, const char *id, const char *what,
                       const char *plural)
{
    Pick p;
    if (!pick_rows(w, rows, n, chart_limit(w), indent, &p)) {
        fprintf(out, "<p class=\"note\">%s</p>\n", _("Diagrammet kunde inte ritas: minnet tog slut."));
        return;
    }
    fputs("<figure>\n", out);
    put_bars(out, w, rows, p.rows, p.n, indent, id, what);
    fputs("<figcaption>", out);
    /* The texts come in two kinds, of pots (in tree order) and of
    ** recipients (largest first): whole sentences, for the translation. */
    bool pots = indent;
    (void)plural;
    if (p.n == n) {
        if (n > 1)   /* one row needs no word on which rows */
            fprintf(out, pots ? _("Alla %zu potter.") : _("Alla %zu mottagare."), n);
    } else if (p.n == p.n_changed) {
        fprintf(out, pots ? _("Diagrammet visar bara potter som ändras: %zu av %zu. Alla finns i tabellen nedan.")
                          : _("Diagrammet visar bara mottagare som ändras: %zu av %zu. Alla finns i tabellen nedan."),
                p.n, n);
    } else if (p.n_changed > 0) {
        fprintf(out, pots ? _("Diagrammet visar de %zu potter som ändras mest (%zu av %zu ändras), i trädordning. "
                              "Alla finns i tabellen nedan.")
                          : _("Diagrammet visar de %zu mottagare som ändras mest (%zu av %zu ändras), störst först. "
                              "Alla finns i tabellen nedan."),
                p.n, p.n_changed, n);
    } else {
        fprintf(out, pots ? _("Diagrammet visar de %zu potter som har störst belopp (av %zu), i trädordning. "
                              "Alla finns i tabellen nedan.")
                          : _("Diagrammet visar de %zu mottagare som har störst belopp (av %zu), störst först. "
                              "Alla finns i tabellen nedan."),
                p.n, n);
    }
    if (w->n_columns > 1)
        fputs(_(" Efter varje stapel står beloppet och, inom parentes, skillnaden mot baslinjen."), out);
    fputs("</figcaption>\n</figure>\n", out);
    free(p.rows);
}

static void put_summary(FILE *out, const WhatIf *w)
{
    size_t nc = w->n_columns;
    bool sweep = w->is_sweep && w->sweep_value;
    fprintf(out, "<section id=\"sammanfattning\">\n<h2>%s</h2>\n", _("Sammanfattning"));
    fprintf(out, "<table class=\"summary\">\n<caption>%s</caption>\n<thead><tr><th scope=\"col\">%s</th>",
            _("Totalt = de översta potternas belopp. Kontrollen visar om totalt = beviljat + ej fördelat och om varje pott "
              "går jämnt ut."),
            _("Kolumn"));
    if (sweep) {
        fputs("<th scope=\"col\">", out);
        put_text(out, w->sweep_what, 0);
        fputs("</th>", out);
    }
    fprintf(out, "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>", _("Totalt"), _("Beviljat"));
    if (nc > 1)
        fprintf(out, "<th scope=\"col\">%s</th>", _("Beviljat, skillnad"));
    bool returned = false;   /* a column where 'kvar återbetalas' paid something back */
    for (size_t c = 0; c < nc; c++)
        returned |= w->returned && w->returned[c] != 0;   /* NULL in a WhatIf made without it */
    if (returned)
        fprintf(out, "<th scope=\"col\">%s</th>", _("Återbetalas"));
    fprintf(out, "<th scope=\"col\">%s</th>", _("Ej fördelat"));
    if (nc > 1)
        fprintf(out, "<th scope=\"col\">%s</th>", _("Ej fördelat, skillnad"));
    fprintf(out, "<th scope=\"col\">%s</th></tr></thead>\n<tbody>\n", _("Kontroll"));
    for (size_t c = 0; c < nc; c++) {
        /* The name on one line ("30 000 000 kr" in a sweep), the
        ** description free to wrap under it. */
        fputs("<tr><th scope=\"row\"><span class=\"colname\">", out);
        put_swatch(out, c);
        put_column(out, w, c, 0);
        fputs("</span>", out);
        if (column_label(w, c) && column_label(w, c)[0]) {
            fputs("<span class=\"label\">", out);
            put_text(out, column_label(w, c), 0);
            fputs("</span>", out);
        }
        fputs("</th>", out);
        if (sweep) {
            fputs("<td>", out);
            put_money(out, w->sweep_value[c]);
            fputs("</td>", out);
        }
        const Money *v[] = {w->total, w->granted, w->unallocated};
        for (int k = 0; k < 3; k++) {
            if (k == 2 && returned) {
                fputs("<td>", out);
                put_money(out, w->returned[c]);
                fputs("</td>", out);
            }
            fputs("<td>", out);
            put_money(out, v[k][c]);
            fputs("</td>", out);
            Money d;
            if (k == 0 || nc == 1)
                continue;
            if (c == 0)
                fputs("<td class=\"same\">–</td>", out);
            else if (!money_sub(v[k][c], v[k][0], &d))
                fprintf(out, "<td>%s</td>", _("för stort"));
            else {
                fprintf(out, "<td class=\"%s\">", diff_class(d));
                put_diff(out, d);
                fputs("</td>", out);
            }
        }
        if (w->conserved[c])
            fprintf(out, "<td class=\"ok\">✓ %s</td>", _("stämmer på öret"));
        else
            fprintf(out, "<td class=\"bad\">✗ %s</td>", _("STÄMMER INTE"));
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void put_section(FILE *out, const WhatIf *w, const WhatIfRow *rows, size_t n,
                        bool pots)
{
    const char *id = pots ? "potter" : "mottagare";
    fprintf(out, "<section id=\"%s\">\n<h2>%s</h2>\n", id,
            pots ? _("Potter och delpotter") : _("Beviljat per mottagare"));
    if (n == 0) {
        fprintf(out, "<p class=\"note\">%s</p>\n</section>\n",
                pots ? _("Inga potter.") : _("Ingen mottagare har beviljats något belopp."));
        return;
    }
    if (w->n_columns > 1) {
        size_t k = 0;
        for (size_t i = 0; i < n; i++)
            k += changed(w, &rows[i]);
        fputs("<p class=\"note\">", out);
        fprintf(out, pots ? P_("%zu av %zu pott får ett annat belopp i minst ett scenario.",
                               "%zu av %zu potter får ett annat belopp i minst ett scenario.", n)
                          : P_("%zu av %zu mottagare får ett annat belopp i minst ett scenario.",
                               "%zu av %zu mottagare får ett annat belopp i minst ett scenario.", n),
                k, n);
        fputs("</p>\n", out);
    }
    put_figure(out, w, rows, n, pots, pots ? "potter-diagram" : "mottagare-diagram",
               pots ? _("Potter") : _("Mottagare"), pots ? "potter" : "mottagare");
    put_table(out, w, rows, n, pots ? _("Pott") : _("Mottagare"), pots);
    fputs("</section>\n", out);
}

/* The parts of every sub-pot of a split with rules (grundbelopp, tak,
** spärr, minst), one row per recipient and a column per run; nothing when no
** run has such a split. */
static void put_parts(FILE *out, const WhatIf *w)
{
    bool any = false;
    for (size_t i = 0; i < w->n_pots && !any; i++)
        any = w->pots[i].parts != NULL;
    if (!any)
        return;
    fprintf(out, "<section id=\"delar\">\n<h2>%s</h2>\n<table class=\"changes\">\n<thead><tr><th scope=\"col\">%s</th>",
            _("Delar per mottagare"), _("Delpott"));
    for (size_t c = 0; c < w->n_columns; c++) {
        fputs("<th scope=\"col\">", out);
        put_column(out, w, c, 0);
        fputs("</th>", out);
    }
    fputs("</tr></thead>\n<tbody>\n", out);
    for (size_t i = 0; i < w->n_pots; i++) {
        const WhatIfRow *r = &w->pots[i];
        if (!r->parts)
            continue;
        fputs("<tr><th scope=\"row\">", out);
        put_text(out, r->name, 0);
        fputs("</th>", out);
        for (size_t c = 0; c < w->n_columns; c++) {
            fputs("<td class=\"text\">", out);
            put_text(out, r->parts[c] ? r->parts[c] : "", 0);
            fputs("</td>", out);
        }
        fputs("</tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

static void put_changes(FILE *out, const WhatIf *w)
{
    fprintf(out, "<section id=\"stodberattigande\">\n<h2>%s</h2>\n", _("Ändrat stödberättigande"));
    if (w->n_changes == 0) {
        fprintf(out, "<p class=\"note\">%s</p>\n</section>\n", _("Ingen ansökan byter status i något scenario."));
        return;
    }
    fputs("<p class=\"note\">", out);
    fprintf(out, P_("%zu ändring jämfört med baslinjen.", "%zu ändringar jämfört med baslinjen.", w->n_changes), w->n_changes);
    fputs("</p>\n", out);
    fprintf(out, "<table class=\"changes\">\n<thead><tr><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th>"
            "<th scope=\"col\">%s</th><th scope=\"col\">%s</th></tr></thead>\n"
            "<tbody>\n", _("Ansökan"), _("Pott"), _("Scenario"), _("Före → efter"), _("Varför"));
    for (size_t i = 0; i < w->n_changes; i++) {
        const WhatIfChange *ch = &w->changes[i];
        fputs("<tr class=\"change\"><th scope=\"row\">", out);
        put_text(out, ch->application, 0);
        fputs("</th><td class=\"text\">", out);
        put_text(out, ch->pot, 0);
        fputs("</td><td class=\"text\">", out);
        if (ch->column < w->n_columns)
            put_column(out, w, ch->column, 0);
        else
            fprintf(out, _("okänd kolumn %zu"), ch->column);
        fprintf(out, "</td><td class=\"text\"><span class=\"st %s\">%s</span> → "
                "<span class=\"st %s\">%s</span></td><td class=\"why\">",
                status_class(ch->before), status_text(ch->before),
                status_class(ch->after), status_text(ch->after));
        put_text(out, ch->why, 0);
        fputs("</td></tr>\n", out);
    }
    fputs("</tbody>\n</table>\n</section>\n", out);
}

/* }====== */

void html_whatif(const WhatIf *w, FILE *out)
{
    const char *title = w->title && w->title[0] ? w->title : _("Jämförelse");
    fprintf(out, "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\">\n"
            "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
            "<title>",
            i18n_language() == LANGUAGE_EN ? "en" : "sv");
    put_text(out, title, 0);
    fprintf(out, "%s</title>\n<style>\n%s", _(" – vad händer om?"), css);
    /* One class per column colour, for SVG shapes and HTML swatches alike. */
    for (size_t k = 0; k < N_COLOURS; k++)
        fprintf(out, ".s%zu{fill:%s;stroke:%s;background:%s}\n", k, colours[k],
                colours[k], colours[k]);
    fputs("</style>\n</head>\n<body>\n", out);
    fputs("<header>\n<h1>", out);
    put_text(out, title, 0);
    fputs("</h1>\n", out);
    if (w->rejected) {
        fputs("<p class=\"lead\"><strong>", out);
        fprintf(out,
                P_("OBS: %zu ansökan avvisades i baslinjen; kolumnerna är räknade utan den, utom där ett scenario läser den "
                   "annorlunda.",
                   "OBS: %zu ansökningar avvisades i baslinjen; kolumnerna är räknade utan dem, utom där ett scenario läser dem "
                   "annorlunda.",
                   w->rejected),
                w->rejected);
        fputs("</strong></p>\n", out);
    }
    fputs("<p class=\"lead\">", out);
    size_t ns = w->n_columns ? w->n_columns - 1 : 0;
    if (w->n_columns == 0) {
        fprintf(out, "%s</p>\n</header>\n</body>\n</html>\n", _("Jämförelsen är tom."));
        return;
    }
    if (ns == 0)
        fputs(_("Vad händer om? Här visas bara baslinjen; inga scenarier jämförs."), out);
    else if (w->is_sweep && w->sweep_value) {
        fputs(_("Vad händer om beloppet för "), out);
        put_text(out, w->sweep_what, 0);
        fprintf(out, P_(" ändras? Baslinjen jämförs med %zu värde.", " ändras? Baslinjen jämförs med %zu värden.", ns), ns);
    } else {
        fputs(_("Vad händer om? Baslinjen jämförs med "), out);
        for (size_t c = 1; c < w->n_columns; c++) {
            fputs(c == 1 ? "" : c + 1 == w->n_columns ? _(" och ") : ", ", out);
            fputs("<b>", out);
            put_column(out, w, c, 0);
            fputs("</b>", out);
        }
        fputc('.', out);
    }
    fprintf(out, "%s</p>\n</header>\n", _(" Alla belopp i kronor, exakta till öret."));

    put_summary(out, w);
    if (w->is_sweep && w->sweep_value) {
        fprintf(out, "<section id=\"svep\">\n<h2>%s", _("Känslighet: "));
        put_text(out, w->sweep_what, 0);
        fputs("</h2>\n", out);
        put_sweep(out, w);
        fputs("</section>\n", out);
    }
    put_section(out, w, w->pots, w->n_pots, true);
    put_parts(out, w);
    put_section(out, w, w->grants, w->n_grants, false);
    put_changes(out, w);
    fprintf(out, "<footer>%s", _("Skapad av medel. "));
    if (ns > 0)
        fputs(_("Skillnad = scenario minus baslinje. "), out);
    fprintf(out, "%s</footer>\n</body>\n</html>\n", _("Staplar och linjer är ritade efter beloppen; beloppen i text är exakta."));
}
