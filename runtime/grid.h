/*
** grid.h: aligned text tables for the reports people read (check --format
** table, explain, allocate, validate's account of a rule file, what-if).
** Cells are buffered because the widths are known only at the end; a
** column's width is its widest cell in display columns (utf8proc's widths,
** with the characters that the report's stream escapes counted as escaped,
** diag_shown_width), so å, ä, ö and wide characters line up. Columns are
** separated by two spaces; a right-aligned column (amounts) is padded on the
** left; no line ends in blanks.
**
** A streaming grid (grid_stream, for check's table of any number of
** applications) holds at most a bounded look-ahead of rows. When the whole
** table fits in it, grid_end prints exactly what grid_print would. When it
** does not, the widths are fixed at the first row past the bound from the
** rows held, the widths the caller knows in advance (grid_hint_width) and
** grid_min_width; the rows held are printed and every later row as it comes.
** A later cell wider than its column is printed whole and that row runs
** wider: a cell is never cut or lost.
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
    /* Streaming (grid_stream); all zero / NULL otherwise. */
    FILE *out;
    const char *indent;
    size_t *hint;         /* per column: a width known in advance, used once the widths are fixed */
    size_t *fixed;        /* per column: the fixed widths, once the look-ahead ran over; else NULL */
    size_t max_rows, max_bytes;
    size_t held_bytes;    /* the cells' bytes held now */
    size_t most_held;     /* the most rows ever held at once (tests read it) */
    Arena own;            /* the rows held, freed once they are printed */
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

/* Prints every row, each after `indent`. Not for a streaming grid. */
void grid_print(const Grid *g, FILE *out, const char *indent);

/* The look-ahead of a streaming grid: rows, and bytes of cells. */
enum { GRID_AHEAD_ROWS = 4096, GRID_AHEAD_BYTES = 4 << 20 };

/* Makes g (just made by grid_init, no rows yet) a streaming grid that prints
** to out, each row after `indent` (kept, not copied), holding at most
** max_rows rows or max_bytes bytes of cells (GRID_AHEAD_*) before the widths
** are fixed. Its rows are then in its own memory, which grid_end frees. */
void grid_stream(Grid *g, FILE *out, const char *indent, size_t max_rows, size_t max_bytes);

/* Makes column col at least w display columns wide if the widths are fixed
** past the look-ahead (only then: a table that fits is as grid_print makes
** it). For the cells whose every possible text the caller knows. */
void grid_hint_width(Grid *g, size_t col, size_t w);

/* The display width of s as a grid shows it (for grid_hint_width). */
size_t grid_width(const char *s);

/* Prints the rows a streaming grid still holds and frees its memory. */
void grid_end(Grid *g);

#endif
