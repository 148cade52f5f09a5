/*
** grid.c: the aligned text tables of grid.h.
*/
#include "grid.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "diag.h"

void grid_init(Grid *g, Arena *a, size_t n_cols, unsigned right)
{
    memset(g, 0, sizeof *g);
    g->a = a;
    g->n_cols = n_cols;
    g->right = arena_alloc(a, (n_cols + 1) * sizeof *g->right);
    g->min_width = arena_alloc(a, (n_cols + 1) * sizeof *g->min_width);
    for (size_t c = 0; c < n_cols && c < 32; c++)
        g->right[c] = (right >> c) & 1u;
}

void grid_align_right(Grid *g, size_t col)
{
    if (col < g->n_cols)
        g->right[col] = true;
}

void grid_min_width(Grid *g, size_t col, size_t w)
{
    if (col < g->n_cols)
        g->min_width[col] = w;
}

void grid_stream(Grid *g, FILE *out, const char *indent, size_t max_rows, size_t max_bytes)
{
    g->out = out;
    g->indent = indent;
    g->max_rows = max_rows ? max_rows : 1;
    g->max_bytes = max_bytes;
    g->hint = arena_alloc(g->a, (g->n_cols + 1) * sizeof *g->hint);
    memset(g->hint, 0, (g->n_cols + 1) * sizeof *g->hint);
    arena_init(&g->own);
}

void grid_hint_width(Grid *g, size_t col, size_t w)
{
    if (g->hint && col < g->n_cols && w > g->hint[col])
        g->hint[col] = w;
}

/* As the table shows s: with control and invisible characters escaped
** (the reports' streams escape them, out_escape). */
size_t grid_width(const char *s)
{
    return diag_shown_width(s, strlen(s));
}

static void spaces(FILE *out, size_t n)
{
    for (; n; n--)
        fputc(' ', out);
}

/* One row of n cells in columns w wide. A cell wider than its column (only
** past a streaming grid's look-ahead) is printed whole, and the rest of the
** row moves right by as much. */
static void print_row(FILE *out, const char *indent, const char *const *row, size_t n, const bool *right,
                      const size_t *w)
{
    size_t last = n;
    while (last > 0 && !row[last - 1][0])
        last--;
    fputs(indent, out);
    for (size_t c = 0; c < last; c++) {
        const char *s = row[c];
        size_t x = grid_width(s);
        size_t pad = w[c] > x ? w[c] - x : 0;
        if (c)
            fputs("  ", out);
        if (right[c])
            spaces(out, pad);
        fputs(s, out);
        if (!right[c] && c + 1 < last)
            spaces(out, pad);
    }
    fputc('\n', out);
}

/* The widths of rows[0..n_rows): min_width, then the widest cell of each
** column. Into w (n_cols). */
static void fit(const Grid *g, size_t *w)
{
    for (size_t c = 0; c < g->n_cols; c++)
        w[c] = g->min_width[c];
    for (size_t r = 0; r < g->n_rows; r++)
        for (size_t c = 0; c < g->n_cols; c++) {
            size_t x = grid_width(g->cells[r * g->n_cols + c]);
            if (x > w[c])
                w[c] = x;
        }
}

static void print_held(const Grid *g, FILE *out, const char *indent, const size_t *w)
{
    for (size_t r = 0; r < g->n_rows; r++)
        print_row(out, indent, &g->cells[r * g->n_cols], g->n_cols, g->right, w);
}

/* A streaming grid's look-ahead is full: fixes the widths from the rows
** held and the hints, prints the rows and lets them go. */
static void fix_widths(Grid *g)
{
    g->fixed = arena_alloc(g->a, (g->n_cols + 1) * sizeof *g->fixed);
    fit(g, g->fixed);
    for (size_t c = 0; c < g->n_cols; c++)
        if (g->hint[c] > g->fixed[c])
            g->fixed[c] = g->hint[c];
    print_held(g, g->out, g->indent, g->fixed);
    arena_reset(&g->own);
    g->cells = NULL;
    g->n_rows = g->cap = 0;
    g->held_bytes = 0;
}

/* Adds a row of n_cols cells (NULL for ""): copied into the grid, or, for
** a streaming grid whose widths are fixed, printed at once. */
static void add_row(Grid *g, const char *const *cells)
{
    if (g->out && !g->fixed) {
        size_t bytes = 0;
        for (size_t c = 0; c < g->n_cols; c++)
            bytes += (cells[c] ? strlen(cells[c]) : 0) + 1;
        /* Full before this row: a table of exactly the bound still fits. */
        if (g->n_rows >= g->max_rows || (g->n_rows && g->held_bytes + bytes > g->max_bytes))
            fix_widths(g);
        else
            g->held_bytes += bytes;
    }
    if (g->fixed) {
        const char *tmp[32];
        const char **row = g->n_cols <= 32 ? tmp : xmalloc(g->n_cols * sizeof *row);
        for (size_t c = 0; c < g->n_cols; c++)
            row[c] = cells[c] ? cells[c] : "";
        print_row(g->out, g->indent, row, g->n_cols, g->right, g->fixed);
        if (row != tmp)
            free(row);
        return;
    }
    Arena *a = g->out ? &g->own : g->a;
    if (g->n_rows == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 32;
        g->cells = arena_grow(a, g->cells, g->n_rows * g->n_cols, cap * g->n_cols, sizeof *g->cells);
        g->cap = cap;
    }
    const char **row = &g->cells[g->n_rows++ * g->n_cols];
    for (size_t c = 0; c < g->n_cols; c++)
        row[c] = arena_strdup(a, cells[c] ? cells[c] : "");
    if (g->n_rows > g->most_held)
        g->most_held = g->n_rows;
}

void grid_row(Grid *g, ...)
{
    const char *tmp[32];
    const char **cells = g->n_cols <= 32 ? tmp : xmalloc(g->n_cols * sizeof *cells);
    va_list ap;
    va_start(ap, g);
    for (size_t c = 0; c < g->n_cols; c++)
        cells[c] = va_arg(ap, const char *);
    va_end(ap);
    add_row(g, cells);
    if (cells != tmp)
        free(cells);
}

void grid_row_array(Grid *g, const char *const *cells)
{
    add_row(g, cells);
}

void grid_print(const Grid *g, FILE *out, const char *indent)
{
    size_t *w = arena_alloc(g->a, (g->n_cols + 1) * sizeof *w);
    fit(g, w);
    print_held(g, out, indent, w);
}

void grid_end(Grid *g)
{
    if (!g->out)
        return;
    if (!g->fixed) {   /* it all fitted: as grid_print */
        size_t *w = arena_alloc(g->a, (g->n_cols + 1) * sizeof *w);
        fit(g, w);
        print_held(g, g->out, g->indent, w);
    }
    arena_free(&g->own);
    g->cells = NULL;
    g->n_rows = g->cap = 0;
}
