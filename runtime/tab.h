/*
** tab.h: one table of a report, written cell by cell into either a
** worksheet (workbook.h), a CSV table for Swedish Excel (UTF-8 with BOM,
** ';', amounts as kronor with a decimal comma, formula-like texts
** neutralised) or an HTML table (a document's, e.g. the decision basis), so
** that a sheet and its other forms are made by the same code and hold the
** same cells. The header row is the columns' headings in all.
*/
#ifndef RUNTIME_TAB_H
#define RUNTIME_TAB_H

#include <stdint.h>
#include <stdio.h>

#include "money.h"
#include "workbook.h"

typedef struct Tab {
    Sheet *sheet;          /* a worksheet, or NULL ... */
    FILE *csv;             /* ... a CSV stream (borrowed) ... */
    FILE *html;            /* ... or an HTML stream (borrowed); cells are collected as for CSV */
    const SheetColumn *cols; /* HTML: the columns (borrowed), for each cell's class */
    size_t n_cols;
    /* CSV and HTML: the current row's cells, each NUL-terminated in one
    ** buffer (malloc'd, reused from row to row: a table of allocate has a row
    ** per application, and a malloc per cell was a fifth of its time). */
    char *bytes;
    size_t n_bytes, cap_bytes;
    size_t *at;            /* per cell: where it starts in bytes, or SIZE_MAX where empty */
    bool *raw;             /* per cell, a number medel wrote (never neutralised) */
    char *line;            /* CSV: the row as written, for one fwrite (malloc'd, reused) */
    size_t cap_line;
    bool in_row;
} Tab;

/* Kronor for Excel: digits and a decimal comma, no grouping ("1500000",
** "1500,50"), which Swedish Excel reads as a number. Returns buf. */
const char *tab_kr(Money m, char *buf, size_t n);

/* A new sheet `name` (a Swedish msgid, marked N_()) of w with the columns
** cols[0..n) (copied); the name and the headings not verbatim are shown in
** the chosen language (workbook_sheet). */
void tab_sheet(Tab *t, Workbook *w, const char *name, const SheetColumn *cols, size_t n);

/* A CSV table on out: the BOM and the header row are written now, with the
** headings as they are (Swedish in every language: programs read them). */
void tab_csv(Tab *t, FILE *out, const SheetColumn *cols, size_t n);

/* An HTML table on out, of class `cls` (our own word, not escaped): the
** header row (headings in the chosen language, as a sheet's) in a <thead>,
** so that a printed page repeats it. Cells are escaped (html.h); amounts
** read "1 500 000 kr" and sit in a cell of class "kr". cols must outlive t.
** tab_end closes the table. */
void tab_html(Tab *t, FILE *out, const char *cls, const SheetColumn *cols, size_t n);

/* Starts the next row (the one before it is written out). */
void tab_row(Tab *t);

void tab_text(Tab *t, size_t col, const char *s);          /* NULL or "": empty */
/* A fixed word or text of medel's (a Swedish msgid, marked N_()): in a sheet
** (and HTML) in the chosen language, in CSV as it is, since a CSV table's words are
** what programs filter on (tab_msg gives the text itself). */
void tab_word(Tab *t, size_t col, const char *msgid);
const char *tab_msg(const Tab *t, const char *msgid) __attribute__((format_arg(2)));
void tab_textn(Tab *t, size_t col, const char *s, size_t len);
void tab_money(Tab *t, size_t col, Money m);               /* öre, shown as kronor */
void tab_int(Tab *t, size_t col, int64_t v);
/* A share num/den (den > 0): in a sheet a number with the column's style, in
** CSV a percentage with two decimals ("25,50 %"). */
void tab_fraction(Tab *t, size_t col, int64_t num, int64_t den);

/* Ends the table (writes the last CSV row) and frees what it holds. */
void tab_end(Tab *t);

#endif
