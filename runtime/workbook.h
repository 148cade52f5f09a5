/*
** workbook.h: Excel workbooks for people, written with libxlsxwriter. Every
** sheet medel writes has the same shape: a bold header row, frozen, an
** autofilter over the rows written, and column widths fitted to what was
** written (within bounds), so an officer can sort, filter and sum without
** editing. Amounts are numbers in kronor formatted `# ##0 kr` (with öre as
** decimals where there are öre), so sums in Excel work.
**
** A workbook is built in a temporary file and copied to the output stream
** only by workbook_end, so a run that fails writes no byte of it. Errors
** (libxlsxwriter's, a sheet past Excel's row limit) are kept, the first one
** wins, and workbook_end reports it; the sheet calls need no checking.
*/
#ifndef RUNTIME_WORKBOOK_H
#define RUNTIME_WORKBOOK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "money.h"

/* The most rows of one sheet (Excel's limit), header included. */
#define WORKBOOK_MAX_ROWS 1048576u

/* The longest text of one cell (Excel's limit, in bytes here: a longer text
** is cut at a character boundary and ends in WORKBOOK_CUT_MARK, in the
** chosen language, and the cut is counted by workbook_cuts). */
#define WORKBOOK_MAX_TEXT 32767u
#define WORKBOOK_CUT_MARK " … (avkortad)"

typedef struct Workbook Workbook;
typedef struct Sheet Sheet;

/* How a column shows its cells. */
typedef enum SheetStyle {
    SHEET_TEXT,     /* plain text, one line */
    SHEET_WRAP,     /* longer text (reasons), wrapped, top-aligned */
    SHEET_KR,       /* an amount: `# ##0 kr`, or `# ##0,00 kr` when it has öre */
    SHEET_INT,      /* a whole number: `# ##0` */
    SHEET_PERCENT   /* a share written as a fraction (0.25 shows 25 %) */
} SheetStyle;

typedef struct SheetColumn {
    const char *header;   /* Swedish heading, e.g. "Sökt belopp", marked N_(): shown in the chosen language ... */
    SheetStyle style;
    bool verbatim;        /* ... unless this is set: a heading from the rules or the run (a field's column, a
                          ** criterion, a scenario), shown as it is in every language */
} SheetColumn;

/* A new, empty workbook in a temporary file. NULL on failure, with the
** reason in err (errlen bytes). Free it with workbook_end or workbook_abort. */
Workbook *workbook_begin(char *err, size_t errlen);

/* The same for a workbook whose every sheet is written row after row, each
** row only after the one before it, and no cell of a row written once a
** later row has a cell (check's: an application after the other). Its rows
** then go to a temporary file per sheet as they come (libxlsxwriter's
** constant_memory), so its memory does not grow with its rows; its text
** cells are stored inline rather than as shared strings, which Excel,
** LibreOffice and medel's own reader read alike. A cell written out of
** order would be lost: every other workbook uses workbook_begin. */
Workbook *workbook_begin_in_order(char *err, size_t errlen);

/* Adds a sheet named `name` (at most 31 characters, none of []:*?/\; the
** caller's names are fixed words, in the chosen language: _("Scenarier"))
** with columns cols[0..n), writes its header row (each heading translated
** unless verbatim), and returns it. The workbook owns the sheet; cols is
** copied. NULL only after an error that workbook_end will report. */
Sheet *workbook_sheet(Workbook *w, const char *name, const SheetColumn *cols, size_t n);

/* Starts the next row of s (the first call makes row 2, under the header).
** Cells are written into the current row by column index. */
void sheet_row(Sheet *s);

/* A text cell (UTF-8; NULL or "" leaves the cell empty). */
void sheet_text(Sheet *s, size_t col, const char *text);
void sheet_textn(Sheet *s, size_t col, const char *text, size_t len);

/* An amount in öre, written as kronor. */
void sheet_money(Sheet *s, size_t col, Money m);

/* A whole number. */
void sheet_int(Sheet *s, size_t col, int64_t v);

/* A fraction num/den written as a number with the column's style (for
** SHEET_PERCENT, 1/4 shows as 25 %). den must not be 0. */
void sheet_fraction(Sheet *s, size_t col, int64_t num, int64_t den);

/* The sheet's libxlsxwriter worksheet, for what this module does not wrap
** (data validation, comments). Borrowed; valid until workbook_end. */
struct lxw_worksheet *sheet_worksheet(Sheet *s);

/* The number of the current row (0-based, as libxlsxwriter counts; the
** header is row 0). */
uint32_t sheet_current_row(const Sheet *s);

/* Hides the sheet (lists that data validation refers to). */
void sheet_hide(Sheet *s);

/* Formats column col as text ('@') for what a person types into it, so that
** Excel keeps "13-22" or "001" as typed instead of making a date or a
** number of it (a template's columns of text, ranges and names). */
void sheet_column_text(Sheet *s, size_t col);

/* Formats column col as whole kronor (#,##0" kr") for what a person types
** into it, so that a typed 450000 shows as "450 000 kr" (a template's
** amount columns). */
void sheet_column_kr(Sheet *s, size_t col);

/* How many texts were cut at WORKBOOK_MAX_TEXT so far. */
size_t workbook_cuts(const Workbook *w);

/* Records an error of the caller's (e.g. a lookup that failed) so that
** workbook_end fails with it; the first error is kept. */
void workbook_fail(Workbook *w, const char *msg);

/* Finishes the workbook: fits the columns, sets the autofilters, closes it
** and copies its bytes to out. Frees w in every case. Returns false with
** the reason in err when anything failed (nothing was copied to out then). */
bool workbook_end(Workbook *w, FILE *out, char *err, size_t errlen);

/* Abandons the workbook and frees it. NULL is allowed. */
void workbook_abort(Workbook *w);

#endif
