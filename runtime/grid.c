/*
** grid.c: the aligned text tables of grid.h.
*/
#include "grid.h"

#include <stdarg.h>
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

static const char **new_row(Grid *g)
{
    if (g->n_rows == g->cap) {
        size_t cap = g->cap ? 2 * g->cap : 32;
        g->cells = arena_grow(g->a, g->cells, g->n_rows * g->n_cols, cap * g->n_cols, sizeof *g->cells);
        g->cap = cap;
    }
    return &g->cells[g->n_rows++ * g->n_cols];
}

void grid_row(Grid *g, ...)
{
    const char **row = new_row(g);
    va_list ap;
    va_start(ap, g);
    for (size_t c = 0; c < g->n_cols; c++) {
        const char *s = va_arg(ap, const char *);
        row[c] = arena_strdup(g->a, s ? s : "");
    }
    va_end(ap);
}

void grid_row_array(Grid *g, const char *const *cells)
{
    const char **row = new_row(g);
    for (size_t c = 0; c < g->n_cols; c++)
        row[c] = arena_strdup(g->a, cells[c] ? cells[c] : "");
}

/* As the table shows s: with control and invisible characters escaped
** (the reports' streams escape them, out_escape). */
static size_t width(const char *s)
{
    return diag_shown_width(s, strlen(s));
}

static void spaces(FILE *out, size_t n)
{
    for (; n; n--)
        fputc(' ', out);
}

void grid_print(const Grid *g, FILE *out, const char *indent)
{
    size_t *w = arena_alloc(g->a, (g->n_cols + 1) * sizeof *w);
    for (size_t c = 0; c < g->n_cols; c++)
        w[c] = g->min_width[c];
    for (size_t r = 0; r < g->n_rows; r++)
        for (size_t c = 0; c < g->n_cols; c++) {
            size_t x = width(g->cells[r * g->n_cols + c]);
            if (x > w[c])
                w[c] = x;
        }
    for (size_t r = 0; r < g->n_rows; r++) {
        size_t last = g->n_cols;
        while (last > 0 && !g->cells[r * g->n_cols + last - 1][0])
            last--;
        fputs(indent, out);
        for (size_t c = 0; c < last; c++) {
            const char *s = g->cells[r * g->n_cols + c];
            size_t pad = w[c] - width(s);
            if (c)
                fputs("  ", out);
            if (g->right[c])
                spaces(out, pad);
            fputs(s, out);
            if (!g->right[c] && c + 1 < last)
                spaces(out, pad);
        }
        fputc('\n', out);
    }
}
