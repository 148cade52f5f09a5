/*
** grid.h: aligned text tables for the reports people read (check --format
** table, explain, allocate, validate's account of a rule file, what-if).
** Cells are buffered because the widths are known only at the end; a
** column's width is its widest cell in display columns (utf8proc's widths,
** with the characters that the report's stream escapes counted as escaped,
** diag_shown_width), so å, ä, ö and wide characters line up. Columns are
** separated by two spaces; a right-aligned column (amounts) is padded on the
** left; no line ends in blanks.
*/
#ifndef RUNTIME_GRID_H
#define RUNTIME_GRID_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "arena.h"

typedef struct Grid {
    Arena *a;
    size_t n_cols;
    const char **cells;   /* row-major, copies in the arena */
    size_t n_rows, cap;
    bool *right;          /* per column: right-aligned */
    size_t *min_width;    /* per column: at least this wide */
} Grid;

/* Starts an empty grid of n_cols columns, everything in `a`. Bit i of
** `right` makes column i (< 32) right-aligned; grid_align_right does any. */
void grid_init(Grid *g, Arena *a, size_t n_cols, unsigned right);
void grid_align_right(Grid *g, size_t col);

/* Makes column col at least w display columns wide. */
void grid_min_width(Grid *g, size_t col, size_t w);

/* Adds a row of n_cols cells (const char *, NULL for an empty one); copied. */
void grid_row(Grid *g, ...);

/* The same from an array of n_cols cells. */
void grid_row_array(Grid *g, const char *const *cells);

/* Prints every row, each after `indent`. */
void grid_print(const Grid *g, FILE *out, const char *indent);

#endif
