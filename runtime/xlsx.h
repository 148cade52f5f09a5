/*
** xlsx.h: a streaming reader of one sheet of an Excel workbook (.xlsx,
** Office Open XML), row by row, for applications and data tables. libzip
** opens the container, expat reads the XML: the sheet is never held in
** memory whole, only the row being read, the shared-string table and the
** styles.
**
** Every cell comes out as text in the forms input_cell (input.h) reads:
** texts as written; numbers as their exact decimal text ("450000",
** "1234.5", "1500000" for 1.5E+6; float noise of a value with at most two
** decimals, such as 1234.5600000000001, as that value); a number with a
** date format as ISO text ("2021-03-15"); with a percent format as
** "25 %"; booleans as "ja" / "nej". A formula cell gives its cached value.
** An error value (#N/A, #REF!) or a formula saved without a value is a
** cell of its own kind, which the caller reports where it matters.
*/
#ifndef RUNTIME_XLSX_H
#define RUNTIME_XLSX_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "csv.h"

/* Excel's own limits: rows 1..1 048 576, columns A..XFD (16 384). */
#define XLSX_MAX_ROWS 1048576u
#define XLSX_MAX_COLS 16384u
/* The workbook file, read into memory whole (compressed). */
#define XLSX_MAX_FILE_MIB 1024
/* An entry (the sheet, the shared strings) inflates to at most this much,
** declared and counted as it inflates. */
#define XLSX_MAX_ENTRY_MIB 4096
/* An entry over XLSX_RATIO_MIN_MIB inflated whose declared size is more
** than XLSX_MAX_RATIO times its compressed size is a zip bomb: deflate's own
** limit is about 1032:1, and real sheets (a million formatted empty rows
** among them) stay far below it. */
#define XLSX_MAX_RATIO 1000
#define XLSX_RATIO_MIN_MIB 16
/* The shared-string table: at most this many strings, this many bytes. */
#define XLSX_MAX_SHARED_STRINGS 16777216u
#define XLSX_MAX_SHARED_MIB 512
/* The styles and the workbook part (small in any real file). */
#define XLSX_MAX_PART_MIB 64

typedef enum XlsxKind {
    XLSX_EMPTY = 0,   /* no value */
    XLSX_VALUE,       /* a value, as text */
    XLSX_ERROR,       /* an error value (the text is "#N/A", "#REF!", ...) */
    XLSX_NO_VALUE     /* a formula saved without its computed value */
} XlsxKind;

typedef struct XlsxReader XlsxReader;

/* Opens the sheet named `sheet` (NULL: the first visible sheet; a name is
** matched ignoring case, as Excel does, and may name a hidden sheet) of the
** workbook in
** bytes[0..len) (taken: freed by xlsx_close, or here on failure). On failure
** returns NULL and writes why into why[0..n) in English, to follow "FILE: ". */
XlsxReader *xlsx_open(char *bytes, size_t len, const char *sheet, char *why, size_t n);

/* The next row with a value: 1 (fields[0..n) the cells from column A to the
** last with a value, kinds[0..n) their XlsxKind, *row the sheet row), 0 at
** the end of the sheet, -1 when the sheet is broken (see xlsx_error). All
** owned by the reader until the next call. Rows with no value are skipped
** (those between rows with values counted: xlsx_empty_rows). */
int xlsx_next(XlsxReader *r, CsvField **fields, const unsigned char **kinds, size_t *n, uint32_t *row);

/* Why the last xlsx_next returned -1, located ("Blad1!D7: ..." or
** "Blad1: ..."), to follow "FILE:". Borrowed. */
const char *xlsx_error(const XlsxReader *r);

/* The sheet's name (borrowed). */
const char *xlsx_sheet(const XlsxReader *r);

/* Rows of the sheet with no value above the last row with a value read
** so far (listed in the sheet or not): skipped. Rows below the last value
** are formatting, not rows, and are not counted. */
size_t xlsx_empty_rows(const XlsxReader *r);

void xlsx_close(XlsxReader *r);

/* A cell's location as messages name it: "Blad1!D7", or with col < 0 the
** row "Blad1:7"; a sheet name with other than letters, digits and '_' is
** quoted as Excel does ('Mitt blad'!D7). Writes at most n bytes. */
char *xlsx_where(const char *sheet, long col, size_t row, char *buf, size_t n);

/* ---- the pieces, exposed for the unit tests ---- */

/* A column's letters for index col (0 = A): at most 3 letters and a NUL. */
char *xlsx_col_name(uint32_t col, char buf[4]);

/* Parses a cell reference ("D7", "XFD1048576") into a 0-based column and a
** 1-based row; false when it is not one or is past Excel's limits. */
bool xlsx_parse_ref(const char *s, size_t len, uint32_t *col, uint32_t *row);

/* The exact decimal text of a number as Excel writes it in <v> ("1234.5",
** "1.5E+6", "-0.25", "1234.5600000000001"): no exponent, no trailing zeros,
** float noise of a value with at most two decimals (15 or more significant
** digits, within one unit of the 15th of that value) read as that value;
** with percent, the value times 100. False when s is no number or too large
** to write out (an exponent past 30). */
bool xlsx_number_text(const char *s, size_t len, bool percent, char *buf, size_t n);

/* The ISO text of date serial s (a number's text, as above) in the 1900
** date system (or 1904): "2021-03-15", with a time "2021-03-15 12:30:00",
** a time alone "12:30:00". Serial 60 is 1900-02-29, the day Excel counts
** (Lotus 1-2-3's leap-year bug). False when s is out of Excel's range. */
bool xlsx_date_text(const char *s, size_t len, bool date1904, char *buf, size_t n);

/* Decodes Excel's _xHHHH_ escapes (control characters in a text) in place;
** returns the new length. */
size_t xlsx_unescape(char *s, size_t len);

/* Whether a number format code (as in styles.xml) shows a date or a
** percent: 'd' for a date or time, '%' for a percent, 0 for neither. */
char xlsx_format_kind(const char *code);

#endif
